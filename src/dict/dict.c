/* Loading entry points, compiling, and the read-only accessors. */
#include "dict_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- kinds ---------------------------------------------------------------------- */

static const char *const kind_names[] = {"auto",     "actors",  "agents", "verbs",
                                         "discards", "options", "issues"};

const char *sr_dict_kind_name(int kind)
{
    return kind >= 0 && kind <= SR_DICT_ISSUES ? kind_names[kind] : "?";
}

int sr_dict_kind_from_name(const char *path)
{
    if (!path)
        return SR_DICT_AUTO;
    const char *base = path;
    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    static const struct {
        const char *word;
        int kind;
    } words[] = {{"option", SR_DICT_OPTIONS}, {"discard", SR_DICT_DISCARDS},
                 {"issue", SR_DICT_ISSUES},   {"agent", SR_DICT_AGENTS},
                 {"actor", SR_DICT_ACTORS},   {"verb", SR_DICT_VERBS},
                 {"cameo", SR_DICT_VERBS}};
    /* The last keyword in the name wins: "x.verbs.actors" is actors. */
    int kind = SR_DICT_AUTO;
    long at = -1;
    size_t n = strlen(base);
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
        for (size_t i = 0; i < n; i++)
            if (ci_prefix(base + i, n - i, words[w].word) && (long)i > at) {
                at = (long)i;
                kind = words[w].kind;
            }
    return kind;
}

/* ---- loading ------------------------------------------------------------------------ */

int sr_dict_load_mem(sr_dict *d, const char *name, const char *data, size_t len, int kind,
                     sr_error *err, sr_dict_warn_fn warn, void *warn_ctx)
{
    if (!d || (!data && len))
        return sr_error_set(err, SR_EINVAL, name, 0, 0, "no dictionary or data");
    if (!name)
        name = "(memory)";
    if (d->compiled)
        return sr_error_set(err, SR_EINVAL, name, 0, 0, "dictionary set already compiled");
    if (kind < SR_DICT_AUTO || kind > SR_DICT_ISSUES)
        return sr_error_set(err, SR_EINVAL, name, 0, 0, "unknown dictionary kind %d", kind);
    if (d->files.n >= NONE32 - 1 || len >= NONE32)
        return sr_error_set(err, SR_ETOOBIG, name, 0, 0, "dictionary too large");
    char *copy = sr_malloc(strlen(name) + 1);
    char **slot = copy ? dv_push(&d->files, sizeof *slot) : NULL;
    if (!slot) {
        free(copy);
        return sr_error_set(err, SR_ENOMEM, name, 0, 0, "out of memory");
    }
    strcpy(copy, name);
    *slot = copy;
    size_t probe = len < 8192 ? len : 8192;
    if (probe && memchr(data, 0, probe))
        return sr_error_set(err, SR_EBINARY, copy, 0, 0, "binary file, not a dictionary");
    int nkind = native_kind(data, len);
    if (nkind < 0)
        return sr_error_set(err, SR_EINVAL, copy, 0, 0,
                            "unknown kind in the sitrep-dict header (want actors, agents or verbs)");
    if (nkind && kind != SR_DICT_AUTO && kind != nkind)
        return sr_error_set(err, SR_EINVAL, copy, 0, 0, "file is a sitrep-dict %s file, not %s",
                            kind_names[nkind], kind_names[kind]);
    if (nkind)
        kind = nkind;
    if (kind == SR_DICT_AUTO)
        kind = sr_dict_kind_from_name(name);
    if (kind == SR_DICT_AUTO)
        kind = ld_guess_kind(data, len);
    if (kind == SR_DICT_AUTO) {
        if (!len)
            return 0;
        return sr_error_set(err, SR_EINVAL, copy, 0, 0,
                            "cannot tell the kind of dictionary; name it *.actors, *.verbs, ...");
    }
    ld L;
    memset(&L, 0, sizeof L);
    L.d = d;
    L.name = copy;
    L.file = (uint32_t)(d->files.n - 1);
    L.kind = kind;
    L.warn = warn;
    L.wctx = warn_ctx;
    sr_buf lowered = SR_BUF_INIT;
    dvec map = {0};
    if (nkind) {
        /* Read as the PETRARCH syntax it lowers to (native.c). */
        L.tmp = sr_arena_new();
        int lrc = L.tmp ? native_lower(&L, data, len, kind, &lowered, &map) : SR_ENOMEM;
        sr_arena_free(L.tmp);
        L.tmp = NULL;
        if (lrc) {
            sr_buf_free(&lowered);
            dv_free(&map);
            return sr_error_set(err, lrc, copy, L.lineno, 0, "%s while loading %s dictionary",
                                sr_errmsg(lrc), kind_names[kind]);
        }
        data = lowered.data ? lowered.data : "";
        len = lowered.len;
        L.linemap = map.p;
        L.nmap = map.n;
        L.lineno = 0;
        L.dialect = DIALECT_PETRARCH;
        d->native = 1;
    } else {
        L.dialect = ld_guess_dialect(name, data, len, kind);
    }
    if (kind == SR_DICT_VERBS && d->dialect_verbs < 0)
        d->dialect_verbs = L.dialect;
    if (kind == SR_DICT_ACTORS && d->dialect_actors < 0)
        d->dialect_actors = L.dialect;
    L.p = data;
    L.end = data + len;
    L.tmp = sr_arena_new();
    if (!L.tmp) {
        sr_buf_free(&lowered);
        dv_free(&map);
        return sr_error_set(err, SR_ENOMEM, copy, 0, 0, "out of memory");
    }
    int rc;
    switch (kind) {
    case SR_DICT_ACTORS: rc = load_actors(&L); break;
    case SR_DICT_AGENTS: rc = load_agents(&L); break;
    case SR_DICT_VERBS: rc = load_verbs(&L); break;
    case SR_DICT_DISCARDS: rc = load_discards(&L); break;
    case SR_DICT_OPTIONS: rc = load_options(&L); break;
    default: rc = load_issues(&L); break;
    }
    if (L.err)
        rc = L.err;
    sr_arena_free(L.tmp);
    sr_buf_free(&L.raw);
    sr_buf_free(&lowered);
    dv_free(&map);
    if (rc < 0)
        return sr_error_set(err, rc, copy, L.lineno, 0, "%s while loading %s dictionary",
                            sr_errmsg(rc), kind_names[kind]);
    return 0;
}

