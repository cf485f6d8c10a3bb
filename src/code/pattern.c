/* Verb pattern matching (TABARI manual 5.5-5.7): elements before "*" match
 * in order before the verb, the rest after it, "_" demands adjacency, and
 * $ + % ^ bind actors.  Backtracking is bounded. */
#include <string.h>

#include "code_int.h"

typedef struct cont {
    uint32_t i, end;
    const struct cont *next;
} cont;

typedef code_mctx mctx;

static int run(mctx *c, uint32_t i, uint32_t end, size_t pos, const cont *k);

/* Position in act (in word order) of the first word at or after word
 * index w. */
static size_t act_at_or_after(const mctx *c, size_t w)
{
    return sr_lower_bound(c->act, c->m, w);
}

static size_t limit_for(const mctx *c, uint32_t i)
{
    return i < c->vi ? c->vpos : c->hi;
}

/* The actor unit starting at act[j], or -1. */
static int actor_starting(const mctx *c, size_t j)
{
    int32_t u = c->p->words[c->act[j]].actor;
    if (u < 0 || c->p->actors[u].start != c->act[j])
        return -1;
    return u;
}

/* End (in act) of actor u, including its whole compound when asked. */
static size_t after_actor(const mctx *c, int u, int whole_compound)
{
    const sr_parse *p = c->p;
    size_t end = p->actors[u].end;
    int cp = p->actors[u].compound;
    if (whole_compound && cp >= 0 && !p->actors[u].is_pronoun && p->comp_off)
        for (uint32_t k = p->comp_off[cp]; k < p->comp_off[cp + 1]; k++)
            if (p->actors[p->comp_members[k]].end > end)
                end = p->actors[p->comp_members[k]].end;
    return act_at_or_after(c, end);
}

static int next_elem(mctx *c, uint32_t i, uint32_t end, size_t pos, const cont *k)
{
    return run(c, i + 1, end, pos, k);
}

static int is_preposition(const char *w)
{
    static const char *const preps[] = {"about", "after", "against", "among", "at", "before",
                                        "between", "by", "during", "for", "from", "in", "into",
                                        "near", "of", "on", "over", "to", "toward", "towards",
                                        "under", "with", "without"};
    for (size_t i = 0; i < sizeof preps / sizeof *preps; i++)
        if (!strcmp(w, preps[i]))
            return 1;
    return 0;
}

/* PETRARCH's ^ skips one phrase of the parse, which need not hold an
 * actor: an actor unit; a preposition with the noun phrase after it ("with
 * Eriador"); or a run of words up to the next actor, verb or comma. */
static int petrarch_skip(mctx *c, uint32_t i, uint32_t end, size_t pos, const cont *k)
{
    size_t lim = limit_for(c, i);
    if (pos >= lim)
        return 0;
    int u = actor_starting(c, pos);
    if (u >= 0)
        return next_elem(c, i, end, after_actor(c, u, 1), k);
    size_t j = pos;
    if (is_preposition(c->p->words[c->act[j]].w)) {
        j++;
        while (j < lim && c->p->words[c->act[j]].type == SR_W_DETERM)
            j++;
        if (j < lim && (u = actor_starting(c, j)) >= 0)
            return next_elem(c, i, end, after_actor(c, u, 1), k);
    }
    while (j < lim && c->p->words[c->act[j]].actor < 0) {
        int t = c->p->words[c->act[j]].type;
        if (t == SR_W_VERB || t == SR_W_COMMA)
            break;
        j++;
    }
    return j > pos && next_elem(c, i, end, j, k);
}

/* sitrep's conventions: a preposition after the verb is not the verb's
 * when an object's own infinitive stands between: after an actor, "to"
 * and a verb ("urged the rebels fighting Assad to cooperate with the UN"
 * is no fighting with the UN, nor an appeal to it), unless the pattern
 * names that "to" ("sent experts to Lebanon to look into").  The verb's
 * own infinitive, with no actor before it, keeps what follows it
 * ("promised on Wednesday to deliver tanks to Ukraine"). */
