/*
 * record.c - the document record (sr_doc_record): every derived field of
 * every event, computed once after coding, from the stages' results.  The
 * writers (render.c) and any other consumer read only the record.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pipeline_int.h"

static int by_start(const void *x, const void *y)
{
    const pl_aspan *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

int pl_index_actors(sr_arena *a, sr_result *r)
{
    size_t n = r->actor_spans.len;
    pl_aspan *s = sr_arena_alloc(a, (n ? n : 1) * sizeof *s);
    if (!s)
        return SR_ENOMEM;
    if (n)
        memcpy(s, r->actor_spans.items, n * sizeof *s);
    int sorted = 1;
    for (size_t i = 0; i < n; i++) {
        s[i].order = i;
        sorted &= !i || s[i - 1].start <= s[i].start;
    }
    /* Sentences are coded in order, so this is mostly a check. */
    if (!sorted)
        qsort(s, n, sizeof *s, by_start);
    r->by_start = s;
    return SR_OK;
}

/* A binary search for the first actor starting at or after s, then the
 * few that start before e: a speaker's span is a few words, so the cost
 * does not grow with the document (a scan of every actor did). */
const char *pl_actor_code_in(const sr_result *r, size_t s, size_t e)
{
    const pl_aspan *sp = pl_actor_in(r, s, e);
    return sp ? sp->code : NULL;
}

const pl_aspan *pl_actor_in(const sr_result *r, size_t s, size_t e)
{
    const pl_aspan *sp = r->by_start;
    size_t n = r->actor_spans.len;
    size_t lo = sr_lower_bound_by(sp, n, sizeof *sp, offsetof(pl_aspan, start), s);
    const pl_aspan *best = NULL;
    for (size_t i = lo; i < n && sp[i].start < e; i++)
        if (sp[i].end <= e && (!best || sp[i].order < best->order))
            best = &sp[i];
    return best;
}

int pl_place_at(const sr_result *r, size_t b)
{
    size_t np = 0;
    const sr_geo_place *pl = r->geo ? sr_geo_doc_places(r->geo, &np) : NULL;
    size_t lo = sr_lower_bound_by(pl, np, sizeof *pl, offsetof(sr_geo_place, start), b);
    for (; lo < np && pl[lo].start == b; lo++)
        if (pl[lo].role == SR_GEO_PLACE)
            return 1;
    return 0;
}

size_t pl_token_at(const sr_result *r, size_t pos, size_t sentence)
{
    const sr_token *tk = r->toks;
    const sr_sentence *ss = r->sents;
    size_t ns = r->nsents, lo = 0, hi = r->ntoks;
    /* Within its sentence the answer is among the sentence's tokens (or
     * the one after them): the tokens before start before the sentence,
     * the next one at or after its end. */
    if (sentence < ns && ss[sentence].start <= pos && pos <= ss[sentence].end) {
        lo = ss[sentence].tok;
        hi = lo + ss[sentence].ntok;
    }
    if (lo >= hi)
        return lo;
    /* Halved without a branch on the comparison, which went either way as
     * often (asked for every event): the steps depend on the count alone. */
    const sr_token *b = tk + lo;
    size_t n = hi - lo;
    while (n > 1) {
        size_t half = n / 2;
        b = b[half].start < pos ? b + half : b;
        n -= half;
    }
    return (size_t)(b - tk) + (b->start < pos);
}

/* The byte range an event's facts are looked for in: its sentence, or
 * the whole record when a TABARI record was coded as one unit. */
static void event_range(const sr_result *r, size_t sentence, size_t *s, size_t *e)
{
    size_t ns = r->nsents;
    const sr_sentence *ss = r->sents;
    *s = *e = 0;
    if (!ns)
        return;
    if (r->doc->format == SR_FMT_TABARI) {
        *s = ss[0].start;
        *e = ss[ns - 1].end;
    } else if (sentence < ns) {
        *s = ss[sentence].start;
        *e = ss[sentence].end;
    }
}

static void actor_rec(sr_actor_record *o, const char *code, const char *text, size_t s, size_t e)
{
    o->code = code;
    o->text = code ? text : NULL;
    o->start = o->text ? s : 0;
    o->end = o->text ? e : 0;
}

