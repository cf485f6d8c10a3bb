/* Exports: the GDELT 2.0 event table, GDELT GKG-style counts, PLOVER JSON
 * and a CSV for R and pandas.  Each writes rows from sr_store_events (or,
 * for counts, the documents), so the filters are the query's. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../code/sr_code.h"
#include "store_gdelt.h"
#include "store_int.h"

int sr_store_export_parse(const char *name)
{
    static const char *const names[] = {"", "gdelt", "counts", "plover", "csv"};
    for (int i = 1; i < 5; i++)
        if (name && !strcmp(name, names[i]))
            return i;
    return -1;
}

typedef struct exp_ctx {
    FILE *out;
    sr_buf b;
    int fail;
} exp_ctx;

int store_tsv_str(sr_buf *b, const char *s)
{
    for (; s && *s; s++)
        if (sr_buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s))
            return -1;
    return 0;
}

static int tsv_upper(sr_buf *b, const char *s)
{
    for (; s && *s; s++) {
        char c = *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s;
        if (sr_buf_putc(b, (char)toupper((unsigned char)c)))
            return -1;
    }
    return 0;
}

static int flush(exp_ctx *x)
{
    if (x->b.len && fwrite(x->b.data, 1, x->b.len, x->out) != x->b.len)
        x->fail = 1;
    sr_buf_clear(&x->b);
    return x->fail;
}

int store_export_end(sr_buf *b, FILE *out, int failed, int rc, sr_error *err)
{
    if (rc == 0 && !failed && b->len && fwrite(b->data, 1, b->len, out) != b->len)
        failed = 1;
    sr_buf_clear(b);
    if (rc > 0 || failed || (rc == 0 && fflush(out)))
        return sr_error_set(err, SR_EIO, NULL, 0, 0, "cannot write the export");
    if (rc == SR_ENOMEM)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    return rc;
}

/* ---- GDELT 2.0 event table ------------------------------------------------- */

/* The 61 columns, in GDELT's order (GDELT 2.0 event codebook). */
static const char *const gdelt_cols[] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code",
    "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
    "Actor2Type2Code", "Actor2Type3Code", "IsRootEvent", "EventCode", "EventBaseCode",
    "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
    "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long",
    "Actor1Geo_FeatureID", "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long",
    "Actor2Geo_FeatureID", "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long",
    "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL"};

static int gdelt_actor_cols(sr_buf *b, const char *code, const char *name)
{
    gdelt_actor a;
    gdelt_actor_split(code, &a);
    int rc = store_tsv_str(b, code) | sr_buf_putc(b, '\t') | tsv_upper(b, code && *code ? name : NULL);
    rc |= sr_buf_printf(b, "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t", a.country, a.group,
                        a.ethnic, a.religion[0], a.religion[1], a.type[0], a.type[1], a.type[2]);
    return rc;
}

/* The place of an event as GDELT's Type, FullName, CountryCode,
 * ADM1Code, ADM2Code, Lat, Long and FeatureID columns. */
static int gdelt_geo(sr_buf *b, const sr_store_event_row *r)
{
    gdelt_place p = {r->place, r->admin1, r->country, r->cc, r->adm1_code,
                     r->place ? r->geo_level : -1, r->has_coords, r->lat, r->lon, r->geonameid};
    gdelt_loc l;
    gdelt_loc_make(&p, &l);
    /* No place (or only a world region, which GDELT has no type for):
     * type 0 and empty fields, as in GDELT's own files. */
    if (!l.type)
        return sr_buf_puts(b, "0\t\t\t\t\t\t\t");
    int rc = sr_buf_printf(b, "%d\t", l.type) | store_tsv_str(b, l.fullname);
    rc |= sr_buf_printf(b, "\t%s\t%s\t\t", l.fips, l.adm1);
    if (r->has_coords)
        rc |= sr_buf_printf(b, "%.4f\t%.4f\t", r->lat, r->lon);
    else
        rc |= sr_buf_puts(b, "\t\t");
    return rc | sr_buf_puts(b, l.feature);
}

