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

/* The bytes s[0..n) (n <= 16) as two overlapping loads of 8 or 4 bytes
 * (its bytes, when shorter), which with n determine them: a spelling or
 * key part compared without a call (library calls cost more than the
 * bytes moved: the spans' keys alone made ten thousand calls a copy of
 * FA-KES). */
static inline uint64_t short_words(const char *s, size_t n, uint64_t *last)
{
    const unsigned char *u = (const unsigned char *)s;
    uint64_t a = 0, b = 0;
    if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
    } else if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + n - 4, 4);
        a = x | (uint64_t)y << 32;
    } else if (n) {
        a = u[0] | (uint64_t)u[n / 2] << 8 | (uint64_t)u[n - 1] << 16;
    }
    *last = b;
    return a;
}

static inline int same_short(const char *x, const char *y, size_t n)
{
    if (n > 16)
        return !memcmp(x, y, n);
    uint64_t xl, yl;
    return short_words(x, n, &xl) == short_words(y, n, &yl) && xl == yl;
}

/* ... and copied, without a call: stores of the same loads. */
static inline void copy_short(char *d, const char *s, size_t n)
{
    if (n > 16) {
        memcpy(d, s, n);
    } else if (n < 4) {
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    } else if (n >= 8) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
    }
}

/* What a spelling's token key learns that depends on the spelling and
 * the gazetteer alone -- its key, the names its key word opens, its
 * lookup, whether it is a common word or a given name, whether its
 * possessive stem names nothing -- is kept per thread across documents
 * for the spellings whose key is one word the same wherever it stands
 * (gf_tok_part_new): a plain word of 4 to 16 ASCII letters and digits
 * without a fused article.  Stories name the same places, people and
 * words again (of the distinct capitalised spellings of a story, some
 * two in three were in the stories before it, on distinct documents),
 * and each costs its key word, a word-table line and a key-table line.
 * An entry is one cache line, direct-mapped, tagged with the gazetteer
 * opening's serial; a document writes back what it learnt at its end.
 * 4,096 entries (256 KB): with 2,048, a kept spelling of distinct
 * documents was pushed out by another before it came again more often
 * (uniq -0.2M instructions, FA-KES -0.1M). */
enum { SK_BITS = 12, SK_SLOTS = 1 << SK_BITS, SK_MAX = 16 };
typedef struct spellkept {
    uint64_t w[2];         /* the spelling (short_words) */
    const gz_post *post;   /* its lookup, when looked */
    uint64_t hash;         /* geo_hash64 of its key, when hashed */
    uint32_t npost;
    uint32_t serial;       /* the gazetteer's serial; 0: empty */
    char key[SK_MAX];      /* its key, NUL-padded */
    uint8_t len, keylen;
    uint8_t looked, hashed;
    int8_t prefix, common, name, poss_none;   /* -1: not known */
} spellkept;
_Static_assert(sizeof(spellkept) == 64, "an entry is one cache line");
/* The thread's entries, mapped on first use (geo_thread_table), with a
 * byte of each entry's spelling hash (0: none), so that a spelling whose
 * entry holds another is told so without reading the entry (4 KB stay in
 * cache where 256 KB do not; a third of the spellings of distinct
 * documents are not kept). */
typedef struct spelltab {
    spellkept kept[SK_SLOTS];
    uint8_t print[SK_SLOTS];
} spelltab;
static _Thread_local spelltab *spell_tab;

/* What a key knows of what an entry keeps, as bits. */
static inline unsigned known_mask(const tokkey *k)
{
    return (k->prefix >= 0) | k->looked << 1 | (k->common >= 0) << 2 | (k->name >= 0) << 3 |
           (k->poss_none > 0 && !k->poss_cand) << 4;
}

/* The thread's serial tag of the gazetteer, 0 when it cannot be kept. */
static inline uint32_t kept_serial(const ctx *c)
{
    uint64_t s = c->d->g->serial;
    return s <= UINT32_MAX ? (uint32_t)s : 0;
}

/* Fills the new key k (its room for a part at p) from its entry e when
 * e keeps its spelling. */