static void date_rec(const sr_result *r, size_t s, size_t e, size_t verb, int past,
                     sr_date_record *o)
{
    sr_facts_date d;
    memset(o, 0, sizeof *o);
    if (sr_facts_event_date_at(r->facts, s, e, verb, &d)) {
        o->kind = SR_DATE_TEXT;
        sr_facts_date_iso(&d, o->date);
        /* A range's end, when it is not the start again. */
        sr_facts_date end = d;
        end.year = d.end_year;
        end.month = d.end_month;
        end.day = d.end_day;
        sr_facts_date_iso(&end, o->end_date);
        if (!strcmp(o->end_date, o->date))
            o->end_date[0] = 0;
        o->precision = sr_facts_prec_name(d.precision);
        o->historical = !!(d.flags & SR_FACTS_DATE_HISTORICAL);
        o->since = !!(d.flags & SR_FACTS_DATE_SINCE);
        o->start = d.start;
        o->end = d.end;
    } else if (r->doc->date && !past) {
        o->kind = SR_DATE_PUBLICATION;
        size_t n = strlen(r->doc->date);
        memcpy(o->date, r->doc->date, n < 10 ? n : 10);
        o->precision = "publication";
    }
}

/* What the facts say of one byte range (a sentence), kept for the next
 * event: the events of a sentence follow one another and ask the same.
 * The lookups are pure, so their answers are reused as they are. */
typedef struct range_memo {
    size_t s, e;
    unsigned have;             /* RM_* */
    int past;                  /* the date's: date_rec's argument */
    size_t date_verb;          /* and its verb, which matters when the range */
    int date_noun;             /* has a noun's own year (it dates that noun alone) */
    int cas_ok;
    sr_date_record date;
    sr_facts_casualties cas;
    /* the last event's place and its number among the listed ones: the
     * events of a sentence, and those placed at the focus, share one */
    const sr_geo_place *place;
    long place_i;
    /* the last speaker looked up by its short name, and what it gave */
    size_t short_s, short_e;
    const char *short_code;
} range_memo;
enum { RM_DATE = 1, RM_CAS = 4 };

/* Whether t[s, e) holds the word w[0, n) whole. */
static int holds_word(const char *t, size_t s, size_t e, const char *w, size_t n)
{
    for (size_t i = s; i + n <= e; i++)
        if (t[i] == w[0] && !memcmp(t + i, w, n) && (i == s || t[i - 1] == ' ' || t[i - 1] == '-') &&
            (i + n == e || t[i + n] == ' ' || t[i + n] == '-' || t[i + n] == '\''))
            return 1;
    return 0;
}

/* Whether a listed place (a toponym or a people's word) overlaps bytes
 * [s, e).  The places are in text order and do not overlap, so their ends
 * are too: the first that ends after s is the only one to look at. */
static int place_word(const sr_result *r, size_t s, size_t e)
{
    size_t np;
    const sr_geo_place *pl = r->geo ? sr_geo_doc_places(r->geo, &np) : NULL;
    if (!pl)
        return 0;
    size_t k = sr_lower_bound_by(pl, np, sizeof *pl, offsetof(sr_geo_place, end), s + 1);
    return k < np && pl[k].start < e;
}

/* The code of a speaker the dictionaries do not know by the words it is
 * given, from a coded actor named earlier in the document whose name
 * holds one of its capitalised words: "the Observatory" after "the Syrian
 * Observatory for Human Rights", "Observatory head Rami Abdel Rahman".
 * News shortens a body's name once it has named it in full.  (The parse
 * makes most such short forms actors, events' and speakers' alike
 * (src/parse/names.c); this finds the rest of the speakers: a word of the
 * name that is not its head, a unit's code with its agents.) */
static const char *short_name_code(const sr_result *r, size_t s, size_t e)
{
    const char *t = r->doc->text;
    /* (by start: the actors named in the 6 KB before the speaker, an
     * article's length; a longer text shortens names again, and a search
     * back to its start made a long document's speakers quadratic) */
    const pl_aspan *sp = r->by_start;
    size_t n = r->actor_spans.len, from = s > 6144 ? s - 6144 : 0;
    size_t lo = sr_lower_bound_by(sp, n, sizeof *sp, offsetof(pl_aspan, start), from);
    sp += lo;
    n -= lo;
    for (size_t i = s; i < e; i++) {
        if (!(t[i] >= 'A' && t[i] <= 'Z') || (i > s && t[i - 1] != ' '))
            continue;
        size_t j = i;
        while (j < e && t[j] != ' ' && t[j] != '-' && t[j] != '\'')
            j++;
        /* a word of four letters or more, not the article that opens it,
         * nor a place or a people's word ("Lebanese TV channel X" is not
         * the Lebanese named before) */
        if (j - i >= 4 && !(i == s && (j - i == 3 || !memcmp(t + i, "The ", 4)))) {
            for (size_t k = 0; k < n && sp[k].start < s; k++)
                if (sp[k].end <= s && sp[k].code && sp[k].code[0] != '-' &&
                    sp[k].end - sp[k].start > j - i &&
                    holds_word(t, sp[k].start, sp[k].end, t + i, j - i))
                    return place_word(r, i, j) ? NULL : sp[k].code;
        }
        i = j;
    }
    return NULL;
}

