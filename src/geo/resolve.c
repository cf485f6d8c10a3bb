/* Disambiguation: which gazetteer entry each mention means, how sure we
 * are and which country the document is about (its place lists and where
 * its events happened are places.c's, from what this leaves in the
 * sr_geo_doc). */
#include "geo_int.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Acceptance: a mention is kept when the evidence for it (its best entry's
 * prior plus the cues and relations around it) reaches this point, read as
 * the middle of a logistic confidence. */
#define ACCEPT_MID 4.6f

/* What the entry is worth before any context: its kind and size (stored
 * by the build) and how the mention reached it. */
static float prior(const gz_rec *r, const gcand *c)
{
    float p = r->prior;
    if (!(p > -100.0f && p < 100.0f))
        p = 0;   /* (a damaged file: no NaN in the scores) */
    if (c->fuzzy || c->altvar)
        p -= 1.0f;
    else if (!c->exact && geo_level(r) <= SR_GEO_LEVEL_COUNTRY)
        p -= 3.0f;   /* countries are spelled right: "Columbia" is not Colombia */
    else if (c->kind == GZP_CODE || c->kind == GZP_ABBR || c->kind == GZP_DEMONYM)
        p += 0.8f;
    else if (c->exact)
        /* (a shortened admin name, "Gaza" of Mozambique's "Gaza Province",
         * yields to a town that bears the name: Gaza) */
        p += c->kind == GZP_ALT ? 0.6f : c->kind == GZP_SHORT ? 0.3f : 1.0f;
    else
        p -= 0.5f;   /* a transliteration variant of the name */
    return p;
}

#include "resolve_int.h"

static inline void vote(votes *v, const gment *m, const char *rcc, uint16_t ccid, int lv)
{
    if (!rcc[0])
        return;
    float w = m->role == SR_GEO_PLACE ? 1.0f : m->role == SR_GEO_DEMONYM ? 0.5f : 0.25f;
    /* a country named with no place cue is mostly an actor ("Russia
     * said"); its towns and provinces say where the story is */
    if (m->role == SR_GEO_PLACE && lv <= SR_GEO_LEVEL_COUNTRY && !(m->cue & STRONG_CUES))
        w = 0.5f;
    size_t j = 0;
    if (v->at)
        j = v->at[ccid] ? v->at[ccid] - 1u : v->n;
    else
        while (j < v->n && (v->cc[j][0] != rcc[0] || v->cc[j][1] != rcc[1]))
            j++;
    if (j == v->n) {
        if (v->n == 64)
            return;
        memcpy(v->cc[v->n], rcc, 2);
        if (v->at)
            v->at[ccid] = (uint8_t)(v->n + 1);
        v->ccid[v->n] = ccid;
        v->v[v->n++] = 0;
    }
    v->v[j] += w;
    v->total += w;
}

/* The focus country the votes give: one with at least 30% of them. */
static void voted(const votes *v, focus_t *f)
{
    memset(f, 0, sizeof *f);
    size_t b = 0;
    for (size_t j = 1; j < v->n; j++)
        if (v->v[j] > v->v[b])
            b = j;
    if (v->n && v->v[b] / v->total >= 0.3f) {
        memcpy(f->cc, v->cc[b], 2);
        f->share = v->v[b] / v->total;
    }
}

/* The focus f of all votes v, and ff of those less the weak ones w;
 * whether the firm ones count some for f's country. */
static int voted_firm(const votes *v, const votes *w, focus_t *f, focus_t *ff)
{
    voted(v, f);
    if (!w->n) {
        *ff = *f;
        return f->cc[0] != 0;
    }
    votes fv = *v;
    int f_firm = 0;
    fv.total -= w->total;
    for (size_t j = 0; j < fv.n; j++) {
        for (size_t k = 0; k < w->n; k++)
            if (w->cc[k][0] == fv.cc[j][0] && w->cc[k][1] == fv.cc[j][1])
                fv.v[j] -= w->v[k];
        if (fv.v[j] < 1e-3f)
            fv.v[j] = 0;   /* (float sums: none left) */
        else if (f->cc[0] && fv.cc[j][0] == f->cc[0] && fv.cc[j][1] == f->cc[1])
            f_firm = 1;
    }
    if (fv.total > 1e-3f)
        voted(&fv, ff);
    else
        memset(ff, 0, sizeof *ff);
    return f_firm;
}

/* The focus country of d's mentions as decided, from their records. */
static void find_focus(const sr_geo_doc *d, focus_t *f)
{
    votes v;
    v.n = 0;
    v.total = 0;
    v.at = NULL;
    for (size_t i = 0; i < d->nm; i++) {
        const gment *m = &d->m[i];
        if (!geo_usable(m) || m->conf < 0.3f)
            continue;
        const gz_rec *r = geo_best_rec(d, m);
        if (r)
            vote(&v, m, r->cc, 0, geo_level(r));
    }
    voted(&v, f);
}

/* m's chosen entry c (row br, support sup) is a weak reading: a variant
 * spelling, a fuzzy match or a name of its own among GeoNames' other
 * names, with nothing around to back it.  Such a reading is no evidence of
 * where the story is: its vote goes to the focus of all, not to the firm
 * one that its own acceptance is judged by. */
static inline int weak_choice(const gcand *c, float sup, const cinfo *br);

/* sup, the support of row br, less what neighbours alone gave it this
 * round: a town near the story's places across a border ("Al-Quds
 * hospital" of an Aleppo story, Jerusalem; "Aliya farms" near Douma,
 * Aaley of Lebanon) is not backed as its own country's places back it. */
