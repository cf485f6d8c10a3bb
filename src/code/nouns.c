/* Events named by nouns ("the air strikes on Idlib", "a Daesh attack"):
 * coded after the sentence's verbs, their sides from the noun's own
 * phrase, its owner or the clause's subject through a verb that takes it.
 * A noun that tells a verb's event again, or frames an act of force coded
 * before it, is no event of its own. */
#include <stdlib.h>
#include <string.h>

#include "code_int.h"

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

/* Where the sentence's regular verb events stand (bytes), sorted: the
 * events coded before the nouns (those after are all noun events). */
static int verb_starts(const emit_ctx *ec, sr_arena *a, size_t **out, size_t *n)
{
    const sr_event *evs = ec->ev->items;
    size_t *v = sr_arena_alloc(a, (ec->ev->len - ec->first_new + 1) * sizeof *v), k = 0;
    if (!v)
        return SR_ENOMEM;
    for (size_t i = ec->first_new; i < ec->ev->len; i++)
        if (!(evs[i].flags & (SR_EV_NOUN | SR_EV_SUBORD)))
            v[k++] = evs[i].verb_start;
    qsort(v, k, sizeof *v, cmp_size);
    *out = v;
    *n = k;
    return SR_OK;
}

/* Whether a sorted v[0..n) holds a value in [lo, hi). */
static int any_in(const size_t *v, size_t n, size_t lo, size_t hi)
{
    size_t i = sr_lower_bound(v, n, lo);
    return i < n && v[i] < hi;
}

/* An event noun before a verb of its clause coded the same is that event
 * told again: with no side, "Airstrikes on Idlib killed 12 people" is one
 * air strike, whose verb's pattern took the noun in by a set
 * ("&militaryaircraft"), which marks no word as the pattern's; with its
 * source alone (src, else -1), when the verb has that source, "Syrian
 * government air strikes on Tuesday killed at least 39 people" is one air
 * strike, the government's, on the people. */
static int told_by_verb(const emit_ctx *ec, const sr_parse *p, const sr_proot *v,
                        const char *code, int src)
{
    const sr_event *e = ec->ev->items;
    size_t at = p->words[v->start].start;
    size_t ss = src >= 0 ? p->words[p->actors[src].start].start : 0;
    int cl = p->words[v->start].clause;
    for (size_t i = ec->first_new; i < ec->ev->len; i++)
        if (!(e[i].flags & SR_EV_NOUN) && e[i].clause == cl && e[i].verb_start > at &&
            code_str_eq(e[i].code, code) &&
            (src < 0 || (e[i].source && e[i].source_start == ss)))
            return 1;
    return 0;
}

/* A side-less noun of force after "in" or "during" (over a determiner, a
 * count and "series of" or "wave of") names the frame of an act of force
 * or an arrest coded before it in its clause: "killed 20 rebels in a
 * raid", "have taken dozens of Palestinians in a series of raids" -- the
 * raid is no second event.  The index of that act's first event, or
 * SIZE_MAX. */
static size_t framing_act(const emit_ctx *ec, const sr_parse *p, const sr_proot *v,
                          const char *code)
{
    if (!violent_code(code))
        return SIZE_MAX;
    int framed = 0;
    for (size_t k = v->start, steps = 0; k > 0 && steps < 5 && !framed; k--, steps++) {
        const sr_pword *w = &p->words[k - 1];
        if (word_is(w, "in") || word_is(w, "during"))
            framed = 1;
        else if (!(w->type == SR_W_DETERM || w->type == SR_W_NUMBER || word_is(w, "of") ||
                   word_is(w, "series") || word_is(w, "wave") || word_is(w, "spate")))
            break;
    }
    if (!framed)
        return SIZE_MAX;
    const sr_event *e = ec->ev->items;
    size_t at = p->words[v->start].start;
    int cl = p->words[v->start].clause;
    /* (or of the clause before, when the act's victims are its own:
     * "five civilians were killed and many more wounded in the attack") */
    for (size_t i = ec->first_new; i < ec->ev->len; i++)
        if (!(e[i].flags & SR_EV_NOUN) && e[i].verb_start < at &&
            (e[i].clause == cl || (e[i].clause == cl - 1 && e[i].target && !e[i].source)) &&
            (violent_code(e[i].code) || !strncmp(e[i].code, "173", 3)))
            return i;
    return SIZE_MAX;
}

