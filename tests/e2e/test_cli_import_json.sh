#!/bin/sh
# `dialtop import --json` with many rejections: the report's rejections are
# streamed in pieces (cli/cmd_import.c), not printed from one cJSON tree.
# The report must still be one valid JSON object, in cJSON's compact form
# (re-serialised by Python, byte for byte the same), one rejection per
# rejected row in file order, with the members that follow the rejections
# still there. Runs the real binary; no terminal needed.
set -u
BIN=${DIALTOP_BIN:?DIALTOP_BIN not set}
T=${DIALTOP_TEST_TMP:-$(mktemp -d)}/cli_import_json
mkdir -p "$T"
rm -f "$T/rejects.csv"
fail() { echo "FAIL: $*"; exit 1; }

# 3,000 rows in a pattern of five: a good number, its duplicate, a number
# that is not one (with a quote, a backslash and a tab in the cell, to be
# escaped), a row short of a field and a row with one too many. The report
# is far larger than one piece of the stream (64 KiB).
awk 'BEGIN {
    print "name,phone,city"
    for (i = 0; i < 600; i++) {
        n = sprintf("+1201555%04d", i)
        printf "a%d,%s,x\n", i, n
        printf "b%d,%s,y\n", i, n
        printf "c%d,\"12\"\"3\\\t%d\",z\n", i, i
        printf "d%d,%s\n", i, n
        printf "e%d,%s,x,extra\n", i, n
    }
}' >"$T/many.csv"

"$BIN" import "$T/many.csv" --dry-run --json --allow-rejects --rejects-out "$T/rejects.csv" \
    --name Spring >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] || { cat "$T/err"; fail "import exit $rc, want 0"; }

python3 - "$T/out" <<'PY' || fail "the --json report (above)"
import json, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"}\n"), "one object, one line"
o = json.loads(raw)
again = json.dumps(o, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"
assert again == raw, "not cJSON's compact form"
keys = list(o)
assert keys.index("rejections") < keys.index("rejects_out") < keys.index("name"), keys
assert o["rows_read"] == 3000 and o["accepted"] == 600 and o["rejected"] == 2400, o["rejected"]
rej = o["rejections"]
assert len(rej) == 2400, len(rej)
assert [r["line"] for r in rej] == sorted(r["line"] for r in rej), "file order"
dup = [r for r in rej if r["code"] == "duplicate"]
assert len(dup) == 600 and all(r["first_line"] == r["line"] - 1 for r in dup)
assert list(dup[0]) == ["line", "column", "column_name", "code", "message", "first_line"]
assert dup[0] == {"line": 3, "column": 2, "column_name": "phone", "code": "duplicate",
                  "message": "+12015550000 is already on line 2 (kept there)", "first_line": 2}
bad = [r for r in rej if r["code"] == "invalid_phone"]
assert len(bad) == 600 and bad[0]["message"].startswith('"12"3\\\t0": '), bad[0]["message"]
many = [r for r in rej if r["code"] == "too_many_fields"]
assert len(many) == 600 and "column_name" not in many[0] and many[0]["column"] == 4, many[0]
assert sum(r["code"] == "too_few_fields" for r in rej) == 600
assert o["rejected_by_code"]["duplicate"] == 600 and o["name"] == "Spring"
PY
echo "ok"
