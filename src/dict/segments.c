/* What a three-letter segment of a CAMEO actor code is, from the CAMEO
 * codebook's actor tables.  One table for every reader of codes: the
 * parser and the actor filler ask whether a code names a people, the GDELT
 * export files each segment under its column.  A flat table indexed by the
 * letters: one load per question, asked of nearly every actor. */
#include "sr_dict.h"

#include <stdint.h>

#define IX(a, b, c) (((a) - 'A') * 676 + ((b) - 'A') * 26 + ((c) - 'A'))
#define T(a, b, c) [IX(a, b, c)] = SR_DICT_SEG_TYPE
#define O(a, b, c) [IX(a, b, c)] = SR_DICT_SEG_TYPE | SR_DICT_SEG_ORG
#define R(a, b, c) [IX(a, b, c)] = SR_DICT_SEG_RELIGION
/* Top-level religions, which head a code as a people does ("MOSSUN"). */
#define RH(a, b, c) [IX(a, b, c)] = SR_DICT_SEG_RELIGION | SR_DICT_SEG_PEOPLE
#define E(a, b, c) [IX(a, b, c)] = SR_DICT_SEG_ETHNIC | SR_DICT_SEG_PEOPLE

static const uint8_t kinds[26 * 26 * 26] = {
    /* generic roles ("types") */
    T('A', 'G', 'R'), T('B', 'U', 'S'), T('C', 'O', 'P'), T('C', 'R', 'M'), T('C', 'V', 'L'),
    T('D', 'E', 'V'), T('E', 'D', 'U'), T('E', 'L', 'I'), T('E', 'N', 'V'), T('G', 'O', 'V'),
    T('H', 'L', 'H'), T('H', 'R', 'I'), T('I', 'N', 'S'), T('J', 'U', 'D'), T('L', 'A', 'B'),
    T('L', 'E', 'G'), T('M', 'E', 'D'), T('M', 'I', 'L'), T('M', 'O', 'D'), T('O', 'P', 'P'),
    T('P', 'K', 'O'), T('P', 'T', 'Y'), T('R', 'A', 'D'), T('R', 'E', 'B'), T('R', 'E', 'F'),
    T('S', 'E', 'P'), T('S', 'E', 'T'), T('S', 'P', 'Y'), T('U', 'A', 'F'),
    /* organisation types, which stand first in place of a country */
    O('I', 'G', 'O'), O('I', 'M', 'G'), O('I', 'N', 'T'), O('M', 'N', 'C'), O('N', 'G', 'M'),
    O('N', 'G', 'O'), O('U', 'I', 'S'),
    /* religious groups without a code of their own: a role, and a people
     * when it heads a code */
    [IX('R', 'E', 'L')] = SR_DICT_SEG_TYPE | SR_DICT_SEG_PEOPLE,
    /* religions; MUS is the Phoenix dictionaries' Muslim, MOS CAMEO's */
    RH('B', 'A', 'H'), RH('B', 'U', 'D'), RH('C', 'H', 'R'), RH('H', 'I', 'N'), RH('J', 'A', 'N'),
    RH('J', 'E', 'W'), RH('M', 'O', 'S'), RH('S', 'I', 'K'), RH('Z', 'R', 'O'),
    R('A', 'D', 'R'), R('A', 'L', 'E'), R('A', 'T', 'H'), R('C', 'O', 'N'), R('C', 'P', 'T'),
    R('C', 'T', 'H'), R('D', 'O', 'X'), R('D', 'R', 'Z'), R('H', 'S', 'D'), R('I', 'T', 'R'),
    R('J', 'H', 'W'), R('L', 'D', 'S'), R('M', 'R', 'N'), R('M', 'U', 'S'), R('N', 'R', 'M'),
    R('O', 'R', 'T'), R('P', 'A', 'G'), R('P', 'R', 'O'), R('S', 'F', 'I'), R('S', 'H', 'I'),
    R('S', 'H', 'N'), R('S', 'U', 'N'), R('T', 'A', 'O'), R('U', 'D', 'X'),
    /* ethnic groups (ETN: a people the codebook files without a code) */
    E('A', 'B', 'N'), E('A', 'R', 'B'), E('B', 'E', 'D'), E('C', 'K', 'M'), E('C', 'N', 'Y'),
    E('C', 'R', 'O'), E('E', 'T', 'N'), E('G', 'Y', 'P'), E('H', 'A', 'U'), E('H', 'U', 'T'),
    E('I', 'B', 'O'), E('I', 'J', 'W'), E('K', 'A', 'S'), E('K', 'R', 'H'), E('K', 'U', 'R'),
    E('M', 'A', 'N'), E('O', 'G', 'O'), E('S', 'E', 'R'), E('S', 'L', 'A'), E('S', 'N', 'L'),
    E('T', 'A', 'M'), E('T', 'I', 'B'), E('T', 'R', 'G'), E('T', 'R', 'K'), E('T', 'U', 'T'),
    E('U', 'I', 'G'), E('Y', 'R', 'B'),
};

int sr_dict_segment_kind(const char *seg)
{
    if (!seg)
        return 0;
    unsigned a = (unsigned char)seg[0] - 'A';
    if (a >= 26)
        return 0;
    unsigned b = (unsigned char)seg[1] - 'A';
    if (b >= 26)
        return 0;
    unsigned c = (unsigned char)seg[2] - 'A';
    if (c >= 26)
        return 0;
    return kinds[a * 676 + b * 26 + c];
}

int sr_dict_people_code(const char *c)
{
    return (sr_dict_segment_kind(c) & SR_DICT_SEG_PEOPLE) != 0;
}
