#include <stdlib.h>
#include <string.h>

#include "input_int.h"

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

int sr_input_parse_date(const char *s, size_t n, char out[11])
{
    int v[8], k = 0;
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        for (size_t i = 0; i < 10; i++) {
            if (i == 4 || i == 7)
                continue;
            if (s[i] < '0' || s[i] > '9')
                return SR_EPARSE;
            v[k++] = s[i] - '0';
        }
    } else if (n == 8) {
        for (size_t i = 0; i < 8; i++) {
            if (s[i] < '0' || s[i] > '9')
                return SR_EPARSE;
            v[k++] = s[i] - '0';
        }
    } else {
        return SR_EPARSE;
    }
    int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    int m = v[4] * 10 + v[5], d = v[6] * 10 + v[7];
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
        return SR_EPARSE;
    /* "%04d-%02d-%02d" of y, m and d is their digits as read */
    static const int at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; i++)
        out[at[i]] = (char)('0' + v[i]);
    out[4] = out[7] = '-';
    out[10] = 0;
    return SR_OK;
}

/* ---- TABARI records -------------------------------------------------------- */

/* Two-digit years as TABARI reads them: 00-29 are 20xx, 30-99 are 19xx;
 * eight digits are YYYYMMDD. */
static void tabari_date(const char *s, size_t ndigits, char out[11])
{
    char tmp[9];
    if (ndigits == 8) {
        memcpy(tmp, s, 8);
    } else {
        int yy = (s[0] - '0') * 10 + (s[1] - '0');
        snprintf(tmp, sizeof tmp, "%04d%.4s", yy < 30 ? 2000 + yy : 1900 + yy, s + 2);
    }
    if (sr_input_parse_date(tmp, 8, out))
        out[0] = 0;
}

/* Collects "{ OPTION: ... }" settings from a comment block, in order. */
static int collect_options(sr_arena *a, sr_doc *doc, const char *c, size_t n)
{
    sr_vec v = {0};
    const char *p = c, *end = c + n;
    while (p < end) {
        const char *o = memchr(p, '{', (size_t)(end - p));
        if (!o)
            break;
        const char *q = o + 1;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        const char *close = memchr(o, '}', (size_t)(end - o));
        if (!close)
            break;
        if ((size_t)(end - q) >= 7 && memcmp(q, "OPTION:", 7) == 0) {
            const char **slot = sr_vec_push(&v, a, sizeof *slot);
            if (!slot || !(*slot = sr_arena_strndup(a, q + 7, (size_t)(close - q - 7))))
                return SR_ENOMEM;
        }
        p = close + 1;
    }
    doc->options = v.items;
    doc->nopts = v.len;
    return SR_OK;
}

int input_next_tabari(sr_reader *r, sr_arena *a, sr_doc *doc, sr_error *err)
{
    int rc;
    /* Skip to the next header; stray lines between records are reported. */
    for (;;) {
        rc = input_getline(r);
        if (rc < 0) {
            r->done = 1;
            return sr_error_set(err, SR_EIO, r->name, r->lineno, 0, "read error");
        }
        if (rc == 0) {
            r->done = 1;
            return 0;
        }
        if (input_is_blank(r->line, r->line_len) || r->line[0] == '#')
            continue;
        if (input_is_tabari_header(r->line, r->line_len))
            break;
        long bad = r->lineno;
        int bad_date = 0;
        while ((size_t)bad_date < r->line_len && r->line[bad_date] >= '0' && r->line[bad_date] <= '9')
            bad_date++;
        if (bad_date < 6 || (size_t)bad_date >= r->line_len ||
            (r->line[bad_date] != ' ' && r->line[bad_date] != '\t'))
            bad_date = 0;
        /* Consume the rest of the stray paragraph so it is one error. */
        while ((rc = input_getline(r)) > 0 && !input_is_blank(r->line, r->line_len)) {
            if (input_is_tabari_header(r->line, r->line_len)) {
                input_unget(r);
                break;
            }
        }
        if (bad_date)
            return sr_error_set(err, SR_EPARSE, r->name, bad, 0,
                                "record header has a malformed date (%d digits; expected "
                                "YYMMDD or YYYYMMDD): record skipped", bad_date);
        return sr_error_set(err, SR_EPARSE, r->name, bad, 0,
                            "expected a TABARI record header \"YYMMDD ID\"");
    }
    r->ndocs++;
    doc->line = r->lineno;
    char date[11];
    size_t i = 0;
    while (r->line[i] >= '0' && r->line[i] <= '9')
        i++;
    tabari_date(r->line, i, date);
    if (date[0])
        doc->date = sr_arena_strndup(a, date, 10);
    while (r->line[i] == ' ' || r->line[i] == '\t')
        i++;
    size_t j = i;
    while (j < r->line_len && r->line[j] != ' ' && r->line[j] != '\t' && r->line[j] != '\r')
        j++;
    const char *idraw;
    size_t idlen;
    if ((rc = input_clean(a, r->line + i, j - i, &idraw, &idlen, NULL, NULL)))
        return sr_error_set(err, rc, r->name, r->lineno, 0, "out of memory");
    doc->id = idraw;
    sr_buf text = SR_BUF_INIT, comment = SR_BUF_INIT;
    int in_comment = 0;
    long first_text_line = 0;
    while ((rc = input_getline(r)) > 0) {
        const char *s = r->line;
        size_t n = r->line_len;
        if (!in_comment && input_is_blank(s, n))
            break;
        if (!in_comment && input_is_tabari_header(s, n) && text.len == 0 && comment.len == 0) {
            input_unget(r);
            break;
        }
        if (!in_comment) {
            const char *open = NULL;
            for (size_t k = 0; k + 1 < n; k++)
                if (s[k] == '/' && s[k + 1] == '*') {
                    open = s + k;
                    break;
                }
            if (open) {
                if (open > s && (rc = sr_buf_put(&text, s, (size_t)(open - s))))
                    break;
                in_comment = 1;
                n -= (size_t)(open + 2 - s);
                s = open + 2;
            } else {
                if (!first_text_line)
                    first_text_line = r->lineno;
                if ((rc = sr_buf_put(&text, s, n)) || (rc = sr_buf_putc(&text, '\n')))
                    break;
                continue;
            }
        }
        const char *close = NULL;
        for (size_t k = 0; k + 1 < n; k++)
            if (s[k] == '*' && s[k + 1] == '/') {
                close = s + k;
                break;
            }
        size_t part = close ? (size_t)(close - s) : n;
        if ((rc = sr_buf_put(&comment, s, part)) || (rc = sr_buf_putc(&comment, '\n')))
            break;
        if (close)
            in_comment = 0;
    }
    if (rc < 0) {
        sr_buf_free(&text);
        sr_buf_free(&comment);
        r->done = 1;
        return sr_error_set(err, rc, r->name, r->lineno, 0, "%s", sr_errmsg(rc));
    }
    if (in_comment) {
        /* An unclosed comment swallowed the rest of the file: say where. */
        sr_buf_free(&text);
        sr_buf_free(&comment);
        return sr_error_set(err, SR_EPARSE, r->name, doc->line, 0,
                            "record %s: comment block opened with /* is never closed", doc->id);
    }
    while (text.len && (text.data[text.len - 1] == '\n' || text.data[text.len - 1] == ' '))
        text.len--;
    rc = input_clean(a, text.data ? text.data : "", text.len, &doc->text, &doc->text_len,
                     &doc->warning, &doc->warning_byte);
    if (!rc && comment.len) {
        const char *c;
        size_t clen;
        rc = input_clean(a, comment.data, comment.len, &c, &clen, NULL, NULL);
        if (!rc) {
            doc->comment = c;
            rc = collect_options(a, doc, c, clen);
        }
    }
    sr_buf_free(&text);
    sr_buf_free(&comment);
    if (rc)
        return sr_error_set(err, rc, r->name, doc->line, 0, "%s", sr_errmsg(rc));
    return 1;
}

