/* Resolving tokens against the vocabulary: each token's candidates, kept
 * per thread in a word cache, make a sentence's dictionary sequence.  Only
 * reads the set, so any number of threads may resolve at once. */
#include "seq_int.h"

#include <stdlib.h>
#include <string.h>

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
 * words seen in WC_SLOTS slots (pairs: see resolve_at), all resolved by
 * one set: the cache is emptied when a sequence of another set is made
 * (by serial, so that a freed set's entries can never answer for a new
 * one).  An entry holds what a sequence position needs (candidates and
 * their masks ORed) and gives the word a number (rid) no other word of
 * the thread gets, so that later stages can key memos by words.  An entry
 * is one cache line and keys only words of up to WC_WORD bytes (longer
 * ones are rare and resolved each time): a megabyte, most of it cold (rare
 * words).  Results are identical with or without it. */
#include <stdatomic.h>

enum { WC_SLOTS = 16384, WC_WORD = 16 };
/* The rids of the word-number memo's words (below) are NUM_RID | their
 * number; the word cache's stay under it. */
#define NUM_RID 0x80000000u

typedef struct wcent {
    _Alignas(64) uint64_t k0; /* the word's bytes (wc_key), with tok.len (0: empty) */
    uint64_t k1;
    stok tok;                /* a word with more than TOK_CANDS candidates is not kept */
} wcent;

/* Mapped on the thread's first sequence (wc_map), not a static
 * thread-local array: the loader zeroed that megabyte page by page at
 * every start (256 page faults, some 3 ms of a short run). */
static _Thread_local wcent *wcache;
_Static_assert(sizeof(wcent) == 64, "a word-cache entry is one cache line");
static _Thread_local uint32_t wc_serial; /* the set the entries are of (0: none yet) */
static _Thread_local uint32_t wc_rid;    /* the last rid given */
_Thread_local uint64_t dict_wc_tid;
static atomic_uint_fast64_t serials = 1, tids = 1;

/* A rid for a word going into the cache.  When they run out (after four
 * billion misses), the cache and the memos keyed by rids start again
 * under a new thread number, so that no rid names two words. */
static uint32_t wc_next_rid(void)
{
    if (++wc_rid == NUM_RID) {
        memset(wcache, 0, WC_SLOTS * sizeof *wcache);
        dict_memo_flush();
        dict_wc_tid = atomic_fetch_add(&tids, 1);
        wc_rid = 1;
    }
    return wc_rid;
}

/* Serials fit the entries' 32 bits; a set opened after four billion
 * others gets 0 and goes without the cache. */
uint64_t dict_next_serial(void)
{
    uint64_t s = atomic_fetch_add(&serials, 1);
    return s <= UINT32_MAX ? s : 0;
}

/* A word of 1 to WC_WORD bytes as two words that, with its length, tell
 * it from every other: its first and last 8 (or 4) bytes, which overlap
 * or meet when it is shorter than 16 (8), and a word of 3 bytes or fewer
 * whole. */
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
        /* First, middle and last byte: all of a word of 1 to 3. */
        *k0 = (uint64_t)(unsigned char)w[0] | (uint64_t)(unsigned char)w[n >> 1] << 8 |
              (uint64_t)(unsigned char)w[n - 1] << 16;
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
    /* (a loop: one to TOK_CANDS items, which two calls of memcpy cost more
     * to copy) */
    for (size_t k = 0; c->n <= TOK_CANDS && k < c->n; k++) {
        t->id[k] = c->id[k];
        t->kind[k] = c->kind[k];
    }
    t->mask = mask_of(d, c->id, c->n);
    t->synsig = synsig_of(d, c->id, c->n);
    tok_memo(d, t, c->id, c->kind, c->n);
    t->len = (uint8_t)n;
    if (e && c->n <= TOK_CANDS) {
        t->rid = wc_next_rid();
        e->k0 = k0;
        e->k1 = k1;
        e->tok = *t;
    }
}

/* The pair of slots a word of 1 to WC_WORD bytes takes (its first), with
 * its key.  Two products: the top bits of each depend on every bit of
 * its word; the length is left out (words that differ only in it share
 * a pair, which holds both). */
static inline size_t wc_slot(const char *w, size_t n, uint64_t *k0, uint64_t *k1)
{
    wc_key(w, n, k0, k1);
    return (size_t)(((*k0 * 0x9e3779b97f4a7c15ull) ^ (*k1 * 0xc2b2ae3d27d4eb4full)) >> 50) &
           (WC_SLOTS - 2);
}

