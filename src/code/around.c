/* Where a clause's actors stand around its verb: objects of an act of
 * force, relative clauses, the one an act was blamed on, passives after
 * "be" (the coder's tests of sitrep's conventions, coder.c). */
#include <string.h>

#include "code_int.h"

/* The first verb in [from, to) is an act of force by its own code (the
 * actor of a clause of time before it did violence the act before
 * answered: "shelled the town after the rebels attacked a base"). */
int code_violent_verb_after(const sr_dict *d, const sr_parse *p, size_t from, size_t to)
{
    for (size_t k = from; k < to && k < from + 8; k++) {
        if (p->words[k].type != SR_W_VERB)
            continue;
        int32_t r = p->words[k].root;
        if (r < 0 || p->roots[r].type != SR_W_VERB)
            return 0;
        sr_dict_code c;
        uint32_t f0, np0;
        return !sr_dict_form_patterns(d, p->roots[r].entry, &c, &f0, &np0) && c.code &&
               violent_code(c.code);
    }
    return 0;
}

int code_blame_at(const sr_parse *p, size_t k)
{
    return k + 1 < p->nwords &&
           (word_is(&p->words[k], "blamed") || word_is(&p->words[k], "attributed")) &&
           (word_is(&p->words[k + 1], "on") || word_is(&p->words[k + 1], "to"));
}

/* The actor at word k is the one an act was blamed on: "blamed on the
 * Assad regime", "attributed to rebels". */
int code_blamed_on(const sr_parse *p, size_t k)
{
    if (k > 0 && p->words[k - 1].type == SR_W_DETERM)
        k--;
    return k >= 2 && code_blame_at(p, k - 2);
}

/* A relative pronoun stands in [from, to), near from: the actor before
 * it is the subject of the verb at "to" ("target Assad forces that drop
 * barrel bombs"). */
int code_rel_between(const sr_parse *p, size_t from, size_t to)
{
    for (size_t k = from; k < to && k < from + 8; k++)
        if (code_rel_word(&p->words[k]))
            return 1;
    return 0;
}

/* A comma and a relative pronoun stand in [from, to), a short stretch
 * (a long one is not walked: a relative clause is found near its verb). */
int code_comma_relative_before(const sr_parse *p, size_t from, size_t to)
{
    if (to - from > 48)
        return 0;
    for (size_t k = from; k + 1 < to; k++)
        if (p->words[k].type == SR_W_COMMA && !p->words[k].in_compound &&
            (word_is(&p->words[k + 1], "which") || word_is(&p->words[k + 1], "who") ||
             word_is(&p->words[k + 1], "whom") || word_is(&p->words[k + 1], "where")))
            return 1;
    return 0;
}

/* The holder at word "at" (code_holder) names where, after "in", "from",
 * "at", "near" or the like past its determiners and modifiers ("in the
 * opposition-held town", "from rebel-held Madaya"). */
int code_holder_where(const sr_parse *p, size_t at)
{
    static const char *const where[] = {"in", "from", "at", "near", "inside", "within",
                                        "across", "throughout", "out", NULL};
    size_t k = at;
    while (k > 0 && at - k < 4 &&
           (p->words[k - 1].type == SR_W_DETERM || p->words[k - 1].type == SR_W_ADJ ||
            p->words[k - 1].type == SR_W_NUMBER ||
            (p->words[k - 1].type == SR_W_NULL && !p->words[k - 1].cap &&
             !word_in(&p->words[k - 1], where))))
        k--;
    return k > 0 && word_in(&p->words[k - 1], where);
}

/* The actor at word "at" stands after an untyped past form and a
 * preposition of place or direction, past its determiners and modifiers
 * ("smashed into a high school"): where the clause's act went, not who
 * did it. */
