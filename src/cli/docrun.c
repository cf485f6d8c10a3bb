/* Coding documents on N threads with results handled in input order: the
 * machinery `sitrep code` and `sitrep ingest` share (cli.h: cli_run).
 *
 * Documents are read in order into a batch of slots, coded by the worker
 * threads, and finished (written out, stored) in input order on the
 * calling thread.  Two batches alternate: while the workers code one, the
 * calling thread finishes the one before, then joins in the coding, so
 * writing overlaps coding and -j N never runs more than N threads. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../input/sr_input.h"
#include "cli.h"

#define MAX_JOBS 64

/* ---- options shared by the coding commands ---------------------------- */

int cli_coding_arg(cli_coding *c, const char *cmd, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (!strcmp(a, "--no-dict-cache")) {
        /* The pipeline reads the cache settings from the environment, as
         * every other caller of the library does. */
        if (setenv("SITREP_NO_DICT_CACHE", "1", 1))
            cli_oom();
        return 1;
    }
    const char *v = NULL;
    int which = 0;
    static const char *const names[] = {"--dict", "--dict-cache", "--gazetteer"};
    for (int k = 0; k < 3 && !which; k++) {
        size_t n = strlen(names[k]);
        if (!strncmp(a, names[k], n) && (a[n] == 0 || a[n] == '=')) {
            which = k + 1;
            v = a[n] == '=' ? a + n + 1 : *i + 1 < argc ? argv[++*i] : NULL;
        }
    }
    if (!which && (!strncmp(a, "-j", 2) || !strncmp(a, "--jobs=", 7))) {
        which = 4;
        v = !strncmp(a, "--jobs=", 7) ? a + 7 : a[2] ? a + 2 : *i + 1 < argc ? argv[++*i] : NULL;
    }
    if (!which)
        return 0;
    if (!v || !*v) {
        fprintf(stderr, "sitrep %s: %s needs a value\n", cmd, a);
        return -1;
    }
    switch (which) {
    case 1: c->dicts[c->nd++] = v; break;
    case 2:
        if (setenv("SITREP_DICT_CACHE", v, 1))
            cli_oom();
        break;
    case 3: c->gazetteer = v; break;
    default: {
        char *end;
        long j = strtol(v, &end, 10);
        if (*end || j < 1 || j > MAX_JOBS) {
            fprintf(stderr, "sitrep %s: -j takes a number from 1 to %d, not '%s'\n", cmd,
                    MAX_JOBS, v);
            return -1;
        }
        c->jobs = (int)j;
    }
    }
    return 1;
}

/* The gazetteer: $SITREP_GAZETTEER ("off": none), else gazetteer.bin
 * beside the executable (where `make gazetteer` puts it), else none. */
static const char *default_gazetteer(char *buf, size_t cap)
{
    const char *env = getenv("SITREP_GAZETTEER");
    if (env && !strcmp(env, "off"))
        return NULL;
    if (env && *env)
        return env;
    if (cap < 32 || cli_exe_dir(buf, cap - 16))
        return NULL;
    strcat(buf, "gazetteer.bin");
    return access(buf, R_OK) == 0 ? buf : NULL;
}

int cli_coding_pipeline(const cli_coding *c, sr_pipeline **out)
{
    sr_error err;
    sr_error_clear(&err);
    char gazbuf[4096];
    const char *gaz = c->gazetteer ? c->gazetteer : default_gazetteer(gazbuf, sizeof gazbuf);
    size_t nbuiltin = 0;
    char **builtin = c->nd ? NULL : cli_builtin_dicts(&nbuiltin);
    sr_pipeline_opts po = {c->nd ? c->dicts : (const char *const *)builtin,
                           c->nd ? c->nd : nbuiltin, c->explain ? stderr : NULL, gaz, 0};
    int rc = sr_pipeline_new(&po, stderr, out, &err);
    cli_free_list(builtin, nbuiltin);
    if (rc) {
        fputs("sitrep: ", stderr);
        sr_error_print(&err, stderr);
    }
    return rc;
}

/* ---- the batches ---------------------------------------------------------- */

