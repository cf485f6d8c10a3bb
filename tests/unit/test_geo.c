/* Unit tests for src/geo: the name key, the gazetteer file (build, open,
 * reject damage), the per-document API, threads, pathological input, and
 * the fixture cases of tests/fixtures/geo*.txt, which cover each
 * disambiguation rule against a small gazetteer built in memory.
 *
 *     build/tests/test_geo                      everything
 *     build/tests/test_geo FILE [CASE]          one fixture file, or one case
 */
#include <glob.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../harness.h"
#include "geo/geo_int.h"
#include "geo/sr_geo.h"
#include "text/sr_text.h"
#include "util/sr_util.h"

/* ---- building a gazetteer from the fixture format -------------------------- */

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

/* Splits line at tabs into at most max fields, in place. */
static int fields(char *line, char **f, int max)
{
    int n = 0;
    for (char *p = line; n < max;) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = 0;
        p = t + 1;
    }
    for (int i = n; i < max; i++)
        f[i] = "";
    return n;
}

static char *bars(const char *s)
{
    char *d = dupn(s, strlen(s));
    for (char *p = d; *p; p++)
        if (*p == '|')
            *p = ',';
    return d;
}

/* Compiles the gazetteer described by the lines of spec into out; returns 0,
 * or -1 (and reports) on a bad line. */
static int compile_gazetteer(const char *spec, sr_buf *out)
{
    sr_geo_builder *b;
    if (sr_geo_builder_new(&b))
        return -1;
    char *copy = dupn(spec, strlen(spec));
    int ok = 1;
    for (char *line = strtok(copy, "\n"); line && ok; line = strtok(NULL, "\n")) {
        if (!*line || *line == '#')
            continue;
        char *f[12];
        fields(line, f, 12);
        if (!strcmp(f[0], "admin1")) {
            char *alts = bars(f[4]);
            ok = sr_geo_builder_admin1(b, f[1], f[2], f[3], alts) == 0;
            free(alts);
        } else if (!strcmp(f[0], "place")) {
            char *alts = bars(f[2]);
            /* an optional twelfth field: GeoNames' own alternates */
            char *galts = *f[11] ? bars(f[11]) : NULL;
            char fcode[8];
            snprintf(fcode, sizeof fcode, "%s", f[5][0] && f[5][1] == '.' ? f[5] + 2 : "PPL");
            sr_geo_entry e;
            memset(&e, 0, sizeof e);
            e.id = 1000;
            e.name = f[1];
            e.variants = alts;
            e.lat = atof(f[3]);
            e.lon = atof(f[4]);
            e.fclass = f[5][0];
            e.fcode = fcode;
            e.cc = f[6];
            e.admin1 = *f[7] ? f[7] : NULL;
            e.population = (uint32_t)strtoul(f[8], NULL, 10);
            e.altnames = galts;
            e.parent = *f[9] ? f[9] : NULL;
            e.flags = (!strcmp(f[10], "supp") ? SR_GEO_ENTRY_SUPPLEMENT : 0) |
                      (galts ? SR_GEO_ENTRY_FILTER_ALTS : 0);
            sr_error err;
            ok = sr_geo_builder_add(b, &e, &err) == 0;
            if (!ok)
                fprintf(stderr, "gazetteer line: %s\n", err.msg);
            free(alts);
            free(galts);
        } else if (!strcmp(f[0], "demonym")) {
            ok = sr_geo_builder_demonym(b, f[1], f[2]) == 0;
        } else if (!strcmp(f[0], "word")) {
            ok = sr_geo_builder_word(b, f[1]) == 0;
        } else if (!strcmp(f[0], "name")) {
            ok = sr_geo_builder_name(b, f[1]) == 0;
        } else {
            fprintf(stderr, "gazetteer: unknown line kind \"%s\"\n", f[0]);
            ok = 0;
        }
    }
    free(copy);
    sr_error err;
    if (ok && sr_geo_builder_finish(b, out, NULL, &err) != 0) {
        fprintf(stderr, "gazetteer: %s\n", err.msg);
        ok = 0;
    }
    sr_geo_builder_free(b);
    return ok ? 0 : -1;
}

static sr_geo *build_gazetteer(const char *spec)
{
    sr_buf out = SR_BUF_INIT;
    sr_error err;
    sr_geo *g = NULL;
    if (compile_gazetteer(spec, &out) == 0 && sr_geo_open_mem(out.data, out.len, &g, &err) != 0)
        fprintf(stderr, "gazetteer: %s\n", err.msg);
    sr_buf_free(&out);
    return g;
}

/* The gazetteer of a spec written into *spec, which is freed. */
static sr_geo *build_gazetteer_of(sr_buf *spec)
{
    sr_geo *g = build_gazetteer(spec->data);
    sr_buf_free(spec);
    return g;
}

/* The gazetteer section of tests/fixtures/geo.txt, into b. */
static int fixture_spec(sr_buf *b)
{
    FILE *f = fopen("tests/fixtures/geo.txt", "rb");
    if (!f)
        return -1;
    char line[4096];
    int in = 0;
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "%%% ", 4)) {
            in = !strncmp(line + 4, "gazetteer", 9);
            continue;
        }
        if (in)
            sr_buf_puts(b, line);
    }
    fclose(f);
    return b->data ? 0 : -1;
}

/* The gazetteer of tests/fixtures/geo.txt, for the unit tests below. */
static sr_geo *fixture_gazetteer(void)
{
    sr_buf b = SR_BUF_INIT;
    sr_geo *g = fixture_spec(&b) == 0 ? build_gazetteer(b.data) : NULL;
    sr_buf_free(&b);
    return g;
}

typedef struct run {
    sr_arena *a;
    sr_text *t;
    sr_geo_doc *d;
} run;

