/* Private to src/geo: the compiled gazetteer's file layout, the loaded
 * handle, the name keys and the per-document structures. */
#ifndef SR_GEO_INT_H
#define SR_GEO_INT_H

#include "sr_geo.h"

#include <string.h>

/* ---- file layout ---------------------------------------------------------
 *
 * One file, native byte order (the header records it), every section 8-byte
 * aligned and addressed by offset so the file is used in place through mmap.
 * Every offset and index read from it is checked before use, so a file that
 * passes the header checks but is otherwise damaged gives wrong answers,
 * never a crash (the fuzz target holds us to that). */

#define GZ_MAGIC "SRGAZ\x1a\r\n"
#define GZ_VERSION 19u
#define GZ_BYTE_ORDER 0x01020304u
#define GZ_NONE 0xffffffffu

typedef struct gz_header {
    char magic[8];
    uint32_t version;
    uint32_t byte_order;
    uint64_t file_size;
    uint64_t sum_header;   /* geo_checksum of this header with sum_header zero */
    uint64_t sum_sample;   /* geo_sample_sum of bytes [sizeof header, file_size) */
    uint64_t sum_full;     /* geo_checksum of bytes [sizeof header, file_size) */
    uint32_t nrec, nadm, npost;
    uint32_t nkbucket;     /* buckets of the key table, a power of two */
    uint32_t nkey;         /* distinct keys (the key table holds them; for statistics) */
    uint32_t pad;
    uint32_t nwbucket;     /* buckets of the word table, a power of two */
    uint32_t nname;        /* (key, place) pairs (for statistics) */
    uint64_t nword, nstr;  /* words (for statistics); bytes of the string pool */
    uint64_t off_rec, off_adm, off_key, off_post, off_word, off_str;
    uint32_t nfidx;        /* buckets of the spelling index, a power of two */
    uint32_t nfent;        /* its entries: one a key */
    uint64_t off_fidx, off_fent;
} gz_header;

/* gz_rec.flags: the supplement's, coordinates computed by the build, a
 * parent in another country (GZ_ABROAD: no valid file has one, but
 * scoring must not read the parent's record to know), and in bits 4-6 the
 * SR_GEO_LEVEL_* (worked out once by the build). */
enum { GZ_SUPP = 1, GZ_DERIVED = 2, GZ_ABROAD = 8, GZ_LEVEL_SHIFT = 4, GZ_LEVEL_MASK = 0x70 };

typedef struct gz_rec {
    uint32_t id;        /* GeoNames id, or the supplement's own number */
    int32_t lat, lon;   /* degrees * 1e5 */
    uint32_t pop;
    uint32_t name;      /* string offset */
    uint32_t adm;       /* admin1 index or GZ_NONE */
    uint32_t parent;    /* record index of the enclosing place, or GZ_NONE */
    uint32_t country;   /* record index of the country, or GZ_NONE */
    char cc[2];
    char fclass;
    uint8_t flags;
    char fcode[8];      /* NUL-padded */
    float prior;        /* geo_prior_base, worked out once by the build */
    /* The record fills a cache line: disambiguation reads nearly every
     * field of every candidate's record (resolve.c), and the records lie
     * all over the table; at 48 bytes three in four straddled two lines.
     * The rest of the line holds the name again when it is shorter than
     * 16 bytes (most are; else all zero), so that a place's output reads
     * it from the line its record is in, not from the string pool. */
    char name_in[16];
} gz_rec;
_Static_assert(sizeof(gz_rec) == 64, "a record is one cache line (the section is aligned to 64)");

typedef struct gz_adm {
    char cc[2];
    uint8_t pad[2];
    uint32_t code;      /* string offset: "SY.13" */
    uint32_t name;      /* display name */
    uint32_t rec;       /* the ADM1 record, or GZ_NONE */
} gz_adm;

/* The spelling index, for the one-edit variants of a name that matched
 * nothing (find.c): every key by its skeleton -- the key without the
 * letters GEO_FUZZ_ALPHA, which the variants add, drop and swap -- so
 * that the variants of a name, which mostly share a skeleton, read a few
 * cache lines instead of one bucket of the key table each.  Bucket b
 * (the top bits of the skeleton's geo_hash64) holds the fingerprints
 * (geo_fuzz_print) of its keys at fent[fidx[b] .. fidx[b + 1]).  It only
 * turns variants away: one that passes is looked up as any key. */
