/*
 * harness.h - the in-tree unit test harness.  A unit test file includes this,
 * writes `static void test_x(void)` functions using CHECK/CHECK_EQ_INT/
 * CHECK_EQ_STR, and ends with
 *
 *     int main(void) { RUN(test_x); RUN(test_y); return harness_done("name"); }
 *
 * Each binary prints "name: N passed, N failed"; tests/run.sh adds them up.
 */
#ifndef SR_HARNESS_H
#define SR_HARNESS_H

#include <stdio.h>
#include <string.h>

static int h_pass, h_fail;
static const char *h_test;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond) {                                                              \
            h_pass++;                                                            \
        } else {                                                                 \
            h_fail++;                                                            \
            fprintf(stderr, "FAIL %s (%s:%d): %s\n", h_test, __FILE__, __LINE__, \
                    #cond);                                                      \
        }                                                                        \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                         \
    do {                                                                           \
        long long h_a = (long long)(a), h_b = (long long)(b);                      \
        if (h_a == h_b) {                                                          \
            h_pass++;                                                              \
        } else {                                                                   \
            h_fail++;                                                              \
            fprintf(stderr, "FAIL %s (%s:%d): %s == %lld, expected %lld\n", h_test, \
                    __FILE__, __LINE__, #a, h_a, h_b);                             \
        }                                                                          \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                           \
    do {                                                                             \
        const char *h_a = (a), *h_b = (b);                                           \
        if (h_a && h_b && strcmp(h_a, h_b) == 0) {                                   \
            h_pass++;                                                                \
        } else {                                                                     \
            h_fail++;                                                                \
            fprintf(stderr, "FAIL %s (%s:%d): %s == \"%s\", expected \"%s\"\n",      \
                    h_test, __FILE__, __LINE__, #a, h_a ? h_a : "(null)",            \
                    h_b ? h_b : "(null)");                                           \
        }                                                                            \
    } while (0)

#define RUN(fn)       \
    do {              \
        h_test = #fn; \
        fn();         \
    } while (0)

static inline int harness_done(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, h_pass, h_fail);
    return h_fail ? 1 : 0;
}

#endif
