/* Clauses with their own subject inside a clause: "were killed when an
 * airstrike hit a clinic", "fled after the rebels shelled the town".  The
 * parse cuts clauses only at "and", "but" and "or" (TABARI's conventions);
 * these rules give such a clause's verb its own subject and keep its
 * actor from being another verb's object. */
#include <string.h>

#include "code_int.h"

/* Conjunctions whose clause has its own subject (and "whose": "says it
 * determines whose planes carry out raids"; "where": "visited the district
 * where rebels seized ground"). */
static const char *const subclause_words[] = {"when",    "while",   "because", "although",
                                              "though",  "whereas", "whose",   "where", NULL};
static word_set subclause_set = {.list = subclause_words};

/* Words that open a clause or a prepositional phrase ("after the rebels
 * shelled the town", "after the attack"): a clause only when a bare noun
 * phrase stands between them and the verb. */
static const char *const time_subclause_words[] = {"after", "before", "since", "until",
                                                   "till",  "once",   "as",    NULL};
static word_set time_subclause = {.list = time_subclause_words};
/* A phrase with one of these is a time, no subject ("since 21 May have
 * killed", "after two weeks of fighting"). */
static const char *const time_noun_words[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "year", "years", "month", "months", "week", "weeks", "day", "days",
    "hour", "hours", "minute", "minutes", "dawn", "dusk", "midnight", "noon", "morning",
    "afternoon", "evening", "night", "weekend", "decade", "decades", "ago", "today",
    "yesterday", NULL};
static word_set time_nouns = {.list = time_noun_words};
/* Words that count a noun phrase's head ("after one improvised explosive
 * device detonated"). */
static const char *const count_words[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several",
    "some", "many", "few", "dozens", "hundreds", "thousands", "scores", "both", "another",
    "other", "more", NULL};
static word_set counts = {.list = count_words};
/* Nouns of saying or knowing, whose "that" opens what is said: "its
 * demands that Burundi's government grant", "claims that jets hit"
 * (object_relative_at). */
static const char *const told_words[] = {
    "demand", "demands", "claim", "claims", "report", "reports", "allegation", "allegations",
    "accusation", "accusations", "charge", "charges", "fear", "fears", "hope", "hopes",
    "news", "warning", "warnings", "assurance", "assurances", "insistence", "call", "calls",
    "request", "requests", "proposal", "suggestion", "evidence", "sign", "signs",
    "indication", "indications", "belief", "view", "fact", "idea", "rumour", "rumours",
    "rumor", "rumors", "statement", "statements", "announcement", "assertion", "threat",
    "threats", "promise", "pledge", "guarantee", "confirmation", "denial", "notion",
    "possibility", "likelihood", "chance", "risk", "concern", "concerns", "condition",
    "conditions", "insisting", "word", "message", "decision", "agreement", "deal", NULL};
static word_set told_set = {.list = told_words};
/* Both lists: one look-up for most words, which are neither. */
static const char *const opener_words[] = {"when",  "while", "because", "although", "though",
                                           "whereas", "whose", "where", "after", "before",
                                           "since", "until", "till", "once", "as", NULL};
static word_set openers = {.list = opener_words};

__attribute__((constructor)) static void subclause_sets(void)
{
    word_set_init(&subclause_set);
    word_set_init(&time_subclause);
    word_set_init(&time_nouns);
    word_set_init(&openers);
    word_set_init(&counts);
    word_set_init(&told_set);
}

/* Word k ("after", "as", ...) opens the clause of the verb at word
 * vstart: only a noun phrase stands between them, so the phrase is the
 * verb's subject ("fled after the rebels shelled the town", "after a bomb
 * exploded"), not the object of a preposition.  "as well as", "such as"
 * join nouns. */
