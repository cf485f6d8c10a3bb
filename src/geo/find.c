/* Recognition: which capitalised token sequences are place names, and what
 * stands around them.  Candidates come from the gazetteer; the choice among
 * them is resolve.c's. */
#include "find_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Longest name, in tokens, tried at one position ("Bosnia and Herzegovina",
 * "Saint-Germain-en-Laye" is one token). */
#define MAX_NAME_TOKENS 6
/* Words either side of a name that decide whether it is a person's, an
 * organisation's or a place's. */
#define NAME_WINDOW 8

/* (a field added to gment must be set below) */
_Static_assert(sizeof(gment) == 160, "gf_new_mention sets every field of a mention");

gment *gf_new_mention(ctx *c, size_t sent, size_t t0, size_t t1, size_t start, size_t end)
{
    /* Every field but the key, which each caller writes (a memset of
     * the whole mention, key and all, was most of a mention's cost). */
    sr_vec *v = &c->ments;
    gment *m = v->len < v->cap ? (gment *)v->items + v->len++
                               : sr_vec_grow_push(v, c->a, sizeof *m);
    if (!m)
        return NULL;
    m->start = start;
    m->end = end;
    m->tok0 = t0;
    m->tok1 = t1;
    m->sent = sent;
    m->c = NULL;
    m->nc = 0;
    m->best = -1;
    m->role = 0;
    m->cue = 0;
    m->container = -1;
    m->far = 0;
    m->nearby = -1;
    m->flags = 0;
    m->single_common = 0;
    m->person_like = 0;
    m->plural = 0;
    m->conf = 0;
    m->sup = 0;
    m->keyhash = 0;
    return m;
}

/* A match that is surely a place by itself: an exact country or admin1. */
static int strong_match(const ctx *c, const gment *m)
{
    for (uint32_t i = 0; i < m->nc; i++) {
        const gz_rec *r = geo_rec(c->d->g, m->c[i].rec);
        if (r && m->c[i].exact && geo_level(r) <= SR_GEO_LEVEL_ADMIN1)
            return 1;
    }
    return 0;
}


/* Looks back from token i (exclusive) for a place cue within the sentence. */
/* CUE_FROM for the "from" at token f, unless it measures a distance
 * ("not far from X", "10 km away from X": near X, not out of it). */
static unsigned far_from(const ctx *c, size_t f, size_t sent_tok)
{
    if (f > sent_tok && (gf_norm_is(&c->tok[f - 1], "far") || gf_norm_is(&c->tok[f - 1], "away")))
        return 0;
    /* (and CUE_MOVED after a word of people who moved: "residents
     * evacuated from X", "evacuees from X") */
    static const char *const moved[] = {"evacuated", "evacuees", "displaced", "fled",
                                        "fleeing", "refugees", "returnees", "relocated",
                                        "transferred", "bussed", NULL};
    if (f > sent_tok && gf_norm_in(&c->tok[f - 1], moved))
        return CUE_FROM | CUE_MOVED;
    return CUE_FROM;
}

/* "from" before token k, past determiners, adjectives and one name
 * ("from the besieged Syrian towns of X", k the type word): CUE_FROM,
 * else 0. */
static unsigned from_before(const ctx *c, size_t k, size_t sent_tok)
{
    int names = 0;
    for (size_t j = k, skipped = 0; j > sent_tok && skipped < 4; j--, skipped++) {
        const sr_token *t = &c->tok[j - 1];
        if (gf_norm_is(t, "from"))
            return far_from(c, j - 1, sent_tok);
        if (c->ti[j - 1].cap) {
            if (names++)
                return 0;
        } else if (!(gf_tinfo(c, j - 1)->lex & LX_SKIP)) {
            return 0;
        }
    }
    return 0;
}

/* The cues before m, a possessive's owner ("neighbourhoods of Syria's
 * Aleppo", "Syrias Aleppo"), less the type word's: it names what the
 * owner holds. */
static unsigned owner_cue(const ctx *c, const gment *m, unsigned cue)
{
    const unsigned types = CUE_TYPE_ADM1 | CUE_TYPE_ADM2 | CUE_TYPE_TOWN | CUE_TYPE_PART;
    if (!(cue & types))
        return cue;
    const sr_token *last = &c->tok[m->tok1 - 1];
    int poss = m->end < last->end && c->d->text[m->end] == 's' && m->end + 1 == last->end;
    if (!poss && m->end == last->end && m->tok1 < c->ntok)
        poss = gf_norm_is(&c->tok[m->tok1], "'s") || gf_norm_is(&c->tok[m->tok1], "\xe2\x80\x99s");
    return poss ? cue & ~types : cue;
}

/* A word that ranks one place among those of the next name: "main",
 * "largest", "second". */
static int ranks_in(const sr_token *t)
{
    static const char *const rank[] = {"main", "largest", "biggest", "second", "third",
                                       "principal", "chief", "major", NULL};
    return gf_norm_in(t, rank);
}

