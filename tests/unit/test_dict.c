/* Unit tests for src/dict, first part: the actor, agent, option, discard
 * and issue syntaxes on small snippets written to temporary files, and
 * bad-line reports.  Verbs and word rules are in test_dict_verbs.c, the
 * real files and odd input in test_dict_files.c. */
#include "../harness.h"
#include "dict/sr_dict.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- helpers ------------------------------------------------------------- */

#include "dict_test_helpers.h"

/* ---- kinds ------------------------------------------------------------------ */

static void test_kind_from_name(void)
{
    CHECK_EQ_INT(sr_dict_kind_from_name("x/TABARI.Demo.actors"), SR_DICT_ACTORS);
    CHECK_EQ_INT(sr_dict_kind_from_name("PETR.Validate.verbs.txt"), SR_DICT_VERBS);
    CHECK_EQ_INT(sr_dict_kind_from_name("Phoenix.agents.txt"), SR_DICT_AGENTS);
    CHECK_EQ_INT(sr_dict_kind_from_name("Validate.options"), SR_DICT_OPTIONS);
    CHECK_EQ_INT(sr_dict_kind_from_name("Phoenix.discards.txt"), SR_DICT_DISCARDS);
    CHECK_EQ_INT(sr_dict_kind_from_name("Phoenix.IssueCoding.txt"), SR_DICT_ISSUES);
    CHECK_EQ_INT(sr_dict_kind_from_name("CAMEO.2.0.txt"), SR_DICT_VERBS);
    CHECK_EQ_INT(sr_dict_kind_from_name("/verbs/my.actors"), SR_DICT_ACTORS);
    CHECK_EQ_INT(sr_dict_kind_from_name("dict.txt"), SR_DICT_AUTO);
    CHECK_EQ_STR(sr_dict_kind_name(SR_DICT_ISSUES), "issues");
}

/* ---- TABARI actors ------------------------------------------------------------ */

#include "tabari_actors.h"

/* The code sr_dict_match_best gives text's first word in the actors
 * table, "(none)" for none: the typing loop's path, through the per-thread
 * word cache and one-word memo. */
static const char *best_code(const sr_dict *d, const char *text)
{
    static char buf[64];
    sr_arena *a = sr_arena_new();
    sr_dict_seq *s = seq(d, a, text);
    signed char rank[SR_DICT_T__COUNT] = {0};
    sr_dict_match m;
    int table = -1;
    const char *r = "(none)";
    sr_dict_role role;
    if (s && sr_dict_match_best(d, s, 0, sr_dict_seq_len(s), 1u << SR_DICT_T_ACTORS, rank, &m,
                                &table) == 1 &&
        sr_dict_actor_role_at(d, (uint32_t)m.entry, 20000101, &role) == 1 && role.ncodes) {
        snprintf(buf, sizeof buf, "%s", sr_dict_role_code(&role, 0));
        r = buf;
    }
    sr_arena_free(a);
    return r;
}

/* Two sets used in turn by one thread: the thread's caches keep words and
 * matches of both, and each set must only ever see its own. */
static void test_thread_caches(void)
{
    sr_dict *x = sr_dict_new(), *y = sr_dict_new();
    /* The same words in the same order, so the same word ids: a cached
     * word or match of one set would pass for the other's. */
    CHECK_EQ_INT(load(x, "x.actors", "GONDOR_MINAS [XXX]\nROHAN [ROH]\n", NULL), 0);
    CHECK_EQ_INT(load(y, "y.actors", "GONDOR_MINAS [YYY]\nGONDOR_ [GON]\nMORDOR [MOR]\n", NULL),
                 0);
    CHECK_EQ_INT(sr_dict_compile(x, NULL), 0);
    CHECK_EQ_INT(sr_dict_compile(y, NULL), 0);
    for (int round = 0; round < 3; round++) {
        CHECK_EQ_STR(best_code(x, "gondor said"), "(none)");
        CHECK_EQ_STR(best_code(y, "gondor said"), "GON");
        CHECK_EQ_STR(best_code(x, "gondor minas said"), "XXX");
        CHECK_EQ_STR(best_code(y, "gondor minas said"), "YYY");
        CHECK_EQ_STR(best_code(x, "rohan said"), "ROH");
        CHECK_EQ_STR(best_code(y, "rohan said"), "(none)");
        CHECK_EQ_STR(best_code(y, "mordor said"), "MOR");
        CHECK_EQ_STR(best_code(x, "mordor said"), "(none)");
    }
    sr_dict_free(x);
    sr_dict_free(y);
}

/* A multi-word search, once made, comes from the per-thread phrase memo
 * (keyed by the words it read): the memo must tell apart what the first
 * search read from what it did not (a word after the phrase that may or
 * may not go on with it, the range end, a possessive).  Each case is asked
 * through the memo (no options) and past it (a gap limit), in rounds, and
 * the answers must agree. */
