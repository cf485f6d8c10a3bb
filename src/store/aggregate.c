/* Aggregates: events counted by period (day, ISO week, month, year) and
 * by a group (place, actor, type).  The database groups by day (or month,
 * year) and key; weeks and the final order are made here, so the SQL is
 * the same on both databases. */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

int sr_store_period_parse(const char *name)
{
    static const char *const names[] = {"none", "day", "week", "month", "year"};
    for (int i = 0; i < 5; i++)
        if (name && !strcmp(name, names[i]))
            return i;
    return -1;
}

int sr_store_group_parse(const char *name)
{
    static const char *const names[] = {"none",   "country", "admin1", "place",
                                        "actor",  "source",  "target", "root",
                                        "code",   "plover",  "acled"};
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
        if (name && !strcmp(name, names[i]))
            return i;
    return -1;
}

typedef struct agg {
    char period[12];
    const char *key, *admin1, *cc;
    long events, mentions, articles, dead, injured;
    /* place groupings: the sums of the located events' coordinates, and
     * how many they are (rows folded into weeks add up) */
    double slat, slon;
    long nloc;
} agg;

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int agg_cmp(const void *pa, const void *pb)
{
    const agg *a = pa, *b = pb;
    int c = strcmp(a->period, b->period);
    if (!c)
        c = cmp_str(a->key, b->key);
    if (!c)
        c = cmp_str(a->cc, b->cc);
    if (!c)
        c = cmp_str(a->admin1, b->admin1);
    return c;
}

/* The period of a day (YYYYMMDD, 0 when undated) as text. */
static void period_name(int period, int64_t day, char out[12])
{
    if (period == SR_STORE_PERIOD_NONE) {
        out[0] = 0;
        return;
    }
    if (day <= 0) {
        strcpy(out, "~"); /* sorts after every date; shown as "" */
        return;
    }
    int y = (int)(day / 10000) % 10000, m = (int)(day / 100 % 100), d = (int)(day % 100);
    switch (period) {
    case SR_STORE_DAY: snprintf(out, 12, "%04d-%02d-%02d", y, m, d); break;
    case SR_STORE_WEEK: store_iso_week((int)day, out); break;
    case SR_STORE_MONTH: snprintf(out, 12, "%04d-%02d", y, m); break;
    default: snprintf(out, 12, "%04d", y); break;
    }
}

