/* Replays a fuzz target's inputs without libFuzzer: linked with one
 * tests/fuzz/fuzz_*.c by the ordinary compiler, so that `make test` builds
 * every target (a target that no longer compiles is caught there, not at
 * the next fuzzing session) and runs it over its seed corpus under the
 * sanitizers of the build.  Arguments are files or folders of files; each
 * input counts as one check.  A target signals trouble by crashing or
 * aborting, so a run that returns has passed every input. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    int err = ferror(f);
    fclose(f);
    if (!buf || err) {
        free(buf);
        fprintf(stderr, "replay: cannot read %s\n", path);
        return -1;
    }
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of folder dir, in name order (the same order every run). */
static int replay_dir(const char *dir, long *done)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **nn = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *nn);
            if (!nn) {
                rc = -1;
                break;
            }
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = -1;
            break;
        }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *p = malloc(len);
        if (!p || (snprintf(p, len, "%s/%s", dir, names[i]), replay_file(p)))
            rc = -1;
        else
            (*done)++;
        free(p);
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    long done = 0, bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0)
            bad++;
        else if (S_ISDIR(st.st_mode))
            bad += replay_dir(argv[i], &done) != 0;
        else if (replay_file(argv[i]) == 0)
            done++;
        else
            bad++;
    }
    const char *name = strrchr(argv[0], '/');
    printf("%s: %ld inputs replayed\n%ld passed, %ld failed\n", name ? name + 1 : argv[0], done,
           done, bad);
    return bad != 0;
}
