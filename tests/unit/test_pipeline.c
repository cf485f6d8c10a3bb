/* The document record (sr_pipeline.h): every field `sitrep code` writes,
 * checked on the record itself, and the JSON written from it.  The
 * dictionaries and the gazetteer are small ones written here, so the
 * expectations follow from this file alone. */
#include <fcntl.h>
#include <pthread.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../harness.h"
#include "geo/sr_geo.h"
#include "pipeline/pipeline_int.h"
#include "pipeline/sr_pipeline.h"
#include "util/sr_util.h"

static char dir[] = "/tmp/sitrep-test-pipeline-XXXXXX";
static char actors[512], agents[512], verbs[512], gaz[512];
static char sitrep[PATH_MAX];   /* build/sitrep, beside build/tests */

static int write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(data, 1, n, f) == n;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

static int setup(void)
{
    if (!mkdtemp(dir))
        return -1;
    snprintf(actors, sizeof actors, "%s/actors.txt", dir);
    snprintf(agents, sizeof agents, "%s/agents.txt", dir);
    snprintf(verbs, sizeof verbs, "%s/verbs.txt", dir);
    snprintf(gaz, sizeof gaz, "%s/gazetteer.bin", dir);
    static const char a[] = "sitrep-dict actors\n"
                            "Syria | Syrian = SYR\n"
                            "Turkey | Turkish = TUR\n"
                            "Syrian Observatory for Human Rights = SYRHRI\n";
    static const char g[] = "sitrep-dict agents\n"
                            "soldier | troops = ~MIL\n"
                            "rebel = ~REB\n";
    static const char v[] = "sitrep-dict verbs\n"
                            "verb 190 attack\n"
                            "verb 111 condemn\n"
                            "verb 010 say (says said saying)\n";
    if (write_file(actors, a, sizeof a - 1) || write_file(agents, g, sizeof g - 1) ||
        write_file(verbs, v, sizeof v - 1))
        return -1;
    sr_geo_builder *b;
    sr_buf out = SR_BUF_INIT;
    sr_error err;
    if (sr_geo_builder_new(&b))
        return -1;
    sr_geo_builder_admin1(b, "SY", "11", "Homs", NULL);
    sr_geo_entry e;
    memset(&e, 0, sizeof e);
    e.id = 163345;
    e.name = "Syria";
    e.lat = 35.0;
    e.lon = 38.0;
    e.fclass = 'A';
    e.fcode = "PCLI";
    e.cc = "SY";
    e.population = 22000000;
    int rc = sr_geo_builder_add(b, &e, &err);
    e.id = 169577;
    e.name = "Homs";
    e.lat = 34.72682;
    e.lon = 36.72339;
    e.fclass = 'P';
    e.fcode = "PPLA";
    e.admin1 = "11";
    e.population = 775404;
    rc |= sr_geo_builder_add(b, &e, &err);
    rc |= sr_geo_builder_demonym(b, "Syrian", "SY");
    rc |= sr_geo_builder_finish(b, &out, NULL, &err);
    sr_geo_builder_free(b);
    rc |= write_file(gaz, out.data, out.len);
    sr_buf_free(&out);
    return rc;
}

static void teardown(void)
{
    unlink(actors);
    unlink(agents);
    unlink(verbs);
    unlink(gaz);
    rmdir(dir);
}

static sr_pipeline *open_pipeline(int with_gazetteer)
{
    const char *d[] = {actors, agents, verbs};
    sr_pipeline_opts o = {d, 3, NULL, with_gazetteer ? gaz : NULL, 0, 0};
    sr_pipeline *p = NULL;
    sr_error err;
    setenv("SITREP_NO_DICT_CACHE", "1", 1);
    if (sr_pipeline_new(&o, NULL, &p, &err)) {
        fprintf(stderr, "pipeline: %s\n", err.msg);
        return NULL;
    }
    return p;
}

static const char text[] =
    "Syrian troops attacked rebels in Homs on Monday, killing 12 civilians and wounding at "
    "least 30, the Syrian Observatory for Human Rights said. Turkey condemned the attack.";

static sr_doc make_doc(void)
{
    sr_doc d;
    memset(&d, 0, sizeof d);
    d.id = "doc-1";
    d.date = "2017-03-08";  /* a Wednesday: "on Monday" is the 6th */
    d.title = "Troops attack rebels";
    d.title_len = strlen(d.title);
    d.text = text;
    d.text_len = sizeof text - 1;
    d.format = SR_FMT_JSONL;
    d.file = "test";
    d.line = 1;
    return d;
}

/* The bytes of s in the text, or (-1, -1). */
static void span_of(const char *s, long *start, long *end)
{
    const char *at = strstr(text, s);
    *start = at ? at - text : -1;
    *end = at ? *start + (long)strlen(s) : -1;
}

