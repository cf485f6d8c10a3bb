/*
 * actors.c - who the events' actors are, once a document is coded with
 * sitrep's own dictionaries (pipeline_int.h): a dateline's city or agency
 * is no actor, a place named as a source is where, not who, and agents
 * named without a country ("the army", "civilians") take one from the
 * places and actors around them.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pipeline_int.h"

/* sitrep's dictionaries: an agent named without a country ("rebels",
 * "troops": ---REB) takes the country the document's events are mostly
 * about, as an analyst reading the story would. */
/* Votes for country prefixes: a document names few countries, so a short
 * list searched in order is enough (names past its end are not counted). */
typedef struct focus_votes {
    struct {
        uint32_t key;
        size_t n;
        int people; /* no country: a people ("Kurds" KUR) lives across borders */
    } c[32];
    size_t len;
    const char *best;
    size_t best_n;
} focus_votes;

/* (inlined: asked for every event's sides and every actor, where the
 * call cost a third of what it does) */
static inline __attribute__((always_inline)) void vote(focus_votes *v, const char *code,
                                                       size_t weight)
{
    uint32_t k = country_prefix(code);
    /* a news agency's country (AFP: FRAMED) says nothing of the story's */
    if (!k || (code[3] == 'M' && code[4] == 'E' && code[5] == 'D' && !code[6]))
        return;
    size_t i = 0;
    while (i < v->len && v->c[i].key != k)
        i++;
    if (i == v->len) {
        if (v->len == sizeof v->c / sizeof v->c[0])
            return;
        v->c[v->len].key = k;
        v->c[v->len].people = sr_dict_people_code(code);
        v->c[v->len++].n = 0;
    }
    if (v->c[i].people)
        return;
    if ((v->c[i].n += weight) > v->best_n) {
        v->best_n = v->c[i].n;
        v->best = code;
    }
}

/* w, after an actor and a hyphen, says where it is based or born. */
static __attribute__((noinline)) int based_word(const char *w)
{
    static const char *const words[] = {"based", "born", "registered", "headquartered"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t n = strlen(words[k]);
        if (!strncasecmp(w, words[k], n) && !isalnum((unsigned char)w[n]))
            return 1;
    }
    return 0;
}

/* The actor ending at byte `end` only says where someone is based or
 * born ("the London-based Observatory"): it says nothing of the story's
 * country.  (Inline, the words apart: asked of every actor, and nearly
 * none is followed by a hyphen, where the call and the registers it
 * saved cost more than the test.) */
static inline int based_at(const sr_doc *doc, size_t end)
{
    if (!doc || end + 1 >= doc->text_len || doc->text[end] != '-')
        return 0;
    return based_word(doc->text + end + 1);
}

/* The actor in bytes [start, end) is someone from a country ("a tourist
 * from Canada"): where they came from says nothing of the story's
 * country. */
static int from_abroad(const sr_doc *doc, size_t start, size_t end)
{
    if (!doc || end > doc->text_len || end < start + 6)
        return 0;
    /* (memchr for the rare 'f': most actors' texts have none) */
    const char *t = doc->text + start + 1, *e = doc->text + end - 4;
    while (t < e && (t = memchr(t, 'f', (size_t)(e - t))) != NULL) {
        if (t[-1] == ' ' && t[1] == 'r' && t[2] == 'o' && t[3] == 'm' && t[4] == ' ')
            return 1;
        t++;
    }
    return 0;
}

/* Agents that belong to the place where the event happens: civilians,
 * rebels, a hospital, refugees, the police and the courts.  A government
 * or an army named without a country is rather the story's own ("the
 * ministry said"). */
static int local_agent(const char *c)
{
    switch (prefix3(c + 3)) {
    case P3('C', 'V', 'L'): case P3('R', 'E', 'B'): case P3('U', 'A', 'F'):
    case P3('O', 'P', 'P'): case P3('R', 'E', 'F'): case P3('H', 'L', 'H'):
    case P3('E', 'D', 'U'): case P3('B', 'U', 'S'): case P3('L', 'A', 'B'):
    case P3('A', 'G', 'R'): case P3('H', 'R', 'I'): case P3('M', 'E', 'D'):
    case P3('R', 'A', 'D'): case P3('C', 'R', 'M'):
    /* (police and courts act where they are: "police arrested two
     * teenagers" in a story of Bavaria are German, whoever the story
     * names most) */
    case P3('C', 'O', 'P'): case P3('J', 'U', 'D'):
        return 1;
    default:
        return 0;
    }
}

