/* Relations between neighbouring mentions, which disambiguation weighs:
 * "X, Y" and "X in Y" (Y holds X), "X near Y", lists of alike places. */
#include "find_int.h"

#include <string.h>

/* "in" stands before token i (skipping determiners and adjectives), no
 * earlier than token lo. */
static int in_before(const ctx *c, size_t i, size_t lo)
{
    size_t j = i;
    int skipped = 0;
    while (j > lo && skipped < 4) {
        const sr_token *t = &c->tok[j - 1];
        if (gf_norm_is(t, "in"))
            return 1;
        if (c->ti[j - 1].cap || !(gf_tinfo(c, (size_t)(t - c->tok))->lex & LX_SKIP))
            return 0;
        j--;
        skipped++;
    }
    return 0;
}

/* "Syria's Deir Ezzor", "Syrias oil-rich Deir Ezzor": mention n is a
 * possessive, and o follows it after at most two lower-case words. */
static int possessive_holds(const ctx *c, const gment *n, const gment *o)
{
    if (o->role != SR_GEO_PLACE || o->sent != n->sent)
        return 0;
    size_t j = n->tok1;
    const sr_token *last = &c->tok[n->tok1 - 1];
    if (n->end < last->end)
        ;   /* "Syrias" */
    else if (j < o->tok0 && (gf_norm_is(&c->tok[j], "'s") ||
                             gf_norm_is(&c->tok[j], "\xe2\x80\x99s")))
        j++;
    else
        return 0;
    if (o->tok0 < j || o->tok0 - j > 2)
        return 0;
    /* (a preposition between ends the phrase: "X in Hama's countryside
     * near Idlib" is in Hama) */
    for (; j < o->tok0; j++)
        if (c->ti[j].cap || !(c->tok[j].flags & SR_TOK_WORD) || (gf_tinfo(c, j)->lex & LX_PREP))
            return 0;
    return 1;
}

/* Tokens [j, e) read "<lower-case words> TYPE of": the kind of place
 * the name after them is, told by a name before them ("the Syrian
 * border towns of", "the Hunan city of"). */
static int type_of_between(const ctx *c, size_t j, size_t e)
{
    if (e < j + 2 || e > j + 4 || !gf_norm_is(&c->tok[e - 1], "of"))
        return 0;
    const sr_token *ty = &c->tok[e - 2];
    if (c->ti[e - 2].cap ||
        !(gf_type_after(c, e - 2, e - 1) || gf_norm_is(ty, "towns") || gf_norm_is(ty, "cities") ||
          gf_norm_is(ty, "villages") || gf_norm_is(ty, "provinces")))
        return 0;
    /* (modifiers only: "the Gulf of Aden in the city of Bosasso", "from
     * Iraq to the region of Abu Kamal" say nothing of what holds it) */
    for (size_t k = j; k < e - 2; k++)
        if (c->ti[k].cap || !(c->tok[k].flags & SR_TOK_WORD) ||
            (gf_tinfo(c, k)->lex & LX_PREP) || gf_norm_is(&c->tok[k], "the") ||
            gf_norm_is(&c->tok[k], "a") || gf_norm_is(&c->tok[k], "an"))
            return 0;
    return 1;
}

/* "the" opens the phrase that ends before token k, past lower-case
 * words ("the besieged Syrian towns of"): the name after it qualifies a
 * type word, where "in Maarret al-Numan, another town of Idlib province"
 * names the town first. */
static int the_before(const ctx *c, size_t k)
{
    for (size_t j = k, n = 0; j > 0 && n < 3; j--, n++) {
        const sr_token *t = &c->tok[j - 1];
        if (gf_norm_is(t, "the"))
            return 1;
        if (c->ti[j - 1].cap || !(t->flags & SR_TOK_WORD) || gf_norm_is(t, "in") ||
            gf_norm_is(t, "at") || gf_norm_is(t, "near") || gf_norm_is(t, "from") ||
            gf_norm_is(t, "to") || gf_norm_is(t, "on") || gf_norm_is(t, "of"))
            return 0;
    }
    return 0;
}

/* "the Syrian towns of Fua and Kefraya", "the Iraqi city of Mosul", "the
 * Hunan city of Yueyang": the country (or its demonym) or the province
 * named before the type word holds the place after "of", and the places
 * listed with it. */