#define CHECK_SPAN(st, en, s)                \
    do {                                     \
        long h_s, h_e;                       \
        span_of(s, &h_s, &h_e);              \
        CHECK_EQ_INT((long)(st), h_s);       \
        CHECK_EQ_INT((long)(en), h_e);       \
    } while (0)

static void test_record(void)
{
    sr_pipeline *p = open_pipeline(1);
    CHECK(p != NULL);
    if (!p)
        return;
    sr_arena *a = sr_arena_new();
    sr_doc doc = make_doc();
    sr_result *r;
    sr_error err;
    CHECK_EQ_INT(sr_pipeline_code(p, NULL, a, &doc, &r, &err), SR_OK);
    const sr_doc_record *d = sr_result_record(r);
    CHECK(d != NULL);
    if (!d)
        goto out;
    CHECK_EQ_STR(d->id, "doc-1");
    CHECK_EQ_STR(d->date, "2017-03-08");
    CHECK(d->title == doc.title && d->title_len == doc.title_len);
    CHECK(d->text == text && d->text_len == sizeof text - 1);
    CHECK_EQ_INT(d->nsentences, 2);
    CHECK_EQ_INT(d->sentences[0].start, 0);
    CHECK_SPAN(d->sentences[1].start, d->sentences[1].end, "Turkey condemned the attack.");
    CHECK_EQ_INT(d->nboilerplate, 0);
    CHECK(d->ntokens > 20);
    CHECK_EQ_INT(d->geoparsed, 1);

    CHECK_EQ_INT(d->nevents, 2);
    if (d->nevents != 2)
        goto out;
    const sr_event_record *e = &d->events[0];
    CHECK_EQ_STR(e->source.code, "SYRMIL");
    CHECK_EQ_STR(e->source.text, "Syrian troops");
    CHECK_SPAN(e->source.start, e->source.end, "Syrian troops");
    CHECK_EQ_STR(e->target.code, "SYRREB");
    CHECK_SPAN(e->target.start, e->target.end, "rebels");
    CHECK_EQ_STR(e->code, "190");
    CHECK_EQ_INT(e->has_cameo, 1);
    CHECK_EQ_STR(e->name, "Conventional military force");
    CHECK(e->goldstein == -10.0);
    CHECK_EQ_INT(e->quadclass, 4);
    CHECK_EQ_STR(e->plover, "FIGHT");
    CHECK(e->plover_mode == NULL);
    CHECK_EQ_STR(e->acled, "ARMED_CLASH");
    CHECK_EQ_INT(e->sentence, 0);
    CHECK_SPAN(e->verb_start, e->verb_end, "attacked");
    CHECK_EQ_INT(e->passive, 0);
    CHECK_EQ_INT(e->has_mode, 1);
    CHECK_EQ_STR(e->mode, "asserted");
    CHECK_EQ_INT(e->negated, 0);
    CHECK_EQ_INT(e->date.kind, SR_DATE_TEXT);
    CHECK_EQ_STR(e->date.date, "2017-03-06");
    CHECK_EQ_STR(e->date.end_date, "");
    CHECK_EQ_STR(e->date.precision, "day");
    CHECK_EQ_INT(e->date.historical, 0);
    CHECK_EQ_INT(e->date.since, 0);
    CHECK_SPAN(e->date.start, e->date.end, "Monday");
    CHECK_EQ_INT(e->attribution.present, 1);
    CHECK_SPAN(e->attribution.start, e->attribution.end, "the Syrian Observatory for Human Rights");
    CHECK(e->attribution.len == e->attribution.end - e->attribution.start &&
          e->attribution.text == text + e->attribution.start);
    CHECK_EQ_STR(e->attribution.cue, "said");
    CHECK_EQ_STR(e->attribution.code, "SYRHRI");
    CHECK_EQ_INT(e->attribution.quoted, 0);
    CHECK_EQ_INT(e->attribution.denial, 0);
    CHECK_EQ_INT(e->dead, 12);
    CHECK_EQ_STR(e->dead_qualifier, "exact");
    CHECK_EQ_INT(e->injured, 30);
    CHECK_EQ_STR(e->injured_qualifier, "at_least");
    CHECK(e->location != NULL);
    if (e->location) {
        CHECK_EQ_STR(e->location->name, "Homs");
        CHECK_EQ_STR(e->location->country, "SY");
        CHECK_EQ_STR(e->location->admin1, "Homs");
        CHECK(e->location->lat > 34.7268 && e->location->lat < 34.7269);
        CHECK_EQ_INT(e->location->geonameid, 169577);
        CHECK_EQ_INT(e->location->supplement, 0);
        CHECK_EQ_STR(e->location->feature, "P.PPLA");
        CHECK(e->location->role == NULL);
        CHECK_SPAN(e->location->start, e->location->end, "Homs");
    }
    CHECK(e->place >= 0 && (size_t)e->place < d->nplaces && e->location == &d->places[e->place]);

    /* A statement about the attack: no date of its own, so the
     * publication date; no casualties, since it is no violent event. */
    e = &d->events[1];
    CHECK_EQ_STR(e->source.code, "TUR");
    CHECK(e->target.code == NULL);
    CHECK_EQ_STR(e->code, "111");
    CHECK_EQ_STR(e->plover_mode, "disapprove");
    CHECK_EQ_INT(e->sentence, 1);
    CHECK_EQ_INT(e->date.kind, SR_DATE_PUBLICATION);
    CHECK_EQ_STR(e->date.date, "2017-03-08");
    CHECK_EQ_STR(e->date.precision, "publication");
    CHECK_EQ_INT(e->attribution.present, 0);
    CHECK_EQ_INT(e->dead, -1);
    CHECK(e->dead_qualifier == NULL);
    CHECK_EQ_INT(e->injured, -1);

    CHECK_EQ_INT(d->primary, 0);
    CHECK_EQ_INT(d->ncounts, 2);
    if (d->ncounts == 2) {
        const sr_count_record *c = d->counts;
        CHECK_EQ_STR(c[0].type, "KILL");
        CHECK_EQ_INT(c[0].number, 12);
        CHECK_EQ_STR(c[0].qualifier, "exact");
        CHECK_EQ_STR(c[0].people, "civilians");
        CHECK_SPAN(c[0].trigger_start, c[0].trigger_end, "killing");
        CHECK_EQ_INT(c[0].part_of, -1);
        CHECK_EQ_STR(c[0].mode, "asserted");
        CHECK_EQ_STR(c[1].type, "WOUND");
        CHECK_EQ_INT(c[1].low, 30);
        CHECK_EQ_INT(c[1].high, SR_COUNT_UNBOUNDED);
        CHECK_EQ_STR(c[1].qualifier, "at_least");
    }

    /* The JSON is the record's: a changed record changes it. */
    sr_buf js = SR_BUF_INIT;
    CHECK_EQ_INT(sr_result_json(r, &js), SR_OK);
    CHECK(strstr(js.data, "\"dead\":12,\"dead_qualifier\":\"exact\",\"injured\":30,"
                          "\"injured_qualifier\":\"at_least\"") != NULL);
    CHECK(strstr(js.data, "\"location\":{\"name\":\"Homs\",\"lat\":34.72682,\"lon\":36.72339,"
                          "\"country\":\"SY\",\"admin1\":\"Homs\"}") != NULL);
    CHECK(strstr(js.data, "\"event_date\":{\"date\":\"2017-03-08\",\"precision\":\"publication\"}") !=
          NULL);
    CHECK(strstr(js.data, "\"high\":null") != NULL);
    sr_doc_record copy = *d;
    sr_event_record evs[2] = {d->events[0], d->events[1]};
    evs[0].dead = -1;
    evs[1].injured = 7;
    evs[1].injured_qualifier = "approximate";
    copy.events = evs;
    sr_buf js2 = SR_BUF_INIT;
    CHECK_EQ_INT(sr_record_json(&copy, &js2), SR_OK);
    CHECK(strstr(js2.data, "\"injured\":30,\"injured_qualifier\":\"at_least\",\"dead\":null") != NULL);
    CHECK(strstr(js2.data, "\"injured\":7,\"injured_qualifier\":\"approximate\",\"dead\":null") !=
          NULL);
    sr_buf tsv = SR_BUF_INIT;
    CHECK_EQ_INT(sr_record_tsv(d, &tsv), SR_OK);
    CHECK_EQ_STR(tsv.data, "2017-03-08\tSYRMIL\tSYRREB\t190\tdoc-1\n2017-03-08\tTUR\t---\t111\tdoc-1\n");
    sr_buf_free(&js);
    sr_buf_free(&js2);
    sr_buf_free(&tsv);
out:
    sr_arena_free(a);
    sr_pipeline_free(p);
}