/* A sector of a place's own life, which stays where it is: hospitals,
 * schools, businesses, workers, farmers, refugees, civilians. */
static int civil_sector(const char *c)
{
    switch (prefix3(c + 3)) {
    case P3('C', 'V', 'L'): case P3('H', 'L', 'H'): case P3('E', 'D', 'U'):
    case P3('B', 'U', 'S'): case P3('L', 'A', 'B'): case P3('A', 'G', 'R'):
    case P3('R', 'E', 'F'):
        return 1;
    default:
        return 0;
    }
}

/* Whether the words w (as written) hold the word x (lower case) whole,
 * in any case: "Regime", "pro-government" (a hyphen parts words). */
int pl_has_word(const char *w, const char *x)
{
    size_t n = strlen(x);
    for (const char *p = w; *p; p++) {
        if ((*p | 0x20) != x[0] || (p > w && isalnum((unsigned char)p[-1])) ||
            strncasecmp(p, x, n))
            continue;
        if (!isalnum((unsigned char)p[n]))
            return 1;
    }
    return 0;
}

/* A government's own armed forces named by their side, not their country
 * ("the regime", "regime warplanes", "government forces", "pro-government
 * militias", "loyalist troops"): in a war's news these fight where the
 * event happens, whichever country the story names most ("Russian jets
 * supported regime forces in Aleppo").  A bare "the government" or "the
 * army" is no such word: it may well be the story's own ("the army said",
 * of a Turkish army named before). */
static int side_agent(const char *code, const char *text)
{
    uint32_t type = prefix3(code + 3);
    if (!text || (type != P3('G', 'O', 'V') && type != P3('M', 'I', 'L')))
        return 0;
    if (pl_has_word(text, "regime"))
        return 1;
    /* (armed forces: MIL, or GOVMIL for "government warplanes") */
    int armed = type == P3('M', 'I', 'L') ||
                (strlen(code) >= 9 && prefix3(code + 6) == P3('M', 'I', 'L'));
    return armed && (pl_has_word(text, "government") || pl_has_word(text, "loyalist"));
}

/* A government named by that word alone, as the source of an act of force
 * ("fled a government offensive in Daraa", in a story filed from Amman):
 * in a war's news the government of where it happens. */
static int government_word(const char *code, const char *text)
{
    return text && prefix3(code + 3) == P3('G', 'O', 'V') && !code[6] &&
           pl_has_word(text, "government");
}

/* The country part of the actor codes of where event i happens, or NULL
 * when the document names no place the gazetteer knows, or when that
 * place's country is named by one place only among others: one stray
 * place ("Hamas" read as Hamm, Germany) must not make a Syrian story's
 * civilians German. */
static int event_country(sr_arena *a, sr_result *r, size_t i, place_countries *pc,
                         const char **out)
{
    const sr_sentence *snt = &r->sents[((const size_t *)r->event_sentence.items)[i]];
    const sr_geo_place *pl;
    *out = NULL;
    /* (kept: the record asks for the event's place again) */
    if (pl_event_place_keep(a, r, i, snt->start, snt->end, &pl))
        return SR_ENOMEM;
    /* (a place that only says where someone is based is not where the
     * event is: "the London-based Observatory said regime forces ...") */
    int x = pl && !based_at(r->doc, pl->end) ? pl_cc_index(pl->cc) : -1;
    if (x < 0)
        return SR_OK;
    if (!pc->made)
        pl_count_countries(r, pc);
    if (pc->n[x] >= 2 || pc->n[x] == pc->places)
        *out = sr_cameo_country_of_cc(pl->cc);
    return SR_OK;
}