/* A side-less noun of fighting after "after", "following" or "amid"
 * (over a determiner, a count, qualifying words and "days of") is the
 * fight that an act of force coded before it in its clause came out of:
 * "Burmese troops have captured part of a Karen guerrilla stronghold
 * after five days of fighting" is the troops' fight with the guerrillas.
 * The index of that act's event, or SIZE_MAX. */
static size_t fought_before(const emit_ctx *ec, const sr_parse *p, const sr_proot *v,
                            const char *code)
{
    static const char *const spans[] = {"days", "weeks", "months", "hours", "years", "nights",
                                        "day", "week", "month", "night", NULL};
    if (strncmp(code, "19", 2))
        return SIZE_MAX;
    int after = 0;
    for (size_t k = v->start, steps = 0; k > 0 && steps < 6 && !after; k--, steps++) {
        const sr_pword *w = &p->words[k - 1];
        if (word_is(w, "after") || word_is(w, "following") || word_is(w, "amid"))
            after = 1;
        else if (w->actor >= 0 || w->cap || w->subord ||
                 !(w->type == SR_W_DETERM || w->type == SR_W_NUMBER || w->type == SR_W_ADJ ||
                   w->type == SR_W_NULL || word_is(w, "of")) ||
                 (w->type == SR_W_NULL && w->len > 4 && w->w[w->len - 1] == 's' &&
                  !word_in(w, spans)))
            break;
    }
    if (!after)
        return SIZE_MAX;
    const sr_event *e = ec->ev->items;
    size_t at = p->words[v->start].start;
    int cl = p->words[v->start].clause;
    for (size_t i = ec->first_new; i < ec->ev->len; i++)
        if (!(e[i].flags & (SR_EV_NOUN | SR_EV_SUBORD)) && e[i].verb_start < at &&
            e[i].clause == cl && e[i].source && e[i].code && !strncmp(e[i].code, "19", 2))
            return i;
    return SIZE_MAX;
}

/* act holds the sentence's words outside dropped clauses already when
 * nact is not SIZE_MAX (nact of them). */
/* The first word of the clause of root v, in *cs.  Returns 0 or
 * SR_ENOMEM (the clause index is built on first use). */
static int clause_start(wix *wx, const sr_parse *p, const sr_proot *v, size_t *cs)
{
    int rc = code_wix_clauses(wx);
    if (rc)
        return rc;
    int cl = p->words[v->start].clause;
    *cs = cl >= 0 && cl < p->nclauses ? wx->cstart[cl] : v->start;
    return SR_OK;
}

/* Who died in event noun v: the actor right before "died" (or "were
 * killed" the parse left untyped) a few words before it -- "Twelve
 * civilians died in air strikes", "Four protesters died from gunfire" --
 * not one the act spared ("no Russian servicemen died"); else -1. */
static int died_in(const sr_parse *p, const sr_proot *v)
{
    static const char *const died[] = {"died", "die", "dies", "perished", NULL};
    size_t k = v->start;
    for (int n = 0; k > 0 && n < 6; n++) {
        const sr_pword *w = &p->words[--k];
        if (word_in(w, died))
            break;
        if (w->actor >= 0 || w->subord || w->type == SR_W_VERB || w->type == SR_W_COMMA)
            return -1;
        if (n == 5)
            return -1;
    }
    if (k == 0 || !word_in(&p->words[k], died))
        return -1;
    /* (past "have", "had", "reportedly") */
    size_t e = k;
    while (e > 0 && e + 3 > k && p->words[e - 1].actor < 0 &&
           (p->words[e - 1].type == SR_W_AUXIL || code_ly_adverb(&p->words[e - 1])))
        e--;
    if (e == 0 || p->words[e - 1].actor < 0 || p->words[e - 1].subord)
        return -1;
    int u = p->words[e - 1].actor;
    size_t us = p->actors[u].start;
    if (p->actors[u].end != e || !sr_parse_actor_code(p, u) ||
        (us > 0 && word_is(&p->words[us - 1], "no")) ||
        (us > 1 && word_is(&p->words[us - 2], "no")))
        return -1;
    return u;
}

