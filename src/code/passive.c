/* Passives and the words around a verb: whether a verb is passive and
 * where its BY is, what stands before it (auxiliaries, adverbs, a weapon
 * as subject, a verb of dying), and the per-sentence indexes that keep
 * those searches linear in long clauses.  Split from coder.c, which asks
 * them for every verb. */
#include <stdint.h>
#include <string.h>

#include "code_int.h"

int code_wix_need(wix *x)
{
    if (x->seg)
        return SR_OK;
    const sr_parse *p = x->p;
    size_t n = p->nwords;
    uint32_t *seg = sr_arena_alloc(x->a, (n + 1) * sizeof *seg);
    uint32_t *nb = sr_arena_alloc(x->a, (n + 1) * sizeof *nb);
    if (!seg || !nb)
        return SR_ENOMEM;
    seg[0] = 0;
    for (size_t i = 1; i <= n; i++) {
        const sr_pword *w = &p->words[i - 1];
        seg[i] = w->type == SR_W_COMMA && !w->in_compound && !w->subord ? (uint32_t)i : seg[i - 1];
    }
    nb[n] = (uint32_t)n;
    for (size_t i = n; i-- > 0;)
        nb[i] = p->words[i].type == SR_W_BY ? (uint32_t)i : nb[i + 1];
    x->seg = seg;
    x->next_by = nb;
    return SR_OK;
}

/* The first word of every clause (cstart), on its own: event nouns need
 * no other index. */
int code_wix_clauses(wix *x)
{
    if (x->cstart)
        return SR_OK;
    const sr_parse *p = x->p;
    uint32_t *cs = sr_arena_calloc(x->a, (size_t)p->nclauses + 1, sizeof *cs);
    if (!cs)
        return SR_ENOMEM;
    for (size_t i = p->nwords; i-- > 0;)
        if (p->words[i].clause >= 0 && p->words[i].clause < p->nclauses)
            cs[p->words[i].clause] = (uint32_t)i;
    x->cstart = cs;
    return SR_OK;
}

/* The words the passive tests and their caller look for (word_set). */
static const char *const adv_words[] = {
    "also", "all", "both", "later", "then", "since", "already", "just", "each", "mostly",
    "reportedly", "allegedly", "apparently", "subsequently", "previously", "recently",
    "repeatedly", "deliberately", "summarily", "brutally", NULL};
static const char *const aux_words[] = {"was", "were", "been", "being", NULL};
static const char *const aux2_words[] = {"is", "are", "be", "got", "get", "gets", NULL};
static const char *const irregular_words[] = {
    "shot", "hit", "struck", "held", "hurt", "caught", "cut", "sent", "kept", "left", "put",
    "shut", "sold", "fought", "found", "run", "overrun", "slain", NULL};
static const char *const rel_words[] = {"which", "who", "whom", "whose", "that", NULL};
/* weapons and attacks that may be the subject of violence no actor is
 * named for (weapon_subject) */
static const char *const weapon_words[] = {
    "blast", "blasts", "explosion", "explosions", "bomb", "bombs", "bombing", "bombings",
    "strike", "strikes", "airstrike", "airstrikes", "raid", "raids", "shelling", "shell",
    "shells", "rocket", "rockets", "missile", "missiles", "mortar", "mortars", "mine", "mines",
    "landmine", "landmines", "grenade", "grenades", "drone", "drones", "fire", "gunfire",
    "artillery", "barrage", "barrages", "attack", "attacks", "assault", "ied", "ieds", "device",
    "devices", "explosive", "explosives", "bullet", "bullets", "shrapnel", "sniper", "snipers",
    "bombardment", "bombardments", NULL};
/* prepositions of place: the actor after one is where, not who ("killed
 * by a sniper in Damascus") */
static const char *const where_words[] = {"in",     "near",   "at",   "inside", "outside",
                                          "around", "across", "into", "on",     "within", NULL};