#define GEO_FUZZ_ALPHA "aiuhwy"
static inline int geo_fuzz_kept(char c)
{
    return c != 'a' && c != 'i' && c != 'u' && c != 'h' && c != 'w' && c != 'y';
}
static inline uint16_t geo_fuzz_print(uint64_t keyhash) { return (uint16_t)(keyhash >> 48); }
/* geo_hash64 of the skeleton of s[0..n) (key.c). */
uint64_t geo_skeleton_hash(const char *s, size_t n);

/* How a name reached the index: GeoNames' main and ASCII names, sitrep's
 * own variants (supplement, countries, admin1 files), GeoNames alternates
 * (unlabelled, so only their exact spelling is trusted), abbreviations,
 * codes and demonyms; and an admin area's name shortened by the build
 * ("Gaza" of "Gaza Province"), which no source gives as a name. */
enum { GZP_NAME = 0, GZP_ASCII = 1, GZP_VARIANT = 2, GZP_ALT = 3, GZP_ABBR = 4, GZP_CODE = 5,
       GZP_DEMONYM = 6, GZP_SHORT = 7 };

typedef struct gz_post {
    uint32_t rec;
    uint16_t exact;     /* geo_exact_hash of the indexed spelling */
    uint8_t kind;
    uint8_t loose;      /* geo_loose_hash of it: "Raqa" for "Raqqa" */
} gz_post;

/* The key table: nkbucket buckets of one cache line, each of GZ_KBUCKET
 * keys.  A key of geo_hash64 h lies in the bucket of the top bits of h
 * (its home) or, when that was full, up to `reach` buckets further: a
 * lookup reads the home's line and, for the few keys (and non-keys) of a
 * home that overflowed, the next lines.  A key is held as a 32-bit tag,
 * the low half of h (0 means empty), with its postings: the one posting
 * itself (most keys have one; bit i of `one` says so) or where they lie
 * in post[].  Keys go in hottest first, so the keys stories name most
 * lie at home.  A key that passed the key filter (in the word table)
 * costs one line, mostly (a table of 16-byte slots probed linearly, 7
 * keys in 8, took two).
 * False positives: text that is no key but passes the filter (about 2
 * lookups in a thousand) shares a tag with a key of its home's line with
 * a chance of 2^-32 a key there (about 3.5): one lookup in some five
 * hundred billion finds postings it should not; the build refuses two
 * keys of one tag within reach of one lookup. */
#define GZ_KBUCKET 5
typedef struct gz_kbucket {
    uint32_t tag[GZ_KBUCKET];
    uint8_t one;        /* bit i: v[i] is the one posting of key i */
    uint8_t reach;      /* keys of this home lie up to this many buckets on */
    uint8_t pad[2];
    union {
        gz_post one;
        struct {
            uint32_t first, n;   /* post[first .. first + n) */
        } many;
    } v[GZ_KBUCKET];
} gz_kbucket;
static inline uint32_t geo_key_tag(uint64_t h)
{
    uint32_t t = (uint32_t)h;
    return t ? t : 1;
}
static inline size_t geo_key_bucket(uint64_t h, uint32_t nbucket)
{
    int bits = __builtin_ctz(nbucket);
    return bits ? (size_t)(h >> (64 - bits)) : 0;
}

/* The word table: common English words (sr_geo_builder_word), capitalised
 * dictionary words -- names -- and the first words of the keys of several
 * words, as 32-bit entries: a fingerprint of the word's geo_hash64 h (bits
 * 5-31, geo_word_print for a first word, geo_fold_print for a folded word,
 * so the two never answer for each other) and what the word is (GZ_W_*:
 * for a first word, how many words the longest key it opens has, 2 to
 * GZ_W_PREFIX_MAX, the last meaning "or more").  The entries lie in
 * nwbucket buckets of one cache line, an entry in the bucket of the top
 * bits of its line hash or, when that is full, the next one that is not:
 * a lookup reads one line (a sorted table with an index of its buckets
 * took two dependent misses).  A first word's line hash is its own h; a
 * folded word's is that of its key (geo_fold_line), so that asking
 * whether a capitalised word is a common word or a name reads the line
 * its lookup as a key has read (with the word's own h, 17 of a story's
 * 69 lines of this table were read for that alone).  An entry's 0 means
 * empty; a bucket's entries are packed from its start.
 * The rest of the line is the key filter: a blocked Bloom filter of every
 * key, the key of geo_hash64 h setting GZ_FILTER_K bits (geo_filter_bit)
 * of the bloom of h's bucket, so that most lookups of word sequences that
 * name nothing read one line and no more.  A word and the key spelled as
 * it share the line: the lookup of a word alone as a key, which mostly
 * follows the question of how long the names it opens are, finds the
 * line in cache (a separate filter cost a miss of its own).
 * False positives: a word the table lacks matches an entry of its bucket
 * (about 4 filled, of 8) with a chance of 2^-27 each, so one lookup in
 * about 35 million says yes wrongly -- a word in some hundred thousand
 * documents taken for a common word or a name; the build refuses two
 * words of one fingerprint within reach of one lookup.  The filter lets
 * about 2 in a thousand lookups of no key through (some 14 keys a
 * bucket, 18 bits each). */
