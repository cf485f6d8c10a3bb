/* sitrep query: events of a store, filtered, listed or counted by period
 * and group, as JSON Lines, CSV or a terminal table. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const char query_usage_head[] =
    "usage: sitrep query [--db URL] [FILTERS] [--by PERIOD] [--group KEY] [--format F]\n"
    "\n"
    "Lists the events of a store that match the filters, or, with --by or\n"
    "--group, counts them (events, mentions, articles, dead, injured).\n"
    "\n"
    "  --db URL          the store (default: $SITREP_DB, else sitrep.db)\n"
    "  --by PERIOD       day, week (ISO), month or year\n"
    "  --group KEY       country, admin1, place, actor (source and target),\n"
    "                    source, target, root, code, plover or acled\n"
    "  --format F        table (default on a terminal), json (one object per\n"
    "                    line; default otherwise) or csv\n"
    "  --text-snippets   events: include the first report's sentence\n"
    "  --time            say on stderr how long the query took (store opened)\n"
    "  -h, --help        this text\n"
    "\n";

typedef struct table {
    char **cells;      /* rows * cols */
    size_t rows, cols, cap;
} table;

/* Appends a row of t->cols cells. */
static void table_row(table *t, const char *const *cells)
{
    for (size_t c = 0; c < t->cols; c++) {
        if (t->rows * t->cols + c >= t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 256;
            while (cap <= t->rows * t->cols + c)
                cap *= 2;
            char **n = realloc(t->cells, cap * sizeof *n);
            if (!n)
                cli_oom();
            t->cells = n;
            t->cap = cap;
        }
        char *d = strdup(cells[c] ? cells[c] : "");
        if (!d)
            cli_oom();
        t->cells[t->rows * t->cols + c] = d;
    }
    t->rows++;
}

/* Display width: UTF-8 characters. */
static size_t width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* Numbers right-aligned, text left; a rule under the header row. */
static void table_print(const table *t, FILE *out)
{
    size_t *w = calloc(t->cols, sizeof *w);
    int *num = calloc(t->cols, sizeof *num);
    if (!w || !num)
        cli_oom();
    for (size_t c = 0; c < t->cols; c++) {
        num[c] = 1;
        for (size_t r = 0; r < t->rows; r++) {
            const char *s = t->cells[r * t->cols + c];
            size_t n = width(s);
            if (n > w[c])
                w[c] = n;
            if (r && *s && strspn(s, "0123456789.-") != strlen(s))
                num[c] = 0;
        }
    }
    for (size_t r = 0; r < t->rows; r++) {
        for (size_t c = 0; c < t->cols; c++) {
            const char *s = t->cells[r * t->cols + c];
            size_t pad = w[c] - width(s);
            if (c)
                fputs("  ", out);
            if (num[c] && r)
                fprintf(out, "%*s%s", (int)pad, "", s);
            else
                fprintf(out, "%s%*s", s, c + 1 < t->cols ? (int)pad : 0, "");
        }
        fputc('\n', out);
        if (r == 0) {
            for (size_t c = 0; c < t->cols; c++) {
                if (c)
                    fputs("  ", out);
                for (size_t k = 0; k < w[c]; k++)
                    fputc('-', out);
            }
            fputc('\n', out);
        }
    }
    free(w);
    free(num);
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->rows * t->cols; i++)
        free(t->cells[i]);
    free(t->cells);
}

enum { FMT_TABLE, FMT_JSON, FMT_CSV };

typedef struct qctx {
    int format;
    sr_buf b;
    table t;
    int failed;
} qctx;

static int emit(qctx *q)
{
    if (q->b.len && fwrite(q->b.data, 1, q->b.len, stdout) != q->b.len)
        q->failed = 1;
    sr_buf_clear(&q->b);
    return q->failed;
}