static int blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

/* The word t[w, e) joins a noun phrase to what follows it ("in", "the",
 * "and"), in any case. */
static int joining_word(const char *t, size_t w, size_t e)
{
    static const char *const joining[] = {"the", "a",    "an", "in", "of", "from", "at",
                                           "for", "with", "by", "on", "to", "and",  "or",
                                           "as",  "its",  "their", NULL};
    for (const char *const *j = joining; *j; j++)
        if (strlen(*j) == e - w && !strncasecmp(t + w, *j, e - w))
            return 1;
    return 0;
}

/* The word before byte b (not before lo) of text t joins a noun phrase to
 * what follows: "sources in the Assyrian Church" names the church inside
 * the speaker, not a new clause's subject. */
static int after_joining_word(const char *t, size_t lo, size_t b)
{
    size_t e = b;
    while (e > lo && blank(t[e - 1]))
        e--;
    size_t w = e;
    while (w > lo && !blank(t[w - 1]))
        w--;
    return joining_word(t, w, e);
}

/* What follows the speaker's end e in text t of n bytes: a comma or colon
 * (the facts stage found the boundary, and a source running past it is
 * its own error) gives 0, as do a number or "at least 15 of ...", after
 * which the facts stage ended the speaker for reasons of its own; a
 * lower-case word that joins nothing ("Syrian forces have been carrying
 * out") gives 2, anything else 1. */
static int after_speaker(const char *t, size_t n, size_t e)
{
    while (e < n && blank(t[e]))
        e++;
    if (e < n && (t[e] == ',' || t[e] == ':' || t[e] == ';'))
        return 0;
    size_t w = e;
    while (w < n && t[w] >= 'a' && t[w] <= 'z')
        w++;
    if (w == e || (w < n && !blank(t[w])))
        return 1;
    return joining_word(t, e, w) ? 1 : 2;
}

/* A monitor described, not named: "a monitoring group", "the monitor",
 * "the Britain-based war monitor", "the observatory", "the London-based
 * group" (its words in [s, e) of the text, any case). */
static int monitor_words(const char *t, size_t s, size_t e)
{
    static const char *const words[] = {"monitor", "observatory", "watchdog", "rights group",
                                        "-based group", "-based organi"};
    size_t n = e - s;
    for (size_t i = 0; i < n; i++) {
        char c = (char)(t[s + i] | 0x20); /* (ASCII letters to lower case; '-' stays) */
        if (c != 'm' && c != 'o' && c != 'w' && c != 'r' && c != '-')
            continue;
        for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
            size_t k = strlen(words[w]);
            if (words[w][0] != c || i + k > n || strncasecmp(t + s + i, words[w], k))
                continue;
            /* "monitors": several, not the one named before */
            if (w == 0 && i + k < n && (t[s + i + k] | 0x20) == 's')
                continue;
            return 1;
        }
    }
    return 0;
}

/* The monitor a description refers to: the last rights group or monitor
 * (a code with HRI) named in the 6 KB before s, as short_name_code looks
 * back.  "..., the Syrian Observatory for Human Rights said.  The monitor
 * said 40 others were wounded": the monitor is SYRHRI. */
static const char *monitor_code(const sr_result *r, size_t s)
{
    const pl_aspan *sp = r->by_start;
    size_t n = r->actor_spans.len, from = s > 6144 ? s - 6144 : 0;
    size_t lo = sr_lower_bound_by(sp, n, sizeof *sp, offsetof(pl_aspan, start), from);
    const char *code = NULL;
    for (size_t k = lo; k < n && sp[k].start < s; k++)
        if (sp[k].end <= s && sp[k].code && strstr(sp[k].code, "HRI"))
            code = sp[k].code;
    return code;
}

