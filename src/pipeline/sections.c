/*
 * sections.c - a long document coded section by section (sr_pipeline.h,
 * "long documents").
 *
 * Each section is coded as a document of its own in an arena of its own,
 * which is reset before the next: the stages' work (tokens, the facts'
 * and places' tables, parses) never holds more than one section, and
 * whatever a stage looks across stays within a section, so time and
 * memory grow with the document, not faster.  A section's record is then
 * moved into the whole document's terms (spans in bytes of the whole
 * text, indices counted from its start) and handed on: to the caller,
 * one section at a time, or joined into one record.
 */
#include <string.h>

#include "pipeline_int.h"

/* ---- where to cut ---------------------------------------------------------- */

/* The end of a blank line in t[from..to): just past the second '\n' of
 * "\n[ \t\r]*\n", or 0. */
static size_t blank_line(const char *t, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (t[i] != '\n')
            continue;
        size_t j = i + 1;
        while (j < to && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
            j++;
        if (j < to && t[j] == '\n')
            return j + 1;
        i = j - 1;
    }
    return 0;
}

/* Just past the first byte of t[from..to) that `ok` accepts, or 0. */
static size_t after_first(const char *t, size_t from, size_t to, int (*ok)(const char *t, size_t i))
{
    for (size_t i = from; i < to; i++)
        if (ok(t, i))
            return i + 1;
    return 0;
}

static int is_newline(const char *t, size_t i) { return t[i] == '\n'; }

static int ends_sentence(const char *t, size_t i)
{
    return (t[i] == ' ' || t[i] == '\n') && i > 0 &&
           (t[i - 1] == '.' || t[i - 1] == '?' || t[i - 1] == '!');
}

static int is_space(const char *t, size_t i) { return t[i] == ' ' || t[i] == '\t'; }

size_t pl_section_end(const char *t, size_t len, size_t from, size_t size)
{
    /* The rest in one piece when it is not much more than a section:
     * no short last section. */
    if (len - from <= size + size / 2)
        return len;
    /* A paragraph break, else a line break, a sentence's end, a space,
     * within half a section after the size; each look is bounded, so
     * finding every cut is linear in the document. */
    size_t want = from + size, to = want + size / 2, cut;
    if ((cut = blank_line(t, want, to)) || (cut = after_first(t, want, to, is_newline)) ||
        (cut = after_first(t, want, to, ends_sentence)) ||
        (cut = after_first(t, want, to, is_space)))
        return cut;
    /* Half a section without a space: a word is never cut, however long
     * (the text stage keeps it one token); the next section starts after
     * it, so no byte is looked at twice. */
    for (size_t i = to; i < len; i++)
        if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n')
            return i + 1;
    return len;
}

/* ---- one section in the document's terms --------------------------------- */

/* Where a section's items start in the document's lists. */
typedef struct bases {
    size_t off;               /* bytes */
    size_t sentence, event, place, count;
} bases;

static void shift_span(size_t *s, size_t *e, size_t off)
{
    *s += off;
    *e += off;
}

/* Moves d (a section's record, in its arena) into the document's terms. */
static void to_document(sr_doc_record *d, const sr_doc *doc, const bases *b)
{
    pl_doc_fields(d, doc);
    for (size_t i = 0; i < d->nsentences; i++) {
        sr_sentence_record *s = (sr_sentence_record *)&d->sentences[i];
        shift_span(&s->start, &s->end, b->off);
    }
    for (size_t i = 0; i < d->nboilerplate; i++) {
        sr_boiler_record *s = (sr_boiler_record *)&d->boilerplate[i];
        shift_span(&s->start, &s->end, b->off);
    }
    for (size_t i = 0; i < d->nplaces; i++) {
        sr_place_record *p = (sr_place_record *)&d->places[i];
        shift_span(&p->start, &p->end, b->off);
    }
    for (size_t i = 0; i < d->ncounts; i++) {
        sr_count_record *c = (sr_count_record *)&d->counts[i];
        shift_span(&c->start, &c->end, b->off);
        shift_span(&c->trigger_start, &c->trigger_end, b->off);
        if (c->part_of >= 0)
            c->part_of += (long)b->count;
    }
    for (size_t i = 0; i < d->nevents; i++) {
        sr_event_record *e = (sr_event_record *)&d->events[i];
        e->sentence += b->sentence;
        shift_span(&e->verb_start, &e->verb_end, b->off);
        if (e->source.text)
            shift_span(&e->source.start, &e->source.end, b->off);
        if (e->target.text)
            shift_span(&e->target.start, &e->target.end, b->off);
        if (e->date.kind == SR_DATE_TEXT)
            shift_span(&e->date.start, &e->date.end, b->off);
        if (e->attribution.present)
            shift_span(&e->attribution.start, &e->attribution.end, b->off);
        if (e->place >= 0)
            e->place += (long)b->place;
        else if (e->location) /* a place of its own, not one of the list */
            shift_span((size_t *)&e->location->start, (size_t *)&e->location->end, b->off);
    }
    if (d->primary >= 0)
        d->primary += (long)b->event;
}

