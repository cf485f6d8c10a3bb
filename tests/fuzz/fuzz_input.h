/* Shared body of the reader fuzz targets: read every document of the input
 * as the given format, code it with a pipeline (with stream settings st, or
 * none), check it (check may be NULL) and render it. */
#include <stdio.h>

#include "input/sr_input.h"
#include "pipeline/sr_pipeline.h"

static inline void fuzz_stream(const sr_pipeline *pl, sr_stream_state *st, const uint8_t *data,
                               size_t size, int format,
                               void (*check)(const sr_doc *doc, const sr_result *res))
{
    FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
    if (!f)
        return;
    if (!size)
        fgetc(f);
    sr_reader *r;
    sr_error err;
    if (sr_input_open_stream(f, "fuzz", format, &r, &err)) {
        fclose(f);
        return;
    }
    sr_arena *a = sr_arena_new();
    sr_buf out = SR_BUF_INIT;
    for (int guard = 0; a && guard < 100000; guard++) {
        sr_doc doc;
        sr_arena_reset(a);
        int rc = sr_input_next(r, a, &doc, &err);
        if (rc == 0 || rc == SR_EIO || rc == SR_ENOMEM)
            break;
        if (rc < 0)
            continue;
        sr_result *res;
        /* A bad { OPTION: } setting is reported, the record still coded. */
        rc = sr_pipeline_run(pl, st, a, &doc, &res, &err);
        if (rc && rc != SR_EPARSE)
            continue;
        if (check)
            check(&doc, res);
        sr_buf_clear(&out);
        sr_result_json(res, &out);
        sr_result_tsv(res, &out);
    }
    sr_buf_free(&out);
    sr_arena_free(a);
    sr_input_close(r);
    fclose(f);
}

/* The reader targets: no dictionaries, so readers, text and facts. */
static inline int fuzz_reader(const uint8_t *data, size_t size, int format)
{
    static sr_pipeline *pl;
    if (!pl && sr_pipeline_new(NULL, NULL, &pl, NULL))
        return 0;
    if (size > (1u << 20))
        return 0;
    fuzz_stream(pl, NULL, data, size, format, NULL);
    return 0;
}
