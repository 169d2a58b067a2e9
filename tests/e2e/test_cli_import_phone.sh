#!/bin/sh
# Headless `dialtop import` and issue 18: number types in the report, the
# new reasons, --allow-premium, and --dry-run --out CLEAN.csv (the list as
# it would be uploaded, never over an existing file). The real binary; no
# terminal needed.
set -u
BIN=${DIALTOP_BIN:?DIALTOP_BIN not set}
T=${DIALTOP_TEST_TMP:-$(mktemp -d)}/cli_import_phone.$$
mkdir -p "$T"
fail() { echo "FAIL: $*"; exit 1; }
expect() {
    want=$1; shift
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    [ "$got" -eq "$want" ] || { cat "$T/out" "$T/err"; fail "exit $got, want $want: $*"; }
}
has() { grep -qF -- "$2" "$T/$1" || { cat "$T/$1"; fail "$1 lacks: $2"; }; }
lacks() { ! grep -qF -- "$2" "$T/$1" || { cat "$T/$1"; fail "$1 has: $2"; }; }

printf 'name,phone,note\n' >"$T/list.csv"
printf 'Ann,(201) 555-0123 x305,=SUM(1)\n' >>"$T/list.csv"        # 2 extension
printf 'Bob,1-800-FLOWERS,\n' >>"$T/list.csv"                       # 3 vanity, toll-free
printf 'Cy,+1 900 555 0123,\n' >>"$T/list.csv"                      # 4 premium
printf 'Di,+1 555 555 5555,\n' >>"$T/list.csv"                      # 5 dead
printf 'Ed,923418040123,\n' >>"$T/list.csv"                         # 6 Pakistan without +
printf 'Fi,+44 20 7946 0958,"a,b"\n' >>"$T/list.csv"                # 7
printf 'Gu,+44 800 FLOWERS,\n' >>"$T/list.csv"                      # 8 letters in GB

expect 3 "$BIN" import "$T/list.csv" --dry-run --out "$T/clean.csv"
has out "rows read  7 = 3 accepted + 4 rejected"
has out "types      fixed_line 1 fixed_or_mobile 1 toll_free 1"
has out "not_in_service 1 wrong_country 1 premium_rate 1 vanity_letters 1"
has out "looks like a +92 number"
has out "write it with +"
has out "--allow-premium accepts it"
has out "clean      3 rows written to"
# the clean list: line, E.164, type, extension, the other columns; formula-safe
printf 'line,phone,type,extension,name,note\r\n2,"'"'"'+12015550123",fixed_or_mobile,305,Ann,"'"'"'=SUM(1)"\r\n3,"'"'"'+18003569377",toll_free,,Bob,\r\n7,"'"'"'+442079460958",fixed_line,,Fi,"a,b"\r\n' >"$T/want.csv"
cmp -s "$T/clean.csv" "$T/want.csv" || { diff "$T/want.csv" "$T/clean.csv"; fail "clean list differs"; }
[ "$(stat -c %a "$T/clean.csv")" = 600 ] || fail "clean list mode $(stat -c %a "$T/clean.csv"), want 600"

# never over an existing file, nor through a symlink; nothing read then
cp "$T/clean.csv" "$T/before.csv"
expect 2 "$BIN" import "$T/list.csv" --dry-run --out "$T/clean.csv"
has err "already exists"
cmp -s "$T/clean.csv" "$T/before.csv" || fail "the existing file was changed"
ln -s "$T/elsewhere.csv" "$T/link.csv"
expect 2 "$BIN" import "$T/list.csv" --dry-run --out "$T/link.csv"
[ ! -e "$T/elsewhere.csv" ] || fail "wrote through a symlink"
# a structural fault leaves no clean file behind
printf 'name\nAnn\n' >"$T/nophone.csv"
expect 1 "$BIN" import "$T/nophone.csv" --dry-run --out "$T/none.csv"
[ ! -e "$T/none.csv" ] || fail "a clean file was left after a failed import"

# --allow-premium accepts the 900 number; the JSON report counts types
expect 3 "$BIN" import "$T/list.csv" --dry-run --allow-premium --json
has out '"premium_rate":1'
has out '"accepted_by_type":{"fixed_line":1,"fixed_or_mobile":1,"toll_free":1,"premium_rate":1}'
lacks out '"code":"premium_rate"'

# each region's own international prefix: 0011 in AU, not 00 in the US
printf 'phone\n0011 44 20 7946 0958\n' >"$T/au.csv"
expect 0 "$BIN" import "$T/au.csv" --dry-run --region AU
printf 'phone\n0044 20 7946 0958\n' >"$T/us00.csv"
expect 3 "$BIN" import "$T/us00.csv" --dry-run --region US
echo "ok"
