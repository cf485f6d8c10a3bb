/*
 * facts_speaker.c - the noun phrase of who says so: how far back from a
 * verb of saying its speaker reaches ("World Food Programme spokeswoman
 * Bettina Luescher told", not "... weather conditions World Food ..."),
 * for facts_attr.c.
 */
#include <stdlib.h>
#include <string.h>

#include "facts_int.h"

/* Words that may sit inside a speaker's noun phrase. */
static int np_word(const sr_facts *f, size_t j)
{
    const sr_token *t = &f->tok[j];
    uint64_t c = srf_cls(f, j);
    if (srf_name_inner(f, j))
        return 1;
    if (t->flags & SR_TOK_POSS)
        return 1;
    if (t->flags & SR_TOK_PUNCT)
        return 0;
    if (srf_is(f, j, "of") || srf_is(f, j, "for") || srf_is(f, j, "from") ||
        srf_is(f, j, "at") || srf_is(f, j, "in") || srf_is(f, j, "and") || srf_is(f, j, "with") ||
        srf_is(f, j, "on"))
        return !(j > 0 && srf_is(f, j, "on") && (srf_cls(f, j + 1) & (L_WDAY | L_TIMEW)));
    /* ("the British ambassador to the United Nations", "an adviser to
     * the president") */
    if (srf_is(f, j, "to") && j > 0 &&
        (srf_is(f, j - 1, "ambassador") || srf_is(f, j - 1, "envoy") ||
         srf_is(f, j - 1, "adviser") || srf_is(f, j - 1, "advisor") ||
         srf_is(f, j - 1, "representative") || srf_is(f, j - 1, "delegate") ||
         srf_is(f, j - 1, "delegation") || srf_is(f, j - 1, "mission") ||
         srf_is(f, j - 1, "ambassadors") || srf_is(f, j - 1, "envoys")))
        return 1;
    if (c & L_DET)
        return !(c & L_SUBORD);
    if (c & (L_AUX | L_PREP | L_CONJ | L_SUBORD | L_REPORT | L_TPASS | L_TACT | L_TINTR |
             L_NEG | L_PLAN | L_HYPO | L_WDAY | L_TIMEW | L_STOPNP | L_THREAT | L_DENY |
             L_PVERB | L_MEDIAV | L_PLANTO))
        return (c & (L_PPL | L_PSG | L_MEDIA)) != 0;
    return 1;
}

static int cmp_word(const void *key, const void *elt)
{
    return strcmp(key, *(const char *const *)elt);
}

/* A lower-case word that may stand before a name inside one speaker's
 * phrase: a title or role ("spokeswoman Bettina Luescher", "news agency
 * SANA"), or a modifier ("former President", "state-run SANA").  Any other
 * lower-case word before a name ends an earlier phrase: in text that lost
 * its commas, "... due to weather conditions World Food Programme
 * spokeswoman Bettina Luescher told" starts the speaker at "World". */
/* Whether word j is one of the words of a title or an institution,
 * whatever its case. */