static int analyse(const sr_geo *g, const char *text, unsigned flags, run *r)
{
    sr_error err;
    r->a = sr_arena_new();
    sr_geo_opts o = {flags, 0};
    if (sr_text_analyze(r->a, text, strlen(text), NULL, 0, &r->t, &err))
        return -1;
    int rc = sr_geo_find(g, r->a, text, strlen(text), r->t, &o, &r->d, &err);
    /* GEO_DEBUG=1: every mention, chosen entry and confidence, to stderr */
    for (size_t k = 0; !rc && getenv("GEO_DEBUG") && k < r->d->nm; k++) {
        const gment *m = &r->d->m[k];
        const gz_rec *rr = m->best >= 0 ? geo_rec(g, m->c[m->best].rec) : NULL;
        fprintf(stderr, "  [%.*s] role %d cue %#x cont %d person %d conf %.2f -> %s\n",
                (int)(m->end - m->start), text + m->start, m->role, m->cue, m->container,
                m->person_like, m->conf, rr ? geo_str(g, rr->name) : "-");
    }
    return rc;
}

/* ---- fixtures ------------------------------------------------------------------ */

static int fx_pass, fx_fail;

static void fx_failed(const char *file, const char *name, const char *what, const char *got)
{
    fx_fail++;
    fprintf(stderr, "FAIL %s: %s: %s (got %s)\n", file, name, what, got ? got : "nothing");
}

static const sr_sentence *nth_sentence(const run *r, long n)
{
    size_t ns;
    const sr_sentence *s = sr_text_sentences(r->t, &ns);
    return n >= 0 && (size_t)n < ns ? &s[n] : NULL;
}

static void run_case(const sr_geo *g, const char *file, const char *name, const char *input,
                     char *expect)
{
    unsigned flags = 0;
    if (strstr(expect, "flags:") && strstr(expect, "demonyms"))
        flags |= SR_GEO_WITH_DEMONYMS;
    if (strstr(expect, "flags:") && strstr(expect, "orgnames"))
        flags |= SR_GEO_WITH_ORGNAMES;
    run r;
    if (analyse(g, input, flags, &r)) {
        fx_failed(file, name, "analysis failed", NULL);
        sr_arena_free(r.a);
        return;
    }
    size_t np, k = 0;
    const sr_geo_place *p = sr_geo_doc_places(r.d, &np);
    int ok = 1;
    char got[512];
    for (char *line = strtok(expect, "\n"); line; line = strtok(NULL, "\n")) {
        char *arrow = strstr(line, " -> ");
        if (!arrow)
            continue;
        *arrow = 0;
        const char *want = arrow + 4;
        if (!strncmp(line, "focus", 5) || !strncmp(line, "locate ", 7) ||
            !strncmp(line, "event ", 6)) {
            const sr_geo_place *q = NULL;
            if (!strcmp(line, "focus")) {
                q = sr_geo_doc_focus(r.d);
            } else {
                const sr_sentence *s = nth_sentence(&r, atol(strchr(line, ' ') + 1));
                /* "event N actor WORDS": WORDS (first found) are its actor;
                 * "event N verb WORD": its verb is WORD (first found) */
                const char *actor = strstr(line, " actor ");
                const char *verb = strstr(line, " verb ");
                if (s && line[0] == 'l') {
                    q = sr_geo_doc_locate(r.d, s->start, s->end);
                } else if (s) {
                    sr_geo_event ev;
                    memset(&ev, 0, sizeof ev);
                    ev.sent_start = s->start;
                    ev.sent_end = s->end;
                    const char *at = actor ? strstr(input, actor + 7) : NULL;
                    if (at) {
                        ev.actor_start[0] = (size_t)(at - input);
                        ev.actor_end[0] = ev.actor_start[0] + strlen(actor + 7);
                    }
                    const char *vat = verb ? strstr(input, verb + 6) : NULL;
                    if (vat)
                        ev.verb = (size_t)(vat - input);
                    q = sr_geo_doc_event_place(r.d, &ev);
                }
            }
            if (!q || strcmp(q->name, want)) {
                char what[256];
                snprintf(what, sizeof what, "%s should be %s", line, want);
                fx_failed(file, name, what, q ? q->name : NULL);
                ok = 0;
            }
            continue;
        }
        if (!strcmp(line, "fuzzy")) {
            int found = 0;
            for (size_t i = 0; i < np; i++)
                if ((p[i].flags & SR_GEO_F_FUZZY) && strlen(want) == p[i].end - p[i].start &&
                    !memcmp(p[i].text, want, p[i].end - p[i].start))
                    found = 1;
            if (!found) {
                fx_failed(file, name, "expected a fuzzy match", want);
                ok = 0;
            }
            continue;
        }
        if (k >= np) {
            char what[256];
            snprintf(what, sizeof what, "missing place \"%s\"", line);
            fx_failed(file, name, what, NULL);
            ok = 0;
            k++;
            continue;
        }
        snprintf(got, sizeof got, "%.*s -> %s %s", (int)(p[k].end - p[k].start), p[k].text,
                 p[k].name, p[k].cc);
        char full[512];
        snprintf(full, sizeof full, "%s -> %s", line, want);
        if (strncmp(got, full, strlen(full))) {
            fx_failed(file, name, full, got);
            ok = 0;
        }
        k++;
    }
    for (; k < np; k++) {
        snprintf(got, sizeof got, "%.*s -> %s %s", (int)(p[k].end - p[k].start), p[k].text,
                 p[k].name, p[k].cc);
        fx_failed(file, name, "unexpected place", got);
        ok = 0;
    }
    if (ok)
        fx_pass++;
    sr_arena_free(r.a);
}

/* Runs the cases of one fixture file (those whose name contains select). */
static void run_fixture_file(const char *path, const char *select)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fx_failed(path, "-", "cannot open", NULL);
        return;
    }
    sr_buf src = SR_BUF_INIT;
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sr_buf_put(&src, buf, n);
    fclose(f);
    sr_buf_putc(&src, 0);
    sr_geo *g = NULL;
    int num = 0;
    for (char *p = strstr(src.data, "%%% "); p;) {
        char *next = strstr(p + 4, "\n%%% ");
        char *end = next ? next + 1 : p + strlen(p);
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *head = dupn(p + 4, nl ? (size_t)(nl - p - 4) : 0);
        char *body = dupn(nl ? nl + 1 : end, nl ? (size_t)(end - nl - 1) : 0);
        if (!strcmp(head, "gazetteer")) {
            sr_geo_close(g);
            g = build_gazetteer(body);
            if (!g)
                fx_failed(path, "gazetteer", "does not build", NULL);
        } else if (!strncmp(head, "case ", 5)) {
            num++;
            char *in = strstr(body, "--- input\n"), *ex = strstr(body, "--- expect");
            int want = !select || atoi(select) == num || (atoi(select) == 0 && strstr(head, select));
            if (!in || !ex || !g) {
                fx_failed(path, head, "malformed case or no gazetteer", NULL);
            } else if (want) {
                char *input = dupn(in + 10, (size_t)(ex - in - 10));
                size_t il = strlen(input);
                if (il && input[il - 1] == '\n')
                    input[il - 1] = 0;
                char *expect = dupn(ex + 10, strlen(ex + 10));
                run_case(g, path, head + 5, input, expect);
                free(input);
                free(expect);
            }
        }
        free(head);
        free(body);
        p = next ? next + 1 : NULL;
    }
    sr_geo_close(g);
    sr_buf_free(&src);
}

