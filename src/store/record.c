/* A coded document's record (sr_pipeline.h) as the store takes it.  The
 * record is read as it is; nothing is rendered or parsed again. */
#include <string.h>

#include "../pipeline/sr_pipeline.h"
#include "store_int.h"

static const char *dupn(sr_arena *a, const char *s, size_t n)
{
    return s ? sr_arena_strndup(a, s, n) : NULL;
}

static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

static int place_from(const sr_place_record *p, sr_arena *a, sr_store_place *o)
{
    memset(o, 0, sizeof *o);
    o->level = -1;
    if (!p || !p->name)
        return SR_OK;
    o->name = p->name;
    o->start = p->start;
    o->end = p->end;
    if (p->end > p->start && p->text && !(o->text = dupn(a, p->text, p->end - p->start)))
        return SR_ENOMEM;
    o->cc = nonempty(p->country);
    o->country = nonempty(p->country_name);
    o->admin1 = nonempty(p->admin1);
    o->lat = p->lat;
    o->lon = p->lon;
    o->has_coords = 1;
    o->geonameid = p->geonameid;
    o->feature = nonempty(p->feature);
    o->level = p->level;
    o->conf = p->conf;
    return SR_OK;
}

/* The sentence holding byte pos, or -1. */
static long sentence_at(const sr_doc_record *r, size_t pos)
{
    for (size_t i = 0; i < r->nsentences; i++)
        if (pos >= r->sentences[i].start && pos < r->sentences[i].end)
            return (long)i;
    return -1;
}

/* The most specific place inside [s, e), the first of equals; NULL if none. */
static const sr_place_record *place_in(const sr_doc_record *r, size_t s, size_t e)
{
    const sr_place_record *best = NULL;
    for (size_t i = 0; i < r->nplaces; i++) {
        const sr_place_record *p = &r->places[i];
        if (p->role || p->start < s || p->end > e)
            continue;
        if (!best || p->level > best->level)
            best = p;
    }
    return best;
}

int sr_store_doc_from_record(const struct sr_doc_record *r, sr_arena *a, sr_store_doc *d)
{
    memset(d, 0, sizeof *d);
    d->id = r->id;
    d->date = r->date;
    if (r->title && !(d->title = dupn(a, r->title, r->title_len)))
        return SR_ENOMEM;
    d->text = r->text;
    d->text_len = r->text_len;
    d->source = r->source;
    d->url = r->url;
    d->label = r->acled;
    d->nsentences = r->nsentences;
    sr_store_event *ev = r->nevents ? sr_arena_calloc(a, r->nevents, sizeof *ev) : NULL;
    sr_store_place *pl = r->nplaces ? sr_arena_calloc(a, r->nplaces, sizeof *pl) : NULL;
    sr_store_count *ct = r->ncounts ? sr_arena_calloc(a, r->ncounts, sizeof *ct) : NULL;
    if ((r->nevents && !ev) || (r->nplaces && !pl) || (r->ncounts && !ct))
        return SR_ENOMEM;
    for (size_t i = 0; i < r->nevents; i++) {
        const sr_event_record *e = &r->events[i];
        sr_store_event *o = &ev[i];
        o->source.code = e->source.code;
        o->source.text = e->source.code ? e->source.text : NULL;
        o->source.start = e->source.start;
        o->source.end = e->source.end;
        o->target.code = e->target.code;
        o->target.text = e->target.code ? e->target.text : NULL;
        o->target.start = e->target.start;
        o->target.end = e->target.end;
        o->code = e->code;
        o->sentence = e->sentence;
        if (e->sentence < r->nsentences) {
            o->sent_start = r->sentences[e->sentence].start;
            o->sent_end = r->sentences[e->sentence].end;
        }
        o->verb_start = e->verb_start;
        o->verb_end = e->verb_end;
        o->mode = e->has_mode ? e->mode : NULL;
        o->negated = e->has_mode && e->negated;
        if (e->date.kind != SR_DATE_NONE && e->date.date[0]) {
            o->date = e->date.date;
            o->date_precision = e->date.precision;
        }
        if (e->attribution.present) {
            if (!(o->attribution = dupn(a, e->attribution.text, e->attribution.len)))
                return SR_ENOMEM;
            o->attribution_code = e->attribution.code;
        }
        o->dead = e->dead >= 0 ? (long)e->dead : -1;
        o->injured = e->injured >= 0 ? (long)e->injured : -1;
        o->dead_key = e->dead_key;
        o->injured_key = e->injured_key;
        o->dead_toll = e->dead_toll > e->dead ? (long)e->dead_toll : 0;
        o->injured_toll = e->injured_toll > e->injured ? (long)e->injured_toll : 0;
        if (place_from(e->location, a, &o->location))
            return SR_ENOMEM;
        o->primary = r->primary == (long)i;
    }
    size_t np = 0;
    for (size_t i = 0; i < r->nplaces; i++) {
        /* Demonyms and names inside organisation names are not places. */
        if (r->places[i].role)
            continue;
        if (place_from(&r->places[i], a, &pl[np++]))
            return SR_ENOMEM;
    }
    /* A count with no number ("at least", open) is left out; part_of
     * indices follow the counts that stay. */
    long *index = r->ncounts ? sr_arena_calloc(a, r->ncounts, sizeof *index) : NULL;
    if (r->ncounts && !index)
        return SR_ENOMEM;
    size_t nc = 0;
    for (size_t i = 0; i < r->ncounts; i++) {
        const sr_count_record *c = &r->counts[i];
        index[i] = -1;
        if (c->number == SR_COUNT_UNBOUNDED || c->number < 0)
            continue;
        index[i] = (long)nc;
        sr_store_count *o = &ct[nc++];
        o->type = c->type;
        o->number = (long)c->number;
        o->qualifier = c->qualifier;
        o->people = c->people;
        o->start = c->start;
        o->end = c->end;
        if (c->trigger_end > c->trigger_start &&
            !(o->trigger = dupn(a, r->text + c->trigger_start, c->trigger_end - c->trigger_start)))
            return SR_ENOMEM;
        o->cumulative = c->cumulative;
        o->part_of = c->part_of >= 0 && (size_t)c->part_of < i ? index[c->part_of] : -1;
        long s = sentence_at(r, c->start);
        const sr_place_record *p =
            s >= 0 ? place_in(r, r->sentences[s].start, r->sentences[s].end) : NULL;
        if (place_from(p, a, &o->location))
            return SR_ENOMEM;
    }
    d->events = ev;
    d->nevents = r->nevents;
    d->places = pl;
    d->nplaces = np;
    d->counts = ct;
    d->ncounts = nc;
    return SR_OK;
}