static void test_phrase_memo(void)
{
    sr_dict *d = sr_dict_new();
    CHECK_EQ_INT(load(d, "m.actors",
                      "GONDOR_MINAS [GMI]\nGONDOR_MINAS_TIRITH [GMT]\n"
                      "GONDOR_MINAS_TIRITH_GUARD [GMG]\nMORDOR_ [MOR]\nMORDOR_ORC_CAPTAIN [MOC]\n",
                      NULL),
                 0);
    CHECK_EQ_INT(sr_dict_compile(d, NULL), 0);
    static const struct {
        const char *text;
        size_t n;
        size_t end;              /* of the longest phrase at 0; 0: none */
    } cases[] = {
        {"gondor minas said", 3, 2},         {"gondor minas tirith said", 4, 3},
        {"gondor minas tirith", 2, 2},       {"gondor minas tirith guard", 4, 4},
        {"gondor minas tirith guard", 3, 3}, {"gondor minas's tirith", 3, 2},
        {"gondor's minas tirith", 3, 0},     {"gondor minas tirith mordor", 4, 3},
        {"gondor minas", 2, 2},              {"gondor tirith", 2, 0},
        {"mordor orc captain", 3, 3},        {"mordor orc said", 3, 1},
        {"mordor orc", 2, 1},                {"mordor orc captain's", 3, 3},
    };
    sr_dict_match_opts past = {0, SIZE_MAX - 1};
    signed char rank[SR_DICT_T__COUNT] = {0};
    for (int round = 0; round < 3; round++)
        for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
            sr_arena *a = sr_arena_new();
            sr_dict_seq *s = seq_words(d, a, cases[k].text, 1);
            sr_dict_match m, b, p;
            int table = -1;
            CHECK(s != NULL);
            int rm = sr_dict_match_longest(d, SR_DICT_T_ACTORS, s, 0, cases[k].n, NULL, &m);
            int rp = sr_dict_match_longest(d, SR_DICT_T_ACTORS, s, 0, cases[k].n, &past, &p);
            int rb = sr_dict_match_best(d, s, 0, cases[k].n, 1u << SR_DICT_T_ACTORS, rank, &b, &table);
            CHECK_EQ_INT(rp, cases[k].end > 0);
            CHECK_EQ_INT(rm, rp);
            CHECK_EQ_INT(rb, rp);
            if (rp == 1 && rm == 1 && rb == 1) {
                CHECK_EQ_INT(p.end, cases[k].end);
                CHECK_EQ_INT(m.end, p.end);
                CHECK_EQ_INT(b.end, p.end);
                CHECK_EQ_INT(m.phrase, p.phrase);
                CHECK_EQ_INT(b.phrase, p.phrase);
                CHECK_EQ_INT(m.nwords, p.nwords);
                CHECK_EQ_INT(m.chars, p.chars);
                CHECK_EQ_INT(b.chars, p.chars);
            }
            sr_arena_free(a);
        }
    sr_dict_free(d);
}

/* sr_dict_match_best over two tables: where no word after may go on with
 * a phrase, the one-word answer (the memo a resolved word brings, kept in
 * the word cache) must name the table, span and phrase the full search
 * names; where one may, the longer phrase wins.  Twice: resolved, then
 * from the cache. */
static void test_best_tables(void)
{
    sr_dict *d = sr_dict_new();
    CHECK_EQ_INT(load(d, "b.actors", "GONDOR_ [GON]\nGONDOR_MINAS [GMI]\nPOLICE_STATION [PST]\n",
                      NULL),
                 0);
    CHECK_EQ_INT(load(d, "b.agents", "SOLDIER_ [~MIL]\nPOLICE [~COP]\n", NULL), 0);
    CHECK_EQ_INT(sr_dict_compile(d, NULL), 0);
    static const struct {
        const char *text;
        size_t i;
        int table;               /* -1: none */
        size_t end;
    } cases[] = {
        {"the soldier said", 1, SR_DICT_T_AGENTS, 2},
        {"gondor said", 0, SR_DICT_T_ACTORS, 1},
        {"gondor minas said", 0, SR_DICT_T_ACTORS, 2},
        {"gondor soldier", 1, SR_DICT_T_AGENTS, 2},
        {"soldier", 0, SR_DICT_T_AGENTS, 1},
        {"the police said", 1, SR_DICT_T_AGENTS, 2},
        {"the police station", 1, SR_DICT_T_ACTORS, 3},
        {"soldiers said", 1, -1, 0},
    };
    signed char rank[SR_DICT_T__COUNT] = {0};
    unsigned tables = 1u << SR_DICT_T_ACTORS | 1u << SR_DICT_T_AGENTS;
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
            sr_arena *a = sr_arena_new();
            sr_dict_seq *s = seq(d, a, cases[k].text);
            sr_dict_match m, full;
            int table = -1;
            CHECK(s != NULL);
            int r = sr_dict_match_best(d, s, cases[k].i, sr_dict_seq_len(s), tables, rank, &m, &table);
            CHECK_EQ_INT(r, cases[k].table >= 0);
            if (r == 1 && cases[k].table >= 0) {
                CHECK_EQ_INT(table, cases[k].table);
                CHECK_EQ_INT(m.start, cases[k].i);
                CHECK_EQ_INT(m.end, cases[k].end);
                CHECK_EQ_INT(sr_dict_match_longest(d, table, s, cases[k].i, sr_dict_seq_len(s), NULL,
                                                   &full),
                             1);
                CHECK_EQ_INT(m.phrase, full.phrase);
                CHECK_EQ_INT(m.entry, full.entry);
                CHECK_EQ_INT(m.chars, full.chars);
            }
            sr_arena_free(a);
        }
    sr_dict_free(d);
}

