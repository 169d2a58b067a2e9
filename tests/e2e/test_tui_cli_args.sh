#!/bin/sh
# Console flags: --help and --version answer and exit 0; a bad flag, a
# missing value, a bad theme or an unknown profile exit non-zero with one
# clear line, before the screen is touched.
set -u
: "${DIALTOP_BIN:?}"
out=$(mktemp "${DIALTOP_TEST_TMP:-/tmp}/cli.XXXXXX")
trap 'rm -f "$out"' EXIT
fail() {
    echo "FAIL: $*"
    cat "$out"
    exit 1
}
expect() { # STATUS TEXT args...
    want=$1 text=$2
    shift 2
    "$DIALTOP_BIN" "$@" >"$out" 2>&1 </dev/null
    rc=$?
    [ "$rc" = "$want" ] || fail "dialtop $* exited $rc, wanted $want"
    grep -qF -- "$text" "$out" || fail "dialtop $* did not say \"$text\""
}
expect 0 "--all-profiles" --help
expect 0 "dialtop 0." --version
expect 2 'unknown option "--bogus"' --bogus
expect 2 "--profile needs a value" --profile
expect 2 'light or dark, not "blue"' --theme blue
expect 2 "exclude each other" --profile a --all-profiles
expect 2 'unknown command "frobnicate"' frobnicate
XDG_CONFIG_HOME="${DIALTOP_TEST_TMP:-/tmp}/no-such-config-$$" expect 1 'no profile named "nope"' --profile nope
exit 0
