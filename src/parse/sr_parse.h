/*
 * sr_parse.h - shallow syntax in TABARI's sparse-parsing style: no POS
 * tagger, only the dictionaries and a few closed word classes.
 *
 * A sentence (or a TABARI record) is turned into words (the text stage's
 * tokens filtered as TABARI filters text: sentence punctuation dropped,
 * hyphenated words split, periods after lower-case letters removed), each
 * word typed from the longest dictionary phrase starting at it (or as the
 * actor whose name the document gave before, when the caller gives the
 * document's names and it is that name's short form), actors combined
 * with agents, parsed compounds ("Arnor and Gondor") grouped,
 * pronouns resolved to the actor they refer to, comma-delimited clauses
 * marked and the sentence cut into conjunction-delimited clauses.
 *
 * Everything lives in the caller's arena; the dictionary is only read, so
 * parsing is thread-safe (the document's names are the caller's, one
 * document's per thread).
 */
#ifndef SR_PARSE_H
#define SR_PARSE_H

#include "../dict/sr_dict.h"
#include "../text/sr_text.h"
#include "../util/sr_util.h"

#include <stdio.h>

enum {
    SR_W_NULL = 0, SR_W_ACTOR, SR_W_AGENT, SR_W_VERB, SR_W_TIME, SR_W_ATTRIB, SR_W_NOUN,
    SR_W_ADJ, SR_W_DETERM, SR_W_AUXIL, SR_W_BY, SR_W_COMMA, SR_W_PRONOUN, SR_W_CONJ,
    SR_W_NUMBER, SR_W_PREP, SR_W_QUOTE, SR_W_DISCARD,
    SR_W_EVNOUN             /* an event noun ("clashes", "air strike"): entry = form id */
};

/* How far, in words, a dictionary phrase or a verb pattern reaches from
 * where it starts or from its verb.  No news sentence comes near it (the
 * text stage cuts sentences at 400 tokens); it keeps parsing and coding
 * linear on a runaway TABARI record, which is coded as one unit. */
enum { SR_PARSE_REACH = 400 };

/* Which coder's conventions to follow.  TABARI: the .options rules, a
 * pronoun stands for an actor, agents join over IN/OF.  PETRARCH: noun-
 * phrase conventions of a parser-based coder: possessive pronouns are not
 * actors, agents join over FROM too and spread over compounds, an agent
 * with no actor is coded "---" + agent, modifiers may stand in lists. */
enum { SR_STYLE_TABARI = 0, SR_STYLE_PETRARCH = 1 };

typedef struct sr_pword {
    const char *w;          /* folded word, NUL-terminated */
    size_t len;
    size_t start, end;      /* bytes in the document */
    int type;               /* SR_W_* (for phrase words: the phrase's type) */
    int cap;                /* capitalised in the text */
    int32_t root;           /* index into roots of the phrase covering it, or
                             * negative: none (-1, or -1 less the word's number:
                             * parse_words) */
    int32_t actor;          /* index into actors of the unit covering it, or -1 */
    int subord;             /* inside an eliminated comma-delimited clause */
    int clause;             /* conjunction-delimited clause number */
    int in_compound;        /* a conjunction or comma that joins a compound */
    int poss;               /* followed by a possessive 's in the text */
} sr_pword;

typedef struct sr_proot {
    int type;               /* SR_W_* */
    size_t start, end;      /* words [start, end) */
    uint32_t entry;         /* actor / agent / form id from the dictionary */
    uint32_t phrase;
    sr_dict_role role;      /* SR_W_ACTOR: the actor's role on the date,
                             * found when the word was typed */
} sr_proot;

/* An actor unit: an actor phrase with the agents attached to it, a
 * pronoun standing for one, or (with CONVERT AGENTS) a lone agent. */
typedef struct sr_pactor {
    size_t start, end;      /* words covered */
    size_t head;            /* word index where the actor phrase starts */
    const char **codes;     /* one code, or several for a coded compound */
    uint32_t ncodes;
    int compound;           /* parsed compound group id, -1 when alone */
    int pronoun_of;         /* for pronouns: the actor index referred to, else -1 */
    int is_pronoun;
    int32_t lead_agent;     /* root of an agent joined over OF/IN/FROM, or -1 */
    const char *text;       /* the words as written */
} sr_pactor;

/* An actor carried over from the previous sentence of a story (TABARI's
 * FORWARD): a pronoun opening the sentence before any actor stands for
 * it; THEY/THEM/THEIR only when it is a compound. */
typedef struct sr_parse_fwd {
    const char **codes;
    uint32_t ncodes;
    int compound;
} sr_parse_fwd;

/* What the document named before a sentence, for the short forms of its
 * names (names.c): news names a body or a person in full once, then
 * shortens the name ("the Syrian Observatory for Human Rights ... the
 * Observatory", "Defense Secretary Ashton Carter ... Carter said", "the
 * National Defence Forces ... the NDF"), and the dictionaries list few
 * such forms.  Byte offsets are into the text the sentence is parsed
 * from; both lists are in text order. */
typedef struct sr_parse_name {
    size_t start, end;      /* an actor phrase the dictionaries coded */
    size_t head_end;        /* where its first stretch ends ("Syrian Observatory"
                             * of "Syrian Observatory for Human Rights") */
    const char *code;       /* the code it had there */
} sr_parse_name;
typedef struct sr_parse_names {
    /* the names so far (sr_parse_name, in text order, in arena): the
     * parse appends its own, for the sentences after it */
    sr_vec *list;
    sr_arena *arena;
    /* the names before the sentence to look back on: list's [from, to) */
    size_t from, to;
    /* the keys (sr_parse_name_key) of the last words of every name's
     * head and initials so far, as bits: a word whose key is not among
     * them shortens none */
    uint64_t keys[4];
} sr_parse_names;