static void test_tabari_actors(void)
{
    sr_dict *d = sr_dict_new();
    warns w;
    CHECK_EQ_INT(load(d, "t.actors", tabari_actors, &w), 0);
    CHECK_EQ_INT(w.n, 0);
    CHECK_EQ_INT(sr_dict_compile(d, NULL), 0);
    /* stems, regular endings, whole words */
    CHECK_EQ_STR(actor_code(d, "frodo", 19950101), "HOB");
    CHECK_EQ_STR(actor_code(d, "frodos", 19950101), "HOB");
    CHECK_EQ_STR(actor_code(d, "estonia", 19950101), "EST");
    CHECK_EQ_STR(actor_code(d, "estonias", 19950101), "EST");
    CHECK_EQ_STR(actor_code(d, "estoniab", 19950101), "(none)");
    CHECK_EQ_STR(actor_code(d, "mouse", 19950101), "MUS");
    CHECK_EQ_STR(actor_code(d, "mouses", 19950101), "(none)");
    CHECK_EQ_STR(actor_code(d, "the ku", 19950101), "USAEDU");
    CHECK_EQ_STR(actor_code(d, "the kuwaiti", 19950101), "(none)");
    /* "_" glues words; a blank lets others come between */
    CHECK_EQ_STR(actor_code(d, "al gore", 19950101), "AGR");
    CHECK_EQ_STR(actor_code(d, "al smith gore", 19950101), "TEN");
    size_t end = 0;
    CHECK_EQ_INT(match(d, SR_DICT_T_ACTORS, "ithilen government radio said", 0, &end) >= 0, 1);
    CHECK_EQ_INT(end, 3);
    CHECK_EQ_STR(actor_code(d, "ithilen government radios", 19950101), "ITHRAD");
    CHECK_EQ_STR(actor_code(d, "ithilen 's government radio", 19950101), "ITH");
    /* special and compound codes */
    CHECK_EQ_STR(actor_code(d, "lorien", 19950101), "ELR/GAL");
    CHECK_EQ_STR(actor_code(d, "boromir", 19950101), "---");
    CHECK_EQ_STR(actor_code(d, "nasgul", 19950101), "###");
    CHECK_EQ_STR(actor_code(d, "isildur", 19950101), "+++");
    /* the tokeniser's forms: abbreviations, hyphens, possessives */
    CHECK_EQ_STR(actor_code(d, "u.s.", 19950101), "USA");
    CHECK_EQ_STR(actor_code(d, "al-wazir", 19950101), "PAL");
    CHECK_EQ_STR(actor_code(d, "al wazir", 19950101), "PAL");
    CHECK_EQ_STR(actor_code(d, "journalists ' union", 19950101), "JRN");
    /* date restrictions (TABARI 6.5.2) */
    CHECK_EQ_STR(actor_code(d, "boutros-ghali", 19911231), "EGY");
    CHECK_EQ_STR(actor_code(d, "boutros ghali", 19920101), "UNO");
    CHECK_EQ_STR(actor_code(d, "boutros-ghali", 19920000 + 101 - 100), "");
    CHECK_EQ_STR(actor_code(d, "ent", 19880101), "###");
    CHECK_EQ_STR(actor_code(d, "ent", 19900101), "ENT");
    CHECK_EQ_STR(actor_code(d, "prince of dol amroth", 19950101), "---");
    CHECK_EQ_STR(actor_code(d, "prince dol amroth", 19960101), "DOL");
    CHECK_EQ_STR(actor_code(d, "albright", 20000101), "USAGOV");
    CHECK_EQ_STR(actor_code(d, "albright", 20020101), "---");
    CHECK_EQ_STR(actor_code(d, "albright", 19980101), "---");
    /* multi-line entries and synonyms */
    CHECK_EQ_STR(actor_code(d, "smeagol", 19940101), "HOB");
    CHECK_EQ_STR(actor_code(d, "slinker", 19970101), "HOBGOV");
    CHECK_EQ_STR(actor_code(d, "gollum", 20000101), "HOBREB");
    CHECK_EQ_STR(actor_code(d, "minas tirith", 19950101), "GON");
    CHECK_EQ_STR(actor_code(d, "anorien", 19950101), "GON");
    CHECK_EQ_STR(actor_code(d, "zimbabwe", 19780101), "RHO");
    CHECK_EQ_STR(actor_code(d, "zimbabwe", 19900101), "ZBW");
    /* the parent phrase of a synonym group (OUTPUT: PARENT) */
    long a = match(d, SR_DICT_T_ACTORS, "smeagol", 0, NULL);
    sr_dict_actor ac;
    sr_dict_phrase ph;
    CHECK(a >= 0 && sr_dict_actor_get(d, (uint32_t)a, &ac) == 0);
    CHECK(sr_dict_phrase_get(d, ac.parent, &ph) == 0 && strcmp(ph.text, "GOLLUM") == 0);
    CHECK_EQ_INT(ac.nroles, 3);
    sr_dict_role r;
    CHECK(sr_dict_actor_role(d, (uint32_t)a, 1, &r) == 0 && r.lo == 19950601 && r.hi == 19990815);
    /* nouns, adjectives, ~FINISH */
    CHECK(match(d, SR_DICT_T_NOUNS, "bees", 0, NULL) >= 0);
    CHECK(match(d, SR_DICT_T_NOUNS, "political scientists", 0, &end) >= 0 && end == 2);
    CHECK(match(d, SR_DICT_T_ADJECTIVES, "awful", 0, NULL) >= 0);
    CHECK_EQ_STR(actor_code(d, "not read", 19950101), "(none)");
    CHECK_EQ_INT(sr_dict_count(d, SR_DICT_N_NOUNS), 2);
    sr_dict_free(d);
}

