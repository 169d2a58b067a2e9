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
         share/bash-completion/completions/dialtop share/zsh/site-functions/_dialtop \
         share/fish/vendor_completions.d/dialtop.fish; do
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

# Campaign IDs from the cache `dialtop ls` writes, in all three shells.
mkdir -p "$DIALTOP_TEST_TMP/compl-state/dialtop"
printf 'prod-omni\t305\tChurn win-back\nstaging\tbatch_7f\tSpring list\n' \
    > "$DIALTOP_TEST_TMP/compl-state/dialtop/campaigns"
out=$(XDG_STATE_HOME="$DIALTOP_TEST_TMP/compl-state" bash -c '
    . "$1"
    complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _dialtop; echo "${COMPREPLY[*]}"; }
    complete_words dialtop pause ""
    complete_words dialtop l
    complete_words dialtop retry 305 --re
' _ "$dest$prefix/share/bash-completion/completions/dialtop")
echo "$out" | sed -n 1p | grep -q '305 batch_7f' || fail "bash: campaign IDs not completed: $out"
echo "$out" | sed -n 2p | grep -q 'ls' || fail "bash: ls not completed: $out"
echo "$out" | sed -n 3p | grep -q -- '--reasons' || fail "bash: retry options not completed: $out"
if command -v fish >/dev/null 2>&1; then
    fc="$dest$prefix/share/fish/vendor_completions.d/dialtop.fish"
    out=$(XDG_STATE_HOME="$DIALTOP_TEST_TMP/compl-state" XDG_CONFIG_HOME="$DIALTOP_TEST_TMP/compl" \
        fish --no-config -c "source $fc; complete -C 'dialtop pause '; echo ==; complete -C 'dialtop co'; echo ==; complete -C 'dialtop --profile '")
    echo "$out" | grep -q '^305	Churn win-back (prod-omni)' || fail "fish: campaign IDs not completed: $out"
    echo "$out" | grep -q '^contacts' || fail "fish: contacts not completed: $out"
    echo "$out" | grep -q '^concurrency' || fail "fish: concurrency not completed: $out"
    echo "$out" | grep -q '^staging' || fail "fish: profiles not completed: $out"
fi
if command -v zsh >/dev/null 2>&1; then
    zsh -n "$dest$prefix/share/zsh/site-functions/_dialtop" || fail "zsh: _dialtop does not parse"
    # the helpers alone, outside the completion system: IDs from the cache
    out=$(XDG_STATE_HOME="$DIALTOP_TEST_TMP/compl-state" zsh -f -c '
        _describe() { print -l -- ${(P)4}; }
        eval "$(sed -n "/^_dialtop_ids() {/,/^}/p" "$1")"
        _dialtop_ids' _ "$dest$prefix/share/zsh/site-functions/_dialtop")
    echo "$out" | grep -q '^305:Churn win-back (prod-omni)$' || fail "zsh: campaign IDs: $out"
fi

make -C "$top" -s uninstall DESTDIR="$dest" PREFIX="$prefix" >/dev/null
[ ! -e "$dest$prefix/bin/dialtop" ] || fail "uninstall left bin/dialtop"
[ ! -e "$dest$prefix/share/man/man1/dialtop.1" ] || fail "uninstall left dialtop.1"
[ ! -e "$dest$prefix/share/zsh/site-functions/_dialtop" ] || fail "uninstall left _dialtop"
[ ! -e "$dest$prefix/share/fish/vendor_completions.d/dialtop.fish" ] || fail "uninstall left dialtop.fish"
echo "test_install: ok"
