/*
 * sr_dict.h - the dictionary layer: reads TABARI and PETRARCH dictionaries
 * unchanged and compiles them into read-only matchers for the coder.
 *
 * Life cycle:
 *
 *     sr_dict *d = sr_dict_new();
 *     sr_dict_load_file(d, "TABARI.Demo.actors", SR_DICT_AUTO, &err, sr_dict_warn_print, stderr);
 *     sr_dict_load_file(d, "TABARI.Demo.verbs", SR_DICT_AUTO, &err, sr_dict_warn_print, stderr);
 *     sr_dict_compile(d, &err);
 *     ... match from any number of threads ...
 *     sr_dict_free(d);
 *
 * A bad dictionary line never stops loading: it is reported through the
 * warning callback as "file:line: message" (an sr_error with code
 * SR_EPARSE, the file name, the 1-based line and the 0-based byte in the
 * line) and skipped.  Only I/O errors, binary input and running out of
 * memory make a load fail.  Several files of one kind may be loaded; their
 * entries merge.
 *
 * After sr_dict_compile() the set is immutable: every query below only
 * reads it, so one compiled set can be shared by all threads.  Matching,
 * sr_dict_pattern_get() and sr_dict_label() need a compiled set (they return
 * SR_EINVAL or NULL before); the record getters (actors, verbs, ...) and
 * the counts work at any time.  Every string a getter returns is owned by
 * the set and lives until sr_dict_free().
 *
 * Words.  Dictionary words are folded with sr_text_fold() (NFC, case fold,
 * typographic quotes and dashes) and split the way the text stage splits
 * tokens, so a word matches a token's `norm` byte for byte.  Every distinct
 * folded word gets an id (1..n; 0 means "not in any dictionary").
 *
 * Match modes.  TABARI words are stems unless ended: WORD matches any token
 * starting with it, WORD_ matches the word or the word plus a regular
 * ending (s, es, ed, en, ing; TABARI 5.2.3), WORD= matches the word only.
 * A word ending in E takes the endings that start with a vowel with its E
 * merged or dropped: DEPLORE_ matches "deplored", "deplores", "deploring"
 * (and TAKE_ "taken"); "deplorex" is no ending.  Where a word stands decides
 * whether "_" lets endings in: on the last word of an actor, agent, noun or
 * verb phrase WORD_ takes them; inside a phrase (WORD_NEXT), in a verb
 * pattern ("- * RESOLUTION_") and in a synset member ("+KRONER_") WORD_ is
 * a closed match: the word only (TABARI 5.5.3, 5.6).  PETRARCH words
 * are whole words (PETRARCH lists plurals and verb forms explicitly, and
 * the loader generates the regular ones as PETRARCH does).  Between words,
 * "_" means the next word must follow at once and a blank means other words
 * may come between (TABARI 5.5.3).  Where the tokeniser may split a word
 * differently from how it is written, both forms are stored: AL-ASSAD
 * matches "al-assad" and "al" "assad" (TABARI reads hyphens as "_"),
 * SEC._OF_STATE matches "sec." and "sec" "." (the tokeniser keeps a period
 * only on abbreviations it knows), and a lone " - " between words may be
 * there or not.  A phrase gets at most 64 such spellings.
 *
 * Possessives.  The text stage splits "'s" (and the "'" of "rebels'") off
 * as a token of its own; the parse stage drops that token and marks the
 * word before it (sr_pword.poss).  A caller that builds a sequence from
 * such words passes the mark to sr_dict_seq_from_words_flags() as
 * SR_DICT_SEQ_POSS (plain sr_dict_seq_from_words() knows of none), and
 * then (TABARI 5.2.3):
 *   - in the actor, agent, noun, adjective, <TIME>, <ATTRIB>, discard and
 *     issue tables and in synsets it can only be the last word of a match
 *     ("ithilen's government radio" is not ITHILEN_GOVERNMENT_RADIO_, but
 *     "ithilen's" is ITHILEN), whatever the word's mode except WORD= and a
 *     synset member's closed WORD_; a phrase written with the possessive
 *     (SAINT_JOHN'S_) matches it there and goes on;
 *   - in the verb table it never matches ("plan's" is no verb);
 *   - as a pattern word (sr_dict_word_matches) it matches stems only, by
 *     prefix as TABARI does ("plan's" is not PLAN_ in PLAN_TO_*).
 *
 * Storage is flat (arrays of fixed records, one string pool, open
 * addressing hashes) so that a compiled set can be cached as it is.
 */
#ifndef SR_DICT_H
#define SR_DICT_H

#include "../text/sr_text.h"
#include "../util/sr_util.h"

#include <stddef.h>
#include <stdint.h>

typedef struct sr_dict sr_dict;

/* ---- file kinds ------------------------------------------------------ */

enum {
    SR_DICT_AUTO = 0,    /* from the file name, else from the content */
    SR_DICT_ACTORS = 1,  /* .actors: actors, <NOUN>, <ADJECTIVE> */
    SR_DICT_AGENTS = 2,
    SR_DICT_VERBS = 3,   /* verbs, synsets, <TIME>, <ATTRIB>, transformations */
    SR_DICT_DISCARDS = 4,
    SR_DICT_OPTIONS = 5, /* TABARI .options */
    SR_DICT_ISSUES = 6
};

/* The kind a file name names: the last of "option", "discard", "issue",
 * "agent", "actor", "verb" (any case) in the base name, or "cameo" for the
 * PETRARCH verb file.  Returns SR_DICT_AUTO when the name says nothing. */
