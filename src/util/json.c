#include "sr_util.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

int sr_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

int sr_utf8_bad_len(const unsigned char *s, size_t n)
{
    /* Unicode's "maximal subpart": the lead byte and the continuation bytes
     * that could still have begun a valid sequence are replaced as one. */
    if (n == 0)
        return 0;
    unsigned c = s[0];
    int need;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c == 0xE0) { need = 2; lo = 0xA0; }
    else if (c == 0xED) { need = 2; hi = 0x9F; }
    else if (c >= 0xE1 && c <= 0xEF) need = 2;
    else if (c == 0xF0) { need = 3; lo = 0x90; }
    else if (c == 0xF4) { need = 3; hi = 0x8F; }
    else if (c >= 0xF1 && c <= 0xF3) need = 3;
    else return 1;
    int k = 1;
    for (; k <= need && (size_t)k < n; k++) {
        unsigned b = s[k];
        if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80)
            break;
    }
    return k;
}

int sr_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    while (p < end) {
#if defined(__SSE2__)
        /* sixteen ASCII bytes, none of them NUL */
        const __m128i zero = _mm_setzero_si128();
        while (end - p >= 32) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
            __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
            /* a NUL in either: the minimum's byte is 0; a high bit: the OR's */
            if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(x, y),
                                               _mm_cmpeq_epi8(_mm_min_epu8(x, y), zero))))
                break;
            p += 32;
        }
        while (end - p >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
            if (_mm_movemask_epi8(_mm_or_si128(x, _mm_cmpeq_epi8(x, zero))))
                break;
            p += 16;
        }
#endif
        /* eight ASCII bytes, none of them NUL */
        while (end - p >= 8) {
            uint64_t v;
            memcpy(&v, p, 8);
            if ((v & high) || ((v - ones) & ~v & high))
                break;
            p += 8;
        }
        if (p >= end)
            break;
        if (*p >= 0x01 && *p < 0x80) {
            p++;
            continue;
        }
        uint32_t cp;
        int len = *p ? sr_utf8_decode(p, (size_t)(end - p), &cp) : 0;
        if (!len)
            return 0;
        p += len;
    }
    return 1;
}

int sr_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* 1 for the bytes a JSON string holds as they are: printable ASCII but
 * the quote and the backslash. */
const unsigned char sr_json_plain[256] = {
    ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1,
    ['*'] = 1, ['+'] = 1, [','] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1, [' '] = 1,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, [':'] = 1, [';'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1, ['?'] = 1,
    ['@'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
    ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1,
    ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1,
    ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['['] = 1, [']'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1, [0x7F] = 1,
};

int sr_json_str(sr_buf *b, const char *s, size_t n)
{
    /* Worst case grows 6x (control bytes as \u00XX); reserve once. */
    size_t worst;
    if (!sr_mul_ok(n, 6, &worst) || worst > SIZE_MAX - 2)
        return SR_ETOOBIG;
    int rc = sr_buf_reserve(b, worst + 2);
    if (rc)
        return rc;
    char *o = sr_json_str_raw(b->data + b->len, s, n);
    b->len = (size_t)(o - b->data);
    b->data[b->len] = 0;
    return SR_OK;
}

/* Whether none of the bytes of v needs escaping: printable ASCII, no
 * quote, no backslash (a few that need none may say no: they take the
 * byte path). */
static inline int plain8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t q = v ^ (ones * '"'), k = v ^ (ones * '\\');
    return !((v | ((q - ones) & ~q) | ((k - ones) & ~k) | (v - ones * 0x20)) & high);
}

#if defined(__SSE2__)
/* Nonzero when a byte of x needs escaping: a quote, a backslash, or one
 * below ' ' (the signed compare also catches the bytes from 0x80 up, which
 * take the UTF-8 path). */
static inline int json_bad16(__m128i x)
{
    __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                            _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))),
                               _mm_cmplt_epi8(x, _mm_set1_epi8(' ')));
    return _mm_movemask_epi8(bad);
}

/* json_bad16 of two vectors at once: nonzero when either has such a byte. */
static inline int json_bad32(__m128i x, __m128i y)
{
    const __m128i q = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'), sp = _mm_set1_epi8(' ');
    __m128i bx = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, q), _mm_cmpeq_epi8(x, bs)),
                              _mm_cmplt_epi8(x, sp));
    __m128i by = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(y, q), _mm_cmpeq_epi8(y, bs)),
                              _mm_cmplt_epi8(y, sp));
    return _mm_movemask_epi8(_mm_or_si128(bx, by));
}
#endif

/* The rest of a string from p, where a byte may need escaping: plain
 * runs are still copied many bytes at a time, the others one by one.
 * Apart from sr_json_str_raw so that the common call, a string with
 * nothing to escape, runs in a small leaf function. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static char *json_str_rest(char *o, const unsigned char *p, const unsigned char *end, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    while (p < end) {
        /* Runs of printable ASCII without '"' or '\\' -- most of any text
         * -- are copied sixteen bytes at a time (the bytes stored past a
         * byte to escape are written over), then eight. */
#if defined(__SSE2__)
        while (end - p >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
            unsigned bad = (unsigned)json_bad16(x);
            _mm_storeu_si128((__m128i *)(void *)o, x);
            if (bad) {
                unsigned k = (unsigned)__builtin_ctz(bad);
                o += k;
                p += k;
                goto escape;
            }
            o += 16;
            p += 16;
        }