unsigned gf_cue_before(const ctx *c, size_t i, size_t sent_tok)
{
    size_t j = i;
    int skipped = 0;
    while (j > sent_tok && skipped < 4) {
        const sr_token *t = &c->tok[j - 1];
        if (c->ti[j - 1].cap)
            return 0;
        uint32_t lex = gf_tinfo(c, j - 1)->lex;
        int of = gf_norm_is(t, "of");
        if ((lex & LX_SKIP) && !of) {
            j--;
            skipped++;
            continue;
        }
        if (of) {
            if (j - 1 > sent_tok && ((gf_tinfo(c, j - 2)->lex & LX_OFNOUN))) {
                /* "the city of X" says which kind of place, too ("an area
                 * of X" does not) */
                const char *nw = norm_of(&c->tok[j - 2]);
                unsigned ty = strncmp(nw, "area", 4) ? gf_type_after(c, j - 2, j - 1) : 0;
                /* ("the main city of X", "the second city of X": one of
                 * the places X holds, X itself none) */
                if (ty && j - 2 > sent_tok && ranks_in(&c->tok[j - 3]))
                    ty = 0;
                return CUE_PREP | CUE_WHERE | ty | from_before(c, j - 2, sent_tok);
            }
            return 0;
        }
        if (!(lex & LX_PREP))
            return 0;
        /* "according to X" names who says so, not where ("according to
         * Al-Manar", a channel and a district of Yemen); "according to a
         * Syrian source" still has a place in its modifier */
        if (!skipped && j - 1 > sent_tok && gf_norm_is(t, "to") &&
            gf_norm_is(&c->tok[j - 2], "according"))
            return 0;
        /* "at" and "from" also take people ("at Steele's", "from Brunson") */
        if (gf_norm_is(t, "from"))
            return CUE_PREP | far_from(c, j - 1, sent_tok);
        return (lex & LX_PLACEPREP) && !gf_norm_is(t, "at") ? CUE_PREP | CUE_WHERE : CUE_PREP;
    }
    return 0;
}

/* Which match (index in c->ments from `first`) covers token i, or -1.  The
 * run's matches are in token order: binary search. */
static long covering(const ctx *c, size_t first, size_t i)
{
    const gment *ms = c->ments.items;
    size_t lo = first, n = c->ments.len - first;
    if (!n)
        return -1;
    /* the first with tok0 > i, halved without a branch on the comparison */
    while (n > 1) {
        size_t half = n / 2;
        lo = ms[lo + half].tok0 <= i ? lo + half : lo;
        n -= half;
    }
    lo += ms[lo].tok0 <= i;
    if (lo > first && ms[lo - 1].tok0 <= i && i < ms[lo - 1].tok1)
        return (long)(lo - 1);
    return -1;
}

/* A building a place may name: "Al-Quds hospital", "Omar mosque". */
static int named_site(const sr_token *t)
{
    static const char *const w[] = {"hospital", "mosque",     "school",  "clinic", "church",
                                    "stadium",  "university", "college", "prison", NULL};
    return gf_norm_in(t, w);
}

/* Judges match m found inside the capitalised run [ra, rb) whose matches
 * start at index `first`: the proper-name words around it inside the run
 * decide whether it names a place, a person or an organisation. */