#define GZ_WBUCKET 8
#define GZ_FILTER_K 5
typedef struct gz_wbucket {
    uint32_t e[GZ_WBUCKET];
    uint64_t bloom[4];
} gz_wbucket;
enum { GZ_W_WORD = 1, GZ_W_NAME = 2, GZ_W_PREFIX_SHIFT = 2, GZ_W_PREFIX_MAX = 7,
       GZ_W_PAYLOAD = 31 };
static inline uint32_t geo_word_print(uint64_t h)
{
    uint32_t f = (uint32_t)h & ~(uint32_t)GZ_W_PAYLOAD;
    return f ? f : GZ_W_PAYLOAD + 1;   /* never 0: that is an empty entry */
}
static inline size_t geo_word_bucket(uint64_t h, uint32_t nbucket)
{
    int bits = __builtin_ctz(nbucket);
    return bits ? (size_t)(h >> (64 - bits)) : 0;
}
/* A folded word's fingerprint: its geo_word_print, some bits flipped. */
static inline uint32_t geo_fold_print(uint64_t h)
{
    return geo_word_print(h ^ 0x5bd1e99560000000ull);
}
/* geo_word_info and the rest of the word table's questions: under
 * "lookups" below. */
/* Cue words (prepositions, titles, type words...) with their flags, built
 * once when the gazetteer is opened; see find.c.  Every token recognition
 * looks at asks, so the table is small and a question reads one cache
 * line: GEO_LEX_LINES lines (16 KB) of GEO_LEX_WAYS words each, a word in
 * the line of its hash or, when that is full, the next one that is not.
 * A word is held as its first eight bytes (zero-padded) and its length,
 * compared at once; the rest of a longer word (its last eight bytes, and
 * bytes 8-15 of one longer than 16) lies apart, read only when those
 * match.  (A table of 2,048 tags with the words in a
 * second array read two or three lines of 66 KB a question, which the
 * other stages pushed out of the caches between documents.) */
#define GEO_LEX_LINES 256
#define GEO_LEX_WAYS 5
#define GEO_LEX_WORD 24
#define GEO_LEX_PRE (1 << 12)
typedef struct geo_lex_line {
    uint64_t w[GEO_LEX_WAYS];      /* the word's first 8 bytes */
    uint32_t meta[GEO_LEX_WAYS];   /* LX_* flags | length << 24 */
    uint32_t used;                 /* ways filled, from the first */
} geo_lex_line;
typedef struct geo_lex {
    _Alignas(64) geo_lex_line line[GEO_LEX_LINES];
    size_t conn_max;   /* the longest connector (LX_CONN), in bytes */
    /* bit n of conn_shape[x - 'a']: a connector of n bytes starts with x
     * (every connector is lower-case ASCII letters) */
    uint8_t conn_shape[26];
    /* the rest of a word longer than 8, by line * GEO_LEX_WAYS + way */
    uint64_t tail[GEO_LEX_LINES * GEO_LEX_WAYS][2];
    /* bit geo_lex_pre_bit of each word's length, first and last byte:
     * most words asked for (names, most lower-case words) are in no
     * list, and this says so from the bytes at hand, before the word's
     * first eight bytes are gathered and its line is searched */
    uint64_t pre[GEO_LEX_PRE / 64];
} geo_lex;
/* (a hash of the three into GEO_LEX_PRE bits, some 650 of them set: a
 * bit shared only lets more through) */
static inline unsigned geo_lex_pre_bit(const char *w, size_t n)
{
    uint32_t x = (uint32_t)n << 16 | (uint32_t)(unsigned char)w[0] << 8 | (unsigned char)w[n - 1];
    return (x * 0x9e3779b1u) >> (32 - 12);
}
/* The first 8 bytes of w[0..n) (n >= 1), zero-padded, without reading
 * past them: two overlapping loads put each byte where it belongs. */