static int title_listed(const sr_facts *f, size_t j)
{
    /* sorted (strcmp order): looked up by bsearch */
    static const char *const w[] = {
        "abu", "acting", "admiral", "adviser", "advisor", "al", "alliance", "ally",
        "ambassador", "analyst", "army", "association", "attorney", "author", "authority",
        "based", "besieged", "bin", "bint", "bishop", "brigade", "brother", "candidate",
        "captain", "center", "central", "centre", "chairman", "chairwoman", "chancellor",
        "chief", "citing", "cleric", "coalition", "coastal", "colleague", "colonel",
        "columnist", "commander", "commissioner", "committee", "company", "coordinator",
        "council", "counterpart", "court", "current", "da", "daughter", "de", "defence",
        "defense", "del", "department", "deputy", "der", "di", "director", "du", "east",
        "eastern", "economist", "editor", "el", "embattled", "emir", "envoy", "exiled",
        "expert", "faction", "father", "federation", "firm", "force", "forces", "foreign",
        "former", "foundation", "founder", "front", "general", "governor", "greater", "group",
        "hardline", "head", "historian", "hospital", "husband", "ibn", "imam", "incoming",
        "independent", "influential", "inspector", "institute", "interim", "investigator",
        "journal", "judge", "key", "king", "la", "late", "lawmaker", "lawyer", "le", "leader",
        "leading", "lieutenant", "local", "magazine", "main", "major", "manager", "mayor",
        "militia", "minister", "ministry", "mission", "moderate", "monitor", "mother",
        "movement", "nearby", "neighboring", "neighbouring", "network", "new", "north",
        "northeast", "northeastern", "northern", "northwest", "northwestern", "observatory",
        "occupied", "office", "official", "opposition", "organisation", "organization",
        "outgoing", "parliament", "party", "pope", "powerful", "premier", "president", "priest",
        "prince", "professor", "prominent", "prosecutor", "quoting", "radical", "rebel",
        "regional", "representative", "researcher", "retired", "rival", "rural", "scholar",
        "scientist", "secretary", "senator", "senior", "sergeant", "service", "sheikh",
        "sister", "son", "south", "southeast", "southeastern", "southern", "southwest",
        "southwestern", "spokesman", "spokesperson", "spokeswoman", "state", "staunch", "then",
        "top", "umm", "union", "university", "van", "veteran", "von", "watchdog", "west",
        "western", "wife", "writer",
    };
    return bsearch(f->tok[j].norm, w, sizeof w / sizeof *w, sizeof *w, cmp_word) != NULL;
}

int srf_title_word(const sr_facts *f, size_t j)
{
    if (f->tok[j].flags & (SR_TOK_CAP | SR_TOK_NUM | SR_TOK_POSS | SR_TOK_PUNCT))
        return 1;
    uint64_t c = srf_cls(f, j);
    if (c & (L_PSG | L_MEDIA | L_DET | L_PREP | L_CONJ))
        return 1;
    if (memchr(f->tok[j].norm, '-', f->tok[j].norm_len))
        return 1;   /* "state-run", "al-", "so-called": a modifier or a name */
    return title_listed(f, j);
}

/* A plural people noun is a head, never a modifier of the word after it:
 * in "killing four civilians residents said", "including children state
 * media reported" the speaker starts after it.  ("women activists" and
 * "police officials" are modifiers: neither ends in -s.) */
int srf_plural_head(const sr_facts *f, size_t j)
{
    if (!(srf_cls(f, j) & L_PPL) || (f->tok[j].flags & SR_TOK_CAP))
        return 0;
    size_t n = f->tok[j].norm_len;
    return (n > 3 && f->tok[j].norm[n - 1] == 's') || srf_is(f, j, "children");
}

/* What may follow a plural head inside its phrase: a joining word or a
 * participle ("officials speaking on condition of anonymity", "workers
 * operating in rebel-held areas"). */
static int plain_modifier(const sr_facts *f, size_t j)
{
    if (srf_cls(f, j) & (L_PREP | L_CONJ | L_DET | L_SUBORD | L_TPASS | L_TACT | L_TINTR |
                         L_PARTCP | L_AUX))
        return 1;
    size_t n = f->tok[j].norm_len;
    const char *w = f->tok[j].norm;
    return n > 4 && (!memcmp(w + n - 3, "ing", 3) || !memcmp(w + n - 2, "ed", 2));
}

/* A plural noun that names things, not people ("rockets", "casualties",
 * "groups"), ends the phrase before a speaker in text that lost its
 * commas: "responded to the rockets military sources said", "causing
 * hundreds of civilian casualties aid agencies said".  The plurals news
 * uses as modifiers ("rights activists", "weapons inspectors") do not. */
