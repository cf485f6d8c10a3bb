/* Running the sitrep binary on a store, for the suites that test ingest
 * as a user runs it (test_store_cli.c, test_store_faults.c): the corpus,
 * a runner that kills the run or makes a fault at a chosen commit, and a
 * digest of a store's content to compare two stores by.  Included once
 * per test binary. */
#ifndef SR_STORE_CLI_HELPERS_H
#define SR_STORE_CLI_HELPERS_H

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "store_test_helpers.h"

/* An empty store for the command to fill: opened, emptied and closed again
 * (the command under test opens it itself). */
static int st_empty(void)
{
    sr_store *s = st_open();
    int ok = s != NULL;
    sr_store_close(s);
    return ok;
}

static char sitrep[512];
static char corpus[512];
static size_t corpus_docs;
static char ids[4096][48];

/* The sample articles, `copies` times over: each copy a new document (an
 * id and a first line of its own, dates moved by a day a copy) so that
 * all of them are coded (ingest runs with --no-near-copies), their events
 * cluster with the copies a day before and after, and every fifth copy
 * is an exact copy, linked. */
static int make_corpus(int copies)
{
    snprintf(corpus, sizeof corpus, "%s/corpus.jsonl", st_dir);
    FILE *out = fopen(corpus, "w");
    if (!out)
        return -1;
    corpus_docs = 0;
    const char *files[] = {"data/samples/articles.jsonl", "data/samples/syria-week.jsonl"};
    for (int c = 0; c < copies; c++)
        for (int f = 0; f < 2; f++) {
            FILE *in = fopen(files[f], "r");
            if (!in) {
                fclose(out);
                return -1;
            }
            char line[65536];
            while (fgets(line, sizeof line, in)) {
                json_t *o = json_loads(line, 0, NULL);
                if (!o)
                    continue;
                char id[48], text[16384], date[16];
                snprintf(id, sizeof id, "c%02d-%s", c, json_string_value(json_object_get(o, "id")));
                /* Every fifth copy repeats the copy before under a new id:
                 * an exact copy, linked rather than coded. */
                int exact = c % 5 == 4, lead = exact ? c - 1 : c;
                snprintf(text, sizeof text, "Dispatch %d.\n%s", lead,
                         json_string_value(json_object_get(o, "text")));
                const char *d = json_string_value(json_object_get(o, "date"));
                int y, m, dd;
                if (d && sscanf(d, "%d-%d-%d", &y, &m, &dd) == 3) {
                    struct tm tm = {0};
                    tm.tm_year = y - 1900;
                    tm.tm_mon = m - 1;
                    tm.tm_mday = dd + lead;
                    tm.tm_hour = 12;
                    timegm(&tm);
                    strftime(date, sizeof date, "%Y-%m-%d", &tm);
                    json_object_set_new(o, "date", json_string(date));
                }
                json_object_set_new(o, "id", json_string(id));
                json_object_set_new(o, "text", json_string(text));
                char *s = json_dumps(o, JSON_COMPACT);
                fprintf(out, "%s\n", s);
                free(s);
                json_decref(o);
                if (corpus_docs < sizeof ids / sizeof ids[0])
                    snprintf(ids[corpus_docs], sizeof ids[0], "%s", id);
                corpus_docs++;
            }
            fclose(in);
        }
    return fclose(out);
}

typedef struct run_out {
    int status;           /* exit status, or 128 + signal */
    char err[65536];      /* standard error */
    char out[262144];     /* standard output */
} run_out;

static long last_committed(const char *err);

/* Reads what the pipe holds into buf (keeping the first cap - 1 bytes and
 * dropping the rest), so a child with much to say never blocks on it. */
static void drain(int fd, char *buf, size_t cap, size_t *n)
{
    char scratch[4096];
    ssize_t r;
    for (;;) {
        size_t room = cap - 1 - *n;
        r = read(fd, room ? buf + *n : scratch, room ? room : sizeof scratch);
        if (r <= 0)
            break;
        if (room)
            *n += (size_t)r;
    }
    buf[*n] = 0;
}

/* How run_ex runs sitrep.  At a moment -- `delay_ms` after it said
 * "committed N" with N >= `after` (after its start when after is 0) -- it
 * is killed with SIGKILL, or, with a hook, stopped (SIGSTOP), the hook
 * called (a fault made while it cannot move), and continued.  pre_exec
 * runs in the child before exec (limits, a user to run as); a non-zero
 * return ends the child with that status. */
typedef struct run_opts {
    long after, delay_ms;  /* delay_ms < 0: nothing happens */
    void (*hook)(void *);
    void *hook_arg;
    int (*pre_exec)(void *);
    void *pre_arg;
} run_opts;

