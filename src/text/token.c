#include "text_int.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Words that keep a following period: titles, months and common short
 * forms (under eight letters), compared in lower case without the
 * period. */
static const char *const abbrevs[] = {
    "adm", "al", "apr", "approx", "assn", "atty", "aug", "ave", "blvd", "brig", "bros", "capt",
    "cdr", "cmdr", "co", "col", "corp", "cpl", "dec", "dept", "det", "dr", "est", "etc", "feb",
    "fig", "ft", "gen", "gov", "govt", "hon", "inc", "insp", "jan", "jr", "jul", "jun", "lieut",
    "lt", "ltd", "maj", "mar", "messrs", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct",
    "pres", "prof", "pt", "pte", "pvt", "rd", "rep", "reps", "rev", "sen", "sens", "sep",
    "sept", "sgt", "sr", "st", "supt", "univ", "vol", "vs"};

/* The short forms as numbers (their letters, first in the low byte), in
 * an open-addressing set made once: a word is looked up by one probe or
 * two, not a binary search of string compares. */
enum { ABBREV_SLOTS = 256 };
static uint64_t abbrev_set[ABBREV_SLOTS];
static pthread_once_t abbrev_once = PTHREAD_ONCE_INIT;

static inline size_t abbrev_slot(uint64_t key)
{
    return (size_t)((key * 0x9e3779b97f4a7c15ull) >> 56) & (ABBREV_SLOTS - 1);
}

static void abbrev_init(void)
{
    for (size_t i = 0; i < sizeof abbrevs / sizeof *abbrevs; i++) {
        uint64_t key = 0;
        for (size_t k = 0; abbrevs[i][k]; k++)
            key |= (uint64_t)(unsigned char)abbrevs[i][k] << (8 * k);
        size_t h = abbrev_slot(key);
        while (abbrev_set[h])
            h = (h + 1) & (ABBREV_SLOTS - 1);
        abbrev_set[h] = key;
    }
}

static int is_abbrev(const char *s, size_t n)
{
    if (n == 0 || n >= 8)
        return 0;
    uint64_t key = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        else if (c < 'a' || c > 'z')
            return 0;
        key |= (uint64_t)(unsigned char)c << (8 * i);
    }
    pthread_once(&abbrev_once, abbrev_init);
    for (size_t h = abbrev_slot(key); abbrev_set[h]; h = (h + 1) & (ABBREV_SLOTS - 1))
        if (abbrev_set[h] == key)
            return 1;
    return 0;
}

/* text_tokenize's fast path turns these classes into a count and a case
 * offset by shifting. */
_Static_assert(CC_LETTER == 2 && CC_UPPER == 8, "class bits used as numbers");

/* ---- eight bytes at a time ------------------------------------------------ */

/* The byte order the first-byte search below needs (else bytes one by one). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR_LE 1
#else
#define SWAR_LE 0
#endif
/* 0x80 in each byte of w that is an ASCII letter or digit; *low gets w
 * with its capitals lowered, *small the mask of its small letters.  A
 * byte ORed with 0x20 is a small letter exactly when the byte is a
 * letter; bit 5 (shifted to bit 7) then tells the case. */
static inline uint64_t swar_alnum(uint64_t w, uint64_t *low, uint64_t *small)
{
    uint64_t ascii = ~w & TEXT_ONES80, y = w & ~TEXT_ONES80;
    uint64_t let = text_swar_in(y | TEXT_ONES01 * 0x20, 'a', 'z') & ascii;
    uint64_t dg = text_swar_in(y, '0', '9') & ascii;
    uint64_t up = let & ~(w << 2);
    *small = let & (w << 2);
    *low = w | (up >> 2);
    return let | dg;
}

/* CC_LOWER when one of the first k bytes of a small-letter mask is set. */
static inline unsigned swar_flags(uint64_t small, size_t k)
{
    if (k < 8)
        small &= (1ull << (8 * k)) - 1;
    return small ? CC_LOWER : 0;
}