int sr_dict_kind_from_name(const char *path);
/* "actors", "verbs", ...; "auto" for SR_DICT_AUTO, "?" for other values. */
const char *sr_dict_kind_name(int kind);

/* ---- building ------------------------------------------------------- */

/* Returns an empty set, or NULL when memory runs out.  Free with
 * sr_dict_free(). */
sr_dict *sr_dict_new(void);
void sr_dict_free(sr_dict *d);

/* Receives one warning per bad line; w->file stays valid until the set is
 * freed.  Called from the loading thread only. */
typedef void (*sr_dict_warn_fn)(void *ctx, const sr_error *w);

/* A ready-made callback: prints "file:line: message" to ctx, a FILE *
 * (stderr when ctx is NULL). */
void sr_dict_warn_print(void *ctx, const sr_error *w);

/* Reads one dictionary file.  kind is SR_DICT_AUTO or one of the kinds
 * above; whether the file uses TABARI or PETRARCH syntax is decided from
 * its content.  warn may be NULL (warnings are then only counted).
 * Returns 0, or SR_EIO (cannot read), SR_EBINARY (not text), SR_EINVAL (the
 * set is already compiled, or the kind cannot be determined) or SR_ENOMEM
 * with err filled.  After a failure the set stays usable but may hold part
 * of the file. */
int sr_dict_load_file(sr_dict *d, const char *path, int kind, sr_error *err,
                      sr_dict_warn_fn warn, void *warn_ctx);

/* The same for a file already in memory; name is used for the kind and in
 * warnings (it is copied).  data need not be NUL-terminated. */
int sr_dict_load_mem(sr_dict *d, const char *name, const char *data, size_t len, int kind,
                     sr_error *err, sr_dict_warn_fn warn, void *warn_ctx);

/* Warnings reported so far, over all loads. */
size_t sr_dict_warning_count(const sr_dict *d);

/* Whether a phrase written twice is reported (default on; TABARI's
 * SET: DUP WARNING).  The first entry is kept either way. */
void sr_dict_set_dup_warnings(sr_dict *d, int on);

/* Freezes the set: orders every verb's patterns longest first (TABARI
 * 5.7.1; equal lengths keep file order) and builds the lookup indexes.
 * Returns 0, SR_ENOMEM, or SR_EINVAL when called twice. */
int sr_dict_compile(sr_dict *d, sr_error *err);
int sr_dict_is_compiled(const sr_dict *d);

/* ---- compiled cache --------------------------------------------------- */

/* Where compiled sets are cached.  dir NULL or "" means the default: the
 * SITREP_DICT_CACHE environment variable, else $XDG_CACHE_HOME/sitrep,
 * else $HOME/.cache/sitrep.  disable (or SITREP_NO_DICT_CACHE set to
 * anything but "" or "0") turns the cache off. */
typedef struct sr_dict_cache_opts {
    const char *dir;
    int disable;
} sr_dict_cache_opts;

/* Loads paths[0..n) (kinds from their names, as sr_dict_load_file with
 * SR_DICT_AUTO) into a new set and compiles it, through the cache: when a
 * cache file made from the same files (same paths, sizes, times and
 * contents) by the same build of sitrep exists, it is mapped read-only
 * instead, and the warnings loading gave then are passed to warn again, so
 * the caller sees the same.  Otherwise the set is compiled and the cache
 * file written (atomically: a temporary file renamed over the old one; a
 * cache that cannot be written is no error).  A stale, corrupt, truncated
 * or foreign cache file is ignored and rewritten.  co may be NULL (the
 * defaults).  Returns 0 with *out set (free with sr_dict_free()), or the
 * error sr_dict_load_file() or sr_dict_compile() gave, with err filled. */
int sr_dict_open(const char *const *paths, size_t n, const sr_dict_cache_opts *co,
                 sr_dict **out, sr_error *err, sr_dict_warn_fn warn, void *warn_ctx);
/* How many cache files a cache folder keeps after a new one is written:
 * those used last (older ones, of other dictionary sets or other builds,
 * are removed). */
#define SR_DICT_CACHE_KEEP 8
/* The cache folder co (may be NULL) selects, into buf.  Returns 0, or
 * SR_EINVAL when the cache is off or no folder can be found, SR_ETOOBIG
 * when buf is too small. */
int sr_dict_cache_dir(const sr_dict_cache_opts *co, char *buf, size_t cap);
/* 1 when d was read from a cache file. */
int sr_dict_from_cache(const sr_dict *d);

/* ---- counts ----------------------------------------------------------- */

enum {
    SR_DICT_N_WORDS,       /* distinct folded words */
    SR_DICT_N_PHRASES,     /* phrases of every table (variants counted once) */
    SR_DICT_N_ACTORS,      /* actor entries (a synonym group is one entry) */
    SR_DICT_N_ACTOR_PHRASES,
    SR_DICT_N_AGENTS,      /* agent phrases, generated plurals included */
    SR_DICT_N_VERBS,       /* verb entries: TABARI roots, PETRARCH blocks (all sets) */
    SR_DICT_N_FORMS,       /* verb forms, generated ones included */
    SR_DICT_N_PATTERNS,
    SR_DICT_N_SYNSETS,
    SR_DICT_N_TIME,        /* <TIME> roots */
    SR_DICT_N_ATTRIB,      /* <ATTRIB> roots */
    SR_DICT_N_NOUNS,
    SR_DICT_N_ADJECTIVES,
    SR_DICT_N_DISCARDS,
    SR_DICT_N_ISSUES,
    SR_DICT_N_ISSUE_CATEGORIES,
    SR_DICT_N_TRANSFORMS,
    SR_DICT_N_LABELS,
    SR_DICT_N_FILES,
    SR_DICT_N__COUNT
};
/* Returns the count, 0 for an unknown selector.  Works before compiling. */
size_t sr_dict_count(const sr_dict *d, int what);

