#include "sr_input.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "input_int.h"

int sr_input_open(const char *path, int format, sr_reader **out, sr_error *err)
{
    sr_reader *r = calloc(1, sizeof *r);
    if (!r)
        return sr_error_set(err, SR_ENOMEM, path, 0, 0, "out of memory");
    if (strcmp(path, "-") == 0) {
        r->f = stdin;
        r->name = "<stdin>";
    } else {
        r->f = fopen(path, "rb");
        r->name = path;
        if (!r->f) {
            int e = errno;
            free(r);
            return sr_error_set(err, SR_EIO, path, 0, 0, "cannot open: %s", strerror(e));
        }
        /* Reads of 256 KB, not of the file system's 4 KB block: a corpus is
         * read from end to end (glibc sizes a buffer it makes itself by the
         * block; stdio's own when this fails). */
        enum { IOBUF = 1 << 18 };
        if ((r->iobuf = malloc(IOBUF)) && setvbuf(r->f, r->iobuf, _IOFBF, IOBUF)) {
            free(r->iobuf);
            r->iobuf = NULL;
        }
    }
    r->format = format;
    *out = r;
    return SR_OK;
}

int sr_input_open_stream(FILE *f, const char *name, int format, sr_reader **out, sr_error *err)
{
    sr_reader *r = calloc(1, sizeof *r);
    if (!r)
        return sr_error_set(err, SR_ENOMEM, name, 0, 0, "out of memory");
    r->f = f;
    r->name = name;
    r->format = format;
    r->borrowed = 1;
    *out = r;
    return SR_OK;
}

void sr_input_close(sr_reader *r)
{
    if (!r)
        return;
    if (r->f && r->f != stdin && !r->borrowed)
        fclose(r->f);
    free(r->iobuf); /* (after fclose, which flushes nothing into it) */
    free(r->line);
    free(r->held);
    sr_buf_free(&r->pre);
    free(r);
}

int sr_input_ready(const sr_reader *r)
{
    if (r->has_held || r->done)
        return 1;
#ifdef __GLIBC__
    /* (bytes stdio has read and not handed out: glibc's FILE is public) */
    if (r->f->_IO_read_ptr < r->f->_IO_read_end)
        return 1;
#endif
    /* (the end of the input polls ready too: the read returns at once) */
    struct pollfd pf = {fileno(r->f), POLLIN, 0};
    return poll(&pf, 1, 0) > 0;
}

int sr_input_format(const sr_reader *r) { return r->format; }

const char *sr_input_format_name(int format)
{
    switch (format) {
    case SR_FMT_JSONL: return "jsonl";
    case SR_FMT_TABARI: return "tabari";
    case SR_FMT_TEXT: return "text";
    default: return "auto";
    }
}

/* Reads one line into r->line (without its '\n'); returns 1, 0 at end, or
 * SR_EIO.  A held-back line is returned first. */
int input_getline(sr_reader *r)
{
    if (r->has_held) {
        char *t = r->line;
        size_t tc = r->line_cap;
        r->line = r->held;
        r->line_cap = r->held_cap;
        r->line_len = r->held_len;
        r->held = t;
        r->held_cap = tc;
        r->has_held = 0;
        r->lineno++;
        return 1;
    }
    errno = 0;
    ssize_t n = getline(&r->line, &r->line_cap, r->f);
    if (n < 0) {
        if (ferror(r->f))
            return SR_EIO;
        return 0;
    }
    r->lineno++;
    r->line_len = (size_t)n;
    if (r->line_len && r->line[r->line_len - 1] == '\n')
        r->line_len--;
    /* A byte order mark opens many files saved on Windows; left in, it
     * made the first JSON line or TABARI record unreadable. */
    if (r->lineno == 1 && r->line_len >= 3 && memcmp(r->line, "\xEF\xBB\xBF", 3) == 0) {
        memmove(r->line, r->line + 3, r->line_len - 3);
        r->line_len -= 3;
    }
    return 1;
}

