/*
 * facts_num.c - numbers: digits with separators, decimals with scale words,
 * number words, vague quantities, qualifiers and ranges, and what each
 * number measures (a head count, a year, money, a force's size ...).
 *
 * All arithmetic saturates at SR_FACTS_NUM_MAX so a 400-digit number is
 * just a very large number with SR_FACTS_NUM_OVERFLOW set.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "facts_int.h"

int64_t srf_add(int64_t a, int64_t b)
{
    if (a >= SR_FACTS_NUM_MAX || b >= SR_FACTS_NUM_MAX || a > SR_FACTS_NUM_MAX - b)
        return SR_FACTS_NUM_MAX;
    return a + b;
}

int64_t srf_mul(int64_t a, int64_t b)
{
    if (a <= 0 || b <= 0)
        return 0;
    if (a > SR_FACTS_NUM_MAX / b)
        return SR_FACTS_NUM_MAX;
    return a * b;
}

static int isdig(char c)
{
    return c >= '0' && c <= '9';
}

size_t srf_digits(const char *s, size_t n, int64_t *val, double *frac, int *overflow)
{
    size_t i = 0;
    int64_t v = 0;
    *frac = 0;
    if (!n || !isdig(s[0]))
        return 0;
    while (i < n) {
        if (isdig(s[i])) {
            int d = s[i] - '0';
            if (v > (SR_FACTS_NUM_MAX - d) / 10) {
                v = SR_FACTS_NUM_MAX;
                *overflow = 1;
            } else {
                v = v * 10 + d;
            }
            i++;
        } else if (s[i] == ',' && i + 3 < n && isdig(s[i + 1]) && isdig(s[i + 2]) &&
                   isdig(s[i + 3]) && (i + 4 >= n || !isdig(s[i + 4]))) {
            i++;   /* a thousands separator: exactly three digits follow */
        } else {
            break;
        }
    }
    if (i + 1 < n && s[i] == '.' && isdig(s[i + 1])) {
        double scale = 0.1;
        i++;
        for (; i < n && isdig(s[i]); i++) {
            if (scale > 1e-15)
                *frac += (s[i] - '0') * scale;
            scale /= 10;
        }
    }
    *val = v;
    return i;
}

/* ---- one number phrase ------------------------------------------------ */

typedef struct pnum {
    int64_t v, low, high;
    double frac;
    int qual, kind;
    uint32_t flags;
    size_t t0, t1;
    int strict;          /* "more than", "fewer than": the bound itself is excluded */
    int nearly;          /* "nearly", "almost": below the value */
} pnum;

static int64_t round_scaled(int64_t v, double frac, int64_t scale, int *ovf)
{
    int64_t r = srf_mul(v, scale);
    if (frac > 0) {
        double extra = frac * (double)scale;
        if (extra >= 9e17) {
            *ovf = 1;
            return SR_FACTS_NUM_MAX;
        }
        r = srf_add(r, (int64_t)llround(extra));
    }
    if (r >= SR_FACTS_NUM_MAX)
        *ovf = 1;
    return r;
}

static int suffix_is(const char *s, const char *w)
{
    return strcmp(s, w) == 0;
}

/* Kind from what follows a number inside one hyphenated token. */
static int hyphen_kind(const char *rest)
{
    if (!strcmp(rest, "-strong"))
        return SR_FACTS_NK_SIZE;
    if (strstr(rest, "-old"))
        return SR_FACTS_NK_AGE;
    return SR_FACTS_NK_MODIFIER;
}

/* "twenty-five" starts with a number word though the table lacks it. */
static int starts_numw(const sr_facts *f, size_t j)
{
    const char *w = f->tok[j].norm;
    const srf_word *lw = srf_lookup(w, strcspn(w, "-"));
    return lw && (lw->cls & L_NUMW);
}

