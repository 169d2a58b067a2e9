#!/bin/sh
# Sarvam for real in the console: dialtop-sim's Sarvam dialer posts each
# finished attempt to a real `dialtop hooks`, and the console's Sarvam
# contacts and counts are the receiver's (compared with what the receiver
# itself answers). A Sarvam profile without hooks_url says once, plainly,
# where per-contact outcomes come from, and asks for no contacts page.
. "$(dirname "$0")/lib.sh"

TOK="e2e-hooks-token-$$-abcdef"
HOOKS_PID=""
stop_hooks() { [ -n "$HOOKS_PID" ] && kill "$HOOKS_PID" 2>/dev/null; HOOKS_PID=""; }
trap 'stop_hooks; e2e_cleanup' EXIT

DIALTOP_HOOKS_TOKEN="$TOK" "$DIALTOP_BIN" hooks --listen 127.0.0.1:0 --db "$E2E_TMP/hooks.db" \
    >"$E2E_TMP/hooks.out" 2>"$E2E_TMP/hooks.err" &
HOOKS_PID=$!
i=0
until grep -q '^listening on http://' "$E2E_TMP/hooks.out" 2>/dev/null; do
    i=$((i + 1))
    [ $i -gt 100 ] && fail "dialtop hooks did not start: $(cat "$E2E_TMP/hooks.err")"
    sleep 0.1
done
HOOKS_URL=$(sed -n 's/^listening on //p' "$E2E_TMP/hooks.out" | head -n 1)

# the sim's own campaigns post to the receiver (the URL holds the token:
# environment, not argv)
export DIALTOP_SIM_WEBHOOK_URL="$HOOKS_URL/sarvam/$TOK"
E2E_SIM_DEMO= start_sim 0 --speed 300 --call-duration 1-4 --webhook-backoff-ms 50
unset DIALTOP_SIM_WEBHOOK_URL
sim_post /_sim/campaigns '{"provider":"sarvam","name":"Hooked drive","status":"active","contacts":60,"concurrency":6}'

cfg="$XDG_CONFIG_HOME/dialtop/config"
cat >"$cfg" <<CFG
[profile sarvam]
provider = sarvam
base_url = $SIM_URL
api_key_env = $E2E_KEY_ENV
org_id = org1
workspace_id = ws1
poll_interval = 1
hooks_url = $HOOKS_URL
hooks_token_env = E2E_HOOKS_TOKEN

[profile public]
provider = sarvam
base_url = $SIM_URL
api_key_env = $E2E_KEY_ENV
org_id = org1
workspace_id = ws1
hooks_url = $HOOKS_URL
hooks_token_env = E2E_HOOKS_TOKEN
hooks_public_url = $HOOKS_URL

[profile bare]
provider = sarvam
base_url = $SIM_URL
api_key_env = $E2E_KEY_ENV
org_id = org1
workspace_id = ws1
poll_interval = 1
CFG
chmod 600 "$cfg"

# summary_field FIELD: the receiver's figure for the campaign, "" if none
summary_field() {
    curl -sf -H "Authorization: Bearer $TOK" "$HOOKS_URL/sarvam/campaigns/$CAMP_ID/summary" |
        python3 -c 'import json,sys; d=json.load(sys.stdin); f=sys.argv[1]; print(d["by_state"].get(f, "") if f in d["by_state"] else d.get(f, ""))' "$1"
}

start_dialtop E2E_HOOKS_TOKEN="$TOK" -- --profile sarvam
wait_for "Hooked drive" 15
# the campaign list's Sarvam row has figures: progress over the cohorts'
# total of 60, and RUN, FAIL and PEND known (CONC stays "?": Sarvam has none)
wait_for "/60 " 20
i=0
until screen_line "Hooked drive" | awk '{ exit !($(NF-4) != "?" && $(NF-3) != "?" && $(NF-2) != "?") }'; do
    i=$((i + 1))
    [ $i -gt 100 ] && fail "the Sarvam row still has unknown figures: $(screen_line "Hooked drive")"
    sleep 0.1
done
keys / Hooked Enter Enter
wait_for "calls/min" 10
CAMP_ID=$(curl -sf -H "X-API-Key: $SIM_KEY" "$SIM_URL/api/scheduling/v1/orgs/org1/workspaces/ws1/campaigns?limit=100" |
    python3 -c 'import json,sys; print([c["campaign_id"] for c in json.load(sys.stdin)["items"] if c["name"]=="Hooked drive"][0])')
[ -n "$CAMP_ID" ] || fail "the sim does not list the campaign"
# contacts arrive as the sim's webhooks do
wait_for "+91" 20
screen_text | grep -q "run \`dialtop hooks\`" && fail "the hint shows although hooks_url is set"

# The console's counts are the receiver's: wait until the calls are done
# (attempts stop growing), then the figures on screen must equal it.
i=0
last=""
while :; do
    now=$(summary_field attempts)
    [ -n "$now" ] && [ "$now" = "$last" ] && [ "$now" -gt 0 ] && break
    last=$now
    i=$((i + 1))
    [ $i -gt 60 ] && fail "the receiver's attempts kept changing for 60 polls"
    wait_for "updated" 2
    sleep 1