static void test_actor_bad_lines(void)
{
    sr_dict *d = sr_dict_new();
    warns w;
    const char *text = "GOOD [AAA]\n"                    /* 1 */
                       "BADDATE [BBB 991301-000101]\n"   /* 2 */
                       "NODATECODE [991201-010114]\n"    /* 3 */
                       "GLUED [AAA950601-990815]\n"      /* 4 */
                       "NOCLOSE [CCC\n"                  /* 5 */
                       "+ORPHAN\n"                       /* 6: synonym of NOCLOSE */
                       "REVERSED [DDD 990101-980101]\n"  /* 7 */
                       "GOOD [ZZZ]\n"                    /* 8: duplicate */
                       "SEVEN [EEE 2004017-20061201]\n"  /* 9 */
                       "\t[FFF]\n"                       /* 10: belongs to SEVEN */
                       "LATE [GGG >20070101]\n";         /* 11 */
    CHECK_EQ_INT(load(d, "bad.actors", text, &w), 0);
    CHECK(warned_at(&w, 2, "bad date"));
    CHECK(warned_at(&w, 3, "code"));
    CHECK(warned_at(&w, 4, "code"));
    CHECK(warned_at(&w, 5, "missing ]"));
    CHECK(warned_at(&w, 7, "ends before"));
    CHECK(warned_at(&w, 8, "duplicate"));
    CHECK(warned_at(&w, 9, "bad date"));
    CHECK(strstr(w.file, "bad.actors") != NULL);
    sr_dict_compile(d, NULL);
    CHECK_EQ_STR(actor_code(d, "good", 20000101), "AAA");
    CHECK_EQ_STR(actor_code(d, "seven", 20000101), "FFF");
    CHECK_EQ_STR(actor_code(d, "late", 20080101), "GGG");
    CHECK_EQ_STR(actor_code(d, "late", 20060101), "");
    CHECK_EQ_STR(actor_code(d, "orphan", 20000101), "");
    sr_dict_free(d);

    /* The ready-made printer writes file:line: message. */
    char *buf = NULL;
    size_t bl = 0;
    FILE *f = open_memstream(&buf, &bl);
    d = sr_dict_new();
    const char *path = write_tmp("p.actors", "X [1 2 3 4]\n");
    sr_dict_load_file(d, path, SR_DICT_AUTO, NULL, sr_dict_warn_print, f);
    fclose(f);
    char want[600];
    snprintf(want, sizeof want, "%s:1: ", path);
    CHECK(buf && strncmp(buf, want, strlen(want)) == 0);
    free(buf);
    CHECK_EQ_INT(sr_dict_warning_count(d), 1);
    sr_dict_free(d);
}

/* ---- PETRARCH actors ------------------------------------------------------------ */

static void test_petrarch_actors(void)
{
    sr_dict *d = sr_dict_new();
    warns w;
    const char *text =
        "<!-- PETRARCH VALIDATION SUITE ACTOR DICTIONARY -->\n"
        "<!-- \n# a multi-line\n comment -->\n"
        "<! -- not quite a comment either -->\n"
        "AFGHANISTAN_  [AFG]\n"
        "+AFGHAN_ \n"
        "+KABUL_\n"
        "+HELMAND # Other provinces\n"
        "U.N._\n"
        "\n"
        "UN_SECRETARY_GENERAL\n"
        "+UN_Secy_Gen\n"
        "\t[IGOUNO]\n"
        "KOFI_ANNAN_\t\n"
        "+K._ANNAN_\n"
        "\t[IGOUNO 970101-061231] \n"
        "\t[ELI]# IGOrulers.txt\n"
        "BAN_KI-MOON\n"
        "\t[IGOUNO >20070101]\n"
        "JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# IGOrulers.txt\n"
        "ARGENTIN [ARG]\n"
        "PALESTINIAN [pse]\n"
        "ENT  \n"
        "\t[### <890101] \n"
        "\t[ENT]\n";
    CHECK_EQ_INT(load(d, "PETR.test.actors.txt", text, &w), 0);
    CHECK_EQ_INT(w.n, 0);
    sr_dict_compile(d, NULL);
    CHECK_EQ_STR(actor_code(d, "afghans", 20000101), "(none)"); /* PETRARCH: whole words */
    CHECK_EQ_STR(actor_code(d, "afghan", 20000101), "AFG");
    CHECK_EQ_STR(actor_code(d, "helmand", 20000101), "AFG");
    CHECK_EQ_STR(actor_code(d, "argentina", 20000101), "(none)");
    CHECK_EQ_STR(actor_code(d, "argentin", 20000101), "ARG");
    CHECK_EQ_STR(actor_code(d, "u.n.", 20000101), ""); /* no code: null */
    CHECK_EQ_STR(actor_code(d, "un secy gen", 20000101), "IGOUNO");
    CHECK_EQ_STR(actor_code(d, "k. annan", 20000101), "IGOUNO");
    CHECK_EQ_STR(actor_code(d, "kofi annan", 20100101), "ELI");
    CHECK_EQ_STR(actor_code(d, "ban ki-moon", 20100101), "IGOUNO");
    CHECK_EQ_STR(actor_code(d, "ban ki moon", 20060101), "");
    CHECK_EQ_STR(actor_code(d, "javier de cuellar", 19900101), "IGOUNO");
    CHECK_EQ_STR(actor_code(d, "javier de cuellar", 19950101), "ELI");
    CHECK_EQ_STR(actor_code(d, "palestinian", 20000101), "pse");
    CHECK_EQ_STR(actor_code(d, "ent", 19800101), "###");
    CHECK_EQ_STR(actor_code(d, "ent", 19950101), "ENT");
    /* ENDINGS flag lets whole words take regular endings */
    sr_arena *a = sr_arena_new();
    sr_dict_seq *s = seq(d, a, "afghans");
    sr_dict_match m;
    sr_dict_match_opts o = {SR_DICT_M_ENDINGS, 0};
    CHECK_EQ_INT(sr_dict_match_longest(d, SR_DICT_T_ACTORS, s, 0, 1, &o, &m), 1);
    sr_arena_free(a);
    sr_dict_free(d);
}

