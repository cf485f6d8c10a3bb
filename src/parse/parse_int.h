/* Private to src/parse. */
#ifndef SR_PARSE_INT_H
#define SR_PARSE_INT_H

#include "sr_parse.h"

int parse_words(sr_arena *a, const char *text, const sr_token *toks, size_t n, int style,
                sr_vec *out, int *allcaps);

#endif
