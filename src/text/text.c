#include "text_int.h"

#include <stdint.h>
#include <string.h>

/* Letters and digits are what titles are compared on (bytes of UTF-8
 * sequences count as letters). */
static int alnum_byte(char c)
{
    return (unsigned char)c >= 0x80 || ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9');
}

static char fold_byte(char c) { return (unsigned char)c < 0x80 && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

/* Matches all of b against the start of a on their letters and digits
 * only, case-blind, so a title repeated with other punctuation or
 * spacing still matches: the bytes of a it took, or SIZE_MAX when a
 * differs or ends first; *seen the letters and digits matched. */
static size_t loose_open(const char *a, size_t na, const char *b, size_t nb, size_t *seen)
{
    size_t i = 0, j = 0;
    *seen = 0;
    for (;;) {
        while (j < nb && !alnum_byte(b[j]))
            j++;
        if (j == nb)
            return i;
        while (i < na && !alnum_byte(a[i]))
            i++;
        if (i == na || fold_byte(a[i]) != fold_byte(b[j]))
            return SIZE_MAX;
        i++, j++, (*seen)++;
    }
}

/* a and b are the same title. */
static int loose_equal(const char *a, size_t na, const char *b, size_t nb)
{
    size_t seen, i = loose_open(a, na, b, nb, &seen);
    if (i == SIZE_MAX)
        return 0;
    while (i < na && !alnum_byte(a[i]))
        i++;
    return i == na && seen > 0;
}

/* The bytes of a that title b opens, up to the end of a word of a; 0 when
 * a does not open with b, or b is too short to be told from a story's own
 * opening words ("Syria strikes" does not open "Syrian strikes kill 45"). */
static size_t loose_prefix(const char *a, size_t na, const char *b, size_t nb)
{
    size_t seen, i = loose_open(a, na, b, nb, &seen);
    return i != SIZE_MAX && seen >= 20 && (i == na || !alnum_byte(a[i])) ? i : 0;
}

static int add_span(sr_arena *a, struct sr_text *t, size_t s, size_t e, const char *why)
{
    sr_span *sp = sr_vec_push(&t->boiler, a, sizeof *sp);
    if (!sp)
        return SR_ENOMEM;
    sp->start = s;
    sp->end = e;
    sp->why = why;
    return SR_OK;
}

/* A "sentence" of thousands of tokens is no sentence (a table, a list,
 * text without punctuation): it is cut into pieces of MAX_SENTENCE tokens
 * so that later stages, which may look across a whole sentence, stay
 * linear in the document.  No text is dropped. */
enum { MAX_SENTENCE = 400 };

static int cut_runaways(sr_arena *a, struct sr_text *t)
{
    sr_sentence *ss = t->sentences.items;
    size_t n = t->sentences.len, extra = 0;
    for (size_t i = 0; i < n; i++)
        if (ss[i].ntok > MAX_SENTENCE)
            extra += (ss[i].ntok - 1) / MAX_SENTENCE;
    if (!extra)
        return SR_OK;
    sr_sentence *out = sr_arena_alloc(a, (n + extra) * sizeof *out);
    if (!out)
        return SR_ENOMEM;
    const sr_token *tk = t->tokens.items;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (ss[i].ntok <= MAX_SENTENCE) {
            out[k++] = ss[i];
            continue;
        }
        for (size_t f = 0; f < ss[i].ntok; f += MAX_SENTENCE) {
            size_t nt = ss[i].ntok - f < MAX_SENTENCE ? ss[i].ntok - f : MAX_SENTENCE;
            sr_sentence *o = &out[k++];
            o->tok = ss[i].tok + f;
            o->ntok = nt;
            o->start = f ? tk[o->tok].start : ss[i].start;
            o->end = f + nt < ss[i].ntok ? tk[o->tok + nt - 1].end : ss[i].end;
        }
    }
    t->sentences.items = out;
    t->sentences.len = t->sentences.cap = k;
    return SR_OK;
}

