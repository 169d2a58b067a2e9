#!/bin/sh
# docs/dialtop.1's list of keys is the program's own: the lines between
# .\" keys:begin and .\" keys:end must equal `dialtop --keys-man`, which
# is generated from the keymap (commands, key codes, scopes) and the
# model's action table, like README's table (test_readme_keys.sh). So
# every key the man page lists exists, and every key the console binds,
# in a view or in a dialog, is in the man page. DIALTOP_MAN names another
# file to check (default: the repository's docs/dialtop.1).
set -u
: "${DIALTOP_BIN:?DIALTOP_BIN must point at the built dialtop (tests/run_one.sh sets it)}"
man=${DIALTOP_MAN:-$(cd "$(dirname "$0")/../.." && pwd)/docs/dialtop.1}
tmp=$(mktemp -d "${DIALTOP_TEST_TMP:-${TMPDIR:-/tmp}}/man-keys.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

[ -f "$man" ] || { echo "FAIL: $man does not exist"; exit 1; }
begins=$(grep -c '^\.\\" keys:begin$' "$man")
ends=$(grep -c '^\.\\" keys:end$' "$man")
if [ "$begins" -ne 1 ] || [ "$ends" -ne 1 ]; then
    echo "FAIL: $man needs exactly one '.\\\" keys:begin' and one '.\\\" keys:end'"
    echo "      line around the keys list (found $begins and $ends); paste the output of"
    echo "      'dialtop --keys-man' between them."
    exit 1
fi
sed -n '/^\.\\" keys:begin$/,/^\.\\" keys:end$/p' "$man" | sed '1d;$d' >"$tmp/man"
"$DIALTOP_BIN" --keys-man >"$tmp/program" || { echo "FAIL: dialtop --keys-man failed"; exit 1; }
[ -s "$tmp/program" ] || { echo "FAIL: dialtop --keys-man printed nothing"; exit 1; }
if ! cmp -s "$tmp/man" "$tmp/program"; then
    echo "FAIL: docs/dialtop.1's keys list differs from 'dialtop --keys-man'"
    echo "      (- man page, + program; regenerate it with the command):"
    diff -u "$tmp/man" "$tmp/program" | sed -n '3,$p'
    exit 1
fi
# the keys the brief found bound but documented nowhere are listed now
for k in F1 F5 Left Backspace; do
    grep -q "\\\\fB$k\\\\fR" "$tmp/program" || { echo "FAIL: $k is bound but not in the man page"; exit 1; }
done
exit 0
