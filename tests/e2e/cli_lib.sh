# Shared setup for the headless-command tests (plain sh, no tmux): a real
# dialtop-sim on a free port, a private config with one profile per provider
# plus a read-only "watch" profile, and small helpers to run dialtop and
# check its output. Source it after setting:
#   CLI_TEST_NAME       scratch directory name
#   CLI_WATCH_PROVIDER  provider of the read-only "watch" profile
#   CLI_SIM_ARGS        (optional) more dialtop-sim flags
set -u
: "${DIALTOP_BIN:?}" "${DIALTOP_SIM_BIN:?}" "${DIALTOP_TEST_TMP:?}"
dir="$DIALTOP_TEST_TMP/$CLI_TEST_NAME.$$"
mkdir -p "$dir/config/dialtop" "$dir/state"
export XDG_CONFIG_HOME="$dir/config" XDG_STATE_HOME="$dir/state"
export E2E_SIM_KEY="e2e-key-$$"
audit="$dir/state/dialtop/audit.log"
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; }
trap cleanup EXIT INT TERM

fail() { echo "FAIL: $*"; [ -f "$dir/out" ] && sed 's/^/  out: /' "$dir/out"; [ -f "$dir/err" ] && sed 's/^/  err: /' "$dir/err"; exit 1; }

DIALTOP_SIM_API_KEY="$E2E_SIM_KEY" "$DIALTOP_SIM_BIN" --listen 127.0.0.1:0 --speed 0 ${CLI_SIM_ARGS:-} >"$dir/sim.out" 2>"$dir/sim.err" &
sim_pid=$!
# Wait for the "listening on" line (bounded poll, no fixed sleep).
i=0
while ! grep -q '^listening on ' "$dir/sim.out" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -gt 200 ] && fail "dialtop-sim did not start: $(cat "$dir/sim.err")"
    kill -0 "$sim_pid" 2>/dev/null || fail "dialtop-sim exited: $(cat "$dir/sim.err")"
    sleep 0.05
done
url=$(sed -n 's/^listening on //p' "$dir/sim.out" | head -n 1)

cat >"$dir/config/dialtop/config" <<CFG
[profile omni]
provider = omnidim
base_url = $url
api_key_env = E2E_SIM_KEY

[profile truedy]
provider = truedy
base_url = $url
api_key_env = E2E_SIM_KEY

[profile sarvam]
provider = sarvam
base_url = $url
api_key_env = E2E_SIM_KEY
org_id = org1
workspace_id = ws1

[profile watch]
provider = $CLI_WATCH_PROVIDER
base_url = $url
api_key_env = E2E_SIM_KEY
read_only = true
CFG
chmod 600 "$dir/config/dialtop/config"

sim() { # METHOD PATH [BODY]
    curl -s -f -X "$1" -H "X-Sim-Key: $E2E_SIM_KEY" -H 'Content-Type: application/json' \
        ${3:+-d "$3"} "$url$2"
}
audit_lines() { if [ -f "$audit" ]; then wc -l <"$audit" | tr -d ' '; else echo 0; fi; }

# run WANT_EXIT ARGS...: runs dialtop, checks the exit code.
run() {
    want=$1; shift
    "$DIALTOP_BIN" "$@" >"$dir/out" 2>"$dir/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "dialtop $* exited $got, wanted $want"
}
has() { grep -q -- "$2" "$dir/$1" || fail "$1 lacks: $2"; }
