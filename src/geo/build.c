/* Compiling a gazetteer: entries in, one mmap-able file out (layout in
 * geo_int.h).  Used by scripts/geo/gazc and by the tests, which build small
 * gazetteers in memory. */
#define _GNU_SOURCE   /* qsort_r: the comparison needs the key buffer */
#include "geo_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct bname {
    uint32_t key;     /* offset in keys buffer */
    uint32_t rec;
    uint16_t exact;
    uint8_t kind;
    uint8_t loose;
} bname;

typedef struct badm {
    char cc[2];
    char *code;       /* "SY.13" */
    char *name;
    char *alts;
    uint32_t rec;
} badm;

typedef struct brec {
    gz_rec r;
    char *admin1_code; /* as given: "13" */
    char *admin1_name;
    char *parent;
} brec;

typedef struct bdemo {
    char *word, *target;
} bdemo;

/* An entry of the word table to be: the hash of its line, and its
 * geo_hash64 (flipped as geo_fold_print does for a folded word) with
 * what it is in the low bits, which the fingerprints leave out. */
typedef struct bword {
    uint64_t line;
    uint64_t what;
} bword;

struct sr_geo_builder {
    brec *rec;
    size_t nrec, caprec;
    badm *adm;
    size_t nadm, capadm;
    bname *names;
    size_t nnames, capnames;
    bdemo *demo;
    size_t ndemo, capdemo;
    bword *words;
    size_t nwords, capwords;
    sr_buf keys;      /* NUL-separated keys */
    sr_buf pool;      /* the file's string pool */
    uint32_t next_supp;
};

static int grow(void **p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 64, bytes;
    if (!sr_mul_ok(nc, size, &bytes))
        return SR_ENOMEM;
    void *q = realloc(*p, bytes);
    if (!q)
        return SR_ENOMEM;
    *p = q;
    *cap = nc;
    return 0;
}

static char *dup(const char *s)
{
    if (!s || !*s)
        return NULL;
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

int sr_geo_builder_new(sr_geo_builder **out)
{
    sr_geo_builder *b = calloc(1, sizeof *b);
    if (!b || sr_buf_putc(&b->pool, 0) || sr_buf_putc(&b->keys, 0)) {
        free(b);
        return SR_ENOMEM;
    }
    b->next_supp = 1;
    *out = b;
    return SR_OK;
}

void sr_geo_builder_free(sr_geo_builder *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->nrec; i++) {
        free(b->rec[i].admin1_code);
        free(b->rec[i].admin1_name);
        free(b->rec[i].parent);
    }
    for (size_t i = 0; i < b->nadm; i++) {
        free(b->adm[i].code);
        free(b->adm[i].name);
        free(b->adm[i].alts);
    }
    for (size_t i = 0; i < b->ndemo; i++) {
        free(b->demo[i].word);
        free(b->demo[i].target);
    }
    free(b->rec);
    free(b->adm);
    free(b->names);
    free(b->demo);
    free(b->words);
    sr_buf_free(&b->keys);
    sr_buf_free(&b->pool);
    free(b);
}

static uint32_t pool_add(sr_geo_builder *b, const char *s)
{
    if (!s || !*s)
        return 0;
    uint32_t off = (uint32_t)b->pool.len;
    if (sr_buf_put(&b->pool, s, strlen(s) + 1))
        return GZ_NONE;
    return off;
}

static int add_name(sr_geo_builder *b, const char *name, size_t n, uint32_t rec, int kind)
{
    char key[GEO_KEY_MAX];
    size_t kl = geo_key(name, n, key, sizeof key);
    if (kl == 0 || kl >= sizeof key)
        return 0;
    if (grow((void **)&b->names, &b->capnames, b->nnames, sizeof *b->names))
        return SR_ENOMEM;
    bname *nm = &b->names[b->nnames++];
    nm->key = (uint32_t)b->keys.len;
    nm->rec = rec;
    nm->exact = geo_exact_hash(name, n);
    nm->loose = geo_loose_hash(name, n);
    nm->kind = (uint8_t)kind;
    if (sr_buf_put(&b->keys, key, kl + 1))
        return SR_ENOMEM;
    return 0;
}

/* GeoNames alternates include codes, other scripts and long descriptions;
 * only Latin-script names that a news text could spell are kept. */
static int alt_usable(const char *s, size_t n)
{
    if (n < 3 || n > 60)
        return 0;
    int letters = 0, upper = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            return 0;
        if (c == '(' || c == ')' || c == '/')
            return 0;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80)
            letters++;
        if (c >= 'A' && c <= 'Z')
            upper++;
    }
    if (letters == upper && letters <= 5)
        return 0;   /* an acronym or code */
    char f[GEO_KEY_MAX];
    size_t fl = geo_fold(s, n, f, sizeof f);
    if (fl >= sizeof f)
        return 0;
    for (size_t i = 0; i < fl; i++)
        if ((unsigned char)f[i] >= 0x80)
            return 0;  /* another script */
    return fl >= 3;
}

/* Alternates: comma-separated; "=Ky." is an abbreviation that needs its
 * period or a "City, Ky." setting, "^US" a code that must stand in capitals. */
