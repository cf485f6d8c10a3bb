#include "text_int.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Typographic variants fold to their ASCII forms so that dictionary words
 * typed with straight quotes match text set with curly ones. */
static utf8proc_int32_t fold_cp(utf8proc_int32_t c, void *data)
{
    (void)data;
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0xB4:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0xAB: case 0xBB:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    case 0xA0: case 0x202F: case 0x205F: case 0x3000:
        return ' ';
    }
    if (c >= 0x2000 && c <= 0x200A)
        return ' ';
    return c;
}

char *sr_text_fold(sr_arena *a, const char *s, size_t n, size_t *out_len)
{
    /* ASCII (nearly every token): lower-case while copying, in one pass. */
    char *o = sr_arena_alloc(a, n + 1);
    if (!o)
        return NULL;
    size_t i = 0;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            break;
        o[i] = (char)((unsigned)(c - 'A') < 26u ? c + 32 : c);
    }
    if (i == n) {
        o[n] = 0;
        if (out_len)
            *out_len = n;
        return o;
    }
    if (n > (size_t)0x3FFFFFFF)
        return NULL;
    /* Case folding can expand a code point to three; start with room for
     * that and retry once with the exact size utf8proc reports. */
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;
    utf8proc_ssize_t cap = (utf8proc_ssize_t)n * 3 + 8;
    /* Tokens are short: their code points fit on the stack, so folding a
     * curly quote or an accented name costs no malloc. */
    utf8proc_int32_t local[256];
    utf8proc_int32_t *buf = NULL;
    utf8proc_ssize_t got;
    for (int pass = 0; pass < 2; pass++) {
        if (buf != local)
            free(buf);
        buf = (size_t)cap + 1 <= sizeof local / sizeof *local ? local
                                                              : malloc(((size_t)cap + 1) * sizeof *buf);
        if (!buf)
            return NULL;
        got = utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, buf,
                                        cap, opt, fold_cp, NULL);
        if (got < 0 || got <= cap)
            break;
        cap = got;
    }
    o = NULL;
    if (got >= 0 && got <= cap) {
        utf8proc_ssize_t bytes = utf8proc_reencode(buf, got, opt);
        if (bytes >= 0) {
            o = sr_arena_strndup(a, (const char *)buf, (size_t)bytes);
            if (o && out_len)
                *out_len = (size_t)bytes;
        }
    }
    if (!o && got < 0) {
        /* Not expected on repaired input; keep a plain copy rather than fail. */
        o = sr_arena_strndup(a, s, n);
        if (o && out_len)
            *out_len = n;
    }
    if (buf != local)
        free(buf);
    return o;
}