/* Each ASCII byte c as a string of its own at ascii_one + 2 * c. */
static const char ascii_one[256] =
    "\x00\0\x01\0\x02\0\x03\0\x04\0\x05\0\x06\0\x07\0"
    "\x08\0\x09\0\x0a\0\x0b\0\x0c\0\x0d\0\x0e\0\x0f\0"
    "\x10\0\x11\0\x12\0\x13\0\x14\0\x15\0\x16\0\x17\0"
    "\x18\0\x19\0\x1a\0\x1b\0\x1c\0\x1d\0\x1e\0\x1f\0"
    "\x20\0\x21\0\x22\0\x23\0\x24\0\x25\0\x26\0\x27\0"
    "\x28\0\x29\0\x2a\0\x2b\0\x2c\0\x2d\0\x2e\0\x2f\0"
    "\x30\0\x31\0\x32\0\x33\0\x34\0\x35\0\x36\0\x37\0"
    "\x38\0\x39\0\x3a\0\x3b\0\x3c\0\x3d\0\x3e\0\x3f\0"
    "\x40\0\x41\0\x42\0\x43\0\x44\0\x45\0\x46\0\x47\0"
    "\x48\0\x49\0\x4a\0\x4b\0\x4c\0\x4d\0\x4e\0\x4f\0"
    "\x50\0\x51\0\x52\0\x53\0\x54\0\x55\0\x56\0\x57\0"
    "\x58\0\x59\0\x5a\0\x5b\0\x5c\0\x5d\0\x5e\0\x5f\0"
    "\x60\0\x61\0\x62\0\x63\0\x64\0\x65\0\x66\0\x67\0"
    "\x68\0\x69\0\x6a\0\x6b\0\x6c\0\x6d\0\x6e\0\x6f\0"
    "\x70\0\x71\0\x72\0\x73\0\x74\0\x75\0\x76\0\x77\0"
    "\x78\0\x79\0\x7a\0\x7b\0\x7c\0\x7d\0\x7e\0\x7f\0";

/* What the byte after a run of ASCII letters and digits does to it: ends
 * it (most), may join it to more ("3.5", "Gen."), or joins it (a hyphen,
 * an apostrophe, a byte of a multi-byte character). */
enum { STOP_ENDS = 0, STOP_DOT = 1, STOP_JOINS = 2 };
#define STOP_HI16 STOP_JOINS, STOP_JOINS, STOP_JOINS, STOP_JOINS, STOP_JOINS, STOP_JOINS, \
    STOP_JOINS, STOP_JOINS, STOP_JOINS, STOP_JOINS, STOP_JOINS, STOP_JOINS, STOP_JOINS, \
    STOP_JOINS, STOP_JOINS, STOP_JOINS
static const unsigned char stop_kind[256] = {
    ['\''] = STOP_JOINS, ['-'] = STOP_JOINS, ['.'] = STOP_DOT, [','] = STOP_DOT,
    [0x80] = STOP_HI16, STOP_HI16, STOP_HI16, STOP_HI16, STOP_HI16, STOP_HI16, STOP_HI16, STOP_HI16};

/* Matching forms of plain words are cut from chunks of this size. */
enum { POOL_CHUNK = 8192 };

typedef struct cursor {
    const char *s, *end;
} cursor;

static unsigned cls(const cursor *c, const char *p, uint32_t *cp, int *len)
{
    if (p >= c->end) {
        *cp = 0;
        *len = 0;
        return 0;
    }
    return text_class(p, c->end, cp, len);
}

/* "U.S", "e.g", "a.m": every dot-separated piece is one or two letters. */
static int dotted_acronym(const char *s, size_t n)
{
    int dots = 0;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            if (run == 0 || run > 2)
                return 0;
            dots++;
            run = 0;
        } else if ((unsigned char)s[i] < 0x80 &&
                   ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
            run++;
        } else {
            return 0;
        }
    }
    return dots > 0 && run > 0 && run <= 2;
}

/* Scans a word from p: letters, digits and marks, joined by hyphens,
 * apostrophes of contractions, and periods or commas between digits or
 * letters ("30,000", "3.5", "www.un.org").  Returns the end. */
