/* Indexes built by sr_dict_compile() so that matching can reject a
 * position without walking a trie:
 *
 *   - per word id, the tables (and whether some synset) whose phrases can
 *     start with it, go on with it right after a word, or go on with it
 *     after a blank connector (any mode);
 *   - per word id, the synsets whose members can start with it;
 *   - the byte prefixes of every stem word, so that resolving a token stops
 *     looking for stems at the first prefix no stem begins with.
 *
 * All three are conservative: a bit or entry that is present only means
 * "maybe", and the trie or vocabulary then decides, so matching finds what
 * it found without them. */
#include "dict_int.h"

#include <stdlib.h>
#include <string.h>

/* The slot dict_pre_get starts at. */
static uint32_t pre_slot(uint32_t h, size_t mask)
{
    h ^= h >> 15;
    h *= 0x2c1b3c6du;
    h ^= h >> 12;
    return h & (uint32_t)mask;
}

static void pre_put(uint32_t *keys, uint8_t *fl, size_t mask, uint32_t h, unsigned flag)
{
    if (!h)
        h = 1; /* 0 marks an empty slot; a collision only costs a probe */
    size_t i = pre_slot(h, mask);
    while (keys[i] && keys[i] != h)
        i = (i + 1) & mask;
    keys[i] = h;
    fl[i] |= (uint8_t)flag;
}

static int build_prefixes(sr_dict *d)
{
    const vocab *v = &d->voc;
    const uint8_t *wf = v->flags.p;
    const uint32_t *len = v->len.p, *off = v->off.p;
    size_t total = 0;
    for (uint32_t id = 1; id <= v->n; id++)
        if (wf[id] & WF_STEM)
            total += len[id];
    if (!total)
        return 0;
    size_t cap = 64;
    while (cap < total * 2)
        cap *= 2;
    if (dv_reserve(&d->pre_keys, 4, cap) || dv_reserve(&d->pre_flags, 1, cap))
        return SR_ENOMEM;
    uint32_t *keys = d->pre_keys.p;
    uint8_t *fl = d->pre_flags.p;
    memset(keys, 0, cap * 4);
    memset(fl, 0, cap);
    d->pre_keys.n = d->pre_flags.n = cap;
    for (uint32_t id = 1; id <= v->n; id++) {
        if (!(wf[id] & WF_STEM))
            continue;
        const char *w = v->chars.data + off[id];
        uint32_t h = 2166136261u;
        for (uint32_t k = 0; k < len[id]; k++) {
            h = voc_hash_step(h, (unsigned char)w[k]);
            pre_put(keys, fl, cap - 1, h, k + 1 == len[id] ? PRE_STEM : PRE_MORE);
        }
    }
    return 0;
}

typedef struct wsyn {
    uint32_t word, synset;
} wsyn;

static int ws_cmp(const void *a, const void *b)
{
    const wsyn *x = a, *y = b;
    if (x->word != y->word)
        return x->word < y->word ? -1 : 1;
    return x->synset < y->synset ? -1 : x->synset > y->synset;
}

