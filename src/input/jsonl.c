/*
 * jsonl.c - JSON Lines documents.
 *
 * A line is read by a scanner written for the one shape sitrep reads: an
 * object whose string fields are taken in place, in the arena copy of the
 * line, without building a tree or copying the text again.  The scanner
 * only accepts what it is sure of; anything else -- every malformed line,
 * and rare legal forms such as huge numbers, deep nesting or "\u0000" in
 * a key -- goes to jansson, which decides and words the error.  So a line
 * is rejected exactly when, and with exactly the message with which,
 * jansson rejects it; tests/fuzz/fuzz_jsonl.c checks that both readers
 * agree on every line the scanner accepts.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "input_int.h"

static const char *const field_names[INPUT_JF_N] = {"id", "text", "date", "title", "source",
                                                    "url"};

/* ---- the scanner ----------------------------------------------------------- */

/* Bytes that end a plain run inside a string: the quote, the backslash and
 * control characters (which JSON does not allow unescaped). */
static int plain(unsigned c) { return c >= 0x20 && c != '"' && c != '\\'; }

/* 1 when none of the 8 bytes of v is special in a string (see plain). */
static int plain8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    /* A byte that is zero after the xor, or below 0x20, sets its high bit
     * here; bytes >= 0x80 (UTF-8) are masked out by ~v. */
    uint64_t z = ((q - ones) & ~q) | ((b - ones) & ~b) | ((v - ones * 0x20) & ~v);
    return !(z & high);
}

static int hexval(unsigned c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? (int)(c - 'a' + 10) : -1;
}

static long hex4(const unsigned char *p, const unsigned char *end)
{
    if (end - p < 4)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

typedef struct scan {
    const unsigned char *p, *end;
} scan;

/* At the opening quote: moves past the closing one.  Sets *esc when the
 * string has escapes and *nul when one of them is \u0000.  Returns 0 when
 * the scanner is not sure the string is valid. */
static int scan_string(scan *s, int *esc, int *nul)
{
    const unsigned char *p = s->p + 1, *end = s->end;
    *esc = *nul = 0;
    for (;;) {
#if defined(__SSE2__)
        /* Sixteen bytes at a time where SSE2 is (every x86-64), stopping
         * at the first special one. */
        const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
                      ctl = _mm_set1_epi8(0x1F), zero = _mm_setzero_si128();
        /* thirty-two a round while neither half has one */
        while (end - p >= 32) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
            __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
            __m128i bad = _mm_or_si128(
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                             _mm_or_si128(_mm_cmpeq_epi8(y, quote), _mm_cmpeq_epi8(y, bslash))),
                _mm_cmpeq_epi8(_mm_subs_epu8(_mm_min_epu8(x, y), ctl), zero));
            if (_mm_movemask_epi8(bad))
                break;
            p += 32;
        }
        while (end - p >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
            __m128i bad = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                _mm_cmpeq_epi8(_mm_subs_epu8(x, ctl), zero)); /* x <= 0x1F */
            unsigned m = (unsigned)_mm_movemask_epi8(bad);
            if (m) {
                p += __builtin_ctz(m);
                break;
            }
            p += 16;
        }
#endif
        while (end - p >= 8) {
            uint64_t v;
            memcpy(&v, p, 8);
            if (!plain8(v))
                break;
            p += 8;
        }
        while (p < end && plain(*p))
            p++;
        if (p >= end)
            return 0;
        if (*p == '"') {
            s->p = p + 1;
            return 1;
        }
        if (*p != '\\')
            return 0; /* a control character */
        *esc = 1;
        if (end - p < 2)
            return 0;
        switch (p[1]) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            p += 2;
            continue;
        case 'u':
            break;
        default:
            return 0;
        }
        long u = hex4(p + 2, end);
        if (u < 0 || (u >= 0xDC00 && u <= 0xDFFF))
            return 0;
        p += 6;
        if (u >= 0xD800 && u <= 0xDBFF) {
            /* a high surrogate must pair with a low one */
            if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
                return 0;
            long lo = hex4(p + 2, end);
            if (lo < 0xDC00 || lo > 0xDFFF)
                return 0;
            p += 6;
        }
        *nul |= u == 0;
    }
}

/* Decodes the escapes of the string whose bytes (without quotes) are
 * s[0..n), in place; returns the decoded length.  The string was checked
 * by scan_string. */
