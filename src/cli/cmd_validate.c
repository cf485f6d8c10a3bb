/*
 * cmd_validate.c - `sitrep validate`: runs a TABARI validation file or a
 * PETRARCH unit-test XML file and reports every record whose coded events
 * differ from the expected ones, as TABARI's V)alidate option and
 * PETRARCH's unit tests did.  A tool for dictionary maintainers.
 *
 * TABARI records carry their expectations in the comment block:
 *   { SRC / TGT / CODE }     one expected event (codes blank-trimmed)
 *   -{ ... }                 a disabled expectation (not checked)
 *   {---} {###} {+++}        no event (none found, discarded, too complex)
 *   { OPTION: ... }          an .options setting applied from that record on
 * A record whose comment holds only OPTION settings is a setting, not a
 * test; a record without a comment block has nothing to check.
 *
 * PETRARCH files are <Sentences> of <Sentence date= id= valid=> with
 * <EventCoding sourcecode= targetcode= eventcode=>, noevents= or error=,
 * and <Text>; they are read with libxml2.  valid="false" records and
 * records whose expectation is an error about parse trees are skipped.
 *
 * The expected and coded (source, target, code) triples of a record are
 * compared as sorted lists, absent actors written "---".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../code/sr_code.h"
#include "../dict/sr_dict.h"
#include "../input/sr_input.h"
#include "../pipeline/sr_pipeline.h"
#include "cli.h"
#include "validate_int.h"

static const char validate_usage[] =
    "usage: sitrep validate [--dict FILE]... [-v] FILE\n"
    "\n"
    "Codes every record of a TABARI validation file or a PETRARCH unit-test\n"
    "XML file and reports each record whose events differ from the expected\n"
    "ones as `ID: expected [...] got [...]`, then a summary line.\n"
    "\n"
    "  --dict FILE   dictionary file (repeatable).  Without it: the files a\n"
    "                *.project file beside FILE names (<actorfile>, <verbfile>,\n"
    "                <agentfile>, <optionsfile>, <issuesfile>), else the files\n"
    "                beside FILE whose names contain actors, verbs, agents or\n"
    "                options; for XML, the PETR.Validate.*.txt files beside it\n"
    "  -v            also print where each mismatching record is and its text,\n"
    "                and the records skipped\n"
    "  -h, --help    this text\n"
    "\n"
    "TABARI expectations: { SRC / TGT / CODE } in the comment block; -{...}\n"
    "is disabled; {---}, {###} and {+++} mean no event; { OPTION: ... }\n"
    "changes a setting from that record on.  PETRARCH: <EventCoding> with\n"
    "sourcecode/targetcode/eventcode, noevents or error; valid=\"false\"\n"
    "records and errors about parse trees are skipped.\n"
    "\n"
    "Exit status: 0 every record as expected, 1 some record differs or some\n"
    "input was rejected (reported with file, line and byte), 2 usage.\n";

/* ---- expectations and comparison --------------------------------------- */

typedef struct triple {
    const char *s, *t, *c;
} triple;

static int cmp_triple(const void *a, const void *b)
{
    const triple *x = a, *y = b;
    int r = strcmp(x->s, y->s);
    if (!r)
        r = strcmp(x->t, y->t);
    if (!r)
        r = strcmp(x->c, y->c);
    return r;
}

typedef struct vstate {
    const char *file;
    int verbose;
    const sr_pipeline *pl;
    sr_stream_state *st;
    sr_arena *arena;
    size_t checked, passed;
    size_t settings, nocomment, rejected, invalid, parse_errors;
    int status;
    sr_buf out;
} vstate;

static void put_list(sr_buf *b, const triple *v, size_t n)
{
    sr_buf_putc(b, '[');
    for (size_t i = 0; i < n; i++)
        sr_buf_printf(b, "%s%s/%s/%s", i ? ", " : "", v[i].s, v[i].t, v[i].c);
    sr_buf_putc(b, ']');
}

static void flush_out(vstate *v)
{
    if (v->out.len && fwrite(v->out.data, 1, v->out.len, stdout) != v->out.len) {
        fprintf(stderr, "sitrep: cannot write output: %s\n", strerror(errno));
        exit(EXIT_BADINPUT);
    }
    sr_buf_clear(&v->out);
}

/* Codes doc; when `check`, compares its events with want[0..nwant).
 * Returns 0, or 1 when the record could not be coded. */
