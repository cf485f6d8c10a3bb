/* sitrep serve: the HTTP server and web page over an event store. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../pipeline/sr_pipeline.h"
#include "../serve/sr_serve.h"
#include "../util/sr_util.h"
#include "cli.h"

static const char serve_usage[] =
    "usage: sitrep serve [OPTIONS]\n"
    "\n"
    "Serves the event store over HTTP: JSON endpoints (/events, /aggregates,\n"
    "/places, /documents/ID, /health, POST /code) and a web page with a map,\n"
    "a timeline, an events table and an article view, at http://HOST:PORT/.\n"
    "\n"
    "options:\n"
    "  --db URL           the store (default: $SITREP_DB)\n"
    "  --listen HOST:PORT where to listen (default: 127.0.0.1:8080; a numeric\n"
    "                     address or localhost; port 0 picks a free one)\n"
    "  --threads N        worker threads (default: 2)\n"
    "  --max-body BYTES   largest request body (default: 1048576)\n"
    "  --timeout S        idle seconds before a connection is closed (default: 10)\n"
    "  --max-conns N      open connections at once (default: 256)\n"
    "  --dict FILE        dictionaries for POST /code (default: the built-in set)\n"
    "  --gazetteer FILE   place names for POST /code (default: as sitrep code)\n"
    "  --no-coder         do not load the coder; POST /code answers 503\n"
    "  --log              one line per request on standard error\n";

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

static int number(const char *opt, const char *v, long lo, long hi, long *out)
{
    char *end;
    long n = v ? strtol(v, &end, 10) : 0;
    if (!v || !*v || *end || n < lo || n > hi) {
        fprintf(stderr, "sitrep serve: %s takes a number from %ld to %ld, not '%s'\n", opt, lo,
                hi, v ? v : "");
        return -1;
    }
    *out = n;
    return 0;
}

static const struct {
    const char *name;
    long hi;
} nums[] = {{"--threads", 64}, {"--max-body", 64L << 20}, {"--timeout", 3600},
            {"--max-conns", 10000}};

static int numeric_option(const char *a)
{
    for (size_t k = 0; k < sizeof nums / sizeof *nums; k++)
        if (!strcmp(a, nums[k].name))
            return (int)k;
    return -1;
}

int cmd_serve(int argc, char **argv)
{
    sr_serve_opts o;
    memset(&o, 0, sizeof o);
    o.db = getenv("SITREP_DB");
    const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
    if (!dicts)
        cli_oom();
    size_t nd = 0;
    const char *gazetteer = NULL;
    int coder = 1, status = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        long n;
        int k;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(serve_usage, stdout);
            free(dicts);
            return EXIT_OK;
        } else if (!strcmp(a, "--no-coder")) {
            coder = 0;
        } else if (!strcmp(a, "--log")) {
            o.log = stderr;
        } else if (!strcmp(a, "--db") || !strcmp(a, "--listen") || !strcmp(a, "--dict") ||
                   !strcmp(a, "--gazetteer")) {
            if (!v) {
                fprintf(stderr, "sitrep serve: %s needs a value\n", a);
                status = EXIT_USAGE;
                goto done;
            }
            i++;
            if (!strcmp(a, "--db"))
                o.db = v;
            else if (!strcmp(a, "--listen"))
                o.listen = v;
            else if (!strcmp(a, "--dict"))
                dicts[nd++] = v;
            else
                gazetteer = v;
        } else if ((k = numeric_option(a)) >= 0) {
            if (number(a, v, 1, nums[k].hi, &n)) {
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
            else
                o.max_conns = (unsigned)n;
        } else {
            fprintf(stderr, "sitrep serve: unknown option '%s'\n\n%s", a, serve_usage);
            status = EXIT_USAGE;
            goto done;
        }
    }

    sr_error err;
    sr_error_clear(&err);
    sr_pipeline *pl = NULL;
    if (coder) {
        char gazbuf[4096];
        const char *gaz = gazetteer ? gazetteer : default_gazetteer(gazbuf, sizeof gazbuf);
        size_t nbuiltin = 0;
        char **builtin = nd ? NULL : cli_builtin_dicts(&nbuiltin);
        sr_pipeline_opts po = {nd ? dicts : (const char *const *)builtin, nd ? nd : nbuiltin,
                               NULL, gaz, 0};
        int rc = sr_pipeline_new(&po, stderr, &pl, &err);
        cli_free_list(builtin, nbuiltin);
        if (rc) {
            fputs("sitrep serve: ", stderr);
            sr_error_print(&err, stderr);
            status = EXIT_BADINPUT;
            goto done;
        }
    }
    o.pipeline = pl;
    /* The signals that stop the server are taken by sigwait below; they are
     * blocked before any worker thread starts so none of them gets one. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    sr_server *s = NULL;
    if (sr_serve_new(&o, &s, &err) || sr_serve_start(s, &err)) {
        fputs("sitrep serve: ", stderr);
        sr_error_print(&err, stderr);
        status = EXIT_BADINPUT;
    } else {
        const char *addr = sr_serve_address(s);
        if (strncmp(addr, "127.", 4) && strncmp(addr, "[::1]", 5))
            fprintf(stderr, "sitrep serve: warning: %s is reachable from other machines; "
                            "the server has no authentication\n", addr);
        fprintf(stderr, "sitrep serve: listening on http://%s/ (store: %s, coder: %s)\n", addr,
                o.db ? o.db : "none", pl ? "on" : "off");
        int sig = 0;
        sigwait(&stop, &sig);
        fprintf(stderr, "sitrep serve: stopping (signal %d)\n", sig);
    }
    sr_serve_free(s);
    sr_pipeline_free(pl);
done:
    free(dicts);
    return status;
}
