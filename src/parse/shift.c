/* Verbs read as nouns: after a determiner, a possessive, a preposition of
 * time, an actor; plurals after "of", "for", "from" or before a
 * participle and its BY; past forms between a preposition and a noun
 * (sitrep's conventions; parse_actors calls it before the actor units). */
#include <string.h>

#include "parse_int.h"

#define word_is(pw, lit) ((pw)->len == sizeof(lit) - 1 && !memcmp((pw)->w, lit, sizeof(lit)))

static size_t reach(size_t i, size_t n) { return n - i > SR_PARSE_REACH ? i + SR_PARSE_REACH : n; }

/* A verb read as a noun: an event noun when the dictionaries have it as
 * one ("the attack" names an event), else a plain noun. */
/* Whether the dictionaries have the words of root rt as an event noun. */
static int event_noun_at(const sr_dict *d, const sr_parse *p, const sr_proot *rt,
                         sr_dict_match *m)
{
    size_t s = rt->start;
    return (sr_dict_seq_starts(p->seq, s) & (1u << SR_DICT_T_EVNOUNS)) &&
           sr_dict_match_longest(d, SR_DICT_T_EVNOUNS, p->seq, s, reach(s, p->nwords), NULL, m) ==
               1 &&
           m->end == rt->end;
}

/* Whether the one word s[0..n) is a verb's form. */
static int verb_word(const sr_dict *d, sr_arena *a, const char *s, size_t n)
{
    const char *words[1] = {s};
    size_t lens[1] = {n};
    sr_dict_seq *sq;
    sr_dict_match m;
    if (sr_dict_seq_from_words(d, a, words, lens, 1, &sq))
        return 0;
    return sr_dict_match_longest(d, SR_DICT_T_VERBS, sq, 0, 1, NULL, &m) == 1 && m.end == 1;
}

/* Whether w is a verb's base form: no -s, -ed or -ing, no past spelt as
 * its base, and its form in -s or -ed is a verb's too ("shell", "shells"; not
 * "shot", "fought" or "took"). */
static int base_form(const sr_dict *d, sr_arena *a, const sr_pword *w)
{
    static const char *const pasts[] = {"hit", "cut", "set", "put", "shut", "hurt", "beat",
                                        "cast", "shed", "spread", "burst", "quit", "let", "split",
                                        "thrust", "upset", "broadcast", "read", "bid", "cost",
                                        NULL};
    static _Atomic uint32_t pasts_first;
    size_t n = w->len;
    char buf[40];
    if (n < 3 || n + 3 > sizeof buf || w->w[n - 1] == 's' ||
        (w->w[n - 2] == 'e' && w->w[n - 1] == 'd') || (n > 4 && !memcmp(w->w + n - 3, "ing", 3)) ||
        parse_word_in_f(w, pasts, &pasts_first))
        return 0;
    memcpy(buf, w->w, n);
    size_t k = n;
    char z = w->w[n - 1], y = w->w[n - 2];
    if (z == 'x' || z == 'z' || z == 'o' || ((y == 's' || y == 'c') && z == 'h'))
        buf[k++] = 'e';
    else if (z == 'y' && !strchr("aeiou", y)) {
        buf[k - 1] = 'i';   /* "supply", "supplies" */
        buf[k++] = 'e';
    }
    buf[k++] = 's';
    if (verb_word(d, a, buf, k))
        return 1;
    /* (or its form in -ed: the verbs whose -s form names a thing are
     * entered without it, "supply (supplied supplying)") */
    memcpy(buf, w->w, n);
    k = n;
    if (z == 'y' && !strchr("aeiou", y))
        buf[k - 1] = 'i';
    if (z != 'e')
        buf[k++] = 'e';
    buf[k++] = 'd';
    return verb_word(d, a, buf, k);
}

/* A weapon's or an act's word in its plain form: after a preposition,
 * "the" and a singular noun it is no finite verb ("by the barrel bomb",
 * "in the rocket attack"), where an irregular past would be ("from the
 * group withdrew", "in the town said"). */
