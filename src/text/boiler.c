#include "text_int.h"

#include <pthread.h>
#include <string.h>

/* Boilerplate is short: a line longer than this is always content, which
 * also keeps the check cheap on huge single-line documents. */
enum { MAX_BOILER = 320, ANYWHERE_MAX = 160 };

/* Sorted (bytewise) so that those of one first letter are found by
 * binary search.  None is a prefix of another, so at most one matches. */
static const char *const openers[] = {
    "(additional reporting", "(c) ", "(editing by", "(photo", "(reporting by", "(writing by",
    "[photo", "advertisement", "advertising", "also read", "by continuing to use", "click here",
    "cookie policy", "copyright", "download our", "download the", "editor's note", "file photo",
    "follow our", "follow us", "for more news", "get our app", "get the latest", "image credit",
    "image:", "join our", "join us at", "join us on", "like us on", "listen:", "more news:",
    "photo by", "photo credit", "photo:", "photos:", "picture:",
    "pictures:", "please enable javascript", "privacy policy", "read also", "read more",
    "recommended for you", "related articles", "related coverage", "related stories", "related:",
    "send us your", "share on", "share this", "share via", "sign up for", "sign up to",
    "sponsored", "stay updated", "subscribe now", "subscribe to", "support our journalism",
    "tags:", "terms of use", "the views expressed", "this article was", "this site uses",
    "this story has", "this story was", "this website uses", "watch the video", "watch:",
    "we are on telegram", "we are on whatsapp", "we use cookies", "you may also like",
    "you might also like"
};

static const char *const anywhere[] = {
    "all rights reserved", "whatsapp group", "whatsapp channel", "telegram channel",
    "our newsletter", "getty images", "via getty", "/getty", "afp photo", "reuters/",
    "follow us on", "on twitter @", "twitter.com/", "facebook.com/", "instagram.com/",
    "comment via facebook"};
_Static_assert(sizeof anywhere / sizeof *anywhere <= 16, "any_verify holds 16 bits");

/* Multi-phrase search (Wu and Manber's, on byte pairs): a window of
 * `min` bytes slides along the line; the pair ending it says how far it
 * may jump before some phrase's first `min` bytes could end there, and at
 * a jump of 0 which phrases to verify.  The phrases with a '/' or an '@'
 * form a table of their own, searched only in lines holding one of those
 * bytes (few do): the others are longer, so their window jumps further.
 * Made once from the list. */
enum { ANY_HASH = 4096 };
typedef struct any_table {
    unsigned char shift[ANY_HASH];
    unsigned short verify[ANY_HASH];
    unsigned min;       /* the shortest phrase of the table */
} any_table;
static any_table any_plain, any_marked;
static unsigned char any_len[sizeof anywhere / sizeof *anywhere];
static pthread_once_t anywhere_once = PTHREAD_ONCE_INIT;
/* The openers' and the credits' lengths, measured once; the openers of
 * each first byte are openers[opener_from[c] .. opener_from[c + 1]). */
static unsigned char opener_len[sizeof openers / sizeof *openers];
static unsigned char opener_from[257];
/* Each opener's first four bytes as one number (0 for a shorter one),
 * compared before the rest. */
static uint32_t opener_head[sizeof openers / sizeof *openers];
static const char *const credits[] = {"reporting by", "editing by", "writing by",
                                      "additional reporting", "compiled by"};
static unsigned char credit_len[sizeof credits / sizeof *credits];
/* 1 for the first bytes of credits: most lines start with none. */
static unsigned char credit_first[256];

static inline unsigned any_pair(unsigned char a, unsigned char b)
{
    return ((unsigned)a * 67u ^ b) & (ANY_HASH - 1);
}

/* any_pair of two bytes lowered, by table: any_pair(lower(a), lower(b)) is
 * pair_hi[a] ^ pair_lo[b] (the low table's values are below 256, so the
 * mask can be taken before the exclusive or).  Made once. */
static unsigned short pair_hi[256];
static unsigned char pair_lo[256];

static int any_is_marked(const char *w) { return strchr(w, '/') || strchr(w, '@'); }

static void any_build(any_table *t, int marked)
{
    t->min = 255;
    for (size_t k = 0; k < sizeof anywhere / sizeof *anywhere; k++)
        if (any_is_marked(anywhere[k]) == marked && any_len[k] < t->min)
            t->min = any_len[k];
    memset(t->shift, (int)t->min - 1, sizeof t->shift);
    for (size_t k = 0; k < sizeof anywhere / sizeof *anywhere; k++) {
        if (any_is_marked(anywhere[k]) != marked)
            continue;
        const unsigned char *w = (const unsigned char *)anywhere[k];
        for (unsigned j = 1; j < t->min; j++) {
            unsigned h = any_pair(w[j - 1], w[j]), sh = t->min - 1 - j;
            if (sh < t->shift[h])
                t->shift[h] = (unsigned char)sh;
        }
        t->verify[any_pair(w[t->min - 2], w[t->min - 1])] |= (unsigned short)(1u << k);
    }
}