/* The document's dateline ("BEIRUT - Air strikes ...", "MOGADISHU, Feb.
 * 23 (Sitrep Wire) -"), as the places found it: bytes [*ds, *de), where
 * the story was filed, no actor of its events.  0 when it has none. */
/* A dateline without a dash ends at its agency's parenthesis: after the
 * place, a date at most ("Ottawa, Apr 14 (AFP) Canada announced", "Paris
 * (AFP) France condemned"), a short name in capitals in it, and the story
 * going on in capitals after it.  The end after the ')', or 0. */
static size_t agency_after(const char *t, size_t n, size_t i)
{
    size_t lim = i + 30;
    while (i < n && i < lim && t[i] != '(' &&
           ((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z') ||
            (t[i] >= '0' && t[i] <= '9') || t[i] == ' ' || t[i] == ',' || t[i] == '.'))
        i++;
    if (i + 1 >= n || t[i] != '(' || !(t[i + 1] >= 'A' && t[i + 1] <= 'Z'))
        return 0;
    size_t open = i++;
    while (i < n && i < open + 32 && t[i] != ')' && t[i] != '(' && t[i] != '.')
        i++;
    if (i + 2 >= n || t[i] != ')' || t[i + 1] != ' ' || !(t[i + 2] >= 'A' && t[i + 2] <= 'Z'))
        return 0;
    return i + 1;
}

int pl_dateline_span(const sr_result *r, size_t *ds, size_t *de)
{
    size_t np;
    const sr_geo_place *pl = r->geo ? sr_geo_doc_places(r->geo, &np) : NULL;
    for (size_t k = 0; pl && k < np; k++) {
        if (!(pl[k].flags & SR_GEO_F_DATELINE))
            continue;
        /* with what follows it up to its dash ("(Reuters) -"); without
         * a dash near, it is no dateline ("Greece, like most members,
         * plans ...") */
        size_t end = 0, n = r->doc->text_len;
        const char *t = r->doc->text;
        for (size_t i = pl[k].end; i < n && i < pl[k].end + 60; i++)
            if ((t[i] == '-' && i + 1 < n && (t[i + 1] == ' ' || t[i + 1] == '-')) ||
                (unsigned char)t[i] == 0xE2) { /* "- ", "--", and the dashes U+2013/4 */
                end = i;
                break;
            }
        /* a name in capitals is a dateline without a dash too ("BEIRUT
         * A Daesh counterattack", "WASHINGTON (RNS) Evangelical ...") */
        int caps = pl[k].end - pl[k].start >= 3;
        for (size_t i = pl[k].start; caps && i < pl[k].end; i++)
            caps = !(t[i] >= 'a' && t[i] <= 'z');
        if (!end && caps) {
            end = pl[k].end;
            size_t i = end;
            while (i < n && t[i] == ' ')
                i++;
            if (i < n && t[i] == '(')
                while (i < n && i < end + 40 && t[i] != ')')
                    i++;
            if (i < n && t[i] == ')')
                end = i + 1;
        }
        if (!end)
            end = agency_after(t, n, pl[k].end);
        if (end) {
            *ds = pl[k].start;
            *de = end;
            return 1;
        }
    }
    return 0;
}

/* Leaves side `target` (0: the source) of event e unknown. */
void pl_clear_side(sr_event *e, int target)
{
    if (target) {
        e->target = e->target_text = NULL;
        e->target_start = e->target_end = 0;
    } else {
        e->source = e->source_text = NULL;
        e->source_start = e->source_end = 0;
    }
}

/* sitrep's dictionaries: a dateline [ds, de) (de 0: none) coded as an
 * actor is dropped from its events (the source or target becomes
 * unknown): coding skips one that opens its sentence, not one inside it.
 * Its country still counts for the story's, as any actor named does. */
void pl_drop_datelines(sr_result *r, size_t ds, size_t de)
{
    if (!r->events.len || !de)
        return;
    sr_event *ev = r->events.items;
    for (size_t i = 0; i < r->events.len; i++) {
        if (ev[i].source && ev[i].source_text && ds <= ev[i].source_start &&
            ev[i].source_end <= de)
            pl_clear_side(&ev[i], 0);
        if (ev[i].target && ev[i].target_text && ds <= ev[i].target_start &&
            ev[i].target_end <= de)
            pl_clear_side(&ev[i], 1);
    }
}

int pl_violent_root(const char *c)
{
    return (c[0] == '1' && (c[1] == '8' || c[1] == '9')) || (c[0] == '2' && c[1] == '0');
}

/* sitrep's dictionaries: news media report violence; they do not commit
 * it.  A medium as the source of an assault, a fight or mass violence
 * (CAMEO 18-20) is a credit line ("REUTERS/Maxim Shemetov", "Posted ...
 * by Asharq Al-Awsat") or a reporter the parse took for the subject ("An
 * AFP correspondent who visited ... as airstrikes hit the area"): the
 * source becomes unknown.  As a target a medium's people stay:
 * journalists are attacked. */
/* Whether t[s, e) names a person of the media, not only an outlet:
 * "an Al-Ikhbariya journalist", "two American journalists", "the
 * editor-in-chief". */
static int media_person(const char *t, size_t s, size_t e)
{
    static const char *const people[] = {"journalist", "reporter", "correspondent", "editor",
                                         "photographer", "cameraman", "cameramen", "crew",
                                         "staff", "employee", "worker", "presenter", "anchor",
                                         "blogger", "writer", "columnist", "executive",
                                         "producer", "videographer", "stringer", "publisher",
                                         "owner", NULL};
    for (size_t k = s; k < e; k++) {
        if (k > s && isalpha((unsigned char)t[k - 1]))
            continue;
        for (size_t j = 0; people[j]; j++) {
            size_t n = strlen(people[j]);
            if (k + n <= e && !strncasecmp(t + k, people[j], n))
                return 1;
        }
    }
    return 0;
}

void pl_drop_media_violence(sr_result *r)
{
    sr_event *ev = r->events.items;
    const char *t = r->doc->text;
    for (size_t i = 0; i < r->events.len; i++) {
        const char *c = ev[i].code, *s = ev[i].source, *g = ev[i].target;
        if (!c || !pl_violent_root(c))
            continue;
        size_t n = s ? strlen(s) : 0;
        if (n >= 3 && !memcmp(s + n - 3, "MED", 3))
            pl_clear_side(&ev[i], 0);
        /* (an outlet alone as the target is a credit or a report's
         * speaker run in: "kills at least 58 Observatory Reuters A
         * suspected gas attack", "Press TV reports"; its people are
         * attacked, "an AFP journalist was killed") */
        n = g ? strlen(g) : 0;
        if (n >= 3 && !memcmp(g + n - 3, "MED", 3) && ev[i].target_text &&
            ev[i].target_end > ev[i].target_start &&
            !media_person(t, ev[i].target_start, ev[i].target_end))
            pl_clear_side(&ev[i], 1);
    }
}

/* One phrase ends at byte e right before another at byte s that
 * describes it: a comma or dash between, or an indefinite description
 * ("Syria Civil Defence, a rescue service, said", "Peter Deng, a
 * government spokesman, told"; "Johnson a former mayor said" where the
 * commas were lost), not "three children the Observatory said".  The
 * article may stand between, outside the second phrase. */
static int apposed(const char *t, size_t e, size_t s)
{
    if (e > s)
        return 0;
    int mark = 0;
    size_t k = e;
    for (; k < s; k++) {
        if (t[k] == ',' || t[k] == '-')
            mark = 1;
        else if (t[k] != ' ' && t[k] != '\n')
            break;
    }
    const char *x = t + k;
    int indef = !strncmp(x, "a ", 2) || !strncmp(x, "an ", 3) || !strncmp(x, "one ", 4);
    if (k < s) {
        /* (only an article may stand between) */
        size_t w = k;
        while (w < s && t[w] != ' ')
            w++;
        if (!indef && !(w - k == 3 && !strncmp(x, "the", 3)))
            return 0;
        for (; w < s; w++)
            if (t[w] != ' ')
                return 0;
    }
    return mark || indef;
}

/* sitrep's dictionaries: the one who says something is the speaker the
 * facts stage found before or after its verb ("..., a monitoring group
 * said", "... Trump said"), not an actor the coder reached for elsewhere
 * in the sentence.  A statement's source outside the speaker of its own
 * verb of saying becomes the actor named in the speaker, else unknown.
 * (Pronoun speakers are left alone: their source is the one they stand
 * for.) */
/* An attribution by the byte where its cue starts. */
typedef struct cue_at {
    size_t start;
    const sr_facts_attr *at;
} cue_at;

static int by_cue(const void *x, const void *y)
{
    const cue_at *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

int pl_speaker_sources(sr_arena *a, sr_result *r)
{
    size_t na = 0;
    const sr_facts_attr *at = r->facts ? sr_facts_attributions(r->facts, &na) : NULL;
    if (!na || !r->events.len)
        return SR_OK;
    /* (sorted once, searched per event: a long document's events and
     * attributions are no product) */
    cue_at *cs = sr_arena_alloc(a, na * sizeof *cs);
    if (!cs)
        return SR_ENOMEM;
    size_t nc = 0;
    for (size_t k = 0; k < na; k++)
        if (at[k].cue_tok < r->ntoks)
            cs[nc++] = (cue_at){r->toks[at[k].cue_tok].start, &at[k]};
    qsort(cs, nc, sizeof *cs, by_cue);
    sr_event *ev = r->events.items;
    const char *t = r->doc->text;
    for (size_t i = 0; i < r->events.len; i++) {
        /* (statements only: "declared a ceasefire" is the group's act,
         * whatever the speaker's phrase) */
        if (!ev[i].source || !ev[i].source_text || !ev[i].code || ev[i].code[0] != '0' ||
            ev[i].code[1] != '1')
            continue;
        size_t lo = 0, hi = nc;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (cs[mid].start < ev[i].verb_start)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo >= nc || cs[lo].start != ev[i].verb_start)
            continue;
        const sr_facts_attr *sa = cs[lo].at;
        if ((sa->flags & (SR_FACTS_ATTR_PRONOUN | SR_FACTS_ATTR_INHERITED)) ||
            sa->end <= sa->start ||
            !(ev[i].source_end <= sa->start || ev[i].source_start >= sa->end) ||
            apposed(t, ev[i].source_end, sa->start) || apposed(t, sa->end, ev[i].source_start))
            continue;
        const pl_aspan *sp = pl_actor_in(r, sa->start, sa->end);
        if (!sp) {
            pl_clear_side(&ev[i], 0);
            continue;
        }
        char *txt = sr_arena_alloc(a, sp->end - sp->start + 1);
        if (!txt)
            return SR_ENOMEM;
        memcpy(txt, t + sp->start, sp->end - sp->start);
        txt[sp->end - sp->start] = 0;
        ev[i].source = sp->code;
        ev[i].source_text = txt;
        ev[i].source_start = sp->start;
        ev[i].source_end = sp->end;
        /* ("... Haley declared": the speaker is no target of her own
         * statement) */
        if (ev[i].target_text && ev[i].target_start < sp->end && sp->start < ev[i].target_end)
            pl_clear_side(&ev[i], 1);
    }
    return SR_OK;
}

/* sitrep's dictionaries: a country or town named after "in", "inside",
 * "near", "across" or "throughout" is where the event happens, not who
 * does it ("The conflict in Syria has killed 280,000", "Elsewhere in Syria
 * the group withdrew"): as a source it becomes unknown.  (As a target it
 * stays: an attack in Syria is coded against Syria.) */
void pl_drop_locative_sources(sr_result *r)
{
    static const char *const preps[] = {"in", "inside", "near", "across", "throughout"};
    static const size_t prep_len[] = {2, 6, 4, 6, 10};
    sr_event *ev = r->events.items;
    const char *t = r->doc->text;
    for (size_t i = 0; r->geo && i < r->events.len; i++) {
        if (!ev[i].source || !ev[i].source_text)
            continue;
        size_t s = ev[i].source_start, pe = ev[i].source_end;
        /* The word before it first: few sources follow one of the
         * prepositions, and the text says so for less than the search of
         * the places (the tests are all pure: their order is free).  Each
         * preposition ends in one of n, e, r, s, t. */
        size_t e = s;
        while (e > 0 && t[e - 1] == ' ')
            e--;
        if (e == s || !e)
            continue;
        char last = (char)(t[e - 1] | 0x20);
        if (last != 'n' && last != 'e' && last != 'r' && last != 's' && last != 't')
            continue;
        size_t b = e;
        while (b > 0 && isalpha((unsigned char)t[b - 1]))
            b--;
        int prep = 0;
        for (size_t k = 0; k < sizeof preps / sizeof preps[0] && !prep; k++)
            prep = e - b == prep_len[k] && !strncasecmp(t + b, preps[k], prep_len[k]);
        if (!prep)
            continue;
        /* ("in Yemen's missile attack": a possessor acts) */
        if (pe < r->doc->text_len && (t[pe] == '\'' || (unsigned char)t[pe] == 0xE2))
            continue;
        const sr_geo_place *pl = sr_geo_doc_locate(r->geo, s, pe);
        /* (or the place's possessive that lost its apostrophe, before
         * the place it holds: "in Syrias Idlib province") */
        if (pl && pl->start == s &&
            (pl->end == pe || (pl->end + 1 == pe && (t[pl->end] | 0x20) == 's' &&
                               pe + 1 < r->doc->text_len && t[pe] == ' ' &&
                               isupper((unsigned char)t[pe + 1]))))
            pl_clear_side(&ev[i], 0);
    }
}

/* The country of a place named right before an agent, or inside its
 * words: "Homs Governor Talal Barazi", "the Aleppo city council" are
 * Syria's, whichever country the story names most; NULL when none.  (Only
 * a space between: "in Homs, police said" names no police of Homs.) */
static const char *named_place(const sr_result *r, size_t start, size_t end)
{
    size_t np;
    const sr_geo_place *pl = r->geo ? sr_geo_doc_places(r->geo, &np) : NULL;
    if (!pl || start >= end)
        return NULL;
    /* the last place starting before the agent's end */
    size_t lo = pl_first_place_at(pl, np, end);
    if (!lo)
        return NULL;
    const sr_geo_place *q = &pl[lo - 1];
    if (q->role != SR_GEO_PLACE || q->level < SR_GEO_LEVEL_COUNTRY || !q->cc[0] ||
        (q->flags & SR_GEO_F_DATELINE) || q->end > end ||
        (q->end < start && (q->end + 1 != start || r->doc->text[q->end] != ' ')))
        return NULL;
    /* Only the document's own country's places: "the Al-Quds hospital"
     * of Aleppo is no Israeli one, and "Kurdish and Arab fighters" in a
     * story about Syria are no fighters of Arab, Alabama (a word read as a
     * foreign place is more often wrong than a local one). */
    const char *focus = sr_geo_doc_focus_country(r->geo);
    if ((focus && strcmp(focus, q->cc)) || (q->flags & SR_GEO_F_FUZZY))
        return NULL;
    return sr_cameo_country_of_cc(q->cc);
}

/* The country named right after a people's words: "Kurds in Syria",
 * "Kurdish fighters in northern Iraq", "Tamils in Sri Lanka" (a place's
 * own country says the same, when the gazetteer has it: the country
 * named as an actor says it without one).  NULL when none is. */
static const char *people_country_after(const sr_result *r, size_t e, int in_focus)
{
    const char *t = r->doc->text;
    size_t n = r->doc->text_len, i = e;
    if (i + 4 > n || strncasecmp(t + i, " in ", 4))
        return NULL;
    i += 4;
    /* (one word before it: "northern", "the") */
    size_t j = i;
    while (j < n && islower((unsigned char)t[j]))
        j++;
    if (j > i && j < n && t[j] == ' ')
        i = j + 1;
    /* the capitalised words there: "Syria", "South Sudan" */
    size_t w = i;
    while (w < n && isupper((unsigned char)t[w])) {
        while (w < n && (isalpha((unsigned char)t[w]) || t[w] == '-' || t[w] == '.'))
            w++;
        if (w + 1 < n && t[w] == ' ' && isupper((unsigned char)t[w + 1]))
            w++;
    }
    const char *c = w > i ? pl_actor_code_in(r, i, w) : NULL;
    if (c)
        return strlen(c) == 3 && c[0] != '-' && !sr_dict_people_code(c) ? c : NULL;
    /* (or a place there: "Kurdish militia in Afrin" are Syria's) */
    size_t np;
    const sr_geo_place *pl = w > i && r->geo ? sr_geo_doc_places(r->geo, &np) : NULL;
    size_t lo = pl ? pl_first_place_at(pl, np, w) : 0;
    if (!lo)
        return NULL;
    const sr_geo_place *q = &pl[lo - 1];
    if (q->start != i || q->role != SR_GEO_PLACE || !q->cc[0] || (q->flags & SR_GEO_F_FUZZY))
        return NULL;
    /* (in_focus: only a place of the story's own country, "rebels in Kaya"
     * of a story about South Sudan being no Burkinabe rebels whatever the
     * gazetteer made of Kaya) */
    const char *focus = in_focus ? sr_geo_doc_focus_country(r->geo) : NULL;
    if (focus && strcmp(focus, q->cc))
        return NULL;
    return sr_cameo_country_of_cc(q->cc);
}

const char *pl_code_in_country(sr_arena *a, const char *country, const char *code, size_t keep)
{
    size_t n = strlen(code);
    char *o = sr_arena_alloc(a, n - keep + 4);
    if (!o)
        return NULL;
    memcpy(o, country, 3);
    memcpy(o + 3, code + keep, n - keep + 1);
    return o;
}

/* The word before byte s says its noun is from abroad ("Western",
 * "foreign", "European", "international"). */
static int abroad_word_before(const char *t, size_t s)
{
    static const char *const words[] = {"western", "foreign", "european", "international"};
    size_t wb, we = pl_word_before(t, s, &wb);
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (pl_word_eq(t, wb, we, words[k]))
            return 1;
    return 0;
}

int pl_fill_focus(sr_arena *a, sr_result *r)
{
    sr_event *ev = r->events.items;
    /* The events' actors count twice, every other coded actor once
     * ("students throughout Indonesia staged demonstrations"). */
    focus_votes v;
    v.len = 0; /* (the list's entries are set as they are taken) */
    v.best = NULL;
    v.best_n = 0;
    for (size_t i = 0; i < r->events.len; i++) {
        if (!from_abroad(r->doc, ev[i].source_start, ev[i].source_end))
            vote(&v, ev[i].source, 2);
        if (!from_abroad(r->doc, ev[i].target_start, ev[i].target_end))
            vote(&v, ev[i].target, 2);
    }
    const pl_aspan *sp = r->actor_spans.items;
    for (size_t i = 0; i < r->actor_spans.len; i++)
        if (!based_at(r->doc, sp[i].end) && !from_abroad(r->doc, sp[i].start, sp[i].end))
            vote(&v, sp[i].code, 1);
    const char *best = v.best;
    /* A story whose actors name a country once at most ("thousands
     * crossed into neighbouring Chad") is about where its events happen:
     * every agent then takes its event's place, as local agents always do. */
    int weak = v.best_n <= 1;
    /* a people takes the story's country only when the story is about
     * one: twice the votes of any other ("Christians" in a story of
     * Germany's charity and Syria's war are no Syrians) */
    size_t second = 0;
    uint32_t best_key = best ? country_prefix(best) : 0;
    for (size_t k = 0; k < v.len; k++)
        if (!v.c[k].people && v.c[k].key != best_key && v.c[k].n > second)
            second = v.c[k].n;
    const char *people_best = v.best_n >= 2 * second ? best : NULL;
    place_countries pc;
    pc.made = 0;
    for (size_t i = 0; i < r->events.len; i++) {
        const char **sides[2] = {&ev[i].source, &ev[i].target};
        const char *texts[2] = {ev[i].source_text, ev[i].target_text};
        size_t starts[2] = {ev[i].source_start, ev[i].target_start},
               ends[2] = {ev[i].source_end, ev[i].target_end};
        const char *here = NULL;
        int here_known = 0;
        for (int s = 0; s < 2; s++) {
            const char *c = *sides[s];
            /* a people named without its country ("Kurds", "Hutu
             * rebels") is where it lives, as civilians are: "Kurds
             * rallied in Qamishli" are SYRKUR, "ethnic Albanians in south
             * Serbia" SRBABN (CAMEO, and PLOVER's gold, code them so) */
            if (!c)
                continue;
            int people = 0;
            if ((strncmp(c, "---", 3) || !c[3]) && !(people = sr_dict_people_code(c)))
                continue;
            /* "civilians" killed in Idlib are Syria's, whoever else the
             * story names most */
            const char *country = texts[s] ? named_place(r, starts[s], ends[s]) : NULL;
            /* ("Turkey said rebels attacked its troops": Turkey's) */
            if (!country && !people && texts[s])
                country = pl_its_owner(r, i, starts[s]);
            /* (and a place's institution or civilians: "a hospital in
             * Idlib" is Syria's, though "Russia said its jets bombed" it;
             * not an armed side, which may have come from afar) */
            if (!country && (people || civil_sector(c)))
                country = people_country_after(r, ends[s], !people);
            /* (its own place says whose it is; else as above -- but
             * not one said to be from abroad: "a Western diplomat", "a
             * foreign journalist" are of no country the story names) */
            if (!country && !people && texts[s] && abroad_word_before(r->doc->text, starts[s]))
                continue;
            if (!country) {
                country = people ? people_best : best;
                /* (a visitor is not of the place visited: "The foreign
                 * minister visited Tehran" is no Iranian's visit) */
                int visitor = s == 0 && pl_traveller(r, &ev[i]);
                if (visitor) {
                    if (country && ev[i].target && !strncmp(country, ev[i].target, 3))
                        country = NULL;
                } else if (people || weak || local_agent(c) || side_agent(c, texts[s]) ||
                    (s == 0 && pl_violent_root(ev[i].code) && government_word(c, texts[s]))) {
                    if (!here_known) {
                        if (event_country(a, r, i, &pc, &here))
                            return SR_ENOMEM;
                        here_known = 1;
                    }
                    if (here)
                        country = here;
                    /* (with no place, the victims named with others of a
                     * country are of it: "Turkish shelling killed three
                     * YPG fighters and two civilians" are Syria's, not the
                     * shellers') */
                    else if (s == 1 && local_agent(c) && pl_violent_root(ev[i].code)) {
                        const char *sib = pl_target_sibling(ev, r->events.len, i);
                        if (sib)
                            country = sib;
                    }
                } else {
                    /* (before the story's, that of its compound's other
                     * member, for a bare noun right after "and": "Government
                     * warplanes and artillery struck", "Russian jets and
                     * helicopters"; not "Turkish artillery and coalition
                     * jets") */
                    size_t wb, we = pl_word_before(r->doc->text, starts[s], &wb);
                    const char *sib =
                        texts[s] && !strchr(texts[s], ' ') &&
                                (pl_word_eq(r->doc->text, wb, we, "and") ||
                                 pl_word_eq(r->doc->text, wb, we, "or"))
                            ? pl_sibling_country(ev, r->events.len, i, s)
                            : NULL;
                    if (sib)
                        country = sib;
                }
            }
            /* (an army does not strike its own: "Ukraine's military shot
             * down 20 drones over Kyiv" are no Ukrainian drones, whatever
             * the place; a government or police a state's forces strike
             * may be their own, in a civil war) */
            if (country && s == 1 && !strncmp(c, "---MIL", 6) && pl_violent_root(ev[i].code) &&
                ev[i].source && strlen(ev[i].source) >= 6 && ev[i].source[0] != '-' &&
                !strncmp(ev[i].source + 3, "MIL", 3) && !strncmp(ev[i].source, country, 3))
                country = NULL;
            if (!country)
                continue;
            country = pl_settled_by(country, texts[s]);
            const char *o = pl_code_in_country(a, country, c, people ? 0 : 3);
            if (!o)
                return SR_ENOMEM;
            *sides[s] = o;
        }
    }
    return SR_OK;
}
