/* Readings of a verb that name no violence, for the label: events coded
 * as words (statements, criticism, rejection), verbs a pattern read as no
 * event, and states named alone (teams in a sentence about sport).  Split
 * from coder.c, which calls them. */
#include "code_int.h"

#include <string.h>

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

int code_state_force(const char *c)
{
    size_t n = c ? strlen(c) : 0;
    /* (a state named alone is as often where it happened: n > 3) */
    if (n < 6 || n % 3 || !memcmp(c, "IMG", 3) || !memcmp(c, "NGO", 3) || !memcmp(c, "NGM", 3) ||
        !memcmp(c, "MNC", 3) ||
        (memcmp(c, "---", 3) && !code_bare_state((char[4]){c[0], c[1], c[2], 0})))
        return 0;
    for (size_t k = 3; k < n; k += 3)
        if (memcmp(c + k, "GOV", 3) && memcmp(c + k, "MIL", 3))
            return 0;
    return 1;
}

int code_armed_group(const char *c)
{
    size_t n = c ? strlen(c) : 0;
    if (n < 6 || n % 3)
        return 0;
    if (!memcmp(c, "IMG", 3))
        return 1;
    for (size_t k = 3; k < n; k += 3)
        if (!memcmp(c + k, "REB", 3) || !memcmp(c + k, "INS", 3) || !memcmp(c + k, "UAF", 3) ||
            !memcmp(c + k, "SEP", 3))
            return 1;
    return 0;
}

int code_plain_bombing(const sr_parse *p, const sr_event *proto)
{
    static const char *const bomb[] = {"bomb", NULL};
    static const char *const air[] = {"bomber", "bombard", NULL};
    size_t n = proto->verb_end - proto->verb_start;
    return p->text && !proto->pattern && n >= 4 && n <= 9 &&
           sr_has_stem(p->text + proto->verb_start, n, bomb) &&
           !sr_has_stem(p->text + proto->verb_start, n, air);
}

int code_state_bombing(const sr_parse *p, const sr_event *proto)
{
    static const char *const bombs[] = {"bomb", "bombs", "bombing", "bombings", NULL};
    static const char *const placed[] = {"detonat", "plant", "explod", NULL};
    if (!p->text || sr_has_stem(p->text + proto->verb_start, proto->verb_end - proto->verb_start,
                                placed))
        return 0;
    for (size_t i = 0; i < p->nwords; i++)
        if (!p->words[i].subord && word_in(&p->words[i], bombs))
            return 1;
    return 0;
}