static void anywhere_init(void)
{
    for (size_t k = 0; k < sizeof openers / sizeof *openers; k++)
        opener_len[k] = (unsigned char)strlen(openers[k]);
    for (size_t k = 0; k < sizeof openers / sizeof *openers; k++)
        if (opener_len[k] >= 4)
            memcpy(&opener_head[k], openers[k], 4);
    /* openers are sorted bytewise: a first byte's run starts where the
     * bytes below it end */
    for (unsigned c = 0, k = 0; c <= 256; c++) {
        while (c < 256 && k < sizeof openers / sizeof *openers &&
               (unsigned char)openers[k][0] < c)
            k++;
        opener_from[c] = (unsigned char)(c < 256 ? k : sizeof openers / sizeof *openers);
    }
    for (size_t k = 0; k < sizeof credits / sizeof *credits; k++)
        credit_len[k] = (unsigned char)strlen(credits[k]);
    for (size_t k = 0; k < sizeof credits / sizeof *credits; k++)
        credit_first[(unsigned char)credits[k][0]] = 1;
    for (size_t k = 0; k < sizeof anywhere / sizeof *anywhere; k++)
        any_len[k] = (unsigned char)strlen(anywhere[k]);
    any_build(&any_plain, 0);
    any_build(&any_marked, 1);
    for (unsigned c = 0; c < 256; c++) {
        unsigned l = c - 'A' < 26u ? c + 32 : c;
        pair_hi[c] = (unsigned short)((l * 67u) & (ANY_HASH - 1));
        pair_lo[c] = (unsigned char)l;
    }
}

static inline unsigned char lower(unsigned char c)
{
    return (unsigned char)((unsigned)c - 'A' < 26u ? c + 32 : c);
}

/* "Reporting by A; Editing by B" is a credit; "Reporting by state media
 * could not be verified." is a sentence.  Credits list names with ';' or
 * more credits and do not end like prose. */

static int credit_start(const char *low, size_t n)
{
    if (!n || !credit_first[(unsigned char)low[0]])
        return 0;
    for (size_t i = 0; i < sizeof credits / sizeof *credits; i++) {
        size_t k = credit_len[i];
        if (n >= k && low[0] == credits[i][0] && memcmp(low, credits[i], k) == 0)
            return 1;
    }
    return 0;
}

static int credit_line(const char *low, size_t n)
{
    for (size_t i = 0; i < sizeof credits / sizeof *credits; i++) {
        size_t k = credit_len[i];
        if (n >= k && memcmp(low, credits[i], k) == 0) {
            if (memchr(low, ';', n))
                return 1;
            for (size_t j = 0; j < sizeof credits / sizeof *credits; j++)
                if (j != i && strstr(low + k, credits[j]))
                    return 1;
            return low[n - 1] != '.';
        }
    }
    return 0;
}

/* A scraped page's list of links to other stories, run into one line:
 * "Related US-Led Coalition Destroys 22 Daesh Positions Near Manbij Syrian
 * Arab Coalition Moves Toward ...".  "Related" among the first words, then
 * at least RELATED_WORDS words of which nearly all are capitalised or
 * numbers, as headlines are: their events are other stories'. */
