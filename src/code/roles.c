/* Who did what to whom in sitrep's own conventions, word by word: an event
 * noun's actors, casualty participles (adjectives, reduced and elliptical
 * passives), and actors that only place another ("opposition-held",
 * "London-based").  Called by coder.c; TABARI and PETRARCH dictionaries
 * keep their coders' rules, except for an event noun's actors. */
#include "code_int.h"

#include <stdint.h>

/* ---- event nouns ------------------------------------------------------------ */

/* Words that may stand between an owner and its event noun ("Israeli
 * deadly air strikes", "the army's heavy shelling"). */
static int filler(const sr_pword *w)
{
    return w->type == SR_W_NULL || w->type == SR_W_ADJ || w->type == SR_W_NOUN ||
           w->type == SR_W_NUMBER;
}

/* Verbs the dictionaries leave untyped whose subject meets an event, not
 * does it ("Syria saw heavy fighting", "the town endured shelling",
 * "four protesters died from gunfire": who died, nouns.c died_in). */
static const char *const meet_words[] = {
    "saw", "see", "sees", "seen", "witnessed", "witness", "witnesses", "suffered", "suffer",
    "suffers", "experienced", "experience", "experiences", "endured", "endure", "endures",
    "faced", "face", "faces", "sustained", "sustain", "sustains", "underwent", "undergo",
    "recorded", "registered", "died", "die", "dies", "perished", "received", "receive",
    "receives", "receiving",
    /* (and who flees it or lives through it: "Civilians fled sniper
     * attacks") */
    "fled", "flee", "flees", "fleeing", "escaped", "escaping", "survived", "survive",
    "survives", "surviving", NULL};
static word_set meet = {.list = meet_words};
/* ... of which these make it the event's target */
static const char *const suffer_words[] = {"suffered", "suffer",   "suffers",   "endured",
                                           "endure",   "endures",  "sustained", "sustain",
                                           "sustains", "received", "receive",   "receives",
                                           "receiving", NULL};
static word_set suffer = {.list = suffer_words};
/* ... and words between that make the noun what its owner expects or
 * guards against: "the army braced for attacks", "the army feared
 * attacks", "thwarted attacks" */
static const char *const awaited_words[] = {
    "feared", "fear", "fears", "expected", "expect", "expects",
    "braced", "brace", "braces", "anticipated", "anticipate", "anticipates", "awaited",
    "await", "awaits", "repelled", "repel", "repels", "repulsed", "thwarted", "foiled",
    "averted", "prevented", "condemned", "condemns", "denounced", "reported", "foils", "foil",
    "thwarts", "thwart", "repulses", "repulse", "averts", "avert", "prevents", "prevent", NULL};
static word_set awaited = {.list = awaited_words};

int code_meets_event(const sr_parse *p, size_t from, size_t to, int *suffers)
{
    for (size_t k = from; k < to; k++)
        if (word_set_has(&meet, &p->words[k])) {
            /* (what is received is the event only close by, not through
             * news of it: "received the information about the killings") */
            const sr_pword *w = &p->words[k];
            if (w->len >= 7 && !memcmp(w->w, "receiv", 6)) {
                if (to - k > 4)
                    return 0;
                for (size_t j = k + 1; j < to; j++)
                    if (word_is(&p->words[j], "of") || word_is(&p->words[j], "about") ||
                        word_is(&p->words[j], "on"))
                        return 0;
            }
            if (suffers)
                *suffers = word_set_has(&suffer, &p->words[k]);
            return 1;
        }
    return 0;
}

/* Words no owner phrase runs through: the prepositions the dictionaries
 * leave untyped ("Rebels released the hostages after talks with the
 * government": the hostages own no talks). */
static const char *const owner_stop_words[] = {"after", "before", "during", "following",
                                               "amid", "amidst", "despite", "since", "until",
                                               "without", "through", "throughout", "via",
                                               "over", "about", "than", "from", "-", "--",
                                               NULL};
static word_set owner_stops = {.list = owner_stop_words};

/* The actor unit ending right before word i, over at most two fillers
 * (not over a verb of meeting an event: "Syria saw heavy fighting"). */
static int owner_before(const sr_parse *p, size_t i)
{
    for (size_t k = i, skipped = 0; k > 0 && skipped <= 2; k--) {
        const sr_pword *w = &p->words[k - 1];
        if (w->actor >= 0)
            return sr_parse_actor_code(p, w->actor) && !w->subord ? w->actor : -1;
        if (!filler(w) || w->subord || word_set_has(&meet, w) || word_set_has(&awaited, w) ||
            word_set_has(&owner_stops, w))
            return -1;
        skipped++;
    }
    return -1;
}

/* The actor unit starting within a few words after word i, where the
 * words between are fillers or determiners. */
int code_actor_after(const sr_parse *p, size_t i, size_t limit)
{
    for (size_t k = i; k < p->nwords && k < i + limit; k++) {
        const sr_pword *w = &p->words[k];
        if (w->subord)
            return -1;
        if (w->actor >= 0)
            return sr_parse_actor_code(p, w->actor) && p->actors[w->actor].start == k ? w->actor : -1;
        if (!filler(w) && w->type != SR_W_DETERM)
            return -1;
    }
    return -1;
}

static const char *const target_prep_words[] = {"on", "against", "of", "targeting", "at",
                                                "in", "upon", "toward", "towards", NULL};
static word_set target_preps = {.list = target_prep_words};

/* Participles of carrying out an attack or setting off a weapon: the actor
 * after their "by" did it ("air strikes carried out by", "rockets fired
 * by", "a raid led by", "an IED emplaced by"). */
static const char *const carry_words[] = {
    "carried", "launched", "conducted", "fired", "dropped", "perpetrated", "committed",
    "staged", "mounted", "waged", "led", "executed", "unleashed", "lobbed", "claimed",
    "planted", "emplaced", "laid", "detonated", "thrown", "hurled", NULL};