static int infinitive_before(const mctx *c, size_t j)
{
    const sr_pword *w = &c->p->words[c->act[j]];
    if (!is_preposition(w->w) || !sr_dict_is_native(c->d))
        return 0;
    /* (an event's noun has no infinitive of its own: "the rebels
     * fighting in Aleppo to cooperate with the UN") */
    int object = c->p->words[c->act[c->vpos]].type != SR_W_VERB;
    for (size_t x = c->vend; x + 1 < j; x++) {
        const sr_pword *t = &c->p->words[c->act[x]];
        if (t->actor >= 0) {
            object = 1;
            continue;
        }
        if (!object || t->len != 2 || memcmp(t->w, "to", 2) ||
            c->p->words[c->act[x + 1]].type != SR_W_VERB || c->act[x + 1] != c->act[x] + 1)
            continue;
        int named = 0;
        for (uint32_t u = 0; u < c->nused && !named; u++)
            named = c->used[u] == x;
        if (!named)
            return 1;
    }
    return 0;
}

static int actor_elem(mctx *c, uint32_t i, uint32_t end, size_t pos, const cont *k, int consec)
{
    const sr_dict_elem *el = &c->e[i];
    size_t lim = limit_for(c, i);
    if (c->style == SR_STYLE_PETRARCH && el->type == SR_DICT_E_SKIP)
        return petrarch_skip(c, i, end, pos, k);
    for (size_t j = pos; j < lim; j++) {
        int u = actor_starting(c, j);
        if (u < 0) {
            if (consec)
                return 0;
            continue;
        }
        size_t resolved = sr_parse_resolve(c->p, (size_t)u);
        /* % looks for the first compound, passing single actors by
         * ("Mordor with Fornost and Gondor welcomed": manual 5.7.3). */
        if (el->type == SR_DICT_E_COMPOUND && c->p->actors[resolved].compound < 0 &&
            c->p->actors[resolved].ncodes < 2) {
            if (consec)
                return 0;
            j = after_actor(c, u, 1) - 1;
            continue;
        }
        int save_s = c->src, save_t = c->tgt, save_c = c->comp;
        if (el->type == SR_DICT_E_SOURCE) {
            c->src = u;
        } else if (el->type == SR_DICT_E_TARGET) {
            c->tgt = u;
        } else if (el->type == SR_DICT_E_COMPOUND) {
            /* % takes a parsed compound or a coded one ("A/B"). */
            if (c->p->actors[resolved].compound < 0 && c->p->actors[resolved].ncodes < 2)
                return 0; /* % needs a compound; the pattern fails */
            if (c->style == SR_STYLE_PETRARCH) {
                /* PETRARCH binds the compound where it stands: subject
                 * before the verb, object after it. */
                if (i < c->vi)
                    c->src = u;
                else
                    c->tgt = u;
            } else {
                c->src = c->tgt = u;
                c->comp = 1;
            }
        }
        int whole = el->type != SR_DICT_E_SOURCE && el->type != SR_DICT_E_TARGET;
        if (next_elem(c, i, end, after_actor(c, u, whole || 1), k))
            return 1;
        c->src = save_s;
        c->tgt = save_t;
        c->comp = save_c;
        return 0; /* the first actor in place is the one TABARI binds */
    }
    return 0;
}

/* Word w ends a noun phrase that names no event ("charm offensive",
 * "legal battle", "price war": an event noun coded ---) and does not open
 * it: a set of event words must not take it for the event ("launched a
 * charm offensive" is no attack). */
static int in_null_noun(const mctx *c, size_t w)
{
    int32_t r = c->p->words[w].root;
    if (r < 0 || (size_t)r >= c->p->nroots)
        return 0;
    const sr_proot *rt = &c->p->roots[r];
    if (rt->type != SR_W_EVNOUN || rt->start >= w)
        return 0;
    sr_dict_code fc;
    uint32_t first, npat;
    return sr_dict_form_patterns(c->d, rt->entry, &fc, &first, &npat) == 0 &&
           (fc.flags & SR_DICT_C_NULL) && npat == 0;
}

/* Words that end a noun phrase though the parse leaves them untyped in
 * sitrep's own dictionaries: prepositions, relatives, auxiliaries, days
 * and the verbs that most often follow a subject ("fighting poverty
 * remains hard").  A word missed here only lets a phrase run on, so that
 * its head is not found and the pattern fails. */
