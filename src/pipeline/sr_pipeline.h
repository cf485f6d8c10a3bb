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
    int time_stages;           /* 1: each thread adds up the time its documents
                                * spend in each stage (sr_pipeline_stage_times_take) */
} sr_pipeline_opts;

enum { SR_SKIP_FACTS = 1u << 0, SR_SKIP_GEO = 1u << 1, SR_SKIP_CODE = 1u << 2,
       SR_SKIP_LABEL = 1u << 3 /* the document label and primary event */ };

typedef struct sr_pipeline sr_pipeline;
typedef struct sr_result sr_result;

/* The stages a document goes through, for timing.  "document" is what
 * follows coding: the actors' conventions, the label, the record. */
enum { SR_STAGE_TEXT, SR_STAGE_FACTS, SR_STAGE_PLACES, SR_STAGE_PARSE, SR_STAGE_CODE,
       SR_STAGE_DOCUMENT, SR_NSTAGES };
typedef struct sr_stage_times {
    uint64_t ns[SR_NSTAGES];   /* wall-clock nanoseconds */
} sr_stage_times;
/* Adds the time the calling thread's documents spent in each stage since
 * its last call to *sum, and starts its count again from zero.  The
 * counts are kept per thread (each coding thread takes its own before it
 * ends) and grow only with a pipeline made with time_stages. */
void sr_pipeline_stage_times_take(sr_stage_times *sum);
/* "text", "facts", "places", "parsing", "coding", "document". */
const char *sr_pipeline_stage_name(int stage);

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

/* sr_pipeline_code in two calls, so that a caller may run the first on
 * several documents before the second on each, for the caches: the text,
 * facts and places stages of a document, then the rest (its result is
 * *out's).  Only for a document sr_pipeline_splits says yes to; the
 * result is that of sr_pipeline_code. */
int sr_pipeline_splits(const sr_doc *doc);
int sr_pipeline_code_front(const sr_pipeline *p, sr_arena *a, const sr_doc *doc,
                           sr_result **out, sr_error *err);
int sr_pipeline_code_back(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                          const sr_doc *doc, sr_result *r, sr_error *err);

typedef struct sr_result_stats {
    size_t sentences, tokens, boilerplate, events;
} sr_result_stats;

/* Counts of what the document yielded, for summaries and benchmarks. */
void sr_result_stats_get(const sr_result *r, sr_result_stats *st);

/* The coded events (see src/code/sr_code.h for sr_event); *events points
 * into the result's arena.  Returns the count. */
struct sr_event;
size_t sr_result_events(const sr_result *r, const struct sr_event **events);

/* ---- the document record ------------------------------------------------
 *
 * Everything `sitrep code` writes, as C structures: sr_pipeline_code
 * computes it once per document, after coding, and the JSON and TSV
 * writers below render nothing else, so a consumer that stores the
 * records (a database, another format) gets exactly what the JSON says,
 * field by field, without parsing it.
 *
 * Ownership and lifetime: the records are read-only and live in the arena
 * the document was coded with; they stay valid until that arena is reset
 * or freed.  Strings fall into three kinds, said at each field:
 *   - "static": a constant of the library (names of precisions, modes,
 *     qualifiers, rules, cues); valid for the life of the program;
 *   - "doc": borrowed from the sr_doc given to sr_pipeline_code (its id,
 *     date, title, text), which must outlive the record as it must
 *     outlive the result;
 *   - "dict"/"gaz": owned by the pipeline's dictionaries or gazetteer;
 *     valid until sr_pipeline_free.
 * Text spans are byte offsets [start, end) into the document text
 * (sr_doc_record.text), which is valid UTF-8.  Pointer + length pairs are
 * not NUL-terminated unless the field says so.  An absent value (JSON
 * null) is a NULL pointer, -1, or a 0 flag, as each field says. */

/* Event `source` / `target`. */
typedef struct sr_actor_record {
    const char *code;      /* actor code, NUL-terminated (dict or arena);
                            * NULL: no such actor (JSON null), rest unset */
    const char *text;      /* the words as written, NUL-terminated (arena);
                            * NULL for a default or forwarded actor */
    size_t start, end;     /* bytes of text; 0, 0 when text is NULL */
} sr_actor_record;

enum {
    SR_DATE_NONE = 0,          /* no date (JSON null) */
    SR_DATE_TEXT,              /* a date expression of the event's sentence */
    SR_DATE_PUBLICATION        /* none stated: the document's date stands in */
};

/* Event `event_date`. */
typedef struct sr_date_record {
    int kind;                  /* SR_DATE_* */
    char date[11];             /* ISO at the precision: "2012-07-15" (day or
                                * week: the Monday), "2012-07", "2012"; ""
                                * when unresolved (JSON null) */
    char end_date[11];         /* last day of a range ("March and April"),
                                * "" when the expression is no range */
    const char *precision;     /* static: "day", "week", "month", "year",
                                * "none" (unresolved), or "publication" */
    int historical;            /* TEXT: well before publication */
    int since;                 /* TEXT: start of a period ("since March 2011") */
    size_t start, end;         /* TEXT: bytes of the expression */
} sr_date_record;

