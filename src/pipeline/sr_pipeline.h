/*
 * sr_pipeline.h - runs the stages for one document and renders the result.
 *
 * A pipeline holds what is built once and shared read-only by every worker
 * (dictionaries, tables); sr_pipeline_run is pure per document: it reads
 * the document, allocates only from the caller's arena, and may run on many
 * threads at once with one arena each.
 */
#ifndef SR_PIPELINE_H
#define SR_PIPELINE_H

#include "../input/sr_input.h"
#include "../util/sr_util.h"

typedef struct sr_pipeline_opts {
    const char *const *dicts;  /* --dict files, replacing the built-in set */
    size_t ndicts;
    FILE *explain;             /* when set, each parse and its outcome is
                                * described there (not thread-safe) */
    const char *gazetteer;     /* compiled gazetteer (make gazetteer); NULL:
                                * no places.  A missing file is an error. */
    unsigned skip;             /* SR_SKIP_*: stages left out (for `sitrep bench`) */
} sr_pipeline_opts;

enum { SR_SKIP_FACTS = 1u << 0, SR_SKIP_GEO = 1u << 1, SR_SKIP_CODE = 1u << 2,
       SR_SKIP_LABEL = 1u << 3 /* the document label and primary event */ };

typedef struct sr_pipeline sr_pipeline;
typedef struct sr_result sr_result;

/* Settings that change as a stream is read: TABARI records switch options
 * with { OPTION: ... } comments, in order.  One state per input stream;
 * sr_pipeline_run applies a document's settings to it before coding. */
typedef struct sr_stream_state sr_stream_state;
sr_stream_state *sr_stream_state_new(const sr_pipeline *p);
void sr_stream_state_free(sr_stream_state *st);
/* Applies a document's { OPTION: ... } settings to st, in order.  Returns
 * SR_OK, or SR_EPARSE with err naming the record when a setting is bad
 * (the others still apply). */
int sr_stream_state_apply(sr_stream_state *st, const sr_doc *doc, sr_error *err);
/* A copy of st in arena a, for coding a document on another thread while
 * the reader goes on changing st.  NULL when memory runs out. */
const sr_stream_state *sr_stream_state_snapshot(const sr_stream_state *st, sr_arena *a);

/* Builds a pipeline.  Dictionary problems that are safe to skip are written
 * to `warn` (may be NULL) as "file:line: message" lines.  Returns SR_OK, or
 * an error with err naming the file that could not be used. */
int sr_pipeline_new(const sr_pipeline_opts *opts, FILE *warn, sr_pipeline **out,
                    sr_error *err);
void sr_pipeline_free(sr_pipeline *p);

/* Analyses doc (whose strings must outlive the result); everything is
 * allocated from a.  st may be NULL (the dictionaries' own options apply).
 * Returns SR_OK or SR_ENOMEM; a bad { OPTION: } setting is reported in
 * err with SR_EPARSE after the document was coded anyway. */
int sr_pipeline_run(const sr_pipeline *p, sr_stream_state *st, sr_arena *a, const sr_doc *doc,
                    sr_result **out, sr_error *err);

/* 1 when st forwards actors from one TABARI record to the next (the
 * FORWARD option): such records must then be coded in order, with
 * sr_pipeline_code_stream. */
int sr_stream_state_forwarding(const sr_stream_state *st);

/* Codes doc with st's settings and, under FORWARD, the actor carried
 * from the previous record of the same story, then remembers this
 * record's first actor in st.  Does not apply doc's own settings (see
 * sr_stream_state_apply).  Returns SR_OK or SR_ENOMEM. */
int sr_pipeline_code_stream(const sr_pipeline *p, sr_stream_state *st, sr_arena *a,
                            const sr_doc *doc, sr_result **out, sr_error *err);

/* The same without applying the document's settings: st (may be NULL) is
 * only read, so this is the call for worker threads, with a snapshot.
 * Returns SR_OK or SR_ENOMEM. */
int sr_pipeline_code(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                     const sr_doc *doc, sr_result **out, sr_error *err);

typedef struct sr_result_stats {
    size_t sentences, tokens, boilerplate, events;
} sr_result_stats;

/* Counts of what the document yielded, for summaries and benchmarks. */
void sr_result_stats_get(const sr_result *r, sr_result_stats *st);

/* The coded events (see src/code/sr_code.h for sr_event); *events points
 * into the result's arena.  Returns the count. */
struct sr_event;
size_t sr_result_events(const sr_result *r, const struct sr_event **events);

/* Appends the result as one JSON object (no newline) to out. */
int sr_result_json(const sr_result *r, sr_buf *out);
/* Appends one TSV line per event: date, source, target, code, id. */
int sr_result_tsv(const sr_result *r, sr_buf *out);

#endif
