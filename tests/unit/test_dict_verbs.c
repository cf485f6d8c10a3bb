/* Unit tests for src/dict, verbs: TABARI and PETRARCH verb files with
 * their patterns, and the word rules the matcher applies (E endings,
 * closed words, possessives, marked members, dialect). */
#include "../harness.h"
#include "dict/sr_dict.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- helpers ------------------------------------------------------------- */

#include "dict_test_helpers.h"

static int find_verb(const sr_dict *d, const char *name, sr_dict_verb *out)
{
    for (uint32_t v = 0; v < sr_dict_count(d, SR_DICT_N_VERBS); v++)
        if (sr_dict_verb_get(d, v, out) == 0 && strcmp(out->name, name) == 0)
            return (int)v;
    return -1;
}

/* ---- TABARI verbs ------------------------------------------------------------------- */

static const char tabari_verbs[] =
    "<SYNSETS>\n"
    "&CURRENCY \n"
    "+DOLLAR\n"
    "+SWISS_FRANC\n"
    "+PESO_$\n"                                                /* 5: $ in a member */
    "+KRONER_\n"                                               /* closed: no endings */
    "&TIETYPES\n"
    "+MILITARY\n"
    "+ECONOMIC\n"
    "&TIEPHRASE\n"
    "+&TIETYPES_MEMOS\n"
    "+MEMOS_ON_&TIETYPES\n"
    "</SYNSETS>\n"
    "<TIME>\n"
    "FOREVER_AND_A_DAY [- - -]\n"
    "LAST_WEEK [-7]\n"
    "TOMORROW [+1]\n"
    "- * AND TOMORROW AND TOMORROW [+3]\n"
    "WHEN_PEACE_COMES [+++]\n"
    "YESTERDAY [-1]\n"
    "</TIME>\n"
    "<ATTRIB>\n"
    "ACCORDING_TO [---]\n"
    "- * @ [---]\n"
    "</ATTRIB>\n"
    "- * ORPHAN [111]\n"                                       /* 26 */
    "ABANDON  [345] ;pas 15 Jul 2003\n"
    "- * NEW_&TIETYPES_RELATIONS [903]; -PAS 12.01.12\n"
    "- * EFFORT  [987]\n"
    "- * &TIEPHRASE [912]\n"
    "- * &NOSUCH [913]\n"                                      /* 31 */
    "ACCORD  [---]\n"
    "- SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS  [111]\n"
    "- IN_*  [075]\n"
    "- IN_ *  [075A]\n"
    "- TO ACCORD [076]\n"                                      /* 36: no * */
    "BREAK_ [1717]\n"
    "{ BROKE_ BROKEN_ BROKEN_DOWN_ }\n"
    "- + KNOWN_ * IN_ $  [076]\n"
    "- * TREATY [161]\n"
    "SAID  [023?]\n"
    "ATTEND  [031!]\n"
    "- % HAVE *  [032]\n"
    "MEET  [031:031]\n"
    "- $ ^ FOR *  [164]\n"
    "- * THE_NEAT~_PLACE  [027]\n"
    "- PEACE-KEEPING *  [---]\n"
    "SOCCER  [###]\n"
    "BLAST  [+++]\n"
    "APPRECIATE POSITION  [042]\n"
    "SHOT_AND_WOUND  [223]\n"
    "SHOT  [223]\n"
    "BAN= [191]\n"
    "ACCEPT\n"
    "- PROPOSAL WAS * [081]\n"
    "~~FINISH 15:23 CST Tue 30 Dec 2008\n";

