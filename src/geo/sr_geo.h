/*
 * sr_geo.h - geoparsing: find the place names in a document, resolve each
 * to a gazetteer entry (GeoNames cities500, its admin areas and countries,
 * plus sitrep's own supplement of conflict localities), and say where the
 * document's events happened.
 *
 * Two halves:
 *
 *  - The gazetteer (sr_geo) is compiled once by scripts/geo/build-gazetteer.sh
 *    into one file that sr_geo_open maps read-only; it is shared by every
 *    thread and never written.
 *  - sr_geo_find analyses one document: pure, allocating only from the
 *    caller's arena (and its scratch arena), safe to run on many threads
 *    at once (one arena each).
 *
 * Places are resolved in three steps.  Recognition takes capitalised token
 * sequences that match a gazetteer name (after transliteration folding, see
 * sr_geo_key), keeps them when their setting allows a place ("in X", "X
 * province", "X, Syria", "the X district of Y"), and rejects names that are
 * parts of person or organisation names ("President Jordan", "Jordan
 * Times"); demonyms ("Syrian") are kept apart.  Disambiguation then scores
 * each candidate entry by feature class, population, exactness of the
 * spelling, the document's focus country, the admin hierarchy ("Alexandria,
 * Louisiana"), "X of Y" nesting and nearness to the other places.
 *
 * Errors follow sr_util.h: 0 or a negative SR_E* code, with err filled.
 */
#ifndef SR_GEO_H
#define SR_GEO_H

#include "../text/sr_text.h"
#include "../util/sr_util.h"

/* Environment variable naming the gazetteer file, for callers that look. */
#define SR_GEO_ENV "SITREP_GAZETTEER"
/* Where scripts/geo/build-gazetteer.sh puts it, relative to the checkout. */
#define SR_GEO_DEFAULT_PATH "build/gazetteer.bin"

typedef struct sr_geo sr_geo;

/* ---- the gazetteer ------------------------------------------------------- */

/* Maps the compiled gazetteer at path.  Checks magic, format version, byte
 * order, size, a checksum of the header, section bounds and a checksum of
 * a fixed sample of the file's blocks (all of them in a small file); a file
 * that fails gets SR_EPARSE with a message saying what is wrong (another
 * version tells you to rebuild), a missing one SR_EIO.  Every offset read
 * later is bounds-checked, so damage the sample misses gives wrong places,
 * never a crash.  Close with sr_geo_close. */
int sr_geo_open(const char *path, sr_geo **out, sr_error *err);
/* Checks every byte against the checksum the build recorded (a few tens of
 * milliseconds for the full gazetteer): SR_OK or SR_EPARSE. */
int sr_geo_verify(const sr_geo *g, sr_error *err);
/* The same from bytes in memory (copied; the caller keeps its buffer). */
int sr_geo_open_mem(const void *data, size_t len, sr_geo **out, sr_error *err);
void sr_geo_close(sr_geo *g);

typedef struct sr_geo_stats {
    size_t records;     /* places */
    size_t supplement;  /* of which from data/geo/supplement.tsv */
    size_t names;       /* indexed (key, place) pairs */
    size_t keys;        /* distinct keys */
    size_t admin1;
    size_t words;       /* common English words known */
    size_t bytes;       /* file size */
} sr_geo_stats;

void sr_geo_stats_get(const sr_geo *g, sr_geo_stats *st);

/* The matching key of a name: diacritics stripped, case folded, Arabic
 * articles (al-, el-, ad-, ar-, as-, ash-, az-, ...) dropped, spelling
 * variants merged (Qaboun/Qabun/Qaboon, Deir ez-Zor/Dayr az Zawr/Deir
 * Ezzor, doubled letters).  Writes at most cap bytes plus a NUL into out and
 * returns the length the whole key needs (0 for a name with no letters or
 * one longer than any place name). */
size_t sr_geo_key(const char *name, size_t n, char *out, size_t cap);

/* ---- building a gazetteer (scripts/geo/gazc.c, tests) --------------------- */

enum {
    SR_GEO_ENTRY_SUPPLEMENT = 1,   /* from sitrep's supplement: gets its own id */
    SR_GEO_ENTRY_FILTER_ALTS = 2,  /* alternates are GeoNames': drop codes, scripts */
    SR_GEO_ENTRY_DERIVED = 4       /* coordinates computed by the build, not surveyed */
};

