/* The store's side of `sitrep serve`: a stored document read back with its
 * spans (sr_store_document), and the data endpoints over a small store,
 * on SQLite and, through tests/run.sh, PostgreSQL. */
#include <time.h>

#include "pipeline/sr_pipeline.h"
#include "serve/sr_serve.h"
#include "store_test_helpers.h"

/* "Syrian government forces shelled Douma, killing 12 civilians." and a
 * second sentence, with the spans the coder would give. */
static const char text1[] =
    "Syrian government forces shelled Douma, killing 12 civilians. "
    "Rebels fired mortars at Damascus.";

static void put_sample(sr_store *s)
{
    sr_store_place douma = st_place("Douma", "Rif Dimashq", "SY", 33.57, 36.40, 4);
    sr_store_place dam = st_place("Damascus", "Damascus Governorate", "SY", 33.51, 36.29, 4);
    sr_store_event ev[2];
    ev[0] = st_event("SYRGOV", "SYRCVL", "195", "2018-02-20", douma);
    ev[0].target.start = 51;
    ev[0].target.end = 60;
    ev[0].sent_end = 61;
    ev[0].dead = 12;
    ev[0].primary = 1;
    ev[1] = st_event("SYRREB", NULL, "194", "2018-02-20", dam);
    ev[1].source.text = "Rebels";
    ev[1].source.start = 62;
    ev[1].source.end = 68;
    ev[1].sentence = 1;
    ev[1].sent_start = 62;
    ev[1].sent_end = 95;
    ev[1].verb_start = 69;
    ev[1].verb_end = 74;
    sr_store_place places[2] = {douma, dam};
    places[0].text = "Douma";
    places[0].start = 33;
    places[0].end = 38;
    places[1].text = "Damascus";
    places[1].start = 86;
    places[1].end = 94;
    sr_store_count count;
    memset(&count, 0, sizeof count);
    count.type = "KILL";
    count.number = 12;
    count.qualifier = "exact";
    count.people = "civilians";
    count.start = 40;
    count.end = 60;
    count.part_of = -1;
    sr_store_doc d = st_doc("doc-1", text1, "wire", "2018-02-20", ev, 2);
    d.title = "Douma shelled";
    d.places = places;
    d.nplaces = 2;
    d.counts = &count;
    d.ncounts = 1;
    sr_store_put_result r;
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    /* The same text again: an exact copy. */
    sr_store_doc c = st_doc("doc-1-copy", text1, "other wire", "2018-02-21", NULL, 0);
    CHECK_EQ_INT(st_put(s, &c, &r), SR_OK);
    CHECK_EQ_INT(r.outcome, SR_STORE_COPY);
}

static void test_document(void)
{
    sr_store *s = st_open();
    if (!s)
        return;
    put_sample(s);
    sr_arena *a = sr_arena_new();
    sr_store_doc_view v;
    sr_error err;
    int found = -1;
    CHECK_EQ_INT(sr_store_document(s, "doc-1", a, &v, &found, &err), SR_OK);
    CHECK_EQ_INT(found, 1);
    CHECK_EQ_STR(v.doc.title, "Douma shelled");
    CHECK_EQ_STR(v.doc.text, text1);
    CHECK(v.copy_of == NULL);
    CHECK_EQ_INT(v.doc.nevents, 2);
    if (v.doc.nevents == 2) {
        const sr_store_event *e = &v.doc.events[0];
        CHECK_EQ_STR(e->source.code, "SYRGOV");
        CHECK_EQ_INT(e->target.start, 51);
        CHECK_EQ_INT(e->target.end, 60);
        CHECK_EQ_INT(e->verb_start, 25);
        CHECK_EQ_INT(e->dead, 12);
        CHECK_EQ_STR(e->location.admin1, "Rif Dimashq");
        CHECK_EQ_INT(e->primary, 1);
        CHECK_EQ_INT(v.doc.events[1].sent_start, 62);
        CHECK(v.event_ids[0] > 0 && v.event_ids[1] > 0 && v.event_ids[0] != v.event_ids[1]);
    }
    CHECK_EQ_INT(v.doc.nplaces, 2);
    CHECK_EQ_INT(v.doc.ncounts, 1);
    if (v.doc.nplaces == 2 && v.doc.ncounts == 1) {
        CHECK_EQ_STR(v.doc.places[1].text, "Damascus");
        CHECK_EQ_INT(v.doc.places[1].start, 86);
        CHECK_EQ_STR(v.doc.counts[0].people, "civilians");
        CHECK_EQ_INT(v.doc.counts[0].part_of, -1);
    }
    /* An exact copy shows its original's text and spans. */
    sr_arena_reset(a);
    CHECK_EQ_INT(sr_store_document(s, "doc-1-copy", a, &v, &found, &err), SR_OK);
    CHECK_EQ_INT(found, 1);
    CHECK_EQ_STR(v.copy_of, "doc-1");
    CHECK_EQ_STR(v.doc.text, text1);
    CHECK_EQ_INT(v.doc.nevents, 2);
    CHECK_EQ_STR(v.doc.source, "other wire");
    sr_arena_reset(a);
    CHECK_EQ_INT(sr_store_document(s, "nowhere", a, &v, &found, &err), SR_OK);
    CHECK_EQ_INT(found, 0);
    sr_arena_free(a);
    sr_store_close(s);
}