static int time_subclause_at(const sr_parse *p, size_t k, size_t vstart)
{
    /* (a name or a role after "as": "better known as the White Helmets") */
    static const char *const as_names[] = {
        "known", "described", "referred", "regarded", "seen", "designated", "identified",
        "listed", "named", "dubbed", "labelled", "labeled", "branded", "classified",
        "recognised", "recognized", "considered", "viewed", "portrayed", "served", "serves",
        "serving", "acted", "acts", "acting", "worked", "works", "working", NULL};
    if (!word_set_has(&time_subclause, &p->words[k]) || k + 1 >= vstart)
        return 0;
    if (word_is(&p->words[k], "as") && k > 0 &&
        (word_is(&p->words[k - 1], "well") || word_is(&p->words[k - 1], "such") ||
         word_is(&p->words[k - 1], "same") || word_is(&p->words[k - 1], "so") ||
         word_in(&p->words[k - 1], as_names)))
        return 0;
    /* (the phrase opens as a noun phrase does: not "once again outright
     * rejected", "as soon as possible to investigate") */
    const sr_pword *first = &p->words[k + 1];
    switch (first->type) {
    case SR_W_ACTOR: case SR_W_AGENT: case SR_W_NOUN: case SR_W_DETERM: case SR_W_NUMBER:
    case SR_W_EVNOUN: case SR_W_PRONOUN:
        break;
    case SR_W_NULL: case SR_W_ADJ:
        /* (or an actor's modifier: "as aggressive protesters marched") */
        if (first->cap || word_set_has(&counts, first) ||
            (k + 2 < vstart && p->words[k + 2].actor >= 0 && !code_ly_adverb(first)))
            break;
        return 0;
    default:
        return 0;
    }
    /* ("after his release": a possessive makes the verb's word a noun) */
    static const char *const possessives[] = {"his", "her", "its", "their", "our", "my", "your",
                                              NULL};
    if (k + 2 == vstart && word_in(first, possessives))
        return 0;
    for (size_t i = k + 1; i < vstart; i++) {
        const sr_pword *w = &p->words[i];
        if (word_set_has(&time_subclause, w) || word_set_has(&time_nouns, w) ||
            (i + 1 < vstart && code_ly_adverb(w)) || word_is(w, "to") || word_is(w, "that") ||
            word_is(w, "which") || word_is(w, "who"))
            return 0;
        switch (w->type) {
        case SR_W_NULL: case SR_W_ACTOR: case SR_W_AGENT: case SR_W_NOUN: case SR_W_ADJ:
        case SR_W_DETERM: case SR_W_NUMBER: case SR_W_EVNOUN: case SR_W_PRONOUN:
            break;
        case SR_W_AUXIL: {
            /* ("as ten civilians were killed": the verb's own) */
            size_t j = i;
            while (j < vstart && p->words[j].type == SR_W_AUXIL)
                j++;
            if (j == vstart && i > k + 1)
                return 1;
            return 0;
        }
        case SR_W_CONJ: case SR_W_COMMA:
            /* ("after Russia and the US agreed a truce": a list's) */
            if (w->in_compound)
                break;
            return 0;
        default:
            return 0;
        }
    }
    return 1;
}

/* Word x is "that" or "which" (asked of every word before a verb: its
 * length and first letter first). */
static inline int rel_pronoun(const sr_pword *x)
{
    return (x->len == 4 && x->w[0] == 't' && !memcmp(x->w, "that", 4)) ||
           (x->len == 5 && x->w[0] == 'w' && !memcmp(x->w, "which", 5));
}

/* Word k, "that" or "which" after a noun, opens a relative clause whose
 * subject is an actor of its own, the verb at vstart (SIZE_MAX: the first
 * that reads as one) taking the noun for its object: "shelled the town
 * that government forces had captured", "the villages which the rebels
 * seized".  Its actor is the verb's subject, and no object of the verb
 * before. */
