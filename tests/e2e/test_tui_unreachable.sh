#!/bin/sh
# The backend dies mid-session: the status line says unreachable with a
# retry countdown, the data stays on screen marked stale, and the console
# recovers by itself when the backend returns on the same port.
. "$(dirname "$0")/lib.sh"
start_sim
write_config 1
start_dialtop
wait_for "Onboarding welcome calls"
wait_for "updated"
port=$SIM_PORT
stop_sim
wait_for "backend unreachable" 20
wait_for "retry in"
wait_for "STALE"
wait_for "Onboarding welcome calls"   # stale data stays
start_sim "$port"
wait_for "updated" 40
wait_gone "STALE" 5
wait_gone "unreachable" 5
exit 0
