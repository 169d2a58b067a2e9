# Shared helpers for the terminal tests (sourced, POSIX sh).
#
# Each test gets its own scratch directory, its own dialtop-sim on a free
# loopback port, and its own tmux server (-L dialtop-test-PID), so a test
# never touches the user's tmux or another test. Screens are read with
# capture-pane and waited for, never slept on; the trap tears everything
# down however the test ends.

: "${DIALTOP_BIN:?DIALTOP_BIN must point at the built dialtop (tests/run_one.sh sets it)}"
: "${DIALTOP_SIM_BIN:?DIALTOP_SIM_BIN must point at the built dialtop-sim}"

E2E_TMP=$(mktemp -d "${DIALTOP_TEST_TMP:-${TMPDIR:-/tmp}}/e2e.XXXXXX")
E2E_SOCK="dialtop-test-$$"
E2E_SOCKS=""
E2E_RUNS=0
E2E_SESSION=dt
SIM_PID=""
SIM_PORT=""
SIM_URL=""
SIM_KEY="e2e-key-$$"
E2E_KEY_ENV=DIALTOP_E2E_KEY
export XDG_CONFIG_HOME="$E2E_TMP/config"
export XDG_STATE_HOME="$E2E_TMP/state"
mkdir -p "$XDG_CONFIG_HOME/dialtop" "$XDG_STATE_HOME"

