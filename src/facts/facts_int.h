/*
 * facts_int.h - private to src/facts: the document handle, the word table
 * and the helpers the passes share.  Internal names use the srf_ prefix.
 */
#ifndef SR_FACTS_INT_H
#define SR_FACTS_INT_H

#include <string.h>

#include "sr_facts.h"

/* ---- word classes ------------------------------------------------------- */

/* One word can play several parts ("wounded" is a participle, an adjective
 * and a noun), so classes are bits. */
#define L_NUMW      (1ULL << 0)  /* cardinal word: val */
#define L_SCALE     (1ULL << 1)  /* hundred, thousand, million, billion, dozen: val */
#define L_VAGUE     (1ULL << 2)  /* dozens, hundreds, several ... */
#define L_MONTH     (1ULL << 3)  /* val 1-12 */
#define L_WDAY      (1ULL << 4)  /* val 0 (Monday) - 6 */
#define L_QPRE      (1ULL << 5)  /* one-word qualifier before a number: val = SR_FACTS_* */
#define L_PPL       (1ULL << 6)  /* plural people noun */
#define L_PSG       (1ULL << 7)  /* singular people noun */
#define L_TPASS     (1ULL << 8)  /* participle trigger: "killed", passive or active */
#define L_TACT      (1ULL << 9)  /* active trigger taking an object: "killing", "kill" */
#define L_TINTR     (1ULL << 10) /* intransitive or predicative: "died", "dead", "fled" */
#define L_TNOUN     (1ULL << 11) /* count noun: "deaths", "arrests", "refugees" */
#define L_TNEEDP    (1ULL << 12) /* trigger only with a people noun: "seized", "captured" */
#define L_TADJ      (1ULL << 13) /* after "left N": dead, wounded, homeless */
#define L_PVERB     (1ULL << 14) /* protest verb: marched, rallied */
#define L_PWEAK     (1ULL << 15) /* staged, held, joined: protest with a protest noun */
#define L_PNOUN     (1ULL << 16) /* protest, rally, strike, streets */
#define L_CROWD     (1ULL << 17) /* crowd, gathering */
#define L_TOLL      (1ULL << 18)
#define L_AUX       (1ULL << 19) /* skipped between a subject and its participle */
#define L_DET       (1ULL << 20)
#define L_PREP      (1ULL << 21)
#define L_CONJ      (1ULL << 22)
#define L_PRON      (1ULL << 23)
#define L_SUBORD    (1ULL << 24) /* after, when, because, who, which ... */
#define L_REPORT    (1ULL << 25) /* reporting verb */
#define L_RAMBIG    (1ULL << 26) /* reporting verb that is also a noun: claims, reports */
#define L_MEDIA     (1ULL << 27) /* television, radio, agency */
#define L_MEDIAV    (1ULL << 28) /* aired, broadcast, showed: report only after media */
#define L_NEG       (1ULL << 29)
#define L_DENY      (1ULL << 30)
#define L_THREAT    (1ULL << 31)
#define L_PLAN      (1ULL << 32) /* will, shall */
#define L_PLANTO    (1ULL << 33) /* plans, expected, set: planned when "to" follows */
#define L_HYPO      (1ULL << 34)
#define L_PASTCUE   (1ULL << 35) /* previously, formerly */
#define L_CONFLICT  (1ULL << 36) /* uprising, war, conflict */
#define L_TIMEU     (1ULL << 37) /* day, weeks, years: val = days (approx.) */
#define L_UNIT      (1ULL << 38) /* km, tons */
#define L_PCT       (1ULL << 39)
#define L_MONEY     (1ULL << 40)
#define L_CUMUL     (1ULL << 41) /* since, so-far words */
#define L_TIMEW     (1ULL << 42) /* yesterday, today, morning ... */
#define L_OTHERS    (1ULL << 43) /* others, more */
#define L_CLOCK     (1ULL << 44) /* a.m., p.m., GMT */
#define L_STOPNP    (1ULL << 45) /* function words that end a noun phrase */
#define L_REFUTE    (1ULL << 46) /* rejected, dismissed: a denial before "claims" */
#define L_CLAIMN    (1ULL << 47) /* claims, reports, allegations */
#define L_ADV       (1ULL << 48) /* adverbs skipped between aux and participle */
#define L_ATTACKN   (1ULL << 49) /* attack, bombing, blast: ties a toll to one event */
#define L_PARTCP    (1ULL << 50) /* past participle, for "had" + participle */
#define L_NEGPRON   (1ULL << 51) /* nobody, none, no-one */
#define L_QSTART    (1ULL << 52) /* may start a number phrase: "at least", "more than", "a dozen" */
#define L_DSTART    (1ULL << 53) /* may start a date: "last week", "next Sunday" */
#define L_MODW      (1ULL << 54) /* a word the modality pass compares against */
#define L_MODAUX    (1ULL << 55) /* is, are, was, were, used (+ "to"), may, had: may open
                                  * a modality scope */
