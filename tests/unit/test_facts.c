/*
 * test_facts.c - the facts module: the fixture cases of
 * tests/fixtures/facts.txt (format described at the top of that file) and
 * unit tests for overflow, hostile input, the calendar and thread safety.
 *
 *   build/tests/test_facts                       every tests/fixtures/facts*.txt and unit test
 *   build/tests/test_facts FILE [N|TEXT]          one file, one case by number or text
 *   build/tests/test_facts --dump PUB "TEXT"      print everything found in TEXT
 *   build/tests/test_facts --plover GSR.jsonl     gold "dead" recovered from each record's text
 */
#include <glob.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "facts/facts_int.h"
#include "facts/sr_facts.h"
#include "text/sr_text.h"

static int verbose;

/* ---- one analysed text ------------------------------------------------- */

typedef struct doc {
    sr_arena *a;
    const char *text;
    size_t len;
    sr_text *t;
    sr_facts *f;
} doc;

static int doc_open(doc *d, const char *text, const char *pub)
{
    memset(d, 0, sizeof *d);
    d->a = sr_arena_new();
    d->text = text;
    d->len = strlen(text);
    if (!d->a || sr_text_analyze(d->a, text, d->len, NULL, 0, &d->t, NULL) ||
        sr_facts_analyze(d->a, text, d->len, d->t, pub, &d->f, NULL))
        return -1;
    return 0;
}

static void doc_close(doc *d)
{
    sr_arena_free(d->a);
}

/* ---- rendering what was found, in the fixture notation ---------------- */

static void put_count(sr_buf *b, const doc *d, const sr_facts_count *c)
{
    sr_buf_printf(b, "%s %lld %s %s", sr_facts_count_type_name(c->type), (long long)c->number,
                  sr_facts_qual_name(c->qual), c->people ? c->people : "-");
    if (c->cumulative)
        sr_buf_puts(b, " cum");
    if (c->part_of != SR_FACTS_NONE)
        sr_buf_printf(b, " part=%zu", c->part_of);
    if (c->negated)
        sr_buf_puts(b, " neg");
    if (c->mode != SR_FACTS_ASSERTED)
        sr_buf_printf(b, " mode=%s", sr_facts_mode_name(c->mode));
}

static void render_counts(sr_buf *b, const doc *d)
{
    size_t n;
    const sr_facts_count *c = sr_facts_counts(d->f, &n);
    if (!n)
        sr_buf_puts(b, "none");
    for (size_t i = 0; i < n; i++) {
        if (i)
            sr_buf_puts(b, "; ");
        put_count(b, d, &c[i]);
    }
}

static void render_numbers(sr_buf *b, const doc *d)
{
    size_t n;
    const sr_facts_number *x = sr_facts_numbers(d->f, &n);
    if (!n)
        sr_buf_puts(b, "none");
    for (size_t i = 0; i < n; i++) {
        sr_buf_printf(b, "%s%lld %s", i ? "; " : "", (long long)x[i].value,
                      sr_facts_qual_name(x[i].qual));
        if (x[i].kind != SR_FACTS_NK_QUANTITY)
            sr_buf_printf(b, " %s", sr_facts_kind_name(x[i].kind));
        if (x[i].low != x[i].value || x[i].high != x[i].value) {
            sr_buf_printf(b, " %lld-", (long long)x[i].low);
            if (x[i].high == SR_FACTS_UNBOUNDED)
                sr_buf_puts(b, "inf");
            else
                sr_buf_printf(b, "%lld", (long long)x[i].high);
        }
    }
}

static int sentence_range(const doc *d, long k, size_t *s0, size_t *s1)
{
    size_t n;
    const sr_sentence *s = sr_text_sentences(d->t, &n);
    if (k < 0 || (size_t)k >= n)
        return 0;
    *s0 = s[k].start;
    *s1 = s[k].end;
    return 1;
}

