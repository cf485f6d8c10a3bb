/* Words that qualify an actor's phrase or say how, not who: "anti-" and
 * "non-" before a name, a name joined to "-based" or "-backed", who holds
 * a place ("rebel-held"), a nationality before a named leader, "force" as
 * a manner (sitrep's conventions; parse_actors calls these). */
#include <string.h>

#include "parse_int.h"

#define word_is(pw, lit) ((pw)->len == sizeof(lit) - 1 && !memcmp((pw)->w, lit, sizeof(lit)))

/* sitrep's dictionaries: whether the phrase at word s follows "non-" or
 * "anti-" ("a non-Syrian member", "anti-Assad rebels", "anti-government
 * protesters"): those who are not, or who oppose, what it names.  The
 * words name no actor of theirs: "anti-Assad rebels" are rebels, and the
 * story's country makes them Syria's, not Assad's government's.  anti
 * only: "non-" also reads as a negated agent ("non-military"). */
int parse_opposed_at(const sr_parse *p, size_t s, int anti_only)
{
    if (s == 0 || !p->text)
        return 0;
    const sr_pword *b = &p->words[s - 1];
    return (word_is(b, "anti") || (!anti_only && word_is(b, "non"))) && p->text[b->end] == '-';
}

/* "the Britain-based monitor", "Turkey-backed forces", "Russian-made
 * jets", "Soviet-era tanks": the actor's name joined by a hyphen to one of
 * these says where someone sits, who backs or made them or when, not who
 * acts. */
int parse_based_at(const sr_parse *p, size_t e)
{
    if (e == 0 || e >= p->nwords || !p->text || p->text[p->words[e - 1].end] != '-')
        return 0;
    const sr_pword *w = &p->words[e];
    return word_is(w, "based") || word_is(w, "backed") || word_is(w, "sponsored") ||
           word_is(w, "funded") || word_is(w, "supported") || word_is(w, "made") ||
           word_is(w, "built") || word_is(w, "supplied") || word_is(w, "trained") ||
           word_is(w, "era") || word_is(w, "designed") || word_is(w, "style");
}

int sr_parse_held_at(const sr_parse *p, size_t e)
{
    if (e == 0 || e >= p->nwords || !p->text || p->text[p->words[e - 1].end] != '-')
        return 0;
    const sr_pword *w = &p->words[e];
    return word_is(w, "held") || word_is(w, "controlled") || word_is(w, "run") ||
           word_is(w, "occupied") || word_is(w, "dominated") || word_is(w, "ruled") ||
           word_is(w, "besieged");
}

void parse_untype_root(sr_parse *p, sr_proot *rt)
{
    rt->type = SR_W_ADJ;
    for (size_t i = rt->start; i < rt->end; i++)
        p->words[i].type = SR_W_ADJ;
}

/* A capitalised word in the form of a nationality's or a people's
 * adjective ("Kurdish", "Syrian", "Iraqi", "Lebanese", "French"), which
 * is never a noun phrase of its own before another word. */
int sr_parse_demonym_form(const char *w, size_t n)
{
    static const char *const ends[] = {"ish", "ian", "ese", "ean", "can", "yan", "ch", "i", NULL};
    if (n < 4)
        return 0;
    for (const char *const *e = ends; *e; e++) {
        size_t k = strlen(*e);
        if (n > k && !memcmp(w + n - k, *e, k))
            return 1;
    }
    return 0;
}

int parse_demonym_word(const sr_pword *w)
{
    return w->cap && sr_parse_demonym_form(w->w, w->len);
}

/* sitrep's dictionaries: a one-word nationality or people before words
 * no dictionary knows and then an actor ("Kurdish leader Masoud Barzani",
 * "Iraqi Shiite cleric Moqtada al-Sadr") modifies that actor's noun
 * phrase, whose own entry says who it is: the adjective is no actor of
 * its own (it was the source, the leftmost actor).  Not joined by a
 * hyphen ("Saudi-led coalition" is the Saudis'). */