int sr_dict_load_file(sr_dict *d, const char *path, int kind, sr_error *err,
                      sr_dict_warn_fn warn, void *warn_ctx)
{
    if (!d || !path)
        return sr_error_set(err, SR_EINVAL, path, 0, 0, "no dictionary or path");
    FILE *f = fopen(path, "rb");
    if (!f)
        return sr_error_set(err, SR_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    sr_buf b = SR_BUF_INIT;
    char chunk[65536];
    size_t got;
    int rc = 0;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (sr_buf_put(&b, chunk, got)) {
            rc = sr_error_set(err, SR_ENOMEM, path, 0, 0, "out of memory");
            break;
        }
    if (!rc && ferror(f))
        rc = sr_error_set(err, SR_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
    fclose(f);
    if (!rc)
        rc = sr_dict_load_mem(d, path, b.data ? b.data : "", b.len, kind, err, warn, warn_ctx);
    sr_buf_free(&b);
    return rc;
}

size_t sr_dict_warning_count(const sr_dict *d) { return d ? d->nwarn : 0; }

void sr_dict_set_dup_warnings(sr_dict *d, int on)
{
    if (d)
        d->quiet_dups = !on;
}

/* ---- compiling --------------------------------------------------------------------- */

static int pat_cmp(const void *a, const void *b)
{
    const dpattern *x = a, *y = b;
    if (x->verb != y->verb)
        return x->verb < y->verb ? -1 : 1;
    if (x->length != y->length)
        return x->length > y->length ? -1 : 1;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return x->variant < y->variant ? -1 : x->variant > y->variant;
}

typedef struct lsort {
    const char *code;
    size_t idx;
    dlabel l;
} lsort;

static int label_cmp(const void *a, const void *b)
{
    const lsort *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    return c ? c : x->idx < y->idx ? -1 : x->idx > y->idx;
}

int sr_dict_compile(sr_dict *d, sr_error *err)
{
    if (!d)
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "no dictionary");
    if (d->compiled)
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "dictionary set already compiled");
    if (verbs_expand_marked(d))
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    d->poss_word[0] = voc_find_h(&d->voc, "'s", 2, voc_hash("'s", 2));
    d->poss_word[1] = voc_find_h(&d->voc, "'", 1, voc_hash("'", 1));
    dpattern *p = d->patterns.p;
    if (d->patterns.n)
        qsort(p, d->patterns.n, sizeof *p, pat_cmp);
    dverb *v = d->verbs.p;
    for (size_t k = 0; k < d->verbs.n; k++) {
        v[k].first_pat = (uint32_t)d->patterns.n;
        v[k].npat = 0;
    }
    for (size_t k = 0; k < d->patterns.n; k++) {
        dverb *vb = &v[p[k].verb];
        if (!vb->npat)
            vb->first_pat = (uint32_t)k;
        vb->npat++;
    }
    /* Labels are looked up by code; the last LABEL for a code wins as it
     * would when TABARI reads them in order, so sort stably by code. */
    if (d->labels.n) {
        lsort *t = sr_malloc(d->labels.n * sizeof *t);
        if (!t)
            return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
        dlabel *l = d->labels.p;
        for (size_t k = 0; k < d->labels.n; k++)
            t[k] = (lsort){str_at(d, l[k].code), k, l[k]};
        qsort(t, d->labels.n, sizeof *t, label_cmp);
        for (size_t k = 0; k < d->labels.n; k++)
            l[k] = t[k].l;
        free(t);
    }
    if (dict_build_index(d))
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    d->compiled = 1;
    d->serial = dict_next_serial();
    return 0;
}

