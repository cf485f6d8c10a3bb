/*
 * facts_attr.c - who says so: "according to X", "X said", ", X said.",
 * "\"...\", said X", "X told Reuters", "state television aired", "X denied".
 * Each attribution keeps the speaker's span, the phrase it sits in (so
 * "officials said Thursday" does not date the event) and the content it
 * covers.  Speakers carry through quotations that run over sentences.
 */
#include <stdlib.h>
#include <string.h>

#include "facts_int.h"

size_t srf_sent_of_tok(const sr_facts *f, size_t i)
{
    size_t lo = 0, hi = f->nsent;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->sent[mid].tok + f->sent[mid].ntok <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < f->nsent && i >= f->sent[lo].tok && i < f->sent[lo].tok + f->sent[lo].ntok)
        return lo;
    return SR_FACTS_NONE;
}

static int ly_word(const sr_facts *f, size_t j)
{
    size_t n = f->tok[j].norm_len;
    return n > 4 && !strcmp(f->tok[j].norm + n - 2, "ly");
}

/* An adverb between a speaker and the cue: "has strongly denied" (not
 * "the daily said", "the family said"). */
static int ly_adverb(const sr_facts *f, size_t j)
{
    return ly_word(f, j) && !(f->tok[j].flags & SR_TOK_CAP) &&
           !(srf_cls(f, j) & (L_MEDIA | L_PPL | L_PSG)) && !srf_is(f, j, "family") &&
           !srf_is(f, j, "assembly") && !srf_is(f, j, "weekly") && !srf_is(f, j, "monthly") &&
           !srf_is(f, j, "supply");
}

static int is_aux_be(const sr_facts *f, size_t j)
{
    static const char *const be[] = {"was", "were", "is", "are", "be", "been", "being", NULL};
    /* the word table lists them all as auxiliaries: others need no comparing */
    if (!(srf_cls(f, j) & L_AUX))
        return 0;
    for (int k = 0; be[k]; k++)
        if (srf_is(f, j, be[k]))
            return 1;
    return 0;
}

/* After the cue, does only a trailer follow ("police said on Thursday.")? */
static int trailer_only(const sr_facts *f, size_t j, size_t hi)
{
    static const char *const ok[] = {"statement", "interview", "conference", "briefing",
                                     "reporters", "journalists", "told", "telephone", "phone",
                                     "email", "message", "late", "separately", "via", "citing",
                                     "news", "press", "written", "speaking", "condition",
                                     "anonymity", "name", "because", "not", "authorised",
                                     "authorized", "be", "to", "named", "he", "she", NULL};
    if (hi > j + 12)
        return 0;   /* a trailer is short */
    for (; j < hi; j++) {
        uint64_t c = srf_cls(f, j);
        if (srf_ispunct(f, j) && !srf_punct(f, j, ':'))
            continue;
        if (c & (L_PREP | L_DET | L_TIMEW | L_WDAY | L_MEDIA | L_MONTH))
            continue;
        if (srf_isnum(f, j) && f->num_at[j] != SR_FACTS_NONE &&
            ((const sr_facts_number *)f->nums.items)[f->num_at[j]].kind == SR_FACTS_NK_DAY)
            continue;
        if (f->tok[j].flags & SR_TOK_CAP)
            continue;
        int hit = 0;
        for (int k = 0; ok[k]; k++)
            if (srf_is(f, j, ok[k]))
                hit = 1;
        if (!hit)
            return 0;
    }
    return 1;
}

static int has_quote(const sr_facts *f, size_t a, size_t b)
{
    const size_t *q = f->quotes.items;
    size_t lo = sr_lower_bound(q, f->quotes.len, a);
    return lo < f->quotes.len && q[lo] < b;
}

static int push_attr(sr_facts *f, size_t s, size_t sp0, size_t sp1, size_t cue,
                     const char *cuew, size_t seg0, size_t seg1, size_t c0, size_t c1,
                     uint32_t flags)
{
    size_t lo = f->sent[s].tok, hi = lo + f->sent[s].ntok;
    sr_facts_attr *at = sr_vec_push(&f->attrs, f->a, sizeof *at);
    if (!at)
        return SR_ENOMEM;
    at->start = f->tok[sp0].start;
    at->end = f->tok[sp1 - 1].end;
    at->text = f->text + at->start;
    at->len = at->end - at->start;
    at->cue = cuew;
    at->cue_tok = cue;
    at->seg_start = f->tok[seg0].start;
    at->seg_end = f->tok[seg1 - 1].end;
    /* content, trimmed of the commas and quotes around it */
    while (c0 < c1 && srf_ispunct(f, c0) && !srf_punct(f, c0, '"'))
        c0++;
    while (c1 > c0 && srf_ispunct(f, c1 - 1) && !srf_punct(f, c1 - 1, '"'))
        c1--;
    if (c0 < c1) {
        at->content_start = f->tok[c0].start;
        at->content_end = f->tok[c1 - 1].end;
    } else {
        at->content_start = at->content_end = f->sent[s].start;
    }
    at->sentence = s;
    at->flags = flags | (has_quote(f, c0, c1) ? SR_FACTS_ATTR_QUOTED : 0);
    /* (a speaker after "after", "before" or "since" tells the time of
     * something else: "hit the cities hours after the US announced a
     * deal") */
    if (sp0 > lo && (srf_is(f, sp0 - 1, "after") || srf_is(f, sp0 - 1, "before") ||
                     srf_is(f, sp0 - 1, "since") || srf_is(f, sp0 - 1, "following") ||
                     srf_is(f, sp0 - 1, "until")))
        at->flags |= SR_FACTS_ATTR_TIMED;
    if (sp1 == sp0 + 1 && (srf_cls(f, sp0) & L_PRON))
        at->flags |= SR_FACTS_ATTR_PRONOUN;
    at->ref_start = at->ref_end = at->start;
    if (at->flags & SR_FACTS_ATTR_PRONOUN) {
        if (f->last_named != SR_FACTS_NONE) {
            const sr_facts_attr *prev = &((const sr_facts_attr *)f->attrs.items)[f->last_named];
            at->ref_start = prev->start;
            at->ref_end = prev->end;
        }
    } else {
        f->last_named = f->attrs.len - 1;
    }
    for (size_t j = seg0; j < seg1 && j < hi; j++)
        f->tbits[j] |= SRF_TB_ATTR;
    /* dates inside the phrase date the report, not the event */
    sr_facts_date *ds = f->dates.items;
    size_t a0 = 0, a1 = f->dates.len;
    while (a0 < a1) {
        size_t mid = a0 + (a1 - a0) / 2;
        if (ds[mid].tok_start < seg0)
            a0 = mid + 1;
        else
            a1 = mid;
    }
    for (size_t k = a0; k < f->dates.len && ds[k].tok_start < seg1; k++)
        if (ds[k].tok_end <= seg1)
            ds[k].flags |= SR_FACTS_DATE_IN_ATTRIB;
    return SR_OK;
}

