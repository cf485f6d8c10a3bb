/*
 * render.c - the JSON and TSV writers.  They read only the document
 * record (sr_doc_record), so what a consumer of the record sees and what
 * `sitrep code` prints cannot drift apart.  Numbers and strings are
 * written by hand (sr_*_raw, sr_json_str_raw): printf's format parsing
 * cost more than the rest of the pipeline's output put together.
 */
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sr_pipeline.h"

/* The JSON writer: a cursor into room reserved in the buffer, so that a
 * piece costs a compare and a copy; the buffer grows (rarely) through
 * jw_grow.  After a failed growth nothing more is written and the record
 * reports SR_ENOMEM. */
typedef struct jw {
    sr_buf *b;
    char *o, *end;          /* cursor; end of the room (the NUL's byte kept) */
    int err;
} jw;

#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int jw_grow(jw *w, size_t n)
{
    if (w->err)
        return 0;
    w->b->len = (size_t)(w->o - w->b->data);
    /* Whole records at a time: room for this piece and the next few. */
    if (n > SIZE_MAX / 2 - 4096 || sr_buf_reserve(w->b, 2 * n + 4096)) {
        w->err = 1;
        return 0;
    }
    w->o = w->b->data + w->b->len;
    w->end = w->b->data + w->b->cap - 1;
    return 1;
}

static inline int room(jw *w, size_t n) { return (size_t)(w->end - w->o) >= n || jw_grow(w, n); }

/* Pieces of a bounded size -- literals, characters, integers, short
 * plain strings (put_str) -- are written without a test of their own:
 * every item of a list (and the head, and every list's opening) starts by
 * making sure of JW_SLACK bytes, and every piece of unbounded size (other
 * strings, copies, fixed-point numbers) keeps JW_SLACK bytes free after
 * itself, so the bounded pieces between two tests -- under 3,000 bytes in
 * the largest item, an event -- always have room.  After a failed growth
 * the room is still there (the output is dropped: jw_done reports
 * SR_ENOMEM). */
enum { JW_SLACK = 4096 };

static inline int item_room(jw *w) { return room(w, JW_SLACK); }

static inline void put(jw *w, const char *s, size_t n)
{
    if (n <= SIZE_MAX - JW_SLACK && room(w, n + JW_SLACK)) {
        memcpy(w->o, s, n);
        w->o += n;
    }
}

/* A literal: bounded, unchecked (see JW_SLACK). */
#define LIT(lit) (memcpy(w->o, "" lit, sizeof(lit) - 1), w->o += sizeof(lit) - 1)

static inline void putc_(jw *w, char c) { *w->o++ = c; }

static inline __attribute__((always_inline)) void jstr(jw *w, const char *s, size_t n)
{
    if (n > (SIZE_MAX - 2 - JW_SLACK) / 6) {
        w->err = 1;
        return;
    }
    if (room(w, 6 * n + 2 + JW_SLACK))
        w->o = sr_json_str_raw(w->o, s, n);
}

/* A NUL-terminated string.  The short ones of plain bytes (codes,
 * labels, names: nearly all) are copied in the pass that finds their
 * end, with no call; the others are measured and written from the
 * start again. */
enum { CSTR_FAST = 32 };
#if defined(__SSE2__)
/* Sixteen bytes at a time: a load may read past the string's NUL (as
 * strlen's own do), never past the page that holds its first byte, so it
 * cannot fault; the bytes after the NUL are not used.  The address
 * sanitizer would flag those reads: they are left out of its view. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PUT_STR_NOSAN __attribute__((no_sanitize_address))
#endif
#endif
#if !defined(PUT_STR_NOSAN) && defined(__SANITIZE_ADDRESS__)
#define PUT_STR_NOSAN __attribute__((no_sanitize_address))
#endif
#ifndef PUT_STR_NOSAN
#define PUT_STR_NOSAN
#endif
/* Copies s and its closing quote to o when s is at most CSTR_FAST plain
 * bytes (sr_json_plain) and returns the end; else NULL, and o's bytes are
 * to be overwritten. */
