/* The store suite: ingest, idempotence, copies, event clustering, counts,
 * transactions, queries, aggregates and the consistency check -- run once
 * on SQLite and once on PostgreSQL (store_test_helpers.h). */
#include "pipeline/sr_pipeline.h"
#include "store_test_helpers.h"

static const char *const T1 =
    "Syrian government forces shelled the Barzeh district of Damascus on Sunday, killing at "
    "least twelve civilians, according to a monitoring group based in Britain. Residents said "
    "tanks had surrounded the neighbourhood since dawn and that several buildings collapsed. "
    "The army said it was targeting armed groups hiding among the population.";
/* T1 re-wrapped: the same content. */
static const char *const T1_WRAPPED =
    "  Syrian government forces shelled the Barzeh district of Damascus on Sunday,\n killing at "
    "least twelve civilians, according to a monitoring group based in Britain.\n\nResidents said "
    "tanks had surrounded the neighbourhood since dawn and that several buildings collapsed. "
    "The army said it was targeting armed groups hiding among the population.\n";
/* T1 as another outlet ran it: a dateline, and a last sentence of its own. */
static const char *const T1_WIRE =
    "DAMASCUS (Wire) - Syrian government forces shelled the Barzeh district of Damascus on "
    "Sunday, killing at least twelve civilians, according to a monitoring group based in "
    "Britain. Residents said tanks had surrounded the neighbourhood since dawn and that several "
    "buildings collapsed. The army said it was targeting armed groups hiding among the "
    "population. A further statement is expected on Monday.";
/* The first half of T1: contained in it. */
static const char *const T1_CUT =
    "Syrian government forces shelled the Barzeh district of Damascus on Sunday, killing at "
    "least twelve civilians, according to a monitoring group based in Britain. Residents said "
    "tanks had surrounded the neighbourhood";
static const char *const T2 =
    "Army artillery pounded a northern neighbourhood of the capital early on Monday, residents "
    "told reporters by telephone. Activists counted fourteen bodies after the bombardment and "
    "accused the authorities of collective punishment. State television did not mention the "
    "fighting in its evening bulletin.";
static const char *const T3 =
    "Hundreds of students marched through the old city of Aleppo demanding the release of "
    "detained classmates, witnesses said. Security forces fired tear gas to break up the crowd "
    "near the university gate, and several people were arrested as the protest spread.";
static const char *const T4 =
    "Kurdish fighters said they had repelled an attack on a village east of Qamishli overnight, "
    "and that the attackers withdrew towards the border after hours of clashes. There was no "
    "independent confirmation of the account from other sources in the region.";

static sr_store_place barzeh(void)
{
    return st_place("Barzeh", "Damascus", "SY", 33.553, 36.312, 5);
}

static void test_open_and_schema(void)
{
    sr_store *s = st_open();
    if (!s)
        return;
    sr_store_stats st;
    sr_error e;
    CHECK_EQ_INT(sr_store_stats_get(s, &st, &e), SR_OK);
    CHECK_EQ_INT(st.documents + st.events + st.mentions, 0);
    CHECK(st.bytes > 0);
    sr_store_close(s);
    /* Opening again keeps what is there; another schema version is refused. */
    CHECK_EQ_INT(sr_store_open(st_url, NULL, &s, &e), SR_OK);
    sr_store_close(s);
    CHECK_EQ_INT(st_sql("UPDATE sr_meta SET value = '99' WHERE key = 'schema'"), 0);
    s = NULL;
    CHECK_EQ_INT(sr_store_open(st_url, NULL, &s, &e), SR_EINVAL);
    CHECK(strstr(e.msg, "schema version 99") != NULL);
    CHECK(s == NULL);
    /* A reader is refused it too, saying it reads. */
    sr_store_opts ro;
    sr_store_opts_init(&ro);
    ro.read_only = 1;
    CHECK_EQ_INT(sr_store_open(st_url, &ro, &s, &e), SR_EINVAL);
    CHECK(strstr(e.msg, "schema version 99; this sitrep reads version") != NULL);
    /* ...unless it is to be emptied. */
    sr_store_opts o;
    sr_store_opts_init(&o);
    o.reset = 1;
    CHECK_EQ_INT(sr_store_open(st_url, &o, &s, &e), SR_OK);
    sr_store_close(s);
    s = NULL;
    /* A reader never writes: it reads the store but cannot store in it,
     * and where there is no store it makes none. */
    CHECK_EQ_INT(sr_store_open(st_url, &ro, &s, &e), SR_OK);
    sr_store_stats rst;
    CHECK_EQ_INT(sr_store_stats_get(s, &rst, &e), SR_OK);
    sr_store_event ev = st_event("SYRMIL", "SYRREB", "190", "2016-05-01", barzeh());
    sr_store_doc d = st_doc("ro1", T1, "Wire A", "2016-05-01", &ev, 1);
    sr_store_put_result r;
    CHECK(sr_store_put(s, &d, NULL, &r, &e) != SR_OK);
    sr_store_close(s);
    s = NULL;
    CHECK_EQ_INT(st_sql("DROP TABLE IF EXISTS sr_meta"), 0);
    for (int k = 0; k < 2; k++) {
        CHECK_EQ_INT(sr_store_open(st_url, &ro, &s, &e), SR_EINVAL);
        CHECK(strstr(e.msg, "not a sitrep store") != NULL);
    }
    if (!sr_store_url_is_postgres(st_url)) {
        char missing[600];
        snprintf(missing, sizeof missing, "%s/missing.db", st_dir);
        CHECK_EQ_INT(sr_store_open(missing, &ro, &s, &e), SR_EIO);
        CHECK(strstr(e.msg, "missing.db: no such file") != NULL);
        CHECK(access(missing, F_OK) != 0);
    }
    CHECK(s == NULL);
    /* A store nobody can reach is an error with a message, not a crash. */
    CHECK_EQ_INT(sr_store_open("/nonexistent/dir/x.db", NULL, &s, &e), SR_EIO);
    CHECK(e.msg[0] != 0);
    CHECK(sr_store_url_is_postgres("postgresql://h/db") && sr_store_url_is_postgres("postgres://x"));
    CHECK(!sr_store_url_is_postgres("sitrep.db"));
}

