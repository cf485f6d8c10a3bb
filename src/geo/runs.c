/* What a run of capitalised words matched, kept per thread across
 * documents.  Stories name the same places in the same words again and
 * again: of the capitalised runs of a story, some seven in ten were in it
 * or in the few thousand runs before it, on distinct documents.  A run
 * matched again cost almost what its first matching did -- every token
 * classified, keyed and looked up, every longer span keyed and filtered,
 * candidates built or copied -- as its tokens are new tokens.
 *
 * The matching (find.c, match_names) reads the run's text and tokens
 * (their bounds, flags, and capitals -- positional ones too), whether a
 * line or the text opens before it (datelines), what the byte after it is
 * (a period, a dateline's comma, the end: after_class) and the gazetteer:
 * a run kept with all of these alike gives the same mentions.  Its
 * judging, which reads beyond the run, is done again every time.
 *
 * Entries are blobs in a ring of bytes, found through a direct-mapped
 * table of hashes; a blob the ring has written over since is stale, and
 * so is all of it when another gazetteer is used.  A blob takes some 155
 * bytes (130 before it kept its tokens' tokinfo): the 1 MB ring holds the
 * last 7,000 runs or so, which on 757 distinct documents finds 60% of
 * runs kept (60.4% at 130 bytes; a 512 KB ring and half the slots, 55%;
 * all runs ever met would be 62%), on FA-KES 69%. */
