/* libFuzzer target: the Sarvam webhook body parser behind `dialtop hooks`.
 * Any bytes must give OK with the three required fields set, or a refusal
 * with a reason and nothing owned; never a crash or a leak. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sarvam_webhook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sarvam_webhook_t w;
    char why[256];
    sarvam_webhook_status_t st = sarvam_webhook_parse((const char *)data, size, &w, why, sizeof why);
    if (st == SARVAM_WEBHOOK_OK) {
        if (!w.attempt_id || !w.campaign_id || !w.phone || !*w.attempt_id)
            abort();
        if ((unsigned)w.state >= CONTACT_STATE_COUNT)
            abort();
    } else {
        if (!why[0] || w.attempt_id || w.campaign_id || w.phone)
            abort();
    }
    sarvam_webhook_free(&w);
    return 0;
}
