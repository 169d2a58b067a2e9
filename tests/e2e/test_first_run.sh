#!/bin/sh
# With no config file the console uses the built-in "sim" profile. When no
# dialtop-sim answers there, plain `dialtop` prints one screen on how to
# add a profile (the config path, one example per provider) or try --demo,
# and exits 0; when one answers, the console runs on it as before.
. "$(dirname "$0")/lib.sh"
cfg="$XDG_CONFIG_HOME/dialtop/config"
[ -e "$cfg" ] && fail "scratch config unexpectedly exists"

# a port nothing listens on: one the sim just gave back
start_sim
dead_url=$SIM_URL
stop_sim

E2E_KEEP_SHELL=1 start_dialtop DIALTOP_SIM_URL=$dead_url --
wait_for "dialtop exited 0"
wait_for "no config file yet, and no dialtop-sim answers at $dead_url"
wait_for "dialtop --demo"
wait_for "create $cfg (chmod 600)"
for line in "provider    = omnidim" "provider    = truedy" "provider     = sarvam" \
    "api_key_env = OMNIDIM_API_KEY" "api_key_env  = SARVAM_API_KEY" "workspace_id = "; do
    wait_for "$line" 1
done
screen_text | grep -q "dialtop:.*unreachable" && fail "the first-run screen reports a failure"
stop_dialtop

# the same with a sim answering: the console, on the built-in profile
start_sim
start_dialtop DIALTOP_SIM_URL=$SIM_URL DIALTOP_SIM_API_KEY=$SIM_KEY --
wait_for "profile sim"
wait_for "Onboarding welcome calls"
screen_text | grep -q "no config file yet" && fail "first-run screen shown although the sim answers"
stop_dialtop

# an explicit --config that does not exist is still an error, not the guide
E2E_KEEP_SHELL=1 start_dialtop DIALTOP_SIM_URL=$dead_url -- --config "$E2E_TMP/none"
wait_for "dialtop exited 1"
grep -q "$E2E_TMP/none" "$E2E_TMP/dialtop.err" || fail "missing --config file not named on stderr"
exit 0