static int thing_plural(const sr_facts *f, size_t j)
{
    static const char *const mod[] = {"affairs", "arms", "communications", "customs", "drugs",
                                      "elections", "goods", "jobs", "narcotics", "news",
                                      "operations", "relations", "rights", "savings", "services",
                                      "sports", "systems", "weapons", "works", NULL};
    const sr_token *t = &f->tok[j];
    size_t n = t->norm_len;
    if ((t->flags & (SR_TOK_CAP | SR_TOK_NUM | SR_TOK_POSS | SR_TOK_PUNCT)) || n < 4 ||
        t->norm[n - 1] != 's' || t->norm[n - 2] == 's' || t->norm[n - 2] == 'u' ||
        t->norm[n - 2] == 'i' || t->norm[n - 2] == '\'')
        return 0;
    if (srf_cls(f, j) & (L_PPL | L_PSG | L_MEDIA | L_DET | L_PREP | L_CONJ | L_AUX | L_REPORT |
                         L_TACT | L_TPASS | L_TINTR | L_NUMW | L_TIMEW))
        return 0;
    for (int k = 0; mod[k]; k++)
        if (srf_is(f, j, mod[k]))
            return 0;
    return 1;
}

/* A speaker's head word in the plural: people, media, or bodies of them.
 * (Before a singular head a plural is a possessive that lost its
 * apostrophe: "the organisations spokesman".) */
int srf_speaker_head(const sr_facts *f, size_t j)
{
    static const char *const w[] = {"sources", "agencies", "groups", "organisations",
                                    "organizations", "monitors", "authorities", "media", NULL};
    if (srf_cls(f, j) & (L_PPL | L_MEDIA))
        return 1;
    for (int k = 0; w[k]; k++)
        if (srf_is(f, j, w[k]))
            return 1;
    return 0;
}

/* The outlet phrase ending at token m follows "to", "told" or "with"
 * within a few words ("speaking to Syrian state TV", "told state
 * television", "in an interview with state television"). */
static int to_outlet(const sr_facts *f, size_t lo, size_t m)
{
    for (size_t k = m, n = 0; k > lo && n < 4; k--, n++) {
        if (srf_is(f, k - 1, "to") || srf_is(f, k - 1, "told") || srf_is(f, k - 1, "with"))
            return 1;
        if (srf_ispunct(f, k - 1) || (srf_cls(f, k - 1) & (L_PREP | L_CONJ | L_REPORT)))
            return 0;
    }
    return 0;
}

/* Word j opens the name of an outlet: a media word, "state" or
 * "official" before one, or an acronym ("SANA"). */
static int outlet_start(const sr_facts *f, size_t j)
{
    const sr_token *t = &f->tok[j];
    if (srf_cls(f, j) & L_MEDIA)
        return !(t->flags & SR_TOK_CAP);
    if ((srf_is(f, j, "state") || srf_is(f, j, "official")) && j + 1 < f->ntok &&
        (srf_cls(f, j + 1) & L_MEDIA))
        return 1;
    return (t->flags & SR_TOK_UPPER) && t->norm_len >= 2 && t->norm_len <= 6 &&
           !(srf_cls(f, j) & (L_PSG | L_PPL));
}

/* Token j is a name after a fused article: "al-Zor", "ad-Dawla". */
static int article_name(const sr_facts *f, size_t j)
{
    const sr_token *t = &f->tok[j];
    const char *w = f->text + t->start;
    size_t n = t->end - t->start;
    size_t h = n > 3 && w[2] == '-' ? 3 : n > 4 && w[3] == '-' ? 4 : 0;
    return h && w[0] >= 'a' && w[0] <= 'z' && w[h] >= 'A' && w[h] <= 'Z';
}

/* Token j has a nationality's ending: "Russian", "Turkish", "Iraqi",
 * "Lebanese". */
static int nationality_form(const sr_facts *f, size_t j)
{
    const char *w = f->tok[j].norm;
    size_t n = f->tok[j].norm_len;
    return n >= 5 && (!memcmp(w + n - 3, "ian", 3) || !memcmp(w + n - 3, "ish", 3) ||
                      !memcmp(w + n - 3, "ese", 3) || w[n - 1] == 'i');
}

/* The capitalised words before word j name a place the text ran into
 * the speaker after it: "in Homs", "the city of Deir al-Zor" (not "the
 * head of Syria's Red Crescent").  Up to five words, "al" and the like
 * inside the name. */
