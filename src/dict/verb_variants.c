/* Synset members with actor markers ("+PESO_$", "+FORCES_OF_%") are kept
 * as pattern elements instead of in the synset's trie (load_verbs.c).
 * After loading, every pattern that names such a synset gets one variant
 * per choice of its marked members, so that matching splices nothing at
 * run time. */
#include "dict_int.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_VARIANTS = 16, MAX_MARKED_SLOTS = 8 };

/* The k-th marked member of synset syn (k from 0), or NULL. */
static const dmarked *marked_member(const sr_dict *d, uint32_t syn, uint32_t k)
{
    const dmarked *mk = d->marked.p;
    for (size_t i = 0; i < d->marked.n; i++)
        if (mk[i].synset == syn && k-- == 0)
            return &mk[i];
    return NULL;
}

static uint32_t marked_count(const sr_dict *d, uint32_t syn)
{
    uint32_t n = 0;
    const dmarked *mk = d->marked.p;
    for (size_t i = 0; i < d->marked.n; i++)
        n += mk[i].synset == syn;
    return n;
}

static int is_group(int type)
{
    return type >= SR_DICT_E_ALT_OPEN && type <= SR_DICT_E_NP_CLOSE;
}

/* One variant of pattern pat (a copy: d->patterns may move) with the synset
 * element slot[j] replaced by its choice[j]-th marked member (0: kept). */
static int add_variant(sr_dict *d, const dpattern *pat, const uint32_t *slot,
                       const uint32_t *choice, size_t ns, uint32_t variant)
{
    uint32_t *map = sr_malloc((pat->nelems + 1) * sizeof *map);
    const dmarked **rep = sr_calloc(pat->nelems + 1, sizeof *rep);
    int rc = SR_ENOMEM;
    if (!map || !rep)
        goto out;
    for (size_t j = 0; j < ns; j++)
        if (choice[j])
            rep[slot[j]] = marked_member(d, DV(d->elems, sr_dict_elem)[pat->first_elem + slot[j]].value,
                                         choice[j] - 1);
    size_t total = 0;
    for (uint32_t e = 0; e < pat->nelems; e++) {
        map[e] = (uint32_t)total;
        total += rep[e] ? rep[e]->nelems : 1;
    }
    if (total >= NONE32 - d->elems.n || dv_reserve(&d->elems, sizeof(sr_dict_elem), total))
        goto out;
    dpattern *np = dv_push(&d->patterns, sizeof *np);
    if (!np)
        goto out;
    sr_dict_elem *el = d->elems.p, *o = el + d->elems.n;
    for (uint32_t e = 0; e < pat->nelems; e++) {
        const sr_dict_elem *src = &el[pat->first_elem + e];
        if (rep[e]) {
            memcpy(o + map[e], el + rep[e]->first_elem, rep[e]->nelems * sizeof *o);
            o[map[e]].consec = src->consec; /* the member stands where the synset stood */
            continue;
        }
        o[map[e]] = *src;
        if (is_group(src->type) && src->value < pat->nelems)
            o[map[e]].value = map[src->value];
    }
    *np = *pat;
    np->first_elem = (uint32_t)d->elems.n;
    np->nelems = (uint32_t)total;
    np->verb_index = map[pat->verb_index];
    np->variant = variant;
    d->elems.n += total;
    rc = 0;
out:
    free(map);
    free(rep);
    return rc;
}

int verbs_expand_marked(sr_dict *d)
{
    if (!d->marked.n)
        return 0;
    size_t np = d->patterns.n;
    for (size_t pi = 0; pi < np; pi++) {
        dpattern pat = DV(d->patterns, dpattern)[pi];
        if (pat.variant)
            continue;
        uint32_t slot[MAX_MARKED_SLOTS], count[MAX_MARKED_SLOTS], choice[MAX_MARKED_SLOTS];
        size_t ns = 0;
        for (uint32_t e = 0; e < pat.nelems && ns < MAX_MARKED_SLOTS; e++) {
            const sr_dict_elem *el = &DV(d->elems, sr_dict_elem)[pat.first_elem + e];
            uint32_t c = el->type == SR_DICT_E_SYNSET ? marked_count(d, el->value) : 0;
            if (c) {
                slot[ns] = e;
                count[ns] = c;
                choice[ns++] = 0;
            }
        }
        /* Every combination but "all kept" (the pattern itself), counting
         * the first slot fastest: member order for a single synset. */
        for (uint32_t made = 0; ns && made < MAX_VARIANTS; made++) {
            size_t j = 0;
            while (j < ns && ++choice[j] > count[j])
                choice[j++] = 0;
            if (j == ns)
                break;
            if (add_variant(d, &pat, slot, choice, ns, made + 1))
                return SR_ENOMEM;
        }
    }
    return 0;
}
