/* Resolving tokens against the vocabulary and longest-match search over the
 * phrase tries.  Everything here only reads the set, so any number of
 * threads may match at once. */
#include "dict_int.h"

#include <stdlib.h>
#include <string.h>

/* What a sequence keeps of one token, as the word cache keeps it, so
 * that a cached word is one record copied.  Small on purpose: it is
 * copied per token and the cache holds thousands (no distinct word of
 * the evaluation texts has more than three candidates).  The word's own
 * id is not kept: resolve() puts it first, as an EXACT candidate. */
enum { TOK_CANDS = 4 };
typedef struct stok {
    uint32_t id[TOK_CANDS];  /* candidates (more than TOK_CANDS: sr_dict_seq.xid) */
    dwmask mask;             /* the candidates' masks ORed (see dwmask) */
    uint64_t synsig;         /* synsets the candidates start, bit (synset & 63) */
    uint8_t kind[TOK_CANDS];
    uint8_t n;               /* candidates */
} stok;

struct sr_dict_seq {
    size_t n;
    uint8_t *flags;          /* n SR_DICT_SEQ_* flags, or NULL when none is set */
    stok *tok;               /* n */
    uint32_t **xid;          /* n, or NULL: the candidates of a token with more */
    uint8_t **xkind;         /* than TOK_CANDS */
    uint16_t *starts;        /* n: sr_dict_seq_starts(), made with the sequence */
};

/* The candidates of token i: how many, their ids and kinds. */
static inline size_t tok_cands(const sr_dict_seq *s, size_t i, const uint32_t **ids,
                               const uint8_t **kinds)
{
    const stok *t = &s->tok[i];
    if (t->n <= TOK_CANDS) {
        *ids = t->id;
        *kinds = t->kind;
    } else {
        *ids = s->xid[i];
        *kinds = s->xkind[i];
    }
    return t->n;
}

/* ---- resolving ------------------------------------------------------------------ */

typedef struct cbuf {
    uint32_t id[64];
    uint8_t kind[64];
    size_t n;
} cbuf;

static void cb_add(cbuf *c, uint32_t id, int kind)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->id[i] == id)
            return;
    if (c->n < 64) {
        c->id[c->n] = id;
        c->kind[c->n++] = (uint8_t)kind;
    }
}