static void test_put_and_idempotence(void)
{
    sr_store *s = st_open();
    if (!s)
        return;
    sr_store_event ev[2] = {st_event("SYRMIL", "SYRCVL", "194", "2012-07-15", barzeh()),
                            st_event("SYRMIL", NULL, "1823", NULL, barzeh())};
    ev[0].dead = 12;
    ev[1].sentence = 2;
    sr_store_place places[1] = {barzeh()};
    places[0].text = "Barzeh";
    places[0].start = 41;
    places[0].end = 47;
    sr_store_count counts[1];
    memset(counts, 0, sizeof counts);
    counts[0].type = "KILL";
    counts[0].number = 12;
    counts[0].people = "civilians";
    counts[0].part_of = -1;
    counts[0].location = barzeh();
    sr_store_doc d = st_doc("a1", T1, "Wire A", "2012-07-16", ev, 2);
    d.places = places;
    d.nplaces = 1;
    d.counts = counts;
    d.ncounts = 1;
    sr_store_put_result r;
    sr_error e;
    CHECK_EQ_INT(sr_store_begin(s, &e), SR_OK);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.outcome, SR_STORE_NEW);
    CHECK_EQ_INT(r.new_events, 2);
    CHECK_EQ_INT(r.mentions, 2);
    CHECK_EQ_INT(sr_store_commit(s, &e), SR_OK);
    /* The same id again: nothing stored, whatever the text. */
    sr_store_doc again = st_doc("a1", T3, "Wire B", "2012-07-17", ev, 2);
    CHECK_EQ_INT(st_put(s, &again, &r), SR_OK);
    CHECK_EQ_INT(r.outcome, SR_STORE_SEEN);
    sr_store_stats st;
    CHECK_EQ_INT(sr_store_stats_get(s, &st, &e), SR_OK);
    CHECK_EQ_INT(st.documents, 1);
    CHECK_EQ_INT(st.events, 2);
    CHECK_EQ_INT(st.mentions, 2);
    CHECK_EQ_INT(st.places, 1);
    CHECK_EQ_INT(st.counts, 1);
    int found;
    sr_store_fingerprint fp;
    sr_store_fingerprint_text(T3, strlen(T3), &fp);
    CHECK_EQ_INT(sr_store_has(s, "a1", fp.content, &found, &e), SR_OK);
    CHECK_EQ_INT(found, 1);
    CHECK_EQ_INT(sr_store_has(s, "zz", fp.content, &found, &e), SR_OK);
    CHECK_EQ_INT(found, 0);
    sr_store_fingerprint_text(T1_WRAPPED, strlen(T1_WRAPPED), &fp);
    CHECK_EQ_INT(sr_store_has(s, "zz", fp.content, &found, &e), SR_OK);
    CHECK_EQ_INT(found, 2);
    CHECK(fp.content == sr_store_content_hash(T1, strlen(T1)));
    int64_t problems;
    CHECK_EQ_INT(sr_store_check(s, &problems, &e), SR_OK);
    CHECK_EQ_INT(problems, 0);
    sr_store_close(s);
}

static void test_copies(void)
{
    sr_store *s = st_open();
    if (!s)
        return;
    sr_store_event ev[1] = {st_event("SYRMIL", "SYRCVL", "194", "2012-07-15", barzeh())};
    sr_store_put_result r, r0;
    sr_store_doc d = st_doc("orig", T1, "Wire A", "2012-07-16", ev, 1);
    CHECK_EQ_INT(st_put(s, &d, &r0), SR_OK);
    CHECK_EQ_INT(r0.outcome, SR_STORE_NEW);
    /* Re-wrapped: the same content, linked, its events not counted. */
    d = st_doc("wrapped", T1_WRAPPED, "Wire B", "2012-07-16", ev, 1);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.outcome, SR_STORE_COPY);
    CHECK_EQ_INT(r.original, r0.doc);
    CHECK_EQ_INT(r.mentions, 0);
    /* Another outlet's version: a near copy. */
    d = st_doc("wire", T1_WIRE, "Wire C", "2012-07-16", ev, 1);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.outcome, SR_STORE_NEAR_COPY);
    CHECK_EQ_INT(r.original, r0.doc);
    CHECK(r.similarity >= 0.7 && r.similarity < 1);
    /* A cut-down version: most of it is contained in the original. */
    d = st_doc("cut", T1_CUT, "Wire D", "2012-07-16", ev, 1);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.outcome, SR_STORE_NEAR_COPY);
    CHECK_EQ_INT(r.original, r0.doc);
    /* A copy of the near copy points at the first original. */
    d = st_doc("wire2", T1_WIRE, "Wire E", "2012-07-16", ev, 1);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.original, r0.doc);
    /* A different story is new. */
    d = st_doc("other", T2, "Wire A", "2012-07-16", ev, 1);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.outcome, SR_STORE_NEW);
    sr_store_stats st;
    sr_error e;
    CHECK_EQ_INT(sr_store_stats_get(s, &st, &e), SR_OK);
    CHECK_EQ_INT(st.documents, 2);
    CHECK_EQ_INT(st.copies, 4);
    int64_t problems;
    CHECK_EQ_INT(sr_store_check(s, &problems, &e), SR_OK);
    CHECK_EQ_INT(problems, 0);
    sr_store_close(s);
    /* With near copies off, only the exact copy is linked. */
    sr_store_opts o;
    sr_store_opts_init(&o);
    o.near_dup = 0;
    if (sr_store_open(st_url, &o, &s, &e) || sr_store_reset(s, &e)) {
        CHECK(0);
        return;
    }
    d = st_doc("orig", T1, "Wire A", "2012-07-16", ev, 1);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    d = st_doc("wire", T1_WIRE, "Wire C", "2012-07-16", ev, 1);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.outcome, SR_STORE_NEW);
    d = st_doc("wrapped", T1_WRAPPED, "Wire B", "2012-07-16", ev, 1);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.outcome, SR_STORE_COPY);
    sr_store_close(s);
}

static void test_fingerprint(void)
{
    sr_store_fingerprint a, b, c;
    sr_store_fingerprint_text(T1, strlen(T1), &a);
    sr_store_fingerprint_text(T1_WRAPPED, strlen(T1_WRAPPED), &b);
    CHECK(a.content == b.content);
    CHECK(sr_store_similarity(&a, &b) == 1.0);
    sr_store_fingerprint_text(T2, strlen(T2), &c);
    CHECK(a.content != c.content);
    CHECK(sr_store_similarity(&a, &c) < 0.2);
    CHECK(a.shingles >= 40);
    /* Case does not matter to shingles; too short a text is not compared. */
    sr_store_fingerprint_text("SYRIAN GOVERNMENT FORCES SHELLED", 32, &c);
    CHECK_EQ_INT(c.shingles, 0);
}

