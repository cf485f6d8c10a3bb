/* sr_dict_open: load, compile and cache a dictionary set in one call.
 *
 * The cache file for a list of dictionary files lives in the cache folder
 * under a name made from that list (and the working folder), so a set that
 * changes replaces its own file instead of piling up new ones.  Inside, the
 * key says which contents it was compiled from: every file's path, size,
 * modification time and XXH64 of its bytes, the cache format, the sitrep
 * version and the build of the program (its GNU build id), since a rebuilt
 * loader may compile the same files differently. */
#define _GNU_SOURCE 1
#include "dict_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- where ---------------------------------------------------------------------- */

static int env_on(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strcmp(v, "0") != 0;
}

int sr_dict_cache_dir(const sr_dict_cache_opts *co, char *buf, size_t cap)
{
    if (!buf || !cap)
        return SR_EINVAL;
    buf[0] = 0;
    if ((co && co->disable) || env_on("SITREP_NO_DICT_CACHE"))
        return SR_EINVAL;
    const char *dir = co && co->dir && *co->dir ? co->dir : getenv("SITREP_DICT_CACHE");
    int n;
    if (dir && *dir) {
        n = snprintf(buf, cap, "%s", dir);
    } else {
        const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
        if (xdg && xdg[0] == '/')
            n = snprintf(buf, cap, "%s/sitrep", xdg);
        else if (home && *home)
            n = snprintf(buf, cap, "%s/.cache/sitrep", home);
        else
            return SR_EINVAL;
    }
    if (n < 0 || (size_t)n >= cap) {
        buf[0] = 0;
        return SR_ETOOBIG;
    }
    return 0;
}

/* mkdir -p, owner only for what it creates. */
static int make_dirs(const char *dir)
{
    char p[4096];
    size_t n = strlen(dir);
    if (n >= sizeof p)
        return SR_ETOOBIG;
    memcpy(p, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (p[i] != '/' && p[i] != 0)
            continue;
        char c = p[i];
        p[i] = 0;
        if (mkdir(p, 0700) && errno != EEXIST)
            return SR_EIO;
        p[i] = c;
    }
    return 0;
}

/* ---- which build -------------------------------------------------------------- */

typedef struct bid {
    const void *addr;
    unsigned char id[64];
    size_t n;
} bid;

static int find_note(struct dl_phdr_info *info, size_t size, void *ctx)
{
    bid *b = ctx;
    (void)size;
    uintptr_t a = (uintptr_t)b->addr;
    int mine = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        if (ph->p_type == PT_LOAD && a >= lo && a < lo + ph->p_memsz)
            mine = 1;
    }
    if (!mine)
        return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE)
            continue;
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
        const unsigned char *end = p + ph->p_memsz;
        while (p + 12 <= end) {
            uint32_t nsz, dsz, type;
            memcpy(&nsz, p, 4);
            memcpy(&dsz, p + 4, 4);
            memcpy(&type, p + 8, 4);
            size_t name_at = 12, desc_at = name_at + ((nsz + 3u) & ~3u);
            size_t next = desc_at + ((dsz + 3u) & ~3u);
            if (next > (size_t)(end - p))
                break;
            if (type == NT_GNU_BUILD_ID && nsz == 4 && !memcmp(p + name_at, "GNU", 4)) {
                b->n = dsz < sizeof b->id ? dsz : sizeof b->id;
                memcpy(b->id, p + desc_at, b->n);
                return 1;
            }
            p += next;
        }
    }
    return 1;
}

/* The build id of the object holding this code; without one, the size and
 * time of the running program, else the compile time of this file. */
static void build_id(sr_buf *out)
{
    bid b;
    memset(&b, 0, sizeof b);
    b.addr = (const void *)&build_id;
    dl_iterate_phdr(find_note, &b);
    if (b.n) {
        sr_buf_put(out, b.id, b.n);
        return;
    }
    struct stat st;
    if (stat("/proc/self/exe", &st) == 0) {
        sr_buf_put(out, &st.st_size, sizeof st.st_size);
        sr_buf_put(out, &st.st_mtim, sizeof st.st_mtim);
        return;
    }
    sr_buf_puts(out, __DATE__ " " __TIME__);
}

/* ---- keys ----------------------------------------------------------------------- */

typedef struct dfile {
    char *data;
    size_t len;
    struct stat st;
} dfile;

