/* The parse tree of one digit pattern, in digit_dfa.h's syntax: the
 * parser, what it refuses and the sentence saying why, and random strings
 * made from a tree (digit_dfa_example). Internal to digit_dfa: digit_dfa.c
 * builds its automata from these trees. */
#ifndef DIALTOP_DIGIT_DFA_PARSE_H
#define DIALTOP_DIGIT_DFA_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "digit_dfa.h"

typedef enum {
    DIGIT_NODE_SET,   /* one digit of `set` */
    DIGIT_NODE_EMPTY, /* nothing: "(?:)", an empty branch */
    DIGIT_NODE_CAT,   /* the children one after another */
    DIGIT_NODE_ALT,   /* one of the children */
    DIGIT_NODE_REP,   /* the child min..max times */
} digit_node_kind_t;

enum { DIGIT_SET_ALL = 0x3FF }; /* \d */

typedef struct {
    digit_node_kind_t kind;
    uint16_t set;     /* DIGIT_NODE_SET: bit d for digit d */
    int min, max;     /* DIGIT_NODE_REP */
    int child, next;  /* first child, next sibling; -1 for none */
} digit_node_t;

typedef struct {
    digit_node_t *nodes;
} digit_tree_t;

/* Parses `src` into t; its root node, or -1 when refused (err, when not
 * NULL, then says what and where; t holds nothing to free). */
int digit_tree_parse(digit_tree_t *t, const char *src, char *err, size_t errlen);

void digit_tree_free(digit_tree_t *t);

/* snprintf into err[errlen] when err is not NULL: the module's refusals. */
void digit_dfa_error(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
