/* Reported speech, under sitrep's own conventions (opt->native).
 *
 * TABARI takes a verb's source to be the first actor of the sentence.  In
 * news that actor is very often the one who reports the event, not the one
 * who acts: in "Activists said Syrian troops stormed Barzeh" the troops
 * stormed, and in "Jets bombed a hospital, rebels said" the rebels are not
 * the target.  The speaker keeps the statement event ("said", 010) and the
 * attribution; the reported event gets its actors from the reported
 * clause.  TABARI and PETRARCH dictionaries keep their coders' rules, which
 * their validation suites check. */
#include "code_int.h"

#include <pthread.h>
#include <stdint.h>

/* Verbs of saying that introduce a report with or without "that". */
static const char *const report_always[] = {
    "said", "says", "say", "saying", "told", "tells", "tell", "telling", "reported", "reporting",
    "added", "adding", "stated", "insisted", "insisting", "wrote", "tweeted", NULL};

/* Verbs that introduce one only with "that": "announced that the army had
 * cleansed ..." is a report, "announced a ceasefire" is the speaker's own
 * act. */
static const char *const report_with_that[] = {
    "announced", "announces", "announce", "announcing", "claimed", "claims", "claim",
    "claiming", "confirmed", "confirms", "confirm", "confirming", "denied", "denies", "deny",
    "denying", "declared", "declares", "acknowledged", "acknowledges", "admitted", "admits",
    "noted", "notes", "warned", "warns", "reports", "report", "reiterated", "stressed",
    "argued", "suggested", "indicated", "revealed", "estimated", "asserted", "maintained",
    "charged", "alleged", "alleges", "alleging", "explained", "believe", "believes",
    "believed", "fear", "fears", "feared", "think", "thinks", "thought", "hoped", "expects",
    "expected", "showed", "shows", "learned", "heard", "found", "finds", "find", "concluded",
    "concludes", "determined", "discovered", "suspected", "suspects", "suspect", "knew",
    "knows", "assumed", "assumes", "predicted", "predicts", NULL};

static int actor_in_report(const sr_parse *p, size_t from, size_t to, int avoid)
{
    return from < to ? sr_parse_actor_in(p, from, to, avoid) : -1;
}

/* The listed words in a small open-addressing table, built once: a word of
 * a sentence is looked up with one hash and mostly one compare. */
enum { LEN_MIN = 3, LEN_MAX = 12, SLOTS = 256 };
static struct {
    const char *w;
    uint8_t len, kind;
} slots[SLOTS];
/* Per length and first letter, the second letters of the listed words:
 * nearly every other word is turned away by one bit test. */
static uint32_t opening[LEN_MAX + 1][26];

static void mark_opening(const char *w, size_t n)
{
    opening[n][w[0] - 'a'] |= 1u << (w[1] - 'a');
}

static inline int may_open(const sr_pword *w)
{
    /* (function words and actors first: no string read for them) */
    enum { TYPES = 1u << SR_W_VERB | 1u << SR_W_NULL | 1u << SR_W_NOUN | 1u << SR_W_ADJ };
    if ((unsigned)w->type >= 32 || !(TYPES >> w->type & 1))
        return 0;
    size_t n = w->len;
    unsigned a = (unsigned char)w->w[0] - 'a';
    return n - LEN_MIN <= LEN_MAX - LEN_MIN && a < 26 &&
           opening[n][a] >> (((unsigned char)w->w[1] - 'a') & 31) & 1;
}

static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static unsigned slot_of(const char *w, size_t n)
{
    uint32_t a = (uint32_t)(unsigned char)w[0] | (uint32_t)(unsigned char)w[1] << 8 |
                 (uint32_t)(unsigned char)w[2] << 16;
    uint32_t b = (uint32_t)(unsigned char)w[n - 1] | (uint32_t)(unsigned char)w[n - 2] << 8;
    return ((a * 2654435761u) ^ (b * 40503u) ^ ((uint32_t)n * 2246822519u)) >> 24;
}

static void build_slots(void)
{
    const char *const *lists[2] = {report_with_that, report_always};
    for (int l = 0; l < 2; l++)
        for (const char *const *w = lists[l]; *w; w++) {
            size_t n = strlen(*w);
            if (n < LEN_MIN || n > LEN_MAX)
                continue; /* (none is: may_open would turn it away) */
            unsigned i = slot_of(*w, n);
            while (slots[i].w)
                i = (i + 1) % SLOTS;
            slots[i].w = *w;
            slots[i].len = (uint8_t)n;
            slots[i].kind = (uint8_t)(l + 1);
            mark_opening(*w, n);
        }
    mark_opening("according", 9);
}

