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
    sr_arena_free(a);
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
    CHECK_EQ_STR(b.data, "\"a\\\"b\\\\c\\n\\u0001\xEF\xBF\xBD\xC3\xA9\"");
    sr_buf_free(&b);
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
        text[len++] = (nw++ % 3) ? ' ' : ';';
    }
    sr_arena *a = sr_arena_new();
    sr_text *t;
    CHECK_EQ_INT(sr_text_analyze(a, text, len, NULL, 0, &t, NULL), SR_OK);
    size_t n, words = 0, bad[6] = {0};
    const sr_token *tk = sr_text_tokens(t, &n);
    for (size_t i = 0; i < n; i++) {
        if (tk[i].flags & SR_TOK_PUNCT)
            continue;
        words++;
        const char *w = text + tk[i].start;
        size_t wl = tk[i].end - tk[i].start;
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
        /* The fast path takes a word opening with a letter, under 64 bytes. */
        bad[5] += !(f & SR_TOK_ALNUM) != !((w[0] | 32) >= 'a' && (w[0] | 32) <= 'z' && wl < 64);
    }
    for (int k = 0; k < 6; k++)
        CHECK_EQ_INT(bad[k], 0);
    CHECK_EQ_INT(words, nw);
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

int main(void)
{
    RUN(test_arena);
    RUN(test_vec);
    RUN(test_buf);
    RUN(test_utf8);
    RUN(test_repair);
    RUN(test_json_str);
    RUN(test_fold);
    RUN(test_boilerplate);
    RUN(test_tokens);
    RUN(test_token_words);
    RUN(test_dates);
    RUN(test_detect);
    return harness_done("base");
}