/* Without a gazetteer there are no places, and events carry no location
 * key at all. */
static void test_no_gazetteer(void)
{
    sr_pipeline *p = open_pipeline(0);
    CHECK(p != NULL);
    if (!p)
        return;
    sr_arena *a = sr_arena_new();
    sr_doc doc = make_doc();
    doc.date = NULL;
    sr_result *r;
    sr_error err;
    CHECK_EQ_INT(sr_pipeline_code(p, NULL, a, &doc, &r, &err), SR_OK);
    const sr_doc_record *d = sr_result_record(r);
    CHECK_EQ_INT(d->geoparsed, 0);
    CHECK_EQ_INT(d->nplaces, 0);
    CHECK(d->nevents == 2 && d->events[0].location == NULL && d->events[0].place == -1);
    /* No publication date: "on Monday" is a day that cannot be resolved,
     * and the statement has no date at all. */
    if (d->nevents == 2) {
        CHECK_EQ_INT(d->events[0].date.kind, SR_DATE_TEXT);
        CHECK_EQ_STR(d->events[0].date.date, "");
        CHECK_EQ_STR(d->events[0].date.precision, "day");
        CHECK_EQ_INT(d->events[1].date.kind, SR_DATE_NONE);
    }
    sr_buf js = SR_BUF_INIT;
    CHECK_EQ_INT(sr_result_json(r, &js), SR_OK);
    CHECK(strstr(js.data, "\"location\"") == NULL);
    CHECK(strstr(js.data, "\"date\":null,\"precision\":\"day\"") != NULL);
    CHECK(strstr(js.data, "\"places\":[]") != NULL);
    sr_buf_free(&js);
    sr_arena_free(a);
    sr_pipeline_free(p);
}