static void test_fixtures(void)
{
    glob_t gl;
    if (glob("tests/fixtures/geo*.txt", 0, NULL, &gl) != 0) {
        CHECK(!"no tests/fixtures/geo*.txt (run from the repository root)");
        return;
    }
    for (size_t i = 0; i < gl.gl_pathc; i++)
        run_fixture_file(gl.gl_pathv[i], NULL);
    globfree(&gl);
    CHECK(fx_pass > 20);
    CHECK_EQ_INT(fx_fail, 0);
}

/* ---- the key ------------------------------------------------------------------- */

static const char *key(const char *s)
{
    static char k[GEO_KEY_MAX];
    sr_geo_key(s, strlen(s), k, sizeof k);
    return k;
}

static void same_key(const char *const *names)
{
    char first[GEO_KEY_MAX];
    snprintf(first, sizeof first, "%s", key(names[0]));
    for (size_t i = 1; names[i]; i++) {
        if (strcmp(key(names[i]), first)) {
            h_fail++;
            fprintf(stderr, "FAIL test_key: \"%s\" -> \"%s\" but \"%s\" -> \"%s\"\n", names[0],
                    first, names[i], key(names[i]));
        } else {
            h_pass++;
        }
    }
}

static void test_key(void)
{
    static const char *const groups[][8] = {
        {"Qaboun", "Qabun", "Qaboon", "al-Qaboun", "Al Qabun", "QABOUN", NULL},
        {"Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Deir al-Zour", "Deir el-Zour", NULL},
        {"Hasakeh", "Al Hasakah", "al-Hasaka", "Hasakah", NULL},
        {"Ain Tarma", "Ein Tarma", "Ayn Tarma", NULL},
        {"Muadamiya", "Moadamiyeh", "Mouadamiya", NULL},
        {"Raqqa", "Ar-Raqqah", "Raqa", "ar Raqqa", NULL},
        {"Dūmā", "Duma", "Douma", NULL},
        {"Jobar", "Jowbar", "Jawbar", NULL},
        {"Sheikh Maqsoud", "Shaykh Maqsud", "Cheikh Maksoud", NULL},
        {"Ma'arrat", "Maarrat", "Ma‘arrat", "Maarat", NULL},
        {"São Paulo", "Sao Paulo", "SAO PAULO", NULL},
        {"Saint Louis", "St. Louis", "St Louis", NULL},
    };
    for (size_t i = 0; i < sizeof groups / sizeof *groups; i++)
        same_key(groups[i]);
    /* different places stay apart */
    static const char *const apart[][2] = {
        {"Homs", "Hama"}, {"Damascus", "Daraa"}, {"Aleppo", "Alep"},
        {"Qaboun", "Qabound"},   /* that one is the fuzzy step's */
        {"Idlib", "Irbid"}, {"Douma", "Dumayr"}};
    for (size_t i = 0; i < sizeof apart / sizeof *apart; i++) {
        char k0[GEO_KEY_MAX];
        snprintf(k0, sizeof k0, "%s", key(apart[i][0]));
        CHECK(strcmp(k0, key(apart[i][1])) != 0);
    }
    /* a lone article stays; punctuation and case go */
    CHECK_EQ_STR(key("Al"), "al");
    CHECK_EQ_STR(key("  --  "), "");
    /* the returned size is the full size even when the buffer is short */
    char small[4];
    size_t need = sr_geo_key("Damascus", 8, small, sizeof small);
    CHECK(need == strlen(key("Damascus")));
    CHECK(strlen(small) == 3);
    /* no name is this long */
    char *big = malloc(100000);
    memset(big, 'a', 100000);
    CHECK_EQ_INT(sr_geo_key(big, 100000, small, sizeof small), 0);
    free(big);
    /* invalid UTF-8 does not upset the fold */
    CHECK(sr_geo_key("Dam\xff\xfe" "ascus", 10, small, sizeof small) > 0);
}

/* ---- the file ------------------------------------------------------------------ */

