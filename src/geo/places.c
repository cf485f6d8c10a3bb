/* What a resolved document answers: its place lists and focus place
 * (built here once disambiguation, resolve.c, has decided every mention),
 * the place of a span or of an event, and places as JSON. */
#include "geo_int.h"

#include <stdint.h>
#include <stdlib.h>
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
    if (d->all_unsorted || !d->nall)
        return 0;
    /* (halved without a branch on the comparison, which went either way
     * as often: the steps depend on the count alone) */
    const sr_geo_place *a = d->all;
    size_t base = 0, n = d->nall;
    while (n > 1) {
        size_t half = n / 2;
        base = a[base + half].start < start ? base + half : base;
        n -= half;
    }
    return base + (a[base].start < start);
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

/* strcmp(a, b) == 0 for country codes (at most two letters and a NUL):
 * asked for every place of every event, where the call cost more than
 * the comparison. */
static int same_cc(const char *a, const char *b)
{
    return a[0] == b[0] && (!a[0] || (a[1] == b[1] && (!a[1] || a[2] == b[2])));
}

/* What a country or admin1 area stands for in this document: its most
 * voted place more specific than itself, or p. */
static const sr_geo_place *refine(const sr_geo_doc *d, const sr_geo_place *p)
{
    if (p->level != SR_GEO_LEVEL_COUNTRY && p->level != SR_GEO_LEVEL_ADMIN1)
        return p;
    for (size_t i = 0; i < d->nvoted; i++) {
        const sr_geo_place *q = &d->voted[i];
        if (q->level > p->level && same_cc(q->cc, p->cc) &&
            (p->level == SR_GEO_LEVEL_COUNTRY || q->admin1 == p->admin1 ||
             !strcmp(q->admin1, p->admin1)))
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

/* A capital named as the one who acts or speaks ("... and Moscow did not
 * immediately comment", "Washington blames the regime"): its government,
 * not where anything happened.  The word after it is a verb of saying or
 * deciding, or an auxiliary that is no passive's ("has said", not "has
 * been hit"). */
static int capital_acting(const sr_geo_doc *d, const sr_geo_place *p)
{
    static const char *const acts[] = {
        "did", "does", "said", "says", "denied", "denies", "rejected", "rejects", "accused",
        "accuses", "warned", "warns", "urged", "urges", "insisted", "insists", "responded",
        "sees", "wants", "considers", "claimed", "claims", "announced", "announces", "blamed",
        "blames", "condemned", "condemns", "welcomed", "welcomes", "has", "have", "will",
        "would", "declared", "declares", "agreed", "agrees", "signed", "signs", "ordered",
        "demanded", "threatened", "vowed", "pledged", "promised", "stated", NULL};
    /* (asked of every place of every event: the cheap tests first) */
    if (p->fcode[3] != 'C' || p->fcode[4] || p->fcode[2] != 'L' || p->fcode[0] != 'P' ||
        p->fcode[1] != 'P' || (p->flags & SR_GEO_F_CUE) || p->end + 1 >= d->len ||
        d->text[p->end] != ' ')
        return 0;
    const char *w = d->text + p->end + 1, *end = d->text + d->len;
    /* (past the other capitals of a list: "Damascus and Moscow declared") */
    if (end - w > 5 && !memcmp(w, "and ", 4) && w[4] >= 'A' && w[4] <= 'Z') {
        const char *q = w + 4;
        for (int names = 0; names < 3 && q < end && *q >= 'A' && *q <= 'Z'; names++) {
            while (q < end && *q != ' ')
                q++;
            if (q < end)
                q++;
        }
        w = q;
    }
    size_t n = 0;
    while (w + n < end && w[n] >= 'a' && w[n] <= 'z')
        n++;
    int hit = 0;
    for (size_t k = 0; acts[k] && !hit; k++)
        hit = n == strlen(acts[k]) && !memcmp(w, acts[k], n);
    if (!hit)
        return 0;
    /* (a passive or a copula: "has been hit", "will be") */
    const char *x = w + n;
    size_t left = (size_t)(end - x);
    return !(left > 4 && x[0] == ' ' && x[1] == 'b' && x[2] == 'e' &&
             (x[3] == ' ' || (left > 6 && x[3] == 'e' && x[4] == 'n')));
}

/* Where the one who speaks was ("told reporters in Geneva that the
 * bombardment ...", "a news conference in Moscow"): no place of what is
 * said.  The word before the place is "in" and the one before that a
 * word for reporters, a briefing or speaking. */
static int speaker_place(const sr_geo_doc *d, const sr_geo_place *p)
{
    static const struct {
        const char *w;
        size_t n;
    } who[] = {{"reporters", 9}, {"journalists", 11}, {"conference", 10}, {"briefing", 8},
               {"speaking", 8},  {"interview", 9},    {"statement", 9},   {"visit", 5},
               {NULL, 0}};
    const char *t = d->text;
    size_t e = p->start;
    if (e < 4 || t[e - 1] != ' ' || t[e - 2] != 'n' || t[e - 3] != 'i' || t[e - 4] != ' ')
        return 0;
    size_t we = e - 4, b = we;
    while (b > 0 && t[b - 1] >= 'a' && t[b - 1] <= 'z')
        b--;
    for (size_t k = 0; who[k].w; k++)
        if (we - b == who[k].n && !memcmp(t + b, who[k].w, who[k].n))
            return 1;
    return 0;
}

/* A name right after "according to" is who says so ("according to
 * Al-Manar", a channel that is also a district of Yemen; "according to
 * Damascus"): no place of what it says. */
static int according_to(const sr_geo_doc *d, const sr_geo_place *p)
{
    static const char cue[] = "according to ";
    const size_t n = sizeof cue - 1;
    size_t b = p->start;
    if (b >= 4 && !memcmp(d->text + b - 4, "the ", 4))
        b -= 4;
    if (b < n || (d->text[b - n] | 0x20) != 'a' || memcmp(d->text + b - n + 1, cue + 1, n - 1))
        return 0;
    char before = b > n ? d->text[b - n - 1] : ' ';
    return before == ' ' || before == '\n' || before == '(' || before == '"';
}

/* Where p, a country or its demonym, is followed by its "capital" that no
 * name follows ("east of Syria's capital", "in the Syrian capital on
 * Monday"; not "the Syrian capital Damascus", "the capital of Idlib
 * province"): the byte after "capital", else 0. */
static size_t capital_after(const sr_geo_doc *d, const sr_geo_place *p)
{
    const char *t = d->text;
    size_t i = p->end, n = d->len;
    if (p->level != SR_GEO_LEVEL_COUNTRY || !p->cc[0])
        return 0;
    if (i + 2 < n && t[i] == '\'' && t[i + 1] == 's')
        i += 2;
    else if (i + 4 < n && !memcmp(t + i, "\xe2\x80\x99s", 4))
        i += 4;
    else if (i < n && t[i] == 's' && p->role == SR_GEO_PLACE)
        i++;   /* "Syrias capital": the possessive as scraped text writes it */
    if (i + 8 > n || memcmp(t + i, " capital", 8))
        return 0;
    size_t e = i + 8, j = e;
    if (j < n && ((t[j] >= 'a' && t[j] <= 'z') || (t[j] & 0x80)))
        return 0;   /* "capitals", "capitalism" */
    if (j + 5 <= n && !memcmp(t + j, " city", 5))
        j += 5;
    while (j < n && (t[j] == ' ' || t[j] == ','))
        j++;
    if (j < n && ((t[j] >= 'A' && t[j] <= 'Z') || (j + 3 <= n && !memcmp(t + j, "of ", 3))))
        return 0;
    return e;
}

/* The capital of country cc: the first PPLC record of it (records of
 * towns come by population, so a few thousand are read at most), found
 * once a thread and gazetteer.  GZ_NONE when none. */
static uint32_t capital_of(const sr_geo *g, const char *cc)
{
    static _Thread_local struct {
        uint64_t serial;
        uint32_t rec[26 * 26];   /* record + 1; 0 unknown */
    } cap;
    unsigned a = (unsigned)(uint8_t)cc[0] - 'A', b = (unsigned)(uint8_t)cc[1] - 'A';
    if (a >= 26 || b >= 26)
        return GZ_NONE;
    if (cap.serial != g->serial) {
        memset(cap.rec, 0, sizeof cap.rec);
        cap.serial = g->serial;
    }
    uint32_t *e = &cap.rec[a * 26 + b];
    if (!*e) {
        *e = GZ_NONE;
        for (uint32_t i = 0; i < g->h->nrec; i++) {
            const gz_rec *r = &g->rec[i];
            if (r->cc[0] == cc[0] && r->cc[1] == cc[1] && geo_fcode_is(r, "PPLC")) {
                *e = i + 1;
                break;
            }
        }
    }
    return *e == GZ_NONE ? GZ_NONE : *e - 1;
}

/* The places of the text's opening parentheses, for in_remark (places.c):
 * found once, as most texts have none or a few. */
int geo_parens(sr_geo_doc *d, sr_arena *a)
{
    /* (one scan of the text, not a count and a second scan: the first
     * few are kept as found, and a text of more scans on for the rest) */
    size_t first[16], n = 0;
    const char *q = memchr(d->text, '(', d->len);
    for (; q && n < 16; q = memchr(q + 1, '(', d->len - (size_t)(q + 1 - d->text)))
        first[n++] = (size_t)(q - d->text);
    if (!n)
        return SR_OK;
    size_t more = 0;
    for (const char *r = q; r; r = memchr(r + 1, '(', d->len - (size_t)(r + 1 - d->text)))
        more++;
    d->paren = sr_arena_alloc(a, (n + more) * sizeof *d->paren);
    if (!d->paren)
        return SR_ENOMEM;
    memcpy(d->paren, first, n * sizeof *first);
    d->nparen = n;
    for (; q; q = memchr(q + 1, '(', d->len - (size_t)(q + 1 - d->text)))
        d->paren[d->nparen++] = (size_t)(q - d->text);
    return SR_OK;
}

/* Place p stands in a parenthesis that opens with a participle: a remark
 * on the name before it ("Jabhat Fatah al-Sham (banned in Russia)",
 * "rebels (backed by Turkey)"), not where anything happened. */
static int in_remark(const sr_geo_doc *d, const sr_geo_place *p)
{
    if (!d->nparen)
        return 0;
    /* the last "(" before the place, within 80 bytes, no ")" after it */
    size_t k = sr_lower_bound(d->paren, d->nparen, p->start);
    if (!k || d->paren[k - 1] + 80 < p->start)
        return 0;
    const char *t = d->text;
    size_t i = d->paren[k - 1] + 1;
    if (memchr(t + i, ')', p->start - i))
        return 0;
    /* (past "both", "all" or "each": "(both outlawed in Russia)") */
    if (p->start - i > 5 && (!memcmp(t + i, "both ", 5) || !memcmp(t + i, "each ", 5)))
        i += 5;
    else if (p->start - i > 4 && !memcmp(t + i, "all ", 4))
        i += 4;
    size_t e = i;
    while (e < p->start && t[e] >= 'a' && t[e] <= 'z')
        e++;
    return e - i >= 4 && t[e - 2] == 'e' && t[e - 1] == 'd' && (t[e] == ' ' || t[e] == ',');
}

/* Place p is a point of reference after a bearing ("Madaya west of the
 * Syrian capital Damascus", "a village 20 km north of Hama"): the place
 * meant is the one the bearing is measured from, when the sentence names
 * it.  Up to three words stand between "of" and p: an article, a
 * demonym, "capital", "city" and the like.  The bearings are the cue
 * lexicon's (LX_COMPASS). */
static int reference_point(const sr_geo_doc *d, const sr_geo_place *p)
{
    const char *t = d->text;
    size_t e = p->start;
    for (int words = 0; words <= 3; words++) {
        if (e < 2 || t[e - 1] != ' ')
            return 0;
        size_t b = e - 1;
        while (b > 0 && t[b - 1] != ' ' && e - 1 - b < 24)
            b--;
        size_t n = e - 1 - b;
        if (n == 2 && t[b] == 'o' && t[b + 1] == 'f') {
            if (b < 2 || t[b - 1] != ' ')
                return 0;
            size_t we = b - 1, wb = we;
            /* (no bearing is longer than ten letters: a long word stops
             * the walk, whatever the text) */
            while (wb > 0 && we - wb < 12 &&
                   ((t[wb - 1] >= 'a' && t[wb - 1] <= 'z') || t[wb - 1] == '-'))
                wb--;
            return (geo_lex_flags(&d->g->lex, t + wb, we - wb) & LX_COMPASS) != 0;
        }
        /* (the words allowed between: "the", a capitalised word, and a
         * few nouns of a town) */
        if (!((n == 3 && !memcmp(t + b, "the", 3)) || (t[b] >= 'A' && t[b] <= 'Z') ||
              (n == 7 && !memcmp(t + b, "capital", 7)) || (n == 4 && !memcmp(t + b, "city", 4)) ||
              (n == 4 && !memcmp(t + b, "town", 4)) ||
              (n == 10 && !memcmp(t + b, "provincial", 10))))
            return 0;
        e = b;
    }
    return 0;
}

/* The best place for the event inside bytes [start, end), or NULL.
 * (Inlined: its one caller's call cost a tenth of it.) */
static inline __attribute__((always_inline)) const sr_geo_place *
place_in(const sr_geo_doc *d, const sr_geo_event *ev, size_t start, size_t end,
         const sr_geo_place **dateline, int origin, int *origins)
{
    const sr_geo_place *best = NULL, *weak = *dateline, *named = NULL;
    float bs = -1e9f, ns = -1e9f;
    int best_from = -1;   /* the level of the place best stands in for, or -1 */
    for (size_t i = first_from(d, start); i < d->nall; i++) {
        const sr_geo_place *p = &d->all[i];
        if (past_end(d, p, end))
            break;
        /* an actor's words are no location, unless a cue says they are
         * ("attacks in Syria" with Syria as the target) */
        if (p->role != SR_GEO_PLACE || p->start < start || p->end > end ||
            (!(p->flags & SR_GEO_F_CUE) && in_actor(ev, p)))
            continue;
        if (!origin && (p->flags & SR_GEO_F_ORIGIN)) {
            *origins = 1;
            continue;
        }
        /* (a bearing's point of reference right after the place it
         * places is no place of its own: "women from Madaya west of
         * Damascus were killed" happened where they were from) */
        int ref = (p->flags & SR_GEO_F_BEARING) != 0;
        if (!origin && ref) {
            *origins = 1;
            continue;
        }
        /* (nor, for an act of force, where those it hit had moved from:
         * "the blast targeted buses carrying residents evacuated from Fuaa
         * and Kafraya" was where the story is) */
        if (ev->force && (p->flags & SR_GEO_F_MOVED))
            continue;
        if (capital_acting(d, p) || speaker_place(d, p) || according_to(d, p) ||
            in_remark(d, p))
            continue;
        /* "east of Syria's capital": the capital, kept after the places */
        if (p->flags & SR_GEO_F_CAPITAL)
            continue;
        /* A country named without "in", "across", ... is mostly an actor
         * ("the US and Russia announced"): the focus says more. */
        if (p->level <= SR_GEO_LEVEL_COUNTRY && !(p->flags & SR_GEO_F_CUE) &&
            d->focus_cc[0] && !same_cc(p->cc, d->focus_cc))
            continue;
        /* "Al-Quds hospital" in a story about Aleppo: an institution named
         * after a foreign place says nothing of where this happened */
        if ((p->flags & SR_GEO_F_MODIFIER) && d->focus_cc[0] && !same_cc(p->cc, d->focus_cc))
            continue;
        const sr_geo_place *q = refine(d, p);
        if (p->flags & SR_GEO_F_DATELINE) {
            if (!weak || q->level > weak->level)
                weak = *dateline = q;
            continue;
        }
        float sc = (float)q->level;
        if (d->focus_cc[0] && same_cc(q->cc, d->focus_cc))
            sc += 2.5f;
        if (p->flags & SR_GEO_F_MODIFIER)
            sc -= 2.0f;
        /* (and, with the origins, it yields to the place it places) */
        if (ref)
            sc -= 2.5f;
        /* nearness to the event's word decides between places alike; one
         * before the verb counts as twice as far ("Foils Attack in Daraa
         * Kills 50 Gunmen in Lattakia": where a verb's event happened is
         * said after it more often than before) */
        size_t dist = p->start >= ev->verb ? p->start - ev->verb
                      : p->end <= ev->verb ? 2 * (ev->verb - p->end) : 0;
        sc -= (dist < 400 ? (float)dist : 400.0f) / 1000.0f;
        if (sc > bs) {
            bs = sc;
            best = q;
            best_from = q != p ? p->level : -1;
        }
        if (q == p && d->focus_cc[0] && same_cc(p->cc, d->focus_cc) && sc > ns) {
            ns = sc;
            named = p;
        }
    }
    /* A country that stands for the story's main place says less than a
     * place of that country the sentence names: "Elsewhere in Syria rebels
     * battled around a power plant in the central Hama province" of an
     * Aleppo story is in Hama, "In Syria the SDF is fighting to recapture
     * the town of Tabqa" in Tabqa.  (A province stands for a place inside
     * itself: "pound Syrias Idlib as battles rage in Aleppo" stays in
     * Idlib.) */
    if (best_from == SR_GEO_LEVEL_COUNTRY && named && named->level > best_from)
        return named;
    return best;
}

const sr_geo_place *sr_geo_doc_event_place(const sr_geo_doc *d, const sr_geo_event *ev)
{
    const sr_geo_place *p = NULL, *weak = NULL;
    /* "a blast hit a convoy carrying residents from the towns of Fuaa ...
     * at a transit point west of Aleppo": where people or things came
     * from is where it happened only when nothing else is named */
    /* (the second pass looks at what the first did and the origins it
     * passed over: with none, it would find what the first found -- most
     * events' sentences name no place at all) */
    int origins = 0;
    const sr_geo_place *focus = NULL;
    for (int origin = 0; origin <= 1 && !p && (!origin || origins); origin++) {
        if (ev->clause_end > ev->clause_start)
            p = place_in(d, ev, ev->clause_start, ev->clause_end, &weak, origin, &origins);
        if (!p && ev->sent_end > ev->sent_start)
            p = place_in(d, ev, ev->sent_start, ev->sent_end, &weak, origin, &origins);
        /* (an origin abroad is where someone came from, not where the
         * story is: "a tourist from Canada was killed" in a story from
         * Jordan happened in Jordan) */
        if (p && origin && (focus = sr_geo_doc_focus(d)) != NULL && focus->cc[0] && p->cc[0] &&
            strcmp(focus->cc, p->cc) != 0)
            p = focus;
    }
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

/* ---- the place lists of a resolved document ------------------------------- */

const gz_rec *geo_best_rec(const sr_geo_doc *d, const gment *m)
{
    if (m->best < 0 || (uint32_t)m->best >= m->nc)
        return NULL;
    return geo_rec(d->g, m->c[m->best].rec);
}

static int usable(const gment *m) { return m->role >= 0 && m->best >= 0; }

/* What of a place comes from the mention (the rest is its record's). */
static void mention_part(const sr_geo_doc *d, const gment *m, sr_geo_place *p)
{
    p->start = m->start;
    p->end = m->end;
    p->text = d->text + m->start;
    p->role = m->role;
    p->flags = m->flags;
    if (m->cue & STRONG_CUES)
        p->flags |= SR_GEO_F_CUE;
    if (m->cue & CUE_FROM)
        p->flags |= SR_GEO_F_ORIGIN;
    if (m->cue & CUE_MOVED)
        p->flags |= SR_GEO_F_MOVED;
    p->conf = m->conf;
}

static void fill_place(const sr_geo_doc *d, const gment *m, sr_geo_place *p)
{
    const gz_rec *r = geo_best_rec(d, m);
    /* (every field set, none cleared first) */
    p->name = geo_rec_name(d->g, r);
    const gz_adm *a = r->adm != GZ_NONE ? geo_adm(d->g, r->adm) : NULL;
    p->admin1 = a ? geo_str(d->g, a->name) : "";
    const gz_rec *c = r->country != GZ_NONE ? geo_rec(d->g, r->country) : NULL;
    p->country = c ? geo_rec_name(d->g, c) : "";
    p->lat = r->lat / 1e5;
    p->lon = r->lon / 1e5;
    p->supp_id = r->flags & GZ_SUPP ? r->id : 0;
    p->geonameid = r->flags & GZ_SUPP ? 0 : r->id;
    p->fclass = r->fclass;
    memcpy(p->fcode, r->fcode, sizeof p->fcode - 1);
    p->fcode[sizeof p->fcode - 1] = 0;
    p->cc[0] = r->cc[0];
    p->cc[1] = r->cc[1];
    p->cc[2] = 0;
    p->level = geo_level(r);
    mention_part(d, m, p);
}

/* The document's places by record (open addressing, at most half full):
 * a place named again copies what its record gave the first time, and
 * the votes for the focus add up by place in one pass. */
typedef struct recmap {
    uint32_t *key;      /* record + 1 (records are below GZ_NONE), 0 empty */
    int32_t *in_all;    /* its first place in d->all, -1 */
    int32_t *vote;      /* its vote in choose_focus, -1 */
    uint32_t mask;
    int shift;          /* a record's slot: the top bits of a multiple */
} recmap;

static int recmap_new(recmap *rm, size_t n, sr_arena *a)
{
    size_t ns = 16;
    rm->shift = 28;
    while (ns < 2 * n)
        ns *= 2, rm->shift--;
    rm->mask = (uint32_t)(ns - 1);
    rm->key = sr_arena_calloc(a, ns, sizeof *rm->key);
    rm->in_all = sr_arena_alloc(a, ns * sizeof *rm->in_all);
    rm->vote = sr_arena_alloc(a, ns * sizeof *rm->vote);
    /* (mention numbers are 32 bits: no text has 4 billion) */
    return rm->key && rm->in_all && rm->vote && n < INT32_MAX ? SR_OK : SR_ENOMEM;
}

/* The slot of record rec, added when new.  (It and vote_for inlined:
 * asked for every place, where the calls cost a third of what they do.) */
static inline __attribute__((always_inline)) uint32_t recmap_slot(recmap *rm, uint32_t rec)
{
    uint32_t k = (rec * 0x9e3779b1u) >> rm->shift;
    for (;; k = (k + 1) & rm->mask) {
        if (rm->key[k] == rec + 1)
            return k;
        if (!rm->key[k]) {
            rm->key[k] = rec + 1;
            rm->in_all[k] = rm->vote[k] = -1;
            return k;
        }
    }
}

typedef struct fvote {
    uint32_t rec;
    float w;
    size_t first;
} fvote;

static int vote_after(const fvote *a, const fvote *b)
{
    if (a->w != b->w)
        return a->w < b->w;
    return a->first > b->first;
}

/* Sorts v by vote, highest first, then first mention.  The order is
 * total, so any sort gives the same result: insertion for a dozen, else
 * the keys (order << 32 | first mention) sorted and each vote then moved
 * once.  at (by mention), key (2n) and tmp (n): room. */
static void sort_votes(fvote *v, size_t n, uint32_t *at, uint64_t *key, fvote *tmp)
{
    if (n < 16) {
        for (size_t i = 1; i < n; i++) {
            fvote t = v[i];
            size_t j = i;
            for (; j > 0 && vote_after(&v[j - 1], &t); j--)
                v[j] = v[j - 1];
            v[j] = t;
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        at[v[i].first] = (uint32_t)i;
        key[i] = (uint64_t)~geo_float_order(v[i].w) << 32 | (uint32_t)v[i].first;
    }
    geo_sort_keys(key, (uint32_t)n, key + n);
    for (size_t i = 0; i < n; i++)
        tmp[i] = v[at[(uint32_t)key[i]]];
    memcpy(v, tmp, n * sizeof *v);
}

/* The place the document is about: the most mentioned place of the focus
 * country, the lead's mentions counting most (news puts the event first),
 * specific places before admin areas and the country itself (only the
 * fallback).  Ties go to the earlier mention.  Every place keeps its vote
 * so that a country or admin area can stand for its own main place.
 * v[0..k) are the places' votes as summed in mention order (vote_for),
 * in_all[i] mention i's place in d->all or -1; focus_cc the focus country
 * ("" when none). */
static int choose_focus(sr_geo_doc *d, sr_arena *a, sr_arena *ta, const char *focus_cc, fvote *v,
                        size_t k, const int32_t *in_all)
{
    size_t nm = d->nm ? d->nm : 1;
    fvote *tmp = sr_arena_alloc(ta, nm * sizeof *tmp);
    uint32_t *at = sr_arena_alloc(ta, nm * sizeof *at);
    uint64_t *key = sr_arena_alloc(ta, 2 * nm * sizeof *key);
    if (!tmp || !at || !key)
        return SR_ENOMEM;
    for (size_t i = 0; i < k; i++) {
        /* (the level of its place, else of its record) */
        int32_t pi = in_all[v[i].first];
        int lv = pi >= 0 ? d->all[pi].level : geo_level(geo_rec(d->g, v[i].rec));
        v[i].w *= lv >= SR_GEO_LEVEL_ADMIN2 ? 1.0f : lv == SR_GEO_LEVEL_ADMIN1 ? 0.8f
                  : lv == SR_GEO_LEVEL_COUNTRY ? 0.05f : 0.01f;
    }
    sort_votes(v, k, at, key, tmp);
    d->voted = sr_arena_alloc(a, (k ? k : 1) * sizeof *d->voted);
    d->vote = sr_arena_alloc(a, (k ? k : 1) * sizeof *d->vote);
    if (!d->voted || !d->vote)
        return SR_ENOMEM;
    for (size_t i = 0; i < k; i++) {
        if (in_all[v[i].first] >= 0)
            d->voted[i] = d->all[in_all[v[i].first]];
        else
            fill_place(d, &d->m[v[i].first], &d->voted[i]);
        d->vote[i] = v[i].w;
        if (!d->has_focus && (!focus_cc[0] || !memcmp(d->voted[i].cc, focus_cc, 2))) {
            d->focus = d->voted[i];
            d->has_focus = 1;
        }
    }
    d->nvoted = k;
    return SR_OK;
}

/* Mention i (m, a place with conf 0.5 or more, its record's slot sl) in
 * the focus votes v[0..*k): each place's votes summed in the order of its
 * mentions. */
static inline __attribute__((always_inline)) void vote_for(const gment *m, size_t i, recmap *rm,
                                                           uint32_t sl, fvote *v, size_t *k)
{
    float w = m->sent == 0 ? 3.0f : m->sent == 1 ? 2.0f : 1.0f;
    if (m->flags & SR_GEO_F_DATELINE)
        w = 0.5f;
    /* where people came from, or are from, is seldom what the story is
     * about ("evacuees from Fuaa and Kafraya" bombed west of Aleppo) */
    if (m->cue & CUE_FROM)
        w *= 0.25f;
    if (rm->vote[sl] >= 0) {
        v[rm->vote[sl]].w += w;
        return;
    }
    rm->vote[sl] = (int32_t)*k;
    v[*k].rec = m->c[m->best].rec;
    v[*k].w = w;
    v[(*k)++].first = i;
}

/* One sense per story: a name whose entry a stated relation contradicts
 * in one mention ("the Syrian towns of Fua": not Foix, France) is not
 * that entry in the story's other mentions either.  The (key, entry)
 * pairs so rejected, in an open-addressing set of 2^k slots (mask); NULL
 * when there are none, as in most stories. */
typedef struct refuted {
    uint64_t *slot;      /* keyhash ^ rec * odd constant, 0 empty */
    size_t mask;
} refuted;

static uint64_t refuted_key(const gment *m)
{
    uint64_t k = m->keyhash ^ ((uint64_t)m->c[m->best].rec + 1) * 0x9e3779b97f4a7c15ull;
    return k ? k : 1;
}

/* m was turned down because a relation stated next to it contradicts its
 * entry: "X of Y", "X, Y", "X in Y" with Y right there and itself a
 * place the story names, not a container found further on ("... Zabadani
 * arrived late Saturday in rebel-held territory in Idlib province"),
 * which is often no container at all. */
static int refutes(const sr_geo_doc *d, const gment *m, float min)
{
    return usable(m) && m->role == SR_GEO_PLACE && m->sup < 0 && m->conf < min &&
           m->container >= 0 && (size_t)m->container < d->nm && !m->far &&
           !(d->m[m->container].conf < min);
}

static int refuted_build(const sr_geo_doc *d, sr_arena *a, float min, refuted *r)
{
    size_t n = 0;
    r->slot = NULL;
    r->mask = 0;    /* (unread without slots; set for compilers that cannot tell) */
    for (size_t i = 0; i < d->nm; i++) {
        const gment *m = &d->m[i];
        n += refutes(d, m, min);
    }
    if (!n)
        return SR_OK;
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    if (!(r->slot = sr_arena_calloc(a, cap, sizeof *r->slot)))
        return SR_ENOMEM;
    r->mask = cap - 1;
    for (size_t i = 0; i < d->nm; i++) {
        const gment *m = &d->m[i];
        if (!refutes(d, m, min))
            continue;
        uint64_t k = refuted_key(m);
        size_t j = (size_t)(k >> 7) & r->mask;
        while (r->slot[j] && r->slot[j] != k)
            j = (j + 1) & r->mask;
        r->slot[j] = k;
    }
    return SR_OK;
}

static int refuted_has(const refuted *r, const gment *m)
{
    if (!r->slot || m->role != SR_GEO_PLACE)
        return 0;
    uint64_t k = refuted_key(m);
    for (size_t j = (size_t)(k >> 7) & r->mask; r->slot[j]; j = (j + 1) & r->mask)
        if (r->slot[j] == k)
            return 1;
    return 0;
}

int geo_place_lists(sr_geo_doc *d, sr_arena *a, sr_arena *ta, const sr_geo_opts *opts,
                    const char *focus_cc)
{
    memcpy(d->focus_cc, focus_cc, 2);
    d->focus_cc[2] = 0;
    float min = opts && opts->min_conf > 0 ? opts->min_conf : 0.5f;
    unsigned fl = opts ? opts->flags : 0;
    size_t nm = d->nm ? d->nm : 1;
    /* (room for the capitals of "Syria's capital" after the mentions' places) */
    d->all = sr_arena_alloc(a, 2 * nm * sizeof *d->all);
    int32_t *in_all = sr_arena_alloc(ta, nm * sizeof *in_all);
    fvote *v = sr_arena_alloc(ta, nm * sizeof *v);
    size_t nv = 0;
    recmap rm;
    refuted rf;
    if (!d->all || !in_all || !v || recmap_new(&rm, d->nm, ta) || refuted_build(d, ta, min, &rf))
        return SR_ENOMEM;
    /* listed is all itself until a place is not listed (then a copy of
     * what came before) */
    d->listed = d->all;
    for (size_t i = 0; i < d->nm; i++) {
        gment *m = &d->m[i];
        in_all[i] = -1;
        if (!usable(m))
            continue;
        if (refuted_has(&rf, m))
            continue;
        /* ("a US-led coalition", "Turkey-backed rebels": who leads or
         * backs, not where; find.c marks such a part of a word) */
        int voter = m->role == SR_GEO_PLACE && !(m->conf < 0.5f) &&
                    !((m->flags & SR_GEO_F_MODIFIER) && m->end < d->len && d->text[m->end] == '-');
        if (m->conf < min) {
            if (voter)
                vote_for(m, i, &rm, recmap_slot(&rm, m->c[m->best].rec), v, &nv);
            continue;
        }
        in_all[i] = (int32_t)d->nall;
        sr_geo_place *p = &d->all[d->nall];
        uint32_t sl = recmap_slot(&rm, m->c[m->best].rec);
        if (voter)
            vote_for(m, i, &rm, sl, v, &nv);
        if (rm.in_all[sl] >= 0) {
            *p = d->all[rm.in_all[sl]];
            mention_part(d, m, p);
        } else {
            fill_place(d, m, p);
            rm.in_all[sl] = (int32_t)d->nall;
        }
        d->nall++;
        if (d->nall > 1 && p[-1].start > p->start)
            d->all_unsorted = 1;
        if (m->role == SR_GEO_PLACE ||
            (m->role == SR_GEO_DEMONYM && (fl & SR_GEO_WITH_DEMONYMS) && !m->plural) ||
            (m->role == SR_GEO_ORGNAME && (fl & SR_GEO_WITH_ORGNAMES))) {
            if (d->listed != d->all)
                d->listed[d->nlisted] = *p;
            d->nlisted++;
        } else if (d->listed == d->all) {
            d->listed = sr_arena_alloc(a, d->nm * sizeof *d->listed);
            if (!d->listed)
                return SR_ENOMEM;
            memcpy(d->listed, d->all, d->nlisted * sizeof *d->listed);
        }
    }
    /* (the focus first: it reads mentions' places by their index) */
    int rc = choose_focus(d, a, ta, focus_cc, v, nv, in_all);
    if (rc)
        return rc;
    /* "at Al-Quds hospital" in an Aleppo story names a building after a
     * place abroad: no toponym of this story */
    if (d->focus_cc[0]) {
        size_t k = 0;
        for (size_t i = 0; i < d->nlisted; i++) {
            const sr_geo_place *p = &d->listed[i];
            if ((p->flags & SR_GEO_F_SITE) && p->level > SR_GEO_LEVEL_COUNTRY &&
                !same_cc(p->cc, d->focus_cc)) {
                if (d->listed == d->all) {
                    d->listed = sr_arena_alloc(a, (d->nlisted ? d->nlisted : 1) * sizeof *d->listed);
                    if (!d->listed)
                        return SR_ENOMEM;
                    memcpy(d->listed, d->all, d->nlisted * sizeof *d->listed);
                }
                continue;
            }
            if (k != i)
                d->listed[k] = d->listed[i];
            k++;
        }
        d->nlisted = k;
    }
    /* "in the Syrian capital", "east of Syrias capital": Damascus, where
     * an event may be, though no toponym is written (so not listed, and
     * no vote for the focus) */
    size_t named = d->nall;
    for (size_t i = 0; i < named; i++) {
        sr_geo_place *p = &d->all[i];
        size_t e;
        if (p->level != SR_GEO_LEVEL_COUNTRY || !(e = capital_after(d, p)))
            continue;
        uint32_t rec = capital_of(d->g, p->cc);
        if (rec == GZ_NONE)
            continue;
        p->flags |= SR_GEO_F_CAPITAL;
        /* (fill_place reads the mention's chosen record: a copy of the
         * mention with the capital chosen) */
        gment m = d->m[0];
        gcand c;
        memset(&c, 0, sizeof c);
        c.rec = rec;
        m.c = &c;
        m.nc = 1;
        m.best = 0;
        m.start = e - 7;
        m.end = e;
        m.role = SR_GEO_PLACE;
        m.flags = p->flags & ~(unsigned)(SR_GEO_F_MODIFIER | SR_GEO_F_CAPITAL);
        m.cue = p->flags & SR_GEO_F_CUE ? CUE_PREP : 0;
        m.conf = p->conf;
        fill_place(d, &m, &d->all[d->nall++]);
    }
    /* The capitals come in the order of their countries' mentions: one
     * merge keeps the list in text order, so that the events' lookups
     * stay a binary search and a short walk (appended unsorted, a long
     * document's every event walked all its places). */
    if (d->nall > named) {
        size_t nc = d->nall - named;
        sr_geo_place *caps = sr_arena_alloc(a, nc * sizeof *caps);
        if (!caps)
            return SR_ENOMEM;
        /* (the listed places, when they are all of them, keep their own
         * copy: the capitals are no toponym of the text) */
        if (d->listed == d->all) {
            d->listed = sr_arena_alloc(a, (d->nlisted ? d->nlisted : 1) * sizeof *d->listed);
            if (!d->listed)
                return SR_ENOMEM;
            memcpy(d->listed, d->all, d->nlisted * sizeof *d->listed);
        }
        memcpy(caps, d->all + named, nc * sizeof *caps);
        size_t i = named, j = nc, o = d->nall;
        while (j > 0) {
            if (i > 0 && d->all[i - 1].start > caps[j - 1].start)
                d->all[--o] = d->all[--i];
            else
                d->all[--o] = caps[--j];
        }
    }
    /* A bearing's point of reference right after another place, found
     * once here for place_in, which asks it of every event's places. */
    for (size_t i = 1; i < d->nall; i++) {
        sr_geo_place *p = &d->all[i];
        if (d->all[i - 1].end < p->start && p->start - d->all[i - 1].end < 64 &&
            reference_point(d, p))
            p->flags |= SR_GEO_F_BEARING;
    }
    return SR_OK;
}
