/*
 * sr_util.h - the shared base of libsitrep: errors, arenas, byte buffers and
 * a JSON writer.  Every other module builds on these four pieces.
 *
 * Error model: a function returns int, 0 (SR_OK) on success or a negative
 * SR_E* code on failure, and fills the caller's sr_error (which may be NULL)
 * with a human-readable message and the position it concerns.
 *
 * Memory model: per-document work allocates from one sr_arena that the caller
 * frees in one call.  Building with -DSR_ARENA_MALLOC=1 turns every arena
 * allocation into its own malloc so ASan and valgrind see overruns.
 */
#ifndef SR_UTIL_H
#define SR_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SR_VERSION "0.1.0"

enum {
    SR_OK = 0,
    SR_ENOMEM = -1,   /* allocation failed */
    SR_EIO = -2,      /* read or write failed */
    SR_EPARSE = -3,   /* malformed input (JSON, record, dictionary line) */
    SR_EUTF8 = -4,    /* invalid UTF-8 that could not be repaired */
    SR_EINVAL = -5,   /* bad argument or value */
    SR_ETOOBIG = -6,  /* input larger than the platform can address */
    SR_EBINARY = -7,  /* input is binary, not text */
    SR_EEMPTY = -8    /* input holds no document */
};

/* Where a problem is: file name (borrowed), 1-based line, 0-based byte in
 * that line (or in the document when line is 0). */
typedef struct sr_error {
    int code;
    char msg[512];
    const char *file;
    long line;
    long byte;
} sr_error;

/* Sets err (when not NULL) and returns code, so callers can write
 * `return sr_error_set(err, SR_EPARSE, file, line, byte, "...", ...);`. */