int code_after_place_prep(const sr_parse *p, size_t at)
{
    /* (a clause opens at these: "marveled at how Chinese consumers") */
    static const char *const wh[] = {"how", "what", "why", "where", "when", "whether", "that",
                                     "which", "who", NULL};
    size_t k = at;
    while (k > 0 && at - k < 3 &&
           (p->words[k - 1].type == SR_W_DETERM || p->words[k - 1].type == SR_W_ADJ ||
            p->words[k - 1].type == SR_W_NUMBER ||
            (p->words[k - 1].type == SR_W_NULL && !p->words[k - 1].cap &&
             !code_locative_word(&p->words[k - 1]) && !word_is(&p->words[k - 1], "on") &&
             !word_is(&p->words[k - 1], "at") && !word_in(&p->words[k - 1], wh))))
        k--;
    if (k < 2)
        return 0;
    const sr_pword *w = &p->words[k - 1], *vb = &p->words[k - 2];
    /* (after a verb the dictionaries leave untyped, in its past form:
     * "smashed into", "crashed onto"; a typed verb's own phrase may name
     * who did it, "injured in terrorist rocket attacks") */
    return (code_locative_word(w) || word_is(w, "onto") || word_is(w, "on") ||
            word_is(w, "against") || word_is(w, "at")) &&
           vb->type == SR_W_NULL && !vb->cap && vb->len > 4 && vb->w[vb->len - 2] == 'e' &&
           vb->w[vb->len - 1] == 'd';
}

/* The actor at word "at" is the object of an act of force's verb in
 * [lo, at): only its noun phrase's determiners, counts and modifiers
 * stand between ("killed 16 civilians", "killed a large number of
 * militants"; not "injured in terrorist rocket attacks"). */
int code_force_object(const sr_dict *d, const sr_parse *p, size_t lo, size_t at)
{
    /* (the roots are in text order: the first ending after "at" by a
     * binary search, then back over five words at most, so a sentence of
     * a million verbs stays linear) */
    size_t r = 0, n = p->nroots;
    while (n > 0) {
        size_t half = n / 2;
        if (p->roots[r + half].end <= at) {
            r += half + 1;
            n -= half + 1;
        } else {
            n = half;
        }
    }
    while (r-- > 0) {
        const sr_proot *rt = &p->roots[r];
        if (rt->start < lo || at - rt->end > 5)
            return 0;
        if (rt->type != SR_W_VERB)
            continue;
        static const char *const counting[] = {
            "at", "least", "most", "more", "than", "about", "around", "nearly", "almost", "some",
            "over", "up", "to", "of", "another", "other", "many", "several", "dozens", "hundreds",
            "scores", "thousands", "number", "large", "all", NULL};
        for (size_t k = rt->end; k < at; k++) {
            const sr_pword *w = &p->words[k];
            if (!(w->type == SR_W_DETERM || w->type == SR_W_NUMBER || w->type == SR_W_ADJ ||
                  word_in(w, counting)))
                return 0;
        }
        sr_dict_code c;
        uint32_t f0, np0;
        return !sr_dict_form_patterns(d, rt->entry, &c, &f0, &np0) && c.code &&
               violent_code(c.code);
    }
    return 0;
}

/* No other verb stands between word i and the clause's end, and the
 * next clause opens with a conjunction and its verb (its subject left
 * out): the verb before i is the last before it. */
int code_next_conj_clause(const sr_parse *p, size_t i, size_t cend)
{
    for (; i < cend; i++)
        if (p->words[i].type == SR_W_VERB || p->words[i].type == SR_W_AUXIL)
            return 0;
    if (cend + 1 >= p->nwords || p->words[cend].type != SR_W_CONJ)
        return 0;
    size_t j = cend + 1;
    if (code_verb_adverb(&p->words[j]) && j + 1 < p->nwords)
        j++;
    const sr_pword *w = &p->words[j];
    return w->type == SR_W_VERB || w->type == SR_W_AUXIL ||
           (w->type == SR_W_NULL && !w->cap && w->len > 4 && w->w[w->len - 2] == 'e' &&
            w->w[w->len - 1] == 'd');
}