/* Word numbers: "fifty-nine", "one hundred and twenty", "two dozen". */
static int words_at(const sr_facts *f, size_t i, size_t hi, pnum *p, int64_t cur0)
{
    int64_t total = 0, cur = cur0;
    int any = cur0 > 0, last_scale = cur0 > 0, dozen = 0, ovf = 0;
    size_t j = i;
    int kind = SR_FACTS_NK_QUANTITY;
    while (j < hi) {
        const char *w = f->tok[j].norm;
        size_t wl = f->tok[j].norm_len;
        if (any && last_scale && srf_is(f, j, "and") && j + 1 < hi &&
            starts_numw(f, j + 1)) {
            j++;
            continue;
        }
        /* Split a hyphenated token into parts; a non-number part ends it. */
        size_t k = 0;
        int took = 0, stop = 0;
        while (k < wl) {
            size_t e = k;
            while (e < wl && w[e] != '-')
                e++;
            const srf_word *lw = srf_lookup(w + k, e - k);
            uint64_t c = lw ? lw->cls : 0;
            if (c & L_NUMW) {
                int64_t v = lw->val;
                if (cur == 0 || cur % 100 == 0 || (v < 10 && cur % 10 == 0 && cur % 100 >= 20)) {
                    if (cur % 100 != 0 && v >= 10)
                        stop = 1;
                    else
                        cur = srf_add(cur, v);
                } else {
                    stop = 1;
                }
                if (stop)
                    break;
                last_scale = 0;
            } else if ((c & L_SCALE) && (any || took)) {
                int64_t s = lw->val;
                if (s == 12) {
                    cur = srf_mul(cur ? cur : 1, 12);
                    dozen = 1;
                } else if (s == 100) {
                    cur = srf_mul(cur ? cur : 1, 100);
                } else {
                    total = srf_add(total, srf_mul(cur ? cur : 1, s));
                    cur = 0;
                }
                last_scale = 1;
            } else {
                if (took && k > 0)
                    kind = hyphen_kind(w + k - 1);
                stop = took ? 2 : 1;
                break;
            }
            took = 1;
            k = e + 1;
        }
        if (stop == 1 && !took)
            break;
        if (took) {
            any = 1;
            j++;
        }
        if (stop)
            break;
    }
    if (!any)
        return 0;
    int64_t v = srf_add(total, cur);
    if (v >= SR_FACTS_NUM_MAX)
        ovf = 1;
    p->v = v;
    p->t1 = j;
    p->kind = kind;
    p->flags |= SR_FACTS_NUM_WORDS | (ovf ? SR_FACTS_NUM_OVERFLOW : 0);
    p->qual = dozen ? SR_FACTS_APPROXIMATE : SR_FACTS_EXACT;
    return 1;
}

static void vague(pnum *p, int64_t lo, int64_t hi, size_t t1)
{
    p->v = p->low = lo;
    p->high = hi;
    p->qual = SR_FACTS_VAGUE;
    p->t1 = t1;
    p->flags |= SR_FACTS_NUM_WORDS;
}

/* A scale word after a vague word: "several hundred", "a few thousand". */
static int64_t scale_after(const sr_facts *f, size_t j, size_t hi)
{
    if (j < hi && (srf_cls(f, j) & L_SCALE))
        return srf_val(f, j);
    return 1;
}

static int vague_at(const sr_facts *f, size_t i, size_t hi, pnum *p)
{
    const char *w = f->tok[i].norm;
    int has_a = srf_is(f, i, "a");
    size_t j = has_a ? i + 1 : i;
    if (j >= hi)
        return 0;
    w = f->tok[j].norm;
    if (has_a) {
        if ((w[0] == 'f' || w[0] == 'h' || w[0] == 'c') &&
            (!strcmp(w, "few") || !strcmp(w, "handful") || !strcmp(w, "couple"))) {
            size_t k = j + 1;
            int64_t s = scale_after(f, k, hi);
            if (s > 1)
                k++;
            if (!strcmp(w, "couple")) {
                p->v = p->low = srf_mul(2, s);
                p->high = srf_mul(3, s);
                p->qual = SR_FACTS_APPROXIMATE;
                p->t1 = k;
                p->flags |= SR_FACTS_NUM_WORDS;
            } else if (!strcmp(w, "few")) {
                vague(p, srf_mul(2, s), srf_mul(5, s), k);
            } else {
                vague(p, srf_mul(2, s), srf_mul(6, s), k);
            }
            return 1;
        }
        return 0;
    }
    if (!strcmp(w, "several")) {
        int64_t s = scale_after(f, j + 1, hi);
        vague(p, srf_mul(3, s), srf_mul(9, s) + (s > 1 ? s - 1 : 0), s > 1 ? j + 2 : j + 1);
        return 1;
    }
    if (!strcmp(w, "tens") || !strcmp(w, "hundreds") || !strcmp(w, "dozens")) {
        /* "tens of thousands", "hundreds of millions" */
        if (srf_is(f, j + 1, "of") && j + 2 < hi) {
            const char *x = f->tok[j + 2].norm;
            int64_t base = !strcmp(w, "tens") ? 20 : !strcmp(w, "dozens") ? 24 : 200;
            int64_t top = !strcmp(w, "tens") ? 99 : 999;
            int64_t s = !strcmp(x, "thousands") ? 1000 : !strcmp(x, "millions") ? 1000000 : 0;
            if (s) {
                vague(p, srf_mul(base, s), srf_add(srf_mul(top, s), s - 1), j + 3);
                return 1;
            }
        }
        if (!strcmp(w, "tens")) {
            if (!srf_is(f, j + 1, "of"))
                return 0;
            vague(p, 20, 99, j + 1);
            return 1;
        }
        if (!strcmp(w, "dozens"))
            vague(p, 24, 99, j + 1);
        else
            vague(p, 200, 999, j + 1);
        return 1;
    }
    if (!strcmp(w, "scores")) {
        vague(p, 40, 99, j + 1);
        return 1;
    }
    if (!strcmp(w, "thousands")) {
        vague(p, 2000, 9999, j + 1);
        return 1;
    }
    if (!strcmp(w, "millions")) {
        vague(p, 2000000, 9999999, j + 1);
        return 1;
    }
    return 0;
}