typedef struct sr_geo_entry {
    uint32_t id;              /* GeoNames id (ignored for the supplement) */
    const char *name;         /* required */
    const char *asciiname;    /* may be NULL */
    const char *altnames;     /* comma-separated; "=Ky." abbreviation, "^US" code */
    const char *variants;     /* sitrep's own spellings, comma-separated, never filtered */
    double lat, lon;
    char fclass;              /* GeoNames feature class: P, A, L, ... */
    const char *fcode;        /* PPL, PPLC, ADM1, PCLI, CONT, PPLX, ... */
    const char *cc;           /* ISO 3166-1 alpha-2, or "" for continents */
    const char *admin1;       /* admin1 code within cc ("13"), or NULL */
    const char *admin1_name;  /* used when admin1 is NULL: matched by key */
    uint32_t population;
    const char *parent;       /* enclosing place, by name, in the same country */
    unsigned flags;           /* SR_GEO_ENTRY_* */
} sr_geo_entry;

typedef struct sr_geo_builder sr_geo_builder;

int sr_geo_builder_new(sr_geo_builder **out);
/* Declares admin1 area cc.code with its display name and comma-separated
 * alternates; a repeated code renames the area (the old name stays an
 * alternate).  The area's coordinates come from an entry with fcode ADM1
 * and the same admin1 code. */
int sr_geo_builder_admin1(sr_geo_builder *b, const char *cc, const char *code, const char *name,
                          const char *altnames);
int sr_geo_builder_add(sr_geo_builder *b, const sr_geo_entry *e, sr_error *err);
/* "Syrian" -> "SY" (a country code) or the name of a place ("Europe"). */
int sr_geo_builder_demonym(sr_geo_builder *b, const char *word, const char *target);
/* A common lower-case English word: such a name needs support to be a place. */
int sr_geo_builder_word(sr_geo_builder *b, const char *word);
/* A capitalised English word, a name ("John", "Morgan"): a common word that
 * is also one stands for a given name before a surname ("John Bolton"),
 * not for an organisation's word ("Environment Canada"). */
int sr_geo_builder_name(sr_geo_builder *b, const char *word);
/* Resolves admin areas, parents and demonyms, and appends the file to out.
 * Problems that do not stop the build are written to warn (may be NULL); an
 * unknown admin1 in a supplement entry is an error. */
int sr_geo_builder_finish(sr_geo_builder *b, sr_buf *out, FILE *warn, sr_error *err);
void sr_geo_builder_free(sr_geo_builder *b);

/* ---- one document --------------------------------------------------------- */

enum {
    SR_GEO_PLACE = 0,    /* a toponym used as a place */
    SR_GEO_DEMONYM = 1,  /* "Syrian forces": adjectival, names the country */
    SR_GEO_ORGNAME = 2   /* part of an organisation name: "Jordan Times" */
};

/* How specific a place is; larger is more specific. */
enum {
    SR_GEO_LEVEL_REGION = 0,   /* continent, world region */
    SR_GEO_LEVEL_COUNTRY = 1,
    SR_GEO_LEVEL_ADMIN1 = 2,
    SR_GEO_LEVEL_ADMIN2 = 3,   /* counties, districts, named areas */
    SR_GEO_LEVEL_CITY = 4,     /* towns and cities */
    SR_GEO_LEVEL_LOCAL = 5     /* neighbourhoods, villages, camps, crossings */
};

enum {
    SR_GEO_F_DATELINE = 1,     /* in the dateline ("DAMASCUS, July 16 -") */
    SR_GEO_F_FUZZY = 2,        /* matched with one edit */
    SR_GEO_F_CUE = 4,          /* a place cue stood beside it ("in", "province") */
    SR_GEO_F_MODIFIER = 8,     /* names an institution's seat: "London police",
                                  "the Damascus government", "Kentucky State Police" */
    SR_GEO_F_ORIGIN = 16,      /* after "from": where people or things came from
                                  ("evacuees from the towns of Fuaa") */
    SR_GEO_F_CAPITAL = 32,     /* a country before its "capital" ("east of Syria's
                                  capital"): the capital stands for it in events */
    SR_GEO_F_SITE = 64,        /* before a building's word ("Al-Quds hospital"):
                                  outside the story's country, the building's name */
    SR_GEO_F_MOVED = 128,      /* an origin of people who moved ("evacuees from X",
                                  "displaced from X"): not where they were hit */
    SR_GEO_F_BEARING = 256     /* a point of reference after a bearing, right after
                                  the place it places ("Madaya west of Damascus") */
};

