/* sitrep's own dictionary format (data/dict/README.md).
 *
 * A native file is lowered, line by line, into the PETRARCH syntax the
 * loaders already read, with a map from every lowered line back to the
 * native line it came from.  Lowering keeps one set of loaders (and their
 * tested rules for words, plurals, verb forms, dates and patterns) instead
 * of a second copy that would drift; the map keeps every warning pointing
 * at the line the user wrote.  Native syntax errors are reported here with
 * their byte; errors the loaders find are reported at the native line. */
#include "dict_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char HEADER[] = "sitrep-dict";

typedef struct nat {
    ld *L;
    sr_buf *out;
    dvec *map;
    long line;              /* native line being lowered */
    const char *lstart;     /* its first byte, for columns */
    int kind;
    int entry;              /* actors/agents: an entry is open for continuations */
    char agent_code[64];    /* agents: the open entry's code */
    int in_noun;            /* verbs: inside an event-noun section */
    int in_block;           /* verbs: a verb or noun block is open for patterns */
} nat;

/* ---- the header ------------------------------------------------------------ */

static int blank_or_comment(const char *s, size_t n)
{
    const char *p = s;
    trim(&p, &n);
    return !n || p[0] == '#';
}

int native_kind(const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        size_t n = (size_t)(e - p);
        if (!blank_or_comment(p, n)) {
            const char *s = p;
            trim(&s, &n);
            size_t h = sizeof HEADER - 1;
            if (n <= h || memcmp(s, HEADER, h) || !is_blank((unsigned char)s[h]))
                return SR_DICT_AUTO;
            s += h;
            n -= h;
            const char *c = memchr(s, '#', n);
            if (c)
                n = (size_t)(c - s);
            trim(&s, &n);
            if (ci_eq(s, n, "actors"))
                return SR_DICT_ACTORS;
            if (ci_eq(s, n, "agents"))
                return SR_DICT_AGENTS;
            if (ci_eq(s, n, "verbs"))
                return SR_DICT_VERBS;
            return -1; /* a native file of a kind we do not know */
        }
        p = e + 1;
    }
    return SR_DICT_AUTO;
}

/* ---- output ----------------------------------------------------------------- */

static int emit(nat *N, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int emit(nat *N, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sr_buf_vprintf(N->out, fmt, ap);
    va_end(ap);
    uint32_t *m = rc ? NULL : dv_push(N->map, sizeof *m);
    if (!m || sr_buf_put(N->out, "\n", 1))
        return ld_nomem(N->L);
    *m = (uint32_t)N->line;
    return 0;
}

static long col_of(const nat *N, const char *p) { return (long)(p - N->lstart); }

/* A name or form as the PETRARCH loaders want it: words joined by "_".
 * Characters with a meaning there are refused.  Returns 0, or -1 when
 * warned. */
static int phrase_of(nat *N, const char *s, size_t n, char *buf, size_t cap, const char *what)
{
    trim(&s, &n);
    if (!n) {
        ld_warn(N->L, N->line, col_of(N, s), "empty %s", what);
        return -1;
    }
    if (n + 1 > cap) {
        ld_warn(N->L, N->line, col_of(N, s), "%s too long", what);
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (strchr("[]{}<>=;|", c) || c == '_' ||
            (i == 0 && strchr("+-&~!$*%^", c) && !(c == '+' && n > 1 && N->kind == SR_DICT_VERBS) &&
             !(c == '^' && n > 1 && N->kind == SR_DICT_ACTORS))) {
            ld_warn(N->L, N->line, col_of(N, s + i), "character '%c' not allowed in a %s", c,
                    what);
            return -1;
        }
        if (is_blank(c)) {
            if (k && buf[k - 1] != '_')
                buf[k++] = '_';
        } else {
            buf[k++] = (char)c;
        }
    }
    buf[k] = 0;
    return 0;
}

/* Splits s[0..n) at sep into trimmed parts; calls fn on each. */
typedef int (*part_fn)(nat *N, const char *s, size_t n, void *ctx);

static int each_part(nat *N, const char *s, size_t n, char sep, part_fn fn, void *ctx)
{
    while (1) {
        const char *e = memchr(s, sep, n);
        size_t pn = e ? (size_t)(e - s) : n;
        const char *p = s;
        size_t tn = pn;
        trim(&p, &tn);
        int rc = fn(N, p, tn, ctx);
        if (rc)
            return rc;
        if (!e)
            return 0;
        n -= pn + 1;
        s = e + 1;
    }
}

/* ---- actors ------------------------------------------------------------------- */

/* "YYYY-MM-DD" into "YYYYMMDD"; returns 0 or -1. */
static int iso_date(const char *s, size_t n, char out[9])
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (size_t i = 0, k = 0; i < n; i++) {
        if (i == 4 || i == 7)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return -1;
        out[k++] = s[i];
    }
    out[8] = 0;
    int m = (out[4] - '0') * 10 + out[5] - '0', d = (out[6] - '0') * 10 + out[7] - '0';
    return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? 0 : -1;
}

