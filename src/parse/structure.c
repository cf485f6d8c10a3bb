/* Compounds, pronouns, comma-delimited clauses and clauses (manual 7.5-7.8). */
#include <stddef.h>
#include <string.h>

#include "parse_int.h"


static int is_filler(const sr_parse *p, size_t i)
{
    const sr_pword *w = &p->words[i];
    if (w->type == SR_W_DETERM || w->type == SR_W_ADJ)
        return 1;
    /* Without a parse, PETRARCH-style lists accept the modifiers a parser
     * would keep inside the noun phrase ("the evil awful Gondor"). */
    return p->style == SR_STYLE_PETRARCH && w->actor < 0 &&
           ((w->type == SR_W_NULL && !w->cap) || w->type == SR_W_NOUN || w->type == SR_W_PREP);
}

/* Words that cannot open the next member of a list: a relative pronoun
 * ("Turkey, which backs some rebel groups, summoned ..."), and a word
 * before a determiner, which opens a noun phrase ("..., summoned the
 * Russian and Iranian ambassadors").  Without them the unknown words
 * between two actors read as their modifiers, and every actor of the
 * sentence became one list. */
static int ends_member(const sr_parse *p, size_t i)
{
    const sr_pword *w = &p->words[i];
    /* (a preposition goes before one inside the phrase: "members of the
     * SDF"; so do "all" and "both": "all the terrorists") */
    if (w->type != SR_W_DETERM && w->type != SR_W_PREP && i + 1 < p->nwords &&
        p->words[i + 1].type == SR_W_DETERM && !(w->len == 3 && !memcmp(w->w, "all", 3)) &&
        !(w->len == 4 && !memcmp(w->w, "both", 4)))
        return 1;
    static const char *const rel[] = {"which", "who", "whom", "whose", "that", NULL};
    return parse_word_in(w, rel);
}

/* "..., killing at least 38 people, police and medical workers said": a
 * list whose first member is a verb's object, over a comma, ending right
 * before a verb of saying, is the object and then the speakers ("Russia,
 * Iran and Turkey said" is one list: nothing stands before its first
 * member). */
static int speakers_after_object(const sr_parse *p, size_t k, size_t last)
{
    static const char *const say[] = {"said", "say", "says", "told", "reported", "added", NULL};
    size_t e = p->actors[last].end;
    if (e >= p->nwords || !p->words[e].w || !parse_word_in(&p->words[e], say))
        return 0;
    int comma = 0;
    for (size_t i = p->actors[k].end; i < p->actors[last].start && !comma; i++)
        comma = p->words[i].type == SR_W_COMMA;
    if (!comma)
        return 0;
    for (size_t i = p->actors[k].start; i-- > 0;) {
        if (p->words[i].type == SR_W_COMMA)
            return 0;
        if (p->words[i].type == SR_W_VERB)
            return 1;
    }
    return 0;
}

static int list_conj(const sr_parse *p, const sr_pword *w)
{
    if (w->type != SR_W_CONJ)
        return 0;
    if (parse_word_is(w, "and"))
        return 1;
    return p->style == SR_STYLE_PETRARCH && (parse_word_is(w, "or") || parse_word_is(w, "nor"));
}

/* "Israel bombed Gaza and Hamas fired rockets at Tel Aviv": the last
 * member of a list in a verb's object, right before a verb of its own,
 * is that verb's subject, and the AND between them joins two clauses.
 * The verb is taken as finite when nothing reads it as a participle of
 * the member instead: an -ing form ("civilians fleeing the town"), or
 * a past form before a preposition or BY ("militants armed with ...",
 * "civilians killed in the raid") keeps the list. */
static int last_opens_clause(const sr_parse *p, size_t k, size_t last)
{
    size_t v = p->actors[last].end;
    if (v >= p->nwords || p->words[v].type != SR_W_VERB || p->words[v].actor >= 0)
        return 0;
    const sr_pword *w = &p->words[v];
    if (parse_ing_form(w))
        return 0;
    if (v + 1 < p->nwords) {
        const sr_pword *n = &p->words[v + 1];
        if ((n->type == SR_W_PREP || n->type == SR_W_BY || parse_word_is(n, "by") ||
             parse_word_is(n, "to")) &&
            !parse_plural_form(w))
            return 0;
    }
    /* (right after the verb: only determiners, adjectives and numbers
     * stand between, not a preposition, "after" or "that": "a day after
     * Russia and the US agreed a truce" is no object) */
    static const char *const opener[] = {"after", "before", "since", "until", "when", "while",
                                         "as", "that", "because", "if", "once", "where", "with",
                                         "for", "to", "from", "against", "on", "at", "in", "of",
                                         "into", "between", "among", "over", NULL};
    for (size_t i = p->actors[k].start, n = 0; i-- > 0 && n < 8; n++) {
        const sr_pword *b = &p->words[i];
        if (b->type == SR_W_VERB)
            return 1;
        if (!(b->type == SR_W_DETERM || b->type == SR_W_ADJ || b->type == SR_W_NUMBER ||
              (b->type == SR_W_NULL && !b->cap)) ||
            b->actor >= 0 || parse_word_in(b, opener))
            return 0;
    }
    return 0;
}

