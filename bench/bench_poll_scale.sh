#!/bin/sh
# Polling cost as the campaign list grows: two consoles side by side, one
# on a dialtop-sim holding 1,000 OmniDimension campaigns, one on a sim with
# 10,000, both polling every 2 s over the same window. The cost of one
# poll cycle is the console's CPU time over the window divided by the
# cycles it completed (list requests counted by its sim / pages per
# cycle). Target: the 10,000 cycle within 12x of the 1,000 one (10x is
# linear). BENCH_SCALE_SECONDS sets the window (default 30), three
# windows. Prints figures only.
set -u
: "${DIALTOP_BIN:?}" "${DIALTOP_SIM_BIN:?}"
DIALTOP_TEST_TMP=${DIALTOP_TEST_TMP:-${TMPDIR:-/tmp}}
export DIALTOP_TEST_TMP
. "$(dirname "$0")/../tests/e2e/lib.sh"
fail() {
    echo "bench failed: $*"
    exit 1
}
secs=${BENCH_SCALE_SECONDS:-30}
PAGE=100   # the console's list page (tui/sync.c LIST_PAGE_SIZE)

# sim N: a sim with N generated campaigns per dialect; sets URL_N, PID_N
sim() {
    out="$E2E_TMP/sim$1.out"
    DIALTOP_SIM_API_KEY="$SIM_KEY" "$DIALTOP_SIM_BIN" --listen 127.0.0.1:0 --generate "$1" \
        --seed 5 >"$out" 2>"$E2E_TMP/sim$1.err" &
    eval "PID_$1=$!"
    i=0
    until grep -q '^listening on ' "$out" 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt 1200 ] && fail "sim with $1 campaigns did not start"
        sleep 0.1
    done
    eval "URL_$1=$(sed -n 's/^listening on //p' "$out" | head -n 1)"
}
sim 1000
sim 10000
trap 'kill $PID_1000 $PID_10000 2>/dev/null; e2e_cleanup' EXIT

# console N: a console on sim N in its own config dir; its pid in CPID_N
console() {
    eval "url=\$URL_$1"
    dir="$E2E_TMP/cfg$1"
    mkdir -p "$dir/dialtop"
    printf '[profile p%s]\nprovider = omnidim\nbase_url = %s\napi_key_env = %s\npoll_interval = 2\n' \
        "$1" "$url" "$E2E_KEY_ENV" >"$dir/dialtop/config"
    chmod 600 "$dir/dialtop/config"
    XDG_CONFIG_HOME=$dir
    start_dialtop
    wait_for "updated" 120
    eval "CPID_$1=$(tmux -L "$E2E_SOCK" display-message -p -t "$E2E_SESSION" '#{pane_pid}')"
}
console 1000
console 10000
lists() { # URL: list requests the sim has answered
    curl -sf -H "X-Sim-Key: $SIM_KEY" "$1/_sim/stats" | tr ',{}' '\n\n\n' |
        sed -n 's/^"omnidim\.list":\([0-9]*\)$/\1/p'
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
for run in 1 2 3; do
    a0=$(ticks "$CPID_1000"); b0=$(ticks "$CPID_10000")
    la0=$(lists "$URL_1000"); lb0=$(lists "$URL_10000")
    # the wait is the measurement window itself, not a synchronisation
    sleep "$secs"
    a1=$(ticks "$CPID_1000"); b1=$(ticks "$CPID_10000")
    la1=$(lists "$URL_1000"); lb1=$(lists "$URL_10000")
    ca=$(( (a1 - a0) * 1000 / hz )); cb=$(( (b1 - b0) * 1000 / hz ))
    awk -v ca="$ca" -v cb="$cb" -v la=$((la1 - la0)) -v lb=$((lb1 - lb0)) -v run="$run" \
        -v pa=$((1000 / PAGE)) -v pb=$((10000 / PAGE)) 'BEGIN {
        ya = la / pa; yb = lb / pb
        if (ya <= 0 || yb <= 0) { print "window " run ": a console completed no poll"; exit }
        printf "poll cycle, window %d: 1,000 campaigns %.1f ms CPU/cycle (%.1f cycles), 10,000 campaigns %.1f ms CPU/cycle (%.1f cycles): %.1fx (target <= 12x)\n",
            run, ca / ya, ya, cb / yb, yb, (cb / yb) / (ca / ya)
    }'
done
