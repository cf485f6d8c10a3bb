/* Private to the recognition files (find, cands, fuzzy, people, relate,
 * runs, tokens): the recognition context and
 * the helpers they share. */
#ifndef SR_GEO_FIND_INT_H
#define SR_GEO_FIND_INT_H

#include "geo_int.h"

#include <string.h>

typedef struct tokinfo {
    /* One byte a flag, not bit-fields: they are set one by one as they
     * become known, and a byte is stored without reading its neighbours.
     * The first 16 bytes are all that must start at zero (the rest is set
     * with the flag that says it is known): gf_first_pass clears them with
     * one store a token. */
    struct tokkey *key;   /* folded form and key parts, made when first needed */
    /* set for every token by first_pass */
    uint8_t cap;          /* capitalised (or al-Capital) */
    uint8_t hyphcap;      /* a hyphen before a capital: "pro-Damascus" */
    uint8_t weakpos;      /* opens its sentence or a quote, or in a headline */
    uint8_t full;         /* the fields below are set (by classify_token) */
    uint8_t common_done;
    uint8_t noplace;      /* never a place by itself: stopword, title, month, one
                           * letter (set for inner tokens only, 0 for the rest) */
    uint8_t conn;         /* connector inside a name */
    uint8_t inner;        /* may stand inside a name ("ez-Zor") */
    uint32_t lex;         /* LX_* */
    uint8_t common;       /* a common lower-case English word (when common_done) */
} tokinfo;
_Static_assert(sizeof(tokinfo) == 24, "gf_first_pass clears the first 16 bytes");

/* A token's folded text and the four forms its key part can take in a
 * longer name (geo_key_words: words before it or not, words after it or
 * not), so a run of capitalised words is folded once, not once for each
 * of the up to MAX_NAME_TOKENS spans that contain it.  Tokens spelled
 * alike share one (a story names its places again and again), and with it
 * what was looked up for it. */
typedef struct tokkey {
    const char *raw;      /* the token's text */
    size_t rawlen;
    const char *fold;     /* a token of ASCII letters and digits borrows its norm */
    size_t foldlen;
    const char *part[4];  /* index: 2 * words after + words before */
    size_t partlen[4];
    char *spare;          /* room for one part (foldlen + 1), or NULL */
    uint8_t word1;        /* fold is one ASCII word */
    int8_t common;        /* a common English word; -1 until asked */
    int8_t prefix;        /* geo_prefix_words of part[2]'s first word; -1 until asked */
    uint64_t hash1;       /* geo_hash64 of that word, once prefix is known */
    int8_t name;          /* a capitalised dictionary word ("John"); -1 until asked */
    int8_t looked;        /* post is the lookup of part[0], the token alone */
    int8_t poss_none;     /* the stem of "Syrias" names nothing; -1 until asked */
    const gz_post *post;
    size_t npost;
    uint64_t hash;        /* geo_hash64 of part[0], once looked up */
    /* the candidates the token alone last made, and what they depend on */
    const struct gcand *cand;
    const gz_post *cand_post;
    uint32_t ncand;
    uint8_t cand_common, cand_short, cand_dot;
    /* the mention of "Syrias" (poss_none 0 and poss_cand set): its key
     * (48 bytes), key hash and candidates */
    const char *poss_key;
    uint64_t poss_keyhash;
    const struct gcand *poss_cand;
    uint32_t poss_nc;
    uint8_t poss_plural;
    /* the spelling's shape, as candidates() reads it (when shaped) */
    uint8_t shaped, all_upper, has_dot;
    uint32_t letters;
    uint16_t kept;        /* its entry + 1 in the thread's spellings, 0: none */
    uint8_t kept_hit;     /* filled from it */
    uint8_t kept_known;   /* what it knew then (known_mask) */
    uint8_t kept_print;   /* its byte in the thread's spell_print */
    struct tokkey *kept_next;   /* the document's next kept spelling */
} tokkey;

/* The document's tokkeys by text (open addressing; full at half load,
 * after which new spellings go unshared). */
typedef struct tokmemo {
    uint32_t mask, n;
    tokkey *kept;         /* its kept spellings (tokkey.kept), a list */
    tokkey *slot[];
} tokmemo;

typedef struct ctx {
    sr_geo_doc *d;
    sr_arena *a;
    /* What dies with the recognition (token info and keys, the spellings'
     * table, runs, persons): a's scratch arena, which the stages after
     * reuse while these lines are still in the caches, instead of the
     * document's arena, where they pushed everything after them onto
     * lines of their own (a when there is no scratch arena). */
    sr_arena *ta;
    const sr_token *tok;
    size_t ntok;
    tokinfo *ti;
    sr_vec ments;        /* gment */
    sr_vec persons;      /* char[48]: keys seen as the tail of a person's name */
    tokmemo *memo;
    size_t *hot;         /* the sentence's capitalised and hyphen-capital tokens */
} ctx;

