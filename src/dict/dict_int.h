/* Private to src/dict: the flat storage behind sr_dict and the loaders'
 * shared helpers.  Everything is arrays of fixed-size records addressed by
 * 32-bit indexes and offsets into one string pool, so a compiled set can
 * later be written to and mapped from a cache file as it is. */
#ifndef SR_DICT_INT_H
#define SR_DICT_INT_H

#include "sr_dict.h"

#include <stdarg.h>

#define NONE32 UINT32_MAX

/* ---- owned growable arrays (realloc, not arena: the set outlives any
 * arena and big arrays must not leave dead copies behind) ---------------- */

typedef struct dvec {
    void *p;
    size_t n, cap;
} dvec;

/* Returns a pointer to a new zeroed item, or NULL when memory runs out. */
void *dv_push(dvec *v, size_t esz);
int dv_reserve(dvec *v, size_t esz, size_t extra);
void dv_free(dvec *v);
#define DV(v, T) ((T *)(v).p)

/* ---- vocabulary: folded word -> id, open addressing ------------------- */

/* WF_x == 1 << SR_DICT_W_x (W_WHOLE for WF_WHOLE), so a mode's flag is 1 << mode. */
enum { WF_EXACT = 1, WF_ENDINGS = 2, WF_STEM = 4, WF_WHOLE = 8 };

/* A slot of the vocabulary's table: the id with what a lookup compares,
 * four to a line, so that a word not there costs one line (most of what
 * resolving asks for: endings, stems) and a word there two. */
typedef struct vslot {
    uint32_t hash, id;   /* id 0 = empty */
    uint32_t off, len;   /* the id's */
} vslot;

typedef struct vocab {
    sr_buf chars;        /* words, NUL-separated; offset 0 is unused */
    dvec off, len, hash; /* uint32 per id; id 0 unused */
    dvec flags;          /* uint8 per id: WF_* of the modes it is used in */
    vslot *slots;        /* a lookup starts at the first slot of a line */
    size_t nslots;       /* power of two, >= 4 */
    const uint64_t *bloom; /* compiled: bit voc_bloom_bit of every word's hash */
    uint32_t bloom_shift;  /* 64 less the bits of a bloom bit's number */
    uint32_t n;          /* ids 1..n */
    unsigned used;       /* WF_* over all words */
} vocab;

/* FNV-1a: byte at a time, so the matcher can hash every prefix of a token
 * in one pass when it looks for stems. */
static inline uint32_t voc_hash_step(uint32_t h, unsigned char c) { return (h ^ c) * 16777619u; }
uint32_t voc_hash(const char *s, size_t n);
uint32_t voc_find_h(const vocab *v, const char *s, size_t n, uint32_t h);
/* The slot a lookup of hash h starts at: the first of a line.  FNV's low
 * bits are weak; they are spread before masking. */
static inline size_t voc_slot_of(uint32_t h, size_t mask)
{
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    return h & mask & ~(size_t)3;
}
/* The bit of the vocabulary's filter for hash h (bits 64 - shift). */
static inline uint64_t voc_bloom_bit(uint32_t h, uint32_t shift)
{
    return ((uint64_t)h * 0x9E3779B97F4A7C15ull) >> shift;
}
/* voc_find_h for the per-token lookups of the matcher.  Most of what
 * resolving asks for is not there (endings, stems): the filter, a few
 * lines for the whole vocabulary, answers for those without the table. */
static inline uint32_t voc_find_in(const vocab *v, const char *s, size_t n, uint32_t h)
{
    if (!v->nslots)
        return 0;
    if (v->bloom) {
        uint64_t b = voc_bloom_bit(h, v->bloom_shift);
        if (!((v->bloom[b >> 6] >> (b & 63)) & 1))
            return 0;
    }
    size_t mask = v->nslots - 1;
    for (size_t i = voc_slot_of(h, mask);; i = (i + 1) & mask) {
        const vslot *e = &v->slots[i];
        if (!e->id)
            return 0;
        uint32_t id = e->id;
        if (e->hash == h && e->len == n) {
            const char *w = v->chars.data + e->off;
            size_t k = 0;
            while (k < n && w[k] == s[k])
                k++;
            if (k == n)
                return id;
        }
    }
}
/* Interns s and sets *id; returns 0 or SR_ENOMEM / SR_ETOOBIG. */
int voc_intern(vocab *v, const char *s, size_t n, uint32_t *id);
void voc_free(vocab *v);
/* Records that word id is used with mode (SR_DICT_W_*), so the matcher
 * knows which endings and prefixes are worth looking up. */