void parse_demonym_modifiers(sr_parse *p)
{
    /* words that end the noun phrase, which the parse may leave untyped
     * ("a Syrian hacker who Iraqi police ...", "a French resolution on
     * Syria", "missiles over Damascus"), and words for a place, whose
     * name is no actor ("the Somali capital Mogadishu") */
    static const char *const stops[] = {
        "who",    "whom",    "whose",  "which", "that",  "where",   "when",    "while",
        "as",     "of",      "for",    "with",  "on",    "to",      "from",    "at",
        "in",     "into",    "over",   "near",  "against", "after", "before",  "during",
        "under",  "by",      "about",  "across", "since", "between", "among",  "than",
        "capital", "city",   "town",   "village", "province", "region", "district", "border",
        NULL};
    static _Atomic uint32_t stops_first;
    for (size_t r = 0; r + 1 < p->nroots; r++) {
        sr_proot *rt = &p->roots[r];
        const sr_proot *nx = &p->roots[r + 1];
        /* ("Kurdish leader Masoud Barzani": the title, an agent, is his) */
        if (rt->type == SR_W_ACTOR && nx->type == SR_W_AGENT && rt->end - rt->start == 1 &&
            nx->start == rt->end && nx->end == nx->start + 1 && r + 2 < p->nroots &&
            p->roots[r + 2].type == SR_W_ACTOR && p->roots[r + 2].start == nx->end &&
            (word_is(&p->words[nx->start], "leader") || word_is(&p->words[nx->start], "leaders")) &&
            parse_demonym_word(&p->words[rt->start]) && p->text &&
            p->text[p->words[rt->start].end] == ' ') {
            parse_untype_root(p, rt);
            continue;
        }
        /* (the cheap tests first: most actors have no actor two words on) */
        if (rt->type != SR_W_ACTOR || nx->type != SR_W_ACTOR || rt->end - rt->start != 1 ||
            nx->start <= rt->end || nx->start > rt->end + 2)
            continue;
        /* (not over an agent: "the Syrian army Islamic State clash",
         * punctuation lost, is no army of Islamic State's) */
        int loose = 1;
        for (size_t k = rt->end; k < nx->start && loose; k++)
            loose = p->words[k].type == SR_W_NULL && p->words[k].root < 0 &&
                    !parse_word_in_f(&p->words[k], stops, &stops_first);
        if (loose && parse_demonym_word(&p->words[rt->start]) && p->text &&
            p->text[p->words[rt->start].end] == ' ')
            parse_untype_root(p, rt);
    }
}

/* sitrep's conventions: "force" alone after "with", "by" or a form of
 * "use", after "use of" or "threat of", or qualified as lethal or
 * excessive, is how something is done, not a body of troops ("must
 * respond with force", "the use of force", "approval to use military
 * force against Syria"); "its military force" stays the army. */
void parse_manner_words(sr_parse *p)
{
    static const char *const manner[] = {"with", "by", "excessive", "lethal", "deadly", "brute",
                                         "disproportionate", "overwhelming", "use", "used",
                                         "using", "uses", NULL};
    static const char *const using[] = {"use", "threat", "show", NULL};
    for (size_t r = 0; r < p->nroots; r++) {
        sr_proot *rt = &p->roots[r];
        if (rt->type != SR_W_AGENT || rt->end != rt->start + 1 || rt->start == 0 ||
            !parse_word_is(&p->words[rt->start], "force"))
            continue;
        /* ("military force", "armed force": the word before that) */
        size_t s = rt->start;
        sr_proot *adj = NULL;
        if (r > 0 && p->roots[r - 1].end == s && p->roots[r - 1].start + 1 == s &&
            (p->roots[r - 1].type == SR_W_AGENT || p->roots[r - 1].type == SR_W_ADJ) &&
            (parse_word_is(&p->words[s - 1], "military") ||
             parse_word_is(&p->words[s - 1], "armed"))) {
            adj = &p->roots[r - 1];
            s--;
        }
        if (s == 0)
            continue;
        const sr_pword *b = &p->words[s - 1];
        if (parse_word_in(b, manner) ||
            (parse_word_is(b, "of") && s >= 2 && parse_word_in(&p->words[s - 2], using))) {
            parse_untype_root(p, rt);
            if (adj)
                parse_untype_root(p, adj);
        }
    }
}