int sr_dict_is_compiled(const sr_dict *d) { return d && d->compiled; }

/* ---- counts and words ------------------------------------------------------------------- */

size_t sr_dict_count(const sr_dict *d, int what)
{
    if (!d)
        return 0;
    size_t n = 0;
    switch (what) {
    case SR_DICT_N_WORDS: return d->voc.n;
    case SR_DICT_N_PHRASES: return d->phrases.n;
    case SR_DICT_N_ACTORS: return d->actors.n;
    case SR_DICT_N_ACTOR_PHRASES: return d->ntable[SR_DICT_T_ACTORS];
    case SR_DICT_N_AGENTS: return d->ntable[SR_DICT_T_AGENTS];
    case SR_DICT_N_VERBS: return d->verbs.n;
    case SR_DICT_N_FORMS: return d->forms.n;
    case SR_DICT_N_PATTERNS: return d->patterns.n;
    case SR_DICT_N_SYNSETS: return d->synsets.n;
    case SR_DICT_N_TIME:
    case SR_DICT_N_ATTRIB:
        for (size_t k = 0; k < d->verbs.n; k++)
            n += DV(d->verbs, dverb)[k].set ==
                 (what == SR_DICT_N_TIME ? SR_DICT_SET_TIME : SR_DICT_SET_ATTRIB);
        return n;
    case SR_DICT_N_NOUNS: return d->ntable[SR_DICT_T_NOUNS];
    case SR_DICT_N_ADJECTIVES: return d->ntable[SR_DICT_T_ADJECTIVES];
    case SR_DICT_N_DISCARDS: return d->discards.n;
    case SR_DICT_N_ISSUES: return d->issues.n;
    case SR_DICT_N_ISSUE_CATEGORIES: return d->cats.n;
    case SR_DICT_N_TRANSFORMS: return d->transforms.n;
    case SR_DICT_N_LABELS: return d->labels.n;
    case SR_DICT_N_FILES: return d->files.n;
    default: return 0;
    }
}

uint32_t sr_dict_word_id(const sr_dict *d, const char *norm, size_t len)
{
    if (!d || (!norm && len))
        return 0;
    return voc_find_h(&d->voc, norm, len, voc_hash(norm, len));
}

const char *sr_dict_word_text(const sr_dict *d, uint32_t id, size_t *len)
{
    if (!d || !id || id > d->voc.n)
        return NULL;
    if (len)
        *len = DV(d->voc.len, uint32_t)[id];
    return d->voc.chars.data + DV(d->voc.off, uint32_t)[id];
}

/* ---- accessors ----------------------------------------------------------------------- */

static sr_dict_code code_view(const sr_dict *d, const dcode *c)
{
    sr_dict_code o = {str_at(d, c->code), str_at(d, c->paired), c->flags, c->shift};
    return o;
}

#define CHECK_ID(vec, id)                       \
    do {                                        \
        if (!d || !out || (id) >= (vec).n)      \
            return SR_EINVAL;                   \
    } while (0)

int sr_dict_phrase_get(const sr_dict *d, uint32_t phrase, sr_dict_phrase *out)
{
    CHECK_ID(d->phrases, phrase);
    const dphrase *p = &DV(d->phrases, dphrase)[phrase];
    out->text = str_at(d, p->text);
    out->file = file_at(d, p->file);
    out->line = p->line;
    out->table = (int)p->table;
    out->entry = p->entry;
    out->nwords = p->nwords;
    out->cased = (p->generated & PHRASE_CASED) != 0;
    return 0;
}

const char *sr_dict_phrase_cased(const sr_dict *d, uint32_t phrase)
{
    if (!d || phrase >= d->phrases.n)
        return NULL;
    const dphrase *p = &DV(d->phrases, dphrase)[phrase];
    return (p->generated & PHRASE_CASED) ? str_at(d, p->text) : NULL;
}

