/* Clauses: a conjunction outside a compound actor opens one (as in
 * TABARI), but under sitrep's conventions not one between two parts
 * of a day, nor one before a participle of harm that goes on with the
 * act before it (structure.c calls it after the actor units). */
#include <string.h>

#include "parse_int.h"

/* Parts of a day and days: "and" between two joins no clauses ("the air
 * raids on Sunday afternoon and evening killed 19 people"; sitrep's
 * conventions: TABARI's clauses part at every conjunction). */
static int day_word(const sr_pword *w)
{
    static const char *const days[] = {
        "morning", "afternoon", "evening", "night", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", NULL};
    return w->len >= 5 && w->len <= 9 && parse_word_in(w, days);
}

/* "killing three people and wounding 11": a participle of harm after
 * "and" goes on with the act before it, in its clause (when no verb of
 * its own follows). */
static int harm_participle(const sr_pword *w)
{
    static const char *const harm[] = {"killing", "wounding", "injuring", "leaving", NULL};
    return w->len >= 7 && parse_word_in(w, harm);
}

/* A finite verb of its own after word i ("... and wounding 90 hours after
 * the US and Russia announced a deal": that clause is parted still). */
static int verb_after(const sr_parse *p, size_t i)
{
    /* (but for its speaker's: "..., and wounding 11, SANA said") */
    static const char *const says[] = {"said", "says", "told", "reported", "added", "stated",
                                       "say", NULL};
    /* (bounded: a sentence of a million words asks this of a few words
     * only, but each may sit anywhere) */
    for (size_t k = i; k < p->nwords && k < i + 60; k++) {
        const sr_pword *w = &p->words[k];
        if (w->type == SR_W_VERB && !w->subord &&
            !(w->len > 4 && !memcmp(w->w + w->len - 3, "ing", 3)) && !parse_word_in(w, says))
            return 1;
    }
    return 0;
}

void parse_clauses(sr_parse *p, int native)
{
    /* Without a conjunction every word stays in clause 0, as made. */
    p->nclauses = 1;
    if (!p->nconj)
        return;
    int c = 0;
    for (size_t i = 0; i < p->nwords; i++) {
        sr_pword *w = &p->words[i];
        if (w->type == SR_W_CONJ && !w->in_compound && !w->subord &&
            !(native && i > 0 && i + 1 < p->nwords &&
              ((day_word(&p->words[i - 1]) && day_word(&p->words[i + 1])) ||
               (harm_participle(&p->words[i + 1]) && !verb_after(p, i + 2)))))
            c++;
        w->clause = c;
    }
    p->nclauses = c + 1;
}