/* A past form after a form of "be" ("were killed", "was shot down"), not
 * a progressive ("were killing"). */
int code_be_passive(const sr_parse *p, const sr_proot *v)
{
    const sr_pword *w = &p->words[v->start];
    if (code_ing_form(w))
        return 0;
    size_t k = v->start;
    while (k > 0 && code_ly_adverb(&p->words[k - 1]))
        k--;
    return k > 0 && code_be_form(&p->words[k - 1]);
}

int code_located_state(const sr_parse *p, int u)
{
    const sr_pactor *a = &p->actors[u];
    const char *c = sr_parse_actor_code(p, u);
    if (a->is_pronoun || !c || strlen(c) != 3 || a->start == 0)
        return 0;
    size_t k = a->start - 1;
    /* (past one word of the compass: "in southern Lebanon", "in
     * northeast Syria") */
    static const char *const compass[] = {"north", "south", "east", "west", "northeast",
                                          "northwest", "southeast", "southwest", "central",
                                          NULL};
    const sr_pword *w = &p->words[k];
    if (k > 0 && ((!w->cap && w->len > 5 && !memcmp(w->w + w->len - 2, "rn", 2)) ||
                  word_in(w, compass)))
        w = &p->words[--k];
    return code_locative_word(w);
}

int code_count_between(const sr_parse *p, size_t from, int u)
{
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday", NULL};
    /* (the verb's object alone, past "at least", "more than", right before
     * the place: not a score, "a 3-0 win over Peru", nor things, "fired
     * seven mortar rounds into Syria") */
    for (size_t k = from; k < p->actors[u].start && k < from + 4; k++) {
        const sr_pword *w = &p->words[k];
        if (!(w->type == SR_W_NUMBER || code_victims_count(w)) ||
            (k > from && p->words[k - 1].type == SR_W_DETERM))
            continue;
        /* (past "more" and a day: "wounded dozens more on Saturday in a
         * militant-held town") */
        size_t j = k + 1;
        while (j < p->actors[u].start && j < k + 4 &&
               (word_is(&p->words[j], "more") || word_is(&p->words[j], "others") ||
                p->words[j].type == SR_W_TIME || word_in(&p->words[j], days) ||
                (word_is(&p->words[j], "on") && j + 1 < p->nwords &&
                 (p->words[j + 1].type == SR_W_TIME || word_in(&p->words[j + 1], days)))))
            j++;
        if (j < p->nwords && code_locative_word(&p->words[j]))
            return 1;
    }
    return 0;
}

int code_noun_after_prep(const sr_parse *p, const sr_proot *v)
{
    static const char *const preps[] = {"in", "during", "amid", "after", "from", "following",
                                        "despite", NULL};
    if (v->end != v->start + 1 || v->start == 0)
        return 0;
    const sr_pword *w = &p->words[v->start];
    return w->len > 3 && w->w[w->len - 1] == 's' && w->w[w->len - 2] != 's' &&
           !w->subord && word_in(&p->words[v->start - 1], preps);
}

size_t code_effect_cut(const sr_parse *p, size_t from, size_t to)
{
    static const char *const effects[] = {"allowing", "enabling", "forcing", "prompting",
                                          "letting", "paving", "compelling",
                                          "sending", "triggering", "sparking", NULL};
    /* (every one ends in -ing: most words are turned away by their end) */
    for (size_t k = from; k < to; k++) {
        const sr_pword *w = &p->words[k];
        if (w->len >= 6 && w->w[w->len - 1] == 'g' && w->w[w->len - 2] == 'n' &&
            w->w[w->len - 3] == 'i' && !w->subord && w->actor < 0 && word_in(w, effects))
            return k;
    }
    return to;
}

