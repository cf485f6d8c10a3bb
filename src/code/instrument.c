/* A passive's agent named through its weapon or an act of force ("were
 * killed in Russian air strikes", "in rocket attacks launched by
 * terrorists").  Called by coder.c. */
#include "code_int.h"

#include <stdint.h>

/* Campaigns of attacks, instruments as weapons are. */
static const char *const campaign_words[] = {"operation", "operations", "offensive", "crackdown",
                                             "ambush", "airstrike", "airstrikes", NULL};
static word_set campaigns = {.list = campaign_words};

__attribute__((constructor)) static void instrument_sets(void) { word_set_init(&campaigns); }

/* An attack or a weapon, or a campaign of them ("a Turkish military
 * operation", "a regime crackdown"). */
static int instrument_word(const sr_pword *w)
{
    return code_weapon_word(w) || word_set_has(&campaigns, w);
}

/* The word after the casualty passive that the clause starting at word
 * `at` opens ("and 50 wounded", "and more than 90 others were wounded",
 * "and injured"), or SIZE_MAX: it follows "and" within eight words, with
 * its auxiliary, its count or nothing right before it. */
static size_t next_casualty_passive(const sr_parse *p, size_t at)
{
    static const char *const before[] = {"and", "were", "was", "been", "others", "more",
                                         "many", "dozens", "scores", "hundreds", NULL};
    if (at >= p->nwords || !word_is(&p->words[at], "and") || p->words[at].subord)
        return SIZE_MAX;
    for (size_t k = at + 1; k < p->nwords && k < at + 9; k++) {
        const sr_pword *w = &p->words[k];
        if (w->subord || ((w->type == SR_W_COMMA || w->type == SR_W_CONJ) && !w->in_compound))
            return SIZE_MAX;
        if (w->type != SR_W_VERB)
            continue;
        const sr_pword *pw = &p->words[k - 1];
        if (w->root < 0 || p->roots[w->root].end != k + 1 || !code_hurt_word(w) ||
            !(pw->type == SR_W_NUMBER || word_in(pw, before)))
            return SIZE_MAX;
        return k + 1;
    }
    return SIZE_MAX;
}

/* sitrep's conventions: a passive that names no agent of its own after
 * "by" ("civilians were killed in Russian air strikes", "in a series of
 * US-led coalition air raids", "in rocket attacks launched by terrorists",
 * "in a separate air strike carried out by a Russian plane") was done by
 * the one whose weapon or attack it names: the actor right before the
 * weapon's word (over two modifiers at most, as an event noun's owner),
 * or the one after "by" right after the weapon, past a participle of
 * carrying it out.  The weapon stands after "in", "during" or "by" after
 * the verb, in its clause, before any other verb, relative pronoun or
 * comma: "killed in clashes with rebels", "killed in Idlib" and "hit by
 * a shell that Russia fired" name no agent this way. */