static int elem_types(const sr_dict_pattern *p, const int *want, size_t n)
{
    if (p->nelems != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (p->elems[i].type != want[i])
            return 0;
    return 1;
}

static void test_tabari_verbs(void)
{
    sr_dict *d = sr_dict_new();
    warns w;
    CHECK_EQ_INT(load(d, "t.verbs", tabari_verbs, &w), 0);
    CHECK(!warned_at(&w, 5, NULL)); /* $ in a member is read (TABARI 5.6) */
    CHECK(warned_at(&w, 26, "before any verb"));
    CHECK(warned_at(&w, 31, "NOSUCH"));
    CHECK(warned_at(&w, 36, "*"));
    CHECK_EQ_INT(w.n, 3);
    CHECK_EQ_INT(sr_dict_compile(d, NULL), 0);
    CHECK_EQ_INT(sr_dict_count(d, SR_DICT_N_TIME), 5);
    CHECK_EQ_INT(sr_dict_count(d, SR_DICT_N_ATTRIB), 1);
    CHECK_EQ_INT(sr_dict_count(d, SR_DICT_N_SYNSETS), 3);

    sr_dict_form f;
    sr_dict_verb v;
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "abandoned", &f), "ABANDON");
    CHECK_EQ_STR(f.code.code, "345");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "broke", NULL), "BREAK_");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "breaks", NULL), "BREAK_");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "breakdance", NULL), "(none)");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "broken down", NULL), "BREAK_");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "shot and wounded", NULL), "SHOT_AND_WOUND");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "shot him", NULL), "SHOT");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "appreciated the position", NULL),
                 "APPRECIATE POSITION");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "bans", NULL), "(none)");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "ban", NULL), "BAN=");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_TIME, "last week", &f), "LAST_WEEK");
    CHECK(f.code.flags & SR_DICT_C_SHIFT && f.code.shift == -7);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_TIME, "forever and a day", &f), "FOREVER_AND_A_DAY");
    CHECK(f.code.flags & SR_DICT_C_NULL);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_TIME, "when peace comes", &f), "WHEN_PEACE_COMES");
    CHECK(f.code.flags & SR_DICT_C_COMPLEX);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_ATTRIB, "according to", NULL), "ACCORDING_TO");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "said", &f), "SAID");
    CHECK(f.code.flags & SR_DICT_C_SUBORD && strcmp(f.code.code, "023") == 0);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "attended", &f), "ATTEND");
    CHECK(f.code.flags & SR_DICT_C_DOMINANT);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "meets", &f), "MEET");
    CHECK(f.code.flags & SR_DICT_C_PAIRED && strcmp(f.code.paired, "031") == 0);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "soccer", &f), "SOCCER");
    CHECK(f.code.flags & SR_DICT_C_DISCARD);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "blast", &f), "BLAST");
    CHECK(f.code.flags & SR_DICT_C_COMPLEX);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "accepted", &f), "ACCEPT");
    CHECK(f.code.flags & SR_DICT_C_NONE);

    /* patterns: longest first, element structure */
    sr_dict_pattern p;
    CHECK(find_verb(d, "ACCORD", &v) >= 0);
    CHECK_EQ_INT(v.npatterns, 3);
    CHECK(sr_dict_pattern_get(d, v.first_pattern, &p) == 0);
    CHECK_EQ_STR(p.code.code, "111");
    CHECK_EQ_INT(p.length, 39);
    int alt[] = {SR_DICT_E_WORD,    SR_DICT_E_TARGET,    SR_DICT_E_VERB, SR_DICT_E_WORD,
                 SR_DICT_E_ALT_OPEN, SR_DICT_E_WORD,     SR_DICT_E_ALT_OR, SR_DICT_E_WORD,
                 SR_DICT_E_ALT_CLOSE, SR_DICT_E_WORD};
    CHECK(elem_types(&p, alt, 10));
    CHECK_EQ_INT(p.verb_index, 2);
    CHECK_EQ_INT(p.elems[1].consec, 1);   /* SUGGESTED_+ */
    CHECK_EQ_INT(p.elems[2].consec, 0);
    CHECK_EQ_INT(p.elems[4].consec, 1);   /* DEMAND_{ */
    CHECK_EQ_INT(p.elems[4].value, 6);    /* first | */
    CHECK_EQ_INT(p.elems[6].value, 8);    /* then } */
    CHECK_EQ_INT(p.elems[8].value, 4);
    CHECK_EQ_INT(p.elems[9].consec, 1);   /* }_CONVENTIONS */
    CHECK_EQ_INT(p.elems[5].mode, SR_DICT_W_EXACT); /* GENEVA_: closed (5.5.3) */
    CHECK_EQ_INT(p.elems[7].mode, SR_DICT_W_STEM);
    CHECK_EQ_STR(sr_dict_word_text(d, p.elems[7].value, NULL), "international");
    CHECK(sr_dict_pattern_get(d, v.first_pattern + 1, &p) == 0);
    CHECK_EQ_STR(p.code.code, "075");
    CHECK(p.elems[0].mode == SR_DICT_W_EXACT && p.elems[1].consec == 1);
    CHECK(sr_dict_pattern_get(d, v.first_pattern + 2, &p) == 0);
    CHECK(p.elems[0].mode == SR_DICT_W_EXACT && p.elems[1].consec == 0); /* IN_ * */

    CHECK(find_verb(d, "MEET", &v) >= 0);
    CHECK_EQ_INT(v.npatterns, 3);
    CHECK(sr_dict_pattern_get(d, v.first_pattern, &p) == 0); /* THE_NEAT~_PLACE: 12 */
    CHECK_EQ_STR(p.code.code, "027");
    CHECK(p.nelems == 4 && p.elems[2].mode == SR_DICT_W_STEM && p.elems[3].consec == 1);
    CHECK(sr_dict_pattern_get(d, v.first_pattern + 1, &p) == 0); /* PEACE-KEEPING */
    CHECK(p.code.flags & SR_DICT_C_NULL);
    int hy[] = {SR_DICT_E_ALT_OPEN, SR_DICT_E_WORD,      SR_DICT_E_ALT_OR, SR_DICT_E_WORD,
                SR_DICT_E_WORD,     SR_DICT_E_ALT_CLOSE, SR_DICT_E_VERB};
    CHECK(elem_types(&p, hy, 7));
    CHECK(sr_dict_pattern_get(d, v.first_pattern + 2, &p) == 0);
    int skip[] = {SR_DICT_E_SOURCE, SR_DICT_E_SKIP, SR_DICT_E_WORD, SR_DICT_E_VERB};
    CHECK(elem_types(&p, skip, 4));
    CHECK(find_verb(d, "ATTEND", &v) >= 0);
    CHECK(sr_dict_pattern_get(d, v.first_pattern, &p) == 0);
    CHECK_EQ_INT(p.elems[0].type, SR_DICT_E_COMPOUND);
    CHECK(find_verb(d, "ACCORDING_TO", &v) >= 0 && v.set == SR_DICT_SET_ATTRIB);
    CHECK(sr_dict_pattern_get(d, v.first_pattern, &p) == 0);
    CHECK_EQ_INT(p.elems[1].type, SR_DICT_E_ATTRIB);
    CHECK(find_verb(d, "TOMORROW", &v) >= 0 && v.npatterns == 1);
    CHECK(sr_dict_pattern_get(d, v.first_pattern, &p) == 0 && p.code.shift == 3);

    /* synsets, nested ones expanded */
    CHECK(find_verb(d, "ABANDON", &v) >= 0);
    CHECK_EQ_INT(v.npatterns, 3);
    uint32_t tie = sr_dict_synset_id(d, "&TIETYPES", 9);
    uint32_t phr = sr_dict_synset_id(d, "tiephrase", 9);
    CHECK(tie != UINT32_MAX && phr != UINT32_MAX);
    CHECK(sr_dict_pattern_get(d, v.first_pattern, &p) == 0);
    CHECK_EQ_STR(p.code.code, "903");
    CHECK(p.nelems == 4 && p.elems[2].type == SR_DICT_E_SYNSET && p.elems[2].value == tie &&
          p.elems[2].consec && p.elems[3].consec);
    sr_arena *a = sr_arena_new();
    sr_dict_match m;
    sr_dict_seq *s = seq(d, a, "economic memos");
    CHECK_EQ_INT(sr_dict_synset_match(d, phr, s, 0, 2, NULL, &m), 1);
    CHECK_EQ_INT(m.end, 2);
    s = seq(d, a, "memos on military");
    CHECK_EQ_INT(sr_dict_synset_match(d, phr, s, 0, 3, NULL, &m), 1);
    s = seq(d, a, "swiss franc");
    CHECK_EQ_INT(sr_dict_synset_match(d, sr_dict_synset_id(d, "CURRENCY", 8), s, 0, 2, NULL, &m), 1);
    sr_dict_synset syn;
    CHECK(sr_dict_synset_get(d, phr, &syn) == 0 && syn.nmembers == 4);
    /* pattern words against tokens */
    s = seq(d, a, "treaty treaties treatyless");
    CHECK(find_verb(d, "BREAK_", &v) >= 0);
    for (uint32_t k = 0; k < v.npatterns; k++) {
        sr_dict_pattern_get(d, v.first_pattern + k, &p);
        if (strcmp(p.code.code, "161") != 0)
            continue;
        const sr_dict_elem *e = &p.elems[1];
        CHECK_EQ_INT(sr_dict_word_matches(d, s, 0, e->value, e->mode, NULL), 1);
        CHECK_EQ_INT(sr_dict_word_matches(d, s, 2, e->value, e->mode, NULL), 1); /* a stem */
        sr_dict_match_opts no = {SR_DICT_M_NO_STEMS, 0};
        CHECK_EQ_INT(sr_dict_word_matches(d, s, 2, e->value, e->mode, &no), 0);
    }
    sr_arena_free(a);
    sr_dict_free(d);
}

