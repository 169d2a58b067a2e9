#!/bin/sh
# Resizing redraws: 80x24 still shows the list, below it a clear message,
# and back at full size the wide columns return.
. "$(dirname "$0")/lib.sh"
start_sim
write_config
start_dialtop
wait_for "NEXT RUN"
resize 80 24
wait_gone "NEXT RUN"
wait_for "NAME"
wait_for "Renewal reminders"
wait_for "updated"
resize 60 20
wait_for "terminal too small"
resize 120 40
wait_for "NEXT RUN"
wait_gone "terminal too small"
wait_for "Renewal reminders Q4"
exit 0