static void attr_rec(const sr_result *r, size_t s, size_t e, const sr_event *ev,
                     range_memo *rm, sr_attr_record *o)
{
    sr_facts_attr at;
    memset(o, 0, sizeof *o);
    if (!sr_facts_attribution(r->facts, s, e, ev->verb_start, ev->verb_end, &at))
        return;
    o->present = 1;
    o->text = at.text;
    o->len = at.len;
    o->start = at.start;
    o->end = at.end;
    o->cue = at.cue;
    /* "According to Al-Manar Syrian forces shelled ...": with no comma
     * after the speaker, the facts stage cannot tell where the speaker
     * ends and the clause's subject begins; the coder can, so a source
     * that ends the speaker is cut off it (and the speaker's code is read
     * from what is left). */
    const char *doc = r->doc->text;
    int next = ev->source_text && !strcmp(at.cue, "according to")
                   ? after_speaker(doc, r->doc->text_len, at.end)
                   : 0;
    if (next && ev->source_start > at.start && ev->source_start < at.end &&
        ev->source_end >= at.end && !after_joining_word(doc, at.start, ev->source_start) &&
        (ev->source_end > at.end || next == 2)) {
        size_t cut = ev->source_start;
        while (cut > at.start && blank(doc[cut - 1]))
            cut--;
        if (cut > at.start) {
            o->end = at.end = cut;
            o->len = at.len = cut - at.start;
        }
    }
    o->code = pl_actor_code_in(r, at.start, at.end);
    if (!o->code) {
        /* (the events of a sentence share their speaker) */
        if (rm->short_s != at.start || rm->short_e != at.end) {
            rm->short_s = at.start;
            rm->short_e = at.end;
            rm->short_code = short_name_code(r, at.start, at.end);
            if (!rm->short_code && monitor_words(doc, at.start, at.end))
                rm->short_code = monitor_code(r, at.start);
        }
        o->code = rm->short_code;
    }
    /* "it said", "he told": the speaker named last before it (the facts
     * stage finds it) */
    if (!o->code && (at.ref_start != at.start || at.ref_end != at.end) && at.ref_end <= at.start) {
        o->code = pl_actor_code_in(r, at.ref_start, at.ref_end);
        if (!o->code)
            o->code = short_name_code(r, at.ref_start, at.ref_end);
    }
    /* a speaker who is the event's source has the country the source was
     * given ("The government denied": SDNGOV, not ---GOV) */
    if (o->code && !strncmp(o->code, "---", 3) && ev->source && ev->source_text &&
        ev->source_start >= at.start && ev->source_end <= at.end &&
        strlen(ev->source) > 3 && !strcmp(ev->source + 3, o->code + 3))
        o->code = ev->source;
    o->quoted = !!(at.flags & SR_FACTS_ATTR_QUOTED);
    o->denial = !!(at.flags & SR_FACTS_ATTR_DENIAL);
}

static inline __attribute__((always_inline)) void place_rec(const sr_geo_place *p, sr_place_record *o)
{
    o->start = p->start;
    o->end = p->end;
    o->text = p->text;
    o->name = p->name;
    o->lat = p->lat;
    o->lon = p->lon;
    o->country = p->cc;
    o->country_name = p->country;
    o->admin1 = p->admin1;
    o->geonameid = p->geonameid;
    o->supplement = p->geonameid ? 0 : p->supp_id;
    /* the class, '.' and the code, NUL-padded: fixed stores, not a loop
     * over its letters (the code is at most 8 bytes, NUL-padded) */
    _Static_assert(sizeof p->fcode == 8 && sizeof o->feature >= 2 + 8 + 1, "feature room");
    o->feature[0] = p->fclass ? p->fclass : '?';
    o->feature[1] = '.';
    memcpy(o->feature + 2, p->fcode, 8);
    memset(o->feature + 10, 0, sizeof o->feature - 10);
    o->role = p->role == SR_GEO_DEMONYM ? "demonym" : p->role == SR_GEO_ORGNAME ? "orgname" : NULL;
    o->level = p->level;
    o->conf = p->conf;
}


/* Dead and injured belong to violent events (CAMEO 14 protest, 17 coerce,
 * 18 assault, 19 fight, 20 mass violence), not to the statement or
 * accusation in the same sentence. */
