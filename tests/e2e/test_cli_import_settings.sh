#!/bin/sh
# `dialtop import` with campaign settings against a real dialtop-sim:
# --hours, --days, --max-calls-per-day, --retry-schedule reach each
# provider in its own fields (read back with the provider's GET), and a
# bad or unoffered setting is refused with its reason before any request
# (exit 2, as for a bad --concurrency). Plain sh: no console.
CLI_TEST_NAME=cli-import-settings
CLI_WATCH_PROVIDER=truedy
. "$(dirname "$0")/cli_lib.sh"

requests_total() { sim GET /_sim/stats | sed -n 's/.*"requests_total":\([0-9]*\).*/\1/p'; }
nothing_sent() {
    want=$1; shift
    before=$(requests_total)
    run "$want" "$@"
    after=$(requests_total)
    [ "$after" -eq $((before + 1)) ] || fail "dialtop $* sent $((after - before - 1)) request(s)"
}
# get PATH: the provider's own GET of a campaign, with the profile's key
get() {
    curl -s -f -H "Authorization: Bearer $E2E_SIM_KEY" -H "X-API-Key: $E2E_SIM_KEY" "$url$1" >"$dir/got" ||
        fail "cannot read $1 back"
}
got_has() { grep -q -- "$1" "$dir/got" || fail "read back lacks $1: $(cat "$dir/got")"; }
campaign_id() { sed -n 's/.*"campaign_id":"\([^"]*\)".*/\1/p' "$dir/out"; }

printf 'phone,first_name\n+14155550101,Ann\n+14155550102,Bob\n' >"$dir/list.csv"

# refusals: a typo in a setting, and a setting the provider does not take
nothing_sent 2 import "$dir/list.csv" --profile truedy --name "Bad" --hours 25:00-26:00
has err "working hours must look like 09:00-18:00"
nothing_sent 2 import "$dir/list.csv" --profile truedy --name "Bad" --hours 18:00-09:00
has err "the window must start before it ends"
nothing_sent 2 import "$dir/list.csv" --profile sarvam --name "Bad" --days mon,fr1
has err "unknown day 'fr1'; use mon..sun, ranges like mon-fri, or all"
nothing_sent 2 import "$dir/list.csv" --profile sarvam --name "Capped" --max-calls-per-day 10
has err "Sarvam's create takes no daily-cap setting"
nothing_sent 2 import "$dir/list.csv" --profile omni --name "Hours" --phone-number-id 5 --hours 09:00-17:00
has err "OmniDimension's create takes no working-hours setting"
nothing_sent 2 import "$dir/list.csv" --profile omni --name "Sched" --phone-number-id 5 --retry-schedule next_day
has err "a retry schedule needs a retry limit"
nothing_sent 2 import "$dir/list.csv" --profile omni --name "Sched" --phone-number-id 5 --retry-limit 2 --retry-schedule 0h
has err "the retry delay must be 1 to 720 hours"
nothing_sent 2 import "$dir/list.csv" --profile truedy --name "Cap" --max-calls-per-day 0
has err "max-calls-per-day needs a number"
[ "$(audit_lines)" -eq 0 ] || fail "refusals before the upload wrote audit lines"

# Truedy: window, days and daily cap in the zone given without a start time
run 0 import "$dir/list.csv" --profile truedy --name "Office hours" --hours 9:00-17:30 \
    --days mon-fri --max-calls-per-day 40 --tz America/Chicago
has out "settings   hours 9:00-17:30; days mon-fri; at most 40 calls a day"
run 0 import "$dir/list.csv" --profile truedy --name "Office hours" --hours 9:00-17:30 \
    --days mon-fri --max-calls-per-day 40 --tz America/Chicago --json
id=$(campaign_id); [ -n "$id" ] || fail "no campaign id in the JSON"
get "/api/public/v1/batch-calls/$id"
got_has '"start_time":"09:00"'
got_has '"end_time":"17:30"'
got_has '"working_days":\[1,2,3,4,5\]'
got_has '"max_calls_per_day":40'
got_has '"timezone":"America/Chicago"'

# Sarvam: allowed_schedule with the day names
run 0 import "$dir/list.csv" --profile sarvam --name "Weekend wave" --hours 10:00-16:00 \
    --days sat,sun --at "2031-03-01 10:00" --tz Asia/Kolkata --json
id=$(campaign_id); [ -n "$id" ] || fail "no campaign id in the JSON"
get "/api/scheduling/v1/orgs/org1/workspaces/ws1/campaigns/$id"
got_has '"allowed_schedule":{"allowed_start_time":"10:00","allowed_end_time":"16:00","allowed_days":\["Saturday","Sunday"\],"timezone":"Asia/Kolkata"}'

# OmniDim: a retry 30 hours later is one day and six hours
run 0 import "$dir/list.csv" --profile omni --name "Retry later" --phone-number-id 5 \
    --retry-limit 2 --retry-schedule 30h --json
id=$(campaign_id); [ -n "$id" ] || fail "no campaign id in the JSON"
get "/api/v1/calls/bulk_call/$id"
got_has '"retry_config":{"auto_retry":true,"auto_retry_schedule":"scheduled_time","retry_schedule_days":1,"retry_schedule_hours":6,"retry_limit":2}'
[ "$(audit_lines)" -eq 4 ] || fail "want one audit line per create, have $(audit_lines)"
echo "ok"