/* ---- long documents: sections ---------------------------------------------- */

/* Where sections end: a blank line near the size, else a line break, a
 * sentence's end, a space, never inside a word; never a short last
 * piece. */
static void test_section_cuts(void)
{
    enum { N = 4000, SIZE = 1000 };
    static char t[N + 1];
    /* filler, then at most one mark of each kind */
    static const struct {
        const char *mark;
        size_t at, from, cut;
    } cases[] = {
        {"", 0, 0, N},              /* no space at all: a word is never cut */
        {" ", 3000, 0, 3001},       /* ... however long */
        {"a.\n  \nb", 1200, 0, 1206}, /* past a blank line */
        {"\n", 1050, 0, 1051},      /* a line break */
        {"a. b", 1100, 0, 1103},    /* a sentence's end */
        {" ", 1300, 0, 1301},       /* a space */
        {"\n", 2500, 1400, 2501},   /* counted from the section's start */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        memset(t, 'x', N);
        t[N] = 0;
        memcpy(t + cases[c].at, cases[c].mark, strlen(cases[c].mark));
        CHECK_EQ_INT(pl_section_end(t, N, cases[c].from, SIZE), cases[c].cut);
    }
    /* the blank line wins over an earlier line break and sentence end */
    memset(t, 'x', N);
    memcpy(t + 1010, "a. b\nc", 6);
    memcpy(t + 1400, "\n\n", 2);
    CHECK_EQ_INT(pl_section_end(t, N, 0, SIZE), 1402);
    /* the rest in one piece: no section shorter than half the size */
    CHECK_EQ_INT(pl_section_end(t, 1500, 0, SIZE), 1500);
    CHECK_EQ_INT(pl_section_end(t, N, 2600, SIZE), N);
}

typedef struct seen {
    size_t sections, sentences, events, places, counts, last_end;
    int ordered, spans_ok;
    const char *text;
} seen;

static int on_section(void *ctx, const sr_doc_record *d)
{
    seen *s = ctx;
    s->sections++;
    /* Spans are the whole text's, in order, and name the words. */
    for (size_t i = 0; i < d->nsentences; i++) {
        s->ordered &= d->sentences[i].start >= s->last_end;
        s->last_end = d->sentences[i].end;
    }
    for (size_t i = 0; i < d->nevents; i++) {
        const sr_event_record *e = &d->events[i];
        s->spans_ok &= e->sentence >= s->sentences && e->sentence < s->sentences + d->nsentences;
        s->spans_ok &= e->place < 0 || ((size_t)e->place >= s->places &&
                                        (size_t)e->place < s->places + d->nplaces &&
                                        e->location == &d->places[e->place - (long)s->places]);
    }
    for (size_t i = 0; i < d->nplaces; i++)
        s->spans_ok &= !strncmp(s->text + d->places[i].start, "Homs", 4) ||
                       !strncmp(s->text + d->places[i].start, "Syria", 5);
    s->sentences += d->nsentences;
    s->events += d->nevents;
    s->places += d->nplaces;
    s->counts += d->ncounts;
    return SR_OK;
}

/* A document three sections long: coded section by section and joined,
 * everything found is in the whole text's terms, and each paragraph is
 * coded as it is on its own. */
