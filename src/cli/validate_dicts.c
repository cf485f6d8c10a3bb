/*
 * validate_dicts.c - which dictionaries `sitrep validate` uses when it is
 * given none: the files a *.project file beside the validation file names,
 * else the files beside it whose names say what they hold.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../dict/sr_dict.h"
#include "cli.h"
#include "validate_int.h"

/* ---- small owned-string helpers (the CLI stops on out-of-memory) -------- */

char *vd_xstrndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        cli_oom();
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void vd_sl_push(strlist *l, char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            cli_oom();
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = s;
}

void vd_sl_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *base_of(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static char *dir_of(const char *path)
{
    const char *b = strrchr(path, '/');
    if (!b)
        return vd_xstrndup(".", 1);
    if (b == path)
        return vd_xstrndup("/", 1);
    return vd_xstrndup(path, (size_t)(b - path));
}

static char *path_join(const char *dir, const char *name)
{
    if (name[0] == '/' || !strcmp(dir, "."))
        return vd_xstrndup(name, strlen(name));
    size_t dl = strlen(dir), nl = strlen(name);
    char *p = malloc(dl + nl + 2);
    if (!p)
        cli_oom();
    memcpy(p, dir, dl);
    p[dl] = '/';
    memcpy(p + dl + 1, name, nl + 1);
    return p;
}

int vd_ci_contains(const char *s, const char *word)
{
    size_t wl = strlen(word);
    for (; *s; s++) {
        size_t i = 0;
        while (i < wl && s[i] && tolower((unsigned char)s[i]) == word[i])
            i++;
        if (i == wl)
            return 1;
    }
    return 0;
}

int vd_ci_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++)
        if (tolower((unsigned char)s[n - m + i]) != suf[i])
            return 0;
    return 1;
}

int vd_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void vd_trim(const char **s, const char **e)
{
    while (*s < *e && vd_is_space(**s))
        (*s)++;
    while (*e > *s && vd_is_space((*e)[-1]))
        (*e)--;
}

/* ---- finding the dictionaries ------------------------------------------ */

/* The regular files of dir, sorted by name. */
static int list_dir(const char *dir, strlist *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *n = de->d_name;
        if (n[0] == '.' || n[strlen(n) - 1] == '~')
            continue;
        char *p = path_join(dir, n);
        struct stat st;
        if (stat(p, &st) || !S_ISREG(st.st_mode)) {
            free(p);
            continue;
        }
        vd_sl_push(out, vd_xstrndup(n, strlen(n)));
        free(p);
    }
    closedir(d);
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, cmp_str);
    return 0;
}

static const char *kind_of_tag(const char *tag, size_t n)
{
    /* TABARI looks only at the first two letters of a tag (manual 4.1). */
    if (n < 2)
        return NULL;
    char a = (char)tolower((unsigned char)tag[0]), b = (char)tolower((unsigned char)tag[1]);
    if (a == 'a' && b == 'c')
        return "actors";
    if (a == 'a' && b == 'g')
        return "agents";
    if (a == 'v' && b == 'e')
        return "verbs";
    if (a == 'o' && b == 'p')
        return "options";
    if (a == 'i' && b == 's')
        return "issues";
    return NULL;
}

/* Reads a TABARI .project file: the dictionary files it names (relative to
 * its folder) go to dicts, and *names_file says whether a <textfile> line
 * names `textfile` (by base name).  With dicts NULL, only *names_file is
 * found and nothing is reported.  Returns 0, or 1 after reporting a
 * problem (unreadable project, a named dictionary that cannot be opened). */
