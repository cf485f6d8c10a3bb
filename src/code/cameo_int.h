/* The CAMEO event table compiled from data/cameo/events.tsv at build time
 * (scripts/gen-cameo.py), sorted by code. */
#ifndef SR_CAMEO_INT_H
#define SR_CAMEO_INT_H

#include "sr_code.h"

extern const sr_cameo_info sr_cameo_table[];
extern const unsigned sr_cameo_table_len;

#endif
