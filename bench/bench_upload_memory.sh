#!/bin/sh
# Upload memory: `dialtop import FILE --name X` (headless, no --dry-run)
# creating a campaign from a generated contact file (gen_contacts.py: 8
# columns, 7 of them context variables) against a local dialtop-sim, on
# each dialect, after the same import alone (--dry-run) for comparison.
# Prints dialtop's peak RSS (GNU time's maxrss) against the file size, the
# wall time and what the console reported.
#
# The contacts are read from the import one at a time and streamed into
# the request body, so the peak should be the import store plus one body
# of one chunk (OmniDim: a draft and add_contacts of 1,000; Truedy: 10,000
# a call, paced under its 100 requests a minute, which the sim enforces;
# Sarvam: 1,000 per cohort).
#
# env: BENCH_UPLOAD_ROWS (default "200000 1000000"), DIALTOP_BIN,
#      DIALTOP_SIM_BIN, BENCH_BASELINE_BIN (another dialtop build, e.g. the
#      one before streaming, measured beside DIALTOP_BIN in the same run)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=${DIALTOP_BIN:-$top/build/dialtop}
SIM=${DIALTOP_SIM_BIN:-$top/build/dialtop-sim}
ROWS_LIST=${BENCH_UPLOAD_ROWS:-200000 1000000}
BASE=${BENCH_BASELINE_BIN:-}
[ -x "$BIN" ] || { echo "bench_upload_memory: build dialtop first (make)"; exit 1; }
[ -x "$SIM" ] || { echo "bench_upload_memory: $SIM not built (make)"; exit 1; }
[ -x /usr/bin/time ] || { echo "bench_upload_memory: /usr/bin/time not found"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/dialtop-bench.XXXXXX")
KEY=bench-upload-key
export BENCH_UPLOAD_KEY=$KEY
# No --state: the sim keeps the created campaigns in memory only.
DIALTOP_SIM_API_KEY=$KEY "$SIM" --listen 127.0.0.1:0 >"$work/sim.out" 2>"$work/sim.err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT INT TERM
i=0
while ! grep -q '^listening on ' "$work/sim.out" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
        echo "bench_upload_memory: the sim did not start:"; cat "$work/sim.err"; exit 1
    fi
    sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$work/sim.out" | head -n 1)

cfg="$work/config"
for d in omnidim truedy sarvam; do
    printf '[profile %s]\nprovider = %s\nbase_url = %s\napi_key_env = BENCH_UPLOAD_KEY\n' \
        "$d" "$d" "$url"
    [ "$d" = sarvam ] && printf 'org_id = bench\nworkspace_id = bench\n'
    echo
done >"$cfg"
chmod 600 "$cfg"
export XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/xdg"

# run LABEL BIN FILE DIALECT: one upload, one figure line
run() {
    label=$1 bin=$2 file=$3 d=$4
    size=$(wc -c <"$file")
    extra="--profile $d"
    [ "$d" = omnidim ] && extra="$extra --phone-number-id 1"
    [ "$d" = dry-run ] && extra="--dry-run" # the import alone, no request
    # shellcheck disable=SC2086 # $extra is one flag and its value, or nothing
    /usr/bin/time -f "%e %M" -o "$work/t" "$bin" import "$file" --name "Bench upload" \
        --config "$cfg" --region US --allow-rejects $extra \
        >"$work/out" 2>"$work/err"
    rc=$?
    # time puts "Command exited with non-zero status N" first when it fails
    read -r wall kb <<-EOT
	$(tail -n 1 "$work/t")
	EOT
    said=$(grep -E 'upload failed|uploaded [0-9]+ of' "$work/err" | tail -n 1 | cut -c1-150)
    [ "$d" = dry-run ] && said="import only: $(grep -m1 -E 'accepted' "$work/out" | sed 's/^ *//')"
    awk -v l="$label" -v d="$d" -v kb="$kb" -v sz="$size" -v w="$wall" -v rc="$rc" -v s="$said" \
        'BEGIN { printf "upload_memory %-8s %-7s file %6.1f MB  peak %7.1f MB  (%.2fx file)" \
                        "  %6ss  exit %d: %s\n",
                 l, d, sz / 1e6, kb / 1024, kb * 1024 / sz, w, rc, s }'
}

for rows in $ROWS_LIST; do
    file="$work/contacts-$rows.csv"
    python3 "$top/bench/gen_contacts.py" "$file" "$rows" || exit 1
    cat "$file" >/dev/null
    echo "-- $rows rows"
    run current "$BIN" "$file" dry-run
    for d in omnidim truedy sarvam; do
        [ -n "$BASE" ] && run baseline "$BASE" "$file" "$d"
        run current "$BIN" "$file" "$d"
    done
    rm -f "$file"
done