static void slot_reset(cli_slot *sl)
{
    sr_arena_reset(sl->arena);
    sr_buf_clear(&sl->out);
    sr_buf_clear(&sl->msgs);
    memset(&sl->doc, 0, sizeof sl->doc);
    memset(&sl->stats, 0, sizeof sl->stats);
    sl->st = NULL;
    sl->data = NULL;
    sl->ready = sl->done = sl->bad = sl->rejected = sl->oom = sl->skip = 0;
}

static void msg_error(cli_slot *sl, const sr_error *e)
{
    const char *m = e->msg[0] ? e->msg : sr_errmsg(e->code);
    int rc;
    if (e->file && e->line > 0)
        rc = sr_buf_printf(&sl->msgs, "sitrep: %s:%ld:%ld: %s\n", e->file, e->line, e->byte, m);
    else if (e->file)
        rc = sr_buf_printf(&sl->msgs, "sitrep: %s: %s\n", e->file, m);
    else
        rc = sr_buf_printf(&sl->msgs, "sitrep: %s\n", m);
    if (rc)
        cli_oom();
}

typedef struct batch {
    cli_slot *slots;
    size_t n;
    _Atomic size_t next;
} batch;

typedef struct worker_arg {
    const cli_run *r;
    batch *b;
} worker_arg;

static void code_slot(const cli_run *r, cli_slot *sl)
{
    sr_result *res;
    sr_error err;
    sr_error_clear(&err);
    if (sr_pipeline_code(r->pl, sl->st, sl->arena, &sl->doc, &res, &err)) {
        sl->oom = 1;
        return;
    }
    sr_result_stats_get(res, &sl->stats);
    r->coded(r->ctx, sl, res);
}

static void *worker(void *arg)
{
    worker_arg *w = arg;
    for (;;) {
        size_t k = atomic_fetch_add(&w->b->next, 1);
        if (k >= w->b->n)
            return NULL;
        cli_slot *sl = &w->b->slots[k];
        if (sl->ready && !sl->done && !sl->skip)
            code_slot(w->r, sl);
    }
}

/* Reads up to b's capacity of documents; *eof at the end of the input. */
static void read_batch(const cli_run *r, cli_slot *slots, size_t cap, batch *b,
                       const char *const *files, size_t nf, size_t *f, sr_reader **rd,
                       sr_stream_state **state, int *eof)
{
    sr_error err;
    b->n = 0;
    atomic_store(&b->next, 0);
    b->slots = slots;
    while (b->n < cap) {
        if (!*rd) {
            if (*f >= nf) {
                *eof = 1;
                return;
            }
            sr_stream_state_free(*state);
            if (!(*state = sr_stream_state_new(r->pl)))
                cli_oom();
            sr_error_clear(&err);
            if (sr_input_open(files[(*f)++], SR_FMT_AUTO, rd, &err)) {
                cli_slot *sl = &slots[b->n++];
                slot_reset(sl);
                msg_error(sl, &err);
                sl->bad = 1;
                *rd = NULL;
                continue;
            }
        }
        cli_slot *sl = &slots[b->n];
        slot_reset(sl);
        sr_error_clear(&err);
        int rc = sr_input_next(*rd, sl->arena, &sl->doc, &err);
        if (rc == 0) {
            sr_input_close(*rd);
            *rd = NULL;
            continue;
        }
        b->n++;
        if (rc < 0) {
            msg_error(sl, &err);
            sl->bad = 1;
            sl->rejected = 1;
            if (rc == SR_ENOMEM)
                cli_oom();
            if (rc == SR_EIO) {
                sr_input_close(*rd);
                *rd = NULL;
            }
            continue;
        }
        if (sl->doc.warning) {
            if (sr_buf_printf(&sl->msgs, "sitrep: %s:%ld:%ld: document %s: %s\n", sl->doc.file,
                              sl->doc.line, sl->doc.warning_byte, sl->doc.id, sl->doc.warning))
                cli_oom();
            sl->bad = 1;
        }
        if (sr_stream_state_apply(*state, &sl->doc, &err)) {
            msg_error(sl, &err);
            sl->bad = 1;
        }
        if (!(sl->st = sr_stream_state_snapshot(*state, sl->arena)))
            cli_oom();
        sl->ready = 1;
        if (r->skip && r->skip(r->ctx, sl)) {
            sl->skip = 1;
            continue;
        }
        if (sr_stream_state_forwarding(*state)) {
            /* FORWARD links each record to the one before: code it here,
             * in order, with the stream's memory. */
            sr_result *res;
            sr_error e2;
            sr_error_clear(&e2);
            if (sr_pipeline_code_stream(r->pl, *state, sl->arena, &sl->doc, &res, &e2))
                cli_oom();
            sr_result_stats_get(res, &sl->stats);
            r->coded(r->ctx, sl, res);
            sl->done = 1;
        }
    }
}