static int digits_at(const sr_facts *f, size_t i, size_t hi, pnum *p)
{
    const char *w = f->tok[i].norm;
    size_t wl = f->tok[i].norm_len;
    int64_t v;
    double frac;
    int ovf = 0;
    size_t used = srf_digits(w, wl, &v, &frac, &ovf);
    if (!used)
        return 0;
    const char *rest = w + used;
    p->flags |= SR_FACTS_NUM_DIGITS | (frac > 0 ? SR_FACTS_NUM_DECIMAL : 0);
    p->t1 = i + 1;
    p->kind = SR_FACTS_NK_QUANTITY;
    int64_t scale = 1;
    if (*rest == '-' && isdig(rest[1])) {
        int64_t v2;
        double f2;
        size_t u2 = srf_digits(rest + 1, strlen(rest + 1), &v2, &f2, &ovf);
        if (rest[1 + u2] == 0 && v2 >= v) {
            /* "10-20"; a date "2012-07-16" is not a range (v2 < v). */
            p->v = p->low = v;
            p->high = v2;
            p->qual = SR_FACTS_APPROXIMATE;
            p->flags |= SR_FACTS_NUM_RANGE | (ovf ? SR_FACTS_NUM_OVERFLOW : 0);
            return 1;
        }
        p->kind = SR_FACTS_NK_MODIFIER;
    } else if (*rest == '-') {
        if (!strcmp(rest, "-plus")) {
            p->qual = SR_FACTS_AT_LEAST;
        } else if (!strcmp(rest, "-odd")) {
            p->qual = SR_FACTS_APPROXIMATE;
        } else {
            const srf_word *lw = srf_lookup(rest + 1, strcspn(rest + 1, "-"));
            if (lw && (lw->cls & L_SCALE) && rest[1 + strlen(lw->w)] == 0)
                scale = lw->val;   /* "3.5-million" */
            else
                p->kind = hyphen_kind(rest);
        }
    } else if (*rest) {
        if (suffix_is(rest, "m") || suffix_is(rest, "mn") || suffix_is(rest, "mln"))
            scale = 1000000;
        else if (suffix_is(rest, "bn") || suffix_is(rest, "b") || suffix_is(rest, "bln"))
            scale = 1000000000;
        else if (suffix_is(rest, "k"))
            scale = 1000;
        else if (suffix_is(rest, "s") && used == 4 && v >= 1000 && v <= 2999)
            p->kind = SR_FACTS_NK_YEAR;      /* "1980s" */
        else if (suffix_is(rest, "st") || suffix_is(rest, "nd") || suffix_is(rest, "rd") ||
                 suffix_is(rest, "th"))
            p->kind = SR_FACTS_NK_ORDINAL;
        else if (suffix_is(rest, "%"))
            p->kind = SR_FACTS_NK_PERCENT;
        else if (suffix_is(rest, "am") || suffix_is(rest, "pm") || suffix_is(rest, "a.m.") ||
                 suffix_is(rest, "p.m.") || suffix_is(rest, "h") || suffix_is(rest, "hrs") ||
                 rest[0] == ':')
            p->kind = SR_FACTS_NK_TIME;
        else if (srf_lookup(rest, strlen(rest)) &&
                 (srf_lookup(rest, strlen(rest))->cls & L_UNIT))
            p->kind = SR_FACTS_NK_MEASURE;
        else
            p->kind = SR_FACTS_NK_MODIFIER;
    }
    if (scale == 1 && p->kind == SR_FACTS_NK_QUANTITY && i + 1 < hi &&
        (srf_cls(f, i + 1) & L_SCALE)) {
        scale = srf_val(f, i + 1);
        p->t1 = i + 2;
        if (scale == 12)
            p->qual = SR_FACTS_APPROXIMATE;
        /* "2 million 500 thousand" is rare; "3.5 million" is not. */
    }
    p->v = round_scaled(v, frac, scale, &ovf);
    if (frac > 0 && scale > 1 && frac * (double)scale == floor(frac * (double)scale))
        p->flags &= ~(uint32_t)SR_FACTS_NUM_DECIMAL;
    if (ovf)
        p->flags |= SR_FACTS_NUM_OVERFLOW;
    return 1;
}

