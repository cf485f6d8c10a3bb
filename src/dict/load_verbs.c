/* .verbs files.
 *
 * TABARI (manual 5.5-5.7, 6.6, 10.4, 10.5):
 *
 *     <SYNSETS> &CURRENCY +DOLLAR +SWISS_FRANC </SYNSETS>
 *     <TIME> YESTERDAY [-1] </TIME>            roots whose code is a day shift
 *     BREAK_ [1717]                            a root and its code
 *     { BROKE_ BROKEN_ }                       irregular forms of the last root
 *     - + KNOWN_ * IN_ $ [076]                 patterns of the last root
 *     - SUGGESTED_{ NEVER | DON'T } * DEMAND [171]
 *
 * PETRARCH (dictionaries.rst, PETRreader.read_verb_dictionary):
 *
 *     &CURRENCY_                               synset; _ : no plurals made
 *     --- ACCELERATE [---] ---                 a block: verbs sharing patterns
 *     HURRY {HURRIES HURRYING HURRIED}         explicit forms, else regular ones
 *     +CORDON_OFF                              +: the verb of a multi-word verb
 *     - * POLICE (TO BORDER) [153]             PETRARCH-2 groups ( ) and { }
 *     ~ a (b . ATTACK) SAY = a b 112           transformations
 */
#include "dict_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct vstate {
    int set;                /* SR_DICT_SET_* of the current section */
    uint32_t verb;          /* current root / block, NONE32 before any */
    uint32_t synset;        /* synset whose + members follow, or NONE32 */
    dcode block_code;       /* PETRARCH block default */
    dvec members;           /* dvec per synset id: member texts as string offsets
                             * (for nested expansion) */
} vstate;

typedef struct pbuild {
    sr_vec el;               /* sr_dict_elem */
    sr_vec chars;            /* uint32 per element: letters and digits written */
    sr_vec stack;            /* uint32 open group indexes */
} pbuild;

static int table_of(int set)
{
    return set == SR_DICT_SET_TIME     ? SR_DICT_T_TIME
           : set == SR_DICT_SET_ATTRIB ? SR_DICT_T_ATTRIB
           : set == SR_DICT_SET_NOUN   ? SR_DICT_T_EVNOUNS
                                       : SR_DICT_T_VERBS;
}

static unsigned dialect_flags(const ld *L) { return L->dialect == DIALECT_PETRARCH ? PH_EXACT : 0; }

/* ---- synsets ---------------------------------------------------------------- */

static int name_char(int c)
{
    return (c >= '0' && c <= '9') || (up(c) >= 'A' && up(c) <= 'Z') || c == '_';
}

/* Looks a synset name up (without &; a final _ is ignored). */
static uint32_t synset_find(const sr_dict *d, const char *s, size_t n)
{
    while (n && s[n - 1] == '_')
        n--;
    for (size_t i = 0; i < d->synsets.n; i++) {
        const char *nm = str_at(d, DV(d->synsets, dsynset)[i].name);
        if (strlen(nm) == n && ci_prefix(s, n, nm))
            return (uint32_t)i;
    }
    return NONE32;
}

/* The longest defined synset name at s (after &), cut at a '_' so that
 * &TIETYPES_RELATIONS is &TIETYPES then RELATIONS.  Sets *used. */
static uint32_t synset_ref(const sr_dict *d, const char *s, size_t n, size_t *used)
{
    size_t run = 0;
    while (run < n && name_char((unsigned char)s[run]))
        run++;
    /* "&be_*": an underscore right before a marker joins the two; it is
     * no part of the set's name */
    if (run > 1 && s[run - 1] == '_' && run < n &&
        (s[run] == '*' || s[run] == '$' || s[run] == '+' || s[run] == '%'))
        run--;
    for (size_t k = run; k > 0; k--) {
        if (k < run && s[k] != '_')
            continue;
        uint32_t id = synset_find(d, s, k);
        if (id != NONE32) {
            *used = k;
            return id;
        }
    }
    *used = run;
    return NONE32;
}

static int synset_define(ld *L, const char *s, size_t n, uint32_t *id)
{
    size_t k = 0;
    while (k < n && name_char((unsigned char)s[k]))
        k++;
    int noplural = k && s[k - 1] == '_';
    size_t nk = k;
    while (nk && s[nk - 1] == '_')
        nk--;
    if (!nk) {
        ld_warn(L, L->lineno, 0, "synset without a name");
        return -1;
    }
    uint32_t found = synset_find(L->d, s, nk);
    if (found != NONE32) {
        *id = found;
        return 0;
    }
    dsynset *y = dv_push(&L->d->synsets, sizeof *y);
    if (!y)
        return ld_nomem(L);
    y->name = str_add(L->d, s, nk);
    y->noplural = (uint32_t)noplural;
    y->file = L->file;
    y->line = (uint32_t)L->lineno;
    if (y->name == NONE32 || trie_node(&L->d->tr, &y->root))
        return ld_nomem(L);
    *id = (uint32_t)(L->d->synsets.n - 1);
    return 0;
}

/* Every &NAME defined in the file gets its id before the patterns are read,
 * so a pattern may use a synset defined further down (PETRARCH allows it). */