/* ---- PETRARCH verbs -------------------------------------------------------------------- */

static const char petrarch_verbs[] =
    "<!-- PETRARCH VALIDATION SUITE VERBS DICTIONARY -->\n"
    "####### SYNONYM SETS #######\n"
    "&CURRENCY \n"
    "+DOLLAR\n"
    "+AUSTRIAN FLORIN\n"
    "+GOLDEN_GOBLIN_GALLEONS_\n"
    "+PENNY\n"
    "&AUXVERB3_\n"
    "+HAVE\n"
    "+HAS\n"
    "&ACCORDSYN  # embedded synsets\n"
    "+&CURRENCY\n"
    "+CLOSER\n"
    "\n"
    "--- ABANDON  [345]  ---\n"
    "ABANDON    # pas 15 Jul 2003\n"
    "+ABC_DEF_GHI\n"
    "KLM_NOP_+RST [002]\n"
    "HURRY {HURRIES HURRYING HURRIED }\n"
    "+ANGERED_BY {}\n"
    "+IS_DETERMINED {+WAS_DETERMINED , +BE_DETERMINED} [030]\n"
    "LASH OUT\n"
    "- * NEW_&CURRENCY_RELATIONS [903] #  -PAS 12.01.12\n"
    "- * EFFORT  [987]  # pas 15 Jul 2003\n"
    "- INCHING &ACCORDSYN *  [083]\n"
    "- * &WEATHER [---]\n"                                          /* 26 */
    "\n"
    "---  ACCELERATE   [---]  ---\n"
    "RACE \n"
    "STOP\n"
    "FIX\n"
    "PLAY\n"
    "- * POLICE (TO BORDER)                                [153]         # RUSH\n"
    "- * (TO {BANNED PARTIES}) $                           [1722]        # ADD\n"
    "- * (BEFORE COURT)                                    [:173]        # APPEAR\n"
    "- * VENTURE (WITH VISIT)                              VISIT)[042:043]  # MAKE\n" /* 36 */
    "--- OFFEND [:110] ---\n"
    "SHOCK\n"
    "\n"
    "######## TRANSFORMATIONS ##########\n"
    "~ a (b . ATTACK) SAY = a b 112\n"
    "#~ a (a b WILL_ATTACK) SAY = a b 138  # disabled\n"
    "~ a (_ b ASSASSINATE) ATTEMPT = a b 185\n"
    "~ no equals sign\n";                                            /* 44 */