/* "CODE [FROM..TO]" into "[CODE restriction]" appended to role. */
static int role_part(nat *N, const char *s, size_t n, void *ctx)
{
    sr_buf *role = ctx;
    if (!n) {
        ld_warn(N->L, N->line, col_of(N, s), "empty code");
        return 0;
    }
    size_t c = 0;
    while (c < n && !is_blank((unsigned char)s[c]))
        c++;
    for (size_t i = 0; i < c; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9'))) {
            ld_warn(N->L, N->line, col_of(N, s + i),
                    "bad code '%.*s' (capitals and digits, in groups of three)", (int)c, s);
            return 0;
        }
    if (c % 3 || c > 45) {
        ld_warn(N->L, N->line, col_of(N, s), "bad code '%.*s' (capitals and digits, in groups of three)",
                (int)c, s);
        return 0;
    }
    const char *r = s + c;
    size_t rn = n - c;
    trim(&r, &rn);
    char lo[9] = "", hi[9] = "";
    if (rn) {
        const char *dots = NULL;
        for (size_t i = 0; i + 1 < rn; i++)
            if (r[i] == '.' && r[i + 1] == '.') {
                dots = r + i;
                break;
            }
        size_t ln = dots ? (size_t)(dots - r) : 0, hn = dots ? rn - ln - 2 : 0;
        const char *hs = dots ? dots + 2 : NULL;
        const char *ls = r;
        if (dots) {
            trim(&ls, &ln);
            trim(&hs, &hn);
        }
        if (!dots || (!ln && !hn) || (ln && iso_date(ls, ln, lo)) || (hn && iso_date(hs, hn, hi))) {
            ld_warn(N->L, N->line, col_of(N, r),
                    "bad date range '%.*s' (want FROM..TO with dates YYYY-MM-DD; either may be "
                    "left out)",
                    (int)rn, r);
            return 0;
        }
        if (*lo && *hi && strcmp(lo, hi) > 0) {
            ld_warn(N->L, N->line, col_of(N, r), "date range '%.*s' ends before it starts",
                    (int)rn, r);
            return 0;
        }
    }
    int rc;
    if (*lo && *hi)
        rc = sr_buf_printf(role, " [%.*s %s-%s]", (int)c, s, lo, hi);
    else if (*lo)
        rc = sr_buf_printf(role, " [%.*s >%s]", (int)c, s, lo);
    else if (*hi)
        rc = sr_buf_printf(role, " [%.*s <%s]", (int)c, s, hi);
    else
        rc = sr_buf_printf(role, " [%.*s]", (int)c, s);
    return rc ? ld_nomem(N->L) : 0;
}

typedef struct names_ctx {
    int first;            /* the next name opens the entry */
    const char *roles;    /* actors: " [..] [..]" for the first name */
} names_ctx;

static int actor_name(nat *N, const char *s, size_t n, void *ctx)
{
    names_ctx *c = ctx;
    char buf[512];
    if (phrase_of(N, s, n, buf, sizeof buf, "name"))
        return 0;
    /* A two- or three-letter acronym in capitals is matched in capitals
     * only: GIA is not Gia, SDF not sdf. */
    int acro = (n == 2 || n == 3);
    for (size_t i = 0; acro && i < n; i++)
        acro = s[i] >= 'A' && s[i] <= 'Z';
    const char *mark = acro ? "^" : "";
    int rc = c->first ? emit(N, "%s%s%s", mark, buf, c->roles) : emit(N, "+%s%s", mark, buf);
    c->first = 0;
    return rc;
}

