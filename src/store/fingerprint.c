/* Document fingerprints for duplicate detection: an exact content hash and
 * a MinHash signature over word 4-shingles (Broder 1997), whose bands are
 * the keys of a locality-sensitive index in the store.  Pure functions. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "store_int.h"

/* splitmix64's finaliser: a cheap, well-mixed 64-bit hash step. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

uint64_t store_hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    h ^= 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return mix64(h);
}

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* The multipliers and increments of the MinHash functions: fixed (they
 * are part of every stored signature), from splitmix64 of 1, 2, ... */
static uint64_t hash_a[SR_STORE_MINHASH], hash_b[SR_STORE_MINHASH];

static void hash_init(void)
{
    for (int k = 0; k < SR_STORE_MINHASH; k++) {
        hash_a[k] = mix64(0x9e3779b97f4a7c15ULL * (uint64_t)(2 * k + 1)) | 1;
        hash_b[k] = mix64(0x9e3779b97f4a7c15ULL * (uint64_t)(2 * k + 2));
    }
}

#define SHINGLE_WORDS 4
#define MIN_SHINGLES 8

/* Content: the bytes with every run of white space folded to one space
 * and the ends trimmed, so a re-wrapped copy is the same. */
uint64_t sr_store_content_hash(const char *text, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    int space = 0, started = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = started;
            continue;
        }
        if (space) {
            h ^= ' ';
            h *= 0x100000001b3ULL;
            space = 0;
        }
        started = 1;
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return mix64(h);
}

void sr_store_fingerprint_text(const char *text, size_t len, sr_store_fingerprint *fp)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, hash_init);
    memset(fp, 0, sizeof *fp);
    fp->content = sr_store_content_hash(text, len);

    for (int k = 0; k < SR_STORE_MINHASH; k++)
        fp->minhash[k] = UINT32_MAX;
    /* Words hashed case-folded; a shingle's hash is a polynomial of its
     * last four word hashes. */
    uint64_t win[SHINGLE_WORDS] = {0};
    size_t nwords = 0, nshingles = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && !word_byte((unsigned char)text[i]))
            i++;
        if (i >= len)
            break;
        uint64_t w = 0xcbf29ce484222325ULL;
        while (i < len && word_byte((unsigned char)text[i])) {
            unsigned char c = (unsigned char)text[i++];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            w ^= c;
            w *= 0x100000001b3ULL;
        }
        memmove(win, win + 1, sizeof win - sizeof win[0]);
        win[SHINGLE_WORDS - 1] = mix64(w);
        if (++nwords < SHINGLE_WORDS)
            continue;
        uint64_t sh = 0;
        for (int k = 0; k < SHINGLE_WORDS; k++)
            sh = mix64(sh * 31 + win[k]);
        nshingles++;
        /* 64 hash functions from one well-mixed hash: h_k(x) = the high
         * half of a_k x + b_k (multiply-shift, a_k odd). */
        for (int k = 0; k < SR_STORE_MINHASH; k++) {
            uint32_t v = (uint32_t)((sh * hash_a[k] + hash_b[k]) >> 32);
            if (v < fp->minhash[k])
                fp->minhash[k] = v;
        }
    }
    /* Shingles are counted with repeats; close enough for the size ratio
     * the containment estimate needs. */
    fp->shingles = nshingles >= MIN_SHINGLES ? (uint32_t)(nshingles > UINT32_MAX ? UINT32_MAX
                                                                                 : nshingles)
                                             : 0;
}

double sr_store_similarity(const sr_store_fingerprint *a, const sr_store_fingerprint *b)
{
    if (!a->shingles || !b->shingles)
        return a->content == b->content ? 1.0 : 0.0;
    int same = 0;
    for (int k = 0; k < SR_STORE_MINHASH; k++)
        same += a->minhash[k] == b->minhash[k];
    return (double)same / SR_STORE_MINHASH;
}

double store_containment(double jaccard, uint32_t na, uint32_t nb)
{
    /* |A n B| = J (|A| + |B|) / (1 + J); divided by the smaller set. */
    uint32_t small = na < nb ? na : nb;
    if (!small)
        return 0;
    double inter = jaccard * ((double)na + (double)nb) / (1.0 + jaccard);
    double c = inter / small;
    return c > 1 ? 1 : c;
}

void store_bands(const sr_store_fingerprint *fp, int64_t band[SR_STORE_BANDS])
{
    const int rows = SR_STORE_MINHASH / SR_STORE_BANDS;
    for (int b = 0; b < SR_STORE_BANDS; b++) {
        uint64_t h = mix64((uint64_t)b + 1);
        for (int r = 0; r < rows; r++)
            h = mix64(h ^ fp->minhash[b * rows + r]);
        band[b] = (int64_t)h;
    }
}

void store_minhash_pack(const sr_store_fingerprint *fp, unsigned char out[SR_STORE_MINHASH * 4])
{
    for (int k = 0; k < SR_STORE_MINHASH; k++) {
        uint32_t v = fp->minhash[k];
        out[4 * k] = (unsigned char)(v >> 24);
        out[4 * k + 1] = (unsigned char)(v >> 16);
        out[4 * k + 2] = (unsigned char)(v >> 8);
        out[4 * k + 3] = (unsigned char)v;
    }
}

int store_minhash_unpack(const void *blob, size_t n, sr_store_fingerprint *fp)
{
    const unsigned char *p = blob;
    if (!p || n != SR_STORE_MINHASH * 4)
        return -1;
    for (int k = 0; k < SR_STORE_MINHASH; k++)
        fp->minhash[k] = (uint32_t)p[4 * k] << 24 | (uint32_t)p[4 * k + 1] << 16 |
                         (uint32_t)p[4 * k + 2] << 8 | (uint32_t)p[4 * k + 3];
    return 0;
}

unsigned sr_store_shard(const char *id, unsigned n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    return n ? (unsigned)(h % n) : 0;
}
