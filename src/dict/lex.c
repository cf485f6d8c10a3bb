/* Reading dictionary lines, and the pieces every format shares: comments,
 * warnings, phrases, words, bracketed codes and dates. */
#include "dict_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- small helpers ------------------------------------------------------ */

int ci_prefix(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (up((unsigned char)s[i]) != up((unsigned char)lit[i]))
            return 0;
    return 1;
}

int ci_eq(const char *s, size_t n, const char *lit) { return n == strlen(lit) && ci_prefix(s, n, lit); }

void trim(const char **s, size_t *n)
{
    while (*n && is_blank((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    /* A line of a file saved on Windows ends in a carriage return. */
    while (*n && (is_blank((unsigned char)(*s)[*n - 1]) || (*s)[*n - 1] == '\r'))
        (*n)--;
}

/* ---- warnings ------------------------------------------------------------ */

void ld_warn(ld *L, long line, long col, const char *fmt, ...)
{
    L->d->nwarn++;
    if (!L->warn)
        return;
    sr_error e;
    memset(&e, 0, sizeof e);
    e.code = SR_EPARSE;
    e.file = L->name;
    e.line = line;
    e.byte = L->linemap ? 0 : col; /* a column of the lowered line means nothing to the user */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    va_end(ap);
    L->warn(L->wctx, &e);
}

int ld_nomem(ld *L)
{
    if (!L->err)
        L->err = SR_ENOMEM;
    return L->err;
}

void sr_dict_warn_print(void *ctx, const sr_error *w)
{
    FILE *f = ctx ? ctx : stderr;
    if (w->line > 0)
        fprintf(f, "%s:%ld: %s\n", w->file ? w->file : "?", w->line, w->msg);
    else
        fprintf(f, "%s: %s\n", w->file ? w->file : "?", w->msg);
}

/* ---- lines ------------------------------------------------------------------ */

/* Copies a raw line into L->raw.  Invalid UTF-8 is read as Latin-1, which
 * is what old dictionary files that are not UTF-8 usually are. */
static int take_raw(ld *L, const char *s, size_t n, int *bad_utf8, int *ctrl)
{
    sr_buf_clear(&L->raw);
    if (sr_buf_reserve(&L->raw, n + 1))
        return ld_nomem(L);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                *ctrl = 1;
            if (sr_buf_putc(&L->raw, (char)c))
                return ld_nomem(L);
            i++;
            continue;
        }
        uint32_t cp;
        int k = sr_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k > 0) {
            if (sr_buf_put(&L->raw, s + i, (size_t)k))
                return ld_nomem(L);
            i += (size_t)k;
        } else {
            char enc[4];
            int m = sr_utf8_encode(c, enc);
            *bad_utf8 = 1;
            if (sr_buf_put(&L->raw, enc, (size_t)m))
                return ld_nomem(L);
            i++;
        }
    }
    return 0;
}

/* Removes <!-- ... --> comments, which may span lines (PETRARCH). */
static void strip_xml(ld *L)
{
    char *s = L->raw.data;
    size_t n = L->raw.len, w = 0, i = 0;
    while (i < n) {
        if (L->in_xml_comment) {
            if (i + 3 <= n && memcmp(s + i, "-->", 3) == 0) {
                L->in_xml_comment = 0;
                i += 3;
            } else {
                i++;
            }
        } else if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
            L->in_xml_comment = 1;
            i += 4;
        } else {
            s[w++] = s[i++];
        }
    }
    s[w] = 0;
    L->raw.len = w;
}

/* Where the comment starts: ';' or '#' outside [...] (codes like [###]
 * hold '#'), "//" in .options files. */
static size_t comment_at(const ld *L, const char *s, size_t n)
{
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '[')
            depth++;
        else if (c == ']' && depth)
            depth--;
        else if (!depth && (c == ';' || c == '#'))
            return i;
        else if (L->kind == SR_DICT_OPTIONS && c == '/' && i + 1 < n && s[i + 1] == '/')
            return i;
    }
    return n;
}

