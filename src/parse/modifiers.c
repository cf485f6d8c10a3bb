/* Words that qualify an actor's phrase or say how, not who: "anti-" and
 * "non-" before a name, a name joined to "-based" or "-backed", who holds
 * a place ("rebel-held"), a nationality before a named leader, "force" as
 * a manner; and the one name that qualifies none, a country's before
 * another's in a list that lost its commas (sitrep's conventions;
 * parse_actors and compounds call these). */
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

/* A country's name, one code of three capitals alone: not a nationality's
 * adjective ("Syrian and Russian warplanes", "his French Russian and
 * Turkish counterparts"), nor a dateline's capitals ("BEIRUT Syrian and
 * Russian warplanes"). */
/* Whether code c is one country's alone: three capitals. */
static int country_code(const char *c)
{
    return c && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' && c[2] >= 'A' &&
           c[2] <= 'Z' && !c[3];
}

static int bare_country(const sr_parse *p, const sr_proot *rt)
{
    return rt->type == SR_W_ACTOR && rt->role.ncodes == 1 && country_code(rt->role.codes) &&
           parse_country_name_word(p, &p->words[rt->end - 1]);
}

int parse_country_name_word(const sr_parse *p, const sr_pword *w)
{
    if (parse_demonym_word(w))
        return 0;
    if (w->len > 3 && p->text)
        for (size_t i = w->start + 1; i < w->end; i++)
            if (p->text[i] >= 'A' && p->text[i] <= 'Z')
                return 0;
    return 1;
}

/* Text that lost its commas names a list of countries one after the
 * other ("The US Britain France and Russia have urged"): a country's name
 * before another's is then no modifier of it, as in "United States State
 * Department", but a member of the list.  Only a run of countries that
 * AND ends ("... France and Russia", "... and the UK"): "the US Russia
 * deal" stays one phrase. */
