/* Who a clause's verb has for its subject and what a word before or after
 * it makes of an event: the tests sitrep's own conventions add to the
 * coder's source and target search (coder.c), one word or a few words
 * each. */
#include <string.h>

#include "code_int.h"

/* "civilian" used as an adjective: the one word of its actor, followed by
 * a plain lower-case noun that is no actor ("civilian casualties",
 * "civilian body count"; not "civilian population" as a verb's subject
 * is rare, and the rule only stops it being a source). */
int code_attributive_civilian(const sr_parse *p, int u)
{
    const sr_pactor *a = &p->actors[u];
    if (a->end != a->start + 1 || a->is_pronoun || a->end >= p->nwords)
        return 0;
    const sr_pword *w = &p->words[a->start], *n = &p->words[a->end];
    if (!word_is(w, "civilian") || n->cap || n->actor >= 0 || n->len < 3 ||
        (n->type != SR_W_NULL && n->type != SR_W_NOUN && n->type != SR_W_EVNOUN &&
         n->type != SR_W_VERB))
        return 0;
    /* (not "a civilian killed in", "a civilian fleeing the town") */
    return !code_participle(n) && !code_ing_form(n);
}

/* A word that counts more victims of an elided passive: "were killed and
 * others injured", "and dozens wounded", "and 30 wounded". */
int code_victims_count(const sr_pword *w)
{
    static const char *const words[] = {"others", "dozens", "scores", "hundreds", "many",
                                        "several", "more", "some", "another", "two", "three",
                                        "four", "five", "six", "seven", "eight", "nine", "ten",
                                        "eleven", "twelve", "twenty", "thirty", "forty", "fifty",
                                        NULL};
    if (w->actor >= 0 || w->cap)
        return 0;
    /* (a number in words too: "and five wounded") */
    return (w->len > 0 && w->w[0] >= '0' && w->w[0] <= '9') || w->type == SR_W_NUMBER ||
           word_in(w, words);
}

/* The word "under" before event noun v, past its modifiers ("under
 * siege", "under heavy government bombardment"), or SIZE_MAX. */