static const char *scan_word(const cursor *c, const char *p, int *poss_at)
{
    uint32_t cp;
    int len;
    *poss_at = 0;
    for (;;) {
        /* Runs of ASCII letters and digits are most of every word. */
        while (p < c->end && (unsigned char)*p < 0x80 &&
               (text_ascii_class[(unsigned char)*p] & (CC_LETTER | CC_DIGIT)))
            p++;
        unsigned k = cls(c, p, &cp, &len);
        if (k & (CC_LETTER | CC_DIGIT)) {
            p += len;
            continue;
        }
        if (!len)
            return p;
        uint32_t cp2, cp3;
        int len2, len3;
        unsigned k2 = cls(c, p + len, &cp2, &len2);
        if ((k & CC_HYPHEN) && (k2 & (CC_LETTER | CC_DIGIT))) {
            p += len;
            continue;
        }
        if ((cp == '.' || cp == ',') && (k2 & (CC_LETTER | CC_DIGIT))) {
            /* "30,000" and "3.5" join; ",x" joins only between digits. */
            unsigned kprev = 0;
            uint32_t cpp;
            int lp;
            const char *q = p - 1;
            while (q > c->s && ((unsigned char)*q & 0xC0) == 0x80)
                q--;
            kprev = cls(c, q, &cpp, &lp);
            if (cp == ',' && !((kprev & CC_DIGIT) && (k2 & CC_DIGIT)))
                return p;
            if (cp == ',') {
                p += len;
                continue;
            }
            if (kprev & (CC_LETTER | CC_DIGIT)) {
                p += len;
                continue;
            }
            return p;
        }
        if (k & CC_APOS) {
            if (!(k2 & CC_LETTER)) {
                /* "rebels' positions": trailing apostrophe after s is possessive. */
                const char *q = p - 1;
                if (*q == 's' || *q == 'S')
                    *poss_at = 1;
                return p;
            }
            unsigned k3 = cls(c, p + len + len2, &cp3, &len3);
            if ((cp2 == 's' || cp2 == 'S') && !(k3 & (CC_LETTER | CC_DIGIT))) {
                *poss_at = 1;
                return p;
            }
            p += len;
            continue;
        }
        return p;
    }
}

/* A new token at the end of t->tokens, not zeroed: every caller sets
 * every field. */
static inline sr_token *new_token(sr_arena *a, struct sr_text *t)
{
    sr_vec *v = &t->tokens;
    if (v->len == v->cap)
        return sr_vec_grow_push(v, a, sizeof(sr_token));
    return (sr_token *)v->items + v->len++;
}

/* text_tokenize keeps the end of t->tokens in locals, cur and lim (the
 * room's end): the byte stores of the matching forms may alias t, so
 * with t->tokens.len as the cursor every token reloaded and stored it,
 * and t->text besides.  t->tokens.len is brought up to date (tok_sync)
 * before anything else reads or grows the list. */
static inline void tok_load(const struct sr_text *t, sr_token **cur, sr_token **lim)
{
    sr_token *b = t->tokens.items;
    *cur = b ? b + t->tokens.len : NULL;
    *lim = b ? b + t->tokens.cap : NULL;
}

static inline void tok_sync(struct sr_text *t, const sr_token *cur)
{
    if (t->tokens.items)
        t->tokens.len = (size_t)(cur - (const sr_token *)t->tokens.items);
}

/* The list is full: grown (sr_vec_grow); returns the new end, or NULL
 * when memory runs out.  The cursor goes in and out by value, so it can
 * stay in a register. */
static __attribute__((noinline)) sr_token *tok_grow(sr_arena *a, struct sr_text *t, sr_token *cur)
{
    tok_sync(t, cur);
    if (sr_vec_grow(&t->tokens, a, sizeof(sr_token)))
        return NULL;
    return (sr_token *)t->tokens.items + t->tokens.len;
}