static void test_file(void)
{
    sr_geo_builder *b;
    CHECK_EQ_INT(sr_geo_builder_new(&b), 0);
    sr_geo_builder_admin1(b, "SY", "13", "Damascus Governorate", NULL);
    sr_geo_entry e;
    memset(&e, 0, sizeof e);
    e.id = 170654;
    e.name = "Damascus";
    e.lat = 33.51;
    e.lon = 36.29;
    e.fclass = 'P';
    e.fcode = "PPLC";
    e.cc = "SY";
    e.admin1 = "13";
    e.population = 1569394;
    sr_error err;
    CHECK_EQ_INT(sr_geo_builder_add(b, &e, &err), 0);
    e.lat = 123;   /* out of range */
    CHECK_EQ_INT(sr_geo_builder_add(b, &e, &err), SR_EINVAL);
    sr_buf out = SR_BUF_INIT;
    CHECK_EQ_INT(sr_geo_builder_finish(b, &out, NULL, &err), 0);
    sr_geo_builder_free(b);

    sr_geo *g = NULL;
    CHECK_EQ_INT(sr_geo_open_mem(out.data, out.len, &g, &err), 0);
    sr_geo_stats st;
    sr_geo_stats_get(g, &st);
    CHECK_EQ_INT(st.records, 1);
    CHECK_EQ_INT(st.bytes, out.len);
    /* the build stores each record's base prior: a capital of 1.5 million */
    const gz_rec *r0 = geo_rec(g, 0);
    CHECK(r0 != NULL);
    if (r0) {
        CHECK(r0->prior == geo_prior_base(r0));
        CHECK(r0->prior > 7.6f && r0->prior < 7.8f);
    }
    sr_geo_close(g);

    /* damage of each kind is refused with its reason, never a crash */
    char *bad = malloc(out.len);
    memcpy(bad, out.data, out.len);
    bad[0] = 'X';
    CHECK_EQ_INT(sr_geo_open_mem(bad, out.len, &g, &err), SR_EPARSE);
    CHECK(strstr(err.msg, "magic") != NULL);
    memcpy(bad, out.data, out.len);
    ((gz_header *)bad)->version = GZ_VERSION + 1;
    CHECK_EQ_INT(sr_geo_open_mem(bad, out.len, &g, &err), SR_EPARSE);
    CHECK(strstr(err.msg, "rebuild") != NULL);
    CHECK_EQ_INT(sr_geo_open_mem(out.data, out.len - 8, &g, &err), SR_EPARSE);
    CHECK(strstr(err.msg, "truncated") != NULL);
    memcpy(bad, out.data, out.len);
    bad[out.len - 20] ^= 1;
    CHECK_EQ_INT(sr_geo_open_mem(bad, out.len, &g, &err), SR_EPARSE);
    CHECK(strstr(err.msg, "checksum") != NULL);
    memcpy(bad, out.data, out.len);
    ((gz_header *)bad)->nrec++;   /* a header field, sums untouched */
    CHECK_EQ_INT(sr_geo_open_mem(bad, out.len, &g, &err), SR_EPARSE);
    CHECK(strstr(err.msg, "header checksum") != NULL);
    /* damage past the sample is still found by the full check (the last
     * byte: a fingerprint of the spelling index or padding, which opening
     * does not look at) */
    memcpy(bad, out.data, out.len);
    bad[out.len - 1] ^= 1;
    CHECK_EQ_INT(geo_open_mem(bad, out.len, GEO_OPEN_NOSUM, &g, &err), 0);
    if (g) {
        CHECK_EQ_INT(sr_geo_verify(g, &err), SR_EPARSE);
        sr_geo_close(g);
    }
    CHECK_EQ_INT(sr_geo_open_mem(out.data, out.len, &g, &err), 0);
    if (g) {
        CHECK_EQ_INT(sr_geo_verify(g, &err), SR_OK);
        sr_geo_close(g);
    }
    CHECK_EQ_INT(sr_geo_open_mem(bad, 10, &g, &err), SR_EPARSE);
    CHECK_EQ_INT(sr_geo_open_mem(bad, 0, &g, &err), SR_EPARSE);
    CHECK(g == NULL);
    free(bad);

    /* from a file, through mmap */
    char path[] = "/tmp/sitrep-test-geo-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    fwrite(out.data, 1, out.len, f);
    fclose(f);
    CHECK_EQ_INT(sr_geo_open(path, &g, &err), 0);
    sr_geo_close(g);
    remove(path);
    CHECK_EQ_INT(sr_geo_open(path, &g, &err), SR_EIO);
    CHECK_EQ_INT(sr_geo_open("/tmp", &g, &err), SR_EIO);
    sr_buf_free(&out);

    /* The fuzz seed must be of the current format, or the fuzzer never gets
     * past the header: after a format change run
     * build/tests/test_geo --write-seed tests/fuzz/corpus/geo_load/fixture.gaz */
    int rc = sr_geo_open("tests/fuzz/corpus/geo_load/fixture.gaz", &g, &err);
    CHECK_EQ_INT(rc, 0);
    if (rc)
        fprintf(stderr, "  fuzz seed: %s\n", err.msg);
    else
        sr_geo_close(g);
}

/* The word table says how many words the longest key a word opens has (so
 * recognition skips lookups of longer spans), keeps common words and names
 * apart; the spelling index knows every key; and the build marks a record whose parent lies in another country
 * (so scoring need not read the parent's record): only a record of no
 * country may have one. */
/* A record is one cache line, and a name under 16 bytes is kept again in
 * it, where a place's output reads it; a longer one, or a copy a damaged
 * file left without its NUL, is read from the string pool. */
static void test_record_line(void)
{
    sr_geo_builder *b;
    CHECK_EQ_INT(sr_geo_builder_new(&b), 0);
    sr_geo_entry e;
    memset(&e, 0, sizeof e);
    e.fclass = 'P';
    e.fcode = "PPL";
    e.cc = "FR";
    e.id = 1;
    e.name = "Saint-Germain-en-Laye";   /* 21 bytes */
    sr_error err;
    CHECK_EQ_INT(sr_geo_builder_add(b, &e, &err), 0);
    e.id = 2;
    e.name = "Abcdefghijklmno";   /* 15 bytes: the longest kept */
    CHECK_EQ_INT(sr_geo_builder_add(b, &e, &err), 0);
    sr_buf out = SR_BUF_INIT;
    CHECK_EQ_INT(sr_geo_builder_finish(b, &out, NULL, &err), 0);
    sr_geo_builder_free(b);
    CHECK_EQ_INT(((const gz_header *)out.data)->off_rec % 64, 0);
    sr_geo *g = NULL;
    CHECK_EQ_INT(geo_open_mem(out.data, out.len, GEO_OPEN_NOSUM, &g, &err), 0);
    int inline_names = 0, long_names = 0;
    for (uint32_t i = 0; g && geo_rec(g, i); i++) {
        const gz_rec *r = geo_rec(g, i);
        const char *nm = geo_rec_name(g, r);
        CHECK_EQ_STR(nm, geo_str(g, r->name));
        if (strlen(nm) < sizeof r->name_in) {
            CHECK(nm == r->name_in);
            inline_names++;
        } else {
            CHECK(!r->name_in[0]);
            long_names++;
        }
    }
    CHECK_EQ_INT(inline_names, 1);
    CHECK_EQ_INT(long_names, 1);
    if (g)
        sr_geo_close(g);
    /* a copy without its NUL (damage the sums would catch) is not used */
    gz_header *h = (gz_header *)out.data;
    gz_rec *rec = (gz_rec *)((char *)out.data + h->off_rec);
    for (uint32_t i = 0; i < h->nrec; i++)
        if (rec[i].name_in[0])
            rec[i].name_in[sizeof rec[i].name_in - 1] = 'x';
    CHECK_EQ_INT(geo_open_mem(out.data, out.len, GEO_OPEN_NOSUM, &g, &err), 0);
    for (uint32_t i = 0; g && geo_rec(g, i); i++) {
        const gz_rec *r = geo_rec(g, i);
        CHECK(geo_rec_name(g, r) != r->name_in);
        CHECK_EQ_STR(geo_rec_name(g, r), geo_str(g, r->name));
    }
    if (g)
        sr_geo_close(g);
    sr_buf_free(&out);
}