static void render_date(sr_buf *b, const doc *d, long k)
{
    size_t s0, s1;
    sr_facts_date x;
    if (!sentence_range(d, k, &s0, &s1) || !sr_facts_event_date(d->f, s0, s1, &x)) {
        sr_buf_puts(b, "none");
        return;
    }
    char iso[11];
    sr_facts_date_iso(&x, iso);
    sr_buf_printf(b, "%s %s", iso[0] ? iso : "?", sr_facts_prec_name(x.precision));
    if (x.precision != SR_FACTS_PREC_WEEK && x.end_year &&
        (x.end_year != x.year || x.end_month != x.month || x.end_day != x.day)) {
        sr_facts_date e = x;
        e.year = x.end_year;
        e.month = x.end_month;
        e.day = x.end_day;
        sr_buf_printf(b, " to=%s", sr_facts_date_iso(&e, iso));
    }
    if (x.flags & SR_FACTS_DATE_HISTORICAL)
        sr_buf_puts(b, " hist");
    if (x.flags & SR_FACTS_DATE_SINCE)
        sr_buf_puts(b, " since");
    if (x.flags & SR_FACTS_DATE_FUTURE)
        sr_buf_puts(b, " future");
    if (x.flags & SR_FACTS_DATE_UNRESOLVED)
        sr_buf_puts(b, " unresolved");
}

static void render_attr(sr_buf *b, const doc *d, long k)
{
    size_t s0, s1;
    sr_facts_attr at;
    if (!sentence_range(d, k, &s0, &s1) || !sr_facts_attribution(d->f, s0, s1, 0, 0, &at)) {
        sr_buf_puts(b, "none");
        return;
    }
    sr_buf_put(b, at.text, at.len);
    sr_buf_printf(b, " | %s", at.cue);
    if (at.flags & SR_FACTS_ATTR_DENIAL)
        sr_buf_puts(b, " | denial");
    if (at.flags & SR_FACTS_ATTR_INHERITED)
        sr_buf_puts(b, " | inherited");
}

static void render_casualty(sr_buf *b, const doc *d, int injured)
{
    sr_facts_casualties c;
    sr_facts_casualties_get(d->f, 0, d->len, &c);
    int64_t v = injured ? c.injured : c.dead;
    if (v < 0)
        sr_buf_puts(b, "none");
    else
        sr_buf_printf(b, "%lld %s", (long long)v,
                      sr_facts_qual_name(injured ? c.injured_qual : c.dead_qual));
}

/* "mode: used denied cue=denied agent=State television" */
static void render_mode(sr_buf *b, const doc *d, const char *word, int cue, int agent)
{
    size_t nt;
    const sr_token *tk = sr_text_tokens(d->t, &nt);
    int nth = 1;
    char w[128];
    snprintf(w, sizeof w, "%s", word);
    char *hash = strchr(w, '#');
    if (hash) {
        *hash = 0;
        nth = atoi(hash + 1);
    }
    for (size_t i = 0; i < nt; i++) {
        if (strcmp(tk[i].norm, w) || --nth > 0)
            continue;
        sr_facts_modality m;
        sr_facts_modality_get(d->f, i, &m);
        sr_buf_printf(b, "%s %s", word, sr_facts_mode_name(m.mode));
        if (m.negated)
            sr_buf_puts(b, " neg");
        if (cue && m.cue_tok != SR_FACTS_NONE)
            sr_buf_printf(b, " cue=%s", tk[m.cue_tok].norm);
        if (agent && m.agent_end > m.agent_start) {
            sr_buf_puts(b, " agent=");
            sr_buf_put(b, d->text + m.agent_start, m.agent_end - m.agent_start);
        }
        return;
    }
    sr_buf_printf(b, "%s (no such token)", word);
}