/* tk = the next token of the list (not zeroed); text_tokenize returns
 * SR_ENOMEM when the list cannot grow. */
#define TOK_NEXT(tk)                                                                  \
    do {                                                                              \
        if (tcur == tlim) {                                                           \
            if (!(tcur = tok_grow(a, t, tcur)))                                       \
                return SR_ENOMEM;                                                     \
            tlim = (sr_token *)t->tokens.items + t->tokens.cap;                       \
        }                                                                             \
        (tk) = tcur++;                                                                \
    } while (0)

static int push(sr_arena *a, struct sr_text *t, size_t start, size_t end, uint32_t flags)
{
    sr_token *tk = new_token(a, t);
    if (!tk)
        return SR_ENOMEM;
    tk->start = start;
    tk->end = end;
    tk->flags = flags;
    tk->norm = sr_text_fold(a, t->text + start, end - start, &tk->norm_len);
    return tk->norm ? SR_OK : SR_ENOMEM;
}

static uint32_t word_flags(const cursor *c, const char *b, const char *e)
{
    uint32_t f = 0, cp;
    int len, letters = 0, uppers = 0, first = 1;
    /* ASCII words: straight from the class table. */
    const char *q = b;
    unsigned all = 0;
    while (q < e && (unsigned char)*q < 0x80) {
        unsigned k = text_ascii_class[(unsigned char)*q++];
        letters += (k & CC_LETTER) != 0;
        uppers += (k & CC_UPPER) != 0;
        all |= k;
    }
    if (q == e) {
        unsigned k0 = b < e ? text_ascii_class[(unsigned char)*b] : 0;
        f = ((k0 & CC_DIGIT) ? SR_TOK_NUM : 0) | ((k0 & CC_UPPER) ? SR_TOK_CAP : 0);
        if (!(k0 & CC_LETTER) && (all & CC_UPPER)) {
            /* The first letter is not the first character ("3Com"). */
            for (const char *r = b; r < e; r++)
                if (text_ascii_class[(unsigned char)*r] & CC_LETTER) {
                    if (text_ascii_class[(unsigned char)*r] & CC_UPPER)
                        f |= SR_TOK_CAP;
                    break;
                }
        }
        if (letters)
            f |= SR_TOK_WORD;
        if (letters >= 2 && uppers == letters)
            f |= SR_TOK_UPPER;
        return f;
    }
    letters = uppers = 0;
    for (const char *p = b; p < e; p += len ? len : 1) {
        unsigned k = cls(c, p, &cp, &len);
        if (first && (k & CC_DIGIT))
            f |= SR_TOK_NUM;
        if (k & CC_LETTER) {
            if (!letters && (k & CC_UPPER))
                f |= SR_TOK_CAP;
            letters++;
            if (k & CC_UPPER)
                uppers++;
        }
        first = 0;
    }
    if (letters)
        f |= SR_TOK_WORD;
    if (letters >= 2 && uppers == letters)
        f |= SR_TOK_UPPER;
    return f;
}

