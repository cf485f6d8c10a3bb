/* Unit tests for the compiled-set cache (src/dict/cache.c, open.c): a cached
 * set answers as the compiled one does and replays the load warnings; a
 * changed dictionary file, and a cache file that is truncated, corrupt, of
 * another version or not a cache at all, is rebuilt without a crash;
 * parallel writers leave one good file. */
#include "../harness.h"
#include "dict/dict_int.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char tmpdir[256], cachedir[300];

static const char ACTORS[] =
    "ARNOR [ARN]\n"
    "GONDOR [GON]\n"
    "MINAS_TIRITH [GON]\n"
    "THE_SHIRE [SHR]\n"
    "FORNOST_ [ARN [ARN 2900-3000] [FOR >3001]]\n"
    "bad line without a code\n"
    "<NOUN>\nHOBBIT_\n</NOUN>\n";
static const char VERBS[] =
    "<SYNSET>\n&WEAPON\n+SWORD_\n+AXE_\n+BOW_AND_ARROW\n</SYNSET>\n"
    "ATTACK_ [190]\n"
    "- * &WEAPON [195]\n"
    "- $ * + WITH_ &WEAPON [194]\n"
    "- * {PEACE_ | TRUCE_} [036]\n"
    "MEET_ [040]\n"
    "- * WITH + [042]\n"
    "ACCUSE [112]\n"
    "[oops\n";
static const char AGENTS[] = "SOLDIER_ [~MIL]\nKING_ [~GOV]\n";
static const char OPTIONS[] = "SET: CODE ALL\nLABEL: 190 = attack\n";

static char paths[4][400];
static const char *plist[4] = {paths[0], paths[1], paths[2], paths[3]};

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fwrite(text, 1, strlen(text), f);
    fclose(f);
}

typedef struct wlog {
    int n;
    char text[64][700];
} wlog;

static void collect(void *ctx, const sr_error *w)
{
    wlog *l = ctx;
    if (l->n < 64)
        snprintf(l->text[l->n], sizeof l->text[0], "%s:%ld:%ld:%d:%s", w->file ? w->file : "-",
                 w->line, w->byte, w->code, w->msg);
    l->n++;
}

static sr_dict *open_set(int disable, wlog *l, int *from_cache)
{
    sr_dict_cache_opts co = {cachedir, disable};
    sr_dict *d = NULL;
    sr_error e;
    sr_error_clear(&e);
    if (l)
        memset(l, 0, sizeof *l);
    int rc = sr_dict_open(plist, 4, &co, &d, &e, l ? collect : NULL, l);
    if (rc)
        fprintf(stderr, "sr_dict_open: %s\n", e.msg);
    if (from_cache)
        *from_cache = d ? sr_dict_from_cache(d) : -1;
    return d;
}

/* The one cache file in cachedir (path into buf); 0 when there is none or
 * more than one, or a temporary file is left. */
static int cache_file(char *buf, size_t cap)
{
    DIR *dr = opendir(cachedir);
    if (!dr)
        return 0;
    int n = 0, tmp = 0;
    struct dirent *e;
    while ((e = readdir(dr))) {
        if (e->d_name[0] == '.')
            continue;
        if (strstr(e->d_name, ".tmp."))
            tmp++;
        else
            n++;
        snprintf(buf, cap, "%s/%s", cachedir, e->d_name);
    }
    closedir(dr);
    return n == 1 && !tmp;
}

/* Everything a caller can ask, as text: counts, phrases, patterns, labels
 * and the longest match of every table at every word of a few sentences. */