void voc_mark(vocab *v, uint32_t id, int mode);

/* ---- one trie space over (word, mode, gap) edges, many roots ---------- */

enum { NF_CHILD = 1, NF_GAP = 2, NF_ADJ = 4 }; /* any child, gap children, others */

/* An edge of the compiled trie with what matching reads of its child,
 * so that following an edge reads one line: four to a line, and a
 * lookup starts at the first slot of a line (see trie_edge_in). */
typedef struct tedge {
    uint64_t key;        /* node << 32 | edge key; UINT64_MAX = empty */
    uint32_t child;      /* child node | its NF_* << TE_NF_SHIFT */
    uint32_t pay;        /* the child's payload: phrase id or NONE32 */
} tedge;
enum { TE_NF_SHIFT = 29, TE_MAX_NODE = (1u << TE_NF_SHIFT) - 1 };

typedef struct trie {
    dvec payload;        /* uint32 per node: phrase id or NONE32 */
    dvec nflags;         /* uint8 per node: NF_* (has children / gap children) */
    uint64_t *keys;      /* node << 32 | edge key; UINT64_MAX = empty */
    uint32_t *vals;      /* child node */
    size_t cap, n;       /* keys and vals: loading only, none in a mapped set */
    tedge *edges;        /* ecap (a power of two, >= 4) slots: made by compiling */
    size_t ecap;
} trie;

static inline uint32_t trie_key(uint32_t word, unsigned mode, unsigned gap)
{
    return word << 3 | (uint32_t)mode << 1 | (uint32_t)gap;
}
enum { TRIE_MAX_WORD = (1u << 29) - 1 };

int trie_node(trie *t, uint32_t *node);
uint32_t trie_child(const trie *t, uint32_t node, uint32_t key);

static inline size_t edge_slot(uint64_t k, size_t mask)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return (size_t)k & mask;
}

/* trie_child for the matcher's inner loop (the table is never empty there). */
static inline uint32_t trie_child_in(const trie *t, uint32_t node, uint32_t key)
{
    uint64_t k = (uint64_t)node << 32 | key;
    size_t mask = t->cap - 1;
    for (size_t i = edge_slot(k, mask);; i = (i + 1) & mask) {
        if (t->keys[i] == k)
            return t->vals[i];
        if (t->keys[i] == UINT64_MAX)
            return NONE32;
    }
}
int trie_add(trie *t, uint32_t node, uint32_t key, uint32_t *child);
void trie_free(trie *t);
/* Makes t->edges from the loading tables.  Returns 0, SR_ENOMEM or
 * SR_ETOOBIG (a node past TE_MAX_NODE). */
int trie_build_edges(trie *t);

/* The compiled edge from node keyed key, or NULL (the matcher's inner
 * loop; t->ecap is never 0 there). */
static inline const tedge *trie_edge_in(const trie *t, uint32_t node, uint32_t key)
{
    uint64_t k = (uint64_t)node << 32 | key;
    size_t mask = t->ecap - 1;
    for (size_t i = edge_slot(k, mask) & ~(size_t)3;; i = (i + 1) & mask) {
        if (t->edges[i].key == k)
            return &t->edges[i];
        if (t->edges[i].key == UINT64_MAX)
            return NULL;
    }
}
static inline uint32_t te_node(const tedge *e) { return e->child & TE_MAX_NODE; }
static inline unsigned te_nf(const tedge *e) { return e->child >> TE_NF_SHIFT; }

/* ---- records ------------------------------------------------------------ */

