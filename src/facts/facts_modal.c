/*
 * facts_modal.c - negation and modality per token.
 *
 * One forward pass per sentence keeps one open scope per kind of cue (the
 * latest wins) and closes scopes at clause boundaries; every token records
 * the scopes it sits in.  Denials reach over the whole complement ("denied
 * that troops shelled the town, killing 12" denies the killing too); the
 * other cues stop at a comma, a subordinate clause or a new subject.  The
 * result is stored per token, so a query is O(1) however long the sentence.
 */
#include <string.h>

#include "facts_int.h"

enum { S_NEG, S_DENIED, S_THREAT, S_PLAN, S_HYPO, S_PAST, S_N };

static const int slot_mode[S_N] = {SR_FACTS_ASSERTED, SR_FACTS_DENIED, SR_FACTS_THREATENED,
                                   SR_FACTS_PLANNED, SR_FACTS_HYPOTHETICAL, SR_FACTS_PAST};

/* The open scopes: bit k of `on` for slot k; a scope's cue, opening
 * order and stickiness are only read while it is on. */
typedef struct scopes {
    unsigned on, sticky;
    /* scopes that cover a noun phrase only ("for fear of aerial
     * bombardment"): closed at the next verb */
    unsigned np;
    size_t cue[S_N], order[S_N];
} scopes;

#define BIT(k) (1u << (k))

static int ends_with(const sr_facts *f, size_t i, const char *suf)
{
    size_t n = f->tok[i].norm_len, k = strlen(suf);
    /* the last letter first: it settles nearly every call */
    return n > k && f->tok[i].norm[n - 1] == suf[k - 1] &&
           !memcmp(f->tok[i].norm + n - k, suf, k);
}

static int ends_nt(const sr_facts *f, size_t i) { return ends_with(f, i, "n't"); }

/* Does a new subject start at j ("and 12 were wounded", "and troops shelled")? */
static int new_subject(const sr_facts *f, size_t j, size_t hi)
{
    if (j >= hi)
        return 0;
    uint64_t c = srf_cls(f, j);
    if (srf_isnum(f, j) || (c & (L_NUMW | L_PRON | L_PPL | L_PSG | L_VAGUE)))
        return 1;
    if ((c & L_DET) && !(c & L_SUBORD))
        return 1;
    return (f->tok[j].flags & SR_TOK_CAP) != 0;
}

/* The infinitives urge word i asks for, up to the clause's end: the verb
 * after its "to", and after each "and to" ("to visit the areas ... and to
 * launch an investigation").  Marked hypothetical where they stand; the
 * scopes the pass opens later may mark them again. */
static void mark_urged(sr_facts *f, size_t i, size_t hi)
{
    int marked = 0;
    /* (48 words at most: an infinitive further on is no longer asked for,
     * and a sentence of many urgings must stay linear) */
    for (size_t j = i + 1; j + 1 < hi && j < i + 48; j++) {
        if (srf_ispunct(f, j) && !srf_punct(f, j, ','))
            break;
        /* ("to leave Aleppo and attack the regime": a bare verb after
         * "and" goes with the infinitive before) */
        int bare = marked && srf_is(f, j, "and") && !(f->tok[j + 1].flags & SR_TOK_CAP) &&
                   !(srf_cls(f, j + 1) & (L_DET | L_NUMW | L_PRON | L_PPL | L_PSG | L_PREP)) &&
                   !ends_with(f, j + 1, "ed") && !srf_is(f, j + 1, "to");
        if (!bare && (!srf_is(f, j, "to") || srf_isnum(f, j + 1) ||
                      (srf_cls(f, j + 1) & (L_DET | L_NUMW | L_PRON))))
            continue;
        marked = 1;
        srf_mod *m = &f->mod[j + 1];
        if (!(f->tbits[j + 1] & SRF_TB_MOD)) {
            f->tbits[j + 1] |= SRF_TB_MOD;
            m->negated = 0;
            m->neg = SR_FACTS_NONE;
        }
        m->mode = SR_FACTS_HYPOTHETICAL;
        m->cue = i;
    }
}

/* After "and" at i, a verb in the past ("urged the rebels to leave and
 * then bombed the town"): the subject's next act, no infinitive's. */
