#!/bin/sh
# Nothing the console says is lost: an error stays on the status line
# until the next key (past the four seconds a flash lasts), the header
# counts unread errors until `M` opens the message log, and the log holds
# every message with its time, the backend going away included.
. "$(dirname "$0")/lib.sh"
start_sim
write_config
start_dialtop
wait_for "Renewal reminders Q4"
wait_for "updated"

# an action the backend fails: an error flash
sim_post /_sim/faults '{"fail_actions":true}'
keys / "Renewal" Enter
wait_for 'filter "renewal"'
keys p
wait_for "failed: server"
shown=$(date +%s%N)
wait_for "1 error: M"
# still there a second past a flash's four seconds (wall clock from when it
# showed), while no key is pressed
while [ $(( ($(date +%s%N) - shown) / 1000000 )) -lt 5000 ]; do
    screen_text | grep -q "failed: server" || fail "the error left the status line without a key"
    sleep 0.1
done
keys j
wait_gone "failed: server"
screen_text | grep -q "1 error: M" || fail "the unread mark went before the log was read"

# the backend goes away: said on the status line, kept in the log
stop_sim
wait_for "backend unreachable"
wait_for "2 errors: M"
keys M
wait_for "Messages:"
screen_text | grep -qE '[0-9]{2}:[0-9]{2}:[0-9]{2} +error +pause .*failed: server' ||
    fail "the failed pause is not in the log with its time"
screen_text | grep -qE '[0-9]{2}:[0-9]{2}:[0-9]{2} +error +e2e: backend unreachable' ||
    fail "the unreachable backend is not in the log"
wait_gone "errors: M"
keys Escape
wait_for "NAME"
screen_text | grep -q "error: M\|errors: M" && fail "the unread mark stayed after the log was opened"
exit 0
