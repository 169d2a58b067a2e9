#!/bin/sh
# `dialtop hooks` from the command line: every refusal before the port
# opens (no token, a token in argv, a short token, a token file others can
# read, a non-loopback address without TLS), the warning with
# --insecure-listen, the first stdout line on port 0, and a clean stop on
# SIGTERM that reports what it stored. Plain sh, no tmux.
set -u
: "${DIALTOP_BIN:?}" "${DIALTOP_TEST_TMP:?}"
dir="$DIALTOP_TEST_TMP/cli_hooks.$$"
mkdir -p "$dir"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; }
trap cleanup EXIT INT TERM
fail() { echo "FAIL: $*"; for f in out err; do [ -f "$dir/$f" ] && sed "s/^/  $f: /" "$dir/$f"; done; exit 1; }

TOK="cli-hooks-token-0123456789"

# expect_refused RC TEXT [ENV=V...] -- ARGS: exits RC, says TEXT, never listens
expect_refused() {
    want=$1 text=$2
    shift 2
    envs=""
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $1"; shift; done
    shift
    env -u DIALTOP_HOOKS_TOKEN $envs "$DIALTOP_BIN" hooks "$@" >"$dir/out" 2>"$dir/err" </dev/null
    rc=$?
    [ "$rc" = "$want" ] || fail "hooks $*: exit $rc, want $want"
    grep -qF -- "$text" "$dir/err" || fail "hooks $*: does not say \"$text\""
    grep -q "listening on" "$dir/out" && fail "hooks $*: listened although refused"
    grep -qF "$TOK" "$dir/err" && fail "hooks $*: the token is in the message"
    return 0
}

expect_refused 2 "no token: set DIALTOP_HOOKS_TOKEN" -- --listen 127.0.0.1:0 --db "$dir/a.db"
expect_refused 2 "never taken from the command line" -- --token "$TOK" --db "$dir/a.db"
expect_refused 2 "16-256 characters" DIALTOP_HOOKS_TOKEN=short -- --listen 127.0.0.1:0 --db "$dir/a.db"
expect_refused 2 "16-256 characters" "DIALTOP_HOOKS_TOKEN=has/slash-0123456789" -- --db "$dir/a.db"
printf '%s\n' "$TOK" >"$dir/token"
chmod 644 "$dir/token"
expect_refused 2 "chmod 600 $dir/token" -- --token-file "$dir/token" --db "$dir/a.db"
chmod 600 "$dir/token"
expect_refused 2 "not a loopback address" "DIALTOP_HOOKS_TOKEN=$TOK" -- --listen 0.0.0.0:0 --db "$dir/a.db"
expect_refused 2 "--tls-cert and --tls-key go together" "DIALTOP_HOOKS_TOKEN=$TOK" -- --tls-cert x.pem --db "$dir/a.db"
expect_refused 2 "takes IPv4ADDR:PORT" "DIALTOP_HOOKS_TOKEN=$TOK" -- --listen nowhere --db "$dir/a.db"
expect_refused 1 "cannot open" "DIALTOP_HOOKS_TOKEN=$TOK" -- --listen 127.0.0.1:0 --db "$dir/no/such/dir/a.db"
[ -e "$dir/a.db" ] && fail "a refused start created the database"

# wait_listening: the first stdout line, within 10 s
wait_listening() {
    i=0
    until head -n 1 "$dir/out" 2>/dev/null | grep -q '^listening on http://'; do
        i=$((i + 1))
        [ $i -gt 100 ] && fail "no 'listening on' line"
        kill -0 "$pid" 2>/dev/null || fail "dialtop hooks exited"
        sleep 0.1
    done
    url=$(sed -n '1s/^listening on //p' "$dir/out")
}

# --insecure-listen: starts, with a warning; the token file is read
# (each server's output file is emptied here, before it starts: its own
# redirection truncates it only once the background child runs, and until
# then wait_listening could read the previous server's "listening on" line)
: >"$dir/out"
"$DIALTOP_BIN" hooks --listen 0.0.0.0:0 --insecure-listen --token-file "$dir/token" \
    --db "$dir/b.db" >"$dir/out" 2>"$dir/err" </dev/null &
