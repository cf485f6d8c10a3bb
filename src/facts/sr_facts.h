/*
 * sr_facts.h - the facts around each event: numbers, casualty and impact
 * counts, dates, attribution, negation and modality.
 *
 * One call, sr_facts_analyze, reads a document that the text stage has
 * already split (sr_text) and finds every number, count, date mention and
 * attribution in it.  The event coder then asks per sentence or clause:
 * which date applies (sr_facts_event_date), who says so
 * (sr_facts_attribution), is this verb denied, negated or only planned
 * (sr_facts_modality), and how many were killed or injured
 * (sr_facts_casualties).
 *
 * Everything lives in the caller's arena and points into the caller's
 * text, which must outlive the result.  Offsets are bytes into that text;
 * token indexes are those of sr_text_tokens.  The functions are pure: the
 * only shared state is a read-only word table built once behind
 * pthread_once, so concurrent calls on different arenas are safe.  Input
 * of any size is accepted; numbers that do not fit saturate at
 * SR_FACTS_NUM_MAX and carry SR_FACTS_NUM_OVERFLOW.
 */
#ifndef SR_FACTS_H
#define SR_FACTS_H

#include <stdint.h>

#include "../text/sr_text.h"
#include "../util/sr_util.h"

/* Largest value a number or count holds; bigger ones saturate here. */
#define SR_FACTS_NUM_MAX ((int64_t)999999999999999999LL)
/* high bound of an open range ("at least 12"). */
#define SR_FACTS_UNBOUNDED INT64_MAX
/* Token or count index meaning "none". */
#define SR_FACTS_NONE ((size_t)-1)

typedef struct sr_facts sr_facts;

/* Analyses the document text[0..len) that t was made from.  pubdate is the
 * publication date "YYYY-MM-DD" or NULL; an unparsable or impossible date
 * counts as absent, and relative dates ("yesterday") are then reported as
 * unresolved.  Returns SR_OK, SR_EINVAL (NULL text or t) or SR_ENOMEM. */
int sr_facts_analyze(sr_arena *a, const char *text, size_t len, const sr_text *t,
                     const char *pubdate, sr_facts **out, sr_error *err);

/* ---- word numbers for later stages --------------------------------------- */

/* sr_facts_analyze looks every token's matching form up in one word table.
 * A later stage that compares tokens with words of its own (the event
 * label's cue words) can have its spellings put in that table and read
 * each token's number there, rather than hash every token a second time.
 * A provider returns its spellings (static storage, *n set) and in
 * *numbers an array of *n the table fills with their numbers (or NULL);
 * it is called once, when the table is built.  Registration must come before that (the
 * first facts call), from one thread: the label registers from a start-up
 * constructor.  Returns SR_OK, or SR_EINVAL when the table is built
 * already or all provider places are taken: the stage must then do
 * without (sr_facts_word_number gives its spellings 0). */
typedef const char *const *(*sr_facts_words_fn)(size_t *n, uint32_t **numbers);
int sr_facts_offer_words(sr_facts_words_fn fn);
/* The number of spelling w[0, n) in the table (facts' own words and the
 * offered ones), 0 when it is not there; numbers are below
 * sr_facts_word_total().  Builds the table on first use; thread-safe. */
uint32_t sr_facts_word_number(const char *w, size_t n);
size_t sr_facts_word_total(void);
/* Per token of the analysed text: its number as sr_facts_word_number gives
 * it for the token's matching form, except that a token starting with a
 * digit (SR_TOK_NUM) is never looked up and has 0.  *tok gets the token
 * array the numbers are for. */
const uint16_t *sr_facts_token_words(const sr_facts *f, const sr_token **tok);

/* ---- numbers ------------------------------------------------------------ */

enum {
    SR_FACTS_EXACT = 0,      /* "12", "fifty-nine" */
    SR_FACTS_AT_LEAST,       /* "at least 12", "more than 19,000", "12 or more" */
    SR_FACTS_AT_MOST,        /* "up to 40", "fewer than 10" */
    SR_FACTS_APPROXIMATE,    /* "about 40", "nearly 100", "some 40", "10 to 20" */
    SR_FACTS_VAGUE           /* "dozens", "hundreds", "several", "a handful" */
};