static int past_after_and(const sr_facts *f, size_t i, size_t hi)
{
    size_t j = i + 1;
    if (j < hi && (srf_is(f, j, "then") || srf_is(f, j, "later") || srf_is(f, j, "also")))
        j++;
    return j < hi && !(f->tok[j].flags & SR_TOK_CAP) && ends_with(f, j, "ed") &&
           !(srf_cls(f, j) & (L_PSG | L_PPL));
}

/* "had" starting a past perfect: "had fled", "had been killed", "had already left". */
static int past_perfect(const sr_facts *f, size_t i, size_t hi)
{
    size_t j = i + 1;
    while (j < hi && j < i + 4 && (srf_cls(f, j) & L_ADV || srf_is(f, j, "not")))
        j++;
    if (j >= hi)
        return 0;
    uint64_t c = srf_cls(f, j);
    if (c & (L_PARTCP | L_TPASS))
        return 1;
    if ((c & (L_DET | L_PRON | L_PREP)) || srf_isnum(f, j) || srf_is(f, j, "to"))
        return 0;
    return ends_with(f, j, "ed") || ends_with(f, j, "en");
}

/* "police said 12 people had been killed": a past perfect reported by a
 * past-tense verb is the tense of reported speech, not background. */
static int backshift(const sr_facts *f, size_t s, size_t i)
{
    const sr_facts_attr *at = f->attrs.items;
    for (size_t k = srf_attrs_end(f, s); k-- > 0 && at[k].sentence == s;) {
        const char *cue = at[k].cue;
        size_t n = strlen(cue);
        int past = !strcmp(cue, "said") || !strcmp(cue, "told") || !strcmp(cue, "wrote") ||
                   !strcmp(cue, "found") ||
                   !strcmp(cue, "according to") || (n > 2 && !strcmp(cue + n - 2, "ed"));
        if (past && f->tok[i].start >= at[k].content_start && f->tok[i].start < at[k].content_end)
            return 1;
    }
    return 0;
}

static int warn_cue(const sr_facts *f, size_t i)
{
    static const char *const nxt[] = {"to", "that", "of", "it", "they", "he", "she", "we", NULL};
    for (int k = 0; nxt[k]; k++)
        if (srf_is(f, i + 1, nxt[k]))
            return 1;
    return 0;
}

/* "were planning attacks", "preparing for an offensive", "plotting a
 * bomb attack": what one is planning, plotting or preparing is planned,
 * with "to" or without.  Not a definite object, more often an event
 * known to have happened ("accused of plotting the Paris attacks"). */
/* "due to" at token i is a schedule ("is due to visit"), not a cause
 * ("killed due to attacks by terrorist groups", "due to the fighting"):
 * after a form of "be", and before a verb's plain form, which is no
 * determiner, number or pronoun, no plural and no gerund. */
static int due_to_plan(const sr_facts *f, size_t i, size_t hi)
{
    if (i == 0 || !(srf_is(f, i - 1, "is") || srf_is(f, i - 1, "are") || srf_is(f, i - 1, "was") ||
                    srf_is(f, i - 1, "were") || srf_is(f, i - 1, "be") || srf_is(f, i - 1, "been")))
        return 0;
    if (i + 2 >= hi || srf_isnum(f, i + 2) || (srf_cls(f, i + 2) & (L_DET | L_NUMW | L_PRON)))
        return 0;
    const char *w = f->tok[i + 2].norm;
    size_t n = f->tok[i + 2].norm_len;
    return !(n > 3 && ((w[n - 1] == 's' && w[n - 2] != 's') || !memcmp(w + n - 3, "ing", 3)));
}

/* Word i wants or expects someone else to act: "want the army to
 * withdraw", "expect Russia to veto" (the object, a few words at most,
 * then "to"): that act has not happened. */
static int wanted_of(const sr_facts *f, size_t i, size_t hi)
{
    if (!(srf_is(f, i, "want") || srf_is(f, i, "wants") || srf_is(f, i, "wanted") ||
          srf_is(f, i, "wish") || srf_is(f, i, "wishes") || srf_is(f, i, "expect") ||
          srf_is(f, i, "expects") || srf_is(f, i, "expected")))
        return 0;
    for (size_t j = i + 2; j < hi && j <= i + 5; j++) {
        if (srf_is(f, j, "to"))
            return 1;
        if ((f->tok[j - 1].flags & SR_TOK_PUNCT) || srf_is(f, j - 1, "that") ||
            (srf_cls(f, j - 1) & (L_REPORT | L_AUX | L_SUBORD)))
            return 0;
    }
    return 0;
}