static int build_starts(sr_dict *d)
{
    uint32_t nw = d->voc.n;
    const trie *t = &d->tr;
    size_t nodes = t->payload.n;
    if (dv_reserve(&d->wmask, sizeof(dwmask), (size_t)nw + 1) ||
        dv_reserve(&d->syn_off, 4, (size_t)nw + 2))
        return SR_ENOMEM;
    dwmask *wm = d->wmask.p;
    uint32_t *so = d->syn_off.p;
    memset(wm, 0, ((size_t)nw + 1) * sizeof *wm);
    memset(so, 0, ((size_t)nw + 2) * 4);
    d->wmask.n = (size_t)nw + 1;
    d->syn_off.n = (size_t)nw + 2;

    /* Which table (bit) each node belongs to: a child is always made after
     * its parent, so one pass in node order carries the roots' bits down. */
    uint32_t *parent = sr_malloc((nodes ? nodes : 1) * sizeof *parent);
    uint16_t *owner = sr_calloc(nodes ? nodes : 1, sizeof *owner);
    uint32_t *synroot = sr_malloc((nodes ? nodes : 1) * sizeof *synroot);
    dvec pairs = {0};
    int rc = 0;
    if (!parent || !owner || !synroot) {
        rc = SR_ENOMEM;
        goto out;
    }
    for (size_t k = 0; k < nodes; k++)
        parent[k] = synroot[k] = NONE32;
    for (size_t j = 0; j < t->cap; j++)
        if (t->keys[j] != UINT64_MAX && t->vals[j] < nodes)
            parent[t->vals[j]] = (uint32_t)(t->keys[j] >> 32);
    for (int tb = 0; tb < SR_DICT_T__COUNT; tb++)
        owner[d->roots[tb]] = (uint16_t)(1u << tb);
    for (size_t k = 0; k < d->synsets.n; k++) {
        uint32_t r = DV(d->synsets, dsynset)[k].root;
        owner[r] = SR_DICT_START_SYNSET;
        synroot[r] = (uint32_t)k;
    }
    for (size_t k = 0; k < nodes; k++)
        if (parent[k] != NONE32 && parent[k] < k)
            owner[k] = owner[parent[k]];
    /* Nodes a possessive word leads on from (the 's stays at the token). */
    uint8_t *possnext = sr_calloc(nodes ? nodes : 1, 1);
    if (!possnext) {
        rc = SR_ENOMEM;
        goto out;
    }
    for (size_t j = 0; j < t->cap; j++) {
        uint64_t k = t->keys[j];
        uint32_t word = (uint32_t)k >> 3;
        if (k != UINT64_MAX && (uint32_t)(k >> 32) < nodes && word &&
            (word == d->poss_word[0] || word == d->poss_word[1]))
            possnext[k >> 32] = 1;
    }
    const uint32_t *pay = t->payload.p;
    const uint8_t *nfl = t->nflags.p;

    for (size_t j = 0; j < t->cap && !rc; j++) {
        uint64_t k = t->keys[j];
        if (k == UINT64_MAX)
            continue;
        uint32_t node = (uint32_t)(k >> 32), key = (uint32_t)k, word = key >> 3;
        if (word > nw || node >= nodes)
            continue;
        uint16_t bit = owner[node];
        if (parent[node] != NONE32) {
            *((key & 1) ? &wm[word].gap : &wm[word].next) |= bit;
        } else {
            uint32_t c = t->vals[j];
            wm[word].start |= bit;
            if (c >= nodes || pay[c] != NONE32 || (nfl[c] & NF_GAP) || possnext[c])
                wm[word].solo |= bit;
        }
        if (synroot[node] == NONE32)
            continue;
        wsyn *p = dv_push(&pairs, sizeof *p);
        if (!p)
            rc = SR_ENOMEM;
        else
            *p = (wsyn){word, synroot[node]};
    }
    free(possnext);
    if (rc)
        goto out;
    wsyn *pw = pairs.p;
    if (pairs.n)
        qsort(pw, pairs.n, sizeof *pw, ws_cmp);
    /* One entry per (word, synset): a word stored in several modes gives
     * several edges. */
    size_t u = 0;
    for (size_t k = 0; k < pairs.n; k++)
        if (!u || pw[u - 1].word != pw[k].word || pw[u - 1].synset != pw[k].synset)
            pw[u++] = pw[k];
    if (dv_reserve(&d->syn_ids, 4, u ? u : 1)) {
        rc = SR_ENOMEM;
        goto out;
    }
    uint32_t *ids = d->syn_ids.p;
    for (size_t k = 0; k < u; k++) {
        ids[k] = pw[k].synset;
        so[pw[k].word + 1]++;
    }
    d->syn_ids.n = u;
    for (uint32_t w = 1; w <= nw + 1; w++)
        so[w] += so[w - 1];
out:
    free(parent);
    free(owner);
    free(synroot);
    dv_free(&pairs);
    return rc;
}

/* The elements outside alternatives, as the coder's pre-filter counts
 * depth: ALT_OPEN and ALT_CLOSE only. */