static void kept_fill(tokkey *k, const spellkept *e, uint32_t serial, char *p)
{
    uint64_t w[2];
    w[0] = short_words(k->raw, k->rawlen, &w[1]);
    if (e->serial != serial || e->len != k->rawlen || e->w[0] != w[0] || e->w[1] != w[1])
        return;
    copy_short(p, e->key, SK_MAX < k->foldlen + 1 ? SK_MAX : k->foldlen + 1);
    p[e->keylen] = 0;
    k->part[0] = k->part[1] = k->part[2] = k->part[3] = p;
    k->partlen[0] = k->partlen[1] = k->partlen[2] = k->partlen[3] = e->keylen;
    k->spare = NULL;
    k->prefix = e->prefix;
    if (e->hashed)
        k->hash1 = k->hash = e->hash;
    if (e->looked) {
        k->looked = 1;
        k->post = e->post;
        k->npost = e->npost;
        /* (as the lookup would: its postings or record are read next) */
        if (e->post)
            __builtin_prefetch(e->post);
    }
    k->common = e->common;
    k->name = e->name;
    k->poss_none = e->poss_none;
    k->kept_hit = 1;
    k->kept_known = (uint8_t)known_mask(k);
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
    uint64_t rh = geo_hash64(raw, n);
    if (mm) {
        for (slot = (uint32_t)rh & mm->mask; mm->slot[slot]; slot = (slot + 1) & mm->mask) {
            tokkey *k = mm->slot[slot];
            if (k->rawlen == n && same_short(k->raw, raw, n))
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
    tokkey *k = sr_arena_alloc(c->ta, sizeof *k + (borrow ? 0 : fl + 1) + fl + 1);
    if (!k)
        return NULL;
    char *p = (char *)(k + 1);
    const char *fold = t->norm;
    if (!borrow) {
        memcpy(p, f, fl + 1);
        fold = p;
        p += fl + 1;
    }
    /* Only the fields read before they are written: the rest (the
     * lookup's, the candidates', the shape's, the possessive's answers)
     * are read only behind the flag or pointer that says they are set.
     * (A whole initialiser zeroed the 216 bytes with `rep stos`, a good
     * part of the spelling's cost.) */
    k->raw = raw;
    k->rawlen = n;
    k->fold = fold;
    k->foldlen = fl;
    k->part[0] = k->part[1] = k->part[2] = k->part[3] = NULL;
    k->spare = p;
    k->word1 = (uint8_t)borrow;
    k->common = k->prefix = k->name = k->poss_none = -1;
    k->looked = 0;
    k->cand = NULL;
    k->poss_cand = NULL;
    k->shaped = 0;
    k->kept = 0;
    k->kept_hit = 0;
    /* (the condition under which gf_tok_part_new makes one part for all
     * four places a word may stand in) */
    uint32_t serial;
    if (borrow && n > 3 && n <= SK_MAX &&
        !(n >= 5 && (fold[0] == 'a' || fold[0] == 'e') && fold[1] == fold[2]) &&
        (serial = kept_serial(c)) != 0 &&
        (spell_tab || geo_thread_table((void **)&spell_tab, sizeof *spell_tab))) {
        size_t es = rh >> (64 - SK_BITS);
        uint8_t fp = (uint8_t)(rh >> (56 - SK_BITS));
        k->kept = (uint16_t)(1 + es);   /* its slot + 1 */
        k->kept_print = fp ? fp : 1;
        if (spell_tab->print[es] == k->kept_print)
            kept_fill(k, &spell_tab->kept[es], serial, p);
    }
    if (mm && mm->n * 2 < mm->mask) {
        mm->slot[slot] = k;
        mm->n++;
        if (k->kept) {
            k->kept_next = mm->kept;
            mm->kept = k;
        }
    }
    return ti->key = k;
}

void gf_keep_spellings(const ctx *c)
{
    const tokmemo *mm = c->memo;
    uint32_t serial = kept_serial(c);
    if (!mm || !serial)
        return;
    for (const tokkey *k = mm->kept; k; k = k->kept_next) {
        /* (one filled from its entry that learnt nothing since need not
         * touch it) */
        if (!k->part[0] || (k->kept_hit && known_mask(k) == k->kept_known))
            continue;
        /* (the whole entry from the key, read of it nothing: a key filled
         * from its entry knows all it did) */
        spellkept *e = &spell_tab->kept[k->kept - 1];
        spell_tab->print[k->kept - 1] = k->kept_print;
        e->w[0] = short_words(k->raw, k->rawlen, &e->w[1]);
        e->serial = serial;
        e->len = (uint8_t)k->rawlen;
        memset(e->key, 0, sizeof e->key);
        copy_short(e->key, k->part[0], k->partlen[0]);
        e->keylen = (uint8_t)k->partlen[0];
        e->looked = k->looked;
        if (k->looked) {
            e->post = k->post;
            e->npost = (uint32_t)k->npost;
        }
        e->hashed = k->prefix >= 0 || (k->looked && k->partlen[0]);
        if (e->hashed)
            e->hash = k->prefix >= 0 ? k->hash1 : k->hash;
        e->prefix = k->prefix;
        e->common = k->common;
        e->name = k->name;
        e->poss_none = k->poss_none > 0 && !k->poss_cand ? 1 : -1;
    }
}

/* Which of the two things a key part depends on (geo_key_words) the
 * folded words f[0..fl) make it depend on: bit 0, words before it (an
 * article fused to its first word, "Ezzor", goes only inside a name),
 * bit 1, words after it (an article last, "Ras al", goes only before
 * more).  A part of neither ("Damascus", "Deir al Zor", "UN") is one for
 * all four places a token may stand in, made once (the fused article's
 * test is geo_key_word's). */
static unsigned part_depends(const tokkey *k)
{
    const char *f = k->fold;
    size_t fl = k->foldlen;
    /* (an article has two or three letters: a longer word is none) */
    if (k->word1)
        return fl > 3 ? geo_fused_article(f, fl) != 0 : geo_is_article(f, fl) ? 3 : 0;
    const char *e = f + fl, *ls = e;
    while (ls > f && ls[-1] != ' ')
        ls--;
    if (geo_is_article(ls, (size_t)(e - ls)))
        return 3;
    /* the first word kept: the first that is no article (the last is none) */
    const char *p = f;
    for (;;) {
        const char *q = p;
        while (q < e && *q != ' ')
            q++;
        size_t n = (size_t)(q - p);
        if (q == e || !geo_is_article(p, n))
            return geo_fused_article(p, n) != 0;
        p = q + 1;
    }
}

const char *gf_tok_part_new(const ctx *c, tokkey *k, int v, size_t *len)
{
    int more = v >> 1, emitted = v & 1;
    char *out = k->spare ? k->spare : sr_arena_alloc(c->ta, k->foldlen + 1);
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
    /* the part stands for every place whose difference it ignores */
    unsigned dep = part_depends(k);
    if (!dep) {
        for (int w = 0; w < 4; w++) {
            k->part[w] = out;
            k->partlen[w] = kl;
        }
    } else {
        k->part[v] = out;
        k->partlen[v] = kl;
        if (dep != 3) {
            k->part[v ^ (dep ^ 3)] = out;
            k->partlen[v ^ (dep ^ 3)] = kl;
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

/* Looked up only when a decision needs it. */
int gf_common_word_new(const ctx *c, size_t i)
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
/* A function word that title case writes in lower case ("in", "to",
 * "of", "the", "from" ...).  (By length and letters: the list's compares
 * cost the first pass 1% of a run.) */
static int title_case_small(const sr_token *t)
{
    const char *w = t->norm;
    if (!w)
        return 0;
    switch (t->norm_len) {
    case 1:
        return w[0] == 'a';
    case 2:
        switch (w[0]) {
        case 'o': return w[1] == 'f' || w[1] == 'n' || w[1] == 'r';
        case 'i': return w[1] == 'n';
        case 'a': return w[1] == 'n' || w[1] == 't' || w[1] == 's';
        case 't': return w[1] == 'o';
        case 'b': return w[1] == 'y';
        case 'v': return w[1] == 's';
        default: return 0;
        }
    case 3:
        return !memcmp(w, "the", 3) || !memcmp(w, "for", 3) || !memcmp(w, "and", 3) ||
               !memcmp(w, "via", 3);
    case 4:
        return !memcmp(w, "from", 4) || !memcmp(w, "with", 4) || !memcmp(w, "into", 4) ||
               !memcmp(w, "over", 4) || !memcmp(w, "amid", 4) || !memcmp(w, "near", 4);
    default:
        return 0;
    }
}

size_t gf_first_pass(ctx *c, const sr_sentence *s)
{
    /* (a token's flags word read, its tokinfo's first 16 bytes cleared,
     * and the common lower-case word takes a test and a branch: its words
     * are counted after, when the capitals make the count matter; the
     * arrays in locals, which the stores cannot change) */
    const sr_token *tok = c->tok;
    tokinfo *tis = c->ti;
    size_t *hot = c->hot;
    const char *text = c->d->text;
    size_t caps = 0, nhot = 0, e = s->tok + s->ntok;
    for (size_t i = s->tok; i < e; i++) {
        const sr_token *t = &tok[i];
        uint32_t f = t->flags;
        tokinfo *ti = &tis[i];
        memset(ti, 0, 16);
        if (f & (SR_TOK_CAP | SR_TOK_UPPER)) {
            caps++;
            ti->cap = 1;
        } else {
            /* the rest matters only for hyphenated words: "al-Raqqa",
             * "pro-Damascus" (never all ASCII letters and digits) */
            if ((f & (SR_TOK_WORD | SR_TOK_ALNUM)) != SR_TOK_WORD)
                continue;
            const char *raw = text + t->start;
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
                    hot[nhot++] = i;
                continue;
            }
        }
        hot[nhot++] = i;
        /* only a capital may be positional */
        if (i == s->tok) {
            ti->weakpos = 1;
        } else if (t[-1].flags & SR_TOK_PUNCT) {
            char p = text[t[-1].start];
            /* (a NUL byte counts, as it always has: strchr found it) */
            ti->weakpos = p == '"' || p == '\'' || p == '(' || p == ':' || p == 0;
        }
    }
    /* In headline style every capital is: four words or more, three in
     * four capitalised (words >= 4 && caps * 4 >= words * 3, a capital
     * being a word), which needs three capitals and at most one
     * lower-case word for every three: counted until there are more.
     * Title case leaves its short function words in lower case ("Death
     * Toll in Blast Targeting Evacuees in Aleppo Rises to 70"): they do
     * not count. */
    if (caps >= 3) {
        size_t lower = 0;
        for (size_t i = s->tok; i < e && lower * 3 <= caps; i++)
            lower += (tok[i].flags & (SR_TOK_WORD | SR_TOK_CAP | SR_TOK_UPPER)) == SR_TOK_WORD &&
                     !title_case_small(&tok[i]);
        if (lower * 3 <= caps && caps + lower >= 4)
            for (size_t i = s->tok; i < e; i++)
                if (tis[i].cap)
                    tis[i].weakpos = 1;
    }
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

/* noplace of token i, which may stand inside a name (lex its flags). */
static __attribute__((noinline)) void classify_inner(const ctx *c, size_t i, uint32_t lex)
{
    const sr_token *t = &c->tok[i];
    const char *raw = c->d->text + t->start;
    size_t n = t->end - t->start;
    /* (most tokens open with two letters) */
    size_t letters = n >= 2 ? letter_byte[(unsigned char)raw[0]] + letter_byte[(unsigned char)raw[1]]
                     : n ? letter_byte[(unsigned char)raw[0]] : 0;
    for (size_t k = 2; k < n && letters < 2; k++)
        letters += letter_byte[(unsigned char)raw[k]];
    /* "La" is an article, "La." Louisiana */
    c->ti[i].noplace = (lex & (LX_STOP | LX_TITLE | LX_QUAL | LX_CAL)) || letters < 2 ||
                       ((lex & LX_CONN) && !(t->end < c->d->len && c->d->text[t->end] == '.')) ||
                       ((lex & LX_NUM) && !(i > 0 && c->ti[i - 1].cap));
}

void gf_classify_token(const ctx *c, size_t i)
{
    const sr_token *t = &c->tok[i];
    tokinfo *ti = &c->ti[i];
    uint32_t lex = t->norm ? geo_lex_flags(&c->d->g->lex, t->norm, t->norm_len) : 0;
    int cap = ti->cap;
    ti->full = 1;
    ti->lex = lex;
    ti->conn = !cap && (lex & LX_CONN);
    ti->inner = cap | ti->conn | ti->hyphcap;
    /* (a title or qualifier is told by lex & LX_TITLE, LX_QUAL) */
    /* noplace is read only inside a run of capitalised and inner words
     * (match_run, judge, the person and fuzzy tests): a word that can be
     * in none keeps 0, unread.  (Worked out apart: most tokens asked for
     * are lower-case words around a name, and this part's registers made
     * every call save and restore six.) */
    if (ti->inner)
        classify_inner(c, i, lex);
}

void gf_put_key(gf_key *keyout, const char *key, size_t kl, uint64_t h)
{
    if (!keyout)
        return;
    size_t m = kl < 47 ? kl : 47;
    copy_short(keyout->s, key, m);
    keyout->s[m] = 0;
    keyout->hash = kl <= 47 ? h : geo_hash64(key, m);
}

const gz_post *gf_lookup(const ctx *c, size_t start, size_t end, size_t *n, gf_key *keyout)
{
    char key[GEO_KEY_MAX];
    *n = 0;
    if (end - start > GEO_NAME_MAX)
        return NULL;
    /* A word of ASCII letters and digits ("Damascus" of "Damascus-based")
     * folds to itself in lower case and keys as one word: geo_key in
     * short, without its byte-by-byte fold. */
    const char *s = c->d->text + start;
    size_t m = end - start, i = 0;
    char low[GEO_NAME_MAX];
    for (; i < m; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 'a' && b <= 'z')
            low[i] = (char)b;
        else if (b >= 'A' && b <= 'Z')
            low[i] = (char)(b + 32);
        else if (b >= '0' && b <= '9')
            low[i] = (char)b;
        else
            break;
    }
    size_t kl = i == m && m ? geo_key_word(low, m, 0, key) : geo_key(s, m, key, sizeof key);
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
        copy_short(buf + kl, part, pl);
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
