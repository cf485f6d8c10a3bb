/* The cue stems' spellings, offered to the facts pass: a plain token's
 * stem number is then one load from its facts word number (lbl_token_id)
 * instead of a stemming and a second hash.  Split from label.c. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "label_int.h"

/* The facts pass looks every token up in its word table already
 * (sr_facts_token_words); with every spelling of every cue stem in that
 * table too, a token's stem number is one load there, not a second hash.
 * Exact for plain tokens (SR_TOK_ALNUM: ASCII letters and digits, lower
 * case) of up to STEM_MAX bytes not starting with a digit: stem_cut takes
 * from such a word w at most one of -ing, -ed, -es, -s or -ie[ds] (for
 * -y), then a final e, so w is its stem s plus one of TAILS, or s less its
 * final y plus -ied or -ies; each candidate is kept when it stems to s
 * (a word stems to one stem, so no spelling is numbered twice).  Every
 * other token (a hyphen, an apostrophe, a letter beyond ASCII, a leading
 * digit, a long word) is numbered as before.  tests/unit/test_code.c
 * checks both ways agree. */
typedef struct tail {
    char s[5];
    unsigned char n;
} tail;
#define TAIL(x) {x, sizeof x - 1}
static const tail TAILS[] = {TAIL(""),   TAIL("e"),   TAIL("ing"), TAIL("eing"), TAIL("ed"),
                             TAIL("eed"), TAIL("es"), TAIL("ees"), TAIL("s")};
#undef TAIL
enum { NTAILS = sizeof TAILS / sizeof *TAILS };

static const char **spell;    /* the spellings, for sr_facts_offer_words */
static uint16_t *spell_id;    /* per spelling: its stem's number */
static uint32_t *spell_no;    /* per spelling: its facts word number */
static size_t nspell;

/* Appends to spell the candidate c[0, n) of stem number id, whose stem is
 * c[0, k), when it stems to that stem; text is the spellings' storage,
 * *at its next free byte. */
static void keep_spelling(const char *c, size_t n, size_t k, uint16_t id, char *text,
                          size_t *at)
{
    char buf[STEM_MAX + 1];
    const char *st;
    if (n > STEM_MAX || lbl_stem_of(c, n, 1, buf, &st) != k || lbl_not_the_stem(st, k, n))
        return;
    /* Every candidate is the stem less at most its last letter, plus
     * more (make_spellings).  stem_of gives c itself unless it made a -y,
     * so then c[0, k) is the stem when c[k - 1] is the stem's last letter
     * (not the 'i' of -ied). */
    if ((st != c || c[k - 1] != lbl_stems[id - 1][k - 1]) && memcmp(st, lbl_stems[id - 1], k))
        return;
    memcpy(text + *at, c, n);
    text[*at + n] = 0;
    spell[nspell] = text + *at;
    spell_id[nspell++] = id;
    *at += n + 1;
}

static void make_spellings(void)
{
    pthread_once(&lbl_once, lbl_compile_cues);
    if (lbl_compile_failed)
        return;
    size_t most = lbl_nwords * (NTAILS + 2);
    char *text = malloc(most * (STEM_MAX + 1));
    spell = malloc(most * sizeof *spell);
    spell_id = malloc(most * sizeof *spell_id);
    spell_no = calloc(most, sizeof *spell_no);
    if (!text || !spell || !spell_id || !spell_no) {
        free(text), free(spell), free(spell_id), free(spell_no);
        spell = NULL;
        return;
    }
    size_t at = 0;
    for (size_t w = 0; w < lbl_nwords; w++) {
        const char *st = lbl_stems[w];
        size_t k = lbl_words[w].len;
        int plain = st[0] < '0' || st[0] > '9';
        for (size_t i = 0; i < k && plain; i++)
            plain = (st[i] >= 'a' && st[i] <= 'z') || (st[i] >= '0' && st[i] <= '9');
        if (!plain) /* no plain token stems to it */
            continue;
        char c[STEM_MAX + 8];
        memcpy(c, st, k);
        for (size_t t = 0; t < NTAILS; t++) {
            size_t tl = TAILS[t].n;
            for (size_t b = 0; b < tl; b++)
                c[k + b] = TAILS[t].s[b];
            keep_spelling(c, k + tl, k, (uint16_t)(w + 1), text, &at);
        }
        if (st[k - 1] == 'y') {
            memcpy(c + k - 1, "ied", 3);
            keep_spelling(c, k + 2, k, (uint16_t)(w + 1), text, &at);
            memcpy(c + k - 1, "ies", 3);
            keep_spelling(c, k + 2, k, (uint16_t)(w + 1), text, &at);
        }
    }
}

static pthread_once_t spell_once = PTHREAD_ONCE_INIT;

