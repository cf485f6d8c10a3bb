#include "text_int.h"

#include <stdint.h>
#include <string.h>

/* Letters and digits are what titles are compared on (bytes of UTF-8
 * sequences count as letters). */
static int alnum_byte(char c)
{
    return (unsigned char)c >= 0x80 || ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9');
}

static char fold_byte(char c) { return (unsigned char)c < 0x80 && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

/* Matches all of b against the start of a on their letters and digits
 * only, case-blind, so a title repeated with other punctuation or
 * spacing still matches: the bytes of a it took, or SIZE_MAX when a
 * differs or ends first; *seen the letters and digits matched. */
static size_t loose_open(const char *a, size_t na, const char *b, size_t nb, size_t *seen)
{
    size_t i = 0, j = 0;
    *seen = 0;
    for (;;) {
        while (j < nb && !alnum_byte(b[j]))
            j++;
        if (j == nb)
            return i;
        while (i < na && !alnum_byte(a[i]))
            i++;
        if (i == na || fold_byte(a[i]) != fold_byte(b[j]))
            return SIZE_MAX;
        i++, j++, (*seen)++;
    }
}

/* a and b are the same title. */
static int loose_equal(const char *a, size_t na, const char *b, size_t nb)
{
    size_t seen, i = loose_open(a, na, b, nb, &seen);
    if (i == SIZE_MAX)
        return 0;
    while (i < na && !alnum_byte(a[i]))
        i++;
    return i == na && seen > 0;
}

/* The bytes of a that title b opens, up to the end of a word of a; 0 when
 * a does not open with b, or b is too short to be told from a story's own
 * opening words ("Syria strikes" does not open "Syrian strikes kill 45"). */
static size_t loose_prefix(const char *a, size_t na, const char *b, size_t nb)
{
    size_t seen, i = loose_open(a, na, b, nb, &seen);
    return i != SIZE_MAX && seen >= 20 && (i == na || !alnum_byte(a[i])) ? i : 0;
}

static int add_span(sr_arena *a, struct sr_text *t, size_t s, size_t e, const char *why)
{
    sr_span *sp = sr_vec_push(&t->boiler, a, sizeof *sp);
    if (!sp)
        return SR_ENOMEM;
    sp->start = s;
    sp->end = e;
    sp->why = why;
    return SR_OK;
}

/* A "sentence" of thousands of tokens is no sentence (a table, a list,
 * text without punctuation): it is cut into pieces of MAX_SENTENCE tokens
 * so that later stages, which may look across a whole sentence, stay
 * linear in the document.  No text is dropped. */
enum { MAX_SENTENCE = 400 };

static int cut_runaways(sr_arena *a, struct sr_text *t)
{
    sr_sentence *ss = t->sentences.items;
    size_t n = t->sentences.len, extra = 0;
    for (size_t i = 0; i < n; i++)
        if (ss[i].ntok > MAX_SENTENCE)
            extra += (ss[i].ntok - 1) / MAX_SENTENCE;
    if (!extra)
        return SR_OK;
    sr_sentence *out = sr_arena_alloc(a, (n + extra) * sizeof *out);
    if (!out)
        return SR_ENOMEM;
    const sr_token *tk = t->tokens.items;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (ss[i].ntok <= MAX_SENTENCE) {
            out[k++] = ss[i];
            continue;
        }
        for (size_t f = 0; f < ss[i].ntok; f += MAX_SENTENCE) {
            size_t nt = ss[i].ntok - f < MAX_SENTENCE ? ss[i].ntok - f : MAX_SENTENCE;
            sr_sentence *o = &out[k++];
            o->tok = ss[i].tok + f;
            o->ntok = nt;
            o->start = f ? tk[o->tok].start : ss[i].start;
            o->end = f + nt < ss[i].ntok ? tk[o->tok + nt - 1].end : ss[i].end;
        }
    }
    t->sentences.items = out;
    t->sentences.len = t->sentences.cap = k;
    return SR_OK;
}

