/* The token layer of recognition: what each token is (capitals, cue
 * words, common words), its folded form and key parts, shared by the
 * tokens spelled alike, and the gazetteer lookups of token spans. */
#include "find_int.h"

#include <string.h>



int gf_article_capital(const char *s, size_t n)
{
    const char *h = memchr(s, '-', n < 5 ? n : 5);
    if (!h || h == s || h + 1 >= s + n || !gf_is_upper(h[1]))
        return 0;
    for (const char *p = s; p < h; p++)
        if (*p < 'a' || *p > 'z')
            return 0;
    return h - s <= 3;
}

tokkey *gf_tok_key_new(const ctx *c, size_t i)
{
    tokinfo *ti = &c->ti[i];
    const sr_token *t = &c->tok[i];
    size_t n = t->end - t->start;
    if (n > GEO_NAME_MAX)
        return NULL;
    const char *raw = c->d->text + t->start;
    tokmemo *mm = c->memo;
    uint32_t slot = 0;
    if (mm) {
        for (slot = (uint32_t)geo_hash64(raw, n) & mm->mask; mm->slot[slot];
             slot = (slot + 1) & mm->mask) {
            tokkey *k = mm->slot[slot];
            if (k->rawlen == n && !memcmp(k->raw, raw, n))
                return ti->key = k;
        }
    }
    /* ASCII letters and digits fold to the lower case the norm already is */
    int borrow = (t->flags & SR_TOK_ALNUM) && t->norm && t->norm_len == n;
    char f[GEO_KEY_MAX];
    size_t fl = borrow ? n : geo_fold(raw, n, f, sizeof f);
    if (fl >= sizeof f)
        return NULL;
    /* one block: the key, its folded text unless borrowed, and room for
     * one key part (never longer than the folded text) */
    tokkey *k = sr_arena_alloc(c->a, sizeof *k + (borrow ? 0 : fl + 1) + fl + 1);
    if (!k)
        return NULL;
    char *p = (char *)(k + 1);
    const char *fold = t->norm;
    if (!borrow) {
        memcpy(p, f, fl + 1);
        fold = p;
        p += fl + 1;
    }
    /* (one initialiser, the rest zero: cheaper than a memset and stores) */
    *k = (tokkey){.raw = raw, .rawlen = n, .fold = fold, .foldlen = fl, .spare = p,
                  .word1 = (uint8_t)borrow, .common = -1, .prefix = -1, .name = -1,
                  .poss_none = -1};
    if (mm && mm->n * 2 < mm->mask) {
        mm->slot[slot] = k;
        mm->n++;
    }
    return ti->key = k;
}



const char *gf_tok_part_new(const ctx *c, tokkey *k, int v, size_t *len)
{
    int more = v >> 1, emitted = v & 1;
    char *out = k->spare ? k->spare : sr_arena_alloc(c->a, k->foldlen + 1);
    if (!out)
        return NULL;
    k->spare = NULL;
    /* a borrowed fold is one ASCII word: geo_key_words in short */
    size_t kl = !k->word1 ? geo_key_words(k->fold, k->foldlen, more, emitted, out, k->foldlen + 1)
                : more && geo_is_article(k->fold, k->foldlen) ? 0
                : geo_key_word(k->fold, k->foldlen, emitted, out);
    if (kl > k->foldlen)
        return NULL;
    out[kl] = 0;
    k->part[v] = out;
    k->partlen[v] = kl;
    /* One word that is no article and cannot hide a fused one ("Ezzor")
     * has the same key part wherever it stands. */
    const char *f = k->fold;
    if (k->foldlen > 3 && (k->word1 || !memchr(f, ' ', k->foldlen)) &&
        !(k->foldlen >= 5 && (f[0] == 'a' || f[0] == 'e') && f[1] == f[2])) {
        for (int w = 0; w < 4; w++) {
            k->part[w] = out;
            k->partlen[w] = kl;
        }
    }
    *len = kl;
    return out;
}

uint64_t gf_fold_line(const ctx *c, size_t i, tokkey *k)
{
    size_t kl;
    const char *kp = gf_tok_part(c, i, 0, 0, &kl);
    if (!kp)
        return geo_fold_line(k->fold, k->foldlen);
    /* (the token's lookup, when made, hashed that key) */
    return !kl ? geo_hash64(k->fold, k->foldlen) : k->looked ? k->hash : geo_hash64(kp, kl);
}

