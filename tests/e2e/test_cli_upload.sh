#!/bin/sh
# `dialtop import FILE` without --dry-run against a real dialtop-sim: the
# campaign holds exactly the accepted rows, rejected rows without
# --allow-rejects send nothing, settings the upload would refuse are
# caught before any request, a backend failure never exits 0, and each
# create leaves one audit line. Plain sh: the command never opens the console.
CLI_TEST_NAME=cli-upload
CLI_WATCH_PROVIDER=truedy
. "$(dirname "$0")/cli_lib.sh"

requests_total() { sim GET /_sim/stats | sed -n 's/.*"requests_total":\([0-9]*\).*/\1/p'; }
# nothing_sent ARGS...: the command reaches the sim with no request at all
# (the second stats read counts only itself).
nothing_sent() {
    want=$1; shift
    before=$(requests_total)
    run "$want" "$@"
    after=$(requests_total)
    [ "$after" -eq $((before + 1)) ] || fail "dialtop $* sent $((after - before - 1)) request(s)"
}

printf 'phone,first_name\n+14155550101,Ann\n(415) 555-0102,Bob\nnot a number,Cy\n' >"$dir/list.csv"

# rejected rows without --allow-rejects: report, exit 3, nothing uploaded
nothing_sent 3 import "$dir/list.csv" --profile truedy --name "Spring list"
has out "2 accepted + 1 rejected"
has err "nothing uploaded"
# settings refused before the file is even read
nothing_sent 2 import "$dir/list.csv" --profile omni --name "Spring" --allow-rejects
has err "phone-number-id"
nothing_sent 2 import "$dir/list.csv" --profile sarvam --name "bad/name" --allow-rejects
has err "Sarvam campaign names"
nothing_sent 2 import "$dir/list.csv" --profile truedy --name "Past" --at "2001-01-01 09:00" --tz UTC --allow-rejects
# a setting the provider's create does not take is refused, not dropped
nothing_sent 2 import "$dir/list.csv" --profile truedy --name "Retry" --retry-limit 2 --allow-rejects
has err "Truedy's create takes no retry setting"
nothing_sent 2 import "$dir/list.csv" --profile sarvam --name "Conc" --concurrency 3 --allow-rejects
has err "Sarvam's create takes no concurrency setting"
nothing_sent 2 import "$dir/list.csv" --profile watch --name "Ro" --allow-rejects
has err "read-only"
[ "$(audit_lines)" -eq 0 ] || fail "refusals before the upload wrote audit lines"

# Truedy: the campaign has exactly the accepted numbers
run 0 import "$dir/list.csv" --profile truedy --name "Spring list" --allow-rejects --json --concurrency 3
has out '"confirmed":true'
has out '"contacts_uploaded":2'
id=$(sed -n 's/.*"campaign_id":"\([^"]*\)".*/\1/p' "$dir/out")
[ -n "$id" ] || fail "no campaign id in the JSON"
curl -s -f -H "Authorization: Bearer $E2E_SIM_KEY" "$url/api/public/v1/batch-calls/$id/contacts?limit=100" >"$dir/contacts" ||
    fail "cannot read the contacts back"
phones=$(grep -o '"phone_number":"[^"]*"' "$dir/contacts" | sort | tr '\n' ' ')
[ "$phones" = '"phone_number":"+14155550101" "phone_number":"+14155550102" ' ] ||
    fail "campaign $id holds: $phones"
[ "$(audit_lines)" -eq 1 ] || fail "no audit line for the create"
grep -q '"action":"create".*"outcome":"confirmed"' "$audit" || fail "audit line: $(cat "$audit")"

# OmniDim with its caller number; Sarvam scheduled, progress on stderr
run 0 import "$dir/list.csv" --profile omni --name "Omni list" --allow-rejects --phone-number-id 5
has out "created    campaign"
has out "2 contacts uploaded"
run 0 import "$dir/list.csv" --profile sarvam --name "Sarvam list" --allow-rejects --at "2031-03-01 10:00" --tz Asia/Kolkata
has out "state scheduled"
has err "uploaded 2 of 2 contacts"

# the backend refuses: exit 1, never a success line
sim POST /_sim/faults '{"fail_actions":true}' >/dev/null || fail "cannot set faults"
run 1 import "$dir/list.csv" --profile truedy --name "Doomed" --allow-rejects
has err "upload failed"
has err "no campaign was created"
grep -q "created    campaign" "$dir/out" && fail "claimed success on a failure"
sim POST /_sim/faults '{"fail_actions":false}' >/dev/null
tail -n 1 "$audit" | grep -q '"outcome":"failed"' || fail "failure not audited"
echo "ok"
