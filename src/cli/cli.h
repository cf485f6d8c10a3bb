/* Subcommands of build/sitrep.  Each returns the process exit status:
 * 0 success, 1 some input was rejected or repaired, 2 usage error. */
#ifndef SR_CLI_H
#define SR_CLI_H

#include <stdio.h>

enum { EXIT_OK = 0, EXIT_BADINPUT = 1, EXIT_USAGE = 2 };

int cmd_code(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_bench(int argc, char **argv);

/* The folder of the running binary, with a trailing slash, into buf.
 * Returns 0, or -1 when it cannot be found or does not fit. */
int cli_exe_dir(char *buf, size_t cap);

/* The built-in dictionary files: every *.txt in $SITREP_DICT_DIR, else in
 * dict/ beside the binary (make builds build/dict/), sorted by name.
 * SITREP_DICT_DIR=off, or no such folder, gives none.  Free with
 * cli_free_list(). */
char **cli_builtin_dicts(size_t *n);
void cli_free_list(char **list, size_t n);

int cmd_serve(int argc, char **argv);

/* Out-of-memory policy of the command-line tool: say so and stop. */
_Noreturn void cli_oom(void);

#endif
