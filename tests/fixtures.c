/*
 * fixtures.c - the one fixture-driven test driver (format: tests/README.md).
 *
 *   sitrep-fixtures FILE... [CASE]   CASE: a number or part of a case name
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "text/sr_text.h"
#include "util/sr_util.h"

static int npass, nfail;
static char sitrep_bin[PATH_MAX + 16];

/* Under AddressSanitizer a run is several times slower and its memory
 * holds shadow and quarantine, so the time and memory limits of a case
 * (set for the plain build) are scaled, and big inputs may be cut down
 * (`sanitized-repeat:`): the sanitizers look for memory errors, which a
 * tenth of a 100 MB input shows as well as the whole. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif
enum { SAN_TIME = 6, SAN_MEM = 4, SAN_MEM_EXTRA_MB = 512 };

typedef struct fcase {
    const char *file;
    int num;
    char *name, *kind, *title, *args, *exit_s;
    char *stderr_want[32];
    int nstderr;
    char *stderr_not[8];      /* stderr-lacks: what stderr must not hold */
    int nstderr_not;
    char *stdout_want[8], *prefix, *suffix;
    int nstdout;
    long lines;         /* number of output lines wanted; 0: not checked */
    char *input_name;   /* file name {in} gets (a dictionary's kind is in its name) */
    int escapes, gazetteer;
    char *env[4];       /* NAME=VALUE set for the cli run */
    int nenv;
    long repeat, expect_repeat, san_repeat;
    double time_limit;  /* seconds of wall time for the cli run; 0: none */
    long mem_limit;     /* MB of peak resident memory of the cli run; 0: none */
    sr_buf input, expect;
} fcase;

static char *xstrdup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) {
        fputs("out of memory\n", stderr);
        exit(2);
    }
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static void fail(const fcase *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void fail(const fcase *c, const char *fmt, ...)
{
    nfail++;
    fprintf(stderr, "FAIL %s #%d \"%s\": ", c->file, c->num, c->name);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* Expected values are a subset of actual ones: objects may carry more keys,
 * arrays match element by element, numbers by value. */
static int subset(json_t *exp, json_t *act)
{
    if (json_is_number(exp) && json_is_number(act))
        return json_number_value(exp) == json_number_value(act);
    if (json_typeof(exp) != json_typeof(act))
        return 0;
    if (json_is_object(exp)) {
        const char *k;
        json_t *v;
        json_object_foreach(exp, k, v) {
            json_t *a = json_object_get(act, k);
            if (!a || !subset(v, a))
                return 0;
        }
        return 1;
    }
    if (json_is_array(exp)) {
        if (json_array_size(exp) != json_array_size(act))
            return 0;
        for (size_t i = 0; i < json_array_size(exp); i++)
            if (!subset(json_array_get(exp, i), json_array_get(act, i)))
                return 0;
        return 1;
    }
    return json_equal(exp, act);
}

static void decode_escapes(sr_buf *b)
{
    size_t k = 0;
    for (size_t i = 0; i < b->len; i++) {
        char c = b->data[i];
        if (c == '\\' && i + 1 < b->len) {
            char n = b->data[i + 1];
            if (n == 'n') { b->data[k++] = '\n'; i++; continue; }
            if (n == 't') { b->data[k++] = '\t'; i++; continue; }
            if (n == '\\') { b->data[k++] = '\\'; i++; continue; }
            if (n == 'x' && i + 3 < b->len) {
                char hx[3] = {b->data[i + 2], b->data[i + 3], 0};
                b->data[k++] = (char)strtol(hx, NULL, 16);
                i += 3;
                continue;
            }
        }
        b->data[k++] = c;
    }
    b->len = k;
}

static json_t *strings_json(const char *text, const sr_token *t, size_t n, int norm)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, norm ? json_stringn(t[i].norm, t[i].norm_len)
                                        : json_stringn(text + t[i].start, t[i].end - t[i].start));
    return arr;
}

