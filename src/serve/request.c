/* Request URIs into a path and parameters, and the shapes of replies.
 * Everything here is a pure function of its input, for the fuzz target. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

#include "serve_int.h"

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..n) into the arena.  A NUL byte, a broken %-escape or
 * invalid UTF-8 is refused: a filter value is compared with stored text,
 * and the reply would otherwise echo bytes no JSON can hold. */
static const char *decode(sr_arena *a, const char *s, size_t n, int plus, size_t *outlen,
                          const char **why)
{
    char *o = sr_arena_alloc(a, n + 1);
    if (!o) {
        *why = "out of memory";
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            int hi = i + 1 < n ? hexval((unsigned char)s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
            int h = hi >= 0 && lo >= 0 ? hi * 16 + lo : -1;
            if (h < 0) {
                *why = "a broken %-escape";
                return NULL;
            }
            c = (unsigned char)h;
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (c == 0) {
            *why = "a NUL byte";
            return NULL;
        }
        o[k++] = (char)c;
    }
    o[k] = 0;
    for (size_t i = 0; i < k;) {
        uint32_t cp;
        int l = sr_utf8_decode((const unsigned char *)o + i, k - i, &cp);
        if (l == 0) {
            *why = "invalid UTF-8";
            return NULL;
        }
        i += (size_t)l;
    }
    *outlen = k;
    return o;
}

int srv_parse_uri(sr_arena *a, const char *uri, srv_req *out, char *msg, size_t cap)
{
    out->nparams = 0;
    out->path = "/";
    const char *why = NULL;
    if (!uri || uri[0] != '/') {
        snprintf(msg, cap, "the request target must start with '/'");
        return 400;
    }
    const char *q = strchr(uri, '?');
    size_t plen = q ? (size_t)(q - uri) : strlen(uri);
    const char *hash = memchr(uri, '#', plen);
    if (hash)
        plen = (size_t)(hash - uri);
    size_t dummy;
    if (!(out->path = decode(a, uri, plen, 0, &dummy, &why))) {
        out->path = "/";
        snprintf(msg, cap, "the path holds %s", why);
        return 400;
    }
    if (!q)
        return 0;
    const char *s = q + 1;
    while (*s && *s != '#') {
        size_t n = strcspn(s, "&#");
        if (n > 0) {
            if (out->nparams == SRV_MAX_PARAMS) {
                snprintf(msg, cap, "more than %d query parameters", SRV_MAX_PARAMS);
                return 414;
            }
            const char *eq = memchr(s, '=', n);
            size_t kl = eq ? (size_t)(eq - s) : n;
            srv_param *p = &out->params[out->nparams];
            size_t nl;
            if (!(p->name = decode(a, s, kl, 1, &nl, &why))) {
                snprintf(msg, cap, "a query parameter name holds %s", why);
                return 400;
            }
            const char *v = eq ? eq + 1 : s + n;
            if (!(p->value = decode(a, v, (size_t)(s + n - v), 1, &p->len, &why))) {
                snprintf(msg, cap, "query parameter '%.64s' holds %s", p->name, why);
                return 400;
            }
            if (p->len > SRV_MAX_VALUE) {
                snprintf(msg, cap, "query parameter '%.64s' is longer than %d bytes", p->name,
                         SRV_MAX_VALUE);
                return 414;
            }
            for (size_t k = 0; k < out->nparams; k++) {
                if (!strcmp(out->params[k].name, p->name)) {
                    snprintf(msg, cap,
                             "query parameter '%.64s' is given twice (lists are comma-separated)",
                             p->name);
                    return 400;
                }
            }
            p->used = 0;
            out->nparams++;
        }
        s += n;
        if (*s == '&')
            s++;
    }
    return 0;
}

const char *srv_get(srv_req *r, const char *name)
{
    for (size_t i = 0; i < r->nparams; i++) {
        if (!strcmp(r->params[i].name, name)) {
            r->params[i].used = 1;
            return r->params[i].value;
        }
    }
    return NULL;
}

const char *srv_unused_param(const srv_req *r)
{
    for (size_t i = 0; i < r->nparams; i++)
        if (!r->params[i].used)
            return r->params[i].name;
    return NULL;
}

int srv_parse_long(const char *s, long lo, long hi, long *out)
{
    if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
        return -1;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

void srv_reply_json(sr_serve_reply *out, int status)
{
    out->status = status;
    out->type = "application/json";
    out->cache = "no-store";
    out->data = (const unsigned char *)out->buf.data;
    out->len = out->buf.len;
}

void srv_reply_error(sr_serve_reply *out, int status, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sr_buf_clear(&out->buf);
    /* Out of memory leaves an empty body; the status still says it. */
    if (sr_buf_puts(&out->buf, "{\"error\": ") || sr_json_str(&out->buf, msg, strlen(msg)) ||
        sr_buf_printf(&out->buf, ", \"status\": %d}\n", status))
        sr_buf_clear(&out->buf);
    srv_reply_json(out, status);
}
