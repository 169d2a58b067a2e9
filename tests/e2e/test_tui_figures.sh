#!/bin/sh
# Every figure on a campaign row is known, or says why not: once the first
# fetches settle, no `?` is left in the rows of live OmniDimension and
# Truedy campaigns; Sarvam's figures are a dim n/a whose reason the help
# screen gives; RUN on a finished campaign is `-`, not a number to watch.
. "$(dirname "$0")/lib.sh"
start_sim

# the rows only (from the line after the column titles to the footer)
rows() {
    screen_text | sed -n '4,37p' | grep -v '^ *$'
}

# no_question PATTERN: waits until no row matching PATTERN holds a "?"
# cell (a word that is just "?", or a "?" progress).
no_question() {
    i=0
    while [ $i -lt 150 ]; do
        rows | grep -E "$1" | grep -qE '(^| )\?( |$)' || return 0
        sleep 0.1
        i=$((i + 1))
    done
    fail "a row still shows ? after 15s"
}

for p in omnidim truedy; do
    write_provider_config $p
    start_dialtop
    wait_for "updated"
    no_question "active|paused|scheduled|completed|cancelled|failed"
    # a finished campaign: RUN does not apply
    line=$(rows | grep -E ' (completed|cancelled) ' | head -n 1)
    [ -n "$line" ] || fail "$p: no finished campaign on the demo"
    echo "$line" | grep -qE ' - ' || fail "$p: RUN on a finished campaign is not '-': $line"
    if [ $p = omnidim ]; then
        # the cancel dialog states the row's own PEND, not "unknown" (the
        # row ends: PEND CONC and a next run of three words)
        keys / "Webinar invite" Enter
        wait_for 'filter "webinar invite"'
        pend=$(screen_line "Webinar invite" | awk '{print $(NF-4)}')
        [ -n "$pend" ] && [ "$pend" -ge 0 ] 2>/dev/null || fail "no PEND on the row: $(screen_line "Webinar invite")"
        keys X
        wait_for "pending calls dropped: $pend"
        keys n
        wait_for "kept, nothing sent"
    fi
    keys q
    stop_dialtop
done

write_provider_config sarvam
start_dialtop
wait_for "updated"
wait_for "n/a"
rows | grep -E '(^| )\?( |$)' && fail "sarvam: a ? where n/a belongs"
keys '?'
wait_for "Keys"
keys G      # the figures section is at the end of the help
wait_for "run dialtop hooks"
keys Escape q
exit 0
