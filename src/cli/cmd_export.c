/* sitrep export: a store's events as the GDELT 2.0 event table, GDELT
 * GKG-style counts, PLOVER JSON or CSV. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char export_usage_head[] =
    "usage: sitrep export --format gdelt|counts|plover|csv [--db URL] [FILTERS] [-o FILE]\n"
    "\n"
    "Writes the events of a store that match the filters:\n"
    "  gdelt    the GDELT 2.0 event table: 61 tab-separated columns in GDELT's\n"
    "           order, one event a line (--header adds the column names)\n"
    "  counts   one GDELT GKG 2.1 record a document (27 columns): its counts\n"
    "           (Counts, V2Counts) and places (Locations, V2Locations); takes\n"
    "           --from, --to (publication dates) and --country only\n"
    "  plover   PLOVER/POLECAT-style JSON, one event a line\n"
    "  csv      one event a line with a header row, for R (read.csv) and pandas\n"
    "\n"
    "  --db URL      the store (default: $SITREP_DB, else sitrep.db)\n"
    "  --header      gdelt, counts: the column names first\n"
    "  -o FILE       write to FILE instead of standard output\n"
    "  -h, --help    this text\n"
    "\n";

int cmd_export(int argc, char **argv)
{
    sr_store_filter f;
    memset(&f, 0, sizeof f);
    const char *db = NULL, *format = NULL, *outfile = NULL;
    unsigned flags = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int took = cli_filter_arg(&f, "export", argc, argv, &i);
        if (took < 0)
            return EXIT_USAGE;
        if (took)
            continue;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            printf("%s%s", export_usage_head, cli_filter_help);
            return EXIT_OK;
        }
        if (!strcmp(a, "--header")) {
            flags |= SR_STORE_EXPORT_HEADER;
            continue;
        }
        const char **dst = !strcmp(a, "--db")       ? &db
                           : !strcmp(a, "--format") ? &format
                           : !strcmp(a, "-o")       ? &outfile
                                                    : NULL;
        if (!dst) {
            fprintf(stderr, "sitrep export: unknown option '%s'\n\n%s%s", a, export_usage_head,
                    cli_filter_help);
            return EXIT_USAGE;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "sitrep export: %s needs a value\n", a);
            return EXIT_USAGE;
        }
        *dst = argv[++i];
    }
    int fmt = format ? sr_store_export_parse(format) : -1;
    if (fmt < 0) {
        fprintf(stderr, "sitrep export: --format takes gdelt, counts, plover or csv%s%s\n",
                format ? ", not " : "", format ? format : "");
        return EXIT_USAGE;
    }
    const char *url = cli_db_url(db);
    sr_store *s;
    sr_error err;
    sr_error_clear(&err);
    char shown[1024];
    cli_db_shown(url, shown, sizeof shown);
    if (sr_store_open(url, NULL, &s, &err)) {
        fprintf(stderr, "sitrep export: store %s: cannot open: %s\n", shown, err.msg);
        return EXIT_BADINPUT;
    }
    FILE *out = outfile ? fopen(outfile, "w") : stdout;
    if (!out) {
        fprintf(stderr, "sitrep export: cannot write %s: %s\n", outfile, strerror(errno));
        sr_store_close(s);
        return EXIT_BADINPUT;
    }
    int rc = sr_store_export(s, fmt, &f, flags, out, &err);
    if (rc)
        fprintf(stderr, "sitrep export: %s\n", err.msg);
    if (outfile && fclose(out) && !rc) {
        fprintf(stderr, "sitrep export: cannot write %s: %s\n", outfile, strerror(errno));
        rc = SR_EIO;
    }
    sr_store_close(s);
    return rc ? (rc == SR_EINVAL ? EXIT_USAGE : EXIT_BADINPUT) : EXIT_OK;
}
