#!/bin/sh
# `dialtop followup`: the new campaign holds exactly the source campaign's
# contacts in the chosen states (counts equal the source's own counts), on
# another provider, with their context variables; --dry-run sends nothing.
CLI_TEST_NAME=cli-followup
CLI_WATCH_PROVIDER=omnidim
. "$(dirname "$0")/cli_lib.sh"

field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p"; }

sim POST /_sim/campaigns '{"provider":"omnidim","name":"Spring","status":"completed","contacts":400}' \
    >"$dir/src" || fail "cannot make the source campaign"
src=$(field id <"$dir/src")
curl -s -f -H "Authorization: Bearer $E2E_SIM_KEY" "$url/api/v1/calls/bulk_call/$src" >"$dir/detail" ||
    fail "cannot read the source"
count() { tr -d '\n\t ' <"$dir/detail" | sed -n "s/.*\"call_status_counts\":{[^}]*\"$1\":\([0-9]*\).*/\1/p"; }
na=$(count no-answer); busy=$(count busy); failed=$(count Failed)
total=$((na + busy + failed))
[ "$total" -gt 0 ] || fail "the source has nobody to follow up: $(cat "$dir/detail")"

# the dry run: the counts, the first rows, nothing created
run 0 followup "$src" --profile omni --states no_answer,busy,failed --dry-run --json
has out "\"count\":$total"
has out "\"no_answer\":$na"
has out "\"busy\":$busy"
has out "\"failed\":$failed"
has out '"vars":{"'
sim GET /_sim/stats | grep -q '\.create"' && fail "a dry run created something"
run 0 followup "$src" --profile omni --states no-answer,busy --dry-run
has out "follow-up  $((na + busy)) contacts: no_answer $na busy $busy"
has out "dry run: nothing created"

# bad input: named, nothing sent
run 2 followup "$src" --profile omni --states no_answer,nobody --name X
has err 'unknown contact state "nobody"'
run 2 followup "$src" --profile omni --states busy
has err "needs --name"
run 3 followup "$src" --profile omni --to-profile watch --states busy --name "Ro"
has err "read-only"

# to Truedy: exactly those contacts, each once, with their variables
run 0 followup "$src" --profile omni --to-profile truedy --states no_answer,busy,failed \
    --name "Spring callbacks" --json
has out '"confirmed":true'
has out "\"contacts_uploaded\":$total"
new=$(sed -n 's/.*"upload":{[^}]*"campaign_id":"\([^"]*\)".*/\1/p' "$dir/out")
[ -n "$new" ] || fail "no new campaign id"
sim GET "/_sim/campaigns/truedy/$new/census" >"$dir/census"
[ "$(field contacts <"$dir/census")" = "$total" ] || fail "follow-up holds: $(cat "$dir/census")"
[ "$(field distinct_phones <"$dir/census")" = "$total" ] || fail "duplicates: $(cat "$dir/census")"
first_phone=$(sed -n 's/.*"first":\[{"phone":"\([^"]*\)".*/\1/p' "$dir/out")
curl -s -f -H "Authorization: Bearer $E2E_SIM_KEY" "$url/api/public/v1/batch-calls/$new/contacts?limit=1" \
    >"$dir/c1" || fail "cannot read the follow-up's contacts"
grep -q "\"phone_number\":\"$first_phone\"" "$dir/c1" || fail "first contact: $(cat "$dir/c1")"
grep -q '"custom_fields":{"[a-z]' "$dir/c1" || fail "variables lost: $(cat "$dir/c1")"
tail -n 1 "$audit" | grep -q '"action":"create".*"outcome":"confirmed"' || fail "not audited"

# a source read and a create under a rate limit (3 requests per 1 s, 429
# with each provider's reset time): both wait it out, nothing is lost
sim POST /_sim/campaigns '{"provider":"truedy","name":"Autumn","status":"completed","contacts":450}' \
    >"$dir/src2" || fail "cannot make the Truedy source"
src2=$(field id <"$dir/src2")
run 0 followup "$src2" --profile truedy --states no_answer,busy,failed --dry-run --json
n2=$(field count <"$dir/out")
[ "$n2" -gt 0 ] || fail "nobody to follow up in the Truedy source"
sim POST /_sim/faults '{"rate_limit_burst":3,"rate_limit_window_s":1}' >/dev/null
run 0 followup "$src2" --profile truedy --to-profile omni --states no_answer,busy,failed \
    --name "Autumn callbacks" --phone-number-id 4 --json
sim POST /_sim/faults '{"rate_limit_burst":0}' >/dev/null
has out "\"count\":$n2"
has out "\"contacts_uploaded\":$n2"
sim GET /_sim/stats | grep -q '"fault.rate_limit":[1-9]' || fail "no 429 was met"
echo "ok"
