/* The compiled-set cache format: a header, then the flat arrays of a
 * compiled sr_dict as they are in memory, each at a 64-byte boundary, so a
 * cache file is mapped and used in place.  The header holds a magic, the
 * format and sitrep versions, the key of the dictionary files it was made
 * from, the file size and a checksum of everything after the header.
 *
 * Reading trusts nothing: a file that is short, from another version or
 * key, fails its checksum, or whose arrays do not fit together (an index
 * past an array, a string without its NUL, a hash table without an empty
 * slot) is rejected, and the caller compiles the dictionaries again.  The
 * structural checks stand on their own, so the fuzz target can skip the
 * checksum and reach them. */
#include "dict_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---- hashing (XXH64) ------------------------------------------------------ */

static const uint64_t P1 = 11400714785074694791ULL, P2 = 14029467366897019727ULL,
                      P3 = 1609587929392839161ULL, P4 = 9650029242287828579ULL,
                      P5 = 2870177450012600261ULL;

static uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static uint64_t rd64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static uint32_t rd32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t round64(uint64_t acc, uint64_t in) { return rotl(acc + in * P2, 31) * P1; }

static uint64_t merge64(uint64_t acc, uint64_t v) { return (acc ^ round64(0, v)) * P1 + P4; }

uint64_t dict_hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data, *end = p + len;
    uint64_t h;
    if (len >= 32) {
        uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
        for (; p + 32 <= end; p += 32) {
            v1 = round64(v1, rd64(p));
            v2 = round64(v2, rd64(p + 8));
            v3 = round64(v3, rd64(p + 16));
            v4 = round64(v4, rd64(p + 24));
        }
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
        h = merge64(merge64(merge64(merge64(h, v1), v2), v3), v4);
    } else {
        h = seed + P5;
    }
    h += (uint64_t)len;
    for (; p + 8 <= end; p += 8)
        h = rotl(h ^ round64(0, rd64(p)), 27) * P1 + P4;
    if (p + 4 <= end) {
        h = rotl(h ^ (uint64_t)rd32(p) * P1, 23) * P2 + P3;
        p += 4;
    }
    for (; p < end; p++)
        h = rotl(h ^ *p * P5, 11) * P1;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}

/* ---- layout ------------------------------------------------------------------ */

enum {
    S_META, S_VCHARS, S_VOFF, S_VLEN, S_VHASH, S_VFLAGS, S_VSLOTS,
    S_TPAY, S_TNFL, S_TEDGES, S_STR, S_FILES,
    S_PHRASES, S_ACTORS, S_ROLES, S_AGENTS, S_VERBS, S_FORMS, S_PATTERNS, S_ELEMS,
    S_SYNSETS, S_DISCARDS, S_ISSUES, S_CATS, S_LABELS, S_TRANSFORMS, S_MARKED,
    S_WMASK, S_SYNOFF, S_SYNIDS, S_PREKEYS, S_PREFLAGS, S_NEED, S_PAIRS, S_PENTRY, S_VBLOOM,
    S_WARN,
    S__COUNT
};

static const char MAGIC[8] = {'S', 'R', 'D', 'I', 'C', 'T', 'C', '\n'};

typedef struct dc_sec {
    uint64_t off, len;
} dc_sec;

typedef struct dc_header {
    char magic[8];
    uint32_t format, endian;
    char version[16];        /* SR_VERSION, NUL-padded */
    uint64_t key[2];
    uint64_t file_size;
    uint64_t checksum;       /* see checksum() */
    uint32_t nsections, layout;
    dc_sec sec[S__COUNT];
} dc_header;

typedef struct dc_meta {
    uint64_t voc_nslots, tr_cap, tr_n, nwarn;
    uint64_t ntable[SR_DICT_T__COUNT];
    uint32_t voc_n, voc_used, nfiles, nwarnings;
    uint32_t roots[SR_DICT_T__COUNT];
    uint32_t poss_word[2];
    int32_t quiet_dups, have_options, dialect_verbs, dialect_actors, native, pad;
    sr_dict_options opts;
} dc_meta;

/* A warning to replay: this record, then msg_len bytes and a NUL, padded
 * to 8 bytes. */
typedef struct dc_warn {
    uint32_t file, msg_len;
    int64_t line, byte;
    int32_t code, pad;
} dc_warn;

/* Sizes of the records stored as they are: a build whose records differ
 * writes and expects another layout. */