/* ---- agents ---------------------------------------------------------------------- */

static void test_agents(void)
{
    sr_dict *d = sr_dict_new();
    warns w;
    const char *tab = "~~~~~\n"
                      "PARLIAMENTARY_OPPOSITION_  [ ~OPP] ;jap 11 Oct 2002\n"
                      "PRESIDENT_  [~GOVPRS]\n"
                      "HUMAN_RIGHTS_ACTIVISTS_   [  NGM~] ;ns 6/14/01\n"
                      "POLICE   [ ~COP]\n"
                      "NOTILDE [GOV]\n"          /* 6 */
                      "NOCODE\n";                /* 7 */
    CHECK_EQ_INT(load(d, "Validate.agents", tab, &w), 0);
    CHECK(warned_at(&w, 6, "~"));
    CHECK(warned_at(&w, 7, "code"));
    sr_dict_compile(d, NULL);
    int pos = -1;
    CHECK_EQ_STR(agent_code(d, "president", &pos), "GOVPRS");
    CHECK_EQ_INT(pos, SR_DICT_AGENT_SUFFIX);
    CHECK_EQ_STR(agent_code(d, "presidents", NULL), "GOVPRS");
    CHECK_EQ_STR(agent_code(d, "parliamentary opposition", NULL), "OPP");
    CHECK_EQ_STR(agent_code(d, "human rights activists", &pos), "NGM");
    CHECK_EQ_INT(pos, SR_DICT_AGENT_PREFIX);
    CHECK_EQ_STR(agent_code(d, "policemen", NULL), "COP"); /* TABARI stem */
    sr_dict_free(d);

    d = sr_dict_new();
    const char *pet = "<!-- PETRARCH AGENTS -->\n"
                      "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n"
                      "!MINST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES\n"
                      "PARLIAMENTARY_OPPOSITION {} [~OPP] #jap 11 Oct 2002\n"
                      "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n"
                      "AUTHORITY  [~GOV]\n"
                      "CONGRESS [~LEG]\n"
                      "CONGRESS!PERSON! [~LEG]\n"
                      "HUSBAND!PERSON![~AGR]\n"
                      "!MINST!_OF_SILLY_WALKS [~GOV]\n"
                      "RIGHTS_GROUP  [  NGO~]\n"
                      "CATTLE!NOPE! [~AGR]\n"                /* 12 */
                      "DEPARMENT_OF_ENVIRONMENT [~ENV}\n"    /* 13 */
                      "POLICE {} [ ~COP]\n";
    CHECK_EQ_INT(load(d, "PETR.agents.txt", pet, &w), 0);
    CHECK(warned_at(&w, 12, "not defined"));
    CHECK(warned_at(&w, 13, "missing ]"));
    CHECK_EQ_INT(w.n, 2);
    sr_dict_compile(d, NULL);
    CHECK_EQ_STR(agent_code(d, "parliamentary opposition", NULL), "OPP");
    CHECK_EQ_STR(agent_code(d, "parliamentary oppositions", NULL), "(none)");
    CHECK_EQ_STR(agent_code(d, "attorneys general", NULL), "GOVATG");
    CHECK_EQ_STR(agent_code(d, "attorney generals", NULL), "(none)");
    CHECK_EQ_STR(agent_code(d, "authorities", NULL), "GOV");
    CHECK_EQ_STR(agent_code(d, "congresses", NULL), "LEG");
    CHECK_EQ_STR(agent_code(d, "congresswomen", NULL), "LEG");
    CHECK_EQ_STR(agent_code(d, "husbandman", NULL), "AGR");
    CHECK_EQ_STR(agent_code(d, "ministries of silly walks", NULL), "GOV");
    CHECK_EQ_STR(agent_code(d, "rights groups", &pos), "NGO");
    CHECK_EQ_INT(pos, SR_DICT_AGENT_PREFIX);
    CHECK_EQ_STR(agent_code(d, "police", NULL), "COP");
    CHECK_EQ_STR(agent_code(d, "polices", NULL), "(none)");
    sr_dict_free(d);
}

/* ---- options ---------------------------------------------------------------------------- */

