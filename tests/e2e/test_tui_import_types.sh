#!/bin/sh
# The console's import preview shows each row's number type (issue 18) and
# its verdict, and m accepts premium numbers; in a real terminal, nothing
# is uploaded.
. "$(dirname "$0")/lib.sh"

E2E_SIM_DEMO= start_sim 0
write_provider_config truedy
d="$E2E_TMP/lists"
mkdir -p "$d"
printf 'phone,name\n+14155550101,Ann\n1-800-FLOWERS,Bob\n+1 900 555 0123,Cy\n+44 7400 123456,Di\n' \
    >"$d/types.csv"

start_dialtop -- --profile truedy
wait_for "truedy"
import_open "$d/types.csv"
wait_for "+14155550101"
wait_for "fixed_or_mobile"
wait_for "toll_free"
wait_for "premium_rate"
wait_for "+44 7400 123456"
# each row carries its own verdict and type
row() { screen_text | grep -F -- "$1"; }
row "+14155550101" | grep -q "ok  *fixed_or_mobile" || fail "Ann's row: $(row +14155550101)"
row "1-800-FLOWERS" | grep -q "ok  *toll_free" || fail "Bob's row: $(row 1-800-FLOWERS)"
row "+1 900 555 0123" | grep -q "premium_rate  *premium_rate" || fail "Cy's row: $(row '+1 900')"
row "+44 7400 123456" | grep -q "ok  *mobile " || fail "Di's row: $(row '+44 7400')"
# m: premium numbers accepted (the CLI's --allow-premium), the file read again
wait_for "m premium numbers (refused)"
keys m
wait_for "m premium numbers (accepted)"
i=0
until row "+1 900 555 0123" | grep -q "ok  *premium_rate"; do
    i=$((i + 1)); [ "$i" -gt 100 ] && fail "Cy's row after m: $(row '+1 900')"
    sleep 0.1
done
keys Escape
stop_dialtop
echo ok
