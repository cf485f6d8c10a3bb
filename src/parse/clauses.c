/* Clauses: a conjunction outside a compound actor opens one (as in
 * TABARI), but under sitrep's conventions not one between two parts
 * of a day, nor one before a word of harm that goes on with the harm
 * before it; and the remarks in parentheses that code nothing
 * (structure.c calls both after the actor units). */
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

/* "killing three people and wounding 11", "killing 12 and injuring
 * dozens more": a participle of harm after "and", past a count of its
 * own, goes on with the harm before it, in its clause (when no verb of
 * its own follows; a passive's "and 18 wounded" is parted still, its
 * agent and weapon told after it: emit.c joins the two). */
static int harm_word(const sr_pword *w)
{
    static const char *const harm[] = {"killing", "wounding", "injuring", "leaving", NULL};
    return w->len >= 7 && parse_word_in(w, harm);
}

/* The participle of harm that "and" at word i opens, past a count and
 * an adverb of its own ("and 18 critically injuring", "and wounding many
 * more"), after one before it; else 0. */
static size_t harm_after_and(const sr_parse *p, size_t i)
{
    static const char *const count[] = {
        "others", "other", "more", "many", "dozens", "scores", "hundreds", "another", "were",
        "was", "have", "had", "been", "critically", "seriously", "severely", "some",
        "several", "at", "least", "about", "nearly", "over", "than", NULL};
    size_t h = 0;
    for (size_t k = i + 1; k < p->nwords && k < i + 6 && !h; k++) {
        const sr_pword *w = &p->words[k];
        if (harm_word(w))
            h = k;
        else if (w->type != SR_W_NUMBER && !parse_word_in(w, count))
            return 0;
    }
    for (size_t k = i; h && k > 0 && k + 10 > i;)
        if (harm_word(&p->words[--k]))
            return h;
    return 0;
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
            !parse_ing_form(w) && !parse_word_in(w, says))
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
    for (size_t i = 0, h; i < p->nwords; i++) {
        sr_pword *w = &p->words[i];
        if (w->type == SR_W_CONJ && !w->in_compound && !w->subord &&
            !(native && i > 0 && i + 1 < p->nwords &&
              ((day_word(&p->words[i - 1]) && day_word(&p->words[i + 1])) ||
               ((h = harm_after_and(p, i)) && !verb_after(p, h + 1)))))
            c++;
        w->clause = c;
    }
    p->nclauses = c + 1;
}

/* sitrep's conventions: a participle and "by" that open the sentence
 * ("Backed by Russian airpower the troops advanced", "Supported by US
 * airstrikes, Kurdish fighters attacked") say who helped the subject,
 * which follows: the phrase is dropped from coding as a parenthesis is.
 * It ends at a comma, else before a determiner or an actor after a word
 * that is none; with no end in sight it stays. */
static void fronted_by(sr_parse *p)
{
    static const char *const helped[] = {
        "backed",    "supported", "aided",    "helped",   "assisted",   "armed",
        "escorted",  "covered",   "accompanied", "reinforced", "encouraged", "led",
        "joined",    "protected", "trained",  "funded",   "equipped",   "bolstered",
        "spearheaded", "flanked", "guided",   "sponsored", NULL};
    if (p->nwords < 5 || !parse_word_is(&p->words[1], "by") || p->words[0].len < 3 ||
        memcmp(p->words[0].w + p->words[0].len - 2, "ed", 2) ||
        !parse_word_in(&p->words[0], helped))
        return;
    size_t e = 0;
    int seen = 0; /* (a word of the helper's name seen: what ends it may follow) */
    for (size_t k = 2; k < p->nwords && k < 12 && !e; k++) {
        const sr_pword *w = &p->words[k];
        if (w->type == SR_W_COMMA)
            e = k + 1;
        else if (w->type == SR_W_VERB || w->type == SR_W_AUXIL)
            break;
        else if (seen && (w->type == SR_W_DETERM ||
                          (w->actor >= 0 && p->words[k - 1].actor < 0)))
            e = k;
        seen |= w->type != SR_W_DETERM;
    }
    for (size_t k = 0; k < e; k++)
        p->words[k].subord = 1;
}