static void test_options(void)
{
    sr_dict *d = sr_dict_new();
    warns w;
    const char *text = "// OPTIONS FILE FOR TABARI VALIDATION SUITE\n"
                       "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN\n"
                       "SET: SKIP RECORDS = FALSE\n"
                       "SET: VERB USAGE = FALSE\n"
                       "OUTPUT: ACTOR MATCH ID\n"
                       "//SET: DUP WARNING = FALSE\n"
                       "SET: CODE ALL  # comment\n"
                       "SET: LABEL = TRUE\n"
                       "LABEL: 010=YIELD\n"
                       "LABEL: 051=PROM POLICY SUPPORT\n"
                       "LABEL: GON=Gondor\n"
                       "SET: NOSUCHTHING = TRUE\n"   /* 12 */
                       "BOGUS: X\n"                  /* 13 */
                       "DEFA: TARGET [WLD]\n";
    CHECK_EQ_INT(load(d, "Validate.options", text, &w), 0);
    CHECK(warned_at(&w, 12, "unknown SET"));
    CHECK(warned_at(&w, 13, "unknown"));
    CHECK_EQ_INT(w.n, 2);
    sr_dict_compile(d, NULL);
    sr_dict_options o;
    CHECK(sr_dict_has_options(d) && sr_dict_options_get(d, &o) == 0);
    CHECK_EQ_INT(o.cx_verbs, 5);
    CHECK_EQ_INT(o.cx_conj, 4);
    CHECK_EQ_INT(o.cx_flags, SR_DICT_CX_NOACTPRIOR | SR_DICT_CX_EXPLAIN);
    CHECK_EQ_INT(o.skip_records, 0);
    CHECK_EQ_INT(o.verb_usage, 0);
    CHECK_EQ_INT(o.actor_usage, -1);
    CHECK_EQ_INT(o.output, SR_DICT_OUT_ACTORS | SR_DICT_OUT_MATCH | SR_DICT_OUT_ID);
    CHECK_EQ_INT(o.code_by, SR_DICT_CODE_ALL);
    CHECK_EQ_INT(o.dup_warning, 1);
    CHECK_EQ_STR(o.default_target, "WLD");
    CHECK_EQ_STR(sr_dict_label(d, "051"), "PROM POLICY SUPPORT");
    CHECK_EQ_STR(sr_dict_label(d, "GON"), "Gondor");
    CHECK(sr_dict_label(d, "999") == NULL);

    /* {OPTION: ...} records from the validation text, applied in order */
    sr_error e;
    const char *lines[] = {"SET: TIME SHIFT = FALSE",
                           "SET: CONVERT AGENT = TRUE",
                           " DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER  ",
                           "COMPLEX: VERBS[5] CONJ[4] EXPLAIN",
                           "SET: YYYY = TRUE",
                           "SET: CODE BY SENTENCE",
                           "FORWARD: ^^*****NNN*SSS",
                           "OUTPUT: ID STORY SENT",
                           "COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8}",
                           "SET: MINIMUM WORDS = 4  */",
                           "NONEVENTS: ONLY"};
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++)
        CHECK_EQ_INT(sr_dict_options_apply(&o, lines[k], strlen(lines[k]), &e), 0);
    CHECK_EQ_INT(o.time_shifting, 0);
    CHECK_EQ_INT(o.convert_agents, 1);
    CHECK_EQ_STR(o.default_source, "DEFSRC");
    CHECK(o.default_prior && o.default_after);
    CHECK_EQ_INT(o.cx_flags, SR_DICT_CX_EXPLAIN); /* COMPLEX replaces */
    CHECK_EQ_INT(o.yyyy, 1);
    CHECK_EQ_INT(o.code_by, SR_DICT_CODE_BY_SENTENCE);
    CHECK_EQ_STR(o.forward, "^^*****NNN*SSS");
    CHECK(o.output & SR_DICT_OUT_STORY && o.output & SR_DICT_OUT_SENTENCE);
    CHECK(o.comma_min == 4 && o.comma_max == 6 && o.comma_emin == 3 && o.comma_bmax == 8);
    CHECK_EQ_INT(o.minimum_words, 4);
    CHECK_EQ_INT(o.nonevents, SR_DICT_NONEVENTS_ONLY);
    const char *off[] = {"DEFAULT: OFF", "COMMA: OFF", "FORWARD: ^^*****NNN*SSS OFF"};
    for (size_t k = 0; k < 3; k++)
        CHECK_EQ_INT(sr_dict_options_apply(&o, off[k], strlen(off[k]), &e), 0);
    CHECK(o.default_source[0] == 0 && o.comma_off && o.forward_off);
    CHECK_EQ_INT(sr_dict_options_apply(&o, "SET: MATCH = TRUE", 17, &e), SR_EPARSE);
    CHECK_EQ_INT(sr_dict_options_apply(&o, "LABEL: 1=x", 10, &e), SR_EINVAL);
    CHECK_EQ_INT(sr_dict_options_apply(&o, "no colon", 8, &e), SR_EPARSE);
    sr_dict_options_init(&o);
    CHECK(o.minimum_words == 8 && o.comma_bmin == 128 && o.code_by == SR_DICT_CODE_BY_CLAUSE);
    sr_dict_free(d);
}

/* ---- discards and issues -------------------------------------------------------------- */

