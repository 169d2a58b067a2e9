/* digit_dfa.h: parse (to a small tree), Thompson's construction (bounded
 * repeats written out copy by copy), then the subset construction. The
 * languages here are finite (no unbounded repeat is taken), so the subset
 * construction always ends; the state cap only bounds its size. */
#include "digit_dfa.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the parse tree ---------------------------------------------------- */

typedef enum { NODE_SET, NODE_EMPTY, NODE_CAT, NODE_ALT, NODE_REP } node_kind_t;

typedef struct {
    node_kind_t kind;
    uint16_t set;     /* NODE_SET: bit d for digit d */
    int min, max;     /* NODE_REP */
    int child, next;  /* first child, next sibling; -1 for none */
} node_t;

enum {
    SET_ALL_DIGITS = 0x3FF,
    MAX_DEPTH = 64,        /* nested groups: the parser recurses once a level */
    MAX_NFA_STATES = 1 << 20,
    MAX_SUBSET_INTS = 1 << 24, /* the subset construction's sets, all together */
};

typedef struct {
    const char *src;
    size_t pos, len;
    node_t *nodes;
    int count, cap;
    int depth;
    char *err;
    size_t errlen;
    bool failed;
} parser_t;

static void set_error(char *err, size_t errlen, const char *fmt, ...)
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
    set_error(p->err, p->errlen, "digit pattern refused at offset %zu: %s", p->pos, why);
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

