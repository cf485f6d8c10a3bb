/*
 * facts_date.c - date expressions and their resolution against the
 * publication date: weekdays ("on Sunday" is the latest Sunday not after
 * publication), relative words ("yesterday", "last week", "earlier this
 * month"), calendar dates ("July 16, 2012", "16 July", "in March and April
 * of 2011", "in 2011") and "N days ago".  Dates well before publication are
 * marked historical so nobody stamps them with the publication date.
 */
#include <stdlib.h>
#include <string.h>

#include "facts_int.h"

/* ---- calendar --------------------------------------------------------- */

int srf_mdays(int y, int m)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return md[m - 1];
}

int sr_facts_parse_iso(const char *s, int *y, int *m, int *d)
{
    if (!s)
        return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return 0;
        } else if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    if (s[10] != 0)
        return 0;
    /* digits checked above: read straight (atoi's answer) */
    int yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int mm = (s[5] - '0') * 10 + (s[6] - '0'), dd = (s[8] - '0') * 10 + (s[9] - '0');
    if (yy < 1 || mm < 1 || mm > 12 || dd < 1 || dd > srf_mdays(yy, mm))
        return 0;
    *y = yy;
    *m = mm;
    *d = dd;
    return 1;
}

/* ---- building a mention ----------------------------------------------- */

typedef struct dm {
    int prec;
    int64_t d0, d1;        /* inclusive day range when resolved */
    int y, m, d;           /* explicit parts when unresolved */
    uint32_t flags;
    size_t t0, t1;
} dm;

static int weekday(int64_t days)
{
    int64_t w = (days + 3) % 7;   /* 1970-01-01 was a Thursday; Monday is 0 */
    return (int)(w < 0 ? w + 7 : w);
}

static int valid_year(int64_t y)
{
    return y >= 1 && y <= 9999;
}

static void set_days(dm *x, int prec, int64_t d0, int64_t d1)
{
    x->prec = prec;
    x->d0 = d0;
    x->d1 = d1;
}

static void set_month(dm *x, int64_t y0, int m0, int64_t y1, int m1)
{
    set_days(x, SR_FACTS_PREC_MONTH, sr_days_from_civil(y0, m0, 1),
             sr_days_from_civil(y1, m1, srf_mdays((int)y1, m1)));
}

static void set_year(dm *x, int64_t y0, int64_t y1)
{
    set_days(x, SR_FACTS_PREC_YEAR, sr_days_from_civil(y0, 1, 1), sr_days_from_civil(y1, 12, 31));
}

/* Year for a month (and day) given without one: the nearest to the
 * publication date, with the future counting double since news reports
 * mostly look back. */
static int64_t guess_year(const sr_facts *f, int m, int d, int past)
{
    int64_t best = f->py, bestc = INT64_MAX;
    for (int64_t y = f->py - 1; y <= f->py + 1; y++) {
        int dd = d ? d : 1;
        if (dd > srf_mdays((int)y, m))
            dd = srf_mdays((int)y, m);
        int64_t diff = sr_days_from_civil(y, m, dd) - f->pub_days;
        if (!d && y == f->py && m == f->pm)
            diff = 0;
        int64_t c = diff < 0 ? -diff : past && diff > 1 ? INT64_MAX / 2 : 2 * diff;
        if (c < bestc) {
            bestc = c;
            best = y;
        }
    }
    return best;
}

/* Word w tells of the past ("was", "had", a participle, a word in -ed):
 * 1; of the future or a target (a word of fut): -1; else 0. */
static int tense_word(const sr_facts *f, size_t w, const char *const *fut)
{
    static const char *const past[] = {"was", "were", "had", "did", NULL};
    for (int k = 0; fut[k]; k++)
        if (srf_is(f, w, fut[k]))
            return -1;
    for (int k = 0; past[k]; k++)
        if (srf_is(f, w, past[k]))
            return 1;
    size_t len = f->tok[w].norm_len;
    return (srf_cls(f, w) & L_PARTCP) ||
           (!(f->tok[w].flags & SR_TOK_CAP) && len > 4 && !memcmp(f->tok[w].norm + len - 2, "ed", 2));
}

/* Does the verb before a date at t0 tell of the past ("met him in
 * March", "were killed on 3 May")?  Then a month without a year is the
 * last one before publication, however near the next one is.  A future
 * or a target ("will meet in March", "postponed until March") is not. */
static int clause_past(const sr_facts *f, size_t t0)
{
    static const char *const fut[] = {"will", "would", "shall", "scheduled", "expected", "due",
                                      "plans", "planned", "plan", "set", "until", "till", "to",
                                      "for", "by", "before", "next", "upcoming", "coming",
                                      "starting", "from", NULL};
    for (size_t j = t0, n = 0; j > 0 && n < 8; j--, n++) {
        size_t w = j - 1;
        if (srf_ispunct(f, w) && !(f->tok[w].flags & SR_TOK_POSS))
            return 0;
        int t = tense_word(f, w, fut);
        if (t)
            return t > 0;
    }
    return 0;
}

/* A date that opens its sentence ("On April 12, rebels attacked"): does
 * the verb after its comma tell of the past?  (clause_past's words, read
 * forward.) */
