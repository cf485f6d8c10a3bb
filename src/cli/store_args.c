/* Options the store commands share: which store, and the event filters. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *cli_db_url(const char *given)
{
    if (given && *given)
        return given;
    const char *env = getenv("SITREP_DB");
    return env && *env ? env : "sitrep.db";
}

const char *cli_db_shown(const char *url, char *buf, size_t cap)
{
    if (!sr_store_url_is_postgres(url)) {
        snprintf(buf, cap, "%s", url);
        return buf;
    }
    /* Copied with the password's bytes left out: the one after ':' in the
     * user part of the authority, and the value of a password= parameter. */
    const char *auth = strstr(url, "://") + 3, *aend = auth + strcspn(auth, "/?"), *at = NULL;
    for (const char *p = auth; p < aend; p++)
        if (*p == '@')
            at = p;
    const char *pw = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL, *pwend = at;
    size_t o = 0;
    for (const char *p = url; *p && o + 4 < cap;) {
        if (!pw && p > aend && !strncmp(p, "password=", 9) && p > url && (p[-1] == '?' || p[-1] == '&')) {
            pw = p + 8;
            pwend = pw + 1 + strcspn(pw + 1, "&");
        }
        if (p == pw) {
            buf[o++] = *p++;
            memcpy(buf + o, "***", 3);
            o += 3;
            p = pwend;
            pw = NULL;
            continue;
        }
        buf[o++] = *p++;
    }
    buf[o] = 0;
    return buf;
}

static int parse_size(const char *cmd, const char *opt, const char *v, size_t *out)
{
    char *end;
    unsigned long long n = strtoull(v, &end, 10);
    if (!*v || *end || v[0] == '-') {
        fprintf(stderr, "sitrep %s: %s takes a number, not '%s'\n", cmd, opt, v);
        return -1;
    }
    *out = (size_t)n;
    return 1;
}

int cli_filter_arg(sr_store_filter *f, const char *cmd, int argc, char **argv, int *i)
{
    static const char *const opts[] = {"--from",  "--to",     "--actor",  "--source", "--target",
                                       "--code",  "--root",   "--plover", "--acled",  "--country",
                                       "--admin1", "--text",  "--bbox",   "--limit",  "--offset",
                                       "--after"};
    const char *a = argv[*i];
    int which = -1;
    const char *v = NULL;
    for (int k = 0; k < (int)(sizeof opts / sizeof opts[0]); k++) {
        size_t n = strlen(opts[k]);
        if (!strncmp(a, opts[k], n) && (a[n] == 0 || a[n] == '=')) {
            which = k;
            v = a[n] == '=' ? a + n + 1 : *i + 1 < argc ? argv[++*i] : NULL;
            break;
        }
    }
    if (which < 0)
        return 0;
    if (!v) {
        fprintf(stderr, "sitrep %s: %s needs a value\n", cmd, a);
        return -1;
    }
    const char **text[] = {&f->from,  &f->to,    &f->actor,  &f->source, &f->target, &f->code,
                           &f->root,  &f->plover, &f->acled, &f->country, &f->admin1, &f->text};
    if (which < 12) {
        *text[which] = v;
        return 1;
    }
    if (which == 12) {
        char *end;
        double c[4];
        const char *p = v;
        for (int k = 0; k < 4; k++) {
            c[k] = strtod(p, &end);
            if (end == p || (k < 3 && *end != ',') || (k == 3 && *end)) {
                fprintf(stderr, "sitrep %s: --bbox takes WEST,SOUTH,EAST,NORTH in degrees, not "
                                "'%s'\n", cmd, v);
                return -1;
            }
            p = end + 1;
        }
        f->has_bbox = 1;
        f->min_lon = c[0];
        f->min_lat = c[1];
        f->max_lon = c[2];
        f->max_lat = c[3];
        return 1;
    }
    size_t n;
    if (parse_size(cmd, opts[which], v, &n) < 0)
        return -1;
    if (which == 13)
        f->limit = n;
    else if (which == 14)
        f->offset = n;
    else
        f->after_id = (int64_t)n;
    return 1;
}

const char cli_filter_help[] =
    "filters (events):\n"
    "  --from DATE, --to DATE  event dates, YYYY-MM-DD (or YYYY-MM, YYYY), inclusive\n"
    "  --actor CODE            source or target actor code starts with CODE (SYR, SYRMIL)\n"
    "  --source CODE, --target CODE   the same for one side\n"
    "  --code CODE             CAMEO event code starts with CODE (19, 190, 1951)\n"
    "  --root RR               CAMEO root code, exactly (19)\n"
    "  --plover TYPE, --acled TYPE   PLOVER type (ASSAULT) or ACLED-style type (SHELLING)\n"
    "  --country CC            ISO 3166-1 alpha-2 code of the event's place (SY)\n"
    "  --admin1 NAME           first-level division of the place (Aleppo)\n"
    "  --bbox W,S,E,N          place inside the box (degrees; W > E crosses 180)\n"
    "  --text WORDS            a reporting document's title or text contains WORDS\n"
    "  --limit N, --offset N, --after ID   paging (ids above ID)\n";
