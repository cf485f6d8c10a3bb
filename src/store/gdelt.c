/* What GDELT's event table needs beyond the store's own columns: CAMEO
 * actor codes split into their parts, and FIPS 10-4 country codes.
 *
 * The FIPS 10-4 table was written for sitrep from general knowledge of the
 * standard (it is public: US NGA/CIA World Factbook appendix D); ISO codes
 * are what the gazetteer gives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "store_gdelt.h"
#include "../dict/sr_dict.h"

/* ISO 3166-1 alpha-2 and FIPS 10-4, sorted by ISO code. */
static const char fips[][2][3] = {
    {"AD", "AN"}, {"AE", "AE"}, {"AF", "AF"}, {"AG", "AC"}, {"AI", "AV"}, {"AL", "AL"},
    {"AM", "AM"}, {"AO", "AO"}, {"AQ", "AY"}, {"AR", "AR"}, {"AS", "AQ"}, {"AT", "AU"},
    {"AU", "AS"}, {"AW", "AA"}, {"AZ", "AJ"}, {"BA", "BK"}, {"BB", "BB"}, {"BD", "BG"},
    {"BE", "BE"}, {"BF", "UV"}, {"BG", "BU"}, {"BH", "BA"}, {"BI", "BY"}, {"BJ", "BN"},
    {"BL", "TB"}, {"BM", "BD"}, {"BN", "BX"}, {"BO", "BL"}, {"BR", "BR"}, {"BS", "BF"},
    {"BT", "BT"}, {"BV", "BV"}, {"BW", "BC"}, {"BY", "BO"}, {"BZ", "BH"}, {"CA", "CA"},
    {"CC", "CK"}, {"CD", "CG"}, {"CF", "CT"}, {"CG", "CF"}, {"CH", "SZ"}, {"CI", "IV"},
    {"CK", "CW"}, {"CL", "CI"}, {"CM", "CM"}, {"CN", "CH"}, {"CO", "CO"}, {"CR", "CS"},
    {"CU", "CU"}, {"CV", "CV"}, {"CW", "UC"}, {"CX", "KT"}, {"CY", "CY"}, {"CZ", "EZ"},
    {"DE", "GM"}, {"DJ", "DJ"}, {"DK", "DA"}, {"DM", "DO"}, {"DO", "DR"}, {"DZ", "AG"},
    {"EC", "EC"}, {"EE", "EN"}, {"EG", "EG"}, {"EH", "WI"}, {"ER", "ER"}, {"ES", "SP"},
    {"ET", "ET"}, {"FI", "FI"}, {"FJ", "FJ"}, {"FK", "FK"}, {"FM", "FM"}, {"FO", "FO"},
    {"FR", "FR"}, {"GA", "GB"}, {"GB", "UK"}, {"GD", "GJ"}, {"GE", "GG"}, {"GF", "FG"},
    {"GG", "GK"}, {"GH", "GH"}, {"GI", "GI"}, {"GL", "GL"}, {"GM", "GA"}, {"GN", "GV"},
    {"GP", "GP"}, {"GQ", "EK"}, {"GR", "GR"}, {"GS", "SX"}, {"GT", "GT"}, {"GU", "GQ"},
    {"GW", "PU"}, {"GY", "GY"}, {"HK", "HK"}, {"HM", "HM"}, {"HN", "HO"}, {"HR", "HR"},
    {"HT", "HA"}, {"HU", "HU"}, {"ID", "ID"}, {"IE", "EI"}, {"IL", "IS"}, {"IM", "IM"},
    {"IN", "IN"}, {"IO", "IO"}, {"IQ", "IZ"}, {"IR", "IR"}, {"IS", "IC"}, {"IT", "IT"},
    {"JE", "JE"}, {"JM", "JM"}, {"JO", "JO"}, {"JP", "JA"}, {"KE", "KE"}, {"KG", "KG"},
    {"KH", "CB"}, {"KI", "KR"}, {"KM", "CN"}, {"KN", "SC"}, {"KP", "KN"}, {"KR", "KS"},
    {"KW", "KU"}, {"KY", "CJ"}, {"KZ", "KZ"}, {"LA", "LA"}, {"LB", "LE"}, {"LC", "ST"},
    {"LI", "LS"}, {"LK", "CE"}, {"LR", "LI"}, {"LS", "LT"}, {"LT", "LH"}, {"LU", "LU"},
    {"LV", "LG"}, {"LY", "LY"}, {"MA", "MO"}, {"MC", "MN"}, {"MD", "MD"}, {"ME", "MJ"},
    {"MF", "RN"}, {"MG", "MA"}, {"MH", "RM"}, {"MK", "MK"}, {"ML", "ML"}, {"MM", "BM"},
    {"MN", "MG"}, {"MO", "MC"}, {"MP", "CQ"}, {"MQ", "MB"}, {"MR", "MR"}, {"MS", "MH"},
    {"MT", "MT"}, {"MU", "MP"}, {"MV", "MV"}, {"MW", "MI"}, {"MX", "MX"}, {"MY", "MY"},
    {"MZ", "MZ"}, {"NA", "WA"}, {"NC", "NC"}, {"NE", "NG"}, {"NF", "NF"}, {"NG", "NI"},
    {"NI", "NU"}, {"NL", "NL"}, {"NO", "NO"}, {"NP", "NP"}, {"NR", "NR"}, {"NU", "NE"},
    {"NZ", "NZ"}, {"OM", "MU"}, {"PA", "PM"}, {"PE", "PE"}, {"PF", "FP"}, {"PG", "PP"},
    {"PH", "RP"}, {"PK", "PK"}, {"PL", "PL"}, {"PM", "SB"}, {"PN", "PC"}, {"PR", "RQ"},
    {"PS", "WE"}, {"PT", "PO"}, {"PW", "PS"}, {"PY", "PA"}, {"QA", "QA"}, {"RE", "RE"},
    {"RO", "RO"}, {"RS", "RI"}, {"RU", "RS"}, {"RW", "RW"}, {"SA", "SA"}, {"SB", "BP"},
    {"SC", "SE"}, {"SD", "SU"}, {"SE", "SW"}, {"SG", "SN"}, {"SH", "SH"}, {"SI", "SI"},
    {"SJ", "SV"}, {"SK", "LO"}, {"SL", "SL"}, {"SM", "SM"}, {"SN", "SG"}, {"SO", "SO"},
    {"SR", "NS"}, {"SS", "OD"}, {"ST", "TP"}, {"SV", "ES"}, {"SX", "NN"}, {"SY", "SY"},
    {"SZ", "WZ"}, {"TC", "TK"}, {"TD", "CD"}, {"TF", "FS"}, {"TG", "TO"}, {"TH", "TH"},
    {"TJ", "TI"}, {"TK", "TL"}, {"TL", "TT"}, {"TM", "TX"}, {"TN", "TS"}, {"TO", "TN"},
    {"TR", "TU"}, {"TT", "TD"}, {"TV", "TV"}, {"TW", "TW"}, {"TZ", "TZ"}, {"UA", "UP"},
    {"UG", "UG"}, {"US", "US"}, {"UY", "UY"}, {"UZ", "UZ"}, {"VA", "VT"}, {"VC", "VC"},
    {"VE", "VE"}, {"VG", "VI"}, {"VI", "VQ"}, {"VN", "VM"}, {"VU", "NH"}, {"WF", "WF"},
    {"WS", "WS"}, {"XK", "KV"}, {"YE", "YM"}, {"YT", "MF"}, {"ZA", "SF"}, {"ZM", "ZA"},
    {"ZW", "ZI"},
};

