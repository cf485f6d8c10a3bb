/* Routing, the page's assets, /health and POST /code.  The store's
 * endpoints are in data.c. */
#include <jansson.h>
#include <stdlib.h>
#include <time.h>

#include "../pipeline/sr_pipeline.h"
#include "serve_int.h"
#include "server_int.h"

const srv_asset *srv_asset_find(const char *name)
{
    for (size_t i = 0; i < srv_nassets; i++)
        if (!strcmp(srv_assets[i].name, name))
            return &srv_assets[i];
    return NULL;
}

static int accepts_gzip(const char *ae)
{
    /* "gzip" listed as a coding, and not refused with q=0. */
    while (ae && *ae) {
        size_t n = strcspn(ae, ",");
        const char *t = ae;
        while (t < ae + n && *t == ' ')
            t++;
        size_t nl = strcspn(t, ";, ");
        if (nl == 4 && !strncmp(t, "gzip", 4)) {
            const char *q = strstr(t, "q=");
            if (!q || q > ae + n)
                return 1;
            for (q += 2; *q == '0' || *q == '.'; q++)
                ;
            return q < ae + n && *q >= '1' && *q <= '9';
        }
        ae += n;
        if (*ae == ',')
            ae++;
    }
    return 0;
}

static void reply_asset(const sr_serve_request *rq, const srv_asset *as, sr_serve_reply *out)
{
    out->type = as->type;
    out->etag = as->etag;
    /* The page's files change only with the binary: revalidate by ETag. */
    out->cache = "no-cache";
    if (rq->if_none_match && strstr(rq->if_none_match, as->etag)) {
        out->status = 304;
        out->data = NULL;
        out->len = 0;
        return;
    }
    out->status = 200;
    if (as->gz && accepts_gzip(rq->accept_encoding)) {
        out->encoding = "gzip";
        out->data = as->gz;
        out->len = as->gzlen;
    } else {
        out->data = as->data;
        out->len = as->len;
    }
}

static void health(sr_server *s, sr_serve_reply *out)
{
    sr_buf *b = &out->buf;
    int rc = sr_buf_printf(b, "{\"status\": \"ok\", \"version\": \"%s\", \"uptime\": %ld, ",
                           SR_VERSION, (long)(time(NULL) - s->started));
    rc = rc ? rc : sr_buf_printf(b, "\"coder\": %s, ", s->o.pipeline ? "true" : "false");
    if (!rc && s->guard) {
        /* What the connection watchdog (guard.c) has done: slow clients
         * show here. */
        size_t open;
        unsigned long long late, evicted;
        srv_guard_stats(s->guard, &open, &late, &evicted);
        rc = sr_buf_printf(b, "\"connections\": {\"open\": %zu, \"timed_out\": %llu, "
                              "\"evicted\": %llu}, ",
                           open, late, evicted);
    }
    rc = rc ? rc : srv_store_health(s, b);
    rc = rc ? rc : sr_buf_puts(b, "}\n");
    if (rc)
        srv_reply_error(out, 500, "out of memory");
    else
        srv_reply_json(out, 200);
}

/* The body as one document: a JSON object with "text" (and optionally
 * "id", "title", "date", as `sitrep code` reads them) or plain text. */
static int read_doc(sr_serve_request const *rq, sr_arena *a, sr_doc *doc, sr_serve_reply *out)
{
    const char *ct = rq->content_type ? rq->content_type : "text/plain";
    int json = !strncmp(ct, "application/json", 16);
    if (!json && strncmp(ct, "text/plain", 10)) {
        srv_reply_error(out, 415, "POST /code takes application/json or text/plain, not '%.80s'",
                        ct);
        return -1;
    }
    if (rq->body_len == 0) {
        srv_reply_error(out, 400, "the body is empty: send the text to code");
        return -1;
    }
    char *line = NULL;
    size_t len = rq->body_len;
    const char *data = rq->body;
    if (json) {
        /* The reader takes JSON Lines: one object on one line. */
        json_error_t je;
        json_t *v = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &je);
        if (!v) {
            srv_reply_error(out, 400, "the body is not JSON: %s at line %d, column %d", je.text,
                            je.line, je.column);
            return -1;
        }
        if (!json_is_object(v) || !json_is_string(json_object_get(v, "text"))) {
            json_decref(v);
            srv_reply_error(out, 400, "the body must be an object with a \"text\" string");
            return -1;
        }
        line = json_dumps(v, JSON_COMPACT);
        json_decref(v);
        if (!line) {
            srv_reply_error(out, 500, "out of memory");
            return -1;
        }
        data = line;
        len = strlen(line);
    }
    FILE *f = fmemopen((void *)data, len, "r");
    sr_reader *rd = NULL;
    sr_error err;
    sr_error_clear(&err);
    int rc = -1;
    if (f && sr_input_open_stream(f, "request", json ? SR_FMT_JSONL : SR_FMT_TEXT, &rd, &err) == 0)
        rc = sr_input_next(rd, a, doc, &err);
    if (rc < 0 || (rc == 0 && !err.msg[0]))
        srv_reply_error(out, rc == SR_ENOMEM || !f ? 500 : 400, "%s",
                        err.msg[0] ? err.msg : rc == 0 ? "no document in the body"
                                                       : "the body could not be read");
    else if (rc == 0)
        srv_reply_error(out, 400, "%s", err.msg);
    sr_input_close(rd);
    if (f)
        fclose(f);
    free(line);
    return rc == 1 ? 0 : -1;
}