static void report_mismatch(const fcase *c, json_t *exp, json_t *act)
{
    char *e = json_dumps(exp, JSON_COMPACT | JSON_ENCODE_ANY);
    char *a = json_dumps(act, JSON_COMPACT | JSON_ENCODE_ANY);
    fail(c, "\n  expected %s\n  got      %s", e ? e : "?", a ? a : "?");
    free(e);
    free(a);
}

static void run_text_case(fcase *c)
{
    json_error_t je;
    json_t *exp = json_loadb(c->expect.data ? c->expect.data : "", c->expect.len, 0, &je);
    if (!exp) {
        fail(c, "expect section is not JSON: %s (line %d)", je.text, je.line);
        return;
    }
    sr_arena *a = sr_arena_new();
    sr_text *t;
    sr_error err;
    const char *text = c->input.data ? c->input.data : "";
    if (sr_text_analyze(a, text, c->input.len, c->title, c->title ? strlen(c->title) : 0, &t,
                        &err)) {
        fail(c, "analysis failed: %s", err.msg);
    } else {
        json_t *act;
        size_t n;
        if (!strcmp(c->kind, "sentences")) {
            const sr_sentence *s = sr_text_sentences(t, &n);
            act = json_array();
            for (size_t i = 0; i < n; i++)
                json_array_append_new(act, json_stringn(text + s[i].start, s[i].end - s[i].start));
        } else {
            const sr_token *tk = sr_text_tokens(t, &n);
            act = strings_json(text, tk, n, !strcmp(c->kind, "norm"));
        }
        if (subset(exp, act))
            npass++;
        else
            report_mismatch(c, exp, act);
        json_decref(act);
    }
    sr_arena_free(a);
    json_decref(exp);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    sr_buf b = SR_BUF_INIT;
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        if (sr_buf_put(&b, tmp, n)) {
            fclose(f);
            sr_buf_free(&b);
            return NULL;
        }
    fclose(f);
    if (!b.data)
        sr_buf_put(&b, "", 0);
    *len = b.len;
    return b.data;
}

/* The high-water mark of resident memory (kB) of process pid once it runs
 * sitrep, from /proc; 0 before its exec or when unknown.  (The rusage of a
 * child also counts the memory of this driver it was forked from.)  It is
 * sampled while the run lasts, so growth in its last few milliseconds may
 * be missed. */
static long exec_hwm_kb(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    long kb = 0;
    int is_sitrep = 0;
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "Name:", 5))
            is_sitrep = !strcmp(line + 5 + strspn(line + 5, " \t"), "sitrep\n");
        else if (!strncmp(line, "VmHWM:", 6))
            kb = atol(line + 6);
    }
    fclose(f);
    return is_sitrep ? kb : 0;
}