static void describe(const sr_dict *d, sr_buf *out)
{
    for (int k = 0; k < SR_DICT_N__COUNT; k++)
        sr_buf_printf(out, "n%d=%zu ", k, sr_dict_count(d, k));
    for (uint32_t p = 0; p < sr_dict_count(d, SR_DICT_N_PHRASES); p++) {
        sr_dict_phrase ph;
        if (!sr_dict_phrase_get(d, p, &ph))
            sr_buf_printf(out, "[%s %s:%ld %d %u]", ph.text, ph.file, ph.line, ph.table, ph.entry);
    }
    for (uint32_t p = 0; p < sr_dict_count(d, SR_DICT_N_PATTERNS); p++) {
        sr_dict_pattern pt;
        if (!sr_dict_pattern_get(d, p, &pt))
            sr_buf_printf(out, "<%s %u %u %s %u>", pt.text, pt.nelems, pt.nneed,
                          pt.code.code ? pt.code.code : "-", pt.length);
    }
    const char *lab = sr_dict_label(d, "190");
    sr_buf_printf(out, "label=%s ", lab ? lab : "-");
    sr_dict_options o;
    sr_dict_options_get(d, &o);
    sr_buf_printf(out, "code_by=%d dialect=%d ", o.code_by, sr_dict_dialect(d));
    static const char *const sents[] = {
        "the king of gondor attacked arnor with a sword",
        "arnor soldiers met with the shire hobbits",
        "fornost accused minas tirith of an attack with bow and arrow",
        "gondor 's king attacks peace"};
    sr_arena *a = sr_arena_new();
    for (size_t s = 0; s < sizeof sents / sizeof *sents; s++) {
        const char *w[32];
        size_t l[32], n = 0;
        for (const char *p = sents[s]; *p && n < 32;) {
            while (*p == ' ')
                p++;
            const char *e = p;
            while (*e && *e != ' ')
                e++;
            w[n] = p;
            l[n++] = (size_t)(e - p);
            p = e;
        }
        sr_dict_seq *q;
        if (sr_dict_seq_from_words(d, a, w, l, n, &q))
            continue;
        for (int t = 0; t < SR_DICT_T__COUNT; t++)
            for (size_t i = 0; i < n; i++) {
                sr_dict_match m;
                if (sr_dict_match_longest(d, t, q, i, n, NULL, &m) == 1)
                    sr_buf_printf(out, "{%d %zu-%zu %u %u}", t, m.start, m.end, m.entry, m.phrase);
            }
        for (uint32_t y = 0; y < sr_dict_count(d, SR_DICT_N_SYNSETS); y++)
            for (size_t i = 0; i < n; i++) {
                sr_dict_match m;
                if (sr_dict_synset_match(d, y, q, i, n, NULL, &m) == 1)
                    sr_buf_printf(out, "(syn %u %zu-%zu)", y, m.start, m.end);
            }
    }
    sr_arena_free(a);
}

static void check_same(const sr_dict *a, const sr_dict *b)
{
    sr_buf x = SR_BUF_INIT, y = SR_BUF_INIT;
    describe(a, &x);
    describe(b, &y);
    CHECK(x.len > 100);
    CHECK(x.len == y.len && memcmp(x.data, y.data, x.len) == 0);
    sr_buf_free(&x);
    sr_buf_free(&y);
}

static int same_warnings(const wlog *a, const wlog *b)
{
    if (a->n != b->n)
        return 0;
    for (int i = 0; i < a->n && i < 64; i++)
        if (strcmp(a->text[i], b->text[i]))
            return 0;
    return 1;
}

static void setup(void)
{
    snprintf(paths[0], sizeof paths[0], "%s/c.actors", tmpdir);
    snprintf(paths[1], sizeof paths[1], "%s/c.verbs", tmpdir);
    snprintf(paths[2], sizeof paths[2], "%s/c.agents", tmpdir);
    snprintf(paths[3], sizeof paths[3], "%s/c.options", tmpdir);
    write_file(paths[0], ACTORS);
    write_file(paths[1], VERBS);
    write_file(paths[2], AGENTS);
    write_file(paths[3], OPTIONS);
    snprintf(cachedir, sizeof cachedir, "%s/cache/sub", tmpdir);
}

static void test_roundtrip(void)
{
    wlog w0, w1, w2;
    int fc;
    sr_dict *plain = open_set(1, &w0, &fc);
    CHECK(plain && fc == 0);
    char f[600];
    CHECK(!cache_file(f, sizeof f)); /* disabled: nothing written */
    sr_dict *cold = open_set(0, &w1, &fc);
    CHECK(cold && fc == 0);
    CHECK(cache_file(f, sizeof f));
    sr_dict *warm = open_set(0, &w2, &fc);
    CHECK(warm && fc == 1);
    CHECK(w0.n >= 2);
    CHECK(same_warnings(&w0, &w1));
    CHECK(same_warnings(&w0, &w2));
    CHECK_EQ_INT(sr_dict_warning_count(warm), sr_dict_warning_count(plain));
    if (plain && warm) {
        check_same(plain, warm);
        CHECK(sr_dict_load_mem(warm, "x.actors", "A [B]\n", 6, SR_DICT_AUTO, NULL, NULL, NULL) ==
              SR_EINVAL); /* compiled: no more loading */
    }
    sr_dict_free(plain);
    sr_dict_free(cold);
    sr_dict_free(warm);
}

/* Damages the cache file with fn, then: the next open rebuilds (and says
 * the same), the one after reads the rebuilt file. */