static inline float related_sup(const ctx_t *x, const cinfo *br, float sup)
{
    if (br->nbround == x->round && br->nb > 0)
        sup -= (br->nb > 1.5f ? 1.5f : br->nb) * 0.5f;
    return sup;
}

static inline int weak_choice(const gcand *c, float sup, const cinfo *br)
{
    return sup <= 0 && !(br->flags & GZ_SUPP) && (!c->exact || c->other == 2);
}

/* Mention m, just decided (r its chosen entry's row), in the next round's
 * focus votes and summary: the mentions in order, as a pass over them
 * all after the round would find them. */
static inline void gather(ctx_t *x, const gment *m, const cinfo *r, int twin)
{
    if (!(m->conf < 0.3f)) {
        vote(&x->vt, m, r->cc, r->ccid, r->level);
        if (weak_choice(&m->c[m->best], related_sup(x, r, m->sup), r))
            vote(&x->vw, m, r->cc, r->ccid, r->level);
    }
    sumidx *p = &x->next;
    /* (no round reads it; and a mention that concluded as an earlier one
     * adds nothing: that one's place is in, or was turned away as this
     * one would be) */
    if (x->last || twin)
        return;
    if (m->role != SR_GEO_PLACE || m->conf < 0.4f || p->nsum >= x->cap)
        return;
    uint64_t bit = 1ull << (r->rec & 63);
    if (p->recbloom & bit) {
        size_t j = 0;
        while (j < p->nsum && p->sum[j].rec != r->rec)
            j++;
        if (j < p->nsum)
            return;
    }
    p->recbloom |= bit;
    psum *ps = &p->sum[p->nsum++];
    ps->keyhash = m->keyhash;
    ps->rec = r->rec;
    ps->adm = r->adm;
    ps->lat = r->lat;
    ps->lon = r->lon;
    memcpy(ps->cc, r->cc, 2);
    ps->ccid = r->ccid;
    ps->level = r->level;
    memset(ps->pad, 0, sizeof ps->pad);
}

static void gather_start(ctx_t *x, int last)
{
    x->next.nsum = 0;
    x->next.recbloom = 0;
    if (x->vt.at)
        for (size_t j = 0; j < x->vt.n; j++)
            x->vt.at[x->vt.ccid[j]] = 0;
    x->vt.n = x->vw.n = 0;
    x->vt.total = x->vw.total = 0;
    x->last = last;
}

static void index_summary(sumidx *p)
{
    /* (the groups it held before no longer hold) */
    for (size_t g = 0; g < p->ngrp; g++)
        p->gof[p->grp[g].ccid] = NO_GROUP;
    p->ngrp = p->nlat = 0;
    size_t nb = 0;
    for (size_t i = 0; i < p->nsum; i++) {
        const psum *o = &p->sum[i];
        if (o->level >= SR_GEO_LEVEL_ADMIN2) {
            /* by latitude, insertion (a few dozen at most) */
            size_t j = p->nlat++;
            for (; j > 0 && p->sum[p->bylat[j - 1]].lat > o->lat; j--)
                p->bylat[j] = p->bylat[j - 1];
            p->bylat[j] = (uint16_t)i;
        }
        if (p->gof[o->ccid] == NO_GROUP) {
            ccgroup *g = &p->grp[p->ngrp];
            p->gof[o->ccid] = (uint16_t)p->ngrp++;
            g->ccid = o->ccid;
            g->n = g->nadm1 = g->ncountry = 0;
        }
        ccgroup *g = &p->grp[p->gof[o->ccid]];
        g->n++;
        g->nadm1 += o->level == SR_GEO_LEVEL_ADMIN1;
        g->ncountry += o->level == SR_GEO_LEVEL_COUNTRY;
    }
    for (size_t g = 0; g < p->ngrp; g++) {
        p->grp[g].start = (uint16_t)nb;
        nb += p->grp[g].n;
        p->grp[g].n = 0;
    }
    for (size_t i = 0; i < p->nsum; i++) {
        ccgroup *g = &p->grp[p->gof[p->sum[i].ccid]];
        p->bycc[g->start + g->n++] = (uint16_t)i;
    }
    size_t ns = 0;
    for (size_t gi = 0; gi < p->ngrp; gi++) {
        ccgroup *g = &p->grp[gi];
        g->sstart = (uint16_t)ns;
        g->pbloom = g->abloom = g->admbloom = 0;
        for (size_t k = 0; k < g->n; k++) {
            const psum *o = &p->sum[p->bycc[g->start + k]];
            g->abloom |= 1ull << (o->rec & 63);
            if (o->level == SR_GEO_LEVEL_ADMIN1)
                g->admbloom |= 1ull << (o->adm & 63);
            if (o->level == SR_GEO_LEVEL_ADMIN1 || o->level == SR_GEO_LEVEL_COUNTRY)
                p->byspec[ns++] = p->bycc[g->start + k];
            else
                g->pbloom |= 1ull << (o->rec & 63);
        }
        g->sn = (uint16_t)(ns - g->sstart);
    }
    if (p->nlat) {
        p->lat_lo = p->sum[p->bylat[0]].lat;
        p->lat_hi = p->sum[p->bylat[p->nlat - 1]].lat;
    }
}

/* The logistic of the evidence, kept by its bits in a small table of
 * each thread: the evidence sums a few constants, a record's prior and
 * quarters of support, and a few values make most of it (the story's
 * countries and towns again), where expf cost more than a lookup.  The
 * same bits give the same value; an entry of 0 is empty (a logistic of
 * 0, far below acceptance, is worked out each time). */
enum { LOGI_CACHE = 256 };
static _Thread_local struct {
    uint32_t in[LOGI_CACHE];
    float out[LOGI_CACHE];
} logi_tls;