static int judge(ctx *c, gment *m, const sr_sentence *s, size_t ra, size_t rb, size_t first)
{
    size_t a = m->tok0, b = m->tok1, se = s->tok + s->ntok;
    int demonym = m->nc > 0;
    for (uint32_t i = 0; i < m->nc && demonym; i++)
        if (m->c[i].kind != GZP_DEMONYM)
            demonym = 0;
    m->role = demonym ? SR_GEO_DEMONYM : SR_GEO_PLACE;
    /* "the Centre for Trade & Investment Policy", "Council on Foreign
     * Relations": an organisation's head noun before "for" or "on" and a
     * name is that organisation's, no place */
    if (!demonym && (gf_tinfo(c, b - 1)->lex & LX_ORG) && b + 1 < se &&
        (gf_norm_is(&c->tok[b], "for") || gf_norm_is(&c->tok[b], "on"))) {
        size_t n = b + 1 + (b + 2 < se && gf_norm_is(&c->tok[b + 1], "the"));
        /* (not a day: "clashes in the West Bank on Monday") */
        if (c->ti[n].cap && !(gf_tinfo(c, n)->lex & LX_CAL)) {
            m->role = -1;
            return SR_OK;
        }
    }
    /* Names are short: look at most NAME_WINDOW words either side, which
     * also keeps a run of a million capitalised words linear. */
    if (a > ra + NAME_WINDOW)
        ra = a - NAME_WINDOW;
    if (rb > b + NAME_WINDOW)
        rb = b + NAME_WINDOW;
    /* Before the name, inside the run. */
    size_t strong = 0, acronyms = 0;   /* proper-name words before it */
    int after_of = 0, titled = 0, title_seen = 0;
    for (size_t i = ra; i < a; i++) {
        const tokinfo *ti = gf_tinfo(c, i);
        long k = covering(c, first, i);
        if (k >= 0) {
            const gment *o = &((const gment *)c->ments.items)[k];
            if (!strong_match(c, o))
                strong++;
            after_of = 0;
            i = o->tok1 - 1;
            continue;
        }
        if (ti->conn) {
            after_of = gf_norm_is(&c->tok[i], "of") || gf_norm_is(&c->tok[i], "de");
            if (gf_norm_is(&c->tok[i], "and"))
                strong = acronyms = 0;   /* "Dallas County and Plymouth County" */
            continue;
        }
        after_of = 0;
        if (ti->lex & LX_TITLE) {
            /* "UN Ambassador John Bolton": the title starts the name */
            titled = i + 1 == a;
            title_seen = 1;
            strong = acronyms = 0;
            continue;
        }
        if ((ti->lex & LX_QUAL) || ti->noplace || gf_weak(c, i))
            continue;
        /* "Airstrikes on Idlib killed ...": a word that announces a place,
         * capitalised where a sentence or a headline starts, is no part of
         * a name ("on" joins "Rostov-on-Don", not this) */
        if ((ti->lex & LX_PREP) && ti->weakpos)
            continue;
        strong++;
        /* "CTV Edmonton", "Environment Canada": an acronym or a common word
         * before the place names an organisation, not a person */
        if (!title_seen && ((c->tok[i].flags & SR_TOK_UPPER) || (gf_tinfo(c, i)->lex & LX_ORG) ||
                            (gf_common_word(c, i) && !gf_given_name(c, i))))
            acronyms++;   /* (after a title, "John" is a given name) */
    }
    if (a > s->tok && (gf_tinfo(c, a - 1)->lex & LX_TITLE) && !c->ti[a - 1].cap)
        titled = 1;   /* "president Jordan" */
    if (titled && !demonym) {
        m->role = -1;
        return gf_push_person(c, m->key);
    }
    if (after_of) {
        m->cue |= CUE_OF;
    } else if (strong && strong == acronyms) {
        m->role = SR_GEO_ORGNAME;   /* "CTV Edmonton", "CBC Toronto" */
    } else if (strong) {
        /* "Hillary Clinton", "Air Berlin": a name ending in a place name is
         * a person's or a company's; a surname alone later is one too. */
        m->role = -1;
        if (b - a == 1 && strong <= 2 && !demonym && (b == rb || gf_tinfo(c, b)->conn))
            return gf_push_person(c, m->key);
        return SR_OK;
    }
    /* After the name. */
    unsigned ty = gf_type_after(c, b, se);
    size_t i = b;
    if (ty) {
        m->cue |= ty;
        if (i < rb)
            i++;   /* the type word belongs to the run */
        /* "Damascus countryside": a province of its own name when the
         * gazetteer knows one (Rif Dimashq), else the name's own province
         * ("the Hama countryside", by the cue) */
        if (b < se && !c->ti[b].cap && m->end == c->tok[b - 1].end &&
            gf_norm_is(&c->tok[b], "countryside")) {
            size_t np;
            gf_key key;
            const gz_post *p = gf_lookup(c, m->start, c->tok[b].end, &np, &key);
            if (p) {
                uint32_t nc = m->nc;
                gcand *old = m->c;
                m->nc = 0;
                if (gf_candidates(c, m, p, np, 0))
                    return SR_ENOMEM;
                if (m->nc) {
                    m->end = c->tok[b].end;
                    m->tok1 = b + 1;
                    memcpy(m->key, key.s, 48);
                    m->keyhash = key.hash;
                } else {
                    m->c = old;
                    m->nc = nc;
                }
            }
        }
    }
    int rest = 0, org = 0, street = 0, seat = 0;
    for (; i < rb; i++) {
        const tokinfo *ti = gf_tinfo(c, i);
        /* "the Ghouta Massacre", "the Geneva Talks": where it happened */
        if ((ti->lex & LX_EVENT) && !(ti->lex & (LX_ORG | LX_SEAT | LX_STREET)) && i == b)
            break;
        if ((ti->lex & LX_SEAT)) {
            seat++;
            continue;
        }
        if ((ti->lex & LX_ORG)) {
            org++;
            continue;
        }
        long k = covering(c, first, i);
        if (k >= 0) {
            const gment *o = &((const gment *)c->ments.items)[k];
            if (!strong_match(c, o))
                rest++;
            i = o->tok1 - 1;
            continue;
        }
        if ((ti->lex & LX_TITLE) && i == b)
            break;   /* "Russian President Putin", "Homs Governor Barazi" */
        if (ti->conn && gf_norm_is(&c->tok[i], "and"))
            break;
        if ((gf_tinfo(c, i)->lex & LX_STREET) && i == b)
            street++;
        if (ti->conn || ti->noplace || gf_weak(c, i))
            continue;
        rest++;
    }
    if (street)
        m->role = -1;               /* "College Street", "Rose Garden" */
    else if (seat)
        m->flags |= SR_GEO_F_MODIFIER;   /* "Glasgow Police Department" */
    else if (org)
        m->role = SR_GEO_ORGNAME;   /* "Jordan Times", "Aleppo City Council" */
    else if (rest)
        m->role = -1;               /* "Elizabeth Ramirez", "Vladimir Putin" */
    m->cue |= owner_cue(c, m, gf_cue_before(c, m->tok0, s->tok));
    if (m->tok1 < se && (gf_tinfo(c, m->tok1)->lex & LX_SPEECH))
        m->cue |= CUE_SAID;
    /* "London police", "the Damascus government": the seat of an
     * institution, a place but no event's location */
    if (m->tok1 < se && m->tok1 >= rb && m->role == SR_GEO_PLACE) {
        uint32_t nx = gf_tinfo(c, m->tok1)->lex;
        if ((nx & LX_SEAT) || ((nx & LX_ORG) && !c->ti[m->tok1].cap))
            m->flags |= SR_GEO_F_MODIFIER;
        else if (nx & LX_ORG)
            m->role = SR_GEO_ORGNAME;   /* "Al-Manar TV": a brand in other capitals */
        /* "Al-Quds hospital in Aleppo": a building named after a place
         * and said to stand in another is named, not placed, by it */
        if (m->role == SR_GEO_PLACE && (nx & (LX_SEAT | LX_ORG)) && named_site(&c->tok[m->tok1])) {
            if (m->tok1 + 2 < se && gf_norm_is(&c->tok[m->tok1 + 1], "in") &&
                c->ti[m->tok1 + 2].cap)
                m->role = SR_GEO_ORGNAME;
            else if (!(m->tok0 > 0 && (gf_norm_is(&c->tok[m->tok0 - 1], "a") ||
                                       gf_norm_is(&c->tok[m->tok0 - 1], "an"))))
                m->flags |= SR_GEO_F_SITE;   /* (judged by the story's focus; "a
                                              * London hospital" is in London) */
        }
    }
    return SR_OK;
}

/* Token k may own the word after it: a possessive owns what follows it
 * ("Syrias most populous city"), so "Hamas and Israel" is no "Hama's
 * and", nor "Hamas." a possessive at all.  (A people's plural,
 * "Bosnians have", needs no such word.) */