static void damaged(const char *what, void (*fn)(const char *path))
{
    char f[600];
    wlog w0, w1;
    int fc;
    sr_dict *ref = open_set(1, &w0, &fc);
    sr_dict *d = open_set(0, NULL, &fc); /* make sure a good file exists */
    sr_dict_free(d);
    CHECK(cache_file(f, sizeof f));
    fn(f);
    d = open_set(0, &w1, &fc);
    if (!d || fc != 0)
        fprintf(stderr, "damage '%s' not detected\n", what);
    CHECK(d && fc == 0);
    CHECK(same_warnings(&w0, &w1));
    if (d && ref)
        check_same(ref, d);
    sr_dict_free(d);
    d = open_set(0, NULL, &fc);
    CHECK(d && fc == 1);
    sr_dict_free(d);
    sr_dict_free(ref);
}

static long fsize(const char *p)
{
    struct stat st;
    return stat(p, &st) ? -1 : (long)st.st_size;
}

static void poke(const char *p, long at, unsigned char x)
{
    int fd = open(p, O_RDWR);
    unsigned char c = 0;
    if (fd < 0)
        return;
    if (pread(fd, &c, 1, at) == 1) {
        c ^= x;
        if (pwrite(fd, &c, 1, at) != 1)
            fprintf(stderr, "pwrite failed\n");
    }
    close(fd);
}

static void dmg_half(const char *p) { CHECK(truncate(p, fsize(p) / 2) == 0); }
static void dmg_short(const char *p) { CHECK(truncate(p, 10) == 0); }
static void dmg_empty(const char *p) { CHECK(truncate(p, 0) == 0); }
static void dmg_magic(const char *p) { poke(p, 0, 0xff); }
static void dmg_format(const char *p) { poke(p, 8, 0x01); }  /* format field */
static void dmg_version(const char *p) { poke(p, 16, 0x02); } /* version string */
static void dmg_key(const char *p) { poke(p, 40, 0x80); }
static void dmg_body(const char *p) { poke(p, fsize(p) / 2, 0x10); }
static void dmg_last(const char *p) { poke(p, fsize(p) - 1, 0x01); }
static void dmg_grow(const char *p)
{
    FILE *f = fopen(p, "ab");
    if (f) {
        fputs("trailing", f);
        fclose(f);
    }
}
static void dmg_noise(const char *p)
{
    long n = fsize(p);
    FILE *f = fopen(p, "wb");
    if (!f)
        return;
    srand(7);
    for (long i = 0; i < n; i++)
        fputc(rand() & 0xff, f);
    fclose(f);
}
static void dmg_text(const char *p) { write_file(p, "this is not a cache file\n"); }

static void test_damage(void)
{
    damaged("half", dmg_half);
    damaged("short", dmg_short);
    damaged("empty", dmg_empty);
    damaged("magic", dmg_magic);
    damaged("format", dmg_format);
    damaged("version", dmg_version);
    damaged("key", dmg_key);
    damaged("body", dmg_body);
    damaged("last byte", dmg_last);
    damaged("grown", dmg_grow);
    damaged("noise", dmg_noise);
    damaged("text", dmg_text);
}

/* A changed dictionary file (content, or only its time) makes the cache
 * stale; the new content is what the set holds. */
static void test_stale(void)
{
    int fc;
    sr_dict *d = open_set(0, NULL, &fc);
    sr_dict_free(d);
    d = open_set(0, NULL, &fc);
    CHECK(fc == 1);
    sr_dict_free(d);
    char more[sizeof ACTORS + 64];
    snprintf(more, sizeof more, "%sRIVENDELL [RIV]\n", ACTORS);
    write_file(paths[0], more);
    d = open_set(0, NULL, &fc);
    CHECK(d && fc == 0);
    CHECK(d && sr_dict_word_id(d, "rivendell", 9) != 0);
    sr_dict_free(d);
    d = open_set(0, NULL, &fc);
    CHECK(d && fc == 1 && sr_dict_word_id(d, "rivendell", 9) != 0);
    sr_dict_free(d);
    /* Same bytes, new time. */
    struct timespec ts[2] = {{0, UTIME_OMIT}, {1000000000, 0}};
    CHECK(utimensat(AT_FDCWD, paths[0], ts, 0) == 0);
    d = open_set(0, NULL, &fc);
    CHECK(d && fc == 0);
    sr_dict_free(d);
    write_file(paths[0], ACTORS);
    d = open_set(0, NULL, &fc);
    CHECK(d && fc == 0 && sr_dict_word_id(d, "rivendell", 9) == 0);
    sr_dict_free(d);
}