static int build_needs(sr_dict *d)
{
    dpattern *p = d->patterns.p;
    const sr_dict_elem *el = d->elems.p;
    d->need.n = 0;
    for (size_t k = 0; k < d->patterns.n; k++) {
        int depth = 0;
        p[k].first_need = (uint32_t)d->need.n;
        p[k].nneed = 0;
        for (uint32_t i = 0; i < p[k].nelems; i++) {
            const sr_dict_elem *e = &el[p[k].first_elem + i];
            uint32_t v;
            if (e->type == SR_DICT_E_ALT_OPEN)
                depth++;
            else if (e->type == SR_DICT_E_ALT_CLOSE)
                depth--;
            if (depth || (e->type != SR_DICT_E_WORD && e->type != SR_DICT_E_SYNSET))
                continue;
            v = e->type == SR_DICT_E_WORD ? e->value : SR_DICT_NEED_SYNSET | e->value;
            uint32_t *slot = dv_push(&d->need, 4);
            if (!slot)
                return SR_ENOMEM;
            *slot = v;
            p[k].nneed++;
        }
    }
    return 0;
}

/* The pair filter: for every phrase of two words or more, its table bit
 * and first two words.  Made from the trie's edges after compiling, and
 * stored in the cache (three passes over the trie cost more than the
 * rest of mapping one). */
static int build_pairs(sr_dict *d)
{
    const trie *t = &d->tr;
    size_t nodes = t->payload.n;
    dv_free(&d->pairs);
    d->pair_mask = 0;
    if (!nodes || !t->cap)
        return 0;
    uint16_t *rootbit = sr_calloc(nodes, sizeof *rootbit);
    uint32_t *parent = sr_malloc(nodes * sizeof *parent);
    uint32_t *inword = sr_malloc(nodes * sizeof *inword);
    int rc = SR_ENOMEM;
    if (!rootbit || !parent || !inword)
        goto out;
    for (int tb = 0; tb < SR_DICT_T__COUNT; tb++)
        if (d->roots[tb] < nodes)
            rootbit[d->roots[tb]] = (uint16_t)(1u << tb);
    for (size_t k = 0; k < d->synsets.n; k++) {
        uint32_t r = DV(d->synsets, dsynset)[k].root;
        if (r < nodes)
            rootbit[r] = SR_DICT_START_SYNSET;
    }
    for (size_t k = 0; k < nodes; k++)
        parent[k] = NONE32;
    for (size_t j = 0; j < t->cap; j++)
        if (t->keys[j] != UINT64_MAX && t->vals[j] < nodes) {
            parent[t->vals[j]] = (uint32_t)(t->keys[j] >> 32);
            inword[t->vals[j]] = (uint32_t)t->keys[j] >> 3;
        }
    /* Second edges: from a node whose parent is a root. */
    size_t npairs = 0;
    for (size_t j = 0; j < t->cap; j++) {
        uint64_t k = t->keys[j];
        uint32_t node = (uint32_t)(k >> 32);
        if (k != UINT64_MAX && node < nodes && parent[node] < nodes && rootbit[parent[node]])
            npairs++;
    }
    rc = 0;
    if (!npairs)
        goto out;
    size_t bits = 64;
    while (bits < npairs * 16)
        bits *= 2;
    uint64_t *pairs = sr_calloc(bits / 64, sizeof *pairs);
    if (!pairs) {
        rc = SR_ENOMEM;
        goto out;
    }
    d->pairs = (dvec){pairs, bits / 64, bits / 64};
    d->pair_mask = bits - 1;
    for (size_t j = 0; j < t->cap; j++) {
        uint64_t k = t->keys[j];
        uint32_t node = (uint32_t)(k >> 32);
        if (k == UINT64_MAX || node >= nodes || parent[node] >= nodes || !rootbit[parent[node]])
            continue;
        size_t b = pair_bit(rootbit[parent[node]], inword[node], (uint32_t)k >> 3, d->pair_mask);
        pairs[b >> 6] |= 1ull << (b & 63);
    }
out:
    free(rootbit);
    free(parent);
    free(inword);
    return rc;
}

