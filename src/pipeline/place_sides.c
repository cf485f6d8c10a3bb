/*
 * place_sides.c - the sides of an event that name where it happened, not
 * who took part: a town's or a province's name after "of" or "in", a
 * nationality before a word for a place, a place a distance is measured
 * from (pl_drop_place_sides), and the word helpers the actors' rules
 * share.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "pipeline_int.h"

/* The word before byte s (past spaces): its bytes [*b, return), or s when
 * none. */
size_t pl_word_before(const char *t, size_t s, size_t *b)
{
    size_t e = s;
    while (e > 0 && t[e - 1] == ' ')
        e--;
    *b = e;
    while (*b > 0 && isalpha((unsigned char)t[*b - 1]))
        --*b;
    return e;
}

int pl_word_eq(const char *t, size_t b, size_t e, const char *w)
{
    if (e > b && (t[b] | 0x20) != w[0])
        return 0;
    size_t n = strlen(w);
    return e - b == n && !strncasecmp(t + b, w, n);
}

static const char *const compass[] = {"north", "south", "east", "west", "northeast", "northwest",
                                     "southeast", "southwest", "part", "parts", "areas", "centre",
                                     "center", "outskirts", "suburbs", "district", "governorate",
                                     NULL};
static const char *const places_of[] = {"capital", "city", "town", "village", "province",
                                        "border", "coast", "side", "region", "countryside",
                                        "territory", "waters", "airspace", "frontier",
                                        "district", "villages", "towns", "areas",
                                        "neighbourhood", "neighborhood", "quarter",
                                        "heartland", "enclave", NULL};

/* Whether an actor's code is a people's, with or without its country
 * ("MOSDRZ", "SYRKUR"): "the mainly Christian and Druze district" is
 * where, as "the Turkish border" is. */
static int people_name(const char *code)
{
    return sr_dict_people_code(code) || (code[0] && code[1] && code[2] && code[3] &&
                                         sr_dict_people_code(code + 3));
}

/* Whether target code, a country alone, is another country than the
 * event's source's: "Turkish artillery shelled Syrian villages" struck
 * Syria's land, where "Iraqi forces shelled the Iraqi town of Hit" and
 * "a car bomb struck the Syrian town" only say where. */
static int foreign_land(const sr_event *ev, const char *code)
{
    const char *src = ev->source;
    if (strlen(code) != 3 || !src || sr_dict_people_code(src) || sr_dict_people_code(code))
        return 0;
    uint32_t k = country_prefix(src);
    return k && country_prefix(code) && k != prefix3(code);
}

/* Whether the words before byte s, past an article and adjectives of
 * direction, open with a preposition of place: "a car bomb in the Somali
 * capital" says where, but "Turkish artillery shelled Syrian villages"
 * and "strikes on Syrian border posts" say whom (the country whose land
 * was hit), and "the Syrian side said" who spoke. */
static int after_place_prep(const char *t, size_t s)
{
    static const char *const where[] = {"in", "inside", "near", "across", "throughout",
                                        "outside", "around", "of", "at", "from", "along",
                                        "to", "toward", "towards", "within", "over", NULL};
    static const char *const skip[] = {"the", "a", "an", "central", "nearby", "neighbouring",
                                       "neighboring", NULL};
    size_t at = s;
    for (int k = 0; k < 3; k++) {
        size_t b, e = pl_word_before(t, at, &b);
        if (e == b)
            return 0;
        for (size_t j = 0; where[j]; j++)
            if (pl_word_eq(t, b, e, where[j]))
                return 1;
        int pass = e - b > 4 && !strncasecmp(t + e - 3, "ern", 3);
        for (size_t j = 0; skip[j] && !pass; j++)
            pass = pl_word_eq(t, b, e, skip[j]);
        if (!pass)
            return 0;
        at = b;
    }
    return 0;
}

/* Whether a distance stands in the few words before byte s: "100 km
 * north of the capital,", "20 kilometres from", "30 miles south of". */
static int distance_before(const char *t, size_t s)
{
    static const char *const units[] = {"km", "kms", "kilometres", "kilometers", "kilometre",
                                        "kilometer", "miles", "mile", NULL};
    size_t at = s;
    for (int k = 0; k < 6; k++) {
        while (at > 0 && (t[at - 1] == ' ' || t[at - 1] == ','))
            at--;
        size_t b = at;
        while (b > 0 && isalpha((unsigned char)t[b - 1]))
            b--;
        if (b == at)
            return 0;
        for (size_t j = 0; units[j]; j++)
            if (pl_word_eq(t, b, at, units[j]))
                return b > 0 && (t[b - 1] == ' ' || isdigit((unsigned char)t[b - 1]));
        at = b;
    }
    return 0;
}

/* Whether t[s, e) is capitalised words only: a people's name, with its
 * country ("Syrian Kurdish"), not an agent joined to it ("people from a
 * Kurdish city" were taken from the city). */
