/*
 * facts.c - sr_facts_analyze runs the passes, each over every sentence, and the
 * accessors, JSON writers and the casualty helper the coder calls.
 */
#include <stddef.h>
#include <ctype.h>
#include <string.h>

#include "facts_int.h"
#include "util/sr_util.h"

/* Sentence s's summary (sr_facts.scls): its words' classes (c, with fl
 * and marks from srf_index_tokens) and the SC_ bits. */
static uint64_t summary(sr_facts *f, size_t s, uint64_t c, uint32_t fl, unsigned marks)
{
    size_t lo = f->sent[s].tok, hi = lo + f->sent[s].ntok;
    const sr_token *tk = f->tok;
    if (fl & SR_TOK_NUM)
        c |= SC_DIGITS;
    /* SC_MODOPEN only opens the modality gate (MOD_GATE), which a cue
     * word opens already */
    if ((c & L_MODAUX) && !(c & MOD_CUES)) {
        /* no cue word here: SRF_W_MOD marks the L_MODAUX words */
        for (size_t i = srf_next_want(f->want, lo, hi, SRF_W_MOD); i < hi;
             i = srf_next_want(f->want, i + 1, hi, SRF_W_MOD))
            /* "may", "had", "after" and the words of fear open on
             * their own, the others before "to", "of" or "for", or
             * urging someone to act */
            if (tk[i].norm[0] == 'm' || tk[i].norm[0] == 'h' || srf_is(f, i + 1, "to") ||
                srf_is(f, i, "after") || srf_is(f, i + 1, "of") || srf_is(f, i + 1, "for") ||
                tk[i].norm[0] == 'f' || srf_urged_to(f, i, hi)) {
                c |= SC_MODOPEN;
                break;
            }
    }
    if (!(c & COUNT_TRIGGERS) && (marks & SRF_IX_FORCED))
        c |= SC_FORCED;
    if (marks & SRF_IX_CONTR)
        c |= SC_CONTR;
    if (marks & SRF_IX_HYPHNUM)
        c |= SC_HYPHNUM;
    if (marks & SRF_IX_DATEW)
        c |= SC_DATEW;
    return c;
}

/* Lists the double quotes among tokens [lo, hi), which srf_index_tokens
 * saw there.  Returns 0 or SR_ENOMEM. */
static int list_quotes(sr_facts *f, size_t lo, size_t hi)
{
    const sr_token *tk = f->tok;
    for (size_t i = lo; i < hi; i++)
        if (tk[i].norm_len == 1 && tk[i].norm[0] == '"') {
            size_t *q = sr_vec_push(&f->quotes, f->a, sizeof *q);
            if (!q)
                return SR_ENOMEM;
            *q = i;
        }
    return SR_OK;
}

/* No number covers tokens [lo, hi) yet (SR_FACTS_NONE: every byte 0xff):
 * a sentence's worth at a time, which memset writes in a few vector
 * stores, not a store a token in the index loop. */
static void no_numbers(sr_facts *f, size_t lo, size_t hi)
{
    memset(f->num_at + lo, 0xff, (hi - lo) * sizeof *f->num_at);
}

/* Per sentence, one past the index of its last item in a vector of n
 * items of the given size whose size_t at offset `at` is their sentence,
 * in sentence order. */
static size_t *sent_ends(sr_facts *f, const void *items, size_t n, size_t size, size_t at)
{
    size_t *e = sr_arena_alloc(f->a, (f->nsent ? f->nsent : 1) * sizeof *e);
    if (!e)
        return NULL;
    const char *p = items;
    size_t k = 0;
    for (size_t s = 0; s < f->nsent; s++) {
        size_t v;
        while (k < n && (memcpy(&v, p + k * size + at, sizeof v), v <= s))
            k++;
        e[s] = k;
    }
    return e;
}