/* ---- a site's keyword list run into the story --------------------------
 *
 * "... on Thursday. Tags Syria Raqqa Aleppo Russia United Nations human
 * rights Islamic State ISIS At least 30 people were killed by ...": pages
 * flattened to one line glue a "Tags" list to the next sentence, whose
 * actors and places then come from the list.  The list has no function
 * words of its own, except inside names ("Network for Human Rights"), so
 * the story starts at the first function word that is not between two
 * capitalised words: there when it is capitalised itself ("At least"),
 * else at the capitalised word or number that opens the lower-case words
 * before it ("... conflict Two children were killed"). */
static int function_word(const sr_token *tk)
{
    static const char *const words[] = {
        "a", "after", "against", "amid", "an", "and", "are", "as", "at", "be", "been",
        "before", "between", "but", "by", "can", "could", "during", "for", "from", "had",
        "has", "have", "he", "her", "his", "in", "into", "is", "it", "its", "near", "of", "on",
        "or", "over", "said", "says", "she", "since", "than", "that", "the", "their", "there",
        "these", "they", "this", "those", "to", "told", "under", "was", "were", "when",
        "which", "while", "who", "whose", "will", "with", "would"};
    if (!(tk->flags & SR_TOK_WORD) || tk->norm_len > 7)
        return 0;
    size_t lo = 0, hi = sizeof words / sizeof *words;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(tk->norm, words[mid]);
        if (!c)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* Tokens [0, k) of the sentence at tk (n tokens) when they are a keyword
 * list, or 0. */
static size_t tag_list(const sr_token *tk, size_t n)
{
    if (n < 3 || (tk[0].flags & (SR_TOK_CAP | SR_TOK_WORD)) != (SR_TOK_CAP | SR_TOK_WORD) ||
        strcmp(tk[0].norm, "tags"))
        return 0;
    size_t first = 1;
    if (tk[1].flags & SR_TOK_PUNCT) {
        if (tk[1].end - tk[1].start != 1 || tk[1].norm[0] != ':')
            return 0;
        first = 2;
    }
    if (first >= n || (tk[first].flags & (SR_TOK_CAP | SR_TOK_WORD)) != (SR_TOK_CAP | SR_TOK_WORD))
        return 0;
    for (size_t i = first; i < n; i++) {
        /* A list holds names and nouns: a comma or a quote is a sentence's. */
        if ((tk[i].flags & SR_TOK_PUNCT) && i + 1 < n &&
            !(tk[i].end - tk[i].start == 1 && strchr("-()'", tk[i].norm[0])))
            return 0;
        if (!function_word(&tk[i]))
            continue;
        if (tk[i].flags & SR_TOK_CAP)
            return i > first ? i : 0;
        if (i > first && i + 1 < n && (tk[i - 1].flags & SR_TOK_CAP) &&
            (tk[i + 1].flags & SR_TOK_CAP))
            continue;
        size_t j = i;
        while (j > first && (tk[j - 1].flags & (SR_TOK_WORD | SR_TOK_CAP)) == SR_TOK_WORD)
            j--;
        if (j <= first || !(tk[j - 1].flags & (SR_TOK_CAP | SR_TOK_NUM)))
            return 0;
        return j - 1 > first ? j - 1 : 0;
    }
    /* No sentence after it: the whole of it is the list. */
    return n;
}

/* Whether the text s (n bytes) holds the phrase w (its length wn >= 2). */
static int has_phrase(const char *s, size_t n, const char *w, size_t wn)
{
    const char *end = s + n;
    for (const char *p = s;
         (size_t)(end - p) >= wn && (p = memchr(p, w[0], (size_t)(end - p) - wn + 1)); p++)
        if (!memcmp(p, w, wn))
            return 1;
    return 0;
}

/* A news site's share line run into the text: "Get short URL", then the
 * story's topic ("Topic US Missile Attack on Syrian Air Base (200)") and
 * its counts of views and comments ("0 55").  The tokens it takes from
 * tk (n tokens), or 0 when it does not start there. */
static size_t short_url(const sr_token *tk, size_t n)
{
    if (n < 3 || tk[0].norm_len != 3 || memcmp(tk[0].norm, "get", 3) ||
        tk[1].norm_len != 5 || memcmp(tk[1].norm, "short", 5) || tk[2].norm_len != 3 ||
        memcmp(tk[2].norm, "url", 3))
        return 0;
    size_t k = 3;
    if (k < n && tk[k].norm_len == 5 && !memcmp(tk[k].norm, "topic", 5)) {
        /* (to the bracketed count that ends the topic, not far) */
        size_t j = k + 1;
        while (j < n && j < k + 24 && tk[j].norm[0] != ')')
            j++;
        if (j < n && tk[j].norm[0] == ')')
            k = j + 1;
    }
    for (int c = 0; c < 2 && k < n && (tk[k].flags & SR_TOK_NUM) && !(tk[k].flags & SR_TOK_WORD);
         c++)
        k++;
    return k;
}

/* A headline run into its story with no mark between: a count in
 * capitals after a lower-case word and before another ("... terrorist
 * attacks in Aleppo city Four people one of them a child were killed"),
 * which starts a sentence, as a count mid-sentence is not written so.
 * Not after words that take a name with a count ("the Big Four", "Group
 * of Eight").  Where the story's sentence starts, or 0. */
static size_t mid_count(const sr_token *tk, size_t n)
{
    /* (sorted, for IN) */
    static const char *const counts[] = {
        "dozens", "eight", "eleven", "five", "four", "hundreds", "nine", "scores",
        "seven", "several", "six", "ten", "thousands", "three", "twelve", "two"};
    static const char *const names[] = {"and", "big", "fantastic", "final", "for", "group",
                                        "of", "or", "the", "to", "top"};
    enum { CW = SR_TOK_CAP | SR_TOK_WORD };
    /* (the counts' first letters, as bits of their place in the alphabet) */
    enum { COUNT_FIRST = 1u << ('t' & 31) | 1u << ('f' & 31) | 1u << ('s' & 31) |
                         1u << ('e' & 31) | 1u << ('n' & 31) | 1u << ('d' & 31) |
                         1u << ('h' & 31) };
    /* (a capitalised word between two lower-case ones first: one test of
     * three tokens' flags turns most words away) */
    for (size_t i = 4; i + 1 < n; i++) {
        const sr_token *t = &tk[i];
        if ((t->flags & (CW | SR_TOK_UPPER)) != CW || (tk[i - 1].flags & CW) != SR_TOK_WORD ||
            (tk[i + 1].flags & CW) != SR_TOK_WORD || t->norm_len < 3 || t->norm_len > 9 ||
            !((1u << (t->norm[0] & 31)) & COUNT_FIRST) || !IN(t->norm, counts) ||
            IN(tk[i - 1].norm, names))
            continue;
        return i;
    }
    return 0;
}

static size_t mid_list(const sr_token *tk, size_t n, int tags, int urls);

/* Where a sentence is cut in two: a share line's or a keyword list's
 * start, else a count's that starts a story (mid_count), whichever comes
 * first.  (Every sentence is searched for a count: a roundup's stories
 * each have their headline.) */
static size_t mid_tags(const sr_token *tk, size_t n, int tags, int urls)
{
    size_t c = mid_count(tk, n), l = tags || urls ? mid_list(tk, n, tags, urls) : 0;
    return l && (!c || l < c) ? l : c;
}

/* Where a share line (short_url) or a keyword list starts inside the sentence at tk (n tokens): a
 * capitalised "Tags" after a lower-case word or a number ("... the
 * war-torn city Tags Syria Aleppo ... Eleven people were killed"), or 0.
 * Names end in capitalised words ("Dog Tags"). */
static size_t mid_list(const sr_token *tk, size_t n, int tags, int urls)
{
    for (size_t i = 1; urls && i + 2 < n; i++)
        if (tk[i].norm_len == 3 && (tk[i].flags & SR_TOK_CAP) && short_url(tk + i, n - i))
            return i;
    for (size_t i = 1; tags && i + 2 < n; i++)
        if (tk[i].norm_len == 4 && (tk[i].flags & SR_TOK_CAP) && !memcmp(tk[i].norm, "tags", 4) &&
            (tk[i - 1].flags & (SR_TOK_CAP | SR_TOK_NUM | SR_TOK_WORD)) != (SR_TOK_CAP | SR_TOK_WORD) &&
            !(tk[i - 1].flags & SR_TOK_PUNCT) && tag_list(tk + i, n - i))
            return i;
    return 0;
}

/* Drops a keyword list that opens sentence *cur (when the text has one),
 * then keeps what is left in dst[*keep] unless it is boilerplate (checked
 * already when checked). */
static int keep_sentence(sr_arena *a, struct sr_text *t, sr_sentence *cur, int checked,
                         int tags, int urls, sr_sentence *dst, size_t *keep)
{
    const sr_token *tk = (const sr_token *)t->tokens.items + cur->tok;
    const char *why;
    int rc;
    size_t k = tags ? tag_list(tk, cur->ntok) : 0;
    const char *what = "tag list";
    if (!k && urls) {
        k = short_url(tk, cur->ntok);
        what = "share line";
    }
    if (k == cur->ntok)
        return add_span(a, t, cur->start, cur->end, what);
    if (k) {
        if ((rc = add_span(a, t, cur->start, tk[k - 1].end, what)))
            return rc;
        cur->start = tk[k].start;
        cur->tok += k;
        cur->ntok -= k;
    }
    if (!(checked && !k) &&
        sr_text_is_boilerplate(t->text + cur->start, cur->end - cur->start, &why))
        return add_span(a, t, cur->start, cur->end, why);
    dst[(*keep)++] = *cur;
    return SR_OK;
}

/* Tokenises and splits one region that has no boilerplate line inside. */
static int region(sr_arena *a, struct sr_text *t, size_t from, size_t to)
{
    if (from >= to)
        return SR_OK;
    size_t first = t->tokens.len;
    int rc = text_tokenize(a, t, from, to);
    if (rc)
        return rc;
    return text_split(a, t, first);
}

int sr_text_analyze(sr_arena *a, const char *text, size_t len, const char *title,
                    size_t title_len, sr_text **out, sr_error *err)
{
    struct sr_text *t = sr_arena_calloc(a, 1, sizeof *t);
    if (!t)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    t->text = text;
    t->len = len;
    /* News runs about one token per five bytes: room for that up front
     * saves the copies of growing by doubling. */
    size_t guess = len / 5 + 16;
    if (guess < ((size_t)1 << 24) && (t->tokens.items = sr_arena_alloc(a, guess * sizeof(sr_token))))
        t->tokens.cap = guess;
    int rc, first_line = 1;
    size_t region_start = 0, ls = 0;
    /* The lines found to be no boilerplate, in order: a sentence that is
     * a whole line (a one-sentence paragraph) has had its answer. */
    sr_vec clean = {NULL, 0, 0};
    /* Whole boilerplate lines go first, so they never glue two sentences. */
    while (ls < len) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        size_t s = ls, e = le;
        while (s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\r'))
            s++;
        while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r'))
            e--;
        if (s < e) {
            const char *why = NULL;
            size_t tp = 0;
            if (first_line && title && loose_equal(text + s, e - s, title, title_len))
                why = "title repeated";
            else if (first_line && title && (tp = loose_prefix(text + s, e - s, title, title_len)))
                ;   /* the title run into the story's first sentence */
            else if (!sr_text_is_boilerplate(text + s, e - s, &why))
                why = NULL;
            first_line = 0;
            if (tp) {
                /* "Syria strikes kill 45 after rebel fire on Damascus
                 * Monitor AFP Thursday 5 Feb 2015 At least 45 people ...":
                 * the repeated title goes as a whole first line does, and
                 * the story starts after it */
                if ((rc = region(a, t, region_start, ls)) ||
                    (rc = add_span(a, t, s, s + tp, "title repeated")))
                    goto fail;
                region_start = s + tp;
                ls = le + 1;
                continue;
            }
            if (why) {
                if ((rc = region(a, t, region_start, ls)) || (rc = add_span(a, t, s, e, why)))
                    goto fail;
                region_start = le;
            } else {
                sr_span *c = sr_vec_push(&clean, a, sizeof *c);
                if (!c) {
                    rc = SR_ENOMEM;
                    goto fail;
                }
                c->start = s;
                c->end = e;
            }
        }
        ls = le + 1;
    }
    if ((rc = region(a, t, region_start, len)) || (rc = cut_runaways(a, t)))
        goto fail;
    /* Sentence-level pass: boilerplate run into the body without a line
     * break.  A keyword list inside a sentence cuts it in two, so the
     * sentences are written anew when there is one. */
    sr_sentence *ss = t->sentences.items;
    size_t nsent = t->sentences.len, cuts = 0;
    const sr_token *toks = t->tokens.items;
    /* (most documents have no list: one search of the text says so) */
    int tags = has_phrase(text, len, "Tags", 4), urls = has_phrase(text, len, "Get short URL", 13);
    for (size_t i = 0; i < nsent; i++)
        cuts += mid_tags(toks + ss[i].tok, ss[i].ntok, tags, urls) != 0;
    sr_sentence *dst = ss;
    if (cuts && !(dst = sr_arena_alloc(a, (nsent + cuts) * sizeof *dst))) {
        rc = SR_ENOMEM;
        goto fail;
    }
    const sr_span *cl = clean.items;
    size_t keep = 0, c = 0;
    for (size_t i = 0; i < nsent; i++) {
        sr_sentence cur = ss[i];
        while (c < clean.len && cl[c].end < cur.end)
            c++;
        /* A sentence that is a whole line has had the boilerplate check. */
        int whole = c < clean.len && cl[c].start == cur.start && cl[c].end == cur.end;
        size_t m = cuts ? mid_tags(toks + cur.tok, cur.ntok, tags, urls) : 0;
        if (m) {
            /* The words before the list are a sentence of their own. */
            sr_sentence head = cur;
            head.ntok = m;
            head.end = toks[cur.tok + m - 1].end;
            if ((rc = keep_sentence(a, t, &head, 0, tags, urls, dst, &keep)))
                goto fail;
            cur.tok += m;
            cur.ntok -= m;
            cur.start = toks[cur.tok].start;
        }
        if ((rc = keep_sentence(a, t, &cur, whole && !m, tags, urls, dst, &keep)))
            goto fail;
    }
    t->sentences.items = dst;
    t->sentences.cap = cuts ? nsent + cuts : t->sentences.cap;
    t->sentences.len = keep;
    *out = t;
    return SR_OK;
fail:
    return sr_error_set(err, rc, NULL, 0, 0, "%s", sr_errmsg(rc));
}

const sr_sentence *sr_text_sentences(const sr_text *t, size_t *n)
{
    *n = t->sentences.len;
    return t->sentences.items;
}

const sr_token *sr_text_tokens(const sr_text *t, size_t *n)
{
    *n = t->tokens.len;
    return t->tokens.items;
}

const sr_span *sr_text_boilerplate(const sr_text *t, size_t *n)
{
    *n = t->boiler.len;
    return t->boiler.items;
}
