#!/bin/sh
# The console at rest with background figures running: 200 campaigns per
# provider (OmniDimension, Truedy, Sarvam profiles at once), polling every
# 2 s, the OmniDim live-status fetched per campaign in the background.
#   - idle CPU of the console over the window (target < 1% of a core);
#   - requests per minute per profile, as dialtop-sim counted them by
#     route (targets: Truedy <= 100/min per organisation; OmniDim and
#     Sarvam publish no limit: printed for the record).
# BENCH_IDLE_SECONDS sets the window (default 60). Prints figures only.
set -u
: "${DIALTOP_BIN:?}" "${DIALTOP_SIM_BIN:?}"
DIALTOP_TEST_TMP=${DIALTOP_TEST_TMP:-${TMPDIR:-/tmp}}
export DIALTOP_TEST_TMP
. "$(dirname "$0")/../tests/e2e/lib.sh"
fail() {
    echo "bench failed: $*"
    exit 1
}
secs=${BENCH_IDLE_SECONDS:-60}
E2E_SIM_DEMO= start_sim 0 --generate 200
cfg="$XDG_CONFIG_HOME/dialtop/config"
for p in omnidim truedy sarvam; do
    echo "[profile $p]"
    echo "provider = $p"
    echo "base_url = $SIM_URL"
    echo "api_key_env = $E2E_KEY_ENV"
    echo "poll_interval = 2"
    [ "$p" = sarvam ] && printf 'org_id = org1\nworkspace_id = ws1\n'
done >"$cfg"
chmod 600 "$cfg"
stats() {
    curl -sf -H "X-Sim-Key: $SIM_KEY" "$SIM_URL/_sim/stats" | tr ',{}' '\n\n\n'
}
# count ROUTE_PREFIX: requests so far on the routes of one dialect
count() {
    stats | sed -n "s/^\"$1\.[a-z_]*\":\([0-9]*\)$/\1/p" | awk '{s += $1} END {print s + 0}'
}
start_dialtop -- --all-profiles
wait_for "updated" 30
pid=$(tmux -L "$E2E_SOCK" display-message -p -t "$E2E_SESSION" '#{pane_pid}')
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
o0=$(count omnidim); t0r=$(count truedy); s0=$(count sarvam)
c0=$(ticks "$pid"); t0=$(date +%s%N)
# the wait here is the measurement window itself, not a synchronisation
sleep "$secs"
c1=$(ticks "$pid"); t1=$(date +%s%N)
o1=$(count omnidim); t1r=$(count truedy); s1=$(count sarvam)
wall_ms=$(( (t1 - t0) / 1000000 ))
cpu_ms=$(( (c1 - c0) * 1000 / hz ))
per_min() { awk "BEGIN{printf \"%.1f\", ($2 - $1) * 60000 / $wall_ms}"; }
echo "idle CPU, 3 x 200 campaigns, background figures on, over ${secs} s: ${cpu_ms} ms CPU in ${wall_ms} ms = $(awk "BEGIN{printf \"%.3f\", 100*$cpu_ms/$wall_ms}")% of a core (target < 1%)"
echo "requests/min counted by dialtop-sim: omnidim $(per_min "$o0" "$o1") (no published limit; background budget 60/min), truedy $(per_min "$t0r" "$t1r") (limit 100/min), sarvam $(per_min "$s0" "$s1") (no published limit)"