static void casualty_rec(const sr_result *r, const char *code, size_t s, size_t e,
                         range_memo *m, sr_event_record *o)
{
    int root = (code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9')
                   ? (code[0] - '0') * 10 + (code[1] - '0')
                   : 0;
    o->dead = o->injured = o->dead_toll = o->injured_toll = -1;
    o->dead_key = o->injured_key = 0;
    if (!(root == 14 || root == 17 || root == 18 || root == 19 || root == 20))
        return;
    sr_facts_casualties c;
    if (!m) { /* (a clause's own range: not the sentence's memo) */
        if (!sr_facts_casualties_get(r->facts, s, e, &c))
            return;
    } else {
        if (!(m->have & RM_CAS)) {
            m->cas_ok = sr_facts_casualties_get(r->facts, s, e, &m->cas);
            m->have |= RM_CAS;
        }
        if (!m->cas_ok)
            return;
        c = m->cas;
    }
    o->dead = o->dead_toll = c.dead;
    o->injured = o->injured_toll = c.injured;
    o->dead_qualifier = c.dead >= 0 ? sr_facts_qual_name(c.dead_qual) : NULL;
    o->injured_qualifier = c.injured >= 0 ? sr_facts_qual_name(c.injured_qual) : NULL;
    size_t nc = 0;
    const sr_facts_count *fc = sr_facts_counts(r->facts, &nc);
    if (c.dead >= 0 && c.dead_count < nc)
        o->dead_key = fc[c.dead_count].start + 1;
    if (c.injured >= 0 && c.injured_count < nc)
        o->injured_key = fc[c.injured_count].start + 1;
}

static void event_ge(const sr_event *e, size_t s, size_t end, sr_geo_event *ge)
{
    *ge = (sr_geo_event){0, 0, s, end, {0, 0}, {0, 0}, e->verb_start,
                         e->code && pl_violent_root(e->code)};
    if (e->source_text) {
        ge->actor_start[0] = e->source_start;
        ge->actor_end[0] = e->source_end;
    }
    if (e->target_text) {
        ge->actor_start[1] = e->target_start;
        ge->actor_end[1] = e->target_end;
    }
}

/* The events' places as fill_focus found them (it asks for the events of
 * local agents, the record for every event), by event number: an event
 * that kept its number and everything the lookup reads (modal_events may
 * drop events and move a verb) finds its place there. */
struct pl_place_memo {
    sr_geo_event ge;
    const sr_geo_place *p;
    int set;
};

static int same_ge(const sr_geo_event *o, const sr_geo_event *ge)
{
    return o->verb == ge->verb && o->force == ge->force && o->sent_start == ge->sent_start &&
           o->sent_end == ge->sent_end &&
           o->actor_start[0] == ge->actor_start[0] && o->actor_end[0] == ge->actor_end[0] &&
           o->actor_start[1] == ge->actor_start[1] && o->actor_end[1] == ge->actor_end[1] &&
           o->clause_start == ge->clause_start && o->clause_end == ge->clause_end;
}

static const sr_geo_place *event_place_at(const sr_result *r, const sr_event *e, size_t i,
                                          size_t s, size_t end)
{
    if (!r->geo)
        return NULL;
    sr_geo_event ge;
    event_ge(e, s, end, &ge);
    if (i < r->npmemo && r->pmemo[i].set && same_ge(&r->pmemo[i].ge, &ge))
        return r->pmemo[i].p;
    return sr_geo_doc_event_place(r->geo, &ge);
}

int pl_event_place_keep(sr_arena *a, sr_result *r, size_t i, size_t s, size_t end,
                        const sr_geo_place **out)
{
    *out = NULL;
    if (!r->geo || i >= r->events.len)
        return SR_OK;
    if (!r->pmemo) {
        if (!(r->pmemo = sr_arena_alloc(a, r->events.len * sizeof *r->pmemo)))
            return SR_ENOMEM;
        for (size_t k = 0; k < r->events.len; k++)
            r->pmemo[k].set = 0;
        r->npmemo = r->events.len;
    }
    struct pl_place_memo *m = &r->pmemo[i];
    event_ge(&((const sr_event *)r->events.items)[i], s, end, &m->ge);
    m->p = *out = sr_geo_doc_event_place(r->geo, &m->ge);
    m->set = 1;
    return SR_OK;
}

static int event_rec(sr_arena *a, const sr_result *r, const sr_event *e, size_t sentence,
                     const pl_modal *known, range_memo *rm, sr_doc_record *d,
                     sr_event_record *o)
{
    actor_rec(&o->source, e->source, e->source_text, e->source_start, e->source_end);
    actor_rec(&o->target, e->target, e->target_text, e->target_start, e->target_end);
    o->code = e->code;
    const sr_cameo_info *ci = sr_cameo_lookup(e->code);
    if (ci) {
        o->has_cameo = 1;
        o->name = ci->name;
        o->goldstein = ci->goldstein;
        o->quadclass = ci->quadclass;
        o->plover = ci->plover;
        o->plover_mode = ci->plover_mode;
        o->acled = ci->acled;
    }
    o->sentence = sentence;
    o->verb_start = e->verb_start;
    o->verb_end = e->verb_end;
    o->pattern = e->pattern;
    o->passive = !!(e->flags & SR_EV_PASSIVE);
    size_t s, end;
    event_range(r, sentence, &s, &end);
    if (s != rm->s || end != rm->e) {
        rm->s = s;
        rm->e = end;
        rm->have = 0;
    }
    sr_facts_modality m;
    if (known && known->verb_start == e->verb_start) {
        o->has_mode = known->ok;
        m = known->m;
    } else {
        o->has_mode =
            sr_facts_modality_get(r->facts, pl_token_at(r, e->verb_start, sentence), &m) == SR_OK;
    }
    if (o->has_mode) {
        o->mode = sr_facts_mode_name(m.mode);
        o->negated = m.negated;
    }
    int past = o->has_mode && m.mode == SR_FACTS_PAST;
    if ((rm->have & RM_DATE) && rm->past == past &&
        (!rm->date_noun || rm->date_verb == e->verb_start)) {
        memcpy(&o->date, &rm->date, sizeof o->date); /* padding too (render.c) */
    } else {
        date_rec(r, s, end, e->verb_start, past, &o->date);
        rm->date_verb = e->verb_start;
        rm->date_noun = sr_facts_dates_flagged(r->facts, s, end, SR_FACTS_DATE_NOUN);
        memcpy(&rm->date, &o->date, sizeof o->date);
        rm->past = past;
        rm->have |= RM_DATE;
    }
    /* A dictionary's <TIME> phrase ("yesterday [-1]", TABARI 10.5) dates the
     * event from the document's date when the text gave no date. */
    if (e->shift_end > e->shift_start && o->date.kind != SR_DATE_TEXT && r->doc->date &&
        sr_code_shift_day(r->doc->date, e->day_shift, o->date.date) == 0) {
        o->date.kind = SR_DATE_TEXT;
        o->date.end_date[0] = 0;
        o->date.precision = "day";
        o->date.start = e->shift_start;
        o->date.end = e->shift_end;
    }
    /* (per event: one sentence may report what another declared) */
    attr_rec(r, s, end, e, rm, &o->attribution);
    /* (an act only feared, planned, threatened or denied killed no one:
     * "killed four people as citizens braced for a possible US attack" --
     * the toll is the real act's) */
    if (o->has_mode && m.mode != SR_FACTS_ASSERTED && m.mode != SR_FACTS_PAST) {
        o->dead = o->injured = o->dead_toll = o->injured_toll = -1;
        o->dead_key = o->injured_key = 0;
    } else if (e->own_start > s && e->own_start < end)
        casualty_rec(r, e->code, e->own_start, end, NULL, o);
    else
        casualty_rec(r, e->code, s, end, rm, o);
    o->place = -1;
    const sr_geo_place *p = event_place_at(r, e, (size_t)(e - (const sr_event *)r->events.items), s, end);
    if (!p)
        return SR_OK;
    if (p == rm->place) {
        o->place = rm->place_i;
        o->location = &d->places[rm->place_i];
        return SR_OK;
    }
    size_t np;
    const sr_geo_place *pl = sr_geo_doc_places(r->geo, &np);
    /* The location is one of the listed places when its mention is.  They
     * are in text order (sr_geo.h): a binary search finds the mention,
     * where a scan for every event made a long document quadratic.
     * (Halved without a branch on the comparison, which went either way
     * as often: the steps depend on the count alone.) */
    size_t lo = 0;
    if (np) {
        size_t n = np;
        while (n > 1) {
            size_t half = n / 2;
            lo = pl[lo + half].start < p->start ? lo + half : lo;
            n -= half;
        }
        lo += pl[lo].start < p->start;
    }
    for (size_t i = lo; i < np && pl[i].start == p->start; i++)
        if (pl[i].end == p->end && pl[i].name == p->name) {
            rm->place = p;
            rm->place_i = (long)i;
            o->place = (long)i;
            o->location = &d->places[i];
            return SR_OK;
        }
    sr_place_record *own = sr_arena_calloc(a, 1, sizeof *own);
    if (!own)
        return SR_ENOMEM;
    place_rec(p, own);
    o->location = own;
    return SR_OK;
}

static void count_rec(const sr_facts_count *c, sr_count_record *o)
{
    o->type = sr_facts_count_type_name(c->type);
    o->number = c->number;
    o->low = c->low;
    o->high = c->high;
    o->qualifier = sr_facts_qual_name(c->qual);
    o->people = c->people;
    o->start = c->start;
    o->end = c->end;
    o->trigger_start = c->trigger_start;
    o->trigger_end = c->trigger_end;
    o->cumulative = !!c->cumulative;
    o->part_of = c->part_of == SR_FACTS_NONE ? -1 : (long)c->part_of;
    o->negated = !!c->negated;
    o->mode = sr_facts_mode_name(c->mode);
}

void pl_doc_fields(sr_doc_record *d, const sr_doc *doc)
{
    d->id = doc->id;
    d->date = doc->date;
    d->title = doc->title;
    d->title_len = doc->title ? doc->title_len : 0;
    d->text = doc->text;
    d->text_len = doc->text_len;
    d->source = doc->source;
    d->url = doc->url;
}

/* The one count of idx[0..k) whose words hold target t and name its
 * people: its place in idx, else SIZE_MAX (none: *many 0; two or more:
 * *many 1). */
static size_t count_of_target(const sr_result *r, const sr_facts_count *fc, const size_t *idx,
                              size_t k, const sr_actor_record *t, int *many)
{
    size_t m = SIZE_MAX, hits = 0;
    for (size_t y = 0; y < k; y++) {
        const sr_facts_count *c = &fc[idx[y]];
        if (c->start <= t->start && t->end <= c->end && c->people &&
            holds_word(r->doc->text, t->start, t->end, c->people, strlen(c->people))) {
            m = y;
            hits++;
        }
    }
    *many = hits > 1;
    return hits == 1 ? m : SIZE_MAX;
}

/* One toll told target by target: "Rebels killed five soldiers and three
 * civilians" is two events that had each the clause's eight dead, and in
 * "Five soldiers were killed and three civilians wounded" the wounding
 * had the five dead.  When each event of a sentence that states the
 * toll has for its target the noun of a count of its own (inside the
 * count's words, naming its people), and each count of a kind is one
 * event's, each event takes its counts and none of the others'; the key
 * stays the toll's, which the store's totals share whole (dead_toll).
 * Anything less than such a match keeps the shared toll. */
static void split_tolls(const sr_result *r, const sr_event *ev, const size_t *es,
                        sr_event_record *eo, size_t n)
{
    enum { MAXG = 8 };
    size_t nc;
    const sr_facts_count *fc = sr_facts_counts(r->facts, &nc);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && es[j] == es[i])
            j++;
        size_t g[MAXG], ng = 0, first = i;
        for (size_t k = i; k < j; k++)
            if (eo[k].dead >= 0 || eo[k].injured >= 0) {
                if (ng == MAXG || !eo[k].target.code || !eo[k].target.text) {
                    ng = 0;
                    break;
                }
                g[ng++] = k;
            }
        i = j;
        if (ng < 2)
            continue;
        /* (their toll's range, as casualty_rec took it: the same for all) */
        size_t s, end, from = 0;
        event_range(r, es[first], &s, &end);
        int same = 1;
        for (size_t x = 0; x < ng; x++) {
            const sr_event *e = &ev[g[x]];
            size_t f = e->own_start > s && e->own_start < end ? e->own_start : s;
            if (!x)
                from = f;
            same &= f == from;
        }
        if (!same)
            continue;
        size_t idx[2][MAXG], k[2];
        size_t got[2][MAXG];
        int ok = 1;
        for (int kind = 0; kind < 2 && ok; kind++) {
            k[kind] = sr_facts_casualty_counts(r->facts, from, end,
                                               kind ? SR_FACTS_WOUND : SR_FACTS_KILL, idx[kind],
                                               MAXG);
            ok = k[kind] <= MAXG;
            for (size_t x = 0; x < ng && ok; x++) {
                int many;
                got[kind][x] = count_of_target(r, fc, idx[kind], k[kind], &eo[g[x]].target, &many);
                ok = !many;
            }
        }
        /* every event has a count of its own, and each count one event */
        for (size_t x = 0; x < ng && ok; x++)
            ok = got[0][x] != SIZE_MAX || got[1][x] != SIZE_MAX;
        int split[2] = {0, 0};
        for (int kind = 0; kind < 2 && ok; kind++) {
            int each = k[kind] > 0;
            for (size_t y = 0; y < k[kind] && each; y++) {
                int owners = 0;
                for (size_t x = 0; x < ng; x++)
                    owners += got[kind][x] == y;
                each = owners == 1;
            }
            split[kind] = each;
        }
        for (int kind = 0; kind < 2 && ok; kind++) {
            if (!split[kind])
                continue;
            for (size_t x = 0; x < ng; x++) {
                sr_event_record *o = &eo[g[x]];
                size_t y = got[kind][x];
                const sr_facts_count *c = y != SIZE_MAX ? &fc[idx[kind][y]] : NULL;
                *(kind ? &o->injured : &o->dead) = c ? c->number : -1;
                *(kind ? &o->injured_qualifier : &o->dead_qualifier) =
                    c ? sr_facts_qual_name(c->qual) : NULL;
            }
        }
    }
    (void)nc;
}

