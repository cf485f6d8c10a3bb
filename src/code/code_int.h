/* Private to src/code. */
#ifndef SR_CODE_INT_H
#define SR_CODE_INT_H

#include "sr_code.h"

#include <string.h>

/* Word pw is the literal lit (a word's len is its strlen). */
#define word_is(pw, lit) ((pw)->len == sizeof(lit) - 1 && !memcmp((pw)->w, lit, sizeof(lit)))
/* A word in -ing of five letters or more ("killing", not "king"). */
#define code_ing_form(pw) ((pw)->len > 4 && !memcmp((pw)->w + (pw)->len - 3, "ing", 3))

/* Word w is one of the NULL-terminated list. */
static inline int word_in(const sr_pword *w, const char *const *list)
{
    /* (two letters before a call: many listed words share the first) */
    for (; *list; list++)
        if ((*list)[0] == w->w[0] && (*list)[1] == w->w[1] && !strcmp(w->w, *list))
            return 1;
    return 0;
}

/* A word list with a filter on first letter and length, so that a word
 * that is none of them (most are) costs one table bit, not a compare per
 * listed word: the coder asks lists of up to twenty words of most verbs
 * and event nouns it meets.  A word past the filter is looked up in a
 * small open-addressed table (one compare, not one per listed word: the
 * filter lets through every listed word, and "was", "in", "on" are most
 * of the words asked). */
/* (256 slots: a list of up to 128 words keeps its table half full at
 * most; a longer one is scanned) */
enum { WORD_SET_SLOTS = 256 };
typedef struct word_set {
    const char *const *list; /* NULL-terminated */
    uint32_t by_letter[26];  /* per first letter a-z: bit len for each listed
                              * word of that letter and length (1 to 31) */
    int any;                 /* a listed word of another shape: no filter */
    uint16_t slot[WORD_SET_SLOTS]; /* by word_set_hash: the listed word's
                                    * length << 8 | its list index + 1, 0 empty */
} word_set;

/* Fills s's filter from its list: called once, before any word_set_has
 * (from a constructor: read-only after, so any thread may ask). */
void word_set_init(word_set *s);

/* A word's slot in a word_set's table: its first and last letters and
 * its length (n >= 1). */
static inline unsigned word_set_hash(const char *w, size_t n)
{
    return ((unsigned char)w[0] * 7u + (unsigned char)w[n - 1] * 31u + (unsigned)n * 13u) &
           (WORD_SET_SLOTS - 1);
}

/* Word w is one of s's list (word_in, through the filter). */
static inline int word_set_has(const word_set *s, const sr_pword *w)
{
    unsigned a = (unsigned char)w->w[0] - 'a';
    if (s->any)
        return word_in(w, s->list);
    if (a >= 26 || w->len >= 32 || !(s->by_letter[a] >> w->len & 1))
        return 0;
    /* (lengths first: a listed word is read no further than its end) */
    for (unsigned h = word_set_hash(w->w, w->len), e; (e = s->slot[h]) != 0;
         h = (h + 1) & (WORD_SET_SLOTS - 1))
        if (e >> 8 == w->len && !memcmp(s->list[(e & 255) - 1], w->w, w->len))
            return 1;
    return 0;
}

/* CAMEO's assault, fight and mass violence roots: 18, 19, 20. */
static inline int violent_code(const char *c)
{
    return c && ((c[0] == '1' && (c[1] == '8' || c[1] == '9')) || (c[0] == '2' && c[1] == '0'));
}

/* An actor code of people an act of violence is done to: civilians,
 * medical staff, schools, refugees. */
static inline int victim_sector(const char *c)
{
    size_t n = c ? strlen(c) : 0;
    if (n < 3)
        return 0;
    c += n - 3;
    return !strcmp(c, "CVL") || !strcmp(c, "HLH") || !strcmp(c, "EDU") || !strcmp(c, "REF");
}

/* A verb (or time phrase, or event noun) matched against its patterns. */
typedef struct verb_match {
    size_t root;
    int ok;                /* the verb has an entry */
    sr_dict_code code;
    const char *ptext;
    int src, tgt, comp;
    size_t *used;
    uint32_t nused;
    size_t end_pos;        /* act position after the pattern (vend without one) */
    int consumed;
    int pre_actor;         /* the pattern matched an actor's word before the verb */
    int weapon_subj;       /* it matched what the verb acts on in words before
                            * it that name no actor: "rockets were fired",
                            * "rockets fired at the town" */
} verb_match;

/* The sentence's Bloom filter (sr_dict_seq_bloom), made when the first
 * verb with patterns asks for it: a sentence without one costs none. */