static inline PUT_STR_NOSAN char *put_str16(char *o, const char *s)
{
    if (((uintptr_t)s & 4095) > 4096 - CSTR_FAST)
        return NULL;
    const __m128i q = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'), sp = _mm_set1_epi8(' ');
    for (int k = 0; k < CSTR_FAST; k += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
        _mm_storeu_si128((__m128i *)(void *)(o + k), x);
        /* a byte below ' ' (the NUL among them) or from 0x80 up (signed),
         * a quote or a backslash */
        unsigned bad = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_cmplt_epi8(x, sp), _mm_or_si128(_mm_cmpeq_epi8(x, q), _mm_cmpeq_epi8(x, bs))));
        if (bad) {
            unsigned i = (unsigned)__builtin_ctz(bad);
            if (s[k + i])
                return NULL;
            o[k + i] = '"';
            return o + k + i + 1;
        }
    }
    return NULL;
}
#endif

/* The quoted string s at o when it is at most CSTR_FAST plain bytes,
 * returning the end; else NULL (o's bytes are then written over).  Out
 * of line: written at some thirty places of an item, inlined it made the
 * writer's code twice the instruction cache's worth, fetched again for
 * every document. */
static __attribute__((noinline)) char *put_str_fast(char *o, const char *s)
{
    *o++ = '"';
#if defined(__SSE2__)
    return put_str16(o, s);
#else
    for (size_t i = 0; i < CSTR_FAST; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!sr_json_plain[c]) {
            if (c)
                return NULL;
            o[i] = '"';
            return o + i + 1;
        }
        o[i] = (char)c;
    }
    return NULL;
#endif
}

static __attribute__((noinline)) void put_str_slow(jw *w, const char *s)
{
    jstr(w, s, strlen(s));
}

/* A short string of plain bytes is a bounded piece (at most CSTR_FAST + 2
 * bytes, under 40 of them in the largest item), written with no test of
 * room (see JW_SLACK); a longer one, or one to escape, goes to jstr, which
 * tests.  The bytes the fast path wrote before it gave up lie in the
 * slack and are written over. */
static inline __attribute__((always_inline)) void put_str(jw *w, const char *s)
{
    char *e = put_str_fast(w->o, s);
    if (__builtin_expect(e != NULL, 1))
        w->o = e;
    else
        put_str_slow(w, s);
}

static inline __attribute__((always_inline)) void put_str_or_null(jw *w, const char *s)
{
    if (s)
        put_str(w, s);
    else
        LIT("null");
}

static void put_bool(jw *w, int v)
{
    if (v)
        LIT("true");
    else
        LIT("false");
}

static inline void put_u64(jw *w, uint64_t v) { w->o = sr_u64_raw(w->o, v); }

static inline void put_i64(jw *w, int64_t v) { w->o = sr_i64_raw(w->o, v); }

/* Fixed-point numbers written lately, per thread: coordinates and
 * confidences come back (a place is named again, in this document or the
 * next), and a copy costs a fraction of the formatting.  Keyed by the
 * double's bits and the decimals, so equal keys write equal bytes; a
 * bounded table, overwritten as it goes. */
enum { FIXED_SLOTS = 256, FIXED_TEXT = 24 };
typedef struct fixed_memo {
    uint64_t bits;
    int decimals;            /* -1: empty */
    unsigned len;
    char text[FIXED_TEXT];
} fixed_memo;
static _Thread_local fixed_memo fixed_cache[FIXED_SLOTS];
static _Thread_local int fixed_ready;

/* up to SR_FIXED_ROOM bytes (printf's form of a huge value): checked */
static inline void put_fixed(jw *w, double x, int decimals)
{
    if (!room(w, SR_FIXED_ROOM + JW_SLACK))
        return;
    if (!fixed_ready) {
        for (size_t i = 0; i < FIXED_SLOTS; i++)
            fixed_cache[i].decimals = -1;
        fixed_ready = 1;
    }
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    fixed_memo *f = &fixed_cache[(((bits * 0x9e3779b97f4a7c15ull) >> 56) ^ (unsigned)decimals) %
                                 FIXED_SLOTS];
    if (f->bits == bits && f->decimals == decimals) {
        /* the whole slot: bounded, and the slack after w->o holds it */
        memcpy(w->o, f->text, FIXED_TEXT);
        w->o += f->len;
        return;
    }
    char *start = w->o;
    w->o = sr_fixed_raw(w->o, x, decimals);
    size_t n = (size_t)(w->o - start);
    if (n <= FIXED_TEXT) {
        memcpy(f->text, start, n);
        f->len = (unsigned)n;
        f->bits = bits;
        f->decimals = decimals;
    }
}