static int get(sr_server *srv, const char *uri, sr_buf *body)
{
    sr_serve_request rq = {"GET", uri, NULL, NULL, NULL, NULL, 0};
    sr_serve_reply r;
    sr_serve_handle(srv, &rq, &r);
    sr_buf_clear(body);
    sr_buf_put(body, r.data, r.len);
    int st = r.status;
    sr_serve_reply_free(&r);
    return st;
}

#define HAS(b, s)                                                                         \
    do {                                                                                  \
        CHECK(strstr((b).data ? (b).data : "", s) != NULL);                               \
        if (!strstr((b).data ? (b).data : "", s))                                         \
            fprintf(stderr, "  [%s] wanted %s in: %.400s\n", st_backend, s, (b).data);     \
    } while (0)

/* A server over the store as it is, asking it whether it changed at most
 * every check_ms (0: the default), or NULL (a failed check). */
static sr_server *server_on_store(unsigned check_ms)
{
    sr_serve_opts o;
    memset(&o, 0, sizeof o);
    o.db = st_url;
    o.cache_check_ms = check_ms;
    sr_server *srv;
    sr_error err;
    if (sr_serve_new(&o, &srv, &err)) {
        CHECK(!"the server opens the store");
        fprintf(stderr, "  %s\n", err.msg);
        return NULL;
    }
    return srv;
}

/* A server over a store holding the sample, or NULL (a failed check). */
static sr_server *sample_server(void)
{
    sr_store *s = st_open();
    if (!s)
        return NULL;
    put_sample(s);
    sr_store_close(s);
    return server_on_store(0);
}

static void test_endpoints(void)
{
    sr_server *srv = sample_server();
    if (!srv)
        return;
    /* Each request, its status and what its reply must hold. */
    static const struct {
        const char *uri;
        int status;
        const char *has[5];
    } cases[] = {
        {"/health", 200, {"\"documents\": 1, \"copies\": 1, \"events\": 2"}},
        {"/events?admin1=Rif+Dimashq", 200,
         {"{\"total\": 1, ", "\"code\": \"195\", \"name\": ",
          "\"place\": {\"name\": \"Douma\", \"country\": \"SY\", \"admin1\": \"Rif Dimashq\"",
          "\"dead\": 12", "\"doc\": \"doc-1\""}},
        {"/events?limit=1&offset=1", 200,
         {"{\"total\": 2, \"offset\": 1, \"limit\": 1, \"events\": [\n  {\"id\": ",
          "\"code\": \"194\""}},
        {"/events?from=2018&to=2018-02&text=douma", 200, {"{\"total\": 2, "}},
        {"/events?text=aleppo", 200, {"{\"total\": 0, "}},
        {"/events?admin1=Damascus+Governorate&sentence=1", 200,
         {"\"sentence\": \"Rebels fired mortars at Damascus.\", \"verb\": \"fired\"}"}},
        {"/events?sentence=yes", 400, {"sentence: expected 0 or 1"}},
        {"/events?to=2018-01", 200, {"{\"total\": 0, "}},
        {"/events?actor=SYRREB&country=IQ", 200, {"{\"total\": 0, "}},
        {"/aggregates?by=day,admin1", 200,
         {"{\"period\": \"2018-02-20\", \"key\": \"Damascus Governorate\""}},
        /* No rows at all (a fuzz finding: the store sorted a NULL array). */
        {"/places?country=IQ", 200, {"{\"places\": [\n]}"}},
        {"/places", 200,
         {"{\"key\": \"Douma\", \"admin1\": \"Rif Dimashq\", \"country\": \"SY\", \"lat\": 33.57000, "
          "\"lon\": 36.40000, \"events\": 1"}},
        {"/documents/doc-1", 200,
         {"\"target\":{\"code\":\"SYRCVL\",\"text\":\"civilians\",\"start\":51,\"end\":60}",
          "\"verb\":{\"start\":25,\"end\":32}",
          "{\"name\":\"Damascus\",\"lat\":33.51000,\"lon\":36.29000,\"country\":\"SY\","
          "\"admin1\":\"Damascus Governorate\",\"text\":\"Damascus\",\"start\":86,\"end\":94}",
          "{\"type\":\"KILL\",\"number\":12,", "\"text\":\"Syrian government forces shelled Douma"}},
        {"/documents/doc-1-copy", 200, {"\"copy_of\":\"doc-1\""}},
        {"/documents/nowhere", 404, {"no document 'nowhere'"}},
        {"/documents/doc-1?x=1", 400, {"unknown parameter 'x'"}},
    };
    sr_buf b = SR_BUF_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        CHECK_EQ_INT(get(srv, cases[i].uri, &b), cases[i].status);
        for (size_t k = 0; k < 5 && cases[i].has[k]; k++)
            HAS(b, cases[i].has[k]);
    }
    sr_buf_free(&b);
    sr_serve_free(srv);
}