static void test_petrarch_verbs(void)
{
    sr_dict *d = sr_dict_new();
    warns w;
    CHECK_EQ_INT(load(d, "CAMEO.test.txt", petrarch_verbs, &w), 0);
    CHECK(warned_at(&w, 26, "WEATHER"));
    CHECK(warned_at(&w, 36, "unmatched"));
    CHECK(warned_at(&w, 44, "="));
    CHECK_EQ_INT(w.n, 3);
    CHECK_EQ_INT(sr_dict_compile(d, NULL), 0);
    sr_dict_form f;
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "abandoning", &f), "ABANDON");
    CHECK_EQ_STR(f.code.code, "345");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "abandonment", NULL), "(none)");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "abcs def ghi", &f), "ABANDON");
    CHECK_EQ_INT(f.verb_word, 0);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "klm nop rsted", &f), "ABANDON");
    CHECK_EQ_INT(f.verb_word, 2);
    CHECK_EQ_STR(f.code.code, "002");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "hurried", NULL), "ABANDON");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "hurrys", NULL), "(none)");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "angered by", NULL), "ABANDON");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "angers by", NULL), "(none)");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "was determined", &f), "ABANDON");
    CHECK_EQ_STR(f.code.code, "030");
    CHECK_EQ_INT(f.verb_word, 0);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "lashed out", NULL), "ABANDON");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "races", &f), "ACCELERATE");
    CHECK(f.code.flags & SR_DICT_C_NULL);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "racing", NULL), "ACCELERATE");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "raced", NULL), "ACCELERATE");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "stops", NULL), "ACCELERATE");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "stopping", NULL), "(none)"); /* as PETRARCH */
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "fixes", NULL), "ACCELERATE");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "plays", NULL), "ACCELERATE");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "played", NULL), "ACCELERATE");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "shocked", &f), "OFFEND");
    CHECK(f.code.flags & SR_DICT_C_PAIRED && !f.code.code && strcmp(f.code.paired, "110") == 0);

    sr_dict_verb v;
    sr_dict_pattern p;
    CHECK(find_verb(d, "ABANDON", &v) >= 0);
    CHECK_EQ_INT(v.npatterns, 3);
    CHECK(find_verb(d, "ACCELERATE", &v) >= 0);
    CHECK_EQ_INT(v.npatterns, 3);
    CHECK(sr_dict_pattern_get(d, v.first_pattern, &p) == 0);
    CHECK_EQ_STR(p.code.code, "1722");
    int np[] = {SR_DICT_E_VERB, SR_DICT_E_PREP_OPEN, SR_DICT_E_WORD, SR_DICT_E_NP_OPEN,
                SR_DICT_E_WORD, SR_DICT_E_WORD,      SR_DICT_E_NP_CLOSE, SR_DICT_E_PREP_CLOSE,
                SR_DICT_E_SOURCE};
    CHECK(elem_types(&p, np, 9));
    CHECK(p.elems[1].value == 7 && p.elems[3].value == 6 && p.elems[6].value == 3);
    CHECK(sr_dict_pattern_get(d, v.first_pattern + 2, &p) == 0);
    CHECK(!p.code.code && strcmp(p.code.paired, "173") == 0);

    /* synset plurals: made unless the member or the label ends in _ */
    sr_arena *a = sr_arena_new();
    sr_dict_match m;
    uint32_t cur = sr_dict_synset_id(d, "CURRENCY", 8), aux = sr_dict_synset_id(d, "AUXVERB3", 8);
    uint32_t acc = sr_dict_synset_id(d, "ACCORDSYN", 9);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq(d, a, "dollars"), 0, 1, NULL, &m), 1);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq(d, a, "pennies"), 0, 1, NULL, &m), 1);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq(d, a, "austrian florins"), 0, 2, NULL, &m), 1);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq(d, a, "austrian x florin"), 0, 3, NULL, &m), 0);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq(d, a, "golden goblin galleonss"), 0, 3, NULL, &m), 0);
    CHECK_EQ_INT(sr_dict_synset_match(d, aux, seq(d, a, "haves"), 0, 1, NULL, &m), 0);
    CHECK_EQ_INT(sr_dict_synset_match(d, acc, seq(d, a, "pennies"), 0, 1, NULL, &m), 1);
    CHECK_EQ_INT(sr_dict_synset_match(d, acc, seq(d, a, "closer"), 0, 1, NULL, &m), 1);
    sr_arena_free(a);

    CHECK_EQ_INT(sr_dict_count(d, SR_DICT_N_TRANSFORMS), 2);
    sr_dict_transform t;
    CHECK(sr_dict_transform_get(d, 0, &t) == 0);
    CHECK_EQ_STR(t.pattern, "a (b . ATTACK) SAY");
    CHECK_EQ_STR(t.result, "a b 112");
    sr_dict_free(d);
}

