#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "../dict/sr_dict.h"
#include "../parse/sr_parse.h"
#include "pipeline_int.h"

struct sr_pipeline {
    sr_dict *dict;            /* NULL when no dictionary is loaded */
    sr_dict_options options;  /* from the .options files */
    FILE *explain;
    int style;                /* SR_STYLE_* */
    sr_geo *geo;              /* NULL without a gazetteer */
    unsigned skip;            /* SR_SKIP_* */
};

struct sr_stream_state {
    sr_dict_options options;
    /* FORWARD: the previous record's story, sentence and first actor. */
    int fwd_valid;
    char fwd_story[40];
    long fwd_sentence;
    char **fwd_codes;
    uint32_t nfwd;
    int fwd_compound;
};

static void fwd_clear(sr_stream_state *st)
{
    for (uint32_t i = 0; i < st->nfwd; i++)
        free(st->fwd_codes[i]);
    free(st->fwd_codes);
    st->fwd_codes = NULL;
    st->nfwd = 0;
    st->fwd_valid = 0;
}

static void warn_to_file(void *ctx, const sr_error *w)
{
    FILE *f = ctx;
    if (f) {
        fputs("sitrep: warning: ", f);
        sr_error_print(w, f);
    }
}

int sr_pipeline_new(const sr_pipeline_opts *opts, FILE *warn, sr_pipeline **out,
                    sr_error *err)
{
    sr_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    sr_dict_options_init(&p->options);
    p->explain = opts ? opts->explain : NULL;
    p->skip = opts ? opts->skip : 0;
    if (opts && opts->gazetteer) {
        int rc = sr_geo_open(opts->gazetteer, &p->geo, err);
        if (rc) {
            free(p);
            return rc;
        }
    }
    if (opts && opts->ndicts) {
        /* Through the compiled cache (SITREP_DICT_CACHE, SITREP_NO_DICT_CACHE). */
        int rc = sr_dict_open(opts->dicts, opts->ndicts, NULL, &p->dict, err, warn_to_file, warn);
        if (rc) {
            sr_pipeline_free(p);
            return rc;
        }
        sr_dict_options_get(p->dict, &p->options);
        /* TABARI's sentence-length floor belongs to TABARI's option set;
         * without an .options file sitrep codes short sentences too. */
        if (!sr_dict_has_options(p->dict))
            p->options.minimum_words = 0;
        if (sr_dict_is_native(p->dict)) {
            p->options.native = 1;
            /* News ends sentences with its main clause as often as with an
             * aside (", a rights group protested"): a final comma clause
             * stays in; statements in it yield to other events anyway. */
            p->options.comma_emax = 0;
        }
        /* The conventions follow the dictionaries' own syntax. */
        p->style = sr_dict_dialect(p->dict) == SR_DICT_DIALECT_PETRARCH ? SR_STYLE_PETRARCH
                                                                         : SR_STYLE_TABARI;
    }
    *out = p;
    return SR_OK;
}

void sr_pipeline_free(sr_pipeline *p)
{
    if (!p)
        return;
    sr_geo_close(p->geo);
    sr_dict_free(p->dict);
    free(p);
}

sr_stream_state *sr_stream_state_new(const sr_pipeline *p)
{
    sr_stream_state *st = calloc(1, sizeof *st);
    if (st)
        st->options = p->options;
    return st;
}

void sr_stream_state_free(sr_stream_state *st)
{
    if (st)
        fwd_clear(st);
    free(st);
}

int sr_stream_state_forwarding(const sr_stream_state *st)
{
    return st && st->options.forward[0] && !st->options.forward_off;
}

/* Reads story and sentence numbers from a record id with TABARI's
 * sequence format: '^' leading blanks (already trimmed from ids), '*'
 * any character, 'N' the story, 'S' the sentence (manual 8.4.1). */
static int fwd_ids(const char *fmt, const char *id, char story[40], long *sentence)
{
    while (*fmt == '^')
        fmt++;
    size_t ns = 0, k = 0;
    long sent = 0;
    int have_s = 0;
    for (; fmt[k]; k++) {
        if (!id[k])
            return 0;
        if (fmt[k] == 'N' && ns + 1 < 40)
            story[ns++] = id[k];
        else if (fmt[k] == 'S') {
            have_s = 1;
            sent = (id[k] >= '0' && id[k] <= '9' && sent < 100000000) ? sent * 10 + (id[k] - '0')
                                                                       : 0;
        }
    }
    story[ns] = 0;
    *sentence = sent;
    return have_s;
}

