/* TABARI .options (manual chapter 8), PETRARCH discards and the issues
 * lists of both programs. */
#include "dict_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- options ---------------------------------------------------------------- */

void sr_dict_options_init(sr_dict_options *o)
{
    memset(o, 0, sizeof *o);
    o->code_by = SR_DICT_CODE_BY_CLAUSE;
    o->label = 1;
    o->minimum_words = 8;
    o->actor_usage = o->agent_usage = o->verb_usage = -1;
    o->dup_warning = 1;
    o->time_shifting = -1;
    o->skip_records = 1;
    o->haiku = 1;
    o->check_dominant = 1;
    o->comma_min = 2;
    o->comma_max = 10;
    o->comma_emin = 2;
    o->comma_emax = 10;
    o->comma_bmin = 128;
    o->comma_bmax = 0;
}

/* A word scanner over an upper-cased copy of the command. */
typedef struct oscan {
    const char *s;
    size_t n, i;
} oscan;

static void os_blank(oscan *c)
{
    while (c->i < c->n && (is_blank((unsigned char)c->s[c->i]) || c->s[c->i] == '='))
        c->i++;
}

/* Next run of letters (or of letters, digits and _ when any is set). */
static size_t os_word(oscan *c, const char **w, int any)
{
    os_blank(c);
    size_t b = c->i;
    while (c->i < c->n) {
        int ch = (unsigned char)c->s[c->i];
        int ok = (ch >= 'A' && ch <= 'Z') ||
                 (any && ((ch >= '0' && ch <= '9') || ch == '_' || ch == '^' || ch == '*'));
        if (!ok)
            break;
        c->i++;
    }
    *w = c->s + b;
    return c->i - b;
}

static int os_int(oscan *c, int *v)
{
    os_blank(c);
    if (c->i < c->n && c->s[c->i] == '[')
        c->i++;
    const char *b = c->s + c->i;
    char *e;
    long x = strtol(b, &e, 10);
    if (e == b)
        return -1;
    /* A number past any sensible setting (a 400-digit MINIMUM WORDS) is
     * refused with its line, not clamped into one that codes nothing. */
    if (x > 1000000 || x < -1000000)
        return -1;
    c->i += (size_t)(e - b);
    if (c->i < c->n && c->s[c->i] == ']')
        c->i++;
    *v = (int)x;
    return 0;
}

/* TRUE/T/YES, FALSE/F/NO, OFF (-1, only when tri). */
static int os_bool(oscan *c, int tri, int *v)
{
    const char *w;
    size_t n = os_word(c, &w, 0);
    if (ci_eq(w, n, "TRUE") || ci_eq(w, n, "T") || ci_eq(w, n, "YES")) {
        *v = 1;
        return 0;
    }
    if (ci_eq(w, n, "FALSE") || ci_eq(w, n, "F") || ci_eq(w, n, "NO")) {
        *v = 0;
        return 0;
    }
    if (tri && ci_eq(w, n, "OFF")) {
        *v = -1;
        return 0;
    }
    return -1;
}

/* The manual names parameters in full but TABARI reads the first four
 * letters of each word ("TIME SHIFT" is "TIME SHIFTING"). */
static int key_is(const char *key, const char *name) { return strcmp(key, name) == 0; }

