#!/bin/sh
# An injected 429 shows the wait on the status line; a rejected key names
# the environment variable to check, never the key.
. "$(dirname "$0")/lib.sh"
start_sim
write_config 1
start_dialtop
wait_for "Onboarding welcome calls"
wait_for "updated"
sim_post /_sim/faults '{"rate_limit_burst":1,"rate_limit_window_s":2}'
wait_for "rate limited, waiting" 15
sim_post /_sim/faults '{"rate_limit_burst":0}'
wait_for "updated" 40
stop_dialtop

E2E_REAL_KEY=$SIM_KEY
SIM_KEY=wrong-key-123
start_dialtop
SIM_KEY=$E2E_REAL_KEY
wait_for "API key rejected (401): check $E2E_KEY_ENV"
screen_text | grep -q "wrong-key-123" && fail "the key is on screen"
exit 0