int sr_stream_state_apply(sr_stream_state *st, const sr_doc *doc, sr_error *err)
{
    int bad = 0;
    for (size_t i = 0; i < doc->nopts; i++) {
        sr_error oe;
        if (sr_dict_options_apply(&st->options, doc->options[i], strlen(doc->options[i]), &oe) &&
            !bad++)
            sr_error_set(err, SR_EPARSE, doc->file, doc->line, 0,
                         "record %s: bad option \"%s\": %s", doc->id, doc->options[i], oe.msg);
    }
    return bad ? SR_EPARSE : SR_OK;
}

const sr_stream_state *sr_stream_state_snapshot(const sr_stream_state *st, sr_arena *a)
{
    sr_stream_state *c = sr_arena_alloc(a, sizeof *c);
    if (c) {
        *c = *st;
        /* Forwarded actors live with the stream, not the snapshot. */
        c->fwd_valid = 0;
        c->fwd_codes = NULL;
        c->nfwd = 0;
    }
    return c;
}

static int32_t date_int(const char *iso)
{
    if (!iso || strlen(iso) != 10)
        return 0;
    int digits = iso[4] == '-' && iso[7] == '-';
    for (int i = 0; i < 10 && digits; i++)
        digits = i == 4 || i == 7 || (iso[i] >= '0' && iso[i] <= '9');
    if (!digits) /* not the normal form: atoi reads what it can */
        return atoi(iso) * 10000 + atoi(iso + 5) * 100 + atoi(iso + 8);
    int32_t v = 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7)
            v = v * 10 + (iso[i] - '0');
    return v;
}

/* A copy in the document's arena a of a string the parse made in the
 * scratch arena sa; strings of the dictionaries stay where they are. */
static int keep_str(sr_arena *a, sr_arena *sa, const char **s)
{
    if (!*s || !sr_arena_owns(sa, *s))
        return SR_OK;
    size_t n = strlen(*s) + 1;
    char *c = sr_arena_alloc(a, n);
    if (!c)
        return SR_ENOMEM;
    *s = memcpy(c, *s, n);
    return SR_OK;
}

/* Parses one sentence (or a TABARI record) in the scratch arena sa and
 * keeps what outlives the parse in the document's arena a: the coded
 * actors' spans and the forwarded actor.  The parse itself is thrown away
 * with the scratch arena (code_parsed codes it first), so a document's
 * memory grows with its events, not with its parses. */
static int parse_range(const sr_pipeline *p, const sr_dict_options *opt, sr_arena *a,
                       sr_arena *sa, sr_result *r, const sr_token *toks, size_t n, int32_t date,
                       const sr_parse_fwd *fwd, sr_parse_fwd *first, sr_parse **out)
{
    sr_parse *ps;
    int rc = sr_parse_sentence(p->dict, opt, p->style, sa, r->doc->text, toks, n, date, fwd, &ps);
    if (rc)
        return rc;
    /* Every coded actor's span, for the speakers of attributions. */
    for (size_t k = 0; k < ps->nactors; k++) {
        const sr_pactor *u = &ps->actors[k];
        if (!u->ncodes || u->is_pronoun)
            continue;
        pl_aspan *sp = sr_vec_push(&r->actor_spans, a, sizeof *sp);
        if (!sp)
            return SR_ENOMEM;
        sp->start = ps->words[u->start].start;
        sp->end = ps->words[u->end - 1].end;
        sp->code = u->codes[0];
        if (keep_str(a, sa, &sp->code))
            return SR_ENOMEM;
    }
    if (first) {
        if (!sr_parse_first_actor(ps, a, first))
            first->ncodes = 0;
        for (uint32_t i = 0; i < first->ncodes; i++)
            if (keep_str(a, sa, &first->codes[i]))
                return SR_ENOMEM;
    }
    *out = ps;
    return SR_OK;
}

/* Codes a parse of parse_range's, in the same scratch arena, and keeps
 * the events in the document's arena a. */
