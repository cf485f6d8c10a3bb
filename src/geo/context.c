/* Context of a candidate: what the mention's cues and the document's
 * other resolved places (containers, lists, neighbours, the focus
 * country) add to its prior, for resolve.c's rounds. */
#include "resolve_int.h"

#include <math.h>
#include <stdint.h>

/* Flat-earth distance for the "how near" tiers (50, 150, 400 km) from a
 * candidate to a place: good to a few percent at these ranges. */
static double km_quick_sq(const cinfo *a, int32_t blat, int32_t blon, double coslat)
{
    double dy = ((double)a->lat - blat) / 1e5, dx = ((double)a->lon - blon) / 1e5;
    if (dx > 180)
        dx -= 360;
    else if (dx < -180)
        dx += 360;
    dx *= coslat;
    return dx * dx + dy * dy;   /* the distance is 111.2 * sqrt() of it */
}

/* The cosine of a latitude (degrees * 1e5), kept by the latitude in a
 * small table of each thread: a story's towns are the stories' towns
 * again, and cos cost more than the lookup.  (A latitude of 0 is never
 * kept: its entry's 0 means empty.) */
enum { COS_CACHE = 256 };
static _Thread_local struct {
    int32_t lat[COS_CACHE];
    double c[COS_CACHE];
} cos_tls;

static __attribute__((noinline)) double cos_lat_new(int32_t lat, size_t k)
{
    double c = cos(lat / 1e5 * 0.017453292519943295);
    cos_tls.lat[k] = lat;
    cos_tls.c[k] = c;
    return c;
}

static inline double cos_lat(int32_t lat)
{
    size_t k = ((uint32_t)lat * 0x9e3779b1u) >> 24;
    if (cos_tls.lat[k] == lat && lat != 0)
        return cos_tls.c[k];
    return cos_lat_new(lat, k);
}

/* Above this km_quick_sq the distance is surely 50 km or more (its own
 * rounding included); the distance grows with it, so the nearest place is
 * the one of the least, and only those below need the root. */
#define NEAR50_SQ ((50.0 / 111.2) * (50.0 / 111.2) * (1 + 1e-6))

/* What the other places of the document add to candidate r of m: its
 * parent, its admin1 area and its country among them (in summary order);
 * near() then adds how near the nearest towns and districts are. */
/* (inlined: called from two places, and a call cost more than a tenth
 * of what it does) */
static inline __attribute__((always_inline)) void others(const gment *m, const cinfo *r,
                                                         const ctx_t *x, float *sp, float *supp)
{
    const sumidx *p = &x->now;
    float s = *sp, sup = *supp;
    int lv = r->level;
    uint32_t ri = r->rec;
    /* a parent in another country (no valid file has one) is looked for
     * among all places; the build marks such a record */
    int all = (r->flags & GZ_ABROAD) != 0;
    const uint16_t *ix = p->bycc;
    size_t n = 0;
    if (all) {
        n = p->nsum;
    } else if (p->gof[r->ccid] != NO_GROUP) {
        const ccgroup *g = &p->grp[p->gof[r->ccid]];
        if (g->pbloom & (1ull << (r->parent & 63))) {
            ix += g->start;
            n = g->n;
        } else {
            ix = p->byspec + g->sstart;
            n = g->sn;
        }
    }
    for (size_t k = 0; k < n; k++) {
        const psum *o = &p->sum[all ? k : ix[k]];
        if (o->rec == ri || o->keyhash == m->keyhash)
            continue;
        int ol = o->level, same_cc = o->ccid == r->ccid;
        if (r->parent == o->rec) {
            s += 3.0f;
            sup += 1.5f;
        }
        if (ol == SR_GEO_LEVEL_ADMIN1 && lv > ol && o->adm == r->adm && same_cc)
            s += 1.5f, sup += 0.5f;
        if (ol == SR_GEO_LEVEL_COUNTRY && lv > ol && same_cc)
            s += 1.0f;
    }
    *sp = s;
    *supp = sup;
}

/* At most what near() can add to candidate r: the nearest place within
 * 50 km and three more, when any town or district lies within 3.6
 * degrees of latitude; else nothing. */
static float near_bound(const cinfo *r, const ctx_t *x)
{
    const sumidx *p = &x->now;
    return r->level >= SR_GEO_LEVEL_ADMIN2 && p->nlat && (int64_t)r->lat + 360000 >= p->lat_lo &&
           (int64_t)r->lat - 360000 <= p->lat_hi ? 3.75f : 0;
}