/* "\"start\":S,\"end\":E" at o, returning the end.  (Out of line for
 * the code's size, as put_str_fast.) */
static __attribute__((noinline)) char *span_raw(char *o, size_t s, size_t e)
{
    memcpy(o, "\"start\":", 8);
    o = sr_u64_raw(o + 8, s);
    memcpy(o, ",\"end\":", 7);
    return sr_u64_raw(o + 7, e);
}

static inline void put_span(jw *w, size_t s, size_t e) { w->o = span_raw(w->o, s, e); }

static inline __attribute__((always_inline)) void put_actor(jw *w, const sr_actor_record *a)
{
    if (!a->code) {
        LIT("null");
        return;
    }
    LIT("{\"code\":");
    put_str(w, a->code);
    LIT(",\"text\":");
    if (a->text) {
        put_str(w, a->text);
        putc_(w, ',');
        put_span(w, a->start, a->end);
    } else {
        LIT("null");
    }
    putc_(w, '}');
}

static void put_cameo_fields(jw *w, const sr_event_record *e)
{
    LIT(",\"name\":");
    put_str(w, e->name);
    LIT(",\"goldstein\":");
    put_fixed(w, e->goldstein, 1);
    LIT(",\"quadclass\":");
    put_i64(w, e->quadclass);
    LIT(",\"plover\":");
    put_str_or_null(w, e->plover);
    LIT(",\"plover_mode\":");
    put_str_or_null(w, e->plover_mode);
    LIT(",\"acled\":");
    put_str_or_null(w, e->acled);
}

/* The CAMEO fields of an event come from a static table row: each thread
 * keeps the JSON of the rows it wrote last, keyed by the row's strings
 * (static, so their addresses never name anything else) and checked field
 * by field, so a row is written once and copied after. */
enum { CAMEO_SLOTS = 64, CAMEO_FRAG = 224 };
typedef struct cameo_frag {
    const char *name, *plover, *plover_mode, *acled;
    double goldstein;
    int quadclass;
    unsigned len;            /* 0: empty */
    char json[CAMEO_FRAG];
} cameo_frag;
static _Thread_local cameo_frag cameo_cache[CAMEO_SLOTS];

static void put_cameo(jw *w, const sr_event_record *e)
{
    if (!e->has_cameo) {
        LIT(",\"name\":null,\"goldstein\":null,\"quadclass\":null,"
            "\"plover\":null,\"plover_mode\":null,\"acled\":null");
        return;
    }
    cameo_frag *f = &cameo_cache[((uintptr_t)e->name >> 3) % CAMEO_SLOTS];
    if (f->len && f->name == e->name && f->plover == e->plover &&
        f->plover_mode == e->plover_mode && f->acled == e->acled &&
        f->goldstein == e->goldstein && f->quadclass == e->quadclass) {
        put(w, f->json, f->len);
        return;
    }
    size_t at = (size_t)(w->o - w->b->data);
    put_cameo_fields(w, e);
    size_t n = (size_t)(w->o - w->b->data) - at;
    if (w->err || n > CAMEO_FRAG)
        return;
    memcpy(f->json, w->b->data + at, n);
    f->len = (unsigned)n;
    f->name = e->name;
    f->plover = e->plover;
    f->plover_mode = e->plover_mode;
    f->acled = e->acled;
    f->goldstein = e->goldstein;
    f->quadclass = e->quadclass;
}

static void put_date(jw *w, const sr_date_record *d)
{
    if (d->kind == SR_DATE_NONE) {
        LIT("null");
        return;
    }
    LIT("{\"date\":");
    put_str_or_null(w, d->date[0] ? d->date : NULL);
    LIT(",\"precision\":");
    put_str(w, d->precision);
    if (d->kind == SR_DATE_PUBLICATION) {
        putc_(w, '}');
        return;
    }
    LIT(",\"end\":");
    put_str_or_null(w, d->end_date[0] ? d->end_date : NULL);
    LIT(",\"historical\":");
    put_bool(w, d->historical);
    LIT(",\"since\":");
    put_bool(w, d->since);
    LIT(",\"start\":");
    put_u64(w, d->start);
    LIT(",\"end_byte\":");
    put_u64(w, d->end);
    putc_(w, '}');
}

