/* Flat storage: owned arrays, the string pool, the vocabulary hash and the
 * trie edge hash.  Both hashes use open addressing over power-of-two tables
 * kept at most half full, so a lookup is one or two probes. */
#include "dict_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* ---- arrays ------------------------------------------------------------ */

int dv_reserve(dvec *v, size_t esz, size_t extra)
{
    if (v->cap - v->n >= extra)
        return 0;
    size_t cap = v->cap ? v->cap : 16;
    while (cap - v->n < extra) {
        if (cap > SIZE_MAX / 2)
            return SR_ENOMEM;
        cap *= 2;
    }
    size_t bytes;
    if (!sr_mul_ok(cap, esz, &bytes))
        return SR_ENOMEM;
    void *p = sr_realloc(v->p, bytes);
    if (!p)
        return SR_ENOMEM;
    v->p = p;
    v->cap = cap;
    return 0;
}

void *dv_push(dvec *v, size_t esz)
{
    if (dv_reserve(v, esz, 1))
        return NULL;
    void *it = (char *)v->p + v->n * esz;
    memset(it, 0, esz);
    v->n++;
    return it;
}

void dv_free(dvec *v)
{
    free(v->p);
    v->p = NULL;
    v->n = v->cap = 0;
}

/* ---- string pool ------------------------------------------------------- */

uint32_t str_add(sr_dict *d, const char *s, size_t n)
{
    if (d->str.len + n + 1 >= NONE32)
        return NONE32;
    uint32_t off = (uint32_t)d->str.len;
    if (sr_buf_put(&d->str, s, n) || sr_buf_putc(&d->str, 0))
        return NONE32;
    return off;
}

/* ---- vocabulary ---------------------------------------------------------- */


uint32_t voc_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = voc_hash_step(h, (unsigned char)s[i]);
    return h;
}

uint32_t voc_find_h(const vocab *v, const char *s, size_t n, uint32_t h)
{
    if (!v->nslots)
        return 0;
    size_t mask = v->nslots - 1;
    for (size_t i = voc_slot_of(h, mask);; i = (i + 1) & mask) {
        const vslot *e = &v->slots[i];
        if (!e->id)
            return 0;
        if (e->hash == h && e->len == n && memcmp(v->chars.data + e->off, s, n) == 0)
            return e->id;
    }
}

static void voc_put(vslot *slots, size_t mask, const vocab *v, uint32_t id)
{
    uint32_t h = DV(v->hash, uint32_t)[id];
    size_t i = voc_slot_of(h, mask);
    while (slots[i].id)
        i = (i + 1) & mask;
    slots[i] = (vslot){h, id, DV(v->off, uint32_t)[id], DV(v->len, uint32_t)[id]};
}

static int voc_grow(vocab *v)
{
    size_t ns = v->nslots ? v->nslots * 2 : 1024;
    vslot *slots = sr_calloc(ns, sizeof *slots);
    if (!slots)
        return SR_ENOMEM;
    for (uint32_t id = 1; id <= v->n; id++)
        voc_put(slots, ns - 1, v, id);
    free(v->slots);
    v->slots = slots;
    v->nslots = ns;
    return 0;
}

int voc_intern(vocab *v, const char *s, size_t n, uint32_t *id)
{
    uint32_t h = voc_hash(s, n);
    uint32_t found = voc_find_h(v, s, n, h);
    if (found) {
        *id = found;
        return 0;
    }
    if (v->n >= TRIE_MAX_WORD || n >= NONE32 || v->chars.len + n + 1 >= NONE32)
        return SR_ETOOBIG;
    if ((size_t)(v->n + 1) * 2 >= v->nslots && voc_grow(v))
        return SR_ENOMEM;
    if (v->n == 0) {
        /* Id 0 means "no word": give it empty records. */
        if (!dv_push(&v->off, 4) || !dv_push(&v->len, 4) || !dv_push(&v->hash, 4) ||
            !dv_push(&v->flags, 1) || sr_buf_putc(&v->chars, 0))
            return SR_ENOMEM;
    }
    uint32_t *o = dv_push(&v->off, 4), *l = dv_push(&v->len, 4), *hh = dv_push(&v->hash, 4);
    uint8_t *f = dv_push(&v->flags, 1);
    if (!o || !l || !hh || !f)
        return SR_ENOMEM;
    *o = (uint32_t)v->chars.len;
    *l = (uint32_t)n;
    *hh = h;
    if (sr_buf_put(&v->chars, s, n) || sr_buf_putc(&v->chars, 0))
        return SR_ENOMEM;
    uint32_t nid = ++v->n;
    voc_put(v->slots, v->nslots - 1, v, nid);
    *id = nid;
    return 0;
}

void voc_free(vocab *v)
{
    sr_buf_free(&v->chars);
    dv_free(&v->off);
    dv_free(&v->len);
    dv_free(&v->hash);
    dv_free(&v->flags);
    free(v->slots);
    memset(v, 0, sizeof *v);
}