/* Writes one more document with an event of another month. */
static void put_later_event(const char *id, const char *text)
{
    sr_store *w = NULL;
    sr_error err;
    if (sr_store_open(st_url, NULL, &w, &err) != SR_OK) {
        CHECK(!"the store opens for writing");
        return;
    }
    sr_store_place homs = st_place("Homs", "Homs Governorate", "SY", 34.73, 36.72, 4);
    sr_store_event ev = st_event("SYRGOV", "SYRREB", "190", "2018-03-01", homs);
    sr_store_doc d = st_doc(id, text, "x", "2018-03-01", &ev, 1);
    sr_store_put_result r;
    CHECK_EQ_INT(st_put(w, &d, &r), SR_OK);
    sr_store_close(w);
}

/* Kept replies: while the store is unchanged a reply is reused whole; once
 * a write commits, the reply is made again as soon as the store has been
 * asked (at most cache_check_ms later).  Two servers over one store: one
 * that asks rarely (its kept reply must survive the write: the cache is
 * used) and one that asks every millisecond (it must see the write). */
static void test_kept_replies(void)
{
    sr_store *s = st_open();
    if (!s)
        return;
    put_sample(s);
    sr_store_close(s);
    sr_server *rare = server_on_store(600000), *often = server_on_store(1);
    if (!rare || !often) {
        sr_serve_free(rare);
        sr_serve_free(often);
        return;
    }
    const char *uri = "/aggregates?by=month";
    sr_buf b = SR_BUF_INIT;
    CHECK_EQ_INT(get(rare, uri, &b), 200);
    HAS(b, "\"events\": 2");
    CHECK_EQ_INT(get(often, uri, &b), 200);
    HAS(b, "\"events\": 2");
    put_later_event("doc-2", "Another report about shelling in Homs today.");
    CHECK_EQ_INT(get(rare, uri, &b), 200);
    HAS(b, "\"events\": 2");
    CHECK(strstr(b.data ? b.data : "", "2018-03") == NULL);
    struct timespec pause = {0, 5 * 1000 * 1000};
    nanosleep(&pause, NULL);
    CHECK_EQ_INT(get(often, uri, &b), 200);
    HAS(b, "2018-03");
    /* Unchanged since: the same reply again, and a second write shows too. */
    CHECK_EQ_INT(get(often, uri, &b), 200);
    HAS(b, "2018-03");
    put_later_event("doc-3", "Troops advanced on the outskirts of Homs at dawn.");
    nanosleep(&pause, NULL);
    CHECK_EQ_INT(get(often, "/health", &b), 200);
    HAS(b, "\"documents\": 3");
    CHECK_EQ_INT(get(often, "/documents/doc-3", &b), 200);
    sr_buf_free(&b);
    sr_serve_free(rare);
    sr_serve_free(often);
}

/* %-encodes v onto b, as a client would. */
static void put_encoded(sr_buf *b, const char *v)
{
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_')
            sr_buf_putc(b, (char)*p);
        else
            sr_buf_printf(b, "%%%02X", *p);
    }
}

/* SQL metacharacters in every parameter of the data endpoints: each value
 * is refused with a JSON 400 naming the parameter, or taken as the literal
 * it is (no rows, or exactly the rows it names); never a store error, never
 * other rows.  Wildcards of LIKE (% and _) and its escape character are
 * literal in text. */
