#!/bin/sh
# The plain-http loopback guard over a table of hostile URLs, in base_url
# and in DIALTOP_SIM_URL: each is refused before any connection. Each run
# happens in an empty network namespace (unshare -n: nothing could leave
# the machine even if the guard failed) with connect() traced (strace), and
# the trace must show no connect to any address but loopback. Plain sh.
set -u
: "${DIALTOP_BIN:?}" "${DIALTOP_TEST_TMP:?}"
dir="$DIALTOP_TEST_TMP/url-guard.$$"
mkdir -p "$dir/config/dialtop" "$dir/empty" "$dir/state"
fail() { echo "FAIL: $*"; for f in out err trace; do [ -f "$dir/$f" ] && sed "s/^/  $f: /" "$dir/$f"; done; exit 1; }

if ! command -v unshare >/dev/null || ! unshare -n true 2>/dev/null; then
    echo "SKIP: url guard: 'unshare -n' is unavailable here (needs root or user namespaces);" \
         "the hostile URLs are not run outside an empty network namespace"
    exit 0
fi
command -v strace >/dev/null || { echo "SKIP: url guard: strace is not installed (make deps)"; exit 0; }

export XDG_STATE_HOME="$dir/state" HOSTILE_KEY="hostile-key-0123"

# Runs dialtop ARGS... isolated and traced; wants exit 2 and no connect off loopback.
guarded() { # WHAT ARGS...
    what=$1; shift
    # LeakSanitizer cannot run under ptrace: leaks are checked by the other tests.
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
        unshare -n strace -f -qq -e trace=connect -o "$dir/trace" "$DIALTOP_BIN" "$@" \
        >"$dir/out" 2>"$dir/err" </dev/null
    rc=$?
    [ "$rc" -eq 2 ] || fail "$what: exit $rc, wanted 2 (refused before connecting)"
    grep -Eq "plain http://|must start with http" "$dir/err" || fail "$what: no reason on stderr"
    grep -q "$HOSTILE_KEY" "$dir/out" "$dir/err" && fail "$what: the key was printed"
    # Any inet connect must be to loopback; in practice there is none.
    if grep -E 'sin6?_(addr|family)' "$dir/trace" |
        grep -Ev 'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"' | grep -q .; then
        fail "$what: a connect off loopback was attempted"
    fi
    return 0
}

n=0
while IFS= read -r u; do
    [ -n "$u" ] || continue
    n=$((n + 1))
    cat >"$dir/config/dialtop/config" <<CFG
[profile hostile]
provider = omnidim
base_url = $u
api_key_env = HOSTILE_KEY
CFG
    chmod 600 "$dir/config/dialtop/config"
    XDG_CONFIG_HOME="$dir/config" guarded "base_url $u" pause 1
    # The builtin profile (no config file) takes its URL from the environment.
    XDG_CONFIG_HOME="$dir/empty" DIALTOP_SIM_URL="$u" DIALTOP_SIM_API_KEY="$HOSTILE_KEY" \
        guarded "DIALTOP_SIM_URL $u" pause 1
done <<'URLS'
http://10.255.255.1#@127.0.0.1
http://10.255.255.1?@127.0.0.1
http://10.255.255.1/#@127.0.0.1:8765
http://10.255.255.1?x=@127.0.0.1/
http://127.0.0.1@10.255.255.1
http://localhost@10.255.255.1:8765
http://127.0.0.1:80@10.255.255.1/
http://10.255.255.1%23@127.0.0.1
http://127.0.0.1.nip.io
http://localhost.evil.example
http://[::ffff:10.255.255.1]/
http://0/
http://10.255.255.1:8765#127.0.0.1
HTTP://10.255.255.1#@localhost
URLS
[ "$n" -ge 14 ] || fail "the URL table was not read"

# The guard still lets loopback through (it is refused later for another
# reason: nothing listens in the empty namespace).
cat >"$dir/config/dialtop/config" <<CFG
[profile local]
provider = omnidim
base_url = http://127.0.0.1:9
api_key_env = HOSTILE_KEY
CFG
XDG_CONFIG_HOME="$dir/config" unshare -n "$DIALTOP_BIN" pause 1 >"$dir/out" 2>"$dir/err" </dev/null
grep -q "plain http://" "$dir/err" && fail "loopback was refused by the guard"
echo "ok: url guard ($n hostile URLs, twice each, in an empty network namespace)"
