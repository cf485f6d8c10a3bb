/*
 * facts_tally.c - counts without a number and running tallies: singular and
 * zero subjects ("a journalist was killed", "no one was hurt"), tolls ("the
 * death toll rose to 19,000") and the cues that make a count cumulative
 * ("since March 2011", "in the 16-month uprising").
 */
#include <string.h>

#include "facts_count.h"

/* ---- subjects without a number ---------------------------------------- */

/* A singular people phrase at i: "a soldier", "his brother", "no one",
 * "no civilians".  Returns the head (NONE for "no one") and sets *end and
 * *zero; 0 when there is none. */
static int person_at(ctx *x, size_t i, size_t *head, size_t *end, int *zero)
{
    sr_facts *f = x->f;
    size_t hi = x->hi;
    uint64_t c = srf_cls(f, i);
    *zero = 0;
    if (c & L_NEGPRON || (srf_is(f, i, "no") && srf_is(f, i + 1, "one"))) {
        *zero = 1;
        *head = SR_FACTS_NONE;
        *end = srf_is(f, i, "no") ? i + 2 : i + 1;
        if (srf_is(f, *end, "of") && srf_is(f, *end + 1, "them"))
            *end += 2;
        return 1;
    }
    if (srf_is(f, i, "no")) {
        *zero = 1;
        *head = srfc_people_np(f, i + 1, hi, L_PPL, end);
        return *head != SR_FACTS_NONE;
    }
    if (!(c & L_DET) || (c & L_SUBORD) || srf_is(f, i, "these") || srf_is(f, i, "those"))
        return 0;
    *head = srfc_people_np(f, i + 1, hi, L_PSG, end);
    if (*head == SR_FACTS_NONE)
        return 0;
    /* "a policeman's house" is no person hurt */
    return !(*end < hi && (f->tok[*end].flags & SR_TOK_POSS));
}

