/*
 * facts_count.c - casualty and impact counts in GDELT's knowledge-graph
 * spirit: KILL, WOUND, ARREST, KIDNAP, DISPLACE, PROTEST, AFFECT.
 *
 * Patterns, tried for each number of a sentence in text order:
 *   part of a count before it   "123 killed, 59 of them civilians", "including 5 children"
 *   trigger before the number   "killed 12 people", "left 12 dead", "the deaths of 12"
 *   number before the trigger   "12 people were killed", "12 dead", "thousands of protesters"
 * then singular and zero subjects ("a journalist was killed", "no one was hurt"),
 * running tolls ("the death toll rose to 19,000") and cumulative cues
 * ("since March 2011", "in the 16-month uprising").
 */
#include <stdlib.h>
#include <string.h>

#include "facts_count.h"

const sr_facts_number *srfc_num(const ctx *x, size_t n)
{
    return &((const sr_facts_number *)x->f->nums.items)[n];
}

/* "Iraqis", "Palestinians": a capitalised plural not in the table. */
static int demonym(const sr_facts *f, size_t j)
{
    const sr_token *t = &f->tok[j];
    return (t->flags & SR_TOK_CAP) && !(t->flags & SR_TOK_UPPER) && t->norm_len > 3 &&
           t->norm[t->norm_len - 1] == 's' && !(srf_cls(f, j) & NP_STOP) &&
           !(t->flags & SR_TOK_NUM);
}

/* "a Palestinian", "an Israeli", "an Afghan": a capitalised singular of
 * a demonym's ending with no noun after it ("a Palestinian who tried",
 * "a Palestinian was shot"; not "a Palestinian village"). */
static int demonym_one(const sr_facts *f, size_t j, size_t hi)
{
    const sr_token *t = &f->tok[j];
    if (!(t->flags & SR_TOK_CAP) || (t->flags & (SR_TOK_UPPER | SR_TOK_NUM)) || t->norm_len < 4 ||
        (srf_cls(f, j) & NP_STOP))
        return 0;
    const char *w = t->norm;
    size_t n = t->norm_len;
    int ends = (w[n - 2] == 'a' && w[n - 1] == 'n') || !strcmp(w + n - 3, "ese") ||
               (w[n - 1] == 'i' && w[n - 2] != 'i') || !strcmp(w, "turk") || !strcmp(w, "kurd") ||
               !strcmp(w, "arab") || !strcmp(w, "briton");
    if (!ends)
        return 0;
    return j + 1 >= hi || (f->tok[j + 1].flags & SR_TOK_PUNCT) || (srf_cls(f, j + 1) & NP_STOP);
}

/* Whether "a" or "an" before such a demonym stands in tokens [lo, hi). */
static int a_demonym(const sr_facts *f, size_t lo, size_t hi)
{
    for (size_t i = lo; i + 1 < hi; i++) {
        i = srf_next_want(f->want, i, hi, SRF_W_DETNEG);
        if (i + 1 >= hi)
            break;
        if ((srf_is(f, i, "a") || srf_is(f, i, "an")) && demonym_one(f, i + 1, hi))
            return 1;
    }
    return 0;
}

int srfc_modifier(const sr_facts *f, size_t j)
{
    const sr_token *t = &f->tok[j];
    /* "alleged rebels", "wounded soldiers": a participle before a people noun */
    if ((srf_cls(f, j) & (L_REPORT | L_TPASS)) && (srf_cls(f, j + 1) & (L_PPL | L_PSG)))
        return 1;
    if (t->flags & SR_TOK_NUM) {
        size_t n = f->num_at[j];
        return n != SR_FACTS_NONE &&
               (((const sr_facts_number *)f->nums.items)[n].kind == SR_FACTS_NK_AGE ||
                ((const sr_facts_number *)f->nums.items)[n].kind == SR_FACTS_NK_MODIFIER);
    }
    if (!(t->flags & SR_TOK_WORD))
        return 0;
    return !(srf_cls(f, j) & NP_STOP);
}

/* The people noun phrase starting at j: its head token (or NONE) and the
 * token after it.  want: L_PPL, L_PSG or both. */
size_t srfc_people_np(const sr_facts *f, size_t j, size_t hi, uint64_t want, size_t *end)
{
    size_t k = j;
    for (int steps = 0; k < hi && steps < 6; steps++) {
        uint64_t c = srf_cls(f, k);
        if (c & want) {
            size_t head = k++;
            /* "police officers" extends; "foreigners hostage" does not */
            while (k < hi && (srf_cls(f, k) & want) &&
                   !((srf_cls(f, head) & L_PPL) && !(srf_cls(f, k) & L_PPL)))
                head = k++;
            *end = k;
            return head;
        }
        if ((want & L_PPL) && demonym(f, k) && !(k + 1 < hi && (srf_cls(f, k + 1) & want))) {
            *end = k + 1;
            return k;
        }
        if ((want & L_PSG) && k > 0 && (srf_is(f, k - 1, "a") || srf_is(f, k - 1, "an")) &&
            demonym_one(f, k, hi)) {
            *end = k + 1;
            return k;
        }
        /* (a name's other names in brackets: "twenty Islamic State
         * (ISIL or Daesh) operatives") */
        if (srf_punct(f, k, '(') && k > j && (f->tok[k - 1].flags & SR_TOK_CAP)) {
            size_t q = k + 1;
            while (q < hi && q < k + 6 &&
                   ((f->tok[q].flags & SR_TOK_CAP) || srf_is(f, q, "or") || srf_is(f, q, "and") ||
                    srf_punct(f, q, '-')))
                q++;
            if (q < hi && q > k + 1 && srf_punct(f, q, ')')) {
                k = q + 1;
                continue;
            }
        }
        /* ("3 other persons", "two other people") */
        if (!srfc_modifier(f, k) && !(srf_is(f, k, "other") && k + 1 < hi))
            break;
        k++;
    }
    *end = j;
    return SR_FACTS_NONE;
}