static void run_cli_case(fcase *c, const char *dir)
{
    char tmpl[] = "/tmp/sitrep-fx-XXXXXX";
    char *tdir = mkdtemp(tmpl);
    if (!tdir) {
        fail(c, "mkdtemp: %s", strerror(errno));
        return;
    }
    char in[PATH_MAX], out[PATH_MAX], errp[PATH_MAX];
    snprintf(in, sizeof in, "%s/%s", tdir,
             c->input_name && !strchr(c->input_name, '/') ? c->input_name : "input");
    snprintf(out, sizeof out, "%s/stdout", tdir);
    snprintf(errp, sizeof errp, "%s/stderr", tdir);
    FILE *f = fopen(in, "wb");
    if (!f) {
        fail(c, "cannot write %s", in);
        return;
    }
    if (c->prefix)
        fputs(c->prefix, f);
    for (long r = 0; r < c->repeat; r++)
        if (c->input.len)
            fwrite(c->input.data, 1, c->input.len, f);
    if (c->suffix)
        fputs(c->suffix, f);
    fclose(f);

    /* argv from the args header; {in} and {dir} expand. */
    char *argv[64];
    int argc = 0;
    argv[argc++] = sitrep_bin;
    char *args = xstrdup(c->args ? c->args : "code {in}", strlen(c->args ? c->args : "code {in}"));
    char *stdin_path = NULL;
    for (char *tok = strtok(args, " "); tok && argc < 62; tok = strtok(NULL, " ")) {
        if (!strcmp(tok, "<{in}")) {
            stdin_path = in;
            continue;
        }
        char buf[PATH_MAX * 2];
        char *p = strstr(tok, "{in}"), *q = strstr(tok, "{dir}");
        if (p) {
            snprintf(buf, sizeof buf, "%.*s%s%s", (int)(p - tok), tok, in, p + 4);
            argv[argc++] = xstrdup(buf, strlen(buf));
        } else if (q) {
            snprintf(buf, sizeof buf, "%.*s%s%s", (int)(q - tok), tok, dir, q + 5);
            argv[argc++] = xstrdup(buf, strlen(buf));
        } else {
            argv[argc++] = tok;
        }
    }
    argv[argc] = NULL;
    pid_t pid = fork();
    if (pid == 0) {
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int i = open(stdin_path ? stdin_path : "/dev/null", O_RDONLY);
        if (o < 0 || e < 0 || i < 0)
            _exit(127);
        dup2(o, 1);
        dup2(e, 2);
        dup2(i, 0);
        /* Cases see the same output whether or not a gazetteer was built,
         * unless they ask for places (whatever $SITREP_GAZETTEER or the
         * build provides). */
        if (!c->gazetteer)
            setenv("SITREP_GAZETTEER", "off", 1);
        for (int k = 0; k < c->nenv; k++) {
            char *eq = strchr(c->env[k], '=');
            if (eq) {
                *eq = 0;
                setenv(c->env[k], eq + 1, 1);
            }
        }
        execv(sitrep_bin, argv);
        _exit(127);
    }
    int status = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double limit = c->time_limit * (SANITIZED ? SAN_TIME : 1);
    /* Past its limit a run is still allowed to finish (up to 3 times the
     * limit) so the failure says how long it took. */
    double kill_after = limit > 40 ? 3 * limit : 120;
    double took = 0;
    long peak_kb = 0;
    for (;;) {
        if (c->mem_limit > 0) {
            long kb = exec_hwm_kb(pid);
            if (kb > peak_kb)
                peak_kb = kb;
        }
        pid_t w = waitpid(pid, &status, WNOHANG);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (w == pid)
            break;
        if (took > kill_after) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            fail(c, "timed out after %.0f s", took);
            goto cleanup;
        }
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (limit > 0 && took > limit) {
        fail(c, "took %.1f s, limit %.1f s", took, limit);
        goto cleanup;
    }
    if (c->mem_limit > 0) {
        long mb = peak_kb / 1024;
        long max = SANITIZED ? c->mem_limit * SAN_MEM + SAN_MEM_EXTRA_MB : c->mem_limit;
        if (mb > max) {
            fail(c, "peak memory %ld MB, limit %ld MB", mb, max);
            goto cleanup;
        }
    }
    {
        int want_exit = c->exit_s ? atoi(c->exit_s) : 0;
        size_t olen = 0, elen = 0;
        char *o = slurp(out, &olen), *e = slurp(errp, &elen);
        int ok = 1;
        if (WIFSIGNALED(status)) {
            fail(c, "killed by signal %d; stderr: %.400s", WTERMSIG(status), e ? e : "");
            ok = 0;
        } else if (WEXITSTATUS(status) != want_exit) {
            fail(c, "exit status %d, expected %d; stderr: %.400s", WEXITSTATUS(status), want_exit,
                 e ? e : "");
            ok = 0;
        }
        for (int k = 0; ok && k < c->nstderr; k++)
            if (!e || !strstr(e, c->stderr_want[k])) {
                fail(c, "stderr lacks \"%s\"; stderr: %.400s", c->stderr_want[k], e ? e : "");
                ok = 0;
            }
        for (int k = 0; ok && k < c->nstderr_not; k++)
            if (e && strstr(e, c->stderr_not[k])) {
                fail(c, "stderr holds \"%s\"; stderr: %.400s", c->stderr_not[k], e);
                ok = 0;
            }
        for (int k = 0; ok && k < c->nstdout; k++)
            if (!o || !strstr(o, c->stdout_want[k])) {
                fail(c, "stdout lacks \"%s\"; stdout: %.400s", c->stdout_want[k], o ? o : "");
                ok = 0;
            }
        if (ok && c->lines > 0) {
            long nl = 0;
            for (size_t i = 0; i < olen; i++)
                nl += o[i] == '\n';
            if (olen && o[olen - 1] != '\n')
                nl++;
            if (nl != c->lines) {
                fail(c, "%ld output line(s), expected %ld", nl, c->lines);
                ok = 0;
            }
        }
        if (ok && !c->nstdout) {
            /* Expected JSON Lines against actual output lines, in order. */
            char *ep = c->expect.data ? c->expect.data : (char *)"", *op = o;
            int line = 0;
            while (ok) {
                while (*ep == '\n' || *ep == ' ')
                    ep++;
                while (op && (*op == '\n'))
                    op++;
                if (!*ep) {
                    if (op && *op) {
                        fail(c, "more output lines than expected: %.200s", op);
                        ok = 0;
                    }
                    break;
                }
                line++;
                char *eend = strchr(ep, '\n');
                size_t el = eend ? (size_t)(eend - ep) : strlen(ep);
                if (!op || !*op) {
                    fail(c, "output has %d line(s), expected more", line - 1);
                    ok = 0;
                    break;
                }
                char *oend = strchr(op, '\n');
                size_t ol = oend ? (size_t)(oend - op) : strlen(op);
                json_error_t je;
                json_t *ej = json_loadb(ep, el, 0, &je), *oj = json_loadb(op, ol, 0, &je);
                if (!ej) {
                    fail(c, "expect line %d is not JSON", line);
                    ok = 0;
                } else if (!oj) {
                    fail(c, "output line %d is not JSON: %.200s", line, op);
                    ok = 0;
                } else if (!subset(ej, oj)) {
                    report_mismatch(c, ej, oj);
                    ok = 0;
                }
                json_decref(ej);
                json_decref(oj);
                ep += el;
                op += ol;
            }
        }
        if (ok)
            npass++;
        free(o);
        free(e);
    }
cleanup:
    for (int k = 1; k < argc; k++)
        if (argv[k] < args || argv[k] >= args + strlen(c->args ? c->args : "code {in}") + 1)
            free(argv[k]);
    free(args);
    unlink(in);
    unlink(out);
    unlink(errp);
    rmdir(tdir);
}