#include "find_int.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A run of up to 16 tokens and 255 bytes is kept (its offsets fit a
 * byte): site footers and tag lines ("TRT World Careers Press Releases
 * ... Cookie Policy", 16 words, seven times in FA-KES) come again and
 * cost some 14,000 instructions a matching. */
enum { RK_SLOTS = 1 << 14, RK_POOL = 1 << 20, RK_BYTES = 255, RK_TOK = 16, RK_BLOB_MAX = 4096 };

typedef struct runslot {
    uint64_t hash;
    uint64_t at;         /* ring position of its blob + 1; 0: empty */
} runslot;
/* a blob: runhead, its tokens' words, their tokinfo (TC_BYTES each), its text
 * (8-byte padded), then per mention a runment and its candidates */
typedef struct runhead {
    uint64_t hash;
    uint16_t n, around, nment;
    uint8_t ntok;
    uint8_t note;        /* gf_person_run's of the run alone; 0: not yet */
} runhead;
typedef struct runment {
    char key[48];        /* as the mention has it */
    uint64_t keyhash;
    uint32_t nc;
    uint16_t start, end; /* bytes from the run's start */
    uint8_t tok0, tok1, single_common, plural;
    uint32_t pad;
} runment;
_Static_assert(sizeof(runhead) % 8 == 0 && sizeof(runment) % 8 == 0, "blob parts stay aligned");
_Static_assert(RK_BYTES < 256 && RK_TOK < 256, "a run's offsets fit a byte");

/* The thread's tables, mapped on its first run (geo_thread_table): the
 * slots, the ring of blobs, and the window's runs (gf_run_plan). */
typedef struct runtab runtab;
static _Thread_local runtab *run_tab;
/* bytes written, plus RK_POOL (so that an empty slot's 0 is stale) */
static _Thread_local uint64_t run_head = RK_POOL;
static _Thread_local uint64_t run_serial;   /* the gazetteer kept for */

static inline size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

/* What a token's tokinfo knows beyond the first pass -- its class
 * (gf_classify_token) and whether it is a common word -- depends on the
 * token's text, its capitals and the byte after it alone, all of which
 * the run's signature holds: a run met again gives back its tokens'
 * tokinfo as the matching left it (the 16 bytes after the key, copied
 * whole), which the judging, the person and the misspelling tests ask
 * for again.  (Keeping also what those learnt after the matching cost
 * more than it saved: a copy of every run's tokens after its tests.) */
enum { TC_BYTES = 16 };
_Static_assert(offsetof(tokinfo, cap) == 8 && sizeof(tokinfo) == 8 + TC_BYTES,
               "a token's class is its tokinfo after the key");
_Static_assert(offsetof(tokinfo, hyphcap) == 9 && offsetof(tokinfo, weakpos) == 10,
               "run_sig reads a token's capitals as one word");

/* The run [ra, rb) as the table knows it. */
typedef struct runsig {
    uint64_t hash;
    size_t ra, rb;         /* the run's tokens */
    size_t base, n;        /* the run's bytes */
    unsigned ntok, around; /* tokens; what stands before and after it */
    uint64_t w[RK_TOK];    /* each token's bounds, flags and capitals */
} runsig;

enum { RK_PLAN = GF_RUN_PLAN };
struct runtab {
    _Alignas(64) unsigned char pool[RK_POOL];
    runslot slot[RK_SLOTS];
    runsig plan[RK_PLAN];
};

/* What the matching makes of the byte after a run: a period (an
 * abbreviation's, gf_candidates; a connector's, gf_classify_token), one
 * that may end a dateline's name (",", "-", "(" and NUL, gf_candidates),
 * or nothing -- the end of the text is a fourth.  A run is kept by this
 * class, not by the byte: "Damascus" before a space, a quote, a colon or
 * a parenthesis closing is one run, matched once. */
static const uint8_t after_class[256] = {[0] = 2, ['.'] = 1, [','] = 2, ['-'] = 2, ['('] = 2};

/* Describes run [ra, rb) into g; 0 when it is too long to keep. */
static inline __attribute__((always_inline)) int run_sig(const ctx *c, size_t ra, size_t rb,
                                                         runsig *g)
{
    size_t base = c->tok[ra].start, n = c->tok[rb - 1].end - base;
    if (rb - ra > RK_TOK || n > RK_BYTES)
        return 0;
    const char *text = c->d->text;
    g->ra = ra;
    g->rb = rb;
    g->base = base;
    g->n = n;
    g->ntok = (unsigned)(rb - ra);
    g->around = (base == 0 || text[base - 1] == '\n') |
                (base + n < c->d->len ? after_class[(unsigned char)text[base + n]] : 3u) << 1;
    uint64_t h = geo_hash64(text + base, n) ^ (uint64_t)g->around << 40;
    for (size_t i = ra; i < rb; i++) {
        const sr_token *t = &c->tok[i];
        /* (cap, hyphcap and weakpos, bytes of 0 or 1, in one load: the
         * byte after them, full, is no part of it) */
        uint32_t caps;
        memcpy(&caps, &c->ti[i].cap, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        caps >>= 8;
#endif
        uint64_t w = (uint64_t)(t->start - base) | (uint64_t)(t->end - base) << 8 |
                     (uint64_t)(caps & 0x010101u) << 16 | (uint64_t)t->flags << 40;
        g->w[i - ra] = w;
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
    }
    g->hash = h;
    return 1;
}


/* a[0..n) == b[0..n), for the few bytes of a run (memcmp's call costs
 * more), 8 at a time; `room` bytes before both may be read too. */
static inline int same_bytes(const unsigned char *a, const char *b, size_t n, size_t room)
{
    uint64_t x, y, d = 0;
    size_t i = 0;
    if (n < 8) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* the 8 bytes ending with them, the ones before shifted out */
        if (n && room >= 8 - n) {
            memcpy(&x, a + n - 8, 8);
            memcpy(&y, b + n - 8, 8);
            return !((x ^ y) >> (8 * (8 - n)));
        }
#endif
        for (; i < n; i++)
            d |= (unsigned char)(a[i] ^ (unsigned char)b[i]);
        return !d;
    }
    for (; i + 8 < n; i += 8) {
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        d |= x ^ y;
    }
    /* the last 8 bytes, overlapping the loop's */
    memcpy(&x, a + n - 8, 8);
    memcpy(&y, b + n - 8, 8);
    return !(d | (x ^ y));
}

/* The bytes of a blob's token classes. */
static inline size_t cls_bytes(unsigned ntok) { return ntok * TC_BYTES; }
static inline unsigned char *blob_cls(const runhead *rh)
{
    return (unsigned char *)(uintptr_t)rh + sizeof *rh + rh->ntok * sizeof(uint64_t);
}

/* Its blob when kept, else NULL. */
static void *run_kept(const ctx *c, const runsig *g)
{
    if (run_serial != c->d->g->serial) {
        run_serial = c->d->g->serial;
        run_head += RK_POOL + 8;   /* (blobs stay 8-byte aligned) */
        return NULL;
    }
    const runslot *sl = &run_tab->slot[g->hash & (RK_SLOTS - 1)];
    if (sl->hash != g->hash || run_head - (sl->at - 1) > RK_POOL)
        return NULL;
    unsigned char *b = run_tab->pool + (sl->at - 1) % RK_POOL;
    const runhead *rh = (const runhead *)b;
    if (rh->hash != g->hash || rh->n != g->n || rh->ntok != g->ntok || rh->around != g->around)
        return NULL;
    const uint64_t *w = (const uint64_t *)(b + sizeof *rh);
    for (unsigned i = 0; i < g->ntok; i++)
        if (w[i] != g->w[i])
            return NULL;
    /* (a blob's text follows at least a header and a word) */
    return same_bytes((const unsigned char *)(w + g->ntok) + cls_bytes(g->ntok),
                      c->d->text + g->base, g->n, g->base)
               ? b : NULL;
}

/* Appends its kept mentions for sentence si. */
static int run_replay(ctx *c, size_t si, size_t ra, const runsig *g, const void *kept)
{
    const runhead *rh = kept;
    const unsigned char *cls = blob_cls(rh);
    for (unsigned i = 0; i < g->ntok; i++)
        if (!c->ti[ra + i].full)
            memcpy(&c->ti[ra + i].cap, cls + i * TC_BYTES, TC_BYTES);
    const unsigned char *p = (const unsigned char *)kept + sizeof *rh +
                             g->ntok * sizeof g->w[0] + cls_bytes(g->ntok) + pad8(g->n);
    for (unsigned i = 0; i < rh->nment; i++) {
        const runment *rm = (const runment *)p;
        const gcand *kc = (const gcand *)(rm + 1);
        p = (const unsigned char *)kc + pad8(rm->nc * sizeof *kc);
        gment *m = gf_new_mention(c, si, ra + rm->tok0, ra + rm->tok1, g->base + rm->start,
                                  g->base + rm->end);
        if (!m)
            return SR_ENOMEM;
        memcpy(m->key, rm->key, sizeof m->key);
        m->keyhash = rm->keyhash;
        m->single_common = rm->single_common;
        m->plural = rm->plural;
        /* (its own copy: a mention's list gets sorted and filtered) */
        m->c = sr_arena_alloc(c->a, (rm->nc + 1) * sizeof *m->c);
        if (!m->c)
            return SR_ENOMEM;
        memcpy(m->c, kc, rm->nc * sizeof *m->c);
        m->nc = rm->nc;
    }
    return SR_OK;
}

/* Keeps the mentions from index `first` on as what run g matched: its
 * blob, or NULL when not kept. */
static runhead *run_keep(const ctx *c, size_t ra, const runsig *g, size_t first)
{
    if (run_serial != c->d->g->serial)
        return NULL;
    const gment *ms = c->ments.items;
    size_t nm = c->ments.len - first;
    size_t len = sizeof(runhead) + g->ntok * sizeof g->w[0] + cls_bytes(g->ntok) + pad8(g->n);
    for (size_t i = first; i < c->ments.len; i++)
        len += sizeof(runment) + pad8(ms[i].nc * sizeof(gcand));
    if (nm > UINT16_MAX || len > RK_BLOB_MAX)
        return NULL;
    /* a blob never wraps: the ring's tail is skipped */
    if (run_head % RK_POOL + len > RK_POOL)
        run_head += RK_POOL - run_head % RK_POOL;
    runslot *sl = &run_tab->slot[g->hash & (RK_SLOTS - 1)];
    sl->hash = g->hash;
    sl->at = run_head + 1;
    unsigned char *b = run_tab->pool + run_head % RK_POOL;
    run_head += len;
    runhead *rh = (runhead *)b;
    rh->hash = g->hash;
    rh->n = (uint16_t)g->n;
    rh->around = (uint16_t)g->around;
    rh->nment = (uint16_t)nm;
    rh->ntok = (uint8_t)g->ntok;
    rh->note = 0;
    uint64_t *w = (uint64_t *)(b + sizeof *rh);
    for (unsigned i = 0; i < g->ntok; i++)
        w[i] = g->w[i];
    unsigned char *cls = (unsigned char *)(w + g->ntok);
    for (unsigned i = 0; i < g->ntok; i++)
        memcpy(cls + i * TC_BYTES, &c->ti[ra + i].cap, TC_BYTES);
    unsigned char *p = (unsigned char *)(w + g->ntok) + cls_bytes(g->ntok);
    memcpy(p, c->d->text + g->base, g->n);
    p += pad8(g->n);
    for (size_t i = first; i < c->ments.len; i++) {
        const gment *m = &ms[i];
        runment *rm = (runment *)p;
        memcpy(rm->key, m->key, sizeof rm->key);
        rm->keyhash = m->keyhash;
        rm->nc = m->nc;
        rm->start = (uint16_t)(m->start - g->base);
        rm->end = (uint16_t)(m->end - g->base);
        rm->tok0 = (uint8_t)(m->tok0 - ra);
        rm->tok1 = (uint8_t)(m->tok1 - ra);
        rm->single_common = (uint8_t)m->single_common;
        rm->plural = (uint8_t)m->plural;
        rm->pad = 0;
        memcpy(rm + 1, m->c, m->nc * sizeof *m->c);
        p = (unsigned char *)(rm + 1) + pad8(m->nc * sizeof *m->c);
    }
    return rh;
}

/* The window's runs as gf_run_plan described them, and the next one
 * gf_run_match is to be asked for (a sentence of more runs than this
 * describes the rest when asked). */
static _Thread_local unsigned run_nplan, run_iplan;

void gf_run_plan(const ctx *c, const gf_run *runs, size_t n)
{
    unsigned np = 0;
    run_nplan = run_iplan = 0;
    if (!run_tab && !geo_thread_table((void **)&run_tab, sizeof *run_tab))
        return;   /* (no memory for the cache: every run is matched) */
    for (size_t k = 0; k < n; k++) {
        runsig *g = &run_tab->plan[np];
        if (!run_sig(c, runs[k].ra, runs[k].rb, g))
            continue;
        __builtin_prefetch(&run_tab->slot[g->hash & (RK_SLOTS - 1)]);
        np++;
    }
    run_nplan = np;
    run_iplan = 0;
    /* (the slots were asked for one after the other, so they come in
     * together; the blobs they lead to likewise: their head and first
     * words, and the line after) */
    if (run_serial != c->d->g->serial)
        return;
    for (unsigned i = 0; i < np; i++) {
        const runsig *g = &run_tab->plan[i];
        const runslot *sl = &run_tab->slot[g->hash & (RK_SLOTS - 1)];
        if (sl->hash != g->hash || run_head - (sl->at - 1) > RK_POOL)
            continue;
        const unsigned char *b = run_tab->pool + (sl->at - 1) % RK_POOL;
        __builtin_prefetch(b);
        __builtin_prefetch(b + 64);
    }
}

int gf_run_match(ctx *c, size_t si, size_t ra, size_t rb, gf_matcher match, uint8_t **note)
{
    runsig own;
    const runsig *gp = &own;
    *note = NULL;
    /* (described already when planned: the runs come in their order, and
     * one that was not -- too long to keep, or past the plan's room --
     * takes none of the plan's entries) */
    if (run_iplan < run_nplan && run_tab->plan[run_iplan].ra == ra && run_tab->plan[run_iplan].rb == rb)
        gp = &run_tab->plan[run_iplan++];
    else if (!run_tab || !run_sig(c, ra, rb, &own))
        return match(c, si, ra, rb);
    runhead *rh = run_kept(c, gp);
    if (rh) {
        *note = &rh->note;
        return run_replay(c, si, ra, gp, rh);
    }
    size_t first = c->ments.len;
    if (match(c, si, ra, rb))
        return SR_ENOMEM;
    if ((rh = run_keep(c, ra, gp, first)) != NULL)
        *note = &rh->note;
    return SR_OK;
}
