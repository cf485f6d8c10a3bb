/* The coder's small helpers: CAMEO table lookups (every listed code finds
 * itself, a code the table lacks falls back to its longest listed prefix)
 * and the day arithmetic of time shifts. */
#include "../harness.h"
#include "code/cameo_int.h"

static void test_every_code(void)
{
    unsigned bad = 0;
    for (unsigned k = 0; k < sr_cameo_table_len; k++)
        bad += sr_cameo_lookup(sr_cameo_table[k].code) != &sr_cameo_table[k];
    CHECK_EQ_INT(bad, 0);
    CHECK(sr_cameo_table_len > 300);
}

static void test_prefixes(void)
{
    const sr_cameo_info *ci = sr_cameo_lookup("1384");
    CHECK(ci && !strcmp(ci->code, "1384"));
    ci = sr_cameo_lookup("13849");   /* a sub-code of a listed code */
    CHECK(ci && !strcmp(ci->code, "1384"));
    ci = sr_cameo_lookup("0231a");   /* a dictionary's own sub-code */
    CHECK(ci && !strcmp(ci->code, "0231"));
    ci = sr_cameo_lookup("1389");    /* unlisted: the root's branch */
    CHECK(ci && !strcmp(ci->code, "138"));
    ci = sr_cameo_lookup("19");
    CHECK(ci && !strcmp(ci->code, "19"));
    CHECK(sr_cameo_lookup("9") == NULL);
    CHECK(sr_cameo_lookup("99") == NULL);
    CHECK(sr_cameo_lookup("") == NULL);
    CHECK(sr_cameo_lookup(NULL) == NULL);
    CHECK(sr_cameo_lookup("---") == NULL);
    CHECK(sr_cameo_lookup("abc") == NULL);
}

static void test_shift_day(void)
{
    char o[11];
    CHECK(sr_code_shift_day("1995-01-10", -10, o) == 0 && !strcmp(o, "1994-12-31"));
    CHECK(sr_code_shift_day("2000-02-28", 1, o) == 0 && !strcmp(o, "2000-02-29"));
    CHECK(sr_code_shift_day("1900-02-28", 1, o) == 0 && !strcmp(o, "1900-03-01"));
    CHECK(sr_code_shift_day("2024-03-01", -1, o) == 0 && !strcmp(o, "2024-02-29"));
    CHECK(sr_code_shift_day("2023-12-31", 366, o) == 0 && !strcmp(o, "2024-12-31"));
    CHECK(sr_code_shift_day("2012-07-15", 0, o) == 0 && !strcmp(o, "2012-07-15"));
    CHECK(sr_code_shift_day("2012-07-15", 8192, o) == 0 && !strcmp(o, "2034-12-19"));
    strcpy(o, "unchanged");
    CHECK(sr_code_shift_day("2017-02-29", 1, o) == SR_EINVAL && !strcmp(o, "unchanged"));
    CHECK(sr_code_shift_day("2012-7-15", 1, o) == SR_EINVAL);
    CHECK(sr_code_shift_day("20120715", 1, o) == SR_EINVAL);
    CHECK(sr_code_shift_day(NULL, 1, o) == SR_EINVAL);
    CHECK(sr_code_shift_day("0000-01-01", -1, o) == SR_EINVAL);
}

int main(void)
{
    RUN(test_every_code);
    RUN(test_prefixes);
    RUN(test_shift_day);
    return harness_done("code");
}