static size_t decode_in_place(char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    char *o = s;
    while (p < end) {
        if (*p != '\\') {
            /* the run up to the next escape moves in one piece */
            const unsigned char *bs = memchr(p, '\\', (size_t)(end - p));
            size_t run = (size_t)((bs ? bs : end) - p);
            memmove(o, p, run);
            o += run;
            p += run;
            continue;
        }
        unsigned c = p[1];
        p += 2;
        switch (c) {
        case 'b': *o++ = '\b'; continue;
        case 'f': *o++ = '\f'; continue;
        case 'n': *o++ = '\n'; continue;
        case 'r': *o++ = '\r'; continue;
        case 't': *o++ = '\t'; continue;
        case 'u': break;
        default: *o++ = (char)c; continue;
        }
        uint32_t u = (uint32_t)hex4(p, end);
        p += 4;
        if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t lo = (uint32_t)hex4(p + 2, end);
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
        }
        o += sr_utf8_encode(u, o);
    }
    return (size_t)(o - s);
}

/* A number as jansson's lexer reads it; integers of up to 18 digits and
 * plain reals only (bigger ones may overflow, and jansson then says so). */
static int scan_number(scan *s, int *type, long long *ival)
{
    const unsigned char *p = s->p, *end = s->end, *start = p;
    int neg = p < end && *p == '-';
    p += neg;
    if (p >= end || *p < '0' || *p > '9')
        return 0;
    const unsigned char *d0 = p;
    if (*p == '0')
        p++;
    else
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    size_t ndig = (size_t)(p - d0);
    int real = 0;
    if (p < end && *p == '.') {
        real = 1;
        p++;
        const unsigned char *f = p;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
        if (p == f)
            return 0;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        real = 1;
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        const unsigned char *x = p;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
        if (p == x || p - x > 2)
            return 0;
    }
    if (p - start > 30 || (!real && ndig > 18))
        return 0;
    if (!real) {
        long long v = 0;
        for (const unsigned char *q = d0; q < d0 + ndig; q++)
            v = v * 10 + (*q - '0');
        *ival = neg ? -v : v;
    }
    *type = real ? INPUT_JT_REAL : INPUT_JT_INTEGER;
    s->p = p;
    return 1;
}

static void skip_ws(scan *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\r' || *s->p == '\n'))
        s->p++;
}

static int literal(scan *s, const char *w, size_t n)
{
    if ((size_t)(s->end - s->p) < n || memcmp(s->p, w, n))
        return 0;
    s->p += n;
    return 1;
}

/* Which contract field the key s[0..n) (raw, escapes as written) names, or
 * -1; -2 when the scanner should leave the line to jansson. */
static int key_field(const unsigned char *s, size_t n, int esc, int nul)
{
    char tmp[72];
    if (nul)
        return -2;
    if (esc) {
        if (n >= sizeof tmp)
            return -1; /* decodes to more than any field name */
        memcpy(tmp, s, n);
        n = decode_in_place(tmp, n);
        s = (const unsigned char *)tmp;
    }
    for (int k = 0; k < INPUT_JF_N; k++)
        if (strlen(field_names[k]) == n && !memcmp(field_names[k], s, n))
            return k;
    return -1;
}

/* An object member's key and its colon; the key's bytes, as written, are
 * (*key)[0..*len). */
static int scan_key(scan *s, const unsigned char **key, size_t *len, int *esc, int *nul)
{
    skip_ws(s);
    const unsigned char *q = s->p;
    if (q >= s->end || *q != '"' || !scan_string(s, esc, nul))
        return 0;
    *key = q + 1;
    *len = (size_t)(s->p - 1 - *key);
    skip_ws(s);
    if (s->p >= s->end || *s->p != ':')
        return 0;
    s->p++;
    return 1;
}

enum { MAX_DEPTH = 64 };

