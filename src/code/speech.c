/* Reported speech, under sitrep's own conventions (opt->native).
 *
 * TABARI takes a verb's source to be the first actor of the sentence.  In
 * news that actor is very often the one who reports the event, not the one
 * who acts: in "Activists said Syrian troops stormed Barzeh" the troops
 * stormed, and in "Jets bombed a hospital, rebels said" the rebels are not
 * the target.  The speaker keeps the statement event ("said", 010) and the
 * attribution; the reported event gets its actors from the reported
 * clause.  TABARI and PETRARCH dictionaries keep their coders' rules, which
 * their validation suites check. */
#include "code_int.h"

#include <stdint.h>

/* Verbs of saying that introduce a report with or without "that". */
static const char *const report_always[] = {
    "said", "says", "say", "saying", "told", "tells", "tell", "telling", "reported", "reporting",
    "added", "adding", "stated", "insisted", "insisting", "wrote", "tweeted", NULL};

/* Verbs that introduce one only with "that": "announced that the army had
 * cleansed ..." is a report, "announced a ceasefire" is the speaker's own
 * act. */
static const char *const report_with_that[] = {
    "announced", "announces", "announce", "announcing", "claimed", "claims", "claim",
    "claiming", "confirmed", "confirms", "confirm", "confirming", "denied", "denies", "deny",
    "denying", "declared", "declares", "acknowledged", "acknowledges", "admitted", "admits",
    "noted", "notes", "warned", "warns", "reports", "report", "reiterated", "stressed",
    "argued", "suggested", "indicated", "revealed", "estimated", "asserted", "maintained",
    "charged", "alleged", "alleges", "alleging", "explained", "believe", "believes", "believed", "fear", "fears", "feared", "think", "thinks",
    "thought", "hoped", "expects", "expected", "showed", "shows", "learned", "heard", NULL};

static int actor_in_report(const sr_parse *p, size_t from, size_t to, int avoid)
{
    return from < to ? sr_parse_actor_in(p, from, to, avoid) : -1;
}

static int in_list(const sr_pword *w, const char *const *list)
{
    for (; *list; list++)
        if ((*list)[0] == w->w[0] && !strcmp(w->w, *list))
            return 1;
    return 0;
}

/* 2: word i always introduces a report; 1: only before "that"; 0: never.
 * Words of a dropped comma clause ("Troops, the Observatory said,
 * stormed ...") report nothing around them. */
static int report_word(const sr_parse *p, size_t i)
{
    const sr_pword *w = &p->words[i];
    /* (every listed word has 3 to 12 letters, and most words are none) */
    if (w->subord || w->len < 3 || w->len > 12 || w->w[0] < 'a' || w->w[0] > 'w')
        return 0;
    return in_list(w, report_always) ? 2 : in_list(w, report_with_that) ? 1 : 0;
}

/* The word after "that" when it follows word i, past only the one spoken
 * to and phrases such as "in a statement on Sunday" ("told Iraq that"),
 * else 0.  A "that" after a noun of the verb's own ("claims the attack
 * that hit ...") opens no report. */
static size_t after_that(const sr_parse *p, size_t i, size_t to)
{
    int in_pp = 0;
    for (size_t k = i + 1; k < to && k <= i + 8; k++) {
        const sr_pword *w = &p->words[k];
        if (word_is(w, "that"))
            return k + 1;
        if (w->type == SR_W_PREP)
            in_pp = 1;
        else if (!(w->actor >= 0 || w->type == SR_W_DETERM || w->type == SR_W_TIME ||
                   (in_pp && (w->type == SR_W_NULL || w->type == SR_W_ADJ ||
                              w->type == SR_W_NOUN))))
            return 0;
    }
    return 0;
}

/* Adverbs that may part a speaker from its verb ("officials later said"). */
static int speech_adverb(const sr_pword *w)
{
    static const char *const adv[] = {"also", "later", "earlier", "previously", "then",
                                      "further", "separately", "again", NULL};
    return in_list(w, adv);
}

size_t code_report_start(const sr_parse *p, size_t from, size_t to)
{
    size_t start = SIZE_MAX;
    for (size_t i = from; i < to; i++) {
        const sr_pword *w = &p->words[i];
        if (word_is(w, "according") && i + 1 < to && word_is(&p->words[i + 1], "to")) {
            /* "according to X, Y ...": the report begins after X */
            size_t k = i + 2;
            while (k < to && p->words[k].type == SR_W_DETERM)
                k++;
            if (k < to && p->words[k].actor >= 0) {
                size_t e = p->actors[p->words[k].actor].end;
                start = e < to ? e : to;
                i = start - 1;
            }
            continue;
        }
        int r = report_word(p, i);
        if (!r)
            continue;
        size_t t = after_that(p, i, to);
        if (t) {
            start = t;
        } else if (r == 2) {
            start = i + 1;
            /* "told AFP the bombers ...": the one told is not in the report */
            if (w->w[0] == 't' && (word_is(w, "told") || word_is(w, "tell") || word_is(w, "tells") ||
                                   word_is(w, "telling"))) {
                size_t k = i + 1;
                while (k < to && p->words[k].type == SR_W_DETERM)
                    k++;
                if (k < to && p->words[k].actor >= 0 && p->actors[p->words[k].actor].start == k)
                    start = p->actors[p->words[k].actor].end;
            }
        }
    }
    return start;
}

int code_report_source(const sr_parse *p, int src, size_t vstart, int avoid, size_t *rstart)
{
    *rstart = SIZE_MAX;
    if (src < 0)
        return src;
    /* from the source on, or from an "according to" naming it */
    size_t from = p->actors[src].start, k = from;
    while (k > 0 && p->words[k - 1].type == SR_W_DETERM)
        k--;
    if (k >= 2 && word_is(&p->words[k - 1], "to") && word_is(&p->words[k - 2], "according"))
        from = k - 2;
    if (from >= vstart)
        return src;
    *rstart = code_report_start(p, from, vstart);
    if (*rstart == SIZE_MAX)
        return src;
    int u = actor_in_report(p, *rstart, vstart, avoid);
    /* "Iraq said it would allow ...": a pronoun opening the report is the
     * speaker, whatever antecedent the parse gave it */
    return u >= 0 && p->actors[u].is_pronoun ? src : u;
}

size_t code_speaker_cap(const sr_parse *p, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) {
        const sr_pword *w = &p->words[k];
        if (word_is(w, "according") && k + 1 < to && word_is(&p->words[k + 1], "to"))
            return k;
        if (w->actor < 0 || w->subord)
            continue;
        const sr_pactor *a = &p->actors[w->actor];
        size_t e = a->end;
        /* "..., the Observatory said", "..., officials later said" */
        if (e + 1 < p->nwords && speech_adverb(&p->words[e]) && !p->words[e].subord)
            e++;
        if (e < p->nwords && report_word(p, e) == 2)
            return a->start > from ? a->start : from;
        k = a->end - 1;
    }
    return to;
}