/* Whether cache entry e holds the word keyed k0, k1 of n bytes (1 or
 * more: an empty entry's length is 0). */
static inline int wc_holds(const wcent *e, uint64_t k0, uint64_t k1, size_t n)
{
    return e->k0 == k0 && e->k1 == k1 && e->tok.len == n;
}

/* Where a sequence's words come from: n items, each a word pointer, a
 * length and an optional possessive mark, every field read at its base
 * plus i times its stride (arrays or records alike). */
typedef struct wsrc {
    const char *w, *l, *f;   /* const char *, size_t, and uint8_t flags or int */
    size_t ws, ls, fs;
    int fint;                /* f holds ints (nonzero: possessive), not flags */
    const char *id;          /* uint32_t word numbers complemented (~number; numbers 0
                              * and from nid: none), stride ws, or NULL */
    uint32_t nid;            /* the numbers are below it */
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
    if (!src->fint)
        return (uint8_t)src->f[i * src->fs];
    int v;
    memcpy(&v, src->f + i * src->fs, sizeof v);
    return v ? SR_DICT_SEQ_POSS : 0;
}

/* ---- the word-number memo -----------------------------------------------
 *
 * A word may come with a number an earlier stage gave it, one lookup for
 * every stage (the facts index numbers the tokens that are words of its
 * table, its own and the spellings other stages offered it: two words in
 * three of news): each thread keeps what resolving a numbered word gave
 * in lm.pool at lm.ix[number] - 1, read by number with no key, hash or
 * compare (the word cache's lookup cost twice the copy), for the set it
 * was made for.  Its rid is NUM_RID | number, so numbers must name the
 * same words for the life of the process.  The pool fills in the order
 * words are first seen, so the common words share a few lines.  Results
 * are identical with or without it. */
#include <pthread.h>
#include <sys/mman.h>

typedef struct lmemo {
    uint32_t *ix;            /* per number: pool index + 1, 0 not yet, LM_NO not kept */
    stok *pool;              /* nid entries: never moves */
    uint32_t n, nid;         /* pool used; numbers ix has room for */
    uint32_t serial;         /* the set's (0: none yet) */
} lmemo;
enum { LM_NO = UINT32_MAX };

static _Thread_local lmemo lm;
static pthread_key_t lm_key;
static pthread_once_t lm_once = PTHREAD_ONCE_INIT;

static void lm_free(void *p)
{
    (void)p;
    free(lm.ix);
    free(lm.pool);
    memset(&lm, 0, sizeof lm);
    if (wcache)
        munmap(wcache, WC_SLOTS * sizeof *wcache);
    wcache = NULL;
}

static int lm_key_ok;   /* (0 is a key like any other) */

static void lm_key_make(void) { lm_key_ok = !pthread_key_create(&lm_key, lm_free); }

/* Maps the thread's word cache (zero pages, filled as touched), unmapped
 * by lm_free when the thread ends; 0 when it cannot (memory). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int wc_map(void)
{
    pthread_once(&lm_once, lm_key_make);
    if (!lm_key_ok)
        return 0;
    void *p = mmap(NULL, WC_SLOTS * sizeof *wcache, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return 0;
    if (pthread_setspecific(lm_key, &lm)) {
        munmap(p, WC_SLOTS * sizeof *wcache);
        return 0;
    }
    wcache = p;
    return 1;
}

/* Makes the memo serve set d, for word numbers below nid; 0 when it
 * cannot (memory). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int lm_start(const sr_dict *d, uint32_t nid)
{
    pthread_once(&lm_once, lm_key_make);
    if (!lm.ix && lm_key_ok)
        pthread_setspecific(lm_key, &lm); /* frees it when the thread ends */
    if (nid > lm.nid) {
        free(lm.ix);
        free(lm.pool);
        lm.nid = 0;
        lm.pool = malloc(nid * sizeof *lm.pool);
        if (!(lm.ix = calloc(nid, sizeof *lm.ix)) || !lm.pool)
            return 0;
        lm.nid = nid;
    } else {
        memset(lm.ix, 0, lm.nid * sizeof *lm.ix);
    }
    lm.n = 0;
    lm.serial = (uint32_t)d->serial;
    return 1;
}