static inline uint64_t geo_lex_w8(const char *w, size_t n)
{
    uint64_t x;
    if (n >= 8) {
        memcpy(&x, w, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, w, 4);
        memcpy(&b, w + n - 4, 4);
        x = a | (uint64_t)b << (8 * (n - 4));
    } else {
        const unsigned char *u = (const unsigned char *)w;
        x = u[0] | (uint64_t)u[n / 2] << (8 * (n / 2)) | (uint64_t)u[n - 1] << (8 * (n - 1));
    }
    return x;
}
/* The rest of w[0..n) (n > 8) matches tail t. */
static inline int geo_lex_tail_eq(const uint64_t *t, const char *w, size_t n)
{
    uint64_t last, mid = 0;
    memcpy(&last, w + n - 8, 8);
    if (n > 16)
        memcpy(&mid, w + 8, 8);
    return last == t[0] && mid == t[1];
}
static inline unsigned geo_lex_home(uint64_t w8, size_t n)
{
    return (unsigned)(((w8 ^ n) * 0x9e3779b97f4a7c15ull) >> 56) & (GEO_LEX_LINES - 1);
}

/* Cue-word flags, from lexicon.c. */
enum {
    LX_STOP = 1 << 0, LX_CAL = 1 << 1, LX_TITLE = 1 << 2, LX_ADM1 = 1 << 3, LX_ADM2 = 1 << 4,
    LX_TOWN = 1 << 5, LX_ORG = 1 << 6, LX_STREET = 1 << 7, LX_QUAL = 1 << 8, LX_CONN = 1 << 9,
    LX_PREP = 1 << 10, LX_OFNOUN = 1 << 11, LX_SKIP = 1 << 12, LX_COMPASS = 1 << 13,
    LX_PLACEPREP = 1 << 14, LX_SEAT = 1 << 15, LX_KIN = 1 << 16, LX_SPEECH = 1 << 17,
    LX_EVENT = 1 << 18, LX_PART = 1 << 19, LX_NUM = 1 << 20
};

void geo_lexicon_build(geo_lex *lx);
/* Flags of the lower-case word w[0..n) (a final period ignored), 0 if none:
 * inline, as every token recognition looks at asks (always: with the
 * filter's test GCC made it a call, which cost more than it saved). */
static inline __attribute__((always_inline)) uint32_t geo_lex_flags(const geo_lex *lx, const char *w,
                                                                     size_t n)
{
    if (n && w[n - 1] == '.')
        n--;
    if (!n || n > GEO_LEX_WORD)
        return 0;
    unsigned pb = geo_lex_pre_bit(w, n);
    if (!(lx->pre[pb >> 6] >> (pb & 63) & 1))
        return 0;
    uint64_t x = geo_lex_w8(w, n);
    /* (the table is never full: a line with room ends every search) */
    for (unsigned b = geo_lex_home(x, n);; b = (b + 1) & (GEO_LEX_LINES - 1)) {
        const geo_lex_line *l = &lx->line[b];
        /* (an empty way holds 0, which no word's first bytes are with
         * its length: a word of NUL bytes has no entry's length) */
        for (int i = 0; i < GEO_LEX_WAYS; i++)
            if (l->w[i] == x && l->meta[i] >> 24 == n &&
                (n <= 8 || geo_lex_tail_eq(lx->tail[b * GEO_LEX_WAYS + i], w, n)))
                return l->meta[i] & 0xffffffu;
        if (l->used < GEO_LEX_WAYS)
            return 0;
    }
}


struct sr_geo {
    const unsigned char *base;
    size_t size;
    int mapped;         /* base came from mmap (else owned malloc copy or borrowed) */
    int owned;
    const gz_header *h;
    const gz_rec *rec;
    const gz_adm *adm;
    const gz_kbucket *key;
    const gz_post *post;
    const gz_wbucket *word;
    const char *str;
    const uint32_t *fidx;
    const uint16_t *fent;
    uint64_t serial;    /* this opening's number (never 0): what a per-thread
                         * cache of its answers is tagged with (find.c) */
    geo_lex lex;
};

/* ---- name keys (key.c) ------------------------------------------------- */

/* Longest span (bytes) considered a place name; longer text is not one. */
#define GEO_NAME_MAX 160
/* Room for a key of a GEO_NAME_MAX name (folding can grow a letter to 3). */
#define GEO_KEY_MAX (GEO_NAME_MAX * 3 + 8)

