/* The per-thread tables the places keep across documents (the run cache,
 * the kept spellings), mapped on a thread's first use.  As static
 * thread-local arrays they were part of every thread's TLS block, which
 * the loader (and pthread_create) zeroes page by page before main: 1.5 MB,
 * some 380 page faults at about 11 us each on the project's machine, paid
 * by every run however short.  Mapped, a page is zero-filled by the kernel
 * only when first touched, and a short run touches few. */
#include "geo_int.h"

#include <pthread.h>
#include <sys/mman.h>

enum { HELD_MAX = 4 };
static _Thread_local struct {
    void **slot[HELD_MAX];
    size_t bytes[HELD_MAX];
    unsigned n;
} held;
static pthread_key_t held_key;
static pthread_once_t held_once = PTHREAD_ONCE_INIT;
static int held_ok;

/* When the thread ends (pthread key destructor: its TLS is still there). */
static void release(void *unused)
{
    (void)unused;
    for (unsigned i = 0; i < held.n; i++) {
        munmap(*held.slot[i], held.bytes[i]);
        *held.slot[i] = NULL;
    }
    held.n = 0;
}

static void key_make(void) { held_ok = !pthread_key_create(&held_key, release); }

void *geo_thread_table(void **slot, size_t bytes)
{
    pthread_once(&held_once, key_make);
    if (!held_ok || held.n == HELD_MAX)
        return NULL;
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (!held.n && pthread_setspecific(held_key, &held)) {
        munmap(p, bytes);
        return NULL;
    }
    held.slot[held.n] = slot;
    held.bytes[held.n++] = bytes;
    return *slot = p;
}
