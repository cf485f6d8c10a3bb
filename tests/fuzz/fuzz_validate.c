/* libFuzzer target: the readers of `sitrep validate` -- TABARI validation
 * records with their { SRC / TGT / CODE } expectations and { OPTION: }
 * settings, PETRARCH unit-test XML (through libxml2), and the .project
 * file that names a validation file's dictionaries.  The command itself
 * (src/cli/cmd_validate.c, compiled in here) runs on the input written to
 * a file.  The first byte picks the case:
 *   0: TABARI records, with the TABARI fixture dictionaries given by --dict
 *   1: PETRARCH XML, with the PETRARCH fixture dictionaries
 *   2: a .project file, a NUL byte, then TABARI records; no --dict, so the
 *      project names the dictionaries (the fixture set lies beside it).
 * Run from the repository's top folder; scripts/fuzz.sh passes
 * -close_fd_mask=3 (tests/fuzz/validate.flags) since the command reports
 * on standard output and error. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/cli/cmd_validate.c"
#include "../../src/cli/validate_dicts.c"
/* libxml2 is opened on first use, as in the binary. */
#include "../../src/cli/xml_lazy.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

_Noreturn void cli_oom(void)
{
    abort();
}

static char dir[] = "/tmp/sitrep-fuzz-validate-XXXXXX";
static int ready;

static void init(void)
{
    ready = 1;
    if (!mkdtemp(dir))
        abort();
    /* The fixture dictionaries beside the files, for .project files. */
    static const char *const names[] = {"t.actors", "t.agents", "t.verbs", "t.options"};
    char cwd[PATH_MAX], from[PATH_MAX * 2], to[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        abort();
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(from, sizeof from, "%s/tests/fixtures/dict/%s", cwd, names[i]);
        snprintf(to, sizeof to, "%s/%s", dir, names[i]);
        if (symlink(from, to) && access(to, R_OK))
            abort();
    }
    setenv("SITREP_NO_DICT_CACHE", "1", 1);
}

static void put(const char *path, const uint8_t *d, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (n)
        fwrite(d, 1, n, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready)
        init();
    if (size < 1 || size > 65536)
        return 0;
    int mode = data[0] % 3;
    data++;
    size--;
    char file[PATH_MAX], proj[PATH_MAX];
    snprintf(file, sizeof file, "%s/%s", dir, mode == 1 ? "records.xml" : "records.txt");
    snprintf(proj, sizeof proj, "%s/fuzz.project", dir);
    char *argv[16];
    int argc = 0;
    argv[argc++] = "validate";
    if (mode == 2) {
        const uint8_t *nul = memchr(data, 0, size);
        size_t pl = nul ? (size_t)(nul - data) : size;
        put(proj, data, pl);
        put(file, nul ? nul + 1 : data + size, nul ? size - pl - 1 : 0);
    } else {
        put(file, data, size);
        static const char *const t[] = {"t.actors", "t.agents", "t.verbs", "t.options"};
        static const char *const p[] = {"p.actors.txt", "p.agents.txt", "p.verbs.txt", NULL};
        static char paths[4][PATH_MAX];
        for (int k = 0; k < 4; k++) {
            const char *n = mode == 0 ? t[k] : p[k];
            if (!n)
                continue;
            snprintf(paths[k], sizeof paths[k], "tests/fixtures/dict/%s", n);
            argv[argc++] = "--dict";
            argv[argc++] = paths[k];
        }
    }
    argv[argc++] = "-v";
    argv[argc++] = file;
    argv[argc] = NULL;
    cmd_validate(argc, argv);
    unlink(file);
    unlink(proj);
    return 0;
}