/* Parsed compound actors: np (, np)* AND np where np is an actor unit
 * after any determiners and adjectives. */
static void compounds(sr_parse *p, int native)
{
    size_t k = 0;
    while (k < p->nactors) {
        size_t last = k, members = 1;
        int has_and = 0;
        size_t seps[64];
        size_t nseps = 0;
        for (;;) {
            size_t i = p->actors[last].end;
            int and_here = 0, comma_here = 0;
            size_t sep_start = nseps;
            /* "Ithilen's sheep and goats of Gondor": the owned nouns stay
             * in the possessor's phrase. */
            if (p->style == SR_STYLE_PETRARCH && i > 0 && p->words[i - 1].poss)
                for (int hop = 0; hop < 2 && i < p->nwords && p->words[i].actor < 0 &&
                                  (p->words[i].type == SR_W_NULL || p->words[i].type == SR_W_NOUN) &&
                                  !p->words[i].cap;
                     hop++)
                    i++;
            while (i < p->nwords) {
                const sr_pword *w = &p->words[i];
                if (w->type == SR_W_COMMA && !comma_here && !and_here) {
                    comma_here = 1;
                } else if (list_conj(p, w) && !and_here) {
                    and_here = 1;
                } else {
                    break;
                }
                if (nseps < 64)
                    seps[nseps++] = i;
                i++;
            }
            /* After an AND only another AND continues the list ("A and B,
             * and C and D"); a comma then ends it ("..., the agency said"). */
            if (has_and && !and_here && comma_here) {
                nseps = sep_start;
                break;
            }
            /* Without a separator only a possessive joins two actors into
             * one list: "Arnor's Elrond", not "Dagolath Osgiliath"; and in
             * sitrep's own dictionaries two countries' names in a row, in
             * a list that an AND ends: text whose commas were lost ("The
             * US Britain France and Russia have urged"). */
            if (!and_here && !comma_here && !(i > 0 && p->words[i - 1].poss) &&
                !(native && !has_and && parse_bare_countries(p, last, i))) {
                nseps = sep_start;
                break;
            }
            for (int hop = 0; hop < 4 && i < p->nwords && is_filler(p, i) &&
                              !ends_member(p, i);
                 hop++)
                i++;
            if (last + 1 >= p->nactors || p->actors[last + 1].start != i ||
                p->actors[last + 1].is_pronoun) {
                nseps = sep_start;
                break;
            }
            last++;
            members++;
            if (and_here)
                has_and = 1;
        }
        if (members >= 2 && has_and && speakers_after_object(p, k, last)) {
            k++;
            continue;
        }
        if (members >= 2 && has_and && native &&
            last_opens_clause(p, k, last)) {
            /* (the members before it stay a list only when a comma
             * joined them: the AND went with the last) */
            size_t cut = p->actors[last - 1].end;
            size_t keep = 0;
            while (keep < nseps && seps[keep] < cut)
                keep++;
            if (members == 2) {
                k++;
                continue;
            }
            nseps = keep;
            last--;
        }
        if (members >= 2 && has_and) {
            int id = p->ncompounds++;
            for (size_t m = k; m <= last; m++)
                p->actors[m].compound = id;
            for (size_t s = 0; s < nseps; s++)
                p->words[seps[s]].in_compound = 1;
            k = last + 1;
        } else {
            k++;
        }
    }
    /* Compound nouns and adjectives keep their conjunction from cutting
     * the sentence into clauses: noun CONJ adj* noun, adj CONJ adj. */
    /* Only closed_class types a word CONJ, counting it in nconj: the walk
     * ends at the last conjunction (the first word, which could be one,
     * is not looked at; then the walk goes to the end). */
    int left = p->nconj;
    for (size_t i = 1; left > 0 && i + 1 < p->nwords; i++) {
        sr_pword *w = &p->words[i];
        if (w->type != SR_W_CONJ)
            continue;
        left--;
        if (w->in_compound)
            continue;
        const sr_pword *l = &p->words[i - 1], *r = &p->words[i + 1];
        /* PETRARCH: "heavily and unjustly criticized", coordinated adverbs. */
        if (p->style == SR_STYLE_PETRARCH && l->len > 3 && r->len > 3 &&
            !strcmp(l->w + l->len - 2, "ly") && !strcmp(r->w + r->len - 2, "ly")) {
            w->in_compound = 1;
            continue;
        }
        int before = p->words[i - 1].type;
        size_t j = i + 1;
        while (j < p->nwords && p->words[j].type == SR_W_ADJ)
            j++;
        if (before == SR_W_NOUN && j < p->nwords && p->words[j].type == SR_W_NOUN)
            w->in_compound = 1;
        else if (before == SR_W_ADJ && p->words[i + 1].type == SR_W_ADJ)
            w->in_compound = 1;
    }
}

/* "Lawmakers in Fornost and Gondor": an agent joined to the first member
 * of a list applies to every member.  The members of a compound are
 * consecutive actors here (compounds() made them so; pronouns come
 * later). */