int sr_store_aggregate(sr_store *s, const sr_store_filter *f, int period, int group,
                       sr_store_agg_cb cb, void *ctx, sr_error *err)
{
    /* key, admin1, cc of each group (NULL: not grouped by) */
    static const char *const gexpr[][3] = {
        [SR_STORE_GROUP_NONE] = {NULL, NULL, NULL},
        [SR_STORE_GROUP_COUNTRY] = {"e.cc", NULL, NULL},
        [SR_STORE_GROUP_ADMIN1] = {"e.admin1", NULL, "e.cc"},
        [SR_STORE_GROUP_PLACE] = {"coalesce(e.place, '')", "e.admin1", "e.cc"},
        [SR_STORE_GROUP_ACTOR] = {"e.source_code", NULL, NULL},
        [SR_STORE_GROUP_SOURCE] = {"e.source_code", NULL, NULL},
        [SR_STORE_GROUP_TARGET] = {"e.target_code", NULL, NULL},
        [SR_STORE_GROUP_ROOT] = {"e.root_code", NULL, NULL},
        [SR_STORE_GROUP_CODE] = {"e.code", NULL, NULL},
        [SR_STORE_GROUP_PLOVER] = {"coalesce(e.plover, '')", NULL, NULL},
        [SR_STORE_GROUP_ACLED] = {"coalesce(e.acled, '')", NULL, NULL},
    };
    if (period < 0 || period > SR_STORE_YEAR || group < 0 || group > SR_STORE_GROUP_ACLED)
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "unknown period or group");
    store_where w;
    int rc = store_where_build(f, &w, err);
    if (rc) {
        store_where_free(&w); /* a bad filter leaves what was built so far */
        return rc;
    }
    /* The database groups by day (an index on country and day, with the
     * counted columns, answers a country's month without reading the
     * events) and by the group's columns only; weeks, months and years
     * are made of days here, the same way on both databases. */
    const char *cols[4], *names[4] = {"p", "k", "a1", "c2"};
    int col[4] = {-1, -1, -1, -1}, nc = 0; /* period, key, admin1, cc -> column */
    if (period)
        cols[col[0] = nc++] = "e.day";
    for (int g = 0; g < 3; g++)
        if (gexpr[group][g])
            cols[col[g + 1] = nc++] = gexpr[group][g];
    sr_buf sql = SR_BUF_INIT;
    int e = 0;
    /* An event counts once for its source and once for its target. */
    int halves = group == SR_STORE_GROUP_ACTOR ? 2 : 1;
    e |= sr_buf_puts(&sql, "SELECT ");
    for (int c = 0; c < nc; c++)
        e |= sr_buf_printf(&sql, "%s%s, ", halves > 1 ? "x." : "", halves > 1 ? names[c] : cols[c]);
    if (halves == 1) {
        /* A place's point on a map: where its events are, on average (the
         * same name in one admin1 area is one place, or places nearby). */
        e |= sr_buf_printf(&sql, "count(*), sum(e.num_mentions), sum(e.num_articles), "
                                 "sum(coalesce(e.dead_net, 0)), sum(coalesce(e.injured_net, 0))%s "
                                 "FROM sr_events e WHERE 1 = 1%s",
                           group == SR_STORE_GROUP_PLACE
                               ? ", sum(e.lat), sum(e.lon), count(e.lat)" : "",
                           w.sql.data);
    } else {
        e |= sr_buf_puts(&sql, "count(*), sum(x.nm), sum(x.na), sum(x.dd), sum(x.ij) FROM (");
        for (int h = 0; h < 2; h++) {
            e |= sr_buf_puts(&sql, h ? " UNION ALL SELECT " : "SELECT ");
            for (int c = 0; c < nc; c++)
                e |= sr_buf_printf(&sql, "%s AS %s, ",
                                   h && c == col[1] ? "e.target_code" : cols[c], names[c]);
            e |= sr_buf_printf(&sql, "e.num_mentions AS nm, e.num_articles AS na, "
                                     "coalesce(e.dead_net, 0) AS dd, coalesce(e.injured_net, 0) AS ij "
                                     "FROM sr_events e WHERE 1 = 1%s", w.sql.data);
        }
        e |= sr_buf_puts(&sql, ") x");
    }
    for (int c = 0; c < nc; c++)
        e |= sr_buf_printf(&sql, "%s%s%s", c ? ", " : " GROUP BY ", halves > 1 ? "x." : "",
                           halves > 1 ? names[c] : cols[c]);
    sr_arena *a = sr_arena_new();
    sr_vec rows = {0};
    db_stmt *q = NULL;
    if (e || !a) {
        rc = sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    if ((rc = db_prepare(s->d, sql.data, &q, err)))
        goto out;
    int k = 1;
    for (int h = 0; h < halves; h++)
        k = store_where_bind(&w, q, k);
    int st;
    while ((st = db_step(q, err)) == 1) {
        if (!db_column_int(q, nc))
            continue; /* no group at all: one row of zeros */
        agg *r = sr_vec_push(&rows, a, sizeof *r);
        if (!r) {
            st = sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        period_name(period, col[0] >= 0 ? db_column_int(q, col[0]) : 0, r->period);
        const char *t[3];
        for (int c = 0; c < 3; c++) {
            t[c] = col[c + 1] >= 0 ? db_column_text(q, col[c + 1]) : NULL;
            t[c] = sr_arena_strndup(a, t[c] ? t[c] : "", t[c] ? strlen(t[c]) : 0);
        }
        r->key = t[0];
        r->admin1 = t[1];
        r->cc = t[2];
        r->events = (long)db_column_int(q, nc);
        r->mentions = (long)db_column_int(q, nc + 1);
        r->articles = (long)db_column_int(q, nc + 2);
        r->dead = (long)db_column_int(q, nc + 3);
        r->injured = (long)db_column_int(q, nc + 4);
        if (group == SR_STORE_GROUP_PLACE && (r->nloc = (long)db_column_int(q, nc + 7)) > 0) {
            r->slat = db_column_double(q, nc + 5);
            r->slon = db_column_double(q, nc + 6);
        }
    }
    db_finalize(q);
    q = NULL;
    if (st < 0) {
        rc = st;
        goto out;
    }
    /* Days fold into weeks here; then one order for every database. */
    agg *rv = rows.items;
    if (rows.len) /* no rows: items is NULL, which qsort may not take */
        qsort(rv, rows.len, sizeof *rv, agg_cmp);
    size_t n = 0;
    for (size_t i = 0; i < rows.len; i++) {
        if (n && !agg_cmp(&rv[n - 1], &rv[i])) {
            rv[n - 1].events += rv[i].events;
            rv[n - 1].mentions += rv[i].mentions;
            rv[n - 1].articles += rv[i].articles;
            rv[n - 1].dead += rv[i].dead;
            rv[n - 1].injured += rv[i].injured;
            rv[n - 1].slat += rv[i].slat;
            rv[n - 1].slon += rv[i].slon;
            rv[n - 1].nloc += rv[i].nloc;
        } else {
            rv[n++] = rv[i];
        }
    }
    size_t from = f ? f->offset : 0, lim = f && f->limit ? f->limit : SIZE_MAX;
    for (size_t i = from; i < n && i - from < lim && !rc; i++) {
        sr_store_agg_row out = {
            period ? (strcmp(rv[i].period, "~") ? rv[i].period : "") : NULL,
            group ? rv[i].key : NULL,
            group == SR_STORE_GROUP_PLACE ? rv[i].admin1 : NULL,
            group == SR_STORE_GROUP_PLACE || group == SR_STORE_GROUP_ADMIN1 ? rv[i].cc : NULL,
            rv[i].events, rv[i].mentions, rv[i].articles, rv[i].dead, rv[i].injured,
            rv[i].nloc > 0, rv[i].nloc > 0 ? rv[i].slat / (double)rv[i].nloc : 0,
            rv[i].nloc > 0 ? rv[i].slon / (double)rv[i].nloc : 0};
        rc = cb(ctx, &out);
    }
out:
    db_finalize(q);
    sr_arena_free(a);
    sr_buf_free(&sql);
    store_where_free(&w);
    return rc;
}