typedef struct dcode {
    uint32_t code, paired;   /* string offsets or NONE32 */
    uint32_t flags;          /* SR_DICT_C_* */
    int32_t shift;
} dcode;

enum { PHRASE_GENERATED = 1, PHRASE_CASED = 2 }; /* dphrase.generated bits */
typedef struct dphrase {
    uint32_t entry, text, file, line, nwords, table;
    uint32_t generated;      /* made by the loader (plural, verb form, expansion) */
} dphrase;

typedef struct dactor {
    uint32_t parent, first_role, nroles, file, line;
} dactor;

typedef struct drole {
    uint32_t codes, ncodes, flags;
    int32_t lo, hi;
} drole;

typedef struct dagent {
    uint32_t code, pos, file, line;
} dagent;

typedef struct dverb {
    uint32_t name;
    dcode code;
    uint32_t first_pat, npat, set, file, line;
} dverb;

typedef struct dform {
    uint32_t verb;
    dcode code;
    uint32_t verb_word, file, line;
} dform;

typedef struct dpattern {
    uint32_t verb, first_elem, nelems, verb_index;
    dcode code;
    uint32_t length, text, file, line, order;
    uint32_t variant;        /* 0 as written; k: k-th variant for marked synset members */
    uint32_t first_need, nneed; /* in sr_dict.need, set by compile */
} dpattern;

typedef struct dsynset {
    uint32_t name, root, nmembers, noplural, file, line;
} dsynset;

/* A synset member with actor markers ("+PESO_$"), kept as pattern
 * elements (in sr_dict.elems) instead of in the synset's trie. */
typedef struct dmarked {
    uint32_t synset, first_elem, nelems;
} dmarked;

typedef struct ddiscard {
    uint32_t story, file, line;
} ddiscard;

typedef struct dissue {
    uint32_t code, category, exclude, file, line;
    long value;
} dissue;

typedef struct dcat {
    uint32_t name, deflt, flags;
} dcat;

typedef struct dlabel {
    uint32_t code, text;
} dlabel;

typedef struct dtransform {
    uint32_t pattern, result, file, line;
} dtransform;

struct sr_dict {
    vocab voc;
    trie tr;
    uint32_t roots[SR_DICT_T__COUNT];
    sr_buf str;              /* string pool; offset 0 holds "" */
    dvec files;              /* char * owned copies of file names */
    dvec phrases, actors, roles, agents, verbs, forms, patterns, elems, synsets;
    dvec discards, issues, cats, labels, transforms;
    dvec marked;             /* dmarked */
    size_t ntable[SR_DICT_T__COUNT]; /* phrases per table */
    size_t nwarn;
    int compiled;
    int quiet_dups;
    int have_options;
    uint64_t serial;         /* unique per compiled set in this process (word cache key) */
    int native;              /* some file was in sitrep's own format */
    int dialect_verbs, dialect_actors; /* DIALECT_* of the first such file, or -1 */
    uint32_t poss_word[2];   /* word ids of "'s" and "'" (0 if unused), set by compile */
    sr_dict_options opts;
    /* Compiled indexes (index.c). */
    dvec wmask;              /* dwmask per word id */
    dvec syn_off, syn_ids;   /* uint32: synsets starting with word w are
                              * syn_ids[syn_off[w] .. syn_off[w + 1]) */
    dvec pre_keys, pre_flags;/* stem prefix set: uint32 hash (0 = empty), uint8 PRE_* */
    dvec need;               /* uint32: what each pattern needs (dpattern.first_need) */
    dvec vbloom;             /* uint64: the vocabulary's filter (vocab.bloom) */
    dvec pentry;             /* uint32 per phrase: its entry (dphrase.entry), for
                              * the matcher's answers without the whole record */
    /* Views handed out by sr_dict_pattern_get, made from the records after
     * compiling or mapping a cache (they hold pointers, so are not cached). */
    sr_dict_pattern *pviews;
    uint32_t *pfilter;       /* per pattern: the Bloom bits of its two
                              * rarest-looking needs (sr_dict_pattern_filter_bits) */
    dvec pairs;              /* uint64: Bloom filter of the first two words of
                              * phrases (see pair_bit); empty when there are
                              * none.  Built with the index, kept in the cache. */
    size_t pair_mask;        /* its size in bits, less one */
    /* A set read from a cache: the arrays point into the image (map, of
     * map_len bytes, or memory the caller keeps) and are not freed. */
    int mapped;
    void *map;
    size_t map_len;
};

