/* Names of persons: a run that reads as a person's name makes its last
 * word a surname, and that word alone elsewhere in the document is then a
 * person's too ("Hillary Clinton ... Clinton said"). */
#include "find_int.h"

#include <stdlib.h>
#include <string.h>

int gf_push_person(ctx *c, const char *key)
{
    char *k = sr_vec_push(&c->persons, c->ta, 48);
    if (!k)
        return SR_ENOMEM;
    size_t n = strnlen(key, 47);
    memcpy(k, key, n);
    k[n] = 0;
    return SR_OK;
}

/* Token i is also a capitalised dictionary word: "John", not "Environment". */
int gf_given_name(const ctx *c, size_t i)
{
    tokkey *k = gf_tok_key(c, i);
    if (!k)
        return 0;
    if (k->name < 0)
        k->name = (geo_fold_info_at(c->d->g, gf_fold_line(c, i, k), k->fold, k->foldlen) &
                   GZ_W_NAME) != 0;
    return k->name;
}

/* What the words of run [ra, rb) alone say of it as a person's name (the
 * word before it may add a title): */
enum { PR_NONE = 1,      /* none */
       PR_NAME = 2,      /* a name */
       PR_TITLED = 3 };  /* a name if a title stands before it */

static int person_words(const ctx *c, size_t ra, size_t rb)
{
    size_t names = 0;
    int titled = 0;
    for (size_t i = ra; i < rb; i++) {
        if (gf_tinfo(c, i)->lex & LX_TITLE) {
            titled = 1;
            continue;
        }
        if (!c->ti[i].cap || gf_tinfo(c, i)->noplace || gf_weak(c, i))
            return PR_NONE;
        names++;
    }
    if (names == 0 || names > 3)
        return PR_NONE;
    /* a common word among them makes no name either: asked last, as it
     * reads the word table (most runs are settled above) */
    for (size_t i = ra; i < rb; i++)
        if (!(c->ti[i].lex & LX_TITLE) && gf_common_word(c, i))
            return PR_NONE;
    return names == 1 && !titled ? PR_TITLED : PR_NAME;
}

/* A capitalised run that matched no place and reads as a person's name
 * ("Barack Obamas", "President Assad"): its last word, with and without a
 * possessive s, is a surname wherever it stands alone. */
int gf_person_run(ctx *c, const sr_sentence *s, size_t ra, size_t rb, uint8_t *note)
{
    /* (the run's own words say the same wherever it stands: kept with it) */
    int v = note && *note ? *note : person_words(c, ra, rb);
    if (note)
        *note = (uint8_t)v;
    if (v == PR_NONE ||
        (v == PR_TITLED && !(ra > s->tok && (gf_tinfo(c, ra - 1)->lex & LX_TITLE))))
        return SR_OK;
    const sr_token *t = &c->tok[rb - 1];
    char key[GEO_KEY_MAX];
    size_t kl = geo_key(c->d->text + t->start, t->end - t->start, key, sizeof key);
    if (!kl || kl >= 48)
        return SR_OK;
    key[kl] = 0;
    if (gf_push_person(c, key))
        return SR_ENOMEM;
    if (kl > 3 && key[kl - 1] == 's') {
        key[kl - 1] = 0;
        return gf_push_person(c, key);
    }
    return SR_OK;
}

/* The run at token i is a person's name by what stands before it: kin
 * ("his wife, Tonya", "the son of Riley") or an age ("82-year-old Geneva
 * Morgan"). */