/* One value; for a contract field (k >= 0) records it in f[k]. */
static int scan_value(scan *s, input_jfield *fk)
{
    input_jfield v;
    memset(&v, 0, sizeof v);
    unsigned char stack[MAX_DEPTH];
    int depth = 0, esc = 0, nul = 0;
    const unsigned char *begin = s->p, *key;
    size_t klen;
    for (;;) {
        /* a value */
        skip_ws(s);
        if (s->p >= s->end)
            return 0;
        unsigned c = *s->p;
        if (c == '"') {
            if (!scan_string(s, &esc, &nul))
                return 0;
            v.type = INPUT_JT_STRING;
        } else if (c == '{' || c == '[') {
            if (depth == MAX_DEPTH)
                return 0;
            stack[depth++] = (unsigned char)c;
            s->p++;
            skip_ws(s);
            if (s->p < s->end && *s->p == (c == '{' ? '}' : ']')) {
                s->p++;
                depth--;
                v.type = c == '{' ? INPUT_JT_OBJECT : INPUT_JT_ARRAY;
            } else if (c == '{') {
                /* a key, then its value */
                if (!scan_key(s, &key, &klen, &esc, &nul) || nul)
                    return 0;
                continue;
            } else {
                continue;
            }
        } else if (c == 't' || c == 'f') {
            if (!(c == 't' ? literal(s, "true", 4) : literal(s, "false", 5)))
                return 0;
            v.type = INPUT_JT_BOOL;
        } else if (c == 'n') {
            if (!literal(s, "null", 4))
                return 0;
            v.type = INPUT_JT_NULL;
        } else {
            if (!scan_number(s, &v.type, &v.ival))
                return 0;
        }
        /* after a value: close what is complete, or go on to the next */
        for (;;) {
            if (depth == 0) {
                if (fk) {
                    *fk = v;
                    if (v.type == INPUT_JT_STRING) {
                        fk->raw = (char *)begin + 1;
                        fk->rawlen = (size_t)(s->p - begin - 2);
                        fk->esc = esc;
                    }
                }
                return 1;
            }
            skip_ws(s);
            if (s->p >= s->end)
                return 0;
            unsigned open = stack[depth - 1], close = open == '{' ? '}' : ']';
            if (*s->p == close) {
                s->p++;
                depth--;
                v.type = open == '{' ? INPUT_JT_OBJECT : INPUT_JT_ARRAY;
                continue;
            }
            if (*s->p != ',')
                return 0;
            s->p++;
            if (open == '{' && (!scan_key(s, &key, &klen, &esc, &nul) || nul))
                return 0;
            break;
        }
    }
}

int input_json_fast(char *buf, size_t n, input_jfield f[INPUT_JF_N])
{
    scan s = {(const unsigned char *)buf, (const unsigned char *)buf + n};
    memset(f, 0, INPUT_JF_N * sizeof *f);
    skip_ws(&s);
    if (s.p >= s.end || *s.p != '{')
        return 0;
    s.p++;
    skip_ws(&s);
    if (s.p < s.end && *s.p == '}') {
        s.p++;
    } else {
        for (;;) {
            const unsigned char *key;
            size_t klen;
            int esc, nul;
            if (!scan_key(&s, &key, &klen, &esc, &nul))
                return 0;
            int k = key_field(key, klen, esc, nul);
            if (k == -2)
                return 0;
            skip_ws(&s);
            /* a repeated key: the last one counts, as in jansson */
            if (!scan_value(&s, k >= 0 ? &f[k] : NULL))
                return 0;
            skip_ws(&s);
            if (s.p < s.end && *s.p == ',') {
                s.p++;
                continue;
            }
            if (s.p < s.end && *s.p == '}') {
                s.p++;
                break;
            }
            return 0;
        }
    }
    /* Only blanks may follow (see the jansson path). */
    for (; s.p < s.end; s.p++)
        if (*s.p != ' ' && *s.p != '\t' && *s.p != '\r')
            return 0;
    /* The whole line is known to be valid: now take the strings in place. */
    for (int k = 0; k < INPUT_JF_N; k++) {
        if (f[k].type != INPUT_JT_STRING)
            continue;
        f[k].str = f[k].raw;
        f[k].len = f[k].esc ? decode_in_place(f[k].str, f[k].rawlen) : f[k].rawlen;
        f[k].str[f[k].len] = 0;
    }
    return 1;
}

/* ---- jansson, for everything the scanner left ------------------------------ */

static int jtype(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return INPUT_JT_OBJECT;
    case JSON_ARRAY: return INPUT_JT_ARRAY;
    case JSON_STRING: return INPUT_JT_STRING;
    case JSON_INTEGER: return INPUT_JT_INTEGER;
    case JSON_REAL: return INPUT_JT_REAL;
    case JSON_TRUE: case JSON_FALSE: return INPUT_JT_BOOL;
    default: return INPUT_JT_NULL;
    }
}

static const char *type_name(int t)
{
    switch (t) {
    case INPUT_JT_OBJECT: return "an object";
    case INPUT_JT_ARRAY: return "an array";
    case INPUT_JT_STRING: return "a string";
    case INPUT_JT_INTEGER: case INPUT_JT_REAL: return "a number";
    case INPUT_JT_BOOL: return "a boolean";
    default: return "null";
    }
}

