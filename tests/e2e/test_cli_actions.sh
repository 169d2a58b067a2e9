#!/bin/sh
# The headless action commands against a real dialtop-sim: every command,
# every exit code, the --json output, read-only, an injected 5xx, the
# "nothing sent" promise (the sim's counters) and one audit line per action.
# Plain sh, no tmux: these commands never open the console.
CLI_TEST_NAME=cli-actions
CLI_WATCH_PROVIDER=omnidim
. "$(dirname "$0")/cli_lib.sh"

create() { # PROVIDER STATUS -> id
    sim POST /_sim/campaigns "{\"provider\":\"$1\",\"name\":\"e2e $1 $2\",\"status\":\"$2\",\"contacts\":8,\"timezone\":\"America/New_York\"}" |
        sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
}
actions_total() { sim GET /_sim/stats | sed -n 's/.*"actions_total":\([0-9]*\).*/\1/p'; }

omni=$(create omnidim active); [ -n "$omni" ] || fail "cannot create omnidim campaign"
omni2=$(create omnidim paused)
truedy=$(create truedy active)
sarvam=$(create sarvam active)

# --- usage errors (2): nothing attempted, nothing audited ------------------
run 0 pause --help; has out "exit codes"; has out "3  refused"
run 2 pause;                          has err "name at least one campaign ID"
run 2 pause "$omni" --bogus;          has err "unknown option '--bogus'"
run 2 cancel "$omni";                 has err "add --yes"
run 2 reschedule "$omni";             has err "--at"
run 2 reschedule "$omni" --at;        has err "needs a value"
run 2 reschedule "$omni" --tz UTC;    has err "--at"
run 2 reschedule "$sarvam" --profile sarvam; has err "on Sarvam: --hours"
run 2 pause "$omni" --at "2031-01-01 10:00"; has err "belong to reschedule"
run 2 pause "$omni" --profile nosuch; has err "no profile named 'nosuch'"
run 2 pause "$omni" --config "$dir/missing.conf"
[ "$(audit_lines)" -eq 0 ] || fail "usage errors wrote audit lines"

# --- confirmed (0) ------------------------------------------------------------
before=$(actions_total)
run 0 pause "$omni";    has out "pause $omni \"e2e omnidim active\" (omnidim): confirmed, now paused"
run 0 resume "$omni";   has out "confirmed, now active"
[ "$(actions_total)" -eq $((before + 2)) ] || fail "pause+resume did not send exactly two actions"
[ "$(audit_lines)" -eq 2 ] || fail "audit lines after two actions: $(audit_lines)"

# --- refused (3): nothing sent ---------------------------------------------------
before=$(actions_total)
run 3 resume "$omni";   has err "refused, nothing sent: resume: campaign is active, only a paused campaign can be resumed"
run 3 cancel "$truedy" --profile truedy --yes; has err "Truedy offers no cancel"
# Sarvam cannot move a start: --at is refused before the campaign is even read
reqs=$(sim GET /_sim/stats | sed -n 's/.*"requests_total":\([0-9]*\).*/\1/p')
run 3 reschedule "$sarvam" --profile sarvam --at "2031-01-01 10:00"; has err "Sarvam cannot move a campaign's start; it changes the working window"
[ "$(sim GET /_sim/stats | sed -n 's/.*"requests_total":\([0-9]*\).*/\1/p')" -eq $((reqs + 1)) ] || fail "--at on Sarvam sent a request"
run 3 reschedule "$omni" --at "2031-01-01 10:00" --tz Mars/Olympus; has err "unknown timezone"
run 3 reschedule "$omni" --at "2020-01-01 10:00" --tz UTC; has err "in the past"
run 3 reschedule "$omni" --at "2031-03-09 02:30" --tz America/New_York; has err "does not exist in America/New_York"
run 3 reschedule "$omni" --at "2031-02-30 10:00"; has err "not a calendar date"
run 3 pause "$omni" --read-only; has err "pause: read-only"
run 3 pause "$omni" --profile watch; has err "pause: read-only"
[ "$(actions_total)" -eq "$before" ] || fail "a refused action reached the sim"
run 3 reschedule "$sarvam" --profile sarvam --hours 09:00-18:00 --days mon-sat --tz Asia/Kolkata
has err "campaign is active, only a scheduled or paused campaign can be rescheduled"; has err "pause, update, resume"
[ "$(actions_total)" -eq "$before" ] || fail "a refused action reached the sim"
run 3 reschedule "$omni" --hours 09:00-18:00; has err "OmniDimension has no working window to change"
[ "$(actions_total)" -eq "$before" ] || fail "a refused action reached the sim"
[ "$(audit_lines)" -eq 13 ] || fail "audit lines after eleven refusals: $(audit_lines)"