static void run_case(fcase *c, const char *dir)
{
    if (c->escapes) {
        decode_escapes(&c->input);
        /* The text around a repeated input too ("\n" between documents). */
        char **around[2] = {&c->prefix, &c->suffix};
        for (int k = 0; k < 2; k++)
            if (*around[k]) {
                sr_buf b = SR_BUF_INIT;
                sr_buf_puts(&b, *around[k]);
                decode_escapes(&b);
                if (b.data)
                    b.data[b.len] = 0;
                free(*around[k]);
                *around[k] = b.data;
            }
    }
    if (SANITIZED && c->san_repeat > 0) {
        /* The expected lines that repeat with the input shrink with it. */
        if (c->expect_repeat == c->repeat)
            c->expect_repeat = c->san_repeat;
        c->repeat = c->san_repeat;
    }
    if (c->expect_repeat > 1) {
        sr_buf big = SR_BUF_INIT;
        for (long r = 0; r < c->expect_repeat; r++) {
            sr_buf_put(&big, c->expect.data ? c->expect.data : "", c->expect.len);
            if (!c->expect.len || c->expect.data[c->expect.len - 1] != '\n')
                sr_buf_putc(&big, '\n');
        }
        sr_buf_free(&c->expect);
        c->expect = big;
    }
    if (!c->kind) {
        fail(c, "no kind: header");
        return;
    }
    if (!strcmp(c->kind, "cli")) {
        run_cli_case(c, dir);
        return;
    }
    if (c->repeat > 1) {
        sr_buf big = SR_BUF_INIT;
        for (long r = 0; r < c->repeat; r++)
            sr_buf_put(&big, c->input.data ? c->input.data : "", c->input.len);
        sr_buf_free(&c->input);
        c->input = big;
    }
    if (!strcmp(c->kind, "sentences") || !strcmp(c->kind, "tokens") || !strcmp(c->kind, "norm"))
        run_text_case(c);
    else
        fail(c, "unknown kind \"%s\"", c->kind);
}