/* Reports of one event from several documents and outlets. */
static void test_clustering(void)
{
    sr_store *s = st_open();
    if (!s)
        return;
    sr_store_put_result r;
    /* a: two mentions of one event in one article. */
    sr_store_event a[2] = {st_event("SYRMIL", "SYRCVL", "194", "2012-07-15", barzeh()),
                           st_event("SYRMIL", "SYRCVL", "190", "2012-07-15", barzeh())};
    a[0].dead = 12;
    a[1].sentence = 3;
    sr_store_doc d = st_doc("a", T1, "Outlet One", "2012-07-16", a, 2);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.new_events, 1);
    CHECK_EQ_INT(r.mentions, 2);
    /* b: another outlet, a day later, 5 km away, a larger toll. */
    sr_store_event b[1] = {st_event("SYRMILGOV", "SYRCVL", "195", "2012-07-16",
                                    st_place("Harasta", "Rif Dimashq", "SY", 33.558, 36.365, 4))};
    b[0].dead = 14;
    d = st_doc("b", T2, "Outlet Two", "2012-07-17", b, 1);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.new_events, 0);
    /* c: the first outlet again, in another article. */
    sr_store_event c[1] = {st_event("SYRMIL", "SYRCVL", "19", "2012-07-14", barzeh())};
    d = st_doc("c", T3, "Outlet One", "2012-07-16", c, 1);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.new_events, 0);
    /* Not the same event: 27 km away; two days off; another root; other
     * actors; denied rather than asserted. */
    sr_store_event x[5] = {
        st_event("SYRMIL", "SYRCVL", "194", "2012-07-15",
                 st_place("Zabadani", "Rif Dimashq", "SY", 33.72, 36.10, 4)),
        st_event("SYRMIL", "SYRCVL", "194", "2012-07-17", barzeh()),
        st_event("SYRMIL", "SYRCVL", "180", "2012-07-15", barzeh()),
        st_event("SYRREB", "SYRCVL", "194", "2012-07-15", barzeh()),
        st_event("SYRMIL", "SYRCVL", "194", "2012-07-15", barzeh())};
    x[4].mode = "denied";
    d = st_doc("x", T4, "Outlet Three", "2012-07-16", x, 5);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.new_events, 5);
    sr_store_stats st;
    sr_error e;
    CHECK_EQ_INT(sr_store_stats_get(s, &st, &e), SR_OK);
    CHECK_EQ_INT(st.events, 6);
    CHECK_EQ_INT(st.mentions, 9);
    int64_t problems;
    CHECK_EQ_INT(sr_store_check(s, &problems, &e), SR_OK);
    CHECK_EQ_INT(problems, 0);
    sr_store_close(s);
}

/* Reports dated by month only join nothing outside their document; in
 * it, they do. */
static void test_coarse_dates(void)
{
    sr_store *s = st_open();
    if (!s)
        return;
    sr_store_event a[2] = {st_event("SYRMIL", "SYRCVL", "194", "2012-07", barzeh()),
                           st_event("SYRMIL", "SYRCVL", "194", "2012-07", barzeh())};
    a[0].date_precision = a[1].date_precision = "month";
    sr_store_event b[1] = {st_event("SYRMIL", "SYRCVL", "194", "2012-07", barzeh())};
    b[0].date_precision = "month";
    sr_store_put_result r;
    sr_store_doc d = st_doc("m1", T1, "Outlet One", "2012-07-16", a, 2);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.new_events, 1);
    d = st_doc("m2", T2, "Outlet Two", "2012-07-20", b, 1);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(r.new_events, 1);
    sr_store_close(s);
}

typedef struct ev_list {
    int n;
    int64_t id[64];
    long mentions[64], sources[64], articles[64], dead[64], dead_net[64];
    char code[64][8], place[64][32], text[64][64];
} ev_list;

static int collect_ev(void *ctx, const sr_store_event_row *r)
{
    ev_list *l = ctx;
    if (l->n < 64) {
        l->id[l->n] = r->id;
        l->mentions[l->n] = r->num_mentions;
        l->sources[l->n] = r->num_sources;
        l->articles[l->n] = r->num_articles;
        l->dead[l->n] = r->dead;
        l->dead_net[l->n] = r->dead_net;
        snprintf(l->code[l->n], 8, "%s", r->code);
        snprintf(l->place[l->n], 32, "%s", r->place ? r->place : "");
        snprintf(l->text[l->n], 64, "%s", r->text ? r->text : "");
    }
    l->n++;
    return 0;
}

/* The store test_clustering leaves, opened again. */
static sr_store *clustered(void)
{
    test_clustering();
    sr_store *s;
    sr_error e;
    if (sr_store_open(st_url, NULL, &s, &e)) {
        CHECK(0);
        return NULL;
    }
    return s;
}

static void test_counts(void)
{
    /* The clustering store read back: the first event has every report,
     * counted as GDELT counts them. */
    sr_store *s = clustered();
    sr_error e;
    if (!s)
        return;
    ev_list l = {0};
    sr_store_filter f;
    memset(&f, 0, sizeof f);
    f.with_text = 1;
    CHECK_EQ_INT(sr_store_events(s, &f, collect_ev, &l, &e), SR_OK);
    CHECK_EQ_INT(l.n, 6);
    CHECK_EQ_STR(l.code[0], "194");        /* the first report's code */
    CHECK_EQ_INT(l.mentions[0], 4);        /* a twice, b, c */
    CHECK_EQ_INT(l.articles[0], 3);        /* a, b, c */
    CHECK_EQ_INT(l.sources[0], 2);         /* Outlet One, Outlet Two */
    CHECK_EQ_INT(l.dead[0], 14);           /* the largest toll */
    CHECK_EQ_STR(l.place[0], "Barzeh");
    CHECK_EQ_STR(l.text[0], "Syrian government fo"); /* its sentence: bytes 0-20 */
    for (int i = 1; i < 6; i++)
        CHECK_EQ_INT(l.mentions[i], 1);
    sr_store_close(s);
}

static int count_mention(void *ctx, const sr_store_mention_row *m)
{
    int *n = ctx;
    (*n)++;
    CHECK(m->doc_id != NULL && m->code != NULL);
    return 0;
}

static void test_mentions(void)
{
    sr_store *s = clustered();
    sr_error e;
    if (!s)
        return;
    ev_list l = {0};
    CHECK_EQ_INT(sr_store_events(s, NULL, collect_ev, &l, &e), SR_OK);
    int n = 0;
    CHECK_EQ_INT(sr_store_mentions(s, l.id[0], count_mention, &n, &e), SR_OK);
    CHECK_EQ_INT(n, 4);
    sr_store_close(s);
}

