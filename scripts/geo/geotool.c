/* geotool - the geoparser on its own, until the pipeline wires it in.
 *
 *   geotool code FILE...      one JSON object per document, as `sitrep code`
 *                             would print it: "places", plus one stand-in
 *                             event whose "location" is where the lead
 *                             sentence locates it (so score.py geo and fakes
 *                             can run with --bin build/geo/geotool)
 *   geotool lookup NAME...    the gazetteer entries a name reaches
 *   geotool key NAME...       the matching key of each name
 *   geotool stats             sizes, and the time to open the file
 *   geotool verify            checks every byte against the build's checksum
 *   geotool bench FILE        load time and documents per second
 *
 * The gazetteer is $SITREP_GAZETTEER or build/gazetteer.bin.  Environment:
 * GEO_DEMONYMS=1 lists demonyms among places, GEO_ORGNAMES=1 place names
 * inside organisation names ("Toronto Police"), GEO_LOC=focus locates the
 * stand-in event at the document focus instead of the lead sentence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "geo/geo_int.h"
#include "geo/sr_geo.h"
#include "input/sr_input.h"
#include "text/sr_text.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static sr_geo *open_gaz(double *ms)
{
    const char *path = getenv(SR_GEO_ENV);
    if (!path || !*path)
        path = SR_GEO_DEFAULT_PATH;
    sr_geo *g;
    sr_error err;
    sr_error_clear(&err);
    double t0 = now();
    if (sr_geo_open(path, &g, &err)) {
        fprintf(stderr, "geotool: %s: %s\n", path, err.msg);
        exit(1);
    }
    if (ms)
        *ms = (now() - t0) * 1e3;
    return g;
}

static void print_entry(const sr_geo *g, const gz_post *p)
{
    const gz_rec *r = geo_rec(g, p->rec);
    if (!r)
        return;
    const gz_adm *a = r->adm != GZ_NONE ? geo_adm(g, r->adm) : NULL;
    printf("  %-28s %c.%-6s %.2s %-22s pop %-9u %8.4f %9.4f id %s%u kind %d\n", geo_str(g, r->name),
           r->fclass, r->fcode, r->cc, a ? geo_str(g, a->name) : "-", r->pop, r->lat / 1e5,
           r->lon / 1e5, (r->flags & GZ_SUPP) ? "S" : "", r->id, p->kind);
}

/* The stand-in primary event's location: the lead sentence's most specific
 * place (the first sentence naming one), else the document focus. */
static const sr_geo_place *lead_location(const sr_geo_doc *d, const sr_text *t)
{
    if (getenv("GEO_LOC") && !strcmp(getenv("GEO_LOC"), "focus"))
        return sr_geo_doc_focus(d);
    size_t ns;
    const sr_sentence *s = sr_text_sentences(t, &ns);
    for (size_t i = 0; i < ns; i++) {
        const sr_geo_place *p = sr_geo_doc_locate(d, s[i].start, s[i].end);
        if (p && !(p->flags & SR_GEO_F_DATELINE))
            return sr_geo_doc_event_location(d, 0, 0, s[i].start, s[i].end);
    }
    return sr_geo_doc_focus(d);
}

static int code(int argc, char **argv)
{
    sr_geo *g = open_gaz(NULL);
    sr_geo_opts o = {0, 0};
    if (getenv("GEO_DEMONYMS") && *getenv("GEO_DEMONYMS") == '1')
        o.flags |= SR_GEO_WITH_DEMONYMS;
    if (getenv("GEO_ORGNAMES") && *getenv("GEO_ORGNAMES") == '1')
        o.flags |= SR_GEO_WITH_ORGNAMES;
    sr_arena *a = sr_arena_new();
    sr_buf out = SR_BUF_INIT;
    int status = 0;
    for (int i = 0; i < argc; i++) {
        sr_reader *r;
        sr_error err;
        sr_error_clear(&err);
        if (sr_input_open(argv[i], SR_FMT_AUTO, &r, &err)) {
            sr_error_print(&err, stderr);
            status = 1;
            continue;
        }
        for (;;) {
            sr_doc doc;
            sr_arena_reset(a);
            int rc = sr_input_next(r, a, &doc, &err);
            if (rc == 0 || rc == SR_EIO || rc == SR_ENOMEM)
                break;
            if (rc < 0) {
                sr_error_print(&err, stderr);
                continue;
            }
            sr_text *t;
            sr_geo_doc *d;
            const char *title = doc.title_in_text ? NULL : doc.title;
            if (sr_text_analyze(a, doc.text, doc.text_len, title, doc.title_len, &t, &err) ||
                sr_geo_find(g, a, doc.text, doc.text_len, t, &o, &d, &err)) {
                sr_error_print(&err, stderr);
                continue;
            }
            if (getenv("GEO_DEBUG")) {
                for (size_t k = 0; k < d->nm; k++) {
                    const gment *m = &d->m[k];
                    const gz_rec *rr = m->best >= 0 ? geo_rec(g, m->c[m->best].rec) : NULL;
                    fprintf(stderr, "  [%.*s] role %d cue %#x cont %d common %d person %d nc %u conf %.2f "
                            "-> %s %.2s %s score %.2f prior %.2f\n", (int)(m->end - m->start),
                            doc.text + m->start, m->role, m->cue, m->container, m->single_common,
                            m->person_like, m->nc, m->conf, rr ? geo_str(g, rr->name) : "-",
                            rr ? rr->cc : "--", rr ? rr->fcode : "", rr ? m->c[m->best].score : 0,
                            rr ? m->c[m->best].prior : 0);
                }
            }
            sr_buf_clear(&out);
            sr_buf_puts(&out, "{\"id\":");
            sr_json_str(&out, doc.id, strlen(doc.id));
            size_t np;
            const sr_geo_place *p = sr_geo_doc_places(d, &np);
            sr_buf_puts(&out, ",\"places\":[");
            for (size_t k = 0; k < np; k++) {
                if (k)
                    sr_buf_putc(&out, ',');
                sr_geo_place_json(&p[k], &out);
            }
            const sr_geo_place *loc = lead_location(d, t);
            sr_buf_puts(&out, "],\"events\":[{\"location\":");
            sr_geo_location_json(loc, &out);
            sr_buf_puts(&out, "}],\"primary\":0,\"focus\":");
            sr_geo_location_json(sr_geo_doc_focus(d), &out);
            const char *fc = sr_geo_doc_focus_country(d);
            sr_buf_puts(&out, ",\"focus_country\":");
            if (fc)
                sr_json_str(&out, fc, strlen(fc));
            else
                sr_buf_puts(&out, "null");
            sr_buf_puts(&out, "}\n");
            fwrite(out.data, 1, out.len, stdout);
        }
        sr_input_close(r);
    }
    sr_buf_free(&out);
    sr_arena_free(a);
    sr_geo_close(g);
    return status;
}

