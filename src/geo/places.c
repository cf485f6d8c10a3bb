/* What a resolved document answers: its places, the place of a span or
 * of an event, its focus, and places as JSON.  Disambiguation (resolve.c)
 * has filled the sr_geo_doc these read. */
#include "geo_int.h"

#include <string.h>

const sr_geo_place *sr_geo_doc_places(const sr_geo_doc *d, size_t *n)
{
    *n = d->nlisted;
    return d->listed;
}

/* The first of d->all that may lie in bytes [start, ...): a binary search,
 * since scanning every mention for every event made a long document take
 * quadratic time. */
static size_t first_from(const sr_geo_doc *d, size_t start)
{
    if (d->all_unsorted)
        return 0;
    size_t lo = 0, hi = d->nall;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->all[mid].start < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Past the last of d->all that may lie in bytes [..., end). */
static int past_end(const sr_geo_doc *d, const sr_geo_place *p, size_t end)
{
    return !d->all_unsorted && p->start >= end;
}

const sr_geo_place *sr_geo_doc_locate(const sr_geo_doc *d, size_t start, size_t end)
{
    const sr_geo_place *best = NULL, *weak = NULL;
    for (size_t i = first_from(d, start); i < d->nall; i++) {
        const sr_geo_place *p = &d->all[i];
        if (past_end(d, p, end))
            break;
        if (p->role != SR_GEO_PLACE || p->start < start || p->end > end)
            continue;
        if (p->flags & SR_GEO_F_DATELINE) {
            if (!weak || p->level > weak->level)
                weak = p;
            continue;
        }
        if (!best || p->level > best->level)
            best = p;
    }
    return best ? best : weak;
}

const sr_geo_place *sr_geo_doc_focus(const sr_geo_doc *d)
{
    return d->has_focus ? &d->focus : NULL;
}

const char *sr_geo_doc_focus_country(const sr_geo_doc *d)
{
    return d->focus_cc[0] ? d->focus_cc : NULL;
}

/* What a country or admin1 area stands for in this document: its most
 * voted place more specific than itself, or p. */
static const sr_geo_place *refine(const sr_geo_doc *d, const sr_geo_place *p)
{
    if (p->level != SR_GEO_LEVEL_COUNTRY && p->level != SR_GEO_LEVEL_ADMIN1)
        return p;
    for (size_t i = 0; i < d->nvoted; i++) {
        const sr_geo_place *q = &d->voted[i];
        if (q->level > p->level && !strcmp(q->cc, p->cc) &&
            (p->level == SR_GEO_LEVEL_COUNTRY || !strcmp(q->admin1, p->admin1)))
            return q;
    }
    return p;
}

static int in_actor(const sr_geo_event *ev, const sr_geo_place *p)
{
    for (int k = 0; k < 2; k++)
        if (ev->actor_end[k] > ev->actor_start[k] && p->start < ev->actor_end[k] &&
            ev->actor_start[k] < p->end)
            return 1;
    return 0;
}

/* The best place for the event inside bytes [start, end), or NULL. */
static const sr_geo_place *place_in(const sr_geo_doc *d, const sr_geo_event *ev, size_t start,
                                    size_t end, const sr_geo_place **dateline)
{
    const sr_geo_place *best = NULL, *weak = *dateline;
    float bs = -1e9f;
    for (size_t i = first_from(d, start); i < d->nall; i++) {
        const sr_geo_place *p = &d->all[i];
        if (past_end(d, p, end))
            break;
        /* an actor's words are no location, unless a cue says they are
         * ("attacks in Syria" with Syria as the target) */
        if (p->role != SR_GEO_PLACE || p->start < start || p->end > end ||
            (in_actor(ev, p) && !(p->flags & SR_GEO_F_CUE)))
            continue;
        /* A country named without "in", "across", ... is mostly an actor
         * ("the US and Russia announced"): the focus says more. */
        if (p->level <= SR_GEO_LEVEL_COUNTRY && !(p->flags & SR_GEO_F_CUE) &&
            d->focus_cc[0] && strcmp(p->cc, d->focus_cc))
            continue;
        /* "Al-Quds hospital" in a story about Aleppo: an institution named
         * after a foreign place says nothing of where this happened */
        if ((p->flags & SR_GEO_F_MODIFIER) && d->focus_cc[0] && strcmp(p->cc, d->focus_cc))
            continue;
        const sr_geo_place *q = refine(d, p);
        if (p->flags & SR_GEO_F_DATELINE) {
            if (!weak || q->level > weak->level)
                weak = *dateline = q;
            continue;
        }
        float sc = (float)q->level;
        if (d->focus_cc[0] && !strcmp(q->cc, d->focus_cc))
            sc += 2.5f;
        if (p->flags & SR_GEO_F_MODIFIER)
            sc -= 2.0f;
        /* nearness to the event's word decides between places alike */
        size_t dist = p->start >= ev->verb ? p->start - ev->verb
                      : p->end <= ev->verb ? ev->verb - p->end : 0;
        sc -= (dist < 400 ? (float)dist : 400.0f) / 1000.0f;
        if (sc > bs) {
            bs = sc;
            best = q;
        }
    }
    return best;
}

const sr_geo_place *sr_geo_doc_event_place(const sr_geo_doc *d, const sr_geo_event *ev)
{
    const sr_geo_place *p = NULL, *weak = NULL;
    if (ev->clause_end > ev->clause_start)
        p = place_in(d, ev, ev->clause_start, ev->clause_end, &weak);
    if (!p && ev->sent_end > ev->sent_start)
        p = place_in(d, ev, ev->sent_start, ev->sent_end, &weak);
    /* a dateline says where the reporter was: the last resort */
    if (!p)
        p = sr_geo_doc_focus(d);
    return p ? p : weak;
}

const sr_geo_place *sr_geo_doc_event_location(const sr_geo_doc *d, size_t clause_start,
                                              size_t clause_end, size_t sent_start,
                                              size_t sent_end)
{
    sr_geo_event ev;
    memset(&ev, 0, sizeof ev);
    ev.clause_start = clause_start;
    ev.clause_end = clause_end;
    ev.sent_start = sent_start;
    ev.sent_end = sent_end;
    return sr_geo_doc_event_place(d, &ev);
}

static int put_common(const sr_geo_place *p, sr_buf *b)
{
    int rc = sr_buf_puts(b, "\"lat\":");
    rc |= sr_buf_put_fixed(b, p->lat, 5);
    rc |= sr_buf_puts(b, ",\"lon\":");
    rc |= sr_buf_put_fixed(b, p->lon, 5);
    rc |= sr_buf_puts(b, ",\"country\":");
    rc |= sr_json_str(b, p->cc, strlen(p->cc));
    rc |= sr_buf_puts(b, ",\"admin1\":");
    rc |= sr_json_str(b, p->admin1, strlen(p->admin1));
    return rc;
}

int sr_geo_place_json(const sr_geo_place *p, sr_buf *b)
{
    int rc = sr_buf_puts(b, "{\"start\":");
    rc |= sr_buf_put_u64(b, p->start);
    rc |= sr_buf_puts(b, ",\"end\":");
    rc |= sr_buf_put_u64(b, p->end);
    rc |= sr_buf_puts(b, ",\"text\":");
    rc |= sr_json_str(b, p->text, p->end - p->start);
    rc |= sr_buf_puts(b, ",\"name\":");
    rc |= sr_json_str(b, p->name, strlen(p->name));
    rc |= sr_buf_putc(b, ',');
    rc |= put_common(p, b);
    if (p->geonameid) {
        rc |= sr_buf_puts(b, ",\"geonameid\":");
        rc |= sr_buf_put_u64(b, p->geonameid);
    } else if (p->supp_id) {
        rc |= sr_buf_puts(b, ",\"geonameid\":null,\"supplement\":\"S");
        rc |= sr_buf_put_u64(b, p->supp_id);
        rc |= sr_buf_putc(b, '"');
    } else {
        rc |= sr_buf_puts(b, ",\"geonameid\":null");
    }
    char feat[16];
    size_t fl = 0;
    feat[fl++] = p->fclass ? p->fclass : '?';
    feat[fl++] = '.';
    for (size_t i = 0; i < sizeof p->fcode && p->fcode[i]; i++)
        feat[fl++] = p->fcode[i];
    rc |= sr_buf_puts(b, ",\"feature\":");
    rc |= sr_json_str(b, feat, fl);
    if (p->role == SR_GEO_DEMONYM)
        rc |= sr_buf_puts(b, ",\"role\":\"demonym\"");
    else if (p->role == SR_GEO_ORGNAME)
        rc |= sr_buf_puts(b, ",\"role\":\"orgname\"");
    rc |= sr_buf_puts(b, ",\"conf\":");
    rc |= sr_buf_put_fixed(b, p->conf, 2);
    rc |= sr_buf_putc(b, '}');
    return rc ? SR_ENOMEM : SR_OK;
}

int sr_geo_location_json(const sr_geo_place *p, sr_buf *b)
{
    if (!p)
        return sr_buf_puts(b, "null") ? SR_ENOMEM : SR_OK;
    int rc = sr_buf_puts(b, "{\"name\":");
    rc |= sr_json_str(b, p->name, strlen(p->name));
    rc |= sr_buf_putc(b, ',');
    rc |= put_common(p, b);
    rc |= sr_buf_putc(b, '}');
    return rc ? SR_ENOMEM : SR_OK;
}
