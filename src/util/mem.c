#include "sr_util.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#ifndef SR_ARENA_MALLOC
#define SR_ARENA_MALLOC 0
#endif

void *sr_malloc(size_t n) { return malloc(n ? n : 1); }
void *sr_calloc(size_t n, size_t size) { return calloc(n ? n : 1, size ? size : 1); }
void *sr_realloc(void *p, size_t n) { return realloc(p, n ? n : 1); }


/* Blocks form a list; the newest is at the head.  A request larger than the
 * default block size gets a block of its own, so no document length is
 * limited by the arena. */
typedef struct block {
    struct block *next;
    size_t cap, used;
    alignas(max_align_t) unsigned char data[];
} block;

struct sr_arena {
    /* The head block's free room (sr_util.h's inline path bumps cur);
     * head->used lags behind until sync() (NULL, NULL: no room). */
    sr_arena_room room;
    block *head;
    size_t total;
    sr_arena *scratch;        /* sr_arena_scratch's, or NULL */
    int scratch_lent;         /* scratch is another's (sr_arena_lend_scratch) */
    struct adopted *adopted;  /* sr_arena_adopt's, freed with the blocks */
};

typedef struct adopted {
    struct adopted *next;
    void *p;
} adopted;

static void free_adopted(sr_arena *a)
{
    for (adopted *d = a->adopted; d; d = d->next)
        free(d->p);
    a->adopted = NULL;
}

enum { BLOCK_SIZE = 64 * 1024, ALIGN = alignof(max_align_t) };
_Static_assert((int)ALIGN == (int)SR_ARENA_ALIGN && BLOCK_SIZE % ALIGN == 0, "room is whole aligned units");

static void *arena_alloc(sr_arena *a, size_t n);

/* Brings head->used and total up to what the inline path handed out. */
static void sync(sr_arena *a)
{
    if (a->head && a->room.cur) {
        size_t u = (size_t)(a->room.cur - a->head->data);
        a->total += u - a->head->used;
        a->head->used = u;
    }
}

/* The room after the head block's last allocation. */
static void set_room(sr_arena *a)
{
    if (SR_ARENA_MALLOC || !a->head) {
        a->room.cur = a->room.lim = NULL;
        return;
    }
    a->room.cur = a->head->data + a->head->used;
    a->room.lim = a->head->data + a->head->cap;
}

sr_arena *sr_arena_new(void) { return calloc(1, sizeof(sr_arena)); }

static block *new_block(size_t cap)
{
    if (cap > SIZE_MAX - sizeof(block))
        return NULL;
    block *b = malloc(sizeof(block) + cap);
    if (!b)
        return NULL;
    b->next = NULL;
    b->cap = cap;
    b->used = 0;
    return b;
}

void *sr_arena_alloc_slow(sr_arena *a, size_t n)
{
    sync(a);
    void *p = arena_alloc(a, n);
    set_room(a);
    return p;
}

static void *arena_alloc(sr_arena *a, size_t n)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - ALIGN)
        return NULL;
    size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
#if SR_ARENA_MALLOC
    block *b = new_block(need);
    if (!b)
        return NULL;
    b->used = need;
    b->next = a->head;
    a->head = b;
    a->total += need;
    return b->data;
#else
    block *b = a->head;
    if (!b || b->cap - b->used < need) {
        if (need > BLOCK_SIZE / 4) {
            /* Big request: own block, kept behind the current head so the
             * head's free space is not wasted. */
            block *big = new_block(need);
            if (!big)
                return NULL;
            big->used = need;
            if (b) {
                big->next = b->next;
                b->next = big;
            } else {
                a->head = big;
            }
            a->total += need;
            return big->data;
        }
        if (!(b = new_block(BLOCK_SIZE)))
            return NULL;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->total += need;
    return p;
#endif
}

char *sr_arena_strndup(sr_arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = sr_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    return p;
}