static uint32_t layout_sig(void)
{
    size_t s[] = {sizeof(dc_header), sizeof(dc_meta), sizeof(dc_warn), sizeof(dphrase),
                  sizeof(dactor),    sizeof(drole),   sizeof(dagent),  sizeof(dverb),
                  sizeof(dform),     sizeof(dpattern), sizeof(sr_dict_elem), sizeof(dsynset),
                  sizeof(ddiscard),  sizeof(dissue),  sizeof(dcat),    sizeof(dlabel),
                  sizeof(dtransform), sizeof(dmarked), sizeof(dwmask), sizeof(sr_dict_options),
                  sizeof(tedge), sizeof(vslot)};
    return (uint32_t)dict_hash64(s, sizeof s, DICT_CACHE_FORMAT);
}

/* The dvecs stored as they are, with their record sizes. */
typedef struct dvsec {
    int sec;
    size_t off;              /* offsetof(sr_dict, vec) */
    size_t esz;
} dvsec;

#define DVS(s, f, T) {s, offsetof(sr_dict, f), sizeof(T)}
static const dvsec dvsecs[] = {
    DVS(S_VOFF, voc.off, uint32_t),       DVS(S_VLEN, voc.len, uint32_t),
    DVS(S_VHASH, voc.hash, uint32_t),     DVS(S_VFLAGS, voc.flags, uint8_t),
    DVS(S_TPAY, tr.payload, uint32_t),    DVS(S_TNFL, tr.nflags, uint8_t),
    DVS(S_PHRASES, phrases, dphrase),     DVS(S_ACTORS, actors, dactor),
    DVS(S_ROLES, roles, drole),           DVS(S_AGENTS, agents, dagent),
    DVS(S_VERBS, verbs, dverb),           DVS(S_FORMS, forms, dform),
    DVS(S_PATTERNS, patterns, dpattern),  DVS(S_ELEMS, elems, sr_dict_elem),
    DVS(S_SYNSETS, synsets, dsynset),     DVS(S_DISCARDS, discards, ddiscard),
    DVS(S_ISSUES, issues, dissue),        DVS(S_CATS, cats, dcat),
    DVS(S_LABELS, labels, dlabel),        DVS(S_TRANSFORMS, transforms, dtransform),
    DVS(S_MARKED, marked, dmarked),       DVS(S_WMASK, wmask, dwmask),
    DVS(S_SYNOFF, syn_off, uint32_t),     DVS(S_SYNIDS, syn_ids, uint32_t),
    DVS(S_PREKEYS, pre_keys, uint32_t),   DVS(S_PREFLAGS, pre_flags, uint8_t),
    DVS(S_NEED, need, uint32_t),          DVS(S_PAIRS, pairs, uint64_t),
    DVS(S_PENTRY, pentry, uint32_t),      DVS(S_VBLOOM, vbloom, uint64_t),
};
#define NDVS (sizeof dvsecs / sizeof dvsecs[0])

static dvec *dv_of(sr_dict *d, const dvsec *s) { return (dvec *)((char *)d + s->off); }

static size_t align64(size_t n) { return (n + 63) & ~(size_t)63; }

/* A Fletcher sum over 64-bit words in two lanes (a running sum and the
 * sum of running sums, modulo 2^64), mixed at the end: it catches any
 * damage to one byte and reordered blocks, which is what a cache file
 * meets (a torn or damaged copy), at a fraction of a hash's cost on an
 * image of megabytes that every run checks.  The SSE2 and the plain loop
 * give the same value, and so does the sum taken in pieces of whole
 * 16-byte steps (isum_add), which lets reading check each section while
 * its bytes are still in the cache. */
typedef struct isum {
    uint64_t a0, a1, b0, b1;
} isum;

/* Adds p[0..len), len a multiple of 16. */
static void isum_add(isum *s, const unsigned char *p, size_t len)
{
    size_t i = 0;
#if defined(__SSE2__)
    __m128i a = _mm_set_epi64x((long long)s->a1, (long long)s->a0),
            b = _mm_set_epi64x((long long)s->b1, (long long)s->b0);
    for (; i + 64 <= len; i += 64)
        for (int u = 0; u < 64; u += 16) {
            a = _mm_add_epi64(a, _mm_loadu_si128((const __m128i *)(const void *)(p + i + u)));
            b = _mm_add_epi64(b, a);
        }
    for (; i + 16 <= len; i += 16) {
        a = _mm_add_epi64(a, _mm_loadu_si128((const __m128i *)(const void *)(p + i)));
        b = _mm_add_epi64(b, a);
    }
    uint64_t t[4];
    _mm_storeu_si128((__m128i *)(void *)t, a);
    _mm_storeu_si128((__m128i *)(void *)(t + 2), b);
    s->a0 = t[0], s->a1 = t[1], s->b0 = t[2], s->b1 = t[3];
#endif
    for (; i + 16 <= len; i += 16) {
        s->a0 += rd64(p + i);
        s->a1 += rd64(p + i + 8);
        s->b0 += s->a0;
        s->b1 += s->a1;
    }
}