/* The kind the lists give word w, in a dropped clause too. */
static inline __attribute__((always_inline)) int listed_kind(const sr_pword *w)
{
    for (unsigned k = slot_of(w->w, w->len); slots[k].w; k = (k + 1) % SLOTS)
        if (slots[k].len == w->len && !memcmp(slots[k].w, w->w, w->len))
            return slots[k].kind;
    return 0;
}

/* 2: word i always introduces a report; 1: only before "that"; 0: never.
 * Words of a dropped comma clause ("Troops, the Observatory said,
 * stormed ...") report nothing around them, and words the parse typed as
 * actors, determiners, prepositions and the like are none.  (Inlined:
 * code_reports asks it of most words, and gcc's own choice moves with
 * unrelated code.) */
static inline __attribute__((always_inline)) int report_kind(const sr_pword *w)
{
    return w->subord ? 0 : listed_kind(w);
}

/* Word w is a verb of saying of the lists above ("said", "told",
 * "announced" ...), with or without "that". */
int code_saying_word(const sr_pword *w)
{
    pthread_once(&slots_once, build_slots);
    return may_open(w) && report_kind(w);
}

int code_saying_word_any(const sr_pword *w)
{
    pthread_once(&slots_once, build_slots);
    return may_open(w) && listed_kind(w) == 2;
}

/* The first word after the comma that opens word i's stretch, within 8
 * words and with no verb, auxiliary, quotation mark or dropped word
 * between ("..., a UN inquiry found"), or SIZE_MAX. */
