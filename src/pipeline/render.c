/*
 * render.c - the JSON and TSV writers.  They read only the document
 * record (sr_doc_record), so what a consumer of the record sees and what
 * `sitrep code` prints cannot drift apart.  Numbers and strings are
 * written by hand (sr_buf_put_*, sr_json_str): printf's format parsing
 * cost more than the rest of the pipeline's output put together.
 */
#include "sr_pipeline.h"

#define LIT(lit) SR_BUF_LIT(b, lit)

static int put_str(sr_buf *b, const char *s) { return sr_json_str(b, s, strlen(s)); }

static int put_str_or_null(sr_buf *b, const char *s, size_t n)
{
    return s ? sr_json_str(b, s, n) : LIT("null");
}

static int put_bool(sr_buf *b, int v) { return v ? LIT("true") : LIT("false"); }

/* "\"start\":S,\"end\":E" */
static int put_span(sr_buf *b, size_t s, size_t e)
{
    int rc = LIT("\"start\":");
    rc |= sr_buf_put_u64(b, s);
    rc |= LIT(",\"end\":");
    rc |= sr_buf_put_u64(b, e);
    return rc;
}

static int put_actor(sr_buf *b, const sr_actor_record *a)
{
    if (!a->code)
        return LIT("null");
    int rc = LIT("{\"code\":");
    rc |= put_str(b, a->code);
    rc |= LIT(",\"text\":");
    if (a->text) {
        rc |= put_str(b, a->text);
        rc |= sr_buf_putc(b, ',');
        rc |= put_span(b, a->start, a->end);
    } else {
        rc |= LIT("null");
    }
    rc |= sr_buf_putc(b, '}');
    return rc;
}

static int put_cameo(sr_buf *b, const sr_event_record *e)
{
    if (!e->has_cameo)
        return LIT(",\"name\":null,\"goldstein\":null,\"quadclass\":null,"
                   "\"plover\":null,\"plover_mode\":null,\"acled\":null");
    int rc = LIT(",\"name\":");
    rc |= put_str(b, e->name);
    rc |= LIT(",\"goldstein\":");
    rc |= sr_buf_put_fixed(b, e->goldstein, 1);
    rc |= LIT(",\"quadclass\":");
    rc |= sr_buf_put_i64(b, e->quadclass);
    rc |= LIT(",\"plover\":");
    rc |= put_str_or_null(b, e->plover, e->plover ? strlen(e->plover) : 0);
    rc |= LIT(",\"plover_mode\":");
    rc |= put_str_or_null(b, e->plover_mode, e->plover_mode ? strlen(e->plover_mode) : 0);
    rc |= LIT(",\"acled\":");
    rc |= put_str_or_null(b, e->acled, e->acled ? strlen(e->acled) : 0);
    return rc;
}

static int put_date(sr_buf *b, const sr_date_record *d)
{
    if (d->kind == SR_DATE_NONE)
        return LIT("null");
    int rc = LIT("{\"date\":");
    rc |= put_str_or_null(b, d->date[0] ? d->date : NULL, strlen(d->date));
    rc |= LIT(",\"precision\":");
    rc |= put_str(b, d->precision);
    if (d->kind == SR_DATE_PUBLICATION)
        return rc | sr_buf_putc(b, '}');
    rc |= LIT(",\"end\":");
    rc |= put_str_or_null(b, d->end_date[0] ? d->end_date : NULL, strlen(d->end_date));
    rc |= LIT(",\"historical\":");
    rc |= put_bool(b, d->historical);
    rc |= LIT(",\"since\":");
    rc |= put_bool(b, d->since);
    rc |= LIT(",\"start\":");
    rc |= sr_buf_put_u64(b, d->start);
    rc |= LIT(",\"end_byte\":");
    rc |= sr_buf_put_u64(b, d->end);
    rc |= sr_buf_putc(b, '}');
    return rc;
}

static int put_attr(sr_buf *b, const sr_attr_record *a)
{
    if (!a->present)
        return LIT("null");
    int rc = LIT("{\"text\":");
    rc |= sr_json_str(b, a->text, a->len);
    rc |= LIT(",\"code\":");
    rc |= put_str_or_null(b, a->code, a->code ? strlen(a->code) : 0);
    rc |= sr_buf_putc(b, ',');
    rc |= put_span(b, a->start, a->end);
    rc |= LIT(",\"cue\":");
    rc |= put_str(b, a->cue);
    rc |= LIT(",\"quoted\":");
    rc |= put_bool(b, a->quoted);
    rc |= LIT(",\"denial\":");
    rc |= put_bool(b, a->denial);
    rc |= sr_buf_putc(b, '}');
    return rc;
}

/* Stated casualties first, then nulls for what was not stated: the order
 * the output has always had. */