/* The label of a document coded in sections: the first section's with a
 * main event, else the first label at all. */
static void take_label(sr_doc_record *total, const sr_doc_record *d, int *have_primary)
{
    if (!*have_primary && d->primary >= 0) {
        total->primary = d->primary;
        total->acled = d->acled;
        *have_primary = 1;
    } else if (!*have_primary && !total->acled) {
        total->acled = d->acled;
    }
}

/* Calls fn with each section's record in the document's terms, and the
 * section's result and arena (valid until fn returns). */
typedef int (*piece_fn)(void *ctx, const sr_doc_record *d, const sr_result *r, sr_arena *wa);

static int run(const sr_pipeline *p, const sr_stream_state *st, const sr_doc *doc, piece_fn fn,
               void *ctx, sr_doc_record *total, sr_error *err)
{
    memset(total, 0, sizeof *total);
    pl_doc_fields(total, doc);
    total->primary = -1;
    sr_arena *wa = sr_arena_new();
    if (!wa)
        return sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
    bases b = {0, 0, 0, 0, 0};
    int have_primary = 0, rc = SR_OK;
    for (;;) {
        size_t end = pl_section_end(doc->text, doc->text_len, b.off, SR_SECTION_BYTES);
        sr_doc sec = *doc;
        sec.text = doc->text + b.off;
        sec.text_len = end - b.off;
        /* The title repeats at the top of the text, if anywhere. */
        if (b.off) {
            sec.title = NULL;
            sec.title_len = 0;
            sec.title_in_text = 0;
        }
        sr_arena_reset(wa);
        sr_result *r;
        /* Never forwarding actors: a section is no TABARI record of a story. */
        if ((rc = pl_code_piece(p, st, wa, &sec, NULL, NULL, &r, err)))
            break;
        sr_doc_record *d = r->rec;
        to_document(d, doc, &b);
        take_label(total, d, &have_primary);
        total->geoparsed = d->geoparsed;
        total->nsentences += d->nsentences;
        total->nboilerplate += d->nboilerplate;
        total->ntokens += d->ntokens;
        total->nevents += d->nevents;
        total->nplaces += d->nplaces;
        total->ncounts += d->ncounts;
        if ((rc = fn(ctx, d, r, wa)))
            break;
        b.sentence += d->nsentences;
        b.event += d->nevents;
        b.place += d->nplaces;
        b.count += d->ncounts;
        b.off = end;
        if (end >= doc->text_len)
            break;
    }
    sr_arena_free(wa);
    return rc;
}

typedef struct user_fn {
    sr_section_fn fn;
    void *ctx;
} user_fn;

static int call_user(void *ctx, const sr_doc_record *d, const sr_result *r, sr_arena *wa)
{
    (void)r;
    (void)wa;
    const user_fn *u = ctx;
    return u->fn(u->ctx, d);
}

int sr_pipeline_code_sections(const sr_pipeline *p, const sr_stream_state *st, const sr_doc *doc,
                              sr_section_fn fn, void *ctx, sr_doc_record *total, sr_error *err)
{
    user_fn u = {fn, ctx};
    return run(p, st, doc, call_user, &u, total, err);
}

/* ---- the sections joined into one record ---------------------------------- */

typedef struct joined {
    sr_arena *a;              /* the document's */
    sr_vec sentences, boiler, events, places, counts; /* records */
    sr_vec ev, ev_sentence;   /* sr_event, size_t: for sr_result_events */
} joined;

/* A string of the section's arena wa, copied into a; others (the
 * dictionaries', the gazetteer's, the document's, constants) stay. */
static int keep(sr_arena *a, sr_arena *wa, const char **s)
{
    if (*s && sr_arena_owns(wa, *s) && !(*s = sr_arena_strndup(a, *s, strlen(*s))))
        return SR_ENOMEM;
    return SR_OK;
}

/* A place's strings: the gazetteer's, or (the country code) the
 * section's. */
static int keep_place(sr_arena *a, sr_arena *wa, sr_place_record *pl)
{
    return keep(a, wa, &pl->name) || keep(a, wa, &pl->country) ||
           keep(a, wa, &pl->country_name) || keep(a, wa, &pl->admin1);
}

/* Appends n items of `size` bytes to v. */
static void *append(sr_vec *v, sr_arena *a, const void *items, size_t n, size_t size)
{
    void *first = NULL;
    for (size_t i = 0; i < n; i++) {
        void *o = sr_vec_push(v, a, size);
        if (!o)
            return NULL;
        memcpy(o, (const char *)items + i * size, size);
        if (!i)
            first = o;
    }
    return first ? first : v->items;
}