static int owns_next(const ctx *c, size_t k)
{
    /* (words that join or follow a clause's noun, never what one owns) */
    static const char *const after[] = {"and", "or", "but", "of", "in", "on", "at", "to",
                                        "for", "with", "from", "by", "is", "was", "are",
                                        "were", "has", "have", "had", "will", "would",
                                        "said", "says", "that", "which", "who", NULL};
    if (k + 1 >= c->ntok || (c->tok[k + 1].flags & SR_TOK_PUNCT))
        return 0;
    const sr_token *nt = &c->tok[k + 1];
    size_t nn = nt->end - nt->start;
    const char *nw = c->d->text + nt->start;
    if (nn > 5)
        return 1;   /* (the list's words are short: most words need no compare) */
    for (int i = 0; after[i]; i++)
        if ((after[i][0] | 0x20) == (nw[0] | 0x20) && strlen(after[i]) == nn &&
            !strncasecmp(nw, after[i], nn))
            return 0;
    return 1;
}

/* "Syrias", "Aleppos": a possessive written without its apostrophe, as
 * some sources do.  Only the stem's exact spelling of a well-known place
 * counts.  Returns SR_ENOMEM or 0. */
static int possessive_s(ctx *c, size_t si, size_t k)
{
    const sr_token *t = &c->tok[k];
    size_t n = t->end - t->start;
    const char *raw = c->d->text + t->start;
    if (n < 5 || (raw[n - 1] != 's') || gf_weak(c, k))
        return 0;
    int owns = owns_next(c, k);
    /* the stem's lookup is the same for every token spelled alike, and
     * mostly finds nothing ("Forces", "Nations") */
    tokkey *tk = gf_tok_key(c, k);
    if (tk && tk->poss_none > 0)
        return 0;
    if (tk && tk->poss_cand) {
        /* Spelled as before: the same mention.  (Its stem, key and
         * candidates depend on the spelling alone: the stem's text is the
         * token's but its "s", which is what follows it, so no period or
         * dateline punctuation does, and nothing before asks.) */
        gment *m = gf_new_mention(c, si, k, k + 1, t->start, t->end - 1);
        if (!m)
            return SR_ENOMEM;
        memcpy(m->key, tk->poss_key, 48);
        m->keyhash = tk->poss_keyhash;
        m->c = sr_arena_alloc(c->a, (tk->poss_nc + 1) * sizeof *m->c);
        if (!m->c)
            return SR_ENOMEM;
        memcpy(m->c, tk->poss_cand, tk->poss_nc * sizeof *m->c);
        m->nc = tk->poss_nc;
        m->plural = tk->poss_plural;
        m->single_common = 2 * gf_common_word(c, k);
        if (!m->plural && !owns)
            c->ments.len--;
        return 0;
    }
    size_t np;
    gf_key key;
    const gz_post *p;
    if (tk && tk->word1) {
        /* The stem of a token of ASCII letters and digits is one word of
         * its folded form (as geo_key of the stem's text would find):
         * keyed at once, without folding the text again. */
        char kb[GEO_KEY_MAX];
        size_t kl = geo_key_word(tk->fold, n - 1, 0, kb);
        uint64_t h = kl ? geo_hash64(kb, kl) : 0;
        p = kl ? geo_lookup_hashed(c->d->g, h, &np) : NULL;
        if (p)
            gf_put_key(&key, kb, kl, h);
    } else {
        p = gf_lookup(c, t->start, t->end - 1, &np, &key);
    }
    if (tk)
        tk->poss_none = !p;
    if (!p)
        return 0;
    gment *m = gf_new_mention(c, si, k, k + 1, t->start, t->end - 1);
    if (!m)
        return SR_ENOMEM;
    memcpy(m->key, key.s, 48);
    m->keyhash = key.hash;
    if (gf_candidates(c, m, p, np, 0))
        return SR_ENOMEM;
    /* "Hamas" is a group's name before it is "Hama's", "Turkeys" a word
     * before "Turkey's": the stem of a word needs a cue as the word
     * would (set after the candidates, which are the stem's own) */
    m->single_common = 2 * gf_common_word(c, k);
    uint32_t w = 0;
    for (uint32_t i = 0; i < m->nc; i++) {
        const gz_rec *r = geo_rec(c->d->g, m->c[i].rec);
        int lv = geo_level(r);
        /* (by its own names: "Lions" of "Lions Gate" is no possessive of
         * Lyon, whose old spelling GeoNames lists among its alternates) */
        if (m->c[i].exact && m->c[i].kind != GZP_ALT &&
            (lv <= SR_GEO_LEVEL_ADMIN1 || r->pop >= 100000 || geo_fcode_is(r, "PPLA") ||
             geo_fcode_is(r, "PPLC")))
            m->c[w++] = m->c[i];
    }
    m->nc = w;
    if (!w) {
        c->ments.len--;
        if (tk)
            tk->poss_none = 1;
        return 0;
    }
    /* "Syrians", "Americans": a people, not "Syrian's" */
    m->plural = 1;
    for (uint32_t i = 0; i < w; i++)
        m->plural &= m->c[i].kind == GZP_DEMONYM;
    int drop = !m->plural && !owns;
    if (tk) {
        /* (a copy: the mention's own list gets sorted and filtered) */
        char *keep = sr_arena_alloc(c->ta, 48 + w * sizeof *m->c);
        if (!keep)
            return SR_ENOMEM;
        memcpy(keep, m->key, 48);
        memcpy(keep + 48, m->c, w * sizeof *m->c);
        tk->poss_key = keep;
        tk->poss_keyhash = m->keyhash;
        tk->poss_cand = (const gcand *)(keep + 48);
        tk->poss_nc = w;
        tk->poss_plural = (uint8_t)m->plural;
    }
    if (drop)
        c->ments.len--;   /* (after the cache, which holds the spelling's reading) */
    return 0;
}