int srfc_singular(ctx *x)
{
    sr_facts *f = x->f;
    size_t lo = x->lo, hi = x->hi;
    /* A headline's lone person with no article: "Child killed, 12
     * injured", "Soldier killed two others wounded" (but "Policeman
     * killed two civilians" took an object: no count of him) */
    size_t h = srfc_headline_start(f, lo, hi);   /* (past a date: "Mon Nov 7 2016 Child Killed") */
    if (h + 1 < hi && !x->used[h - lo] && (srf_cls(f, h) & L_PSG) && !(srf_cls(f, h) & L_DET) &&
        (f->tok[h].flags & SR_TOK_CAP) && (srf_cls(f, h + 1) & L_TPASS) &&
        srf_ctype(f, h + 1) >= 0 &&
        (h + 2 >= hi || srf_ispunct(f, h + 2) || (srf_cls(f, h + 2) & L_PREP) ||
         srfc_listed_next(f, h + 2, hi)))
        if (!srfc_add(x, srf_ctype(f, h + 1), SR_FACTS_NONE, 1, h, h + 1, h, h + 1, h + 2))
            return -1;
    for (size_t i = lo; i < hi; i++) {
        size_t head, end;
        int zero;
        i = srf_next_want(f->want, i, hi, SRF_W_DETNEG); /* most words: no determiner, no negation */
        if (i >= hi)
            break;
        if (x->used[i - lo] || !(f->cls[i] & (L_DET | L_NEG)) ||
            !person_at(x, i, &head, &end, &zero))
            continue;
        int v = zero ? 0 : 1;
        /* part of a count before: "including a child" */
        if (!zero && i > lo && srf_is(f, i - 1, "including")) {
            size_t loc = SR_FACTS_NONE, glob = SR_FACTS_NONE;
            if (srfc_find_parent(x, i, 0, &loc, &glob) && loc != SR_FACTS_NONE) {
                sr_facts_count pc = ((cnt *)x->v.items)[loc].c;
                cnt *k = srfc_add(x, pc.type, SR_FACTS_NONE, 1, i, end, head, pc.trigger_tok,
                             pc.trigger_tok + 1);
                if (!k)
                    return -1;
                k->parent_local = loc;
                k->c.trigger_start = pc.trigger_start;
                k->c.trigger_end = pc.trigger_end;
                i = end - 1;
                continue;
            }
        }
        /* the object of an active trigger: "killing a policeman", "have
         * killed a policeman", "allegedly killed a policeman", "shot dead
         * a policeman" */
        if (!zero && i > lo) {
            size_t t = i - 1, t0 = t;
            uint64_t tc = srf_cls(f, t);
            int type = srf_ctype(f, t);
            if (t > lo && srf_is(f, t, "dead") && srf_is(f, t - 1, "shot")) {
                t0 = t - 1;
                tc = L_TACT;
                type = SR_FACTS_KILL;
            }
            if ((tc & (L_TACT | L_TPASS)) && type >= 0 && !srf_is(f, t, "shot") &&
                !srfc_passive_before(f, lo, t0)) {
                cnt *k = srfc_add(x, type, SR_FACTS_NONE, v, i, end, head, t0, t + 1);
                if (!k)
                    return -1;
                k->obj = 1;
                i = end - 1;
                continue;
            }
        }
        /* one person after the object of an active trigger: "killed two
         * policemen and a child" (as "detained 40 people and three
         * journalists", number_first; after a comma it is a speaker:
         * "killing eight civilians, a Kurdish official said") */
        trig own;
        if (!zero && i > lo + 1 && srf_is(f, i - 1, "and") && x->v.len &&
            !srfc_trigger_after(f, srfc_skip_inserts(f, end, hi), hi, 1, &own)) {
            const cnt *prev = &((const cnt *)x->v.items)[x->v.len - 1];
            if (prev->obj && prev->t1 == i - 1) {
                sr_facts_count pc = prev->c;
                cnt *k = srfc_add(x, pc.type, SR_FACTS_NONE, 1, i, end, head, pc.trigger_tok,
                                  pc.trigger_tok + 1);
                if (!k)
                    return -1;
                k->obj = 1;
                k->c.trigger_start = pc.trigger_start;
                k->c.trigger_end = pc.trigger_end;
                i = end - 1;
                continue;
            }
        }
        /* coordinated: "a soldier and a civilian were killed" */
        size_t items[8], heads[8], ends[8];
        int ni = 0;
        items[ni] = i;
        heads[ni] = head;
        ends[ni++] = end;
        size_t k = end;
        while (!zero && ni < 8 && (srf_is(f, k, "and") || srf_punct(f, k, ',')) && k + 1 < hi) {
            size_t h2, e2;
            int z2;
            /* (the first one's determiner may serve both: "his father and
             * younger brother were killed") */
            if (!person_at(x, k + 1, &h2, &e2, &z2)) {
                z2 = 0;
                if (!srf_is(f, k, "and") || (srf_cls(f, k + 1) & (L_DET | L_SUBORD)) ||
                    (h2 = srfc_people_np(f, k + 1, hi, L_PSG, &e2)) == SR_FACTS_NONE ||
                    (e2 < hi && (f->tok[e2].flags & SR_TOK_POSS)))
                    break;
            }
            if (z2)
                break;
            items[ni] = k + 1;
            heads[ni] = h2;
            ends[ni++] = e2;
            k = e2;
        }
        /* "of the group", "from the village": part of the noun phrase */
        if (srf_is(f, k, "of") && k + 1 < hi) {
            size_t j = k + 1;
            while (j < hi && j < k + 6 && ((srf_cls(f, j) & L_DET) || srfc_modifier(f, j) ||
                                            (f->tok[j].flags & SR_TOK_CAP)))
                j++;
            k = j;
        }
        /* "A woman and her two children were killed": with the count
         * after "and", of its trigger */
        if (!zero && srf_is(f, k, "and")) {
            const cnt *kin = NULL;
            for (size_t q = 0; q < x->v.len; q++) {
                const cnt *cq = &((const cnt *)x->v.items)[q];
                if (cq->t0 > k && cq->t0 <= k + 2 && !cq->obj)
                    kin = cq;
            }
            if (kin) {
                sr_facts_count kc = kin->c;
                for (int n = 0; n < ni; n++) {
                    cnt *c2 = srfc_add(x, kc.type, SR_FACTS_NONE, v, items[n], ends[n], heads[n],
                                       kc.trigger_tok, kc.trigger_tok + 1);
                    if (!c2)
                        return -1;
                    c2->c.trigger_start = kc.trigger_start;
                    c2->c.trigger_end = kc.trigger_end;
                }
                i = ends[ni - 1] - 1;
                continue;
            }
        }
        k = srfc_skip_inserts(f, k, hi);
        trig t;
        if (!srfc_trigger_after(f, k, hi, 1, &t) || t.among)
            continue;
        for (int n = 0; n < ni; n++)
            if (!srfc_add(x, t.type, SR_FACTS_NONE, v, items[n], ends[n], heads[n], t.t0, t.t1))
                return -1;
        i = ends[ni - 1] - 1;
    }
    return 0;
}

