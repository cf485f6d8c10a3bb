/*
 * object.c - the target a verb takes after it, when no pattern named one:
 * the first actor after the verb in its clause, less those the clause
 * names for another reason (where the act came from, when it happened,
 * whom it helped, what it led to).
 */
#include "code_int.h"

/* Actor u is the word "military" alone before a noun of what armies
 * have or do. */
static int military_kind(const sr_parse *p, int u)
{
    static const char *const kinds[] = {
        "aid", "assistance", "cooperation", "co-operation", "agreement", "agreements", "deal",
        "deals", "program", "programme", "programs", "programmes", "support", "ties",
        "relations", "exercises", "exercise", "drills", "training", "equipment", "hardware",
        "supplies", "spending", "budget", "pact", "alliance", "buildup", "build-up", "strategy",
        "plan", "plans", "options", "option", "capabilities", "capability", "solution", "package",
        "sales", "exports", "purchases", "contracts", "contract", "technology", "advisers",
        "advisors", "coordination", "co-ordination", "links", "partnership", NULL};
    const sr_pactor *a = &p->actors[u];
    if (a->end != a->start + 1 || a->end >= p->nwords || a->is_pronoun ||
        !word_is(&p->words[a->start], "military"))
        return 0;
    const sr_pword *n = &p->words[a->end];
    return n->actor < 0 && !n->cap && word_in(n, kinds);
}

int code_language_spoken(const sr_parse *p, int u)
{
    static const char *const speak[] = {"speaking", "speak", "speaks", "spoke", "spoken",
                                        "speakers", NULL};
    const sr_pactor *a = &p->actors[u];
    if (a->end != a->start + 1 || a->start == 0 || a->is_pronoun)
        return 0;
    const sr_pword *w = &p->words[a->start], *b = &p->words[a->start - 1];
    static const char *const tongues[] = {
        "arabic", "english", "french", "german", "russian", "turkish", "kurdish", "persian",
        "farsi", "hebrew", "chinese", "mandarin", "spanish", "urdu", "pashto", "dari", "italian",
        "portuguese", "japanese", "korean", "swahili", "hindi", "chechen", "armenian", "greek",
        "somali", "amharic", "tigrinya", "hausa", "ukrainian", "polish", "dutch", NULL};
    if (!w->cap || !word_in(b, speak) || !word_in(w, tongues))
        return 0;
    /* (not "speaking German officials") */
    return a->end >= p->nwords || (p->words[a->end].type != SR_W_AGENT &&
                                   p->words[a->end].type != SR_W_ACTOR &&
                                   p->words[a->end].type != SR_W_NOUN);
}