static word_set carry_set = {.list = carry_words};

int code_carry_word(const sr_pword *w) { return word_set_has(&carry_set, w); }
/* and of making an agreement or a measure ("a truce agreed by Russia and
 * the United States", "sanctions imposed by the EU") */
static const char *const made_words[] = {"agreed", "announced", "declared", "imposed",
                                         "proposed", "signed", "ordered", NULL};
static word_set made = {.list = made_words};

/* An adverb before a participle ("allegedly carried out", "most likely"). */
int code_ly_adverb(const sr_pword *w)
{
    return code_verb_adverb(w) || word_is(w, "most") || word_is(w, "actually") ||
           (w->len > 4 && w->w[w->len - 2] == 'l' && w->w[w->len - 1] == 'y' && !w->cap &&
            w->type == SR_W_NULL);
}

/* sitrep's conventions: the one who carried out an event noun's act,
 * named after it through a participle and "by": "an attack launched by
 * al-Nusra Front", "air raids carried out by Syrian warplanes", "a truce
 * agreed by Russia", "the attack was most likely carried out by Russian
 * warplanes", "sexual violence was being commanded, orchestrated and
 * perpetrated by the armed forces", or right after its object ("the
 * siege of the city by the Syrian regime", "bombing of Aleppo on Friday
 * by regime forces").  Another participle ("areas controlled by rebels",
 * "a checkpoint run by U.S.-backed fighters") names no agent of it. */
static int noun_agent_after(const sr_parse *p, const sr_proot *v)
{
    size_t k = v->end, n = p->nwords;
    /* (no "by" close after it, as for most nouns: nothing to look at) */
    size_t q = k;
    while (q < n && q < k + 10 && p->words[q].type != SR_W_BY)
        q++;
    if (q >= n || q >= k + 10)
        return -1;
    /* its object: "of", "on" or "against" and a few words of a noun
     * phrase, no participle among them */
    if (k < n && (word_is(&p->words[k], "of") || word_is(&p->words[k], "on") ||
                  word_is(&p->words[k], "against") || word_is(&p->words[k], "in"))) {
        size_t e = k + 1;
        while (e < n && e < k + 6 && !p->words[e].subord && !code_participle(&p->words[e]) &&
               (p->words[e].actor >= 0 || filler(&p->words[e]) ||
                p->words[e].type == SR_W_DETERM || word_is(&p->words[e], "of")))
            e++;
        if (e == k + 1)
            return -1;
        k = e;
    }
    while (k < n && p->words[k].type == SR_W_TIME && !p->words[k].subord)
        k++;
    /* "was (most likely) carried out", "had been perpetrated" */
    size_t a = k;
    while (k < n && k < a + 3 &&
           (word_is(&p->words[k], "was") || word_is(&p->words[k], "were") ||
            word_is(&p->words[k], "been") || word_is(&p->words[k], "being") ||
            word_is(&p->words[k], "had") || word_is(&p->words[k], "has") ||
            word_is(&p->words[k], "have") || word_is(&p->words[k], "is") ||
            word_is(&p->words[k], "are")))
        k++;
    int aux = k > a;
    while (k < n && k < a + 5 && code_ly_adverb(&p->words[k]))
        k++;
    /* participles, joined by commas or "and" after an auxiliary
     * ("commanded, orchestrated and perpetrated"): the last one says
     * what the agent did */
    int carry = 0;
    for (size_t b = k; k < n && k < b + 8; k++) {
        const sr_pword *w = &p->words[k];
        if (w->subord)
            return -1;
        if (w->type == SR_W_BY)
            break;
        if (word_set_has(&carry_set, w) || word_set_has(&made, w)) {
            carry = 1;
            if (k + 1 < n && (word_is(&p->words[k + 1], "out") || word_is(&p->words[k + 1], "off")))
                k++;
            continue;
        }
        carry = 0;
        if (aux && code_participle(w))
            continue;
        if (aux && k > b && (w->type == SR_W_COMMA || word_is(w, "and")))
            continue;
        break;
    }
    if (k > a && !carry)
        return -1;
    if (k >= n || p->words[k].type != SR_W_BY || p->words[k].subord)
        return -1;
    return code_actor_after(p, k + 1, 4);
}

/* The noun ending at word e is the subject of "left X dead" ("Gun
 * attacks in the city have left seven people dead", "air strikes left 20
 * civilians wounded"): X, its victims, or -1.  The walk stops at another
 * verb, a comma or a dozen words. */
static int left_dead(const sr_parse *p, size_t e)
{
    static const char *const leave[] = {"left", "leave", "leaves", "leaving", NULL};
    static const char *const state[] = {"dead", "wounded", "injured", "homeless", NULL};
    for (size_t k = e; k < p->nwords && k < e + 12; k++) {
        const sr_pword *w = &p->words[k];
        if (w->subord || w->type == SR_W_COMMA)
            return -1;
        if (!word_in(w, leave)) {
            if (w->type == SR_W_VERB)
                return -1;
            continue;
        }
        int u = code_actor_after(p, k + 1, 3);
        if (u < 0 || p->actors[u].end >= p->nwords ||
            !word_in(&p->words[p->actors[u].end], state))
            return -1;
        return u;
    }
    return -1;
}

/* Source and target of an event noun at root v, from the words around it:
 * "X's/X N", "N by X", "N between X and Y", "N on/against/of/targeting Y". */
/* The owner a possessive pronoun at word k names: the nearest actor
 * before it of its number ("Police arrested the rebels after their
 * attack"), "their" a plural and "its" a singular (number 2 and 1), a
 * country a singular whatever its name ("the United States began its air
 * campaign"); not the victims of a killing ("killed the civilians before
 * their withdrawal").  Else, and for "his" and "her", the sentence's first
 * actor ("Bosnian Serbs said their forces"). */