/* String pool; returns the offset or NONE32 when memory runs out. */
uint32_t str_add(sr_dict *d, const char *s, size_t n);
/* Inline: the accessors the coder calls per pattern and per word use them. */
static inline const char *str_at(const sr_dict *d, uint32_t off)
{
    return off < d->str.len ? d->str.data + off : NULL; /* NONE32 is never < len */
}
static inline const char *file_at(const sr_dict *d, uint32_t file)
{
    return file < d->files.n ? DV(d->files, char *)[file] : "";
}

/* Per word id: the tables (1 << SR_DICT_T_*, SR_DICT_START_SYNSET) in
 * whose tries the word labels an edge from a root (start), from another
 * node without a gap (next) and with one (gap); and those where, starting
 * a phrase, it may end one alone or be followed other than by the next
 * token (solo: a one-word phrase, gap children, a possessive word next). */
typedef struct dwmask {
    uint16_t start, next, gap, solo;
} dwmask;

/* ---- loading ------------------------------------------------------------ */

enum { DIALECT_TABARI = SR_DICT_DIALECT_TABARI, DIALECT_PETRARCH = SR_DICT_DIALECT_PETRARCH };

/* Internal word mode beside the public SR_DICT_W_*: TABARI's WORD= and the
 * closed final WORD_ of a synset member: the word alone, no ending and no
 * possessive.  Only in phrase tries (pattern elements say SR_DICT_W_EXACT). */
enum { W_WHOLE = 3, W_NMODES = 4 };

/* Per-file loading state. */
typedef struct ld {
    sr_dict *d;
    const char *name;        /* stable copy owned by d */
    uint32_t file;
    int kind, dialect;
    sr_dict_warn_fn warn;
    void *wctx;
    sr_arena *tmp;           /* scratch; reset for every line */
    const char *p, *end;     /* unread input */
    long lineno;             /* line of the last line returned (native: mapped) */
    long tline;              /* lines read of the text being loaded */
    const uint32_t *linemap; /* a lowered native file: text line - 1 -> native line */
    size_t nmap;
    int in_xml_comment;
    int finished;            /* ~FINISH seen */
    int err;                 /* first fatal error (SR_ENOMEM) */
    int quiet;               /* storing generated phrases: duplicates are expected */
    sr_buf raw;              /* the current line, repaired */
} ld;

/* One dictionary line: comments removed, trailing blanks trimmed, leading
 * blanks skipped (indented tells whether there were any). */
typedef struct dline {
    char *s;                 /* NUL-terminated, in L->raw */
    size_t n;
    int indented;
    long lineno;
} dline;

/* Returns 1 with *out filled, 0 at the end (or after ~FINISH), or a
 * negative error.  Blank and comment-only lines are skipped. */