static void dump(const char *pub, const char *text)
{
    doc d;
    if (doc_open(&d, text, pub)) {
        puts("analysis failed");
        return;
    }
    sr_buf b = SR_BUF_INIT;
    render_numbers(&b, &d);
    printf("numbers: %s\n", b.data);
    sr_buf_clear(&b);
    render_counts(&b, &d);
    printf("counts: %s\n", b.data);
    size_t ns;
    sr_text_sentences(d.t, &ns);
    for (size_t k = 0; k < ns; k++) {
        sr_buf_clear(&b);
        render_date(&b, &d, (long)k);
        printf("date@%zu: %s\n", k, b.data);
        sr_buf_clear(&b);
        render_attr(&b, &d, (long)k);
        printf("attr@%zu: %s\n", k, b.data);
    }
    sr_buf_clear(&b);
    render_casualty(&b, &d, 0);
    printf("dead: %s\n", b.data);
    sr_buf_clear(&b);
    render_casualty(&b, &d, 1);
    printf("injured: %s\n", b.data);
    size_t nt;
    const sr_token *tk = sr_text_tokens(d.t, &nt);
    for (size_t i = 0; i < nt; i++) {
        sr_facts_modality m;
        sr_facts_modality_get(d.f, i, &m);
        if (m.mode || m.negated) {
            sr_buf_clear(&b);
            render_mode(&b, &d, tk[i].norm, 1, 1);
            printf("mode: %s\n", b.data);
        }
    }
    sr_buf_clear(&b);
    sr_facts_counts_json(d.f, &b);
    printf("json: %s\n", b.data);
    sr_buf_free(&b);
    doc_close(&d);
}

/* ---- the fixture file -------------------------------------------------- */

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
}

/* Compares one expectation line against what was found; returns 1 when it
 * holds.  *got receives the actual text. */
static int check_line(const doc *d, const char *key, const char *want, sr_buf *got)
{
    long at = 0;
    const char *atp = strchr(key, '@');
    if (atp)
        at = atol(atp + 1);
    sr_buf_clear(got);
    if (!strncmp(key, "counts", 6))
        render_counts(got, d);
    else if (!strncmp(key, "numbers", 7))
        render_numbers(got, d);
    else if (!strncmp(key, "date", 4))
        render_date(got, d, at);
    else if (!strncmp(key, "attr", 4))
        render_attr(got, d, at);
    else if (!strcmp(key, "dead"))
        render_casualty(got, d, 0);
    else if (!strcmp(key, "injured"))
        render_casualty(got, d, 1);
    else if (!strcmp(key, "mode")) {
        char word[128];
        size_t wl = strcspn(want, " ");
        snprintf(word, sizeof word, "%.*s", (int)wl, want);
        render_mode(got, d, word, strstr(want, " cue=") != NULL, strstr(want, " agent=") != NULL);
    } else {
        sr_buf_printf(got, "(unknown key %s)", key);
        return 0;
    }
    return strcmp(got->data ? got->data : "", want) == 0;
}

typedef struct fcase {
    int num, line;
    char *text;
    char pub[16];
    char **keys, **vals;
    int *lines;
    int n;
} fcase;

static int cases_run, cases_pass;

static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            *o++ = '\n';
            s++;
        } else {
            *o++ = *s;
        }
    }
    *o = 0;
}

static void run_case(const char *file, fcase *c)
{
    doc d;
    unescape(c->text);
    cases_run++;
    if (doc_open(&d, c->text, c->pub[0] ? c->pub : NULL)) {
        h_fail++;
        fprintf(stderr, "%s:%d: analysis failed\n", file, c->line);
        return;
    }
    sr_buf got = SR_BUF_INIT;
    int ok = 1;
    for (int i = 0; i < c->n; i++) {
        if (!check_line(&d, c->keys[i], c->vals[i], &got)) {
            ok = 0;
            fprintf(stderr, "%s:%d: case %d \"%.60s\"\n  %s: want %s\n  %*s   got  %s\n", file,
                    c->lines[i], c->num, c->text, c->keys[i], c->vals[i],
                    (int)strlen(c->keys[i]), "", got.data ? got.data : "");
        }
    }
    if (ok) {
        h_pass++;
        cases_pass++;
        if (verbose)
            printf("ok %d %s\n", c->num, c->text);
    } else {
        h_fail++;
    }
    sr_buf_free(&got);
    doc_close(&d);
}

