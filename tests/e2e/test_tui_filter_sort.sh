#!/bin/sh
# `/` filters rows (case-insensitive, by name or state), Esc in the prompt
# restores them; `s` cycles the sort column and `S` reverses it.
. "$(dirname "$0")/lib.sh"
start_sim
write_config
start_dialtop
wait_for "Renewal reminders Q4"
wait_for "Holiday promo"

keys / RENEWAL
wait_for "filter /RENEWAL"
wait_gone "Holiday promo"
wait_for "Renewal reminders Q4"
keys Enter
wait_for 'filter "renewal"'
wait_for "1/1"

# by state: only the paused campaign
keys / C-u paused Enter
wait_for "Churn win-back"
wait_gone "Renewal reminders Q4"
keys / C-u Escape      # cancel: back to the filter before the prompt
wait_for 'filter "paused"'
keys / C-u Enter       # an empty filter shows everything again
wait_for "Holiday promo"
wait_for "Renewal reminders Q4"

# first data row (the line after the column titles; the header is two lines)
first_row() {
    screen_text | sed -n '4p'
}
keys s
wait_for "sort name"
first_row | grep -q "Churn win-back" || fail "sorted by name, first row is not Churn win-back"
keys S
wait_for "sort name desc"
first_row | grep -q "Webinar invite" || fail "reversed, first row is not Webinar invite"
keys s
wait_for "sort state desc"
first_row | grep -q "scheduled" || fail "by state descending, first row is not scheduled"
exit 0