static int predefine_synsets(ld *L, const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    long save = L->lineno;
    while (p < end) {
        const char *e = p;
        while (e < end && *e != '\n' && *e != '\r')
            e++;
        L->lineno++;
        const char *s = p;
        size_t n = (size_t)(e - p);
        trim(&s, &n);
        uint32_t id;
        if (n > 1 && s[0] == '&' && synset_define(L, s + 1, n - 1, &id) && L->err)
            return L->err;
        p = e < end ? e + 1 : e;
    }
    L->lineno = save;
    return 0;
}

static dvec *members_of(vstate *V, ld *L, uint32_t syn)
{
    if (syn >= V->members.n &&
        dv_reserve(&V->members, sizeof(dvec), syn + 1 - V->members.n) == 0) {
        memset(DV(V->members, dvec) + V->members.n, 0,
               (syn + 1 - V->members.n) * sizeof(dvec));
        V->members.n = syn + 1;
    }
    if (syn >= V->members.n) {
        ld_nomem(L);
        return NULL;
    }
    return &DV(V->members, dvec)[syn];
}

static int store_member(ld *L, vstate *V, uint32_t syn, const char *t, size_t n, int depth);

/* Expands the first &NAME of a member into each member of NAME. */
static int expand_member(ld *L, vstate *V, uint32_t syn, const char *t, size_t n, size_t amp,
                         int depth)
{
    size_t used;
    uint32_t ref = synset_ref(L->d, t + amp + 1, n - amp - 1, &used);
    if (ref == NONE32) {
        ld_warn(L, L->lineno, (long)amp, "synset &%.*s is not defined; member skipped",
                (int)used, t + amp + 1);
        return 0;
    }
    if (ref == syn || depth > 8) {
        ld_warn(L, L->lineno, (long)amp, "synset refers to itself; member skipped");
        return 0;
    }
    dvec *mem = members_of(V, L, ref);
    if (!mem)
        return L->err;
    if (!mem->n)
        ld_warn(L, L->lineno, (long)amp, "synset &%.*s has no members yet; member skipped",
                (int)used, t + amp + 1);
    const char *rest = t + amp + 1 + used;
    size_t rn = n - amp - 1 - used;
    /* Storing a member may grow the table of member lists: look the list
     * up again for every member rather than keep a pointer into it. */
    for (size_t k = 0; k < DV(V->members, dvec)[ref].n; k++) {
        mem = &DV(V->members, dvec)[ref];
        const char *mt = str_at(L->d, DV(*mem, uint32_t)[k]);
        size_t ml = strlen(mt);
        /* "+&TIETYPES_MEMOS" with the stem ECONOMIC: the member keeps its
         * stem and MEMOS must follow at once, "ECONOMIC~_MEMOS" (a plain
         * "ECONOMIC_MEMOS" would make ECONOMIC exact). */
        int glue = L->dialect == DIALECT_TABARI && ml && rn && rest[0] == '_' &&
                   name_char((unsigned char)mt[ml - 1]) && mt[ml - 1] != '_';
        sr_buf b = SR_BUF_INIT;
        int bad = sr_buf_put(&b, t, amp) || sr_buf_puts(&b, mt) ||
                  (glue && sr_buf_putc(&b, '~')) || sr_buf_put(&b, rest, rn);
        int rc = bad ? ld_nomem(L) : store_member(L, V, syn, b.data, b.len, depth + 1);
        sr_buf_free(&b);
        if (rc)
            return rc;
    }
    return 0;
}

/* Lists a member's text for synsets that include this one. */
static int list_member(ld *L, vstate *V, uint32_t syn, const char *t, size_t n)
{
    dvec *mem = members_of(V, L, syn);
    uint32_t *slot = mem ? dv_push(mem, sizeof *slot) : NULL;
    if (!slot || (*slot = str_add(L->d, t, n)) == NONE32)
        return ld_nomem(L);
    DV(L->d->synsets, dsynset)[syn].nmembers++;
    return 0;
}

static int build_elems(ld *L, const char *s, size_t bn, int member, pbuild *B, int *nverb,
                       uint32_t *verb_index);

/* A member with actor markers ("PESO_$"): kept as pattern elements, which
 * sr_dict_compile() splices into the patterns that use the synset. */
static int store_marked(ld *L, vstate *V, uint32_t syn, const char *t, size_t n)
{
    sr_dict *d = L->d;
    pbuild B;
    memset(&B, 0, sizeof B);
    int nverb = 0, words = 0;
    uint32_t vi = 0;
    int rc = build_elems(L, t, n, 1, &B, &nverb, &vi);
    if (rc)
        return rc < 0 ? rc : 0;
    const sr_dict_elem *el = B.el.items;
    for (size_t k = 0; k < B.el.len; k++)
        words += el[k].type == SR_DICT_E_WORD;
    if (!words) {
        ld_warn(L, L->lineno, 0, "synset member without a word; skipped");
        return 0;
    }
    if (dv_reserve(&d->elems, sizeof(sr_dict_elem), B.el.len))
        return ld_nomem(L);
    dmarked *mk = dv_push(&d->marked, sizeof *mk);
    if (!mk)
        return ld_nomem(L);
    mk->synset = syn;
    mk->first_elem = (uint32_t)d->elems.n;
    mk->nelems = (uint32_t)B.el.len;
    memcpy(DV(d->elems, sr_dict_elem) + d->elems.n, B.el.items, B.el.len * sizeof(sr_dict_elem));
    d->elems.n += B.el.len;
    return list_member(L, V, syn, t, n);
}