static int gdelt_row(void *ctx, const sr_store_event_row *r)
{
    exp_ctx *x = ctx;
    sr_buf *b = &x->b;
    int rc = sr_buf_printf(b, "%lld\t", (long long)r->id);
    if (r->day) {
        int y = r->day / 10000, m = r->day / 100 % 100, d = r->day % 100;
        rc |= sr_buf_printf(b, "%d\t%d\t%d\t%.4f\t", r->day, r->day / 100, y,
                            y + (m * 30 + d) / 365.0);
    } else {
        rc |= sr_buf_puts(b, "\t\t\t\t");
    }
    rc |= gdelt_actor_cols(b, r->source_code, r->source_name);
    rc |= gdelt_actor_cols(b, r->target_code, r->target_name);
    rc |= sr_buf_printf(b, "%d\t%s\t%s\t%s\t%d\t%.1f\t%ld\t%ld\t%ld\t", r->is_root, r->code,
                        r->base_code, r->root_code, r->quadclass, r->goldstein, r->num_mentions,
                        r->num_sources, r->num_articles);
    /* AvgTone: sitrep measures no tone; the field stays empty.  Actor1Geo
     * and Actor2Geo: sitrep places events, not actors. */
    rc |= sr_buf_puts(b, "\t0\t\t\t\t\t\t\t\t0\t\t\t\t\t\t\t\t");
    rc |= gdelt_geo(b, r);
    rc |= sr_buf_printf(b, "\t%lld\t", (long long)r->added);
    rc |= store_tsv_str(b, r->url && *r->url ? r->url : r->doc_id);
    rc |= sr_buf_putc(b, '\n');
    if (rc)
        return SR_ENOMEM;
    return b->len > 65536 ? flush(x) : 0;
}

/* ---- CSV --------------------------------------------------------------------- */

static const char *const csv_cols[] = {
    "id", "date", "date_precision", "source_code", "source_name", "source_country",
    "target_code", "target_name", "target_country", "code", "base_code", "root_code",
    "event_name", "quadclass", "goldstein", "plover", "plover_mode", "acled", "mode",
    "negated", "dead", "injured", "place", "admin1", "country_code", "country", "lat", "lon",
    "geonameid", "is_root", "num_mentions", "num_sources", "num_articles", "doc_id", "url",
    "outlet", "published", "added", "dead_net", "injured_net"};

/* RFC 4180: a field with a comma, quote or line break is quoted, quotes
 * doubled; an empty field is NA in R and NaN in pandas. */
static int csv_str(sr_buf *b, const char *s)
{
    if (!s)
        return 0;
    if (!strpbrk(s, ",\"\r\n"))
        return sr_buf_puts(b, s);
    int rc = sr_buf_putc(b, '"');
    for (; *s; s++)
        rc |= *s == '"' ? sr_buf_puts(b, "\"\"") : sr_buf_putc(b, *s);
    return rc | sr_buf_putc(b, '"');
}

static int csv_num(sr_buf *b, long v)
{
    return v >= 0 ? sr_buf_printf(b, "%ld", v) : 0;
}

