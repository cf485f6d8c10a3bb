/* Typing words from the dictionaries, actor units, compounds, pronouns,
 * comma-delimited clauses and conjunction-delimited clauses (TABARI manual
 * chapter 7, in the order of 7.10). */
#include <stdlib.h>
#include <string.h>

#include "parse_int.h"

/* w is the literal s (a word's len is its strlen). */
#define word_is(pw, lit) ((pw)->len == sizeof(lit) - 1 && !memcmp((pw)->w, lit, sizeof(lit)))

/* a an the, and but or nor, pronouns, was were been, by, of in.  Every
 * word that no dictionary phrase starts at comes here, so its length and
 * first letter pick the few words to compare.  Conjunctions are counted
 * in *nconj. */
static int closed_class(const sr_pword *w, int *nconj)
{
    const char *s = w->w;
    switch (w->len) {
    case 1:
        return s[0] == 'a' ? SR_W_DETERM : SR_W_NULL;
    case 2:
        switch (s[0]) {
        case 'a': return s[1] == 'n' ? SR_W_DETERM : SR_W_NULL;
        case 'b': return s[1] == 'y' ? SR_W_BY : SR_W_NULL;
        case 'h': return s[1] == 'e' ? SR_W_PRONOUN : SR_W_NULL;
        case 'i': return s[1] == 't' ? SR_W_PRONOUN : s[1] == 'n' ? SR_W_PREP : SR_W_NULL;
        case 'o': return s[1] == 'r' ? (++*nconj, SR_W_CONJ) : s[1] == 'f' ? SR_W_PREP : SR_W_NULL;
        default: return SR_W_NULL;
        }
    case 3:
        if (word_is(w, "and") || word_is(w, "but") || word_is(w, "nor"))
            return ++*nconj, SR_W_CONJ;
        if (word_is(w, "his") || word_is(w, "her") || word_is(w, "him") || word_is(w, "its") ||
            word_is(w, "she"))
            return SR_W_PRONOUN;
        if (word_is(w, "the"))
            return SR_W_DETERM;
        if (word_is(w, "was"))
            return SR_W_AUXIL;
        return SR_W_NULL;
    case 4:
        if (word_is(w, "been") || word_is(w, "were"))
            return SR_W_AUXIL;
        if (word_is(w, "they") || word_is(w, "them"))
            return SR_W_PRONOUN;
        return SR_W_NULL;
    case 5:
        return word_is(w, "their") ? SR_W_PRONOUN : SR_W_NULL;
    default:
        return SR_W_NULL;
    }
}

/* The tables words are typed from, in priority order, with the word type
 * each gives.  Event nouns come after verbs: a word that is both
 * ("attacks") is read as the verb unless the verb-to-noun shift below
 * makes it a noun. */
#define TYPING_TABLES(X)                                                              \
    X(ACTORS, ACTOR) X(AGENTS, AGENT) X(VERBS, VERB) X(EVNOUNS, EVNOUN) X(NOUNS, NOUN) \
    X(ADJECTIVES, ADJ) X(TIME, TIME) X(ATTRIB, ATTRIB) X(DISCARDS, DISCARD)

#define RANK_OF(t, w) RANK_##t,
enum { TYPING_TABLES(RANK_OF) NTYPING };
#define BIT_OF(t, w) | 1u << SR_DICT_T_##t
enum { TABLE_BITS = 0 TYPING_TABLES(BIT_OF) };
/* Per table id: its priority (a tie of length goes to the lower) and type. */
#define RANK_ENTRY(t, w) [SR_DICT_T_##t] = RANK_##t,
static const signed char table_rank[SR_DICT_T__COUNT] = {TYPING_TABLES(RANK_ENTRY)};
#define TYPE_ENTRY(t, w) [SR_DICT_T_##t] = SR_W_##w,
static const signed char table_type[SR_DICT_T__COUNT] = {TYPING_TABLES(TYPE_ENTRY)};

/* The end of the words a phrase starting at word i may cover. */
static size_t reach(size_t i, size_t n) { return n - i > SR_PARSE_REACH ? i + SR_PARSE_REACH : n; }

/* Longest dictionary phrase at word i over every table; ties go to the
 * earlier table (actors before agents before verbs).  Only the tables the
 * word can start a phrase of are searched (an empty table starts none). */
static int best_root(const sr_dict *d, const sr_dict_seq *seq, size_t i, size_t n,
                     sr_dict_match *best, int *type)
{
    /* Only the tables a phrase may start in at word i are searched (most
     * words start none); a tie on words and bytes goes to the table of
     * higher priority.  Blank connectors may skip words in every table:
     * TABARI codes DURTHANG ORC across "Durthang should be set up ... Orc". */
    int tb;
    if (!sr_dict_match_best(d, seq, i, reach(i, n), TABLE_BITS, table_rank, best, &tb))
        return 0;
    *type = table_type[tb];
    return 1;
}

/* A phrase marked cased matches only when the letters and digits of the
 * text are those of the phrase as written, capitals included. */