static int vowel(unsigned char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Whether w[0..n) can be the stem of an English word ending in E: two
 * letters or more with a vowel ("deplor", "us", "tak"; not "th" of "then"
 * or "sh" of "shed"). */
static int e_stem(const char *w, size_t n)
{
    if (n < 2)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (vowel((unsigned char)w[i]))
            return 1;
    return 0;
}

/* Longest word whose prefix hashes are kept on the stack; longer ones hash
 * each prefix again (slower, same result). */
enum { HPRE = 64 };

typedef struct phash {
    const char *w;
    uint32_t h[HPRE + 1];    /* h[k]: hash of w[0..k) */
    size_t n;
} phash;

static uint32_t ph_at(const phash *p, size_t k)
{
    return k <= HPRE && k <= p->n ? p->h[k] : voc_hash(p->w, k);
}

static uint32_t find_pre(const vocab *v, const phash *p, size_t k)
{
    return voc_find_in(v, p->w, k, ph_at(p, k));
}

/* Which regular ending w[0..n) has: s, es, ed, en, ing, in that order
 * (es after s: both apply to "uses").  Writes their lengths to sn and
 * returns how many. */
static size_t endings_of(const char *w, size_t n, size_t sn[3])
{
    size_t k = 0;
    char z = w[n - 1], y = n >= 2 ? w[n - 2] : 0;
    if (z == 's' && n > 1)
        sn[k++] = 1;
    if (n > 2 && y == 'e' && (z == 's' || z == 'd' || z == 'n'))
        sn[k++] = 2;
    if (n > 3 && z == 'g' && y == 'n' && w[n - 3] == 'i')
        sn[k++] = 3;
    return k;
}

/* The candidates of one folded word: itself, word minus a regular ending,
 * and (when any stem exists) every proper prefix that is a stem, longest
 * first.  A word ending in E shares the E of ed/es/en ("deplored" is
 * DEPLORE + d) and drops it before ing ("deploring").  At most 64 are kept,
 * which no real word approaches. */
static uint32_t resolve(const sr_dict *d, const char *w, size_t n, cbuf *c)
{
    const vocab *v = &d->voc;
    const uint8_t *fl = v->flags.p;
    c->n = 0;
    if (!v->n || !n)
        return 0;
    phash ph;
    ph.w = w;
    ph.n = n;
    ph.h[0] = 2166136261u;
    for (size_t k = 0; k < n && k < HPRE; k++)
        ph.h[k + 1] = voc_hash_step(ph.h[k], (unsigned char)w[k]);
    uint32_t exact = find_pre(v, &ph, n);
    if (exact)
        cb_add(c, exact, SR_DICT_K_EXACT);
    uint32_t drop_e = 0;
    size_t sns[3];
    size_t ne = endings_of(w, n, sns);
    for (size_t k = 0; k < ne; k++) {
        size_t sn = sns[k];
        uint32_t base = find_pre(v, &ph, n - sn);
        if (base)
            cb_add(c, base, SR_DICT_K_ENDING);
        if (!e_stem(w, n - sn))
            continue;
        if (w[n - sn] == 'e') {
            /* deplore + d: the word runs into the ending's E. */
            uint32_t id = find_pre(v, &ph, n - sn + 1);
            if (id)
                cb_add(c, id, SR_DICT_K_ENDING);
        } else if (w[n - sn] == 'i' && !vowel((unsigned char)w[n - sn - 1])) {
            /* deplor + ing: the E dropped. */
            uint32_t h = voc_hash_step(ph_at(&ph, n - sn), 'e');
            char buf[256];
            if (n - sn < sizeof buf) {
                memcpy(buf, w, n - sn);
                buf[n - sn] = 'e';
                drop_e = voc_find_in(v, buf, n - sn + 1, h);
            }
        }
    }
    if (drop_e)
        cb_add(c, drop_e, SR_DICT_K_ENDING_E);
    if ((v->used & WF_STEM) && d->pre_keys.n) {
        uint32_t found[64];
        size_t nf = 0;
        for (size_t i = 0; i + 1 < n; i++) {
            uint32_t h = ph_at(&ph, i + 1);
            unsigned pf = dict_pre_get(d, h);
            if (!pf)
                break; /* no stem starts with w[0..i] */
            if (!(pf & PRE_STEM) || ((unsigned char)w[i + 1] & 0xC0) == 0x80)
                continue;
            uint32_t id = voc_find_in(v, w, i + 1, h);
            if (id && (fl[id] & WF_STEM) && nf < 64)
                found[nf++] = id;
        }
        while (nf)
            cb_add(c, found[--nf], SR_DICT_K_PREFIX);
    }
    return exact;
}

/* ---- per-thread word cache ---------------------------------------------------
 *
 * News repeats its words across documents, and resolving one (exact id,
 * endings, stems) costs a dozen hash probes.  Each thread keeps the last
 * words seen in WC_SLOTS slots (pairs: see resolve_into), tagged with the
 * serial of the set that resolved it, so a freed set's entries can never
 * answer for a new one; an entry holds what a sequence position needs
 * (candidates and their masks ORed).  An entry is one cache line and
 * keys only words of up to WC_WORD bytes (longer ones are rare and
 * resolved each time): a megabyte, most of it cold (rare words).  Results are
 * identical with or without it. */
#include <stdatomic.h>

enum { WC_SLOTS = 16384, WC_WORD = 16 };

typedef struct wcent {
    _Alignas(64) uint64_t k0; /* the word's bytes (wc_key) */
    uint64_t k1;
    stok tok;                /* a word with more than TOK_CANDS candidates is not kept */
    uint32_t serial;         /* the set's serial (0: empty) */
    uint8_t len;
} wcent;

static _Thread_local wcent wcache[WC_SLOTS];
_Static_assert(sizeof(wcent) == 64, "a word-cache entry is one cache line");
static atomic_uint_fast64_t serials = 1;

/* Serials fit the entries' 32 bits; a set opened after four billion
 * others gets 0 and goes without the cache. */
uint64_t dict_next_serial(void)
{
    uint64_t s = atomic_fetch_add(&serials, 1);
    return s <= UINT32_MAX ? s : 0;
}

/* A hash of three words whose top bits are well mixed (the top bits of
 * a product depend on every bit of its factors): the caches take their
 * slots from them. */
static inline uint64_t mix3(uint64_t a, uint64_t b, uint64_t c)
{
    return (a * 0x9e3779b97f4a7c15ull) ^ (b * 0xc2b2ae3d27d4eb4full) ^ (c * 0x165667b19e3779f9ull);
}

/* A word of 1 to WC_WORD bytes as two words that, with its length, tell
 * it from every other: its first and last 8 (or 4) bytes, which overlap
 * or meet when it is shorter than 16 (8). */
static inline void wc_key(const char *w, size_t n, uint64_t *k0, uint64_t *k1)
{
    if (n >= 8) {
        memcpy(k0, w, 8);
        memcpy(k1, w + n - 8, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, w, 4);
        memcpy(&b, w + n - 4, 4);
        *k0 = a;
        *k1 = b;
    } else {
        uint64_t a = (unsigned char)w[0];
        if (n > 1)
            a |= (uint64_t)(unsigned char)w[1] << 8;
        if (n > 2)
            a |= (uint64_t)(unsigned char)w[2] << 16;
        *k0 = a;
        *k1 = 0;
    }
}

/* The candidates' masks ORed; before compiling there is no index and
 * anything may match. */
static dwmask mask_of(const sr_dict *d, const uint32_t *ids, size_t n)
{
    const dwmask *ws = d->wmask.p;
    dwmask mk = {0, 0, 0, 0};
    if (!ws)
        return (dwmask){0xFFFFu, 0xFFFFu, 0xFFFFu, 0xFFFFu};
    for (size_t k = 0; k < n; k++) {
        mk.start |= ws[ids[k]].start;
        mk.next |= ws[ids[k]].next;
        mk.gap |= ws[ids[k]].gap;
        mk.solo |= ws[ids[k]].solo;
    }
    return mk;
}

/* The synsets candidates ids[0..n) start, as bits (synset & 63): a clear
 * bit rules a synset out at the token without looking at its members
 * (synset_starts_at).  All set before compiling. */
static uint64_t synsig_of(const sr_dict *d, const uint32_t *ids, size_t n)
{
    const uint32_t *so = d->syn_off.p, *sids = d->syn_ids.p;
    if (!d->compiled || !so || !sids)
        return ~(uint64_t)0;
    uint64_t sig = 0;
    for (size_t k = 0; k < n; k++)
        if (ids[k] <= d->voc.n)
            for (uint32_t j = so[ids[k]]; j < so[ids[k] + 1]; j++)
                sig |= (uint64_t)1 << (sids[j] & 63);
    return sig;
}

/* resolve() into t (and c, which holds the candidates when there are more
 * than t has room for), remembered in e (keyed k0, k1) when not NULL;
 * kept out of line so the hit path below stays small. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void resolve_miss(const sr_dict *d, const char *w, size_t n, wcent *e, uint64_t k0,
                         uint64_t k1, stok *t, cbuf *c)
{
    memset(t, 0, sizeof *t);
    resolve(d, w, n, c);
    t->n = (uint8_t)c->n;
    if (c->n <= TOK_CANDS) {
        memcpy(t->id, c->id, c->n * sizeof *t->id);
        memcpy(t->kind, c->kind, c->n);
    }
    t->mask = mask_of(d, c->id, c->n);
    t->synsig = synsig_of(d, c->id, c->n);
    if (e && c->n <= TOK_CANDS) {
        e->serial = (uint32_t)d->serial;
        e->len = (uint8_t)n;
        e->k0 = k0;
        e->k1 = k1;
        e->tok = *t;
    }
}

/* Resolves w[0..n) into t through the cache (c as resolve_miss).  The
 * cache is two-way: a word is looked for in both slots of its pair, and a
 * new one goes into the first after moving what was there to the second
 * (a direct-mapped cache lost one word in eighteen to collisions on 50
 * articles read again).  serial: d's, or 0 to go without the cache. */
static inline void resolve_into(const sr_dict *d, uint32_t serial, const char *w, size_t n, stok *t,
                                cbuf *c)
{
    if (n - 1 >= WC_WORD || !serial) {
        resolve_miss(d, w, n, NULL, 0, 0, t, c);
        return;
    }
    uint64_t k0, k1;
    wc_key(w, n, &k0, &k1);
    wcent *e = &wcache[(mix3(k0, k1, n) >> 50) & (WC_SLOTS - 2)];
    if (e->k0 != k0 || e->k1 != k1 || e->len != n || e->serial != serial) {
        wcent *e1 = e + 1;
        if (e1->k0 != k0 || e1->k1 != k1 || e1->len != n || e1->serial != serial) {
            *e1 = *e;
            resolve_miss(d, w, n, e, k0, k1, t, c);
            return;
        }
        e = e1;
    }
    *t = e->tok;
}

/* Where a sequence's words come from: n items, each a word pointer, a
 * length and an optional possessive mark, every field read at its base
 * plus i times its stride (arrays or records alike). */
typedef struct wsrc {
    const char *w, *l, *f;   /* const char *, size_t, and uint8_t flags or int */
    size_t ws, ls, fs;
    int fint;                /* f holds ints (nonzero: possessive), not flags */
} wsrc;

static inline const char *src_word(const wsrc *src, size_t i, size_t *len)
{
    const char *w;
    memcpy(&w, src->w + i * src->ws, sizeof w);
    memcpy(len, src->l + i * src->ls, sizeof *len);
    return w;
}

static inline uint8_t src_flags(const wsrc *src, size_t i)
{
    if (!src->f)
        return 0;
    if (!src->fint)
        return (uint8_t)src->f[i * src->fs];
    int v;
    memcpy(&v, src->f + i * src->fs, sizeof v);
    return v ? SR_DICT_SEQ_POSS : 0;
}

static int seq_build(const sr_dict *d, sr_arena *a, size_t n, const wsrc *srcp, sr_dict_seq **out)
{
    /* A copy nothing else can point at, so that the loop keeps it in
     * registers. */
    const wsrc sv = *srcp, *src = &sv;
    if (!d || !a || !out)
        return SR_EINVAL;
    const uint32_t serial = (uint32_t)d->serial;
    sr_dict_seq *s = sr_arena_calloc(a, 1, sizeof *s);
    if (!s || n >= NONE32)
        return SR_ENOMEM;
    s->n = n;
    s->tok = sr_arena_alloc(a, (n ? n : 1) * sizeof *s->tok);
    s->starts = sr_arena_alloc(a, (n ? n : 1) * sizeof *s->starts);
    if (!s->tok || !s->starts)
        return SR_ENOMEM;
    cbuf c;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *w = src_word(src, i, &len);
        stok *t = &s->tok[i];
        uint8_t fl = src_flags(src, i);
        if (fl) {
            /* Flags are rare: the array is made at the first. */
            if (!s->flags && !(s->flags = sr_arena_calloc(a, n, 1)))
                return SR_ENOMEM;
            s->flags[i] = fl;
        }
        if (!w) {
            memset(t, 0, sizeof *t);
            t->mask = mask_of(d, NULL, 0);
        } else {
            resolve_into(d, serial, w, len, t, &c);
            if (t->n > TOK_CANDS) {
                /* Rare: a word with many stems.  Its candidates go beside. */
                if (!s->xid && (!(s->xid = sr_arena_calloc(a, n, sizeof *s->xid)) ||
                                !(s->xkind = sr_arena_calloc(a, n, sizeof *s->xkind))))
                    return SR_ENOMEM;
                s->xid[i] = sr_arena_alloc(a, c.n * sizeof *s->xid[i]);
                s->xkind[i] = sr_arena_alloc(a, c.n);
                if (!s->xid[i] || !s->xkind[i])
                    return SR_ENOMEM;
                memcpy(s->xid[i], c.id, c.n * sizeof *s->xid[i]);
                memcpy(s->xkind[i], c.kind, c.n);
            }
        }
        /* Where a phrase may start: a one-word phrase, or the next token
         * goes on with it (may_start's test without the pair filter). */
        if (i) {
            const dwmask *pm = &s->tok[i - 1].mask;
            s->starts[i - 1] =
                (uint16_t)(pm->start & (pm->solo | SR_DICT_START_SYNSET | t->mask.next | t->mask.gap));
        }
    }
    if (n) {
        const dwmask *pm = &s->tok[n - 1].mask;
        s->starts[n - 1] = (uint16_t)(pm->start & (pm->solo | SR_DICT_START_SYNSET));
    }
    *out = s;
    return 0;
}