/* ---- words ------------------------------------------------------------ */

/* The id of the folded word norm[0..len) (as a token's norm), 0 when no
 * dictionary uses it.  Never fails. */
uint32_t sr_dict_word_id(const sr_dict *d, const char *norm, size_t len);
/* The folded text of a word id, NUL-terminated, owned by the set; NULL for
 * an unknown id. */
const char *sr_dict_word_text(const sr_dict *d, uint32_t id, size_t *len);

/* ---- token sequences ---------------------------------------------------- */

/* A sentence (or any run of tokens) resolved against the vocabulary once:
 * for each token its exact word id and the dictionary words it can stand
 * for through a regular ending or as a stem.  Lives in the caller's arena. */
typedef struct sr_dict_seq sr_dict_seq;

/* How a token relates to a candidate word. */
enum {
    SR_DICT_K_EXACT = 0,   /* the token is the word */
    SR_DICT_K_ENDING = 1,  /* the word plus one of s, es, ed, en, ing, or a
                            * word ending in E plus d, s, n (deplore-d) */
    SR_DICT_K_PREFIX = 2,  /* the word is a proper prefix of the token */
    SR_DICT_K_ENDING_E = 3 /* a word ending in E with the E dropped before
                            * ing (deploring): an ending, but not a prefix,
                            * so stems do not take it */
};

/* Per-word flags for sr_dict_seq_from_words_flags(). */
enum {
    SR_DICT_SEQ_POSS = 1u << 0  /* the word carried a possessive "'s" or "'"
                                 * in the text (see Possessives above) */
};

/* Resolves toks[0..n) (their norm fields), one sequence position per
 * token; a possessive token stays a token of its own.  Returns 0 or
 * SR_ENOMEM / SR_EINVAL; *out lives in arena a. */
int sr_dict_seq_new(const sr_dict *d, sr_arena *a, const sr_token *toks, size_t n,
                    sr_dict_seq **out);
/* The same from plain folded words (words[i] of lens[i] bytes). */
int sr_dict_seq_from_words(const sr_dict *d, sr_arena *a, const char *const *words,
                           const size_t *lens, size_t n, sr_dict_seq **out);
/* The same with flags[i] (SR_DICT_SEQ_*) for each word; flags may be NULL.
 * words[i] is the word without its possessive ("ithilen", not
 * "ithilen's"). */
int sr_dict_seq_from_words_flags(const sr_dict *d, sr_arena *a, const char *const *words,
                                 const size_t *lens, const uint8_t *flags, size_t n,
                                 sr_dict_seq **out);
/* The same over n records of stride bytes from base: the word (a const
 * char *) at byte offset word_off of each, its length (a size_t) at
 * len_off, and an int at poss_off that is nonzero when the word carried a
 * possessive (poss_off SIZE_MAX: none), so that a caller's word records
 * need no copying into arrays. */
int sr_dict_seq_from_records(const sr_dict *d, sr_arena *a, const void *base, size_t n,
                             size_t stride, size_t word_off, size_t len_off, size_t poss_off,
                             sr_dict_seq **out);
/* The same with each record's word number, complemented (a uint32_t
 * ~number at num_off, so that a record's -1 is none; so are numbers 0 and
 * from nid): a number an earlier stage gave the word, which must name
 * that word, and only it, for the life of the process (such as
 * sr_facts_word_number's).  A numbered word is resolved once per thread
 * and read by its number after.  num_off SIZE_MAX: no numbers. */
int sr_dict_seq_from_records_ids(const sr_dict *d, sr_arena *a, const void *base, size_t n,
                                 size_t stride, size_t word_off, size_t len_off, size_t poss_off,
                                 size_t num_off, uint32_t nid, sr_dict_seq **out);
/* The SR_DICT_SEQ_* flags of word i (0 when out of range). */
unsigned sr_dict_seq_flags(const sr_dict_seq *s, size_t i);
size_t sr_dict_seq_len(const sr_dict_seq *s);
/* Exact word id of token i (0 when unknown or out of range). */
uint32_t sr_dict_seq_word(const sr_dict_seq *s, size_t i);
/* Candidates of token i, most specific first (exact, endings, longest
 * prefix first; at most 64).  Returns the count and sets *ids / *kinds
 * (either may be NULL); 0 for a token no dictionary word fits. */
size_t sr_dict_seq_cands(const sr_dict_seq *s, size_t i, const uint32_t **ids,
                         const uint8_t **kinds);

/* ---- phrase tables and longest match ------------------------------------ */

enum {
    SR_DICT_T_ACTORS = 0,
    SR_DICT_T_AGENTS,
    SR_DICT_T_VERBS,       /* entry = verb form */
    SR_DICT_T_TIME,        /* entry = verb form of a <TIME> root */
    SR_DICT_T_ATTRIB,      /* entry = verb form of an <ATTRIB> root */
    SR_DICT_T_NOUNS,       /* entry = phrase id */
    SR_DICT_T_ADJECTIVES,  /* entry = phrase id */
    SR_DICT_T_DISCARDS,
    SR_DICT_T_ISSUES,
    SR_DICT_T_EVNOUNS,     /* entry = verb form of an event noun (sitrep format) */
    SR_DICT_T__COUNT,
    SR_DICT_T_SYNSET = 100 /* only in sr_dict_phrase.table; entry = synset id */
};

