/* libFuzzer target: HTTP request handling of `sitrep serve` without a
 * socket (sr_serve_handle): URI and query parsing, routing, the filters of
 * the data endpoints, the page's asset lookup and POST /code's body
 * reading and coding.  The input is
 *
 *   METHOD '\n' URI '\n' CONTENT-TYPE '\n' BODY
 *
 * (missing parts are empty).  The coder has no dictionaries, so the run
 * stays fast while the text stage and the whole reply path are exercised;
 * the store is a temporary SQLite file holding one document, so the data
 * endpoints run their queries and write their replies. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pipeline/sr_pipeline.h"
#include "serve/sr_serve.h"
#include "store/sr_store.h"

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

static char dir[64], db[256];

static void remove_store(void)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char path[300];
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s%s", db, suffix[i]);
        unlink(path);
    }
    rmdir(dir);
}

static void make_store(void)
{
    snprintf(dir, sizeof dir, "/tmp/sitrep-fuzz-http-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    snprintf(db, sizeof db, "%s/store.db", dir);
    atexit(remove_store);
    static const char text[] = "Syrian troops shelled Douma on Monday, killing 12 civilians.";
    sr_store_event ev;
    memset(&ev, 0, sizeof ev);
    ev.source = (sr_store_actor){"SYRMIL", "Syrian troops", 0, 13};
    ev.target = (sr_store_actor){"SYRCVL", "civilians", 50, 59};
    ev.code = "195";
    ev.sent_end = sizeof text - 1;
    ev.verb_start = 14;
    ev.verb_end = 21;
    ev.mode = "asserted";
    ev.date = "2018-02-19";
    ev.date_precision = "day";
    ev.dead = 12;
    ev.injured = -1;
    ev.location.name = "Douma";
    ev.location.text = "Douma";
    ev.location.start = 30;
    ev.location.end = 35;
    ev.location.cc = "SY";
    ev.location.admin1 = "Rif Dimashq";
    ev.location.lat = 33.57;
    ev.location.lon = 36.40;
    ev.location.has_coords = 1;
    ev.location.level = 4;
    sr_store_doc d;
    memset(&d, 0, sizeof d);
    d.id = "doc-1";
    d.date = "2018-02-19";
    d.title = "Douma";
    d.text = text;
    d.text_len = sizeof text - 1;
    d.source = "wire";
    d.nsentences = 1;
    d.events = &ev;
    d.nevents = 1;
    d.places = &ev.location;
    d.nplaces = 1;
    sr_store *st;
    sr_store_put_result r;
    sr_error err;
    if (sr_store_open(db, NULL, &st, &err) || sr_store_put(st, &d, NULL, &r, &err))
        abort();
    sr_store_close(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!server) {
        make_store();
        sr_pipeline_opts po;
        memset(&po, 0, sizeof po);
        sr_error err;
        if (sr_pipeline_new(&po, NULL, &pipeline, &err))
            abort();
        sr_serve_opts o;
        memset(&o, 0, sizeof o);
        o.pipeline = pipeline;
        o.max_body = 1 << 16;
        o.db = db;
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