static int case_ok(const sr_dict *d, const sr_parse *p, const sr_dict_match *m)
{
    const char *q;
    if (!p->text || m->end <= m->start || !(q = sr_dict_phrase_cased(d, m->phrase)))
        return 1;
    /* (a sentence all in capitals writes "is", "as" or "it" so too:
     * "ISRAEL IS ATTACKING GAZA" names no Islamic State) */
    /* (nor "who": "THE MAN WHO ATTACKED") */
    if (p->allcaps && m->end == m->start + 1 && p->words[m->start].len == 3 &&
        !memcmp(p->words[m->start].w, "who", 3))
        return 0;
    if (p->allcaps && m->end == m->start + 1 && p->words[m->start].len == 2) {
        static const char *const small[] = {"is", "as", "it", "in", "on", "at", "or", "an", "of",
                                            "to", "by", "he", "we", "no", "so", "do", "if", "up",
                                            "me", "my", "go", "am", "be", NULL};
        for (const char *const *w = small; *w; w++)
            if (!memcmp(p->words[m->start].w, *w, 2))
                return 0;
    }
    const char *t = p->text + p->words[m->start].start, *te = p->text + p->words[m->end - 1].end;
    for (;;) {
        while (t < te && !((*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z') ||
                           (*t >= '0' && *t <= '9') || (unsigned char)*t >= 0x80))
            t++;
        while (*q && !((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') ||
                       (*q >= '0' && *q <= '9') || (unsigned char)*q >= 0x80))
            q++;
        if (t == te || !*q)
            return t == te && !*q;
        if (*t++ != *q++)
            return 0;
    }
}

/* Whether code c names a body outside the state: a rights group, an NGO,
 * the media, a hospital, a school, a business, a union or a church (an
 * international organisation's envoy stays GOV: IGOUNOGOV). */
static int civil_body(const char *c)
{
    static const char *const sectors[] = {"HRI", "NGO", "MED", "HLH", "EDU",
                                          "BUS", "LAB", "REL", NULL};
    for (size_t k = 0; c[k]; k += 3) {
        for (const char *const *s = sectors; *s; s++)
            if (!strncmp(c + k, *s, 3))
                return 1;
        if (!c[k + 1] || !c[k + 2])
            break;
    }
    return 0;
}

/* Whether code c names an armed group or an opposition outside the state
 * (its leader or official is its own: not GOV). */
static int nonstate_body(const char *c)
{
    static const char *const sectors[] = {"REB", "UAF", "OPP", "INS", NULL};
    for (size_t k = 3; c[k] && c[k + 1] && c[k + 2]; k += 3)
        for (const char *const *s = sectors; *s; s++)
            if (!strncmp(c + k, *s, 3))
                return 1;
    return !strncmp(c, "IMG", 3);
}

static const char *combine(sr_arena *a, const char *actor, const char *agent, int prefix,
                           int native)
{
    size_t la = strlen(actor), lg = strlen(agent);
    /* sitrep's conventions: an official or a spokesman of a body outside
     * the state is that body's ("a Syrian Observatory spokesman" SYRHRI,
     * "a Red Cross official"; CAMEO's GOV is the state's; PETRARCH's
     * tests keep NGOARNGOV) */
    if (native && !prefix && lg == 3 && !memcmp(agent, "GOV", 3) &&
        (civil_body(actor) || nonstate_body(actor)))
        return actor;
    /* An agent already in the code on a 3-letter boundary is not added
     * again (TAMIL TIGER guerrillas stay LKAREB). */
    for (size_t k = 0; k + lg <= la; k += 3)
        if (memcmp(actor + k, agent, lg) == 0)
            return actor;
    /* Nor is the part it shares with the code's end: the minister of
     * USAGOV is USAGOVMIL by "defense minister" (GOVMIL), not USAGOVGOVMIL. */
    if (!prefix)
        for (size_t ov = lg - lg % 3; ov >= 3; ov -= 3)
            if (ov < lg && ov <= la && (la - ov) % 3 == 0 && memcmp(actor + la - ov, agent, ov) == 0) {
                agent += ov;
                lg -= ov;
                break;
            }
    char *o = sr_arena_alloc(a, la + lg + 1);
    if (!o)
        return NULL;
    if (prefix) {
        memcpy(o, agent, lg);
        memcpy(o + lg, actor, la);
    } else {
        memcpy(o, actor, la);
        memcpy(o + la, agent, lg);
    }
    o[la + lg] = 0;
    return o;
}

static int attach_agent(sr_arena *a, sr_pactor *u, const sr_dict_agent *ag, int former,
                        int native)
{
    const char *code = former ? "ELI" : ag->code;
    int prefix = !former && ag->position == SR_DICT_AGENT_PREFIX;
    const char **nc = sr_arena_alloc(a, (u->ncodes ? u->ncodes : 1) * sizeof *nc);
    if (!nc)
        return SR_ENOMEM;
    for (uint32_t k = 0; k < u->ncodes; k++)
        if (!(nc[k] = combine(a, u->codes[k], code, prefix, native)))
            return SR_ENOMEM;
    u->codes = nc;
    return SR_OK;
}

int parse_attach_agent(const sr_dict *d, sr_arena *a, sr_pactor *u, uint32_t agent_entry)
{
    sr_dict_agent ag;
    if (sr_dict_agent_get(d, agent_entry, &ag))
        return SR_OK;
    return attach_agent(a, u, &ag, 0, 0);
}

static int new_actor(sr_arena *a, sr_vec *actors, size_t s, size_t e, const sr_dict_role *r,
                     sr_pactor **out)
{
    sr_pactor *u = sr_vec_push(actors, a, sizeof *u);
    if (!u)
        return SR_ENOMEM;
    u->start = s;
    u->end = e;
    u->head = s;
    u->compound = -1;
    u->pronoun_of = -1;
    u->lead_agent = -1;
    if (r) {
        u->ncodes = r->ncodes;
        u->codes = sr_arena_alloc(a, (r->ncodes ? r->ncodes : 1) * sizeof *u->codes);
        if (!u->codes)
            return SR_ENOMEM;
        for (uint32_t k = 0; k < r->ncodes; k++)
            u->codes[k] = sr_dict_role_code(r, k);
    }
    *out = u;
    return SR_OK;
}

/* Words naming a weapon that stand before its munition's noun. */
static const char *const weapon_mods[] = {"mortar", "rocket", "artillery", "tank", "missile",
                                          "cannon", "howitzer", "grenade", "gun", "machinegun",
                                          "sniper", NULL};
static _Atomic uint32_t weapon_mods_first;

/* Words that count or qualify the plural noun after them. */
static const char *const counting[] = {"any", "no", "some", "several", "many", "more",
                                       "further", "fresh", "renewed", "repeated", "new",
                                       "few", "numerous", "multiple", "recent", NULL};
static _Atomic uint32_t counting_first;

/* Words that set a noun beside others of its kind. */
static const char *const others[] = {"another", "other", "two", "three", "four", "five", "six",
                                     "seven", "eight", "nine", "ten", "dozens", "hundreds",
                                     "scores", NULL};
static _Atomic uint32_t others_first;

/* Prepositions of place and direction, before which a participle
 * qualifies a noun. */
static const char *const place_preps[] = {"in", "into", "from", "to", "on", "at", "near",
                                          "across", "throughout", "inside", "around", "of",
                                          "toward", "towards", NULL};
static _Atomic uint32_t place_preps_first;

/* A past participle in -ed, or "hurt". */
static int participle_form(const sr_pword *w)
{
    return (w->len > 3 && w->w[w->len - 1] == 'd' && w->w[w->len - 2] == 'e') ||
           (w->len == 4 && !memcmp(w->w, "hurt", 4));
}


/* Whether every word of [s, e) is capitalised, as a name's are. */
static int all_cap(const sr_parse *p, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++)
        if (!p->words[i].cap)
            return 0;
    return 1;
}

int parse_type_words(const sr_dict *d, sr_arena *a, sr_parse *p, int32_t date)
{
    sr_vec roots = {0};
    size_t n = p->nwords;
    const uint16_t *starts = sr_dict_seq_starts_all(p->seq);
    static const uint64_t none[4];
    const uint64_t *keys = p->names ? p->names->keys : none;
    for (size_t i = 0; i < n;) {
        sr_pword *w = &p->words[i];
        if (w->root >= 0) {
            i++;
            continue;
        }
        sr_dict_match m;
        sr_dict_role r;
        int type = SR_W_NULL;
        if ((starts[i] & TABLE_BITS) && w->type != SR_W_COMMA && w->type != SR_W_QUOTE &&
            best_root(d, p->seq, i, n, &m, &type)) {
            if (type == SR_W_ACTOR && !case_ok(d, p, &m)) {
                type = SR_W_NULL; /* "us", not "US" */
            } else if (type == SR_W_ACTOR) {
                if (!sr_dict_actor_role_at(d, m.entry, date, &r) || (r.flags & SR_DICT_C_NULL))
                    type = SR_W_NOUN;
                else if ((r.flags & SR_DICT_C_DISCARD) && p->style == SR_STYLE_TABARI)
                    p->discard = 1, type = SR_W_DISCARD;
                else if (r.flags & SR_DICT_C_COMPLEX)
                    p->complex_code = 1, type = SR_W_NULL;
            } else if (type == SR_W_VERB) {
                uint32_t fl;
                uint32_t npat;
                if (sr_dict_form_flags(d, m.entry, &fl, &npat) == 0) {
                    /* Root-level discard and complex codes act as soon as
                     * the word is classified (manual 6.3, 6.4). */
                    if (fl & SR_DICT_C_DISCARD)
                        p->discard = 1;
                    if (fl & SR_DICT_C_COMPLEX)
                        p->complex_code = 1;
                    if ((fl & SR_DICT_C_NULL) && npat == 0)
                        type = SR_W_NULL;
                }
            } else if (type == SR_W_TIME || type == SR_W_ATTRIB) {
                sr_dict_form f;
                if (sr_dict_form_get(d, m.entry, &f) == 0) {
                    if (f.code.flags & SR_DICT_C_DISCARD)
                        p->discard = 1;
                    if (f.code.flags & SR_DICT_C_COMPLEX)
                        p->complex_code = 1;
                }
            } else if (type == SR_W_DISCARD) {
                p->discard = 1;
            }
            sr_proot *rt = sr_vec_push(&roots, a, sizeof *rt);
            if (!rt)
                return SR_ENOMEM;
            rt->type = type;
            rt->start = m.start;
            rt->end = m.end;
            rt->entry = m.entry;
            rt->phrase = m.phrase;
            if (type == SR_W_ACTOR) {
                rt->role = r; /* parse_actors reads it, not the dictionary again */
                /* (a name for the sentences after it: names.c) */
                int rc;
                if (p->names && m.end - m.start >= 2 && r.ncodes == 1 &&
                    (rc = parse_note_name(p, rt)))
                    return rc;
            }
            int gapped = m.end - m.start > m.nwords;
            for (size_t k = m.start; k < m.end && k < n; k++) {
                if (gapped && k != m.start && k + 1 != m.end)
                    continue; /* skipped words keep their own roles */
                p->words[k].type = type;
                p->words[k].root = (int32_t)(roots.len - 1);
            }
            i = gapped ? i + 1 : (m.end > i ? m.end : i + 1);
            while (i < n && p->words[i].root >= 0)
                i++;
            continue;
        }
        if (w->type == SR_W_NULL) {
            int t = closed_class(w, &p->nconj);
            /* "killed at the hands of militants": the "of" of "at the
             * hands of" is a passive's BY (asked of each "of" only) */
            if (t == SR_W_PREP && i >= 3 && w->w[0] == 'o' && word_is(&p->words[i - 1], "hands") &&
                word_is(&p->words[i - 2], "the") && word_is(&p->words[i - 3], "at"))
                t = SR_W_BY;
            w->type = t;
            if (t == SR_W_PRONOUN) {
                p->npronouns++;
            } else if (w->cap && !t && sr_parse_key_in(keys, sr_parse_name_key(w->w, w->len))) {
                /* (where the short forms of names may be: names.c) */
                if (p->free_hi <= p->free_lo)
                    p->free_lo = i;
                p->free_hi = i + 1;
            }
        }
        i++;
    }
    p->roots = roots.items;
    p->nroots = roots.len;
    /* Verb to noun shifts (manual 7.4): after a determiner, or capitalised
     * inside a mixed-case sentence. */
    const int native = sr_dict_is_native(d);
    int title_case = -1;
    for (size_t r = 0; r < p->nroots; r++) {
        sr_proot *rt = &p->roots[r];
        if (rt->type != SR_W_VERB && rt->type != SR_W_EVNOUN)
            continue;
        size_t s = rt->start;
        /* sitrep's conventions: a verb or event noun capitalised before
         * another capitalised word, no date, in a mixed-case sentence is
         * part of a name ("Siege Watch reported", "according to Siege
         * Watch"; not "Airstrikes Sunday killed"): a plain noun.  (Alone,
         * capitalised inside a sentence, it is mostly a headline run into
         * the text, "AFP Thursday 14 Jul 2016 Air strikes kill 11": still
         * an event.  Nor in a headline written in title case, where
         * capitals say nothing: "Troops Attack Rebels".) */
        if (native && all_cap(p, s, rt->end) && !p->allcaps && rt->end < p->nwords &&
            p->words[rt->end].cap && p->words[rt->end].type != SR_W_TIME &&
            !sr_parse_calendar_word(&p->words[rt->end]) && !parse_title_case_at(p, s, rt->end)) {
            parse_shift_to_noun(d, p, rt, 1);
            continue;
        }
        if (rt->type != SR_W_VERB)
            continue;
        /* (not in a headline whose words are all in title case, after
         * its subject: "Syrian Army Kills 48 ISIL Terrorists in Deir
         * Ezzor", "Terrorist Rocket Attacks Kill 10"; not "Careers Press
         * Releases" in a site's footer) */
        int shift = (s > 0 && p->words[s - 1].type == SR_W_DETERM) ||
                    (s > 0 && p->words[s].cap && !p->allcaps &&
                     !(native && parse_headline_verb(p, s, rt->end, &title_case)));
        /* sitrep's conventions: a plural between a list's commas is one
         * of its nouns (", machine-guns, grenades and mortars") */
        if (!shift && native && s > 0 && rt->end < p->nwords && rt->end - s <= 2 &&
            p->words[s - 1].type == SR_W_COMMA &&
            (p->words[rt->end].type == SR_W_COMMA || p->words[rt->end].type == SR_W_CONJ) &&
            parse_plural_form(&p->words[rt->end - 1]))
            shift = 1;
        /* sitrep's conventions: a plural opening the sentence with a verb
         * right after it is that verb's subject ("Raids killed 16
         * civilians", "Clashes erupted") */
        if (!shift && native && s == 0 && r + 1 < p->nroots && p->roots[r + 1].start == rt->end &&
            p->roots[r + 1].type == SR_W_VERB && parse_plural_form(&p->words[s]))
            shift = 1;
        /* sitrep's conventions: a plural after "and" that joins it to an
         * event noun is one too ("condemned the bombing and raids on the
         * cities" is no one raiding) */
        if (!shift && native && r > 0 && s >= 2 && p->words[s - 1].type == SR_W_CONJ &&
            p->roots[r - 1].end == s - 1 &&
            (p->roots[r - 1].type == SR_W_EVNOUN || p->roots[r - 1].type == SR_W_NOUN) &&
            parse_plural_form(&p->words[s]))
            shift = 1;
        /* sitrep's conventions: a plural right after a weapon's name is
         * the head of its compound ("rocket and mortar shells", "tank
         * rounds"), not a verb whose subject is the weapon */
        if (!shift && native && s > 0 && rt->end - s == 1 && parse_plural_form(&p->words[s]) &&
            p->words[s - 1].type == SR_W_NULL && (!p->words[s - 1].cap || s == 1) &&
            parse_word_in_f(&p->words[s - 1], weapon_mods, &weapon_mods_first))
            shift = 1;
        /* sitrep's conventions: a participle between a word that counts
         * and the noun it qualifies is that noun's ("another wounded
         * child", "two injured soldiers"), not a verb */
        if (!shift && native && s > 0 && rt->end - s == 1 && r + 1 < p->nroots &&
            p->roots[r + 1].start == rt->end &&
            (p->roots[r + 1].type == SR_W_ACTOR || p->roots[r + 1].type == SR_W_AGENT ||
             p->roots[r + 1].type == SR_W_NOUN) &&
            participle_form(&p->words[s]) &&
            (p->words[s - 1].type == SR_W_NUMBER ||
             parse_word_in_f(&p->words[s - 1], counting, &counting_first) ||
             parse_word_in_f(&p->words[s - 1], others, &others_first)))
            shift = 1;
        /* sitrep's conventions: a participle right after a preposition
         * qualifies what follows it ("people in besieged Aleppo",
         * "evacuations from besieged areas"): no verb stands there */
        if (!shift && native && s > 0 && rt->end - s == 1 && rt->end < p->nwords &&
            participle_form(&p->words[s]) &&
            parse_word_in_f(&p->words[s - 1], place_preps, &place_preps_first) &&
            !p->words[s].cap) {
            int t = p->words[rt->end].type;
            if (t != SR_W_BY && t != SR_W_PREP && t != SR_W_DETERM && t != SR_W_COMMA &&
                t != SR_W_CONJ && t != SR_W_VERB && t != SR_W_AUXIL)
                shift = 1;
        }
        /* sitrep's conventions: a plural after a word that counts or
         * qualifies nouns is one ("no mention of any strikes", "fresh
         * clashes", "several raids") */
        if (!shift && native && s > 0 && parse_plural_form(&p->words[rt->end - 1]) &&
            parse_word_in_f(&p->words[s - 1], counting, &counting_first))
            shift = 1;
        /* sitrep's conventions: a word between an article and its
         * number and a name is a noun ("on the 200 block of Froom
         * Crescent", "the 2 attacks"): no verb follows "the" and a number */
        if (!shift && native && s >= 2 && p->words[s - 1].type == SR_W_NUMBER &&
            p->words[s - 2].type == SR_W_DETERM)
            shift = 1;
        /* sitrep's conventions: a verb's word after an article and one
         * word that qualifies nouns is a noun ("An earlier attack by IS
         * fighters on Shaer left 270 people dead", "a deadly attack", "an
         * overnight raid by government forces killed 20"); so is an -ing
         * after an article and a nationality, before the noun it
         * qualifies ("The Syrian opposing UK-based observatory said") */
        if (!shift && native && s >= 2 && rt->end - s == 1 &&
            (parse_word_is(&p->words[s - 2], "a") || parse_word_is(&p->words[s - 2], "an") ||
             parse_word_is(&p->words[s - 2], "the")) &&
            ((!p->words[s - 1].cap &&
              (p->words[s - 1].type == SR_W_ADJ || parse_noun_modifier(&p->words[s - 1]))) ||
             (parse_demonym_word(&p->words[s - 1]) && p->words[s].len > 4 &&
              !memcmp(p->words[s].w + p->words[s].len - 3, "ing", 3) &&
              parse_headword_after(p, rt->end))))
            shift = 1;
        if (shift)
            parse_shift_to_noun(d, p, rt, 0);
    }
    (void)date;
    return SR_OK;
}

typedef struct akey {
    size_t start, idx;
} akey;

static int akey_cmp(const void *x, const void *y)
{
    const akey *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

int parse_sort_actors(sr_arena *a, sr_parse *p)
{
    size_t n = p->nactors, k = 1;
    while (k < n && p->actors[k - 1].start <= p->actors[k].start)
        k++;
    if (k >= n)
        return SR_OK; /* the usual case: already in order */
    sr_pactor *sorted = sr_arena_alloc(a, n * sizeof *sorted);
    int *newpos = sr_arena_alloc(a, n * sizeof *newpos);
    if (!sorted || !newpos)
        return SR_ENOMEM;
    size_t m = k + 1;
    while (m < n && p->actors[m - 1].start <= p->actors[m].start)
        m++;
    if (m == n) {
        /* Two runs in order, the sentence's own units and those appended
         * (the usual case): merged, the first run first on equal starts. */
        size_t i = 0, j = k, o = 0;
        while (i < k || j < n) {
            size_t from = j >= n || (i < k && p->actors[i].start <= p->actors[j].start) ? i++ : j++;
            sorted[o] = p->actors[from];
            newpos[from] = (int)o++;
        }
    } else {
        akey *keys = sr_arena_alloc(a, n * sizeof *keys);
        if (!keys)
            return SR_ENOMEM;
        for (size_t i = 0; i < n; i++)
            keys[i] = (akey){p->actors[i].start, i};
        /* Ties broken by the old index: the stable order of an insertion
         * sort. */
        qsort(keys, n, sizeof *keys, akey_cmp);
        for (size_t i = 0; i < n; i++) {
            sorted[i] = p->actors[keys[i].idx];
            newpos[keys[i].idx] = (int)i;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (sorted[i].pronoun_of >= 0 && (size_t)sorted[i].pronoun_of < n)
            sorted[i].pronoun_of = newpos[sorted[i].pronoun_of];
    memcpy(p->actors, sorted, n * sizeof *sorted);
    return SR_OK;
}

static int32_t root_at(const sr_parse *p, size_t i, int type)
{
    if (i >= p->nwords)
        return -1;
    int32_t r = p->words[i].root;
    if (r < 0 || p->roots[r].type != type || p->roots[r].start != i)
        return -1;
    return r;
}

/* Actor units by the word they start and end at: per word, the head of
 * a list of actor indexes (-1 ends it).  Lists are short: actor phrases
 * do not overlap, so only agents joining two units make them share a
 * word. */
typedef struct apos {
    int32_t *by_start, *by_end; /* per word */
    int32_t *next_start, *next_end; /* per actor */
} apos;

static int apos_init(apos *ix, sr_arena *a, size_t nwords, size_t nactors)
{
    ix->by_start = sr_arena_alloc(a, nwords * sizeof *ix->by_start);
    ix->by_end = sr_arena_alloc(a, nwords * sizeof *ix->by_end);
    ix->next_start = sr_arena_alloc(a, nactors * sizeof *ix->next_start);
    ix->next_end = sr_arena_alloc(a, nactors * sizeof *ix->next_end);
    if (!ix->by_start || !ix->by_end || !ix->next_start || !ix->next_end)
        return SR_ENOMEM;
    memset(ix->by_start, 0xff, nwords * sizeof *ix->by_start);
    memset(ix->by_end, 0xff, nwords * sizeof *ix->by_end);
    return SR_OK;
}

static void apos_link(int32_t *head, int32_t *next, int32_t k)
{
    next[k] = *head;
    *head = k;
}

static void apos_unlink(int32_t *head, int32_t *next, int32_t k)
{
    for (int32_t *q = head; *q >= 0; q = &next[*q])
        if (*q == k) {
            *q = next[k];
            return;
        }
}

static void apos_add(apos *ix, const sr_pactor *u, int32_t k)
{
    apos_link(&ix->by_start[u->start], ix->next_start, k);
    apos_link(&ix->by_end[u->end], ix->next_end, k);
}

static void apos_del(apos *ix, const sr_pactor *u, int32_t k)
{
    apos_unlink(&ix->by_start[u->start], ix->next_start, k);
    apos_unlink(&ix->by_end[u->end], ix->next_end, k);
}

/* The lowest actor index in word w's list (as a scan of every actor in
 * order finds it), or -1. */
static int32_t apos_first(const apos *ix, const int32_t *heads, size_t w)
{
    const int32_t *next = heads == ix->by_start ? ix->next_start : ix->next_end;
    int32_t best = -1;
    for (int32_t k = heads[w]; k >= 0; k = next[k])
        if (best < 0 || k < best)
            best = k;
    return best;
}

/* The actor is a news outlet the dictionaries name: an actor entry (not
 * the agent "media"), every code of it a news outlet's (...MED). */
static int media_actor(const sr_parse *p, const sr_pactor *u)
{
    if (!u->ncodes || p->words[u->start].type != SR_W_ACTOR)
        return 0;
    for (uint32_t i = 0; i < u->ncodes; i++) {
        size_t n = u->codes[i] ? strlen(u->codes[i]) : 0;
        if (n < 6 || memcmp(u->codes[i] + n - 3, "MED", 3))
            return 0;
    }
    return 1;
}


int parse_actors(const sr_dict *d, const sr_dict_options *opt, sr_arena *a, sr_parse *p,
                 int32_t date)
{
    sr_vec actors = {0};
    int rc;
    if (opt->native) {
        parse_shift_more(d, a, p);
        parse_demonym_modifiers(p);
    }
    /* Agents that name nobody ("gas tank", "the banks of the river"): plain
     * nouns, in every dialect (only a dictionary that says so has them). */
    for (size_t r = 0; r < p->nroots; r++) {
        sr_proot *rt = &p->roots[r];
        sr_dict_agent ag;
        if (rt->type == SR_W_AGENT && !sr_dict_agent_get(d, rt->entry, &ag) &&
            ag.position == SR_DICT_AGENT_NONE) {
            rt->type = SR_W_NULL;
            for (size_t i = rt->start; i < rt->end; i++)
                p->words[i].type = SR_W_NULL;
        }
    }
    if (opt->native)
        parse_manner_words(p);
    if (opt->native)
        parse_leader_nationality(p);
    if (opt->native)
        for (size_t r = 0; r + 1 < p->nroots; r++) {
            sr_proot *rt = &p->roots[r], *nx = &p->roots[r + 1];
            if (rt->type != SR_W_ACTOR || nx->type != SR_W_ACTOR || rt->end != nx->start)
                continue;
            int one = rt->role.ncodes == 1 && nx->role.ncodes == 1 && rt->role.codes &&
                      nx->role.codes && strlen(rt->role.codes) == 3;
            /* "Syria's Kurds" are Syrian Kurds; "Syria's army" was joined
             * as an agent already, and a possessor stays an actor
             * otherwise. */
            /* ("Nigeria's Boko Haram militants", "Russia's Foreign
             * Ministry": a country owning one of its own actors is that
             * actor's country, as before it without "'s") */
            int own = one && !strncmp(rt->role.codes, nx->role.codes, 3) && strlen(nx->role.codes) > 3;
            if (p->words[rt->end - 1].poss && !(one && sr_dict_people_code(nx->role.codes)) && !own)
                continue;
            if (!p->words[rt->end - 1].poss && parse_country_run(p, r))
                continue;
            /* "United States State Department spokesperson": a country's
             * name before one of its own actors modifies it, as a one-word
             * actor before another does */
            if (rt->end - rt->start == 1 || own) {
                rt->type = SR_W_ADJ;
                for (size_t i = rt->start; i < rt->end; i++)
                    p->words[i].type = SR_W_ADJ;
                /* "Syrian Kurds", "Iraqi Christians": a nationality before
                 * a people is where that people lives, and CAMEO puts the
                 * country first (SYRKUR), as "Syrian troops" is SYRMIL. */
                if (one && sr_dict_people_code(nx->role.codes)) {
                    size_t n1 = strlen(rt->role.codes), n2 = strlen(nx->role.codes);
                    char *c = sr_arena_alloc(a, n1 + n2 + 1);
                    if (!c)
                        return SR_ENOMEM;
                    memcpy(c, rt->role.codes, n1);
                    memcpy(c + n1, nx->role.codes, n2 + 1);
                    nx->role.codes = c;
                }
            }
        }
    /* (the agents counted on the way: nothing before the agents' own
     * loop retypes one) */
    size_t nag = 0;
    for (size_t r = 0; r < p->nroots; r++) {
        sr_proot *rt = &p->roots[r];
        if (rt->type != SR_W_ACTOR) {
            nag += rt->type == SR_W_AGENT;
            continue;
        }
        /* sitrep's dictionaries: "a tax on non-Muslims", "anti-Assad
         * rebels": the word is no actor (parse_opposed_at). */
        if (opt->native && (parse_opposed_at(p, rt->start, 0) || parse_based_at(p, rt->end) ||
                            parse_language_at(p, rt->start, rt->end))) {
            parse_untype_root(p, rt);
            continue;
        }
        /* Every actor root has its role (parse_type_words typed the
         * others otherwise). */
        const sr_dict_role role = rt->role;
        sr_pactor *u;
        if ((rc = new_actor(a, &actors, rt->start, rt->end, &role, &u)))
            return rc;
        if ((role.flags & SR_DICT_C_DISCARD) && !u->ncodes) {
            /* "###" is no discard code to PETRARCH, only a code. */
            u->ncodes = 1;
            u->codes[0] = "###";
        }
    }
    p->actors = actors.items;
    p->nactors = actors.len;
    /* Agents join the actor right before or after them, or after OF/IN
     * (manual 5.4).  The actor ending or starting at a word is found
     * through per-word lists, not a scan of every actor: a runaway
     * record may hold thousands of both. */
    if (!nag)
        goto sorted;
    apos ix;
    if ((rc = apos_init(&ix, a, p->nwords + 1, p->nactors + nag)))
        return rc;
    for (size_t k = 0; k < p->nactors; k++)
        apos_add(&ix, &p->actors[k], (int32_t)k);
    for (size_t r = 0; r < p->nroots; r++) {
        sr_proot *rt = &p->roots[r];
        if (rt->type != SR_W_AGENT)
            continue;
        /* ("anti-government protesters" are protesters: parse_opposed_at) */
        if (opt->native && (parse_opposed_at(p, rt->start, 1) ||
                            parse_infinitive_at(p, rt->start, rt->end))) {
            parse_untype_root(p, rt);
            continue;
        }
        sr_dict_agent ag;
        if (sr_dict_agent_get(d, rt->entry, &ag))
            continue;
        int former = rt->start > 0 && word_is(&p->words[rt->start - 1], "former");
        size_t before = former ? rt->start - 1 : rt->start;
        /* (past a rank, "Russia's Deputy Ambassador", "the Syrian Deputy
         * Foreign Minister": the actor before it owns the agent) */
        if (opt->native && before > 0 && parse_rank_word(&p->words[before - 1]))
            before--;
        int32_t u = -1;
        if (p->style == SR_STYLE_PETRARCH) {
            /* "Ithilen's awful and evil minister": within a noun phrase the
             * agent belongs to the possessor. */
            size_t b = before;
            for (int hops = 0; b > 0 && hops < 4; hops++) {
                const sr_pword *w = &p->words[b - 1];
                if (w->actor >= 0 || w->type == SR_W_ACTOR) {
                    if (w->poss)
                        u = apos_first(&ix, ix.by_end, b);
                    break;
                }
                if (!(w->type == SR_W_ADJ || w->type == SR_W_DETERM ||
                      (w->type == SR_W_NULL && !w->cap) ||
                      (w->type == SR_W_CONJ && word_is(w, "and"))))
                    break;
                b--;
            }
        }
        /* sitrep's conventions: a leader named right after the word is
         * that person, whose own entry says who he is ("Kurdish leader
         * Masoud Barzani": the word is his title, not the Kurds') */
        int32_t named_after = -1;
        if (u < 0 && opt->native && rt->end - rt->start == 1 &&
            (word_is(&p->words[rt->start], "leader") || word_is(&p->words[rt->start], "leaders")) &&
            (named_after = apos_first(&ix, ix.by_start, rt->end)) >= 0) {
            rt->type = SR_W_NULL;
            p->words[rt->start].type = SR_W_NULL;
            continue;
        }
        if (u < 0)
            u = apos_first(&ix, ix.by_end, before);
        /* sitrep's conventions: a nationality, a plain word and the agent
         * are one noun phrase ("the Kenyan foreign troops", "Iraqi elite
         * forces"): the word qualifies the agent */
        if (u < 0 && opt->native && before >= 2 && !p->words[before - 1].cap &&
            p->words[before - 1].len > 2 &&
            (p->words[before - 1].type == SR_W_NULL || p->words[before - 1].type == SR_W_ADJ)) {
            int32_t d2 = apos_first(&ix, ix.by_end, before - 1);
            if (d2 >= 0 && p->actors[d2].start + 1 == before - 1 &&
                parse_demonym_word(&p->words[before - 2]))
                u = d2;
        }
        /* sitrep's dictionaries: a news outlet owns its reporters, not the
         * gunmen or soldiers named after it ("according to SANA terrorists
         * fired ...": the speaker ends at SANA, its report begins) */
        if (u >= 0 && opt->native && media_actor(p, &p->actors[u]) && !strstr(ag.code, "MED") &&
            !strstr(ag.code, "JRN"))
            u = -1;
        if (u < 0)
            u = apos_first(&ix, ix.by_start, rt->end);
        /* (sitrep's conventions: and a spokesman after "for", "A
         * spokesman for Hamas said": he speaks for it) */
        int spoken_for = 0;
        /* (not one a possessive pronoun owns: "withdrew its troops from
         * Afghanistan" are no Afghan troops) */
        int owned = opt->native && before > 0 &&
                    (word_is(&p->words[before - 1], "its") ||
                     word_is(&p->words[before - 1], "their") ||
                     word_is(&p->words[before - 1], "our"));
        /* (nor, after "Western" or "foreign", one whose place follows: "a
         * Western diplomat in Beirut" is posted there, no Lebanese) */
        /* (the words pl_fill_focus's abroad_word_before takes too) */
        static const char *const abroad_words[] = {"western", "foreign", "european",
                                                   "international", NULL};
        static const char *const where_words[] = {"in", "inside", "near", "at", NULL};
        int posted = opt->native && before > 0 && rt->end < p->nwords &&
                     parse_word_in(&p->words[before - 1], abroad_words) &&
                     parse_word_in(&p->words[rt->end], where_words);
        if (u < 0 && !owned && !posted && rt->end < p->nwords &&
            (p->words[rt->end].type == SR_W_PREP ||
             (p->style == SR_STYLE_PETRARCH && word_is(&p->words[rt->end], "from")) ||
             (spoken_for = opt->native && word_is(&p->words[rt->end], "for") &&
                           rt->end == rt->start + 1 && parse_speaks_for(&p->words[rt->start])))) {
            size_t s = rt->end + 1;
            if (s < p->nwords && p->words[s].type == SR_W_DETERM)
                s++;
            /* (not to one that only holds the place: "civilians in the
             * IS-held area" are no IS civilians) */
            if ((u = apos_first(&ix, ix.by_start, s)) >= 0 && opt->native &&
                sr_parse_held_at(p, p->actors[u].end))
                u = -1;
            if (u >= 0)
                p->actors[u].lead_agent = (int32_t)r;
        }
        if (u >= 0) {
            sr_pactor *au = &p->actors[u];
            if (!former && au->start > 0 && word_is(&p->words[au->start - 1], "former"))
                former = 1;
            size_t au_start = au->start;
            /* (who speaks for an actor is coded as that actor: "a
             * spokesman for the Syrian opposition" is SYROPP) */
            if (!spoken_for && (rc = attach_agent(a, au, &ag, former, opt->native)))
                return rc;
            /* sitrep's conventions: "Russian and Syrian jets", "Turkish and
             * Russian troops": the agent is the first nationality's too */
            if (opt->native && au_start >= 2 && rt->start == au->end &&
                au->end - au_start == 1 && word_is(&p->words[au_start - 1], "and") &&
                parse_demonym_word(&p->words[au_start])) {
                int32_t u2 = apos_first(&ix, ix.by_end, au_start - 1);
                sr_pactor *a2 = u2 >= 0 ? &p->actors[u2] : NULL;
                if (a2 && a2->end - a2->start == 1 && parse_demonym_word(&p->words[a2->start]) &&
                    a2->ncodes == 1 && a2->codes && a2->codes[0] && strlen(a2->codes[0]) == 3 &&
                    (rc = attach_agent(a, a2, &ag, former, opt->native)))
                    return rc;
                au = &p->actors[u];
            }
            apos_del(&ix, au, u);
            if (rt->start < au->start)
                au->start = rt->start;
            if (rt->end > au->end)
                au->end = rt->end;
            apos_add(&ix, au, u);
        } else if ((opt->convert_agents == 1 || p->style == SR_STYLE_PETRARCH) &&
                   !(opt->native && rt->end - rt->start == 1 &&
                     (word_is(&p->words[rt->start], "leader") ||
                      word_is(&p->words[rt->start], "leaders")))) {
            /* (sitrep's conventions: a leader is of a state only with the
             * state named, "South African leader"; alone, "evangelical
             * leaders", "a white nationalist leader", it names no actor) */
            sr_pactor *nu;
            if ((rc = new_actor(a, &actors, rt->start, rt->end, NULL, &nu)))
                return rc;
            p->actors = actors.items;
            p->nactors = actors.len;
            nu->ncodes = 1;
            nu->codes = sr_arena_alloc(a, sizeof *nu->codes);
            if (!nu->codes)
                return SR_ENOMEM;
            /* An agent standing alone is written with its connector, as
             * TABARI prints it ("~MIL"). */
            size_t cl = strlen(ag.code);
            char *c = sr_arena_alloc(a, cl + 2);
            if (!c)
                return SR_ENOMEM;
            if (p->style == SR_STYLE_PETRARCH) {
                /* PETRARCH codes a bare agent with an empty actor slot. */
                c = sr_arena_alloc(a, cl + 4);
                if (!c)
                    return SR_ENOMEM;
                if (ag.position == SR_DICT_AGENT_PREFIX) {
                    memcpy(c, ag.code, cl);
                    memcpy(c + cl, "---", 4);
                } else {
                    memcpy(c, "---", 3);
                    memcpy(c + 3, former ? "ELI" : ag.code, (former ? 3 : cl) + 1);
                }
            } else if (former) {
                memcpy(c, "~ELI", 5);
            } else if (ag.position == SR_DICT_AGENT_PREFIX) {
                memcpy(c, ag.code, cl);
                c[cl] = '~';
                c[cl + 1] = 0;
            } else {
                c[0] = '~';
                memcpy(c + 1, ag.code, cl + 1);
            }
            nu->codes[0] = c;
            apos_add(&ix, nu, (int32_t)(p->nactors - 1));
        }
    }
sorted:
    /* Keep actor units in text order (lone agents were appended). */
    if ((rc = parse_sort_actors(a, p)))
        return rc;
    for (size_t k = 0; k < p->nactors; k++)
        for (size_t i = p->actors[k].start; i < p->actors[k].end; i++) {
            p->words[i].actor = (int32_t)k;
            if (p->words[i].type == SR_W_AGENT)
                p->words[i].type = SR_W_ACTOR;
        }
    (void)root_at;
    return SR_OK;
}
