#!/bin/sh
# Big lists end to end: a 300,000-contact import to Truedy ends with exactly
# the accepted contacts in the batch, each once, sent in chunks that fit the
# 16 MiB body and waiting out the provider's 429s (the sim's Truedy quota is
# shrunk to 10 requests per second so the test meets it in seconds, not
# minutes, and the test spends each window's rest on its own reads while
# the upload runs, so dialtop meets a 429 however slow its chunks are: under
# ASan on a loaded machine 15 of them once took longer than a 10 s window);
# an upload killed with -9 halfway is finished by `import --resume` with no contact twice (Truedy, which has no drafts, holds
# the half batch a week ahead until the whole list is in); OmniDim's draft never dials
# before the list is whole.
CLI_TEST_NAME=cli-big-upload
CLI_WATCH_PROVIDER=truedy
CLI_SIM_ARGS="--truedy-quota 10/1"
. "$(dirname "$0")/cli_lib.sh"

census() { sim GET "/_sim/campaigns/$1/$2/census"; }
# truedy PATH: the test's own read of Truedy's API, which counts against the
# same quota as dialtop's requests: a 429 is waited out (the window is 1 s),
# never taken for the answer.
truedy() {
    n=0
    while :; do
        code=$(curl -s -o "$dir/truedy.body" -w '%{http_code}' \
            -H "Authorization: Bearer $E2E_SIM_KEY" "$url/api/public/v1/$1")
        [ "$code" != 429 ] && break
        n=$((n + 1)); [ "$n" -gt 100 ] && fail "Truedy answered 429 for 10 s to GET $1"
        sleep 0.1
    done
    tr -d '\n ' <"$dir/truedy.body"
}
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p"; }

# N rows of distinct numbers, plus 3 a provider would never take
make_list() { # FILE N FIRST
    awk -v n="$2" -v first="$3" 'BEGIN {
        print "phone,first_name,city"
        for (i = 0; i < n; i++) printf "+1212%07d,Name %d,City %d\n", first + i, i, i % 97
        print "not a number,Bad,X"; print "12,Short,X"; print ",Empty,X"
    }' >"$1"
}

# --- 300,000 contacts to Truedy ---------------------------------------------
make_list "$dir/big.csv" 300000 2000000
"$DIALTOP_BIN" import "$dir/big.csv" --profile truedy --name "Big list" --allow-rejects --json \
    >"$dir/out" 2>"$dir/err" &
up=$!
# until the sim has refused dialtop itself (its 429s beyond the test's own),
# the test's reads use up whatever the current window has left
own=0
while kill -0 "$up" 2>/dev/null; do
    refused=$(sim GET /_sim/stats | sed -n 's/.*"truedy.quota":\([0-9]*\).*/\1/p')
    [ "${refused:-0}" -gt "$own" ] && break
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $E2E_SIM_KEY" \
        "$url/api/public/v1/batch-calls?limit=1")
    [ "$code" = 429 ] && { own=$((own + 1)); sleep 0.2; }
done
wait "$up"
rc=$?
[ "$rc" -eq 0 ] || fail "dialtop import of 300,000 contacts exited $rc, wanted 0"
has out '"accepted":300000'
has out '"confirmed":true'
has out '"contacts_uploaded":300000'
id=$(field campaign_id <"$dir/out")
[ -n "$id" ] || fail "no campaign id"
census truedy "$id" >"$dir/census" || fail "no census"
[ "$(field contacts <"$dir/census")" = 300000 ] || fail "batch holds: $(cat "$dir/census")"
[ "$(field distinct_phones <"$dir/census")" = 300000 ] || fail "duplicates: $(cat "$dir/census")"
sim GET /_sim/stats >"$dir/stats"
refused=$(sed -n 's/.*"truedy.quota":\([0-9]*\).*/\1/p' "$dir/stats")
[ "${refused:-0}" -gt "$own" ] ||
    fail "the quota never answered dialtop 429 (the test's own reads: $own): $(cat "$dir/stats")"
adds=$(sed -n 's/.*"truedy.add_contacts":\([0-9]*\).*/\1/p' "$dir/stats")
[ "$adds" -eq 29 ] || fail "expected 29 contact chunks after the create, saw $adds"

# --- killed halfway, resumed --------------------------------------------------
make_list "$dir/mid.csv" 100000 3000000
sim POST /_sim/faults '{"latency_ms":300}' >/dev/null || fail "cannot set latency"
"$DIALTOP_BIN" import "$dir/mid.csv" --profile truedy --name "Halfway" --allow-rejects \
    >"$dir/out" 2>"$dir/err" &
up=$!
i=0
until grep -q 'uploaded [3-9]0000 of 100000' "$dir/err"; do
    i=$((i + 1)); [ "$i" -gt 600 ] && fail "no progress to kill at"
    kill -0 "$up" 2>/dev/null || fail "the upload finished before it could be killed"
    sleep 0.05