/* Options for matching.  Pass NULL for the defaults: stems and endings as
 * the dictionary says, gaps allowed up to the end of the range. */
typedef struct sr_dict_match_opts {
    unsigned flags;        /* SR_DICT_M_* */
    size_t max_gap;        /* most tokens skipped at one blank connector;
                            * 0 makes blanks act like "_" */
} sr_dict_match_opts;

enum {
    SR_DICT_M_NO_STEMS = 1u << 0,   /* stems match whole words only */
    SR_DICT_M_ENDINGS = 1u << 1,    /* whole words accept regular endings too */
    SR_DICT_M_NO_GAPS = 1u << 2     /* blank connectors act like "_" */
};

typedef struct sr_dict_match {
    uint32_t entry;        /* what the phrase names; see the table list */
    uint32_t phrase;       /* which phrase matched (sr_dict_phrase_get) */
    size_t start, end;     /* tokens [start, end) of the sequence */
    uint32_t nwords;       /* dictionary words matched */
    uint32_t chars;        /* bytes of those dictionary words */
} sr_dict_match;

/* Finds the longest phrase of table that starts at token i and lies in
 * [i, n) (n is clamped to the sequence; pass a clause end to stop there).
 * Longest means most dictionary words, then most dictionary bytes (TABARI
 * prefers SIGNED to SIGN), then the earlier end, then the earlier phrase.
 * Returns 1 and fills *m, 0 when nothing matches, SR_EINVAL on bad
 * arguments or an uncompiled set, SR_ENOMEM in the (rare) case that a
 * search outgrows its stack buffer and malloc fails.  The search is bounded
 * (65536 steps); a pathological phrase set may then miss its longest match,
 * never hang. */
int sr_dict_match_longest(const sr_dict *d, int table, const sr_dict_seq *s, size_t i,
                          size_t n, const sr_dict_match_opts *o, sr_dict_match *m);

/* sr_dict_match_longest (without options) over every table whose bit
 * (1 << SR_DICT_T_*) is in tables, at once: the longest match by words,
 * then bytes, a tie going to the table of lower rank[table].  Returns 1
 * and fills *m and *table, or 0 when no table matches.  One call per
 * token instead of one per table: the typing loop of a parser. */
int sr_dict_match_best(const sr_dict *d, const sr_dict_seq *s, size_t i, size_t n,
                       unsigned tables, const signed char *rank, sr_dict_match *m, int *table);
/* sr_dict_seq_starts() of every token, as an array of sr_dict_seq_len()
 * (owned by the sequence): most tokens start nothing, and a loop over
 * them need not call in for each. */
const uint16_t *sr_dict_seq_starts_all(const sr_dict_seq *s);

/* The same over one synset's members: m->entry is the synset id.  Members
 * that hold actor markers ("+PESO_$") are not searched here: they live as
 * pattern variants (see sr_dict_pattern). */
int sr_dict_synset_match(const sr_dict *d, uint32_t synset, const sr_dict_seq *s, size_t i,
                         size_t n, const sr_dict_match_opts *o, sr_dict_match *m);

/* Where a match may start.  sr_dict_seq_starts() has bit 1 << table set
 * when a phrase of that table may start at token i, and
 * SR_DICT_START_SYNSET when a member of some synset may; a clear bit means
 * sr_dict_match_longest() (sr_dict_synset_match()) finds nothing there, so
 * a caller that tries many tables or positions skips them.  A set bit only
 * says "maybe".  0 when i is out of range. */
enum { SR_DICT_START_SYNSET = 1u << 15 };
unsigned sr_dict_seq_starts(const sr_dict_seq *s, size_t i);
/* 0 when no member of synset can start at token i (no match there), 1 when
 * one may.  Needs a compiled set; 0 on bad arguments. */
int sr_dict_synset_may_start(const sr_dict *d, uint32_t synset, const sr_dict_seq *s, size_t i);
/* The synsets (ids, ascending) whose trie members can start with word:
 * returns their number and sets *ids (owned by the set).  A sentence in
 * which none of a synset's starting words occurs cannot match it.  0 for
 * an unknown word or an uncompiled set. */
size_t sr_dict_synsets_starting(const sr_dict *d, uint32_t word, const uint32_t **ids);

/* 1 when token i of s can stand for word under mode (an SR_DICT_W_* value
 * from a pattern element), 0 otherwise. */
int sr_dict_word_matches(const sr_dict *d, const sr_dict_seq *s, size_t i, uint32_t word,
                         int mode, const sr_dict_match_opts *o);

/* Searches along a list of token positions (at[from..to), e.g. the words
 * of a clause): the first j at which sr_dict_word_matches(d, s, at[j],
 * word, mode, NULL) (sr_dict_synset_may_start(d, synset, s, at[j])) holds,
 * or to when none does.  One call for a scan a pattern element makes. */
size_t sr_dict_seq_find_word(const sr_dict *d, const sr_dict_seq *s, const size_t *at,
                             size_t from, size_t to, uint32_t word, int mode);
size_t sr_dict_seq_find_synset(const sr_dict *d, const sr_dict_seq *s, const size_t *at,
                               size_t from, size_t to, uint32_t synset);

typedef struct sr_dict_phrase {
    const char *text;      /* as written in the file (comments removed), or
                            * as generated (plurals, verb forms, expansions) */
    const char *file;
    long line;
    int table;             /* SR_DICT_T_* */
    uint32_t entry;
    uint32_t nwords;
    int cased;             /* matches only with the capitals as written */
} sr_dict_phrase;
/* Returns 0 or SR_EINVAL for an unknown id. */
int sr_dict_phrase_get(const sr_dict *d, uint32_t phrase, sr_dict_phrase *out);
/* The phrase's text when it is cased (sr_dict_phrase.cased), else NULL
 * (and for an unknown id): what typing asks of every actor it finds,
 * without filling the rest. */
