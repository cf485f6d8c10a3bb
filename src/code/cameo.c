/* CAMEO code facts: name, Goldstein value, QuadClass, PLOVER type and
 * mode, ACLED-style sub-event type. */
#include <string.h>

#include "cameo_int.h"

const sr_cameo_info *sr_cameo_lookup(const char *code)
{
    if (!code || !*code)
        return NULL;
    /* A code the table lacks (a dictionary's own sub-code, "0231a") falls
     * back to its longest listed prefix: 1384 -> 138 -> 13. */
    char buf[8];
    size_t n = strlen(code);
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, code, n);
    buf[n] = 0;
    while (n >= 2) {
        unsigned lo = 0, hi = sr_cameo_table_len;
        while (lo < hi) {
            unsigned mid = (lo + hi) / 2;
            int c = strcmp(sr_cameo_table[mid].code, buf);
            if (!c)
                return &sr_cameo_table[mid];
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        buf[--n] = 0;
    }
    return NULL;
}