int sr_dict_seq_new(const sr_dict *d, sr_arena *a, const sr_token *toks, size_t n,
                    sr_dict_seq **out)
{
    if (n && !toks)
        return SR_EINVAL;
    wsrc src = {toks ? (const char *)&toks->norm : NULL, toks ? (const char *)&toks->norm_len : NULL,
                NULL, sizeof *toks, sizeof *toks, 0, 0};
    return seq_build(d, a, n, &src, out);
}

int sr_dict_seq_from_words_flags(const sr_dict *d, sr_arena *a, const char *const *words,
                                 const size_t *lens, const uint8_t *flags, size_t n,
                                 sr_dict_seq **out)
{
    if (n && (!words || !lens))
        return SR_EINVAL;
    wsrc src = {(const char *)words, (const char *)lens, (const char *)flags,
                sizeof *words, sizeof *lens, 1, 0};
    return seq_build(d, a, n, &src, out);
}

int sr_dict_seq_from_records(const sr_dict *d, sr_arena *a, const void *base, size_t n,
                             size_t stride, size_t word_off, size_t len_off, size_t poss_off,
                             sr_dict_seq **out)
{
    if (n && !base)
        return SR_EINVAL;
    wsrc src = {NULL, NULL, NULL, stride, stride, stride, 1};
    if (base) {
        const char *b = base;
        src.w = b + word_off;
        src.l = b + len_off;
        src.f = poss_off == SIZE_MAX ? NULL : b + poss_off;
    }
    return seq_build(d, a, n, &src, out);
}

