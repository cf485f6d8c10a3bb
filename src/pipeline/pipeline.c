#include "sr_pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "../text/sr_text.h"

struct sr_pipeline {
    char **dicts;
    size_t ndicts;
};

struct sr_result {
    const sr_doc *doc;
    const sr_text *text;
};

int sr_pipeline_new(const sr_pipeline_opts *opts, FILE *warn, sr_pipeline **out,
                    sr_error *err)
{
    (void)warn;
    sr_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    if (opts && opts->ndicts) {
        p->dicts = calloc(opts->ndicts, sizeof *p->dicts);
        if (!p->dicts) {
            free(p);
            return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
        }
        for (size_t i = 0; i < opts->ndicts; i++) {
            FILE *f = fopen(opts->dicts[i], "rb");
            if (!f) {
                int rc = sr_error_set(err, SR_EIO, opts->dicts[i], 0, 0,
                                      "cannot open dictionary");
                p->ndicts = i;
                sr_pipeline_free(p);
                return rc;
            }
            fclose(f);
            p->dicts[i] = strdup(opts->dicts[i]);
            p->ndicts = i + 1;
        }
    }
    *out = p;
    return SR_OK;
}

void sr_pipeline_free(sr_pipeline *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->ndicts; i++)
        free(p->dicts[i]);
    free(p->dicts);
    free(p);
}

int sr_pipeline_run(const sr_pipeline *p, sr_arena *a, const sr_doc *doc, sr_result **out,
                    sr_error *err)
{
    (void)p;
    sr_result *r = sr_arena_calloc(a, 1, sizeof *r);
    if (!r)
        return sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
    r->doc = doc;
    sr_text *t;
    /* A title read from the text's own first line is no repetition. */
    const char *title = doc->title_in_text ? NULL : doc->title;
    int rc = sr_text_analyze(a, doc->text, doc->text_len, title, doc->title_len, &t, err);
    if (rc)
        return rc;
    r->text = t;
    *out = r;
    return SR_OK;
}

void sr_result_stats_get(const sr_result *r, sr_result_stats *st)
{
    sr_text_sentences(r->text, &st->sentences);
    sr_text_tokens(r->text, &st->tokens);
    sr_text_boilerplate(r->text, &st->boilerplate);
    st->events = 0;
}

static int put_str_or_null(sr_buf *b, const char *s, size_t n)
{
    return s ? sr_json_str(b, s, n) : sr_buf_puts(b, "null");
}

int sr_result_json(const sr_result *r, sr_buf *b)
{
    const sr_doc *d = r->doc;
    int rc = 0;
    rc |= sr_buf_puts(b, "{\"id\":");
    rc |= sr_json_str(b, d->id, strlen(d->id));
    rc |= sr_buf_puts(b, ",\"date\":");
    rc |= put_str_or_null(b, d->date, d->date ? strlen(d->date) : 0);
    rc |= sr_buf_puts(b, ",\"title\":");
    rc |= put_str_or_null(b, d->title, d->title_len);
    size_t ns, nb;
    const sr_sentence *s = sr_text_sentences(r->text, &ns);
    rc |= sr_buf_puts(b, ",\"sentences\":[");
    for (size_t i = 0; i < ns; i++) {
        rc |= sr_buf_printf(b, "%s{\"start\":%zu,\"end\":%zu,\"text\":", i ? "," : "",
                            s[i].start, s[i].end);
        rc |= sr_json_str(b, d->text + s[i].start, s[i].end - s[i].start);
        rc |= sr_buf_putc(b, '}');
    }
    const sr_span *bp = sr_text_boilerplate(r->text, &nb);
    rc |= sr_buf_puts(b, "],\"boilerplate\":[");
    for (size_t i = 0; i < nb; i++) {
        rc |= sr_buf_printf(b, "%s{\"start\":%zu,\"end\":%zu,\"rule\":", i ? "," : "",
                            bp[i].start, bp[i].end);
        rc |= sr_json_str(b, bp[i].why, strlen(bp[i].why));
        rc |= sr_buf_putc(b, '}');
    }
    rc |= sr_buf_puts(b, "],\"events\":[],\"primary\":null,\"acled\":null,\"places\":[],"
                         "\"counts\":[]}");
    return rc ? SR_ENOMEM : SR_OK;
}

int sr_result_tsv(const sr_result *r, sr_buf *b)
{
    (void)r;
    (void)b;
    /* One line per event; no coder is attached yet, so no lines. */
    return SR_OK;
}
