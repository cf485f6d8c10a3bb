/* Helpers shared by the dictionary unit tests (test_dict.c and
 * test_dict_files.c): temporary dictionary files, warning capture, and
 * short lookups.  Included once per test binary. */
#ifndef SR_DICT_TEST_HELPERS_H
#define SR_DICT_TEST_HELPERS_H

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../harness.h"
#include "dict/sr_dict.h"

static char tmpdir[256];

typedef struct warns {
    int n;
    long lines[64];
    char msgs[64][512];
    char file[512];
} warns;

static inline void collect(void *ctx, const sr_error *w)
{
    warns *ws = ctx;
    if (ws->n < 64) {
        ws->lines[ws->n] = w->line;
        snprintf(ws->msgs[ws->n], sizeof ws->msgs[0], "%s", w->msg);
        snprintf(ws->file, sizeof ws->file, "%s", w->file ? w->file : "");
    }
    ws->n++;
}

static inline int warned_at(const warns *w, long line, const char *needle)
{
    for (int i = 0; i < w->n && i < 64; i++)
        if (w->lines[i] == line && (!needle || strstr(w->msgs[i], needle)))
            return 1;
    return 0;
}

static inline const char *write_tmp(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    fwrite(text, 1, strlen(text), f);
    fclose(f);
    return path;
}

/* Loads text as a file named name; returns the load result. */
static inline int load(sr_dict *d, const char *name, const char *text, warns *w)
{
    const char *path = write_tmp(name, text);
    sr_error e;
    sr_error_clear(&e);
    if (w)
        memset(w, 0, sizeof *w);
    int rc = sr_dict_load_file(d, path, SR_DICT_AUTO, &e, w ? collect : NULL, w);
    if (rc)
        fprintf(stderr, "load %s: %s\n", name, e.msg);
    return rc;
}

/* A sequence from blank-separated (already folded) words.  With poss, a
 * word written with "'s" or a final "'" is given without it and flagged
 * as possessive, as the parse stage does. */
static inline sr_dict_seq *seq_words(const sr_dict *d, sr_arena *a, const char *text, int poss)
{
    const char *w[128];
    size_t l[128], n = 0;
    uint8_t fl[128];
    for (const char *p = text; *p && n < 128;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        size_t len = (size_t)(e - p);
        fl[n] = 0;
        if (poss && len > 2 && p[len - 2] == '\'' && p[len - 1] == 's') {
            len -= 2;
            fl[n] = SR_DICT_SEQ_POSS;
        } else if (poss && len > 1 && p[len - 1] == '\'') {
            len--;
            fl[n] = SR_DICT_SEQ_POSS;
        }
        w[n] = p;
        l[n++] = len;
        p = e;
    }
    sr_dict_seq *s = NULL;
    if (poss ? sr_dict_seq_from_words_flags(d, a, w, l, fl, n, &s)
             : sr_dict_seq_from_words(d, a, w, l, n, &s))
        return NULL;
    return s;
}

static inline sr_dict_seq *seq(const sr_dict *d, sr_arena *a, const char *text)
{
    return seq_words(d, a, text, 0);
}

/* Entry of the longest match of table at token i of text, -1 for none;
 * *end gets the span end. */
static inline long match(const sr_dict *d, int table, const char *text, size_t i, size_t *end)
{
    sr_arena *a = sr_arena_new();
    sr_dict_seq *s = seq(d, a, text);
    sr_dict_match m;
    long r = -1;
    if (s && sr_dict_match_longest(d, table, s, i, sr_dict_seq_len(s), NULL, &m) == 1) {
        r = m.entry;
        if (end)
            *end = m.end;
    }
    sr_arena_free(a);
    return r;
}

/* The code an actor phrase gives on a date, "" for none. */
static inline const char *actor_code(const sr_dict *d, const char *text, int32_t date)
{
    static char buf[128];
    long a = match(d, SR_DICT_T_ACTORS, text, 0, NULL);
    if (a < 0)
        return "(none)";
    sr_dict_role r;
    if (sr_dict_actor_role_at(d, (uint32_t)a, date, &r) != 1)
        return "";
    if (r.flags & SR_DICT_C_NULL)
        return "---";
    if (r.flags & SR_DICT_C_DISCARD)
        return "###";
    if (r.flags & SR_DICT_C_COMPLEX)
        return "+++";
    buf[0] = 0;
    for (uint32_t k = 0; k < r.ncodes; k++) {
        if (k)
            strcat(buf, "/");
        strncat(buf, sr_dict_role_code(&r, k), sizeof buf - strlen(buf) - 2);
    }
    return buf;
}

static inline const char *agent_code(const sr_dict *d, const char *text, int *pos)
{
    long a = match(d, SR_DICT_T_AGENTS, text, 0, NULL);
    sr_dict_agent ag;
    if (a < 0 || sr_dict_agent_get(d, (uint32_t)a, &ag))
        return "(none)";
    if (pos)
        *pos = ag.position;
    return ag.code;
}

/* The verb entry name a text starts with, or "(none)". */
static inline const char *verb_of(const sr_dict *d, int table, const char *text, sr_dict_form *fo)
{
    long f = match(d, table, text, 0, NULL);
    sr_dict_form form;
    sr_dict_verb v;
    if (f < 0 || sr_dict_form_get(d, (uint32_t)f, &form) || sr_dict_verb_get(d, form.verb, &v))
        return "(none)";
    if (fo)
        *fo = form;
    return v.name;
}

#endif