int ld_next(ld *L, dline *out)
{
    while (!L->finished && L->p < L->end) {
        const char *s = L->p, *e = s;
        while (e < L->end && *e != '\n' && *e != '\r')
            e++;
        /* \n, \r\n and the old Mac \r all end a line (manual 3.2.2). */
        const char *next = e;
        if (next < L->end && *next++ == '\r' && next < L->end && *next == '\n')
            next++;
        L->p = next;
        L->tline++;
        L->lineno = L->linemap && (size_t)L->tline <= L->nmap ? (long)L->linemap[L->tline - 1]
                                                                : L->tline;
        if (L->tline == 1 && e - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
            s += 3;
        int bad = 0, ctrl = 0;
        if (take_raw(L, s, (size_t)(e - s), &bad, &ctrl))
            return L->err;
        strip_xml(L);
        char *t = L->raw.data;
        size_t n = L->raw.len;
        int indented = n && is_blank((unsigned char)t[0]);
        while (n && is_blank((unsigned char)*t)) {
            t++;
            n--;
        }
        /* TABARI: a line starting with / or # is a comment (manual 5.2);
         * PETRARCH skips any line starting with <! as well. */
        if (n && (t[0] == '#' || (t[0] == '/' && L->dialect == DIALECT_TABARI) ||
                  (t[0] == '<' && n > 1 && t[1] == '!')))
            continue;
        n = comment_at(L, t, n);
        while (n && is_blank((unsigned char)t[n - 1]))
            n--;
        if (!n)
            continue;
        t[n] = 0;
        if (t[0] == '~') {
            size_t k = 0;
            while (k < n && t[k] == '~')
                k++;
            if (ci_prefix(t + k, n - k, "FINISH")) {
                L->finished = 1;
                return 0;
            }
            if (k == n)
                continue; /* a rule of tildes */
        }
        if (ctrl) {
            ld_warn(L, L->lineno, 0, "control character in line; line skipped");
            continue;
        }
        if (bad)
            ld_warn(L, L->lineno, 0, "invalid UTF-8 read as Latin-1");
        out->s = t;
        out->n = n;
        out->indented = indented;
        out->lineno = L->lineno;
        return 1;
    }
    return 0;
}

/* ---- content sniffing -------------------------------------------------------- */

typedef struct lscan {
    const char *p, *end;
} lscan;

static int scan_line(lscan *sc, const char **s, size_t *n)
{
    if (sc->p >= sc->end)
        return 0;
    const char *b = sc->p, *e = b;
    while (e < sc->end && *e != '\n' && *e != '\r')
        e++;
    sc->p = e < sc->end ? e + 1 : e;
    *s = b;
    *n = (size_t)(e - b);
    trim(s, n);
    return 1;
}

int ld_guess_kind(const char *data, size_t len)
{
    int score[7] = {0};
    lscan sc = {data, data + len};
    const char *s;
    size_t n;
    for (int lines = 0; lines < 5000 && scan_line(&sc, &s, &n); lines++) {
        if (!n || s[0] == '#')
            continue;
        if (n > 3 && s[0] == '-' && s[1] == '-' && s[2] == '-' && memchr(s, '[', n))
            score[SR_DICT_VERBS] += 3;
        else if (s[0] == '-' && memchr(s, '*', n))
            score[SR_DICT_VERBS] += 2;
        else if (ci_prefix(s, n, "<SYNSET") || ci_prefix(s, n, "<TIME>"))
            score[SR_DICT_VERBS] += 5;
        else if (ci_prefix(s, n, "<ISSUE"))
            score[SR_DICT_ISSUES] += 5;
        else if (ci_prefix(s, n, "COMPLEX:") || ci_prefix(s, n, "SET:") ||
                 ci_prefix(s, n, "LABEL:") || ci_prefix(s, n, "OUTPUT:"))
            score[SR_DICT_OPTIONS] += 3;
        else if (s[0] == '!' && memchr(s, '=', n))
            score[SR_DICT_AGENTS] += 5;
        else if (memchr(s, '[', n) && memchr(s, '~', n))
            score[SR_DICT_AGENTS] += 1;
        else if (s[0] == '[' || (s[0] == '+' && !memchr(s, '*', n)))
            score[SR_DICT_ACTORS] += 1;
        else if (memchr(s, '[', n))
            score[SR_DICT_ACTORS] += 1;
        else
            score[SR_DICT_DISCARDS] += 1;
    }
    int best = SR_DICT_AUTO, bs = 0;
    for (int k = 1; k < 7; k++)
        if (score[k] > bs) {
            bs = score[k];
            best = k;
        }
    return best;
}

int ld_guess_dialect(const char *name, const char *data, size_t len, int kind)
{
    if (kind == SR_DICT_OPTIONS)
        return DIALECT_TABARI;
    int t = 0, p = 0, semis = 0, hashes = 0, xml = 0;
    lscan sc = {data, data + len};
    const char *s;
    size_t n;
    while (scan_line(&sc, &s, &n)) {
        if (!n)
            continue;
        if (ci_prefix(s, n, "<!--")) {
            if (xml++ < 4)
                p += 3;
        } else if (ci_prefix(s, n, "~~FINISH") || ci_prefix(s, n, "~FINISH") ||
                   ci_prefix(s, n, "<SYNSET") || ci_prefix(s, n, "<TIME>") ||
                   ci_prefix(s, n, "<NOUN>") || ci_prefix(s, n, "<ADJ") ||
                   ci_prefix(s, n, "<ATTRIB>")) {
            t += 4;
        } else if (n > 6 && s[0] == '-' && s[1] == '-' && s[2] == '-' && s[n - 1] == '-' &&
                   s[n - 2] == '-' && s[n - 3] == '-') {
            p += 4;
        } else if (s[0] == '!' && memchr(s + 1, '!', n - 1) && memchr(s, '=', n)) {
            p += 4;
        } else if (n > 1 && s[0] == '~' && s[1] == ' ' && memchr(s, '=', n)) {
            p += 4;
        } else if (s[0] == '{' && kind == SR_DICT_VERBS) {
            t += 2;
        } else if ((s[0] == 'n' || s[0] == 'v') && n > 2 && s[1] == ':') {
            p += 2;
        } else if (s[0] != '#') {
            const char *h = memchr(s, '#', n), *c = memchr(s, ';', n);
            if (h && (!c || h < c) && h[-1] != '[' && !(h + 1 < s + n && h[1] == '#') &&
                hashes++ < 5)
                p++;
            if (c && (!h || c < h) && semis++ < 5)
                t++;
            const char *br = memchr(s, '{', n);
            if (br && kind == SR_DICT_AGENTS)
                p++;
        }
    }
    size_t nl = name ? strlen(name) : 0;
    if (nl > 4 && ci_eq(name + nl - 4, 4, ".txt"))
        p += 1;
    return p > t ? DIALECT_PETRARCH : DIALECT_TABARI;
}

/* ---- words ---------------------------------------------------------------- */

static int cp_is_word(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO);
}

