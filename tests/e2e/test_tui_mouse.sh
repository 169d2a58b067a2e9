#!/bin/sh
# Mouse: a click selects the row under it, the wheel scrolls. The events
# are typed into the pane as the terminal would send them (xterm X10
# encoding, what kmous announces for tmux-256color).
. "$(dirname "$0")/lib.sh"
start_sim
write_config
start_dialtop
wait_for "Renewal reminders Q4"
wait_for " 1/7"
# X10 report: ESC [ M, then button+32, column+33, row+33 (0-based).
mouse() {
    keys -l "$(printf '\033[M%b%b%b' "$(printf '\\%03o' $(($1 + 32)))" \
        "$(printf '\\%03o' $(($2 + 33)))" "$(printf '\\%03o' $(($3 + 33)))")"
}
mouse 0 4 5    # press on screen row 5 = the fourth campaign
mouse 3 4 5    # release
wait_for " 4/7"
screen_text | sed -n '6p' | grep -q "Webinar invite" || fail "fourth row is not the one clicked"
mouse 65 4 5   # wheel down: three rows
wait_for " 7/7"
mouse 64 4 5   # wheel up
wait_for " 4/7"
exit 0