/* ---- word rules: E endings, closed words, possessives, marked members, dialect ---- */

/* Entry and end of the longest match of table at token 0 of a possessive-
 * aware sequence; -1 for none. */
static long matchp(const sr_dict *d, int table, const char *text, size_t *end)
{
    sr_arena *a = sr_arena_new();
    sr_dict_seq *s = seq_words(d, a, text, 1);
    sr_dict_match m;
    long r = -1;
    if (s && sr_dict_match_longest(d, table, s, 0, sr_dict_seq_len(s), NULL, &m) == 1) {
        r = m.entry;
        if (end)
            *end = m.end;
    }
    sr_arena_free(a);
    return r;
}

/* The candidate kind token 0 of text has for word, -1 if none. */
static int cand_kind(const sr_dict *d, const char *text, const char *word)
{
    sr_arena *a = sr_arena_new();
    sr_dict_seq *s = seq(d, a, text);
    uint32_t id = sr_dict_word_id(d, word, strlen(word));
    const uint32_t *ids;
    const uint8_t *kinds;
    int r = -1;
    size_t n = s ? sr_dict_seq_cands(s, 0, &ids, &kinds) : 0;
    for (size_t k = 0; k < n; k++)
        if (ids[k] == id)
            r = kinds[k];
    sr_arena_free(a);
    return r;
}

/* TABARI 5.2.3: WORD_ takes the regular endings; a word ending in E takes
 * ED/ES/EN as +D/+S/+N and ING with the E dropped.  Validate.text
 * VERBEND-01c/01d/02b/03b/04b. */
static void test_e_endings(void)
{
    sr_dict *d = sr_dict_new();
    const char *v = "DEPLORE_ [122]\n"
                    "TAKE_ [010]\n"
                    "DEPART_ [032]\n"
                    "ARM_ [182]\n"
                    "WELCOME [041]\n"
                    "SHE_ [777]\n"
                    "THE_ [778]\n"
                    "CLOSE= [779]\n";
    CHECK_EQ_INT(load(d, "e.verbs", v, NULL), 0);
    CHECK_EQ_INT(sr_dict_compile(d, NULL), 0);
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "deplore", NULL), "DEPLORE_");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "deplored", NULL), "DEPLORE_");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "deplores", NULL), "DEPLORE_");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "deploring", NULL), "DEPLORE_");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "deploreed", NULL), "DEPLORE_"); /* + ED */
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "deplorex", NULL), "(none)");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "deplor", NULL), "(none)");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "taken", NULL), "TAKE_");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "taking", NULL), "TAKE_");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "departes", NULL), "DEPART_");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "departx", NULL), "(none)");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "arms", NULL), "ARM_");
    /* A stem matches by prefix only: "welcoming" does not start with it. */
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "welcomed", NULL), "WELCOME");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "welcoming", NULL), "(none)");
    /* No E stem without a vowel: "shed" is not SHE + D, "then" not THE + N,
     * "thing" not THE + ING; WORD= takes no ending at all. */
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "shed", NULL), "(none)");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "then", NULL), "(none)");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "thing", NULL), "(none)");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "closed", NULL), "(none)");
    CHECK_EQ_STR(verb_of(d, SR_DICT_T_VERBS, "closing", NULL), "(none)");
    CHECK_EQ_INT(cand_kind(d, "deplored", "deplore"), SR_DICT_K_ENDING);
    CHECK_EQ_INT(cand_kind(d, "deploring", "deplore"), SR_DICT_K_ENDING_E);
    CHECK_EQ_INT(cand_kind(d, "deplore", "deplore"), SR_DICT_K_EXACT);
    /* Whole words take the E endings too when the caller asks for endings. */
    sr_arena *a = sr_arena_new();
    sr_dict_match_opts o = {SR_DICT_M_ENDINGS, 0};
    sr_dict_match m;
    CHECK_EQ_INT(sr_dict_match_longest(d, SR_DICT_T_VERBS, seq(d, a, "closing"), 0, 1, &o, &m), 0);
    sr_arena_free(a);
    sr_dict_free(d);
}

/* TABARI 5.5.3 and 5.6: in patterns and synset members WORD_ is a closed
 * match (SYNSET-19b: KRONER_ is not "kroneren"). */