static int progressive_plan(const sr_facts *f, size_t i, size_t hi)
{
    if (i + 1 >= hi)
        return 0;
    /* ("the rebels plan a major attack", "planned an offensive": a plan
     * of something not yet named before) */
    if ((srf_is(f, i, "plan") || srf_is(f, i, "plans") || srf_is(f, i, "planned") ||
         srf_is(f, i, "plot") || srf_is(f, i, "plots") || srf_is(f, i, "plotted")) &&
        (srf_is(f, i + 1, "a") || srf_is(f, i + 1, "an") || srf_is(f, i + 1, "another") ||
         srf_is(f, i + 1, "new") || srf_is(f, i + 1, "fresh")))
        return i == 0 || !(srf_cls(f, i - 1) & (L_DET | L_PREP));
    if (!(srf_is(f, i, "planning") || srf_is(f, i, "plotting") || srf_is(f, i, "preparing")))
        return 0;
    size_t j = srf_is(f, i + 1, "for") ? i + 2 : i + 1;
    if (j >= hi || (f->tok[j].flags & SR_TOK_PUNCT))
        return 0;
    uint64_t c = srf_cls(f, j);
    return !srf_is(f, j, "the") && !(c & (L_PRON | L_PREP | L_CONJ | L_SUBORD | L_AUX)) &&
           !srf_isnum(f, j);
}

static void open_scope(scopes *sc, int k, size_t i, size_t *order, int sticky)
{
    sc->on |= BIT(k);
    sc->cue[k] = i;
    sc->order[k] = ++*order;
    sc->sticky = sticky ? sc->sticky | BIT(k) : sc->sticky & ~BIT(k);
    sc->np &= ~BIT(k);
}

/* Word i is a noun of fear or risk before "of" ("fears of an offensive",
 * "the risk of attack"), "fear" as a verb ("residents fear new attacks",
 * "fled fearing reprisals"), or a call for something ("called for
 * nationwide protests"): what follows has not happened.
 * (Not the noun's subject: "Fear gripped the town", "in fear as jets
 * bombed it".) */
static int feared_np(const sr_facts *f, size_t i, size_t lo)
{
    /* (what is called for: "called for nationwide protests") */
    if (srf_is(f, i + 1, "for") &&
        (srf_is(f, i, "called") || srf_is(f, i, "calls") || srf_is(f, i, "call") ||
         srf_is(f, i, "calling") || srf_is(f, i, "appealed") || srf_is(f, i, "appeals")))
        return 1;
    int fear = srf_is(f, i, "fear") || srf_is(f, i, "fears") || srf_is(f, i, "fearing");
    if (srf_is(f, i + 1, "of"))
        return fear || srf_is(f, i, "risk") || srf_is(f, i, "danger") ||
               srf_is(f, i, "prospect") || srf_is(f, i, "possibility");
    if (!fear || i == lo || srf_is(f, i + 1, "for") || srf_is(f, i + 1, "that") ||
        i + 1 >= f->ntok || (f->tok[i + 1].flags & SR_TOK_PUNCT))
        return 0;
    return srf_is(f, i, "fearing") || !(srf_cls(f, i - 1) & (L_DET | L_PREP | L_PRON));
}

/* Word i urges someone to do something: a verb of urging ("urged",
 * "called on"), its object (a few words, no punctuation), then "to" and a
 * verb. */
int srf_urged_to(const sr_facts *f, size_t i, size_t hi)
{
    static const char *const urge[] = {"urged", "urge", "urges", "urging", "encouraged",
                                       "begged", "implored", "exhorted", NULL};
    size_t j = i + 1;
    int on = 0;
    /* (most words start with none of their letters) */
    char c0 = f->tok[i].norm[0];
    if (c0 != 'u' && c0 != 'e' && c0 != 'b' && c0 != 'i' && c0 != 'c')
        return 0;
    for (int k = 0; urge[k] && !on; k++)
        on = srf_is(f, i, urge[k]);
    if (!on && srf_is(f, i + 1, "on") &&
        (srf_is(f, i, "called") || srf_is(f, i, "calls") || srf_is(f, i, "call") ||
         srf_is(f, i, "calling")))
        on = 1, j = i + 2;
    if (!on)
        return 0;
    for (size_t n = 0; j < hi && n < 8; j++, n++) {
        if (srf_ispunct(f, j))
            return 0;
        if (srf_is(f, j, "to"))
            return n > 0 && j + 1 < hi && !srf_isnum(f, j + 1) &&
                   !(srf_cls(f, j + 1) & (L_DET | L_NUMW | L_PRON));
    }
    return 0;
}