static void free_case(fcase *c)
{
    for (int i = 0; i < c->n; i++) {
        free(c->keys[i]);
        free(c->vals[i]);
    }
    free(c->keys);
    free(c->vals);
    free(c->lines);
    free(c->text);
    c->keys = c->vals = NULL;
    c->lines = NULL;
    c->text = NULL;
    c->n = 0;
}

static int run_file(const char *path, const char *select)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    char line[8192];
    char pub[16] = "";
    fcase c;
    memset(&c, 0, sizeof c);
    int num = 0, lineno = 0;
    for (;;) {
        char *l = fgets(line, sizeof line, fp);
        if (l) {
            lineno++;
            line[strcspn(line, "\n")] = 0;
            trim(line);
        }
        if (!l || !strncmp(line, "> ", 2)) {
            if (c.text) {
                int sel = !select || atoi(select) == c.num ||
                          (atoi(select) == 0 && strstr(c.text, select));
                if (sel)
                    run_case(path, &c);
                free_case(&c);
            }
            if (!l)
                break;
            c.num = ++num;
            c.line = lineno;
            c.text = strdup(line + 2);
            snprintf(c.pub, sizeof c.pub, "%s", pub);
            continue;
        }
        if (!line[0] || line[0] == '#')
            continue;
        char *colon = strchr(line, ':');
        if (!colon)
            continue;
        *colon = 0;
        char *val = colon + 1;
        while (*val == ' ')
            val++;
        if (!strcmp(line, "pub")) {
            snprintf(pub, sizeof pub, "%s", strcmp(val, "none") ? val : "");
            continue;
        }
        if (!c.text)
            continue;
        c.keys = realloc(c.keys, (size_t)(c.n + 1) * sizeof *c.keys);
        c.vals = realloc(c.vals, (size_t)(c.n + 1) * sizeof *c.vals);
        c.lines = realloc(c.lines, (size_t)(c.n + 1) * sizeof *c.lines);
        c.keys[c.n] = strdup(line);
        c.vals[c.n] = strdup(val);
        c.lines[c.n] = lineno;
        c.n++;
    }
    fclose(fp);
    return 0;
}

/* ---- unit tests ---------------------------------------------------------- */

static void test_table(void)
{
    size_t n;
    const srf_word *w = srf_table(&n);
    CHECK(n > 500);
    /* every entry is found as itself: one entry per word, its roles merged */
    int found = 1, merged = 1;
    for (size_t i = 0; i < n; i++)
        if (srf_lookup(w[i].w, strlen(w[i].w)) != &w[i])
            found = 0;
    CHECK(found);
    /* every entry has a class: the passes tell a facts word from a
     * spelling offered by a later stage (sr_facts_offer_words) by that */
    int classed = 1;
    for (size_t i = 0; i < n; i++)
        classed &= w[i].cls != 0;
    CHECK(classed);
    /* offered spellings are numbered too, but are no facts word */
    CHECK(sr_facts_word_number("the", 3) != 0);
    CHECK(sr_facts_word_total() > n);
    /* "killing" is listed once with two roles */
    const srf_word *x = srf_lookup("killing", 7);
    merged = x && (x->cls & L_TACT) && (x->cls & L_TNOUN) && x->ctype == SR_FACTS_KILL;
    CHECK(merged);
    x = srf_lookup("fled", 4); /* a DISPLACE trigger and a participle, listed apart */
    CHECK(x && (x->cls & L_TINTR) && (x->cls & L_PARTCP) && x->ctype == SR_FACTS_DISPLACE);
    x = srf_lookup("over", 4); /* a qualifier and a preposition */
    CHECK(x && (x->cls & L_QPRE) && x->val == SR_FACTS_AT_LEAST);
    CHECK(srf_lookup("killedx", 7) == NULL);
    CHECK(srf_lookup("kill", 4) != NULL);
    CHECK(srf_lookup("", 0) == NULL);
    /* the attribution pass tests a word for L_AUX before comparing it with
     * the forms of "be": every one of them must carry it */
    static const char *const be[] = {"was", "were", "is", "are", "be", "been", "being"};
    int aux = 1;
    for (size_t i = 0; i < sizeof be / sizeof *be; i++) {
        x = srf_lookup(be[i], strlen(be[i]));
        aux &= x && (x->cls & L_AUX);
    }
    CHECK(aux);
}

