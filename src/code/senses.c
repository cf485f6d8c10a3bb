/* Readings of a verb that name no violence, for the label: events coded
 * as words (statements, criticism, rejection), verbs a pattern read as no
 * event, and states named alone (teams in a sentence about sport).  Split
 * from coder.c, which calls them. */
#include "code_int.h"

int sr_code_spoken(const char *c)
{
    if (!c || !c[0])
        return 0;
    /* (and a halt to force, 087: "halted airstrikes" strikes no one) */
    if (c[0] == '0')
        return c[1] == '1' || c[1] == '2' || c[1] == '4' || c[1] == '5' ||
               (c[1] == '8' && c[2] == '7');
    return c[0] == '1' && c[1] >= '0' && c[1] <= '2';
}

int code_note_verb(sr_vec *quiet, sr_arena *a, const sr_parse *p, const sr_proot *v)
{
    if (!quiet)
        return SR_OK;
    sr_span *q = sr_vec_push(quiet, a, sizeof *q);
    if (!q)
        return SR_ENOMEM;
    *q = (sr_span){.start = p->words[v->start].start, .end = p->words[v->end - 1].end};
    return SR_OK;
}

int code_note_quiet(sr_vec *quiet, sr_arena *a, const sr_parse *p, const sr_proot *v,
                    const verb_match *vm)
{
    /* (a verb's null pattern, or an event noun listed as no event: "a
     * heart attack", "a legal battle") */
    if (!quiet || !vm->ok || (!vm->ptext && v->type != SR_W_EVNOUN) ||
        !(vm->code.flags & SR_DICT_C_NULL))
        return SR_OK;
    return code_note_verb(quiet, a, p, v);
}

int code_note_used(sr_vec *quiet, sr_arena *a, const sr_parse *p, const verb_match *vm,
                   const size_t *act)
{
    for (uint32_t u = 0; u < vm->nused; u++) {
        size_t w = act[vm->used[u]];
        sr_span *q = sr_vec_push(quiet, a, sizeof *q);
        if (!q)
            return SR_ENOMEM;
        *q = (sr_span){.start = p->words[w].start, .end = p->words[w].end};
    }
    return SR_OK;
}

int code_note_spoken(sr_vec *quiet, sr_arena *a, const sr_parse *p, const sr_proot *v,
                     const verb_match *vm, const size_t *act)
{
    sr_span *q = sr_vec_push(quiet, a, sizeof *q);
    if (!q)
        return SR_ENOMEM;
    *q = (sr_span){.start = p->words[v->start].start, .end = p->words[v->end - 1].end};
    return code_note_used(quiet, a, p, vm, act);
}

int code_bare_state(const char *c)
{
    return c && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' && c[2] >= 'A' &&
           c[2] <= 'Z' && !c[3];
}