/* A count at token j whose people ("43 others", "six civilians") stand
 * right before a casualty participle: the next item of a headline's
 * list ("13 civilians killed 43 others injured"), no verb's object. */
int srfc_listed_next(const sr_facts *f, size_t j, size_t hi)
{
    if (j >= hi || f->num_at[j] == SR_FACTS_NONE)
        return 0;
    const sr_facts_number *nu = &((const sr_facts_number *)f->nums.items)[f->num_at[j]];
    if (nu->tok_start != j)
        return 0;
    size_t end, b = nu->tok_end;
    if (srfc_people_np(f, b, hi, L_PPL | L_PSG, &end) == SR_FACTS_NONE) {
        /* (or the count alone: "25 civilians killed 80 injured"; not
         * before a people noun the participle qualifies, "12 wounded
         * soldiers") */
        if (b < hi && (srf_cls(f, b) & L_TPASS))
            return b + 1 >= hi || !(srf_cls(f, b + 1) & (L_PPL | L_PSG));
        if (b >= hi || !(srf_cls(f, b) & L_OTHERS))
            return 0;
        end = b + 1;
    }
    return end < hi && (srf_cls(f, end) & L_TPASS);
}

/* A count a few words before the verb at token t, in its subject's
 * phrase ("Four people including a child killed"): the verb is the
 * first item of such a list. */
static int count_before(const sr_facts *f, size_t t, size_t lo)
{
    /* (or a headline's lone person and a participle: "Child killed two
     * others injured", "A policeman killed, two others wounded"; not
     * "Kurds kill 83") */
    size_t h = t > lo ? srfc_headline_start(f, lo, t) : lo;
    if (t > lo && (srf_cls(f, t - 1) & L_PSG) && (srf_cls(f, t) & L_TPASS) &&
        (t - 1 == h || (t - 2 == h && (srf_is(f, h, "a") || srf_is(f, h, "an")))))
        return 1;
    for (size_t j = t; j-- > lo && j + 7 > t;) {
        if (f->num_at[j] != SR_FACTS_NONE)
            return ((const sr_facts_number *)f->nums.items)[f->num_at[j]].kind ==
                   SR_FACTS_NK_QUANTITY;
        if (srf_cls(f, j) & (L_TPASS | L_TACT | L_AUX) || srf_punct(f, j, ','))
            return 0;
    }
    return 0;
}

int srfc_adverb(const sr_facts *f, size_t j)
{
    const sr_token *t = &f->tok[j];
    return (srf_cls(f, j) & L_ADV) ||
           (t->norm_len > 4 && !strcmp(t->norm + t->norm_len - 2, "ly") &&
            !(srf_cls(f, j) & (L_PPL | L_PSG)) && (t->flags & SR_TOK_WORD));
}

int srfc_passive_before(const sr_facts *f, size_t lo, size_t t)
{
    static const char *const be[] = {"was", "were", "is", "are", "be", "been", "being", "get",
                                     "got", "gets", "getting", NULL};
    size_t k = t;
    while (k > lo && srfc_adverb(f, k - 1) && !(srf_is(f, k - 1, "been") || srf_is(f, k - 1, "being")))
        k--;
    if (k == lo)
        return 0;
    k--;
    for (int n = 0; be[n]; n++)
        if (srf_is(f, k, be[n]))
            return 1;
    return 0;
}

cnt *srfc_add(ctx *x, int type, size_t nidx, int64_t v, size_t t0, size_t t1, size_t head,
              size_t trig0, size_t trig1)
{
    sr_facts *f = x->f;
    cnt *k = sr_vec_push(&x->v, f->a, sizeof *k);
    if (!k)
        return NULL;
    k->parent_local = k->parent_global = SR_FACTS_NONE;
    sr_facts_count *c = &k->c;
    c->type = type;
    c->number_idx = nidx;
    if (nidx != SR_FACTS_NONE) {
        const sr_facts_number *n = srfc_num(x, nidx);
        c->number = n->value;
        c->low = n->low;
        c->high = n->high;
        c->qual = n->qual;
    } else {
        c->number = c->low = c->high = v;
        c->qual = SR_FACTS_EXACT;
    }
    c->people = head != SR_FACTS_NONE ? f->tok[head].norm : NULL;
    c->trigger_tok = trig0;
    c->trigger_start = f->tok[trig0].start;
    c->trigger_end = f->tok[trig1 - 1].end;
    c->sentence = x->s;
    c->part_of = SR_FACTS_NONE;
    size_t a = t0 < trig0 ? t0 : trig0, b = t1 > trig1 ? t1 : trig1;
    if (head != SR_FACTS_NONE && head + 1 > b)
        b = head + 1;
    k->t0 = a;
    k->t1 = b;
    c->start = f->tok[a].start;
    c->end = f->tok[b - 1].end;
    for (size_t j = t0; j < t1; j++)
        x->used[j - x->lo] = 1;
    for (size_t j = a; j < b && j < x->hi; j++)
        if (j >= x->lo)
            x->cat[j - x->lo] = x->v.len - 1;
    return k;
}