/* A finding ("found", "concluded", "determined") reports only before
 * "that" ("the inquiry found that troops had fired") or closing the
 * sentence after a comma with its finder ("..., OPCW investigators
 * find"): "police found the bodies", "bodies were found" and "is
 * determined to retake" report nothing. */
static int finding_cue(const sr_facts *f, size_t v, size_t lo, size_t hi)
{
    if (srf_is(f, v + 1, "that"))
        return 1;
    if (v + 1 < hi && !(srf_ispunct(f, v + 1) && !srf_punct(f, v + 1, ',')))
        return 0;
    for (size_t k = v, n = 0; k > lo && n < 8; k--, n++) {
        if (srf_punct(f, k - 1, ','))
            return k < v;
        if (srf_cls(f, k - 1) & (L_AUX | L_TPASS | L_TACT | L_TINTR | L_REPORT | L_PREP))
            return 0;
    }
    return 0;
}

/* Is the word at v a reporting cue here? */
static int report_cue(const sr_facts *f, size_t v, size_t lo, size_t hi)
{
    uint64_t c = srf_cls(f, v);
    if ((srf_is(f, v, "found") || srf_is(f, v, "finds") || srf_is(f, v, "find") ||
         srf_is(f, v, "concluded") || srf_is(f, v, "concludes") || srf_is(f, v, "discovered") ||
         srf_is(f, v, "determined")) &&
        !finding_cue(f, v, lo, hi))
        return 0;
    if ((c & L_RAMBIG) && v > lo && (srf_cls(f, v - 1) & L_DET))
        return 0;   /* "the reports", "these claims": a noun */
    /* "appalled by the death reports": a noun after a determiner and a
     * word that heads no speaker ("the group reports" is a report) */
    if ((c & L_RAMBIG) && v > lo + 1 && (srf_cls(f, v - 2) & L_DET) &&
        !(srf_cls(f, v - 2) & L_SUBORD) && !(srf_cls(f, v - 1) & (L_PPL | L_DET)) &&
        !srf_title_word(f, v - 1))
        return 0;
    /* "the worst reported use of poison gas", "the first confirmed case":
     * a participle after a superlative qualifies the noun after it */
    if (v > lo + 1 && v + 1 < hi && (srf_cls(f, v - 2) & L_DET) && !srf_ispunct(f, v + 1) &&
        !(srf_cls(f, v + 1) & (L_DET | L_PRON))) {
        const sr_token *b = &f->tok[v - 1];
        if ((b->norm_len > 4 && !memcmp(b->norm + b->norm_len - 3, "est", 3)) ||
            srf_is(f, v - 1, "worst") || srf_is(f, v - 1, "best") || srf_is(f, v - 1, "most") ||
            srf_is(f, v - 1, "first") || srf_is(f, v - 1, "only") || srf_is(f, v - 1, "least"))
            return 0;
    }
    /* "Wednesday's alleged attack", "alleged bandits": an adjective */
    if (srf_is(f, v, "alleged") && (srf_cls(f, v + 1) & (L_ATTACKN | L_TNOUN | L_PPL | L_PSG)))
        return 0;
    /* "a pause declared by Russia", "an attack claimed by the group": a
     * participle, its agent after "by" ("said by telephone" is a report) */
    if (srf_is(f, v + 1, "by") && v + 2 < hi &&
        ((srf_cls(f, v + 2) & (L_DET | L_PPL | L_PSG | L_MEDIA)) ||
         (f->tok[v + 2].flags & SR_TOK_CAP)))
        return 0;
    if (c & L_RAMBIG) {
        static const char *const nxt[] = {"that", ",", ".", ":", "\"", "on", "in", "it",
                                          "he", "she", "they", "we", "there", "today",
                                          "yesterday", NULL};
        int ok = 0;
        for (int k = 0; nxt[k] && v + 1 < hi; k++)
            if (srf_is(f, v + 1, nxt[k]))
                ok = 1;
        if (v + 1 < hi && (srf_cls(f, v + 1) & L_WDAY))
            ok = 1;
        if (!ok)
            return 0;
    }
    /* "claimed responsibility", "claimed the lives": an event, not a report */
    if (srf_is(f, v, "claimed") &&
        (srf_is(f, v + 1, "responsibility") || srf_is(f, v + 1, "the") ||
         srf_is(f, v + 1, "lives") || srf_is(f, v + 1, "control") || srf_is(f, v + 1, "victory") ||
         srf_is(f, v + 1, "credit")))
        return 0;
    /* "raids claimed 17 lives", "claims more than 40 lives": a toll */
    if (srf_is(f, v, "claimed") || srf_is(f, v, "claims") || srf_is(f, v, "claim"))
        for (size_t j = v + 1; j < hi && j < v + 6 && !srf_ispunct(f, j); j++)
            if (srf_is(f, j, "lives") || srf_is(f, j, "life"))
                return 0;
    if ((srf_is(f, v, "reported") || srf_is(f, v, "confirmed") || srf_is(f, v, "estimated")) &&
        (srf_cls(f, v + 1) & (L_TPASS | L_TINTR)))
        return 0;
    return 1;
}