static void test_transactions(void)
{
    sr_store *s = st_open();
    if (!s)
        return;
    sr_store_event ev[1] = {st_event("SYRMIL", "SYRCVL", "194", "2012-07-15", barzeh())};
    sr_store_doc d = st_doc("t1", T1, "Wire A", "2012-07-16", ev, 1);
    sr_store_put_result r;
    sr_error e;
    CHECK_EQ_INT(sr_store_begin(s, &e), SR_OK);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    /* Inside the transaction the writer sees its own document... */
    int found;
    CHECK_EQ_INT(sr_store_has(s, "t1", 0, &found, &e), SR_OK);
    CHECK_EQ_INT(found, 1);
    CHECK_EQ_INT(sr_store_rollback(s, &e), SR_OK);
    /* ...and after a rollback nothing is left. */
    CHECK_EQ_INT(sr_store_has(s, "t1", 0, &found, &e), SR_OK);
    CHECK_EQ_INT(found, 0);
    sr_store_stats st;
    CHECK_EQ_INT(sr_store_stats_get(s, &st, &e), SR_OK);
    CHECK_EQ_INT(st.documents + st.events + st.mentions + st.copies, 0);
    /* A transaction left open at close is rolled back. */
    CHECK_EQ_INT(sr_store_begin(s, &e), SR_OK);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    sr_store_close(s);
    CHECK_EQ_INT(sr_store_open(st_url, NULL, &s, &e), SR_OK);
    CHECK_EQ_INT(sr_store_has(s, "t1", 0, &found, &e), SR_OK);
    CHECK_EQ_INT(found, 0);
    sr_store_close(s);
}

static void test_check_finds_damage(void)
{
    sr_store *s = st_open();
    if (!s)
        return;
    sr_store_event ev[1] = {st_event("SYRMIL", "SYRCVL", "194", "2012-07-15", barzeh())};
    sr_store_doc d = st_doc("k1", T1, "Wire A", "2012-07-16", ev, 1);
    sr_store_put_result r;
    sr_error e;
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    int64_t problems;
    CHECK_EQ_INT(sr_store_check(s, &problems, &e), SR_OK);
    CHECK_EQ_INT(problems, 0);
    CHECK_EQ_INT(st_sql("UPDATE sr_events SET num_mentions = 5"), 0);
    CHECK_EQ_INT(sr_store_check(s, &problems, &e), SR_OK);
    CHECK(problems >= 1);
    CHECK(strstr(e.msg, "NumMentions") != NULL);
    CHECK_EQ_INT(st_sql("UPDATE sr_events SET num_mentions = 1"), 0);
    CHECK_EQ_INT(st_sql("DELETE FROM sr_documents"), 0);
    CHECK_EQ_INT(sr_store_check(s, &problems, &e), SR_OK);
    CHECK(problems >= 2);
    sr_store_close(s);
}

/* ---- queries ------------------------------------------------------------------ */

static sr_store *query_store(void)
{
    sr_store *s = st_open();
    if (!s)
        return NULL;
    sr_store_place alep = st_place("Aleppo", "Aleppo", "SY", 36.20, 37.16, 4);
    sr_store_place mosul = st_place("Mosul", "Nineveh", "IQ", 36.34, 43.13, 4);
    sr_store_place syria = st_place("Syria", "", "SY", 35.0, 38.5, 1);
    sr_store_event e1[3] = {st_event("SYRMIL", "SYRCVL", "194", "2012-07-15", barzeh()),
                            st_event("SYRREB", "SYRMIL", "190", "2012-07-15", alep),
                            st_event("USAGOV", "SYRGOV", "112", "2012-07-20", syria)};
    e1[0].dead = 12;
    sr_store_event e2[2] = {st_event("IRQMIL", "IMGMUSISI", "195", "2012-08-02", mosul),
                            st_event("SYROPP", NULL, "141", "2012-07-31", alep)};
    /* Aleppo again, a little off: a place's point is its events' mean. */
    sr_store_event e3[1] = {st_event("SYRMIL", "SYRREB", "193", NULL,
                                     st_place("Aleppo", "Aleppo", "SY", 36.26, 37.22, 4))};
    sr_store_doc docs[3] = {st_doc("q1", T1, "Outlet One", "2012-07-16", e1, 3),
                            st_doc("q2", T3, "Outlet Two", "2012-08-03", e2, 2),
                            st_doc("q3", T4, "Outlet Two", NULL, e3, 1)};
    sr_store_put_result r;
    for (int i = 0; i < 3; i++)
        if (st_put(s, &docs[i], &r)) {
            CHECK(0);
            sr_store_close(s);
            return NULL;
        }
    return s;
}

static int count_filter(sr_store *s, const sr_store_filter *f)
{
    ev_list l = {0};
    sr_error e;
    int rc = sr_store_events(s, f, collect_ev, &l, &e);
    if (rc) {
        fprintf(stderr, "query [%s]: %s\n", st_backend, e.msg);
        return -1;
    }
    return l.n;
}

static void test_query_filters(void)
{
    sr_store *s = query_store();
    if (!s)
        return;
    sr_store_filter f;
#define Q(setup, expect)                           \
    do {                                           \
        memset(&f, 0, sizeof f);                   \
        setup;                                     \
        CHECK_EQ_INT(count_filter(s, &f), expect); \
    } while (0)
    Q((void)0, 6);
    Q(f.from = "2012-07-16", 3);
    Q(f.to = "2012-07-15", 2);
    Q((f.from = "2012-07", f.to = "2012-07"), 4);
    Q(f.to = "2012", 5);
    Q(f.actor = "SYR", 5);
    Q(f.actor = "SYRM", 3);
    Q(f.source = "SYRMIL", 2);
    Q(f.target = "IMG", 1);
    Q(f.code = "19", 4);
    Q(f.code = "1", 6);
    Q(f.root = "19", 4);
    Q(f.root = "1", 0);
    Q(f.plover = "PROTEST", 1);
    Q(f.acled = "AIR_STRIKE", 1);
    Q(f.country = "SY", 5);
    Q(f.country = "IQ", 1);
    Q(f.admin1 = "Aleppo", 3);
    Q((f.country = "SY", f.admin1 = "Damascus"), 1);
    Q((f.has_bbox = 1, f.min_lon = 36, f.min_lat = 33, f.max_lon = 38, f.max_lat = 37), 4);
    Q((f.has_bbox = 1, f.min_lon = 170, f.min_lat = -90, f.max_lon = 40, f.max_lat = 90), 5);
    Q(f.text = "TEAR GAS", 2);
    Q(f.text = "100%", 0);
    Q(f.text = "barzeh district", 3);
    Q((f.limit = 2, f.offset = 1), 2);
    Q((f.limit = 10, f.offset = 5), 1);
    Q(f.after_id = 4, 2);
    /* Filter values are bound, never pasted: quotes are just text. */
    Q(f.actor = "SYR' OR '1'='1", 0);
    Q(f.admin1 = "x'; DROP TABLE sr_events; --", 0);
    Q((void)0, 6);
#undef Q
    sr_error e;
    memset(&f, 0, sizeof f);
    f.from = "2012-13-01";
    CHECK_EQ_INT(sr_store_events(s, &f, collect_ev, &(ev_list){0}, &e), SR_EINVAL);
    CHECK(strstr(e.msg, "2012-13-01") != NULL);
    memset(&f, 0, sizeof f);
    f.has_bbox = 1;
    f.min_lat = 40;
    f.max_lat = 30;
    CHECK_EQ_INT(sr_store_events(s, &f, collect_ev, &(ev_list){0}, &e), SR_EINVAL);
    sr_store_close(s);
}

