/* Disambiguation's shared state: what resolve.c (priors, rounds, focus)
 * and context.c (what the document's other places say of a candidate)
 * both read.  Internal to src/geo. */
#ifndef SR_GEO_RESOLVE_INT_H
#define SR_GEO_RESOLVE_INT_H

#include "geo_int.h"

typedef struct focus_t {
    char cc[3];
    float share;
} focus_t;

/* What scoring reads of a candidate's record, in one row read once a
 * document: the records lie all over an 11 MB table, and every round of
 * context read each candidate's again.  ok is 0 for a record index out of
 * range (a damaged file), a candidate never chosen. */
typedef struct cinfo {
    double coslat;      /* for distances to neighbours; 0 until one needs it */
    int32_t lat, lon;
    uint32_t rec, adm, parent;
    uint16_t ccid;      /* its country's number in the document (cc_id) */
    char cc[2];
    uint8_t level, flags, ok;
    uint8_t nbround;    /* the round whose nb this is (0: none): mentions alike share rows */
    float nb;           /* what near() added */
} cinfo;

/* The document's resolved places, one per entry, for the context of the
 * others.  A cap keeps a pathological document linear; news stories name
 * far fewer places. */
#define MAX_SUMMARY 256
/* Candidates per mention that get the full context; the rest keep their
 * prior ("Springfield" has dozens). */
#define MAX_SCORED 16
#define NO_GROUP 0xffffu

/* What context() reads of each resolved place, in one compact row: the
 * loop over them runs for every candidate of every mention. */
typedef struct psum {
    uint64_t keyhash;  /* the first mention's key: a name does not support itself */
    uint32_t rec;
    uint32_t adm;
    int32_t lat, lon;
    char cc[2];
    uint16_t ccid;
    uint8_t level;
    uint8_t pad[11];   /* (zeroed by gather: summaries are compared with memcmp) */
} psum;
_Static_assert(sizeof(psum) == 40, "a summary entry has no padding but pad");

typedef struct ccgroup {
    uint16_t start, n;   /* in sumidx.bycc */
    uint16_t ccid;
    uint16_t nadm1, ncountry;   /* its admin1 areas and countries (context_bound) */
    /* The admin1 areas and countries alone (sumidx.byspec): the other
     * places add only as a candidate's parent, and pbloom (bit rec % 64
     * of each) says none of them can be. */
    uint16_t sstart, sn;
    uint64_t pbloom;
    /* bit rec % 64 of each of its places, and bit adm % 64 of its admin1
     * areas: context_bound's parent and admin1 area, when they can be */
    uint64_t abloom, admbloom;
} ccgroup;

/* A round's summary with its index for context(): only places of a
 * candidate's own country add to its score (kept in summary order, as
 * the additions must be), only towns and districts within 400 km count
 * as neighbours (by latitude). */
typedef struct sumidx {
    psum *sum;
    size_t nsum;
    uint16_t *bycc, *bylat, *byspec;
    ccgroup *grp;
    size_t ngrp, nlat;
    int32_t lat_lo, lat_hi;   /* the latitudes of bylat's first and last */
    uint16_t *gof;      /* by country number: its group in grp, or NO_GROUP */
    uint64_t recbloom;  /* bit rec % 64 of each place: most new ones need no search */
} sumidx;

/* Country votes for the focus: toponyms count fully, demonyms half. */
typedef struct votes {
    char cc[64][2];
    float v[64];
    size_t n;
    float total;
    uint16_t ccid[64];
    uint8_t *at;        /* by country number: its place in cc + 1, 0 none (NULL: search cc) */
} votes;

typedef struct ctx_t {
    focus_t f;
    /* The focus of the firm mentions alone (weak_choice: no variant,
     * fuzzy match or other name that nothing backs), for a weak one: a
     * name's own misreading does not make the story about its country
     * ("Karen rebels" as Erzurum's "Karin" in a Myanmar story). */
    focus_t ff;
    int f_firm;         /* firm mentions vote for f's country too */
    const sr_geo *g;
    /* the summary this round reads, and the next round's, gathered as
     * each mention is decided (with the votes for its focus) */
    sumidx now, next;
    size_t cap;         /* MAX_SUMMARY, or fewer when the document has fewer mentions */
    size_t ncc;
    uint64_t *ccslot;   /* country codes to numbers (cc_id), at most half full; NULL until one */
    size_t ccmask;
    uint32_t stamp;     /* this settle's in cc_id's table */
    sr_arena *a;        /* (where ccslot grows) */
    cinfo **ci;         /* by mention: its candidates' rows (NULL: never scored) */
    uint32_t *act;      /* the mentions scored (a role and candidates), in order */
    size_t nact;
    /* by mention: the earlier one alike whose choice it takes in the
     * rounds of context (same_scores, worked out in the first; -1 none),
     * and whether its conf and role follow too (TWIN_*) */
    int32_t *alike;
    uint8_t *twin;
    struct concluded *done;   /* by mention: what its conf was worked out from */
    int last;           /* the last round: its summary is not gathered */
    int again;          /* a round after the first of context */
    uint8_t round;      /* the round of context, from 1 */
    /* (last: settle clears what comes before, not its arrays) */
    votes vt, vw;       /* all votes, and the weak mentions' */
} ctx_t;

/* What a mention's role and conf were last worked out from (conclude):
 * the same again gives the same (the role is already turned). */
struct concluded {
    int best;           /* -1: never */
    float sup;
    int in_focus;
};

/* The row of m's chosen entry, NULL when it has none (as geo_best_rec). */
static inline const cinfo *geo_chosen(const sr_geo_doc *d, const ctx_t *x, const gment *m)
{
    if (m->best < 0 || (uint32_t)m->best >= m->nc)
        return NULL;
    const cinfo *r = x->ci[m - d->m];
    return r && r[m->best].ok ? &r[m->best] : NULL;
}

static inline int geo_usable(const gment *m) { return m->role >= 0 && m->best >= 0; }

/* m's best candidate by prior and context this round (*best, -1 for
 * none) and what its context says of it being a place at all (*bsup);
 * the scores it works out are left in m's candidates. */
void geo_context_best(const sr_geo_doc *d, gment *m, cinfo *ci, const ctx_t *x, int *best,
                      float *bsup);

#endif