/* sitrep's conventions: a participle and "as" that open the sentence
 * ("Viewed as the largest Kurdish formation in Syria the Democratic Union
 * Party dismissed ...", "Seen as a moderate, the group ...") say what the
 * subject, which follows, is taken for: the phrase is dropped as
 * fronted_by drops its own.  Its noun phrase may hold actors and names,
 * so it ends at a comma, else before a determiner after a word of it;
 * with no end in sight it stays. */
static void fronted_as(sr_parse *p)
{
    static const char *const taken[] = {
        "viewed", "seen", "regarded", "considered", "known", "described", "billed",
        "touted", "hailed", "branded", "labelled", "labeled", "designated", "perceived",
        "recognized", "recognised", "listed", "classified", NULL};
    size_t s = 0;
    /* ("Widely seen as ...") */
    if (p->nwords > 1 && parse_word_is(&p->words[0], "widely"))
        s = 1;
    if (p->nwords < s + 6 || !parse_word_is(&p->words[s + 1], "as") ||
        !parse_word_in(&p->words[s], taken))
        return;
    size_t e = 0;
    int seen = 0;
    for (size_t k = s + 2; k < p->nwords && k < s + 18 && !e; k++) {
        const sr_pword *w = &p->words[k];
        if (w->type == SR_W_COMMA)
            e = k + 1;
        else if (w->type == SR_W_VERB || w->type == SR_W_AUXIL || w->type == SR_W_QUOTE)
            break;
        else if (seen && w->type == SR_W_DETERM && !parse_word_is(&p->words[k - 1], "of") &&
                 p->words[k - 1].type != SR_W_PREP)
            e = k;
        seen |= w->type != SR_W_DETERM;
    }
    for (size_t k = 0; k < e; k++)
        p->words[k].subord = 1;
}

/* sitrep's conventions: "given" read as a preposition (parse_shift_more:
 * "particularly given the proximity of the U.N. team", "Given the
 * presence of inspectors, ...") opens a circumstance, whose actors neither
 * act nor are acted on: its words are dropped up to a comma, a closing
 * "said" or the end.  A verb before that end makes it a clause ("given
 * the army shelled the town"), which stays. */
static void given_phrase(sr_parse *p)
{
    if (!p->ngiven)
        return;   /* (most sentences: no word to look at) */
    for (size_t i = 0; i + 1 < p->nwords; i++) {
        if (p->words[i].type != SR_W_PREP || !parse_word_is(&p->words[i], "given"))
            continue;
        size_t e = i + 1;
        while (e < p->nwords && e < i + 16 && p->words[e].type != SR_W_COMMA &&
               p->words[e].type != SR_W_VERB && p->words[e].type != SR_W_AUXIL &&
               p->words[e].type != SR_W_QUOTE)
            e++;
        /* (a speaker's verb after it ends it: "... of the U.N. team) said
         * Charles Lister") */
        if (e < p->nwords && p->words[e].type != SR_W_COMMA &&
            !parse_word_is(&p->words[e], "said") && !parse_word_is(&p->words[e], "says"))
            continue;
        for (size_t k = i; k < e; k++)
            p->words[k].subord = 1;
        i = e;
    }
}

/* sitrep's conventions: a parenthesis that opens with a participle
 * describes the name before it ("Jabhat Fatah al-Sham (banned in
 * Russia)", "rebels (backed by Turkey)"): its words are dropped from
 * coding as a comma's apposition is, so Russia is neither a target nor
 * the event's place.  (And a participle and "by" that open the sentence:
 * fronted_by.) */
void parse_remarks(sr_parse *p)
{
    fronted_by(p);
    fronted_as(p);
    given_phrase(p);
    if (p->nwords < 3 || !p->text ||
        !memchr(p->text + p->words[0].start, '(', p->words[p->nwords - 1].end - p->words[0].start))
        return;
    for (size_t i = 0; i + 2 < p->nwords; i++) {
        const sr_pword *w = &p->words[i + 1];
        if (!parse_word_is(&p->words[i], "(") || w->cap || w->len < 4 ||
            memcmp(w->w + w->len - 2, "ed", 2))
            continue;
        size_t e = i + 2;
        while (e < p->nwords && e < i + 14 && !parse_word_is(&p->words[e], ")") &&
               !parse_word_is(&p->words[e], "("))
            e++;
        if (e >= p->nwords || !parse_word_is(&p->words[e], ")"))
            continue;
        for (size_t k = i; k <= e; k++)
            p->words[k].subord = 1;
        i = e;
    }
}