/* The towns and districts of the summary near r (not r, nor of m's
 * name): the least km_quick_sq to one in *qmin (-1: none within 3.6
 * degrees of latitude, which is over 400 km whatever the longitude), and
 * how many lie within 50 km; with `one`, it stops at the first of those.
 * (Inlined: each caller's loop is then its own.) */
static inline __attribute__((always_inline)) int near_scan(const gment *m, cinfo *r,
                                                           const ctx_t *x, int one, double *qmin)
{
    const sumidx *p = &x->now;
    uint32_t ri = r->rec;
    int near50 = 0;
    size_t lo = 0, hi = p->nlat;
    *qmin = -1;
    /* In 64 bits: a damaged gazetteer may hold any latitude, and the
     * window's ends must not overflow (fuzz finding). */
    int64_t south = (int64_t)r->lat - 360000, north = (int64_t)r->lat + 360000;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->sum[p->bylat[mid]].lat < south)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < p->nlat; k++) {
        const psum *o = &p->sum[p->bylat[k]];
        if (o->lat > north)
            break;
        if (o->rec == ri || o->keyhash == m->keyhash)
            continue;
        if (r->coslat == 0)
            r->coslat = cos_lat(r->lat);
        double q = km_quick_sq(r, o->lat, o->lon, r->coslat);
        if (*qmin < 0 || q < *qmin)
            *qmin = q;
        if (q < NEAR50_SQ && 111.2 * sqrt(q) < 50 && (near50++, one))
            break;
    }
    return near50;
}

/* What near() adds to the support of r alone: by the nearest
 * neighbour's tier, found without the rest (the support takes at most
 * 1.5 of what near() adds, which any neighbour within 50 km gives). */
static float near_support(const gment *m, cinfo *r, const ctx_t *x)
{
    double qmin;
    if (near_scan(m, r, x, 1, &qmin))
        return 0.75f;
    double nearest = qmin < 0 ? 1e9 : 111.2 * sqrt(qmin);
    return nearest < 150 ? 0.5f : nearest < 400 ? 0.25f : 0;
}

/* The neighbours' part of others(): the towns and districts near r. */
static void near(const gment *m, cinfo *r, const ctx_t *x, float *sp, float *supp)
{
    float s = *sp, sup = *supp;
    int lv = r->level;
    if (lv >= SR_GEO_LEVEL_ADMIN2 && r->nbround == x->round) {
        /* (a mention alike, of the same key, read them this round) */
        s += r->nb;
        sup += (r->nb > 1.5f ? 1.5f : r->nb) * 0.5f;
    } else if (lv >= SR_GEO_LEVEL_ADMIN2) {
        /* Neighbours: only those under 400 km count. */
        double qmin;
        int near50 = near_scan(m, r, x, 0, &qmin);
        double nearest = qmin < 0 ? 1e9 : 111.2 * sqrt(qmin);
        /* each further neighbour within 50 km adds: a cluster of places
         * that agree outweighs one big namesake far away */
        float nb = nearest < 50 ? 1.5f : nearest < 150 ? 1.0f : nearest < 400 ? 0.5f : 0;
        nb += 0.75f * (float)(near50 > 4 ? 3 : near50 > 1 ? near50 - 1 : 0);
        r->nb = nb;
        r->nbround = x->round;
        s += nb;
        sup += (nb > 1.5f ? 1.5f : nb) * 0.5f;
    }
    *sp = s;
    *supp = sup;
}

static double km_rows(const cinfo *a, const cinfo *b)
{
    return geo_km(a->lat / 1e5, a->lon / 1e5, b->lat / 1e5, b->lon / 1e5);
}

/* What m's container (m->container, a mention) adds to the score *s of
 * candidate r; returns what it adds to r's support.  (Inlined in its two
 * callers: out of line it cost them more than itself.) */
static inline __attribute__((always_inline)) float container_add(const sr_geo_doc *d,
                                                                  const gment *m, const cinfo *r,
                                                                  const ctx_t *x, float *s)
{
    const gment *n = &d->m[m->container];
    const cinfo *b = geo_usable(n) ? geo_chosen(d, x, n) : NULL;
    if (!b || b->level >= r->level)
        return 0;
    int bl = b->level;
    int same_cc = b->cc[0] == r->cc[0] && b->cc[1] == r->cc[1];
    float add = 0;
    if (bl == SR_GEO_LEVEL_COUNTRY)
        add = same_cc ? 4.0f : -2.0f;
    else if (bl == SR_GEO_LEVEL_ADMIN1)
        add = (b->adm == r->adm && same_cc) ? 5.0f : -2.0f;
    else if (r->parent == b->rec)
        add = 6.0f;
    else {
        double k = km_rows(r, b);
        add = k < 30 ? 4.0f : k < 100 ? 2.0f : -1.0f;
    }
    *s += add;
    /* "X in Y" where X is not in Y: X is another place of that name, one
     * the gazetteer lacks, when Y is a province or a country */
    return add > 0 ? 2.0f : bl <= SR_GEO_LEVEL_ADMIN1 && !m->far ? -5.0f : -2.5f;
}