static int pronoun_owner(const sr_parse *p, size_t k, int number, int avoid)
{
    static const char *const kill_words[] = {"killed", "kill", "kills", "killing", "wounded",
                                             "injured", "slain", "executed", "massacred", NULL};
    for (size_t i = k; number && i > 0; i--) {
        int u = p->words[i - 1].actor;
        const sr_pactor *pa = u >= 0 ? &p->actors[u] : NULL;
        if (!pa || u == avoid || pa->is_pronoun || pa->end != i)
            continue;
        const sr_pword *h = &p->words[i - 1];
        int plural = (h->len > 2 && (h->w[h->len - 1] == 's' || h->w[h->len - 1] == 'S')) ||
                     word_is(h, "police") || word_is(h, "people");
        if (pa->ncodes == 1 && pa->codes && pa->codes[0] && strlen(pa->codes[0]) == 3 &&
            pa->codes[0][0] != '-')
            plural = 0;
        if (plural != (number == 2))
            continue;
        size_t b = pa->start;
        while (b > 0 && (p->words[b - 1].type == SR_W_DETERM || p->words[b - 1].type == SR_W_NUMBER ||
                         word_is(&p->words[b - 1], "least") || word_is(&p->words[b - 1], "at")))
            b--;
        if (b > 0 && word_in(&p->words[b - 1], kill_words))
            continue;
        return u;
    }
    return sr_parse_actor_in(p, 0, k, avoid);
}

void code_noun_actors(const sr_parse *p, const sr_proot *v, int force, int *src, int *tgt)
{
    *src = *tgt = -1;
    size_t e = v->end;
    /* an -ing noun with an actor right after it takes it as its object:
     * "the main force fighting Daesh" */
    const sr_pword *last = &p->words[e - 1];
    const sr_pword *before = v->start > 0 ? &p->words[v->start - 1] : NULL;
    if (code_ing_form(last) &&
        !(before && (before->type == SR_W_DETERM || before->poss || before->cap))) {
        /* (past a determiner or a modifier: "fighting numerous opposition
         * factions", not past a preposition: "fighting in Aleppo"; "the
         * shelling", "today's bombing" are plain nouns) */
        static const char *const some[] = {"numerous", "several", "many", "other", "rival",
                                           "various", NULL};
        size_t k = e;
        while (k < p->nwords && k < e + 2 && p->words[k].actor < 0 && !p->words[k].subord &&
               (p->words[k].type == SR_W_DETERM || p->words[k].type == SR_W_ADJ ||
                p->words[k].type == SR_W_NUMBER || word_in(&p->words[k], some)))
            k++;
        int u = k < p->nwords ? p->words[k].actor : -1;
        /* (nor the subject of what follows: "shelling rebels fired") */
        if (u >= 0 && p->actors[u].start == k && !p->words[k].subord &&
            (p->actors[u].end >= p->nwords ||
             (p->words[p->actors[u].end].type != SR_W_VERB &&
              p->words[p->actors[u].end].type != SR_W_AUXIL)) &&
            !code_language_spoken(p, u))
            *tgt = u;
    }
    /* Look past a few modifiers after the noun ("clashes erupted between"
     * is a verb, not a modifier: stop at anything typed). */
    static const char *const adverbs[] = {"also", "again", "once", "reportedly", NULL};
    for (size_t k = e, lim = e + 3; k < p->nwords && k < lim; k++) {
        const sr_pword *w = &p->words[k];
        if (w->subord)
            break;
        /* (an adverb counts as none: "fighting also broke out between") */
        if (word_in(w, adverbs) || code_ly_adverb(w)) {
            lim++;
            continue;
        }
        if (word_is(w, "between")) {
            int u = code_actor_after(p, k + 1, 3);
            if (u >= 0) {
                *src = *tgt = u; /* a compound: each pair both ways */
                size_t after = p->actors[u].end;
                if (p->actors[u].compound < 0 && after < p->nwords &&
                    word_is(&p->words[after], "and"))
                    *tgt = code_actor_after(p, after + 1, 3);
                /* (a list whose commas were lost: "between Faylaq
                 * al-Rahman Jaysh al-Islam and ...") */
                else if (p->actors[u].compound < 0 && after < p->nwords &&
                         p->words[after].actor >= 0 &&
                         p->actors[p->words[after].actor].start == after)
                    *tgt = p->words[after].actor;
                return;
            }
            break;
        }
        if (w->type == SR_W_BY && *src < 0) {
            *src = code_actor_after(p, k + 1, 3);
            continue;
        }
        /* ("jet strikes blamed on the Syrian regime", "attacks attributed
         * to the rebels", "the attack was blamed on the PKK": who is
         * blamed did it) */
        int aux = w->type == SR_W_AUXIL && k + 1 < p->nwords && code_blame_at(p, k + 1);
        if (code_blame_at(p, k) || aux) {
            if (*src < 0)
                *src = code_actor_after(p, k + 2 + aux, 4);
            break;
        }
        /* ("an air attack in which six people died": who died in it) */
        if (word_is(w, "in") && *tgt < 0 && k + 1 < p->nwords &&
            (word_is(&p->words[k + 1], "which") || word_is(&p->words[k + 1], "whom"))) {
            *tgt = code_actor_after(p, k + 2, 4);
            break;
        }
        /* (where force was used is no side of it: "fighting in Syria",
         * "air strikes in Syria"; a curfew or a plot "in Berlin" is
         * aimed at the place) */
        if (force && word_is(w, "in"))
            continue;
        if (word_set_has(&target_preps, w) && *tgt < 0) {
            *tgt = code_actor_after(p, k + 1, 4);
            if (*tgt >= 0) {
                k = p->actors[*tgt].end - 1;
                /* ("the offensive of the SDF against Daesh", "the attack
                 * of the rebels on the post": what "of" names owns the
                 * act whose target a later "against" or "on" names) */
                size_t o = k + 1;
                /* (past the name's short form: "Forces (SDF) against") */
                if (o + 3 < p->nwords && word_is(&p->words[o], "(") &&
                    word_is(&p->words[o + 2], ")"))
                    o += 3;
                if (word_is(w, "of") && *src < 0 && o + 1 < p->nwords &&
                    (word_is(&p->words[o], "against") || word_is(&p->words[o], "on") ||
                     word_is(&p->words[o], "upon") || word_is(&p->words[o], "targeting"))) {
                    int u = code_actor_after(p, o + 1, 4);
                    if (u >= 0) {
                        *src = *tgt;
                        *tgt = u;
                        k = p->actors[u].end - 1;
                    }
                }
            }
            continue;
        }
        if (w->type != SR_W_NULL && w->type != SR_W_ADJ)
            break;
    }
    if (*src < 0)
        *src = noun_agent_after(p, v);
    if (*src < 0)
        *src = owner_before(p, v->start);
    /* (an event noun joined by "and" to one with an owner shares it:
     * "regime shelling and air strikes") */
    if (*src < 0 && v->start >= 3 && word_is(&p->words[v->start - 1], "and") &&
        !p->words[v->start - 1].subord) {
        int32_t r = p->words[v->start - 2].root;
        if (r >= 0 && p->roots[r].type == SR_W_EVNOUN && p->roots[r].end == v->start - 1)
            *src = owner_before(p, p->roots[r].start);
    }
    if (*src < 0 && v->start > 0) {
        /* "Bosnian Serbs said their forces had completed their
         * withdrawal": a possessive pronoun owner is the sentence's first
         * actor before it. */
        size_t k = v->start;
        while (k > 0 && filler(&p->words[k - 1]) && v->start - k < 3)
            k--;
        const sr_pword *w = k > 0 ? &p->words[k - 1] : NULL;
        if (w && (word_is(w, "its") || word_is(w, "their") || word_is(w, "his") ||
                  word_is(w, "her")))
            *src = pronoun_owner(p, k - 1, word_is(w, "their") ? 2 : word_is(w, "its"), *tgt);
    }
    if (*tgt < 0)
        *tgt = left_dead(p, e);
    if (*src >= 0 && *tgt >= 0 && sr_parse_resolve(p, (size_t)*src) ==
                                      sr_parse_resolve(p, (size_t)*tgt) &&
        p->actors[*src].compound < 0)
        *tgt = -1;
}