static void run_ex(const char *const *args, const run_opts *ro, run_out *o)
{
    int ep[2], op[2];
    memset(o, 0, sizeof *o);
    o->status = -1;
    if (pipe(ep) || pipe(op))
        return;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(ep[1], 2);
        dup2(op[1], 1);
        close(ep[0]);
        close(op[0]);
        int pre = ro->pre_exec ? ro->pre_exec(ro->pre_arg) : 0;
        if (pre)
            _exit(pre);
        char *argv[64];
        int n = 0;
        argv[n++] = sitrep;
        for (; args[n - 1] && n < 63; n++)
            argv[n] = (char *)args[n - 1];
        argv[n] = NULL;
        execv(sitrep, argv);
        _exit(127);
    }
    close(ep[1]);
    close(op[1]);
    fcntl(ep[0], F_SETFL, O_NONBLOCK);
    fcntl(op[0], F_SETFL, O_NONBLOCK);
    size_t ne = 0, no = 0;
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int status = 0, done = 0, acted = 0;
    long deadline = ro->delay_ms >= 0 && ro->after <= 0 ? ro->delay_ms : -1;
    while (!done) {
        drain(ep[0], o->err, sizeof o->err, &ne);
        drain(op[0], o->out, sizeof o->out, &no);
        if (waitpid(pid, &status, WNOHANG) == pid) {
            done = 1;
            break;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        long ms = (now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000;
        if (ro->delay_ms >= 0 && deadline < 0 && ro->after > 0) {
            o->err[ne] = 0;
            if (last_committed(o->err) >= ro->after)
                deadline = ms + ro->delay_ms;
        }
        if (deadline >= 0 && ms >= deadline && !acted) {
            acted = 1;
            if (ro->hook) {
                kill(pid, SIGSTOP);
                ro->hook(ro->hook_arg);
                kill(pid, SIGCONT);
            } else {
                kill(pid, SIGKILL);
            }
        }
        struct timespec nap = {0, 1000000};
        nanosleep(&nap, NULL);
    }
    drain(ep[0], o->err, sizeof o->err, &ne);
    drain(op[0], o->out, sizeof o->out, &no);
    close(ep[0]);
    close(op[0]);
    o->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Runs sitrep with args.  With kill_ms >= 0 it is killed with SIGKILL
 * kill_ms after it said "committed N" with N >= after (or after its start
 * when after is 0). */
static inline void run_kill(const char *const *args, long after, long kill_ms, run_out *o)
{
    run_opts ro = {after, kill_ms, NULL, NULL, NULL, NULL};
    run_ex(args, &ro, o);
}

static inline void run(const char *const *args, long kill_ms, run_out *o)
{
    run_kill(args, 0, kill_ms, o);
}


static inline void ingest_args(const char **a, const char *extra1, const char *extra2)
{
    int n = 0;
    a[n++] = "ingest";
    a[n++] = "--db";
    a[n++] = st_url;
    a[n++] = "--batch";
    a[n++] = "5";
    a[n++] = "--progress";
    a[n++] = "--no-near-copies";
    if (extra1)
        a[n++] = extra1;
    if (extra2)
        a[n++] = extra2;
    a[n++] = corpus;
    a[n] = NULL;
}

/* Every event as one line, ids and times left out, sorted: what two
 * stores with the same content share whatever their row ids. */
typedef struct canon {
    char **lines;
    size_t n, cap;
} canon;

static int canon_row(void *ctx, const sr_store_event_row *r)
{
    canon *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->lines = realloc(c->lines, c->cap * sizeof *c->lines);
    }
    char buf[512];
    snprintf(buf, sizeof buf, "%d|%s|%s|%s|%s|%s|%ld|%ld|%ld|%ld|%s", r->day, r->source_code,
             r->target_code, r->code, r->place ? r->place : "", r->mode, r->num_mentions,
             r->num_articles, r->num_sources, r->dead, r->doc_id);
    c->lines[c->n++] = strdup(buf);
    return 0;
}

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The store's content as one string (stats and sorted events). */
static char *store_digest(void)
{
    sr_store *s;
    sr_error e;
    if (sr_store_open(st_url, NULL, &s, &e))
        return NULL;
    sr_store_stats st;
    canon c = {0};
    sr_store_stats_get(s, &st, &e);
    sr_store_events(s, NULL, canon_row, &c, &e);
    sr_store_close(s);
    qsort(c.lines, c.n, sizeof *c.lines, cmp_line);
    sr_buf b = SR_BUF_INIT;
    sr_buf_printf(&b, "docs %lld copies %lld events %lld mentions %lld places %lld counts %lld\n",
                  (long long)st.documents, (long long)st.copies, (long long)st.events,
                  (long long)st.mentions, (long long)st.places, (long long)st.counts);
    for (size_t i = 0; i < c.n; i++) {
        sr_buf_printf(&b, "%s\n", c.lines[i]);
        free(c.lines[i]);
    }
    free(c.lines);
    return b.data;
}


static long last_committed(const char *err)
{
    long n = 0;
    for (const char *p = err; (p = strstr(p, "committed ")); p++)
        n = strtol(p + 10, NULL, 10);
    return n;
}


/* build/tests/test_x -> build/sitrep, into sitrep[]; 0 when it is there. */
static int find_sitrep(const char *argv0)
{
    snprintf(sitrep, sizeof sitrep, "%s", argv0);
    char *slash = strrchr(sitrep, '/');
    if (slash && slash - sitrep >= 6 && !strncmp(slash - 6, "/tests", 6))
        strcpy(slash - 6, "/sitrep");
    return access(sitrep, X_OK);
}

#endif