static void type_of_holds(ctx *c)
{
    gment *ms = c->ments.items;
    size_t nm = c->ments.len;
    for (size_t i = 1; i < nm; i++) {
        gment *m = &ms[i];
        const gment *p = &ms[i - 1];
        if (m->role != SR_GEO_PLACE || m->container >= 0 || p->sent != m->sent ||
            (p->role != SR_GEO_PLACE && p->role != SR_GEO_DEMONYM) ||
            !type_of_between(c, p->tok1, m->tok0) || !the_before(c, p->tok0))
            continue;
        m->container = (int)(i - 1);
        for (size_t q = i + 1; q < nm && ms[q].sent == m->sent && (ms[q].cue & CUE_LIST) &&
                               ms[q].role == SR_GEO_PLACE && ms[q].container < 0;
             q++)
            ms[q].container = (int)(i - 1);
    }
}

/* Tokens [j, e) read "the capital of", "a town of", "the main city of":
 * an apposition that places the name before it in the one after. */
static int apposed_of(const ctx *c, size_t j, size_t e)
{
    static const char *const head[] = {"capital", "city", "town", "village", "port",
                                       "province", "region", "district", "state", NULL};
    if (e < j + 3 || !gf_norm_is(&c->tok[e - 1], "of") ||
        !(gf_norm_is(&c->tok[j], "the") || gf_norm_is(&c->tok[j], "a") ||
          gf_norm_is(&c->tok[j], "an")))
        return 0;
    int ok = gf_norm_in(&c->tok[e - 2], head);
    for (size_t k = j + 1; ok && k + 2 < e; k++)
        if (c->ti[k].cap || !(c->tok[k].flags & SR_TOK_WORD))
            ok = 0;
    return ok;
}

/* Relations between neighbouring mentions: "X, Y", "X in Y", "the X
 * district of Y", "X near Y". */
void gf_relate(ctx *c)
{
    gment *ms = c->ments.items;
    size_t nm = c->ments.len;
    for (size_t i = 0; i + 1 < nm; i++) {
        gment *m = &ms[i];
        if (m->role < 0)
            continue;
        /* the next place, past names rejected in between ("the town of X
         * held by the IS group in Y") */
        size_t k = i + 1;
        while (k + 1 < nm && ms[k].role < 0 && ms[k].sent == m->sent)
            k++;
        gment *n = &ms[k];
        if (n->role != SR_GEO_PLACE || n->sent != m->sent)
            continue;
        /* past a type word after the name ("X province, Y"; the type of
         * "the town of X" stands before it) */
        size_t j = m->tok1;
        if ((m->cue & (CUE_TYPE_ADM1 | CUE_TYPE_ADM2 | CUE_TYPE_TOWN)) && gf_type_after(c, j, c->ntok))
            j++;
        size_t gap = n->tok0 > j ? n->tok0 - j : 0;
        if (n->tok0 < j)
            continue;
        const sr_token *w = &c->tok[j];   /* (read only when gap > 0) */
        if (gap == 1 && (gf_norm_is(w, ",") || gf_norm_is(w, "in") || gf_norm_is(w, "of") ||
                         gf_norm_is(w, "("))) {
            m->container = (int)k;
            if (gf_norm_is(w, ",") || gf_norm_is(w, "("))
                n->cue |= CUE_HOLDS;   /* "Bronx, New York": the state */
        }
        else if (gap == 2 && gf_norm_is(w, ",") && gf_norm_is(&c->tok[j + 1], "in"))
            m->container = (int)k;
        else if (gap == 1 && (gf_norm_is(w, "near") || gf_norm_is(w, "outside")))
            m->nearby = (int)k;
        else if (gap == 2 && gf_norm_is(&c->tok[j + 1], "of") && (gf_tinfo(c, j)->lex & LX_COMPASS))
            m->nearby = (int)k;   /* "X east of Y" */
        else if (gap > 1 && gap <= 12 && in_before(c, n->tok0, j))
            m->container = (int)k, m->far = 1;   /* "the town of X, held by IS, in Y province" */
        else if (gap >= 4 && gap <= 6 && gf_norm_is(w, ",") && apposed_of(c, j + 1, n->tok0))
            m->container = (int)k;   /* "Victoria, the capital of Seychelles" */
        if (gap == 1 && (gf_norm_is(w, ",") || gf_norm_is(w, "and"))) {
            m->cue |= CUE_LIST, n->cue |= CUE_LIST;
            n->cue |= m->cue & (CUE_FROM | CUE_MOVED);   /* "from Fuaa and Kafraya" */
        }
        /* "X ... in Syria's oil-rich Deir Ezzor province": the container
         * is what the possessive's owner holds */
        if (m->container == (int)k && k + 1 < nm && possessive_holds(c, n, &ms[k + 1]))
            m->container = (int)(k + 1);
    }
    type_of_holds(c);
}