/* A finite "be" or "have" (not "to be", "will have") or a relative
 * pronoun after a noun: a new clause's verb or subject. */
static int finite_or_relative(const sr_facts *f, size_t i, size_t lo)
{
    static const char *const fin[] = {"was", "were", "is", "are", "has", "have", "had", NULL};
    if (i == lo)
        return 0;
    if (srf_is(f, i, "who") || srf_is(f, i, "which"))
        return !(f->tok[i - 1].flags & SR_TOK_PUNCT);
    /* ("planned a bombing that killed 20 people": a relative "that" before
     * an act in the past) */
    if (srf_is(f, i, "that") && i + 1 < f->ntok && !(f->tok[i - 1].flags & SR_TOK_PUNCT) &&
        ((srf_cls(f, i + 1) & (L_TACT | L_TPASS | L_TINTR)) || ends_with(f, i + 1, "ed")))
        return 1;
    if (!(f->cls[i] & L_AUX) || srf_is(f, i - 1, "to") || (f->cls[i - 1] & (L_MODAUX | L_AUX)))
        return 0;
    for (int k = 0; fin[k]; k++)
        if (srf_is(f, i, fin[k]))
            return 1;
    return 0;
}

/* "after" at i ends "a week after", and the words before tell of harm:
 * what follows is an earlier act and its toll, not this one's ("A car
 * bomb killed eight people in Azaz, a week after a similar attack killed
 * 30").  Without harm before, the clause is the news ("Officials vowed
 * revenge, a day after gunmen killed 12"). */
static int earlier_toll(const sr_facts *f, size_t i, size_t lo)
{
    static const char *const unit[] = {"hours", "day", "days", "week", "weeks", "month",
                                       "months", "year", "years", NULL};
    if (i < lo + 3)
        return 0;
    size_t k = i - 1;
    int u = -1;
    for (int n = 0; unit[n]; n++)
        if (srf_is(f, k, unit[n]))
            u = n;
    if (u < 0)
        return 0;
    int plural = f->tok[k].norm[f->tok[k].norm_len - 1] == 's';
    /* "a week", "two days", "a few days", "several weeks", "days" */
    if (srf_isnum(f, k - 1) || (srf_cls(f, k - 1) & L_NUMW) || srf_is(f, k - 1, "a") ||
        srf_is(f, k - 1, "an") || srf_is(f, k - 1, "several")) {
        k--;
    } else if (srf_is(f, k - 1, "few") && (srf_is(f, k - 2, "a") || srf_is(f, k - 2, "just"))) {
        k -= 2;
    } else if (!plural) {
        return 0;
    }
    if (k > lo && (srf_is(f, k - 1, "just") || srf_is(f, k - 1, "only") ||
                   srf_is(f, k - 1, "barely") || srf_is(f, k - 1, "nearly")))
        k--;
    /* (a capital opens a sentence that lost its stop: "... on Manbij A
     * day after the first massacre ..., airstrikes have killed dozens",
     * where the clause after is the news) */
    if (k <= lo || ((f->tok[k].flags & SR_TOK_CAP) && !srf_punct(f, k - 1, ',')))
        return 0;
    for (size_t j = lo; j < k; j++)
        if (srf_cls(f, j) & (L_TPASS | L_TACT | L_TINTR))
            return 1;
    return 0;
}

/* Closes every scope but a denial and the sticky ones. */
static void close_soft(scopes *sc) { sc->on &= BIT(S_DENIED) | sc->sticky; }

/* Token i sits in the open scopes.  With none open it keeps what
 * sr_facts_analyze gave every token: asserted, no cue. */
