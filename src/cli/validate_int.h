/*
 * validate_int.h - what `sitrep validate` shares between its two files:
 * finding the dictionaries of a validation file (validate_dicts.c) and
 * running its records (cmd_validate.c).
 */
#ifndef SR_CLI_VALIDATE_INT_H
#define SR_CLI_VALIDATE_INT_H

#include <stddef.h>

typedef struct strlist {
    char **v;
    size_t n, cap;
} strlist;

/* Owned-string helpers: the CLI stops on out-of-memory. */
char *vd_xstrndup(const char *s, size_t n);
void vd_sl_push(strlist *l, char *s);
void vd_sl_free(strlist *l);
int vd_ci_contains(const char *s, const char *word);
int vd_ci_suffix(const char *s, const char *suf);
int vd_is_space(char c);
void vd_trim(const char **s, const char **e);

/* Fills dicts for a validation file given without --dict (xml: a PETRARCH
 * file); *from says where they came from (owned).  Returns 0, or 1 after
 * reporting why none was found. */
int vd_find_dicts(const char *file, int xml, strlist *dicts, char **from);

#endif
