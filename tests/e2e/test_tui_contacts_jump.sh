#!/bin/sh
# G on an OmniDimension campaign of 300,000 contacts (cursor pages: page k
# only through page k-1's cursor): the status line shows the walk's
# progress, the pages passed through build no rows (the console's memory
# stays flat), the last contact arrives, and Esc stops a walk midway with
# the rows reached on screen at once.
. "$(dirname "$0")/lib.sh"
start_sim
write_config
sim_post /_sim/campaigns '{"provider":"omnidim","name":"Three hundred thousand","status":"paused","contacts":300000}'
start_dialtop
wait_for "Three hundred thousand"
keys / "three hundred" Enter
wait_gone "Renewal reminders Q4"
keys Enter
wait_for "customer_name="
wait_for " 1/300000"
pid=$(dialtop_pid)
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
rss0=$(rss)
keys G
wait_for "paging to row 300000"
wait_for " 300000/300000" 120
i=0
while screen_text | grep -q "loading\.\.\."; do
    i=$((i + 1))
    [ $i -gt 600 ] && fail "the last page never arrived"
    sleep 0.1
done
rss1=$(rss)
# (not under AddressSanitizer: its quarantine keeps freed memory resident)
ldd "$DIALTOP_BIN" 2>/dev/null | grep -q libasan || [ $((rss1 - rss0)) -lt 20000 ] || fail "the walk grew the console by $((rss1 - rss0)) kB: rows were built for pages passed through"
echo "RSS before G ${rss0} kB, after ${rss1} kB"

# opened afresh (no cursor known), a walk stopped by Esc
keys Escape
wait_for "NEXT RUN"
sim_post /_sim/faults '{"latency_ms":200}'
keys Enter
wait_for "customer_name="
keys G
wait_for "paging to row 300000"
keys Escape
wait_for "stopped paging at row"
wait_gone "paging to row"
i=0
while screen_text | grep -q "loading\.\.\."; do
    i=$((i + 1))
    [ $i -gt 100 ] && fail "after Esc the rows reached did not show"
    sleep 0.1
done
screen_text | grep -q "calls/min" || fail "Esc left the contacts view instead of stopping the walk"
exit 0