int input_json_slow(sr_arena *a, const char *buf, size_t n, input_jfield f[INPUT_JF_N],
                    long *byte, char *msg, size_t msgcap)
{
    json_error_t je;
    json_t *o = json_loadb(buf, n, JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &je);
    *byte = 0;
    if (!o) {
        *byte = (long)je.position;
        snprintf(msg, msgcap, "invalid JSON: %s", je.text);
        return SR_EPARSE;
    }
    /* Anything but white space after the object is an error too. */
    for (size_t i = (size_t)je.position; i < n; i++) {
        char c = buf[i];
        if (c != ' ' && c != '\t' && c != '\r') {
            json_decref(o);
            *byte = (long)i;
            snprintf(msg, msgcap, "invalid JSON: extra data after the document");
            return SR_EPARSE;
        }
    }
    if (!json_is_object(o)) {
        snprintf(msg, msgcap, "a document must be a JSON object, not %s", type_name(jtype(o)));
        json_decref(o);
        return SR_EPARSE;
    }
    int rc = SR_OK;
    for (int k = 0; k < INPUT_JF_N; k++) {
        json_t *v = json_object_get(o, field_names[k]);
        memset(&f[k], 0, sizeof f[k]);
        f[k].type = v ? jtype(v) : INPUT_JT_ABSENT;
        if (v && json_is_string(v)) {
            f[k].len = json_string_length(v);
            if (!(f[k].str = sr_arena_strndup(a, json_string_value(v), f[k].len)))
                rc = SR_ENOMEM;
        } else if (v && json_is_integer(v)) {
            f[k].ival = (long long)json_integer_value(v);
        }
    }
    json_decref(o);
    if (rc)
        snprintf(msg, msgcap, "out of memory");
    return rc;
}

/* Rewrites every "\uD800".."\uDFFF" escape that is not half of a pair as
 * "\uFFFD", in place (the same length, so byte positions hold); returns
 * how many, and the byte of the first in *first.  JavaScript and Python
 * write such halves when they cut a string inside an emoji; they are the
 * escaped form of invalid UTF-8 and are repaired the same way, instead of
 * losing the document. */
static size_t lone_surrogates(char *s, size_t n, size_t *first)
{
    const unsigned char *end = (const unsigned char *)s + n;
    size_t fixed = 0;
    for (char *p = memchr(s, '\\', n); p; p = memchr(p, '\\', (size_t)(end - (unsigned char *)p))) {
        const unsigned char *u = (const unsigned char *)p;
        long v = end - u >= 2 && u[1] == 'u' ? hex4(u + 2, end) : -1;
        if (v < 0) {
            p += end - u >= 2 ? 2 : 1; /* another escape, or a broken one jansson reports */
            continue;
        }
        if (v >= 0xD800 && v <= 0xDBFF && end - u >= 12 && u[6] == '\\' && u[7] == 'u') {
            long lo = hex4(u + 8, end);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                p += 12;
                continue;
            }
        }
        if (v >= 0xD800 && v <= 0xDFFF) {
            memcpy(p + 2, "FFFD", 4);
            if (!fixed++)
                *first = (size_t)(p - s);
        }
        p += 6;
    }
    return fixed;
}

/* ---- the document --------------------------------------------------------- */