static int code_parsed(const sr_pipeline *p, const sr_dict_options *opt, sr_arena *a,
                       sr_arena *sa, sr_result *r, const sr_parse *ps, size_t sentence)
{
    int rc;
    sr_vec evs = {NULL, 0, 0};
    int why;
    if ((rc = sr_code_sentence(p->dict, opt, sa, ps, &evs, &why)))
        return rc;
    const sr_event *ev = evs.items;
    if (p->explain) {
        fprintf(p->explain, "%s sentence %zu:\n", r->doc->id, sentence);
        sr_parse_explain(ps, p->explain);
        if (why)
            fprintf(p->explain, "  %s\n", why == SR_CODE_DISCARD ? "discarded" : "too complex");
        for (size_t i = 0; i < evs.len; i++) {
            fprintf(p->explain, "  event %s %s %s%s%s", ev[i].source ? ev[i].source : "---",
                    ev[i].target ? ev[i].target : "---", ev[i].code,
                    ev[i].pattern ? " pattern " : "", ev[i].pattern ? ev[i].pattern : "");
            if (ev[i].shift_end > ev[i].shift_start)
                fprintf(p->explain, " shift %+d days", (int)ev[i].day_shift);
            fputc('\n', p->explain);
        }
    }
    for (size_t i = 0; i < evs.len; i++) {
        sr_event *e = sr_vec_push(&r->events, a, sizeof *e);
        size_t *s = sr_vec_push(&r->event_sentence, a, sizeof *s);
        if (!e || !s)
            return SR_ENOMEM;
        *e = ev[i];
        *s = sentence;
        /* (code and pattern are the dictionary's strings: sr_code.h) */
        if (keep_str(a, sa, &e->source) || keep_str(a, sa, &e->target) ||
            keep_str(a, sa, &e->source_text) || keep_str(a, sa, &e->target_text))
            return SR_ENOMEM;
    }
    return SR_OK;
}

int sr_pipeline_run(const sr_pipeline *p, sr_stream_state *st, sr_arena *a, const sr_doc *doc,
                    sr_result **out, sr_error *err)
{
    sr_error oe;
    int bad = st ? sr_stream_state_apply(st, doc, &oe) : SR_OK;
    int rc = st ? sr_pipeline_code_stream(p, st, a, doc, out, err)
                : sr_pipeline_code(p, st, a, doc, out, err);
    if (rc)
        return rc;
    if (bad && err)
        *err = oe;
    return bad;
}

static int code_doc(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                    const sr_doc *doc, const sr_parse_fwd *fwd, sr_parse_fwd *first,
                    sr_result **out, sr_error *err);

int sr_pipeline_code(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                     const sr_doc *doc, sr_result **out, sr_error *err)
{
    return code_doc(p, st, a, doc, NULL, NULL, out, err);
}

int sr_pipeline_code_stream(const sr_pipeline *p, sr_stream_state *st, sr_arena *a,
                            const sr_doc *doc, sr_result **out, sr_error *err)
{
    if (!sr_stream_state_forwarding(st) || doc->format != SR_FMT_TABARI)
        return code_doc(p, st, a, doc, NULL, NULL, out, err);
    char story[40];
    long sent;
    int have = fwd_ids(st->options.forward, doc->id, story, &sent);
    sr_parse_fwd in = {NULL, 0, 0}, first = {NULL, 0, 0};
    /* Forward only within a story, to the very next sentence (8.4). */
    if (have && st->fwd_valid && !strcmp(story, st->fwd_story) && sent == st->fwd_sentence + 1) {
        /* The events keep these codes: they live in the document's arena,
         * since the stream forgets them after this record. */
        const char **codes = sr_arena_alloc(a, st->nfwd * sizeof *codes);
        if (!codes)
            return sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
        for (uint32_t i = 0; i < st->nfwd; i++)
            if (!(codes[i] = sr_arena_strndup(a, st->fwd_codes[i], strlen(st->fwd_codes[i]))))
                return sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
        in.codes = codes;
        in.ncodes = st->nfwd;
        in.compound = st->fwd_compound;
    }
    int rc = code_doc(p, st, a, doc, &in, &first, out, err);
    if (rc)
        return rc;
    fwd_clear(st);
    if (have && first.ncodes) {
        st->fwd_codes = calloc(first.ncodes, sizeof *st->fwd_codes);
        if (!st->fwd_codes)
            return sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
        for (uint32_t i = 0; i < first.ncodes; i++) {
            if (!(st->fwd_codes[i] = strdup(first.codes[i]))) {
                fwd_clear(st);
                return sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
            }
            st->nfwd = i + 1;
        }
        st->fwd_compound = first.compound;
        snprintf(st->fwd_story, sizeof st->fwd_story, "%s", story);
        st->fwd_sentence = sent;
        st->fwd_valid = 1;
    }
    return SR_OK;
}