/* The core number at token i, no qualifier. */
static int core_at(const sr_facts *f, size_t i, size_t hi, pnum *p)
{
    if (i >= hi)
        return 0;
    uint64_t c = srf_cls(f, i);
    if (f->tok[i].flags & SR_TOK_NUM)
        return digits_at(f, i, hi, p);
    if (c & L_VAGUE)
        return vague_at(f, i, hi, p);
    if (srf_is(f, i, "a") || srf_is(f, i, "an")) {
        if (vague_at(f, i, hi, p))
            return 1;
        if (i + 1 < hi && (srf_cls(f, i + 1) & L_SCALE) && srf_val(f, i + 1) >= 12 &&
            words_at(f, i + 1, hi, p, 1)) {
            /* "a hundred", "a dozen": words_at counts from one */
            return 1;
        }
        /* "a quarter of a million", "a third of a million": read as "a
         * million" from the second "a" before this */
        int part = srf_is(f, i + 1, "quarter") ? 4 : srf_is(f, i + 1, "third") ? 3 : 0;
        if (part && i + 4 < hi && srf_is(f, i + 2, "of") &&
            (srf_is(f, i + 3, "a") || srf_is(f, i + 3, "an")) && (srf_cls(f, i + 4) & L_SCALE) &&
            srf_val(f, i + 4) >= 1000) {
            p->v = srf_val(f, i + 4) / part;
            p->qual = SR_FACTS_APPROXIMATE;
            p->t1 = i + 5;
            p->flags |= SR_FACTS_NUM_WORDS;
            return 1;
        }
        return 0;
    }
    if (srf_is(f, i, "half") && (srf_is(f, i + 1, "a") || srf_is(f, i + 1, "an")) &&
        (srf_cls(f, i + 2) & L_SCALE)) {
        int64_t s = srf_val(f, i + 2);
        p->v = s / 2;
        p->qual = SR_FACTS_APPROXIMATE;
        p->t1 = i + 3;
        p->flags |= SR_FACTS_NUM_WORDS;
        return 1;
    }
    if (c & L_NUMW) {
        /* "one" in "no one", "the one", "one another" is not a count */
        if (srf_is(f, i, "one") && i > 0 &&
            (srf_is(f, i - 1, "no") || srf_is(f, i - 1, "any") || srf_is(f, i - 1, "every") ||
             srf_is(f, i - 1, "each") || srf_is(f, i - 1, "the") || srf_is(f, i - 1, "this") ||
             srf_is(f, i - 1, "that")))
            return 0;
        if (srf_is(f, i, "one") && srf_is(f, i + 1, "another"))
            return 0;
        return words_at(f, i, hi, p, 0);
    }
    /* "fifty-nine" is one token that the table does not hold */
    if (strchr(f->tok[i].norm, '-'))
        return words_at(f, i, hi, p, 0);
    return 0;
}

