/* The document's ACLED-style sub-event type and its primary event.
 *
 * Evidence comes from two places.  Coded events carry a label through the
 * CAMEO table (data/cameo/events.tsv), refined by the means named in their
 * own sentence: an attack in a sentence about a grenade is GRENADE, one
 * about warplanes AIR_STRIKE.  Cue phrases then give the labels no CAMEO
 * code names (weapons seized, a base set up, a flood, a cartel) and weigh
 * between close ones (a protest dispersed with tear gas is a protest with
 * intervention).  A cue is one phrase, or two word sets that must meet in
 * one sentence ("seized" ... "ammunition").  Earlier sentences weigh more:
 * news puts the event first.  Words are compared after a light stemming
 * (-s, -es, -ed, -ing, final e), so a cue lists each word once. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../facts/sr_facts.h"
#include "cameo_int.h"
#include "label_int.h"

enum {
    L_NONE = -1,
    L_ABDUCT, L_AGREEMENT, L_AIR, L_CLASH, L_ARREST, L_ARTY, L_ATTACK, L_GROUP, L_CHEM,
    L_DISR, L_FORCE_PROT, L_GOV_TER, L_GRENADE, L_HQ, L_MOB, L_NSA_TER, L_NONVIOL_TER, L_OTHER,
    L_PEACE_PROT, L_PROPERTY, L_PROT_INTER, L_REMOTE, L_SEXVIOL, L_SUICIDE, L_VIOL_DEMO,
    L_CRIME, L_NATURAL, L_MANMADE, L_DIPLO, L_ATTRIB, L__N
};

static const char *const label_names[L__N] = {
    "ABDUCT_DISSAP", "AGREEMENT", "AIR_STRIKE", "ARMED_CLASH", "ARREST", "ART_MISS_ATTACK",
    "ATTACK", "CHANGE_TO_GROUP_ACT", "CHEM_WEAP", "DISR_WEAP", "FORCE_AGAINST_PROTEST",
    "GOV_REGAINS_TERIT", "GRENADE", "HQ_ESTABLISHED", "MOB_VIOL", "NON_STATE_ACTOR_OVERTAKES_TER",
    "NON_VIOL_TERRIT_TRANSFER", "OTHER", "PEACE_PROTEST", "PROPERTY_DISTRUCT",
    "PROTEST_WITH_INTER", "REM_EXPLOS", "SEX_VIOL", "SUIC_BOMB", "VIOL_DEMONSTR", "ORG_CRIME",
    "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"};

#include "label_cues.h"

/* ---- words ----------------------------------------------------------------- */