int sr_dict_seq_from_words(const sr_dict *d, sr_arena *a, const char *const *words,
                           const size_t *lens, size_t n, sr_dict_seq **out)
{
    return sr_dict_seq_from_words_flags(d, a, words, lens, NULL, n, out);
}

unsigned sr_dict_seq_flags(const sr_dict_seq *s, size_t i)
{
    return s && s->flags && i < s->n ? s->flags[i] : 0;
}

static int is_poss(const sr_dict_seq *s, size_t i)
{
    return s->flags && (s->flags[i] & SR_DICT_SEQ_POSS);
}

size_t sr_dict_seq_len(const sr_dict_seq *s) { return s ? s->n : 0; }

uint32_t sr_dict_seq_word(const sr_dict_seq *s, size_t i)
{
    if (!s || i >= s->n || !s->tok[i].n)
        return 0;
    const uint32_t *ci;
    const uint8_t *ck;
    tok_cands(s, i, &ci, &ck);
    return ck[0] == SR_DICT_K_EXACT ? ci[0] : 0;
}

size_t sr_dict_seq_cands(const sr_dict_seq *s, size_t i, const uint32_t **ids, const uint8_t **kinds)
{
    if (!s || i >= s->n || !s->tok[i].n)
        return 0;
    const uint32_t *ci;
    const uint8_t *ck;
    size_t n = tok_cands(s, i, &ci, &ck);
    if (ids)
        *ids = ci;
    if (kinds)
        *kinds = ck;
    return n;
}

/* ---- matching ----------------------------------------------------------------------- */

/* May a token of this kind stand for a word stored with this mode? */
static int accepts(int mode, int kind, unsigned flags)
{
    switch (kind) {
    case SR_DICT_K_EXACT:
        return 1;
    case SR_DICT_K_ENDING:
        return mode == SR_DICT_W_ENDINGS || mode == SR_DICT_W_STEM ||
               (mode == SR_DICT_W_EXACT && (flags & SR_DICT_M_ENDINGS));
    case SR_DICT_K_ENDING_E:
        return mode == SR_DICT_W_ENDINGS || (mode == SR_DICT_W_EXACT && (flags & SR_DICT_M_ENDINGS));
    default:
        return mode == SR_DICT_W_STEM && !(flags & SR_DICT_M_NO_STEMS);
    }
}

int sr_dict_word_matches(const sr_dict *d, const sr_dict_seq *s, size_t i, uint32_t word, int mode,
                         const sr_dict_match_opts *o)
{
    if (!d || !s || i >= s->n || !word)
        return 0;
    unsigned flags = o ? o->flags : 0;
    /* A pattern word takes a possessive only as a stem, by prefix. */
    if (is_poss(s, i) && (mode != SR_DICT_W_STEM || (flags & SR_DICT_M_NO_STEMS)))
        return 0;
    const uint32_t *ci;
    const uint8_t *ck;
    for (size_t k = 0, nc = tok_cands(s, i, &ci, &ck); k < nc; k++)
        if (ci[k] == word && accepts(mode, ck[k], flags))
            return 1;
    return 0;
}

typedef struct mstate {
    uint32_t node, nwords, chars;
    size_t pos;
    int closed;              /* the last word carried a possessive: the phrase
                              * ends here unless it spells the possessive out */
} mstate;

typedef struct mstack {
    mstate local[128];
    mstate *items;
    size_t n, cap;
    int heap;
} mstack;

static int ms_grow(mstack *st)
{
    size_t nc = st->cap * 2;
    mstate *ni = st->heap ? sr_realloc(st->items, nc * sizeof *ni) : sr_malloc(nc * sizeof *ni);
    if (!ni)
        return SR_ENOMEM;
    if (!st->heap)
        memcpy(ni, st->items, st->n * sizeof *ni);
    st->items = ni;
    st->cap = nc;
    st->heap = 1;
    return 0;
}

static inline int ms_push(mstack *st, uint32_t node, size_t pos, uint32_t nwords, uint32_t chars,
                          int closed)
{
    if (st->n == st->cap && ms_grow(st))
        return SR_ENOMEM;
    st->items[st->n++] = (mstate){node, nwords, chars, pos, closed};
    return 0;
}

