/* Sorting 64-bit keys: candidate lists and place lists are sorted as
 * keys (a score's bits in order, then a number), which is faster than
 * qsort with a comparison and, the keys being distinct, deterministic. */
#include "geo_int.h"

#include <string.h>

/* Sorts k[0..n) (distinct keys) through tmp: insertion below 16, else
 * merge sort. */
void geo_sort_keys(uint64_t *k, uint32_t n, uint64_t *tmp)
{
    if (n < 16) {
        for (uint32_t i = 1; i < n; i++) {
            uint64_t t = k[i];
            uint32_t j = i;
            for (; j > 0 && k[j - 1] > t; j--)
                k[j] = k[j - 1];
            k[j] = t;
        }
        return;
    }
    uint32_t h = n / 2, i = 0, j = h, o = 0;
    geo_sort_keys(k, h, tmp);
    geo_sort_keys(k + h, n - h, tmp);
    while (i < h && j < n)
        tmp[o++] = k[j] < k[i] ? k[j++] : k[i++];
    while (i < h)
        tmp[o++] = k[i++];
    memcpy(k, tmp, (size_t)o * sizeof *k);
}