static int object_relative_at(const sr_parse *p, size_t k, size_t vstart)
{
    const sr_pword *x = &p->words[k];
    if (k == 0 || k + 2 > vstart || k + 2 >= p->nwords || x->subord || !rel_pronoun(x))
        return 0;
    /* (after a noun, not a verb's "that" of a report, nor "so that") */
    const sr_pword *b = &p->words[k - 1];
    if (!(b->type == SR_W_NULL || b->type == SR_W_NOUN || b->type == SR_W_EVNOUN ||
          (b->type == SR_W_COMMA && !b->in_compound && word_is(x, "which"))) ||
        b->cap || word_is(b, "so") || word_is(b, "such") || word_is(b, "now") ||
        code_participle(b) || word_set_has(&told_set, b))   /* (what is said) */
        return 0;
    size_t j = k + 1;
    if (p->words[j].type == SR_W_DETERM)
        j++;
    int actor = 0;
    while (j < vstart && j < p->nwords) {
        const sr_pword *w = &p->words[j];
        if (w->actor >= 0) {
            const sr_pactor *a = &p->actors[w->actor];
            if (a->start != j || a->is_pronoun || actor)
                return 0;
            actor = 1;
            j = a->end;
            /* (two of them: "a ceasefire that Turkey and Russia brokered") */
            if (j + 1 < p->nwords && j + 1 < vstart && word_is(&p->words[j], "and") &&
                p->words[j + 1].actor >= 0 && p->actors[p->words[j + 1].actor].start == j + 1)
                j = p->actors[p->words[j + 1].actor].end;
            continue;
        }
        /* (an agent alone is an actor only when coded: "government
         * forces") */
        if (w->type == SR_W_AGENT) {
            while (j < vstart && j < p->nwords && p->words[j].type == SR_W_AGENT &&
                   p->words[j].actor < 0)
                j++;
            if (actor)
                return 0;
            actor = 1;
            continue;
        }
        /* (or a name the dictionaries do not have: "the attack that the
         * West blames on") */
        if (!actor && w->cap && w->type == SR_W_NULL) {
            while (j < vstart && j < p->nwords && p->words[j].cap && p->words[j].type == SR_W_NULL)
                j++;
            actor = 1;
            continue;
        }
        if (!actor && (w->type == SR_W_ADJ || (w->type == SR_W_NULL && !code_ly_adverb(w))))
            return 0;
        break;
    }
    if (!actor)
        return 0;
    /* (no verb known: what follows the actor reads as a finite verb's
     * start, "that Syrian forces were holding", "that rebels seized") */
    if (vstart == SIZE_MAX) {
        if (j >= p->nwords)
            return 0;
        const sr_pword *w = &p->words[j];
        return w->type == SR_W_AUXIL || w->type == SR_W_VERB || word_is(w, "had") ||
               word_is(w, "have") || word_is(w, "has") ||
               (w->len > 4 && w->type == SR_W_NULL && !memcmp(w->w + w->len - 2, "ed", 2));
    }
    for (; j < vstart; j++)
        if (p->words[j].type != SR_W_AUXIL && !code_ly_adverb(&p->words[j]) &&
            !word_is(&p->words[j], "had") && !word_is(&p->words[j], "have") &&
            !word_is(&p->words[j], "has"))
            return 0;
    return 1;
}

/* sitrep's conventions: a finite verb after a subordinator ("were
 * killed when a DAESH suicide bomber blew himself up", "a nurse wounded
 * when an airstrike hit a clinic") has its subject after the
 * subordinator: the actor there, else none (*none set: an air strike is
 * no actor), never the victims of the main clause before it. */
int code_subclause_source(const sr_parse *p, const sr_proot *v, int src, int tgt, int *none)
{
    const sr_pword *w = &p->words[v->start];
    if (src < 0 || p->actors[src].end > v->start ||
        (w->len > 3 && !memcmp(w->w + w->len - 3, "ing", 3)))
        return src;
    for (size_t k = v->start; k > p->actors[src].end; k--) {
        const sr_pword *x = &p->words[k - 1];
        if (x->type == SR_W_VERB || (x->type == SR_W_COMMA && !x->in_compound))
            return src;
        /* (a relative clause's own subject: "died in the attack that the
         * West blames on ...", the West's blame) */
        if (rel_pronoun(x) && object_relative_at(p, k - 1, v->start)) {
            int u = sr_parse_actor_in(p, k, v->start, tgt);
            *none = u < 0;
            return u;
        }
        if (!x->subord && word_set_has(&openers, x) &&
            (word_set_has(&subclause_set, x) || time_subclause_at(p, k - 1, v->start))) {
            int u = sr_parse_actor_in(p, k, v->start, tgt);
            *none = u < 0 ? (word_is(x, "whose") ? 2 : 1) : 0;
            return u;
        }
    }
    return src;
}

int code_time_opener(const sr_pword *w)
{
    return word_set_has(&time_subclause, w) && !word_is(w, "as");
}

size_t code_subclause_cut(const sr_parse *p, size_t from, size_t upto, size_t to)
{
    for (size_t k = from; k < upto; k++) {
        const sr_pword *x = &p->words[k];
        if (x->subord)
            continue;
        if (rel_pronoun(x) && object_relative_at(p, k, SIZE_MAX))
            return k;
        if (!word_set_has(&openers, x))
            continue;
        /* (with its own subject: "while clashing with protesters" goes on
         * the verb's clause) */
        if (word_set_has(&subclause_set, x) && !word_is(x, "whose")) {
            if (k + 1 < to && p->words[k + 1].type != SR_W_VERB &&
                p->words[k + 1].type != SR_W_AUXIL && p->words[k + 1].type != SR_W_PREP)
                return k;
            continue;
        }
        if (!word_set_has(&time_subclause, x))
            continue;
        /* (its verb: the first verb or auxiliary after it, not far) */
        for (size_t j = k + 1; j < to && j < k + 12; j++)
            if (p->words[j].type == SR_W_VERB || p->words[j].type == SR_W_AUXIL) {
                if (time_subclause_at(p, k, j))
                    return k;
                break;
            }
    }
    return upto;
}