static void test_sql_metacharacters(void)
{
    sr_server *srv = sample_server();
    if (!srv)
        return;
    static const char *const evil[] = {
        "'", "''", "\"", "' OR '1'='1", "SYR' OR 'A'='A", "1 OR 1=1", "1; DROP TABLE sr_events; --",
        "SY'; --", "') OR 1=1 --", "\" OR \"\"=\"", "x' UNION SELECT id, body FROM sr_documents --",
        "UNION SELECT 1", "%", "%%", "_", "__", "\\", "\\%", "\\_", "*", "D%", "Rif%", "Rif_Dimashq",
        "2018-02-20' --", "2018%", "19%", "1_", "SYR%", "SYR_", "FIGHT' OR plover IS NOT NULL --",
        "0x27", "\\' OR 1=1 --", "35,32,42,37'", "35,32,42,37; --", "1e999,0,0,0", "-- ",
        "/* */", "admin1 = admin1", "%27", "\xef\xbc\x87 OR 1=1"};
    static const char *const params[] = {"from", "to", "actor", "source", "target", "code",
                                         "root", "plover", "acled", "country", "admin1", "text",
                                         "bbox", "limit", "offset", "after", "sentence", "by"};
    static const char *const endpoints[] = {"/events?", "/aggregates?by=month&", "/places?"};
    sr_buf uri = SR_BUF_INIT, b = SR_BUF_INIT;
    int tried = 0, bad = 0;
    for (size_t e = 0; e < 3; e++)
        for (size_t p = 0; p < sizeof params / sizeof *params; p++)
            for (size_t v = 0; v < sizeof evil / sizeof *evil; v++) {
                /* by belongs to /aggregates alone: tried once. */
                int is_by = !strcmp(params[p], "by");
                if (is_by && e > 0)
                    break;
                sr_buf_clear(&uri);
                sr_buf_puts(&uri, is_by ? "/aggregates?" : endpoints[e]);
                sr_buf_printf(&uri, "%s=", params[p]);
                put_encoded(&uri, evil[v]);
                int st = get(srv, uri.data, &b);
                const char *t = b.data ? b.data : "";
                char named[64];
                snprintf(named, sizeof named, "\"error\": \"%s", params[p]);
                /* 400 naming the parameter (or, on an endpoint without it,
                 * naming it as unknown); 200 with nothing found. */
                int ok = st == 400 ? (strstr(t, named) != NULL ||
                                      strstr(t, "unknown parameter") != NULL) &&
                                         strstr(t, "\"status\": 400") != NULL
                         : st == 200 ? strstr(t, "{\"total\": 0, ") == t ||
                                           !strcmp(t, "{\"groups\": [\n]}\n") ||
                                           !strcmp(t, "{\"places\": [\n]}\n")
                                     : 0;
                ok = ok && !strstr(t, "SQL") && !strstr(t, "sqlite") && !strstr(t, "syntax");
                tried++;
                if (!ok) {
                    bad++;
                    if (bad <= 10)
                        fprintf(stderr, "  [%s] %s -> %d %.200s\n", st_backend, uri.data, st, t);
                }
            }
    CHECK_EQ_INT(bad, 0);
    /* Every value in every parameter of the three endpoints, by once. */
    size_t nv = sizeof evil / sizeof *evil, np = sizeof params / sizeof *params;
    CHECK_EQ_INT(tried, 3 * (np - 1) * nv + nv);
    /* What is literal matches literally: the controls find their rows. */
    static const struct {
        const char *uri, *has;
    } lit[] = {
        {"/events?text=douma", "{\"total\": 2, "},
        {"/events?text=%25", "{\"total\": 0, "},
        {"/events?text=_", "{\"total\": 0, "},
        {"/events?text=d_uma", "{\"total\": 0, "},
        {"/events?text=d%25a", "{\"total\": 0, "},
        {"/events?text=%5C", "{\"total\": 0, "},
        {"/events?admin1=Rif+Dimashq", "{\"total\": 1, "},
        {"/events?admin1=Rif%25", "{\"total\": 0, "},
        {"/events?admin1=Rif_Dimashq", "{\"total\": 0, "},
        {"/events?admin1=Rif+Dimashq%27+OR+%271%27%3D%271", "{\"total\": 0, "},
        {"/health", "\"documents\": 1, \"copies\": 1, \"events\": 2"},
    };
    for (size_t i = 0; i < sizeof lit / sizeof *lit; i++) {
        CHECK_EQ_INT(get(srv, lit[i].uri, &b), 200);
        HAS(b, lit[i].has);
    }
    sr_buf_free(&uri);
    sr_buf_free(&b);
    sr_serve_free(srv);
}

int main(void)
{
    if (st_setup("serve_data"))
        return 1;
    RUN_BOTH(test_document);
    RUN_BOTH(test_endpoints);
    RUN_BOTH(test_kept_replies);
    RUN_BOTH(test_sql_metacharacters);
    st_teardown();
    return harness_done("serve_data");
}