/* The first three letters of a code as one number, or 0 for a code
 * shorter than three or with no country ("---..."). */
static uint32_t prefix3(const char *c)
{
    if (!c || !c[0] || !c[1] || !c[2] || c[0] == '-')
        return 0;
    return (uint32_t)(unsigned char)c[0] << 16 | (uint32_t)(unsigned char)c[1] << 8 |
           (unsigned char)c[2];
}

#define P3(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))

/* The country prefix of a code, or 0 for codes that are no country:
 * international and transnational actors.  (Inlined in vote's copies:
 * the call cost a fifth of fill_focus.) */
static inline __attribute__((always_inline)) uint32_t country_prefix(const char *c)
{
    uint32_t k = prefix3(c);
    /* a switch: the compiler's search of the constants, not a scan */
    switch (k) {
    case P3('I', 'G', 'O'): case P3('N', 'G', 'O'): case P3('I', 'M', 'G'):
    case P3('M', 'N', 'C'): case P3('U', 'I', 'S'): case P3('R', 'E', 'B'):
    case P3('M', 'I', 'L'): case P3('G', 'O', 'V'): case P3('C', 'O', 'P'):
    case P3('O', 'P', 'P'): case P3('C', 'V', 'L'): case P3('U', 'A', 'F'):
    case P3('E', 'L', 'I'):
        return 0;
    default:
        return k;
    }
}

/* sitrep's dictionaries: an agent named without a country ("rebels",
 * "troops": ---REB) takes the country the document's events are mostly
 * about, as an analyst reading the story would. */
/* Votes for country prefixes: a document names few countries, so a short
 * list searched in order is enough (names past its end are not counted). */
typedef struct focus_votes {
    struct {
        uint32_t key;
        size_t n;
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
        v->c[v->len++].n = 0;
    }
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

/* Agents that belong to the place where the event happens: civilians,
 * rebels, a hospital, refugees.  A government, army or police named
 * without a country is rather the story's own ("the ministry said"). */
static int local_agent(const char *c)
{
    switch (prefix3(c + 3)) {
    case P3('C', 'V', 'L'): case P3('R', 'E', 'B'): case P3('U', 'A', 'F'):
    case P3('O', 'P', 'P'): case P3('R', 'E', 'F'): case P3('H', 'L', 'H'):
    case P3('E', 'D', 'U'): case P3('B', 'U', 'S'): case P3('L', 'A', 'B'):
    case P3('A', 'G', 'R'): case P3('H', 'R', 'I'): case P3('M', 'E', 'D'):
    case P3('R', 'A', 'D'): case P3('C', 'R', 'M'):
        return 1;
    default:
        return 0;
    }
}

/* Whether the words w (as written) hold the word x (lower case) whole,
 * in any case: "Regime", "pro-government" (a hyphen parts words). */
static int has_word(const char *w, const char *x)
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
    if (has_word(text, "regime"))
        return 1;
    return type == P3('M', 'I', 'L') &&
           (has_word(text, "government") || has_word(text, "loyalist"));
}

/* How many of the document's places (demonyms aside: "Russian jets" names
 * no place) lie in each country, counted once when an agent first asks. */
typedef struct place_countries {
    /* up to 2: event_country asks for 2 or more, or all of them (places
     * exact); a quarter of the bytes to clear */
    uint8_t n[26 * 26];
    uint32_t places;
    int made;
} place_countries;

static int cc_index(const char *cc)
{
    return cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z' && !cc[2]
               ? (cc[0] - 'A') * 26 + (cc[1] - 'A')
               : -1;
}