int code_in_time_phrase(const sr_parse *p, size_t from, int u)
{
    static const char *const preps[] = {"since", "during", "after", "before", "following",
                                        "until", "throughout", "amid", "amidst", "despite", NULL};
    /* (back over the words of its noun phrase: "since the Syrian crisis
     * erupted", "after the Turkish election"; a subject there has a clause
     * of its own, which the subclause rules read: "shelled the town after
     * the rebels attacked a base") */
    size_t e = p->actors[u].end;
    if (e < p->nwords && (p->words[e].type == SR_W_VERB || p->words[e].type == SR_W_AUXIL))
        return 0;
    for (size_t k = p->actors[u].start, d = 0; k > from && d < 5; k--, d++) {
        const sr_pword *w = &p->words[k - 1];
        if (word_in(w, preps))
            return !w->subord;
        /* (and over a noun and its relative pronoun: "despite a
         * ceasefire that Turkey and Russia brokered") */
        if (w->actor >= 0 || (w->type != SR_W_DETERM && w->type != SR_W_ADJ &&
                              w->type != SR_W_NULL && w->type != SR_W_NUMBER &&
                              w->type != SR_W_NOUN && w->type != SR_W_EVNOUN))
            return 0;
    }
    return 0;
}

/* Actor u is a bare country named as what holds a place ("the Bab Touma
 * district of Damascus", "the outskirts of Aleppo"): where, not whom. */
int code_place_part_of(const sr_parse *p, int u)
{
    static const char *const parts[] = {
        "district", "districts", "town", "city", "province", "village", "villages", "area",
        "areas", "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "suburb",
        "suburbs", "outskirts", "countryside", "region", "capital", "governorate", "camp",
        "part", "parts", "centre", "center", "heart", "streets", "east", "west", "north",
        "south", NULL};
    const sr_pactor *a = &p->actors[u];
    const char *c = sr_parse_actor_code(p, u);
    if (a->is_pronoun || !c || strlen(c) != 3)
        return 0;
    /* (or before it, with its 's: "northwestern Syria's Idlib province",
     * "Syria's capital") */
    if (p->words[a->end - 1].poss) {
        for (size_t k = a->end; k < p->nwords && k < a->end + 3; k++) {
            if (word_in(&p->words[k], parts))
                return 1;
            if (!p->words[k].cap || p->words[k].actor >= 0)
                break;
        }
    }
    if (a->start < 2 || !word_is(&p->words[a->start - 1], "of"))
        return 0;
    return word_in(&p->words[a->start - 2], parts);
}

/* A participle of harm: "killing", "wounding", "injuring", "leaving"
 * (dead or hurt), "claiming" (lives). */
static int harm_word(const sr_pword *w)
{
    static const char *const harm[] = {"killing", "wounding", "injuring", "leaving", "claiming",
                                       NULL};
    return word_in(w, harm);
}

/* Actor t2, after the place of an act of force that actor t named (t < 0:
 * no actor), is the act's victims: people an -ing participle of harm took
 * ("..., killing three people"), with an agent of their own (not "Syria",
 * nor another place or holder). */
int code_victim_after(const sr_parse *p, int t, int t2)
{
    const char *c = sr_parse_actor_code(p, t2);
    if (!c || strlen(c) <= 3 || p->actors[t2].is_pronoun || code_holder(p, t2) ||
        code_place_part_of(p, t2))
        return 0;
    size_t s = p->actors[t2].start;
    if (t < 0) {
        /* (after a verb that named no one it struck: "two car bombs
         * exploded near the palace ..., killing at least 38 people",
         * "shelled the central city of Hama Monday killing four
         * civilians"; not "accused of killing", "was killing") */
        for (size_t k = s > 5 ? s - 5 : 0; k < s; k++)
            if (k > 0 && harm_word(&p->words[k])) {
                const sr_pword *b = &p->words[k - 1];
                return b->type == SR_W_COMMA ||
                       !(b->type == SR_W_PREP || b->type == SR_W_AUXIL || b->type == SR_W_BY ||
                         b->type == SR_W_VERB || b->type == SR_W_CONJ || word_is(b, "of") ||
                         word_is(b, "for") || word_is(b, "after") || word_is(b, "before") ||
                         word_is(b, "from") || word_is(b, "in") || word_is(b, "without"));
            }
        return 0;
    }
    for (size_t k = p->actors[t].end; k < s && k < p->actors[t].end + 12; k++)
        if (harm_word(&p->words[k]))
            return 1;
    return 0;
}