enum { RELATED_WITHIN = 16, RELATED_WORDS = 12 };
static int related_headlines(const char *s, size_t n)
{
    const char *p = s, *e = s + n;
    size_t words = 0;
    /* Long lines are paragraphs, nearly all without the word: memchr
     * finds that out faster than the word loop below. */
    for (const char *r = s;; r++) {
        if (!(r = memchr(r, 'R', (size_t)(e - r))))
            return 0;
        if (e - r >= 7 && !memcmp(r, "Related", 7) && (r == s || r[-1] == ' ') &&
            (e - r == 7 || r[7] == ' '))
            break;
    }
    /* the word "Related" among the first RELATED_WITHIN words */
    for (;;) {
        while (p < e && *p == ' ')
            p++;
        if (p == e || ++words > RELATED_WITHIN)
            return 0;
        const char *w = p;
        while (p < e && *p != ' ')
            p++;
        if (p - w == 7 && !memcmp(w, "Related", 7))
            break;
    }
    size_t after = 0, caps = 0;
    while (p < e) {
        while (p < e && *p == ' ')
            p++;
        if (p == e)
            break;
        unsigned char c = (unsigned char)*p;
        after++;
        caps += (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '(' || c == '-' ||
                c >= 0x80;
        while (p < e && *p != ' ')
            p++;
    }
    /* headline case: two words in three or more (short words such as
     * "in", "of" and "to" stay lower case, and a list of tags may follow);
     * prose, even thick with names, stays well under */
    return after >= RELATED_WORDS && caps * 3 >= after * 2;
}

static inline int is_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* The phrases of table t found in u[0..n) (bits by index in `anywhere`),
 * lowering as it goes. */
static unsigned any_scan(const any_table *t, const unsigned char *u, size_t n)
{
    unsigned found = 0, min = t->min;
    for (size_t pos = min - 1; pos < n;) {
        unsigned h = pair_hi[u[pos - 1]] ^ pair_lo[u[pos]];
        if (t->shift[h]) {
            pos += t->shift[h];
            continue;
        }
        size_t at = pos + 1 - min;
        for (unsigned cand = t->verify[h]; cand; cand &= cand - 1) {
            int k = __builtin_ctz(cand);
            size_t len = any_len[k], j = 0;
            if (n - at < len)
                continue;
            while (j < len && lower(u[at + j]) == (unsigned char)anywhere[k][j])
                j++;
            /* (a whole word, its plural, or one run into a capital:
             * "afp photo" is no "AFP photographer was killed", but
             * "Comment via FacebookComment via" is a footer) */
            size_t e = at + len;
            if (j == len && e < n && is_letter(u[e - 1]) && u[e] >= 'a' && u[e] <= 'z' &&
                !(u[e] == 's' && (e + 1 >= n || !is_letter(u[e + 1]))))
                j = 0;
            if (j == len)
                found |= 1u << k;
        }
        pos++;
    }
    return found;
}

int sr_text_is_boilerplate(const char *s, size_t n, const char **why)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '-' || *s == '*'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    if (n == 0)
        return 0;
    if (n > MAX_BOILER) {
        /* (only "Related" lists run long) */
        if (!related_headlines(s, n))
            return 0;
        *why = "related headlines";
        return 1;
    }
    pthread_once(&anywhere_once, anywhere_init);
    /* Openers and credits need the first words only. */
    enum { HEAD = 32 };
    char low[MAX_BOILER + 1];
    size_t lown = n > HEAD ? HEAD : n, b = 0;
    for (; b + 8 <= lown; b += 8) {
        uint64_t w;
        memcpy(&w, s + b, 8);
        w |= text_swar_upper(w) >> 2;
        memcpy(low + b, &w, 8);
    }
    for (; b < lown; b++)
        low[b] = (char)lower((unsigned char)s[b]);
    low[lown] = 0;
    /* "©" opens copyright lines in any case. */
    if (n >= 2 && (unsigned char)low[0] == 0xC2 && (unsigned char)low[1] == 0xA9) {
        *why = "copyright";
        return 1;
    }
    unsigned char c0 = (unsigned char)low[0];
    /* The first four bytes tell most openers apart (the second, those
     * shorter than four). */
    uint32_t head4 = 0;
    if (lown >= 4)
        memcpy(&head4, low, 4);
    for (size_t i = opener_from[c0]; i < opener_from[c0 + 1]; i++) {
        size_t k = opener_len[i];
        if ((k >= 4 ? opener_head[i] == head4 : low[1] == openers[i][1]) && lown >= k &&
            memcmp(low, openers[i], k) == 0) {
            *why = openers[i];
            return 1;
        }
    }
    if (credit_start(low, lown)) {
        /* A credit needs the whole line lowered (credits are shorter
         * than the head, so the head tells). */
        for (size_t i = lown; i < n; i++)
            low[i] = (char)lower((unsigned char)s[i]);
        low[n] = 0;
        if (credit_line(low, n)) {
            *why = "credit line";
            return 1;
        }
    }
    /* Share prompts and credits inside a line are short lines; a long
     * sentence naming Twitter or Getty is news. */
    if (n > ANYWHERE_MAX)
        return 0;
    /* One pass over the line for every phrase at once (twice when it
     * holds a '/' or an '@'); the first phrase of the list found anywhere
     * names the rule. */
    const unsigned char *u = (const unsigned char *)s;
    unsigned found = any_scan(&any_plain, u, n);
    if (memchr(s, '/', n) || memchr(s, '@', n))
        found |= any_scan(&any_marked, u, n);
    if (found) {
        *why = anywhere[__builtin_ctz(found)];
        return 1;
    }
    return 0;
}