/* The contract's checks, in this order, whichever reader read the line. */
static int doc_from_fields(sr_reader *r, sr_arena *a, sr_doc *doc, input_jfield *f,
                           sr_error *err)
{
    input_jfield *id = &f[INPUT_JF_ID], *text = &f[INPUT_JF_TEXT], *date = &f[INPUT_JF_DATE],
                 *title = &f[INPUT_JF_TITLE];
    char idbuf[32];
    if (text->type != INPUT_JT_STRING)
        return sr_error_set(err, SR_EPARSE, r->name, r->lineno, 0,
                            text->type != INPUT_JT_ABSENT ? "field \"text\" must be a string, not %s"
                                                          : "field \"text\" is missing%s",
                            text->type != INPUT_JT_ABSENT ? type_name(text->type) : "");
    if (id->type == INPUT_JT_INTEGER) {
        snprintf(idbuf, sizeof idbuf, "%lld", id->ival);
        doc->id = sr_arena_strndup(a, idbuf, strlen(idbuf));
    } else if (id->type == INPUT_JT_STRING) {
        doc->id = id->str;
    } else if (id->type != INPUT_JT_ABSENT && id->type != INPUT_JT_NULL) {
        return sr_error_set(err, SR_EPARSE, r->name, r->lineno, 0,
                            "field \"id\" must be a string or an integer, not %s",
                            type_name(id->type));
    } else {
        snprintf(idbuf, sizeof idbuf, "%ld", r->lineno);
        doc->id = sr_arena_strndup(a, idbuf, strlen(idbuf));
    }
    if (date->type != INPUT_JT_ABSENT && date->type != INPUT_JT_NULL) {
        char d[11];
        if (date->type != INPUT_JT_STRING || sr_input_parse_date(date->str, date->len, d))
            return sr_error_set(err, SR_EPARSE, r->name, r->lineno, 0,
                                "field \"date\" must be \"YYYY-MM-DD\" or null");
        doc->date = sr_arena_strndup(a, d, 10);
        if (!doc->date)
            return sr_error_set(err, SR_ENOMEM, r->name, r->lineno, 0, "out of memory");
    }
    if (title->type != INPUT_JT_ABSENT && title->type != INPUT_JT_NULL &&
        title->type != INPUT_JT_STRING)
        return sr_error_set(err, SR_EPARSE, r->name, r->lineno, 0,
                            "field \"title\" must be a string, not %s", type_name(title->type));
    /* JSON may carry "\u0000"; later stages expect none in what they read. */
    static const int no_nul[] = {INPUT_JF_TEXT, INPUT_JF_TITLE};
    for (size_t k = 0; k < 2; k++) {
        input_jfield *t = &f[no_nul[k]];
        for (char *z = t->str; z && (z = memchr(z, 0, t->len - (size_t)(z - t->str)));)
            *z = ' ';
    }
    doc->text = text->str;
    doc->text_len = text->len;
    if (title->type == INPUT_JT_STRING) {
        doc->title = title->str;
        doc->title_len = title->len;
    }
    /* Fields beyond the contract's are the user's own: kept when they are
     * strings, never a reason to reject a document. */
    if (f[INPUT_JF_SOURCE].type == INPUT_JT_STRING)
        doc->source = f[INPUT_JF_SOURCE].str;
    if (f[INPUT_JF_URL].type == INPUT_JT_STRING)
        doc->url = f[INPUT_JF_URL].str;
    if (!doc->id)
        return sr_error_set(err, SR_ENOMEM, r->name, r->lineno, 0, "out of memory");
    return 1;
}

/* Lines from this long on are taken over by the arena, not copied. */
enum { ADOPT_BYTES = 1 << 20 };

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
    char *clean;
    size_t clen = r->line_len;
    /* The common case, valid UTF-8 without NUL bytes, is only copied; a
     * long line is not even copied: the arena takes the line's buffer,
     * and the next line gets a new one. */
    if (sr_utf8_valid(r->line, r->line_len)) {
        if (r->line_len >= ADOPT_BYTES && !sr_arena_adopt(a, r->line)) {
            clean = r->line;
            clean[r->line_len] = 0;
            r->line = NULL;
            r->line_cap = 0;
        } else if (!(clean = sr_arena_strndup(a, r->line, r->line_len))) {
            return sr_error_set(err, SR_ENOMEM, r->name, r->lineno, 0, "out of memory");
        }
    } else {
        const char *c;
        if ((rc = input_clean(a, r->line, r->line_len, &c, &clen, &doc->warning,
                              &doc->warning_byte)))
            return sr_error_set(err, rc, r->name, r->lineno, 0, "%s", sr_errmsg(rc));
        clean = (char *)c;
    }
    size_t first_lone = 0, lone = lone_surrogates(clean, clen, &first_lone);
    if (lone && !doc->warning) {
        char msg[96];
        snprintf(msg, sizeof msg, "%zu unpaired surrogate escape(s) replaced by U+FFFD", lone);
        if (!(doc->warning = sr_arena_strndup(a, msg, strlen(msg))))
            return sr_error_set(err, SR_ENOMEM, r->name, r->lineno, 0, "out of memory");
        doc->warning_byte = (long)first_lone;
    }
    input_jfield f[INPUT_JF_N];
    if (!input_json_fast(clean, clen, f)) {
        char msg[256];
        long byte;
        if ((rc = input_json_slow(a, clean, clen, f, &byte, msg, sizeof msg)))
            return sr_error_set(err, rc, r->name, r->lineno, byte, "%s", msg);
    }
    return doc_from_fields(r, a, doc, f, err);
}