static int fold_common(const ctx *c, size_t i)
{
    /* A token of ASCII letters and digits is its own fold, so the
     * stopword test is its cue-word flags, known already: "The", "He"
     * opening a sentence need no key. */
    const sr_token *t = &c->tok[i];
    int own = (t->flags & SR_TOK_ALNUM) && t->norm && t->norm_len == t->end - t->start;
    if (own && (c->ti[i].lex & LX_STOP))
        return 1;
    tokkey *k = gf_tok_key(c, i);
    if (!k)
        return 0;
    /* the stopword list first: it is in cache, the word table mostly not */
    if (k->common < 0)
        k->common = (int8_t)(((own ? c->ti[i].lex : geo_lex_flags(&c->d->g->lex, k->fold, k->foldlen)) &
                              LX_STOP) ||
                             (geo_fold_info_at(c->d->g, gf_fold_line(c, i, k), k->fold,
                                               k->foldlen) & GZ_W_WORD));
    return k->common;
}

/* Token i is capitalised (or inside a name) and a common English word:
 * looked up only when a decision needs it. */
int gf_common_word(const ctx *c, size_t i)
{
    tokinfo *ti = gf_tinfo(c, i);
    if (!ti->common_done) {
        ti->common_done = 1;
        ti->common = (ti->cap || ti->inner) && fold_common(c, i);
    }
    return ti->common;
}

/* Per sentence, what every token needs: capitals, hyphenated capitals and
 * whether a capital there may be only positional (sentence start, after a
 * quote, headline style).  The rest -- cue words, common words -- is
 * worked out by gf_classify_token for the few tokens recognition looks at:
 * most words are lower case and far from any name. */
size_t gf_first_pass(ctx *c, const sr_sentence *s)
{
    size_t words = 0, caps = 0, e = s->tok + s->ntok, nhot = 0;
    static const tokinfo zero;
    for (size_t i = s->tok; i < e; i++) {
        const sr_token *t = &c->tok[i];
        tokinfo *ti = &c->ti[i];
        uint32_t f = t->flags;
        *ti = zero;
        words += f & SR_TOK_WORD;
        if (f & (SR_TOK_CAP | SR_TOK_UPPER)) {
            caps++;
            ti->cap = 1;
        } else {
            /* the rest matters only for hyphenated words: "al-Raqqa",
             * "pro-Damascus" (never all ASCII letters and digits) */
            if ((f & (SR_TOK_WORD | SR_TOK_ALNUM)) != SR_TOK_WORD)
                continue;
            const char *raw = c->d->text + t->start;
            size_t n = t->end - t->start;
            if (n < 3 || !memchr(raw, '-', n))
                continue;
            if (raw[0] >= 'a' && raw[0] <= 'z' && gf_article_capital(raw, n)) {
                ti->cap = 1;
            } else {
                const char *h = raw + n;
                while (h > raw && h[-1] != '-')
                    h--;
                ti->hyphcap = h < raw + n && gf_is_upper(*h);
                if (ti->hyphcap)
                    c->hot[nhot++] = i;
                continue;
            }
        }
        c->hot[nhot++] = i;
        /* only a capital may be positional */
        if (i == s->tok) {
            ti->weakpos = 1;
        } else if (c->tok[i - 1].flags & SR_TOK_PUNCT) {
            char p = c->d->text[c->tok[i - 1].start];
            /* (a NUL byte counts, as it always has: strchr found it) */
            ti->weakpos = p == '"' || p == '\'' || p == '(' || p == ':' || p == 0;
        }
    }
    /* in headline style every capital is */
    if (words >= 4 && caps * 4 >= words * 3)
        for (size_t i = s->tok; i < e; i++)
            if (c->ti[i].cap)
                c->ti[i].weakpos = 1;
    return nhot;
}

/* Bytes that count as letters for noplace: ASCII letters and any byte of
 * a multibyte character. */
static const unsigned char letter_byte[256] = {
#define L8 1, 1, 1, 1, 1, 1, 1, 1
    ['A'] = L8, L8, L8, 1, 1, ['a'] = L8, L8, L8, 1, 1,
    [0x80] = L8, L8, L8, L8, L8, L8, L8, L8, L8, L8, L8, L8, L8, L8, L8, L8
#undef L8
};