static const char *const stop_words[] = {
    "about", "above", "across", "affects", "after", "against", "along", "amid", "among", "and",
    "are", "around", "as", "at", "be", "because", "been", "before", "behind", "below",
    "beside", "between", "beyond", "but", "by", "can", "continues", "could", "despite",
    "during", "except", "for", "friday", "from", "grows", "had", "has", "have", "here",
    "hits", "if", "in", "inside", "into", "is", "kills", "like", "may", "might", "monday",
    "must", "near", "nor", "not", "of", "off", "on", "onto", "or", "out", "outside", "over",
    "persists", "poses", "rages", "remains", "said", "saturday", "says", "should", "since",
    "so", "spreads", "sunday", "than", "that", "there", "threatens", "through", "throughout",
    "thursday", "to", "today", "tomorrow", "tonight", "toward", "towards", "tuesday", "under",
    "until", "upon", "via", "was", "wednesday", "were", "when", "where", "which", "while",
    "who", "whom", "whose", "will", "with", "within", "without", "worsens", "would",
    "yesterday", "yet", NULL};
static word_set stop_set = {.list = stop_words};

/* A word for a stretch of time ("year", "week", "month"). */
static int time_noun(const sr_pword *w)
{
    static const char *const t[] = {"year", "week", "month", "night", "weekend", "summer",
                                    "winter", "spring", "autumn", "fall", "morning",
                                    "evening", "afternoon", "decade", "century", NULL};
    return w->len >= 4 && w->len <= 9 && word_in(w, t);
}

__attribute__((constructor)) static void pattern_sets(void)
{
    word_set_init(&stop_set);
}

/* A determiner, a possessor or a number: what comes next is inside its
 * noun phrase. */
static int opens_phrase(const sr_pword *w)
{
    return w->type == SR_W_DETERM || w->type == SR_W_PRONOUN || w->type == SR_W_NUMBER || w->poss;
}

static int verbal_ending(const char *w, size_t n)
{
    return (w[n - 2] == 'l' && w[n - 1] == 'y') || (w[n - 2] == 'e' && w[n - 1] == 'd') ||
           (w[n - 3] == 'i' && w[n - 2] == 'n' && w[n - 1] == 'g');
}

/* The end (in act) of the noun phrase that starts at act[pos]: its
 * determiners, possessors, modifiers and head, up to the first word that
 * cannot stand in one; pos when none can. */
static size_t phrase_end(const mctx *c, size_t pos, size_t lim)
{
    size_t j = pos;
    /* A gerund's own object ends it: "stopped shelling the city" stopped
     * the shelling. */
    if (pos + 1 < lim) {
        const sr_pword *g = &c->p->words[c->act[pos]];
        int t = c->p->words[c->act[pos + 1]].type;
        if ((g->type == SR_W_VERB || g->type == SR_W_EVNOUN || g->type == SR_W_NULL) &&
            code_ing_form(g) &&
            (t == SR_W_DETERM || t == SR_W_ACTOR || t == SR_W_AGENT || t == SR_W_PRONOUN ||
             t == SR_W_NUMBER))
            return pos + 1;
    }
    for (; j < lim; j++) {
        const sr_pword *w = &c->p->words[c->act[j]];
        switch (w->type) {
        case SR_W_NULL: case SR_W_NOUN: case SR_W_ADJ: case SR_W_DETERM: case SR_W_NUMBER:
        case SR_W_ACTOR: case SR_W_AGENT: case SR_W_EVNOUN: case SR_W_PRONOUN:
            break;
        case SR_W_VERB:
            /* a verb's word after a determiner, or after one modifier
             * after one, is a noun ("the raging fire", "its strike"); so
             * is a plural or a gerund right after the verb ("halted
             * attacks", "stopped shelling") */
            if (j == pos && w->len > 4 && w->w[w->len - 1] == 's' && w->w[w->len - 2] != 's')
                break;
            if (j == pos && code_ing_form(w))
                break;
            if (j > pos && (opens_phrase(&c->p->words[c->act[j - 1]]) ||
                            (j - 1 > pos && c->p->words[c->act[j - 1]].type == SR_W_NULL &&
                             opens_phrase(&c->p->words[c->act[j - 2]]))))
                break;
            return j;
        default:
            return j;
        }
        if (!w->len || word_set_has(&stop_set, w))
            return j;
        /* ("the company last year", "the town this week": a time after
         * the phrase) */
        if (j > pos && j + 1 < lim &&
            (word_is(w, "last") || word_is(w, "next") || word_is(w, "this")) &&
            time_noun(&c->p->words[c->act[j + 1]]))
            return j;
        /* After a word that is no determiner, possessor or number, a
         * manner adverb or a participle ends the phrase ("attacked the
         * plan fiercely", "the fire raging in the hills", "the budget
         * passed on Friday"); after one, it is a modifier ("the newly
         * proposed budget", "the raging fire"), as after a manner
         * adverb ("the newly proposed budget"). */
        if (j > pos && w->type == SR_W_NULL && w->len > 4 && verbal_ending(w->w, w->len)) {
            const sr_pword *b = &c->p->words[c->act[j - 1]];
            /* (but a noun in -ing before another noun is a modifier:
             * "the government housing plan", "a spending bill") */
            const sr_pword *nx = j + 1 < lim ? &c->p->words[c->act[j + 1]] : NULL;
            int modifier = w->w[w->len - 1] == 'g' && nx &&
                           (nx->type == SR_W_NULL || nx->type == SR_W_NOUN) && !nx->cap &&
                           nx->len > 2 && !verbal_ending(nx->w, nx->len) &&
                           !word_set_has(&stop_set, nx);
            if (!modifier && !opens_phrase(b) &&
                !(b->len > 4 && b->w[b->len - 2] == 'l' && b->w[b->len - 1] == 'y'))
                return j;
        }
        /* punctuation the parse left untyped (a dash, a colon) */
        unsigned char c0 = (unsigned char)w->w[0];
        if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= '0' && c0 <= '9') || c0 >= 0x80))
            return j;
    }
    return j;
}

