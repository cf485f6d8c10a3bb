/* Unit tests: util (arena, buffers, UTF-8, JSON strings), text helpers and
 * the input readers' entry points. */
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "input/sr_input.h"
#include "text/sr_text.h"
#include "util/sr_util.h"

static void test_arena(void)
{
    sr_arena *a = sr_arena_new();
    CHECK(a != NULL);
    char *p = sr_arena_alloc(a, 10);
    CHECK(p != NULL && ((uintptr_t)p % _Alignof(max_align_t)) == 0);
    /* A block far larger than the default must still come back whole. */
    size_t big = 8u << 20;
    char *q = sr_arena_alloc(a, big);
    CHECK(q != NULL);
    memset(q, 7, big);
    CHECK(q[big - 1] == 7);
    char *s = sr_arena_strndup(a, "abcdef", 3);
    CHECK_EQ_STR(s, "abc");
    CHECK(sr_arena_used(a) >= big);
    sr_arena_reset(a);
    CHECK_EQ_INT(sr_arena_used(a), 0);
    CHECK(sr_arena_alloc(a, SIZE_MAX - 4) == NULL);
    CHECK(sr_arena_calloc(a, SIZE_MAX / 2, 4) == NULL);
    /* Blocks kept by a reset serve the next document: many small
     * allocations, reset, again, and every byte is still usable. */
    for (int round = 0; round < 3; round++) {
        char *blocks[40];
        for (int i = 0; i < 40; i++) {
            blocks[i] = sr_arena_alloc(a, 16000);
            CHECK(blocks[i] != NULL);
            if (blocks[i])
                memset(blocks[i], i, 16000);
        }
        int intact = 1;
        for (int i = 0; i < 40; i++)
            intact &= blocks[i] && blocks[i][0] == i && blocks[i][15999] == i;
        CHECK(intact);
        CHECK(sr_arena_used(a) >= 40 * 16000);
        sr_arena_reset(a);
        CHECK_EQ_INT(sr_arena_used(a), 0);
    }
    /* The scratch arena: its own, reset with its owner, freed with it. */
    sr_arena *sa = sr_arena_scratch(a);
    CHECK(sa != NULL && sa != a);
    CHECK(sr_arena_scratch(a) == sa);
    CHECK(sr_arena_alloc(sa, 100) != NULL);
    CHECK_EQ_INT(sr_arena_used(a), 0);
    CHECK(sr_arena_used(sa) >= 100);
    sr_arena_reset(a);
    CHECK_EQ_INT(sr_arena_used(sa), 0);
    sr_arena_free(a);
    /* A lent scratch arena: two arenas share it, each resets it, neither
     * frees it (the sanitizer build sees a double free or a use after
     * one); an arena's own scratch goes when one is lent. */
    sr_arena *shared = sr_arena_new(), *x = sr_arena_new(), *y = sr_arena_new();
    CHECK(sr_arena_scratch(x) != NULL);
    sr_arena_lend_scratch(x, shared);
    sr_arena_lend_scratch(y, shared);
    CHECK(sr_arena_scratch(x) == shared && sr_arena_scratch(y) == shared);
    CHECK(sr_arena_alloc(shared, 64) != NULL);
    sr_arena_reset(y);
    CHECK_EQ_INT(sr_arena_used(shared), 0);
    sr_arena_free(x);
    sr_arena_free(y);
    CHECK(sr_arena_alloc(shared, 64) != NULL);
    CHECK(sr_arena_used(shared) >= 64);
    sr_arena_free(shared);
}

static void test_vec(void)
{
    sr_arena *a = sr_arena_new();
    sr_vec v = {0};
    for (int i = 0; i < 1000; i++) {
        int *x = sr_vec_push(&v, a, sizeof *x);
        *x = i;
    }
    CHECK_EQ_INT(v.len, 1000);
    CHECK_EQ_INT(((int *)v.items)[999], 999);
    CHECK_EQ_INT(((int *)v.items)[0], 0);
    sr_arena_free(a);
}

static void test_buf(void)
{
    sr_buf b = SR_BUF_INIT;
    CHECK_EQ_INT(sr_buf_puts(&b, "abc"), SR_OK);
    CHECK_EQ_INT(sr_buf_printf(&b, "-%d-", 42), SR_OK);
    CHECK_EQ_STR(b.data, "abc-42-");
    sr_buf_clear(&b);
    CHECK_EQ_INT(b.len, 0);
    CHECK_EQ_INT(sr_buf_reserve(&b, SIZE_MAX), SR_ETOOBIG);
    sr_buf_free(&b);
}

