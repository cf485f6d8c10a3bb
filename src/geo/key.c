/* Name keys: one folding used both when the index is built and when text is
 * looked up, so every spelling variant that folds alike meets in one slot. */
#include "geo_int.h"

#include <string.h>
#include <utf8proc.h>

/* Letters that Unicode does not decompose into a base letter plus marks. */
static const char *special_letter(int32_t cp)
{
    switch (cp) {
    case 0xe6: return "ae";
    case 0xf8: return "o";
    case 0x142: return "l";
    case 0x111: case 0xf0: return "d";
    case 0xfe: return "th";
    case 0x153: return "oe";
    case 0x131: return "i";
    case 0x127: return "h";
    case 0x167: return "t";
    case 0x14b: return "n";
    case 0x17f: return "s";
    case 0x259: return "e";
    case 0xdf: return "ss";
    default: return NULL;
    }
}

/* Apostrophes and the ayn/hamza signs of transliterated Arabic vanish
 * without breaking the word: "Ma'arat" and "Maarat" fold alike. */
static int is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == '`' || cp == 0xb4 || cp == 0x2018 || cp == 0x2019 ||
           cp == 0x2032 || cp == 0x2b9 || cp == 0x2bb || cp == 0x2bc || cp == 0x2be ||
           cp == 0x2bf;
}

typedef struct out_t {
    char *p;
    size_t cap, len;
    int space;   /* a word break is pending */
} out_t;

static void put_byte(out_t *o, char c)
{
    if (o->len < o->cap)
        o->p[o->len] = c;
    o->len++;
}

static void put_letter(out_t *o, const char *s, size_t n)
{
    if (o->space && o->len)
        put_byte(o, ' ');
    o->space = 0;
    if (o->len + n <= o->cap) {
        memcpy(o->p + o->len, s, n);
        o->len += n;
        return;
    }
    for (size_t i = 0; i < n; i++)
        put_byte(o, s[i]);
}

static void fold_cp(out_t *o, int32_t cp)
{
    if (cp < 0x80) {
        char c = (char)cp;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            put_letter(o, &c, 1);
        else if (!is_apostrophe(cp))
            o->space = 1;
        return;
    }
    if (is_apostrophe(cp))
        return;
    const char *sp = special_letter(cp);
    if (sp) {
        put_letter(o, sp, strlen(sp));
        return;
    }
    utf8proc_int32_t buf[8];
    int bc = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(
        cp, buf, 8, UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE,
        &bc);
    if (k < 1 || k > 8) {
        o->space = 1;
        return;
    }
    for (utf8proc_ssize_t i = 0; i < k; i++) {
        int32_t c = buf[i];
        if (c < 0x80) {
            fold_cp(o, c);
            continue;
        }
        sp = special_letter(c);
        if (sp) {
            put_letter(o, sp, strlen(sp));
            continue;
        }
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
            char enc[4];
            int el = sr_utf8_encode((uint32_t)c, enc);
            put_letter(o, enc, (size_t)el);
        } else if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) {
            /* a mark left over: drop it */
        } else if (cat == UTF8PROC_CATEGORY_ND) {
            char enc[4];
            int el = sr_utf8_encode((uint32_t)c, enc);
            put_letter(o, enc, (size_t)el);
        } else {
            o->space = 1;
        }
    }
}

size_t geo_fold(const char *s, size_t n, char *out, size_t cap)
{
    out_t o = {out, cap, 0, 0};
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char b = u[i];
        /* ASCII letters and digits, the bulk of news text, directly */
        if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z')) {
            if (o.space && o.len)
                put_byte(&o, ' ');
            o.space = 0;
            put_byte(&o, (char)(b >= 'A' && b <= 'Z' ? b + 32 : b));
            i++;
            continue;
        }
        uint32_t cp;
        int l = sr_utf8_decode(u + i, n - i, &cp);
        if (l <= 0) {
            o.space = 1;
            i++;
            continue;
        }
        fold_cp(&o, (int32_t)cp);
        i += (size_t)l;
    }
    if (cap)
        out[o.len < cap ? o.len : cap - 1] = 0;
    return o.len;
}