/* The sum of a whole image of len bytes, of which all but the last
 * len % 16 (at tail) have been added. */
static uint64_t isum_end(isum *s, const unsigned char *tail, size_t len, uint64_t seed)
{
    if (len % 16) {
        unsigned char last[16] = {0};
        memcpy(last, tail, len % 16);
        isum_add(s, last, 16);
    }
    uint64_t w[5] = {s->a0, s->a1, s->b0, s->b1, (uint64_t)len};
    return dict_hash64(w, sizeof w, seed);
}

static uint64_t image_sum(const unsigned char *p, size_t len, uint64_t seed)
{
    isum s = {seed, 0, 0, 0};
    isum_add(&s, p, len & ~(size_t)15);
    return isum_end(&s, p + (len & ~(size_t)15), len, seed);
}

/* Of the whole file: the header (its checksum field as 0) seeds the sum
 * of everything after it. */
static uint64_t sum_seed(const dc_header *h)
{
    dc_header c = *h;
    c.checksum = 0;
    return dict_hash64(&c, sizeof c, 0);
}

static uint64_t checksum(const dc_header *h, const unsigned char *file, size_t size)
{
    return image_sum(file + sizeof *h, size - sizeof *h, sum_seed(h));
}

/* ---- writing ------------------------------------------------------------------ */

/* One section's bytes, before the file is assembled. */
typedef struct piece {
    const void *p;
    size_t len;
} piece;

