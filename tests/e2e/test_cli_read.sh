#!/bin/sh
# dialtop ls, show and contacts against a real dialtop-sim: every page, the
# three output forms, --state filters checked against the sim's own
# figures, --csv that never overwrites and quotes formulas, --watch until
# interrupted, and the campaign-ID cache the completions read.
CLI_TEST_NAME=cli-read
CLI_WATCH_PROVIDER=omnidim
. "$(dirname "$0")/cli_lib.sh"

create() { # PROVIDER STATUS NAME [CONTACTS] -> id
    sim POST /_sim/campaigns "{\"provider\":\"$1\",\"name\":\"$3\",\"status\":\"$2\",\"contacts\":${4:-30}}" |
        sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
}
field() { # KEY: a number from the one-line JSON in $dir/out
    sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$dir/out" | head -n 1
}

# More campaigns than one OmniDim page (50): ls must read every page.
i=0
while [ "$i" -lt 55 ]; do create omnidim active "bulk $i" 3 >/dev/null || fail "create"; i=$((i + 1)); done
done_id=$(create omnidim completed "Done list" 120)
paused_id=$(create omnidim paused "Held list" 40)
tid=$(create truedy active "Truedy list" 25)

# --- ls ------------------------------------------------------------------------
run 0 ls --help; has out "--all-profiles"
run 2 ls --state bogus; has err "not a campaign state"
run 2 ls --json --csv; has err "exclude each other"
run 2 ls --profile omni --all-profiles
run 0 ls
has out "ID"; has out "NEXT RUN"; has out "Done list"; has out "bulk 54"
run 0 ls --json
[ "$(wc -l <"$dir/out" | tr -d ' ')" -eq 57 ] || fail "ls --json: want 57 lines (every page), got $(wc -l <"$dir/out")"
grep -v '^{.*}$' "$dir/out" && fail "ls --json: a line that is not one object"
has out '"id":"'"$done_id"'","name":"Done list","profile":"omni","provider":"omnidim","state":"completed"'
run 0 ls --state paused --json
[ "$(wc -l <"$dir/out" | tr -d ' ')" -eq 1 ] || fail "ls --state paused: want 1 line"
has out "Held list"
run 0 ls --csv --profile truedy
head -n 1 "$dir/out" | grep -q '^id,name,profile,provider,state,raw_state,total,done,in_progress,failed,pending,next_run' ||
    fail "ls --csv header"
has out "$tid,Truedy list,truedy,truedy,active"
run 0 ls --all-profiles --json
has out '"profile":"truedy"'; has out '"profile":"omni"'
# the cache the completions read: profile, id, name
grep -q "^omni	$done_id	Done list\$" "$dir/state/dialtop/campaigns" || fail "ID cache lacks $done_id"
grep -q "^truedy	$tid	Truedy list\$" "$dir/state/dialtop/campaigns" || fail "ID cache lacks $tid"
[ "$(stat -c %a "$dir/state/dialtop/campaigns")" = 600 ] || fail "ID cache is not mode 600"

# --- show ---------------------------------------------------------------------------
run 2 show; has err "name one campaign: its ID"
run 2 show "$done_id" --name "Done list"; has err "name one campaign"
run 0 show --name "Done list" --json; has out '"id":"'"$done_id"'"'
run 3 show --name "bulk*"; has err "matches 55 campaigns; name one"
run 3 contacts --name "Nobody" --csv "$dir/nobody.csv"; has err "no campaign on profile 'omni' matches"
[ ! -e "$dir/nobody.csv" ] || fail "a refused --name left a CSV file behind"
run 1 show 999999; has err "not_found"
run 0 show "$done_id"
has out "name             Done list"; has out "state            completed"; has out "raw record"
run 0 show "$done_id" --json
[ "$(wc -l <"$dir/out" | tr -d ' ')" -eq 1 ] || fail "show --json is not one line"
total=$(field total); no_answer=$(field no_answer)
[ "$total" -eq 120 ] || fail "show: total $total, want 120"
[ -n "$no_answer" ] && [ "$no_answer" -gt 0 ] || fail "show: no no_answer count"

# --- contacts -------------------------------------------------------------------------
run 2 contacts "$done_id" --state maybe; has err "not a contact state"
run 0 contacts "$done_id" --json
[ "$(wc -l <"$dir/out" | tr -d ' ')" -eq 120 ] || fail "contacts --json: want 120 lines (every page)"
run 0 contacts "$done_id" --state no_answer --json
[ "$(wc -l <"$dir/out" | tr -d ' ')" -eq "$no_answer" ] || fail "contacts --state no_answer: want $no_answer"
grep -v '"state":"no_answer"' "$dir/out" && fail "contacts --state let another state through"
run 0 contacts "$done_id" --state no_answer
has out "PHONE"; has out "no_answer"
# Truedy's list has no no_answer status to filter on: every row comes, the
# filter is applied here, and the count still equals the campaign's own
run 0 show "$tid" --profile truedy --json; t_total=$(field total)
run 0 contacts "$tid" --profile truedy --json
[ "$(wc -l <"$dir/out" | tr -d ' ')" -eq "$t_total" ] || fail "truedy contacts: want $t_total"
t_na=$(grep -c '"state":"no_answer"' "$dir/out")
run 0 contacts "$tid" --profile truedy --state no_answer --json
[ "$(wc -l <"$dir/out" | tr -d ' ')" -eq "$t_na" ] || fail "truedy --state no_answer: want $t_na"
# formula-safe CSV into a new private file, never over an existing one
fid=$(sim POST /_sim/campaigns '{"provider":"omnidim","name":"Formula","status":"paused","contacts":[{"phone_number":"+14155550101","note":"=HYPERLINK(\"http://x\")"}]}' |
    sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
run 0 contacts "$fid" --csv "$dir/f.csv"
[ "$(stat -c %a "$dir/f.csv")" = 600 ] || fail "contacts --csv file is not mode 600"
grep -q "'=HYPERLINK" "$dir/f.csv" || fail "a formula cell was not made text: $(cat "$dir/f.csv")"
echo keep >"$dir/exists.csv"
run 2 contacts "$fid" --csv "$dir/exists.csv"; has err "never overwritten"
[ "$(cat "$dir/exists.csv")" = keep ] || fail "an existing file was changed"
ln -s "$dir/exists.csv" "$dir/link.csv"
run 2 contacts "$fid" --csv "$dir/link.csv"
[ "$(cat "$dir/exists.csv")" = keep ] || fail "a symlink was followed"
run 1 contacts 999999 --csv "$dir/none.csv"
[ ! -e "$dir/none.csv" ] || fail "a failed export left a file behind"

# --- --watch: reprints until interrupted -------------------------------------------
"$DIALTOP_BIN" show "$paused_id" --json --watch 0.5 >"$dir/watch" 2>"$dir/watch.err" &
wpid=$!
i=0
while [ "$(cat "$dir/watch" 2>/dev/null | wc -l | tr -d ' ')" -lt 2 ]; do
    i=$((i + 1)); [ "$i" -gt 200 ] && { kill "$wpid"; fail "--watch did not print twice"; }
    sleep 0.05
done
kill -INT "$wpid"; wait "$wpid"; rc=$?
[ "$rc" -eq 0 ] || fail "--watch interrupted exited $rc"
grep -v '"name":"Held list"' "$dir/watch" && fail "--watch printed something else"
run 2 ls --watch 0
has err "--watch takes seconds"
echo "ok: cli read commands"
