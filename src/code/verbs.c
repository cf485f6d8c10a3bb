/* A verb's patterns (TABARI manual 5.5-5.7): the stretch of the clause a
 * pattern may reach, the patterns the sentence's words rule out, and the
 * longest one that matches; and the <TIME> phrases whose patterns move a
 * sentence's date (TABARI 10.5). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code_int.h"

/* 0 when some literal word or synset the pattern needs (outside
 * alternatives) is nowhere in the sentence.  The caller has tested the
 * pattern's filter bits, two needs' (sr_dict_pattern_filter_bits): a
 * pattern with two needs or fewer is settled without reading its list,
 * a line of its own. */
static int pattern_possible(const sr_dict_pattern *pat, const sr_dict_bloom *ws)
{
    if (pat->nneed <= 2)
        return 1;
    for (uint32_t i = 0; i < pat->nneed; i++)
        if (!sr_dict_bloom_has(ws, pat->need[i]))
            return 0;
    return 1;
}

static int is_modal(const sr_pword *pw)
{
    /* would will could should must may might can shall: three to six
     * letters, opening with c, m, s or w (most words are passed there). */
    if (pw->len < 3 || pw->len > 6)
        return 0;
    switch (pw->w[0]) {
    case 'c':
        return word_is(pw, "could") || word_is(pw, "can");
    case 'm':
        return word_is(pw, "must") || word_is(pw, "may") || word_is(pw, "might");
    case 's':
        return word_is(pw, "should") || word_is(pw, "shall");
    case 'w':
        return word_is(pw, "would") || word_is(pw, "will");
    default:
        return 0;
    }
}

/* Where the patterns of the verb at root v search act[0, m): *vpos and
 * *vend hold the verb, [*lo, *hi) the stretch. */
/* w opens a phrase of time with its determiner: "after the collapse of a
 * short-lived truce", "since its capture", "following a deal" -- what
 * stands in it is no object of the verb before ("announced an operation
 * ... after the collapse of a truce" announced no truce). */
static int time_phrase_at(const sr_pword *w, const sr_pword *n)
{
    /* (its own short list, not code_time_opener's hashed set: every word a
     * pattern walks is asked, and the set cost 0.9M instructions on FA-KES) */
    if (w->len < 5 || w->len > 9)
        return 0;
    if (!(word_is(w, "after") || word_is(w, "before") || word_is(w, "since") ||
          word_is(w, "following") || word_is(w, "despite") || word_is(w, "until")))
        return 0;
    return n->type == SR_W_DETERM || word_is(n, "its") || word_is(n, "their") ||
           word_is(n, "his") || word_is(n, "her");
}