/* A word that counts what an OF after it names. */
static int count_word(const sr_pword *w)
{
    static const char *const q[] = {"dozens", "hundreds", "thousands", "scores", "tens",
                                    "number", "series", "several", "some", "many", "most",
                                    "all", "each", "one", "two", "three", "four", "five",
                                    "six", "seven", "eight", "nine", "ten", "dozen", NULL};
    return w->type == SR_W_NUMBER || word_in(w, q);
}

/* ">&set": the noun phrase right at pos has a member of the set for its
 * head ("attacked the government's new budget": budget), so that a word
 * further on ("attacked the base, ending the plan") is never taken for
 * what the verb acts on. */
static int head_elem(mctx *c, uint32_t i, uint32_t end, size_t pos, const cont *k)
{
    const sr_dict_elem *el = &c->e[i];
    size_t lim = limit_for(c, i);
    size_t pe = phrase_end(c, pos, lim);
    if (pe == pos)
        return 0;
    int found = 0;
    for (int pass = 0; pass < 2 && !found; pass++) {
        /* A count's phrase goes on after OF to what it counts when the
         * count is not the head asked for itself: "destroyed dozens of
         * homes", "attacked some of the positions" ("taken dozens of
         * Palestinians" asks for "dozens"). */
        if (pass) {
            if (!(pe + 1 < lim && word_is(&c->p->words[c->act[pe]], "of") &&
                  count_word(&c->p->words[c->act[pe - 1]])))
                break;
            size_t pe2 = phrase_end(c, pe + 1, lim);
            if (pe2 <= pe + 1)
                break;
            pe = pe2;
        }
        size_t last = c->act[pe - 1];
        if (el->type == SR_DICT_E_WORD)
            found = sr_dict_seq_find_word(c->d, c->p->seq, c->act, pe - 1, pe, el->value,
                                          el->mode) == pe - 1;
        for (size_t j = pos; !found && j < pe; j++) {
            sr_dict_match m;
            found = sr_dict_synset_match(c->d, el->value, c->p->seq, c->act[j], last + 1, NULL,
                                         &m) == 1 &&
                    m.end == last + 1;
        }
    }
    if (!found)
        return 0;
    /* The head is a word the pattern used (one per element: used has
     * room for as many), so that it codes no event of its own ("launched
     * a blistering attack on": no attack). */
    c->used[c->nused++] = pe - 1;
    if (next_elem(c, i, end, pe, k))
        return 1;
    c->nused--;
    return 0;
}