static inline unsigned char lc(char c)
{
    return (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* Light stemming of w[0, k), read lower-cased: returns the length of its
 * stem, which drops a possessive, -s/-es/-ed/-ing and a final e.  Sets *y
 * when -ied/-ies became -y: the stem's last letter is then 'y', not w's.
 * Measured in place, so a word that is no cue word costs no copy; lower:
 * w is known to be lower case already. */
static inline __attribute__((always_inline)) size_t stem_cut(const char *w, size_t k, int *y,
                                                             int lower)
{
#define L(i) (lower ? (unsigned char)w[i] : lc(w[i]))
    *y = 0;
    if (k > 2 && L(k - 2) == '\'' && L(k - 1) == 's')
        k -= 2;
    if (k > 5 && L(k - 3) == 'i' && L(k - 2) == 'n' && L(k - 1) == 'g')
        k -= 3;
    else if (k > 4 && L(k - 3) == 'i' && L(k - 2) == 'e' && (L(k - 1) == 'd' || L(k - 1) == 's')) {
        k -= 2;
        *y = 1;
    } else if (k > 4 && L(k - 2) == 'e' && L(k - 1) == 'd')
        k -= 2;
    else if (k > 4 && L(k - 2) == 'e' && L(k - 1) == 's' &&
             (L(k - 3) == 's' || L(k - 3) == 'x' || L(k - 3) == 'z' ||
              (L(k - 3) == 'h' && (L(k - 4) == 'c' || L(k - 4) == 's'))))
        k -= 2;
    else if (k > 3 && L(k - 1) == 's' && L(k - 2) != 's')
        k--;
    if (k > 3 && !*y && L(k - 1) == 'e')
        k--;
#undef L
    return k;
}

static inline skey skey_of(const char *w, size_t k) { return sr_wkey_of(w, k); }

static inline uint32_t skey_hash(const skey *x, size_t k) { return (uint32_t)(sr_wkey_hash(x, k) >> 32); }

typedef struct cphrase {
    uint16_t w[6];
    uint8_t n;
    uint8_t side;            /* 0: list a, 1: list b */
    uint16_t cue;
} cphrase;

cword *lbl_words;
char (*lbl_stems)[STEM_MAX + 1];
size_t lbl_nwords;
/* What find_cues reads of word id (at [id - 1]), four bytes a word rather
 * than a cword's forty, so a sentence's words touch few cache lines: its
 * phrases phrases[p0, p0 + n) in bits 0-15 and 16-30 (n), and whether it
 * is a background word in bit 31. */
uint32_t *lbl_wspan;
static cphrase *phrases;
static size_t nphrases;
/* Stems -> numbers: open addressing, 0 = empty. */
enum { NWTAB = 4096 };
static uint16_t wtab[NWTAB];
_Static_assert(NWTAB / 2 <= FS_ID, "stem numbers must fit below FS_AT");
/* A filter on the first two bytes and the length of the numbered words. */
enum { NFILT = 1 << 16 };
static uint64_t filt[NFILT / 64];
/* The label of each row of the CAMEO table. */
static signed char *cameo_label;
pthread_once_t lbl_once = PTHREAD_ONCE_INIT;
int lbl_compile_failed;

static uint32_t filt_key(const char *w, size_t k)
{
    uint32_t key = (uint32_t)(unsigned char)w[0] << 16 |
                   (uint32_t)(k > 1 ? (unsigned char)w[1] : 0) << 8 | (uint32_t)k;
    return (key * 2654435761u) >> 16; /* NFILT = 1 << 16 */
}

/* The number of the stem s[0, k) (lower case), or 0. */
static uint16_t find_word(const char *s, size_t k)
{
    uint32_t f = filt_key(s, k);
    if (!(filt[f / 64] >> (f % 64) & 1))
        return 0;
    skey key = skey_of(s, k);
    for (uint32_t i = skey_hash(&key, k) & (NWTAB - 1); wtab[i]; i = (i + 1) & (NWTAB - 1)) {
        const cword *d = &lbl_words[wtab[i] - 1];
        if (d->len == k && d->key.k[0] == key.k[0] && d->key.k[1] == key.k[1] &&
            d->key.k[2] == key.k[2])
            return wtab[i];
    }
    return 0;
}

/* The stem of w[0, n) in *out: w itself when it can be (a plain word
 * stems to a prefix of itself), else a lowered copy in buf. */
size_t lbl_stem_of(const char *w, size_t n, int plain, char *buf, const char **out)
{
    int y;
    size_t k;
    if (plain && n <= STEM_MAX) {
        /* Only ASCII letters and digits, lowered already. */
        k = stem_cut(w, n, &y, 1);
        if (y) {
            memcpy(buf, w, k);
            buf[k - 1] = 'y';
            w = buf;
        }
    } else {
        size_t m = n < STEM_MAX ? n : STEM_MAX;
        for (size_t i = 0; i < m; i++)
            buf[i] = (char)lc(w[i]);
        k = stem_cut(buf, m, &y, 1);
        if (y)
            buf[k - 1] = 'y';
        w = buf;
    }
    *out = w;
    return k;
}

/* Whether a word of n bytes that stems to s[0, k) does not stand for it:
 * "according to" (who says so) and "accorded" (a welcome) are no accord,
 * which only "accord" and "accords" are; "dealing with" a crisis is no
 * deal. */
int lbl_not_the_stem(const char *s, size_t k, size_t n)
{
    return (k == 6 && n > 7 && !memcmp(s, "accord", 6)) ||
           (k == 4 && n == 7 && !memcmp(s, "deal", 4));
}

/* The number of the stem of w[0, n), or 0 when it is no cue word. */
uint16_t lbl_word_id_of(const char *w, size_t n, int plain)
{
    char buf[STEM_MAX + 1];
    const char *s;
    size_t k = lbl_stem_of(w, n, plain, buf, &s);
    return k && !lbl_not_the_stem(s, k, n) ? find_word(s, k) : 0;
}

/* News repeats its words, and most of them are cue words ("the", "of",
 * "in" are in cues): each thread keeps the number of the last word seen
 * in each of WID_SLOTS direct-mapped slots, keyed by the word's bytes (a
 * word of up to WID_MAX bytes), so a word is stemmed and looked up once.
 * A word's number depends on its bytes only (a plain word is lower case
 * already: stem_of gives it the stem the lowering path would) and the
 * cues never change, so no entry ever goes stale.  An entry is 16 bytes
 * and the cache 16 KB: since plain tokens are numbered through the facts
 * table (below), only the few others come here (about 2% of tokens), and
 * a 256 KB cache, cold again after the other stages' work on each
 * document, missed to memory on most of them (f20: 0.44% of the run's
 * time in that one load); the smaller one gives the same instruction
 * counts on FA-KES and on distinct documents. */
enum { WID_SLOTS = 1024, WID_MAX = 12 };
typedef struct wid_ent {
    uint64_t a;              /* the word's bytes 0-7 (n >= 8), else (below) */
    uint64_t bl;             /* its last four bytes (n >= 8, else 0) in bits
                              * 0-31, its length in 32-39 (0: empty), its
                              * number in 48-63 */
} wid_ent;
#define WID_KEY ((1ull << 40) - 1)
static _Thread_local wid_ent wid_cache[WID_SLOTS];

/* The token's number, through the cache; n is 1 to WID_MAX.  Bytes are
 * loaded as overlapping words, which with the length determine the word
 * (never reading outside w[0, n)). */
static uint16_t word_id_cached(const char *w, size_t n, int plain)
{
    uint64_t ka = 0, kbl = (uint64_t)n << 32;
    if (n >= 8) {
        uint32_t b;
        memcpy(&ka, w, 8);
        memcpy(&b, w + n - 4, 4);
        kbl |= b;
    } else if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, w, 4);
        memcpy(&y, w + n - 4, 4);
        ka = x | (uint64_t)y << 32;
    } else if (n == 3) {
        /* a token's matching form ends in a NUL (sr_text.h): a word of
         * one to three bytes is read with it, in one load */
        uint32_t x;
        memcpy(&x, w, 4);
        ka = x;
    } else {
        uint16_t x;
        memcpy(&x, w, 2);
        ka = x;
    }
    uint64_t h = (ka * 0x9e3779b97f4a7c15ull) ^ (kbl * 0xc2b2ae3d27d4eb4full);
    wid_ent *e = &wid_cache[h >> (64 - 10)];
    _Static_assert(WID_SLOTS == 1 << 10, "the slot is the hash's top 10 bits");
    if (e->a == ka && (e->bl & WID_KEY) == kbl)
        return (uint16_t)(e->bl >> 48);
    uint16_t id = lbl_word_id_of(w, n, plain);
    e->a = ka;
    e->bl = kbl | (uint64_t)id << 48;
    return id;
}