/* A part of a hyphenated word that is a title or function word ("Det.-Sgt."),
 * or a qualifier or compass word alone ("Western-backed", "East-West
 * relations": the West, not Western District, American Samoa). */
static int part_noplace(const ctx *c, const char *p, size_t n)
{
    char f[64];
    if (n >= sizeof f || n < 2)
        return 1;
    size_t fl = geo_fold(p, n, f, sizeof f);
    return fl >= sizeof f || (geo_lex_flags(&c->d->g->lex, f, fl) &
                              (LX_TITLE | LX_STOP | LX_CAL | LX_CONN | LX_QUAL | LX_COMPASS));
}

/* The part p[0..n) of a hyphenated word is a common word (or a name of
 * the actor dictionaries, which the gazetteer holds as one). */
static int part_common(const ctx *c, const char *p, size_t n)
{
    char f[64];
    size_t fl = n < sizeof f ? geo_fold(p, n, f, sizeof f) : sizeof f;
    return fl < sizeof f && geo_is_word(c->d->g, f, fl);
}

/* Token k is a way between places ("the Salamiyah-Ithriya axis", "Tal
 * Abyadh-Raqqa road"): a hyphenated word before it joins two places even
 * where the gazetteer lacks one of them. */
static int route_after(const ctx *c, size_t k)
{
    static const char *const ways[] = {"road", "highway", "axis", "route", "border", "crossing",
                                       "corridor", "front", "railway", "motorway", "line",
                                       "pipeline", "frontier", NULL};
    if (k >= c->ntok)
        return 0;
    const char *t = norm_of(&c->tok[k]);
    for (const char *const *w = ways; *w; w++)
        if ((*w)[0] == t[0] && !strcmp(t, *w))
            return 1;
    return 0;
}

/* A prefix ("Pro-Turkey", "Anti-Assad", "Trans-Pacific"), no name. */
static int part_prefix(const char *p, size_t n)
{
    static const char *const pre[] = {"pro", "anti", "trans", "pan", "ex", "neo", "non", "post",
                                      "pre", "inter", "mid", "north", "south", "east", "west",
                                      NULL};
    for (const char *const *w = pre; *w; w++)
        if (strlen(*w) == n && !strncasecmp(p, *w, n))
            return 1;
    return 0;
}

/* Every word of the match is a qualifier, a type word or a common word:
 * "West Coast", "Southern District", "Red Cross". */
static int generic_name(const ctx *c, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        const sr_token *t = &c->tok[i];
        if (gf_tinfo(c, i)->conn || (gf_tinfo(c, i)->lex & LX_QUAL) || gf_type_after(c, i, b) || gf_weak(c, i))
            continue;
        if (!(t->flags & SR_TOK_WORD) || gf_common_word(c, i))
            continue;
        return 0;
    }
    return 1;
}

/* Tokens [k, j] name a country or admin1 area exactly. */
static int prefix_strong(const ctx *c, size_t k, size_t j)
{
    size_t np;
    const gz_post *p = gf_lookup_tokens(c, k, j, &np, NULL);
    for (size_t i = 0; p && i < np; i++) {
        const gz_rec *r = geo_rec(c->d->g, p[i].rec);
        if (r && geo_level(r) <= SR_GEO_LEVEL_ADMIN1 &&
            (p[i].kind <= GZP_VARIANT || p[i].kind == GZP_SHORT))
            return 1;
    }
    return 0;
}

/* Whether postings p name a place of the project's supplement by its own
 * spelling: "West Bank" is the territory, though "West" alone is a
 * province somewhere and "Bank" heads organisations' names. */
static int supplement_name(const ctx *c, const gz_post *p, size_t np)
{
    for (size_t i = 0; i < np; i++) {
        const gz_rec *r = geo_rec(c->d->g, p[i].rec);
        if (r && (r->flags & GZ_SUPP) && p[i].kind <= GZP_VARIANT)
            return 1;
    }
    return 0;
}

/* Variants of GeoNames alternates stay only where a place is all but
 * certain ("the city of Efrin", "near Efrin"); a mention left with no
 * candidate names nothing. */
static void drop_altvars(gment *m)
{
    if (m->cue & (CUE_WHERE | CUE_TYPE_ADM1 | CUE_TYPE_ADM2 | CUE_TYPE_TOWN))
        return;
    /* (most have none: nothing is moved before the first) */
    uint32_t w = 0;
    while (w < m->nc && !m->c[w].altvar)
        w++;
    for (uint32_t i = w; i < m->nc; i++)
        if (!m->c[i].altvar)
            m->c[w++] = m->c[i];
    m->nc = w;
    if (!w)
        m->role = -1;
}

/* The most words a name starting at token k (within the run up to rb)
 * may have: those of the longest key its first key word opens in the
 * gazetteer, 0 when it opens none (most capitalised words), which spares
 * the longer lookups; MAX_NAME_TOKENS when the words say nothing. */
static int name_words(const ctx *c, size_t k, size_t rb)
{
    /* tokens written together fold as one span: no shortcut */
    if (k + 1 < rb && c->tok[k].end == c->tok[k + 1].start)
        return MAX_NAME_TOKENS;
    size_t pl;
    const char *part = gf_tok_part(c, k, 1, 0, &pl);
    if (!part || !pl)
        return MAX_NAME_TOKENS;   /* (an article alone, "Al Raqqa": no shortcut either) */
    tokkey *tk = gf_tok_key(c, k);
    if (tk->prefix < 0) {
        /* (one ASCII word keys to one word) */
        const char *sp = tk->word1 ? NULL : memchr(part, ' ', pl);
        tk->hash1 = geo_hash64(part, sp ? (size_t)(sp - part) : pl);
        tk->prefix = (int8_t)(geo_word_info_at(c->d->g, tk->hash1, geo_word_print(tk->hash1)) >>
                              GZ_W_PREFIX_SHIFT);
    }
    return tk->prefix;
}