/* Errors are the loader's, cache or not; an unusable cache folder only
 * costs the cache. */
static void test_errors(void)
{
    const char *bad[1] = {"/nonexistent/x.actors"};
    sr_dict_cache_opts co = {cachedir, 0};
    sr_dict *d = (sr_dict *)1;
    sr_error e;
    sr_error_clear(&e);
    CHECK_EQ_INT(sr_dict_open(bad, 1, &co, &d, &e, NULL, NULL), SR_EIO);
    CHECK(d == NULL);
    CHECK(strstr(e.msg, "cannot open") != NULL);
    char filedir[400];
    snprintf(filedir, sizeof filedir, "%s/plainfile", tmpdir);
    write_file(filedir, "x");
    co.dir = filedir; /* a file, not a folder */
    CHECK_EQ_INT(sr_dict_open(plist, 4, &co, &d, &e, NULL, NULL), 0);
    CHECK(d && !sr_dict_from_cache(d));
    sr_dict_free(d);
    char buf[64];
    sr_dict_cache_opts off = {NULL, 1};
    CHECK_EQ_INT(sr_dict_cache_dir(&off, buf, sizeof buf), SR_EINVAL);
    sr_dict_cache_opts some = {"/x/y", 0};
    CHECK_EQ_INT(sr_dict_cache_dir(&some, buf, sizeof buf), 0);
    CHECK_EQ_STR(buf, "/x/y");
    CHECK_EQ_INT(sr_dict_cache_dir(&some, buf, 3), SR_ETOOBIG);
    setenv("SITREP_NO_DICT_CACHE", "1", 1);
    CHECK_EQ_INT(sr_dict_cache_dir(&some, buf, sizeof buf), SR_EINVAL);
    setenv("SITREP_NO_DICT_CACHE", "0", 1);
    CHECK_EQ_INT(sr_dict_cache_dir(&some, buf, sizeof buf), 0);
    unsetenv("SITREP_NO_DICT_CACHE");
    CHECK_EQ_INT(sr_dict_open(NULL, 0, &co, &d, &e, NULL, NULL), 0); /* empty set */
    CHECK(d && sr_dict_is_compiled(d));
    sr_dict_free(d);
}

/* Several processes building the same cache at once: all get the set, and
 * one whole cache file is left, with no temporary files. */
static void test_parallel(void)
{
    char f[600];
    if (cache_file(f, sizeof f))
        unlink(f);
    enum { N = 6 };
    pid_t pid[N];
    for (int k = 0; k < N; k++) {
        pid[k] = fork();
        if (pid[k] == 0) {
            int fc;
            sr_dict *d = open_set(0, NULL, &fc);
            _exit(d && sr_dict_count(d, SR_DICT_N_ACTORS) == 6 ? 0 : 1);
        }
    }
    for (int k = 0; k < N; k++) {
        int st = 0;
        CHECK(pid[k] > 0 && waitpid(pid[k], &st, 0) == pid[k] && WIFEXITED(st) &&
              WEXITSTATUS(st) == 0);
    }
    CHECK(cache_file(f, sizeof f));
    int fc;
    sr_dict *d = open_set(0, NULL, &fc);
    CHECK(d && fc == 1);
    sr_dict_free(d);
}

/* Single-byte damage anywhere, with the checksum not looked at: the
 * structural checks must reject the image or leave a set that answers
 * without crashing (run under ASan by make check). */
static void test_mutations(void)
{
    char f[600];
    int fc;
    sr_dict *d = open_set(0, NULL, &fc);
    sr_dict_free(d);
    CHECK(cache_file(f, sizeof f));
    long n = fsize(f);
    CHECK(n > 0);
    uint64_t *img = malloc((size_t)n + 8), *mut = malloc((size_t)n + 8);
    FILE *fp = fopen(f, "rb");
    CHECK(img && mut && fp && fread(img, 1, (size_t)n, fp) == (size_t)n);
    if (fp)
        fclose(fp);
    if (!img || !mut) {
        free(img);
        free(mut);
        return;
    }
    d = dict_cache_load_mem(img, (size_t)n, NULL, 0, NULL);
    CHECK(d != NULL); /* the image itself is good */
    sr_dict_free(d);
    srand(11);
    int loaded = 0;
    for (int it = 0; it < 3000; it++) {
        memcpy(mut, img, (size_t)n);
        unsigned char *b = (unsigned char *)mut;
        int flips = 1 + rand() % 3;
        for (int k = 0; k < flips; k++)
            b[64 + rand() % (n - 64)] ^= (unsigned char)(1u << (rand() % 8));
        dvec warns = {0};
        d = dict_cache_load_mem(mut, (size_t)n, NULL, DC_NO_CHECKSUM, &warns);
        if (!d)
            continue;
        loaded++;
        sr_buf out = SR_BUF_INIT;
        describe(d, &out);
        dict_cache_replay(d, &warns, NULL, NULL);
        sr_buf_free(&out);
        sr_dict_free(d);
        /* With the checksum, the same damage is always caught. */
        CHECK(dict_cache_load_mem(mut, (size_t)n, NULL, 0, NULL) == NULL);
    }
    CHECK(loaded > 0); /* some damage (in strings, codes) is harmless */
    free(img);
    free(mut);
}

