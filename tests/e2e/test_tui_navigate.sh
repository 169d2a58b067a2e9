#!/bin/sh
# The campaign list appears with the demo data; Enter drills into a
# campaign's contacts, d shows every field, ? shows help, Esc goes back;
# q quits. Runs under `dialtop --script` (no terminal needed): what the
# terminal is handed back is test_tui_signals' and test_tui_resize's job.
. "$(dirname "$0")/lib.sh"
start_sim
write_config
T=$E2E_TMP
cat >"$T/navigate.script" <<SCRIPT
wait-for Onboarding welcome calls
wait-for profile e2e
wait-for $SIM_URL
wait-for Renewal reminders Q4
wait-for updated
save-display $T/list.txt

# select the Onboarding campaign by filtering, then open it
key /
type onboarding
key Enter
wait-gone Renewal reminders Q4
key Enter
wait-for calls/min
wait-for PHONE
wait-for customer_name=
wait-for completed
key d
wait-for raw status
wait-for "to_number"
key Esc
wait-for calls/min
key ?
wait-for Actions
wait-for pause: hold queued calls
key Esc
wait-for calls/min
key Esc
wait-for NEXT RUN
wait-for Onboarding welcome calls
# full repaint: the same screen comes back
key C-l
wait-for NEXT RUN
wait-for filter "onboarding"
wait-for Onboarding welcome calls
key r
wait-for refreshing
key q
# not reached when q quits
save-display $T/after-q.txt
SCRIPT
run_script "$T/navigate.script"
[ -s "$T/list.txt" ] || fail "the campaign list was not saved"
grep -q "loading campaigns" "$T/list.txt" && fail "list still says loading"
[ -e "$T/after-q.txt" ] && fail "q did not quit"
exit 0