static void test_words(void)
{
    sr_geo *g = build_gazetteer(
        "admin1\tXA\t01\tNorth\t\n"
        "place\tNew York City\t\t40.7\t-74.0\tP.PPL\tUS\t\t8000000\t\t\n"
        "place\tNew Haven\t\t41.3\t-72.9\tP.PPL\tUS\t\t130000\t\t\n"
        "place\tYork\t\t53.9\t-1.1\tP.PPL\tGB\t\t150000\t\t\n"
        "place\tBorder Town\t\t1\t1\tL.AREA\t\t\t100\tNorth\t\n"
        "place\tNorth\t\t1\t1\tA.ADM1\tXA\t01\t0\t\t\n"
        "word\tyork\n"
        "word\tfree\n"
        "name\tHaven\n");
    CHECK(g != NULL);
    if (!g)
        return;
    char k[64];
    size_t kl = geo_key("New", 3, k, sizeof k);
    CHECK_EQ_INT(geo_prefix_words(g, k, kl), 3);
    kl = geo_key("Border", 6, k, sizeof k);
    CHECK_EQ_INT(geo_prefix_words(g, k, kl), 2);
    kl = geo_key("York", 4, k, sizeof k);
    CHECK_EQ_INT(geo_prefix_words(g, k, kl), 0);
    CHECK(geo_is_word(g, "york", 4));
    CHECK(!geo_is_name(g, "york", 4));
    CHECK(geo_is_name(g, "haven", 5));
    CHECK(!geo_is_word(g, "haven", 5));
    /* a folded word's entry lies in the line of its key ("free" keys to
     * "fri"), where the token's lookup has been, and never answers for a
     * first word spelled as it */
    kl = geo_key("Free", 4, k, sizeof k);
    CHECK(kl == 3 && geo_fold_line("free", 4) == geo_hash64(k, kl));
    CHECK(geo_fold_info_at(g, geo_hash64(k, kl), "free", 4) & GZ_W_WORD);
    CHECK(!(geo_word_info(g, "york", 4) & GZ_W_WORD));
    CHECK(geo_is_word(g, "free", 4) && !geo_is_word(g, "fri", 3));
    /* a key of several words is in its first word's filter too, which
     * turns away the spans that start there and name nothing */
    static const char *const several[] = {"New York City", "New Haven", "Border Town"};
    for (size_t i = 0; i < sizeof several / sizeof *several; i++) {
        kl = geo_key(several[i], strlen(several[i]), k, sizeof k);
        const char *sp = memchr(k, ' ', kl);
        CHECK(sp && geo_filter_may_at(g, geo_hash64(k, (size_t)(sp - k)), geo_hash64(k, kl)));
    }
    /* the cue words: one line a question, long words told apart by their
     * rest, no prefix or longer word taken for one */
    CHECK(geo_lex_flags(&g->lex, "governorate", 11) & LX_ADM1);
    CHECK(geo_lex_flags(&g->lex, "north-western", 13) & LX_SKIP);
    CHECK(geo_lex_flags(&g->lex, "in.", 3) & LX_PREP);
    CHECK(!geo_lex_flags(&g->lex, "governorata", 11));
    CHECK(!geo_lex_flags(&g->lex, "governorates", 12));
    CHECK(!geo_lex_flags(&g->lex, "north-westerm", 13));
    CHECK(!geo_lex_flags(&g->lex, "i\0", 2) && !geo_lex_flags(&g->lex, "\0\0\0", 3));
    /* the spelling index holds every key under its skeleton: a variant that
     * is a key is never turned away */
    static const char *const names[] = {"New York City", "New Haven", "York", "Border Town", "North"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        kl = geo_key(names[i], strlen(names[i]), k, sizeof k);
        CHECK(geo_fuzz_may(g, geo_fuzz_bucket(g, k, kl), geo_hash64(k, kl)));
    }
    CHECK_EQ_INT(geo_fuzz_bucket(g, "nu hivn", 7), geo_fuzz_bucket(g, "niw havin", 9));
    /* recognition tells a lower-case word longer than any connector from
     * one without classifying it: conn_max must bound every connector */
    CHECK((geo_lex_flags(&g->lex, "della", 5) & LX_CONN) && g->lex.conn_max >= 5);
    CHECK((geo_lex_flags(&g->lex, "upon", 4) & LX_CONN) && g->lex.conn_max < 7);
    int abroad = 0, records = 0;
    for (uint32_t i = 0; geo_rec(g, i); i++, records++) {
        const gz_rec *r = geo_rec(g, i);
        const gz_rec *p = r->parent != GZ_NONE ? geo_rec(g, r->parent) : NULL;
        CHECK_EQ_INT(!!(r->flags & GZ_ABROAD), p && memcmp(p->cc, r->cc, 2) != 0);
        abroad += !!(r->flags & GZ_ABROAD);
    }
    CHECK_EQ_INT(records, 5);
    /* a record is one cache line */
    CHECK(sizeof(gz_rec) == 64 && g->h->off_rec % 64 == 0);
    CHECK_EQ_INT(abroad, 1);
    sr_geo_close(g);
}

/* A key of several words is in its first word's filter, whatever line
 * its own hash picks: enough keys that the two lines differ. */
