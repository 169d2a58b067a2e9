#!/bin/sh
# A filter on the contacts covers the whole campaign, not the pages loaded
# so far. A filter naming a state the provider filters by itself (OmniDim
# lines' call_status) is asked of the provider; any other loads the rest
# of the campaign in the background with a progress count, and the status
# line says when it is complete. Either way, on a 5,000-contact campaign
# the rows the filter matches equal the summary's failed count (one raw ->
# state mapping for both). Esc stops a load.
. "$(dirname "$0")/lib.sh"
start_sim
write_config
for p in omnidim truedy; do
    sim_post /_sim/campaigns "{\"provider\":\"$p\",\"name\":\"Five thousand $p\",\"status\":\"paused\",\"contacts\":5000}"
done

check() { # PROVIDER FILTER COMPLETE-TEXT
    write_provider_config "$1"
    start_dialtop
    wait_for "Five thousand $1"
    keys / "Five thousand" Enter
    wait_gone "Renewal reminders Q4"
    keys Enter
    wait_for "calls/min"
    wait_for " 1/5000"
    keys / "$2" Enter
    wait_for "$3" 60
    # the summary's count and the filter's, from the same screen
    screen=$(screen_text)
    summary=$(echo "$screen" | grep -o 'x failed [0-9]*' | head -n 1 | awk '{print $3}')
    matches=$(echo "$screen" | tail -n 1 | sed -n 's/.* [0-9]*\/\([0-9][0-9]*\) *$/\1/p')
    [ -n "$summary" ] && [ -n "$matches" ] || fail "$1: no counts on screen (summary '$summary', filter '$matches')"
    [ "$summary" -gt 0 ] || fail "$1: no failed contact at all: nothing compared"
    [ "$summary" = "$matches" ] || fail "$1: summary says $summary failed, the filter matches $matches"
    echo "$1: $summary failed of 5000, filter and summary agree"
    keys q
    stop_dialtop
}
check omnidim failed "(server-side filter)"
# Truedy filters no state but its documented ones by itself; "fail" is no
# state name: the whole campaign loads, and the summary counts the rows
check truedy fail "complete: all 5000"

# Esc stops a load midway; the status line says what the filter covers
write_provider_config omnidim
sim_post /_sim/faults '{"latency_ms":300}'
start_dialtop
wait_for "Five thousand omnidim" 20
keys / "Five thousand" Enter
wait_gone "Renewal reminders Q4" 20
keys Enter
wait_for "calls/min" 20
keys / customer Enter
wait_for "Esc stops" 20
keys Escape
wait_for "stopped loading"
wait_for "total, stopped"
exit 0