int sr_arena_adopt(sr_arena *a, void *p)
{
    adopted *d = sr_arena_alloc(a, sizeof *d);
    if (!d)
        return SR_ENOMEM;
    d->p = p;
    d->next = a->adopted;
    a->adopted = d;
    return SR_OK;
}

void sr_arena_reset(sr_arena *a)
{
    if (!a)
        return;
    /* One standard block and nothing adopted: the common case (a
     * sentence's scratch arena, reset for every sentence) in a few
     * stores. */
    block *h = a->head;
    if (h && !h->next && !a->adopted && h->cap == BLOCK_SIZE && !SR_ARENA_MALLOC) {
        h->used = 0;
        a->total = 0;
        set_room(a);
        if (a->scratch)
            sr_arena_reset(a->scratch);
        return;
    }
    /* the list lives in the blocks: freed first */
    free_adopted(a);
    sync(a);
    /* The first standard block stays for the next document: callers
     * hold many arenas at once (one per document in flight), so keeping
     * more would cost more memory than the mallocs it saves. */
    block *keep = NULL;
    for (block *b = a->head, *next; b; b = next) {
        next = b->next;
        if (!keep && b->cap == BLOCK_SIZE && !SR_ARENA_MALLOC) {
            keep = b;
            keep->used = 0;
            keep->next = NULL;
        } else {
            free(b);
        }
    }
    a->head = keep;
    a->total = 0;
    set_room(a);
    sr_arena_reset(a->scratch);
}

int sr_arena_owns(const sr_arena *a, const void *p)
{
    const block *b = a ? a->head : NULL;
    if (!b)
        return 0;
    /* One unsigned compare a block (an address below the block's start
     * wraps to a large offset); the head's bytes end at the inline
     * path's cursor, the others' at their use. */
    uintptr_t q = (uintptr_t)p;
    size_t used = a->room.cur ? (size_t)(a->room.cur - b->data) : b->used;
    if (q - (uintptr_t)b->data < used)
        return 1;
    for (b = b->next; b; b = b->next)
        if (q - (uintptr_t)b->data < b->used)
            return 1;
    return 0;
}

sr_arena *sr_arena_scratch(sr_arena *a)
{
    if (!a->scratch)
        a->scratch = sr_arena_new();
    return a->scratch;
}

void sr_arena_lend_scratch(sr_arena *a, sr_arena *scratch)
{
    if (!a->scratch_lent)
        sr_arena_free(a->scratch);
    a->scratch = scratch;
    a->scratch_lent = scratch != NULL;
}

static void free_list(block *b)
{
    for (block *next; b; b = next) {
        next = b->next;
        free(b);
    }
}

void sr_arena_free(sr_arena *a)
{
    if (!a)
        return;
    free_adopted(a);
    free_list(a->head);
    if (!a->scratch_lent)
        sr_arena_free(a->scratch);
    free(a);
}

size_t sr_arena_used(const sr_arena *a)
{
    if (!a)
        return 0;
    size_t t = a->total;
    if (a->head && a->room.cur)
        t += (size_t)(a->room.cur - a->head->data) - a->head->used;
    return t;
}

int sr_vec_grow(sr_vec *v, sr_arena *a, size_t size)
{
    size_t ncap = v->cap ? v->cap * 2 : 16, bytes;
    /* (the overflow test without sr_mul_ok's division by a size that is
     * no constant here) */
    if (ncap < v->cap || __builtin_mul_overflow(ncap, size, &bytes))
        return SR_ENOMEM;
    void *n = sr_arena_alloc(a, bytes);
    if (!n)
        return SR_ENOMEM;
    if (v->len)
        memcpy(n, v->items, v->len * size);
    v->items = n;
    v->cap = ncap;
    return SR_OK;
}

void *sr_vec_grow_push(sr_vec *v, sr_arena *a, size_t size)
{
    if (v->len == v->cap && sr_vec_grow(v, a, size))
        return NULL;
    void *p = (char *)v->items + v->len * size;
    memset(p, 0, size);
    v->len++;
    return p;
}