static void test_closed_words(void)
{
    sr_dict *d = sr_dict_new();
    const char *v = "<SYNSETS>\n"
                    "&CURRENCY\n"
                    "+KRONER_\n"
                    "+SWISS_FRANC\n"
                    "&TIETYPES\n"
                    "+ECONOMIC\n"
                    "+CULTURAL_\n"
                    "&TIEPHRASE\n"
                    "+&TIETYPES_MEMOS\n"
                    "</SYNSETS>\n"
                    "ADOPT [081]\n"
                    "- * RESOLUTION_  [102]\n"
                    "- * REVOLUTION  [802]\n";
    CHECK_EQ_INT(load(d, "c.verbs", v, NULL), 0);
    CHECK_EQ_INT(sr_dict_compile(d, NULL), 0);
    sr_dict_verb vb;
    sr_dict_pattern p;
    CHECK(find_verb(d, "ADOPT", &vb) >= 0 && vb.npatterns == 2);
    sr_arena *a = sr_arena_new();
    sr_dict_seq *s = seq(d, a, "resolution resolutions revolution revolutions");
    for (uint32_t k = 0; k < vb.npatterns; k++) {
        CHECK(sr_dict_pattern_get(d, vb.first_pattern + k, &p) == 0 && p.nelems == 2);
        const sr_dict_elem *e = &p.elems[1];
        int closed = strcmp(p.code.code, "102") == 0;
        CHECK_EQ_INT(e->mode, closed ? SR_DICT_W_EXACT : SR_DICT_W_STEM);
        CHECK_EQ_INT(sr_dict_word_matches(d, s, closed ? 0 : 2, e->value, e->mode, NULL), 1);
        CHECK_EQ_INT(sr_dict_word_matches(d, s, closed ? 1 : 3, e->value, e->mode, NULL), !closed);
    }
    uint32_t cur = sr_dict_synset_id(d, "CURRENCY", 8), tie = sr_dict_synset_id(d, "TIEPHRASE", 9);
    sr_dict_match m;
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq(d, a, "kroner"), 0, 1, NULL, &m), 1);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq(d, a, "kroneren"), 0, 1, NULL, &m), 0);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq(d, a, "kroners"), 0, 1, NULL, &m), 0);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq_words(d, a, "kroner's", 1), 0, 1, NULL, &m), 0);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq(d, a, "swiss francs"), 0, 2, NULL, &m), 1);
    /* A nested member keeps its mode: the stem ECONOMIC still matches
     * "economical", glued to MEMOS; the closed CULTURAL_ does not stretch. */
    CHECK_EQ_INT(sr_dict_synset_match(d, tie, seq(d, a, "economical memos"), 0, 2, NULL, &m), 1);
    CHECK_EQ_INT(sr_dict_synset_match(d, tie, seq(d, a, "economic new memos"), 0, 3, NULL, &m), 0);
    CHECK_EQ_INT(sr_dict_synset_match(d, tie, seq(d, a, "cultural memos"), 0, 2, NULL, &m), 1);
    CHECK_EQ_INT(sr_dict_synset_match(d, tie, seq(d, a, "culturally memos"), 0, 2, NULL, &m), 0);
    sr_arena_free(a);
    sr_dict_free(d);
}

/* TABARI 5.2.3: the possessive is an ending of the last word of an actor,
 * agent or noun phrase, never of a verb (Validate.text NOUNEND-10, -11,
 * -13). */