/* Whether a count after "and" at t, its words ending at end, repeats
 * count prev's verb left out: prev is a subject's count whose trigger
 * ends before t, a place phrase ("in Douma", "near the border") fills the
 * words between, and another follows this count. */
int srfc_gapped(const sr_facts *f, const cnt *prev, size_t t, size_t end, size_t hi)
{
    static const char *const preps[] = {"in", "near", "at", "around", "outside", NULL};
    if (prev->obj || prev->c.trigger_tok + 1 != prev->t1 || prev->t1 >= t || t - prev->t1 > 5 ||
        end >= hi)
        return 0;
    int before = 0, after = 0;
    for (int k = 0; preps[k]; k++) {
        before |= srf_is(f, prev->t1, preps[k]);
        after |= srf_is(f, end, preps[k]);
    }
    if (!before || !after)
        return 0;
    for (size_t j = prev->t1 + 1; j < t; j++)
        if (srf_ispunct(f, j) || (srf_cls(f, j) & (L_TACT | L_TPASS)))
            return 0;
    return 1;
}

enum { TOLL_REACH = 13 };

/* A toll word at i (its phrase from t0) whose number starts at token j:
 * did it rise ("bringing the toll to", "the toll rose to")? */
static int toll_rose(const sr_facts *f, size_t lo, size_t t0, size_t i, size_t j)
{
    for (size_t k = lo; k < t0 && k + 4 > t0; k++)
        if (srf_is(f, k, "bringing") || srf_is(f, k, "raising") || srf_is(f, k, "brought") ||
            srf_is(f, k, "raised") || srf_is(f, k, "pushing") || srf_is(f, k, "taking"))
            return 1;
    for (size_t k = i + 1; k <= j; k++)
        if (srf_is(f, k, "rose") || srf_is(f, k, "risen") || srf_is(f, k, "climbed") ||
            srf_is(f, k, "reached") || srf_is(f, k, "jumped") || srf_is(f, k, "increased") ||
            srf_is(f, k, "mounted") || srf_is(f, k, "hit") || srf_is(f, k, "soared"))
            return 1;
    return 0;
}

/* ... and is it one attack's ("the toll of the attack")? */
static int toll_tied(const sr_facts *f, size_t i, size_t j)
{
    for (size_t k = i + 1; k <= j; k++)
        if (srf_cls(f, k) & L_ATTACKN)
            return 1;
    return 0;
}

/* "the death toll rose to 19,000", "bringing the toll to 40". */
int srfc_tolls(ctx *x, size_t qfirst, size_t qlast)
{
    sr_facts *f = x->f;
    /* a toll's number starts within 13 tokens after its word (below) */
    size_t from = qfirst > x->lo + TOLL_REACH ? qfirst - TOLL_REACH : x->lo;
    size_t to = qlast < x->hi ? qlast : x->hi;
    for (size_t i = from; i < to; i++) {
        /* a toll word, or "number" or "total" (SRF_W_TOLL: the classes
         * these have, L_MODW and L_CUMUL, hold many other words) */
        i = srf_next_want(f->want, i, to, SRF_W_TOLL);
        if (i >= to)
            break;
        int type = SR_FACTS_KILL;
        size_t head = SR_FACTS_NONE, tend = i + 1;
        if (!(f->cls[i] & L_TOLL)) {
            /* "the number of people killed", "the total of those detained" */
            if (!srf_is(f, i + 1, "of"))
                continue;
            type = -1;
            for (size_t j = i + 2; j < x->hi && j < i + 6; j++) {
                if (srf_cls(f, j) & L_PPL)
                    head = j;
                if ((srf_cls(f, j) & (L_TPASS | L_TNOUN | L_TINTR)) && srf_ctype(f, j) >= 0) {
                    type = srf_ctype(f, j);
                    tend = j + 1;
                    break;
                }
            }
            if (type < 0)
                continue;
        }
        size_t t0 = (i > x->lo && srf_is(f, i - 1, "death")) ? i - 1 : i;
        /* the number first; whether the toll rose ("rose to", "bringing the
         * toll to") and is tied to one attack is asked only of a toll that
         * has one, about the words up to it */
        for (size_t j = i + 1; j < x->hi && j <= i + TOLL_REACH; j++) {
            if (srf_punct(f, j, ';') || (srf_cls(f, j) & L_TOLL))
                break;
            size_t n = f->num_at[j];
            if (n == SR_FACTS_NONE || x->used[j - x->lo])
                continue;
            const sr_facts_number *nu = srfc_num(x, n);
            if (nu->tok_start != j || nu->kind != SR_FACTS_NK_QUANTITY ||
                (j > x->lo && srf_is(f, j - 1, "from"))) {
                j = nu->tok_end - 1;
                continue;
            }
            size_t end, h2 = srfc_people_np(f, nu->tok_end, x->hi, L_PPL, &end);
            if (h2 == SR_FACTS_NONE)
                end = nu->tok_end;
            else
                head = h2;
            /* "the toll included 55 injured": the word after says what */
            int kind = type;
            if (end < x->hi && (srf_cls(f, end) & L_TADJ) && srf_ctype(f, end) >= 0)
                kind = srf_ctype(f, end);
            cnt *k = srfc_add(x, kind, n, 0, j, end, head, t0, tend);
            if (!k)
                return -1;
            k->c.cumulative = toll_rose(f, x->lo, t0, i, j) && !toll_tied(f, i, j);
            break;
        }
    }
    return 0;
}