int text_tokenize(sr_arena *a, struct sr_text *t, size_t from, size_t to)
{
    cursor c = {t->text, t->text + to};
    const char *p = t->text + from;
    uint32_t nl = (from == 0 || t->text[from - 1] == '\n') ? SR_TOK_NL_BEFORE : 0;
    int rc;
    /* the pool of matching forms in locals (registers), back in t at
     * the end (after a failure t is thrown away) */
    char *pool = t->pool;
    size_t pool_left = t->pool_left;
    const char *const text = t->text;
    sr_token *tcur, *tlim;
    tok_load(t, &tcur, &tlim);
    while (p < c.end) {
#if defined(__SSE2__)
    next_token:
#endif
        /* One blank between words: most of the bytes between tokens. */
        if (*p == ' ') {
            p++;
            continue;
        }
        uint32_t cp;
        int len;
        unsigned k = cls(&c, p, &cp, &len);
        if (k & CC_SPACE) {
            if (k & CC_NL)
                nl = SR_TOK_NL_BEFORE;
            p += len;
            continue;
        }
        const char *b = p;
        if (k & (CC_LETTER | CC_DIGIT)) {
            /* Most tokens are plain ASCII words ended by a blank or by
             * punctuation that cannot join them: scan, classify and fold
             * them in one pass, straight into the pool of matching forms.
             * Anything else takes the general path. */
            enum { FAST_MAX = 64, FAST_ROOM = FAST_MAX + 8 };
            if (pool_left < FAST_ROOM) {
                size_t room = (size_t)(c.end - p) + FAST_ROOM;
                if (room > POOL_CHUNK)
                    room = POOL_CHUNK;
                if (!(pool = sr_arena_alloc(a, room)))
                    return SR_ENOMEM;
                pool_left = room;
            }
#if defined(__SSE2__)
            /* Sixteen bytes at once (words are short): the first that is no
             * ASCII letter or digit, nor a hyphen before one, ends the word,
             * and the masks of letters and of bit 0x20 (small letters) give
             * its flags without a byte loop.  Word after word while one blank
             * parts them and the next starts with a letter or digit; words of
             * sixteen bytes or more, the last bytes of the region and
             * anything unusual take the paths below. */
            while (c.end - p > 16) {
                __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
                /* a letter of either case: (x | 0x20) - 'a' below 26, the
                 * unsigned compare made signed by an offset of 0x80 */
                __m128i letv = _mm_cmplt_epi8(
                    _mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8((char)(0x80 - 'a'))),
                    _mm_set1_epi8((char)(-128 + 26)));
                __m128i dgv = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - '0'))),
                                             _mm_set1_epi8((char)(-128 + 10)));
                unsigned let = (unsigned)_mm_movemask_epi8(letv), dg = (unsigned)_mm_movemask_epi8(dgv);
                unsigned hy = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('-')));
                unsigned al = let | dg;
                unsigned n16 = (unsigned)__builtin_ctz(~(al | (hy & (al >> 1))));
                if (n16 == 16 || !n16)
                    break;
                unsigned char stop = (unsigned char)p[n16];
                if (stop != ' ' && stop_kind[stop] != STOP_ENDS) {
                    if (stop_kind[stop] == STOP_JOINS)
                        goto fast_general;
                    /* a period or comma: see the byte path below (p[0] is
                     * an ASCII letter or digit: k is its class) */
                    unsigned char next = (unsigned char)p[n16 + 1];
                    if (!(next < 0x80 && !(text_ascii_class[next] & (CC_LETTER | CC_DIGIT)) &&
                          (stop == ',' ||
                           (!(n16 == 1 && (text_ascii_class[(unsigned char)*p] & CC_UPPER)) &&
                            !is_abbrev(p, n16)))))
                        goto fast_general;
                }
                /* bit 5 of every byte (a small letter's) to the top bit */
                unsigned small = (unsigned)_mm_movemask_epi8(_mm_slli_epi16(x, 2)) & let;
                _mm_storeu_si128((__m128i *)(void *)pool,
                                 _mm_or_si128(x, _mm_and_si128(letv, _mm_set1_epi8(0x20))));
                unsigned within = (1u << n16) - 1;
                let &= within;
                small &= within;
                uint32_t f = nl | (!small && (let & (let - 1)) ? SR_TOK_UPPER : 0);
                if ((let & 1) && !(hy & within))
                    f |= SR_TOK_WORD | SR_TOK_ALNUM | ((small & 1) ? 0 : SR_TOK_CAP);
                else /* as word_flags has them; SR_TOK_ALNUM as it always was */
                    f |= (let ? SR_TOK_WORD : 0) | ((dg & 1) ? SR_TOK_NUM : 0) |
                         ((let & (0u - let) & ~small) ? SR_TOK_CAP : 0);
                sr_token *tk;
                TOK_NEXT(tk);
                pool[n16] = 0;
                tk->start = (size_t)(p - text);
                tk->end = tk->start + n16;
                tk->flags = f;
                tk->norm = pool;
                tk->norm_len = n16;
                pool += n16 + 1;
                pool_left -= n16 + 1;
                nl = 0;
                p += n16;
                if (stop != ' ') {
                    /* "word, word" and "word. Word": the mark as its own
                     * token (as the punctuation path below makes it), and
                     * on with the next word */
                    /* (p[2] must lie inside the region: with n16 at 15 it
                     * can be the region's end, safe until now only because
                     * the callers end regions at a line break) */
                    if (stop_kind[stop] != STOP_DOT || p[1] != ' ' || pool_left < FAST_ROOM ||
                        c.end - p < 3 ||
                        !(text_ascii_class[(unsigned char)p[2]] & (CC_LETTER | CC_DIGIT)))
                        goto next_token;
                    TOK_NEXT(tk);
                    tk->start = (size_t)(p - text);
                    tk->end = tk->start + 1;
                    tk->flags = SR_TOK_PUNCT;
                    tk->norm = ascii_one + 2 * stop;
                    tk->norm_len = 1;
                    p++;
                } else if (pool_left < FAST_ROOM ||
                           !(text_ascii_class[(unsigned char)p[1]] & (CC_LETTER | CC_DIGIT))) {
                    goto next_token;
                }
                /* b and k follow p only where the loop ends (below) */
                ++p;
            }
            if (p != b) {
                /* past a word: p is at an ASCII letter or digit */
                b = p;
                k = text_ascii_class[(unsigned char)*p];
            }
            if (0) {
            fast_general:
                b = p;
                k = text_ascii_class[(unsigned char)*p];
                goto general;
            }
