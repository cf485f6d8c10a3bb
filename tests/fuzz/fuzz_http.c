/* libFuzzer target: HTTP request handling of `sitrep serve` without a
 * socket (sr_serve_handle): URI and query parsing, routing, the filters of
 * the data endpoints, the page's asset lookup and POST /code's body
 * reading and coding.  The input is
 *
 *   METHOD '\n' URI '\n' CONTENT-TYPE '\n' BODY
 *
 * (missing parts are empty).  The coder has no dictionaries, so the run
 * stays fast while the text stage and the whole reply path are exercised. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/sr_pipeline.h"
#include "serve/sr_serve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sr_server *server;
static sr_pipeline *pipeline;

static char *part(const char **p, const char *end)
{
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    size_t n = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
    char *s = malloc(n + 1);
    if (!s)
        abort();
    memcpy(s, *p, n);
    s[n] = 0;
    *p += n + (nl != NULL);
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!server) {
        sr_pipeline_opts po;
        memset(&po, 0, sizeof po);
        sr_error err;
        if (sr_pipeline_new(&po, NULL, &pipeline, &err))
            abort();
        sr_serve_opts o;
        memset(&o, 0, sizeof o);
        o.pipeline = pipeline;
        o.max_body = 1 << 16;
        if (sr_serve_new(&o, &server, &err))
            abort();
    }
    const char *p = (const char *)data, *end = p + size;
    char *method = part(&p, end), *uri = part(&p, end), *ct = part(&p, end);
    sr_serve_request rq = {method, uri, *ct ? ct : NULL, "gzip", NULL, p, (size_t)(end - p)};
    sr_serve_reply r;
    sr_serve_handle(server, &rq, &r);
    if (r.status < 200 || r.status > 599 || (r.len && !r.data))
        abort();
    sr_serve_reply_free(&r);
    free(method);
    free(uri);
    free(ct);
    return 0;
}
