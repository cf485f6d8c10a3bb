/* Longest-match search over the phrase tries, on the sequences seq.c
 * builds.  Everything here only reads the set, so any number of threads
 * may match at once. */
#include "seq_int.h"

#include <stdlib.h>
#include <string.h>

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
    uint32_t pay;            /* the node's payload */
    size_t pos;
    unsigned nf;             /* the node's NF_* */
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

/* Pushes the child of edge e (its node, payload and flags, all in the
 * edge's line). */
static inline int ms_push(mstack *st, const tedge *e, size_t pos, uint32_t nwords, uint32_t chars,
                          int closed)
{
    if (st->n == st->cap && ms_grow(st))
        return SR_ENOMEM;
    st->items[st->n++] = (mstate){te_node(e), nwords, chars, e->pay, pos, te_nf(e), closed};
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
static int pair_may_all(const sr_dict *d, const sr_dict_seq *s, unsigned tbit, size_t i)
{
    const uint64_t *pairs = d->pairs.p;
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

/* pair_may_all, with the usual case (one candidate each) inline. */
static inline int pair_may(const sr_dict *d, const sr_dict_seq *s, unsigned tbit, size_t i)
{
    const uint64_t *pairs = d->pairs.p;
    if (!pairs)
        return 0;
    const stok *t = &s->tok[i];
    if (t[0].n != 1 || t[1].n != 1)
        return pair_may_all(d, s, tbit, i);
    size_t x = pair_bit(tbit, t[0].id[0], t[1].id[0], d->pair_mask);
    return (int)((pairs[x >> 6] >> (x & 63)) & 1);
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
/* *upto (when not NULL) gets the end of the tokens whose candidates the
 * search read, or 0 when its result may depend on more than those and the
 * next (it reached n, scanned past a blank connector or ran out of
 * budget); *shut, whether it also looked at the token at *upto and found
 * its masks shut to the table (see match_memo). */
static int match_full(const sr_dict *d, uint32_t root, unsigned tbit, const sr_dict_seq *s, size_t i,
                      size_t n, const unsigned acc[4], size_t max_gap, int poss_ok, sr_dict_match *m,
                      size_t *upto, int *shut)
{
    const uint32_t *wlen = d->voc.len.p;
    const uint8_t *wf = d->voc.flags.p; /* modes each word is stored with */
    const uint32_t *pent = d->pentry.p;
    const trie *tr = &d->tr;
    mstack st;
    st.items = st.local;
    st.n = 0;
    st.cap = sizeof st.local / sizeof st.local[0];
    st.heap = 0;
    sr_dict_match best;
    int found = 0, rc = 0;
    long budget = MATCH_BUDGET;
    size_t seen = i, gated = i; /* the last tokens read, and looked at */
    int exact = 1;           /* those tokens decide the result */
    /* The root: no phrase ends there (nwords is 0). */
    st.items[st.n++] = (mstate){root, 0, 0, NONE32, i, DV(d->tr.nflags, uint8_t)[root], 0};
    while (st.n && budget > 0) {
        mstate cur = st.items[--st.n];
        if (cur.nwords && cur.pay != NONE32) {
            sr_dict_match c = {pent[cur.pay], cur.pay, i, cur.pos, cur.nwords, cur.chars};
            if (!found || better(&c, &best)) {
                best = c;
                found = 1;
            }
        }
        unsigned nfl = cur.nf;
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
                    const tedge *ch = trie_edge_in(tr, cur.node, trie_key(pw, (unsigned)mode, 0));
                    if (ch &&
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
        int open = 0;
        if (gaps) {
            if (cur.pos >= n) {
                exact = 0;
            } else {
                open = !cur.nwords || ((s->tok[cur.pos].mask.next | s->tok[cur.pos].mask.gap) & tbit);
                if (cur.pos > gated)
                    gated = cur.pos;
                if (open && cur.pos > seen)
                    seen = cur.pos;
            }
        }
        if (open) {
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
                        const tedge *ch = trie_edge_in(tr, cur.node, trie_key(w, mode, gap));
                        if (ch &&
                            (rc = ms_push(&st, ch, cur.pos + 1, cur.nwords + 1, cur.chars + wlen[w],
                                          pp)))
                            goto out;
                    }
                }
            }
        }
        /* Words after a blank connector may come later in the range. */
        if (cur.nwords && (nfl & NF_GAP) && max_gap) {
            exact = 0;
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
                        const tedge *ch = trie_edge_in(
                            tr, cur.node, trie_key(w, (unsigned)__builtin_ctz(modes), 1));
                        if (ch &&
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
    if (upto) {
        /* A token past those read can only be one looked at and shut
         * (reaching it took matching the one before). */
        *upto = exact && !rc && !st.n ? seen + 1 : 0;
        *shut = gated > seen;
    }
    if (rc)
        return rc;
    if (found)
        *m = best;
    return found;
}

/* ---- per-thread phrase memo ----------------------------------------------------
 *
 * What match_full finds from a root at token i depends only on the words
 * whose candidates it read (and their possessive marks) and, at most, on
 * the masks of the token after them, when it reached neither the end of
 * the range nor a blank connector.  A search for a phrase of two or three
 * words reads two to four tokens, and the same phrases come back story
 * after story ("prime minister", "security forces"): on distinct articles
 * three searches in five are one made before.  So each thread keeps the
 * last searches made without options that read one to MF_K tokens, by
 * root and the words' rids (seq.c), two-way as the word cache is.  A root
 * is one table's or one synset's (each has its own trie), so it also fixes
 * the table bit; the memo is emptied when another set comes.  Results are
 * identical with or without it.
 *
 * Where an entry goes: a search that read one or two tokens by the root
 * and the rids of tokens i and i + 1 (one token read: the next one's rid
 * too, which narrows the entry without making it wrong), one that read
 * three or four by those and token i + 2's.  Keyed by two words only, the
 * variants of one phrase start ("the prime minister said", "... met")
 * took the same two ways and pushed one another out: a third of the
 * searches repeated on FA-KES found their pair holding another variant.
 * A search that read one token was not kept at all (a false "maybe" of
 * the pair filter: a fifth of the searches, the same every story).  With
 * those kept, 2,048 slots held too few: 4,096 (128 KB) save a search in
 * twenty more on the distinct documents, each of which reads trie edges
 * that are rarely in any cache. */
enum { MF_K = 4, MF_SLOTS = 4096 };

typedef struct mfent {
    uint32_t rid[MF_K];      /* the words read (0 past k) */
    uint32_t root;
    uint32_t phrase;         /* the match, when res has bit 0 */
    uint16_t chars;
    uint8_t k;               /* words read, 1 to MF_K (0: empty); rid[1] is
                              * token i + 1's even when k is 1 */
    uint8_t marks;           /* bit 0: the token after them was looked at, shut;
                              * bits 1-4: their possessive marks; bit 7: poss_ok */
    uint8_t res;             /* bit 0: found; bits 1-3: its end - i */
    uint8_t nwords;
    uint16_t pad;
} mfent;
_Static_assert(sizeof(mfent) == 32, "two memo entries a cache line");

static _Thread_local mfent mf_tab[MF_SLOTS];
static _Thread_local uint32_t mf_serial;

/* The one-word memo: what one_scan finds from a root depends only on the
 * token's word, and most positions searched are words no longer phrase
 * may start at (typed, or tried for a synset by the coder), coming back
 * sentence after sentence.  So the last results of searches without
 * options are kept per thread by word (rid) and root, two-way. */
enum { OM_SLOTS = 4096 };
typedef struct omemo {
    uint32_t rid;            /* 0: empty */
    uint32_t root;
    uint32_t phrase;         /* the match, when res is 1 */
    uint16_t chars;
    int8_t res;              /* one_scan's return */
    uint8_t pad;
} omemo;
_Static_assert(sizeof(omemo) == 16, "four one-word memo entries a cache line");
static _Thread_local omemo om_tab[OM_SLOTS];

void dict_memo_flush(void)
{
    memset(mf_tab, 0, sizeof mf_tab);
    memset(om_tab, 0, sizeof om_tab);
}

/* Whether this thread's memos may serve sequence s of d: s's rids are the
 * thread's, and the memos are emptied when another set comes. */
static inline int memo_ready(const sr_dict *d, const sr_dict_seq *s)
{
    uint32_t serial = (uint32_t)d->serial;
    if (!serial || !s->tid || s->tid != dict_wc_tid)
        return 0;
    if (mf_serial != serial) {
        if (mf_serial)
            dict_memo_flush();
        mf_serial = serial;
    }
    return 1;
}

static int one_scan(const sr_dict *d, uint32_t root, const sr_dict_seq *s, size_t i,
                    const unsigned acc[4], size_t max_gap, sr_dict_match *m);

/* one_scan from root without options (acc: accept_masks(0), any gap),
 * through the one-word memo. */
static int one_word(const sr_dict *d, uint32_t root, const sr_dict_seq *s, size_t i,
                    const unsigned acc[4], sr_dict_match *m)
{
    uint32_t rid = s->tok[i].rid;
    if (!rid || !memo_ready(d, s))
        return one_scan(d, root, s, i, acc, SIZE_MAX, m);
    omemo *e = &om_tab[(mix3(rid, root, 0) >> 50) & (OM_SLOTS - 2)];
    if (e->rid != rid || e->root != root) {
        if (e[1].rid != rid || e[1].root != root) {
            sr_dict_match c;
            int r = one_scan(d, root, s, i, acc, SIZE_MAX, &c);
            if (r == 1 && c.chars > UINT16_MAX) {
                *m = c; /* a word of many kilobytes: not kept */
                return 1;
            }
            e[1] = e[0];
            *e = (omemo){rid, root, r == 1 ? c.phrase : 0, r == 1 ? (uint16_t)c.chars : 0,
                         (int8_t)r, 0};
        } else {
            e++;
        }
    }
    if (e->res == 1)
        *m = (sr_dict_match){DV(d->pentry, uint32_t)[e->phrase], e->phrase, i, i + 1, 1,
                             e->chars};
    return e->res;
}

/* The possessive marks of tokens i..i+k, from bit 1. */
static inline unsigned mf_poss(const sr_dict_seq *s, size_t i, size_t k)
{
    unsigned p = 0;
    if (s->flags)
        for (size_t q = 0; q < k; q++)
            p |= (unsigned)(s->flags[i + q] & SR_DICT_SEQ_POSS) << (q + 1);
    return p;
}

/* Whether e, whose first two words are tokens i and i + 1, holds the
 * search from root at token i (range end n, table bit tbit; pok: poss_ok
 * in bit 7). */
static inline int mf_holds(const mfent *e, uint32_t root, unsigned tbit, const sr_dict_seq *s,
                           size_t i, size_t n, unsigned pok)
{
    size_t k = e->k, shut = e->marks & 1;
    if (e->root != root || i + k + shut > n || (e->marks & ~1u) != (pok | mf_poss(s, i, k)))
        return 0;
    for (size_t q = 2; q < k; q++)
        if (s->tok[i + q].rid != e->rid[q])
            return 0;
    const stok *x = &s->tok[i + k];
    return !shut || !((x->mask.next | x->mask.gap) & tbit);
}

/* Out of line: the search and what the memo keeps of it. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int mf_miss(const sr_dict *d, mfent *e, mfent *e2, uint32_t root, unsigned tbit,
                   const sr_dict_seq *s, size_t i, size_t n, const unsigned acc[4], int poss_ok,
                   sr_dict_match *m)
{
    size_t upto;
    int shut;
    sr_dict_match c;
    int r = match_full(d, root, tbit, s, i, n, acc, SIZE_MAX, poss_ok, &c, &upto, &shut);
    size_t k = upto > i ? upto - i : 0;
    int keep = (r == 0 || (r == 1 && c.nwords <= UINT8_MAX && c.chars <= UINT16_MAX)) && k >= 1 &&
               k <= MF_K;
    for (size_t q = 2; keep && q < k; q++)
        keep = s->tok[i + q].rid != 0;
    if (keep) {
        /* (k of 3 or more: token i + 2 has a rid, so e2 is its place) */
        if (k > 2)
            e = e2;
        e[1] = e[0];
        mfent x = {{0, 0, 0, 0}, root, 0, 0, (uint8_t)k, 0, 0, 0, 0};
        x.rid[0] = s->tok[i].rid;
        x.rid[1] = s->tok[i + 1].rid;
        for (size_t q = 2; q < k; q++)
            x.rid[q] = s->tok[i + q].rid;
        x.marks = (uint8_t)((shut != 0) | (poss_ok ? 0x80u : 0) | mf_poss(s, i, k));
        if (r == 1) {
            x.phrase = c.phrase;
            x.chars = (uint16_t)c.chars;
            x.nwords = (uint8_t)c.nwords;
            x.res = (uint8_t)(1u | (unsigned)(c.end - i) << 1);
        }
        e[0] = x;
    }
    if (r == 1)
        *m = c;
    return r;
}

/* match_full without options (acc: accept_masks(0), any gap) through the
 * memo. */
static inline int match_memo(const sr_dict *d, uint32_t root, unsigned tbit, const sr_dict_seq *s,
                             size_t i, size_t n, const unsigned acc[4], int poss_ok,
                             sr_dict_match *m)
{
    uint32_t r0 = s->tok[i].rid, r1 = i + 1 < n ? s->tok[i + 1].rid : 0;
    if (!r0 || !r1 || !memo_ready(d, s))
        return match_full(d, root, tbit, s, i, n, acc, SIZE_MAX, poss_ok, m, NULL, NULL);
    mfent *e = &mf_tab[(mix3(r0, r1, root) >> 50) & (MF_SLOTS - 2)], *e2 = NULL;
    unsigned pok = poss_ok ? 0x80u : 0;
    if (!(e->rid[0] == r0 && e->rid[1] == r1 && mf_holds(e, root, tbit, s, i, n, pok))) {
        if (!(e[1].rid[0] == r0 && e[1].rid[1] == r1 &&
              mf_holds(e + 1, root, tbit, s, i, n, pok))) {
            /* A search of three or four tokens, by the third's rid. */
            uint32_t r2 = i + 2 < n ? s->tok[i + 2].rid : 0;
            if (!r2)
                return mf_miss(d, e, e, root, tbit, s, i, n, acc, poss_ok, m);
            e2 = &mf_tab[(mix3(r0, r1 | (uint64_t)r2 << 32, root) >> 50) & (MF_SLOTS - 2)];
            if (!(e2->rid[0] == r0 && e2->rid[1] == r1 && mf_holds(e2, root, tbit, s, i, n, pok))) {
                if (!(e2[1].rid[0] == r0 && e2[1].rid[1] == r1 &&
                      mf_holds(e2 + 1, root, tbit, s, i, n, pok)))
                    return mf_miss(d, e, e2, root, tbit, s, i, n, acc, poss_ok, m);
                e2++;
            }
            e = e2;
        } else {
            e++;
        }
    }
    if (!(e->res & 1))
        return 0;
    *m = (sr_dict_match){DV(d->pentry, uint32_t)[e->phrase], e->phrase, i, i + (e->res >> 1),
                         e->nwords, e->chars};
    return 1;
}

/* match_full, through the memo when it is a search without options. */
static int match_any(const sr_dict *d, uint32_t root, unsigned tbit, const sr_dict_seq *s, size_t i,
                     size_t n, unsigned flags, const unsigned acc[4], size_t max_gap, int poss_ok,
                     sr_dict_match *m)
{
    if (!flags && max_gap == SIZE_MAX)
        return match_memo(d, root, tbit, s, i, n, acc, poss_ok, m);
    return match_full(d, root, tbit, s, i, n, acc, max_gap, poss_ok, m, NULL, NULL);
}

/* The one-word phrases of the table (root) that token i starts, for
 * when no word after it may go on with one: the same lookups in the same
 * order as match_full makes, without its stack.  Returns 1 with the
 * longest in *m, 0 for none, or -1 when a child that a blank connector
 * may lead on from calls for the full search. */
static int one_scan_c(const sr_dict *d, uint32_t root, const uint32_t *ci, const uint8_t *ck,
                      size_t nc, size_t i, const unsigned acc[4], size_t max_gap, sr_dict_match *m)
{
    const uint32_t *wlen = d->voc.len.p;
    const uint8_t *wf = d->voc.flags.p;
    const trie *tr = &d->tr;
    sr_dict_match best;
    int found = 0;
    for (size_t k = 0; k < nc; k++) {
        uint32_t w = ci[k];
        for (unsigned modes = wf[w] & acc[ck[k] & 3]; modes; modes &= modes - 1) {
            const tedge *ch = trie_edge_in(tr, root, trie_key(w, (unsigned)__builtin_ctz(modes), 0));
            if (!ch)
                continue;
            if ((te_nf(ch) & NF_GAP) && max_gap)
                return -1;
            if (ch->pay == NONE32)
                continue;
            sr_dict_match c = {DV(d->pentry, uint32_t)[ch->pay], ch->pay, i, i + 1, 1, wlen[w]};
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

static int one_scan(const sr_dict *d, uint32_t root, const sr_dict_seq *s, size_t i,
                    const unsigned acc[4], size_t max_gap, sr_dict_match *m)
{
    const uint32_t *ci;
    const uint8_t *ck;
    size_t nc = tok_cands(s, i, &ci, &ck);
    return one_scan_c(d, root, ci, ck, nc, i, acc, max_gap, m);
}

void tok_memo(const sr_dict *d, stok *t, const uint32_t *ids, const uint8_t *kinds, size_t n)
{
    t->ty = 0;
    unsigned tabs = t->mask.start & t->mask.solo & ((1u << SR_DICT_T__COUNT) - 1);
    if (!d->compiled || !d->tr.ecap || (tabs & (tabs - 1)))
        return;
    if (!tabs) {
        /* No one-word phrase: only a word after may make a match. */
        t->ty = (uint8_t)(TY_MEMO | 1u << 4);
        return;
    }
    int tb = __builtin_ctz(tabs);
    unsigned acc[4];
    accept_masks(0, acc);
    sr_dict_match c;
    int r = one_scan_c(d, d->roots[tb], ids, kinds, n, 0, acc, SIZE_MAX, &c);
    if (r == 1) {
        if (c.chars > UINT8_MAX)
            return; /* only a word of hundreds of bytes, never cached */
        t->phrase = c.phrase;
        t->chars = (uint8_t)c.chars;
    }
    t->ty = (uint8_t)(TY_MEMO | (unsigned)tb | (unsigned)(r + 1) << 4);
}

/* cont: whether token i + 1 may go on with a phrase of the table
 * (cont_at), or -1 when the caller has not asked. */
static int match_from(const sr_dict *d, uint32_t root, unsigned tbit, const sr_dict_seq *s, size_t i,
                      size_t n, const sr_dict_match_opts *o, int poss_ok, int cont, sr_dict_match *m)
{
    if (n > s->n)
        n = s->n;
    if (i >= n || !d->tr.ecap)
        return 0;
    unsigned flags = o ? o->flags : 0;
    size_t max_gap = o ? o->max_gap : SIZE_MAX;
    if (flags & SR_DICT_M_NO_GAPS)
        max_gap = 0;
    unsigned acc[4];
    accept_masks(flags, acc);
    if (is_poss(s, i) || (cont >= 0 ? cont : cont_at(d, s, tbit, i, n)))
        return match_any(d, root, tbit, s, i, n, flags, acc, max_gap, poss_ok, m);
    /* The usual case: no word after this one goes on with a phrase of
     * the table, so only one-word phrases can match. */
    int r = !flags && max_gap == SIZE_MAX ? one_word(d, root, s, i, acc, m)
                                          : one_scan(d, root, s, i, acc, max_gap, m);
    return r >= 0 ? r : match_any(d, root, tbit, s, i, n, flags, acc, max_gap, poss_ok, m);
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

/* sr_dict_match_best past the tables' start bits and the memo: cont has
 * the tables a word after token i may go on with (cont_at of each).  Out
 * of line, so that the usual call saves no registers. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int match_best_at(const sr_dict *d, const sr_dict_seq *s, size_t i, size_t n,
                         unsigned starts, unsigned cont, const signed char *rank, sr_dict_match *m,
                         int *table)
{
    int found = 0, best_rank = 0;
    unsigned acc[4];
    accept_masks(0, acc);
    /* may_start: a table the word starts whose one-word phrases it may
     * be, or that a word after may go on with. */
    starts &= s->tok[i].mask.solo | cont;
    for (; starts; starts &= starts - 1) {
        int tb = __builtin_ctz(starts);
        sr_dict_match c;
        /* match_from without options, the one-word case through the memo. */
        int r = -1;
        if (!is_poss(s, i) && !(cont & (1u << tb)))
            r = one_word(d, d->roots[tb], s, i, acc, &c);
        if (r < 0)
            r = match_memo(d, d->roots[tb], 1u << tb, s, i, n, acc, tb != SR_DICT_T_VERBS, &c);
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
    /* Bits of starts are tables the word starts (start). */
    unsigned starts = s->starts[i] & tables & ((1u << SR_DICT_T__COUNT) - 1);
    if (!starts || !d || !d->compiled || !m || !rank)
        return 0;
    if (n > s->n)
        n = s->n;
    if (i >= n || !d->tr.ecap)
        return 0;
    unsigned cont = 0;
    if (i + 1 < n)
        for (unsigned x = (s->tok[i + 1].mask.next | s->tok[i + 1].mask.gap) & starts; x;
             x &= x - 1) {
            unsigned tbit = x & -x;
            if (!d->wmask.p || pair_may(d, s, tbit, i))
                cont |= tbit;
        }
    const stok *t = &s->tok[i];
    if (!cont && t->ty && !is_poss(s, i)) {
        /* No word after this one may go on with a phrase of the tables:
         * only one-word phrases of those the word may end alone (start
         * and solo: at most the memo's table) can match, and the memo has
         * what match_best_at would find. */
        if (!(starts & t->mask.solo))
            return 0;
        int res = ((t->ty >> 4) & 3) - 1;
        if (res == 0)
            return 0;
        if (res == 1) {
            *m = (sr_dict_match){DV(d->pentry, uint32_t)[t->phrase], t->phrase, i, i + 1, 1,
                                 t->chars};
            *table = t->ty & 15;
            return 1;
        }
    }
    return match_best_at(d, s, i, n, starts, cont, rank, m, table);
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
        /* A word's synsets are in increasing order (build_starts). */
        uint32_t w = ci[k], j = so[w], e = so[w + 1];
        while (j < e && ids[j] < synset)
            j++;
        if (j < e && ids[j] == synset)
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


/* Clears the Bloom filter's 8192 bits with 16-byte stores written out:
 * a memset or a loop of this size compiles to a string store, which
 * counts (and on some processors costs) one instruction a word. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
static void bloom_clear(sr_dict_bloom *out)
{
    typedef uint64_t v2 __attribute__((vector_size(16), may_alias, aligned(8)));
    _Static_assert(sizeof out->bits == 129 * 8, "the bits are 64 pairs of words and one");
#pragma GCC unroll 64
    for (size_t k = 0; k < 128; k += 2)
        *(v2 *)&out->bits[k] = (v2){0, 0};
    out->bits[128] = ~0ull;
}

void sr_dict_seq_bloom(const sr_dict *d, const sr_dict_seq *s, sr_dict_bloom *out)
{
    bloom_clear(out);
    if (!d || !s || !d->compiled)
        return;
    const uint32_t *so = d->syn_off.p, *sids = d->syn_ids.p;
    for (size_t i = 0; i < s->n; i++) {
        int syn = (s->tok[i].mask.start & SR_DICT_START_SYNSET) != 0;
        if (s->tok[i].n == 1 && !syn) {
            /* Most tokens: one candidate, no synset to add. */
            uint32_t b = sr_dict_bloom_bit(s->tok[i].id[0]);
            out->bits[b >> 6] |= 1ull << (b & 63);
            continue;
        }
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
    /* The signature rules most tokens out before synset_starts_at runs
     * (in a compiled set a token's signature is 0 exactly when its start
     * mask lacks SR_DICT_START_SYNSET: both come from the same edges). */
    uint64_t bit = (uint64_t)1 << (synset & 63);
    const stok *tok = s->tok;
    for (size_t j = from, n = s->n; j < to; j++) {
        size_t i = at[j];
        if (i < n && (tok[i].synsig & bit) && synset_starts_at(d, synset, s, i))
            return j;
    }
    return to;
}
