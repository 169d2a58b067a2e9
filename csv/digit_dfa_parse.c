/* digit_dfa_parse.h: the patterns' parse trees, the refusals with their
 * sentences, and strings made from a tree (digit_dfa_example). */
#include "digit_dfa_parse.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 64 }; /* nested groups: the parser recurses once a level */

typedef struct {
    const char *src;
    size_t pos, len;
    digit_node_t *nodes;
    int count, cap;
    int depth;
    char *err;
    size_t errlen;
    bool failed;
} parser_t;

void digit_dfa_error(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* The syntax this module refuses, each with the sentence saying why: the
 * caller logs it and keeps its regular-expression engine. */
static const struct {
    char c;
    const char *what;
} refused_syntax[] = {
    {'*', "an unbounded repeat ('*')"},
    {'+', "an unbounded repeat or a possessive quantifier ('+')"},
    {'.', "any character ('.')"},
    {'^', "an anchor ('^')"},
    {'$', "an anchor ('$')"},
    {'\\', "an escape other than \\d"},
    {']', "a ']' outside a class"},
    {'}', "a '}' outside a repeat"},
};

static void refuse(parser_t *p, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = true;
    char why[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    digit_dfa_error(p->err, p->errlen, "digit pattern refused at offset %zu: %s", p->pos, why);
}

static void refuse_char(parser_t *p, char c)
{
    for (size_t i = 0; i < sizeof refused_syntax / sizeof refused_syntax[0]; i++)
        if (refused_syntax[i].c == c) {
            refuse(p, "%s is not supported", refused_syntax[i].what);
            return;
        }
    if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
        refuse(p, "byte 0x%02x is not a digit or pattern syntax", (unsigned char)c);
    else
        refuse(p, "'%c' is not a digit or pattern syntax", c);
}

static int new_node(parser_t *p, digit_node_kind_t kind)
{
    if (p->failed)
        return -1;
    if (p->count == p->cap) {
        int cap = p->cap ? p->cap * 2 : 64;
        digit_node_t *n = realloc(p->nodes, (size_t)cap * sizeof *n);
        if (!n) {
            refuse(p, "out of memory");
            return -1;
        }
        p->nodes = n;
        p->cap = cap;
    }
    digit_node_t *n = &p->nodes[p->count];
    *n = (digit_node_t){.kind = kind, .child = -1, .next = -1};
    return p->count++;
}

static int peek(const parser_t *p)
{
    return p->pos < p->len ? (unsigned char)p->src[p->pos] : -1;
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int parse_alt(parser_t *p);

/* [...]: digits, ranges of digits and \d; nothing else (a negation, a
 * '-' taken literally, an empty class) is refused. */
static int parse_class(parser_t *p)
{
    size_t open = p->pos++;
    uint16_t set = 0;
    bool any = false;
    for (;;) {
        int c = peek(p);
        if (c < 0) {
            p->pos = open;
            refuse(p, "an unterminated class '['");
            return -1;
        }
        if (c == ']' && any) {
            p->pos++;
            break;
        }
        if (c == '^' && !any) {
            refuse(p, "a negated class ('[^') is not supported");
            return -1;
        }
        if (c == '\\') {
            if (p->pos + 1 < p->len && p->src[p->pos + 1] == 'd') {
                set |= DIGIT_SET_ALL;
                p->pos += 2;
                any = true;
                continue;
            }
            refuse_char(p, '\\');
            return -1;
        }
        if (!is_digit(c)) {
            refuse(p, c == ']' ? "an empty class ('[]') is not supported"
                               : "a class may hold only digits, digit ranges and \\d");
            return -1;
        }
        int lo = c - '0', hi = lo;
        p->pos++;
        if (peek(p) == '-' && p->pos + 1 < p->len && is_digit(p->src[p->pos + 1])) {
            hi = p->src[p->pos + 1] - '0';
            if (hi < lo) {
                refuse(p, "a range out of order ('%c-%c')", '0' + lo, '0' + hi);
                return -1;
            }
            p->pos += 2;
        }
        for (int d = lo; d <= hi; d++)
            set |= (uint16_t)(1u << d);
        any = true;
    }
    int n = new_node(p, DIGIT_NODE_SET);
    if (n >= 0)
        p->nodes[n].set = set;
    return n;
}

/* A decimal count of a repeat, at most DIGIT_DFA_MAX_REPEAT. */
static bool parse_count(parser_t *p, int *out)
{
    if (!is_digit(peek(p)))
        return false;
    long v = 0;
    while (is_digit(peek(p))) {
        v = v * 10 + (p->src[p->pos++] - '0');
        if (v > DIGIT_DFA_MAX_REPEAT) {
            refuse(p, "a repeat count over %d", DIGIT_DFA_MAX_REPEAT);
            return false;
        }
    }
    *out = (int)v;
    return true;
}

/* '?', {n} or {n,m} after an atom; anything after that quantifier that
 * would change it (a lazy '?', a possessive '+', another repeat) is
 * refused. */
static int parse_quantified(parser_t *p, int atom)
{
    if (atom < 0)
        return -1;
    int c = peek(p);
    if (c != '?' && c != '{')
        return atom;
    int min = 0, max = 1;
    size_t at = p->pos;
    if (c == '?') {
        p->pos++;
    } else {
        p->pos++;
        bool ok = parse_count(p, &min);
        max = min;
        if (ok && peek(p) == ',') {
            p->pos++;
            ok = parse_count(p, &max);
        }
        if (p->failed)
            return -1;
        if (!ok || peek(p) != '}') {
            p->pos = at;
            refuse(p, "a '{' that is not a bounded repeat {n} or {n,m}");
            return -1;
        }
        p->pos++;
        if (max < min) {
            p->pos = at;
            refuse(p, "a repeat {%d,%d} whose maximum is under its minimum", min, max);
            return -1;
        }
    }
    c = peek(p);
    if (c == '?' || c == '+' || c == '{' || c == '*') {
        refuse(p, "a quantifier after a quantifier (lazy, possessive or repeated)");
        return -1;
    }
    int n = new_node(p, DIGIT_NODE_REP);
    if (n < 0)
        return -1;
    p->nodes[n].min = min;
    p->nodes[n].max = max;
    p->nodes[n].child = atom;
    return n;
}

static int parse_atom(parser_t *p)
{
    int c = peek(p);
    if (is_digit(c)) {
        int n = new_node(p, DIGIT_NODE_SET);
        if (n >= 0)
            p->nodes[n].set = (uint16_t)(1u << (c - '0'));
        p->pos++;
        return n;
    }
    if (c == '[')
        return parse_class(p);
    if (c == '\\') {
        if (p->pos + 1 < p->len && p->src[p->pos + 1] == 'd') {
            int n = new_node(p, DIGIT_NODE_SET);
            if (n >= 0)
                p->nodes[n].set = DIGIT_SET_ALL;
            p->pos += 2;
            return n;
        }
        refuse_char(p, '\\');
        return -1;
    }
    if (c == '(') {
        if (p->pos + 2 >= p->len || p->src[p->pos + 1] != '?' || p->src[p->pos + 2] != ':') {
            refuse(p, "a group other than (?:...) (capturing, or another (? construct)");
            return -1;
        }
        size_t open = p->pos;
        if (++p->depth > MAX_DEPTH) {
            refuse(p, "groups nested more than %d deep", MAX_DEPTH);
            return -1;
        }
        p->pos += 3;
        int inner = parse_alt(p);
        p->depth--;
        if (p->failed)
            return -1;
        if (peek(p) != ')') {
            p->pos = open;
            refuse(p, "a '(' without its ')'");
            return -1;
        }
        p->pos++;
        return inner;
    }
    if (c == '?' || c == '{') {
        refuse(p, "a quantifier with nothing before it");
        return -1;
    }
    refuse_char(p, (char)c);
    return -1;
}

/* A sequence of quantified atoms, up to '|', ')' or the end. */
static int parse_cat(parser_t *p)
{
    int cat = new_node(p, DIGIT_NODE_CAT), last = -1;
    if (cat < 0)
        return -1;
    while (!p->failed && peek(p) >= 0 && peek(p) != '|' && peek(p) != ')') {
        int a = parse_quantified(p, parse_atom(p));
        if (a < 0)
            return -1;
        if (last < 0)
            p->nodes[cat].child = a;
        else
            p->nodes[last].next = a;
        last = a;
    }
    if (p->failed)
        return -1;
    if (last < 0)
        p->nodes[cat].kind = DIGIT_NODE_EMPTY;
    return cat;
}

static int parse_alt(parser_t *p)
{
    int first = parse_cat(p);
    if (first < 0 || peek(p) != '|')
        return first;
    int alt = new_node(p, DIGIT_NODE_ALT), last = first;
    if (alt < 0)
        return -1;
    p->nodes[alt].child = first;
    while (peek(p) == '|') {
        p->pos++;
        int b = parse_cat(p);
        if (b < 0)
            return -1;
        p->nodes[last].next = b;
        last = b;
    }
    return alt;
}

/* The tree of a whole pattern; -1 when refused (p->err says why). */
static int parse_pattern(parser_t *p, const char *src)
{
    p->src = src;
    p->len = strlen(src);
    p->pos = 0;
    if (p->len > DIGIT_DFA_MAX_PATTERN_LEN) {
        refuse(p, "a pattern longer than %d bytes", DIGIT_DFA_MAX_PATTERN_LEN);
        return -1;
    }
    int root = parse_alt(p);
    if (root >= 0 && peek(p) == ')') {
        refuse(p, "a ')' without its '('");
        return -1;
    }
    return p->failed ? -1 : root;
}

int digit_tree_parse(digit_tree_t *t, const char *src, char *err, size_t errlen)
{
    parser_t p = {.err = err, .errlen = errlen};
    int root = parse_pattern(&p, src);
    if (root < 0) {
        free(p.nodes);
        p.nodes = NULL;
    }
    t->nodes = p.nodes;
    return root;
}

void digit_tree_free(digit_tree_t *t)
{
    free(t->nodes);
    t->nodes = NULL;
}

/* ---- examples, for the tests ---- */

static uint64_t next_random(uint64_t *seed)
{
    uint64_t x = *seed ? *seed : 0x9E3779B97F4A7C15ull; // xorshift64*
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *seed = x;
    return x * 2685821657736338717ull;
}

static bool example_of(const digit_node_t *nodes, int node, uint64_t *seed, char *out, size_t cap,
                       size_t *len)
{
    const digit_node_t *n = &nodes[node];
    switch (n->kind) {
    case DIGIT_NODE_EMPTY:
        return true;
    case DIGIT_NODE_SET: {
        int digits[10], k = 0;
        for (int d = 0; d < 10; d++)
            if (n->set & (1u << d))
                digits[k++] = d;
        if (*len + 1 >= cap)
            return false;
        out[(*len)++] = (char)('0' + digits[next_random(seed) % (uint64_t)k]);
        return true;
    }
    case DIGIT_NODE_CAT:
        for (int c = n->child; c >= 0; c = nodes[c].next)
            if (!example_of(nodes, c, seed, out, cap, len))
                return false;
        return true;
    case DIGIT_NODE_ALT: {
        int k = 0;
        for (int c = n->child; c >= 0; c = nodes[c].next)
            k++;
        int pick = (int)(next_random(seed) % (uint64_t)k), c = n->child;
        while (pick-- > 0)
            c = nodes[c].next;
        return example_of(nodes, c, seed, out, cap, len);
    }
    case DIGIT_NODE_REP: {
        int times = n->min + (int)(next_random(seed) % (uint64_t)(n->max - n->min + 1));
        for (int i = 0; i < times; i++)
            if (!example_of(nodes, n->child, seed, out, cap, len))
                return false;
        return true;
    }
    }
    return false;
}

long digit_dfa_example(const char *pat, uint64_t *seed, char *out, size_t cap, char *err,
                       size_t errlen)
{
    parser_t p = {.err = err, .errlen = errlen};
    int root = parse_pattern(&p, pat);
    size_t len = 0;
    bool ok = root >= 0 && cap > 0 && example_of(p.nodes, root, seed, out, cap, &len);
    free(p.nodes);
    if (!ok)
        return -1;
    out[len] = '\0';
    return (long)len;
}