static int spread_agents(const sr_dict *d, sr_arena *a, sr_parse *p)
{
    for (size_t k = 0; k < p->nactors; k++) {
        const sr_pactor *lead = &p->actors[k];
        if (lead->lead_agent < 0 || lead->compound < 0)
            continue;
        for (size_t m = k + 1; m < p->nactors && p->actors[m].compound == lead->compound; m++) {
            sr_pactor *u = &p->actors[m];
            if (u->lead_agent >= 0)
                continue;
            int rc = parse_attach_agent(d, a, u, p->roots[lead->lead_agent].entry);
            if (rc)
                return rc;
        }
    }
    return SR_OK;
}

/* The sentence's first actor if it starts before word `before`, else -1.
 * While pronouns() runs, the actors it looks at are the sentence's own
 * (none a pronoun), in text order. */
/* A common noun in the plural: "civilians", "people" (not a name:
 * "Human Rights", nor "press", "status"). */
static int plural_noun(const sr_pword *w)
{
    static const char *const irregular[] = {"people", "police", "children", "men", "women",
                                            "personnel", NULL};
    if (w->cap)
        return 0;
    if (parse_word_in(w, irregular))
        return 1;
    return w->len > 3 && w->w[w->len - 1] == 's' && w->w[w->len - 2] != 's' &&
           w->w[w->len - 2] != 'u' && w->w[w->len - 2] != 'i';
}

static int first_actor(const sr_parse *p, size_t n0, size_t before)
{
    return n0 && p->actors[0].start < before ? 0 : -1;
}

/* "Russia said its jets struck ...": an agent named with no country
 * after a possessive pronoun is the pronoun's referent's, when that names
 * a country (RUSMIL + "its jets" = RUSMIL, not the story's country).
 * Groups' and organisations' codes are left to the later stages. */
static int owner_country(sr_arena *a, sr_parse *p, size_t n0, size_t i)
{
    const sr_pword *w = &p->words[i];
    /* (the noun after it first: most pronouns have no actor right after) */
    sr_pactor *t = NULL;
    for (size_t k = 0; k < n0 && !t; k++)
        if (p->actors[k].start > i)
            t = &p->actors[k];
    if (!t || t->start != i + 1 || t->ncodes == 0)
        return SR_OK;
    int their = parse_word_is(w, "their");
    if (!their && !parse_word_is(w, "its") && !parse_word_is(w, "his") && !parse_word_is(w, "her"))
        return SR_OK;
    /* the owner: the nearest actor before, of the pronoun's number ("the
     * president said before a meeting with his Cabinet" is the
     * president's Cabinet, not the first actor's) */
    size_t ref = n0;
    for (size_t k = 0; k < n0 && p->actors[k].end <= i; k++)
        ref = k;
    if (ref == n0 || (!their && plural_noun(&p->words[p->actors[ref].end - 1])))
        return SR_OK;
    const sr_pactor *r = &p->actors[ref];
    if (r->ncodes != 1 || !r->codes[0] || strlen(r->codes[0]) < 3 ||
        !memcmp(r->codes[0], "---", 3))
        return SR_OK;
    /* "his" and "her" own through a person: a code with a role, not a
     * bare country ("... in Juba, but said his government") */
    if (!their && !parse_word_is(w, "its") && strlen(r->codes[0]) == 3)
        return SR_OK;
    char seg[4];
    memcpy(seg, r->codes[0], 3);
    seg[3] = 0;
    if (sr_dict_segment_kind(seg) != 0)
        return SR_OK;
    const char **nc = sr_arena_alloc(a, t->ncodes * sizeof *nc);
    if (!nc)
        return SR_ENOMEM;
    for (uint32_t c = 0; c < t->ncodes; c++) {
        const char *old = t->codes[c];
        if (!old || strncmp(old, "---", 3))
            return SR_OK; /* named with its own country already */
        size_t n = strlen(old);
        char *o = sr_arena_alloc(a, n + 1);
        if (!o)
            return SR_ENOMEM;
        memcpy(o, seg, 3);
        memcpy(o + 3, old + 3, n - 2);
        nc[c] = o;
    }
    t->codes = nc;
    return SR_OK;
}

/* The actor right before a verb of saying right before the pronoun at i
 * ("Iran said it", "Iran said that it", "the army says it"), or -1. */
static int speaker_before(const sr_parse *p, size_t i)
{
    static const char *const say[] = {"said", "says", "say", "told", "added", "announced",
                                      "stated", "claimed", "warned", "insisted", "vowed",
                                      "pledged", "denied", "confirmed", "admitted", "threatened",
                                      "declared", "promised", "acknowledged", "argued", NULL};
    size_t k = i;
    if (k > 0 && parse_word_is(&p->words[k - 1], "that"))
        k--;
    if (k < 2 || !parse_word_in(&p->words[k - 1], say))
        return -1;
    k--;
    /* (an auxiliary between: "Iran has said it") */
    if (k > 0 && p->words[k - 1].type == SR_W_AUXIL)
        k--;
    if (k == 0)
        return -1; /* ("Has said it ...": no subject before) */
    int u = p->words[k - 1].actor;
    if (u < 0 || p->actors[u].end != k || p->actors[u].is_pronoun)
        return -1;
    return u;
}

/* "it" at word i opens "it was their planes that ...", "it is unclear",
 * "it was not possible": a form of "be" (past "not"), then no verb. */
