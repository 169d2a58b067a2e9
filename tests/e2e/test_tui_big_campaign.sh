#!/bin/sh
# A campaign of 100,000 contacts opens at once and jumps to its last
# contact (G); the first row and the count are right, and the detail of
# the selected row is contact 100000. OmniDimension pages lines by an
# opaque cursor, so the jump has to walk the pages in between: it reads
# each once (1,000 pages of 100), never twice, with the screen free.
. "$(dirname "$0")/lib.sh"
# the sim's count of OmniDim lines pages served (its own /_sim/stats)
lines_pages() {
    curl -sf -H "X-Sim-Key: $SIM_KEY" "$SIM_URL/_sim/stats" |
        sed -n 's/.*"omnidim\.lines":\([0-9]*\).*/\1/p'
}
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
before=$(lines_pages)
keys G
wait_for " 100000/100000"
i=0
# the selected row is the last contact: its row is drawn, not "loading..."
while screen_text | grep -q "loading\.\.\."; do
    i=$((i + 1))
    [ $i -gt 600 ] && fail "the last page never arrived"
    sleep 0.1
done
# the walk reads each of the other 999 pages once; a few more are the
# polls of the visible page while it runs. Twice would be about 2,000.
pages=$(( $(lines_pages) - ${before:-0} ))
[ -n "$before" ] && [ "$pages" -ge 999 ] && [ "$pages" -lt 1100 ] ||
    fail "G read $pages lines pages (before: '$before'), wanted each of the 999 others once"
keys d
wait_for '"id":'
screen_text | grep -q '"id":[[:space:]]*100000' || fail "G did not land on contact 100000"
exit 0
