/* Misspelt places: a capitalised run that matched nothing but stands
 * where a place should is looked up by its spelling variants one edit
 * away ("Qabound" for Qaboun). */
#include "find_int.h"

#include <stdlib.h>
#include <string.h>

/* Edit-distance-1 variants of key (deletions, transpositions, substitutions
 * and insertions over the key alphabet), tried only when nothing matched
 * exactly and the setting strongly suggests a place.  Every variant that
 * exists adds its entries to m.  Returns SR_ENOMEM or 0. */
/* The variants of a key that passed the spelling index and the key
 * filter are a function of the key and the gazetteer alone, and worth
 * keeping: a key's dozens of variants cost some fifteen thousand
 * instructions, and a story, or the next, misspells a name again
 * ("Kurdish" in a place's setting, a village spelled its own way).  Each
 * thread keeps the last FC_SLOTS keys' (direct-mapped, 16 KB), tagged
 * with the gazetteer opening's serial. */
enum { FC_SLOTS = 128, FC_KEY = 24, FC_VARIANTS = 10 };
typedef struct fuzzkept {
    uint64_t serial;              /* 0: empty */
    uint8_t kl, nv;
    char key[FC_KEY];
    uint64_t vh[FC_VARIANTS];
} fuzzkept;
static _Thread_local fuzzkept fuzz_kept[FC_SLOTS];

/* Each variant (of geo_hash64 vh[i]) that names something adds its
 * entries to m. */
static int fuzzy_lookups(ctx *c, gment *m, const uint64_t *vh, size_t nk)
{
    for (size_t i = 0; i < nk; i++) {
        size_t np;
        const gz_post *p = geo_lookup_hashed(c->d->g, vh[i], &np);
        if (p && gf_candidates(c, m, p, np, 1))
            return SR_ENOMEM;
    }
    return 0;
}

static int fuzzy_candidates(ctx *c, gment *m, const char *key, size_t kl)
{
    /* Spellings of one name differ in vowels, h, w and y ("Qabun",
     * "Qaboon", "Qabuon"); keys already merge most consonant variants. */
    static const char alpha[] = GEO_FUZZ_ALPHA;
    enum { ALPHA = sizeof alpha - 1, VMAX = 26 };
    if (kl < 5 || kl + 2 > VMAX)
        return 0;
    const uint64_t serial = c->d->g->serial;
    fuzzkept *fk = NULL;
    if (serial && kl <= FC_KEY) {
        fk = &fuzz_kept[geo_hash64(key, kl) >> 57 & (FC_SLOTS - 1)];
        if (fk->serial == serial && fk->kl == kl && !memcmp(fk->key, key, kl))
            return fuzzy_lookups(c, m, fk->vh, fk->nv);
    }
    /* Every variant's hash first (at most 14 per letter, 2 + 2 * ALPHA per
     * letter bounds it), then the lookups.  The spelling index turns most
     * away: the variants mostly share a skeleton, so its few buckets are
     * read (asked for all at once, so the memory fetches them side by
     * side), not one random block of the key filter a variant. */
    const sr_geo *g = c->d->g;
    uint64_t vh[(2 + 2 * ALPHA) * VMAX];
    uint32_t vb[sizeof vh / sizeof *vh];
    size_t nv = 0;
    /* A variant's skeleton is the key's, but where a kept letter goes
     * (deleted, or replaced by one of alpha) or two kept letters swap:
     * worked out once a position, on the skeleton itself. */
    char sk[VMAX];
    size_t sl = 0, at[VMAX];
    for (size_t i = 0; i < kl; i++)
        if (geo_fuzz_kept(key[i]))
            at[i] = sl, sk[sl++] = key[i];
    uint32_t b0 = geo_fuzz_bucket_hashed(g, geo_hash64(sk, sl)), bdel[VMAX], bswap[VMAX];
    __builtin_prefetch(&g->fidx[b0]);
    for (size_t i = 0; i < kl; i++) {
        bdel[i] = bswap[i] = b0;
        if (!geo_fuzz_kept(key[i]))
            continue;
        char w[VMAX];
        size_t j = at[i];
        memcpy(w, sk, sl);
        memmove(w + j, w + j + 1, sl - j - 1);
        bdel[i] = geo_fuzz_bucket_hashed(g, geo_hash64(w, sl - 1));
        __builtin_prefetch(&g->fidx[bdel[i]]);
        if (i + 1 < kl && geo_fuzz_kept(key[i + 1]) && key[i] != key[i + 1]) {
            memcpy(w, sk, sl);
            w[j] = sk[j + 1];
            w[j + 1] = sk[j];
            bswap[i] = geo_fuzz_bucket_hashed(g, geo_hash64(w, sl));
            __builtin_prefetch(&g->fidx[bswap[i]]);
        }
    }
    /* The variants are made in one buffer, a letter changed a step: no
     * copy of the key a variant.  One of a bucket without keys could
     * only be turned away: it is not hashed. */
    char w[VMAX + 1];
#define FUZZ_ADD(n, b)                                                                             \
    do {                                                                                           \
        if (g->fidx[(b)] != g->fidx[(b) + 1]) {                                                    \
            vh[nv] = geo_hash64(w, (n));                                                           \
            vb[nv++] = (b);                                                                        \
        }                                                                                          \
    } while (0)
    memcpy(w, key + 1, kl - 1);   /* deletions: w is key without key[i] */
    for (size_t i = 0; i < kl; i++) {
        if (i)
            w[i - 1] = key[i - 1];
        FUZZ_ADD(kl - 1, bdel[i]);
    }
    memcpy(w, key, kl);           /* transpositions and substitutions */
    for (size_t i = 0; i + 1 < kl; i++) {
        if (key[i] == key[i + 1])
            continue;
        w[i] = key[i + 1];
        w[i + 1] = key[i];
        FUZZ_ADD(kl, bswap[i]);
        w[i] = key[i];
        w[i + 1] = key[i + 1];
    }
    for (size_t i = 0; i < kl; i++) {
        if (key[i] == ' ')
            continue;
        for (const char *a = alpha; *a; a++) {
            if (*a == key[i])
                continue;
            w[i] = *a;
            FUZZ_ADD(kl, bdel[i]);
        }
        w[i] = key[i];
    }
    memcpy(w + 1, key, kl);       /* insertions: w is key with w[i] put in */
    for (size_t i = 0; i <= kl; i++) {
        if (i)
            w[i - 1] = key[i - 1];
        for (const char *a = alpha; *a; a++) {
            w[i] = *a;
            FUZZ_ADD(kl + 1, b0);
        }
    }
#undef FUZZ_ADD
    for (size_t i = 0; i < nv; i++)
        if (!i || vb[i] != vb[i - 1])
            __builtin_prefetch(&g->fent[g->fidx[vb[i]] < g->h->nfent ? g->fidx[vb[i]] : 0]);
    /* Most variants (insertions, vowels swapped) keep the key's skeleton:
     * a bitmap of the fingerprints of its bucket turns most of them away
     * before any search of the bucket. */
    uint64_t bits[16] = {0};
    uint32_t lo = g->fidx[b0], hi = g->fidx[b0 + 1] < g->h->nfent ? g->fidx[b0 + 1] : g->h->nfent;
    for (uint32_t e = lo; e < hi; e++)
        bits[(g->fent[e] >> 6) & 15] |= 1ull << (g->fent[e] & 63);
    /* the few the index lets through, their filter blocks and key table
     * lines asked for likewise */
    size_t nk = 0;
    for (size_t i = 0; i < nv; i++) {
        uint16_t fp = geo_fuzz_print(vh[i]);
        if (vb[i] == b0 && !(bits[(fp >> 6) & 15] >> (fp & 63) & 1))
            continue;
        if (geo_fuzz_may(g, vb[i], vh[i])) {
            geo_prefetch_filter(g, vh[i]);
            geo_prefetch_key(g, vh[i]);
            vh[nk++] = vh[i];
        }
    }
    if (fk && nk <= FC_VARIANTS) {
        fk->serial = serial;
        fk->kl = (uint8_t)kl;
        fk->nv = (uint8_t)nk;
        memcpy(fk->key, key, kl);
        memcpy(fk->vh, vh, nk * sizeof *vh);
    }
    return fuzzy_lookups(c, m, vh, nk);
}