/* Folds s[0..n) to lower-case words of ASCII letters and digits separated by
 * single spaces: marks stripped, ligatures and special letters spelled out,
 * apostrophes and ayn/hamza signs dropped, anything else a word break.
 * Letters of other scripts are kept, case-folded, as UTF-8.  Writes at most
 * cap bytes plus a NUL; returns the length the full result needs. */
size_t geo_fold(const char *s, size_t n, char *out, size_t cap);
/* The matching key: geo_fold, then Arabic articles dropped (al-, el-, ad-,
 * ar-, as-, ash-, az-, ...), spelling variants merged (ou/oo/u, ee/ei/i,
 * q/k, dh/d, ch/sh, aw/ow before a consonant, final -eh/-ah), doubled
 * letters collapsed.  Same contract as geo_fold. */
size_t geo_key(const char *s, size_t n, char *out, size_t cap);
/* The key of folded words f[0..fl) when they are part of a longer name:
 * `more` says words follow (a final article is dropped), `emitted` that
 * words precede (a fused article is stripped).  The key of a name is the
 * keys of its parts joined by single spaces, empty parts left out. */
size_t geo_key_words(const char *f, size_t fl, int more, int emitted, char *out, size_t cap);
/* The key form of one lower-case ASCII word w[0..n) into res (room for n
 * bytes; a key word is never longer), returning its length; `inner` says
 * a word precedes it (a fused article is stripped only there). */
size_t geo_key_word(const char *w, size_t n, int inner, char *res);
/* w[0..n) is an Arabic article ("al", "el", "ash", ...). */
int geo_is_article(const char *w, size_t n);
/* The letters of an article fused to word w[0, n) of a name after its first
 * word ("Ezzor", "Arraqqa", "Alnouman"), 2, else 0 (key.c). */
size_t geo_fused_article(const char *w, size_t n);
/* Key k[0..kl) spells the place name `name` another way ("Kiev" Kyiv,
 * "Fallujah" Al Fallujah, "Bombay" Mumbai: their consonants alike, or
 * one's inside the other's), rather than being a name of its own
 * ("Molotov", an old name of Perm): of GeoNames' unlabelled alternates,
 * those are transliterations, these former, foreign or other names. */
int geo_key_spells_name(const char *k, size_t kl, const char *name);
/* 16-bit hash of geo_fold's result: tells an exact spelling from a variant. */
uint16_t geo_exact_hash(const char *s, size_t n);
/* 8-bit hash of geo_fold's result with doubled letters collapsed. */
uint8_t geo_loose_hash(const char *s, size_t n);
/* The same two of text already folded. */
uint16_t geo_exact_hash_folded(const char *f, size_t fl);
uint8_t geo_loose_hash_folded(const char *f, size_t fl);
/* Eight bytes at a time: keys and words are short, and hashing them is a
 * good part of every lookup. */
static inline uint64_t geo_hash64(const char *s, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ ((uint64_t)n * 0x100000001b3ull);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
    }
    /* the last 1 to 7 bytes in two overlapping reads, as wyhash does (the
     * length, mixed in above, tells apart what the overlap might not) */
    size_t r = n - i;
    if (r) {
        const unsigned char *t = (const unsigned char *)s + i;
        uint64_t w;
        if (r >= 4) {
            uint32_t a, b;
            memcpy(&a, t, 4);
            memcpy(&b, t + r - 4, 4);
            w = a | (uint64_t)b << 32;
        } else {
            w = (uint64_t)t[0] | (uint64_t)t[r / 2] << 8 | (uint64_t)t[r - 1] << 16;
        }
        h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
        h ^= h >> 29;
    }
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
}

/* A 32-bit hash from geo_hash64's h (never 0). */
static inline uint32_t geo_hash_of(uint64_t h)
{
    uint32_t r = (uint32_t)(h ^ (h >> 32));
    return r ? r : 1;   /* (0 may mean "none" to a caller) */
}

static inline uint32_t geo_hash(const char *s, size_t n) { return geo_hash_of(geo_hash64(s, n)); }

/* geo_exact_hash_folded of a folded spelling whose geo_hash is h, and its
 * geo_loose_hash_folded (key.c): a spelling's two hashes from one. */
static inline uint16_t geo_exact_hash_of(uint32_t h) { return (uint16_t)(h ^ (h >> 16)); }
uint8_t geo_loose_hash_hashed(const char *f, size_t fl, uint32_t h);

/* The GZ_FILTER_K bit numbers (0..255) of a key of geo_hash64 h in its
 * bucket's bloom: bits of h times an odd constant, which the bucket (the
 * top bits of h) and the fingerprints (the low half) leave free to vary. */
