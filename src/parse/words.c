/* Words: the text stage's tokens filtered the way TABARI filters text
 * (manual 7.3), so that dictionaries written for TABARI see what they
 * expect. */
#include <string.h>

#include "parse_int.h"

/* root: -1, or the word's number complemented (parse_words) */
static inline int push_word_root(sr_arena *a, sr_vec *v, const char *w, size_t len, size_t start,
                                 size_t end, int type, int cap, int32_t root)
{
    sr_pword *pw = v->len < v->cap ? (sr_pword *)v->items + v->len++
                                   : sr_vec_grow_push(v, a, sizeof *pw);
    if (!pw)
        return SR_ENOMEM;
    *pw = (sr_pword){w, len, start, end, type, cap, root, -1, 0, 0, 0, 0};
    return SR_OK;
}

static inline int push_word(sr_arena *a, sr_vec *v, const char *w, size_t len, size_t start,
                            size_t end, int type, int cap)
{
    return push_word_root(a, v, w, len, start, end, type, cap, -1);
}

static int is_upper_at(const char *s)
{
    return *s >= 'A' && *s <= 'Z';
}

/* Token t (i of the sentence) when it is not a plain word: a
 * possessive, punctuation, or a word to split or trim; out of line, so
 * that the plain words' loop keeps its vector in registers.  Returns 0
 * or SR_ENOMEM. */
static int other_token(sr_arena *a, const char *text, const sr_token *t, uint16_t num, int style,
                       sr_vec *out, int *lower_seen, int *ncommas, int *nposs)
{
    const char *nm = t->norm;
    int rc;
    if (t->flags & SR_TOK_POSS) {
        /* "Syria's" is SYRIA with an ending to TABARI. */
        if (out->len) {
            ((sr_pword *)out->items)[out->len - 1].poss = 1;
            ++*nposs;
        }
        return SR_OK;
    }
    if (t->flags & SR_TOK_PUNCT) {
        if (!strcmp(nm, ",") || !strcmp(nm, ";")) {
            if ((rc = push_word(a, out, ",", 1, t->start, t->end, SR_W_COMMA, 0)))
                return rc;
            ++*ncommas;
        } else if (!strcmp(nm, "\"")) {
            if ((rc = push_word(a, out, "\"", 1, t->start, t->end, SR_W_QUOTE, 0)))
                return rc;
        } else if (nm[0] == '.' || nm[0] == '!' || nm[0] == '?' || nm[0] == '-' ||
                   nm[0] == '_' || !strcmp(nm, "\xE2\x80\xA6")) {
            /* "_" joins words in text written for TABARI ("Dol_Amroth"). */
            return SR_OK;
        } else if ((rc = push_word(a, out, nm, t->norm_len, t->start, t->end, SR_W_NULL, 0))) {
            return rc;
        }
        return SR_OK;
    }
    for (size_t k = t->start; k < t->end && !*lower_seen; k++)
        if (text[k] >= 'a' && text[k] <= 'z')
            *lower_seen = 1;
    /* PETRARCH's dictionaries are written for Treebank tokens, which
     * split "won't" into "wo" "n't". */
    if (style == SR_STYLE_PETRARCH && t->norm_len > 3 &&
        !memcmp(nm + t->norm_len - 3, "n't", 3)) {
        size_t k = t->norm_len - 3;
        char *head = sr_arena_strndup(a, nm, k);
        if (!head ||
            (rc = push_word(a, out, head, k, t->start, t->start + k, SR_W_NULL,
                            is_upper_at(text + t->start))) ||
            (rc = push_word(a, out, "n't", 3, t->start + k, t->end, SR_W_NULL, 0)))
            return head ? rc : SR_ENOMEM;
        return SR_OK;
    }
    /* Hyphens become blanks (TABARI 0.7.3): split into parts. */
    const char *w = nm;
    size_t wl = t->norm_len, src = t->start;
    int ptype = (t->flags & SR_TOK_NUM) ? SR_W_NUMBER : SR_W_NULL;
    while (wl) {
        size_t k = 0;
        while (k < wl && w[k] != '-')
            k++;
        if (k) {
            size_t plen = k;
            /* A period after a lower-case letter is sentence punctuation
             * to TABARI ("Gen." is GEN); after a capital it stays (U.S.). */
            size_t surf_end = src + k;
            if (surf_end > t->end)
                surf_end = t->end;
            if (plen > 1 && w[plen - 1] == '.' && surf_end >= 2 &&
                !is_upper_at(text + surf_end - 2))
                plen--;
            char *copy;
            if (ptype == SR_W_NUMBER && memchr(w, ',', plen)) {
                copy = sr_arena_alloc(a, plen + 1);
                if (!copy)
                    return SR_ENOMEM;
                size_t m = 0;
                for (size_t q = 0; q < plen; q++)
                    if (w[q] != ',')
                        copy[m++] = w[q];
                copy[m] = 0;
                plen = m;
            } else if (plen == wl) {
                copy = (char *)w; /* the whole token's own folded, NUL-ended form */
            } else if (!(copy = sr_arena_strndup(a, w, plen))) {
                return SR_ENOMEM;
            }
            int cap = (src < t->end) && is_upper_at(text + src);
            size_t e = src + k <= t->end ? src + k : t->end;
            /* the whole token's form: its number too */
            if ((rc = push_word_root(a, out, copy, plen, src, e, ptype, cap,
                                     copy == nm && plen == t->norm_len ? ~(int32_t)num : -1)))
                return rc;
        }
        if (k == wl)
            break;
        w += k + 1;
        wl -= k + 1;
        src += k + 1;
        ptype = (wl && w[0] >= '0' && w[0] <= '9') ? SR_W_NUMBER : SR_W_NULL;
    }
    return SR_OK;
}