static int opt_set(sr_dict_options *o, oscan *c, sr_error *err)
{
    /* The name is what comes before '=' (all of it for CODE BY/CODE ALL). */
    const char *eq = memchr(c->s, '=', c->n);
    size_t name_end = eq ? (size_t)(eq - c->s) : c->n;
    char key[64];
    size_t kn = 0;
    oscan nc = {c->s, name_end, 0};
    for (int words = 0; words < 4; words++) {
        const char *w;
        size_t n = os_word(&nc, &w, 0);
        if (!n)
            break;
        if (kn)
            key[kn++] = ' ';
        for (size_t k = 0; k < n && k < 4; k++)
            key[kn++] = w[k];
    }
    key[kn] = 0;
    c->i = eq ? name_end + 1 : c->n;
    if (!eq && strncmp(key, "CODE BY ", 8) == 0) {
        if (key_is(key + 8, "CLAU"))
            o->code_by = SR_DICT_CODE_BY_CLAUSE;
        else if (key_is(key + 8, "SENT"))
            o->code_by = SR_DICT_CODE_BY_SENTENCE;
        else
            return sr_error_set(err, SR_EPARSE, NULL, 0, 0, "SET: CODE BY needs CLAUSE or SENTENCE");
        return 0;
    }
    int v = 0, rc = 0;
    if (key_is(key, "CODE ALL")) {
        o->code_by = SR_DICT_CODE_ALL;
    } else if (key_is(key, "MINI WORD")) {
        rc = os_int(c, &v);
        if (!rc)
            o->minimum_words = v;
    } else {
        struct {
            const char *k;
            int *field;
            int tri;
        } tab[] = {{"LABE", &o->label, 0},           {"ACTO USAG", &o->actor_usage, 1},
                   {"AGEN USAG", &o->agent_usage, 1}, {"VERB USAG", &o->verb_usage, 1},
                   {"DUP WARN", &o->dup_warning, 0},  {"CONV AGEN", &o->convert_agents, 0},
                   {"FBIS", &o->fbis, 0},             {"YYYY", &o->yyyy, 0},
                   {"TIME SHIF", &o->time_shifting, 0}, {"SKIP RECO", &o->skip_records, 0},
                   {"HAIK", &o->haiku, 0},            {"ALLC", &o->allcaps, 0},
                   {"CHEC DOMI", &o->check_dominant, 0},
                   {"CODE NONR", &o->code_nonrestrictive, 0}};
        size_t k;
        for (k = 0; k < sizeof tab / sizeof tab[0]; k++)
            if (key_is(key, tab[k].k))
                break;
        if (k == sizeof tab / sizeof tab[0])
            return sr_error_set(err, SR_EPARSE, NULL, 0, 0,
                                key_is(key, "MATC") ? "SET: MATCH is obsolete; use OUTPUT: MATCH"
                                                    : "unknown SET parameter \"%s\"",
                                key);
        rc = os_bool(c, tab[k].tri, &v);
        if (!rc)
            *tab[k].field = v;
    }
    if (rc)
        return sr_error_set(err, SR_EPARSE, NULL, 0, 0, "bad value for SET: %s", key);
    return 0;
}

static int opt_complex(sr_dict_options *o, oscan *c, sr_error *err)
{
    o->cx_verbs = o->cx_actors = o->cx_pronouns = o->cx_conj = o->cx_comma = o->cx_lateverb = 0;
    o->cx_flags = 0;
    for (;;) {
        const char *w;
        size_t n = os_word(c, &w, 0);
        if (!n)
            break;
        int *num = ci_eq(w, n, "VERBS") ? &o->cx_verbs
                   : ci_eq(w, n, "ACTORS") ? &o->cx_actors
                   : ci_eq(w, n, "PRONOUNS") ? &o->cx_pronouns
                   : ci_eq(w, n, "CONJ") ? &o->cx_conj
                   : ci_eq(w, n, "COMMA") ? &o->cx_comma
                   : ci_eq(w, n, "LATEVERB") ? &o->cx_lateverb : NULL;
        if (num) {
            if (os_int(c, num))
                return sr_error_set(err, SR_EPARSE, NULL, 0, 0, "COMPLEX: %.*s needs [n]", (int)n, w);
            continue;
        }
        static const char *const flags[] = {"NOACTPRIOR", "NOACTAFTER", "NOVERB", "NOSOURCE",
                                             "NOTARGET",   "NOEVENT",    "EXPLAIN", "NOSAVE"};
        size_t k;
        for (k = 0; k < 8; k++)
            if (ci_eq(w, n, flags[k]))
                break;
        if (k < 8)
            o->cx_flags |= 1u << k;
        else if (!ci_eq(w, n, "OFF"))
            return sr_error_set(err, SR_EPARSE, NULL, 0, 0, "unknown COMPLEX condition %.*s", (int)n,
                                w);
    }
    return 0;
}

static int opt_comma(sr_dict_options *o, oscan *c, sr_error *err)
{
    o->comma_off = 0;
    for (;;) {
        const char *w;
        size_t n = os_word(c, &w, 0);
        if (!n)
            break;
        if (ci_eq(w, n, "OFF")) {
            o->comma_off = 1;
            continue;
        }
        int *f = ci_eq(w, n, "MIN") ? &o->comma_min
                 : ci_eq(w, n, "MAX") ? &o->comma_max
                 : ci_eq(w, n, "EMIN") ? &o->comma_emin
                 : ci_eq(w, n, "EMAX") ? &o->comma_emax
                 : ci_eq(w, n, "BMIN") ? &o->comma_bmin
                 : ci_eq(w, n, "BMAX") ? &o->comma_bmax : NULL;
        if (!f || os_int(c, f))
            return sr_error_set(err, SR_EPARSE, NULL, 0, 0, "bad COMMA setting %.*s", (int)n, w);
    }
    return 0;
}

