#!/bin/sh
# Regenerates screenshots/*.png from the real console: dialtop --demo with a
# fixed seed runs inside tmux; a real terminal emulator (xterm under Xvfb)
# attaches to that tmux session and ImageMagick's `import` captures its
# window. Keys are sent with tmux send-keys, so no X automation tool is
# needed, and every step waits for text on the screen, not for time.
#
# Needs: xvfb xterm imagemagick x11-utils fonts-dejavu-core
# (`make screenshots` installs what is missing, then runs this).
#
# Usage: screenshots/make.sh [BUILD_DIR]   (default build)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/screenshots"
bin="$top/${1:-build}/dialtop"
sock="dialtop-shots-$$"
work=$(mktemp -d)
cols=120
rows=36
seed=7

for tool in Xvfb xterm import xwininfo tmux; do
    command -v "$tool" >/dev/null || {
        echo "screenshots: $tool is missing (make screenshots installs it)" >&2
        exit 1
    }
done
[ -x "$bin" ] || { echo "screenshots: $bin is not built (run make)" >&2; exit 1; }

cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    [ -n "${xterm_pid:-}" ] && kill "$xterm_pid" 2>/dev/null || true
    [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

screen() {
    tmux -L "$sock" capture-pane -p -t shots
}

wait_for() { # TEXT [seconds]
    wait_match -F "$@"
}

wait_match() { # -F|-E PATTERN [seconds]
    i=0
    limit=$(( ${3:-15} * 10 ))
    while ! screen | grep -q "$1" -- "$2"; do
        i=$((i + 1))
        if [ "$i" -ge "$limit" ]; then
            echo "screenshots: timed out waiting for '$2'; the screen was:" >&2
            screen >&2
            exit 1
        fi
        sleep 0.1
    done
}

wait_gone() { # TEXT [seconds]
    i=0
    limit=$(( ${2:-15} * 10 ))
    while screen | grep -qF -- "$1"; do
        i=$((i + 1))
        if [ "$i" -ge "$limit" ]; then
            echo "screenshots: '$1' still on screen; the screen was:" >&2
            screen >&2
            exit 1
        fi
        sleep 0.1
    done
}

keys() {
    tmux -L "$sock" send-keys -t shots "$@"
}

# xterm shows what tmux sent it a moment later than capture-pane sees it;
# capture until two consecutive pictures are identical.
shot() { # NAME
    prev="$work/prev.png"
    i=0
    import -window "$xterm_id" "$prev"
    while :; do
        sleep 0.2
        import -window "$xterm_id" "$work/cur.png"
        if cmp -s "$prev" "$work/cur.png" || [ "$i" -ge 25 ]; then
            break
        fi
        mv "$work/cur.png" "$prev"
        i=$((i + 1))
    done
    mv "$work/cur.png" "$out/$1.png"
    echo "wrote screenshots/$1.png"
}

# Xvfb picks a free display number and writes it to the pipe.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb_pid=$!
i=0
until [ -s "$work/display" ]; do
    i=$((i + 1)); [ "$i" -gt 100 ] && { echo "screenshots: Xvfb did not start" >&2; exit 1; }
    sleep 0.1
done
DISPLAY=":$(cat "$work/display")"
export DISPLAY LANG=C.UTF-8 LC_ALL=C.UTF-8
export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"

tmux -L "$sock" -f /dev/null new-session -d -s shots -x "$cols" -y "$rows" \
    "env TERM=xterm-256color $bin --demo --demo-seed $seed"
tmux -L "$sock" set -g status off
tmux -L "$sock" set -g window-size manual >/dev/null 2>&1 || true

# A readable palette (xterm's default blue is too dark on a dark background).
palette=""
n=0
for c in '#1d1f21' '#cc6666' '#b5bd68' '#f0c674' '#81a2be' '#b294bb' '#8abeb7' '#c5c8c6' \
         '#969896' '#d54e53' '#b9ca4a' '#e7c547' '#7aa6da' '#c397d8' '#70c0b1' '#eaeaea'; do
    palette="$palette -xrm XTerm*color$n:$c"
    n=$((n + 1))
done
set -f # XTerm*colorN is a resource name, not a file pattern
# shellcheck disable=SC2086 # one word per -xrm argument
xterm -geometry "${cols}x${rows}" -fa 'DejaVu Sans Mono' -fs 11 -bg '#1d1f21' -fg '#c5c8c6' \
    $palette -title dialtop -e tmux -L "$sock" attach -t shots &
set +f
xterm_pid=$!
i=0
until xterm_id=$(xwininfo -name dialtop 2>/dev/null | sed -n 's/.*Window id: \(0x[0-9a-f]*\).*/\1/p') \
      && [ -n "$xterm_id" ]; do
    i=$((i + 1)); [ "$i" -gt 100 ] && { echo "screenshots: xterm did not start" >&2; exit 1; }
    sleep 0.1
done

# The campaign list: every provider's campaigns in.
wait_for "Onboarding welcome calls"
wait_for "Appointment confirmations"
wait_for "Loan EMI reminders"
wait_for "updated"
# the attention order puts the failed campaign first; the next row is an
# active one, so its action keys show enabled
wait_for "failed"
wait_match -E "[0-9]+/min"
keys g j
wait_match -E " 2/[0-9]+ *$"
shot campaigns

# Contacts of an active campaign, with the summary bars and its calls.
keys / Onboarding Enter
wait_gone "Appointment confirmations"
keys Enter
wait_for "calls/min"
wait_for "PHONE"
wait_gone "loading..."
# the summary's counts come with the campaign's details, after the list
wait_match -E "in progress [1-9]"
wait_match -E "failed [1-9]"
shot contacts

# Help from the contacts screen: navigation and the action keys.
keys '?'
wait_for "Actions"
shot help
keys Escape
wait_gone "Actions"

# The cancel confirmation on the open campaign, answered No (any key but
# y keeps it). Builds without the dialog say so on the status line.
keys X
i=0
state=none
while [ $i -lt 100 ]; do
    if screen | grep -qE "not available in this build|not wired"; then
        state=missing
        break
    elif screen | grep -qE "campaigns? for good\?"; then
        state=dialog
        break
    fi
    sleep 0.1
    i=$((i + 1))
done
case $state in
dialog)
    shot cancel-confirm
    keys n
    wait_for "kept, nothing sent"
    ;;
