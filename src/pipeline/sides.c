/* Who the sides of an event are, by what the event says of them: a
 * settler's land, a journey, a victim named with others; and the
 * countries the story's places name, which agents take theirs from
 * (pl_fill_focus, actors.c). */
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "pipeline_int.h"

/* Settlers are not of the land they settle: those of a land in this
 * table are its settling state's ("settlers attacked farmers near
 * Nablus" are Israel's, not Palestine's; Morocco's in Western Sahara). */
const char *pl_settled_by(const char *country, const char *text)
{
    static const char *const lands[][2] = {{"PSE", "ISR"}, {"ESH", "MAR"}};
    for (size_t k = 0; k < sizeof lands / sizeof lands[0]; k++)
        if (!strncmp(country, lands[k][0], 3))
            return text && (pl_has_word(text, "settler") || pl_has_word(text, "settlers"))
                       ? lands[k][1] : country;
    return country;
}

/* Whether event e is a journey: a visit (042), or a meeting or talks
 * (04) told by a verb of travel ("travelled to Moscow for talks"). */
int pl_traveller(const sr_result *r, const sr_event *e)
{
    static const char *const verbs[] = {"visit", "arriv", "travel", "flew", "fly", "flie", NULL};
    if (!strncmp(e->code, "042", 3))
        return 1;
    if (strncmp(e->code, "04", 2) || e->verb_end <= e->verb_start)
        return 0;
    return sr_has_stem(r->doc->text + e->verb_start, e->verb_end - e->verb_start, verbs);
}

/* Another target of event i's verb with a country of its own, not a
 * people's ("YPG fighters": SYRREB), or NULL. */
const char *pl_target_sibling(const sr_event *ev, size_t n, size_t i)
{
    size_t lo = i;
    while (lo > 0 && ev[lo - 1].verb_start == ev[i].verb_start)
        lo--;
    for (size_t j = lo; j < n && ev[j].verb_start == ev[i].verb_start; j++) {
        const char *c = ev[j].target;
        if (j != i && c && c[0] != '-' && strlen(c) >= 3 && ev[j].target_start != ev[i].target_start &&
            !sr_dict_people_code(c))
            return c;
    }
    return NULL;
}

/* A state's forces or officials: government, military, police. */
static int state_force(const char *c)
{
    return !strncmp(c, "GOV", 3) || !strncmp(c, "MIL", 3) || !strncmp(c, "COP", 3);
}

/* The country of another member of event i's compound on side s, when
 * both are a state's forces ("Government warplanes and artillery struck",
 * "Russian jets and helicopters"; not "Turkish troops and rebels"): an
 * event of the same verb whose side there names one; else NULL. */
const char *pl_sibling_country(const sr_event *ev, size_t n, size_t i, int s)
{
    const char *mine = s ? ev[i].target : ev[i].source;
    if (!mine || strlen(mine) < 6 || !state_force(mine + 3))
        return NULL;
    size_t own = s ? ev[i].target_start : ev[i].source_start;
    size_t lo = i;
    while (lo > 0 && ev[lo - 1].verb_start == ev[i].verb_start)
        lo--;
    for (size_t j = lo; j < n && ev[j].verb_start == ev[i].verb_start; j++) {
        const char *c = s ? ev[j].target : ev[j].source;
        if (j != i && c && c[0] != '-' && strlen(c) >= 6 && state_force(c + 3) &&
            (s ? ev[j].target_start : ev[j].source_start) != own)
            return c;
    }
    return NULL;
}

/* A state named alone or with its government or forces ("TUR", "SYRMIL"). */
static int state_code(const char *c)
{
    size_t n = c ? strlen(c) : 0;
    if ((n != 3 && n != 6) || c[0] < 'A' || c[0] > 'Z' || !strncmp(c, "---", 3) ||
        !strncmp(c, "IGO", 3) || !strncmp(c, "IMG", 3) || !strncmp(c, "NGO", 3))
        return 0;
    return n == 3 || state_force(c + 3);
}

const char *pl_its_owner(const sr_result *r, size_t i, size_t start)
{
    const char *t = r->doc->text;
    if (start < 4 || strncasecmp(t + start - 4, "its ", 4) ||
        (start > 4 && (t[start - 5] | 0x20) >= 'a' && (t[start - 5] | 0x20) <= 'z'))
        return NULL;
    const sr_sentence *snt = &r->sents[((const size_t *)r->event_sentence.items)[i]];
    const pl_aspan *sp = r->actor_spans.items;
    const char *best = NULL;
    size_t best_end = 0;
    /* the last state the sentence names before "its", past other actors
     * ("Turkey said Syrian rebels in Afrin attacked its troops") */
    for (size_t k = 0; k < r->actor_spans.len; k++)
        if (sp[k].start >= snt->start && sp[k].end <= start - 4 && sp[k].end >= best_end &&
            state_code(sp[k].code)) {
            best = sp[k].code;
            best_end = sp[k].end;
        }
    return best;
}

int pl_cc_index(const char *cc)
{
    return cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z' && !cc[2]
               ? (cc[0] - 'A') * 26 + (cc[1] - 'A')
               : -1;
}

/* Place p opens a longer actor's name, whose forces they are, not where
 * ("US special forces", "Turkey's army"); or it speaks ("Russia said
 * militants attacked its soldiers in Idlib"). */
static int speaks_or_owns(const sr_result *r, const sr_geo_place *p)
{
    static const char *const says[] = {"said", "says", "say", "announced", "claimed", "accused",
                                       "denied", "told", "stated", "warned", NULL};
    const char *t = r->doc->text;
    size_t e = p->end, n0 = r->doc->text_len;
    /* (the verbs' first letters: most words after a place start with
     * another one) */
    if (e + 4 < n0 && t[e] == ' ' && strchr("sactdw", t[e + 1])) {
        size_t b = e + 1, w = b;
        while (w < n0 && w < b + 10 && islower((unsigned char)t[w]))
            w++;
        for (size_t k = 0; says[k]; k++)
            if (says[k][0] == t[b] && strlen(says[k]) == w - b && !memcmp(t + b, says[k], w - b))
                return 1;
    }
    const pl_aspan *sp = r->by_start;
    size_t n = r->actor_spans.len;
    if (!sp)
        return 0;
    size_t lo = sr_lower_bound_by(sp, n, sizeof *sp, offsetof(pl_aspan, start), p->start);
    for (size_t i = lo; i < n && sp[i].start == p->start; i++)
        if (sp[i].end > p->end)
            return 1;
    return 0;
}

void pl_count_countries(const sr_result *r, place_countries *pc)
{
    size_t np;
    const sr_geo_place *pl = sr_geo_doc_places(r->geo, &np);
    memset(pc, 0, sizeof *pc);
    for (size_t k = 0; k < np; k++) {
        /* ("a US-led coalition airstrike", "Turkey-backed forces": a
         * hyphened modifier says who leads or backs, not where) */
        /* (nor does where someone came from: "a tourist from Canada") */
        if (pl[k].role != SR_GEO_PLACE || (pl[k].flags & SR_GEO_F_ORIGIN) ||
            ((pl[k].flags & SR_GEO_F_MODIFIER) && pl[k].end < r->doc->text_len &&
             r->doc->text[pl[k].end] == '-') ||
            speaks_or_owns(r, &pl[k]))
            continue;
        pc->places++;
        int x = pl_cc_index(pl[k].cc);
        if (x >= 0 && pc->n[x] < 2)
            pc->n[x]++;
    }
    pc->made = 1;
}