/* A capitalised run [k, e) of up to three words that matched nothing but
 * stands where a place should ("in Deir Ezour"): is it one edit away? */
int gf_try_fuzzy(ctx *c, size_t si, const sr_sentence *s, size_t k, size_t e)
{
    const sr_token *t = &c->tok[k], *te = &c->tok[e - 1];
    size_t n = te->end - t->start;
    if (n < 7 || n > 40 || !(t->flags & SR_TOK_CAP) || (t->flags & SR_TOK_UPPER))
        return SR_OK;
    /* Only where a place is all but certain: "in X", "near X", "X province",
     * "the town of X" -- not "according to X".  (Asked first: it reads
     * the cue words around, in cache, where the common-word test below
     * reads the word table.) */
    unsigned cue = gf_cue_before(c, k, s->tok) | gf_type_after(c, e, s->tok + s->ntok);
    size_t j = k;
    while (j > s->tok && (gf_tinfo(c, j - 1)->lex & LX_SKIP) && !(gf_tinfo(c, j - 1)->lex & LX_PLACEPREP))
        j--;
    int sure = (cue & (CUE_TYPE_ADM1 | CUE_TYPE_ADM2 | CUE_TYPE_TOWN)) ||
               (j > s->tok && (gf_tinfo(c, j - 1)->lex & LX_PLACEPREP));
    if (!cue || !sure)
        return SR_OK;
    for (size_t i = k; i < e; i++)
        if (gf_tinfo(c, i)->noplace || gf_weak(c, i) || (e - k == 1 && gf_common_word(c, i)))
            return SR_OK;
    char key[GEO_KEY_MAX];
    size_t kl = geo_key(c->d->text + t->start, n, key, sizeof key);
    if (kl < 5 || kl > 24)
        return SR_OK;
    gment *m = gf_new_mention(c, si, k, e, t->start, te->end);
    if (!m)
        return SR_ENOMEM;
    size_t m8 = kl < 47 ? kl : 47;
    memcpy(m->key, key, m8);
    m->key[m8] = 0;
    m->keyhash = geo_hash64(m->key, m8);
    if (fuzzy_candidates(c, m, key, kl))
        return SR_ENOMEM;
    if (!m->nc) {
        c->ments.len--;
        return SR_OK;
    }
    m->role = SR_GEO_PLACE;
    m->cue = cue;
    m->flags |= SR_GEO_F_FUZZY;
    for (uint32_t i = 0; i < m->nc; i++)
        if (m->c[i].kind == GZP_DEMONYM || m->c[i].kind == GZP_CODE || m->c[i].kind == GZP_ABBR)
            m->role = -1;
    return SR_OK;
}