/* (an opener is untyped, or read as a preposition or conjunction: most
 * words, actors and nouns, are passed at once) */
static inline int opener_at(const sr_pword *x)
{
    return (x->type == SR_W_NULL || x->type == SR_W_PREP || x->type == SR_W_CONJ) &&
           !x->subord && word_set_has(&openers, x) && !word_is(x, "whose");
}

/* Whether a word of [from, to) is in an actor or is "was", "were" or
 * "been" (a passive's, whose pronoun is its object: "tribesmen who were
 * executed by ISIS"). */
static int actor_or_aux_in(const sr_parse *p, size_t from, size_t to)
{
    for (size_t j = from; j < to; j++)
        if (p->words[j].actor >= 0 || p->words[j].type == SR_W_AUXIL)
            return 1;
    return 0;
}

size_t code_subclause_region(const sr_parse *p, size_t cstart, const sr_proot *v, int *after_verb)
{
    *after_verb = 0;
    /* (an -ing phrase on the subject is a region of its own, as a
     * relative clause is: its subject's own verb follows) */
    if (v->end == v->start + 1 && code_ing_form(&p->words[v->start]) &&
        (code_modifier_main(p, v, NULL) != SIZE_MAX || code_object_participle(p, v->start) >= 0))
        return v->start;
    /* A relative pronoun right before the verb (over a perfect's "had" or
     * an adverb) on an actor whose subject it is: "Police arrested
     * protesters who attacked the embassy" -- the protesters did.  (Its
     * letters first: this is asked of every verb after an event.) */
    for (size_t k = v->start; k > cstart + 1 && v->start - k < 3; k--) {
        const sr_pword *x = &p->words[k - 1];
        if (x->len >= 3 && (x->w[0] == 'w' || x->w[0] == 't') && code_rel_word(x)) {
            if (!x->subord && !actor_or_aux_in(p, k, v->start) &&
                code_rel_subject(p, v->start) >= 0)
                return k - 1;
            break;
        }
        if (x->type == SR_W_COMMA || x->actor >= 0 || x->type == SR_W_AUXIL ||
            (x->type == SR_W_VERB && !(word_is(x, "have") || word_is(x, "has") ||
                                       word_is(x, "had"))))
            break;
    }
    for (size_t k = v->start; k > cstart; k--) {
        const sr_pword *x = &p->words[k - 1];
        if (x->type == SR_W_COMMA && !x->in_compound)
            return SIZE_MAX;
        /* (a perfect's auxiliary is no verb of its own: "that the rebels
         * have captured") */
        if (x->type == SR_W_VERB && !(k == v->start && (word_is(x, "have") || word_is(x, "has") ||
                                                         word_is(x, "had")))) {
            /* (the subject's own verb after what qualified it: "Gunmen
             * who stormed the hotel killed 20") */
            if (x->root >= 0 && code_modifier_main(p, &p->roots[x->root], NULL) == v->start)
                return SIZE_MAX;
            *after_verb = 1;
            return SIZE_MAX;
        }
        if (rel_pronoun(x) && object_relative_at(p, k - 1, v->start))
            return k - 1;
        if (!opener_at(x))
            continue;
        if (!word_set_has(&subclause_set, x) && !time_subclause_at(p, k - 1, v->start))
            return SIZE_MAX;
        /* (its own subject, an actor: "while clashing with police" and
         * "when an airstrike hit" are no clause of another side) */
        for (size_t i = k; i < v->start; i++)
            if (p->words[i].actor >= 0)
                return k - 1;
        return SIZE_MAX;
    }
    return SIZE_MAX;
}

int code_main_subject(const sr_parse *p, size_t from, const sr_proot *v)
{
    size_t j = v->start;
    while (j > from && (p->words[j - 1].type == SR_W_AUXIL || code_ly_adverb(&p->words[j - 1])))
        j--;
    if (j > from && p->words[j - 1].actor >= 0)
        return p->words[j - 1].actor;
    for (size_t k = v->start; k > from; k--)
        if (p->words[k - 1].type == SR_W_COMMA)
            return sr_parse_actor_in(p, k, v->start, -1);
    return -1;
}