static int csv_row(void *ctx, const sr_store_event_row *r)
{
    exp_ctx *x = ctx;
    sr_buf *b = &x->b;
    gdelt_actor s, t;
    gdelt_actor_split(r->source_code, &s);
    gdelt_actor_split(r->target_code, &t);
    const sr_cameo_info *ci = sr_cameo_lookup(r->code);
    int rc = sr_buf_printf(b, "%lld,", (long long)r->id);
    if (r->day)
        rc |= sr_buf_printf(b, "%04d-%02d-%02d", r->day / 10000, r->day / 100 % 100, r->day % 100);
    rc |= sr_buf_putc(b, ',') | csv_str(b, r->date_precision) | sr_buf_putc(b, ',');
    const char *f1[] = {r->source_code, r->source_name, s.country, r->target_code,
                        r->target_name, t.country,      r->code,   r->base_code,
                        r->root_code,   ci ? ci->name : NULL};
    for (size_t i = 0; i < sizeof f1 / sizeof f1[0]; i++)
        rc |= csv_str(b, f1[i] && *f1[i] ? f1[i] : NULL) | sr_buf_putc(b, ',');
    rc |= sr_buf_printf(b, "%d,%.1f,", r->quadclass, r->goldstein);
    const char *f2[] = {r->plover, r->plover_mode, r->acled, r->mode};
    for (size_t i = 0; i < 4; i++)
        rc |= csv_str(b, f2[i]) | sr_buf_putc(b, ',');
    rc |= sr_buf_puts(b, r->negated ? "TRUE," : "FALSE,");
    rc |= csv_num(b, r->dead) | sr_buf_putc(b, ',') | csv_num(b, r->injured) | sr_buf_putc(b, ',');
    const char *f3[] = {r->place, r->admin1, r->cc, r->country};
    for (size_t i = 0; i < 4; i++)
        rc |= csv_str(b, f3[i] && *f3[i] ? f3[i] : NULL) | sr_buf_putc(b, ',');
    if (r->has_coords)
        rc |= sr_buf_printf(b, "%.5f,%.5f,", r->lat, r->lon);
    else
        rc |= sr_buf_puts(b, ",,");
    if (r->geonameid)
        rc |= sr_buf_printf(b, "%lu", (unsigned long)r->geonameid);
    rc |= sr_buf_printf(b, ",%s,%ld,%ld,%ld,", r->is_root ? "TRUE" : "FALSE", r->num_mentions,
                        r->num_sources, r->num_articles);
    const char *f4[] = {r->doc_id, r->url, r->doc_source, r->doc_date};
    for (size_t i = 0; i < 4; i++)
        rc |= csv_str(b, f4[i] && *f4[i] ? f4[i] : NULL) | sr_buf_putc(b, ',');
    /* DATEADDED as an ISO time, which both R and pandas parse. */
    int64_t a = r->added;
    rc |= sr_buf_printf(b, "%04d-%02d-%02dT%02d:%02d:%02dZ,", (int)(a / 10000000000LL),
                        (int)(a / 100000000 % 100), (int)(a / 1000000 % 100),
                        (int)(a / 10000 % 100), (int)(a / 100 % 100), (int)(a % 100));
    /* last, so that the columns before keep their places: the figures to
     * sum in a spreadsheet (dead and injured count a figure once per
     * event that states it) */
    rc |= csv_num(b, r->dead_net) | sr_buf_putc(b, ',') | csv_num(b, r->injured_net) |
          sr_buf_putc(b, '\n');
    if (rc)
        return SR_ENOMEM;
    return b->len > 65536 ? flush(x) : 0;
}

/* ---- PLOVER JSON --------------------------------------------------------------- */

static int json_opt(sr_buf *b, const char *key, const char *v)
{
    int rc = sr_buf_printf(b, ",\"%s\":", key);
    return rc | (v && *v ? sr_json_str(b, v, strlen(v)) : sr_buf_puts(b, "null"));
}

static int plover_actor(sr_buf *b, const char *key, const char *code, const char *name)
{
    int rc = sr_buf_printf(b, ",\"%s\":", key);
    if (!code || !*code)
        return rc | sr_buf_puts(b, "[]");
    gdelt_actor a;
    gdelt_actor_split(code, &a);
    rc |= sr_buf_puts(b, "[{\"actorText\":");
    rc |= name ? sr_json_str(b, name, strlen(name)) : sr_buf_puts(b, "null");
    rc |= sr_buf_puts(b, ",\"code\":") | sr_json_str(b, code, strlen(code));
    rc |= json_opt(b, "country", a.country) | json_opt(b, "sector", a.type[0]) |
          sr_buf_puts(b, "}]");
    return rc;
}