typedef struct agg_list {
    int n;
    char line[64][96];
} agg_list;

static int collect_agg(void *ctx, const sr_store_agg_row *r)
{
    agg_list *l = ctx;
    if (l->n < 64)
        snprintf(l->line[l->n], 96, "%s|%s|%s|%s|%ld|%ld", r->period ? r->period : "-",
                 r->key ? r->key : "-", r->admin1 ? r->admin1 : "-", r->cc ? r->cc : "-",
                 r->events, r->dead);
    l->n++;
    return 0;
}

/* period|key|lat,lon of place groupings ("-" when not located). */
static int collect_where(void *ctx, const sr_store_agg_row *r)
{
    agg_list *l = ctx;
    if (l->n < 64) {
        if (r->located)
            snprintf(l->line[l->n], 96, "%s|%s|%.3f,%.3f", r->period ? r->period : "-", r->key,
                     r->lat, r->lon);
        else
            snprintf(l->line[l->n], 96, "%s|%s|-", r->period ? r->period : "-", r->key);
    }
    l->n++;
    return 0;
}

static void test_aggregates(void)
{
    sr_store *s = query_store();
    if (!s)
        return;
    sr_error e;
    agg_list l = {0};
    CHECK_EQ_INT(sr_store_aggregate(s, NULL, SR_STORE_DAY, SR_STORE_GROUP_ADMIN1, collect_agg, &l,
                                    &e),
                 SR_OK);
    CHECK_EQ_INT(l.n, 6);
    CHECK_EQ_STR(l.line[0], "2012-07-15|Aleppo|-|SY|1|0");
    CHECK_EQ_STR(l.line[1], "2012-07-15|Damascus|-|SY|1|12");
    CHECK_EQ_STR(l.line[2], "2012-07-20||-|SY|1|0");
    CHECK_EQ_STR(l.line[3], "2012-07-31|Aleppo|-|SY|1|0");
    CHECK_EQ_STR(l.line[4], "2012-08-02|Nineveh|-|IQ|1|0");
    CHECK_EQ_STR(l.line[5], "|Aleppo|-|SY|1|0"); /* no date: last */
    l.n = 0;
    CHECK_EQ_INT(sr_store_aggregate(s, NULL, SR_STORE_WEEK, SR_STORE_GROUP_NONE, collect_agg, &l,
                                    &e),
                 SR_OK);
    CHECK_EQ_INT(l.n, 4);
    CHECK_EQ_STR(l.line[0], "2012-W28|-|-|-|2|12"); /* Sunday 15 July ends week 28 */
    CHECK_EQ_STR(l.line[1], "2012-W29|-|-|-|1|0");
    CHECK_EQ_STR(l.line[2], "2012-W31|-|-|-|2|0");
    l.n = 0;
    sr_store_filter f;
    memset(&f, 0, sizeof f);
    f.country = "SY";
    CHECK_EQ_INT(sr_store_aggregate(s, &f, SR_STORE_MONTH, SR_STORE_GROUP_NONE, collect_agg, &l,
                                    &e),
                 SR_OK);
    CHECK_EQ_INT(l.n, 2);
    CHECK_EQ_STR(l.line[0], "2012-07|-|-|-|4|12");
    l.n = 0;
    CHECK_EQ_INT(sr_store_aggregate(s, NULL, SR_STORE_YEAR, SR_STORE_GROUP_COUNTRY, collect_agg,
                                    &l, &e),
                 SR_OK);
    CHECK_EQ_INT(l.n, 3);
    CHECK_EQ_STR(l.line[0], "2012|IQ|-|-|1|0");
    CHECK_EQ_STR(l.line[1], "2012|SY|-|-|4|12");
    l.n = 0;
    CHECK_EQ_INT(sr_store_aggregate(s, NULL, SR_STORE_PERIOD_NONE, SR_STORE_GROUP_ACTOR,
                                    collect_agg, &l, &e),
                 SR_OK);
    /* Each event counts for its source and its target ("" = none). */
    int total = 0, syrmil = 0;
    for (int i = 0; i < l.n; i++) {
        /* period|key|admin1|cc|events|dead */
        char *f4 = l.line[i];
        for (int k = 0; k < 4; k++)
            f4 = strchr(f4, '|') + 1;
        total += atoi(f4);
        if (!strncmp(l.line[i], "-|SYRMIL|", 9))
            syrmil = atoi(f4);
    }
    CHECK_EQ_INT(total, 12);
    CHECK_EQ_INT(syrmil, 3);
    l.n = 0;
    memset(&f, 0, sizeof f);
    f.limit = 1;
    f.offset = 1;
    CHECK_EQ_INT(sr_store_aggregate(s, &f, SR_STORE_PERIOD_NONE, SR_STORE_GROUP_PLACE,
                                    collect_agg, &l, &e),
                 SR_OK);
    CHECK_EQ_INT(l.n, 1);
    CHECK_EQ_STR(l.line[0], "-|Barzeh|Damascus|SY|1|12");
    /* A place's point: the mean of its events' coordinates, per period. */
    l.n = 0;
    CHECK_EQ_INT(sr_store_aggregate(s, NULL, SR_STORE_PERIOD_NONE, SR_STORE_GROUP_PLACE,
                                    collect_where, &l, &e),
                 SR_OK);
    CHECK_EQ_INT(l.n, 4);
    CHECK_EQ_STR(l.line[0], "-|Aleppo|36.220,37.180");
    CHECK_EQ_STR(l.line[1], "-|Barzeh|33.553,36.312");
    l.n = 0;
    CHECK_EQ_INT(sr_store_aggregate(s, NULL, SR_STORE_MONTH, SR_STORE_GROUP_PLACE, collect_where,
                                    &l, &e),
                 SR_OK);
    CHECK_EQ_STR(l.line[0], "2012-07|Aleppo|36.200,37.160");
    CHECK_EQ_STR(l.line[l.n - 1], "|Aleppo|36.260,37.220");
    /* Neither period nor group: one row of totals; none for no events. */
    l.n = 0;
    CHECK_EQ_INT(sr_store_aggregate(s, NULL, SR_STORE_PERIOD_NONE, SR_STORE_GROUP_NONE,
                                    collect_agg, &l, &e),
                 SR_OK);
    CHECK_EQ_INT(l.n, 1);
    CHECK_EQ_STR(l.line[0], "-|-|-|-|6|12");
    l.n = 0;
    memset(&f, 0, sizeof f);
    f.country = "FR";
    CHECK_EQ_INT(sr_store_aggregate(s, &f, SR_STORE_PERIOD_NONE, SR_STORE_GROUP_NONE,
                                    collect_agg, &l, &e),
                 SR_OK);
    CHECK_EQ_INT(l.n, 0);
    CHECK_EQ_INT(sr_store_period_parse("week"), SR_STORE_WEEK);
    CHECK_EQ_INT(sr_store_period_parse("fortnight"), -1);
    CHECK_EQ_INT(sr_store_group_parse("admin1"), SR_STORE_GROUP_ADMIN1);
    CHECK_EQ_INT(sr_store_group_parse("planet"), -1);
    sr_store_close(s);
}

