/* Secret redaction: see redact.h. */
#include "redact.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_SECRETS 32

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static char *secrets[MAX_SECRETS];
static size_t nsecrets;

void redact_add_secret(const char *secret)
{
    if (!secret || strlen(secret) < REDACT_MIN_SECRET)
        return;
    pthread_mutex_lock(&mu);
    bool known = false;
    for (size_t i = 0; i < nsecrets && !known; i++)
        known = strcmp(secrets[i], secret) == 0;
    if (!known && nsecrets < MAX_SECRETS) {
        char *copy = strdup(secret);
        if (copy)
            secrets[nsecrets++] = copy;
    }
    pthread_mutex_unlock(&mu);
}

void redact_clear_secrets(void)
{
    pthread_mutex_lock(&mu);
    for (size_t i = 0; i < nsecrets; i++) {
        volatile char *p = secrets[i];
        while (*p)
            *p++ = '\0';
        free(secrets[i]);
        secrets[i] = NULL;
    }
    nsecrets = 0;
    pthread_mutex_unlock(&mu);
}

/* Characters a bearer token is made of (RFC 6750 b64token, plus a few
 * that real keys use). */
static bool token_char(unsigned char c)
{
    return c && (isalnum(c) || strchr("-._~+/=:", c) != NULL); /* strchr finds the NUL too */
}

/* Length of a secret starting at s, 0 when none does. Caller holds mu. */
static size_t secret_at(const char *s)
{
    size_t best = 0;
    for (size_t i = 0; i < nsecrets; i++) {
        size_t n = strlen(secrets[i]);
        if (n > best && strncmp(s, secrets[i], n) == 0)
            best = n;
    }
    return best;
}

/* The whole redacted text, in a new buffer. */
static char *redact_alloc(const char *s)
{
    size_t len = strlen(s), mark = sizeof REDACT_MARK - 1;
    /* Each replacement of n >= 1 bytes adds at most `mark` bytes. */
    char *out = malloc(len * (mark + 1) + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    pthread_mutex_lock(&mu);
    for (size_t i = 0; i < len;) {
        size_t n = secret_at(s + i);
        if (n) {
            memcpy(out + o, REDACT_MARK, mark);
            o += mark;
            i += n;
            continue;
        }
        if (strncasecmp(s + i, "bearer", 6) == 0 && (i == 0 || !isalnum((unsigned char)s[i - 1]))) {
            size_t j = i + 6, sp = 0;
            while (s[j + sp] == ' ' || s[j + sp] == '\t')
                sp++;
            size_t t = 0;
            while (token_char((unsigned char)s[j + sp + t]))
                t++;
            if (sp > 0 && t > 0) {
                memcpy(out + o, s + i, 6 + sp);
                o += 6 + sp;
                memcpy(out + o, REDACT_MARK, mark);
                o += mark;
                i = j + sp + t;
                continue;
            }
        }
        out[o++] = s[i++];
    }
    pthread_mutex_unlock(&mu);
    out[o] = '\0';
    return out;
}

char *redact_dup(const char *s)
{
    return s ? redact_alloc(s) : NULL;
}

bool redact_buf(char *s, size_t cap)
{
    if (!s || cap == 0)
        return false;
    char *r = redact_alloc(s);
    if (!r) {
        /* No memory to redact: losing the text is better than leaking it. */
        bool had = s[0] != '\0';
        s[0] = '\0';
        return had;
    }
    bool changed = strcmp(r, s) != 0;
    size_t n = strlen(r);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)r[n] & 0xC0) == 0x80)
            n--; /* do not cut a UTF-8 character in two */
    }
    memcpy(s, r, n);
    s[n] = '\0';
    free(r);
    return changed;
}
