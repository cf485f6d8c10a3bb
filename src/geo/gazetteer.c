/* Opening the compiled gazetteer: map, check, look up. */
#include "geo_int.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int bad(sr_error *err, const char *file, const char *what)
{
    return sr_error_set(err, SR_EPARSE, file, 0, 0, "not a usable gazetteer: %s", what);
}

/* A section of n items of size sz at off lies inside the file, aligned. */
static int section_ok(const gz_header *h, uint64_t off, uint64_t n, uint64_t sz)
{
    if (off % 8 || off < sizeof *h || off > h->file_size)
        return 0;
    if (sz && n > (h->file_size - off) / sz)
        return 0;
    return 1;
}

/* Every opening's number: a gazetteer opened where a closed one was is
 * never taken for it by a cache of its answers. */
static atomic_uint_fast64_t geo_serials = 1;

/* A zeroed handle, aligned for its cue-word lines (calloc aligns to 16). */
static sr_geo *geo_new(void)
{
    size_t n = (sizeof(sr_geo) + 63) / 64 * 64;
    sr_geo *g = aligned_alloc(64, n);
    if (g)
        memset(g, 0, n);
    return g;
}

static int check(sr_geo *g, const char *file, unsigned flags, sr_error *err)
{
    if (g->size < sizeof(gz_header))
        return bad(err, file, "file too short for a header");
    const gz_header *h = (const gz_header *)g->base;
    if (memcmp(h->magic, GZ_MAGIC, 8) != 0)
        return bad(err, file, "wrong magic (not built by scripts/geo/build-gazetteer.sh)");
    if (h->byte_order != GZ_BYTE_ORDER)
        return bad(err, file, "built on a machine of the other byte order");
    if (h->version != GZ_VERSION)
        return sr_error_set(err, SR_EPARSE, file, 0, 0,
                            "gazetteer format version %u, this sitrep reads version %u; "
                            "rebuild it with scripts/geo/build-gazetteer.sh",
                            (unsigned)h->version, (unsigned)GZ_VERSION);
    if (h->file_size != g->size)
        return sr_error_set(err, SR_EPARSE, file, 0, 0,
                            "gazetteer is %zu bytes but its header says %llu (truncated?)",
                            g->size, (unsigned long long)h->file_size);
    /* The header is checked whole; the rest by a fixed sample of blocks
     * (every byte of a small file), which costs microseconds where reading
     * all 40 MB cost tens of milliseconds.  Damage the sample misses gives
     * wrong answers at worst: every offset read from the file is checked. */
    if (!(flags & GEO_OPEN_NOSUM)) {
        gz_header hc;
        memcpy(&hc, h, sizeof hc);
        hc.sum_header = 0;
        if (geo_checksum((const unsigned char *)&hc, sizeof hc) != h->sum_header)
            return bad(err, file, "header checksum mismatch (corrupt file)");
        if (geo_sample_sum(g->base + sizeof *h, g->size - sizeof *h) != h->sum_sample)
            return bad(err, file, "checksum mismatch (corrupt or partly written file)");
    }
    if (!section_ok(h, h->off_rec, h->nrec, sizeof(gz_rec)) ||
        !section_ok(h, h->off_adm, h->nadm, sizeof(gz_adm)) ||
        !section_ok(h, h->off_key, h->nkbucket, sizeof(gz_kbucket)) ||
        !section_ok(h, h->off_post, h->npost, sizeof(gz_post)) ||
        !section_ok(h, h->off_word, h->nwbucket, sizeof(gz_wbucket)) ||
        !section_ok(h, h->off_str, h->nstr, 1) ||
        !section_ok(h, h->off_fidx, (uint64_t)h->nfidx + 1, sizeof(uint32_t)) ||
        !section_ok(h, h->off_fent, h->nfent, sizeof(uint16_t)))
        return bad(err, file, "a section lies outside the file");
    if (h->nkbucket == 0 || (h->nkbucket & (h->nkbucket - 1)))
        return bad(err, file, "key table size is not a power of two");
    if (h->nwbucket == 0 || (h->nwbucket & (h->nwbucket - 1)))
        return bad(err, file, "word table size is not a power of two");
    if (h->nfidx == 0 || (h->nfidx & (h->nfidx - 1)))
        return bad(err, file, "spelling index size is not a power of two");
    if (h->nstr == 0 || g->base[h->off_str + h->nstr - 1] != 0 || h->nstr > UINT32_MAX)
        return bad(err, file, "string pool is not terminated");
    if (h->nrec >= GZ_NONE || h->nadm >= GZ_NONE || h->npost >= GZ_NONE || h->nword >= GZ_NONE)
        return bad(err, file, "too many entries");
    g->h = h;
    g->rec = (const gz_rec *)(g->base + h->off_rec);
    g->adm = (const gz_adm *)(g->base + h->off_adm);
    g->key = (const gz_kbucket *)(g->base + h->off_key);
    g->post = (const gz_post *)(g->base + h->off_post);
    g->word = (const gz_wbucket *)(g->base + h->off_word);
    g->str = (const char *)(g->base + h->off_str);
    g->fidx = (const uint32_t *)(g->base + h->off_fidx);
    g->fent = (const uint16_t *)(g->base + h->off_fent);
    geo_lexicon_build(&g->lex);
    g->serial = atomic_fetch_add(&geo_serials, 1);
    return SR_OK;
}

int sr_geo_open_mem(const void *data, size_t len, sr_geo **out, sr_error *err)
{
    return geo_open_mem(data, len, 0, out, err);
}