static int plover_row(void *ctx, const sr_store_event_row *r)
{
    exp_ctx *x = ctx;
    sr_buf *b = &x->b;
    int rc = sr_buf_printf(b, "{\"id\":\"sitrep-%lld\"", (long long)r->id);
    char date[16] = "";
    if (r->day)
        snprintf(date, sizeof date, "%04d-%02d-%02d", r->day / 10000, r->day / 100 % 100,
                 r->day % 100);
    rc |= json_opt(b, "date", date);
    rc |= json_opt(b, "event", r->plover) | json_opt(b, "mode", r->plover_mode);
    /* PLOVER contexts (a topic such as "refugees") are not coded. */
    rc |= sr_buf_puts(b, ",\"context\":null");
    rc |= plover_actor(b, "source", r->source_code, r->source_name);
    rc |= plover_actor(b, "target", r->target_code, r->target_name);
    rc |= json_opt(b, "eventText", r->verb) | json_opt(b, "text", r->text);
    rc |= sr_buf_puts(b, ",\"location\":");
    if (r->place) {
        rc |= sr_buf_puts(b, "{\"placeName\":") | sr_json_str(b, r->place, strlen(r->place));
        rc |= json_opt(b, "admin1", r->admin1) | json_opt(b, "country", r->cc);
        if (r->has_coords)
            rc |= sr_buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f", r->lat, r->lon);
        else
            rc |= sr_buf_puts(b, ",\"lat\":null,\"lon\":null");
        if (r->geonameid)
            rc |= sr_buf_printf(b, ",\"geonameID\":%lu}", (unsigned long)r->geonameid);
        else
            rc |= sr_buf_puts(b, ",\"geonameID\":null}");
    } else {
        rc |= sr_buf_puts(b, "null");
    }
    rc |= sr_buf_puts(b, ",\"cameo\":") | sr_json_str(b, r->code, strlen(r->code));
    rc |= sr_buf_printf(b, ",\"goldstein\":%.1f,\"quadclass\":%d", r->goldstein, r->quadclass);
    rc |= sr_buf_puts(b, ",\"dead\":") |
          (r->dead >= 0 ? sr_buf_printf(b, "%ld", r->dead) : sr_buf_puts(b, "null"));
    rc |= sr_buf_puts(b, ",\"injured\":") |
          (r->injured >= 0 ? sr_buf_printf(b, "%ld", r->injured) : sr_buf_puts(b, "null"));
    rc |= sr_buf_printf(b, ",\"numMentions\":%ld,\"numSources\":%ld,\"numArticles\":%ld",
                        r->num_mentions, r->num_sources, r->num_articles);
    rc |= sr_buf_puts(b, ",\"story\":{\"id\":") | sr_json_str(b, r->doc_id, strlen(r->doc_id));
    rc |= json_opt(b, "url", r->url) | json_opt(b, "publication", r->doc_source) |
          json_opt(b, "date", r->doc_date) | sr_buf_putc(b, '}');
    rc |= sr_buf_printf(b, ",\"language\":\"en\",\"coder\":\"sitrep\",\"version\":\"%s\"}\n",
                        SR_VERSION);
    if (rc)
        return SR_ENOMEM;
    return b->len > 65536 ? flush(x) : 0;
}

/* ---- entry ---------------------------------------------------------------------- */

int sr_store_export(sr_store *s, int format, const sr_store_filter *f, unsigned flags, FILE *out,
                    sr_error *err)
{
    if (format == SR_STORE_EXPORT_COUNTS)
        return store_export_counts(s, f, flags, out, err);
    exp_ctx x = {out, SR_BUF_INIT, 0};
    sr_store_filter g;
    if (f)
        g = *f;
    else
        memset(&g, 0, sizeof g);
    sr_store_event_cb cb;
    const char *const *cols = NULL;
    size_t ncols = 0;
    char sep = '\t';
    switch (format) {
    case SR_STORE_EXPORT_GDELT:
        cb = gdelt_row;
        if (flags & SR_STORE_EXPORT_HEADER) {
            cols = gdelt_cols;
            ncols = sizeof gdelt_cols / sizeof gdelt_cols[0];
        }
        break;
    case SR_STORE_EXPORT_CSV:
        cb = csv_row;
        cols = csv_cols;
        ncols = sizeof csv_cols / sizeof csv_cols[0];
        sep = ',';
        break;
    case SR_STORE_EXPORT_PLOVER:
        cb = plover_row;
        g.with_text = 1;
        break;
    default:
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "unknown export format");
    }
    int rc = 0;
    for (size_t i = 0; i < ncols && !rc; i++)
        rc = sr_buf_puts(&x.b, cols[i]) | sr_buf_putc(&x.b, i + 1 < ncols ? sep : '\n');
    if (!rc)
        rc = sr_store_events(s, &g, cb, &x, err);
    rc = store_export_end(&x.b, out, x.fail, rc, err);
    sr_buf_free(&x.b);
    return rc;
}