static int opt_code(oscan *c, char *out, size_t cap, sr_error *err)
{
    os_blank(c);
    while (c->i < c->n && c->s[c->i] == ':')
        c->i++;
    os_blank(c);
    if (c->i >= c->n || c->s[c->i] != '[')
        return sr_error_set(err, SR_EPARSE, NULL, 0, 0, "DEFAULT: expected [code]");
    const char *b = c->s + c->i + 1, *e = memchr(b, ']', c->n - c->i - 1);
    if (!e)
        return sr_error_set(err, SR_EPARSE, NULL, 0, 0, "DEFAULT: missing ]");
    size_t n = (size_t)(e - b);
    trim(&b, &n);
    if (!n || n >= cap)
        return sr_error_set(err, SR_EPARSE, NULL, 0, 0, "DEFAULT: code empty or longer than %zu",
                            cap - 1);
    memcpy(out, b, n);
    out[n] = 0;
    c->i = (size_t)(e - c->s) + 1;
    return 0;
}

static int opt_default(sr_dict_options *o, oscan *c, sr_error *err)
{
    o->default_source[0] = o->default_target[0] = 0;
    o->default_prior = o->default_after = 0;
    for (;;) {
        const char *w;
        size_t n = os_word(c, &w, 0);
        if (!n)
            break;
        int rc = 0;
        if (ci_eq(w, n, "SOURCE"))
            rc = opt_code(c, o->default_source, sizeof o->default_source, err);
        else if (ci_eq(w, n, "TARGET"))
            rc = opt_code(c, o->default_target, sizeof o->default_target, err);
        else if (ci_eq(w, n, "PRIOR"))
            o->default_prior = 1;
        else if (ci_eq(w, n, "AFTER"))
            o->default_after = 1;
        else if (!ci_eq(w, n, "OFF"))
            rc = sr_error_set(err, SR_EPARSE, NULL, 0, 0, "unknown DEFAULT keyword %.*s", (int)n, w);
        if (rc)
            return rc;
    }
    return 0;
}

int sr_dict_options_apply(sr_dict_options *o, const char *line, size_t len, sr_error *err)
{
    if (!o || (!line && len))
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "no options or line");
    const char *s = line;
    trim(&s, &len);
    const char *colon = memchr(s, ':', len);
    if (!colon)
        return sr_error_set(err, SR_EPARSE, NULL, 0, 0, "not an options command (no ':')");
    const char *cmd = s;
    size_t cn = (size_t)(colon - s);
    trim(&cmd, &cn);
    char *buf = sr_malloc(len - cn + 1);
    if (!buf)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    size_t vn = len - (size_t)(colon + 1 - s);
    for (size_t i = 0; i < vn; i++)
        buf[i] = (char)up((unsigned char)colon[1 + i]);
    buf[vn] = 0;
    oscan c = {buf, vn, 0};
    int rc = 0;
    if (ci_prefix(cmd, cn, "SET"))
        rc = opt_set(o, &c, err);
    else if (ci_prefix(cmd, cn, "COMP"))
        rc = opt_complex(o, &c, err);
    else if (ci_prefix(cmd, cn, "COMM"))
        rc = opt_comma(o, &c, err);
    else if (ci_prefix(cmd, cn, "DEFA"))
        rc = opt_default(o, &c, err);
    else if (ci_prefix(cmd, cn, "NONE")) {
        const char *w;
        size_t n = os_word(&c, &w, 0);
        o->nonevents = ci_eq(w, n, "ONLY") ? SR_DICT_NONEVENTS_ONLY
                       : (ci_eq(w, n, "TRUE") || ci_eq(w, n, "T")) ? SR_DICT_NONEVENTS_TRUE
                                                                   : SR_DICT_NONEVENTS_FALSE;
        if (!n)
            rc = sr_error_set(err, SR_EPARSE, NULL, 0, 0, "NONEVENTS: needs TRUE, ONLY or FALSE");
    } else if (ci_prefix(cmd, cn, "FORW")) {
        const char *w;
        size_t n = os_word(&c, &w, 1);
        if (!n || n >= sizeof o->forward) {
            rc = sr_error_set(err, SR_EPARSE, NULL, 0, 0, "FORWARD: bad sequence format");
        } else {
            memcpy(o->forward, w, n);
            o->forward[n] = 0;
            o->forward_doc = o->forward_off = 0;
            while ((n = os_word(&c, &w, 0)) > 0) {
                if (ci_eq(w, n, "DOC"))
                    o->forward_doc = 1;
                else if (ci_eq(w, n, "OFF"))
                    o->forward_off = 1;
            }
        }
    } else if (ci_prefix(cmd, cn, "OUTP")) {
        static const char *const keys[] = {"ACT", "AGE", "PAR", "SHI", "MAT", "LOC",
                                           "PAT", "ID",  "TEX", "STO", "SEN", "DOC"};
        const char *w;
        size_t n;
        while (!rc && (n = os_word(&c, &w, 0)) > 0) {
            size_t k;
            for (k = 0; k < 12; k++)
                if (ci_prefix(w, n, keys[k]))
                    break;
            if (k < 12)
                o->output |= 1u << k;
            else
                rc = sr_error_set(err, SR_EPARSE, NULL, 0, 0, "unknown OUTPUT field %.*s", (int)n, w);
        }
    } else if (ci_prefix(cmd, cn, "LABE")) {
        rc = sr_error_set(err, SR_EINVAL, NULL, 0, 0, "LABEL: belongs in the .options file");
    } else {
        rc = sr_error_set(err, SR_EPARSE, NULL, 0, 0, "unknown options command %.*s:", (int)cn, cmd);
    }
    free(buf);
    return rc;
}