/* ---- patterns for one number ------------------------------------------ */

/* The count this one is part of: the latest earlier count of the sentence,
 * or, for anaphora ("of them"), the last one of the document. */
int srfc_find_parent(ctx *x, size_t before, int anaphoric, size_t *loc, size_t *glob)
{
    cnt *all = x->v.items;
    /* look back a bounded stretch, so giant sentences stay linear */
    size_t stop = before > x->lo + 60 ? before - 60 : x->lo;
    for (size_t j = before; j-- > stop;) {
        size_t i = x->cat[j - x->lo];
        if (i != SR_FACTS_NONE && all[i].t0 < before && all[i].parent_local == SR_FACTS_NONE &&
            all[i].parent_global == SR_FACTS_NONE) {
            *loc = i;
            return 1;
        }
    }
    if (anaphoric && x->f->counts.len) {
        const sr_facts_count *g = x->f->counts.items;
        for (size_t i = x->f->counts.len; i-- > 0 && g[i].sentence + 1 >= x->s;)
            if (g[i].part_of == SR_FACTS_NONE) {
                *glob = i;
                return 1;
            }
    }
    return 0;
}

static int part_of(ctx *x, size_t n)
{
    sr_facts *f = x->f;
    size_t a = srfc_num(x, n)->tok_start, b = srfc_num(x, n)->tok_end, hi = x->hi, lo = x->lo;
    int anaphoric = 0, pre = 0;
    size_t after = b;
    if (a > lo && srf_is(f, a - 1, "including"))
        pre = 1;
    else if (a > lo + 1 && srf_is(f, a - 2, "among") &&
             (srf_is(f, a - 1, "them") || srf_is(f, a - 1, "whom") || srf_is(f, a - 1, "those")))
        pre = anaphoric = 1;
    else if (a > lo + 1 && srf_is(f, a - 2, "of") && srf_is(f, a - 1, "whom"))
        pre = anaphoric = 1;
    else if (a > lo + 2) {
        /* "among the dead were 12 children" */
        size_t j = a - 1;
        if (srf_cls(f, j) & L_AUX)
            j--;
        if (j > lo + 1 &&
            ((srf_cls(f, j) & (L_TADJ | L_TNOUN | L_TPASS)) || srf_is(f, j, "victims")) &&
            (srf_is(f, j - 1, "the") || srf_is(f, j - 1, "those")) && j >= lo + 2 &&
            srf_is(f, j - 2, "among"))
            pre = anaphoric = 1;
    }
    /* "among them 85 civilians and 50 soldiers": the second part too */
    if (!pre && a > lo && (srf_is(f, a - 1, "and") || srf_punct(f, a - 1, ',')) && x->v.len) {
        cnt *prev = &((cnt *)x->v.items)[x->v.len - 1];
        if ((prev->parent_local != SR_FACTS_NONE || prev->parent_global != SR_FACTS_NONE) &&
            prev->t1 == a - 1) {
            size_t end, head = srfc_people_np(f, b, hi, L_PPL | L_PSG, &end);
            if (head == SR_FACTS_NONE)
                return 0;
            sr_facts_count pc = prev->c;
            size_t pl = prev->parent_local, pg = prev->parent_global;
            cnt *k = srfc_add(x, pc.type, n, 0, a, end, head, a, b);
            if (!k)
                return -1;
            k->parent_local = pl;
            k->parent_global = pg;
            k->c.trigger_tok = pc.trigger_tok;
            k->c.trigger_start = pc.trigger_start;
            k->c.trigger_end = pc.trigger_end;
            k->c.cumulative = pc.cumulative;
            return 1;
        }
    }
    if (!pre && srf_is(f, b, "of") &&
        (srf_is(f, b + 1, "them") || srf_is(f, b + 1, "whom") || srf_is(f, b + 1, "those"))) {
        anaphoric = 1;
        after = b + 2;
        /* "of those killed" */
        if (srf_is(f, b + 1, "those") && (srf_cls(f, b + 2) & (L_TPASS | L_TADJ)))
            after = b + 3;
    } else if (!pre && srf_is(f, b, "of") && srf_is(f, b + 1, "the") &&
               (srf_cls(f, b + 2) & (L_TADJ | L_TNOUN) || srf_is(f, b + 2, "victims"))) {
        anaphoric = 1;
        after = b + 3;
    } else if (!pre) {
        size_t end;
        size_t head = srfc_people_np(f, b, hi, L_PPL | L_PSG, &end);
        if (head != SR_FACTS_NONE && srfc_among_them(f, end)) {
            /* "15 civilians, 3 children among them," */
            anaphoric = 1;
        } else if (head != SR_FACTS_NONE && srfc_part_noun(f, head) && a > lo && x->v.len &&
                   ((cnt *)x->v.items)[x->v.len - 1].c.people == f->tok[a - 1].norm) {
            /* "15 Syrian civilians 3 children killed": right after the
             * people of the count before */
        } else {
            return 0;
        }
    }
    size_t loc = SR_FACTS_NONE, glob = SR_FACTS_NONE;
    if (!srfc_find_parent(x, a, anaphoric, &loc, &glob))
        return 0;
    const sr_facts_count *pc = loc != SR_FACTS_NONE ? &((cnt *)x->v.items)[loc].c
                                                     : &((sr_facts_count *)f->counts.items)[glob];
    size_t j = after, end;
    while (j < hi && (srf_cls(f, j) & L_AUX))
        j++;
    /* ("one of them a child": the part's noun after its article) */
    if (j + 1 < hi && (srf_is(f, j, "a") || srf_is(f, j, "an")))
        j++;
    size_t head = srfc_people_np(f, j, hi, L_PPL | L_PSG, &end);
    if (head == SR_FACTS_NONE)
        end = b;
    sr_facts_count parent = *pc;
    size_t ttok = parent.trigger_tok;
    cnt *k = srfc_add(x, parent.type, n, 0, a, end > b ? end : b, head, a, b);
    if (!k)
        return -1;
    k->parent_local = loc;
    k->parent_global = glob;
    if (!k->c.people)
        k->c.people = parent.people;
    k->c.trigger_tok = ttok;
    k->c.trigger_start = parent.trigger_start;
    k->c.trigger_end = parent.trigger_end;
    k->c.cumulative = parent.cumulative;
    return 1;
}