static void verb_bounds(const sr_parse *p, const sr_proot *v, const size_t *act, size_t m,
                        int native, code_bloom *wsb, size_t *vposp, size_t *vendp,
                        size_t *lop, size_t *hip)
{
    /* act is in word order. */
    size_t vpos = sr_lower_bound(act, m, v->start), vend = vpos;
    while (vend < m && act[vend] < v->end)
        vend++;
    /* Phrase matching stops at commas (manual 5.5.3), and at the reach
     * of a pattern. */
    size_t lo = vpos, hi = vend;
    size_t lo_min = vpos > SR_PARSE_REACH ? vpos - SR_PARSE_REACH : 0;
    size_t hi_max = m - vend > SR_PARSE_REACH ? vend + SR_PARSE_REACH : m;
    /* A verb of the clause after the last one walked (verbs come left to
     * right) walks only to where that one's walks began or stopped: back
     * to its start, then on from where it stopped (no comma between; the
     * reach only grows); on from where its forward walk stopped, when
     * the verb ends in what that walk passed (no comma and no modal
     * there, and the walk tests that word again under this verb's terms). */
    int same = wsb->vb_act == act && wsb->vb_m == m;
    size_t floor = same && wsb->vb_vpos <= vpos ? wsb->vb_vpos : 0;
    if (!p->ncommas)
        lo = lo_min; /* no comma to stop at */
    while (lo > lo_min && lo > floor &&
           !(p->words[act[lo - 1]].type == SR_W_COMMA && !p->words[act[lo - 1]].in_compound))
        lo--;
    if (floor && lo == floor && lo > lo_min)
        lo = wsb->vb_lo > lo_min ? wsb->vb_lo : lo_min;
    /* sitrep's conventions (native): a pattern does not reach into a
     * clause of its own with a modal either ("announced it would prohibit
     * all aid" is no announcement of aid), a modal from the second word
     * after the verb on.  One walk finds whichever comes first. */
    if (same && wsb->vb_vend <= vend && vend <= wsb->vb_hi)
        hi = wsb->vb_hi;
    if (!p->ncommas && !native)
        hi = hi_max;
    for (; hi < hi_max; hi++) {
        const sr_pword *w = &p->words[act[hi]];
        if ((w->type == SR_W_COMMA && !w->in_compound) || (native && hi > vend && is_modal(w)) ||
            (native && hi > vend + 1 && hi + 1 < m && time_phrase_at(w, &p->words[act[hi + 1]])))
            break;
    }
    wsb->vb_act = act;
    wsb->vb_m = m;
    wsb->vb_vpos = vpos;
    wsb->vb_lo = lo;
    wsb->vb_vend = vend;
    wsb->vb_hi = hi;
    if (native) {
        /* Nor before a report the verb is in: "Rebels said Russian jets
         * bombed" is no bombing by rebels (speech.c). */
        if (lo < vpos) {
            size_t rs = code_report_start(wsb, act[lo], act[vpos]);
            if (rs != SIZE_MAX)
                lo = sr_lower_bound(act + lo, vpos - lo, rs) + lo;
        }
    }
    *vposp = vpos;
    *vendp = vend;
    *lop = lo;
    *hip = hi;
}

/* sitrep's conventions: where a pattern that reads words before the verb
 * may start, given that it may start at lo: not before the clause of its
 * own the verb is in, with a subject named there ("Suicide bombings killed
 * 18 as Iraqi forces battle IS" is no suicide bombing by the forces;
 * "suicide bombers killed 25 soldiers when they targeted" is theirs)
 * (subclause.c).  Asked only of such patterns. */
static size_t clause_floor(const sr_parse *p, const sr_proot *v, const size_t *act, size_t lo,
                           size_t vpos)
{
    if (lo >= vpos)
        return lo;
    int after_verb;
    size_t rg = code_subclause_region(p, act[lo], v, &after_verb);
    int u = rg != SIZE_MAX ? sr_parse_actor_in(p, rg + 1, v->start, -1) : -1;
    /* (a passive's subject is its victims: "airstrikes on Manbij, when 15
     * civilians were killed" were its means) */
    size_t k = v->start;
    while (k > 0 && code_ly_adverb(&p->words[k - 1]))
        k--;
    if (u >= 0 && !p->actors[u].is_pronoun && !(k > 0 && code_be_form(&p->words[k - 1])))
        lo = sr_lower_bound(act + lo, vpos - lo, rg) + lo;
    return lo;
}

static void passive_object(const sr_dict *d, const sr_parse *p, const sr_proot *v,
                           const sr_dict_pattern *pats, const uint32_t *filter, uint32_t np,
                           const sr_dict_bloom *ws, verb_match *out);

/* The sentence holds both words of a pattern's filter f: both bits in one
 * test, one branch, taken for most patterns. */
static inline int filter_pass(const sr_dict_bloom *ws, uint32_t f)
{
    uint32_t b0 = f & 0xffff, b1 = f >> 16;
    return (ws->bits[b0 >> 6] >> (b0 & 63)) & (ws->bits[b1 >> 6] >> (b1 & 63)) & 1;
}

/* Pattern pat names a set of words. */
static int has_set(const sr_dict_pattern *pat)
{
    for (uint32_t i = 0; i < pat->nelems; i++)
        if (pat->elems[i].type == SR_DICT_E_SYNSET)
            return 1;
    return 0;
}

