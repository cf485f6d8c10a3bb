/* libFuzzer target: the jsonl reader and the text stage behind it. */
#include <stdint.h>
#include <stddef.h>

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_reader(data, size, SR_FMT_JSONL);
}
