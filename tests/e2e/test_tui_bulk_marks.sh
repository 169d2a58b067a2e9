#!/bin/sh
# Bulk actions ask when they must (issue 15): a key on a marked campaign
# the filter hides names it as hidden and sends nothing before `y` (the
# sim's request count is checked); several campaigns are confirmed first;
# cancelling several wants their count typed; `u` unmarks all; Esc clears
# the filter first, then the marks. And OmniDim's T (retry the unreached)
# and c (concurrency) forms, confirmed by reading the campaign back.
. "$(dirname "$0")/lib.sh"

E2E_SIM_DEMO= start_sim 0
cfg="$XDG_CONFIG_HOME/dialtop/config"
cat >"$cfg" <<CFG
[profile omni]
provider = omnidim
base_url = $SIM_URL
api_key_env = $E2E_KEY_ENV
poll_interval = 1
CFG
chmod 600 "$cfg"

sim_get() { curl -sf -H "X-Sim-Key: $SIM_KEY" -H "Authorization: Bearer $SIM_KEY" "$SIM_URL$1"; }
create() { # NAME STATUS -> id
    sim_post /_sim/campaigns "{\"provider\":\"omnidim\",\"name\":\"$1\",\"status\":\"$2\",\"contacts\":40,\"concurrency\":3}"
    sed -n 's/.*"id":"\([^"]*\)".*/\1/p' "$E2E_TMP/sim_post.out"
}
actions_total() { sim_get /_sim/stats | sed -n 's/.*"actions_total":\([0-9]*\).*/\1/p'; }
omni_status() { sim_get "/api/v1/calls/bulk_call/$1" | sed -n 's/.*"status":"\([a-z_]*\)","is_scheduled.*/\1/p'; }
omni_conc() { sim_get "/api/v1/calls/bulk_call/$1" | sed -n 's/.*"concurrent_call_limit":\([0-9]*\).*/\1/p'; }
expect_status() {
    i=0
    while [ $i -lt 50 ]; do
        [ "$(omni_status "$1")" = "$2" ] && return 0
        sleep 0.1; i=$((i + 1))
    done
    fail "campaign $1 is $(omni_status "$1") in the sim, wanted $2"
}
filter() {
    keys /
    keys C-u
    keys -l "$1"
    keys Enter
    wait_for "filter \"$(echo "$1" | tr 'A-Z' 'a-z')\""
}

churn=$(create "Churn win-back" paused)
ins=$(create "Insurance renewals" paused)
done_id=$(create "Survey done" completed)
start_dialtop -- --profile omni
wait_for "Insurance renewals"

# --- a hidden mark: named as hidden, nothing sent before y -----------------
filter "Churn"
keys g Space
wait_for "1 marked"
filter "Insurance"
n0=$(actions_total)
keys g R
wait_for "resume 1 campaign?"
wait_for "1 of them is hidden by the filter"
wait_for "[hidden] Churn win-back (omni, OmniDimension): paused -> active"
[ "$(actions_total)" -eq "$n0" ] || fail "a hidden marked resume was sent before y"
keys n
wait_for "resume: kept, nothing sent; the marks stay"
wait_for "1 marked"
[ "$(actions_total)" -eq "$n0" ] || fail "n sent the resume anyway"
[ "$(omni_status "$churn")" = paused ] || fail "the hidden campaign changed without y"
# asked again, y sends it once
keys R
wait_for "[hidden] Churn win-back"
keys y
expect_status "$churn" in_progress
[ "$(actions_total)" -eq $((n0 + 1)) ] || fail "y did not send exactly one resume"
[ "$(omni_status "$ins")" = paused ] || fail "the visible, unmarked campaign was resumed"

# --- u unmarks all; Esc clears the filter, then the marks --------------------
keys Escape
wait_for "filter cleared"
keys g Space Space
wait_for "2 marked"
keys u
wait_for "unmarked 2 campaigns"
wait_gone "2 marked"
keys g Space
wait_for "1 marked"
filter "Survey"
keys Escape
wait_for "filter cleared; Esc again unmarks"
screen_text | grep -q "1 marked" || fail "the first Esc dropped the marks too"
keys Escape
wait_for "unmarked 1 campaign"
wait_gone "1 marked"

# --- cancel of several: the count must be typed ---------------------------------
# (by name: Churn, Insurance, Survey; the default "attention" order moves
# rows as their figures change; the completed survey cannot be cancelled)
keys s
wait_for "sort name"
keys g Space Space
wait_for "2 marked"
n0=$(actions_total)
keys X
wait_for "type 2 and Enter = cancel them all"
keys y
wait_for "cancel: kept, nothing sent; the marks stay"
[ "$(actions_total)" -eq "$n0" ] || fail "y alone cancelled several campaigns"
wait_for "2 marked"
keys X
wait_for "type 2 and Enter"
keys 2 Enter
wait_for "cancelled 2 campaigns (confirmed)"
[ "$(actions_total)" -eq $((n0 + 2)) ] || fail "the typed count did not send two cancels"

# --- T: retry the unreached of the completed campaign ----------------------------
filter "Survey"
keys g
n0=$(actions_total)
keys T
wait_for "reasons:     no_answer,busy_"
keys Escape
wait_for "retry: closed, nothing sent"
keys T
wait_for "reasons:     no_answer,busy_"
keys Tab
keys -l "99"
keys Enter
wait_for "not sent: max retries"
[ "$(actions_total)" -eq "$n0" ] || fail "an invalid retry form sent something"
keys BSpace BSpace Enter
wait_for "retried Survey done (confirmed, now active)"
[ "$(actions_total)" -eq $((n0 + 1)) ] || fail "retry was not sent exactly once"
expect_status "$done_id" in_progress

# --- c: concurrency, read back --------------------------------------------------
keys c
wait_for "new limit:   3_"
keys BSpace
keys -l "9"
keys Enter
wait_for "changed Survey done (confirmed"
[ "$(omni_conc "$done_id")" = 9 ] || fail "the sim's concurrency is $(omni_conc "$done_id"), want 9"
keys q
stop_dialtop
echo "ok: tui bulk marks, u, Esc, T and c"
