#!/bin/sh
# 50,000 campaigns: the console stays responsive while the list pages in
# and after it is merged (the merge is O(n) with a hash index, no longer a
# linear find per row), and `q` quits within a second, both during the
# first load and once the list is on screen.
. "$(dirname "$0")/lib.sh"

# the sim takes a while to generate 50,000 campaigns per dialect: a longer
# wait for its first line than start_sim gives
: >"$E2E_TMP/sim.out"
DIALTOP_SIM_API_KEY="$SIM_KEY" "$DIALTOP_SIM_BIN" --listen 127.0.0.1:0 --generate 50000 --seed 3 \
    >"$E2E_TMP/sim.out" 2>"$E2E_TMP/sim.err" &
SIM_PID=$!
i=0
until grep -q '^listening on ' "$E2E_TMP/sim.out"; do
    i=$((i + 1))
    [ $i -lt 1200 ] && kill -0 "$SIM_PID" 2>/dev/null || fail "dialtop-sim did not start"
    sleep 0.1
done
SIM_URL=$(sed -n 's/^listening on //p' "$E2E_TMP/sim.out" | head -n 1)
write_config 2

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# quit_within MS: q, then the pane must be dead within MS milliseconds
quit_within() {
    t0=$(now_ms)
    keys q
    while ! pane_dead; do
        [ $(( $(now_ms) - t0 )) -gt "$1" ] && fail "q did not quit within $1 ms"
        sleep 0.02
    done
    echo "quit in $(( $(now_ms) - t0 )) ms"
}

# during the first load: the first rows are merged, more pages to come
start_dialtop
wait_for "polling" 30
quit_within 1000
stop_dialtop

# with every row on screen, while later polls keep merging 50,000 rows
start_dialtop
wait_for "/50000" 120
wait_for "updated" 30
keys G
wait_for "50000/50000" 10
quit_within 1000
exit 0
