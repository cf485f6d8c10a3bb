/* libFuzzer target: the facts module on arbitrary text.  The first byte
 * picks a publication date (or none); the rest is repaired to valid UTF-8,
 * analysed by the text stage and then by sr_facts_analyze, and every query
 * the coder makes is asked of every sentence and token. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "facts/sr_facts.h"
#include "text/sr_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const pubs[] = {NULL, "2012-07-16", "0001-01-01", "9999-12-31",
                                   "2000-02-29", "2013-01-04", "bogus", "2012-02-30"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 18))
        return 0;
    const char *pub = size ? pubs[data[0] % (sizeof pubs / sizeof pubs[0])] : NULL;
    if (size) {
        data++;
        size--;
    }
    sr_arena *a = sr_arena_new();
    if (!a)
        return 0;
    char *text;
    size_t len;
    sr_text *t;
    sr_facts *f;
    if (sr_text_utf8_repair(a, (const char *)data, size, &text, &len, NULL) ||
        sr_text_analyze(a, text, len, NULL, 0, &t, NULL) ||
        sr_facts_analyze(a, text, len, t, pub, &f, NULL)) {
        sr_arena_free(a);
        return 0;
    }
    size_t ns, nt, n;
    const sr_sentence *s = sr_text_sentences(t, &ns);
    sr_text_tokens(t, &nt);
    for (size_t i = 0; i < ns; i++) {
        sr_facts_date d;
        sr_facts_attr at;
        sr_facts_casualties c;
        char iso[11];
        if (sr_facts_event_date(f, s[i].start, s[i].end, &d)) {
            sr_facts_date_iso(&d, iso);
            if (strlen(iso) > 10)
                __builtin_trap();
        }
        sr_facts_attribution(f, s[i].start, s[i].end, s[i].start, s[i].end, &at);
        sr_facts_casualties_get(f, s[i].start, s[i].end, &c);
    }
    for (size_t i = 0; i < nt; i++) {
        sr_facts_modality m;
        if (sr_facts_modality_get(f, i, &m) == 0 &&
            ((m.cue_tok != SR_FACTS_NONE && m.cue_tok >= nt) || m.agent_end > len))
            __builtin_trap();
    }
    const sr_facts_count *cs = sr_facts_counts(f, &n);
    for (size_t i = 0; i < n; i++)
        if (cs[i].end > len || cs[i].start > cs[i].end ||
            (cs[i].part_of != SR_FACTS_NONE && cs[i].part_of >= n) || cs[i].number < 0)
            __builtin_trap();
    const sr_facts_number *ns_ = sr_facts_numbers(f, &n);
    for (size_t i = 0; i < n; i++)
        if (ns_[i].value < 0 || ns_[i].value > SR_FACTS_NUM_MAX || ns_[i].end > len)
            __builtin_trap();
    const sr_facts_date *ds = sr_facts_dates(f, &n);
    sr_buf b = SR_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        sr_facts_date_json(&ds[i], &b);
    const sr_facts_attr *as = sr_facts_attributions(f, &n);
    for (size_t i = 0; i < n; i++) {
        if (as[i].end > len || as[i].start > as[i].end)
            __builtin_trap();
        sr_facts_attr_json(&as[i], NULL, &b);
    }
    sr_facts_counts_json(f, &b);
    sr_buf_free(&b);
    sr_arena_free(a);
    return 0;
}
