#!/bin/sh
# Headless `dialtop import`: report contents, JSON, rejects file, and the
# exit codes of cli/exit_codes.h (0 clean, 1 import stopped, 2 usage, 3 rows rejected: refused before any request).
# Runs the real binary; no terminal needed.
set -u
BIN=${DIALTOP_BIN:?DIALTOP_BIN not set}
T=${DIALTOP_TEST_TMP:-$(mktemp -d)}/cli_import
mkdir -p "$T"
fail() { echo "FAIL: $*"; exit 1; }

# expect CODE CMD...: runs CMD, keeps stdout/stderr, checks the exit code
expect() {
    want=$1; shift
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    [ "$got" -eq "$want" ] || { cat "$T/out" "$T/err"; fail "exit $got, want $want: $*"; }
}
has() { grep -qF -- "$2" "$T/$1" || { cat "$T/$1"; fail "$1 lacks: $2"; }; }

printf 'name;Phone;city\r\nAnn;(201) 555-1234;NYC\r\n\r\nBob;1.4E+10;LA\r\nDup;201.555.1234;\r\nCy;+44 20 7946 0958;"Lon;don"\r\n' >"$T/mixed.csv"
printf 'phone,name\n2015551234,a\n+12015551235,b\n' >"$T/clean.csv"

expect 0 "$BIN" import "$T/clean.csv" --dry-run
has out "rows read  2 = 2 accepted + 0 rejected"
has out "dry run: nothing uploaded"

rm -f "$T/rejects.csv" # a new file only: a rerun in the same directory must not find it
expect 3 "$BIN" import "$T/mixed.csv" --dry-run --rejects-out "$T/rejects.csv"
has out "delimiter  semicolon (detected)"
has out "phone      column 2 \"Phone\" (detected), region US"
has out "rows read  4 = 2 accepted + 2 rejected; 1 blank line skipped"
has out "line 4, column 2 (Phone): invalid_phone: \"1.4E+10\": a spreadsheet"
has out "line 5, column 2 (Phone): duplicate: +12015551234 is already on line 2"
has rejects.csv "rejected_line,rejected_reason,name,Phone,city"
has rejects.csv "5,duplicate: +12015551234 is already on line 2 (kept there),Dup,201.555.1234,"

expect 0 "$BIN" import "$T/mixed.csv" --dry-run --allow-rejects

expect 3 "$BIN" import "$T/mixed.csv" --dry-run --json
has out '"rows_read":4,"accepted":2,"rejected":2,"blank_lines":1'
has out '"code":"duplicate","message":"+12015551234 is already on line 2 (kept there)","first_line":2'
has out '"delimiter":";"'

# the re-exported rejects, fixed, import cleanly
sed 's/,1\.4E+10,/,201-555-7777,/; /^5,/d' "$T/rejects.csv" >"$T/fixed.csv"
expect 0 "$BIN" import "$T/fixed.csv" --dry-run --delimiter comma
has out "rows read  1 = 1 accepted + 0 rejected"

# options
printf 'mobile\n098765 43210\n' >"$T/in.csv"
expect 3 "$BIN" import "$T/in.csv" --dry-run
expect 0 "$BIN" import "$T/in.csv" --dry-run --region IN
has out "region IN"
# the default region comes from the profile (tests run with an empty
# XDG_CONFIG_HOME: the built-in profile has none, so US)
has out "region IN (given)"
expect 3 "$BIN" import "$T/in.csv" --dry-run
has out "region US (default)"
cfg="$T/config"
printf '[profile india]\nprovider = omnidim\napi_key_env = OMNI_KEY\nregion = IN\n\n[profile odd]\nprovider = truedy\napi_key_env = K\nregion = ZZ\n' >"$cfg"
chmod 600 "$cfg"
expect 0 "$BIN" import "$T/in.csv" --dry-run --config "$cfg"
has out "region IN (profile india)"
expect 3 "$BIN" import "$T/in.csv" --dry-run --config "$cfg" --region US
expect 2 "$BIN" import "$T/in.csv" --dry-run --config "$cfg" --profile odd
has err 'region "ZZ" is not supported'
expect 2 "$BIN" import "$T/in.csv" --dry-run --config "$cfg" --profile nope
has err "no profile named 'nope'"
printf 'name,cell\nJos\351,2015551234\n' >"$T/latin.csv"
expect 1 "$BIN" import "$T/latin.csv" --dry-run
has err "import stopped, nothing imported: no phone column"
expect 3 "$BIN" import "$T/latin.csv" --dry-run --phone-column CELL
has out "invalid_utf8"
expect 0 "$BIN" import "$T/latin.csv" --dry-run --phone-column cell --encoding cp1252
printf 'phone\n1\n2\n3\n' >"$T/rows.csv"
expect 1 "$BIN" import "$T/rows.csv" --dry-run --max-rows 2
has err "--max-rows"

# structural faults: exit 1, nothing reported as imported
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$T/img.png"
expect 1 "$BIN" import "$T/img.png" --dry-run
has err "not a text file: it is a PNG image"
printf 'phone,note\n2015551234,"open\n2015551235,x\n' >"$T/quote.csv"
expect 1 "$BIN" import "$T/quote.csv" --dry-run --json
has out '"error":"bad_quoting"'
has err "line 2: unterminated quote"
expect 1 "$BIN" import "$T/missing.csv" --dry-run
has err "cannot open"

# usage (the upload itself: test_cli_upload.sh)
expect 2 "$BIN" import
expect 2 "$BIN" import "$T/clean.csv" --dry-run --bogus
expect 2 "$BIN" import "$T/clean.csv" --dry-run --region XX
expect 2 "$BIN" import "$T/clean.csv" --dry-run --max-rows -5
expect 2 "$BIN" import "$T/clean.csv" --dry-run --delimiter x
expect 2 "$BIN" import "$T/clean.csv"
has err "uploading needs --name"
expect 2 "$BIN" import "$T/clean.csv" --dry-run --retry-limit 9
expect 2 "$BIN" import "$T/clean.csv" --dry-run --concurrency 0
expect 0 "$BIN" import "$T/clean.csv" --dry-run --name Spring --at "2026-12-01 09:00" --tz Europe/London
has out 'campaign   "Spring" at 2026-12-01 09:00 Europe/London'

# untrusted cells never reach the terminal raw
printf 'phone\n555\033[31mX\n' >"$T/esc.csv"
expect 3 "$BIN" import "$T/esc.csv" --dry-run
has out '\x1b[31mX'
if grep -q "$(printf '\033')" "$T/out"; then fail "raw ESC in the report"; fi
echo "ok"