static void test_sections(void)
{
    sr_pipeline *p = open_pipeline(1);
    CHECK(p != NULL);
    if (!p)
        return;
    sr_buf big = SR_BUF_INIT;
    size_t k = 0;
    while (big.len < SR_SECTION_BYTES * 5 / 2) {
        CHECK_EQ_INT(sr_buf_put(&big, text, sizeof text - 1), SR_OK);
        CHECK_EQ_INT(sr_buf_put(&big, "\n\n", 2), SR_OK);
        k++;
    }
    sr_arena *a = sr_arena_new();
    sr_doc one = make_doc(), doc = one;
    doc.text = big.data;
    doc.text_len = big.len;
    sr_result *r1, *r;
    sr_error err;
    CHECK_EQ_INT(sr_pipeline_code(p, NULL, a, &one, &r1, &err), SR_OK);
    CHECK_EQ_INT(sr_pipeline_code(p, NULL, a, &doc, &r, &err), SR_OK);
    const sr_doc_record *d1 = sr_result_record(r1), *d = sr_result_record(r);
    CHECK_EQ_INT(d->nsentences, k * d1->nsentences);
    CHECK_EQ_INT(d->nevents, k * d1->nevents);
    CHECK_EQ_INT(d->nplaces, k * d1->nplaces);
    CHECK_EQ_INT(d->ncounts, k * d1->ncounts);
    CHECK_EQ_INT(d->text_len, big.len);
    sr_result_stats st;
    sr_result_stats_get(r, &st);
    CHECK_EQ_INT(st.events, k * d1->nevents);
    const sr_event *ev;
    CHECK_EQ_INT(sr_result_events(r, &ev), k * d1->nevents);
    /* The last paragraph's events, spans and indices are the first's,
     * moved to where it is. */
    size_t last = (k - 1) * (sizeof text + 1), ne = d1->nevents, nc = d1->ncounts;
    for (size_t i = 0; i < ne && d->nevents == k * ne; i++) {
        const sr_event_record *a1 = &d1->events[i], *b1 = &d->events[(k - 1) * ne + i];
        CHECK_EQ_STR(b1->code, a1->code);
        CHECK_EQ_STR(b1->source.code, a1->source.code);
        CHECK_EQ_INT(b1->verb_start, a1->verb_start + last);
        CHECK_EQ_INT(b1->source.start, a1->source.start + (a1->source.text ? last : 0));
        CHECK_EQ_INT(b1->sentence, a1->sentence + (k - 1) * d1->nsentences);
        CHECK_EQ_INT(b1->attribution.start, a1->attribution.start + (a1->attribution.present ? last : 0));
        /* The sentence's own place is its paragraph's; a place from the
         * document's focus may be an earlier paragraph's of the section. */
        if (a1->place >= 0 && d1->places[a1->place].start >= d1->events[i].verb_start - 40 &&
            d1->places[a1->place].start < d1->events[i].verb_end + 40)
            CHECK_EQ_INT(b1->place, a1->place + (long)((k - 1) * d1->nplaces));
        CHECK_EQ_INT(b1->place < 0, a1->place < 0);
        CHECK(b1->place < 0 || b1->location == &d->places[b1->place]);
        if (b1->place >= 0 && a1->place >= 0)
            CHECK_EQ_STR(d->places[b1->place].name, d1->places[a1->place].name);
        CHECK(!b1->location == !a1->location);
        if (a1->location && b1->location)
            CHECK_EQ_STR(b1->location->country, a1->location->country);
        CHECK_EQ_INT(ev[(k - 1) * ne + i].verb_start, a1->verb_start + last);
    }
    for (size_t i = 0; i < nc && d->ncounts == k * nc; i++) {
        const sr_count_record *a1 = &d1->counts[i], *b1 = &d->counts[(k - 1) * nc + i];
        CHECK_EQ_INT(b1->start, a1->start + last);
        CHECK_EQ_INT(b1->trigger_end, a1->trigger_end + last);
        CHECK_EQ_INT(b1->part_of, a1->part_of < 0 ? -1 : a1->part_of + (long)((k - 1) * nc));
    }
    /* The same, handed over a section at a time. */
    seen s = {0, 0, 0, 0, 0, 0, 1, 1, big.data};
    sr_doc_record total;
    CHECK_EQ_INT(sr_pipeline_code_sections(p, NULL, &doc, on_section, &s, &total, &err), SR_OK);
    CHECK(s.sections >= 2 && s.sections <= 3);
    CHECK(s.ordered);
    CHECK(s.spans_ok);
    CHECK_EQ_INT(s.events, d->nevents);
    CHECK_EQ_INT(total.nevents, d->nevents);
    CHECK_EQ_INT(total.nsentences, d->nsentences);
    CHECK_EQ_INT(total.primary, d->primary);
    CHECK_EQ_STR(total.id, "doc-1");
    sr_buf_free(&big);
    sr_arena_free(a);
    sr_pipeline_free(p);
}

/* ---- a long document through `sitrep code` ------------------------------ */

/* Runs sitrep with argv (argv[0] set here) with standard output to the file
 * `out`, or through a pipe read into *piped when out is NULL; returns the
 * exit status, -1 when it did not run. */