/* verbs of dying (code_died_before) */
static const char *const died_words[] = {"died", "dies", "die", "succumbed", "perished", NULL};
/* irregular past participles news uses for goods and things
 * (code_past_participle) */
static const char *const thing_part_words[] = {
    "sold", "made", "built", "found", "seen", "brought", "sent", "given", "kept", "left", "told",
    "caught", "bought", "paid", "led", "known", "shown", "written", "hidden", "flown", "drawn",
    "sunk", NULL};
/* prepositions after a participle that qualifies a noun
 * (code_noun_participle_prep) */
static const char *const part_prep_words[] = {
    "from", "in", "at", "to", "into", "on", "onto", "near", "for", "during", "under", "over",
    "across", "through", "with", "inside", "outside", "along", "aboard", NULL};
static word_set pb_thing_part = {.list = thing_part_words}, pb_part_prep = {.list = part_prep_words};
static word_set pb_adv = {.list = adv_words}, pb_aux = {.list = aux_words},
                pb_aux2 = {.list = aux2_words}, pb_irregular = {.list = irregular_words},
                pb_rel = {.list = rel_words}, pb_weapon = {.list = weapon_words},
                pb_where = {.list = where_words}, pb_died = {.list = died_words};

void word_set_init(word_set *s)
{
    size_t i = 0;
    for (const char *const *w = s->list; *w; w++, i++) {
        size_t n = strlen(*w);
        unsigned a = (unsigned char)(*w)[0] - 'a';
        if (a >= 26 || n == 0 || n >= 32)
            s->any = 1;
        else
            s->by_letter[a] |= (uint32_t)1 << n;
    }
    /* (half full at most: a short probe; else the list is scanned) */
    if (i > WORD_SET_SLOTS / 2 || i > 255)
        s->any = 1;
    if (s->any)
        return;
    i = 0;
    for (const char *const *w = s->list; *w; w++, i++) {
        size_t n = strlen(*w);
        unsigned h = word_set_hash(*w, n);
        while (s->slot[h])
            h = (h + 1) & (WORD_SET_SLOTS - 1);
        s->slot[h] = (uint16_t)(n << 8 | (i + 1));
    }
}

__attribute__((constructor)) static void coder_sets(void)
{
    word_set_init(&pb_adv);
    word_set_init(&pb_aux);
    word_set_init(&pb_aux2);
    word_set_init(&pb_irregular);
    word_set_init(&pb_rel);
    word_set_init(&pb_weapon);
    word_set_init(&pb_where);
    word_set_init(&pb_died);
    word_set_init(&pb_thing_part);
    word_set_init(&pb_part_prep);
}

int code_rel_word(const sr_pword *w) { return word_set_has(&pb_rel, w); }
int code_weapon_word(const sr_pword *w) { return word_set_has(&pb_weapon, w); }
int code_where_word(const sr_pword *w) { return word_set_has(&pb_where, w); }

/* An adverb in -ly, or one of the few others that stand inside a verb
 * phrase ("most likely", "actually"). */
static int ly_word(const sr_pword *w)
{
    return w->type == SR_W_NULL && !w->cap &&
           ((w->len > 4 && w->w[w->len - 2] == 'l' && w->w[w->len - 1] == 'y') ||
            word_is(w, "most") || word_set_has(&pb_adv, w));
}

/* Passive voice (manual 7.9): WAS/WERE/BEEN one or two words before the
 * verb and BY right after it, or after one modifier ("opposed earlier by"). */
int code_passive(const sr_parse *p, const sr_proot *v)
{
    int aux = 0;
    size_t s = v->start;
    for (size_t back = 1; back <= 2 && back <= s; back++)
        if (p->words[s - back].type == SR_W_AUXIL)
            aux = 1;
    /* (or past two adverbs: "was most likely carried out by") */
    if (!aux && s >= 3 && p->words[s - 3].type == SR_W_AUXIL && ly_word(&p->words[s - 1]) &&
        ly_word(&p->words[s - 2]))
        aux = 1;
    if (!aux)
        return 0;
    for (size_t k = v->end; k < v->end + 2 && k < p->nwords; k++) {
        if (p->words[k].type == SR_W_BY)
            return 1;
        if (p->words[k].type != SR_W_NULL)
            return 0;
    }
    return 0;
}