static void test_possessives(void)
{
    sr_dict *d = sr_dict_new();
    const char *act = "ITHILEN  [ITH]\n"
                      "ITHILEN_GOVERNMENT_RADIO_  [ITHRAD]\n"
                      "SAINT_JOHN'S_ [SJN]\n"
                      "MOUSE= [MUS]\n"
                      "REBEL_ [REB]\n";
    const char *v = "<SYNSETS>\n&CURRENCY\n+DOLLAR_\n+EURO\n+SWISS_FRANC\n</SYNSETS>\n"
                    "PLAN [050]\n"
                    "EXPEL  [200]\n"
                    "- PLAN_TO_*  [201]\n"
                    "- * BUDGET [202]\n";
    CHECK_EQ_INT(load(d, "p.actors", act, NULL), 0);
    CHECK_EQ_INT(load(d, "p.verbs", v, NULL), 0);
    CHECK_EQ_INT(sr_dict_compile(d, NULL), 0);
    size_t end = 0;
    long ith = matchp(d, SR_DICT_T_ACTORS, "ithilen", NULL);
    long rad = matchp(d, SR_DICT_T_ACTORS, "ithilen government radio", NULL);
    CHECK(ith >= 0 && rad >= 0 && ith != rad);
    CHECK(matchp(d, SR_DICT_T_ACTORS, "ithilen's government radio", &end) == ith && end == 1);
    CHECK(matchp(d, SR_DICT_T_ACTORS, "ithilen government's radio", &end) == ith && end == 1);
    CHECK(matchp(d, SR_DICT_T_ACTORS, "ithilen government radio's", &end) == rad && end == 3);
    CHECK(matchp(d, SR_DICT_T_ACTORS, "saint john's", &end) >= 0 && end == 2);
    CHECK(matchp(d, SR_DICT_T_ACTORS, "saint john", NULL) < 0);
    CHECK(matchp(d, SR_DICT_T_ACTORS, "rebels'", &end) >= 0 && end == 1);
    CHECK(matchp(d, SR_DICT_T_ACTORS, "mouse", NULL) >= 0);
    CHECK(matchp(d, SR_DICT_T_ACTORS, "mouse's", NULL) < 0); /* WORD=: no ending */
    /* The same words without the flag match as before. */
    CHECK(match(d, SR_DICT_T_ACTORS, "ithilen government radio", 0, NULL) == rad);
    /* Verbs never take it. */
    CHECK(matchp(d, SR_DICT_T_VERBS, "plan", NULL) >= 0);
    CHECK(matchp(d, SR_DICT_T_VERBS, "plan's", NULL) < 0);
    /* Pattern words take it only as stems: PLAN_ in PLAN_TO_* is closed. */
    sr_dict_verb vb;
    sr_dict_pattern p;
    sr_arena *a = sr_arena_new();
    sr_dict_seq *s = seq_words(d, a, "plan's plan budget's", 1);
    CHECK_EQ_INT(sr_dict_seq_flags(s, 0), SR_DICT_SEQ_POSS);
    CHECK_EQ_INT(sr_dict_seq_flags(s, 1), 0);
    CHECK_EQ_INT(sr_dict_seq_flags(s, 9), 0);
    CHECK(find_verb(d, "EXPEL", &vb) >= 0 && vb.npatterns == 2);
    for (uint32_t k = 0; k < vb.npatterns; k++) {
        CHECK(sr_dict_pattern_get(d, vb.first_pattern + k, &p) == 0);
        if (strcmp(p.code.code, "201") == 0) {
            CHECK_EQ_INT(sr_dict_word_matches(d, s, 0, p.elems[0].value, p.elems[0].mode, NULL), 0);
            CHECK_EQ_INT(sr_dict_word_matches(d, s, 1, p.elems[0].value, p.elems[0].mode, NULL), 1);
        } else {
            CHECK_EQ_INT(sr_dict_word_matches(d, s, 2, p.elems[1].value, p.elems[1].mode, NULL), 1);
            sr_dict_match_opts no = {SR_DICT_M_NO_STEMS, 0};
            CHECK_EQ_INT(sr_dict_word_matches(d, s, 2, p.elems[1].value, p.elems[1].mode, &no), 0);
        }
    }
    /* Synsets: the last word may carry it, unless closed (DOLLAR_). */
    sr_dict_match m;
    uint32_t cur = sr_dict_synset_id(d, "CURRENCY", 8);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq_words(d, a, "euro's", 1), 0, 1, NULL, &m), 1);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq_words(d, a, "swiss franc's", 1), 0, 2, NULL, &m), 1);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq_words(d, a, "swiss's franc", 1), 0, 2, NULL, &m), 0);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq_words(d, a, "dollar's", 1), 0, 1, NULL, &m), 0);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq_words(d, a, "dollar", 1), 0, 1, NULL, &m), 1);
    sr_arena_free(a);
    sr_dict_free(d);

    /* PETRARCH whole words: the possessive ends the phrase there too. */
    d = sr_dict_new();
    const char *pet = "<!-- PETRARCH -->\n"
                      "LIBYA [LBY] # country\n"
                      "LIBYA_GOVERNMENT [LBYGOV]  # gov\n";
    CHECK_EQ_INT(load(d, "p.actors.txt", pet, NULL), 0);
    CHECK_EQ_INT(sr_dict_compile(d, NULL), 0);
    long lby = matchp(d, SR_DICT_T_ACTORS, "libya", NULL);
    CHECK(lby >= 0);
    CHECK(matchp(d, SR_DICT_T_ACTORS, "libya's government", &end) == lby && end == 1);
    CHECK(matchp(d, SR_DICT_T_ACTORS, "libya government's", &end) != lby && end == 2);
    sr_dict_free(d);
}

/* TABARI 5.6: $ and + in synset members (TABARI.Demo.verbs +PESO_$,
 * Validate.text SYNSET-24a) become pattern variants. */
