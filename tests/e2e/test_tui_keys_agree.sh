#!/bin/sh
# The footer, the help screen and the key itself give one answer about an
# action, and a key acts only where the docs say (issue 16, item 2):
#  - on an active Truedy campaign, t (reschedule) is offered enabled by the
#    footer, the help shows it enabled too (it was dimmed there, with a
#    refusal the key itself never gave), and the key opens the form that
#    offers to pause first;
#  - i (import) works from the campaign list only, as the footer, the help,
#    README and the man page say: in the contacts view it does nothing
#    (it used to open the import there);
#  - no sentence in tui/ names a key by hand: every mention ("Esc stops",
#    "Tab completes") is a row of tui/dlg_hint.h's table, made from the
#    binding, so it cannot drift from it (test_dlg_hint checks the rows).
. "$(dirname "$0")/lib.sh"

# dim_at TEXT: is the first character of TEXT on the screen line that
# holds it drawn dim? Reads the line's SGR escapes (2 sets dim, 0 and 22
# clear it) and prints "dim" or "normal".
dim_at() {
    screen_escapes | awk -v want="$1" '
    {
        esc = sprintf("%c", 27); dim = 0; plain = ""; n = 0
        line = $0
        while (length(line) > 0) {
            if (substr(line, 1, 2) == esc "[") {
                end = index(line, "m")
                params = substr(line, 3, end - 3)
                line = substr(line, end + 1)
                k = split(params, p, ";")
                if (k == 0) dim = 0
                for (i = 1; i <= k; i++) {
                    if (p[i] == "" || p[i] == "0" || p[i] == "22") dim = 0
                    else if (p[i] == "2") dim = 1
                }
                continue
            }
            n++; state[n] = dim; plain = plain substr(line, 1, 1)
            line = substr(line, 2)
        }
        at = index(plain, want)
        if (at) { print state[at] ? "dim" : "normal"; exit }
    }'
}

# --- key names in string literals, outside the keymap's own label tables --
# (comment lines skipped; keymap.c names the codes, script.c reads them)
tui_dir="$(dirname "$0")/../../tui"
by_hand=$(grep -n '"[^"]*\b\(Esc\|Tab\|Enter\|Backspace\|PgUp\|PgDn\|S-Tab\|\^[A-Z]\)\b[^"]*"' \
    "$tui_dir"/*.c | grep -v '/\(keymap\|script\)\.c:' | grep -v '^[^:]*:[0-9]*: *\(/\*\|\*\|//\)')
[ -z "$by_hand" ] ||
    fail "a key named by hand (use a dlg_hint.h row, made from the keymap): $by_hand"

E2E_SIM_DEMO= start_sim
sim_post /_sim/campaigns '{"provider":"truedy","name":"Truedy Live","status":"active","contacts":10}'
write_provider_config truedy
start_dialtop -- --profile truedy
wait_for "Truedy Live"
wait_for "t reschedule"

# --- t: the footer and the help agree, and the key does what they say ----
footer=$(dim_at "t reschedule")
[ -n "$footer" ] || fail "no footer line with t reschedule"
keys '?'
wait_for "reschedule: move the start"
help=$(dim_at "reschedule: move the start")
[ "$footer" = "$help" ] ||
    fail "footer shows t $footer, help shows it $help (one answer, ui_action_state)"
[ "$footer" = normal ] || fail "t is dimmed, but the key opens the form (it offers to pause first)"
screen_text | grep -q "reschedule: move the start.*-- now:" &&
    fail "help gives a refusal for t that the key does not give"
keys Escape
wait_for "t reschedule"
keys t
wait_for "^P pauses first, then Enter reschedules"
keys Escape
wait_for "reschedule: closed, nothing sent"

# --- i: campaign list only -------------------------------------------------
keys Enter
wait_for "PHONE"
screen_text | grep -q "i create" && fail "the contacts footer offers i"
keys i
# nothing may open: give the console the time a key takes, then look
keys C-l
wait_for "PHONE"
sleep 1
screen_text | grep -q "Contact list (CSV) to import" &&
    fail "i opened the import from the contacts view (docs: campaign list only)"
keys Escape
wait_for "NEXT RUN"
keys i
wait_for "Contact list (CSV) to import"
keys Escape
wait_for "import: closed, nothing uploaded"
exit 0