/* Whether the words from lo to verb v name a weapon or an attack, the
 * subject of violence no actor did ("a blast", "air strikes", "artillery
 * fire", "the shelling"): only the last few words before the verb, its
 * subject's head. */
/* "A fire killed 12 people", "the fire spread": a blaze, no gunfire. */
static int blaze_at(const sr_parse *p, size_t k)
{
    return k > 0 && word_is(&p->words[k], "fire") &&
           (word_is(&p->words[k - 1], "a") || word_is(&p->words[k - 1], "the"));
}

int code_weapon_subject(const sr_parse *p, size_t lo, const sr_proot *v)
{
    size_t hi = v->start;
    /* (past a clause set off before the verb: "The shells, which were
     * fired from Gaza, killed") */
    while (hi > lo && p->words[hi - 1].subord)
        hi--;
    /* "bombs dropped by the regime killed ...", "rockets fired from Iran",
     * "the attack took place": a participle or a phrase, not the verb of
     * the weapon */
    if (v->end < p->nwords) {
        const sr_pword *nx = &p->words[v->end];
        if (word_is(nx, "by") || word_is(nx, "from") || word_is(nx, "place"))
            return 0;
    }
    /* (a passive, "were hurled at", however its verb phrase reads) */
    if (hi > lo && (word_set_has(&pb_aux, &p->words[hi - 1]) ||
                    word_set_has(&pb_aux2, &p->words[hi - 1])))
        return 0;
    size_t from = hi > lo + 4 ? hi - 4 : lo;
    for (size_t k = from; k < hi; k++)
        if (p->words[k].actor < 0 && word_set_has(&pb_weapon, &p->words[k]) &&
            !blaze_at(p, k))
            return 1;
    /* past a participle and its "by" after it ("another attack claimed
     * by the outlawed group killed 70 people", "an air raid carried out
     * by unidentified jets killed"): the weapon or attack right before
     * the participle */
    for (size_t k = hi, n = 0; k > lo + 1 && n < 8; n++) {
        const sr_pword *w = &p->words[--k];
        if (w->type == SR_W_VERB || w->type == SR_W_COMMA)
            break;
        if (w->type != SR_W_BY && !word_is(w, "by"))
            continue;
        size_t pt = k - 1;
        if (!code_carry_word(&p->words[pt]))
            break;
        for (size_t j = pt; j > lo && pt - j < 3; j--)
            if (p->words[j - 1].actor < 0 && word_set_has(&pb_weapon, &p->words[j - 1]) &&
                !blaze_at(p, j - 1))
                return 1;
        break;
    }
    /* past a phrase of place after it ("a minefield explosion near the
     * town of Samarra killed", "air strikes on the town of Maarat
     * al-Numan killed"): four words more, up to a verb, a comma or an
     * actor */
    int place = 0;
    for (size_t k = hi, n = 0; k > lo && n < 8; n++) {
        const sr_pword *w = &p->words[--k];
        if (w->type == SR_W_VERB || w->type == SR_W_COMMA || w->actor >= 0)
            break;
        if (word_is(w, "near") || word_is(w, "in") || word_is(w, "outside") || word_is(w, "at") ||
            word_is(w, "on") || word_is(w, "against"))
            place = 1;
        else if (place && k < from && word_set_has(&pb_weapon, w))
            return 1;
    }
    return 0;
}

/* Where a verb of dying stands in words [lo, hi) of the clause (the
 * actor before it died of what follows), or SIZE_MAX. */
size_t code_died_before(const sr_parse *p, size_t lo, size_t hi)
{
    for (size_t k = lo; k < hi && k < lo + 6; k++)
        if (!p->words[k].subord && word_set_has(&pb_died, &p->words[k]))
            return k;
    return SIZE_MAX;
}

