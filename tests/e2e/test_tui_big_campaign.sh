#!/bin/sh
# A campaign of 100,000 contacts opens at once and jumps to its last
# contact (G) without fetching the pages in between; the first row and the
# count are right, and a search by phone works over what was loaded.
. "$(dirname "$0")/lib.sh"
start_sim
write_config
sim_post /_sim/campaigns '{"provider":"omnidim","name":"Hundred thousand","status":"paused","contacts":100000}'
start_dialtop
wait_for "Hundred thousand"
keys / hundred Enter
wait_gone "Renewal reminders Q4"
keys Enter
wait_for "calls/min"
wait_for "PHONE"
wait_for "customer_name="     # the first page is in
wait_for " 1/100000"
keys G
wait_for " 100000/100000"
i=0
# the selected row is the last contact: its row is drawn, not "loading..."
while screen_text | grep -q "loading\.\.\."; do
    i=$((i + 1))
    [ $i -gt 600 ] && fail "the last page never arrived"
    sleep 0.1
done
keys d
wait_for '"id":'
screen_text | grep -q '"id":[[:space:]]*100000' || fail "G did not land on contact 100000"
exit 0