int load_options(ld *L)
{
    sr_dict *d = L->d;
    if (!d->have_options)
        sr_dict_options_init(&d->opts);
    d->have_options = 1;
    dline ln;
    int rc;
    while ((rc = ld_next(L, &ln)) == 1) {
        if (ci_prefix(ln.s, ln.n, "LABEL:") || ci_prefix(ln.s, ln.n, "LABE:")) {
            const char *v = (const char *)memchr(ln.s, ':', ln.n) + 1;
            size_t vn = ln.n - (size_t)(v - ln.s);
            const char *eq = memchr(v, '=', vn);
            if (!eq) {
                ld_warn(L, ln.lineno, 0, "LABEL: needs code=text");
                continue;
            }
            const char *code = v, *text = eq + 1;
            size_t cn = (size_t)(eq - v), tn = vn - cn - 1;
            trim(&code, &cn);
            trim(&text, &tn);
            dlabel *lb = dv_push(&d->labels, sizeof *lb);
            if (!lb)
                return ld_nomem(L);
            lb->code = str_add(d, code, cn);
            lb->text = str_add(d, text, tn);
            if (lb->code == NONE32 || lb->text == NONE32)
                return ld_nomem(L);
            continue;
        }
        sr_error e;
        sr_error_clear(&e);
        int r = sr_dict_options_apply(&d->opts, ln.s, ln.n, &e);
        if (r == SR_ENOMEM)
            return ld_nomem(L);
        if (r)
            ld_warn(L, ln.lineno, 0, "%s", e.msg);
    }
    return rc < 0 ? rc : 0;
}

/* ---- discards ----------------------------------------------------------------- */

/* PETRARCH: "PHRASE" discards the sentence, "+PHRASE" the story; the last
 * word is a stem unless it ends in _ (dictionaries.rst). */
int load_discards(ld *L)
{
    dline ln;
    int rc;
    while ((rc = ld_next(L, &ln)) == 1) {
        sr_arena_reset(L->tmp);
        const char *s = ln.s;
        size_t n = ln.n;
        int story = s[0] == '+';
        if (story) {
            s++;
            n--;
        }
        trim(&s, &n);
        pphrase ph;
        if (ld_phrase(L, s, n, PH_EXACT | PH_CONSEC, &ph, NULL)) {
            if (L->err)
                return L->err;
            continue;
        }
        if (s[n - 1] != '_')
            ph_last_mode(&ph, SR_DICT_W_STEM);
        ddiscard *dd = dv_push(&L->d->discards, sizeof *dd);
        if (!dd)
            return ld_nomem(L);
        dd->story = (uint32_t)story;
        dd->file = L->file;
        dd->line = (uint32_t)ln.lineno;
        ld_store(L, L->d->roots[SR_DICT_T_DISCARDS], SR_DICT_T_DISCARDS,
                 (uint32_t)(L->d->discards.n - 1), &ph, ln.s, ln.n);
        if (L->err)
            return L->err;
    }
    return rc < 0 ? rc : 0;
}