/* What a number measures; only SR_FACTS_NK_QUANTITY can be a head count. */
enum {
    SR_FACTS_NK_QUANTITY = 0, /* a cardinal: "12", "thousands" */
    SR_FACTS_NK_YEAR,         /* "in 2011", "July 16, 2012" */
    SR_FACTS_NK_PERCENT,      /* "12 percent", "5%" */
    SR_FACTS_NK_MONEY,        /* "$5 million", "40 dollars" */
    SR_FACTS_NK_ORDINAL,      /* "2nd", "third" */
    SR_FACTS_NK_SIZE,         /* "30,000-strong": a force or crowd size */
    SR_FACTS_NK_AGE,          /* "12-year-old" */
    SR_FACTS_NK_MODIFIER,     /* "16-month", "five-member": part of a noun phrase */
    SR_FACTS_NK_TIME,         /* "10am", "3 hours", "two days" */
    SR_FACTS_NK_MEASURE,      /* "12 km", "5 tons" */
    SR_FACTS_NK_DAY           /* the day in "July 16" */
};

enum {
    SR_FACTS_NUM_DIGITS = 1 << 0,   /* written with digits */
    SR_FACTS_NUM_WORDS = 1 << 1,    /* written in words */
    SR_FACTS_NUM_DECIMAL = 1 << 2,  /* had a fraction ("3.5"); value is rounded */
    SR_FACTS_NUM_OVERFLOW = 1 << 3, /* saturated at SR_FACTS_NUM_MAX */
    SR_FACTS_NUM_RANGE = 1 << 4     /* "10 to 20", "between 10 and 20" */
};

typedef struct sr_facts_number {
    int64_t value;          /* the stated value; for vague words the low end */
    int64_t low, high;      /* plausible range; high may be SR_FACTS_UNBOUNDED */
    int qual;               /* SR_FACTS_EXACT ... */
    int kind;               /* SR_FACTS_NK_* */
    uint32_t flags;         /* SR_FACTS_NUM_* */
    size_t tok_start, tok_end; /* tokens [tok_start, tok_end), qualifier included */
    size_t start, end;      /* bytes */
    size_t sentence;
} sr_facts_number;

const sr_facts_number *sr_facts_numbers(const sr_facts *f, size_t *n);

/* Parses one number phrase on its own ("more than 19,000", "two dozen",
 * "tens of thousands").  Returns 1 and fills *out when the whole of s is one
 * number phrase, else 0.  For tests and callers with loose strings; needs
 * an arena for the text stage. */
int sr_facts_parse_number(sr_arena *a, const char *s, size_t n, sr_facts_number *out);

/* ---- counts ------------------------------------------------------------- */

/* Count types, as in GDELT's knowledge graph. */
enum {
    SR_FACTS_KILL = 0,
    SR_FACTS_WOUND,
    SR_FACTS_ARREST,
    SR_FACTS_KIDNAP,
    SR_FACTS_DISPLACE,
    SR_FACTS_PROTEST,       /* crowd size */
    SR_FACTS_AFFECT         /* affected, missing, "killed or wounded" */
};

/* Modes, for counts and for sr_facts_modality. */
enum {
    SR_FACTS_ASSERTED = 0,
    SR_FACTS_DENIED,        /* "denied that ..." */
    SR_FACTS_THREATENED,    /* "threatened to", "vowed to" */
    SR_FACTS_PLANNED,       /* "plans to", "will", "is expected to" */
    SR_FACTS_HYPOTHETICAL,  /* "could", "would", "if" */
    SR_FACTS_PAST           /* background: "had been", "in 1982", "last year" */
};

typedef struct sr_facts_count {
    int type;               /* SR_FACTS_KILL ... */
    int64_t number, low, high;
    int qual;               /* SR_FACTS_EXACT ... */
    const char *people;     /* matching form of the head noun ("civilians"), or NULL */
    size_t start, end;      /* bytes covering number, people and trigger */
    size_t trigger_start, trigger_end; /* bytes of the verb or noun that set the type */
    size_t trigger_tok;
    size_t number_idx;      /* into sr_facts_numbers, or SR_FACTS_NONE ("a soldier") */
    size_t sentence;
    size_t part_of;         /* index of the count this is part of, or SR_FACTS_NONE */
    int cumulative;         /* a running toll ("since March 2011"), not one event's */
    int negated;            /* the trigger is negated ("were not killed") */
    int mode;               /* SR_FACTS_ASSERTED ... of the trigger */
} sr_facts_count;

const sr_facts_count *sr_facts_counts(const sr_facts *f, size_t *n);

/* Appends the counts as a JSON array:
 * [{"type":"KILL","number":123,"qualifier":"exact","low":123,"high":123,
 *   "people":"people","start":0,"end":26,"trigger":"killed","cumulative":false,
 *   "part_of":null,"negated":false,"mode":"asserted"}, ...]
 * ("high" is null when unbounded).  Returns SR_OK or SR_ENOMEM. */