done
kill -9 "$up"
wait "$up" 2>/dev/null
ls "$dir/state/dialtop/uploads/"*.journal >/dev/null 2>&1 || fail "no upload journal"
# Truedy has no drafts: the half-uploaded batch is held a week ahead, not dialing
start_in() { # seconds from now to the batch's scheduled_at
    at=$(truedy "batch-calls/$1" | sed -n 's/.*"scheduled_at":"\([^"]*\)".*/\1/p')
    [ -n "$at" ] || { echo none; return; }
    echo $(( $(date -d "$at" +%s) - $(date +%s) ))
}
held=$(truedy "batch-calls?limit=1" | sed -n 's/.*"data":\[{"id":"\([^"]*\)".*/\1/p')
census truedy "$held" >"$dir/census"
[ "$(field status <"$dir/census")" = scheduled ] || fail "half a batch is not held: $(cat "$dir/census")"
[ "$(start_in "$held")" -gt 518400 ] || fail "half a batch starts in $(start_in "$held") s"
# without --resume the same file to the same profile is refused, nothing sent
run 2 import "$dir/mid.csv" --profile truedy --name "Halfway again" --allow-rejects
has err "stopped at [0-9]* of 100000 contacts (campaign $held)"
sim POST /_sim/faults '{"latency_ms":0}' >/dev/null
run 0 import "$dir/mid.csv" --profile truedy --allow-rejects --resume --json
has out '"confirmed":true'
mid=$(field campaign_id <"$dir/out")
[ "$mid" = "$held" ] || fail "resumed $mid, not the held batch $held"
[ "$(start_in "$mid")" -lt 600 ] || fail "the whole batch was not released: starts in $(start_in "$mid") s"
census truedy "$mid" >"$dir/census"
[ "$(field contacts <"$dir/census")" = 100000 ] || fail "after resume: $(cat "$dir/census")"
[ "$(field distinct_phones <"$dir/census")" = 100000 ] || fail "sent twice: $(cat "$dir/census")"
run 2 import "$dir/mid.csv" --profile truedy --allow-rejects --resume
has err "already finished"

# --- a later start: held while it uploads, then moved to exactly that start
make_list "$dir/later.csv" 25000 5000000
run 0 import "$dir/later.csv" --profile truedy --name "Later" --allow-rejects --json \
    --at "2031-01-06 10:00" --tz America/New_York
later=$(field campaign_id <"$dir/out")
truedy "batch-calls/$later" >"$dir/later"
grep -q '"scheduled_at":"2031-01-06T15:00:00Z"' "$dir/later" || fail "not at its start: $(cat "$dir/later")"
grep -q '"timezone":"America/New_York"' "$dir/later" || fail "zone lost: $(cat "$dir/later")"

# --- OmniDim: a draft until the last chunk, then started ------------------------
make_list "$dir/omni.csv" 8000 4000000
sim POST /_sim/faults '{"latency_ms":300}' >/dev/null
"$DIALTOP_BIN" import "$dir/omni.csv" --profile omni --name "Omni big" --phone-number-id 5 \
    --allow-rejects >"$dir/out" 2>"$dir/err" &
up=$!
i=0
until grep -q 'uploaded [2-6]000 of 8000' "$dir/err"; do
    i=$((i + 1)); [ "$i" -gt 600 ] && fail "no OmniDim progress to kill at"
    kill -0 "$up" 2>/dev/null || fail "the OmniDim upload finished before it could be killed"
    sleep 0.05
done
kill -9 "$up"
wait "$up" 2>/dev/null
sim POST /_sim/faults '{"latency_ms":0}' >/dev/null
oid=$(curl -s -H "Authorization: Bearer $E2E_SIM_KEY" "$url/api/v1/calls/bulk_call?pagesize=1" |
    sed -n 's/.*"records":\[{"id":\([0-9]*\).*/\1/p')
[ -n "$oid" ] || fail "no OmniDim campaign"
census omnidim "$oid" >"$dir/census"
[ "$(field status <"$dir/census")" = draft ] || fail "half a list is not a draft: $(cat "$dir/census")"
[ "$(field calls_dialed <"$dir/census")" = 0 ] || fail "the draft dialed: $(cat "$dir/census")"
run 0 import "$dir/omni.csv" --profile omni --phone-number-id 5 --allow-rejects --resume
has out "created    campaign $oid"
census omnidim "$oid" >"$dir/census"
[ "$(field contacts <"$dir/census")" = 8000 ] || fail "OmniDim after resume: $(cat "$dir/census")"
[ "$(field distinct_phones <"$dir/census")" = 8000 ] || fail "OmniDim twice: $(cat "$dir/census")"
[ "$(field status <"$dir/census")" != draft ] || fail "the draft was not started"
# --- 30% of requests fail (500 after the change, or before it): every chunk
# in doubt is read back, never sent twice; --resume finishes what stops
make_list "$dir/flaky.csv" 20000 6000000
sim POST /_sim/faults '{"fail_rate":0.3}' >/dev/null
"$DIALTOP_BIN" import "$dir/flaky.csv" --profile omni --name "Flaky" --phone-number-id 5 \
    --allow-rejects >"$dir/out" 2>"$dir/err"
tries=0
until grep -q "created    campaign" "$dir/out"; do
    tries=$((tries + 1)); [ "$tries" -gt 10 ] && fail "the flaky upload never finished"
    "$DIALTOP_BIN" import "$dir/flaky.csv" --profile omni --phone-number-id 5 --allow-rejects \
        --resume >"$dir/out" 2>"$dir/err"
done
sim POST /_sim/faults '{"fail_rate":0}' >/dev/null
fid=$(sed -n 's/^created    campaign \([0-9]*\),.*/\1/p' "$dir/out")
census omnidim "$fid" >"$dir/census"
[ "$(field contacts <"$dir/census")" = 20000 ] || fail "flaky upload holds: $(cat "$dir/census")"
[ "$(field distinct_phones <"$dir/census")" = 20000 ] || fail "sent twice: $(cat "$dir/census")"

# the same file again: a script cannot be asked, it is told
run 0 import "$dir/omni.csv" --profile omni --name "Omni again" --phone-number-id 5 --allow-rejects
has err "already imported to profile omni (campaign $oid)"
echo "ok"
