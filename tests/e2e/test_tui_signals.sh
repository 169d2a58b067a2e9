#!/bin/sh
# The terminal is handed back however the console ends: SIGTERM exits
# cleanly (status 0); a crash signal (SIGSEGV) still leaves the alternate
# screen and shows the cursor again before the process dies.
. "$(dirname "$0")/lib.sh"
start_sim
write_config

pane() {
    tmux -L "$E2E_SOCK" display-message -p -t "$E2E_SESSION" "$1"
}
wait_dead() {
    i=0
    while ! pane_dead; do
        i=$((i + 1))
        [ $i -gt 50 ] && fail "console still running after $1"
        sleep 0.1
    done
}

start_dialtop
wait_for "Onboarding welcome calls"
[ "$(pane '#{alternate_on}')" = 1 ] || fail "console not on the alternate screen"
kill -TERM "$(dialtop_pid)"
wait_dead SIGTERM
[ "$(pane '#{pane_dead_status}')" = 0 ] || fail "SIGTERM exit status $(pane '#{pane_dead_status}')"
[ "$(pane '#{alternate_on}')" = 0 ] || fail "alternate screen still on after SIGTERM"
stop_dialtop

# a crash: the pane stays alive behind a shell so the terminal state the
# handler left can be read
E2E_KEEP_SHELL=1
start_dialtop
wait_for "Onboarding welcome calls"
[ "$(pane '#{cursor_flag}')" = 0 ] || fail "cursor visible while running"
kill -SEGV "$(dialtop_pid)"
wait_for "dialtop exited 139"
[ "$(pane '#{alternate_on}')" = 0 ] || fail "alternate screen still on after SIGSEGV"
[ "$(pane '#{cursor_flag}')" = 1 ] || fail "cursor hidden after SIGSEGV"
exit 0