static int fronted_past(const sr_facts *f, size_t t0)
{
    static const char *const fut[] = {"will", "would", "shall", "plans", "plan", "to", NULL};
    size_t k = t0;
    while (k > 0 && t0 - k < 2 && !srf_ispunct(f, k - 1))
        k--;
    if (k > 0 && !srf_ispunct(f, k - 1))
        return 0;
    size_t c = t0;
    while (c < f->ntok && c < t0 + 6 && !srf_punct(f, c, ','))
        c++;
    if (c >= f->ntok || !srf_punct(f, c, ','))
        return 0;
    for (size_t w = c + 1; w < f->ntok && w < c + 9; w++) {
        if (srf_ispunct(f, w))
            return 0;
        int t = tense_word(f, w, fut);
        if (t)
            return t > 0;
    }
    return 0;
}

/* An explicit month (and day, and year when given). */
static int calendar(const sr_facts *f, dm *x, int64_t y, int m, int d, int m_end, int64_t y_end)
{
    if (m < 1 || m > 12)
        return 0;
    if (y && !valid_year(y))
        return 0;
    if (!y && !f->has_pub) {
        x->prec = d ? SR_FACTS_PREC_DAY : SR_FACTS_PREC_MONTH;
        x->m = m;
        x->d = d;
        x->flags |= SR_FACTS_DATE_UNRESOLVED;
        return 1;
    }
    if (!y) {
        y = guess_year(f, m, d, 0);
        /* (the verb asked only when the nearest is still to come) */
        int dd = d && d <= srf_mdays((int)y, m) ? d : d ? srf_mdays((int)y, m) : 1;
        if (sr_days_from_civil(y, m, dd) > f->pub_days + 1 && !(!d && y == f->py && m == f->pm) &&
            (clause_past(f, x->t0) || fronted_past(f, x->t0)))
            y = guess_year(f, m, d, 1);
        x->flags |= SR_FACTS_DATE_RELATIVE;
    }
    if (d) {
        if (d > srf_mdays((int)y, m))
            return 0;
        int64_t z = sr_days_from_civil(y, m, d);
        set_days(x, SR_FACTS_PREC_DAY, z, z);
        return 1;
    }
    if (!m_end)
        m_end = m;
    if (!y_end)
        y_end = m_end < m ? y + 1 : y;
    set_month(x, y, m, y_end, m_end);
    return 1;
}

static int year_token(const sr_facts *f, size_t i, int64_t *y)
{
    if (!srf_isnum(f, i) || f->tok[i].norm_len != 4)
        return 0;
    int64_t v = atoi(f->tok[i].norm);
    for (int k = 0; k < 4; k++)
        if (f->tok[i].norm[k] < '0' || f->tok[i].norm[k] > '9')
            return 0;
    if (v < 1000 || v > 2999)
        return 0;
    *y = v;
    return 1;
}

/* A day of the month: "16", "16th". */
static int day_token(const sr_facts *f, size_t i, int *d)
{
    if (!srf_isnum(f, i))
        return 0;
    const char *w = f->tok[i].norm;
    int v = 0, k = 0;
    while (w[k] >= '0' && w[k] <= '9' && k < 3)
        v = v * 10 + (w[k++] - '0');
    if (w[k] && strcmp(w + k, "st") && strcmp(w + k, "nd") && strcmp(w + k, "rd") &&
        strcmp(w + k, "th"))
        return 0;
    if (v < 1 || v > 31)
        return 0;
    *d = v;
    return 1;
}

static int month_token(const sr_facts *f, size_t i)
{
    if (!(srf_cls(f, i) & L_MONTH))
        return 0;
    /* "may" and "march" are verbs unless capitalised */
    if (!(f->tok[i].flags & SR_TOK_CAP))
        return 0;
    return srf_val(f, i);
}

/* "July 16", "July 16, 2012", "July 2012", "July and August of 2011". */
static int month_first(const sr_facts *f, size_t i, size_t lo, size_t hi, dm *x)
{
    int m = month_token(f, i), d;
    int64_t y = 0;
    if (!m)
        return 0;
    size_t j = i + 1;
    if (j < hi && day_token(f, j, &d)) {
        j++;
        size_t k = srf_punct(f, j, ',') ? j + 1 : j;
        if (k < hi && year_token(f, k, &y))
            j = k + 1;
        x->t1 = j;
        return calendar(f, x, y, m, d, 0, 0);
    }
    /* a month range */
    int m2 = 0;
    if (j + 1 < hi && (srf_is(f, j, "and") || srf_is(f, j, "to") || srf_is(f, j, "-") ||
                       srf_is(f, j, "through") || srf_is(f, j, "until")) &&
        (m2 = month_token(f, j + 1)) != 0 && !(j + 2 < hi && day_token(f, j + 2, &d)))
        j += 2;
    size_t k = srf_is(f, j, "of") ? j + 1 : j;
    if (k < hi && year_token(f, k, &y))
        j = k + 1;
    else if (!m2) {
        /* a bare month needs a preposition before it */
        static const char *const pre[] = {"in", "during", "since", "until", "by", "early",
                                          "late", "mid", "last", "next", "this", "from",
                                          "between", "before", "after", "through", "of",
                                          "till", "throughout", "for", "around", NULL};
        int ok = 0;
        for (int p = 0; pre[p] && i > lo; p++)
            if (srf_is(f, i - 1, pre[p]))
                ok = 1;
        if (!ok)
            return 0;
        if (i > lo && (srf_is(f, i - 1, "last") || srf_is(f, i - 1, "next")) && f->has_pub) {
            int64_t yy = f->py;
            if (srf_is(f, i - 1, "last") && m >= f->pm)
                yy--;
            if (srf_is(f, i - 1, "next") && m <= f->pm)
                yy++;
            x->t1 = j;
            x->flags |= SR_FACTS_DATE_RELATIVE;
            set_month(x, yy, m, yy, m);
            return 1;
        }
    }
    x->t1 = j;
    return calendar(f, x, y, m, 0, m2, y && m2 && m2 < m ? y : 0);
}