/* ---- cumulative cues --------------------------------------------------- */

/* The count nearest the cue (within 12 tokens, no ';' between) runs a tally. */
static void mark_cumulative(ctx *x, size_t cue)
{
    cnt *all = x->v.items;
    for (size_t d = 0; d <= 12; d++) {
        for (int side = 0; side < 2; side++) {
            size_t j = side ? cue + d : cue - d;
            if ((side == 0 && cue < x->lo + d) || j >= x->hi || j < x->lo)
                continue;
            size_t i = x->cat[j - x->lo];
            if (i == SR_FACTS_NONE)
                continue;
            size_t p = j < cue ? j : cue, q = j < cue ? cue : j;
            for (size_t k = p; k < q; k++)
                if (srf_punct(x->f, k, ';'))
                    return;
            all[i].c.cumulative = 1;
            return;
        }
    }
}

/* The trigger at t is a perfect: "have been killed", "has killed",
 * "had now been killed", "have so far died". */
static int perfect_at(const sr_facts *f, size_t t, size_t lo)
{
    size_t j = t;
    for (int k = 0; k < 5 && j > lo; k++) {
        j--;
        if (srf_is(f, j, "have") || srf_is(f, j, "has") || srf_is(f, j, "had") ||
            srf_is(f, j, "'ve"))
            return 1;
        if (!(srf_is(f, j, "been") || srf_is(f, j, "now") || srf_is(f, j, "so") ||
              srf_is(f, j, "far") || srf_is(f, j, "already") || srf_is(f, j, "reportedly") ||
              srf_is(f, j, "likely") || srf_is(f, j, "probably") || srf_is(f, j, "also")))
            return 0;
    }
    return 0;
}

/* A thousand dead (or wounded) or more is the war's toll, not one
 * event's, when it is told in the perfect ("more than 300,000 people have
 * been killed", "has killed thousands"), as "hundreds of thousands", as
 * ten thousand or more ("saved the lives of 100,000 Syrians injured in
 * bombings"), or against a recent month or year with no day ("Last month
 * nearly 1,500 civilians were killed", "In 2016, more than 10,000"): a
 * single attack that kills thousands is told by its day ("the August 21
 * gas attack killed more than 1,400") or is history ("In 1982, government
 * forces killed thousands in Hama"), and a disaster's rising count is a
 * running toll either way. */
enum { WAR_TOLL = 1000 };

