/* Where the command-line tool finds what ships beside the binary. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cli_exe_dir(char *buf, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
    if (n <= 0 || (size_t)n >= cap - 1)
        return -1;
    buf[n] = 0;
    char *slash = strrchr(buf, '/');
    if (!slash)
        return -1;
    slash[1] = 0;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cli_builtin_dicts(char ***out, size_t *n, char *dir, size_t cap)
{
    *out = NULL;
    *n = 0;
    dir[0] = 0;
    const char *env = getenv("SITREP_DICT_DIR");
    if (env && !strcmp(env, "off"))
        return 0;
    if (env && *env) {
        snprintf(dir, cap, "%s/", env);
    } else if (cap < 16 || cli_exe_dir(dir, cap - 8)) {
        snprintf(dir, cap, "dict/ beside the sitrep binary");
        return -1;
    } else {
        strcat(dir, "dict/");
    }
    DIR *dh = opendir(dir);
    if (!dh)
        return -1;
    char **list = NULL;
    size_t cap_list = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".txt") || de->d_name[0] == '.')
            continue;
        if (*n + 1 >= cap_list) {
            cap_list = cap_list ? cap_list * 2 : 16;
            char **nl = realloc(list, cap_list * sizeof *nl);
            if (!nl)
                cli_oom();
            list = nl;
        }
        char *p = malloc(strlen(dir) + l + 1);
        if (!p)
            cli_oom();
        strcpy(p, dir);
        strcat(p, de->d_name);
        list[(*n)++] = p;
    }
    closedir(dh);
    if (!list)
        return -1;
    qsort(list, *n, sizeof *list, by_name);
    *out = list;
    return 0;
}

void cli_no_builtin_dicts(const char *dir)
{
    fprintf(stderr,
            "sitrep: no built-in dictionaries in %s: make builds them into dict/ beside "
            "the binary; SITREP_DICT_DIR names another folder, --dict FILE gives your own\n",
            dir);
}

void cli_free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}