static void put_attr(jw *w, const sr_attr_record *a)
{
    if (!a->present) {
        LIT("null");
        return;
    }
    LIT("{\"text\":");
    jstr(w, a->text, a->len);
    LIT(",\"code\":");
    put_str_or_null(w, a->code);
    putc_(w, ',');
    put_span(w, a->start, a->end);
    LIT(",\"cue\":");
    put_str(w, a->cue);
    LIT(",\"quoted\":");
    put_bool(w, a->quoted);
    LIT(",\"denial\":");
    put_bool(w, a->denial);
    putc_(w, '}');
}

/* Stated casualties first, then nulls for what was not stated: the order
 * the output has always had. */
static void put_casualties(jw *w, const sr_event_record *e)
{
    if (e->dead >= 0) {
        LIT(",\"dead\":");
        put_i64(w, e->dead);
        LIT(",\"dead_qualifier\":");
        put_str(w, e->dead_qualifier);
    }
    if (e->injured >= 0) {
        LIT(",\"injured\":");
        put_i64(w, e->injured);
        LIT(",\"injured_qualifier\":");
        put_str(w, e->injured_qualifier);
    }
    if (e->dead < 0)
        LIT(",\"dead\":null");
    if (e->injured < 0)
        LIT(",\"injured\":null");
}

/* name, lat, lon, country, admin1: what a place and a location share. */
static void put_where_fields(jw *w, const sr_place_record *p)
{
    LIT("\"name\":");
    put_str(w, p->name);
    LIT(",\"lat\":");
    put_fixed(w, p->lat, 5);
    LIT(",\"lon\":");
    put_fixed(w, p->lon, 5);
    LIT(",\"country\":");
    put_str(w, p->country);
    LIT(",\"admin1\":");
    put_str(w, p->admin1);
}

/* A document names a few places many times over (six mentions in ten
 * repeat one before them in FA-KES), and its events are located at them:
 * the shared fields of each place are written once per record and copied
 * from where the output has them (offsets: the buffer may move).  Keyed
 * by the record's numbers and strings (their contents: one place's name
 * may come as several copies), so equal keys write equal bytes; a full
 * table only stops remembering. */
enum { WHERE_MEMO = 128 };
typedef struct where_memo {
    struct {
        const char *name, *country, *admin1;
        uint64_t lat, lon;   /* the doubles' bits: -0.0 is written apart from 0.0 */
        size_t off, len;
        unsigned gen;        /* the record it was written for: else empty */
    } e[WHERE_MEMO];
    unsigned gen;            /* this record's */
    /* The last event's date and attribution and where their JSON is (len
     * 0: none): the events of a sentence share both, and most events of a
     * document have its publication date.  Records are compared bytewise
     * (they are cleared before they are filled, padding too; a record
     * that was not only fails to match). */
    const sr_date_record *date;
    const sr_attr_record *attr;
    size_t date_off, date_len, attr_off, attr_len;
    /* The last event's location and where its JSON is (len 0: none): the
     * record gives the events located at one listed place the same
     * record, and the events of a sentence mostly share it. */
    const sr_place_record *loc;
    size_t loc_off, loc_len;
} where_memo;

/* Each thread's memo, emptied for a new record by a new generation
 * number, not by clearing every entry (which cost more than the memo's
 * lookups in a record with few places). */
static _Thread_local where_memo memo_tls;

static where_memo *where_memo_start(void)
{
    where_memo *m = &memo_tls;
    if (++m->gen == 0) { /* wrapped: the entries of generation 0 go */
        for (size_t i = 0; i < WHERE_MEMO; i++)
            m->e[i].gen = 0;
        m->gen = 1;
    }
    m->date_len = m->attr_len = m->loc_len = 0;
    return m;
}

/* Copies the JSON written for an equal record before; 0 when there is none. */
static int memo_copy(jw *w, const void *prev, const void *cur, size_t size, size_t off, size_t len)
{
    if (!len || memcmp(prev, cur, size) || !room(w, len + JW_SLACK))
        return 0;
    memcpy(w->o, w->b->data + off, len);
    w->o += len;
    return 1;
}