static int names_only(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++)
        if ((i == s || t[i - 1] == ' ') && !isupper((unsigned char)t[i]))
            return 0;
    return 1;
}

/* Whether places pl[0..np) (in text order) hold a demonym at [s, e). */
static int demonym_at(const sr_geo_place *pl, size_t np, size_t s, size_t e)
{
    size_t lo = pl_first_place_at(pl, np, s);
    for (; lo < np && pl[lo].start == s; lo++)
        if (pl[lo].end == e && pl[lo].role == SR_GEO_DEMONYM)
            return 1;
    return 0;
}

/* The actor t[s, e) is one capitalised word in a country adjective's
 * form ("Syrian", "Iraqi", "Lebanese", "Turkish") coded as a country
 * alone: the gazetteer may not list it as a demonym before a place. */
static int demonym_word(const char *t, size_t s, size_t e, const char *code)
{
    if (e < s + 4 || !code || strlen(code) != 3 || t[s] < 'A' || t[s] > 'Z')
        return 0;
    for (size_t k = s; k < e; k++)
        if (!isalpha((unsigned char)t[k]))
            return 0;
    return sr_parse_demonym_form(t + s, e - s);
}

/* Whether the word at byte ws of t[0..n) is one of list. */
static int next_word_in(const char *t, size_t n, size_t ws, const char *const *list)
{
    size_t we = ws;
    while (we < n && isalpha((unsigned char)t[we]))
        we++;
    if (we == ws)
        return 0;
    for (size_t k = 0; list[k]; k++)
        if (list[k][0] == (t[ws] | 0x20) && pl_word_eq(t, ws, we, list[k]))
            return 1;
    return 0;
}

/* sitrep's dictionaries: a place named as part of where something is is
 * no actor ("stormed the Barzeh district of Damascus", "in northwestern
 * Syria's Idlib province", "the Damascus countryside"): a capital's name
 * coded as its country became the target (or source) of events that
 * happened there.  A town or province after "of", or after "in", "near"
 * and the like in an act of violence, a town or province before a word
 * for a part of one, and any place owning another place leave that side
 * unknown.  A country after "in" stays a target (pl_drop_locative_sources),
 * and a visit's host. */
