/* The runs recognition keeps per thread across documents (src/geo/runs.c)
 * must be invisible: a document's places are the same whether a thread
 * meets it first or after documents that wrote the same runs in other
 * settings -- a capital that opens a sentence or a quote, a dateline, a
 * period or comma after the run, a title before it, a possessive without
 * its apostrophe.  Each text is coded once in a thread of its own (nothing
 * kept) and twice in the main thread after all the others (their runs
 * kept), and the three answers compared.  Needs the real gazetteer;
 * skipped without it. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "geo/sr_geo.h"
#include "text/sr_text.h"
#include "util/sr_util.h"

static sr_geo *g;

static const char *const texts[] = {
    "HOMS, Syria - Government forces shelled the city of Homs on Friday.",
    "The HOMS governor said the road to Homs was open.",
    "Reading is a town in England. Police in Reading said on Monday that they arrested two men.",
    "They drove to Reading. Reading police said nobody was hurt.",
    "Atlanta, Ga. police said. Ga said the fire began in Atlanta.",
    "President Jordan met the envoy. Jordan said Amman would help. Troops crossed into Jordan.",
    "Jordan said on Tuesday that it would reopen the Jordan border crossing with Syria.",
    "Syrias army retook Aleppo. The Syrias of old are gone, Aleppos residents said.",
    "\"Aleppo is calm,\" he said. In Aleppo, shops opened. Aleppo: the old city.",
    "US-backed fighters took Raqqa. The Raqqa-based group fled US strikes near Deir ez-Zor.",
    "Human Rights Watch said the Syrian Observatory for Human Rights counted 20 dead in Idlib.",
    "Idlib.\nIdlib, Syria (Reuters) - Air strikes hit Idlib province, the governor of Idlib said.",
    "NEW YORK (AP) - The New York-based group met in New York with the UN envoy.",
    "Damascus Damascus Damascus Damascus Damascus Damascus Damascus Damascus Damascus",
    /* the same runs where only what stands around them differs */
    "Fighting went on. HOMS, the rebels said, was calm.",
    "Police said so.\nHOMS, Syria - Shelling went on in the city.",
    "Police said so.\nHOMS - Shelling went on in the city.",
    "Fighting went on. HOMS - the rebels said - was calm.",
    "He moved to Calif. He said so. Calif said nothing. Later Calif, Nev and Ariz voted.",
    "She lives in Penn. Penn is a name.",
    "Shelling hit Aleppo. Aleppo, Idlib and Hama were calm",
    "AMMAN, Jordan - Police said. Fighting went on. AMMAN, the capital, was quiet.",
    "BEIRUT (Reuters) - Talks ended. Later BEIRUT (AFP) sources said",
    "Shelling went on. Turkeys Hatay province took in the wounded.",
    "The wounded were taken to hospitals in Turkeys Hatay province.",
};
enum { NTEXT = sizeof texts / sizeof texts[0] };

/* The places of text i, written out, into out (NULL when out of memory). */
static char *places_of(size_t i)
{
    const char *text = texts[i];
    sr_arena *a = sr_arena_new();
    sr_text *t;
    sr_geo_doc *d;
    sr_error err;
    sr_geo_opts opts = {SR_GEO_WITH_DEMONYMS | SR_GEO_WITH_ORGNAMES, 0.01f};
    char *out = NULL;
    if (a && !sr_text_analyze(a, text, strlen(text), NULL, 0, &t, &err) &&
        !sr_geo_find(g, a, text, strlen(text), t, &opts, &d, &err)) {
        size_t np, cap = 64, len = 0;
        const sr_geo_place *p = sr_geo_doc_places(d, &np);
        const sr_geo_place *f = sr_geo_doc_focus(d);
        out = malloc(cap);
        for (size_t k = 0; out && k <= np; k++) {
            char line[512];
            int n = k < np ? snprintf(line, sizeof line, "%zu-%zu %s %s %s %d %d %u %.3f\n",
                                      p[k].start, p[k].end, p[k].name, p[k].cc, p[k].admin1,
                                      p[k].role, p[k].level, p[k].flags, (double)p[k].conf)
                           : snprintf(line, sizeof line, "focus %s\n", f ? f->name : "-");
            if (n < 0 || (size_t)n >= sizeof line)
                n = 0;
            if (len + (size_t)n + 1 > cap) {
                char *o = realloc(out, cap = 2 * (len + (size_t)n + 1));
                if (!o) {
                    free(out);
                    out = NULL;
                    break;
                }
                out = o;
            }
            memcpy(out + len, line, (size_t)n);
            len += (size_t)n;
            out[len] = 0;
        }
    }
    sr_arena_free(a);
    return out;
}

static void *cold(void *arg)
{
    return places_of((size_t)(uintptr_t)arg);
}

static void test_kept_runs_invisible(void)
{
    char *first[NTEXT];
    for (size_t i = 0; i < NTEXT; i++) {
        pthread_t th;
        void *r = NULL;
        first[i] = NULL;
        if (pthread_create(&th, NULL, cold, (void *)(uintptr_t)i) == 0 && pthread_join(th, &r) == 0)
            first[i] = r;
        CHECK(first[i] != NULL);
    }
    /* every text's runs kept by this thread, in every setting above */
    for (size_t i = 0; i < NTEXT; i++)
        free(places_of(i));
    for (int round = 0; round < 2; round++) {
        for (size_t k = 0; k < NTEXT; k++) {
            size_t i = round ? NTEXT - 1 - k : k;
            char *warm = places_of(i);
            CHECK(warm != NULL);
            if (warm && first[i] && strcmp(warm, first[i])) {
                h_fail++;
                fprintf(stderr, "FAIL %s: text %zu coded after the others:\n%s\nfirst:\n%s\n",
                        h_test, i, warm, first[i]);
            } else {
                h_pass++;
            }
            free(warm);
        }
    }
    for (size_t i = 0; i < NTEXT; i++)
        free(first[i]);
}

int main(void)
{
    const char *path = getenv(SR_GEO_ENV);
    sr_error err;
    if (sr_geo_open(path && *path ? path : SR_GEO_DEFAULT_PATH, &g, &err)) {
        printf("geo_runs: skipped: no gazetteer (%s)\n", err.msg);
        printf("geo_runs: 0 passed, 0 failed\n");
        return 0;
    }
    RUN(test_kept_runs_invisible);
    sr_geo_close(g);
    return harness_done("geo_runs");
}