/* A coded document's record as the store takes it. */
static void test_from_record(void)
{
    static const char text[] = "Troops shelled Barzeh on Sunday. Rebels said 12 died in Aleppo.";
    sr_sentence_record sents[2] = {{0, 32}, {33, 63}};
    sr_place_record places[3];
    memset(places, 0, sizeof places);
    places[0] = (sr_place_record){15, 21, text + 15, "Barzeh", 33.55, 36.31, "SY", "Syria",
                                  "Damascus", 0, 10, "P.PPLX", NULL, 5, 0.9f};
    places[1] = (sr_place_record){40, 46, text + 40, "Syria", 35, 38, "SY", "Syria", "", 163843,
                                  0, "A.PCLI", "demonym", 1, 0.9f};
    places[2] = (sr_place_record){56, 62, text + 56, "Aleppo", 36.2, 37.16, "SY", "Syria",
                                  "Aleppo", 170063, 0, "P.PPLA", NULL, 4, 0.9f};
    sr_event_record ev[1];
    memset(ev, 0, sizeof ev);
    ev[0].source.code = "SYRMIL";
    ev[0].source.text = "Troops";
    ev[0].source.end = 6;
    ev[0].code = "194";
    ev[0].sentence = 0;
    ev[0].verb_start = 7;
    ev[0].verb_end = 14;
    ev[0].has_mode = 1;
    ev[0].mode = "asserted";
    ev[0].date.kind = SR_DATE_TEXT;
    strcpy(ev[0].date.date, "2012-07-15");
    ev[0].date.precision = "day";
    ev[0].attribution.present = 1;
    ev[0].attribution.text = text + 33;
    ev[0].attribution.len = 6;
    ev[0].dead = 12;
    ev[0].injured = -1;
    ev[0].location = &places[0];
    ev[0].place = 0;
    sr_count_record counts[3];
    memset(counts, 0, sizeof counts);
    counts[0] = (sr_count_record){"KILL", SR_COUNT_UNBOUNDED, 0, 0, "at_least", NULL, 0, 5,
                                  0, 0, 0, -1, 0, NULL};
    counts[1] = (sr_count_record){"KILL", 12, 12, 12, "exact", "people", 45, 52, 48, 52, 0, -1,
                                  0, NULL};
    counts[2] = (sr_count_record){"KILL", 4, 4, 4, "exact", "rebels", 45, 52, 48, 52, 0, 1, 0,
                                  NULL};
    sr_doc_record r;
    memset(&r, 0, sizeof r);
    r.id = "rec-1";
    r.date = "2012-07-16";
    r.title = "Title here";
    r.title_len = 5;
    r.text = text;
    r.text_len = sizeof text - 1;
    r.sentences = sents;
    r.nsentences = 2;
    r.events = ev;
    r.nevents = 1;
    r.primary = 0;
    r.acled = "SHELLING";
    r.places = places;
    r.nplaces = 3;
    r.counts = counts;
    r.ncounts = 3;
    sr_arena *a = sr_arena_new();
    sr_store_doc d;
    CHECK_EQ_INT(sr_store_doc_from_record(&r, a, &d), SR_OK);
    CHECK_EQ_STR(d.id, "rec-1");
    CHECK_EQ_STR(d.title, "Title");
    CHECK_EQ_STR(d.label, "SHELLING");
    CHECK_EQ_INT(d.nsentences, 2);
    CHECK_EQ_INT(d.nevents, 1);
    CHECK_EQ_STR(d.events[0].date, "2012-07-15");
    CHECK_EQ_INT(d.events[0].sent_end, 32);
    CHECK_EQ_STR(d.events[0].attribution, "Rebels");
    CHECK_EQ_INT(d.events[0].dead, 12);
    CHECK_EQ_INT(d.events[0].primary, 1);
    CHECK_EQ_STR(d.events[0].location.name, "Barzeh");
    CHECK_EQ_STR(d.events[0].location.text, "Barzeh");
    CHECK_EQ_STR(d.events[0].location.country, "Syria");
    /* The demonym is no place; the open count is left out and part_of
     * follows the counts that stay; a count takes its sentence's place. */
    CHECK_EQ_INT(d.nplaces, 2);
    CHECK_EQ_STR(d.places[1].name, "Aleppo");
    CHECK_EQ_INT(d.ncounts, 2);
    CHECK_EQ_INT(d.counts[0].number, 12);
    CHECK_EQ_INT(d.counts[1].part_of, 0);
    CHECK_EQ_STR(d.counts[0].trigger, "died");
    CHECK_EQ_STR(d.counts[0].location.name, "Aleppo");
    sr_arena_free(a);
}

/* One number from raw SQL on the store (a second connection). */
static int st_sql_int(const char *sql, int64_t *v)
{
    db *d;
    sr_error e;
    int pg = sr_store_url_is_postgres(st_url);
    if (db_open(pg ? DB_PG : DB_SQLITE, st_url, &d, &e))
        return -1;
    int rc = db_query_int(d, sql, v, &e);
    if (rc)
        fprintf(stderr, "st_sql_int: %s\n", e.msg);
    db_close(d);
    return rc;
}

/* One casualty figure stated by several events of a report counts once in
 * the totals: each event keeps its dead, and the first event in the text
 * that states the count adds it. */