int gf_person_cue(const ctx *c, const sr_sentence *s, size_t i)
{
    if (i == s->tok)
        return 0;
    const sr_token *t = &c->tok[i - 1];
    const char *w = norm_of(t);
    size_t n = t->norm ? t->norm_len : 0;
    if ((n >= 8 && !memcmp(w + n - 8, "year-old", 8)) ||
        (n >= 9 && !memcmp(w + n - 9, "years-old", 9)))
        return 1;
    if (((n == 1 && w[0] == ',') || (n == 2 && w[0] == 'o' && w[1] == 'f')) && i - 1 > s->tok)
        t = &c->tok[i - 2];
    /* (a kin word is a word in lower case: a capital or a mark needs no
     * classifying) */
    if (!(t->flags & SR_TOK_WORD) || c->ti[t - c->tok].cap)
        return 0;
    return (gf_tinfo(c, (size_t)(t - c->tok))->lex & LX_KIN) != 0;
}

/* Every match of the run [ra, rb) from index `first` on is part of a
 * person's name; the run's last word is a surname wherever it stands. */
int gf_person_names(ctx *c, size_t first, size_t ra, size_t rb)
{
    /* the name ends at "of": "his wife, Gwen of Detroit, Texas" */
    size_t e = ra;
    while (e < rb && !gf_norm_is(&c->tok[e], "of"))
        e++;
    if (e == ra)
        return SR_OK;
    gment *ms = c->ments.items;
    for (size_t k = first; k < c->ments.len; k++) {
        int demonym = 0;   /* "a 34-year-old German" stays one */
        for (uint32_t j = 0; j < ms[k].nc; j++)
            demonym |= ms[k].c[j].kind == GZP_DEMONYM;
        if (ms[k].tok1 <= e && !demonym)
            ms[k].role = -1;
    }
    const sr_token *t = &c->tok[e - 1];
    char key[GEO_KEY_MAX];
    size_t kl = geo_key(c->d->text + t->start, t->end - t->start, key, sizeof key);
    if (!kl || kl >= 48)
        return SR_OK;
    return gf_push_person(c, key);
}

/* "Brent told CTV": a name that speaks is a person's or a government's --
 * only a capital, an admin area or a large city stands for a government. */
int gf_speaks_as_person(ctx *c, size_t first)
{
    gment *ms = c->ments.items;
    for (size_t k = first; k < c->ments.len; k++) {
        gment *m = &ms[k];
        if (m->role != SR_GEO_PLACE || !(m->cue & CUE_SAID) || m->tok1 - m->tok0 != 1 ||
            (m->cue & CUE_PREP))
            continue;
        int big = 0;
        for (uint32_t j = 0; j < m->nc && !big; j++) {
            const gz_rec *r = geo_rec(c->d->g, m->c[j].rec);
            big = r && (geo_level(r) <= SR_GEO_LEVEL_ADMIN1 || r->pop >= 100000 ||
                        geo_fcode_is(r, "PPLC") || geo_fcode_is(r, "PPLA") ||
                        m->c[j].kind == GZP_DEMONYM);
        }
        if (big)
            continue;
        m->role = -1;
        if (gf_push_person(c, m->key))
            return SR_ENOMEM;
    }
    return SR_OK;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

int gf_mark_persons(ctx *c)
{
    gment *ms = c->ments.items;
    const char (*pk)[48] = c->persons.items;
    if (!c->persons.len)
        return SR_OK;   /* (no surname to find: many a story names no one) */
    uint64_t *ph = sr_arena_alloc(c->ta, c->persons.len * sizeof *ph);
    if (!ph)
        return SR_ENOMEM;
    for (size_t j = 0; j < c->persons.len; j++)
        ph[j] = geo_hash64(pk[j], strlen(pk[j]));
    qsort(ph, c->persons.len, sizeof *ph, cmp_u64);
    for (size_t i = 0; i < c->ments.len; i++) {
        gment *m = &ms[i];
        if (m->role != SR_GEO_PLACE || m->tok1 - m->tok0 != 1 || (m->cue & CUE_WHERE))
            continue;
        uint64_t h = m->keyhash;   /* (set with the key) */
        if (bsearch(&h, ph, c->persons.len, sizeof h, cmp_u64))
            m->person_like = 1;
    }
    return SR_OK;
}