/* For each candidate kind, the word modes (bits 1 << mode) that accept it
 * under flags: accepts() for all modes at once. */
static void accept_masks(unsigned flags, unsigned acc[4])
{
    unsigned ex = (flags & SR_DICT_M_ENDINGS) ? 1u << SR_DICT_W_EXACT : 0;
    acc[SR_DICT_K_EXACT] = (1u << W_NMODES) - 1;
    acc[SR_DICT_K_ENDING] = 1u << SR_DICT_W_ENDINGS | 1u << SR_DICT_W_STEM | ex;
    acc[SR_DICT_K_ENDING_E] = 1u << SR_DICT_W_ENDINGS | ex;
    acc[SR_DICT_K_PREFIX] = (flags & SR_DICT_M_NO_STEMS) ? 0 : 1u << SR_DICT_W_STEM;
}

enum { MATCH_BUDGET = 65536 };

static int better(const sr_dict_match *a, const sr_dict_match *b)
{
    if (a->nwords != b->nwords)
        return a->nwords > b->nwords;
    if (a->chars != b->chars)
        return a->chars > b->chars;
    if (a->end != b->end)
        return a->end < b->end;
    return a->phrase < b->phrase;
}

/* Whether some candidate of token i and some of token i + 1 are the first
 * two words of a phrase of the table (bit): a "maybe" of the pair filter. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int pair_may(const sr_dict *d, const sr_dict_seq *s, unsigned tbit, size_t i)
{
    const uint64_t *pairs = d->pairs.p;
    if (!pairs)
        return 0;
    const uint32_t *ia, *ib;
    const uint8_t *ka, *kb;
    size_t na = tok_cands(s, i, &ia, &ka), nb = tok_cands(s, i + 1, &ib, &kb);
    for (size_t a = 0; a < na; a++)
        for (size_t b = 0; b < nb; b++) {
            size_t x = pair_bit(tbit, ia[a], ib[b], d->pair_mask);
            if ((pairs[x >> 6] >> (x & 63)) & 1)
                return 1;
        }
    return 0;
}

/* Whether token i + 1 (of n) may go on with a phrase of the table (bit)
 * that starts at token i: its masks and the pair filter allow it. */
static inline int cont_at(const sr_dict *d, const sr_dict_seq *s, unsigned tbit, size_t i, size_t n)
{
    return i + 1 < n && ((s->tok[i + 1].mask.next | s->tok[i + 1].mask.gap) & tbit) &&
           (!d->wmask.p || pair_may(d, s, tbit, i));
}

/* poss_ok: whether a word with a possessive may end a phrase (not in the
 * verb table). */
/* tbit: the table's bit in the seq masks (1 << table, SR_DICT_START_SYNSET). */
/* The search of match_from past its one-word shortcut: a stack of trie
 * nodes and positions.  Out of line, so that the shortcut sets up no
 * stack. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int match_full(const sr_dict *d, uint32_t root, unsigned tbit, const sr_dict_seq *s, size_t i,
                      size_t n, const unsigned acc[4], size_t max_gap, int poss_ok, sr_dict_match *m)
{
    const uint32_t *pay = d->tr.payload.p;
    const uint8_t *nf = d->tr.nflags.p;
    const uint32_t *wlen = d->voc.len.p;
    const uint8_t *wf = d->voc.flags.p; /* modes each word is stored with */
    const trie *tr = &d->tr;
    mstack st;
    st.items = st.local;
    st.n = 0;
    st.cap = sizeof st.local / sizeof st.local[0];
    st.heap = 0;
    sr_dict_match best;
    int found = 0, rc = 0;
    long budget = MATCH_BUDGET;
    ms_push(&st, root, i, 0, 0, 0);
    while (st.n && budget > 0) {
        mstate cur = st.items[--st.n];
        if (cur.nwords && pay[cur.node] != NONE32) {
            sr_dict_match c = {pay[cur.node], pay[cur.node], i, cur.pos, cur.nwords, cur.chars};
            const dphrase *ph = &DV(d->phrases, dphrase)[c.phrase];
            c.entry = ph->entry;
            if (!found || better(&c, &best)) {
                best = c;
                found = 1;
            }
        }
        unsigned nfl = nf[cur.node];
        if (!(nfl & NF_CHILD))
            continue;
        if (cur.closed) {
            /* After "john's" only a phrase that writes the possessive
             * (SAINT_JOHN'S_) goes on; the 's stands at the same token. */
            for (int q = 0; q < 2; q++) {
                uint32_t pw = d->poss_word[q];
                for (int mode = 0; pw && mode < W_NMODES; mode++) {
                    if (!(wf[pw] & (1u << mode)))
                        continue;
                    budget--;
                    uint32_t ch = trie_child_in(tr, cur.node, trie_key(pw, (unsigned)mode, 0));
                    if (ch != NONE32 &&
                        (rc = ms_push(&st, ch, cur.pos, cur.nwords + 1, cur.chars + wlen[pw], 0)))
                        goto out;
                }
            }
            continue;
        }
        /* Words glued to the last one, or free to follow at once: edge
         * keys with gap 0 and (after the first word) gap 1, where the node
         * has such edges. */
        unsigned gaps = !cur.nwords ? 1u : ((nfl & NF_ADJ) ? 1u : 0u) | ((nfl & NF_GAP) ? 2u : 0u);
        if (cur.pos < n && gaps &&
            (!cur.nwords || ((s->tok[cur.pos].mask.next | s->tok[cur.pos].mask.gap) & tbit))) {
            int pp = is_poss(s, cur.pos);
            const uint32_t *ci;
            const uint8_t *ck;
            size_t nc = tok_cands(s, cur.pos, &ci, &ck);
            for (size_t k = 0; k < nc && (poss_ok || !pp); k++) {
                uint32_t w = ci[k];
                unsigned modes = wf[w] & acc[ck[k] & 3];
                if (pp)
                    modes &= ~(1u << W_WHOLE);
                for (; modes; modes &= modes - 1) {
                    unsigned mode = (unsigned)__builtin_ctz(modes);
                    for (unsigned gap = 0; gap < 2; gap++) {
                        if (!(gaps & (1u << gap)))
                            continue;
                        budget--;
                        uint32_t ch = trie_child_in(tr, cur.node, trie_key(w, mode, gap));
                        if (ch != NONE32 &&
                            (rc = ms_push(&st, ch, cur.pos + 1, cur.nwords + 1, cur.chars + wlen[w],
                                          pp)))
                            goto out;
                    }
                }
            }
        }
        /* Words after a blank connector may come later in the range. */
        if (cur.nwords && (nfl & NF_GAP) && max_gap) {
            for (size_t p = cur.pos + 1; p < n && p - cur.pos <= max_gap && budget > 0; p++) {
                if (!(s->tok[p].mask.gap & tbit))
                    continue;
                int pp = is_poss(s, p);
                if (pp && !poss_ok)
                    continue;
                const uint32_t *ci;
                const uint8_t *ck;
                for (size_t k = 0, nc = tok_cands(s, p, &ci, &ck); k < nc; k++) {
                    uint32_t w = ci[k];
                    unsigned modes = wf[w] & acc[ck[k] & 3];
                    if (pp)
                        modes &= ~(1u << W_WHOLE);
                    for (; modes; modes &= modes - 1) {
                        budget--;
                        uint32_t ch = trie_child_in(
                            tr, cur.node, trie_key(w, (unsigned)__builtin_ctz(modes), 1));
                        if (ch != NONE32 &&
                            (rc = ms_push(&st, ch, p + 1, cur.nwords + 1, cur.chars + wlen[w], pp)))
                            goto out;
                    }
                }
            }
        }
    }