/* Pushes the current line back so the next input_getline returns it. */
int input_unget(sr_reader *r)
{
    char *t = r->held;
    size_t tc = r->held_cap;
    r->held = r->line;
    r->held_cap = r->line_cap;
    r->held_len = r->line_len;
    r->line = t;
    r->line_cap = tc;
    r->line_len = 0;
    r->has_held = 1;
    r->lineno--;
    return SR_OK;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

int input_is_tabari_header(const char *s, size_t n)
{
    /* YYMMDD, or YYYYMMDD when the YYYY option is on; a stray seventh digit
     * is tolerated as TABARI does. */
    size_t i = 0;
    while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i < 6 || i > 8 || i >= n)
        return 0;
    if (s[i] != ' ' && s[i] != '\t')
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i < n && s[i] != '\r';
}

/* Looks at the first meaningful line: '{' means JSON Lines, a TABARI record
 * header (after '#' comment lines) means TABARI, anything else plain text. */
static int detect(sr_reader *r)
{
    /* Lines read while looking are kept for the plain-text reader. */
    for (;;) {
        int rc = input_getline(r);
        if (rc <= 0)
            return rc < 0 ? rc : SR_FMT_TEXT;
        const char *s = r->line;
        size_t n = r->line_len;
        size_t i = 0;
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
            i++;
        int fmt = 0;
        if (i == n || s[i] == '#') {
            if (i < n) {
                /* '#' lines open TABARI files; remember them for text mode. */
                if ((rc = sr_buf_put(&r->pre, r->line, r->line_len)) ||
                    (rc = sr_buf_putc(&r->pre, '\n')))
                    return rc;
                continue;
            }
            if ((rc = sr_buf_put(&r->pre, r->line, r->line_len)) ||
                (rc = sr_buf_putc(&r->pre, '\n')))
                return rc;
            continue;
        }
        if (s[i] == '{')
            fmt = SR_FMT_JSONL;
        else if (input_is_tabari_header(s + i, n - i))
            fmt = SR_FMT_TABARI;
        else
            fmt = SR_FMT_TEXT;
        input_unget(r);
        return fmt;
    }
}

int sr_input_next(sr_reader *r, sr_arena *a, sr_doc *doc, sr_error *err)
{
    if (r->done)
        return 0;
    if (r->format == SR_FMT_AUTO) {
        int f = detect(r);
        if (f < 0) {
            r->done = 1;
            return sr_error_set(err, f, r->name, r->lineno, 0, "read error: %s", strerror(errno));
        }
        r->format = f;
    }
    memset(doc, 0, sizeof *doc);
    doc->file = r->name;
    doc->format = r->format;
    switch (r->format) {
    case SR_FMT_JSONL: return input_next_jsonl(r, a, doc, err);
    case SR_FMT_TABARI: return input_next_tabari(r, a, doc, err);
    default: return input_next_text(r, a, doc, err);
    }
}

/* Repairs s into the arena and fills *warning when anything was replaced. */
int input_clean(sr_arena *a, const char *s, size_t n, const char **out, size_t *out_len,
                const char **warning, long *warn_byte)
{
    sr_utf8_report rep;
    char *o;
    int rc = sr_text_utf8_repair(a, s, n, &o, out_len, &rep);
    if (rc)
        return rc;
    *out = o;
    if ((rep.invalid || rep.nul) && warning && !*warning) {
        char msg[160];
        if (rep.invalid && rep.nul)
            snprintf(msg, sizeof msg, "%zu invalid UTF-8 sequence(s) replaced by U+FFFD and %zu NUL byte(s) by spaces", rep.invalid, rep.nul);
        else if (rep.invalid)
            snprintf(msg, sizeof msg, "%zu invalid UTF-8 sequence(s) replaced by U+FFFD", rep.invalid);
        else
            snprintf(msg, sizeof msg, "%zu NUL byte(s) replaced by spaces", rep.nul);
        *warning = sr_arena_strndup(a, msg, strlen(msg));
        if (warn_byte)
            *warn_byte = (long)rep.first_bad;
    }
    return SR_OK;
}

int input_is_blank(const char *s, size_t n) { return is_blank(s, n); }