int sr_facts_analyze(sr_arena *a, const char *text, size_t len, const sr_text *t,
                     const char *pubdate, sr_facts **out, sr_error *err)
{
    if (!a || !text || !t || !out)
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "sr_facts_analyze: missing argument");
    *out = NULL;
    sr_facts *f = sr_arena_calloc(a, 1, sizeof *f);
    if (!f)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    f->a = a;
    f->text = text;
    f->len = len;
    f->tok = sr_text_tokens(t, &f->ntok);
    f->sent = sr_text_sentences(t, &f->nsent);
    if (pubdate && sr_facts_parse_iso(pubdate, &f->py, &f->pm, &f->pd)) {
        f->has_pub = 1;
        f->pub_days = sr_days_from_civil(f->py, f->pm, f->pd);
    }
    size_t nt = f->ntok ? f->ntok : 1;
    uint16_t *lexi = sr_arena_alloc(a, nt * sizeof *lexi);
    f->lexi = lexi;
    uint64_t *cls = sr_arena_alloc(a, nt * sizeof *cls);
    f->cls = cls;
    uint8_t *want = sr_arena_alloc(a, nt + SRF_WANT_PAD);
    f->want = want;
    if (want) /* read, masked off, by srf_next_want */
        memset(want + nt, 0, SRF_WANT_PAD);
    f->scls = sr_arena_calloc(a, f->nsent ? f->nsent : 1, sizeof *f->scls);
    f->num_at = sr_arena_alloc(a, nt * sizeof *f->num_at);
    f->tbits = sr_arena_calloc(a, nt, 1);
    f->mod = sr_arena_alloc(a, nt * sizeof *f->mod);
    if (!lexi || !cls || !want || !f->scls || !f->num_at || !f->tbits || !f->mod)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");

    f->last_named = SR_FACTS_NONE;
    srf_lex_init();
    /* One pass over the tokens: sentence by sentence (they come in token
     * order), the tokens between sentences too; each token is indexed,
     * its state set and its sentence summarised as it passes. */
    size_t s, i = 0;
    for (s = 0; s <= f->nsent; s++) {
        size_t lo = s < f->nsent ? f->sent[s].tok : f->ntok;
        size_t hi = s < f->nsent ? lo + f->sent[s].ntok : f->ntok;
        if (lo < i || hi > f->ntok) /* out of order: no summary pass can rely on */
            return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "sr_facts_analyze: sentences out of token order");
        uint32_t fl;
        unsigned marks;
        if (i < lo) {
            srf_index_tokens(f->tok, i, lo, lexi, cls, want, &fl, &marks);
            no_numbers(f, i, lo);
            for (size_t k = i; k < lo; k++)
                f->tbits[k] = SRF_TB_NOSENT;
            if ((marks & SRF_IX_QUOTE) && list_quotes(f, i, lo))
                return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
        }
        uint64_t c = srf_index_tokens(f->tok, lo, hi, lexi, cls, want, &fl, &marks);
        no_numbers(f, lo, hi);
        if ((marks & SRF_IX_QUOTE) && list_quotes(f, lo, hi))
            return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
        i = hi;
        if (s < f->nsent)
            f->scls[s] = summary(f, s, c, fl, marks);
    }
    /* The passes one after the other, each over every sentence: a pass's
     * code stays in the instruction cache for the whole document, where
     * five passes in turn for each sentence did not fit (facts_int.h). */
    int rc = SR_OK;
    for (s = 0; s < f->nsent && !rc; s++) {
        size_t nums0 = f->nums.len;
        rc = srf_numbers(f, s);
        /* the counts pass wants a count of people or a trigger word */
        const sr_facts_number *nu = f->nums.items;
        for (size_t k = nums0; k < f->nums.len; k++)
            if (nu[k].kind == SR_FACTS_NK_QUANTITY || nu[k].kind == SR_FACTS_NK_SIZE)
                f->scls[s] |= SC_COUNTNUM;
    }
    for (s = 0; s < f->nsent && !rc; s++)
        rc = srf_dates(f, s);
    if (!rc && !(f->dates_end = sent_ends(f, f->dates.items, f->dates.len, sizeof(sr_facts_date),
                                          offsetof(sr_facts_date, sentence))))
        rc = SR_ENOMEM;
    for (s = 0; s < f->nsent && !rc; s++)
        rc = srf_attrs(f, s);
    if (!rc && !(f->attrs_end = sent_ends(f, f->attrs.items, f->attrs.len, sizeof(sr_facts_attr),
                                          offsetof(sr_facts_attr, sentence))))
        rc = SR_ENOMEM;
    for (s = 0; s < f->nsent && !rc; s++)
        srf_modality(f, s);
    for (s = 0; s < f->nsent && !rc; s++)
        rc = srf_counts(f, s);
    if (rc)
        return sr_error_set(err, rc, NULL, 0, 0, "out of memory");
    if (srf_attrs_carry(f))
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    *out = f;
    return SR_OK;
}

const uint16_t *sr_facts_token_words(const sr_facts *f, const sr_token **tok)
{
    *tok = f->tok;
    return f->lexi;
}

const sr_facts_number *sr_facts_numbers(const sr_facts *f, size_t *n)
{
    *n = f ? f->nums.len : 0;
    return f ? f->nums.items : NULL;
}

const sr_facts_count *sr_facts_counts(const sr_facts *f, size_t *n)
{
    *n = f ? f->counts.len : 0;
    return f ? f->counts.items : NULL;
}

const sr_facts_date *sr_facts_dates(const sr_facts *f, size_t *n)
{
    *n = f ? f->dates.len : 0;
    return f ? f->dates.items : NULL;
}

const sr_facts_attr *sr_facts_attributions(const sr_facts *f, size_t *n)
{
    *n = f ? f->attrs.len : 0;
    return f ? f->attrs.items : NULL;
}