static int event_row(void *ctx, const sr_store_event_row *r)
{
    qctx *q = ctx;
    if (q->format == FMT_JSON) {
        if (sr_store_event_json(r, &q->b) || sr_buf_putc(&q->b, '\n'))
            cli_oom();
        return q->b.len > 65536 ? emit(q) : 0;
    }
    char id[24], date[16] = "", m[24], a[24], dead[24] = "";
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    if (r->day)
        snprintf(date, sizeof date, "%04d-%02d-%02d", r->day / 10000, r->day / 100 % 100,
                 r->day % 100);
    snprintf(m, sizeof m, "%ld", r->num_mentions);
    snprintf(a, sizeof a, "%ld", r->num_articles);
    if (r->dead >= 0)
        snprintf(dead, sizeof dead, "%ld", r->dead);
    const char *cells[] = {id, date, r->source_code, r->target_code, r->code, r->plover,
                           r->place, r->admin1, r->cc, m, a, dead};
    table_row(&q->t, cells);
    return 0;
}

static int agg_row(void *ctx, const sr_store_agg_row *r)
{
    qctx *q = ctx;
    if (q->format == FMT_JSON) {
        if (sr_store_agg_json(r, &q->b) || sr_buf_putc(&q->b, '\n'))
            cli_oom();
        return q->b.len > 65536 ? emit(q) : 0;
    }
    char n[5][24], ll[2][24];
    long v[5] = {r->events, r->mentions, r->articles, r->dead, r->injured};
    for (int i = 0; i < 5; i++)
        snprintf(n[i], sizeof n[i], "%ld", v[i]);
    const char *cells[11];
    size_t k = 0;
    if (r->period)
        cells[k++] = r->period;
    if (r->key)
        cells[k++] = r->key;
    if (r->admin1)
        cells[k++] = r->admin1;
    if (r->cc)
        cells[k++] = r->cc;
    if (r->admin1) {
        /* a place grouping: its point, empty when no event has one */
        ll[0][0] = ll[1][0] = 0;
        if (r->located) {
            snprintf(ll[0], sizeof ll[0], "%.5f", r->lat);
            snprintf(ll[1], sizeof ll[1], "%.5f", r->lon);
        }
        cells[k++] = ll[0];
        cells[k++] = ll[1];
    }
    for (int i = 0; i < 5; i++)
        cells[k++] = n[i];
    table_row(&q->t, cells);
    return 0;
}

/* Periods down, keys across: events per cell, totals at the ends.
 * Returns 0 (nothing printed) when there are too many keys for a
 * terminal. */