static void test_parse_number(void)
{
    static const struct {
        const char *s;
        long long v, lo, hi;
        int q;
    } t[] = {
        {"19,000", 19000, 19000, 19000, SR_FACTS_EXACT},
        {"more than 19,000", 19000, 19001, -1, SR_FACTS_AT_LEAST},
        {"3.5 million", 3500000, 3500000, 3500000, SR_FACTS_EXACT},
        {"fifty-nine", 59, 59, 59, SR_FACTS_EXACT},
        {"two dozen", 24, -2, -2, SR_FACTS_APPROXIMATE},
        {"a hundred", 100, 100, 100, SR_FACTS_EXACT},
        {"one hundred and twenty-five", 125, 125, 125, SR_FACTS_EXACT},
        {"tens of thousands", 20000, 20000, 99999, SR_FACTS_VAGUE},
        {"hundreds of thousands", 200000, 200000, 999999, SR_FACTS_VAGUE},
        {"several hundred", 300, 300, 999, SR_FACTS_VAGUE},
        {"a handful", 2, 2, 6, SR_FACTS_VAGUE},
        {"dozens", 24, 24, 99, SR_FACTS_VAGUE},
        {"up to 40", 40, 0, 40, SR_FACTS_AT_MOST},
        {"nearly 100", 100, 90, 100, SR_FACTS_APPROXIMATE},
        {"between 10 and 20", 10, 10, 20, SR_FACTS_APPROXIMATE},
        {"12 or more", 12, 12, -1, SR_FACTS_AT_LEAST},
        {"1.2 billion", 1200000000, -2, -2, -2},
        {"two thousand and five", 2005, 2005, 2005, SR_FACTS_EXACT},
        {"half a million", 500000, -2, -2, SR_FACTS_APPROXIMATE},
    };
    sr_arena *a = sr_arena_new();
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        sr_facts_number n;
        int ok = sr_facts_parse_number(a, t[i].s, strlen(t[i].s), &n);
        CHECK(ok);
        if (!ok) {
            fprintf(stderr, "  could not parse \"%s\"\n", t[i].s);
            continue;
        }
        CHECK_EQ_INT(n.value, t[i].v);
        if (t[i].lo != -2)
            CHECK_EQ_INT(n.low, t[i].lo);
        if (t[i].hi == -1)
            CHECK(n.high == SR_FACTS_UNBOUNDED);
        else if (t[i].hi != -2)
            CHECK_EQ_INT(n.high, t[i].hi);
        if (t[i].q != -2)
            CHECK_EQ_INT(n.qual, t[i].q);
    }
    sr_facts_number n;
    CHECK(!sr_facts_parse_number(a, "the soldiers", 12, &n));
    CHECK(!sr_facts_parse_number(a, "", 0, &n));
    sr_arena_free(a);
}

