/* Coding documents on N threads with results handled in input order: the
 * machinery `sitrep code` and `sitrep ingest` share (cli.h: cli_run).
 * Documents are read and finished (written out, stored) in input order on
 * the calling thread, which codes too when it has nothing else to do, so
 * -j N never runs more than N threads. */
#include <pthread.h>
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
 * beside the executable (where `make gazetteer` puts it), else none, said
 * on stderr: documents without places look like documents that name no
 * place, so the user hears why. */
static const char *default_gazetteer(char *buf, size_t cap)
{
    const char *env = getenv("SITREP_GAZETTEER");
    if (env && !strcmp(env, "off"))
        return NULL;
    if (env && *env)
        return env;
    if (cap < 32 || cli_exe_dir(buf, cap - 16))
        snprintf(buf, cap, "gazetteer.bin beside the binary");
    else
        strcat(buf, "gazetteer.bin");
    if (access(buf, R_OK) == 0)
        return buf;
    fprintf(stderr,
            "sitrep: no gazetteer at %s, so no places are found: make gazetteer builds it; "
            "--gazetteer FILE or SITREP_GAZETTEER=FILE names one, SITREP_GAZETTEER=off "
            "turns places off without this note\n",
            buf);
    return NULL;
}

int cli_coding_pipeline(const cli_coding *c, sr_pipeline **out)
{
    sr_error err;
    sr_error_clear(&err);
    size_t nbuiltin = 0;
    char **builtin = NULL;
    char dictdir[4096];
    if (!c->nd && cli_builtin_dicts(&builtin, &nbuiltin, dictdir, sizeof dictdir)) {
        cli_no_builtin_dicts(dictdir);
        return -1;
    }
    char gazbuf[4096];
    const char *gaz = c->gazetteer ? c->gazetteer : default_gazetteer(gazbuf, sizeof gazbuf);
    sr_pipeline_opts po = {c->nd ? c->dicts : (const char *const *)builtin,
                           c->nd ? c->nd : nbuiltin, c->explain ? stderr : NULL, gaz, 0,
                           c->time_stages};
    int rc = sr_pipeline_new(&po, stderr, out, &err);
    cli_free_list(builtin, nbuiltin);
    if (rc) {
        fputs("sitrep: ", stderr);
        sr_error_print(&err, stderr);
    }
    return rc;
}

/* ---- the ring of documents --------------------------------------------------
 *
 * Documents go round a ring of slots: the calling thread reads each into a
 * free slot, in input order; coding threads take them in the same order
 * as they come; and the calling thread finishes them (writes, stores) in
 * input order as soon as the oldest one is coded, which frees its slot
 * for the next document.  No thread waits for a batch's slowest document,
 * and memory holds a few documents per thread.  With -j 1 the calling
 * thread does everything, a batch of documents at a time (code_slots). */

enum { SLOTS_PER_JOB = 4 };
/* One thread codes documents in batches (code_slots) of up to BATCH_DOCS
 * documents or about BATCH_BYTES of text, whichever comes first.  FA-KES
 * x20 (some 2 KB a document), best of six alternating runs: 0.84 s one at
 * a time, 0.82 by 8, 0.76 by 16, 0.77 by 24; by 64 it was slower than one
 * at a time, the batch's own memory then pushing the tables out. */
enum { BATCH_DOCS = 16, BATCH_BYTES = 256 * 1024 };
/* With more threads, each claims one document at a time: batches of 8
 * from a ring of 16 slots a thread made no difference to -j 2 on FA-KES
 * x20 (medians of eight alternating runs, 0.575 s and 0.570 s), where the
 * reading thread, which also writes, sets the pace. */
enum { JOB_BATCH = 1 };
_Static_assert((int)JOB_BATCH <= (int)BATCH_DOCS, "code_claimed holds a batch on the stack");

