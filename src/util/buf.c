#include "sr_util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int sr_buf_reserve(sr_buf *b, size_t extra)
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

int sr_buf_put(sr_buf *b, const void *p, size_t n)
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

int sr_buf_putc(sr_buf *b, char c) { return sr_buf_put(b, &c, 1); }

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
