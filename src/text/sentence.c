#include "text_int.h"

#include <stdlib.h>
#include <string.h>

/* Abbreviations that precede a name or number, never end a sentence. */
static const char *const prefix_abbrevs[] = {
    "adm.", "apr.", "aug.", "brig.", "capt.", "cdr.", "cmdr.", "col.", "cpl.", "dec.", "det.",
    "dr.", "feb.", "gen.", "gov.", "hon.", "insp.", "jan.", "jul.", "jun.", "lieut.", "lt.",
    "maj.", "mar.", "messrs.", "mr.", "mrs.", "ms.", "mt.", "no.", "nos.", "nov.", "oct.",
    "pres.", "prof.", "pt.", "pte.", "pvt.", "rep.", "reps.", "rev.", "sen.", "sens.", "sep.",
    "sept.", "sgt.", "st.", "supt.", "vs."};

/* Words that commonly open a sentence; after "U.S." or "a.m." one of these
 * signals a new sentence, while "U.S. President" does not. */
static const char *const starters[] = {
    "a", "after", "all", "also", "an", "and", "as", "at", "but", "by", "during", "earlier",
    "for", "he", "her", "his", "however", "i", "if", "in", "it", "its", "last", "later",
    "meanwhile", "most", "no", "on", "one", "others", "our", "she", "since", "so", "some",
    "that", "the", "their", "there", "these", "they", "this", "those", "to", "two", "under",
    "until", "we", "when", "while", "with", "witnesses", "yet"};


static int is_terminal(const sr_token *t)
{
    if (!(t->flags & SR_TOK_PUNCT))
        return 0;
    char c = t->norm[0];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    const unsigned char *u = (const unsigned char *)t->norm; /* U+2026, alone */
    return u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xA6 && !u[3];
}

static int is_closer(const sr_token *t)
{
    if (!(t->flags & SR_TOK_PUNCT))
        return 0;
    const char *n = t->norm;
    return (n[0] == '"' || n[0] == '\'' || n[0] == ')' || n[0] == ']') && n[1] == 0;
}

/* Is there a blank line (two line breaks) between byte offsets a and b? */
static int blank_line_between(const char *s, size_t a, size_t b)
{
    int nl = 0;
    for (size_t i = a; i < b; i++) {
        if (s[i] == '\n') {
            if (++nl == 2)
                return 1;
        } else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') {
            nl = 0;
        }
    }
    return 0;
}

static const char *const line_enders_not_headline[] = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "said",
    "says", "than", "that", "the", "to", "with"};

/* A line with no closing punctuation followed by a capitalised line is a
 * headline when it is the first line of its paragraph and short; wrapped
 * prose continues in lower case or ends on a function word. */
static int headline_break(const struct sr_text *t, const sr_token *tk, size_t first, size_t i)
{
    const sr_token *cur = &tk[i], *next = &tk[i + 1];
    if (!(next->flags & SR_TOK_NL_BEFORE) || !(next->flags & (SR_TOK_CAP | SR_TOK_NUM)))
        return 0;
    if (!(tk[first].flags & SR_TOK_NL_BEFORE))
        return 0;
    for (size_t k = first + 1; k <= i; k++)
        if (tk[k].flags & SR_TOK_NL_BEFORE)
            return 0;
    if (i - first + 1 > 25)
        return 0;
    if (cur->flags & SR_TOK_PUNCT) {
        char c = cur->norm[0];
        if (c == ',' || c == ':' || c == ';' || c == '-' || c == '(')
            return 0;
    }
    if (IN(cur->norm, line_enders_not_headline))
        return 0;
    /* "Gen.\nAhmad": a title or an initial wrapped onto the next line. */
    if ((cur->flags & SR_TOK_ABBREV) && (IN(cur->norm, prefix_abbrevs) || cur->norm_len == 2))
        return 0;
    (void)t;
    return 1;
}

/* "al-Nusra", "el-Sisi": a lower-case article before a capitalised name
 * opens a sentence like a capital does. */
static int article_name(const sr_token *t)
{
    const char *n = t->norm;
    size_t k = 0;
    while (k < 4 && n[k] >= 'a' && n[k] <= 'z')
        k++;
    if (k < 2 || k > 3 || n[k] != '-')
        return 0;
    return (n[0] == 'a' || n[0] == 'e') && !(t->flags & SR_TOK_CAP);
}

/* Tracks whether a double quote is open: curly quotes say which side they
 * are, straight ones toggle. */
static int quote_step(const struct sr_text *t, const sr_token *tk, int open)
{
    if (!(tk->flags & SR_TOK_PUNCT) || tk->norm[0] != '"')
        return open;
    const unsigned char *s = (const unsigned char *)t->text + tk->start;
    if (s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x9C)
        return 1;
    if (s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x9D)
        return 0;
    return !open;
}

/* News agencies that sign a dateline: "MOSCOW (Sputnik)", "BEIRUT (AFP)". */
static const char *const agencies[] = {
    "aa",    "afp",  "anha",  "ani",     "ansa",   "ap",   "bbc",   "cnn",  "dpa",    "efe",
    "ians",  "interfax", "irna", "kuna", "kyodo",  "mena", "pti",   "qna",  "reuters", "ria",
    "sana",  "spa",  "sputnik", "tass",  "upi",    "wafa", "wam",   "xinhua", "yonhap"};