static void count_countries(const sr_result *r, place_countries *pc)
{
    size_t np;
    const sr_geo_place *pl = sr_geo_doc_places(r->geo, &np);
    memset(pc, 0, sizeof *pc);
    for (size_t k = 0; k < np; k++) {
        if (pl[k].role != SR_GEO_PLACE)
            continue;
        pc->places++;
        int x = cc_index(pl[k].cc);
        if (x >= 0 && pc->n[x] < 2)
            pc->n[x]++;
    }
    pc->made = 1;
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
    int x = pl && !based_at(r->doc, pl->end) ? cc_index(pl->cc) : -1;
    if (x < 0)
        return SR_OK;
    if (!pc->made)
        count_countries(r, pc);
    if (pc->n[x] >= 2 || pc->n[x] == pc->places)
        *out = sr_cameo_country_of_cc(pl->cc);
    return SR_OK;
}

/* The document's dateline ("BEIRUT - Air strikes ...", "MOGADISHU, Feb.
 * 23 (Sitrep Wire) -"), as the places found it: bytes [*ds, *de), where
 * the story was filed, no actor of its events.  0 when it has none. */
static int dateline_span(const sr_result *r, size_t *ds, size_t *de)
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
        if (end) {
            *ds = pl[k].start;
            *de = end;
            return 1;
        }
    }
    return 0;
}

/* Leaves side `target` (0: the source) of event e unknown. */
static void clear_side(sr_event *e, int target)
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
static void drop_datelines(sr_result *r, size_t ds, size_t de)
{
    if (!r->events.len || !de)
        return;
    sr_event *ev = r->events.items;
    for (size_t i = 0; i < r->events.len; i++) {
        if (ev[i].source && ev[i].source_text && ds <= ev[i].source_start &&
            ev[i].source_end <= de)
            clear_side(&ev[i], 0);
        if (ev[i].target && ev[i].target_text && ds <= ev[i].target_start &&
            ev[i].target_end <= de)
            clear_side(&ev[i], 1);
    }
}

/* sitrep's dictionaries: a country or town named after "in", "inside",
 * "near", "across" or "throughout" is where the event happens, not who
 * does it ("The conflict in Syria has killed 280,000", "Elsewhere in Syria
 * the group withdrew"): as a source it becomes unknown.  (As a target it
 * stays: an attack in Syria is coded against Syria.) */
static void drop_locative_sources(sr_result *r)
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
        if (pl && pl->start == s && pl->end == pe)
            clear_side(&ev[i], 0);
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
    size_t lo = 0, hi = np;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pl[mid].start < end)
            lo = mid + 1;
        else
            hi = mid;
    }
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

static int fill_focus(sr_arena *a, sr_result *r)
{
    sr_event *ev = r->events.items;
    /* The events' actors count twice, every other coded actor once
     * ("students throughout Indonesia staged demonstrations"). */
    focus_votes v;
    v.len = 0; /* (the list's entries are set as they are taken) */
    v.best = NULL;
    v.best_n = 0;
    for (size_t i = 0; i < r->events.len; i++) {
        vote(&v, ev[i].source, 2);
        vote(&v, ev[i].target, 2);
    }
    const pl_aspan *sp = r->actor_spans.items;
    for (size_t i = 0; i < r->actor_spans.len; i++)
        if (!based_at(r->doc, sp[i].end))
            vote(&v, sp[i].code, 1);
    const char *best = v.best;
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
            if (!c || strncmp(c, "---", 3) || !c[3])
                continue;
            /* "civilians" killed in Idlib are Syria's, whoever else the
             * story names most */
            const char *country = texts[s] ? named_place(r, starts[s], ends[s]) : NULL;
            if (country) {
                /* (its own place says whose it is) */
            } else if (country = best, local_agent(c) || side_agent(c, texts[s])) {
                if (!here_known) {
                    if (event_country(a, r, i, &pc, &here))
                        return SR_ENOMEM;
                    here_known = 1;
                }
                if (here)
                    country = here;
            }
            if (!country)
                continue;
            size_t n = strlen(c);
            char *o = sr_arena_alloc(a, n + 1);
            if (!o)
                return SR_ENOMEM;
            memcpy(o, country, 3);
            memcpy(o + 3, c + 3, n - 2);
            *sides[s] = o;
        }
    }
    return SR_OK;
}

/* sitrep's conventions: an event the text only plans or threatens ("will
 * visit", "threatened to attack") is coded as the intent or threat, as
 * CAMEO prescribes; a refused one as a rejection; a denied one is no
 * event, only the speaker's denial. */