/* Participles that count casualties (all of 4 to 9 letters, ending in d, t
 * or n: most verbs are turned away without a compare). */
static const char *const hurt_words[] = {"killed", "wounded", "injured", "hurt", "slain",
                                         "detained", "arrested", "kidnapped", "abducted",
                                         "executed", "displaced", "besieged", NULL};
static word_set hurt = {.list = hurt_words};

/* Prepositions before a place ("missiles over Damascus that ..."). */
static const char *const locative_words[] = {"in", "over", "near", "at", "into", "across",
                                             "around", "outside", "inside", "toward",
                                             "towards", NULL};
static word_set locatives = {.list = locative_words};

int code_locative_word(const sr_pword *w) { return word_set_has(&locatives, w); }


/* Verbs whose object comes first in the active ("X accused Y of", "police
 * arrested Y in", "gunmen killed Y in"): right after the actor, before a
 * preposition, they are a passive, a headline's or a participle's on a
 * noun ("Syrian regime accused of bombing Daraya", "Protesters arrested
 * in Damascus", "Children killed in school incident", "carried pictures
 * of fighters killed in Afrin", "a girl wounded in the town"): none of
 * them is said without its object. */
static const char *const object_first_words[] = {
    "accused",  "blamed",    "charged",   "suspected", "convicted", "sentenced", "arrested",
    "detained", "jailed",    "imprisoned", "kidnapped", "abducted", "executed",  "indicted",
    "deported", "expelled",  "fined",     "sued",      "condemned", "criticized", "criticised",
    "sanctioned", "killed",  "wounded",   "injured",   "slain",     "beheaded",  "tortured",
    "massacred", "maimed",   "besieged",  NULL};
static word_set object_first = {.list = object_first_words};


/* Casualty participles after a clause (code_participle_source). */
static const char *const casualty_ing_words[] = {"killing", "wounding", "injuring", NULL};
static word_set casualty_ing = {.list = casualty_ing_words};

int code_casualty_ing(const sr_pword *w) { return word_set_has(&casualty_ing, w); }
int code_meet_word(const sr_pword *w) { return word_set_has(&meet, w); }

/* Prepositions between an event noun and what it was done to
 * (code_noun_object). */
static const char *const object_prep_words[] = {"on", "against", "of", "targeting", "upon", NULL};
static word_set object_preps = {.list = object_prep_words};

__attribute__((constructor)) static void roles_sets(void)
{
    word_set_init(&carry_set);
    word_set_init(&owner_stops);
    word_set_init(&made);
    word_set_init(&target_preps);
    word_set_init(&hurt);
    word_set_init(&locatives);
    word_set_init(&object_first);
    word_set_init(&casualty_ing);
    word_set_init(&object_preps);
    word_set_init(&meet);
    word_set_init(&awaited);
    word_set_init(&suffer);
}

/* (inlined: most words fail the length or the last letter, and the call
 * cost more than the test; asked of most verbs twice) */
static inline __attribute__((always_inline)) int hurt_word(const sr_pword *w)
{
    size_t n = w->len;
    if (n < 4 || n > 9)
        return 0;
    char e = w->w[n - 1];
    return (e == 'd' || e == 't' || e == 'n') && word_set_has(&hurt, w);
}

int code_hurt_word(const sr_pword *w) { return hurt_word(w); }

/* sitrep's conventions: a casualty participle between a determiner, a
 * count or a preposition and the actor or thing it describes ("many
 * wounded people", "the besieged residents", "with injured civilians",
 * "in some besieged areas") is an adjective, no event. */