/* Qualifiers of one to three words before a number, tried in order. */
static const struct {
    const char *a, *b, *c;
    int q, strict, nearly;
} multi[] = {
        {"at", "least", NULL, SR_FACTS_AT_LEAST, 0, 0},
        {"at", "most", NULL, SR_FACTS_AT_MOST, 0, 0},
        {"more", "than", NULL, SR_FACTS_AT_LEAST, 1, 0},
        {"fewer", "than", NULL, SR_FACTS_AT_MOST, 1, 0},
        {"less", "than", NULL, SR_FACTS_AT_MOST, 1, 0},
        {"no", "fewer", "than", SR_FACTS_AT_LEAST, 0, 0},
        {"no", "less", "than", SR_FACTS_AT_LEAST, 0, 0},
        {"not", "less", "than", SR_FACTS_AT_LEAST, 0, 0},
        {"no", "more", "than", SR_FACTS_AT_MOST, 0, 0},
        {"not", "more", "than", SR_FACTS_AT_MOST, 0, 0},
        {"up", "to", NULL, SR_FACTS_AT_MOST, 0, 0},
        {"as", "many", "as", SR_FACTS_AT_MOST, 0, 0},
        {"as", "high", "as", SR_FACTS_AT_MOST, 0, 0},
        {"as", "few", "as", SR_FACTS_AT_LEAST, 0, 0},
        {"upwards", "of", NULL, SR_FACTS_AT_LEAST, 0, 0},
        {"in", "excess", "of", SR_FACTS_AT_LEAST, 1, 0},
        {"a", "minimum", "of", SR_FACTS_AT_LEAST, 0, 0},
        {"a", "maximum", "of", SR_FACTS_AT_MOST, 0, 0},
        {"close", "to", NULL, SR_FACTS_APPROXIMATE, 0, 1},
        {"an", "estimated", NULL, SR_FACTS_APPROXIMATE, 0, 0},
        {"just", "over", NULL, SR_FACTS_AT_LEAST, 1, 0},
        {"well", "over", NULL, SR_FACTS_AT_LEAST, 1, 0},
        {"just", "under", NULL, SR_FACTS_APPROXIMATE, 0, 1},
        {"just", "below", NULL, SR_FACTS_APPROXIMATE, 0, 1},
        {"nearly", NULL, NULL, SR_FACTS_APPROXIMATE, 0, 1},
        {"almost", NULL, NULL, SR_FACTS_APPROXIMATE, 0, 1},
        {"over", NULL, NULL, SR_FACTS_AT_LEAST, 1, 0},
        {"under", NULL, NULL, SR_FACTS_AT_MOST, 1, 0},
};
enum { NMULTI = sizeof multi / sizeof multi[0] };
_Static_assert(NMULTI <= 32, "multi_first's masks");

/* Bit k of multi_first[c] set when entry k of multi starts with byte c:
 * a token is compared with the entries of its first byte alone, in
 * order. */
static uint32_t multi_first[256];

void srf_num_init(void)
{
    for (size_t k = 0; k < NMULTI; k++)
        multi_first[(unsigned char)multi[k].a[0]] |= 1u << k;
}

/* A qualifier before a number: returns the token after it, or i. */
static size_t qual_at(const sr_facts *f, size_t i, size_t hi, pnum *p)
{
    /* Every first word above is in the word table as L_QSTART or L_QPRE:
     * other tokens need no comparing. */
    if (!(srf_cls(f, i) & (L_QSTART | L_QPRE)))
        return i;
    for (uint32_t m = multi_first[(unsigned char)f->tok[i].norm[0]]; m; m &= m - 1) {
        size_t k = (size_t)__builtin_ctz(m);
        size_t n = multi[k].c ? 3 : multi[k].b ? 2 : 1;
        if (i + n > hi || !srf_is(f, i, multi[k].a) ||
            (multi[k].b && !srf_is(f, i + 1, multi[k].b)) ||
            (multi[k].c && !srf_is(f, i + 2, multi[k].c)))
            continue;
        p->qual = multi[k].q;
        p->strict = multi[k].strict;
        p->nearly = multi[k].nearly;
        return i + n;
    }
    if (srf_cls(f, i) & L_QPRE) {
        p->qual = srf_val(f, i);
        return i + 1;
    }
    return i;
}