static inline unsigned geo_filter_bit(uint64_t h, int i)
{
    return (unsigned)((h * 0x9e3779b97f4a7c15ull) >> (24 + 8 * i)) & 255;
}

uint64_t geo_checksum(const unsigned char *p, size_t n);
/* A checksum of GEO_SAMPLE_BLOCKS blocks of GEO_SAMPLE_BLOCK bytes spread
 * evenly over p[0..n), the last block always among them: every byte of a
 * file up to a quarter megabyte, a fixed sample of a larger one.  What it
 * cannot see, the bounds checks behind every access make harmless. */
#define GEO_SAMPLE_BLOCK 4096u
#define GEO_SAMPLE_BLOCKS 64u
uint64_t geo_sample_sum(const unsigned char *p, size_t n);
/* The three sums of a file whose header is otherwise complete. */
void geo_seal(unsigned char *file, size_t n);

/* ---- lookups (gazetteer.c) ------------------------------------------------ */

/* Maps bytes already in memory; GEO_OPEN_NOSUM skips the sums so the fuzz
 * target can reach the checks behind them. */
enum { GEO_OPEN_NOSUM = 1 };
int geo_open_mem(const void *data, size_t len, unsigned flags, sr_geo **out, sr_error *err);

const gz_post *geo_lookup(const sr_geo *g, const char *key, size_t klen, size_t *n);
/* The same for the key whose geo_hash64 is h. */
const gz_post *geo_lookup_hashed(const sr_geo *g, uint64_t h, size_t *n);
/* The GZ_W_* of the entry of fingerprint fp in the line of line hash lh,
 * 0 when the table lacks it (the word table, above). */
static inline unsigned geo_word_info_at(const sr_geo *g, uint64_t lh, uint32_t fp)
{
    uint32_t nb = g->h->nwbucket;
    size_t b = geo_word_bucket(lh, nb);
    for (uint32_t probes = 0; probes < nb; probes++, b = (b + 1) & (nb - 1)) {
        const uint32_t *e = g->word[b].e;
        for (int i = 0; i < GZ_WBUCKET; i++) {
            if (!e[i])
                return 0;
            if ((e[i] & ~(uint32_t)GZ_W_PAYLOAD) == fp)
                return e[i] & GZ_W_PAYLOAD;
        }
    }
    return 0;
}
/* The GZ_W_* of the key word s[0..n) (a first word), 0 if none. */
static inline unsigned geo_word_info(const sr_geo *g, const char *s, size_t n)
{
    uint64_t h = geo_hash64(s, n);
    return geo_word_info_at(g, h, geo_word_print(h));
}
/* The line hash of the folded word f[0..fl): the geo_hash64 of its key
 * (geo_key_words, a word alone), or of f itself when that is empty
 * (key.c). */
uint64_t geo_fold_line(const char *f, size_t fl);
/* The GZ_W_WORD and GZ_W_NAME of the folded word f[0..fl) (0 if none),
 * its line hash lh known or worked out. */
static inline unsigned geo_fold_info_at(const sr_geo *g, uint64_t lh, const char *f, size_t fl)
{
    return geo_word_info_at(g, lh, geo_fold_print(geo_hash64(f, fl)));
}
unsigned geo_fold_info(const sr_geo *g, const char *f, size_t fl);
static inline int geo_is_word(const sr_geo *g, const char *folded, size_t n)
{
    return (geo_fold_info(g, folded, n) & GZ_W_WORD) != 0;
}
static inline int geo_is_name(const sr_geo *g, const char *folded, size_t n)
{
    return (geo_fold_info(g, folded, n) & GZ_W_NAME) != 0;
}
/* The most words (2 to GZ_W_PREFIX_MAX, the last meaning "or more") of a
 * key of several words that starts with the key word w[0..n); 0 when no
 * such key starts with it. */
static inline int geo_prefix_words(const sr_geo *g, const char *w, size_t n)
{
    return (int)(geo_word_info(g, w, n) >> GZ_W_PREFIX_SHIFT);
}
/* Asks for the filter bits of a key of geo_hash64 h ahead of its lookup. */
static inline void geo_prefetch_filter(const sr_geo *g, uint64_t h)
{
    __builtin_prefetch(&g->word[geo_word_bucket(h, g->h->nwbucket)]);
}
/* The key filter may hold the key of geo_hash64 h (a lookup would go on
 * to the key table). */
int geo_filter_may(const sr_geo *g, uint64_t h);
/* The same asked of the line of line hash lh: a key of several words is
 * also in the filter of its first word's line (geo_hash64 of the first
 * word), which recognition has read already. */
