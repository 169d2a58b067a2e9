/* MUST_USE: marks a function whose result the caller must look at (a
 * failure that would otherwise be lost, or memory that would leak). One
 * macro so compilers without the attribute still build. */
#ifndef DIALTOP_MUST_USE_H
#define DIALTOP_MUST_USE_H

#if defined(__GNUC__)
#define MUST_USE __attribute__((warn_unused_result))
#else
#define MUST_USE
#endif

#endif