static void test_discards_issues(void)
{
    sr_dict *d = sr_dict_new();
    warns w;
    const char *disc = "# Story-level discards are indicated with a '+'.\n"
                       "MONTHS LATER\n"
                       "+World Golf Championships   # pas 26-Feb-2014\n"
                       "AFRICAN NATIONS CUP   # ab 13 Jun 2005 ;AB 13 JUN 2005\n"
                       "BASEBALL_\n";
    CHECK_EQ_INT(load(d, "x.discards.txt", disc, &w), 0);
    CHECK_EQ_INT(w.n, 0);
    const char *iss = "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\n"
                      "n:preschool [EARLY_CHILDHOOD_EDUCATION]\n"
                      "pre+n:school [EARLY_CHILDHOOD_EDUCATION]\n"
                      "ethnic v:purge [ID_ATROCITY]\n"
                      "~a head start\n"
                      "~~Armenian genocide  # not coding historical cases\n"
                      "head start\n"                               /* 7 */
                      "</ISSUE>\n"
                      "<ISSUE CATEGORY = \"3\" TYPE = \"NUMERIC\" DEFAULT = \"0\">\n"
                      "HUNDREDS OF PROTESTORS [367]\n"
                      "</ISSUE>\n";
    CHECK_EQ_INT(load(d, "x.issues.txt", iss, &w), 0);
    CHECK(warned_at(&w, 7, "code"));
    CHECK_EQ_INT(sr_dict_compile(d, NULL), 0);
    long k = match(d, SR_DICT_T_DISCARDS, "world golf championships", 0, NULL);
    sr_dict_discard dd;
    CHECK(k >= 0 && sr_dict_discard_get(d, (uint32_t)k, &dd) == 0 && dd.story == 1);
    k = match(d, SR_DICT_T_DISCARDS, "months later", 0, NULL);
    CHECK(k >= 0 && sr_dict_discard_get(d, (uint32_t)k, &dd) == 0 && dd.story == 0);
    CHECK(match(d, SR_DICT_T_DISCARDS, "african nations cups", 0, NULL) >= 0);
    CHECK(match(d, SR_DICT_T_DISCARDS, "baseballs", 0, NULL) < 0);
    CHECK(match(d, SR_DICT_T_DISCARDS, "baseball", 0, NULL) >= 0);

    sr_dict_issue is;
    sr_dict_issue_cat cat;
    const char *hits[] = {"preschools", "pre school", "pre-schools", "ethnic purged",
                          "ethnic purging"};
    for (size_t j = 0; j < 5; j++) {
        k = match(d, SR_DICT_T_ISSUES, hits[j], 0, NULL);
        CHECK(k >= 0 && sr_dict_issue_get(d, (uint32_t)k, &is) == 0 && is.code);
    }
    k = match(d, SR_DICT_T_ISSUES, "ethnic purges", 0, NULL);
    CHECK(k >= 0 && sr_dict_issue_get(d, (uint32_t)k, &is) == 0);
    CHECK_EQ_STR(is.code, "ID_ATROCITY");
    CHECK(sr_dict_issue_category(d, is.category, &cat) == 0);
    CHECK_EQ_STR(cat.name, "EDUCATION");
    CHECK_EQ_INT(cat.flags, SR_DICT_ISSUE_ALL);
    k = match(d, SR_DICT_T_ISSUES, "armenian genocide", 0, NULL);
    CHECK(k >= 0 && sr_dict_issue_get(d, (uint32_t)k, &is) == 0 && is.exclude == 2);
    k = match(d, SR_DICT_T_ISSUES, "a head start", 0, NULL);
    CHECK(k >= 0 && sr_dict_issue_get(d, (uint32_t)k, &is) == 0 && is.exclude == 1);
    k = match(d, SR_DICT_T_ISSUES, "hundreds of protestors", 0, NULL);
    CHECK(k >= 0 && sr_dict_issue_get(d, (uint32_t)k, &is) == 0 && is.value == 367);
    CHECK(sr_dict_issue_category(d, is.category, &cat) == 0 && cat.flags == SR_DICT_ISSUE_NUMERIC);
    CHECK_EQ_STR(cat.deflt, "0");
    sr_dict_free(d);
}

/* ---- duplicates and tokens ------------------------------------------------ */

static void test_duplicates(void)
{
    sr_dict *d = sr_dict_new();
    warns w;
    /* A plural the loader made, then written out: not a duplicate worth a
     * report.  The same phrase written twice is. */
    const char *verbs = "&POP\n+POPULATION\n+POPULATIONS\n--- GO [010] ---\nGO\nGOES\n"
                        "--- WENT [020] ---\nGO\n";
    CHECK_EQ_INT(load(d, "dup.verbs.txt", verbs, &w), 0);
    CHECK_EQ_INT(w.n, 1);
    CHECK(warned_at(&w, 8, "duplicate"));
    sr_dict_compile(d, NULL);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "go", NULL), "GO"); /* the first is kept */
    sr_dict_free(d);
    d = sr_dict_new();
    sr_dict_set_dup_warnings(d, 0);
    CHECK_EQ_INT(load(d, "dup.actors", "A [X]\nA [Y]\n", &w), 0);
    CHECK_EQ_INT(w.n, 0);
    sr_dict_free(d);
}