/* ---- transliteration key ------------------------------------------------ */

/* The Arabic articles as transliterated: ad al an ar as at az, ed el en
 * er es et ez, ud ul un ur, and adh ash ath.  The second letters of
 * those of two letters, by their first: bit x - 'a' of the mask of a, e
 * or u. */
#define ART_BIT(x) (1u << ((x) - 'a'))
enum {
    ART_A = ART_BIT('d') | ART_BIT('l') | ART_BIT('n') | ART_BIT('r') | ART_BIT('s') |
            ART_BIT('t') | ART_BIT('z'),
    ART_E = ART_BIT('d') | ART_BIT('l') | ART_BIT('n') | ART_BIT('r') | ART_BIT('s') |
            ART_BIT('t') | ART_BIT('z'),
    ART_U = ART_BIT('d') | ART_BIT('l') | ART_BIT('n') | ART_BIT('r')
};

int geo_is_article(const char *w, size_t n)
{
    /* (asked of every word a key is made of, and of most of the words
     * recognition keys: a test of bits, not a walk through the list) */
    if (n < 2 || n > 3)
        return 0;
    unsigned x = (unsigned char)w[1] - 'a';
    uint32_t m = w[0] == 'a' ? ART_A : w[0] == 'e' ? ART_E : w[0] == 'u' ? ART_U : 0;
    if (x >= 26 || !(m >> x & 1))
        return 0;
    /* of three letters: "adh", "ash", "ath" */
    return n == 2 || (w[0] == 'a' && w[2] == 'h' && (w[1] == 'd' || w[1] == 's' || w[1] == 't'));
}

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* Abbreviated and full forms of a few name words index alike. */
static const char *word_alias(const char *w, size_t n)
{
    switch (n) {
    case 3: return !memcmp(w, "ste", 3) ? "st" : NULL;
    case 4: return !memcmp(w, "fort", 4) ? "ft" : NULL;
    case 5: return !memcmp(w, "saint", 5) ? "st" : !memcmp(w, "mount", 5) ? "mt" : NULL;
    case 6: return !memcmp(w, "sainte", 6) ? "st" : NULL;
    default: return NULL;
    }
}

/* What key_word writes for a letter that needs no look at its neighbours;
 * 0 for the letters that do (a c d e h p w y) and for anything else. */