const char *sr_dict_phrase_cased(const sr_dict *d, uint32_t phrase);

/* ---- codes ------------------------------------------------------------ */

enum {
    SR_DICT_C_NULL = 1u << 0,      /* [---]: no event, no actor */
    SR_DICT_C_DISCARD = 1u << 1,   /* [###] */
    SR_DICT_C_COMPLEX = 1u << 2,   /* [+++] */
    SR_DICT_C_SUBORD = 1u << 3,    /* 023? : used only if nothing else */
    SR_DICT_C_DOMINANT = 1u << 4,  /* 111! */
    SR_DICT_C_PAIRED = 1u << 5,    /* 032:033 or :173 */
    SR_DICT_C_SHIFT = 1u << 6,     /* <TIME> day shift in .shift */
    SR_DICT_C_NONE = 1u << 7       /* no code written; the coder decides */
};

/* An event code as the dictionary gives it. */
typedef struct sr_dict_code {
    const char *code;      /* "031" (without ? or !); NULL for special codes */
    const char *paired;    /* second half of "032:033", NULL if none */
    uint32_t flags;        /* SR_DICT_C_* */
    int32_t shift;         /* days, with SR_DICT_C_SHIFT */
} sr_dict_code;

/* ---- actors --------------------------------------------------------- */

enum { SR_DICT_DATE_MIN = 0, SR_DICT_DATE_MAX = 99991231 };

/* One [CODE date-range] block.  Dates are YYYYMMDD integers; a block with
 * no restriction has lo = SR_DICT_DATE_MIN and hi = SR_DICT_DATE_MAX and
 * flag SR_DICT_R_DEFAULT. */
typedef struct sr_dict_role {
    const char *codes;     /* first code; a coded compound "A/B" holds ncodes
                            * NUL-separated codes (use sr_dict_role_code) */
    uint32_t ncodes;       /* 0 for the special codes */
    uint32_t flags;        /* SR_DICT_C_NULL / _DISCARD / _COMPLEX, SR_DICT_R_DEFAULT */
    int32_t lo, hi;        /* inclusive */
} sr_dict_role;
enum { SR_DICT_R_DEFAULT = 1u << 16 };

typedef struct sr_dict_actor {
    uint32_t nroles;
    uint32_t parent;       /* first phrase of the synonym group (OUTPUT:
                            * PARENT); UINT32_MAX if that line was bad */
    const char *file;
    long line;
} sr_dict_actor;

int sr_dict_actor_get(const sr_dict *d, uint32_t actor, sr_dict_actor *out);
/* Role k (0-based, file order) of an actor.  Returns 0 or SR_EINVAL. */
int sr_dict_actor_role(const sr_dict *d, uint32_t actor, uint32_t k, sr_dict_role *out);
/* The role that applies on date (YYYYMMDD): the first restricted role whose
 * range holds the date, else the first unrestricted one (TABARI 6.5.2).
 * Returns 1 and fills *out, or 0 when none applies, which TABARI treats as
 * the null code. */
int sr_dict_actor_role_at(const sr_dict *d, uint32_t actor, int32_t date, sr_dict_role *out);
/* Code k of a role (k < ncodes), else NULL. */
const char *sr_dict_role_code(const sr_dict_role *r, uint32_t k);
/* What a three-letter segment of a CAMEO actor code is in the codebook:
 * SR_DICT_SEG_* flags, 0 for a country or anything unknown.  seg may be
 * shorter than three letters if NUL-terminated. */
enum {
    SR_DICT_SEG_TYPE = 1,     /* a generic role: GOV, MIL, REB ... */
    SR_DICT_SEG_ORG = 2,      /* an organisation type in a country's place: IGO, NGO ... */
    SR_DICT_SEG_RELIGION = 4, /* MOS, CHR, SUN ... */
    SR_DICT_SEG_ETHNIC = 8,   /* KUR, ARB, ETN ... */
    SR_DICT_SEG_PEOPLE = 16   /* heads a code as a people named without a country */
};
int sr_dict_segment_kind(const char *seg);
/* Whether an actor code starts with one of CAMEO's ethnic or religious
 * codes, a people named without its country ("KUR" Kurds, "MOSSUN" Sunnis,
 * "ETN" a people CAMEO has no code of its own for, "REL" such a religious
 * group): 1 or 0. */
int sr_dict_people_code(const char *code);

/* Parses a YYMMDD (years 00-30 are 2000-2030, TABARI 6.5.2) or YYYYMMDD
 * date into *out as YYYYMMDD.  Returns 0 or SR_EPARSE (wrong length,
 * non-digits, impossible month or day). */
int sr_dict_date_parse(const char *s, size_t n, int32_t *out);

/* ---- agents --------------------------------------------------------- */

enum {
    SR_DICT_AGENT_SUFFIX = 0,  /* [~GOV]: actor code then GOV */
    SR_DICT_AGENT_PREFIX = 1,  /* [NGO~]: NGO then actor code */
    SR_DICT_AGENT_NONE = 2     /* "= none": the words name no agent ("gas
                                * tank" is no tank); code is "" */
};
typedef struct sr_dict_agent {
    const char *code;      /* without the ~ */
    int position;          /* SR_DICT_AGENT_* */
    const char *file;
    long line;
} sr_dict_agent;
int sr_dict_agent_get(const sr_dict *d, uint32_t agent, sr_dict_agent *out);

