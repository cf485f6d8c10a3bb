/*
 * facts_after.c - what follows a count's people: the trigger after its
 * subject ("12 people were killed", "were shot dead", "fled"), and the
 * words a subject may carry before that trigger (asides in commas or
 * brackets, "including ...", places it came from, the group its "of"
 * names).  Used by the counts pass (facts_count.c, facts_tally.c).
 */
#include <string.h>

#include "facts_count.h"

/* ---- the trigger after a subject ------------------------------------- */

/* Whether an object starts at token j: a trigger there takes it ("killed
 * 12"), so a number before the trigger counts the killers. */
static int object_starts(const sr_facts *f, size_t j, size_t hi)
{
    if (j >= hi || srfc_listed_next(f, j, hi))
        return 0;
    uint64_t c = srf_cls(f, j);
    if (srf_isnum(f, j) && f->num_at[j] != SR_FACTS_NONE)
        return 1;
    if (c & (L_NUMW | L_VAGUE | L_PPL | L_PSG | L_QPRE))
        return 1;
    if ((c & L_DET) && !(c & L_SUBORD))
        return 1;
    if (srf_is(f, j, "him") || srf_is(f, j, "them") || srf_is(f, j, "her") ||
        srf_is(f, j, "at") || srf_is(f, j, "more") || srf_is(f, j, "dozens"))
        return 1;
    return 0;
}

/* "shot dead", "gunned down", "rounded up", "taken hostage", "lost their lives" */
static size_t particle(const sr_facts *f, size_t k, size_t hi, int *ok)
{
    *ok = 1;
    if (srf_is(f, k, "shot")) {
        *ok = srf_is(f, k + 1, "dead");
        return k + 2;
    }
    if (srf_is(f, k, "gunned")) {
        *ok = srf_is(f, k + 1, "down");
        return k + 2;
    }
    if (srf_is(f, k, "rounded")) {
        *ok = srf_is(f, k + 1, "up");
        return k + 2;
    }
    return k + 1;
}

/* "killed or wounded": one AFFECT count for both */
int srfc_combined(const sr_facts *f, size_t k, size_t hi, int type, size_t *end)
{
    if ((srf_is(f, k, "or") || srf_is(f, k, "and")) && k + 1 < hi &&
        (srf_cls(f, k + 1) & (L_TPASS | L_TACT | L_TINTR)) && srf_ctype(f, k + 1) >= 0 &&
        srf_ctype(f, k + 1) != type) {
        *end = k + 2;
        return 1;
    }
    return 0;
}

static int protest_near(const sr_facts *f, size_t k, size_t hi)
{
    for (size_t j = k + 1; j < hi && j <= k + 4; j++)
        if (srf_cls(f, j) & L_PNOUN)
            return 1;
    return 0;
}

static int modal(const sr_facts *f, size_t k)
{
    static const char *const m[] = {"may", "might", "could", "would", "should", "will",
                                    "shall", "must", "can", "cannot", NULL};
    for (int i = 0; m[i]; i++)
        if (srf_is(f, k, m[i]))
            return !(f->tok[k].flags & SR_TOK_CAP) || i != 0;
    return 0;
}

/* At k, after a subject: aux words, then the trigger.  has_head says the
 * subject had a people noun. */