static __attribute__((noinline)) float logistic_new(float x, uint32_t b, size_t k)
{
    float y = 1.0f / (1.0f + expf(-x));
    logi_tls.in[k] = b;
    logi_tls.out[k] = y;
    return y;
}

static inline float logistic(float x)
{
    uint32_t b;
    memcpy(&b, &x, sizeof b);
    size_t k = (b * 0x9e3779b1u) >> 24;
    if (logi_tls.in[k] == b && logi_tls.out[k] != 0)
        return logi_tls.out[k];
    return logistic_new(x, b, k);
}


/* br, c's row, is a small town or village outside the country the story
 * is mostly about, with no relation for it (not the supplement's, whose
 * places are worth finding). */
static inline int small_abroad(const cinfo *br, const gcand *c, float sup, const focus_t *f,
                               int in_focus)
{
    return !in_focus && f->cc[0] && f->share >= 0.5f && br->level >= SR_GEO_LEVEL_CITY &&
           c->prior < 4.5f && sup <= 0 && !(br->flags & GZ_SUPP);
}

/* br, c's row, is a town abroad that the mention reaches only as one of
 * its other names or a variant of one, or a place abroad below a country
 * that it reaches only misspelt or by a variant spelling ("Sothern" no
 * Southern Governorate of Bahrain, "Al Qaeda" no Kedah), in a story
 * mostly about one country,
 * with no relation for it: "Safiyeh village" of a Hasaka story is no
 * Sofia (GeoNames' "Safiya"), "Barna" south of Aleppo no Bern, "the
 * village of al-Bureij northeast of Aleppo" no camp of Gaza, "in
 * Drousha" no Rocha, Uruguay; nor is a town or quarter abroad named
 * in generic words (`generic`: "the Old City" of an Aleppo story is no
 * quarter of Jerusalem).  The local place is one the gazetteer lacks; a
 * town abroad named as itself ("in Paris") is not touched. */
static inline int alt_abroad(const cinfo *br, const gcand *c, float sup, const focus_t *f,
                             int in_focus, int generic)
{
    return !in_focus && f->cc[0] && f->share >= 0.5f && sup <= 0 && !(br->flags & GZ_SUPP) &&
           ((br->level >= SR_GEO_LEVEL_CITY && (c->kind == GZP_ALT || c->altvar || generic)) ||
            (!c->exact && br->level > SR_GEO_LEVEL_COUNTRY));
}

/* How sure we are that the mention is a place at all, given its chosen
 * entry: the entry's own weight (an admin area's capped, as many share
 * names with words and people) and what stands around the mention.
 * (Inlined in conclude's copies: the call cost a fifth of it.) */
static inline __attribute__((always_inline)) float evidence(const gment *m, const cinfo *br,
                                                            const gcand *c, float sup,
                                                            const focus_t *f, int in_focus,
                                                            int other, float rsup)
{
    int lv = br->level;
    float pr = c->prior;
    if (lv == SR_GEO_LEVEL_ADMIN1 && pr > 7.0f)
        pr = 7.0f;
    if (m->single_common == 3 && lv > SR_GEO_LEVEL_COUNTRY && pr > 4.0f &&
        !(m->cue & STRONG_CUES) && !(lv == SR_GEO_LEVEL_ADMIN1 && c->exact))
        pr = 4.0f;   /* "West Coast", "Red Cross": generic words need a cue */
    /* "Molotov cocktails" are no Perm, "Angela" no San Mariano: a name
     * that reaches a town abroad only as one of its other names, with no
     * cue or relation, is mostly a person or thing of that name, however
     * large the town */
    int other_abroad = other && !in_focus;
    if (other_abroad && pr > 4.0f)
        pr = 4.0f;
    float ev = pr + sup;
    if (m->cue & STRONG_CUES)
        ev += 2.0f;
    if (m->cue & CUE_OF)
        ev += 1.0f;
    if (m->cue & CUE_LIST)
        ev += 0.5f;
    if (m->flags & SR_GEO_F_DATELINE)
        ev += 1.5f;
    if (m->cue & CUE_SAID)
        ev -= 1.0f;   /* "Damascus said": the government, still a place */
    if (m->person_like)
        ev -= 3.0f;
    /* A transliteration variant ("Qaeda" for Kedah) is trusted inside the
     * story's country, in the supplement, or when a relation backs it.  A
     * misspelling outside a story's country needs more than the supplement
     * or a place some hundreds of km off: one within 150 km, or a relation
     * ("Rashidin west of Aleppo" is no camp of Lebanon's Rashidieh). */
    if (!c->exact && !in_focus &&
        ((!(br->flags & GZ_SUPP) && sup <= 0) || (c->fuzzy && f->cc[0] && sup < 0.5f)))
        ev -= 2.5f;
    if (other_abroad)
        ev -= 2.0f;
    /* "Minian town in Aleppo" of an Aleppo story is no hamlet of Java: a
     * small place abroad, in a story mostly about one country, that
     * nothing around backs, is a place the gazetteer lacks */
    /* (an institution's seat, "Enfield Council", names a place by its
     * own name: no village the gazetteer lacks) */
    if (small_abroad(br, c, sup, f, in_focus) ||
        (alt_abroad(br, c, rsup, f, in_focus, m->single_common == 3) &&
         !(m->flags & SR_GEO_F_MODIFIER)))
        ev -= 3.0f;
    /* ("Red Cross officials" of a Baghdad story: a name of common words
     * for a small place abroad, with nothing around it, is a name) */
    if (m->single_common == 3 && !in_focus && sup <= 0 &&
        !(m->cue & STRONG_CUES) && lv > SR_GEO_LEVEL_ADMIN1)
        ev -= 3.0f;
    if ((br->flags & GZ_SUPP) && in_focus)
        ev += 0.5f;   /* a local place of the country the story is about */
    if (m->flags & SR_GEO_F_MODIFIER)
        ev += 1.0f;   /* "The Cairns service": an institution of a place */
    /* (a preposition that takes people too does not help a surname:
     * "between Bush and Steele") */
    if (m->single_common && m->single_common != 3 && lv > SR_GEO_LEVEL_COUNTRY &&
        (!(m->cue & STRONG_CUES) || (m->person_like && !(m->cue & CUE_WHERE))) &&
        c->kind != GZP_ABBR)
        ev -= m->single_common == 1 ? 4.0f : 3.0f;
    /* "the Maisaloun neighbourhood" of an Aleppo story is no village of
     * Palestine: a part of a town the gazetteer lacks, in a story mostly
     * about one country, is no place of another */
    /* nor is "the Sukkari neighbourhood" Sucre, whatever the story: a
     * town abroad that a part of a town reaches only misspelt or by a
     * variant of another name */
    if ((m->cue & CUE_TYPE_PART) && !in_focus &&
        ((f->cc[0] && f->share >= 0.5f) ||
         (!c->exact && sup <= 0 && !(br->flags & GZ_SUPP) && lv <= SR_GEO_LEVEL_CITY)))
        ev -= 8.0f;
    /* "the city of Turkey" when the gazetteer knows only the country */
    if ((m->cue & CUE_TYPE_TOWN) && lv <= SR_GEO_LEVEL_ADMIN1 && m->container < 0)
        ev -= 10.0f;
    return ev;
}