/* Adverbs that may stand right before a verb ("were also killed", "and
 * later wounded"). */
int code_verb_adverb(const sr_pword *w) { return word_set_has(&pb_adv, w); }

/* WAS/WERE/BEEN/BEING right before the verb (or before an adverb before
 * it), or IS/ARE/BE/GOT before a participle: 1 with no BY in the rest of
 * the clause (a passive whose agent is not named), 2 with one further on
 * than code_passive() looks, whose word goes to *by ("were injured on Friday
 * in a barrel bomb attack by the regime"), else 0. */
/* A participle right after a noun that is no actor, with its BY and an
 * actor right after it, qualifies the noun: "suffered from shells fired
 * by Israeli forces" (the forces fired them, at the sufferers). */
/* The word before a participle is a plain noun it may qualify: no
 * actor, no name, no auxiliary or adverb. */
static int plain_noun(const sr_pword *w)
{
    return w->actor < 0 && !w->cap &&
           (w->type == SR_W_NOUN || w->type == SR_W_EVNOUN || w->type == SR_W_NULL) &&
           !word_set_has(&pb_aux, w) && !word_set_has(&pb_aux2, w) && !code_verb_adverb(w);
}

int code_noun_participle(const sr_parse *p, const sr_proot *v)
{
    if (v->start == 0 || v->end - v->start != 1 || v->end >= p->nwords ||
        p->words[v->end].type != SR_W_BY || !code_participle(&p->words[v->start]) ||
        !plain_noun(&p->words[v->start - 1]))
        return 0;
    /* (and an actor for its agent: "sites hit by bombs" names none, and
     * the sites' visitors were not hit) */
    size_t ae = v->end + 4 < p->nwords ? v->end + 4 : p->nwords;
    return sr_parse_actor_in(p, v->end + 1, ae, -1) >= 0;
}

int code_part_prep(const sr_pword *w) { return word_set_has(&pb_part_prep, w); }

int code_past_participle(const sr_pword *w)
{
    return code_participle(w) || (!w->cap && word_set_has(&pb_thing_part, w));
}

int code_noun_participle_prep(const sr_parse *p, const sr_proot *v)
{
    if (v->start == 0 || v->end - v->start != 1 || v->end >= p->nwords)
        return 0;
    const sr_pword *w = &p->words[v->start - 1];
    if (w->len <= 2 || !plain_noun(w) || !code_part_prep(&p->words[v->end]) ||
        !code_past_participle(&p->words[v->start]) || code_ly_adverb(w) || word_is(w, "and") ||
        word_is(w, "then"))
        return 0;
    /* ("killed at least 15": a count, not a place) */
    if (word_is(&p->words[v->end], "at") && v->end + 1 < p->nwords &&
        (word_is(&p->words[v->end + 1], "least") || word_is(&p->words[v->end + 1], "most")))
        return 0;
    /* (the noun is a verb's object, "after eating tuna imported from",
     * not a clause's subject, "Regime air raids killed", "said the
     * bombardment brought") */
    size_t k = v->start - 1;
    for (int n = 0; k > 0 && n < 4; n++) {
        const sr_pword *b = &p->words[k - 1];
        if (b->actor >= 0 || b->cap ||
            !(b->type == SR_W_NOUN || b->type == SR_W_NULL || b->type == SR_W_ADJ ||
              b->type == SR_W_DETERM || b->type == SR_W_NUMBER))
            break;
        if (b->type == SR_W_NULL && code_ing_form(b))
            return 1;
        k--;
    }
    if (k == 0)
        return 0;
    const sr_pword *b = &p->words[k - 1];
    return b->type == SR_W_VERB && b->actor < 0 && !code_saying_word(b);
}

int code_prep_phrase_noun(const sr_parse *p, size_t lo, size_t n)
{
    size_t k = n;
    while (k > lo && (p->words[k - 1].type == SR_W_DETERM || p->words[k - 1].type == SR_W_ADJ ||
                      p->words[k - 1].type == SR_W_NUMBER))
        k--;
    return k > lo && (p->words[k - 1].type == SR_W_PREP || p->words[k - 1].type == SR_W_BY ||
                      word_is(&p->words[k - 1], "of") || word_is(&p->words[k - 1], "in"));
}

