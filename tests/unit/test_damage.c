/*
 * test_damage.c - damaged data files sitrep reads besides its input: the
 * compiled gazetteer and the compiled-dictionary cache.
 *
 * The gazetteer is damaged in every way a file goes bad -- a wrong magic,
 * another format version or byte order, a header that lies about the size
 * or was altered, a file cut short or grown, one flipped byte in each of
 * its sections, and (with the header re-signed, so the checks behind the
 * checksums are reached) sections outside the file, a hash table of the
 * wrong size and an unterminated string pool.  Each must be refused by
 * sr_geo_open with a message saying what is wrong, and `sitrep code` given
 * it must stop with exit status 1 and that message, writing nothing.  The
 * small fixture gazetteer (tests/fuzz/corpus/geo_load/fixture.gaz, every
 * byte checksummed on open) is always used; the real one ($SITREP_GAZETTEER,
 * checked on open by a sample of blocks) when it was built: there a flipped
 * byte the sample misses may be accepted, but sr_geo_verify must catch it
 * and places must still be found without a crash.
 *
 * The dictionary cache: every cache file damaged after a first run must be
 * rebuilt by the next, which codes exactly as the first did.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../harness.h"
#include "geo/geo_int.h"
#include "geo/sr_geo.h"
#include "text/sr_text.h"
#include "util/sr_util.h"

static char sitrep[PATH_MAX + 16];
static char tmpdir[] = "/tmp/sitrep-test-damage-XXXXXX";

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    sr_buf b = SR_BUF_INIT;
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        sr_buf_put(&b, tmp, n);
    fclose(f);
    *len = b.len;
    return (unsigned char *)b.data;
}

static int spit(const char *path, const void *d, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(d, 1, n, f) == n;
    return fclose(f) == 0 && ok ? 0 : -1;
}

/* Runs build/sitrep with argv (NULL-ended, argv[0] ignored); stdout and
 * stderr land in the strings given (malloc'd); returns the exit status, or
 * -1 when it died of a signal. */
