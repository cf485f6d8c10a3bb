/* Internal to src/store: GDELT's view of actor codes and countries. */
#ifndef SR_STORE_GDELT_H
#define SR_STORE_GDELT_H

#include <stdint.h>

/* A CAMEO actor code in GDELT's parts ("" when absent): the country (or
 * regional) code, a known group, up to two religions and three types.
 * SYRGOVMIL -> SYR, types GOV MIL; IMGMUSISI -> type IMG, religion MOS...
 * CAMEO has no ethnic codes in sitrep's dictionaries, so none here. */
typedef struct gdelt_actor {
    char country[4], group[4], ethnic[4], religion[2][4], type[3][4];
} gdelt_actor;

void gdelt_actor_split(const char *code, gdelt_actor *a);

/* The FIPS 10-4 code of an ISO 3166-1 alpha-2 code ("" when unknown);
 * Palestine is the West Bank (WE) or Gaza (GZ) by its coordinates. */
const char *gdelt_fips(const char *cc, double lat, double lon, int has_coords);

/* A place in GDELT's terms (ActionGeo_*, GKG locations). */
typedef struct gdelt_place {
    const char *name, *admin1, *country, *cc, *adm1_code;
    int level;                 /* sr_store_place levels; -1: none */
    int has_coords;
    double lat, lon;
    uint32_t geonameid;
} gdelt_place;

typedef struct gdelt_loc {
    int type;                  /* 1 country, 2 US state, 3 US city, 4 world city,
                                * 5 world state; 0: none (or a world region) */
    char fullname[512];        /* "City, State, Country", "State, Country", "Country" */
    const char *fips;          /* FIPS 10-4 country, "" when unknown */
    char adm1[16];             /* FIPS country + admin1 code ("SY13"), or the
                                * country alone for a country */
    char feature[24];          /* GeoNames id of a town, else the textual code */
} gdelt_loc;

void gdelt_loc_make(const gdelt_place *p, gdelt_loc *out);

#endif
