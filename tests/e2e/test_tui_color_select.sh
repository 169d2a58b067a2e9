#!/bin/sh
# The selected row stays readable in every state: walking the selection
# over every row of all three providers and over a campaign's contacts, in 8, 16 and 256 colours and with
# NO_COLOR, no character is ever drawn with its foreground colour equal to
# its background (the old bug: a state colour ORed into the selection's
# pair gave black on black). Read from `capture-pane -e`.
. "$(dirname "$0")/lib.sh"
start_sim

cfg="$XDG_CONFIG_HOME/dialtop/config"
for p in omnidim truedy sarvam; do
    echo "[profile $p]"
    echo "provider = $p"
    echo "base_url = $SIM_URL"
    echo "api_key_env = $E2E_KEY_ENV"
    echo "poll_interval = 1"
    [ "$p" = sarvam ] && printf 'org_id = org1\nworkspace_id = ws1\n'
done >"$cfg"
chmod 600 "$cfg"

# Prints the first line holding a visible character whose foreground and
# background are the same colour (SGR 30-37/90-97/38;5;N against
# 40-47/100-107/48;5;N, reverse video swapping them).
same_colour_lines() {
    screen_escapes | awk '
    function reset() { fg = "d"; bg = "d"; rev = 0 }
    BEGIN { esc = sprintf("%c", 27) }
    {
        reset(); line = $0; out = ""
        while (length(line) > 0) {
            if (substr(line, 1, 2) == esc "[") {
                end = index(line, "m")
                n = split(substr(line, 3, end - 3), p, ";")
                if (n == 0) reset()
                for (i = 1; i <= n; i++) {
                    c = p[i] + 0
                    if (p[i] == "" || c == 0) reset()
                    else if (c == 7) rev = 1
                    else if (c == 27) rev = 0
                    else if (c >= 30 && c <= 37) fg = c - 30
                    else if (c >= 90 && c <= 97) fg = c - 90 + 8
                    else if (c == 39) fg = "d"
                    else if (c >= 40 && c <= 47) bg = c - 40
                    else if (c >= 100 && c <= 107) bg = c - 100 + 8
                    else if (c == 49) bg = "d"
                    else if ((c == 38 || c == 48) && p[i + 1] == 5) {
                        if (c == 38) fg = p[i + 2] + 0; else bg = p[i + 2] + 0
                        i += 2
                    }
                }
                line = substr(line, end + 1)
                continue
            }
            ch = substr(line, 1, 1); line = substr(line, 2)
            f = rev ? bg : fg; b = rev ? fg : bg
            if (ch != " " && f != "d" && f == b) { print NR ": " ch " fg=" f " bg=" b; exit }
        }
    }'
}

walk() {
    keys g
    n=0
    while [ $n -lt 20 ]; do
        bad=$(same_colour_lines)
        [ -z "$bad" ] || fail "$1: text drawn in its background colour at line $bad"
        keys j
        n=$((n + 1))
    done
}

for term in xterm xterm-16color tmux-256color; do
    start_dialtop TERM=$term -- --all-profiles
    wait_for "Renewal reminders Q4"
    wait_for "Loan EMI reminders"
    wait_for "failed"
    walk "$term"
    # the contacts of a campaign: every contact state under the selection
    keys / "Renewal reminders" Enter
    wait_for 'filter "renewal reminders"'
    keys Enter
    wait_for "customer_name="
    walk "$term, contacts"
    keys q
    stop_dialtop
done

start_dialtop NO_COLOR=1 -- --all-profiles
wait_for "Renewal reminders Q4"
walk "NO_COLOR"
# every state word is still written out on the selected row too
for s in active paused scheduled completed cancelled; do
    screen_text | grep -q " $s " || fail "state $s not written out"
done
exit 0
