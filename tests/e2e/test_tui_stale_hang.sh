#!/bin/sh
# A backend that accepts and never answers (the sim stopped with SIGSTOP:
# the kernel still accepts connections, nothing replies): the data on
# screen is marked STALE once one poll interval plus the profile's request
# timeout (1 s + request_timeout = 5 s) has passed, not after every retry
# of the poll has timed out (3 x 5 s and more). It clears once the backend
# answers again.
. "$(dirname "$0")/lib.sh"
start_sim
write_config 1
echo "request_timeout = 5" >>"$XDG_CONFIG_HOME/dialtop/config"
start_dialtop
wait_for "Onboarding welcome calls"
wait_for "updated"
kill -STOP "$SIM_PID"
t0=$(date +%s)
# 6 s from the last success; three timed-out attempts take over 15 s.
# The bound is wall-clock (wait_for counts polls, which slow down under
# load): it only has to tell 6 s from 15 s and more.
wait_for "STALE" 60
elapsed=$(( $(date +%s) - t0 ))
[ "$elapsed" -lt 13 ] || fail "STALE only after ${elapsed}s (wanted about 6 s: interval + request_timeout)"
wait_for "Onboarding welcome calls"   # the stale data stays on screen
kill -CONT "$SIM_PID"
wait_gone "STALE" 40
exit 0
