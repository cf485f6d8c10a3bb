/* Candidates for a mention: its gazetteer postings turned into the
 * entries it may name, with what resolve.c needs to weigh them; a token
 * spelled alike again reuses what its first mention made. */
#include "find_int.h"

#include <string.h>

/* geo_fold of the mention's text, from its tokens' folded forms when it
 * covers whole tokens written apart: in f, or (*fs) where a token keeps it. */
static size_t mention_fold(const ctx *c, const gment *m, char *f, size_t cap, const char **fs)
{
    int whole = m->start == c->tok[m->tok0].start && m->end == c->tok[m->tok1 - 1].end &&
                m->end - m->start <= GEO_NAME_MAX;
    *fs = f;
    if (whole && m->tok1 == m->tok0 + 1) {
        /* one whole token: its own folded text */
        const tokkey *k = gf_tok_key(c, m->tok0);
        if (k && k->foldlen + 2 <= cap) {
            *fs = k->fold;
            return k->foldlen;
        }
    }
    for (size_t i = m->tok0; whole && i + 1 < m->tok1; i++)
        whole = c->tok[i].end < c->tok[i + 1].start;
    size_t fl = 0;
    for (size_t i = m->tok0; whole && i < m->tok1; i++) {
        const tokkey *k = gf_tok_key(c, i);
        if (!k || fl + k->foldlen + 2 > cap) {
            whole = 0;
            break;
        }
        if (fl && k->foldlen)
            f[fl++] = ' ';
        memcpy(f + fl, k->fold, k->foldlen);
        fl += k->foldlen;
    }
    if (!whole) {
        size_t n = m->end - m->start;
        fl = n > GEO_NAME_MAX ? 0 : geo_fold(c->d->text + m->start, n, f, cap);
        if (fl >= cap)
            fl = cap - 1;
    }
    f[fl] = 0;
    return fl;
}

/* Turns postings into candidates, one per record, keeping the ones whose
 * kind the mention's spelling allows: GeoNames alternates, short names and
 * common words must be spelled exactly, codes must stand in capitals,
 * abbreviations need their period, and short capitals ("UN", "IRNA") are
 * taken only for codes and large places. */
/* The letters of raw[0..n), whether none is a lower-case one and
 * whether a period is among them. */
static size_t shape_of(const char *raw, size_t n, int *all_upper, int *has_dot)
{
    size_t letters = 0;
    *all_upper = 1;
    *has_dot = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)raw[i];
        if (ch >= 'a' && ch <= 'z')
            *all_upper = 0;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80)
            letters++;
        if (ch == '.')
            *has_dot = 1;
    }
    return letters;
}

/* The letters of a mention's key (gment.key: truncated, perhaps without
 * its NUL; its first letters are enough). */
static size_t key_letters(const char k[48])
{
    size_t n = 0;
    for (size_t i = 0; i < 48 && k[i]; i++)
        n += k[i] != ' ';
    return n;
}