/* Candidates by prior, best first, equal ones in their order: a stable
 * sort, whose result is unique.  Insertion for the few most mentions
 * have; beyond, the candidates' numbers sorted behind their priors as
 * keys (tmp: room for n candidates and 2n keys), then moved once. */
static void sort_prior(gcand *c, uint32_t n, void *tmp)
{
    if (n <= 32) {
        for (uint32_t i = 1; i < n; i++) {
            gcand t = c[i];
            uint32_t j = i;
            for (; j > 0 && c[j - 1].prior < t.prior; j--)
                c[j] = c[j - 1];
            c[j] = t;
        }
        return;
    }
    /* (the keys first: the arena's block is aligned for them, the end of
     * n candidates need not be) */
    uint64_t *key = tmp, *ktmp = key + n;
    gcand *moved = (gcand *)(ktmp + n);
    for (uint32_t i = 0; i < n; i++) {
        key[i] = (uint64_t)~geo_float_order(c[i].prior) << 32 | i;   /* highest first */
    }
    geo_sort_keys(key, n, ktmp);
    for (uint32_t i = 0; i < n; i++)
        moved[i] = c[(uint32_t)key[i]];
    memcpy(c, moved, (size_t)n * sizeof *c);
}

/* An earlier mention of round `same` whose scores m may take: the same
 * key, cues and candidates (with their priors), and nothing of its own
 * around it (a container, a place it is near, a list).  -1 when none. */
static long same_scores(const sr_geo_doc *d, const gment *m, const uint32_t *same, uint32_t mask,
                        uint32_t *slot)
{
    const unsigned mine = CUE_TYPE_ADM1 | CUE_TYPE_ADM2 | CUE_TYPE_TOWN | CUE_HOLDS;
    uint32_t k = (uint32_t)m->keyhash & mask;
    for (; same[k] != GZ_NONE; k = (k + 1) & mask) {
        const gment *o = &d->m[same[k]];
        if (o->keyhash != m->keyhash || (o->cue & mine) != (m->cue & mine) || o->nc != m->nc)
            continue;
        uint32_t j = 0;
        while (j < m->nc && o->c[j].rec == m->c[j].rec && o->c[j].prior == m->c[j].prior)
            j++;
        if (j == m->nc)
            return (long)same[k];
    }
    *slot = k;
    return -1;
}

/* The document's number for country code cc, in order of first sight:
 * a candidate finds its country's places by it. */
static size_t cc_slot(const uint64_t *slot, size_t mask, uint32_t key)
{
    size_t k = ((key * 0x9e3779b1u) >> 11) & mask;
    while (slot[k] && (slot[k] & 0xffff) != key)
        k = (k + 1) & mask;
    return k;
}

/* (a document names a few countries: the table starts small and doubles
 * as they come, up to the 2^16 codes) */
static int cc_grow(ctx_t *x)
{
    size_t n = 2 * (x->ccmask + 1);
    uint64_t *t = sr_arena_calloc(x->a, n, sizeof *t);
    if (!t)
        return SR_ENOMEM;
    for (size_t k = 0; k <= x->ccmask; k++)
        if (x->ccslot[k])
            t[cc_slot(t, n - 1, (uint32_t)(x->ccslot[k] & 0xffff))] = x->ccslot[k];
    x->ccslot = t;
    x->ccmask = n - 1;
    return SR_OK;
}

/* Two capital letters -- nearly every code -- find their number in a
 * table of each thread, its entries stamped with the settle() they
 * belong to (stamp << 16 | number), where the probe of ccslot cost a
 * fifth of reading a candidate's row; other codes are in ccslot. */
static _Thread_local struct {
    uint32_t stamp;
    uint32_t e[26 * 26];
} cc_tls;

/* A new stamp for a settle(): the entries of the ones before go. */
static uint32_t cc_stamp(void)
{
    if (++cc_tls.stamp == 1u << 16) {
        memset(cc_tls.e, 0, sizeof cc_tls.e);
        cc_tls.stamp = 1;
    }
    return cc_tls.stamp;
}