#define VERB_CLS (L_TPASS | L_TACT | L_TINTR | L_AUX | L_PVERB | L_PWEAK | L_TNEEDP | L_DENY | \
                  L_THREAT | L_PLAN | L_HYPO | L_NEG | L_REPORT | L_MEDIAV | L_PARTCP)

/* A verb a coordinated speaker may have done first: one the word table
 * knows as a verb, or a lower-case past form ("stormed"). */
static int clause_verb(const sr_facts *f, size_t j)
{
    uint64_t c = srf_cls(f, j);
    if (c & (L_TNOUN | L_PPL | L_PSG | L_MEDIA | L_DET | L_PREP | L_CONJ))
        return 0;
    if (c & VERB_CLS)
        return 1;
    size_t n = f->tok[j].norm_len;
    return !(f->tok[j].flags & SR_TOK_CAP) && n > 4 && !memcmp(f->tok[j].norm + n - 2, "ed", 2);
}

/* A speaker reading forward (after "according to" or an inverted "said").
 * After "according to" (acc) the clause it opens may follow with no comma
 * between ("According to local sources six civilians died"): the speaker
 * then ends before a number, before a determiner after a plain word, and
 * before a verb, less the verb's subject. */
static size_t np_fwd(const sr_facts *f, size_t i, size_t hi, int acc)
{
    size_t j = i;
    while (j < hi && j < i + 20) {
        uint64_t c = srf_cls(f, j);
        if (srf_ispunct(f, j) && !(f->tok[j].flags & SR_TOK_POSS))
            break;
        /* "according to earlier media reports": a noun */
        if (acc && j > i && (c & L_RAMBIG) && (srf_cls(f, j - 1) & L_MEDIA)) {
            j++;
            continue;
        }
        if ((c & L_SUBORD) || srf_is(f, j, "but") || (c & L_REPORT) || srf_is(f, j, "adding") ||
            srf_is(f, j, "saying") || srf_is(f, j, "citing") || srf_is(f, j, "noting"))
            break;
        /* a time word after a noun ends the speaker, with its "on":
         * "according to the monitor today", "sources on Monday" (not
         * "Monday's report", "a statement released Saturday by", "within
         * a week") */
        if (j > i && (c & (L_TIMEW | L_WDAY)) && !(f->tok[j].flags & SR_TOK_POSS)) {
            size_t k = srf_is(f, j - 1, "on") && j - 1 > i ? j - 1 : j;
            size_t pn = f->tok[k - 1].norm_len;
            if (!(srf_cls(f, k - 1) & (L_DET | L_PREP)) &&
                !(pn > 3 && !memcmp(f->tok[k - 1].norm + pn - 2, "ed", 2))) {
                j = k;
                break;
            }
        }
        if (acc && j > i) {
            uint64_t pc = srf_cls(f, j - 1);
            int plain_before = !(pc & (L_PREP | L_CONJ | L_DET)) &&
                               !(f->tok[j - 1].flags & (SR_TOK_POSS | SR_TOK_PUNCT));
            if ((f->tok[j].flags & SR_TOK_NUM) || (c & (L_NUMW | L_VAGUE | L_SCALE)))
                break;
            /* "at least 15", "more than 40", "nearly 300"; "there are" */
            uint64_t nc = j + 1 < hi ? srf_cls(f, j + 1) : 0;
            int num_next = j + 1 < hi && ((f->tok[j + 1].flags & SR_TOK_NUM) ||
                                          (nc & (L_NUMW | L_VAGUE | L_SCALE)));
            if ((srf_is(f, j, "at") && srf_is(f, j + 1, "least")) ||
                ((srf_is(f, j, "more") || srf_is(f, j, "less") || srf_is(f, j, "fewer")) &&
                 srf_is(f, j + 1, "than")) ||
                ((c & L_QPRE) && num_next) || srf_is(f, j, "there"))
                break;
            if ((c & L_DET) && plain_before)
                break;
            /* a participle the word table does not know, before a joining
             * word or a date, qualifies the speaker ("a statement released
             * Saturday by ...") */
            int reduced = !(c & VERB_CLS) && j + 1 < hi &&
                          ((srf_cls(f, j + 1) & (L_PREP | L_WDAY | L_TIMEW | L_MONTH)) ||
                           srf_ispunct(f, j + 1));
            /* (a verb in -s after a name, before "to": "according to the
             * statement UNICEF continues to provide") */
            size_t wn = f->tok[j].norm_len;
            int s_verb = (f->tok[j - 1].flags & SR_TOK_CAP) && !(f->tok[j].flags & SR_TOK_CAP) &&
                         wn > 3 && f->tok[j].norm[wn - 1] == 's' && f->tok[j].norm[wn - 2] != 's' &&
                         j + 1 < hi && srf_is(f, j + 1, "to");
            if (plain_before && !ly_adverb(f, j - 1) && (clause_verb(f, j) || s_verb) &&
                (!reduced || s_verb) && !(c & (L_PPL | L_PSG | L_MEDIA))) {
                /* drop the verb's subject: a plural people noun or a name
                 * after a plain word ("SANA news agency terrorists fired",
                 * "report ISIS has executed") */
                size_t e = j;
                if (e - 1 > i && srf_plural_head(f, e - 1))
                    e--;
                else if (f->tok[e - 1].flags & SR_TOK_CAP) {
                    size_t b = e - 1;
                    while (b > i && (f->tok[b - 1].flags & SR_TOK_CAP))
                        b--;
                    if (b > i && !srf_title_word(f, b - 1))
                        e = b;
                } else {
                    /* lower-case words after a name: the verb's subject
                     * ("according to the Observatory heavy bombardment
                     * has battered") */
                    /* (a list of them too: "according to Syria Turks
                     * Association tanks artillery and missiles were used") */
                    size_t b = e - 1;
                    while (b > i && !(f->tok[b].flags & SR_TOK_CAP) &&
                           (!(srf_cls(f, b) & (L_DET | L_PREP | L_CONJ)) ||
                            ((srf_is(f, b, "and") || srf_is(f, b, "or")) &&
                             !(f->tok[b - 1].flags & SR_TOK_CAP) &&
                             !(srf_cls(f, b - 1) & (L_DET | L_PREP | L_CONJ)))) &&
                           !srf_ispunct(f, b))
                        b--;
                    if (b > i && b + 1 < e && (f->tok[b].flags & SR_TOK_CAP))
                        e = b + 1;
                }
                return e;
            }
        }
        j++;
    }
    return j;
}

