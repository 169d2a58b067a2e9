#!/bin/sh
# README.md's keys table is the program's own: the lines between
# <!-- keys:begin --> and <!-- keys:end --> must equal
# `dialtop --keys-markdown`, which is generated from the keymap and the
# model's action table. So every key README lists exists, and every key
# the console has is in README. DIALTOP_README names another file to
# check (default: the repository's README.md).
set -u
: "${DIALTOP_BIN:?DIALTOP_BIN must point at the built dialtop (tests/run_one.sh sets it)}"
readme=${DIALTOP_README:-$(cd "$(dirname "$0")/../.." && pwd)/README.md}
tmp=$(mktemp -d "${DIALTOP_TEST_TMP:-${TMPDIR:-/tmp}}/readme-keys.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

[ -f "$readme" ] || { echo "FAIL: $readme does not exist"; exit 1; }
begins=$(grep -c '^<!-- keys:begin -->$' "$readme")
ends=$(grep -c '^<!-- keys:end -->$' "$readme")
if [ "$begins" -ne 1 ] || [ "$ends" -ne 1 ]; then
    echo "FAIL: $readme needs exactly one '<!-- keys:begin -->' and one '<!-- keys:end -->'"
    echo "      line around the keys table (found $begins and $ends); paste the output of"
    echo "      'dialtop --keys-markdown' between them."
    exit 1
fi
sed -n '/^<!-- keys:begin -->$/,/^<!-- keys:end -->$/p' "$readme" | sed '1d;$d' |
    sed '/^[[:space:]]*$/d' >"$tmp/readme"
"$DIALTOP_BIN" --keys-markdown >"$tmp/program" || { echo "FAIL: dialtop --keys-markdown failed"; exit 1; }
[ -s "$tmp/program" ] || { echo "FAIL: dialtop --keys-markdown printed nothing"; exit 1; }
if ! cmp -s "$tmp/readme" "$tmp/program"; then
    echo "FAIL: README.md's keys table differs from 'dialtop --keys-markdown'"
    echo "      (- README, + program; regenerate it with the command):"
    diff -u "$tmp/readme" "$tmp/program" | sed -n '3,$p'
    exit 1
fi
exit 0
