/* Private to src/input. */
#ifndef SR_INPUT_INT_H
#define SR_INPUT_INT_H

#include <stdio.h>
#include <sys/types.h>

#include "../text/sr_text.h"
#include "sr_input.h"

struct sr_reader {
    FILE *f;
    const char *name;
    int format;
    int done;
    int borrowed;           /* stream owned by the caller */
    long lineno;            /* number of the line in r->line */
    char *line;             /* current line, from getline (no fixed limit) */
    size_t line_cap, line_len;
    char *held;             /* one line pushed back */
    size_t held_cap, held_len;
    int has_held;
    sr_buf pre;             /* lines consumed while detecting the format */
    size_t ndocs;
};

int input_getline(sr_reader *r);
int input_unget(sr_reader *r);
int input_is_blank(const char *s, size_t n);
int input_is_tabari_header(const char *s, size_t n);
int input_clean(sr_arena *a, const char *s, size_t n, const char **out, size_t *out_len,
                const char **warning, long *warn_byte);

int input_next_jsonl(sr_reader *r, sr_arena *a, sr_doc *doc, sr_error *err);
int input_next_tabari(sr_reader *r, sr_arena *a, sr_doc *doc, sr_error *err);
int input_next_text(sr_reader *r, sr_arena *a, sr_doc *doc, sr_error *err);

#endif