#endif
        uint64_t v;
        while (end - p >= 8) {
            memcpy(&v, p, 8);
            if (!plain8(v))
                break;
            memcpy(o, &v, 8);
            o += 8;
            p += 8;
        }
        /* The last bytes of a string of eight or more: its last eight,
         * when plain, end it (the ones before p among them were copied
         * as they are, to the same places). */
        if (end - p < 8 && n >= 8) {
            memcpy(&v, end - 8, 8);
            if (plain8(v)) {
                o += end - p;
                memcpy(o - 8, &v, 8);
                break;
            }
        }
        /* the rest of the run, byte by byte (short strings, tails) */
        while (p < end && sr_json_plain[*p])
            *o++ = (char)*p++;
        if (p >= end)
            break;
#if defined(__SSE2__)
    escape:;
#endif
        unsigned c = *p;
        if (c < 0x80) {
            *o++ = '\\';
            switch (c) {
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            case '\n': *o++ = 'n'; break;
            case '\t': *o++ = 't'; break;
            case '\r': *o++ = 'r'; break;
            default:
                *o++ = 'u'; *o++ = '0'; *o++ = '0';
                *o++ = hex[c >> 4]; *o++ = hex[c & 15];
            }
            p++;
            continue;
        }
        /* Everything past ASCII goes out as \u escapes (a surrogate pair
         * above U+FFFF), as Python's json.dumps does by default: the output
         * is 7-bit clean, and a reader that decodes it (Python's str, Java,
         * JavaScript) keeps it one byte a character.  One non-ASCII letter
         * (a "Ḩ" in a GeoNames name) would otherwise make Python hold the
         * whole output two bytes a character, and take a third longer to
         * read it.  A 2-byte character becomes 6 bytes, a 3-byte one 6, a
         * 4-byte one 12, an invalid byte (U+FFFD) 6: within the 6x
         * reserved. */
        uint32_t cp;
        int len = sr_utf8_decode(p, (size_t)(end - p), &cp);
        if (len == 0) {
            cp = 0xFFFD;
            len = 1;
        }
        p += len;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            unsigned hi = 0xD800 + (cp >> 10);
            o[0] = '\\'; o[1] = 'u';
            o[2] = hex[hi >> 12]; o[3] = hex[(hi >> 8) & 15];
            o[4] = hex[(hi >> 4) & 15]; o[5] = hex[hi & 15];
            o += 6;
            cp = 0xDC00 + (cp & 0x3FF);
        }
        o[0] = '\\'; o[1] = 'u';
        o[2] = hex[cp >> 12]; o[3] = hex[(cp >> 8) & 15];
        o[4] = hex[(cp >> 4) & 15]; o[5] = hex[cp & 15];
        o += 6;
    }
    *o++ = '"';
    return o;
}


char *sr_json_str_raw(char *o, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    *o++ = '"';
    if (n < 8) {
        if (n >= 4) {
            /* Short names and codes: two overlapping 4-byte halves. */
            uint32_t lo, hi;
            memcpy(&lo, p, 4);
            memcpy(&hi, end - 4, 4);
            if (plain8((uint64_t)hi << 32 | lo)) { /* both halves at once */
                memcpy(o, &lo, 4);
                memcpy(o + n - 4, &hi, 4);
                o[n] = '"';
                return o + n + 1;
            }
        } else {
            size_t i = 0;
            for (; i < n && sr_json_plain[p[i]]; i++)
                o[i] = (char)p[i];
            if (i == n) {
                o[n] = '"';
                return o + n + 1;
            }
        }
        return json_str_rest(o, p, end, n);
    }
#if defined(__SSE2__)
    /* Sixteen at a time where SSE2 is (every x86-64). */
    if (n < 16) {
        /* 8 to 15 bytes: the first eight and the last eight (they
         * overlap) in one register, tested at once */
        __m128i x = _mm_unpacklo_epi64(_mm_loadl_epi64((const __m128i *)(const void *)p),
                                       _mm_loadl_epi64((const __m128i *)(const void *)(end - 8)));
        if (json_bad16(x))
            return json_str_rest(o, p, end, n);
        _mm_storel_epi64((__m128i *)(void *)o, x);
        _mm_storel_epi64((__m128i *)(void *)(o + n - 8), _mm_unpackhi_epi64(x, x));
        o[n] = '"';
        return o + n + 1;
    }
    /* Long strings (a sentence's text): thirty-two bytes a round, tested
     * with one mask; a round with a byte to escape goes on sixteen at a
     * time from its start. */
    while (end - p >= 32) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
        if (json_bad32(x, y))
            break;
        _mm_storeu_si128((__m128i *)(void *)o, x);
        _mm_storeu_si128((__m128i *)(void *)(o + 16), y);
        o += 32;
        p += 32;
    }
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        if (json_bad16(x))
            return json_str_rest(o, p, end, n);
        _mm_storeu_si128((__m128i *)(void *)o, x);
        o += 16;
        p += 16;
    }
#endif
    uint64_t v;
    if (end - p >= 8) {
        memcpy(&v, p, 8);
        if (!plain8(v))
            return json_str_rest(o, p, end, n);
        memcpy(o, &v, 8);
        o += 8;
        p += 8;
    }
    /* The last eight bytes (n >= 8), overlapping the ones copied. */
    memcpy(&v, end - 8, 8);
    if (!plain8(v))
        return json_str_rest(o, p, end, n);
    o += end - p;
    memcpy(o - 8, &v, 8);
    *o++ = '"';
    return o;
}