static int run_record(vstate *v, const sr_doc *doc, int check, triple *want, size_t nwant)
{
    sr_error err;
    sr_error_clear(&err);
    if (doc->warning) {
        fprintf(stderr, "sitrep: %s:%ld:%ld: document %s: %s\n", doc->file, doc->line,
                doc->warning_byte, doc->id, doc->warning);
        v->status = EXIT_BADINPUT;
    }
    sr_result *res;
    int rc = sr_pipeline_run(v->pl, v->st, v->arena, doc, &res, &err);
    if (rc == SR_EPARSE) {
        fputs("sitrep: ", stderr);
        sr_error_print(&err, stderr);
        v->status = EXIT_BADINPUT;
    } else if (rc == SR_ENOMEM) {
        cli_oom();
    } else if (rc) {
        fputs("sitrep: ", stderr);
        sr_error_print(&err, stderr);
        v->status = EXIT_BADINPUT;
        return 1;
    }
    if (!check)
        return 0;
    const sr_event *ev;
    size_t ngot = sr_result_events(res, &ev);
    triple *got = ngot ? sr_arena_alloc(v->arena, ngot * sizeof *got) : NULL;
    if (ngot && !got)
        cli_oom();
    for (size_t i = 0; i < ngot; i++) {
        got[i].s = ev[i].source ? ev[i].source : "---";
        got[i].t = ev[i].target ? ev[i].target : "---";
        got[i].c = ev[i].code ? ev[i].code : "";
    }
    if (ngot > 1)
        qsort(got, ngot, sizeof *got, cmp_triple);
    if (nwant > 1)
        qsort(want, nwant, sizeof *want, cmp_triple);
    v->checked++;
    int same = ngot == nwant;
    for (size_t i = 0; same && i < ngot; i++)
        same = !cmp_triple(&got[i], &want[i]);
    if (same) {
        v->passed++;
        return 0;
    }
    v->status = EXIT_BADINPUT;
    sr_buf *b = &v->out;
    sr_buf_printf(b, "%s: expected ", doc->id);
    put_list(b, want, nwant);
    sr_buf_puts(b, " got ");
    put_list(b, got, ngot);
    sr_buf_putc(b, '\n');
    if (v->verbose) {
        sr_buf_printf(b, "  %s:%ld\n    ", doc->file, doc->line);
        for (const char *p = doc->text; *p; p++) {
            sr_buf_putc(b, *p);
            if (*p == '\n')
                sr_buf_puts(b, "    ");
        }
        sr_buf_putc(b, '\n');
    }
    if (!b->data)
        cli_oom();
    flush_out(v);
    return 0;
}

/* ---- TABARI validation records ------------------------------------------ */

typedef struct expect {
    sr_vec triples; /* triple, in the record's arena */
    size_t markers, disabled, options, malformed;
} expect;

static char *arena_trimmed(sr_arena *a, const char *s, const char *e)
{
    vd_trim(&s, &e);
    char *r = sr_arena_strndup(a, s, (size_t)(e - s));
    if (!r)
        cli_oom();
    return r;
}

/* A comment block that holds a record header line was left open: the
 * next record became part of it. */
static void check_runaway(vstate *v, const sr_doc *doc)
{
    for (const char *l = doc->comment; l; l = strchr(l, '\n')) {
        if (*l == '\n')
            l++;
        size_t d = 0;
        while (l[d] >= '0' && l[d] <= '9')
            d++;
        if ((d == 6 || d == 8) && (l[d] == ' ' || l[d] == '\t')) {
            const char *id = l + d;
            while (*id == ' ' || *id == '\t')
                id++;
            size_t n = strcspn(id, " \t\r\n");
            if (!n)
                continue;
            fprintf(stderr,
                    "sitrep: %s:%ld:0: record %s: its comment block runs on into record %.*s "
                    "(a missing \"*/\"?); that record is read as part of this comment\n",
                    doc->file, doc->line, doc->id, (int)n, id);
            v->status = EXIT_BADINPUT;
            return;
        }
    }
}