static void record(sr_facts *f, size_t i, const scopes *sc)
{
    if (!sc->on)
        return;
    srf_mod *m = &f->mod[i];
    f->tbits[i] |= SRF_TB_MOD; /* every field is written below */
    m->mode = SR_FACTS_ASSERTED;
    m->negated = (sc->on & BIT(S_NEG)) != 0;
    m->neg = (sc->on & BIT(S_NEG)) ? sc->cue[S_NEG] : SR_FACTS_NONE;
    m->cue = SR_FACTS_NONE;
    if (sc->on & BIT(S_DENIED)) {
        m->mode = SR_FACTS_DENIED;
        m->cue = sc->cue[S_DENIED];
        return;
    }
    size_t best = 0;
    for (int k = S_THREAT; k < S_N; k++)
        if ((sc->on & BIT(k)) && sc->order[k] > best) {
            best = sc->order[k];
            m->mode = (uint8_t)slot_mode[k];
            m->cue = sc->cue[k];
        }
}



/* Only a cue (MOD_GATE) opens a scope (step 3 below): a sentence without
 * one keeps every token asserted, and so does every token no scope
 * covers (record sets a token's entry when one does). */
static const srf_mod mod_default = {SR_FACTS_ASSERTED, 0, SR_FACTS_NONE, SR_FACTS_NONE};

const srf_mod *srf_mod_at(const sr_facts *f, size_t i)
{
    return f->tbits[i] & SRF_TB_MOD ? &f->mod[i] : &mod_default;
}