static int put_casualties(sr_buf *b, const sr_event_record *e)
{
    int rc = 0;
    if (e->dead >= 0) {
        rc |= LIT(",\"dead\":");
        rc |= sr_buf_put_i64(b, e->dead);
        rc |= LIT(",\"dead_qualifier\":");
        rc |= put_str(b, e->dead_qualifier);
    }
    if (e->injured >= 0) {
        rc |= LIT(",\"injured\":");
        rc |= sr_buf_put_i64(b, e->injured);
        rc |= LIT(",\"injured_qualifier\":");
        rc |= put_str(b, e->injured_qualifier);
    }
    if (e->dead < 0)
        rc |= LIT(",\"dead\":null");
    if (e->injured < 0)
        rc |= LIT(",\"injured\":null");
    return rc;
}

/* lat, lon, country, admin1: what a place and a location share. */
static int put_where(sr_buf *b, const sr_place_record *p)
{
    int rc = LIT("\"lat\":");
    rc |= sr_buf_put_fixed(b, p->lat, 5);
    rc |= LIT(",\"lon\":");
    rc |= sr_buf_put_fixed(b, p->lon, 5);
    rc |= LIT(",\"country\":");
    rc |= put_str(b, p->country);
    rc |= LIT(",\"admin1\":");
    rc |= put_str(b, p->admin1);
    return rc;
}

static int put_location(sr_buf *b, const sr_place_record *p)
{
    if (!p)
        return LIT("null");
    int rc = LIT("{\"name\":");
    rc |= put_str(b, p->name);
    rc |= sr_buf_putc(b, ',');
    rc |= put_where(b, p);
    rc |= sr_buf_putc(b, '}');
    return rc;
}

static int put_place(sr_buf *b, const sr_place_record *p)
{
    int rc = sr_buf_putc(b, '{');
    rc |= put_span(b, p->start, p->end);
    rc |= LIT(",\"text\":");
    rc |= sr_json_str(b, p->text, p->end - p->start);
    rc |= LIT(",\"name\":");
    rc |= put_str(b, p->name);
    rc |= sr_buf_putc(b, ',');
    rc |= put_where(b, p);
    rc |= LIT(",\"geonameid\":");
    if (p->geonameid) {
        rc |= sr_buf_put_u64(b, p->geonameid);
    } else if (p->supplement) {
        rc |= LIT("null,\"supplement\":\"S");
        rc |= sr_buf_put_u64(b, p->supplement);
        rc |= sr_buf_putc(b, '"');
    } else {
        rc |= LIT("null");
    }
    rc |= LIT(",\"feature\":");
    rc |= put_str(b, p->feature);
    if (p->role) {
        rc |= LIT(",\"role\":");
        rc |= put_str(b, p->role);
    }
    rc |= LIT(",\"conf\":");
    rc |= sr_buf_put_fixed(b, p->conf, 2);
    rc |= sr_buf_putc(b, '}');
    return rc;
}

static int put_count_num(sr_buf *b, int64_t v)
{
    return v == SR_COUNT_UNBOUNDED ? LIT("null") : sr_buf_put_i64(b, v);
}

static int put_count(sr_buf *b, const sr_doc_record *d, const sr_count_record *c)
{
    int rc = LIT("{\"type\":");
    rc |= put_str(b, c->type);
    rc |= LIT(",\"number\":");
    rc |= put_count_num(b, c->number);
    rc |= LIT(",\"qualifier\":");
    rc |= put_str(b, c->qualifier);
    rc |= LIT(",\"low\":");
    rc |= put_count_num(b, c->low);
    rc |= LIT(",\"high\":");
    rc |= put_count_num(b, c->high);
    rc |= LIT(",\"people\":");
    rc |= put_str_or_null(b, c->people, c->people ? strlen(c->people) : 0);
    rc |= sr_buf_putc(b, ',');
    rc |= put_span(b, c->start, c->end);
    rc |= LIT(",\"trigger\":");
    rc |= sr_json_str(b, d->text + c->trigger_start, c->trigger_end - c->trigger_start);
    rc |= LIT(",\"cumulative\":");
    rc |= put_bool(b, c->cumulative);
    rc |= LIT(",\"part_of\":");
    rc |= c->part_of < 0 ? LIT("null") : sr_buf_put_i64(b, c->part_of);
    rc |= LIT(",\"negated\":");
    rc |= put_bool(b, c->negated);
    rc |= LIT(",\"mode\":");
    rc |= put_str(b, c->mode);
    rc |= sr_buf_putc(b, '}');
    return rc;
}