static uint32_t cp_at(const char *s, size_t n, size_t i, int *len)
{
    uint32_t cp;
    int k = sr_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (k <= 0) {
        *len = 1;
        return (unsigned char)s[i];
    }
    *len = k;
    return cp;
}

static int push_word(ld *L, sr_vec *out, const char *w, size_t n, int mode, int gap)
{
    pword *p = sr_vec_push(out, L->tmp, sizeof *p);
    if (!p)
        return ld_nomem(L);
    int rc = voc_intern(&L->d->voc, w, n, &p->id);
    if (rc)
        return L->err = rc;
    p->mode = (uint8_t)mode;
    p->gap = (uint8_t)gap;
    return 0;
}

/* The text stage's tokeniser splits on blanks and punctuation, keeps
 * hyphenated words and abbreviations ("u.s.", "gen.") whole and splits a
 * possessive "'s" off; this mirrors it so dictionary words meet tokens.
 * Whether a final period stays on a word depends on the tokeniser's list of
 * abbreviations, so variant 1 splits it off (and splits hyphenated words,
 * which TABARI reads as separate words). */
int ld_word(ld *L, const char *s, size_t n, int mode, int gap, int var, sr_vec *out,
            int *has_hyphen)
{
    size_t flen;
    char *f = sr_text_fold(L->tmp, s, n, &flen);
    if (!f)
        return ld_nomem(L);
    size_t first = out->len;
    size_t i = 0;
    int next_gap = gap;
    while (i < flen) {
        int k;
        uint32_t cp = cp_at(f, flen, i, &k);
        if (!cp_is_word(cp)) {
            /* A lone punctuation character is a token of its own, except a
             * possessive that belongs to the previous word. */
            size_t tl = (size_t)k;
            if (cp == '\'' && i + 1 < flen && f[i + 1] == 's' &&
                (i + 2 == flen || !cp_is_word((unsigned char)f[i + 2])))
                tl = 2;
            if (push_word(L, out, f + i, tl, SR_DICT_W_EXACT, next_gap))
                return L->err;
            next_gap = 0;
            i += tl;
            continue;
        }
        size_t b = i, e = i;
        int hyph = 0;
        while (e < flen) {
            int k2;
            uint32_t c2 = cp_at(f, flen, e, &k2);
            if (cp_is_word(c2)) {
                e += (size_t)k2;
                continue;
            }
            int k3 = 0;
            uint32_t c3 = e + (size_t)k2 < flen ? cp_at(f, flen, e + (size_t)k2, &k3) : 0;
            int next_word = k3 && cp_is_word(c3);
            if (c2 == '-' && next_word) {
                hyph = 1;
                e += (size_t)k2;
            } else if (c2 == '.') {
                e += (size_t)k2; /* abbreviation period stays on the word */
            } else if (c2 == '\'' && next_word && !(c3 == 's' && (e + 2 >= flen ||
                                                                  !cp_is_word((unsigned char)f[e + 2])))) {
                e += (size_t)k2; /* didn't, shi'a */
            } else {
                break;
            }
        }
        int dot = e - b > 1 && f[e - 1] == '.';
        if (hyph || dot)
            *has_hyphen = 1;
        if ((hyph || dot) && var == 1) {
            size_t pb = b, we = dot ? e - 1 : e;
            for (size_t j = b; j <= we; j++) {
                if (j == we || f[j] == '-') {
                    if (j > pb && push_word(L, out, f + pb, j - pb, SR_DICT_W_EXACT, next_gap))
                        return L->err;
                    next_gap = 0;
                    pb = j + 1;
                }
            }
            if (dot && push_word(L, out, ".", 1, SR_DICT_W_EXACT, 0))
                return L->err;
        } else {
            if (push_word(L, out, f + b, e - b, SR_DICT_W_EXACT, next_gap))
                return L->err;
            next_gap = 0;
        }
        i = e;
    }
    if (out->len > first)
        ((pword *)out->items)[out->len - 1].mode = (uint8_t)mode;
    return 0;
}

