#!/bin/sh
# The console's import screen (`i`) against a real dialtop-sim: the path
# prompt completes with Tab, the preview shows the detected layout, the
# report the rejected rows, Esc at a step uploads nothing, the review
# shows what will be created, and Enter on it makes a campaign in the sim holding exactly the accepted contacts and
# the working hours given, which then appears in the list.
. "$(dirname "$0")/lib.sh"

E2E_SIM_DEMO= start_sim 0
write_provider_config truedy

sim_get() {
    curl -sf -H "X-Sim-Key: $SIM_KEY" -H "Authorization: Bearer $SIM_KEY" "$SIM_URL$1"
}
requests_total() { sim_get /_sim/stats | sed -n 's/.*"requests_total":\([0-9]*\).*/\1/p'; }
actions_total() { sim_get /_sim/stats | sed -n 's/.*"actions_total":\([0-9]*\).*/\1/p'; }

mkdir -p "$E2E_TMP/lists"
printf 'phone;first_name\n+14155550101;Ann\n(415) 555-0102;Bob\n12;Cy\n' >"$E2E_TMP/lists/spring_contacts.csv"

start_dialtop -- --profile truedy
wait_for "truedy"

# Esc on the report: nothing sent
n0=$(actions_total)
keys i
wait_for "Contact list (CSV) to import"
keys -l "$E2E_TMP/lists/spr"
keys Tab
wait_for "spring_contacts.csv_"
keys Enter
wait_for "delimiter semicolon (detected)"
wait_for "[phone]"
keys Enter
wait_for "2 accepted + 1 rejected"
wait_for "line 4, column 1 (phone): invalid_phone"
keys Escape
wait_for "import: closed, nothing uploaded"
[ "$(actions_total)" -eq "$n0" ] || fail "Esc on the report sent something"

# the backend refuses the create: said on screen, nothing in the list
sim_post /_sim/faults '{"fail_actions":true}'
import_open "$E2E_TMP/lists/spring_contacts.csv"
wait_for "[phone]"
keys Enter
wait_for "2 accepted + 1 rejected"
keys Enter
wait_for "> name"
keys Enter
wait_for "Review: nothing is sent until Enter"
keys Enter
wait_for "upload failed, no campaign:" 15
# a 500 may come after the campaign was made: no quick retry, look first
wait_for "may have made the campaign before it failed"
wait_for "any key closes"
keys Escape
wait_gone "upload failed"
wait_for "no campaigns on this backend"
sim_post /_sim/faults '{"fail_actions":false}'
grep -q '"action":"create".*"outcome":"failed"' "$XDG_STATE_HOME/dialtop/audit.log" ||
    fail "no audit line for the failed create"
n0=$(actions_total)

# the whole way: report, settings, Create
import_open "$E2E_TMP/lists/spring_contacts.csv"
wait_for "[phone]"
keys Enter
wait_for "2 accepted + 1 rejected"
keys Enter
wait_for "name             spring_contacts_"
keys C-u
keys -l "Spring import"
# Truedy takes a working window; the form offers it and not the retries
screen_text | grep -q "retries" && fail "Truedy's form offers retries it cannot send"
keys Down Down Down Down
wait_for "> working hours"
keys -l "09:00-18:00"
keys Enter
# the review (issue 15: create no longer goes out on the settings' Enter)
wait_for "Review: nothing is sent until Enter"
wait_for "profile       truedy (Truedy)"
wait_for "contacts      2 accepted, 1 rejected"
wait_for "window        09:00-18:00, every day, America/New_York"
[ "$(actions_total)" -eq "$n0" ] || fail "the review sent something before Enter"
keys Enter
wait_for "created campaign" 15
wait_for "2 of 2 contacts uploaded"
id=$(screen_text | sed -n 's/.*created campaign \([^ ]*\) .*/\1/p' | head -n 1)
[ -n "$id" ] || fail "no campaign id on screen"
[ "$(actions_total)" -eq $((n0 + 1)) ] || fail "create sent $(( $(actions_total) - n0 )) requests"
keys Space
wait_for "Spring import"

sim_get "/api/public/v1/batch-calls/$id" >"$E2E_TMP/batch" || fail "cannot read the batch"
grep -q '"start_time":"09:00"' "$E2E_TMP/batch" || fail "no working window in $(cat "$E2E_TMP/batch")"
sim_get "/api/public/v1/batch-calls/$id/contacts?limit=100" >"$E2E_TMP/contacts" || fail "cannot read contacts"
phones=$(grep -o '"phone_number":"[^"]*"' "$E2E_TMP/contacts" | sort | tr '\n' ' ')
[ "$phones" = '"phone_number":"+14155550101" "phone_number":"+14155550102" ' ] ||
    fail "campaign $id holds: $phones"
grep -q '"action":"create".*"outcome":"confirmed"' "$XDG_STATE_HOME/dialtop/audit.log" ||
    fail "no audit line for the create"
stop_dialtop
echo ok