static int is_year_context(const sr_facts *f, size_t i, size_t lo, int last_kind)
{
    static const char *const pre[] = {"in", "since", "of", "during", "by", "until", "till",
                                      "before", "after", "early", "late", "mid", "from",
                                      "between", "year", "through", "mid-", "summer",
                                      "spring", "autumn", "winter", "fall", "around", NULL};
    if (i == lo)
        return 0;
    if ((srf_cls(f, i - 1) & L_MONTH) && (f->tok[i - 1].flags & SR_TOK_CAP))
        return 2;   /* "April 2017" is a year whatever follows */
    for (int k = 0; pre[k]; k++)
        if (srf_is(f, i - 1, pre[k]))
            return 1;
    if ((srf_is(f, i - 1, "and") || srf_is(f, i - 1, "to") || srf_is(f, i - 1, "-") ||
         srf_is(f, i - 1, "or")) &&
        last_kind == SR_FACTS_NK_YEAR)
        return 1;
    /* "July 16, 2012", "July 20 2016" */
    if (srf_punct(f, i - 1, ',') && i >= lo + 3 && (srf_cls(f, i - 3) & L_MONTH))
        return 2;
    if (i >= lo + 2 && (srf_cls(f, i - 2) & L_MONTH) && (f->tok[i - 2].flags & SR_TOK_CAP) &&
        srf_isnum(f, i - 1) && f->tok[i - 1].norm_len <= 2)
        return 2;
    if (srf_punct(f, i - 1, '(') || srf_punct(f, i + 1, ')'))
        return 1;
    /* "a 2017 attack", "a deadly 2017 chemical attack", "the 2014 war",
     * "its 2011 uprising" (not "the 2000 soldiers", "an additional 2000
     * troops": the caller asks what follows) */
    const char *w = f->tok[i].norm;
    if (f->tok[i].norm_len == 4 && (!memcmp(w, "19", 2) || !memcmp(w, "20", 2))) {
        size_t b = i - 1;
        int word_between = b > lo && !(f->tok[b].flags & (SR_TOK_NUM | SR_TOK_PUNCT)) &&
                           !(srf_cls(f, b) & (L_QPRE | L_NUMW));
        if (srf_is(f, b, "a") || srf_is(f, b, "an") || srf_is(f, b, "the") ||
            srf_is(f, b, "its") || srf_is(f, b, "this") || srf_is(f, b, "that") ||
            srf_is(f, b, "their") ||
            (word_between && (srf_is(f, b - 1, "a") || srf_is(f, b - 1, "an"))))
            return 1;
    }
    return 0;
}

/* What the words around a number say it measures. */
static void kind_context(const sr_facts *f, pnum *p, size_t lo, size_t hi, int last_kind)
{
    size_t i = p->t0, e = p->t1;
    /* the number's own first token, qualifier skipped */
    while (i < e && !(srf_isnum(f, i)) && !(srf_cls(f, i) & (L_NUMW | L_VAGUE | L_SCALE)))
        i++;
    if (p->kind != SR_FACTS_NK_QUANTITY)
        return;
    if (e < hi) {
        uint64_t c = srf_cls(f, e);
        if (c & L_PCT) {
            p->kind = SR_FACTS_NK_PERCENT;
            p->t1 = e + 1;
        } else if (srf_is(f, e, "per") && srf_is(f, e + 1, "cent")) {
            p->kind = SR_FACTS_NK_PERCENT;
            p->t1 = e + 2;
        } else if (c & L_MONEY) {
            p->kind = SR_FACTS_NK_MONEY;
        } else if (c & L_UNIT) {
            p->kind = SR_FACTS_NK_MEASURE;
        } else if (c & (L_TIMEU | L_CLOCK)) {
            p->kind = SR_FACTS_NK_TIME;
        }
    }
    if (p->kind == SR_FACTS_NK_QUANTITY && p->t0 > lo && (srf_cls(f, p->t0 - 1) & L_MONEY))
        p->kind = SR_FACTS_NK_MONEY;
    if (p->kind == SR_FACTS_NK_QUANTITY && (p->flags & SR_FACTS_NUM_DIGITS) && p->v >= 1 &&
        p->v <= 31 && !(p->flags & SR_FACTS_NUM_DECIMAL) && p->t1 == i + 1 &&
        ((i > lo && (srf_cls(f, i - 1) & L_MONTH)) || (srf_cls(f, e) & L_MONTH)))
        p->kind = SR_FACTS_NK_DAY;
    if (p->kind == SR_FACTS_NK_QUANTITY && (p->flags & SR_FACTS_NUM_DIGITS) &&
        f->tok[i].norm_len == 4 && p->v >= 1000 && p->v <= 2999 && p->t1 == i + 1 &&
        p->qual == SR_FACTS_EXACT) {
        int y = is_year_context(f, i, lo, last_kind);
        if (y == 2 || (y && !(srf_cls(f, e) & (L_PPL | L_TNOUN | L_TPASS | L_TINTR))))
            p->kind = SR_FACTS_NK_YEAR;
    }
}

static void bounds(pnum *p)
{
    int64_t v = p->v;
    if (p->qual == SR_FACTS_VAGUE)
        return;
    if (p->flags & SR_FACTS_NUM_RANGE)
        return;
    switch (p->qual) {
    case SR_FACTS_AT_LEAST:
        p->low = p->strict ? srf_add(v, 1) : v;
        p->high = SR_FACTS_UNBOUNDED;
        break;
    case SR_FACTS_AT_MOST:
        p->low = 0;
        p->high = (p->strict && v > 0) ? v - 1 : v;
        break;
    case SR_FACTS_APPROXIMATE:
        p->low = v - v / 10;
        p->high = p->nearly ? v : srf_add(v, v / 10);
        break;
    default:
        p->low = p->high = v;
    }
}