/* Token i, a "(", opens an agency's signature after a dateline in
 * capitals inside the sentence begun at token first: a headline or the
 * line of a related story run into the article ("... in Hama Province
 * WASHINGTON (Sputnik) The US-led coalition ..."), whose text stood in one
 * sentence with the story's first.  Returns the dateline's first token,
 * or 0 when there is none to break before. */
int sr_text_agency_at(const sr_token *tk, size_t n, size_t i)
{
    return i + 3 < n && tk[i].norm && tk[i].norm[0] == '(' && tk[i + 2].norm &&
           tk[i + 2].norm[0] == ')' && (tk[i + 1].flags & SR_TOK_CAP) && tk[i + 1].norm &&
           IN(tk[i + 1].norm, agencies) &&
           (tk[i + 3].flags & (SR_TOK_CAP | SR_TOK_PUNCT | SR_TOK_NUM));
}

static size_t inline_dateline(const sr_token *tk, size_t n, size_t first, size_t i)
{
    if (i < first + 2 || !sr_text_agency_at(tk, n, i))
        return 0;
    size_t j = i;
    while (j > first && i - j < 3 && (tk[j - 1].flags & SR_TOK_UPPER) &&
           tk[j - 1].end - tk[j - 1].start >= 3)
        j--;
    /* (not after a comma: "NEWARK, N.J. (AP)" is one dateline) */
    return j < i && j > first && !is_terminal(&tk[j - 1]) && tk[j - 1].norm[0] != ',' ? j : 0;
}

static int emit(sr_arena *a, struct sr_text *t, size_t first, size_t last)
{
    const sr_token *tk = t->tokens.items;
    sr_sentence *s = sr_vec_push(&t->sentences, a, sizeof *s);
    if (!s)
        return SR_ENOMEM;
    s->start = tk[first].start;
    s->end = tk[last].end;
    s->tok = first;
    s->ntok = last - first + 1;
    return SR_OK;
}

int text_split(sr_arena *a, struct sr_text *t, size_t from)
{
    const sr_token *tk = t->tokens.items;
    size_t n = t->tokens.len, first = from;
    int rc, quoted = 0;
    for (size_t i = from; i < n; i++) {
        /* A word (neither a mark nor a short form) with no line break
         * after it -- most tokens -- ends nothing and moves no quote:
         * passed over in a tight loop. */
        if (i + 1 < n) {
            const sr_token *q = tk + i, *last = tk + n - 1;
            /* four words at a time: none is a mark or a short form and
             * none of them, nor the word after them, opens a line (the
             * flags are apart, so one OR tests the three in the middle) */
            enum { PA = SR_TOK_PUNCT | SR_TOK_ABBREV, NL = SR_TOK_NL_BEFORE };
            _Static_assert((PA & NL) == 0, "token flags overlap");
            while (last - q >= 4 &&
                   !((q[0].flags & PA) | ((q[1].flags | q[2].flags | q[3].flags) & (PA | NL)) |
                     (q[4].flags & NL)))
                q += 4;
            while (q < last && !(q->flags & PA) && !(q[1].flags & NL))
                q++;
            i = (size_t)(q - tk);
        }
        const sr_token *cur = &tk[i];
        size_t end = i;
        int brk = 0;
        quoted = quote_step(t, cur, quoted);
        if (i + 1 == n) {
            brk = 1;
        } else if (is_terminal(cur) && quoted && cur->norm[0] != '.' &&
                   !(i + 1 < n && is_closer(&tk[i + 1]))) {
            /* "Leave! Leave!" inside a quotation is one utterance. */
            brk = 0;
        } else if (is_terminal(cur)) {
            /* Take closing quotes and brackets glued to the terminal. */
            while (end + 1 < n && is_closer(&tk[end + 1]) && tk[end + 1].start == tk[end].end)
                end++;
            if (end + 1 == n) {
                brk = 1;
            } else {
                const sr_token *next = &tk[end + 1];
                int gap = next->start > tk[end].end;
                int lower = (next->flags & SR_TOK_WORD) && !(next->flags & SR_TOK_CAP) &&
                            !(next->flags & SR_TOK_NUM) && !article_name(next);
                if (gap && !lower)
                    brk = 1;
                /* A closing quote may also be written with a space before it
                 * ("fight. " he) -- leave those together. */
            }
        } else if (cur->norm[0] == '(' && (cur->flags & SR_TOK_PUNCT)) {
            size_t j = inline_dateline(tk, n, first, i);
            if (j) {
                if ((rc = emit(a, t, first, j - 1)))
                    return rc;
                first = j;
            }
        } else if (cur->flags & SR_TOK_ABBREV) {
            const sr_token *next = &tk[i + 1];
            if (!IN(cur->norm, prefix_abbrevs) && !(cur->norm_len == 2) &&
                (next->flags & SR_TOK_CAP) && IN(next->norm, starters))
                brk = 1;
        }
        /* Only whitespace lies between tokens: without a line break before
         * the next one (most tokens) there is no blank line and no
         * headline end. */
        if (!brk && end + 1 < n && (tk[end + 1].flags & SR_TOK_NL_BEFORE)) {
            if (blank_line_between(t->text, tk[end].end, tk[end + 1].start))
                brk = 1;
            else if (headline_break(t, tk, first, end))
                brk = 1;
        }
        if (brk) {
            quoted = 0;
            if ((rc = emit(a, t, first, end)))
                return rc;
            first = end + 1;
            i = end;
        }
    }
    return SR_OK;
}
