#!/bin/sh
# The import's review screen (issue 15): the target profile is the selected
# row's and Up/Down changes it; r changes the region on the preview; the
# zone defaults to where the contacts are; the review shows what the create
# will do and nothing reaches the sim before Enter on it (counted at the
# sim); any other key goes back; a name the profile already has, or a file
# already imported there, asks first; a window at night for the contacts
# is warned about.
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
actions_total() { sim_get /_sim/stats | sed -n 's/.*"actions_total":\([0-9]*\).*/\1/p'; }
truedy_campaigns() { sim_get /_sim/stats | sed -n 's/.*"truedy":\([0-9]*\).*/\1/p'; }
nothing_sent() {
    [ "$(actions_total)" -eq "$n0" ] || fail "$1: sent $(( $(actions_total) - n0 )) action(s)"
    [ "$(truedy_campaigns)" -eq "$c0" ] || fail "$1: a campaign was created"
}

sim_post /_sim/campaigns '{"provider":"truedy","name":"Existing","status":"paused","contacts":3}'
list="$E2E_TMP/review_list.csv"
printf 'phone,first_name\n2125550101,Ann\n2125550102,Bob\n12,Cy\n' >"$list"

start_dialtop -- --all-profiles
wait_for "Existing"
n0=$(actions_total)
c0=$(truedy_campaigns)

# the selected row's profile, and Up/Down to another
keys i
wait_for "profile: tru (Truedy)  Up/Down another profile"
keys Down
wait_for "profile: omni (OmniDimension)"
keys Up
wait_for "profile: tru (Truedy)"
keys -l "$list"
keys Enter
wait_for "[phone]"
# national numbers are read in the import's default region; r changes it
# and reads the file again (CA shares +1 with US)
wait_for "r region for numbers without a country code (US)"
keys r
wait_for "r region for numbers without a country code (CA)"
keys Enter
wait_for "2 accepted + 1 rejected"
keys Enter
wait_for "> name"
wait_for "timezone: 100% of the contacts are in US (America/New_York"
keys C-u
keys -l "Existing"
keys Down Down Down Down
wait_for "> working hours"
keys -l "02:00-05:00"
keys Enter

wait_for "Review: nothing is sent until Enter"
wait_for "profile       tru (Truedy)"
wait_for "name          Existing"
wait_for "contacts      2 accepted, 1 rejected (left out)"
wait_for "start         now"
wait_for "window        02:00-05:00, every day, America/New_York"
wait_for "concurrency   provider default (not documented)"
wait_for "calls per day no cap"
wait_for "estimate      unknown: Truedy does not document"
wait_for "for 100% of the contacts the window falls outside 08:00-21:00"
wait_for 'profile tru already has a campaign named "Existing"'
nothing_sent "the review"
# a duplicate asks; anything but y goes back
keys Enter
wait_for "create it anyway? y creates, any other key goes back"
nothing_sent "the question"
keys n
wait_for "> working hours"
nothing_sent "no to the question"

# another name, a window that suits both US coasts, and any other key on
# the review goes back too
keys Up Up Up Up
wait_for "> name"
keys C-u
keys -l "Fresh list"
keys Down Down Down Down C-u
keys -l "11:00-18:00"
keys Enter
wait_for "Review: nothing is sent until Enter"
wait_for "name          Fresh list"
screen_text | grep -q "already has a campaign" && fail "a fresh name reported as taken"
screen_text | grep -q "outside 08:00-21:00" && fail "a day window warned about"
keys x
wait_for "> working hours"
nothing_sent "x on the review"
keys Enter
wait_for "Review: nothing is sent until Enter"
keys Enter
wait_for "created campaign" 15
[ "$(truedy_campaigns)" -eq $((c0 + 1)) ] || fail "Enter on the review did not create one campaign"
keys Escape
wait_for "Fresh list"

# the same file again: already imported to tru, so it asks
n0=$(actions_total)
c0=$(truedy_campaigns)
keys i
wait_for "profile: tru (Truedy)"
keys -l "$list"
keys Enter
wait_for "[phone]"
keys Enter
wait_for "2 accepted + 1 rejected"
keys Enter
wait_for "> name"
keys C-u
keys -l "Second go"
keys Enter
wait_for "this file was already imported to profile tru (campaign batch_"
nothing_sent "the review of a file imported before"
keys Enter
wait_for "create it anyway?"
keys y
wait_for "created campaign" 15
[ "$(truedy_campaigns)" -eq $((c0 + 1)) ] || fail "y did not create the campaign"
stop_dialtop
echo ok
