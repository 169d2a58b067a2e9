#!/bin/sh
# Read-only consoles (--read-only, and a profile's read_only = true) hide
# the action keys from the footer and refuse every one with "read-only",
# sending nothing; [keys] remaps move an action and a colliding remap is
# refused at start, naming both.
. "$(dirname "$0")/lib.sh"

E2E_SIM_DEMO= start_sim 0

cfg="$XDG_CONFIG_HOME/dialtop/config"
write_profiles() { # EXTRA_SECTION
    cat >"$cfg" <<CFG
[profile omni]
provider = omnidim
base_url = $SIM_URL
api_key_env = $E2E_KEY_ENV
poll_interval = 1

[profile watch]
provider = omnidim
base_url = $SIM_URL
api_key_env = $E2E_KEY_ENV
poll_interval = 1
read_only = true
$1
CFG
    chmod 600 "$cfg"
}
sim_get() { curl -sf -H "X-Sim-Key: $SIM_KEY" "$SIM_URL$1"; }
actions_total() { sim_get /_sim/stats | sed -n 's/.*"actions_total":\([0-9]*\).*/\1/p'; }

sim_post /_sim/campaigns '{"provider":"omnidim","name":"Live One","status":"active","contacts":10}'
sim_post /_sim/campaigns '{"provider":"omnidim","name":"Resting One","status":"paused","contacts":10}'
write_profiles ""

# every action key, on an active and on a paused campaign
refuse_all() {
    wait_for "Live One"
    wait_for "Resting One"
    screen_text | grep -q "p pause" && fail "read-only footer still offers pause"
    screen_text | grep -q "X cancel" && fail "read-only footer still offers cancel"
    n0=$(actions_total)
    for row in g G; do
        keys "$row"
        # each key's refusal names its action, so each wait sees a new line
        for ka in p:pause R:resume t:reschedule X:cancel; do
            keys "${ka%%:*}"
            wait_for "${ka#*:}: read-only, actions are disabled"
        done
    done
    # a mark does not get around it either
    keys Space
    wait_for "1 marked"
    keys p
    wait_for "pause: read-only, actions are disabled"
    [ "$(actions_total)" -eq "$n0" ] || fail "a read-only console sent an action"
    # each refusal is on record, none as sent
    audit="$XDG_STATE_HOME/dialtop/audit.log"
    [ "$(wc -l <"$audit")" -eq 9 ] || fail "audit holds $(wc -l <"$audit") lines after 9 refused keys"
    [ "$(grep -c '"outcome":"refused","sent":false.*read-only' "$audit")" -eq 9 ] ||
        fail "an audit line is not a read-only refusal: $(cat "$audit")"
    rm -f "$audit"
    keys q
    stop_dialtop
}

start_dialtop -- --profile omni --read-only
refuse_all
start_dialtop -- --profile watch
refuse_all

# --- remaps --------------------------------------------------------------
write_profiles "
[keys]
pause = P"
start_dialtop -- --profile omni
wait_for "P pause"
keys /
keys -l "Live"
keys Enter
wait_for 'filter "live"'
n0=$(actions_total)
keys p
keys P
wait_for "paused Live One (confirmed"
[ "$(actions_total)" -eq $((n0 + 1)) ] || fail "p still pauses after pause = P"
keys q
stop_dialtop

write_profiles "
[keys]
pause = R"
start_dialtop -- --profile omni
i=0
until grep -q . "$E2E_TMP/dialtop.err" 2>/dev/null; do
    i=$((i + 1)); [ $i -gt 100 ] && fail "a colliding remap did not stop the console"
    sleep 0.1
done
grep -q "keys: pause = R collides with resume, which is also on R" "$E2E_TMP/dialtop.err" ||
    fail "collision message: $(cat "$E2E_TMP/dialtop.err")"
echo "ok"