static int run(char **argv, const char *env_gaz, char **out, char **err)
{
    char po[PATH_MAX], pe[PATH_MAX];
    snprintf(po, sizeof po, "%s/out", tmpdir);
    snprintf(pe, sizeof pe, "%s/err", tmpdir);
    pid_t pid = fork();
    if (pid == 0) {
        int o = open(po, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(pe, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (o < 0 || e < 0)
            _exit(127);
        dup2(o, 1);
        dup2(e, 2);
        if (env_gaz)
            setenv("SITREP_GAZETTEER", env_gaz, 1);
        else
            unsetenv("SITREP_GAZETTEER");
        argv[0] = sitrep;
        execv(sitrep, argv);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    size_t n;
    *out = (char *)slurp(po, &n);
    *err = (char *)slurp(pe, &n);
    if (!*out)
        *out = strdup("");
    if (!*err)
        *err = strdup("");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static const char *const doc_text =
    "DAMASCUS, July 16 (Sitrep Wire) - Troops stormed the Barzeh district of Damascus. "
    "Rebels withdrew to Harasta, near Deir ez-Zor and Aleppo, in Idlib province.";

/* Places found in a few documents: what `sitrep code` asks of a gazetteer. */
static void find_places(const sr_geo *g)
{
    sr_arena *a = sr_arena_new();
    sr_text *t;
    sr_geo_doc *d;
    sr_error err;
    size_t len = strlen(doc_text);
    if (!sr_text_analyze(a, doc_text, len, NULL, 0, &t, &err) &&
        !sr_geo_find(g, a, doc_text, len, t, NULL, &d, &err)) {
        size_t np;
        const sr_geo_place *p = sr_geo_doc_places(d, &np);
        sr_buf b = SR_BUF_INIT;
        for (size_t k = 0; k < np; k++)
            sr_geo_place_json(&p[k], &b);
        sr_buf_free(&b);
    }
    sr_arena_free(a);
}

typedef struct damage {
    const char *what;     /* what was done, for failure messages */
    const char *why;      /* a part of the message the refusal must carry */
    int cli;              /* also run `sitrep code` on it */
} damage;

/* The damaged bytes d (n) must be refused with a message holding why. */
static void refused(const char *label, const damage *dm, const unsigned char *d, size_t n)
{
    sr_geo *g = NULL;
    sr_error err;
    sr_error_clear(&err);
    int rc = sr_geo_open_mem(d, n, &g, &err);
    CHECK_EQ_INT(rc, SR_EPARSE);
    if (rc != SR_EPARSE)
        fprintf(stderr, "  %s: %s: accepted\n", label, dm->what);
    else if (!strstr(err.msg, dm->why)) {
        CHECK(strstr(err.msg, dm->why) != NULL);
        fprintf(stderr, "  %s: %s: message '%s' lacks '%s'\n", label, dm->what, err.msg, dm->why);
    }
    sr_geo_close(g);
    if (!dm->cli)
        return;
    char path[PATH_MAX], in[PATH_MAX];
    snprintf(path, sizeof path, "%s/bad.gaz", tmpdir);
    snprintf(in, sizeof in, "%s/doc.txt", tmpdir);
    CHECK(spit(path, d, n) == 0);
    CHECK(spit(in, doc_text, strlen(doc_text)) == 0);
    /* Given by --gazetteer, and as the default ($SITREP_GAZETTEER). */
    for (int how = 0; how < 2; how++) {
        char *argv[] = {NULL, "code", "--no-dict-cache", "--gazetteer", path, in, NULL};
        char *argv2[] = {NULL, "code", "--no-dict-cache", in, NULL};
        char *out, *errs;
        int st = run(how ? argv2 : argv, how ? path : NULL, &out, &errs);
        CHECK_EQ_INT(st, 1);
        CHECK(strstr(errs, "bad.gaz") && strstr(errs, dm->why));
        CHECK_EQ_INT(strlen(out), 0);
        if (st != 1 || !strstr(errs, dm->why))
            fprintf(stderr, "  %s: %s: sitrep code exit %d, stderr: %.300s\n", label, dm->what,
                    st, errs);
        free(out);
        free(errs);
    }
}

/* Re-signs a header whose fields were changed, so the checks behind the
 * checksums see it. */
static void resign(unsigned char *d, size_t n)
{
    gz_header *h = (gz_header *)d;
    h->sum_sample = geo_sample_sum(d + sizeof *h, n - sizeof *h);
    h->sum_header = 0;
    gz_header hc;
    memcpy(&hc, h, sizeof hc);
    h->sum_header = geo_checksum((const unsigned char *)&hc, sizeof hc);
}

static void damage_gazetteer(const char *label, const unsigned char *orig, size_t n, int small)
{
    sr_geo *g = NULL;
    sr_error err;
    int rc = sr_geo_open_mem(orig, n, &g, &err);
    CHECK_EQ_INT(rc, SR_OK);
    if (rc) {
        fprintf(stderr, "  %s: the undamaged file is refused: %s\n", label, err.msg);
        return;
    }
    find_places(g);
    sr_geo_close(g);
    unsigned char *d = malloc(n + 64);
    const gz_header *oh = (const gz_header *)orig;
    gz_header *h = (gz_header *)d;
#define FRESH() memcpy(d, orig, n)

    FRESH();
    memcpy(h->magic, "NOTAGAZ!", 8);
    refused(label, &(damage){"wrong magic", "wrong magic", 1}, d, n);
    FRESH();
    h->version = GZ_VERSION + 1;
    refused(label, &(damage){"another version", "rebuild it", 1}, d, n);
    FRESH();
    h->version = GZ_VERSION - 1;
    refused(label, &(damage){"an older version", "rebuild it", 0}, d, n);
    FRESH();
    h->byte_order = 0x04030201u;
    refused(label, &(damage){"other byte order", "byte order", 0}, d, n);
    FRESH();
    h->file_size += 8;
    refused(label, &(damage){"size in header", "truncated", 0}, d, n);
    FRESH();
    h->nrec ^= 1;
    refused(label, &(damage){"a header field", "header checksum", 1}, d, n);

    static const struct {
        const char *what;
        size_t keep; /* 0: n/2, 1: n-1, 2: header, 3: header-1, 4: 10 bytes, 5: none */
    } cuts[] = {{"cut to half", 0}, {"last byte cut", 1}, {"only the header", 2},
                {"header cut", 3},  {"10 bytes", 4},     {"empty", 5}};
    for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
        size_t keep = cuts[k].keep == 0   ? n / 2
                      : cuts[k].keep == 1 ? n - 1
                      : cuts[k].keep == 2 ? sizeof(gz_header)
                      : cuts[k].keep == 3 ? sizeof(gz_header) - 1
                      : cuts[k].keep == 4 ? 10
                                          : 0;
        FRESH();
        refused(label,
                &(damage){cuts[k].what, keep < sizeof(gz_header) ? "too short" : "truncated",
                          k == 0},
                d, keep);
    }
    FRESH();
    memset(d + n, 0, 64);
    refused(label, &(damage){"grown by 64 bytes", "truncated", 1}, d, n + 64);

    /* One flipped byte in the middle of each section. */
    static const char *const names[] = {"records", "admin1", "key table", "postings",
                                        "words and key filter", "strings"};
    const uint64_t offs[] = {oh->off_rec,  oh->off_adm, oh->off_key, oh->off_post,
                             oh->off_word, oh->off_str};
    const uint64_t lens[] = {oh->nrec * sizeof(gz_rec),         oh->nadm * sizeof(gz_adm),
                             oh->nkbucket * sizeof(gz_kbucket), oh->npost * sizeof(gz_post),
                             oh->nwbucket * sizeof(gz_wbucket), oh->nstr};
    for (size_t s = 0; s < sizeof names / sizeof *names; s++) {
        if (!lens[s])
            continue;
        FRESH();
        d[offs[s] + lens[s] / 2] ^= 0x5a;
        char what[64];
        snprintf(what, sizeof what, "a flipped byte in the %s", names[s]);
        if (small) {
            refused(label, &(damage){what, "checksum", s == 0 || s == 5}, d, n);
            continue;
        }
        /* A large file is checked on open by a sample of its blocks: what
         * the sample misses is caught by sr_geo_verify, and meanwhile
         * gives wrong places at worst, never a crash. */
        g = NULL;
        if (sr_geo_open_mem(d, n, &g, &err) == SR_OK) {
            CHECK_EQ_INT(sr_geo_verify(g, &err), SR_EPARSE);
            find_places(g);
            sr_geo_close(g);
        } else {
            CHECK(strstr(err.msg, "checksum") != NULL);
        }
    }

    /* Structural damage behind re-signed checksums. */
    FRESH();
    h->off_str = n + 8;
    resign(d, n);
    refused(label, &(damage){"a section past the end", "outside the file", 0}, d, n);
    FRESH();
    h->off_rec += 4;
    resign(d, n);
    refused(label, &(damage){"a misaligned section", "outside the file", 0}, d, n);
    FRESH();
    h->nkbucket = 3;
    resign(d, n);
    refused(label, &(damage){"a key table of 3 buckets", "power of two", 0}, d, n);
    FRESH();
    h->nwbucket = 6;
    resign(d, n);
    refused(label, &(damage){"a word table of 6 buckets", "power of two", 0}, d, n);
    FRESH();
    d[oh->off_str + oh->nstr - 1] = 'x';
    resign(d, n);
    refused(label, &(damage){"an unterminated string pool", "not terminated", 0}, d, n);
    /* Coordinates at the ends of their type behind valid checksums: the
     * neighbours' window around a place must not overflow (a fuzz finding
     * of fuzz_geo_load; UBSan stops the sanitizer build there without the
     * fix).  Places are found or not, without a crash. */
    FRESH();
    for (uint64_t i = 0; i < oh->nrec; i++) {
        gz_rec *r = (gz_rec *)(d + oh->off_rec) + i;
        r->lat = i % 2 ? INT32_MIN + 3 : INT32_MAX - 3;
        r->lon = i % 3 ? INT32_MIN + 3 : INT32_MAX - 3;
    }
    h->sum_full = geo_checksum(d + sizeof *h, n - sizeof *h);
    resign(d, n);
    g = NULL;
    rc = sr_geo_open_mem(d, n, &g, &err);
    CHECK(rc == SR_OK || strstr(err.msg, "checksum") == NULL);
    if (rc == SR_OK) {
        find_places(g);
        sr_geo_close(g);
    }
#undef FRESH
    free(d);
}

static void test_gazetteer_fixture(void)
{
    size_t n;
    unsigned char *d = slurp("tests/fuzz/corpus/geo_load/fixture.gaz", &n);
    CHECK(d != NULL);
    if (d)
        damage_gazetteer("fixture.gaz", d, n, 1);
    free(d);
}

static void test_gazetteer_real(void)
{
    const char *p = getenv("SITREP_GAZETTEER");
    size_t n;
    unsigned char *d = p ? slurp(p, &n) : NULL;
    if (!d) {
        printf("damage: the built gazetteer is not checked (none built)\n");
        return;
    }
    damage_gazetteer(p, d, n, 0);
    free(d);
}

/* Every file of the cache folder damaged: cut in half, or bytes flipped. */
static void damage_cache(const char *dir, int how)
{
    DIR *dp = opendir(dir);
    CHECK(dp != NULL);
    if (!dp)
        return;
    struct dirent *de;
    int files = 0;
    while ((de = readdir(dp))) {
        if (de->d_name[0] == '.')
            continue;
        char p[PATH_MAX + 256];
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        size_t n;
        unsigned char *d = slurp(p, &n);
        if (!d)
            continue;
        files++;
        if (how == 0)
            n /= 2;
        else
            for (size_t i = 0; i < n; i += 997)
                d[i] ^= 0xff;
        CHECK(spit(p, d, n) == 0);
        free(d);
    }
    closedir(dp);
    CHECK(files > 0);
}

static void test_dict_cache(void)
{
    char cache[PATH_MAX], in[PATH_MAX];
    snprintf(cache, sizeof cache, "%s/cache", tmpdir);
    snprintf(in, sizeof in, "%s/docs.txt", tmpdir);
    const char *recs = "950101  R1\nGondor attacked Rohan with swords at dawn today.\n\n";
    CHECK(spit(in, recs, strlen(recs)) == 0);
    char *argv[] = {NULL, "code", "--dict-cache", cache, "--dict", "tests/fixtures/dict/t.actors",
                    "--dict", "tests/fixtures/dict/t.verbs", in, NULL};
    char *first, *out, *errs;
    CHECK_EQ_INT(run(argv, "off", &first, &errs), 0);
    free(errs);
    CHECK(strstr(first, "\"code\":\"190\"") != NULL);
    for (int how = 0; how < 2; how++) {
        damage_cache(cache, how);
        CHECK_EQ_INT(run(argv, "off", &out, &errs), 0);
        CHECK_EQ_STR(out, first);
        free(out);
        free(errs);
    }
    free(first);
}

int main(int argc, char **argv)
{
    /* build/sitrep: two folders up from build/tests/test_damage. */
    (void)argc;
    char self[PATH_MAX];
    snprintf(self, sizeof self, "%s", argv[0]);
    char *slash = strrchr(self, '/');
    if (slash)
        *slash = 0;
    snprintf(sitrep, sizeof sitrep, "%s/../sitrep", slash ? self : ".");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }
    RUN(test_gazetteer_fixture);
    RUN(test_gazetteer_real);
    RUN(test_dict_cache);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd))
        fprintf(stderr, "damage: could not remove %s\n", tmpdir);
    return harness_done("damage");
}
