/*
 * facts_parts.c - counts of one sentence that are parts of another: the
 * ways a toll came about ("19 men were executed, 18 shot dead and one
 * beheaded") and a toll stated again where a headline runs into the
 * story.  They are not added to it.
 */
#include "facts_int.h"

/* (a sentence of many counts stays linear: a whole's parts, and a count
 * said again, stand a few counts and some words from it) */
enum { MAX_PARTS = 8, MAX_GAP = 40 };

/* "19 men were executed, 18 shot dead and one beheaded", "twelve people
 * were killed, ten of them shot dead and two beheaded": counts of one
 * type right after a count, that add up to it, say how it came about and
 * are its parts (they had been added to it: 38 dead).  Two parts at
 * least, none with a whole of its own elsewhere. */
static void breakdowns(sr_facts *f, size_t base)
{
    sr_facts_count *g = f->counts.items;
    size_t n = f->counts.len;
    for (size_t i = base; i + 2 < n; i++) {
        if (g[i].part_of != SR_FACTS_NONE || g[i].number < 2 || g[i].cumulative)
            continue;
        int64_t sum = 0;
        size_t j = i + 1;
        while (j < n && j <= i + MAX_PARTS && sum < g[i].number && g[j].type == g[i].type &&
               g[j].number > 0 &&
               (g[j].part_of == SR_FACTS_NONE || g[j].part_of == i) &&
               g[j].start >= g[i].end && g[j].start - (j > i + 1 ? g[j - 1].end : g[i].end) < 48)
            sum += g[j++].number;
        if (sum != g[i].number || j < i + 3)
            continue;
        for (size_t k = i + 1; k < j; k++)
            g[k].part_of = i;
        i = j - 1;
    }
}

/* A headline run into its story's first sentence states its toll again
 * there: "Car bomb blast kills 15 in Syrias Homs NGO AFP Thursday 6 Mar
 * 2014 At least 15 people were killed".  A count of the same type and
 * number after a date, with no "and" or comma between, is that count
 * (it had been 30 dead). */
/* Count j says count i's toll again in the same words: its exact figure
 * with the same trigger word or a form of it ("kills 31 ... killed 31":
 * four letters alike, or the whole word). */
static int echoed(const sr_facts *f, const sr_facts_count *g, size_t i, size_t j)
{
    /* (a figure given exactly: "dozens" twice may be two tolls) */
    if (g[i].trigger_tok >= f->ntok || g[j].trigger_tok >= f->ntok || g[i].qual == SR_FACTS_VAGUE ||
        g[j].qual == SR_FACTS_VAGUE)
        return 0;
    const char *a = f->tok[g[i].trigger_tok].norm, *b = f->tok[g[j].trigger_tok].norm;
    if (!a || !b)
        return 0;
    size_t n = 0;
    while (a[n] && a[n] == b[n])
        n++;
    /* (kills, killed, kill: one stem) */
    return n >= 4 || (!a[n] && !b[n]);
}

static void restated(sr_facts *f, size_t base)
{
    sr_facts_count *g = f->counts.items;
    const sr_facts_number *nums = f->nums.items;
    size_t n = f->counts.len;
    for (size_t j = base + 1; j < n; j++) {
        if (g[j].part_of != SR_FACTS_NONE || g[j].number < 2 || g[j].number_idx == SR_FACTS_NONE)
            continue;
        for (size_t i = j > base + MAX_PARTS ? j - MAX_PARTS : base; i < j; i++) {
            /* (a toll said again may be said a third time: the one said
             * again stands for the first, "18 dead ... among 18 dead ...
             * killing at least 18") */
            size_t root = g[i].part_of != SR_FACTS_NONE && g[i].part_of < i &&
                                  g[g[i].part_of].number == g[i].number &&
                                  g[g[i].part_of].type == g[i].type
                              ? g[i].part_of
                              : i;
            if ((root == i && g[i].part_of != SR_FACTS_NONE) || g[i].type != g[j].type ||
                g[i].number != g[j].number || g[i].number_idx == SR_FACTS_NONE)
                continue;
            size_t from = nums[g[i].number_idx].tok_end, to = nums[g[j].number_idx].tok_start;
            if (to > from + MAX_GAP)
                continue;
            /* (a date between, or a page's words run in with the
             * headline said twice: "kills 31 ... Related ... kills 31 ...
             * -A double bomb attack killed 31 people"; not one joined to
             * it, "5 on Monday, and on Tuesday gunmen killed 5", "while 5
             * more died") */
            int dated = 0;
            for (size_t k = from; k < to && !dated; k++)
                dated = (srf_cls(f, k) & (L_WDAY | L_MONTH)) != 0;
            if (!dated)
                dated = to > from + 1 && echoed(f, g, i, j);
            /* (or an agency's credit between, a headline's end: "says 22
             * killed in car bomb in northern Syria AP Syrias state TV
             * ... saying 22 people died") */
            for (size_t k = from; k < to && !dated; k++)
                dated = (f->tok[k].flags & SR_TOK_UPPER) && f->tok[k].norm_len >= 2 &&
                        f->tok[k].norm_len <= 5 && g[i].qual != SR_FACTS_VAGUE &&
                        g[j].qual != SR_FACTS_VAGUE;
            for (size_t k = from; k < to && dated; k++)
                if (srf_is(f, k, "and") || srf_punct(f, k, ',') || srf_punct(f, k, ';') ||
                    srf_is(f, k, "while") || srf_is(f, k, "whereas") || srf_is(f, k, "but") ||
                    srf_is(f, k, "another") || srf_is(f, k, "more") || srf_is(f, k, "also") ||
                    srf_is(f, k, "other") || srf_is(f, k, "others") || srf_is(f, k, "plus"))
                    dated = 0;
            if (dated) {
                g[j].part_of = root;
                break;
            }
        }
    }
}

void srf_count_parts(sr_facts *f, size_t base)
{
    breakdowns(f, base);
    restated(f, base);
}
