#!/bin/sh
# A console import onto Sarvam, whose contacts go in chunks of 1,000
# after the campaign exists: 2,500 contacts arrive as three cohorts, the
# bar ends at 2,500 of 2,500, and the working window typed in the form
# reaches the sim as Sarvam's allowed_schedule.
. "$(dirname "$0")/lib.sh"

E2E_SIM_DEMO= start_sim 0
write_provider_config sarvam
sim_get() { curl -sf -H "X-API-Key: $SIM_KEY" "$SIM_URL$1"; }
base=/api/scheduling/v1/orgs/org1/workspaces/ws1

list="$E2E_TMP/wave.csv"
awk 'BEGIN { print "phone,first_name"
             for (i = 0; i < 2500; i++) printf "+1415555%04d,c%d\n", i, i }' >"$list"

start_dialtop -- --profile sarvam
wait_for "sarvam"
import_open "$list"
wait_for "[phone]"
keys Enter
wait_for "2500 = 2500 accepted + 0 rejected"
keys Enter
wait_for "> name             wave_"
screen_text | grep -q "concurrency" && fail "Sarvam's form offers a concurrency it cannot send"
keys Down Down Down
wait_for "> working hours"
keys -l "10:00-17:30"
keys Down
wait_for "> working days"
keys -l "mon-fri"
keys Enter
wait_for "Review: nothing is sent until Enter"
keys Enter
wait_for "2500 of 2500 contacts uploaded" 30
wait_for "created campaign"
id=$(screen_text | sed -n 's/.*created campaign \([^ ]*\) .*/\1/p' | head -n 1)
[ -n "$id" ] || fail "no campaign id on screen"
keys Space
wait_for "wave"

sim_get "$base/campaigns/$id/cohorts" >"$E2E_TMP/cohorts" || fail "cannot read cohorts"
grep -q '"total":3' "$E2E_TMP/cohorts" || fail "cohorts: $(cat "$E2E_TMP/cohorts")"
sim_get "$base/campaigns/$id" >"$E2E_TMP/campaign" || fail "cannot read the campaign"
grep -q '"allowed_start_time":"10:00"' "$E2E_TMP/campaign" &&
    grep -q '"allowed_end_time":"17:30"' "$E2E_TMP/campaign" &&
    grep -q '"allowed_days":\["Monday","Tuesday","Wednesday","Thursday","Friday"\]' "$E2E_TMP/campaign" ||
    fail "allowed_schedule: $(cat "$E2E_TMP/campaign")"
stop_dialtop
echo ok
