/* Short forms of names the document gave before the sentence: "the
 * Observatory" after "the Syrian Observatory for Human Rights", "Carter"
 * after "Defense Secretary Ashton Carter", "the NDF" after "the National
 * Defence Forces".  News names a body or a person in full once and then
 * shortens the name; the dictionaries list few such forms, so an event
 * whose actor was one had no source or target, or none at all. */
#include <stdint.h>
#include <string.h>

#include "parse_int.h"

#define word_is(pw, lit) ((pw)->len == sizeof(lit) - 1 && !memcmp((pw)->w, lit, sizeof(lit)))

int sr_parse_calendar_word(const sr_pword *w)
{
    /* (by length: every free capitalised word asks) */
    static const char *const l3[] = {"may", NULL}, *const l4[] = {"june", "july", NULL},
                             *const l5[] = {"march", "april", NULL},
                             *const l6[] = {"monday", "friday", "sunday", "august", NULL},
                             *const l7[] = {"tuesday", "january", "october", NULL},
                             *const l8[] = {"thursday", "saturday", "february", "november",
                                            "december", NULL},
                             *const l9[] = {"wednesday", "september", NULL};
    static const char *const *const by_len[] = {l3, l4, l5, l6, l7, l8, l9};
    if (w->len < 3 || w->len > 9)
        return 0;
    for (const char *const *l = by_len[w->len - 3]; *l; l++)
        if ((*l)[0] == w->w[0] && !memcmp(*l, w->w, w->len))
            return 1;
    return 0;
}

/* A capitalised word no dictionary phrase or closed class typed. */
static inline int free_cap(const sr_pword *w)
{
    return w->cap && w->type == SR_W_NULL && w->root < 0;
}

/* A preposition, which ends a name's first stretch ("Army of Conquest",
 * "Syrian Observatory for Human Rights"); "and" does not ("Food and
 * Agriculture Organization"). */
static int stops_stretch(const sr_pword *w)
{
    static const char *const list[] = {"of", "for", "on", "in", "at", "to", "against",
                                       "from", "with", "under", NULL};
    return !w->cap && w->len >= 2 && w->len <= 7 && parse_word_in(w, list);
}

int parse_note_name(sr_parse *p, const sr_proot *rt)
{
    const char *c = rt->role.codes;
    if (!c || c[0] == '-' || !c[0] || !c[1] || !c[2] || !c[3] || !p->text)
        return SR_OK;
    /* its head: the last word before its first preposition ("Syrian
     * Observatory" of "Syrian Observatory for Human Rights", "Army" of
     * "Army of Conquest") */
    size_t h = rt->start;
    while (h < rt->end && !stops_stretch(&p->words[h]))
        h++;
    if (h == rt->start)
        return SR_OK;
    const sr_pword *hw = &p->words[h - 1];
    sr_parse_names *nm = p->names;
    sr_parse_name *x = sr_vec_push(nm->list, nm->arena, sizeof *x);
    if (!x)
        return SR_ENOMEM;
    *x = (sr_parse_name){p->words[rt->start].start, p->words[rt->end - 1].end, hw->end, c};
    unsigned key = sr_parse_name_key(hw->w, hw->len);
    nm->keys[key >> 6] |= 1ull << (key & 63);
    /* and its initials ("SOHR") */
    if (rt->end - rt->start >= 3) {
        char ini[6];
        size_t n = 0;
        for (size_t k = rt->start; k < rt->end && n <= sizeof ini; k++)
            if (p->words[k].cap && n++ < sizeof ini)
                ini[n - 1] = p->words[k].w[0];
        if (n >= 3 && n <= sizeof ini) {
            key = sr_parse_name_key(ini, n);
            nm->keys[key >> 6] |= 1ull << (key & 63);
        }
    }
    return SR_OK;
}

/* Whether the n bytes r are whole words that end the first stretch of
 * name x: its head noun or surname, with words before it or not
 * ("Observatory" or "Syrian Observatory" of "Syrian Observatory for Human
 * Rights", "Carter" of "Ashton Carter"; not "Rights", not "Food" of
 * "World Food Programme", not "Islamic" of "Islamic State"). */