/* "16 July", "16 July 2012", "the 16th of July". */
static int day_first(const sr_facts *f, size_t i, size_t hi, dm *x)
{
    int d, m;
    int64_t y = 0;
    if (!day_token(f, i, &d))
        return 0;
    size_t j = i + 1;
    if (srf_is(f, j, "of"))
        j++;
    if (!(m = month_token(f, j)))
        return 0;
    j++;
    size_t k = srf_punct(f, j, ',') ? j + 1 : j;
    if (k < hi && year_token(f, k, &y))
        j = k + 1;
    x->t1 = j;
    return calendar(f, x, y, m, d, 0, 0);
}

static int relative_day(const sr_facts *f, dm *x, int64_t off, int prec)
{
    if (!f->has_pub) {
        x->prec = prec;
        x->flags |= SR_FACTS_DATE_UNRESOLVED;
        return 1;
    }
    int64_t z = f->pub_days + off;
    int y, m, d;
    sr_civil_from_days(z, &y, &m, &d);
    if (!valid_year(y))
        return 0;
    x->flags |= SR_FACTS_DATE_RELATIVE;
    if (prec == SR_FACTS_PREC_WEEK) {
        int64_t mon = z - weekday(z);
        set_days(x, prec, mon, mon + 6);
    } else if (prec == SR_FACTS_PREC_MONTH) {
        set_month(x, y, m, y, m);
    } else if (prec == SR_FACTS_PREC_YEAR) {
        set_year(x, y, y);
    } else {
        set_days(x, prec, z, z);
    }
    return 1;
}

/* Does a verb of the future govern a date at t0 ("will meet on Friday",
 * "is scheduled to vote on Monday")?  Only modal and planning words: a
 * weekday after "went to Aleppo" is past. */
static int clause_future(const sr_facts *f, size_t t0)
{
    static const char *const fut[] = {"will", "would", "shall", "scheduled", "expected", "due",
                                      "plans", "planned", "plan", "planning", "intends",
                                      "going", NULL};
    for (size_t j = t0, n = 0; j > 0 && n < 8; j--, n++) {
        size_t w = j - 1;
        if (srf_ispunct(f, w) && !(f->tok[w].flags & SR_TOK_POSS))
            return 0;
        /* (a word the table does not list, and no past form, is neither:
         * no compare) */
        size_t len = f->tok[w].norm_len;
        if (!srf_cls(f, w) && !(len > 4 && !memcmp(f->tok[w].norm + len - 2, "ed", 2)))
            continue;
        int t = tense_word(f, w, fut);
        if (t)
            return t < 0;
    }
    return 0;
}

static int weekday_at(const sr_facts *f, size_t i, size_t lo, size_t hi, dm *x)
{
    if (!(srf_cls(f, i) & L_WDAY))
        return 0;
    int w = srf_val(f, i);
    /* "Sunday, July 15": the calendar date says it all */
    size_t j = srf_punct(f, i + 1, ',') ? i + 2 : i + 1;
    if (j < hi && (month_first(f, j, lo, hi, x) || day_first(f, j, hi, x)))
        return x->prec != SR_FACTS_PREC_NONE || (x->flags & SR_FACTS_DATE_UNRESOLVED);
    memset(x, 0, sizeof *x);
    x->t0 = i;
    x->t1 = i + 1;
    int last = i > lo && (srf_is(f, i - 1, "last") || srf_is(f, i - 1, "previous"));
    int next = i > lo && (srf_is(f, i - 1, "next") || srf_is(f, i - 1, "coming"));
    if (last || next)
        x->t0 = i - 1;
    if (!f->has_pub) {
        x->prec = SR_FACTS_PREC_DAY;
        x->flags |= SR_FACTS_DATE_UNRESOLVED;
        return 1;
    }
    int pw = weekday(f->pub_days);
    int64_t back = (pw - w + 7) % 7;
    if (last && back == 0)
        back = 7;
    /* ("will attack the base on Friday": the next one, as "next Friday") */
    if (!last && !next && back && clause_future(f, x->t0))
        next = 1;
    if (next) {
        int64_t fwd = (w - pw + 7) % 7;
        if (fwd == 0)
            fwd = 7;
        x->flags |= SR_FACTS_DATE_FUTURE;
        return relative_day(f, x, fwd, SR_FACTS_PREC_DAY);
    }
    return relative_day(f, x, -back, SR_FACTS_PREC_DAY);
}