static void test_utf8(void)
{
    uint32_t cp;
    CHECK_EQ_INT(sr_utf8_decode((const unsigned char *)"\xC3\xA9", 2, &cp), 2);
    CHECK_EQ_INT(cp, 0xE9);
    CHECK_EQ_INT(sr_utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp), 4);
    CHECK_EQ_INT(cp, 0x1F600);
    /* Overlong, surrogate, beyond U+10FFFF, truncated: all invalid. */
    CHECK_EQ_INT(sr_utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp), 0);
    CHECK_EQ_INT(sr_utf8_decode((const unsigned char *)"\xE0\x80\xAF", 3, &cp), 0);
    CHECK_EQ_INT(sr_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp), 0);
    CHECK_EQ_INT(sr_utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &cp), 0);
    CHECK_EQ_INT(sr_utf8_decode((const unsigned char *)"\xE2\x80", 2, &cp), 0);
    CHECK_EQ_INT(sr_utf8_bad_len((const unsigned char *)"\xE2\x80", 2), 2);
    CHECK_EQ_INT(sr_utf8_bad_len((const unsigned char *)"\xE2\x80x", 3), 2);
    CHECK_EQ_INT(sr_utf8_bad_len((const unsigned char *)"\xED\xA0\x80", 3), 1);
    CHECK_EQ_INT(sr_utf8_bad_len((const unsigned char *)"\xFF", 1), 1);
    char out[4];
    CHECK_EQ_INT(sr_utf8_encode(0x20AC, out), 3);
    CHECK(memcmp(out, "\xE2\x82\xAC", 3) == 0);
    CHECK(sr_text_utf8_valid("plain \xC3\xA9", 8));
    CHECK(!sr_text_utf8_valid("nul\0x", 5));
    CHECK(!sr_text_utf8_valid("bad \xFF", 5));
}

static void test_repair(void)
{
    sr_arena *a = sr_arena_new();
    char *o;
    size_t n;
    sr_utf8_report rep;
    CHECK_EQ_INT(sr_text_utf8_repair(a, "a\xFF" "b\0c\xE2\x80", 7, &o, &n, &rep), SR_OK);
    CHECK_EQ_STR(o, "a\xEF\xBF\xBD" "b c\xEF\xBF\xBD");
    CHECK_EQ_INT(rep.invalid, 2);
    CHECK_EQ_INT(rep.nul, 1);
    CHECK_EQ_INT(rep.first_bad, 1);
    sr_arena_free(a);
}

static void test_json_str(void)
{
    sr_buf b = SR_BUF_INIT;
    sr_json_str(&b, "a\"b\\c\n\x01\xFF\xC3\xA9", 10);
    CHECK_EQ_STR(b.data, "\"a\\\"b\\\\c\\n\\u0001\\ufffd\\u00e9\"");
    sr_buf_free(&b);
    /* past ASCII, as \u escapes: three bytes, and four as a surrogate pair */
    sr_json_str(&b, "\xE1\xB8\xA8\xF0\x9F\x98\x80", 7);
    CHECK_EQ_STR(b.data, "\"\\u1e28\\ud83d\\ude00\"");
    sr_buf_free(&b);
}

/* Every byte that needs escaping (or a UTF-8 check), at every offset of a
 * plain run: the 16-, 8- and 4-byte fast paths must stop exactly there. */
static void test_json_str_offsets(void)
{
    static const struct {
        const char *in, *out;
    } special[] = {{"\"", "\\\""},          {"\\", "\\\\"},      {"\n", "\\n"},
                   {"\x1f", "\\u001f"},     {"\x7f", "\x7f"},    {"\xC3\xA9", "\\u00e9"},
                   {"\xFF", "\\ufffd"},  {"\xF0\x9F\x98\x80", "\\ud83d\\ude00"}, {" ", " "}};
    for (size_t sp = 0; sp < sizeof special / sizeof special[0]; sp++)
        for (size_t len = 1; len <= 40; len++)
            for (size_t k = 0; k < len; k++) {
                char in[64], want[96];
                size_t sl = strlen(special[sp].in), n = 0, m = 0;
                want[m++] = '"';
                for (size_t i = 0; i < len; i++) {
                    if (i == k) {
                        memcpy(in + n, special[sp].in, sl);
                        n += sl;
                        strcpy(want + m, special[sp].out);
                        m += strlen(special[sp].out);
                    } else {
                        in[n++] = want[m++] = (char)('a' + i % 26);
                    }
                }
                want[m++] = '"';
                want[m] = 0;
                sr_buf b = SR_BUF_INIT;
                sr_json_str(&b, in, n);
                CHECK_EQ_STR(b.data, want);
                sr_buf_free(&b);
            }
}