static void war_tolls(ctx *x)
{
    sr_facts *f = x->f;
    cnt *all = x->v.items;
    int day = -1, span = 0; /* the sentence's own dates (not a dateline's or a speaker's) */
    for (size_t i = 0; i < x->v.len; i++) {
        sr_facts_count *c = &all[i].c;
        if ((c->type != SR_FACTS_KILL && c->type != SR_FACTS_WOUND) || c->cumulative ||
            c->number < WAR_TOLL)
            continue;
        if (day < 0) {
            day = 0;
            const sr_facts_date *ds = f->dates.items;
            for (size_t k = srf_dates_end(f, x->s); k-- > 0 && ds[k].sentence == x->s;) {
                if (ds[k].flags & (SR_FACTS_DATE_IN_ATTRIB | SR_FACTS_DATE_DATELINE |
                                   SR_FACTS_DATE_NOUN | SR_FACTS_DATE_RELCLAUSE))
                    continue;
                if (ds[k].precision == SR_FACTS_PREC_DAY || ds[k].precision == SR_FACTS_PREC_WEEK)
                    day = 1;
                else if ((ds[k].precision == SR_FACTS_PREC_MONTH ||
                          ds[k].precision == SR_FACTS_PREC_YEAR) &&
                         ((ds[k].flags & SR_FACTS_DATE_RELATIVE) ||
                          !(ds[k].flags & SR_FACTS_DATE_HISTORICAL)))
                    span = 1;
            }
        }
        if (day)
            continue;
        if (span || c->number >= 10 * WAR_TOLL ||
            (c->qual == SR_FACTS_VAGUE && c->number >= 100 * WAR_TOLL) ||
            perfect_at(f, c->trigger_tok, x->lo))
            c->cumulative = 1;
    }
}

/* "the deadliest day since the ceasefire" measures a day, not a toll */
static int superlative_before(const sr_facts *f, size_t i, size_t lo)
{
    for (size_t j = i > lo + 3 ? i - 3 : lo; j < i; j++) {
        const sr_token *t = &f->tok[j];
        if ((t->norm_len > 4 && !strcmp(t->norm + t->norm_len - 3, "est")) ||
            srf_is(f, j, "worst") || srf_is(f, j, "first") || srf_is(f, j, "most"))
            return 1;
    }
    return 0;
}

/* Where the search for cue words below may start in tokens [lo, hi) of
 * classes sc: each cue word is, or comes before, a word of L_CUMUL
 * ("since", "cumulative", "so far", "in total") or L_CONFLICT, or is
 * "to" before "date": a sentence with none of these has no cue, bar its
 * last token, whose second word may be the next sentence's first. */
static size_t cue_from(const sr_facts *f, size_t lo, size_t hi, uint64_t sc)
{
    if (sc & (L_CUMUL | L_CONFLICT))
        return lo;
    const uint16_t *lexi = f->lexi, et = srf_e_to;
    for (size_t i = lo; i + 1 < hi; i++)
        if (lexi[i] == et && srf_is(f, i + 1, "date"))
            return lo;
    return hi > lo ? hi - 1 : hi;
}