/* "last week", "this month", "next year", "last weekend", "the past week". */
static int period_at(const sr_facts *f, size_t i, size_t hi, dm *x)
{
    /* "the past two weeks", "the last 24 hours": a period up to publication */
    if ((srf_is(f, i, "past") || srf_is(f, i, "last")) && i + 2 < hi &&
        (srf_cls(f, i + 2) & L_TIMEU) && f->num_at[i + 1] != SR_FACTS_NONE) {
        int64_t n = ((const sr_facts_number *)f->nums.items)[f->num_at[i + 1]].value;
        int64_t unit = srf_val(f, i + 2);
        x->t1 = i + 3;
        x->flags |= SR_FACTS_DATE_SINCE;
        if (!f->has_pub) {
            x->prec = SR_FACTS_PREC_DAY;
            x->flags |= SR_FACTS_DATE_UNRESOLVED;
            return 1;
        }
        int64_t back = n > 100000 ? 100000 * 365 : n * (unit ? unit : 1);
        if (!unit)
            back = (n + 23) / 24;  /* hours */
        int y, m, d;
        sr_civil_from_days(f->pub_days - back, &y, &m, &d);
        if (!valid_year(y))
            return 0;
        x->flags |= SR_FACTS_DATE_RELATIVE;
        /* the start is as precise as the unit counted: "the past five
         * years" begins in a year, not on a day */
        int prec = unit >= 365 ? SR_FACTS_PREC_YEAR
                   : unit >= 30 ? SR_FACTS_PREC_MONTH
                                : SR_FACTS_PREC_DAY;
        set_days(x, prec, f->pub_days - back, f->pub_days);
        return 1;
    }
    int last = srf_is(f, i, "last") || srf_is(f, i, "previous");
    int this_ = srf_is(f, i, "this");
    int next = srf_is(f, i, "next") || srf_is(f, i, "coming");
    int past = srf_is(f, i, "past");
    if (!(last || this_ || next || past) || i + 1 >= hi)
        return 0;
    const char *u = f->tok[i + 1].norm;
    int64_t step;
    int prec;
    if (!strcmp(u, "week") || !strcmp(u, "weekend"))
        step = 7, prec = SR_FACTS_PREC_WEEK;
    else if (!strcmp(u, "month"))
        step = 1, prec = SR_FACTS_PREC_MONTH;
    else if (!strcmp(u, "year"))
        step = 1, prec = SR_FACTS_PREC_YEAR;
    else if (!strcmp(u, "night") && (last || this_))
        return x->t1 = i + 2, relative_day(f, x, last ? -1 : 0, SR_FACTS_PREC_DAY);
    else if ((!strcmp(u, "morning") || !strcmp(u, "afternoon") || !strcmp(u, "evening")) &&
             this_)
        return x->t1 = i + 2, relative_day(f, x, 0, SR_FACTS_PREC_DAY);
    else
        return 0;
    x->t1 = i + 2;
    int dir = last ? -1 : next ? 1 : 0;
    if (past) {
        /* "the past year": the twelve months up to publication, not last year */
        x->flags |= SR_FACTS_DATE_SINCE;
        if (!f->has_pub) {
            x->prec = prec;
            x->flags |= SR_FACTS_DATE_UNRESOLVED;
            return 1;
        }
        int64_t back = prec == SR_FACTS_PREC_WEEK ? 7 : prec == SR_FACTS_PREC_MONTH ? 30 : 365;
        x->flags |= SR_FACTS_DATE_RELATIVE;
        set_days(x, SR_FACTS_PREC_DAY, f->pub_days - back, f->pub_days);
        return 1;
    }
    if (next)
        x->flags |= SR_FACTS_DATE_FUTURE;
    if (!f->has_pub) {
        x->prec = prec;
        x->flags |= SR_FACTS_DATE_UNRESOLVED;
        if (last && prec == SR_FACTS_PREC_YEAR)
            x->flags |= SR_FACTS_DATE_HISTORICAL;
        return 1;
    }
    if (!strcmp(u, "weekend")) {
        /* the latest Saturday before publication, this or last week */
        int64_t back = (weekday(f->pub_days) - 5 + 7) % 7;
        if (last && back == 0)
            back = 7;
        return relative_day(f, x, next ? 7 - back : -back, SR_FACTS_PREC_WEEK);
    }
    if (prec == SR_FACTS_PREC_WEEK)
        return relative_day(f, x, dir * step, prec);
    x->flags |= SR_FACTS_DATE_RELATIVE;
    if (prec == SR_FACTS_PREC_MONTH) {
        int64_t idx = (int64_t)f->py * 12 + (f->pm - 1) + dir;
        int64_t yy = idx / 12;
        int mm = (int)(idx % 12) + 1;
        if (!valid_year(yy))
            return 0;
        set_month(x, yy, mm, yy, mm);
    } else {
        if (!valid_year(f->py + dir))
            return 0;
        set_year(x, f->py + dir, f->py + dir);
    }
    return 1;
}

/* "over the weekend", "at the weekend", "during the weekend": the latest
 * weekend not after publication (its Saturday, to the week). */
static int weekend_at(const sr_facts *f, size_t i, size_t lo, dm *x)
{
    if (!srf_is(f, i, "weekend") || i < lo + 2 || !srf_is(f, i - 1, "the") ||
        !(srf_is(f, i - 2, "over") || srf_is(f, i - 2, "at") || srf_is(f, i - 2, "on") ||
          srf_is(f, i - 2, "during")))
        return 0;
    x->t1 = i + 1;
    int64_t back = f->has_pub ? (weekday(f->pub_days) - 5 + 7) % 7 : 0;
    return relative_day(f, x, -back, SR_FACTS_PREC_WEEK);
}

