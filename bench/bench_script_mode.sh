#!/bin/sh
# The same console session driven two ways against one dialtop-sim: in a
# tmux pane polled every 0.1 s (how the terminal tests ran) and under
# `dialtop --script` (tui/script.h). The session: the list with data, a
# filter, the contacts of a campaign, the help, back, quit. Interleaved
# runs (BENCH_RUNS, 5 unless told), wall time median and min of each and
# the ratio tmux / script; the load is printed. Prints figures only.
set -u
: "${DIALTOP_BIN:?}" "${DIALTOP_SIM_BIN:?}"
DIALTOP_TEST_TMP=${DIALTOP_TEST_TMP:-${TMPDIR:-/tmp}}
export DIALTOP_TEST_TMP
. "$(dirname "$0")/../tests/e2e/lib.sh"
fail() {
    echo "bench failed: $*"
    [ -s "$E2E_TMP/dialtop.err" ] && cat "$E2E_TMP/dialtop.err"
    exit 1
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

start_sim
write_config
# generous waits on both sides: a figure, not a test
cat >"$E2E_TMP/session.script" <<SCRIPT
timeout 60
wait-for Renewal reminders Q4
key /
type onboarding
key Enter
wait-gone Renewal reminders Q4
key Enter
wait-for customer_name=
key ?
wait-for pause: hold queued calls
key Esc Esc
wait-for NEXT RUN
key q
SCRIPT

by_tmux() {
    start_dialtop
    wait_for "Renewal reminders Q4" 60
    keys / onboarding Enter
    wait_gone "Renewal reminders Q4" 60
    keys Enter
    wait_for "customer_name=" 60
    keys '?'
    wait_for "pause: hold queued calls" 60
    keys Escape Escape
    wait_for "NEXT RUN" 60
    keys q
    while ! pane_dead; do sleep 0.1; done
    stop_dialtop
}

by_script() {
    run_script "$E2E_TMP/session.script"
}

runs=${BENCH_RUNS:-5}
: >"$E2E_TMP/tmux.ms"
: >"$E2E_TMP/script.ms"
# (not $i: lib.sh's waits count with it)
run=0
while [ $run -lt "$runs" ]; do
    for way in tmux script; do
        t0=$(now_ms)
        "by_$way"
        echo $(( $(now_ms) - t0 )) >>"$E2E_TMP/$way.ms"
    done
    run=$((run + 1))
done
stat() {
    sort -n "$1" | awk '{ v[NR] = $1 } END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        print m, v[1] }'
}
set -- $(stat "$E2E_TMP/tmux.ms") $(stat "$E2E_TMP/script.ms")
echo "one console session ($runs interleaved runs each, load $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores):"
echo "  tmux pane:        wall median $1 ms, min $2 ms"
echo "  dialtop --script: wall median $3 ms, min $4 ms"
awk -v a="$1" -v b="$2" -v c="$3" -v d="$4" 'BEGIN {
    printf "  tmux / script:    %.2fx median, %.2fx min\n", a / c, b / d }'