static void test_span_filter(void)
{
    sr_buf spec = SR_BUF_INIT;
    for (int i = 0; i < 300; i++) {
        char line[128];
        snprintf(line, sizeof line, "place\tKelt%03d Varo\t\t1\t1\tP.PPL\tGB\t\t100\t\t\n", i);
        sr_buf_puts(&spec, line);
    }
    sr_geo *g = build_gazetteer_of(&spec);
    CHECK(g != NULL);
    if (!g)
        return;
    CHECK(g->h->nwbucket >= 16);
    int missing = 0, apart = 0;
    for (int i = 0; i < 300; i++) {
        char name[32], k[64];
        snprintf(name, sizeof name, "Kelt%03d Varo", i);
        size_t kl = geo_key(name, strlen(name), k, sizeof k);
        const char *sp = memchr(k, ' ', kl);
        uint64_t h1 = sp ? geo_hash64(k, (size_t)(sp - k)) : 0, h = geo_hash64(k, kl);
        missing += !sp || !geo_filter_may_at(g, h1, h);
        apart += geo_word_bucket(h1, g->h->nwbucket) != geo_word_bucket(h, g->h->nwbucket);
    }
    CHECK_EQ_INT(missing, 0);
    CHECK(apart > 200);
    sr_geo_close(g);
}

/* ---- the document API ---------------------------------------------------------- */

/* The open-time sum: every byte of a small file, the first, last and
 * evenly spread blocks of a large one. */
/* Name number i in letters alone ("Zobafa"...), as keys keep them. */
static void letter_name(char *out, const char *head, int i)
{
    static const char cons[] = "bdfglmnprtvz";
    size_t n = strlen(head);
    memcpy(out, head, n);
    do {
        out[n++] = cons[i % 12];
        out[n++] = 'a';
        i /= 12;
    } while (i);
    out[n] = 0;
}

/* Two thousand names in a key table of buckets of five, about 3.5 a
 * bucket: some homes overflow into the next buckets, and every key must
 * still be found there, with its one posting or its several, while names
 * of no key find nothing; every word of the word table is found, too. */
static void test_key_table(void)
{
    sr_buf spec = SR_BUF_INIT;
    char line[160], name[32];
    for (int i = 0; i < 2000; i++) {
        /* every tenth name twice (a key of two postings) */
        letter_name(name, "Zo", i);
        for (int twice = 0; twice < (i % 10 ? 1 : 2); twice++) {
            snprintf(line, sizeof line, "place\t%s\t\t%d\t%d\tP.PPL\t%s\t\t%d\t\t\n", name,
                     i % 80, twice ? -(i % 170) : i % 170, twice ? "XB" : "XA", 100 + i);
            sr_buf_puts(&spec, line);
        }
        letter_name(name, "blu", i);
        snprintf(line, sizeof line, "word\t%s\n", name);
        sr_buf_puts(&spec, line);
    }
    sr_geo *g = build_gazetteer_of(&spec);
    CHECK(g != NULL);
    if (!g)
        return;
    int overflowed = 0, found = 0, missing = 0, words = 0;
    for (uint32_t b = 0; b < g->h->nkbucket; b++)
        overflowed += g->key[b].reach > 0;
    for (int i = 0; i < 2000; i++) {
        char k[64];
        letter_name(name, "Zo", i);
        size_t kl = geo_key(name, strlen(name), k, sizeof k), n;
        const gz_post *p = geo_lookup(g, k, kl, &n);
        found += p && n == (i % 10 ? 1u : 2u);
        letter_name(name, "Xo", i);
        kl = geo_key(name, strlen(name), k, sizeof k);
        missing += !geo_lookup(g, k, kl, &n) && n == 0;
        letter_name(name, "blu", i);
        words += geo_is_word(g, name, strlen(name)) && !geo_is_name(g, name, strlen(name));
    }
    CHECK(overflowed > 0);
    CHECK_EQ_INT(found, 2000);
    CHECK_EQ_INT(missing, 2000);
    CHECK_EQ_INT(words, 2000);
    sr_geo_close(g);
}

static void test_sample_sum(void)
{
    size_t n = 3u << 20;
    unsigned char *p = malloc(n);
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 2654435761u >> 13);
    CHECK(geo_sample_sum(p, 1000) == geo_checksum(p, 1000));
    uint64_t s0 = geo_sample_sum(p, n);
    p[0] ^= 1;
    CHECK(geo_sample_sum(p, n) != s0);
    p[0] ^= 1;
    p[n - 1] ^= 1;
    CHECK(geo_sample_sum(p, n) != s0);
    p[n - 1] ^= 1;
    CHECK(geo_sample_sum(p, n - 8) != s0);   /* shorter: another sum */
    CHECK(geo_sample_sum(p, n) == s0);
    free(p);
}

static void test_document(void)
{
    sr_geo *g = fixture_gazetteer();
    CHECK(g != NULL);
    if (!g)
        return;
    /* byte offsets survive multi-byte text before the name */
    const char *text = "Caf\xc3\xa9 owners in \xe2\x80\x9c" "Damascus\xe2\x80\x9d closed.";
    run r;
    CHECK_EQ_INT(analyse(g, text, 0, &r), 0);
    size_t np;
    const sr_geo_place *p = sr_geo_doc_places(r.d, &np);
    CHECK_EQ_INT(np, 1);
    if (np == 1) {
        CHECK_EQ_INT(p[0].start, 19);
        CHECK_EQ_INT(p[0].end, 27);
        CHECK(!memcmp(text + p[0].start, "Damascus", 8));
        CHECK_EQ_STR(p[0].admin1, "Damascus Governorate");
        CHECK_EQ_STR(p[0].country, "Syria");
        CHECK_EQ_INT(p[0].level, SR_GEO_LEVEL_CITY);
        sr_buf b = SR_BUF_INIT;
        CHECK_EQ_INT(sr_geo_place_json(&p[0], &b), 0);
        CHECK(strstr(b.data, "\"start\":19,\"end\":27,\"text\":\"Damascus\"") != NULL);
        CHECK(strstr(b.data, "\"country\":\"SY\",\"admin1\":\"Damascus Governorate\"") != NULL);
        CHECK(strstr(b.data, "\"feature\":\"P.PPLC\"") != NULL);
        sr_buf_clear(&b);
        CHECK_EQ_INT(sr_geo_location_json(&p[0], &b), 0);
        CHECK(strstr(b.data, "{\"name\":\"Damascus\",\"lat\":33.51000,\"lon\":36.29100") != NULL);
        sr_buf_clear(&b);
        CHECK_EQ_INT(sr_geo_location_json(NULL, &b), 0);
        CHECK_EQ_STR(b.data, "null");
        sr_buf_free(&b);
    }
    CHECK_EQ_STR(sr_geo_doc_focus_country(r.d), "SY");
    CHECK(sr_geo_doc_locate(r.d, 0, 10) == NULL);
    sr_arena_free(r.a);

    /* a supplement entry has no GeoNames id and says so */
    CHECK_EQ_INT(analyse(g, "Clashes in Qaboun.", 0, &r), 0);
    p = sr_geo_doc_places(r.d, &np);
    CHECK(np == 1 && p[0].geonameid == 0 && p[0].supp_id > 0);
    sr_arena_free(r.a);

    /* no places: empty list, no focus, no event location */
    CHECK_EQ_INT(analyse(g, "Nothing happened here.", 0, &r), 0);
    sr_geo_doc_places(r.d, &np);
    CHECK_EQ_INT(np, 0);
    CHECK(sr_geo_doc_focus(r.d) == NULL);
    CHECK(sr_geo_doc_focus_country(r.d) == NULL);
    CHECK(sr_geo_doc_event_location(r.d, 0, 5, 0, 10) == NULL);
    sr_arena_free(r.a);
    sr_geo_close(g);
}