/* The number of the stem of token t, or 0 when it is no cue word. */
uint16_t lbl_word_id(const sr_token *t)
{
    size_t n = t->norm_len;
    int plain = (t->flags & SR_TOK_ALNUM) != 0;
    if (!n || n > WID_MAX)
        return lbl_word_id_of(t->norm, n, plain);
    return word_id_cached(t->norm, n, plain);
}

/* Numbers the stem s[0, k) (lower case), adding it. */
static uint16_t intern(const char *s, size_t k)
{
    uint16_t id = find_word(s, k);
    if (id)
        return id;
    if (lbl_nwords + 1 >= NWTAB / 2 || k > STEM_MAX) { /* keep the table sparse */
        lbl_compile_failed = 1;
        return 0;
    }
    cword *d = &lbl_words[lbl_nwords++];
    d->key = skey_of(s, k);
    d->len = (uint8_t)k;
    memcpy(lbl_stems[lbl_nwords - 1], s, k);
    uint32_t f = filt_key(s, k);
    filt[f / 64] |= (uint64_t)1 << (f % 64);
    uint32_t slot = skey_hash(&d->key, k) & (NWTAB - 1);
    while (wtab[slot])
        slot = (slot + 1) & (NWTAB - 1);
    return wtab[slot] = (uint16_t)lbl_nwords;
}

/* Numbers the stem of the word w[0, n). */
static uint16_t intern_stem(const char *w, size_t n)
{
    char buf[STEM_MAX + 1];
    const char *s;
    /* a word in lower case already stems in place, as a token's does */
    int lower = 1;
    for (size_t i = 0; i < n && lower; i++)
        lower = !(w[i] >= 'A' && w[i] <= 'Z');
    size_t k = lbl_stem_of(w, n, lower, buf, &s);
    return k ? intern(s, k) : 0;
}

static void add_list(const char *s, int which, int side, size_t *k)
{
    while (*s) {
        const char *e = strchr(s, '|');
        if (!e)
            e = s + strlen(s);
        cphrase *c = &phrases[(*k)++];
        c->cue = (uint16_t)which;
        c->side = (uint8_t)side;
        for (const char *w = s; w < e && c->n < 6;) {
            while (w < e && *w == ' ')
                w++;
            const char *we = w;
            while (we < e && *we != ' ')
                we++;
            if (we > w)
                c->w[c->n++] = intern_stem(w, (size_t)(we - w));
            w = we;
        }
        if (!c->n)
            (*k)--;
        s = *e ? e + 1 : e;
    }
}

/* Words that put what follows in the background: "sanctions over its
 * chemical attack", "expelled after a nerve agent attack", "protests
 * condemning police violence".  Compared with stems as written. */
static const char *const background[] = {"after",       "follow",  "respons", "retaliation",
                                         "because",     "condemn", "denounc"};

static int label_of(const char *name);

/* The number of the stem "march", a protest's cue, which is also a
 * month's name (set with the cues). */
static uint16_t march_id;

