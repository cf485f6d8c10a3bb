/* The events a sentence's verbs and nouns give, kept once each by (code,
 * source, target), compounds and paired codes expanded (coder.c calls
 * these for every event it finds). */
#include <string.h>
#include <strings.h>

#include "code_int.h"

/* Below this many events of a sentence, duplicates are found by a scan. */
enum { EV_HASH_MIN = 16 };

static int opt_eq(const char *x, const char *y) { return x ? y && code_str_eq(x, y) : !y; }

static uint32_t ev_hash(const char *code, const char *s, const char *t)
{
    uint32_t h = 2166136261u;
    const char *parts[3] = {code, s, t};
    for (int k = 0; k < 3; k++) {
        for (const char *q = parts[k]; q && *q; q++)
            h = (h ^ (unsigned char)*q) * 16777619u;
        h = (h ^ (parts[k] ? 0x1fu : 0x2fu)) * 16777619u;
    }
    return h;
}

/* Slot of event i's key, or of the empty slot where it would go. */
static size_t ev_slot(const emit_ctx *c, const char *code, const char *s, const char *t)
{
    const sr_event *all = c->ev->items;
    size_t mask = c->nslots - 1;
    for (size_t i = ev_hash(code, s, t) & mask;; i = (i + 1) & mask) {
        uint32_t v = c->slots[i];
        if (!v)
            return i;
        const sr_event *e = &all[c->first_new + v - 1];
        if (code_str_eq(e->code, code) && opt_eq(e->source, s) && opt_eq(e->target, t))
            return i;
    }
}

/* (Re)builds the table over every event of the sentence so far. */
static int ev_rehash(emit_ctx *c)
{
    size_t n = c->ev->len - c->first_new, cap = 64;
    while (cap < n * 4)
        cap *= 2;
    c->slots = sr_arena_calloc(c->a, cap, sizeof *c->slots);
    if (!c->slots)
        return SR_ENOMEM;
    c->nslots = cap;
    const sr_event *all = c->ev->items;
    for (size_t k = 0; k < n; k++) {
        const sr_event *e = &all[c->first_new + k];
        size_t i = ev_slot(c, e->code, e->source, e->target);
        if (!c->slots[i])
            c->slots[i] = (uint32_t)(k + 1);
    }
    return SR_OK;
}

/* Actors su and tu are two groups named by names of their own: neither a
 * pronoun nor a plain word ("rebels", "the army"), their words unalike. */
static int rivals(const sr_parse *p, int su, int tu)
{
    const sr_pactor *a = &p->actors[su], *b = &p->actors[tu];
    if (a->is_pronoun || b->is_pronoun || !a->text || !b->text ||
        !p->words[a->start].cap || !p->words[b->start].cap || !strcasecmp(a->text, b->text))
        return 0;
    /* (a name, not a capitalised first word: "Rebels clashed with rebels") */
    return p->words[a->start].type != SR_W_AGENT && p->words[b->start].type != SR_W_AGENT;
}

int code_push_event(emit_ctx *c, const char *s, const char *t, int su, int tu, const char *code,
                    const sr_event *proto)
{
    /* (sitrep's conventions: two named groups of one code that fight
     * each other are two sides, "clashes between Faylaq al-Rahman and
     * Jaysh al-Islam"; an actor named twice is one, and so is a state
     * named as itself and by its people, "Russian ... Russia") */
    if (s && t && code_str_eq(s, t) &&
        !(c->native && su >= 0 && tu >= 0 && su != tu && strlen(s) > 3 && rivals(c->p, su, tu) &&
          (code[0] == '1' && (code[1] == '8' || code[1] == '9'))))
        return SR_OK;
    size_t n = c->ev->len - c->first_new, slot = 0;
    if (n >= EV_HASH_MIN) {
        if ((!c->slots || n * 2 >= c->nslots) && ev_rehash(c))
            return SR_ENOMEM;
        slot = ev_slot(c, code, s, t);
        if (c->slots[slot])
            return SR_OK;
    } else {
        const sr_event *all = c->ev->items;
        for (size_t i = c->first_new; i < c->ev->len; i++)
            if (code_str_eq(all[i].code, code) && opt_eq(all[i].source, s) && opt_eq(all[i].target, t))
                return SR_OK;
    }
    sr_event *e = sr_vec_push(c->ev, c->a, sizeof *e);
    if (!e)
        return SR_ENOMEM;
    if (c->slots && n >= EV_HASH_MIN)
        c->slots[slot] = (uint32_t)(n + 1);
    *e = *proto;
    e->source = s;
    e->target = t;
    e->code = code;
    const sr_parse *p = c->p;
    if (su >= 0) {
        const sr_pactor *u = &p->actors[su];
        e->source_text = u->text;
        e->source_start = p->words[u->start].start;
        e->source_end = p->words[u->end - 1].end;
    }
    if (tu >= 0) {
        const sr_pactor *u = &p->actors[tu];
        e->target_text = u->text;
        e->target_start = p->words[u->start].start;
        e->target_end = p->words[u->end - 1].end;
    }
    return SR_OK;
}

