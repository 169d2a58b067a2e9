#!/bin/sh
# NO_COLOR gives a screen without colour escapes whose states are still
# told apart (state words and attributes); the default has colours; the
# light theme starts too.
. "$(dirname "$0")/lib.sh"
start_sim
write_config

has_colour() {
    # SGR with a foreground or background colour: 3x/4x/9x/10x or 38;/48;
    screen_escapes | grep -Eq '\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|38|48)(;[0-9;]*)?m'
}

start_dialtop NO_COLOR=1
wait_for "Onboarding welcome calls"
wait_for "paused"
has_colour && fail "NO_COLOR screen has colour escapes"
screen_escapes | grep -q "$(printf '\033')\[" || fail "NO_COLOR screen has no attributes at all"
for s in active paused scheduled completed cancelled; do
    screen_text | grep -q " $s " || fail "state $s not written out"
done
stop_dialtop

start_dialtop -- --no-color
wait_for "Onboarding welcome calls"
has_colour && fail "--no-color screen has colour escapes"
stop_dialtop

start_dialtop
wait_for "Onboarding welcome calls"
has_colour || fail "default screen has no colour"
stop_dialtop

start_dialtop -- --theme light
wait_for "Onboarding welcome calls"
has_colour || fail "light theme has no colour"
exit 0
