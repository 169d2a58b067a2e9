#!/bin/sh
# `make demo`'s console path: dialtop --demo starts its own dialtop-sim,
# shows campaigns of all three providers, and leaves no dialtop-sim (nor
# its temporary directory) behind when it quits with q, when it is told
# to stop with SIGTERM, and when it is killed with SIGKILL (its directory
# is then swept at the next start).
. "$(dirname "$0")/lib.sh"

# alive PID: a process that exists and is not a zombie awaiting its reaper.
alive() {
    [ -r "/proc/$1/stat" ] || return 1
    state=$(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null)
    [ -n "$state" ] && [ "$state" != Z ]
}

# wait_dead PID SECONDS WHAT
wait_dead() {
    i=0
    while alive "$1"; do
        i=$((i + 1))
        [ $i -gt $(($2 * 10)) ] && fail "$3: dialtop-sim (pid $1) still running after ${2}s"
        sleep 0.1
    done
}

# The demo's dialtop-sim: the console's child. Sets SIM_CHILD and
# SIM_STATE_DIR (from its --state argument).
find_sim_child() {
    console=$(dialtop_pid)
    [ -n "$console" ] || fail "no console process"
    SIM_CHILD=$(pgrep -P "$console" -x dialtop-sim | head -n 1)
    [ -n "$SIM_CHILD" ] || fail "dialtop --demo has no dialtop-sim child"
    state=$(tr '\0' '\n' <"/proc/$SIM_CHILD/cmdline" | sed -n '/^--state$/{n;p;}')
    SIM_STATE_DIR=$(dirname "$state")
    [ -d "$SIM_STATE_DIR" ] || fail "the demo sim's state directory $SIM_STATE_DIR is missing"
    tr '\0' ' ' <"/proc/$SIM_CHILD/cmdline" | grep -q -- "--demo" \
        || fail "the sim child was not started with --demo"
    tr '\0' ' ' <"/proc/$SIM_CHILD/cmdline" | grep -q -- "sim_" \
        && fail "the sim's key is visible in its argv"
}

# campaigns of all three providers, each row tagged with its profile
start_dialtop -- --demo --demo-seed 7
wait_for "3 profiles"
wait_for "Onboarding welcome calls" 15     # OmniDimension
wait_for "Appointment confirmations" 15    # Truedy
wait_for "Loan EMI reminders" 15           # Sarvam
for p in omnidim truedy sarvam; do
    screen_text | grep -q " $p  " || fail "no campaign row tagged with profile $p"
done
find_sim_child
# Enter straight after a filter, while three profiles' polls keep
# replacing the rows, opens the one campaign the filter left
keys / Onboarding Enter Enter
wait_for "calls/min"
screen_text | sed -n 2p | grep -q "Onboarding welcome calls" \
    || fail "Enter after the filter opened another campaign"
keys Escape
wait_for "| Campaigns"
keys q
i=0
until pane_dead; do
    i=$((i + 1))
    [ $i -gt 50 ] && fail "q did not end dialtop --demo"
    sleep 0.1
done
wait_dead "$SIM_CHILD" 3 "after q"
[ -d "$SIM_STATE_DIR" ] && fail "after q: temporary directory $SIM_STATE_DIR left behind"
stop_dialtop

# SIGTERM: the console quits cleanly and stops the sim itself
start_dialtop -- --demo
wait_for "Onboarding welcome calls" 15
find_sim_child
kill -TERM "$console"
wait_dead "$SIM_CHILD" 3 "after SIGTERM"
i=0
while [ -d "$SIM_STATE_DIR" ]; do
    i=$((i + 1))
    [ $i -gt 30 ] && fail "after SIGTERM: temporary directory $SIM_STATE_DIR left behind"
    sleep 0.1
done
stop_dialtop

# SIGKILL: nothing in dialtop runs, the kernel's parent-death signal ends
# the sim
start_dialtop -- --demo
wait_for "Loan EMI reminders" 15
find_sim_child
kill -KILL "$console"
wait_dead "$SIM_CHILD" 5 "after SIGKILL of the console"
stop_dialtop
# Nothing of the killed console ran: its directory goes at the next start
# (issue 14), and a directory of a live console is left alone.
killed_dir=$SIM_STATE_DIR
mkdir -m 700 "${TMPDIR:-/tmp}/dialtop-sim.e2elive$$"
echo $$ >"${TMPDIR:-/tmp}/dialtop-sim.e2elive$$/owner"
start_dialtop -- --demo
wait_for "Loan EMI reminders" 15
[ -d "$killed_dir" ] && fail "after SIGKILL: $killed_dir still there after the next start"
[ -d "${TMPDIR:-/tmp}/dialtop-sim.e2elive$$" ] || fail "a live owner's directory was swept"
rm -rf "${TMPDIR:-/tmp}/dialtop-sim.e2elive$$"
keys q
exit 0