/* Resolves word w[0, n) of number id into t and keeps it in the memo. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void lm_miss(const sr_dict *d, uint32_t id, const char *w, size_t n, stok *t, cbuf *c)
{
    resolve_miss(d, w, n, NULL, 0, 0, t, c);
    if (c->n > TOK_CANDS) {
        lm.ix[id] = LM_NO;
        return;
    }
    t->rid = NUM_RID | id;
    lm.pool[lm.n++] = *t;
    lm.ix[id] = lm.n;
}

/* Token i of s (word w of n bytes, keyed k0, k1 in the pair at slot, or
 * no cache when slot is WC_NONE) when the first way of its pair does not
 * hold it: the second way (which then moves to the first, so that the
 * words read most stay where a lookup looks first: without the move, a
 * third of the hits were in the second way, pushed there by rare words),
 * else resolved and put in the first way after moving what was there to
 * the second (a direct-mapped cache lost one word in eighteen to
 * collisions on 50 articles read again).  A word with more candidates
 * than a token holds gets them beside it.  Out of line, so that the hit
 * path of seq_build stays in registers.  Returns 0 or SR_ENOMEM. */
enum { WC_NONE = UINT32_MAX };
/* slot WC_LEX + id: word number id of the memo, not kept yet (numbers
 * stay under WC_MAXID) */
#define WC_LEX 0x80000000u
#define WC_MAXID 0x7FFFFFF0u
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int seq_slow(const sr_dict *d, sr_arena *a, sr_dict_seq *s, size_t i, const char *w, size_t n,
                    uint64_t k0, uint64_t k1, uint32_t slot)
{
    stok *t = &s->tok[i];
    if (!w) {
        memset(t, 0, sizeof *t);
        t->mask = mask_of(d, NULL, 0);
        return 0;
    }
    cbuf c;
    if (slot == WC_NONE) {
        resolve_miss(d, w, n, NULL, 0, 0, t, &c);
    } else if (slot >= WC_LEX) {
        lm_miss(d, slot - WC_LEX, w, n, t, &c);
    } else {
        wcent *e = &wcache[slot], *e1 = e + 1;
        if (wc_holds(e1, k0, k1, n)) {
            wcent x = *e1;
            *e1 = *e;
            *e = x;
            *t = e->tok;
            return 0;
        }
        *e1 = *e;
        resolve_miss(d, w, n, e, k0, k1, t, &c);
    }
    if (t->n > TOK_CANDS) {
        /* Rare: a word with many stems.  Its candidates go beside. */
        if (!s->xid && (!(s->xid = sr_arena_calloc(a, s->n, sizeof *s->xid)) ||
                        !(s->xkind = sr_arena_calloc(a, s->n, sizeof *s->xkind))))
            return SR_ENOMEM;
        s->xid[i] = sr_arena_alloc(a, c.n * sizeof *s->xid[i]);
        s->xkind[i] = sr_arena_alloc(a, c.n);
        if (!s->xid[i] || !s->xkind[i])
            return SR_ENOMEM;
        memcpy(s->xid[i], c.id, c.n * sizeof *s->xid[i]);
        memcpy(s->xkind[i], c.kind, c.n);
    }
    return 0;
}

/* Word i of s, which has no place in the memo yet (number id, ix its
 * lm.ix: 0 or LM_NO) or no number (id 0): by the word cache, as
 * seq_build does.  Returns 0 or SR_ENOMEM. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int seq_num_slow(const sr_dict *d, sr_arena *a, sr_dict_seq *s, const wsrc *src, size_t i,
                        uint32_t id, uint32_t ix)
{
    size_t len;
    const char *w = src_word(src, i, &len);
    if (id)
        return seq_slow(d, a, s, i, w, len, 0, 0, ix ? WC_NONE : WC_LEX + id);
    uint64_t k0 = 0, k1 = 0;
    uint32_t slot = WC_NONE;
    if (w && len - 1 < WC_WORD) {
        slot = (uint32_t)wc_slot(w, len, &k0, &k1);
        if (wc_holds(&wcache[slot], k0, k1, len)) {
            s->tok[i] = wcache[slot].tok;
            return 0;
        }
    }
    return seq_slow(d, a, s, i, w, len, k0, k1, slot);
}

/* seq_build's loop when the words come with numbers (ids) and the
 * thread's memo serves the set: a word kept there is one copy, found by
 * its number; the others (a third of the words, most of them rare) go by
 * the word cache, without seq_build's fetching ahead (which, ahead of
 * the numbered words, cost more instructions than it saved misses). */
