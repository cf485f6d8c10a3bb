#include "sr_util.h"

#include <stdarg.h>
#include <string.h>

int sr_error_set(sr_error *err, int code, const char *file, long line, long byte,
                 const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->file = file;
    err->line = line;
    err->byte = byte;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

void sr_error_clear(sr_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

const char *sr_errmsg(int code)
{
    switch (code) {
    case SR_OK: return "no error";
    case SR_ENOMEM: return "out of memory";
    case SR_EIO: return "input/output error";
    case SR_EPARSE: return "malformed input";
    case SR_EUTF8: return "invalid UTF-8";
    case SR_EINVAL: return "invalid argument";
    case SR_ETOOBIG: return "input too large";
    case SR_EBINARY: return "binary input";
    case SR_EEMPTY: return "no document in input";
    default: return "unknown error";
    }
}

void sr_error_print(const sr_error *err, FILE *f)
{
    const char *msg = err->msg[0] ? err->msg : sr_errmsg(err->code);
    if (err->file && err->line > 0)
        fprintf(f, "%s:%ld:%ld: %s\n", err->file, err->line, err->byte, msg);
    else if (err->file)
        fprintf(f, "%s: %s\n", err->file, msg);
    else
        fprintf(f, "%s\n", msg);
}
