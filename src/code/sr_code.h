/*
 * sr_code.h - event coding: verb patterns, source and target, compounds,
 * passive voice, clauses and the TABARI coding options.
 *
 * Works on a parsed sentence (sr_parse.h) and a compiled dictionary; reads
 * both and writes events into the caller's arena.  Thread-safe.
 */
#ifndef SR_CODE_H
#define SR_CODE_H

#include "../dict/sr_dict.h"
#include "../parse/sr_parse.h"
#include "../util/sr_util.h"

enum {
    SR_EV_SUBORD = 1 << 0,    /* "?" code: kept only when nothing else is */
    SR_EV_DOMINANT = 1 << 1,  /* "!" code */
    SR_EV_PASSIVE = 1 << 2,   /* source and target swapped by the passive rule */
    SR_EV_DEFAULT_SRC = 1 << 3,
    SR_EV_DEFAULT_TGT = 1 << 4,
    SR_EV_NOUN = 1 << 5,      /* named by an event noun ("air strikes on") */
    SR_EV_NEGATED = 1 << 6    /* the text says it did not happen (set after
                               * the facts: "carried out no air strikes") */
};

typedef struct sr_event {
    const char *source, *target;          /* actor codes; NULL when absent */
    const char *source_text, *target_text; /* as written; NULL for defaults */
    size_t source_start, source_end, target_start, target_end; /* bytes */
    const char *code;                     /* event code as the dictionary gives it
                                           * (its string: it lives as long as the
                                           * dictionary, not the arena) */
    size_t verb_start, verb_end;          /* bytes of the verb phrase */
    const char *pattern;                  /* matching pattern text (the dictionary's
                                           * string), or NULL */
    int clause;
    unsigned flags;                       /* SR_EV_* */
    int32_t day_shift;                    /* days a <TIME> phrase of the sentence
                                           * moves the date by (TABARI 10.5) */
    size_t shift_start, shift_end;        /* bytes of that phrase; equal when none */
    size_t own_start;                     /* bytes where a clause of its own inside
                                           * the sentence opens ("bombed Gaza after
                                           * Hamas fired"): its casualties are
                                           * counted from there; 0 for the whole */
} sr_event;

/* Why a sentence yielded nothing, for explanations. */
enum { SR_CODE_OK = 0, SR_CODE_DISCARD, SR_CODE_COMPLEX };

/* Codes a parsed sentence.  Appends sr_event items to *events (an sr_vec
 * in arena a).  *why (may be NULL) says whether the sentence was discarded
 * or too complex.  Returns 0 or SR_ENOMEM. */
int sr_code_sentence(const sr_dict *d, const sr_dict_options *opt, sr_arena *a,
                     const sr_parse *p, sr_vec *events, int *why);
/* The same, and appends to *quiet (sr_span items, bytes, in arena a; may
 * be NULL) each verb a pattern read in a sense that names no event (coded
 * ---: "battled the blaze", "executed the plan"), for the label. */
int sr_code_sentence_quiet(const sr_dict *d, const sr_dict_options *opt, sr_arena *a,
                           const sr_parse *p, sr_vec *events, sr_vec *quiet, int *why);

/* Whether an event code names words, not deeds: a statement, an appeal,
 * a consultation, a demand, a criticism or a rejection (roots 01, 02, 04,
 * 05, 10, 11, 12), or a halt to force (087).  The verb of such an event
 * is no cue of violence for the label ("attacked the budget" 111, "shot
 * down the proposal" 120, "halted airstrikes" 087). */
int sr_code_spoken(const char *code);

/* The document-level label: one of the 30 ACLED-style sub-event types of
 * the CASE 2021 task (with ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER,
 * DIPLO, ATTRIB), from the coded events refined by the means their
 * sentences name, and cue phrases.  *primary gets the index of the event
 * the document is mainly about (-1: none), *label the label (NULL when
 * nothing points anywhere).  Scratch comes from arena a.  Thread-safe.
 * Returns 0 or SR_ENOMEM. */
typedef struct sr_label_input {
    const sr_event *events;
    size_t nevents;
    const size_t *event_sentence;  /* per event: index into sentences */
    /* The verbs sr_code_sentence_quiet() read in a sense of no event, and
     * their sentences (may be none) */
    const sr_span *quiet;
    const size_t *quiet_sentence;
    size_t nquiet;
    const sr_token *tokens;
    const sr_sentence *sentences;
    size_t nsentences;
    /* The facts of the same tokens (sr_facts_analyze), or NULL: the label
     * reads the tokens' word numbers there (sr_facts_token_words). */
    const struct sr_facts *facts;
} sr_label_input;
int sr_code_label(const sr_label_input *in, sr_arena *a, int *primary, const char **label);

/* Writes to out the ISO day iso (YYYY-MM-DD) moved by days, for time
 * shifts.  Returns 0, or SR_EINVAL (out untouched) when iso is no valid
 * day. */
int sr_code_shift_day(const char *iso, int32_t days, char out[11]);

/* Facts about a CAMEO event code (data/cameo/events.tsv). */
typedef struct sr_cameo_info {
    const char *code;
    const char *name;        /* short label */
    double goldstein;        /* -10 .. +10 */
    int quadclass;           /* 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict */
    const char *plover;      /* PLOVER event type, or NULL */
    const char *plover_mode; /* or NULL */
    const char *acled;       /* ACLED-style sub-event type, or NULL */
} sr_cameo_info;

/* The row of code, else of its longest listed prefix ("1384" -> "138");
 * NULL for a code with no CAMEO root. */
const sr_cameo_info *sr_cameo_lookup(const char *code);

/* The code an event promised or threatened rather than done takes (CAMEO:
 * "will visit" expresses intent to meet, 036; "plans to impose sanctions"
 * threatens them, 1312): cooperation roots 04-08 map into 03, force roots
 * 14-20 into 13; other codes come back unchanged. */
const char *sr_cameo_intent(const char *code);
/* The code of refusing a cooperative act ("will not accept refugees",
 * "refused to allow"): roots 03-08 map into 12 (reject); other codes come
 * back unchanged. */
const char *sr_cameo_refusal(const char *code);
/* The code of demanding a cooperative act ("Iraq must cooperate with the
 * inspectors"): roots 03-08 map into 10; other codes come back unchanged. */
const char *sr_cameo_demand(const char *code);

/* The country part of actor codes ("SYR") for an ISO 3166-1 alpha-2 code
 * ("SY", the gazetteer's), as the built-in country actors code it (Puerto
 * Rico's is USA, Kosovo's XK is KSV); NULL for a code that is none. */
const char *sr_cameo_country_of_cc(const char *cc);

#endif