#endif
            if (!(k & CC_LETTER))
                goto general;
            char *o = pool;
            size_t n = 0;
            unsigned acc = 0, nlet = 0, kk = 0;
            const char *q = p;
            const char *lim = c.end - p > FAST_MAX ? p + FAST_MAX : c.end;
            /* Eight bytes at a time while they are all letters and
             * digits (the pool keeps 8 bytes of slack for the store). */
            while (SWAR_LE && lim - q >= 8) {
                uint64_t w, lw;
                memcpy(&w, q, 8);
                uint64_t sm, al = swar_alnum(w, &lw, &sm);
                memcpy(o + n, &lw, 8);
                if (al != TEXT_ONES80) {
                    size_t take = (size_t)__builtin_ctzll(~al & TEXT_ONES80) >> 3;
                    acc |= swar_flags(sm, take);
                    n += take;
                    q += take;
                    goto scanned;
                }
                acc |= swar_flags(sm, 8);
                n += 8;
                q += 8;
            }
            /* CC_LETTER is 2 and CC_UPPER 8: the case offset by a shift. */
            while (q < lim) {
                unsigned char ch = (unsigned char)*q;
                kk = text_ascii_class[ch];
                if (!(kk & (CC_LETTER | CC_DIGIT)))
                    break;
                acc |= kk;
                o[n++] = (char)(ch + ((kk & CC_UPPER) << 2));
                q++;
            }
        scanned:;
            unsigned char stop = q < c.end ? (unsigned char)*q : ' ';
            int plain = n && n < FAST_MAX && stop < 0x80 &&
                        !(text_ascii_class[stop] & (CC_HYPHEN | CC_APOS | CC_LETTER | CC_DIGIT));
            if (plain && (stop == '.' || stop == ',')) {
                /* A period or comma ends the word unless a letter or digit
                 * follows it ("3.5", "www.un.org"); a period stays with a
                 * capital initial or a known short form ("Gen."). */
                unsigned char next = q + 1 < c.end ? (unsigned char)q[1] : ' ';
                plain = next < 0x80 && !(text_ascii_class[next] & (CC_LETTER | CC_DIGIT)) &&
                        (stop == ',' || (!(n == 1 && (k & CC_UPPER)) && !is_abbrev(p, n)));
            }
            if (plain) {
                /* Every letter upper case, two letters or more: the first
                 * byte is a letter, so one more among the rest. */
                if (!(acc & CC_LOWER) && n >= 2)
                    for (size_t j = 1; j < n && nlet < 2; j++)
                        nlet = 1 + ((text_ascii_class[(unsigned char)p[j]] & CC_LETTER) != 0);
                uint32_t f = nl | SR_TOK_WORD | SR_TOK_ALNUM | ((k & CC_UPPER) ? SR_TOK_CAP : 0) |
                             (nlet >= 2 && !(acc & CC_LOWER) ? SR_TOK_UPPER : 0);
                sr_token *tk;
                TOK_NEXT(tk);
                o[n] = 0;
                pool += n + 1;
                pool_left -= n + 1;
                tk->start = (size_t)(p - text);
                tk->end = (size_t)(q - text);
                tk->flags = f;
                tk->norm = o;
                tk->norm_len = n;
                nl = 0;
                p = q;
                continue;
            }
        }
