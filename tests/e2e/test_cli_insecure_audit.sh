#!/bin/sh
# Issue 14's smaller promises, headless: `insecure = true` is stated on
# stderr and recorded in the audit line; a line says who acted; a failed
# first read is audited too; an audit log that is a symlink or writable by
# others is refused with the fix (and the action says so). Plain sh.
CLI_TEST_NAME=cli-insecure
CLI_WATCH_PROVIDER=omnidim
. "$(dirname "$0")/cli_lib.sh"

create() { # PROVIDER STATUS -> id
    sim POST /_sim/campaigns "{\"provider\":\"$1\",\"name\":\"e2e $1 $2\",\"status\":\"$2\",\"contacts\":4}" |
        sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
}
cat >>"$dir/config/dialtop/config" <<CFG

[profile insec]
provider = omnidim
base_url = $url
api_key_env = E2E_SIM_KEY
insecure = true
CFG

a=$(create omnidim active); [ -n "$a" ] || fail "cannot create a campaign"
run 0 pause "$a" --profile insec
has err "profile 'insec' has insecure = true: TLS certificates are not verified"
tail -n 1 "$audit" | grep -q '"insecure_tls":true' || fail "the audit line lacks insecure_tls"
tail -n 1 "$audit" | grep -q "\"by\":\"$(id -un)@" || fail "the audit line does not say who acted"
run 0 resume "$a"
grep -q "insecure" "$dir/err" && fail "a secure profile got the insecure notice"
tail -n 1 "$audit" | grep -q 'insecure_tls' && fail "a secure profile's line says insecure"

# a failed first read gets its line
n=$(audit_lines)
run 1 pause 999999
[ "$(audit_lines)" -eq $((n + 1)) ] || fail "a failed first read was not audited"
tail -n 1 "$audit" | grep -q '"outcome":"failed"' || fail "the unread line is not 'failed'"
tail -n 1 "$audit" | grep -q '"sent":false' || fail "the unread line says sent"

# a create says where its contacts came from, what was asked, the row counts
printf 'phone,name\n+14155550101,a\n+14155550102,b\nnope,c\n' >"$dir/list.csv"
run 0 import "$dir/list.csv" --profile truedy --name "Audit create" --allow-rejects --concurrency 3
line=$(tail -n 1 "$audit")
echo "$line" | grep -q '"action":"create"' || fail "no create line: $line"
echo "$line" | grep -q "\"source_file\":\"$dir/list.csv\"" || fail "create line lacks the file: $line"
echo "$line" | grep -q '"settings":"concurrency=3"' || fail "create line lacks the settings: $line"
echo "$line" | grep -q '"rows":{"read":3,"accepted":2,"rejected":1}' || fail "create line lacks the rows: $line"

# a log others can write: refused, with the fix, and the action says so
chmod 666 "$audit"
run 0 pause "$a"
has err "writable by others"
has err "chmod 600"
chmod 600 "$audit"
# a symlinked log: never followed
mv "$audit" "$dir/real.log"
ln -s "$dir/real.log" "$audit"
before=$(wc -l <"$dir/real.log")
run 0 resume "$a"
has err "symbolic link"
[ "$(wc -l <"$dir/real.log")" -eq "$before" ] || fail "the symlink was followed"
echo "ok: insecure notice and audit promises"