/* "Police arrested some local vigilantes and insisted that ...": the
 * speaker of a cue after "and" is the subject of the clause's first verb,
 * when the sentence or a comma opens the clause with that subject.  Its
 * first token, the last in *end; SR_FACTS_NONE when the clause has no
 * clean subject. */
static size_t coord_subject(const sr_facts *f, size_t lo, size_t k, size_t *end)
{
    size_t cs = k;
    while (cs > lo && !(srf_ispunct(f, cs - 1) && !(f->tok[cs - 1].flags & SR_TOK_POSS)) &&
           !(srf_cls(f, cs - 1) & (L_SUBORD | L_REPORT | L_MEDIAV)))
        cs--;
    /* after "that" or a cue, "and" may join the outer clause ("Moscow
     * denied reports that its jets hit Aleppo and said ..."): none */
    if (cs > lo && !srf_ispunct(f, cs - 1))
        return SR_FACTS_NONE;
    for (size_t j = cs + 1; j < k; j++) {
        if (!clause_verb(f, j))
            continue;
        size_t e = j - 1;
        while (e > cs && ((srf_cls(f, e) & (L_ADV | L_AUX)) || ly_adverb(f, e) ||
                          srf_is(f, e, "also")))
            e--;
        size_t sp0 = srf_np_back(f, cs, e);
        if (sp0 != cs)
            return SR_FACTS_NONE;
        *end = e;
        return sp0;
    }
    return SR_FACTS_NONE;
}

/* The verbs of saying that stand before their speaker ("..., said the
 * minister"). */
static int inverting_cue(const sr_facts *f, size_t v)
{
    static const char *const cues[] = {"said", "says", "added", "adds", "wrote", "writes",
                                       "tweeted", "stated", "noted", "explained", "reported",
                                       "asked", "continued", "warned", "insisted", "recalled",
                                       "concluded", "argued", "commented", "observed",
                                       "remarked", "replied", "responded", "stressed",
                                       "cautioned", NULL};
    for (int k = 0; cues[k]; k++)
        if (srf_is(f, v, cues[k]))
            return 1;
    return 0;
}

/* An inverted speaker whose comma was lost: "Russian aircraft were not
 * there at that time said the official who asked not to be named", "...
 * were used in the attack said Kirkuki."  The cue follows a clause with a
 * verb of its own, and a noun phrase headed by a name or a person, group
 * or media word runs from the cue to the end of the sentence or to a
 * relative clause.  Its head's token, or SR_FACTS_NONE. */