static int expletive_it(const sr_parse *p, size_t i)
{
    static const char *const be[] = {"is", "was", "'s", NULL};
    size_t k = i + 1;
    if (k >= p->nwords || !parse_word_in(&p->words[k], be))
        return 0;
    k++;
    if (k < p->nwords && parse_word_is(&p->words[k], "not"))
        k++;
    if (k >= p->nwords)
        return 0;
    const sr_pword *x = &p->words[k];
    if (x->type == SR_W_VERB || x->type == SR_W_AUXIL)
        return 0;
    /* (a cleft or a clause after: "it was not responsible for the attack"
     * and "it was ready to talk" stand for their actor) */
    for (size_t j = k + 1; j < p->nwords && j < k + 7; j++)
        if (parse_word_is(&p->words[j], "that") || parse_word_is(&p->words[j], "whether") ||
            parse_word_is(&p->words[j], "who") || parse_word_is(&p->words[j], "if"))
            return 1;
    return 0;
}

static int pronouns(sr_arena *a, sr_parse *p, int native)
{
    if (!p->npronouns)
        return SR_OK; /* most sentences: nothing to resolve */
    size_t n0 = p->nactors;
    int first_comp = -1;
    for (size_t k = 0; k < n0 && first_comp < 0; k++)
        if (p->actors[k].compound >= 0)
            first_comp = (int)k;
    sr_vec v = {p->actors, p->nactors, p->nactors};
    for (size_t i = 0; i < p->nwords; i++) {
        sr_pword *w = &p->words[i];
        if (w->type != SR_W_PRONOUN)
            continue;
        if (p->style == SR_STYLE_PETRARCH &&
            (parse_word_is(w, "their") || parse_word_is(w, "its") || parse_word_is(w, "his") ||
             parse_word_is(w, "her"))) {
            /* a determiner to a parser, not a noun phrase; but its owner
             * may give the noun after it a country */
            if (native) {
                int rc = owner_country(a, p, n0, i);
                if (rc)
                    return rc;
            }
            continue;
        }
        int ref = -1;
        int plural =
            parse_word_is(w, "they") || parse_word_is(w, "them") || parse_word_is(w, "their");
        if (p->fwd && (n0 == 0 || p->actors[0].start > i) && (!plural || p->fwd->compound)) {
            /* Opening the sentence before any actor: the previous
             * sentence's actor (FORWARD, manual 8.4). */
            sr_pactor *u = sr_vec_push(&v, a, sizeof *u);
            if (!u)
                return SR_ENOMEM;
            p->actors = v.items;
            u->start = i;
            u->end = i + 1;
            u->head = i;
            u->codes = p->fwd->codes;
            u->ncodes = p->fwd->ncodes;
            u->compound = -1;
            u->pronoun_of = -1;
            u->lead_agent = -1;
            continue;
        }
        if (parse_word_is(w, "he") || parse_word_is(w, "she") || parse_word_is(w, "it") ||
            parse_word_is(w, "him")) {
            ref = first_actor(p, n0, p->nwords);
            /* sitrep's conventions: the subject of a verb of saying right
             * before it says it of itself ("The US condemned Russia and
             * Iran said it would respond": Iran) */
            int sp = native && !parse_word_is(w, "him") ? speaker_before(p, i) : -1;
            if (sp >= 0)
                ref = sp;
        } else if (parse_word_is(w, "its") || parse_word_is(w, "his") || parse_word_is(w, "her")) {
            /* "The first actor prior to the pronoun" (manual 7.7): the
             * sentence's first actor, provided it comes before. */
            ref = first_actor(p, n0, i);
        } else {
            ref = first_comp;
            if (ref < 0)
                ref = first_actor(p, n0, p->nwords);
        }
        /* sitrep's conventions: a pronoun stands for an actor named
         * before it, never one after ("They accused Russia of bombing
         * hospitals" is not Russia's accusation): without one it stays
         * unknown */
        if (ref >= 0 && native && p->actors[ref].start > i)
            ref = -1;
        /* nor a plural noun a singular one ("raids killed 16 civilians
         * and wounded 22, it said": the monitor said it, not the
         * civilians) */
        if (ref >= 0 && native && !plural && plural_noun(&p->words[p->actors[ref].end - 1]))
            ref = -1;
        /* nor does "it" before a form of "be" and no participle, which
         * stands for nothing ("whether it was their planes that
         * attacked", "it is unclear who fired") */
        if (ref >= 0 && native && parse_word_is(w, "it") && expletive_it(p, i))
            ref = -1;
        if (ref < 0)
            continue;
        if (native) {
            int rc = owner_country(a, p, n0, i);
            if (rc)
                return rc;
        }
        sr_pactor *u = sr_vec_push(&v, a, sizeof *u);
        if (!u)
            return SR_ENOMEM;
        p->actors = v.items;
        const sr_pactor *r = &p->actors[ref];
        u->start = i;
        u->end = i + 1;
        u->head = i;
        u->codes = r->codes;
        u->ncodes = r->ncodes;
        u->compound = r->compound;
        u->pronoun_of = ref;
        u->is_pronoun = 1;
    }
    p->actors = v.items;
    if (v.len == n0)
        return SR_OK; /* no pronoun unit: the actors and their words stand */
    p->nactors = v.len;
    /* Text order again, remembering where each referent went. */
    int rc = parse_sort_actors(a, p);
    if (rc)
        return rc;
    for (size_t k = 0; k < p->nactors; k++)
        for (size_t i = p->actors[k].start; i < p->actors[k].end; i++)
            p->words[i].actor = (int32_t)k;
    return SR_OK;
}