/* sitrep's conventions: a participle joined by a hyphen to the word
 * before is a compound adjective ("the Israeli-occupied West Bank",
 * "surface-fired rockets", "a war-battered country"), no event; not after
 * a prefix ("re-elected", "co-sponsored", "counter-attacked").  So is any
 * verb's word joined to a number ("a 40-pound turkey", "a 500-pound
 * bomb": no pounding). */
static int hyphen_participle(const sr_parse *p, const sr_proot *v)
{
    static const char *const prefixes[] = {"re",  "co",   "pre",  "counter", "de",    "mis",
                                           "out", "over", "under", "post",   "inter", "un",
                                           "self", NULL};
    const sr_pword *w = &p->words[v->start], *b = &p->words[v->start - 1];
    return p->text && w->start > 0 && p->text[w->start - 1] == '-' && b->end + 1 == w->start &&
           (code_participle(w) || b->type == SR_W_NUMBER) && !word_in(b, prefixes);
}

int code_adjectival(const sr_parse *p, const sr_proot *v)
{
    static const char *const before[] = {"many",      "several",    "some",  "more",
                                         "other",     "with",       "badly", "lightly",
                                         "seriously", "critically", "severely", "for",
                                         "among",     "to",         NULL};
    if (v->start > 0 && hyphen_participle(p, v))
        return 1;
    if (v->end - v->start != 1 || v->start == 0 || v->end >= p->nwords)
        return 0;
    const sr_pword *prev = &p->words[v->start - 1], *next = &p->words[v->end];
    /* ("the villages surrounding the town", "the area surrounding
     * Aleppo": where, after a place's noun; "forces surrounding the town"
     * and "are surrounding" lay a siege) */
    static const char *const around[] = {"surrounding", "encircling", NULL};
    static const char *const places[] = {
        "area", "areas", "village", "villages", "town", "towns", "city", "cities", "region",
        "regions", "hills", "mountains", "countryside", "district", "districts", "suburbs",
        "neighbourhoods", "neighborhoods", "farms", "fields", "land", "lands", "territory",
        "territories", "camps", "roads", "streets", "desert", "province", "provinces", NULL};
    if (word_in(&p->words[v->start], around) && prev->actor < 0 && !prev->subord &&
        word_in(prev, places))
        return 1;
    /* ("jet strikes blamed on the regime", "attacks attributed to the
     * rebels": the blame is the report's, no event) */
    if (code_blame_at(p, v->start) && prev->actor < 0 &&
        (prev->type == SR_W_NOUN || prev->type == SR_W_EVNOUN || prev->type == SR_W_NULL))
        return 1;
    /* what it describes: an actor, or a noun the dictionaries do not
     * know as one ("the besieged town of Madaya", "some besieged areas") */
    /* (not a word that opens a clause or a phrase after a count right
     * after "and": "were killed and 5 wounded when gunmen attacked" is
     * an elided passive, as "and five wounded" is) */
    static const char *const opens[] = {"when", "as", "after", "while", "in", "on", "at", "by",
                                        "during", "near", "amid", NULL};
    int elided = v->start >= 2 && word_is(&p->words[v->start - 2], "and") &&
                 word_in(next, opens);
    int described = next->actor >= 0 ? p->actors[next->actor].start == v->end
                                      : (next->type == SR_W_NULL || next->type == SR_W_NOUN) &&
                                            !next->cap && !next->subord && !elided;
    if (!described || !hurt_word(&p->words[v->start]))
        return 0;
    return prev->type == SR_W_DETERM || prev->type == SR_W_NUMBER || prev->type == SR_W_PREP ||
           word_in(prev, before);
}

/* Whether the words from k are the next count of a headline's list of
 * casualties: "43 others", "two more", "80 injured" (a count alone is an
 * object: "13 soldiers killed 40 civilians" is no passive). */
static int listed_count(const sr_parse *p, size_t k, size_t cend)
{
    static const char *const others[] = {"others", "more", NULL};
    static const char *const counts[] = {"two",  "three", "four",   "five",  "six",    "seven",
                                         "eight", "nine", "ten",    "dozens", "scores", "several",
                                         "many", "hundreds", NULL};
    if (k + 1 >= cend || (p->words[k].type != SR_W_NUMBER && !word_in(&p->words[k], counts)))
        return 0;
    /* (the second count of a toll is of the hurt: "900 executed" after
     * "kidnapped" is the next event's object) */
    static const char *const hurt2[] = {"injured", "wounded", "hurt", NULL};
    /* ("43 others injured", but "wounded dozens more on Saturday" is the
     * verb's object: its "more" ends no list) */
    if (word_in(&p->words[k + 1], others))
        return k + 2 >= cend || hurt_word(&p->words[k + 2]);
    /* ("Child Killed 20 People Injured": a count of people, then hurt;
     * not a hurt word that qualifies the people after it, "Rebels killed
     * 12 wounded soldiers") */
    size_t h = p->words[k + 1].actor >= 0 && k + 2 < cend ? k + 2 : k + 1;
    return word_in(&p->words[h], hurt2) &&
           !(h + 1 < cend && (p->words[h + 1].actor >= 0 || p->words[h + 1].type == SR_W_NOUN));
}

/* sitrep's conventions: a headline's passive without "were" ("13
 * civilians killed in an air strike"): a casualty verb right after an
 * actor that a number counts, before a preposition, a time or the
 * clause's end.  1 with "by" after the verb, 2 without, else 0. */
/* Counts in words (the parse types only figures as numbers). */
static const char *const number_words[] = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "dozens", "hundreds",
    "scores", "several", "many", NULL};

