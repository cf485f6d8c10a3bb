/* Query rows as JSON objects: what `sitrep query --format json` prints and
 * what a web server sends. */
#include <string.h>

#include "store_int.h"

static int str_or_null(sr_buf *b, const char *key, const char *v, int empty_is_null)
{
    int rc = sr_buf_printf(b, ",\"%s\":", key);
    if (!v || (empty_is_null && !*v))
        return rc | sr_buf_puts(b, "null");
    return rc | sr_json_str(b, v, strlen(v));
}

static int num_or_null(sr_buf *b, const char *key, long v)
{
    return v >= 0 ? sr_buf_printf(b, ",\"%s\":%ld", key, v) : sr_buf_printf(b, ",\"%s\":null", key);
}

int sr_store_event_json(const sr_store_event_row *r, sr_buf *b)
{
    int rc = sr_buf_printf(b, "{\"id\":%lld", (long long)r->id);
    char date[16] = "";
    if (r->day)
        snprintf(date, sizeof date, "%04d-%02d-%02d", r->day / 10000, r->day / 100 % 100,
                 r->day % 100);
    rc |= str_or_null(b, "date", date, 1) | str_or_null(b, "date_precision", r->date_precision, 1);
    rc |= str_or_null(b, "source", r->source_code, 1) | str_or_null(b, "source_name", r->source_name, 1);
    rc |= str_or_null(b, "target", r->target_code, 1) | str_or_null(b, "target_name", r->target_name, 1);
    rc |= str_or_null(b, "code", r->code, 0) | str_or_null(b, "root", r->root_code, 0);
    rc |= sr_buf_printf(b, ",\"quadclass\":%d,\"goldstein\":%.1f", r->quadclass, r->goldstein);
    rc |= str_or_null(b, "plover", r->plover, 1) | str_or_null(b, "plover_mode", r->plover_mode, 1);
    rc |= str_or_null(b, "acled", r->acled, 1) | str_or_null(b, "mode", r->mode, 1);
    rc |= sr_buf_printf(b, ",\"negated\":%s", r->negated ? "true" : "false");
    rc |= num_or_null(b, "dead", r->dead) | num_or_null(b, "injured", r->injured);
    rc |= num_or_null(b, "dead_net", r->dead_net) | num_or_null(b, "injured_net", r->injured_net);
    rc |= sr_buf_puts(b, ",\"location\":");
    if (r->place) {
        rc |= sr_buf_puts(b, "{\"name\":") | sr_json_str(b, r->place, strlen(r->place));
        rc |= str_or_null(b, "admin1", r->admin1, 1) | str_or_null(b, "country", r->cc, 1);
        if (r->has_coords)
            rc |= sr_buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f", r->lat, r->lon);
        if (r->geonameid)
            rc |= sr_buf_printf(b, ",\"geonameid\":%lu", (unsigned long)r->geonameid);
        rc |= sr_buf_putc(b, '}');
    } else {
        rc |= sr_buf_puts(b, "null");
    }
    rc |= sr_buf_printf(b, ",\"is_root\":%s,\"num_mentions\":%ld,\"num_sources\":%ld,"
                           "\"num_articles\":%ld",
                        r->is_root ? "true" : "false", r->num_mentions, r->num_sources,
                        r->num_articles);
    rc |= str_or_null(b, "doc_id", r->doc_id, 0) | str_or_null(b, "url", r->url, 1);
    rc |= str_or_null(b, "outlet", r->doc_source, 1);
    if (r->text)
        rc |= str_or_null(b, "text", r->text, 0);
    return rc | sr_buf_putc(b, '}') ? SR_ENOMEM : SR_OK;
}

int sr_store_agg_json(const sr_store_agg_row *r, sr_buf *b)
{
    int rc = sr_buf_putc(b, '{');
    const char *sep = "";
    if (r->period) {
        rc |= sr_buf_puts(b, "\"period\":") |
              (*r->period ? sr_json_str(b, r->period, strlen(r->period)) : sr_buf_puts(b, "null"));
        sep = ",";
    }
    if (r->key) {
        rc |= sr_buf_printf(b, "%s\"key\":", sep) | sr_json_str(b, r->key, strlen(r->key));
        sep = ",";
    }
    if (r->admin1)
        rc |= sr_buf_printf(b, "%s\"admin1\":", sep) | sr_json_str(b, r->admin1, strlen(r->admin1));
    if (r->cc)
        rc |= sr_buf_printf(b, "%s\"country\":", r->admin1 || *sep ? "," : "") |
              sr_json_str(b, r->cc, strlen(r->cc));
    if (r->admin1 || r->cc)
        sep = ",";
    /* a place grouping (admin1 beside the key): where it is on a map */
    if (r->admin1 && r->located)
        rc |= sr_buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f", r->lat, r->lon);
    else if (r->admin1)
        rc |= sr_buf_puts(b, ",\"lat\":null,\"lon\":null");
    rc |= sr_buf_printf(b, "%s\"events\":%ld,\"mentions\":%ld,\"articles\":%ld,\"dead\":%ld,"
                           "\"injured\":%ld}",
                        sep, r->events, r->mentions, r->articles, r->dead, r->injured);
    return rc ? SR_ENOMEM : SR_OK;
}