int geo_open_mem(const void *data, size_t len, unsigned flags, sr_geo **out, sr_error *err)
{
    *out = NULL;
    sr_geo *g = geo_new();
    if (!g)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    /* A private copy, aligned as a mapping is to the cache line (a bucket of
     * the word table must not straddle two): the caller's bytes need not be
     * aligned or kept. */
    void *copy = aligned_alloc(64, (len + 64) / 64 * 64);
    if (!copy) {
        free(g);
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (len)
        memcpy(copy, data, len);
    g->base = copy;
    g->size = len;
    g->owned = 1;
    int rc = check(g, "(memory)", flags, err);
    if (rc) {
        sr_geo_close(g);
        return rc;
    }
    *out = g;
    return SR_OK;
}

int sr_geo_open(const char *path, sr_geo **out, sr_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return sr_error_set(err, SR_EIO, path, 0, 0, "cannot open gazetteer: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return sr_error_set(err, SR_EIO, path, 0, 0, "gazetteer is not a regular file");
    }
    if ((uint64_t)st.st_size > SIZE_MAX) {
        close(fd);
        return sr_error_set(err, SR_ETOOBIG, path, 0, 0, "gazetteer too large");
    }
    size_t size = (size_t)st.st_size;
    if (size < sizeof(gz_header)) {
        close(fd);
        return bad(err, path, "file too short for a header");
    }
    /* Not populated: a run touches the few pages its names lead to. */
    void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return sr_error_set(err, SR_EIO, path, 0, 0, "cannot map gazetteer: %s", strerror(errno));
    sr_geo *g = geo_new();
    if (!g) {
        munmap(m, size);
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    g->base = m;
    g->size = size;
    g->mapped = 1;
    int rc = check(g, path, 0, err);
    if (rc) {
        sr_geo_close(g);
        return rc;
    }
    *out = g;
    return SR_OK;
}

int sr_geo_verify(const sr_geo *g, sr_error *err)
{
    if (geo_checksum(g->base + sizeof *g->h, g->size - sizeof *g->h) != g->h->sum_full)
        return bad(err, NULL, "checksum of the whole file does not match (corrupt file)");
    return SR_OK;
}

void sr_geo_close(sr_geo *g)
{
    if (!g)
        return;
    if (g->mapped)
        munmap((void *)g->base, g->size);
    else if (g->owned)
        free((void *)g->base);
    free(g);
}

void sr_geo_stats_get(const sr_geo *g, sr_geo_stats *st)
{
    memset(st, 0, sizeof *st);
    st->records = g->h->nrec;
    st->keys = g->h->nkey;
    st->names = g->h->nname;
    st->admin1 = g->h->nadm;
    st->words = (size_t)g->h->nword;
    st->bytes = g->size;
    for (uint32_t i = 0; i < g->h->nrec; i++)
        if (g->rec[i].flags & GZ_SUPP)
            st->supplement++;
}

/* ---- lookups ---------------------------------------------------------------- */

const gz_post *geo_lookup(const sr_geo *g, const char *key, size_t klen, size_t *n)
{
    *n = 0;
    if (!klen)
        return NULL;
    return geo_lookup_hashed(g, geo_hash64(key, klen), n);
}

int geo_filter_may(const sr_geo *g, uint64_t h)
{
    return geo_filter_may_at(g, h, h);
}

const gz_post *geo_lookup_hashed(const sr_geo *g, uint64_t h, size_t *n)
{
    *n = 0;
    if (!geo_filter_may(g, h))
        return NULL;
    uint32_t tag = geo_key_tag(h), mask = g->h->nkbucket - 1;
    size_t b = geo_key_bucket(h, g->h->nkbucket);
    const gz_kbucket *home = &g->key[b];
    for (unsigned d = 0; d <= home->reach; d++, b = (b + 1) & mask) {
        const gz_kbucket *k = &g->key[b];
        for (int i = 0; i < GZ_KBUCKET; i++) {
            if (k->tag[i] != tag)
                continue;
            if (k->one >> i & 1) {
                /* its record is read next, mostly after other work */
                if (k->v[i].one.rec < g->h->nrec)
                    __builtin_prefetch(&g->rec[k->v[i].one.rec]);
                *n = 1;
                return &k->v[i].one;
            }
            uint32_t first = k->v[i].many.first, np = k->v[i].many.n;
            if (first > g->h->npost || np > g->h->npost - first)
                return NULL;
            *n = np;
            if (!np)
                return NULL;
            /* the caller reads them all, mostly after other work: ask
             * for them now (a sixth of them span two lines) */
            __builtin_prefetch(&g->post[first]);
            __builtin_prefetch(&g->post[first + np - 1]);
            return &g->post[first];
        }
    }
    return NULL;
}

unsigned geo_fold_info(const sr_geo *g, const char *f, size_t fl)
{
    return geo_fold_info_at(g, geo_fold_line(f, fl), f, fl);
}

uint32_t geo_fuzz_bucket(const sr_geo *g, const char *s, size_t n)
{
    return geo_fuzz_bucket_hashed(g, geo_skeleton_hash(s, n));
}

int geo_fuzz_may(const sr_geo *g, uint32_t b, uint64_t h)
{
    /* (b < nfidx: it came from geo_fuzz_bucket) */
    uint32_t lo = g->fidx[b], hi = g->fidx[b + 1];
    if (hi > g->h->nfent)
        hi = g->h->nfent;
    /* a bucket's fingerprints are sorted (a popular skeleton has hundreds) */
    uint16_t fp = geo_fuzz_print(h);
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (g->fent[mid] < fp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < g->h->nfent && lo < g->fidx[b + 1] && g->fent[lo] == fp;
}

double geo_km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0, d = 3.14159265358979323846 / 180.0;
    double dlat = (lat2 - lat1) * d, dlon = (lon2 - lon1) * d;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * d) * cos(lat2 * d) * sin(dlon / 2) * sin(dlon / 2);
    if (a > 1)
        a = 1;
    return 2 * r * asin(sqrt(a));
}
