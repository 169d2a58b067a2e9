#!/bin/sh
# dialtop retry and concurrency (OmniDimension only), --name selectors and
# --if-needed against a real dialtop-sim: what the sim holds afterwards,
# the requests it counted ("nothing sent" is checked, not assumed) and the
# audit lines.
CLI_TEST_NAME=cli-retry
CLI_WATCH_PROVIDER=omnidim
. "$(dirname "$0")/cli_lib.sh"

create() { # PROVIDER STATUS NAME [CONTACTS] -> id
    sim POST /_sim/campaigns "{\"provider\":\"$1\",\"name\":\"$3\",\"status\":\"$2\",\"contacts\":${4:-30},\"concurrency\":3}" |
        sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
}
actions_total() { sim GET /_sim/stats | sed -n 's/.*"actions_total":\([0-9]*\).*/\1/p'; }
count_of() { # KEY from $dir/out (one-line JSON)
    sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$dir/out" | head -n 1
}

done_id=$(create omnidim completed "Spring done" 200)
run_id=$(create omnidim active "Spring running" 50)
truedy=$(create truedy completed "Truedy done" 20)
sarvam=$(create sarvam active "Sarvam live" 20)

# --- retry ---------------------------------------------------------------------
run 2 retry "$done_id";                          has err "--reasons is required"
run 2 retry "$done_id" --reasons maybe;          has err "\"maybe\" is not a reason to retry"
run 2 retry "$done_id" --reasons busy --max-retries 0; has err "from 1 to 10"
run 2 pause "$done_id" --reasons busy;           has err "belong to retry"
run 0 contacts "$done_id" --state no_answer --json; na=$(wc -l <"$dir/out" | tr -d ' ')
run 0 contacts "$done_id" --state busy --json;      busy=$(wc -l <"$dir/out" | tr -d ' ')
[ $((na + busy)) -gt 0 ] || fail "the completed campaign has nobody to retry"
before=$(actions_total)
run 0 retry "$done_id" --reasons no-answer,busy --json
[ "$(actions_total)" -eq $((before + 1)) ] || fail "retry did not send exactly one request"
has out '"action":"retry","outcome":"confirmed"'
has out '"state":"active"'
# read back: the unreached are queued again in the same campaign (the sim's
# clock is frozen, so they are pending or already dialing, not finished)
run 0 show "$done_id" --json
[ "$(count_of no_answer)" -eq 0 ] || fail "no_answer contacts were not re-queued"
[ "$(count_of busy)" -eq 0 ] || fail "busy contacts were not re-queued"
[ $(( $(count_of pending) + $(count_of in_progress) )) -eq $((na + busy)) ] ||
    fail "want $((na + busy)) contacts back in the queue: $(cat "$dir/out")"
grep -q '"action":"retry".*"params":{"args":"reasons=no_answer,busy"}.*"outcome":"confirmed"' "$audit" ||
    fail "retry audit line: $(tail -n 1 "$audit")"
# not offered on Truedy; the table's sentence, nothing sent
before=$(actions_total)
run 3 retry "$truedy" --profile truedy --reasons busy
has err "refused, nothing sent: retry: Truedy cannot re-queue contacts"
run 3 retry "$done_id" --reasons busy --read-only; has err "read-only"
[ "$(actions_total)" -eq "$before" ] || fail "a refused retry reached the sim"

# --- concurrency -------------------------------------------------------------------
run 2 concurrency "$run_id";        has err "the campaign, then the new limit"
run 2 concurrency "$run_id" 0;      has err "must be a whole number"
run 2 concurrency;                  has err "dialtop concurrency ID N"
run 2 concurrency "$run_id" many;   has err "not \"many\""
before=$(actions_total)
run 0 concurrency "$run_id" 7;      has out "confirmed, now active; concurrency 7"
[ "$(actions_total)" -eq $((before + 1)) ] || fail "concurrency did not send exactly one request"
run 0 show "$run_id" --json;        [ "$(count_of concurrency)" -eq 7 ] || fail "read back: $(cat "$dir/out")"
run 0 concurrency "$run_id" 7 --if-needed; has out "already at concurrency 7, nothing sent"
[ "$(actions_total)" -eq $((before + 1)) ] || fail "--if-needed sent a request"
run 3 concurrency "$sarvam" 4 --profile sarvam; has err "Sarvam cannot change a campaign's concurrency"
run 1 concurrency "$run_id" 101;    has err "from 1 to 100"   # the provider's limit, said by the sim
run 0 show "$run_id" --json;        [ "$(count_of concurrency)" -eq 7 ] || fail "a refused limit changed it"
# a 5xx does not say whether it took: read back, reported as it reads
sim POST /_sim/faults '{"fail_actions":true}' >/dev/null || fail "cannot set faults"
before=$(actions_total)
run 1 concurrency "$run_id" 5;      has err "outcome unknown"; has err "read back: active"
[ "$(actions_total)" -eq $((before + 1)) ] || fail "the failed concurrency was not sent exactly once"
sim POST /_sim/faults '{"fail_actions":false}' >/dev/null
run 0 show "$run_id" --json;        [ "$(count_of concurrency)" -eq 7 ] || fail "a failed change shows as made"

# --- --name ----------------------------------------------------------------------------
a=$(create omnidim active "Onboarding wave A" 5); b=$(create omnidim active "Onboarding wave B" 5)
create omnidim active "Twin" 5 >/dev/null; create omnidim active "Twin" 5 >/dev/null
before=$(actions_total)
run 3 pause --name "Twin";          has err "ambiguous: 2 campaigns have that name"
run 3 pause --name "Nobody*";       has err "no campaign on profile 'omni' matches"
run 2 pause "$a" --name "Onboarding*"; has err "not both"
[ "$(actions_total)" -eq "$before" ] || fail "a refused --name sent something"
run 0 pause --name "Onboarding wave*"
has out "pause $a \"Onboarding wave A\" (omnidim): confirmed, now paused"
has out "pause $b \"Onboarding wave B\" (omnidim): confirmed, now paused"
[ "$(actions_total)" -eq $((before + 2)) ] || fail "--name glob: want two requests"

# --- --if-needed ------------------------------------------------------------------------
before=$(actions_total); lines=$(audit_lines)
run 3 pause "$a";                   has err "refused, nothing sent"
run 0 pause "$a" --if-needed;       has out "pause $a \"Onboarding wave A\" (omnidim): already paused, nothing sent"
run 0 pause --name "Onboarding*" --if-needed --json
[ "$(grep -c '"outcome":"already","sent":false' "$dir/out")" -eq 2 ] || fail "--json of --if-needed"
[ "$(actions_total)" -eq "$before" ] || fail "--if-needed sent a request"
[ "$(audit_lines)" -eq $((lines + 4)) ] || fail "want an audit line per campaign, refusal included"
tail -n 1 "$audit" | grep -q '"outcome":"already","sent":false' || fail "audit: $(tail -n 1 "$audit")"
run 0 resume "$a" --if-needed;      has out "confirmed, now active"
echo "ok: cli retry, concurrency, --name, --if-needed"