/* A whole number phrase at token i: qualifier, core, range, postfix. */
static int number_at(const sr_facts *f, size_t i, size_t lo, size_t hi, pnum *p,
                     int last_kind)
{
    memset(p, 0, sizeof *p);
    p->t0 = i;
    int between = srf_is(f, i, "between");
    size_t j = between ? i + 1 : qual_at(f, i, hi, p);
    int preq = p->qual, money = 0;
    if (j > i && j < hi && (srf_cls(f, j) & L_MONEY) && srf_ispunct(f, j)) {
        money = 1;   /* "about $2 billion" */
        j++;
    }
    pnum c;
    memset(&c, 0, sizeof c);
    if (!core_at(f, j, hi, &c))
        return 0;
    /* "between 2011 and 2013" is a period: leave it to the years */
    if (between && (c.flags & SR_FACTS_NUM_DIGITS) && f->tok[j].norm_len == 4 && c.v >= 1000 &&
        c.v <= 2999 && c.t1 == j + 1 && !(srf_cls(f, j + 1) & (L_PPL | L_TNOUN)) &&
        srf_is(f, j + 1, "and"))
        return 0;
    int qual = c.qual != SR_FACTS_EXACT ? c.qual : preq;
    if (c.qual == SR_FACTS_VAGUE && preq != SR_FACTS_EXACT) {
        /* "at least hundreds": still vague, but open above */
        if (preq == SR_FACTS_AT_LEAST)
            c.high = SR_FACTS_UNBOUNDED;
    }
    if (c.qual == SR_FACTS_APPROXIMATE && preq != SR_FACTS_EXACT)
        qual = preq;
    p->v = c.v;
    p->low = c.low;
    p->high = c.high;
    p->frac = c.frac;
    p->kind = c.kind;
    p->flags = c.flags;
    p->t1 = c.t1;
    p->qual = qual;
    if (between && !(srf_is(f, p->t1, "and")))
        return 0;
    /* ranges: "between 10 and 20", "10 to 20", "10 or 12" */
    size_t k = p->t1;
    if (c.qual != SR_FACTS_VAGUE && k + 1 < hi &&
        ((between && srf_is(f, k, "and")) ||
         (!between && (srf_is(f, k, "to") || srf_is(f, k, "or") || srf_is(f, k, "-")) &&
          !(i > lo && (srf_is(f, i - 1, "from") || srf_is(f, i - 1, "rose")))))) {
        pnum d;
        memset(&d, 0, sizeof d);
        if (core_at(f, k + 1, hi, &d) && d.qual != SR_FACTS_VAGUE && d.v >= p->v &&
            d.kind == SR_FACTS_NK_QUANTITY && p->kind == SR_FACTS_NK_QUANTITY) {
            p->low = p->v;
            p->high = d.v;
            p->qual = SR_FACTS_APPROXIMATE;
            p->flags |= SR_FACTS_NUM_RANGE | (d.flags & SR_FACTS_NUM_OVERFLOW);
            p->t1 = d.t1;
        } else if (between) {
            return 0;
        }
    } else if (between) {
        return 0;
    }
    k = p->t1;
    if (srf_is(f, k, "or") && srf_is(f, k + 1, "more")) {
        p->qual = SR_FACTS_AT_LEAST;
        p->t1 = k + 2;
    } else if (srf_is(f, k, "or") && srf_is(f, k + 1, "so")) {
        p->qual = SR_FACTS_APPROXIMATE;
        p->t1 = k + 2;
    } else if (srf_is(f, k, "odd") || srf_is(f, k, "plus")) {
        /* "40 odd", "100 plus": only before a noun, not "plus 3" arithmetic */
        if (k + 1 < hi && (srf_cls(f, k + 1) & (L_PPL | L_TNOUN))) {
            p->qual = srf_is(f, k, "odd") ? SR_FACTS_APPROXIMATE : SR_FACTS_AT_LEAST;
            p->t1 = k + 1;
        }
    }
    kind_context(f, p, lo, hi, last_kind);
    if (money)
        p->kind = SR_FACTS_NK_MONEY;
    bounds(p);
    return 1;
}