static int modal_events(sr_arena *a, sr_result *r)
{
    sr_event *ev = r->events.items;
    size_t *es = r->event_sentence.items, n = r->events.len;
    /* Decide on the events as coded, then drop and rewrite. */
    char *drop = sr_arena_calloc(a, n ? n : 1, 1);
    pl_modal *mo = sr_arena_alloc(a, (n ? n : 1) * sizeof *mo);
    if (!drop || !mo)
        return SR_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        sr_facts_modality m;
        mo[i].verb_start = ev[i].verb_start;
        mo[i].ok = sr_facts_modality_get(r->facts, pl_token_at(r, ev[i].verb_start, es[i]),
                                         &mo[i].m) == SR_OK;
        if (!mo[i].ok)
            continue;
        m = mo[i].m;
        if (m.mode == SR_FACTS_DENIED) {
            /* "Russia denied carrying out air strikes": no air strike, but
             * a denial (CAMEO 016) by the speaker, unless the sentence
             * already has one or the event's source is not the speaker. */
            int have = 0;
            for (size_t j = 0; j < n && !have; j++)
                have = j != i && es[j] == es[i] && !strncmp(ev[j].code, "016", 3);
            int speaker = ev[i].source && m.agent_end > m.agent_start &&
                          ev[i].source_start >= m.agent_start && ev[i].source_end <= m.agent_end;
            drop[i] = have || !speaker;
            if (!drop[i]) {
                ev[i].code = "016";
                ev[i].flags &= ~(unsigned)SR_EV_NOUN;
                ev[i].pattern = NULL;
                size_t nt;
                const sr_token *tk = sr_text_tokens(r->text, &nt);
                if (m.cue_tok < nt) { /* the denial is the verb now */
                    ev[i].verb_start = tk[m.cue_tok].start;
                    ev[i].verb_end = tk[m.cue_tok].end;
                }
            }
            continue;
        }
        if (m.negated) {
            ev[i].code = sr_cameo_refusal(ev[i].code);
            /* "UNITA refused to allow U.N. planes to land": the one who
             * refuses is the source. */
            const char *who = m.agent_end > m.agent_start
                                  ? pl_actor_code_in(r, m.agent_start, m.agent_end)
                                  : NULL;
            if (who && strcmp(ev[i].code, "---"))
                ev[i].source = who;
            continue;
        }
        /* "said it would allow": would after a report is the future;
         * "must cooperate" is someone's demand. */
        int would = 0, must = 0;
        if (m.mode == SR_FACTS_HYPOTHETICAL && m.cue_tok != SR_FACTS_NONE) {
            size_t nt;
            const sr_token *tk = sr_text_tokens(r->text, &nt);
            would = m.cue_tok < nt && !strcmp(tk[m.cue_tok].norm, "would");
            must = m.cue_tok < nt && !strcmp(tk[m.cue_tok].norm, "must");
        }
        if (must) {
            ev[i].code = sr_cameo_demand(ev[i].code);
            continue;
        }
        if (m.mode == SR_FACTS_PLANNED || m.mode == SR_FACTS_THREATENED || would)
            ev[i].code = sr_cameo_intent(ev[i].code);
    }
    size_t keep = 0;
    for (size_t i = 0; i < n; i++)
        if (!drop[i]) {
            if (keep != i) { /* (most events stay where they are) */
                ev[keep] = ev[i];
                mo[keep] = mo[i];
                es[keep] = es[i];
            }
            keep++;
        }
    r->events.len = r->event_sentence.len = keep;
    r->modal = mo;
    return SR_OK;
}

/* The longest TABARI record coded as one unit, in tokens: TABARI's own
 * records are a lead sentence or two. */
enum { MAX_RECORD_TOKENS = 2000 };

/* `places` lists every toponym, adjectival ones ("Syrian forces") too: they
 * name a country as much as "Syria" does, and carry role "demonym". */
static const sr_geo_opts geo_opts = {SR_GEO_WITH_DEMONYMS, 0};

/* A word of three letters or more, none of them small ("BEIRUT"). */
static int all_caps(const char *w, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] >= 'a' && w[i] <= 'z')
            return 0;
        letters += w[i] >= 'A' && w[i] <= 'Z';
    }
    return letters >= 3;
}