static void test_overflow(void)
{
    /* a 400-digit number saturates and says so */
    char big[600];
    memset(big, '9', 400);
    strcpy(big + 400, " people were killed.");
    doc d;
    CHECK(doc_open(&d, big, "2012-07-16") == 0);
    size_t n;
    const sr_facts_number *x = sr_facts_numbers(d.f, &n);
    CHECK_EQ_INT(n, 1);
    if (n) {
        CHECK(x[0].value == SR_FACTS_NUM_MAX);
        CHECK(x[0].flags & SR_FACTS_NUM_OVERFLOW);
    }
    const sr_facts_count *c = sr_facts_counts(d.f, &n);
    CHECK_EQ_INT(n, 1);
    if (n)
        CHECK(c[0].number == SR_FACTS_NUM_MAX);
    doc_close(&d);
    /* scale words on a saturated number, and word numbers that overflow */
    const char *more[] = {
        "999999999999999999999 billion people fled.",
        "a billion billion billion billion billion people died.",
        "ninety-nine billion billion billion were killed.",
        "18446744073709551616.99999999999999999999 million dead",
        "killed 9,999,999,999,999,999,999,999 civilians",
        "In year 99999 troops attacked. On July 99999, 12 died. 31 February 2012 is no date.",
        "99999-99999 people, 1-0, 0-1, 2012-13-45, 2012-02-30 and 0000-01-01.",
    };
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
        CHECK(doc_open(&d, more[i], "9999-12-31") == 0);
        x = sr_facts_numbers(d.f, &n);
        for (size_t k = 0; k < n; k++) {
            CHECK(x[k].value >= 0 && x[k].value <= SR_FACTS_NUM_MAX);
            CHECK(x[k].low <= x[k].value || x[k].qual == SR_FACTS_AT_LEAST);
        }
        const sr_facts_date *dt = sr_facts_dates(d.f, &n);
        for (size_t k = 0; k < n; k++) {
            char iso[11];
            sr_facts_date_iso(&dt[k], iso);
            CHECK(strlen(iso) <= 10);
            CHECK(dt[k].year >= 0 && dt[k].year <= 9999);
        }
        doc_close(&d);
    }
}

static void test_calendar(void)
{
    CHECK_EQ_INT(sr_days_from_civil(1970, 1, 1), 0);
    CHECK_EQ_INT(sr_days_from_civil(2012, 7, 16), 15537);
    int y, m, d;
    sr_civil_from_days(15537, &y, &m, &d);
    CHECK(y == 2012 && m == 7 && d == 16);
    sr_civil_from_days(sr_days_from_civil(1, 1, 1), &y, &m, &d);
    CHECK(y == 1 && m == 1 && d == 1);
    sr_civil_from_days(sr_days_from_civil(9999, 12, 31), &y, &m, &d);
    CHECK(y == 9999 && m == 12 && d == 31);
    CHECK_EQ_INT(srf_mdays(2000, 2), 29);
    CHECK_EQ_INT(srf_mdays(1900, 2), 28);
    CHECK(!sr_facts_parse_iso("2012-02-30", &y, &m, &d));
    CHECK(!sr_facts_parse_iso("2012-7-16", &y, &m, &d));
    CHECK(!sr_facts_parse_iso("0000-01-01", &y, &m, &d));
    CHECK(!sr_facts_parse_iso(NULL, &y, &m, &d));
    CHECK(sr_facts_parse_iso("2012-02-29", &y, &m, &d));
    /* a publication date that is not a date counts as none */
    doc dc;
    CHECK(doc_open(&dc, "Troops attacked on Sunday.", "2012-02-30") == 0);
    sr_facts_date x;
    CHECK(sr_facts_event_date(dc.f, 0, dc.len, &x) == 1);
    CHECK(x.flags & SR_FACTS_DATE_UNRESOLVED);
    doc_close(&dc);
}