int dict_build_views(sr_dict *d)
{
    free(d->pviews);
    free(d->pfilter);
    /* on a line's start, for the layout sr_dict_pattern counts on */
    size_t vb = (d->patterns.n ? d->patterns.n : 1) * sizeof *d->pviews;
    d->pviews = aligned_alloc(64, (vb + 63) / 64 * 64);
    d->pfilter = sr_malloc((d->patterns.n ? d->patterns.n : 1) * sizeof *d->pfilter);
    if (!d->pviews || !d->pfilter)
        return SR_ENOMEM;
    const uint32_t *wlen = d->voc.len.p;
    const dpattern *p = d->patterns.p;
    for (size_t k = 0; k < d->patterns.n; k++) {
        sr_dict_pattern *o = &d->pviews[k];
        memset(o, 0, sizeof *o);
        o->verb = p[k].verb;
        o->elems = d->elems.p ? DV(d->elems, sr_dict_elem) + p[k].first_elem : NULL;
        o->nelems = p[k].nelems;
        o->verb_index = p[k].verb_index;
        o->code = (sr_dict_code){str_at(d, p[k].code.code), str_at(d, p[k].code.paired),
                                 p[k].code.flags, p[k].code.shift};
        o->length = p[k].length;
        o->text = str_at(d, p[k].text);
        o->file = file_at(d, p[k].file);
        o->line = p[k].line;
        o->need = d->need.p ? DV(d->need, uint32_t) + p[k].first_need : NULL;
        o->nneed = p[k].nneed;
        /* The filter words: the longest literals (long words are rare in
         * text), else the first synsets.  Two bits, because a pattern
         * that passes one and fails on another need costs a line of its
         * view read (most patterns that need two words need a common
         * one, "&using", and a rarer one). */
        uint32_t best = 0, blen = 0, next = 0, nlen = 0;
        for (uint32_t i = 0; i < o->nneed; i++) {
            uint32_t v = o->need[i];
            uint32_t len = (v & SR_DICT_NEED_SYNSET) ? 1 : (wlen && v <= d->voc.n ? wlen[v] : 1);
            if (!best || len > blen) {
                next = best;
                nlen = blen;
                best = v;
                blen = len;
            } else if (!next || len > nlen) {
                next = v;
                nlen = len;
            }
        }
        uint32_t b0 = best ? sr_dict_bloom_bit(best) : SR_DICT_NO_FILTER;
        uint32_t b1 = next ? sr_dict_bloom_bit(next) : SR_DICT_NO_FILTER;
        d->pfilter[k] = b0 | b1 << 16;
    }
    return 0;
}

/* Each phrase's entry in an array of its own: the matcher's answers name
 * both, and the whole records are seven times the lines. */
static int build_pentry(sr_dict *d)
{
    d->pentry.n = 0;
    if (dv_reserve(&d->pentry, sizeof(uint32_t), d->phrases.n ? d->phrases.n : 1))
        return SR_ENOMEM;
    const dphrase *ph = d->phrases.p;
    for (size_t k = 0; k < d->phrases.n; k++)
        DV(d->pentry, uint32_t)[k] = ph[k].entry;
    d->pentry.n = d->phrases.n;
    return 0;
}

/* The vocabulary's filter: eight bits a word, one set per word. */
static int build_vbloom(sr_dict *d)
{
    vocab *v = &d->voc;
    size_t bits = 64;
    uint32_t shift = 58;
    while (bits < (size_t)v->n * 8) {
        bits *= 2;
        shift--;
    }
    dv_free(&d->vbloom);
    uint64_t *b = sr_calloc(bits / 64, sizeof *b);
    if (!b)
        return SR_ENOMEM;
    const uint32_t *hs = v->hash.p;
    for (uint32_t id = 1; id <= v->n; id++) {
        uint64_t x = voc_bloom_bit(hs[id], shift);
        b[x >> 6] |= 1ull << (x & 63);
    }
    d->vbloom = (dvec){b, bits / 64, bits / 64};
    v->bloom = b;
    v->bloom_shift = shift;
    return 0;
}

int dict_build_index(sr_dict *d)
{
    int rc = trie_build_edges(&d->tr);
    if (!rc)
        rc = build_vbloom(d);
    if (!rc)
        rc = build_pentry(d);
    if (!rc)
        rc = build_starts(d);
    if (!rc)
        rc = build_prefixes(d);
    if (!rc)
        rc = build_needs(d);
    if (!rc)
        rc = build_pairs(d);
    return rc ? rc : dict_build_views(d);
}
