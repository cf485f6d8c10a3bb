/* Whether a clause's subject does the event a noun names: the verbs that
 * take an event as their object ("launched air strikes", "carried out the
 * attack"), those that undo it ("demanded an end to the shelling"), and
 * the nouns through which a verb takes only the news of it ("made no
 * mention of the attack").  Called by coder.c. */
#include "code_int.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* Nouns of what is said or known about an event: a verb that takes one
 * of them takes the news of the event, not the event ("made no mention of
 * the attack", "opened an investigation into the bombing"). */
static const char *const told_words[] = {
    "mention", "figure", "figures", "detail", "details", "account", "accounts", "report",
    "reports", "word", "news", "information", "statement", "comment", "comments",
    "confirmation", "footage", "video", "videos", "image", "images", "photo", "photos",
    "picture", "pictures", "evidence", "toll", "tally", "estimate", "estimates", "breakdown",
    "explanation", "reason", "condolences", "investigation", "inquiry", "probe", "analysis",
    "assessment", "warning", "warnings", "briefing", "update", "updates", NULL};
static word_set told = {.list = told_words};
static const char *const told_prep_words[] = {"of", "for", "about", "into", "on", "over", "in",
                                              NULL};
static word_set told_preps = {.list = told_prep_words};

__attribute__((constructor)) static void support_sets(void)
{
    word_set_init(&told);
    word_set_init(&told_preps);
}

/* Words [from, to) hold a verb that takes an event as its object: the
 * subject before them does that event.  Prefixes, so that every form
 * counts ("launched", "launches", "launching"). */
/* The stems of verbs that give their subject the event noun after them,
 * by first letter (a word is tried against the few of its letter). */
static const char *const support_stems[] = {
    "launch", "carr", "conduct", "stag", "mount", "wag", "began", "begin", "begun", "start",
    "continu", "intensif", "escalat", "step", "resum", "unleash", "order", "held", "hold",
    "announc", "declar", "led", "lead", "organi", "perpetrat", "commit", "plan", "threat",
    "vow", "renew", "expand", "extend", "press", "push", "open", "initiat", "undert",
    "execut", "claim", "sign", "agree", "reach", "broker", "call", "impos", "lift", "end",
    "halt", "suspend", "stop", "break", "broke", "violat", "observ", "accept", "reject",
    "propos", "offer", "seek", "sought", "demand", "urg", "back", "support", "join", "made",
    "make", "gave", "give", "sent", "send", "deliver", "provid", "allow", "permit", "laid",
    "lay", "speed", "approv", "adopt", "detonat", "involv", "respond", "fire", "fired", "use",
    "deploy", "enforc", "tighten", "retaliat", "engag", "fight", "fought", "participat",
    "took", "take", "tak", "spearhead", "coordinat", "prepar", "mobili",
    /* ("the regime has been responsible for chemical attacks") */
    "responsib", NULL};
enum { STEMS_PER_LETTER = 16 };
static struct {
    const char *s;
    size_t n;
} by_letter[26][STEMS_PER_LETTER];
static uint8_t n_letter[26];
static pthread_once_t stems_once = PTHREAD_ONCE_INIT;

static void index_stems(void)
{
    for (const char *const *st = support_stems; *st; st++) {
        unsigned c = (unsigned char)(*st)[0] - 'a';
        if (c < 26 && n_letter[c] < STEMS_PER_LETTER) {
            by_letter[c][n_letter[c]].s = *st;
            by_letter[c][n_letter[c]++].n = strlen(*st);
        }
    }
}

/* Stems of verbs that take a noun without doing it when the noun is an
 * act of violence: "called on the United Nations to stop the assault",
 * "demanded an end to the shelling". */
static const char *const undoing_stems[] = {"end", "halt", "suspend", "stop", "break", "broke",
                                            "demand", "urg", "call", "lift", "reject", NULL};

int code_supports_violence(const sr_parse *p, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) {
        const sr_pword *w = &p->words[k];
        /* ("advanced ... which ended in the killing of several
         * militants": an outcome, not a stop) */
        if (k + 1 < to && (word_is(&p->words[k + 1], "in") || word_is(&p->words[k + 1], "with")))
            continue;
        for (size_t j = 0; undoing_stems[j]; j++) {
            if (undoing_stems[j][0] != w->w[0])
                continue;
            size_t n = strlen(undoing_stems[j]);
            if (w->len >= n && !memcmp(w->w, undoing_stems[j], n))
                return 0;
        }
    }
    return 1;
}

/* Words [from, to) hold one of told_words followed by a preposition. */
static int told_of(const sr_parse *p, size_t from, size_t to)
{
    for (size_t k = from; k + 1 < to; k++)
        if (word_set_has(&told, &p->words[k]) && word_set_has(&told_preps, &p->words[k + 1]))
            return 1;
    return 0;
}

/* Words [from, to) hold a word that makes the noun an act expected or
 * feared, not done: "prepare in advance of the expected resumption of
 * attacks". */
static int awaited_in(const sr_parse *p, size_t from, size_t to)
{
    static const char *const awaited[] = {"expected", "feared", "anticipated", "imminent",
                                          "looming", NULL};
    for (size_t k = from; k < to; k++)
        if (!p->words[k].subord && word_in(&p->words[k], awaited))
            return 1;
    return 0;
}

/* Words [from, to) hold a preposition of time or cause: the noun after
 * it dates or explains the verb, it is not its object ("Syria joined the
 * Convention after a chemical attack"). */