static size_t bare_inversion(const sr_facts *f, size_t v, size_t lo, size_t hi)
{
    static const char *const adv[] = {"here", "there", "late", "later", "earlier", "again",
                                      "also", "now", "then", "so", NULL};
    /* the cheap tests first: most cues are followed by what they report */
    if (v + 1 >= hi || srf_ispunct(f, v + 1) || srf_is(f, v + 1, "that") ||
        (srf_cls(f, v + 1) & (L_PREP | L_TIMEW | L_WDAY | L_MONTH | L_PRON | L_ADV)))
        return SR_FACTS_NONE;
    /* one pass over the phrase: its head ends at a joining word or an -ing
     * form ("the resident speaking by Skype"); a verb before that makes it
     * a report ("said the town fell") */
    size_t h = SR_FACTS_NONE, e = v + 1;
    int in_head = 1;
    for (; e < hi && e < v + 21; e++) {
        uint64_t c = srf_cls(f, e);
        /* a name's short form in brackets goes with it ("said the Syrian
         * Observatory for Human Rights (SOHR) an independent group") */
        if (srf_punct(f, e, '(') && h != SR_FACTS_NONE && (f->tok[h].flags & SR_TOK_CAP)) {
            size_t j = e + 1;
            while (j < hi && j < e + 4 && !srf_ispunct(f, j))
                j++;
            if (j < hi && j > e + 1 && srf_punct(f, j, ')')) {
                e = j;
                continue;
            }
        }
        if ((srf_ispunct(f, e) && !(f->tok[e].flags & SR_TOK_POSS)) || (c & (L_SUBORD | L_REPORT)))
            break;
        if (!in_head)
            continue;
        size_t n = f->tok[e].norm_len;
        /* a name goes on through its joining words ("the Syrian
         * Observatory for Human Rights", "the Ministry of Defence") */
        if ((c & L_PREP) && h != SR_FACTS_NONE && (f->tok[h].flags & SR_TOK_CAP) &&
            e + 1 < hi && (f->tok[e + 1].flags & SR_TOK_CAP) && !(srf_cls(f, e + 1) & (L_WDAY | L_MONTH | L_TIMEW)))
            continue;
        /* ... or an apposition whose comma was lost ("said the
         * Observatory a British-based monitor") */
        if ((c & L_PREP) || (n > 4 && !memcmp(f->tok[e].norm + n - 3, "ing", 3)) ||
            ((srf_is(f, e, "a") || srf_is(f, e, "an")) && h != SR_FACTS_NONE &&
             (f->tok[h].flags & SR_TOK_CAP))) {
            in_head = 0;
            continue;
        }
        if (clause_verb(f, e) && !(c & (L_PPL | L_PSG | L_MEDIA)))
            return SR_FACTS_NONE;
        h = e;
    }
    if (h == SR_FACTS_NONE)
        return h;
    /* the rest of the sentence: nothing, or a relative clause about the speaker */
    while (e < hi && srf_ispunct(f, e) && !srf_punct(f, e, ','))
        e++;
    if (e < hi && !srf_is(f, e, "who") && !srf_is(f, e, "which"))
        return SR_FACTS_NONE;
    if (!inverting_cue(f, v) || ly_adverb(f, v + 1))
        return SR_FACTS_NONE;
    for (int k = 0; adv[k]; k++)
        if (srf_is(f, v + 1, adv[k]))
            return SR_FACTS_NONE;
    /* the head: a name, a person, a group or a medium */
    static const char *const heads[] = {"spokesman", "spokeswoman", "spokesperson", "commander",
                                        "source", "sources", "group", "observatory", "monitor",
                                        "ministry", "minister", "expert", "director", "head",
                                        "chief", "coalition", "army", "military", "government",
                                        "authorities", "president", "envoy", "governor",
                                        "leader", "secretary", "council", NULL};
    uint64_t hc = srf_cls(f, h);
    if (hc & (L_WDAY | L_TIMEW | L_MONTH | L_DET))
        return SR_FACTS_NONE;
    int head = (f->tok[h].flags & SR_TOK_CAP) || (hc & (L_PSG | L_PPL | L_MEDIA));
    for (int k = 0; !head && heads[k]; k++)
        if (srf_is(f, h, heads[k]))
            head = 1;
    if (!head)
        return SR_FACTS_NONE;
    /* "said the" and a name that ends the sentence is no main verb's
     * object, even where the clause before has a verb the word table does
     * not know ("mortar rounds struck near the embassy said the Syrian
     * Observatory") */
    if (e == hi && srf_is(f, v + 1, "the") && (f->tok[h].flags & SR_TOK_CAP) &&
        (srf_is(f, v, "said") || srf_is(f, v, "says")))
        return h;
    for (size_t j = lo; j < v; j++)
        if (clause_verb(f, j))
            return h;
    return SR_FACTS_NONE;
}

/* Token j is a dash standing alone: "-" or "--" (the text stage folds en
 * and em dashes to "-"). */
static int dash_at(const sr_facts *f, size_t j)
{
    return srf_punct(f, j, '-') || (srf_ispunct(f, j) && !strcmp(f->tok[j].norm, "--"));
}