int parse_country_run(const sr_parse *p, size_t r)
{
    /* (sixteen at most: the walk is made from every root of a run) */
    size_t k = r;
    while (k + 1 < p->nroots && k < r + 16 && bare_country(p, &p->roots[k]) &&
           bare_country(p, &p->roots[k + 1]) &&
           p->roots[k].end == p->roots[k + 1].start &&
           strcmp(p->roots[k].role.codes, p->roots[k + 1].role.codes))
        k++;
    if (k == r)
        return 0;
    size_t e = p->roots[k].end;
    if (e + 1 >= p->nwords || !word_is(&p->words[e], "and"))
        return 0;
    e += 1 + (word_is(&p->words[e + 1], "the") && e + 2 < p->nwords);
    return k + 1 < p->nroots && p->roots[k + 1].start == e && bare_country(p, &p->roots[k + 1]);
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

/* Whether the actor unit `last` and the one starting right at word i are
 * two countries named alone, one after the other, in capitals: each one
 * country code of three letters and no agent ("US Britain"), not one
 * country twice.  A country's name is never a modifier of another's. */
int parse_bare_countries(const sr_parse *p, size_t last, size_t i)
{
    if (last + 1 >= p->nactors)
        return 0;
    const sr_pactor *a = &p->actors[last], *b = &p->actors[last + 1];
    if (b->start != i || a->is_pronoun || b->is_pronoun || a->ncodes != 1 || b->ncodes != 1 ||
        a->lead_agent >= 0 || b->lead_agent >= 0 || !p->words[a->end - 1].cap ||
        !p->words[i].cap)
        return 0;
    const char *x = a->codes[0], *y = b->codes[0];
    return country_code(x) && country_code(y) && memcmp(x, y, 3) &&
           parse_country_name_word(p, &p->words[a->end - 1]) &&
           parse_country_name_word(p, &p->words[b->end - 1]);
}

/* A word title case capitalises: four letters or more. */
static int long_word(const sr_pword *w)
{
    return w->len >= 4 && w->w[0] >= 'a' && w->w[0] <= 'z';
}

/* Whether words [s, e) stand in a headline written in title case: of
 * their longer words after the first and the two on each side, three or
 * more capitalised ("Syrian Airstrikes Kill Over 100 Daesh Fighters",
 * "Terrorist Attack Kills Two", run into an article's text). */
int parse_title_case_at(const sr_parse *p, size_t s, size_t e)
{
    size_t seen = 0, caps = 0, before = 0, after = 0;
    for (size_t i = s + 1; i < e; i++)
        if (long_word(&p->words[i]))
            seen++, caps += p->words[i].cap != 0;
    for (size_t i = s; i-- > 0 && before < 2;)
        if (long_word(&p->words[i]))
            before++, caps += p->words[i].cap != 0;
    for (size_t i = e; i < p->nwords && after < 2; i++)
        if (long_word(&p->words[i]))
            after++, caps += p->words[i].cap != 0;
    return seen + before + after >= 3 && caps >= 3;
}

/* Whether the sentence is a headline in title case: four or more longer
 * words, at most one in ten of them not capitalised. */
static int title_case_all(const sr_parse *p)
{
    size_t seen = 0, low = 0;
    for (size_t i = 0; i < p->nwords; i++)
        if (long_word(&p->words[i]))
            seen++, low += !p->words[i].cap;
    return seen >= 4 && low * 10 <= seen;
}

/* Whether w may end a headline's subject: an actor's word, a noun, a
 * plural no dictionary knows ("Syrian Army Allies Kill 100 Terrorists");
 * not a preposition, an article, a conjunction, another verb, nor a word
 * that qualifies ("Condemns Horrific Massacre by Russian Air Force"). */
static int headline_subject(const sr_pword *w)
{
    switch (w->type) {
    case SR_W_ACTOR: case SR_W_AGENT: case SR_W_EVNOUN: case SR_W_NOUN:
        return 1;
    case SR_W_NULL:
        return parse_plural_form(w);
    default:
        return 0;
    }
}

/* Whether what follows a headline's verb at word e is what it acts on or
 * where: a count, an actor, an event, a preposition, a time, or nothing. */
static int headline_object(const sr_parse *p, size_t e)
{
    if (e >= p->nwords)
        return 1;
    switch (p->words[e].type) {
    case SR_W_NUMBER: case SR_W_ACTOR: case SR_W_AGENT: case SR_W_EVNOUN: case SR_W_PREP:
    case SR_W_BY: case SR_W_DETERM: case SR_W_TIME:
        return 1;
    default:
        return 0;
    }
}

int parse_headline_verb(const sr_parse *p, size_t s, size_t e, int *all)
{
    if (!(s > 0 && headline_subject(&p->words[s - 1]) && headline_object(p, e) &&
          parse_title_case_at(p, s, e)))
        return 0;
    /* (the whole sentence's test, once: a long headline has many verbs) */
    if (*all < 0)
        *all = title_case_all(p);
    return *all;
}

/* Words that qualify the noun after an article, never a verb's subject
 * ("an earlier attack", "the latest raid", "a deadly assault"). */
static const char *const noun_mods[] = {
    "earlier", "latest", "deadly", "deadliest", "recent", "overnight", "previous", "first",
    "second", "third", "last", "major", "massive", "heavy", "fierce", "suspected", "alleged",
    "apparent", "coordinated", "failed", "foiled", "twin", "double", "brutal", "bloody",
    "horrific", "similar", "separate", "joint", "surprise", "retaliatory", "big", "rare",
    "daring", "sustained", "intense", "simultaneous", "deliberate", "indiscriminate",
    "unprovoked", "early", "possible", "planned", "imminent", "fresh", "new", "renewed",
    "repeated", "further", "large-scale", "full-scale", NULL};
static _Atomic uint32_t noun_mods_first;

int parse_noun_modifier(const sr_pword *w)
{
    return parse_word_in_f(w, noun_mods, &noun_mods_first);
}

/* "speaking in Arabic and German", "said in Russian before": a people's
 * language after "in", with no noun after it, is how someone spoke, not
 * who acts ("in Kurdish areas" is the Kurds'). */
int parse_language_at(const sr_parse *p, size_t s, size_t e)
{
    static const char *const tongues[] = {
        "arabic", "english", "french", "german", "russian", "turkish", "kurdish", "persian",
        "farsi", "hebrew", "spanish", "chinese", "urdu", "pashto", "dari", "italian", "japanese",
        "korean", "hindi", "portuguese", "greek", "armenian", "aramaic", "syriac", "ukrainian",
        "amharic", "somali", "swahili", "hausa", NULL};
    /* (after "in", or after "in X and": "in Arabic and German"; the
     * word before first, as most actors have no "in" before them) */
    if (e != s + 1 || s == 0)
        return 0;
    size_t b = s;
    if (b >= 3 && parse_word_is(&p->words[b - 1], "and") &&
        parse_word_is(&p->words[b - 3], "in") && parse_word_in(&p->words[b - 2], tongues))
        b -= 2;
    if (!parse_word_is(&p->words[b - 1], "in") || !parse_word_in(&p->words[s], tongues))
        return 0;
    if (e >= p->nwords)
        return 1;
    static const char *const closers[] = {"before", "after", "as", "while", "when", "that",
                                          "which", "until", "because", "since", "saying",
                                          "and", "or", "but", "then", NULL};
    const sr_pword *n = &p->words[e];
    /* (a list of them says it at its end: "in Kurdish and Arab areas") */
    if ((parse_word_is(n, "and") || parse_word_is(n, "or")) && e + 1 < p->nwords &&
        p->words[e + 1].cap)
        return parse_language_at(p, e + 1, e + 2);
    switch (n->type) {
    case SR_W_COMMA: case SR_W_CONJ: case SR_W_PREP: case SR_W_BY: case SR_W_VERB:
    case SR_W_AUXIL: case SR_W_PRONOUN: case SR_W_DETERM: case SR_W_QUOTE: case SR_W_TIME:
        return 1;
    default:
        return parse_word_in(n, closers);
    }
}

/* Whether word i opens the rest of a noun phrase: a word no dictionary
 * types, a noun, an adjective or an actor's word, not a determiner, a
 * pronoun, a preposition or a number. */
int parse_headword_after(const sr_parse *p, size_t i)
{
    if (i >= p->nwords)
        return 0;
    switch (p->words[i].type) {
    case SR_W_NULL: case SR_W_NOUN: case SR_W_ADJ: case SR_W_AGENT: case SR_W_ACTOR:
        return 1;
    default:
        return 0;
    }
}

/* "to press their demands", "to police the border", "to man checkpoints":
 * an agent's word that is also a verb, after "to" and before what it acts
 * on, is that verb. */
int parse_infinitive_at(const sr_parse *p, size_t s, size_t e)
{
    static const char *const verbs[] = {"press", "police", "guard", "man", "staff", "host",
                                        "force", "troop", NULL};
    static const char *const after[] = {"ahead", "for", "home", "on", "charges", "their",
                                        "its", "his", "her", NULL};
    if (e != s + 1 || s == 0 || e >= p->nwords || !parse_word_is(&p->words[s - 1], "to") ||
        !parse_word_in(&p->words[s], verbs))
        return 0;
    return p->words[e].type == SR_W_DETERM || parse_word_in(&p->words[e], after);
}