int sr_dict_actor_get(const sr_dict *d, uint32_t actor, sr_dict_actor *out)
{
    CHECK_ID(d->actors, actor);
    const dactor *a = &DV(d->actors, dactor)[actor];
    out->nroles = a->nroles;
    out->parent = a->parent;
    out->file = file_at(d, a->file);
    out->line = a->line;
    return 0;
}

static void role_view(const sr_dict *d, const drole *r, sr_dict_role *out)
{
    out->codes = str_at(d, r->codes);
    out->ncodes = r->ncodes;
    out->flags = r->flags;
    out->lo = r->lo;
    out->hi = r->hi;
}

int sr_dict_actor_role(const sr_dict *d, uint32_t actor, uint32_t k, sr_dict_role *out)
{
    CHECK_ID(d->actors, actor);
    const dactor *a = &DV(d->actors, dactor)[actor];
    if (k >= a->nroles)
        return SR_EINVAL;
    role_view(d, &DV(d->roles, drole)[a->first_role + k], out);
    return 0;
}

int sr_dict_actor_role_at(const sr_dict *d, uint32_t actor, int32_t date, sr_dict_role *out)
{
    CHECK_ID(d->actors, actor);
    const dactor *a = &DV(d->actors, dactor)[actor];
    if (!a->nroles)
        return 0;
    const drole *r = DV(d->roles, drole) + a->first_role, *deflt = NULL;
    for (uint32_t k = 0; k < a->nroles; k++) {
        if (r[k].flags & SR_DICT_R_DEFAULT) {
            if (!deflt)
                deflt = &r[k];
        } else if (r[k].lo <= date && date <= r[k].hi) {
            role_view(d, &r[k], out);
            return 1;
        }
    }
    if (!deflt)
        return 0;
    role_view(d, deflt, out);
    return 1;
}

const char *sr_dict_role_code(const sr_dict_role *r, uint32_t k)
{
    if (!r || k >= r->ncodes || !r->codes)
        return NULL;
    const char *c = r->codes;
    while (k--)
        c += strlen(c) + 1;
    return c;
}

int sr_dict_agent_get(const sr_dict *d, uint32_t agent, sr_dict_agent *out)
{
    CHECK_ID(d->agents, agent);
    const dagent *a = &DV(d->agents, dagent)[agent];
    out->code = str_at(d, a->code);
    out->position = (int)a->pos;
    out->file = file_at(d, a->file);
    out->line = a->line;
    return 0;
}

int sr_dict_verb_get(const sr_dict *d, uint32_t verb, sr_dict_verb *out)
{
    CHECK_ID(d->verbs, verb);
    const dverb *v = &DV(d->verbs, dverb)[verb];
    out->name = str_at(d, v->name);
    out->code = code_view(d, &v->code);
    out->first_pattern = d->compiled ? v->first_pat : 0;
    out->npatterns = d->compiled ? v->npat : 0;
    out->set = (int)v->set;
    out->file = file_at(d, v->file);
    out->line = v->line;
    return 0;
}

int sr_dict_form_get(const sr_dict *d, uint32_t form, sr_dict_form *out)
{
    CHECK_ID(d->forms, form);
    const dform *f = &DV(d->forms, dform)[form];
    out->verb = f->verb;
    out->code = code_view(d, &f->code);
    out->verb_word = f->verb_word;
    out->file = file_at(d, f->file);
    out->line = f->line;
    return 0;
}

int sr_dict_form_patterns(const sr_dict *d, uint32_t form, sr_dict_code *code,
                          uint32_t *first_pattern, uint32_t *npatterns)
{
    if (!d || form >= d->forms.n)
        return SR_EINVAL;
    const dform *f = &DV(d->forms, dform)[form];
    if (f->verb >= d->verbs.n)
        return SR_EINVAL;
    const dverb *v = &DV(d->verbs, dverb)[f->verb];
    *code = code_view(d, &f->code);
    *first_pattern = d->compiled ? v->first_pat : 0;
    *npatterns = d->compiled ? v->npat : 0;
    return 0;
}

int sr_dict_form_flags(const sr_dict *d, uint32_t form, uint32_t *flags, uint32_t *npatterns)
{
    if (!d || form >= d->forms.n)
        return SR_EINVAL;
    const dform *f = &DV(d->forms, dform)[form];
    if (f->verb >= d->verbs.n)
        return SR_EINVAL;
    *flags = f->code.flags;
    *npatterns = d->compiled ? DV(d->verbs, dverb)[f->verb].npat : 0;
    return 0;
}