typedef struct code_bloom {
    const sr_dict *d;
    const sr_dict_seq *seq;
    int made;
    sr_dict_bloom b;
    /* and, made with it, the set's pattern views and filter bits from
     * pattern 0 (NULL for an uncompiled set): two calls a sentence, not
     * two a verb */
    const sr_dict_pattern *pviews;
    const uint32_t *pfilter;
    /* Reported speech under sitrep's own conventions (speech.c), found
     * once per sentence: the words that open a report, in order, and the
     * first word of each report (none with other dictionaries). */
    const size_t *report_at, *report_open;
    size_t nreports;
    /* and the speakers named before a verb of saying or after "according
     * to": their first word and the word after them */
    const size_t *speaker_at, *speaker_end;
    size_t nspeakers;
    /* The last verb's stretch (verbs.c, verb_bounds) over the words
     * vb_act[0, vb_m): where its backward and forward walks to a comma
     * stopped, so that the next verb of the clause, further on, walks only
     * what lies past them.  The caller sets vb_act to NULL whenever it
     * writes other words where vb_act points. */
    const size_t *vb_act;
    size_t vb_m, vb_vpos, vb_lo, vb_vend, vb_hi;
} code_bloom;

static inline const sr_dict_bloom *code_bloom_get(code_bloom *cb)
{
    if (!cb->made) {
        sr_dict_seq_bloom(cb->d, cb->seq, &cb->b);
        cb->pviews = sr_dict_pattern_view(cb->d, 0);
        cb->pfilter = sr_dict_pattern_filter_bits(cb->d);
        cb->made = 1;
    }
    return &cb->b;
}

/* Matches the verb at root v against its patterns over the words act[0,
 * m) (in word order, none of them in a dropped clause, v's first word
 * among them): the longest matching pattern, else the verb's own code.
 * scratch (room for *scratch_cap) grows in a when a pattern needs more;
 * wsb gives the sentence's Bloom filter.  Returns 0 or SR_ENOMEM. */
/* sitrep's conventions: an actor a pattern wants before the verb is its
 * subject, which a passive with its victims right before the verb has
 * not ("Demonstrators carried pictures of fighters killed in Afrin" is no
 * riot): for such a verb (vm its match) *code becomes the verb's own
 * code, not the pattern's, and *ptext NULL.  (A weapon there stays: "air
 * strikes that left 38 civilians killed".) */
/* Notes the words of verb v in *quiet (may be NULL): no cue of violence
 * for the label ("were killed when a tree fell") (senses.c). */
int code_note_verb(sr_vec *quiet, sr_arena *a, const sr_parse *p, const sr_proot *v);
/* senses.c.  Lists in quiet (may be NULL) the verb or event noun v that
 * a pattern read in a sense naming no event (---: "battled the blaze", "is
 * fighting inflation"), for the label.  Returns 0 or SR_ENOMEM. */
int code_note_quiet(sr_vec *quiet, sr_arena *a, const sr_parse *p, const sr_proot *v,
                    const verb_match *vm);
/* Lists in quiet the words a pattern used (vm's, at act positions), of an
 * event read in words.  Returns 0 or SR_ENOMEM. */
int code_note_used(sr_vec *quiet, sr_arena *a, const sr_parse *p, const verb_match *vm,
                   const size_t *act);
/* Lists in quiet the verb v and the words its pattern used, of an event
 * read in words that is not coded for want of a side ("Critics attacked
 * the budget").  Returns 0 or SR_ENOMEM. */
int code_note_spoken(sr_vec *quiet, sr_arena *a, const sr_parse *p, const sr_proot *v,
                     const verb_match *vm, const size_t *act);
/* A state's own code, no agent: "DEU", not "DEUMIL". */
int code_bare_state(const char *c);
/* Code c names a state's government or forces ("SYRGOV", "USAMIL",
 * "---MIL"; not the state alone, rebels, militant groups or NGOs): a
 * bombing of theirs is from the air (senses.c). */
int code_state_force(const char *c);
/* The sentence of event proto names bombs or a bombing, and its verb is
 * none of planting or setting one off ("detonated explosives") (senses.c). */
int code_state_bombing(const sr_parse *p, const sr_event *proto);
/* Code c names an armed group that is no state's: rebels, insurgents,
 * separatists, unaligned armed forces, militarized groups (senses.c). */
int code_armed_group(const char *c);
/* Event proto's verb is "bomb" itself (bombed, bombing), coded by no
 * pattern: no aircraft or other weapon named with it (senses.c). */
int code_plain_bombing(const sr_parse *p, const sr_event *proto);

int code_passive_own(const sr_dict *d, const sr_proot *v, const verb_match *vm,
                     sr_dict_code *code, const char **ptext);

int code_match_verb(const sr_dict *d, const sr_parse *p, const sr_proot *v, const size_t *act,
                    size_t m, verb_match *out, size_t **scratchp, size_t *scratch_cap, sr_arena *a,
                    code_bloom *wsb, int native);


/* What pattern matching around one verb reads and binds (pattern.c):
 * set up once per verb (code_match_setup), each pattern run in it. */