/* What the focus country and m's cues (the kind of place they name) add
 * to *s for candidate r, one after the other (the order of float sums
 * matters: context() and context_bound() add them alike). */
static inline __attribute__((always_inline)) void focus_and_cues(const gment *m, const cinfo *r,
                                                                 const ctx_t *x, float *s)
{
    int lv = r->level;
    if (x->f.cc[0] && r->cc[0] == x->f.cc[0] && r->cc[1] == x->f.cc[1])
        *s += 2.0f * x->f.share;
    if ((m->cue & CUE_TYPE_ADM1) && lv == SR_GEO_LEVEL_ADMIN1)
        *s += 3.0f;
    if ((m->cue & CUE_TYPE_ADM2) && lv == SR_GEO_LEVEL_ADMIN2)
        *s += 3.0f;
    if ((m->cue & CUE_TYPE_ADM2) && lv == SR_GEO_LEVEL_ADMIN1)
        *s += 1.0f;
    if ((m->cue & CUE_TYPE_TOWN) && lv >= SR_GEO_LEVEL_CITY)
        *s += 1.5f;
    /* "the city of Turkey" is no country, "Hall County town" no state */
    if ((m->cue & CUE_TYPE_TOWN) && lv <= SR_GEO_LEVEL_ADMIN1 && m->container < 0)
        *s -= 10.0f;   /* (but "the Hunan city of Yueyang": the city is Yueyang) */
}

/* Context: everything that favours one entry over another, added to
 * the entry's prior in *score.  *support is the part that also says "this
 * is a place at all" (relations to other places), negative when a stated
 * relation contradicts the entry.  0 (neither set) when the neighbours,
 * worked out last, could not take the score past beat. */
static int context(const sr_geo_doc *d, const gment *m, cinfo *r, const ctx_t *x,
                   float prior, float beat, float *score, float *support)
{
    float s = 0, sup = 0;
    int lv = r->level;
    focus_and_cues(m, r, x, &s);
    /* "Alexandria, Louisiana", "the Barzeh district of Damascus" */
    if (m->container >= 0 && (size_t)m->container < d->nm)
        sup += container_add(d, m, r, x, &s);
    /* "Georgia, Texas and Louisiana": places listed together are alike --
     * the same kind of place in the same country. */
    /* "Bronx, New York", "Alexandria, Louisiana": the state */
    if ((m->cue & CUE_HOLDS) && (lv == SR_GEO_LEVEL_ADMIN1 || lv == SR_GEO_LEVEL_COUNTRY))
        s += 3.0f;
    /* (and Y of "X, Y" is no list of two alike towns) */
    if ((m->cue & CUE_LIST) && !(m->cue & CUE_HOLDS)) {
        size_t mi = (size_t)(m - d->m);
        for (int side = -1; side <= 1; side += 2) {
            if ((side < 0 && mi == 0) || (side > 0 && mi + 1 >= d->nm))
                continue;
            const gment *o = &d->m[mi + (size_t)side];
            const cinfo *b = geo_usable(o) ? geo_chosen(d, x, o) : NULL;
            if (b && o->sent == m->sent && (o->cue & CUE_LIST) && o->role == SR_GEO_PLACE &&
                b->level == lv && b->cc[0] == r->cc[0] && b->cc[1] == r->cc[1])
                s += 2.0f;
        }
    }
    if (m->nearby >= 0 && (size_t)m->nearby < d->nm) {
        const gment *n = &d->m[m->nearby];
        const cinfo *b = geo_usable(n) ? geo_chosen(d, x, n) : NULL;
        if (b) {
            double k = km_rows(r, b);
            s += k < 50 ? 3.0f : k < 150 ? 1.5f : 0;
        }
    }
    /* Other places of the document: parents, admin areas, neighbours
     * (those only when they could take the score past beat; with room for
     * the rounding of a few float sums). */
    others(m, r, x, &s, &sup);
    float nb = near_bound(r, x);
    if (nb > 0) {
        if (prior + s + nb + 1e-3f * (1.0f + fabsf(prior) + fabsf(s) + nb) < beat)
            return 0;
        near(m, r, x, &s, &sup);
    }
    *score = prior + s;
    *support = sup;
    return 1;
}