/* ---- verbs, forms and patterns -------------------------------------- */

enum { SR_DICT_SET_VERBS = 0, SR_DICT_SET_TIME = 1, SR_DICT_SET_ATTRIB = 2, SR_DICT_SET_NOUN = 3 };

/* A verb entry: a TABARI root with its {forms}, or a PETRARCH block
 * "--- NAME [code] ---" with its verbs.  The patterns belong to it. */
typedef struct sr_dict_verb {
    const char *name;      /* root phrase or block name as written */
    sr_dict_code code;     /* root code or block default */
    uint32_t first_pattern, npatterns; /* pattern ids, longest first */
    int set;               /* SR_DICT_SET_* */
    const char *file;
    long line;
} sr_dict_verb;
int sr_dict_verb_get(const sr_dict *d, uint32_t verb, sr_dict_verb *out);

/* A verb form: what the verb tables' phrases lead to. */
typedef struct sr_dict_form {
    uint32_t verb;         /* sr_dict_verb_get */
    sr_dict_code code;     /* the form's own code (PETRARCH) or the verb's */
    uint32_t verb_word;    /* which word of the phrase is the verb (PETRARCH
                            * +WORD marker; 0 otherwise) */
    const char *file;
    long line;
} sr_dict_form;
int sr_dict_form_get(const sr_dict *d, uint32_t form, sr_dict_form *out);
/* What the coder needs of a form, without the rest of the two records:
 * the form's code and its verb's patterns (sr_dict_verb first_pattern and
 * npatterns).  Returns 0 or SR_EINVAL. */
int sr_dict_form_patterns(const sr_dict *d, uint32_t form, sr_dict_code *code,
                          uint32_t *first_pattern, uint32_t *npatterns);
/* Less again, for typing, which asks it of every verb it finds: the
 * form's code flags (SR_DICT_C_*) and its verb's number of patterns.
 * Returns 0 or SR_EINVAL, as sr_dict_form_patterns. */
int sr_dict_form_flags(const sr_dict *d, uint32_t form, uint32_t *flags, uint32_t *npatterns);

/* Pattern elements.  "consec" is 1 when the element must immediately
 * follow the previous one ("_" in the dictionary), 0 when words may come
 * between.  The first element of each alternative inherits the consec of
 * its ALT_OPEN.  PETRARCH-2 patterns keep their grouping: ( ) around a
 * prepositional phrase and { } (without |) around a noun phrase. */
enum {
    SR_DICT_E_WORD = 1,       /* value = word id, mode = SR_DICT_W_* */
    SR_DICT_E_SYNSET,         /* value = synset id */
    SR_DICT_E_VERB,           /* * : where the verb stands */
    SR_DICT_E_SOURCE,         /* $ */
    SR_DICT_E_TARGET,         /* + */
    SR_DICT_E_COMPOUND,       /* % : compound actor as source and target */
    SR_DICT_E_SKIP,           /* ^ : skip one actor */
    SR_DICT_E_ATTRIB,         /* @ : attribution actor */
    SR_DICT_E_ALT_OPEN,       /* {  value = index of the first ALT_OR/ALT_CLOSE */
    SR_DICT_E_ALT_OR,         /* |  value = index of the next ALT_OR/ALT_CLOSE */
    SR_DICT_E_ALT_CLOSE,      /* }  value = index of its ALT_OPEN */
    SR_DICT_E_PREP_OPEN,      /* (  value = index of its PREP_CLOSE */
    SR_DICT_E_PREP_CLOSE,     /* )  */
    SR_DICT_E_NP_OPEN,        /* {  value = index of its NP_CLOSE */
    SR_DICT_E_NP_CLOSE        /* }  */
};
enum {
    SR_DICT_W_EXACT = 0,      /* WORD= or WORD_ (closed, 5.5.3), a PETRARCH word */
    SR_DICT_W_ENDINGS = 1,    /* the word or word + regular ending (the loader
                               * no longer gives it to pattern words) */
    SR_DICT_W_STEM = 2        /* WORD : any token starting with it */
};
/* An element's consec: 0 any words may come before it, 1 ("_") it comes
 * right after the element before, SR_DICT_HEAD (">&set", sitrep's own
 * format) it heads the noun phrase that comes right there. */
enum { SR_DICT_HEAD = 2 };
typedef struct sr_dict_elem {
    uint8_t type;
    uint8_t mode;
    uint8_t consec;
    uint8_t reserved;
    uint32_t value;
} sr_dict_elem;

/* Synset members with actor markers.  TABARI allows $ and + in a synset
 * member (manual 5.6: "+PESO_$" is PESO followed at once by the source).
 * Such a member cannot be matched by word lookup alone, so sr_dict_compile()
 * gives every pattern that uses the synset one variant per marked member,
 * with the synset element replaced by the member's elements (SR_DICT_E_WORD,
 * SR_DICT_E_SOURCE, SR_DICT_E_TARGET; the first takes the synset element's
 * consec).  "- * &CURRENCY [903]" thus also yields "- * PESO_$ [903]".  A
 * variant is an ordinary pattern of the same verb with the same code, text,
 * file, line and length; it comes right after the pattern it was made from
 * (variants of one pattern in member order), so the coder needs nothing
 * special.  At most 16 variants per pattern are made (a pattern with
 * several such synsets gets every combination up to that).  Variants count
 * in SR_DICT_N_PATTERNS and in sr_dict_verb.npatterns. */