# --- reschedule and cancel confirmed ---------------------------------------------
run 0 reschedule "$omni" --at "2031-06-15 09:30" --tz America/New_York
has out "confirmed, now scheduled; starts 2031-06-15 09:30:00 America/New_York = "
run 0 pause "$truedy" --profile truedy
run 0 reschedule "$truedy" --profile truedy --at "2031-06-15 09:30"
has out "confirmed, now paused; starts 2031-06-15 09:30:00 America/New_York"
run 0 pause "$sarvam" --profile sarvam
run 0 reschedule "$sarvam" --profile sarvam --hours 09:00-18:00 --days mon-sat --tz Asia/Kolkata --end "2031-12-31 18:00"
has out "confirmed, now paused; window 09:00-18:00 mon-sat Asia/Kolkata, ends 2031-12-31T12:30:00Z (read back)"
run 0 resume "$sarvam" --profile sarvam
run 0 cancel "$omni" --yes; has out "confirmed, now cancelled"
run 0 cancel "$sarvam" --profile sarvam -y

# --- failed (1) ----------------------------------------------------------------
run 1 pause 999999;     has err "could not read the campaign"
sim POST /_sim/faults '{"fail_actions":true}' >/dev/null || fail "cannot set faults"
before=$(actions_total)
run 1 resume "$omni2";  has err "failed (server, HTTP 500)"; has err "state stays paused"
[ "$(actions_total)" -eq $((before + 1)) ] || fail "a failed action was not sent exactly once"
sim POST /_sim/faults '{"fail_actions":false}' >/dev/null
# The state stayed true: the next read still finds it paused.
run 0 resume "$omni2" --json
grep -Eq '"state_before":[[:space:]]*"paused"' "$dir/out" || fail "state did not stay paused after the 5xx"
grep -Eq '"outcome":[[:space:]]*"confirmed"' "$dir/out" || fail "--json lacks the confirmed outcome"

# --- several IDs, worst exit wins; --json lines --------------------------------
a=$(create omnidim active); b=$(create omnidim paused)
run 3 pause "$a" "$b" --json
[ "$(grep -c '"outcome":' "$dir/out")" -eq 2 ] || fail "--json did not hold two results"
grep -Eq '"outcome":[[:space:]]*"refused"' "$dir/out" || fail "--json lacks the refusal"
# one compact object per line (issue 15), not a pretty array
[ "$(wc -l <"$dir/out" | tr -d ' ')" -eq 2 ] || fail "--json is not one line per campaign"
head -c 1 "$dir/out" | grep -q '{' || fail "--json lines are not objects"
c=$(create omnidim active)
before=$(actions_total)
run 1 pause "$c" "$b" 999999
has err "campaign $b was refused, so no target was acted on"
# Every ID is read and vetted first: one bad target sends nothing (issue 14).
run 1 cancel "$c" 999999 --yes; has err "campaign 999999 could not be read"
[ "$(actions_total)" -eq "$before" ] || fail "an action was sent although another target was bad"
run 0 pause "$c"; has out "confirmed, now paused"
# 32 actions reached the action path; since issue 14 the three unreadable
# IDs (999999) get their line too ("every action, refused or not").
total=$(audit_lines)
[ "$total" -eq 32 ] || fail "audit log holds $total lines, wanted 32 (one per action)"

# Every line is JSON with the fields, and no key anywhere.
grep -q "$E2E_SIM_KEY" "$audit" && fail "the API key reached the audit log"
grep -c '"outcome":"' "$audit" | grep -qx "$total" || fail "an audit line lacks its outcome"
[ "$(stat -c %a "$audit")" = 600 ] || fail "audit log mode is $(stat -c %a "$audit")"
echo "ok: cli actions"