/* Reads the expectations in a record's comment block. */
static void tabari_expect(vstate *v, const sr_doc *doc, expect *x)
{
    memset(x, 0, sizeof *x);
    const char *c = doc->comment, *end = c ? c + strlen(c) : NULL;
    if (c)
        check_runaway(v, doc);
    for (const char *o = c ? strchr(c, '{') : NULL; o; o = o < end ? strchr(o, '{') : NULL) {
        int disabled = o > c && o[-1] == '-';
        const char *close = strchr(o + 1, '}'), *next = strchr(o + 1, '{');
        const char *s = o + 1, *e = close && (!next || close < next) ? close : next ? next : end;
        vd_trim(&s, &e);
        if (!close || (next && next < close)) {
            /* An unclosed brace: its text runs to the next one. */
            int opt = (size_t)(e - s) >= 6 && !strncmp(s, "OPTION", 6);
            fprintf(stderr,
                    "sitrep: %s:%ld:0: record %s: \"{%.*s\" has no closing \"}\"%s\n",
                    doc->file, doc->line, doc->id, (int)(e - s > 60 ? 60 : e - s), s,
                    opt && !close ? ": setting not applied" : "");
            v->status = EXIT_BADINPUT;
            if (opt)
                x->options++;
            o = next ? next : end;
            continue;
        }
        o = close + 1;
        size_t n = (size_t)(e - s);
        if (n >= 6 && !strncmp(s, "OPTION", 6)) {
            x->options++;
            continue;
        }
        if (n == 3 && (!strncmp(s, "---", 3) || !strncmp(s, "###", 3) || !strncmp(s, "+++", 3))) {
            if (disabled)
                x->disabled++;
            else
                x->markers++;
            continue;
        }
        const char *sl1 = memchr(s, '/', n);
        if (!sl1)
            continue; /* {} or prose such as { A | B }: not an expectation */
        const char *sl2 = memchr(sl1 + 1, '/', (size_t)(e - sl1 - 1));
        const char *sl3 = sl2 ? memchr(sl2 + 1, '/', (size_t)(e - sl2 - 1)) : NULL;
        const char *p1s = s, *p1e = sl1, *p2s = sl1 + 1, *p2e = sl2 ? sl2 : e;
        const char *p3s = sl2 ? sl2 + 1 : e, *p3e = e;
        vd_trim(&p1s, &p1e);
        vd_trim(&p2s, &p2e);
        vd_trim(&p3s, &p3e);
        if (!sl2 || sl3 || p1s == p1e || p2s == p2e || p3s == p3e) {
            fprintf(stderr,
                    "sitrep: %s:%ld:0: record %s: malformed expectation \"{%.*s}\"; "
                    "expected { SOURCE / TARGET / CODE }: record not checked\n",
                    doc->file, doc->line, doc->id, (int)(n > 60 ? 60 : n), s);
            v->status = EXIT_BADINPUT;
            x->malformed++;
            continue;
        }
        if (disabled) {
            x->disabled++;
            continue;
        }
        triple *t = sr_vec_push(&x->triples, v->arena, sizeof *t);
        if (!t)
            cli_oom();
        t->s = arena_trimmed(v->arena, p1s, p1e);
        t->t = arena_trimmed(v->arena, p2s, p2e);
        t->c = arena_trimmed(v->arena, p3s, p3e);
    }
}

static void validate_tabari(vstate *v)
{
    sr_reader *rd;
    sr_error err;
    sr_error_clear(&err);
    if (sr_input_open(v->file, SR_FMT_TABARI, &rd, &err)) {
        fputs("sitrep: ", stderr);
        sr_error_print(&err, stderr);
        v->status = EXIT_BADINPUT;
        return;
    }
    for (;;) {
        sr_doc doc;
        sr_arena_reset(v->arena);
        sr_error_clear(&err);
        int rc = sr_input_next(rd, v->arena, &doc, &err);
        if (rc == 0)
            break;
        if (rc < 0) {
            fputs("sitrep: ", stderr);
            sr_error_print(&err, stderr);
            v->status = EXIT_BADINPUT;
            v->rejected++;
            if (rc == SR_ENOMEM)
                cli_oom();
            if (rc == SR_EIO)
                break;
            continue;
        }
        expect x;
        tabari_expect(v, &doc, &x);
        /* A comment with settings and no expectation is a setting record;
         * any other comment is a test (no expectation: no event). */
        int check = doc.comment && !x.malformed &&
                    (x.triples.len || x.markers || x.disabled || !x.options);
        if (x.malformed) {
            v->rejected++;
        } else if (!check) {
            if (doc.comment)
                v->settings++;
            else
                v->nocomment++;
            if (v->verbose && !doc.comment) {
                sr_buf_printf(&v->out, "%s: not checked (no comment block)\n", doc.id);
                flush_out(v);
            }
        }
        run_record(v, &doc, check, x.triples.items, x.triples.len);
    }
    sr_input_close(rd);
}