static int act_word(const sr_pword *w)
{
    static const char *const nouns[] = {"bomb", "attack", "strike", "raid", "shell", "blast",
                                         "fire", "explosion", "assault", "rocket", "mortar",
                                         "missile", "grenade", "mine", "drone", "bombardment",
                                         "shelling", "ambush", "siege", "offensive", NULL};
    static _Atomic uint32_t nouns_first;
    return parse_word_in_f(w, nouns, &nouns_first);
}

/* A lower-case past form: a word in -ed of five letters or more. */
static int past_form(const sr_pword *w)
{
    return !w->cap && w->len > 4 && w->w[w->len - 2] == 'e' && w->w[w->len - 1] == 'd';
}

/* A lower-case word in -ed or -ing: a verb's form by its spelling
 * ("used", "using"). */
static int verb_form(const sr_pword *w)
{
    return !w->cap && w->len >= 4 &&
           ((w->w[w->len - 2] == 'e' && w->w[w->len - 1] == 'd') || parse_ing_form(w));
}

/* The same of a word no dictionary typed. */
static int untyped_verb(const sr_pword *w) { return w->type == SR_W_NULL && verb_form(w); }

/* Word i is "the" right after a preposition: "by the", "in the". */
static int the_after_prep(const sr_parse *p, size_t i)
{
    if (i == 0 || !word_is(&p->words[i], "the"))
        return 0;
    const sr_pword *b = &p->words[i - 1];
    return b->type == SR_W_BY || b->type == SR_W_PREP || word_is(b, "in") || word_is(b, "of") ||
           word_is(b, "from");
}

/* Whether a determiner stands right before word k, or before one
 * lower-case word that qualifies what follows ("a possible US attack", "a
 * new Israeli strike"). */
static int det_before(const sr_parse *p, size_t k, const char *const *dets,
                      _Atomic uint32_t *first)
{
    if (k == 0)
        return 0;
    if (parse_word_in_f(&p->words[k - 1], dets, first))
        return 1;
    const sr_pword *q = &p->words[k - 1];
    return k >= 2 && !q->cap && (q->type == SR_W_NULL || q->type == SR_W_ADJ) && !verb_form(q) &&
           parse_word_in_f(&p->words[k - 2], dets, first);
}

void parse_shift_to_noun(const sr_dict *d, sr_parse *p, sr_proot *rt, int named)
{
    sr_dict_match m;
    int ev = !named && event_noun_at(d, p, rt, &m);
    rt->type = ev ? SR_W_EVNOUN : SR_W_NOUN;
    if (ev) {
        rt->entry = m.entry;
        rt->phrase = m.phrase;
    }
    for (size_t k = rt->start; k < rt->end; k++)
        p->words[k].type = rt->type;
}

/* sitrep's conventions: a verb after a preposition of time or after a
 * determiner or a possessive and an ordinal or a word that only qualifies
 * nouns ("the first visit by a senior Russian official", "a surprise
 * visit", "their primary target") is a noun too.  (Not after "alleged",
 * "major" and the like: "spearhead a major assault" is read best as the
 * verb's pattern.) */