out:
    if (st.heap)
        free(st.items);
    if (rc)
        return rc;
    if (found)
        *m = best;
    return found;
}

/* The one-word phrases of the table (root) that token i starts, for
 * when no word after it may go on with one: the same lookups in the same
 * order as match_full makes, without its stack.  Returns 1 with the
 * longest in *m, 0 for none, or -1 when a child that a blank connector
 * may lead on from calls for the full search. */
static int one_scan(const sr_dict *d, uint32_t root, const sr_dict_seq *s, size_t i,
                    const unsigned acc[4], size_t max_gap, sr_dict_match *m)
{
    const uint32_t *pay = d->tr.payload.p;
    const uint8_t *nf = d->tr.nflags.p;
    const uint32_t *wlen = d->voc.len.p;
    const uint8_t *wf = d->voc.flags.p;
    const trie *tr = &d->tr;
    sr_dict_match best;
    int found = 0;
    const uint32_t *ci;
    const uint8_t *ck;
    for (size_t k = 0, nc = tok_cands(s, i, &ci, &ck); k < nc; k++) {
        uint32_t w = ci[k];
        for (unsigned modes = wf[w] & acc[ck[k] & 3]; modes; modes &= modes - 1) {
            uint32_t ch = trie_child_in(tr, root, trie_key(w, (unsigned)__builtin_ctz(modes), 0));
            if (ch == NONE32)
                continue;
            if ((nf[ch] & NF_GAP) && max_gap)
                return -1;
            if (pay[ch] == NONE32)
                continue;
            sr_dict_match c = {DV(d->phrases, dphrase)[pay[ch]].entry, pay[ch], i, i + 1, 1,
                               wlen[w]};
            if (!found || better(&c, &best)) {
                best = c;
                found = 1;
            }
        }
    }
    if (found)
        *m = best;
    return found;
}

/* ---- per-thread one-word memo -------------------------------------------------
 *
 * What one_scan finds for a table depends only on the token's candidates
 * (and the set): most positions typed are words no longer phrase may
 * start at, and the same words come back sentence after sentence, so
 * each thread keeps the last results of sr_dict_match_best's tables by
 * candidates, tagged with the set's serial as the word cache is.  Results
 * are identical with or without it. */
enum { OM_SLOTS = 8192 };

/* 32 bytes; two-way as the word cache is (the first words of a few
 * thousand distinct results ran over a direct-mapped table of 4096). */
typedef struct omemo {
    uint64_t ids0, ids1;     /* the candidates' ids (0 past n) */
    uint32_t serial;         /* the set's (0: empty) */
    uint16_t tag;            /* kinds, n, table, as om_tag makes it */
    int16_t res;             /* one_scan's return */
    uint32_t phrase, chars;  /* its match when res is 1 */
} omemo;

static _Thread_local omemo omemo_tab[OM_SLOTS];
_Static_assert(sizeof(omemo) == 32, "two memo entries a cache line");

/* Kinds (2 bits each), candidates (3 bits) and table (4 bits). */
static inline uint16_t om_tag(const stok *t, int tb)
{
    unsigned k = 0;
    for (int j = 0; j < TOK_CANDS; j++)
        k |= (unsigned)(t->kind[j] & 3) << (2 * j);
    return (uint16_t)(k | (unsigned)t->n << 8 | (unsigned)tb << 11);
}
_Static_assert(TOK_CANDS == 4 && SR_DICT_T__COUNT <= 16, "om_tag's fields");

/* one_scan for table tb without options (match_best's searches), through
 * the memo. */