static int place_before(const sr_facts *f, size_t lo, size_t j)
{
    static const char *const place_nouns[] = {"city", "town", "village", "province",
                                              "district", "area", "countryside", "suburbs",
                                              "neighbourhood", "neighborhood", "capital",
                                              "governorate", NULL};
    size_t k = j;
    int caps = 0;
    /* (not over an article, "Explosion in Damascus A Ria Novosti
     * correspondent": a title that ran into the text) */
    while (k > lo && j - k < 5 &&
           (((f->tok[k - 1].flags & SR_TOK_CAP) && !(srf_cls(f, k - 1) & L_DET)) ||
            srf_is(f, k - 1, "al") || srf_is(f, k - 1, "el") || srf_punct(f, k - 1, '-') ||
            article_name(f, k - 1))) {
        caps += (f->tok[k - 1].flags & SR_TOK_CAP) != 0 || article_name(f, k - 1);
        k--;
    }
    if (!caps || k == lo || (f->tok[k].flags & SR_TOK_POSS))
        return 0;
    size_t b = k - 1;
    /* (past a word of which part, after "on" too: "on northern
     * Aleppo"; "on Syrian state television" is no place) */
    int part = 0;
    if (b > lo && f->tok[b].norm_len > 5 && !(f->tok[b].flags & SR_TOK_CAP) &&
        (srf_is(f, b, "central") ||
         !memcmp(f->tok[b].norm + f->tok[b].norm_len - 3, "ern", 3))) {
        b--;
        part = 1;
    }
    if (srf_is(f, b, "in") || srf_is(f, b, "near") || srf_is(f, b, "at") ||
        (part && srf_is(f, b, "on")))
        return 1;
    /* ("close to the border with Turkey") */
    if (srf_is(f, b, "with") && b > lo &&
        (srf_is(f, b - 1, "border") || srf_is(f, b - 1, "frontier")))
        return 1;
    if (!srf_is(f, b, "of") || b == lo)
        return 0;
    for (int i = 0; place_nouns[i]; i++)
        if (srf_is(f, b - 1, place_nouns[i]))
            return 1;
    return 0;
}