static void code(sr_server *s, const sr_serve_request *rq, sr_serve_reply *out)
{
    if (!s->o.pipeline) {
        srv_reply_error(out, 503, "this server was started without a coder");
        return;
    }
    sr_arena *a = sr_arena_new();
    if (!a) {
        srv_reply_error(out, 500, "out of memory");
        return;
    }
    sr_doc doc;
    memset(&doc, 0, sizeof doc);
    sr_result *res = NULL;
    sr_error err;
    sr_error_clear(&err);
    if (read_doc(rq, a, &doc, out) == 0) {
        int rc = sr_pipeline_run(s->o.pipeline, NULL, a, &doc, &res, &err);
        sr_buf *b = &out->buf;
        sr_buf_clear(b);
        if (rc == SR_ENOMEM || !res) {
            srv_reply_error(out, 500, "out of memory");
        } else if (srv_result_with_text(b, res, doc.text, doc.text_len)) {
            srv_reply_error(out, 500, "out of memory");
        } else {
            srv_reply_json(out, 200);
        }
    }
    sr_arena_free(a);
}

int srv_result_with_text(sr_buf *b, const sr_result *res, const char *text, size_t len)
{
    /* The result's object, with the text its byte offsets point into. */
    size_t at = b->len;
    if (sr_result_json(res, b))
        return SR_ENOMEM;
    if (b->len == at || b->data[b->len - 1] != '}')
        return SR_EINVAL;
    b->len--;
    int rc = sr_buf_puts(b, ",\"text\":");
    rc = rc ? rc : sr_json_str(b, text, len);
    rc = rc ? rc : sr_buf_puts(b, "}\n");
    return rc;
}

static int method_is(const sr_serve_request *rq, const char *m)
{
    return rq->method && !strcmp(rq->method, m);
}

void sr_serve_handle(sr_server *s, const sr_serve_request *rq, sr_serve_reply *out)
{
    memset(out, 0, sizeof *out);
    out->cache = "no-store";
    sr_arena *a = sr_arena_new();
    if (!a) {
        srv_reply_error(out, 500, "out of memory");
        return;
    }
    srv_req r;
    memset(&r, 0, sizeof r);
    r.rq = rq;
    r.a = a;
    char msg[256];
    int st = srv_parse_uri(a, rq->uri, &r, msg, sizeof msg);
    const char *p = r.path;
    int get = method_is(rq, "GET") || method_is(rq, "HEAD");
    if (st) {
        srv_reply_error(out, st, "%s", msg);
    } else if (!strcmp(p, "/code")) {
        if (!method_is(rq, "POST")) {
            out->allow = "POST";
            srv_reply_error(out, 405, "/code takes POST with the text in the body");
        } else if (r.nparams) {
            srv_reply_error(out, 400, "/code takes no query parameters");
        } else {
            code(s, rq, out);
        }
    } else if (!get) {
        out->allow = "GET, HEAD";
        srv_reply_error(out, 405, "%s takes GET or HEAD", p);
    } else if (!strcmp(p, "/") || !strcmp(p, "/index.html")) {
        reply_asset(rq, srv_asset_find("index.html"), out);
    } else if (!strncmp(p, "/static/", 8)) {
        const srv_asset *as = srv_asset_find(p + 8);
        if (as && strcmp(p + 8, "index.html"))
            reply_asset(rq, as, out);
        else
            srv_reply_error(out, 404, "no such file: %.200s", p);
    } else if (!strcmp(p, "/health")) {
        health(s, out);
    } else if (!srv_data_route(s, &r, out)) {
        srv_reply_error(out, 404, "no such endpoint: %.200s (see /health and the README)", p);
    }
    sr_arena_free(a);
}

void sr_serve_reply_free(sr_serve_reply *r)
{
    sr_buf_free(&r->buf);
    r->data = NULL;
    r->len = 0;
}