#define L_CPHRASE   (1ULL << 56) /* among, lost, taken: lead a count's trigger phrase
                                  * ("among the dead", "lost their lives", "taken hostage") */

typedef struct srf_word {
    const char *w;
    uint64_t cls;
    int32_t val;
    int8_t ctype;       /* count type of a trigger, -1 when none */
} srf_word;

/* The entry for a matching form, or NULL.  Thread-safe. */
const srf_word *srf_lookup(const char *w, size_t n);
/* The same without the once-only set-up, for loops over many tokens
 * after srf_lex_init. */
void srf_lex_init(void);
const srf_word *srf_lookup_ready(const char *w, size_t n);
/* After srf_lex_init: the index of a matching form in srf_words, 0 (the
 * empty entry, no class) when it is no listed word. */
uint16_t srf_word_index(const char *w, size_t n);
/* The same for the tokens tok[lo, hi), except that offered spellings
 * (sr_facts_offer_words) count too: lexi[i] for tok[i], and cls[i]
 * its classes (srf_words[lexi[i]].cls, read by every pass: one load, not
 * two).  Returns the union
 * of their classes; *flags gets the union of their token flags, *marks
 * the SRF_IX_ bits (the sentence summary's inputs, gathered in the same
 * pass). */
uint64_t srf_index_tokens(const sr_token *tok, size_t lo, size_t hi, uint16_t *lexi,
                          uint64_t *cls, uint8_t *want, uint32_t *flags, unsigned *marks);
/* want[i] (sr_facts.want), set by srf_index_tokens: the passes whose scan
 * for their next candidate stops at token i.  Dense, a byte a token, so a
 * scan passes eight tokens with one load (srf_next_want) where it read
 * each token's flags and classes. */
enum {
    SRF_W_NUM = 1,      /* a number's core: digits or CORE_CLS (next_core) */
    SRF_W_DATE = 2,     /* digits, a date class or a word with a hyphen or more (neither
                         * SR_TOK_ALNUM nor SR_TOK_PUNCT) (srf_dates) */
    SRF_W_ATTR = 4,     /* L_REPORT | L_MEDIAV | L_REFUTE (srf_attrs) */
    SRF_W_MOD = 8,      /* MOD_CUES | L_MODAUX (srf_modality) */
    SRF_W_DETNEG = 16,  /* L_DET | L_NEG (srfc_singular) */
    SRF_W_TOLL = 32,    /* L_TOLL, "number", "total" (srfc_tolls) */
    SRF_W_LISTED = 64   /* a facts word: some class (srfc_cumulative) */
};
/* The first token in [i, hi) whose want byte has a bit of m, or hi.
 * (sr_facts.want holds SRF_WANT_PAD bytes more than tokens: the last
 * eight are read whole, those past hi masked off.) */
