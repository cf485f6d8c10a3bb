/* Shared body of the reader fuzz targets: read every document of the input
 * as the given format, analyse its text, render it. */
#include <stdio.h>

#include "input/sr_input.h"
#include "pipeline/sr_pipeline.h"

static int fuzz_reader(const uint8_t *data, size_t size, int format)
{
    static sr_pipeline *pl;
    if (!pl && sr_pipeline_new(NULL, NULL, &pl, NULL))
        return 0;
    if (size > (1u << 20))
        return 0;
    FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
    if (!f)
        return 0;
    if (!size)
        fgetc(f);
    sr_reader *r;
    sr_error err;
    if (sr_input_open_stream(f, "fuzz", format, &r, &err)) {
        fclose(f);
        return 0;
    }
    sr_arena *a = sr_arena_new();
    sr_buf out = SR_BUF_INIT;
    for (int guard = 0; guard < 100000; guard++) {
        sr_doc doc;
        sr_arena_reset(a);
        int rc = sr_input_next(r, a, &doc, &err);
        if (rc == 0 || rc == SR_EIO || rc == SR_ENOMEM)
            break;
        if (rc < 0)
            continue;
        sr_result *res;
        if (sr_pipeline_run(pl, NULL, a, &doc, &res, &err) == 0) {
            sr_buf_clear(&out);
            sr_result_json(res, &out);
            sr_result_tsv(res, &out);
        }
    }
    sr_buf_free(&out);
    sr_arena_free(a);
    sr_input_close(r);
    fclose(f);
    return 0;
}