/* The members of each compound, so that expanding one costs its size,
 * not a scan of every actor. */
static int index_compounds(sr_arena *a, sr_parse *p)
{
    if (!p->ncompounds)
        return SR_OK;
    size_t nc = (size_t)p->ncompounds;
    uint32_t *off = sr_arena_calloc(a, nc + 1, sizeof *off);
    uint32_t *mem = sr_arena_alloc(a, (p->nactors ? p->nactors : 1) * sizeof *mem);
    if (!off || !mem)
        return SR_ENOMEM;
    for (size_t k = 0; k < p->nactors; k++) {
        int c = p->actors[k].compound;
        if (c >= 0 && (size_t)c < nc && !p->actors[k].is_pronoun)
            off[c + 1]++;
    }
    for (size_t c = 0; c < nc; c++)
        off[c + 1] += off[c];
    uint32_t *fill = sr_arena_alloc(a, nc * sizeof *fill);
    if (!fill)
        return SR_ENOMEM;
    memcpy(fill, off, nc * sizeof *fill);
    for (size_t k = 0; k < p->nactors; k++) {
        int c = p->actors[k].compound;
        if (c >= 0 && (size_t)c < nc && !p->actors[k].is_pronoun)
            mem[fill[c]++] = (uint32_t)k;
    }
    p->comp_off = off;
    p->comp_members = mem;
    return SR_OK;
}

/* sitrep's conventions: the sentence's second phrase, between two commas,
 * that is a clause of its own, an actor and then its verb, is the main
 * clause after an opener ("According to SANA, government forces shelled
 * Douma, killing five people", "On Sunday, ...": the shelling had been
 * dropped), unless a relative or a conjunction opens it ("..., which
 * shelled Douma, ...", "..., and five rebels were killed, ...") or its
 * verb is one of saying ("The rebels, the army said, attacked"). */
static int own_clause(const sr_parse *p, size_t from, size_t to)
{
    static const char *const rel[] = {"which", "who", "whom", "whose", "that", "where",
                                      "when", "while", "as", "after", "before", "and", "but",
                                      "or", "nor", "only", NULL};
    static const char *const say[] = {"said", "say", "says", "told", "tells", "reported",
                                      "reports", "added", "adds", "claimed", "claims", "noted",
                                      "stated", "insisted", "confirmed", "announced", "alleged",
                                      "according", NULL};
    if (from >= to || parse_word_in(&p->words[from], rel))
        return 0;
    int actor = 0;
    for (size_t k = from; k < to; k++) {
        const sr_pword *w = &p->words[k];
        if (w->type == SR_W_ACTOR)
            actor = 1;
        else if (w->type == SR_W_VERB)
            return actor && !parse_word_in(w, say);
    }
    return 0;
}

/* Comma-delimited phrases of the configured lengths are dropped from
 * coding (manual 7.8, 8.6); counting is chained from comma to comma. */
static void commas(const sr_dict_options *opt, sr_parse *p)
{
    if (opt->comma_off)
        return;
    /* Without a comma the sentence is one phrase, first and last at once,
     * which is never dropped: most sentences end here. */
    if (!p->ncommas)
        return;
    size_t c0 = 0;
    while (c0 < p->nwords && (p->words[c0].type != SR_W_COMMA || p->words[c0].in_compound))
        c0++;
    if (c0 == p->nwords)
        return;
    size_t prev = (size_t)-1; /* position of the previous comma; -1 = start */
    int first = 1, second = 0;
    for (size_t i = 0; i <= p->nwords; i++) {
        int at_end = (i == p->nwords);
        if (!at_end && (p->words[i].type != SR_W_COMMA || p->words[i].in_compound))
            continue;
        size_t from = prev == (size_t)-1 ? 0 : prev + 1;
        /* A compound actor counts as one word: "Arnor and Dagolath
         * Osgiliath" is two. */
        size_t count = 0;
        int last_comp = -1;
        for (size_t k = from; k < i; k++) {
            int u = p->words[k].actor;
            int cp = u >= 0 ? p->actors[u].compound : -1;
            if (cp >= 0 || (p->words[k].in_compound && last_comp >= 0)) {
                if (cp >= 0 && cp == last_comp)
                    continue;
                if (cp < 0)
                    continue;
                last_comp = cp;
            } else {
                last_comp = -1;
            }
            count++;
        }
        int lo, hi;
        if (first) {
            lo = opt->comma_bmin;
            hi = opt->comma_bmax;
        } else if (at_end) {
            lo = opt->comma_emin;
            hi = opt->comma_emax;
        } else {
            lo = opt->comma_min;
            hi = opt->comma_max;
        }
        /* sitrep's conventions: a phrase that opens with a verb is the
         * clause the commas were around ("The Observatory, a Britain-based
         * monitoring group, said at least nine people were killed in
         * Barzeh, including four rebels, and dozens were wounded": only
         * the apposition and "including four rebels" go) */
        int verb_first = opt->native && from < i && p->words[from].type == SR_W_VERB;
        int clause = opt->native && second && !at_end && own_clause(p, from, i);
        if (!(first && at_end) && !verb_first && !clause && (long)count > lo && (long)count <= hi) {
            for (size_t k = from; k < i; k++)
                p->words[k].subord = 1;
            /* The commas go with the clause, so what precedes and follows
             * it meet as if it had never been there. */
            if (!at_end)
                p->words[i].subord = 1;
            if (prev != (size_t)-1)
                p->words[prev].subord = 1;
        }
        second = first;
        first = 0;
        prev = i;
    }
}