static const char key_plain[256] = {
    ['b'] = 'b', ['f'] = 'f', ['g'] = 'g', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l',
    ['m'] = 'm', ['n'] = 'n', ['o'] = 'u', ['q'] = 'k', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
    ['u'] = 'u', ['v'] = 'v', ['x'] = 'x', ['z'] = 'z', ['0'] = '0', ['1'] = '1', ['2'] = '2',
    ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9'};

/* geo_key_word (geo_int.h).  One pass: each letter is rewritten
 * (q -> k, ch -> sh, ph -> f, vowels merged, ...) and then, against what is
 * already written, ai/ay/ei/ey read as one vowel and doubled letters
 * collapse.  Every key of a name passes here, at build and at lookup: it
 * is written for speed: the loop is made twice, `bounded` (a constant)
 * saying whether the word is long enough for the rewritten letters to
 * reach the cap, and the copy for short words counts nothing. */
static inline __attribute__((always_inline)) size_t key_word_loop(const char *w, size_t n,
                                                                  char *res, const int bounded)
{
    /* k counts the rewritten letters (before the collapse), capped as a
     * buffer of GEO_KEY_MAX would be; last is the last letter written,
     * which is also the last rewritten one. */
    size_t k = 0, r = 0;
    char last = 0;
#define KEY_PUT(ch)                                                        \
    do {                                                                   \
        char c_ = (ch);                                                    \
        if (bounded)                                                       \
            k++;                                                           \
        if (c_ != last) {                                                  \
            if (c_ == 'i' && last == 'a')                                  \
                res[r - 1] = 'i';                                          \
            else                                                           \
                res[r++] = c_;                                             \
            last = c_;                                                     \
        }                                                                  \
    } while (0)
    for (size_t i = 0; i < n && (!bounded || k + 2 < GEO_KEY_MAX); i++) {
        char c = w[i], pl = key_plain[(unsigned char)c];
        if (pl) {
            KEY_PUT(pl);
            continue;
        }
        char nx = i + 1 < n ? w[i + 1] : 0;
        switch (c) {
        case 'c':
            if (nx == 'k')
                break;
            if (nx == 'h') {
                KEY_PUT('s');
                KEY_PUT('h');
                i++;
                break;
            }
            KEY_PUT('c');
            break;
        case 'p':
            if (nx == 'h') {
                KEY_PUT('f');
                i++;
                break;
            }
            KEY_PUT('p');
            break;
        case 'd':
            if (nx == 'h' || nx == 'j') {
                KEY_PUT(nx == 'h' ? 'd' : 'j');
                i++;
                break;
            }
            KEY_PUT('d');
            break;
        case 'e':
            if (nx == 'h' && i + 2 == n && n > 3) {
                KEY_PUT('a');   /* -iyeh, -akeh: the ta marbuta written -eh */
                return r;
            }
            KEY_PUT('i');
            break;
        case 'a':
            if (nx == 'w' && (i + 2 >= n || !is_vowel(w[i + 2]))) {
                KEY_PUT('u');
                i++;
                break;
            }
            KEY_PUT('a');
            break;
        case 'w':
            if (last == 'u' && (i + 1 >= n || !is_vowel(nx)))
                break;   /* ow */
            KEY_PUT('w');
            break;
        case 'y': KEY_PUT(i + 1 < n && is_vowel(nx) ? 'y' : 'i'); break;
        case 'h':
            /* (i > 0 is k > 0: every letter but a c before k and a w
             * after u writes one, and neither can stand first and alone) */
            if (i + 1 == n && i > 0 && is_vowel(w[i - 1]) && n > 3)
                return r;   /* Hamah, Raqqah */
            KEY_PUT('h');
            break;
        default: KEY_PUT(c);
        }
    }
#undef KEY_PUT
    return r;
}

size_t geo_fused_article(const char *w, size_t n)
{
    if (n < 5 || (w[0] != 'a' && w[0] != 'e'))
        return 0;
    /* "Ezzor", "Arraqqa": by a doubled sun letter */
    if (w[1] == w[2] && strchr("tdrzsnl", w[1]))
        return 2;
    /* "Maaret Alnouman", "Deir Elkhair": al or el before a consonant */
    char c = w[2];
    return w[1] == 'l' && c >= 'a' && c <= 'z' && !strchr("aeioul", c) ? 2 : 0;
}

size_t geo_key_word(const char *w, size_t n, int inner, char *res)
{
    const char *al = word_alias(w, n);
    if (al) {
        w = al;
        n = strlen(al);
    }
    if (inner) {
        size_t f = geo_fused_article(w, n);
        w += f, n -= f;
    }
    /* (a letter rewrites to at most two: a short word never reaches the cap) */
    return 2 * n + 2 < GEO_KEY_MAX ? key_word_loop(w, n, res, 0) : key_word_loop(w, n, res, 1);
}

size_t geo_key_words(const char *f, size_t fl, int more, int emitted, char *out, size_t cap)
{
    if (fl >= GEO_KEY_MAX)
        fl = GEO_KEY_MAX - 1;
    out_t o = {out, cap, 0, 0};
    char res[GEO_KEY_MAX];
    size_t i = 0;
    while (i < fl && f[i] == ' ')
        i++;
    while (i < fl) {
        size_t st = i;
        int ascii = 1;
        while (i < fl && f[i] != ' ')
            ascii &= (unsigned char)f[i++] < 0x80;
        const char *p = f + st;
        size_t len = i - st;
        while (i < fl && f[i] == ' ')
            i++;
        /* An article before another word goes; a lone one stays. */
        if ((i < fl || more) && geo_is_article(p, len))
            continue;
        o.space = 1;
        if (ascii) {
            /* straight into out when it has room (the common case) */
            size_t at = o.len + (o.len > 0);
            if (at + len <= cap) {
                size_t r = geo_key_word(p, len, emitted, out + at);
                if (r) {
                    if (o.len)
                        out[o.len] = ' ';
                    o.len = at + r;
                }
            } else {
                size_t r = geo_key_word(p, len, emitted, res);
                if (r)
                    put_letter(&o, res, r);
            }
        } else {
            put_letter(&o, p, len);
        }
        emitted = 1;
    }
    if (cap)
        out[o.len < cap ? o.len : cap - 1] = 0;
    return o.len;
}

size_t geo_key(const char *s, size_t n, char *out, size_t cap)
{
    if (n > GEO_NAME_MAX) {
        if (cap)
            out[0] = 0;
        return 0;
    }
    char f[GEO_KEY_MAX];
    size_t fl = geo_fold(s, n, f, sizeof f);
    if (fl >= sizeof f)
        fl = sizeof f - 1;
    return geo_key_words(f, fl, 0, 0, out, cap);
}

uint64_t geo_fold_line(const char *f, size_t fl)
{
    char k[GEO_KEY_MAX];
    size_t kl = geo_key_words(f, fl, 0, 0, k, sizeof k);
    return kl && kl < sizeof k ? geo_hash64(k, kl) : geo_hash64(f, fl);
}

uint64_t geo_skeleton_hash(const char *s, size_t n)
{
    char t[GEO_KEY_MAX];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof t; i++)
        if (geo_fuzz_kept(s[i]))
            t[k++] = s[i];
    return geo_hash64(t, k);
}