int pl_build_record(sr_arena *a, sr_result *r)
{
    sr_doc_record *d = sr_arena_calloc(a, 1, sizeof *d);
    if (!d || (!r->by_start && pl_index_actors(a, r)))
        return SR_ENOMEM;
    const sr_doc *doc = r->doc;
    pl_doc_fields(d, doc);
    size_t n;
    const sr_sentence *ss = sr_text_sentences(r->text, &n);
    sr_sentence_record *so = sr_arena_alloc(a, (n ? n : 1) * sizeof *so);
    if (!so)
        return SR_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        so[i].start = ss[i].start;
        so[i].end = ss[i].end;
    }
    d->sentences = so;
    d->nsentences = n;
    const sr_span *bp = sr_text_boilerplate(r->text, &n);
    sr_boiler_record *bo = sr_arena_alloc(a, (n ? n : 1) * sizeof *bo);
    if (!bo)
        return SR_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        bo[i].start = bp[i].start;
        bo[i].end = bp[i].end;
        bo[i].rule = bp[i].why;
    }
    d->boilerplate = bo;
    d->nboilerplate = n;
    sr_text_tokens(r->text, &d->ntokens);
    d->primary = r->primary;
    d->acled = r->acled;
    d->geoparsed = r->geo != NULL;
    const sr_geo_place *pl = r->geo ? sr_geo_doc_places(r->geo, &n) : NULL;
    if (!pl)
        n = 0;
    sr_place_record *po = sr_arena_alloc(a, (n ? n : 1) * sizeof *po);
    if (!po)
        return SR_ENOMEM;
    /* (place_rec sets every field: no clearing first) */
    for (size_t i = 0; i < n; i++)
        place_rec(&pl[i], &po[i]);
    d->places = po;
    d->nplaces = n;
    const sr_facts_count *c = sr_facts_counts(r->facts, &n);
    sr_count_record *co = sr_arena_alloc(a, (n ? n : 1) * sizeof *co);
    if (!co)
        return SR_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        memset(&co[i], 0, sizeof co[i]);
        count_rec(&c[i], &co[i]);
    }
    d->counts = co;
    d->ncounts = n;
    const sr_event *ev = r->events.items;
    const size_t *es = r->event_sentence.items;
    n = r->events.len;
    /* Records are cleared one by one as they are filled, not in one
     * sweep over the whole array beforehand. */
    sr_event_record *eo = sr_arena_alloc(a, (n ? n : 1) * sizeof *eo);
    if (!eo)
        return SR_ENOMEM;
    range_memo rm;
    rm.s = rm.e = 0;
    rm.have = 0;
    rm.short_s = rm.short_e = SIZE_MAX;
    rm.short_code = NULL;
    rm.place = NULL;
    for (size_t i = 0; i < n; i++) {
        memset(&eo[i], 0, sizeof eo[i]);
        if (event_rec(a, r, &ev[i], es[i], r->modal ? &r->modal[i] : NULL, &rm, d, &eo[i]))
            return SR_ENOMEM;
    }
    split_tolls(r, ev, es, eo, n);
    d->events = eo;
    d->nevents = n;
    r->rec = d;
    return SR_OK;
}

const sr_doc_record *sr_result_record(const sr_result *r) { return r->rec; }
