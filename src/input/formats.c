#include <jansson.h>
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
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, 11);
    return SR_OK;
}

/* ---- JSON Lines ----------------------------------------------------------- */

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: case JSON_REAL: return "a number";
    case JSON_TRUE: case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/* Copies an optional string field; a field of another type rejects the
 * document, since guessing would silently lose data. */
static int opt_str(sr_reader *r, sr_arena *a, json_t *o, const char *key, const char **out,
                   size_t *len, sr_error *err)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (len)
        *len = 0;
    if (!v || json_is_null(v))
        return SR_OK;
    if (!json_is_string(v))
        return sr_error_set(err, SR_EPARSE, r->name, r->lineno, 0,
                            "field \"%s\" must be a string, not %s", key, type_name(v));
    size_t n = json_string_length(v);
    char *s = sr_arena_strndup(a, json_string_value(v), n);
    if (!s)
        return sr_error_set(err, SR_ENOMEM, r->name, r->lineno, 0, "out of memory");
    /* JSON may carry "\u0000"; later stages expect none. */
    for (size_t i = 0; i < n; i++)
        if (!s[i])
            s[i] = ' ';
    *out = s;
    if (len)
        *len = n;
    return SR_OK;
}

/* Fields beyond the contract's are the user's own: kept when they are
 * strings, never a reason to reject a document. */
static int take_str(sr_arena *a, json_t *o, const char *key, const char **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (v && json_is_string(v) &&
        !(*out = sr_arena_strndup(a, json_string_value(v), json_string_length(v))))
        return SR_ENOMEM;
    return SR_OK;
}

static int hex4(const char *s, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return 0;
        *v = *v * 16 + (unsigned)d;
    }
    return 1;
}

/* Rewrites every "\uD800".."\uDFFF" escape that is not half of a pair as
 * "\uFFFD", in place (the same length, so byte positions hold), and
 * returns how many.  JavaScript and Python write such halves when they cut
 * a string inside an emoji; they are the escaped form of invalid UTF-8,
 * and are repaired the same way instead of losing the document. */
static size_t lone_surrogates(char *s, size_t n, size_t *first)
{
    size_t fixed = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\\')
            continue;
        unsigned v, w;
        if (s[i + 1] != 'u' || i + 6 > n || !hex4(s + i + 2, &v)) {
            i++; /* another escape, or a broken one jansson reports */
            continue;
        }
        if (v >= 0xD800 && v <= 0xDBFF && i + 12 <= n && s[i + 6] == '\\' && s[i + 7] == 'u' &&
            hex4(s + i + 8, &w) && w >= 0xDC00 && w <= 0xDFFF) {
            i += 11;
            continue;
        }
        if (v >= 0xD800 && v <= 0xDFFF) {
            memcpy(s + i + 2, "FFFD", 4);
            if (!fixed++)
                *first = i;
        }
        i += 5;
    }
    return fixed;
}

int input_next_jsonl(sr_reader *r, sr_arena *a, sr_doc *doc, sr_error *err)
{
    int rc;
    for (;;) {
        rc = input_getline(r);
        if (rc < 0) {
            r->done = 1;
            return sr_error_set(err, SR_EIO, r->name, r->lineno, 0, "read error");
        }
        if (rc == 0) {
            r->done = 1;
            if (r->ndocs == 0)
                return sr_error_set(err, SR_EEMPTY, r->name, 0, 0, "no document in input");
            return 0;
        }
        if (!input_is_blank(r->line, r->line_len))
            break;
    }
    r->ndocs++;
    doc->line = r->lineno;
    const char *clean;
    size_t clen;
    if ((rc = input_clean(a, r->line, r->line_len, &clean, &clen, &doc->warning,
                          &doc->warning_byte)))
        return sr_error_set(err, rc, r->name, r->lineno, 0, "%s", sr_errmsg(rc));
    size_t first_lone = 0, lone = lone_surrogates((char *)clean, clen, &first_lone);
    if (lone && !doc->warning) {
        char msg[96];
        snprintf(msg, sizeof msg, "%zu unpaired surrogate escape(s) replaced by U+FFFD", lone);
        if (!(doc->warning = sr_arena_strndup(a, msg, strlen(msg))))
            return sr_error_set(err, SR_ENOMEM, r->name, r->lineno, 0, "out of memory");
        doc->warning_byte = (long)first_lone;
    }
    json_error_t je;
    json_t *o = json_loadb(clean, clen, JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &je);
    if (!o)
        return sr_error_set(err, SR_EPARSE, r->name, r->lineno, (long)je.position,
                            "invalid JSON: %s", je.text);
    /* Anything but white space after the object is an error too. */
    for (size_t i = (size_t)je.position; i < clen; i++) {
        char c = clean[i];
        if (c != ' ' && c != '\t' && c != '\r') {
            json_decref(o);
            return sr_error_set(err, SR_EPARSE, r->name, r->lineno, (long)i,
                                "invalid JSON: extra data after the document");
        }
    }
    if (!json_is_object(o)) {
        const char *t = type_name(o);
        json_decref(o);
        return sr_error_set(err, SR_EPARSE, r->name, r->lineno, 0,
                            "a document must be a JSON object, not %s", t);
    }
    rc = SR_OK;
    json_t *id = json_object_get(o, "id");
    json_t *text = json_object_get(o, "text");
    json_t *date = json_object_get(o, "date");
    char idbuf[32];
    if (!text || !json_is_string(text)) {
        rc = sr_error_set(err, SR_EPARSE, r->name, r->lineno, 0,
                          text ? "field \"text\" must be a string, not %s"
                               : "field \"text\" is missing%s",
                          text ? type_name(text) : "");
        goto out;
    }
    if (id && json_is_integer(id)) {
        snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
        doc->id = sr_arena_strndup(a, idbuf, strlen(idbuf));
    } else if (id && json_is_string(id)) {
        doc->id = sr_arena_strndup(a, json_string_value(id), json_string_length(id));
    } else if (id && !json_is_null(id)) {
        rc = sr_error_set(err, SR_EPARSE, r->name, r->lineno, 0,
                          "field \"id\" must be a string or an integer, not %s", type_name(id));
        goto out;
    } else {
        snprintf(idbuf, sizeof idbuf, "%ld", r->lineno);
        doc->id = sr_arena_strndup(a, idbuf, strlen(idbuf));
    }
    if (date && !json_is_null(date)) {
        char d[11];
        if (!json_is_string(date) ||
            sr_input_parse_date(json_string_value(date), json_string_length(date), d)) {
            rc = sr_error_set(err, SR_EPARSE, r->name, r->lineno, 0,
                              "field \"date\" must be \"YYYY-MM-DD\" or null");
            goto out;
        }
        doc->date = sr_arena_strndup(a, d, 10);
    }
    if ((rc = opt_str(r, a, o, "text", &doc->text, &doc->text_len, err)) ||
        (rc = opt_str(r, a, o, "title", &doc->title, &doc->title_len, err)) ||
        (rc = take_str(a, o, "source", &doc->source)) || (rc = take_str(a, o, "url", &doc->url)))
        goto out;
    if (!doc->id || !doc->text)
        rc = sr_error_set(err, SR_ENOMEM, r->name, r->lineno, 0, "out of memory");
    else
        rc = 1;
out:
    json_decref(o);
    return rc;
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