/* Token i is one key word wherever it stands in a name: one ASCII word
 * that is no article (an article inside a name is dropped). */
static int plain_token(const ctx *c, size_t i)
{
    const tokkey *k = gf_tok_key(c, i);
    return k && k->word1 && !geo_is_article(k->fold, k->foldlen);
}

/* The matching of run [ra, rb): its mentions appended to c->ments. */
static int match_names(ctx *c, size_t si, size_t ra, size_t rb);

static int match_run(ctx *c, size_t si, const sr_sentence *s, size_t ra, size_t rb,
                     uint8_t **note)
{
    size_t first = c->ments.len;
    /* (a run matched before, in this document or a recent one, gives its
     * mentions back as they were made; the judging reads beyond the run) */
    if (gf_run_match(c, si, ra, rb, match_names, note))
        return SR_ENOMEM;
    /* Judge each match in its run. */
    gment *ms = c->ments.items;
    size_t last = c->ments.len;
    for (size_t i = first; i < last; i++) {
        gment *m = &ms[i];
        if (m->end - m->start < c->tok[m->tok0].end - c->tok[m->tok0].start) {
            /* a part of a hyphenated word: only cues before count */
            m->role = SR_GEO_PLACE;
            for (uint32_t j = 0; j < m->nc; j++)
                if (m->c[j].kind == GZP_DEMONYM)
                    m->role = SR_GEO_DEMONYM;
            m->cue |= owner_cue(c, m, gf_cue_before(c, m->tok0, s->tok));
            /* "US-backed", "Damascus-based": an adjective, not where */
            if (m->end < c->tok[m->tok0].end && m->end + 1 < c->d->len &&
                c->d->text[m->end] == '-' && c->d->text[m->end + 1] >= 'a' &&
                c->d->text[m->end + 1] <= 'z')
                m->flags |= SR_GEO_F_MODIFIER;
        } else if (judge(c, m, s, ra, rb, first)) {
            return SR_ENOMEM;
        }
        drop_altvars(m);
    }
    return SR_OK;
}

static int match_names(ctx *c, size_t si, size_t ra, size_t rb)
{
    for (size_t k = ra; k < rb;) {
        if (!c->ti[k].cap && !(rb == ra + 1 && gf_tinfo(c, k)->inner)) {
            k++;
            continue;
        }
        size_t maxl = rb - k < MAX_NAME_TOKENS ? rb - k : MAX_NAME_TOKENS;
        size_t words = maxl > 1 ? (size_t)name_words(c, k, rb) : MAX_NAME_TOKENS;
        if (words < 2)
            maxl = 1;
        /* Plain tokens written apart make a key of one word each: the
         * first `plain` tokens make none longer than `words`. */
        size_t plain = 0;
        if (words >= 2 && words < maxl)
            while (plain < maxl && plain_token(c, k + plain) &&
                   (!plain || c->tok[k + plain - 1].end < c->tok[k + plain].start))
                plain++;
        int found = 0;
        for (size_t L = maxl; L >= 1 && !found; L--) {
            size_t j = k + L - 1;
            if (L > words && L <= plain)
                continue;
            if (!c->ti[j].cap && !(L > 1 && gf_tinfo(c, j)->inner && !gf_tinfo(c, j)->conn))
                continue;
            if (L == 1 && (gf_tinfo(c, k)->noplace || (gf_tinfo(c, k)->lex & LX_NUM)))
                continue;
            /* (one word right before a name's "al-Sham" is part of that
             * name, a group's or a person's the gazetteer lacks: "Tahrir
             * al-Sham" is no Tahrir Square, whose own longer names would
             * have matched above) */
            if (L == 1 && k + 1 < rb && c->tok[k].end < c->tok[k + 1].start &&
                (c->tok[k + 1].flags & SR_TOK_CAP) == 0 &&
                gf_article_capital(c->d->text + c->tok[k + 1].start,
                                   c->tok[k + 1].end - c->tok[k + 1].start))
                continue;
            size_t np;
            gf_key key;
            size_t mend = c->tok[j].end;
            const gz_post *p = gf_lookup_tokens(c, k, j, &np, &key);
            /* "New York-based": the name ends at the hyphen (which a token
             * of letters and digits only has not) */
            const char *hy = L > 1 && !p && !(c->tok[j].flags & SR_TOK_ALNUM)
                                 ? memchr(c->d->text + c->tok[j].start, '-',
                                          c->tok[j].end - c->tok[j].start) : NULL;
            if (hy && hy[1] >= 'a' && hy[1] <= 'z') {
                mend = (size_t)(hy - c->d->text);
                p = gf_lookup(c, c->tok[k].start, mend, &np, &key);
            }
            if (!p)
                continue;
            /* "University of Michigan Center": a state, not the small town
             * the longer name would be, when an institution's word ends it */
            if (L > 1 && (gf_tinfo(c, j)->lex & (LX_ORG | LX_SEAT)) && prefix_strong(c, k, j - 1) &&
                !supplement_name(c, p, np))
                continue;
            gment *m = gf_new_mention(c, si, k, j + 1, c->tok[k].start, mend);
            if (!m)
                return SR_ENOMEM;
            memcpy(m->key, key.s, 48);
            m->keyhash = key.hash;
            m->single_common = L == 1 && gf_weak(c, k);
            if (L == 1 && !m->single_common && gf_common_word(c, k))
                m->single_common = 2;
            if (L > 1 && generic_name(c, k, j + 1))
                m->single_common = 3;
            if (gf_candidates(c, m, p, np, 0))
                return SR_ENOMEM;
            if (!m->nc) {
                c->ments.len--;
                continue;
            }
            found = 1;
            k = j + 1;
        }
        if (found)
            continue;
        size_t before = c->ments.len;
        if (possessive_s(c, si, k))
            return SR_ENOMEM;
        if (c->ments.len > before) {
            k++;
            continue;
        }
        /* "Damascus-based", "Syria-Turkey", "U.S.-backed": capitalised parts
         * of a hyphenated word. */
        const char *raw = c->d->text + c->tok[k].start;
        size_t n = c->tok[k].end - c->tok[k].start;
        if (!(c->tok[k].flags & SR_TOK_ALNUM) && memchr(raw, '-', n) && !gf_article_capital(raw, n)) {
            size_t ps = 0;
            /* Every part capitalised and one of them no place's name
             * ("Oliver Whitfield-Miocic", "Det.-Sgt."): a double name, no
             * place; where every part is a place's ("Hasaka-Qamishli
             * road", "Syria-Turkey border") the parts are places. */
            size_t first = c->ments.len;
            int allcap = gf_is_upper(raw[0]) && !route_after(c, k + 1), odd = 0;
            for (size_t i = 0; i + 1 < n; i++)
                if (raw[i] == '-' && !gf_is_upper(raw[i + 1]))
                    allcap = 0;
            for (size_t i = 0; i <= n; i++) {
                if (i < n && raw[i] != '-')
                    continue;
                if (i > ps && gf_is_upper(raw[ps]) && !part_noplace(c, raw + ps, i - ps)) {
                    size_t np;
                    gf_key key;
                    size_t st = c->tok[k].start + ps, en = c->tok[k].start + i;
                    const gz_post *p = gf_lookup(c, st, en, &np, &key);
                    odd |= !p && !part_prefix(raw + ps, i - ps);
                    if (p) {
                        gment *m = gf_new_mention(c, si, k, k + 1, st, en);
                        if (!m)
                            return SR_ENOMEM;
                        memcpy(m->key, key.s, 48);
                        m->keyhash = key.hash;
                        /* "al Qaeda-linked": a part that is a common word
                         * or a group's name is one as a word alone is */
                        m->single_common = 2 * part_common(c, raw + ps, i - ps);
                        if (gf_candidates(c, m, p, np, 0))
                            return SR_ENOMEM;
                        if (!m->nc)
                            c->ments.len--;
                    }
                } else if (i > ps) {
                    odd = 1;
                }
                ps = i + 1;
            }
            if (allcap && odd)
                c->ments.len = first;
        }
        k++;
    }
    return SR_OK;
}