typedef struct code_mctx {
    const sr_dict *d;
    const sr_parse *p;
    const size_t *act;     /* active word indexes of the clause */
    size_t m;              /* how many */
    size_t lo, hi;         /* pattern search range in act (commas bound it) */
    size_t vpos, vend;     /* verb phrase in act */
    const sr_dict_elem *e; /* the pattern's elements, */
    uint32_t ne, vi;       /* how many, and the verb's */
    int src, tgt, comp;    /* the actors bound */
    long steps;
    int style;
    size_t *used;          /* act positions of matched literal words */
    uint32_t nused;
    size_t end_pos;        /* act position after the last element, on success */
    int pre_actor;         /* a word or set before the verb matched an actor's word */
    int pre_word;          /* a set before the verb matched a word of no actor */
    size_t pre_end;        /* word after the last such match */
} code_mctx;

/* Sets c up for the patterns of the verb at act[vpos, vend) with
 * elements searched in act[lo, hi). */
void code_match_setup(code_mctx *c, const sr_dict *d, const sr_parse *p, const size_t *act,
                      size_t m, size_t lo, size_t hi, size_t vpos, size_t vend);

/* Matches one pattern in c.  Returns 1 on a match, with c->src, c->tgt
 * (the designated actors, -1 when not designated) and c->comp; used (room
 * for pat->nelems) receives the act positions of the literal words
 * matched, c->nused their number, and c->end_pos is the act position just
 * after the pattern's last element (vend at least). */
int code_match_pattern(code_mctx *c, const sr_dict_pattern *pat, size_t *used);

/* Finds the reports of sentence p for cb (speech.c).
 * Returns SR_OK or SR_ENOMEM. */
int code_reports(code_bloom *cb, const sr_parse *p, sr_arena *a);

/* The first word of the report the last verb of saying (or "according to
 * X") in words [from, to) opens, or SIZE_MAX when none does (or cb has no
 * reports). */
size_t code_report_start(const code_bloom *cb, size_t from, size_t to);

/* When the verb at word vstart is inside the last report opened before it
 * and actor src stands before that report (its speaker, the one told, the
 * one after "according to"), the verb's source is the report's first actor
 * (not avoid), -1 when the report names none, and *rstart the report's
 * first word.  Otherwise src, and *rstart SIZE_MAX. */
int code_report_source(const code_bloom *cb, const sr_parse *p, int src, size_t vstart,
                       int avoid, size_t *rstart);

/* The first word in [from, to) of a speaker named after the event
 * ("..., the Observatory said", "according to X"), or to: a verb's target
 * is sought before it. */
size_t code_speaker_cap(const code_bloom *cb, size_t from, size_t to);

/* For a verb of saying at words [vstart, vend) that follows what it
 * reports, its speaker set off by a comma or a closing quotation mark
 * ("Troops stormed Barzeh, the Observatory said"; '"..." the monitor's
 * head said'), or named after it right after a closing quotation mark
 * ('"..." said Kenneth Roth'): the speaker's first word, and in *send the
 * end of its words.  SIZE_MAX for any other verb.  The statement's source
 * is an actor among the speaker's words, or unknown: never one of the
 * report's. */
size_t code_speaker_segment(const code_bloom *cb, const sr_parse *p, size_t vstart, size_t vend,
                            size_t *send);

/* Actor u is a speaker named before a verb of saying ("an AFP
 * correspondent said"). */
int code_is_speaker(const code_bloom *cb, const sr_parse *p, int u);

/* roles.c: an event noun's source and target from the words around it
 * ("X's N", "N by X", "N between X and Y", "N on Y"; "N in Y" but for an
 * act of force, `force`, where "in" says where); a casualty
 * participle between a count or determiner and its noun ("many wounded
 * civilians"), no event; a headline's or elliptical passive ("13
 * civilians killed in", "were killed and dozens wounded"): 1 with BY
 * after, 2 without (*victims the counted victims, or -1), else 0; actor
 * u only holds a place ("rebel-held"); the actor the search found, past
 * ones that only say where the next is based, up to word `to`; words
 * [from, to) hold a verb that gives the subject the event noun after
 * them ("launched war games"). */
void code_noun_actors(const sr_parse *p, const sr_proot *v, int force, int *src, int *tgt);
int code_adjectival(const sr_parse *p, const sr_proot *v);
/* Whether words [from, to) hold a verb whose subject meets an event and
 * does not do it ("saw heavy fighting", "suffered attacks"); *suffers (may
 * be NULL) says whether it suffers it, so is its target. */
int code_meets_event(const sr_parse *p, size_t from, size_t to, int *suffers);
/* Whether the words before word i make what starts there a charge before
 * a court ("convicted of sexual assault", "charged with murder"). */
int code_charge_before(const sr_parse *p, size_t i);
/* The clause before the one starting at word cstart is one of its own,
 * not a subject joined to the next: it ends in no actor, or has a verb
 * other than one of saying. */
int code_own_verb_before(const sr_parse *p, size_t cstart);
/* The event noun at word i is what a pause, halt, suspension or ban
 * stops ("a four-day pause in strikes", "an end to the shelling"): none
 * told (subjects.c). */