static int cc_id(ctx_t *x, const char *cc, uint16_t *id)
{
    unsigned c0 = (unsigned)(uint8_t)cc[0] - 'A', c1 = (unsigned)(uint8_t)cc[1] - 'A';
    if (c0 < 26 && c1 < 26) {
        uint32_t *e = &cc_tls.e[c0 * 26 + c1];
        /* (numbers stay below 2^16: there are no more codes) */
        if (*e >> 16 != x->stamp)
            *e = x->stamp << 16 | (uint32_t)x->ncc++;
        *id = (uint16_t)*e;
        return SR_OK;
    }
    if (!x->ccslot) {
        x->ccslot = sr_arena_calloc(x->a, 32, sizeof *x->ccslot);
        x->ccmask = 31;
        if (!x->ccslot)
            return SR_ENOMEM;
    }
    uint32_t key = (uint8_t)cc[0] | (uint32_t)(uint8_t)cc[1] << 8;
    size_t k = cc_slot(x->ccslot, x->ccmask, key);
    if (!x->ccslot[k]) {
        if (2 * (x->ncc + 1) > x->ccmask + 1) {
            if (cc_grow(x))
                return SR_ENOMEM;
            k = cc_slot(x->ccslot, x->ccmask, key);
        }
        x->ccslot[k] = (uint64_t)(x->ncc + 1) << 16 | key;
        x->ncc++;
    }
    *id = (uint16_t)((x->ccslot[k] >> 16) - 1);
    return SR_OK;
}

/* The rows of m's candidates (in their order by prior). */
static int read_rows(const sr_geo_doc *d, ctx_t *x, const gment *m, cinfo *ci)
{
    for (uint32_t j = 0; j < m->nc; j++) {
        const gz_rec *r = geo_rec(d->g, m->c[j].rec);
        cinfo *c = &ci[j];
        if (!r) {
            memset(c, 0, sizeof *c);
            continue;
        }
        /* (every field set, none cleared first) */
        c->coslat = 0;
        c->lat = r->lat;
        c->lon = r->lon;
        c->rec = m->c[j].rec;
        c->adm = r->adm;
        c->parent = r->parent;
        memcpy(c->cc, r->cc, 2);
        if (cc_id(x, r->cc, &c->ccid))
            return SR_ENOMEM;
        c->level = (uint8_t)geo_level(r);
        c->flags = r->flags;
        c->ok = 1;
        c->nbround = 0;
        c->nb = 0;
    }
    return SR_OK;
}

/* twin flags: a mention concludes as the one whose list it took
 * (TWIN_PRIOR) or whose choice it takes (TWIN_CONTEXT). */
enum { TWIN_PRIOR = 1, TWIN_CONTEXT = 2 };

/* m concludes as o does from the same choice: what conclude() and
 * evidence() read of a mention is alike.  (conclude turns a place into
 * a demonym and back, by the chosen entry alone, never into another
 * role: those two count as one.) */
static inline int same_evidence(const gment *m, const gment *o)
{
    int rm = m->role == SR_GEO_DEMONYM ? SR_GEO_PLACE : m->role;
    int ro = o->role == SR_GEO_DEMONYM ? SR_GEO_PLACE : o->role;
    return rm == ro && m->cue == o->cue && m->flags == o->flags &&
           m->single_common == o->single_common && m->person_like == o->person_like &&
           (m->container < 0) == (o->container < 0);
}

/* Mention i (m), which took mention o's choice, takes its conclusion. */
static inline void conclude_as(const sr_geo_doc *d, const ctx_t *x, size_t i, gment *m, size_t o)
{
    m->role = d->m[o].role;
    m->conf = d->m[o].conf;
    x->done[i] = x->done[o];
}

/* c, m's candidate reached by a GeoNames alternate, was reached by a name
 * of its own rather than a spelling of its name (geo_key_spells_name);
 * asked once a candidate. */
/* (the answers of the thread's last names and records, by a hash of
 * both: the same names come back document after document; a slot holds
 * the key's hash, the record and the answer, and a stale gazetteer's
 * serial clears the table) */
enum { ALT_SLOTS = 4096 };
static _Thread_local uint64_t alt_memo[ALT_SLOTS][2];
static _Thread_local uint64_t alt_serial;

static int alt_other(const sr_geo *g, const gment *m, gcand *c)
{
    if (!c->other) {
        if (alt_serial != g->serial) {
            memset(alt_memo, 0, sizeof alt_memo);
            alt_serial = g->serial;
        }
        uint64_t h = (m->keyhash ^ (uint64_t)c->rec * 0x9e3779b97f4a7c15ull);
        uint64_t *slot = alt_memo[(h >> 20) & (ALT_SLOTS - 1)];
        uint64_t tag = (uint64_t)c->rec << 32 | (uint32_t)m->keyhash;
        if (slot[1] && slot[0] == m->keyhash && slot[1] >> 2 == (tag & (UINT64_MAX >> 2))) {
            c->other = (uint8_t)(slot[1] & 3);
        } else {
            const gz_rec *r = geo_rec(g, c->rec);
            c->other = r && !geo_key_spells_name(m->key, strnlen(m->key, sizeof m->key),
                                                 geo_rec_name(g, r)) ? 2 : 1;
            slot[0] = m->keyhash;
            slot[1] = (tag & (UINT64_MAX >> 2)) << 2 | c->other;
        }
    }
    return c->other == 2;
}

/* What the chosen entry makes of m: its role (a demonym that reached a
 * place reads as one, and back) and how sure we are of it.  (Always
 * inlined: out of line, with the logistic's table, it cost more.) */