void pl_drop_place_sides(sr_result *r)
{
    static const char *const preps[] = {"in", "inside", "near", "across", "throughout",
                                        "outside", "around", "of", NULL};
    static const char *const parts[] = {"countryside", "suburbs", "suburb", "outskirts",
                                        "province", "district", "neighbourhood",
                                        "neighborhood", "governorate", "region", NULL};
    size_t np;
    const sr_geo_place *pl = r->geo ? sr_geo_doc_places(r->geo, &np) : NULL;
    if (!pl || !np)
        return;
    const char *t = r->doc->text;
    size_t n = r->doc->text_len;
    sr_event *ev = r->events.items;
    /* The place of each side's words, kept for the next event: the events
     * of a sentence share their source, and often their target. */
    size_t ls[2] = {1, 1}, le[2] = {0, 0};
    const sr_geo_place *lq[2] = {NULL, NULL};
    for (size_t i = 0; i < r->events.len; i++)
        for (int side = 0; side < 2; side++) {
            const char *code = side ? ev[i].target : ev[i].source;
            const char *txt = side ? ev[i].target_text : ev[i].source_text;
            if (!code || !txt)
                continue;
            size_t s = side ? ev[i].target_start : ev[i].source_start;
            size_t e = side ? ev[i].target_end : ev[i].source_end;
            if (s != ls[side] || e != le[side]) {
                ls[side] = s;
                le[side] = e;
                lq[side] = sr_geo_doc_locate(r->geo, s, e);
            }
            /* words inside a longer place's name name no actor: "visited
             * Dahiyet al-Assad" (a district of Aleppo), "Little Portugal",
             * "British Columbia"; but a country inside a place of its own
             * stays ("South Lebanon", "Damascus Countryside"), and so does
             * "the Kremlin" */
            size_t at = pl_first_place_at(pl, np, e);
            const sr_geo_place *in = at > 0 ? &pl[at - 1] : NULL;
            if (in && in->role == SR_GEO_PLACE && !(in->flags & SR_GEO_F_DATELINE) &&
                in->start <= s && in->end >= e && in->end - in->start > e - s &&
                !(in->start + 4 == s && in->end == e && !strncasecmp(t + in->start, "the ", 4))) {
                const char *own = in->cc[0] ? sr_cameo_country_of_cc(in->cc) : NULL;
                if (!(strlen(code) == 3 && own && !strncmp(own, code, 3))) {
                    pl_clear_side(&ev[i], side);
                    continue;
                }
            }
            const sr_geo_place *q = lq[side];
            if (!q || q->start != s || q->end != e || q->role != SR_GEO_PLACE ||
                (q->flags & SR_GEO_F_DATELINE)) {
                /* a people's name before a word for a place: "in the
                 * Somali capital Mogadishu", "the Syrian side" */
                if (e + 1 >= n || t[e] != ' ')
                    continue;
                int dem = demonym_at(pl, np, s, e);
                if ((dem || (names_only(t, s, e) && people_name(code))) &&
                    next_word_in(t, n, e + 1, places_of) &&
                    !(side && foreign_land(&ev[i], code) && !after_place_prep(t, s))) {
                    pl_clear_side(&ev[i], side);
                    continue;
                }
                /* or before the place itself: "a drone strike near Syrian
                 * Al-Raqqa province", "in Syrian Idlib" */
                if (dem || demonym_word(t, s, e, code)) {
                    size_t k = pl_first_place_at(pl, np, e + 1);
                    if (k < np && pl[k].start == e + 1 && pl[k].role == SR_GEO_PLACE &&
                        pl[k].level > SR_GEO_LEVEL_COUNTRY)
                        pl_clear_side(&ev[i], side);
                }
                continue;
            }
            int drop = 0;
            /* (a place a distance is measured from is where, not whom:
             * "in Debre Berhan town, about 100 km north of the capital,
             * Addis Ababa", "a village 20 km from Damascus") */
            if (q->level > SR_GEO_LEVEL_COUNTRY && distance_before(t, s)) {
                pl_clear_side(&ev[i], side);
                continue;
            }
            /* (a visit's host is its target: "arrived in Amman") */
            if (!strncmp(ev[i].code, "042", 3) || !strncmp(ev[i].code, "043", 3))
                continue;
            /* after a preposition of place, below a country: "of" always
             * ("the Bab Touma district of Damascus"), the others for an
             * act of violence, whose target is who it struck ("a car bomb
             * in Damascus"); a curfew or aid "in Baghdad" is Iraq's */
            size_t b, we = pl_word_before(t, s, &b);
            /* (past a word of which part: "in central Baghdad", "in
             * northern Aleppo") */
            if (we > b + 4 && (pl_word_eq(t, b, we, "central") ||
                               !strncasecmp(t + we - 3, "ern", 3)))
                we = pl_word_before(t, b, &b);
            const char *c = ev[i].code;
            int violent = pl_violent_root(c);
            /* (and a meeting's or an agreement's venue: "signed the
             * agreement in Addis Ababa", "hold talks in Cairo") */
            int venue = c[0] == '0' && c[1] >= '3' && c[1] <= '6';
            for (size_t k = 0; preps[k] && !drop && we > b && q->level > SR_GEO_LEVEL_COUNTRY; k++)
                drop = (violent || venue || !strcmp(preps[k], "of")) && pl_word_eq(t, b, we, preps[k]);
            /* a country too after a word for a place and "of" ("in
             * Saladin province of Iraq", "the north of Syria") */
            if (!drop && we > b && pl_word_eq(t, b, we, "of")) {
                size_t b2, we2 = pl_word_before(t, b, &b2);
                for (size_t k = 0; places_of[k] && !drop && we2 > b2; k++)
                    drop = pl_word_eq(t, b2, we2, places_of[k]);
                for (size_t k = 0; compass[k] && !drop && we2 > b2; k++)
                    drop = pl_word_eq(t, b2, we2, compass[k]);
            }
            /* before "'s" and another place, or a word for a part of one */
            size_t a = e;
            if (!drop && a + 2 < n && t[a] == '\'' && (t[a + 1] | 0x20) == 's' && t[a + 2] == ' ') {
                /* (right after it, or after one word: "Syria's
                 * northwestern Idlib province"; not "Macedonia's border
                 * with Bulgaria") */
                a += 3;
                size_t a2 = a;
                while (a2 < n && (isalpha((unsigned char)t[a2]) || t[a2] == '-'))
                    a2++;
                if (a2 < n && t[a2] == ' ')
                    a2++;
                for (size_t k = pl_first_place_at(pl, np, a); k < np && !drop && pl[k].start <= a2; k++)
                    drop = (pl[k].start == a || pl[k].start == a2) && pl[k].role == SR_GEO_PLACE;
            }
            if (!drop && e < n && t[e] == ' ') {
                size_t ws = e + 1, wend = ws;
                while (wend < n && isalpha((unsigned char)t[wend]))
                    wend++;
                for (size_t k = 0; parts[k] && !drop && q->level > SR_GEO_LEVEL_COUNTRY; k++)
                    drop = pl_word_eq(t, ws, wend, parts[k]);
            }
            /* a town right before an event noun is where it happened:
             * "Baghdad car bomb", "Aleppo air strikes" (not "Tehran's
             * missile strikes") */
            if (!drop && side == 0 && (ev[i].flags & SR_EV_NOUN) &&
                q->level > SR_GEO_LEVEL_COUNTRY && ev[i].verb_start >= e && ev[i].verb_start - e <= 1)
                drop = 1;
            if (drop)
                pl_clear_side(&ev[i], side);
        }
}