static int bench(const char *file)
{
    double ms;
    sr_geo *g = open_gaz(&ms);
    sr_geo_close(g);
    double best = 1e9;
    for (int i = 0; i < 5; i++) {
        g = open_gaz(&ms);
        if (ms < best)
            best = ms;
        sr_geo_close(g);
    }
    printf("load: %.2f ms (best of 5, file in page cache)\n", best);
    g = open_gaz(NULL);
    sr_reader *r;
    sr_error err;
    if (sr_input_open(file, SR_FMT_AUTO, &r, &err)) {
        sr_error_print(&err, stderr);
        return 1;
    }
    sr_arena *a = sr_arena_new();
    double ttext = 0, tgeo = 0;
    size_t ndocs = 0, nplaces = 0;
    for (;;) {
        sr_doc doc;
        sr_arena_reset(a);
        int rc = sr_input_next(r, a, &doc, &err);
        if (rc == 0 || rc == SR_EIO || rc == SR_ENOMEM)
            break;
        if (rc < 0)
            continue;
        sr_text *t;
        sr_geo_doc *d;
        double t0 = now();
        if (sr_text_analyze(a, doc.text, doc.text_len, NULL, 0, &t, &err))
            continue;
        double t1 = now();
        if (sr_geo_find(g, a, doc.text, doc.text_len, t, NULL, &d, &err))
            continue;
        double t2 = now();
        ttext += t1 - t0;
        tgeo += t2 - t1;
        size_t np;
        sr_geo_doc_places(d, &np);
        nplaces += np;
        ndocs++;
    }
    printf("%zu documents, %zu places: text stage %.1f ms, geoparsing %.1f ms (%.0f docs/s)\n",
           ndocs, nplaces, ttext * 1e3, tgeo * 1e3, ndocs / (tgeo > 0 ? tgeo : 1));
    sr_arena_free(a);
    sr_input_close(r);
    sr_geo_close(g);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: geotool code FILE... | lookup NAME... | key NAME... | stats | verify | bench FILE\n",
              stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "code"))
        return code(argc - 2, argv + 2);
    if (!strcmp(cmd, "bench") && argc == 3)
        return bench(argv[2]);
    if (!strcmp(cmd, "key")) {
        for (int i = 2; i < argc; i++) {
            char k[GEO_KEY_MAX];
            sr_geo_key(argv[i], strlen(argv[i]), k, sizeof k);
            printf("%s\t%s\n", argv[i], k);
        }
        return 0;
    }
    double ms;
    sr_geo *g = open_gaz(&ms);
    if (!strcmp(cmd, "stats")) {
        sr_geo_stats st;
        sr_geo_stats_get(g, &st);
        printf("records %zu (supplement %zu), admin1 %zu, keys %zu, names %zu, words %zu, "
               "%.1f MB, opened in %.2f ms\n", st.records, st.supplement, st.admin1, st.keys,
               st.names, st.words, st.bytes / 1e6, ms);
    } else if (!strcmp(cmd, "verify")) {
        sr_error err;
        sr_error_clear(&err);
        double t0 = now();
        int rc = sr_geo_verify(g, &err);
        printf("%s (%.1f ms)\n", rc ? err.msg : "every byte as built", (now() - t0) * 1e3);
        sr_geo_close(g);
        return rc ? 1 : 0;
    } else if (!strcmp(cmd, "lookup")) {
        for (int i = 2; i < argc; i++) {
            char k[GEO_KEY_MAX];
            size_t kl = sr_geo_key(argv[i], strlen(argv[i]), k, sizeof k), n;
            const gz_post *p = geo_lookup(g, k, kl, &n);
            printf("%s (key \"%s\"): %zu\n", argv[i], k, n);
            for (size_t j = 0; j < n && j < 40; j++)
                print_entry(g, &p[j]);
        }
    } else {
        sr_geo_close(g);
        return 2;
    }
    sr_geo_close(g);
    return 0;
}