/* ---- names ---------------------------------------------------------------- */

const char *sr_facts_count_type_name(int type)
{
    static const char *const n[] = {"KILL", "WOUND", "ARREST", "KIDNAP",
                                    "DISPLACE", "PROTEST", "AFFECT"};
    return type >= 0 && type < 7 ? n[type] : "?";
}

const char *sr_facts_qual_name(int q)
{
    static const char *const n[] = {"exact", "at_least", "at_most", "approximate", "vague"};
    return q >= 0 && q < 5 ? n[q] : "?";
}

const char *sr_facts_mode_name(int m)
{
    static const char *const n[] = {"asserted", "denied", "threatened",
                                    "planned", "hypothetical", "past"};
    return m >= 0 && m < 6 ? n[m] : "?";
}

const char *sr_facts_prec_name(int p)
{
    static const char *const n[] = {"none", "day", "week", "month", "year"};
    return p >= 0 && p < 5 ? n[p] : "?";
}

const char *sr_facts_kind_name(int k)
{
    static const char *const n[] = {"quantity", "year", "percent", "money", "ordinal", "size",
                                    "age", "modifier", "time", "measure", "day"};
    return k >= 0 && k < 11 ? n[k] : "?";
}

/* ---- JSON ------------------------------------------------------------------ */

static int put_int(sr_buf *b, int64_t v)
{
    if (v == SR_FACTS_UNBOUNDED)
        return sr_buf_puts(b, "null");
    return sr_buf_printf(b, "%lld", (long long)v);
}

int sr_facts_counts_json(const sr_facts *f, sr_buf *out)
{
    size_t n;
    const sr_facts_count *c = sr_facts_counts(f, &n);
    int rc = sr_buf_putc(out, '[');
    for (size_t i = 0; i < n && !rc; i++) {
        rc |= sr_buf_printf(out, "%s{\"type\":\"%s\",\"number\":", i ? "," : "",
                            sr_facts_count_type_name(c[i].type));
        rc |= put_int(out, c[i].number);
        rc |= sr_buf_printf(out, ",\"qualifier\":\"%s\",\"low\":", sr_facts_qual_name(c[i].qual));
        rc |= put_int(out, c[i].low);
        rc |= sr_buf_puts(out, ",\"high\":");
        rc |= put_int(out, c[i].high);
        rc |= sr_buf_puts(out, ",\"people\":");
        rc |= c[i].people ? sr_json_str(out, c[i].people, strlen(c[i].people))
                          : sr_buf_puts(out, "null");
        rc |= sr_buf_printf(out, ",\"start\":%zu,\"end\":%zu,\"trigger\":", c[i].start, c[i].end);
        rc |= sr_json_str(out, f->text + c[i].trigger_start,
                          c[i].trigger_end - c[i].trigger_start);
        rc |= sr_buf_printf(out, ",\"cumulative\":%s,\"part_of\":",
                            c[i].cumulative ? "true" : "false");
        rc |= c[i].part_of == SR_FACTS_NONE ? sr_buf_puts(out, "null")
                                            : sr_buf_printf(out, "%zu", c[i].part_of);
        rc |= sr_buf_printf(out, ",\"negated\":%s,\"mode\":\"%s\"}",
                            c[i].negated ? "true" : "false", sr_facts_mode_name(c[i].mode));
    }
    rc |= sr_buf_putc(out, ']');
    return rc ? SR_ENOMEM : SR_OK;
}

/* ---- casualties for one event -------------------------------------------- */

/* No event kills or wounds more people than live on Earth: a larger figure
 * (a 400-digit number saturates at SR_FACTS_NUM_MAX) is garbled text, and on
 * an event it would swamp every total summed from events.  It stays in the
 * counts. */
#define MAX_CASUALTIES ((int64_t)10000000000LL)

static void accumulate(int64_t *total, int *qual, size_t *first, const sr_facts_count *c,
                       size_t idx)
{
    if (*total < 0) {
        *total = c->number;
        *qual = c->qual;
        *first = idx;
        return;
    }
    *total = srf_add(*total, c->number);
    if (*qual == SR_FACTS_EXACT)
        *qual = c->qual;
}

/* Where the nth word before byte at starts, n at most *words (set to
 * the words found: fewer at the text's start). */
static size_t words_back(const char *t, size_t at, int *words)
{
    size_t k = at;
    int w = 0;
    for (; w < *words; w++) {
        while (k > 0 && !isalnum((unsigned char)t[k - 1]))
            k--;
        if (k == 0)
            break;
        while (k > 0 && isalnum((unsigned char)t[k - 1]))
            k--;
    }
    *words = w;
    return k;
}