enum { SRF_WANT_PAD = 8 };
static inline size_t srf_next_want(const uint8_t *want, size_t i, size_t hi, unsigned m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t mm = 0x0101010101010101ULL * (m & 0xff);
    for (; i < hi; i += 8) {
        uint64_t v;
        memcpy(&v, want + i, 8);
        v &= hi - i >= 8 ? mm : mm & ((1ULL << (8 * (hi - i))) - 1);
        if (v)
            return i + (size_t)(__builtin_ctzll(v) >> 3);
    }
    return hi;
#else
    while (i < hi && !(want[i] & m))
        i++;
    return i;
#endif
}
/* srf_index_tokens' *marks: what else the pass saw among the tokens. */
enum {
    SRF_IX_QUOTE = 1,   /* a double quote '"' */
    SRF_IX_FORCED = 2,  /* "forced" (a word the table does not list) */
    /* Among the tokens neither SR_TOK_ALNUM nor SR_TOK_PUNCT: */
    SRF_IX_CONTR = 4,   /* one ending in "n't" or "'ll" (SC_CONTR) */
    SRF_IX_HYPHNUM = 8, /* an unlisted hyphenated one led by a number word (SC_HYPHNUM) */
    SRF_IX_DATEW = 16   /* an unlisted one starting "mid-", "early-" or "late-" (SC_DATEW) */
};
extern const srf_word *srf_words;
/* Entries of words some passes look for by entry, not by class (set by
 * srf_lex_init): "number" and "total" lead a toll, "to" ("to date") is a
 * cumulative cue. */
extern uint16_t srf_e_number, srf_e_total, srf_e_to;

/* Summary bits of a sentence (sr_facts.scls), above the word classes:
 * what a pass looks for before it scans the sentence's tokens. */
#define SC_DIGITS    (1ULL << 58) /* a token starting with a digit */
#define SC_HYPHNUM   (1ULL << 59) /* an unlisted hyphenated token led by a number word */
#define SC_CONTR     (1ULL << 60) /* a token ending in "n't" or "'ll" */
#define SC_COUNTNUM  (1ULL << 61) /* a number of kind quantity or size (after srf_numbers) */
#define SC_MODOPEN   (1ULL << 62) /* "may", "had", or is/are/was/were/used before "to";
                                   * looked for only without a MOD_CUES word (it opens
                                   * MOD_GATE, nothing else) */
#define SC_DATEW     (1ULL << 57) /* "mid-", "early-", "late-" and more in one token */
#define SC_FORCED    (1ULL << 63) /* "forced" ("forced to flee") */
_Static_assert(L_CPHRASE < SC_DATEW, "word classes run into the SC_ summary bits");

/* What each pass needs in a sentence to find anything there (see the
 * passes for why); a sentence without it is skipped. */
#define NUM_GATE (SC_DIGITS | SC_HYPHNUM | L_NUMW | L_VAGUE | L_SCALE)
#define DATE_GATE (SC_DIGITS | SC_DATEW | L_MONTH | L_WDAY | L_TIMEW | L_TIMEU | L_NUMW)
#define ATTR_GATE (L_REPORT | L_MEDIAV | L_REFUTE)
#define MOD_CUES (L_NEG | L_DENY | L_REFUTE | L_THREAT | L_PLAN | L_PLANTO | L_HYPO | L_PASTCUE)
#define MOD_GATE (MOD_CUES | SC_CONTR | SC_MODOPEN)
#define COUNT_TRIGGERS (L_TPASS | L_TACT | L_TINTR | L_PVERB | L_PWEAK | L_CPHRASE | SC_FORCED)
/* Every count but a singular subject's comes from a number of kind
 * quantity or size (SC_COUNTNUM: the patterns, the tolls); a singular or
 * zero subject ("a soldier", "no one") needs a trigger word and a
 * negation or a determiner before a singular people noun; the cumulative
 * cues only mark counts there are.  So a sentence with triggers but
 * neither is skipped whole. */
static inline int srf_count_gate(uint64_t sc)
{
    return (sc & SC_COUNTNUM) ||
           ((sc & COUNT_TRIGGERS) && ((sc & L_NEG) || ((sc & L_DET) && (sc & L_PSG))));
}
/* Entries in the table (tests check every one can be found). */
const srf_word *srf_table(size_t *n);

/* ---- the document ----------------------------------------------------- */

/* A token's modality.  Only tokens a cue's scope covers have theirs set
 * (SRF_TB_MOD in tbits, set by the modality pass as it writes one): every
 * other token is asserted with no cue (srf_mod_at), which costs a token
 * outside every scope no write. */
