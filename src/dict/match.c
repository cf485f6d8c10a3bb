/* Resolving tokens against the vocabulary and longest-match search over the
 * phrase tries.  Everything here only reads the set, so any number of
 * threads may match at once. */
#include "dict_int.h"

#include <stdlib.h>
#include <string.h>

struct sr_dict_seq {
    size_t n;
    uint32_t *exact;         /* n */
    uint32_t *off;           /* n + 1: candidates of token i are [off[i], off[i+1]) */
    uint32_t *cand;
    uint8_t *kind;
};

/* ---- resolving ------------------------------------------------------------------ */

static const struct {
    const char *s;
    size_t n;
} endings[] = {{"s", 1}, {"es", 2}, {"ed", 2}, {"en", 2}, {"ing", 3}};

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

/* The candidates of one folded word: itself, word minus a regular ending,
 * and (when any stem exists) every proper prefix that is a stem, longest
 * first.  At most 64 are kept, which no real word approaches. */
static uint32_t resolve(const sr_dict *d, const char *w, size_t n, cbuf *c)
{
    const vocab *v = &d->voc;
    const uint8_t *fl = v->flags.p;
    c->n = 0;
    if (!v->n || !n)
        return 0;
    uint32_t exact = voc_find_h(v, w, n, voc_hash(w, n));
    if (exact)
        cb_add(c, exact, SR_DICT_K_EXACT);
    for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++) {
        size_t sn = endings[k].n;
        if (n <= sn || memcmp(w + n - sn, endings[k].s, sn) != 0)
            continue;
        uint32_t base = voc_find_h(v, w, n - sn, voc_hash(w, n - sn));
        if (base)
            cb_add(c, base, SR_DICT_K_ENDING);
    }
    if (v->used & WF_STEM) {
        uint32_t found[64];
        size_t nf = 0;
        uint32_t h = 2166136261u;
        for (size_t i = 0; i + 1 < n; i++) {
            h = voc_hash_step(h, (unsigned char)w[i]);
            if (((unsigned char)w[i + 1] & 0xC0) == 0x80)
                continue; /* not a character boundary */
            uint32_t id = voc_find_h(v, w, i + 1, h);
            if (id && (fl[id] & WF_STEM) && nf < 64)
                found[nf++] = id;
        }
        while (nf)
            cb_add(c, found[--nf], SR_DICT_K_PREFIX);
    }
    return exact;
}

static int seq_build(const sr_dict *d, sr_arena *a, size_t n, const char *(*word)(const void *, size_t, size_t *),
                     const void *ctx, sr_dict_seq **out)
{
    if (!d || !a || !out)
        return SR_EINVAL;
    sr_dict_seq *s = sr_arena_calloc(a, 1, sizeof *s);
    if (!s || n >= NONE32)
        return SR_ENOMEM;
    s->n = n;
    s->exact = sr_arena_calloc(a, n ? n : 1, sizeof *s->exact);
    s->off = sr_arena_calloc(a, n + 1, sizeof *s->off);
    if (!s->exact || !s->off)
        return SR_ENOMEM;
    sr_vec ids = {0}, kinds = {0};
    cbuf c;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *w = word(ctx, i, &len);
        s->off[i] = (uint32_t)ids.len;
        s->exact[i] = w ? resolve(d, w, len, &c) : 0;
        if (!w)
            c.n = 0;
        for (size_t k = 0; k < c.n; k++) {
            uint32_t *id = sr_vec_push(&ids, a, sizeof *id);
            uint8_t *kd = sr_vec_push(&kinds, a, 1);
            if (!id || !kd)
                return SR_ENOMEM;
            *id = c.id[k];
            *kd = c.kind[k];
        }
    }
    s->off[n] = (uint32_t)ids.len;
    s->cand = ids.items;
    s->kind = kinds.items;
    *out = s;
    return 0;
}

static const char *tok_word(const void *ctx, size_t i, size_t *len)
{
    const sr_token *t = (const sr_token *)ctx + i;
    *len = t->norm_len;
    return t->norm;
}

typedef struct wlist {
    const char *const *w;
    const size_t *l;
} wlist;

static const char *list_word(const void *ctx, size_t i, size_t *len)
{
    const wlist *wl = ctx;
    *len = wl->l[i];
    return wl->w[i];
}

int sr_dict_seq_new(const sr_dict *d, sr_arena *a, const sr_token *toks, size_t n,
                    sr_dict_seq **out)
{
    if (n && !toks)
        return SR_EINVAL;
    return seq_build(d, a, n, tok_word, toks, out);
}

int sr_dict_seq_from_words(const sr_dict *d, sr_arena *a, const char *const *words,
                           const size_t *lens, size_t n, sr_dict_seq **out)
{
    if (n && (!words || !lens))
        return SR_EINVAL;
    wlist wl = {words, lens};
    return seq_build(d, a, n, list_word, &wl, out);
}

size_t sr_dict_seq_len(const sr_dict_seq *s) { return s ? s->n : 0; }

uint32_t sr_dict_seq_word(const sr_dict_seq *s, size_t i) { return s && i < s->n ? s->exact[i] : 0; }

