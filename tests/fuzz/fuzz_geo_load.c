/* libFuzzer target: the gazetteer loader.  Any bytes must be refused with an
 * error or accepted; once accepted -- here also with the checksum skipped,
 * so damage behind a valid header reaches the lookups -- finding places in
 * a few documents must not crash or read outside the file.
 * Seed: tests/fuzz/corpus/geo_load/fixture.gaz (build/tests/test_geo
 * --write-seed FILE writes it from tests/fixtures/geo.txt). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "geo/geo_int.h"
#include "geo/sr_geo.h"
#include "text/sr_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const docs[] = {
    "DAMASCUS, July 16 (Sitrep Wire) - Troops stormed the northwestern Barzeh district of "
    "Damascus with tanks. Rebels withdrew to Qabound, near Harasta.",
    "He was born in Alexandria, La., and moved to Paris, Texas. The Syrian Observatory and "
    "President Jordan said so in Georgia, Texas and Louisiana.",
    "Deir ez-Zor, Dayr az Zawr, Deir Ezzor; U.S.-backed forces in Raqa and Idlib province."};

static void exercise(const sr_geo *g)
{
    sr_geo_stats st;
    sr_geo_stats_get(g, &st);
    sr_arena *a = sr_arena_new();
    sr_buf out = SR_BUF_INIT;
    if (!a)
        return;
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        sr_text *t;
        sr_geo_doc *d;
        sr_error err;
        size_t len = strlen(docs[i]);
        sr_arena_reset(a);
        if (sr_text_analyze(a, docs[i], len, NULL, 0, &t, &err))
            continue;
        sr_geo_opts o = {SR_GEO_WITH_DEMONYMS | SR_GEO_WITH_ORGNAMES, 0};
        if (sr_geo_find(g, a, docs[i], len, t, &o, &d, &err))
            continue;
        size_t np;
        const sr_geo_place *p = sr_geo_doc_places(d, &np);
        for (size_t k = 0; k < np; k++)
            sr_geo_place_json(&p[k], &out);
        sr_geo_location_json(sr_geo_doc_focus(d), &out);
        sr_geo_location_json(sr_geo_doc_event_location(d, 0, len / 2, 0, len), &out);
        sr_geo_doc_focus_country(d);
        sr_buf_clear(&out);
    }
    sr_buf_free(&out);
    sr_arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (4u << 20))
        return 0;
    sr_geo *g;
    sr_error err;
    if (sr_geo_open_mem(data, size, &g, &err) == 0) {
        exercise(g);
        sr_geo_close(g);
    }
    if (geo_open_mem(data, size, GEO_OPEN_NOSUM, &g, &err) == 0) {
        exercise(g);
        sr_geo_close(g);
    }
    return 0;
}
