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
    char *iobuf;            /* the file's stdio buffer (ours), or NULL */
    size_t ndocs;
};

int input_getline(sr_reader *r);
int input_unget(sr_reader *r);
int input_is_blank(const char *s, size_t n);
int input_is_tabari_header(const char *s, size_t n);
int input_clean(sr_arena *a, const char *s, size_t n, const char **out, size_t *out_len,
                const char **warning, long *warn_byte);

int input_next_jsonl(sr_reader *r, sr_arena *a, sr_doc *doc, sr_error *err);

/* JSON Lines: the contract's fields of one line, as either reader found them. */
enum { INPUT_JF_ID, INPUT_JF_TEXT, INPUT_JF_DATE, INPUT_JF_TITLE, INPUT_JF_SOURCE, INPUT_JF_URL,
       INPUT_JF_N };
enum { INPUT_JT_ABSENT = 0, INPUT_JT_NULL, INPUT_JT_STRING, INPUT_JT_INTEGER, INPUT_JT_REAL,
       INPUT_JT_BOOL, INPUT_JT_OBJECT, INPUT_JT_ARRAY };
typedef struct input_jfield {
    int type;               /* INPUT_JT_*; the last of repeated keys counts */
    char *str;              /* a string's bytes, NUL-terminated, len long (may hold NULs) */
    size_t len;
    long long ival;         /* an integer's value */
    char *raw;              /* scanner: the string as written, rawlen bytes */
    size_t rawlen;
    int esc;                /* scanner: raw has escapes */
} input_jfield;

/* The scanner: buf[0..n) must be valid UTF-8.  Returns 1 and fills f, its
 * strings decoded in place in buf, when buf is one JSON object followed by
 * blanks, of a form jansson reads the same way; 0 leaves buf untouched
 * for input_json_slow. */
int input_json_fast(char *buf, size_t n, input_jfield f[INPUT_JF_N]);
/* jansson: fills f with strings copied into a, or returns SR_EPARSE with
 * the message and byte of the problem (SR_ENOMEM when memory ran out). */
int input_json_slow(sr_arena *a, const char *buf, size_t n, input_jfield f[INPUT_JF_N],
                    long *byte, char *msg, size_t msgcap);
int input_next_tabari(sr_reader *r, sr_arena *a, sr_doc *doc, sr_error *err);
int input_next_text(sr_reader *r, sr_arena *a, sr_doc *doc, sr_error *err);

#endif
