/* libFuzzer target: the jsonl reader and the text stage behind it.
 *
 * Also differential: every line the fast scanner accepts must be read the
 * same by jansson (same fields, types, bytes and numbers), so the scanner
 * never accepts a line jansson would reject or read otherwise. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "input/input_int.h"
#include "text/sr_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same_fields(const input_jfield *a, const input_jfield *b)
{
    for (int k = 0; k < INPUT_JF_N; k++) {
        if (a[k].type != b[k].type)
            abort();
        if (a[k].type == INPUT_JT_STRING &&
            (a[k].len != b[k].len || memcmp(a[k].str, b[k].str, a[k].len)))
            abort();
        if (a[k].type == INPUT_JT_INTEGER && a[k].ival != b[k].ival)
            abort();
    }
}

static void differential(const uint8_t *data, size_t size)
{
    sr_arena *a = sr_arena_new();
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *clean, *copy;
        size_t clen;
        if (sr_text_utf8_repair(a, p, n, &clean, &clen, NULL) == SR_OK &&
            (copy = sr_arena_strndup(a, clean, clen))) {
            input_jfield fast[INPUT_JF_N], slow[INPUT_JF_N];
            if (input_json_fast(copy, clen, fast)) {
                char msg[256];
                long byte;
                if (input_json_slow(a, clean, clen, slow, &byte, msg, sizeof msg))
                    abort();
                same_fields(fast, slow);
            } else if (memcmp(copy, clean, clen)) {
                abort(); /* a declined line must be left as it was */
            }
        }
        sr_arena_reset(a);
        p += n + 1;
    }
    sr_arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size <= (1u << 20))
        differential(data, size);
    return fuzz_reader(data, size, SR_FMT_JSONL);
}