int parse_words(sr_arena *a, const char *text, const sr_token *toks, const uint16_t *nums,
                size_t n, int style, sr_vec *out, int *allcaps, int *ncommas, int *nposs)
{
    int lower_seen = 0, rc;
    /* One word per token but for hyphenated ones: room for that first. */
    if (!out->cap && n) {
        size_t want = n + n / 8 + 4;
        if ((out->items = sr_arena_alloc(a, want * sizeof(sr_pword))))
            out->cap = want;
    }
    /* The vector in locals, written back around the calls that use it:
     * a word's stores (size_t fields) might otherwise change it to the
     * compiler, which then reloads it for every word. */
    sr_pword *items = out->items;
    size_t len = out->len, cap = out->cap;
    for (size_t i = 0; i < n; i++) {
        const sr_token *t = &toks[i];
        if (t->flags & SR_TOK_ALNUM) {
            /* A plain word (most tokens): no hyphen, period, comma or
             * apostrophe to handle; its matching form is the word. */
            if (!lower_seen)
                for (size_t k = t->start; k < t->end && !lower_seen; k++)
                    if (text[k] >= 'a' && text[k] <= 'z')
                        lower_seen = 1;
            if (len == cap) {
                out->len = len;
                if (!sr_vec_grow_push(out, a, sizeof *items))
                    return SR_ENOMEM;
                items = out->items;
                cap = out->cap;
            }
            /* (its number in root: see parse_words) */
            items[len++] = (sr_pword){t->norm,
                                      t->norm_len,
                                      t->start,
                                      t->end,
                                      (t->flags & SR_TOK_NUM) ? SR_W_NUMBER : SR_W_NULL,
                                      is_upper_at(text + t->start),
                                      ~(int32_t)nums[i],
                                      -1,
                                      0,
                                      0,
                                      0,
                                      0};
            continue;
        }
        out->len = len;
        if ((rc = other_token(a, text, t, nums[i], style, out, &lower_seen, ncommas, nposs)))
            return rc;
        items = out->items;
        len = out->len;
        cap = out->cap;
    }
    out->len = len;
    *allcaps = !lower_seen;
    return SR_OK;
}
