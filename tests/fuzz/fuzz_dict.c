/* libFuzzer target: the dictionary loaders and matchers.  The input is read
 * as every kind of dictionary, under a TABARI-looking and a
 * PETRARCH-looking name, then compiled and matched against its own words,
 * so both the parsers and the compiled tries see hostile data. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "dict/sr_dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void warn_sink(void *ctx, const sr_error *w)
{
    (void)ctx;
    (void)w;
}

/* The input's blank-separated words, lower-cased, as a token sequence. */
static void match_own_words(const sr_dict *d, const char *s, size_t n)
{
    enum { MAXW = 256 };
    static char low[1 << 16];
    if (n > sizeof low)
        n = sizeof low;
    const char *w[MAXW];
    size_t l[MAXW], nw = 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    for (size_t i = 0; i < n && nw < MAXW;) {
        while (i < n && (low[i] == ' ' || low[i] == '\n' || low[i] == '_' || low[i] == '\t'))
            i++;
        size_t b = i;
        while (i < n && low[i] != ' ' && low[i] != '\n' && low[i] != '_' && low[i] != '\t')
            i++;
        if (i > b) {
            w[nw] = low + b;
            l[nw++] = i - b;
        }
    }
    sr_arena *a = sr_arena_new();
    sr_dict_seq *seq;
    if (a && sr_dict_seq_from_words(d, a, w, l, nw, &seq) == 0) {
        for (int t = 0; t < SR_DICT_T__COUNT; t++) {
            for (size_t i = 0; i < nw && i < 32; i++) {
                sr_dict_match m;
                if (sr_dict_match_longest(d, t, seq, i, nw, NULL, &m) == 1) {
                    sr_dict_phrase ph;
                    sr_dict_phrase_get(d, m.phrase, &ph);
                    if (t == SR_DICT_T_ACTORS) {
                        sr_dict_role r;
                        if (sr_dict_actor_role_at(d, m.entry, 20000101, &r) == 1)
                            for (uint32_t k = 0; k < r.ncodes; k++)
                                (void)sr_dict_role_code(&r, k);
                    }
                }
            }
        }
        /* Walk every pattern and test each word element on token 0. */
        for (uint32_t p = 0; p < sr_dict_count(d, SR_DICT_N_PATTERNS); p++) {
            sr_dict_pattern pat;
            if (sr_dict_pattern_get(d, p, &pat))
                continue;
            for (uint32_t e = 0; e < pat.nelems; e++) {
                const sr_dict_elem *el = &pat.elems[e];
                if (el->type == SR_DICT_E_WORD && nw)
                    (void)sr_dict_word_matches(d, seq, 0, el->value, el->mode, NULL);
                else if (el->type == SR_DICT_E_SYNSET && nw) {
                    sr_dict_match m;
                    (void)sr_dict_synset_match(d, el->value, seq, 0, nw, NULL, &m);
                }
            }
        }
    }
    sr_arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    static const char *const names[] = {"f.actors", "f.agents",  "f.verbs",
                                        "f.discards", "f.options", "f.issues",
                                        "f.actors.txt", "f.agents.txt", "CAMEO.txt",
                                        "unnamed"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        sr_dict *d = sr_dict_new();
        if (!d)
            return 0;
        sr_error err;
        sr_dict_load_mem(d, names[k], (const char *)data, size, SR_DICT_AUTO, &err, warn_sink,
                         NULL);
        if (sr_dict_compile(d, &err) == 0)
            match_own_words(d, (const char *)data, size);
        sr_dict_options o;
        sr_dict_options_init(&o);
        sr_dict_options_apply(&o, (const char *)data, size < 4096 ? size : 4096, &err);
        sr_dict_free(d);
    }
    return 0;
}