static int join(void *ctx, const sr_doc_record *d, const sr_result *r, sr_arena *wa)
{
    joined *j = ctx;
    sr_arena *a = j->a;
    if ((d->nsentences && !append(&j->sentences, a, d->sentences, d->nsentences,
                                  sizeof *d->sentences)) ||
        (d->nboilerplate &&
         !append(&j->boiler, a, d->boilerplate, d->nboilerplate, sizeof *d->boilerplate)))
        return SR_ENOMEM;
    for (size_t i = 0; i < d->nplaces; i++) {
        sr_place_record *pl = sr_vec_push(&j->places, a, sizeof *pl);
        if (!pl)
            return SR_ENOMEM;
        *pl = d->places[i];
        if (keep_place(a, wa, pl))
            return SR_ENOMEM;
    }
    for (size_t i = 0; i < d->ncounts; i++) {
        sr_count_record *c = sr_vec_push(&j->counts, a, sizeof *c);
        if (!c)
            return SR_ENOMEM;
        *c = d->counts[i];
        if (keep(a, wa, &c->people))
            return SR_ENOMEM;
    }
    for (size_t i = 0; i < d->nevents; i++) {
        sr_event_record *e = sr_vec_push(&j->events, a, sizeof *e);
        if (!e)
            return SR_ENOMEM;
        *e = d->events[i];
        if (keep(a, wa, &e->source.code) || keep(a, wa, &e->source.text) ||
            keep(a, wa, &e->target.code) || keep(a, wa, &e->target.text) ||
            keep(a, wa, &e->code) || keep(a, wa, &e->pattern) ||
            keep(a, wa, &e->attribution.code))
            return SR_ENOMEM;
        /* A listed place is pointed at once the list is whole
         * (pl_code_joined); a place of its own is copied. */
        if (e->place < 0 && e->location) {
            sr_place_record *own = sr_arena_alloc(a, sizeof *own);
            if (!own)
                return SR_ENOMEM;
            *own = *e->location;
            if (keep_place(a, wa, own))
                return SR_ENOMEM;
            e->location = own;
        }
    }
    /* The coder's events, for sr_result_events, in the document's terms
     * too.  A new span field of sr_event needs its shift here. */
    const sr_event *ev = r->events.items;
    const size_t *es = r->event_sentence.items;
    /* r->doc is the section: its text starts b bytes into the document's */
    size_t s0 = j->sentences.len - d->nsentences, b = (size_t)(r->doc->text - d->text);
    for (size_t i = 0; i < r->events.len; i++) {
        sr_event *e = sr_vec_push(&j->ev, a, sizeof *e);
        size_t *s = sr_vec_push(&j->ev_sentence, a, sizeof *s);
        if (!e || !s)
            return SR_ENOMEM;
        *e = ev[i];
        *s = es[i] + s0;
        if (keep(a, wa, &e->source) || keep(a, wa, &e->target) || keep(a, wa, &e->code) ||
            keep(a, wa, &e->source_text) || keep(a, wa, &e->target_text) ||
            keep(a, wa, &e->pattern))
            return SR_ENOMEM;
        shift_span(&e->source_start, &e->source_end, b);
        shift_span(&e->target_start, &e->target_end, b);
        shift_span(&e->verb_start, &e->verb_end, b);
        shift_span(&e->shift_start, &e->shift_end, b);
    }
    return SR_OK;
}

int pl_code_joined(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                   const sr_doc *doc, sr_result **out, sr_error *err)
{
    joined j;
    memset(&j, 0, sizeof j);
    j.a = a;
    sr_result *r = sr_arena_calloc(a, 1, sizeof *r);
    sr_doc_record *d = sr_arena_alloc(a, sizeof *d);
    if (!r || !d)
        return sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
    int rc = run(p, st, doc, join, &j, d, err);
    if (rc == SR_ENOMEM)
        return sr_error_set(err, rc, doc->file, doc->line, 0, "out of memory");
    if (rc)
        return rc;
    d->sentences = j.sentences.items;
    d->boilerplate = j.boiler.items;
    d->events = j.events.items;
    d->places = j.places.items;
    d->counts = j.counts.items;
    sr_event_record *ev = j.events.items;
    for (size_t i = 0; i < j.events.len; i++)
        if (ev[i].place >= 0)
            ev[i].location = &d->places[ev[i].place];
    r->doc = doc;
    r->events = j.ev;
    r->event_sentence = j.ev_sentence;
    r->primary = (int)d->primary;
    r->acled = d->acled;
    r->rec = d;
    *out = r;
    return SR_OK;
}