static inline __attribute__((always_inline)) void conclude(const ctx_t *x, size_t i, gment *m,
                                                           const cinfo *br, float sup)
{
    struct concluded *k = &x->done[i];
    gcand *c = &m->c[m->best];
    float rsup = related_sup(x, br, sup);
    int other = c->exact && c->kind == GZP_ALT && rsup <= 0 && !(m->cue & STRONG_CUES) &&
                br->level > SR_GEO_LEVEL_COUNTRY && alt_other(x->g, m, c);
    const focus_t *f = &x->f;
    int in_focus = f->cc[0] && br->cc[0] == f->cc[0] && br->cc[1] == f->cc[1];
    int weak = weak_choice(c, rsup, br);
    if (weak) {
        /* (in the focus of all when firm mentions, "Syrian", back it
         * too; abroad as the firm ones see it) */
        in_focus = in_focus && x->f_firm;
        f = &x->ff;
        in_focus |= f->cc[0] && br->cc[0] == f->cc[0] && br->cc[1] == f->cc[1];
    }
    int focused = in_focus;
    /* (evidence() asks for it only of an entry of the supplement, of a
     * variant spelling with no support, of a small place abroad or one
     * reached by another name, or of a part of a town: the focus found in
     * a later round changes nothing else) */
    if (!(br->flags & GZ_SUPP) && (c->exact || sup > 0) && !other &&
        !small_abroad(br, c, sup, f, in_focus) &&
        !alt_abroad(br, c, rsup, f, in_focus, m->single_common == 3) &&
        !(m->cue & CUE_TYPE_PART))
        in_focus = 0;
    else if (!in_focus && f->share >= 0.5f)
        in_focus = 2;   /* (small_abroad and alt_abroad read the share too) */
    if (k->best == m->best && !memcmp(&k->sup, &sup, sizeof sup) && k->in_focus == in_focus)
        return;
    k->best = m->best;
    k->sup = sup;
    k->in_focus = in_focus;
    if (m->role == SR_GEO_DEMONYM && m->c[m->best].kind != GZP_DEMONYM)
        m->role = SR_GEO_PLACE;
    else if (m->role == SR_GEO_PLACE && m->c[m->best].kind == GZP_DEMONYM)
        m->role = SR_GEO_DEMONYM;
    m->conf = logistic(evidence(m, br, c, sup, f, focused, other, rsup) - ACCEPT_MID);
    if (m->role == SR_GEO_DEMONYM && m->conf < 0.5f)
        m->conf = 0.5f;
}

/* An earlier mention with m's key whose candidates, as recognition
 * listed them (orig), are m's: -1 when none, and *slot the free slot of
 * `same` for m. */
static long same_list(const sr_geo_doc *d, const gment *m, gcand *const *orig,
                      const uint32_t *same, uint32_t mask, uint32_t *slot)
{
    uint32_t k = (uint32_t)m->keyhash & mask;
    for (; same[k] != GZ_NONE; k = (k + 1) & mask) {
        const gment *o = &d->m[same[k]];
        if (o->keyhash == m->keyhash && o->nc == m->nc &&
            !memcmp(orig[same[k]], m->c, m->nc * sizeof *m->c))
            return (long)same[k];
    }
    *slot = k;
    return -1;
}

/* The first round: priors alone.  Sorts each mention's candidates by
 * prior and reads their rows into rows[] for the rounds of context.  A
 * name again with the same candidates (most repeated names: recognition
 * lists a token's once) takes the earlier mention's sorted list and rows
 * instead of reading the records again; same[] (mask) finds them. */
static int score_priors(sr_geo_doc *d, ctx_t *x, cinfo *rows, uint32_t *same, uint32_t mask,
                        sr_arena *a)
{
    gcand **orig = sr_arena_alloc(a, (d->nm ? d->nm : 1) * sizeof *orig);
    if (!orig)
        return SR_ENOMEM;
    void *tmp = NULL;
    uint32_t ntmp = 0;
    memset(same, 0xff, ((size_t)mask + 1) * sizeof *same);
    for (size_t ai = 0; ai < x->nact; ai++) {
        size_t i = x->act[ai];
        gment *m = &d->m[i];
        cinfo *ci = x->ci[i] = rows;
        rows += m->nc;
        uint32_t slot = GZ_NONE;
        long o = same_list(d, m, orig, same, mask, &slot);
        int best = -1;
        if (o >= 0) {
            /* (the same list, sorted alike: shared; the rows too) */
            m->c = d->m[o].c;
            x->ci[i] = ci = x->ci[o];
            rows -= m->nc;
            best = d->m[o].best;
            if (same_evidence(m, &d->m[o]))
                x->twin[i] |= TWIN_PRIOR;
        } else {
            orig[i] = sr_arena_alloc(a, m->nc * sizeof *m->c);
            if (!orig[i])
                return SR_ENOMEM;
            memcpy(orig[i], m->c, m->nc * sizeof *m->c);
            same[slot] = (uint32_t)i;
            for (uint32_t j = 0; j < m->nc; j++) {
                const gz_rec *r = geo_rec(d->g, m->c[j].rec);
                m->c[j].prior = r ? prior(r, &m->c[j]) : -1e9f;
                /* (a town reached by a name of another kind than its own,
                 * no spelling of it, yields to one that bears the name:
                 * "Manhattan" is New York City's other name, "al-Sham"
                 * Damascus's, "Suani" Soignies's) */
                if (r && m->nc > 1 && m->c[j].exact && m->c[j].kind == GZP_ALT &&
                    geo_level(r) >= SR_GEO_LEVEL_CITY && alt_other(d->g, m, &m->c[j]))
                    m->c[j].prior -= 1.0f;
            }
            if (m->nc > 32 && m->nc > ntmp) {
                ntmp = m->nc;
                if (!(tmp = sr_arena_alloc(a, ntmp * (sizeof(gcand) + 2 * sizeof(uint64_t)))))
                    return SR_ENOMEM;
            }
            sort_prior(m->c, m->nc, tmp);
            if (read_rows(d, x, m, ci))
                return SR_ENOMEM;
            /* by prior alone the first is best: the highest, and a
             * candidate without a record (no row) has the lowest */
            for (uint32_t j = 0; j < m->nc && best < 0; j++)
                if (ci[j].ok)
                    best = (int)j;
        }
        m->best = best;
        m->sup = 0;
        if (best >= 0) {
            if (x->twin[i] & TWIN_PRIOR) {
                conclude_as(d, x, i, m, (size_t)o);
                gather(x, m, &ci[best], 1);
            } else {
                conclude(x, i, m, &ci[best], 0);
                gather(x, m, &ci[best], 0);
            }
        }
    }
    return SR_OK;
}

