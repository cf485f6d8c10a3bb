#include "text_int.h"

#include <string.h>

/* Boilerplate is short: a line longer than this is always content, which
 * also keeps the check cheap on huge single-line documents. */
enum { MAX_BOILER = 320, ANYWHERE_MAX = 160 };

static const char *const openers[] = {
    "join our", "join us on", "join us at", "follow us", "follow our", "subscribe to",
    "subscribe now", "sign up for", "sign up to", "click here", "read more", "read also",
    "also read", "related:", "related articles", "related stories", "related coverage",
    "share this", "share on", "share via", "download our", "download the", "get our app",
    "advertisement", "advertising", "sponsored", "photo:", "photo credit", "photos:",
    "image:", "image credit", "picture:", "pictures:", "file photo", "(photo", "[photo",
    "photo by", "copyright", "(c) ", "(reporting by", "(editing by", "(writing by",
    "(additional reporting", "you may also like", "recommended for you", "get the latest",
    "watch:", "watch the video", "listen:", "like us on", "tags:", "this article was",
    "this story was", "this story has", "for more news", "more news:", "send us your",
    "we are on telegram", "we are on whatsapp", "stay updated", "support our journalism"};

static const char *const anywhere[] = {
    "all rights reserved", "whatsapp group", "whatsapp channel", "telegram channel",
    "our newsletter", "getty images", "via getty", "/getty", "afp photo", "reuters/",
    "follow us on", "on twitter @", "twitter.com/", "facebook.com/", "instagram.com/"};

/* "Reporting by A; Editing by B" is a credit; "Reporting by state media
 * could not be verified." is a sentence.  Credits list names with ';' or
 * more credits and do not end like prose. */
static const char *const credits[] = {"reporting by", "editing by", "writing by",
                                      "additional reporting", "compiled by"};

static int credit_start(const char *low, size_t n)
{
    for (size_t i = 0; i < sizeof credits / sizeof *credits; i++) {
        size_t k = strlen(credits[i]);
        if (n >= k && memcmp(low, credits[i], k) == 0)
            return 1;
    }
    return 0;
}

static int credit_line(const char *low, size_t n)
{
    for (size_t i = 0; i < sizeof credits / sizeof *credits; i++) {
        size_t k = strlen(credits[i]);
        if (n >= k && memcmp(low, credits[i], k) == 0) {
            if (memchr(low, ';', n))
                return 1;
            for (size_t j = 0; j < sizeof credits / sizeof *credits; j++)
                if (j != i && strstr(low + k, credits[j]))
                    return 1;
            return low[n - 1] != '.';
        }
    }
    return 0;
}

int sr_text_is_boilerplate(const char *s, size_t n, const char **why)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '-' || *s == '*'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    if (n == 0 || n > MAX_BOILER)
        return 0;
    /* Openers and credits need the first words only; a sentence too long
     * for the inside-a-line checks is never lowered further. */
    enum { HEAD = 32 };
    char low[MAX_BOILER + 1];
    size_t lown = n > ANYWHERE_MAX && n > HEAD ? HEAD : n;
    for (size_t i = 0; i < lown; i++) {
        char c = s[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    low[lown] = 0;
    /* "©" opens copyright lines in any case. */
    if (n >= 2 && (unsigned char)low[0] == 0xC2 && (unsigned char)low[1] == 0xA9) {
        *why = "copyright";
        return 1;
    }
    for (size_t i = 0; i < sizeof openers / sizeof *openers; i++) {
        if (openers[i][0] != low[0])
            continue;
        size_t k = strlen(openers[i]);
        if (lown >= k && memcmp(low, openers[i], k) == 0) {
            *why = openers[i];
            return 1;
        }
    }
    if (lown < n && credit_start(low, lown)) {
        /* A credit needs the whole line lowered. */
        for (size_t i = lown; i < n; i++) {
            char c = s[i];
            low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        low[n] = 0;
        lown = n;
    }
    if (lown == n && credit_line(low, n)) {
        *why = "credit line";
        return 1;
    }
    /* Share prompts and credits inside a line are short lines; a long
     * sentence naming Twitter or Getty is news. */
    if (n > ANYWHERE_MAX)
        return 0;
    for (size_t i = 0; i < sizeof anywhere / sizeof *anywhere; i++) {
        if (strstr(low, anywhere[i])) {
            *why = anywhere[i];
            return 1;
        }
    }
    return 0;
}