typedef struct srf_mod {
    uint8_t mode, negated;
    size_t cue, neg;
} srf_mod;
/* Token i's modality, set or the default. */
const srf_mod *srf_mod_at(const sr_facts *f, size_t i);
/* sr_facts.tbits */
enum {
    SRF_TB_ATTR = 1,    /* inside an attribution phrase */
    SRF_TB_MOD = 2,     /* its mod entry is set */
    SRF_TB_NOSENT = 4   /* in no sentence */
};

struct sr_facts {
    sr_arena *a;
    const char *text;
    size_t len;
    const sr_token *tok;
    size_t ntok;
    const sr_sentence *sent;
    size_t nsent;
    int has_pub;
    int py, pm, pd;
    int64_t pub_days;             /* days since 1970-01-01 */
    const uint16_t *lexi;         /* per token: its srf_words entry, 0 for none; an
                                   * offered spelling's has no class (cls 0) */
    const uint64_t *cls;          /* per token: that entry's classes */
    const uint8_t *want;          /* per token: SRF_W_ bits */
    uint64_t *scls;               /* per sentence: its tokens' classes and SC_* bits */
    size_t *num_at;               /* per token: number covering it, or SR_FACTS_NONE */
    uint8_t *tbits;               /* per token: SRF_TB_ bits */
    srf_mod *mod;                 /* per token, where tbits has SRF_TB_MOD */
    sr_vec nums, counts, dates, attrs;
    sr_vec quotes;                /* token indexes of '"', in order */
    size_t *dates_end, *attrs_end; /* per sentence: srf_dates_end, srf_attrs_end */
    sr_vec scratch;               /* the counts pass's per-sentence work, reused */
    void *tokscratch;             /* per-token work space of the longest sentence so far */
    size_t tokscratch_cap;
    size_t last_named;            /* last attribution with a non-pronoun speaker, or NONE */
};

/* Token i's classes, 0 past the last token.  The passes' loops over a
 * sentence's own tokens (i < hi <= ntok) read f->cls[i] directly. */
static inline uint64_t srf_cls(const sr_facts *f, size_t i)
{
    return i < f->ntok ? f->cls[i] : 0;
}
static inline int32_t srf_val(const sr_facts *f, size_t i)
{
    return i < f->ntok ? srf_words[f->lexi[i]].val : 0;
}
static inline int srf_ctype(const sr_facts *f, size_t i)
{
    return i < f->ntok ? srf_words[f->lexi[i]].ctype : -1;
}
/* Token i's word table entry, or NULL when it has none. */
static inline const srf_word *srf_lex(const sr_facts *f, size_t i)
{
    return f->cls[i] ? &srf_words[f->lexi[i]] : NULL;
}
/* Token i's matching form is w.  The length is compared first: with a
 * literal w it is a constant, and most tokens differ in length. */
static inline int srf_is(const sr_facts *f, size_t i, const char *w)
{
    if (i >= f->ntok)
        return 0;
    const char *t = f->tok[i].norm;
    if (t[0] != w[0]) /* settles most calls before w is measured */
        return 0;
    size_t n = strlen(w), tn = f->tok[i].norm_len;
    /* strcmp's answer: a form with a NUL inside compares up to it */
    return (tn == n || (tn > n && t[n] == 0)) && memcmp(t, w, n) == 0;
}
/* The length of the "mid-", "early-" or "late-" that a matching form
 * w[0, n) starts with ("mid-May", "early-2011"), else 0: what strncmp
 * with each would say, one first byte compared for most. */
static inline size_t srf_date_prefix(const char *w, size_t n)
{
    switch (w[0]) {
    case 'm':
        return n >= 4 && !memcmp(w, "mid-", 4) ? 4 : 0;
    case 'e':
        return n >= 6 && !memcmp(w, "early-", 6) ? 6 : 0;
    case 'l':
        return n >= 5 && !memcmp(w, "late-", 5) ? 5 : 0;
    default:
        return 0;
    }
}
/* Token i is a lower-case word in -ing ("trying", "monitoring"). */
static inline int srf_ing_word(const sr_facts *f, size_t i)
{
    const sr_token *t = &f->tok[i];
    return t->norm_len > 5 && !memcmp(t->norm + t->norm_len - 3, "ing", 3) &&
           !(t->flags & SR_TOK_CAP);
}

