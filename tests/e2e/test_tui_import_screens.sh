#!/bin/sh
# The import screen's pages before any upload, in a real terminal: the
# preview's reading options (delimiter, phone column, back to detection),
# a file with no recognisable phone column rescued by choosing one, every
# rejected row reachable and written to a CSV that never overwrites, and
# a read that blocks (a FIFO) showing its progress and leaving the screen
# free for Esc. Nothing here may send a request that creates anything.
. "$(dirname "$0")/lib.sh"

E2E_SIM_DEMO= start_sim 0
write_provider_config truedy
actions_total() {
    curl -sf -H "X-Sim-Key: $SIM_KEY" "$SIM_URL/_sim/stats" |
        sed -n 's/.*"actions_total":\([0-9]*\).*/\1/p'
}

d="$E2E_TMP/lists"
mkdir -p "$d"
printf 'phone;first_name\n+14155550101;Ann\n+14155550102;Bob\n' >"$d/semi.csv"
printf 'who,cell\nAnn,+14155550101\nBob,+14155550102\n' >"$d/nophone.csv"
{
    echo "phone,name"
    echo "+14155550100,keep"
    i=1
    while [ $i -le 30 ]; do
        echo "12$i,bad$i"
        i=$((i + 1))
    done
} >"$d/many.csv"

n0=$(actions_total)
start_dialtop -- --profile truedy
wait_for "truedy"

# --- the preview: change the delimiter and the phone column, then detect again
import_open "$d/semi.csv"
wait_for "delimiter semicolon (detected)"
wait_for "+14155550102"
keys d
wait_for "d delimiter (comma)"
wait_for "no phone column"
keys a
wait_for "delimiter semicolon (detected)"
keys p
wait_for 'column 2 "first_name" (chosen)'
wait_for "[first_name]"
keys a
wait_for 'column 1 "phone" (detected)'
keys Escape
wait_for "import: closed, nothing uploaded"

# --- no phone column: the reason, then the operator picks one
import_open "$d/nophone.csv"
wait_for "import stopped at line 1, nothing imported"
wait_for "the columns are: who, cell"
keys p
wait_for 'column 1 "who" (chosen)'
keys p
wait_for 'column 2 "cell" (chosen)'
keys p
wait_for 'column 1 "who" (chosen)'
keys p
wait_for 'column 2 "cell" (chosen)'
# a delimiter that leaves one column: the chosen one is gone, p starts over
keys d d
wait_for "the file has 1 column, so there is no column 2 for the phone"
keys p
wait_for 'column 1 "who,cell" (chosen)'
keys a
wait_for "the columns are: who, cell"
keys p p
wait_for 'column 2 "cell" (chosen)'
keys Enter
wait_for "rows read  2 = 2 accepted + 0 rejected"
keys Escape
wait_for "import: closed, nothing uploaded"

# --- 30 rejected rows: the last one is reachable, and x writes them all
import_open "$d/many.csv"
wait_for "[phone]"
keys Enter
wait_for "31 = 1 accepted + 30 rejected"
wait_for "rejected row 1 of 30"
keys G
wait_for "rejected row 30 of 30"
wait_for "> line 32, column 1 (phone): invalid_phone"
keys k
wait_for "rejected row 29 of 30"
keys x
wait_for "wrote 30 rejected rows to $d/many.rejects.csv"
[ "$(wc -l <"$d/many.rejects.csv")" -eq 31 ] || fail "rejects file: $(wc -l <"$d/many.rejects.csv") lines"
head -n 1 "$d/many.rejects.csv" | grep -q "^rejected_line,rejected_reason,phone,name" ||
    fail "rejects header: $(head -n 1 "$d/many.rejects.csv")"
keys x
wait_for "wrote 30 rejected rows to $d/many.rejects-2.csv"
keys Escape
wait_for "import: closed, nothing uploaded"

# --- a read that blocks: progress shows, Esc is answered at once
mkfifo "$d/slow.csv" "$d/go"
{
    # more than one 256 KiB read, so progress is reported before the wait
    awk 'BEGIN { print "phone,name"
                 for (i = 0; i < 9000; i++)
                     printf "+1415555%04d,someone with a long enough name %d\n", i, i }'
    read -r _ <"$d/go"
    echo "+14155559999,last"
} >"$d/slow.csv" &
writer=$!
import_open "$d/slow.csv"
wait_for "reading $d/slow.csv"
wait_for "kB"
keys Escape
wait_for "import: closed, nothing uploaded" 3
echo go >"$d/go"
wait "$writer"

# the console still answers, and nothing was created
keys i
wait_for "Contact list (CSV) to import"
keys Escape
[ "$(actions_total)" -eq "$n0" ] || fail "the import screens sent $(( $(actions_total) - n0 )) actions"
stop_dialtop

# --- refused by the provider (a wrong key): nothing exists, so Enter goes
# back to the settings to try again; the typed name is still there
start_dialtop "$E2E_KEY_ENV=wrong-key" -- --profile truedy
wait_for "truedy"
import_open "$d/semi.csv"
wait_for "[phone]"
keys Enter
wait_for "2 = 2 accepted + 0 rejected"
keys Enter
wait_for "> name"
keys C-u
keys -l "Retry me"
keys Enter
wait_for "Review: nothing is sent until Enter"
keys Enter
wait_for "upload failed, no campaign: auth"
wait_for "check the profile's API key"
wait_for "Enter back to the settings"
keys Enter
wait_for "> name             Retry me_"
keys Escape
wait_for "import: closed, nothing uploaded"
stop_dialtop
echo ok