int code_weapon_clause(const sr_parse *p, const sr_proot *v, size_t cend)
{
    if (code_be_passive(p, v))
        return 1;
    for (size_t k = v->end; k < cend && k < p->nwords; k++) {
        const sr_pword *w = &p->words[k];
        if (w->type == SR_W_COMMA || code_rel_word(w))
            break;
        if (w->type == SR_W_VERB && !w->subord && w->actor < 0)
            return 0;
    }
    return 1;
}

/* A verb of taking land or people stands in the few words before word k
 * ("retake eastern Aleppo from", "captured three villages from"). */
static int taking_before(const sr_parse *p, size_t k)
{
    static const char *const stems[] = {"captur", "retak", "recaptur", "seiz", "took", "tak",
                                        "wrest", "expel", "driv", "drove", "oust", "liberat",
                                        "free", "clear", "cleans", "rescu", "recover",
                                        "regain", "snatch", "pushed", "push", NULL};
    for (size_t j = k, n = 0; j > 0 && n < 6; n++) {
        const sr_pword *w = &p->words[--j];
        for (const char *const *s = stems; *s; s++) {
            size_t l = strlen(*s);
            if (w->len >= l && !memcmp(w->w, *s, l))
                return 1;
        }
    }
    return 0;
}

/* (sr_parse_actor_in passes over every actor with avoid's code too: a
 * compound's other members, here) */
int code_next_actor(const sr_parse *p, size_t from, size_t to, int avoid)
{
    for (size_t k = 0; k < p->nactors; k++) {
        const sr_pactor *a = &p->actors[k];
        if (a->start >= from && a->start < to && (int)k != avoid && !p->words[a->start].subord &&
            sr_parse_actor_code(p, (int)k))
            return (int)k;
    }
    return -1;
}

int code_origin(const sr_parse *p, int u, int around)
{
    size_t k = p->actors[u].start;
    for (int hop = 0; k > 0 && hop < 4; hop++) {
        const sr_pword *w = &p->words[--k];
        /* (not what land was taken from: "launched an offensive to
         * retake eastern Aleppo from rebel groups"; nor where people are
         * from, "were from the Failaq al-Sham") */
        if (word_is(w, "from"))
            return !taking_before(p, k) && !(k > 0 && code_be_form(&p->words[k - 1]));
        /* (and, for a weapon's act, what went on between or during:
         * "hurled at different places during the clashes between
         * government forces and rebels"; not "a convoy with evacuees",
         * nor "blew himself up among Afghan soldiers") */
        if (around && (word_is(w, "between") || word_is(w, "during")))
            return 2;
        if (w->type != SR_W_DETERM && w->type != SR_W_ADJ && w->type != SR_W_NUMBER &&
            !(w->type == SR_W_NULL && w->cap))
            return 0;
    }
    return 0;
}

int code_victims_after_verb(const sr_parse *p, const sr_proot *v)
{
    /* (past the clause: the participle opens one; not past another verb,
     * whose victims they are) */
    size_t ve = p->nwords - v->end > 30 ? v->end + 30 : p->nwords;
    for (size_t u = 0; u < p->nactors; u++) {
        const sr_pactor *a = &p->actors[u];
        if (a->start < v->end || a->start >= ve || !code_victim_after(p, -1, (int)u))
            continue;
        /* (nor those who say so after it: "killing or wounding 50, Thai
         * military sources said") */
        for (size_t k = a->end; k < p->nwords && k < a->end + 2; k++)
            if (code_saying_word(&p->words[k]))
                return -1;
        for (size_t k = v->end; k + 5 < a->start; k++)
            if (p->words[k].type == SR_W_VERB && !p->words[k].subord)
                return -1;
        return (int)u;
    }
    return -1;
}