typedef struct sr_geo_place {
    size_t start, end;         /* bytes [start, end) of the document text */
    const char *text;          /* = document text + start (not NUL-terminated) */
    const char *name;          /* the gazetteer's name; the strings below are */
    const char *admin1;        /* owned by the gazetteer ("" when unknown) */
    const char *country;       /* country name, "" when unknown */
    double lat, lon;
    uint32_t geonameid;        /* GeoNames id, 0 for supplement entries */
    uint32_t supp_id;          /* supplement entry number, 0 for GeoNames */
    char fclass;               /* GeoNames feature class */
    char fcode[8];
    char cc[3];                /* ISO 3166-1 alpha-2, "" for continents */
    int role;                  /* SR_GEO_PLACE, _DEMONYM, _ORGNAME */
    int level;                 /* SR_GEO_LEVEL_* */
    unsigned flags;            /* SR_GEO_F_* */
    float conf;                /* 0..1 */
} sr_geo_place;

enum {
    SR_GEO_WITH_DEMONYMS = 1,  /* sr_geo_doc_places also lists demonyms */
    SR_GEO_WITH_ORGNAMES = 2   /* ... and place names inside organisation names */
};

typedef struct sr_geo_opts {
    unsigned flags;            /* SR_GEO_WITH_* */
    float min_conf;            /* places below are dropped (0: the default, 0.5) */
} sr_geo_opts;

typedef struct sr_geo_doc sr_geo_doc;

/* Finds and resolves the places of text[0..len) analysed as t (sr_text on
 * the same text).  opts may be NULL.  Everything lives in arena a; text
 * must outlive the result.  Its working memory comes from a's scratch
 * arena (sr_arena_scratch), which it resets: the caller keeps nothing
 * there across the call.  Returns SR_OK or SR_ENOMEM. */
int sr_geo_find(const sr_geo *g, sr_arena *a, const char *text, size_t len, const sr_text *t,
                const sr_geo_opts *opts, sr_geo_doc **out, sr_error *err);

/* The places in text order: toponyms, plus what opts->flags asked for. */
const sr_geo_place *sr_geo_doc_places(const sr_geo_doc *d, size_t *n);

/* The most specific place (toponym) inside bytes [start, end) -- a clause or
 * a sentence -- or NULL.  Among equally specific ones, the first.  Datelines
 * count only when nothing else is there. */
const sr_geo_place *sr_geo_doc_locate(const sr_geo_doc *d, size_t start, size_t end);

/* The document's focus: the place it is mainly about -- in the focus
 * country, mentions in the first two sentences counting most, towns and
 * districts before admin areas, the country only as a fallback -- or NULL
 * when it names no place. */
const sr_geo_place *sr_geo_doc_focus(const sr_geo_doc *d);
/* The focus country code ("SY"), or NULL. */
const char *sr_geo_doc_focus_country(const sr_geo_doc *d);

/* sr_geo_doc_event_place for an event whose actors are not known.  A
 * clause range of (0, 0) skips the first step. */
const sr_geo_place *sr_geo_doc_event_location(const sr_geo_doc *d, size_t clause_start,
                                              size_t clause_end, size_t sent_start,
                                              size_t sent_end);

/* Where an event happened, from what the event knows of itself. */
typedef struct sr_geo_event {
    size_t clause_start, clause_end;   /* its clause, or (0, 0) */
    size_t sent_start, sent_end;       /* its sentence */
    size_t actor_start[2], actor_end[2]; /* the words of its source and target,
                                            or (0, 0): "Russia" in "Russia
                                            bombed Aleppo" is an actor */
    size_t verb;                       /* byte where its verb or noun stands:
                                          of two places alike, the nearer */
    int force;                         /* an act of force: where the people it
                                          hit had moved from (SR_GEO_F_MOVED) is
                                          not where it was */
} sr_geo_event;

/* An event's location: the best place of its clause, else of its sentence,
 * else the document focus (NULL only when the document names no place).
 * Places inside the event's actors and datelines do not count (a dateline
 * only when nothing else is there); among the rest, specific places beat
 * general ones, places of the document's focus country beat foreign ones,
 * and an institution's seat ("the Damascus government") beats nothing
 * else.  A country or admin1 area stands for the document's main place
 * inside it ("fighting in Syria" in a story about Hasaka is in Hasaka). */
const sr_geo_place *sr_geo_doc_event_place(const sr_geo_doc *d, const sr_geo_event *ev);

/* Appends p as a JSON object of the `places` array: start, end, text, name,
 * lat, lon, country, admin1, geonameid (null for sitrep's own entries, which
 * add "supplement": "S<n>"), feature ("P.PPLX"), role (demonyms and
 * organisation parts only) and conf.  Returns SR_OK or SR_ENOMEM. */
int sr_geo_place_json(const sr_geo_place *p, sr_buf *b);
/* Appends p as an event `location` object: name, lat, lon, country, admin1;
 * "null" when p is NULL. */
int sr_geo_location_json(const sr_geo_place *p, sr_buf *b);

#endif
