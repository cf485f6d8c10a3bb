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

static void period_name(int period, int64_t v, char out[12])
{
    if (period == SR_STORE_PERIOD_NONE) {
        out[0] = 0;
        return;
    }
    if (v <= 0) {
        strcpy(out, "~"); /* sorts after every date; shown as "" */
        return;
    }
    switch (period) {
    case SR_STORE_DAY:
        snprintf(out, 12, "%04d-%02d-%02d", (int)(v / 10000), (int)(v / 100 % 100), (int)(v % 100));
        break;
    case SR_STORE_WEEK: store_iso_week((int)v, out); break;
    case SR_STORE_MONTH: snprintf(out, 12, "%04d-%02d", (int)(v / 100), (int)(v % 100)); break;
    default: snprintf(out, 12, "%04d", (int)v); break;
    }
}

int sr_store_aggregate(sr_store *s, const sr_store_filter *f, int period, int group,
                       sr_store_agg_cb cb, void *ctx, sr_error *err)
{
    static const char *const pexpr[] = {"0", "e.day", "e.day", "e.day / 100", "e.day / 10000"};
    /* key, admin1, cc of each group */
    static const char *const gexpr[][3] = {
        [SR_STORE_GROUP_NONE] = {"''", "''", "''"},
        [SR_STORE_GROUP_COUNTRY] = {"e.cc", "''", "''"},
        [SR_STORE_GROUP_ADMIN1] = {"e.admin1", "''", "e.cc"},
        [SR_STORE_GROUP_PLACE] = {"coalesce(e.place, '')", "e.admin1", "e.cc"},
        [SR_STORE_GROUP_ACTOR] = {"e.source_code", "''", "''"},
        [SR_STORE_GROUP_SOURCE] = {"e.source_code", "''", "''"},
        [SR_STORE_GROUP_TARGET] = {"e.target_code", "''", "''"},
        [SR_STORE_GROUP_ROOT] = {"e.root_code", "''", "''"},
        [SR_STORE_GROUP_CODE] = {"e.code", "''", "''"},
        [SR_STORE_GROUP_PLOVER] = {"coalesce(e.plover, '')", "''", "''"},
        [SR_STORE_GROUP_ACLED] = {"coalesce(e.acled, '')", "''", "''"},
    };
    if (period < 0 || period > SR_STORE_YEAR || group < 0 || group > SR_STORE_GROUP_ACLED)
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "unknown period or group");
    store_where w;
    int rc = store_where_build(f, &w, err);
    if (rc) {
        store_where_free(&w); /* a bad filter leaves what was built so far */
        return rc;
    }
    sr_buf sql = SR_BUF_INIT;
    int e = 0;
    /* An event counts once for its source and once for its target. */
    int halves = group == SR_STORE_GROUP_ACTOR ? 2 : 1;
    e |= sr_buf_puts(&sql, "SELECT p, k, a1, c2, count(*), sum(nm), sum(na), sum(dd), sum(ij) "
                           "FROM (");
    for (int h = 0; h < halves; h++)
        e |= sr_buf_printf(&sql,
                           "%sSELECT %s AS p, %s AS k, %s AS a1, %s AS c2, e.num_mentions AS nm, "
                           "e.num_articles AS na, coalesce(e.dead, 0) AS dd, "
                           "coalesce(e.injured, 0) AS ij FROM sr_events e WHERE 1 = 1%s",
                           h ? " UNION ALL " : "", pexpr[period], h ? "e.target_code" : gexpr[group][0],
                           gexpr[group][1], gexpr[group][2], w.sql.data);
    e |= sr_buf_puts(&sql, ") x GROUP BY p, k, a1, c2");
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
        agg *r = sr_vec_push(&rows, a, sizeof *r);
        if (!r) {
            st = sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        period_name(period, db_column_int(q, 0), r->period);
        const char *t[3];
        for (int c = 0; c < 3; c++) {
            t[c] = db_column_text(q, c + 1);
            t[c] = sr_arena_strndup(a, t[c] ? t[c] : "", t[c] ? strlen(t[c]) : 0);
        }
        r->key = t[0];
        r->admin1 = t[1];
        r->cc = t[2];
        r->events = (long)db_column_int(q, 4);
        r->mentions = (long)db_column_int(q, 5);
        r->articles = (long)db_column_int(q, 6);
        r->dead = (long)db_column_int(q, 7);
        r->injured = (long)db_column_int(q, 8);
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
            rv[i].events, rv[i].mentions, rv[i].articles, rv[i].dead, rv[i].injured};
        rc = cb(ctx, &out);
    }
out:
    db_finalize(q);
    sr_arena_free(a);
    sr_buf_free(&sql);
    store_where_free(&w);
    return rc;
}