void srf_modality(sr_facts *f, size_t s)
{
    size_t lo = f->sent[s].tok, hi = lo + f->sent[s].ntok;
    scopes sc;
    size_t order = 0;
    memset(&sc, 0, sizeof sc);
    /* the summary does not change in the loop: read once */
    const int gate = (f->scls[s] & MOD_GATE) != 0, contr = (f->scls[s] & SC_CONTR) != 0;
    for (size_t i = lo; i < hi && gate; i++) {
        /* With no scope open a token that is no cue changes nothing (the
         * boundaries close what is open): on to the next cue.  An unlisted
         * word ending in n't or 'll is a cue too, so not with contr. */
        if (!sc.on && !contr) {
            i = srf_next_want(f->want, i, hi, SRF_W_MOD);
            if (i == hi)
                break;
        }
        uint64_t c = f->cls[i];
        /* 1. boundaries */
        if ((f->tbits[i] & SRF_TB_ATTR) && (i == lo || !(f->tbits[i - 1] & SRF_TB_ATTR)))
            sc.on = 0;
        int punct = (f->tok[i].flags & SR_TOK_PUNCT) != 0;
        /* an unknown word is neither boundary nor cue unless it ends in n't or 'll */
        int nt = contr && ends_nt(f, i), ll = contr && ends_with(f, i, "'ll");
        if (!c && !punct && !nt && !ll) {
            if (sc.on)
                record(f, i, &sc);
            continue;
        }
        if ((punct && (srf_punct(f, i, ';') || srf_punct(f, i, ':') || srf_punct(f, i, '"') ||
                       srf_punct(f, i, '(') || srf_punct(f, i, ')'))) ||
            ((c & L_MODW) && (srf_is(f, i, "but") || srf_is(f, i, "however") ||
                              srf_is(f, i, "whereas") || srf_is(f, i, "yet")))) {
            sc.on = 0;
        } else if (punct && srf_punct(f, i, ',')) {
            sc.on &= BIT(S_DENIED) | (sc.sticky & BIT(S_HYPO));
            if (srf_is(f, i + 1, "saying") || srf_is(f, i + 1, "adding") ||
                srf_is(f, i + 1, "while") || srf_is(f, i + 1, "but"))
                sc.on &= ~BIT(S_DENIED);
        } else if ((c & L_CONJ) && (srf_is(f, i, "and") || srf_is(f, i, "or")) &&
                   new_subject(f, i + 1, hi)) {
            close_soft(&sc);
        } else if ((sc.on & (BIT(S_HYPO) | BIT(S_PLAN) | BIT(S_THREAT))) &&
                   srf_is(f, i, "and") && past_after_and(f, i, hi)) {
            /* (what was urged, planned or threatened, not what was done
             * next; a negation or a past perfect goes on: "had been
             * trained and dispatched") */
            sc.on &= ~((BIT(S_HYPO) | BIT(S_PLAN) | BIT(S_THREAT)) & ~sc.sticky);
        } else if ((c & L_SUBORD) && !(c & L_HYPO) && !srf_is(f, i, "that") &&
                   !srf_is(f, i, "as")) {
            /* "as" starts a clause only after a comma, which closed scopes already */
            close_soft(&sc);
        } else if ((sc.on & BIT(S_NEG)) && (c & L_REPORT) && !(c & L_RAMBIG) &&
                   i > sc.cue[S_NEG] + 2 && !(sc.sticky & BIT(S_NEG)) &&
                   (srf_is(f, sc.cue[S_NEG], "not") || srf_is(f, sc.cue[S_NEG], "never") ||
                    ends_nt(f, sc.cue[S_NEG]))) {
            /* a verb of saying past the negated verb and its object is
             * the clause's own: "The claim, which did not mention a
             * wedding, said 40 people had been killed" without its commas
             * ("did not immediately say" stays denied, and so does the
             * verb a "no" comes before: "No group has claimed") */
            sc.on &= ~BIT(S_NEG);
        } else if ((sc.on & (BIT(S_PLAN) | BIT(S_THREAT))) && finite_or_relative(f, i, lo)) {
            /* an attempt or a plan reaches its infinitive's clause, not
             * the sentence's next verb nor a relative clause: in "monitors
             * who tried to reach the town were turned back by a crowd that
             * threw stones" neither the turning back nor the throwing is
             * planned */
            unsigned k = sc.on & (BIT(S_PLAN) | BIT(S_THREAT));
            for (int b = 0; b < S_N; b++)
                if ((k & BIT(b)) && i > sc.cue[b] + 2 && !(sc.sticky & BIT(b)))
                    sc.on &= ~BIT(b);
        }
        /* (a "no" that denies a noun denies its phrase, not what the
         * phrase comes from: "no reports of casualties from the air
         * strike" had no air strike) */
        if ((sc.on & BIT(S_NEG)) && srf_is(f, sc.cue[S_NEG], "no") &&
            (srf_is(f, i, "from") || srf_is(f, i, "after") || srf_is(f, i, "during") ||
             srf_is(f, i, "following") || srf_is(f, i, "in")))
            sc.on &= ~BIT(S_NEG);
        /* (a feared noun phrase ends at a verb: "fears of an offensive
         * grew as troops shelled the town" shelled it; "for fear of being
         * arrested" was not arrested) */
        /* (nor past a preposition but "of" or "by", which begins what
         * the phrase's noun is about: "called for an investigation into
         * the attack", "called for an end to the bombing" tell of an
         * attack and a bombing that happened) */
        if ((sc.on & sc.np) &&
            (((c & (L_AUX | L_TPASS | L_TACT | L_TINTR | L_REPORT)) && !srf_is(f, i, "being") &&
              !srf_is(f, i - 1, "being") && !srf_is(f, i - 1, "of")) ||
             (c & (L_SUBORD | L_CONJ)) ||
             ((c & L_PREP) && i > sc.cue[S_HYPO] + 1 && !srf_is(f, i, "of") &&
              !srf_is(f, i, "by"))))
            sc.on &= ~sc.np;
        /* 2. record (no scope open: the token keeps its defaults) */
        if (sc.on)
            record(f, i, &sc);
        /* 3. cues take effect after their own token */
        if (!nt && !ll && !(c & (MOD_CUES | L_MODAUX)))
            continue;
        if (nt) {
            open_scope(&sc, S_NEG, i, &order, 0);
            const char *w = f->tok[i].norm;
            if (!strncmp(w, "won't", 5) || !strncmp(w, "shan't", 6))
                open_scope(&sc, S_PLAN, i, &order, 0);
            if (!strncmp(w, "would", 5) || !strncmp(w, "could", 5) || !strncmp(w, "might", 5) ||
                !strncmp(w, "should", 6))
                open_scope(&sc, S_HYPO, i, &order, 0);
        }
        if ((c & L_NEG) && !srf_name_inner(f, i)) {
            int verb = srf_is(f, i, "failed") || srf_is(f, i, "refused") ||
                       srf_is(f, i, "unable") || srf_is(f, i, "impossible") ||
                       srf_is(f, i, "difficult");
            /* ("have yet to attack": not done so far; "yet" alone is "but") */
            if (srf_is(f, i, "yet")) {
                if (srf_is(f, i + 1, "to") && i > lo && (srf_cls(f, i - 1) & L_AUX))
                    open_scope(&sc, S_NEG, i, &order, 0);
            } else if (!verb || srf_is(f, i + 1, "to")) {
                open_scope(&sc, S_NEG, i, &order, 0);
                /* (as "won't" and "wouldn't" do: the apostrophe lost) */
                if (srf_is(f, i, "wont"))
                    open_scope(&sc, S_PLAN, i, &order, 0);
                else if (srf_is(f, i, "wouldnt") || srf_is(f, i, "couldnt") ||
                         srf_is(f, i, "shouldnt"))
                    open_scope(&sc, S_HYPO, i, &order, 0);
            }
        }

        if (c & L_DENY)
            open_scope(&sc, S_DENIED, i, &order, 1);
        if (c & L_REFUTE)
            for (size_t j = i + 1; j <= i + 3 && j < hi; j++)
                if (srf_cls(f, j) & L_CLAIMN) {
                    open_scope(&sc, S_DENIED, i, &order, 1);
                    break;
                }
        if (c & L_THREAT) {
            int warn = srf_is(f, i, "warned") || srf_is(f, i, "warns") || srf_is(f, i, "warning");
            /* ("were exchanging vows", "wedding vows": a noun, no threat;
             * "vows to", "vows revenge" are) */
            int vows = (srf_is(f, i, "vows") || srf_is(f, i, "vow")) && i > lo &&
                       !srf_is(f, i + 1, "to") && !srf_is(f, i + 1, "that") &&
                       !(f->tok[i - 1].flags & SR_TOK_CAP) && !srf_ispunct(f, i - 1) &&
                       !(srf_cls(f, i - 1) & (L_PSG | L_PPL | L_PRON | L_MEDIA));
            if ((!warn || warn_cue(f, i)) && !vows)
                open_scope(&sc, S_THREAT, i, &order, 0);
        }
        if ((c & L_PLAN) || ll)
            open_scope(&sc, S_PLAN, i, &order, 0);
        if ((c & L_PLANTO) && srf_is(f, i + 1, "to") &&
            (!srf_is(f, i, "due") || due_to_plan(f, i, hi)))
            open_scope(&sc, S_PLAN, i, &order, 0);
        else if ((c & L_PLANTO) && (progressive_plan(f, i, hi) || wanted_of(f, i, hi)))
            open_scope(&sc, S_PLAN, i, &order, 0);
        if (c & L_HYPO)
            open_scope(&sc, S_HYPO, i, &order, srf_is(f, i, "if") || srf_is(f, i, "unless"));
        if (c & L_PASTCUE)
            open_scope(&sc, S_PAST, i, &order, 0);
        if (c & L_MODAUX) {
            if (srf_is(f, i, "after") && earlier_toll(f, i, lo))
                open_scope(&sc, S_PAST, i, &order, 0);
            /* "talks are to resume" */
            if ((srf_is(f, i, "is") || srf_is(f, i, "are") || srf_is(f, i, "was") ||
                 srf_is(f, i, "were")) &&
                srf_is(f, i + 1, "to") && i + 2 < hi && !srf_isnum(f, i + 2) &&
                !(srf_cls(f, i + 2) & (L_DET | L_NUMW | L_PRON)))
                open_scope(&sc, S_PLAN, i, &order, 0);
            /* lower-case "may" is the modal; the month is capitalised */
            if (srf_is(f, i, "may") && (!(f->tok[i].flags & SR_TOK_CAP) || i == lo) &&
                !srf_isnum(f, i + 1))
                open_scope(&sc, S_HYPO, i, &order, 0);
            if (srf_is(f, i, "had") && past_perfect(f, i, hi) && !backshift(f, s, i))
                open_scope(&sc, S_PAST, i, &order, 0);
            if (srf_is(f, i, "used") && srf_is(f, i + 1, "to"))
                open_scope(&sc, S_PAST, i, &order, 0);
            /* what one is urged to do has not happened: "urged officials
             * to provide more help" (the urging itself is done, and so is
             * what the infinitive acts on: "urged the coalition to suspend
             * its bombardments" were bombardments) */
            if (srf_urged_to(f, i, hi))
                mark_urged(f, i, hi);
            if (feared_np(f, i, lo)) {
                open_scope(&sc, S_HYPO, i, &order, 0);
                sc.np |= BIT(S_HYPO);
            }
        }
    }
    /* A sentence dated only in the past ("In 1982, troops killed thousands")
     * is background as a whole. */
    const sr_facts_date *ds = f->dates.items;
    size_t hist = SR_FACTS_NONE;
    int recent = 0;
    for (size_t k = srf_dates_end(f, s); k-- > 0 && ds[k].sentence == s;) {
        if (ds[k].flags & (SR_FACTS_DATE_DATELINE | SR_FACTS_DATE_IN_ATTRIB))
            continue;
        /* "the scene of a 2017 chemical attack": the noun it stands
         * before is background, not the sentence */
        if (ds[k].flags & SR_FACTS_DATE_NOUN) {
            if (!(ds[k].flags & SR_FACTS_DATE_HISTORICAL))
                continue;
            for (size_t i = ds[k].tok_end; i < hi && i < ds[k].tok_end + 4 && !srf_ispunct(f, i);
                 i++) {
                if (!(f->tbits[i] & SRF_TB_MOD)) {
                    f->mod[i] = mod_default;
                    f->tbits[i] |= SRF_TB_MOD;
                }
                if (f->mod[i].mode == SR_FACTS_ASSERTED && !(f->tbits[i] & SRF_TB_ATTR)) {
                    f->mod[i].mode = SR_FACTS_PAST;
                    f->mod[i].cue = ds[k].tok_start;
                }
            }
            continue;
        }
        if (ds[k].flags & SR_FACTS_DATE_HISTORICAL)
            hist = ds[k].tok_start;
        else if (!(ds[k].flags & SR_FACTS_DATE_SINCE))
            recent = 1;
    }
    if (hist != SR_FACTS_NONE && !recent)
        for (size_t i = lo; i < hi; i++) {
            if (!(f->tbits[i] & SRF_TB_MOD)) {
                f->mod[i] = mod_default;
                f->tbits[i] |= SRF_TB_MOD;
            }
            if (f->mod[i].mode == SR_FACTS_ASSERTED && !(f->tbits[i] & SRF_TB_ATTR)) {
                f->mod[i].mode = SR_FACTS_PAST;
                f->mod[i].cue = hist;
            }
        }
}