/* "-", "--", or the dashes U+2013 and U+2014. */
static int is_dash(const char *w, size_t n)
{
    return (n == 1 && w[0] == '-') || (n == 2 && w[0] == '-' && w[1] == '-') ||
           (n == 3 && (unsigned char)w[0] == 0xE2 && (unsigned char)w[1] == 0x80 &&
            ((unsigned char)w[2] == 0x93 || (unsigned char)w[2] == 0x94));
}

/* Moves *st past what opens a sentence without belonging to it: the
 * dateline [ds, de) when the sentence starts inside it, one in capitals
 * with a dash, and a parenthesis of at most eight tokens with a dash
 * after it or not ("(Reuters) -").  At least one token stays. */
static void skip_opening(const char *text, const sr_token **st, size_t *sn, size_t ds, size_t de)
{
    const sr_token *t = *st;
    size_t n = *sn;
    if (de && n && t->start >= ds)
        while (n > 1 && t->start < de)
            t++, n--;
    /* a dateline the places did not find (no gazetteer, or a place it
     * lacks): up to three words in capitals, a parenthesis or not, and a
     * dash ("BEIRUT (Reuters) -", "SAN JOSE, Calif. --" is not one) */
    size_t k = 0;
    while (k < n && k < 3 && all_caps(text + t[k].start, t[k].end - t[k].start))
        k++;
    if (k && k < n && text[t[k].start] == '(') {
        size_t j = k + 1;
        while (j < n && j < k + 8 && text[t[j].start] != ')')
            j++;
        k = j < n && text[t[j].start] == ')' ? j + 1 : 0;
    }
    if (k && k + 1 < n && is_dash(text + t[k].start, t[k].end - t[k].start)) {
        t += k + 1;
        n -= k + 1;
    }
    if (n > 2 && text[t->start] == '(' && t->end == t->start + 1) {
        k = 1;
        while (k < n && k <= 8 && !(text[t[k].start] == ')' && t[k].end == t[k].start + 1))
            k++;
        if (k < n - 1 && k <= 8) {
            k++;
            if (k < n - 1 && text[t[k].start] == '-' && t[k].end == t[k].start + 1)
                k++;
            t += k;
            n -= k;
        }
    }
    *st = t;
    *sn = n;
}

