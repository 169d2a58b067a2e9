#!/bin/sh
# libcurl is loaded by the first network call, never at start-up
# (api/curl_lazy.h): `dialtop --version` and `dialtop import --dry-run`
# (with or without a config) do not map it, `dialtop ls` does. Seen through the dynamic loader's own
# log (LD_DEBUG=files names every library it maps, dlopen'ed ones too).
# A libcurl that cannot be loaded (DIALTOP_TEST_LIBCURL names a file that
# does not exist: a real dlopen failure) is one sentence naming the Debian
# package, from a command and from the console, never a crash.
. "$(dirname "$0")/lib.sh"

csv="$E2E_TMP/three.csv"
printf 'phone,name\n+12015550123,Ann\n+12015550124,Bob\n' >"$csv"
missing="$E2E_TMP/nowhere/libcurl.so.4"
needs="network access needs libcurl: install the Debian package libcurl4 (apt-get install libcurl4)"

maps_libcurl() { grep -q 'file=libcurl\.so' "$E2E_TMP/$1.ld"; }

# --- offline commands: no libcurl --------------------------------------------------
[ -e "$XDG_CONFIG_HOME/dialtop/config" ] && fail "scratch config unexpectedly exists"
ld_run version 0 "$DIALTOP_BIN" --version
maps_libcurl version && fail "dialtop --version mapped libcurl"
ld_run dryrun 0 "$DIALTOP_BIN" import "$csv" --dry-run
grep -q "2 accepted" "$E2E_TMP/dryrun.out" || fail "the dry run did not read 2 rows"
maps_libcurl dryrun && fail "dialtop import --dry-run mapped libcurl"

# --- a network command loads it, once, by dlopen -------------------------------------
start_sim
ld_run ls 0 env DIALTOP_SIM_URL="$SIM_URL" DIALTOP_SIM_API_KEY="$SIM_KEY" "$DIALTOP_BIN" ls
grep -q 'file=libcurl\.so\.4 .*dynamically loaded by' "$E2E_TMP/ls.ld" ||
    fail "dialtop ls did not dlopen libcurl"
grep -q 'file=libcurl\.so\.4 .*needed by' "$E2E_TMP/ls.ld" && fail "libcurl is linked, not loaded"
grep -q "Onboarding welcome calls" "$E2E_TMP/ls.out" || fail "dialtop ls listed nothing"

# --- libcurl cannot be loaded ----------------------------------------------------------
# a command: the profile's error, exit 1 or 2 (nothing sent), no signal
DIALTOP_TEST_LIBCURL=$missing DIALTOP_SIM_URL="$SIM_URL" DIALTOP_SIM_API_KEY="$SIM_KEY" \
    "$DIALTOP_BIN" ls >"$E2E_TMP/no.out" 2>"$E2E_TMP/no.err"
st=$?
[ "$st" = 1 ] || [ "$st" = 2 ] || { cat "$E2E_TMP/no.err"; fail "ls without libcurl: exit $st"; }
grep -qF "$needs" "$E2E_TMP/no.err" || { cat "$E2E_TMP/no.err"; fail "ls: no libcurl message"; }
grep -qF "$missing" "$E2E_TMP/no.err" || fail "ls: the loader's reason (the path) not shown"
# a config whose profile's base_url cannot be checked without libcurl's URL parser
write_config
DIALTOP_TEST_LIBCURL=$missing DIALTOP_E2E_KEY=$SIM_KEY "$DIALTOP_BIN" ls >"$E2E_TMP/no.out" 2>"$E2E_TMP/no.err"
st=$?
[ "$st" = 2 ] || { cat "$E2E_TMP/no.err"; fail "ls with a config without libcurl: exit $st"; }
grep -qF "profile 'e2e': $needs" "$E2E_TMP/no.err" || { cat "$E2E_TMP/no.err"; fail "config: no libcurl message"; }
# with that config, a dry run (which reads only the profile's region) still
# neither maps libcurl nor needs it: its base URL is judged before a connection
ld_run dryrun_config 0 env DIALTOP_E2E_KEY="$SIM_KEY" "$DIALTOP_BIN" import "$csv" --dry-run
grep -q "2 accepted" "$E2E_TMP/dryrun_config.out" || fail "the dry run with a config did not read 2 rows"
maps_libcurl dryrun_config && fail "dialtop import --dry-run with a config mapped libcurl"
DIALTOP_TEST_LIBCURL=$missing DIALTOP_E2E_KEY=$SIM_KEY "$DIALTOP_BIN" import "$csv" --dry-run \
    >"$E2E_TMP/no.out" 2>"$E2E_TMP/no.err" ||
    fail "import --dry-run with a config needed libcurl: $(cat "$E2E_TMP/no.err")"
rm -f "$XDG_CONFIG_HOME/dialtop/config"
# the offline command does not need it at all
DIALTOP_TEST_LIBCURL=$missing "$DIALTOP_BIN" import "$csv" --dry-run >"$E2E_TMP/no.out" 2>"$E2E_TMP/no.err" ||
    fail "import --dry-run needed libcurl: $(cat "$E2E_TMP/no.err")"

# the console: the profile's error on its way out, exit 1
E2E_KEEP_SHELL=1 start_dialtop DIALTOP_TEST_LIBCURL=$missing DIALTOP_SIM_URL=$SIM_URL \
    DIALTOP_SIM_API_KEY=$SIM_KEY --
wait_for "dialtop exited 1"
grep -qF "profile sim: $needs" "$E2E_TMP/dialtop.err" ||
    { cat "$E2E_TMP/dialtop.err"; fail "console: no libcurl message"; }
exit 0