static void free_case(fcase *c)
{
    free(c->name);
    free(c->kind);
    free(c->title);
    free(c->args);
    for (int k = 0; k < c->nenv; k++)
        free(c->env[k]);
    free(c->exit_s);
    for (int i = 0; i < c->nstdout; i++)
        free(c->stdout_want[i]);
    free(c->prefix);
    free(c->suffix);
    free(c->input_name);
    for (int i = 0; i < c->nstderr; i++)
        free(c->stderr_want[i]);
    for (int i = 0; i < c->nstderr_not; i++)
        free(c->stderr_not[i]);
    sr_buf_free(&c->input);
    sr_buf_free(&c->expect);
    memset(c, 0, sizeof *c);
}

static void run_file(const char *path, const char *select)
{
    size_t len;
    char *src = slurp(path, &len);
    if (!src) {
        fprintf(stderr, "cannot read %s\n", path);
        nfail++;
        return;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(dir, sizeof dir, ".");
    fcase c;
    memset(&c, 0, sizeof c);
    int num = 0, section = 0; /* 0 headers, 1 input, 2 expect */
    int have = 0;
    char *p = src, *end = src + len;
    while (p <= end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        size_t n = (size_t)(le - p);
        int at_end = (p == end);
        if (at_end || (n >= 4 && !strncmp(p, "=== ", 4))) {
            if (have) {
                /* Exactly one trailing newline goes from the input. */
                if (c.input.len && c.input.data[c.input.len - 1] == '\n')
                    c.input.len--;
                int sel = !select || atoi(select) == c.num ||
                          (atoi(select) == 0 && strstr(c.name, select));
                if (sel)
                    run_case(&c, dir);
                free_case(&c);
            }
            if (at_end)
                break;
            memset(&c, 0, sizeof c);
            c.file = path;
            c.num = ++num;
            c.name = xstrdup(p + 4, n - 4);
            c.repeat = 1;
            section = 0;
            have = 1;
        } else if (have && n >= 9 && !strncmp(p, "--- input", 9) && section == 0) {
            section = 1;
        } else if (have && n >= 10 && !strncmp(p, "--- expect", 10) && section <= 1) {
            section = 2;
        } else if (have && section == 0) {
            if (n && p[0] != '#') {
                char *colon = memchr(p, ':', n);
                if (colon) {
                    size_t kl = (size_t)(colon - p);
                    char *v = colon + 1;
                    while (v < le && *v == ' ')
                        v++;
                    char *val = xstrdup(v, (size_t)(le - v));
                    if (kl == 4 && !strncmp(p, "kind", 4)) c.kind = val;
                    else if (kl == 5 && !strncmp(p, "title", 5)) c.title = val;
                    else if (kl == 4 && !strncmp(p, "args", 4)) c.args = val;
                    else if (kl == 4 && !strncmp(p, "exit", 4)) c.exit_s = val;
                    else if (kl == 6 && !strncmp(p, "stdout", 6) && c.nstdout < 8)
                        c.stdout_want[c.nstdout++] = val;
                    else if (kl == 5 && !strncmp(p, "lines", 5)) { c.lines = atol(val); free(val); }
                    else if (kl == 6 && !strncmp(p, "prefix", 6)) c.prefix = val;
                    else if (kl == 6 && !strncmp(p, "suffix", 6)) c.suffix = val;
                    else if (kl == 10 && !strncmp(p, "input-name", 10)) c.input_name = val;
                    else if (kl == 6 && !strncmp(p, "stderr", 6) && c.nstderr < 32)
                        c.stderr_want[c.nstderr++] = val;
                    else if (kl == 12 && !strncmp(p, "stderr-lacks", 12) && c.nstderr_not < 8)
                        c.stderr_not[c.nstderr_not++] = val;
                    else if (kl == 7 && !strncmp(p, "escapes", 7)) { c.escapes = !strcmp(val, "yes"); free(val); }
                    else if (kl == 9 && !strncmp(p, "gazetteer", 9)) { c.gazetteer = !strcmp(val, "yes"); free(val); }
                    else if (kl == 3 && !strncmp(p, "env", 3) && c.nenv < 4) c.env[c.nenv++] = val;
                    else if (kl == 6 && !strncmp(p, "repeat", 6)) { c.repeat = atol(val); free(val); }
                    else if (kl == 13 && !strncmp(p, "expect-repeat", 13)) { c.expect_repeat = atol(val); free(val); }
                    else if (kl == 16 && !strncmp(p, "sanitized-repeat", 16)) { c.san_repeat = atol(val); free(val); }
                    else if (kl == 4 && !strncmp(p, "time", 4)) { c.time_limit = atof(val); free(val); }
                    else if (kl == 6 && !strncmp(p, "memory", 6)) { c.mem_limit = atol(val); free(val); }
                    else free(val);
                }
            }
        } else if (have && section == 1) {
            sr_buf_put(&c.input, p, n);
            sr_buf_putc(&c.input, '\n');
        } else if (have && section == 2) {
            sr_buf_put(&c.expect, p, n);
            sr_buf_putc(&c.expect, '\n');
        }
        if (!nl)
            p = end;
        else
            p = nl + 1;
        if (!nl && at_end)
            break;
    }
    free(src);
}

/* Copies the temporary file f to out from its start, then closes it. */
static void replay(FILE *f, FILE *out)
{
    char buf[1 << 14];
    size_t n;
    fflush(f);
    rewind(f);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, n, out);
    fclose(f);
}