static int store_member(ld *L, vstate *V, uint32_t syn, const char *t, size_t n, int depth)
{
    sr_dict *d = L->d;
    const char *amp = memchr(t, '&', n);
    if (amp)
        return expand_member(L, V, syn, t, n, (size_t)(amp - t), depth);
    for (size_t i = 0; i < n; i++)
        if (t[i] == '$' || t[i] == '+' || t[i] == '%' || t[i] == '^' || t[i] == '*' || t[i] == '@')
            return store_marked(L, V, syn, t, n);
    /* TABARI 5.6: no automatic endings in synsets; KRONER_ is closed. */
    unsigned fl = dialect_flags(L) | (L->dialect == DIALECT_PETRARCH ? PH_CONSEC : PH_CLOSED);
    int plural = L->dialect == DIALECT_PETRARCH && !DV(d->synsets, dsynset)[syn].noplural &&
                 n && t[n - 1] != '_';
    for (int form = 0; form < (plural ? 2 : 1); form++) {
        const char *txt = t;
        size_t tn = n;
        char *pl = NULL;
        if (form == 1) {
            pl = sr_arena_alloc(L->tmp, n + 3);
            if (!pl)
                return ld_nomem(L);
            tn = plural_of(t, n, pl);
            txt = pl;
            if (!tn)
                break;
        }
        pphrase ph;
        if (ld_phrase(L, txt, tn, fl, &ph, NULL)) {
            if (L->err)
                return L->err;
            continue;
        }
        L->quiet = form == 1 || depth > 0;
        uint32_t pid = ld_store(L, DV(d->synsets, dsynset)[syn].root, SR_DICT_T_SYNSET, syn, &ph,
                                txt, tn);
        L->quiet = 0;
        if (L->err)
            return L->err;
        /* Only the written form is listed: a synset that includes this one
         * makes the plurals again. */
        if (pid == NONE32 || DV(d->phrases, dphrase)[pid].entry != syn || form == 1)
            continue;
        int rc = list_member(L, V, syn, txt, tn);
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- verbs and forms ----------------------------------------------------------- */

static int new_verb(ld *L, vstate *V, const char *name, size_t n, const dcode *code)
{
    dverb *v = dv_push(&L->d->verbs, sizeof *v);
    if (!v)
        return ld_nomem(L);
    v->name = str_add(L->d, name, n);
    v->code = *code;
    v->set = (uint32_t)V->set;
    v->file = L->file;
    v->line = (uint32_t)L->lineno;
    if (v->name == NONE32)
        return ld_nomem(L);
    V->verb = (uint32_t)(L->d->verbs.n - 1);
    return 0;
}

static int add_form(ld *L, vstate *V, const dcode *code, const char *t, size_t n, unsigned fl)
{
    pphrase ph;
    uint32_t plus;
    trim(&t, &n);
    if (ld_phrase(L, t, n, fl | dialect_flags(L), &ph, &plus))
        return L->err;
    dform *f = dv_push(&L->d->forms, sizeof *f);
    if (!f)
        return ld_nomem(L);
    f->verb = V->verb;
    f->code = *code;
    f->verb_word = plus == NONE32 ? 0 : plus;
    f->file = L->file;
    f->line = (uint32_t)L->lineno;
    int table = table_of(V->set);
    ld_store(L, L->d->roots[table], table, (uint32_t)(L->d->forms.n - 1), &ph, t, n);
    return L->err;
}

/* The regular forms PETRARCH makes for the verb word v: +S/+ES/-IES,
 * +D/+ED/-IED, +ING (dropping a final E after a consonant). */
static size_t verb_form(const char *v, size_t n, int which, char *out)
{
    int last = n ? up((unsigned char)v[n - 1]) : 0, prev = n > 1 ? up((unsigned char)v[n - 2]) : 0;
    int lower = n && v[n - 1] >= 'a' && v[n - 1] <= 'z';
    int pv = prev == 'A' || prev == 'E' || prev == 'I' || prev == 'O' || prev == 'U';
    const char *suf;
    size_t keep = n;
    if (which == 0) {
        if (last == 'S' || last == 'X' || last == 'Z' || (last == 'H' && (prev == 'C' || prev == 'S')))
            suf = "ES";
        else if (last == 'Y' && prev && !pv) {
            keep--;
            suf = "IES";
        } else
            suf = "S";
    } else if (which == 1) {
        if (last == 'E')
            suf = "D";
        else if (last == 'Y' && prev && !pv) {
            keep--;
            suf = "IED";
        } else
            suf = "ED";
    } else {
        if (last == 'E' && prev && !pv && n > 2)
            keep--;
        suf = "ING";
    }
    memcpy(out, v, keep);
    size_t k = keep;
    for (const char *q = suf; *q; q++)
        out[k++] = lower ? (char)(*q + 32) : *q;
    return k;
}

/* A PETRARCH verb line: VERB, +MULTI_WORD, WORD_+VERB, with optional
 * {forms} and [code]. */
static int petrarch_verb(ld *L, vstate *V, const char *s, size_t n)
{
    dcode code = V->block_code;
    const char *br = memchr(s, '[', n);
    size_t body = n;
    if (br) {
        const char *cl = memchr(br, ']', n - (size_t)(br - s));
        if (!cl) {
            ld_warn(L, L->lineno, (long)(br - s), "missing ] after [; line skipped");
            return 0;
        }
        if (ld_event_code(L, br + 1, (size_t)(cl - br - 1), V->set, (long)(br - s), &code))
            return L->err;
        body = (size_t)(br - s);
    }
    const char *lb = memchr(s, '{', body);
    size_t prim = lb ? (size_t)(lb - s) : body;
    const char *p = s;
    trim(&p, &prim);
    if (!prim) {
        ld_warn(L, L->lineno, 0, "verb line without a verb; skipped");
        return 0;
    }
    if (V->verb == NONE32) {
        /* A verb outside any --- block starts a block of its own. */
        int rc = new_verb(L, V, p, prim, &code);
        if (rc)
            return rc;
    }
    int rc = add_form(L, V, &code, p, prim, PH_VERB_PLUS);
    if (rc)
        return rc;
    if (lb) {
        const char *rb = memchr(lb, '}', body - (size_t)(lb - s));
        if (!rb) {
            ld_warn(L, L->lineno, (long)(lb - s), "missing } after {; forms skipped");
            return 0;
        }
        for (const char *q = lb + 1; q < rb;) {
            /* Forms are separated by blanks; some files use commas too. */
            while (q < rb && (is_blank((unsigned char)*q) || *q == ','))
                q++;
            const char *e = q;
            while (e < rb && !is_blank((unsigned char)*e) && *e != ',')
                e++;
            if (e > q && (rc = add_form(L, V, &code, q, (size_t)(e - q), PH_VERB_PLUS)))
                return rc;
            q = e;
        }
        return 0;
    }
    /* Regular forms of the word marked + (else the first word). */
    size_t vb = 0, ve;
    const char *plus = memchr(p, '+', prim);
    if (plus)
        vb = (size_t)(plus - p) + 1;
    ve = vb;
    while (ve < prim && p[ve] != '_' && !is_blank((unsigned char)p[ve]))
        ve++;
    if (ve == vb)
        return 0;
    char *buf = sr_arena_alloc(L->tmp, prim + 8);
    if (!buf)
        return ld_nomem(L);
    for (int which = 0; which < 3; which++) {
        memcpy(buf, p, vb);
        size_t k = vb + verb_form(p + vb, ve - vb, which, buf + vb);
        memcpy(buf + k, p + ve, prim - ve);
        L->quiet = 1;
        rc = add_form(L, V, &code, buf, k + prim - ve, PH_VERB_PLUS);
        L->quiet = 0;
        if (rc)
            return rc;
    }
    return 0;
}

/* "--- NAME [code] ---" */
static int petrarch_block(ld *L, vstate *V, const char *s, size_t n)
{
    size_t b = 0, e = n;
    while (b < e && (s[b] == '-' || is_blank((unsigned char)s[b])))
        b++;
    while (e > b && (s[e - 1] == '-' || is_blank((unsigned char)s[e - 1])))
        e--;
    dcode code;
    memset(&code, 0, sizeof code);
    code.code = code.paired = NONE32;
    code.flags = SR_DICT_C_NULL; /* no code: the null code (dictionaries.rst) */
    const char *br = memchr(s + b, '[', e - b);
    size_t ne = e;
    if (br) {
        const char *cl = memchr(br, ']', (size_t)(s + e - br));
        if (!cl) {
            ld_warn(L, L->lineno, (long)(br - s), "missing ] in block header");
        } else if (ld_event_code(L, br + 1, (size_t)(cl - br - 1), V->set, (long)(br - s),
                                 &code)) {
            if (L->err)
                return L->err;
            code.flags = SR_DICT_C_NULL;
        }
        ne = (size_t)(br - s);
    }
    const char *name = s + b;
    size_t nn = ne - b;
    trim(&name, &nn);
    V->block_code = code;
    V->synset = NONE32;
    return new_verb(L, V, name, nn, &code);
}

/* A TABARI root line: PHRASE [code]. */
static int tabari_root(ld *L, vstate *V, const char *s, size_t n)
{
    dcode code;
    memset(&code, 0, sizeof code);
    code.code = code.paired = NONE32;
    code.flags = SR_DICT_C_NONE;
    const char *br = memchr(s, '[', n);
    size_t pn = n;
    if (br) {
        const char *cl = memchr(br, ']', n - (size_t)(br - s));
        if (!cl) {
            ld_warn(L, L->lineno, (long)(br - s), "missing ] after [; line skipped");
            V->verb = NONE32;
            return 0;
        }
        if (ld_event_code(L, br + 1, (size_t)(cl - br - 1), V->set, (long)(br - s), &code)) {
            V->verb = NONE32; /* its patterns are skipped with it */
            return L->err;
        }
        pn = (size_t)(br - s);
    }
    const char *p = s;
    trim(&p, &pn);
    int rc = new_verb(L, V, p, pn, &code);
    if (!rc)
        rc = add_form(L, V, &code, p, pn, 0);
    return rc;
}

/* ---- patterns ------------------------------------------------------------------------ */

static int push_elem(ld *L, pbuild *B, int type, int mode, int consec, uint32_t value,
                     uint32_t chars)
{
    sr_dict_elem *e = sr_vec_push(&B->el, L->tmp, sizeof *e);
    uint32_t *c = sr_vec_push(&B->chars, L->tmp, sizeof *c);
    if (!e || !c)
        return ld_nomem(L);
    e->type = (uint8_t)type;
    e->mode = (uint8_t)mode;
    if (type == SR_DICT_E_WORD)
        voc_mark(&L->d->voc, value, mode);
    e->consec = (uint8_t)consec;
    e->value = value;
    *c = chars;
    return 0;
}

static int special(int c)
{
    return c == '*' || c == '$' || c == '+' || c == '%' || c == '^' || c == '@' || c == '{' ||
           c == '|' || c == '}' || c == '(' || c == ')' || c == '&';
}

static int word_end(const char *s, size_t n, size_t i)
{
    return i >= n || is_blank((unsigned char)s[i]) || s[i] == '_' || special((unsigned char)s[i]) ||
           (s[i] == '-' && (i + 1 >= n || is_blank((unsigned char)s[i + 1]) || s[i + 1] == '_'));
}

/* One written word of a pattern: one element per token it splits into; a
 * hyphenated word becomes { joined | split } unless already in { | }. */
static int pattern_word(ld *L, pbuild *B, const char *w, size_t n, int mode, int consec,
                        int in_alt)
{
    uint32_t chars = 0;
    for (size_t k = 0; k < n; k++)
        if (((unsigned char)w[k] >= '0' && (unsigned char)w[k] <= '9') ||
            (up((unsigned char)w[k]) >= 'A' && up((unsigned char)w[k]) <= 'Z') ||
            (unsigned char)w[k] >= 0x80)
            chars++;
    sr_vec pieces[2] = {{0}, {0}};
    int hy = 0;
    if (ld_word(L, w, n, mode, 0, 0, &pieces[0], &hy))
        return L->err;
    if (!pieces[0].len)
        return 0;
    int alt = hy && !in_alt;
    if (alt && ld_word(L, w, n, mode, 0, 1, &pieces[1], &hy))
        return L->err;
    size_t open = B->el.len;
    if (alt && push_elem(L, B, SR_DICT_E_ALT_OPEN, 0, consec, 0, 0))
        return L->err;
    for (int v = 0; v < (alt ? 2 : 1); v++) {
        if (v == 1) {
            ((sr_dict_elem *)B->el.items)[open].value = (uint32_t)B->el.len;
            if (push_elem(L, B, SR_DICT_E_ALT_OR, 0, 0, 0, 0))
                return L->err;
        }
        const pword *pw = pieces[v].items;
        for (size_t k = 0; k < pieces[v].len; k++)
            if (push_elem(L, B, SR_DICT_E_WORD, pw[k].mode, k ? 1 : (alt ? 0 : consec), pw[k].id,
                          k || v ? 0 : chars))
                return L->err;
    }
    if (alt) {
        size_t or_at = ((sr_dict_elem *)B->el.items)[open].value;
        ((sr_dict_elem *)B->el.items)[or_at].value = (uint32_t)B->el.len;
        if (push_elem(L, B, SR_DICT_E_ALT_CLOSE, 0, 0, (uint32_t)open, 0))
            return L->err;
    }
    return 0;
}

static uint32_t pattern_length(const pbuild *B)
{
    const sr_dict_elem *e = B->el.items;
    const uint32_t *c = B->chars.items;
    uint32_t acc = 0, saved = 0, best = 0;
    int in_alt = 0;
    for (size_t i = 0; i < B->el.len; i++) {
        if (e[i].type == SR_DICT_E_ALT_OPEN) {
            saved = acc;
            acc = best = 0;
            in_alt = 1;
        } else if (e[i].type == SR_DICT_E_ALT_OR && in_alt) {
            best = acc > best ? acc : best;
            acc = 0;
        } else if (e[i].type == SR_DICT_E_ALT_CLOSE && in_alt) {
            best = acc > best ? acc : best;
            acc = saved + best;
            in_alt = 0;
        } else {
            acc += c[i];
        }
    }
    /* sitrep's dictionaries: a pattern that asks what the verb acts on
     * (">&set", the head of the noun phrase right there) reads the verb's
     * sense from its object, and comes before any that reads words
     * further on: "battled the wildfire with helicopters" is fought
     * against a fire, whatever weapon pattern "with helicopters" fits. */
    for (size_t i = 0; i < B->el.len; i++)
        if (e[i].consec == SR_DICT_HEAD)
            return acc + 1000;
    return acc;
}

static int parse_pattern(ld *L, vstate *V, const char *line, size_t n)
{
    sr_dict *d = L->d;
    if (V->verb == NONE32) {
        ld_warn(L, L->lineno, 0, "pattern before any verb; skipped");
        return 0;
    }
    /* The code is the last [...] of the line. */
    const char *cb = NULL;
    for (size_t i = n; i-- > 0;)
        if (line[i] == '[') {
            cb = line + i;
            break;
        }
    const char *ce = cb ? memchr(cb, ']', n - (size_t)(cb - line)) : NULL;
    if (!cb || !ce) {
        ld_warn(L, L->lineno, 0, cb ? "missing ] after [; pattern skipped"
                                    : "pattern without a [code]; skipped");
        return 0;
    }
    dcode code;
    if (ld_event_code(L, cb + 1, (size_t)(ce - cb - 1), V->set, (long)(cb - line), &code))
        return L->err;
    pbuild B;
    memset(&B, 0, sizeof B);
    int nverb = 0;
    uint32_t verb_index = 0;
    int rc = build_elems(L, line + 1, (size_t)(cb - line - 1), 0, &B, &nverb, &verb_index);
    if (rc)
        return rc < 0 ? rc : 0;
    if (nverb != 1) {
        ld_warn(L, L->lineno, 0, nverb ? "more than one verb marker * in pattern; skipped"
                                       : "missing verb marker * in pattern; skipped");
        return 0;
    }
    if (dv_reserve(&d->elems, sizeof(sr_dict_elem), B.el.len))
        return ld_nomem(L);
    dpattern *p = dv_push(&d->patterns, sizeof *p);
    if (!p)
        return ld_nomem(L);
    p->verb = V->verb;
    p->first_elem = (uint32_t)d->elems.n;
    p->nelems = (uint32_t)B.el.len;
    p->verb_index = verb_index;
    p->code = code;
    p->length = pattern_length(&B);
    p->text = str_add(d, line, n);
    p->file = L->file;
    p->line = (uint32_t)L->lineno;
    p->order = (uint32_t)(d->patterns.n - 1);
    if (p->text == NONE32)
        return ld_nomem(L);
    memcpy(DV(d->elems, sr_dict_elem) + d->elems.n, B.el.items, B.el.len * sizeof(sr_dict_elem));
    d->elems.n += B.el.len;
    return 0;
}

/* The elements of a pattern body s[0..bn) (between "-" and "[code]"), or of
 * a synset member with actor markers (member = 1: no *, groups or other
 * markers; PETRARCH members connect like "_").  Returns 0, 1 when the line
 * was warned about and is to be skipped, or a negative error. */
static int build_elems(ld *L, const char *s, size_t bn, int member, pbuild *B, int *nverb,
                       uint32_t *verb_index)
{
    sr_dict *d = L->d;
    const char *what = member ? "synset member" : "pattern";
    int consec = 0, force = 0, in_alt = 0;
    size_t i = 0;
    while (i < bn) {
        int blank = 0, under = 0;
        while (i < bn && (is_blank((unsigned char)s[i]) || s[i] == '_' ||
                          (s[i] == '-' && word_end(s, bn, i)))) {
            if (is_blank((unsigned char)s[i]))
                blank = 1;
            else
                under = 1;
            i++;
        }
        if (i >= bn)
            break;
        if (blank || under || B->el.len == 0)
            consec = (under && !blank) || force || (member && L->dialect == DIALECT_PETRARCH);
        force = 0;
        /* sitrep's own ">&set": the set heads the noun phrase right here */
        int head = 0;
        if (s[i] == '>' && L->linemap && !member && i + 1 < bn && s[i + 1] == '&') {
            head = 1;
            i++;
        }
        int c = (unsigned char)s[i];
        int type = 0;
        switch (c) {
        case '*': type = SR_DICT_E_VERB; break;
        case '$': type = SR_DICT_E_SOURCE; break;
        case '+': type = SR_DICT_E_TARGET; break;
        case '%': type = SR_DICT_E_COMPOUND; break;
        case '^': type = SR_DICT_E_SKIP; break;
        case '@': type = SR_DICT_E_ATTRIB; break;
        }
        if (member && (c == '{' || c == '(' || c == '|' || c == '}' || c == ')' || c == '&' ||
                       (type && type != SR_DICT_E_SOURCE && type != SR_DICT_E_TARGET))) {
            /* TABARI 5.6: members may hold $ and +, not groups or other marks. */
            ld_warn(L, L->lineno, (long)i, "'%c' in a synset member is not supported; "
                                           "member skipped", c);
            return 1;
        }
        if (type) {
            if (type == SR_DICT_E_VERB) {
                *verb_index = (uint32_t)B->el.len;
                ++*nverb;
                while (i + 1 < bn && s[i + 1] == '*')
                    i++; /* "**" in some PETRARCH documentation */
            }
            if (push_elem(L, B, type, 0, consec, 0, 0))
                return L->err;
            i++;
            continue;
        }
        if (c == '{' || c == '(') {
            int alt = 0;
            if (c == '{')
                for (size_t k = i + 1; k < bn && s[k] != '}'; k++)
                    if (s[k] == '|')
                        alt = 1;
            if (alt && in_alt) {
                ld_warn(L, L->lineno, (long)i + 1, "nested { | } alternatives; pattern skipped");
                return 1;
            }
            uint32_t *top = sr_vec_push(&B->stack, L->tmp, sizeof *top);
            if (!top)
                return ld_nomem(L);
            *top = (uint32_t)B->el.len;
            in_alt |= alt;
            if (push_elem(L, B, c == '(' ? SR_DICT_E_PREP_OPEN
                                         : alt ? SR_DICT_E_ALT_OPEN : SR_DICT_E_NP_OPEN,
                          0, consec, 0, 0))
                return L->err;
            i++;
            consec = 0;
            continue;
        }
        if (c == '|' || c == '}' || c == ')') {
            sr_dict_elem *el = B->el.items;
            uint32_t open = B->stack.len ? ((uint32_t *)B->stack.items)[B->stack.len - 1] : NONE32;
            int ot = open == NONE32 ? 0 : el[open].type;
            int want = c == ')' ? SR_DICT_E_PREP_OPEN : c == '|' ? SR_DICT_E_ALT_OPEN : 0;
            if (open == NONE32 || (want && ot != want) ||
                (c == '}' && ot != SR_DICT_E_ALT_OPEN && ot != SR_DICT_E_NP_OPEN)) {
                ld_warn(L, L->lineno, (long)i + 1, "unmatched '%c'; pattern skipped", c);
                return 1;
            }
            uint32_t at = (uint32_t)B->el.len;
            if (ot == SR_DICT_E_ALT_OPEN) {
                /* Chain: OPEN -> OR -> ... -> CLOSE. */
                uint32_t k = open;
                while (el[k].value)
                    k = el[k].value;
                el[k].value = at;
            } else {
                el[open].value = at;
            }
            int type2 = c == '|' ? SR_DICT_E_ALT_OR
                        : c == ')' ? SR_DICT_E_PREP_CLOSE
                        : ot == SR_DICT_E_ALT_OPEN ? SR_DICT_E_ALT_CLOSE : SR_DICT_E_NP_CLOSE;
            if (push_elem(L, B, type2, 0, 0, c == '|' ? 0 : open, 0))
                return L->err;
            if (c != '|') {
                B->stack.len--;
                if (ot == SR_DICT_E_ALT_OPEN)
                    in_alt = 0;
            }
            i++;
            consec = 0;
            continue;
        }
        if (c == '&') {
            size_t used;
            uint32_t syn = synset_ref(d, s + i + 1, bn - i - 1, &used);
            if (syn == NONE32) {
                ld_warn(L, L->lineno, (long)i + 1, "synset &%.*s is not defined; pattern skipped",
                        (int)used, s + i + 1);
                return 1;
            }
            uint32_t chars = 0;
            for (size_t k = 0; k < used; k++)
                chars += s[i + 1 + k] != '_';
            if (push_elem(L, B, SR_DICT_E_SYNSET, 0, head ? SR_DICT_HEAD : consec, syn, chars))
                return L->err;
            i += 1 + used;
            continue;
        }
        size_t b = i;
        while (!word_end(s, bn, i))
            i++;
        if (i == b) {
            i++; /* a lone character no rule takes; cannot happen, but never loop */
            continue;
        }
        size_t e = i;
        /* TABARI 5.5.3: WORD a stem, WORD~ a stem glued to the next, WORD_
         * and WORD= the word exactly (regular endings belong to the verb
         * and to actor, agent and noun phrases, not to pattern words). */
        int mode = SR_DICT_W_STEM;
        if (s[e - 1] == '=') {
            mode = SR_DICT_W_EXACT;
            e--;
        } else if (s[e - 1] == '~') {
            force = 1;
            e--;
        } else if (i < bn && (s[i] == '_' || s[i] == '-')) {
            mode = SR_DICT_W_EXACT;
        }
        if (L->dialect == DIALECT_PETRARCH)
            mode = SR_DICT_W_EXACT;
        if (e > b && pattern_word(L, B, s + b, e - b, mode, consec, in_alt))
            return L->err;
    }
    if (B->stack.len) {
        ld_warn(L, L->lineno, 0, "unclosed group in %s; skipped", what);
        return 1;
    }
    return 0;
}

/* ---- transformations: ~ a (b . ATTACK) SAY = a b 112 ----------------------------------- */

static int transformation(ld *L, const char *s, size_t n)
{
    const char *eq = memchr(s, '=', n);
    if (!eq) {
        ld_warn(L, L->lineno, 0, "transformation without '='; skipped");
        return 0;
    }
    const char *a = s + 1, *b = eq + 1;
    size_t an = (size_t)(eq - a), bn = n - (size_t)(b - s);
    trim(&a, &an);
    trim(&b, &bn);
    if (!an || !bn) {
        ld_warn(L, L->lineno, 0, "empty transformation side; skipped");
        return 0;
    }
    dtransform *t = dv_push(&L->d->transforms, sizeof *t);
    if (!t)
        return ld_nomem(L);
    t->pattern = str_add(L->d, a, an);
    t->result = str_add(L->d, b, bn);
    t->file = L->file;
    t->line = (uint32_t)L->lineno;
    return t->pattern == NONE32 || t->result == NONE32 ? ld_nomem(L) : 0;
}

/* ---- the file ---------------------------------------------------------------------------- */

static int section_tag(ld *L, vstate *V, const dline *ln)
{
    const char *s = ln->s;
    size_t n = ln->n;
    int closing = n > 1 && s[1] == '/';
    const char *t = s + 1 + closing;
    size_t tn = n - 1 - (size_t)closing;
    if (tn && t[tn - 1] == '>')
        tn--;
    if (ci_prefix(t, tn, "SYNSET")) {
        V->synset = NONE32;
        return 0;
    }
    if (ci_eq(t, tn, "TIME") || ci_eq(t, tn, "ATTRIB") || ci_eq(t, tn, "ATTRIBUTION") ||
        ci_eq(t, tn, "EVENTNOUN")) {
        int set = up((unsigned char)t[0]) == 'T'   ? SR_DICT_SET_TIME
                  : up((unsigned char)t[0]) == 'A' ? SR_DICT_SET_ATTRIB
                                                   : SR_DICT_SET_NOUN;
        if (!closing && V->set != SR_DICT_SET_VERBS)
            ld_warn(L, ln->lineno, 0, "section %.*s inside another section", (int)n, s);
        V->set = closing ? SR_DICT_SET_VERBS : set;
        V->verb = V->synset = NONE32;
        return 0;
    }
    if (!closing && (ci_eq(t, tn, "NOUN") || ci_eq(t, tn, "NOUNS")))
        return load_word_section(L, SR_DICT_T_NOUNS, "</NOUN");
    if (!closing && ci_prefix(t, tn, "ADJ"))
        return load_word_section(L, SR_DICT_T_ADJECTIVES, "</ADJ");
    ld_warn(L, ln->lineno, 0, "unknown section %.*s; line skipped", (int)n, s);
    return 0;
}

int load_verbs(ld *L)
{
    vstate V;
    memset(&V, 0, sizeof V);
    V.verb = V.synset = NONE32;
    int rc = predefine_synsets(L, L->p, (size_t)(L->end - L->p));
    dline ln;
    while (!rc && (rc = ld_next(L, &ln)) == 1) {
        sr_arena_reset(L->tmp);
        const char *s = ln.s;
        size_t n = ln.n;
        rc = 0;
        if (s[0] == '<') {
            rc = section_tag(L, &V, &ln);
            if (V.set != SR_DICT_SET_VERBS || L->dialect == DIALECT_TABARI)
                V.verb = NONE32;
        } else if (s[0] == '&') {
            uint32_t id;
            V.synset = NONE32;
            if (synset_define(L, s + 1, n - 1, &id) == 0)
                V.synset = id;
            rc = L->err;
        } else if (s[0] == '+' && V.synset != NONE32) {
            const char *m = s + 1;
            size_t mn = n - 1;
            trim(&m, &mn);
            if (mn)
                rc = store_member(L, &V, V.synset, m, mn, 0);
        } else if (n >= 3 && memcmp(s, "---", 3) == 0 && L->dialect == DIALECT_PETRARCH) {
            rc = petrarch_block(L, &V, s, n);
        } else if (s[0] == '-') {
            V.synset = NONE32;
            rc = parse_pattern(L, &V, s, n);
        } else if (s[0] == '~') {
            rc = transformation(L, s, n);
        } else if (s[0] == '{' && L->dialect == DIALECT_TABARI) {
            if (V.verb == NONE32) {
                ld_warn(L, ln.lineno, 0, "verb forms before any verb; skipped");
                continue;
            }
            const char *rb = memchr(s, '}', n);
            if (!rb)
                ld_warn(L, ln.lineno, 0, "missing } in verb forms; read to the line end");
            const char *end = rb ? rb : s + n;
            const dcode *code = &DV(L->d->verbs, dverb)[V.verb].code;
            dcode cc = *code;
            int nforms = 0;
            for (const char *q = s + 1; q < end && !rc;) {
                while (q < end && (is_blank((unsigned char)*q) || *q == ','))
                    q++;
                const char *e = q;
                while (e < end && !is_blank((unsigned char)*e) && *e != ',')
                    e++;
                if (e > q) {
                    rc = add_form(L, &V, &cc, q, (size_t)(e - q), 0);
                    nforms++;
                }
                q = e;
            }
            if (!nforms)
                ld_warn(L, ln.lineno, 0, "no verb forms inside { }");
        } else if (s[0] == '+' && L->dialect == DIALECT_TABARI) {
            ld_warn(L, ln.lineno, 0, "synonym outside a synset; skipped");
        } else {
            V.synset = NONE32;
            if (L->dialect == DIALECT_PETRARCH)
                rc = petrarch_verb(L, &V, s, n);
            else
                rc = tabari_root(L, &V, s, n);
        }
        if (L->err)
            rc = L->err;
    }
    if (!rc && V.set != SR_DICT_SET_VERBS)
        ld_warn(L, L->lineno, 0, "missing </%s> terminator",
                V.set == SR_DICT_SET_TIME ? "TIME" : V.set == SR_DICT_SET_NOUN ? "EVENTNOUN" : "ATTRIB");
    for (size_t k = 0; k < V.members.n; k++)
        dv_free(&DV(V.members, dvec)[k]);
    dv_free(&V.members);
    return L->err ? L->err : rc < 0 ? rc : 0;
}