/* ---- trie ---------------------------------------------------------------- */

int trie_node(trie *t, uint32_t *node)
{
    if (t->payload.n >= NONE32 - 1)
        return SR_ETOOBIG;
    uint32_t *p = dv_push(&t->payload, sizeof(uint32_t));
    if (!p || !dv_push(&t->nflags, 1))
        return SR_ENOMEM;
    *p = NONE32;
    *node = (uint32_t)(t->payload.n - 1);
    return 0;
}

uint32_t trie_child(const trie *t, uint32_t node, uint32_t key)
{
    if (!t->cap)
        return NONE32;
    uint64_t k = (uint64_t)node << 32 | key;
    size_t mask = t->cap - 1;
    for (size_t i = edge_slot(k, mask);; i = (i + 1) & mask) {
        if (t->keys[i] == k)
            return t->vals[i];
        if (t->keys[i] == UINT64_MAX)
            return NONE32;
    }
}

static int trie_grow(trie *t)
{
    size_t nc = t->cap ? t->cap * 2 : 256; /* small sets stay small in a cache file */
    uint64_t *keys = sr_malloc(nc * sizeof *keys);
    uint32_t *vals = sr_malloc(nc * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return SR_ENOMEM;
    }
    memset(keys, 0xff, nc * sizeof *keys);
    for (size_t j = 0; j < t->cap; j++) {
        if (t->keys[j] == UINT64_MAX)
            continue;
        size_t i = edge_slot(t->keys[j], nc - 1);
        while (keys[i] != UINT64_MAX)
            i = (i + 1) & (nc - 1);
        keys[i] = t->keys[j];
        vals[i] = t->vals[j];
    }
    free(t->keys);
    free(t->vals);
    t->keys = keys;
    t->vals = vals;
    t->cap = nc;
    return 0;
}

int trie_add(trie *t, uint32_t node, uint32_t key, uint32_t *child)
{
    uint32_t c = trie_child(t, node, key);
    if (c != NONE32) {
        *child = c;
        return 0;
    }
    if ((t->n + 1) * 2 >= t->cap && trie_grow(t))
        return SR_ENOMEM;
    int rc = trie_node(t, &c);
    if (rc)
        return rc;
    uint64_t k = (uint64_t)node << 32 | key;
    size_t mask = t->cap - 1, i = edge_slot(k, mask);
    while (t->keys[i] != UINT64_MAX)
        i = (i + 1) & mask;
    t->keys[i] = k;
    t->vals[i] = c;
    t->n++;
    DV(t->nflags, uint8_t)[node] |= (uint8_t)(NF_CHILD | ((key & 1) ? NF_GAP : NF_ADJ));
    *child = c;
    return 0;
}

int trie_build_edges(trie *t)
{
    size_t cap = 4;
    while (cap * 5 < t->n * 8) /* at most 5/8 full: a lookup seldom leaves its line */
        cap *= 2;
    if (t->payload.n > (size_t)TE_MAX_NODE + 1)
        return SR_ETOOBIG;
    tedge *e = aligned_alloc(64, cap * sizeof *e);
    if (!e)
        return SR_ENOMEM;
    for (size_t i = 0; i < cap; i++)
        e[i] = (tedge){UINT64_MAX, 0, NONE32};
    const uint32_t *pay = t->payload.p;
    const uint8_t *nf = t->nflags.p;
    for (size_t j = 0; j < t->cap; j++) {
        uint64_t k = t->keys[j];
        if (k == UINT64_MAX)
            continue;
        size_t i = edge_slot(k, cap - 1) & ~(size_t)3;
        while (e[i].key != UINT64_MAX)
            i = (i + 1) & (cap - 1);
        uint32_t c = t->vals[j];
        e[i] = (tedge){k, c | (uint32_t)nf[c] << TE_NF_SHIFT, pay[c]};
    }
    free(t->edges);
    t->edges = e;
    t->ecap = cap;
    return 0;
}

void trie_free(trie *t)
{
    dv_free(&t->payload);
    dv_free(&t->nflags);
    free(t->keys);
    free(t->vals);
    free(t->edges);
    memset(t, 0, sizeof *t);
}

/* ---- the set -------------------------------------------------------------- */

sr_dict *sr_dict_new(void)
{
    sr_dict *d = sr_calloc(1, sizeof *d);
    if (!d)
        return NULL;
    sr_dict_options_init(&d->opts);
    d->dialect_verbs = d->dialect_actors = -1;
    int rc = sr_buf_putc(&d->str, 0);
    for (int t = 0; !rc && t < SR_DICT_T__COUNT; t++)
        rc = trie_node(&d->tr, &d->roots[t]);
    if (rc) {
        sr_dict_free(d);
        return NULL;
    }
    return d;
}

