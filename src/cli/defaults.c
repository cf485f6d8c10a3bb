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

char **cli_builtin_dicts(size_t *n)
{
    *n = 0;
    char dir[4096];
    const char *env = getenv("SITREP_DICT_DIR");
    if (env && !strcmp(env, "off"))
        return NULL;
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s/", env);
    } else {
        if (cli_exe_dir(dir, sizeof dir - 8))
            return NULL;
        strcat(dir, "dict/");
    }
    DIR *dh = opendir(dir);
    if (!dh)
        return NULL;
    char **list = NULL;
    size_t cap = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".txt") || de->d_name[0] == '.')
            continue;
        if (*n + 1 >= cap) {
            cap = cap ? cap * 2 : 16;
            char **nl = realloc(list, cap * sizeof *nl);
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
    if (list)
        qsort(list, *n, sizeof *list, by_name);
    return list;
}

void cli_free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}