void parse_shift_more(const sr_dict *d, sr_arena *a, sr_parse *p)
{
    static const char *const quals[] = {"first", "second", "third", "fourth", "fifth", "last",
                                        "rare", "surprise", "brief", "official", "primary",
                                        "main", "prime", "intended", NULL};
    static _Atomic uint32_t quals_first;
    /* (after a possessive, only words that name what is aimed at: "their
     * primary target", but "held their first meeting" keeps its verb's
     * pattern) */
    static const char *const aims[] = {"primary", "main", "prime", "intended", NULL};
    static _Atomic uint32_t aims_first;
    /* (and after a preposition, but for a gerund: "fled after attacks on
     * villages by government-backed forces", "amid clashes"; not "after
     * killing most of the terrorists") */
    static const char *const preps[] = {"after", "before", "during", "amid", "amidst", "despite",
                                        "following", NULL};
    static _Atomic uint32_t preps_first;
    static const char *const poss_prons[] = {"its", "their", "his", "our", "my", "your", NULL};
    static _Atomic uint32_t poss_prons_first;
    static const char *const dets[] = {"the", "a", "an", NULL};
    static _Atomic uint32_t dets_first;
    static const char *const adj_preps[] = {"with", "of", "in", "into", "among", "from",
                                            "through", "between", "near", "under", "over",
                                            "across", "amid", "inside", NULL};
    static _Atomic uint32_t adj_preps_first;
    /* (words that follow a verb, not a noun: "the source added clashed
     * with", "leaving injured about 50") */
    static const char *const func_words[] = {"with", "to", "by", "on", "at", "for", "as", "about",
                                             "against", "after", "before", "from", "in", "into",
                                             "over", "up", "out", "off", "back", "down", "and",
                                             "or", "but", "that", "than", "its", "their", "his",
                                             "her", NULL};
    static _Atomic uint32_t func_words_first;
    /* (harm after a base form keeps the form a verb: "Wednesday's strike
     * destroyed a building" is the strike's, which the coder reads) */
    static const char *const harms[] = {"killed", "destroyed", "wounded", "injured", "damaged",
                                        "levelled", "leveled", "flattened", NULL};
    static _Atomic uint32_t harms_first;
    static const char *const sing_dets[] = {"a", "an", "another", "each", "every", NULL};
    static _Atomic uint32_t sing_dets_first;
    for (size_t r = 0; r < p->nroots; r++) {
        sr_proot *rt = &p->roots[r];
        size_t s = rt->start;
        if (rt->type != SR_W_VERB)
            continue;
        const sr_pword *w = &p->words[s];
        /* (a form in -s before an auxiliary is a plural, "shells were
         * fired at", but for the verb of an actor or a pronoun before it,
         * "which the government insists were not its doing"; and so is an
         * event noun's after a number, "three attacks", though not a
         * verb's whose plural names no event: "conducted 18 strikes") */
        sr_dict_match m0;
        if (rt->end == s + 1 && parse_plural_form(w) &&
            ((rt->end < p->nwords && p->words[rt->end].type == SR_W_AUXIL &&
              (s == 0 || (p->words[s - 1].type != SR_W_PRONOUN &&
                          p->words[s - 1].type != SR_W_ACTOR &&
                          p->words[s - 1].type != SR_W_AGENT))) ||
             (s > 0 && p->words[s - 1].type == SR_W_NUMBER && event_noun_at(d, p, rt, &m0)))) {
            parse_shift_to_noun(d, p, rt, 0);
            continue;
        }
        /* "given the proximity of ...", "particularly given that": a
         * preposition or a conjunction, no giving, where it opens the
         * sentence or follows a comma or an adverb and a determiner or
         * "that" follows ("were given the task" keeps its verb) */
        if (rt->end == s + 1 && word_is(w, "given") && rt->end < p->nwords &&
            (p->words[rt->end].type == SR_W_DETERM || word_is(&p->words[rt->end], "that") ||
             word_is(&p->words[rt->end], "its") || word_is(&p->words[rt->end], "their")) &&
            (s == 0 || p->words[s - 1].type == SR_W_COMMA ||
             (p->words[s - 1].len > 4 && p->words[s - 1].type == SR_W_NULL &&
              !memcmp(p->words[s - 1].w + p->words[s - 1].len - 2, "ly", 2)))) {
            rt->type = SR_W_PREP;
            p->words[s].type = SR_W_PREP;
            p->ngiven++;
            continue;
        }
        if (s == 0)
            continue;
        const sr_pword *b = &p->words[s - 1];
        /* "the number of wounded in recent days", "dozens of injured":
         * the hurt themselves after "of", with no object of their own */
        if (rt->end == s + 1 && word_is(b, "of") &&
            (word_is(w, "wounded") || word_is(w, "injured")) &&
            (rt->end >= p->nwords || p->words[rt->end].type == SR_W_PREP ||
             p->words[rt->end].type == SR_W_COMMA || p->words[rt->end].type == SR_W_CONJ ||
             p->words[rt->end].type == SR_W_AUXIL || word_is(&p->words[rt->end], "in") ||
             word_is(&p->words[rt->end], "were") || word_is(&p->words[rt->end], "was"))) {
            parse_shift_to_noun(d, p, rt, 1);
            continue;
        }
        /* ("the town and surrounding areas", "its surrounding villages":
         * after a determiner, a possessive, "and" or a preposition and
         * before a plain lowercase noun, the word only says which places;
         * "troops surrounding the town" and "surrounding Aleppo" keep
         * their verb) */
        if (rt->end == s + 1 && rt->end < p->nwords &&
            (word_is(w, "surrounding") || word_is(w, "neighbouring") ||
             word_is(w, "neighboring")) &&
            (b->type == SR_W_DETERM || b->type == SR_W_CONJ || b->type == SR_W_PREP || b->poss ||
             parse_word_in_f(b, poss_prons, &poss_prons_first)) &&
            !p->words[rt->end].cap && p->words[rt->end].actor < 0 &&
            (p->words[rt->end].type == SR_W_NULL || p->words[rt->end].type == SR_W_NOUN)) {
            rt->type = SR_W_ADJ;
            p->words[s].type = SR_W_ADJ;
            continue;
        }
        /* (by its first word or its last: "breaking off ties",
         * "sexually assaulting") */
        const sr_pword *lw = &p->words[rt->end - 1];
        int gerund = parse_ing_form(w) ||
                     parse_ing_form(lw);
        /* (and an event noun's plural after "of": "a spate of attacks",
         * "a series of raids" -- a verb's third person is never one's
         * object there; other words keep the verb's event: "fired
         * dozens of shells") */
        /* (or before "by": "fears attacks by the rebels" -- a verb's
         * third person takes an object, not an agent; or right after a
         * verb or a word in -ed: "feared attacks", "thwarted attacks",
         * "renewed attacks") */
        sr_dict_match m;
        int by_after = rt->end < p->nwords && p->words[rt->end].type == SR_W_BY;
        int after_verb = (r > 0 && p->roots[r - 1].type == SR_W_VERB && p->roots[r - 1].end == s) ||
                         (b->type == SR_W_NULL && past_form(b));
        /* ("for attacks", "against strikes": a plural, not "for talk") */
        int for_prep = word_is(b, "for") || word_is(b, "against") || word_is(b, "from");
        /* (or after a verb of suffering it: "suffered strikes by the air
         * force", "received airstrikes") */
        static const char *const suffered[] = {"suffered", "suffer", "suffers", "suffering",
                                               "endured", "sustained", "received", "receiving",
                                               "receive", "receives", "faced", "witnessed",
                                               "experienced", "underwent", NULL};
        static _Atomic uint32_t suffered_first;
        int after_suffer = parse_word_in_f(b, suffered, &suffered_first);
        /* ("shells fired by the army", "rockets launched by militants",
         * "jet strikes blamed on the regime": a participle and its agent
         * or its blame follow a noun, weapon or act) */
        if (rt->end == s + 1 && parse_plural_form(w) && rt->end + 1 < p->nwords &&
            (p->words[rt->end + 1].type == SR_W_BY ||
             ((word_is(&p->words[rt->end], "blamed") ||
               word_is(&p->words[rt->end], "attributed")) &&
              (word_is(&p->words[rt->end + 1], "on") || word_is(&p->words[rt->end + 1], "to"))))) {
            const sr_pword *pp = &p->words[rt->end];
            if (past_form(pp)) {
                parse_shift_to_noun(d, p, rt, 0);
                continue;
            }
        }
        /* (and after a possessive: "Islamic State's murder of 21
         * Christians", "the army's shelling"; and before a word for a
         * wound: "stab wounds", "gunshot injuries") */
        const sr_pword *nx = rt->end < p->nwords ? &p->words[rt->end] : NULL;
        int wound_after = nx && (word_is(nx, "wound") || word_is(nx, "wounds") ||
                                 word_is(nx, "injury") || word_is(nx, "injuries"));
        /* (after a possessive pronoun, "as it seeks funds for its fight";
         * and an event noun's singular after a determiner and an actor,
         * "after the ISIL attack", "an Israeli strike") */
        int poss_pron = parse_word_in_f(b, poss_prons, &poss_prons_first);
        /* (a plural actor is a subject, "the rebels attack"; "US" is
         * none) */
        int det_actor = r > 0 && p->roots[r - 1].type == SR_W_ACTOR && p->roots[r - 1].end == s &&
                        p->roots[r - 1].start > 0 && b->len &&
                        ((b->w[b->len - 1] != 's' && b->w[b->len - 1] != 'S') ||
                         (b->cap && b->len <= 3)) &&
                        rt->end == s + 1 && !gerund &&
                        w->w[w->len - 1] != 's' && w->w[w->len - 1] != 'd' &&
                        det_before(p, p->roots[r - 1].start, dets, &dets_first) &&
                        event_noun_at(d, p, rt, &m);
        /* A past form between a preposition and a noun qualifies the
         * noun ("a road lined with destroyed buildings", "among wounded
         * soldiers"): no verb follows a preposition but TO. */
        /* (and after a verb, or a word in -ed or -ing the dictionaries
         * leave untyped, or an adverb in -ly after one or a determiner:
         * "used banned weapons", "using internationally banned weapons",
         * "an internationally recognised government") */
        const sr_pword *bb = s >= 2 ? &p->words[s - 2] : NULL;
        int ly = b->len > 4 && b->type == SR_W_NULL && !b->cap && b->w[b->len - 2] == 'l' &&
                 b->w[b->len - 1] == 'y' && bb &&
                 (bb->type == SR_W_DETERM || bb->type == SR_W_VERB || untyped_verb(bb));
        /* (a verb by its form only: "fire" may be a noun, "Israeli fire
         * killed two") */
        int verb_before = ((r > 0 && p->roots[r - 1].type == SR_W_VERB &&
                            p->roots[r - 1].end == s) ||
                           b->type == SR_W_NULL) &&
                          verb_form(b);
        if (rt->end == s + 1 && w->len > 4 && w->w[w->len - 2] == 'e' && w->w[w->len - 1] == 'd' &&
            nx && !nx->cap && nx->len > 2 &&
            (nx->type == SR_W_NULL || nx->type == SR_W_NOUN || nx->type == SR_W_ADJ ||
             nx->type == SR_W_ACTOR || nx->type == SR_W_AGENT) &&
            (parse_word_in_f(b, adj_preps, &adj_preps_first) ||
             ((verb_before || ly) && !parse_word_in_f(nx, func_words, &func_words_first)))) {
            parse_shift_to_noun(d, p, rt, 1);
            continue;
        }
        /* A base form after "a", "an", "another", "each" or "every" and
         * one word is that word's noun: a singular subject takes no base
         * form ("an artillery shell landed", "a press release"), though a
         * past form spelt as its base does ("a rocket hit the town").  (An
         * event noun keeps its verb, which codes it with the words
         * around: "spearhead a major assault", "in a night raid on a
         * village".) */
        int sing_det = rt->end == s + 1 && s >= 2 && !gerund &&
                       (b->type == SR_W_NULL || b->type == SR_W_NOUN || b->type == SR_W_ADJ ||
                        b->type == SR_W_AGENT || b->type == SR_W_ACTOR) &&
                       parse_word_in_f(&p->words[s - 2], sing_dets, &sing_dets_first) &&
                       base_form(d, a, w) && !event_noun_at(d, p, rt, &m);
        /* (and an act's word after a preposition and "the", with a plain
         * singular noun between or as one phrase: "hit by the barrel
         * bomb", "in the car bomb" -- no clause opens there but with an
         * actor for its subject) */
        if (!sing_det && s >= 2 && !gerund && the_after_prep(p, s - 1) && act_word(lw))
            sing_det = 1;
        if (!sing_det && rt->end == s + 1 && s >= 3 && !gerund && !b->cap &&
            (b->type == SR_W_NULL || b->type == SR_W_NOUN) && b->len > 2 &&
            b->w[b->len - 1] != 's' && the_after_prep(p, s - 2) && act_word(w))
            sing_det = 1;
        /* A base form right before a verb's past form is the head of
         * that verb's subject: "forces backed by Russian air support
         * repelled a rebel offensive" (a base form takes an object or
         * ends its clause, and a past form is no object).  Not when a
         * plain noun follows, which the past form qualifies: "help
         * evacuate wounded residents". */
        const sr_proot *nr = r + 1 < p->nroots ? &p->roots[r + 1] : NULL;
        int before_past = rt->end == s + 1 && !gerund && nr && nr->type == SR_W_VERB &&
                          (b->type == SR_W_NULL || b->type == SR_W_NOUN || b->type == SR_W_ADJ ||
                           b->type == SR_W_ACTOR || b->type == SR_W_AGENT) &&
                          !word_is(b, "to") &&
                          nr->start == rt->end && nr->end == nr->start + 1 &&
                          past_form(&p->words[nr->start]) &&
                          !(nr->end < p->nwords && !p->words[nr->end].cap &&
                            (p->words[nr->end].type == SR_W_NULL ||
                             p->words[nr->end].type == SR_W_NOUN ||
                             p->words[nr->end].type == SR_W_ACTOR ||
                             p->words[nr->end].type == SR_W_AGENT)) &&
                          !parse_word_in_f(&p->words[nr->start], harms, &harms_first) &&
                          base_form(d, a, w);
        /* And before "is", "was" or "has": a base form takes no singular
         * finite verb after it, but a noun heads that verb's subject ("the
         * city's power supply is still down").  (Not after a plural, which
         * may be a free relative's subject: "what the rebels need is".) */
        if (!before_past && rt->end == s + 1 && !gerund && nx &&
            (word_is(nx, "is") || word_is(nx, "was") || word_is(nx, "has")) &&
            (b->poss || (!b->cap && b->len > 2 && b->w[b->len - 1] != 's' &&
                         (b->type == SR_W_NULL || b->type == SR_W_NOUN || b->type == SR_W_ADJ))) &&
            base_form(d, a, w))
            before_past = 1;
        /* And a base form that ends a phrase after a preposition, with
         * only a name or plain singular words between: "with Russian air
         * support, repelled", "with US support for the rebels".  (Not
         * after a plural, "clashes with rebels continue", nor before its
         * object, "Friends of Syria support the opposition"; an event
         * noun keeps its verb, which codes it: "site of new assault".) */
        if (!before_past && rt->end == s + 1 && !gerund && s >= 2 &&
            (!nx || nx->type == SR_W_COMMA || word_is(nx, "for") || word_is(nx, "from") ||
             word_is(nx, "and")) &&
            b->len > 1 && b->w[b->len - 1] != 's' && !word_is(b, "to") &&
            (b->type == SR_W_NULL || b->type == SR_W_NOUN || b->type == SR_W_ADJ ||
             b->type == SR_W_ACTOR || b->type == SR_W_AGENT) &&
            base_form(d, a, w) && !event_noun_at(d, p, rt, &m)) {
            size_t k = s - 1;
            while (k > 0 && s - k < 3 &&
                   (p->words[k].type == SR_W_NULL || p->words[k].type == SR_W_NOUN ||
                    p->words[k].type == SR_W_ADJ || p->words[k].type == SR_W_ACTOR ||
                    p->words[k].type == SR_W_AGENT) &&
                   !parse_word_in_f(&p->words[k], adj_preps, &adj_preps_first))
                k--;
            before_past = parse_word_in_f(&p->words[k], adj_preps, &adj_preps_first) &&
                          k + 1 < s;
        }
        if (before_past) {
            /* (a plain noun: the verb after tells the event, "a tank-backed
             * assault killed 80" is one) */
            parse_shift_to_noun(d, p, rt, 1);
            continue;
        }
        if ((!gerund && parse_word_in_f(b, preps, &preps_first)) || b->poss || wound_after ||
            poss_pron || det_actor || sing_det ||
            ((by_after || after_verb || for_prep || after_suffer ||
              (b->len == 2 && !memcmp(b->w, "of", 2))) &&
             parse_plural_form(w) && rt->end == s + 1 && event_noun_at(d, p, rt, &m)) ||
            (s >= 2 && p->words[s - 2].type == SR_W_DETERM &&
             parse_word_in_f(b, quals, &quals_first)) ||
            (s >= 2 && parse_word_in_f(&p->words[s - 2], poss_prons, &poss_prons_first) &&
             parse_word_in_f(b, aims, &aims_first)))
            parse_shift_to_noun(d, p, rt, 0);
    }
}