int code_passive_no_by(const sr_parse *p, wix *x, const sr_proot *v, size_t cend, size_t *by)
{
    /* A phrase ("were engaged in ethnic cleansing") is active in sense; a
     * verb with its particle ("was shot down", "were blown up") is not,
     * nor one with its result ("was stabbed to death", "were shot dead",
     * "burned alive": the victims were the source). */
    if (v->start == 0)
        return 0;
    size_t len = v->end - v->start;
    const sr_pword *last = &p->words[v->end - 1];
    if (len >= 2 && (word_is(last, "dead") || word_is(last, "alive")))
        len--;
    else if (len >= 3 && word_is(last, "death") && word_is(&p->words[v->end - 2], "to"))
        len -= 2;
    if (len > 2)
        return 0;
    if (len == 2) {
        const sr_pword *pt = &p->words[v->start + 1];
        if (!word_is(pt, "down") && !word_is(pt, "up") && !word_is(pt, "off") &&
            !word_is(pt, "out") && !word_is(pt, "away"))
            return 0;
    }
    const sr_pword *w = &p->words[v->start - 1];
    /* past an adverb: "were also killed", "were reportedly executed",
     * "were similarly blocked", or a report's participle: "were
     * confirmed killed" */
    static const char *const reported[] = {"confirmed", "reported", "feared", "believed",
                                           "presumed", NULL};
    if (v->start >= 2 &&
        (ly_word(w) ||
         (p->words[v->start - 2].type == SR_W_AUXIL && word_in(w, reported))))
        w = &p->words[v->start - 2];
    /* "had been providing aid" is active */
    const sr_pword *vw = &p->words[v->start];
    if (code_ing_form(vw))
        return 0;
    if (len == 1 && code_noun_participle(p, v)) {
        *by = v->end;
        return 2;
    }
    /* (and "are besieged", "will be killed", "got injured": after these,
     * only a verb that looks like a participle, not "is a valuable asset") */
    if (!word_set_has(&pb_aux, w) &&
        !(word_set_has(&pb_aux2, w) &&
          ((vw->len > 3 && (!memcmp(vw->w + vw->len - 2, "ed", 2) ||
                            !memcmp(vw->w + vw->len - 2, "en", 2))) ||
           word_set_has(&pb_irregular, vw))))
        return 0;
    for (size_t k = v->end, steps = 0; k < cend && k < p->nwords; k++) {
        if (p->words[k].type == SR_W_BY) {
            *by = k;
            return 2;
        }
        if (++steps == SCAN_SHORT) {
            /* A long clause: the index, not a scan per verb. */
            if (code_wix_need(x))
                return -1;
            if (x->next_by[k] >= cend)
                return 1;
            *by = x->next_by[k];
            return 2;
        }
    }
    return 1;
}

int code_participle(const sr_pword *w)
{
    static const char *const irregular[] = {"shot", "hit", "struck", "taken", "held", "beaten",
                                            "hurt", "slain", "burnt", "thrown", "driven", "stolen",
                                            "forced", "hung", "hanged", "bound", NULL};
    if (w->cap)
        return 0;
    if (w->len >= 4 && w->w[w->len - 2] == 'e' && w->w[w->len - 1] == 'd')
        return 1;
    return word_in(w, irregular);
}

int code_passive_agent(const sr_parse *p, const sr_proot *v, size_t cend, int tgt,
                       const char *code, const verb_match *vm, size_t nv)
{
    int u = code_instrument_agent(p, v, cend);
    if (u < 0 && violent_code(code)) {
        size_t at = SIZE_MAX, y = 0;
        if ((u = code_when_agent(p, v, cend, &at)) < 0)
            return -1;
        while (y < nv && p->roots[vm[y].root].start != at)
            y++;
        /* (the victims are no agent: "when a girl walked into ...") */
        if (y == nv || !vm[y].ok || !violent_code(vm[y].code.code) ||
            victim_sector(sr_parse_actor_code(p, u)))
            return -1;
    }
    if (u >= 0 && sr_parse_resolve(p, (size_t)u) == sr_parse_resolve(p, (size_t)tgt))
        return -1;
    return u;
}

