/* .actors and .agents, in TABARI and PETRARCH syntax, and the TABARI
 * <NOUN> / <ADJECTIVE> word lists.
 *
 * Actors (TABARI 5.3, 6.5; PETRARCH "Actor Dictionary"):
 *
 *     GOLLUM ; pas 27 Apr 03          a primary phrase, codes optional
 *     +SMEAGOL                        synonyms share the primary's codes
 *         [HOB <950601]               indented code lines belong to the group
 *         [HOBGOV 950601-990815]
 *     BOUTROS-GHALI [EGY <911231] [UNO >920101]
 *     G7 [USA/GMW/FRN]                coded compound
 *     ENT [### <890101] [ENT]         special codes may be date-restricted
 */
#include "dict_int.h"

#include <string.h>

/* ---- roles: [CODE], [CODE <date], [CODE >date], [CODE date-date] -------- */

static int actor_code_char(int c)
{
    return (c >= '0' && c <= '9') || (up(c) >= 'A' && up(c) <= 'Z') || c == '_' || c == '.';
}

static int parse_role(ld *L, const char *s, size_t n, long col, drole *r)
{
    const char *all = s;
    size_t alln = n;
    memset(r, 0, sizeof *r);
    r->codes = NONE32;
    r->lo = SR_DICT_DATE_MIN;
    r->hi = SR_DICT_DATE_MAX;
    trim(&s, &n);
    size_t i = 0;
    if (n && (s[0] == '-' || s[0] == '#' || s[0] == '+')) {
        char c = s[0];
        int k = 0;
        while (i < n && k < 3 && (s[i] == c || is_blank((unsigned char)s[i]))) {
            if (s[i] == c)
                k++;
            i++;
        }
        if (k != 3 || (i < n && s[i] == c)) {
            ld_warn(L, L->lineno, col, "bad code [%.*s]", (int)alln, all);
            return -1;
        }
        r->flags = c == '-' ? SR_DICT_C_NULL : c == '#' ? SR_DICT_C_DISCARD : SR_DICT_C_COMPLEX;
    } else {
        size_t b = 0;
        while (i < n && !is_blank((unsigned char)s[i]) && s[i] != '<' && s[i] != '>')
            i++;
        if (i == b) {
            ld_warn(L, L->lineno, col, "no code in [%.*s]", (int)alln, all);
            return -1;
        }
        for (size_t k = b; k < i; k++) {
            if (s[k] == '/' || actor_code_char((unsigned char)s[k]))
                continue;
            ld_warn(L, L->lineno, col, "bad character '%c' in code [%.*s]", s[k], (int)alln, all);
            return -1;
        }
        /* A coded compound A/B/C is stored as consecutive NUL-ended codes. */
        for (size_t k = b; k < i;) {
            size_t e = k;
            while (e < i && s[e] != '/')
                e++;
            if (e > k) {
                uint32_t off = str_add(L->d, s + k, e - k);
                if (off == NONE32)
                    return ld_nomem(L);
                if (r->codes == NONE32)
                    r->codes = off;
                r->ncodes++;
            }
            k = e + 1;
        }
        if (!r->ncodes) {
            ld_warn(L, L->lineno, col, "no code in [%.*s]", (int)alln, all);
            return -1;
        }
    }
    /* The restriction, blanks removed: "< 950601" is "<950601". */
    char buf[40];
    size_t m = 0;
    for (; i < n; i++) {
        if (is_blank((unsigned char)s[i]))
            continue;
        if (m + 1 >= sizeof buf) {
            ld_warn(L, L->lineno, col, "bad date restriction in [%.*s]", (int)alln, all);
            return -1;
        }
        buf[m++] = s[i];
    }
    if (!m) {
        r->flags |= SR_DICT_R_DEFAULT;
        return 0;
    }
    int ok;
    if (buf[0] == '<')
        ok = sr_dict_date_parse(buf + 1, m - 1, &r->hi) == 0;
    else if (buf[0] == '>')
        ok = sr_dict_date_parse(buf + 1, m - 1, &r->lo) == 0;
    else {
        const char *dash = memchr(buf, '-', m);
        ok = dash && sr_dict_date_parse(buf, (size_t)(dash - buf), &r->lo) == 0 &&
             sr_dict_date_parse(dash + 1, m - (size_t)(dash - buf) - 1, &r->hi) == 0;
        if (ok && r->lo > r->hi) {
            ld_warn(L, L->lineno, col, "date range ends before it starts in [%.*s]", (int)alln,
                    all);
            return -1;
        }
    }
    if (!ok) {
        ld_warn(L, L->lineno, col, "bad date in [%.*s] (want <date, >date or date-date; "
                                   "dates YYMMDD or YYYYMMDD)",
                (int)alln, all);
        return -1;
    }
    return 0;
}

