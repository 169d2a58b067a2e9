#!/bin/sh
# The campaign list appears with the demo data; Enter drills into a
# campaign's contacts, d shows every field, ? shows help, Esc goes back;
# q quits and the terminal is handed back.
. "$(dirname "$0")/lib.sh"
start_sim
write_config
start_dialtop
wait_for "Onboarding welcome calls"
wait_for "profile e2e"
wait_for "$SIM_URL"
wait_for "Renewal reminders Q4"
wait_for "updated"
screen_text | grep -q "loading campaigns" && fail "list still says loading"

# select the Onboarding campaign by filtering, then open it
keys / onboarding Enter
wait_gone "Renewal reminders Q4"
keys Enter
wait_for "calls/min"
wait_for "PHONE"
wait_for "customer_name="
wait_for "completed"
keys d
wait_for "raw status"
wait_for '"to_number"'
keys Escape
wait_for "calls/min"
keys '?'
wait_for "Actions"
wait_for "pause: hold queued calls"
keys Escape
wait_for "calls/min"
keys Escape
wait_for "NEXT RUN"
wait_for "Onboarding welcome calls"
keys C-l              # full repaint: the same screen comes back
wait_for "NEXT RUN"
wait_for 'filter "onboarding"'
wait_for "Onboarding welcome calls"
keys r
wait_for "refreshing"
keys q
i=0
while ! pane_dead; do
    i=$((i + 1))
    [ $i -gt 50 ] && fail "q did not quit"
    sleep 0.1
done
exit 0