static void test_marked_members(void)
{
    sr_dict *d = sr_dict_new();
    warns w;
    const char *v = "<SYNSETS>\n"
                    "&CURRENCY\n"
                    "+DOLLAR\n"
                    "+PESO_$\n"
                    "+LIRA +\n"
                    "+YEN_%\n"                                 /* 6: not allowed */
                    "&MONEY\n"
                    "+&CURRENCY_NOTES\n"
                    "</SYNSETS>\n"
                    "CONTRIBUT [070]\n"
                    "- * &CURRENCY [903]\n"
                    "- * { &CURRENCY | CLOSER } TO [904]\n"
                    "- * &MONEY [905]\n";
    CHECK_EQ_INT(load(d, "m.verbs", v, &w), 0);
    CHECK(warned_at(&w, 6, "'%'"));
    CHECK_EQ_INT(w.n, 1);
    CHECK_EQ_INT(sr_dict_compile(d, NULL), 0);
    /* 3 written + 2 + 2 + 2 (PESO_$_NOTES, LIRA + NOTES) variants */
    CHECK_EQ_INT(sr_dict_count(d, SR_DICT_N_PATTERNS), 9);
    uint32_t cur = sr_dict_synset_id(d, "CURRENCY", 8);
    sr_dict_synset sy;
    CHECK(sr_dict_synset_get(d, cur, &sy) == 0 && sy.nmembers == 3);
    sr_arena *a = sr_arena_new();
    sr_dict_match m;
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq(d, a, "dollar"), 0, 1, NULL, &m), 1);
    CHECK_EQ_INT(sr_dict_synset_match(d, cur, seq(d, a, "peso"), 0, 1, NULL, &m), 0);
    sr_arena_free(a);
    sr_dict_verb vb;
    sr_dict_pattern p[9];
    int ok = find_verb(d, "CONTRIBUT", &vb) >= 0 && vb.npatterns == 9;
    for (uint32_t k = 0; ok && k < 9; k++)
        ok = sr_dict_pattern_get(d, vb.first_pattern + k, &p[k]) == 0;
    CHECK(ok);
    if (!ok) {
        sr_dict_free(d);
        return;
    }
    /* Longest first: 904 (10 letters), then 903 and 905 (8, 5 + ...):
     * each written pattern followed by its variants in member order. */
    CHECK(!strcmp(p[0].code.code, "904") && !strcmp(p[1].code.code, "904") &&
          !strcmp(p[2].code.code, "904"));
    CHECK(!strcmp(p[3].code.code, "903") && !strcmp(p[4].code.code, "903"));
    CHECK_EQ_STR(p[1].text, "- * { &CURRENCY | CLOSER } TO [904]");
    CHECK_EQ_INT(p[1].length, p[0].length);
    int v904[] = {SR_DICT_E_VERB, SR_DICT_E_ALT_OPEN, SR_DICT_E_WORD, SR_DICT_E_SOURCE,
                  SR_DICT_E_ALT_OR, SR_DICT_E_WORD, SR_DICT_E_ALT_CLOSE, SR_DICT_E_WORD};
    CHECK(elem_types(&p[1], v904, 8));
    CHECK(p[1].nelems == 8 && p[1].elems[1].value == 4 && p[1].elems[4].value == 6 &&
          p[1].elems[6].value == 1 && p[1].verb_index == 0);
    CHECK(p[1].nelems == 8 && p[1].elems[3].consec == 1);
    CHECK_EQ_STR(sr_dict_word_text(d, p[1].elems[2].value, NULL), "peso");
    int v904b[] = {SR_DICT_E_VERB, SR_DICT_E_ALT_OPEN, SR_DICT_E_WORD, SR_DICT_E_TARGET,
                   SR_DICT_E_ALT_OR, SR_DICT_E_WORD, SR_DICT_E_ALT_CLOSE, SR_DICT_E_WORD};
    CHECK(elem_types(&p[2], v904b, 8));
    CHECK(p[2].nelems == 8 && p[2].elems[3].consec == 0); /* "LIRA +": a blank */
    int v903[] = {SR_DICT_E_VERB, SR_DICT_E_WORD, SR_DICT_E_SOURCE};
    CHECK(elem_types(&p[4], v903, 3));
    CHECK(p[4].nelems == 3 && p[4].elems[1].consec == 0 && p[4].elems[2].consec == 1);
    /* The nested synset carries the marked member with its tail. */
    int found = 0;
    for (uint32_t k = 0; k < 9; k++)
        if (!strcmp(p[k].code.code, "905") && p[k].nelems == 4 &&
            p[k].elems[2].type == SR_DICT_E_SOURCE && p[k].elems[3].type == SR_DICT_E_WORD &&
            p[k].elems[3].consec)
            found = 1;
    CHECK(found);
    sr_dict_free(d);
}

/* sr_dict_dialect(): verbs decide, then actors. */
static void test_dialect(void)
{
    const char *tact = "ARNOR [ARN] ; a realm\n";
    const char *pact = "<!-- PETRARCH -->\nARNOR [ARN] # a realm\n";
    CHECK_EQ_INT(sr_dict_dialect(NULL), SR_DICT_DIALECT_TABARI);
    sr_dict *d = sr_dict_new();
    CHECK_EQ_INT(sr_dict_dialect(d), SR_DICT_DIALECT_TABARI);
    CHECK_EQ_INT(load(d, "x.actors.txt", pact, NULL), 0);
    CHECK_EQ_INT(sr_dict_dialect(d), SR_DICT_DIALECT_PETRARCH);
    CHECK_EQ_INT(load(d, "x.verbs", tabari_verbs, NULL), 0);
    CHECK_EQ_INT(sr_dict_dialect(d), SR_DICT_DIALECT_TABARI);
    sr_dict_free(d);
    d = sr_dict_new();
    CHECK_EQ_INT(load(d, "y.actors", tact, NULL), 0);
    CHECK_EQ_INT(sr_dict_dialect(d), SR_DICT_DIALECT_TABARI);
    CHECK_EQ_INT(load(d, "y.verbs.txt", petrarch_verbs, NULL), 0);
    CHECK_EQ_INT(sr_dict_dialect(d), SR_DICT_DIALECT_PETRARCH);
    CHECK_EQ_INT(load(d, "z.verbs", tabari_verbs, NULL), 0); /* the first verbs file decides */
    CHECK_EQ_INT(sr_dict_dialect(d), SR_DICT_DIALECT_PETRARCH);
    CHECK_EQ_INT(sr_dict_compile(d, NULL), 0);
    CHECK_EQ_INT(sr_dict_dialect(d), SR_DICT_DIALECT_PETRARCH);
    sr_dict_free(d);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_dict_verbs.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_tabari_verbs);
    RUN(test_petrarch_verbs);
    RUN(test_e_endings);
    RUN(test_closed_words);
    RUN(test_possessives);
    RUN(test_marked_members);
    RUN(test_dialect);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return harness_done("test_dict_verbs");
}