static int read_all(const char *path, dfile *f)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return SR_EIO;
    int rc = 0;
    if (fstat(fd, &f->st) || !S_ISREG(f->st.st_mode) || f->st.st_size < 0) {
        close(fd);
        return SR_EIO;
    }
    size_t cap = (size_t)f->st.st_size + 1;
    f->data = sr_malloc(cap);
    f->len = 0;
    if (!f->data)
        rc = SR_ENOMEM;
    while (!rc) {
        if (f->len + 1 >= cap) {
            char *nd = sr_realloc(f->data, cap * 2);
            if (!nd) {
                rc = SR_ENOMEM;
                break;
            }
            f->data = nd;
            cap *= 2;
        }
        ssize_t r = read(fd, f->data + f->len, cap - 1 - f->len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            rc = SR_EIO;
        else if (r == 0)
            break;
        else
            f->len += (size_t)r;
    }
    close(fd);
    return rc;
}

static void put_u64(sr_buf *b, uint64_t v) { sr_buf_put(b, &v, sizeof v); }

/* The key of the files' contents and the program; and the cache file's
 * name, from the paths alone. */
static int make_key(const char *const *paths, size_t n, const dfile *fs, uint64_t key[2],
                    uint64_t *slot)
{
    sr_buf m = SR_BUF_INIT, names = SR_BUF_INIT;
    sr_buf_puts(&m, "sitrep dictionary cache");
    put_u64(&m, DICT_CACHE_FORMAT);
    sr_buf_put(&m, SR_VERSION, sizeof SR_VERSION);
    build_id(&m);
    put_u64(&m, n);
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd))
        cwd[0] = 0;
    sr_buf_put(&names, cwd, strlen(cwd) + 1);
    for (size_t i = 0; i < n; i++) {
        size_t pl = strlen(paths[i]);
        put_u64(&m, pl);
        sr_buf_put(&m, paths[i], pl);
        put_u64(&m, (uint64_t)fs[i].st.st_size);
        put_u64(&m, (uint64_t)fs[i].st.st_mtim.tv_sec);
        put_u64(&m, (uint64_t)fs[i].st.st_mtim.tv_nsec);
        put_u64(&m, fs[i].len);
        put_u64(&m, dict_hash64(fs[i].data, fs[i].len, 0));
        sr_buf_put(&names, paths[i], pl + 1);
    }
    int ok = m.data && names.data;
    if (ok) {
        key[0] = dict_hash64(m.data, m.len, 0);
        key[1] = dict_hash64(m.data, m.len, 0x9e3779b97f4a7c15ULL);
        *slot = dict_hash64(names.data, names.len, 0);
    }
    sr_buf_free(&m);
    sr_buf_free(&names);
    return ok ? 0 : SR_ENOMEM;
}

/* ---- loading ---------------------------------------------------------------------- */

typedef struct recorder {
    sr_dict *d;
    dvec warns;
    int err;
    sr_dict_warn_fn warn;
    void *ctx;
} recorder;

static void record(void *ctx, const sr_error *w)
{
    recorder *r = ctx;
    if (!r->err && dict_cache_record(&r->warns, r->d, w))
        r->err = SR_ENOMEM;
    if (r->warn)
        r->warn(r->ctx, w);
}

