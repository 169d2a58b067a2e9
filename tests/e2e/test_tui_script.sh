#!/bin/sh
# dialtop --script (tui/script.h), the mode the view tests run under: a
# bad line is refused with its number before anything starts (exit 2); a
# wait that times out exits 1 with the screen on stderr; dump writes the
# screen to stdout; a first `resize` sets the starting size; `type` sends
# the text; the console quits at the end of the script.
. "$(dirname "$0")/lib.sh"
T=$E2E_TMP

# refusals: exit status and message, nothing started (no sim needed)
refuses() { # STATUS TEXT SCRIPT-LINES
    printf '%s\n' "$3" >"$T/bad.script"
    "$DIALTOP_BIN" --script "$T/bad.script" >"$T/bad.out" 2>&1 </dev/null
    rc=$?
    [ "$rc" = "$1" ] || fail "script \"$3\" exited $rc, wanted $1: $(cat "$T/bad.out")"
    grep -qF -- "$2" "$T/bad.out" || fail "script \"$3\" did not say \"$2\": $(cat "$T/bad.out")"
}
start_sim
write_config
export "$E2E_KEY_ENV=$SIM_KEY"
refuses 2 'bad.script:2: unknown command "frobnicate"' "$(printf 'key j\nfrobnicate 3')"
refuses 2 'bad.script:1: unknown key "Entr"' 'key j Entr'
refuses 2 'takes two whole numbers' 'resize 0 40'
refuses 2 'takes a number of seconds' 'timeout soon'
refuses 2 '"dump" takes nothing after it' 'dump now'
refuses 2 '"wait-for TEXT" needs its text' 'wait-for'
"$DIALTOP_BIN" --script "$T/no-such.script" >"$T/bad.out" 2>&1
[ $? = 2 ] && grep -q "no-such.script: No such file" "$T/bad.out" || fail "a missing script: $(cat "$T/bad.out")"

# a wait that times out: exit 1, the line, the screen it saw
printf 'timeout 0.5\nwait-for no such text on screen\n' >"$T/timeout.script"
"$DIALTOP_BIN" --script "$T/timeout.script" >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 1 ] || fail "a timed-out wait exited $rc: $(cat "$T/err")"
grep -q 'timeout.script:2: "no such text on screen" not on the screen after 0.5 s' "$T/err" ||
    fail "timed-out wait message: $(cat "$T/err")"
grep -q "profile e2e" "$T/err" || fail "the screen is not on stderr: $(cat "$T/err")"

# a modal that ticks on every turn of the loop (an import reading a FIFO
# nobody writes) still lets a wait see the screen and time out: the mode
# once deferred every screen step while anything was left to draw, and
# spun past its limit for minutes
mkfifo "$T/blocked.csv"
cat >"$T/reading.script" <<SCRIPT
timeout 3
wait-idle
key i
wait-for Contact list (CSV) to import
type $T/blocked.csv
key Enter
wait-for reading
dump
timeout 1
wait-for no such text on screen
SCRIPT
timeout 60 "$DIALTOP_BIN" --script "$T/reading.script" >"$T/out" 2>"$T/err" </dev/null
rc=$?
[ $rc = 1 ] || fail "a wait during a ticking read exited $rc (124: it hung): $(cat "$T/err")"
grep -q 'reading.script:10: "no such text on screen" not on the screen after 1 s' "$T/err" ||
    fail "wait during a read: $(cat "$T/err")"
grep -q "reading $T/blocked.csv" "$T/out" || fail "the reading screen was not dumped: $(cat "$T/out")"

# a first resize is the starting size; dump to stdout; type; the end quits
cat >"$T/run.script" <<SCRIPT
resize 70 20
wait-for terminal too small: 70x20
dump
resize 120 40
wait-idle
wait-for Renewal reminders Q4
key /
type churn
key Enter
wait-gone Renewal reminders Q4
dump
SCRIPT
run_script "$T/run.script"
grep -q "terminal too small: 70x20, dialtop needs 80x24" "$E2E_TMP/script.out" ||
    fail "no small screen dumped: $(cat "$E2E_TMP/script.out")"
[ "$(grep -c . "$E2E_TMP/script.out")" -gt 4 ] || fail "dump wrote too little"
grep -q 'filter "churn"' "$E2E_TMP/script.out" || fail "typed filter not on the dumped screen"
grep -q "Churn win-back" "$E2E_TMP/script.out" || fail "filtered row not dumped"
# 20 rows, then 40: both screens whole
[ "$(wc -l <"$E2E_TMP/script.out")" = 60 ] || fail "dumps are not 20 + 40 lines: $(wc -l <"$E2E_TMP/script.out")"
exit 0