/* Actor u was killed or hurt in event noun v: "Killed", "Wounded" or
 * "Injured" right after it, which the parse did not take for a verb (a
 * headline's capitals: "135 Civilians Killed in Escalating Bombardment"),
 * then "in" and the noun's own words. */
static int hurt_in(const sr_parse *p, int u, const sr_proot *v)
{
    static const char *const hurt[] = {"killed", "wounded", "injured", NULL};
    size_t k = p->actors[u].end;
    if (k + 1 >= v->start || v->start - k > 5 || p->words[k].type == SR_W_VERB ||
        !word_in(&p->words[k], hurt) || !word_is(&p->words[k + 1], "in"))
        return 0;
    for (size_t j = k + 2; j < v->start; j++)
        if (p->words[j].actor >= 0 || p->words[j].subord || p->words[j].type == SR_W_VERB ||
            p->words[j].type == SR_W_COMMA)
            return 0;
    return 1;
}

/* The actor a relative pronoun stands for when it opens event noun v's
 * clause a few words before it, with no actor or comma between ("police,
 * who responded with tear gas": the police); else -1. */
static int rel_owner(const sr_parse *p, const sr_proot *v)
{
    for (size_t k = v->start; k > 0 && k + 4 > v->start;) {
        const sr_pword *w = &p->words[--k];
        if (w->actor >= 0 || w->type == SR_W_COMMA)
            return -1;
        if (code_rel_word(w))
            return code_rel_subject(p, k + 1);
    }
    return -1;
}

/* The noun at word i is what is plotted or planned ("plotting an attack
 * in Berlin"): aimed at a place, not done there. */
static int plotted(const sr_parse *p, size_t i)
{
    static const char *const plans[] = {"plot", "plan", "prepar", "threat", "vow", "intend",
                                        "conspir", NULL};
    for (size_t k = i; k > 0 && k + 4 > i;) {
        const sr_pword *w = &p->words[--k];
        if (w->type == SR_W_DETERM || w->type == SR_W_ADJ)
            continue;
        return sr_has_stem(w->w, w->len, plans);
    }
    return 0;
}