static void test_fold(void)
{
    sr_arena *a = sr_arena_new();
    size_t n;
    CHECK_EQ_STR(sr_text_fold(a, "Syria", 5, &n), "syria");
    /* Curly quotes and dashes fold; NFC composes e + combining acute. */
    CHECK_EQ_STR(sr_text_fold(a, "Aleppo\xE2\x80\x99s", 10, &n), "aleppo's");
    CHECK_EQ_STR(sr_text_fold(a, "Deir\xE2\x80\x93" "ez", 9, &n), "deir-ez");
    CHECK_EQ_STR(sr_text_fold(a, "Cafe\xCC\x81", 6, &n), "caf\xC3\xA9");
    CHECK_EQ_STR(sr_text_fold(a, "\xC3\x89TAT", 5, &n), "\xC3\xA9tat");
    CHECK_EQ_INT(n, 5);
    sr_arena_free(a);
}

static void test_boilerplate(void)
{
    const char *why;
    CHECK(sr_text_is_boilerplate("Join our official WhatsApp group", 32, &why));
    CHECK(sr_text_is_boilerplate("  Follow us on Twitter @SitrepWire", 34, &why));
    CHECK(sr_text_is_boilerplate("(Reporting by A. Smith; Editing by B. Jones)", 44, &why));
    CHECK(sr_text_is_boilerplate("\xC2\xA9 2018 Sitrep Wire", 18, &why));
    CHECK(!sr_text_is_boilerplate("Rebels said they would join the talks.", 38, &why));
    CHECK(!sr_text_is_boilerplate("Reporting by state media could not be verified.", 47, &why));
    /* Long lines are content whatever they contain. */
    char long_line[600];
    memset(long_line, 'x', sizeof long_line);
    memcpy(long_line, "Join our", 8);
    CHECK(!sr_text_is_boilerplate(long_line, sizeof long_line, &why));
}

static void test_tokens(void)
{
    sr_arena *a = sr_arena_new();
    const char *s = "Gen. Ali's 30,000-strong U.S.-backed FORCE left.";
    sr_text *t;
    CHECK_EQ_INT(sr_text_analyze(a, s, strlen(s), NULL, 0, &t, NULL), SR_OK);
    size_t n;
    const sr_token *tk = sr_text_tokens(t, &n);
    CHECK_EQ_INT(n, 8);
    CHECK(tk[0].flags & SR_TOK_ABBREV);
    CHECK(tk[0].flags & SR_TOK_CAP);
    CHECK(tk[2].flags & SR_TOK_POSS);
    CHECK_EQ_STR(tk[2].norm, "'s");
    CHECK(tk[3].flags & SR_TOK_NUM);
    CHECK_EQ_STR(tk[4].norm, "u.s.-backed");
    CHECK(tk[5].flags & SR_TOK_UPPER);
    CHECK(tk[7].flags & SR_TOK_PUNCT);
    CHECK_EQ_INT(tk[1].start, 5);
    CHECK_EQ_INT(tk[1].end, 8);
    sr_arena_free(a);
}

/* Plain words of every length, case mix and digit place, against the
 * rules written out: the eight-bytes-at-a-time scan must agree with them
 * whatever the alignment and length. */