e2e_cleanup() {
    for s in $E2E_SOCKS; do
        tmux -L "$s" kill-server 2>/dev/null
    done
    stop_sim
    rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT
trap 'exit 1' INT TERM

fail() {
    echo "FAIL: $*"
    echo "---- screen ----"
    screen_text 2>/dev/null
    echo "----------------"
    [ -s "$E2E_TMP/dialtop.err" ] && { echo "dialtop stderr:"; cat "$E2E_TMP/dialtop.err"; }
    exit 1
}

# start_sim [PORT] [sim flags...]: a demo sim with a state file in the
# scratch directory; sets SIM_PORT and SIM_URL. E2E_SIM_DEMO= (empty)
# starts it with no campaigns, for tests that create exactly theirs.
start_sim() {
    port=${1:-0}
    [ $# -gt 0 ] && shift
    : >"$E2E_TMP/sim.out"
    DIALTOP_SIM_API_KEY="$SIM_KEY" "$DIALTOP_SIM_BIN" --listen "127.0.0.1:$port" ${E2E_SIM_DEMO---demo} \
        --state "$E2E_TMP/sim-state.db" "$@" >"$E2E_TMP/sim.out" 2>"$E2E_TMP/sim.err" &
    SIM_PID=$!
    i=0
    # it listens within tens of milliseconds: look every 20 ms, for 10 s
    while [ $i -lt 500 ]; do
        line=$(head -n 1 "$E2E_TMP/sim.out" 2>/dev/null)
        case "$line" in
        "listening on http://"*)
            SIM_URL=${line#listening on }
            SIM_PORT=${SIM_URL##*:}
            return 0
            ;;
        esac
        kill -0 "$SIM_PID" 2>/dev/null || break
        sleep 0.02
        i=$((i + 1))
    done
    cat "$E2E_TMP/sim.err"
    fail "dialtop-sim did not start"
}

stop_sim() {
    if [ -n "$SIM_PID" ]; then
        kill "$SIM_PID" 2>/dev/null
        wait "$SIM_PID" 2>/dev/null
        SIM_PID=""
    fi
}

# sim_post PATH JSON: a control request to the sim (/_sim/faults, ...).
sim_post() {
    curl -sf -H "X-Sim-Key: $SIM_KEY" -H 'Content-Type: application/json' \
        -d "$2" "$SIM_URL$1" >"$E2E_TMP/sim_post.out" || fail "sim control $1 refused"
}

# write_config [POLL_SECONDS]: one profile pointing at the sim; the key
# travels in an environment variable, never in argv.
write_config() {
    cfg="$XDG_CONFIG_HOME/dialtop/config"
    cat >"$cfg" <<CFG
[profile e2e]
provider = omnidim
base_url = $SIM_URL
api_key_env = $E2E_KEY_ENV
poll_interval = ${1:-1}
CFG
    chmod 600 "$cfg"
}

# import_open FILE: the console's import screen (`i`) on FILE; the read
# starts (wait for the preview or the failure next).
import_open() {
    keys i
    wait_for "Contact list (CSV) to import"
    keys -l "$1"
    keys Enter
}

# write_provider_config PROVIDER: one profile named PROVIDER (omnidim,
# truedy or sarvam) pointing at the sim, polling every second.
write_provider_config() {
    cfg="$XDG_CONFIG_HOME/dialtop/config"
    {
        echo "[profile $1]"
        echo "provider = $1"
        echo "base_url = $SIM_URL"
        echo "api_key_env = $E2E_KEY_ENV"
        echo "poll_interval = 1"
        if [ "$1" = sarvam ]; then
            echo "org_id = org1"
            echo "workspace_id = ws1"
        fi
    } >"$cfg"
    chmod 600 "$cfg"
}

# start_dialtop [ENV=VALUE...] -- [dialtop args...]: the console in a
# 120x40 tmux pane that stays open after exit (so a test sees the end).
# The pane's process is dialtop itself, unless E2E_KEEP_SHELL=1: then a
# shell waits after it ("dialtop exited N") so the terminal state it left
# behind can be inspected in a live pane (see dialtop_pid).
start_dialtop() {
    envs=""
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        envs="$envs $1"
        shift
    done
    [ "${1:-}" = "--" ] && shift
    if [ "${E2E_KEEP_SHELL:-0}" = 1 ]; then
        E2E_EXEC=""
        E2E_AFTER='; echo dialtop exited $?; sleep 300'
    else
        E2E_EXEC=exec
        E2E_AFTER=""
    fi
    # a fresh tmux server per console: a test may run several in turn
    E2E_RUNS=$((E2E_RUNS + 1))
    E2E_SOCK="dialtop-test-$$-$E2E_RUNS"
    E2E_SOCKS="$E2E_SOCKS $E2E_SOCK"
    tmux -L "$E2E_SOCK" -f /dev/null new-session -d -s "$E2E_SESSION" -x 120 -y 40 \
        "$E2E_EXEC env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color $E2E_KEY_ENV=$SIM_KEY XDG_CONFIG_HOME=$XDG_CONFIG_HOME $envs $DIALTOP_BIN $* 2>$E2E_TMP/dialtop.err $E2E_AFTER" \
        || fail "tmux did not start"
    tmux -L "$E2E_SOCK" set-option -t "$E2E_SESSION" remain-on-exit on >/dev/null
    tmux -L "$E2E_SOCK" set-option -g window-size manual >/dev/null 2>&1
}

# run_script FILE [dialtop args...]: the console under `--script FILE`
# (tui/script.h): the same binary and loop against the sim, keys from FILE,
# screens dumped as text by the script's own dump/save-display lines; no
# terminal and no tmux, so no polling of a pane. Standard output goes to
# $E2E_TMP/script.out; a script that fails (a wait timed out, a line it
# refused) fails the test with dialtop's message and the screen it saw.
run_script() {
    _script=$1
    shift
    env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$E2E_KEY_ENV=$SIM_KEY" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
        "$DIALTOP_BIN" --script "$_script" "$@" >"$E2E_TMP/script.out" 2>"$E2E_TMP/dialtop.err" ||
        fail "dialtop --script $(basename "$_script") exited $?"
}

screen_text() {
    tmux -L "$E2E_SOCK" capture-pane -p -t "$E2E_SESSION"
}

# screen with colour/attribute escapes, for the colour tests
screen_escapes() {
    tmux -L "$E2E_SOCK" capture-pane -p -e -t "$E2E_SESSION"
}

keys() {
    tmux -L "$E2E_SOCK" send-keys -t "$E2E_SESSION" "$@"
}

# A wait's limit in 0.1 s steps: SECONDS times E2E_WAIT_SCALE. Sanitizer
# builds run several times slower (make asan sets 4), so their limits grow;
# a passing test still takes only as long as the screen does.
wait_polls() {
    echo $(( ${1:-10} * 10 * ${E2E_WAIT_SCALE:-1} ))
}

# The pause between two looks at the screen in wait_for and wait_gone:
# most screens answer a key within a few tens of milliseconds, so the first
# five looks come 20 ms apart (together one 0.1 s step of the limit), then
# every 0.1 s. E2E_POLLS counts the steps; the limit is in steps, not in
# wall time, so a loaded machine stretches it instead of failing.
poll_pause() {
    if [ "$E2E_QUICK" -lt 5 ]; then
        E2E_QUICK=$((E2E_QUICK + 1))
        sleep 0.02
        [ "$E2E_QUICK" -eq 5 ] && E2E_POLLS=$((E2E_POLLS + 1))
    else
        sleep 0.1
        E2E_POLLS=$((E2E_POLLS + 1))
    fi
}

# wait_for TEXT [SECONDS]: looks at the screen until TEXT shows.
wait_for() {
    E2E_POLLS=0 E2E_QUICK=0
    limit=$(wait_polls "${2:-10}")
    while [ "$E2E_POLLS" -lt "$limit" ]; do
        screen_text | grep -qF -- "$1" && return 0
        poll_pause
    done
    fail "\"$1\" did not appear within ${2:-10}s"
}

# wait_gone TEXT [SECONDS]: until TEXT is no longer on screen.
wait_gone() {
    E2E_POLLS=0 E2E_QUICK=0
    limit=$(wait_polls "${2:-10}")
    while [ "$E2E_POLLS" -lt "$limit" ]; do
        screen_text | grep -qF -- "$1" || return 0
        poll_pause
    done
    fail "\"$1\" was still on screen after ${2:-10}s"
}

# The screen line holding TEXT.
screen_line() {
    screen_text | grep -F -- "$1" | head -n 1
}

stop_dialtop() {
    tmux -L "$E2E_SOCK" kill-server 2>/dev/null
}

# The dialtop process: the pane itself, or the keeping shell's child.
dialtop_pid() {
    p=$(tmux -L "$E2E_SOCK" display-message -p -t "$E2E_SESSION" '#{pane_pid}')
    if [ "${E2E_KEEP_SHELL:-0}" = 1 ]; then
        pgrep -P "$p" | head -n 1
    else
        echo "$p"
    fi
}

pane_dead() {
    [ "$(tmux -L "$E2E_SOCK" display-message -p -t "$E2E_SESSION" '#{pane_dead}')" = 1 ]
}

resize() {
    tmux -L "$E2E_SOCK" resize-window -t "$E2E_SESSION" -x "$1" -y "$2"
}

# ld_run NAME WANT_STATUS CMD...: CMD under LD_DEBUG=files (the dynamic
# loader names every library it maps, dlopen'ed ones too), its log in
# $E2E_TMP/NAME.ld (the program's own stderr is in it too).
ld_run() {
    _name=$1 _want=$2
    shift 2
    LD_DEBUG=files "$@" >"$E2E_TMP/$_name.out" 2>"$E2E_TMP/$_name.ld"
    _st=$?
    [ "$_st" = "$_want" ] || { grep -v '^ *[0-9]*:' "$E2E_TMP/$_name.ld"; fail "$_name: exit $_st, want $_want"; }
    # the log is there at all: it names the C library
    grep -q 'file=libc\.so' "$E2E_TMP/$_name.ld" || fail "$_name: LD_DEBUG=files logged nothing"
}
