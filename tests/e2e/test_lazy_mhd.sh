#!/bin/sh
# libmicrohttpd is loaded when a server starts, never at start-up
# (api/mhd_lazy.h): `dialtop --version` and `dialtop import --dry-run` map
# neither it nor libcurl, `dialtop hooks` and dialtop-sim dlopen it. Seen
# through the dynamic loader's own log (LD_DEBUG=files names every library
# it maps, dlopen'ed ones too). A libmicrohttpd that cannot be loaded
# (DIALTOP_TEST_LIBMHD names a file that does not exist: a real dlopen
# failure) is one sentence naming the Debian package, exit 1, never a crash
# nor a port opened.
. "$(dirname "$0")/lib.sh"

csv="$E2E_TMP/three.csv"
printf 'phone,name\n+12015550123,Ann\n+12015550124,Bob\n' >"$csv"
missing="$E2E_TMP/nowhere/libmicrohttpd.so.12"
needs="serving HTTP needs libmicrohttpd: install the Debian package libmicrohttpd12 (apt-get install libmicrohttpd12)"
export DIALTOP_HOOKS_TOKEN="lazy-mhd-token-0123456789"

maps() { grep -q "file=$2\\.so" "$E2E_TMP/$1.ld"; }

# --- offline commands: neither library -----------------------------------------------
ld_run version 0 "$DIALTOP_BIN" --version
maps version libmicrohttpd && fail "dialtop --version mapped libmicrohttpd"
maps version libcurl && fail "dialtop --version mapped libcurl"
maps version libgnutls && fail "dialtop --version mapped gnutls (a library libmicrohttpd brings)"
ld_run dryrun 0 "$DIALTOP_BIN" import "$csv" --dry-run
grep -q "2 accepted" "$E2E_TMP/dryrun.out" || fail "the dry run did not read 2 rows"
maps dryrun libmicrohttpd && fail "dialtop import --dry-run mapped libmicrohttpd"
maps dryrun libcurl && fail "dialtop import --dry-run mapped libcurl"

# --- a server loads it, by dlopen --------------------------------------------------------
# hooks_up NAME: `dialtop hooks` on a free port under LD_DEBUG=files until it
# listens, then stopped; its log in $E2E_TMP/NAME.ld
hooks_up() {
    LD_DEBUG=files "$DIALTOP_BIN" hooks --listen 127.0.0.1:0 --db "$E2E_TMP/$1.db" \
        >"$E2E_TMP/$1.out" 2>"$E2E_TMP/$1.ld" </dev/null &
    _pid=$!
    _i=0
    until grep -q "^listening on http://127\.0\.0\.1:" "$E2E_TMP/$1.out"; do
        _i=$((_i + 1))
        [ $_i -lt 500 ] || { kill $_pid; fail "$1: dialtop hooks did not listen"; }
        kill -0 $_pid 2>/dev/null || { grep -v '^ *[0-9]*:' "$E2E_TMP/$1.ld"; fail "$1: dialtop hooks exited"; }
        sleep 0.02
    done
    kill -TERM $_pid
    wait $_pid || fail "$1: dialtop hooks did not stop cleanly on SIGTERM"
}
hooks_up hooks
grep -q 'file=libmicrohttpd\.so\.12 .*dynamically loaded by' "$E2E_TMP/hooks.ld" ||
    fail "dialtop hooks did not dlopen libmicrohttpd"
grep -q 'file=libmicrohttpd\.so\.12 .*needed by' "$E2E_TMP/hooks.ld" &&
    fail "libmicrohttpd is linked, not loaded"

# the sim too (start_sim waits for its "listening on" line); the loader's
# log of the shell's own helpers (sleep, head) is not wanted
export LD_DEBUG=files
start_sim 2>/dev/null
unset LD_DEBUG
stop_sim
grep -q 'file=libmicrohttpd\.so\.12 .*dynamically loaded by' "$E2E_TMP/sim.err" ||
    fail "dialtop-sim did not dlopen libmicrohttpd"

# --- libmicrohttpd cannot be loaded -------------------------------------------------------
# cant_serve NAME CMD...: exit 1, the sentence with the loader's reason, no port
cant_serve() {
    _name=$1
    shift
    DIALTOP_TEST_LIBMHD=$missing "$@" >"$E2E_TMP/$_name.out" 2>"$E2E_TMP/$_name.err" </dev/null
    _st=$?
    [ "$_st" = 1 ] || { cat "$E2E_TMP/$_name.err"; fail "$_name without libmicrohttpd: exit $_st, want 1"; }
    grep -qF "$needs" "$E2E_TMP/$_name.err" || { cat "$E2E_TMP/$_name.err"; fail "$_name: no libmicrohttpd message"; }
    grep -qF "$missing" "$E2E_TMP/$_name.err" || fail "$_name: the loader's reason (the path) not shown"
    grep -q "listening on" "$E2E_TMP/$_name.out" && fail "$_name: listened without libmicrohttpd"
    return 0
}
cant_serve hooks_no "$DIALTOP_BIN" hooks --listen 127.0.0.1:0 --db "$E2E_TMP/no.db"
cant_serve sim_no env DIALTOP_SIM_API_KEY="$SIM_KEY" "$DIALTOP_SIM_BIN" --listen 127.0.0.1:0 \
    --state "$E2E_TMP/no-sim.db"
# the offline command does not need it at all
DIALTOP_TEST_LIBMHD=$missing "$DIALTOP_BIN" import "$csv" --dry-run >"$E2E_TMP/no.out" 2>"$E2E_TMP/no.err" ||
    fail "import --dry-run needed libmicrohttpd: $(cat "$E2E_TMP/no.err")"
exit 0