static int crosstab(const table *lng, size_t keycol, FILE *out)
{
    size_t nk = 0, np = 0;
    const char **keys = calloc(lng->rows + 1, sizeof *keys);
    const char **pers = calloc(lng->rows + 1, sizeof *pers);
    if (!keys || !pers)
        cli_oom();
    for (size_t r = 1; r < lng->rows; r++) {
        const char *p = lng->cells[r * lng->cols], *k = lng->cells[r * lng->cols + keycol];
        size_t i;
        for (i = 0; i < nk && strcmp(keys[i], k); i++)
            ;
        if (i == nk)
            keys[nk++] = k;
        for (i = 0; i < np && strcmp(pers[i], p); i++)
            ;
        if (i == np)
            pers[np++] = p;
    }
    if (nk > 14) {
        free(keys);
        free(pers);
        return 0;
    }
    /* Keys in order of their totals, largest first. */
    long *ktot = calloc(nk + 1, sizeof *ktot);
    long *cell = calloc((nk + 1) * (np + 1), sizeof *cell);
    if (!ktot || !cell)
        cli_oom();
    size_t evcol = lng->cols - 5;
    for (size_t r = 1; r < lng->rows; r++) {
        const char *p = lng->cells[r * lng->cols], *k = lng->cells[r * lng->cols + keycol];
        long v = atol(lng->cells[r * lng->cols + evcol]);
        size_t ki = 0, pi = 0;
        while (strcmp(keys[ki], k))
            ki++;
        while (strcmp(pers[pi], p))
            pi++;
        cell[pi * nk + ki] += v;
        ktot[ki] += v;
    }
    for (size_t i = 1; i < nk; i++)
        for (size_t j = i; j > 0 && ktot[j] > ktot[j - 1]; j--) {
            long tv = ktot[j];
            ktot[j] = ktot[j - 1];
            ktot[j - 1] = tv;
            const char *tk = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = tk;
            for (size_t pi = 0; pi < np; pi++) {
                long tc = cell[pi * nk + j];
                cell[pi * nk + j] = cell[pi * nk + j - 1];
                cell[pi * nk + j - 1] = tc;
            }
        }
    table t = {NULL, 0, nk + 2, 0};
    const char **row = calloc(nk + 2, sizeof *row);
    char (*num)[24] = calloc(nk + 2, sizeof *num);
    if (!row || !num)
        cli_oom();
    row[0] = lng->cells[0];
    for (size_t i = 0; i < nk; i++)
        row[i + 1] = *keys[i] ? keys[i] : "(none)";
    row[nk + 1] = "total";
    table_row(&t, row);
    long all = 0;
    for (size_t pi = 0; pi < np; pi++) {
        long tot = 0;
        row[0] = *pers[pi] ? pers[pi] : "(no date)";
        for (size_t ki = 0; ki < nk; ki++) {
            long v = cell[pi * nk + ki];
            tot += v;
            snprintf(num[ki + 1], 24, "%ld", v);
            row[ki + 1] = v ? num[ki + 1] : ".";
        }
        snprintf(num[nk + 1], 24, "%ld", tot);
        row[nk + 1] = num[nk + 1];
        all += tot;
        table_row(&t, row);
    }
    row[0] = "total";
    for (size_t ki = 0; ki < nk; ki++) {
        snprintf(num[ki + 1], 24, "%ld", ktot[ki]);
        row[ki + 1] = num[ki + 1];
    }
    snprintf(num[nk + 1], 24, "%ld", all);
    row[nk + 1] = num[nk + 1];
    table_row(&t, row);
    table_print(&t, out);
    table_free(&t);
    free(row);
    free(num);
    free(keys);
    free(pers);
    free(ktot);
    free(cell);
    return 1;
}