static int seq_num(const sr_dict *d, sr_arena *a, sr_dict_seq *s, const wsrc *src,
                   const char *ids)
{
    /* (the arrays and bounds in locals: the stores of tokens, copies of
     * structures, might change any of them to the compiler) */
    const size_t n = s->n, ws = src->ws;
    const uint32_t *lmix = lm.ix, nid = lm.nid;
    const stok *pool = lm.pool;
    stok *tok = s->tok;
    uint16_t *starts = s->starts;
    const int marks = src->f != NULL;
    uint16_t pstart = 0, psolo = 0; /* the previous token's start and solo masks */
    for (size_t i = 0; i < n; i++) {
        uint32_t id;
        memcpy(&id, ids + i * ws, sizeof id);
        id = ~id;
        uint32_t ix = id < nid ? lmix[id] : 0;
        const stok *t;
        if (ix - 1 < LM_NO - 1) {
            t = &pool[ix - 1];
            tok[i] = *t;
        } else {
            /* A word without a number (a third of them) found in the
             * first way of its pair, here rather than in a call: most are. */
            size_t len;
            const char *w = src_word(src, i, &len);
            uint64_t k0, k1;
            size_t slot;
            if (!(id < nid && id) && w && len - 1 < WC_WORD &&
                (slot = wc_slot(w, len, &k0, &k1), wc_holds(&wcache[slot], k0, k1, len))) {
                tok[i] = wcache[slot].tok;
            } else {
                int rc = seq_num_slow(d, a, s, src, i, id < nid ? id : 0, ix);
                if (rc)
                    return rc;
            }
            t = &tok[i];
        }
        uint8_t fl;
        if (marks && (fl = src_flags(src, i))) {
            /* Flags are rare: the array is made at the first. */
            if (!s->flags && !(s->flags = sr_arena_calloc(a, n, 1)))
                return SR_ENOMEM;
            s->flags[i] = fl;
        }
        /* as seq_build */
        if (i)
            starts[i - 1] =
                (uint16_t)(pstart & (psolo | SR_DICT_START_SYNSET | t->mask.next | t->mask.gap));
        pstart = t->mask.start;
        psolo = t->mask.solo;
    }
    if (n)
        starts[n - 1] = (uint16_t)(pstart & (psolo | SR_DICT_START_SYNSET));
    return 0;
}