int sr_dict_pattern_get(const sr_dict *d, uint32_t pattern, sr_dict_pattern *out)
{
    CHECK_ID(d->patterns, pattern);
    if (!d->compiled)
        return SR_EINVAL; /* elements may still move while loading */
    *out = d->pviews[pattern];
    return 0;
}

const uint32_t *sr_dict_pattern_filter_bits(const sr_dict *d)
{
    return d && d->compiled ? d->pfilter : NULL;
}

const sr_dict_pattern *sr_dict_pattern_view(const sr_dict *d, uint32_t pattern)
{
    if (!d || !d->compiled || pattern >= d->patterns.n)
        return NULL;
    return &d->pviews[pattern];
}

int sr_dict_synset_get(const sr_dict *d, uint32_t synset, sr_dict_synset *out)
{
    CHECK_ID(d->synsets, synset);
    const dsynset *y = &DV(d->synsets, dsynset)[synset];
    out->name = str_at(d, y->name);
    out->nmembers = y->nmembers;
    out->file = file_at(d, y->file);
    out->line = y->line;
    return 0;
}

uint32_t sr_dict_synset_id(const sr_dict *d, const char *name, size_t len)
{
    if (!d || !name)
        return NONE32;
    if (len && name[0] == '&') {
        name++;
        len--;
    }
    while (len && name[len - 1] == '_')
        len--;
    for (size_t i = 0; i < d->synsets.n; i++) {
        const char *nm = str_at(d, DV(d->synsets, dsynset)[i].name);
        if (strlen(nm) == len && ci_prefix(name, len, nm))
            return (uint32_t)i;
    }
    return NONE32;
}

int sr_dict_transform_get(const sr_dict *d, uint32_t k, sr_dict_transform *out)
{
    CHECK_ID(d->transforms, k);
    const dtransform *t = &DV(d->transforms, dtransform)[k];
    out->pattern = str_at(d, t->pattern);
    out->result = str_at(d, t->result);
    out->file = file_at(d, t->file);
    out->line = t->line;
    return 0;
}

int sr_dict_discard_get(const sr_dict *d, uint32_t discard, sr_dict_discard *out)
{
    CHECK_ID(d->discards, discard);
    const ddiscard *x = &DV(d->discards, ddiscard)[discard];
    out->story = (int)x->story;
    out->file = file_at(d, x->file);
    out->line = x->line;
    return 0;
}

int sr_dict_issue_get(const sr_dict *d, uint32_t issue, sr_dict_issue *out)
{
    CHECK_ID(d->issues, issue);
    const dissue *x = &DV(d->issues, dissue)[issue];
    out->code = str_at(d, x->code);
    out->category = x->category;
    out->exclude = (int)x->exclude;
    out->value = x->value;
    out->file = file_at(d, x->file);
    out->line = x->line;
    return 0;
}

int sr_dict_issue_category(const sr_dict *d, uint32_t cat, sr_dict_issue_cat *out)
{
    CHECK_ID(d->cats, cat);
    const dcat *c = &DV(d->cats, dcat)[cat];
    out->name = str_at(d, c->name);
    out->deflt = str_at(d, c->deflt);
    out->flags = c->flags;
    return 0;
}

int sr_dict_options_get(const sr_dict *d, sr_dict_options *out)
{
    if (!d || !out)
        return SR_EINVAL;
    *out = d->opts;
    return 0;
}

int sr_dict_has_options(const sr_dict *d) { return d && d->have_options; }

int sr_dict_is_native(const sr_dict *d) { return d && d->native; }

uint64_t sr_dict_serial(const sr_dict *d) { return d ? d->serial : 0; }

int sr_dict_dialect(const sr_dict *d)
{
    if (!d)
        return SR_DICT_DIALECT_TABARI;
    if (d->dialect_verbs >= 0)
        return d->dialect_verbs;
    if (d->dialect_actors >= 0)
        return d->dialect_actors;
    return SR_DICT_DIALECT_TABARI;
}

const char *sr_dict_label(const sr_dict *d, const char *code)
{
    if (!d || !code || !d->compiled)
        return NULL;
    const dlabel *l = d->labels.p;
    size_t lo = 0, hi = d->labels.n, hit = d->labels.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(str_at(d, l[mid].code), code);
        if (c < 0)
            lo = mid + 1;
        else {
            if (c == 0)
                hit = mid;
            hi = mid;
        }
    }
    if (hit == d->labels.n)
        return NULL;
    while (hit + 1 < d->labels.n && strcmp(str_at(d, l[hit + 1].code), code) == 0)
        hit++;
    return str_at(d, l[hit].text);
}