static inline int geo_filter_may_at(const sr_geo *g, uint64_t lh, uint64_t h)
{
    const uint64_t *fb = g->word[geo_word_bucket(lh, g->h->nwbucket)].bloom;
    for (int f = 0; f < GZ_FILTER_K; f++) {
        unsigned bit = geo_filter_bit(h, f);
        if (!(fb[bit >> 6] >> (bit & 63) & 1))
            return 0;
    }
    return 1;
}
/* ... and its home bucket. */
static inline void geo_prefetch_key(const sr_geo *g, uint64_t h)
{
    __builtin_prefetch(&g->key[geo_key_bucket(h, g->h->nkbucket)]);
}
/* Checked accessors: an index or offset out of range gives NULL or "". */
static inline const gz_rec *geo_rec(const sr_geo *g, uint32_t i)
{
    return i < g->h->nrec ? &g->rec[i] : NULL;
}
static inline const char *geo_str(const sr_geo *g, uint32_t off)
{
    return off < g->h->nstr ? g->str + off : "";
}
/* The record's name: its copy in the record's line when it has one (a
 * damaged file's copy without its NUL is not used). */
static inline const char *geo_rec_name(const sr_geo *g, const gz_rec *r)
{
    return r->name_in[0] && !r->name_in[sizeof r->name_in - 1] ? r->name_in : geo_str(g, r->name);
}
/* The record's feature code is the string literal code (at most eight
 * letters): eight bytes against it padded with NULs, as the build writes
 * the field -- one comparison of two words. */
#define geo_fcode_is(r, code) (!memcmp((r)->fcode, code "\0\0\0\0\0\0\0\0", 8))
static inline const gz_adm *geo_adm(const sr_geo *g, uint32_t i)
{
    return i < g->h->nadm ? &g->adm[i] : NULL;
}
double geo_km(double lat1, double lon1, double lat2, double lon2);
/* The spelling-index bucket of s[0..n) (a key or a variant of one). */
uint32_t geo_fuzz_bucket(const sr_geo *g, const char *s, size_t n);
/* ... and of the skeleton whose geo_hash64 is sh. */
static inline uint32_t geo_fuzz_bucket_hashed(const sr_geo *g, uint64_t sh)
{
    int bits = __builtin_ctz(g->h->nfidx);
    return bits ? (uint32_t)(sh >> (64 - bits)) : 0;
}
/* Some key of bucket b may have the geo_hash64 h. */
int geo_fuzz_may(const sr_geo *g, uint32_t b, uint64_t h);

/* ---- one document (find.c recognises, resolve.c decides) ----------------- */

/* Place cues around a mention. */
enum {
    CUE_PREP = 1,        /* "in X", "near X", "outskirts of X" */
    CUE_TYPE_ADM1 = 2,   /* "X province", "X governorate", "X state" */
    CUE_TYPE_ADM2 = 4,   /* "X district", "X county" */
    CUE_TYPE_TOWN = 8,   /* "X city", "X village", "X camp", "X neighbourhood" */
    CUE_OF = 16,         /* "University of X": inside a name after "of" */
    CUE_SAID = 32,       /* "X said": a capital standing for a government */
    CUE_LIST = 64,       /* in a list or "X, Y" pair with other places */
    CUE_HOLDS = 128,     /* Y of "X, Y": it holds X, no list of alike places */
    CUE_WHERE = 256,     /* "in X", "near X", "shelled X": a preposition or verb
                            that takes only places (not "for X", "with X") */
    CUE_FROM = 512,      /* "from X", "from the besieged towns of X": where
                            people or things came from */
    CUE_TYPE_PART = 1024, /* "X neighbourhood", "X quarter": a part of a town,
                            found in the country the story is about */
    CUE_MOVED = 2048     /* "evacuees from X", "displaced from X": where people
                            who moved came from */
};

/* The cues that say a place is meant whatever the name ("in", "province"). */
#define STRONG_CUES (CUE_PREP | CUE_TYPE_ADM1 | CUE_TYPE_ADM2 | CUE_TYPE_TOWN)

typedef struct gcand {
    uint32_t rec;
    uint8_t kind;        /* best GZP_* among its postings */
    uint8_t exact;       /* the mention spells one of its names exactly */
    uint8_t fuzzy;
    uint8_t loose;       /* spelled as the name but for doubled letters */
    uint8_t altvar;      /* a variant of a GeoNames alternate ("Efrin"):
                            kept only where a place is all but certain */
    uint8_t other;       /* reached by a GeoNames alternate that is no
                            spelling of its name ("Molotov", Perm): 2, one
                            that is: 1, not yet asked (resolve.c): 0 */
    float prior;
    float score;
} gcand;