/* "two days ago", "a week ago", "3 years ago". */
static int ago_at(const sr_facts *f, size_t i, size_t hi, dm *x)
{
    int64_t n = 0;
    if (srf_is(f, i, "a") || srf_is(f, i, "an"))
        n = 1;
    else if (srf_cls(f, i) & L_NUMW)
        n = srf_val(f, i);
    else if (srf_isnum(f, i) && f->num_at[i] != SR_FACTS_NONE)
        n = ((const sr_facts_number *)f->nums.items)[f->num_at[i]].value;
    else
        return 0;
    if (i + 2 >= hi || !(srf_cls(f, i + 1) & L_TIMEU) || !srf_is(f, i + 2, "ago"))
        return 0;
    int32_t unit = srf_val(f, i + 1);
    if (unit == 0)
        return x->t1 = i + 3, relative_day(f, x, 0, SR_FACTS_PREC_DAY);
    if (n > 100000)
        return 0;
    x->t1 = i + 3;
    const char *u = f->tok[i + 1].norm;
    if (unit >= 365) {
        x->flags |= SR_FACTS_DATE_HISTORICAL;
        if (!f->has_pub)
            return relative_day(f, x, 0, SR_FACTS_PREC_YEAR);
        if (!valid_year(f->py - n * (unit / 365)))
            return 0;
        x->flags |= SR_FACTS_DATE_RELATIVE;
        set_year(x, f->py - n * (unit / 365), f->py - n * (unit / 365));
        return 1;
    }
    if (unit == 30) {
        if (!f->has_pub)
            return relative_day(f, x, 0, SR_FACTS_PREC_MONTH);
        int64_t idx = (int64_t)f->py * 12 + (f->pm - 1) - n;
        if (!valid_year(idx / 12))
            return 0;
        x->flags |= SR_FACTS_DATE_RELATIVE;
        set_month(x, idx / 12, (int)(idx % 12) + 1, idx / 12, (int)(idx % 12) + 1);
        return 1;
    }
    return relative_day(f, x, -n * unit, (u[0] == 'w') ? SR_FACTS_PREC_WEEK : SR_FACTS_PREC_DAY);
}

/* "in 2011", "since 2011", "between 2011 and 2013", "the 1980s", "2011-2012". */
static int year_at(const sr_facts *f, size_t i, size_t hi, dm *x)
{
    const sr_facts_number *nums = f->nums.items;
    int64_t y, y2;
    const char *w = f->tok[i].norm;
    if (srf_isnum(f, i) && f->tok[i].norm_len == 9 && w[4] == '-') {
        char a[5], b[5];
        memcpy(a, w, 4);
        a[4] = 0;
        memcpy(b, w + 5, 4);
        b[4] = 0;
        y = atoi(a);
        y2 = atoi(b);
        if (strspn(a, "0123456789") != 4 || strspn(b, "0123456789") != 4 || y < 1000 ||
            y2 < y || y2 > 2999 || i == 0 ||
            !(srf_is(f, i - 1, "in") || srf_is(f, i - 1, "from") ||
              srf_is(f, i - 1, "during") || srf_is(f, i - 1, "since")))
            return 0;
        x->t1 = i + 1;
        set_year(x, y, y2);
        return 1;
    }
    size_t n = f->num_at[i];
    if (n == SR_FACTS_NONE || nums[n].kind != SR_FACTS_NK_YEAR || nums[n].tok_start != i)
        return 0;
    y = nums[n].value;
    if (!valid_year(y))
        return 0;
    x->t1 = i + 1;
    if (f->tok[i].norm[f->tok[i].norm_len - 1] == 's') {
        set_year(x, y, y + 9);
        return 1;
    }
    size_t j = i + 1;
    if (j + 1 < hi && (srf_is(f, j, "and") || srf_is(f, j, "to") || srf_is(f, j, "-")) &&
        year_token(f, j + 1, &y2) && y2 >= y) {
        x->t1 = j + 2;
        set_year(x, y, y2);
        return 1;
    }
    set_year(x, y, y);
    /* "a 2017 attack", "a deadly 2017 chemical attack", "the 2014 war":
     * an article (and a word) before, a word after */
    if (i > 0 && j < hi && !srf_ispunct(f, j) && !(f->tok[j].flags & SR_TOK_NUM) &&
        !(srf_cls(f, j) & (L_PREP | L_CONJ | L_AUX | L_MONTH | L_WDAY | L_TIMEW)) &&
        (srf_is(f, i - 1, "a") || srf_is(f, i - 1, "an") || srf_is(f, i - 1, "the") ||
         srf_is(f, i - 1, "its") || srf_is(f, i - 1, "their") ||
         (i > 1 && (srf_is(f, i - 2, "a") || srf_is(f, i - 2, "an") || srf_is(f, i - 2, "the")) &&
          !srf_ispunct(f, i - 1) && !(srf_cls(f, i - 1) & (L_PREP | L_CONJ)))))
        x->flags |= SR_FACTS_DATE_NOUN;
    return 1;
}

static int iso_at(const sr_facts *f, size_t i, dm *x)
{
    int y, m, d;
    if (!srf_isnum(f, i) || f->tok[i].norm_len != 10 ||
        !sr_facts_parse_iso(f->tok[i].norm, &y, &m, &d))
        return 0;
    x->t1 = i + 1;
    int64_t z = sr_days_from_civil(y, m, d);
    set_days(x, SR_FACTS_PREC_DAY, z, z);
    return 1;
}