size_t sr_dict_seq_cands(const sr_dict_seq *s, size_t i, const uint32_t **ids, const uint8_t **kinds)
{
    if (!s || i >= s->n || s->off[i + 1] == s->off[i])
        return 0;
    if (ids)
        *ids = s->cand + s->off[i];
    if (kinds)
        *kinds = s->kind + s->off[i];
    return s->off[i + 1] - s->off[i];
}

/* ---- matching ----------------------------------------------------------------------- */

/* May a token of this kind stand for a word stored with this mode? */
static int accepts(int mode, int kind, unsigned flags)
{
    switch (kind) {
    case SR_DICT_K_EXACT:
        return 1;
    case SR_DICT_K_ENDING:
        return mode != SR_DICT_W_EXACT || (flags & SR_DICT_M_ENDINGS);
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
    for (uint32_t k = s->off[i]; k < s->off[i + 1]; k++)
        if (s->cand[k] == word && accepts(mode, s->kind[k], flags))
            return 1;
    return 0;
}

typedef struct mstate {
    uint32_t node, nwords, chars;
    size_t pos;
} mstate;

typedef struct mstack {
    mstate local[128];
    mstate *items;
    size_t n, cap;
    int heap;
} mstack;

static int ms_push(mstack *st, uint32_t node, size_t pos, uint32_t nwords, uint32_t chars)
{
    if (st->n == st->cap) {
        size_t nc = st->cap * 2;
        mstate *ni = st->heap ? sr_realloc(st->items, nc * sizeof *ni) : sr_malloc(nc * sizeof *ni);
        if (!ni)
            return SR_ENOMEM;
        if (!st->heap)
            memcpy(ni, st->items, st->n * sizeof *ni);
        st->items = ni;
        st->cap = nc;
        st->heap = 1;
    }
    st->items[st->n++] = (mstate){node, nwords, chars, pos};
    return 0;
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

static int match_from(const sr_dict *d, uint32_t root, const sr_dict_seq *s, size_t i, size_t n,
                      const sr_dict_match_opts *o, sr_dict_match *m)
{
    if (!d || !s || !m)
        return SR_EINVAL;
    if (n > s->n)
        n = s->n;
    if (i >= n)
        return 0;
    unsigned flags = o ? o->flags : 0;
    size_t max_gap = o ? o->max_gap : SIZE_MAX;
    if (flags & SR_DICT_M_NO_GAPS)
        max_gap = 0;
    const uint32_t *pay = d->tr.payload.p;
    const uint8_t *nf = d->tr.nflags.p;
    const uint32_t *wlen = d->voc.len.p;
    mstack st;
    st.items = st.local;
    st.n = 0;
    st.cap = sizeof st.local / sizeof st.local[0];
    st.heap = 0;
    sr_dict_match best;
    int found = 0, rc = 0;
    long budget = MATCH_BUDGET;
    ms_push(&st, root, i, 0, 0);
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
        if (!(nf[cur.node] & NF_CHILD))
            continue;
        /* Words glued to the last one, or free to follow at once. */
        if (cur.pos < n) {
            for (uint32_t k = s->off[cur.pos]; k < s->off[cur.pos + 1]; k++) {
                for (int mode = 0; mode < 3; mode++) {
                    if (!accepts(mode, s->kind[k], flags))
                        continue;
                    for (unsigned gap = 0; gap < (cur.nwords ? 2u : 1u); gap++) {
                        budget--;
                        uint32_t ch = trie_child(&d->tr, cur.node, trie_key(s->cand[k], (unsigned)mode, gap));
                        if (ch != NONE32 &&
                            (rc = ms_push(&st, ch, cur.pos + 1, cur.nwords + 1, cur.chars + wlen[s->cand[k]])))
                            goto out;
                    }
                }
            }
        }
        /* Words after a blank connector may come later in the range. */
        if (cur.nwords && (nf[cur.node] & NF_GAP) && max_gap) {
            for (size_t p = cur.pos + 1; p < n && p - cur.pos <= max_gap && budget > 0; p++) {
                for (uint32_t k = s->off[p]; k < s->off[p + 1]; k++) {
                    for (int mode = 0; mode < 3; mode++) {
                        if (!accepts(mode, s->kind[k], flags))
                            continue;
                        budget--;
                        uint32_t ch = trie_child(&d->tr, cur.node, trie_key(s->cand[k], (unsigned)mode, 1));
                        if (ch != NONE32 &&
                            (rc = ms_push(&st, ch, p + 1, cur.nwords + 1, cur.chars + wlen[s->cand[k]])))
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

int sr_dict_match_longest(const sr_dict *d, int table, const sr_dict_seq *s, size_t i, size_t n,
                          const sr_dict_match_opts *o, sr_dict_match *m)
{
    if (!d || table < 0 || table >= SR_DICT_T__COUNT || !d->compiled)
        return SR_EINVAL;
    return match_from(d, d->roots[table], s, i, n, o, m);
}

int sr_dict_synset_match(const sr_dict *d, uint32_t synset, const sr_dict_seq *s, size_t i, size_t n,
                         const sr_dict_match_opts *o, sr_dict_match *m)
{
    if (!d || !d->compiled || synset >= d->synsets.n)
        return SR_EINVAL;
    return match_from(d, DV(d->synsets, dsynset)[synset].root, s, i, n, o, m);
}