int srfc_trigger_after(const sr_facts *f, size_t k, size_t hi, int has_head, trig *t)
{
    int aux = 0, perfect = 1;   /* (perfect: the auxiliaries are have, has, had only) */
    memset(t, 0, sizeof *t);
    for (int n = 0; k < hi && n < 6; n++) {
        uint64_t c = srf_cls(f, k);
        if (srf_is(f, k, "left") && (srf_cls(f, k + 1) & L_TADJ))
            aux = 1, k++;
        else if (srf_is(f, k, "so") && srf_is(f, k + 1, "far")) /* "have so far been killed" */
            k += 2;
        /* (an adverb is no auxiliary: "a suicide bomber reportedly killed
         * 12 civilians" counts no dead bomber) */
        else if (srfc_adverb(f, k))
            k++;
        else if ((c & (L_AUX | L_NEG)) || modal(f, k) ||
                 (f->tok[k].norm_len > 3 &&
                  !strcmp(f->tok[k].norm + f->tok[k].norm_len - 3, "n't"))) {
            perfect &= srf_is(f, k, "have") || srf_is(f, k, "has") || srf_is(f, k, "had");
            aux = 1, k++;
        }
        else
            break;
    }
    if (k >= hi)
        return 0;
    uint64_t c = srf_cls(f, k);
    const srf_word *w = &srf_words[f->lexi[k]];
    /* "were among the dead" */
    if (aux && srf_is(f, k, "among") && k + 2 < hi) {
        size_t j = (srf_is(f, k + 1, "the") || srf_is(f, k + 1, "those")) ? k + 2 : k + 1;
        if (srf_cls(f, j) & (L_TADJ | L_TPASS | L_TNOUN) || srf_is(f, j, "victims")) {
            t->type = srf_ctype(f, j) >= 0 ? srf_ctype(f, j) : SR_FACTS_KILL;
            t->t0 = k;
            t->t1 = j + 1;
            t->among = 1;
            return 1;
        }
        return 0;
    }
    /* "sustained injuries", "suffered serious wounds", "suffered burns" */
    if (srf_is(f, k, "sustained") || srf_is(f, k, "suffered")) {
        size_t j = k + 1;
        if (j < hi && (srf_is(f, j, "serious") || srf_is(f, j, "minor") || srf_is(f, j, "severe") ||
                       srf_is(f, j, "critical") || srf_is(f, j, "light") || srf_is(f, j, "various")))
            j++;
        if (j < hi && (srf_is(f, j, "injuries") || srf_is(f, j, "wounds") ||
                       srf_is(f, j, "burns") || srf_is(f, j, "injury"))) {
            t->type = SR_FACTS_WOUND;
            t->t0 = k;
            t->t1 = j + 1;
            return 1;
        }
    }
    if (srf_is(f, k, "lost") && (srf_is(f, k + 1, "their") || srf_is(f, k + 1, "his") ||
                                 srf_is(f, k + 1, "her")) &&
        (srf_is(f, k + 2, "lives") || srf_is(f, k + 2, "life"))) {
        t->type = SR_FACTS_KILL;
        t->t0 = k;
        t->t1 = k + 3;
        return 1;
    }
    if (srf_is(f, k, "taken") || srf_is(f, k, "held")) {
        if (srf_is(f, k + 1, "hostage") || srf_is(f, k + 1, "captive")) {
            t->type = SR_FACTS_KIDNAP;
            t->t0 = k;
            t->t1 = k + 2;
            return 1;
        }
    }
    if (srf_is(f, k, "forced") && srf_is(f, k + 1, "to") &&
        (srf_is(f, k + 2, "flee") || srf_is(f, k + 2, "leave"))) {
        t->type = SR_FACTS_DISPLACE;
        t->t0 = k;
        t->t1 = k + 3;
        return 1;
    }
    if (c & (L_TPASS | L_TINTR)) {
        if ((c & L_TNEEDP) && !has_head)
            return 0;
        int ok;
        size_t e = particle(f, k, hi, &ok);
        if (!ok)
            return 0;
        /* with no auxiliary, "killed" taking an object is active: the
         * number before it counts the killers */
        if (!aux && (c & L_TPASS) && !(c & L_TINTR) && object_starts(f, e, hi))
            return 0;
        /* (nor after "have" alone: "Two gunmen have killed 5 people") */
        if (aux && perfect && (c & L_TPASS) && !(c & L_TINTR) && object_starts(f, e, hi))
            return 0;
        t->type = w->ctype;
        t->t0 = k;
        t->t1 = e;
        if (srfc_combined(f, e, hi, t->type, &t->t1))
            t->type = SR_FACTS_AFFECT;
        return 1;
    }
    if (c & L_PVERB && !(c & L_MONTH && f->tok[k].flags & SR_TOK_CAP)) {
        t->type = SR_FACTS_PROTEST;
        t->t0 = k;
        t->t1 = k + 1;
        return 1;
    }
    if ((c & L_PWEAK) && protest_near(f, k, hi)) {
        t->type = SR_FACTS_PROTEST;
        t->t0 = k;
        t->t1 = k + 1;
        return 1;
    }
    return 0;
}

/* Token j is a people noun that names a part of a group counted before
 * it ("15 civilians 3 children killed"): children, women and the like. */
int srfc_part_noun(const sr_facts *f, size_t j)
{
    static const char *const parts[] = {"children", "child", "women", "woman", "kids",
                                        "minors", "girls", "boys", "babies", "infants",
                                        "teenagers", NULL};
    if (!(srf_cls(f, j) & (L_PPL | L_PSG)))
        return 0;
    for (int i = 0; parts[i]; i++)
        if (srf_is(f, j, parts[i]))
            return 1;
    return 0;
}