int code_instrument_agent(const sr_parse *p, const sr_proot *v, size_t cend)
{
    /* (no actor after it, as for most passives: no agent to find) */
    size_t any = v->end;
    while (any < p->nwords && any < v->end + 32 && p->words[any].actor < 0)
        any++;
    if (any >= p->nwords || any >= v->end + 32)
        return -1;
    for (size_t k = v->end, lim = v->end + 16;; k++) {
        if (k >= cend || k >= lim) {
            /* "were killed and 50 wounded in airstrikes by Russian
             * forces": the weapon of the casualty passive that follows
             * "and" is this one's too */
            size_t nx = next_casualty_passive(p, k < cend ? SIZE_MAX : cend);
            if (nx == SIZE_MAX)
                return -1;
            k = nx;
            lim = nx + 16;
            for (cend = nx; cend < p->nwords && p->words[cend].clause == p->words[nx].clause;)
                cend++;
            if (k >= cend)
                return -1;
            /* ("and 50 others wounded by terrorists who ...": its own
             * agent) */
            if (p->words[k].type == SR_W_BY) {
                int u = code_actor_after(p, k + 1, 3);
                if (u >= 0 && !p->actors[u].is_pronoun)
                    return u;
            }
        }
        const sr_pword *w = &p->words[k];
        if (w->subord || w->type == SR_W_VERB || w->type == SR_W_COMMA)
            return -1;
        /* ("due to a rocket shell fired by terrorists") */
        if (w->w[0] == 'd' && word_is(w, "due") && k + 1 < cend && word_is(&p->words[k + 1], "to"))
            w = &p->words[++k];
        else if (!(w->type == SR_W_BY || (w->w[0] == 'i' && word_is(w, "in")) ||
                   (w->w[0] == 'd' && word_is(w, "during")))) {
            if ((w->w[0] == 'w' || w->w[0] == 't') &&
                (w->type == SR_W_NULL || w->type == SR_W_DETERM || w->type == SR_W_PRONOUN) &&
                code_rel_word(w))
                return -1;
            continue;
        }
        /* the phrase after the preposition: determiners, numbers,
         * modifiers, "a series of", up to its weapon's word */
        size_t j = k + 1, owner_end = 0;
        int owner = -1, weapon = 0;
        for (size_t n = 0; j < cend && n < 8; j++, n++) {
            const sr_pword *x = &p->words[j];
            if (x->subord)
                return -1;
            /* ("in Russian and Syrian strikes": the first owner, whose
             * fellow the event's coordination adds) */
            int fellow = owner >= 0 && owner_end == j && x->type == SR_W_CONJ &&
                         word_is(x, "and") && j + 1 < cend && p->words[j + 1].actor >= 0;
            if (fellow) {
                const sr_pactor *f = &p->actors[p->words[j + 1].actor];
                if (f->start != j + 1 || f->is_pronoun || !sr_parse_actor_code(p, p->words[j + 1].actor))
                    break;
                j = f->end - 1;
                owner_end = f->end;
                continue;
            }
            if (x->actor >= 0) {
                if (owner >= 0 || p->actors[x->actor].start != j || p->actors[x->actor].is_pronoun ||
                    !sr_parse_actor_code(p, x->actor))
                    break;
                owner = x->actor;
                j = p->actors[x->actor].end - 1;
                owner_end = p->actors[x->actor].end;
                continue;
            }
            if (x->type == SR_W_DETERM || x->type == SR_W_NUMBER)
                continue;
            if ((weapon = instrument_word(x)))
                break;
            if (x->type == SR_W_ADJ ||
                x->type == SR_W_NULL || x->type == SR_W_NOUN || x->type == SR_W_EVNOUN ||
                word_is(x, "of"))
                continue;
            break;
        }
        if (!weapon)
            continue;
        /* the owner right before it, over two modifiers at most */
        if (owner >= 0 && j - owner_end <= 2)
            return owner;
        if (owner >= 0)
            continue;
        /* else "by X" after it, past a participle of carrying it out and
         * its particle ("carried out by") */
        size_t b = j + 1;
        /* (over more weapons and what they hit: "in airstrikes and
         * barrel bomb attacks by the Assad regime", "in airstrikes on the
         * town by", "allegedly carried out by"; no other participle:
         * "in shelling on areas held by rebels") */
        while (b < cend && b < j + 8) {
            const sr_pword *x = &p->words[b];
            if (x->actor >= 0 || x->subord || x->type == SR_W_BY)
                break;
            if (code_carry_word(x)) {
                b++;
                if (b < cend && (word_is(&p->words[b], "out") || word_is(&p->words[b], "off")))
                    b++;
                break;
            }
            if (code_participle(x) && x->type != SR_W_EVNOUN)
                break;
            if (!(x->type == SR_W_EVNOUN || x->type == SR_W_NULL || x->type == SR_W_NOUN ||
                  x->type == SR_W_ADJ || x->type == SR_W_DETERM || x->type == SR_W_NUMBER ||
                  x->type == SR_W_TIME || word_is(x, "and") || word_is(x, "of") ||
                  instrument_word(x)))
                break;
            b++;
        }
        if (b >= cend || p->words[b].type != SR_W_BY)
            continue;
        for (size_t q = b + 1; q < cend && q < b + 4; q++) {
            const sr_pword *x = &p->words[q];
            if (x->subord)
                return -1;
            if (x->actor >= 0)
                return p->actors[x->actor].start == q && !p->actors[x->actor].is_pronoun &&
                               sr_parse_actor_code(p, x->actor)
                           ? x->actor
                           : -1;
            if (x->type != SR_W_DETERM && x->type != SR_W_ADJ && x->type != SR_W_NULL)
                return -1;
        }
    }
    return -1;
}