static size_t np_back(const sr_facts *f, size_t lo, size_t e)
{
    if (e == SR_FACTS_NONE || e < lo || e >= f->ntok)
        return SR_FACTS_NONE;
    /* a personal pronoun is the whole speaker: "... without any hope of
     * action he told Reuters" */
    if ((srf_cls(f, e) & L_PRON) &&
        (srf_is(f, e, "he") || srf_is(f, e, "she") || srf_is(f, e, "they") ||
         srf_is(f, e, "it") || srf_is(f, e, "we") || srf_is(f, e, "i") || srf_is(f, e, "you")))
        return e;
    /* A phrase cut short before the cue is none: in "was so horrific and
     * noted", "the site of an alleged attack" the cue's subject is
     * elsewhere or there is none. */
    if ((srf_cls(f, e) & (L_PREP | L_CONJ | L_DET)) && !(f->tok[e].flags & SR_TOK_POSS))
        return SR_FACTS_NONE;
    size_t j = e, first = SR_FACTS_NONE;
    int head = -1;   /* srf_speaker_head(f, e), asked only when needed */
    for (int n = 0; n < 14 && np_word(f, j) && !(f->tok[j].flags & SR_TOK_NUM) &&
                    !(srf_cls(f, j) & (L_MONTH | L_WDAY));
         n++) {
        first = j;
        if (j == lo)
            break;
        /* a determiner after a plain word starts a new phrase: "the convoy the
         * Observatory said" in text that lost its commas */
        uint64_t pc = srf_cls(f, j - 1);
        if ((srf_cls(f, j) & L_DET) && !(srf_cls(f, j) & L_SUBORD) &&
            !(pc & (L_PREP | L_CONJ | L_DET)) && !(f->tok[j - 1].flags & SR_TOK_POSS) &&
            !srf_ispunct(f, j - 1) && !srf_is(f, j - 1, "on"))
            break;
        /* an agency's acronym after a name of another kind starts the
         * speaker: "wounded three people in Damascus SANA said" (a place
         * the lost comma ran into it), not "Syrian state news agency
         * SANA" */
        if (j == e && (f->tok[j].flags & SR_TOK_UPPER) && f->tok[j].norm_len >= 2 &&
            f->tok[j].norm_len <= 6 && !(srf_cls(f, j) & (L_MEDIA | L_PSG)) &&
            !title_listed(f, j) && strspn(f->tok[j].norm, "ivx") != f->tok[j].norm_len &&
            !srf_is(f, j, "pm") && !srf_is(f, j, "mp") && (f->tok[j - 1].flags & SR_TOK_CAP) &&
            !(f->tok[j - 1].flags & SR_TOK_UPPER) &&
            !(srf_cls(f, j - 1) & (L_MEDIA | L_PSG | L_DET | L_PREP | L_CONJ)) &&
            !srf_name_inner(f, j - 1) && !title_listed(f, j - 1))
            break;
        /* an outlet after a place the text ran into it starts the
         * speaker: "killed 20 people in Homs state media reported",
         * "near the city of Deir al-Zor SANA state news agency said" */
        if (!(f->tok[j - 1].flags & SR_TOK_UPPER) && outlet_start(f, j) &&
            place_before(f, lo, j))
            break;
        /* and a nationality before sources or officials: "a rebel-led
         * offensive on northern Aleppo Russian sources reported" */
        if ((f->tok[j].flags & SR_TOK_CAP) && !(f->tok[j].flags & SR_TOK_UPPER) && j < e &&
            !(f->tok[j + 1].flags & SR_TOK_CAP) && srf_speaker_head(f, j + 1) &&
            nationality_form(f, j) && place_before(f, lo, j))
            break;
        /* and so does a person's noun, with a word before it: "close to
         * the border with Turkey local activist Mohammad al-Halabi told" */
        if (!(f->tok[j].flags & SR_TOK_CAP) && (f->tok[j - 1].flags & SR_TOK_CAP) &&
            !nationality_form(f, j - 1) &&
            ((srf_cls(f, j) & (L_PSG | L_PPL)) ||
             (j < e && !(f->tok[j + 1].flags & SR_TOK_CAP) &&
              (srf_cls(f, j + 1) & (L_PSG | L_PPL)))) &&
            place_before(f, lo, j))
            break;
        /* "of" joins a speaker's head to whom it serves ("the head of
         * the Observatory", "officials of the ministry"); after an act's
         * word in -ing it names where the act was, "shelling of Syrias
         * Aleppo local authorities told" */
        if (srf_is(f, j - 1, "of") && j >= lo + 2 && srf_ing_word(f, j - 2) &&
            !srf_speaker_head(f, j - 2))
            break;
        /* a word for an attack ends the phrase before a speaker in text
         * that lost its commas: "withstand heavy aerial bombing defense
         * analysts say" (not one a determiner opens: "a bombing suspect") */
        if ((srf_cls(f, j - 1) & L_ATTACKN) && !(f->tok[j - 1].flags & SR_TOK_CAP) &&
            !srf_speaker_head(f, j - 1) && !(j >= 2 && (srf_cls(f, j - 2) & L_DET)))
            break;
        /* a name after the outlet one speaks to is the speaker alone:
         * "Speaking to Syrian state TV Barazi said" (not "state news
         * agency SANA", whose acronym names the outlet) */
        if ((f->tok[j].flags & SR_TOK_CAP) && !(f->tok[j].flags & SR_TOK_UPPER) &&
            (srf_cls(f, j - 1) & L_MEDIA) && !(srf_cls(f, j) & (L_MEDIA | L_PSG | L_PPL)) &&
            to_outlet(f, lo, j - 1))
            break;
        /* a count before "and" is what the clause before it told, not
         * a speaker joined to this one: "injured dozens and the monitor
         * said" */
        if (srf_is(f, j - 1, "and") && j >= lo + 2 &&
            ((srf_cls(f, j - 2) & (L_VAGUE | L_NUMW)) || (f->tok[j - 2].flags & SR_TOK_NUM) ||
             srf_is(f, j - 2, "others") || srf_is(f, j - 2, "more")))
            break;
        /* a name after a plain lower-case word, or any word after a plural
         * people noun, starts a new phrase */
        if (((f->tok[j].flags & SR_TOK_CAP) && !srf_title_word(f, j - 1) && !srf_name_inner(f, j - 1)) ||
            (srf_plural_head(f, j - 1) && !plain_modifier(f, j)) ||
            (thing_plural(f, j - 1) && !plain_modifier(f, j) &&
             (head < 0 ? (head = srf_speaker_head(f, e)) : head)))
            break;
        j--;
    }
    if (first == SR_FACTS_NONE)
        return first;
    /* no speaker starts with a joining word, nor with an adverb that
     * joins the sentence to the one before ("Meanwhile terrorist
     * organizations admitted") */
    static const char *const linking[] = {"meanwhile", "however", "separately", "moreover",
                                          "furthermore", "also", NULL};
    while (first <= e) {
        int join = (srf_cls(f, first) & (L_PREP | L_CONJ)) && !(srf_cls(f, first) & L_DET);
        for (int k = 0; !join && first < e && linking[k]; k++)
            join = srf_is(f, first, linking[k]);
        if (!join)
            break;
        first++;
    }
    /* and one needs a word that is not a determiner */
    for (size_t k = first; k <= e; k++)
        if (!(srf_cls(f, k) & (L_DET | L_PREP | L_CONJ)) && !(f->tok[k].flags & SR_TOK_POSS))
            return first;
    return SR_FACTS_NONE;
}