static void test_hostile(void)
{
    /* long runs of cues, numbers and quotes: no crash, bounded output */
    sr_buf b = SR_BUF_INIT;
    const char *pieces[] = {"killed ", "12 ", "\" ", "denied ", "not ", "no one ", "of them ",
                            "including ", ", ", "since ", "toll ", "Sunday ", "July ",
                            "according to ", "said ", "thousands of ", "a ", "left ", "dead "};
    unsigned r = 12345;
    for (int i = 0; i < 20000; i++) {
        r = r * 1103515245u + 12345u;
        sr_buf_puts(&b, pieces[(r >> 16) % (sizeof pieces / sizeof pieces[0])]);
    }
    doc d;
    CHECK(doc_open(&d, b.data, "2012-07-16") == 0);
    size_t n, nt;
    const sr_facts_count *c = sr_facts_counts(d.f, &n);
    for (size_t i = 0; i < n; i++) {
        CHECK(c[i].start <= c[i].end && c[i].end <= d.len);
        CHECK(c[i].part_of == SR_FACTS_NONE || c[i].part_of < n);
    }
    sr_text_tokens(d.t, &nt);
    int bad = 0;
    for (size_t i = 0; i < nt; i++) {
        sr_facts_modality m;
        if (sr_facts_modality_get(d.f, i, &m) == SR_OK && m.cue_tok != SR_FACTS_NONE &&
            m.cue_tok >= nt)
            bad = 1;
    }
    CHECK(!bad);
    sr_buf out = SR_BUF_INIT;
    CHECK(sr_facts_counts_json(d.f, &out) == SR_OK);
    CHECK(out.len > 2);
    sr_buf_free(&out);
    doc_close(&d);
    sr_buf_free(&b);
    /* empty and punctuation-only input */
    CHECK(doc_open(&d, "", NULL) == 0);
    sr_facts_counts(d.f, &n);
    CHECK_EQ_INT(n, 0);
    sr_facts_modality m;
    CHECK(sr_facts_modality_get(d.f, 0, &m) == SR_EINVAL);
    doc_close(&d);
    CHECK(doc_open(&d, "\" \" \" , , ; ...", "2012-07-16") == 0);
    doc_close(&d);
    /* invalid arguments */
    sr_arena *a = sr_arena_new();
    sr_facts *f;
    CHECK(sr_facts_analyze(a, NULL, 0, NULL, NULL, &f, NULL) == SR_EINVAL);
    sr_arena_free(a);
    sr_facts_casualties cs;
    CHECK(sr_facts_casualties_get(NULL, 0, 10, &cs) == 0);
    CHECK(sr_facts_event_date(NULL, 0, 10, NULL) == 0);
    CHECK(sr_facts_attribution(NULL, 0, 10, 0, 0, NULL) == 0);
}

/* The same document analysed on several threads gives the same counts. */
static const char *mt_text =
    "DAMASCUS, July 16 (Wire) - At least 123 people were killed on Sunday, 59 of them "
    "civilians, activists said. State television denied gunships were used. More than 19,000 "
    "people have been killed since March 2011.";

static void *mt_worker(void *arg)
{
    sr_buf *out = arg;
    for (int i = 0; i < 50; i++) {
        doc d;
        if (doc_open(&d, mt_text, "2012-07-16"))
            return NULL;
        sr_buf_clear(out);
        sr_facts_counts_json(d.f, out);
        doc_close(&d);
    }
    return NULL;
}

static void test_threads(void)
{
    pthread_t th[4];
    sr_buf out[4] = {SR_BUF_INIT, SR_BUF_INIT, SR_BUF_INIT, SR_BUF_INIT};
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&th[i], NULL, mt_worker, &out[i]) == 0);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    for (int i = 1; i < 4; i++)
        CHECK(out[i].data && out[0].data && !strcmp(out[i].data, out[0].data));
    CHECK(out[0].data && strstr(out[0].data, "\"number\":19000"));
    for (int i = 0; i < 4; i++)
        sr_buf_free(&out[i]);
}

