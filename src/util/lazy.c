/* Shared libraries opened on first use (see sr_lazy_lib in sr_util.h). */
#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

#include "sr_util.h"

/* Loading is rare and quick: one lock for every library is enough. */
static pthread_mutex_t lazy_mu = PTHREAD_MUTEX_INITIALIZER;

static int try_load(sr_lazy_lib *l)
{
    void *h = NULL;
    const char *why = "no library name";
    for (const char *const *f = l->files; *f && !h; f++)
        if (!(h = dlopen(*f, RTLD_NOW | RTLD_LOCAL)))
            why = dlerror();
    if (!h) {
        snprintf(l->msg, sizeof l->msg, "%s needs %s, which could not be loaded: %s", l->what,
                 l->files[0], why ? why : "unknown reason");
        return -1;
    }
    for (size_t i = 0; i < l->n; i++) {
        void *p = dlsym(h, l->names[i]);
        if (!p) {
            snprintf(l->msg, sizeof l->msg, "%s needs %s, which lacks %s", l->what, l->files[0],
                     l->names[i]);
            dlclose(h);
            return -1;
        }
        /* POSIX guarantees a function's address survives this round trip. */
        memcpy(&l->fns[i], &p, sizeof p);
    }
    /* The handle stays open for the life of the process. */
    return 1;
}

int sr_lazy_load(sr_lazy_lib *l, sr_error *err)
{
    int st = __atomic_load_n(&l->state, __ATOMIC_ACQUIRE);
    if (!st) {
        pthread_mutex_lock(&lazy_mu);
        if (!(st = __atomic_load_n(&l->state, __ATOMIC_ACQUIRE))) {
            st = try_load(l);
            __atomic_store_n(&l->state, st, __ATOMIC_RELEASE);
        }
        pthread_mutex_unlock(&lazy_mu);
    }
    if (st == 1)
        return SR_OK;
    return sr_error_set(err, SR_EIO, NULL, 0, 0, "%s", l->msg);
}
