/* Private to src/pipeline: the result of one document, shared by the
 * stages (pipeline.c) and the record builder (record.c). */
#ifndef SR_PIPELINE_INT_H
#define SR_PIPELINE_INT_H

#include "../code/sr_code.h"
#include "../parse/sr_parse.h"
#include "../facts/sr_facts.h"
#include "../geo/sr_geo.h"
#include "../text/sr_text.h"
#include "sr_pipeline.h"

struct sr_result {
    const sr_doc *doc;
    const sr_text *text;
    /* text's tokens and sentences, at hand for the per-event searches */
    const sr_token *toks;
    size_t ntoks;
    const sr_sentence *sents;
    size_t nsents;
    sr_facts *facts;          /* numbers, counts, dates, attribution, modality */
    sr_geo_doc *geo;          /* places, or NULL without a gazetteer */
    sr_vec events;            /* sr_event */
    sr_vec event_sentence;    /* size_t: sentence index of each event */
    sr_vec quiet, quiet_sentence; /* sr_span, size_t: sr_code_sentence_quiet's */
    sr_vec actor_spans;       /* pl_aspan: every coded actor of the document */
    const struct pl_aspan *by_start; /* the same sorted by start (pl_index_actors) */
    /* sitrep's dictionaries: the names coded so far (sr_parse_name, in
     * text order), whose short forms later sentences may use, as the
     * parse reads and adds to them (nm) */
    sr_vec names;
    sr_parse_names nm;
    /* The verb's modality of each event as modal_events looked it up
     * (NULL when it did not run): the record reuses it while the event's
     * verb is where it was. */
    struct pl_modal *modal;
    int primary;              /* index into events, -1 for none */
    const char *acled;        /* the document's sub-event type, or NULL */
    sr_doc_record *rec;       /* built last, from everything above */
    /* The events' places as fill_focus found them, for the record to read
     * again (pl_event_place_keep); NULL when none were kept. */
    struct pl_place_memo *pmemo;
    size_t npmemo;
};

typedef struct pl_aspan {
    size_t start, end;        /* bytes */
    const char *code;
    size_t order;             /* index in actor_spans */
} pl_aspan;

typedef struct pl_modal {
    size_t verb_start;        /* the verb it was looked up for */
    int ok;                   /* sr_facts_modality_get gave SR_OK */
    sr_facts_modality m;
} pl_modal;

/* Sorts the coded actors by position, for pl_actor_code_in; call once
 * coding is done.  Returns SR_OK or SR_ENOMEM. */
int pl_index_actors(sr_arena *a, sr_result *r);
/* The code of the first coded actor (in coding order) within bytes
 * [s, e) ("the Syrian Observatory for Human Rights said": SYRHRI), or NULL. */
const char *pl_actor_code_in(const sr_result *r, size_t s, size_t e);
/* Actor code `code` in `country`'s (its first three letters) in arena a:
 * code's own first `keep` letters (0 or 3) give way to them ("---GOV" to
 * "SDNGOV", "KUR" to "SYRKUR"); NULL when memory runs out. */
const char *pl_code_in_country(sr_arena *a, const char *country, const char *code, size_t keep);
/* Whether the words w (as written) hold the word x (lower case) whole. */
int pl_has_word(const char *w, const char *x);
/* sides.c: a settled land's settlers' country (else country), whether
 * event e is a journey, and another target of event i's verb with a
 * country of its own. */
const char *pl_settled_by(const char *country, const char *text);
int pl_traveller(const sr_result *r, const sr_event *e);
const char *pl_target_sibling(const sr_event *ev, size_t n, size_t i);
/* The country of another state's force of event i's compound on side s
 * ("Government warplanes and artillery struck"), or NULL (sides.c). */
const char *pl_sibling_country(const sr_event *ev, size_t n, size_t i, int s);
/* The state a side's "its" stands for: its words start at byte start
 * after "its" in event i's sentence ("its troops"), and the sentence
 * names a state before; its code, or NULL (sides.c). */
const char *pl_its_owner(const sr_result *r, size_t i, size_t start);

/* How many of the document's places (demonyms aside: "Russian jets" names
 * no place) lie in each country, counted once when an agent first asks
 * (sides.c): a country that opens a longer actor's name or speaks is
 * none of them. */
typedef struct place_countries {
    /* up to 2: event_country asks for 2 or more, or all of them (places
     * exact); a quarter of the bytes to clear */
    uint8_t n[26 * 26];
    uint32_t places;
    int made;
} place_countries;
void pl_count_countries(const sr_result *r, place_countries *pc);
/* A two-letter country code's index in place_countries.n, or -1. */
int pl_cc_index(const char *cc);
/* Whether a place of the document (a toponym, not a demonym) starts at
 * byte b (the places are in text order: a binary search). */
int pl_place_at(const sr_result *r, size_t b);
/* The same actor's span, or NULL. */
const pl_aspan *pl_actor_in(const sr_result *r, size_t s, size_t e);
/* Index of the first token starting at or after byte pos; sentence (an
 * index into the text's sentences) narrows the search when pos lies in it
 * and is ignored otherwise. */