typedef struct sr_parse {
    sr_pword *words;
    size_t nwords;
    sr_proot *roots;
    size_t nroots;
    sr_pactor *actors;
    size_t nactors;
    int ncompounds;
    int nclauses;
    int discard;            /* a [###] phrase was found */
    int complex_code;       /* a [+++] phrase was found */
    int allcaps;
    int npronouns;          /* words typed SR_W_PRONOUN */
    int ngiven;             /* "given" retyped as a preposition (parse_shift_more) */
    int style;              /* SR_STYLE_* */
    const sr_parse_fwd *fwd; /* forwarded actor, or NULL */
    const char *text;       /* the document the word offsets point into */
    sr_dict_seq *seq;
    /* Members of each parsed compound (no pronouns), in actor order:
     * compound c is comp_members[comp_off[c] .. comp_off[c + 1]). */
    const uint32_t *comp_off, *comp_members;
    /* For sr_parse_actor_in on sentences with many actors (else NULL):
     * per actor k, the first eligible actor at or after k, and the first
     * eligible one after k with another code (nactors when none). */
    const uint32_t *ai_next, *ai_diff;
    /* Conjunctions typed, and commas among the words (some may be inside
     * phrases): without any, the passes looking for them are skipped. */
    int nconj, ncommas;
    /* Short forms of names (names.c): what the document named, or NULL;
     * the capitalised words no phrase or closed class typed whose key is
     * among those names' lie in words [free_lo, free_hi). */
    sr_parse_names *names;
    size_t free_lo, free_hi;
} sr_parse;

/* Parses tokens toks[0..n) of text.  date is YYYYMMDD (0 when unknown; then
 * the unrestricted actor roles apply).  Returns 0 or SR_ENOMEM. */
int sr_parse_sentence(const sr_dict *d, const sr_dict_options *opt, int style, sr_arena *a,
                      const char *text, const sr_token *toks, size_t n, int32_t date,
                      const sr_parse_fwd *fwd, sr_parse **out);
/* The same with the tokens' word numbers nums[0..n), each below nnums
 * (NULL: none), as sr_facts_token_words gives them: the dictionary reads
 * a numbered word's candidates by its number; and with what the document
 * named before the sentence (NULL: nothing), for the short forms of those
 * names: the parse then appends its own names to names->list, the
 * dictionaries' actor phrases of two words or more with one code (a code
 * of the dictionary's: it outlives the parse), no bare country's ("Korea"
 * is no short form of "South Korea" alone). */
int sr_parse_sentence_nums(const sr_dict *d, const uint16_t *nums, uint32_t nnums,
                           const sr_dict_options *opt, int style, sr_arena *a, const char *text,
                           const sr_token *toks, size_t n, int32_t date, const sr_parse_fwd *fwd,
                           sr_parse_names *names, sr_parse **out);

/* The key of a word of n bytes w, folded (a number below 256). */
static inline unsigned sr_parse_name_key(const char *w, size_t n)
{
    return n ? (unsigned)(n * 7 + (unsigned char)w[0] * 3 + (unsigned char)w[n - 1]) & 255 : 0;
}
/* Whether key k is among keys (sr_parse_names). */
static inline int sr_parse_key_in(const uint64_t keys[4], unsigned k)
{
    return (int)(keys[k >> 6] >> (k & 63) & 1);
}

/* The actor to forward to the next sentence: the first actor before the
 * first verb, with every member's codes when it is a compound.  Returns 1
 * and fills *out (codes in arena a, strings borrowed from the
 * dictionary), or 0 when there is none or memory ran out. */
int sr_parse_first_actor(const sr_parse *p, sr_arena *a, sr_parse_fwd *out);

/* Codes of actor k with its compound expanded: every actor of the same
 * parsed compound, in order.  Writes at most cap actor indexes to out and
 * returns how many there are. */
size_t sr_parse_compound_members(const sr_parse *p, size_t k, size_t *out, size_t cap);

/* Writes a readable account of the parse (words with their types and
 * clauses, actor units with codes, compounds) to f, for --explain. */
void sr_parse_explain(const sr_parse *p, FILE *f);

/* The actor a pronoun stands for, followed through (k itself otherwise). */
size_t sr_parse_resolve(const sr_parse *p, size_t k);

/* The first code of actor k, its pronoun followed through; NULL when it
 * has none. */
const char *sr_parse_actor_code(const sr_parse *p, int k);

/* The first actor unit, in text order, that starts in words [from, to)
 * outside a dropped comma clause and has a code, passing over actor
 * `avoid` and every actor with avoid's code (avoid -1: none); -1 when
 * there is none.  Logarithmic in the actors of a long sentence. */
int sr_parse_actor_in(const sr_parse *p, size_t from, size_t to, int avoid);

/* Whether the actor name ending before word e is joined by a hyphen to a
 * word of holding ("the IS-held area", "the rebel-controlled east"): it
 * says who holds a place, it does nothing there. */
int sr_parse_held_at(const sr_parse *p, size_t e);

/* Whether the n bytes at w end as a nationality's or a people's adjective
 * does ("Kurdish", "Syrian", "Iraqi", "Lebanese", "French"). */
int sr_parse_demonym_form(const char *w, size_t n);

/* Whether word w is a day's or a month's name, capitalised or not: no part
 * of a name ("last Tuesday Yildirim said", "Airstrikes Sunday killed"). */
int sr_parse_calendar_word(const sr_pword *w);

#endif