int ld_next(ld *L, dline *out);
void ld_warn(ld *L, long line, long col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
int ld_nomem(ld *L);

/* A word of a phrase as stored in the trie. */
typedef struct pword {
    uint32_t id;
    uint8_t mode;            /* SR_DICT_W_* */
    uint8_t gap;             /* 1: words may come between it and the previous */
} pword;

/* A parsed phrase: one chunk per written word.  A chunk has one or two
 * token lists: as the word is written ("al-assad", "sec.") and split the
 * way the tokeniser may split it ("al" "assad", "sec" "."); a lone dash
 * between words is a chunk whose first list is empty.  Every combination
 * becomes a path of the trie (at most PH_MAX_PATHS). */
typedef struct pchunk {
    sr_vec alt[2];           /* pword, in L->tmp */
    int nalt;
} pchunk;

typedef struct pphrase {
    sr_vec chunks;           /* pchunk, in L->tmp */
    uint32_t nwords;         /* tokens of the phrase as written */
    size_t chars;            /* letters and digits, for TABARI lengths */
} pphrase;

enum { PH_MAX_PATHS = 64 };

/* Gives the last word of every path mode (discards: last word a stem). */
void ph_last_mode(pphrase *ph, int mode);

enum {
    PH_CONSEC = 1u << 0,     /* blanks connect like "_" (PETRARCH synsets) */
    PH_EXACT = 1u << 1,      /* every word whole (PETRARCH) */
    PH_VERB_PLUS = 1u << 2,  /* "+WORD" marks the verb (PETRARCH verbs) */
    PH_CLOSED = 1u << 3      /* WORD_ is a closed match, W_WHOLE (TABARI synsets) */
};
/* Parses s[0..n) into words; *plus_word gets the index of the "+" word
 * (PH_VERB_PLUS) or NONE32.  Returns 0, SR_EPARSE (warned: empty phrase,
 * control characters) or SR_ENOMEM. */
int ld_phrase(ld *L, const char *s, size_t n, unsigned flags, pphrase *out,
              uint32_t *plus_word);

/* Folds and splits one dictionary word like the tokeniser does, appending
 * pwords (gap of the first = gap, mode on the last piece).  var selects
 * hyphenated words joined (0) or split (1).  Returns 0 or an error. */
int ld_word(ld *L, const char *s, size_t n, int mode, int gap, int var, sr_vec *out,
            int *has_hyphen);

/* Stores both variants of a phrase in table under entry; text is kept.
 * Returns the phrase id, or NONE32 after a fatal error (L->err set).  A
 * duplicate phrase keeps the first entry and is reported. */
uint32_t ld_store(ld *L, uint32_t root, int table, uint32_t entry, const pphrase *ph,
                  const char *text, size_t tlen);

/* Parses an event code between brackets (without them): special codes,
 * "a:b" pairs, ? and ! marks, and day shifts when set is SR_DICT_SET_TIME.
 * Returns 0 or -1 (warned). */
int ld_event_code(ld *L, const char *s, size_t n, int set, long col, dcode *out);

/* Finds the next [...] block at or after *pos in s[0..n): sets *b, *e to
 * the text inside and *pos after the ]; returns 1, 0 when there is none,
 * -1 when ] is missing (warned). */
int ld_bracket(ld *L, const char *s, size_t n, size_t *pos, size_t *b, size_t *e);

/* sitrep's own format (native.c): the kind its "sitrep-dict KIND" header
 * names, SR_DICT_AUTO when data is no native file, -1 for an unknown
 * kind. */
int native_kind(const char *data, size_t len);
/* Lowers native data into PETRARCH syntax in out, with map (uint32 per
 * out line: the native line).  Native syntax errors are warned through L
 * and skipped.  Returns 0 or SR_ENOMEM. */
int native_lower(ld *L, const char *data, size_t len, int kind, sr_buf *out, dvec *map);

/* Content sniffing. */
int ld_guess_kind(const char *data, size_t len);
int ld_guess_dialect(const char *name, const char *data, size_t len, int kind);

/* Loaders, one per kind. */
int load_actors(ld *L);
int load_agents(ld *L);
int load_verbs(ld *L);
int load_discards(ld *L);
int load_issues(ld *L);
int load_options(ld *L);

/* The TABARI <NOUN>/<ADJECTIVE> sections, shared by the .actors and .verbs
 * loaders: called with the section's opening line consumed; reads to the
 * closing tag. */
int load_word_section(ld *L, int table, const char *close);

/* ASCII helpers. */
static inline int is_blank(int c) { return c == ' ' || c == '\t'; }
static inline int up(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
int ci_prefix(const char *s, size_t n, const char *lit);  /* s starts with lit, any case */
int ci_eq(const char *s, size_t n, const char *lit);
void trim(const char **s, size_t *n);

/* Regular forms, as PETRARCH generates them (see load_verbs.c). */
size_t plural_of(const char *w, size_t n, char *out);

/* ---- compiled indexes (index.c) -------------------------------------- */

enum { PRE_MORE = 1, PRE_STEM = 2 };
/* Builds the start and prefix indexes of a set about to be compiled.
 * Returns 0 or SR_ENOMEM. */
int dict_build_index(sr_dict *d);
/* Fills pviews from the records; needs sorted patterns and their needs.
 * Returns 0 or SR_ENOMEM. */
int dict_build_views(sr_dict *d);
/* PRE_* flags of the byte prefix whose FNV hash is h: PRE_MORE when it
 * begins a longer stem, PRE_STEM when a stem hashes so; 0 when no stem
 * begins so (then no longer prefix does either).  Needs a prefix set. */
static inline unsigned dict_pre_get(const sr_dict *d, uint32_t h)
{
    const uint32_t *keys = d->pre_keys.p;
    const uint8_t *fl = d->pre_flags.p;
    size_t mask = d->pre_keys.n - 1;
    if (!h)
        h = 1;
    uint32_t x = h ^ (h >> 15);
    x *= 0x2c1b3c6du;
    x ^= x >> 12;
    for (size_t i = x & mask;; i = (i + 1) & mask) {
        if (keys[i] == h)
            return fl[i];
        if (!keys[i])
            return 0;
    }
}

/* The bit of the pair filter for a phrase of table bit tbit (1 << table,
 * SR_DICT_START_SYNSET) whose first two words are w1 and w2 (any modes,
 * with or without a blank between them). */
static inline size_t pair_bit(unsigned tbit, uint32_t w1, uint32_t w2, size_t mask)
{
    uint32_t x = w1 * 0x9E3779B1u ^ w2 * 0x85EBCA77u ^ tbit * 0xC2B2AE3Du;
    x ^= x >> 15;
    x *= 0x2C1B3C6Du;
    x ^= x >> 12;
    return x & mask;
}

/* A fresh serial for a set just compiled or mapped (match.c). */
uint64_t dict_next_serial(void);

/* ---- compiled cache (cache.c, open.c) ---------------------------------- */

/* Bumped whenever what a compiled set holds changes meaning, so older
 * cache files are rebuilt. */
enum { DICT_CACHE_FORMAT = 8 };
enum { DC_NO_CHECKSUM = 1 }; /* for the fuzz target: reach the structural checks */

/* XXH64 of data[0..len). */
uint64_t dict_hash64(const void *data, size_t len, uint64_t seed);
/* Writes the compiled set d, with the warnings recorded while loading it
 * (dict_cache_record), to path through a temporary file and a rename.
 * Returns 0, SR_EIO or SR_ENOMEM; nothing is left behind on failure. */
int dict_cache_write(const sr_dict *d, const uint64_t key[2], const dvec *warnings,
                     const char *path);
/* Maps the cache file at path; NULL when it is missing, unreadable, of
 * another version or key (key NULL: any), corrupt or inconsistent.  *warns
 * (may be NULL) gets the recorded warnings, inside the map. */
sr_dict *dict_cache_load(const char *path, const uint64_t key[2], dvec *warns);
/* The same for an image in memory, 8-byte aligned, which must outlive the
 * set.  flags: DC_*. */
sr_dict *dict_cache_load_mem(const void *data, size_t size, const uint64_t key[2], unsigned flags,
                             dvec *warns);
/* Appends warning e (about one of d's files) to warns.  Returns 0 or SR_ENOMEM. */
int dict_cache_record(dvec *warns, const sr_dict *d, const sr_error *e);
/* Passes each recorded warning to warn, in order, as loading did. */
void dict_cache_replay(const sr_dict *d, const dvec *warns, sr_dict_warn_fn warn, void *ctx);

/* Compile step (verb_variants.c): adds the pattern variants for synset
 * members with actor markers.  Returns 0 or SR_ENOMEM. */
int verbs_expand_marked(sr_dict *d);

#endif