/* Where the subject of verb v ends: before its auxiliaries, forms of "be"
 * and adverbs in -ly ("rockets have been fired", "rockets fired"), and a
 * clause set off between them ("The rockets, which were fired from Gaza,
 * killed"). */
static size_t subject_end(const sr_parse *p, const sr_proot *v)
{
    size_t se = v->start;
    while (se > 0 && (code_ly_adverb(&p->words[se - 1]) || p->words[se - 1].type == SR_W_AUXIL ||
                      code_be_form(&p->words[se - 1]) || p->words[se - 1].subord))
        se--;
    return se;
}

int code_match_verb(const sr_dict *d, const sr_parse *p, const sr_proot *v, const size_t *act,
                    size_t m, verb_match *out, size_t **scratchp, size_t *scratch_cap, sr_arena *a,
                    code_bloom *wsb, int native)
{
    sr_dict_code fcode;
    uint32_t first_pattern, npatterns;
    memset(out, 0, sizeof *out);
    out->root = (size_t)(v - p->roots);
    out->src = out->tgt = -1;
    if (sr_dict_form_patterns(d, v->entry, &fcode, &first_pattern, &npatterns))
        return SR_OK;
    out->ok = 1;
    out->code = fcode;
    /* The verb's patterns are consecutive views; most are ruled out by a
     * word they need that the sentence lacks, without running them. */
    if (!npatterns)
        return SR_OK;
    const sr_dict_bloom *ws = code_bloom_get(wsb);
    if (!wsb->pviews || !wsb->pfilter)
        return SR_OK;
    const sr_dict_pattern *pats = wsb->pviews + first_pattern;
    const uint32_t *filter = wsb->pfilter + first_pattern;
    code_mctx mc;
    int bounded = 0; /* the stretch is found for the first pattern to run */
    int floored = 0; /* and its start in the verb's own clause, for the first
                      * pattern that reads words before the verb */
    size_t vpos = 0, vend = 0, lo = 0, hi = 0;
    const sr_dict_pattern *hit = NULL;
    for (uint32_t k = 0, np = npatterns; k < np; k++) {
        if (!filter_pass(ws, filter[k]))
            continue;
        const sr_dict_pattern *pat = &pats[k];
        if (!pattern_possible(pat, ws))
            continue;
        if (!bounded) {
            verb_bounds(p, v, act, m, native, wsb, &vpos, &vend, &lo, &hi);
            code_match_setup(&mc, d, p, act, m, lo, hi, vpos, vend);
            bounded = 1;
        }
        if (native && pat->verb_index > 0 && !floored) {
            size_t fl = clause_floor(p, v, act, lo, vpos);
            if (fl != lo)
                code_match_setup(&mc, d, p, act, m, fl, hi, vpos, vend);
            floored = 1;
        }
        if (pat->nelems > *scratch_cap) {
            size_t *ns = sr_arena_alloc(a, pat->nelems * sizeof *ns);
            if (!ns)
                return SR_ENOMEM;
            *scratchp = ns;
            *scratch_cap = pat->nelems;
        }
        size_t *scratch = *scratchp;
        if (code_match_pattern(&mc, pat, scratch)) {
            hit = pat;
            uint32_t nu = mc.nused;
            out->end_pos = mc.end_pos;
            out->code = pat->code;
            out->ptext = pat->text;
            out->src = mc.src;
            out->tgt = mc.tgt;
            out->comp = mc.comp;
            out->pre_actor = mc.pre_actor;
            /* (of a verb that codes only through its patterns: "rockets
             * fired at the town"; "an air strike hit the market, killing
             * 11" keeps its subject's own event) */
            out->weapon_subj = mc.pre_word && !mc.pre_actor && mc.pre_end == subject_end(p, v);
            if (nu) {
                out->used = sr_arena_alloc(a, nu * sizeof *out->used);
                if (!out->used)
                    return SR_ENOMEM;
                memcpy(out->used, scratch, nu * sizeof *out->used);
                out->nused = nu;
            }
            break;
        }
    }
    /* (before a pattern that reads only where the act went: "a rocket
     * was fired at the US embassy" is a rocket attack on it) */
    if (native && (!fcode.code || (fcode.flags & SR_DICT_C_NULL)) &&
        (!hit || (!out->weapon_subj && !has_set(hit))) && code_be_passive(p, v)) {
        const char *had = out->ptext;
        passive_object(d, p, v, pats, filter, npatterns, ws, out);
        if (out->ptext != had) {
            /* (what that pattern took in is no longer the pattern's:
             * "hurled at different places during the clashes between
             * government forces and rebels" leaves the clashes theirs) */
            if (!bounded)
                verb_bounds(p, v, act, m, native, wsb, &vpos, &vend, &lo, &hi);
            out->end_pos = vend;
            out->src = out->tgt = -1;
            out->comp = 0;
            out->used = NULL;
            out->nused = 0;
        }
    }
    return SR_OK;
}