void sr_dict_free(sr_dict *d)
{
    if (!d)
        return;
    if (d->mapped) {
        free(d->files.p); /* the name pointers; the names are in the image */
        free(d->pviews);
        free(d->pfilter);
        if (d->map)
            munmap(d->map, d->map_len);
        free(d);
        return;
    }
    voc_free(&d->voc);
    trie_free(&d->tr);
    sr_buf_free(&d->str);
    for (size_t i = 0; i < d->files.n; i++)
        free(DV(d->files, char *)[i]);
    dvec *vs[] = {&d->files,   &d->phrases, &d->actors,   &d->roles,  &d->agents,
                  &d->verbs,   &d->forms,   &d->patterns, &d->elems,  &d->synsets,
                  &d->discards, &d->issues, &d->cats,     &d->labels, &d->transforms,
                  &d->marked,   &d->wmask,  &d->syn_off,  &d->syn_ids, &d->pre_keys,
                  &d->pre_flags, &d->need,  &d->pairs,  &d->pentry, &d->vbloom};
    for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++)
        dv_free(vs[i]);
    free(d->pviews);
    free(d->pfilter);
    free(d);
}

/* ---- storing phrases ------------------------------------------------------ */

static uint32_t word_flag(int mode)
{
    return mode >= 0 && mode < W_NMODES ? 1u << mode : WF_EXACT;
}

void voc_mark(vocab *v, uint32_t id, int mode)
{
    if (id && id <= v->n) {
        DV(v->flags, uint8_t)[id] |= (uint8_t)word_flag(mode);
        v->used |= word_flag(mode);
    }
}

/* One path end of the phrase being stored. */
typedef struct pend {
    uint32_t node;
    int started;             /* a word is on the path (the next may have a gap) */
} pend;

uint32_t ld_store(ld *L, uint32_t root, int table, uint32_t entry, const pphrase *ph,
                  const char *text, size_t tlen)
{
    sr_dict *d = L->d;
    if (L->err)
        return NONE32;
    /* Walk the chunks keeping every path end; a chunk with two token lists
     * doubles the ends (up to PH_MAX_PATHS, then only the written form). */
    pend ends[PH_MAX_PATHS], next[PH_MAX_PATHS];
    size_t nends = 1;
    ends[0] = (pend){root, 0};
    const pchunk *ch = ph->chunks.items;
    for (size_t c = 0; c < ph->chunks.len; c++) {
        size_t nn = 0;
        int nalt = nends * 2 <= PH_MAX_PATHS ? ch[c].nalt : 1;
        for (size_t k = 0; k < nends; k++) {
            for (int a = 0; a < nalt; a++) {
                pend pe = ends[k];
                const pword *w = ch[c].alt[a].items;
                for (size_t i = 0; i < ch[c].alt[a].len; i++) {
                    uint32_t key = trie_key(w[i].id, w[i].mode, pe.started ? w[i].gap : 0);
                    if (trie_add(&d->tr, pe.node, key, &pe.node)) {
                        L->err = SR_ENOMEM;
                        return NONE32;
                    }
                    voc_mark(&d->voc, w[i].id, w[i].mode);
                    pe.started = 1;
                }
                next[nn++] = pe;
            }
        }
        memcpy(ends, next, nn * sizeof *ends);
        nends = nn;
    }
    uint32_t pid = (uint32_t)d->phrases.n, first_dup = NONE32;
    int fresh = 0;
    for (size_t k = 0; k < nends; k++) {
        if (!ends[k].started)
            continue;
        uint32_t *pay = &DV(d->tr.payload, uint32_t)[ends[k].node];
        if (*pay == NONE32) {
            *pay = pid;
            fresh = 1;
        } else if (first_dup == NONE32 && *pay != pid) {
            first_dup = *pay;
        }
    }
    if (!fresh) {
        const dphrase *o = first_dup != NONE32 ? &DV(d->phrases, dphrase)[first_dup] : NULL;
        /* Made-up forms often repeat written ones: report only a phrase
         * written twice. */
        if (o && !L->quiet && !(o->generated & PHRASE_GENERATED) && !d->quiet_dups) {
            ld_warn(L, L->lineno, 0, "duplicate phrase \"%.*s\" (first at %s:%u); kept the first",
                    (int)(tlen > 200 ? 200 : tlen), text, file_at(d, o->file), o->line);
        }
        return first_dup;
    }
    dphrase *p = dv_push(&d->phrases, sizeof *p);
    uint32_t toff = str_add(d, text, tlen);
    if (!p || toff == NONE32) {
        L->err = SR_ENOMEM;
        return NONE32;
    }
    p->entry = entry;
    p->text = toff;
    p->file = L->file;
    p->line = (uint32_t)L->lineno;
    p->nwords = ph->nwords;
    p->table = (uint32_t)table;
    p->generated = (uint32_t)L->quiet;
    if (table >= 0 && table < SR_DICT_T__COUNT)
        d->ntable[table]++;
    return pid;
}