int code_object_after(const sr_dict *d, const sr_parse *p, const code_bloom *ws,
                      const sr_proot *v, size_t cend, int src, const char *code, int native,
                      int *origin)
{
    size_t tend = native ? code_effect_cut(p, v->end, code_speaker_cap(ws, v->end, cend)) : cend;
    /* (a relative clause's or an -ing phrase's object is before its
     * subject's own verb: "militants who besieged the town fired rockets
     * at the army" besieged no army) */
    if (native) {
        size_t mm = code_modifier_main(p, v, NULL);
        if (mm < tend)
            tend = mm;
        tend = code_opener_cut(p, v->end, v->start, tend);
        tend = code_dash_cut(p, v->end, v->start, tend);
    }
    /* (sitrep's conventions: nor in a clause of its own after
     * it, "toured the streets after the base fell to IS"; the
     * actor of a clause after an act of force is often what it
     * was aimed at: "struck when militants arrived") */
    int tgt = sr_parse_actor_in(p, v->end, tend, src);
    /* ("signed a military cooperation agreement with Syria", "suspended
     * a military aid program for Bosnia": "military" before a thing of
     * its own is a kind of that thing, no actor) */
    if (tgt >= 0 && native && military_kind(p, tgt))
        tgt = sr_parse_actor_in(p, p->actors[tgt].end, tend, src);
    /* (nor is a language spoken: "one of the men speaking German") */
    if (tgt >= 0 && native && code_language_spoken(p, tgt))
        tgt = sr_parse_actor_in(p, p->actors[tgt].end, tend, src);
    /* (where an act of force came from is not what it struck:
     * "fired rockets from Gaza at Israel") */
    if (tgt >= 0 && native && violent_code(code) &&
        strncmp(code, "192", 3) && p->actors[tgt].start < v->end + 8 &&
        code_origin(p, tgt, 0)) {
        *origin = tgt;
        tgt = code_next_actor(p, p->actors[tgt].end, tend, src);
    }
    /* (a truce broken is aimed at whoever made it: "despite a ceasefire
     * that Turkey and Russia brokered") */
    int truce = code[0] == '1' && code[1] == '9' && code[2] == '6';
    if (tgt >= 0 && native && !truce && code_in_time_phrase(p, v->end, tgt))
        tgt = -1;
    /* (the source's own forces are what it moves, not whom it
     * acts on: "withdrew its troops from Afghanistan", "sent
     * its troops into Syria") */
    if (tgt >= 0 && native && src >= 0 && code_own_forces(p, src, tgt)) {
        int t2 = sr_parse_actor_in(p, p->actors[tgt].end, tend, src);
        if (t2 >= 0)
            tgt = t2;
    }
    /* (a place's country in where an act of force happened is
     * no target, nor who holds the place when the act's victims
     * are named after it: "fired mortar shells at the Bab Touma
     * district of Damascus, killing three people" hit the people,
     * "shelled the rebel-held town ..., killing two civilians"
     * the civilians) */
    if (tgt >= 0 && native && violent_code(code) &&
        (code_place_part_of(p, tgt) || code_holder(p, tgt) ||
         code_located_state(p, tgt))) {
        int t2 = sr_parse_actor_in(p, p->actors[tgt].end, tend, src);
        if (t2 >= 0 && code_victim_after(p, tgt, t2))
            tgt = t2;
        /* (and a count before it is who was struck: "kills
         * at least 16 in northeast Syria", "wounded dozens more in
         * a militant-held town") */
        else if ((code_located_state(p, tgt) || code_holder(p, tgt)) &&
                 code_count_between(p, v->end, tgt))
            tgt = -1;
    }
    /* (nor, for any other act, who holds the place where it happened:
     * "evacuated from rebel-held Madaya", "blocked at a transit point in
     * government-held territory"; "aid delivered to rebel-held areas"
     * goes to them) */
    if (tgt >= 0 && native && !violent_code(code) && code_holder(p, tgt) &&
        code_holder_where(p, p->actors[tgt].start)) {
        int t2 = sr_parse_actor_in(p, p->actors[tgt].end, tend, src);
        /* (the next actor, but not more of the place: another holder, a
         * country alone, "Hass south of Idlib province Syria") */
        const char *c2 = t2 >= 0 ? sr_parse_actor_code(p, t2) : NULL;
        tgt = c2 && strlen(c2) > 3 && !code_holder(p, t2) && !code_place_part_of(p, t2) ? t2
                                                                                         : -1;
    }
    /* (nor in a relative clause after a comma: "pardoning a
     * turkey ahead of the holiday, which many Americans
     * celebrate" pardons no Americans) */
    if (tgt >= 0 && native && code_comma_relative_before(p, v->end, p->actors[tgt].start))
        tgt = -1;
    /* (nor one it was done to help: "struck to support the
     * SDF", "in support of Iraqi forces") */
    if (tgt >= 0 && native && violent_code(code))
        tgt = code_allied_object(p, v->end, tgt);
    /* (an act of force keeps the actor of a "when", "as" or
     * "while" clause: "struck when militants arrived"; not of
     * one of time, "wounding 90 hours after the US and Russia
     * announced a deal") */
    size_t cut;
    if (tgt >= 0 && native &&
        (cut = code_subclause_cut(p, v->end, p->actors[tgt].start, tend)) <
            p->actors[tgt].start &&
        (!violent_code(code) || ((word_is(&p->words[cut], "that") ||
                                  word_is(&p->words[cut], "which")) && !truce) ||
         (code_time_opener(&p->words[cut]) &&
          !code_violent_verb_after(d, p, p->actors[tgt].end, tend))))
        tgt = -1;
    return tgt;
}