/* A round of context from the previous round's choices (x). */
static void score_context(sr_geo_doc *d, ctx_t *x, uint32_t *same, uint32_t mask)
{
    if (!x->again)
        memset(same, 0xff, ((size_t)mask + 1) * sizeof *same);
    for (size_t ai = 0; ai < x->nact; ai++) {
        size_t i = x->act[ai];
        gment *m = &d->m[i];
        cinfo *ci = x->ci[i];
        int best = -1;
        float bsup = 0;
        long o = -1;
        uint32_t slot = GZ_NONE;
        if (x->again) {
            o = x->alike[i];
        } else if (!(m->cue & CUE_LIST) && m->container < 0 && m->nearby < 0) {
            o = x->alike[i] = (int32_t)same_scores(d, m, same, mask, &slot);
            if (o >= 0 && same_evidence(m, &d->m[o]))
                x->twin[i] |= TWIN_CONTEXT;
        }
        if (o >= 0) {
            /* the name again, alike: its choice again (scores are read
             * only to choose) */
            const gment *src = &d->m[o];
            best = src->best;
            bsup = src->sup;
        } else {
            geo_context_best(d, m, ci, x, &best, &bsup);
            if (slot != GZ_NONE)
                same[slot] = (uint32_t)i;
        }
        m->best = best;
        m->sup = bsup;
        if (best >= 0) {
            if (o >= 0 && (x->twin[i] & TWIN_CONTEXT)) {
                conclude_as(d, x, i, m, (size_t)o);
                gather(x, m, &ci[best], 1);
            } else {
                conclude(x, i, m, &ci[best], bsup);
                gather(x, m, &ci[best], 0);
            }
        }
    }
}

/* Scores every mention of d (priors, then context) until the choices
 * settle; conf and best are set, and *focus is the focus of d as decided. */
static int settle(sr_geo_doc *d, sr_arena *a, focus_t *focus)
{
    ctx_t x;
    memset(&x, 0, offsetof(ctx_t, vt));
    x.vt.n = x.vw.n = 0;
    x.vt.total = x.vw.total = 0;
    x.vt.at = x.vw.at = NULL;   /* (the weak ones are few: searched) */
    x.cap = d->nm < MAX_SUMMARY ? d->nm : MAX_SUMMARY;
    size_t cap = x.cap ? x.cap : 1, ncand = 0;
    /* The mentions the rounds score, in order: their roles change only
     * between place and demonym, and their lists keep their length. */
    x.act = sr_arena_alloc(a, (d->nm ? d->nm : 1) * sizeof *x.act);
    if (!x.act)
        return SR_ENOMEM;
    for (size_t i = 0; i < d->nm; i++) {
        if (d->m[i].role >= 0) {
            ncand += d->m[i].nc;
            if (d->m[i].nc)
                x.act[x.nact++] = (uint32_t)i;
        }
    }
    x.a = a;
    x.g = d->g;
    x.stamp = cc_stamp();
    x.ci = sr_arena_calloc(a, d->nm ? d->nm : 1, sizeof *x.ci);
    x.done = sr_arena_alloc(a, (d->nm ? d->nm : 1) * sizeof *x.done);
    x.alike = sr_arena_alloc(a, (d->nm ? d->nm : 1) * sizeof *x.alike);
    x.twin = sr_arena_calloc(a, d->nm ? d->nm : 1, 1);
    cinfo *rows = sr_arena_alloc(a, (ncand ? ncand : 1) * sizeof *rows);
    /* mentions by key, for score_priors and score_context: at most half full */
    uint32_t mask = 15;
    while (mask < 2 * d->nm)
        mask = mask * 2 + 1;
    uint32_t *same = sr_arena_alloc(a, ((size_t)mask + 1) * sizeof *same);
    if (!x.ci || !x.done || !x.alike || !x.twin || !rows || !same)
        return SR_ENOMEM;
    for (size_t i = 0; i < d->nm; i++) {
        x.done[i].best = -1;
        x.alike[i] = -1;
    }
    for (int k = 0; k < 2; k++) {
        sumidx *p = k ? &x.next : &x.now;
        /* (its entries are written whole, pad too, as they are
         * gathered: summaries are compared with memcmp) */
        p->sum = sr_arena_alloc(a, cap * sizeof *p->sum);
        p->bycc = sr_arena_alloc(a, cap * sizeof *p->bycc);
        p->byspec = sr_arena_alloc(a, cap * sizeof *p->byspec);
        p->bylat = sr_arena_alloc(a, cap * sizeof *p->bylat);
        p->grp = sr_arena_alloc(a, cap * sizeof *p->grp);
        if (!p->sum || !p->bycc || !p->byspec || !p->bylat || !p->grp)
            return SR_ENOMEM;
    }
    /* Priors first, then context from the previous round's choices: the
     * focus country and the other places settle in a few rounds. */
    /* (country numbers are fewer than candidates, and than 2^16) */
    x.vt.at = sr_arena_calloc(a, ncand < 65536 ? ncand + 1 : 65536, 1);
    if (!x.vt.at)
        return SR_ENOMEM;
    gather_start(&x, 0);
    if (score_priors(d, &x, rows, same, mask, a))
        return SR_ENOMEM;
    size_t ncc = x.ncc ? x.ncc : 1;
    x.now.gof = sr_arena_alloc(a, ncc * sizeof *x.now.gof);
    x.next.gof = sr_arena_alloc(a, ncc * sizeof *x.next.gof);
    if (!x.now.gof || !x.next.gof)
        return SR_ENOMEM;
    memset(x.now.gof, 0xff, ncc * sizeof *x.now.gof);
    memset(x.next.gof, 0xff, ncc * sizeof *x.next.gof);
    for (int it = 0; it < 2; it++) {
        focus_t f, ff;
        int f_firm = voted_firm(&x.vt, &x.vw, &f, &ff);
        /* The same context as the round before gives the same scores. */
        if (it > 0 && x.next.nsum == x.now.nsum && !memcmp(&x.f, &f, sizeof f) &&
            !memcmp(&x.ff, &ff, sizeof ff) && x.f_firm == f_firm &&
            !memcmp(x.next.sum, x.now.sum, x.now.nsum * sizeof *x.now.sum))
            break;
        memcpy(&x.f, &f, sizeof f);
        memcpy(&x.ff, &ff, sizeof ff);
        x.f_firm = f_firm;
        index_summary(&x.next);
        sumidx t = x.now;
        x.now = x.next;
        x.next = t;
        x.again = it > 0;
        x.round = (uint8_t)(it + 1);
        gather_start(&x, it == 1);
        score_context(d, &x, same, mask);
    }
    voted(&x.vt, focus);
    return SR_OK;
}

