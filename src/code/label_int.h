/* Shared by label.c (cues, the decision) and label_spell.c (the cue
 * stems' spellings numbered by the facts pass): the stemmed cue words,
 * built once and read-only after.  Private to src/code. */
#ifndef SR_LABEL_INT_H
#define SR_LABEL_INT_H

#include <pthread.h>
#include <stdint.h>

#include "../facts/sr_facts.h"
#include "cameo_int.h"

/* Words are stemmed from their first STEM_MAX bytes only. */
enum { STEM_MAX = 23 };

/* Stems and words are keyed by sr_wkey (up to STEM_MAX bytes). */
typedef sr_wkey skey;

/* Every word of every cue, stemmed once and numbered (1, 2, ...), and
 * every phrase as the numbers of its words, sorted by the first: a
 * sentence is read once, each word numbered by one probe (most words are
 * no cue word and stop at a filter on their first letters and length),
 * then the phrases that start with it compared number by number.  Built
 * once (pthread_once), read-only after. */
typedef struct cword {
    skey key;
    uint8_t len;
    uint8_t bg;              /* a background word (below) */
    uint32_t p0, p1;         /* its phrases: phrases[p0, p1) */
} cword;

/* A sentence's word numbers (find_cues' id) carry FS_AT with the stem
 * number when find_cues starts at the word (wspan nonzero), and so do the
 * phrases' words after the first: one 16-bit number, compared whole. */
enum { FS_AT = 1 << 15, FS_ID = FS_AT - 1 };

extern cword *lbl_words;
extern char (*lbl_stems)[STEM_MAX + 1]; /* lbl_words[i]'s stem, NUL-terminated */
extern size_t lbl_nwords;
/* per word (at [id - 1]): its phrases and whether it is a background word
 * (label.c) */
extern uint32_t *lbl_wspan;
extern pthread_once_t lbl_once; /* lbl_compile_cues */
extern int lbl_compile_failed;
void lbl_compile_cues(void);
/* The stem of w[0, n) in *out, its length returned (label.c). */
size_t lbl_stem_of(const char *w, size_t n, int plain, char *buf, const char **out);
/* Whether stem s[0, k) of a word of n bytes is no stem of it (label.c). */
int lbl_not_the_stem(const char *s, size_t k, size_t n);
/* The stem number of w[0, n), or of token t, by stemming (label.c). */
uint16_t lbl_word_id_of(const char *w, size_t n, int plain);
uint16_t lbl_word_id(const sr_token *t);

/* Facts word number -> stem number with FS_AT (label_spell.c); NULL until
 * lbl_map_spellings ran under lbl_map_once, and when it could not. */
extern uint16_t *lbl_fact_stem;
extern pthread_once_t lbl_map_once;
void lbl_map_spellings(void);

/* Token t's stem number and FS_AT bit, read from wno (its facts word
 * number) when it is a token the spellings cover: plain (which starts
 * with a letter, so is a word, when it does not start with a digit). */
static inline uint32_t lbl_token_id(const sr_token *t, uint16_t wno)
{
    uint32_t fl = t->flags;
    if ((fl & (SR_TOK_ALNUM | SR_TOK_NUM)) == SR_TOK_ALNUM && t->norm_len <= STEM_MAX)
        return lbl_fact_stem[wno];
    if (!(fl & SR_TOK_WORD))
        return 0;
    uint16_t w = lbl_word_id(t);
    return w | (w && lbl_wspan[w - 1] ? FS_AT : 0);
}

#endif