const char *sr_parse_actor_code(const sr_parse *p, int k)
{
    if (k < 0)
        return NULL;
    const sr_pactor *u = &p->actors[sr_parse_resolve(p, (size_t)k)];
    return u->ncodes ? u->codes[0] : NULL;
}

static int actor_eligible(const sr_parse *p, size_t k)
{
    return !p->words[p->actors[k].start].subord && sr_parse_actor_code(p, (int)k);
}

/* Below this many actors sr_parse_actor_in scans them all. */
enum { ACTOR_INDEX_MIN = 16 };

static int index_actor_in(sr_arena *a, sr_parse *p)
{
    size_t n = p->nactors;
    if (n < ACTOR_INDEX_MIN)
        return SR_OK;
    uint32_t *nx = sr_arena_alloc(a, (n + 1) * sizeof *nx);
    uint32_t *df = sr_arena_alloc(a, (n + 1) * sizeof *df);
    if (!nx || !df)
        return SR_ENOMEM;
    nx[n] = df[n] = (uint32_t)n;
    for (size_t k = n; k-- > 0;) {
        nx[k] = actor_eligible(p, k) ? (uint32_t)k : nx[k + 1];
        /* Used at eligible k only, whose code is not NULL. */
        const char *ck = sr_parse_actor_code(p, (int)k);
        size_t j = nx[k + 1]; /* the next eligible actor after k */
        df[k] = j >= n || !ck || strcmp(sr_parse_actor_code(p, (int)j), ck) ? (uint32_t)j : df[j];
    }
    p->ai_next = nx;
    p->ai_diff = df;
    return SR_OK;
}

/* Possessives whose apostrophe was lost on the way ("Assads forces",
 * "Syrias army": scraped and re-typed news drops it).  A capitalised word
 * ending in s that names no actor or agent as written, before another
 * word, whose stem alone is an actor's whole name, is that actor with a
 * possessive -- what "Assad's forces" reads as.  Plurals the dictionaries
 * list ("Kurds", "Americans") name their own and are left alone, as are
 * names that merely end in s ("Damascus", "Homs": their stems name no
 * actor).  Only with sitrep's own dictionaries: TABARI's and PETRARCH's
 * are read as their coders read them. */

/* Whether word w (n bytes, folded) is such a possessive: 1, 0, or an
 * error code (negative). */
static int bare_word(const sr_dict *d, sr_arena *a, const char *w, size_t n)
{
    sr_dict_seq *one;
    sr_dict_match m;
    int r = sr_dict_seq_from_words(d, a, &w, &n, 1, &one);
    if (r)
        return r;
    unsigned st = sr_dict_seq_starts(one, 0);
    for (int t = SR_DICT_T_ACTORS; t <= SR_DICT_T_AGENTS; t++)
        if ((st & 1u << t) && (r = sr_dict_match_longest(d, t, one, 0, 1, NULL, &m)) != 0)
            return r < 0 ? r : 0;
    size_t sl = n - 1;
    if ((r = sr_dict_seq_from_words(d, a, &w, &sl, 1, &one)))
        return r;
    if ((r = sr_dict_match_longest(d, SR_DICT_T_ACTORS, one, 0, 1, NULL, &m)) < 0)
        return r;
    return r == 1 && m.end == 1;
}

/* bare_word()'s answers, kept per thread and set: the same few words
 * ("Assads", "Reuters", "States") come back sentence after sentence, and
 * each answer costs two dictionary look-ups.  Words longer than
 * BARE_WORD bytes are asked each time. */
enum { BARE_SLOTS = 512, BARE_WORD = 22 };
typedef struct bare_ent {
    uint64_t serial;       /* the set asked (0: empty) */
    uint8_t len, poss;
    char w[BARE_WORD];
} bare_ent;
static _Thread_local bare_ent bare_memo[BARE_SLOTS];

static int bare_word_kept(const sr_dict *d, sr_arena *a, const char *w, size_t n)
{
    uint64_t serial = sr_dict_serial(d);
    if (!serial || n > BARE_WORD)
        return bare_word(d, a, w, n);
    uint32_t h = 2166136261u;
    for (size_t k = 0; k < n; k++)
        h = (h ^ (unsigned char)w[k]) * 16777619u;
    bare_ent *e = &bare_memo[h % BARE_SLOTS];
    if (e->serial == serial && e->len == n && !memcmp(e->w, w, n))
        return e->poss;
    int r = bare_word(d, a, w, n);
    if (r < 0)
        return r;
    e->serial = serial;
    e->len = (uint8_t)n;
    e->poss = (uint8_t)r;
    memcpy(e->w, w, n);
    return r;
}