int sr_facts_counts_json(const sr_facts *f, sr_buf *out);

/* What an event gets: the dead and injured stated in bytes [start, end) of
 * the text (pass a sentence's or clause's range).  Only counts that are
 * asserted, not negated, not cumulative, not part of another count and no
 * larger than the world's population (10 billion) are used; several such counts of one type are added ("killed 5 soldiers and
 * 3 civilians" gives 8).  A field is -1 when nothing was found. */
typedef struct sr_facts_casualties {
    int64_t dead, injured;
    int dead_qual, injured_qual;
    size_t dead_count, injured_count;  /* first count used, or SR_FACTS_NONE */
} sr_facts_casualties;

/* Returns how many of dead/injured were found (0, 1 or 2). */
int sr_facts_casualties_get(const sr_facts *f, size_t start, size_t end,
                            sr_facts_casualties *out);
/* The counts of type (SR_FACTS_KILL or SR_FACTS_WOUND) that
 * sr_facts_casualties_get adds up for bytes [start, end): their indexes
 * into sr_facts_counts, the first cap of them in idx.  Returns how many
 * there are, which may be more than cap. */
size_t sr_facts_casualty_counts(const sr_facts *f, size_t start, size_t end, int type,
                                size_t *idx, size_t cap);
/* Appends `,"dead":12,"dead_qualifier":"exact"` and the same for injured,
 * for the fields that were found, to an event object being written.
 * Returns SR_OK or SR_ENOMEM. */
int sr_facts_casualties_json(const sr_facts_casualties *c, sr_buf *out);

/* ---- dates -------------------------------------------------------------- */

enum {
    SR_FACTS_PREC_NONE = 0, /* known to be a date, not resolvable */
    SR_FACTS_PREC_DAY,
    SR_FACTS_PREC_WEEK,     /* year/month/day is the Monday of the week */
    SR_FACTS_PREC_MONTH,
    SR_FACTS_PREC_YEAR
};

enum {
    SR_FACTS_DATE_HISTORICAL = 1 << 0, /* well before publication: never the report's day */
    SR_FACTS_DATE_RELATIVE = 1 << 1,   /* resolved against the publication date */
    SR_FACTS_DATE_UNRESOLVED = 1 << 2, /* relative, but no publication date */
    SR_FACTS_DATE_DATELINE = 1 << 3,   /* "DAMASCUS, July 16 (Wire) -" */
    SR_FACTS_DATE_SINCE = 1 << 4,      /* start of a period: "since March 2011" */
    SR_FACTS_DATE_FUTURE = 1 << 5,     /* "tomorrow", "next week" */
    SR_FACTS_DATE_IN_ATTRIB = 1 << 6,  /* inside "officials said Thursday" */
    SR_FACTS_DATE_RELCLAUSE = 1 << 7,  /* a period in a relative clause: "the war
                                          that has gone on for five years" */
    SR_FACTS_DATE_NOUN = 1 << 8        /* a year inside a noun phrase: "a 2017
                                          chemical attack" dates that noun only */
};

typedef struct sr_facts_date {
    int year, month, day;              /* start; 0 for parts below the precision */
    int end_year, end_month, end_day;  /* inclusive end of a range ("March and April") */
    int precision;                     /* SR_FACTS_PREC_* */
    uint32_t flags;                    /* SR_FACTS_DATE_* */
    size_t tok_start, tok_end;
    size_t start, end;                 /* bytes of the expression */
    size_t sentence;
} sr_facts_date;

const sr_facts_date *sr_facts_dates(const sr_facts *f, size_t *n);

/* The date expression that applies to an event in bytes [start, end):
 * datelines and periods inside relative clauses are none; dates inside
 * attributions ("police said Thursday") yield to others; day precision
 * beats week, month and year.  Returns 1 and fills
 * *out, or 0 when the range has no date expression (the caller may then
 * use the publication date, unless sr_facts_modality says PAST). */
int sr_facts_event_date(const sr_facts *f, size_t start, size_t end, sr_facts_date *out);
/* The same for an event whose verb or noun starts at byte verb: a year
 * inside a noun phrase (SR_FACTS_DATE_NOUN) counts only for the noun it
 * stands before ("a 2017 chemical attack", not the sentence's capture). */
int sr_facts_event_date_at(const sr_facts *f, size_t start, size_t end, size_t verb,
                           sr_facts_date *out);
/* Whether a date inside bytes [start, end) has one of the SR_FACTS_DATE_*
 * flags (cheap: callers ask it before asking per event). */
int sr_facts_dates_flagged(const sr_facts *f, size_t start, size_t end, uint32_t flags);