/* A place named again takes what its record gave the first mention and
 * keeps its own span, text, role and confidence (places.c copies the
 * record's part). */
static void test_repeated_places(void)
{
    sr_geo *g = fixture_gazetteer();
    CHECK(g != NULL);
    if (!g)
        return;
    const char *text = "Troops entered Syria. Syrian forces shelled Damascus, and Damascus "
                       "residents fled.";
    run r;
    CHECK_EQ_INT(analyse(g, text, SR_GEO_WITH_DEMONYMS, &r), 0);
    size_t np;
    const sr_geo_place *p = sr_geo_doc_places(r.d, &np);
    CHECK_EQ_INT(np, 4);
    if (np == 4) {
        CHECK(!memcmp(p[0].text, "Syria", 5) && p[0].role == SR_GEO_PLACE);
        CHECK(!memcmp(p[1].text, "Syrian", 6) && p[1].role == SR_GEO_DEMONYM);
        CHECK_EQ_INT(p[1].start, 22);
        CHECK_EQ_INT(p[1].end, 28);
        CHECK_EQ_STR(p[1].name, p[0].name);
        CHECK(p[1].geonameid == p[0].geonameid && p[1].level == SR_GEO_LEVEL_COUNTRY);
        CHECK(p[2].start == 44 && p[3].start == 58 && p[2].end == 52 && p[3].end == 66);
        CHECK(p[2].text == text + 44 && p[3].text == text + 58);
        CHECK_EQ_STR(p[3].name, "Damascus");
        CHECK_EQ_STR(p[3].admin1, "Damascus Governorate");
        CHECK(p[3].lat == p[2].lat && p[3].lon == p[2].lon && p[3].role == SR_GEO_PLACE);
    }
    /* the focus is the most named place, each mention voting once */
    const sr_geo_place *f = sr_geo_doc_focus(r.d);
    CHECK(f != NULL && f->start == 44 && !strcmp(f->name, "Damascus"));
    sr_arena_free(r.a);
    sr_geo_close(g);
}

/* Many threads share one gazetteer and must all get the answers of one. */
typedef struct job {
    const sr_geo *g;
    int ok;
} job;

static const char *const thread_docs[] = {
    "Troops stormed the northwestern Barzeh district of Damascus with tanks.",
    "He was born in Alexandria, Louisiana, and moved to Alexandria, Virginia.",
    "Storms moved from Peoria to Springfield overnight.",
    "Convoys reached Deir ez-Zor, then Dayr az Zawr city and Deir Ezzor."};

static void doc_signature(const sr_geo *g, const char *text, char *out, size_t cap)
{
    run r;
    out[0] = 0;
    if (analyse(g, text, 0, &r) == 0) {
        size_t np, used = 0;
        const sr_geo_place *p = sr_geo_doc_places(r.d, &np);
        for (size_t i = 0; i < np && used + 64 < cap; i++)
            used += (size_t)snprintf(out + used, cap - used, "%zu:%.3f,%.3f;", p[i].start,
                                     p[i].lat, p[i].lon);
    }
    sr_arena_free(r.a);
}

static void *thread_main(void *arg)
{
    job *j = arg;
    char want[4][1024], got[1024];
    for (int d = 0; d < 4; d++)
        doc_signature(j->g, thread_docs[d], want[d], sizeof want[d]);
    j->ok = 1;
    for (int i = 0; i < 200; i++) {
        doc_signature(j->g, thread_docs[i % 4], got, sizeof got);
        if (strcmp(got, want[i % 4]))
            j->ok = 0;
    }
    return NULL;
}