/* Marks the words of p that are such possessives; returns how many, or
 * an error code (negative). */
static int bare_possessives(const sr_dict *d, sr_arena *a, sr_parse *p)
{
    int changed = 0;
    /* (words and their count in locals: the loop's stores to a word
     * might change p to the compiler) */
    sr_pword *const words = p->words;
    const size_t n = p->nwords;
    for (size_t i = 0; i + 1 < n; i++) {
        sr_pword *w = &words[i];
        if (!w->cap)
            continue; /* most words: one test */
        const sr_pword *nx = &words[i + 1];
        if (w->poss || w->len < 4 || w->w[w->len - 1] != 's' ||
            w->w[w->len - 2] == 's' || nx->type == SR_W_COMMA ||
            nx->type == SR_W_QUOTE || nx->type == SR_W_NUMBER)
            continue;
        int r = bare_word_kept(d, a, w->w, w->len);
        if (r < 0)
            return r;
        if (!r)
            continue;
        char *cut = sr_arena_strndup(a, w->w, w->len - 1);
        if (!cut)
            return SR_ENOMEM;
        w->w = cut;
        w->len--;
        w->root = -1; /* another word now, without a number */
        w->poss = 1;
        changed++;
    }
    return changed;
}

int sr_parse_sentence(const sr_dict *d, const sr_dict_options *opt, int style, sr_arena *a,
                      const char *text, const sr_token *toks, size_t n, int32_t date,
                      const sr_parse_fwd *fwd, sr_parse **out)
{
    return sr_parse_sentence_nums(d, NULL, 0, opt, style, a, text, toks, n, date, fwd, NULL, out);
}

int sr_parse_sentence_nums(const sr_dict *d, const uint16_t *nums, uint32_t nnums,
                           const sr_dict_options *opt, int style, sr_arena *a, const char *text,
                           const sr_token *toks, size_t n, int32_t date, const sr_parse_fwd *fwd,
                           sr_parse_names *names, sr_parse **out)
{
    sr_parse *p = sr_arena_calloc(a, 1, sizeof *p);
    if (!p)
        return SR_ENOMEM;
    p->style = style;
    p->fwd = fwd && fwd->ncodes ? fwd : NULL;
    p->text = text;
    sr_vec words = {0};
    int nposs = 0;
    if (!nnums)
        nums = NULL;
    /* (without numbers, all 0: parse_words reads them without a test) */
    const uint16_t *wn = nums ? nums : sr_arena_calloc(a, n ? n : 1, sizeof *wn);
    if (!wn)
        return SR_ENOMEM;
    int rc = parse_words(a, text, toks, wn, n, style, &words, &p->allcaps, &p->ncommas, &nposs);
    if (rc)
        return rc;
    p->words = words.items;
    p->nwords = words.len;
    if (sr_dict_is_native(d)) {
        int nb = bare_possessives(d, a, p);
        if (nb < 0)
            return nb;
        nposs += nb;
    }
    /* "Ithilen's": the possessive may end an actor phrase, not sit inside
     * one, and never follows a verb (poss).  Most sentences have none: the
     * sequence then reads no marks.  The words' numbers are in their roots
     * (parse_words). */
    if ((rc = sr_dict_seq_from_records_ids(d, a, p->words, p->nwords, sizeof *p->words,
                                           offsetof(sr_pword, w), offsetof(sr_pword, len),
                                           nposs ? offsetof(sr_pword, poss) : SIZE_MAX,
                                           nums ? offsetof(sr_pword, root) : SIZE_MAX, nnums,
                                           &p->seq)))
        return rc;
    p->names = names;
    if ((rc = parse_type_words(d, a, p, date)) ||
        (p->free_hi > p->free_lo && (rc = parse_short_names(a, p))) ||
        (rc = parse_actors(d, opt, a, p, date)))
        return rc;
    compounds(p, sr_dict_is_native(d));
    if (p->style == SR_STYLE_PETRARCH && (rc = spread_agents(d, a, p)))
        return rc;
    for (size_t k = 0; p->nconj && k < p->nactors; k++)
        for (size_t i = p->actors[k].start; i < p->actors[k].end; i++)
            if (p->words[i].type == SR_W_CONJ)
                p->words[i].in_compound = 1;
    if ((rc = pronouns(a, p, sr_dict_is_native(d))))
        return rc;
    if ((rc = index_compounds(a, p)))
        return rc;
    commas(opt, p);
    if (sr_dict_is_native(d))
        parse_remarks(p);
    parse_clauses(p, sr_dict_is_native(d));
    if ((rc = index_actor_in(a, p)))
        return rc;
    for (size_t k = 0; k < p->nactors; k++) {
        sr_pactor *u = &p->actors[k];
        size_t s = p->words[u->start].start, e = p->words[u->end - 1].end;
        u->text = sr_arena_strndup(a, text + s, e - s);
        if (!u->text)
            return SR_ENOMEM;
    }
    *out = p;
    return SR_OK;
}