static int run_sitrep(char **argv, const char *out, sr_buf *piped)
{
    int fd[2] = {-1, -1};
    if (!out && pipe(fd))
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int o = out ? open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600) : fd[1];
        int e = open("/dev/null", O_WRONLY);
        if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
            _exit(127);
        if (!out)
            close(fd[0]);
        argv[0] = sitrep;
        execv(sitrep, argv);
        _exit(127);
    }
    if (!out) {
        close(fd[1]);
        char b[1 << 16];
        ssize_t n;
        while ((n = read(fd[0], b, sizeof b)) > 0)
            if (sr_buf_put(piped, b, (size_t)n))
                break;
        close(fd[0]);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    sr_buf b = SR_BUF_INIT;
    char chunk[1 << 16];
    size_t k;
    while (f && (k = fread(chunk, 1, sizeof chunk, f)) > 0)
        sr_buf_put(&b, chunk, k);
    if (f)
        fclose(f);
    *n = b.len;
    return b.data;
}

/* A document of two sections whose events, places and counts run to
 * megabytes of JSON: `sitrep code` writes it as its sections come, its
 * later lists held in temporary files and sent on, and what it writes,
 * to a file and to a pipe, is byte for byte the JSON of the whole record
 * (sr_pipeline_code, sr_result_json). */
static void test_cli_long(void)
{
    if (access(sitrep, X_OK)) {
        fprintf(stderr, "test_cli_long: no %s; skipped\n", sitrep);
        return;
    }
    sr_pipeline *p = open_pipeline(1);
    CHECK(p != NULL);
    if (!p)
        return;
    sr_buf big = SR_BUF_INIT, line = SR_BUF_INIT, want = SR_BUF_INIT, piped = SR_BUF_INIT;
    /* (two sections: the second takes the rest, no shorter than half one) */
    int put = SR_OK;
    while (big.len < SR_SECTION_BYTES * 11 / 5) {
        put |= sr_buf_put(&big, text, sizeof text - 1);
        put |= sr_buf_put(&big, "\n\n", 2);
    }
    CHECK_EQ_INT(put, SR_OK);
    sr_doc doc = make_doc();
    doc.text = big.data;
    doc.text_len = big.len;
    sr_arena *a = sr_arena_new();
    sr_result *r;
    sr_error err;
    CHECK_EQ_INT(sr_pipeline_code(p, NULL, a, &doc, &r, &err), SR_OK);
    CHECK_EQ_INT(sr_result_json(r, &want), SR_OK);
    CHECK_EQ_INT(sr_buf_putc(&want, '\n'), SR_OK);
    /* (the text has no character JSON must escape but the line breaks) */
    sr_buf_printf(&line, "{\"id\":\"%s\",\"date\":\"%s\",\"title\":\"%s\",\"text\":\"", doc.id,
                  doc.date, doc.title);
    for (size_t i = 0; i < big.len; i++)
        if (big.data[i] == '\n')
            sr_buf_puts(&line, "\\n");
        else
            sr_buf_putc(&line, big.data[i]);
    sr_buf_puts(&line, "\"}\n");
    char in[PATH_MAX], out[PATH_MAX];
    snprintf(in, sizeof in, "%s/long.jsonl", dir);
    snprintf(out, sizeof out, "%s/long.out", dir);
    CHECK_EQ_INT(write_file(in, line.data, line.len), 0);
    char *argv[] = {NULL,   "code",   "--no-dict-cache", "--dict",      actors, "--dict", agents,
                    "--dict", verbs,  "--gazetteer",     gaz,           in,     NULL};
    CHECK_EQ_INT(run_sitrep(argv, out, NULL), 0);
    size_t n;
    char *got = slurp(out, &n);
    CHECK(want.len > 4u * 1024 * 1024);   /* the held lists ran past many 256 KB steps */
    CHECK_EQ_INT(n, want.len);
    CHECK(got && n == want.len && !memcmp(got, want.data, n));
    CHECK_EQ_INT(run_sitrep(argv, NULL, &piped), 0);
    CHECK_EQ_INT(piped.len, want.len);
    CHECK(piped.len == want.len && !memcmp(piped.data, want.data, want.len));
    free(got);
    unlink(in);
    unlink(out);
    sr_buf_free(&big);
    sr_buf_free(&line);
    sr_buf_free(&want);
    sr_buf_free(&piped);
    sr_arena_free(a);
    sr_pipeline_free(p);
}

/* ---- documents in batches ------------------------------------------------ */

static const char *const batch_texts[] = {
    "Syrian troops attacked rebels in Homs on Monday, killing 12 civilians.",
    "Turkey condemned the attack on Syria, the Syrian Observatory for Human Rights said.",
    "Rebels attacked Syrian soldiers near Homs. Turkish troops said nothing.",
    "Nothing happened in this article at all.",
};