/* ---- phrases ------------------------------------------------------------------ */

/* A run of hyphens at s[i] that ends at a blank, an underscore or the end:
 * TABARI reads such hyphens as underscores.  Sets *j after the run. */
static int dash_sep(const char *s, size_t n, size_t i, size_t *j)
{
    size_t k = i;
    while (k < n && s[k] == '-')
        k++;
    *j = k;
    return k > i && (k == n || is_blank((unsigned char)s[k]) || s[k] == '_');
}

static pchunk *new_chunk(ld *L, pphrase *ph)
{
    pchunk *c = sr_vec_push(&ph->chunks, L->tmp, sizeof *c);
    if (!c)
        ld_nomem(L);
    else
        c->nalt = 1;
    return c;
}

int ld_phrase(ld *L, const char *s, size_t n, unsigned flags, pphrase *out, uint32_t *plus_word)
{
    memset(out, 0, sizeof *out);
    if (plus_word)
        *plus_word = NONE32;
    trim(&s, &n);
    size_t i = 0;
    int gap = 0, force_consec = 0;
    while (i < n) {
        int sep_blank = 0, sep = 0;
        size_t j;
        while (i < n) {
            if (is_blank((unsigned char)s[i]) || s[i] == '_') {
                sep_blank |= is_blank((unsigned char)s[i]);
                sep = 1;
                i++;
            } else if (dash_sep(s, n, i, &j)) {
                /* "NUCLEI_-_COMBATANT": TABARI drops the dash, the tokeniser
                 * keeps it as a token; allow both. */
                if (i > 0 && (is_blank((unsigned char)s[i - 1]) || s[i - 1] == '_') && j < n &&
                    out->nwords) {
                    pchunk *c = new_chunk(L, out);
                    if (!c || push_word(L, &c->alt[1], s + i, j - i, SR_DICT_W_EXACT, 0))
                        return L->err;
                    c->nalt = 2;
                }
                sep = 1;
                i = j;
            } else {
                break;
            }
        }
        if (i >= n)
            break;
        if (sep)
            gap = sep_blank && !force_consec && !(flags & PH_CONSEC);
        force_consec = 0;
        size_t b = i;
        while (i < n && !is_blank((unsigned char)s[i]) && s[i] != '_' && !dash_sep(s, n, i, &j))
            i++;
        size_t e = i;
        int plus = 0;
        if ((flags & PH_VERB_PLUS) && s[b] == '+') {
            plus = 1;
            b++;
        }
        /* TABARI word endings: WORD= whole word, WORD~ stem glued to the
         * next word, WORD_ whole word (+ regular endings when nothing is
         * glued after it), WORD a stem. */
        int mode = SR_DICT_W_STEM;
        if (e > b && s[e - 1] == '=') {
            mode = W_WHOLE; /* no ending, no possessive (5.2.3) */
            e--;
        } else if (e > b && s[e - 1] == '~') {
            force_consec = 1;
            e--;
        } else if (i < n && (s[i] == '_' || s[i] == '-')) {
            size_t k = i;
            while (k < n && (s[k] == '_' || s[k] == '-'))
                k++;
            mode = (k < n && !is_blank((unsigned char)s[k])) ? SR_DICT_W_EXACT
                   : (flags & PH_CLOSED)                    ? W_WHOLE
                                                            : SR_DICT_W_ENDINGS;
        }
        if (flags & PH_EXACT)
            mode = SR_DICT_W_EXACT;
        if (e == b)
            continue;
        if (plus && plus_word && *plus_word == NONE32)
            *plus_word = out->nwords;
        for (size_t k = b; k < e; k++)
            if (((unsigned char)s[k] >= '0' && (unsigned char)s[k] <= '9') ||
                (up((unsigned char)s[k]) >= 'A' && up((unsigned char)s[k]) <= 'Z') ||
                (unsigned char)s[k] >= 0x80)
                out->chars++;
        pchunk *c = new_chunk(L, out);
        int split = 0;
        if (!c || ld_word(L, s + b, e - b, mode, gap, 0, &c->alt[0], &split))
            return L->err;
        if (!c->alt[0].len) {
            out->chunks.len--;
            continue;
        }
        if (split) {
            if (ld_word(L, s + b, e - b, mode, gap, 1, &c->alt[1], &split))
                return L->err;
            c->nalt = 2;
        }
        out->nwords += (uint32_t)c->alt[0].len;
        gap = 0;
    }
    if (!out->nwords) {
        ld_warn(L, L->lineno, 0, "empty phrase");
        return SR_EPARSE;
    }
    return 0;
}