int code_joined_gerund_complement(const sr_parse *p, const sr_proot *v, size_t cstart)
{
    if (cstart >= v->start || v->start != cstart + 1 || v->end - v->start != 1 ||
        !code_ing_form(&p->words[v->start]) || !word_is(&p->words[cstart], "and"))
        return 0;
    /* the verb before the conjunction, within the clause before */
    for (size_t k = cstart, steps = 0; k > 1 && steps < 12; k--, steps++) {
        const sr_pword *w = &p->words[k - 1];
        if (w->type == SR_W_COMMA || w->subord)
            return 0;
        /* (a gerund after "of" may be typed a noun: "of shelling") */
        if (w->type != SR_W_VERB && w->type != SR_W_EVNOUN)
            continue;
        /* (the first word of its root) */
        size_t s = k - 1;
        while (s > 0 && p->words[s - 1].type == w->type && p->words[s - 1].root == w->root)
            s--;
        if (s == 0 || !code_ing_form(&p->words[s]))
            return 0;
        const sr_pword *b = &p->words[s - 1];
        return word_is(b, "of") || word_is(b, "for");
    }
    return 0;
}

/* The subject of a clause: an actor with no verb or auxiliary before it in
 * its clause.  Its actor index, or -1. */
static int clause_subject_at(const sr_parse *p, size_t end)
{
    int u = p->words[end - 1].actor;
    if (u < 0)
        return -1;
    int cl = p->words[end - 1].clause;
    for (size_t k = p->actors[u].start; k > 0 && p->words[k - 1].clause == cl; k--)
        if (p->words[k - 1].type == SR_W_VERB || p->words[k - 1].type == SR_W_AUXIL ||
            p->words[k - 1].subord)
            return -1;
    return u;
}

size_t code_modifier_main(const sr_parse *p, const sr_proot *v, int *subject)
{
    size_t s = v->start, k = s;
    /* (the cheap tests first: a relative word or an actor two words
     * back at most, "militants who had besieged", "troops surrounding") */
    while (k > 0 && s - k < 2 && p->words[k - 1].type == SR_W_AUXIL)
        k--;
    if (k < 1)
        return SIZE_MAX;
    const sr_pword *b = &p->words[k - 1];
    int u;
    if (k >= 2 && b->len >= 3 && (b->w[0] == 'w' || b->w[0] == 't') && code_rel_word(b) &&
        !b->subord)
        u = clause_subject_at(p, k - 1);
    else if (k == s && v->end == s + 1 && code_ing_form(&p->words[s]) && b->actor >= 0)
        u = clause_subject_at(p, k);
    else
        return SIZE_MAX;
    /* (what was said is no modifier: "the group that said the army
     * shelled") */
    if (u < 0 || p->actors[u].is_pronoun || code_saying_word(&p->words[v->end - 1]))
        return SIZE_MAX;
    int cl = p->words[s].clause;
    size_t aux = 0; /* (auxiliaries after it so far) */
    for (size_t j = v->end; j < p->nwords && j < v->end + 14; j++) {
        const sr_pword *w = &p->words[j];
        if (w->clause != cl || w->subord || (w->type == SR_W_COMMA && !w->in_compound) ||
            w->type == SR_W_CONJ || w->type == SR_W_BY || w->type == SR_W_QUOTE ||
            code_rel_word(w) || word_is(w, "to") || word_is(w, "and") || word_is(w, "or") ||
            word_is(w, "but"))
            return SIZE_MAX;
        if (w->type == SR_W_AUXIL || (w->type != SR_W_VERB && code_finite_aux(w))) {
            aux++;
            continue;
        }
        if (w->type != SR_W_VERB)
            continue;
        /* (a finite verb: not "carrying aid" nor "escorted by troops",
         * which qualify the noun before them) */
        if ((!aux && code_ing_form(w)) ||
            (j + 1 < p->nwords && p->words[j + 1].type == SR_W_BY))
            return SIZE_MAX;
        /* (an -ing word with nothing of its own before the verb names an
         * act: "A Taliban bombing killed 10") */
        if (j == v->end + aux)
            return SIZE_MAX;
        if (subject)
            *subject = u;
        return j;
    }
    return SIZE_MAX;
}

int code_modified_subject(const sr_parse *p, size_t cstart, const sr_proot *v)
{
    for (size_t k = v->start; k > cstart; k--) {
        const sr_pword *x = &p->words[k - 1];
        if (x->type != SR_W_VERB)
            continue;
        int u = -1;
        if (x->root < 0 || code_modifier_main(p, &p->roots[x->root], &u) != v->start)
            return -1;
        return u;
    }
    return -1;
}