/* Every [...] block of s from pos on, appended to roles. */
static int parse_roles(ld *L, const char *s, size_t n, size_t pos, dvec *roles)
{
    size_t b, e;
    int got;
    while ((got = ld_bracket(L, s, n, &pos, &b, &e)) == 1) {
        drole r;
        if (parse_role(L, s + b, e - b, (long)b - 1, &r) == 0) {
            drole *p = dv_push(roles, sizeof *p);
            if (!p)
                return ld_nomem(L);
            *p = r;
        }
        if (L->err)
            return L->err;
    }
    return got < 0 ? -1 : 0;
}

/* ---- actors -------------------------------------------------------------- */

typedef struct group {
    uint32_t actor;         /* NONE32 when no group is open */
    long line;
    int brackets;           /* some [...] was seen (then a bad one was reported) */
    dvec roles;             /* drole, until the group closes */
} group;

static unsigned phrase_flags(const ld *L)
{
    return L->dialect == DIALECT_PETRARCH ? PH_EXACT : 0;
}

static int new_actor(ld *L, uint32_t *id)
{
    dactor *a = dv_push(&L->d->actors, sizeof *a);
    if (!a)
        return ld_nomem(L);
    a->parent = NONE32;
    a->first_role = (uint32_t)L->d->roles.n;
    a->file = L->file;
    a->line = (uint32_t)L->lineno;
    *id = (uint32_t)(L->d->actors.n - 1);
    return 0;
}

static int flush_roles(ld *L, uint32_t actor, dvec *roles, long line, int quiet)
{
    sr_dict *d = L->d;
    if (dv_reserve(&d->roles, sizeof(drole), roles->n))
        return ld_nomem(L);
    dactor *a = &DV(d->actors, dactor)[actor];
    a->first_role = (uint32_t)d->roles.n;
    a->nroles = (uint32_t)roles->n;
    if (roles->n) {
        memcpy(DV(d->roles, drole) + d->roles.n, roles->p, roles->n * sizeof(drole));
        d->roles.n += roles->n;
    }
    if (!roles->n && L->dialect == DIALECT_TABARI && !quiet)
        ld_warn(L, line, 0, "actor has no code; it will code as null");
    roles->n = 0;
    return 0;
}

static int close_group(ld *L, group *g)
{
    if (g->actor == NONE32)
        return 0;
    int rc = flush_roles(L, g->actor, &g->roles, g->line, g->brackets);
    g->actor = NONE32;
    return rc;
}

/* "PHRASE [codes]" : the phrase is everything before the first [. */
static int add_actor_phrase(ld *L, const char *s, size_t n, uint32_t actor, uint32_t *pid)
{
    const char *br = memchr(s, '[', n);
    size_t pn = br ? (size_t)(br - s) : n;
    const char *p = s;
    trim(&p, &pn);
    /* sitrep's format: ^Name matches only with the capitals as written
     * ("US" is not "us"). */
    int cased = L->linemap && pn > 1 && p[0] == '^';
    if (cased) {
        p++;
        pn--;
    }
    pphrase ph;
    *pid = NONE32;
    if (ld_phrase(L, p, pn, phrase_flags(L), &ph, NULL))
        return L->err;
    size_t before = L->d->phrases.n;
    *pid = ld_store(L, L->d->roots[SR_DICT_T_ACTORS], SR_DICT_T_ACTORS, actor, &ph, p, pn);
    if (cased && *pid != NONE32 && *pid >= before)
        DV(L->d->phrases, dphrase)[*pid].generated |= PHRASE_CASED;
    return L->err;
}