/* Document k of a batch test: its text (in buf) and fields. */
static sr_doc batch_doc(size_t k, sr_buf *buf)
{
    sr_doc d = make_doc();
    static char ids[64][16];
    snprintf(ids[k % 64], sizeof ids[0], "b%zu", k);
    d.id = ids[k % 64];
    sr_buf_clear(buf);
    /* (k more sentences, so that documents differ in length and events) */
    for (size_t i = 0; i <= k % 5; i++)
        sr_buf_puts(buf, batch_texts[(k + i) % 4]), sr_buf_putc(buf, ' ');
    d.text = buf->data;
    d.text_len = buf->len;
    return d;
}

/* The first stages of several documents, then the rest of each in the
 * reverse order, give each the record sr_pipeline_code gives it. */
static void test_front_back(void)
{
    sr_pipeline *p = open_pipeline(1);
    CHECK(p != NULL);
    if (!p)
        return;
    enum { N = 7 };
    sr_buf text_of[N], want[N], got = SR_BUF_INIT;
    sr_arena *a[N];
    sr_result *r[N];
    sr_doc doc[N];
    sr_error err;
    for (size_t k = 0; k < N; k++) {
        text_of[k] = (sr_buf)SR_BUF_INIT;
        want[k] = (sr_buf)SR_BUF_INIT;
        doc[k] = batch_doc(k, &text_of[k]);
        CHECK(sr_pipeline_splits(&doc[k]));
        sr_arena *one = sr_arena_new();
        sr_result *res;
        CHECK_EQ_INT(sr_pipeline_code(p, NULL, one, &doc[k], &res, &err), SR_OK);
        CHECK_EQ_INT(sr_result_json(res, &want[k]), SR_OK);
        sr_arena_free(one);
        a[k] = sr_arena_new();
        CHECK_EQ_INT(sr_pipeline_code_front(p, a[k], &doc[k], &r[k], &err), SR_OK);
    }
    for (size_t k = N; k-- > 0;) {
        CHECK_EQ_INT(sr_pipeline_code_back(p, NULL, a[k], &doc[k], r[k], &err), SR_OK);
        sr_buf_clear(&got);
        CHECK_EQ_INT(sr_result_json(r[k], &got), SR_OK);
        CHECK_EQ_INT(got.len, want[k].len);
        CHECK(got.len == want[k].len && !memcmp(got.data, want[k].data, got.len));
        sr_arena_free(a[k]);
        sr_buf_free(&text_of[k]);
        sr_buf_free(&want[k]);
    }
    /* a long document is coded in sections, in one call */
    sr_doc big = doc[0];
    big.text_len = SR_SECTION_BYTES + 1;
    CHECK(!sr_pipeline_splits(&big));
    sr_buf_free(&got);
    sr_pipeline_free(p);
}

/* `sitrep code` with one thread codes documents in batches: its output
 * over documents that fill several batches, with a long (streamed)
 * document and a broken line among them, is what sr_pipeline_code gives
 * each document, in input order, and what two threads write. */
static void test_cli_batches(void)
{
    if (access(sitrep, X_OK)) {
        fprintf(stderr, "test_cli_batches: no %s; skipped\n", sitrep);
        return;
    }
    sr_pipeline *p = open_pipeline(1);
    CHECK(p != NULL);
    if (!p)
        return;
    enum { N = 45, LONG_AT = 17, BROKEN_AT = 30 };
    sr_buf in = SR_BUF_INIT, want = SR_BUF_INIT, t = SR_BUF_INIT, one = SR_BUF_INIT,
           j1 = SR_BUF_INIT, j2 = SR_BUF_INIT;
    sr_error err;
    for (size_t k = 0; k < N; k++) {
        if (k == BROKEN_AT)
            sr_buf_puts(&in, "{\"id\": \"broken\", \"text\": \n");
        sr_doc d = batch_doc(k, &t);
        if (k == LONG_AT) {
            sr_buf_clear(&t);
            while (t.len < SR_SECTION_BYTES * 3 / 2)
                sr_buf_puts(&t, text), sr_buf_putc(&t, ' ');
            d.text = t.data;
            d.text_len = t.len;
        }
        sr_buf_printf(&in, "{\"id\":\"%s\",\"date\":\"%s\",\"title\":\"%s\",\"text\":\"", d.id,
                      d.date, d.title);
        sr_buf_put(&in, d.text, d.text_len);
        sr_buf_puts(&in, "\"}\n");
        sr_arena *a = sr_arena_new();
        sr_result *r;
        d.line = (long)k + 1;
        CHECK_EQ_INT(sr_pipeline_code(p, NULL, a, &d, &r, &err), SR_OK);
        sr_buf_clear(&one);
        CHECK_EQ_INT(sr_result_json(r, &one), SR_OK);
        sr_buf_put(&want, one.data, one.len);
        sr_buf_putc(&want, '\n');
        sr_arena_free(a);
    }
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/batches.jsonl", dir);
    CHECK_EQ_INT(write_file(path, in.data, in.len), 0);
    char jobs[2] = "1";
    char *argv[] = {NULL,   "code",   "--no-dict-cache", "--dict",      actors, "--dict", agents,
                    "--dict", verbs,  "--gazetteer",     gaz, "-j", jobs, path,   NULL};
    /* (the broken line: exit status 1, bad input, after every document) */
    int rc1 = run_sitrep(argv, NULL, &j1);
    jobs[0] = '2';
    int rc2 = run_sitrep(argv, NULL, &j2);
    CHECK_EQ_INT(rc1, rc2);
    CHECK(rc1 > 0);
    CHECK_EQ_INT(j1.len, want.len);
    CHECK(j1.len == want.len && !memcmp(j1.data, want.data, want.len));
    CHECK_EQ_INT(j2.len, want.len);
    CHECK(j2.len == want.len && !memcmp(j2.data, want.data, want.len));
    unlink(path);
    sr_buf_free(&in);
    sr_buf_free(&want);
    sr_buf_free(&t);
    sr_buf_free(&one);
    sr_buf_free(&j1);
    sr_buf_free(&j2);
    sr_pipeline_free(p);
}