static int put_event(sr_buf *b, const sr_doc_record *d, const sr_event_record *e)
{
    int rc = LIT("{\"source\":");
    rc |= put_actor(b, &e->source);
    rc |= LIT(",\"target\":");
    rc |= put_actor(b, &e->target);
    rc |= LIT(",\"code\":");
    rc |= put_str(b, e->code);
    rc |= put_cameo(b, e);
    rc |= LIT(",\"sentence\":");
    rc |= sr_buf_put_u64(b, e->sentence);
    rc |= LIT(",\"verb\":{");
    rc |= put_span(b, e->verb_start, e->verb_end);
    rc |= LIT(",\"text\":");
    rc |= sr_json_str(b, d->text + e->verb_start, e->verb_end - e->verb_start);
    rc |= LIT("},\"pattern\":");
    rc |= put_str_or_null(b, e->pattern, e->pattern ? strlen(e->pattern) : 0);
    if (e->passive)
        rc |= LIT(",\"passive\":true");
    if (e->has_mode) {
        rc |= LIT(",\"mode\":");
        rc |= put_str(b, e->mode);
        rc |= LIT(",\"negated\":");
        rc |= put_bool(b, e->negated);
    }
    rc |= LIT(",\"event_date\":");
    rc |= put_date(b, &e->date);
    rc |= LIT(",\"attribution\":");
    rc |= put_attr(b, &e->attribution);
    rc |= put_casualties(b, e);
    if (d->geoparsed) {
        rc |= LIT(",\"location\":");
        rc |= put_location(b, e->location);
    }
    rc |= sr_buf_putc(b, '}');
    return rc;
}

int sr_record_json(const sr_doc_record *d, sr_buf *b)
{
    /* Most of a document's output is its text again, once in the
     * sentences: room for that up front saves most regrowing. */
    int rc = sr_buf_reserve(b, d->text_len + d->text_len / 2 + 1024);
    rc |= LIT("{\"id\":");
    rc |= put_str(b, d->id);
    rc |= LIT(",\"date\":");
    rc |= put_str_or_null(b, d->date, d->date ? strlen(d->date) : 0);
    rc |= LIT(",\"title\":");
    rc |= put_str_or_null(b, d->title, d->title_len);
    rc |= LIT(",\"sentences\":[");
    for (size_t i = 0; i < d->nsentences; i++) {
        const sr_sentence_record *s = &d->sentences[i];
        rc |= i ? LIT(",{") : sr_buf_putc(b, '{');
        rc |= put_span(b, s->start, s->end);
        rc |= LIT(",\"text\":");
        rc |= sr_json_str(b, d->text + s->start, s->end - s->start);
        rc |= sr_buf_putc(b, '}');
    }
    rc |= LIT("],\"boilerplate\":[");
    for (size_t i = 0; i < d->nboilerplate; i++) {
        const sr_boiler_record *s = &d->boilerplate[i];
        rc |= i ? LIT(",{") : sr_buf_putc(b, '{');
        rc |= put_span(b, s->start, s->end);
        rc |= LIT(",\"rule\":");
        rc |= put_str(b, s->rule);
        rc |= sr_buf_putc(b, '}');
    }
    rc |= LIT("],\"events\":[");
    for (size_t i = 0; i < d->nevents; i++) {
        if (i)
            rc |= sr_buf_putc(b, ',');
        rc |= put_event(b, d, &d->events[i]);
    }
    rc |= LIT("],\"primary\":");
    rc |= d->primary >= 0 ? sr_buf_put_i64(b, d->primary) : LIT("null");
    rc |= LIT(",\"acled\":");
    rc |= put_str_or_null(b, d->acled, d->acled ? strlen(d->acled) : 0);
    rc |= LIT(",\"places\":[");
    for (size_t i = 0; i < d->nplaces; i++) {
        if (i)
            rc |= sr_buf_putc(b, ',');
        rc |= put_place(b, &d->places[i]);
    }
    rc |= LIT("],\"counts\":[");
    for (size_t i = 0; i < d->ncounts; i++) {
        if (i)
            rc |= sr_buf_putc(b, ',');
        rc |= put_count(b, d, &d->counts[i]);
    }
    rc |= LIT("]}");
    return rc ? SR_ENOMEM : SR_OK;
}

int sr_record_tsv(const sr_doc_record *d, sr_buf *b)
{
    int rc = 0;
    for (size_t i = 0; i < d->nevents; i++) {
        const sr_event_record *e = &d->events[i];
        if (d->date)
            rc |= sr_buf_puts(b, d->date);
        rc |= sr_buf_putc(b, '\t');
        rc |= sr_buf_puts(b, e->source.code ? e->source.code : "---");
        rc |= sr_buf_putc(b, '\t');
        rc |= sr_buf_puts(b, e->target.code ? e->target.code : "---");
        rc |= sr_buf_putc(b, '\t');
        rc |= sr_buf_puts(b, e->code);
        rc |= sr_buf_putc(b, '\t');
        /* ids are the user's: keep tabs and newlines out of the column. */
        for (const char *c = d->id; *c; c++)
            rc |= sr_buf_putc(b, (*c == '\t' || *c == '\n' || *c == '\r') ? ' ' : *c);
        rc |= sr_buf_putc(b, '\n');
    }
    return rc ? SR_ENOMEM : SR_OK;
}

int sr_result_json(const sr_result *r, sr_buf *out) { return sr_record_json(sr_result_record(r), out); }

int sr_result_tsv(const sr_result *r, sr_buf *out) { return sr_record_tsv(sr_result_record(r), out); }
