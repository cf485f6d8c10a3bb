/* Private to src/parse. */
#ifndef SR_PARSE_INT_H
#define SR_PARSE_INT_H

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "sr_parse.h"

/* Word pw is the literal lit (a word's len is its strlen): a length and
 * an inlined compare, no call. */
#define parse_word_is(pw, lit) ((pw)->len == sizeof(lit) - 1 && !memcmp((pw)->w, lit, sizeof(lit) - 1))

/* Word w is one of the NULL-terminated list (a word is NUL-terminated;
 * the first byte turns most words away). */
static inline int parse_word_in(const sr_pword *w, const char *const *list)
{
    /* (two letters before a call: many listed words share the first) */
    for (; *list; list++)
        if ((*list)[0] == w->w[0] && (*list)[1] == w->w[1] && !strcmp(w->w, *list))
            return 1;
    return 0;
}

/* parse_word_in for the lists the typing tests on every verb: first the
 * word's first byte against the list's first letters, as bits (byte &
 * 31), which *first keeps from the first call on (0: not made yet; bit 31
 * marks it made, and a byte that maps to it goes on to the list).  Most
 * words start with a letter none of the list's words does.  Two threads
 * may make it at once: both store the same bits. */
static inline int parse_word_in_f(const sr_pword *w, const char *const *list,
                                  _Atomic uint32_t *first)
{
    uint32_t m = atomic_load_explicit(first, memory_order_relaxed);
    if (!m) {
        m = 1u << 31;
        for (const char *const *l = list; *l; l++)
            m |= 1u << ((unsigned char)(*l)[0] & 31);
        atomic_store_explicit(first, m, memory_order_relaxed);
    }
    return ((m >> ((unsigned char)w->w[0] & 31)) & 1) && parse_word_in(w, list);
}

/* The words of toks[0..n) into out; with the tokens' word numbers
 * nums[0..n) (0: none; never NULL), a word's root holds the number of the token
 * whose whole form it is complemented (-1 - number; -1: none), which the
 * dictionary sequence reads: a negative root is no phrase to every reader
 * (they test root < 0), so the number costs the words no field, no array
 * and no pass to set the roots back; *allcaps tells whether none has a
 * lower-case letter, *ncommas gets the commas among them and *nposs the
 * words marked poss. */
int parse_words(sr_arena *a, const char *text, const sr_token *toks, const uint16_t *nums,
                size_t n, int style, sr_vec *out, int *allcaps, int *ncommas, int *nposs);
int parse_type_words(const sr_dict *d, sr_arena *a, sr_parse *p, int32_t date);
/* A word in -s, not -ss, of four letters or more: what a verb's third
 * person and a noun's plural share ("raids", "clashes"; not "press"). */
/* A word in -ing of five letters or more ("killing", not "king"). */
static inline int parse_ing_form(const sr_pword *w)
{
    return w->len > 4 && !memcmp(w->w + w->len - 3, "ing", 3);
}
static inline int parse_plural_form(const sr_pword *w)
{
    return w->len > 3 && w->w[w->len - 1] == 's' && w->w[w->len - 2] != 's';
}
/* Verb root rt read as a noun: an event noun when the dictionaries have it
 * as one and it is not named (named: a plain noun). */
void parse_shift_to_noun(const sr_dict *d, sr_parse *p, sr_proot *rt, int named);
/* sitrep's conventions: the verbs the context makes nouns (shift.c). */
void parse_shift_more(const sr_dict *d, sr_arena *a, sr_parse *p);
/* Numbers the words' clauses (clauses.c): native, under sitrep's
 * conventions. */
void parse_clauses(sr_parse *p, int native);
/* sitrep's conventions: the words of a parenthesis that opens with a
 * participle ("(banned in Russia)") are dropped from coding (clauses.c). */
void parse_remarks(sr_parse *p);
/* Word w is a rank before an agent ("Deputy", "acting"); a role that
 * speaks for the actor after "for" ("spokesman") (names.c). */
int parse_rank_word(const sr_pword *w);
int parse_speaks_for(const sr_pword *w);
/* Types as actors the short forms of the names p->names lists that no
 * dictionary phrase typed: a new actor root each, with entry UINT32_MAX.
 * Returns 0 or SR_ENOMEM. */
int parse_short_names(sr_arena *a, sr_parse *p);
/* Appends actor root rt, typed from the dictionaries, to p->names's list
 * when it is a name.  Returns 0 or SR_ENOMEM. */
int parse_note_name(sr_parse *p, const sr_proot *rt);
/* A nationality's roots before "leader" and a named leader become his
 * modifiers (names.c). */
/* modifiers.c: a phrase after "anti-" (or "non-" unless anti_only) */
int parse_opposed_at(const sr_parse *p, size_t s, int anti_only);
/* a name ending at e joined by a hyphen to "based", "backed", "made" ... */
int parse_based_at(const sr_parse *p, size_t e);
/* retypes a root as an adjective: no actor */
void parse_untype_root(sr_parse *p, sr_proot *rt);
/* Whether roots r and r + 1 are two countries' names in a row in a list
 * that AND ends ("US Britain France and Russia"): neither modifies the
 * other. */
int parse_country_run(const sr_parse *p, size_t r);
/* Whether the last word of a country's name is one as a noun: not a
 * nationality's adjective ("Syrian"), nor a dateline's capitals
 * ("BEIRUT"). */
int parse_country_name_word(const sr_parse *p, const sr_pword *w);
/* Whether actor unit `last` and the one starting at word i are two
 * countries' names in a row (compounds in structure.c). */
int parse_bare_countries(const sr_parse *p, size_t last, size_t i);
/* Whether words [s, e) stand in a headline written in title case (of
 * their longer words after the first and two on each side, three or
 * more capitalised). */
int parse_title_case_at(const sr_parse *p, size_t s, size_t e);
/* Whether the capitalised verb at words [s, e) is a title-case
 * headline's, after its subject and before what it acts on; *all keeps
 * whether the whole sentence is in title case (-1: not known yet). */
int parse_headline_verb(const sr_parse *p, size_t s, size_t e, int *all);
/* Whether w qualifies the noun after an article ("an earlier attack"). */
int parse_noun_modifier(const sr_pword *w);
/* Whether words [s, e) are a language after "in" ("speaking in Arabic"),
 * no actor. */
int parse_language_at(const sr_parse *p, size_t s, size_t e);
/* Whether word i may go on a noun phrase (no determiner, pronoun,
 * preposition nor number). */
int parse_headword_after(const sr_parse *p, size_t i);
/* Whether the agent's word at [s, e) is a verb after "to" ("to press
 * their demands"). */
int parse_infinitive_at(const sr_parse *p, size_t s, size_t e);
/* a capitalised word in a nationality's form */
int parse_demonym_word(const sr_pword *w);
/* a one-word nationality before unknown words and an actor modifies it */
void parse_demonym_modifiers(sr_parse *p);
/* "force" as a manner: "with force", "the use of force" */
void parse_manner_words(sr_parse *p);
void parse_leader_nationality(sr_parse *p);
int parse_actors(const sr_dict *d, const sr_dict_options *opt, sr_arena *a, sr_parse *p,
                 int32_t date);
int parse_attach_agent(const sr_dict *d, sr_arena *a, sr_pactor *u, uint32_t agent_entry);
/* Puts p->actors in text order (by start; equal starts keep their order)
 * and renumbers pronoun_of to follow.  O(n log n): a runaway TABARI
 * record may hold thousands of actors.  Returns 0 or SR_ENOMEM. */
int parse_sort_actors(sr_arena *a, sr_parse *p);


#endif