static int one_word(const sr_dict *d, int tb, const sr_dict_seq *s, size_t i, const unsigned acc[4],
                    sr_dict_match *m)
{
    const stok *t = &s->tok[i];
    uint32_t serial = (uint32_t)d->serial;
    if (t->n > TOK_CANDS || !serial)
        return one_scan(d, d->roots[tb], s, i, acc, SIZE_MAX, m);
    uint64_t ids0, ids1;
    uint16_t tag = om_tag(t, tb);
    memcpy(&ids0, t->id, 8);
    memcpy(&ids1, t->id + 2, 8);
    omemo *e = &omemo_tab[(mix3(ids0, ids1, tag) >> 50) & (OM_SLOTS - 2)];
    if (e->ids0 != ids0 || e->ids1 != ids1 || e->tag != tag || e->serial != serial) {
        omemo *e1 = e + 1;
        if (e1->ids0 != ids0 || e1->ids1 != ids1 || e1->tag != tag || e1->serial != serial) {
            *e1 = *e;
            sr_dict_match c;
            int r = one_scan(d, d->roots[tb], s, i, acc, SIZE_MAX, &c);
            *e = (omemo){ids0, ids1, serial, tag, (int16_t)r, 0, 0};
            if (r == 1) {
                e->phrase = c.phrase;
                e->chars = c.chars;
            }
        } else {
            e = e1;
        }
    }
    if (e->res == 1)
        *m = (sr_dict_match){DV(d->phrases, dphrase)[e->phrase].entry, e->phrase, i, i + 1, 1,
                             e->chars};
    return e->res;
}

/* cont: whether token i + 1 may go on with a phrase of the table
 * (cont_at), or -1 when the caller has not asked. */
static int match_from(const sr_dict *d, uint32_t root, unsigned tbit, const sr_dict_seq *s, size_t i,
                      size_t n, const sr_dict_match_opts *o, int poss_ok, int cont, sr_dict_match *m)
{
    if (n > s->n)
        n = s->n;
    if (i >= n || !d->tr.cap)
        return 0;
    unsigned flags = o ? o->flags : 0;
    size_t max_gap = o ? o->max_gap : SIZE_MAX;
    if (flags & SR_DICT_M_NO_GAPS)
        max_gap = 0;
    unsigned acc[4];
    accept_masks(flags, acc);
    if (is_poss(s, i) || (cont >= 0 ? cont : cont_at(d, s, tbit, i, n)))
        return match_full(d, root, tbit, s, i, n, acc, max_gap, poss_ok, m);
    /* The usual case: no word after this one goes on with a phrase of
     * the table, so only one-word phrases can match. */
    int r = one_scan(d, root, s, i, acc, max_gap, m);
    return r >= 0 ? r : match_full(d, root, tbit, s, i, n, acc, max_gap, poss_ok, m);
}

/* Whether a phrase of the table (bit) may start at token i and end by n:
 * its first word starts one and either may end it alone (or go on past a
 * gap or a possessive) or token i + 1 may go on with it.  *cont gets
 * cont_at() when it was asked, else -1, for match_from. */
static int may_start(const sr_dict *d, const sr_dict_seq *s, unsigned tbit, size_t i, size_t n,
                     int *cont)
{
    *cont = -1;
    if (n > s->n)
        n = s->n;
    if (i >= n || !(s->tok[i].mask.start & tbit))
        return 0;
    if (s->tok[i].mask.solo & tbit)
        return 1;
    return *cont = cont_at(d, s, tbit, i, n);
}

int sr_dict_match_longest(const sr_dict *d, int table, const sr_dict_seq *s, size_t i, size_t n,
                          const sr_dict_match_opts *o, sr_dict_match *m)
{
    if (!d || table < 0 || table >= SR_DICT_T__COUNT || !d->compiled || !s || !m)
        return SR_EINVAL;
    int cont;
    if (!may_start(d, s, 1u << table, i, n, &cont))
        return 0;
    return match_from(d, d->roots[table], 1u << table, s, i, n, o, table != SR_DICT_T_VERBS, cont, m);
}

/* sr_dict_match_best past the tables' start bits; out of line, so that
 * the usual call (a word no phrase starts at) saves no registers. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int match_best_at(const sr_dict *d, const sr_dict_seq *s, size_t i, size_t n,
                         unsigned starts, const signed char *rank, sr_dict_match *m, int *table)
{
    int found = 0, best_rank = 0;
    unsigned acc[4];
    accept_masks(0, acc);
    if (n > s->n)
        n = s->n;
    if (i >= n || !d->tr.cap)
        return 0;
    for (; starts; starts &= starts - 1) {
        int tb = __builtin_ctz(starts);
        sr_dict_match c;
        int cont;
        if (!may_start(d, s, 1u << tb, i, n, &cont))
            continue;
        /* match_from without options, the one-word case through the memo. */
        int r = -1;
        if (!is_poss(s, i) && !(cont >= 0 ? cont : cont_at(d, s, 1u << tb, i, n)))
            r = one_word(d, tb, s, i, acc, &c);
        if (r < 0)
            r = match_full(d, d->roots[tb], 1u << tb, s, i, n, acc, SIZE_MAX, tb != SR_DICT_T_VERBS, &c);
        if (r != 1)
            continue;
        if (!found || c.nwords > m->nwords ||
            (c.nwords == m->nwords &&
             (c.chars > m->chars || (c.chars == m->chars && rank[tb] < best_rank)))) {
            *m = c;
            best_rank = rank[tb];
            *table = tb;
            found = 1;
        }
    }
    return found;
}

int sr_dict_match_best(const sr_dict *d, const sr_dict_seq *s, size_t i, size_t n,
                       unsigned tables, const signed char *rank, sr_dict_match *m, int *table)
{
    if (!s || i >= s->n)
        return 0;
    unsigned starts = s->starts[i] & tables & ((1u << SR_DICT_T__COUNT) - 1);
    if (!starts || !d || !d->compiled || !m || !rank)
        return 0;
    return match_best_at(d, s, i, n, starts, rank, m, table);
}