typedef struct gment {
    size_t start, end;   /* bytes */
    size_t tok0, tok1;   /* tokens [tok0, tok1) */
    size_t sent;
    gcand *c;
    uint32_t nc;
    int best;            /* index into c, -1 when none */
    int role;            /* SR_GEO_* role, or -1 rejected */
    unsigned cue;
    int container;       /* mention that encloses it ("X, Y", "X of Y"), -1 */
    int far;             /* ... said further off ("X, held by IS, in Y"): weaker */
    int nearby;          /* mention it is said to be near, -1 */
    unsigned flags;      /* SR_GEO_F_* */
    int single_common;   /* one token that is also a common English word */
    int person_like;     /* its word ends a person's name elsewhere in the text */
    int plural;          /* "Syrians": a people, counted for the focus, not listed */
    float conf;
    float sup;           /* support of its best entry (score_all) */
    char key[48];        /* its key (truncated), for coreference */
    uint64_t keyhash;    /* geo_hash64 of key */
} gment;

struct sr_geo_doc {
    const sr_geo *g;
    const char *text;
    size_t len;
    gment *m;
    size_t nm;
    sr_geo_place *all;     /* every accepted mention, any role, text order */
    size_t nall;
    int all_unsorted;      /* all is not in order of start (then scanned whole) */
    size_t *paren;         /* bytes of the text's "(" in order (places.c in_remark) */
    size_t nparen;
    sr_geo_place *listed;  /* what sr_geo_doc_places returns */
    size_t nlisted;
    sr_geo_place focus;
    int has_focus;
    char focus_cc[3];
    /* The main places of each country and admin1 area the document names:
     * every place with its vote (see choose_focus), best first. */
    sr_geo_place *voted;
    float *vote;
    size_t nvoted;
};

/* find.c: recognition into d->m (roles and cues set, candidates listed). */
int geo_recognise(sr_geo_doc *d, sr_arena *a, const sr_text *t);
/* resolve.c: scores candidates, sets best, conf, focus and the place lists. */
int geo_resolve(sr_geo_doc *d, sr_arena *a, const sr_geo_opts *opts);
/* The SR_GEO_LEVEL_* of a record, as the build stored it. */
static inline int geo_level(const gz_rec *r)
{
    int lv = (r->flags & GZ_LEVEL_MASK) >> GZ_LEVEL_SHIFT;
    return lv > SR_GEO_LEVEL_LOCAL ? SR_GEO_LEVEL_LOCAL : lv;
}
/* ... and as the build works it out from the feature code and population. */
int geo_level_compute(const gz_rec *r);
/* What an entry is worth before any context, from its kind and size (its
 * level set): the build stores it in the record. */
float geo_prior_base(const gz_rec *r);
/* places.c: the record of m's chosen entry, NULL when it has none. */
const gz_rec *geo_best_rec(const sr_geo_doc *d, const gment *m);
/* places.c: d's place lists (all, listed, voted) and focus place, once
 * resolve.c has decided every mention, in arena a, with working memory
 * from ta (a's scratch arena, or a); focus_cc is the focus country's code
 * ("" when none). */
int geo_place_lists(sr_geo_doc *d, sr_arena *a, sr_arena *ta, const sr_geo_opts *opts,
                    const char *focus_cc);
/* places.c: d->paren, the text's opening parentheses (SR_ENOMEM or 0). */
int geo_parens(sr_geo_doc *d, sr_arena *a);
/* thread.c: zeroed room of `bytes` for a table the thread keeps across
 * documents, stored in *slot (a thread-local pointer) and unmapped, *slot
 * cleared, when the thread ends; NULL when memory runs out (the caller
 * then goes without its table: the same results, found again).  At most
 * four per thread. */
void *geo_thread_table(void **slot, size_t bytes);
/* order.c: sorts k[0..n) (distinct keys) through tmp (room for n). */
void geo_sort_keys(uint64_t *k, uint32_t n, uint64_t *tmp);
/* A float's bits as an unsigned number in the same order (sort keys). */
static inline uint32_t geo_float_order(float x)
{
    uint32_t u;
    x += 0.0f;   /* (-0 is 0) */
    memcpy(&u, &x, sizeof u);
    return (u & 0x80000000u) ? ~u : u | 0x80000000u;
}

#endif