static int one_cue(sr_facts *f, size_t s, size_t v, size_t lo, size_t hi)
{
    uint64_t c = srf_cls(f, v);
    const char *cuew = srf_lex(f, v)->w;
    uint32_t flags = (c & L_DENY) ? SR_FACTS_ATTR_DENIAL : 0;
    if (srf_is(f, v, "according")) {
        if (!srf_is(f, v + 1, "to"))
            return SR_OK;
        size_t e = np_fwd(f, v + 2, hi, 1);
        if (e <= v + 2)
            return SR_OK;
        size_t c0 = lo, c1 = v;
        if (v == lo || (v == lo + 1 && srf_ispunct(f, lo))) {
            c0 = e;
            c1 = hi;
        }
        return push_attr(f, s, v + 2, e, v, "according to", v, e, c0, c1, flags);
    }
    if (!report_cue(f, v, lo, hi))
        return SR_OK;
    if (v == lo)
        return SR_OK;
    size_t k = v - 1;
    int passive = 0;
    /* "could not be independently confirmed" is passive too */
    size_t kb = k;
    while (kb > lo && (srf_cls(f, kb) & L_ADV || srf_is(f, kb, "not") || ly_word(f, kb)))
        kb--;
    if (kb != k && is_aux_be(f, kb) && !(srf_is(f, v, "quoted") || srf_is(f, v, "cited")))
        return SR_OK;
    /* "was quoted as saying": the speaker stands before the auxiliary */
    if (is_aux_be(f, k)) {
        if (!(srf_is(f, v, "quoted") || srf_is(f, v, "cited")))
            return SR_OK;
        passive = 1;
        while (k > lo && is_aux_be(f, k))
            k--;
    }
    /* inverted: '"...," said Colonel Ali.'  Only verbs of saying invert;
     * after an apposition's comma a denial or a confirmation has its
     * subject before ("Bush's spokeswoman, Kristy Campbell, denied any
     * involvement") */
    if (!passive && (srf_punct(f, k, ',') || srf_punct(f, k, '"')) && v + 1 < hi &&
        !srf_ispunct(f, v + 1) && !srf_is(f, v + 1, "that") &&
        !(srf_cls(f, v + 1) & (L_PREP | L_TIMEW | L_WDAY)) && (srf_cls(f, v) & L_REPORT) &&
        (srf_punct(f, k, '"') || inverting_cue(f, v))) {
        size_t e = np_fwd(f, v + 1, hi, 0);
        /* "..., said the town had fallen" is no inversion: a verb follows
         * (a past form the table does not list too: "..., said the army
         * shelled the town"; not a participle before its preposition,
         * "said the statement issued by the General Staff") */
        int verb = 0;
        for (size_t j = v + 1; j < e; j++)
            if ((srf_cls(f, j) & (L_AUX | L_TPASS | L_TACT | L_TINTR | L_PLAN | L_HYPO | L_NEG)) ||
                (clause_verb(f, j) && j + 1 < hi && !(srf_cls(f, j + 1) & L_PREP)))
                verb = 1;
        if (e < hi && clause_verb(f, e))
            verb = 1;
        /* nor after an apposition, which tells no report before it: "The
         * Observatory, a Britain-based monitor, said government forces
         * shelled Douma" */
        if (srf_punct(f, k, ',')) {
            int told = 0;
            for (size_t j = lo; j < k && !told; j++)
                told = clause_verb(f, j) != 0;
            if (!told)
                verb = 1;
        }
        if (e > v + 1 && !verb)
            return push_attr(f, s, v + 1, e, v, cuew, v, e, lo, k, flags);
    }
    if (!passive) {
        size_t h = bare_inversion(f, v, lo, hi);
        if (h != SR_FACTS_NONE)
            return push_attr(f, s, v + 1, h + 1, v, cuew, v, h + 1, lo, v, flags);
    }
    /* "state television on Tuesday denied", "police also said" */
    /* (and "last week", "this month": the word that opens the time) */
    while (k > lo && (srf_cls(f, k) & (L_ADV | L_WDAY | L_TIMEW) || ly_adverb(f, k) ||
                      ((srf_cls(f, k) & L_DSTART) && k + 1 < v &&
                       (srf_cls(f, k + 1) & (L_WDAY | L_TIMEW | L_MONTH))) ||
                      srf_is(f, k, "has") ||
                      srf_is(f, k, "have") || srf_is(f, k, "had") || srf_is(f, k, "also") ||
                      (srf_is(f, k, "on") && (srf_cls(f, k + 1) & (L_WDAY | L_TIMEW)))))
        k--;
    size_t sp0, sp1, seg0 = SR_FACTS_NONE;
    if (srf_is(f, k, "and") && (c & L_REPORT) && k > lo) {
        size_t e2 = SR_FACTS_NONE;
        sp0 = coord_subject(f, lo, k, &e2);
        if (sp0 == SR_FACTS_NONE)
            return SR_OK;
        sp1 = e2 + 1;
        seg0 = k + 1;   /* what the speaker did first is no part of the report */
        goto found;
    }
    /* an appositive: "Ali, a spokesman for the rebels, said"; or an aside
     * between dashes, "The Observatory - which has a network of sources -
     * also said" */
    if ((srf_punct(f, k, ',') || dash_at(f, k)) && k > lo) {
        int dash = dash_at(f, k);
        size_t c2 = k - 1;
        while (c2 > lo && c2 + 20 > k && !(dash ? dash_at(f, c2) : srf_punct(f, c2, ',')) &&
               !srf_punct(f, c2, '"'))
            c2--;
        if ((dash ? dash_at(f, c2) : srf_punct(f, c2, ',')) && c2 > lo)
            k = c2 - 1;
        else
            return SR_OK;
        /* ("also" before the verb was passed; an adverb before the aside
         * too) */
        while (k > lo && (srf_is(f, k, "also") || ly_adverb(f, k)))
            k--;
    }
    sp0 = srf_np_back(f, lo, k);
    if (sp0 == SR_FACTS_NONE)
        return SR_OK;
    /* what the phrase found, no speaker itself, is the object of a
     * relative clause on the speaker, its commas lost: "Residents who fled
     * the town told", "The Observatory which has a network of sources
     * said" */
    /* (up to twenty words back: "the Observatory which monitors violence
     * in Syria through a network of sources in the country on both sides
     * quoted") */
    for (size_t r = sp0; r > lo && r + 20 > sp0; r--) {
        size_t w = r - 1;
        if ((srf_ispunct(f, w) && !(f->tok[w].flags & SR_TOK_POSS)) ||
            (srf_cls(f, w) & (L_CONJ | L_REPORT)))
            break;
        /* ("a publication that specializes in unconventional weapons
         * tells": "that" after a noun) */
        if (!srf_is(f, w, "who") && !srf_is(f, w, "which") &&
            !(srf_is(f, w, "that") && w > lo && !srf_cls(f, w - 1) && !srf_ispunct(f, w - 1)))
            continue;
        /* a subject relative: the pronoun's verb follows it at once (an
         * unknown word in -s there is one: "which relies on", "which
         * oversees") */
        size_t x = w + 1;
        size_t xn = x <= sp0 ? f->tok[x].norm_len : 0;
        int verb = x <= sp0 && ((clause_verb(f, x) && !(srf_cls(f, x) & L_ADV)) ||
                                srf_is(f, x, "has") || srf_is(f, x, "have") || srf_is(f, x, "had") ||
                                (xn > 3 && !srf_cls(f, x) && !(f->tok[x].flags & SR_TOK_CAP) &&
                                 f->tok[x].norm[xn - 1] == 's' && f->tok[x].norm[xn - 2] != 's'));
        /* a phrase right after that verb is its object, never the
         * speaker, though a name ends it ("Central Command which oversees
         * US military operations in the Middle East said") */
        int obj = verb && sp0 == x + 1;
        if (!obj && ((f->tok[k].flags & SR_TOK_CAP) || srf_speaker_head(f, k) ||
                     (srf_cls(f, k) & (L_PSG | L_PRON)) || srf_is(f, k, "statement") ||
                     srf_is(f, k, "report") || srf_is(f, k, "reports") || srf_is(f, k, "claim") ||
                     srf_is(f, k, "group") || srf_is(f, k, "monitor") ||
                     srf_is(f, k, "agency") || srf_is(f, k, "ministry") ||
                     srf_is(f, k, "organisation") || srf_is(f, k, "organization")))
            break;
        /* and what stands between it and the phrase is no object of its
         * own ("who blew himself up the statement said") */
        for (size_t y = x + 1; verb && y < sp0; y++)
            if (srf_cls(f, y) & (L_PRON | L_CONJ))
                verb = 0;
        if (verb && w > lo) {
            size_t s2 = srf_np_back(f, lo, w - 1);
            if (s2 != SR_FACTS_NONE) {
                sp0 = s2;
                k = w - 1;
            }
        }
        break;
    }
found:
    if (seg0 == SR_FACTS_NONE) {
        seg0 = sp0;
        sp1 = k + 1;
    }
    if ((c & L_MEDIAV) && !(c & L_REPORT)) {
        int media = 0;
        for (size_t j = sp0; j <= k; j++)
            if (srf_cls(f, j) & L_MEDIA)
                media = 1;
        if (!media)
            return SR_OK;
    }
    size_t seg1, c0, c1;
    if (trailer_only(f, v + 1, hi)) {
        seg1 = hi;
        while (seg1 > v + 1 && srf_ispunct(f, seg1 - 1) && !srf_punct(f, seg1 - 1, '"'))
            seg1--;
        c0 = lo;
        c1 = sp0;
    } else {
        /* skip what qualifies the speech act: a date, "in a statement", "that" */
        size_t j = v + 1;
        for (int n = 0; j < hi && n < 12; n++) {
            uint64_t cj = srf_cls(f, j);
            int date_tok = f->num_at[j] != SR_FACTS_NONE &&
                           ((const sr_facts_number *)f->nums.items)[f->num_at[j]].kind ==
                               SR_FACTS_NK_DAY;
            if (srf_is(f, j, "that") || srf_punct(f, j, ':') || srf_punct(f, j, ',')) {
                j++;
                break;
            }
            if (cj & (L_WDAY | L_TIMEW | L_MONTH) || date_tok || srf_is(f, j, "on") ||
                srf_is(f, j, "in") || srf_is(f, j, "a") || srf_is(f, j, "statement") ||
                srf_is(f, j, "late") || srf_is(f, j, "earlier")) {
                j++;
                continue;
            }
            /* "told Reuters": the listener is no part of the content */
            if (srf_is(f, v, "told") && ((f->tok[j].flags & SR_TOK_CAP) ||
                                         srf_is(f, j, "reporters") ||
                                         srf_is(f, j, "journalists"))) {
                j++;
                continue;
            }
            break;
        }
        seg1 = j > v + 1 ? j : v + 1;
        c0 = seg1;
        c1 = hi;
    }
    return push_attr(f, s, sp0, sp1, v, cuew, seg0, seg1, c0, c1, flags);
}