static int cmp_iso(const void *k, const void *e)
{
    return strncmp(k, ((const char(*)[3])e)[0], 2);
}

const char *gdelt_fips(const char *cc, double lat, double lon, int has_coords)
{
    if (!cc || strlen(cc) != 2)
        return "";
    const char(*hit)[3] = bsearch(cc, fips, sizeof fips / sizeof fips[0], sizeof fips[0], cmp_iso);
    if (!hit)
        return "";
    /* ISO has one Palestine; FIPS has the West Bank (WE) and Gaza (GZ). */
    if (!strcmp(cc, "PS") && has_coords && lon < 34.59 && lat < 31.62)
        return "GZ";
    return hit[1];
}

void gdelt_actor_split(const char *code, gdelt_actor *a)
{
    memset(a, 0, sizeof *a);
    if (!code)
        return;
    size_t n = strlen(code);
    int ntype = 0, nrel = 0;
    for (size_t i = 0; i + 3 <= n; i += 3) {
        const char *seg = code + i;
        char part[4] = {seg[0], seg[1], seg[2], 0};
        int kind = sr_dict_segment_kind(part);
        if (i == 0 && !(kind & (SR_DICT_SEG_ORG | SR_DICT_SEG_RELIGION | SR_DICT_SEG_ETHNIC |
                                SR_DICT_SEG_PEOPLE))) {
            /* "---" is CAMEO's unknown country. */
            if (strcmp(part, "---"))
                memcpy(a->country, part, 4);
            continue;
        }
        if (kind & SR_DICT_SEG_ETHNIC) {
            if (!a->ethnic[0])
                memcpy(a->ethnic, part, 4);
        } else if (kind & SR_DICT_SEG_TYPE) {
            if (ntype < 3)
                memcpy(a->type[ntype++], part, 4);
        } else if (kind & SR_DICT_SEG_RELIGION) {
            if (nrel < 2)
                memcpy(a->religion[nrel++], part, 4);
        } else if (!a->group[0]) {
            memcpy(a->group, part, 4);
        }
    }
}

