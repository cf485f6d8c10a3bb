/* GDELT-style counts: one GDELT Global Knowledge Graph 2.1 record per
 * document, all 27 GKG columns in GKG order, with what sitrep has filled
 * in (record id, date, source, document identifier, Counts, V2Counts,
 * Locations, V2Locations) and the rest empty. */
#include <stdlib.h>
#include <string.h>

#include "store_gdelt.h"
#include "store_int.h"

static const char *const gkg_cols[] = {
    "GKGRECORDID",     "DATE",          "SourceCollectionIdentifier", "SourceCommonName",
    "DocumentIdentifier", "Counts",     "V2Counts",      "Themes",    "V2Themes",
    "Locations",       "V2Locations",   "Persons",       "V2Persons", "Organizations",
    "V2Organizations", "V2Tone",        "Dates",         "GCAM",      "SharingImage",
    "RelatedImages",   "SocialImageEmbeds", "SocialVideoEmbeds", "Quotations", "AllNames",
    "Amounts",         "TranslationInfo", "Extras"};

typedef struct gkg_item {
    const char *type, *people;   /* counts; type NULL for a location */
    long number;
    gdelt_place p;
    size_t offset;               /* characters from the start of the text */
} gkg_item;

typedef struct gkg_doc {
    int64_t id, added;
    const char *doc_id, *url, *source, *date, *body;
} gkg_doc;

/* Inside a GKG block, '#' separates fields, ';' blocks and ',' some
 * sub-fields: none may appear in a value. */
static int gkg_str(sr_buf *b, const char *s)
{
    for (; s && *s; s++)
        if (sr_buf_putc(b, strchr("#;\t\r\n", *s) ? ' ' : *s))
            return -1;
    return 0;
}

/* Type#FullName#CountryCode#ADM1Code[#ADM2Code]#Lat#Long#FeatureID */
static int gkg_loc(sr_buf *b, const gdelt_place *p, int v2)
{
    gdelt_loc l;
    gdelt_loc_make(p, &l);
    int rc = sr_buf_printf(b, "%d#", l.type) | gkg_str(b, l.fullname);
    rc |= sr_buf_printf(b, "#%s#%s#", l.fips, l.adm1);
    if (v2)
        rc |= sr_buf_putc(b, '#');
    if (p->has_coords && l.type)
        rc |= sr_buf_printf(b, "%.4f#%.4f#", p->lat, p->lon);
    else
        rc |= sr_buf_puts(b, "##");
    return rc | sr_buf_puts(b, l.feature);
}

static size_t char_offset(const char *body, size_t byte)
{
    size_t n = 0, len = body ? strlen(body) : 0;
    for (size_t i = 0; i < byte && i < len; i++)
        n += ((unsigned char)body[i] & 0xc0) != 0x80;
    return n;
}

static const char *adup(sr_arena *a, db_stmt *q, int i)
{
    const char *t = db_column_text(q, i);
    return t ? sr_arena_strndup(a, t, strlen(t)) : NULL;
}

static void read_place(db_stmt *q, int k, sr_arena *a, gdelt_place *p)
{
    p->name = adup(a, q, k);
    p->admin1 = adup(a, q, k + 1);
    p->country = adup(a, q, k + 2);
    p->cc = adup(a, q, k + 3);
    p->adm1_code = adup(a, q, k + 4);
    p->level = (int)db_column_int(q, k + 5);
    p->has_coords = !db_column_null(q, k + 6);
    p->lat = db_column_double(q, k + 6);
    p->lon = db_column_double(q, k + 7);
    p->geonameid = (uint32_t)db_column_int(q, k + 8);
}