static int counted_passive(const sr_parse *p, const sr_proot *v, size_t cend, int *victims)
{
    const sr_pword *prev = &p->words[v->start - 1];
    /* "six children were among those killed", "those killed include 14
     * children": the victims are named before "those", else after */
    if (word_is(prev, "those") && !prev->subord) {
        *victims = -1;
        /* "X were among those killed": X, the last actor before */
        if (v->start >= 2 && word_is(&p->words[v->start - 2], "among"))
            for (size_t k = v->start - 2, steps = 0; k-- > 0 && steps < 10; steps++) {
                if (p->words[k].type == SR_W_VERB || p->words[k].type == SR_W_COMMA)
                    break;
                if (p->words[k].actor >= 0 && !p->words[k].subord) {
                    *victims = p->words[k].actor;
                    break;
                }
            }
        /* "those killed ... include 14 children", "10 of those killed
         * were civilians": the first actor after, before a comma */
        for (size_t k = v->end, steps = 0; *victims < 0 && k < cend && steps < 12; k++, steps++) {
            if (p->words[k].type == SR_W_COMMA)
                break;
            if (p->words[k].actor >= 0 && !p->words[k].subord)
                *victims = p->words[k].actor;
        }
        return v->end < cend && p->words[v->end].type == SR_W_BY ? 1 : 2;
    }
    /* "... were killed and 30 wounded", "and nine others injured": the
     * auxiliary left out after "and" or a comma; the victims are those of
     * the clause before (the source the search finds, -1 here) */
    {
        static const char *const counts[] = {"many", "several", "dozens", "hundreds", "scores",
                                             "thousands", "some", "two", "three", "four", "five",
                                             "six", "seven", "eight", "nine", "ten", "eleven",
                                             "twelve", "twenty", "thirty", "forty", "fifty", NULL};
        static const char *const about[] = {"at", "least", "more", "than", "about", "nearly",
                                            "around", "over", "some", "almost", NULL};
        size_t c = v->start - 1;
        if ((word_is(prev, "others") || word_is(prev, "more")) && c > 0)
            c--;
        int counted = p->words[c].type == SR_W_NUMBER || word_in(&p->words[c], counts);
        for (int k = 0; counted && k < 2 && c > 0 && word_in(&p->words[c - 1], about); k++)
            c--;
        /* (or right after the list's participle before, in a headline:
         * "20 Civilians Killed Scores Injured", "4 Killed 12 Wounded") */
        if (counted && c > 0 &&
            (word_is(&p->words[c - 1], "and") || p->words[c - 1].type == SR_W_COMMA ||
             hurt_word(&p->words[c - 1])) &&
            !prev->subord) {
            /* the victims: the last actor before, itself counted ("65
             * civilians were killed and dozens wounded"); none, no event */
            *victims = -1;
            for (size_t k = c - 1, steps = 0; k-- > 0 && steps < 16; steps++) {
                int u = p->words[k].actor;
                if (u < 0 || p->words[k].subord)
                    continue;
                size_t as = p->actors[u].start;
                if (as > 0 && (p->words[as - 1].type == SR_W_NUMBER ||
                               word_in(&p->words[as - 1], counts)))
                    *victims = u;
                break;
            }
            if (v->end >= cend)
                return 2;
            int t = p->words[v->end].type;
            return t == SR_W_BY ? 1 : t == SR_W_PREP || t == SR_W_TIME || t == SR_W_COMMA ? 2 : 0;
        }
    }
    if (prev->actor < 0 || p->actors[prev->actor].end != v->start || prev->subord)
        return 0;
    /* "13 civilians killed", "Two persons injured": counted victims, in
     * figures or words (the parse types only figures as numbers) */
    size_t as = p->actors[prev->actor].start;
    const sr_pword *count = as ? &p->words[as - 1] : NULL;
    /* (or victims after "of": "carried pictures of fighters killed in
     * Afrin", "the bodies of the civilians killed by the shelling") */
    size_t o = as && count->type == SR_W_DETERM ? as - 1 : as;
    int of = o > 0 && word_is(&p->words[o - 1], "of");
    if (!count || (!of && count->type != SR_W_NUMBER && !word_in(count, number_words)))
        return 0;
    /* (after "of", only before BY or a preposition: "units of the armed
     * forces killed and injured many terrorists" is active) */
    if (of && !(count->type == SR_W_NUMBER || word_in(count, number_words)) &&
        (v->end >= cend ||
         (p->words[v->end].type != SR_W_BY && p->words[v->end].type != SR_W_PREP)))
        return 0;
    *victims = prev->actor;
    if (v->end >= cend)
        return 2;
    /* what follows a headline's passive: a place or time, "by", the next
     * count ("13 civilians killed 43 others injured"), "including" */
    static const char *const after[] = {"including", "due", "after", "as", "when", "while",
                                        "during", NULL};
    const sr_pword *nx = &p->words[v->end];
    int t = nx->type;
    int listed = listed_count(p, v->end, cend);
    /* (or the verb whose subject the phrase ends, with no object between:
     * "the network which gave a toll of 17 people killed said ...") */
    return t == SR_W_BY ? 1
           : t == SR_W_PREP || t == SR_W_TIME || t == SR_W_COMMA || t == SR_W_VERB ||
                     t == SR_W_AUXIL || listed || word_in(nx, after)
               ? 2
               : 0;
}


/* A preposition, as the parse types it or not (it leaves "for", "with",
 * "of" and "on" untyped). */
static int prep_like(const sr_pword *w)
{
    static const char *const preps[] = {"for",   "of",     "with",    "to",      "over",  "from",
                                        "on",    "in",     "at",      "into",    "near",  "against",
                                        "after", "during", "about",   "under",   "since", "without",
                                        "amid",  "behind", "outside", "inside",  "among", NULL};
    return w->type == SR_W_PREP || w->type == SR_W_BY || word_in(w, preps);
}