/* ---- PETRARCH unit-test XML ---------------------------------------------- */

static char *xml_attr(xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static int is_elem(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* Copies s into the arena with runs of white space made one blank, as the
 * PETRARCH reader joins the lines of <Text>. */
static char *squeeze(sr_arena *a, const char *s, size_t *len)
{
    size_t n = strlen(s);
    char *r = sr_arena_alloc(a, n + 1), *w = r;
    if (!r)
        cli_oom();
    int blank = 0;
    for (; *s; s++) {
        if (vd_is_space(*s)) {
            blank = w > r;
            continue;
        }
        if (blank)
            *w++ = ' ';
        blank = 0;
        *w++ = *s;
    }
    *w = 0;
    *len = (size_t)(w - r);
    return r;
}

static void petrarch_sentence(vstate *v, xmlNode *sn)
{
    long line = xmlGetLineNo(sn);
    char *id = xml_attr(sn, "id"), *date = xml_attr(sn, "date"), *valid = xml_attr(sn, "valid");
    xmlNode *text = NULL;
    sr_vec want = {0};
    int parse_error = 0, bad = 0;
    if (!id) {
        fprintf(stderr, "sitrep: %s:%ld:0: <Sentence> without an id: skipped\n", v->file, line);
        v->status = EXIT_BADINPUT;
        v->rejected++;
        goto out;
    }
    if (valid && !strcasecmp(valid, "false")) {
        v->invalid++;
        if (v->verbose) {
            sr_buf_printf(&v->out, "%s: skipped (valid=\"false\")\n", id);
            flush_out(v);
        }
        goto out;
    }
    for (xmlNode *c = sn->children; c; c = c->next) {
        if (is_elem(c, "Text")) {
            if (!text)
                text = c;
        } else if (is_elem(c, "EventCoding")) {
            char *error = xml_attr(c, "error"), *none = xml_attr(c, "noevents");
            if (error) {
                /* Parse-tree errors say nothing about text; discards
                 * (storydiscard, sentencediscard) mean no event, as does
                 * noevents: neither adds to the expected list. */
                if (vd_ci_contains(error, "parse"))
                    parse_error = 1;
            } else if (!none) {
                char *s = xml_attr(c, "sourcecode"), *t = xml_attr(c, "targetcode"),
                     *e = xml_attr(c, "eventcode");
                if (!e) {
                    fprintf(stderr,
                            "sitrep: %s:%ld:0: record %s: <EventCoding> has no eventcode, "
                            "noevents or error: record skipped\n",
                            v->file, xmlGetLineNo(c), id);
                    bad = 1;
                } else {
                    triple *tr = sr_vec_push(&want, v->arena, sizeof *tr);
                    if (!tr || !(tr->s = sr_arena_strndup(v->arena, s ? s : "---",
                                                          strlen(s ? s : "---"))) ||
                        !(tr->t = sr_arena_strndup(v->arena, t ? t : "---",
                                                   strlen(t ? t : "---"))) ||
                        !(tr->c = sr_arena_strndup(v->arena, e, strlen(e))))
                        cli_oom();
                }
                xmlFree(s);
                xmlFree(t);
                xmlFree(e);
            }
            xmlFree(error);
            xmlFree(none);
        }
    }
    if (parse_error) {
        v->parse_errors++;
        if (v->verbose) {
            sr_buf_printf(&v->out, "%s: skipped (expects an error about the parse tree)\n", id);
            flush_out(v);
        }
        goto out;
    }
    if (!text) {
        fprintf(stderr, "sitrep: %s:%ld:0: record %s has no <Text>: skipped\n", v->file, line,
                id);
        bad = 1;
    }
    if (bad) {
        v->status = EXIT_BADINPUT;
        v->rejected++;
        goto out;
    }
    sr_doc doc;
    memset(&doc, 0, sizeof doc);
    xmlChar *raw = xmlNodeGetContent(text);
    if (!raw)
        cli_oom();
    doc.text = squeeze(v->arena, (const char *)raw, &doc.text_len);
    xmlFree(raw);
    if (!(doc.id = sr_arena_strndup(v->arena, id, strlen(id))))
        cli_oom();
    if (date) {
        char iso[11];
        if (sr_input_parse_date(date, strlen(date), iso)) {
            fprintf(stderr,
                    "sitrep: %s:%ld:0: record %s: date \"%s\" is not YYYYMMDD; coded without "
                    "a date\n",
                    v->file, line, id, date);
            v->status = EXIT_BADINPUT;
        } else if (!(doc.date = sr_arena_strndup(v->arena, iso, 10))) {
            cli_oom();
        }
    }
    doc.format = SR_FMT_JSONL; /* sentence by sentence, as PETRARCH codes */
    doc.file = v->file;
    doc.line = line;
    run_record(v, &doc, 1, want.items, want.len);
out:
    xmlFree(id);
    xmlFree(date);
    xmlFree(valid);
}

/* The first error libxml2 reports (later ones follow from it). */
typedef struct xml_first {
    int seen, line, col;
    char msg[256];
} xml_first;

#if LIBXML_VERSION >= 21200
static void xml_error(void *ctx, const xmlError *e)
#else
static void xml_error(void *ctx, xmlErrorPtr e)
#endif
{
    xml_first *f = ctx;
    if (f->seen || !e || e->level < XML_ERR_ERROR)
        return;
    f->seen = 1;
    f->line = e->line;
    f->col = e->int2 > 0 ? e->int2 - 1 : 0;
    snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "parse error");
    size_t n = strlen(f->msg);
    while (n && (f->msg[n - 1] == '\n' || f->msg[n - 1] == ' '))
        f->msg[--n] = 0;
}

static void validate_petrarch(vstate *v)
{
    xml_first first;
    memset(&first, 0, sizeof first);
    xmlParserCtxtPtr ctx = xmlNewParserCtxt();
    if (!ctx)
        cli_oom();
    xmlSetStructuredErrorFunc(&first, xml_error);
    xmlDocPtr xd = xmlCtxtReadFile(ctx, v->file, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!xd || !ctx->wellFormed || first.seen) {
        if (first.seen) {
            fprintf(stderr, "sitrep: %s:%d:%d: malformed XML: %s\n", v->file, first.line,
                    first.col, first.msg);
        } else {
            fprintf(stderr, "sitrep: %s: cannot read as XML\n", v->file);
        }
        v->status = EXIT_BADINPUT;
        v->rejected++;
        goto out;
    }
    xmlNode *root = xmlDocGetRootElement(xd);
    if (!root || strcmp((const char *)root->name, "Sentences")) {
        fprintf(stderr,
                "sitrep: %s:%ld:0: root element is <%s>; a PETRARCH unit-test file is "
                "<Sentences> of <Sentence>\n",
                v->file, root ? xmlGetLineNo(root) : 1L, root ? (const char *)root->name : "");
        v->status = EXIT_BADINPUT;
        v->rejected++;
        goto out;
    }
    for (xmlNode *c = root->children; c; c = c->next) {
        if (!is_elem(c, "Sentence"))
            continue;
        sr_arena_reset(v->arena);
        petrarch_sentence(v, c);
    }
out:
    if (xd)
        xmlFreeDoc(xd);
    xmlFreeParserCtxt(ctx);
}

/* Whether path holds XML: a .xml name, or '<' first after a BOM and blanks. */
static int looks_xml(const char *path)
{
    if (vd_ci_suffix(path, ".xml"))
        return 1;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    unsigned char b[512];
    size_t n = fread(b, 1, sizeof b, f), i = 0;
    fclose(f);
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        i = 3;
    while (i < n && vd_is_space((char)b[i]))
        i++;
    return i < n && b[i] == '<';
}

int cmd_validate(int argc, char **argv)
{
    strlist dicts = {0};
    const char *file = NULL;
    int verbose = 0, status = EXIT_OK;
    char *from = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(validate_usage, stdout);
            vd_sl_free(&dicts);
            return EXIT_OK;
        } else if (!strcmp(a, "--dict")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "sitrep validate: --dict needs a value\n");
                status = EXIT_USAGE;
                goto done;
            }
            const char *d = argv[++i];
            vd_sl_push(&dicts, vd_xstrndup(d, strlen(d)));
        } else if (!strncmp(a, "--dict=", 7)) {
            vd_sl_push(&dicts, vd_xstrndup(a + 7, strlen(a + 7)));
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            verbose = 1;
        } else if (a[0] == '-') {
            fprintf(stderr, "sitrep validate: %s '%s'\n\n%s",
                    a[1] ? "unknown option" : "reads a file, not standard input:", a,
                    validate_usage);
            status = EXIT_USAGE;
            goto done;
        } else if (file) {
            fprintf(stderr, "sitrep validate: one validation file at a time ('%s', '%s')\n\n%s",
                    file, a, validate_usage);
            status = EXIT_USAGE;
            goto done;
        } else {
            file = a;
        }
    }
    if (!file) {
        fputs(validate_usage, stderr);
        status = EXIT_USAGE;
        goto done;
    }
    struct stat st;
    errno = 0;
    if (stat(file, &st) || !S_ISREG(st.st_mode)) {
        fprintf(stderr, "sitrep: %s: cannot open: %s\n", file,
                errno ? strerror(errno) : "not a regular file");
        status = EXIT_BADINPUT;
        goto done;
    }
    int xml = looks_xml(file);
    if (!dicts.n && vd_find_dicts(file, xml, &dicts, &from)) {
        status = EXIT_BADINPUT;
        goto done;
    }
    if (verbose) {
        printf("validate: %s, %s records; dictionaries%s%s:", file, xml ? "PETRARCH" : "TABARI",
               from ? " from " : "", from ? from : "");
        for (size_t i = 0; i < dicts.n; i++)
            printf(" %s", dicts.v[i]);
        putchar('\n');
    }

    sr_error err;
    sr_error_clear(&err);
    sr_pipeline_opts po = {(const char *const *)dicts.v, dicts.n, NULL, NULL, 0, 0};
    sr_pipeline *pl;
    if (sr_pipeline_new(&po, stderr, &pl, &err)) {
        fputs("sitrep: ", stderr);
        sr_error_print(&err, stderr);
        status = EXIT_BADINPUT;
        goto done;
    }
    vstate v;
    memset(&v, 0, sizeof v);
    v.file = file;
    v.verbose = verbose;
    v.pl = pl;
    if (!(v.st = sr_stream_state_new(pl)) || !(v.arena = sr_arena_new()))
        cli_oom();
    sr_error lerr;
    if (xml && cli_xml_load(&lerr)) {
        fprintf(stderr, "sitrep: %s: %s\n", file, lerr.msg);
        v.status = EXIT_BADINPUT;
        v.rejected++;
    } else if (xml) {
        LIBXML_TEST_VERSION
        validate_petrarch(&v);
        xmlCleanupParser();
    } else {
        validate_tabari(&v);
    }
    status = v.status;
    if (!v.checked && !v.rejected) {
        fprintf(stderr, "sitrep: %s: no record with expected events\n", file);
        status = EXIT_BADINPUT;
    }
    sr_buf *b = &v.out;
    sr_buf_printf(b, "validate: %zu/%zu records as expected (%.1f%%)", v.passed, v.checked,
                  v.checked ? 100.0 * (double)v.passed / (double)v.checked : 0.0);
    const char *sep = "; ";
    if (v.settings) {
        sr_buf_printf(b, "%s%zu option record%s", sep, v.settings, v.settings == 1 ? "" : "s");
        sep = ", ";
    }
    if (v.nocomment) {
        sr_buf_printf(b, "%s%zu without a comment block", sep, v.nocomment);
        sep = ", ";
    }
    if (v.invalid || v.parse_errors) {
        sr_buf_printf(b, "%sskipped %zu valid=\"false\" and %zu about parse trees", sep, v.invalid,
                      v.parse_errors);
        sep = ", ";
    }
    if (v.rejected)
        sr_buf_printf(b, "%s%zu rejected (see errors)", sep, v.rejected);
    sr_buf_putc(b, '\n');
    if (!b->data)
        cli_oom();
    flush_out(&v);
    if (fflush(stdout)) {
        fprintf(stderr, "sitrep: cannot write output: %s\n", strerror(errno));
        status = EXIT_BADINPUT;
    }
    sr_buf_free(&v.out);
    sr_arena_free(v.arena);
    sr_stream_state_free(v.st);
    sr_pipeline_free(pl);
done:
    free(from);
    vd_sl_free(&dicts);
    return status;
}