/* The counts (places = 0) or places of one document, in text order. */
static int read_items(sr_store *s, db_stmt **q, int places, const gkg_doc *d, sr_arena *a,
                      sr_vec *out, sr_error *err)
{
    static const char *const sql[2] = {
        "SELECT type, people, number, span_start, place, admin1, country, cc, adm1_code, "
        "geo_level, lat, lon, geonameid FROM sr_counts WHERE doc = ? ORDER BY span_start, id",
        "SELECT NULL, NULL, 0, span_start, name, admin1, country, cc, adm1_code, geo_level, "
        "lat, lon, geonameid FROM sr_places WHERE doc = ? ORDER BY span_start, id"};
    if (!*q && db_prepare(s->d, sql[places], q, err))
        return SR_EIO;
    db_reset(*q);
    db_bind_int(*q, 1, d->id);
    int rc;
    while ((rc = db_step(*q, err)) == 1) {
        gkg_item *it = sr_vec_push(out, a, sizeof *it);
        if (!it)
            return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
        it->type = adup(a, *q, 0);
        it->people = adup(a, *q, 1);
        it->number = (long)db_column_int(*q, 2);
        it->offset = char_offset(d->body, (size_t)db_column_int(*q, 3));
        read_place(*q, 4, a, &it->p);
        if (!it->p.name)
            it->p.level = -1;
    }
    db_reset(*q);
    return rc < 0 ? rc : SR_OK;
}

static int gkg_line(sr_buf *b, const gkg_doc *d, const sr_vec *counts, const sr_vec *places)
{
    /* DATE is the publication date (GKG 2.1: YYYYMMDDHHMMSS); without one,
     * the time the document was stored. */
    int64_t date = d->added;
    if (d->date && store_day_parse(d->date) && strlen(d->date) == 10)
        date = (int64_t)store_day_parse(d->date) * 1000000;
    int web = d->url && *d->url;
    int rc = sr_buf_printf(b, "%lld-%lld\t%lld\t%d\t", (long long)d->added, (long long)d->id,
                           (long long)date, web ? 1 : 2);
    rc |= store_tsv_str(b, d->source) | sr_buf_putc(b, '\t');
    rc |= store_tsv_str(b, web ? d->url : d->doc_id) | sr_buf_putc(b, '\t');
    const gkg_item *c = counts->items, *p = places->items;
    for (int v2 = 0; v2 < 2; v2++) {
        for (size_t i = 0; i < counts->len; i++) {
            rc |= sr_buf_puts(b, i ? ";" : "") | gkg_str(b, c[i].type);
            rc |= sr_buf_printf(b, "#%ld#", c[i].number) | gkg_str(b, c[i].people);
            rc |= sr_buf_putc(b, '#') | gkg_loc(b, &c[i].p, 0);
            if (v2)
                rc |= sr_buf_printf(b, "#%zu", c[i].offset);
        }
        rc |= sr_buf_putc(b, '\t');
    }
    rc |= sr_buf_puts(b, "\t\t"); /* Themes, V2Themes */
    /* Locations: once per name; V2Locations: every mention, with offset. */
    size_t nv1 = 0;
    for (size_t i = 0; i < places->len; i++) {
        int dup = 0;
        for (size_t k = 0; k < i && !dup; k++)
            dup = !strcmp(p[k].p.name, p[i].p.name);
        if (!dup)
            rc |= sr_buf_puts(b, nv1++ ? ";" : "") | gkg_loc(b, &p[i].p, 0);
    }
    rc |= sr_buf_putc(b, '\t');
    for (size_t i = 0; i < places->len; i++)
        rc |= sr_buf_puts(b, i ? ";" : "") | gkg_loc(b, &p[i].p, 1) |
              sr_buf_printf(b, "#%zu", p[i].offset);
    /* Persons .. Extras: sitrep does not extract them. */
    for (int k = 11; k < 27; k++)
        rc |= sr_buf_putc(b, '\t');
    return rc | sr_buf_putc(b, '\n');
}

#define PAGE 200

