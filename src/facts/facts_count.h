/*
 * facts_count.h - private to the counts pass (facts_count.c, facts_after.c,
 * facts_tally.c): the per-sentence work state and the helpers they share.
 */
#ifndef SR_FACTS_COUNT_H
#define SR_FACTS_COUNT_H

#include "facts_int.h"

typedef struct cnt {
    sr_facts_count c;
    size_t t0, t1;          /* tokens covered */
    size_t parent_local;    /* part of a count of this sentence, or NONE */
    size_t parent_global;   /* part of a count of an earlier sentence, or NONE */
    int obj;                /* the object of a trigger before it ("killed 12") */
} cnt;

typedef struct ctx {
    sr_facts *f;
    size_t s, lo, hi;
    sr_vec v;               /* cnt, this sentence */
    uint8_t *used;          /* per token of the sentence: claimed by a count */
    size_t *cat;            /* per token of the sentence: the count covering it, or NONE */
} ctx;

#define NP_STOP                                                                               \
    (L_AUX | L_DET | L_PREP | L_CONJ | L_PRON | L_SUBORD | L_REPORT | L_STOPNP | L_TPASS |    \
     L_TACT | L_TINTR | L_TNOUN | L_PVERB | L_PWEAK | L_TIMEW | L_WDAY | L_MONTH | L_TIMEU |   \
     L_UNIT | L_MONEY | L_PCT | L_CLOCK | L_NEG | L_PLAN | L_HYPO | L_QPRE | L_VAGUE |         \
     L_NUMW | L_SCALE | L_OTHERS | L_TOLL | L_PLANTO | L_THREAT | L_DENY | L_MEDIAV | L_CROWD | \
     L_PNOUN | L_NEGPRON)

typedef struct trig {
    int type;
    size_t t0, t1;          /* trigger tokens */
    int among;              /* "were among the dead": part of the last count */
} trig;

/* the number at index n */
const sr_facts_number *srfc_num(const ctx *x, size_t n);
/* a word that may stand inside a people phrase before its head */
int srfc_modifier(const sr_facts *f, size_t j);
/* Whether token j is an adverb: listed, or a word in -ly. */
int srfc_adverb(const sr_facts *f, size_t j);
/* Whether a form of "be" or "get" stands before the trigger at t, past
 * adverbs: "was reportedly killed" is a passive, "have killed" and
 * "allegedly killed" are not. */
int srfc_passive_before(const sr_facts *f, size_t lo, size_t t);
/* A count at j whose people stand right before a casualty participle: the
 * next item of a headline's list ("13 civilians killed 43 others injured"). */
int srfc_listed_next(const sr_facts *f, size_t j, size_t hi);
/* the people phrase at j: head token (or SR_FACTS_NONE) and the token after it */
size_t srfc_people_np(const sr_facts *f, size_t j, size_t hi, uint64_t want, size_t *end);
/* records a count of tokens [t0, t1) with trigger [trig0, trig1); NULL when out of memory */
cnt *srfc_add(ctx *x, int type, size_t nidx, int64_t v, size_t t0, size_t t1, size_t head,
              size_t trig0, size_t trig1);
/* facts_after.c: the trigger after a subject ending before k */
int srfc_trigger_after(const sr_facts *f, size_t k, size_t hi, int has_head, trig *t);
/* skips "(including 5 children)", ", among them ...," and short place phrases */
size_t srfc_skip_inserts(const sr_facts *f, size_t k, size_t hi);
/* "killed or wounded": a second trigger joined to the first at k
 * (facts_after.c); *end past it */
int srfc_combined(const sr_facts *f, size_t k, size_t hi, int type, size_t *end);
/* the "and" ending the group a people noun's "of" at k names, else k */
size_t srfc_of_group(const sr_facts *f, size_t k, size_t hi);
/* a people noun that names a part of a group: children, women (facts_after.c) */
int srfc_part_noun(const sr_facts *f, size_t j);
/* the first token after a headline's opening date, else lo (facts_after.c) */
size_t srfc_headline_start(const sr_facts *f, size_t lo, size_t hi);
/* whether "among them" or "among whom" follows token j (facts_after.c) */
int srfc_among_them(const sr_facts *f, size_t j);
/* the count a part belongs to */
int srfc_find_parent(ctx *x, size_t before, int anaphoric, size_t *loc, size_t *glob);

/* facts_tally.c */
int srfc_singular(ctx *x);
/* Whether a count after "and" at t (its words ending at end) repeats
 * count prev's verb left out (facts_tally.c). */
int srfc_gapped(const sr_facts *f, const cnt *prev, size_t t, size_t end, size_t hi);
/* qfirst, qlast: the first and last token starting a number of kind
 * quantity in the sentence */
int srfc_tolls(ctx *x, size_t qfirst, size_t qlast);
void srfc_cumulative(ctx *x);

#endif