/* "mid-May", "early-2011", "late-March" are one token each. */
static int hyphen_at(const sr_facts *f, size_t i, dm *x)
{
    const char *w = f->tok[i].norm;
    if (f->tok[i].flags & SR_TOK_ALNUM) /* no hyphen in it */
        return 0;
    size_t k = srf_date_prefix(w, f->tok[i].norm_len);
    if (!k)
        return 0;
    const char *rest = w + k;
    x->t1 = i + 1;
    const srf_word *lw = srf_lookup(rest, strlen(rest));
    if (lw && (lw->cls & L_MONTH)) {
        int64_t y = 0;
        if (year_token(f, i + 1, &y))
            x->t1 = i + 2;
        return calendar(f, x, y, lw->val, 0, 0, 0);
    }
    if (strlen(rest) == 4 && strspn(rest, "0123456789") == 4) {
        int64_t y = atoi(rest);
        if (y < 1000 || y > 2999)
            return 0;
        set_year(x, y, y);
        return 1;
    }
    return 0;
}

static int simple_at(const sr_facts *f, size_t i, size_t lo, dm *x)
{
    x->t1 = i + 1;
    if (srf_is(f, i, "yesterday")) {
        /* "the day before yesterday" */
        if (i >= lo + 2 && srf_is(f, i - 1, "before") && srf_is(f, i - 2, "day")) {
            x->t0 = (i >= lo + 3 && srf_is(f, i - 3, "the")) ? i - 3 : i - 2;
            return relative_day(f, x, -2, SR_FACTS_PREC_DAY);
        }
        return relative_day(f, x, -1, SR_FACTS_PREC_DAY);
    }
    if (srf_is(f, i, "today") || srf_is(f, i, "tonight"))
        return relative_day(f, x, 0, SR_FACTS_PREC_DAY);
    if (srf_is(f, i, "tomorrow")) {
        x->flags |= SR_FACTS_DATE_FUTURE;
        return relative_day(f, x, 1, SR_FACTS_PREC_DAY);
    }
    return 0;
}

/* A date that names a place, a group or an event: "April 7th Street",
 * "the March 14 alliance", "the 6th of October Bridge". */
static int date_name(const sr_facts *f, size_t t1)
{
    /* (not words that start a new phrase after a date as often: "on
     * March 3 city police said", "coalition jets") */
    static const char *const heads[] = {"street", "st.", "square", "avenue", "road", "bridge",
                                        "movement", "alliance", "bloc", "brigade", "brigades",
                                        "battalion", "stadium", "martyrs", "revolution",
                                        "uprising", "generation", NULL};
    if (t1 >= f->ntok || srf_ispunct(f, t1))
        return 0;
    for (int k = 0; heads[k]; k++)
        if (srf_is(f, t1, heads[k]))
            return 1;
    return 0;
}

static int push_date(sr_facts *f, dm *x, size_t s, size_t lo)
{
    if (date_name(f, x->t1))
        for (size_t j = x->t0; j < x->t1; j++)
            if (f->tok[j].flags & SR_TOK_NUM)
                return SR_OK;   /* a name holds a day or a year */
    sr_facts_date *d = sr_vec_push(&f->dates, f->a, sizeof *d);
    if (!d)
        return SR_ENOMEM;
    /* modifiers that belong to the expression */
    while (x->t0 > lo && (srf_is(f, x->t0 - 1, "early") || srf_is(f, x->t0 - 1, "late") ||
                          srf_is(f, x->t0 - 1, "mid") || srf_is(f, x->t0 - 1, "earlier") ||
                          srf_is(f, x->t0 - 1, "later")))
        x->t0--;
    if (x->t0 > lo && srf_is(f, x->t0 - 1, "since"))
        x->flags |= SR_FACTS_DATE_SINCE;
    /* a period inside a relative clause on a noun ("the war that has gone
     * on for the last five years") times what the clause says, not the
     * sentence's event ("said that" opens a report, not a relative) */
    if (x->flags & SR_FACTS_DATE_SINCE)
        for (size_t j = x->t0; j > lo + 1 && j + 12 > x->t0; j--) {
            size_t w = j - 1;
            if (srf_ispunct(f, w))
                break;
            if (srf_is(f, w, "that") || srf_is(f, w, "which") || srf_is(f, w, "who")) {
                /* (nor "told Reuters that") */
                if (!srf_ispunct(f, w - 1) && !(srf_cls(f, w - 1) & (L_REPORT | L_SUBORD)) &&
                    !(w - 1 > lo && (srf_cls(f, w - 2) & L_REPORT)))
                    x->flags |= SR_FACTS_DATE_RELCLAUSE;
                break;
            }
        }
    d->precision = x->prec;
    d->flags = x->flags;
    d->tok_start = x->t0;
    d->tok_end = x->t1;
    d->start = f->tok[x->t0].start;
    d->end = f->tok[x->t1 - 1].end;
    d->sentence = s;
    if (x->flags & SR_FACTS_DATE_UNRESOLVED) {
        d->month = d->end_month = x->m;
        d->day = d->end_day = x->d;
        return SR_OK;
    }
    int y, m, dd;
    sr_civil_from_days(x->d0, &y, &m, &dd);
    d->year = y;
    d->month = x->prec <= SR_FACTS_PREC_MONTH ? m : 0;
    d->day = x->prec <= SR_FACTS_PREC_WEEK ? dd : 0;
    if (x->d1 != x->d0) /* a day's date ends where it starts */
        sr_civil_from_days(x->d1, &y, &m, &dd);
    d->end_year = y;
    d->end_month = x->prec <= SR_FACTS_PREC_MONTH ? m : 0;
    d->end_day = x->prec <= SR_FACTS_PREC_WEEK ? dd : 0;
    /* Resolved against a publication date at the calendar's edge ("on 1
     * January" published 9999-12-31) a date can leave years 1-9999, which
     * no ISO date writes: it is no date then (fuzz finding). */
    if (!valid_year(d->year) || !valid_year(d->end_year)) {
        f->dates.len--;
        return SR_OK;
    }
    if (f->has_pub) {
        if (x->d1 < f->pub_days - 31 ||
            (x->prec == SR_FACTS_PREC_YEAR && d->end_year < f->py))
            d->flags |= SR_FACTS_DATE_HISTORICAL;
        if (x->d0 > f->pub_days)
            d->flags |= SR_FACTS_DATE_FUTURE;
    }
    /* A dateline: "DAMASCUS, July 16 (Wire) -" near the start of a sentence. */
    if (x->t0 > lo && x->t0 <= lo + 8 && srf_punct(f, x->t0 - 1, ',') &&
        (srf_punct(f, x->t1, '(') || srf_punct(f, x->t1, '-') || srf_is(f, x->t1, "--")))
        d->flags |= SR_FACTS_DATE_DATELINE;
    return SR_OK;
}

