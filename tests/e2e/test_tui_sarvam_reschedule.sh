#!/bin/sh
# `t` on a Sarvam campaign: Sarvam cannot move a start, so the form is the
# working window (hours, days, timezone, end), prefilled from the
# campaign's details. The PATCH the sim receives carries the whole window
# (the hours kept from the details when only the days change) and the
# start stays; an active campaign gets Sarvam's own pause, update, resume,
# each confirmed before the next; one audit line per action sent.
. "$(dirname "$0")/lib.sh"

E2E_SIM_DEMO= start_sim 0 --speed 0
AUDIT="$XDG_STATE_HOME/dialtop/audit.log"
write_provider_config sarvam
BASE=/api/scheduling/v1/orgs/org1/workspaces/ws1/campaigns

sarvam_api() { # METHOD PATH [BODY]
    curl -sf -X "$1" -H "X-API-Key: $SIM_KEY" -H 'Content-Type: application/json' \
        ${3:+-d "$3"} "$SIM_URL$BASE$2"
}
# create NAME START: a campaign with a Mon-Fri 09:00-18:00 Kolkata window
create() {
    sarvam_api POST "" "{\"name\":\"$1\",\"start_timestamp\":\"$2\",\"allowed_schedule\":{\"allowed_start_time\":\"09:00\",\"allowed_end_time\":\"18:00\",\"allowed_days\":[\"Monday\",\"Tuesday\",\"Wednesday\",\"Thursday\",\"Friday\"],\"timezone\":\"Asia/Kolkata\"}}" |
        sed -n 's/.*"campaign_id":"\([^"]*\)".*/\1/p'
}
field() { sarvam_api GET "/$1" | python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$2"; }
audit_lines() { if [ -f "$AUDIT" ]; then wc -l <"$AUDIT" | tr -d ' '; else echo 0; fi; }
select_only() {
    keys /
    keys C-u
    keys -l "$1"
    keys Enter
    wait_for "filter \"$(echo "$1" | tr 'A-Z' 'a-z')\""
}

later=$(create "Window Drive" 2031-03-03T04:30:00Z)
busy=$(create "Busy Window" 2020-01-06T04:30:00Z)
[ -n "$later" ] && [ -n "$busy" ] || fail "cannot create the Sarvam campaigns"

start_dialtop -- --profile sarvam
wait_for "Window Drive"
wait_for "Busy Window"

# --- scheduled: change the days only; the hours come from the details ----
select_only "Window Drive"
keys t
wait_for "Working window of Window Drive (Sarvam, scheduled)"
wait_for "allowed hours: 09:00-18:00"
wait_for "allowed days : mon-fri"
wait_for "timezone     : Asia/Kolkata"
keys Tab
keys C-u
keys -l "mon-sat"
wait_for "sends: 09:00-18:00 mon-sat Asia/Kolkata"
keys Enter
wait_for "rescheduled Window Drive"
wait_for "read back: 09:00-18:00 mon-sat Asia/Kolkata"
[ "$(field "$later" "['allowed_schedule']['allowed_days'][5]")" = Saturday ] || fail "Saturday not in the sim's window"
[ "$(field "$later" "['allowed_schedule']['allowed_start_time']")" = "09:00" ] || fail "the hours were wiped"
[ "$(field "$later" "['start_timestamp']")" = "2031-03-03T04:30:00Z" ] || fail "the start moved"
[ "$(audit_lines)" -eq 1 ] || fail "audit lines after one reschedule: $(audit_lines)"

# --- a window the form refuses: nothing sent ---------------------------------
keys t
wait_for "Working window of Window Drive"
wait_for "allowed days : mon-sat"
keys C-u
keys -l "9-5"
wait_for "invalid: reschedule:"
keys Enter
wait_for "not sent: reschedule:"
keys Escape
wait_for "reschedule: closed, nothing sent"
[ "$(audit_lines)" -eq 1 ] || fail "a refused window wrote an audit line or was sent"

# --- active: Sarvam's pause, update, resume ------------------------------------
select_only "Busy Window"
wait_for "active"
keys t
wait_for "Working window of Busy Window (Sarvam, active)"
wait_for "Enter does pause, update, resume"
keys C-u
keys -l "08:00-20:00"
wait_for "sends: 08:00-20:00 mon-fri Asia/Kolkata"
keys Enter
wait_for "paused, updated and resumed Busy Window (confirmed)"
wait_for "resumed, now scheduled"
[ "$(field "$busy" "['allowed_schedule']['allowed_end_time']")" = "20:00" ] || fail "the window did not change"
[ "$(audit_lines)" -eq 4 ] || fail "audit lines after pause, update, resume: $(audit_lines)"
keys Escape
echo "ok: tui sarvam reschedule"
