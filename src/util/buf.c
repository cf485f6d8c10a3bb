#include "sr_util.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int sr_buf_reserve_slow(sr_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return SR_ETOOBIG;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return SR_OK;
    size_t ncap = b->cap ? b->cap : 256;
    while (ncap < need)
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    char *p = realloc(b->data, ncap);
    if (!p)
        return SR_ENOMEM;
    b->data = p;
    b->cap = ncap;
    return SR_OK;
}

int sr_buf_put_slow(sr_buf *b, const void *p, size_t n)
{
    int rc = sr_buf_reserve(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return SR_OK;
}

int sr_buf_puts(sr_buf *b, const char *s) { return sr_buf_put(b, s, strlen(s)); }


int sr_buf_vprintf(sr_buf *b, const char *fmt, va_list ap)
{
    /* Most writes fit in the spare room: format once into it, and only
     * measure and grow when they do not. */
    if (b->cap - b->len < 64 && sr_buf_reserve(b, 64))
        return SR_ENOMEM;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    if (n < 0) {
        va_end(again);
        b->data[b->len] = 0;
        return SR_EINVAL;
    }
    if ((size_t)n < b->cap - b->len) {
        va_end(again);
        b->len += (size_t)n;
        return SR_OK;
    }
    int rc = sr_buf_reserve(b, (size_t)n);
    if (rc) {
        va_end(again);
        b->data[b->len] = 0;
        return rc;
    }
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
    va_end(again);
    b->len += (size_t)n;
    return SR_OK;
}

int sr_buf_printf(sr_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sr_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void sr_buf_clear(sr_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

void sr_buf_free(sr_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char sr_digits2[201] = "00010203040506070809101112131415161718192021222324"
                                 "25262728293031323334353637383940414243444546474849"
                                 "50515253545556575859606162636465666768697071727374"
                                 "75767778798081828384858687888990919293949596979899";

/* Writes v's digits ending just before end; returns where they start. */
static char *u64_digits(uint64_t v, char *end)
{
    while (v >= 100) {
        unsigned d = (unsigned)(v % 100) * 2;
        v /= 100;
        *--end = sr_digits2[d + 1];
        *--end = sr_digits2[d];
    }
    if (v >= 10) {
        *--end = sr_digits2[v * 2 + 1];
        *--end = sr_digits2[v * 2];
    } else {
        *--end = (char)('0' + v);
    }
    return end;
}

/* Writes exactly d digits of v (leading zeros kept) at o. */
static inline void digits_fixed(char *o, uint64_t v, int d)
{
    for (; d >= 2; d -= 2, v /= 100)
        memcpy(o + d - 2, sr_digits2 + (v % 100) * 2, 2);
    if (d)
        o[0] = (char)('0' + v % 10);
}

char *sr_u64_raw_wide(char *o, uint64_t v)
{
    if (v >= 10000 && v < 100000000) {
        /* five to eight digits (ids, offsets in long texts): the high
         * part as sr_u64_raw writes it, then exactly four */
        unsigned hi = (unsigned)(v / 10000), lo = (unsigned)(v % 10000);
        o = sr_u64_raw(o, hi);
        memcpy(o, sr_digits2 + (lo / 100) * 2, 2);
        memcpy(o + 2, sr_digits2 + (lo % 100) * 2, 2);
        return o + 4;
    }
    size_t n = 5;
    for (uint64_t t = v / 100000; t; t /= 10)
        n++;
    u64_digits(v, o + n);
    return o + n;
}

char *sr_i64_raw(char *o, int64_t v)
{
    /* The magnitude as unsigned, so INT64_MIN does not overflow. */
    if (v < 0)
        *o++ = '-';
    return sr_u64_raw(o, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
}

int sr_buf_put_u64(sr_buf *b, uint64_t v)
{
    if (sr_buf_reserve(b, SR_U64_ROOM))
        return SR_ENOMEM;
    b->len = (size_t)(sr_u64_raw(b->data + b->len, v) - b->data);
    b->data[b->len] = 0;
    return SR_OK;
}

int sr_buf_put_i64(sr_buf *b, int64_t v)
{
    if (sr_buf_reserve(b, SR_I64_ROOM))
        return SR_ENOMEM;
    b->len = (size_t)(sr_i64_raw(b->data + b->len, v) - b->data);
    b->data[b->len] = 0;
    return SR_OK;
}

/* x * 10^D carries a rounding error of at most half a unit in the last
 * place (< 1e-6 below 1e9); when the fraction is that close to one half,
 * or the value is out of range, printf decides: it rounds the exact binary
 * value.  Inlined per D, so the powers of ten are constants. */
static inline __attribute__((always_inline)) char *fixed_at(char *o, double x, int D)
{
    static const double scale[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    static const uint64_t p10s[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                    100000000, 1000000000};
    if (x == x) {
        int neg = signbit(x) != 0;
        double ax = neg ? -x : x, y = ax * scale[D];
        if (y < 1e9) {
            /* y >= 0: truncation is floor. */
            uint64_t fl = (uint64_t)y;
            double frac = y - (double)fl;
            if (frac < 0.5 - 1e-6 || frac > 0.5 + 1e-6) {
                uint64_t v = fl + (frac > 0.5), p10 = p10s[D];
                if (neg)
                    *o++ = '-';
                o = sr_u64_raw(o, v / p10);
                if (D) {
                    *o = '.';
                    digits_fixed(o + 1, v % p10, D);
                    o += D + 1;
                }
                return o;
            }
        }
    }
    int n = snprintf(o, SR_FIXED_ROOM, "%.*f", D, x);
    return o + (n > 0 ? (n < SR_FIXED_ROOM ? n : SR_FIXED_ROOM - 1) : 0);
}

char *sr_fixed_raw(char *o, double x, int decimals)
{
    switch (decimals) {
    case 1: return fixed_at(o, x, 1);
    case 2: return fixed_at(o, x, 2);
    case 5: return fixed_at(o, x, 5);
    default: return fixed_at(o, x, decimals < 0 ? 0 : decimals > 9 ? 9 : decimals);
    }
}

int sr_buf_put_fixed(sr_buf *b, double x, int decimals)
{
    if (decimals < 0 || decimals > 9)
        return sr_buf_printf(b, "%.*f", decimals, x);
    if (sr_buf_reserve(b, SR_FIXED_ROOM))
        return SR_ENOMEM;
    b->len = (size_t)(sr_fixed_raw(b->data + b->len, x, decimals) - b->data);
    b->data[b->len] = 0;
    return SR_OK;
}