int load_word_section(ld *L, int table, const char *close)
{
    dline ln;
    int rc;
    long open = L->lineno;
    while ((rc = ld_next(L, &ln)) == 1) {
        sr_arena_reset(L->tmp);
        if (ln.s[0] == '<') {
            if (ci_prefix(ln.s, ln.n, close))
                return 0;
            ld_warn(L, ln.lineno, 0, "%.*s inside a word list; missing %s?", (int)ln.n, ln.s,
                    close);
            return 0;
        }
        const char *br = memchr(ln.s, '[', ln.n);
        size_t pn = br ? (size_t)(br - ln.s) : ln.n;
        const char *p = ln.s;
        trim(&p, &pn);
        pphrase ph;
        if (ld_phrase(L, p, pn, phrase_flags(L), &ph, NULL)) {
            if (L->err)
                return L->err;
            continue;
        }
        ld_store(L, L->d->roots[table], table, (uint32_t)L->d->phrases.n, &ph, p, pn);
        if (L->err)
            return L->err;
    }
    if (rc == 0)
        ld_warn(L, open, 0, "missing %s terminator", close);
    return rc < 0 ? rc : 0;
}

/* <NOUN>, <ADJECTIVE>: returns 1 when s opened a section (now read). */
static int maybe_section(ld *L, const dline *ln, int *rc)
{
    if (ci_eq(ln->s, ln->n, "<NOUN>") || ci_eq(ln->s, ln->n, "<NOUNS>")) {
        *rc = load_word_section(L, SR_DICT_T_NOUNS, "</NOUN");
        return 1;
    }
    if (ci_eq(ln->s, ln->n, "<ADJECTIVE>") || ci_eq(ln->s, ln->n, "<ADJ>") ||
        ci_eq(ln->s, ln->n, "<ADJECTIVES>")) {
        *rc = load_word_section(L, SR_DICT_T_ADJECTIVES, "</ADJ");
        return 1;
    }
    return 0;
}

int load_actors(ld *L)
{
    group g = {NONE32, 0, 0, {0}};
    dvec own = {0};
    dline ln;
    int rc;
    while ((rc = ld_next(L, &ln)) == 1) {
        sr_arena_reset(L->tmp);
        const char *s = ln.s;
        size_t n = ln.n;
        if (s[0] == '<') {
            if ((rc = close_group(L, &g)))
                break;
            if (maybe_section(L, &ln, &rc)) {
                if (rc)
                    break;
                continue;
            }
            ld_warn(L, ln.lineno, 0, "unknown section %.*s; line skipped", (int)n, s);
            continue;
        }
        if (s[0] == '[') {
            /* A date-restriction line: TABARI wants it indented; accept it
             * either way when an actor is open. */
            if (g.actor == NONE32) {
                ld_warn(L, ln.lineno, 0, "code line without an actor before it; skipped");
                continue;
            }
            g.brackets = 1;
            if (parse_roles(L, s, n, 0, &g.roles) && L->err) {
                rc = L->err;
                break;
            }
            continue;
        }
        if (s[0] == '+') {
            if (g.actor == NONE32) {
                ld_warn(L, ln.lineno, 0, "synonym without an actor before it; skipped");
                continue;
            }
            uint32_t actor = g.actor, pid;
            if (memchr(s, '[', n)) {
                /* A synonym with codes of its own becomes its own actor in
                 * the group (same parent phrase). */
                if ((rc = new_actor(L, &actor)))
                    break;
                if (parse_roles(L, s, n, 0, &own) && L->err) {
                    rc = L->err;
                    break;
                }
                DV(L->d->actors, dactor)[actor].parent = DV(L->d->actors, dactor)[g.actor].parent;
                if ((rc = flush_roles(L, actor, &own, ln.lineno, 1)))
                    break;
            }
            if ((rc = add_actor_phrase(L, s + 1, n - 1, actor, &pid)))
                break;
            continue;
        }
        if ((rc = close_group(L, &g)))
            break;
        uint32_t actor = NONE32, pid = NONE32;
        if ((rc = new_actor(L, &actor)))
            break;
        if ((rc = add_actor_phrase(L, s, n, actor, &pid)))
            break;
        DV(L->d->actors, dactor)[actor].parent = pid;
        g.actor = actor;
        g.line = ln.lineno;
        g.brackets = memchr(s, '[', n) != NULL;
        const char *br = memchr(s, '[', n);
        if (br && parse_roles(L, s, n, (size_t)(br - s), &g.roles) && L->err) {
            rc = L->err;
            break;
        }
    }
    if (rc >= 0 && !L->err)
        rc = close_group(L, &g);
    dv_free(&g.roles);
    dv_free(&own);
    return L->err ? L->err : rc < 0 ? rc : 0;
}