static size_t after_comma(const sr_parse *p, size_t i)
{
    for (size_t k = i, steps = 0; k > 0 && steps < 8; k--, steps++) {
        const sr_pword *w = &p->words[k - 1];
        if (w->type == SR_W_COMMA && !w->in_compound)
            return k;
        if (w->type == SR_W_VERB || w->type == SR_W_AUXIL || w->type == SR_W_QUOTE || w->subord)
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* Kind r of word i, as the sentence's last word after a comma: one that
 * reports only before "that" reports what comes before it there ("...,
 * OPCW investigators find", "..., the army confirmed"), as "said" does. */
static int closing_kind(const sr_parse *p, size_t i, int r)
{
    if (r != 1 || i + 1 != p->nwords || i < 2)
        return r;
    return after_comma(p, i) != SIZE_MAX ? 2 : r;
}

/* report_kind past may_open (report_kind alone: for a word that passed). */
static int report_word(const sr_parse *p, size_t i)
{
    const sr_pword *w = &p->words[i];
    return may_open(w) ? closing_kind(p, i, report_kind(w)) : 0;
}

/* The word after "that" when it follows word i, past only the one spoken
 * to and phrases such as "in a statement on Sunday" ("told Iraq that"),
 * else 0.  A "that" after a noun of the verb's own ("claims the attack
 * that hit ...") opens no report. */
static size_t after_that(const sr_parse *p, size_t i, size_t to)
{
    int in_pp = 0;
    for (size_t k = i + 1; k < to && k <= i + 8; k++) {
        const sr_pword *w = &p->words[k];
        if (word_is(w, "that"))
            return k + 1;
        /* ("reported citing the interior ministry that": its source) */
        /* (and "on Monday", "this week": "on" the parse leaves untyped) */
        /* (and "to" the one told: "explained to SANA reporter that") */
        if (w->type == SR_W_PREP || word_is(w, "on") || word_is(w, "this") ||
            word_is(w, "last") || word_is(w, "citing") || word_is(w, "quoting") ||
            word_is(w, "to"))
            in_pp = 1;
        else if (!(w->actor >= 0 || w->type == SR_W_DETERM || w->type == SR_W_TIME ||
                   /* a name's possessive: "told SANA's correspondent that" */
                   (w->cap && w->type == SR_W_NULL) ||
                   (in_pp && (w->type == SR_W_NULL || w->type == SR_W_ADJ ||
                              w->type == SR_W_NOUN))))
            return 0;
    }
    return 0;
}

/* Adverbs that may part a speaker from its verb ("officials later said"). */
static const char *const adv_words[] = {"also", "later", "earlier", "previously", "then",
                                        "further", "separately", "again", "meanwhile",
                                        "however", "now", "repeatedly", "recently",
                                        "publicly", "already", NULL};
static word_set adv = {.list = adv_words};

/* Words that describe a source after "according to" ("earlier media
 * reports", "unconfirmed local reports"), which the dictionaries mostly
 * leave untyped. */
static const char *const source_adj_words[] = {
    "earlier", "initial", "preliminary", "local", "official", "unconfirmed", "latest",
    "recent", "early", "new", "previous", "first", "some", "several", "other", NULL};
static word_set source_adj = {.list = source_adj_words};

/* Nouns of those who speak for an actor named before them ("military
 * sources", "Kurdish officials"), which the dictionaries may leave
 * untyped; not a thing that says ("a German report saying"). */
static const char *const source_noun_words[] = {"sources", "source", "officials", "official",
                                                "spokesman", "spokeswoman", "spokesperson", "agency",
                                                NULL};
static word_set source_noun = {.list = source_noun_words};

/* Auxiliaries and modals, and the commonest irregular pasts (verb_like). */
static const char *const verb_like_words[] = {
    "is", "are", "am", "has", "have", "had", "will", "would", "can", "could", "may", "might",
    "must", "should", "did", "does",
    "fled", "left", "took", "hit", "shot", "struck", "fought", "held", "met", "sent", "went",
    "came", "began", "drove", "threw", "blew", "broke", "brought", "fell", "won", "lost", "ran",
    "rose", "kept", "led", "gave", "got", "stood", "sought", "caught", "seized", "burnt",
    "spent", "saw", "made", "found", "died", "dies", "used", "paid", "laid", "hid", "cut",
    "put", "sold", "told", "flew", "knew", "shut", "lay", "sat", NULL};
static word_set verb_like_set = {.list = verb_like_words};

__attribute__((constructor)) static void speech_sets(void)
{
    word_set_init(&adv);
    word_set_init(&source_adj);
    word_set_init(&source_noun);
    word_set_init(&verb_like_set);
}

static int speech_adverb(const sr_pword *w) { return word_set_has(&adv, w); }

enum { ACCORDING = 3 }; /* *kind beside report_word's 1 and 2 */

/* Verb i, one that reports only before "that", reports without it when a
 * subject and its own finite verb follow: "state media claimed 49
 * opposition fighters were killed", "denied helicopter gunships were being
 * used", "confirmed Russian jets bombed the town".  Without that verb the
 * words after are the speaker's own object ("claimed 17 lives", "announced
 * a ceasefire"), and a participle with BY qualifies them ("announced a
 * truce brokered by Russia").  A subject of plain words needs an
 * auxiliary: "confirmed the deaths of ..." has none. */
static int bare_report(const sr_parse *p, size_t i)
{
    size_t n = p->nwords, k = i + 1;
    /* The verb has a speaker before it: an actor, a pronoun, an auxiliary
     * of the perfect, an adverb, or AND/BUT ("but confirmed officials
     * were investigating").  After a verb it is an adjective ("must access
     * alleged Syria attack site"), after a form of "be" a passive ("are
     * estimated to have been killed"). */
    if (i == 0)
        return 0;
    const sr_pword *b = &p->words[i - 1];
    if (b->actor >= 0 ? p->actors[b->actor].end != i
                      : !(b->type == SR_W_PRONOUN || b->type == SR_W_CONJ || speech_adverb(b) ||
                          (b->type == SR_W_AUXIL && b->w[0] == 'h' && b->w[1] == 'a')))
        return 0;
    while (k < n && k <= i + 3 &&
           (p->words[k].type == SR_W_DETERM || p->words[k].type == SR_W_NUMBER ||
            p->words[k].type == SR_W_ADJ))
        k++;
    if (k >= n || p->words[k].subord)
        return 0;
    int u = p->words[k].actor;
    size_t e;
    if (u >= 0) {
        if (p->actors[u].start != k || p->actors[u].is_pronoun)
            return 0;
        e = p->actors[u].end;
    } else {
        if (k == i + 1 || p->words[k - 1].type != SR_W_DETERM)
            return 0; /* ("estimated to have been"): "the attack had ..." */
        e = k;
        while (e < n && e < k + 3 && !p->words[e].cap &&
               (p->words[e].type == SR_W_NULL || p->words[e].type == SR_W_NOUN))
            e++;
        if (e == k)
            return 0;
    }
    /* (past the plain noun an actor qualifies: "claimed the US-led
     * coalition strike killed 23 people") */
    if (u >= 0 && e + 1 < n && p->words[e].type == SR_W_NOUN && !p->words[e].cap &&
        (p->words[e + 1].type == SR_W_VERB || p->words[e + 1].type == SR_W_AUXIL))
        e++;
    if (e >= n || p->words[e].subord)
        return 0;
    const sr_pword *v = &p->words[e];
    if (v->type == SR_W_AUXIL)
        return 1;
    /* (a perfect's "had" the parse leaves untyped: "officials believed
     * rebels had attacked the town", "feared the army has shelled") */
    if (e + 1 < n && (word_is(v, "had") || word_is(v, "has") || word_is(v, "have")) &&
        (p->words[e + 1].type == SR_W_VERB || p->words[e + 1].type == SR_W_AUXIL ||
         code_participle(&p->words[e + 1])))
        return 1;
    return u >= 0 && v->type == SR_W_VERB && !code_ing_form(v) &&
           !(e + 1 < n && p->words[e + 1].type == SR_W_BY);
}

/* The first word of the report word i (one may_open lets through) opens,
 * or SIZE_MAX; *kind is report_word's answer, or ACCORDING for
 * "according to". */
static size_t opens(const sr_parse *p, size_t i, int *kind)
{
    const sr_pword *w = &p->words[i];
    size_t n = p->nwords;
    if (word_is(w, "according") && i + 1 < n && word_is(&p->words[i + 1], "to")) {
        /* "according to X, Y ...": the report begins after X */
        *kind = ACCORDING;
        size_t k = i + 2;
        /* "according to earlier media reports": a word or two describing
         * the source may stand before it (not a noun: "according to the
         * bulletin Jabhat al-Nusra executed 40 gunmen" names Nusra in
         * what the bulletin says) */
        for (size_t skipped = 0; k < n && p->words[k].actor < 0 && skipped < 3; k++) {
            int t = p->words[k].type;
            /* ("according to the Al Masdar media outlet the coalition
             * bombed": a name the dictionaries lack, right before the
             * actor it names) */
            if (t == SR_W_NULL && p->words[k].cap) {
                size_t j = k;
                while (j < n && j < k + 3 && p->words[j].type == SR_W_NULL && p->words[j].cap)
                    j++;
                if (j < n && p->words[j].actor >= 0 && p->actors[p->words[j].actor].start == j)
                    k = j;
                break;
            }
            if (t != SR_W_DETERM && t != SR_W_ADJ && t != SR_W_NUMBER && t != SR_W_TIME &&
                !word_set_has(&source_adj, &p->words[k]))
                break;
            skipped += t != SR_W_DETERM;
        }
        /* ("according to a February report by the Syrian Center for
         * Policy Research", "according to figures from the UN": the
         * source of the report) */
        static const char *const papers[] = {"report", "reports", "statement", "data",
                                             "figures", "estimate", "estimates", "tally",
                                             "count", "survey", "study", NULL};
        if (k + 1 < n && p->words[k].actor < 0 && p->words[k].cap &&
            p->words[k].type == SR_W_NULL && word_in(&p->words[k + 1], papers))
            k++;   /* (a month's or a name's word before it) */
        if (k + 2 < n && p->words[k].actor < 0 && word_in(&p->words[k], papers) &&
            (p->words[k + 1].type == SR_W_BY || word_is(&p->words[k + 1], "by") ||
             word_is(&p->words[k + 1], "from") || word_is(&p->words[k + 1], "of"))) {
            k += 2;
            while (k < n && p->words[k].actor < 0 &&
                   (p->words[k].type == SR_W_DETERM || p->words[k].type == SR_W_ADJ))
                k++;
        }
        return k < n && p->words[k].actor >= 0 ? p->actors[p->words[k].actor].end : SIZE_MAX;
    }
    int r = *kind = closing_kind(p, i, report_kind(w));
    if (!r)
        return SIZE_MAX;
    size_t t = after_that(p, i, n);
    if (t)
        return t;
    if (r != 2)
        return bare_report(p, i) ? i + 1 : SIZE_MAX;
    /* "reported citing the interior ministry the attackers ...": the
     * source cited is not in the report */
    if (i + 2 < n && (word_is(&p->words[i + 1], "citing") || word_is(&p->words[i + 1], "quoting"))) {
        size_t k = i + 2;
        while (k < n && p->words[k].type == SR_W_DETERM)
            k++;
        if (k < n && p->words[k].actor >= 0 && p->actors[p->words[k].actor].start == k)
            return p->actors[p->words[k].actor].end;
    }
    /* "told AFP the bombers ...": the one told is not in the report */
    if (w->w[0] == 't' && (word_is(w, "told") || word_is(w, "tell") || word_is(w, "tells") ||
                           word_is(w, "telling"))) {
        size_t k = i + 1;
        while (k < n && p->words[k].type == SR_W_DETERM)
            k++;
        if (k < n && p->words[k].actor >= 0 && p->actors[p->words[k].actor].start == k)
            return p->actors[p->words[k].actor].end;
    }
    return i + 1;
}

/* The last word of an actor before a phrase "for/of/at the X" of plain
 * words that ends at word j, or j. */
static size_t role_phrase(const sr_parse *p, size_t j)
{
    size_t k = j;
    for (int hop = 0; hop < 3 && k > 1; hop++, k--) {
        const sr_pword *w = &p->words[k];
        if (w->actor >= 0 || w->subord || w->cap ||
            (w->type != SR_W_NULL && w->type != SR_W_DETERM && w->type != SR_W_ADJ))
            return j;
        const sr_pword *b = &p->words[k - 1];
        if (word_is(b, "for") || word_is(b, "of") || word_is(b, "at")) {
            const sr_pword *r = &p->words[k - 2];
            return r->actor >= 0 && p->actors[r->actor].end == k - 1 && !r->subord ? k - 2 : j;
        }
    }
    return j;
}

static int verb_like(const sr_pword *w);

/* Verb of saying i closes its sentence: no verb, auxiliary, pronoun or
 * "that" after it, nor a word only a verb can be ("saying residents are
 * in need"), nor "to" right after ("said to be held by rebels"); a
 * relative clause on the speaker may follow ("said the resident who asked
 * for anonymity"). */
static int closing_speaker(const sr_parse *p, size_t i)
{
    size_t n = p->nwords;
    if (i + 1 < n && word_is(&p->words[i + 1], "to"))
        return 0;
    for (size_t k = i + 1; k < n; k++) {
        const sr_pword *w = &p->words[k];
        if (k > i + 1 && word_is(w, "who"))
            return 1;
        if (((w->type == SR_W_VERB || w->type == SR_W_AUXIL || w->type == SR_W_PRONOUN) &&
             !w->subord) ||
            word_is(w, "that"))
            return 0;
        /* (not a compound's tail: "a Turkey-based official") */
        if (w->type == SR_W_NULL && !w->cap && w->actor < 0 && verb_like(w) &&
            !(p->text && w->start > 0 && p->text[w->start - 1] == '-'))
            return 0;
    }
    return 1;
}

/* The first word from i on that may open a report, or n: a loop of its
 * own, whose few variables stay in registers (most words are passed
 * here; in the loop below, with all it holds, each cost twice as much). */
static size_t next_open(const sr_pword *w, size_t i, size_t n)
{
    while (i < n && !may_open(&w[i]))
        i++;
    return i;
}

int code_reports(code_bloom *cb, const sr_parse *p, sr_arena *a)
{
    pthread_once(&slots_once, build_slots);
    size_t n = p->nwords, m = 0, nc = 0;
    size_t *at = NULL;
    for (size_t i = next_open(p->words, 0, n); i < n; i = next_open(p->words, i + 1, n)) {
        int kind;
        size_t o = opens(p, i, &kind);
        if (o == SIZE_MAX && kind != ACCORDING)
            continue;
        /* (room for every word: a sentence has one or two reports) */
        if (!at && !(at = sr_arena_alloc(a, 4 * n * sizeof *at)))
            return SR_ENOMEM;
        if (o != SIZE_MAX) {
            at[m] = i;
            at[n + m++] = o;
        }
        /* a speaker named right before a verb of saying (of one that
         * needs "that", when it opened a report), or after "according
         * to": no target of an event before it */
        size_t cs = SIZE_MAX, ce = 0;
        if (kind == ACCORDING) {
            /* the actor named after it, or "according to" alone */
            int u = o != SIZE_MAX && o > 0 ? p->words[o - 1].actor : -1;
            cs = u >= 0 ? p->actors[u].start : i;
            ce = u >= 0 ? p->actors[u].end : i + 2;
        } else if ((kind == 2 || (kind == 1 && o != SIZE_MAX)) && i > 0) {
            size_t j = i - 1;
            /* "officials later said" */
            if (j > 0 && speech_adverb(&p->words[j]) && !p->words[j].subord)
                j--;
            /* "the news agency Ceteka reported", "the monitor's director
             * Rami Abdel Rahman said": a name the dictionaries lack */
            size_t names = 0;
            while (j > 0 && names < 4 && p->words[j].cap && p->words[j].type == SR_W_NULL &&
                   p->words[j].actor < 0 && !p->words[j].subord) {
                j--;
                names++;
            }
            /* "a spokeswoman for the mission said": a role's own phrase
             * after it, of words no dictionary knows */
            if (!names && p->words[j].actor < 0)
                j = role_phrase(p, j);
            /* ("Military sources announced", "Kurdish officials said": a
             * plain noun the actor before it names) */
            if (!names && j > 0 && p->words[j].actor < 0 && !p->words[j].subord &&
                word_set_has(&source_noun, &p->words[j]) && p->words[j - 1].actor >= 0 &&
                p->actors[p->words[j - 1].actor].end == j)
                j--;
            const sr_pword *w = &p->words[j];
            /* (past a name, only a role the name stands beside: "the news
             * agency Ceteka", not "an attack on Turkey Haberturk reported") */
            const char *role = w->actor >= 0 && names ? sr_parse_actor_code(p, w->actor) : NULL;
            if (w->actor >= 0 && p->actors[w->actor].end == j + 1 &&
                (!names || (role && !strncmp(role, "---", 3)))) {
                const sr_pactor *u = &p->actors[w->actor];
                if (!p->words[u->start].subord) {
                    cs = u->start;
                    ce = u->end;
                }
            }
        }
        /* "... shelled the town on Sunday said the Syrian Observatory",
         * '"..." said Rami Abdel Rahman, head of the Observatory': a verb
         * of saying that closes the sentence, nothing reported after it,
         * has its speaker or the one told after it, never the target of
         * what it reports (the verb itself is the mark: the statement's
         * own target search starts past it) */
        if (cs == SIZE_MAX && kind == 2 && i > 0 && closing_speaker(p, i)) {
            cs = i;
            ce = i + 1;
            /* (the speaker's words after their comma, when no dictionary
             * names the speaker right before the verb: "..., a UN inquiry
             * found", "..., OPCW investigators find") */
            size_t k = after_comma(p, i);
            if (k < i)
                cs = k;
        }
        if (cs != SIZE_MAX) {
            at[2 * n + nc] = cs;
            at[3 * n + nc++] = ce;
        }
    }
    cb->report_at = at;
    cb->report_open = at ? at + n : NULL;
    cb->nreports = m;
    cb->speaker_at = at ? at + 2 * n : NULL;
    cb->speaker_end = at ? at + 3 * n : NULL;
    cb->nspeakers = nc;
    return SR_OK;
}

size_t code_report_start(const code_bloom *cb, size_t from, size_t to)
{
    /* the last report opened before to, if it is at or after from */
    for (size_t k = cb->nreports; k-- > 0;)
        if (cb->report_at[k] < to)
            return cb->report_at[k] >= from ? cb->report_open[k] : SIZE_MAX;
    return SIZE_MAX;
}

int code_report_source(const code_bloom *cb, const sr_parse *p, int src, size_t vstart,
                       int avoid, size_t *rstart)
{
    *rstart = SIZE_MAX;
    if (src < 0 || src >= (int)p->nactors)
        return src;
    /* the last report opened before the verb, when the source stands
     * before the report begins: its speaker ("Activists said ..."), the
     * one told ("told SANA's correspondent that ..."), or the one after
     * "according to" */
    size_t k = cb->nreports;
    while (k > 0 && cb->report_at[k - 1] >= vstart)
        k--;
    if (!k || cb->report_open[k - 1] > vstart || p->actors[src].start >= cb->report_open[k - 1])
        return src;
    *rstart = cb->report_open[k - 1];
    int u = actor_in_report(p, *rstart, vstart, avoid);
    /* "Iraq said it would allow ...": a pronoun opening the report is the
     * speaker, whatever antecedent the parse gave it */
    return u >= 0 && p->actors[u].is_pronoun ? src : u;
}

size_t code_speaker_cap(const code_bloom *cb, size_t from, size_t to)
{
    /* the first speaker that reaches past from and starts before to */
    size_t best = to;
    for (size_t k = 0; k < cb->nspeakers; k++) {
        size_t st = cb->speaker_at[k] > from ? cb->speaker_at[k] : from;
        if (cb->speaker_end[k] > from && st < best)
            best = st;
    }
    return best;
}

int code_is_speaker(const code_bloom *cb, const sr_parse *p, int u)
{
    if (u < 0 || (size_t)u >= p->nactors)
        return 0;
    for (size_t k = 0; k < cb->nspeakers; k++)
        if (cb->speaker_at[k] == p->actors[u].start && cb->speaker_end[k] == p->actors[u].end)
            return 1;
    return 0;
}

/* A word that can only be a verb's, where the dictionaries know no verb:
 * an auxiliary the parser does not type ("have fled", "are sheltering"),
 * or a lower-case word in -ed or -ing. */
static int verb_like(const sr_pword *w)
{
    if (w->cap || w->subord)
        return 0;
    if (word_set_has(&verb_like_set, w))
        return 1;
    return w->len >= 5 && ((w->w[w->len - 2] == 'e' && w->w[w->len - 1] == 'd') ||
                           (w->w[w->len - 3] == 'i' && w->w[w->len - 2] == 'n' &&
                            w->w[w->len - 1] == 'g'));
}

size_t code_speaker_segment(const code_bloom *cb, const sr_parse *p, size_t vstart, size_t vend,
                            size_t *send)
{
    *send = vstart;
    /* (a verb of saying opens a report where code_reports found one: most
     * verbs are none, told by a look at its short list) */
    size_t r = 0;
    while (r < cb->nreports && cb->report_at[r] < vstart)
        r++;
    if (r == cb->nreports || cb->report_at[r] != vstart || vstart >= p->nwords ||
        report_word(p, vstart) != 2)
        return SIZE_MAX;
    /* nothing reported after it: no verb, auxiliary, pronoun or "that" to
     * the sentence's end ("has said it will not open its border") */
    for (size_t k = vend; k < p->nwords; k++) {
        int t = p->words[k].type;
        if (((t == SR_W_VERB || t == SR_W_AUXIL || t == SR_W_PRONOUN) && !p->words[k].subord) ||
            word_is(&p->words[k], "that"))
            return SIZE_MAX;
    }
    /* '"... a deadly escalation" said Kenneth Roth': a verb of saying
     * right after the quotation it closes has its speaker after it, to
     * the sentence's end */
    if (vstart >= 2 && p->words[vstart - 1].type == SR_W_QUOTE) {
        if (vend >= p->nwords)
            return SIZE_MAX;
        *send = p->nwords;
        return vend;
    }
    /* the speaker: words back to a comma or a quotation mark, without a
     * verb among them ("the Los Angeles County Fire Department", "the
     * monitor's head Rami Abdel Rahman") */
    size_t k = vstart;
    int listed = 0;
    /* ('"...," Peter Deng, a government spokesman, told reporters': the
     * apposition the comma rule dropped is the speaker's) */
    if (k >= 2 && p->words[k - 1].type == SR_W_COMMA && p->words[k - 1].subord &&
        p->words[k - 2].subord)
        k--;
    for (size_t steps = 0;; steps++) {
        if (k == 0 || steps == 16)
            return SIZE_MAX;
        const sr_pword *w = &p->words[k - 1];
        if ((w->type == SR_W_COMMA && !w->in_compound) || w->type == SR_W_QUOTE)
            break;
        /* (a capitalised word after another is part of a name: "the Los
         * Angeles County Fire Department", whatever its type) */
        int in_name = w->cap && k >= 2 && p->words[k - 2].cap;
        /* (speakers may be a list: ", activists and rescue teams said";
         * without the comma the walk fails at the verb before) */
        if (!in_name && (w->type == SR_W_VERB || w->type == SR_W_AUXIL ||
                         (w->type == SR_W_CONJ && !word_is(w, "and"))))
            return SIZE_MAX;
        if (w->type == SR_W_CONJ)
            listed = 1;
        k--;
    }
    /* (a list of speakers has no verb in it: ", and posted video they
     * said" is a clause) */
    for (size_t j = k; listed && j < vstart; j++)
        if (verb_like(&p->words[j]))
            return SIZE_MAX;
    if (k == vstart)
        return SIZE_MAX;
    /* and before it, what it reports: a clause with a verb or auxiliary
     * (not an apposition: "Iraq's prime minister, Haider al-Abadi, said"),
     * or a quotation it closes ('... resulted in "big human casualties"
     * Homs Governor Talal Barazi said': the dictionaries know few of a
     * report's verbs, "resulted" not among them), which may have opened a
     * sentence before ('All the military positions are outside the town"
     * the devastated man said') */
    if (p->words[k - 1].type == SR_W_QUOTE)
        return k >= 2 ? k : SIZE_MAX;
    for (size_t j = 0; j + 1 < k; j++)
        if (p->words[j].type == SR_W_VERB || p->words[j].type == SR_W_AUXIL ||
            verb_like(&p->words[j]))
            return k;
    return SIZE_MAX;
}

/* A name's particles, written small ("Ahmed al-Jarba" is one word here,
 * "Ursula von der Leyen" three). */
static int name_particle(const sr_pword *w)
{
    static const char *const small[] = {"al", "el", "bin", "ibn", "abu", "de", "del", "da",
                                        "van", "von", "der", "le", "la", NULL};
    return word_in(w, small) || (w->len > 3 && (!memcmp(w->w, "al-", 3) || !memcmp(w->w, "el-", 3)));
}

int code_apposition_subject(const sr_parse *p, size_t cstart, size_t vstart, int avoid)
{
    size_t k = cstart, n0;
    if (k < vstart && p->words[k].type == SR_W_CONJ)
        k++;
    /* the name: two to four words no dictionary knows, the first capitalised
     * (one alone is as often "Overnight" or "Meanwhile") */
    for (n0 = k; k < vstart && k - n0 < 5 && !p->words[k].subord && p->words[k].actor < 0 &&
                 p->words[k].type == SR_W_NULL &&
                 (p->words[k].cap || (k > n0 && name_particle(&p->words[k])));
         k++)
        ;
    if (k < n0 + 2 || k - n0 > 4 || k >= vstart || !p->words[n0].cap ||
        p->words[k].type != SR_W_COMMA || !p->words[k].subord)
        return -1;
    /* the apposition, up to its closing comma */
    size_t a0 = k + 1, e = a0;
    int rel = 0;
    /* (a noun phrase, or one with a relative clause: "a retired officer who
     * has joined the opposition"; a verb of its own makes it the clause the
     * comma rule set aside: "Last Thursday, German police arrested ...,") */
    for (; e < vstart && p->words[e].subord && p->words[e].type != SR_W_COMMA; e++) {
        rel |= word_is(&p->words[e], "who") || word_is(&p->words[e], "which") ||
               word_is(&p->words[e], "whose") || word_is(&p->words[e], "that");
        if (!rel && p->words[e].type == SR_W_VERB)
            return -1;
    }
    if (e >= vstart || p->words[e].type != SR_W_COMMA || vstart - (e + 1) > 2)
        return -1;
    for (size_t j = e + 1; j < vstart; j++) /* ("has", "today", "also") */
        if (p->words[j].actor >= 0 || p->words[j].type == SR_W_COMMA ||
            p->words[j].type == SR_W_VERB)
            return -1;
    /* its head: an actor after a determiner and at most two words ("the
     * veteran British diplomat"), not one further in ("a town held by
     * rebels" is no rebel) */
    size_t j = a0;
    if (j < e && p->words[j].type == SR_W_DETERM)
        j++;
    for (int skip = 0; j < e && p->words[j].actor < 0; skip++, j++)
        if (skip == 2 || (p->words[j].type != SR_W_NULL && p->words[j].type != SR_W_ADJ))
            return -1;
    int u = j < e ? p->words[j].actor : -1;
    if (u < 0 || u == avoid || p->actors[u].start != j || p->actors[u].end > e ||
        p->actors[u].is_pronoun)
        return -1;
    return u;
}