static int run(mctx *c, uint32_t i, uint32_t end, size_t pos, const cont *k)
{
    if (++c->steps > 200000)
        return 0;
    if (i >= end) {
        if (!k) {
            c->end_pos = pos;
            return 1;
        }
        return run(c, k->i, k->end, pos, k->next);
    }
    const sr_dict_elem *el = &c->e[i];
    if (el->consec == SR_DICT_HEAD && (el->type == SR_DICT_E_SYNSET || el->type == SR_DICT_E_WORD))
        return head_elem(c, i, end, pos, k);
    int consec = el->consec && i > 0 && pos > c->lo;
    size_t lim = limit_for(c, i);
    switch (el->type) {
    case SR_DICT_E_WORD: {
        /* "_" allows the next position only. */
        size_t to = consec && pos < lim ? pos + 1 : lim;
        for (size_t j = pos; (j = sr_dict_seq_find_word(c->d, c->p->seq, c->act, j, to, el->value,
                                                       el->mode)) < to;
             j++) {
            if (i > c->vi && infinitive_before(c, j))
                break;
            c->used[c->nused++] = j;
            if (next_elem(c, i, end, j + 1, k)) {
                c->pre_actor |= i < c->vi && c->p->words[c->act[j]].actor >= 0;
                return 1;
            }
            c->nused--;
        }
        return 0;
    }
    case SR_DICT_E_SYNSET: {
        size_t to = consec && pos < lim ? pos + 1 : lim;
        /* Most positions hold no word a member starts with: an index probe
         * there instead of a trie search. */
        for (size_t j = pos;
             (j = sr_dict_seq_find_synset(c->d, c->p->seq, c->act, j, to, el->value)) < to; j++) {
            sr_dict_match m;
            if (!in_null_noun(c, c->act[j]) &&
                sr_dict_synset_match(c->d, el->value, c->p->seq, c->act[j], c->act[lim - 1] + 1,
                                     NULL, &m) == 1 &&
                next_elem(c, i, end, act_at_or_after(c, m.end), k)) {
                c->pre_actor |= i < c->vi && c->p->words[c->act[j]].actor >= 0;
                if (i < c->vi && c->p->words[c->act[j]].actor < 0) {
                    c->pre_word = 1;
                    c->pre_end = m.end;
                }
                return 1;
            }
        }
        return 0;
    }
    case SR_DICT_E_VERB:
        if (pos > c->vpos || (consec && pos != c->vpos))
            return 0;
        return next_elem(c, i, end, c->vend, k);
    case SR_DICT_E_SOURCE:
    case SR_DICT_E_TARGET:
    case SR_DICT_E_COMPOUND:
    case SR_DICT_E_SKIP:
    case SR_DICT_E_ATTRIB:
        return actor_elem(c, i, end, pos, k, consec);
    case SR_DICT_E_ALT_OPEN: {
        uint32_t close = el->value;
        while (close < c->ne && c->e[close].type != SR_DICT_E_ALT_CLOSE)
            close = c->e[close].value;
        if (close >= c->ne)
            return 0;
        cont after = {close + 1, end, k};
        uint32_t s = i + 1, t = el->value;
        for (int guard = 0; guard < 256; guard++) {
            if (t > c->ne)
                return 0;
            if (run(c, s, t, pos, &after))
                return 1;
            if (t >= c->ne || c->e[t].type == SR_DICT_E_ALT_CLOSE)
                break;
            s = t + 1;
            t = c->e[t].value;
        }
        return 0;
    }
    default:
        /* Grouping marks of PETRARCH-2 patterns, and anything unknown. */
        return next_elem(c, i, end, pos, k);
    }
}

void code_match_setup(code_mctx *c, const sr_dict *d, const sr_parse *p, const size_t *act,
                      size_t m, size_t lo, size_t hi, size_t vpos, size_t vend)
{
    *c = (code_mctx){d, p, act, m, lo, hi, vpos, vend, NULL, 0, 0, -1, -1, 0, 0, p->style, NULL, 0,
                     vend, 0, 0, 0};
}

int code_match_pattern(code_mctx *c, const sr_dict_pattern *pat, size_t *used)
{
    if (pat->verb_index >= pat->nelems)
        return 0;
    c->e = pat->elems;
    c->ne = pat->nelems;
    c->vi = pat->verb_index;
    c->src = c->tgt = -1;
    c->comp = 0;
    c->steps = 0;
    c->used = used;
    c->nused = 0;
    c->pre_actor = c->pre_word = 0;
    c->pre_end = 0;
    c->end_pos = c->vend;
    if (!run(c, 0, pat->nelems, c->lo, NULL))
        return 0;
    if (c->end_pos < c->vend)
        c->end_pos = c->vend;
    return 1;
}