/* Writes the ISO form for the precision ("2012-07-15", "2012-07", "2012",
 * or "" when unresolved) into buf (11 bytes) and returns buf. */
char *sr_facts_date_iso(const sr_facts_date *d, char buf[11]);

/* Appends {"date":"2012-07-15","precision":"day","end":null,
 * "historical":false,"start":..,"end_byte":..} for d.  Returns SR_OK or
 * SR_ENOMEM. */
int sr_facts_date_json(const sr_facts_date *d, sr_buf *out);

/* Parses "YYYY-MM-DD"; returns 1 for a real calendar date (years 1-9999). */
int sr_facts_parse_iso(const char *s, int *y, int *m, int *d);

/* ---- attribution -------------------------------------------------------- */

enum {
    SR_FACTS_ATTR_QUOTED = 1 << 0,    /* the content is a direct quotation */
    SR_FACTS_ATTR_INHERITED = 1 << 1, /* carried over from the sentence a quotation began in */
    SR_FACTS_ATTR_PRONOUN = 1 << 2,   /* the speaker is "he", "it", "they"... */
    SR_FACTS_ATTR_DENIAL = 1 << 3,    /* the cue is "denied" and its kin */
    SR_FACTS_ATTR_TIMED = 1 << 4      /* in a phrase of time: "hours after the US
                                       * announced a deal" (no report of the
                                       * sentence's other acts) */
};

typedef struct sr_facts_attr {
    const char *text;           /* the speaker, borrowed from the document */
    size_t len;
    size_t start, end;          /* bytes of the speaker */
    const char *cue;            /* "said", "according to", "denied", "aired" ... (static) */
    size_t cue_tok;
    size_t seg_start, seg_end;  /* the whole attribution phrase ("police said Thursday") */
    size_t content_start, content_end; /* what is attributed */
    size_t ref_start, ref_end;  /* for a pronoun, the last named speaker before it; else equal */
    size_t sentence;
    uint32_t flags;             /* SR_FACTS_ATTR_* */
} sr_facts_attr;

const sr_facts_attr *sr_facts_attributions(const sr_facts *f, size_t *n);

/* The attribution for bytes [start, end): the one of that sentence whose
 * content covers the range, else the sentence's first (not one in a
 * phrase of time, SR_FACTS_ATTR_TIMED), else one carried
 * into a multi-sentence quotation; but for an event whose verb
 * [verb_start, verb_end) is that attribution's own cue, the report around
 * it when there is one.  Returns 1 and fills *out, or 0. */
int sr_facts_attribution(const sr_facts *f, size_t start, size_t end, size_t verb_start,
                         size_t verb_end, sr_facts_attr *out);

/* Appends {"text":"state television","code":"SYRGOVMED","start":..,"end":..,
 * "cue":"denied",...}; code is the speaker's actor code from the coding
 * stage, or NULL (written null).  Returns SR_OK or SR_ENOMEM. */
int sr_facts_attr_json(const sr_facts_attr *at, const char *code, sr_buf *out);

/* ---- negation and modality ---------------------------------------------- */

typedef struct sr_facts_modality {
    int negated;            /* inside "not", "never", "no", "without" ... */
    int mode;               /* SR_FACTS_ASSERTED ... */
    size_t cue_tok;         /* the token governing mode, or SR_FACTS_NONE */
    size_t neg_tok;         /* the negation cue, or SR_FACTS_NONE */
    size_t agent_start, agent_end; /* bytes of the cue's subject ("state television"),
                                      equal when there is none */
} sr_facts_modality;

/* For token tok (e.g. a verb the coder matched): whether it is inside a
 * denied, threatened, planned, hypothetical or background complement or a
 * negation, and which token governs it.  In "state television denied
 * helicopter gunships were being used", "used" is DENIED with cue "denied"
 * and agent "state television", while "denied" itself is ASSERTED.
 * Returns SR_OK, or SR_EINVAL when tok is not inside a sentence. */
int sr_facts_modality_get(const sr_facts *f, size_t tok, sr_facts_modality *out);

/* ---- names -------------------------------------------------------------- */

const char *sr_facts_count_type_name(int type);  /* "KILL" ... ; "?" when unknown */
const char *sr_facts_qual_name(int qual);        /* "exact", "at_least" ... */
const char *sr_facts_mode_name(int mode);        /* "asserted", "denied" ... */
const char *sr_facts_prec_name(int prec);        /* "day", "week", "month", "year", "none" */
const char *sr_facts_kind_name(int kind);        /* "quantity", "year", "size" ... */

#endif