missing)
    echo "screenshots: no cancel dialog in this build; cancel-confirm.png not made"
    ;;
*)
    echo "screenshots: X showed neither a dialog nor a refusal; the screen was:" >&2
    screen >&2
    exit 1
    ;;
esac

# The import: a contact list as spreadsheets leave them, read from the
# campaign list with `i`: preview, report, settings (Esc closes it before
# Create; nothing is uploaded).
csv="$work/contacts.csv"
cat >"$csv" <<'CSV'
Phone Number;Customer Name;Account;Plan
(212) 555-0142;Maria Rossi;ACC-1001;gold
+44 20 7946 0958;Tariq Brown;ACC-1002;silver
212.555.0199;Lucas Silva;ACC-1003;gold
1.2125550142E+10;Chen Petrov;ACC-1004;bronze
(212) 555-0142;Maria Rossi again;ACC-1005;gold
;No Phone;ACC-1006;silver
555-01;Too Short;ACC-1007;gold
tel:+1-646-555-0110;Aisha Okafor;ACC-1008;gold
CSV
keys Escape Escape
wait_for "Campaigns"
keys i
wait_for "Contact list (CSV)"
keys -l "$csv"
keys Enter
wait_for "[Phone Number]"
shot import-preview
keys Enter
wait_for "rows read"
shot import-report
keys Enter
wait_for "> name"
shot import-settings
keys Escape

keys q q q