uint16_t geo_exact_hash_folded(const char *f, size_t fl)
{
    return geo_exact_hash_of(geo_hash(f, fl));
}

uint8_t geo_loose_hash_hashed(const char *f, size_t fl, uint32_t hf)
{
    char d[GEO_KEY_MAX];
    /* most spellings double no letter: then they are their own collapse,
     * whose hash is the spelling's */
    size_t i = 1;
    while (i < fl && f[i] != f[i - 1])
        i++;
    uint32_t h = hf;
    if (i < fl || fl > sizeof d) {
        size_t k = 0;
        for (i = 0; i < fl && k < sizeof d; i++)
            if (!k || d[k - 1] != f[i])
                d[k++] = f[i];
        h = geo_hash(d, k);
    }
    return (uint8_t)(h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24));
}

uint8_t geo_loose_hash_folded(const char *f, size_t fl)
{
    return geo_loose_hash_hashed(f, fl, geo_hash(f, fl));
}

uint16_t geo_exact_hash(const char *s, size_t n)
{
    char f[GEO_KEY_MAX];
    size_t fl = n > GEO_NAME_MAX ? 0 : geo_fold(s, n, f, sizeof f);
    if (fl >= sizeof f)
        fl = sizeof f - 1;
    return geo_exact_hash_folded(f, fl);
}

uint8_t geo_loose_hash(const char *s, size_t n)
{
    char f[GEO_KEY_MAX];
    size_t fl = n > GEO_NAME_MAX ? 0 : geo_fold(s, n, f, sizeof f);
    if (fl >= sizeof f)
        fl = sizeof f - 1;
    return geo_loose_hash_folded(f, fl);
}

/* Four independent lanes of 8 bytes so checking a 30 MB file costs a few
 * milliseconds (the multiplies overlap). */