/* The token's text with the trailing period removed, lower case, as norm. */
static inline const char *norm_of(const sr_token *t) { return t->norm ? t->norm : ""; }

/* The token's matching form is the word w, a string literal: strcmp's
 * answer without the call (the length first; norm ends in a NUL, so the
 * bytes compared are there). */
#define gf_norm_is(t, w) \
    ((t)->norm && (t)->norm_len >= sizeof(w) - 1 && !memcmp((t)->norm, w, sizeof(w)))
/* Whether token t's normal form is one of the NULL-ended list's words (a
 * list's words are no literals, which gf_norm_is wants). */
static inline int gf_norm_in(const sr_token *t, const char *const *list)
{
    for (size_t k = 0; t->norm && list[k]; k++) {
        size_t n = strlen(list[k]);
        if (t->norm_len == n && !memcmp(t->norm, list[k], n))
            return 1;
    }
    return 0;
}

/* tokens.c: the token layer. */
static inline int gf_is_upper(char c) { return c >= 'A' && c <= 'Z'; }
/* "al-Raqqa", "ad-Dana": a short lower-case article, a hyphen, a capital. */
int gf_article_capital(const char *s, size_t n);
/* Per sentence, what every token needs (capitals, positional capitals);
 * returns how many tokens it listed in c->hot, in order: those
 * capitalised or with a capital after a hyphen, where names start. */
size_t gf_first_pass(ctx *c, const sr_sentence *s);
/* Sets the rest of token i's tokinfo (cue words, inner, noplace...). */
void gf_classify_token(const ctx *c, size_t i);
tokkey *gf_tok_key_new(const ctx *c, size_t i);
/* Keeps what the document's spellings learnt for the next documents. */
void gf_keep_spellings(const ctx *c);
const char *gf_tok_part_new(const ctx *c, tokkey *k, int v, size_t *len);
/* A found name's key as its mention keeps it: truncated to 47 bytes, and
 * the geo_hash64 of that, worked out with the lookup's. */
typedef struct gf_key {
    char s[48];
    uint64_t hash;
} gf_key;

/* The word-table line hash of token i's folded form k->fold
 * (geo_fold_line): that of its key alone, known from its lookup. */
uint64_t gf_fold_line(const ctx *c, size_t i, tokkey *k);
/* Token i is capitalised (or inside a name) and a common English word:
 * gf_common_word below; this works it out the first time. */
int gf_common_word_new(const ctx *c, size_t i);
/* The postings of the text [start, end) (its key into keyout unless
 * NULL), and the same of the tokens [k, j] from their cached key parts. */
const gz_post *gf_lookup(const ctx *c, size_t start, size_t end, size_t *n, gf_key *keyout);
/* A found key kl bytes long, of geo_hash64 h, into keyout unless NULL. */
void gf_put_key(gf_key *keyout, const char *key, size_t kl, uint64_t h);
const gz_post *gf_lookup_token(const ctx *c, size_t k, size_t *n, gf_key *keyout);
const gz_post *gf_lookup_span(const ctx *c, size_t k, size_t j, size_t *n, gf_key *keyout);

/* Token i's classification, made when first asked for. */
static inline tokinfo *gf_tinfo(const ctx *c, size_t i)
{
    if (!c->ti[i].full)
        gf_classify_token(c, i);
    return &c->ti[i];
}

/* Token i is capitalised (or inside a name) and a common English word.
 * (Asked again and again of the same tokens -- three times in four the
 * answer is known -- so the known answer costs no call.) */
static inline int gf_common_word(const ctx *c, size_t i)
{
    const tokinfo *ti = &c->ti[i];
    return ti->common_done ? ti->common : gf_common_word_new(c, i);
}

/* Token i is capitalised only by position or headline style: a common
 * word where a capital is positional.  Asked for, not worked out with the
 * rest, as most such words ("The", "He") are settled without it. */
static inline int gf_weak(const ctx *c, size_t i)
{
    const tokinfo *ti = gf_tinfo(c, i);
    return ti->cap && ti->weakpos && gf_common_word(c, i);
}

/* Token i may stand inside a name (tokinfo.inner): a word in lower case
 * is one only as a connector, and one whose first letter and length no
 * connector has ("in", "the", "said") is none, told without classifying
 * it. */
static inline int gf_inner(const ctx *c, size_t i)
{
    const tokinfo *ti = &c->ti[i];
    if (!ti->full && !ti->cap && !ti->hyphcap) {
        const sr_token *t = &c->tok[i];
        size_t n = t->norm ? t->norm_len : 0;
        if (n && t->norm[n - 1] == '.')
            n--;
        const geo_lex *lx = &c->d->g->lex;
        if (!n || n > lx->conn_max)
            return 0;
        unsigned char x = (unsigned char)t->norm[0];
        if (x < 'a' || x > 'z' || !(lx->conn_shape[x - 'a'] >> n & 1))
            return 0;
    }
    return gf_tinfo(c, i)->inner;
}

/* The token's key, made when first needed (or shared with an earlier
 * token spelled alike); NULL when out of memory or too long. */