/* The fixture files, each in a child of its own, up to `jobs` at a time:
 * most of a case's time is a sitrep process starting (some 40 ms on the
 * project's virtual machine, several times that under the sanitizers),
 * which two cores share well.  A child's standard output and error go to
 * temporary files, shown in the files' order; its counts come back through
 * shared memory.  SITREP_FIXTURE_JOBS=1 runs them in this process, one
 * after another. */
static void run_files(int n, char **paths, const char *select)
{
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    const char *env = getenv("SITREP_FIXTURE_JOBS");
    if (env && *env)
        jobs = atol(env);
    if (jobs > 4)
        jobs = 4;
    size_t m = (size_t)(n ? n : 1);
    int *counts = jobs > 1 ? mmap(NULL, m * 2 * sizeof *counts, PROT_READ | PROT_WRITE,
                                  MAP_SHARED | MAP_ANONYMOUS, -1, 0)
                           : MAP_FAILED;
    FILE **out = calloc(m * 2, sizeof *out);
    pid_t *pid = calloc(m, sizeof *pid);
    int *order = calloc(m, sizeof *order);
    double *cost = calloc(m, sizeof *cost);
    char *launched = calloc(m, 1);
    if (counts == MAP_FAILED || !out || !pid || !order || !cost || !launched) {
        for (int i = 0; i < n; i++)
            if (paths[i] != select)
                run_file(paths[i], select);
        goto done;
    }
    /* The longest first, so that one long file (giant.txt, the only one
     * with time limits) runs beside the others, not after them: by the
     * seconds its cases may take, then by size. */
    for (int i = 0; i < n; i++) {
        size_t len = 0;
        char *src = paths[i] == select ? NULL : slurp(paths[i], &len);
        cost[i] = (double)len;
        for (char *q = src; q && (q = strstr(q, "\ntime:")); q += 6)
            cost[i] += 1e9 * atof(q + 6);
        free(src);
        int k = i;
        while (k > 0 && cost[order[k - 1]] < cost[i]) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = i;
    }
    fflush(stdout);
    fflush(stderr);
    int next = 0, shown = 0, running = 0;
    while (shown < n) {
        while (running < jobs && next < n) {
            int i = order[next++];
            launched[i] = 1;
            counts[2 * i] = counts[2 * i + 1] = 0;
            if (paths[i] == select)
                continue;
            out[2 * i] = tmpfile();
            out[2 * i + 1] = tmpfile();
            if (!out[2 * i] || !out[2 * i + 1] || (pid[i] = fork()) < 0) {
                fprintf(stderr, "sitrep-fixtures: cannot run %s apart: %s\n", paths[i],
                        strerror(errno));
                counts[2 * i + 1] = 1;
                pid[i] = 0;
                continue;
            }
            if (pid[i] == 0) {
                dup2(fileno(out[2 * i]), 1);
                dup2(fileno(out[2 * i + 1]), 2);
                npass = nfail = 0;   /* (the files shown so far are the parent's) */
                run_file(paths[i], select);
                fflush(stdout);
                fflush(stderr);
                counts[2 * i] = npass;
                counts[2 * i + 1] = nfail;
                _exit(0);
            }
            running++;
        }
        /* the next file in order once its child is done; else wait for
         * any child, to free its slot */
        if (!launched[shown] || pid[shown] > 0) {
            int status = 0;
            pid_t w = running ? waitpid(-1, &status, 0) : -1;
            if (w < 0 && errno == EINTR)
                continue;
            for (int i = 0; w > 0 && i < n; i++)
                if (pid[i] == w) {
                    pid[i] = -1;   /* done */
                    running--;
                    if (!WIFEXITED(status) || WEXITSTATUS(status)) {
                        /* (a driver that crashed on a file fails it) */
                        fprintf(stderr, "sitrep-fixtures: %s: the driver died (status %d)\n",
                                paths[i], status);
                        counts[2 * i + 1]++;
                    }
                }
            if (w < 0 && running) {
                fprintf(stderr, "sitrep-fixtures: lost a child: %s\n", strerror(errno));
                running = 0;
                for (int i = 0; i < n; i++)
                    if (pid[i] > 0)
                        pid[i] = -1;
            }
            continue;
        }
        if (out[2 * shown])
            replay(out[2 * shown], stdout);
        if (out[2 * shown + 1])
            replay(out[2 * shown + 1], stderr);
        npass += counts[2 * shown];
        nfail += counts[2 * shown + 1];
        shown++;
    }
done:
    if (counts != MAP_FAILED)
        munmap(counts, m * 2 * sizeof *counts);
    free(out);
    free(pid);
    free(order);
    free(cost);
    free(launched);
}

int main(int argc, char **argv)
{
    /* build/sitrep sits beside this driver. */
    char self[PATH_MAX];
    snprintf(self, sizeof self, "%s", argv[0]);
    char *slash = strrchr(self, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(self, sizeof self, ".");
    snprintf(sitrep_bin, sizeof sitrep_bin, "%s/sitrep", self);
    const char *select = NULL;
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISREG(st.st_mode))
            nfiles++;
        else
            select = argv[i];
    }
    run_files(argc - 1, argv + 1, select);
    if (!nfiles)
        fputs("usage: sitrep-fixtures FILE... [CASE]\n", stderr);
    printf("fixtures: %d passed, %d failed\n", npass, nfail);
    return nfail ? 1 : 0;
}
