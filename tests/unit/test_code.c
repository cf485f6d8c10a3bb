/* The coder's small helpers: CAMEO table lookups (every listed code finds
 * itself, a code the table lacks falls back to its longest listed prefix),
 * the day arithmetic of time shifts, the dictionary filter bit the coder
 * relies on for a pattern with one need, and the label's two ways of
 * numbering a word (through the facts word table, and by stemming), which
 * must agree. */
#include "../harness.h"
#include "code/cameo_int.h"
#include "dict/sr_dict.h"
#include "facts/sr_facts.h"
#include "parse/sr_parse.h"
#include "text/sr_text.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_every_code(void)
{
    unsigned bad = 0;
    for (unsigned k = 0; k < sr_cameo_table_len; k++)
        bad += sr_cameo_lookup(sr_cameo_table[k].code) != &sr_cameo_table[k];
    CHECK_EQ_INT(bad, 0);
    CHECK(sr_cameo_table_len > 300);
}

static void test_prefixes(void)
{
    const sr_cameo_info *ci = sr_cameo_lookup("1384");
    CHECK(ci && !strcmp(ci->code, "1384"));
    ci = sr_cameo_lookup("13849");   /* a sub-code of a listed code */
    CHECK(ci && !strcmp(ci->code, "1384"));
    ci = sr_cameo_lookup("0231a");   /* a dictionary's own sub-code */
    CHECK(ci && !strcmp(ci->code, "0231"));
    ci = sr_cameo_lookup("1389");    /* unlisted: the root's branch */
    CHECK(ci && !strcmp(ci->code, "138"));
    ci = sr_cameo_lookup("19");
    CHECK(ci && !strcmp(ci->code, "19"));
    CHECK(sr_cameo_lookup("9") == NULL);
    CHECK(sr_cameo_lookup("99") == NULL);
    CHECK(sr_cameo_lookup("") == NULL);
    CHECK(sr_cameo_lookup(NULL) == NULL);
    CHECK(sr_cameo_lookup("---") == NULL);
    CHECK(sr_cameo_lookup("abc") == NULL);
}

static void test_shift_day(void)
{
    char o[11];
    CHECK(sr_code_shift_day("1995-01-10", -10, o) == 0 && !strcmp(o, "1994-12-31"));
    CHECK(sr_code_shift_day("2000-02-28", 1, o) == 0 && !strcmp(o, "2000-02-29"));
    CHECK(sr_code_shift_day("1900-02-28", 1, o) == 0 && !strcmp(o, "1900-03-01"));
    CHECK(sr_code_shift_day("2024-03-01", -1, o) == 0 && !strcmp(o, "2024-02-29"));
    CHECK(sr_code_shift_day("2023-12-31", 366, o) == 0 && !strcmp(o, "2024-12-31"));
    CHECK(sr_code_shift_day("2012-07-15", 0, o) == 0 && !strcmp(o, "2012-07-15"));
    CHECK(sr_code_shift_day("2012-07-15", 8192, o) == 0 && !strcmp(o, "2034-12-19"));
    strcpy(o, "unchanged");
    CHECK(sr_code_shift_day("2017-02-29", 1, o) == SR_EINVAL && !strcmp(o, "unchanged"));
    CHECK(sr_code_shift_day("2012-7-15", 1, o) == SR_EINVAL);
    CHECK(sr_code_shift_day("20120715", 1, o) == SR_EINVAL);
    CHECK(sr_code_shift_day(NULL, 1, o) == SR_EINVAL);
    CHECK(sr_code_shift_day("0000-01-01", -1, o) == SR_EINVAL);
}

static void too_slow(int sig)
{
    (void)sig;
    static const char m[] = "FAIL test_runaway: a runaway record took over 120 s: not linear\n";
    if (write(2, m, sizeof m - 1) < 0)
        _exit(2);
    _exit(1);
}

/* One TABARI record of reps copies of chunk, parsed and coded as one unit
 * (as sitrep codes TABARI records), straight through the parser and the
 * coder: every look across the record must be an index or a window.  A
 * scan per verb or per pronoun took minutes at this size. */