int code_weapon_target(const sr_parse *p, const sr_proot *v, int tgt, int *src)
{
    /* (where it came from is no target, but who used it: "barrel bombs
     * dropped from helicopters", "rockets fired from Gaza") */
    int o = tgt >= 0 ? code_origin(p, tgt, 1) : 0;
    if (o) {
        /* (named near it: not "hit buses ... which had been waiting to
         * cross from rebel-held territory") */
        if (*src < 0 && o == 1 && p->actors[tgt].start < v->end + 8)
            *src = tgt;
        tgt = -1;
    }
    /* (the victims of a participle of harm after it, over a bare country
     * named where it happened, "exploded ... in the Somali capital
     * Mogadishu, killing at least 38 people") */
    const char *tc = tgt >= 0 ? sr_parse_actor_code(p, tgt) : NULL;
    if (tgt < 0 || (tc && strlen(tc) == 3)) {
        int u = code_victims_after_verb(p, v);
        if (u >= 0)
            return u;
    }
    return tgt;
}

int code_pronoun_for(const sr_parse *p, int u, size_t from, size_t to)
{
    for (size_t k = 0; k < p->nactors; k++)
        if (p->actors[k].is_pronoun && p->actors[k].pronoun_of == u &&
            p->actors[k].start >= from && p->actors[k].start < to)
            return 1;
    return 0;
}

int code_speaker_participle(const sr_parse *p, const sr_proot *v, int src)
{
    size_t s = v->start;
    const sr_pword *w = &p->words[s];
    if (s < 3 || !code_ing_form(w) ||
        p->words[s - 1].type != SR_W_COMMA || !code_saying_word_any(&p->words[s - 2]))
        return src;
    for (size_t u = 0; u < p->nactors; u++)
        if (p->actors[u].end == s - 2 && !p->actors[u].is_pronoun &&
            sr_parse_actor_code(p, (int)u))
            return (int)u;
    return src;
}

int code_harm_pair(const sr_parse *p, const sr_proot *v)
{
    static const char *const count[] = {"others", "more", "many", "dozens", "scores", "another",
                                        "critically", "seriously", "severely", "some",
                                        "several", NULL};
    size_t s = v->start;
    if (s < 2 || !harm_word(&p->words[s]) || word_is(&p->words[s], "claiming"))
        return 0;
    /* (past a count of its own: "and critically injuring dozens") */
    while (s > 1 && (p->words[s - 1].type == SR_W_NUMBER || word_in(&p->words[s - 1], count)) &&
           s + 5 > v->start)
        s--;
    if (!(word_is(&p->words[s - 1], "and") || word_is(&p->words[s - 1], "or")))
        return 0;
    /* (not nouns: "ended in the killing or wounding of several
     * militants") */
    for (size_t k = s - 1; k > 0 && k + 10 > s;)
        if (harm_word(&p->words[--k]) && !word_is(&p->words[k], "claiming"))
            return k > 0 && p->words[k - 1].type == SR_W_DETERM ? 0
                   : p->words[k].clause == p->words[v->start].clause ? 1
                                                                     : 2;
    return 0;
}

