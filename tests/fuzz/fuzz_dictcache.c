/* libFuzzer target: the compiled-dictionary cache reader.  The input is
 * read as a cache image with the checksum not checked (a real reader
 * rejects any damaged byte by its checksum; this reaches the structural
 * checks behind it), and a set it yields is queried the way the coder
 * does: words of its own vocabulary as sentences, every table at every
 * position, every synset, pattern, actor role and label.  The seeds in
 * corpus/dictcache are cache files of small dictionary sets. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void warn_sink(void *ctx, const sr_error *w)
{
    (void)ctx;
    (void)w;
}

static void query(const sr_dict *d)
{
    enum { MAXW = 24 };
    const char *w[MAXW];
    size_t l[MAXW], nw = 0;
    uint32_t nv = (uint32_t)sr_dict_count(d, SR_DICT_N_WORDS);
    for (uint32_t id = 1; id <= nv && nw < MAXW; id++) {
        size_t len;
        const char *t = sr_dict_word_text(d, id, &len);
        if (t) {
            w[nw] = t;
            l[nw++] = len;
        }
    }
    sr_arena *a = sr_arena_new();
    sr_dict_seq *seq;
    if (a && sr_dict_seq_from_words(d, a, w, l, nw, &seq) == 0) {
        for (int t = 0; t < SR_DICT_T__COUNT; t++)
            for (size_t i = 0; i < nw; i++) {
                sr_dict_match m;
                if (sr_dict_match_longest(d, t, seq, i, nw, NULL, &m) == 1) {
                    sr_dict_phrase ph;
                    sr_dict_phrase_get(d, m.phrase, &ph);
                }
            }
        for (uint32_t y = 0; y < sr_dict_count(d, SR_DICT_N_SYNSETS) && y < 64; y++)
            for (size_t i = 0; i < nw; i++) {
                sr_dict_match m;
                (void)sr_dict_synset_may_start(d, y, seq, i);
                (void)sr_dict_synset_match(d, y, seq, i, nw, NULL, &m);
            }
        for (uint32_t p = 0; p < sr_dict_count(d, SR_DICT_N_PATTERNS); p++) {
            sr_dict_pattern pat;
            if (sr_dict_pattern_get(d, p, &pat))
                continue;
            for (uint32_t e = 0; e < pat.nelems; e++)
                if (pat.elems[e].type == SR_DICT_E_WORD && nw)
                    (void)sr_dict_word_matches(d, seq, 0, pat.elems[e].value, pat.elems[e].mode,
                                               NULL);
            for (uint32_t k = 0; k < pat.nneed; k++)
                (void)sr_dict_synsets_starting(d, pat.need[k] & ~SR_DICT_NEED_SYNSET, NULL);
        }
    }
    sr_arena_free(a);
    for (uint32_t k = 0; k < sr_dict_count(d, SR_DICT_N_ACTORS); k++) {
        sr_dict_role r;
        if (sr_dict_actor_role_at(d, k, 20000101, &r) == 1)
            for (uint32_t c = 0; c < r.ncodes; c++)
                (void)sr_dict_role_code(&r, c);
    }
    for (uint32_t k = 0; k < sr_dict_count(d, SR_DICT_N_AGENTS); k++) {
        sr_dict_agent ag;
        if (!sr_dict_agent_get(d, k, &ag))
            (void)strlen(ag.code);
    }
    for (uint32_t k = 0; k < sr_dict_count(d, SR_DICT_N_FORMS); k++) {
        sr_dict_form f;
        sr_dict_verb v;
        if (!sr_dict_form_get(d, k, &f))
            (void)sr_dict_verb_get(d, f.verb, &v);
    }
    (void)sr_dict_label(d, "190");
    (void)sr_dict_synset_id(d, "&WEAPON", 7);
    sr_dict_options o;
    sr_dict_options_get(d, &o);
    (void)strlen(o.default_source);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20))
        return 0;
    /* The reader wants an 8-byte aligned image, as a map is. */
    uint64_t *img = malloc(size + 8);
    if (!img)
        return 0;
    memcpy(img, data, size);
    dvec warns = {0};
    sr_dict *d = dict_cache_load_mem(img, size, NULL, DC_NO_CHECKSUM, &warns);
    if (d) {
        dict_cache_replay(d, &warns, warn_sink, NULL);
        query(d);
        sr_dict_free(d);
    }
    /* With the checksum, the reader must never crash either. */
    d = dict_cache_load_mem(img, size, NULL, 0, NULL);
    sr_dict_free(d);
    free(img);
    return 0;
}