int code_custodian(const sr_parse *p, const sr_proot *v, size_t cend, int tgt)
{
    for (size_t k = v->end; k < cend && k < p->nwords && k < v->end + 12; k++) {
        const sr_pword *w = &p->words[k];
        if (!word_is(w, "custody"))
            continue;
        int u = -1;
        size_t at = k; /* where the custodian's phrase starts */
        if (k > 0 && p->words[k - 1].actor >= 0 && !p->words[k - 1].subord &&
            (size_t)p->actors[p->words[k - 1].actor].end == k) {
            u = p->words[k - 1].actor; /* "in Israeli police custody" */
            at = p->actors[u].start;
        } else if (k + 2 < cend && word_is(&p->words[k + 1], "of")) {
            u = sr_parse_actor_in(p, k + 2, k + 5 < cend ? k + 5 : cend, tgt); /* "of" X */
        }
        if (at > 0 && p->words[at - 1].type == SR_W_DETERM)
            at--;
        /* (held "in" it; "taken into custody" is an arrest) */
        if (u < 0 || at == 0 || !word_is(&p->words[at - 1], "in") || !sr_parse_actor_code(p, u) ||
            (tgt >= 0 && sr_parse_resolve(p, (size_t)u) == sr_parse_resolve(p, (size_t)tgt)))
            return -1;
        return u;
    }
    return -1;
}

int code_past_where(const sr_parse *p, int u, size_t to)
{
    for (int guard = 0; u >= 0 && guard < 4; guard++) {
        size_t k = p->actors[u].start;
        /* (over a word or two of direction: "in eastern Syria") */
        for (int skip = 0; skip < 2 && k > 0 && !p->words[k - 1].cap &&
                           (p->words[k - 1].type == SR_W_NULL || p->words[k - 1].type == SR_W_ADJ) &&
                           !code_where_word(&p->words[k - 1]);
             skip++)
            k--;
        if (k == 0 || !code_where_word(&p->words[k - 1]))
            return u;
        int next = (size_t)p->actors[u].end < to ? sr_parse_actor_in(p, p->actors[u].end, to, -1) : -1;
        /* (the subject stands right before its auxiliaries, not in a
         * title run into the sentence: "... in Syrias Homs NGO AFP
         * Thursday 6 Mar 2014 At least 15 people were killed") */
        if (next < 0 || (size_t)p->actors[next].end + 3 < to)
            return u;
        u = next;
    }
    return u;
}

/* The "when", "as" or "after" that follows verb v in words [v->end, cend)
 * past a time or a place ("were killed on Sunday when", "at a market
 * as"), or SIZE_MAX. */
