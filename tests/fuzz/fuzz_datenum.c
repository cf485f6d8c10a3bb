/* libFuzzer target: date and number parsing on their own.  The first line
 * of the input is a publication date as a caller hands it over (JSON Lines
 * "date", a TABARI header, sitrep's own YYYY-MM-DD), the rest is text.
 * The date line goes through sr_input_parse_date and sr_facts_parse_iso;
 * every blank-separated phrase of up to five words of the text through
 * sr_facts_parse_number; then the whole text through sr_facts_analyze with
 * the raw date line as publication date, so relative dates ("on Sunday",
 * "last week") are resolved against whatever it holds.  Every result must
 * stay in its documented range. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "facts/sr_facts.h"
#include "input/sr_input.h"
#include "text/sr_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_date(const sr_facts_date *d)
{
    char iso[11];
    sr_facts_date_iso(d, iso);
    if (strlen(iso) > 10 || d->year < 0 || d->year > 9999 || d->month < 0 || d->month > 12 ||
        d->day < 0 || d->day > 31 || d->end_year < 0 || d->end_year > 9999)
        __builtin_trap();
}

static void check_number(const sr_facts_number *x, size_t len)
{
    if (x->value < 0 || x->value > SR_FACTS_NUM_MAX || x->low < 0 || x->end > len ||
        x->start > x->end)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384)
        return 0;
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    size_t dl = nl ? (size_t)(nl - s) : size;
    char pub[64];
    size_t pl = dl < sizeof pub - 1 ? dl : sizeof pub - 1;
    memcpy(pub, s, pl);
    pub[pl] = 0;

    char out[11];
    if (sr_input_parse_date(s, dl, out) == 0) {
        int y, m, d;
        /* What the reader accepts, the facts stage must read back. */
        if (strlen(out) != 10 || !sr_facts_parse_iso(out, &y, &m, &d))
            __builtin_trap();
    }
    int y, m, d;
    if (sr_facts_parse_iso(pub, &y, &m, &d) && (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1))
        __builtin_trap();

    sr_arena *a = sr_arena_new();
    if (!a)
        return 0;
    const char *text = nl ? nl + 1 : s + size;
    size_t tl = (size_t)(s + size - text);
    char *clean;
    size_t cl;
    if (sr_text_utf8_repair(a, text, tl, &clean, &cl, NULL)) {
        sr_arena_free(a);
        return 0;
    }
    /* Phrases of one to five words from every word start. */
    size_t starts[64], ns = 0;
    for (size_t i = 0; i < cl && ns < 64; i++)
        if (clean[i] != ' ' && (i == 0 || clean[i - 1] == ' '))
            starts[ns++] = i;
    for (size_t k = 0; k < ns; k++) {
        size_t e = starts[k];
        for (int w = 0; w < 5 && e < cl; w++) {
            while (e < cl && clean[e] != ' ')
                e++;
            sr_facts_number x;
            if (sr_facts_parse_number(a, clean + starts[k], e - starts[k], &x) == 1)
                check_number(&x, e - starts[k]);
            while (e < cl && clean[e] == ' ')
                e++;
        }
    }
    sr_text *t;
    sr_facts *f;
    if (sr_text_analyze(a, clean, cl, NULL, 0, &t, NULL) == 0 &&
        sr_facts_analyze(a, clean, cl, t, pub, &f, NULL) == 0) {
        size_t n;
        const sr_facts_date *ds = sr_facts_dates(f, &n);
        sr_buf b = SR_BUF_INIT;
        for (size_t i = 0; i < n; i++) {
            check_date(&ds[i]);
            sr_facts_date_json(&ds[i], &b);
        }
        const sr_facts_number *xs = sr_facts_numbers(f, &n);
        for (size_t i = 0; i < n; i++)
            check_number(&xs[i], cl);
        const sr_sentence *ss = sr_text_sentences(t, &n);
        for (size_t i = 0; i < n; i++) {
            sr_facts_date d1;
            if (sr_facts_event_date(f, ss[i].start, ss[i].end, &d1))
                check_date(&d1);
        }
        sr_buf_free(&b);
    }
    sr_arena_free(a);
    return 0;
}