/* ---- plain text ---------------------------------------------------------- */

int input_next_text(sr_reader *r, sr_arena *a, sr_doc *doc, sr_error *err)
{
    int rc;
    sr_buf all = SR_BUF_INIT;
    r->done = 1;
    doc->line = 1;
    if (r->pre.len && (rc = sr_buf_put(&all, r->pre.data, r->pre.len)))
        goto fail;
    while ((rc = input_getline(r)) > 0) {
        if ((rc = sr_buf_put(&all, r->line, r->line_len)) || (rc = sr_buf_putc(&all, '\n')))
            goto fail;
    }
    if (rc < 0)
        goto fail;
    while (all.len && (all.data[all.len - 1] == '\n' || all.data[all.len - 1] == '\r'))
        all.len--;
    if (input_is_blank(all.data ? all.data : "", all.len)) {
        sr_buf_free(&all);
        return sr_error_set(err, SR_EEMPTY, r->name, 0, 0, "empty input: no document");
    }
    /* Text with many NULs or invalid bytes is binary, not a news report. */
    size_t bad = 0, sample = all.len < 65536 ? all.len : 65536;
    for (size_t i = 0; i < sample;) {
        uint32_t cp;
        int len = sr_utf8_decode((const unsigned char *)all.data + i, all.len - i, &cp);
        if (!len || cp == 0 || (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t')) {
            bad++;
            i++;
        } else {
            i += (size_t)len;
        }
    }
    if (bad * 10 > sample) {
        sr_buf_free(&all);
        return sr_error_set(err, SR_EBINARY, r->name, 0, 0,
                            "binary data, not text (%zu of the first %zu bytes are not text)",
                            bad, sample);
    }
    if ((rc = input_clean(a, all.data, all.len, &doc->text, &doc->text_len, &doc->warning,
                          &doc->warning_byte)))
        goto fail;
    sr_buf_free(&all);
    const char *base = strrchr(r->name, '/');
    base = base ? base + 1 : r->name;
    doc->id = base;
    /* The first line is the title when more lines follow it. */
    const char *nl = memchr(doc->text, '\n', doc->text_len);
    if (nl) {
        size_t s = 0, e = (size_t)(nl - doc->text);
        while (s < e && (doc->text[s] == ' ' || doc->text[s] == '\t'))
            s++;
        while (e > s && (doc->text[e - 1] == ' ' || doc->text[e - 1] == '\r'))
            e--;
        if (e > s) {
            doc->title = sr_arena_strndup(a, doc->text + s, e - s);
            doc->title_len = e - s;
            doc->title_in_text = 1;
        }
    }
    return 1;
fail:
    sr_buf_free(&all);
    return sr_error_set(err, rc < 0 ? rc : SR_EIO, r->name, r->lineno, 0, "%s",
                        sr_errmsg(rc < 0 ? rc : SR_EIO));
}
