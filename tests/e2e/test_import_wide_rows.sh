#!/bin/sh
# The importer's memory stays bounded on wide rows: a data row is stored
# only up to the header's width (plus a small slack), whatever its shape.
# Peak RSS is read with /usr/bin/time -v on one run per shape and must stay
# under 3x the file plus a constant (generous: a memory ceiling, not a
# timing). Before the fix one 10 MB row of commas took about 880 MB.
set -u
BIN=${DIALTOP_BIN:?DIALTOP_BIN not set}
T=${DIALTOP_TEST_TMP:-$(mktemp -d)}/wide_rows.$$
mkdir -p "$T/config"
export XDG_CONFIG_HOME="$T/config"
fail() { echo "FAIL: $*"; [ -f "$T/err" ] && sed 's/^/  err: /' "$T/err"; exit 1; }
[ -x /usr/bin/time ] || { echo "SKIP: wide rows: /usr/bin/time is not installed (make deps)"; exit 0; }

CONSTANT_KB=40000   # the program, its libraries and the import's fixed tables
# Under AddressSanitizer RSS says nothing about the program (redzones, and
# freed memory held in quarantine): the shapes still run and are checked
# for their verdicts, but not for memory.
SANITIZED=0
ldd "$BIN" 2>/dev/null | grep -q libasan && SANITIZED=1
# under LIMIT_KB RSS_KB: true when the peak is under the limit (or unmeasurable)
under() { [ "$SANITIZED" = 1 ] || [ "$2" -lt "$1" ]; }
MB=10000000

# RSS_OF FILE: runs the dry-run import under time -v, prints max RSS in kB.
rss_of() {
    /usr/bin/time -v "$BIN" import "$1" --dry-run >"$T/out" 2>"$T/err"
    rc=$?
    [ "$rc" -eq 3 ] || fail "$1: exit $rc, wanted 3 (rows rejected)"
    sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$T/err"
}

check() { # FILE WHAT
    size_kb=$(( $(wc -c <"$1") / 1000 ))
    rss=$(rss_of "$1")
    [ -n "$rss" ] || fail "$2: no RSS figure from time -v"
    limit=$((3 * size_kb + CONSTANT_KB))
    echo "  $2: file ${size_kb} kB, peak RSS ${rss} kB (limit ${limit} kB)"
    under "$limit" "$rss" || fail "$2: peak RSS ${rss} kB over ${limit} kB"
}

# 1. one data row of 10 million commas
{ printf 'phone,name\n2012011234,a\n2012011235'; head -c "$MB" /dev/zero | tr '\0' ','; printf '\n2012011236,b\n'; } >"$T/one.csv"
check "$T/one.csv" "one 10 MB row"
grep -q "too_many_fields: 10000001 fields; the header has 2" "$T/out" ||
    { cat "$T/out"; fail "the wide row was not rejected with its field count"; }
grep -q "rows read  3 = 2 accepted + 1 rejected" "$T/out" || fail "rows were lost"

# 2. two thousand rows of 5000 fields each (each one rejected, each kept for
#    the rejects file: only its first fields)
row=$(head -c 4999 /dev/zero | tr '\0' ',')
awk -v row="$row" 'BEGIN { print "phone,name,city"; for (i = 0; i < 2000; i++) printf "201201%04d%s\n", i, row }' >"$T/many.csv"
check "$T/many.csv" "2000 rows of 5000 fields"
grep -q "rows read  2000 = 0 accepted + 2000 rejected" "$T/out" || { cat "$T/out"; fail "rows were lost"; }

# 3. a header past --max-columns is refused, not stored
{ printf 'phone'; head -c "$MB" /dev/zero | tr '\0' ','; printf '\n2012011234\n'; } >"$T/head.csv"
size_kb=$(( $(wc -c <"$T/head.csv") / 1000 ))
/usr/bin/time -v "$BIN" import "$T/head.csv" --dry-run >"$T/out" 2>"$T/err"
grep -q "the header has 10000001 columns; the limit is 200" "$T/err" || fail "wide header not refused"
rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$T/err")
echo "  wide header: file ${size_kb} kB, peak RSS ${rss} kB"
under $((3 * size_kb + CONSTANT_KB)) "$rss" || fail "wide header: peak RSS ${rss} kB"
# 4. three million short rows, every one rejected: each rejection is kept
#    for the report, so past a budget of twice the file the import stops as
#    a whole (it took about 208 MB for this 9 MB file before)
{ echo phone; yes 12 | head -n 3000000; } >"$T/short.csv"
size_kb=$(( $(wc -c <"$T/short.csv") / 1000 ))
/usr/bin/time -v "$BIN" import "$T/short.csv" --dry-run >"$T/out" 2>"$T/err"
grep -q "rows rejected so far, more than dialtop keeps for a file of this size" "$T/err" ||
    fail "short rejected rows: the import did not stop at its memory budget"
rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$T/err")
echo "  3M short rejected rows: file ${size_kb} kB, peak RSS ${rss} kB"
under $((3 * size_kb + CONSTANT_KB)) "$rss" || fail "short rejected rows: peak RSS ${rss} kB"
echo "ok: import memory bounded on wide rows"
