/* What a gazetteer entry is before any context: its level (country,
 * admin1 area, town...) and its base prior from its kind and size.  The
 * build works both out once and stores them in the record. */
#include "geo_int.h"

#include <math.h>
#include <string.h>

int geo_level_compute(const gz_rec *r)
{
    const char *fc = r->fcode;
    /* continents, world regions, oceans and seas */
    if (geo_fcode_is(r, "CONT") || ((r->fclass == 'L' || r->fclass == 'H') && !r->cc[0]))
        return SR_GEO_LEVEL_REGION;
    if (r->fclass == 'A' && !strncmp(fc, "PCL", 3))
        return SR_GEO_LEVEL_COUNTRY;
    if (r->fclass == 'A' && geo_fcode_is(r, "ADM1"))
        return SR_GEO_LEVEL_ADMIN1;
    if (r->fclass == 'P') {
        if (geo_fcode_is(r, "PPLX") || ((r->flags & GZ_SUPP) && r->pop < 20000))
            return SR_GEO_LEVEL_LOCAL;
        return SR_GEO_LEVEL_CITY;
    }
    if (r->fclass == 'S')
        return SR_GEO_LEVEL_LOCAL;
    return SR_GEO_LEVEL_ADMIN2;
}

float geo_prior_base(const gz_rec *r)
{
    float p;
    switch (geo_level(r)) {
    case SR_GEO_LEVEL_REGION: p = 9.0f; break;
    case SR_GEO_LEVEL_COUNTRY: p = 10.0f; break;
    case SR_GEO_LEVEL_ADMIN1: p = 7.0f; break;
    case SR_GEO_LEVEL_ADMIN2: p = (r->flags & GZ_SUPP) ? 5.0f : 3.8f; break;
    default:
        /* GeoNames leaves many towns' population at 0; their admin rank
         * says something about their size */
        p = r->pop ? (float)log10((double)r->pop + 1)
            : geo_fcode_is(r, "PPLA2") ? 3.8f : geo_fcode_is(r, "PPLA3") ? 3.4f
            : geo_fcode_is(r, "PPLA") ? 4.5f : 2.8f;
        if (geo_fcode_is(r, "PPLC"))
            p += 1.5f;
        else if (geo_fcode_is(r, "PPLA"))
            p += 0.8f;
        else if (geo_fcode_is(r, "PPLA2"))
            p += 0.3f;
        if ((r->flags & GZ_SUPP) && p < 3.6f)
            p = 3.6f;   /* the supplement lists places worth finding */
    }
    return p;
}