typedef struct sr_dict_pattern {
    /* What the coder reads of every pattern it weighs comes first, and
     * the struct is aligned to 32 bytes (96 in all): in the set's views,
     * which start on a cache line, these 32 bytes never straddle two, and
     * a pattern turned away by its needs costs one line (the needs sat at
     * bytes 80-91, a second line for most patterns). */
    _Alignas(32) uint32_t verb;
    uint32_t nneed;
    /* What every match needs: the words (ids) and synsets
     * (SR_DICT_NEED_SYNSET | synset id) of the elements outside {a|b}
     * alternatives, in pattern order.  A sentence in which one of them
     * cannot occur (see sr_dict_synsets_starting) cannot match. */
    const uint32_t *need;
    const sr_dict_elem *elems; /* owned by the set */
    uint32_t nelems;
    uint32_t verb_index;   /* index of the SR_DICT_E_VERB element */
    sr_dict_code code;
    uint32_t length;       /* TABARI length: letters and digits, longest
                            * alternative counted */
    const char *text;      /* the pattern as written */
    const char *file;
    long line;
} sr_dict_pattern;
_Static_assert(sizeof(sr_dict_pattern) % 32 == 0, "views keep their first 32 bytes in one line");
enum { SR_DICT_NEED_SYNSET = 0x80000000u }; /* word ids stay below 2^29 */
int sr_dict_pattern_get(const sr_dict *d, uint32_t pattern, sr_dict_pattern *out);
/* The same without the copy, for loops over many patterns: the set's own
 * view (owned by the set), or NULL for an unknown id or an uncompiled set. */
const sr_dict_pattern *sr_dict_pattern_view(const sr_dict *d, uint32_t pattern);

/* What a sequence can stand for, as a Bloom filter of 8192 bits: every
 * candidate word id of every position, and every synset a member of which
 * may start at one (SR_DICT_NEED_SYNSET | synset id), so that patterns
 * needing an absent word or synset are ruled out without matching.  A
 * false "maybe" (about 2% with 150 ids) only costs a pattern run. */
typedef struct sr_dict_bloom {
    uint64_t bits[129];    /* bit 8192 (the last word) is always set */
} sr_dict_bloom;
static inline uint32_t sr_dict_bloom_bit(uint32_t v) { return (v * 2654435761u) >> 19; }
static inline int sr_dict_bloom_has_bit(const sr_dict_bloom *b, uint32_t bit)
{
    return (int)((b->bits[bit >> 6] >> (bit & 63)) & 1);
}
static inline int sr_dict_bloom_has(const sr_dict_bloom *b, uint32_t v)
{
    return sr_dict_bloom_has_bit(b, sr_dict_bloom_bit(v));
}
void sr_dict_seq_bloom(const sr_dict *d, const sr_dict_seq *s, sr_dict_bloom *out);

/* Per pattern id, the Bloom bits (sr_dict_bloom_bit) of two of its needs,
 * the two least likely in a sentence, the first in the low 16 bits and
 * the second in the high 16; SR_DICT_NO_FILTER, a bit every sr_dict_bloom
 * has, stands for a need missing (none, or one only): a compact array to
 * rule patterns out before looking at them (a pattern with two needs or
 * fewer is settled by it).  NULL for an uncompiled set. */
enum { SR_DICT_NO_FILTER = 8192 };
const uint32_t *sr_dict_pattern_filter_bits(const sr_dict *d);

typedef struct sr_dict_synset {
    const char *name;      /* without & and without a final _ */
    uint32_t nmembers;
    const char *file;
    long line;
} sr_dict_synset;
int sr_dict_synset_get(const sr_dict *d, uint32_t synset, sr_dict_synset *out);
/* The synset id of a name (with or without &, any case), 0 if none. */
uint32_t sr_dict_synset_id(const sr_dict *d, const char *name, size_t len);

/* A PETRARCH-2 verb transformation "~ a (b . ATTACK) SAY = a b 112",
 * kept as text for the coder to interpret. */
typedef struct sr_dict_transform {
    const char *pattern;   /* text between ~ and = */
    const char *result;    /* text after = */
    const char *file;
    long line;
} sr_dict_transform;
int sr_dict_transform_get(const sr_dict *d, uint32_t k, sr_dict_transform *out);

/* ---- discards and issues ------------------------------------------ */

typedef struct sr_dict_discard {
    int story;             /* 1: "+PHRASE" discards the whole story */
    const char *file;
    long line;
} sr_dict_discard;
int sr_dict_discard_get(const sr_dict *d, uint32_t discard, sr_dict_discard *out);

enum {
    SR_DICT_ISSUE_ALL = 1u << 0,      /* TYPE="ALL" */
    SR_DICT_ISSUE_NUMERIC = 1u << 1   /* TYPE="NUMERIC" */
};
typedef struct sr_dict_issue {
    const char *code;      /* NULL for exclusions */
    uint32_t category;     /* sr_dict_issue_category */
    int exclude;           /* 0; 1 "~phrase" (sentence); 2 "~~phrase" (story) */
    long value;            /* numeric issues: the code read as an integer */
    const char *file;
    long line;
} sr_dict_issue;
int sr_dict_issue_get(const sr_dict *d, uint32_t issue, sr_dict_issue *out);

typedef struct sr_dict_issue_cat {
    const char *name;      /* CATEGORY="..." ("" when absent) */
    const char *deflt;     /* DEFAULT="..." or NULL */
    unsigned flags;        /* SR_DICT_ISSUE_* */
} sr_dict_issue_cat;
int sr_dict_issue_category(const sr_dict *d, uint32_t cat, sr_dict_issue_cat *out);

/* ---- options ---------------------------------------------------------- */

