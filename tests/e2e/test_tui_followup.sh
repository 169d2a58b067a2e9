#!/bin/sh
# F in the contacts view (issue 15): a follow-up campaign from the open
# campaign's contacts in chosen states (the filter, when it names a state,
# is the default), on another profile, through the settings and the
# review; nothing is created before Enter on the review, and the new
# campaign holds exactly the source's contacts in those states.
. "$(dirname "$0")/lib.sh"

E2E_SIM_DEMO= start_sim 0
cfg="$XDG_CONFIG_HOME/dialtop/config"
cat >"$cfg" <<CFG
[profile omni]
provider = omnidim
base_url = $SIM_URL
api_key_env = $E2E_KEY_ENV
poll_interval = 1

[profile tru]
provider = truedy
base_url = $SIM_URL
api_key_env = $E2E_KEY_ENV
poll_interval = 1
CFG
chmod 600 "$cfg"

sim_get() {
    curl -sf -H "X-Sim-Key: $SIM_KEY" -H "Authorization: Bearer $SIM_KEY" "$SIM_URL$1"
}
truedy_campaigns() { sim_get /_sim/stats | sed -n 's/.*"truedy":\([0-9]*\).*/\1/p'; }

sim_post /_sim/campaigns '{"provider":"omnidim","name":"Spring","status":"completed","contacts":300}'
src=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' "$E2E_TMP/sim_post.out")
sim_get "/api/v1/calls/bulk_call/$src" | tr -d '\n\t ' >"$E2E_TMP/detail"
count() { sed -n "s/.*\"call_status_counts\":{[^}]*\"$1\":\([0-9]*\).*/\1/p" "$E2E_TMP/detail"; }
na=$(count no-answer)
busy=$(count busy)
[ "$((na + busy))" -gt 0 ] || fail "nobody to follow up: $(cat "$E2E_TMP/detail")"

start_dialtop -- --all-profiles
wait_for "Spring"
keys Enter
wait_for "Contacts"

# the filter names a state: F starts from it
keys /
keys -l "busy"
keys Enter
keys F
wait_for "states: busy_"
keys Escape
wait_for "follow-up: closed, nothing created"

keys F
wait_for "A new campaign from the contacts of Spring (omni)"
keys C-u
keys -l "no_answer,busy"
wait_for "on profile: omni (OmniDimension)"
keys Down
wait_for "on profile: tru (Truedy)"
c0=$(truedy_campaigns)
keys Enter
wait_for "$((na + busy)) of 300 contacts of Spring (no_answer $na, busy $busy)" 20
wait_for "> name             Spring follow-up"
keys Enter
wait_for "Review: nothing is sent until Enter"
wait_for "profile       tru (Truedy)"
wait_for "contacts      $((na + busy)) accepted, 0 rejected (left out) from campaign $src (omni)"
[ "$(truedy_campaigns)" -eq "$c0" ] || fail "created before Enter on the review"
keys x
wait_for "> name"
[ "$(truedy_campaigns)" -eq "$c0" ] || fail "x on the review created something"
keys Enter
wait_for "Review: nothing is sent until Enter"
keys Enter
wait_for "created campaign" 20
[ "$(truedy_campaigns)" -eq $((c0 + 1)) ] || fail "Enter on the review did not create one campaign"
id=$(screen_text | sed -n 's/.*created campaign \([^ ]*\) .*/\1/p' | head -n 1)
sim_get "/_sim/campaigns/truedy/$id/census" >"$E2E_TMP/census"
grep -q "\"contacts\":$((na + busy))," "$E2E_TMP/census" || fail "follow-up holds: $(cat "$E2E_TMP/census")"
grep -q "\"distinct_phones\":$((na + busy))," "$E2E_TMP/census" || fail "twice: $(cat "$E2E_TMP/census")"
stop_dialtop
echo ok
