#!/bin/sh
# `/` filters rows (case-insensitive, by name or state), Esc in the prompt
# restores them; `s` cycles the sort column and `S` reverses it. Runs
# under `dialtop --script` (no terminal needed).
. "$(dirname "$0")/lib.sh"
start_sim
write_config
T=$E2E_TMP
cat >"$T/filter_sort.script" <<SCRIPT
wait-for Renewal reminders Q4
wait-for Holiday promo

key /
type RENEWAL
wait-for filter /RENEWAL
wait-gone Holiday promo
wait-for Renewal reminders Q4
key Enter
wait-for filter "renewal"
wait-for 1/1

# by state: only the paused campaign
key / C-u
type paused
key Enter
wait-for Churn win-back
wait-gone Renewal reminders Q4
# cancel: back to the filter before the prompt
key / C-u Esc
wait-for filter "paused"
# an empty filter shows everything again
key / C-u Enter
wait-for Holiday promo
wait-for Renewal reminders Q4

key s
wait-for sort name
save-display $T/by-name.txt
key S
wait-for sort name desc
save-display $T/by-name-desc.txt
key s
wait-for sort state desc
save-display $T/by-state-desc.txt
SCRIPT
run_script "$T/filter_sort.script"

# first data row (the line after the column titles; the header is two lines)
first_row() {
    sed -n '4p' "$T/$1.txt"
}
first_row by-name | grep -q "Churn win-back" || fail "sorted by name, first row is not Churn win-back"
first_row by-name-desc | grep -q "Webinar invite" || fail "reversed, first row is not Webinar invite"
first_row by-state-desc | grep -q "scheduled" || fail "by state descending, first row is not scheduled"
exit 0