/* Tokenises and splits one region that has no boilerplate line inside. */
static int region(sr_arena *a, struct sr_text *t, size_t from, size_t to)
{
    if (from >= to)
        return SR_OK;
    size_t first = t->tokens.len;
    int rc = text_tokenize(a, t, from, to);
    if (rc)
        return rc;
    return text_split(a, t, first);
}

int sr_text_analyze(sr_arena *a, const char *text, size_t len, const char *title,
                    size_t title_len, sr_text **out, sr_error *err)
{
    struct sr_text *t = sr_arena_calloc(a, 1, sizeof *t);
    if (!t)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    t->text = text;
    t->len = len;
    /* News runs about one token per five bytes: room for that up front
     * saves the copies of growing by doubling. */
    size_t guess = len / 5 + 16;
    if (guess < ((size_t)1 << 24) && (t->tokens.items = sr_arena_alloc(a, guess * sizeof(sr_token))))
        t->tokens.cap = guess;
    int rc, first_line = 1;
    size_t region_start = 0, ls = 0;
    /* The lines found to be no boilerplate, in order: a sentence that is
     * a whole line (a one-sentence paragraph) has had its answer. */
    sr_vec clean = {NULL, 0, 0};
    /* Whole boilerplate lines go first, so they never glue two sentences. */
    while (ls < len) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        size_t s = ls, e = le;
        while (s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\r'))
            s++;
        while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r'))
            e--;
        if (s < e) {
            const char *why = NULL;
            size_t tp = 0;
            if (first_line && title && loose_equal(text + s, e - s, title, title_len))
                why = "title repeated";
            else if (first_line && title && (tp = loose_prefix(text + s, e - s, title, title_len)))
                ;   /* the title run into the story's first sentence */
            else if (!sr_text_is_boilerplate(text + s, e - s, &why))
                why = NULL;
            first_line = 0;
            if (tp) {
                /* "Syria strikes kill 45 after rebel fire on Damascus
                 * Monitor AFP Thursday 5 Feb 2015 At least 45 people ...":
                 * the repeated title goes as a whole first line does, and
                 * the story starts after it */
                if ((rc = region(a, t, region_start, ls)) ||
                    (rc = add_span(a, t, s, s + tp, "title repeated")))
                    goto fail;
                region_start = s + tp;
                ls = le + 1;
                continue;
            }
            if (why) {
                if ((rc = region(a, t, region_start, ls)) || (rc = add_span(a, t, s, e, why)))
                    goto fail;
                region_start = le;
            } else {
                sr_span *c = sr_vec_push(&clean, a, sizeof *c);
                if (!c) {
                    rc = SR_ENOMEM;
                    goto fail;
                }
                c->start = s;
                c->end = e;
            }
        }
        ls = le + 1;
    }
    if ((rc = region(a, t, region_start, len)) || (rc = cut_runaways(a, t)))
        goto fail;
    /* Sentence-level pass: boilerplate run into the body without a line break. */
    sr_sentence *ss = t->sentences.items;
    const sr_span *cl = clean.items;
    size_t keep = 0, c = 0;
    for (size_t i = 0; i < t->sentences.len; i++) {
        const char *why;
        while (c < clean.len && cl[c].end < ss[i].end)
            c++;
        if (c < clean.len && cl[c].start == ss[i].start && cl[c].end == ss[i].end) {
            ss[keep++] = ss[i];
            continue;
        }
        if (sr_text_is_boilerplate(text + ss[i].start, ss[i].end - ss[i].start, &why)) {
            if ((rc = add_span(a, t, ss[i].start, ss[i].end, why)))
                goto fail;
            continue;
        }
        ss[keep++] = ss[i];
    }
    t->sentences.len = keep;
    *out = t;
    return SR_OK;
fail:
    return sr_error_set(err, rc, NULL, 0, 0, "%s", sr_errmsg(rc));
}

const sr_sentence *sr_text_sentences(const sr_text *t, size_t *n)
{
    *n = t->sentences.len;
    return t->sentences.items;
}

const sr_token *sr_text_tokens(const sr_text *t, size_t *n)
{
    *n = t->tokens.len;
    return t->tokens.items;
}

const sr_span *sr_text_boilerplate(const sr_text *t, size_t *n)
{
    *n = t->boiler.len;
    return t->boiler.items;
}