int sr_parse_actor_in(const sr_parse *p, size_t from, size_t to, int avoid)
{
    const char *ac = avoid >= 0 ? sr_parse_actor_code(p, avoid) : NULL;
    if (!p->ai_next) {
        for (size_t k = 0; k < p->nactors; k++) {
            const sr_pactor *u = &p->actors[k];
            if (u->start >= to)
                break; /* actors are in text order: none further starts before to */
            if (u->start < from || p->words[u->start].subord)
                continue;
            const char *c = sr_parse_actor_code(p, (int)k);
            /* (the same string or a first letter apart before a call) */
            if (avoid >= 0 &&
                ((int)k == avoid || (ac && c && (c == ac || (c[0] == ac[0] && !strcmp(c, ac))))))
                continue;
            if (!c)
                continue;
            return (int)k;
        }
        return -1;
    }
    /* Actors are in text order: the first starting at or after from. */
    size_t lo = sr_lower_bound_by(p->actors, p->nactors, sizeof *p->actors,
                                  offsetof(sr_pactor, start), from);
    size_t k = p->ai_next[lo];
    /* An eligible actor with avoid's code (avoid itself included, as it
     * has that code) is passed with the whole run sharing the code. */
    if (k < p->nactors && ac && !strcmp(sr_parse_actor_code(p, (int)k), ac))
        k = p->ai_diff[k];
    if (k >= p->nactors || p->actors[k].start >= to)
        return -1;
    return (int)k;
}

int sr_parse_first_actor(const sr_parse *p, sr_arena *a, sr_parse_fwd *out)
{
    size_t first_verb = p->nwords;
    for (size_t r = 0; r < p->nroots; r++)
        if (p->roots[r].type == SR_W_VERB) {
            first_verb = p->roots[r].start;
            break;
        }
    for (size_t k = 0; k < p->nactors; k++) {
        if (p->actors[k].start >= first_verb)
            break;
        size_t r = sr_parse_resolve(p, k);
        if (!p->actors[r].ncodes)
            continue;
        size_t mem[64];
        size_t nm = sr_parse_compound_members(p, r, mem, 64);
        if (nm > 64)
            nm = 64;
        out->ncodes = 0;
        out->codes = NULL;
        out->compound = nm > 1 || p->actors[r].ncodes > 1;
        /* A compound forwards every member's codes. */
        size_t total = 0;
        for (size_t m = 0; m < nm; m++)
            total += p->actors[mem[m]].ncodes;
        const char **codes = sr_arena_alloc(a, (total ? total : 1) * sizeof *codes);
        if (!codes)
            return 0;
        for (size_t m = 0; m < nm; m++)
            for (uint32_t c = 0; c < p->actors[mem[m]].ncodes; c++)
                if (p->actors[mem[m]].codes[c])
                    codes[out->ncodes++] = p->actors[mem[m]].codes[c];
        out->codes = codes;
        return out->ncodes > 0;
    }
    return 0;
}

size_t sr_parse_resolve(const sr_parse *p, size_t k)
{
    for (int guard = 0; guard < 8 && p->actors[k].pronoun_of >= 0; guard++)
        k = (size_t)p->actors[k].pronoun_of;
    return k;
}

size_t sr_parse_compound_members(const sr_parse *p, size_t k, size_t *out, size_t cap)
{
    k = sr_parse_resolve(p, k);
    int c = p->actors[k].compound;
    if (c < 0 || c >= p->ncompounds || !p->comp_off) {
        if (cap)
            out[0] = k;
        return 1;
    }
    size_t b = p->comp_off[c], m = p->comp_off[c + 1] - b;
    for (size_t i = 0; i < m && i < cap; i++)
        out[i] = p->comp_members[b + i];
    return m;
}

void sr_parse_explain(const sr_parse *p, FILE *f)
{
    static const char *const names[] = {"", "actor", "agent", "verb", "time", "attrib", "noun",
                                        "adj", "det", "aux", "by", "comma", "pron", "conj",
                                        "num", "prep", "quote", "discard"};
    fputs("  words:", f);
    int clause = 0;
    for (size_t i = 0; i < p->nwords; i++) {
        const sr_pword *w = &p->words[i];
        if (w->clause != clause) {
            fputs(" ||", f);
            clause = w->clause;
        }
        fprintf(f, " %s%s%s%s%s", w->subord ? "(" : "", w->w,
                w->type ? "/" : "", names[w->type < 18 ? w->type : 0], w->subord ? ")" : "");
        if (w->in_compound)
            fputs("&", f);
    }
    fputc('\n', f);
    for (size_t k = 0; k < p->nactors; k++) {
        const sr_pactor *u = &p->actors[k];
        fprintf(f, "  actor %zu: words %zu-%zu \"%s\"", k, u->start, u->end, u->text);
        for (uint32_t c = 0; c < u->ncodes; c++)
            fprintf(f, " %s", u->codes[c]);
        if (u->compound >= 0)
            fprintf(f, " compound=%d", u->compound);
        if (u->is_pronoun)
            fprintf(f, " pronoun-of=%d", u->pronoun_of);
        fputc('\n', f);
    }
    if (p->discard)
        fputs("  discard phrase found\n", f);
    if (p->complex_code)
        fputs("  complex phrase found\n", f);
}
