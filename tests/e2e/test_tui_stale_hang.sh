#!/bin/sh
# A backend that accepts and never answers (the sim stopped with SIGSTOP:
# the kernel still accepts connections, nothing replies): the data on
# screen is marked STALE once one poll interval plus the request timeout
# (1 s + 20 s) has passed, not after every retry of the poll has timed out
# (62 s). It clears once the backend answers again.
. "$(dirname "$0")/lib.sh"
start_sim
write_config 1
start_dialtop
wait_for "Onboarding welcome calls"
wait_for "updated"
kill -STOP "$SIM_PID"
t0=$(date +%s)
# 21 s from the last success; three timed-out attempts take over 60 s.
# The bound is wall-clock (wait_for counts polls, which slow down under
# load) and generous: it only has to tell 21 s from 62 s.
wait_for "STALE" 90
elapsed=$(( $(date +%s) - t0 ))
[ "$elapsed" -lt 50 ] || fail "STALE only after ${elapsed}s (wanted about 21 s: interval + timeout)"
wait_for "Onboarding welcome calls"   # the stale data stays on screen
kill -CONT "$SIM_PID"
wait_gone "STALE" 40
exit 0