static int object_first_passive(const sr_parse *p, const sr_proot *v, size_t cend, int *victims)
{
    /* (the actor may be counted after it: "a family of six killed in a
     * gas attack") */
    size_t pe = v->start;
    if (pe >= 3 &&
        (p->words[pe - 1].type == SR_W_NUMBER || word_in(&p->words[pe - 1], number_words)) &&
        word_is(&p->words[pe - 2], "of") &&
        p->words[pe - 3].actor >= 0)
        pe -= 2;
    const sr_pword *prev = &p->words[pe - 1];
    if (prev->actor < 0 || p->actors[prev->actor].end != pe || prev->subord ||
        !word_set_has(&object_first, &p->words[v->start]))
        return 0;
    /* (ending its clause, after a preposition: "nine people from the North
     * Caucasus among the terrorists killed", "the bodies of the civilians
     * killed") */
    if (v->end >= cend) {
        size_t as = p->actors[prev->actor].start;
        while (as > 0 && (p->words[as - 1].type == SR_W_DETERM ||
                          p->words[as - 1].type == SR_W_NUMBER))
            as--;
        /* (not before "and" or "or", where a verb may follow: "units of
         * the armed forces killed and injured many terrorists"; nor a
         * pronoun's, "leaving some of them killed") */
        if (!hurt_word(&p->words[v->start]) || as == 0 || !prep_like(&p->words[as - 1]) ||
            p->words[as - 1].type == SR_W_BY || p->actors[prev->actor].is_pronoun ||
            (v->end < p->nwords && p->words[v->end].type == SR_W_CONJ))
            return 0;
        *victims = prev->actor;
        return 2;
    }
    const sr_pword *nx = &p->words[v->end];
    /* (or before the next count of a casualty list, "Child killed two
     * others injured", or before the verb whose subject it ends: "the
     * people killed were civilians") */
    static const char *const finite[] = {"is", "are", "was", "were", "has", "have", "had", NULL};
    if (hurt_word(&p->words[v->start]) &&
        (listed_count(p, v->end, cend) || nx->type == SR_W_AUXIL || word_in(nx, finite))) {
        *victims = prev->actor;
        return 2;
    }
    if (!prep_like(nx))
        return 0;
    /* a count is the object: "killed at least 20", "arrested over 100" */
    static const char *const about[] = {"over", "about", "around", NULL};
    if (v->end + 1 < cend) {
        const sr_pword *n2 = &p->words[v->end + 1];
        if ((word_is(nx, "at") && (word_is(n2, "least") || word_is(n2, "most"))) ||
            (word_in(nx, about) && n2->type == SR_W_NUMBER))
            return 0;
    }
    /* an object of its own further on makes it active: "police arrested
     * on Sunday two men" (an actor after a preposition is no object, nor
     * any after "by": "diplomats expelled by the US after an attack on a
     * former spy", nor one past a few words: "Children killed in school
     * incident in another incident at least five people") */
    int by = 0;
    size_t far = v->end + 6 < cend ? v->end + 6 : cend;
    for (size_t k = v->end; k < far && !by; k++) {
        const sr_pword *w = &p->words[k];
        if (w->type == SR_W_VERB || w->type == SR_W_COMMA || w->type == SR_W_CONJ)
            break;
        by |= w->type == SR_W_BY;
        if (w->actor < 0 || p->actors[w->actor].start != k)
            continue;
        size_t j = k;
        while (j > v->end + 1 &&
               (p->words[j - 1].type == SR_W_DETERM || p->words[j - 1].type == SR_W_NUMBER ||
                p->words[j - 1].type == SR_W_ADJ))
            j--;
        if (!prep_like(&p->words[j - 1]))
            return 0;
    }
    *victims = prev->actor;
    return by ? 1 : 2;
}

/* A headline's passive, counted ("13 civilians killed in") or of a verb
 * whose object comes first ("Syrian regime accused of"): 1 with "by"
 * after the verb, 2 without, else 0; *victims its target. */
/* A participle of an attack right after its actor, whose phrase ends at
 * the clause's own finite verb ("Civilians targeted in the strikes were
 * taken to hospital", "the evacuees targeted on Saturday have been"): a
 * reduced relative on the victims.  1 with "by" in the phrase, 2 without,
 * else 0. */
static int attacked_subject(const sr_parse *p, const sr_proot *v, size_t cend, int *victims)
{
    static const char *const struck[] = {"targeted", "targetted", "attacked", "shelled",
                                         "bombed", "hit", "struck", NULL};
    const sr_pword *prev = &p->words[v->start - 1];
    if (!word_in(&p->words[v->start], struck) || prev->actor < 0 ||
        p->actors[prev->actor].end != v->start || prev->subord || v->end >= cend ||
        !(word_is(&p->words[v->end], "in") || word_is(&p->words[v->end], "on") ||
          word_is(&p->words[v->end], "during") || p->words[v->end].type == SR_W_BY))
        return 0;
    static const char *const finite[] = {"is", "are", "was", "were", "has", "have", "had", NULL};
    int by = 0;
    for (size_t k = v->end; k < cend && k < v->end + 10; k++) {
        const sr_pword *w = &p->words[k];
        by |= w->type == SR_W_BY;
        if (w->type == SR_W_AUXIL || word_in(w, finite)) {
            *victims = prev->actor;
            return by ? 1 : 2;
        }
        if (w->type == SR_W_VERB || w->type == SR_W_COMMA || w->type == SR_W_CONJ || w->subord)
            return 0;
    }
    return 0;
}

int code_reduced_passive(const sr_parse *p, const sr_proot *v, size_t cend, int *victims)
{
    if (v->end - v->start != 1 || v->start < 1)
        return 0;
    int r = v->start >= 2 && hurt_word(&p->words[v->start]) ? counted_passive(p, v, cend, victims)
                                                            : 0;
    if (!r)
        r = attacked_subject(p, v, cend, victims);
    return r ? r : object_first_passive(p, v, cend, victims);
}

/* sitrep's conventions: a casualty participle after a clause ("the blast
 * hit a bus carrying soldiers killing 12 of them", "took the lives of two
 * women wounding several others") is done by that clause's subject, not
 * by an actor in its object: the actor before the latest verb, or none (a
 * blast is no actor: the source is unknown).  "with gunmen killing 12" keeps its own subject;
 * other participles are often a noun's ("pilgrims visiting the shrine",
 * "a coalition fighting IS") and are left alone. */