int code_stopped_before(const sr_parse *p, size_t i);
/* A bomb's word at i is the object of a verb that stops or finds it
 * ("defused a car bomb", "seized explosives", "foiled a bombing"): no
 * bombing happened. */
int code_disarmed_before(const sr_parse *p, size_t i);
/* Whether sentence p is about sport: a score ("5-1", "a 3-0 win") or a
 * word only sport uses ("semi-final", "innings", "World Cup"). */
int code_sports_sentence(const sr_parse *p);
int code_reduced_passive(const sr_parse *p, const sr_proot *v, size_t cend, int *victims);
int code_holder(const sr_parse *p, int u);
/* Actor u follows an event noun and its preposition ("strikes on
 * schools"): that act's object, no subject of a verb after it. */
int code_noun_object(const sr_parse *p, int u);
/* Word w is a verb of saying ("said", "told", "announced"; speech.c). */
int code_saying_word(const sr_pword *w);
/* The same of one that always reports ("said", "told"), in a dropped
 * comma clause too. */
int code_saying_word_any(const sr_pword *w);
/* The subject of a verb whose clause opens with a name no dictionary
 * knows and an apposition that says who it is ("Kenzo Oshima, the United
 * Nations Emergency Relief Coordinator, demanded"): the actor heading the
 * apposition, or -1 (speech.c). */
int code_apposition_subject(const sr_parse *p, size_t cstart, size_t vstart, int avoid);
/* Event noun v stands right before a noun it qualifies ("the ceasefire
 * zone", "the protest site"): no event (subjects.c). */
int code_qualifies_noun(const sr_parse *p, const sr_proot *v);
/* The subject past a country or capital that a fronted phrase of place
 * names ("In Iraq the army attacked"): the next actor before the verb, or
 * u (subjects.c). */
int code_past_fronted_place(const sr_parse *p, int u, size_t vstart, int avoid);
/* Word w is a preposition of place before a place ("in", "over",
 * "near", "across"; roles.c). */
int code_locative_word(const sr_pword *w);
/* Actor tgt is actor src's own forces or people, after "its" or
 * "their" ("withdrew its troops from Afghanistan"): what src moves, not
 * whom it acts on (subjects.c). */
int code_own_forces(const sr_parse *p, int src, int tgt);
/* The source of casualty participle v after a clause ("the blast hit a
 * bus carrying soldiers killing 12"): the clause's subject, not src in its
 * object; *unknown set when that subject is no actor (roles.c). */
int code_participle_source(const sr_parse *p, const sr_proot *v, int src, int tgt, int *unknown);
/* The subject of the clause before a comma, for an act's noun in -ing
 * right after it that takes an object ("Cameroon's army has attacked Boko
 * Haram, shelling one of their camps"): -1 when there is none (roles.c). */
int code_comma_participle_subject(const sr_parse *p, const sr_proot *v, int tgt);
/* An adverb before a participle or a verb ("allegedly", "most likely")
 * (roles.c). */
int code_ly_adverb(const sr_pword *w);
/* The source of finite verb v after a subordinator ("when an airstrike
 * hit"): the actor between them, else -1 with *none set (subclause.c). */
int code_subclause_source(const sr_parse *p, const sr_proot *v, int src, int tgt, int *none);
/* Where a clause with its own subject opens in words [from, upto) ("when",
 * "because", "after the rebels withdrew"; its verb found before to), else
 * upto: a verb's object is before it (subclause.c). */
/* "after", "before", "since", "until", "till" or "once": a clause of its
 * own that tells a time. */
int code_time_opener(const sr_pword *w);
/* around.c: actors around a verb (see there) */
int code_violent_verb_after(const sr_dict *d, const sr_parse *p, size_t from, size_t to);
/* Word k is "blamed" or "attributed" before "on" or "to". */
int code_blame_at(const sr_parse *p, size_t k);
int code_blamed_on(const sr_parse *p, size_t k);
int code_rel_between(const sr_parse *p, size_t from, size_t to);
int code_comma_relative_before(const sr_parse *p, size_t from, size_t to);
int code_force_object(const sr_dict *d, const sr_parse *p, size_t lo, size_t at);
int code_after_place_prep(const sr_parse *p, size_t at);
int code_holder_where(const sr_parse *p, size_t at);
int code_next_conj_clause(const sr_parse *p, size_t i, size_t cend);
int code_be_passive(const sr_parse *p, const sr_proot *v);
/* Verb v, whose subject is the weapon it acts on, tells its clause's act:
 * a be-passive ("rockets were fired at"), or a participle with no verb
 * after it in the clause ("three missiles fired at Eilat", not "rockets
 * fired from Iran slammed into Kilis": that verb tells it). */
int code_weapon_clause(const sr_parse *p, const sr_proot *v, size_t cend);
/* The victims after verb v of a participle of harm that follows it
 * ("shelled the city Monday killing four civilians"), or -1. */
