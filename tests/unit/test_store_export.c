/* The exports, column by column against their specs, on both databases:
 * the GDELT 2.0 event table (61 columns; names, order and types also
 * compared with GDELT's own header file in ../shared when it is there),
 * GKG-style counts (27 columns, Counts/V2Counts/Locations/V2Locations
 * blocks), PLOVER JSON (the keys of the PLOVER gold records) and CSV,
 * which is also loaded with pandas and R as an analyst loads it. */
#include <jansson.h>
#include <sys/wait.h>

#include "code/sr_code.h"
#include "store/store_gdelt.h"
#include "store_test_helpers.h"

#define GDELT_SPEC "../shared/reference/gdelt/gdelt-GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv"
#define GKG_SPEC "../shared/reference/gdelt/gdelt-gkg2-field-descriptions.csv"
#define PLOVER_GOLD "../shared/eval/data/plover/gsr.jsonl"

/* GDELT 2.0 event columns and their types (I integer, F float, S string),
 * from the GDELT 2.0 event codebook. */
static const struct {
    const char *name;
    char type;
} gdelt[61] = {
    {"GLOBALEVENTID", 'I'}, {"SQLDATE", 'I'}, {"MonthYear", 'I'}, {"Year", 'I'},
    {"FractionDate", 'F'}, {"Actor1Code", 'S'}, {"Actor1Name", 'S'},
    {"Actor1CountryCode", 'S'}, {"Actor1KnownGroupCode", 'S'}, {"Actor1EthnicCode", 'S'},
    {"Actor1Religion1Code", 'S'}, {"Actor1Religion2Code", 'S'}, {"Actor1Type1Code", 'S'},
    {"Actor1Type2Code", 'S'}, {"Actor1Type3Code", 'S'}, {"Actor2Code", 'S'},
    {"Actor2Name", 'S'}, {"Actor2CountryCode", 'S'}, {"Actor2KnownGroupCode", 'S'},
    {"Actor2EthnicCode", 'S'}, {"Actor2Religion1Code", 'S'}, {"Actor2Religion2Code", 'S'},
    {"Actor2Type1Code", 'S'}, {"Actor2Type2Code", 'S'}, {"Actor2Type3Code", 'S'},
    {"IsRootEvent", 'I'}, {"EventCode", 'S'}, {"EventBaseCode", 'S'}, {"EventRootCode", 'S'},
    {"QuadClass", 'I'}, {"GoldsteinScale", 'F'}, {"NumMentions", 'I'}, {"NumSources", 'I'},
    {"NumArticles", 'I'}, {"AvgTone", 'F'}, {"Actor1Geo_Type", 'I'},
    {"Actor1Geo_FullName", 'S'}, {"Actor1Geo_CountryCode", 'S'}, {"Actor1Geo_ADM1Code", 'S'},
    {"Actor1Geo_ADM2Code", 'S'}, {"Actor1Geo_Lat", 'F'}, {"Actor1Geo_Long", 'F'},
    {"Actor1Geo_FeatureID", 'S'}, {"Actor2Geo_Type", 'I'}, {"Actor2Geo_FullName", 'S'},
    {"Actor2Geo_CountryCode", 'S'}, {"Actor2Geo_ADM1Code", 'S'}, {"Actor2Geo_ADM2Code", 'S'},
    {"Actor2Geo_Lat", 'F'}, {"Actor2Geo_Long", 'F'}, {"Actor2Geo_FeatureID", 'S'},
    {"ActionGeo_Type", 'I'}, {"ActionGeo_FullName", 'S'}, {"ActionGeo_CountryCode", 'S'},
    {"ActionGeo_ADM1Code", 'S'}, {"ActionGeo_ADM2Code", 'S'}, {"ActionGeo_Lat", 'F'},
    {"ActionGeo_Long", 'F'}, {"ActionGeo_FeatureID", 'S'}, {"DATEADDED", 'I'},
    {"SOURCEURL", 'S'}};

static const char *const T1 =
    "Syrian government forces shelled the Barzeh district of Damascus on Sunday, killing at "
    "least twelve civilians, according to a monitoring group based in Britain. Residents "
    "said tanks had surrounded the neighbourhood since dawn.";