/* sitrep's conventions: the subject of a be-passive is what the verb
 * acts on, so a verb that codes through what it acts on ("dropped barrel
 * bombs", "fired rockets") codes its passive through the words before the
 * auxiliary: "barrel bombs were dropped on the town", "rockets have been
 * fired at Israel".  Patterns of the verb and one set after it are tried
 * on that noun phrase, whose head the set must end at; it names no actor
 * (an actor there is a victim: "soldiers were fired on"). */
static void passive_object(const sr_dict *d, const sr_parse *p, const sr_proot *v,
                           const sr_dict_pattern *pats, const uint32_t *filter, uint32_t np,
                           const sr_dict_bloom *ws, verb_match *out)
{
    size_t se = subject_end(p, v);
    if (se == v->start || se == 0)
        return;
    size_t ss = se;
    while (ss > 0 && se - ss < 5 && p->words[ss - 1].actor < 0 && !p->words[ss - 1].subord &&
           (p->words[ss - 1].type == SR_W_NULL || p->words[ss - 1].type == SR_W_NOUN ||
            p->words[ss - 1].type == SR_W_ADJ || p->words[ss - 1].type == SR_W_NUMBER))
        ss--;
    if (ss == se)
        return;
    for (uint32_t k = 0; k < np; k++) {
        const sr_dict_pattern *pat = &pats[k];
        if (!filter_pass(ws, filter[k]) || pat->verb_index != 0 || pat->nelems != 2 || pat->elems[1].type != SR_DICT_E_SYNSET ||
            pat->elems[1].consec)
            continue;
        for (size_t j = ss; j < se; j++) {
            sr_dict_match m;
            if (sr_dict_synset_match(d, pat->elems[1].value, p->seq, j, se, NULL, &m) == 1 &&
                m.end == se) {
                out->code = pat->code;
                out->ptext = pat->text;
                out->weapon_subj = 1;
                return;
            }
        }
    }
}

int code_passive_own(const sr_dict *d, const sr_proot *v, const verb_match *vm,
                     sr_dict_code *code, const char **ptext)
{
    sr_dict_code own;
    uint32_t f0, np0;
    if (!*ptext || !vm->pre_actor || sr_dict_form_patterns(d, v->entry, &own, &f0, &np0))
        return 0;
    /* (a verb that codes only through its patterns codes nothing then:
     * "protesters inhaled tear gas fired by police" is no violent
     * protest) */
    if (!own.code ||
        (own.flags & (SR_DICT_C_NULL | SR_DICT_C_NONE | SR_DICT_C_DISCARD | SR_DICT_C_COMPLEX)))
        return 1;
    *code = own;
    *ptext = NULL;
    return 0;
}

/* ---- <TIME> phrases (TABARI 10.5) ------------------------------------------ */

/* The first <TIME> phrase of the sentence, outside dropped comma clauses,
 * whose code (its pattern's, else its root's) is no null: sets *shift and
 * the phrase's bytes when it has a day shift.  Returns 0, SR_CODE_DISCARD
 * or SR_CODE_COMPLEX when its code voids the sentence, or SR_ENOMEM.  act
 * and vm are scratch. */