void code_last_sides(const code_bloom *ws, const sr_parse *p, const sr_proot *v, size_t cend,
                     int violent, int patterned, int origin, int *srcp, int *tgtp, int *unknown)
{
    int src = *srcp, tgt = *tgtp;
    /* An act of force that names no one it struck has the victims of a
     * participle of harm after it: "Syrian tanks shelled the central city
     * of Hama Monday killing four civilians". */
    if (tgt < 0 && violent && !patterned)
        tgt = code_victims_after_verb(p, v);
    /* Where it came from did it, when no one else is named and it is
     * named near: "barrel bombs were dropped from an army helicopter";
     * not for a participle whose act a verb after tells, "rockets fired
     * from Iran slammed into Kilis". */
    if (src < 0 && origin >= 0 && code_weapon_clause(p, v, cend) &&
        p->actors[origin].start < v->end + 8) {
        src = origin;
        *unknown = 0;
    }
    /* A participle after "..., SANA said," is the speaker's: "SANA said,
     * blaming armed groups". */
    if (src < 0)
        src = code_speaker_participle(p, v, src);
    /* One who speaks before the verb is never what it was done to, by
     * whatever path: "state media claimed 49 oppostion fighters were
     * killed", "the council said the bombardments were forcing people";
     * unless a pronoun in the report stands for it. */
    if (tgt >= 0 && !p->actors[tgt].is_pronoun && p->actors[tgt].end <= v->start &&
        code_is_speaker(ws, p, tgt) && !code_pronoun_for(p, tgt, p->actors[tgt].end, v->start))
        tgt = -1;
    *srcp = src;
    *tgtp = tgt;
}

size_t code_opener_cut(const sr_parse *p, size_t from, size_t vstart, size_t to)
{
    static const char *const subords[] = {"while",  "when",    "whereas", "although", "though",
                                          "because", "as",     "if",      "once",     "since",
                                          "after",  "before",  "whilst",  NULL};
    /* (an opener starts the sentence, at most a dozen words back, with no
     * comma between: most verbs are turned away at once) */
    const sr_pword *w0 = &p->words[0];
    if (vstart > 12 || vstart == 0 || w0->len < 2 || w0->len > 8 ||
        !strchr("wtabisoWTABISO", w0->w[0]) || !word_in(w0, subords))
        return to;
    for (size_t k = 1; k < vstart; k++)
        if (p->words[k].type == SR_W_COMMA)
            return to;
    for (size_t k = from; k < to; k++) {
        const sr_pword *w = &p->words[k];
        /* (but for a pronoun that stands for the subject after the comma:
         * "After police warned them that the rally was unauthorized, the
         * demonstrators marched") */
        if (word_is(w, "them") || word_is(w, "him") || word_is(w, "her"))
            return to;
        if (w->type == SR_W_COMMA && !w->in_compound)
            return k;
    }
    return to;
}

/* A dash stands between words k - 1 and k. */
static int dash_between(const sr_parse *p, size_t k)
{
    size_t a = p->words[k - 1].end, b = p->words[k].start;
    /* (the gap between two words: most are one space) */
    if (b - a < 3)
        return 0;
    for (size_t i = a; i + 1 < b; i++) {
        unsigned char c = (unsigned char)p->text[i];
        if ((c == '-' && i > a && p->text[i - 1] == ' ' && p->text[i + 1] == ' ') ||
            (c == 0xE2 && i + 2 < b && (unsigned char)p->text[i + 1] == 0x80 &&
             ((unsigned char)p->text[i + 2] == 0x93 || (unsigned char)p->text[i + 2] == 0x94)))
            return 1;
    }
    return 0;
}

size_t code_dash_cut(const sr_parse *p, size_t from, size_t vstart, size_t to)
{
    if (!p->text || from == 0 || vstart >= p->nwords)
        return to;
    /* (most sentences have no dash and no hyphen: one search says so) */
    const char *t0 = p->text + p->words[0].start;
    size_t span = p->words[vstart].start - p->words[0].start;
    if (!memchr(t0, '-', span) && !memchr(t0, 0xE2, span))
        return to;
    /* (the verb inside an aside: an odd count of dashes before it) */
    int open = 0;
    for (size_t k = 1; k <= vstart && k < p->nwords; k++)
        open ^= dash_between(p, k);
    if (!open)
        return to;
    for (size_t k = from; k < to && k < p->nwords; k++)
        if (dash_between(p, k))
            return k;
    return to;
}