static const char *const T2 =
    "Iraqi troops and aircraft struck Islamic State positions west of Mosul on Thursday, the "
    "defence ministry said. Smoke rose over the old city as families fled toward camps in the "
    "east, aid workers said, adding that roads were crowded.";

/* Splits s at sep into at most max fields (in place); returns the count. */
static int split(char *s, char sep, char **f, int max)
{
    int n = 0;
    f[n++] = s;
    for (char *p = s; *p; p++)
        if (*p == sep) {
            *p = 0;
            if (n < max)
                f[n++] = p + 1;
            else
                return max + 1;
        }
    return n;
}

static int is_int(const char *s)
{
    if (*s == '-')
        s++;
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static int is_float(const char *s)
{
    char *end;
    strtod(s, &end);
    return *s && !*end;
}

static char *export(sr_store *s, int format, unsigned flags, const sr_store_filter *f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    sr_error e;
    sr_error_clear(&e);
    int rc = sr_store_export(s, format, f, flags, m, &e);
    fclose(m);
    if (rc) {
        fprintf(stderr, "export [%s]: %s\n", st_backend, e.msg);
        CHECK(0);
    }
    return buf;
}

/* Two documents: a Damascus shelling reported twice (two outlets), an
 * Iraqi strike on Islamic State in Mosul, and a country-level event. */
static sr_store *export_store(void)
{
    sr_store *s = st_open();
    if (!s)
        return NULL;
    sr_store_place barzeh = st_place("Barzeh", "Damascus", "SY", 33.553, 36.312, 5);
    barzeh.admin1_code = "SY.13";
    barzeh.geonameid = 170654;
    barzeh.country = "Syria";
    sr_store_place mosul = st_place("Mosul", "Nineveh", "IQ", 36.335, 43.119, 4);
    mosul.admin1_code = "IQ.15";
    mosul.geonameid = 99072;
    sr_store_place syria = st_place("Syria", NULL, "SY", 35.0, 38.5, 1);
    sr_store_event e1[2] = {st_event("SYRMIL", "SYRCVL", "194", "2012-07-15", barzeh),
                            st_event("USAGOV", "SYRGOV", "112", "2012-07-16", syria)};
    e1[0].source.text = "Syrian government forces, \"the army\"";
    e1[0].dead = 12;
    e1[1].sentence = 4;
    sr_store_event e2[1] = {st_event("IRQMIL", "IMGMUSISI", "195", "2016-10-20", mosul)};
    e2[0].source.text = "Iraqi troops";
    e2[0].target.text = "Islamic State";
    sr_store_event e3[1] = {st_event("SYRMIL", "SYRCVL", "194", "2012-07-16", barzeh)};
    sr_store_count c1[1];
    memset(c1, 0, sizeof c1);
    c1[0].type = "KILL";
    c1[0].number = 12;
    c1[0].people = "civilians";
    c1[0].start = 96;
    c1[0].end = 120;
    c1[0].part_of = -1;
    c1[0].location = barzeh;
    sr_store_place p1[2] = {barzeh, barzeh};
    p1[0].text = p1[1].text = "Barzeh";
    p1[0].start = 41;
    p1[1].start = 150;
    sr_store_doc d1 = st_doc("d1", T1, "Outlet One", "2012-07-16", e1, 2);
    d1.url = "https://example.org/news/1";
    d1.counts = c1;
    d1.ncounts = 1;
    d1.places = p1;
    d1.nplaces = 2;
    sr_store_doc d2 = st_doc("d2", T2, "Outlet Two", "2016-10-20", e2, 1);
    sr_store_doc d3 = st_doc("d3", "Activists said shelling hit Barzeh again on Monday morning, "
                                   "wounding several people near the main road out of town.",
                             "Outlet Two", "2012-07-16", e3, 1);
    sr_store_put_result r;
    if (st_put(s, &d1, &r) || st_put(s, &d2, &r) || st_put(s, &d3, &r)) {
        CHECK(0);
        sr_store_close(s);
        return NULL;
    }
    return s;
}

static void test_gdelt(void)
{
    sr_store *s = export_store();
    if (!s)
        return;
    char *out = export(s, SR_STORE_EXPORT_GDELT, SR_STORE_EXPORT_HEADER, NULL);
    if (!out) {
        sr_store_close(s);
        return;
    }
    char *lines[8];
    int n = split(out, '\n', lines, 8);
    CHECK_EQ_INT(n, 5); /* header, 3 events, "" after the last newline */
    CHECK_EQ_STR(lines[n - 1], "");
    char *f[64];
    CHECK_EQ_INT(split(lines[0], '\t', f, 64), 61);
    for (int i = 0; i < 61; i++)
        CHECK_EQ_STR(f[i], gdelt[i].name);
    /* Every row: 61 fields, each of its column's type. */
    for (int l = 1; l < n - 1; l++) {
        int nf = split(lines[l], '\t', f, 64);
        CHECK_EQ_INT(nf, 61);
        if (nf != 61)
            continue;
        for (int i = 0; i < 61; i++) {
            int ok = !*f[i] || gdelt[i].type == 'S' ||
                     (gdelt[i].type == 'I' ? is_int(f[i]) : is_float(f[i]));
            if (!ok)
                fprintf(stderr, "column %s: '%s' is not of type %c\n", gdelt[i].name, f[i],
                        gdelt[i].type);
            CHECK(ok);
        }
        if (l == 1) {
            /* The Barzeh shelling, reported by two outlets. */
            const sr_cameo_info *ci = sr_cameo_lookup("194");
            char gs[16];
            snprintf(gs, sizeof gs, "%.1f", ci->goldstein);
            const char *want[61] = {
                "1", "20120715", "201207", "2012", "2012.6164", "SYRMIL",
                "SYRIAN GOVERNMENT FORCES, \"THE ARMY\"", "SYR", "", "", "", "", "MIL", "", "",
                "SYRCVL", "CIVILIANS", "SYR", "", "", "", "", "CVL", "", "", "1", "194", "194",
                "19", "4", gs, "2", "2", "2", "", "0", "", "", "", "", "", "", "", "0", "", "",
                "", "", "", "", "", "4", "Barzeh, Damascus, Syria", "SY", "SY13", "",
                "33.5530", "36.3120", "170654", NULL, "https://example.org/news/1"};
            for (int i = 0; i < 61; i++)
                if (want[i])
                    CHECK_EQ_STR(f[i], want[i]);
            CHECK(strlen(f[59]) == 14 && !strncmp(f[59], "20", 2));
            CHECK_EQ_INT(ci->quadclass, 4);
        } else if (l == 2) {
            /* A country-level place; an actor code with no type. */
            CHECK_EQ_STR(f[5], "USAGOV");
            CHECK_EQ_STR(f[7], "USA");
            CHECK_EQ_STR(f[12], "GOV");
            CHECK_EQ_STR(f[25], "0"); /* sentence 4: not the lead */
            CHECK_EQ_STR(f[27], "112");
            CHECK_EQ_STR(f[28], "11");
            CHECK_EQ_STR(f[51], "1");
            CHECK_EQ_STR(f[52], "Syria");
            CHECK_EQ_STR(f[53], "SY");
            CHECK_EQ_STR(f[54], "SY");
            CHECK_EQ_STR(f[58], "SY");
            CHECK_EQ_STR(f[60], "https://example.org/news/1");
        } else {
            /* Iraq is IZ in FIPS; IMGMUSISI is an armed group (type IMG),
             * Muslim, known as ISI; a level-three code's base. */
            CHECK_EQ_STR(f[15], "IMGMUSISI");
            CHECK_EQ_STR(f[17], "");
            CHECK_EQ_STR(f[18], "ISI");
            CHECK_EQ_STR(f[20], "MUS");
            CHECK_EQ_STR(f[22], "IMG");
            CHECK_EQ_STR(f[53], "IZ");
            CHECK_EQ_STR(f[54], "IZ15");
            CHECK_EQ_STR(f[52], "Mosul, Nineveh, Iraq");
            CHECK_EQ_STR(f[60], "d2"); /* no URL: the document id as citation */
            CHECK_EQ_STR(f[4], "2016.8767");
        }
    }
    free(out);
    /* Without the header flag, rows only. */
    out = export(s, SR_STORE_EXPORT_GDELT, 0, NULL);
    CHECK(out && !strncmp(out, "1\t20120715\t", 11));
    free(out);
    sr_store_close(s);
}

/* A people's code (data/dict/actors-peoples.txt) is no country: "KUR"
 * alone is the Kurds with no country known, in GDELT's ethnic column, and
 * religions go to its religion columns. */
static void test_gdelt_peoples(void)
{
    gdelt_actor a;
    gdelt_actor_split("KUR", &a);
    CHECK_EQ_STR(a.country, "");
    CHECK_EQ_STR(a.ethnic, "KUR");
    gdelt_actor_split("SYRKURREB", &a);
    CHECK_EQ_STR(a.country, "SYR");
    CHECK_EQ_STR(a.ethnic, "KUR");
    CHECK_EQ_STR(a.type[0], "REB");
    CHECK_EQ_STR(a.group, "");
    gdelt_actor_split("MOSSUN", &a);
    CHECK_EQ_STR(a.country, "");
    CHECK_EQ_STR(a.religion[0], "MOS");
    CHECK_EQ_STR(a.religion[1], "SUN");
    gdelt_actor_split("IRQCHRCPT", &a);
    CHECK_EQ_STR(a.country, "IRQ");
    CHECK_EQ_STR(a.religion[0], "CHR");
    CHECK_EQ_STR(a.religion[1], "CPT");
    gdelt_actor_split("REL", &a);
    CHECK_EQ_STR(a.country, "");
    CHECK_EQ_STR(a.type[0], "REL");
    gdelt_actor_split("SYRMIL", &a);
    CHECK_EQ_STR(a.country, "SYR");
    CHECK_EQ_STR(a.ethnic, "");
}

/* GDELT's own header file, when ../shared is there: the same names, in
 * the same order, of the same types. */
static void test_gdelt_spec(void)
{
    FILE *fp = fopen(GDELT_SPEC, "r");
    if (!fp) {
        printf("test_store_export: %s absent; the column list is checked against the test's own\n",
               GDELT_SPEC);
        return;
    }
    char line[8192];
    int i = -1;
    while (fgets(line, sizeof line, fp)) {
        if (i >= 0 && i < 61) {
            char *c1 = strchr(line, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
            if (!c1 || !c2) {
                CHECK(0);
                break;
            }
            *c1 = *c2 = 0;
            CHECK_EQ_STR(line, gdelt[i].name);
            CHECK_EQ_INT(c1[1], gdelt[i].type);
        }
        i++;
    }
    fclose(fp);
    CHECK_EQ_INT(i, 61);
}

static void test_counts_gkg(void)
{
    sr_store *s = export_store();
    if (!s)
        return;
    char *out = export(s, SR_STORE_EXPORT_COUNTS, SR_STORE_EXPORT_HEADER, NULL);
    if (!out) {
        sr_store_close(s);
        return;
    }
    char *lines[8], *f[32], *b[16];
    int n = split(out, '\n', lines, 8);
    CHECK_EQ_INT(n, 3); /* header and d1 (the only document with counts or places) */
    CHECK_EQ_INT(split(lines[0], '\t', f, 32), 27);
    /* The GKG field list, when ../shared has it. */
    FILE *fp = fopen(GKG_SPEC, "r");
    if (fp) {
        char l[65536];
        int k = 0;
        while (fgets(l, sizeof l, fp)) {
            /* A field starts a line: "Name,STRING|INTEGER,..." */
            size_t w = strspn(l, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
            if (!w || l[w] != ',' || (strncmp(l + w, ",STRING,", 8) && strncmp(l + w, ",INTEGER,", 9)))
                continue;
            l[w] = 0;
            if (k < 27)
                CHECK_EQ_STR(f[k], l);
            k++;
        }
        fclose(fp);
        CHECK_EQ_INT(k, 27);
    } else {
        printf("test_store_export: %s absent; GKG columns checked by count only\n", GKG_SPEC);
    }
    CHECK_EQ_INT(split(lines[1], '\t', f, 32), 27);
    CHECK(strchr(f[0], '-') && is_int(strchr(f[0], '-') + 1)); /* YYYYMMDDHHMMSS-N */
    CHECK_EQ_STR(f[1], "20120716000000");
    CHECK_EQ_STR(f[2], "1"); /* WEB: a URL */
    CHECK_EQ_STR(f[3], "Outlet One");
    CHECK_EQ_STR(f[4], "https://example.org/news/1");
    /* Counts: CountType#Count#ObjectType#LocType#FullName#Country#ADM1#Lat#Long#FeatureID */
    CHECK_EQ_INT(split(f[5], '#', b, 16), 10);
    CHECK_EQ_STR(b[0], "KILL");
    CHECK_EQ_STR(b[1], "12");
    CHECK_EQ_STR(b[2], "civilians");
    CHECK_EQ_STR(b[3], "4");
    CHECK_EQ_STR(b[5], "SY");
    CHECK_EQ_STR(b[6], "SY13");
    CHECK_EQ_STR(b[9], "170654");
    /* V2Counts adds the character offset. */
    CHECK_EQ_INT(split(f[6], '#', b, 16), 11);
    CHECK_EQ_STR(b[10], "96");
    /* Locations once per name (7 fields); V2Locations every mention, with
     * ADM2 and offset (9 fields). */
    CHECK(strchr(f[9], ';') == NULL);
    CHECK_EQ_INT(split(f[9], '#', b, 16), 7);
    CHECK_EQ_STR(b[1], "Barzeh, Damascus, Syria");
    char *locs[4];
    CHECK_EQ_INT(split(f[10], ';', locs, 4), 2);
    CHECK_EQ_INT(split(locs[1], '#', b, 16), 9);
    CHECK_EQ_STR(b[8], "150");
    for (int i = 11; i < 27; i++)
        CHECK_EQ_STR(f[i], "");
    free(out);
    sr_store_filter flt;
    memset(&flt, 0, sizeof flt);
    flt.from = "2013-01-01";
    out = export(s, SR_STORE_EXPORT_COUNTS, 0, &flt);
    CHECK(out && !*out);
    free(out);
    sr_error e;
    flt.actor = "SYR";
    FILE *null = fopen("/dev/null", "w");
    CHECK_EQ_INT(sr_store_export(s, SR_STORE_EXPORT_COUNTS, &flt, 0, null, &e), SR_EINVAL);
    fclose(null);
    sr_store_close(s);
}

static void test_plover(void)
{
    sr_store *s = export_store();
    if (!s)
        return;
    char *out = export(s, SR_STORE_EXPORT_PLOVER, 0, NULL);
    if (!out) {
        sr_store_close(s);
        return;
    }
    /* The keys of the PLOVER gold records that sitrep can fill. */
    const char *keys[] = {"id", "date", "source", "target", "event", "eventText", "context",
                          "text", "language", "version", "coder"};
    json_t *gold = NULL;
    FILE *gp = fopen(PLOVER_GOLD, "r");
    if (gp) {
        gold = json_loadf(gp, JSON_DISABLE_EOF_CHECK, NULL);
        fclose(gp);
    }
    char *lines[8];
    int n = split(out, '\n', lines, 8);
    CHECK_EQ_INT(n, 4);
    for (int l = 0; l < n - 1; l++) {
        json_error_t je;
        json_t *o = json_loads(lines[l], 0, &je);
        CHECK(json_is_object(o));
        if (!o)
            continue;
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
            CHECK(json_object_get(o, keys[k]) != NULL);
        /* Every gold key sitrep fills is there, of the gold record's type. */
        const char *gk;
        json_t *gv;
        json_object_foreach(gold, gk, gv)
        {
            json_t *v = json_object_get(o, gk);
            if (v && !json_is_null(v) && !json_is_null(gv))
                CHECK_EQ_INT(json_typeof(v), json_typeof(gv));
        }
        CHECK(json_is_array(json_object_get(o, "source")));
        json_t *src = json_array_get(json_object_get(o, "source"), 0);
        CHECK(json_is_string(json_object_get(src, "actorText")));
        CHECK(json_is_string(json_object_get(src, "code")));
        if (l == 0) {
            CHECK_EQ_STR(json_string_value(json_object_get(o, "event")), "FIGHT");
            CHECK_EQ_STR(json_string_value(json_object_get(o, "date")), "2012-07-15");
            CHECK_EQ_STR(json_string_value(json_object_get(o, "text")), "Syrian government fo");
            CHECK_EQ_STR(json_string_value(json_object_get(o, "eventText")), "shelled");
            json_t *loc = json_object_get(o, "location");
            CHECK_EQ_STR(json_string_value(json_object_get(loc, "placeName")), "Barzeh");
            CHECK_EQ_INT(json_integer_value(json_object_get(loc, "geonameID")), 170654);
            CHECK_EQ_INT(json_integer_value(json_object_get(o, "numSources")), 2);
            CHECK_EQ_STR(json_string_value(json_object_get(src, "sector")), "MIL");
        }
        json_decref(o);
    }
    json_decref(gold);
    free(out);
    sr_store_close(s);
}

/* An RFC 4180 reader, as R's read.csv and pandas read them. */
static int csv_fields(const char *line, char f[][128], int max)
{
    int n = 0;
    const char *p = line;
    for (;;) {
        char *o = f[n];
        size_t k = 0;
        if (*p == '"') {
            for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
                if (*p == '"')
                    p++;
                if (k < 127)
                    o[k++] = *p;
            }
            if (*p == '"')
                p++;
        } else {
            for (; *p && *p != ','; p++)
                if (k < 127)
                    o[k++] = *p;
        }
        o[k] = 0;
        n++;
        if (*p != ',' || n == max)
            return n;
        p++;
    }
}

static void test_csv(void)
{
    sr_store *s = export_store();
    if (!s)
        return;
    char *out = export(s, SR_STORE_EXPORT_CSV, 0, NULL);
    if (!out) {
        sr_store_close(s);
        return;
    }
    char *lines[8];
    int n = split(out, '\n', lines, 8);
    CHECK_EQ_INT(n, 5);
    static char head[64][128], row[64][128];
    int nh = csv_fields(lines[0], head, 64);
    CHECK(nh >= 30);
    for (int l = 1; l < n - 1; l++)
        CHECK_EQ_INT(csv_fields(lines[l], row, 64), nh);
    csv_fields(lines[1], row, 64);
    for (int i = 0; i < nh; i++) {
        const char *h = head[i], *v = row[i];
        if (!strcmp(h, "date"))
            CHECK_EQ_STR(v, "2012-07-15");
        else if (!strcmp(h, "source_name"))
            CHECK_EQ_STR(v, "Syrian government forces, \"the army\"");
        else if (!strcmp(h, "negated") || !strcmp(h, "is_root"))
            CHECK(!strcmp(v, "TRUE") || !strcmp(v, "FALSE"));
        else if (!strcmp(h, "dead"))
            CHECK_EQ_STR(v, "12");
        else if (!strcmp(h, "injured"))
            CHECK_EQ_STR(v, ""); /* NA */
        else if (!strcmp(h, "lat"))
            CHECK(is_float(v));
        else if (!strcmp(h, "added"))
            CHECK(strlen(v) == 20 && v[10] == 'T' && v[19] == 'Z');
    }
    free(out);
    sr_store_close(s);
}

/* ---- the CSV in pandas and R ------------------------------------------------ */

/* Each loader prints "rows N", "col NAME numeric|logical|text" for every
 * column as read with no options, "dates NAME BAD TOTAL" for the date
 * columns parsed as dates, and "codes ..." the event codes as read with
 * the options the README gives for them (kept as text). */
static const char py_load[] =
    "import sys\n"
    "import pandas as pd\n"
    "d = pd.read_csv(sys.argv[1])\n"
    "print('rows', len(d))\n"
    "for c in d.columns:\n"
    "    k = d[c].dtype.kind\n"
    "    print('col', c, 'numeric' if k in 'iuf' else 'logical' if k == 'b' else 'text')\n"
    "for c, f in (('date', '%Y-%m-%d'), ('published', '%Y-%m-%d'), ('added', '%Y-%m-%dT%H:%M:%SZ')):\n"
    "    v = d[c].dropna()\n"
    "    print('dates', c, int(pd.to_datetime(v, format=f, errors='coerce').isna().sum()), len(v))\n"
    "k = pd.read_csv(sys.argv[1], dtype={'code': str, 'base_code': str, 'root_code': str})\n"
    "print('codes', ' '.join(k['code']))\n";

static const char r_load[] =
    "a <- commandArgs(TRUE)\n"
    "d <- read.csv(a[1])\n"
    "cat('rows', nrow(d), '\\n')\n"
    "for (c in names(d)) cat('col', c, if (is.numeric(d[[c]])) 'numeric' else if "
    "(is.logical(d[[c]])) 'logical' else 'text', '\\n')\n"
    "for (c in c('date', 'published')) { v <- d[[c]][!is.na(d[[c]]) & d[[c]] != '']; "
    "cat('dates', c, sum(is.na(as.Date(v, '%Y-%m-%d'))), length(v), '\\n') }\n"
    "v <- d$added; cat('dates added', sum(is.na(as.POSIXct(v, format = '%Y-%m-%dT%H:%M:%SZ', "
    "tz = 'UTC'))), length(v), '\\n')\n"
    "k <- read.csv(a[1], colClasses = c(code = 'character', base_code = 'character', "
    "root_code = 'character'))\n"
    "cat('codes', k$code, '\\n')\n";

/* The columns of the CSV export as the README lists them, and their kind
 * as R and pandas must read them (N numeric, L logical, T text, D text
 * holding dates, C an event code: a number unless read as the README
 * says). */
static const struct {
    const char *name;
    char kind;
} csv_spec[] = {
    {"id", 'N'}, {"date", 'D'}, {"date_precision", 'T'}, {"source_code", 'T'},
    {"source_name", 'T'}, {"source_country", 'T'}, {"target_code", 'T'}, {"target_name", 'T'},
    {"target_country", 'T'}, {"code", 'C'}, {"base_code", 'C'}, {"root_code", 'C'},
    {"event_name", 'T'}, {"quadclass", 'N'}, {"goldstein", 'N'}, {"plover", 'T'},
    {"plover_mode", 'T'}, {"acled", 'T'}, {"mode", 'T'}, {"negated", 'L'}, {"dead", 'N'},
    {"injured", 'N'}, {"place", 'T'}, {"admin1", 'T'}, {"country_code", 'T'}, {"country", 'T'},
    {"lat", 'N'}, {"lon", 'N'}, {"geonameid", 'N'}, {"is_root", 'L'}, {"num_mentions", 'N'},
    {"num_sources", 'N'}, {"num_articles", 'N'}, {"doc_id", 'T'}, {"url", 'T'},
    {"outlet", 'T'}, {"published", 'D'}, {"added", 'D'}, {"dead_net", 'N'}, {"injured_net", 'N'}};

/* Runs a loader on the CSV; its standard output into out.  The exit
 * status, or -1. */
static int load_csv(const char *prog, const char *script, const char *csv, char *out, size_t cap)
{
    char path[600], cmd[1600];
    snprintf(path, sizeof path, "%s/load.script", st_dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(script, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s %s %s 2>&1", prog, path, csv);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = 0;
    int st = pclose(p);
    unlink(path);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* What one loader made of the CSV against the spec; rows expected. */
static void check_loaded(const char *who, const char *out, int rows)
{
    int got_rows = -1, ncols = 0, bad = 0;
    char line[512];
    for (const char *p = out; *p;) {
        size_t n = strcspn(p, "\n");
        snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), p);
        p += n + (p[n] == '\n');
        char a[64], b[64];
        int x, y;
        if (sscanf(line, "rows %d", &got_rows) == 1)
            continue;
        if (sscanf(line, "col %63s %63s", a, b) == 2) {
            int k = ncols < (int)(sizeof csv_spec / sizeof csv_spec[0]) ? csv_spec[ncols].kind : 0;
            const char *want = k == 'N' ? "numeric" : k == 'L' ? "logical" : k == 'C' ? NULL : "text";
            if (!k || strcmp(a, csv_spec[ncols].name) || (want && strcmp(b, want))) {
                fprintf(stderr, "FAIL %s [%s] %s: column %d read as %s %s, expected %s %s\n",
                        h_test, st_backend, who, ncols + 1, a, b, k ? csv_spec[ncols].name : "none",
                        want ? want : "");
                bad++;
            }
            ncols++;
        } else if (sscanf(line, "dates %63s %d %d", a, &x, &y) == 3) {
            CHECK_EQ_INT(x, 0);
            CHECK(y > 0);
        } else if (!strncmp(line, "codes ", 6)) {
            CHECK(strstr(line, "043") != NULL);
        }
    }
    CHECK_EQ_INT(got_rows, rows);
    CHECK_EQ_INT(ncols, (int)(sizeof csv_spec / sizeof csv_spec[0]));
    CHECK_EQ_INT(bad, 0);
    if (got_rows != rows || bad)
        fprintf(stderr, "%s said:\n%s\n", who, out);
}

/* The export loads with pandas.read_csv and R's read.csv as they are:
 * every row, the columns by name, numbers as numbers, TRUE/FALSE as
 * logicals, the dates parse.  Skips, saying so, without them. */
static void test_csv_loaders(void)
{
    sr_store *s = export_store();
    if (!s)
        return;
    /* A code with a leading zero, which must survive as the README says. */
    sr_store_event e4[1] = {st_event("TURGOV", "SYRGOV", "043", "2012-07-20",
                                     st_place("Ankara", "Ankara", "TR", 39.92, 32.85, 4))};
    e4[0].dead = 0;
    e4[0].injured = 3;
    sr_store_doc d4 = st_doc("d4", "The Turkish foreign minister visited Damascus on Friday for "
                                   "talks with the Syrian government.", "Outlet Three",
                             "2012-07-20", e4, 1);
    sr_store_put_result r;
    char *out = st_put(s, &d4, &r) ? NULL : export(s, SR_STORE_EXPORT_CSV, 0, NULL);
    sr_store_close(s);
    if (!out) {
        CHECK(0);
        return;
    }
    char csv[600];
    snprintf(csv, sizeof csv, "%s/events.csv", st_dir);
    FILE *f = fopen(csv, "w");
    if (f) {
        fputs(out, f);
        fclose(f);
    }
    free(out);
    static char said[65536];
    /* Debian's python3 and R (scripts/setup.sh installs python3-pandas and
     * r-base-core). */
    if (load_csv("/usr/bin/python3", "import pandas\n", csv, said, sizeof said) == 0) {
        CHECK_EQ_INT(load_csv("/usr/bin/python3", py_load, csv, said, sizeof said), 0);
        check_loaded("pandas.read_csv", said, 4);
    } else {
        printf("test_store_export: pandas check skipped: /usr/bin/python3 cannot import pandas "
               "(scripts/setup.sh installs python3-pandas): %.200s\n", said);
    }
    if (access("/usr/bin/Rscript", X_OK) == 0) {
        CHECK_EQ_INT(load_csv("/usr/bin/Rscript", r_load, csv, said, sizeof said), 0);
        check_loaded("read.csv (R)", said, 4);
    } else {
        printf("test_store_export: R check skipped: /usr/bin/Rscript not found (scripts/setup.sh "
               "installs r-base-core)\n");
    }
    unlink(csv);
}

int main(void)
{
    if (st_setup("test_store_export"))
        return 1;
    RUN(test_gdelt_spec);
    RUN(test_gdelt_peoples);
    RUN_BOTH(test_gdelt);
    RUN_BOTH(test_counts_gkg);
    RUN_BOTH(test_plover);
    RUN_BOTH(test_csv);
    RUN_BOTH(test_csv_loaders);
    st_teardown();
    return harness_done("test_store_export");
}