/* The support context() gives r, m's only candidate, alone: what m's
 * container and the document's other places say of it being a place.
 * (Support adds quarters, exact in any order; the score is never
 * compared when there is nothing to compare it with.) */
static float support_only(const sr_geo_doc *d, const gment *m, cinfo *r, const ctx_t *x)
{
    float s = 0, sup = 0;
    if (m->container >= 0 && (size_t)m->container < d->nm)
        sup += container_add(d, m, r, x, &s);
    others(m, r, x, &s, &sup);
    if (near_bound(r, x) > 0)
        sup += near_support(m, r, x);
    return sup;
}

/* At least what m's relations (its container, list and nearby place) can
 * add to the context of any of its candidates. */
static float mention_bound(const sr_geo_doc *d, const gment *m)
{
    float b = 0;
    if (m->container >= 0 && (size_t)m->container < d->nm)
        b += 6.0f;
    if ((m->cue & CUE_LIST) && !(m->cue & CUE_HOLDS))
        b += 4.0f;
    if (m->nearby >= 0 && (size_t)m->nearby < d->nm)
        b += 3.0f;
    return b;
}

/* At least what context() can add to candidate r of m, whose relations
 * add at most mb (mention_bound): the cues as they add to r's level, and
 * every relation to the document's places at its most.  A candidate
 * whose prior plus this stays below the best score so far cannot
 * overtake it (scores are read only to choose), so its context is not
 * worked out.  Negative for none (a parent abroad: all places count). */
static float context_bound(const gment *m, float mb, const cinfo *r, const ctx_t *x)
{
    const sumidx *p = &x->now;
    int lv = r->level;
    float b = mb;
    if (r->flags & GZ_ABROAD)
        return -1;
    focus_and_cues(m, r, x, &b);
    if ((m->cue & CUE_HOLDS) && (lv == SR_GEO_LEVEL_ADMIN1 || lv == SR_GEO_LEVEL_COUNTRY))
        b += 3.0f;
    if (p->gof[r->ccid] != NO_GROUP) {
        /* one parent at most (places are distinct), and only admin1 areas
         * that may be r's own add */
        const ccgroup *g = &p->grp[p->gof[r->ccid]];
        if (g->abloom & (1ull << (r->parent & 63)))
            b += 3.0f;
        if (lv > SR_GEO_LEVEL_ADMIN1 && (g->admbloom & (1ull << (r->adm & 63))))
            b += 1.5f * g->nadm1;
        if (lv > SR_GEO_LEVEL_COUNTRY)
            b += 1.0f * g->ncountry;
    }
    /* the nearest within 50 km and three more, when any lies within
     * 3.6 degrees of latitude */
    if (lv >= SR_GEO_LEVEL_ADMIN2 && p->nlat && (int64_t)r->lat + 360000 >= p->lat_lo &&
        (int64_t)r->lat - 360000 <= p->lat_hi)
        b += 3.75f;
    return b;
}

void geo_context_best(const sr_geo_doc *d, gment *m, cinfo *ci, const ctx_t *x, int *best,
                      float *bsup)
{
    if (m->nc == 1) {
        /* (as the loop below: the one candidate with a row is best) */
        *best = ci[0].ok ? 0 : -1;
        *bsup = ci[0].ok ? support_only(d, m, &ci[0], x) : 0;
        return;
    }
    float bs = -1e9f, bsp = 0;
    int bj = -1;
    float mb = mention_bound(d, m);
    for (uint32_t j = 0; j < m->nc; j++) {
        gcand *c = &m->c[j];
        if (j >= MAX_SCORED && !(c->prior > bs))
            break;   /* the rest keep their priors, none higher */
        if (!ci[j].ok)
            continue;
        float sup = 0;
        if (j > 0 && j < MAX_SCORED) {
            /* (with room for the rounding of a few float sums) */
            float ub = context_bound(m, mb, &ci[j], x);
            if (ub >= 0 && c->prior + ub + 1e-3f * (1.0f + fabsf(c->prior) + ub) < bs)
                continue;   /* cannot overtake: its score is not read */
        }
        c->score = c->prior;
        if (j < MAX_SCORED && !context(d, m, &ci[j], x, c->prior, bs, &c->score, &sup))
            continue;
        if (c->score > bs) {
            bs = c->score;
            bj = (int)j;
            bsp = sup;
        }
    }
    *best = bj;
    *bsup = bsp;
}
