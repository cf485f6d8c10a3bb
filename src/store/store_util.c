/* Calendar and geometry helpers of the store. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "store_int.h"

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int store_day_parse(const char *s)
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    int y = n >= 4 ? digits(s, 4) : -1, m = 1, d = 1;
    if (y < 1)
        return 0;
    if (n >= 7) {
        if (s[4] != '-' || (m = digits(s + 5, 2)) < 1 || m > 12)
            return 0;
    }
    if (n >= 10) {
        if (s[7] != '-' || (d = digits(s + 8, 2)) < 1)
            return 0;
        int y2, m2, d2;
        sr_civil_from_days(sr_days_from_civil(y, m, d), &y2, &m2, &d2);
        if (d2 != d)
            return 0; /* 31 April and the like */
    }
    if (n != 4 && n != 7 && n != 10)
        return 0;
    return y * 10000 + m * 100 + d;
}

int store_day_add(int ymd, int days)
{
    int y, m, d;
    sr_civil_from_days(sr_days_from_civil(ymd / 10000, ymd / 100 % 100, ymd % 100) + days, &y,
                        &m, &d);
    return y * 10000 + m * 100 + d;
}

void store_iso_week(int ymd, char out[12])
{
    int64_t z = sr_days_from_civil(ymd / 10000, ymd / 100 % 100, ymd % 100);
    /* 1970-01-01 was a Thursday; ISO weekday 1 = Monday. */
    int64_t wd = ((z % 7) + 7 + 3) % 7 + 1;
    int64_t thursday = z - wd + 4; /* the week's Thursday names its year */
    int ty, tm, td;
    sr_civil_from_days(thursday, &ty, &tm, &td);
    int64_t jan1 = sr_days_from_civil(ty, 1, 1);
    int week = (int)((thursday - jan1) / 7 + 1);
    snprintf(out, 12, "%04d-W%02d", ty % 10000, week % 100);
}

double store_km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0088, rad = 3.14159265358979323846 / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

int store_prefix_upper(const char *prefix, char *buf, size_t cap)
{
    size_t n = strlen(prefix);
    if (n + 1 > cap)
        return 0;
    memcpy(buf, prefix, n + 1);
    while (n > 0) {
        unsigned char c = (unsigned char)buf[n - 1];
        if (c < 0xff) {
            buf[n - 1] = (char)(c + 1);
            buf[n] = 0;
            return 1;
        }
        buf[--n] = 0;
    }
    return 0;
}
