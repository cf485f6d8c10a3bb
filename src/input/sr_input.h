/*
 * sr_input.h - document readers.  One reader streams the documents of one
 * file (or standard input, named "-"), whatever its format:
 *
 *   JSON Lines    one object per line: {"id","date","title","text","source","url"}
 *   TABARI        "YYMMDD ID" header line, text lines, optional comment block
 *                 slash-star ... star-slash, blank line; '#' lines are comments
 *   plain text    the whole file is one document; its first line is the title
 *                 when more lines follow
 *
 * The format is detected from the content.  Every document's strings are
 * copied into the caller's arena and are valid UTF-8: invalid bytes are
 * replaced by U+FFFD and NUL bytes by spaces, and doc->warning says so.
 */
#ifndef SR_INPUT_H
#define SR_INPUT_H

#include "../util/sr_util.h"

enum { SR_FMT_AUTO = 0, SR_FMT_JSONL, SR_FMT_TABARI, SR_FMT_TEXT };

typedef struct sr_doc {
    const char *id;          /* never NULL */
    const char *date;        /* "YYYY-MM-DD" or NULL */
    const char *title;       /* may be NULL */
    size_t title_len;
    int title_in_text;       /* the title is the text's first line, not a copy */
    const char *text;        /* never NULL, valid UTF-8, NUL-terminated */
    size_t text_len;
    const char *source, *url; /* may be NULL */
    int format;              /* SR_FMT_* the document was read as */
    const char *file;        /* the reader's file name (borrowed from it) */
    long line;               /* line where the document starts */
    const char *warning;     /* repairs made to the text, or NULL */
    long warning_byte;       /* byte of the first repair in that line */
    /* TABARI records: the comment block, and the { OPTION: ... } settings
     * found in it, in order. */
    const char *comment;
    size_t nopts;
    const char **options;
} sr_doc;

typedef struct sr_reader sr_reader;

/* Opens path ("-" for standard input).  format is SR_FMT_AUTO or forces one.
 * Returns SR_OK or SR_EIO/SR_ENOMEM with err naming the file. */
int sr_input_open(const char *path, int format, sr_reader **out, sr_error *err);

/* Reads from an open stream (a pipe, a socket, fmemopen); name is used in
 * messages; the stream is not closed by sr_input_close. */
int sr_input_open_stream(FILE *f, const char *name, int format, sr_reader **out, sr_error *err);

/* Reads the next document into doc, allocating from a.  Returns 1 when a
 * document was read, 0 at the end of input, or a negative code: SR_EPARSE,
 * SR_EBINARY, SR_EEMPTY and SR_ETOOBIG reject one document (err names file,
 * line and byte) and the next call goes on after it; SR_EIO and SR_ENOMEM
 * end the input. */
int sr_input_next(sr_reader *r, sr_arena *a, sr_doc *doc, sr_error *err);

/* 1 when the next sr_input_next will not wait for input to arrive (a
 * file, or a pipe with bytes in it), 0 when it may: a caller with
 * documents in hand codes them first ("tail -f feed.jsonl | sitrep code"
 * waits for each result).  A partial line in hand may still wait. */
int sr_input_ready(const sr_reader *r);

/* The detected (or forced) format, known after the first sr_input_next. */
int sr_input_format(const sr_reader *r);
const char *sr_input_format_name(int format);

/* Closes the file (not standard input) and frees the reader. */
void sr_input_close(sr_reader *r);

/* Parses "YYYY-MM-DD" or "YYYYMMDD" into a normalised "YYYY-MM-DD" (out has
 * 11 bytes).  Returns SR_OK or SR_EPARSE for anything else, including
 * impossible days. */
int sr_input_parse_date(const char *s, size_t n, char out[11]);

#endif