#if defined(__SSE2__)
    general:
#endif
        if (k & (CC_LETTER | CC_DIGIT)) {
            int poss;
            const char *e = scan_word(&c, p, &poss);
            uint32_t f = word_flags(&c, b, e) | nl;
            /* A period that belongs to the word: titles, initials, "U.S.". */
            if (e < c.end && *e == '.' && !poss) {
                size_t n = (size_t)(e - b);
                int initial = (n == 1 && (f & SR_TOK_CAP));
                if (initial || is_abbrev(b, n) || dotted_acronym(b, n)) {
                    e++;
                    f |= SR_TOK_ABBREV;
                    /* "U.S.-backed" is one word, like "Saudi-led". */
                    uint32_t h1, h2;
                    int l1, l2;
                    unsigned k1 = cls(&c, e, &h1, &l1);
                    if ((k1 & CC_HYPHEN) && (cls(&c, e + l1, &h2, &l2) & CC_LETTER)) {
                        e = scan_word(&c, e + l1, &poss);
                        f &= ~(uint32_t)SR_TOK_ABBREV;
                    }
                }
            }
            tok_sync(t, tcur);
            if ((rc = push(a, t, (size_t)(b - text), (size_t)(e - text), f)))
                return rc;
            tok_load(t, &tcur, &tlim);
            nl = 0;
            p = e;
            if (poss) {
                /* Split off "'s" or a lone "'" as its own token. */
                uint32_t cp2;
                int len2, len3;
                cls(&c, p, &cp2, &len2);
                const char *q = p + len2;
                unsigned k3 = cls(&c, q, &cp2, &len3);
                if ((k3 & CC_LETTER) && (cp2 == 's' || cp2 == 'S'))
                    q += len3;
                tok_sync(t, tcur);
                if ((rc = push(a, t, (size_t)(p - text), (size_t)(q - text),
                               SR_TOK_PUNCT | SR_TOK_POSS)))
                    return rc;
                tok_load(t, &tcur, &tlim);
                p = q;
            }
            continue;
        }
        /* Punctuation: "..." and "--" and "?!" runs stay together. */
        const char *e = p + len;
        if (cp == '.' || cp == '-' || cp == '?' || cp == '!') {
            while (e < c.end && (*e == (char)cp || ((cp == '?' || cp == '!') && (*e == '?' || *e == '!'))))
                e++;
        }
        if (e == p + 1 && cp < 0x80) {
            /* One ASCII mark (most punctuation): its matching form is
             * itself, from a constant table. */
            sr_token *tk;
            TOK_NEXT(tk);
            tk->start = (size_t)(b - text);
            tk->end = tk->start + 1;
            tk->flags = SR_TOK_PUNCT | nl;
            tk->norm = ascii_one + 2 * cp;
            tk->norm_len = 1;
        } else {
            tok_sync(t, tcur);
            if ((rc = push(a, t, (size_t)(b - text), (size_t)(e - text), SR_TOK_PUNCT | nl)))
                return rc;
            tok_load(t, &tcur, &tlim);
        }
        nl = 0;
        p = e;
    }
    tok_sync(t, tcur);
    t->pool = pool;
    t->pool_left = pool_left;
    return SR_OK;
}