int gf_candidates(ctx *c, gment *m, const gz_post *p, size_t np, int fuzzy)
{
    const char *raw = c->d->text + m->start;
    size_t n = m->end - m->start;
    int all_upper, has_dot;
    size_t letters;
    /* A token alone: its spelling's shape, worked out once for all the
     * tokens spelled alike. */
    tokkey *tk = NULL;
    if (m->tok1 == m->tok0 + 1 && m->start == c->tok[m->tok0].start &&
        m->end == c->tok[m->tok0].end && (tk = gf_tok_key(c, m->tok0)) != NULL) {
        if (!tk->shaped) {
            tk->letters = (uint32_t)shape_of(raw, n, &all_upper, &has_dot);
            tk->all_upper = (uint8_t)all_upper;
            tk->has_dot = (uint8_t)has_dot;
            tk->shaped = 1;
        }
        letters = tk->letters;
        all_upper = tk->all_upper;
        has_dot = tk->has_dot;
    } else {
        letters = shape_of(raw, n, &all_upper, &has_dot);
    }
    /* "SANA", "IRNA", "UN": short capitals are acronyms, unless they open a
     * line as a dateline does ("HOMS, Syria -") */
    int dateline = (m->start == 0 || c->d->text[m->start - 1] == '\n') && m->end < c->d->len &&
                   strchr(",-(", c->d->text[m->end]);
    int short_caps = all_upper && !has_dot && letters <= 5 && !dateline;
    if (m->end < c->d->len && c->d->text[m->end] == '.')
        has_dot = 1;
    /* A token alone spelled as before, with the same postings and alike
     * around: the same candidates. */
    if (fuzzy || m->nc)
        tk = NULL;
    if (tk) {
        if (tk->cand && tk->cand_post == p && tk->ncand <= np &&
            tk->cand_common == m->single_common && tk->cand_short == short_caps &&
            tk->cand_dot == has_dot) {
            m->c = sr_arena_alloc(c->a, (tk->ncand + 1) * sizeof *m->c);
            if (!m->c)
                return SR_ENOMEM;
            memcpy(m->c, tk->cand, tk->ncand * sizeof *m->c);
            m->nc = tk->ncand;
            return SR_OK;
        }
    }
    char fb[GEO_KEY_MAX];
    const char *f;
    size_t fl = mention_fold(c, m, fb, sizeof fb, &f);
    uint32_t hf = geo_hash(f, fl);
    uint16_t ex = geo_exact_hash_of(hf);
    int lo = -1;   /* the loose hash, when first asked for */
    int klet = -1; /* the key's letters, likewise */
    /* appended to what the mention already has (fuzzy variants add up) */
    uint32_t nc0 = m->nc;
    gcand *old = m->c;
    m->c = sr_arena_alloc(c->a, (m->nc + np + 1) * sizeof *m->c);
    if (!m->c)
        return SR_ENOMEM;
    if (m->nc)
        memcpy(m->c, old, m->nc * sizeof *m->c);
    for (size_t i = 0; i < np; i++) {
        /* what the posting alone rules out first: no record is read, and
         * the loose hash is worked out only when a posting needs it */
        int kind = p[i].kind, exact = p[i].exact == ex && !fuzzy;
        if (kind == GZP_CODE && !all_upper)
            continue;
        /* (nor, without its dot, a short word in capitals: "WASH and
         * education supplies" is water and sanitation, not Washington) */
        if (kind == GZP_ABBR && !has_dot && (!all_upper || short_caps))
            continue;
        /* "Area" is an old name of Mundelein: a common word reaches no
         * place through GeoNames' unlabelled alternates */
        if (kind == GZP_ALT && m->single_common)
            continue;
        int loose = 0;
        if (!exact && !fuzzy) {
            if (lo < 0)
                lo = geo_loose_hash_hashed(f, fl, hf);
            loose = p[i].loose == lo;
        }
        /* (a variant of a short alternate is a guess: "Saeed" and "Syd",
         * a short form of Sydney, share the key "sid") */
        int altvar = !exact && kind == GZP_ALT && !fuzzy && letters >= 5 && !all_upper;
        if (altvar) {
            if (klet < 0)
                klet = (int)key_letters(m->key);
            altvar = klet >= 4;
        }
        if (!exact && !altvar && (kind == GZP_ALT || m->single_common || (letters < 5 && !loose)))
            continue;
        const gz_rec *r = geo_rec(c->d->g, p[i].rec);
        if (!r)
            continue;
        /* scoring reads every candidate's record: fetch them all now */
        __builtin_prefetch(r);
        if (short_caps && kind != GZP_CODE && kind != GZP_ABBR && kind != GZP_DEMONYM &&
            !(exact && geo_level(r) <= SR_GEO_LEVEL_COUNTRY))
            continue;
        /* A key's postings come in record order (build.c), so a record's
         * are together: only the last candidate may be the same, unless
         * the mention had candidates before (fuzzy variants add up). */
        gcand *k = NULL;
        if (nc0) {
            for (uint32_t j = 0; j < m->nc && !k; j++)
                if (m->c[j].rec == p[i].rec)
                    k = &m->c[j];
        } else if (m->nc && m->c[m->nc - 1].rec == p[i].rec) {
            k = &m->c[m->nc - 1];
        }
        if (!k) {
            k = &m->c[m->nc++];
            memset(k, 0, sizeof *k);
            k->rec = p[i].rec;
            k->kind = (uint8_t)kind;
            k->fuzzy = (uint8_t)fuzzy;
            k->altvar = (uint8_t)altvar;
        }
        if (!altvar)
            k->altvar = 0;
        k->loose |= (uint8_t)loose;
        /* the most direct way the spelling reaches this entry */
        if (exact && (!k->exact || kind < k->kind)) {
            k->exact = 1;
            k->kind = (uint8_t)kind;
        } else if (!k->exact && kind < k->kind) {
            k->kind = (uint8_t)kind;
        }
    }
    if (tk) {
        /* (a copy: the mention's own list gets sorted and filtered) */
        gcand *keep = sr_arena_alloc(c->ta, (m->nc + 1) * sizeof *keep);
        if (!keep)
            return SR_ENOMEM;
        memcpy(keep, m->c, m->nc * sizeof *keep);
        tk->cand = keep;
        tk->ncand = m->nc;
        tk->cand_post = p;
        tk->cand_common = (uint8_t)m->single_common;
        tk->cand_short = (uint8_t)short_caps;
        tk->cand_dot = (uint8_t)has_dot;
    }
    return SR_OK;
}
