/* CAMEO table lookups: every listed code finds itself, and a code the
 * table lacks falls back to its longest listed prefix. */
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

int main(void)
{
    RUN(test_every_code);
    RUN(test_prefixes);
    return harness_done("cameo");
}
