/* Resolving tokens against the vocabulary and longest-match search over the
 * phrase tries.  Everything here only reads the set, so any number of
 * threads may match at once. */
#include "dict_int.h"

#include <stdlib.h>
#include <string.h>

struct sr_dict_seq {
    size_t n;
    uint8_t *flags;          /* n SR_DICT_SEQ_* flags, or NULL when none is set */
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
    uint32_t exact = voc_find_h(v, w, n, voc_hash(w, n));
    if (exact)
        cb_add(c, exact, SR_DICT_K_EXACT);
    uint32_t drop_e = 0;
    for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++) {
        size_t sn = endings[k].n;
        if (n <= sn || memcmp(w + n - sn, endings[k].s, sn) != 0)
            continue;
        uint32_t base = voc_find_h(v, w, n - sn, voc_hash(w, n - sn));
        if (base)
            cb_add(c, base, SR_DICT_K_ENDING);
        if (!e_stem(w, n - sn))
            continue;
        if (endings[k].s[0] == 'e') {
            /* deplore + d: the word runs into the ending's E. */
            uint32_t id = voc_find_h(v, w, n - sn + 1, voc_hash(w, n - sn + 1));
            if (id)
                cb_add(c, id, SR_DICT_K_ENDING);
        } else if (endings[k].s[0] == 'i' && !vowel((unsigned char)w[n - sn - 1]) &&
                   n - sn < 256) {
            char buf[256];
            memcpy(buf, w, n - sn);
            buf[n - sn] = 'e';
            drop_e = voc_find_h(v, buf, n - sn + 1, voc_hash(buf, n - sn + 1));
        }
    }
    if (drop_e)
        cb_add(c, drop_e, SR_DICT_K_ENDING_E);
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
                     const void *ctx, const uint8_t *flags, sr_dict_seq **out)
{
    if (!d || !a || !out)
        return SR_EINVAL;
    sr_dict_seq *s = sr_arena_calloc(a, 1, sizeof *s);
    if (!s || n >= NONE32)
        return SR_ENOMEM;
    s->n = n;
    for (size_t i = 0; flags && i < n; i++)
        if (flags[i]) {
            if (!(s->flags = sr_arena_alloc(a, n)))
                return SR_ENOMEM;
            memcpy(s->flags, flags, n);
            break;
        }
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
    return seq_build(d, a, n, tok_word, toks, NULL, out);
}

int sr_dict_seq_from_words_flags(const sr_dict *d, sr_arena *a, const char *const *words,
                                 const size_t *lens, const uint8_t *flags, size_t n,
                                 sr_dict_seq **out)
{
    if (n && (!words || !lens))
        return SR_EINVAL;
    wlist wl = {words, lens};
    return seq_build(d, a, n, list_word, &wl, flags, out);
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
    for (uint32_t k = s->off[i]; k < s->off[i + 1]; k++)
        if (s->cand[k] == word && accepts(mode, s->kind[k], flags))
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

static int ms_push(mstack *st, uint32_t node, size_t pos, uint32_t nwords, uint32_t chars,
                   int closed)
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
    st->items[st->n++] = (mstate){node, nwords, chars, pos, closed};
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

/* poss_ok: whether a word with a possessive may end a phrase (not in the
 * verb table). */
static int match_from(const sr_dict *d, uint32_t root, const sr_dict_seq *s, size_t i, size_t n,
                      const sr_dict_match_opts *o, int poss_ok, sr_dict_match *m)
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
    const uint8_t *wf = d->voc.flags.p; /* modes each word is stored with */
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
        if (!(nf[cur.node] & NF_CHILD))
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
                    uint32_t ch = trie_child(&d->tr, cur.node, trie_key(pw, (unsigned)mode, 0));
                    if (ch != NONE32 &&
                        (rc = ms_push(&st, ch, cur.pos, cur.nwords + 1, cur.chars + wlen[pw], 0)))
                        goto out;
                }
            }
            continue;
        }
        /* Words glued to the last one, or free to follow at once. */
        if (cur.pos < n) {
            int pp = is_poss(s, cur.pos);
            for (uint32_t k = s->off[cur.pos]; k < s->off[cur.pos + 1] && (poss_ok || !pp); k++) {
                for (int mode = 0; mode < W_NMODES; mode++) {
                    if (!(wf[s->cand[k]] & (1u << mode)) || !accepts(mode, s->kind[k], flags) ||
                        (pp && mode == W_WHOLE))
                        continue;
                    for (unsigned gap = 0; gap < (cur.nwords ? 2u : 1u); gap++) {
                        budget--;
                        uint32_t ch = trie_child(&d->tr, cur.node, trie_key(s->cand[k], (unsigned)mode, gap));
                        if (ch != NONE32 &&
                            (rc = ms_push(&st, ch, cur.pos + 1, cur.nwords + 1,
                                          cur.chars + wlen[s->cand[k]], pp)))
                            goto out;
                    }
                }
            }
        }
        /* Words after a blank connector may come later in the range. */
        if (cur.nwords && (nf[cur.node] & NF_GAP) && max_gap) {
            for (size_t p = cur.pos + 1; p < n && p - cur.pos <= max_gap && budget > 0; p++) {
                int pp = is_poss(s, p);
                if (pp && !poss_ok)
                    continue;
                for (uint32_t k = s->off[p]; k < s->off[p + 1]; k++) {
                    for (int mode = 0; mode < W_NMODES; mode++) {
                        if (!(wf[s->cand[k]] & (1u << mode)) || !accepts(mode, s->kind[k], flags) ||
                            (pp && mode == W_WHOLE))
                            continue;
                        budget--;
                        uint32_t ch = trie_child(&d->tr, cur.node, trie_key(s->cand[k], (unsigned)mode, 1));
                        if (ch != NONE32 &&
                            (rc = ms_push(&st, ch, p + 1, cur.nwords + 1, cur.chars + wlen[s->cand[k]],
                                          pp)))
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
    return match_from(d, d->roots[table], s, i, n, o, table != SR_DICT_T_VERBS, m);
}

int sr_dict_synset_match(const sr_dict *d, uint32_t synset, const sr_dict_seq *s, size_t i, size_t n,
                         const sr_dict_match_opts *o, sr_dict_match *m)
{
    if (!d || !d->compiled || synset >= d->synsets.n)
        return SR_EINVAL;
    return match_from(d, DV(d->synsets, dsynset)[synset].root, s, i, n, o, 1, m);
}