int srf_attrs(sr_facts *f, size_t s)
{
    if (!(f->scls[s] & ATTR_GATE))
        return SR_OK;
    size_t lo = f->sent[s].tok, hi = lo + f->sent[s].ntok;
    for (size_t v = lo; v < hi; v++) {
        v = srf_next_want(f->want, v, hi, SRF_W_ATTR); /* no cue: most words */
        if (v >= hi)
            break;
        uint64_t c = f->cls[v];
        int rc = SR_OK;
        if (c & (L_REPORT | L_MEDIAV))
            rc = one_cue(f, s, v, lo, hi);
        else if ((c & L_REFUTE) && v + 3 < hi) {
            /* "rejected claims that", "dismissed reports of" */
            for (size_t j = v + 1; j <= v + 3; j++)
                if (srf_cls(f, j) & L_CLAIMN) {
                    size_t k = v - (v > lo ? 1 : 0);
                    size_t sp0 = v > lo ? srf_np_back(f, lo, k) : SR_FACTS_NONE;
                    if (sp0 != SR_FACTS_NONE)
                        rc = push_attr(f, s, sp0, k + 1, v, srf_lex(f, v)->w, sp0, j + 1, j + 1, hi,
                                       SR_FACTS_ATTR_DENIAL);
                    break;
                }
        }
        if (rc)
            return rc;
    }
    return SR_OK;
}

/* Sentences inside a quotation that began or ends in another sentence take
 * that sentence's speaker. */
int srf_attrs_carry(sr_facts *f)
{
    size_t n = f->nsent;
    if (!n || !f->attrs.len)
        return SR_OK;
    size_t *first = sr_arena_alloc(f->a, n * sizeof *first);
    size_t *src = sr_arena_alloc(f->a, n * sizeof *src);
    if (!first || !src)
        return SR_ENOMEM;
    const sr_facts_attr *old = f->attrs.items;
    for (size_t s = 0; s < n; s++)
        first[s] = src[s] = SR_FACTS_NONE;
    for (size_t k = f->attrs.len; k-- > 0;)
        first[old[k].sentence] = k;
    int inq = 0;
    size_t open_s = 0;
    /* the quotation marks, from the list of them (in token order, as
     * the sentences are) */
    const size_t *qs = f->quotes.items;
    size_t nq = f->quotes.len, qi = 0;
    for (size_t s = 0; s < n; s++) {
        size_t lo = f->sent[s].tok, hi = lo + f->sent[s].ntok;
        int start_in = inq;
        while (qi < nq && qs[qi] < lo)
            qi++;
        for (; qi < nq && qs[qi] < hi; qi++)
            inq = !inq;
        if (!start_in && inq)
            open_s = s;
        if (start_in && !inq) {
            /* a quotation ran from open_s to s */
            size_t from = first[open_s] != SR_FACTS_NONE ? first[open_s] : first[s];
            if (from != SR_FACTS_NONE)
                for (size_t t = open_s; t <= s; t++)
                    if (first[t] == SR_FACTS_NONE)
                        src[t] = from;
        }
        /* a paragraph break closes a quotation left open */
        if (s + 1 < n && (f->tok[f->sent[s + 1].tok].flags & SR_TOK_NL_BEFORE) && inq &&
            start_in)
            inq = 0;
    }
    sr_vec nv = {0};
    for (size_t s = 0; s < n; s++) {
        if (first[s] != SR_FACTS_NONE) {
            for (size_t k = first[s]; k < f->attrs.len && old[k].sentence == s; k++) {
                sr_facts_attr *at = sr_vec_push(&nv, f->a, sizeof *at);
                if (!at)
                    return SR_ENOMEM;
                *at = old[k];
            }
        } else if (src[s] != SR_FACTS_NONE) {
            sr_facts_attr *at = sr_vec_push(&nv, f->a, sizeof *at);
            if (!at)
                return SR_ENOMEM;
            *at = old[src[s]];
            at->sentence = s;
            at->flags |= SR_FACTS_ATTR_INHERITED | SR_FACTS_ATTR_QUOTED;
            at->content_start = f->sent[s].start;
            at->content_end = f->sent[s].end;
        }
    }
    f->attrs = nv;
    return SR_OK;
}