/* ---- agents ----------------------------------------------------------------- */

/* PETRARCH substitution markers: !PERSON! = MAN, MEN, WOMAN */
typedef struct marker {
    char *name, *items;
    struct marker *next;
} marker;

static int parse_agent_code(ld *L, const char *s, size_t n, long col, dagent *a)
{
    const char *all = s;
    size_t alln = n;
    trim(&s, &n);
    if (n == 4 && !memcmp(s, "none", 4)) {
        /* (longer words that merely end in an agent's noun: they win as
         * the longest match, and name nobody) */
        a->pos = SR_DICT_AGENT_NONE;
        a->code = str_add(L->d, "", 0);
        return a->code == NONE32 ? ld_nomem(L) : 0;
    }
    if (n && s[0] == '~') {
        a->pos = SR_DICT_AGENT_SUFFIX;
        s++;
        n--;
    } else if (n && s[n - 1] == '~') {
        a->pos = SR_DICT_AGENT_PREFIX;
        n--;
    } else {
        ld_warn(L, L->lineno, col, "agent code [%.*s] lacks the ~ connector", (int)alln, all);
        return -1;
    }
    trim(&s, &n);
    for (size_t i = 0; i < n; i++)
        if (!actor_code_char((unsigned char)s[i])) {
            ld_warn(L, L->lineno, col, "bad character '%c' in agent code [%.*s]", s[i],
                    (int)alln, all);
            return -1;
        }
    if (!n) {
        ld_warn(L, L->lineno, col, "no code in [%.*s]", (int)alln, all);
        return -1;
    }
    a->code = str_add(L->d, s, n);
    if (a->code == NONE32)
        return ld_nomem(L);
    return 0;
}

static int store_agent(ld *L, uint32_t agent, const char *p, size_t n)
{
    pphrase ph;
    trim(&p, &n);
    if (ld_phrase(L, p, n, phrase_flags(L), &ph, NULL))
        return L->err;
    ld_store(L, L->d->roots[SR_DICT_T_AGENTS], SR_DICT_T_AGENTS, agent, &ph, p, n);
    return L->err;
}

static int define_marker(ld *L, sr_arena *a, marker **list, const char *s, size_t n)
{
    const char *b = memchr(s + 1, '!', n - 1), *eq = memchr(s, '=', n);
    if (!b || !eq || eq < b) {
        ld_warn(L, L->lineno, 0, "substitution marker incorrectly defined; line skipped");
        return 0;
    }
    marker *m = sr_arena_calloc(a, 1, sizeof *m);
    if (!m || !(m->name = sr_arena_strndup(a, s, (size_t)(b - s) + 1)) ||
        !(m->items = sr_arena_strndup(a, eq + 1, n - (size_t)(eq - s) - 1)))
        return ld_nomem(L);
    m->next = *list;
    *list = m;
    return 0;
}