void gf_classify_token(const ctx *c, size_t i)
{
    const sr_token *t = &c->tok[i];
    const char *raw = c->d->text + t->start;
    size_t n = t->end - t->start;
    tokinfo *ti = &c->ti[i];
    uint32_t lex = t->norm ? geo_lex_flags(&c->d->g->lex, t->norm, t->norm_len) : 0;
    int cap = ti->cap;
    ti->full = 1;
    ti->lex = lex;
    ti->conn = !cap && (lex & LX_CONN);
    ti->inner = cap | ti->conn | ti->hyphcap;
    ti->title = (lex & LX_TITLE) != 0;
    ti->qual = (lex & LX_QUAL) != 0;
    ti->stop = (lex & LX_STOP) != 0;
    /* noplace is read only inside a run of capitalised and inner words
     * (match_run, judge, the person and fuzzy tests): a word that can be
     * in none keeps 0, unread */
    if (!ti->inner)
        return;
    /* (most tokens open with two letters) */
    size_t letters = n >= 2 ? letter_byte[(unsigned char)raw[0]] + letter_byte[(unsigned char)raw[1]]
                     : n ? letter_byte[(unsigned char)raw[0]] : 0;
    for (size_t k = 2; k < n && letters < 2; k++)
        letters += letter_byte[(unsigned char)raw[k]];
    /* "La" is an article, "La." Louisiana */
    ti->noplace = (lex & (LX_STOP | LX_TITLE | LX_QUAL | LX_CAL)) || letters < 2 ||
                  ((lex & LX_CONN) && !(t->end < c->d->len && c->d->text[t->end] == '.'));
}

void gf_put_key(gf_key *keyout, const char *key, size_t kl, uint64_t h)
{
    if (!keyout)
        return;
    size_t m = kl < 47 ? kl : 47;
    memcpy(keyout->s, key, m);
    keyout->s[m] = 0;
    keyout->hash = kl <= 47 ? h : geo_hash64(key, m);
}

const gz_post *gf_lookup(const ctx *c, size_t start, size_t end, size_t *n, gf_key *keyout)
{
    char key[GEO_KEY_MAX];
    *n = 0;
    if (end - start > GEO_NAME_MAX)
        return NULL;
    size_t kl = geo_key(c->d->text + start, end - start, key, sizeof key);
    if (!kl || kl >= sizeof key)
        return NULL;
    uint64_t h = geo_hash64(key, kl);
    const gz_post *p = geo_lookup_hashed(c->d->g, h, n);
    if (p)
        gf_put_key(keyout, key, kl, h);
    return p;
}

const gz_post *gf_lookup_token(const ctx *c, size_t k, size_t *n, gf_key *keyout)
{
    *n = 0;
    if (c->tok[k].end - c->tok[k].start > GEO_NAME_MAX)
        return NULL;
    tokkey *tk = gf_tok_key(c, k);
    size_t kl;
    const char *key = gf_tok_part(c, k, 0, 0, &kl);
    if (!key)
        return NULL;
    if (!tk->looked) {
        tk->post = NULL;
        if (kl) {
            tk->hash = geo_hash64(key, kl);
            tk->post = geo_lookup_hashed(c->d->g, tk->hash, &tk->npost);
        }
        tk->looked = 1;
    }
    *n = tk->npost;
    if (tk->post)
        gf_put_key(keyout, key, kl, tk->hash);
    return tk->post;
}

const gz_post *gf_lookup_span(const ctx *c, size_t k, size_t j, size_t *n, gf_key *keyout)
{
    *n = 0;
    if (c->tok[j].end - c->tok[k].start > GEO_NAME_MAX)
        return NULL;
    char buf[GEO_KEY_MAX];
    size_t kl = 0;
    uint64_t h1 = 0;   /* geo_hash64 of the key's first word, when known */
    size_t w1 = 0;     /* its length */
    for (size_t i = k; i <= j; i++) {
        if (i < j && c->tok[i].end == c->tok[i + 1].start)
            return gf_lookup(c, c->tok[k].start, c->tok[j].end, n, keyout);
        size_t pl;
        const char *part = gf_tok_part(c, i, i < j, kl > 0, &pl);
        if (!part || kl + pl + 1 >= sizeof buf)
            return NULL;
        if (!pl)
            continue;
        if (!kl) {
            /* the key's first word: its hash known when name_words asked */
            const tokkey *tk = c->ti[i].key;
            const char *sp = tk->word1 ? NULL : memchr(part, ' ', pl);
            w1 = sp ? (size_t)(sp - part) : pl;
            if (i == k && tk->prefix >= 0)
                h1 = tk->hash1;
        }
        if (kl)
            buf[kl++] = ' ';
        memcpy(buf + kl, part, pl);
        kl += pl;
    }
    if (!kl)
        return NULL;
    uint64_t h = geo_hash64(buf, kl);
    /* most spans name nothing: their first word's line, read already,
     * says so (a key of one word is in no other filter) */
    if (w1 < kl && !geo_filter_may_at(c->d->g, h1 ? h1 : geo_hash64(buf, w1), h))
        return NULL;
    const gz_post *p = geo_lookup_hashed(c->d->g, h, n);
    if (p)
        gf_put_key(keyout, buf, kl, h);
    return p;
}