int cmd_query(int argc, char **argv)
{
    sr_store_filter f;
    memset(&f, 0, sizeof f);
    const char *db = NULL, *by = NULL, *group = NULL, *format = NULL;
    int limit_given = 0, timed = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int took = cli_filter_arg(&f, "query", argc, argv, &i);
        if (took < 0)
            return EXIT_USAGE;
        if (took) {
            limit_given |= !strncmp(a, "--limit", 7);
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            printf("%s%s", query_usage_head, cli_filter_help);
            return EXIT_OK;
        }
        if (!strcmp(a, "--text-snippets")) {
            f.with_text = 1;
            continue;
        }
        if (!strcmp(a, "--time")) {
            timed = 1;
            continue;
        }
        const char **dst = !strcmp(a, "--db")       ? &db
                           : !strcmp(a, "--by")     ? &by
                           : !strcmp(a, "--group")  ? &group
                           : !strcmp(a, "--format") ? &format
                                                    : NULL;
        if (!dst) {
            fprintf(stderr, "sitrep query: unknown option '%s'\n\n%s%s", a, query_usage_head,
                    cli_filter_help);
            return EXIT_USAGE;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "sitrep query: %s needs a value\n", a);
            return EXIT_USAGE;
        }
        *dst = argv[++i];
    }
    int period = by ? sr_store_period_parse(by) : 0, grp = group ? sr_store_group_parse(group) : 0;
    if (period < 0 || grp < 0) {
        fprintf(stderr, "sitrep query: unknown %s '%s'\n", period < 0 ? "period" : "group",
                period < 0 ? by : group);
        return EXIT_USAGE;
    }
    int fmt = format ? (!strcmp(format, "table") ? FMT_TABLE
                        : !strcmp(format, "json") ? FMT_JSON
                        : !strcmp(format, "csv")  ? FMT_CSV
                                                  : -1)
                     : isatty(1) ? FMT_TABLE : FMT_JSON;
    if (fmt < 0) {
        fprintf(stderr, "sitrep query: unknown format '%s' (table, json or csv)\n", format);
        return EXIT_USAGE;
    }
    int agg = period || grp;
    /* A table of events is for reading: the first 100 unless told. */
    if (fmt == FMT_TABLE && !agg && !limit_given)
        f.limit = 100;
    const char *url = cli_db_url(db);
    sr_store *s;
    sr_error err;
    sr_error_clear(&err);
    if (cli_store_reader("query", url, &s))
        return EXIT_BADINPUT;
    char shown[1024];
    cli_db_shown(url, shown, sizeof shown);
    qctx q = {fmt, SR_BUF_INIT, {NULL, 0, 0, 0}, 0};
    int rc;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (fmt == FMT_CSV && !agg) {
        rc = sr_store_export(s, SR_STORE_EXPORT_CSV, &f, 0, stdout, &err);
    } else if (!agg) {
        static const char *const head[] = {"id",    "date",  "source", "target",
                                           "code",  "plover", "place", "admin1",
                                           "cc",    "mentions", "articles", "dead"};
        q.t.cols = 12;
        if (fmt == FMT_TABLE)
            table_row(&q.t, head);
        rc = sr_store_events(s, &f, event_row, &q, &err);
    } else {
        const char *head[11];
        size_t k = 0;
        if (period)
            head[k++] = by;
        if (grp)
            head[k++] = group;
        if (grp == SR_STORE_GROUP_PLACE)
            head[k++] = "admin1";
        if (grp == SR_STORE_GROUP_PLACE || grp == SR_STORE_GROUP_ADMIN1)
            head[k++] = "country";
        if (grp == SR_STORE_GROUP_PLACE) {
            head[k++] = "lat";
            head[k++] = "lon";
        }
        static const char *const tail[] = {"events", "mentions", "articles", "dead", "injured"};
        for (int i = 0; i < 5; i++)
            head[k++] = tail[i];
        q.t.cols = k;
        if (fmt != FMT_JSON)
            table_row(&q.t, head);
        rc = sr_store_aggregate(s, &f, period, grp, agg_row, &q, &err);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (timed)
        fprintf(stderr, "sitrep query: %.3f ms\n",
                (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    if (rc > 0 || q.failed) {
        fprintf(stderr, "sitrep query: cannot write the output\n");
    } else if (rc) {
        fprintf(stderr, "sitrep query: store %s: %s\n", shown, err.msg);
    } else if (fmt == FMT_JSON) {
        emit(&q);
    } else if (fmt == FMT_CSV && agg) {
        for (size_t r = 0; r < q.t.rows; r++)
            for (size_t c = 0; c < q.t.cols; c++) {
                const char *v = q.t.cells[r * q.t.cols + c];
                if (strpbrk(v, ",\"\n")) {
                    putchar('"');
                    for (; *v; v++)
                        fputs(*v == '"' ? "\"\"" : (char[]){*v, 0}, stdout);
                    putchar('"');
                } else {
                    fputs(v, stdout);
                }
                putchar(c + 1 < q.t.cols ? ',' : '\n');
            }
    } else if (fmt == FMT_TABLE) {
        if (!(period && grp && crosstab(&q.t, 1, stdout)))
            table_print(&q.t, stdout);
        if (!agg && !limit_given && q.t.rows > 100)
            fprintf(stderr, "sitrep query: the first 100 events; --limit 0 for all\n");
    }
    table_free(&q.t);
    sr_buf_free(&q.b);
    sr_store_close(s);
    if (fflush(stdout) || rc || q.failed)
        return EXIT_BADINPUT;
    return EXIT_OK;
}