static int seq_build(const sr_dict *d, sr_arena *a, size_t n, const wsrc *srcp, sr_dict_seq **out)
{
    /* A copy nothing else can point at, so that the loop keeps it in
     * registers. */
    const wsrc sv = *srcp, *src = &sv;
    if (!d || !a || !out)
        return SR_EINVAL;
    /* (a thread that cannot map its word cache goes without the cache
     * and the memos, as a set without a serial does) */
    const uint32_t serial = wcache || wc_map() ? (uint32_t)d->serial : 0;
    sr_dict_seq *s = sr_arena_calloc(a, 1, sizeof *s);
    if (!s || n >= NONE32)
        return SR_ENOMEM;
    s->n = n;
    if (serial) {
        if (wc_serial != serial) {
            if (wc_serial)
                memset(wcache, 0, WC_SLOTS * sizeof *wcache);
            wc_serial = serial;
        }
        if (!dict_wc_tid)
            dict_wc_tid = atomic_fetch_add(&tids, 1);
    }
    /* Numbered words go through the word-number memo (none without a
     * serial). */
    const char *ids = serial ? src->id : NULL;
    if (ids && (lm.serial != serial || lm.nid < src->nid) && !lm_start(d, src->nid))
        ids = NULL;
    if (serial)
        s->tid = dict_wc_tid;
    s->tok = sr_arena_alloc(a, (n ? n : 1) * sizeof *s->tok);
    s->starts = sr_arena_alloc(a, (n ? n : 1) * sizeof *s->starts);
    if (!s->tok || !s->starts)
        return SR_ENOMEM;
    if (ids) {
        int rc = seq_num(d, a, s, src, ids);
        if (!rc)
            *out = s;
        return rc;
    }
    /* Words go in groups: the cache slots of a group are worked out and
     * fetched first, so that the group's misses overlap instead of each
     * stalling the lookup in turn (most of a sentence's words are not in
     * the first-level cache).  The first pass also takes the flags, so
     * that the second reads only the group's keys. */
    enum { GROUP = 16 };
    struct {
        uint64_t k0, k1;
        const char *w;
        uint32_t slot, len;    /* len: only read when slot is not WC_NONE */
    } g[GROUP];
    int rc;
    uint16_t pstart = 0, psolo = 0; /* the previous token's start and solo masks */
    /* Words of 1 to wmax bytes go through the cache (none without a
     * serial): one test per word instead of two. */
    const size_t wmax = serial ? WC_WORD : 0;
    for (size_t i0 = 0; i0 < n; i0 += GROUP) {
        size_t ge = n - i0 < GROUP ? n - i0 : GROUP;
        for (size_t j = 0; j < ge; j++) {
            size_t len;
            const char *w = g[j].w = src_word(src, i0 + j, &len);
            g[j].slot = WC_NONE;
            g[j].len = (uint32_t)len;
            if (w && len - 1 < wmax) {
                g[j].slot = (uint32_t)wc_slot(w, len, &g[j].k0, &g[j].k1);
                __builtin_prefetch(&wcache[g[j].slot]);
            } else {
                g[j].k0 = g[j].k1 = 0;
            }
            uint8_t fl;
            if (src->f && (fl = src_flags(src, i0 + j))) {
                /* Flags are rare: the array is made at the first. */
                if (!s->flags && !(s->flags = sr_arena_calloc(a, n, 1)))
                    return SR_ENOMEM;
                s->flags[i0 + j] = fl;
            }
        }
        for (size_t j = 0; j < ge; j++) {
            size_t i = i0 + j;
            stok *t = &s->tok[i];
            uint32_t slot = g[j].slot;
            if (slot != WC_NONE && wc_holds(&wcache[slot], g[j].k0, g[j].k1, g[j].len)) {
                *t = wcache[slot].tok;
            } else {
                size_t len;
                const char *w = src_word(src, i, &len);
                if ((rc = seq_slow(d, a, s, i, w, len, g[j].k0, g[j].k1, slot)))
                    return rc;
            }
            /* Where a phrase may start: a one-word phrase, or the next
             * token goes on with it (may_start's test without the pair
             * filter). */
            if (i)
                s->starts[i - 1] = (uint16_t)(pstart & (psolo | SR_DICT_START_SYNSET |
                                                        t->mask.next | t->mask.gap));
            pstart = t->mask.start;
            psolo = t->mask.solo;
        }
    }
    if (n)
        s->starts[n - 1] = (uint16_t)(pstart & (psolo | SR_DICT_START_SYNSET));
    *out = s;
    return 0;
}

int sr_dict_seq_new(const sr_dict *d, sr_arena *a, const sr_token *toks, size_t n,
                    sr_dict_seq **out)
{
    if (n && !toks)
        return SR_EINVAL;
    wsrc src = {toks ? (const char *)&toks->norm : NULL, toks ? (const char *)&toks->norm_len : NULL,
                NULL, sizeof *toks, sizeof *toks, 0, 0, NULL, 0};
    return seq_build(d, a, n, &src, out);
}

int sr_dict_seq_from_words_flags(const sr_dict *d, sr_arena *a, const char *const *words,
                                 const size_t *lens, const uint8_t *flags, size_t n,
                                 sr_dict_seq **out)
{
    if (n && (!words || !lens))
        return SR_EINVAL;
    wsrc src = {(const char *)words, (const char *)lens, (const char *)flags,
                sizeof *words, sizeof *lens, 1, 0, NULL, 0};
    return seq_build(d, a, n, &src, out);
}

int sr_dict_seq_from_records(const sr_dict *d, sr_arena *a, const void *base, size_t n,
                             size_t stride, size_t word_off, size_t len_off, size_t poss_off,
                             sr_dict_seq **out)
{
    return sr_dict_seq_from_records_ids(d, a, base, n, stride, word_off, len_off, poss_off,
                                        SIZE_MAX, 0, out);
}

int sr_dict_seq_from_records_ids(const sr_dict *d, sr_arena *a, const void *base, size_t n,
                                 size_t stride, size_t word_off, size_t len_off, size_t poss_off,
                                 size_t num_off, uint32_t nid, sr_dict_seq **out)
{
    if (n && !base)
        return SR_EINVAL;
    wsrc src = {NULL, NULL, NULL, stride, stride, stride, 1, NULL, 0};
    if (base) {
        const char *b = base;
        src.w = b + word_off;
        src.l = b + len_off;
        src.f = poss_off == SIZE_MAX ? NULL : b + poss_off;
        if (num_off != SIZE_MAX && nid && nid < WC_MAXID) {
            src.id = b + num_off;
            src.nid = nid;
        }
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
