/* The truedy driver through the client layer and the real transport
 * against dialtop-sim: see drvsuite.h for what each case checks. */
#include "model.h"

#define SUITE_PROVIDER PROVIDER_TRUEDY
#include "drvsuite.h"

int main(void)
{
    const struct CMUnitTest tests[] = {SUITE_TESTS};
    return cmocka_run_group_tests(tests, suite_setup, suite_teardown);
}
