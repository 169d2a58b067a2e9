#!/bin/sh
# An open OmniDimension campaign costs the same at 1,000,000 contacts as at
# 1,000: its summary poll reads live-status (a few counts), not the
# campaign detail with its whole contact_list, and only the visible page
# of contacts is fetched. Two consoles side by side on one dialtop-sim,
# one with each campaign open, polling every 2 s; CPU time and RSS of each
# over the same window (BENCH_OPEN_SECONDS, default 30), three windows.
# Target: the 1M console within 1.5x of the 1k one. Prints figures only.
set -u
: "${DIALTOP_BIN:?}" "${DIALTOP_SIM_BIN:?}"
DIALTOP_TEST_TMP=${DIALTOP_TEST_TMP:-${TMPDIR:-/tmp}}
export DIALTOP_TEST_TMP
. "$(dirname "$0")/../tests/e2e/lib.sh"
fail() {
    echo "bench failed: $*"
    exit 1
}
secs=${BENCH_OPEN_SECONDS:-30}
E2E_SIM_DEMO= start_sim
write_config 2
sim_post /_sim/campaigns '{"provider":"omnidim","name":"Small thousand","status":"active","contacts":1000}'
sim_post /_sim/campaigns '{"provider":"omnidim","name":"Big million","status":"active","contacts":1000000}'

# open NAME: a console with that campaign's contacts open; its pid in PID
# (no command substitution: lib.sh counts its tmux servers in variables)
open_console() {
    start_dialtop
    wait_for "$1" 60
    keys / "$1" Enter
    wait_for "1/1"
    keys Enter
    wait_for "calls/min" 30
    wait_for "customer_name=" 30
    PID=$(tmux -L "$E2E_SOCK" display-message -p -t "$E2E_SESSION" '#{pane_pid}')
}
open_console "Small thousand"
small=$PID
open_console "Big million"
big=$PID
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)
for run in 1 2 3; do
    s0=$(ticks "$small"); b0=$(ticks "$big")
    # the wait is the measurement window itself, not a synchronisation
    sleep "$secs"
    s1=$(ticks "$small"); b1=$(ticks "$big")
    sc=$(( (s1 - s0) * 1000 / hz )); bc=$(( (b1 - b0) * 1000 / hz ))
    sr=$(rss_kb "$small"); br=$(rss_kb "$big")
    echo "open campaign, window $run (${secs} s): 1k contacts ${sc} ms CPU, RSS ${sr} kB; 1M contacts ${bc} ms CPU, RSS ${br} kB"
    echo "open campaign 1M vs 1k, window $run: CPU $(awk "BEGIN{printf \"%.2f\", $bc/($sc>0?$sc:1)}")x, RSS $(awk "BEGIN{printf \"%.2f\", $br/$sr}")x (target <= 1.5x)"
done
