/* dialtop-sim entry point. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("dialtop-sim %s\n", DIALTOP_VERSION);
        return 0;
    }
    fprintf(stderr, "dialtop-sim %s: not built yet\n", DIALTOP_VERSION);
    return 1;
}