/* The stages, in order; each one's result stays in *out. */
static int analyse(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                   sr_arena *sa, const sr_doc *doc, const sr_parse_fwd *fwd,
                   sr_parse_fwd *first, sr_result **out, sr_error *err)
{
    sr_result *r = sr_arena_calloc(a, 1, sizeof *r);
    if (!r)
        return sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
    r->doc = doc;
    r->primary = -1;
    sr_text *t;
    /* A title read from the text's own first line is no repetition. */
    const char *title = doc->title_in_text ? NULL : doc->title;
    int rc = sr_text_analyze(a, doc->text, doc->text_len, title, doc->title_len, &t, err);
    if (rc)
        return rc;
    r->text = t;
    r->toks = sr_text_tokens(t, &r->ntoks);
    r->sents = sr_text_sentences(t, &r->nsents);
    *out = r;
    if (!(p->skip & SR_SKIP_FACTS) &&
        (rc = sr_facts_analyze(a, doc->text, doc->text_len, t, doc->date, &r->facts, err)))
        return rc;
    if (p->geo && !(p->skip & SR_SKIP_GEO) &&
        (rc = sr_geo_find(p->geo, a, doc->text, doc->text_len, t, &geo_opts, &r->geo, err)))
        return rc;
    if (!p->dict || (p->skip & SR_SKIP_CODE))
        return SR_OK;
    const sr_dict_options *opt = st ? &st->options : &p->options;
    int32_t date = date_int(doc->date);
    /* sitrep's dictionaries: an undated document is taken as current news,
     * so a name dated from a year on ("Islamic State" from 2006) is coded */
    if (!date && sr_dict_is_native(p->dict))
        date = 99991231;
    size_t ntok, ns;
    const sr_token *toks = sr_text_tokens(t, &ntok);
    const sr_sentence *ss = sr_text_sentences(t, &ns);
    /* A TABARI record is one unit of coding, as TABARI reads it; but
     * parsing and coding look across their whole unit, so a record of
     * thousands of words (a pasted article) took quadratic time: such a
     * record is coded sentence by sentence instead, as other documents
     * are.  Its first sentence takes and gives the actor FORWARD carries. */
    size_t nrec = ns ? ss[ns - 1].tok + ss[ns - 1].ntok - ss[0].tok : 0;
    int native = sr_dict_is_native(p->dict);
    size_t ds = 0, de = 0;
    if (native && !dateline_span(r, &ds, &de))
        ds = de = 0;
    if (doc->format == SR_FMT_TABARI && ns && nrec <= MAX_RECORD_TOKENS) {
        sr_parse *ps;
        sr_arena_reset(sa);
        if ((rc = parse_range(p, opt, a, sa, r, toks + ss[0].tok, nrec, date, fwd, first, &ps)) ||
            (rc = code_parsed(p, opt, a, sa, r, ps, 0)))
            return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
    } else {
        /* sitrep's dictionaries: a dateline ("BEIRUT (Reuters) -") and a
         * parenthesis opening a sentence ("(AFP)", "(TRT World and
         * Agencies)") are no part of its grammar: coding starts after
         * them, so that the sentence's own subject is the source, not the
         * dateline's city or agency. */
        /* Sentences go in batches: a batch is parsed, then coded, so that
         * the parser's code and the coder's each stay in the instruction
         * cache over several sentences (one sentence at a time, each
         * pushed the other out).  A batch ends at BATCH sentences or when
         * its parses fill SCRATCH_BATCH bytes of the scratch arena, so
         * memory stays that of a few sentences. */
        enum { BATCH = 8, SCRATCH_BATCH = 24 * 1024 };
        sr_parse *bp[BATCH];
        for (size_t i = 0; i < ns;) {
            sr_arena_reset(sa);
            size_t nb = 0;
            while (i + nb < ns && nb < BATCH && (!nb || sr_arena_used(sa) < SCRATCH_BATCH)) {
                size_t k = i + nb;
                const sr_token *s0 = toks + ss[k].tok;
                size_t sn = ss[k].ntok;
                if (native)
                    skip_opening(doc->text, &s0, &sn, ds, de);
                if ((rc = parse_range(p, opt, a, sa, r, s0, sn, date, k ? NULL : fwd,
                                      k ? NULL : first, &bp[nb])))
                    return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
                nb++;
            }
            for (size_t k = 0; k < nb; k++)
                if ((rc = code_parsed(p, opt, a, sa, r, bp[k], i + k)))
                    return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
            i += nb;
        }
    }
    if ((rc = pl_index_actors(a, r)))
        return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
    if (native) {
        drop_datelines(r, ds, de);
        drop_locative_sources(r);
    }
    if (native && (rc = fill_focus(a, r)))
        return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
    if (native && r->facts && (rc = modal_events(a, r)))
        return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
    sr_label_input li = {r->events.items, r->events.len, r->event_sentence.items, toks, ss, ns,
                         r->facts};
    sr_arena_reset(sa);
    if (!(p->skip & SR_SKIP_LABEL) && (rc = sr_code_label(&li, sa, &r->primary, &r->acled)))
        return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
    return SR_OK;
}

static int code_doc(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                    const sr_doc *doc, const sr_parse_fwd *fwd, sr_parse_fwd *first,
                    sr_result **out, sr_error *err)
{
    if (doc->text_len > SR_SECTION_BYTES)
        return pl_code_joined(p, st, a, doc, out, err);
    return pl_code_piece(p, st, a, doc, fwd, first, out, err);
}

int pl_code_piece(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                  const sr_doc *doc, const sr_parse_fwd *fwd, sr_parse_fwd *first,
                  sr_result **out, sr_error *err)
{
    /* Parses and the label's workings live in the arena's scratch arena,
     * reused sentence after sentence and document after document. */
    sr_arena *sa = sr_arena_scratch(a);
    if (!sa)
        return sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
    int rc = analyse(p, st, a, sa, doc, fwd, first, out, err);
    sr_arena_reset(sa);
    if (!rc && pl_build_record(a, *out))
        rc = sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
    return rc;
}

void sr_result_stats_get(const sr_result *r, sr_result_stats *st)
{
    st->sentences = r->rec->nsentences;
    st->tokens = r->rec->ntokens;
    st->boilerplate = r->rec->nboilerplate;
    st->events = r->rec->nevents;
}

size_t sr_result_events(const sr_result *r, const sr_event **events)
{
    *events = r->events.items;
    return r->events.len;
}