static int push_number(sr_facts *f, const pnum *p, size_t s)
{
    sr_facts_number *n = sr_vec_push(&f->nums, f->a, sizeof *n);
    if (!n)
        return SR_ENOMEM;
    n->value = p->v;
    n->low = p->low;
    n->high = p->high;
    n->qual = p->qual;
    n->kind = p->kind;
    n->flags = p->flags;
    n->tok_start = p->t0;
    n->tok_end = p->t1;
    n->start = f->tok[p->t0].start;
    n->end = f->tok[p->t1 - 1].end;
    n->sentence = s;
    for (size_t t = p->t0; t < p->t1; t++)
        f->num_at[t] = f->nums.len - 1;
    return SR_OK;
}

/* Every number has a token of these (core_at): digits, a number word, a
 * vague quantity or a scale word ("a dozen", "half a million"). */
#define CORE_CLS (L_NUMW | L_VAGUE | L_SCALE)

static int hyphen_core(const sr_facts *f, size_t i)
{
    return !f->cls[i] && !(f->tok[i].flags & SR_TOK_ALNUM) &&
           memchr(f->tok[i].norm, '-', f->tok[i].norm_len) && starts_numw(f, i);
}

/* Inline: the scan for the next core asks it of nearly every token of a
 * sentence with a number. */
static inline int strong_core(const sr_facts *f, size_t s, size_t i)
{
    if ((f->tok[i].flags & SR_TOK_NUM) || (f->cls[i] & CORE_CLS))
        return 1;
    return (f->scls[s] & SC_HYPHNUM) && hyphen_core(f, i);
}

/* The first strong core at or after i, or hi.  Most sentences hold no
 * hyphenated number word: their scan reads the want bytes and nothing
 * else. */
static size_t next_core(const sr_facts *f, size_t s, size_t i, size_t hi)
{
    if (f->scls[s] & SC_HYPHNUM) {
        while (i < hi && !strong_core(f, s, i))
            i++;
        return i;
    }
    return srf_next_want(f->want, i, hi, SRF_W_NUM);
}

/* A number phrase starting at i has its core within 6 tokens: a
 * qualifier of up to three words, a currency sign, then "a"/"half a"
 * before the word that makes it a number. */
enum { CORE_REACH = 6 };

int srf_numbers(sr_facts *f, size_t s)
{
    if (!(f->scls[s] & NUM_GATE))
        return SR_OK;
    size_t lo = f->sent[s].tok, hi = lo + f->sent[s].ntok;
    int last_kind = -1;
    size_t core = next_core(f, s, lo, hi); /* the first strong core at or after i, or hi */
    for (size_t i = lo; i < hi;) {
        pnum p;
        if (core < i)
            core = next_core(f, s, i, hi);
        if (core >= hi)
            break;
        /* no number starts further than CORE_REACH before its core */
        if (core > i + CORE_REACH)
            i = core - CORE_REACH;
        /* most tokens cannot start a number: skip them without comparing words */
        if (
            (!(f->tok[i].flags & SR_TOK_NUM) &&
             !(f->cls[i] & (L_NUMW | L_VAGUE | L_SCALE | L_QPRE | L_QSTART)) &&
             !(!f->cls[i] && !(f->tok[i].flags & SR_TOK_ALNUM) && /* no hyphen in those */
               memchr(f->tok[i].norm, '-', f->tok[i].norm_len)))) {
            i++;
            continue;
        }
        if (number_at(f, i, lo, hi, &p, last_kind) && p.t1 > i) {
            int rc = push_number(f, &p, s);
            if (rc)
                return rc;
            last_kind = p.kind;
            i = p.t1;
        } else {
            i++;
        }
    }
    return SR_OK;
}

int sr_facts_parse_number(sr_arena *a, const char *s, size_t n, sr_facts_number *out)
{
    if (!a || !s || !out)
        return 0;
    sr_text *t;
    sr_facts *f;
    if (sr_text_analyze(a, s, n, NULL, 0, &t, NULL) ||
        sr_facts_analyze(a, s, n, t, NULL, &f, NULL))
        return 0;
    size_t nn, nt;
    const sr_facts_number *nums = sr_facts_numbers(f, &nn);
    sr_text_tokens(t, &nt);
    if (nn != 1)
        return 0;
    /* the number must be the whole phrase, bar a final full stop */
    size_t last = nt;
    while (last > 0 && srf_ispunct(f, last - 1))
        last--;
    if (nums[0].tok_start != 0 || nums[0].tok_end != last)
        return 0;
    *out = nums[0];
    return 1;
}