/* "the lives of" at k is a toll ("claimed the lives of 12") unless they
 * were saved or put at risk ("saved the lives of 3,000"). */
static int lives_saved(const sr_facts *f, size_t k, size_t lo)
{
    static const char *const verbs[] = {"save",    "saved",    "saves",   "saving",  "spare",
                                        "spared",  "spares",   "sparing", "protect", "protected",
                                        "protects", "protecting", "risk",  "risked",  "risks",
                                        "risking", "endanger", "endangered", "endangering",
                                        "threaten", "threatened", "threatening", "threatens"};
    for (size_t j = k, d = 0; j > lo && d < 3; d++) {
        j--;
        for (size_t v = 0; v < sizeof verbs / sizeof *verbs; v++)
            if (srf_is(f, j, verbs[v]))
                return 1;
    }
    return 0;
}

/* Trigger before the number: "killed 12", "killing or wounding 50",
 * "left 12 dead", "the deaths of 12", "a crowd of 5,000". */
static int trigger_before(ctx *x, size_t n)
{
    sr_facts *f = x->f;
    const sr_facts_number *nu = srfc_num(x, n);
    size_t a = nu->tok_start, b = nu->tok_end, lo = x->lo, hi = x->hi, end;
    if (a <= lo || (srfc_listed_next(f, a, hi) && count_before(f, a - 1, lo)))
        return 0;
    size_t t = a - 1;
    if (t > lo && (srf_is(f, t, "further") || srf_is(f, t, "additional")) &&
        (srf_is(f, t - 1, "a") || srf_is(f, t - 1, "an")))
        t -= 2;
    else if (t > lo && srf_is(f, t, "another"))
        t--;
    /* "killed a woman and her two children": the object's kin */
    else if (t > lo && (srf_is(f, t, "her") || srf_is(f, t, "his") || srf_is(f, t, "their")) &&
             srf_is(f, t - 1, "and"))
        t--;
    uint64_t c = srf_cls(f, t);
    size_t head = srfc_people_np(f, b + (srf_is(f, b, "of") && nu->qual == SR_FACTS_VAGUE), hi,
                            L_PPL | L_PSG, &end);
    if (head == SR_FACTS_NONE)
        end = b;
    /* "raids claimed 17 lives", "cost 12 lives", "took 30 lives" */
    if (head == SR_FACTS_NONE && b < hi && (srf_is(f, b, "lives") || srf_is(f, b, "life")) &&
        (srf_is(f, t, "claimed") || srf_is(f, t, "claim") || srf_is(f, t, "claims") ||
         srf_is(f, t, "claiming") || srf_is(f, t, "cost") || srf_is(f, t, "costs") ||
         srf_is(f, t, "costing") || srf_is(f, t, "took") || srf_is(f, t, "taking") ||
         srf_is(f, t, "takes"))) {
        cnt *k = srfc_add(x, SR_FACTS_KILL, n, 0, a, b + 1, head, t, t + 1);
        if (!k)
            return -1;
        k->obj = 1;
        return 1;
    }
    /* a bare number must not be followed by a noun that is not people */
    if (head == SR_FACTS_NONE && b < hi && srfc_modifier(f, b) && !(srf_cls(f, b) & L_OTHERS))
        return 0;
    if (head == SR_FACTS_NONE && (srf_cls(f, b) & L_OTHERS)) {
        head = b;
        end = b + 1;
    }
    /* "detained 40 people and three journalists": same trigger as the
     * object before, unless a verb of its own follows ("killed three
     * civilians and 12 people were wounded": the 12 had been dead) */
    trig own;
    if ((srf_is(f, t, "and") || srf_punct(f, t, ',')) && x->v.len &&
        !srfc_trigger_after(f, srfc_skip_inserts(f, end, hi), hi, head != SR_FACTS_NONE, &own)) {
        cnt *prev = &((cnt *)x->v.items)[x->v.len - 1];
        if (prev->obj && prev->t1 == t && head != SR_FACTS_NONE) {
            sr_facts_count pc = prev->c;
            cnt *k = srfc_add(x, pc.type, n, 0, a, end, head, pc.trigger_tok, pc.trigger_tok + 1);
            if (!k)
                return -1;
            k->obj = 1;
            k->c.trigger_start = pc.trigger_start;
            k->c.trigger_end = pc.trigger_end;
            return 1;
        }
    }
    /* gapped: "Four people were killed in Douma and three in Harasta",
     * "two soldiers died in Idlib and three rebels in Hama": the count
     * before's trigger again, when a place stood after it and stands
     * after this one */
    if (srf_is(f, t, "and") && x->v.len && srfc_gapped(f, &((cnt *)x->v.items)[x->v.len - 1], t, end, hi)) {
        const cnt *prev = &((cnt *)x->v.items)[x->v.len - 1];
        sr_facts_count pc = prev->c;
        cnt *k = srfc_add(x, pc.type, n, 0, a, end, head, pc.trigger_tok, pc.trigger_tok + 1);
        if (!k)
            return -1;
        k->c.trigger_start = pc.trigger_start;
        k->c.trigger_end = pc.trigger_end;
        if (head == SR_FACTS_NONE)
            k->c.people = pc.people;
        return 1;
    }
    /* "killed a woman and her two children": after one person, the
     * object of an active trigger before it (counted by srfc_singular) */
    if (srf_is(f, t, "and") && head != SR_FACTS_NONE && t > lo + 2 && (srf_cls(f, t - 1) & L_PSG)) {
        size_t d = t - 1;
        while (d > lo && d + 4 > t && !(srf_cls(f, d - 1) & L_DET) && srfc_modifier(f, d - 1))
            d--;
        size_t tr = d - 2;
        if (d > lo + 1 && (srf_is(f, d - 1, "a") || srf_is(f, d - 1, "an")) &&
            (srf_cls(f, tr) & (L_TACT | L_TPASS)) && srf_ctype(f, tr) >= 0 &&
            !srf_is(f, tr, "shot") && !srfc_passive_before(f, lo, tr)) {
            cnt *k = srfc_add(x, srf_ctype(f, tr), n, 0, a, end, head, tr, tr + 1);
            if (!k)
                return -1;
            k->obj = 1;
            return 1;
        }
    }
    /* "left 12 people dead" */
    if (srf_is(f, t, "left") || srf_is(f, t, "leaving") || srf_is(f, t, "leaves") ||
        srf_is(f, t, "leave")) {
        if (end < hi && (srf_cls(f, end) & L_TADJ)) {
            cnt *k = srfc_add(x, srf_ctype(f, end), n, 0, a, end + 1, head, end, end + 1);
            return k ? 1 : -1;
        }
        return 0;
    }
    /* "the deaths of 12", "the lives of", "a crowd of 5,000", "toll of 12" */
    if (srf_is(f, t, "of") && t > lo) {
        uint64_t p = srf_cls(f, t - 1);
        int type = -1;
        if ((p & L_TNOUN) && srf_ctype(f, t - 1) >= 0)
            type = srf_ctype(f, t - 1);
        else if (srf_is(f, t - 1, "lives") && !lives_saved(f, t - 1, lo))
            type = SR_FACTS_KILL;
        else if (p & (L_CROWD | L_PNOUN))
            type = SR_FACTS_PROTEST;
        else if ((p & L_TOLL))
            type = SR_FACTS_KILL;
        else if (srf_is(f, t - 1, "arrest") || srf_is(f, t - 1, "arrests"))
            type = SR_FACTS_ARREST;
        if (type < 0)
            return 0;
        cnt *k = srfc_add(x, type, n, 0, a, end, head, t - 1, t);
        return k ? 1 : -1;
    }
    if (!(c & (L_TACT | L_TPASS)) && !srf_is(f, t, "dead") && !srf_is(f, t, "down") &&
        !srf_is(f, t, "up"))
        return 0;
    size_t tr0 = t;
    int type;
    if (srf_is(f, t, "dead") || srf_is(f, t, "down") || srf_is(f, t, "up")) {
        /* "shot dead 12", "gunned down 12", "rounded up 40" */
        if (t == lo || !(srf_is(f, t - 1, "shot") || srf_is(f, t - 1, "gunned") ||
                         srf_is(f, t - 1, "rounded")))
            return 0;
        tr0 = t - 1;
        type = srf_ctype(f, tr0);
    } else {
        type = srf_ctype(f, t);
        if (type < 0 || srf_is(f, t, "shot"))
            return 0;
        /* a passive participle after an auxiliary takes no object */
        if (t > lo && (srf_is(f, t - 1, "was") || srf_is(f, t - 1, "were") ||
                       srf_is(f, t - 1, "been") || srf_is(f, t - 1, "being")))
            return 0;
        /* "killing or wounding 50" */
        if (t >= lo + 2 && (srf_is(f, t - 1, "or") || srf_is(f, t - 1, "and")) &&
            (srf_cls(f, t - 2) & (L_TACT | L_TPASS)) && srf_ctype(f, t - 2) >= 0 &&
            srf_ctype(f, t - 2) != type) {
            tr0 = t - 2;
            type = SR_FACTS_AFFECT;
        }
    }
    if ((c & L_TNEEDP) && head == SR_FACTS_NONE)
        return 0;
    cnt *k = srfc_add(x, type, n, 0, a, end, head, tr0, t + 1);
    if (!k)
        return -1;
    k->c.trigger_tok = tr0;
    k->obj = 1;
    return 1;
}