void srfc_cumulative(ctx *x)
{
    sr_facts *f = x->f;
    for (size_t i = cue_from(f, x->lo, x->hi, f->scls[x->s]); i < x->hi; i++) {
        i = srf_next_want(f->want, i, x->hi, SRF_W_LISTED); /* unlisted words */
        if (i >= x->hi)
            break;
        uint64_t c = f->cls[i];
        int cue = 0;
        /* the cue words below start with s, c, t or i */
        char c0 = f->tok[i].norm[0];
        if (!(c & L_CONFLICT) && c0 != 's' && c0 != 'c' && c0 != 't' && c0 != 'i')
            continue;
        if (srf_is(f, i, "since") && superlative_before(f, i, x->lo))
            continue;
        if (srf_is(f, i, "since") || srf_is(f, i, "cumulative") ||
            (srf_is(f, i, "so") && srf_is(f, i + 1, "far")) ||
            (srf_is(f, i, "to") && srf_is(f, i + 1, "date")) ||
            (srf_is(f, i, "in") && srf_is(f, i + 1, "total")))
            cue = 1;
        if ((c & L_CONFLICT) && i > x->lo) {
            /* the war as a whole: "in the war", "five years of conflict",
             * "the country's civil war", "a seven-year war" */
            for (size_t j = i > x->lo + 3 ? i - 3 : x->lo; j < i; j++) {
                size_t n = f->num_at[j];
                const sr_token *t = &f->tok[j];
                if (srf_is(f, j, "in") || srf_is(f, j, "during") || srf_is(f, j, "throughout") ||
                    srf_is(f, j, "since") || srf_is(f, j, "the") || srf_is(f, j, "this") ||
                    srf_is(f, j, "a") || srf_is(f, j, "its") || srf_is(f, j, "of") ||
                    srf_is(f, j, "civil") || srf_is(f, j, "'s") || srf_is(f, j, "\u2019s") ||
                    (t->norm_len >= 4 && strstr(t->norm, "year")) ||
                    (n != SR_FACTS_NONE && srfc_num(x, n)->kind == SR_FACTS_NK_MODIFIER))
                    cue = 1;
            }
        }
        if (cue)
            mark_cumulative(x, i);
    }
    /* "since March 2011", "so far this year", "between 2011 and 2013", "in 2011 alone":
     * a period's tally, not one event's */
    const sr_facts_date *ds = f->dates.items;
    for (size_t k = srf_dates_end(f, x->s); k-- > 0 && ds[k].sentence == x->s;) {
        if (ds[k].flags & SR_FACTS_DATE_IN_ATTRIB)
            continue;
        int period = ds[k].precision == SR_FACTS_PREC_YEAR &&
                     ((ds[k].flags & SR_FACTS_DATE_RELATIVE) || ds[k].end_year != ds[k].year ||
                      srf_is(f, ds[k].tok_end, "alone"));
        /* "during April", "throughout March": a month's tally */
        size_t t0 = ds[k].tok_start;
        if (ds[k].precision == SR_FACTS_PREC_MONTH && t0 > x->lo &&
            (srf_is(f, t0 - 1, "during") || srf_is(f, t0 - 1, "throughout") ||
             srf_is(f, t0 - 1, "over")))
            period = 1;
        /* ("over the past 24 hours", "in the last two days": a day's or
         * two's toll, reported as one event's) */
        int short_span = (ds[k].flags & SR_FACTS_DATE_SINCE) && !period &&
                         ds[k].precision == SR_FACTS_PREC_DAY && ds[k].end_year &&
                         sr_days_from_civil(ds[k].end_year, ds[k].end_month, ds[k].end_day) -
                                 sr_days_from_civil(ds[k].year, ds[k].month, ds[k].day) <= 2;
        if (((ds[k].flags & SR_FACTS_DATE_SINCE) || period) && !short_span)
            mark_cumulative(x, ds[k].tok_start);
    }
    war_tolls(x);
    cnt *all = x->v.items;
    for (size_t i = 0; i < x->v.len; i++) {
        /* "a previous toll of 112", "an earlier toll": superseded */
        size_t t = all[i].c.trigger_tok;
        if (t > x->lo && t < x->hi && (srf_cls(f, t) & L_TOLL) &&
            (srf_is(f, t - 1, "previous") || srf_is(f, t - 1, "earlier") ||
             srf_is(f, t - 1, "initial") || srf_is(f, t - 1, "prior") ||
             srf_is(f, t - 1, "former")))
            all[i].c.cumulative = 1;
    }
    /* The wounded of a sentence whose dead are all a tally are the same
     * tally's: "the conflict has claimed the lives of over 470,000 people,
     * injured 1.9 million others". */
    int kills = 0, tallied = 0;
    for (size_t i = 0; i < x->v.len; i++)
        if (all[i].c.type == SR_FACTS_KILL) {
            kills++;
            tallied += all[i].c.cumulative != 0;
        }
    if (kills && tallied == kills)
        for (size_t i = 0; i < x->v.len; i++)
            if (all[i].c.type == SR_FACTS_WOUND)
                all[i].c.cumulative = 1;
    /* Counts told by one verb are one tally: "223 fighters and 28 troops
     * had been killed, as well as 41 civilians, since the offensive
     * began" (the cue marks the nearest). */
    /* (a bit per type on each trigger token, so that a sentence of
     * thousands of counts stays linear; without memory the cue's own
     * count alone runs) */
    uint8_t *run = sr_arena_calloc(f->a, x->hi - x->lo, 1);
    if (!run)
        return;
    for (size_t i = 0; i < x->v.len; i++) {
        size_t t = all[i].c.trigger_tok;
        if (all[i].c.cumulative && t >= x->lo && t < x->hi && all[i].c.type < 8)
            run[t - x->lo] |= (uint8_t)(1u << all[i].c.type);
    }
    for (size_t i = 0; i < x->v.len; i++) {
        size_t t = all[i].c.trigger_tok;
        if (t >= x->lo && t < x->hi && all[i].c.type < 8 &&
            (run[t - x->lo] >> all[i].c.type & 1))
            all[i].c.cumulative = 1;
    }
}

