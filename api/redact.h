/* Secret redaction: the one filter every message, report and audit line
 * passes before it leaves the process (screen, stdout/stderr, --json,
 * audit.log).
 *
 * A provider may echo the key it was sent ("invalid key: Bearer sk-...");
 * the key must still never be shown or stored. Two rules:
 *   - every secret registered here (each API key dialtop loads) is
 *     replaced wherever it appears, and
 *   - "Bearer <token>" (any case) loses its token, whoever's it is.
 * Both become "[redacted]". Secrets shorter than REDACT_MIN_SECRET are not
 * registered: replacing every "ab" in a message would hide more than it
 * protects (and a key that short is no key). */
#ifndef DIALTOP_REDACT_H
#define DIALTOP_REDACT_H

#include <stdbool.h>
#include <stddef.h>

#define REDACT_MIN_SECRET 4
#define REDACT_MARK "[redacted]"

/* Remembers `secret` (copied) for the life of the process. Thread-safe. */
void redact_add_secret(const char *secret);
/* Forgets every secret (tests). */
void redact_clear_secrets(void);

/* Redacts `s` in place; the result is cut to `cap` bytes (cap > 0),
 * whole UTF-8 characters only. Returns true when anything was replaced. */
bool redact_buf(char *s, size_t cap);
/* A redacted copy of `s` (NULL in, NULL out); NULL on out of memory. */
char *redact_dup(const char *s);

#endif
