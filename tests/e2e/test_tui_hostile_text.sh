#!/bin/sh
# A campaign whose name carries an OSC title sequence, CSI sequences and a
# bidi override renders as visible escapes; the pane title never changes.
. "$(dirname "$0")/lib.sh"
start_sim
write_config
sim_post /_sim/campaigns '{"provider":"omnidim","name":"Evil\u001b]0;pwned-title\u0007 \u001b[2J\u001b[31mred \u202egnp.exe","status":"active"}'
start_dialtop
tmux -L "$E2E_SOCK" set-option -t "$E2E_SESSION" allow-rename on >/dev/null 2>&1
tmux -L "$E2E_SOCK" set-option -g set-titles on >/dev/null 2>&1
title_before=$(tmux -L "$E2E_SOCK" display-message -p -t "$E2E_SESSION" '#{pane_title}')
wait_for 'Evil\x1b]0;pwned-title\x07'
wait_for "Onboarding welcome calls"   # the screen was not cleared by it
title=$(tmux -L "$E2E_SOCK" display-message -p -t "$E2E_SESSION" '#{pane_title}')
case "$title" in *pwned*) fail "pane title changed to $title" ;; esac
[ "$title" = "$title_before" ] || fail "pane title changed from '$title_before' to '$title'"
# and in the detail view
keys / evil Enter d
wait_for "raw status"
wait_for 'Evil\x1b]0;pwned-title\x07 \x1b[2J\x1b[31mred \u202egnp.exe'
title=$(tmux -L "$E2E_SOCK" display-message -p -t "$E2E_SESSION" '#{pane_title}')
case "$title" in *pwned*) fail "pane title changed in detail view" ;; esac
exit 0