void lbl_compile_cues(void)
{
    size_t count = 0, nw = 0;
    for (int i = 0; i < NCUES; i++) {
        count += 1 + (cues[i].b != NULL);
        for (const char *p = cues[i].a; *p; p++)
            count += *p == '|', nw += *p == ' ' || *p == '|';
        for (const char *p = cues[i].b; p && *p; p++)
            count += *p == '|', nw += *p == ' ' || *p == '|';
    }
    nw += count + sizeof background / sizeof *background;
    phrases = calloc(count, sizeof *phrases);
    lbl_words = calloc(nw, sizeof *lbl_words);
    lbl_stems = calloc(nw, sizeof *lbl_stems);
    cameo_label = malloc(sr_cameo_table_len ? sr_cameo_table_len : 1);
    if (!phrases || !lbl_words || !lbl_stems || !cameo_label) {
        lbl_compile_failed = 1;
        return;
    }
    for (unsigned i = 0; i < sr_cameo_table_len; i++)
        cameo_label[i] = (signed char)label_of(sr_cameo_table[i].acled);
    size_t k = 0;
    for (int i = 0; i < NCUES; i++) {
        add_list(cues[i].a, i, 0, &k);
        if (cues[i].b)
            add_list(cues[i].b, i, 1, &k);
    }
    nphrases = k;
    for (size_t i = 0; i < sizeof background / sizeof *background; i++) {
        uint16_t id = intern(background[i], strlen(background[i]));
        if (id)
            lbl_words[id - 1].bg = 1;
    }
    if (lbl_compile_failed)
        return;
    /* By first word, keeping list order among phrases with the same
     * first word (a counting sort: stable, and one pass, where qsort
     * cost more than the rest of this set-up). */
    cphrase *sorted = malloc((nphrases ? nphrases : 1) * sizeof *sorted);
    if (!sorted) {
        lbl_compile_failed = 1;
        return;
    }
    for (size_t i = 0; i < nphrases; i++)
        lbl_words[phrases[i].w[0] - 1].p1++;
    uint32_t at = 0;
    for (size_t w = 0; w < lbl_nwords; w++) {
        lbl_words[w].p0 = at;
        at += lbl_words[w].p1;
        lbl_words[w].p1 = lbl_words[w].p0;
    }
    for (size_t i = 0; i < nphrases; i++)
        sorted[lbl_words[phrases[i].w[0] - 1].p1++] = phrases[i];
    free(phrases);
    phrases = sorted;
    lbl_wspan = malloc((lbl_nwords ? lbl_nwords : 1) * sizeof *lbl_wspan);
    if (!lbl_wspan || nphrases >= 1u << 16) {
        lbl_compile_failed = 1;
        return;
    }
    for (size_t w = 0; w < lbl_nwords; w++)
        lbl_wspan[w] = lbl_words[w].p0 | (lbl_words[w].p1 - lbl_words[w].p0) << 16 | (uint32_t)lbl_words[w].bg << 31;
    for (size_t i = 0; i < nphrases; i++)
        for (int j = 1; j < phrases[i].n; j++)
            phrases[i].w[j] |= lbl_wspan[phrases[i].w[j] - 1] ? FS_AT : 0;
    march_id = find_word("march", 5);
}

/* Whether token i of tk[0, nt), numbered as "march", is the month: written
 * "March" inside a sentence, or opening one before a number ("March 5").
 * (A protest march is written in lower case; "MARCH" in a headline in
 * capitals could be either, and stays a cue.) */
static int the_month(const sr_token *tk, size_t i, size_t nt)
{
    unsigned fl = tk[i].flags;
    return (fl & SR_TOK_CAP) && !(fl & SR_TOK_UPPER) && tk[i].norm_len == 5 &&
           (i > 0 || (i + 1 < nt && (tk[i + 1].flags & SR_TOK_NUM)));
}

static int is_violent(int l);

/* A word the coder read in a sense of words is no cue of violence: the
 * verb of an event coded as a statement, an appeal, a consultation, a
 * demand, a criticism or a rejection ("attacked the budget" 111, "shot
 * down the proposal" 120) names no attack, nor does one a pattern read as
 * no event at all ("fighting inflation", "battled the blaze": the coder's
 * quiet verbs).  Threats, protests, posturing, sanctions and force keep
 * their cues ("tear gas fired" at a school is still gas, whatever the
 * event), and the word stays a cue of labels other than violence
 * ("protested" is a protest).  Such verbs: sentence and bytes. */
typedef struct spoken {
    size_t s, start, end;
} spoken;

static int spoken_cmp(const void *x, const void *y)
{
    const spoken *a = x, *b = y;
    if (a->s != b->s)
        return (a->s > b->s) - (a->s < b->s);
    return (a->start > b->start) - (a->start < b->start);
}

/* A sentence's such verbs, and its tokens. */
typedef struct sent_ctx {
    const spoken *sp;
    size_t nsp;
    const sr_token *tk;
} sent_ctx;

/* Tokens [i, i + n) hold a word of a verb read in words.  The spans are
 * sorted by start; they nest at most a step deep (a verb phrase with a
 * pattern word inside, the same verb for each member of a compound), so
 * the three last starting at or before a token are the ones to ask: a
 * binary search, so that a sentence of thousands of statements costs no
 * scan per cue. */
static int spoken_at(const sent_ctx *x, size_t i, size_t n)
{
    for (size_t j = i; j < i + n; j++) {
        size_t lo = 0, hi = x->nsp, b = x->tk[j].start;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (x->sp[mid].start <= b)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k-- > 0 && lo - k <= 2;)
            if (b >= x->sp[k].start && x->tk[j].end <= x->sp[k].end)
                return 1;
    }
    return 0;
}