/* Count i repeats one before it from lo word for word, with the three
 * words before it (fewer at the text's start): a page's headline run into
 * its lead ("Double bomb attack kills 31 ... Double bomb attack kills 31
 * in Syrian Kurdish city") tells of the same dead again.  ("killed 5
 * soldiers in Aleppo and 5 soldiers in Idlib", "11 children among 18
 * dead ... 10 children among 18 dead" count both: the words before
 * differ.) */
static int repeated(const sr_facts *f, const sr_facts_count *c, size_t lo, size_t i)
{
    if (!f->text)
        return 0;
    size_t n = c[i].end - c[i].start;
    for (size_t j = lo; j < i; j++) {
        if (c[j].type != c[i].type || c[j].number != c[i].number || c[j].end - c[j].start != n)
            continue;
        int w = 3;
        size_t bj = words_back(f->text, c[j].start, &w);
        size_t bi = words_back(f->text, c[i].start, &w);
        if (c[j].start - bj == c[i].start - bi &&
            !memcmp(f->text + bj, f->text + bi, n + (c[i].start - bi)))
            return 1;
    }
    return 0;
}

/* Count i restates one before it in its sentence: the same toll of the
 * same people, told again by a participle after the act ("Twenty-six
 * civilians were killed when jets pounded the town, killing 26
 * civilians").  ("Gunmen killed 5 soldiers in Aleppo and a bomb killed 5
 * soldiers in Idlib" counts both: the second's trigger is no participle
 * in -ing.) */
static int restated(const sr_facts *f, const sr_facts_count *c, size_t lo, size_t i)
{
    size_t te = c[i].trigger_end;
    if (!c[i].people || !f->text || c[i].trigger_start > c[i].start || te > c[i].end ||
        te < c[i].trigger_start + 4 || memcmp(f->text + te - 3, "ing", 3))
        return 0;
    for (size_t j = i; j-- > lo && c[j].sentence == c[i].sentence;)
        if (c[j].type == c[i].type && c[j].number == c[i].number && c[j].people &&
            !strcmp(c[j].people, c[i].people) && c[j].part_of == SR_FACTS_NONE)
            return 1;
    return 0;
}

/* The first count at or after byte start (counts are in text order). */
static size_t count_from(const sr_facts *f, size_t start)
{
    return sr_lower_bound_by(f->counts.items, f->counts.len, sizeof(sr_facts_count),
                             offsetof(sr_facts_count, start), start);
}

/* Whether count i of those from lo is one an event's toll adds up. */
static int usable(const sr_facts *f, const sr_facts_count *c, size_t lo, size_t i)
{
    return !(c[i].cumulative || c[i].negated || c[i].mode != SR_FACTS_ASSERTED ||
             c[i].part_of != SR_FACTS_NONE || c[i].number > MAX_CASUALTIES ||
             repeated(f, c, lo, i) || restated(f, c, lo, i));
}

int sr_facts_casualties_get(const sr_facts *f, size_t start, size_t end,
                            sr_facts_casualties *out)
{
    if (!out)
        return 0;
    out->dead = out->injured = -1;
    out->dead_qual = out->injured_qual = SR_FACTS_EXACT;
    out->dead_count = out->injured_count = SR_FACTS_NONE;
    if (!f)
        return 0;
    const sr_facts_count *c = f->counts.items;
    size_t lo = count_from(f, start);
    for (size_t i = lo; i < f->counts.len && c[i].start < end; i++) {
        if (!usable(f, c, lo, i))
            continue;
        if (c[i].type == SR_FACTS_KILL)
            accumulate(&out->dead, &out->dead_qual, &out->dead_count, &c[i], i);
        else if (c[i].type == SR_FACTS_WOUND)
            accumulate(&out->injured, &out->injured_qual, &out->injured_count, &c[i], i);
    }
    return (out->dead >= 0) + (out->injured >= 0);
}

size_t sr_facts_casualty_counts(const sr_facts *f, size_t start, size_t end, int type,
                                size_t *idx, size_t cap)
{
    if (!f)
        return 0;
    const sr_facts_count *c = f->counts.items;
    size_t lo = count_from(f, start), k = 0;
    for (size_t i = lo; i < f->counts.len && c[i].start < end; i++)
        if (c[i].type == type && usable(f, c, lo, i)) {
            if (k < cap)
                idx[k] = i;
            k++;
        }
    return k;
}

int sr_facts_casualties_json(const sr_facts_casualties *c, sr_buf *out)
{
    int rc = 0;
    if (c->dead >= 0)
        rc |= sr_buf_printf(out, ",\"dead\":%lld,\"dead_qualifier\":\"%s\"", (long long)c->dead,
                            sr_facts_qual_name(c->dead_qual));
    if (c->injured >= 0)
        rc |= sr_buf_printf(out, ",\"injured\":%lld,\"injured_qualifier\":\"%s\"",
                            (long long)c->injured, sr_facts_qual_name(c->injured_qual));
    return rc ? SR_ENOMEM : SR_OK;
}
