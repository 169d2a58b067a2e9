#!/bin/sh
# Live polling: with the sim's clock running fast, an active campaign's
# completed count moves on screen without a key being pressed.
. "$(dirname "$0")/lib.sh"
start_sim 0 --speed 30
write_config 1
start_dialtop
wait_for "Onboarding welcome calls"
count() {
    screen_line "Onboarding welcome calls" | grep -o '[0-9]*/5000' | head -n 1
}
first=$(count)
[ -n "$first" ] || fail "no progress count on the Onboarding row"
i=0
while [ $i -lt 150 ]; do
    now=$(count)
    if [ -n "$now" ] && [ "$now" != "$first" ]; then
        # and the contacts screen keeps polling too
        keys / onboarding Enter Enter
        wait_for "calls/min"
        wait_for "updated"
        exit 0
    fi
    sleep 0.1
    i=$((i + 1))
done
fail "progress stayed at $first for 15s"