int code_time_shift(const sr_dict *d, const sr_parse *p, size_t *act, verb_match *vm,
                    size_t **used, size_t *maxel, sr_arena *a, code_bloom *ws, int native,
                    int32_t *shift, size_t *ps, size_t *pe)
{
    size_t wi = 0, m = 0;
    int last = -1;
    for (size_t r = 0; r < p->nroots; r++) {
        const sr_proot *v = &p->roots[r];
        if (v->type != SR_W_TIME || p->words[v->start].subord)
            continue;
        /* Its pattern reaches over its own clause, as a verb's does;
         * clause numbers rise along the sentence. */
        int cl = p->words[v->start].clause;
        if (cl != last) {
            while (wi < p->nwords && p->words[wi].clause < cl)
                wi++;
            m = 0;
            for (size_t i = wi; i < p->nwords && p->words[i].clause == cl; i++)
                if (!p->words[i].subord)
                    act[m++] = i;
            ws->vb_act = NULL; /* other words where act points */
            last = cl;
        }
        int rc = code_match_verb(d, p, v, act, m, vm, used, maxel, a, ws, native);
        if (rc)
            return rc;
        if (!vm->ok)
            continue;
        unsigned f = vm->code.flags;
        if (f & SR_DICT_C_DISCARD)
            return SR_CODE_DISCARD;
        if (f & SR_DICT_C_COMPLEX)
            return SR_CODE_COMPLEX;
        if (f & (SR_DICT_C_NULL | SR_DICT_C_NONE) || !(f & SR_DICT_C_SHIFT))
            continue;
        *shift = vm->code.shift;
        *ps = p->words[v->start].start;
        *pe = p->words[v->end - 1].end;
        return 0;
    }
    return 0;
}

int sr_code_shift_day(const char *iso, int32_t days, char out[11])
{
    if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
        return SR_EINVAL;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
            return SR_EINVAL;
    int64_t y = atoi(iso), mo = atoi(iso + 5), dd = atoi(iso + 8);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo < 1 || mo > 12 || dd < 1 || dd > mdays[mo - 1] + (mo == 2 && leap))
        return SR_EINVAL;
    /* Days from 1970-01-01 and back (Howard Hinnant's civil calendar). */
    int64_t yy = y - (mo <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t z = era * 146097 + doe - 719468 + days + 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    dd = doy - (153 * mp + 2) / 5 + 1;
    mo = mp < 10 ? mp + 3 : mp - 9;
    y += mo <= 2;
    if (y < 0 || y > 9999)
        return SR_EINVAL;
    snprintf(out, 11, "%04d-%02d-%02d", (int)y, (int)mo, (int)dd);
    return 0;
}

/* A verb whose two sides do the same to each other: the members of a
 * compound subject are each other's targets ("X and Y clashed", "met",
 * "agreed", "signed"); its first word's stem. */
int code_mutual_verb(const sr_parse *p, const sr_proot *v)
{
    static const char *const stems[] = {"agree", "allie", "ally", "battl", "clash", "collaborat",
                                        "confer", "consult", "cooperat", "coordinat", "discuss",
                                        "exchang", "fight", "fought", "met", "meet", "merg",
                                        "negotiat", "normali", "partner", "reconcil", "reestablish",
                                        "re-establish", "restor", "resum", "sign", "skirmish",
                                        "spar", "talk", "trade", "traded", "unite", NULL};
    const char *w = p->words[v->start].w;
    if (!w)
        return 0;
    for (int k = 0; stems[k]; k++) {
        if (stems[k][0] != w[0])
            continue;
        size_t n = strlen(stems[k]);
        if (!strncmp(w, stems[k], n) &&
            (strcmp(stems[k], "met") || !w[3]) && (strcmp(stems[k], "spar") || !w[4] || w[4] == 'r'))
            return 1;
    }
    return 0;
}
