/* Subcommands of build/sitrep.  Each returns the process exit status:
 * 0 success, 1 some input was rejected or repaired, 2 usage error. */
#ifndef SR_CLI_H
#define SR_CLI_H

#include <stdio.h>

enum { EXIT_OK = 0, EXIT_BADINPUT = 1, EXIT_USAGE = 2 };

int cmd_code(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_bench(int argc, char **argv);

/* Out-of-memory policy of the command-line tool: say so and stop. */
void cli_oom(void);

#endif
