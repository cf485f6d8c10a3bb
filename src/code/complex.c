/* TABARI's COMPLEX option (manual 8.5): a sentence with too many verbs,
 * conjunctions, actors or pronouns, a late first verb, or no actor before
 * or after it, is set aside uncoded. */
#include "code_int.h"

int code_complex_sentence(const sr_dict_options *o, const sr_parse *p)
{
    if (p->complex_code)
        return 1;
    if (!o->cx_verbs && !o->cx_conj && !o->cx_actors && !o->cx_pronouns && !o->cx_lateverb &&
        !(o->cx_flags & (SR_DICT_CX_NOVERB | SR_DICT_CX_NOACTPRIOR | SR_DICT_CX_NOACTAFTER)))
        return 0; /* no COMPLEX condition set: nothing to count */
    size_t verbs = 0, conj = 0, actors = 0, pron = 0, first_verb = (size_t)-1;
    /* Words in dropped comma clauses do not make a sentence complex. */
    for (size_t r = 0; r < p->nroots; r++)
        if (p->roots[r].type == SR_W_VERB && !p->words[p->roots[r].start].subord) {
            verbs++;
            if (first_verb == (size_t)-1)
                first_verb = p->roots[r].start;
        }
    for (size_t i = 0; i < p->nwords; i++) {
        if (p->words[i].type == SR_W_CONJ && !p->words[i].in_compound && !p->words[i].subord)
            conj++;
        if (p->words[i].type == SR_W_PRONOUN)
            pron++;
    }
    for (size_t k = 0; k < p->nactors; k++)
        if (!p->actors[k].is_pronoun)
            actors++;
    if (o->cx_verbs && verbs >= (size_t)o->cx_verbs)
        return 1;
    if (o->cx_conj && conj >= (size_t)o->cx_conj)
        return 1;
    if (o->cx_actors && actors >= (size_t)o->cx_actors)
        return 1;
    if (o->cx_pronouns && pron >= (size_t)o->cx_pronouns)
        return 1;
    if ((o->cx_flags & SR_DICT_CX_NOVERB) && !verbs)
        return 1;
    if (o->cx_lateverb && (first_verb == (size_t)-1 || first_verb > (size_t)o->cx_lateverb))
        return 1;
    if (first_verb != (size_t)-1) {
        int prior = 0, after = 0;
        for (size_t k = 0; k < p->nactors; k++) {
            if (p->actors[k].start < first_verb)
                prior = 1;
            else
                after = 1;
        }
        if ((o->cx_flags & SR_DICT_CX_NOACTPRIOR) && !prior)
            return 1;
        if ((o->cx_flags & SR_DICT_CX_NOACTAFTER) && !after)
            return 1;
    }
    return 0;
}

/* First actor unit (not subordinate) whose start lies in words [from, to). */
