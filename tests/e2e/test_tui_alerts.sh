#!/bin/sh
# An alert: a campaign's failure rate crossing the profile's threshold
# raises a banner that stays until `A`, rings the bell, lands in the
# message log, and runs notify_command directly (no shell) with the facts
# in DIALTOP_ALERT_* variables, hostile campaign names included.
. "$(dirname "$0")/lib.sh"
E2E_SIM_DEMO= start_sim 0 --call-duration 1-2
NOTE="$E2E_TMP/notified"
cat >"$E2E_TMP/notify.sh" <<'SH'
#!/bin/sh
printf '%s|%s|%s|%s\n' "$DIALTOP_ALERT_KIND" "$DIALTOP_ALERT_CAMPAIGN_NAME" \
    "$DIALTOP_ALERT_PROFILE" "$DIALTOP_ALERT_FAIL_PCT" >>"$1"
SH
chmod +x "$E2E_TMP/notify.sh"
cfg="$XDG_CONFIG_HOME/dialtop/config"
cat >"$cfg" <<CFG
[profile omni]
provider = omnidim
base_url = $SIM_URL
api_key_env = $E2E_KEY_ENV
poll_interval = 1
fail_alert_pct = 1
notify_command = $E2E_TMP/notify.sh $NOTE
CFG
chmod 600 "$cfg"
# paused when the console first sees it: a failure rate, but no calls
# being made, so no alert; resumed, it dials and the rate counts. The
# name would run a command if anything passed it through a shell.
sim_post /_sim/campaigns '{"provider":"omnidim","name":"Quiet $(touch /tmp/pwned-dialtop) list","status":"paused","contacts":400}'
id=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' "$E2E_TMP/sim_post.out")

start_dialtop
wait_for "Quiet"
wait_for "paused"
wait_for "updated"
screen_text | grep -q "ALERT" && fail "an alert for a campaign nobody changed"
curl -sf -X PUT -H "Authorization: Bearer $SIM_KEY" -H 'Content-Type: application/json' \
    -d '{"action":"resume"}' "$SIM_URL/api/v1/calls/bulk_call/$id" >/dev/null || fail "resume refused"
wait_for "ALERT" 30
wait_for "failure rate"
bell=$(tmux -L "$E2E_SOCK" display-message -p -t "$E2E_SESSION" '#{window_bell_flag}')
[ "$bell" = 1 ] || fail "no bell with the alert"
i=0
until [ -s "$NOTE" ]; do
    i=$((i + 1))
    [ $i -gt 100 ] && fail "notify_command did not run"
    sleep 0.1
done
grep -q '^fail_rate|Quiet $(touch /tmp/pwned-dialtop) list|omni|[0-9.]*$' "$NOTE" ||
    fail "notify_command got: $(cat "$NOTE")"
[ -e /tmp/pwned-dialtop ] && fail "a campaign name was run by a shell"
# the banner stays until acknowledged
keys j
screen_text | grep -q "ALERT" || fail "the banner went without A"
keys A
wait_gone "ALERT"
wait_for "acknowledged"
keys M
wait_for "Messages:"
screen_text | grep -q "ALERT Quiet" || fail "the alert is not in the message log"
exit 0