/* Can a date start at token i, a token of digits, of a date class or a
 * hyphenated one?  What each matcher needs first, so that the common
 * candidates that start none ("a", "this", "one", a count of people)
 * are passed over without trying them all:
 *   digits     iso_at: 10 bytes; year_at: 9 bytes ("2011-2012") or a
 *              number of kind year starting here; day_first: a month
 *              next or after "of"; ago_at: a time unit next
 *   a word     weekday_at, month_first, simple_at: its own class
 *              (L_WDAY, L_MONTH, L_TIMEW); hyphen_at: a hyphen;
 *              period_at ("last", "this", "past" ...: L_DSTART): a time
 *              word or unit next, or a unit two on ("the past two
 *              weeks"); ago_at ("a", "an", a number word): a unit next;
 *              year_at: a number starting here. */
static int may_start(const sr_facts *f, size_t i, size_t hi)
{
    const sr_token *t = &f->tok[i];
    uint64_t c = f->cls[i], c1 = i + 1 < hi ? f->cls[i + 1] : 0;
    size_t n = f->num_at[i];
    if (t->flags & SR_TOK_NUM) {
        /* day_first reads the month past the sentence's end too */
        if (t->norm_len == 9 || t->norm_len == 10 || (srf_cls(f, i + 1) & (L_MONTH | L_TIMEU)))
            return 1;
        if ((srf_cls(f, i + 2) & L_MONTH) && srf_is(f, i + 1, "of"))
            return 1;
        return n != SR_FACTS_NONE &&
               ((const sr_facts_number *)f->nums.items)[n].kind == SR_FACTS_NK_YEAR;
    }
    if ((c & (L_WDAY | L_MONTH | L_TIMEW)) || !(t->flags & SR_TOK_ALNUM))
        return 1;
    return (c1 & (L_TIMEW | L_TIMEU)) || (i + 2 < hi && (f->cls[i + 2] & L_TIMEU)) ||
           n != SR_FACTS_NONE;
}

/* Every date holds one of DATE_GATE: digits, a month, a weekday, a time
 * word ("yesterday", "week", "ago"), a unit ("two days ago"), a number
 * word or a "mid-May" token. */
int srf_dates(sr_facts *f, size_t s)
{
    if (!(f->scls[s] & DATE_GATE))
        return SR_OK;
    size_t lo = f->sent[s].tok, hi = lo + f->sent[s].ntok;
    for (size_t i = lo; i < hi;) {
        dm x;
        /* plain words of no date class -- most tokens -- eight at a time */
        i = srf_next_want(f->want, i, hi, SRF_W_DATE);
        if (i >= hi)
            break;
        if (!(f->tok[i].flags & SR_TOK_NUM) &&
            !(f->cls[i] & (L_MONTH | L_WDAY | L_TIMEW | L_DSTART | L_NUMW)) &&
            /* a hyphen never is in a token of plain letters and digits */
            !(!(f->tok[i].flags & SR_TOK_ALNUM) &&
              srf_date_prefix(f->tok[i].norm, f->tok[i].norm_len))) {
            i++;
            continue;
        }
        if (!may_start(f, i, hi)) {
            i++;
            continue;
        }
        memset(&x, 0, sizeof x);
        x.t0 = i;
        int ok = iso_at(f, i, &x) || hyphen_at(f, i, &x) || simple_at(f, i, lo, &x) ||
                 weekday_at(f, i, lo, hi, &x) || weekend_at(f, i, lo, &x);
        if (!ok) {
            memset(&x, 0, sizeof x);
            x.t0 = i;
            ok = period_at(f, i, hi, &x) || month_first(f, i, lo, hi, &x);
        }
        if (!ok) {
            memset(&x, 0, sizeof x);
            x.t0 = i;
            ok = day_first(f, i, hi, &x) || ago_at(f, i, hi, &x) || year_at(f, i, hi, &x);
        }
        if (ok && x.t1 > i) {
            int rc = push_date(f, &x, s, lo);
            if (rc)
                return rc;
            i = x.t1;
        } else {
            i++;
        }
    }
    return SR_OK;
}

/* ---- the public side ---------------------------------------------------- */

/* n as `width` zero-padded digits at o; n is known to fit. */
/* n (0-99) as two digits at o. */
static char *put2(char *o, int n)
{
    o[0] = (char)('0' + n / 10);
    o[1] = (char)('0' + n % 10);
    return o + 2;
}