static int agent_name(nat *N, const char *s, size_t n, void *ctx)
{
    (void)ctx;
    char buf[512];
    if (phrase_of(N, s, n, buf, sizeof buf, "name"))
        return 0;
    return emit(N, "%s [%s]", buf, N->agent_code);
}

static const char *find_eq(const char *s, size_t n) { return memchr(s, '=', n); }

static int actors_line(nat *N, const char *s, size_t n, int indented)
{
    if (indented && (s[0] == '|' || s[0] == '=')) {
        if (!N->entry) {
            ld_warn(N->L, N->line, col_of(N, s), "continuation line without an entry above; "
                                                 "skipped");
            return 0;
        }
        if (s[0] == '|') {
            names_ctx c = {0, ""};
            if (N->kind == SR_DICT_AGENTS)
                return each_part(N, s + 1, n - 1, '|', agent_name, &c);
            return each_part(N, s + 1, n - 1, '|', actor_name, &c);
        }
        if (N->kind == SR_DICT_AGENTS) {
            ld_warn(N->L, N->line, col_of(N, s), "an agent has one code; line skipped");
            return 0;
        }
        sr_buf role = SR_BUF_INIT;
        int rc = each_part(N, s + 1, n - 1, ';', role_part, &role);
        if (!rc && role.len)
            rc = emit(N, "%s", role.data + 1);
        sr_buf_free(&role);
        return rc;
    }
    N->entry = 0;
    const char *eq = find_eq(s, n);
    if (!eq) {
        ld_warn(N->L, N->line, col_of(N, s + n), "entry without '= CODE'; skipped");
        return 0;
    }
    const char *codes = eq + 1;
    size_t cn = n - (size_t)(codes - s);
    trim(&codes, &cn);
    if (N->kind == SR_DICT_AGENTS) {
        size_t k = 0;
        /* ("= none": words that merely end in an agent's noun) */
        int none = cn == 4 && !memcmp(codes, "none", 4);
        int ok = none || (cn > 1 && cn < sizeof N->agent_code &&
                          (codes[0] == '~' || codes[cn - 1] == '~'));
        for (size_t i = 0; ok && !none && i < cn; i++)
            ok = codes[i] == '~' || (codes[i] >= 'A' && codes[i] <= 'Z') ||
                 (codes[i] >= '0' && codes[i] <= '9');
        if (!ok) {
            ld_warn(N->L, N->line, col_of(N, codes),
                    "bad agent code '%.*s' (want ~XXX to follow the actor's code, XXX~ to lead it)",
                    (int)cn, codes);
            return 0;
        }
        for (size_t i = 0; i < cn; i++)
            N->agent_code[k++] = codes[i];
        N->agent_code[k] = 0;
        N->entry = 1;
        names_ctx c = {1, ""};
        return each_part(N, s, (size_t)(eq - s), '|', agent_name, &c);
    }
    sr_buf role = SR_BUF_INIT;
    size_t warned = N->L->d->nwarn;
    int rc = each_part(N, codes, cn, ';', role_part, &role);
    if (!rc && !role.len) {
        if (N->L->d->nwarn != warned) { /* the bad code was reported */
            sr_buf_free(&role);
            return 0;
        }
        ld_warn(N->L, N->line, col_of(N, codes), "entry without a valid code; skipped");
        sr_buf_free(&role);
        return 0;
    }
    names_ctx c = {1, role.len ? role.data : ""};
    if (!rc)
        rc = each_part(N, s, (size_t)(eq - s), '|', actor_name, &c);
    if (!c.first)
        N->entry = 1;
    sr_buf_free(&role);
    return rc;
}

/* ---- verbs -------------------------------------------------------------------- */

/* A CAMEO event code: 2 to 4 digits, or --- (no event). */
static int event_code(nat *N, const char *s, size_t n)
{
    int ok = (n >= 2 && n <= 4) || ci_eq(s, n, "---");
    for (size_t i = 0; ok && i < n && !ci_eq(s, n, "---"); i++)
        ok = s[i] >= '0' && s[i] <= '9';
    if (!ok)
        ld_warn(N->L, N->line, col_of(N, s), "bad event code '%.*s' (want 2 to 4 digits or ---)",
                (int)n, s);
    return ok ? 0 : -1;
}

