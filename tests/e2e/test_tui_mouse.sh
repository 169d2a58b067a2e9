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
# two header lines and the column titles: screen row 6 is the fourth campaign
mouse 0 4 6    # press on screen row 6 = the fourth campaign
mouse 3 4 6    # release
wait_for " 4/7"
# the selected row is the one clicked: its detail names it
clicked=$(screen_text | sed -n '7p' | cut -c2-36 | sed 's/ *$//')
[ -n "$clicked" ] || fail "no row under the click"
keys d
wait_for "raw status"
screen_text | sed -n '3p' | grep -qF "$clicked" || fail "fourth row ($clicked) is not the one selected"
keys Escape
wait_for "NEXT RUN"
mouse 65 4 6   # wheel down: three rows
wait_for " 7/7"
mouse 64 4 6   # wheel up
wait_for " 4/7"
exit 0
