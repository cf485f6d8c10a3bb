/* The CAMEO event table compiled from data/cameo/events.tsv at build time
 * (scripts/gen-cameo.py), sorted by code. */
#ifndef SR_CAMEO_INT_H
#define SR_CAMEO_INT_H

#include "sr_code.h"

extern const sr_cameo_info sr_cameo_table[];
extern const unsigned sr_cameo_table_len;

/* For tests: how many of the words w[0, n) (matching forms; with w NULL,
 * words made from every cue stem less up to two letters and some forty
 * endings) get another stem number through the facts word table than
 * through the label's own stemming (*bad: the first such word), and the
 * same for tokens tok[0, n) whose facts are f; -1 when the label cannot
 * read numbers from the facts table (it then stems every token itself). */
struct sr_facts;
long sr_label_check_words(const char *const *w, size_t n, const char **bad);
long sr_label_check_tokens(const sr_token *tok, size_t n, const struct sr_facts *f);

#endif
