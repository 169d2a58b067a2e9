#!/bin/sh
# `make install DESTDIR=...` installs both programs, both man pages and the
# bash completion; the installed programs run; the completion offers the
# subcommands and the config's profile names; uninstall removes it all.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dest="$DIALTOP_TEST_TMP/install-root"
prefix=/usr/local
fail() { echo "test_install: $*" >&2; exit 1; }

make -C "$top" -s install DESTDIR="$dest" PREFIX="$prefix" BUILD="${BUILD:-build}" >/dev/null
for f in bin/dialtop bin/dialtop-sim share/man/man1/dialtop.1 share/man/man1/dialtop-sim.1 \
         share/bash-completion/completions/dialtop; do
    [ -f "$dest$prefix/$f" ] || fail "missing $prefix/$f"
done
[ -x "$dest$prefix/bin/dialtop" ] || fail "dialtop is not executable"
"$dest$prefix/bin/dialtop" --version | grep -q '^dialtop [0-9]' || fail "installed dialtop --version"
"$dest$prefix/bin/dialtop-sim" --version | grep -q '^dialtop-sim [0-9]' || fail "installed dialtop-sim --version"

# Man pages are well-formed roff (man's own checker, when present).
if command -v groff >/dev/null 2>&1; then
    for m in dialtop dialtop-sim; do
        warn=$(groff -man -ww -z "$dest$prefix/share/man/man1/$m.1" 2>&1) || fail "$m.1 does not format"
        [ -z "$warn" ] || fail "$m.1: $warn"
    done
fi

# Completion: subcommands, options, and profile names from the config.
mkdir -p "$DIALTOP_TEST_TMP/compl/dialtop"
printf '[profile prod-omni]\nprovider = omnidim\n\n[profile staging]\nprovider = truedy\n' \
    > "$DIALTOP_TEST_TMP/compl/dialtop/config"
out=$(XDG_CONFIG_HOME="$DIALTOP_TEST_TMP/compl" bash -c '
    . "$1"
    complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _dialtop; echo "${COMPREPLY[*]}"; }
    complete_words dialtop re
    complete_words dialtop --profile ""
    complete_words dialtop cancel 12 --y
' _ "$dest$prefix/share/bash-completion/completions/dialtop")
echo "$out" | sed -n 1p | grep -q 'resume reschedule' || fail "subcommands not completed: $out"
echo "$out" | sed -n 2p | grep -q 'prod-omni staging' || fail "profiles not completed: $out"
echo "$out" | sed -n 3p | grep -q -- '--yes' || fail "cancel options not completed: $out"

make -C "$top" -s uninstall DESTDIR="$dest" PREFIX="$prefix" >/dev/null
[ ! -e "$dest$prefix/bin/dialtop" ] || fail "uninstall left bin/dialtop"
[ ! -e "$dest$prefix/share/man/man1/dialtop.1" ] || fail "uninstall left dialtop.1"
echo "test_install: ok"