int code_nouns(const sr_dict *d, const sr_dict_options *opt, const sr_parse *p,
                      emit_ctx *ec, wix *wx, size_t *act, size_t nact,
                      const char *in_pattern, verb_match *vmscratch, size_t **used, size_t *maxel,
                      sr_arena *a, code_bloom *ws, sr_vec *quiet)
{
    size_t *vstarts = NULL, nvstarts = 0;
    size_t m = nact != SIZE_MAX ? nact : 0;
    int have_act = nact != SIZE_MAX;
    ws->vb_act = NULL; /* act is the whole sentence's now */
    for (size_t r = 0; r < p->nroots; r++) {
        const sr_proot *v = &p->roots[r];
        if (v->type != SR_W_EVNOUN || p->words[v->start].subord)
            continue;
        if (in_pattern[v->start])
            continue;
        /* sitrep's conventions: an event noun that names a charge, a trial
         * or a suspect is no event told ("faces murder charges", "a bombing
         * suspect", "the murder trial") */
        if (opt->native && ((v->end < p->nwords && code_legal_word(&p->words[v->end])) ||
                            code_charge_before(p, v->start) || code_stopped_before(p, v->start) ||
                            code_qualifies_noun(p, v)))
            continue;
        /* The sentence's words outside dropped clauses, once it has an
         * event noun to code (most have none). */
        for (size_t i = 0; !have_act && i < p->nwords; i++)
            if (!p->words[i].subord)
                act[m++] = i;
        have_act = 1;
        verb_match *vm = vmscratch;
        int rc = code_match_verb(d, p, v, act, m, vm, used, maxel, a, ws, opt->native);
        if (rc)
            return rc;
        sr_dict_code code = vm->code;
        if ((rc = code_note_quiet(quiet, a, p, v, vm)))
            return rc;
        if (!vm->ok || (code.flags & (SR_DICT_C_NULL | SR_DICT_C_NONE | SR_DICT_C_DISCARD |
                                      SR_DICT_C_COMPLEX)) || !code.code)
            continue;
        /* sitrep's conventions: "the army destroyed a car bomb", "police
         * defused an IED": a bomb stopped or found is no bombing */
        if (opt->native && code.code[0] == '1' && code.code[1] == '8' && code.code[2] == '3' &&
            code_disarmed_before(p, v->start))
            continue;
        int src = vm->src, tgt = vm->tgt;
        if (src < 0 || tgt < 0) {
            /* The sides a pattern left open come from the noun's owner,
             * "by", "between" and "on" as without a pattern. */
            int s2, t2;
            code_noun_actors(p, v, opt->native && violent_code(code.code) && !plotted(p, v->start), &s2, &t2);
            if (tgt < 0 && (t2 != src || src < 0))
                tgt = t2;
            if (src < 0 && (s2 != tgt || tgt < 0 || s2 == t2))
                src = s2;
            /* "according to the media two car bombs went off": the one who
             * says so is no owner of what it reports */
            size_t rs;
            if (opt->native && src >= 0 && src == s2 && vm->src < 0)
                src = code_report_source(ws, p, src, v->start, tgt, &rs);
            /* sitrep's conventions: civilians, a hospital or a school
             * right before an act of violence are what it struck
             * ("hospital bombings", "civilian casualties", "Civilian
             * massacre"), not who did it */
            if (opt->native && src >= 0 && src == s2 && vm->src < 0 &&
                p->actors[src].end == v->start && violent_code(code.code) &&
                victim_sector(sr_parse_actor_code(p, src))) {
                if (tgt < 0)
                    tgt = src;
                src = -1;
            }
        }
        /* ("are fighting alongside the Nusra Front", "strikes in support
         * of the SDF": a side it helps is no target) */
        if (opt->native && tgt >= 0 && violent_code(code.code) && p->actors[tgt].start >= v->end)
            tgt = code_allied_object(p, v->end, tgt);
        /* "the attack on Sunday an AFP correspondent said": the speaker
         * is no target (speech.c) */
        if (opt->native && tgt >= 0 && vm->tgt < 0 && code_is_speaker(ws, p, tgt))
            tgt = -1;
        /* sitrep's conventions: "people living under siege", "towns under
         * government siege", "under attack by rebels": those before
         * "under" suffer it; its doer stands inside the phrase or after
         * "by", never as the clause's subject */
        size_t und = opt->native && vm->src < 0 && vm->tgt < 0 ? code_under_noun(p, v) : SIZE_MAX;
        if (und != SIZE_MAX) {
            int inner = sr_parse_actor_in(p, und + 1, v->start, -1);
            if (inner >= 0)
                src = inner;
            else if (src >= 0 && p->actors[src].start < v->start)
                src = -1;
            int outer = code_under_sufferer(p, und);
            if (outer >= 0 && outer != src)
                tgt = outer;
        }
        if (src < 0 && opt->native && und == SIZE_MAX && violent_code(code.code))
            src = code_comma_participle_subject(p, v, tgt);
        if (src < 0 && opt->native && und == SIZE_MAX) {
            /* "French warships launched war games": the clause's subject. */
            size_t cs;
            if ((rc = clause_start(wx, p, v, &cs)))
                return rc;
            /* (or the noun phrase a relative pronoun opening the noun's
             * clause follows: "police, who responded with tear gas") */
            src = rel_owner(p, v);
            if (src < 0 || src == tgt)
                src = sr_parse_actor_in(p, cs, v->start, tgt);
            /* nor from a speaker: "Activists said an air strike hit ..." */
            size_t rs;
            src = code_report_source(ws, p, src, v->start, tgt, &rs);
            /* (nor are those killed or hurt in it: "135 Civilians Killed
             * in Escalating Bombardment") */
            if (src >= 0 && violent_code(code.code) && hurt_in(p, src, v)) {
                if (tgt < 0)
                    tgt = src;
                src = -1;
            }
            /* Not across a verb that is an event of its own: in "Arnor
             * condemned the shelling" Arnor condemned, it did not shell.
             * A statement is no such event: "Italy announced a suspension
             * of air links" is Italy's suspension. */
            if (src >= 0) {
                if (!vstarts && (rc = verb_starts(ec, a, &vstarts, &nvstarts)))
                    return rc;
                size_t from = p->words[p->actors[src].end - 1].end;
                if (any_in(vstarts, nvstarts, from, p->words[v->start].start))
                    src = -1;
            }
            /* The subject does the noun's event only through a verb that
             * takes it ("launched war games", "carried out air strikes",
             * "stepped up its bombing"): "Civilians brought to hospital
             * after the gas attack" did not attack. */
            if (src >= 0 && (!code_supports(p, p->actors[src].end, v->start) ||
                             (violent_code(code.code) &&
                              !code_supports_violence(p, p->actors[src].end, v->start)))) {
                /* (but the subject of a clause opened before the noun may
                 * do an act of force or coercion: "Syria has been gripped
                 * by violence since the regime launched a violent
                 * crackdown") */
                size_t op = violent_code(code.code) || (code.code[0] == '1' && code.code[1] == '7')
                                ? code_clause_opener(p, p->actors[src].end, v->start)
                                : SIZE_MAX;
                int s2 = op != SIZE_MAX ? sr_parse_actor_in(p, op + 1, v->start, tgt) : -1;
                src = s2 >= 0 && code_supports(p, p->actors[s2].end, v->start) &&
                              (!violent_code(code.code) ||
                               code_supports_violence(p, p->actors[s2].end, v->start))
                          ? s2
                          : -1;
            }
            if (src >= 0 && code_holder(p, src))
                src = -1;
            if (src >= 0)
                src = code_past_based(p, src, v->start, tgt);
        }
        /* sitrep's conventions: who suffered, endured or sustained it was
         * its target ("Germany suffered a spate of attacks"), with a doer
         * named after it or not ("the rebels suffered more attacks by the
         * army") */
        if (opt->native && tgt < 0 && violent_code(code.code) &&
            (src < 0 || p->actors[src].start > v->start)) {
            size_t cs;
            if ((rc = clause_start(wx, p, v, &cs)))
                return rc;
            int u = sr_parse_actor_in(p, cs, v->start, -1), suffers = 0;
            if (u >= 0 && u != src && code_meets_event(p, p->actors[u].end, v->start, &suffers) &&
                suffers)
                tgt = u;
            else if (src < 0)
                tgt = died_in(p, v);
        }
        /* (nor does "civilian" before a noun: "civilian casualties since
         * the coalition began its bombing campaign") */
        if (opt->native && src >= 0 && vm->src < 0 && code_attributive_civilian(p, src))
            src = -1;
        sr_event proto;
        memset(&proto, 0, sizeof proto);
        proto.verb_start = p->words[v->start].start;
        proto.verb_end = p->words[v->end - 1].end;
        proto.pattern = vm->ptext;
        proto.clause = p->words[v->start].clause;
        proto.flags = SR_EV_NOUN;
        if (opt->native && src >= 0 && tgt < 0 && !p->actors[src].is_pronoun &&
            told_by_verb(ec, p, v, code.code, src))
            continue;
        if (src < 0 && tgt < 0) {
            /* (a noun with a side of its own keeps it: the verb may lack it) */
            if (opt->native && told_by_verb(ec, p, v, code.code, -1))
                continue;
            size_t fa = opt->native ? framing_act(ec, p, v, code.code) : SIZE_MAX;
            if (fa != SIZE_MAX) {
                /* (the frame names the means a plain use of force left
                 * out: "killed 100 militants in a series of airstrikes"
                 * is an air strike) */
                sr_event *e = ec->ev->items;
                if (code_str_eq(e[fa].code, "190") && !code_str_eq(code.code, "190"))
                    for (size_t j = ec->first_new; j < ec->ev->len; j++)
                        if (e[j].verb_start == e[fa].verb_start && code_str_eq(e[j].code, "190"))
                            e[j].code = code.code;
                continue;
            }
            size_t fb = opt->native ? fought_before(ec, p, v, code.code) : SIZE_MAX;
            if (fb != SIZE_MAX) {
                const sr_event *f = &((const sr_event *)ec->ev->items)[fb];
                proto.source_text = f->source_text;
                proto.source_start = f->source_start;
                proto.source_end = f->source_end;
                proto.target_text = f->target_text;
                proto.target_start = f->target_start;
                proto.target_end = f->target_end;
                const char *fs = f->source, *ft = f->target;
                if ((rc = code_push_event(ec, fs, ft, -1, -1, code.code, &proto)))
                    return rc;
                continue;
            }
            if ((rc = code_push_event(ec, NULL, NULL, -1, -1, code.code, &proto)))
                return rc;
            continue;
        }
        if ((rc = code_emit(ec, src, tgt, NULL, NULL, &code, &proto)))
            return rc;
    }
    return SR_OK;
}