char *sr_facts_date_iso(const sr_facts_date *d, char buf[11])
{
    buf[0] = 0;
    if (!d || (d->flags & SR_FACTS_DATE_UNRESOLVED) || !valid_year(d->year) || d->month < 0 ||
        d->month > 12 || d->day < 0 || d->day > 31)
        return buf;
    /* "%04d-%02d-%02d", cut at the precision */
    int parts = d->precision == SR_FACTS_PREC_DAY || d->precision == SR_FACTS_PREC_WEEK ? 3
                : d->precision == SR_FACTS_PREC_MONTH                                  ? 2
                : d->precision == SR_FACTS_PREC_YEAR                                   ? 1
                                                                                       : 0;
    char *o = buf;
    if (parts >= 1) /* valid_year: 1-9999 */
        o = put2(put2(o, d->year / 100), d->year % 100);
    if (parts >= 2) {
        *o++ = '-';
        o = put2(o, d->month);
    }
    if (parts >= 3) {
        *o++ = '-';
        o = put2(o, d->day);
    }
    *o = 0;
    return buf;
}

static int iso_end(const sr_facts_date *d, char buf[11])
{
    sr_facts_date e = *d;
    e.year = d->end_year;
    e.month = d->end_month;
    e.day = d->end_day;
    sr_facts_date_iso(&e, buf);
    char b0[11];
    sr_facts_date_iso(d, b0);
    return buf[0] && strcmp(b0, buf) != 0;
}

int sr_facts_date_json(const sr_facts_date *d, sr_buf *out)
{
    char b[11], e[11];
    int rc = 0;
    sr_facts_date_iso(d, b);
    int has_end = iso_end(d, e);
    rc |= sr_buf_puts(out, "{\"date\":");
    rc |= b[0] ? sr_buf_printf(out, "\"%s\"", b) : sr_buf_puts(out, "null");
    rc |= sr_buf_printf(out, ",\"precision\":\"%s\",\"end\":", sr_facts_prec_name(d->precision));
    rc |= has_end ? sr_buf_printf(out, "\"%s\"", e) : sr_buf_puts(out, "null");
    rc |= sr_buf_printf(out, ",\"historical\":%s,\"since\":%s,\"start\":%zu,\"end_byte\":%zu}",
                        (d->flags & SR_FACTS_DATE_HISTORICAL) ? "true" : "false",
                        (d->flags & SR_FACTS_DATE_SINCE) ? "true" : "false", d->start, d->end);
    return rc ? SR_ENOMEM : SR_OK;
}

static int date_score(const sr_facts_date *d)
{
    static const int prec_score[] = {0, 40, 30, 20, 10};
    int s = (d->precision >= 0 && d->precision <= 4) ? prec_score[d->precision] : 0;
    if (d->flags & SR_FACTS_DATE_IN_ATTRIB)
        s -= 100;
    if (d->flags & SR_FACTS_DATE_SINCE)
        s -= 200;
    return s;
}

int sr_facts_event_date(const sr_facts *f, size_t start, size_t end, sr_facts_date *out)
{
    return sr_facts_event_date_at(f, start, end, SIZE_MAX, out);
}

/* Whether the noun at byte verb follows the noun-phrase year d: after it,
 * within a few words and no punctuation ("2017 chemical weapons attack"). */
static int dates_noun(const sr_facts *f, const sr_facts_date *d, size_t verb)
{
    if (verb == SIZE_MAX || verb < d->end)
        return 0;
    size_t k = d->tok_end;
    for (int w = 0; w < 4 && k < f->ntok; w++, k++) {
        if (f->tok[k].start == verb)
            return 1;
        if (srf_ispunct(f, k))
            return 0;
    }
    return 0;
}

/* The first date at or after byte start (dates are in text order). */
static size_t first_date_from(const sr_facts *f, size_t start)
{
    const sr_facts_date *ds = f->dates.items;
    size_t lo = 0, hi = f->dates.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ds[mid].start < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int sr_facts_dates_flagged(const sr_facts *f, size_t start, size_t end, uint32_t flags)
{
    if (!f)
        return 0;
    const sr_facts_date *ds = f->dates.items;
    for (size_t k = first_date_from(f, start); k < f->dates.len && ds[k].start < end; k++)
        if (ds[k].flags & flags)
            return 1;
    return 0;
}

int sr_facts_event_date_at(const sr_facts *f, size_t start, size_t end, size_t verb,
                           sr_facts_date *out)
{
    if (!f)
        return 0;
    const sr_facts_date *ds = f->dates.items;
    const sr_facts_date *best = NULL;
    int bs = 0;
    for (size_t k = first_date_from(f, start); k < f->dates.len && ds[k].start < end; k++) {
        if (ds[k].flags & (SR_FACTS_DATE_DATELINE | SR_FACTS_DATE_RELCLAUSE))
            continue;
        if (ds[k].flags & SR_FACTS_DATE_NOUN) {
            /* the noun's own date outranks the sentence's */
            if (dates_noun(f, &ds[k], verb)) {
                best = &ds[k];
                break;
            }
            continue;
        }
        int sc = date_score(&ds[k]);
        if (!best || sc > bs) {
            best = &ds[k];
            bs = sc;
        }
    }
    if (!best)
        return 0;
    if (out)
        *out = *best;
    return 1;
}