void ph_last_mode(pphrase *ph, int mode)
{
    pchunk *c = ph->chunks.items;
    if (!ph->chunks.len)
        return;
    pchunk *last = &c[ph->chunks.len - 1];
    for (int a = 0; a < last->nalt; a++)
        if (last->alt[a].len)
            ((pword *)last->alt[a].items)[last->alt[a].len - 1].mode = (uint8_t)mode;
}

/* ---- brackets and codes ------------------------------------------------------ */

int ld_bracket(ld *L, const char *s, size_t n, size_t *pos, size_t *b, size_t *e)
{
    size_t i = *pos;
    while (i < n && s[i] != '[')
        i++;
    if (i >= n)
        return 0;
    size_t j = i + 1;
    while (j < n && s[j] != ']' && s[j] != '[')
        j++;
    if (j >= n || s[j] != ']') {
        ld_warn(L, L->lineno, (long)i, "missing ] after [");
        return -1;
    }
    *b = i + 1;
    *e = j;
    *pos = j + 1;
    return 1;
}

/* "---", "- - -", "###", "+++" with any blanks. */
static uint32_t special_code(const char *s, size_t n)
{
    char c = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_blank((unsigned char)s[i]))
            continue;
        if (!c)
            c = s[i];
        if (s[i] != c)
            return 0;
        k++;
    }
    if (k != 3)
        return 0;
    return c == '-' ? SR_DICT_C_NULL : c == '#' ? SR_DICT_C_DISCARD : c == '+' ? SR_DICT_C_COMPLEX : 0;
}

static int code_char(int c)
{
    return (c >= '0' && c <= '9') || (up(c) >= 'A' && up(c) <= 'Z') || c == '_' || c == '.';
}