static int add_alts(sr_geo_builder *b, const char *alts, uint32_t rec, int filter)
{
    if (!alts)
        return 0;
    const char *p = alts;
    while (*p) {
        const char *e = strchr(p, ',');
        if (!e)
            e = p + strlen(p);
        while (p < e && *p == ' ')
            p++;
        size_t n = (size_t)(e - p);
        while (n && p[n - 1] == ' ')
            n--;
        int kind = filter ? GZP_ALT : GZP_VARIANT;
        if (n && *p == '=') {
            kind = GZP_ABBR;
            p++, n--;
        } else if (n && *p == '^') {
            kind = GZP_CODE;
            p++, n--;
        }
        if (n && (kind != GZP_ALT || alt_usable(p, n))) {
            int rc = add_name(b, p, n, rec, kind);
            if (rc)
                return rc;
        }
        p = *e ? e + 1 : e;
    }
    return 0;
}

int sr_geo_builder_admin1(sr_geo_builder *b, const char *cc, const char *code, const char *name,
                          const char *altnames)
{
    if (!cc || strlen(cc) != 2 || !code || !*code || !name || !*name)
        return SR_EINVAL;
    size_t cl = strlen(code);
    char *full = malloc(cl + 4);
    if (!full)
        return SR_ENOMEM;
    memcpy(full, cc, 2);
    full[2] = '.';
    memcpy(full + 3, code, cl + 1);
    /* A second line for the same code renames it and adds alternates. */
    for (size_t i = 0; i < b->nadm; i++) {
        if (!strcmp(b->adm[i].code, full)) {
            free(full);
            char *nn = dup(name);
            if (!nn)
                return SR_ENOMEM;
            char *na = b->adm[i].alts;
            if (altnames && *altnames) {
                size_t ol = na ? strlen(na) : 0, al = strlen(altnames);
                char *grown = realloc(na, ol + al + 2);
                if (!grown) {
                    free(nn);
                    return SR_ENOMEM; /* na stays with b->adm[i] and is freed with it */
                }
                na = grown;
                if (ol)
                    na[ol++] = ',';
                memcpy(na + ol, altnames, al + 1);
            }
            /* The old display name stays findable. */
            size_t ol = na ? strlen(na) : 0, on = strlen(b->adm[i].name);
            char *na2 = realloc(na, ol + on + 2);
            if (!na2) {
                free(nn);
                free(na);
                b->adm[i].alts = NULL;
                return SR_ENOMEM;
            }
            if (ol)
                na2[ol++] = ',';
            memcpy(na2 + ol, b->adm[i].name, on + 1);
            free(b->adm[i].name);
            b->adm[i].name = nn;
            b->adm[i].alts = na2;
            return SR_OK;
        }
    }
    if (grow((void **)&b->adm, &b->capadm, b->nadm, sizeof *b->adm)) {
        free(full);
        return SR_ENOMEM;
    }
    badm *a = &b->adm[b->nadm];
    memset(a, 0, sizeof *a);
    memcpy(a->cc, cc, 2);
    a->code = full;
    a->name = dup(name);
    a->alts = dup(altnames);
    a->rec = GZ_NONE;
    if (!a->name || (altnames && *altnames && !a->alts))
        return SR_ENOMEM;
    b->nadm++;
    return SR_OK;
}

static int find_adm_code(const sr_geo_builder *b, const char *cc, const char *code)
{
    if (!code)
        return -1;
    for (size_t i = 0; i < b->nadm; i++)
        if (!memcmp(b->adm[i].cc, cc, 2) && !strcmp(b->adm[i].code + 3, code))
            return (int)i;
    return -1;
}

int sr_geo_builder_add(sr_geo_builder *b, const sr_geo_entry *e, sr_error *err)
{
    if (!e->name || !*e->name || !e->cc || (strlen(e->cc) != 2 && *e->cc))
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "entry needs a name and a country code");
    if (!(e->lat >= -90 && e->lat <= 90 && e->lon >= -180 && e->lon <= 180))
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "%s: coordinates out of range", e->name);
    if (b->nrec >= GZ_NONE - 1)
        return sr_error_set(err, SR_ETOOBIG, NULL, 0, 0, "too many entries");
    if (grow((void **)&b->rec, &b->caprec, b->nrec, sizeof *b->rec))
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    brec *r = &b->rec[b->nrec];
    memset(r, 0, sizeof *r);
    uint32_t idx = (uint32_t)b->nrec;
    int supp = (e->flags & SR_GEO_ENTRY_SUPPLEMENT) != 0;
    r->r.id = supp ? b->next_supp++ : e->id;
    r->r.lat = (int32_t)lround(e->lat * 1e5);
    r->r.lon = (int32_t)lround(e->lon * 1e5);
    r->r.pop = e->population;
    r->r.name = pool_add(b, e->name);
    r->r.adm = GZ_NONE;
    r->r.parent = GZ_NONE;
    r->r.country = GZ_NONE;
    if (r->r.name == GZ_NONE)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    if (*e->cc)
        memcpy(r->r.cc, e->cc, 2);
    r->r.fclass = e->fclass ? e->fclass : 'P';
    r->r.flags = (uint8_t)((supp ? GZ_SUPP : 0) | ((e->flags & SR_GEO_ENTRY_DERIVED) ? GZ_DERIVED : 0));
    if (e->fcode)
        strncpy(r->r.fcode, e->fcode, sizeof r->r.fcode - 1);
    r->admin1_code = dup(e->admin1);
    r->admin1_name = dup(e->admin1_name);
    r->parent = dup(e->parent);
    if ((e->admin1 && *e->admin1 && !r->admin1_code) ||
        (e->admin1_name && *e->admin1_name && !r->admin1_name) ||
        (e->parent && *e->parent && !r->parent))
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    b->nrec++;
    int rc = add_name(b, e->name, strlen(e->name), idx, GZP_NAME);
    if (!rc && e->asciiname && strcmp(e->asciiname, e->name))
        rc = add_name(b, e->asciiname, strlen(e->asciiname), idx, GZP_ASCII);
    if (!rc)
        rc = add_alts(b, e->altnames, idx, (e->flags & SR_GEO_ENTRY_FILTER_ALTS) != 0);
    if (!rc)
        rc = add_alts(b, e->variants, idx, 0);
    if (rc)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    return SR_OK;
}