/* ---- issues --------------------------------------------------------------------- */

/* attr="value" in an <ISSUE ...> tag; returns the value length or -1. */
static long tag_attr(const char *s, size_t n, const char *attr, const char **val)
{
    size_t an = strlen(attr);
    for (size_t i = 0; i + an <= n; i++) {
        if (!ci_prefix(s + i, n - i, attr) || (i && s[i - 1] != ' ' && s[i - 1] != '\t'))
            continue;
        size_t j = i + an;
        while (j < n && is_blank((unsigned char)s[j]))
            j++;
        if (j >= n || s[j] != '=')
            continue;
        j++;
        while (j < n && is_blank((unsigned char)s[j]))
            j++;
        if (j >= n || s[j] != '"')
            continue;
        const char *e = memchr(s + j + 1, '"', n - j - 1);
        if (!e)
            return -1;
        *val = s + j + 1;
        return e - *val;
    }
    return -1;
}

static int new_category(ld *L, const char *s, size_t n, uint32_t *cat)
{
    dcat *c = dv_push(&L->d->cats, sizeof *c);
    if (!c)
        return ld_nomem(L);
    const char *v;
    long vn = tag_attr(s, n, "CATEGORY", &v);
    c->name = str_add(L->d, vn >= 0 ? v : "", vn >= 0 ? (size_t)vn : 0);
    c->deflt = NONE32;
    if ((vn = tag_attr(s, n, "DEFAULT", &v)) >= 0)
        c->deflt = str_add(L->d, v, (size_t)vn);
    if ((vn = tag_attr(s, n, "TYPE", &v)) >= 0) {
        for (long k = 0; k < vn; k++) {
            if (ci_prefix(v + k, (size_t)(vn - k), "ALL"))
                c->flags |= SR_DICT_ISSUE_ALL;
            if (ci_prefix(v + k, (size_t)(vn - k), "NUMERIC"))
                c->flags |= SR_DICT_ISSUE_NUMERIC;
        }
    }
    if (c->name == NONE32)
        return ld_nomem(L);
    *cat = (uint32_t)(L->d->cats.n - 1);
    return 0;
}

/* PETRARCH expansions, each applying to the word it precedes: n:WORD adds
 * the plural, v:WORD the regular verb forms, A+B both "A B" and "A-B". */