static size_t when_after(const sr_parse *p, const sr_proot *v, size_t cend)
{
    static const char *const subs[] = {"when", "as", "after", NULL};
    static const char *const hurt[] = {"injured", "wounded", "hurt", NULL};
    for (size_t k = v->end, n = 0; k < cend && n <= 6; k++, n++) {
        const sr_pword *w = &p->words[k];
        if (w->subord)
            return SIZE_MAX;
        if (word_in(w, subs))
            return k;
        /* (past the wounded told with the dead: "was killed and five
         * others were injured when ...") */
        if (word_is(w, "and")) {
            size_t j = k + 1;
            while (j < cend && j < k + 6 && !word_in(&p->words[j], hurt))
                j++;
            if (j < cend && word_in(&p->words[j], hurt) && code_be_form(&p->words[j - 1])) {
                k = j;
                continue;
            }
        }
        if (w->actor >= 0 || (w->type != SR_W_TIME && w->type != SR_W_NUMBER &&
                               w->type != SR_W_NULL && w->type != SR_W_DETERM &&
                               w->type != SR_W_PREP))
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* sitrep's conventions: a passive that names no agent, followed by "when",
 * "as" or "after" and a clause whose subject is an actor ("were killed
 * when regime helicopters dropped barrel bombs", "were injured when
 * terrorists fired a rocket shell"): that actor, with the word of its
 * verb in *verb_at (the caller keeps it only when that verb is an act of
 * violence), else -1.  Not a pronoun ("as they queued"), nor a subject
 * whose own verb is passive ("when their helicopter was shot down"). */
int code_when_agent(const sr_parse *p, const sr_proot *v, size_t cend, size_t *verb_at)
{
    size_t k = when_after(p, v, cend);
    if (k == SIZE_MAX)
        return -1;
    /* (or who fired the weapons that did it: "as rockets and mortar
     * shells fired by terrorists hit the towns") */
    int weapon = 0;
    for (size_t q = k + 1, lim = k + 5; q < cend && q < lim; q++) {
        const sr_pword *x = &p->words[q];
        if (x->subord)
            return -1;
        if (x->actor < 0) {
            if (code_weapon_word(x)) {
                weapon = 1;
                lim = q + 5;
                continue;
            }
            if (weapon && q + 1 < cend && code_carry_word(x) && p->words[q + 1].type == SR_W_BY) {
                q++;
                continue;
            }
            if (weapon && x->type == SR_W_CONJ && word_is(x, "and"))
                continue;
            if (x->type != SR_W_DETERM && x->type != SR_W_ADJ && x->type != SR_W_NULL)
                return -1;
            continue;
        }
        int u = x->actor;
        const sr_pactor *a = &p->actors[u];
        if (a->start != q || a->is_pronoun || !sr_parse_actor_code(p, u) || code_holder(p, u))
            return -1;
        size_t e = a->end;
        /* (past where they are, after a weapon: "fired by terrorists in
         * Syria hit") */
        if (weapon && e + 1 < cend && (word_is(&p->words[e], "in") || word_is(&p->words[e], "from")) &&
            p->words[e + 1].cap) {
            size_t f = e + 1;
            while (f < cend && f < e + 5 && (p->words[f].cap || p->words[f].actor >= 0))
                f++;
            e = f;
        }
        while (e < cend && e < a->end + 2 && (code_ly_adverb(&p->words[e]) ||
                                              word_is(&p->words[e], "had") ||
                                              word_is(&p->words[e], "have")))
            e++;
        if (e >= cend || p->words[e].type != SR_W_VERB || p->words[e].root < 0 ||
            p->roots[p->words[e].root].start != e)
            return -1;
        /* (one of two sides: "as rebels have pounded ... and the regime
         * has hit ...") */
        for (size_t z = e + 1; z < p->nwords && z < e + 16 && !p->words[z].subord; z++)
            if (word_is(&p->words[z], "and") && !p->words[z].in_compound &&
                code_actor_after(p, z + 1, 3) >= 0)
                return -1;
        *verb_at = e;
        return u;
    }
    return -1;
}

/* sitrep's conventions: deaths no one inflicted, told by a clause after
 * the verb ("were killed when a tree fell on their car", "died when their
 * helicopter crashed"): "when", "as" or "after" (past a time or a place),
 * a phrase that names no actor, and a verb of an accident. */
int code_accident_after(const sr_parse *p, const sr_proot *v, size_t cend)
{
    static const char *const mishaps[] = {"fell", "collapsed", "caught", "toppled", "caved",
                                          NULL};
    /* (what vehicles do, which an actor may ride: "their helicopter") */
    static const char *const wrecks[] = {"crashed", "capsized", "sank", "overturned",
                                         "derailed", "flipped", NULL};
    int named = 0;
    size_t k = when_after(p, v, cend);
    if (k == SIZE_MAX)
        return 0;
    for (size_t q = k + 1; q < cend && q < k + 12; q++) {
        const sr_pword *x = &p->words[q];
        if (x->subord)
            return 0;
        /* ("when his car went off the ramp and crashed") */
        if (word_is(x, "and") || word_is(x, "off") || word_is(x, "into"))
            continue;
        named |= x->actor >= 0 && !p->actors[x->actor].is_pronoun;
        if ((!named && word_in(x, mishaps)) || word_in(x, wrecks)) {
            /* (not what an attack or someone brought down: "the roof
             * collapsed after an air strike") */
            /* (an actor is a cause after "after", "by" or "as": who it
             * fell on, or where, is none, "when a tree fell on a wedding
             * party taking photographs at a Southern California park") */
            int cause = 0;
            for (size_t z = q + 1; z < cend; z++) {
                const sr_pword *y = &p->words[z];
                if (y->type == SR_W_BY || word_is(y, "after") || word_is(y, "following") ||
                    word_is(y, "as"))
                    cause = 1;
                if (code_weapon_word(y) || y->type == SR_W_EVNOUN ||
                    (cause && y->actor >= 0 && !p->actors[y->actor].is_pronoun))
                    return 0;
            }
            /* (nor a fall to someone: "when the town fell to the rebels") */
            if (q + 1 < cend && word_is(&p->words[q + 1], "to"))
                return 0;
            return q > k + 1;
        }
        if (x->actor < 0 && x->type != SR_W_DETERM && x->type != SR_W_ADJ &&
            x->type != SR_W_NULL && x->type != SR_W_NOUN && x->type != SR_W_PRONOUN &&
            x->type != SR_W_PREP)
            return 0;
    }
    return 0;
}

int code_agent_after_by(const sr_parse *p, const sr_proot *v, size_t cstart, size_t cend,
                        size_t by_at, int native, int weapon, int *srcp, int *tgtp)
{
    int src = *srcp, tgt = *tgtp, no_by;
    /* the agent after a BY further on did it, to the subject, unless the
     * BY belongs to another verb or a relative clause ("... which pits
     * rebels against the government, backed by militias"): then the
     * passive names no agent */
    size_t k = v->end;
    /* (nor a participle's "by": "in air strikes on areas held by rebels",
     * unless it carried the act out) */
    while (k < by_at && p->words[k].type != SR_W_VERB && !code_rel_word(&p->words[k]) &&
           !(k + 1 == by_at && code_participle(&p->words[k]) && !code_carry_word(&p->words[k])))
        k++;
    /* the agent: the actor right after BY (past a determiner or two), not
     * one further on */
    size_t ae = by_at + 4 < cend ? by_at + 4 : cend;
    int agent = k == by_at ? sr_parse_actor_in(p, by_at + 1, ae, -1) : -1, itself = 0;
    /* (a pronoun subject read as the agent itself: leave it) */
    if (agent >= 0 && src >= 0 &&
        sr_parse_resolve(p, (size_t)src) == sr_parse_resolve(p, (size_t)agent)) {
        agent = -1;
        itself = 1;
    }
    if (agent >= 0 && src >= 0 && p->actors[src].end <= v->start) {
        tgt = src;
        src = agent;
    } else if (native && agent >= 0 && src < 0 && by_at < v->end + 8 &&
               (weapon || code_be_passive(p, v))) {
        /* (a subject that names no one: "a convoy was attacked near
         * Aleppo by rebels", "rockets were fired at the army by
         * militants") */
        src = agent;
        if (tgt == agent)
            tgt = -1;
    }
    /* an agent that is no actor ("was shot in the head by a sniper", "by a
     * roadside bomb") leaves the source unknown: the subject is still the
     * one it was done to, when it is the clause's own ("the town has been
     * hit by bombings" is no event of the rebels named before) */
    if (k < by_at)
        no_by = 1;
    else if (agent < 0 && !itself && src >= 0 && p->actors[src].start >= cstart)
        no_by = 1;
    else
        no_by = 0;
    *srcp = src;
    *tgtp = tgt;
    return no_by;
}