/* (inline: the strings that differ in address are mostly the two-letter
 * country codes, which every place holds a copy of, where a call to
 * strcmp cost more than the comparing) */
static inline int same_str(const char *a, const char *b)
{
    if (a == b)
        return 1;
    if (!a || !b)
        return 0;
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static void put_where(jw *w, const sr_place_record *p, where_memo *m)
{
    uint64_t lat, lon;
    memcpy(&lat, &p->lat, sizeof lat);
    memcpy(&lon, &p->lon, sizeof lon);
    /* Keyed by the coordinates: the names of one place may be copies
     * (equal strings at other addresses), so they are compared as
     * strings once the coordinates agree. */
    size_t i = (size_t)(((lat ^ (lon >> 7)) * 0x9e3779b97f4a7c15ull) >> 57) % WHERE_MEMO;
    for (size_t probe = 0; probe < WHERE_MEMO; probe++, i = (i + 1) % WHERE_MEMO) {
        if (m->e[i].gen != m->gen)
            break;
        if (m->e[i].lat == lat && m->e[i].lon == lon && same_str(m->e[i].name, p->name) &&
            same_str(m->e[i].country, p->country) && same_str(m->e[i].admin1, p->admin1)) {
            if (room(w, m->e[i].len + JW_SLACK)) {
                memcpy(w->o, w->b->data + m->e[i].off, m->e[i].len);
                w->o += m->e[i].len;
            }
            return;
        }
    }
    size_t at = (size_t)(w->o - w->b->data);
    put_where_fields(w, p);
    if (!w->err && m->e[i].gen != m->gen) {
        m->e[i].gen = m->gen;
        m->e[i].name = p->name;
        m->e[i].country = p->country;
        m->e[i].admin1 = p->admin1;
        m->e[i].lat = lat;
        m->e[i].lon = lon;
        m->e[i].off = at;
        m->e[i].len = (size_t)(w->o - w->b->data) - at;
    }
}

static void put_location(jw *w, const sr_place_record *p, where_memo *m)
{
    if (!p) {
        LIT("null");
        return;
    }
    if (p == m->loc && m->loc_len && room(w, m->loc_len + JW_SLACK)) {
        memcpy(w->o, w->b->data + m->loc_off, m->loc_len);
        w->o += m->loc_len;
        return;
    }
    size_t at = (size_t)(w->o - w->b->data);
    putc_(w, '{');
    put_where(w, p, m);
    putc_(w, '}');
    m->loc = p;
    m->loc_off = at;
    m->loc_len = w->err ? 0 : (size_t)(w->o - w->b->data) - at;
}

static void put_place(jw *w, const sr_place_record *p, where_memo *m)
{
    putc_(w, '{');
    put_span(w, p->start, p->end);
    LIT(",\"text\":");
    jstr(w, p->text, p->end - p->start);
    putc_(w, ',');
    put_where(w, p, m);
    LIT(",\"geonameid\":");
    if (p->geonameid) {
        put_u64(w, p->geonameid);
    } else if (p->supplement) {
        LIT("null,\"supplement\":\"S");
        put_u64(w, p->supplement);
        putc_(w, '"');
    } else {
        LIT("null");
    }
    LIT(",\"feature\":");
    put_str(w, p->feature);
    if (p->role) {
        LIT(",\"role\":");
        put_str(w, p->role);
    }
    LIT(",\"conf\":");
    put_fixed(w, p->conf, 2);
    putc_(w, '}');
}

static void put_count_num(jw *w, int64_t v)
{
    if (v == SR_COUNT_UNBOUNDED)
        LIT("null");
    else
        put_i64(w, v);
}

static void put_count(jw *w, const sr_doc_record *d, const sr_count_record *c)
{
    LIT("{\"type\":");
    put_str(w, c->type);
    LIT(",\"number\":");
    put_count_num(w, c->number);
    LIT(",\"qualifier\":");
    put_str(w, c->qualifier);
    LIT(",\"low\":");
    put_count_num(w, c->low);
    LIT(",\"high\":");
    put_count_num(w, c->high);
    LIT(",\"people\":");
    put_str_or_null(w, c->people);
    putc_(w, ',');
    put_span(w, c->start, c->end);
    LIT(",\"trigger\":");
    jstr(w, d->text + c->trigger_start, c->trigger_end - c->trigger_start);
    LIT(",\"cumulative\":");
    put_bool(w, c->cumulative);
    LIT(",\"part_of\":");
    if (c->part_of < 0)
        LIT("null");
    else
        put_i64(w, c->part_of);
    LIT(",\"negated\":");
    put_bool(w, c->negated);
    LIT(",\"mode\":");
    put_str(w, c->mode);
    putc_(w, '}');
}

static void put_event(jw *w, const sr_doc_record *d, const sr_event_record *e, where_memo *m)
{
    LIT("{\"source\":");
    put_actor(w, &e->source);
    LIT(",\"target\":");
    put_actor(w, &e->target);
    LIT(",\"code\":");
    put_str(w, e->code);
    put_cameo(w, e);
    LIT(",\"sentence\":");
    put_u64(w, e->sentence);
    LIT(",\"verb\":{");
    put_span(w, e->verb_start, e->verb_end);
    LIT(",\"text\":");
    jstr(w, d->text + e->verb_start, e->verb_end - e->verb_start);
    LIT("},\"pattern\":");
    put_str_or_null(w, e->pattern);
    if (e->passive)
        LIT(",\"passive\":true");
    if (e->has_mode) {
        LIT(",\"mode\":");
        put_str(w, e->mode);
        LIT(",\"negated\":");
        put_bool(w, e->negated);
    }
    LIT(",\"event_date\":");
    if (!memo_copy(w, m->date, &e->date, sizeof e->date, m->date_off, m->date_len)) {
        size_t at = (size_t)(w->o - w->b->data);
        put_date(w, &e->date);
        m->date = &e->date;
        m->date_off = at;
        m->date_len = w->err ? 0 : (size_t)(w->o - w->b->data) - at;
    }
    LIT(",\"attribution\":");
    if (!e->attribution.present) {
        LIT("null");
    } else if (!memo_copy(w, m->attr, &e->attribution, sizeof e->attribution, m->attr_off,
                          m->attr_len)) {
        size_t at = (size_t)(w->o - w->b->data);
        put_attr(w, &e->attribution);
        m->attr = &e->attribution;
        m->attr_off = at;
        m->attr_len = w->err ? 0 : (size_t)(w->o - w->b->data) - at;
    }
    put_casualties(w, e);
    if (d->geoparsed) {
        LIT(",\"location\":");
        put_location(w, e->location, m);
    }
    putc_(w, '}');
}

/* ---- the record, list by list ---------------------------------------------
 *
 * sr_record_json is these pieces in a row; a document coded in sections
 * (sr_pipeline_code_sections) is written with the same pieces as its
 * sections come, so both write the same bytes. */

static void head(jw *w, const sr_doc_record *d)
{
    if (!item_room(w))
        return;
    LIT("{\"id\":");
    put_str(w, d->id);
    LIT(",\"date\":");
    put_str_or_null(w, d->date);
    LIT(",\"title\":");
    if (d->title)
        jstr(w, d->title, d->title_len);
    else
        LIT("null");
    LIT(",\"sentences\":[");
}

/* The opening of an item of a list and its span: a comma before every
 * item but the document's first (index: the item's in the whole list). */
static void span_item(jw *w, size_t index, size_t start, size_t end)
{
    if (index)
        LIT(",{");
    else
        putc_(w, '{');
    put_span(w, start, end);
}

/* The items of one list of d; `first` is the first one's index in the
 * whole document (a comma goes before every item but the document's first). */
static void items(jw *w, const sr_doc_record *d, int list, size_t first, where_memo *memo)
{
    switch (list) {
    case SR_LIST_SENTENCES:
        for (size_t i = 0; i < d->nsentences; i++) {
            const sr_sentence_record *s = &d->sentences[i];
            if (!item_room(w))
                return;
            span_item(w, first + i, s->start, s->end);
            LIT(",\"text\":");
            jstr(w, d->text + s->start, s->end - s->start);
            putc_(w, '}');
        }
        break;
    case SR_LIST_BOILERPLATE:
        for (size_t i = 0; i < d->nboilerplate; i++) {
            const sr_boiler_record *s = &d->boilerplate[i];
            if (!item_room(w))
                return;
            span_item(w, first + i, s->start, s->end);
            LIT(",\"rule\":");
            put_str(w, s->rule);
            putc_(w, '}');
        }
        break;
    case SR_LIST_EVENTS:
        for (size_t i = 0; i < d->nevents; i++) {
            if (!item_room(w))
                return;
            if (first + i)
                putc_(w, ',');
            put_event(w, d, &d->events[i], memo);
        }
        break;
    case SR_LIST_PLACES:
        for (size_t i = 0; i < d->nplaces; i++) {
            if (!item_room(w))
                return;
            if (first + i)
                putc_(w, ',');
            put_place(w, &d->places[i], memo);
        }
        break;
    case SR_LIST_COUNTS:
        for (size_t i = 0; i < d->ncounts; i++) {
            if (!item_room(w))
                return;
            if (first + i)
                putc_(w, ',');
            put_count(w, d, &d->counts[i]);
        }
        break;
    default:
        break;
    }
}

/* From the end of the list before `list` to the start of `list`'s items
 * (SR_LIST_END: the end of the record). */
static void open_list(jw *w, const sr_doc_record *d, int list)
{
    if (!item_room(w))
        return;
    switch (list) {
    case SR_LIST_BOILERPLATE:
        LIT("],\"boilerplate\":[");
        break;
    case SR_LIST_EVENTS:
        LIT("],\"events\":[");
        break;
    case SR_LIST_PLACES:
        LIT("],\"primary\":");
        if (d->primary >= 0)
            put_i64(w, d->primary);
        else
            LIT("null");
        LIT(",\"acled\":");
        put_str_or_null(w, d->acled);
        LIT(",\"places\":[");
        break;
    case SR_LIST_COUNTS:
        LIT("],\"counts\":[");
        break;
    case SR_LIST_END:
        LIT("]}");
        break;
    default:
        break;
    }
}

static int jw_done(jw *w)
{
    sr_buf *b = w->b;
    if (w->err) {
        if (b->data)
            b->data[b->len] = 0;
        return SR_ENOMEM;
    }
    b->len = (size_t)(w->o - b->data);
    b->data[b->len] = 0;
    return SR_OK;
}

/* A writer over room for at least n bytes, or NULL. */
static jw *jw_start(jw *w, sr_buf *b, size_t n)
{
    *w = (jw){b, NULL, NULL, 0};
    if (sr_buf_reserve(b, n))
        return NULL;
    w->o = b->data + b->len;
    w->end = b->data + b->cap - 1;
    return w;
}

int sr_record_json(const sr_doc_record *d, sr_buf *b)
{
    /* Most of a document's output is its text again, once in the
     * sentences: room for that up front saves most regrowing. */
    jw wr, *w = jw_start(&wr, b, d->text_len + d->text_len / 2 + 1024);
    if (!w)
        return SR_ENOMEM;
    /* Events come before places: a place's shared fields, written for
     * the first event located there, are copied after (within one buffer). */
    where_memo *memo = where_memo_start();
    head(w, d);
    for (int list = SR_LIST_SENTENCES; list < SR_LIST_END; list++) {
        if (list != SR_LIST_SENTENCES)
            open_list(w, d, list);
        items(w, d, list, 0, memo);
    }
    open_list(w, d, SR_LIST_END);
    return jw_done(w);
}

int sr_record_json_head(const sr_doc_record *d, sr_buf *b)
{
    jw wr, *w = jw_start(&wr, b, 4096);
    if (!w)
        return SR_ENOMEM;
    head(w, d);
    return jw_done(w);
}

int sr_record_json_items(const sr_doc_record *d, int list, size_t first, sr_buf *b)
{
    jw wr, *w = jw_start(&wr, b, 4096);
    if (!w)
        return SR_ENOMEM;
    items(w, d, list, first, where_memo_start());
    return jw_done(w);
}

int sr_record_json_open(const sr_doc_record *d, int list, sr_buf *b)
{
    jw wr, *w = jw_start(&wr, b, 256);
    if (!w)
        return SR_ENOMEM;
    open_list(w, d, list);
    return jw_done(w);
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