/* Expands compounds and coded compounds into events; a paired code A:B
 * adds the reverse event coded B. */
typedef struct side {
    const char *code;
    int actor;             /* -1 for a default code */
} side;

/* The codes a source or target stands for: every member of its compound,
 * every code of a coded compound. */
static size_t side_codes(const sr_parse *p, int u, const char *deflt, side *out, size_t cap)
{
    if (u < 0) {
        out[0].code = deflt;
        out[0].actor = -1;
        return 1;
    }
    size_t mem[64], n = 0;
    size_t nm = sr_parse_compound_members(p, (size_t)u, mem, 64);
    if (nm > 64)
        nm = 64;
    for (size_t i = 0; i < nm; i++) {
        const sr_pactor *a = &p->actors[mem[i]];
        for (uint32_t k = 0; k < a->ncodes && n < cap; k++) {
            out[n].code = a->codes[k];
            out[n].actor = (int)mem[i];
            n++;
        }
    }
    return n;
}

/* Expands compounds and coded compounds into events; a paired code A:B
 * adds the reverse event coded B.  When source and target are the same
 * compound (%, or a compound left without a target) each pair of members
 * is coded once each way (manual 5.7.3, 6.6.3). */
int code_emit(emit_ctx *c, int su, int tu, const char *dsrc, const char *dtgt,
              const sr_dict_code *code, const sr_event *proto)
{
    side S[256], T[256];
    size_t ns = side_codes(c->p, su, dsrc, S, 256);
    int rc;
    for (size_t i = 0; c->src_country && i < ns; i++) {
        size_t n = S[i].code ? strlen(S[i].code) : 0;
        if (n <= 3 || strncmp(S[i].code, "---", 3))
            continue;
        char *o = sr_arena_alloc(c->a, n + 1);
        if (!o)
            return SR_ENOMEM;
        memcpy(o, c->src_country, 3);
        memcpy(o + 3, S[i].code + 3, n - 2);
        S[i].code = o;
    }
    int same = su >= 0 && tu >= 0 &&
               sr_parse_resolve(c->p, (size_t)su) == sr_parse_resolve(c->p, (size_t)tu);
    const char *back = (code->flags & SR_DICT_C_PAIRED) && code->paired ? code->paired : NULL;
    if (same) {
        for (size_t i = 0; i < ns; i++)
            for (size_t j = i + 1; j < ns; j++) {
                if ((rc = code_push_event(c, S[i].code, S[j].code, S[i].actor, S[j].actor, code->code,
                                     proto)) ||
                    (rc = code_push_event(c, S[j].code, S[i].code, S[j].actor, S[i].actor,
                                     back ? back : code->code, proto)))
                    return rc;
            }
        return SR_OK;
    }
    size_t nt = side_codes(c->p, tu, dtgt, T, 256);
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < nt; j++) {
            /* sitrep's conventions: countries that crush or rout each
             * other in a sentence about sport are teams ("Germany crushed
             * Brazil 7-1 in the semi-final") */
            if (c->native && (violent_code(code->code) || (code->code[0] == '1' &&
                                                            code->code[1] == '7')) &&
                code_bare_state(S[i].code) &&
                code_bare_state(T[j].code)) {
                if (c->sports < 0)
                    c->sports = code_sports_sentence(c->p);
                if (c->sports)
                    continue;
            }
            /* sitrep's conventions: a state's bombing is from the air
             * ("killed by Russian and regime bombing" is 195, not the
             * planted bomb of 183) */
            const char *cc = code->code;
            if (c->native && code_str_eq(cc, "183") && code_state_force(S[i].code) &&
                code_state_bombing(c->p, proto))
                cc = "195";
            /* and an armed group's bombing is a planted or carried bomb
             * ("A Taliban bombing killed 10"), unless aircraft are named:
             * the dictionary's "rebel" and "militant" patterns, for groups
             * named by name */
            else if (c->native && code_str_eq(cc, "195") && code_armed_group(S[i].code) &&
                     code_plain_bombing(c->p, proto))
                cc = "183";
            if ((rc = code_push_event(c, S[i].code, T[j].code, S[i].actor, T[j].actor, cc,
                                 proto)))
                return rc;
            if (back && (rc = code_push_event(c, T[j].code, S[i].code, T[j].actor, S[i].actor, back,
                                         proto)))
                return rc;
        }
    return SR_OK;
}

