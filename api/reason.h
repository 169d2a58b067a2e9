/* reason: the one way a check hands its refusal back (owns the convention
 * for "char *reason, size_t reason_len" parameters). Parsers, validators
 * and the model's rules all write one sentence for the operator into an
 * optional caller buffer; a NULL buffer or zero length means the caller
 * only wants the verdict (model_action_next() asks model_action_allowed()
 * that way), so the NULL check lives here and nowhere else. */
#ifndef DIALTOP_REASON_H
#define DIALTOP_REASON_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the sentence (cut to fit) unless `reason` is NULL or `len` is 0.
 * Always returns false, so a check ends with `return reason_fail(...)`. */
bool reason_fail(char *reason, size_t len, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