/* A file named name in dir, its time set seconds_ago in the past. */
static void plant(const char *dir, const char *name, long seconds_ago)
{
    char f[700];
    snprintf(f, sizeof f, "%s/%s", dir, name);
    write_file(f, "not a cache");
    struct timespec t[2];
    t[0].tv_sec = t[1].tv_sec = time(NULL) - seconds_ago;
    t[0].tv_nsec = t[1].tv_nsec = 0;
    utimensat(AT_FDCWD, f, t, 0);
}

static int exists_in(const char *dir, const char *name)
{
    char f[700];
    struct stat st;
    snprintf(f, sizeof f, "%s/%s", dir, name);
    return stat(f, &st) == 0;
}

/* The cache folder keeps the SR_DICT_CACHE_KEEP files used last: writing a
 * new one removes older ones (and temporary files over an hour old, but
 * nothing that is not the cache's), and a hit marks its file used. */
static void test_prune(void)
{
    char dir[400];
    snprintf(dir, sizeof dir, "%s/prune", tmpdir);
    CHECK_EQ_INT(mkdir(dir, 0700), 0);
    enum { OLD = 12 };
    char name[64];
    for (int i = 0; i < OLD; i++) { /* dict-...00 is the newest */
        snprintf(name, sizeof name, "dict-%016x.srdc", i);
        plant(dir, name, 3600L * (i + 1));
    }
    plant(dir, "dict-00000000000000aa.srdc.tmp.AbCdEf", 7200);
    plant(dir, "dict-00000000000000bb.srdc.tmp.AbCdEf", 60);
    plant(dir, "notes.txt", 86400 * 30);
    sr_dict_cache_opts co = {dir, 0};
    sr_dict *d = NULL;
    sr_error e;
    CHECK_EQ_INT(sr_dict_open(plist, 4, &co, &d, &e, NULL, NULL), 0);
    CHECK(d && !sr_dict_from_cache(d));
    sr_dict_free(d);
    int kept = 0;
    for (int i = 0; i < OLD; i++) {
        snprintf(name, sizeof name, "dict-%016x.srdc", i);
        int in = exists_in(dir, name);
        kept += in;
        CHECK_EQ_INT(in, i < SR_DICT_CACHE_KEEP - 1); /* the new file is one of those kept */
    }
    CHECK_EQ_INT(kept, SR_DICT_CACHE_KEEP - 1);
    CHECK(!exists_in(dir, "dict-00000000000000aa.srdc.tmp.AbCdEf"));
    CHECK(exists_in(dir, "dict-00000000000000bb.srdc.tmp.AbCdEf"));
    CHECK(exists_in(dir, "notes.txt"));

    /* A hit makes its file the newest again. */
    char f[600];
    if (cache_file(f, sizeof f)) {
        struct timespec t[2] = {{time(NULL) - 86400, 0}, {time(NULL) - 86400, 0}};
        utimensat(AT_FDCWD, f, t, 0);
        int fc;
        d = open_set(0, NULL, &fc);
        CHECK(d && fc == 1);
        sr_dict_free(d);
        struct stat st;
        CHECK(stat(f, &st) == 0 && st.st_mtime >= time(NULL) - 60);
    } else {
        CHECK(!"one cache file in the main cache folder");
    }
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_dict_cache.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    unsetenv("SITREP_NO_DICT_CACHE");
    setup();
    RUN(test_roundtrip);
    RUN(test_damage);
    RUN(test_stale);
    RUN(test_errors);
    RUN(test_parallel);
    RUN(test_mutations);
    RUN(test_prune);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return harness_done("test_dict_cache");
}