static void test_threads(void)
{
    sr_geo *g = fixture_gazetteer();
    CHECK(g != NULL);
    if (!g)
        return;
    pthread_t t[4];
    job j[4];
    for (int i = 0; i < 4; i++) {
        j[i].g = g;
        j[i].ok = 0;
        pthread_create(&t[i], NULL, thread_main, &j[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CHECK(j[i].ok);
    }
    sr_geo_close(g);
}

/* What fuzzy matching keeps of a key across documents is tied to the
 * gazetteer that found it: two gazetteers holding different one-edit
 * variants of a misspelt name, used in turn (the second perhaps where a
 * closed first was), each find their own. */
static double first_lat(const sr_geo *g, const char *text)
{
    run r;
    double lat = -999;
    if (analyse(g, text, 0, &r) == 0) {
        size_t np;
        const sr_geo_place *p = sr_geo_doc_places(r.d, &np);
        if (np)
            lat = p[0].lat;
    }
    sr_arena_free(r.a);
    return lat;
}

/* Two gazetteers of spec[0] and spec[1], used in turn (the second
 * perhaps where a closed first was) and side by side: the first place
 * text names lies at latitude 10 in the first and 30 in the second. */
static void check_apart(const char *const spec[2], const char *text)
{
    for (int round = 0; round < 4; round++) {
        sr_geo *g = build_gazetteer(spec[round & 1]);
        CHECK(g != NULL);
        if (!g)
            return;
        double want = (round & 1) ? 30.0 : 10.0;
        for (int again = 0; again < 2; again++) {
            double lat = first_lat(g, text);
            CHECK(lat > want - 0.01 && lat < want + 0.01);
        }
        sr_geo_close(g);
    }
    sr_geo *a = build_gazetteer(spec[0]), *b = build_gazetteer(spec[1]);
    CHECK(a && b);
    for (int i = 0; a && b && i < 3; i++) {
        double la = first_lat(a, text), lb = first_lat(b, text);
        CHECK(la > 9.99 && la < 10.01);
        CHECK(lb > 29.99 && lb < 30.01);
    }
    sr_geo_close(a);
    sr_geo_close(b);
}

static void test_fuzzy_kept(void)
{
    static const char *const spec[2] = {
        "admin1\tSY\t13\tDamascus Governorate\t\n"
        "place\tZarqawit\t\t10.0\t20.0\tP.PPL\tSY\t13\t5000\t\tsupp\n",
        "admin1\tJO\t16\tAmman\t\n"
        "place\tZarqiwat\t\t30.0\t40.0\tP.PPL\tJO\t16\t5000\t\tsupp\n"};
    check_apart(spec, "Fighting in Zarqiwit killed five.");
}

/* A spelling's key, lookup and word-table answers are kept per thread
 * across documents (tokens.c): a document must get the answers of a
 * thread that never saw another, whatever came before it, and a
 * spelling's kept lookup is the gazetteer's that made it (two holding
 * one name at different places, used in turn, each find their own). */
static const char *const kept_docs[] = {
    "Troops entered Syria. Syrian forces shelled Damascus, and Damascus residents fled.",
    "Nice weather in Paris. Paris police said Damascus was calm.",
    "Damascus said on Monday that Syria would talk. Syrias army moved.",
    "The Damascus Governorate and Syria. DAMASCUS, Syria - Nice and Paris.",
    "He was born in Alexandria, Louisiana, and moved to Alexandria, Virginia."};
enum { NKEPT = sizeof kept_docs / sizeof *kept_docs };

typedef struct kept_job {
    const sr_geo *g;
    const char *text;
    char sig[1024];
} kept_job;

static void *kept_alone(void *arg)
{
    kept_job *j = arg;
    doc_signature(j->g, j->text, j->sig, sizeof j->sig);
    return NULL;
}

static void test_spellings_kept(void)
{
    sr_geo *g = fixture_gazetteer();
    CHECK(g != NULL);
    if (!g)
        return;
    kept_job j[NKEPT];
    for (int d = 0; d < NKEPT; d++) {
        pthread_t t;
        j[d].g = g;
        j[d].text = kept_docs[d];
        pthread_create(&t, NULL, kept_alone, &j[d]);
        pthread_join(t, NULL);
        CHECK(j[d].sig[0] != 0);
    }
    char got[1024];
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < NKEPT; i++) {
            int d = round == 1 ? NKEPT - 1 - i : (i * 3 + round) % NKEPT;
            doc_signature(g, kept_docs[d], got, sizeof got);
            CHECK_EQ_STR(got, j[d].sig);
        }
    sr_geo_close(g);
    static const char *const spec[2] = {
        "admin1\tSY\t13\tDamascus Governorate\t\n"
        "place\tQarmalit\t\t10.0\t20.0\tP.PPL\tSY\t13\t5000\t\tsupp\n",
        "admin1\tJO\t16\tAmman\t\n"
        "place\tQarmalit\t\t30.0\t40.0\tP.PPL\tJO\t16\t5000\t\tsupp\n"};
    check_apart(spec, "Fighting in Qarmalit killed five.");
}

/* A sentence of 200,000 capitalised place names and a 1 MB word finish
 * quickly and in linear time. */
static void test_pathological(void)
{
    sr_geo *g = fixture_gazetteer();
    if (!g)
        return;
    const char *unit = "Damascus, Nice, Paris, ";
    size_t n = 200000, ul = strlen(unit);
    char *text = malloc(n * ul + 2);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * ul, unit, ul);
    text[n * ul] = 0;
    clock_t t0 = clock();
    run r;
    CHECK_EQ_INT(analyse(g, text, 0, &r), 0);
    size_t np;
    sr_geo_doc_places(r.d, &np);
    CHECK(np > 0);
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0);
    sr_arena_free(r.a);
    memset(text, 'Q', n * ul);
    CHECK_EQ_INT(analyse(g, text, 0, &r), 0);
    sr_geo_doc_places(r.d, &np);
    CHECK_EQ_INT(np, 0);
    sr_arena_free(r.a);
    free(text);
    sr_geo_close(g);
}

int main(int argc, char **argv)
{
    /* --write-seed FILE: the fixture gazetteer as a file, the fuzz seed */
    if (argc == 3 && !strcmp(argv[1], "--write-seed")) {
        sr_buf spec = SR_BUF_INIT, out = SR_BUF_INIT;
        FILE *f = NULL;
        int rc = fixture_spec(&spec) || compile_gazetteer(spec.data, &out) ||
                 !(f = fopen(argv[2], "wb")) || fwrite(out.data, 1, out.len, f) != out.len;
        if (f && fclose(f))
            rc = 1;
        sr_buf_free(&spec);
        sr_buf_free(&out);
        return rc;
    }
    if (argc > 1) {
        h_test = "fixtures";
        run_fixture_file(argv[1], argc > 2 ? argv[2] : NULL);
        printf("%s: %d passed, %d failed\n", argv[1], fx_pass, fx_fail);
        return fx_fail ? 1 : 0;
    }
    RUN(test_key);
    RUN(test_file);
    RUN(test_record_line);
    RUN(test_words);
    RUN(test_span_filter);
    RUN(test_key_table);
    RUN(test_sample_sum);
    RUN(test_document);
    RUN(test_repeated_places);
    RUN(test_threads);
    RUN(test_fuzzy_kept);
    RUN(test_spellings_kept);
    RUN(test_pathological);
    RUN(test_fixtures);
    printf("geo fixtures: %d passed, %d failed\n", fx_pass, fx_fail);
    return harness_done("geo");
}