static void test_token_words(void)
{
    static const char alpha[] = "abcXYZ019qQ";
    char text[40000];
    size_t len = 0, nw = 0;
    uint32_t seed = 12345;
    while (len + 80 < sizeof text) {
        seed = seed * 1103515245u + 12345u;
        size_t wl = 1 + (seed >> 16) % 70;
        for (size_t k = 0; k < wl; k++) {
            seed = seed * 1103515245u + 12345u;
            text[len++] = alpha[(seed >> 16) % (sizeof alpha - 1)];
        }
        /* Separators that end a word, or join it to the next ("3.5",
         * "www.un.org"), or keep a period ("Gen.", "A."). */
        static const char *const seps[] = {" ", ";", ". ", ", ", ".", ",", "-", "'s ", ". Gen. ",
                                           " A. ", ".\xC3\xA9 ", "\xE2\x80\x99 "};
        seed = seed * 1103515245u + 12345u;
        const char *sep = seps[(seed >> 16) % (sizeof seps / sizeof *seps)];
        memcpy(text + len, sep, strlen(sep));
        len += strlen(sep);
        nw++;
    }
    sr_arena *a = sr_arena_new();
    sr_text *t;
    CHECK_EQ_INT(sr_text_analyze(a, text, len, NULL, 0, &t, NULL), SR_OK);
    size_t n, words = 0, bad[6] = {0};
    const sr_token *tk = sr_text_tokens(t, &n);
    for (size_t i = 0; i < n; i++) {
        const char *w = text + tk[i].start;
        size_t wl = tk[i].end - tk[i].start;
        /* The rules below are those of plain words: ASCII letters and
         * digits only. */
        int plain = 1;
        for (size_t k = 0; k < wl; k++)
            plain = plain && (unsigned char)w[k] < 0x80 && ((w[k] | 32) >= 'a' && (w[k] | 32) <= 'z' ? 1 : w[k] >= '0' && w[k] <= '9');
        if (!plain || (tk[i].flags & SR_TOK_PUNCT)) {
            bad[5] += (tk[i].flags & SR_TOK_ALNUM) != 0;
            continue;
        }
        words++;
        int letters = 0, uppers = 0, first_letter_up = -1, ok = wl == tk[i].norm_len;
        for (size_t k = 0; k < wl; k++) {
            char c = w[k], lc = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
            ok = ok && tk[i].norm[k] == lc;
            if ((c | 32) >= 'a' && (c | 32) <= 'z') {
                letters++;
                uppers += c <= 'Z';
                if (first_letter_up < 0)
                    first_letter_up = c <= 'Z';
            }
        }
        unsigned f = tk[i].flags;
        bad[0] += !(ok && tk[i].norm[wl] == 0);
        bad[1] += !(f & SR_TOK_WORD) != !letters;
        bad[2] += !(f & SR_TOK_NUM) != !(w[0] >= '0' && w[0] <= '9');
        bad[3] += !(f & SR_TOK_CAP) != !(first_letter_up == 1);
        bad[4] += !(f & SR_TOK_UPPER) != !(letters >= 2 && uppers == letters);
        /* The fast path takes a word opening with a letter, under 64 bytes,
         * when a blank or a semicolon ends it (after other marks either
         * path may). */
        char stop = tk[i].end < len ? text[tk[i].end] : ' ';
        char next = tk[i].end + 1 < len ? text[tk[i].end + 1] : ' ';
        int next_an = ((next | 32) >= 'a' && (next | 32) <= 'z') || (next >= '0' && next <= '9');
        /* "3.5" and "www.un.org" are one token, "30,000" too. */
        bad[5] += stop == '.' && next_an;
        bad[5] += stop == ',' && next >= '0' && next <= '9' && w[wl - 1] >= '0' && w[wl - 1] <= '9';
        if (stop == ' ' || stop == ';')
            bad[5] += !(f & SR_TOK_ALNUM) != !((w[0] | 32) >= 'a' && (w[0] | 32) <= 'z' && wl < 64);
    }
    for (int k = 0; k < 6; k++)
        CHECK_EQ_INT(bad[k], 0);
    CHECK(words > 500);
    sr_arena_free(a);
}

static void test_dates(void)
{
    char d[11];
    CHECK_EQ_INT(sr_input_parse_date("2012-07-16", 10, d), SR_OK);
    CHECK_EQ_STR(d, "2012-07-16");
    CHECK_EQ_INT(sr_input_parse_date("20120716", 8, d), SR_OK);
    CHECK_EQ_STR(d, "2012-07-16");
    CHECK_EQ_INT(sr_input_parse_date("2016-02-29", 10, d), SR_OK);
    CHECK_EQ_INT(sr_input_parse_date("2017-02-29", 10, d), SR_EPARSE);
    CHECK_EQ_INT(sr_input_parse_date("1900-02-29", 10, d), SR_EPARSE);
    CHECK_EQ_INT(sr_input_parse_date("2012-13-01", 10, d), SR_EPARSE);
    CHECK_EQ_INT(sr_input_parse_date("2012-7-16", 9, d), SR_EPARSE);
    CHECK_EQ_INT(sr_input_parse_date("99999-01-01", 11, d), SR_EPARSE);
}