int code_victims_after_verb(const sr_parse *p, const sr_proot *v);
/* The speaker right before ", " and participle v, for a clause of saying
 * however the parse dropped it ("..., SANA said, blaming armed groups"),
 * else src. */
int code_speaker_participle(const sr_parse *p, const sr_proot *v, int src);
/* sitrep's conventions, last on a verb's sides *srcp and *tgtp (no
 * default codes, no compound): the victims of a participle of harm after
 * an act of force that names none (violent, not by a pattern:
 * patterned); origin, the actor it came from (or -1), as the source; the
 * speaker before ", " and a participle as its source; no speaker before
 * the verb as its target.  *unknown is cleared when a source is found
 * there. */
void code_last_sides(const code_bloom *ws, const sr_parse *p, const sr_proot *v, size_t cend,
                     int violent, int patterned, int origin, int *srcp, int *tgtp, int *unknown);
/* sitrep's conventions: an act of force told plainly (190) by a verb of
 * killing or wounding, beside one of the sentence's events from first on
 * with the same sides that its weapon told ("five civilians were killed
 * and more than 90 others were wounded in rocket attacks"), is that act
 * told again: dropped from events (emit.c). */
void code_merge_harm(sr_vec *events, size_t first, const sr_parse *p);
/* Verb v is a participle of harm after "and" or "or" and another one
 * ("killing three people and wounding 11"), the same act: 1, or 2 when
 * the conjunction parted their clauses; else 0. */
int code_harm_pair(const sr_parse *p, const sr_proot *v);
/* Word w is a participle of casualties: "killing", "wounding", "injuring"
 * (roles.c). */
int code_casualty_ing(const sr_pword *w);
/* Word w is a verb whose subject meets an event, not does it: "saw",
 * "suffered", "fled", "survived" (roles.c). */
int code_meet_word(const sr_pword *w);
/* Actor u is a people's adjective alone after a verb of speaking: a
 * language, no target ("speaking German", "spoke Russian") (object.c). */
int code_language_spoken(const sr_parse *p, int u);
/* A pronoun in words [from, to) stands for actor u ("Rebels say they are
 * forced out": the rebels are forced out). */
int code_pronoun_for(const sr_parse *p, int u, size_t from, size_t to);
/* The target of an act of force whose weapon is its verb's subject, from
 * tgt, the one found after the verb: none where the weapon came from (the
 * source *src, when it is unknown), and the victims of ", killing ..."
 * over a bare country (or none). */
int code_weapon_target(const sr_parse *p, const sr_proot *v, int tgt, int *src);
/* A passive's agent after BY at by_at (code_passive_no_by said 2): makes
 * it the source and the subject *srcp the target, or the source alone when
 * the subject names no one (a be-passive's, or a weapon's: weapon).
 * Returns the new no_by: 1 when the passive names no agent, else 0. */
int code_agent_after_by(const sr_parse *p, const sr_proot *v, size_t cstart, size_t cend,
                        size_t by_at, int native, int weapon, int *srcp, int *tgtp);
/* Actor u is where something came from ("fired from Iran", "from a
 * Daish-controlled area"): 1; with around, 2 for one of a phrase of what
 * went on around ("during the clashes between the army and rebels");
 * else 0.  No target either way. */
int code_origin(const sr_parse *p, int u, int around);
/* The first actor (not subordinate, with a code, not avoid) whose unit
 * starts in words [from, to), or -1: a plain scan, in the actors' order. */
int code_next_actor(const sr_parse *p, size_t from, size_t to, int avoid);
int code_place_part_of(const sr_parse *p, int u);
/* Actor u is a state named where something happened ("in southern
 * Lebanon", "near Syria"): a bare country after a preposition of place
 * (around.c). */
int code_located_state(const sr_parse *p, int u);
/* Words from `from` to actor u hold a count of people right before the
 * place ("killed 16 in", "wounded dozens in") (around.c). */
int code_count_between(const sr_parse *p, size_t from, int u);

/* The target verb v takes after it in its clause (which ends at cend),
 * when no pattern named one: the first actor after it, less one the
 * clause names as where the act came from (then *origin), when it
 * happened, whom it helped or what it led to; -1 for none.  code is the
 * verb's CAMEO code, native whether sitrep's conventions hold (object.c). */
int code_object_after(const sr_dict *d, const sr_parse *p, const code_bloom *ws,
                      const sr_proot *v, size_t cend, int src, const char *code, int native,
                      int *origin);

/* Verb v is a plural noun after a preposition ("caught in strikes by
 * Russian jets", "killed during raids"): the clause's subject did not do
 * it. */
int code_noun_after_prep(const sr_parse *p, const sr_proot *v);

/* Where a clause of what an act led to starts in words [from, to), or
 * to: "took the town, allowing residents to return", "enabling civilians
 * to flee".  Who it let or made do something is no target of the act. */