/* A document with more than BLOCK_FROM place mentions (no news story has
 * that many: the evaluation sets' longest has about a hundred) is resolved
 * in blocks of BLOCK mentions or a little more, each ending at a
 * sentence's end, with its context -- the focus country, the places that
 * back one another -- drawn from its own block, the size of a short
 * article: what a reader has in mind at that point of a long text, not
 * what it named far earlier.  Scored against the whole document, each
 * candidate met up to MAX_SUMMARY places, and a long document's places
 * took several times the work of the same text as articles (and agreed
 * less with how the articles alone are read).  The focus and the place
 * lists are still the whole document's. */
#define BLOCK_FROM 256
#define BLOCK 32

static size_t block_end(const sr_geo_doc *d, size_t lo)
{
    if (d->nm <= BLOCK_FROM || d->nm - lo <= BLOCK + BLOCK / 2)
        return d->nm;
    size_t hi = lo + BLOCK;
    while (hi < d->nm && d->m[hi].sent == d->m[hi - 1].sent)
        hi++;
    return hi;
}

/* Moves the mention indices a block's relations hold (always to a later
 * mention of the same sentence, so inside the block) by -by. */
static void rebase(gment *m, size_t n, int by)
{
    for (size_t i = 0; i < n; i++) {
        if (m[i].container >= 0)
            m[i].container -= by;
        if (m[i].nearby >= 0)
            m[i].nearby -= by;
    }
}

int geo_resolve(sr_geo_doc *d, sr_arena *a, const sr_geo_opts *opts)
{
    int rc = SR_OK, focus_ok = 0;
    focus_t f;
    /* Scoring's working memory dies with each settle(): a's scratch
     * arena, reset before each, so that it takes the lines recognition
     * (and the block before) just used, still in the caches. */
    sr_arena *ta = sr_arena_scratch(a);
    if (!ta)
        ta = a;
    else
        sr_arena_reset(ta);
    if (block_end(d, 0) == d->nm) {
        rc = settle(d, ta, &f);
        focus_ok = 1;
    } else {
        for (size_t lo = 0, hi; !rc && lo < d->nm; lo = hi) {
            hi = block_end(d, lo);
            sr_geo_doc b = *d;
            b.m += lo;
            b.nm = hi - lo;
            rebase(b.m, b.nm, (int)lo);
            if (ta != a)
                sr_arena_reset(ta);
            rc = settle(&b, ta, &f);   /* (a block's focus, not the document's) */
            rebase(b.m, b.nm, -(int)lo);
        }
    }
    if (rc)
        return rc;
    if (!focus_ok)
        find_focus(d, &f);
    if (ta != a)
        sr_arena_reset(ta);
    return geo_place_lists(d, a, ta, opts, f.cc);
}

/* ---- public per-document API ------------------------------------------------ */

int sr_geo_find(const sr_geo *g, sr_arena *a, const char *text, size_t len, const sr_text *t,
                const sr_geo_opts *opts, sr_geo_doc **out, sr_error *err)
{
    sr_geo_doc *d = sr_arena_calloc(a, 1, sizeof *d);
    if (!d)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    d->g = g;
    d->text = text;
    d->len = len;
    int rc = geo_parens(d, a);
    if (!rc)
        rc = geo_recognise(d, a, t);
    if (!rc)
        rc = geo_resolve(d, a, opts);
    if (rc)
        return sr_error_set(err, rc, NULL, 0, 0, "out of memory");
    *out = d;
    return SR_OK;
}