int dict_cache_write(const sr_dict *d, const uint64_t key[2], const dvec *warnings,
                     const char *path)
{
    piece pc[S__COUNT];
    memset(pc, 0, sizeof pc);
    dc_meta meta;
    memset(&meta, 0, sizeof meta); /* padding too: the checksum covers it */
    meta.voc_nslots = d->voc.nslots;
    meta.tr_cap = d->tr.ecap; /* the compiled edges' slots */
    meta.tr_n = d->tr.n;
    meta.nwarn = d->nwarn;
    for (int t = 0; t < SR_DICT_T__COUNT; t++) {
        meta.ntable[t] = d->ntable[t];
        meta.roots[t] = d->roots[t];
    }
    meta.voc_n = d->voc.n;
    meta.voc_used = d->voc.used;
    meta.nfiles = (uint32_t)d->files.n;
    meta.poss_word[0] = d->poss_word[0];
    meta.poss_word[1] = d->poss_word[1];
    meta.quiet_dups = d->quiet_dups;
    meta.have_options = d->have_options;
    meta.dialect_verbs = d->dialect_verbs;
    meta.dialect_actors = d->dialect_actors;
    meta.native = d->native;
    meta.opts = d->opts;
    pc[S_META] = (piece){&meta, sizeof meta};

    sr_buf files = SR_BUF_INIT, warn = SR_BUF_INIT;
    int rc = 0;
    for (size_t k = 0; k < d->files.n && !rc; k++) {
        const char *f = DV(d->files, char *)[k];
        rc = sr_buf_put(&files, f, strlen(f) + 1);
    }
    /* warnings holds the records dict_cache_record made, byte by byte. */
    if (!rc && warnings && warnings->n)
        rc = sr_buf_put(&warn, warnings->p, warnings->n);
    if (!rc && warn.len) {
        /* Counted, to be cross-checked on reading. */
        size_t at = 0;
        while (at + sizeof(dc_warn) <= warn.len) {
            dc_warn w;
            memcpy(&w, warn.data + at, sizeof w);
            at += (sizeof w + w.msg_len + 1 + 7) & ~(size_t)7;
            meta.nwarnings++;
        }
    }
    pc[S_FILES] = (piece){files.data ? files.data : "", files.len};
    pc[S_WARN] = (piece){warn.data ? warn.data : "", warn.len};
    pc[S_VCHARS] = (piece){d->voc.chars.data ? d->voc.chars.data : "", d->voc.chars.len + 1};
    pc[S_STR] = (piece){d->str.data ? d->str.data : "", d->str.len + 1};
    pc[S_VSLOTS] = (piece){d->voc.slots, d->voc.nslots * sizeof(vslot)};
    pc[S_TEDGES] = (piece){d->tr.edges, d->tr.ecap * sizeof(tedge)};
    for (size_t k = 0; k < NDVS; k++) {
        const dvec *v = dv_of((sr_dict *)d, &dvsecs[k]);
        pc[dvsecs[k].sec] = (piece){v->p, v->n * dvsecs[k].esz};
    }

    dc_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, 8);
    h.format = DICT_CACHE_FORMAT;
    h.endian = 0x01020304u;
    snprintf(h.version, sizeof h.version, "%s", SR_VERSION);
    h.key[0] = key[0];
    h.key[1] = key[1];
    h.nsections = S__COUNT;
    h.layout = layout_sig();
    size_t at = align64(sizeof h);
    for (int s = 0; s < S__COUNT; s++) {
        h.sec[s].off = at;
        h.sec[s].len = pc[s].len;
        at = align64(at + pc[s].len);
    }
    h.file_size = at;
    unsigned char *buf = rc ? NULL : sr_calloc(1, at);
    if (!buf) {
        sr_buf_free(&files);
        sr_buf_free(&warn);
        return SR_ENOMEM;
    }
    for (int s = 0; s < S__COUNT; s++)
        if (pc[s].len)
            memcpy(buf + h.sec[s].off, pc[s].p, pc[s].len);
    h.checksum = checksum(&h, buf, at);
    memcpy(buf, &h, sizeof h);
    sr_buf_free(&files);
    sr_buf_free(&warn);

    /* A temporary file beside the cache, renamed over it: a reader sees
     * the old file or the new one, never half of one. */
    size_t pl = strlen(path);
    char *tmp = sr_malloc(pl + 16);
    if (!tmp) {
        free(buf);
        return SR_ENOMEM;
    }
    snprintf(tmp, pl + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    rc = fd < 0 ? SR_EIO : 0;
    for (size_t done = 0; !rc && done < at;) {
        ssize_t w = write(fd, buf + done, at - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            rc = SR_EIO;
        else
            done += (size_t)w;
    }
    if (fd >= 0 && close(fd))
        rc = SR_EIO;
    if (!rc && rename(tmp, path))
        rc = SR_EIO;
    if (rc && fd >= 0)
        unlink(tmp);
    free(tmp);
    free(buf);
    return rc;
}

/* ---- reading -------------------------------------------------------------------- */

static int pow2(uint64_t n) { return n && !(n & (n - 1)); }

/* Every offset is a string of the pool (or NONE32 when may_none). */
static int str_ok(const sr_dict *d, uint32_t off, int may_none)
{
    return off < d->str.len || (may_none && off == NONE32);
}

static int range_ok(uint64_t first, uint64_t n, uint64_t size) { return first <= size && n <= size - first; }

static int code_ok(const sr_dict *d, const dcode *c)
{
    return str_ok(d, c->code, 1) && str_ok(d, c->paired, 1);
}

/* The arrays fit together: what the matcher and the getters index without
 * checking is in range, and every lookup table has an empty slot.  In two
 * parts: the sizes and what the header holds (check_sizes), then each
 * section's contents (check_sec), which reading runs as the checksum
 * reaches the end of the section, while its lines are in the cache; what
 * one section's check reads of another is only its size. */
static int check_sizes(const sr_dict *d)
{
    const vocab *v = &d->voc;
    uint64_t nw = v->n, nodes = d->tr.payload.n;
    if (v->off.n != nw + 1 || v->len.n != nw + 1 || v->hash.n != nw + 1 || v->flags.n != nw + 1)
        return 0;
    if (d->tr.nflags.n != nodes || nodes >= NONE32 || nw > TRIE_MAX_WORD)
        return 0;
    if (v->chars.data[v->chars.len] || d->str.data[d->str.len])
        return 0;
    if (v->nslots && (!pow2(v->nslots) || v->nslots < 4))
        return 0;
    /* Edges: a power of two of at least a line. */
    if (d->tr.ecap < 4 || !pow2(d->tr.ecap) || nodes > (uint64_t)TE_MAX_NODE + 1)
        return 0;
    if (d->pentry.n != d->phrases.n)
        return 0;
    for (int t = 0; t < SR_DICT_T__COUNT; t++)
        if (d->roots[t] >= nodes || d->ntable[t] > d->phrases.n)
            return 0;
    if (d->poss_word[0] > nw || d->poss_word[1] > nw)
        return 0;
    if (d->wmask.n != nw + 1 || d->syn_off.n != nw + 2)
        return 0;
    if (d->pre_keys.n != d->pre_flags.n || (d->pre_keys.n && !pow2(d->pre_keys.n)))
        return 0;
    if (d->pairs.n && !pow2(d->pairs.n))
        return 0;
    /* The vocabulary's filter: eight bits a word or 64 (its bits come
     * from the words, which the checksum vouches for). */
    size_t vb = 64;
    while (vb < (size_t)nw * 8)
        vb *= 2;
    if (d->vbloom.n != vb / 64)
        return 0;
    if (d->dialect_verbs < -1 || d->dialect_verbs > 1 || d->dialect_actors < -1 ||
        d->dialect_actors > 1)
        return 0;
    return 1;
}

/* Checks elements [lo, hi) of section sec (its records; for a section
 * checked as a whole, every call checks all of it).  *empty collects
 * whether an empty slot was seen, for the hash tables. */
static int check_sec(const sr_dict *d, int sec, size_t lo, size_t hi, int *empty)
{
    const vocab *v = &d->voc;
    uint64_t nw = v->n, nodes = d->tr.payload.n;
    switch (sec) {
    case S_VLEN: { /* after S_VOFF: ids' letters inside the pool */
        const uint32_t *off = v->off.p, *len = v->len.p;
        for (size_t id = lo ? lo : 1; id < hi; id++)
            if (!range_ok(off[id], len[id], v->chars.len))
                return 0;
        return 1;
    }
    case S_VSLOTS:
        /* A slot names a word and letters inside the pool (which ones the
         * checksum vouches for). */
        for (size_t i = lo; i < hi; i++) {
            const vslot *e = &v->slots[i];
            if (e->id > nw || (e->id && !range_ok(e->off, e->len, v->chars.len)))
                return 0;
            *empty |= !e->id;
        }
        return 1;
    case S_TPAY: {
        const uint32_t *pay = d->tr.payload.p;
        for (size_t k = lo; k < hi; k++)
            if (pay[k] != NONE32 && pay[k] >= d->phrases.n)
                return 0;
        return 1;
    }
    case S_TEDGES:
        /* Children that are nodes and payloads that are phrases. */
        for (size_t i = lo; i < hi; i++) {
            const tedge *e = &d->tr.edges[i];
            if (e->key == UINT64_MAX) {
                *empty = 1;
                continue;
            }
            if ((e->key >> 32) >= nodes || te_node(e) >= nodes ||
                (e->pay != NONE32 && e->pay >= d->phrases.n))
                return 0;
        }
        return 1;
    case S_PHRASES: {
        const dphrase *ph = d->phrases.p;
        for (size_t k = lo; k < hi; k++)
            if (!str_ok(d, ph[k].text, 1))
                return 0;
        return 1;
    }
    case S_ACTORS: {
        const dactor *ac = d->actors.p;
        for (size_t k = lo; k < hi; k++)
            if (!range_ok(ac[k].first_role, ac[k].nroles, d->roles.n))
                return 0;
        return 1;
    }
    case S_ROLES: {
        const drole *ro = d->roles.p;
        for (size_t k = lo; k < hi; k++) {
            /* sr_dict_role_code walks ncodes strings from codes. */
            if (!ro[k].ncodes)
                continue;
            if (ro[k].codes >= d->str.len)
                return 0;
            size_t at = ro[k].codes;
            for (uint32_t c = 0; c < ro[k].ncodes; c++) {
                const char *z = memchr(d->str.data + at, 0, d->str.len + 1 - at);
                at = (size_t)(z - d->str.data) + 1;
                if (c + 1 < ro[k].ncodes && at >= d->str.len)
                    return 0;
            }
        }
        return 1;
    }
    case S_AGENTS: {
        const dagent *ag = d->agents.p;
        for (size_t k = lo; k < hi; k++)
            if (!str_ok(d, ag[k].code, 0))
                return 0;
        return 1;
    }
    case S_VERBS: {
        const dverb *vb = d->verbs.p;
        for (size_t k = lo; k < hi; k++)
            if (!str_ok(d, vb[k].name, 0) || !code_ok(d, &vb[k].code) ||
                !range_ok(vb[k].first_pat, vb[k].npat, d->patterns.n))
                return 0;
        return 1;
    }
    case S_FORMS: {
        const dform *fm = d->forms.p;
        for (size_t k = lo; k < hi; k++)
            if (!code_ok(d, &fm[k].code))
                return 0;
        return 1;
    }
    case S_PATTERNS: {
        const dpattern *pt = d->patterns.p;
        for (size_t k = lo; k < hi; k++)
            if (!range_ok(pt[k].first_elem, pt[k].nelems, d->elems.n) ||
                !range_ok(pt[k].first_need, pt[k].nneed, d->need.n) || !code_ok(d, &pt[k].code) ||
                !str_ok(d, pt[k].text, 1))
                return 0;
        return 1;
    }
    case S_SYNSETS: {
        const dsynset *sy = d->synsets.p;
        for (size_t k = lo; k < hi; k++)
            if (sy[k].root >= nodes || !str_ok(d, sy[k].name, 0))
                return 0;
        return 1;
    }
    case S_MARKED: {
        const dmarked *mk = d->marked.p;
        for (size_t k = lo; k < hi; k++)
            if (!range_ok(mk[k].first_elem, mk[k].nelems, d->elems.n))
                return 0;
        return 1;
    }
    case S_ISSUES: {
        const dissue *is = d->issues.p;
        for (size_t k = lo; k < hi; k++)
            if (!str_ok(d, is[k].code, 1))
                return 0;
        return 1;
    }
    case S_CATS: {
        const dcat *ct = d->cats.p;
        for (size_t k = lo; k < hi; k++)
            if (!str_ok(d, ct[k].name, 1) || !str_ok(d, ct[k].deflt, 1))
                return 0;
        return 1;
    }
    case S_LABELS: {
        const dlabel *lb = d->labels.p;
        for (size_t k = lo; k < hi; k++)
            if (!str_ok(d, lb[k].code, 0) || !str_ok(d, lb[k].text, 1))
                return 0;
        return 1;
    }
    case S_TRANSFORMS: {
        const dtransform *tf = d->transforms.p;
        for (size_t k = lo; k < hi; k++)
            if (!str_ok(d, tf[k].pattern, 1) || !str_ok(d, tf[k].result, 1))
                return 0;
        return 1;
    }
    case S_SYNOFF: { /* nw + 2 offsets, in order, the last inside syn_ids */
        const uint32_t *so = d->syn_off.p;
        for (size_t w = lo; w < hi && w <= nw; w++)
            if (so[w] > so[w + 1])
                return 0;
        return hi < d->syn_off.n || so[nw + 1] <= d->syn_ids.n;
    }
    case S_SYNIDS: {
        const uint32_t *si = d->syn_ids.p;
        for (size_t k = lo; k < hi; k++)
            if (si[k] >= d->synsets.n)
                return 0;
        return 1;
    }
    case S_PREKEYS:
        for (size_t k = lo; k < hi; k++)
            *empty |= !DV(d->pre_keys, uint32_t)[k];
        return 1;
    default:
        return 1;
    }
}

/* Whether the hash table in section sec (if it is one) has an empty slot,
 * once all its slots were seen: a lookup stops at one. */
static int table_ok(const sr_dict *d, int sec, int empty)
{
    switch (sec) {
    case S_VSLOTS:
        return empty || !d->voc.nslots;
    case S_TEDGES:
        return empty;
    case S_PREKEYS:
        return empty || !d->pre_keys.n;
    default:
        return 1;
    }
}

/* The size of section sec's elements: dvsecs, the two tables, else 1. */
static size_t sec_esz(int sec)
{
    if (sec == S_VSLOTS)
        return sizeof(vslot);
    if (sec == S_TEDGES)
        return sizeof(tedge);
    for (size_t k = 0; k < NDVS; k++)
        if (dvsecs[k].sec == sec)
            return dvsecs[k].esz;
    return 1;
}

static int sec_ok(const dc_header *h, int s, size_t size, size_t esz)
{
    const dc_sec *c = &h->sec[s];
    return c->off % 64 == 0 && c->off >= sizeof *h && range_ok(c->off, c->len, size) &&
           c->len % esz == 0;
}

/* Checks every section of d (check_sec) and, when sum is set, the image's
 * checksum, in one pass in file order: each section is checked as soon as
 * the sum has gone past it, so its lines are read from memory once (the
 * image is several times a core's cache).  Returns 1 when all is well. */
static int sum_and_check(const sr_dict *d, const dc_header *h, const unsigned char *data,
                         size_t size, int sum)
{
    int order[S__COUNT];
    for (int k = 0; k < S__COUNT; k++) {
        int j = k;
        for (; j > 0 && h->sec[order[j - 1]].off > h->sec[k].off; j--)
            order[j] = order[j - 1];
        order[j] = k;
    }
    const unsigned char *body = data + sizeof *h;
    size_t blen = size - sizeof *h, whole = blen & ~(size_t)15, done = 0;
    uint64_t seed = sum ? sum_seed(h) : 0;
    isum st = {seed, 0, 0, 0};
    /* Pieces of a quarter of a megabyte at most: a section larger than a
     * core's cache is checked piece by piece behind the sum. */
    enum { PIECE = 1 << 18 };
    for (int k = 0; k < S__COUNT; k++) {
        int sec = order[k], empty = 0;
        /* sec_ok has put the section inside the file, after the header,
         * in whole elements. */
        size_t esz = sec_esz(sec), n = (size_t)h->sec[sec].len / esz;
        size_t step = esz < PIECE ? PIECE / esz : 1;
        size_t first = (size_t)(h->sec[sec].off - sizeof *h);
        for (size_t lo = 0;;) {
            size_t hi = n - lo < step ? n : lo + step;
            size_t end = (first + hi * esz + 15) & ~(size_t)15;
            if (end > whole)
                end = whole;
            if (sum && end > done) {
                isum_add(&st, body + done, end - done);
                done = end;
            }
            if (!check_sec(d, sec, lo, hi, &empty))
                return 0;
            if ((lo = hi) >= n)
                break;
        }
        if (!table_ok(d, sec, empty))
            return 0;
    }
    if (!sum)
        return 1;
    isum_add(&st, body + done, whole - done);
    return isum_end(&st, body + whole, blen, seed) == h->checksum;
}

/* Fills d from the cache image data[0..size) (8-byte aligned); the arrays
 * point into the image.  Returns 1, or 0 when the image is unusable. */
static int from_image(sr_dict *d, const unsigned char *data, size_t size, const uint64_t key[2],
                      unsigned flags, dvec *warns)
{
    dc_header h;
    if (size < sizeof h || ((uintptr_t)data & 7))
        return 0;
    memcpy(&h, data, sizeof h);
    char ver[sizeof h.version];
    memset(ver, 0, sizeof ver);
    snprintf(ver, sizeof ver, "%s", SR_VERSION);
    if (memcmp(h.magic, MAGIC, 8) || h.format != DICT_CACHE_FORMAT || h.endian != 0x01020304u ||
        memcmp(h.version, ver, sizeof ver) || h.nsections != S__COUNT ||
        h.layout != layout_sig() || h.file_size != size)
        return 0;
    if (key && (h.key[0] != key[0] || h.key[1] != key[1]))
        return 0;
    if (!sec_ok(&h, S_META, size, 1) || h.sec[S_META].len != sizeof(dc_meta))
        return 0;
    dc_meta meta;
    memcpy(&meta, data + h.sec[S_META].off, sizeof meta);
    if (!sec_ok(&h, S_VCHARS, size, 1) || !sec_ok(&h, S_STR, size, 1) ||
        !sec_ok(&h, S_FILES, size, 1) || !sec_ok(&h, S_WARN, size, 8) ||
        !sec_ok(&h, S_VSLOTS, size, sizeof(vslot)) || !sec_ok(&h, S_TEDGES, size, sizeof(tedge)) ||
        !h.sec[S_VCHARS].len || !h.sec[S_STR].len)
        return 0;
    if (h.sec[S_VSLOTS].len / sizeof(vslot) != meta.voc_nslots ||
        h.sec[S_TEDGES].len / sizeof(tedge) != meta.tr_cap || meta.tr_n >= meta.tr_cap + !meta.tr_cap)
        return 0;
    for (size_t k = 0; k < NDVS; k++) {
        if (!sec_ok(&h, dvsecs[k].sec, size, dvsecs[k].esz))
            return 0;
        dvec *v = dv_of(d, &dvsecs[k]);
        const dc_sec *c = &h.sec[dvsecs[k].sec];
        v->p = c->len ? (void *)(data + c->off) : NULL;
        v->n = c->len / dvsecs[k].esz;
        v->cap = 0;
    }
    d->voc.chars = (sr_buf){(char *)(data + h.sec[S_VCHARS].off), h.sec[S_VCHARS].len - 1, 0};
    d->str = (sr_buf){(char *)(data + h.sec[S_STR].off), h.sec[S_STR].len - 1, 0};
    d->voc.slots = (vslot *)(void *)(data + h.sec[S_VSLOTS].off);
    d->voc.nslots = meta.voc_nslots;
    d->voc.n = meta.voc_n;
    d->voc.used = meta.voc_used;
    if (d->vbloom.n) {
        d->voc.bloom = d->vbloom.p;
        d->voc.bloom_shift = 64 - (uint32_t)__builtin_ctzll((unsigned long long)d->vbloom.n * 64);
    }
    d->tr.edges = (tedge *)(void *)(data + h.sec[S_TEDGES].off);
    d->tr.ecap = meta.tr_cap;
    d->tr.n = meta.tr_n;
    d->pair_mask = d->pairs.n ? d->pairs.n * 64 - 1 : 0;
    for (int t = 0; t < SR_DICT_T__COUNT; t++) {
        d->roots[t] = meta.roots[t];
        d->ntable[t] = meta.ntable[t];
    }
    d->nwarn = meta.nwarn;
    d->poss_word[0] = meta.poss_word[0];
    d->poss_word[1] = meta.poss_word[1];
    d->quiet_dups = meta.quiet_dups != 0;
    d->have_options = meta.have_options != 0;
    d->dialect_verbs = meta.dialect_verbs;
    d->dialect_actors = meta.dialect_actors;
    d->native = meta.native != 0;
    d->opts = meta.opts;
    d->opts.default_source[sizeof d->opts.default_source - 1] = 0;
    d->opts.default_target[sizeof d->opts.default_target - 1] = 0;
    d->opts.forward[sizeof d->opts.forward - 1] = 0;
    if (!check_sizes(d) || !sum_and_check(d, &h, data, size, !(flags & DC_NO_CHECKSUM)))
        return 0;

    /* File names: nfiles NUL-terminated strings, nothing after. */
    const char *fs = (const char *)data + h.sec[S_FILES].off;
    size_t fl = h.sec[S_FILES].len, at = 0;
    if (meta.nfiles > fl || (fl && fs[fl - 1]))
        return 0;
    char **names = sr_malloc((meta.nfiles ? meta.nfiles : 1) * sizeof *names);
    if (!names)
        return 0;
    for (uint32_t k = 0; k < meta.nfiles; k++) {
        const char *z = at < fl ? memchr(fs + at, 0, fl - at) : NULL;
        if (!z) {
            free(names);
            return 0;
        }
        names[k] = (char *)fs + at;
        at = (size_t)(z - fs) + 1;
    }
    d->files = (dvec){names, meta.nfiles, 0};
    if (at != fl)
        return 0;

    /* Warnings: well-formed records, each naming a file or none. */
    const unsigned char *ws = data + h.sec[S_WARN].off;
    size_t wl = h.sec[S_WARN].len;
    uint32_t count = 0;
    for (at = 0; at < wl; count++) {
        dc_warn w;
        if (wl - at < sizeof w)
            return 0;
        memcpy(&w, ws + at, sizeof w);
        size_t rec = sizeof w + (size_t)w.msg_len + 1;
        if (w.msg_len >= sizeof(((sr_error *)0)->msg) || rec > wl - at ||
            ws[at + sizeof w + w.msg_len] || (w.file != NONE32 && w.file >= meta.nfiles))
            return 0;
        at += (rec + 7) & ~(size_t)7;
    }
    if (count != meta.nwarnings)
        return 0;
    if (warns)
        *warns = (dvec){(void *)ws, wl, 0};
    d->compiled = 1;
    d->serial = dict_next_serial();
    return dict_build_views(d) == 0;
}

sr_dict *dict_cache_load_mem(const void *data, size_t size, const uint64_t key[2], unsigned flags,
                             dvec *warns)
{
    sr_dict *d = sr_calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->mapped = 1;
    if (!from_image(d, data, size, key, flags, warns)) {
        sr_dict_free(d);
        return NULL;
    }
    return d;
}

sr_dict *dict_cache_load(const char *path, const uint64_t key[2], dvec *warns)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    void *map = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= (off_t)sizeof(dc_header))
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return NULL;
    sr_dict *d = dict_cache_load_mem(map, (size_t)st.st_size, key, 0, warns);
    if (!d) {
        munmap(map, (size_t)st.st_size);
        return NULL;
    }
    d->map = map;
    d->map_len = (size_t)st.st_size;
    return d;
}