int sr_geo_builder_demonym(sr_geo_builder *b, const char *word, const char *target)
{
    if (!word || !*word || !target || !*target)
        return SR_EINVAL;
    if (grow((void **)&b->demo, &b->capdemo, b->ndemo, sizeof *b->demo))
        return SR_ENOMEM;
    bdemo *d = &b->demo[b->ndemo];
    d->word = dup(word);
    d->target = dup(target);
    if (!d->word || !d->target) {
        free(d->word);
        free(d->target);
        return SR_ENOMEM;
    }
    b->ndemo++;
    return SR_OK;
}

/* Common words and names share one table (geo_int.h) with the first
 * words of keys, in the line of their key. */
static int add_word(sr_geo_builder *b, const char *word, int name)
{
    char f[GEO_KEY_MAX + 1];
    size_t n = strlen(word);
    if (n == 0 || n > GEO_NAME_MAX)
        return SR_OK;
    size_t fl = geo_fold(word, n, f, sizeof f);
    if (fl == 0 || fl >= sizeof f)
        return SR_OK;
    if (grow((void **)&b->words, &b->capwords, b->nwords, sizeof *b->words))
        return SR_ENOMEM;
    uint64_t id = geo_hash64(f, fl) ^ 0x5bd1e99560000000ull;   /* (as geo_fold_print) */
    b->words[b->nwords++] = (bword){geo_fold_line(f, fl), (id & ~(uint64_t)GZ_W_PAYLOAD) |
                                                              (name ? GZ_W_NAME : GZ_W_WORD)};
    return SR_OK;
}

int sr_geo_builder_word(sr_geo_builder *b, const char *word) { return add_word(b, word, 0); }

int sr_geo_builder_name(sr_geo_builder *b, const char *word) { return add_word(b, word, 1); }

/* ---- finishing ------------------------------------------------------------ */

static const char *const adm_suffixes[] = {" governorate", " province", " oblast", " region",
                                           " state", " prefecture", " department",
                                           " district", " municipality", " city"};

/* "Damascus Governorate" is also findable as "Damascus"; "Muhafazat X" as X. */
static int add_adm_names(sr_geo_builder *b, const char *name, uint32_t rec)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof adm_suffixes / sizeof *adm_suffixes; i++) {
        size_t sl = strlen(adm_suffixes[i]);
        if (n > sl + 2 && !strncasecmp(name + n - sl, adm_suffixes[i], sl))
            return add_name(b, name, n - sl, rec, GZP_SHORT);
    }
    if (n > 11 && !strncasecmp(name, "muhafazat ", 10))
        return add_name(b, name + 10, n - 10, rec, GZP_SHORT);
    return 0;
}