static int expand_issue(ld *L, const char *t, size_t n, uint32_t issue, int depth, size_t *count)
{
    for (size_t i = 0; i < n; i++) {
        int at_word = i == 0 || !(up((unsigned char)t[i - 1]) >= 'A' && up((unsigned char)t[i - 1]) <= 'Z');
        int c = up((unsigned char)t[i]);
        if (t[i] == '+' || (at_word && (c == 'N' || c == 'V') && i + 1 < n && t[i + 1] == ':')) {
            if (depth > 6 || *count > 64) {
                ld_warn(L, L->lineno, (long)i, "too many issue expansions; rest skipped");
                return 0;
            }
            size_t we = i + (t[i] == '+' ? 1 : 2);
            size_t wb = we;
            while (we < n && !is_blank((unsigned char)t[we]) && t[we] != '+')
                we++;
            const char *w = t + wb;
            size_t wn = we - wb;
            char *forms[4];
            size_t fl[4];
            int nf = 0;
            for (int k = 0; k < 4; k++)
                if (!(forms[k] = sr_arena_alloc(L->tmp, wn + 4)))
                    return ld_nomem(L);
            if (t[i] == '+') {
                forms[0][0] = ' ';
                forms[1][0] = '-';
                fl[0] = fl[1] = 1;
                nf = 2;
                we = wb; /* only the + itself is replaced */
            } else if (c == 'N') {
                memcpy(forms[0], w, wn);
                fl[0] = wn;
                fl[1] = plural_of(w, wn, forms[1]);
                nf = fl[1] ? 2 : 1;
            } else {
                int e = wn && up((unsigned char)w[wn - 1]) == 'E';
                int lower = wn && w[wn - 1] >= 'a' && w[wn - 1] <= 'z';
                memcpy(forms[0], w, wn);
                fl[0] = wn;
                const char *suf[3] = {"S", e ? "D" : "ED", "ING"};
                for (int k = 0; k < 3; k++) {
                    size_t keep = (k == 2 && e) ? wn - 1 : wn;
                    memcpy(forms[k + 1], w, keep);
                    size_t m = keep;
                    for (const char *q = suf[k]; *q; q++)
                        forms[k + 1][m++] = lower ? (char)(*q + 32) : *q;
                    fl[k + 1] = m;
                }
                nf = 4;
            }
            for (int k = 0; k < nf; k++) {
                sr_buf b = SR_BUF_INIT;
                int bad = sr_buf_put(&b, t, i) || sr_buf_put(&b, forms[k], fl[k]) ||
                          sr_buf_put(&b, t + we, n - we);
                int rc = bad ? ld_nomem(L) : expand_issue(L, b.data, b.len, issue, depth + 1, count);
                sr_buf_free(&b);
                if (rc)
                    return rc;
            }
            return 0;
        }
    }
    (*count)++;
    pphrase ph;
    unsigned fl = L->dialect == DIALECT_PETRARCH ? PH_EXACT | PH_CONSEC : 0;
    if (ld_phrase(L, t, n, fl, &ph, NULL))
        return L->err;
    L->quiet = depth > 0;
    ld_store(L, L->d->roots[SR_DICT_T_ISSUES], SR_DICT_T_ISSUES, issue, &ph, t, n);
    L->quiet = 0;
    return L->err;
}

int load_issues(ld *L)
{
    uint32_t cat = NONE32;
    dline ln;
    int rc;
    while ((rc = ld_next(L, &ln)) == 1) {
        sr_arena_reset(L->tmp);
        const char *s = ln.s;
        size_t n = ln.n;
        if (s[0] == '<') {
            if (ci_prefix(s, n, "<ISSUE")) {
                if ((rc = new_category(L, s, n, &cat)))
                    return rc;
            } else if (ci_prefix(s, n, "</ISSUE")) {
                cat = NONE32;
            } else {
                ld_warn(L, ln.lineno, 0, "unknown section %.*s; line skipped", (int)n, s);
            }
            continue;
        }
        if (cat == NONE32 && (rc = new_category(L, "", 0, &cat)))
            return rc;
        dissue is;
        memset(&is, 0, sizeof is);
        is.code = NONE32;
        is.category = cat;
        is.file = L->file;
        is.line = (uint32_t)ln.lineno;
        const char *p = s;
        size_t pn = n;
        if (s[0] == '~') {
            is.exclude = n > 1 && s[1] == '~' ? 2 : 1;
            p += is.exclude;
            pn -= is.exclude;
        } else {
            size_t pos = 0, b, e;
            int got = ld_bracket(L, s, n, &pos, &b, &e);
            if (got <= 0) {
                if (!got)
                    ld_warn(L, ln.lineno, 0, "issue without a [code]; skipped");
                continue;
            }
            const char *cs = s + b;
            size_t cn = e - b;
            trim(&cs, &cn);
            if (!cn) {
                ld_warn(L, ln.lineno, (long)b, "empty issue code; skipped");
                continue;
            }
            is.code = str_add(L->d, cs, cn);
            if (is.code == NONE32)
                return ld_nomem(L);
            is.value = strtol(cs, NULL, 10);
            pn = b - 1;
        }
        trim(&p, &pn);
        if (!pn) {
            ld_warn(L, ln.lineno, 0, "issue without a phrase; skipped");
            continue;
        }
        dissue *slot = dv_push(&L->d->issues, sizeof *slot);
        if (!slot)
            return ld_nomem(L);
        *slot = is;
        size_t count = 0;
        if ((rc = expand_issue(L, p, pn, (uint32_t)(L->d->issues.n - 1), 0, &count)))
            return rc;
    }
    if (cat != NONE32 && rc == 0 && L->d->cats.n &&
        DV(L->d->cats, dcat)[cat].name != NONE32 && *str_at(L->d, DV(L->d->cats, dcat)[cat].name))
        ld_warn(L, L->lineno, 0, "missing </ISSUE> terminator");
    return rc < 0 ? rc : 0;
}