/* For a verb inside an aside between dashes (" - ", an en or em dash:
 * "With Aleppo under siege - regime forces surrounded the city in
 * September - residents have to deal"), the first word of [from, to)
 * after the aside's closing dash: an object is looked for before it.
 * Else to. */
size_t code_dash_cut(const sr_parse *p, size_t from, size_t vstart, size_t to);
/* sitrep's conventions: the verb of a clause that opens the sentence
 * with a subordinator ("While some demonstrators rallied peacefully,
 * protesters clashed with police") finds its object before that clause's
 * comma: the first comma of [from, to) then, else to. */
size_t code_opener_cut(const sr_parse *p, size_t from, size_t vstart, size_t to);
size_t code_effect_cut(const sr_parse *p, size_t from, size_t to);

/* Actor u, after word from, is in a phrase of time or cause: "fought
 * since the Syrian crisis erupted", "attacked after the Turkish
 * election".  It dates or explains the verb; it is not its object. */
int code_in_time_phrase(const sr_parse *p, size_t from, int u);
/* Target tgt, unless a purpose that helps it stands between word from and
 * it ("to support", "in support of"): then the actor that help is aimed
 * at ("... against Daesh"), or -1 (support.c). */
int code_allied_object(const sr_parse *p, size_t from, int tgt);
int code_victim_after(const sr_parse *p, int t, int t2);
size_t code_subclause_cut(const sr_parse *p, size_t from, size_t upto, size_t to);
/* Where the clause of verb v with its own subject opens ("bombed Gaza
 * after Hamas fired", "when rebels attacked"), at or after word cstart;
 * SIZE_MAX for the clause's main verbs, with *after_verb set when another
 * verb comes between them (subclause.c). */
size_t code_subclause_region(const sr_parse *p, size_t cstart, const sr_proot *v, int *after_verb);
/* The subject of main verb v after a clause with its own subject that
 * ends at word from: the actor right before it, else the first of its
 * comma's segment ("After Hamas fired rockets at Israel, Israeli jets
 * bombed Gaza"); -1 when none (subclause.c). */
int code_main_subject(const sr_parse *p, size_t from, const sr_proot *v);
/* sitrep's conventions: a verb in a relative clause or an -ing phrase on
 * its clause's subject, before that subject's own verb ("Gunmen who
 * stormed the hotel killed 20 people", "Troops surrounding the town
 * shelled it"): the word of that main verb, with the subject, or
 * SIZE_MAX. */
size_t code_modifier_main(const sr_parse *p, const sr_proot *v, int *subject);
/* The subject of such a main verb v, when a modifier's verb is the last
 * verb before it in its clause; else -1. */
int code_modified_subject(const sr_parse *p, size_t cstart, const sr_proot *v);
int code_past_based(const sr_parse *p, int u, size_t to, int avoid);
/* The actor who owns or carries out the weapon or attack a passive with
 * no agent of its own names after verb v in words [v->end, cend) ("were
 * killed in Russian air strikes", "in an air strike carried out by a
 * Russian plane"), or -1 (roles.c). */
int code_instrument_agent(const sr_parse *p, const sr_proot *v, size_t cend);
/* A passive with no agent followed by "when", "as" or "after" and a
 * clause whose subject is an actor ("were killed when regime helicopters
 * dropped barrel bombs"): that actor, and its verb's word in *verb_at, or
 * -1 (passive.c). */
int code_when_agent(const sr_parse *p, const sr_proot *v, size_t cend, size_t *verb_at);
/* The agent of the passive at root v with code `code` and target tgt that
 * names none after "by": through its weapon (code_instrument_agent), else
 * the subject of a clause after "when" whose verb, among the clause's
 * matched verbs vm[0, nv), is an act of violence (code_when_agent); -1
 * when neither names one (passive.c). */
/* The one who held the victims of violence at root v that names no
 * source: the actor of "in X custody" or "in the custody of X" after v in
 * its clause ("died as a result of torture while in Israeli police
 * custody"), or -1 (passive.c). */
int code_custodian(const sr_parse *p, const sr_proot *v, size_t cend, int tgt);
/* Actor u, or when it is a place after "in", "near" and the like with
 * another actor after it before word `to`, that one ("In Raqqa in eastern
 * Syria two women were stoned to death": the women; passive.c). */
int code_past_where(const sr_parse *p, int u, size_t to);
int code_passive_agent(const sr_parse *p, const sr_proot *v, size_t cend, int tgt,
                       const char *code, const verb_match *vm, size_t nv);
/* A participle of carrying out an attack ("carried", "launched", "fired"):
 * the actor after its "by" did it (roles.c). */
int code_carry_word(const sr_pword *w);
/* A past participle of harm: "killed", "wounded", "shot" (roles.c). */
int code_hurt_word(const sr_pword *w);
int code_supports(const sr_parse *p, size_t from, size_t to);
/* The last subordinator in words [from, k) ("since", "after", "when" ...),
 * or SIZE_MAX (support.c). */