static int cmp_name(const void *a, const void *b, void *ctx)
{
    const bname *x = a, *y = b;
    const char *keys = ctx;
    int c = strcmp(keys + x->key, keys + y->key);
    if (c)
        return c;
    if (x->rec != y->rec)
        return x->rec < y->rec ? -1 : 1;
    if (x->exact != y->exact)
        return x->exact < y->exact ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Finds the best record named `name` in country cc (most populous, towns
 * and admin areas first), or GZ_NONE. */
static uint32_t find_named(const sr_geo_builder *b, const char *name, const char *cc,
                           uint32_t self)
{
    char key[GEO_KEY_MAX];
    size_t kl = geo_key(name, strlen(name), key, sizeof key);
    if (!kl)
        return GZ_NONE;
    /* names are sorted by now: binary search the first with this key */
    size_t lo = 0, hi = b->nnames;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(b->keys.data + b->names[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t best = GZ_NONE;
    double bs = -1;
    for (size_t i = lo; i < b->nnames && !strcmp(b->keys.data + b->names[i].key, key); i++) {
        const gz_rec *r = &b->rec[b->names[i].rec].r;
        if (b->names[i].rec == self || b->names[i].kind == GZP_DEMONYM)
            continue;
        if (cc && *cc && memcmp(r->cc, cc, 2))
            continue;
        /* continents and countries first: "Asian" is Asia, not a town */
        double s = log10((double)r->pop + 10) + (r->fclass == 'P' ? 1 : 0) +
                   (r->fclass == 'A' ? 2 : 0) + (!strcmp(r->fcode, "CONT") ? 20 : 0) +
                   (!strncmp(r->fcode, "PCL", 3) ? 10 : 0);
        if (s > bs) {
            bs = s;
            best = b->names[i].rec;
        }
    }
    return best;
}

static int resolve(sr_geo_builder *b, FILE *warn, sr_error *err)
{
    /* Countries first: every record points at its own. */
    uint32_t *country = calloc(26 * 26, sizeof *country);
    if (!country)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < 26 * 26; i++)
        country[i] = GZ_NONE;
    for (size_t i = 0; i < b->nrec; i++) {
        gz_rec *r = &b->rec[i].r;
        if (r->fclass == 'A' && !strncmp(r->fcode, "PCL", 3) && r->cc[0] >= 'A' &&
            r->cc[0] <= 'Z' && r->cc[1] >= 'A' && r->cc[1] <= 'Z') {
            uint32_t *c = &country[(r->cc[0] - 'A') * 26 + (r->cc[1] - 'A')];
            if (*c == GZ_NONE)
                *c = (uint32_t)i;
        }
    }
    for (size_t i = 0; i < b->nrec; i++) {
        gz_rec *r = &b->rec[i].r;
        if (r->cc[0] >= 'A' && r->cc[0] <= 'Z' && r->cc[1] >= 'A' && r->cc[1] <= 'Z')
            r->country = country[(r->cc[0] - 'A') * 26 + (r->cc[1] - 'A')];
    }
    free(country);
    /* Admin areas by code, or by name for the supplement. */
    for (size_t i = 0; i < b->nrec; i++) {
        brec *br = &b->rec[i];
        int a = find_adm_code(b, br->r.cc, br->admin1_code);
        if (a < 0 && br->admin1_name) {
            char k1[GEO_KEY_MAX], k2[GEO_KEY_MAX];
            geo_key(br->admin1_name, strlen(br->admin1_name), k1, sizeof k1);
            for (size_t j = 0; j < b->nadm && a < 0; j++) {
                if (memcmp(b->adm[j].cc, br->r.cc, 2))
                    continue;
                geo_key(b->adm[j].name, strlen(b->adm[j].name), k2, sizeof k2);
                if (!strcmp(k1, k2))
                    a = (int)j;
                /* also the alternates */
                const char *p = b->adm[j].alts;
                while (a < 0 && p && *p) {
                    const char *e = strchr(p, ',');
                    size_t n = e ? (size_t)(e - p) : strlen(p);
                    if (*p == '=' || *p == '^')
                        p++, n--;
                    geo_key(p, n, k2, sizeof k2);
                    if (!strcmp(k1, k2))
                        a = (int)j;
                    p = e ? e + 1 : p + n;
                }
            }
            if (a < 0) {
                sr_error_set(err, SR_EPARSE, NULL, 0, 0, "%s: no admin1 \"%s\" in %.2s",
                             b->pool.data + br->r.name, br->admin1_name, br->r.cc);
                if (warn)
                    sr_error_print(err, warn);
                if (br->r.flags & GZ_SUPP)
                    return SR_EPARSE;
                sr_error_clear(err);
            }
        }
        if (a >= 0) {
            br->r.adm = (uint32_t)a;
            if (!strcmp(br->r.fcode, "ADM1") && b->adm[a].rec == GZ_NONE)
                b->adm[a].rec = (uint32_t)i;
        }
    }
    /* Admin alternates and the short forms of admin names. */
    for (size_t j = 0; j < b->nadm; j++) {
        uint32_t r = b->adm[j].rec;
        if (r == GZ_NONE)
            continue;
        if (add_name(b, b->adm[j].name, strlen(b->adm[j].name), r, GZP_VARIANT) ||
            add_adm_names(b, b->adm[j].name, r) || add_alts(b, b->adm[j].alts, r, 0))
            return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
        const char *rn = b->pool.data + b->rec[r].r.name;
        if (add_adm_names(b, rn, r))
            return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (b->nnames)
        qsort_r(b->names, b->nnames, sizeof *b->names, cmp_name, b->keys.data);
    /* Demonyms point at a country (by code) or a named region. */
    for (size_t i = 0; i < b->ndemo; i++) {
        const char *t = b->demo[i].target;
        uint32_t rec = GZ_NONE;
        if (strlen(t) == 2 && t[0] >= 'A' && t[0] <= 'Z') {
            for (size_t j = 0; j < b->nrec && rec == GZ_NONE; j++)
                if (!memcmp(b->rec[j].r.cc, t, 2) && b->rec[j].r.fclass == 'A' &&
                    !strncmp(b->rec[j].r.fcode, "PCL", 3))
                    rec = (uint32_t)j;
        } else {
            rec = find_named(b, t, NULL, GZ_NONE);
        }
        if (rec == GZ_NONE) {
            if (warn)
                fprintf(warn, "gazetteer: demonym %s: no place %s\n", b->demo[i].word, t);
            continue;
        }
        if (add_name(b, b->demo[i].word, strlen(b->demo[i].word), rec, GZP_DEMONYM))
            return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (b->nnames)
        qsort_r(b->names, b->nnames, sizeof *b->names, cmp_name, b->keys.data);
    /* Parents, named in the same country. */
    for (size_t i = 0; i < b->nrec; i++) {
        brec *br = &b->rec[i];
        if (!br->parent)
            continue;
        char cc[3] = {br->r.cc[0], br->r.cc[1], 0};
        br->r.parent = find_named(b, br->parent, cc, (uint32_t)i);
        if (br->r.parent == GZ_NONE && warn)
            fprintf(warn, "gazetteer: %s: parent %s not found in %s\n",
                    b->pool.data + br->r.name, br->parent, cc);
    }
    return SR_OK;
}

static int align8(sr_buf *out)
{
    while (out->len % 8)
        if (sr_buf_putc(out, 0))
            return SR_ENOMEM;
    return 0;
}

/* Hot first: what stories name most -- regions, countries, admin1 areas,
 * sitrep's own places, then towns by population -- lies together at the
 * front of the records, the postings and the string pool, so that a run
 * touches few pages of the file. */
static int cmp_hot(const void *a, const void *b, void *ctx)
{
    const brec *rec = ctx;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    const gz_rec *p = &rec[x].r, *q = &rec[y].r;
    int lp = geo_level(p), lq = geo_level(q);
    int cp = lp <= SR_GEO_LEVEL_ADMIN1 ? lp : (p->flags & GZ_SUPP) ? 3 : 4;
    int cq = lq <= SR_GEO_LEVEL_ADMIN1 ? lq : (q->flags & GZ_SUPP) ? 3 : 4;
    if (cp != cq)
        return cp - cq;
    if (p->pop != q->pop)
        return p->pop > q->pop ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* One key: its names are b->names[first .. first + n). */
typedef struct bkey {
    uint32_t first, n;
    uint32_t hot;     /* the hottest of its records, by new number */
    uint64_t h;       /* geo_hash64 of the key */
} bkey;

static int cmp_bword(const void *a, const void *b)
{
    const bword *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->what < y->what ? -1 : x->what > y->what;
}

static int cmp_key_hot(const void *a, const void *b)
{
    const bkey *x = a, *y = b;
    if (x->hot != y->hot)
        return x->hot < y->hot ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

typedef struct bout {
    gz_rec *rec;
    gz_adm *adm;
    gz_kbucket *key;
    gz_post *post;
    gz_wbucket *word;
    uint32_t *fidx;
    uint16_t *fent;
    bkey *keys;
    uint32_t *order, *inv;
    sr_buf pool;
} bout;

static void bout_free(bout *o)
{
    free(o->rec);
    free(o->adm);
    free(o->key);
    free(o->post);
    free(o->word);
    free(o->fidx);
    free(o->fent);
    free(o->keys);
    free(o->order);
    free(o->inv);
    sr_buf_free(&o->pool);
}

static uint32_t out_str(sr_buf *pool, const char *s)
{
    if (!s || !*s)
        return 0;
    uint32_t off = (uint32_t)pool->len;
    return sr_buf_put(pool, s, strlen(s) + 1) ? GZ_NONE : off;
}

static uint32_t renum(const uint32_t *inv, uint32_t i, size_t n)
{
    return i < n ? inv[i] : GZ_NONE;
}

/* Records in hot order, renumbered, with a string pool of their own. */
static int build_records(sr_geo_builder *b, bout *o)
{
    size_t n = b->nrec;
    o->order = malloc((n ? n : 1) * sizeof *o->order);
    o->inv = malloc((n ? n : 1) * sizeof *o->inv);
    o->rec = calloc(n ? n : 1, sizeof *o->rec);
    o->adm = calloc(b->nadm ? b->nadm : 1, sizeof *o->adm);
    if (!o->order || !o->inv || !o->rec || !o->adm || sr_buf_putc(&o->pool, 0))
        return SR_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        gz_rec *r = &b->rec[i].r;
        r->flags = (uint8_t)((r->flags & ~GZ_LEVEL_MASK) | (geo_level_compute(r) << GZ_LEVEL_SHIFT));
        r->prior = geo_prior_base(r);
        o->order[i] = (uint32_t)i;
    }
    if (n)
        qsort_r(o->order, n, sizeof *o->order, cmp_hot, b->rec);
    for (size_t i = 0; i < n; i++)
        o->inv[o->order[i]] = (uint32_t)i;
    for (size_t i = 0; i < b->nadm; i++) {
        memcpy(o->adm[i].cc, b->adm[i].cc, 2);
        o->adm[i].code = out_str(&o->pool, b->adm[i].code);
        o->adm[i].name = out_str(&o->pool, b->adm[i].name);
        o->adm[i].rec = renum(o->inv, b->adm[i].rec, n);
        if (o->adm[i].code == GZ_NONE || o->adm[i].name == GZ_NONE)
            return SR_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const brec *br = &b->rec[o->order[i]];
        gz_rec *r = &o->rec[i];
        *r = br->r;
        r->name = out_str(&o->pool, b->pool.data + br->r.name);
        size_t nl = strlen(b->pool.data + br->r.name);
        if (nl < sizeof r->name_in)
            memcpy(r->name_in, b->pool.data + br->r.name, nl + 1);
        r->parent = renum(o->inv, br->r.parent, n);
        r->country = renum(o->inv, br->r.country, n);
        if (r->name == GZ_NONE)
            return SR_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        gz_rec *r = &o->rec[i];
        r->flags &= (uint8_t)~GZ_ABROAD;
        if (r->parent < n && memcmp(o->rec[r->parent].cc, r->cc, 2))
            r->flags |= GZ_ABROAD;
    }
    return SR_OK;
}

/* The key table (geo_int.h) and the postings; the first words of the
 * keys of several words go to the word set.  Returns SR_OK, SR_ENOMEM
 * or SR_EPARSE (two keys of one tag within reach of one lookup). */
static int build_keys(sr_geo_builder *b, bout *o, size_t *nkb_out, size_t *nkeys_out,
                      size_t *npost_out, sr_error *err)
{
    size_t nkeys = 0;
    for (size_t i = 0; i < b->nnames; i++)
        if (!i || strcmp(b->keys.data + b->names[i - 1].key, b->keys.data + b->names[i].key))
            nkeys++;
    /* about 3.5 keys a bucket of 5: one home in six overflows, mostly by
     * one bucket (the keys hottest first keep the looked-up ones home) */
    size_t nkb = 1;
    while (nkb * 7 < nkeys * 2)
        nkb *= 2;
    o->key = calloc(nkb, sizeof *o->key);
    o->post = calloc(b->nnames ? b->nnames : 1, sizeof *o->post);
    o->keys = calloc(nkeys ? nkeys : 1, sizeof *o->keys);
    if (!o->key || !o->post || !o->keys)
        return SR_ENOMEM;
    size_t nk = 0;
    for (size_t i = 0; i < b->nnames;) {
        const char *k = b->keys.data + b->names[i].key;
        size_t j = i;
        uint32_t hot = GZ_NONE;
        while (j < b->nnames && !strcmp(b->keys.data + b->names[j].key, k)) {
            uint32_t r = renum(o->inv, b->names[j].rec, b->nrec);
            hot = r < hot ? r : hot;
            j++;
        }
        o->keys[nk] = (bkey){(uint32_t)i, (uint32_t)(j - i), hot, geo_hash64(k, strlen(k))};
        /* the first word of a longer name, with its number of words, so
         * a search can tell at once that no name of several words (or of
         * so many) starts at a word */
        const char *sp = strchr(k, ' ');
        if (sp) {
            if (grow((void **)&b->words, &b->capwords, b->nwords, sizeof *b->words))
                return SR_ENOMEM;
            unsigned words = 1;
            for (const char *q = k; *q; q++)
                words += *q == ' ';
            if (words > GZ_W_PREFIX_MAX)
                words = GZ_W_PREFIX_MAX;
            uint64_t h = geo_hash64(k, (size_t)(sp - k));
            b->words[b->nwords++] = (bword){h, (h & ~(uint64_t)GZ_W_PAYLOAD) |
                                                   words << GZ_W_PREFIX_SHIFT};
        }
        nk++;
        i = j;
    }
    /* postings of the keys of several, hottest keys first; each key's in
     * their order (by record, as GeoNames numbers them: candidates keep it) */
    qsort(o->keys, nk, sizeof *o->keys, cmp_key_hot);
    size_t np = 0;
    for (size_t q = 0; q < nk; q++) {
        const bkey *key = &o->keys[q];
        uint32_t tag = geo_key_tag(key->h);
        size_t home = geo_key_bucket(key->h, (uint32_t)nkb), at = home;
        unsigned d = 0;
        while (o->key[at].tag[GZ_KBUCKET - 1] && d < 255) {
            at = (at + 1) & (nkb - 1);
            d++;
        }
        gz_kbucket *kb = &o->key[at];
        int e = 0;
        while (e < GZ_KBUCKET && kb->tag[e])
            e++;
        if (e == GZ_KBUCKET)
            return sr_error_set(err, SR_EPARSE, NULL, 0, 0, "key table overflow: change geo_hash64");
        if (d > o->key[home].reach)
            o->key[home].reach = (uint8_t)d;
        kb->tag[e] = tag;
        if (key->n == 1) {
            const bname *nm = &b->names[key->first];
            kb->one |= (uint8_t)(1u << e);
            kb->v[e].one = (gz_post){renum(o->inv, nm->rec, b->nrec), nm->exact, nm->kind, nm->loose};
            continue;
        }
        for (uint32_t m = 0; m < key->n; m++) {
            const bname *nm = &b->names[key->first + m];
            o->post[np + m] = (gz_post){renum(o->inv, nm->rec, b->nrec), nm->exact, nm->kind, nm->loose};
        }
        kb->v[e].many.first = (uint32_t)np;
        kb->v[e].many.n = key->n;
        np += key->n;
    }
    /* every key must be the first of its tag that its lookup meets */
    for (size_t q = 0; q < nk; q++) {
        uint32_t tag = geo_key_tag(o->keys[q].h);
        size_t at = geo_key_bucket(o->keys[q].h, (uint32_t)nkb);
        unsigned reach = o->key[at].reach, seen = 0;
        for (unsigned d = 0; d <= reach; d++, at = (at + 1) & (nkb - 1))
            for (int e = 0; e < GZ_KBUCKET; e++)
                seen += o->key[at].tag[e] == tag;
        if (seen != 1)
            return sr_error_set(err, SR_EPARSE, NULL, 0, 0,
                                "two names share a key tag (%s): change geo_hash64",
                                b->keys.data + b->names[o->keys[q].first].key);
    }
    *nkb_out = nkb;
    *nkeys_out = nk;
    *npost_out = np;
    return SR_OK;
}

/* The word table (geo_int.h): one entry a word, its kinds merged, at
 * most 4 words a bucket of 8, and the key filter of the nk keys of
 * build_keys in it, at most 14 a bucket.  Returns SR_OK, SR_ENOMEM or
 * SR_EPARSE (two words of one fingerprint where one lookup would see
 * both). */
static int build_words(sr_geo_builder *b, bout *o, size_t nk, size_t *nw_out,
                       size_t *nbucket_out, sr_error *err)
{
    if (b->nwords)
        qsort(b->words, b->nwords, sizeof *b->words, cmp_bword);
    const uint64_t kinds = GZ_W_WORD | GZ_W_NAME;
    size_t nw = 0;
    for (size_t i = 0; i < b->nwords; i++) {
        bword x = b->words[i];
        bword *y = nw ? &b->words[nw - 1] : NULL;
        if (y && y->line == x.line &&
            (y->what & ~(uint64_t)GZ_W_PAYLOAD) == (x.what & ~(uint64_t)GZ_W_PAYLOAD)) {
            /* sorted: x's first-word count is the larger */
            y->what = (x.what & ~kinds) | ((y->what | x.what) & kinds);
            continue;
        }
        b->words[nw++] = x;
    }
    int bits = 0;
    while (bits < 26 && (((size_t)4 << bits) < nw || ((size_t)14 << bits) < nk))
        bits++;
    size_t nb = (size_t)1 << bits;
    o->word = calloc(nb, sizeof *o->word);
    if (!o->word)
        return SR_ENOMEM;
    for (size_t q = 0; q < nk; q++) {
        /* its own line's filter, and a key of several words its first
         * word's too */
        const char *k = b->keys.data + b->names[o->keys[q].first].key;
        const char *sp = strchr(k, ' ');
        for (int at = 0; at < 1 + !!sp; at++) {
            uint64_t lh = at ? geo_hash64(k, (size_t)(sp - k)) : o->keys[q].h;
            uint64_t *fb = o->word[geo_word_bucket(lh, (uint32_t)nb)].bloom;
            for (int f = 0; f < GZ_FILTER_K; f++) {
                unsigned bit = geo_filter_bit(o->keys[q].h, f);
                fb[bit >> 6] |= 1ull << (bit & 63);
            }
        }
    }
    for (size_t i = 0; i < nw; i++) {
        uint32_t fp = geo_word_print(b->words[i].what);
        size_t k = geo_word_bucket(b->words[i].line, (uint32_t)nb);
        uint32_t *e = NULL;
        /* where a lookup of it goes, it must meet no other of its print */
        for (size_t seen = 0; !e && seen < nb; seen++, k = (k + 1) & (nb - 1)) {
            for (int j = 0; j < GZ_WBUCKET && !e; j++) {
                if (!o->word[k].e[j])
                    e = &o->word[k].e[j];
                else if ((o->word[k].e[j] & ~(uint32_t)GZ_W_PAYLOAD) == fp)
                    return sr_error_set(err, SR_EPARSE, NULL, 0, 0,
                                        "two words of the word table share a fingerprint: "
                                        "change geo_hash64");
            }
        }
        if (!e)
            return SR_ENOMEM;   /* (cannot happen: the table is at most half full) */
        *e = fp | (uint32_t)(b->words[i].what & GZ_W_PAYLOAD);
    }
    *nw_out = nw;
    *nbucket_out = nb;
    return SR_OK;
}

/* The spelling index (geo_int.h) of the nk keys of build_keys: about 8
 * keys a bucket. */
static int build_fuzz(const sr_geo_builder *b, bout *o, size_t nk, size_t *nfidx_out)
{
    int bits = 0;
    while (bits < 24 && ((size_t)8 << bits) < nk)
        bits++;
    size_t nb = (size_t)1 << bits;
    /* (bucket, fingerprint) pairs, sorted: the buckets' entries in order */
    uint64_t *e = malloc((nk ? nk : 1) * sizeof *e);
    o->fidx = malloc((nb + 1) * sizeof *o->fidx);
    o->fent = malloc((nk ? nk : 1) * sizeof *o->fent);
    if (!e || !o->fidx || !o->fent) {
        free(e);
        return SR_ENOMEM;
    }
    for (size_t q = 0; q < nk; q++) {
        const char *k = b->keys.data + b->names[o->keys[q].first].key;
        uint64_t sh = geo_skeleton_hash(k, strlen(k));
        uint64_t bucket = bits ? sh >> (64 - bits) : 0;
        e[q] = bucket << 16 | geo_fuzz_print(o->keys[q].h);
    }
    if (nk)
        qsort(e, nk, sizeof *e, cmp_u64);
    size_t at = 0;
    for (size_t k = 0; k < nb; k++) {
        o->fidx[k] = (uint32_t)at;
        while (at < nk && (e[at] >> 16) == k)
            o->fent[at] = (uint16_t)e[at], at++;
    }
    o->fidx[nb] = (uint32_t)nk;
    free(e);
    *nfidx_out = nb;
    return SR_OK;
}

/* Pads the file (from base) to a cache line: a section of buckets of one
 * line each starts there (a mapping starts at a page). */
static int align64(sr_buf *out, size_t base)
{
    while ((out->len - base) % 64)
        if (sr_buf_putc(out, 0))
            return SR_ENOMEM;
    return 0;
}

/* Appends a section (8-byte aligned after it) and records its offset. */
static int put_section(sr_buf *out, size_t base, uint64_t *off, const void *data, size_t bytes)
{
    *off = out->len - base;
    int rc = bytes ? sr_buf_put(out, data, bytes) : 0;
    return rc | align8(out);
}

int sr_geo_builder_finish(sr_geo_builder *b, sr_buf *out, FILE *warn, sr_error *err)
{
    int rc = resolve(b, warn, err);
    if (rc)
        return rc;
    /* Drop repeated (key, record, spelling), keeping the most direct kind. */
    size_t w = 0;
    for (size_t i = 0; i < b->nnames; i++) {
        if (w && b->names[w - 1].rec == b->names[i].rec &&
            b->names[w - 1].exact == b->names[i].exact &&
            !strcmp(b->keys.data + b->names[w - 1].key, b->keys.data + b->names[i].key))
            continue;
        b->names[w++] = b->names[i];
    }
    b->nnames = w;
    bout o;
    memset(&o, 0, sizeof o);
    size_t nkbucket = 0, nkeys = 0, npost = 0, nw = 0, nwbucket = 0, nfidx = 0;
    rc = build_records(b, &o);
    if (!rc)
        rc = build_keys(b, &o, &nkbucket, &nkeys, &npost, err);
    if (!rc)
        rc = build_words(b, &o, nkeys, &nw, &nwbucket, err);
    if (!rc)
        rc = build_fuzz(b, &o, nkeys, &nfidx);
    if (rc) {
        bout_free(&o);
        return rc == SR_ENOMEM ? sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory") : rc;
    }
    gz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, GZ_MAGIC, 8);
    h.version = GZ_VERSION;
    h.byte_order = GZ_BYTE_ORDER;
    h.nrec = (uint32_t)b->nrec;
    h.nadm = (uint32_t)b->nadm;
    h.nkbucket = (uint32_t)nkbucket;
    h.npost = (uint32_t)npost;
    h.nkey = (uint32_t)nkeys;
    h.nname = (uint32_t)b->nnames;
    h.nwbucket = (uint32_t)nwbucket;
    h.nword = nw;
    h.nfidx = (uint32_t)nfidx;
    h.nfent = (uint32_t)nkeys;
    h.nstr = o.pool.len;
    size_t base = out->len;
    rc |= sr_buf_put(out, &h, sizeof h);
    rc |= align64(out, base);   /* (a record in one cache line) */
    rc |= put_section(out, base, &h.off_rec, o.rec, b->nrec * sizeof *o.rec);
    rc |= put_section(out, base, &h.off_adm, o.adm, b->nadm * sizeof *o.adm);
    rc |= align64(out, base);
    rc |= put_section(out, base, &h.off_key, o.key, nkbucket * sizeof *o.key);
    rc |= put_section(out, base, &h.off_post, o.post, npost * sizeof *o.post);
    rc |= align64(out, base);
    rc |= put_section(out, base, &h.off_word, o.word, nwbucket * sizeof *o.word);
    rc |= put_section(out, base, &h.off_str, o.pool.data, o.pool.len);
    rc |= put_section(out, base, &h.off_fidx, o.fidx, (nfidx + 1) * sizeof *o.fidx);
    rc |= put_section(out, base, &h.off_fent, o.fent, nkeys * sizeof *o.fent);
    bout_free(&o);
    if (rc)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    h.file_size = out->len - base;
    memcpy(out->data + base, &h, sizeof h);
    geo_seal((unsigned char *)out->data + base, out->len - base);
    return SR_OK;
}