static int synset_starts_at(const sr_dict *d, uint32_t synset, const sr_dict_seq *s, size_t i)
{
    const stok *t = &s->tok[i];
    if (!(t->mask.start & SR_DICT_START_SYNSET) || !((t->synsig >> (synset & 63)) & 1))
        return 0;
    const uint32_t *so = d->syn_off.p, *ids = d->syn_ids.p;
    const uint32_t *ci;
    const uint8_t *ck;
    for (size_t k = 0, nc = tok_cands(s, i, &ci, &ck); k < nc; k++) {
        uint32_t w = ci[k];
        for (uint32_t j = so[w]; j < so[w + 1]; j++)
            if (ids[j] == synset)
                return 1;
    }
    return 0;
}

int sr_dict_synset_match(const sr_dict *d, uint32_t synset, const sr_dict_seq *s, size_t i, size_t n,
                         const sr_dict_match_opts *o, sr_dict_match *m)
{
    if (!d || !d->compiled || synset >= d->synsets.n || !s || !m)
        return SR_EINVAL;
    int cont;
    if (!may_start(d, s, SR_DICT_START_SYNSET, i, n, &cont) || !synset_starts_at(d, synset, s, i))
        return 0;
    return match_from(d, DV(d->synsets, dsynset)[synset].root, SR_DICT_START_SYNSET, s, i, n, o, 1,
                      cont, m);
}

unsigned sr_dict_seq_starts(const sr_dict_seq *s, size_t i)
{
    return s && i < s->n ? s->starts[i] : 0;
}

const uint16_t *sr_dict_seq_starts_all(const sr_dict_seq *s) { return s ? s->starts : NULL; }

int sr_dict_synset_may_start(const sr_dict *d, uint32_t synset, const sr_dict_seq *s, size_t i)
{
    if (!d || !d->compiled || !s || i >= s->n || synset >= d->synsets.n)
        return 0;
    return synset_starts_at(d, synset, s, i);
}

size_t sr_dict_synsets_starting(const sr_dict *d, uint32_t word, const uint32_t **ids)
{
    if (!d || !d->compiled || !word || word > d->voc.n)
        return 0;
    const uint32_t *so = d->syn_off.p;
    size_t n = so[word + 1] - so[word];
    if (ids)
        *ids = n ? DV(d->syn_ids, uint32_t) + so[word] : NULL;
    return n;
}

void sr_dict_seq_bloom(const sr_dict *d, const sr_dict_seq *s, sr_dict_bloom *out)
{
    memset(out->bits, 0, sizeof out->bits);
    out->bits[128] = ~0ull;
    if (!d || !s || !d->compiled)
        return;
    const uint32_t *so = d->syn_off.p, *sids = d->syn_ids.p;
    for (size_t i = 0; i < s->n; i++) {
        int syn = (s->tok[i].mask.start & SR_DICT_START_SYNSET) != 0;
        const uint32_t *ci;
        const uint8_t *ck;
        for (size_t k = 0, nc = tok_cands(s, i, &ci, &ck); k < nc; k++) {
            uint32_t w = ci[k], b = sr_dict_bloom_bit(w);
            out->bits[b >> 6] |= 1ull << (b & 63);
            if (!syn || w > d->voc.n)
                continue;
            for (uint32_t j = so[w]; j < so[w + 1]; j++) {
                b = sr_dict_bloom_bit(SR_DICT_NEED_SYNSET | sids[j]);
                out->bits[b >> 6] |= 1ull << (b & 63);
            }
        }
    }
}

size_t sr_dict_seq_find_word(const sr_dict *d, const sr_dict_seq *s, const size_t *at,
                             size_t from, size_t to, uint32_t word, int mode)
{
    if (!d || !s || !word)
        return to;
    /* The candidate kinds the mode accepts (accepts() without flags), and
     * whether a possessive may stand (stems only). */
    unsigned ok = 1u << SR_DICT_K_EXACT;
    if (mode == SR_DICT_W_ENDINGS || mode == SR_DICT_W_STEM)
        ok |= 1u << SR_DICT_K_ENDING;
    if (mode == SR_DICT_W_ENDINGS)
        ok |= 1u << SR_DICT_K_ENDING_E;
    if (mode == SR_DICT_W_STEM)
        ok |= 1u << SR_DICT_K_PREFIX;
    int poss_ok = mode == SR_DICT_W_STEM;
    for (size_t j = from; j < to; j++) {
        size_t i = at[j];
        if (i >= s->n || (!poss_ok && is_poss(s, i)))
            continue;
        const uint32_t *ci;
        const uint8_t *ck;
        for (size_t k = 0, nc = tok_cands(s, i, &ci, &ck); k < nc; k++)
            if (ci[k] == word && ((ok >> ck[k]) & 1))
                return j;
    }
    return to;
}

size_t sr_dict_seq_find_synset(const sr_dict *d, const sr_dict_seq *s, const size_t *at,
                               size_t from, size_t to, uint32_t synset)
{
    if (!d || !d->compiled || !s || synset >= d->synsets.n)
        return to;
    /* The signature rules most tokens out before synset_starts_at runs. */
    uint64_t bit = (uint64_t)1 << (synset & 63);
    for (size_t j = from; j < to; j++) {
        size_t i = at[j];
        if (i < s->n && (s->tok[i].mask.start & SR_DICT_START_SYNSET) &&
            (s->tok[i].synsig & bit) && synset_starts_at(d, synset, s, i))
            return j;
    }
    return to;
}
