#!/bin/sh
# `dialtop import --rejects-out FILE` writes a new file only: it refuses the
# input file, any existing file, and any symlink (dangling or not), before
# the import runs; the file it creates is mode 600 (it holds phone numbers).
set -u
BIN=${DIALTOP_BIN:?DIALTOP_BIN not set}
T=${DIALTOP_TEST_TMP:-$(mktemp -d)}/rejects_out.$$
mkdir -p "$T"
fail() { echo "FAIL: $*"; exit 1; }
expect() {
    want=$1; shift
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    [ "$got" -eq "$want" ] || { cat "$T/out" "$T/err"; fail "exit $got, want $want: $*"; }
}
has() { grep -qF -- "$2" "$T/$1" || { cat "$T/$1"; fail "$1 lacks: $2"; }; }

printf 'phone,name\n5552011234,a\nnot-a-phone,b\n' >"$T/in.csv"
cp "$T/in.csv" "$T/in.orig"
echo "precious" >"$T/keep.txt"

# the input itself, by its name and through another path to it
expect 2 "$BIN" import "$T/in.csv" --dry-run --rejects-out "$T/in.csv"
has err "is the input file"
expect 2 "$BIN" import "$T/in.csv" --dry-run --rejects-out "$T/./in.csv"
has err "is the input file"
cmp -s "$T/in.csv" "$T/in.orig" || fail "the contact list was changed"

# an existing file
expect 2 "$BIN" import "$T/in.csv" --dry-run --rejects-out "$T/keep.txt"
has err "already exists"
[ "$(cat "$T/keep.txt")" = precious ] || fail "an existing file was overwritten"

# a symlink to a file, and a dangling one
ln -s "$T/keep.txt" "$T/link.csv"
expect 2 "$BIN" import "$T/in.csv" --dry-run --rejects-out "$T/link.csv"
has err "symbolic link"
[ "$(cat "$T/keep.txt")" = precious ] || fail "a symlink was followed"
ln -s "$T/nowhere.csv" "$T/dangling.csv"
expect 2 "$BIN" import "$T/in.csv" --dry-run --rejects-out "$T/dangling.csv"
[ -e "$T/nowhere.csv" ] && fail "a dangling symlink was followed"

# a new file: written, mode 600, whatever the umask
(umask 022; expect 3 "$BIN" import "$T/in.csv" --dry-run --rejects-out "$T/new.csv") ||
    fail "a new rejects file was not written"
has new.csv "not-a-phone"
[ "$(stat -c %a "$T/new.csv")" = 600 ] || fail "rejects file mode $(stat -c %a "$T/new.csv")"
echo "ok: --rejects-out writes new files only"
