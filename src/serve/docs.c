/* GET /documents/ID: one stored document with its text and every span the
 * coder found in it, in the shape of `sitrep code`'s output (so the page
 * shows stored documents and POST /code results the same way), plus the
 * stored event each mention belongs to. */
#include "../code/sr_code.h"
#include "../store/sr_store.h"
#include "server_int.h"

typedef struct jw {
    sr_buf *b;
    int rc;
} jw;

static void raw(jw *w, const char *s)
{
    if (!w->rc)
        w->rc = sr_buf_puts(w->b, s);
}

static void str(jw *w, const char *key, const char *v)
{
    if (w->rc)
        return;
    w->rc = sr_buf_printf(w->b, "\"%s\":", key);
    if (!w->rc)
        w->rc = v ? sr_json_str(w->b, v, strlen(v)) : sr_buf_puts(w->b, "null");
}

static void num(jw *w, const char *key, long v)
{
    if (!w->rc)
        w->rc = v < 0 ? sr_buf_printf(w->b, "\"%s\":null", key)
                      : sr_buf_printf(w->b, "\"%s\":%ld", key, v);
}

static void span(jw *w, size_t start, size_t end, size_t len)
{
    /* Offsets are written only when they fit the text. */
    if (!w->rc && start < end && end <= len)
        w->rc = sr_buf_printf(w->b, ",\"start\":%zu,\"end\":%zu", start, end);
}

static void span_obj(jw *w, const char *key, size_t start, size_t end, size_t len)
{
    if (!w->rc)
        w->rc = start < end && end <= len
                    ? sr_buf_printf(w->b, "\"%s\":{\"start\":%zu,\"end\":%zu}", key, start, end)
                    : sr_buf_printf(w->b, "\"%s\":null", key);
}

static void actor(jw *w, const char *key, const sr_store_actor *a, size_t len)
{
    if (!a->code || !*a->code) {
        if (!w->rc)
            w->rc = sr_buf_printf(w->b, "\"%s\":null", key);
        return;
    }
    if (!w->rc)
        w->rc = sr_buf_printf(w->b, "\"%s\":{", key);
    str(w, "code", a->code);
    raw(w, ",");
    str(w, "text", a->text);
    if (a->text)
        span(w, a->start, a->end, len);
    raw(w, "}");
}

static void place(jw *w, const sr_store_place *p)
{
    str(w, "name", p->name);
    if (p->has_coords && !w->rc)
        w->rc = sr_buf_printf(w->b, ",\"lat\":%.5f,\"lon\":%.5f", p->lat, p->lon);
    raw(w, ",");
    str(w, "country", p->cc && *p->cc ? p->cc : NULL);
    raw(w, ",");
    str(w, "admin1", p->admin1 && *p->admin1 ? p->admin1 : NULL);
}

static void event(jw *w, const sr_store_event *e, int64_t id, size_t len)
{
    const sr_cameo_info *ci = e->code ? sr_cameo_lookup(e->code) : NULL;
    if (!w->rc)
        w->rc = sr_buf_printf(w->b, "{\"event_id\":%lld,", (long long)id);
    actor(w, "source", &e->source, len);
    raw(w, ",");
    actor(w, "target", &e->target, len);
    raw(w, ",");
    str(w, "code", e->code);
    raw(w, ",");
    str(w, "name", ci ? ci->name : NULL);
    raw(w, ",");
    str(w, "plover", ci ? ci->plover : NULL);
    raw(w, ",");
    str(w, "acled", ci ? ci->acled : NULL);
    if (!w->rc)
        w->rc = sr_buf_printf(w->b, ",\"sentence\":%zu,", e->sentence);
    span_obj(w, "sentence_span", e->sent_start, e->sent_end, len);
    raw(w, ",");
    span_obj(w, "verb", e->verb_start, e->verb_end, len);
    raw(w, ",");
    str(w, "mode", e->mode);
    raw(w, e->negated ? ",\"negated\":true," : ",\"negated\":false,");
    raw(w, "\"event_date\":{");
    str(w, "date", e->date);
    raw(w, ",");
    str(w, "precision", e->date_precision);
    raw(w, "},\"attribution\":");
    if (e->attribution) {
        raw(w, "{");
        str(w, "text", e->attribution);
        raw(w, ",");
        str(w, "code", e->attribution_code);
        raw(w, "}");
    } else {
        raw(w, "null");
    }
    raw(w, ",");
    num(w, "dead", e->dead);
    raw(w, ",");
    num(w, "injured", e->injured);
    raw(w, ",\"location\":");
    if (e->location.name) {
        raw(w, "{");
        place(w, &e->location);
        raw(w, "}");
    } else {
        raw(w, "null");
    }
    raw(w, e->primary ? ",\"primary\":true}" : ",\"primary\":false}");
}

void srv_document(sr_store *st, const char *id, sr_serve_reply *out)
{
    sr_arena *a = sr_arena_new();
    if (!a) {
        srv_reply_error(out, 500, "out of memory");
        return;
    }
    sr_store_doc_view v;
    sr_error err;
    sr_error_clear(&err);
    int found = 0;
    int rc = sr_store_document(st, id, a, &v, &found, &err);
    if (rc) {
        srv_reply_error(out, 500, "the store failed: %s", err.msg);
    } else if (!found) {
        srv_reply_error(out, 404, "no document '%.200s' in the store", id);
    } else {
        const sr_store_doc *d = &v.doc;
        jw w = {&out->buf, 0};
        raw(&w, "{");
        str(&w, "id", d->id);
        raw(&w, ",");
        str(&w, "date", d->date);
        raw(&w, ",");
        str(&w, "title", d->title);
        raw(&w, ",");
        str(&w, "source", d->source);
        raw(&w, ",");
        str(&w, "url", d->url);
        raw(&w, ",");
        str(&w, "acled", d->label);
        raw(&w, ",");
        str(&w, "copy_of", v.copy_of);
        raw(&w, ",\"events\":[");
        for (size_t i = 0; i < d->nevents; i++) {
            raw(&w, i ? ",\n" : "\n");
            event(&w, &d->events[i], v.event_ids[i], d->text_len);
        }
        raw(&w, "],\"places\":[");
        for (size_t i = 0; i < d->nplaces; i++) {
            raw(&w, i ? ",\n{" : "\n{");
            place(&w, &d->places[i]);
            raw(&w, ",");
            str(&w, "text", d->places[i].text);
            span(&w, d->places[i].start, d->places[i].end, d->text_len);
            raw(&w, "}");
        }
        raw(&w, "],\"counts\":[");
        for (size_t i = 0; i < d->ncounts; i++) {
            const sr_store_count *c = &d->counts[i];
            raw(&w, i ? ",\n{" : "\n{");
            str(&w, "type", c->type);
            raw(&w, ",");
            num(&w, "number", c->number);
            raw(&w, ",");
            str(&w, "qualifier", c->qualifier);
            raw(&w, ",");
            str(&w, "people", c->people);
            raw(&w, ",");
            str(&w, "trigger", c->trigger);
            raw(&w, c->cumulative ? ",\"cumulative\":true," : ",\"cumulative\":false,");
            num(&w, "part_of", c->part_of);
            span(&w, c->start, c->end, d->text_len);
            raw(&w, "}");
        }
        raw(&w, "],");
        str(&w, "text", d->text);
        raw(&w, "}\n");
        if (w.rc)
            srv_reply_error(out, 500, "out of memory");
        else
            srv_reply_json(out, 200);
    }
    sr_arena_free(a);
}