/* Stage times: kept per thread, only by a pipeline that asks, every stage
 * of a document with places counted, and zero again once taken. */
typedef struct staged {
    sr_pipeline *p;
    sr_stage_times t;
    int rc;
} staged;

static void *code_on_thread(void *arg)
{
    staged *s = arg;
    sr_doc doc = make_doc();
    sr_arena *a = sr_arena_new();
    sr_result *r;
    sr_error err;
    s->rc = a ? sr_pipeline_code(s->p, NULL, a, &doc, &r, &err) : SR_ENOMEM;
    sr_pipeline_stage_times_take(&s->t);
    sr_arena_free(a);
    return NULL;
}

static void test_stage_times(void)
{
    const char *d[] = {actors, agents, verbs};
    sr_pipeline_opts o = {d, 3, NULL, gaz, 0, 1};
    sr_pipeline *timed = NULL, *plain = open_pipeline(1);
    sr_error err;
    CHECK_EQ_INT(sr_pipeline_new(&o, NULL, &timed, &err), SR_OK);
    CHECK(plain != NULL);
    if (!timed || !plain)
        return;
    sr_stage_times mine = {{0}};
    sr_pipeline_stage_times_take(&mine);   /* whatever earlier tests left */
    memset(&mine, 0, sizeof mine);
    staged s = {timed, {{0}}, -1};
    pthread_t th;
    CHECK_EQ_INT(pthread_create(&th, NULL, code_on_thread, &s), 0);
    pthread_join(th, NULL);
    CHECK_EQ_INT(s.rc, SR_OK);
    for (int k = 0; k < SR_NSTAGES; k++)
        CHECK(s.t.ns[k] > 0);
    CHECK_EQ_STR(sr_pipeline_stage_name(SR_STAGE_PLACES), "places");
    /* the other thread's times are not this one's */
    sr_pipeline_stage_times_take(&mine);
    for (int k = 0; k < SR_NSTAGES; k++)
        CHECK(mine.ns[k] == 0);
    /* an untimed pipeline counts nothing */
    staged u = {plain, {{0}}, -1};
    code_on_thread(&u);
    CHECK_EQ_INT(u.rc, SR_OK);
    for (int k = 0; k < SR_NSTAGES; k++)
        CHECK(u.t.ns[k] == 0);
    /* taken times start again from zero, and add to the sum given */
    staged t2 = {timed, {{0}}, -1};
    code_on_thread(&t2);
    uint64_t before = t2.t.ns[SR_STAGE_TEXT];
    sr_pipeline_stage_times_take(&t2.t);
    CHECK(t2.t.ns[SR_STAGE_TEXT] == before && before > 0);
    sr_pipeline_free(timed);
    sr_pipeline_free(plain);
}

int main(int argc, char **argv)
{
    /* build/sitrep: two folders up from build/tests/test_pipeline */
    (void)argc;
    snprintf(sitrep, sizeof sitrep, "%s", argv[0]);
    char *slash = strrchr(sitrep, '/');
    snprintf(slash ? slash : sitrep, sizeof sitrep - (size_t)(slash ? slash - sitrep : 0), "%s",
             slash ? "/../sitrep" : "../sitrep");
    if (setup()) {
        fprintf(stderr, "test_pipeline: cannot write the test dictionaries\n");
        return 1;
    }
    RUN(test_record);
    RUN(test_no_gazetteer);
    RUN(test_section_cuts);
    RUN(test_sections);
    RUN(test_cli_long);
    RUN(test_front_back);
    RUN(test_cli_batches);
    RUN(test_stage_times);
    teardown();
    return harness_done("pipeline");
}