int load_agents(ld *L)
{
    sr_arena *keep = sr_arena_new();
    if (!keep)
        return ld_nomem(L);
    marker *markers = NULL;
    dline ln;
    int rc;
    while ((rc = ld_next(L, &ln)) == 1) {
        sr_arena_reset(L->tmp);
        const char *s = ln.s;
        size_t n = ln.n;
        if (s[0] == '<') {
            if (maybe_section(L, &ln, &rc)) {
                if (rc)
                    break;
                continue;
            }
            ld_warn(L, ln.lineno, 0, "unknown section %.*s; line skipped", (int)n, s);
            continue;
        }
        if (s[0] == '!' && memchr(s, '=', n) && !memchr(s, '[', n)) {
            if ((rc = define_marker(L, keep, &markers, s, n)))
                break;
            continue;
        }
        size_t pos = 0, b, e;
        int got = ld_bracket(L, s, n, &pos, &b, &e);
        if (got == 0) {
            ld_warn(L, ln.lineno, 0, "agent without a [code]; line skipped");
            continue;
        }
        if (got < 0)
            continue;
        dagent ag = {0};
        ag.file = L->file;
        ag.line = (uint32_t)ln.lineno;
        if (parse_agent_code(L, s + b, e - b, (long)b - 1, &ag)) {
            if (L->err)
                break;
            continue;
        }
        dagent *slot = dv_push(&L->d->agents, sizeof *slot);
        if (!slot) {
            rc = ld_nomem(L);
            break;
        }
        *slot = ag;
        uint32_t id = (uint32_t)(L->d->agents.n - 1);
        const char *ph = s;
        size_t pn = b - 1;
        const char *mk = memchr(ph, '!', pn);
        const char *brace = memchr(ph, '{', pn);
        if (mk) {
            const char *mk2 = memchr(mk + 1, '!', pn - (size_t)(mk - ph) - 1);
            marker *m = mk2 ? markers : NULL;
            while (m && !(strlen(m->name) == (size_t)(mk2 - mk) + 1 &&
                          ci_prefix(mk, (size_t)(mk2 - mk) + 1, m->name)))
                m = m->next;
            if (!m) {
                ld_warn(L, ln.lineno, (long)(mk - s), "substitution marker %.*s not defined; "
                        "line skipped", mk2 ? (int)(mk2 - mk) + 1 : 1, mk);
                continue;
            }
            /* Every item replaces the marker; no plurals are made. */
            const char *it = m->items;
            while (*it) {
                const char *ie = strchr(it, ',');
                if (!ie)
                    ie = it + strlen(it);
                const char *iw = it;
                size_t iwn = (size_t)(ie - it);
                trim(&iw, &iwn);
                sr_buf sub = SR_BUF_INIT;
                int bad = sr_buf_put(&sub, ph, (size_t)(mk - ph)) || sr_buf_put(&sub, iw, iwn) ||
                          sr_buf_put(&sub, mk2 + 1, pn - (size_t)(mk2 + 1 - ph));
                if (bad) {
                    sr_buf_free(&sub);
                    rc = ld_nomem(L);
                    break;
                }
                rc = store_agent(L, id, sub.data, sub.len);
                sr_buf_free(&sub);
                if (rc)
                    break;
                it = *ie ? ie + 1 : ie;
            }
            if (rc)
                break;
            continue;
        }
        if (brace) {
            const char *close = memchr(brace, '}', pn - (size_t)(brace - ph));
            if (!close) {
                ld_warn(L, ln.lineno, (long)(brace - s), "missing }; line skipped");
                continue;
            }
            if ((rc = store_agent(L, id, ph, (size_t)(brace - ph))))
                break;
            const char *pl = brace + 1;
            size_t pln = (size_t)(close - pl);
            trim(&pl, &pln);
            if (pln && (rc = store_agent(L, id, pl, pln)))
                break;
            continue;
        }
        if ((rc = store_agent(L, id, ph, pn)))
            break;
        if (L->dialect == DIALECT_PETRARCH) {
            /* PETRARCH makes the regular plural of every agent. */
            const char *w = ph;
            size_t wn = pn;
            trim(&w, &wn);
            while (wn && w[wn - 1] == '_')
                wn--;
            char *pl = sr_arena_alloc(L->tmp, wn + 3);
            if (!pl) {
                rc = ld_nomem(L);
                break;
            }
            size_t pln = plural_of(w, wn, pl);
            L->quiet = 1;
            rc = pln ? store_agent(L, id, pl, pln) : 0;
            L->quiet = 0;
            if (rc)
                break;
        }
    }
    sr_arena_free(keep);
    return L->err ? L->err : rc < 0 ? rc : 0;
}