static void slot_reset(cli_slot *sl)
{
    sr_arena_reset(sl->arena);
    sr_buf_clear(&sl->out);
    sr_buf_clear(&sl->msgs);
    memset(&sl->doc, 0, sizeof sl->doc);
    memset(&sl->stats, 0, sizeof sl->stats);
    sl->out_ns = 0;
    sl->st = NULL;
    sl->data = NULL;
    sl->ready = sl->done = sl->bad = sl->rejected = sl->oom = sl->skip = sl->stream = 0;
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

typedef struct ring {
    const cli_run *r;
    cli_slot *slots;
    size_t cap;
    /* Sequence numbers of documents: the oldest not finished, the next
     * to read, the next to hand to a coder (at least head: claim()).
     * Slot seq % cap holds document seq while head <= seq < tail. */
    size_t head, tail, take;
    size_t ahead;             /* text bytes read and not finished (one thread) */
    size_t batch;             /* documents a coder claims at once */
    int closing;
    pthread_mutex_t mu;
    pthread_cond_t work;      /* a document was read, or closing */
    pthread_cond_t coded;     /* a document was coded */
    sr_stage_times stages;    /* the coding threads', as they end */
} ring;

static cli_slot *at(const ring *g, size_t seq) { return &g->slots[seq % g->cap]; }

static void code_done(const cli_run *r, cli_slot *sl, const sr_result *res)
{
    sr_result_stats_get(res, &sl->stats);
    uint64_t t0 = r->time_stages ? sr_clock_ns() : 0;
    r->coded(r->ctx, sl, res);
    if (r->time_stages)
        sl->out_ns += sr_clock_ns() - t0;
}

static void code_slot(const cli_run *r, cli_slot *sl)
{
    sr_result *res;
    sr_error err;
    sr_error_clear(&err);
    if (sr_pipeline_code(r->pl, sl->st, sl->arena, &sl->doc, &res, &err)) {
        sl->oom = 1;
        return;
    }
    code_done(r, sl, res);
}

/* Codes the claimed documents b[0..n), the first stages of all of them
 * before the rest of each, so that each stage's tables (the gazetteer's,
 * the dictionaries') stay in the caches over several documents: one
 * document at a time, each stage pushed the others' out. */
static void code_slots(const cli_run *r, cli_slot *const *b, size_t n)
{
    sr_error err;
    for (size_t k = 0; k < n; k++) {
        cli_slot *sl = b[k];
        sl->front = NULL;
        if (!sr_pipeline_splits(&sl->doc))
            continue;
        sr_error_clear(&err);
        if (sr_pipeline_code_front(r->pl, sl->arena, &sl->doc, &sl->front, &err))
            sl->oom = 1;
    }
    for (size_t k = 0; k < n; k++) {
        cli_slot *sl = b[k];
        if (sl->oom)
            continue;
        if (!sl->front) {
            code_slot(r, sl);
            continue;
        }
        sr_error_clear(&err);
        if (sr_pipeline_code_back(r->pl, sl->st, sl->arena, &sl->doc, sl->front, &err))
            sl->oom = 1;
        else
            code_done(r, sl, sl->front);
    }
}

/* With g->mu held: the next document to code, claimed, or NULL.  Slots
 * that need no coding were marked done when read. */
static cli_slot *claim(ring *g)
{
    /* Finished documents' slots may hold newer documents by now. */
    if (g->take < g->head)
        g->take = g->head;
    while (g->take < g->tail && (at(g, g->take)->done || at(g, g->take)->stream))
        g->take++;
    return g->take < g->tail ? at(g, g->take++) : NULL;
}

/* With g->mu held: claims up to a batch of documents and codes them with
 * the lock let go meanwhile.  Returns how many it coded. */
static size_t code_claimed(ring *g)
{
    cli_slot *b[BATCH_DOCS], *sl;
    size_t n = 0;
    while (n < g->batch && (sl = claim(g)) != NULL)
        b[n++] = sl;
    if (!n)
        return 0;
    pthread_mutex_unlock(&g->mu);
    code_slots(g->r, b, n);
    pthread_mutex_lock(&g->mu);
    for (size_t k = 0; k < n; k++)
        b[k]->done = 1;
    pthread_cond_signal(&g->coded);
    return n;
}

static void *coder(void *arg)
{
    ring *g = arg;
    pthread_mutex_lock(&g->mu);
    for (;;) {
        if (code_claimed(g))
            continue;
        if (g->closing) {
            sr_pipeline_stage_times_take(&g->stages);
            break;
        }
        pthread_cond_wait(&g->work, &g->mu);
    }
    pthread_mutex_unlock(&g->mu);
    return NULL;
}

typedef struct reading {
    const char *const *files;
    size_t nf, f;             /* files, and the next to open */
    sr_reader *rd;
    sr_stream_state *state;
    int eof;
} reading;

/* Reads the next document (or a file's failure to open) into sl.
 * Returns 0, or 1 at the end of the input. */
static int read_one(const cli_run *r, reading *in, cli_slot *sl)
{
    sr_error err;
    for (;;) {
        if (!in->rd) {
            if (in->f >= in->nf)
                return 1;
            sr_stream_state_free(in->state);
            if (!(in->state = sr_stream_state_new(r->pl)))
                cli_oom();
            sr_error_clear(&err);
            if (sr_input_open(in->files[in->f++], SR_FMT_AUTO, &in->rd, &err)) {
                slot_reset(sl);
                msg_error(sl, &err);
                sl->bad = 1;
                in->rd = NULL;
                return 0;
            }
        }
        slot_reset(sl);
        sr_error_clear(&err);
        int rc = sr_input_next(in->rd, sl->arena, &sl->doc, &err);
        if (rc == 0) {
            sr_input_close(in->rd);
            in->rd = NULL;
            continue;
        }
        if (rc < 0) {
            msg_error(sl, &err);
            sl->bad = 1;
            sl->rejected = 1;
            if (rc == SR_ENOMEM)
                cli_oom();
            if (rc == SR_EIO) {
                sr_input_close(in->rd);
                in->rd = NULL;
            }
            return 0;
        }
        break;
    }
    if (sl->doc.warning) {
        if (sr_buf_printf(&sl->msgs, "sitrep: %s:%ld:%ld: document %s: %s\n", sl->doc.file,
                          sl->doc.line, sl->doc.warning_byte, sl->doc.id, sl->doc.warning))
            cli_oom();
        sl->bad = 1;
    }
    if (sr_stream_state_apply(in->state, &sl->doc, &err)) {
        msg_error(sl, &err);
        sl->bad = 1;
    }
    if (!(sl->st = sr_stream_state_snapshot(in->state, sl->arena)))
        cli_oom();
    sl->ready = 1;
    if (r->skip && r->skip(r->ctx, sl)) {
        sl->skip = 1;
        return 0;
    }
    if (sr_stream_state_forwarding(in->state)) {
        /* FORWARD links each record to the one before: code it here,
         * in order, with the stream's memory. */
        sr_result *res;
        sr_error e2;
        sr_error_clear(&e2);
        if (sr_pipeline_code_stream(r->pl, in->state, sl->arena, &sl->doc, &res, &e2))
            cli_oom();
        sr_result_stats_get(res, &sl->stats);
        r->coded(r->ctx, sl, res);
        sl->done = 1;
    } else if (r->stream && sl->doc.text_len > SR_SECTION_BYTES) {
        sl->stream = 1;
    }
    return 0;
}

/* Messages and totals of a coded document, then the caller's finish.
 * Returns non-zero when finishing must stop. */
static int finish_slot(const cli_run *r, cli_slot *sl, cli_run_totals *t)
{
    if (sl->oom)
        cli_oom();
    if (sl->msgs.len)
        fwrite(sl->msgs.data, 1, sl->msgs.len, stderr);
    if (sl->bad)
        t->status = EXIT_BADINPUT;
    t->rejected += (size_t)sl->rejected;
    if (!sl->ready)
        return 0;
    if (sl->skip) {
        /* Left out, but the caller keeps count of the input. */
        t->skipped++;
        return r->finish(r->ctx, sl);
    }
    t->docs++;
    t->bytes += sl->doc.text_len;
    t->stats.sentences += sl->stats.sentences;
    t->stats.tokens += sl->stats.tokens;
    t->stats.boilerplate += sl->stats.boilerplate;
    t->stats.events += sl->stats.events;
    if (!r->time_stages)
        return r->finish(r->ctx, sl);
    uint64_t t0 = sr_clock_ns();
    int stop = r->finish(r->ctx, sl);
    t->out_ns += sl->out_ns + (sr_clock_ns() - t0);
    return stop;
}

/* The calling thread's CPU seconds: what finishing costs it (the bound
 * on what more coding threads can give, cmd_ingest --stats); 0 when the
 * run does not ask (the clock is a system call). */
static double thread_cpu(const cli_run *r)
{
    if (!r->finish_cpu)
        return 0;
    struct timespec c;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c);
    return (double)c.tv_sec + (double)c.tv_nsec / 1e9;
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
    size_t per_end = r->batch ? r->batch : (size_t)jobs * 64, since_end = 0;
    ring g;
    memset(&g, 0, sizeof g);
    g.r = r;
    g.cap = jobs == 1 ? BATCH_DOCS : (size_t)jobs * SLOTS_PER_JOB;
    g.batch = jobs == 1 ? BATCH_DOCS : JOB_BATCH;
    g.slots = slots_new(g.cap);
    /* One thread's slots share one scratch arena (the parses', the
     * places' working memory), which stays in the caches from document to
     * document: each stage call resets it and keeps nothing there, and a
     * thread makes one call at a time, whatever the batch. */
    sr_arena *scratch = jobs == 1 ? sr_arena_new() : NULL;
    if (jobs == 1 && !scratch)
        cli_oom();
    for (size_t k = 0; scratch && k < g.cap; k++)
        sr_arena_lend_scratch(g.slots[k].arena, scratch);
    if (pthread_mutex_init(&g.mu, NULL) || pthread_cond_init(&g.work, NULL) ||
        pthread_cond_init(&g.coded, NULL))
        cli_oom();
    /* The calling thread reads, finishes and codes: jobs - 1 more code. */
    pthread_t tid[MAX_JOBS];
    int started = 0;
    for (int k = 1; k < jobs; k++)
        if (pthread_create(&tid[started], NULL, coder, &g) == 0)
            started++;
    reading in = {files, nf, 0, NULL, NULL, 0};
    int stop = 0;
    pthread_mutex_lock(&g.mu);
    while (!stop) {
        /* 1. finish the oldest documents that are coded */
        if (g.head < g.tail && at(&g, g.head)->done) {
            cli_slot *sl = at(&g, g.head);
            pthread_mutex_unlock(&g.mu);
            double c0 = thread_cpu(r);
            stop = finish_slot(r, sl, t);
            if (!stop && ++since_end >= per_end && r->batch_end) {
                since_end = 0;
                stop = r->batch_end(r->ctx);
            }
            t->finish_cpu += thread_cpu(r) - c0;
            pthread_mutex_lock(&g.mu);
            g.ahead -= sl->ready ? sl->doc.text_len : 0;
            g.head++;
            continue;
        }
        /* ... a long document next: coded and written here, now */
        if (g.head < g.tail && at(&g, g.head)->stream) {
            cli_slot *sl = at(&g, g.head);
            pthread_mutex_unlock(&g.mu);
            stop = r->stream(r->ctx, sl);
            pthread_mutex_lock(&g.mu);
            sl->done = 1;
            continue;
        }
        /* 2. read while there is room (one thread: a batch's worth), but
         * with documents in hand only what the input already holds: a
         * live feed's writer waits for each result before the next */
        if (!in.eof && g.tail - g.head < g.cap && (jobs > 1 || g.ahead < BATCH_BYTES) &&
            (g.head == g.tail || !in.rd || sr_input_ready(in.rd))) {
            cli_slot *sl = at(&g, g.tail);
            pthread_mutex_unlock(&g.mu);
            uint64_t t0 = r->time_stages ? sr_clock_ns() : 0;
            in.eof = read_one(r, &in, sl);
            if (r->time_stages)
                t->read_ns += sr_clock_ns() - t0;
            if (!in.eof && (!sl->ready || sl->skip))
                sl->done = 1; /* nothing to code */
            pthread_mutex_lock(&g.mu);
            if (!in.eof) {
                g.ahead += sl->ready ? sl->doc.text_len : 0;
                g.tail++;
                /* (a coder is woken for a batch's worth) */
                if (g.tail - (g.take > g.head ? g.take : g.head) >= g.batch)
                    pthread_cond_signal(&g.work);
            }
            continue;
        }
        if (g.head == g.tail)
            break; /* all read and finished */
        /* 3. code, or wait for a coder */
        if (!code_claimed(&g))
            pthread_cond_wait(&g.coded, &g.mu);
    }
    if (!stop && since_end && r->batch_end) {
        double c0 = thread_cpu(r);
        stop = r->batch_end(r->ctx);
        t->finish_cpu += thread_cpu(r) - c0;
    }
    /* Stopped early: what is read but not handed out is dropped. */
    g.take = g.tail;
    g.closing = 1;
    pthread_cond_broadcast(&g.work);
    pthread_mutex_unlock(&g.mu);
    for (int k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
    if (r->time_stages) {
        t->stages = g.stages;
        sr_pipeline_stage_times_take(&t->stages);
    }
    if (in.rd)
        sr_input_close(in.rd);
    sr_stream_state_free(in.state);
    pthread_mutex_destroy(&g.mu);
    pthread_cond_destroy(&g.work);
    pthread_cond_destroy(&g.coded);
    slots_free(g.slots, g.cap);
    sr_arena_free(scratch);
    return stop;
}
