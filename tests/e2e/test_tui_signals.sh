#!/bin/sh
# The terminal is handed back however the console ends: SIGTERM exits
# cleanly (status 0); a crash signal (SIGSEGV) still leaves the alternate
# screen and shows the cursor again before the process dies. A shell
# stays in the pane after dialtop ("dialtop exited N"), so the exit status
# and the terminal state it left are read from a live pane.
. "$(dirname "$0")/lib.sh"
start_sim
write_config
E2E_KEEP_SHELL=1

pane() {
    tmux -L "$E2E_SOCK" display-message -p -t "$E2E_SESSION" "$1"
}

start_dialtop
wait_for "Onboarding welcome calls"
[ "$(pane '#{alternate_on}')" = 1 ] || fail "console not on the alternate screen"
[ "$(pane '#{cursor_flag}')" = 0 ] || fail "cursor visible while running"
kill -TERM "$(dialtop_pid)"
wait_for "dialtop exited 0"
[ "$(pane '#{alternate_on}')" = 0 ] || fail "alternate screen still on after SIGTERM"
[ "$(pane '#{cursor_flag}')" = 1 ] || fail "cursor hidden after SIGTERM"
stop_dialtop

start_dialtop
wait_for "Onboarding welcome calls"
kill -SEGV "$(dialtop_pid)"
wait_for "dialtop exited 139"
[ "$(pane '#{alternate_on}')" = 0 ] || fail "alternate screen still on after SIGSEGV"
[ "$(pane '#{cursor_flag}')" = 1 ] || fail "cursor hidden after SIGSEGV"
exit 0
