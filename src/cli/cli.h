/* Subcommands of build/sitrep.  Each returns the process exit status:
 * 0 success, 1 some input was rejected or repaired, 2 usage error. */
#ifndef SR_CLI_H
#define SR_CLI_H

#include <stdio.h>

#include "../input/sr_input.h"
#include "../pipeline/sr_pipeline.h"
#include "../store/sr_store.h"

enum { EXIT_OK = 0, EXIT_BADINPUT = 1, EXIT_USAGE = 2 };

int cmd_code(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_export(int argc, char **argv);

/* ---- coding documents (docrun.c), shared by code and ingest ------------ */

/* The options that say how to code: --dict FILE (repeatable), --dict-cache
 * DIR, --no-dict-cache, --gazetteer FILE, -j N. */
typedef struct cli_coding {
    const char **dicts;    /* room for argc entries */
    size_t nd;
    const char *gazetteer; /* NULL: $SITREP_GAZETTEER, else beside the binary */
    int jobs;
    int explain;
    int time_stages;       /* the pipeline times its stages (--stats) */
} cli_coding;

/* Takes the option at argv[*i] when it is one of those (moving *i past its
 * value): 1 taken, 0 not one of them, -1 bad (said on stderr). */
int cli_coding_arg(cli_coding *c, const char *cmd, int argc, char **argv, int *i);
/* The pipeline for c: its dictionaries or the built-in set, its gazetteer
 * or the default one.  Non-zero (said on stderr) when it cannot be built. */
int cli_coding_pipeline(const cli_coding *c, sr_pipeline **out);

/* One document on its way through a batch. */
typedef struct cli_slot {
    sr_arena *arena;       /* the document's, reset for the next one */
    sr_doc doc;
    const sr_stream_state *st;
    sr_buf out;            /* for the caller: rendered output */
    sr_buf msgs;           /* messages, written in input order */
    sr_result_stats stats;
    uint64_t out_ns;       /* time in the caller's coded callback (time_stages) */
    void *data;            /* for the caller, in the arena */
    sr_result *front;      /* sr_pipeline_code_front's, awaiting the back */
    int ready, done, bad, rejected, oom, skip;
    int stream;            /* coded and written by cli_run.stream */
} cli_slot;

/* Codes the documents of files on `jobs` threads.  skip (may be NULL) and
 * finish run on the calling thread in input order (finish also for the
 * documents skip left out, with sl->skip set), coded on a coding thread;
 * batch_end (may be NULL) after every `batch` finished documents and after
 * the last; finish or batch_end returning non-zero stops the run. */
typedef struct cli_run {
    const sr_pipeline *pl;
    int jobs;
    size_t batch;          /* documents between batch_end calls; 0: 64 per thread */
    int (*skip)(void *ctx, cli_slot *sl);      /* 1: leave it out, uncoded */
    void (*coded)(void *ctx, cli_slot *sl, const sr_result *res); /* set sl->oom on failure */
    int (*finish)(void *ctx, cli_slot *sl);
    int (*batch_end)(void *ctx);
    /* May be NULL.  A document longer than SR_SECTION_BYTES is then not
     * given to a coding thread: once every document before it is
     * finished, stream codes it on the calling thread and writes it as
     * its sections come (sl->stream set; finish follows). */
    int (*stream)(void *ctx, cli_slot *sl);
    void *ctx;
    /* 1: measure the calling thread's CPU time spent finishing (totals'
     * finish_cpu; a system call per document, so only when asked). */
    int finish_cpu;
    /* 1: time reading, the stages (the pipeline must time them too) and
     * what coded and finish do with a document (totals' times). */
    int time_stages;
} cli_run;

typedef struct cli_run_totals {
    size_t docs, rejected, skipped, bytes;
    sr_result_stats stats;
    int status;            /* EXIT_BADINPUT when some input was rejected or repaired */
    double finish_cpu;     /* CPU seconds the calling thread spent finishing */
    /* with time_stages, wall-clock nanoseconds summed over threads: the
     * pipeline's stages, reading the input, and coded plus finish */
    sr_stage_times stages;
    uint64_t read_ns, out_ns;
} cli_run_totals;

/* Returns non-zero when a callback stopped the run. */
int cli_run_files(const cli_run *r, const char *const *files, size_t nf, cli_run_totals *t);

/* ---- the store commands (store_args.c) ------------------------------------ */

/* --db URL, else $SITREP_DB, else sitrep.db in the current folder. */
const char *cli_db_url(const char *given);
/* The store's name for messages: the URL with any password left out
 * ("postgresql://u:secret@h/db" -> "postgresql://u:***@h/db", and a
 * password= parameter likewise), into buf. */
const char *cli_db_shown(const char *url, char *buf, size_t cap);
/* Opens the store at url to read it (query, export, serve): it must exist
 * and is never written.  0, or -1 said on stderr ("sitrep CMD: store
 * NAME: cannot open: why"). */
int cli_store_reader(const char *cmd, const char *url, sr_store **out);
/* Takes a filter option at argv[*i] (--from, --to, --actor, ... --after):
 * 1 taken, 0 not a filter option, -1 bad (said on stderr). */
int cli_filter_arg(sr_store_filter *f, const char *cmd, int argc, char **argv, int *i);
extern const char cli_filter_help[];

/* libxml2 is loaded on first use (xml_lazy.c): SR_OK, or SR_EIO saying
 * why not. */
int cli_xml_load(sr_error *err);

/* The folder of the running binary, with a trailing slash, into buf.
 * Returns 0, or -1 when it cannot be found or does not fit. */
int cli_exe_dir(char *buf, size_t cap);

/* The built-in dictionary files into *list: every *.txt in
 * $SITREP_DICT_DIR, else in dict/ beside the binary (make builds
 * build/dict/), sorted by name; free with cli_free_list().  -1, with the
 * folder in dir, when it is missing or holds none: coding without
 * dictionaries would give documents without events, silently, so the
 * callers stop (cli_no_builtin_dicts says why).  SITREP_DICT_DIR=off
 * asks for none on purpose and gives 0. */
int cli_builtin_dicts(char ***list, size_t *n, char *dir, size_t cap);
/* Says on stderr that there are no built-in dictionaries in dir. */
void cli_no_builtin_dicts(const char *dir);
void cli_free_list(char **list, size_t n);

int cmd_serve(int argc, char **argv);

/* Out-of-memory policy of the command-line tool: say so and stop. */
_Noreturn void cli_oom(void);

#endif
