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
    uint32_t nwords;          /* sr_facts_word_total(): the word numbers' bound */
    unsigned skip;            /* SR_SKIP_* */
    int time_stages;
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
    p->time_stages = opts ? opts->time_stages : 0;
    size_t nw = sr_facts_word_total();
    p->nwords = nw < UINT32_MAX ? (uint32_t)nw : 0;
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
 * actors' spans, the forwarded actor and, with names (sitrep's
 * dictionaries: the document's names, NULL otherwise), the names whose
 * short forms later sentences may use, which the parse reads and adds
 * to.  The parse itself is thrown away
 * with the scratch arena (code_parsed codes it first), so a document's
 * memory grows with its events, not with its parses. */
static int parse_range(const sr_pipeline *p, const sr_dict_options *opt, sr_arena *a,
                       sr_arena *sa, sr_result *r, const sr_token *toks, size_t n, int32_t date,
                       const sr_parse_fwd *fwd, sr_parse_fwd *first, sr_parse_names *names,
                       sr_parse **out)
{
    sr_parse *ps;
    /* The facts index numbered the tokens that are words of its table:
     * the dictionary reads those words' candidates by number. */
    const sr_token *ft = NULL;
    const uint16_t *nums = r->facts ? sr_facts_token_words(r->facts, &ft) : NULL;
    if (ft != r->toks)
        nums = NULL;
    int rc = sr_parse_sentence_nums(p->dict, nums ? nums + (toks - r->toks) : NULL, p->nwords, opt,
                                    p->style, sa, r->doc->text, toks, n, date, fwd, names, &ps);
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
    sr_vec evs = {NULL, 0, 0}, quiet = {NULL, 0, 0};
    int why;
    if ((rc = sr_code_sentence_quiet(p->dict, opt, sa, ps, &evs, &quiet, &why)))
        return rc;
    for (size_t i = 0; i < quiet.len; i++) {
        sr_span *q = sr_vec_push(&r->quiet, a, sizeof *q);
        size_t *s = sr_vec_push(&r->quiet_sentence, a, sizeof *s);
        if (!q || !s)
            return SR_ENOMEM;
        *q = ((const sr_span *)quiet.items)[i];
        *s = sentence;
    }
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


/* sitrep's conventions: an act whose object is "no" one or nothing
 * ("carried out no air strikes there", "made no arrests", "killed no
 * one") did not happen: negated as "did not" would.  Not "no fewer than
 * 20", a count.  Acts of force and protest only (CAMEO roots 14 to 20):
 * "reported no casualties" is still a report. */
/* Whether token t's normalised word is one of list (NULL-ended). */
static int norm_in(const sr_token *t, const char *const *list)
{
    for (; *list; list++)
        if (t->norm_len == strlen(*list) && !memcmp(t->norm, *list, t->norm_len))
            return 1;
    return 0;
}

static int object_none(const sr_result *r, const sr_event *e, size_t s)
{
    const char *c = e->code;
    if (!c || c[0] < '1' || c[0] > '2' || (c[0] == '1' && c[1] < '4'))
        return 0;
    size_t k = pl_token_at(r, e->verb_end, s), end = r->sents[s].tok + r->sents[s].ntok;
    static const char *const no[] = {"no", NULL};
    static const char *const counts[] = {"fewer", "less", "more", "longer", "sooner", NULL};
    return k + 1 < end && norm_in(&r->toks[k], no) && !norm_in(&r->toks[k + 1], counts);
}

/* Whether noun event e names a known act: "the alleged attack", "the
 * latest bombing", "its deadly raid" -- what a planned meeting is to
 * discuss, or someone urged to investigate, happened: the plan is the
 * meeting's or the probe's, not the attack's. */
static int known_act(const sr_result *r, const sr_event *e, size_t s)
{
    static const char *const known[] = {"alleged", "suspected", "reported", "latest", "recent",
                                        "deadly", "last", "previous", "earlier", "same",
                                        "apparent", "purported", "horrific", "brutal", NULL};
    if (!(e->flags & SR_EV_NOUN))
        return 0;
    size_t k = pl_token_at(r, e->verb_start, s), lo = r->sents[s].tok;
    if (k < lo + 2)
        return 0;
    static const char *const dets[] = {"the", "this", "its", "their", NULL};
    return norm_in(&r->toks[k - 1], known) && norm_in(&r->toks[k - 2], dets);
}

/* Makes event e, whose denial [s, e) speaks of another's act, the
 * speaker's denial: its source the first actor of the speaker's words, of
 * its own side only -- the act named no one, or one of the speaker's
 * country ("Moscow has denied reports that its jets have hit Aleppo"),
 * not a rival's; a speaker named without a country takes the act's ("The
 * government denied that forces under its command ...").  *ok is set when
 * it is. */
static int deny_as_speaker(sr_arena *a, sr_result *r, sr_event *ev, size_t s, size_t e, int *ok)
{
    const pl_aspan *sp = r->by_start;
    size_t n = r->actor_spans.len;
    size_t k = sr_lower_bound_by(sp, n, sizeof *sp, offsetof(pl_aspan, start), s);
    if (k >= n || sp[k].end > e)
        return SR_OK;
    const char *was = ev->source, *code = sp[k].code;
    int was_cc = was && strlen(was) >= 3 && was[0] != '-';
    size_t cn = strlen(code);
    if (was_cc && cn >= 3 && code[0] != '-' && strncmp(was, code, 3))
        return SR_OK;
    char *txt = sr_arena_alloc(a, sp[k].end - sp[k].start + 1);
    if (!txt)
        return SR_ENOMEM;
    memcpy(txt, r->doc->text + sp[k].start, sp[k].end - sp[k].start);
    txt[sp[k].end - sp[k].start] = 0;
    if (was_cc && code[0] == '-' && cn > 3 && !(code = pl_code_in_country(a, was, code, 3)))
        return SR_ENOMEM;
    ev->source = code;
    ev->source_text = txt;
    ev->source_start = sp[k].start;
    ev->source_end = sp[k].end;
    *ok = 1;
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
        if (!mo[i].m.negated && object_none(r, &ev[i], es[i]))
            mo[i].m.negated = 1;
        if (!mo[i].m.negated &&
            (mo[i].m.mode == SR_FACTS_PLANNED || mo[i].m.mode == SR_FACTS_THREATENED ||
             mo[i].m.mode == SR_FACTS_HYPOTHETICAL) &&
            known_act(r, &ev[i], es[i]))
            mo[i].m.mode = SR_FACTS_ASSERTED;
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
            /* (a denial of what another did, or no one named, is still the
             * speaker's denial, of the act's target: "The Pentagon denied
             * that its aircraft had struck the hospital" had no event) */
            if (!have && !speaker && m.agent_end > m.agent_start &&
                deny_as_speaker(a, r, &ev[i], m.agent_start, m.agent_end, &speaker))
                return SR_ENOMEM;
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
            ev[i].flags |= SR_EV_NEGATED;
            const char *was = ev[i].code;
            ev[i].code = sr_cameo_refusal(was);
            /* "UNITA refused to allow U.N. planes to land": the one who
             * refuses is the source -- of a refusal only: "state media
             * made no mention of the attack" is no attack by the media */
            const char *who = m.agent_end > m.agent_start && ev[i].code != was
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

/* Whether actor code c names an armed force: an army, police, rebels,
 * gunmen, intelligence or a militant group (at any of its 3-letter
 * places: SYRMIL, IMGMUSISI). */
static int armed_code(const char *c)
{
    static const char *const armed[] = {"MIL", "REB", "UAF", "COP", "SPY", "IMG", "INS"};
    for (size_t k = 0; c && c[k] && c[k + 1] && c[k + 2]; k += 3)
        for (size_t i = 0; i < sizeof armed / sizeof *armed; i++)
            if (!memcmp(c + k, armed[i], 3))
                return 1;
    return 0;
}

/* sitrep's conventions: in a story about a disaster (the label NATURAL_
 * or MAN_MADE_DISASTER) the dead and injured of an act of force no armed
 * actor carried out are the disaster's toll, no violence: "two villagers
 * died while four others were injured ... after rain-triggered
 * landslides", "a massive earthquake leveled villages, killing hundreds",
 * "a gas explosion at a restaurant left one person dead".  Drops those
 * events and keeps the primary event's index right. */
static void drop_disaster_violence(sr_result *r)
{
    if (!r->acled || (strcmp(r->acled, "NATURAL_DISASTER") && strcmp(r->acled, "MAN_MADE_DISASTER")))
        return;
    sr_event *ev = r->events.items;
    size_t *es = r->event_sentence.items, n = r->events.len, keep = 0;
    long primary = r->primary;
    for (size_t i = 0; i < n; i++) {
        if (ev[i].code && pl_violent_root(ev[i].code) && !armed_code(ev[i].source)) {
            if ((long)i == r->primary)
                primary = -1;
            else if ((long)i < r->primary && primary > 0)
                primary--;
            continue;
        }
        if (keep != i) {
            ev[keep] = ev[i];
            es[keep] = es[i];
            if (r->modal)
                r->modal[keep] = r->modal[i];
        }
        keep++;
    }
    r->events.len = r->event_sentence.len = keep;
    r->primary = (int)primary; /* (-1 when it was one of them: none) */
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

/* A weekday's name. */
static int weekday(const sr_token *t)
{
    /* (each ends in "day": most words are turned away by that) */
    static const char *const days[] = {"mon", "tues", "wednes", "thurs", "fri", "satur", "sun"};
    size_t n = t->norm_len;
    if (!t->norm || n < 6 || n > 9 || memcmp(t->norm + n - 3, "day", 3))
        return 0;
    for (size_t k = 0; k < sizeof days / sizeof days[0]; k++)
        if (n - 3 == strlen(days[k]) && !memcmp(t->norm, days[k], n - 3))
            return 1;
    return 0;
}

/* A day number, a year or a month's name or abbreviation. */
static int date_word(const char *text, const sr_token *t)
{
    /* (by their first three letters: "sept" is "sep"'s) */
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    size_t n = t->end - t->start;
    if (t->flags & SR_TOK_NUM)
        return n <= 4;
    if (!t->norm || t->norm_len < 3)
        return 0;
    for (size_t k = 0; k < sizeof months - 1; k += 3)
        if (!memcmp(t->norm, months + k, 3) && (text[t->start] >= 'A' && text[t->start] <= 'Z'))
            return 1;
    return 0;
}

/* Moves *st past what opens a sentence without belonging to it: the
 * dateline [ds, de) when the sentence starts inside it, one in capitals
 * with a dash, an agency's date line ("AFP Saturday 16 Jul 2016"), and
 * a parenthesis of at most eight tokens with a dash after it or not
 * ("(Reuters) -").  At least one token stays. */
static void skip_opening(const sr_result *r, const char *text, const sr_token **st, size_t *sn,
                         size_t ds, size_t de)
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
    int paren = 0, agency = 0;
    if (k && k < n && text[t[k].start] == '(') {
        agency = sr_text_agency_at(t, n, k);
        size_t j = k + 1;
        while (j < n && j < k + 8 && text[t[j].start] != ')')
            j++;
        k = j < n && text[t[j].start] == ')' ? j + 1 : 0;
        paren = k > 0;
    }
    if (k && k + 1 < n && is_dash(text + t[k].start, t[k].end - t[k].start)) {
        t += k + 1;
        n -= k + 1;
    } else if (paren && k + 1 < n && (agency || pl_place_at(r, t->start))) {
        /* the dash lost ("MOSCOW (Sputnik) Six people were killed"),
         * where the words in capitals are a place or an agency signs
         * them: not "NATO (North Atlantic Treaty Organization) said" */
        t += k;
        n -= k;
    }
    /* an agency and its date line run into the story ("AFP Saturday 16
     * Jul 2016 Air raids on ...", "Reuters Friday 17 Nov 2017 An Islamic
     * State car bomb ..."): a capitalised word, a weekday, then the day,
     * month and year */
    if (n > 5 && text[t->start] >= 'A' && text[t->start] <= 'Z' && weekday(&t[1])) {
        k = 2;
        while (k < n - 1 && k < 5 && date_word(text, &t[k]))
            k++;
        if (k > 2) {
            t += k;
            n -= k;
        }
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

/* Per thread, so that timing needs no lock and documents stay
 * independent (sr_clock_ns). */
static _Thread_local sr_stage_times stage_acc;

/* Adds the time since *t to stage s and starts the next lap; reads no
 * clock when the pipeline does not time its stages. */
static inline void lap(const sr_pipeline *p, int s, uint64_t *t)
{
    if (!p->time_stages)
        return;
    uint64_t now = sr_clock_ns();
    stage_acc.ns[s] += now - *t;
    *t = now;
}

void sr_pipeline_stage_times_take(sr_stage_times *sum)
{
    for (int s = 0; s < SR_NSTAGES; s++)
        sum->ns[s] += stage_acc.ns[s];
    memset(&stage_acc, 0, sizeof stage_acc);
}

const char *sr_pipeline_stage_name(int stage)
{
    static const char *const names[SR_NSTAGES] = {"text",    "facts",  "places",
                                                  "parsing", "coding", "document"};
    return stage >= 0 && stage < SR_NSTAGES ? names[stage] : "?";
}

/* The stages, in order; each one's result stays in *out.  *t is the
 * clock at the start (lap). */
static int analyse_front(const sr_pipeline *p, sr_arena *a, const sr_doc *doc,
                         sr_result **out, uint64_t *t, sr_error *err)
{
    sr_result *r = sr_arena_calloc(a, 1, sizeof *r);
    if (!r)
        return sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
    r->doc = doc;
    r->primary = -1;
    sr_text *tx;
    /* A title read from the text's own first line is no repetition. */
    const char *title = doc->title_in_text ? NULL : doc->title;
    int rc = sr_text_analyze(a, doc->text, doc->text_len, title, doc->title_len, &tx, err);
    if (rc)
        return rc;
    r->text = tx;
    r->toks = sr_text_tokens(tx, &r->ntoks);
    r->sents = sr_text_sentences(tx, &r->nsents);
    *out = r;
    lap(p, SR_STAGE_TEXT, t);
    if (!(p->skip & SR_SKIP_FACTS) &&
        (rc = sr_facts_analyze(a, doc->text, doc->text_len, tx, doc->date, &r->facts, err)))
        return rc;
    lap(p, SR_STAGE_FACTS, t);
    if (p->geo && !(p->skip & SR_SKIP_GEO) &&
        (rc = sr_geo_find(p->geo, a, doc->text, doc->text_len, tx, &geo_opts, &r->geo, err)))
        return rc;
    lap(p, SR_STAGE_PLACES, t);
    return SR_OK;
}

/* The stages after the places: parsing, coding and the document's own
 * decisions, on r as analyse_front left it. */
static int analyse_back(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                        sr_arena *sa, const sr_doc *doc, const sr_parse_fwd *fwd,
                        sr_parse_fwd *first, sr_result *r, uint64_t *t, sr_error *err)
{
    int rc;
    const sr_text *tx = r->text;
    if (!p->dict || (p->skip & SR_SKIP_CODE))
        return SR_OK;
    const sr_dict_options *opt = st ? &st->options : &p->options;
    int32_t date = date_int(doc->date);
    /* sitrep's dictionaries: an undated document is taken as current news,
     * so a name dated from a year on ("Islamic State" from 2006) is coded */
    if (!date && sr_dict_is_native(p->dict))
        date = 99991231;
    size_t ntok, ns;
    const sr_token *toks = sr_text_tokens(tx, &ntok);
    const sr_sentence *ss = sr_text_sentences(tx, &ns);
    /* A TABARI record is one unit of coding, as TABARI reads it; but
     * parsing and coding look across their whole unit, so a record of
     * thousands of words (a pasted article) took quadratic time: such a
     * record is coded sentence by sentence instead, as other documents
     * are.  Its first sentence takes and gives the actor FORWARD carries. */
    size_t nrec = ns ? ss[ns - 1].tok + ss[ns - 1].ntok - ss[0].tok : 0;
    int native = sr_dict_is_native(p->dict);
    size_t ds = 0, de = 0;
    if (native && !pl_dateline_span(r, &ds, &de))
        ds = de = 0;
    if (doc->format == SR_FMT_TABARI && ns && nrec <= MAX_RECORD_TOKENS) {
        sr_parse *ps;
        sr_arena_reset(sa);
        if (!(rc = parse_range(p, opt, a, sa, r, toks + ss[0].tok, nrec, date, fwd, first, NULL,
                               &ps))) {
            lap(p, SR_STAGE_PARSE, t);
            rc = code_parsed(p, opt, a, sa, r, ps, 0);
            lap(p, SR_STAGE_CODE, t);
        }
        if (rc)
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
        sr_parse_names *nm = native ? &r->nm : NULL;
        if (nm) {
            nm->list = &r->names;
            nm->arena = a;
        }
        for (size_t i = 0; i < ns;) {
            sr_arena_reset(sa);
            size_t nb = 0;
            while (i + nb < ns && nb < BATCH && (!nb || sr_arena_used(sa) < SCRATCH_BATCH)) {
                size_t k = i + nb;
                const sr_token *s0 = toks + ss[k].tok;
                size_t sn = ss[k].ntok;
                if (native)
                    skip_opening(r, doc->text, &s0, &sn, ds, de);
                if (nm) {
                    /* the names of the 6 KB before the sentence, an
                     * article's length: a longer text names its bodies in
                     * full again, and a search back to its start would
                     * make a long document quadratic (the window's start
                     * only moves on, as the sentences do) */
                    const sr_parse_name *all = r->names.items;
                    size_t from = ss[k].start > 6144 ? ss[k].start - 6144 : 0;
                    while (nm->from < r->names.len && all[nm->from].start < from)
                        nm->from++;
                    nm->to = r->names.len;
                }
                if ((rc = parse_range(p, opt, a, sa, r, s0, sn, date, k ? NULL : fwd,
                                      k ? NULL : first, nm, &bp[nb])))
                    return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
                nb++;
            }
            lap(p, SR_STAGE_PARSE, t);
            for (size_t k = 0; k < nb; k++)
                if ((rc = code_parsed(p, opt, a, sa, r, bp[k], i + k)))
                    return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
            lap(p, SR_STAGE_CODE, t);
            i += nb;
        }
    }
    if ((rc = pl_index_actors(a, r)))
        return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
    if (native) {
        pl_drop_datelines(r, ds, de);
        pl_drop_locative_sources(r);
        pl_drop_media_violence(r);
        pl_drop_place_sides(r);
    }
    if (native && (rc = pl_speaker_sources(a, r)))
        return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
    if (native && (rc = pl_fill_focus(a, r)))
        return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
    if (native && r->facts && (rc = modal_events(a, r)))
        return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
    sr_label_input li = {r->events.items,     r->events.len,       r->event_sentence.items,
                         r->quiet.items,      r->quiet_sentence.items, r->quiet.len,
                         toks,                ss,                  ns,
                         r->facts};
    sr_arena_reset(sa);
    if (!(p->skip & SR_SKIP_LABEL) && (rc = sr_code_label(&li, sa, &r->primary, &r->acled)))
        return sr_error_set(err, rc, doc->file, doc->line, 0, "%s", sr_errmsg(rc));
    if (native)
        drop_disaster_violence(r);
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

/* The stages from parsing on, and the record, of r (analyse_front's). */
static int code_back(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                     const sr_doc *doc, const sr_parse_fwd *fwd, sr_parse_fwd *first,
                     sr_result *r, uint64_t *t, sr_error *err)
{
    /* Parses and the label's workings live in the arena's scratch arena,
     * reused sentence after sentence and document after document. */
    sr_arena *sa = sr_arena_scratch(a);
    if (!sa)
        return sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
    int rc = analyse_back(p, st, a, sa, doc, fwd, first, r, t, err);
    sr_arena_reset(sa);
    if (!rc && pl_build_record(a, r))
        rc = sr_error_set(err, SR_ENOMEM, doc->file, doc->line, 0, "out of memory");
    lap(p, SR_STAGE_DOCUMENT, t);
    return rc;
}

int pl_code_piece(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                  const sr_doc *doc, const sr_parse_fwd *fwd, sr_parse_fwd *first,
                  sr_result **out, sr_error *err)
{
    uint64_t t = p->time_stages ? sr_clock_ns() : 0;
    int rc = analyse_front(p, a, doc, out, &t, err);
    return rc ? rc : code_back(p, st, a, doc, fwd, first, *out, &t, err);
}

int sr_pipeline_splits(const sr_doc *doc) { return doc->text_len <= SR_SECTION_BYTES; }

int sr_pipeline_code_front(const sr_pipeline *p, sr_arena *a, const sr_doc *doc,
                           sr_result **out, sr_error *err)
{
    uint64_t t = p->time_stages ? sr_clock_ns() : 0;
    return analyse_front(p, a, doc, out, &t, err);
}

int sr_pipeline_code_back(const sr_pipeline *p, const sr_stream_state *st, sr_arena *a,
                          const sr_doc *doc, sr_result *r, sr_error *err)
{
    uint64_t t = p->time_stages ? sr_clock_ns() : 0;
    return code_back(p, st, a, doc, NULL, NULL, r, &t, err);
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
