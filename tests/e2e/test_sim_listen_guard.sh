#!/bin/sh
# dialtop-sim on an address other machines can reach needs a key (refused
# without one), and warns that its control endpoints are reachable. Plain sh.
set -u
: "${DIALTOP_SIM_BIN:?}" "${DIALTOP_TEST_TMP:?}"
dir="$DIALTOP_TEST_TMP/sim-listen.$$"
mkdir -p "$dir"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT
fail() { echo "FAIL: $*"; for f in out err; do [ -f "$dir/$f" ] && sed "s/^/  $f: /" "$dir/$f"; done; exit 1; }

unset DIALTOP_SIM_API_KEY
"$DIALTOP_SIM_BIN" --listen 0.0.0.0:0 >"$dir/out" 2>"$dir/err" </dev/null
rc=$?
[ "$rc" -eq 2 ] || fail "no key off loopback: exit $rc, wanted 2"
grep -q "reachable from other machines; set a key first" "$dir/err" || fail "no reason given"
grep -q "listening on" "$dir/out" && fail "it listened anyway"

# with a key: starts, and says what is exposed
DIALTOP_SIM_API_KEY="k-$$-secret" "$DIALTOP_SIM_BIN" --listen 0.0.0.0:0 >"$dir/out" 2>"$dir/err" </dev/null &
pid=$!
i=0
until grep -q '^listening on ' "$dir/out" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -gt 200 ] && fail "did not start with a key"
    kill -0 "$pid" 2>/dev/null || fail "exited with a key"
    sleep 0.05
done
grep -q "warning: listening on 0.0.0.0, reachable from other machines" "$dir/err" || fail "no warning"
grep -q "/_sim/ control endpoints" "$dir/err" || fail "the warning does not name the control endpoints"
kill "$pid"; wait "$pid" 2>/dev/null; pid=""

# loopback needs no key and gets no warning
"$DIALTOP_SIM_BIN" --listen 127.0.0.2:0 >"$dir/out" 2>"$dir/err" </dev/null &
pid=$!
i=0
until grep -q '^listening on ' "$dir/out" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -gt 200 ] && fail "loopback did not start"
    kill -0 "$pid" 2>/dev/null || fail "loopback without a key was refused"
    sleep 0.05
done
grep -q "reachable from other machines" "$dir/err" && fail "loopback warned"
echo "ok: sim --listen guard"