static size_t sent_of_byte(const sr_facts *f, size_t b)
{
    size_t lo = 0, hi = f->nsent;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->sent[mid].end <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < f->nsent && b >= f->sent[lo].start)
        return lo;
    return SR_FACTS_NONE;
}

int sr_facts_attribution(const sr_facts *f, size_t start, size_t end, size_t verb_start,
                         size_t verb_end, sr_facts_attr *out)
{
    if (!f)
        return 0;
    size_t s = sent_of_byte(f, start);
    if (s == SR_FACTS_NONE)
        return 0;
    const sr_facts_attr *at = f->attrs.items;
    size_t lo = 0, hi = f->attrs.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (at[mid].sentence < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* the sentence's attributions are in cue order: look at those near the range */
    size_t first = lo, p = lo;
    while (p < f->attrs.len && at[p].sentence == s && at[p].seg_start < start && p < first + 64)
        p++;
    if (p == first + 64) {
        size_t b0 = lo, b1 = f->attrs.len;
        while (b0 < b1) {
            size_t mid = b0 + (b1 - b0) / 2;
            if (at[mid].sentence < s || (at[mid].sentence == s && at[mid].seg_start < start))
                b0 = mid + 1;
            else
                b1 = mid;
        }
        p = b0;
    }
    const sr_facts_attr *pick = NULL;
    size_t w0 = p > first + 32 ? p - 32 : first;
    /* (one in a phrase of time still reports what its content holds:
     * "a day after Hollande said Syrian forces had committed a war
     * crime") */
    for (size_t k = first; k < f->attrs.len && at[k].sentence == s && k < first + 64 && !pick; k++)
        if (!(at[k].flags & SR_FACTS_ATTR_TIMED) ||
            (verb_end > verb_start && verb_start >= at[k].content_start &&
             verb_start < at[k].content_end) ||
            (verb_end > verb_start && at[k].cue_tok < f->ntok &&
             verb_start == f->tok[at[k].cue_tok].start))
            pick = &at[k];   /* (and its own cue's statement: Hollande said) */
    for (size_t k = w0; k < f->attrs.len && at[k].sentence == s && k < p + 32; k++) {
        if (start >= at[k].content_start && start < at[k].content_end && end <= at[k].content_end) {
            pick = &at[k];
            break;
        }
    }
    /* A statement or declaration is not attributed to itself when another
     * report holds it ("The army declared a curfew, the ministry said":
     * the ministry's): the closest such report of the sentence. */
    if (pick && verb_end > verb_start && verb_start >= pick->seg_start &&
        verb_start < pick->seg_end) {
        size_t inner = SIZE_MAX;
        for (size_t k = first; k < f->attrs.len && at[k].sentence == s && k < first + 64; k++)
            if (&at[k] != pick && verb_start >= at[k].content_start &&
                verb_start < at[k].content_end &&
                at[k].content_end - at[k].content_start < inner) {
                pick = &at[k];
                inner = at[k].content_end - at[k].content_start;
            }
    }
    if (!pick)
        return 0;
    /* what the speaker did between its name and its cue ("Police arrested
     * them and insisted") is its own act, not what it reports */
    if (verb_end > verb_start && pick->sentence == s && !(pick->flags & SR_FACTS_ATTR_INHERITED) &&
        pick->cue_tok < f->ntok && verb_start >= pick->end &&
        verb_start < f->tok[pick->cue_tok].start)
        return 0;
    if (out)
        *out = *pick;
    return 1;
}

int sr_facts_attr_json(const sr_facts_attr *at, const char *code, sr_buf *out)
{
    int rc = sr_buf_puts(out, "{\"text\":");
    rc |= sr_json_str(out, at->text, at->len);
    rc |= sr_buf_puts(out, ",\"code\":");
    rc |= code ? sr_json_str(out, code, strlen(code)) : sr_buf_puts(out, "null");
    rc |= sr_buf_printf(out, ",\"start\":%zu,\"end\":%zu,\"cue\":", at->start, at->end);
    rc |= sr_json_str(out, at->cue, strlen(at->cue));
    rc |= sr_buf_printf(out, ",\"quoted\":%s,\"denial\":%s}",
                        (at->flags & SR_FACTS_ATTR_QUOTED) ? "true" : "false",
                        (at->flags & SR_FACTS_ATTR_DENIAL) ? "true" : "false");
    return rc ? SR_ENOMEM : SR_OK;
}
