/* libFuzzer target: the whole coding path on hostile text, with real
 * dictionaries -- the shallow parser, the coder, the label, facts and
 * places -- which the reader targets (built without dictionaries) never
 * reach.  The first byte picks the dictionary set: sitrep's own (data/dict),
 * the TABARI fixture set or the PETRARCH one (tests/fixtures/dict); the
 * rest is read as a stream of any format, so TABARI records with
 * { OPTION: ... } comments switch options from record to record, and
 * FORWARD carries actors between them, as in `sitrep code`.  Places come
 * from the fuzz seed gazetteer.  Run from the repository's top folder
 * (scripts/fuzz.sh does). */
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/sr_code.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { NSETS = 3 };
static sr_pipeline *pls[NSETS];

static sr_pipeline *open_set(const char *const *patterns)
{
    glob_t g;
    memset(&g, 0, sizeof g);
    for (int k = 0; patterns[k]; k++)
        glob(patterns[k], k ? GLOB_APPEND : 0, NULL, &g);
    sr_pipeline_opts o = {(const char *const *)g.gl_pathv, g.gl_pathc, NULL,
                          "tests/fuzz/corpus/geo_load/fixture.gaz", 0, 0};
    sr_pipeline *p = NULL;
    sr_error err;
    if (!g.gl_pathc || sr_pipeline_new(&o, NULL, &p, &err)) {
        fprintf(stderr, "fuzz_code: cannot build a pipeline (run from the top folder)\n");
        abort();
    }
    globfree(&g);
    return p;
}

static void init(void)
{
    /* Compiled dictionaries are not written to a cache from here. */
    setenv("SITREP_NO_DICT_CACHE", "1", 1);
    static const char *const native[] = {"data/dict/*.txt", "build/dict/actors-countries.txt",
                                         NULL};
    static const char *const tabari[] = {"tests/fixtures/dict/t.*", NULL};
    static const char *const petrarch[] = {"tests/fixtures/dict/p.*", NULL};
    pls[0] = open_set(native);
    pls[1] = open_set(tabari);
    pls[2] = open_set(petrarch);
}

/* The events point into their document. */
static void check(const sr_doc *doc, const sr_result *res)
{
    const struct sr_event *ev;
    size_t n = sr_result_events(res, &ev);
    for (size_t i = 0; i < n; i++)
        if (!ev[i].code || (ev[i].source_text && ev[i].source_end < ev[i].source_start) ||
            ev[i].verb_end > doc->text_len)
            __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!pls[0])
        init();
    if (size < 1 || size > (1u << 18))
        return 0;
    const sr_pipeline *pl = pls[data[0] % NSETS];
    sr_stream_state *st = sr_stream_state_new(pl);
    if (st)
        fuzz_stream(pl, st, data + 1, size - 1, SR_FMT_AUTO, check);
    sr_stream_state_free(st);
    return 0;
}