/* Token k is a weekday's short form ("Mon", "Thurs"), which the word
 * table leaves out (a lone "Sun" may be a newspaper's). */
static int day_abbrev(const sr_facts *f, size_t k)
{
    static const char *const days[] = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs",
                                       "fri", "sat", "sun", NULL};
    for (int i = 0; days[i]; i++)
        if (srf_is(f, k, days[i]))
            return 1;
    return 0;
}

/* The first token after the date a headline opens with ("Mon Nov 7 2016
 * Child Killed ...", "15-09-2013 Militants Attack ..."): weekdays,
 * months, figures and punctuation, at most six tokens; else lo. */
size_t srfc_headline_start(const sr_facts *f, size_t lo, size_t hi)
{
    size_t k = lo;
    while (k < hi && k < lo + 6 &&
           ((srf_cls(f, k) & (L_WDAY | L_MONTH)) || (f->tok[k].flags & SR_TOK_NUM) ||
            srf_ispunct(f, k) || (k == lo && day_abbrev(f, k))))
        k++;
    return k < hi && k > lo && (f->tok[k].flags & SR_TOK_CAP) ? k : lo;
}

/* Whether an "among them" or "among whom" follows token j. */
int srfc_among_them(const sr_facts *f, size_t j)
{
    return srf_is(f, j, "among") && (srf_is(f, j + 1, "them") || srf_is(f, j + 1, "whom"));
}

/* Skip "(including 5 children)" or ", among them 5 children," and a short
 * place phrase ("in the town of Houla") between a subject and its verb. */