static void runaway(const char *const *dicts, size_t nd, const char *chunk, size_t reps)
{
    size_t cl = strlen(chunk), len = cl * reps;
    char *text = malloc(len + 2);
    CHECK(text != NULL);
    if (!text)
        return;
    for (size_t r = 0; r < reps; r++)
        memcpy(text + r * cl, chunk, cl);
    text[len++] = '.';
    text[len] = 0;
    sr_dict_cache_opts co = {NULL, 1};
    sr_dict *d = NULL;
    sr_error err;
    sr_arena *a = sr_arena_new();
    CHECK_EQ_INT(sr_dict_open(dicts, nd, &co, &d, &err, NULL, NULL), 0);
    if (d && a) {
        sr_dict_options opt;
        sr_dict_options_get(d, &opt);
        int style = sr_dict_dialect(d) == SR_DICT_DIALECT_PETRARCH ? SR_STYLE_PETRARCH
                                                                  : SR_STYLE_TABARI;
        sr_text *t;
        sr_parse *ps = NULL;
        sr_vec ev = {NULL, 0, 0};
        size_t nt;
        CHECK_EQ_INT(sr_text_analyze(a, text, len, NULL, 0, &t, NULL), SR_OK);
        const sr_token *tk = sr_text_tokens(t, &nt);
        CHECK(nt > 100000);
        CHECK_EQ_INT(sr_parse_sentence(d, &opt, style, a, text, tk, nt, 19950101, NULL, &ps), 0);
        CHECK(ps && ps->nactors > 10000);
        if (ps)
            CHECK_EQ_INT(sr_code_sentence(d, &opt, a, ps, &ev, NULL), 0);
        CHECK(ev.len > 0);
    }
    sr_dict_free(d);
    sr_arena_free(a);
    free(text);
}

/* The small TABARI and PETRARCH dictionaries of the fixtures. */
static const char *const tabari[] = {"tests/fixtures/dict/t.actors", "tests/fixtures/dict/t.verbs",
                                     "tests/fixtures/dict/t.agents",
                                     "tests/fixtures/dict/t.options"};
static const char *const petrarch[] = {"tests/fixtures/dict/p.actors.txt",
                                       "tests/fixtures/dict/p.verbs.txt",
                                       "tests/fixtures/dict/p.agents.txt"};

static void test_runaway(void)
{
    signal(SIGALRM, too_slow);
    alarm(120);
    runaway(tabari, 4,
            "Arnor accused Gondor but he warned Rohan troops of Lindon they threatened Harad "
            "its king ",
            15000);
    runaway(petrarch, 3,
            "Arnor accused Gondor and he attacked Rohan soldiers of Lindon and Harad sent swords "
            "they agreed with ",
            15000);
    alarm(0);
}

/* The coder takes a pattern with one or two needs as possible once its
 * filter bits are set (verbs.c, pattern_possible): the filter bits must be
 * those needs' Bloom bits. */
static void filter_is_need(const char *const *dicts, size_t nd)
{
    sr_dict_cache_opts co = {NULL, 1};
    sr_dict *d = NULL;
    sr_error err;
    CHECK_EQ_INT(sr_dict_open(dicts, nd, &co, &d, &err, NULL, NULL), 0);
    const uint32_t *filter = sr_dict_pattern_filter_bits(d);
    CHECK(filter != NULL);
    size_t single = 0;
    for (uint32_t p = 0; filter; p++) {
        const sr_dict_pattern *v = sr_dict_pattern_view(d, p);
        if (!v)
            break;
        if (v->nneed == 1) {
            single++;
            CHECK_EQ_INT(filter[p] & 0xffff, (int)sr_dict_bloom_bit(v->need[0]));
            CHECK_EQ_INT(filter[p] >> 16, SR_DICT_NO_FILTER);
        } else if (v->nneed == 2) {
            /* both needs, in either order */
            uint32_t a = sr_dict_bloom_bit(v->need[0]), b = sr_dict_bloom_bit(v->need[1]);
            CHECK(filter[p] == (a | b << 16) || filter[p] == (b | a << 16));
        }
    }
    CHECK(single > 0);
    sr_dict_free(d);
}

static void test_filter_bits(void)
{
    filter_is_need(tabari, 4);
    filter_is_need(petrarch, 3);
}

/* The label reads a plain token's stem number from the facts word table,
 * which holds every spelling of every cue stem; any other token it stems
 * itself.  Both ways must give every word the same number. */
static void label_tokens_agree(const char *text, size_t len)
{
    sr_arena *a = sr_arena_new();
    sr_text *t = NULL;
    sr_facts *f = NULL;
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK_EQ_INT(sr_text_analyze(a, text, len, NULL, 0, &t, NULL), SR_OK);
    if (t)
        CHECK_EQ_INT(sr_facts_analyze(a, text, len, t, NULL, &f, NULL), SR_OK);
    if (f) {
        size_t nt;
        const sr_token *tk = sr_text_tokens(t, &nt);
        CHECK(nt > 0);
        CHECK_EQ_INT((int)sr_label_check_tokens(tk, nt, f), 0);
    }
    sr_arena_free(a);
}