/* Called once, when the facts pass builds its word table. */
static const char *const *offered_spellings(size_t *n, uint32_t **numbers)
{
    pthread_once(&spell_once, make_spellings);
    *n = spell ? nspell : 0;
    *numbers = spell_no;
    return spell;
}

/* Registered before main: the facts table is built at the first facts
 * call, which comes before the first label (a document is analysed before
 * its events are labelled), and no caller of the library has to know. */
__attribute__((constructor)) static void offer_spellings(void)
{
    sr_facts_offer_words(offered_spellings);
}

/* Facts word number -> its stem number (0: no cue word) with FS_AT when
 * find_cues starts at it; NULL unless every spelling made it into the
 * facts table, and every token then takes the other way.  Two bytes a
 * word, not four: it is read for every plain token, and half the lines
 * stay in the cache better. */
uint16_t *lbl_fact_stem;
pthread_once_t lbl_map_once = PTHREAD_ONCE_INIT;

void lbl_map_spellings(void)
{
    size_t total = sr_facts_word_total(); /* builds the table, spellings and all */
    pthread_once(&spell_once, make_spellings);
    if (!spell || total >= 1u << 16)
        return;
    uint16_t *m = calloc(total, sizeof *m);
    if (!m)
        return;
    for (size_t i = 0; i < nspell; i++) {
        uint32_t e = spell_no[i];
        if (!e || e >= total) { /* the table was built without them */
            free(m);
            return;
        }
        m[e] = (uint16_t)(spell_id[i] | (lbl_wspan[spell_id[i] - 1] ? FS_AT : 0));
    }
    lbl_fact_stem = m;
}


/* 1 when the word w[0, n) (NUL-terminated) gets another stem number
 * through the facts table than through stemming. */
static int check_word(const char *w, size_t n)
{
    sr_token t = {0, n, w, n, SR_TOK_WORD};
    int plain = n > 0;
    for (size_t j = 0; j < n && plain; j++)
        plain = (w[j] >= 'a' && w[j] <= 'z') || (w[j] >= '0' && w[j] <= '9');
    t.flags |= plain ? SR_TOK_ALNUM : 0;
    t.flags |= n && w[0] >= '0' && w[0] <= '9' ? SR_TOK_NUM : 0;
    uint16_t wno = (t.flags & SR_TOK_NUM) ? 0 : (uint16_t)sr_facts_word_number(w, n);
    return (lbl_token_id(&t, wno) & FS_ID) != lbl_word_id_of(w, n, plain);
}

long sr_label_check_words(const char *const *w, size_t n, const char **bad)
{
    pthread_once(&lbl_once, lbl_compile_cues);
    pthread_once(&lbl_map_once, lbl_map_spellings);
    if (lbl_compile_failed || !lbl_fact_stem)
        return -1;
    long diff = 0;
    for (size_t i = 0; w && i < n; i++)
        if (check_word(w[i], strlen(w[i])) && !diff++ && bad)
            *bad = w[i];
    /* every stem less up to two letters, with endings stemming takes and
     * some it does not */
    static const char *const ends[] = {"", "e", "s", "es", "ed", "ing", "ies", "ied", "y",
                                       "ye", "er", "ers", "eing", "eed", "ees", "ings", "ss",
                                       "sses", "ses", "sed", "'s", "e's", "ies'", "-x", "ly",
                                       "ingly", "ise", "ize", "d", "n", "tion", "en"};
    static _Thread_local char first[STEM_MAX + 16]; /* the first bad one */
    for (size_t i = 0; !w && i < lbl_nwords; i++)
        for (size_t cut = 0; cut < 3 && cut < lbl_words[i].len; cut++)
            for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
                char c[STEM_MAX + 16];
                size_t k = lbl_words[i].len - cut, l = strlen(ends[e]);
                memcpy(c, lbl_stems[i], k);
                memcpy(c + k, ends[e], l + 1);
                if (check_word(c, k + l) && !diff++ && bad)
                    *bad = memcpy(first, c, k + l + 1);
            }
    return diff;
}

long sr_label_check_tokens(const sr_token *tok, size_t n, const sr_facts *f)
{
    pthread_once(&lbl_once, lbl_compile_cues);
    pthread_once(&lbl_map_once, lbl_map_spellings);
    const sr_token *ft;
    const uint16_t *wno = sr_facts_token_words(f, &ft);
    if (lbl_compile_failed || !lbl_fact_stem || ft != tok)
        return -1;
    long diff = 0;
    for (size_t i = 0; i < n; i++)
        diff += (lbl_token_id(&tok[i], wno[i]) & FS_ID) !=
                (tok[i].flags & SR_TOK_WORD ? lbl_word_id_of(tok[i].norm, tok[i].norm_len,
                                                          (tok[i].flags & SR_TOK_ALNUM) != 0)
                                            : 0);
    return diff;
}