/* Sets hit[cue * 2 + side] for every phrase found in the numbered words
 * id[0, n): 2 when found in the foreground somewhere, else 1.  Each cue
 * hit is listed once in touched[*nt...].  at[0, nat) lists, in order, the
 * positions of the words that start a phrase or are background words
 * (wspan nonzero): the others are passed over.  A cue of violence on a
 * verb of x read in words does not count. */
static void find_cues(const uint16_t *id, size_t n, const size_t *at, size_t nat,
                      const sent_ctx *x, unsigned char *hit, uint16_t *touched, size_t *nt)
{
    const int spoken_here = x->nsp != 0;
    /* A background word among the four before word i puts a phrase
     * there in the background: the last such word seen is enough. */
    size_t last_bg = SIZE_MAX;
    for (size_t a = 0; a < nat; a++) {
        size_t i = at[a];
        uint32_t sp = lbl_wspan[(id[i] & FS_ID) - 1];
        int bg = last_bg != SIZE_MAX && i - last_bg <= 4;
        if (sp >> 31)
            last_bg = i;
        for (size_t j = sp & 0xffff, je = j + (sp >> 16 & 0x7fff); j < je; j++) {
            const cphrase *ph = &phrases[j];
            int k = 1;
            while (k < ph->n && i + (size_t)k < n && id[i + (size_t)k] == ph->w[k])
                k++;
            if (k < ph->n)
                continue;
            if (spoken_here && is_violent(cues[ph->cue].label) && spoken_at(x, i, ph->n))
                continue;
            unsigned char v = bg ? 1 : 2;
            unsigned char *h = &hit[ph->cue * 2];
            if (!h[0] && !h[1])
                touched[(*nt)++] = ph->cue;
            if (h[ph->side] < v)
                h[ph->side] = v;
        }
    }
}

/* ---- the decision ------------------------------------------------------------ */

static int label_of(const char *name)
{
    for (int i = 0; name && i < L__N; i++)
        if (label_names[i][0] == name[0] && !strcmp(label_names[i], name))
            return i;
    return L_NONE;
}

static int is_violent(int l)
{
    return l == L_CLASH || l == L_ATTACK || l == L_ARTY || l == L_AIR || l == L_REMOTE ||
           l == L_SUICIDE || l == L_CHEM || l == L_GRENADE;
}

/* The means named in a sentence, most specific first. */
static int means_in(const double *sent_score)
{
    static const int order[] = {L_CHEM, L_SUICIDE, L_GRENADE, L_AIR, L_REMOTE, L_ARTY};
    for (size_t i = 0; i < sizeof order / sizeof *order; i++)
        if (sent_score[order[i]] > 0)
            return order[i];
    return L_NONE;
}

static int sector(const char *code, const char *s)
{
    size_t n = code ? strlen(code) : 0;
    for (size_t k = 3; k + 3 <= n; k += 3)
        if (!strncmp(code + k, s, 3))
            return 1;
    return 0;
}

static int state_actor(const char *code)
{
    if (!code || strlen(code) < 6)
        return 0;
    for (size_t k = 3; k + 3 <= strlen(code); k += 3)
        if (!strncmp(code + k, "GOV", 3) || !strncmp(code + k, "MIL", 3) ||
            !strncmp(code + k, "COP", 3))
            return 1;
    return 0;
}

/* A state or an international organisation, or its government, forces
 * or leaders: no other actor of a country (civilians, rebels, refugees). */
static int state_level(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n < 3)
        return 0;
    if (n == 3 || !strncmp(code, "IGO", 3))
        return 1;
    return sector(code, "GOV") || sector(code, "MIL") || sector(code, "ELI");
}