/* Event `attribution`: who says so. */
typedef struct sr_attr_record {
    int present;               /* 0: none (JSON null), rest unset */
    const char *text;          /* doc: the speaker ("state television"), len bytes */
    size_t len;
    size_t start, end;         /* bytes of the speaker */
    const char *cue;           /* static: "said", "according to", "denied" ... */
    const char *code;          /* the speaker's actor code (dict or arena), or
                                * NULL when no coded actor lies in the span */
    int quoted;                /* the content is a direct quotation */
    int denial;                /* the cue denies ("denied", "rejected reports") */
} sr_attr_record;

/* A place: an entry of `places`, or an event's `location`. */
typedef struct sr_place_record {
    size_t start, end;         /* bytes of the mention */
    const char *text;          /* doc: the mention, end - start bytes */
    const char *name;          /* gaz: the gazetteer's name, NUL-terminated */
    double lat, lon;
    const char *country;       /* gaz: ISO 3166-1 alpha-2, "" for regions */
    const char *country_name;  /* gaz: "" when unknown (not in the JSON) */
    const char *admin1;        /* gaz: first-level area name, "" when unknown */
    uint32_t geonameid;        /* GeoNames id; 0 for sitrep's own entries */
    uint32_t supplement;       /* n of sitrep's supplement entry "S<n>"; 0 for GeoNames */
    char feature[12];          /* GeoNames class and code: "P.PPLX", NUL-terminated */
    const char *role;          /* static: NULL for a place, "demonym" ("Syrian
                                * forces"), "orgname" ("Jordan Times") */
    int level;                 /* specificity, 0 region .. 5 local (SR_GEO_LEVEL_*) */
    float conf;                /* 0..1 */
} sr_place_record;

/* One coded event, with its facts. */
typedef struct sr_event_record {
    sr_actor_record source, target;
    const char *code;          /* event code as coded (dict, static or arena) */
    /* The CAMEO table's row for code (data/cameo/events.tsv): has_cameo 0
     * means the code has no CAMEO root and every field below is null. */
    int has_cameo;
    const char *name;          /* static: short label */
    double goldstein;          /* -10 .. +10, one decimal */
    int quadclass;             /* 1 verbal coop ... 4 material conflict */
    const char *plover, *plover_mode, *acled; /* static, or NULL */
    size_t sentence;           /* index into sr_doc_record.sentences */
    size_t verb_start, verb_end; /* bytes of the verb (or event noun) */
    const char *pattern;       /* dict: the matching pattern, or NULL */
    int passive;               /* source and target swapped by the passive rule */
    /* Modality of the verb; has_mode 0 when facts were not analysed or the
     * verb lies outside every sentence (JSON: no "mode"/"negated" keys). */
    int has_mode;
    const char *mode;          /* static: "asserted", "denied", "threatened",
                                * "planned", "hypothetical", "past" */
    int negated;
    sr_date_record date;
    sr_attr_record attribution;
    /* Dead and injured of violent events (CAMEO roots 14, 17-20) stated in
     * the event's sentence, summed; -1 when not stated (JSON null). */
    int64_t dead, injured;
    const char *dead_qualifier, *injured_qualifier; /* static: "exact",
                                * "at_least", "at_most", "approximate",
                                * "vague"; NULL when the number is -1 */
    /* 1 + the byte start of the first count summed into dead (injured),
     * 0 when none: the events of a sentence that all state one count
     * ("pounded the district, killing 47") share it, and a store counts
     * it once in its totals. */
    size_t dead_key, injured_key;
    /* The clause's whole toll, which dead and injured are a part of when
     * the toll is told target by target ("killed five soldiers and three
     * civilians": dead 5 and 3, toll 8 each); -1 when not stated. */
    int64_t dead_toll, injured_toll;
    /* Where it happened: the most specific place of the sentence, else the
     * document focus; NULL when no place (or no gazetteer, see
     * sr_doc_record.geoparsed).  Points into sr_doc_record.places when
     * place >= 0, else into the arena. */
    const sr_place_record *location;
    long place;                /* index into places, or -1 */
} sr_event_record;

/* Value of sr_count_record.high (and, in principle, number and low) for an
 * open range ("at least 12"): JSON null. */
#define SR_COUNT_UNBOUNDED INT64_MAX

/* An entry of `counts`: a casualty or impact count. */
typedef struct sr_count_record {
    const char *type;          /* static: "KILL", "WOUND", "ARREST", "KIDNAP",
                                * "DISPLACE", "PROTEST", "AFFECT" */
    int64_t number, low, high; /* stated value and plausible range */
    const char *qualifier;     /* static: as sr_event_record.dead_qualifier */
    const char *people;        /* arena: the head noun's matching form
                                * ("civilians"), NUL-terminated, or NULL */
    size_t start, end;         /* bytes covering number, people and trigger */
    size_t trigger_start, trigger_end; /* bytes of the verb or noun that set the type */
    int cumulative;            /* a running toll, not one event's */
    long part_of;              /* index of the count this one is part of, or -1 */
    int negated;
    const char *mode;          /* static: as sr_event_record.mode */
} sr_count_record;

