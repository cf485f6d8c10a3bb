/* Private to src/text: the analysis container and shared helpers. */
#ifndef SR_TEXT_INT_H
#define SR_TEXT_INT_H

#include "sr_text.h"

struct sr_text {
    const char *text;
    size_t len;
    sr_vec tokens;     /* sr_token */
    sr_vec sentences;  /* sr_sentence */
    sr_vec boiler;     /* sr_span */
    char *pool;        /* room for matching forms of plain words */
    size_t pool_left;
};

/* Character classes for one code point. */
enum { CC_SPACE = 1, CC_LETTER = 2, CC_DIGIT = 4, CC_UPPER = 8, CC_LOWER = 16, CC_NL = 32,
       CC_HYPHEN = 64, CC_APOS = 128, CC_QUOTE = 256 };

/* Decodes at p (valid UTF-8 assumed, falls back to one byte) and classifies. */
unsigned text_class_at(const char *p, const char *end, uint32_t *cp, int *len);

/* Classes of the ASCII bytes; bytes 0x80-0xFF have none (0), so a byte
 * can index the table without a range check. */
extern unsigned short text_ascii_class[256];

/* The hot path of tokenising: ASCII bytes by table, the rest by
 * text_class_at. */
static inline unsigned text_class(const char *p, const char *end, uint32_t *cp, int *len)
{
    unsigned char c = (unsigned char)*p;
    if (c < 0x80) {
        *cp = c;
        *len = 1;
        return text_ascii_class[c];
    }
    return text_class_at(p, end, cp, len);
}

/* Tokenises text[from, to) into t->tokens. */
int text_tokenize(sr_arena *a, struct sr_text *t, size_t from, size_t to);

/* Splits t->tokens[from..] into sentences. */
int text_split(sr_arena *a, struct sr_text *t, size_t from);

#endif