static inline tokkey *gf_tok_key(const ctx *c, size_t i)
{
    tokkey *k = c->ti[i].key;
    return k ? k : gf_tok_key_new(c, i);
}

/* The key part of token i: `more` words follow it in the name, `emitted`
 * key words come before it.  NULL when out of memory or too long. */
static inline const char *gf_tok_part(const ctx *c, size_t i, int more, int emitted, size_t *len)
{
    tokkey *k = gf_tok_key(c, i);
    if (!k)
        return NULL;
    int v = 2 * !!more + !!emitted;
    if (!k->part[v])
        return gf_tok_part_new(c, k, v, len);
    *len = k->partlen[v];
    return k->part[v];
}
/* The tokens [k, j] looked up.  A token alone is looked up once for all
 * the tokens spelled alike, which then answer here. */
static inline const gz_post *gf_lookup_tokens(const ctx *c, size_t k, size_t j, size_t *n,
                                              gf_key *keyout)
{
    if (k != j)
        return gf_lookup_span(c, k, j, n, keyout);
    const tokkey *tk = c->ti[k].key;
    if (tk && tk->looked) {
        *n = tk->post ? tk->npost : 0;
        if (tk->post)
            gf_put_key(keyout, tk->part[0], tk->partlen[0], tk->hash);
        return tk->post;
    }
    return gf_lookup_token(c, k, n, keyout);
}
/* The type word ("province", "city") at token i. */
static inline unsigned gf_type_after(const ctx *c, size_t i, size_t sent_end)
{
    if (i >= sent_end)
        return 0;
    uint32_t lex = gf_tinfo(c, i)->lex;
    return (lex & LX_ADM1)   ? CUE_TYPE_ADM1
           : (lex & LX_ADM2) ? CUE_TYPE_ADM2
           : (lex & LX_TOWN) ? CUE_TYPE_TOWN | ((lex & LX_PART) ? CUE_TYPE_PART : 0)
                             : 0;
}

/* find.c: a new mention of tokens [t0, t1) at bytes [start, end) of
 * sentence `sent` (NULL when memory runs out); the candidates of the
 * gazetteer entries p[0..np) added to m (SR_ENOMEM or 0); the cues before
 * token i ("in", "near", "the city of"), CUE_* bits. */
gment *gf_new_mention(ctx *c, size_t sent, size_t t0, size_t t1, size_t start, size_t end);
int gf_candidates(ctx *c, gment *m, const gz_post *p, size_t np, int fuzzy);
unsigned gf_cue_before(const ctx *c, size_t i, size_t sent_tok);

/* fuzzy.c: tokens [k, e) of sentence si, which matched nothing, looked up
 * by their spellings one edit away where the setting says a place.
 * Returns SR_ENOMEM or SR_OK. */
int gf_try_fuzzy(ctx *c, size_t si, const sr_sentence *s, size_t k, size_t e);

/* people.c: names of persons. */
int gf_push_person(ctx *c, const char *key);
int gf_given_name(const ctx *c, size_t i);
/* A run that matched no place and reads as a person's name: its last word
 * is a surname.  *note (unless note is NULL) keeps what the run's own
 * words say (it is the run's, kept by runs.c: 0 until known). */
int gf_person_run(ctx *c, const sr_sentence *s, size_t ra, size_t rb, uint8_t *note);
int gf_person_cue(const ctx *c, const sr_sentence *s, size_t i);
int gf_person_names(ctx *c, size_t first, size_t ra, size_t rb);
int gf_speaks_as_person(ctx *c, size_t first);
/* Marks the one-word places whose word is a person's surname elsewhere. */
int gf_mark_persons(ctx *c);

/* runs.c: the mentions `match` finds in run [ra, rb) of sentence si
 * (before judging), appended to c->ments; kept per thread across
 * documents by all that the matching reads, and given back from there when
 * the same run comes again.  *note is the kept run's byte for
 * gf_person_run (NULL when not kept), good until the next run is matched.
 * Returns SR_ENOMEM or SR_OK. */
typedef int (*gf_matcher)(ctx *c, size_t si, size_t ra, size_t rb);
int gf_run_match(ctx *c, size_t si, size_t ra, size_t rb, gf_matcher match, uint8_t **note);
/* The runs [ra, rb) of a window of sentences, in the order gf_run_match
 * will be asked for them: each described once (gf_run_match takes its
 * description when asked for the same run next) and the lines of their
 * kept entries asked for all together, before the first is matched. */
enum { GF_RUN_PLAN = 256 };   /* runs planned at most */
typedef struct gf_run {
    size_t ra, rb;
    size_t si;        /* its sentence */
    int capital;      /* a run of capitals (else one hyphenated word's) */
} gf_run;
void gf_run_plan(const ctx *c, const gf_run *runs, size_t n);

/* relate.c: "X, Y", "X in Y", "the X district of Y", "X near Y". */
void gf_relate(ctx *c);

#endif