/* Sequences straight from the text stage's tokens. */
static void test_tokens(void)
{
    sr_dict *d = sr_dict_new();
    CHECK_EQ_INT(load(d, "tok.actors", tabari_actors, NULL), 0);
    sr_dict_compile(d, NULL);
    sr_token t[3];
    memset(t, 0, sizeof t);
    const char *norms[] = {"zzz", "smeagols", "u.s."};
    for (int i = 0; i < 3; i++) {
        t[i].norm = norms[i];
        t[i].norm_len = strlen(norms[i]);
    }
    sr_arena *a = sr_arena_new();
    sr_dict_seq *s;
    CHECK_EQ_INT(sr_dict_seq_new(d, a, t, 3, &s), 0);
    CHECK_EQ_INT(sr_dict_seq_len(s), 3);
    CHECK_EQ_INT(sr_dict_seq_word(s, 0), 0);
    CHECK(sr_dict_seq_word(s, 2) == sr_dict_word_id(d, "u.s.", 4));
    const uint32_t *ids;
    const uint8_t *kinds;
    size_t nc = sr_dict_seq_cands(s, 1, &ids, &kinds);
    CHECK(nc >= 1 && kinds[0] != SR_DICT_K_EXACT);
    CHECK(ids && ids[0] == sr_dict_word_id(d, "smeagol", 7));
    sr_dict_match m;
    CHECK_EQ_INT(sr_dict_match_longest(d, SR_DICT_T_ACTORS, s, 1, 3, NULL, &m), 1);
    CHECK(m.start == 1 && m.end == 2 && m.nwords == 1 && m.chars == 7);
    CHECK_EQ_INT(sr_dict_match_longest(d, SR_DICT_T_ACTORS, s, 2, 3, NULL, &m), 1);
    CHECK_EQ_INT(sr_dict_seq_new(d, a, NULL, 2, &s), SR_EINVAL);
    sr_arena_free(a);
    sr_dict_free(d);
}

/* Whether code (up to its end of line) starts a row of the country table. */
static int is_country(const char *code)
{
    size_t n = strcspn(code, " \r\n");
    FILE *f = fopen("data/dict/countries.tsv", "r");
    if (!f)
        return 0;
    char line[4096];
    int found = 0;
    while (!found && fgets(line, sizeof line, f))
        found = line[0] != '#' && !strncmp(line, code, n) && line[n] == '\t';
    fclose(f);
    return found;
}

/* The codebook's segment kinds, and that every code the built-in peoples
 * file gives heads as a people (a code added there and not here would be
 * read as a country), or is a country's own people written out ("Bosnian
 * Serbs" BIHSER: a country, then a people). */
static void test_segments(void)
{
    CHECK_EQ_INT(sr_dict_segment_kind("KUR"), SR_DICT_SEG_ETHNIC | SR_DICT_SEG_PEOPLE);
    CHECK_EQ_INT(sr_dict_segment_kind("MOSSUN"), SR_DICT_SEG_RELIGION | SR_DICT_SEG_PEOPLE);
    CHECK_EQ_INT(sr_dict_segment_kind("SUN"), SR_DICT_SEG_RELIGION);
    CHECK_EQ_INT(sr_dict_segment_kind("NGO"), SR_DICT_SEG_TYPE | SR_DICT_SEG_ORG);
    CHECK_EQ_INT(sr_dict_segment_kind("REL"), SR_DICT_SEG_TYPE | SR_DICT_SEG_PEOPLE);
    CHECK_EQ_INT(sr_dict_segment_kind("MIL"), SR_DICT_SEG_TYPE);
    CHECK_EQ_INT(sr_dict_segment_kind("SYR"), 0);
    CHECK_EQ_INT(sr_dict_segment_kind("---"), 0);
    CHECK_EQ_INT(sr_dict_segment_kind("kur"), 0);
    CHECK_EQ_INT(sr_dict_segment_kind("KU"), 0);
    CHECK_EQ_INT(sr_dict_segment_kind(""), 0);
    CHECK_EQ_INT(sr_dict_segment_kind(NULL), 0);
    CHECK(sr_dict_people_code("SYRKUR") == 0 && sr_dict_people_code("KURREB") == 1);
    FILE *f = fopen("data/dict/actors-peoples.txt", "r");
    CHECK(f != NULL);
    if (!f)
        return;
    char line[4096];
    int codes = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        char *eq = strrchr(line, '=');
        if (line[0] == '#' || !eq)
            continue;
        char *c = eq + 1;
        while (*c == ' ')
            c++;
        codes++;
        char head[4] = {0};
        memcpy(head, c, strnlen(c, 3));
        int own = strlen(c) > 3 && is_country(head) && sr_dict_people_code(c + 3);
        if (!sr_dict_people_code(c) && !is_country(c) && !own) {
            fprintf(stderr, "  actors-peoples.txt code not a people: %s", c);
            bad++;
        }
    }
    fclose(f);
    CHECK(codes >= 50);
    CHECK_EQ_INT(bad, 0);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_dict.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_kind_from_name);
    RUN(test_tabari_actors);
    RUN(test_thread_caches);
    RUN(test_best_tables);
    RUN(test_phrase_memo);
    RUN(test_actor_bad_lines);
    RUN(test_petrarch_actors);
    RUN(test_agents);
    RUN(test_options);
    RUN(test_discards_issues);
    RUN(test_duplicates);
    RUN(test_tokens);
    RUN(test_segments);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return harness_done("test_dict");
}
