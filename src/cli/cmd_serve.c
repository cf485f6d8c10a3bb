/* sitrep serve: the HTTP server and web page over an event store. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../serve/sr_serve.h"
#include "cli.h"

static const char serve_usage[] =
    "usage: sitrep serve [OPTIONS]\n"
    "\n"
    "Serves an event store over HTTP: JSON endpoints (/events, /aggregates,\n"
    "/places, /documents/ID, /health, POST /code) and a web page with a map,\n"
    "a timeline, an events table and an article view, at http://HOST:PORT/.\n"
    "Stops on SIGINT or SIGTERM.\n"
    "\n"
    "options:\n"
    "  --db URL           the store: a SQLite file made by sitrep ingest or a\n"
    "                     postgresql:// URL (default: $SITREP_DB, else sitrep.db)\n"
    "  --listen HOST:PORT where to listen (default: 127.0.0.1:8080; a numeric\n"
    "                     address or localhost; port 0 picks a free one); only\n"
    "                     a loopback address unless --allow-remote is given\n"
    "  --allow-remote     let --listen name an address other machines reach\n"
    "                     (there is no authentication)\n"
    "  --threads N        worker threads, each with a store connection (default: 2)\n"
    "  --max-body BYTES   largest request body (default: 1048576)\n"
    "  --timeout S        idle seconds before a connection is closed (default: 10)\n"
    "  --max-conns N      open connections at once (default: 256)\n"
    "  --cache-check-ms MS  replies are kept while the store is unchanged; how\n"
    "                     often to ask it whether it changed (default: 250)\n"
    "  --dict FILE        dictionaries for POST /code (default: the built-in set)\n"
    "  --gazetteer FILE   place names for POST /code (default: as sitrep code)\n"
    "  --dict-cache DIR, --no-dict-cache   as sitrep code\n"
    "  --no-coder         do not load the coder; POST /code answers 503\n"
    "  --log              one line per request on standard error\n";

static const struct {
    const char *name;
    long hi;
} nums[] = {{"--threads", 64}, {"--max-body", 64L << 20}, {"--timeout", 3600},
            {"--max-conns", 10000}, {"--cache-check-ms", 3600000}};

static int numeric_option(const char *a)
{
    for (size_t k = 0; k < sizeof nums / sizeof *nums; k++)
        if (!strcmp(a, nums[k].name))
            return (int)k;
    return -1;
}

static int number(const char *opt, const char *v, long hi, long *out)
{
    char *end;
    long n = v ? strtol(v, &end, 10) : 0;
    if (!v || !*v || *end || n < 1 || n > hi) {
        fprintf(stderr, "sitrep serve: %s takes a number from 1 to %ld, not '%s'\n", opt, hi,
                v ? v : "");
        return -1;
    }
    *out = n;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    sr_serve_opts o;
    memset(&o, 0, sizeof o);
    cli_coding coding;
    memset(&coding, 0, sizeof coding);
    if (!(coding.dicts = calloc((size_t)argc + 1, sizeof *coding.dicts)))
        cli_oom();
    const char *db = NULL;
    int coder = 1, status = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        long n;
        int k;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(serve_usage, stdout);
            goto done;
        } else if (!strcmp(a, "--no-coder")) {
            coder = 0;
        } else if (!strcmp(a, "--log")) {
            o.log = stderr;
        } else if (!strcmp(a, "--allow-remote")) {
            o.allow_remote = 1;
        } else if (!strcmp(a, "--db") || !strcmp(a, "--listen")) {
            if (!v) {
                fprintf(stderr, "sitrep serve: %s needs a value\n", a);
                status = EXIT_USAGE;
                goto done;
            }
            *(a[2] == 'd' ? &db : &o.listen) = v;
            i++;
        } else if ((k = numeric_option(a)) >= 0) {
            if (number(a, v, nums[k].hi, &n)) {
                status = EXIT_USAGE;
                goto done;
            }
            i++;
            if (k == 0)
                o.threads = (unsigned)n;
            else if (k == 1)
                o.max_body = (size_t)n;
            else if (k == 2)
                o.timeout = (unsigned)n;
            else if (k == 3)
                o.max_conns = (unsigned)n;
            else
                o.cache_check_ms = (unsigned)n;
        } else if (strncmp(a, "-j", 2) && strncmp(a, "--jobs", 6) &&
                   (k = cli_coding_arg(&coding, "serve", argc, argv, &i)) != 0) {
            if (k < 0) {
                status = EXIT_USAGE;
                goto done;
            }
        } else {
            fprintf(stderr, "sitrep serve: unknown option '%s'\n\n%s", a, serve_usage);
            status = EXIT_USAGE;
            goto done;
        }
    }
    sr_error lerr;
    if (sr_serve_check_listen(o.listen, o.allow_remote, &lerr)) {
        fputs("sitrep serve: ", stderr);
        sr_error_print(&lerr, stderr);
        status = EXIT_USAGE;
        goto done;
    }
    o.db = cli_db_url(db);
    /* Opened once here to say which store cannot be opened (a missing one
     * is not made), before the workers open their connections. */
    sr_store *check = NULL;
    if (cli_store_reader("serve", o.db, &check)) {
        status = EXIT_BADINPUT;
        goto done;
    }
    sr_store_close(check);
    sr_pipeline *pl = NULL;
    if (coder && cli_coding_pipeline(&coding, &pl)) {
        status = EXIT_BADINPUT;
        goto done;
    }
    o.pipeline = pl;
    /* The signals that stop the server are taken by sigwait below; they are
     * blocked before any worker thread starts so none of them gets one. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    sr_server *s = NULL;
    sr_error err;
    sr_error_clear(&err);
    if (sr_serve_new(&o, &s, &err) || sr_serve_start(s, &err)) {
        fputs("sitrep serve: ", stderr);
        sr_error_print(&err, stderr);
        status = EXIT_BADINPUT;
    } else {
        const char *addr = sr_serve_address(s);
        if (strncmp(addr, "127.", 4) && strncmp(addr, "[::1]", 5))
            fprintf(stderr, "sitrep serve: warning: %s is reachable from other machines; "
                            "the server has no authentication\n", addr);
        char shown[1024];
        fprintf(stderr, "sitrep serve: listening on http://%s/ (store: %s, coder: %s)\n", addr,
                cli_db_shown(o.db, shown, sizeof shown), pl ? "on" : "off");
        int sig = 0;
        sigwait(&stop, &sig);
        fprintf(stderr, "sitrep serve: stopping (signal %d)\n", sig);
    }
    sr_serve_free(s);
    sr_pipeline_free(pl);
done:
    free(coding.dicts);
    return status;
}
