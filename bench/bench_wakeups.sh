#!/bin/sh
# How often the console wakes on a slow backend, one profile against
# three. Two consoles side by side on one dialtop-sim that answers every
# request after BENCH_WAKE_LATENCY_MS (default 1500): one console with one
# OmniDimension profile, one with three (--all-profiles), all polling every
# 2 s over the same window. A wakeup is a voluntary context switch of the
# console's main thread (/proc/PID/status: each time it blocks in its one
# wait, on a key, a transfer or a timer). One loop waiting on every
# profile's transfers at once wakes about as often for three profiles as
# for one; a loop that drives the extra profiles without waiting does not.
# Target: 3-profile/1-profile close to 1x. BENCH_WAKE_SECONDS sets the
# window (default 20), BENCH_WAKE_WINDOWS how many (default 3). Prints
# figures only.
set -u
: "${DIALTOP_BIN:?}" "${DIALTOP_SIM_BIN:?}"
DIALTOP_TEST_TMP=${DIALTOP_TEST_TMP:-${TMPDIR:-/tmp}}
export DIALTOP_TEST_TMP
. "$(dirname "$0")/../tests/e2e/lib.sh"
. "$(dirname "$0")/lib.sh"
fail() {
    echo "bench failed: $*"
    exit 1
}
secs=${BENCH_WAKE_SECONDS:-20}
windows=${BENCH_WAKE_WINDOWS:-3}
latency=${BENCH_WAKE_LATENCY_MS:-1500}
E2E_SIM_DEMO= start_sim 0 --generate 50 --latency-ms "$latency"

# console N: N OmniDimension profiles on the sim, in a config dir of its
# own; its pid in CPID_N
console() {
    dir="$E2E_TMP/cfg$1"
    mkdir -p "$dir/dialtop"
    i=1
    while [ "$i" -le "$1" ]; do
        printf '[profile p%s]\nprovider = omnidim\nbase_url = %s\napi_key_env = %s\npoll_interval = 2\n\n' \
            "$i" "$SIM_URL" "$E2E_KEY_ENV"
        i=$((i + 1))
    done >"$dir/dialtop/config"
    chmod 600 "$dir/dialtop/config"
    XDG_CONFIG_HOME=$dir
    start_dialtop -- --all-profiles
    wait_for "updated" 60
    eval "CPID_$1=$(dialtop_pid)"
}
console 1
console 3
wakes() { awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$1/status"; }
run=1
while [ "$run" -le "$windows" ]; do
    a0=$(wakes "$CPID_1"); b0=$(wakes "$CPID_3")
    # the wait is the measurement window itself, not a synchronisation
    sleep "$secs"
    a1=$(wakes "$CPID_1"); b1=$(wakes "$CPID_3")
    awk -v a=$((a1 - a0)) -v b=$((b1 - b0)) -v run="$run" -v s="$secs" -v lat="$latency" \
        -v load="$(bench_load)" 'BEGIN {
        printf "wakeups, window %d (%d s, backend latency %d ms): 1 profile %d, 3 profiles %d: %.2fx (target close to 1x), %s\n",
            run, s, lat, a, b, (a > 0 ? b / a : 0), load
    }'
    run=$((run + 1))
done
