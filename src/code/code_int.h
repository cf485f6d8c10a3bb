/* Private to src/code. */
#ifndef SR_CODE_INT_H
#define SR_CODE_INT_H

#include "sr_code.h"


/* Matches one pattern around the verb at act[vpos, vend) with elements
 * searched in act[lo, hi).  Returns 1 on a match with the designated
 * actors (-1 when not designated); used (room for pat->nelems) receives
 * the act positions of the literal words matched, *nused their number,
 * *end_pos the act position just after the pattern's last element. */
int code_match_pattern(const sr_dict *d, const sr_parse *p, const sr_dict_pattern *pat,
                       const size_t *act, size_t m, size_t lo, size_t hi, size_t vpos, size_t vend,
                       int *src, int *tgt, int *comp, size_t *used, uint32_t *nused,
                       size_t *end_pos);

#endif