void dict_cache_replay(const sr_dict *d, const dvec *warns, sr_dict_warn_fn warn, void *ctx)
{
    const unsigned char *ws = warns->p;
    for (size_t at = 0; warn && at < warns->n;) {
        dc_warn w;
        memcpy(&w, ws + at, sizeof w);
        sr_error e;
        memset(&e, 0, sizeof e);
        e.code = w.code;
        e.file = w.file == NONE32 ? NULL : file_at(d, w.file);
        e.line = (long)w.line;
        e.byte = (long)w.byte;
        memcpy(e.msg, ws + at + sizeof w, w.msg_len + 1);
        warn(ctx, &e);
        at += (sizeof w + w.msg_len + 1 + 7) & ~(size_t)7;
    }
}

int dict_cache_record(dvec *warns, const sr_dict *d, const sr_error *e)
{
    dc_warn w;
    memset(&w, 0, sizeof w);
    w.file = NONE32;
    for (size_t k = d->files.n; k-- > 0;)
        if (e->file && DV(d->files, char *)[k] == e->file) {
            w.file = (uint32_t)k;
            break;
        }
    size_t ml = strnlen(e->msg, sizeof e->msg - 1);
    w.msg_len = (uint32_t)ml;
    w.line = e->line;
    w.byte = e->byte;
    w.code = e->code;
    size_t rec = (sizeof w + ml + 1 + 7) & ~(size_t)7;
    if (dv_reserve(warns, 1, rec))
        return SR_ENOMEM;
    unsigned char *p = (unsigned char *)warns->p + warns->n;
    memset(p, 0, rec);
    memcpy(p, &w, sizeof w);
    memcpy(p + sizeof w, e->msg, ml);
    warns->n += rec;
    return 0;
}