static void test_shared_counts(void)
{
    sr_store *s = st_open();
    if (!s)
        return;
    sr_error e;
    sr_store_place loc = barzeh();
    /* "Government artillery and warplanes pounded the district, killing
     * 47": a shelling, an air strike and a killing, 47 dead (count at
     * byte 80), and 3 wounded (byte 100) stated by the strike alone. */
    sr_store_event ev[4] = {st_event("SYRMIL", "SYRREB", "194", "2016-05-01", loc),
                            st_event("SYRGOVMIL", "SYRREB", "195", "2016-05-01", loc),
                            st_event(NULL, NULL, "190", "2016-05-01", loc),
                            st_event("SYRREB", NULL, "190", "2016-05-01", loc)};
    for (int i = 0; i < 3; i++) {
        ev[i].dead = 47;
        ev[i].dead_key = 81;
    }
    ev[1].injured = 3;
    ev[1].injured_key = 101;
    /* a count of its own, in another sentence */
    ev[3].dead = 5;
    ev[3].dead_key = 301;
    ev[3].sentence = 2;
    sr_store_doc d = st_doc("sh1", T1, "Wire A", "2016-05-01", ev, 4);
    sr_store_put_result r;
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT((int)r.new_events, 4);
    agg_list l = {0};
    CHECK_EQ_INT(sr_store_aggregate(s, NULL, SR_STORE_PERIOD_NONE, SR_STORE_GROUP_NONE,
                                    collect_agg, &l, &e),
                 SR_OK);
    CHECK_EQ_INT(l.n, 1);
    CHECK_EQ_STR(l.line[0], "-|-|-|-|4|52");
    /* each event still says what its report says */
    ev_list el = {0};
    CHECK_EQ_INT(sr_store_events(s, NULL, collect_ev, &el, &e), SR_OK);
    int with47 = 0, adds47 = 0;
    for (int i = 0; i < el.n; i++) {
        with47 += el.dead[i] == 47;
        adds47 += el.dead_net[i] == 47;
    }
    CHECK_EQ_INT(with47, 3);
    CHECK_EQ_INT(adds47, 1);   /* what a listing or CSV shows to sum */
    /* Another outlet reports the air strike and the killing, the same
     * count: the strike (a stored event) takes the largest share any
     * report gives it, 47 already; the killing adds nothing. */
    sr_store_event ev2[2] = {st_event("SYRGOVMIL", "SYRREB", "195", "2016-05-01", loc),
                             st_event(NULL, NULL, "190", "2016-05-01", loc)};
    for (int i = 0; i < 2; i++) {
        ev2[i].dead = 47;
        ev2[i].dead_key = 11;
    }
    sr_store_doc d2 = st_doc("sh2", T1_WIRE, "Wire B", "2016-05-01", ev2, 2);
    CHECK_EQ_INT(st_put(s, &d2, &r), SR_OK);
    CHECK_EQ_INT((int)r.new_events, 0);
    l.n = 0;
    CHECK_EQ_INT(sr_store_aggregate(s, NULL, SR_STORE_PERIOD_NONE, SR_STORE_GROUP_NONE,
                                    collect_agg, &l, &e),
                 SR_OK);
    CHECK_EQ_STR(l.line[0], "-|-|-|-|4|52");
    /* A third report gives the killing alone a larger figure: it is the
     * killing's own, and adds to the totals. */
    sr_store_event ev3 = st_event(NULL, NULL, "190", "2016-05-01", loc);
    ev3.dead = 50;
    ev3.dead_key = 7;
    sr_store_doc d3 = st_doc("sh3", T2, "Wire C", "2016-05-01", &ev3, 1);
    CHECK_EQ_INT(st_put(s, &d3, &r), SR_OK);
    l.n = 0;
    CHECK_EQ_INT(sr_store_aggregate(s, NULL, SR_STORE_PERIOD_NONE, SR_STORE_GROUP_NONE,
                                    collect_agg, &l, &e),
                 SR_OK);
    CHECK_EQ_STR(l.line[0], "-|-|-|-|4|102");
    /* injured: the strike's 3, once */
    int64_t inj = 0;
    CHECK_EQ_INT(st_sql_int("SELECT sum(coalesce(injured_net, 0)) FROM sr_events", &inj), 0);
    CHECK_EQ_INT((int)inj, 3);
    /* A document that states a figure of ten or more again (headline,
     * lead, recap: other counts, other events) states it once; smaller
     * figures are told apart ("two were killed" in two towns). */
    sr_store_place aleppo = st_place("Aleppo", "Aleppo", "SY", 36.2, 37.16, 4);
    sr_store_event ev4[4] = {st_event("IMGMUSISI", NULL, "190", "2016-06-02", aleppo),
                             st_event("IMGMUSISI", "SYRMIL", "190", "2016-06-02", aleppo),
                             st_event("SYRREB", "SYRCVL", "190", "2016-06-02", aleppo),
                             st_event("SYRMIL", "SYRCVL", "190", "2016-06-02", aleppo)};
    ev4[0].dead = ev4[1].dead = 270;
    ev4[0].dead_key = 1;
    ev4[1].dead_key = 90;
    ev4[2].dead = ev4[3].dead = 2;
    ev4[2].dead_key = 300;
    ev4[3].dead_key = 400;
    sr_store_doc d4 = st_doc("sh4", T3, "Wire D", "2016-06-02", ev4, 4);
    CHECK_EQ_INT(st_put(s, &d4, &r), SR_OK);
    l.n = 0;
    sr_store_filter f;
    memset(&f, 0, sizeof f);
    f.from = "2016-06-02";
    CHECK_EQ_INT(sr_store_aggregate(s, &f, SR_STORE_PERIOD_NONE, SR_STORE_GROUP_NONE,
                                    collect_agg, &l, &e),
                 SR_OK);
    CHECK_EQ_STR(l.line[0], "-|-|-|-|4|274");
    /* A toll told target by target ("At least 50 fighters and two
     * civilians were killed": dead 50 and 2, toll 52, one key) is the
     * headline's 52 again: the parts share the whole toll.  Summed apart
     * they had added 52 more. */
    sr_store_place douma = st_place("Douma", "Rif Dimashq", "SY", 33.57, 36.4, 4);
    sr_store_event ev5[3] = {st_event(NULL, NULL, "190", "2016-09-03", douma),
                             st_event(NULL, "SYRREB", "190", "2016-09-03", douma),
                             st_event(NULL, "SYRCVL", "190", "2016-09-03", douma)};
    ev5[0].dead = 52;
    ev5[0].dead_key = 1;
    ev5[1].dead = 50;
    ev5[2].dead = 2;
    ev5[1].dead_toll = ev5[2].dead_toll = 52;
    ev5[1].dead_key = ev5[2].dead_key = 80;
    sr_store_doc d5 = st_doc("sh5", T4, "Wire E", "2016-09-03", ev5, 3);
    CHECK_EQ_INT(st_put(s, &d5, &r), SR_OK);
    l.n = 0;
    f.from = "2016-09-01";
    CHECK_EQ_INT(sr_store_aggregate(s, &f, SR_STORE_PERIOD_NONE, SR_STORE_GROUP_NONE,
                                    collect_agg, &l, &e),
                 SR_OK);
    CHECK_EQ_STR(l.line[0], "-|-|-|-|3|52");
    sr_store_close(s);
}