size_t code_clause_opener(const sr_parse *p, size_t from, size_t k);
/* Whether the options' COMPLEX conditions set sentence p aside (complex.c). */
int code_complex_sentence(const sr_dict_options *o, const sr_parse *p);
/* 0 when words [from, to) hold a verb that takes an act of violence
 * without doing it ("to stop the assault"), else 1 (roles.c). */
int code_supports_violence(const sr_parse *p, size_t from, size_t to);
/* The actor a relative pronoun right before the verb at vstart refers
 * to ("a crowd that threw"), or -1 (subjects.c). */
/* The verb at word vstart has "who" of a question for its subject: "about
 * who launched the attack", "unclear who carried out" (subjects.c). */
int code_asked_who(const sr_parse *p, size_t vstart);
/* The verb at word vstart opens a relative clause ("that", "which") right
 * after a place named after a preposition: the pronoun is of the noun
 * before the place, "an attack in Syria that killed 72 people"
 * (subjects.c). */
int code_rel_opens(const sr_parse *p, size_t vstart);
int code_rel_subject(const sr_parse *p, size_t vstart);
/* The actor an -ing form at vstart qualifies, right after it, when that
 * actor is a verb's object and the form one that mostly qualifies a noun
 * ("urged the rebels fighting the government"); else -1. */
int code_object_participle(const sr_parse *p, size_t vstart);
/* Actor u is part of actor src's phrase ("the regime of President
 * Bashar al-Assad"), 1, or not, 0 (subjects.c). */
int code_in_phrase_of(const sr_parse *p, int src, int u);

/* The first <TIME> phrase of the sentence, outside dropped comma clauses,
 * whose code is no null: its day shift and bytes (verbs.c). */
int code_time_shift(const sr_dict *d, const sr_parse *p, size_t *act, verb_match *vm,
                    size_t **used, size_t *maxel, sr_arena *a, code_bloom *ws, int native,
                    int32_t *shift, size_t *ps, size_t *pe);

/* Per-word indexes of a sentence, built the first time a long clause
 * needs one, so that looking from a verb to a comma or a BY costs no scan
 * of the clause per verb. */
typedef struct wix {
    const sr_parse *p;
    sr_arena *a;
    uint32_t *seg;      /* per word i: after the last comma before i (outside
                         * compounds and dropped clauses), or 0 */
    uint32_t *next_by;  /* per word i: the first BY at or after i, or nwords */
    uint32_t *cstart;   /* per clause: its first word */
} wix;

/* Scans up to this many words before using the indexes. */
enum { SCAN_SHORT = 64 };

int code_wix_need(wix *x);
/* The first word of every clause (cstart), on its own: event nouns need
 * no other index.  Both return SR_OK or SR_ENOMEM. */
int code_wix_clauses(wix *x);

/* Passive voice (manual 7.9): WAS/WERE/BEEN one or two words before the
 * verb and BY right after it, or after one modifier. */
int code_passive(const sr_parse *p, const sr_proot *v);
/* WAS/WERE/BEEN/BEING (or IS/ARE/BE/GOT before a participle) before verb
 * v: 1 with no BY in the rest of the clause, 2 with one further on than
 * code_passive looks (its word in *by), 0 not passive, -1 out of memory. */
int code_passive_no_by(const sr_parse *p, wix *x, const sr_proot *v, size_t cend, size_t *by);
/* Whether words [lo, v) end in a weapon or an attack as the subject of
 * violence no actor did ("a blast", "air strikes"). */
int code_weapon_subject(const sr_parse *p, size_t lo, const sr_proot *v);
/* Where a verb of dying stands in words [lo, hi), or SIZE_MAX. */
size_t code_died_before(const sr_parse *p, size_t lo, size_t hi);
/* An adverb that may stand right before a verb ("were also killed"). */
int code_verb_adverb(const sr_pword *w);
/* A past participle: a word in -ed or a common irregular one (passive.c). */
int code_participle(const sr_pword *w);
int code_noun_participle(const sr_parse *p, const sr_proot *v);
/* code_participle, and the irregular forms news uses for goods and
 * things ("sold", "made", "built", "found"). */
int code_past_participle(const sr_pword *w);
/* A preposition after which a participle qualifies the noun before it
 * ("imported from", "sold at", "seized on"). */
int code_part_prep(const sr_pword *w);
/* A participle right after a noun that is no actor, before a preposition:
 * it qualifies the noun ("tuna imported from Thailand"). */
int code_noun_participle_prep(const sr_parse *p, const sr_proot *v);
/* The noun at word n stands in a prepositional phrase after word lo
 * ("Rebels in the convoy"), past its determiners and modifiers. */