size_t code_under_noun(const sr_parse *p, const sr_proot *v)
{
    for (size_t k = v->start, n = 0; k > 0 && n < 4; k--, n++) {
        const sr_pword *w = &p->words[k - 1];
        if (word_is(w, "under"))
            return k - 1;
        if (w->subord || !(w->type == SR_W_NULL || w->type == SR_W_ADJ || w->type == SR_W_ACTOR ||
                           w->type == SR_W_AGENT || w->type == SR_W_DETERM))
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* Who is under it: the nearest actor ending a few words before "under"
 * at u, in the same stretch of the sentence. */
int code_under_sufferer(const sr_parse *p, size_t u)
{
    for (size_t k = u, n = 0; k > 0 && n < 7; k--, n++) {
        const sr_pword *w = &p->words[k - 1];
        if (w->actor >= 0)
            return p->actors[w->actor].is_pronoun ? -1 : w->actor;
        if (w->subord || w->type == SR_W_COMMA || w->type == SR_W_CONJ)
            return -1;
    }
    return -1;
}

/* A participle right after a plain noun, with BY right after it: "sites
 * hit by bombs" (not "rebels hit by", whose actor object_first_passive
 * reads, nor "the town was hit by"). */
int code_reduced_relative(const sr_parse *p, const sr_proot *v, size_t cend)
{
    if (v->end - v->start != 1 || v->start == 0 || v->end >= cend ||
        p->words[v->end].type != SR_W_BY || !code_participle(&p->words[v->start]))
        return 0;
    const sr_pword *n = &p->words[v->start - 1];
    /* (a noun: not "being struck by", "is regularly targeted by") */
    return n->type == SR_W_NULL && n->actor < 0 && !n->cap && n->len > 2 && !n->subord &&
           !code_verb_adverb(n) && memcmp(n->w + n->len - 2, "ly", 2) &&
           !word_is(n, "being") && !word_is(n, "been") && !code_finite_aux(n) &&
           /* (a weapon's is the main verb's subject: "bombs dropped by the
            * regime killed 49 people") */
           !code_weapon_word(n) && !code_victims_count(n) && !word_is(n, "most") && !word_is(n, "all");
}

/* The word right before verb v (past an adverb) is a personal pronoun
 * that names no actor: the verb's subject, standing for no one known. */
int code_bare_pronoun_subject(const sr_parse *p, const sr_proot *v)
{
    static const char *const subj[] = {"it", "he", "she", "they", "we", NULL};
    size_t k = v->start;
    if (k == 0)
        return 0;
    const sr_pword *w = &p->words[k - 1];
    /* (past an adverb: "it also said"; asked only when a pronoun is
     * there, as this runs for every verb) */
    if (w->type != SR_W_PRONOUN) {
        if (k < 2 || p->words[k - 2].type != SR_W_PRONOUN || !code_verb_adverb(w))
            return 0;
        w = &p->words[k - 2];
    }
    return w->actor < 0 && word_in(w, subj);
}

int code_bare_name_subject(const sr_parse *p, const sr_proot *v)
{
    size_t k = v->start;
    if (k && code_verb_adverb(&p->words[k - 1]))
        k--;
    size_t j = k;
    while (j > 0 && k - j < 5) {
        const sr_pword *w = &p->words[j - 1];
        if (!w->cap || w->type != SR_W_NULL || w->root >= 0 || w->actor >= 0 ||
            sr_parse_calendar_word(w))
            break;
        j--;
    }
    if (j == k || k - j > 4 || (j == 0 && k == 1))
        return 0;
    if (j == 0)
        return 1;
    const sr_pword *b = &p->words[j - 1];
    return b->type == SR_W_COMMA || word_is(b, "that") || word_is(b, "and");
}

static const char *const legal_words[] = {"charge", "charges", "trial", "trials", "suspect",
                                          "suspects", "conviction", "convictions", "indictment",
                                          "case", "cases", "sentence", NULL};

/* Word w is one of legal_words (most words are turned away by their
 * first letter without a compare). */
int code_legal_word(const sr_pword *w)
{
    /* (by length first: this is asked after every verb) */
    if (w->len < 4 || w->len > 11 || w->cap)
        return 0;
    char c = w->w[0], e = w->w[w->len - 1];
    return (c == 'c' || c == 't' || c == 's' || c == 'i') &&
           (e == 'e' || e == 's' || e == 'l' || e == 't' || e == 'n') && word_in(w, legal_words);
}

/* Nouns an event noun qualifies, standing right before them: "the
 * ceasefire zone", "ceasefire monitors", "attack drones" name a place,
 * people or things, no event (the noun after may be an event of its own:
 * "ceasefire talks" are talks).  Not a site, which is where the event
 * happened: "the battle site", "chemical attack sites". */
static const char *const qualified_words[] = {
    "zone",       "zones",       "line",        "lines",     "monitor",     "monitors",
    "monitoring", "observer",    "observers",   "mechanism", "commission",  "committee",
    "helicopter", "helicopters", "drone",       "drones",    "talks",       "negotiations",
    "negotiators", "envoy",      "envoys",      "map",       NULL};
static word_set qualified_set = {.list = qualified_words};

__attribute__((constructor)) static void qualified_sets(void) { word_set_init(&qualified_set); }

int code_qualifies_noun(const sr_parse *p, const sr_proot *v)
{
    if (v->end >= p->nwords)
        return 0;
    const sr_pword *n = &p->words[v->end];
    return !n->cap && n->actor < 0 && word_set_has(&qualified_set, n);
}

/* Words before "of", "with", "for" or "on" that make the noun after them
 * a charge before a court ("convicted of sexual assault", "charged with
 * murder", "jailed for the killing of"): no event the news tells of.
 * Not "charge" ("took charge of the investigation"). */
static const char *const court_words[] = {
    "convicted", "guilty", "acquitted", "exonerated", "cleared", "charged", "sentenced",
    "jailed", "imprisoned", "indicted", "tried", "charges", "conviction", "convictions",
    "counts", "trial", NULL};
static const char *const court_preps[] = {"of", "with", "for", "on", NULL};

int code_charge_before(const sr_parse *p, size_t i)
{
    /* (over modifiers and determiners, joined too: "convicted of sexual
     * assault", "jailed for the bombing", "charges of second-degree and
     * attempted murder") */
    for (size_t k = i, seen = 0; k >= 2 && seen < 5; k--, seen++) {
        const sr_pword *w = &p->words[k - 1];
        if (word_in(w, court_preps))
            return word_in(&p->words[k - 2], court_words);
        if (w->type != SR_W_NULL && w->type != SR_W_ADJ && w->type != SR_W_DETERM &&
            !(w->type == SR_W_CONJ && (word_is(w, "and") || word_is(w, "or"))))
            return 0;
    }
    return 0;
}

int code_stopped_before(const sr_parse *p, size_t i)
{
    static const char *const stops[] = {"pause", "pauses", "halt", "suspension", "cessation",
                                        "moratorium", "freeze", "lull", "respite", "ban",
                                        "stop", "end", NULL};
    static const char *const preps[] = {"in", "to", "of", "on", "from", NULL};
    for (size_t k = i, seen = 0; k >= 2 && seen < 5; k--, seen++) {
        const sr_pword *w = &p->words[k - 1];
        if (w->len <= 4 && word_in(w, preps)) {
            const sr_pword *s = &p->words[k - 2];
            /* ("an end to the shelling"; "the end of the siege" ended one) */
            return word_in(s, stops) && !(word_is(s, "end") && !word_is(w, "to"));
        }
        if (w->type != SR_W_NULL && w->type != SR_W_ADJ && w->type != SR_W_DETERM &&
            w->type != SR_W_NUMBER)
            return 0;
    }
    return 0;
}

int code_disarmed_before(const sr_parse *p, size_t i)
{
    static const char *const undone[] = {
        "defused",  "defuse",    "defusing",  "dismantled", "dismantle", "dismantling",
        "disarmed", "destroyed", "seized",    "found",      "discovered", "confiscated",
        "intercepted", "detected", "removed", "neutralised", "neutralized", "thwarted",
        "foiled",   "averted",   "prevented", NULL};
    for (size_t k = i, seen = 0; k >= 1 && seen < 4; k--, seen++) {
        const sr_pword *w = &p->words[k - 1];
        if (word_in(w, undone))
            return 1;
        if (w->type != SR_W_NULL && w->type != SR_W_ADJ && w->type != SR_W_DETERM &&
            w->type != SR_W_NUMBER)
            return 0;
    }
    return 0;
}

/* Words of sport alone, and pairs of words ("semi final" as the
 * tokeniser splits "semi-final"). */
static const char *const sports_words[] = {
    "semifinal", "semifinals", "quarterfinal", "quarterfinals", "innings", "wicket", "wickets",
    "touchdown", "touchdowns", "playoff", "playoffs", "tournament", "olympics", "goalkeeper",
    "midfielder", "midfielders", "footballer", "footballers", "scoreline", NULL};
static word_set sports_set = {.list = sports_words};
static const char *const sports_firsts[] = {"semi", "quarter", "straight", "world", "champions",
                                            "premier", "grand", "penalty", NULL};
static word_set sports_first_set = {.list = sports_firsts};

__attribute__((constructor)) static void sports_sets(void)
{
    word_set_init(&sports_set);
    word_set_init(&sports_first_set);
}

static const char *const sports_pairs[][2] = {
    {"semi", "final"}, {"semi", "finals"}, {"quarter", "final"}, {"quarter", "finals"},
    {"straight", "sets"}, {"world", "cup"}, {"champions", "league"}, {"premier", "league"},
    {"grand", "slam"}, {"penalty", "shootout"}};
/* What may follow a score ("a 3-0 win"); other words after two numbers
 * make a range ("10-15 people"). */
static const char *const after_score[] = {"win", "victory", "defeat", "loss", "lead", "draw",
                                          "thrashing", "drubbing", "triumph", "rout", "aggregate",
                                          NULL};

/* (word_is() takes a literal; the pairs are pointers) */
static int is_word(const sr_pword *w, const char *s)
{
    size_t n = strlen(s);
    return w->len == n && !memcmp(w->w, s, n);
}

static int small_number(const sr_pword *w)
{
    if (w->type != SR_W_NUMBER || w->len > 3)
        return 0;
    for (size_t k = 0; k < w->len; k++)
        if (w->w[k] < '0' || w->w[k] > '9')
            return 0;
    return 1;
}

int code_sports_sentence(const sr_parse *p)
{
    for (size_t i = 0; i < p->nwords; i++) {
        const sr_pword *w = &p->words[i];
        if (word_set_has(&sports_set, w))
            return 1;
        if (i + 1 < p->nwords) {
            const sr_pword *n = &p->words[i + 1];
            if (word_set_has(&sports_first_set, w))
                for (size_t k = 0; k < sizeof sports_pairs / sizeof *sports_pairs; k++)
                    if (is_word(w, sports_pairs[k][0]) && is_word(n, sports_pairs[k][1]))
                        return 1;
            /* a score: "5-1", "120-95", then no noun ("10-15 people") */
            if (p->text && small_number(w) && small_number(n) && n->start == w->end + 1 &&
                p->text[w->end] == '-') {
                const sr_pword *a = i + 2 < p->nwords ? &p->words[i + 2] : NULL;
                if (!a || word_in(a, after_score) ||
                    (a->type != SR_W_NULL && a->type != SR_W_NOUN && a->type != SR_W_AGENT &&
                     a->type != SR_W_ACTOR && a->type != SR_W_EVNOUN && a->type != SR_W_ADJ &&
                     a->type != SR_W_NUMBER))
                    return 1;
            }
        }
    }
    return 0;
}

/* A verb's plain form: no -s, -ed or -ing ending ("murder", not
 * "killed", "attacks"). */
int code_plain_form(const sr_pword *w)
{
    if (w->len < 3 || code_participle(w) || w->w[w->len - 1] == 's')
        return 0;
    return !(w->len > 4 && !memcmp(w->w + w->len - 3, "ing", 3));
}

static const char *const finite_aux[] = {"has", "have", "had", "is", "are", "was", "were",
                                         "will", "would", NULL};

int code_finite_aux(const sr_pword *w) { return word_in(w, finite_aux); }

static const char *const be_forms[] = {"was", "were", "is", "are", "been", "be", "being", NULL};

int code_be_form(const sr_pword *w) { return word_in(w, be_forms); }

/* A country or capital in a phrase of place that opens the sentence or a
 * comma's stretch ("In Iraq the army attacked Mosul", "Near Damascus
 * rebels shelled ...", "In Syria thousands of rebels attacked") is where
 * the act happened, not who did it: the verb's subject is the next actor
 * before the verb, past any other place joined to the first ("In Iraq
 * and Syria the group ..."); with none, u stays. */
static const char *const region_words[] = {
    "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
    "southeastern", "southwestern", "northeast", "northwest", "southeast", "southwest",
    "neighbouring", "neighboring", "torn", "wartorn", NULL};
static word_set region_set = {.list = region_words};
__attribute__((constructor)) static void region_sets(void) { word_set_init(&region_set); }

int code_past_fronted_place(const sr_parse *p, int u, size_t vstart, int avoid)
{
    const sr_pactor *x = &p->actors[u];
    size_t s = x->start;
    if (x->is_pronoun)
        return u;
    /* (past a word of which part or what state: "In northern Syria the
     * army ...", "In war-torn Syria") */
    if (s >= 2 && p->words[s - 1].actor < 0 && word_set_has(&region_set, &p->words[s - 1]))
        s -= s >= 3 && word_is(&p->words[s - 1], "torn") && word_is(&p->words[s - 2], "war") ? 2 : 1;
    if (s == 0 || !code_locative_word(&p->words[s - 1]) ||
        (s >= 2 && p->words[s - 2].type != SR_W_COMMA))
        return u;
    for (int k = u, guard = 0; guard < 4; guard++) {
        const char *c = sr_parse_actor_code(p, k);
        if (!c || strlen(c) != 3 || p->actors[k].end >= vstart)
            return u;
        int nx = sr_parse_actor_in(p, p->actors[k].end, vstart, avoid);
        if (nx < 0)
            return u;
        /* (joined by "and" or a comma: another place of the phrase) */
        size_t b = p->actors[nx].start;
        const sr_pword *w = &p->words[b - 1];
        if (b == p->actors[k].end + 1 && (word_is(w, "and") || w->type == SR_W_COMMA)) {
            k = nx;
            continue;
        }
        /* (a passive's subject did not do it: "In Iraq Daesh has been
         * beaten back") */
        for (size_t j = p->actors[nx].end; j < vstart; j++) {
            const sr_pword *bw = &p->words[j];
            if (code_be_form(bw)) {
                size_t m = j + 1;
                while (m < vstart && (code_ly_adverb(&p->words[m]) ||
                                      code_verb_adverb(&p->words[m]) ||
                                      word_is(&p->words[m], "now") ||
                                      word_is(&p->words[m], "still") ||
                                      word_is(&p->words[m], "also")))
                    m++;
                if (m < p->nwords && !code_ing_form(&p->words[m]) &&
                    !code_be_form(&p->words[m]))
                    return u;
            }
            if (!code_finite_aux(bw) && !code_be_form(bw) && !code_ly_adverb(bw))
                break;
        }
        return nx;
    }
    return u;
}

/* The word before the verb at vstart, past auxiliaries and adverbs: k of
 * words[k - 1].  (Most verbs have a noun or an actor right before them:
 * one type test.) */
static size_t before_verb(const sr_parse *p, size_t vstart)
{
    size_t k = vstart;
    /* (and a perfect's "have" however typed: "that the rebels have
     * captured") */
    while (k > 0 && vstart - k < 3 &&
           (p->words[k - 1].type == SR_W_AUXIL ||
            (p->words[k - 1].len >= 3 && p->words[k - 1].actor < 0 &&
             (code_verb_adverb(&p->words[k - 1]) || word_is(&p->words[k - 1], "have") ||
              word_is(&p->words[k - 1], "has") || word_is(&p->words[k - 1], "had")))))
        k--;
    return k;
}

int code_rel_opens(const sr_parse *p, size_t vstart)
{
    size_t k = before_verb(p, vstart);
    if (k < 3 || !(word_is(&p->words[k - 1], "that") || word_is(&p->words[k - 1], "which")))
        return 0;
    /* (a plain noun before it, which names no actor: "the treaty that
     * bans chemical weapons") */
    const sr_pword *nb = &p->words[k - 2];
    if (nb->actor < 0 && !nb->cap && nb->type == SR_W_NULL && nb->len > 3 &&
        (p->words[k - 3].type == SR_W_DETERM || p->words[k - 3].type == SR_W_ADJ ||
         p->words[k - 3].type == SR_W_NULL))
        return 1;
    /* (an act's noun: "sniper attacks that targeted Aleppo", whose owner,
     * if any, did it: code_rel_noun_owner) */
    if (nb->actor < 0 && nb->type == SR_W_EVNOUN)
        return 1;
    /* (a place after a preposition before it: the pronoun is of the noun
     * before the place, "an attack in Syria that killed 72") */
    int u = p->words[k - 2].actor;
    if (u < 0 || p->actors[u].end != k - 1 || p->actors[u].start == 0)
        return 0;
    const sr_pword *pr = &p->words[p->actors[u].start - 1];
    return word_is(pr, "in") || word_is(pr, "near") || word_is(pr, "on") || word_is(pr, "at");
}

int code_rel_noun_owner(const sr_parse *p, size_t vstart)
{
    size_t k = before_verb(p, vstart);
    if (k < 3 || !(word_is(&p->words[k - 1], "that") || word_is(&p->words[k - 1], "which")) ||
        p->words[k - 2].type != SR_W_EVNOUN)
        return -3;
    /* back over the act's modifiers ("terrorist rocket and sniper
     * attacks"), to an actor opening the phrase; with none, after "by",
     * "in" or "from" the act was someone else's than the clause's
     * subject's (-2: "were injured by sniper attacks that targeted"), and
     * an object's ("claimed the attack that killed") may be the
     * subject's (-1) */
    for (size_t j = k - 2, n = 0; j > 0 && n < 6; j--, n++) {
        const sr_pword *w = &p->words[j - 1];
        if (w->type == SR_W_BY || word_is(w, "in") || word_is(w, "from") ||
            word_is(w, "during") || code_meet_word(w))
            return -2;
        if (w->actor >= 0) {
            /* (opening the phrase: after "by", a preposition or an
             * article, not a verb's subject, "Civilians fled attacks") */
            int u = w->actor;
            size_t a0 = p->actors[u].start;
            const sr_pword *b = a0 > 0 ? &p->words[a0 - 1] : NULL;
            int opens = b && (b->type == SR_W_BY || b->type == SR_W_PREP || b->type == SR_W_DETERM ||
                              word_is(b, "in") || word_is(b, "of") || word_is(b, "from"));
            return p->actors[u].end == j && !p->actors[u].is_pronoun && opens ? u : -1;
        }
        if (!(w->type == SR_W_NULL || w->type == SR_W_EVNOUN || w->type == SR_W_NOUN ||
              w->type == SR_W_ADJ || (w->type == SR_W_CONJ && word_is(w, "and"))) ||
            w->cap || (w->len > 3 && w->w[w->len - 2] == 'e' && w->w[w->len - 1] == 'd'))
            return -1;
    }
    return -1;
}

int code_asked_who(const sr_parse *p, size_t vstart)
{
    size_t k = before_verb(p, vstart);
    if (k < 2 || !word_is(&p->words[k - 1], "who"))
        return 0;
    const sr_pword *b = &p->words[k - 2];
    /* (after a preposition, a verb of knowing or asking, or a word of
     * doubt: "about who", "asked who", "unclear who", "know who") */
    static const char *const asks[] = {"about", "over", "on", "of", "as", "to", "asked", "ask",
                                       "asks", "know", "knows", "knew", "unclear", "unknown",
                                       "clear", "determine", "establish", "investigate",
                                       "say", "said", "says", "tell", "told", "whether",
                                       "blame", NULL};
    return b->actor < 0 && b->type != SR_W_COMMA && word_in(b, asks);
}

/* "a crowd that threw stones", "gunmen who had attacked the convoy", "the
 * group, which claimed the attack": a verb right after a relative pronoun
 * (past auxiliaries and an adverb) has the noun phrase before the pronoun
 * for its subject, not the sentence's; one with an actor between it and
 * the pronoun ("which Russia denies") has that actor: the actor, or -1.
 * A "that" after anything but an actor is a report's or a clause's ("said
 * that", "so that"). */
/* -ing forms that mostly qualify the noun before them ("urged the rebels
 * fighting the government"), not the act before ("shelled the town
 * killing five", whose killing was the shelling's). */
static const char *const qualifying_ing[] = {
    "fighting", "battling", "besieging", "holding", "controlling", "occupying", "protesting",
    "demonstrating", "rallying", "marching", "opposing", "defending", "guarding", "manning",
    NULL};
static word_set qualifying_set = {.list = qualifying_ing};
__attribute__((constructor)) static void qualifying_sets(void) { word_set_init(&qualifying_set); }

int code_object_participle(const sr_parse *p, size_t vstart)
{
    if (vstart < 2 || !word_set_has(&qualifying_set, &p->words[vstart]))
        return -1;
    int u = p->words[vstart - 1].actor;
    if (u < 0 || p->actors[u].end != vstart || p->actors[u].is_pronoun)
        return -1;
    int cl = p->words[vstart].clause;
    for (size_t k = p->actors[u].start; k > 0 && p->words[k - 1].clause == cl; k--)
        if (p->words[k - 1].type == SR_W_VERB && !p->words[k - 1].subord)
            return u;
    return -1;
}

int code_rel_subject(const sr_parse *p, size_t vstart)
{
    /* (and a participle on an object: "urged the rebels fighting the
     * government" -- the rebels fight) */
    int op = code_object_participle(p, vstart);
    if (op >= 0)
        return op;
    size_t k = before_verb(p, vstart);
    /* "which Russia denies", "that the government has rejected": the
     * actor between the pronoun and the verb */
    if (k >= 2 && p->words[k - 1].actor >= 0) {
        int o = p->words[k - 1].actor;
        const sr_pactor *ou = &p->actors[o];
        if (ou->end == k && !ou->is_pronoun && ou->start >= 1) {
            size_t b = ou->start - 1;
            if (p->words[b].type == SR_W_DETERM && b >= 1)
                b--;
            if (code_rel_word(&p->words[b]) && !word_is(&p->words[b], "who"))
                return o;
        }
        return -1;
    }
    if (k < 2 || !code_rel_word(&p->words[k - 1]))
        return -1;
    size_t e = k - 1;
    /* ("the group, which claimed": the comma of a non-restrictive clause) */
    if (e >= 2 && p->words[e - 1].type == SR_W_COMMA && !p->words[e - 1].in_compound)
        e--;
    int u = p->words[e - 1].actor;
    if (u < 0 || p->actors[u].end != e || p->actors[u].is_pronoun)
        return -1;
    /* (a place after a preposition is seldom what the pronoun means:
     * "Israeli missiles over Damascus that were fired at ..."; people
     * are: "threw stones at police, who responded") */
    size_t s0 = p->actors[u].start;
    const char *uc = sr_parse_actor_code(p, u);
    if (s0 > 0 && code_locative_word(&p->words[s0 - 1]) && (!uc || strlen(uc) == 3))
        return -1;
    return u;
}

/* Actor u stands in actor src's own noun phrase, joined to it by "of",
 * "from", "backed by" and the like ("the regime of President Bashar
 * al-Assad", "terrorists from Jaish al-Fateh", "regime troops backed by
 * Syrian and Russian war planes"), or by a word of where ("Russian
 * troops in Syria attacked the village": Syria is where they are). */
int code_in_phrase_of(const sr_parse *p, int src, int u)
{
    static const char *const joins[] = {"of", "the", "a", "an", "from", "backed", "by",
                                        "supported", "led", "with", "help", "and", "in",
                                        "inside", "near", "at", NULL};
    size_t e = p->actors[src].end, s = p->actors[u].start;
    if (s < e || s > e + 5)
        return 0;
    for (size_t k = e; k < s; k++)
        if (!word_in(&p->words[k], joins))
            return 0;
    return 1;
}

int code_own_forces(const sr_parse *p, int src, int tgt)
{
    const sr_pactor *t = &p->actors[tgt];
    if (t->start == 0 || t->is_pronoun)
        return 0;
    const sr_pword *w = &p->words[t->start - 1];
    if (!word_is(w, "its") && !word_is(w, "their"))
        return 0;
    const char *sc = sr_parse_actor_code(p, src), *tc = sr_parse_actor_code(p, tgt);
    /* (the possessor's code or none: "its troops" of the US, USAMIL or ~MIL) */
    return sc && tc && strlen(tc) > 3 &&
           (!strncmp(tc, "---", 3) || tc[0] == '~' || !strncmp(sc, tc, 3));
}

/* Verbs of seeing or hearing (code_perceived_subject: asked of every
 * verb with a subject before it, so a hashed set). */
static const char *const perceive_words[] = {"saw", "see", "sees", "seen", "watched", "watch",
                                             "watches", "heard", "hear", "hears", "witnessed",
                                             "observed", "noticed", "spotted", NULL};
static word_set perceive_set = {.list = perceive_words};

__attribute__((constructor)) static void perceive_sets(void) { word_set_init(&perceive_set); }

int code_perceived_subject(const sr_parse *p, int src, size_t vstart)
{
    size_t e = p->actors[src].end;
    /* the verb of perceiving within a few words after the perceiver (over
     * a place or a title: "An AFP photographer in Idlib saw") */
    for (size_t k = e; k < vstart && k < e + 4; k++) {
        const sr_pword *w = &p->words[k];
        if (w->type == SR_W_VERB || w->type == SR_W_COMMA || w->subord)
            return -1;
        if (w->actor >= 0 || !word_set_has(&perceive_set, w))
            continue;
        /* the one seen: an actor right after it, whose end the verb
         * follows ("saw Russian jets bomb", "saw soldiers beat") */
        size_t j = k + 1;
        if (j < vstart && p->words[j].type == SR_W_DETERM)
            j++;
        int u = j < vstart ? p->words[j].actor : -1;
        if (u >= 0 && p->actors[u].start == j && p->actors[u].end == vstart)
            return u;
        /* (or with what they were doing between: "saw men clambering over
         * rubble in slippers or sandals to help evacuate wounded
         * residents" -- the men's act; but "saw men clambering over
         * rubble and rescued a child" is the seer's own) */
        if (u >= 0 && p->actors[u].start == j && p->actors[u].end < vstart &&
            code_ing_form(&p->words[p->actors[u].end]) &&
            p->words[vstart - 1].type != SR_W_CONJ) {
            size_t i = p->actors[u].end + 1;
            for (; i < vstart; i++) {
                const sr_pword *x = &p->words[i];
                if (x->actor >= 0 || x->type == SR_W_COMMA || x->subord ||
                    (x->type == SR_W_VERB && !code_ing_form(x) && !word_is(x, "help")))
                    break;
            }
            if (i == vstart)
                return u;
        }
        /* (or no one named: "saw men clambering over rubble to help
         * evacuate wounded residents" -- no act of the photographer's; a
         * verb right after it is what was seen, "saw protests", and one
         * after a preposition no act seen, "saw protests in support of") */
        if (k + 1 == vstart || p->words[vstart - 1].type == SR_W_PREP)
            return -1;
        for (size_t i = k + 1; i < vstart; i++) {
            const sr_pword *x = &p->words[i];
            if (x->actor >= 0 || x->type == SR_W_COMMA || x->type == SR_W_CONJ || x->subord ||
                (x->type == SR_W_VERB && !code_ing_form(x) && !word_is(x, "help")))
                return -1;
        }
        return -2;
    }
    return -1;
}

int code_own_verb_before(const sr_parse *p, size_t cstart)
{
    if (!cstart)
        return 0;
    int cl = p->words[cstart - 1].clause;
    /* (a clause ending in no actor has said something of its own, if
     * with a verb the dictionaries do not know: "stayed home") */
    if (p->words[cstart - 1].actor < 0)
        return 1;
    for (size_t k = cstart; k > 0 && p->words[k - 1].clause == cl; k--)
        if (p->words[k - 1].type == SR_W_VERB && !code_saying_word(&p->words[k - 1]))
            return 1;
    return 0;
}