int ld_event_code(ld *L, const char *s, size_t n, int set, long col, dcode *out)
{
    memset(out, 0, sizeof *out);
    out->code = out->paired = NONE32;
    trim(&s, &n);
    uint32_t sp = special_code(s, n);
    if (sp) {
        out->flags = sp;
        return 0;
    }
    if (!n) {
        ld_warn(L, L->lineno, col, "no code in [ ]");
        return -1;
    }
    if (set == SR_DICT_SET_TIME && (s[0] == '+' || s[0] == '-' || (s[0] >= '0' && s[0] <= '9'))) {
        char buf[32];
        if (n >= sizeof buf) {
            ld_warn(L, L->lineno, col, "time shift too long");
            return -1;
        }
        memcpy(buf, s, n);
        buf[n] = 0;
        char *endp;
        long v = strtol(buf, &endp, 10);
        if (*endp) {
            ld_warn(L, L->lineno, col, "time shift \"%s\" is not a number", buf);
            return -1;
        }
        if (v > 8192 || v < -8192) {
            ld_warn(L, L->lineno, col, "time shift %ld beyond 8192 days; set to 0", v);
            v = 0;
        }
        out->flags = SR_DICT_C_SHIFT;
        out->shift = (int32_t)v;
        return 0;
    }
    const char *colon = memchr(s, ':', n);
    const char *part[2] = {s, colon ? colon + 1 : NULL};
    size_t plen[2] = {colon ? (size_t)(colon - s) : n, colon ? n - (size_t)(colon - s) - 1 : 0};
    for (int k = 0; k < (colon ? 2 : 1); k++) {
        const char *p = part[k];
        size_t m = plen[k];
        trim(&p, &m);
        while (m && (p[m - 1] == '?' || p[m - 1] == '!')) {
            out->flags |= p[m - 1] == '?' ? SR_DICT_C_SUBORD : SR_DICT_C_DOMINANT;
            m--;
        }
        for (size_t i = 0; i < m; i++)
            if (!code_char((unsigned char)p[i])) {
                ld_warn(L, L->lineno, col, "bad character '%c' in code [%.*s]", p[i], (int)n, s);
                return -1;
            }
        if (!m) {
            if (k == 0 && colon)
                continue; /* "[:173]": only the paired half */
            ld_warn(L, L->lineno, col, "empty code in [%.*s]", (int)n, s);
            return -1;
        }
        uint32_t off = str_add(L->d, p, m);
        if (off == NONE32) {
            ld_nomem(L);
            return -1;
        }
        if (k == 0)
            out->code = off;
        else
            out->paired = off;
    }
    if (colon)
        out->flags |= SR_DICT_C_PAIRED;
    return 0;
}

/* ---- dates --------------------------------------------------------------------- */

int sr_dict_date_parse(const char *s, size_t n, int32_t *out)
{
    if (n != 6 && n != 8)
        return SR_EPARSE;
    int v[8] = {0};
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return SR_EPARSE;
        v[i] = s[i] - '0';
    }
    int y, m, d;
    if (n == 6) {
        y = v[0] * 10 + v[1];
        y += y <= 30 ? 2000 : 1900;
        m = v[2] * 10 + v[3];
        d = v[4] * 10 + v[5];
    } else {
        y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        m = v[4] * 10 + v[5];
        d = v[6] * 10 + v[7];
    }
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return SR_EPARSE;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return SR_EPARSE;
    *out = y * 10000 + m * 100 + d;
    return 0;
}

/* ---- plurals -------------------------------------------------------------------- */

static int vowel(int c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }

/* English regular plural of the last word: CITY -> CITIES, CROSS ->
 * CROSSES, BOX -> BOXES, else +S.  PETRARCH turns every final S into ES;
 * this keeps its intent (its documentation says SS) without DOLLARSES.
 * out needs n + 3 bytes.  Returns 0 when no plural should be made. */
size_t plural_of(const char *w, size_t n, char *out)
{
    if (!n)
        return 0;
    int last = up((unsigned char)w[n - 1]), prev = n > 1 ? up((unsigned char)w[n - 2]) : 0;
    int lower = w[n - 1] >= 'a' && w[n - 1] <= 'z';
    memcpy(out, w, n);
    if (last == 'Y' && prev && !vowel(prev)) {
        memcpy(out + n - 1, lower ? "ies" : "IES", 3);
        return n + 2;
    }
    if ((last == 'S' && prev == 'S') || last == 'X' || last == 'Z' ||
        ((last == 'H') && (prev == 'C' || prev == 'S'))) {
        memcpy(out + n, lower ? "es" : "ES", 2);
        return n + 2;
    }
    if (last == 'S')
        return 0; /* most likely plural already */
    out[n] = lower ? 's' : 'S';
    return n + 1;
}