size_t srfc_skip_inserts(const sr_facts *f, size_t k, size_t hi)
{
    /* "15 Syrian civilians 3 children killed", a headline's: the part
     * right after the count's own people, with no word between */
    if (k > 0 && (srf_cls(f, k - 1) & L_PPL) && (srf_isnum(f, k) || (srf_cls(f, k) & L_NUMW))) {
        size_t j = k + 1, end;
        while (j < hi && j < k + 4 && (srf_isnum(f, j) || (srf_cls(f, j) & (L_NUMW | L_SCALE))))
            j++;
        size_t head = srfc_people_np(f, j, hi, L_PPL | L_PSG, &end);
        if (head != SR_FACTS_NONE && srfc_part_noun(f, head) && end < hi &&
            (srf_cls(f, end) & (L_TPASS | L_TINTR | L_AUX)))
            return end;
    }
    /* ", 3 children among them, were killed": a part after the count's
     * people, its "among them" after it */
    if (srf_punct(f, k, ',') && (srf_isnum(f, k + 1) || (srf_cls(f, k + 1) & L_NUMW))) {
        for (size_t j = k + 2; j + 2 < hi && j < k + 8; j++) {
            if (srfc_among_them(f, j)) {
                if (srf_punct(f, j + 2, ','))
                    return j + 3;
                break;
            }
            if (srf_ispunct(f, j))
                break;
        }
    }
    /* "Four people one of them a child were killed", with no commas: a
     * part of the count told before its verb */
    if ((srf_isnum(f, k) || (srf_cls(f, k) & L_NUMW)) && srf_is(f, k + 1, "of") &&
        (srf_is(f, k + 2, "them") || srf_is(f, k + 2, "whom"))) {
        for (size_t j = k + 3; j < hi && j < k + 10; j++) {
            uint64_t c = srf_cls(f, j);
            /* ("two of whom were officers were killed": the part's own
             * "were" before its noun) */
            if ((c & L_AUX) && j + 1 < hi &&
                (srf_cls(f, j + 1) & (L_PPL | L_PSG | L_DET | L_NUMW)) &&
                !(srf_cls(f, j + 1) & (L_TPASS | L_TINTR)))
                continue;
            if (c & (L_AUX | L_TPASS | L_TINTR))
                return j;
            if (!(srf_isnum(f, j) || (c & (L_NUMW | L_PPL | L_PSG | L_DET)) ||
                  srf_is(f, j, "and") || srfc_modifier(f, j)))
                break;
        }
        return k;
    }
    /* "56 civilians including 11 children were killed", with no commas */
    if (srf_is(f, k, "including")) {
        for (size_t j = k + 1; j < hi && j < k + 10; j++) {
            uint64_t c = srf_cls(f, j);
            if (c & (L_AUX | L_TPASS | L_TINTR))
                return j;
            if (!(srf_isnum(f, j) || (c & (L_NUMW | L_PPL | L_PSG | L_DET | L_QPRE | L_QSTART)) ||
                  srf_is(f, j, "and") || srf_punct(f, j, ',') || srfc_modifier(f, j)))
                break;
        }
        return k;
    }
    if (srf_punct(f, k, '(') || (srf_punct(f, k, ',') &&
                                 (((srf_isnum(f, k + 1) || (srf_cls(f, k + 1) & L_NUMW)) &&
                                   srf_is(f, k + 2, "of") &&
                                   (srf_is(f, k + 3, "them") || srf_is(f, k + 3, "whom"))) ||
                                  srf_is(f, k + 1, "including") || srf_is(f, k + 1, "among") ||
                                  srf_is(f, k + 1, "mostly") || srf_is(f, k + 1, "most") ||
                                  srf_is(f, k + 1, "many") || srf_is(f, k + 1, "all") ||
                                  srf_is(f, k + 1, "mainly") || srf_is(f, k + 1, "some")))) {
        int paren = srf_punct(f, k, '(');
        for (size_t j = k + 1; j < hi && j < k + 16; j++)
            if ((paren && srf_punct(f, j, ')')) || (!paren && srf_punct(f, j, ',')))
                return j + 1;
        return k;
    }
    /* "a woman visiting from Canada were killed": a present participle
     * of no count's own and where its person came from */
    size_t p = k;
    if (k + 1 < hi && k > 0 && (srf_cls(f, k - 1) & (L_PPL | L_PSG)) && srf_ing_word(f, k) &&
        !(srf_cls(f, k) & COUNT_TRIGGERS) &&
        (srf_is(f, k + 1, "from") || srf_is(f, k + 1, "in") || srf_is(f, k + 1, "at")))
        p = k + 1;
    /* (a people noun's own "of": "five members of the same family") */
    if (srf_cls(f, p) & L_PREP &&
        (!srf_is(f, p, "of") || (p > 0 && (srf_cls(f, p - 1) & (L_PPL | L_PSG)))) &&
        !srf_is(f, p, "to") &&
        !srf_is(f, p, "among") && !(srf_cls(f, p) & L_QPRE)) {
        /* (where the people are from can take a chain of places: "three
         * women from the town of Madaya west of the Syrian capital
         * Damascus were killed"; a preposition of place carries it on) */
        size_t j = p + 1;
        for (int n = 0; j < hi && n < 16; n++, j++) {
            uint64_t c = srf_cls(f, j);
            if (c & (L_AUX | L_TPASS | L_TINTR | L_PVERB))
                return j;
            if (!((c & L_DET) || srf_is(f, j, "of") || (f->tok[j].flags & SR_TOK_CAP) ||
                  srfc_modifier(f, j) ||
                  (n > 0 && (srf_is(f, j, "in") || srf_is(f, j, "near") || srf_is(f, j, "from") ||
                             srf_is(f, j, "outside") || srf_is(f, j, "on"))) ||
                  /* ("members of the army and police": "and" inside the
                   * group, before no further count or person) */
                  (n > 0 && srf_is(f, j, "and") && j + 1 < hi && !srf_isnum(f, j + 1) &&
                   !(srf_cls(f, j + 1) & (COUNT_TRIGGERS | L_AUX | L_DET | L_NUMW | L_PRON))) ||
                  /* (a list of places: "from CIS countries Tunisia and
                   * the Arab Republic of Egypt") */
                  (n > 0 && srf_is(f, j, "and") && j + 2 < hi && srf_is(f, j + 1, "the") &&
                   (f->tok[j + 2].flags & SR_TOK_CAP) && (f->tok[j - 1].flags & SR_TOK_CAP))))
                break;
        }
    }
    return k;
}

/* "Four members of the Jordanian security forces and a woman": the
 * group a people noun's "of" names, up to the "and" of a further item
 * (the token of that "and"), else k. */
size_t srfc_of_group(const sr_facts *f, size_t k, size_t hi)
{
    if (!srf_is(f, k, "of") || k == 0 || !(srf_cls(f, k - 1) & (L_PPL | L_PSG)))
        return k;
    for (size_t j = k + 1; j < hi && j < k + 10; j++) {
        if (srf_is(f, j, "and"))
            return j > k + 1 ? j : k;
        if (!((srf_cls(f, j) & (L_DET | L_PPL | L_PSG)) || (f->tok[j].flags & SR_TOK_CAP) ||
              srfc_modifier(f, j)))
            return k;
    }
    return k;
}