pid=$!
wait_listening
grep -q "WARNING: listening on 0.0.0.0 without TLS" "$dir/err" || fail "no warning for --insecure-listen"
port=${url##*:}
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")
[ "$code" = 200 ] || fail "health: $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d '{}' "http://127.0.0.1:$port/sarvam/$TOK")
[ "$code" = 422 ] || fail "token from the file not accepted: $code"
kill "$pid"; wait "$pid"; pid=""

# loopback, port 0, the env token: store one, stop cleanly, count reported
: >"$dir/out"
DIALTOP_HOOKS_TOKEN="$TOK" "$DIALTOP_BIN" hooks --listen 127.0.0.1:0 --db "$dir/c.db" \
    >"$dir/out" 2>"$dir/err" </dev/null &
pid=$!
wait_listening
case "$url" in http://127.0.0.1:[0-9]*) ;; *) fail "first line: $url" ;; esac
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST \
    -d '{"attempt_id":"x1","campaign_id":"c","user_phone_number":"+15550000001","completion_status":"completed","connectivity_status":"connected"}' \
    "$url/sarvam/$TOK")
[ "$code" = 200 ] || fail "POST: $code"
tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$TOK" && fail "the token is in argv"
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=""
[ "$rc" = 0 ] || fail "SIGTERM: exit $rc"
grep -q "stopped (SIGTERM): 1 stored" "$dir/err" || fail "no stop report"
grep -qF "$TOK" "$dir/err" "$dir/out" && fail "the token was printed"
[ -f "$dir/c.db" ] || fail "no database file"
[ "$(stat -c %a "$dir/c.db")" = 600 ] || fail "the database is not private: $(stat -c %a "$dir/c.db")"
# a database others can read is refused, with the fix
chmod 644 "$dir/c.db"
expect_refused 2 "chmod 600 $dir/c.db" "DIALTOP_HOOKS_TOKEN=$TOK" -- --listen 127.0.0.1:0 --db "$dir/c.db"
chmod 600 "$dir/c.db"

# TLS: a non-loopback address is accepted with a certificate and a private
# key, and speaks https only (skipped where openssl is missing)
if command -v openssl >/dev/null; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" \
        -days 1 -subj /CN=localhost >/dev/null 2>&1 || fail "openssl could not make a certificate"
    chmod 644 "$dir/key.pem"
    expect_refused 2 "chmod 600 $dir/key.pem" "DIALTOP_HOOKS_TOKEN=$TOK" -- --listen 0.0.0.0:0 \
        --tls-cert "$dir/cert.pem" --tls-key "$dir/key.pem" --db "$dir/d.db"
    chmod 600 "$dir/key.pem"
    : >"$dir/out"
    DIALTOP_HOOKS_TOKEN="$TOK" "$DIALTOP_BIN" hooks --listen 0.0.0.0:0 --tls-cert "$dir/cert.pem" \
        --tls-key "$dir/key.pem" --db "$dir/d.db" >"$dir/out" 2>"$dir/err" </dev/null &
    pid=$!
    i=0
    until head -n 1 "$dir/out" 2>/dev/null | grep -q '^listening on https://0.0.0.0:'; do
        i=$((i + 1))
        [ $i -gt 100 ] && fail "no 'listening on https://' line"
        sleep 0.1
    done
    grep -q WARNING "$dir/err" && fail "warned although TLS is on"
    port=$(sed -n '1s/.*://p' "$dir/out")
    body=$(curl -sk "https://127.0.0.1:$port/health")
    [ "$body" = '{"ok":true}' ] || fail "https health: $body"
    curl -s "http://127.0.0.1:$port/health" >/dev/null 2>&1 && fail "plain http answered on the TLS port"
    kill "$pid"; wait "$pid"; pid=""
fi
exit 0