done
completed=$(summary_field completed)
contacts=$(summary_field contacts)
[ "$completed" -gt 0 ] || fail "no completed attempt reached the receiver"
# the summary line and the row count (status line "1/N") match the receiver
wait_for "# completed $completed " 10
wait_for "1/$contacts" 10
rows=$(screen_text | grep -c '^ +91')
[ "$rows" -gt 0 ] || fail "no contact rows"
# the campaign's detail never shows the receiver's token; when the row
# holds the campaign's details (read for the open campaign; list rows have
# no app_config), its webhook URL shows with the token hidden
keys Escape
wait_for "| Campaigns" 5
i=0
while :; do
    keys d
    wait_for "| Detail" 5
    screen_text | grep -qF "$TOK" && fail "the receiver's token is on screen"
    screen_text | grep -qF "/sarvam/(token hidden)" && break
    i=$((i + 1))
    [ $i -gt 20 ] && fail "the detail never showed the campaign's webhook URL"
    keys Escape
    wait_for "| Campaigns" 5
    keys Enter
    wait_for "calls/min" 5
    wait_for "# completed" 5
    keys Escape
    wait_for "| Campaigns" 5
done
stop_dialtop

# without hooks_url: the one plain sentence, no contacts page requested
start_dialtop -- --profile bare
wait_for "Hooked drive" 15
keys / Hooked Enter Enter
wait_for "Sarvam reports per-contact outcomes only by webhook: run \`dialtop hooks\` and set hooks_url" 10
# the total is still known, from the cohorts
wait_for "60 contacts" 10
screen_text | grep -q "loading contacts" && fail "still 'loading contacts' beside the hint"
screen_text | grep -q "contacts page" && fail "a contacts page was requested and failed"
stop_dialtop

# dialtop import onto Sarvam: the new campaign's webhook URL is the
# receiver's public URL with the token (never printed), and its attempts
# reach the receiver; without hooks_public_url a note says they go nowhere
printf 'phone,name\n+919812300001,Asha\n+919812300002,Ravi\n+919812300003,Meena\n' >"$E2E_TMP/list.csv"
env E2E_HOOKS_TOKEN="$TOK" "$E2E_KEY_ENV=$SIM_KEY" "$DIALTOP_BIN" import "$E2E_TMP/list.csv" \
    --profile public --name "Imported hooked" >"$E2E_TMP/imp.out" 2>"$E2E_TMP/imp.err" ||
    fail "import: $(cat "$E2E_TMP/imp.err")"
grep -qF "webhooks   Sarvam posts each call attempt to $HOOKS_URL/sarvam/..." "$E2E_TMP/imp.out" ||
    fail "import does not say where the webhooks go: $(cat "$E2E_TMP/imp.out")"
grep -qF "$TOK" "$E2E_TMP/imp.out" "$E2E_TMP/imp.err" && fail "import printed the receiver's token"
IMP_ID=$(sed -n 's/^created    campaign \([^,]*\),.*/\1/p' "$E2E_TMP/imp.out")
[ -n "$IMP_ID" ] || fail "no campaign id in: $(cat "$E2E_TMP/imp.out")"
hook=$(curl -sf -H "X-API-Key: $SIM_KEY" "$SIM_URL/api/scheduling/v1/orgs/org1/workspaces/ws1/campaigns/$IMP_ID" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["app_config"]["webhook_config"]["url"])')
[ "$hook" = "$HOOKS_URL/sarvam/$TOK" ] || fail "the campaign's webhook URL is not the receiver's"
CAMP_ID=$IMP_ID
i=0
until [ "$(summary_field attempts)" -ge 1 ] 2>/dev/null; do
    i=$((i + 1))
    [ $i -gt 200 ] && fail "no attempt of the imported campaign reached the receiver"
    sleep 0.1
done
env E2E_HOOKS_TOKEN="$TOK" "$E2E_KEY_ENV=$SIM_KEY" "$DIALTOP_BIN" import "$E2E_TMP/list.csv" \
    --profile bare --name "Imported bare" >"$E2E_TMP/imp.out" 2>"$E2E_TMP/imp.err" || fail "bare import failed"
grep -q "has no hooks_public_url" "$E2E_TMP/imp.err" || fail "no note about the missing webhook URL"

# the receiver goes away: the list says why Sarvam's counts are unknown
start_dialtop E2E_HOOKS_TOKEN="$TOK" -- --profile sarvam
wait_for "Hooked drive" 15
wait_for "/60 " 20
stop_hooks
wait_for "sarvam: counts unknown: hooks receiver: network error" 20
stop_dialtop

# --demo runs its own receiver beside its sim: the demo's Sarvam contacts
# are webhooks, and neither child shows the receiver's token in argv
start_dialtop -- --demo --demo-seed 7
wait_for "Loan EMI reminders" 15
console=$(dialtop_pid)
recv=$(pgrep -P "$console" -x dialtop | head -n 1)
sim=$(pgrep -P "$console" -x dialtop-sim | head -n 1)
[ -n "$recv" ] || fail "dialtop --demo has no receiver child"
[ -n "$sim" ] || fail "dialtop --demo has no dialtop-sim child"
tr '\0' ' ' <"/proc/$recv/cmdline" | grep -q "hooks --listen 127.0.0.1:0" || fail "the receiver child is not dialtop hooks on loopback"
cat "/proc/$recv/cmdline" "/proc/$sim/cmdline" | tr '\0' ' ' | grep -q "sarvam/" && fail "a webhook URL (with its token) is in argv"
keys / Loan Enter Enter
wait_for "calls/min" 10
wait_for " +919" 20
screen_text | grep -q "run \`dialtop hooks\`" && fail "the demo's Sarvam profile has no receiver"
wait_for "# completed " 10
screen_text | grep -q "# completed [1-9]" || fail "no completed count from the demo's receiver"
stop_dialtop
exit 0
