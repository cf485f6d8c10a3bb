/* Sentence coding: complexity filter, clauses, verbs left to right, source
 * and target search (TABARI manual 5.8, 7.6, 7.9, 8.5, 8.7). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code_int.h"

static const char *acode(const sr_parse *p, int u) { return sr_parse_actor_code(p, u); }

static int actor_in(const sr_parse *p, size_t from, size_t to, int avoid)
{
    return sr_parse_actor_in(p, from, to, avoid);
}

/* An actor code whose last agent is MED (news media: GBRMED, FRAMED,
 * SYRGOVMED). */
static int media_code(const char *c)
{
    size_t n = c ? strlen(c) : 0;
    return n >= 3 && !memcmp(c + n - 3, "MED", 3);
}


int sr_code_sentence(const sr_dict *d, const sr_dict_options *opt, sr_arena *a,
                     const sr_parse *p, sr_vec *events, int *why)
{
    return sr_code_sentence_quiet(d, opt, a, p, events, NULL, why);
}

int sr_code_sentence_quiet(const sr_dict *d, const sr_dict_options *opt, sr_arena *a,
                           const sr_parse *p, sr_vec *events, sr_vec *quiet, int *why)
{
    if (why)
        *why = SR_CODE_OK;
    if (p->discard) {
        if (why)
            *why = SR_CODE_DISCARD;
        return SR_OK;
    }
    size_t nw = 0;
    for (size_t i = 0; opt->minimum_words > 0 && i < p->nwords; i++)
        if (p->words[i].type != SR_W_QUOTE)
            nw++;
    if (opt->minimum_words > 0 && nw < (size_t)opt->minimum_words) {
        if (why)
            *why = SR_CODE_COMPLEX;
        return SR_OK;
    }
    if (code_complex_sentence(opt, p)) {
        if (why)
            *why = SR_CODE_COMPLEX;
        return SR_OK;
    }
    /* The types of the roots outside dropped clauses, as bits, in one
     * pass with no branch: only a verb, a <TIME> phrase or an event noun
     * codes anything (a sentence without one needs no set-up), and the
     * <TIME> and event-noun passes below run only when there is one. */
    unsigned kinds = 0;
    for (size_t r = 0; r < p->nroots; r++)
        kinds |= (unsigned)!p->words[p->roots[r].start].subord << (p->roots[r].type & 31);
    if (!(kinds & (1u << SR_W_VERB | 1u << SR_W_TIME | 1u << SR_W_EVNOUN)))
        return SR_OK;
    emit_ctx ec = {p, a, events, events->len, NULL, 0, opt->native, -1, NULL};
    size_t *act = sr_arena_alloc(a, (p->nwords + 1) * sizeof *act);
    verb_match *vm = sr_arena_alloc(a, (p->nroots + 1) * sizeof *vm);
    size_t maxel = 64; /* grown on demand in code_match_verb */
    size_t *used = sr_arena_alloc(a, maxel * sizeof *used);
    code_bloom ws;
    wix wx = {p, a, NULL, NULL, NULL};
    if (!act || !vm || !used)
        return SR_ENOMEM;
    ws.d = d;
    ws.seq = p->seq;
    ws.made = 0;
    ws.report_at = ws.report_open = ws.speaker_at = ws.speaker_end = NULL;
    ws.nreports = ws.nspeakers = 0;
    ws.vb_act = NULL;
    int carried = -1, rc, any_regular = 0, done = 0;
    if (opt->native && (rc = code_reports(&ws, p, a)))
        return rc;
    /* Clauses ending with no carried source leave it to the first actor
     * of the first of them that has one: the words [pend_lo, pend_hi)
     * of those not searched yet (pend_lo SIZE_MAX: none), searched when
     * a later clause needs the carried source. */
    size_t pend_lo = SIZE_MAX, pend_hi = 0;
    /* sitrep's conventions: the first pending clause had a weapon or an
     * attack for the subject of its verb ("Air raids killed 16 civilians
     * and wounded 22"): a later clause whose verb follows the conjunction
     * has that subject too, not the first actor after the first verb (the
     * victims). */
    int carried_none = 0;
    /* the end of the last participle that qualified a noun ("tuna
     * imported from Thailand"), SIZE_MAX none: one after AND qualifies it
     * too ("and sold at a cafe") */
    size_t noun_part_end = SIZE_MAX;
    int passive_victims = -1; /* the last event's, when it was a passive */
    int counted_victims = -1; /* the last event's, when it was a headline's passive */
    /* Three zeroed arrays in one block (one clearing, not three):
     * per clause its first word (cs, below) and whether it found a
     * regular event (under CODE BY CLAUSE a subordinate event yields only
     * to one in its own clause, 7.6.1); per word whether a coded verb
     * pattern took it in (an event noun there is part of that event:
     * "launched air strikes on +"). */
    size_t ncl = (size_t)p->nclauses + 1;
    uint32_t *cs = sr_arena_calloc(a, ncl * sizeof *cs + ncl + p->nwords + 1, 1);
    if (!cs)
        return SR_ENOMEM;
    char *clause_regular = (char *)(cs + ncl);
    char *in_pattern = clause_regular + ncl;
    uint32_t *uses = NULL; /* per word, for PETRARCH's consumed verbs */
    /* Time shifts (TABARI 10.5): the sentence's first <TIME> phrase whose
     * code is no null moves the dates of its events. */
    int32_t shift = 0;
    size_t shift_start = 0, shift_end = 0;
    if (opt->time_shifting && (kinds & 1u << SR_W_TIME)) {
        int tw = code_time_shift(d, p, act, &vm[0], &used, &maxel, a, &ws, opt->native, &shift,
                            &shift_start, &shift_end);
        if (tw < 0)
            return tw;
        if (tw) {
            if (why)
                *why = tw;
            return SR_OK;
        }
    }
    /* Clause numbers rise along the sentence (structure.c), so one pass
     * over words and roots serves every clause: no scan per clause.  Each
     * clause's words follow the last one's in act, so when the clauses
     * take in every word, act is the sentence's words outside dropped
     * clauses for the event nouns too, and cs their first words. */
    size_t wi = 0, ri = 0, base = 0;
    const int one_clause = p->nclauses == 1; /* every root is in clause 0 */
    for (int cl = 0; cl < p->nclauses && !done; cl++) {
        size_t m = 0, cstart = wi, cend;
        size_t *act_all = act;
        act = act_all + base;
        /* act has room for every word: each is written, kept when it is
         * outside a dropped clause (no branch) */
        if (p->nclauses > 1) {
            for (; wi < p->nwords && p->words[wi].clause == cl; wi++) {
                act[m] = wi;
                m += !p->words[wi].subord;
            }
        } else if (p->ncommas) {
            /* one clause (most sentences): every word is in it */
            for (; wi < p->nwords; wi++) {
                act[m] = wi;
                m += !p->words[wi].subord;
            }
        } else {
            /* and without a comma no word is in a dropped clause */
            for (; wi < p->nwords; wi++)
                act[wi] = wi;
            m = wi;
        }
        ws.vb_act = NULL; /* (act may point where time_shift's words were) */
        cend = wi;
        base += m;
        if (cstart == cend) {
            act = act_all;
            continue;
        }
        cs[cl] = (uint32_t)cstart;
        int found = 0, found_main = 0, found_src = -1, found_tgt = -1, coded_main = 0;
        size_t found_sub = SIZE_MAX, found_vend = cstart;
        size_t lead_w = (size_t)-1;
        /* Match every verb of the clause first: with PETRARCH's
         * conventions a verb that is a literal of another verb's pattern
         * ("INDICATED SHOULD *") is part of that event, not one of its own. */
        size_t nv = 0;
        for (; ri < p->nroots && (one_clause || p->words[p->roots[ri].start].clause <= cl); ri++) {
            const sr_proot *v = &p->roots[ri];
            if (v->type != SR_W_VERB || p->words[v->start].clause != cl ||
                p->words[v->start].subord)
                continue;
            vm[nv].root = ri;
            if ((rc = code_match_verb(d, p, v, act, m, &vm[nv], &used, &maxel, a, &ws,
                                      opt->native)))
                return rc;
            nv++;
        }
        if (p->style == SR_STYLE_PETRARCH && nv > 1) {
            /* A verb is consumed by another verb's pattern, not its own:
             * how many patterns took in each word, less its own. */
            if (!uses && !(uses = sr_arena_calloc(a, p->nwords + 1, sizeof *uses)))
                return SR_ENOMEM;
            for (size_t x = 0; x < nv; x++)
                for (uint32_t u = 0; u < vm[x].nused; u++)
                    uses[act[vm[x].used[u]]]++;
            for (size_t y = 0; y < nv; y++) {
                size_t vw = p->roots[vm[y].root].start;
                uint32_t own = 0;
                for (uint32_t u = 0; u < vm[y].nused; u++)
                    own += act[vm[y].used[u]] == vw;
                vm[y].consumed = uses[vw] > own;
            }
            for (size_t x = 0; x < nv; x++)
                for (uint32_t u = 0; u < vm[x].nused; u++)
                    uses[act[vm[x].used[u]]]--;
        }
        for (size_t x = 0; x < nv && !done; x++) {
            if (vm[x].consumed || !vm[x].ok)
                continue;
            if (opt->native && code_adjectival(p, &p->roots[vm[x].root]))
                continue;
            const sr_proot *v = &p->roots[vm[x].root];
            if (found && !opt->check_dominant)
                break;
            sr_dict_code code = vm[x].code;
            const char *ptext = vm[x].ptext;
            int dsrc = vm[x].src, dtgt = vm[x].tgt, comp = vm[x].comp;
            if (code.flags & (SR_DICT_C_DISCARD | SR_DICT_C_COMPLEX)) {
                /* A matched discard or complex phrase voids the sentence. */
                events->len = ec.first_new;
                if (why)
                    *why = (code.flags & SR_DICT_C_DISCARD) ? SR_CODE_DISCARD : SR_CODE_COMPLEX;
                return SR_OK;
            }
            if ((code.flags & (SR_DICT_C_NULL | SR_DICT_C_NONE)) || !code.code) {
                if ((rc = code_note_quiet(quiet, a, p, v, &vm[x])))
                    return rc;
                continue;
            }
            int dominant = (code.flags & SR_DICT_C_DOMINANT) != 0;
            /* sitrep's conventions: a clause inside the clause with its
             * own subject has an event of its own ("bombed Gaza after
             * Hamas fired rockets at Israel", "After Hamas fired rockets,
             * jets bombed Gaza") */
            int after_verb = 0;
            /* (asked when it matters: after an event, or for one) */
            size_t region = SIZE_MAX;
            int region_known = !opt->native;
            if (found && !dominant && !region_known) {
                region = code_subclause_region(p, cstart, v, &after_verb);
                region_known = 1;
            }
            int more = found && opt->native && !dominant &&
                       (region == SIZE_MAX ? !found_main && !after_verb : region != found_sub);
            if (found && !dominant && !more)
                continue;
            /* ("killing three people and wounding 11": the second
             * participle of harm tells the same act as the first) */
            int pair = opt->native ? code_harm_pair(p, v) : 0;
            if (pair) {
                /* (an act told, when the pair opens a clause of its own:
                 * its other verbs are as after one, "... and wounding 90
                 * hours after the US and Russia announced a deal"
                 * announced nothing to them) */
                if (pair == 2) {
                    found = found_main = 1;
                    found_vend = v->end;
                }
                continue;
            }
            /* ("Jabhat Fatah al-Sham (banned in Russia)": a participle
             * opening a parenthesis describes the name before it) */
            if (opt->native && v->start > 0 && code_participle(&p->words[v->start]) &&
                (word_is(&p->words[v->start - 1], "(") ||
                 (v->start > 1 && word_is(&p->words[v->start - 2], "(") &&
                  (word_is(&p->words[v->start - 1], "both") ||
                   word_is(&p->words[v->start - 1], "all") ||
                   word_is(&p->words[v->start - 1], "each")))))
                continue;   /* (and "(both outlawed in Russia)") */
            /* ("faces murder charges": a verb's plain form before a word
             * of the courts is a noun, no event) */
            if (opt->native && v->end - v->start == 1 && v->end < p->nwords &&
                code_legal_word(&p->words[v->end]) && code_plain_form(&p->words[v->start]))
                continue;
            /* (nor is one after a charge: "faces charges of second-degree
             * and attempted murder") */
            if (opt->native && v->end - v->start == 1 && violent_code(code.code) &&
                code_plain_form(&p->words[v->start]) && code_charge_before(p, v->start))
                continue;
            /* (nor one a pause or a halt stops: "a four-day pause in
             * strikes" -- a noun after "in", however the parse typed it) */
            if (opt->native && v->end - v->start == 1 && violent_code(code.code) &&
                code_stopped_before(p, v->start))
                continue;
            /* (nor a gerund joined by "and" to one after "of" or "for":
             * "accused the government of launching a chemical attack and
             * killing 1,000 people" -- the second act is the accusation's,
             * as the first is) */
            if (opt->native && code_joined_gerund_complement(p, v, cstart))
                continue;
            /* Source: designated, else the clause's opening actor, the
             * carried source, or the first actor before the verb. */
            int src = dsrc, tgt = dtgt;
            /* (a pattern's target too: "are fighting alongside the Nusra
             * Front" fight no Nusra) */
            if (opt->native && tgt >= 0 && violent_code(code.code) &&
                p->actors[tgt].start >= v->end)
                tgt = code_allied_object(p, v->end, tgt);
            /* (a pattern's target is no maker either: "strengthened its
             * forces in Lebanon following the discovery of Russian-made
             * rockets"; without one the search below finds the target) */
            if (opt->native && tgt >= 0)
                tgt = code_past_based(p, tgt, cend, src);
            int is_passive = dsrc < 0 && dtgt < 0 && !comp && code_passive(p, v);
            int by_passive = is_passive;   /* (code_passive() saw its BY) */
            int victims = -1,
                reduced = opt->native && !is_passive && dsrc < 0 && dtgt < 0 && !comp
                              ? code_reduced_passive(p, v, cend, &victims)
                              : 0;
            if (reduced == 1)
                is_passive = 1;
            /* (verbs.c: no pattern's subject before a passive, reduced or
             * after a form of "be": "the protesters were killed" were no
             * violent protesters) */
            if (reduced || (opt->native && dsrc < 0 && dtgt < 0 && !comp &&
                            (code_be_passive(p, v) || code_noun_participle(p, v))))
                if (code_passive_own(d, v, &vm[x], &code, &ptext))
                    continue;
            /* sitrep's conventions: "..., the Fire Department said" is
             * the fire department's statement, or no event when its
             * speaker is no actor: never that of an actor in what it
             * reports */
            int speaker_final = 0, no_subject = 0, elided_passive = 0, went_to = 0;
            if (opt->native && src < 0 && !comp && !is_passive) {
                size_t k1, k0 = code_speaker_segment(&ws, p, v->start, v->end, &k1);
                if (k0 != SIZE_MAX) {
                    speaker_final = 1;
                    src = actor_in(p, k0, k1, tgt);
                    /* (the apposition the comma rule dropped: '"...,"
                     * Peter Deng, a government spokesman, told') */
                    for (size_t u = 0; src < 0 && u < p->nactors; u++)
                        if (p->actors[u].start >= k0 && p->actors[u].start < k1 &&
                            (int)u != tgt && acode(p, (int)u))
                            src = (int)u;
                    /* '"... victims and martyrs" he said': a pronoun whose
                     * antecedent is inside the report is someone else */
                    if (src >= 0 && p->actors[src].is_pronoun &&
                        p->actors[sr_parse_resolve(p, (size_t)src)].start < k0)
                        src = -1;
                }
            }
            /* sitrep's conventions: a verb of saying whose subject is a
             * pronoun that stands for no actor has no source from further back
             * ("raids killed 16 civilians and wounded 22 it said" is no
             * statement of the civilians) */
            if (src < 0 && opt->native && !comp && !speaker_final && code_bare_pronoun_subject(p, v) &&
                code_saying_word(&p->words[v->end - 1]))
                no_subject = 1;
            if (src < 0 && cl > 0 && !speaker_final && !no_subject) {
                /* A later clause keeps the sentence's source unless a noun
                 * phrase right after the conjunction names a new one
                 * ("and cool minister Calimehtar warned"; manual 7.6). */
                if (lead_w == (size_t)-1) {
                    /* The same for every verb of the clause (a verb stops
                     * the walk): found once. */
                    size_t w = cstart + 1;
                    int skipped = 0;
                    while (w < cend && p->words[w].actor < 0 && skipped < 2 &&
                           (p->words[w].type == SR_W_DETERM || p->words[w].type == SR_W_ADJ ||
                            p->words[w].type == SR_W_NULL ||
                            /* (sitrep's: a count, "stayed home and 25
                             * activists were arrested", after a clause with
                             * a verb of its own; "said 30 soldiers and 39
                             * rebels were killed" joins the subjects) */
                            (opt->native && p->words[w].type == SR_W_NUMBER &&
                             code_own_verb_before(p, cstart)) ||
                            (p->style == SR_STYLE_PETRARCH && p->words[w].type == SR_W_PRONOUN))) {
                        if (p->words[w].type == SR_W_NULL)
                            skipped++;
                        w++;
                    }
                    lead_w = w;
                }
                size_t w = lead_w < v->start ? lead_w : v->start;
                int u = w < v->start ? p->words[w].actor : -1;
                if (u >= 0 && p->actors[u].start == w && acode(p, u)) {
                    src = u;
                } else {
                    /* (only a verb right after the conjunction, or after
                     * one adverb, leaves out its subject) */
                    no_subject = carried < 0 && carried_none && v->start <= cstart + 2 &&
                                 (v->start <= cstart + 1 || code_verb_adverb(&p->words[cstart + 1]));
                    if (opt->native && noun_part_end != SIZE_MAX && noun_part_end <= cstart &&
                        v->start == cstart + 1 && v->end - v->start == 1 && v->end < cend &&
                        code_past_participle(&p->words[v->start]) &&
                        (p->words[v->end].type == SR_W_PREP || code_part_prep(&p->words[v->end])))
                        no_subject = 1;
                    if (carried < 0 && pend_lo != SIZE_MAX && !no_subject) {
                        carried = actor_in(p, pend_lo, pend_hi, -1);
                        /* (not an act of force's object: "the monitor said
                         * air raids killed 16 civilians and wounded 22"
                         * has no civilians wounding anyone) */
                        if (opt->native && carried >= 0 && violent_code(code.code) &&
                            code_force_object(d, p, pend_lo, p->actors[carried].start)) {
                            carried = -1;
                            no_subject = 1;
                        }
                        /* (nor where the act before went: "One of the
                         * shells smashed into a high school and injured
                         * three" has no school injuring them) */
                        for (int hop = 0; opt->native && carried >= 0 && hop < 8 &&
                                          code_after_place_prep(p, p->actors[carried].start);
                             hop++) {
                            carried = hop < 7 ? actor_in(p, p->actors[carried].end, pend_hi, -1)
                                              : -1;
                            no_subject |= went_to = carried < 0;
                        }
                        pend_lo = SIZE_MAX;
                    }
                    src = carried;
                    /* sitrep's conventions: a noun no actor names, right
                     * before the clause's verb or its auxiliary, is the
                     * clause's own subject ("captured several villages and
                     * fighting has blocked a main road"): the sentence's
                     * source is not carried over it */
                    if (opt->native && w == cstart + 1 && w < v->start && u < 0 &&
                        p->words[cstart].type == SR_W_CONJ && !p->words[w].cap &&
                        (p->words[w].type == SR_W_EVNOUN || p->words[w].type == SR_W_NOUN) &&
                        (w + 1 == v->start || p->words[w + 1].type == SR_W_AUXIL ||
                         (w + 2 == v->start && code_finite_aux(&p->words[w + 1])))) {
                        src = -1;
                        no_subject = 1;
                    }
                    /* sitrep's conventions: "were abducted and shot dead":
                     * a participle right after the conjunction of a
                     * passive is passive too, done to its victims */
                    if (opt->native && passive_victims >= 0 &&
                        (v->start == cstart + 1 ||
                         (v->start == cstart + 2 && code_victims_count(&p->words[cstart + 1]))) &&
                        code_participle(&p->words[v->start]))
                        elided_passive = 1;
                    if (opt->native && counted_victims >= 0 && v->start == cstart + 2 &&
                        code_victims_count(&p->words[cstart + 1]) &&
                        code_participle(&p->words[v->start])) {
                        elided_passive = 1;
                        passive_victims = counted_victims;
                    }
                }
            }
            if (src < 0 && opt->native && !speaker_final && !no_subject) {
                /* "..., a rights group protested": the actor of the verb's
                 * own comma segment first (without a comma, the clause's). */
                size_t k = p->ncommas ? v->start : cstart;
                for (size_t steps = 0; k > cstart && !(p->words[k - 1].type == SR_W_COMMA &&
                                                       !p->words[k - 1].in_compound &&
                                                       !p->words[k - 1].subord);
                     k--)
                    if (++steps == SCAN_SHORT) {
                        if (code_wix_need(&wx))
                            return SR_ENOMEM;
                        k = wx.seg[v->start] > cstart ? wx.seg[v->start] : cstart;
                        break;
                    }
                if (k > cstart)
                    src = actor_in(p, k, v->start, tgt);
            }
            if (src < 0 && !speaker_final && !no_subject)
                src = actor_in(p, 0, v->start, tgt);
            if (src < 0 && opt->native && dsrc < 0 && !comp && !speaker_final && !no_subject &&
                !is_passive)
                src = code_apposition_subject(p, cstart, v->start, tgt);
            if (src >= 0 && opt->native && dsrc < 0 && !comp && !speaker_final && !is_passive &&
                p->actors[src].end < v->start)
                src = code_past_fronted_place(p, src, v->start, tgt);
            /* sitrep's conventions: who saw, watched or heard an act did
             * not do it; the one seen doing it did ("Residents saw Russian
             * jets bomb the market": the jets) */
            int perceived = 0;
            if (src >= 0 && opt->native && dsrc < 0 && !comp && !is_passive &&
                p->actors[src].end < v->start) {
                int u = code_perceived_subject(p, src, v->start);
                if (u != -1) {
                    src = u < 0 ? -1 : u;
                    perceived = 1;
                }
            }
            int part_unknown = 0, sub_none = 0;
            if (opt->native && dsrc < 0 && !comp && !speaker_final)
                src = code_participle_source(p, v, src, tgt, &part_unknown);
            /* sitrep's conventions: a participle right after a noun that is
             * no actor, before a preposition, qualifies the noun ("tuna
             * imported from Thailand", "weapons seized on a boat"): an
             * actor named before that noun did not do it */
            if (opt->native && dsrc < 0 && !comp && !speaker_final &&
                code_noun_participle_prep(p, v)) {
                noun_part_end = v->end;
                if (src >= 0 && p->actors[src].end + 1 < v->start &&
                    !code_prep_phrase_noun(p, p->actors[src].end, v->start - 1))
                    src = -1;
            }
            /* (a statement at the end is its speaker's: "..., where
             * civilians are struggling, UN agencies said") */
            if (opt->native && dsrc < 0 && !comp && !speaker_final && !is_passive && !reduced &&
                !(code.code[0] == '0' && code.code[1] == '1'))
                src = code_subclause_source(p, v, src, tgt, &sub_none);
            part_unknown |= sub_none && violent_code(code.code);
            /* sitrep's conventions: a relative clause's subject is the
             * noun phrase its pronoun follows ("turned back by a crowd
             * that threw stones": the crowd threw them) */
            int rel_src = 0;
            if (opt->native && dsrc < 0 && !comp && !speaker_final) {
                int rs = code_rel_subject(p, v->start);
                if (rs >= 0 && rs != tgt) {
                    src = rs;
                    rel_src = 1;
                } else if (rs < 0 && (code_asked_who(p, v->start) || code_rel_opens(p, v->start))) {
                    /* ("accusations about who launched the attack", "an
                     * attack in Syria that killed 72": no actor, and not
                     * the clause's; "terrorist rocket attacks that
                     * targeted": the act's owner) */
                    int own = code_rel_noun_owner(p, v->start);
                    if (own != -1)
                        src = own < 0 ? -1 : own;
                }
            }

            /* (a plural noun after a preposition is done by the actor
             * after "by", if any: "civilians were caught in strikes by
             * Russian jets") */
            if (opt->native && dsrc < 0 && !comp && src >= 0 && p->actors[src].end <= v->start &&
                code_noun_after_prep(p, v))
                src = v->end < p->nwords && p->words[v->end].type == SR_W_BY
                          ? actor_in(p, v->end + 1, cend, -1) : -1;

            /* sitrep's conventions: a reported verb's source is in the
             * report, not its speaker (speech.c) */
            size_t rstart = SIZE_MAX;
            int reported_unknown = 0;
            if (opt->native && dsrc < 0 && !comp && src >= 0) {
                src = code_report_source(&ws, p, src, v->start, tgt, &rstart);
                /* (not the object of an act of force the report told
                 * before: "planned to murder the military official ...
                 * and then attack a police station") */
                if (src >= 0 && p->actors[src].end <= v->start && violent_code(code.code) &&
                    !code_rel_between(p, p->actors[src].end, v->start) &&
                    code_force_object(d, p, rstart != SIZE_MAX ? rstart : 0, p->actors[src].start))
                    src = -1;
                reported_unknown = src < 0;
            }
            int held_src = 0;
            if (opt->native && src >= 0 && (code_holder(p, src) ||
                                             (dsrc < 0 && !is_passive && code_noun_object(p, src) &&
                                              p->actors[src].end <= v->start))) {
                src = -1;
                held_src = 1;
            }
            /* sitrep's conventions: "a Palestinian prisoner died as a
             * result of torture", "two children died from injuries
             * sustained in the shelling": who died suffered the violence */
            int dead_subject = -1, origin = -1;
            size_t died_at;
            if (opt->native && src >= 0 && dsrc < 0 && !is_passive && violent_code(code.code) &&
                (died_at = code_died_before(p, p->actors[src].end, v->start)) != SIZE_MAX) {
                /* (one named after it did it: "died after police beat him") */
                dead_subject = src;
                src = actor_in(p, died_at + 1, v->start, dead_subject);
                held_src = src < 0;
            }
            if (opt->native && src >= 0 && dsrc < 0)
                src = code_past_based(p, src, v->start, tgt);
            if (tgt < 0 && dead_subject >= 0)
                tgt = dead_subject;   /* (who died is the target: no search) */
            if (tgt < 0) {
                /* After the verb within the clause; else the first actor
                 * before it in the sentence ("Israel bombed ... Lebanon and
                 * said ...": ISR said LEB, manual 7.6.1).  A speaker named
                 * after the verb is no target, nor one before a report. */
                tgt = code_object_after(d, p, &ws, v, cend, src, code.code, opt->native, &origin);
                /* (a statement after its report has no target in it,
                 * nor a relative clause before its pronoun: "awoken by a
                 * man, who stabbed her" is no stabbing of the police
                 * named first) */
                /* (nor from before a subordinator whose clause names no
                 * subject: "it determines whose planes carry out raids") */
                if (tgt < 0 && !speaker_final && !rel_src && !perceived && sub_none != 2) {
                    size_t lo = cl > 0 ? cstart : 0;
                    /* (nor, inside a report, one before it: "Col. Rami
                     * Haddad, an army defector, said his men had pulled
                     * back" is no withdrawal from the army) */
                    size_t ro = opt->native ? code_report_start(&ws, lo, v->start) : SIZE_MAX;
                    if (ro != SIZE_MAX && ro > lo && ro <= v->start)
                        lo = ro;
                    tgt = actor_in(p, rstart != SIZE_MAX && rstart > lo ? rstart : lo, v->start,
                                   src);
                    /* (nor, for the verb of a clause of its own, one before
                     * it, unless force, an arrest or a crackdown the clause
                     * tells of one side alone hit it: "a truce agreed by
                     * Russia ... around Aleppo where the regime and rebel
                     * groups have fought", but "two civilians died after
                     * troops shelled the village") */
                    int one_side = (violent_code(code.code) || code_str_eq(code.code, "175") ||
                                    code_str_eq(code.code, "173")) &&
                                   !(src >= 0 &&
                                     p->actors[sr_parse_resolve(p, (size_t)src)].compound >= 0);
                    if (opt->native && tgt >= 0 && !one_side && !region_known) {
                        region = code_subclause_region(p, cstart, v, &after_verb);
                        region_known = 1;
                    }
                    if (opt->native && tgt >= 0 && !one_side && region != SIZE_MAX &&
                        p->actors[tgt].start < region)
                        tgt = -1;
                    /* ("according to the Observatory, troops bombed
                     * Idlib": the one who says so is no target) */
                    if (opt->native && tgt >= 0 && code_is_speaker(&ws, p, tgt))
                        tgt = -1;
                    /* (nor one between the source and its verb, in the
                     * source's own phrase: "The regime of President
                     * Bashar al-Assad has been attempting to seize",
                     * "regime troops backed by Syrian and Russian war
                     * planes have been battling") */
                    if (opt->native && tgt >= 0 && src >= 0 && !p->actors[tgt].is_pronoun &&
                        code_in_phrase_of(p, src, tgt))
                        tgt = -1;
                }
                /* sitrep's conventions: members of one subject act on
                 * each other only by a verb that takes two sides alike
                 * ("Russia and Turkey met", not "Troops and police raided
                 * the town") */
                int csrc = src >= 0 ? p->actors[sr_parse_resolve(p, (size_t)src)].compound : -1;
                int mutual = csrc >= 0 && (!opt->native || code_mutual_verb(p, v));
                if (opt->native && tgt >= 0 && csrc >= 0 && !mutual &&
                    p->actors[sr_parse_resolve(p, (size_t)tgt)].compound == csrc)
                    tgt = -1;
                if (tgt < 0 && csrc >= 0 && mutual)
                    tgt = src;
                if (opt->native && tgt >= 0 && tgt != src)
                    tgt = code_past_based(p, tgt, cend, src);
            }
            /* sitrep's conventions: a passive with no "by" names only its
             * target ("Iraqi civilians have been killed"): the source is
             * unknown, not the victims. */
            int unknown_src = reported_unknown || held_src || part_unknown ||
                              (went_to && violent_code(code.code));
            if (elided_passive && dsrc < 0 && dtgt < 0) {
                /* (with its BY right after, the passive's swap below puts
                 * the victims back as the target and the agent, if any,
                 * as the source: "and 30 wounded by a suicide bomber") */
                if (is_passive) {
                    src = passive_victims;
                } else {
                    tgt = passive_victims;
                    src = -1;
                }
                unknown_src = 1;
            }
            /* (the weapon the verb acts on is its subject, and the verb
             * tells the clause's act: verbs.c, around.c) */
            int weapon = opt->native && vm[x].weapon_subj && code_weapon_clause(p, v, cend);
            int no_by = 0;
            size_t by_at = SIZE_MAX;
            /* (a pattern's target leaves the agent of a noun's participle
             * the source: "tear gas fired by Israeli forces towards the
             * school") */
            if (opt->native && dsrc < 0 && dtgt >= 0 && !comp && code_noun_participle(p, v)) {
                size_t ae = v->end + 4 < cend ? v->end + 4 : cend;
                int agent = actor_in(p, v->end + 1, ae, dtgt);
                if (agent >= 0)
                    src = agent;
            }
            if (opt->native && !is_passive && dsrc < 0 && dtgt < 0 && !comp &&
                (no_by = code_passive_no_by(p, &wx, v, cend, &by_at)) < 0)
                return SR_ENOMEM;
            if (no_by == 2)
                no_by = code_agent_after_by(p, v, cstart, cend, by_at, opt->native, weapon, &src, &tgt);
            if (no_by == 1 && src >= 0 && p->actors[src].end <= v->start) {
                tgt = opt->native ? code_past_where(p, src, v->start) : src;
                /* sitrep's conventions: not one an act was blamed on, but
                 * the passive's own subject ("in a chemical attack blamed on
                 * the Assad regime some 100 civilians were killed") */
                if (opt->native && tgt >= 0 && code_blamed_on(p, p->actors[tgt].start)) {
                    int own = code_main_subject(p, p->actors[tgt].end, v);
                    tgt = own >= 0 && own != tgt ? own : -1;
                }
                src = -1;
                unknown_src = 1;
            }
            if (reduced == 2) {
                /* the victims, counted right before the verb, or (with
                 * the auxiliary left out) those of the clause before;
                 * without them no event */
                tgt = victims;
                src = -1;
                unknown_src = victims >= 0;
            }
            if (is_passive) {
                int t = src;
                src = tgt;
                tgt = t;
                if (opt->native && tgt >= 0 && p->actors[tgt].end <= v->start)
                    tgt = code_past_where(p, tgt, v->start);
                /* sitrep's conventions: as above, the agent comes after
                 * BY, and "were killed by a sniper in Damascus" names its
                 * victims, not who killed them (as "by shells fired by
                 * ISIS terrorists" names the agent) */
                size_t by = p->words[v->end].type == SR_W_BY ? v->end : v->end + 1;
                if (opt->native && by_passive && src >= 0 &&
                    (p->actors[src].start <= by ||
                     code_where_word(&p->words[p->actors[src].start - 1])))
                    src = -1;
                /* (nor the object of a relative clause on the agent: "by
                 * a mortar round that hit the Damascus Opera House") */
                for (size_t k = v->end; opt->native && src >= 0 && k < p->actors[src].start; k++)
                    if (code_rel_word(&p->words[k]))
                        src = -1;
                    /* (nor of a participle on it, whom it struck: "was
                     * hit by an airstrike killing 12 Red Crescent
                     * volunteers") */
                    else if (k > v->end && code_casualty_ing(&p->words[k])) {
                        if (tgt < 0)
                            tgt = src;
                        src = -1;
                    }
                if (opt->native && src < 0 && tgt >= 0 && !comp && p->actors[tgt].start >= cstart &&
                    p->actors[tgt].end <= v->start)
                    unknown_src = 1;
            }
            /* sitrep's conventions: a participle on a plain noun with its
             * agent after BY is a reduced relative ("volunteers reach sites
             * hit by bombs", "fled areas hit by government air strikes"):
             * the agent did it, the clause's subject nothing */
            if (opt->native && dsrc < 0 && dtgt < 0 && !comp && !is_passive && !reduced &&
                !no_by && !elided_passive && violent_code(code.code) &&
                code_reduced_relative(p, v, cend)) {
                /* (the actor right after BY, past a determiner or an
                 * adjective: not "by shrapnel in the hospital") */
                src = -1;
                for (size_t k = v->end + 1; k < cend && k < v->end + 4; k++) {
                    const sr_pword *w = &p->words[k];
                    if (w->actor >= 0) {
                        if (p->actors[w->actor].start == k)
                            src = w->actor;
                        break;
                    }
                    if (w->type != SR_W_DETERM && w->type != SR_W_ADJ && w->type != SR_W_NUMBER)
                        break;
                }
                if (tgt >= 0 && (src < 0 || p->actors[tgt].start <= p->actors[src].start))
                    tgt = -1;
                unknown_src = src < 0;
            }
            /* sitrep's conventions: a passive with no agent after "by"
             * names one through its weapon ("were killed in Russian air
             * strikes", "in rocket attacks launched by terrorists") or the
             * violence of a clause after "when" */
            int instrument = 0; /* (the clauses after see the passive as before) */
            if (opt->native && src < 0 && unknown_src && tgt >= 0 && dsrc < 0 && !comp &&
                (is_passive || no_by == 1 || reduced == 2 || elided_passive)) {
                int u = code_passive_agent(p, v, cend, tgt, code.code, vm, nv);
                if (u >= 0) {
                    src = u;
                    unknown_src = 0;
                    instrument = 1;
                }
            }
            if (opt->native && src < 0 && dsrc < 0 && !comp && violent_code(code.code) &&
                (src = code_custodian(p, v, cend, tgt)) >= 0)
                unknown_src = 0;
            const char *dsc = NULL, *dtc = NULL;
            unsigned flags = 0;
            if (opt->default_source[0] &&
                (src < 0 || (opt->default_prior && actor_in(p, cstart, v->start, -1) < 0))) {
                src = -1;
                dsc = opt->default_source;
                flags |= SR_EV_DEFAULT_SRC;
            }
            if (opt->default_target[0] &&
                (tgt < 0 || (opt->default_after && actor_in(p, v->end, cend, -1) < 0))) {
                tgt = -1;
                dtc = opt->default_target;
                flags |= SR_EV_DEFAULT_TGT;
            }
            /* sitrep's conventions: violence done to an actor by a weapon
             * or an attack with no actor named ("A blast killed two Iraqi
             * youths", "Air strikes killed 45 civilians") is an event with
             * an unknown source, as in a passive without "by"; other
             * events still need their source.  It does not stand in the
             * way of an event of the clause with a known source. */
            /* sitrep's conventions: "civilian" before a noun names what
             * was done to civilians, never who did it ("the civilian body
             * count shows", "a civilian massacre", "civilian casualties
             * since the coalition began its campaign") */
            if (opt->native && src >= 0 && !dsc && code_attributive_civilian(p, src)) {
                if ((tgt < 0 || p->actors[src].end == v->start) && violent_code(code.code))
                    tgt = src;
                src = -1;
                unknown_src = violent_code(code.code);
            }
            /* (a pattern that names its target before the verb and no
             * source, "the officers came under fire", is violence by no
             * one named) */
            if (opt->native && src < 0 && dsrc < 0 && dtgt >= 0 && tgt == dtgt && !comp &&
                p->actors[dtgt].end <= v->start && violent_code(code.code))
                unknown_src = 1;
            /* (nor is a weapon the verb acts on, named with no one to
             * use it: "rockets were fired at Israel", "barrel bombs were
             * dropped on the town") */
            if (weapon && src < 0 && dsrc < 0 && !comp && violent_code(code.code)) {
                tgt = code_weapon_target(p, v, tgt, &src);
                unknown_src = src < 0;
            }
            /* sitrep's conventions: deaths in an accident are no one's
             * violence, nor a cue of it for the label: told after the verb,
             * in its clause or the next ("were killed when a tree fell",
             * "when his car went off the ramp and crashed") */
            if (opt->native && src < 0 && unknown_src && dsrc < 0 && violent_code(code.code) &&
                code_accident_after(p, v, p->nwords)) {
                if ((rc = code_note_verb(quiet, a, p, v)))
                    return rc;
                continue;
            }
            /* sitrep's conventions: an act of force or an arrest whose
             * subject is a pronoun that stands for no actor ("They killed
             * 20 soldiers", "They arrested dozens of men"), or a name no
             * dictionary knows ("Mohammed Merah killed three soldiers"),
             * is an act by someone unknown, with its target and toll, not
             * no event */
            if (opt->native && src < 0 && !dsc && !unknown_src && tgt >= 0 && !comp &&
                !is_passive && (violent_code(code.code) || (code.code[0] == '1' && code.code[1] == '7')) &&
                (code_bare_pronoun_subject(p, v) || code_bare_name_subject(p, v)))
                unknown_src = 1;
            int by_weapon = 0;
            if (opt->native && src < 0 && !dsc && !unknown_src && tgt >= 0 && !comp &&
                !is_passive && !no_by && !reduced && violent_code(code.code) &&
                !code_is_speaker(&ws, p, tgt) && code_weapon_subject(p, cl > 0 ? cstart + 1 : cstart, v))
                unknown_src = by_weapon = 1;
            /* sitrep's conventions: the news medium a statement is made to
             * ("told AFP", "told a Reuters photographer") is its channel,
             * not a party to it */
            if (opt->native && tgt >= 0 && code.code && code.code[0] == '0' && code.code[1] == '1' &&
                media_code(acode(p, tgt)))
                tgt = -1;
            /* (such a clause's event is its own subject's, on what it
             * names after its verb: not on the main clause's actors, nor
             * again the act of the main clause's source) */
            /* (nor past another verb, a "by" or a relative word: "launched
             * an assault to retake the city after a truce brokered by
             * Russia", "bombed a facility where rebels were building") */
            for (size_t k = v->end; more && tgt >= 0 && k < p->actors[tgt].start; k++)
                if (p->words[k].type == SR_W_VERB || p->words[k].type == SR_W_BY ||
                    code_rel_word(&p->words[k]) || word_is(&p->words[k], "where"))
                    tgt = -1;
            /* (and the main clause after such a clause is the act of a
             * subject that acts: "After Hamas fired rockets, jets bombed
             * Gaza", not "the regime accused by Washington") */
            if (more && region == SIZE_MAX && !is_passive && !reduced &&
                (src = code_modified_subject(p, cstart, v)) < 0)
                src = code_main_subject(p, found_vend, v);
            if (more && region == SIZE_MAX && (is_passive || reduced || src < 0))
                continue;
            if (more && region != SIZE_MAX) {
                /* (a relative clause's subject is the noun phrase its
                 * pronoun follows, before the clause: "arrested protesters
                 * who attacked the embassy") */
                int rel_own = rel_src && !is_passive && (size_t)p->actors[src].end == region;
                /* (one on the doer of the act before tells that act again:
                 * "killed by terrorists who targeted the neighbourhood") */
                if (rel_own && (int)sr_parse_resolve(p, (size_t)src) == found_src)
                    continue;
                if (src >= 0 && !rel_own &&
                    (p->actors[src].start <= region ||
                     (int)sr_parse_resolve(p, (size_t)src) == found_src))
                    src = -1;
                /* (but a passive's victims in it are its own, unless the
                 * act before hit them: "tried to storm the building
                 * before they were shot dead", but "struck the town where
                 * five civilians were killed" is one air strike) */
                if (src < 0 && !(unknown_src && tgt >= 0 && p->actors[tgt].start > region &&
                                 p->actors[tgt].end <= v->start && violent_code(code.code) &&
                                 (int)sr_parse_resolve(p, (size_t)tgt) != found_tgt))
                    unknown_src = 0;
                if (tgt >= 0 && p->actors[tgt].start < region)
                    tgt = -1;
            }
            /* sitrep's conventions: the one the act before the verb was
             * blamed on did it ("Jet strikes blamed on the regime killed
             * 12" had the regime for the jets' target) */
            if (opt->native && !is_passive && !dsc && !dtc && tgt >= 0 &&
                p->actors[tgt].end <= v->start && code_blamed_on(p, p->actors[tgt].start)) {
                src = tgt;
                tgt = -1;
            }
            /* sitrep's conventions: the sides' last rules (around.c) */
            if (opt->native && !dsc && !dtc && !comp)
                code_last_sides(&ws, p, v, cend, violent_code(code.code), vm[x].ptext != NULL,
                                origin, &src, &tgt, &unknown_src);
            if ((src < 0 && !dsc && !unknown_src) || (tgt < 0 && !dtc && !opt->native)) {
                /* (read in words with no one named to say them: still no
                 * violence for the label, "Critics attacked the budget") */
                if (quiet && sr_code_spoken(code.code) && ptext &&
                    (rc = code_note_spoken(quiet, a, p, v, &vm[x], act)))
                    return rc;
                continue;
            }
            sr_event proto;
            memset(&proto, 0, sizeof proto);
            proto.verb_start = p->words[v->start].start;
            proto.verb_end = p->words[v->end - 1].end;
            proto.pattern = ptext;
            proto.clause = cl;
            if (!region_known)
                region = code_subclause_region(p, cstart, v, &after_verb);
            if (region != SIZE_MAX && (more || coded_main))
                proto.own_start = p->words[region].start;
            coded_main |= region == SIZE_MAX;
            proto.flags = flags | (is_passive ? SR_EV_PASSIVE : 0) |
                          ((code.flags & SR_DICT_C_SUBORD) ? SR_EV_SUBORD : 0) |
                          (dominant ? SR_EV_DOMINANT : 0);
            /* (an agent with no country of its own is where its act of
             * force came from) */
            const char *oc = origin >= 0 && src >= 0 && src != origin
                                 ? sr_parse_actor_code(p, origin)
                                 : NULL;
            ec.src_country = oc && strlen(oc) == 3 && oc[0] != '-' ? oc : NULL;
            rc = code_emit(&ec, src, tgt, dsc, dtc, &code, &proto);
            ec.src_country = NULL;
            if (rc)
                return rc;
            for (uint32_t u = 0; u < vm[x].nused; u++)
                in_pattern[act[vm[x].used[u]]] = 1;
            /* (the words of a pattern that made an attack words are words
             * too: "launched a blistering attack on") */
            if (quiet && sr_code_spoken(code.code) &&
                (rc = code_note_used(quiet, a, p, &vm[x], act)))
                return rc;
            /* Set members and actors the pattern took in after the verb too
             * ("imposed &sanctions on +"). */
            size_t stop = vm[x].ptext && vm[x].end_pos > 0 && vm[x].end_pos <= m
                              ? act[vm[x].end_pos - 1] + 1
                              : 0;
            for (size_t q = v->end; q < stop && q < p->nwords; q++)
                in_pattern[q] |= 1;
            if (by_weapon) {
                /* (a statement still yields to it; other verbs do not) */
                any_regular = 1;
                clause_regular[cl] = 1;
                continue;
            }
            if (!(code.flags & SR_DICT_C_SUBORD)) {
                found = 1;
                any_regular = 1;
                clause_regular[cl] = 1;
                if (region == SIZE_MAX)
                    found_main = 1;
                else
                    found_sub = region;
                if (found_src < 0 && src >= 0)
                    found_src = (int)sr_parse_resolve(p, (size_t)src);
                if (found_tgt < 0 && tgt >= 0)
                    found_tgt = (int)sr_parse_resolve(p, (size_t)tgt);
                found_vend = v->end;
            }
            /* (the source carried on to the next clause is the main
             * clause's, unless a clause of its own with its own subject
             * ends the clause: "were killed by Israeli forces as
             * protesters marched on the border and pelted the forces") */
            if (more && region != SIZE_MAX) {
                if (src >= 0 && !is_passive && no_by != 1 && p->actors[src].start > region &&
                    code_next_conj_clause(p, v->end, cend)) {
                    carried = src;
                    passive_victims = -1;
                }
                continue;
            }
            carried = is_passive ? tgt : instrument ? -1 : src;
            /* (a passive's victims, for a participle after "and") */
            passive_victims = is_passive || (no_by == 1 && (src < 0 || instrument)) ? tgt : -1;
            /* (and a headline's, for a count and a participle after "and":
             * "Two patients killed and eight injured") */
            counted_victims = reduced == 2 ? tgt : -1;
            carried_none = 0;
            pend_lo = SIZE_MAX;
            if (opt->code_by == SR_DICT_CODE_BY_SENTENCE && found)
                done = 1;
            if (opt->code_by == SR_DICT_CODE_ALL)
                found = 0;
        }
        if (carried < 0) {
            if (pend_lo == SIZE_MAX) {
                pend_lo = cstart;
                /* (or any subject that is no actor, of an act of
                 * violence, whose victims follow it: "The bomber blew up
                 * a minibus, killing four soldiers and wounding three"
                 * has no soldier wounding anyone) */
                carried_none = opt->native && nv > 0 &&
                               actor_in(p, cstart, p->roots[vm[0].root].start, -1) < 0 &&
                               ((p->roots[vm[0].root].start > (cl > 0 ? cstart + 1 : cstart) &&
                                 vm[0].ok && violent_code(vm[0].code.code)) ||
                                code_weapon_subject(p, cl > 0 ? cstart + 1 : cstart,
                                                    &p->roots[vm[0].root]));
            }
            pend_hi = cend;
        }
        act = act_all;
    }
    size_t nact = SIZE_MAX;
    if (wi == p->nwords && !done) { /* every clause, every word, in order */
        nact = base;
        wx.cstart = cs;
    }
    if ((kinds & 1u << SR_W_EVNOUN) &&
        (rc = code_nouns(d, opt, p, &ec, &wx, act, nact, in_pattern, vm, &used, &maxel, a, &ws,
                             quiet)))
        return rc;
    /* Subordinate events stand only when nothing else was found; dominant
     * ones push out the rest. */
    sr_event *e = events->items;
    for (size_t i = ec.first_new; shift_end && i < events->len; i++) {
        e[i].day_shift = shift;
        e[i].shift_start = shift_start;
        e[i].shift_end = shift_end;
    }
    int any_dominant = 0;
    for (size_t i = ec.first_new; i < events->len; i++)
        if (e[i].flags & SR_EV_DOMINANT)
            any_dominant = 1;
    size_t keep = ec.first_new;
    for (size_t i = ec.first_new; i < events->len; i++) {
        if ((e[i].flags & SR_EV_SUBORD) &&
            (opt->code_by == SR_DICT_CODE_BY_CLAUSE ? clause_regular[e[i].clause] : any_regular))
            continue;
        if (any_dominant && opt->check_dominant && !(e[i].flags & SR_EV_DOMINANT))
            continue;
        if (keep != i) /* (most events stay where they are: no copy onto itself) */
            e[keep] = e[i];
        keep++;
    }
    events->len = keep;
    if (opt->native)
        code_merge_harm(events, ec.first_new, p);
    return SR_OK;
}