/* One lemma of a verb or noun line, with its optional "(forms)". */
static int lemma_part(nat *N, const char *s, size_t n, void *ctx)
{
    const char *code = ctx;
    const char *lp = memchr(s, '(', n);
    size_t ln = lp ? (size_t)(lp - s) : n;
    char lem[512];
    if (phrase_of(N, s, ln, lem, sizeof lem, N->in_noun ? "noun" : "verb"))
        return 0;
    if (N->in_noun)
        return emit(N, "%s {} [%s]", lem, code); /* nouns as written: no made forms */
    if (!lp)
        return emit(N, "%s [%s]", lem, code);
    const char *rp = memchr(lp, ')', n - (size_t)(lp - s));
    if (!rp) {
        ld_warn(N->L, N->line, col_of(N, lp), "missing ) after forms; lemma skipped");
        return 0;
    }
    /* Forms of the inflected word; the lemma's other words are added. */
    const char *vw = lem, *plus = strchr(lem, '+');
    if (plus)
        vw = plus + 1;
    const char *ve = strchr(vw, '_');
    size_t vb = (size_t)(vw - lem), vl = ve ? (size_t)(ve - vw) : strlen(vw);
    sr_buf forms = SR_BUF_INIT;
    int rc = 0;
    for (const char *q = lp + 1; q < rp && !rc;) {
        while (q < rp && (is_blank((unsigned char)*q) || *q == ','))
            q++;
        const char *e = q;
        while (e < rp && !is_blank((unsigned char)*e) && *e != ',')
            e++;
        if (e > q)
            rc = sr_buf_printf(&forms, " %.*s%.*s%s", (int)vb, lem, (int)(e - q), q,
                               lem + vb + vl);
        q = e;
    }
    if (rc) {
        sr_buf_free(&forms);
        return ld_nomem(N->L);
    }
    rc = emit(N, "%s {%s} [%s]", lem, forms.len ? forms.data + 1 : "", code);
    sr_buf_free(&forms);
    return rc;
}

static int close_noun(nat *N)
{
    if (!N->in_noun)
        return 0;
    N->in_noun = 0;
    return emit(N, "</EVENTNOUN>");
}

static int set_member(nat *N, const char *s, size_t n, void *ctx)
{
    (void)ctx;
    char buf[512];
    if (phrase_of(N, s, n, buf, sizeof buf, "set member"))
        return 0;
    return emit(N, "+%s", buf);
}

/* A pattern line: "CODE words" with * $ + &set. */
static int pattern_line(nat *N, const char *s, size_t n)
{
    if (!N->in_block) {
        ld_warn(N->L, N->line, col_of(N, s), "pattern without a verb or noun above; skipped");
        return 0;
    }
    size_t c = 0;
    while (c < n && !is_blank((unsigned char)s[c]))
        c++;
    if (event_code(N, s, c))
        return 0;
    const char *b = s + c;
    size_t bn = n - c;
    trim(&b, &bn);
    for (size_t i = 0; i < bn; i++)
        if (strchr("[]{}|=;", b[i])) {
            ld_warn(N->L, N->line, col_of(N, b + i), "character '%c' not allowed in a pattern",
                    b[i]);
            return 0;
        }
    return emit(N, "- %.*s [%.*s%s]", (int)bn, b, (int)c, s,
                c >= 2 && s[0] == '0' && s[1] == '1' ? "?" : "");
}