/* Whether event e is a plain 190 of killing, wounding or dying with a
 * target: "killed 12 civilians", "Eight people died", "left eight people
 * dead". */
static int plain_harm(const sr_event *e, const sr_parse *p)
{
    if (!e->target || !code_str_eq(e->code, "190") || (e->flags & SR_EV_NOUN) || !p->text)
        return 0;
    const char *w = p->text + e->verb_start;
    size_t n = e->verb_end - e->verb_start;
    return (n >= 4 && !strncmp(w, "kill", 4)) || (n >= 5 && !strncmp(w, "wound", 5)) ||
           (n >= 5 && !strncmp(w, "injur", 5)) || (n >= 3 && !strncmp(w, "die", 3)) ||
           (n == 4 && !strncmp(w, "left", 4));
}

/* Whether event e's verb harms things, not people: "destroyed",
 * "demolished", "burned", "torched", "looted". */
static int property_harm(const sr_event *e, const sr_parse *p)
{
    static const char *const stem[] = {"destr", "demol", "burn", "torch", "loot", "raze", "razi",
                                       NULL};
    if (!p->text || (e->flags & SR_EV_NOUN))
        return 0;
    return sr_has_stem(p->text + e->verb_start, e->verb_end - e->verb_start, stem);
}

void code_merge_harm(sr_vec *events, size_t first, const sr_parse *p)
{
    sr_event *e = events->items;
    size_t n = events->len;
    /* (the sentence's few events: a mark per event in a small mask, the
     * rest left as they are) */
    uint64_t gone = 0;
    for (size_t i = first; i < n && i - first < 64; i++) {
        if (!plain_harm(&e[i], p) || (gone >> (i - first) & 1))
            continue;
        for (size_t j = first; j < n && j - first < 64; j++) {
            /* (violent repression too: "fired tear gas ..., wounding
             * dozens") */
            if (j == i || (gone >> (j - first) & 1) ||
                !(violent_code(e[j].code) || code_str_eq(e[j].code, "175")))
                continue;
            /* (or with a source where it had none: "were killed and 50
             * wounded in airstrikes by Russian forces") */
            if (!(e[j].flags & SR_EV_NOUN) &&
                (!code_str_eq(e[j].code, "190") || (!e[i].source && e[j].source)) &&
                (opt_eq(e[i].source, e[j].source) || !e[i].source) &&
                opt_eq(e[i].target, e[j].target)) {
                gone |= 1ull << (i - first);
                break;
            }
            /* An act of force of the same source that names no one it
             * struck struck those its sentence's killing names: "Eight
             * people died and 20 were wounded when a car bomb exploded",
             * "claimed the bombing, which killed 35 people", "Clashes
             * between rival militias have killed nine people" (where the
             * clashes were a second 190 of no target). */
            if (!e[j].target && opt_eq(e[i].source, e[j].source)) {
                if (code_str_eq(e[j].code, "190")) {
                    /* (not harm to things: "killed 20 terrorists and
                     * destroyed five vehicles") */
                    if (!property_harm(&e[j], p))
                        gone |= 1ull << (j - first);
                    continue;
                }
                e[j].target = e[i].target;
                e[j].target_text = e[i].target_text;
                e[j].target_start = e[i].target_start;
                e[j].target_end = e[i].target_end;
                gone |= 1ull << (i - first);
                break;
            }
        }
    }
    size_t keep = first;
    for (size_t i = first; i < n; i++) {
        if (i - first < 64 && (gone >> (i - first) & 1))
            continue;
        if (keep != i)
            e[keep] = e[i];
        keep++;
    }
    events->len = keep;
}