int sr_error_set(sr_error *err, int code, const char *file, long line, long byte,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
void sr_error_clear(sr_error *err);
/* Short fixed text for a code; never NULL. */
const char *sr_errmsg(int code);
/* Writes "file:line:byte: message" to f. */
void sr_error_print(const sr_error *err, FILE *f);

/* ---- allocation ------------------------------------------------------- */

/* The library never exits on out-of-memory: these return NULL and callers
 * turn that into SR_ENOMEM.  The CLI decides the policy (print and exit). */
void *sr_malloc(size_t n);
void *sr_calloc(size_t n, size_t size);
void *sr_realloc(void *p, size_t n);
/* The first index of a sorted v[0..n) whose value is not below x (n when
 * none). */
static inline size_t sr_lower_bound(const size_t *v, size_t n, size_t x)
{
    size_t i = 0, top = n;
    while (i < top) {
        size_t mid = i + (top - i) / 2;
        if (v[mid] < x)
            i = mid + 1;
        else
            top = mid;
    }
    return i;
}

/* The same over n records of `stride` bytes from base, sorted by their
 * size_t member at byte offset `off` (offsetof). */
static inline size_t sr_lower_bound_by(const void *base, size_t n, size_t stride, size_t off,
                                       size_t x)
{
    const unsigned char *b = base;
    size_t i = 0, top = n;
    while (i < top) {
        size_t mid = i + (top - i) / 2, v;
        memcpy(&v, b + mid * stride + off, sizeof v);
        if (v < x)
            i = mid + 1;
        else
            top = mid;
    }
    return i;
}

/* Whether the n bytes at w begin with one of the NULL-ended stems, in any
 * case ("Visited" with "visit"). */
static inline int sr_has_stem(const char *w, size_t n, const char *const *stems)
{
    for (size_t k = 0; stems[k]; k++) {
        size_t m = strlen(stems[k]), j = 0;
        while (j < m && j < n && (w[j] | 0x20) == stems[k][j])
            j++;
        if (j == m)
            return 1;
    }
    return 0;
}

/* Overflow-checked n*size for growth arithmetic; returns 0 on overflow. */
static inline int sr_mul_ok(size_t n, size_t size, size_t *out)
{
    if (size && n > SIZE_MAX / size)
        return 0;
    *out = n * size;
    return 1;
}

typedef struct sr_arena sr_arena;

sr_arena *sr_arena_new(void);
/* Every arena starts with the free room of its current block, so that an
 * allocation that fits (nearly every one) is a compare and an add,
 * inline; the rest goes to sr_arena_alloc_slow. */
typedef struct sr_arena_room {
    unsigned char *cur, *lim;
} sr_arena_room;
enum { SR_ARENA_ALIGN = _Alignof(max_align_t) };
void *sr_arena_alloc_slow(sr_arena *a, size_t n);
/* Aligned to max_align_t; returns NULL when memory runs out. */
static inline void *sr_arena_alloc(sr_arena *a, size_t n)
{
    sr_arena_room *r = (sr_arena_room *)(void *)a;
    /* n - 1: a request of 0 bytes takes the slow path (it gets 1). */
    if (n - 1 < (size_t)(r->lim - r->cur)) {
        void *p = r->cur;
        r->cur += (n + SR_ARENA_ALIGN - 1) & ~(size_t)(SR_ARENA_ALIGN - 1);
        return p;
    }
    return sr_arena_alloc_slow(a, n);
}
/* Zeroed.  Inline: most calls ask for one struct of a constant size,
 * which the compiler then clears with a few stores instead of a call. */
static inline void *sr_arena_calloc(sr_arena *a, size_t n, size_t size)
{
    size_t total;
    if (!sr_mul_ok(n, size, &total))
        return NULL;
    void *p = sr_arena_alloc(a, total);
    if (p)
        memset(p, 0, total);
    return p;
}
/* Copies n bytes and appends a NUL. */
char *sr_arena_strndup(sr_arena *a, const char *s, size_t n);
/* Drops everything, keeping some blocks for reuse (and resets the
 * scratch arena too). */
void sr_arena_reset(sr_arena *a);
/* Hands p (from malloc) to a: freed when a is reset or freed.  For a
 * buffer too big to copy (a document's text as read).  It is not part of
 * what sr_arena_owns finds.  Returns SR_OK, or SR_ENOMEM (p not taken). */
int sr_arena_adopt(sr_arena *a, void *p);
/* A second arena that belongs to a, for work thrown away in pieces (a
 * sentence's parse) while a keeps the results: created on first use,
 * reset with a, freed with a.  Its user resets it as it sees fit.  NULL
 * when memory runs out. */
sr_arena *sr_arena_scratch(sr_arena *a);
/* Makes scratch (NULL: none yet) a's scratch arena, which a resets with
 * itself but does not free: arenas used one at a time may share one, whose
 * memory then stays in the caches from one document to the next. */
void sr_arena_lend_scratch(sr_arena *a, sr_arena *scratch);
/* 1 when p points into memory a handed out (and has not dropped). */
int sr_arena_owns(const sr_arena *a, const void *p);
void sr_arena_free(sr_arena *a);
size_t sr_arena_used(const sr_arena *a);

/* ---- growable byte buffer -------------------------------------------- */

/* The only type here that owns bytes; data is always NUL-terminated. */
typedef struct sr_buf {
    char *data;
    size_t len;
    size_t cap;
} sr_buf;

#define SR_BUF_INIT {NULL, 0, 0}
int sr_buf_reserve_slow(sr_buf *b, size_t extra);
/* Room for extra more bytes (and the NUL): inline, since writers ask for
 * it for every piece and there nearly always is. */
static inline int sr_buf_reserve(sr_buf *b, size_t extra)
{
    return b->cap - b->len > extra ? 0 : sr_buf_reserve_slow(b, extra);
}
int sr_buf_put_slow(sr_buf *b, const void *p, size_t n);
/* Inline so that writers building JSON piece by piece pay a compare and a
 * copy per piece while the buffer has room. */
static inline int sr_buf_put(sr_buf *b, const void *p, size_t n)
{
    if (b->cap - b->len <= n)
        return sr_buf_put_slow(b, p, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}
/* A string literal, without measuring it. */
#define SR_BUF_LIT(b, lit) sr_buf_put((b), "" lit, sizeof(lit) - 1)
int sr_buf_puts(sr_buf *b, const char *s);
static inline int sr_buf_putc(sr_buf *b, char c)
{
    if (b->cap - b->len <= 1)
        return sr_buf_put_slow(b, &c, 1);
    b->data[b->len++] = c;
    b->data[b->len] = 0;
    return 0;
}
/* Decimal integers, as printf's %llu and %lld write them. */
int sr_buf_put_u64(sr_buf *b, uint64_t v);
int sr_buf_put_i64(sr_buf *b, int64_t v);
/* x with `decimals` (0-9) digits after the point, byte for byte what
 * printf's "%.*f" writes (correctly rounded, "-0.0" for negative zero). */
int sr_buf_put_fixed(sr_buf *b, double x, int decimals);
/* Raw forms of the writers above, for output loops that reserve room
 * once for many pieces: each writes at o, which must have the room named,
 * and returns the end (no NUL).  The sr_buf_put_* writers are these. */
enum { SR_U64_ROOM = 20, SR_I64_ROOM = 21, SR_FIXED_ROOM = 330 };
/* "00" to "99" in a row, and sr_u64_raw for v of five digits or more. */
extern const char sr_digits2[201];
char *sr_u64_raw_wide(char *o, uint64_t v);
/* Inline: byte offsets and counts are most of the numbers written, and
 * nearly all are under 10,000. */
static inline char *sr_u64_raw(char *o, uint64_t v)
{
    if (v < 100) {
        if (v < 10) {
            *o = (char)('0' + v);
            return o + 1;
        }
        memcpy(o, sr_digits2 + v * 2, 2);
        return o + 2;
    }
    if (v < 10000) {
        /* two pairs of digits, the first cut to one below 1000 */
        unsigned hi = (unsigned)v / 100, lo = (unsigned)v % 100;
        if (hi >= 10) {
            memcpy(o, sr_digits2 + hi * 2, 2);
            o += 2;
        } else {
            *o++ = (char)('0' + hi);
        }
        memcpy(o, sr_digits2 + lo * 2, 2);
        return o + 2;
    }
    return sr_u64_raw_wide(o, v);
}
char *sr_i64_raw(char *o, int64_t v);
/* decimals 0-9 */
char *sr_fixed_raw(char *o, double x, int decimals);
int sr_buf_printf(sr_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int sr_buf_vprintf(sr_buf *b, const char *fmt, va_list ap);
void sr_buf_clear(sr_buf *b);
void sr_buf_free(sr_buf *b);

/* ---- growable array of fixed-size items, in an arena ------------------ */

typedef struct sr_vec {
    void *items;
    size_t len;
    size_t cap;
} sr_vec;

/* Returns a pointer to a new zeroed item of size `size`, or NULL. */
void *sr_vec_grow_push(sr_vec *v, sr_arena *a, size_t size);
/* Doubles the room of a full v (16 items at first): SR_OK or SR_ENOMEM. */
int sr_vec_grow(sr_vec *v, sr_arena *a, size_t size);
/* Inline so that the common case (room left) costs a few instructions and
 * the zeroing is a fixed-size store at each call site (after a growth
 * too: nearly every list of a sentence's scratch arena starts empty). */
static inline void *sr_vec_push(sr_vec *v, sr_arena *a, size_t size)
{
    if (v->len == v->cap && sr_vec_grow(v, a, size))
        return NULL;
    void *p = (char *)v->items + v->len * size;
    memset(p, 0, size);
    v->len++;
    return p;
}

/* ---- short words as keys ----------------------------------------------- */

/* A word of up to 24 bytes as three overlapping 8-byte loads (first,
 * middle, last; 4-byte or single-byte loads below 8), which with its
 * length determine it: compared and hashed a word at a time, never
 * reading outside w[0..n).  For the per-word tables and caches that
 * text is run through token by token. */
typedef struct sr_wkey {
    uint64_t k[3];
} sr_wkey;

static inline sr_wkey sr_wkey_of(const char *w, size_t n)
{
    sr_wkey x = {{0, 0, 0}};
    if (n >= 8) {
        memcpy(&x.k[0], w, 8);
        memcpy(&x.k[2], w + n - 8, 8);
        if (n > 16)
            memcpy(&x.k[1], w + 8, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, w, 4);
        memcpy(&b, w + n - 4, 4);
        x.k[0] = a;
        x.k[2] = b;
    } else {
        for (size_t i = 0; i < n; i++)
            x.k[0] |= (uint64_t)(unsigned char)w[i] << (8 * i);
    }
    return x;
}

/* 64 well-mixed bits of the word x of length n. */
static inline uint64_t sr_wkey_hash(const sr_wkey *x, size_t n)
{
    uint64_t h = (x->k[0] * 0x9e3779b97f4a7c15ull) ^ (x->k[1] * 0xc2b2ae3d27d4eb4full) ^
                 (x->k[2] * 0x165667b19e3779f9ull) ^ n;
    h ^= h >> 29;
    return h * 0xbf58476d1ce4e5b9ull;
}

static inline int sr_wkey_eq(const sr_wkey *a, const sr_wkey *b)
{
    return a->k[0] == b->k[0] && a->k[1] == b->k[1] && a->k[2] == b->k[2];
}

/* ---- UTF-8 ----------------------------------------------------------- */

/* Decodes one code point from s (n bytes available).  Returns the length of
 * a well-formed sequence (1-4), or 0 when the bytes at s are not valid UTF-8
 * (overlong forms, surrogates, values above U+10FFFF and truncated sequences
 * are all invalid).  Never reads past s + n. */
int sr_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* At bytes that sr_utf8_decode rejected: how many form one invalid unit
 * (1-3), to be replaced by a single U+FFFD. */
int sr_utf8_bad_len(const unsigned char *s, size_t n);
/* 1 when s[0..n) is valid UTF-8 (as sr_utf8_decode reads it) without NUL
 * bytes; runs of ASCII are checked eight bytes at a time. */
int sr_utf8_valid(const char *s, size_t n);
/* Encodes cp into out (4 bytes room); returns the length. */
int sr_utf8_encode(uint32_t cp, char *out);

/* ---- dates ------------------------------------------------------------ */

/* The monotonic clock in nanoseconds (some 40 ns a reading here: the
 * vDSO's; a thread's CPU clock is a system call, 50 times that). */
uint64_t sr_clock_ns(void);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t sr_days_from_civil(int64_t y, int m, int d);
void sr_civil_from_days(int64_t days, int *y, int *m, int *d);

/* ---- libraries loaded on first use ------------------------------------- */

/* libpq (postgresql:// stores), libmicrohttpd (serve) and libxml2
 * (validate) pull in some thirty shared libraries between them, and the
 * dynamic linker spent more time on those than `sitrep code` spends on
 * its own start-up.  So they are not linked: each module that needs one
 * defines the few functions it calls as forwarders (src/store/pg_lazy.c,
 * src/serve/mhd_lazy.c, src/cli/xml_lazy.c) that open the library with
 * dlopen on first use.  A function new to a caller needs its forwarder
 * there (the link fails with "undefined reference" until it has one). */
typedef void (*sr_lazy_fn)(void);
typedef struct sr_lazy_lib {
    const char *const *files;  /* names to try in turn, NULL-terminated */
    const char *what;          /* what needs it, for the message */
    const char *const *names;  /* the symbols, in the order of fns */
    sr_lazy_fn *fns;           /* filled on loading */
    size_t n;
    int state;                 /* 0 not tried, 1 loaded, -1 failed (atomic) */
    char msg[256];             /* why it failed */
} sr_lazy_lib;
/* Opens the library and resolves every symbol, once (thread-safe).
 * Returns SR_OK, or SR_EIO with err saying which library could not be
 * loaded and what needs it. */
int sr_lazy_load(sr_lazy_lib *l, sr_error *err);
/* 1 when the library is loaded (loading it now if it was not tried). */
static inline int sr_lazy_ready(sr_lazy_lib *l)
{
    return __atomic_load_n(&l->state, __ATOMIC_ACQUIRE) == 1 || sr_lazy_load(l, NULL) == 0;
}

/* The forwarders: a module lists its functions once, F for those that
 * return a value, V for void ones, S for those it forwards by hand
 * (variadic ones) through SR_LAZY_FN:
 *   #define FUNCS(F, V, S) F(ret, name, (params), (args), value on failure)
 *                          V(name, (params), (args)) S(name)
 * then SR_LAZY_DEFINE(FUNCS, "what needs it", "libx.so.1", "libx.so")
 * defines `lazy_lib` (one per file) and a forwarder per F and V entry,
 * with the prototype of the library's own header. */
#define SR_LAZY_ENUM_F(r, n, p, a, f) SR_LAZY_I_##n,
#define SR_LAZY_ENUM_V(n, p, a) SR_LAZY_I_##n,
#define SR_LAZY_ENUM_S(n) SR_LAZY_I_##n,
#define SR_LAZY_NAME_F(r, n, p, a, f) #n,
#define SR_LAZY_NAME_V(n, p, a) #n,
#define SR_LAZY_NAME_S(n) #n,
/* The loaded function n, as a pointer of type T. */
#define SR_LAZY_FN(T, n) ((T)lazy_fns[SR_LAZY_I_##n])
#define SR_LAZY_FWD_F(r, n, p, a, f)                                                      \
    r n p                                                                                  \
    {                                                                                      \
        if (!sr_lazy_ready(&lazy_lib))                                                     \
            return f;                                                                      \
        return SR_LAZY_FN(r(*) p, n) a;                                                    \
    }
#define SR_LAZY_FWD_V(n, p, a)                                                            \
    void n p                                                                               \
    {                                                                                      \
        if (sr_lazy_ready(&lazy_lib))                                                      \
            SR_LAZY_FN(void(*) p, n) a;                                                    \
    }
#define SR_LAZY_FWD_S(n)
#define SR_LAZY_DEFINE(FUNCS, what, ...)                                                  \
    enum { FUNCS(SR_LAZY_ENUM_F, SR_LAZY_ENUM_V, SR_LAZY_ENUM_S) SR_LAZY_N };             \
    static const char *const lazy_files[] = {__VA_ARGS__, NULL};                           \
    static const char *const lazy_names[] = {                                              \
        FUNCS(SR_LAZY_NAME_F, SR_LAZY_NAME_V, SR_LAZY_NAME_S)};                            \
    static sr_lazy_fn lazy_fns[SR_LAZY_N];                                                 \
    static sr_lazy_lib lazy_lib = {lazy_files, what, lazy_names, lazy_fns, SR_LAZY_N, 0,   \
                                   {0}};                                                   \
    FUNCS(SR_LAZY_FWD_F, SR_LAZY_FWD_V, SR_LAZY_FWD_S)

/* ---- JSON writing ----------------------------------------------------- */

/* Appends s as a quoted JSON string.  Invalid UTF-8 is written as U+FFFD so
 * the output is always valid JSON. */
int sr_json_str(sr_buf *b, const char *s, size_t n);
/* Its raw form (see sr_u64_raw): room for 6 * n + 2 bytes. */
char *sr_json_str_raw(char *o, const char *s, size_t n);
/* 1 for the bytes a JSON string holds as they are (printable ASCII but
 * '"' and '\\'), 0 for the rest, NUL included. */
extern const unsigned char sr_json_plain[256];

#endif