/* The same toll told by another outlet, which names the act's sides
 * otherwise (or not at all), is counted once: the same day and place, an
 * act of force either way, ten or more.  Another place's toll, or a
 * small one, is another act's. */
static void test_toll_told_again(void)
{
    sr_store *s = st_open();
    if (!s)
        return;
    sr_store_place loc = barzeh();
    sr_store_event a = st_event("SYRGOV", "SYRCVL", "2041", "2013-08-21", loc);
    a.dead = 1400;
    a.dead_key = 1;
    sr_store_doc d = st_doc("t1", T1, "Wire A", "2013-08-21", &a, 1);
    sr_store_put_result r;
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    /* another outlet: an air strike and the gas attack it answered, the
     * same 1,400, and 6 wounded of its own */
    sr_store_event b[2] = {st_event("USAGOV", NULL, "195", "2013-08-22", loc),
                           st_event(NULL, NULL, "2041", "2013-08-21", loc)};
    b[0].dead = b[1].dead = 1400;
    b[0].dead_key = b[1].dead_key = 5;
    b[1].injured = 6;
    b[1].injured_key = 9;
    d = st_doc("t2", T2, "Wire B", "2013-08-21", b, 2);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT((int)r.new_events, 2);
    int64_t dead = 0, inj = 0;
    CHECK_EQ_INT(st_sql_int("SELECT sum(coalesce(dead_net, 0)) FROM sr_events", &dead), 0);
    CHECK_EQ_INT((int)dead, 1400);
    CHECK_EQ_INT(st_sql_int("SELECT sum(coalesce(injured_net, 0)) FROM sr_events", &inj), 0);
    CHECK_EQ_INT((int)inj, 6);
    /* each event still says what its report says */
    CHECK_EQ_INT(st_sql_int("SELECT count(*) FROM sr_events WHERE dead = 1400", &dead), 0);
    CHECK_EQ_INT((int)dead, 3);
    /* the same figure in Aleppo, and a small one in Barzeh: other acts */
    sr_store_place aleppo = st_place("Aleppo", "Aleppo", "SY", 36.2, 37.16, 4);
    sr_store_event c[2] = {st_event("SYRMIL", "SYRREB", "190", "2013-08-21", aleppo),
                           st_event("SYRMIL", "SYRREB", "194", "2013-08-21", loc)};
    c[0].dead = 1400;
    c[0].dead_key = 3;
    c[1].dead = 6;
    c[1].dead_key = 40;
    d = st_doc("t3", T3, "Wire C", "2013-08-21", c, 2);
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    CHECK_EQ_INT(st_sql_int("SELECT sum(coalesce(dead_net, 0)) FROM sr_events", &dead), 0);
    CHECK_EQ_INT((int)dead, 2806);
    sr_store_close(s);
}

/* A schema 2 store (no dead_net) is upgraded by a writer, its events
 * counting all their dead as they did; a reader is told how. */
static void test_upgrade_2(void)
{
    sr_store *s = st_open();
    if (!s)
        return;
    sr_store_event ev = st_event("SYRMIL", "SYRREB", "190", "2016-05-01", barzeh());
    ev.dead = 12;
    ev.dead_key = 5;
    sr_store_doc d = st_doc("u1", T1, "Wire A", "2016-05-01", &ev, 1);
    sr_store_put_result r;
    CHECK_EQ_INT(st_put(s, &d, &r), SR_OK);
    sr_store_close(s);
    CHECK_EQ_INT(st_sql("DROP INDEX sr_events_cc_day"), 0);
    CHECK_EQ_INT(st_sql("ALTER TABLE sr_events DROP COLUMN dead_net"), 0);
    CHECK_EQ_INT(st_sql("ALTER TABLE sr_events DROP COLUMN injured_net"), 0);
    CHECK_EQ_INT(st_sql("CREATE INDEX sr_events_cc_day ON sr_events(cc, day, admin1, "
                        "num_mentions, num_articles, dead, injured)"),
                 0);
    CHECK_EQ_INT(st_sql("UPDATE sr_meta SET value = '2' WHERE key = 'schema'"), 0);
    sr_error e;
    sr_store_opts ro;
    sr_store_opts_init(&ro);
    ro.read_only = 1;
    s = NULL;
    CHECK_EQ_INT(sr_store_open(st_url, &ro, &s, &e), SR_EINVAL);
    CHECK(strstr(e.msg, "schema version 2; this sitrep reads version 3 (sitrep ingest") != NULL);
    CHECK_EQ_INT(sr_store_open(st_url, NULL, &s, &e), SR_OK);
    if (!s) {
        fprintf(stderr, "test_upgrade_2 [%s]: %s\n", st_backend, e.msg);
        return;
    }
    agg_list l = {0};
    CHECK_EQ_INT(sr_store_aggregate(s, NULL, SR_STORE_PERIOD_NONE, SR_STORE_GROUP_NONE,
                                    collect_agg, &l, &e),
                 SR_OK);
    CHECK_EQ_STR(l.line[0], "-|-|-|-|1|12");
    int64_t v = 0;
    CHECK_EQ_INT(st_sql_int("SELECT CAST(value AS INTEGER) FROM sr_meta WHERE key = 'schema'",
                            &v),
                 0);
    CHECK_EQ_INT((int)v, 3);
    sr_store_close(s);
    /* and it opens again as it is */
    CHECK_EQ_INT(sr_store_open(st_url, &ro, &s, &e), SR_OK);
    sr_store_close(s);
}

int main(void)
{
    if (st_setup("test_store"))
        return 1;
    RUN(test_fingerprint);
    RUN(test_from_record);
    RUN_BOTH(test_open_and_schema);
    RUN_BOTH(test_put_and_idempotence);
    RUN_BOTH(test_copies);
    RUN_BOTH(test_clustering);
    RUN_BOTH(test_coarse_dates);
    RUN_BOTH(test_counts);
    RUN_BOTH(test_mentions);
    RUN_BOTH(test_transactions);
    RUN_BOTH(test_check_finds_damage);
    RUN_BOTH(test_query_filters);
    RUN_BOTH(test_aggregates);
    RUN_BOTH(test_shared_counts);
    RUN_BOTH(test_toll_told_again);
    RUN_BOTH(test_upgrade_2);
    st_teardown();
    return harness_done("test_store");
}