/* Where the words before speaker phrase [first, ...) describing the
 * speaker start, reading the phrase as the object of a participle or an
 * adjective ("trying to broker a peace pact", "monitoring the talks",
 * "close to the negotiations"); first when it is none. */
static size_t described_by(const sr_facts *f, size_t lo, size_t first)
{
    size_t g = first;
    if (g >= lo + 3 && srf_is(f, g - 2, "to") && srf_ing_word(f, g - 3))
        g -= 3;
    else if (g >= lo + 3 && srf_is(f, g - 1, "to") &&
             (srf_is(f, g - 2, "close") || srf_is(f, g - 2, "loyal") ||
              srf_is(f, g - 2, "linked") || srf_is(f, g - 2, "allied") ||
              srf_is(f, g - 2, "affiliated") || srf_is(f, g - 2, "opposed")))
        g -= 2;
    else if (g >= lo + 2 && srf_ing_word(f, g - 1) && (srf_cls(f, g) & L_DET))
        g -= 1;   /* (an object with its determiner: not "the governing party") */
    else
        /* what the speaker is known for: "the former mayor of London
         * known for his many public gaffes said" */
        for (size_t k = first; k >= lo + 2 && k + 4 > first; k--)
            /* (not "known as": "Fatah al-Sham Front formerly known as
             * Nusra Front" names the same group) */
            if (srf_is(f, k - 1, "for") &&
                (srf_is(f, k - 2, "known") || srf_is(f, k - 2, "famed") ||
                 srf_is(f, k - 2, "noted") || srf_is(f, k - 2, "famous") ||
                 srf_is(f, k - 2, "notorious") || srf_is(f, k - 2, "renowned"))) {
                g = k - 2;
                break;
            } else if (srf_ispunct(f, k - 1)) {
                break;
            }
    if (g == first || (srf_cls(f, g - 1) & (L_DET | L_PREP | L_CONJ | L_AUX)) ||
        srf_ispunct(f, g - 1))
        return first;
    return g;
}

size_t srf_np_back(const sr_facts *f, size_t lo, size_t e)
{
    size_t first = np_back(f, lo, e);
    /* the object of what describes the speaker is no speaker: "a member
     * of the team trying to broker a peace pact has said" (a few steps at
     * most, so that no input makes a long walk of it) */
    for (int step = 0; step < 4 && first != SR_FACTS_NONE; step++) {
        size_t g = described_by(f, lo, first);
        size_t s2 = g != first ? np_back(f, lo, g - 1) : SR_FACTS_NONE;
        if (s2 == SR_FACTS_NONE)
            break;
        first = s2;
    }
    return first;
}