int geo_recognise(sr_geo_doc *d, sr_arena *a, const sr_text *t)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.a = a;
    if (!(c.ta = sr_arena_scratch(a)))
        c.ta = a;
    c.tok = sr_text_tokens(t, &c.ntok);
    size_t ns;
    const sr_sentence *sent = sr_text_sentences(t, &ns);
    /* Each sentence's gf_first_pass fills its tokens' info; the tokens
     * between sentences are zeroed as the loop passes them (a token at a
     * time costs less than one memset of the whole array). */
    c.ti = sr_arena_alloc(c.ta, (c.ntok ? c.ntok : 1) * sizeof *c.ti);
    c.hot = sr_arena_alloc(c.ta, (c.ntok ? c.ntok : 1) * sizeof *c.hot);
    /* A window's runs: a run has a token of its own, and a window holds
     * at most GF_RUN_PLAN tokens or one sentence (not one per token of a
     * long document). */
    size_t maxrun = GF_RUN_PLAN;
    for (size_t si = 0; si < ns; si++)
        if (sent[si].ntok > maxrun)
            maxrun = sent[si].ntok;
    gf_run *runs = sr_arena_alloc(c.ta, maxrun * sizeof *runs);
    if (!c.ti || !c.hot || !runs)
        return SR_ENOMEM;
    /* room for the spellings of an eighth of the tokens at half load (few
     * words are names), at most 64 K slots (beyond, spellings go unshared:
     * the same results, made again) */
    uint32_t slots = 64;
    while (slots < 65536 && slots < c.ntok / 4)
        slots *= 2;
    c.memo = sr_arena_alloc(c.ta, sizeof *c.memo + slots * sizeof c.memo->slot[0]);
    if (!c.memo)
        return SR_ENOMEM;
    /* Mentions: room for about one per 16 tokens from the start (FA-KES
     * has one per 11 to 16), at most 256 -- each doubling from 16 copied
     * the mentions made so far and left the old copy dead in the arena. */
    size_t mcap = c.ntok / 16 + 16 < 256 ? c.ntok / 16 + 16 : 256;
    c.ments.items = sr_arena_alloc(a, mcap * sizeof(gment));
    if (!c.ments.items)
        return SR_ENOMEM;
    c.ments.cap = mcap;
    c.memo->mask = slots - 1;
    c.memo->n = 0;
    c.memo->kept = NULL;
    memset(c.memo->slot, 0, slots * sizeof c.memo->slot[0]);
    /* A window of sentences at a time: their runs found first, handed to
     * the run cache, which asks for the lines of their entries all at
     * once, then matched in order.  Matched one by one, each run's look
     * at the cache waited for a line from memory before the next run's
     * was asked for.  (Where runs end depends on the tokens alone, not on
     * what the runs before matched.) */
    size_t zeroed = 0;
    for (size_t w0 = 0, w1; w0 < ns; w0 = w1) {
        size_t planned = 0, nrun = 0;
        for (w1 = w0; w1 < ns; w1++) {
            const sr_sentence *s = &sent[w1];
            if (s->tok + s->ntok > c.ntok)
                continue;
            /* (a sentence over tokens of one before waits for its matching) */
            if (w1 > w0 && (s->tok < zeroed || planned + s->ntok > GF_RUN_PLAN))
                break;
            planned += s->ntok;
            if (s->tok > zeroed)
                memset(c.ti + zeroed, 0, (s->tok - zeroed) * sizeof *c.ti);
            if (s->tok + s->ntok > zeroed)
                zeroed = s->tok + s->ntok;
            /* names start only at the tokens the first pass listed: the
             * rest (most words) are passed over at once */
            size_t nhot = gf_first_pass(&c, s), se = s->tok + s->ntok, next = s->tok;
            for (size_t h = 0; h < nhot; h++) {
                size_t i = c.hot[h];
                if (i < next)
                    continue;   /* inside the run before */
                if (!c.ti[i].cap) {
                    /* "made-in-China", "pro-Damascus" */
                    if (!gf_tinfo(&c, i)->conn)
                        runs[nrun++] = (gf_run){i, i + 1, w1, 0};
                    continue;
                }
                /* "WASHINGTON Barack Obama", "U.S. President": a dateline
                 * or an acronym in capitals ends where mixed case starts. */
                int up = (c.tok[i].flags & SR_TOK_UPPER) != 0;
                size_t j = i + 1;
                while (j < se && (c.ti[j].cap || (gf_inner(&c, j) && j + 1 < se &&
                                                   (c.ti[j + 1].cap || gf_inner(&c, j + 1))))) {
                    if (c.ti[j].cap && up != ((c.tok[j].flags & SR_TOK_UPPER) != 0) &&
                        !gf_weak(&c, j))
                        break;
                    j++;
                }
                while (j > i + 1 && !c.ti[j - 1].cap && !gf_inner(&c, j - 1))
                    j--;
                runs[nrun++] = (gf_run){i, j, w1, 1};
                next = j;
            }
        }
        gf_run_plan(&c, runs, nrun < GF_RUN_PLAN ? nrun : GF_RUN_PLAN);
        for (size_t r = 0; r < nrun; r++) {
            size_t i = runs[r].ra, j = runs[r].rb, si = runs[r].si;
            const sr_sentence *s = &sent[si];
            uint8_t *note;
            if (!runs[r].capital) {
                if (match_run(&c, si, s, i, j, &note))
                    return SR_ENOMEM;
                continue;
            }
            size_t before = c.ments.len;
            if (match_run(&c, si, s, i, j, &note))
                return SR_ENOMEM;
            /* (a run that matched nothing has no mention to judge) */
            if (gf_person_cue(&c, s, i) ? gf_person_names(&c, before, i, j)
                                        : c.ments.len > before && gf_speaks_as_person(&c, before))
                return SR_ENOMEM;
            if (c.ments.len == before && gf_person_run(&c, s, i, j, note))
                return SR_ENOMEM;
            if (c.ments.len == before) {
                /* the run's leading proper words: "Qabound" of "Qabound on Monday" */
                size_t e = i;
                while (e < j && e < i + 2 && c.ti[e].cap && !gf_tinfo(&c, e)->noplace)
                    e++;
                if (e > i && gf_try_fuzzy(&c, si, s, i, e))
                    return SR_ENOMEM;
            }
        }
    }
    memset(c.ti + zeroed, 0, (c.ntok - zeroed) * sizeof *c.ti);
    /* Person names seen anywhere make their surnames persons everywhere. */
    gment *ms = c.ments.items;
    if (gf_mark_persons(&c))
        return SR_ENOMEM;
    /* Datelines: a name opening the document, before "," "(" or a dash;
     * or, in the lead, a name in capitals in mixed-case text, or one right
     * after a date that runs into the first words of the story ("Last
     * updated at Jan 20 2015 Beirut Syrian government air strikes"). */
    /* (counted from the first token: a title dropped before the
     * dateline, "Siege tightens on Douma ...\nDOUMA, Syria, Feb. 21 -",
     * moves it) */
    if (c.ments.len && ms[0].tok0 < 3 && c.ntok && ms[0].start < c.tok[0].start + 40 &&
        ms[0].tok1 < c.ntok) {
        const char *w = norm_of(&c.tok[ms[0].tok1]);
        if (!strcmp(w, ",") || !strcmp(w, "(") || !strcmp(w, "-") || !strcmp(w, "--"))
            ms[0].flags |= SR_GEO_F_DATELINE;
    }
    for (size_t i = 0; i < c.ments.len && ms[i].sent == 0; i++) {
        gment *m = &ms[i];
        if (m->role != SR_GEO_PLACE || m->tok1 >= c.ntok || (m->cue & CUE_PREP))
            continue;
        const sr_token *nx = &c.tok[m->tok1];
        int upper = (c.tok[m->tok0].flags & SR_TOK_UPPER) && m->end - m->start >= 4 &&
                    !c.ti[m->tok0].weakpos && !(nx->flags & SR_TOK_UPPER);
        int after_date = m->tok0 > 0 && (c.tok[m->tok0 - 1].flags & SR_TOK_NUM) &&
                         c.ti[m->tok1].cap && !(nx->flags & SR_TOK_UPPER);
        if (upper || after_date)
            m->flags |= SR_GEO_F_DATELINE;
    }
    /* and anywhere, a name in capitals that an agency signs: "MOSCOW
     * (Sputnik) The NDF base was attacked" after a related story's line */
    for (size_t i = 0; i < c.ments.len; i++) {
        gment *m = &ms[i];
        if (m->role == SR_GEO_PLACE && (c.tok[m->tok0].flags & SR_TOK_UPPER) &&
            sr_text_agency_at(c.tok, c.ntok, m->tok1))
            m->flags |= SR_GEO_F_DATELINE;
    }
    gf_relate(&c);
    gf_keep_spellings(&c);
    d->m = c.ments.items;
    d->nm = c.ments.len;
    return SR_OK;
}
