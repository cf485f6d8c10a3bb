#include <stdio.h>
#include <stdlib.h>
#include <malloc.h>
#include <string.h>

#include "../util/sr_util.h"
#include "cli.h"

static const char usage[] =
    "usage: sitrep COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "Turns news reports into event data.\n"
    "\n"
    "commands:\n"
    "  code      code documents and print one JSON object per document\n"
    "  validate  run a TABARI or PETRARCH validation file and report mismatches\n"
    "  bench     time the stages on documents in memory, on one core\n"
    "  ingest    code documents and keep them in an event store (SQLite or PostgreSQL)\n"
    "  query     filter and count the events of a store\n"
    "  export    write a store's events as GDELT, GKG counts, PLOVER JSON or CSV\n"
    "  serve     serve the event store and its web page over HTTP\n"
    "\n"
    "  sitrep COMMAND --help   options of one command\n"
    "  sitrep --version        print the version\n";

_Noreturn void cli_oom(void)
{
    fputs("sitrep: out of memory\n", stderr);
    exit(EXIT_BADINPUT);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("sitrep %s\n", SR_VERSION);
        return EXIT_OK;
    }
    if (!strcmp(cmd, "code")) {
        /* Memory freed stays with the process: a long document's sections
         * and buffers are otherwise given back and mapped afresh, and a
         * page touched anew costs some 5 us on the project's virtual
         * machine (long documents: 14,400 page faults, 12,500 with this). */
        mallopt(M_MMAP_THRESHOLD, 256 << 20);
        mallopt(M_TRIM_THRESHOLD, 512 << 20);
        return cmd_code(argc - 1, argv + 1);
    }
    if (!strcmp(cmd, "validate"))
        return cmd_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "bench"))
        return cmd_bench(argc - 1, argv + 1);
    if (!strcmp(cmd, "ingest"))
        return cmd_ingest(argc - 1, argv + 1);
    if (!strcmp(cmd, "query"))
        return cmd_query(argc - 1, argv + 1);
    if (!strcmp(cmd, "export"))
        return cmd_export(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve"))
        return cmd_serve(argc - 1, argv + 1);
    fprintf(stderr, "sitrep: unknown command '%s'\n\n%s", cmd, usage);
    return EXIT_USAGE;
}