size_t pl_token_at(const sr_result *r, size_t pos, size_t sentence);
/* Whether event code c is of CAMEO's assault, fight or mass violence
 * roots: 18, 19, 20 (actors.c). */
int pl_violent_root(const char *c);

/* Where event i, in the sentence of bytes [s, end), happened
 * (sr_geo_doc_event_place: its actors' words are no location, "Russia
 * bombed Aleppo"), in *out (NULL without places); kept in r for the
 * record, which asks again.  Returns SR_OK or SR_ENOMEM. */
int pl_event_place_keep(sr_arena *a, sr_result *r, size_t i, size_t s, size_t end,
                        const sr_geo_place **out);
/* sitrep's conventions, after coding (actors.c).  The document's dateline
 * as the places found it: bytes [*ds, *de), 0 when it has none. */
int pl_dateline_span(const sr_result *r, size_t *ds, size_t *de);
/* Drops the dateline's city or agency from the events' sides. */
void pl_drop_datelines(sr_result *r, size_t ds, size_t de);
/* Drops a source that is only a place ("in Aleppo, ..."). */
void pl_drop_locative_sources(sr_result *r);
void pl_drop_media_violence(sr_result *r);
int pl_speaker_sources(sr_arena *a, sr_result *r);
/* Drops a source or target that names where something is ("the Barzeh
 * district of Damascus", "Syria's Idlib province"). */
void pl_drop_place_sides(sr_result *r);
/* Gives agents without a country one: their own place's, the event
 * place's or the document's most named.  Returns SR_OK or SR_ENOMEM. */
int pl_fill_focus(sr_arena *a, sr_result *r);

/* Builds r->rec.  Returns SR_OK or SR_ENOMEM. */
int pl_build_record(sr_arena *a, sr_result *r);
/* Copies the document's own fields (id, date, title, text, source, url)
 * into its record: the whole document's and each section's. */
void pl_doc_fields(sr_doc_record *d, const sr_doc *doc);

/* Codes doc in one piece: the stages, then the record (pipeline.c). */
int pl_code_piece(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                  const sr_doc *doc, const struct sr_parse_fwd *fwd, struct sr_parse_fwd *first,
                  sr_result **out, sr_error *err);
/* Codes a long doc in sections and joins their records into one result
 * (sections.c): r->text, r->facts and r->geo are NULL then. */
int pl_code_joined(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                   const sr_doc *doc, sr_result **out, sr_error *err);
/* Where the section that starts at byte `from` of t[0..len) ends: about
 * `size` bytes on, at a paragraph break if one is near. */
size_t pl_section_end(const char *t, size_t len, size_t from, size_t size);

/* Word helpers of the actors' rules (place_sides.c): the word before byte
 * s, past spaces, as bytes [*b, return) (s when none); whether t[b, e) is
 * the word w, in any case. */
size_t pl_word_before(const char *t, size_t s, size_t *b);
int pl_word_eq(const char *t, size_t b, size_t e, const char *w);
/* Leaves side `target` (0: the source) of event e unknown (actors.c). */
void pl_clear_side(sr_event *e, int target);

/* The first three letters of a code as one number, or 0 for a code
 * shorter than three or with no country ("---..."). */
static inline uint32_t prefix3(const char *c)
{
    if (!c || !c[0] || !c[1] || !c[2] || c[0] == '-')
        return 0;
    return (uint32_t)(unsigned char)c[0] << 16 | (uint32_t)(unsigned char)c[1] << 8 |
           (unsigned char)c[2];
}

#define P3(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))

/* The country prefix of a code, or 0 for codes that are no country:
 * international and transnational actors.  (Inlined in vote's copies:
 * the call cost a fifth of fill_focus.) */
static inline __attribute__((always_inline)) uint32_t country_prefix(const char *c)
{
    uint32_t k = prefix3(c);
    /* a switch: the compiler's search of the constants, not a scan */
    switch (k) {
    case P3('I', 'G', 'O'): case P3('N', 'G', 'O'): case P3('I', 'M', 'G'):
    case P3('M', 'N', 'C'): case P3('U', 'I', 'S'): case P3('R', 'E', 'B'):
    case P3('M', 'I', 'L'): case P3('G', 'O', 'V'): case P3('C', 'O', 'P'):
    case P3('O', 'P', 'P'): case P3('C', 'V', 'L'): case P3('U', 'A', 'F'):
    case P3('E', 'L', 'I'):
        return 0;
    default:
        return k;
    }
}

/* The first of places pl[0..np) (in text order) starting at byte s or
 * after. */
static inline size_t pl_first_place_at(const sr_geo_place *pl, size_t np, size_t s)
{
    if (!np)
        return 0;
    /* (halved without a branch on the comparison, which went either way
     * as often -- asked for every side of every event: the steps depend
     * on the count alone) */
    size_t base = 0, n = np;
    while (n > 1) {
        size_t half = n / 2;
        base = pl[base + half].start < s ? base + half : base;
        n -= half;
    }
    return base + (pl[base].start < s);
}

#endif