static int heads(const char *t, const sr_parse_name *x, const char *r, size_t n)
{
    if (x->head_end < x->start + n)
        return 0;
    size_t i = x->head_end - n;
    return (i == x->start || t[i - 1] == ' ' || t[i - 1] == '-') && t[i] == r[0] &&
           !memcmp(t + i, r, n);
}

/* Whether the n capitals r are the initials of the capitalised words of
 * t[s, e) ("NDF": "National Defence Forces"; "for", "of" and "al-" are
 * passed over: "SOHR", "JFS" for "Jabhat Fateh al-Sham"). */
static int initials_of(const char *t, size_t s, size_t e, const char *r, size_t n)
{
    size_t k = 0;
    for (size_t i = s; i < e; i++) {
        if (i != s && t[i - 1] != ' ' && t[i - 1] != '-')
            continue;
        if (t[i] >= 'A' && t[i] <= 'Z') {
            if (k == n || t[i] != r[k])
                return 0;
            k++;
        }
    }
    return k == n;
}

/* The code of the name the run of words [i, j) shortens, the nearest
 * before it first, or NULL. */
static const char *short_of(const sr_parse *p, const sr_parse_names *nm, size_t i, size_t j)
{
    const char *t = p->text;
    size_t s = p->words[i].start, e = p->words[j - 1].end, n = e - s;
    int acronym = j == i + 1 && n >= 3 && n <= 6;
    for (size_t k = s; k < e && acronym; k++)
        acronym = t[k] >= 'A' && t[k] <= 'Z';
    /* one word of four letters or more: "Front", "Carter"; shorter ones
     * are too often another name's ("Ali", "Abu") */
    if (j == i + 1 && n < 4 && !acronym)
        return NULL;
    /* nor a run that opens with an article ("Al-Sham" is no short form
     * of "Ahrar al-Sham") */
    const sr_pword *w0 = &p->words[i];
    if (j > i + 1 && w0->len == 2 && (!memcmp(w0->w, "al", 2) || !memcmp(w0->w, "el", 2)))
        return NULL;
    const sr_parse_name *names = nm->list->items;
    for (size_t k = nm->to; k-- > nm->from;) {
        const sr_parse_name *x = &names[k];
        if (x->end > s || x->end - x->start <= n)
            continue;
        if (acronym ? initials_of(t, x->start, x->end, t + s, n) : heads(t, x, t + s, n))
            return x->code;
    }
    return NULL;
}

/* Word k joins a run of capitalised words: one itself, or "al-" and the
 * like joined by a hyphen to one ("Fateh al-Sham"). */
static int in_run(const sr_parse *p, size_t k)
{
    const sr_pword *w = &p->words[k];
    return free_cap(w) || (k + 1 < p->nwords && w->type == SR_W_NULL && w->root < 0 &&
                           p->text[w->end] == '-' && free_cap(&p->words[k + 1]));
}