static int read_all(const char *data, int *fmt, int *ndocs, int *nerr)
{
    FILE *f = fmemopen((void *)data, strlen(data), "rb");
    sr_reader *r;
    sr_error err;
    if (sr_input_open_stream(f, "mem", SR_FMT_AUTO, &r, &err))
        return -1;
    sr_arena *a = sr_arena_new();
    *ndocs = *nerr = 0;
    for (;;) {
        sr_doc doc;
        int rc = sr_input_next(r, a, &doc, &err);
        if (rc == 0)
            break;
        if (rc < 0)
            (*nerr)++;
        else
            (*ndocs)++;
        if (rc == SR_EIO)
            break;
    }
    *fmt = sr_input_format(r);
    sr_input_close(r);
    sr_arena_free(a);
    fclose(f);
    return 0;
}

static void test_detect(void)
{
    int fmt, nd, ne;
    read_all("\n{\"id\":\"a\",\"text\":\"x\"}\n{\"text\":\"y\"}\n", &fmt, &nd, &ne);
    CHECK_EQ_INT(fmt, SR_FMT_JSONL);
    CHECK_EQ_INT(nd, 2);
    read_all("# c\n\n950101  R1\nText.\n\n950102  R2\nMore.\n", &fmt, &nd, &ne);
    CHECK_EQ_INT(fmt, SR_FMT_TABARI);
    CHECK_EQ_INT(nd, 2);
    read_all("Headline\nBody text.\n", &fmt, &nd, &ne);
    CHECK_EQ_INT(fmt, SR_FMT_TEXT);
    CHECK_EQ_INT(nd, 1);
    read_all("{\"id\":1,\"text\":\"ok\"}\n{broken\n{\"text\":\"ok\"}\n", &fmt, &nd, &ne);
    CHECK_EQ_INT(nd, 2);
    CHECK_EQ_INT(ne, 1);
}

/* The hand-written number writers against printf, on edge cases and on
 * many pseudo-random values (a fixed seed: the test is repeatable). */
static void test_numbers(void)
{
    char want[400];
    sr_buf b = SR_BUF_INIT;
    static const int64_t ints[] = {0,      1,         9,         10,   99,   100,
                                   101,    999,       1000,      1009, 9999, 10000,
                                   12345,  -1,        -10,       -99999,
                                   99999,  100000,    100001,    169577, 1000000, 9999999,
                                   10000000, 12340567, 99999999, 100000000, 100000001,
                                   -10000, -10000009,
                                   INT64_MAX, INT64_MIN, 999999999999999999LL};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        sr_buf_clear(&b);
        CHECK_EQ_INT(sr_buf_put_i64(&b, ints[i]), SR_OK);
        snprintf(want, sizeof want, "%lld", (long long)ints[i]);
        CHECK_EQ_STR(b.data, want);
    }
    sr_buf_clear(&b);
    sr_buf_put_u64(&b, UINT64_MAX);
    CHECK_EQ_STR(b.data, "18446744073709551615");
    static const double fixed[] = {0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 34.72682, -0.000001,
                                   -10.0, 3.4, 179.999995, 1e20, -1e300, 0.045, 1.005};
    int fails = 0;
    for (int dec = 0; dec <= 6; dec++)
        for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
            sr_buf_clear(&b);
            sr_buf_put_fixed(&b, fixed[i], dec);
            snprintf(want, sizeof want, "%.*f", dec, fixed[i]);
            if (strcmp(b.data, want) && fails++ < 5)
                fprintf(stderr, "FAIL %%.%df of %.17g: %s, printf %s\n", dec, fixed[i], b.data, want);
        }
    uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        /* coordinates, scores and confidences, some on exact ties */
        double v = (double)(int64_t)(x % 36000000001ULL - 18000000000ULL) / (i % 3 ? 1e8 : 1e3);
        int dec = (int)(x >> 60) % 7;
        sr_buf_clear(&b);
        sr_buf_put_fixed(&b, v, dec);
        snprintf(want, sizeof want, "%.*f", dec, v);
        if (strcmp(b.data, want) && fails++ < 5)
            fprintf(stderr, "FAIL %%.%df of %.17g: %s, printf %s\n", dec, v, b.data, want);
    }
    CHECK_EQ_INT(fails, 0);
    sr_buf_free(&b);
}

int main(void)
{
    RUN(test_arena);
    RUN(test_vec);
    RUN(test_buf);
    RUN(test_utf8);
    RUN(test_repair);
    RUN(test_json_str);
    RUN(test_json_str_offsets);
    RUN(test_numbers);
    RUN(test_fold);
    RUN(test_boilerplate);
    RUN(test_tokens);
    RUN(test_token_words);
    RUN(test_dates);
    RUN(test_detect);
    return harness_done("base");
}
