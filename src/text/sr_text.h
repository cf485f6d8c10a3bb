/*
 * sr_text.h - the text stage: UTF-8 repair, tokens with byte offsets,
 * matching forms (NFC, case-folded, typographic punctuation folded),
 * sentence splitting and boilerplate removal.
 *
 * Everything the stage produces lives in the caller's arena and points into
 * the caller's text, which must outlive the result.  Offsets are bytes into
 * that text, so later stages can report spans of the original document.
 * The functions are pure: concurrent calls on different arenas are safe.
 */
#ifndef SR_TEXT_H
#define SR_TEXT_H

#include "../util/sr_util.h"

/* ---- UTF-8 repair ----------------------------------------------------- */

typedef struct sr_utf8_report {
    size_t invalid;      /* invalid sequences replaced by U+FFFD */
    size_t nul;          /* NUL bytes replaced by a space */
    size_t first_bad;    /* byte offset of the first problem, in the input */
} sr_utf8_report;

/* Returns 1 when s[0..n) is valid UTF-8 with no NUL byte. */
int sr_text_utf8_valid(const char *s, size_t n);

/* Copies s into arena memory with every invalid sequence replaced by U+FFFD
 * and every NUL by a space, so later stages always see valid text.  *out is
 * NUL-terminated.  Returns SR_OK or SR_ENOMEM. */
int sr_text_utf8_repair(sr_arena *a, const char *s, size_t n, char **out, size_t *out_len,
                        sr_utf8_report *rep);

/* ---- tokens and sentences -------------------------------------------- */

enum {
    SR_TOK_WORD = 1 << 0,    /* contains a letter */
    SR_TOK_NUM = 1 << 1,     /* starts with a digit */
    SR_TOK_PUNCT = 1 << 2,   /* punctuation or symbol only */
    SR_TOK_CAP = 1 << 3,     /* first letter is upper case */
    SR_TOK_UPPER = 1 << 4,   /* every letter is upper case (two letters or more) */
    SR_TOK_ABBREV = 1 << 5,  /* ends in a period that belongs to it: "Gen.", "U.S." */
    SR_TOK_NL_BEFORE = 1 << 6, /* a line break precedes it */
    SR_TOK_POSS = 1 << 7,    /* the possessive "'s" or "'" split off a word */
    SR_TOK_ALNUM = 1 << 8    /* only ASCII letters and digits (norm is the
                              * text lowered, of the same length) */
};

typedef struct sr_token {
    size_t start, end;     /* bytes [start, end) in the original text */
    const char *norm;      /* matching form: NUL-terminated, in the arena */
    size_t norm_len;
    uint32_t flags;
} sr_token;

typedef struct sr_sentence {
    size_t start, end;     /* bytes, trimmed of surrounding space */
    size_t tok;            /* index of the first token */
    size_t ntok;
} sr_sentence;

typedef struct sr_span {
    size_t start, end;
    const char *why;       /* static text naming the rule */
} sr_span;

typedef struct sr_text sr_text;

/* Analyses text[0..len), which must be valid UTF-8 (see repair above).
 * title (may be NULL) is used to drop a title repeated as the first body
 * line.  On success *out holds sentences, tokens and boilerplate spans.
 * Returns SR_OK or SR_ENOMEM. */
int sr_text_analyze(sr_arena *a, const char *text, size_t len, const char *title,
                    size_t title_len, sr_text **out, sr_error *err);

const sr_sentence *sr_text_sentences(const sr_text *t, size_t *n);
const sr_token *sr_text_tokens(const sr_text *t, size_t *n);
const sr_span *sr_text_boilerplate(const sr_text *t, size_t *n);

/* Writes the matching form of s[0..n) into the arena: NFC, case-folded,
 * curly quotes to ASCII quotes, dashes to '-', odd spaces to ' '.  Returns
 * NULL when memory runs out. */
char *sr_text_fold(sr_arena *a, const char *s, size_t n, size_t *out_len);

/* Returns 1 when tok[i] opens a news agency's signature after a dateline
 * in capitals: "(", an agency's name ("Sputnik", "Reuters", "AFP"), ")"
 * ("MOSCOW (Sputnik) Six people ..."); tok holds n tokens. */
int sr_text_agency_at(const sr_token *tok, size_t n, size_t i);

/* Returns 1 when the line or sentence s[0..n) is boilerplate (share
 * buttons, newsletter calls, photo credits, copyright lines), and sets *why. */
int sr_text_is_boilerplate(const char *s, size_t n, const char **why);

#endif