uint64_t geo_checksum(const unsigned char *p, size_t n)
{
    uint64_t h[4] = {0x9e3779b97f4a7c15ull ^ n, 0xc2b2ae3d27d4eb4full, 0x165667b19e3779f9ull,
                     0x27d4eb2f165667c5ull};
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        for (int l = 0; l < 4; l++) {
            uint64_t w;
            memcpy(&w, p + i + 8 * l, 8);
            h[l] = (h[l] ^ w) * 0xff51afd7ed558ccdull;
            h[l] ^= h[l] >> 29;
        }
    }
    uint64_t r = h[0] ^ (h[1] * 31) ^ (h[2] * 961) ^ (h[3] * 29791);
    for (; i < n; i++)
        r = (r ^ p[i]) * 0x100000001b3ull;
    return r ^ (r >> 32);
}

uint64_t geo_sample_sum(const unsigned char *p, size_t n)
{
    size_t nblk = (n + GEO_SAMPLE_BLOCK - 1) / GEO_SAMPLE_BLOCK;
    if (nblk <= GEO_SAMPLE_BLOCKS)
        return geo_checksum(p, n);
    uint64_t r = 0x84222325cbf29ce4ull ^ n;
    for (size_t k = 0; k < GEO_SAMPLE_BLOCKS; k++) {
        /* blocks 0 .. nblk-1 at even steps; k = last gives the last block */
        size_t b = (size_t)((uint64_t)k * (nblk - 1) / (GEO_SAMPLE_BLOCKS - 1));
        size_t off = b * GEO_SAMPLE_BLOCK, len = n - off < GEO_SAMPLE_BLOCK ? n - off : GEO_SAMPLE_BLOCK;
        r = (r ^ geo_checksum(p + off, len)) * 0x100000001b3ull;
    }
    return r ^ (r >> 29);
}

void geo_seal(unsigned char *file, size_t n)
{
    gz_header h;
    memcpy(&h, file, sizeof h);
    h.sum_full = geo_checksum(file + sizeof h, n - sizeof h);
    h.sum_sample = geo_sample_sum(file + sizeof h, n - sizeof h);
    h.sum_header = 0;
    h.sum_header = geo_checksum((const unsigned char *)&h, sizeof h);
    memcpy(file, &h, sizeof h);
}

size_t sr_geo_key(const char *name, size_t n, char *out, size_t cap)
{
    return geo_key(name, n, out, cap);
}

/* The consonants of key k[0..n) that geo_fuzz_kept keeps, spaces left out,
 * into s (room for n); returns their number. */
static size_t key_skeleton(const char *k, size_t n, char *s)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (k[i] != ' ' && geo_fuzz_kept(k[i]))
            s[m++] = k[i];
    return m;
}

int geo_key_spells_name(const char *k, size_t kl, const char *name)
{
    char kb[GEO_KEY_MAX], sa[GEO_KEY_MAX], sb[GEO_KEY_MAX];
    size_t nl = strlen(name);
    if (nl > GEO_NAME_MAX || kl >= sizeof kb)
        return 1;   /* (too long to tell: taken as one) */
    size_t bl = geo_key(name, nl, kb, sizeof kb);
    if (bl >= sizeof kb)
        return 1;
    size_t a = key_skeleton(k, kl, sa), b = key_skeleton(kb, bl, sb);
    if (!a || !b)
        return a == b;
    /* one inside the other: "Urfa" of Sanliurfa, "Fallujah" of Al Fallujah */
    const char *lo = a <= b ? sa : sb, *hi = a <= b ? sb : sa;
    size_t nlo = a <= b ? a : b, nhi = a <= b ? b : a;
    if (nlo >= 2)
        for (size_t i = 0; i + nlo <= nhi; i++)
            if (!memcmp(hi + i, lo, nlo))
                return 1;
    /* else a few edits apart (Levenshtein, one row) */
    if (nhi - nlo > 2)
        return 0;
    size_t row[GEO_KEY_MAX + 1];
    for (size_t j = 0; j <= b; j++)
        row[j] = j;
    for (size_t i = 1; i <= a; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b; j++) {
            size_t up = row[j];
            size_t best = diag + (sa[i - 1] != sb[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[b] <= 1 || 3 * row[b] <= nhi;
}