int sr_code_label(const sr_label_input *in, sr_arena *a, int *primary, const char **label)
{
    *primary = -1;
    *label = NULL;
    pthread_once(&lbl_once, lbl_compile_cues);
    if (lbl_compile_failed)
        return SR_ENOMEM;
    pthread_once(&lbl_map_once, lbl_map_spellings);
    const sr_token *ftok = NULL;
    const uint16_t *wno = in->facts ? sr_facts_token_words(in->facts, &ftok) : NULL;
    if (ftok != in->tokens || !lbl_fact_stem)
        wno = NULL;
    size_t ns = in->nsentences;
    double score[L__N] = {0};
    double *ssc = sr_arena_alloc(a, (ns ? ns * L__N : 1) * sizeof *ssc);
    unsigned char *hit = sr_arena_calloc(a, NCUES * 2, 1);
    uint16_t *touched = sr_arena_alloc(a, NCUES * sizeof *touched);
    if (!ssc || !hit || !touched)
        return SR_ENOMEM;
    /* One sentence's word numbers at a time, in a buffer reused from
     * sentence to sentence: memory follows the longest sentence, not the
     * document. */
    uint16_t *id = NULL;
    size_t *at = NULL;
    size_t idcap = 0;
    spoken *sp = NULL;
    size_t nsp = 0;
    for (size_t e = 0; e < in->nevents + in->nquiet; e++) {
        spoken v;
        if (e < in->nevents) {
            const sr_event *ev = &in->events[e];
            /* (an act the text says did not happen is no cue either:
             * "carried out no air strikes", "did not attack") */
            if ((!sr_code_spoken(ev->code) && !(ev->flags & SR_EV_NEGATED)) ||
                ev->verb_end <= ev->verb_start)
                continue;
            v = (spoken){in->event_sentence[e], ev->verb_start, ev->verb_end};
        } else {
            const sr_span *q = &in->quiet[e - in->nevents];
            v = (spoken){in->quiet_sentence[e - in->nevents], q->start, q->end};
        }
        if (!sp && !(sp = sr_arena_alloc(a, (in->nevents + in->nquiet) * sizeof *sp)))
            return SR_ENOMEM;
        sp[nsp++] = v;
    }
    /* (events and quiet verbs each come in sentence order, one list after
     * the other: sorted once, not merged by insertion, which a long
     * document would make quadratic) */
    if (nsp > 1)
        qsort(sp, nsp, sizeof *sp, spoken_cmp);
    size_t spc = 0; /* the first of sentence s */
    for (size_t s = 0; s < ns; s++) {
        size_t t0 = in->sentences[s].tok, nt = in->sentences[s].ntok;
        if (nt >= idcap) {
            idcap = 2 * nt + 64;
            if (!(id = sr_arena_alloc(a, idcap * sizeof *id)) ||
                !(at = sr_arena_alloc(a, idcap * sizeof *at)))
                return SR_ENOMEM;
        }
        /* A word with no letter is no cue word.  Every position is
         * written to at, kept when its word has FS_AT: no branch on a
         * bit that is set for one word in a few. */
        size_t nat = 0;
        const sr_token *tk = &in->tokens[t0];
        if (wno)
            for (size_t i = 0; i < nt; i++) {
                uint32_t w = lbl_token_id(&tk[i], wno[t0 + i]);
                if ((w & FS_ID) == march_id && the_month(tk, i, nt))
                    w = 0;
                id[i] = (uint16_t)w;
                at[nat] = i;
                nat += (w & FS_AT) != 0;
            }
        else
            for (size_t i = 0; i < nt; i++) {
                uint16_t w = tk[i].flags & SR_TOK_WORD ? lbl_word_id(&tk[i]) : 0;
                if (w == march_id && the_month(tk, i, nt))
                    w = 0;
                int start = w && lbl_wspan[w - 1];
                id[i] = (uint16_t)(w | (start ? FS_AT : 0));
                at[nat] = i;
                nat += start != 0;
            }
        while (spc < nsp && sp[spc].s < s)
            spc++;
        size_t spn = 0;
        while (spc + spn < nsp && sp[spc + spn].s == s)
            spn++;
        /* (no list at all when nothing was read in words: NULL + 0 is
         * undefined) */
        sent_ctx sx = {sp ? sp + spc : NULL, spn, tk};
        double pos = s == 0 ? 1.5 : s == 1 ? 1.0 : 0.6;
        memset(&ssc[s * L__N], 0, L__N * sizeof *ssc);
        size_t ntouched = 0;
        find_cues(id, nt, at, nat, &sx, hit, touched, &ntouched);
        uint32_t any = 0; /* the labels this sentence's cues gave a weight */
        _Static_assert(L__N <= 32, "labels must fit a 32-bit mask");
        for (size_t t = 0; t < ntouched; t++) {
            int c = touched[t];
            int on = hit[c * 2] && (!cues[c].b || hit[c * 2 + 1]);
            int fg = hit[c * 2] == 2 && (!cues[c].b || hit[c * 2 + 1] == 2);
            hit[c * 2] = hit[c * 2 + 1] = 0;
            if (!on)
                continue;
            any |= 1u << cues[c].label;
            double w = fg ? cues[c].weight : cues[c].weight / 2.0;
            if (ssc[s * L__N + cues[c].label] < w)
                ssc[s * L__N + cues[c].label] = w; /* the strongest cue of a label counts */
        }
        if (!any)
            continue; /* a sentence without a cue adds nothing */
        double *sl = &ssc[s * L__N];
        /* Forces leaving and others taking control: a transfer without
         * a fight ("took Bashiqa after the Peshmerga withdrew").  Forces
         * that withdrew under fire ("from rebels who withdrew following
         * intensive bombardment") lost it in a fight; "without a fight"
         * names one only to deny it. */
        int fight = (sl[L_CLASH] > 0 || sl[L_ATTACK] > 1 || means_in(sl) != L_NONE) &&
                    !(sl[L_NONVIOL_TER] > 0);
        if (sl[L_GROUP] > 0 && (sl[L_NSA_TER] > 1 || sl[L_GOV_TER] > 1) && !fight) {
            double m = sl[L_GROUP] > sl[L_NSA_TER] ? sl[L_GROUP] : sl[L_NSA_TER];
            if (sl[L_GOV_TER] > m)
                m = sl[L_GOV_TER];
            if (sl[L_NONVIOL_TER] < m + 1)
                sl[L_NONVIOL_TER] = m + 1;
            any |= 1u << L_NONVIOL_TER;
            sl[L_GROUP] = sl[L_NSA_TER] = sl[L_GOV_TER] = 0;
        } else if (sl[L_GROUP] > 0 && (sl[L_NSA_TER] > 1 || sl[L_GOV_TER] > 1))
            sl[L_GROUP] = 0; /* the withdrawal is how the others took it */
        /* ACLED: property destroyed by an air strike or shelling is that
         * strike, not looting or property destruction. */
        if (sl[L_PROPERTY] > 0) {
            int m = means_in(sl);
            if (m != L_NONE) {
                if (sl[m] < sl[L_PROPERTY])
                    sl[m] = sl[L_PROPERTY];
                sl[L_PROPERTY] = 0;
            }
        }
        /* An arrest for drugs, smuggling or fraud is crime news, not the
         * political arrest ACLED counts. */
        if (sl[L_ARREST] > 0 && sl[L_CRIME] > 0) {
            if (sl[L_CRIME] < sl[L_ARREST])
                sl[L_CRIME] = sl[L_ARREST];
            sl[L_ARREST] = 0;
        }
        /* ACLED: territory taken in a fight is that taking, the clash its
         * means ("seized the district headquarters after heavy fighting") */
        if (sl[L_CLASH] > 0 && (sl[L_NSA_TER] > 1 || sl[L_GOV_TER] > 1)) {
            int tl = sl[L_GOV_TER] > sl[L_NSA_TER] ? L_GOV_TER : L_NSA_TER;
            if (sl[tl] <= sl[L_CLASH])
                sl[tl] = sl[L_CLASH] + 0.5;
        }
        /* Territory taken where state forces are named is regained. */
        if (sl[L_NSA_TER] > 0 && sl[L_GOV_TER] > 0) {
            if (sl[L_GOV_TER] < sl[L_NSA_TER])
                sl[L_GOV_TER] = sl[L_NSA_TER];
            sl[L_NSA_TER] = 0;
        }
        /* State forces named alone (the weak cue) only say whose gain a
         * taking of territory is: "the military said rebels had gained
         * ground" is no regained territory. */
        if (sl[L_GOV_TER] <= 1)
            any &= ~(1u << L_GOV_TER);
        /* the other labels would add 0 */
        for (; any; any &= any - 1) {
            int l = __builtin_ctz(any);
            score[l] += pos * sl[l];
        }
    }
    /* The first means the story names anywhere: a lead sentence says "two
     * civilians were killed", a later one "in a grenade attack". */
    int doc_means = L_NONE;
    for (size_t s = 0; s < ns && doc_means == L_NONE; s++)
        doc_means = means_in(&ssc[s * L__N]);
    /* Events: their table label, refined by the means their sentence names. */
    int *elab = sr_arena_alloc(a, (in->nevents ? in->nevents : 1) * sizeof *elab);
    unsigned char *evseen = sr_arena_calloc(a, ns ? ns * L__N : 1, 1);
    /* The sentences where force was used on protesters (a CAMEO 175
     * event): other violence of the same sentence is that force. */
    unsigned char *forced = sr_arena_calloc(a, ns ? ns : 1, 1);
    unsigned char *hist = sr_arena_calloc(a, in->nevents ? in->nevents : 1, 1);
    unsigned char *oldd = sr_arena_calloc(a, ns ? ns : 1, 1); /* 0 unknown, 1 no, 2 yes */
    if (!elab || !evseen || !forced || !hist || !oldd)
        return SR_ENOMEM;
    for (size_t i = 0; i < in->nevents; i++) {
        const sr_cameo_info *ci = sr_cameo_lookup(in->events[i].code);
        elab[i] = ci && !(in->events[i].flags & SR_EV_NEGATED) ? cameo_label[ci - sr_cameo_table]
                                                                : L_NONE;
        if (elab[i] == L_FORCE_PROT && in->event_sentence[i] < ns)
            forced[in->event_sentence[i]] = 1;
    }
    for (size_t i = 0; i < in->nevents; i++) {
        const sr_event *e = &in->events[i];
        int l = elab[i]; /* the table's label, refined below */
        size_t s = in->event_sentence[i] < ns ? in->event_sentence[i] : 0;
        const double *sc = ns ? &ssc[s * L__N] : NULL;
        if (sc && is_violent(l)) {
            int m = means_in(sc);
            if (m == L_NONE)
                m = doc_means;
            if (m != L_NONE)
                l = m;
        } else if (sc && l == L_FORCE_PROT) {
            /* Force against protesters by grenade or gas is coded by its
             * means; shells and air strikes are another story.  Force met
             * by the protesters' own violence (clashes, stones) is a violent
             * demonstration. */
            int m = means_in(sc);
            if (m == L_GRENADE || m == L_CHEM)
                l = m;
            else if (sc[L_VIOL_DEMO] >= 6)
                l = L_VIOL_DEMO;
        }
        /* ACLED: violence of an armed group against unarmed people is an
         * attack; a clash needs two armed sides, and civilians are none
         * (a man who shot soldiers attacked them). */
        if (l == L_CLASH && (sector(e->source, "UAF") || sector(e->target, "CVL") ||
                             sector(e->source, "CVL") ||
                             sector(e->target, "REF") ||
                             sector(e->target, "MED") || sector(e->target, "HLH") ||
                             sector(e->target, "EDU") || sector(e->target, "REL")))
            l = L_ATTACK;
        /* An arrest for a crime, property destroyed by a strike: as for
         * the sentence's cues above. */
        if (l == L_ARREST && sc && sc[L_CRIME] > 0)
            l = L_CRIME;
        if (l == L_PROPERTY && sc) {
            int m = means_in(sc);
            if (m != L_NONE)
                l = m;
        }
        /* "Dozens were injured as security forces fired rubber bullets
         * to disperse the protest": the injuries are that force, unless
         * the protesters fought back. */
        if ((l == L_CLASH || l == L_ATTACK) && ns && forced[s] && sc[L_VIOL_DEMO] < 6)
            l = L_FORCE_PROT;
        /* ACLED: what a mob does, property destroyed included, is mob
         * violence. */
        if ((l == L_PROPERTY || l == L_ATTACK) && sc && sc[L_MOB] > 0)
            l = L_MOB;
        if (l == L_GROUP && sc && sc[L_NONVIOL_TER] > 0)
            l = L_NONVIOL_TER;
        else if (l == L_GROUP && sc && (sc[L_NSA_TER] > 1 || sc[L_GOV_TER] > 1))
            l = sc[L_GOV_TER] > 1 ? L_GOV_TER : L_NSA_TER;
        if (l == L_NSA_TER && (state_actor(e->source) || (sc && sc[L_GOV_TER] > 0)))
            l = L_GOV_TER;
        if (sc && l == L_PEACE_PROT) {
            if (sc[L_FORCE_PROT] > 0)
                l = L_FORCE_PROT;
            else if (sc[L_VIOL_DEMO] >= 6)
                l = L_VIOL_DEMO;
            else if (sc[L_PROT_INTER] > 0)
                l = L_PROT_INTER;
        }
        elab[i] = l;
        /* An event its text dates years back ("the scene of a 2017
         * chemical attack", "In 2013, troops killed ...") is background:
         * no weight, and the story's event only when nothing else is. */
        if (l != L_NONE && in->facts && ns) {
            /* (most sentences have no old date: asked once a sentence) */
            if (!oldd[s])
                oldd[s] = sr_facts_dates_flagged(in->facts, in->sentences[s].start,
                                                 in->sentences[s].end, SR_FACTS_DATE_HISTORICAL)
                              ? 2
                              : 1;
            sr_facts_date d;
            if (oldd[s] == 2 &&
                sr_facts_event_date_at(in->facts, in->sentences[s].start, in->sentences[s].end,
                                       e->verb_start, &d) &&
                (d.flags & SR_FACTS_DATE_HISTORICAL)) {
                hist[i] = 1;
                continue;
            }
        }
        /* A label counts once per sentence: a compound of six actors is
         * one event to the reader, not six. */
        if (l != L_NONE && !evseen[s * L__N + l]) {
            evseen[s * L__N + l] = 1;
            score[l] += (s == 0 ? 4.0 : s == 1 ? 3.0 : 1.5);
        }
    }
    int best = L_NONE;
    for (int l = 0; l < L__N; l++)
        if (score[l] > 0 && (best == L_NONE || score[l] > score[best]))
            best = l;
    /* Nothing else named: words between the states of two countries
     * ("the State Department said there was no justification for the
     * Russian move") are diplomacy. */
    for (size_t i = 0; best == L_NONE && i < in->nevents; i++)
        if (state_level(in->events[i].source) && state_level(in->events[i].target) &&
            strncmp(in->events[i].source, in->events[i].target, 3)) {
            best = L_DIPLO;
            *primary = (int)i;
        }
    if (best == L_NONE)
        return SR_OK;
    *label = label_names[best];
    if (*primary >= 0)
        return SR_OK;
    for (size_t i = 0; i < in->nevents && *primary < 0; i++)
        if (elab[i] == best && !hist[i])
            *primary = (int)i;
    for (size_t i = 0; i < in->nevents && *primary < 0; i++)
        if (elab[i] == best)
            *primary = (int)i;
    /* No event carries the label: the first violent event for a violent
     * label, else the first event. */
    for (size_t i = 0; i < in->nevents && *primary < 0; i++)
        if (is_violent(best) && is_violent(elab[i]))
            *primary = (int)i;
    if (*primary < 0 && in->nevents)
        *primary = 0;
    return SR_OK;
}