static int new_node(parser_t *p, node_kind_t kind)
{
    if (p->failed)
        return -1;
    if (p->count == p->cap) {
        int cap = p->cap ? p->cap * 2 : 64;
        node_t *n = realloc(p->nodes, (size_t)cap * sizeof *n);
        if (!n) {
            refuse(p, "out of memory");
            return -1;
        }
        p->nodes = n;
        p->cap = cap;
    }
    node_t *n = &p->nodes[p->count];
    *n = (node_t){.kind = kind, .child = -1, .next = -1};
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
                set |= SET_ALL_DIGITS;
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
    int n = new_node(p, NODE_SET);
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
    int n = new_node(p, NODE_REP);
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
        int n = new_node(p, NODE_SET);
        if (n >= 0)
            p->nodes[n].set = (uint16_t)(1u << (c - '0'));
        p->pos++;
        return n;
    }
    if (c == '[')
        return parse_class(p);
    if (c == '\\') {
        if (p->pos + 1 < p->len && p->src[p->pos + 1] == 'd') {
            int n = new_node(p, NODE_SET);
            if (n >= 0)
                p->nodes[n].set = SET_ALL_DIGITS;
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
    int cat = new_node(p, NODE_CAT), last = -1;
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
        p->nodes[cat].kind = NODE_EMPTY;
    return cat;
}

static int parse_alt(parser_t *p)
{
    int first = parse_cat(p);
    if (first < 0 || peek(p) != '|')
        return first;
    int alt = new_node(p, NODE_ALT), last = first;
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

/* ---- the NFA (Thompson's construction) --------------------------------- */

/* A state has at most one digit edge (on the digits of `set`, to `on`)
 * and at most two empty edges; `accept`: the patterns that end here. */
typedef struct {
    uint16_t set;
    uint16_t accept;
    int on;
    int eps[2];
} nstate_t;

typedef struct {
    nstate_t *s;
    int count, cap;
    bool failed;
} nfa_t;

static int nfa_new(nfa_t *a)
{
    if (a->failed)
        return -1;
    if (a->count == a->cap) {
        if (a->cap >= MAX_NFA_STATES) {
            a->failed = true;
            return -1;
        }
        int cap = a->cap ? a->cap * 2 : 256;
        nstate_t *s = realloc(a->s, (size_t)cap * sizeof *s);
        if (!s) {
            a->failed = true;
            return -1;
        }
        a->s = s;
        a->cap = cap;
    }
    a->s[a->count] = (nstate_t){.on = -1, .eps = {-1, -1}};
    return a->count++;
}

static void nfa_eps(nfa_t *a, int from, int to)
{
    if (a->failed || from < 0 || to < 0)
        return;
    nstate_t *s = &a->s[from];
    s->eps[s->eps[0] < 0 ? 0 : 1] = to;
}

/* Emits `node` from `entry`, a state with no edge out yet; returns the
 * state where it ends, again without an edge out (-1 once out of room).
 * A repeat is written out once per copy: {2,4} is X X (X (X)?)? in
 * effect, every optional copy free to skip to the end. */
static int emit(nfa_t *a, const node_t *nodes, int node, int entry)
{
    if (a->failed || entry < 0)
        return -1;
    const node_t *n = &nodes[node];
    switch (n->kind) {
    case NODE_EMPTY:
        return entry;
    case NODE_SET: {
        int x = nfa_new(a);
        if (x < 0)
            return -1;
        a->s[entry].set = n->set;
        a->s[entry].on = x;
        return x;
    }
    case NODE_CAT: {
        int cur = entry;
        for (int c = n->child; c >= 0 && cur >= 0; c = nodes[c].next)
            cur = emit(a, nodes, c, cur);
        return cur;
    }
    case NODE_ALT: {
        int out = nfa_new(a), split = entry;
        for (int c = n->child; c >= 0 && !a->failed; c = nodes[c].next) {
            int branch = split;
            if (nodes[c].next >= 0) { // not the last: a branch and a split onwards
                branch = nfa_new(a);
                int onward = nfa_new(a);
                nfa_eps(a, split, branch);
                nfa_eps(a, split, onward);
                split = onward;
            }
            nfa_eps(a, emit(a, nodes, c, branch), out);
        }
        return a->failed ? -1 : out;
    }
    case NODE_REP: {
        int cur = entry;
        for (int i = 0; i < n->min && cur >= 0; i++)
            cur = emit(a, nodes, n->child, cur);
        if (n->max == n->min || cur < 0)
            return cur;
        int out = nfa_new(a);
        for (int i = n->min; i < n->max && cur >= 0; i++) {
            int copy = nfa_new(a);
            nfa_eps(a, cur, copy);
            nfa_eps(a, cur, out);
            cur = emit(a, nodes, n->child, copy);
        }
        nfa_eps(a, cur, out);
        return a->failed ? -1 : out;
    }
    }
    return -1;
}

/* ---- the subset construction ------------------------------------------- */

/* A DFA state is the sorted set of the NFA states it stands for, counting
 * only those that matter (a digit edge or an accept bit): two sets equal
 * on them behave the same. */
typedef struct {
    const nfa_t *nfa;
    int *pool;          /* every set's members, one after another */
    size_t pool_len, pool_cap;
    size_t *set_at;     /* by DFA state: its set's offset in pool */
    int *set_len;
    digit_dfa_row_t *rows;
    size_t states, cap, max_states;
    uint32_t *table;    /* open addressing: DFA state + 1, 0 free */
    size_t table_cap;
    /* the closure's work */
    int *stack, *members;
    uint32_t *seen;
    uint32_t generation;
    bool too_many, no_memory;
} subset_t;

/* Insertion sort: the sets are mostly a few dozen states, where qsort's
 * calls through a comparison function cost several times more. */
static void sort_ints(int *v, int n)
{
    for (int i = 1; i < n; i++) {
        int x = v[i], j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* The states reachable by empty edges from the `n` starts in
 * sub->members (replaced by the closure's states that matter, sorted);
 * returns their number. */
static int closure(subset_t *sub, int n)
{
    const nfa_t *a = sub->nfa;
    if (++sub->generation == 0) { // wrapped: forget every mark
        memset(sub->seen, 0, (size_t)a->count * sizeof *sub->seen);
        sub->generation = 1;
    }
    int top = 0, out = 0;
    for (int i = 0; i < n; i++)
        if (sub->seen[sub->members[i]] != sub->generation) {
            sub->seen[sub->members[i]] = sub->generation;
            sub->stack[top++] = sub->members[i];
        }
    while (top > 0) {
        int s = sub->stack[--top];
        const nstate_t *st = &a->s[s];
        if (st->set || st->accept)
            sub->members[out++] = s;
        for (int e = 0; e < 2; e++) {
            int t = st->eps[e];
            if (t >= 0 && sub->seen[t] != sub->generation) {
                sub->seen[t] = sub->generation;
                sub->stack[top++] = t;
            }
        }
    }
    sort_ints(sub->members, out);
    return out;
}

static uint64_t hash_set(const int *m, int n)
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < n; i++) {
        h ^= (uint64_t)(uint32_t)m[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static bool grow_table(subset_t *sub)
{
    size_t cap = sub->table_cap ? sub->table_cap * 2 : 1024;
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t)
        return false;
    for (size_t i = 0; i < sub->table_cap; i++) {
        uint32_t v = sub->table[i];
        if (!v)
            continue;
        size_t at = (size_t)hash_set(sub->pool + sub->set_at[v - 1], sub->set_len[v - 1]) &
                    (cap - 1);
        while (t[at])
            at = (at + 1) & (cap - 1);
        t[at] = v;
    }
    free(sub->table);
    sub->table = t;
    sub->table_cap = cap;
    return true;
}

/* The DFA state of the set in sub->members[0..n), added when new; the
 * empty set is the dead state. -1 when over the cap or out of memory. */
static long state_of(subset_t *sub, int n)
{
    if (n == 0)
        return DIGIT_DFA_DEAD;
    if (sub->states * 2 >= sub->table_cap && !grow_table(sub)) {
        sub->no_memory = true;
        return -1;
    }
    size_t at = (size_t)hash_set(sub->members, n) & (sub->table_cap - 1);
    for (uint32_t v; (v = sub->table[at]) != 0; at = (at + 1) & (sub->table_cap - 1))
        if (sub->set_len[v - 1] == n &&
            memcmp(sub->pool + sub->set_at[v - 1], sub->members, (size_t)n * sizeof(int)) == 0)
            return (long)v - 1;
    if (sub->states >= sub->max_states) {
        sub->too_many = true;
        return -1;
    }
    if (sub->pool_len + (size_t)n > MAX_SUBSET_INTS) {
        sub->too_many = true;
        return -1;
    }
    if (sub->states == sub->cap) {
        size_t cap = sub->cap * 2;
        digit_dfa_row_t *rows = realloc(sub->rows, cap * sizeof *rows);
        if (rows)
            sub->rows = rows;
        size_t *at2 = realloc(sub->set_at, cap * sizeof *at2);
        if (at2)
            sub->set_at = at2;
        int *len2 = realloc(sub->set_len, cap * sizeof *len2);
        if (len2)
            sub->set_len = len2;
        if (!rows || !at2 || !len2) {
            sub->no_memory = true;
            return -1;
        }
        sub->cap = cap;
    }
    if (sub->pool_len + (size_t)n > sub->pool_cap) {
        size_t cap = (sub->pool_cap ? sub->pool_cap * 2 : 4096) + (size_t)n;
        int *pool = realloc(sub->pool, cap * sizeof *pool);
        if (!pool) {
            sub->no_memory = true;
            return -1;
        }
        sub->pool = pool;
        sub->pool_cap = cap;
    }
    size_t id = sub->states++;
    memcpy(sub->pool + sub->pool_len, sub->members, (size_t)n * sizeof(int));
    sub->set_at[id] = sub->pool_len;
    sub->set_len[id] = n;
    sub->pool_len += (size_t)n;
    digit_dfa_row_t *row = &sub->rows[id];
    memset(row, 0, sizeof *row);
    for (int i = 0; i < n; i++)
        row->accept |= sub->nfa->s[sub->members[i]].accept;
    sub->table[at] = (uint32_t)id + 1;
    return (long)id;
}

static void subset_free(subset_t *sub)
{
    free(sub->pool);
    free(sub->set_at);
    free(sub->set_len);
    free(sub->table);
    free(sub->stack);
    free(sub->members);
    free(sub->seen);
}

/* An earlier digit than `digit` that every member of the set takes or
 * refuses exactly as it does; -1 when none. */
static int same_column(const nfa_t *a, const int *set, int n, int digit)
{
    for (int e = 0; e < digit; e++) {
        int i = 0;
        while (i < n && ((a->s[set[i]].set >> e) & 1u) == ((a->s[set[i]].set >> digit) & 1u))
            i++;
        if (i == n)
            return e;
    }
    return -1;
}

/* Every state reachable from `start`, breadth first: a state's row is
 * filled when its turn comes, the states it leads to added as met. */
static digit_dfa_t *determinise(const nfa_t *a, int start, size_t max_states, char *err,
                                size_t errlen)
{
    subset_t sub = {.nfa = a, .max_states = max_states, .cap = 64};
    size_t n = (size_t)a->count;
    sub.rows = malloc(sub.cap * sizeof *sub.rows);
    sub.set_at = malloc(sub.cap * sizeof *sub.set_at);
    sub.set_len = malloc(sub.cap * sizeof *sub.set_len);
    sub.stack = malloc(n * sizeof *sub.stack);
    sub.members = malloc(n * sizeof *sub.members);
    sub.seen = calloc(n, sizeof *sub.seen);
    digit_dfa_t *d = malloc(sizeof *d);
    bool ok = sub.rows && sub.set_at && sub.set_len && sub.stack && sub.members && sub.seen &&
              d && grow_table(&sub);
    if (ok) {
        // the dead state (the empty set, never in the table), then the start
        memset(&sub.rows[0], 0, sizeof sub.rows[0]);
        sub.set_at[0] = 0;
        sub.set_len[0] = 0;
        sub.states = 1;
        sub.members[0] = start;
        int m = closure(&sub, 1);
        ok = state_of(&sub, m) == DIGIT_DFA_START || (m == 0 && !sub.too_many);
        if (m == 0) { // no pattern at all: a start that leads nowhere
            memset(&sub.rows[1], 0, sizeof sub.rows[1]);
            sub.set_at[1] = 0;
            sub.set_len[1] = 0;
            sub.states = 2;
        }
    }
    for (size_t s = DIGIT_DFA_START; ok && s < sub.states; s++) {
        for (int digit = 0; digit < 10 && ok; digit++) {
            // a digit that leads from exactly the same members as an earlier
            // one leads to the same state: most digits share a class (\d,
            // [2-9]), and the closure is the construction's whole cost
            int same = same_column(a, sub.pool + sub.set_at[s], sub.set_len[s], digit);
            if (same >= 0) {
                sub.rows[s].next[digit] = sub.rows[s].next[same];
                continue;
            }
            int m = 0;
            // (the set moves when the pool grows: read it by offset each time)
            for (int i = 0; i < sub.set_len[s]; i++) {
                const nstate_t *st = &a->s[sub.pool[sub.set_at[s] + (size_t)i]];
                if (st->set & (1u << digit))
                    sub.members[m++] = st->on;
            }
            long to = state_of(&sub, closure(&sub, m));
            if (to < 0)
                ok = false;
            else
                sub.rows[s].next[digit] = (uint16_t)to;
        }
    }
    if (ok) {
        digit_dfa_row_t *rows = realloc(sub.rows, sub.states * sizeof *rows);
        d->rows = rows ? rows : sub.rows;
        d->states = sub.states;
        sub.rows = NULL;
    } else {
        if (sub.too_many)
            set_error(err, errlen, "digit patterns refused: the automaton would have more "
                                   "than %zu states (or its state sets more than %d entries)",
                      max_states, MAX_SUBSET_INTS);
        else
            set_error(err, errlen, "digit patterns refused: out of memory");
        free(sub.rows);
        free(d);
        d = NULL;
    }
    subset_free(&sub);
    return d;
}

/* ---- the interface ----------------------------------------------------- */

digit_dfa_t *digit_dfa_build(const char *const *pats, size_t n, size_t max_states, char *err,
                             size_t errlen)
{
    if (n > DIGIT_DFA_MAX_PATTERNS) {
        set_error(err, errlen, "digit patterns refused: %zu patterns, at most %d", n,
                  (int)DIGIT_DFA_MAX_PATTERNS);
        return NULL;
    }
    if (max_states == 0 || max_states > DIGIT_DFA_MAX_STATES)
        max_states = DIGIT_DFA_MAX_STATES;
    nfa_t a = {0};
    int start = nfa_new(&a);
    int split = start;
    bool ok = start >= 0;
    for (size_t i = 0; i < n && ok; i++) {
        if (!pats[i] || !pats[i][0])
            continue;
        parser_t p = {.err = err, .errlen = errlen};
        int root = parse_pattern(&p, pats[i]);
        if (root < 0) {
            free(p.nodes);
            ok = false;
            break;
        }
        // each pattern behind a split of its own: start -> (pattern 0 | onwards)
        int entry = nfa_new(&a), onward = nfa_new(&a);
        nfa_eps(&a, split, entry);
        nfa_eps(&a, split, onward);
        split = onward;
        int end = emit(&a, p.nodes, root, entry);
        if (end >= 0)
            a.s[end].accept |= (uint16_t)(1u << i);
        free(p.nodes);
        if (a.failed) {
            set_error(err, errlen, "digit pattern %zu refused: its automaton would have more "
                                   "than %d states before determinisation (or memory ran out)",
                      i, MAX_NFA_STATES);
            ok = false;
        }
    }
    digit_dfa_t *d = ok ? determinise(&a, start, max_states, err, errlen) : NULL;
    free(a.s);
    return d;
}

size_t digit_dfa_bytes(const digit_dfa_t *d)
{
    return d ? sizeof *d + d->states * sizeof d->rows[0] : 0;
}

void digit_dfa_free(digit_dfa_t *d)
{
    if (d) {
        free(d->rows);
        free(d);
    }
}

/* ---- examples, for the tests ------------------------------------------- */

static uint64_t next_random(uint64_t *seed)
{
    uint64_t x = *seed ? *seed : 0x9E3779B97F4A7C15ull; // xorshift64*
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *seed = x;
    return x * 2685821657736338717ull;
}

static bool example_of(const node_t *nodes, int node, uint64_t *seed, char *out, size_t cap,
                       size_t *len)
{
    const node_t *n = &nodes[node];
    switch (n->kind) {
    case NODE_EMPTY:
        return true;
    case NODE_SET: {
        int digits[10], k = 0;
        for (int d = 0; d < 10; d++)
            if (n->set & (1u << d))
                digits[k++] = d;
        if (*len + 1 >= cap)
            return false;
        out[(*len)++] = (char)('0' + digits[next_random(seed) % (uint64_t)k]);
        return true;
    }
    case NODE_CAT:
        for (int c = n->child; c >= 0; c = nodes[c].next)
            if (!example_of(nodes, c, seed, out, cap, len))
                return false;
        return true;
    case NODE_ALT: {
        int k = 0;
        for (int c = n->child; c >= 0; c = nodes[c].next)
            k++;
        int pick = (int)(next_random(seed) % (uint64_t)k), c = n->child;
        while (pick-- > 0)
            c = nodes[c].next;
        return example_of(nodes, c, seed, out, cap, len);
    }
    case NODE_REP: {
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
