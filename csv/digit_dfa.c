/* digit_dfa.h's automata: each pattern's tree (digit_dfa_parse.c) through
 * Thompson's construction (bounded repeats written out copy by copy), then
 * the subset construction. The languages here are finite (no unbounded
 * repeat is taken), so the subset construction always ends; the state cap
 * only bounds its size. */
#include "digit_dfa.h"
#include "digit_dfa_parse.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_NFA_STATES = 1 << 20,
    MAX_SUBSET_INTS = 1 << 24, /* the subset construction's sets, all together */
};

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
static int emit(nfa_t *a, const digit_node_t *nodes, int node, int entry)
{
    if (a->failed || entry < 0)
        return -1;
    const digit_node_t *n = &nodes[node];
    switch (n->kind) {
    case DIGIT_NODE_EMPTY:
        return entry;
    case DIGIT_NODE_SET: {
        int x = nfa_new(a);
        if (x < 0)
            return -1;
        a->s[entry].set = n->set;
        a->s[entry].on = x;
        return x;
    }
    case DIGIT_NODE_CAT: {
        int cur = entry;
        for (int c = n->child; c >= 0 && cur >= 0; c = nodes[c].next)
            cur = emit(a, nodes, c, cur);
        return cur;
    }
    case DIGIT_NODE_ALT: {
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
    case DIGIT_NODE_REP: {
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
            digit_dfa_error(err, errlen, "digit patterns refused: the automaton would have more "
                                   "than %zu states (or its state sets more than %d entries)",
                      max_states, MAX_SUBSET_INTS);
        else
            digit_dfa_error(err, errlen, "digit patterns refused: out of memory");
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
        digit_dfa_error(err, errlen, "digit patterns refused: %zu patterns, at most %d", n,
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
        digit_tree_t tree;
        int root = digit_tree_parse(&tree, pats[i], err, errlen);
        if (root < 0) {
            ok = false;
            break;
        }
        // each pattern behind a split of its own: start -> (pattern 0 | onwards)
        int entry = nfa_new(&a), onward = nfa_new(&a);
        nfa_eps(&a, split, entry);
        nfa_eps(&a, split, onward);
        split = onward;
        int end = emit(&a, tree.nodes, root, entry);
        if (end >= 0)
            a.s[end].accept |= (uint16_t)(1u << i);
        digit_tree_free(&tree);
        if (a.failed) {
            digit_dfa_error(err, errlen, "digit pattern %zu refused: its automaton would have more "
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