int parse_short_names(sr_arena *a, sr_parse *p)
{
    const sr_parse_names *nm = p->names;
    if (!nm || nm->to <= nm->from || !p->text || p->allcaps)
        return SR_OK;
    size_t n = p->nwords, nadd = 0;
    sr_proot *add = NULL;
    for (size_t i = p->free_lo; i < p->free_hi; i++) {
        const sr_pword *w = &p->words[i];
        /* (a word whose key no name has shortens none) */
        if (!free_cap(w) || !sr_parse_key_in(nm->keys, sr_parse_name_key(w->w, w->len)) ||
            sr_parse_calendar_word(w))
            continue;
        /* the run of such words around it; a day's or a month's name is
         * no part of it ("Last Tuesday Yildirim said") */
        size_t ri = i, rj = i + 1;
        while (ri > 0 && in_run(p, ri - 1) && !sr_parse_calendar_word(&p->words[ri - 1]))
            ri--;
        while (rj < n && in_run(p, rj) && !sr_parse_calendar_word(&p->words[rj]))
            rj++;
        /* a run after a capitalised word no dictionary knows, past the
         * titles before it, is part of another name ("the rebels' Supreme
         * Military Council" is no Security Council; "Defense Secretary
         * Carter" is Carter) */
        size_t b = ri;
        while (b > 0 && p->words[b - 1].cap && p->words[b - 1].type == SR_W_AGENT)
            b--;
        const char *code =
            b > 0 && free_cap(&p->words[b - 1]) && !sr_parse_calendar_word(&p->words[b - 1])
                ? NULL
                : short_of(p, nm, ri, rj);
        if (code) {
            if (!add && !(add = sr_arena_alloc(a, n * sizeof *add)))
                return SR_ENOMEM;
            add[nadd++] = (sr_proot){SR_W_ACTOR, ri, rj, UINT32_MAX, UINT32_MAX,
                                     {code, 1, 0, INT32_MIN, INT32_MAX}};
        }
        if (rj > i)
            i = rj - 1;
    }
    if (!nadd)
        return SR_OK;
    /* The new roots merged in by start, the words' root numbers moved to
     * follow. */
    sr_proot *roots = sr_arena_alloc(a, (p->nroots + nadd) * sizeof *roots);
    int32_t *moved = sr_arena_alloc(a, (p->nroots ? p->nroots : 1) * sizeof *moved);
    if (!roots || !moved)
        return SR_ENOMEM;
    size_t r = 0, q = 0, o = 0;
    while (r < p->nroots || q < nadd) {
        if (q < nadd && (r == p->nroots || add[q].start < p->roots[r].start)) {
            roots[o] = add[q++];
        } else {
            moved[r] = (int32_t)o;
            roots[o] = p->roots[r++];
        }
        o++;
    }
    for (size_t k = 0; k < n; k++)
        if (p->words[k].root >= 0)
            p->words[k].root = moved[p->words[k].root];
    for (size_t k = 0; k < o; k++)
        if (roots[k].entry == UINT32_MAX && roots[k].type == SR_W_ACTOR)
            for (size_t w = roots[k].start; w < roots[k].end; w++) {
                p->words[w].type = SR_W_ACTOR;
                p->words[w].root = (int32_t)k;
            }
    p->roots = roots;
    p->nroots = o;
    return SR_OK;
}

/* Ranks before an agent that leave it its owner: "Deputy Ambassador". */
int parse_rank_word(const sr_pword *w)
{
    static const char *const ranks[] = {"deputy", "acting", "assistant", "vice",
                                        "interim", "senior", "chief",     NULL};
    static _Atomic uint32_t ranks_first;
    return parse_word_in_f(w, ranks, &ranks_first);
}

/* A role that speaks for whoever is named after "for": "a spokesman for
 * the Free Syrian Army", "a spokeswoman for the UN". */
int parse_speaks_for(const sr_pword *w)
{
    static const char *const roles[] = {"spokesman",  "spokeswoman",    "spokesperson",
                                        "spokesmen",  "representative", "representatives",
                                        "negotiator", "negotiators",    NULL};
    return parse_word_in(w, roles);
}

/* sitrep's conventions: a nationality before "leader" and a leader
 * named after it describes him ("South African leader Nelson
 * Mandela", "Iraqi Kurdish leader Masoud Barzani"): his own entry says
 * who he is, and the nationality is no actor of its own (it had been
 * the event's side, ZAF for ZAFGOV) */
void parse_leader_nationality(sr_parse *p)
{
    for (size_t q = 1; q + 1 < p->nroots; q++) {
        const sr_proot *ld = &p->roots[q], *nx = &p->roots[q + 1];
        if (ld->type != SR_W_AGENT || nx->type != SR_W_ACTOR || ld->end != nx->start ||
            ld->end != ld->start + 1 ||
            !(word_is(&p->words[ld->start], "leader") ||
              word_is(&p->words[ld->start], "leaders")))
            continue;
        /* (back over the nationalities before it, "Iraqi Kurdish") */
        size_t at = ld->start;
        for (size_t r = q; r-- > 0;) {
            sr_proot *rt = &p->roots[r];
            if (rt->end != at || (rt->type != SR_W_ACTOR && rt->type != SR_W_ADJ))
                break;
            at = rt->start;
            if (rt->type == SR_W_ADJ)
                continue;
            if (rt->role.ncodes != 1 || !rt->role.codes || p->words[rt->end - 1].poss ||
                !(strlen(rt->role.codes) == 3 || sr_dict_people_code(rt->role.codes)))
                break;
            rt->type = SR_W_ADJ;
            for (size_t i = rt->start; i < rt->end; i++)
                p->words[i].type = SR_W_ADJ;
        }
    }
}