/* A sentence kept for coding (boilerplate removed). */
typedef struct sr_sentence_record {
    size_t start, end;         /* bytes, trimmed of surrounding space */
} sr_sentence_record;

/* A stretch of text dropped as boilerplate. */
typedef struct sr_boiler_record {
    size_t start, end;
    const char *rule;          /* static: the rule that dropped it */
} sr_boiler_record;

typedef struct sr_doc_record {
    const char *id;            /* doc: never NULL, NUL-terminated */
    const char *date;          /* doc: publication date "YYYY-MM-DD", or NULL */
    const char *title;         /* doc: title_len bytes, or NULL */
    size_t title_len;
    const char *text;          /* doc: the text all offsets refer to, NUL-terminated */
    size_t text_len;
    const char *source, *url;  /* doc: as read, or NULL (not in the JSON) */
    const sr_sentence_record *sentences;
    size_t nsentences;
    const sr_boiler_record *boilerplate;
    size_t nboilerplate;
    size_t ntokens;
    const sr_event_record *events;
    size_t nevents;
    long primary;              /* index of the main event, or -1 */
    const char *acled;         /* static: the document's ACLED-style
                                * sub-event type, or NULL */
    int geoparsed;             /* places were looked for (a gazetteer was
                                * loaded): events then carry "location" */
    const sr_place_record *places; /* toponyms in text order */
    size_t nplaces;
    const sr_count_record *counts; /* in text order */
    size_t ncounts;
} sr_doc_record;

/* The record of a coded document.  Never NULL for a result that
 * sr_pipeline_code returned with SR_OK. */
const sr_doc_record *sr_result_record(const sr_result *r);

/* Appends the record as one JSON object (no newline) to out, in the
 * output contract's field order.  Returns SR_OK or SR_ENOMEM. */
int sr_record_json(const sr_doc_record *d, sr_buf *out);
/* Appends one TSV line per event: date, source, target, code, id (tabs
 * and line breaks of the id written as spaces).  Returns SR_OK or SR_ENOMEM. */
int sr_record_tsv(const sr_doc_record *d, sr_buf *out);

/* ---- long documents --------------------------------------------------
 *
 * A document longer than SR_SECTION_BYTES is coded in sections of about
 * that size, cut at paragraph breaks (else at line breaks, sentence ends,
 * spaces): what a stage looks across -- a sentence's neighbours, the
 * places that settle which "Tripoli" a text means, the document label --
 * stays within its section, so that time and memory grow with the
 * document, not faster.  Its record is the sections' records joined:
 * spans are bytes of the whole text, indices count from its start, and
 * its main event and label are those of the first section that has a
 * main event.  sr_pipeline_code returns that record (its memory grows
 * with the events found); sr_pipeline_code_sections hands over one
 * section at a time, so that a caller writing the output as it comes
 * needs memory for one section only. */
#define SR_SECTION_BYTES ((size_t)256 * 1024)

/* Called with each section's record in turn: its lists hold the
 * section's items only; its text, spans and indices (event sentence and
 * place, count part_of, primary) are the whole document's.  Valid until
 * the call returns.  A non-zero return stops the coding and is returned. */
typedef int (*sr_section_fn)(void *ctx, const sr_doc_record *section);

/* Codes doc section by section (one section when it is no longer than
 * SR_SECTION_BYTES), calling fn with each; the sections are coded in an
 * arena of their own, freed before returning.  *total gets the document's
 * fields, the totals (nsentences, nboilerplate, ntokens, nevents, nplaces,
 * ncounts), primary, acled and geoparsed; its lists are NULL.  Returns
 * SR_OK, SR_ENOMEM, or fn's non-zero return. */
int sr_pipeline_code_sections(const sr_pipeline *p, const sr_stream_state *st, const sr_doc *doc,
                              sr_section_fn fn, void *ctx, sr_doc_record *total, sr_error *err);

/* sr_record_json in pieces, for a document coded in sections: its head
 * (up to the sentences' items), then for each list in turn the items of
 * every section (first: the index in the whole document of the section's
 * first item, which says whether a comma goes before it), each list but
 * the first opened with sr_record_json_open (for SR_LIST_PLACES it writes
 * d's primary and acled: pass the total), and SR_LIST_END closes the
 * record.  The pieces in that order are the bytes sr_record_json writes
 * for the joined record.  Each returns SR_OK or SR_ENOMEM. */
enum { SR_LIST_SENTENCES, SR_LIST_BOILERPLATE, SR_LIST_EVENTS, SR_LIST_PLACES, SR_LIST_COUNTS,
       SR_LIST_END };
int sr_record_json_head(const sr_doc_record *d, sr_buf *out);
int sr_record_json_items(const sr_doc_record *d, int list, size_t first, sr_buf *out);
int sr_record_json_open(const sr_doc_record *d, int list, sr_buf *out);

/* The same for a result: sr_record_json(sr_result_record(r), out). */
int sr_result_json(const sr_result *r, sr_buf *out);
int sr_result_tsv(const sr_result *r, sr_buf *out);

#endif