int code_participle_source(const sr_parse *p, const sr_proot *v, int src, int tgt, int *unknown)
{
    if (src < 0 || v->end - v->start != 1 || v->start == 0 ||
        !word_set_has(&casualty_ing, &p->words[v->start]))
        return src;
    const sr_pword *prev = &p->words[v->start - 1];
    if (prev->type == SR_W_AUXIL || prev->type == SR_W_CONJ || prev->type == SR_W_VERB)
        return src;
    /* the latest verb before v: a walk back over at most 64 roots, so a
     * sentence of a million participles stays linear */
    const sr_proot *pv = NULL;
    if (v >= p->roots && v < p->roots + p->nroots)
        for (size_t r = (size_t)(v - p->roots), steps = 0; r-- > 0 && steps < 64 && !pv; steps++)
            if (p->roots[r].type == SR_W_VERB && p->roots[r].start < v->start)
                pv = &p->roots[r];
    size_t as = p->actors[src].start;
    if (!pv || pv->end > as || p->actors[src].end > v->start)
        return src;
    /* (nor after a report's verb or a subordinator: "the source said that
     * army units thwarted an attack ... killing scores": the army did) */
    static const char *const opens[] = {"that", "which", "who", "as", "while", "when", "after",
                                        "before", "because", "since", "if", NULL};
    if (code_saying_word(&p->words[pv->end - 1]))
        return src;
    for (size_t k = pv->end; k < as; k++)
        if (word_in(&p->words[k], opens))
            return src;
    size_t b = as;
    while (b > pv->end && (p->words[b - 1].type == SR_W_DETERM || p->words[b - 1].type == SR_W_NUMBER))
        b--;
    if (b > 0 && word_is(&p->words[b - 1], "with"))
        return src;
    int u = sr_parse_actor_in(p, 0, pv->start, tgt);
    *unknown = u < 0;
    return u;
}



int code_comma_participle_subject(const sr_parse *p, const sr_proot *v, int tgt)
{
    const sr_pword *w = &p->words[v->start];
    if (v->end - v->start != 1 || v->start < 2 || w->len < 6 ||
        memcmp(w->w + w->len - 3, "ing", 3) || p->words[v->start - 1].type != SR_W_COMMA ||
        v->end >= p->nwords)
        return -1;
    const sr_pword *nx = &p->words[v->end];
    if (!(nx->type == SR_W_DETERM || nx->type == SR_W_NUMBER || nx->actor >= 0 ||
          word_is(nx, "one") || word_is(nx, "two") || word_is(nx, "three")))
        return -1;
    /* the latest verb before the comma, over at most 64 roots */
    const sr_proot *pv = NULL;
    if (v >= p->roots && v < p->roots + p->nroots)
        for (size_t r = (size_t)(v - p->roots), steps = 0; r-- > 0 && steps < 64 && !pv; steps++)
            if (p->roots[r].type == SR_W_VERB && p->roots[r].end < v->start)
                pv = &p->roots[r];
    if (!pv || code_saying_word(&p->words[pv->end - 1]))
        return -1;
    /* (the verb's clause opens the sentence: no comma or subordinator
     * before it, looked for over at most 64 words) */
    static const char *const opens[] = {"that", "which", "who", "as", "while", "when", "after",
                                        "before", "because", "since", "if", NULL};
    if (pv->start > 64)
        return -1;
    for (size_t k = 0; k < pv->start; k++)
        if (word_in(&p->words[k], opens) || p->words[k].type == SR_W_COMMA)
            return -1;
    return sr_parse_actor_in(p, 0, pv->start, tgt);
}

/* Actor u only names who holds a place: "a government-held area", "the
 * rebel-controlled east".  It does nothing there, so it is no source. */
int code_holder(const sr_parse *p, int u) { return sr_parse_held_at(p, p->actors[u].end); }

/* Actor u is what an act named by a noun before it was done to: "Missile
 * strikes on schools killed 23 civilians", "an attack on a clinic has
 * left two dead", "the shelling of Homs".  It did not do the verb after:
 * the act did, with no one named as its author. */
int code_noun_object(const sr_parse *p, int u)
{
    size_t k = p->actors[u].start;
    for (int skipped = 0; k > 0 && skipped < 3 && !word_set_has(&object_preps, &p->words[k - 1]);
         skipped++) {
        const sr_pword *w = &p->words[k - 1];
        if (w->type != SR_W_DETERM && w->type != SR_W_ADJ && (w->type != SR_W_NULL || w->cap))
            return 0;
        k--;
    }
    if (k < 2 || !word_set_has(&object_preps, &p->words[k - 1]))
        return 0;
    int32_t r = p->words[k - 2].root;
    return r >= 0 && p->roots[r].type == SR_W_EVNOUN;
}

/* Actor u only says where something is from: "the London-based Syrian
 * Observatory", "a British-born fighter", or who made it: "Russian-made
 * Katyusha rockets" are no Russian act.  The one meant comes after it. */
static int based(const sr_parse *p, int u)
{
    static const char *const words[] = {"based",    "born",  "registered",   "headquartered",
                                        "made",     "built", "manufactured", "designed",
                                        NULL};
    const sr_pactor *x = &p->actors[u];
    if (x->end >= p->nwords || !p->text)
        return 0;
    return p->text[p->words[x->end - 1].end] == '-' && word_in(&p->words[x->end], words);
}

/* The actor the source search found, past one that only says where the
 * next is based: the next actor up to `to`, else none. */
int code_past_based(const sr_parse *p, int u, size_t to, int avoid)
{
    for (int guard = 0; u >= 0 && guard < 4 && based(p, u); guard++)
        u = p->actors[u].end < to ? sr_parse_actor_in(p, p->actors[u].end, to, avoid) : -1;
    return u;
}