static inline int srf_punct(const sr_facts *f, size_t i, char c)
{
    return i < f->ntok && f->tok[i].norm_len == 1 && f->tok[i].norm[0] == c;
}
static inline int srf_ispunct(const sr_facts *f, size_t i)
{
    return i < f->ntok && (f->tok[i].flags & SR_TOK_PUNCT);
}
/* A capitalised function word between two capitalised words is inside a
 * name: "Reporters Without Borders", "Doctors Without Borders" (no
 * preposition, no negation). */
static inline int srf_name_inner(const sr_facts *f, size_t j)
{
    return j > 0 && j + 1 < f->ntok && (f->tok[j].flags & SR_TOK_CAP) &&
           (f->tok[j - 1].flags & SR_TOK_CAP) && (f->tok[j + 1].flags & SR_TOK_CAP) &&
           !(f->tok[j - 1].flags & SR_TOK_PUNCT) && (srf_cls(f, j) & (L_PREP | L_CONJ));
}
static inline int srf_isnum(const sr_facts *f, size_t i)
{
    return i < f->ntok && (f->tok[i].flags & SR_TOK_NUM);
}

/* Saturating arithmetic for counts. */
int64_t srf_add(int64_t a, int64_t b);
int64_t srf_mul(int64_t a, int64_t b);

/* Parses a digit string at s[0..n): integer part (commas as thousands
 * separators), optional fraction.  Returns bytes consumed (0 when s does
 * not start with a digit); *frac gets the fractional part. */
size_t srf_digits(const char *s, size_t n, int64_t *val, double *frac, int *overflow);

/* Days in month m of year y (dates themselves: sr_days_from_civil and
 * sr_civil_from_days in sr_util.h). */
int srf_mdays(int y, int m);

/* The passes, in the order sr_facts_analyze runs them: each over every
 * sentence before the next pass starts (a pass's code stays in the
 * instruction cache for the whole document).  So when a pass looks at
 * sentence s, the vectors of the passes before it hold every sentence's
 * entries, and its own the entries of sentences up to s: a later pass
 * finds a sentence's dates or attributions by srf_dates_end and
 * srf_attrs_end, not at the end of the vector. */
int srf_numbers(sr_facts *f, size_t s);
/* The numbers pass's tables, made once with the word table (srf_lex_init). */
void srf_num_init(void);
int srf_dates(sr_facts *f, size_t s);
int srf_attrs(sr_facts *f, size_t s);
int srf_attrs_carry(sr_facts *f);
/* Word i urges someone to do something ("urged officials to provide",
 * "called on Russia to stop"): what follows the "to" has not happened. */
int srf_urged_to(const sr_facts *f, size_t i, size_t hi);
void srf_modality(sr_facts *f, size_t s);
int srf_counts(sr_facts *f, size_t s);
/* Marks the counts from index base (one sentence's, in text order) that
 * are parts of another of them: a breakdown that adds up to a toll, a
 * toll stated again after a headline's date line (facts_parts.c). */
void srf_count_parts(sr_facts *f, size_t base);

/* One past the last date (attribution) of sentence s, once the dates
 * (attributions) pass is done. */
static inline size_t srf_dates_end(const sr_facts *f, size_t s) { return f->dates_end[s]; }
static inline size_t srf_attrs_end(const sr_facts *f, size_t s) { return f->attrs_end[s]; }

/* The sentence holding token i, or SR_FACTS_NONE. */
size_t srf_sent_of_tok(const sr_facts *f, size_t i);
/* The noun phrase ending at token e (inclusive), scanning back no further
 * than token lo: the first token of the phrase, or SR_FACTS_NONE
 * (facts_speaker.c, as the three below). */
size_t srf_np_back(const sr_facts *f, size_t lo, size_t e);
/* Token j is a title or modifier that may stand before a name inside one
 * speaker's phrase ("spokeswoman", "former", "state-run"). */
int srf_title_word(const sr_facts *f, size_t j);
/* Token j is a plural people noun, a phrase's head, never a modifier. */
int srf_plural_head(const sr_facts *f, size_t j);
/* Token j is a speaker's plural head word: people, media, bodies. */
int srf_speaker_head(const sr_facts *f, size_t j);

#endif