static int verbs_line(nat *N, const char *s, size_t n, int indented)
{
    int is_verb = n > 5 && ci_prefix(s, n, "verb") && is_blank((unsigned char)s[4]);
    int is_noun = n > 5 && ci_prefix(s, n, "noun") && is_blank((unsigned char)s[4]);
    int is_set = n > 4 && ci_prefix(s, n, "set") && is_blank((unsigned char)s[3]);
    if (indented && !is_verb && !is_noun && !is_set)
        return pattern_line(N, s, n);
    int rc;
    if (is_set) {
        N->in_block = 0;
        if ((rc = close_noun(N)))
            return rc;
        const char *p = s + 3, *eq = memchr(s, '=', n);
        size_t pn = eq ? (size_t)(eq - p) : 0;
        trim(&p, &pn);
        int ok = eq && pn > 1 && p[0] == '&';
        for (size_t i = 1; ok && i < pn; i++)
            ok = !is_blank((unsigned char)p[i]) && !strchr("[]{}|&", p[i]);
        if (!ok) {
            ld_warn(N->L, N->line, col_of(N, s), "bad set line (want: set &name = a | b | c)");
            return 0;
        }
        if ((rc = emit(N, "&%.*s", (int)pn - 1, p + 1)))
            return rc;
        return each_part(N, eq + 1, n - (size_t)(eq + 1 - s), '|', set_member, NULL);
    }
    if (!is_verb && !is_noun) {
        ld_warn(N->L, N->line, col_of(N, s),
                "expected 'verb CODE ...', 'noun CODE ...', 'set &name = ...' or an indented "
                "pattern; line skipped");
        return 0;
    }
    N->in_block = 0;
    const char *p = s + 4;
    size_t pn = n - 4;
    trim(&p, &pn);
    size_t c = 0;
    while (c < pn && !is_blank((unsigned char)p[c]))
        c++;
    if (event_code(N, p, c))
        return 0;
    char code[8];
    /* A statement (root 01) is coded only when its sentence holds no other
     * event: "Iraq said it would allow inspectors" is about the allowing
     * (CAMEO manual: statements are subordinate events). */
    snprintf(code, sizeof code, "%.*s%s", (int)c, p, c >= 2 && p[0] == '0' && p[1] == '1' ? "?" : "");
    const char *lem = p + c;
    size_t lemn = pn - c;
    trim(&lem, &lemn);
    if (!lemn) {
        ld_warn(N->L, N->line, col_of(N, s + n), "no lemma after the code; skipped");
        return 0;
    }
    if (is_noun && !N->in_noun) {
        if ((rc = emit(N, "<EVENTNOUN>")))
            return rc;
        N->in_noun = 1;
    } else if (is_verb && (rc = close_noun(N))) {
        return rc;
    }
    /* The block is named after its first lemma. */
    const char *bar = memchr(lem, '|', lemn), *par = memchr(lem, '(', lemn);
    size_t nn = bar ? (size_t)(bar - lem) : lemn;
    if (par && (size_t)(par - lem) < nn)
        nn = (size_t)(par - lem);
    char name[512];
    if (phrase_of(N, lem, nn, name, sizeof name, is_noun ? "noun" : "verb"))
        return 0;
    if ((rc = emit(N, "--- %s [%s] ---", name[0] == '+' ? name + 1 : name, code)))
        return rc;
    N->in_block = 1;
    return each_part(N, lem, lemn, '|', lemma_part, code);
}

/* ---- the file --------------------------------------------------------------------- */

int native_lower(ld *L, const char *data, size_t len, int kind, sr_buf *out, dvec *map)
{
    nat N;
    memset(&N, 0, sizeof N);
    N.L = L;
    N.out = out;
    N.map = map;
    N.kind = kind;
    const char *p = data, *end = data + len;
    int seen_header = 0, rc = 0;
    while (p < end && !rc && !L->err) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        N.line++;
        N.lstart = p;
        const char *s = p;
        size_t n = (size_t)(e - p);
        p = e < end ? e + 1 : end;
        if (N.line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            n -= 3;
        }
        if (n && s[n - 1] == '\r')
            n--;
        /* A comment starts with a # at the start or after a blank. */
        for (size_t i = 0; i < n; i++)
            if (s[i] == '#' && (i == 0 || is_blank((unsigned char)s[i - 1]))) {
                n = i;
                break;
            }
        int indented = n && is_blank((unsigned char)s[0]);
        trim(&s, &n);
        if (!n)
            continue;
        if (!seen_header) {
            seen_header = 1; /* native_kind() has checked it */
            continue;
        }
        if (kind == SR_DICT_VERBS)
            rc = verbs_line(&N, s, n, indented);
        else
            rc = actors_line(&N, s, n, indented);
    }
    N.line++;
    if (!rc && !L->err)
        rc = close_noun(&N);
    return L->err ? L->err : rc;
}
