/* libFuzzer target: every omnidim response parser on arbitrary bodies. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_driver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_driver(&driver_omnidim, data, size);
    return 0;
}