static void test_json(void)
{
    doc d;
    CHECK(doc_open(&d, "Gunmen killed 12 \"civilians\" and wounded 30 in Homs.", "2012-07-16") ==
          0);
    sr_buf b = SR_BUF_INIT;
    CHECK(sr_facts_counts_json(d.f, &b) == SR_OK);
    CHECK(strstr(b.data, "\"type\":\"KILL\",\"number\":12") != NULL);
    CHECK(strstr(b.data, "\"type\":\"WOUND\",\"number\":30") != NULL);
    sr_facts_casualties c;
    CHECK_EQ_INT(sr_facts_casualties_get(d.f, 0, d.len, &c), 2);
    sr_buf_clear(&b);
    sr_facts_casualties_json(&c, &b);
    CHECK_EQ_STR(b.data, ",\"dead\":12,\"dead_qualifier\":\"exact\",\"injured\":30,"
                         "\"injured_qualifier\":\"exact\"");
    sr_buf_free(&b);
    doc_close(&d);
}

/* For every record with a gold "dead": the dead found over its whole text
 * (what the coder attaches to an event of that sentence) against the gold.
 * Records without a gold number count as false alarms when dead >= 1. */
static int plover(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return 2;
    char *line = NULL;
    size_t cap = 0;
    int n = 0, right = 0, alarms = 0, none = 0;
    while (getline(&line, &cap, fp) > 0) {
        json_t *r = json_loads(line, 0, NULL);
        if (!r)
            continue;
        const char *text = json_string_value(json_object_get(r, "text"));
        const char *date = json_string_value(json_object_get(r, "date"));
        json_t *gold = json_object_get(r, "dead");
        doc d;
        if (text && doc_open(&d, text, date) == 0) {
            sr_facts_casualties c;
            sr_facts_casualties_get(d.f, 0, d.len, &c);
            char g[32] = "";
            if (json_is_integer(gold))
                snprintf(g, sizeof g, "%lld", (long long)json_integer_value(gold));
            else if (json_is_string(gold))
                snprintf(g, sizeof g, "%s", json_string_value(gold));
            if (g[0]) {
                char got[32];
                snprintf(got, sizeof got, "%lld", (long long)c.dead);
                n++;
                right += !strcmp(got, g);
                printf("%-30s gold %-4s got %-4s %s\n",
                       json_string_value(json_object_get(r, "id")), g, c.dead >= 0 ? got : "-",
                       strcmp(got, g) ? "MISS" : "ok");
            } else if (c.dead >= 1) {
                alarms++;
                printf("%-30s no gold, got dead %lld\n",
                       json_string_value(json_object_get(r, "id")), (long long)c.dead);
            } else {
                none++;
            }
            doc_close(&d);
        }
        json_decref(r);
    }
    free(line);
    fclose(fp);
    printf("plover dead: %d of %d right; %d of %d records without gold got a dead count\n",
           right, n, alarms, alarms + none);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "--plover"))
        return plover(argv[2]);
    if (argc >= 4 && !strcmp(argv[1], "--dump")) {
        dump(strcmp(argv[2], "none") ? argv[2] : NULL, argv[3]);
        return 0;
    }
    const char *select = NULL;
    if (argc >= 2) {
        if (argc >= 3) {
            select = argv[2];
            verbose = 1;
        }
        if (run_file(argv[1], select) != 0) {
            fprintf(stderr, "cannot read %s\n", argv[1]);
            h_fail++;
        }
    } else {
        glob_t g;
        if (glob("tests/fixtures/facts*.txt", 0, NULL, &g) == 0) {
            for (size_t i = 0; i < g.gl_pathc; i++)
                run_file(g.gl_pathv[i], NULL);
            globfree(&g);
        } else {
            fprintf(stderr, "no tests/fixtures/facts*.txt (run from the repository root)\n");
            h_fail++;
        }
    }
    if (cases_run)
        printf("facts fixtures: %d of %d cases pass (%.1f%%)\n", cases_pass, cases_run,
               100.0 * cases_pass / cases_run);
    if (!select) {
        RUN(test_table);
        RUN(test_parse_number);
        RUN(test_overflow);
        RUN(test_calendar);
        RUN(test_hostile);
        RUN(test_threads);
        RUN(test_json);
    }
    return harness_done("facts");
}