static void test_label_words(void)
{
    static const char *const words[] = {
        "attack", "attacks", "attacked", "attacking", "attacke", "attackes", "rallies",
        "rallied", "rally", "denies", "denied", "deny", "bombings", "shelling", "clashes",
        "clashed", "protesters", "protestor", "fled", "kidnappings", "kidnapped", "the", "of",
        "in", "a", "an", "forced", "forces", "force", "Attacks", "KILLED", "air-strike",
        "sit-in", "ak-47", "ak47", "47", "cease-fire", "protester's", "protesters'", "gang-rape",
        "counterfeitingcounterfeit", "counterfeitings", "demonstrations", "demonstrationses",
        "2attacks", "attack2", "attaqu\xc3\xa9", "\xc3\xa9meute", "flooding", "floodings",
        "quakes", "earthquakes", "releases", "released", "releasing", "seizes", "seizure",
        "seizures", "surrendered", "surrendering", "establishes", "establishment", "set",
        "setup", "setups", "taken", "took", "pushes", "pushed", "retook", "retaking",
        "retakes", "meetings", "meets", "talks", "talk", "diplomats", "x", "s", "es", "ing"};
    const char *bad = NULL;
    long d = sr_label_check_words(words, sizeof words / sizeof *words, &bad);
    if (d)
        fprintf(stderr, "  %ld words disagree, the first \"%s\"\n", d, bad ? bad : "?");
    CHECK_EQ_INT((int)d, 0);
    bad = NULL;
    d = sr_label_check_words(NULL, 0, &bad);
    if (d)
        fprintf(stderr, "  %ld words near cue stems disagree, the first \"%s\"\n", d,
                bad ? bad : "?");
    CHECK_EQ_INT((int)d, 0);
    static const char text[] =
        "Gunmen attacked a checkpoint on Monday, killing three soldiers; the army said rebels "
        "had seized weapons. Protesters rallied and police fired tear-gas at the rallies. "
        "Air-strikes hit the town, which government forces retook after rebels withdrew. "
        "AN EARTHQUAKE STRUCK; 12 people were killed and 40 injured in floods. "
        "Militants' kidnappings and the counterfeitingcounterfeiting ring's arrests followed.";
    label_tokens_agree(text, sizeof text - 1);
    /* real news, when the evaluation data is there */
    FILE *fp = fopen("../shared/eval/data/fakes/articles.jsonl", "rb");
    if (!fp) {
        fprintf(stderr, "  (no ../shared: FA-KES tokens skipped)\n");
        return;
    }
    static char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    while (len && (buf[len - 1] & 0xc0) == 0x80) /* whole characters only */
        len--;
    if (len && (unsigned char)buf[len - 1] >= 0xc0)
        len--;
    buf[len] = 0;
    label_tokens_agree(buf, len);
}

/* ISO alpha-2 to the country part of actor codes (gen-iso2.py): CAMEO's
 * own codes where it files a place under its sovereign or has no ISO code. */
static void test_country_of_cc(void)
{
    const char *c = sr_cameo_country_of_cc("SY");
    CHECK(c && !strcmp(c, "SYR"));
    c = sr_cameo_country_of_cc("PR"); /* Puerto Rico: USAPRI */
    CHECK(c && !strcmp(c, "USA"));
    c = sr_cameo_country_of_cc("XK"); /* Kosovo */
    CHECK(c && !strcmp(c, "KSV"));
    c = sr_cameo_country_of_cc("TL"); /* Timor-Leste */
    CHECK(c && !strcmp(c, "TMP"));
    CHECK(sr_cameo_country_of_cc("ZZ") == NULL);
    CHECK(sr_cameo_country_of_cc("sy") == NULL);
    CHECK(sr_cameo_country_of_cc("SYR") == NULL);
    CHECK(sr_cameo_country_of_cc("") == NULL);
    CHECK(sr_cameo_country_of_cc(NULL) == NULL);
}

int main(void)
{
    RUN(test_every_code);
    RUN(test_country_of_cc);
    RUN(test_prefixes);
    RUN(test_shift_day);
    RUN(test_runaway);
    RUN(test_filter_bits);
    RUN(test_label_words);
    return harness_done("code");
}