void gdelt_loc_make(const gdelt_place *p, gdelt_loc *o)
{
    memset(o, 0, sizeof *o);
    o->fips = "";
    int level = p->name ? p->level : -1;
    int us = p->cc && !strcmp(p->cc, "US");
    o->type = level == 1 ? 1 : level == 2 ? (us ? 2 : 5) : level >= 3 ? (us ? 3 : 4) : 0;
    if (!o->type)
        return;
    o->fips = gdelt_fips(p->cc, p->lat, p->lon, p->has_coords);
    const char *country = p->country && *p->country ? p->country : "";
    if (o->type == 1)
        snprintf(o->fullname, sizeof o->fullname, "%s", *country ? country : p->name);
    else if (o->type == 2 || o->type == 5)
        snprintf(o->fullname, sizeof o->fullname, "%s%s%s", p->name, *country ? ", " : "",
                 country);
    else if (p->admin1 && *p->admin1 && strcmp(p->admin1, p->name))
        snprintf(o->fullname, sizeof o->fullname, "%s, %s%s%s", p->name, p->admin1,
                 *country ? ", " : "", country);
    else
        snprintf(o->fullname, sizeof o->fullname, "%s%s%s", p->name, *country ? ", " : "",
                 country);
    const char *dot = p->adm1_code ? strchr(p->adm1_code, '.') : NULL;
    if (o->type == 1)
        snprintf(o->adm1, sizeof o->adm1, "%s", o->fips);
    else if (*o->fips && dot && strlen(dot + 1) <= 8)
        snprintf(o->adm1, sizeof o->adm1, "%s%s", o->fips, dot + 1);
    if (o->type >= 3 && p->geonameid)
        snprintf(o->feature, sizeof o->feature, "%lu", (unsigned long)p->geonameid);
    else
        snprintf(o->feature, sizeof o->feature, "%s", o->type == 1 ? o->fips : o->adm1);
}