/* Number before the trigger: "12 people were killed", "12 dead",
 * "thousands of protesters", "Two soldiers and a civilian were killed". */
static int number_first(ctx *x, size_t n)
{
    sr_facts *f = x->f;
    const sr_facts_number *nu = srfc_num(x, n);
    size_t a = nu->tok_start, b = nu->tok_end, hi = x->hi, end;
    int vague_of = srf_is(f, b, "of") && (nu->qual == SR_FACTS_VAGUE ||
                                          (nu->flags & SR_FACTS_NUM_WORDS));
    /* ("four of the soldiers", "two of its members": a part by words of
     * people named after their article) */
    int part_det = vague_of && b + 2 < hi &&
                   (srf_is(f, b + 1, "the") || srf_is(f, b + 1, "its") || srf_is(f, b + 1, "their"));
    size_t head = srfc_people_np(f, b + vague_of + part_det, hi, L_PPL | L_PSG, &end);
    if (head == SR_FACTS_NONE) {
        end = b;
        if (srf_cls(f, b) & L_OTHERS) {
            head = b;
            end = b + 1;
        } else if (b + vague_of < hi && srfc_modifier(f, b + vague_of) &&
                   !(f->tok[b + vague_of].flags & SR_TOK_CAP)) {
            /* "40 rockets", "3 tanks": not people */
            return 0;
        }
    }
    /* "12 deaths", "40 arrests", "12 dead", "dozens of bodies" */
    size_t nb = b + vague_of;
    if (head == SR_FACTS_NONE && nb < hi && (srf_cls(f, nb) & L_TNOUN) && srf_ctype(f, nb) >= 0 &&
        !(srf_cls(f, nb + 1) & (L_TPASS | L_TACT | L_TOLL))) {
        int type = srf_ctype(f, nb);
        size_t te = nb + 1;
        if (srfc_combined(f, te, hi, type, &te))
            type = SR_FACTS_AFFECT;
        cnt *k = srfc_add(x, type, n, 0, a, te, SR_FACTS_NONE, nb, te);
        return k ? 1 : -1;
    }
    /* a size: "a 30,000-strong crowd" protests; "a 30,000-strong army" does not */
    if (nu->kind == SR_FACTS_NK_SIZE) {
        for (size_t j = b; j < hi && j < b + 3; j++)
            if (srf_cls(f, j) & (L_CROWD | L_PNOUN)) {
                cnt *k = srfc_add(x, SR_FACTS_PROTEST, n, 0, a, j + 1, SR_FACTS_NONE, j, j + 1);
                return k ? 1 : -1;
            }
        return 0;
    }
    /* coordinated subjects: "two soldiers and three civilians were
     * killed", and one person among them: "two policemen and a child"
     * (an item of no number: NONE, from its determiner) */
    size_t items[8], heads[8], ends[8], firsts[8];
    int ni = 0;
    items[ni] = n;
    firsts[ni] = a;
    heads[ni] = head;
    ends[ni++] = end;
    size_t group = srfc_of_group(f, end, hi), k = group;
    while (ni < 8 && (srf_is(f, k, "and") || srf_punct(f, k, ',')) && k + 1 < hi) {
        size_t n2 = f->num_at[k + 1], e2, h2;
        if (n2 == SR_FACTS_NONE) {
            /* (a person after a comma is rather a speaker's apposition) */
            uint64_t dc = srf_cls(f, k + 1);
            if (!srf_is(f, k, "and") || !(dc & L_DET) || (dc & L_SUBORD) || srf_is(f, k + 1, "these") ||
                srf_is(f, k + 1, "those") ||
                (h2 = srfc_people_np(f, k + 2, hi, L_PSG, &e2)) == SR_FACTS_NONE ||
                (e2 < hi && (f->tok[e2].flags & SR_TOK_POSS)))
                break;
        } else {
            const sr_facts_number *m = srfc_num(x, n2);
            if (m->kind != SR_FACTS_NK_QUANTITY || m->tok_start != k + 1)
                break;
            h2 = srfc_people_np(f, m->tok_end, hi, L_PPL | L_PSG, &e2);
            /* (", 3 children among them,": a part, srfc_skip_inserts) */
            if (h2 == SR_FACTS_NONE || srfc_among_them(f, e2))
                break;
        }
        items[ni] = n2;
        firsts[ni] = k + 1;
        heads[ni] = h2;
        ends[ni++] = e2;
        k = e2;
    }
    if (ni == 1) {
        k = end;
        /* "40 troops and militia were killed", "12 soldiers and
         * policemen": a plural people noun joined without a count or
         * article of its own shares the count */
        size_t e2;
        if (head != SR_FACTS_NONE && srf_is(f, k, "and") && k + 1 < hi && !srf_isnum(f, k + 1) &&
            !(srf_cls(f, k + 1) & (L_DET | L_NUMW | L_VAGUE)) &&
            srfc_people_np(f, k + 1, hi, L_PPL, &e2) != SR_FACTS_NONE && e2 <= k + 3)
            k = e2;
    } else {
        ends[0] = group;   /* (its group is no further subject) */
    }
    /* "holding 30 foreigners hostage" */
    if (ni == 1 && head != SR_FACTS_NONE &&
        (srf_is(f, end, "hostage") || srf_is(f, end, "captive"))) {
        cnt *c = srfc_add(x, SR_FACTS_KIDNAP, n, 0, a, end, head, end, end + 1);
        return c ? 1 : -1;
    }
    k = srfc_skip_inserts(f, k, hi);
    trig t;
    if (!srfc_trigger_after(f, k, hi, head != SR_FACTS_NONE, &t)) {
        /* no verb: the people noun may be the count ("thousands of protesters") */
        if (ni == 1 && head != SR_FACTS_NONE && (srf_cls(f, head) & L_TNOUN) &&
            srf_ctype(f, head) >= 0) {
            cnt *c = srfc_add(x, srf_ctype(f, head), n, 0, a, end, head, head, head + 1);
            return c ? 1 : -1;
        }
        return 0;
    }
    for (int i = 0; i < ni; i++) {
        int one = items[i] == SR_FACTS_NONE;
        if (t.among) {
            size_t loc = SR_FACTS_NONE, glob = SR_FACTS_NONE;
            if (!srfc_find_parent(x, firsts[i], 1, &loc, &glob))
                return 0;
            cnt *c = srfc_add(x, t.type, items[i], one, firsts[i], ends[i], heads[i], t.t0, t.t1);
            if (!c)
                return -1;
            c->parent_local = loc;
            c->parent_global = glob;
            const sr_facts_count *pc = loc != SR_FACTS_NONE
                                           ? &((cnt *)x->v.items)[loc].c
                                           : &((sr_facts_count *)f->counts.items)[glob];
            c->c.type = pc->type;
            continue;
        }
        cnt *c = srfc_add(x, t.type, items[i], one, firsts[i], ends[i], heads[i], t.t0, t.t1);
        if (!c)
            return -1;
    }
    return 1;
}

