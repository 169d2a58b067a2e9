#!/bin/sh
# --all-profiles lists every profile's campaigns tagged by profile;
# --read-only shows it and refuses action keys; an action key whose action
# the campaign's state forbids says why, from the model's action table.
. "$(dirname "$0")/lib.sh"
start_sim
cfg="$XDG_CONFIG_HOME/dialtop/config"
cat >"$cfg" <<CFG
[profile omni]
provider = omnidim
base_url = $SIM_URL
api_key_env = $E2E_KEY_ENV

[profile tru]
provider = truedy
base_url = $SIM_URL
api_key_env = $E2E_KEY_ENV
CFG
chmod 600 "$cfg"

start_dialtop -- --all-profiles --read-only
wait_for "2 profiles"
wait_for "READ-ONLY"
wait_for "PROFILE"
wait_for "Onboarding welcome calls"
i=0
while ! screen_text | grep -q " tru  "; do
    i=$((i + 1))
    [ $i -gt 100 ] && fail "no row tagged with profile tru"
    sleep 0.1
done
screen_text | grep -q " omni " || fail "no row tagged with profile omni"
keys p
wait_for "read-only, actions are disabled"
stop_dialtop

# one profile, not read-only: resume on an active campaign is refused with
# the model's reason, before anything is sent
start_dialtop -- --profile omni
wait_for "profile omni"
keys / onboarding Enter
wait_gone "Renewal reminders Q4"
keys R
wait_for "only a paused campaign can be resumed"
exit 0