enum { SR_DICT_CODE_BY_CLAUSE = 0, SR_DICT_CODE_BY_SENTENCE = 1, SR_DICT_CODE_ALL = 2 };
enum {
    SR_DICT_CX_NOACTPRIOR = 1u << 0, SR_DICT_CX_NOACTAFTER = 1u << 1,
    SR_DICT_CX_NOVERB = 1u << 2, SR_DICT_CX_NOSOURCE = 1u << 3,
    SR_DICT_CX_NOTARGET = 1u << 4, SR_DICT_CX_NOEVENT = 1u << 5,
    SR_DICT_CX_EXPLAIN = 1u << 6, SR_DICT_CX_NOSAVE = 1u << 7
};
enum {
    SR_DICT_OUT_ACTORS = 1u << 0, SR_DICT_OUT_AGENTS = 1u << 1, SR_DICT_OUT_PARENT = 1u << 2,
    SR_DICT_OUT_SHIFT = 1u << 3, SR_DICT_OUT_MATCH = 1u << 4, SR_DICT_OUT_LOCS = 1u << 5,
    SR_DICT_OUT_PATTERN = 1u << 6, SR_DICT_OUT_ID = 1u << 7, SR_DICT_OUT_TEXT = 1u << 8,
    SR_DICT_OUT_STORY = 1u << 9, SR_DICT_OUT_SENTENCE = 1u << 10,
    SR_DICT_OUT_DOCUMENT = 1u << 11
};
enum { SR_DICT_NONEVENTS_FALSE = 0, SR_DICT_NONEVENTS_TRUE = 1, SR_DICT_NONEVENTS_ONLY = 2 };

/* TABARI .options settings (manual chapter 8) as plain data: copy it,
 * change it per record with sr_dict_options_apply(). Tri-state usage
 * switches are -1 (OFF), 0 or 1. */
typedef struct sr_dict_options {
    int code_by;             /* SR_DICT_CODE_BY_* */
    int label;               /* SET: LABEL (default 1) */
    int minimum_words;       /* SET: MINIMUM WORDS (default 8, manual 8.2.3) */
    int actor_usage, agent_usage, verb_usage;
    int dup_warning;         /* default 1 */
    int convert_agents;
    int fbis;
    int yyyy;
    int time_shifting;       /* -1: on when the verbs have <TIME> phrases */
    int skip_records;        /* default 1 */
    int haiku;               /* default 1 */
    int allcaps;
    int check_dominant;      /* default 1 */
    int code_nonrestrictive;
    /* COMPLEX: thresholds (0 = inactive) and SR_DICT_CX_* switches */
    int cx_verbs, cx_actors, cx_pronouns, cx_conj, cx_comma, cx_lateverb;
    unsigned cx_flags;
    /* COMMA: clause lengths; comma_off after COMMA: OFF */
    int comma_off;
    int comma_min, comma_max, comma_emin, comma_emax, comma_bmin, comma_bmax;
    /* DEFAULT: codes ("" when unset) */
    char default_source[32], default_target[32];
    int default_prior, default_after;
    /* FORWARD: sequence format */
    char forward[32];
    int forward_doc, forward_off;
    unsigned output;         /* SR_DICT_OUT_* */
    int nonevents;           /* SR_DICT_NONEVENTS_* */
    /* Not a TABARI option: sitrep's conventions for real news, set by the
     * caller for its own dictionaries.  A verb whose target cannot be found
     * is coded with the target null, as PLOVER does, instead of dropped; an
     * event noun with no owner takes its clause's subject; a one-word actor
     * right before another actor modifies it ("pro-Iranian Hizbollah" is
     * Hizbollah). */
    int native;
} sr_dict_options;

/* The defaults of the TABARI manual. */
void sr_dict_options_init(sr_dict_options *o);
/* Applies one .options command ("SET: CODE ALL", "COMPLEX: VERBS[5] ...",
 * "DEFAULT: OFF", ...) as TABARI does: commands are recognised by their
 * first four letters, COMPLEX and DEFAULT replace their earlier settings,
 * OUTPUT adds.  Text after the command's values is ignored.  LABEL lines
 * belong to the dictionary file and return SR_EINVAL here.  Returns 0, or
 * SR_EPARSE with err filled (o may then be partly changed). */
int sr_dict_options_apply(sr_dict_options *o, const char *line, size_t len, sr_error *err);
/* The options read from .options files (the defaults if none was loaded).
 * Returns 0, or SR_EINVAL on a NULL argument. */
int sr_dict_options_get(const sr_dict *d, sr_dict_options *out);
/* 1 when an .options file was loaded. */
int sr_dict_has_options(const sr_dict *d);

/* The syntax the dictionaries were written in. */
enum { SR_DICT_DIALECT_TABARI = 0, SR_DICT_DIALECT_PETRARCH = 1 };
/* 1 when some file of the set is in sitrep's own format (data/dict): then
 * sitrep's conventions for real news apply on top of PETRARCH's. */
int sr_dict_is_native(const sr_dict *d);
/* A number no other set compiled or mapped in this process has (0 for
 * none), so that callers can key memos of lookups by set. */
uint64_t sr_dict_serial(const sr_dict *d);
/* SR_DICT_DIALECT_* of the first verbs file loaded; with no verbs file,
 * that of the first actors file; with neither (or d NULL),
 * SR_DICT_DIALECT_TABARI.  Tells the caller whose coding conventions the
 * dictionaries were written for.  Works before compiling. */
int sr_dict_dialect(const sr_dict *d);

/* The LABEL: text of a code (the last LABEL for it), NULL if none or if the
 * set is not compiled.  Owned by the set. */
const char *sr_dict_label(const sr_dict *d, const char *code);

#endif
