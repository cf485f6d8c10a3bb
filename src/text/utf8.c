#include "text_int.h"

#include <string.h>
#include <utf8proc.h>

int sr_text_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        if (*p >= 0x20 && *p < 0x80) {
            p++;
            continue;
        }
        if (*p == 0)
            return 0;
        uint32_t cp;
        int len = sr_utf8_decode(p, (size_t)(end - p), &cp);
        if (!len)
            return 0;
        p += len;
    }
    return 1;
}

int sr_text_utf8_repair(sr_arena *a, const char *s, size_t n, char **out, size_t *out_len,
                        sr_utf8_report *rep)
{
    sr_utf8_report r = {0, 0, 0};
    if (sr_text_utf8_valid(s, n)) {
        char *o = sr_arena_strndup(a, s, n);
        if (!o)
            return SR_ENOMEM;
        *out = o;
        *out_len = n;
        if (rep)
            *rep = r;
        return SR_OK;
    }
    /* Each bad byte becomes 3 bytes (U+FFFD): bound the output size. */
    size_t cap;
    if (!sr_mul_ok(n, 3, &cap) || cap == SIZE_MAX)
        return SR_ETOOBIG;
    char *o = sr_arena_alloc(a, cap + 1);
    if (!o)
        return SR_ENOMEM;
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    size_t k = 0;
    int seen = 0;
    while (p < end) {
        if (*p >= 0x20 && *p < 0x80) {
            o[k++] = (char)*p++;
            continue;
        }
        if (*p == 0) {
            if (!seen++)
                r.first_bad = (size_t)(p - (const unsigned char *)s);
            r.nul++;
            o[k++] = ' ';
            p++;
            continue;
        }
        uint32_t cp;
        int len = sr_utf8_decode(p, (size_t)(end - p), &cp);
        if (!len) {
            if (!seen++)
                r.first_bad = (size_t)(p - (const unsigned char *)s);
            r.invalid++;
            memcpy(o + k, "\xEF\xBF\xBD", 3);
            k += 3;
            p += sr_utf8_bad_len(p, (size_t)(end - p));
            continue;
        }
        memcpy(o + k, p, (size_t)len);
        k += (size_t)len;
        p += len;
    }
    o[k] = 0;
    *out = o;
    *out_len = k;
    if (rep)
        *rep = r;
    return SR_OK;
}

/* Built at compile time so that no thread ever sees it half filled. */
#define A_SP CC_SPACE
#define A_NL (CC_SPACE | CC_NL)
#define A_LO (CC_LETTER | CC_LOWER)
#define A_UP (CC_LETTER | CC_UPPER)
#define A_DG CC_DIGIT
unsigned short text_ascii_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, A_SP, A_NL, A_SP, A_SP, A_SP, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    A_SP, 0, CC_QUOTE, 0, 0, 0, 0, CC_APOS, 0, 0, 0, 0, 0, CC_HYPHEN, 0, 0,
    A_DG, A_DG, A_DG, A_DG, A_DG, A_DG, A_DG, A_DG, A_DG, A_DG, 0, 0, 0, 0, 0, 0,
    0, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP,
    A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, A_UP, 0, 0, 0, 0, 0,
    0, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO,
    A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, A_LO, 0, 0, 0, 0, 0};

unsigned text_class_at(const char *p, const char *end, uint32_t *cpo, int *leno)
{
    unsigned char c = (unsigned char)*p;
    if (c < 0x80) {
        *cpo = c;
        *leno = 1;
        return text_ascii_class[c];
    }
    uint32_t cp;
    int len = sr_utf8_decode((const unsigned char *)p, (size_t)(end - p), &cp);
    if (!len) {
        *cpo = 0xFFFD;
        *leno = 1;
        return 0;
    }
    *cpo = cp;
    *leno = len;
    switch (cp) {
    case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF: case 0x200B:
        return CC_SPACE;
    case 0x2028: case 0x2029: case 0x85:
        return CC_SPACE | CC_NL;
    case 0x2010: case 0x2011:
        return CC_HYPHEN;
    case 0x2018: case 0x2019: case 0x201B: case 0x2032:
        return CC_APOS;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0xAB: case 0xBB: case 0x2033:
        return CC_QUOTE;
    }
    if (cp >= 0x2000 && cp <= 0x200A)
        return CC_SPACE;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT:
        return CC_LETTER | CC_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return CC_LETTER | CC_LOWER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return CC_LETTER;
    case UTF8PROC_CATEGORY_ND:
        return CC_DIGIT;
    case UTF8PROC_CATEGORY_ZS:
        return CC_SPACE;
    default:
        return 0;
    }
}