int store_export_counts(sr_store *s, const sr_store_filter *f, unsigned flags, FILE *out,
                        sr_error *err)
{
    if (f && (f->actor || f->source || f->target || f->code || f->root || f->plover ||
              f->acled || f->admin1 || f->has_bbox || f->text))
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0,
                            "the counts export is filtered by date and country only");
    const char *from = f ? f->from : NULL, *to = f ? f->to : NULL;
    if ((from && !store_day_parse(from)) || (to && !store_day_parse(to)))
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "bad date in the filter");
    sr_buf sql = SR_BUF_INIT, b = SR_BUF_INIT;
    int rc = sr_buf_puts(&sql, "SELECT d.id, d.added, d.doc_id, d.url, d.source, d.date, d.body "
                               "FROM sr_documents d WHERE d.dup_of IS NULL AND d.id > ?");
    /* Publication dates are ISO text: they compare as strings. */
    if (from)
        rc |= sr_buf_puts(&sql, " AND d.date >= ?");
    if (to)
        rc |= sr_buf_puts(&sql, " AND d.date <= ?");
    if (f && f->country)
        rc |= sr_buf_puts(&sql, " AND EXISTS (SELECT 1 FROM sr_places p WHERE p.doc = d.id AND "
                                "p.cc = ?)");
    rc |= sr_buf_puts(&sql, " AND (EXISTS (SELECT 1 FROM sr_counts c WHERE c.doc = d.id) OR "
                            "EXISTS (SELECT 1 FROM sr_places p WHERE p.doc = d.id)) "
                            "ORDER BY d.id LIMIT ?");
    for (size_t i = 0; (flags & SR_STORE_EXPORT_HEADER) && i < 27; i++)
        rc |= sr_buf_puts(&b, gkg_cols[i]) | sr_buf_putc(&b, i < 26 ? '\t' : '\n');
    sr_arena *a = sr_arena_new(), *da = sr_arena_new();
    gkg_doc *docs = malloc(PAGE * sizeof *docs);
    db_stmt *q = NULL, *qc = NULL, *qp = NULL;
    int failed = 0;
    if (rc || !a || !da || !docs) {
        rc = SR_ENOMEM;
        goto out;
    }
    if ((rc = db_prepare(s->d, sql.data, &q, err)))
        goto out;
    int64_t last = 0;
    for (;;) {
        sr_arena_reset(a);
        db_reset(q);
        int k = 1;
        db_bind_int(q, k++, last);
        if (from)
            db_bind_text(q, k++, from);
        if (to) {
            /* A month or year "to" runs to its end (as text, "-31" is
             * after every day of any month). */
            char end[24];
            snprintf(end, sizeof end, "%.10s%s", to,
                     strlen(to) == 4 ? "-12-31" : strlen(to) == 7 ? "-31" : "");
            db_bind_text(q, k++, end);
        }
        if (f && f->country)
            db_bind_text(q, k++, f->country);
        db_bind_int(q, k, PAGE);
        size_t n = 0;
        while ((rc = db_step(q, err)) == 1) {
            gkg_doc *d = &docs[n++];
            d->id = db_column_int(q, 0);
            d->added = db_column_int(q, 1);
            d->doc_id = adup(a, q, 2);
            d->url = adup(a, q, 3);
            d->source = adup(a, q, 4);
            d->date = adup(a, q, 5);
            d->body = adup(a, q, 6);
        }
        db_reset(q);
        if (rc < 0)
            goto out;
        for (size_t i = 0; i < n && !rc; i++) {
            sr_vec counts = {0}, places = {0};
            sr_arena_reset(da);
            rc = read_items(s, &qc, 0, &docs[i], da, &counts, err);
            if (!rc)
                rc = read_items(s, &qp, 1, &docs[i], da, &places, err);
            if (!rc && gkg_line(&b, &docs[i], &counts, &places))
                rc = SR_ENOMEM;
            if (!rc && b.len > 65536) {
                failed |= fwrite(b.data, 1, b.len, out) != b.len;
                sr_buf_clear(&b);
            }
        }
        if (rc || n < PAGE)
            break;
        last = docs[n - 1].id;
    }
out:
    rc = store_export_end(&b, out, failed, rc, err);
    db_finalize(q);
    db_finalize(qc);
    db_finalize(qp);
    free(docs);
    sr_arena_free(a);
    sr_arena_free(da);
    sr_buf_free(&sql);
    sr_buf_free(&b);
    return rc;
}