int code_prep_phrase_noun(const sr_parse *p, size_t lo, size_t n);
/* A weapon or an attack ("strikes", "shelling", "bomb"; passive.c). */
int code_weapon_word(const sr_pword *w);
/* A relative pronoun ("which", "who", ...). */
int code_rel_word(const sr_pword *w);
/* The actor owning the act's noun a relative pronoun before the verb at
 * vstart follows ("terrorist rocket attacks that targeted": the
 * terrorists); -2 when the act was nobody's named ("by sniper attacks
 * that"), -1 when it may be the clause subject's ("claimed the attack
 * that"), -3 when the pronoun follows no act's noun (subjects.c). */
int code_rel_noun_owner(const sr_parse *p, size_t vstart);
/* The actor seen doing the verb at vstart by src, who saw, watched or
 * heard it ("Residents saw Russian jets bomb the market": the jets); -2
 * when src saw someone no actor names do it; else -1 (subjects.c). */
int code_perceived_subject(const sr_parse *p, int src, size_t vstart);
/* Verb v is a gerund opening a clause after "and" whose clause before
 * ends in a gerund after "of" or "for" ("accused X of launching ... and
 * killing"): the second member of that complement (subclause.c). */
int code_joined_gerund_complement(const sr_parse *p, const sr_proot *v, size_t cstart);
/* A preposition of place ("in", "near", ...): the actor after one is
 * where, not who. */
int code_where_word(const sr_pword *w);

/* Whether verb v's two sides do the same to each other ("clashed",
 * "met", "signed"): the members of a compound subject are then each
 * other's targets (coder.c). */
int code_mutual_verb(const sr_parse *p, const sr_proot *v);

/* subjects.c: sitrep's conventions on a verb's subject and on words that
 * make an event no event (each documented where it is defined) */
int code_attributive_civilian(const sr_parse *p, int u);
int code_victims_count(const sr_pword *w);
size_t code_under_noun(const sr_parse *p, const sr_proot *v);
int code_under_sufferer(const sr_parse *p, size_t u);
int code_reduced_relative(const sr_parse *p, const sr_proot *v, size_t cend);
int code_bare_pronoun_subject(const sr_parse *p, const sr_proot *v);
/* The words right before verb v (past an adverb) are a name no dictionary
 * knows, one to four capitalised words after the clause's start, a comma
 * or "that" ("Mohammed Merah killed three soldiers"); one word alone at
 * the sentence's start is not taken, as any word is capitalised there. */
int code_bare_name_subject(const sr_parse *p, const sr_proot *v);
int code_legal_word(const sr_pword *w);
int code_plain_form(const sr_pword *w);
int code_finite_aux(const sr_pword *w);
/* A form of "be": was, were, is, are, been, be, being (subjects.c). */
int code_be_form(const sr_pword *w);

/* ---- the sentence's events (emit.c) ---------------------------------- */

typedef struct emit_ctx {
    const sr_parse *p;
    sr_arena *a;
    sr_vec *ev;
    size_t first_new;
    /* The sentence's events by (code, source, target), once there are
     * many: slot = index - first_new + 1, 0 empty. */
    uint32_t *slots;
    size_t nslots;
    int native;
    int sports;          /* code_sports_sentence(p), -1 until asked */
    /* a bare country for a source agent named without one, or NULL: where
     * its act of force came from ("Militants fired rockets from Gaza at
     * Israel" are Gaza's, not Israel's) */
    const char *src_country;
} emit_ctx;

/* (the same pointer or a first letter apart before a call: codes are most
 * often the dictionary's own strings) */
static inline int code_str_eq(const char *x, const char *y)
{
    return x == y || (x[0] == y[0] && !strcmp(x, y));
}

/* Adds the event code(s, t) with the text of actor units su and tu
 * (-1: none) and proto's other fields, unless the sentence has it
 * already or its source is its target. */
int code_push_event(emit_ctx *c, const char *s, const char *t, int su, int tu, const char *code,
                    const sr_event *proto);
/* Expands compounds and coded compounds of units su and tu (or the
 * default codes dsrc, dtgt) into events; a paired code A:B adds the
 * reverse event coded B. */
int code_emit(emit_ctx *c, int su, int tu, const char *dsrc, const char *dtgt,
              const sr_dict_code *code, const sr_event *proto);
/* The coded actor starting within `limit` words from word i, past fillers
 * and determiners, else -1 (roles.c). */
int code_actor_after(const sr_parse *p, size_t i, size_t limit);
/* A clause after verb v that tells an accident ("were killed when a tree
 * fell"): no one's violence (passive.c). */
int code_accident_after(const sr_parse *p, const sr_proot *v, size_t cend);
/* Codes the sentence's event nouns after its verbs (nouns.c): act[0,
 * nact) are the sentence's words in order (nact SIZE_MAX: not made), and
 * in_pattern marks the words a verb's pattern took in. */
int code_nouns(const sr_dict *d, const sr_dict_options *opt, const sr_parse *p, emit_ctx *ec,
               wix *wx, size_t *act, size_t nact, const char *in_pattern,
               verb_match *vmscratch, size_t **used, size_t *maxel, sr_arena *a, code_bloom *ws,
               sr_vec *quiet);

#endif