static int read_project(const char *project, const char *textfile, strlist *dicts,
                        int *names_file)
{
    *names_file = 0;
    FILE *f = fopen(project, "r");
    if (!f) {
        if (!dicts)
            return 1;
        fprintf(stderr, "sitrep: %s: cannot open: %s\n", project, strerror(errno));
        return 1;
    }
    char *pdir = dir_of(project);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    int bad = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (line[0] != '<')
            continue; /* comments: any line not starting with '<' */
        const char *gt = strchr(line, '>');
        if (!gt)
            continue;
        const char *tag = line + 1;
        size_t tl = (size_t)(gt - tag);
        const char *s = gt + 1, *e = strchr(s, '<');
        if (!e)
            e = line + len;
        vd_trim(&s, &e);
        int is_text = tl >= 2 && tolower((unsigned char)tag[0]) == 't' &&
                      tolower((unsigned char)tag[1]) == 'e';
        const char *kind = kind_of_tag(tag, tl);
        if (is_text && e > s) {
            char *name = vd_xstrndup(s, (size_t)(e - s));
            if (!strcmp(base_of(name), base_of(textfile)))
                *names_file = 1;
            free(name);
        }
        if (!kind || !dicts)
            continue;
        if (e == s) {
            fprintf(stderr, "sitrep: %s:%ld:%ld: <%.*s> names no file\n", project, lineno,
                    (long)(gt + 1 - line), (int)tl, tag);
            bad = 1;
            continue;
        }
        char *name = vd_xstrndup(s, (size_t)(e - s));
        char *path = path_join(pdir, name);
        struct stat st;
        errno = 0;
        if (stat(path, &st) || !S_ISREG(st.st_mode)) {
            fprintf(stderr, "sitrep: %s:%ld:%ld: <%.*s> names %s, which cannot be opened: %s\n",
                    project, lineno, (long)(s - line), (int)tl, tag, path,
                    errno ? strerror(errno) : "not a regular file");
            bad = 1;
            free(path);
        } else {
            int named = sr_dict_kind_from_name(path);
            if (named != SR_DICT_AUTO && strcmp(sr_dict_kind_name(named), kind))
                fprintf(stderr,
                        "sitrep: warning: %s:%ld:%ld: <%.*s> names %s, whose name makes it a "
                        "%s file; sitrep goes by the name\n",
                        project, lineno, (long)(s - line), (int)tl, tag, name,
                        sr_dict_kind_name(named));
            vd_sl_push(dicts, path);
        }
        free(name);
    }
    free(line);
    free(pdir);
    fclose(f);
    return bad;
}

/* Fills dicts for a validation file given without --dict; *from says where
 * they came from (owned).  Returns 0, or 1 after reporting why none. */
int vd_find_dicts(const char *file, int xml, strlist *dicts, char **from)
{
    char *dir = dir_of(file);
    strlist names = {0};
    int rc = 0;
    if (list_dir(dir, &names)) {
        fprintf(stderr, "sitrep: %s: cannot list: %s\n", dir, strerror(errno));
        rc = 1;
        goto out;
    }
    if (xml) {
        for (size_t i = 0; i < names.n; i++)
            if (!strncmp(names.v[i], "PETR.Validate.", 14) && vd_ci_suffix(names.v[i], ".txt"))
                vd_sl_push(dicts, path_join(dir, names.v[i]));
        *from = vd_xstrndup("PETR.Validate.*.txt", 19);
    } else {
        strlist projects = {0};
        for (size_t i = 0; i < names.n; i++)
            if (vd_ci_suffix(names.v[i], ".project"))
                vd_sl_push(&projects, path_join(dir, names.v[i]));
        if (projects.n) {
            /* The project whose <textfile> names this file; else the only one. */
            size_t pick = projects.n == 1 ? 0 : projects.n;
            for (size_t i = 0; i < projects.n && pick == projects.n; i++) {
                int names_it;
                read_project(projects.v[i], file, NULL, &names_it);
                if (names_it)
                    pick = i;
            }
            int bad = 0, names_it;
            if (pick < projects.n)
                bad = read_project(projects.v[pick], file, dicts, &names_it);
            if (pick == projects.n) {
                fprintf(stderr,
                        "sitrep: %s: %zu .project files beside it and none names it in "
                        "<textfile>; give the dictionaries with --dict\n",
                        file, projects.n);
                rc = 1;
            } else if (bad) {
                rc = 1;
            } else if (!dicts->n) {
                fprintf(stderr,
                        "sitrep: %s: names no dictionary (<actorfile>, <verbfile>, <agentfile>, "
                        "<optionsfile>)\n",
                        projects.v[pick]);
                rc = 1;
            } else {
                *from = vd_xstrndup(projects.v[pick], strlen(projects.v[pick]));
            }
            vd_sl_free(&projects);
            goto out;
        }
        static const char *const words[] = {"actor", "verb", "agent", "option"};
        for (size_t i = 0; i < names.n; i++) {
            if (!strcmp(names.v[i], base_of(file)))
                continue;
            for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
                if (vd_ci_contains(names.v[i], words[w])) {
                    vd_sl_push(dicts, path_join(dir, names.v[i]));
                    break;
                }
        }
        *from = vd_xstrndup("files named *actors*, *verbs*, *agents*, *options*", 51);
    }
    if (!dicts->n) {
        fprintf(stderr,
                "sitrep: %s: no dictionaries: give them with --dict FILE, or put %s beside it\n",
                file,
                xml ? "the PETR.Validate.*.txt files"
                    : "a .project file or *.actors, *.verbs, *.agents, *.options files");
        rc = 1;
    }
out:
    if (rc) {
        free(*from);
        *from = NULL;
    }
    vd_sl_free(&names);
    free(dir);
    return rc;
}