/* Messages and totals of a coded batch, then its documents finished in
 * order.  Returns non-zero when finishing must stop. */
static int finish_batch(const cli_run *r, batch *b, cli_run_totals *t)
{
    int stop = 0;
    for (size_t k = 0; k < b->n && !stop; k++) {
        cli_slot *sl = &b->slots[k];
        if (sl->oom)
            cli_oom();
        if (sl->msgs.len)
            fwrite(sl->msgs.data, 1, sl->msgs.len, stderr);
        if (sl->bad)
            t->status = EXIT_BADINPUT;
        t->rejected += (size_t)sl->rejected;
        if (!sl->ready)
            continue;
        if (sl->skip) {
            /* Left out, but the caller keeps count of the input. */
            t->skipped++;
            stop = r->finish(r->ctx, sl);
            continue;
        }
        t->docs++;
        t->bytes += sl->doc.text_len;
        t->stats.sentences += sl->stats.sentences;
        t->stats.tokens += sl->stats.tokens;
        t->stats.boilerplate += sl->stats.boilerplate;
        t->stats.events += sl->stats.events;
        stop = r->finish(r->ctx, sl);
    }
    if (!stop && b->n && r->batch_end)
        stop = r->batch_end(r->ctx);
    b->n = 0;
    return stop;
}

static cli_slot *slots_new(size_t n)
{
    cli_slot *s = calloc(n, sizeof *s);
    if (!s)
        cli_oom();
    for (size_t k = 0; k < n; k++)
        if (!(s[k].arena = sr_arena_new()))
            cli_oom();
    return s;
}

static void slots_free(cli_slot *s, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        sr_arena_free(s[k].arena);
        sr_buf_free(&s[k].out);
        sr_buf_free(&s[k].msgs);
    }
    free(s);
}

int cli_run_files(const cli_run *r, const char *const *files, size_t nf, cli_run_totals *t)
{
    memset(t, 0, sizeof *t);
    int jobs = r->jobs < 1 ? 1 : r->jobs > MAX_JOBS ? MAX_JOBS : r->jobs;
    size_t cap = r->batch ? r->batch : (size_t)jobs * 64;
    cli_slot *slots[2] = {slots_new(cap), slots_new(cap)};
    batch bs[2];
    memset(bs, 0, sizeof bs);
    sr_stream_state *state = NULL;
    sr_reader *rd = NULL;
    size_t f = 0;
    int eof = 0, stop = 0, cur = 0;
    while (!stop) {
        batch *b = &bs[cur], *prev = &bs[!cur];
        if (!eof)
            read_batch(r, slots[cur], cap, b, files, nf, &f, &rd, &state, &eof);
        if (!b->n && !prev->n)
            break;
        /* Workers code this batch while this thread finishes the last one,
         * then codes with them. */
        worker_arg wa = {r, b};
        pthread_t tid[MAX_JOBS];
        int started = 0;
        for (int k = 1; k < jobs && b->n; k++)
            if (pthread_create(&tid[started], NULL, worker, &wa) == 0)
                started++;
        struct timespec c0, c1;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
        stop = finish_batch(r, prev, t);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
        t->finish_cpu += (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) / 1e9;
        if (!stop)
            worker(&wa);
        else
            atomic_store(&b->next, b->n); /* stop handing out work */
        for (int k = 0; k < started; k++)
            pthread_join(tid[k], NULL);
        cur = !cur;
        if (stop)
            break;
    }
    if (rd)
        sr_input_close(rd);
    sr_stream_state_free(state);
    slots_free(slots[0], cap);
    slots_free(slots[1], cap);
    return stop;
}