static int load_plain(const char *const *paths, size_t n, sr_dict **out, sr_error *err,
                      sr_dict_warn_fn warn, void *ctx)
{
    sr_dict *d = sr_dict_new();
    if (!d)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        int rc = sr_dict_load_file(d, paths[i], SR_DICT_AUTO, err, warn, ctx);
        if (rc) {
            /* The error names the set's copy of the path, which goes with
             * the set: point it at the caller's. */
            if (err && err->file)
                err->file = paths[i];
            sr_dict_free(d);
            return rc;
        }
    }
    int rc = sr_dict_compile(d, err);
    if (rc) {
        sr_dict_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

/* ---- keeping the cache folder small ------------------------------------------ */

typedef struct cached {
    char *name;
    struct timespec used;
} cached;

static int newest_first(const void *a, const void *b)
{
    const cached *x = a, *y = b;
    if (x->used.tv_sec != y->used.tv_sec)
        return x->used.tv_sec > y->used.tv_sec ? -1 : 1;
    if (x->used.tv_nsec != y->used.tv_nsec)
        return x->used.tv_nsec > y->used.tv_nsec ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Every dictionary set, and every build of sitrep, makes a cache file of
 * its own, and nothing else would ever remove the old ones: after a new
 * file is written, only the SR_DICT_CACHE_KEEP files used last stay (a hit
 * touches its file), and temporary files a killed writer left go after an
 * hour.  A process that still maps a removed file keeps reading it. */
static void prune(const char *dir)
{
    DIR *dd = opendir(dir);
    if (!dd)
        return;
    cached *v = NULL;
    size_t n = 0, cap = 0;
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(dd))) {
        const char *nm = e->d_name;
        size_t l = strlen(nm);
        int tmp = !strncmp(nm, "dict-", 5) && strstr(nm, ".srdc.tmp.");
        int file = !strncmp(nm, "dict-", 5) && l > 10 && !strcmp(nm + l - 5, ".srdc");
        struct stat st;
        if ((!tmp && !file) || fstatat(dirfd(dd), nm, &st, AT_SYMLINK_NOFOLLOW) ||
            !S_ISREG(st.st_mode))
            continue;
        if (tmp) {
            if (now - st.st_mtime > 3600)
                unlinkat(dirfd(dd), nm, 0);
            continue;
        }
        if (n == cap) {
            cached *g = realloc(v, (cap = cap ? 2 * cap : 16) * sizeof *v);
            if (!g)
                break;
            v = g;
        }
        if (!(v[n].name = strdup(nm)))
            break;
        v[n++].used = st.st_mtim;
    }
    if (n > SR_DICT_CACHE_KEEP) {
        qsort(v, n, sizeof *v, newest_first);
        for (size_t i = SR_DICT_CACHE_KEEP; i < n; i++)
            unlinkat(dirfd(dd), v[i].name, 0);
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].name);
    free(v);
    closedir(dd);
}

int sr_dict_open(const char *const *paths, size_t n, const sr_dict_cache_opts *co,
                 sr_dict **out, sr_error *err, sr_dict_warn_fn warn, void *warn_ctx)
{
    if (!out || (n && !paths))
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "no dictionary list");
    *out = NULL;
    for (size_t i = 0; i < n; i++)
        if (!paths[i])
            return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "no dictionary path");
    char dir[4096];
    if (!n || sr_dict_cache_dir(co, dir, sizeof dir))
        return load_plain(paths, n, out, err, warn, warn_ctx);

    /* Any file that cannot be read goes the plain way, which reports it. */
    dfile *fs = sr_calloc(n, sizeof *fs);
    int rc = fs ? 0 : SR_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++)
        rc = read_all(paths[i], &fs[i]);
    uint64_t key[2], slot = 0;
    if (!rc)
        rc = make_key(paths, n, fs, key, &slot);
    char path[4096 + 64];
    if (!rc && snprintf(path, sizeof path, "%s/dict-%016llx.srdc", dir,
                        (unsigned long long)slot) >= (int)sizeof path)
        rc = SR_ETOOBIG;
    if (rc) {
        for (size_t i = 0; fs && i < n; i++)
            free(fs[i].data);
        free(fs);
        return load_plain(paths, n, out, err, warn, warn_ctx);
    }

    dvec warns = {0};
    sr_dict *d = dict_cache_load(path, key, &warns);
    if (d) {
        /* Marks the file used, for prune: its time is its last use. */
        utimensat(AT_FDCWD, path, NULL, 0);
        for (size_t i = 0; i < n; i++)
            free(fs[i].data);
        free(fs);
        dict_cache_replay(d, &warns, warn, warn_ctx);
        *out = d;
        return 0;
    }

    recorder r = {sr_dict_new(), {0}, 0, warn, warn_ctx};
    rc = r.d ? 0 : sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n && !rc; i++) {
        rc = sr_dict_load_mem(r.d, paths[i], fs[i].data ? fs[i].data : "", fs[i].len,
                              SR_DICT_AUTO, err, record, &r);
        if (rc && err && err->file)
            err->file = paths[i]; /* not the set's copy, freed below */
    }
    for (size_t i = 0; i < n; i++)
        free(fs[i].data);
    free(fs);
    if (!rc)
        rc = sr_dict_compile(r.d, err);
    if (rc) {
        sr_dict_free(r.d);
        dv_free(&r.warns);
        return rc;
    }
    /* A cache that cannot be written only costs the next run its time. */
    if (!r.err && !make_dirs(dir) && !dict_cache_write(r.d, key, &r.warns, path))
        prune(dir);
    dv_free(&r.warns);
    *out = r.d;
    return 0;
}

int sr_dict_from_cache(const sr_dict *d) { return d && d->mapped; }