int sr_facts_modality_get(const sr_facts *f, size_t tok, sr_facts_modality *out)
{
    if (!f || !out)
        return SR_EINVAL;
    memset(out, 0, sizeof *out);
    out->cue_tok = out->neg_tok = SR_FACTS_NONE;
    if (tok >= f->ntok)
        return SR_EINVAL;
    if (f->tbits[tok] & SRF_TB_NOSENT)
        return SR_EINVAL;
    const srf_mod *m = srf_mod_at(f, tok);
    out->negated = m->negated;
    out->mode = m->mode;
    out->cue_tok = m->cue;
    out->neg_tok = m->neg;
    size_t cue = m->cue != SR_FACTS_NONE ? m->cue : m->neg;
    if (cue == SR_FACTS_NONE || srf_isnum(f, cue))
        return SR_OK;
    size_t s = srf_sent_of_tok(f, tok);
    /* the cue's subject: the speaker of its attribution, else the phrase before it */
    const sr_facts_attr *at = f->attrs.items;
    size_t lo0 = 0, hi0 = f->attrs.len;
    while (lo0 < hi0) {
        size_t mid = lo0 + (hi0 - lo0) / 2;
        if (at[mid].sentence < s)
            lo0 = mid + 1;
        else
            hi0 = mid;
    }
    /* within a sentence, attributions are in cue order */
    size_t hi1 = f->attrs.len;
    while (lo0 < hi1) {
        size_t mid = lo0 + (hi1 - lo0) / 2;
        if (at[mid].sentence == s && at[mid].cue_tok < cue &&
            !(at[mid].flags & SR_FACTS_ATTR_INHERITED))
            lo0 = mid + 1;
        else
            hi1 = mid;
    }
    for (size_t k = lo0; k < f->attrs.len && at[k].sentence == s && k < lo0 + 2; k++)
        if (at[k].cue_tok == cue && !(at[k].flags & SR_FACTS_ATTR_INHERITED)) {
            out->agent_start = at[k].start;
            out->agent_end = at[k].end;
            return SR_OK;
        }
    size_t lo = f->sent[s].tok;
    if (cue == lo)
        return SR_OK;
    size_t k = cue - 1;
    while (k > lo && (srf_cls(f, k) & (L_AUX | L_ADV | L_NEG)) &&
           !(srf_cls(f, k) & (L_PPL | L_PSG)))
        k--;
    size_t a0 = srf_np_back(f, lo, k);
    if (a0 != SR_FACTS_NONE) {
        out->agent_start = f->tok[a0].start;
        out->agent_end = f->tok[k].end;
    }
    return SR_OK;
}