static int timed_by(const sr_parse *p, size_t from, size_t to)
{
    static const char *const timed[] = {"after", "before", "since", "following", "amid",
                                        "despite", NULL};
    for (size_t k = from; k < to; k++)
        if (!p->words[k].subord && word_in(&p->words[k], timed))
            return 1;
    return 0;
}

static const char *const rel_whs[] = {"which", "who", "whom", "whose", NULL};

/* The last subordinator in words [from, k), or SIZE_MAX: it opens a
 * clause of its own, whose verb is its own subject's ("Millions of people
 * have been displaced since Syria's civil war started in 2011 with the
 * brutal repression of protests": the people repressed no one). */
size_t code_clause_opener(const sr_parse *p, size_t from, size_t k)
{
    static const char *const subs[] = {"since", "after", "before", "when", "while", "because",
                                       "until", "as", "although", "though", "whereas", NULL};
    size_t at = SIZE_MAX;
    for (size_t j = from; j < k; j++)
        if (!p->words[j].subord && word_in(&p->words[j], subs))
            at = j;
    return at;
}

static int clause_opens(const sr_parse *p, size_t from, size_t k)
{
    return code_clause_opener(p, from, k) != SIZE_MAX;
}

/* Only a form of "be", "likely" and adverbs stand in words [from, k):
 * "responsible" gives the event to the subject right before it ("the
 * regime was most likely responsible for"), not to one further back ("the
 * United Kingdom shares the assessment that the regime was responsible"). */
static int right_before(const sr_parse *p, size_t from, size_t k)
{
    for (size_t j = from; j < k; j++) {
        const sr_pword *w = &p->words[j];
        if (!(code_be_form(w) || code_finite_aux(w) || code_ly_adverb(w) || word_is(w, "not") ||
              word_is(w, "held") || word_is(w, "believed") || word_is(w, "also")))
            return 0;
    }
    return 1;
}

int code_supports(const sr_parse *p, size_t from, size_t to)
{
    /* "rebels were shelling residential areas": the noun is the verb of a
     * progressive */
    if (to > from && code_be_form(&p->words[to - 1])) {
        const sr_pword *nw = &p->words[to];
        if (nw->len > 4 && !memcmp(nw->w + nw->len - 3, "ing", 3))
            return 1;
    }
    /* A relative clause on another actor takes the event for that actor's
     * own: in "The rebels are fighting alongside the Nusra Front which was
     * excluded from a February ceasefire" the rebels are in no ceasefire.
     * So does one after a preposition, on a place: "ordered strikes
     * against an airfield from which a chemical attack was launched".
     * (One on a thing may tell the subject's act: "advanced along the
     * highway which ended in the killing of 175 militants".) */
    for (size_t k = from + 1; k < to; k++) {
        const sr_pword *w = &p->words[k], *b = &p->words[k - 1];
        if (w->w[0] == 'w' && !w->subord && word_in(w, rel_whs) &&
            (b->actor >= 0 || b->type == SR_W_PREP || b->type == SR_W_BY ||
             word_is(b, "from") || word_is(b, "through")))
            return 0;
    }
    pthread_once(&stems_once, index_stems);
    for (size_t k = from; k < to; k++) {
        const sr_pword *w = &p->words[k];
        unsigned c = (unsigned char)w->w[0] - 'a';
        if (w->subord || c >= 26 || w->len < 3)
            continue;
        for (unsigned j = 0; j < n_letter[c]; j++)
            if (w->len >= by_letter[c][j].n && !memcmp(w->w, by_letter[c][j].s, by_letter[c][j].n))
                return !told_of(p, k + 1, to) && !timed_by(p, k + 1, to) &&
                       !clause_opens(p, from, k) &&
                       !awaited_in(p, k + 1, to) && !(k > from && code_asked_who(p, k)) &&
                       (by_letter[c][j].n != 9 || strncmp(w->w, "responsib", 9) ||
                        right_before(p, from, k));
    }
    return 0;
}

/* Verbs of a purpose that helps the one named after them: "struck near
 * Raqqa to support the SDF's offensive" struck no SDF. */
static const char *const helping_stems[] = {"support", "help", "back", "assist", "aid",
                                            "protect", "defend", "reinforc", "bolster",
                                            "cover", "escort", "relieve", "free", "rescue",
                                            "releas", "save", "evacuat", NULL};

int code_allied_object(const sr_parse *p, size_t from, int tgt)
{
    size_t ts = p->actors[tgt].start;
    for (size_t k = from; k < ts; k++) {
        const sr_pword *w = &p->words[k], *n = &p->words[k + 1];
        int helps = 0;
        if (word_is(w, "to") && sr_has_stem(n->w, n->len, helping_stems))
            helps = 1;
        /* ("in support of", "in aid of", "in defence of") */
        else if (word_is(w, "in") && k + 2 < ts && word_is(&p->words[k + 2], "of") &&
                 sr_has_stem(n->w, n->len, helping_stems))
            helps = 1;
        /* ("fighting alongside the Nusra Front": a side, not the foe) */
        else if (word_is(w, "alongside") && k + 4 > ts)
            helps = 1;
        if (!helps || ts > k + 8)
            continue;
        /* what the helped act is aimed at is the target: "to support the
         * offensive of the SDF against Daesh" */
        for (size_t j = p->actors[tgt].end; j + 1 < p->nwords && j < p->actors[tgt].end + 5; j++) {
            if (p->words[j].subord)
                break;
            if (word_is(&p->words[j], "against") || word_is(&p->words[j], "on")) {
                int u = code_actor_after(p, j + 1, 3);
                if (u >= 0)
                    return u;
                break;
            }
        }
        return -1;
    }
    return tgt;
}