/* ---- the pass ------------------------------------------------------------ */

static int cmp_cnt(const void *a, const void *b)
{
    const cnt *p = a, *q = b;
    return p->c.start < q->c.start ? -1 : p->c.start > q->c.start;
}

/* Without a count of people, a count needs a trigger (COUNT_TRIGGERS): a
 * word of the trigger classes, or a phrase led by "among", "lost",
 * "taken" or "forced" (srfc_trigger_after); see srf_count_gate. */
int srf_counts(sr_facts *f, size_t s)
{
    uint64_t sc0 = f->scls[s];
    /* (or a singular demonym, "a Palestinian was shot", which no class
     * marks: looked for once, where a trigger or a count may want it) */
    int dem = (sc0 & L_DET) && !(sc0 & L_PSG) && (sc0 & (COUNT_TRIGGERS | SC_COUNTNUM)) &&
              a_demonym(f, f->sent[s].tok, f->sent[s].tok + f->sent[s].ntok);
    /* (or a headline's person alone first: "Soldier killed in Daraa") */
    int lone = (sc0 & COUNT_TRIGGERS) && (sc0 & L_PSG) && f->sent[s].ntok > 1 &&
               (srf_cls(f, srfc_headline_start(f, f->sent[s].tok,
                                               f->sent[s].tok + f->sent[s].ntok)) & L_PSG);
    if (!srf_count_gate(sc0) && !((sc0 & COUNT_TRIGGERS) && dem) && !lone)
        return SR_OK;
    ctx x;
    memset(&x, 0, sizeof x);
    x.f = f;
    x.s = s;
    x.lo = f->sent[s].tok;
    x.hi = x.lo + f->sent[s].ntok;
    if (x.hi == x.lo)
        return SR_OK;
    /* work space is reused from sentence to sentence: memory stays
     * proportional to the longest sentence, not to their number */
    size_t nt = x.hi - x.lo, need;
    if (!sr_mul_ok(nt, sizeof(size_t) + 1, &need))
        return SR_ENOMEM;
    if (need > f->tokscratch_cap) {
        size_t cap = need > 2 * f->tokscratch_cap ? need : 2 * f->tokscratch_cap;
        f->tokscratch = sr_arena_alloc(f->a, cap);
        if (!f->tokscratch)
            return SR_ENOMEM;
        f->tokscratch_cap = cap;
    }
    x.cat = f->tokscratch;
    x.used = (uint8_t *)(x.cat + nt);
    memset(x.used, 0, nt);
    for (size_t j = 0; j < nt; j++)
        x.cat[j] = SR_FACTS_NONE;
    x.v = f->scratch;
    x.v.len = 0;
    /* numbers of this sentence, in order */
    const sr_facts_number *nums = f->nums.items;
    size_t lo = 0, hi = f->nums.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (nums[mid].sentence < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* a toll is led by a toll word, or by "number" or "total", and
     * counts a number of kind quantity */
    uint64_t sc = f->scls[s];
    if ((sc & SC_COUNTNUM) && (sc & (L_TOLL | L_MODW | L_CUMUL))) {
        size_t qfirst = SR_FACTS_NONE, qlast = 0;
        for (size_t n = lo; n < f->nums.len && nums[n].sentence == s; n++)
            if (nums[n].kind == SR_FACTS_NK_QUANTITY) {
                if (qfirst == SR_FACTS_NONE)
                    qfirst = nums[n].tok_start;
                qlast = nums[n].tok_start;
            }
        if (qfirst != SR_FACTS_NONE && srfc_tolls(&x, qfirst, qlast))
            return SR_ENOMEM;
    }
    for (size_t n = lo; n < f->nums.len && nums[n].sentence == s; n++) {
        if (x.used[nums[n].tok_start - x.lo])
            continue;
        if (nums[n].kind != SR_FACTS_NK_QUANTITY && nums[n].kind != SR_FACTS_NK_SIZE)
            continue;
        int rc = 0;
        if (nums[n].kind == SR_FACTS_NK_QUANTITY) {
            rc = part_of(&x, n);
            if (!rc)
                rc = trigger_before(&x, n);
        }
        if (!rc)
            rc = number_first(&x, n);
        if (rc < 0)
            return SR_ENOMEM;
    }
    /* A singular subject is a negation ("no one", "none", "no
     * civilians"), a determiner before a singular people noun or a
     * headline's people noun alone ("Child killed, 12 injured"), and
     * needs a trigger word or ("including a child") a count of this
     * sentence to be part of; the cumulative cues only mark counts there
     * are. */
    if (((sc & L_NEG) || ((sc & L_DET) && ((sc & L_PSG) || dem)) || lone) &&
        ((sc & COUNT_TRIGGERS) || x.v.len) && srfc_singular(&x))
        return SR_ENOMEM;
    if (x.v.len)
        srfc_cumulative(&x);
    /* text order, with part_of remapped; the sorted copy follows the
     * originals in the same scratch vector */
    size_t nc = x.v.len;
    f->scratch = x.v;
    if (!nc)
        return SR_OK;
    for (size_t i = 0; i < nc; i++)
        if (!sr_vec_push(&x.v, f->a, sizeof(cnt)))
            return SR_ENOMEM;
    f->scratch = x.v;
    cnt *all = x.v.items;
    cnt *sorted = all + nc;
    for (size_t i = 0; i < nc; i++) {
        sorted[i] = all[i];
        sorted[i].c.part_of = i; /* remember the original index */
    }
    /* pos[original] = sorted index; the token map is free by now */
    size_t *pos = x.cat;
    if (nc > nt && !(pos = sr_arena_alloc(f->a, nc * sizeof *pos)))
        return SR_ENOMEM;
    /* mostly one count, or already in order: qsort (a merge sort in
     * glibc, stable) would leave them as they are */
    int ordered = 1;
    for (size_t i = 1; i < nc && ordered; i++)
        ordered = sorted[i - 1].c.start <= sorted[i].c.start;
    if (!ordered)
        qsort(sorted, nc, sizeof *sorted, cmp_cnt);
    for (size_t i = 0; i < nc; i++)
        pos[sorted[i].c.part_of] = i;
    size_t base = f->counts.len;
    for (size_t i = 0; i < nc; i++) {
        sr_facts_count *c = sr_vec_push(&f->counts, f->a, sizeof *c);
        if (!c)
            return SR_ENOMEM;
        *c = sorted[i].c;
        c->part_of = sorted[i].parent_local != SR_FACTS_NONE ? base + pos[sorted[i].parent_local]
                                                             : sorted[i].parent_global;
        const srf_mod *m = srf_mod_at(f, c->trigger_tok);
        /* "the death toll may be as high as 400,000": the trigger comes first,
         * so the number's own clause decides */
        if (m->mode == SR_FACTS_ASSERTED && !m->negated && c->number_idx != SR_FACTS_NONE) {
            size_t nt0 = ((const sr_facts_number *)f->nums.items)[c->number_idx].tok_start;
            if (nt0 > c->trigger_tok)
                m = srf_mod_at(f, nt0);
        }
        c->mode = m->mode;
        c->negated = m->negated;
        /* "no one was killed": the negation is the number itself */
        if (c->number == 0 && c->number_idx == SR_FACTS_NONE)
            c->negated = 0;
    }
    /* "12 soldiers were killed and 30 wounded": the second number takes the
     * people of the first when only "and" or a comma stands between */
    for (size_t i = 1; i < nc; i++) {
        sr_facts_count *c = &((sr_facts_count *)f->counts.items)[base + i];
        const sr_facts_count *p = &((sr_facts_count *)f->counts.items)[base + i - 1];
        if (c->people || !p->people || c->number_idx == SR_FACTS_NONE ||
            c->part_of != SR_FACTS_NONE || p->part_of != SR_FACTS_NONE ||
            c->trigger_start < ((const sr_facts_number *)f->nums.items)[c->number_idx].start)
            continue;
        size_t gap0 = sorted[i - 1].t1, gap1 = sorted[i].t0;
        int ok = gap0 <= gap1 && gap1 - gap0 <= 2;
        for (size_t j = gap0; ok && j < gap1; j++)
            if (!srf_is(f, j, "and") && !srf_punct(f, j, ','))
                ok = 0;
        if (ok)
            c->people = p->people;
    }
    srf_count_parts(f, base);
    /* "wounded five others": the people of the count before (not of a
     * part of it: "Four people including a child killed six others") */
    for (size_t i = base; i < f->counts.len; i++) {
        sr_facts_count *c = &((sr_facts_count *)f->counts.items)[i];
        if (c->people && (!strcmp(c->people, "others") || !strcmp(c->people, "more")))
            for (size_t j = i; j-- > base;) {
                const sr_facts_count *b = &((sr_facts_count *)f->counts.items)[j];
                const char *p = b->people;
                if (b->part_of != SR_FACTS_NONE)
                    continue;
                if (p && strcmp(p, "others") && strcmp(p, "more")) {
                    c->people = p;
                    break;
                }
            }
        if (c->people && !strcmp(c->people, "more"))
            c->people = NULL;   /* "dozens more", with nothing before it */
    }
    /* parts of a running toll run too; a part that runs ("865 killed,
     * including 50 civilians in Aleppo, Idlib and Raqqa since strikes
     * began": the cue is nearest the part) makes its whole of the same
     * sentence run */
    sr_facts_count *g = f->counts.items;
    for (size_t i = base; i < f->counts.len; i++)
        if (g[i].cumulative && g[i].part_of != SR_FACTS_NONE && g[i].part_of >= base &&
            g[i].part_of < f->counts.len && g[g[i].part_of].sentence == g[i].sentence)
            g[g[i].part_of].cumulative = 1;
    for (size_t i = base; i < f->counts.len; i++)
        if (g[i].part_of != SR_FACTS_NONE && g[i].part_of < f->counts.len &&
            g[g[i].part_of].cumulative)
            g[i].cumulative = 1;
    return SR_OK;
}
