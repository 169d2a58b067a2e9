#!/bin/sh
# Process-wide guards of the real console: SIGPIPE is ignored (a broken
# connection or pipe never kills it with the terminal left raw), core files
# are off (the key never reaches disk), read from /proc of the running
# process; a SIGPIPE sent to it changes nothing.
. "$(dirname "$0")/lib.sh"
start_sim
write_config
start_dialtop
wait_for "Onboarding welcome calls"
pid=$(dialtop_pid)
[ -n "$pid" ] || fail "no dialtop process"
ign=$(sed -n 's/^SigIgn:[[:space:]]*//p' "/proc/$pid/status")
# SIGPIPE is signal 13: bit 12 of the mask
[ $(( 0x$ign >> 12 & 1 )) -eq 1 ] || fail "SIGPIPE is not ignored (SigIgn $ign)"
grep -Eq '^Max core file size +0 +0 ' "/proc/$pid/limits" || fail "core files are not off: $(grep core "/proc/$pid/limits")"
kill -PIPE "$pid"
keys r
wait_for "Onboarding welcome calls"
kill -0 "$pid" 2>/dev/null || fail "SIGPIPE killed the console"
pane_dead && fail "the console ended after SIGPIPE"
keys q
exit 0
