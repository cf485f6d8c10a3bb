/* CAMEO code facts: name, Goldstein value, QuadClass, PLOVER type and
 * mode, ACLED-style sub-event type. */
#include <string.h>

#include "cameo_int.h"

/* Codes of two to four digits (all of the table's) index a direct table,
 * made once, before main (a constructor: no once-check at every lookup,
 * and read-only after, so any thread may read it): an event's code is
 * looked up for every record rendered, and again for its label. */
enum { SLOT2 = 0, SLOT3 = 100, SLOT4 = 1100, NSLOTS = 11100 };
static short digit_slot[NSLOTS]; /* table index + 1, 0 when absent */

/* The slot of s[0..n), or -1 when it is not 2-4 digits. */
static int slot_of(const char *s, size_t n)
{
    if (n < 2 || n > 4)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v + (n == 2 ? SLOT2 : n == 3 ? SLOT3 : SLOT4);
}

__attribute__((constructor)) static void digit_init(void)
{
    for (unsigned k = 0; k < sr_cameo_table_len && k < 32767; k++) {
        int sl = slot_of(sr_cameo_table[k].code, strlen(sr_cameo_table[k].code));
        if (sl >= 0 && !digit_slot[sl])
            digit_slot[sl] = (short)(k + 1);
    }
}

static const sr_cameo_info *lookup_exact(const char *buf, size_t n)
{
    int sl = slot_of(buf, n);
    if (sl >= 0) {
        if (digit_slot[sl])
            return &sr_cameo_table[digit_slot[sl] - 1];
    }
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
    return NULL;
}

/* A code the table lacks (a dictionary's own sub-code, "0231a") falls
 * back to its longest listed prefix: 1384 -> 138 -> 13. */
static __attribute__((noinline)) const sr_cameo_info *lookup_prefix(const char *code)
{
    char buf[8];
    size_t n = strlen(code);
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, code, n);
    buf[n] = 0;
    while (n >= 2) {
        const sr_cameo_info *ci = lookup_exact(buf, n);
        if (ci)
            return ci;
        buf[--n] = 0;
    }
    return NULL;
}

const sr_cameo_info *sr_cameo_lookup(const char *code)
{
    if (!code || !*code)
        return NULL;
    /* Most codes are 2-4 digits the table lists: one probe of the direct
     * table, no copy. */
    unsigned d0 = (unsigned)(unsigned char)code[0] - '0', d1 = (unsigned)(unsigned char)code[1] - '0';
    if (d0 <= 9 && d1 <= 9) {
        int sl = -1;
        unsigned v = d0 * 10 + d1, d2, d3;
        if (!code[2])
            sl = (int)v + SLOT2;
        else if ((d2 = (unsigned)(unsigned char)code[2] - '0') <= 9) {
            v = v * 10 + d2;
            if (!code[3])
                sl = (int)v + SLOT3;
            else if ((d3 = (unsigned)(unsigned char)code[3] - '0') <= 9 && !code[4])
                sl = (int)(v * 10 + d3) + SLOT4;
        }
        if (sl >= 0) {
            if (digit_slot[sl])
                return &sr_cameo_table[digit_slot[sl] - 1];
        }
    }
    return lookup_prefix(code);
}

const char *sr_cameo_intent(const char *code)
{
    if (!code || strlen(code) < 2 || code[0] < '0' || code[0] > '2')
        return code;
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    /* Cooperation promised: root 03, "express intent to ...". */
    switch (root) {
    case 4: return "036";                       /* meet or negotiate */
    case 5: return "032";                       /* diplomatic cooperation */
    case 6: /* material cooperation: 061-064 keep their kind, 0311-0314 */
    case 7: /* aid: 071-074 keep theirs, 0331-0334 */
        if (code[2] >= '1' && code[2] <= '4') {
            /* (one table: GCC's object-size check misread a choice
             * between two, "074" -> the fourth of seven's) */
            static const char *const c67[2][4] = {{"0311", "0312", "0313", "0314"},
                                                  {"0331", "0332", "0333", "0334"}};
            return c67[root - 6][code[2] - '1'];
        }
        return root == 6 ? "031" : "033";
    case 8:
        if (!strncmp(code, "087", 3))
            return "0356";                      /* de-escalate militarily */
        if (!strncmp(code, "084", 3))
            return "0353";                      /* release persons */
        if (!strncmp(code, "081", 3))
            return "0351";                      /* ease administrative sanctions */
        return "035";                           /* yield */
    /* Force promised: root 13, threats. */
    case 14: return "133";                      /* threaten protest */
    case 15: return "138";                      /* threaten military force */
    case 16:
        if (!strncmp(code, "163", 3))
            return "1312";                      /* sanctions, boycott, embargo */
        if (!strncmp(code, "161", 3) || !strncmp(code, "164", 3))
            return "1313";                      /* break relations */
        if (!strncmp(code, "162", 3))
            return "1311";                      /* reduce or stop aid */
        return "131";                           /* non-force */
    case 17:
        if (!strncmp(code, "172", 3))
            return "132";                       /* administrative sanctions */
        return "137";                           /* repression */
    case 18: return "1383";                     /* unconventional violence */
    case 19:
        if (!strncmp(code, "191", 3))
            return "1381";                      /* blockade */
        if (!strncmp(code, "192", 3))
            return "1382";                      /* occupation */
        return "1384";                          /* conventional attack */
    case 20:
        if (!strncmp(code, "204", 3))
            return "1385";                      /* weapons of mass destruction */
        return "1383";
    default: return code;                       /* statements, appeals, intents, talk */
    }
}

const char *sr_cameo_refusal(const char *code)
{
    if (!code || strlen(code) < 2 || code[0] != '0')
        return code;
    switch (code[1]) {
    case '3': return "120";                     /* reject */
    case '4': return "125";                     /* reject proposal to meet */
    case '5': return "120";
    case '6': return "121";                     /* reject material cooperation */
    case '7': return "122";                     /* reject request for aid */
    case '8': return "124";                     /* refuse to yield */
    default: return code;
    }
}

const char *sr_cameo_demand(const char *code)
{
    if (!code || strlen(code) < 2 || code[0] != '0')
        return code;
    switch (code[1]) {
    case '3':
    case '6': return "101";                     /* demand material cooperation */
    case '4': return "106";                     /* demand a meeting or talks */
    case '5': return "102";                     /* demand diplomatic cooperation */
    case '7': return "103";                     /* demand material aid */
    case '8': return "105";                     /* demand that the target yields */
    default: return code;
    }
}
