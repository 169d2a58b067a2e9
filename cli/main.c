/* dialtop entry point: headless subcommands or the console. */
#include <stdio.h>
#include <string.h>

#include "cmd_action.h"
#include "cmd_import.h"

int main(int argc, char **argv)
{
    if (argc > 1 && cmd_action_is(argv[1]))
        return cmd_action_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "import") == 0)
        return cmd_import(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("dialtop %s\n", DIALTOP_VERSION);
        return 0;
    }
    fprintf(stderr, "dialtop %s: the console is not built yet; see README.md\n", DIALTOP_VERSION);
    return 1;
}
