/* Private to src/text: the analysis container and shared helpers. */
#ifndef SR_TEXT_INT_H
#define SR_TEXT_INT_H

#include <stdlib.h>
#include <string.h>

#include "sr_text.h"

/* Word w is in list, a sorted array of words (sentence.c, text.c). */
static inline int text_cmp_str(const void *k, const void *e)
{
    return strcmp((const char *)k, *(const char *const *)e);
}

static inline int text_in_list(const char *w, const char *const *list, size_t n)
{
    return bsearch(w, list, n, sizeof *list, text_cmp_str) != NULL;
}

#define IN(w, list) text_in_list((w), (list), sizeof(list) / sizeof *(list))

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

/* ---- eight bytes at a time ---------------------------------------------- */

#define TEXT_ONES01 0x0101010101010101ull
#define TEXT_ONES80 0x8080808080808080ull

/* 0x80 in each byte of w (high bit clear) that lies in [lo, hi]. */
static inline uint64_t text_swar_in(uint64_t w, unsigned lo, unsigned hi)
{
    uint64_t ge = w + TEXT_ONES01 * (0x80 - lo), gt = w + TEXT_ONES01 * (0x7F - hi);
    return ge & ~gt & TEXT_ONES80;
}

/* The mask of w's ASCII capitals (0x80 per byte). */
static inline uint64_t text_swar_upper(uint64_t w)
{
    return text_swar_in(w & ~TEXT_ONES80, 'A', 'Z') & ~w & TEXT_ONES80;
}

/* Tokenises text[from, to) into t->tokens. */
int text_tokenize(sr_arena *a, struct sr_text *t, size_t from, size_t to);

/* Splits t->tokens[from..] into sentences. */
int text_split(sr_arena *a, struct sr_text *t, size_t from);

#endif
