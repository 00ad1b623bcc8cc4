#!/bin/bash
#
# metrics.sh: /metrics and /healthz of a real aspirasid on a real
# PostgreSQL.  Checks:
#   - /metrics is Prometheus text, parsed strictly here (every line a
#     comment, blank, or name{labels} value; every sample's family has a
#     TYPE; histogram buckets non-decreasing, +Inf equal to _count);
#   - between a scrape before and one after some SMS, a retried SMS, USSD
#     sessions (one filing a complaint, one silent past ussd.timeout, one
#     dropped and continued), delivery reports and bad requests, every
#     counter moved by exactly what was sent, and the gauges from the
#     database equal what SQL counts;
#   - the sender's counters when sendsms cannot be reached and when Kannel
#     takes the message;
#   - /healthz: 200 with the database; 503 naming sendsms when its port is
#     closed; 200 "sendsms ok" with real Kannel, kept 5 s, then 503 once
#     smsbox is gone and 200 again when it is back; 503 naming the database
#     when PostgreSQL refuses the daemon's connections, and 200 again when
#     it takes them.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 66

DB=aspirasi_metrics
CONF="$ASP_TMP/aspirasi.conf"
A=+6281234567890
B=+6285712345678
C=+6281398765432

# check NAME STATUS: passes when STATUS is 0.
check()
{
    if [ "$2" -eq 0 ]; then ok "$1"; else not_ok "$1" "status $2"; fi
}

# get URL: sets CODE, BODY (as received, final newline kept) and CTYPE.
get()
{
    CODE=$(curl -s -o "$ASP_TMP/get.body" -D "$ASP_TMP/get.headers" -w '%{http_code}' \
        --max-time 10 "$1")
    BODY=$(cat "$ASP_TMP/get.body"; echo x)
    BODY=${BODY%x}
    CTYPE=$(tr -d '\r' <"$ASP_TMP/get.headers" | sed -n 's/^[Cc]ontent-[Tt]ype: //p')
}

# prom_parse: reads Prometheus text on stdin; prints "line N: why: LINE"
# for each line that breaks the format and exits 1 if any did.  Strict:
# a sample is name{label="value",...} value [timestamp], label values use
# only the escapes \\ \" \n, no label twice, no trailing comma; every
# sample belongs to a family with one TYPE given before its samples (for a
# histogram: name_bucket with le, name_sum, name_count); no series twice;
# counters end in _total and are not negative; for each histogram series
# the buckets come in increasing le with non-decreasing counts, end with
# le="+Inf", and +Inf equals _count, and _sum is there.
prom_parse()
{
    awk '
    function fail(why) { printf "line %d: %s: %s\n", NR, why, $0; bad = 1 }
    function number_ok(v) {
        return v ~ /^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/ ||
            v ~ /^[-+]?Inf$/ || v == "NaN"
    }
    # Splits a sample line into sname, slabels (without le), sle, svalue.
    function sample(line,    rest, i, n, c, d, key, val, seen, first) {
        if (!match(line, /^[a-zA-Z_:][a-zA-Z0-9_:]*/))
            return "bad metric name"
        sname = substr(line, 1, RLENGTH)
        rest = substr(line, RLENGTH + 1)
        slabels = ""; sle = ""
        split("", seen)
        if (substr(rest, 1, 1) == "{") {
            i = 2; n = length(rest); first = 1
            while (1) {
                if (first && substr(rest, i, 1) == "}") { i++; break }
                first = 0
                if (!match(substr(rest, i), /^[a-zA-Z_][a-zA-Z0-9_]*="/))
                    return "bad label name"
                key = substr(rest, i, RLENGTH - 2)
                i += RLENGTH
                val = ""
                while (1) {
                    if (i > n)
                        return "unterminated label value"
                    c = substr(rest, i, 1)
                    if (c == "\\") {
                        d = substr(rest, i + 1, 1)
                        if (d != "\\" && d != "\"" && d != "n")
                            return "bad escape in a label value"
                        val = val c d; i += 2; continue
                    }
                    if (c == "\"") { i++; break }
                    val = val c; i++
                }
                if (key in seen)
                    return "label " key " twice"
                seen[key] = 1
                if (key == "le")
                    sle = val
                else
                    slabels = slabels (slabels == "" ? "" : ",") key "=\"" val "\""
                c = substr(rest, i, 1); i++
                if (c == "}") break
                if (c != ",") return "bad label list"
            }
            rest = substr(rest, i)
        }
        if (rest !~ /^ [^ ]+( -?[0-9]+)?$/)
            return "bad value part"
        svalue = substr(rest, 2)
        sub(/ .*/, "", svalue)
        if (!number_ok(svalue))
            return "bad value"
        return ""
    }
    # le as a number, +Inf above everything.
    function le_num(v) { return v == "+Inf" ? 1e308 : v + 0 }

    /^$/ { next }
    /^# HELP / {
        if (NF < 3 || $3 !~ /^[a-zA-Z_:][a-zA-Z0-9_:]*$/) { fail("bad HELP"); next }
        if ($3 in help) fail("second HELP")
        help[$3] = 1
        next
    }
    /^# TYPE / {
        if (NF != 4 || $3 !~ /^[a-zA-Z_:][a-zA-Z0-9_:]*$/ ||
            $4 !~ /^(counter|gauge|histogram|summary|untyped)$/) { fail("bad TYPE"); next }
        if ($3 in type) fail("second TYPE")
        if ($3 in sampled) fail("TYPE after samples")
        type[$3] = $4
        next
    }
    /^#/ { next }
    {
        why = sample($0)
        if (why != "") { fail(why); next }
        fam = sname; suffix = ""
        if (!(fam in type) && match(sname, /_(bucket|sum|count)$/)) {
            fam = substr(sname, 1, RSTART - 1)
            suffix = substr(sname, RSTART + 1)
        }
        if (!(fam in type)) { fail("no TYPE for its family"); next }
        sampled[fam] = 1
        t = type[fam]
        if (t == "histogram" && suffix == "") { fail("histogram sample without suffix"); next }
        if (t != "histogram" && t != "summary" && suffix != "") { fail("suffix on a " t); next }
        if (sle != "" && suffix != "bucket") { fail("le outside a bucket"); next }
        if (t == "counter" && (sname !~ /_total$/ || svalue + 0 < 0 || svalue == "NaN"))
            fail("counter not named _total or negative")
        id = sname "{" slabels (sle != "" ? ",le=" sle : "") "}"
        if (id in series) fail("series twice")
        series[id] = 1
        key = fam "{" slabels "}"
        if (t == "histogram") {
            hist[key] = 1
            if (suffix == "bucket") {
                if (sle == "" || !number_ok(sle)) { fail("bucket without a valid le"); next }
                if ((key in lastle) && le_num(sle) <= lastle[key]) fail("le not increasing")
                if ((key in lastc) && svalue + 0 < lastc[key]) fail("bucket count decreasing")
                if (key in inf) fail("bucket after +Inf")
                lastle[key] = le_num(sle); lastc[key] = svalue + 0
                if (sle == "+Inf") inf[key] = svalue + 0
            } else if (suffix == "count") {
                cnt[key] = svalue + 0
            } else {
                sum[key] = 1
            }
        }
    }
    END {
        for (k in hist) {
            if (!(k in inf)) { printf "histogram %s: no +Inf bucket\n", k; bad = 1 }
            else if (!(k in cnt) || cnt[k] != inf[k]) {
                printf "histogram %s: +Inf bucket %s, _count %s\n", k, inf[k], cnt[k]; bad = 1
            }
            if (!(k in sum)) { printf "histogram %s: no _sum\n", k; bad = 1 }
        }
        exit bad
    }'
}

# scrape FILE: GET /metrics into FILE; returns 1 unless 200.
scrape()
{
    get "$ASP_URL/metrics"
    printf '%s' "$BODY" >"$1"
    [ "$CODE" = 200 ]
}

# value FILE SERIES: the value of SERIES (name{labels} as written) in
# FILE, 0 when absent.
value()
{
    awk -v s="$2" 'substr($0, 1, length(s) + 1) == s " " { v = substr($0, length(s) + 2) }
        END { print (v == "" ? 0 : v) }' "$1"
}

# delta SERIES: its value after minus before.
delta()
{
    echo $(($(value "$ASP_TMP/m1" "$1") - $(value "$ASP_TMP/m0" "$1")))
}

# ussd SESSION PHONE TEXT: one POST /ussd; sets $screen and $code.
ussd()
{
    asp_ussd "$@"
    steps=$((steps + 1))
}

# healthz_until WANT_CODE SECONDS: polls /healthz until it answers
# WANT_CODE; returns 1 after SECONDS.
healthz_until()
{
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        get "$ASP_URL/healthz"
        [ "$CODE" = "$1" ] && return 0
        sleep 0.1
    done
    return 1
}

# wait_sql SQL WANT SECONDS: polls until the query answers WANT.
wait_sql()
{
    local i got
    for ((i = 0; i < $3 * 10; i++)); do
        got=$(asp_psql "$1")
        [ "$got" = "$2" ] && return 0
        sleep 0.1
    done
    echo "# waited $3 s for \"$1\" to be $2; it is $got"
    return 1
}

asp_createdb "$DB"
asp_write_config "$CONF" 'quiet_hours = "";'
asp_migrate "$CONF" || asp_bail "aspirasictl migrate failed"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"

# ---- /healthz and /metrics answer -------------------------------------------
get "$ASP_URL/healthz"
is "$CODE $BODY" "200 database ok"$'\n'"sendsms not configured"$'\n' \
    "/healthz: 200, database ok, sendsms not configured"
scrape "$ASP_TMP/m0"
is "$CODE" 200 "GET /metrics: 200"
is "$CTYPE" "text/plain; version=0.0.4; charset=utf-8" "GET /metrics: Prometheus' content type"
why=$(prom_parse <"$ASP_TMP/m0")
check "the first scrape parses strictly as Prometheus text" $?
[ -z "$why" ] || echo "$why" | sed 's/^/# /'

# The parser itself refuses what breaks the format.
bad=0
for t in 'x_total 1' $'# TYPE x_total counter\nx_total{a="1",} 1' \
    $'# TYPE x_total counter\nx_total{a="\\t"} 1' $'# TYPE x counter\nx 1' \
    $'# TYPE x_total counter\nx_total 1\nx_total 2' $'# TYPE x_total counter\nx_total one' \
    $'# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1' \
    $'# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 3' \
    $'# TYPE h histogram\nh_bucket{le="2"} 1\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1' \
    $'# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1' \
    $'x_total 1\n# TYPE x_total counter'; do
    printf '%s\n' "$t" | prom_parse >/dev/null && { bad=1; echo "# accepted: $t"; }
done
printf '# HELP x_total a "help" \\\\ text\n# TYPE x_total counter\nx_total{a="q\\"\\\\\\n",b=""} 1 1700000000000\n' |
    prom_parse >/dev/null || { bad=1; echo "# refused a valid text"; }
check "the parser of this test refuses broken texts and takes a valid one" $bad

# ---- traffic ------------------------------------------------------------------
sms_new=0 answered=0
for t in "ADUAN lampu jalan mati di Desa Sooko RT 3" "STATUS 1234567" "AGENDA" "halo selamat pagi"; do
    sms_new=$((sms_new + 1))
    get "$(asp_mo_url id=m-$sms_new from=$A to=1234 text="$t")"
    [ "$CODE" = 200 ] && [ -n "$BODY" ] && answered=$((answered + 1))
done
is "$answered" "$sms_new" "$sms_new SMS answered"
reply=$(curl -s "$(asp_mo_url id=m-1 from=$A to=1234 text="ADUAN lampu jalan mati di Desa Sooko RT 3")")
like "$reply" "[0-9]{7}" "a retried MO gets its first reply"

steps=0
ussd u1 "$A" ""
ussd u1 "$A" "2"
ussd u1 "$A" "2*1"
ussd u1 "$A" "2*1*lampu jalan mati"
ussd u1 "$A" "2*1*lampu jalan mati*1"
like "$screen" "^END .*[0-9]{7}" "a complaint filed by USSD ends the session"
ussd u1 "$A" "2*1*lampu jalan mati*1"
like "$screen" "^END " "a retried USSD step gets its first screen"
ussd u2 "$B" ""
ussd u2 "$B" "1"
asp_psql "UPDATE ussd_sessions SET updated_at = now() - interval '1 hour' WHERE id = 'http:u2'" >/dev/null
ussd u2 "$B" "1*4"
is "$code" 200 "a step after ussd.timeout is answered"
ussd u3 "$C" ""
ussd u3 "$C" "3"
asp_psql "UPDATE ussd_sessions SET updated_at = now() - interval '200 seconds' WHERE id = 'http:u3'" \
    >/dev/null
ussd u4 "$C" ""
like "$screen" "^CON Lanjutkan" "a redial after a drop is offered to continue"
ussd u4 "$C" "1"
like "$screen" "^CON Ketik no tiket" "and continues where it was"

oid=$(asp_psql "INSERT INTO outbox (msisdn, body, coding, kind, urgent)
                VALUES ('$B', 'Aduan 1234567: Sedang diproses', 0, 'notification', true)
                RETURNING id")
dlr=0
for type in 8 1; do
    out=$(curl -s -w ' %{http_code}' "$ASP_URL/kannel/dlr?id=$oid&type=$type&smsc_reply=ok&secret=$ASP_SECRET")
    is "$out" $'ok\n 200' "a delivery report of type $type is stored"
    dlr=$((dlr + 1))
done

# Error answers, one of each: route and status.
errors=(
    "$(asp_mo_url id=bad-1 text=halo)|mo|400"
    "$ASP_URL/kannel/dlr?id=$oid&type=1&secret=wrong-secret|dlr|403"
    "$ASP_URL/kannel/dlr?id=999999&type=1&secret=$ASP_SECRET|dlr|404"
    "$ASP_URL/api/v1/tickets|api|401"
    "$ASP_URL/nope|other|404"
)
bad=""
for e in "${errors[@]}"; do
    IFS='|' read -r url route status <<<"$e"
    get "$url"
    [ "$CODE" = "$status" ] || bad+="$route: $CODE, not $status; "
done
is "$bad" "" "the bad requests get 400, 403, 404, 401 and 404"
dlr=$((dlr + 1)) # the report of an unknown row goes through the intake too

scrape "$ASP_TMP/m1"
is "$CODE" 200 "the second scrape: 200"
why=$(prom_parse <"$ASP_TMP/m1")
check "the second scrape parses strictly as Prometheus text" $?
[ -z "$why" ] || echo "$why" | sed 's/^/# /'

# ---- counters moved by exactly what was sent ----------------------------------
bad=""
sum=0
while IFS='|' read -r channel intent n; do
    [ "$intent" = ussd ] && intent=menu
    s="aspirasi_messages_in_total{channel=\"$channel\",intent=\"$intent\"}"
    [ "$(delta "$s")" = "$n" ] || bad+="$s moved $(delta "$s"), the database has $n; "
done < <(asp_psql "SELECT channel, intent, count(*) FROM messages GROUP BY 1, 2")
for s in $(grep -o '^aspirasi_messages_in_total{[^}]*}' "$ASP_TMP/m1"); do
    sum=$((sum + $(delta "$s")))
done
is "$bad" "" "messages in by channel and intent moved as the database counts them"
is "$sum" $((sms_new + steps - 1)) "and in all by the $sms_new new SMS and $((steps - 1)) new USSD steps"
is "$(delta 'aspirasi_messages_duplicate_total{channel="sms"}') $(delta 'aspirasi_messages_duplicate_total{channel="ussd"}')" \
    "1 1" "a retried SMS and a retried USSD step count as duplicates"
is "$(delta 'aspirasi_replies_out_total{channel="sms"}') $(delta 'aspirasi_replies_out_total{channel="ussd"}')" \
    "$((sms_new + 1)) $steps" "replies out by channel: every answer, retries included"
is "$(delta 'aspirasi_reply_latency_seconds_count{channel="sms"}') $(delta 'aspirasi_reply_latency_seconds_count{channel="ussd"}')" \
    "$((sms_new + 1)) $steps" "the latency histograms observed each reply"
is "$(value "$ASP_TMP/m1" 'aspirasi_reply_latency_seconds_bucket{channel="sms",le="+Inf"}')" \
    "$(value "$ASP_TMP/m1" 'aspirasi_reply_latency_seconds_count{channel="sms"}')" \
    "+Inf bucket equals _count"
lat=$(awk '/^aspirasi_reply_latency_seconds_sum\{channel="ussd"\} / { print ($2 > 0 && $2 < 60) }' \
    "$ASP_TMP/m1")
is "$lat" 1 "the latency sum is a plausible number of seconds"
is "$(delta 'aspirasi_ussd_sessions_started_total') $(delta 'aspirasi_ussd_sessions_ended_total')" \
    "4 1" "USSD sessions: 4 started (one a redial offered to continue), 1 ended"
is "$(delta 'aspirasi_ussd_sessions_timed_out_total') $(delta 'aspirasi_ussd_sessions_resumed_total')" \
    "1 1" "USSD sessions: 1 came back after ussd.timeout, 1 dropped one continued"
is "$(delta 'aspirasi_dlr_total{type="smsc_accepted"}') $(delta 'aspirasi_dlr_total{type="delivered"}') $(delta 'aspirasi_dlr_total{type="undeliverable"}')" \
    "1 1 0" "delivery reports by type (not the one of an unknown row)"
bad=""
for e in "${errors[@]}"; do
    IFS='|' read -r url route status <<<"$e"
    s="aspirasi_http_errors_total{route=\"$route\",code=\"$status\"}"
    [ "$(delta "$s")" = 1 ] || bad+="$s moved $(delta "$s"); "
done
is "$bad" "" "each error answer counted once by route and status"
total=0
for s in $(grep -o '^aspirasi_http_errors_total{[^}]*}' "$ASP_TMP/m1"); do
    total=$((total + $(delta "$s")))
done
is "$total" ${#errors[@]} "and nothing else counted as an error"
is "$(delta 'aspirasi_intake_batch_size_sum')" $((sms_new + 1 + steps + dlr)) \
    "the intake batches hold every MO, USSD step and report"
is "$(delta 'aspirasi_db_errors_total{component="intake"}')" 0 "no database error in the intake"
parts=""
for part in read replies write commit; do
    parts+="$(delta "aspirasi_intake_batch_seconds_count{part=\"$part\"}") "
done
n=$(delta 'aspirasi_intake_batch_size_count')
is "$parts" "$n $n $n $n " "each batch, run in one pass, is timed in its four parts"
is "$(awk '$1 == "aspirasi_intake_batch_seconds_sum{part=\"commit\"}" { print ($2 > 0) }' "$ASP_TMP/m1")" 1 \
    "the COMMITs took time"

# ---- gauges ---------------------------------------------------------------------
bad=""
for state in queued sending accepted delivered failed cancelled opted_out; do
    want=$(asp_psql "SELECT count(*) FROM outbox WHERE state = '$state'")
    got=$(value "$ASP_TMP/m1" "aspirasi_outbox_messages{state=\"$state\"}")
    [ "$got" = "$want" ] || bad+="$state: $got, SQL $want; "
done
is "$bad" "" "outbox gauges equal the SQL counts by state"
is "$(value "$ASP_TMP/m1" 'aspirasi_outbox_messages{state="queued"}') $(value "$ASP_TMP/m1" 'aspirasi_outbox_messages{state="delivered"}')" \
    "1 1" "the USSD receipt waits, the reported row is delivered"
is "$(value "$ASP_TMP/m1" aspirasi_ussd_sessions_active)" \
    "$(asp_psql "SELECT count(*) FROM ussd_sessions WHERE NOT ended
                 AND updated_at > now() - interval '180 seconds'")" \
    "USSD sessions active equals the SQL count"
is "$(value "$ASP_TMP/m1" aspirasi_ussd_sessions_active)" 2 "two sessions are open"
is "$(value "$ASP_TMP/m1" 'aspirasi_ussd_sessions_last_day{state="active"}')" 2 \
    "the sessions of the last day: the two active ones"
# One session left for longer than ussd.timeout: abandoned, no longer active.
asp_psql "UPDATE ussd_sessions SET updated_at = now() - interval '10 minutes'
          WHERE id = (SELECT min(id) FROM ussd_sessions WHERE NOT ended)" >/dev/null
scrape "$ASP_TMP/m1b"
is "$(value "$ASP_TMP/m1b" 'aspirasi_ussd_sessions_last_day{state="active"}') $(value "$ASP_TMP/m1b" 'aspirasi_ussd_sessions_last_day{state="abandoned"}') $(value "$ASP_TMP/m1b" aspirasi_ussd_sessions_active)" \
    "1 1 1" "a session idle past ussd.timeout counts as abandoned"
asp_psql "UPDATE ussd_sessions SET updated_at = now() WHERE NOT ended" >/dev/null
is "$(value "$ASP_TMP/m1" aspirasi_intake_workers) $(value "$ASP_TMP/m1" aspirasi_api_workers)" \
    "2 2" "intake workers (db.pool) and API workers (api.threads)"
is "$(value "$ASP_TMP/m1" aspirasi_intake_workers_busy) $(value "$ASP_TMP/m1" aspirasi_intake_queued_jobs)" \
    "0 0" "an idle daemon: no intake worker busy, no job queued"
missing=""
for f in aspirasi_messages_in_total aspirasi_messages_duplicate_total aspirasi_replies_out_total \
    aspirasi_reply_latency_seconds aspirasi_outbox_sends_total aspirasi_sendsms_errors_total \
    aspirasi_dlr_total aspirasi_outbox_messages aspirasi_ussd_sessions_started_total \
    aspirasi_ussd_sessions_ended_total aspirasi_ussd_sessions_timed_out_total \
    aspirasi_ussd_sessions_resumed_total aspirasi_ussd_sessions_active aspirasi_http_errors_total \
    aspirasi_db_errors_total aspirasi_intake_workers aspirasi_intake_workers_busy \
    aspirasi_intake_queued_jobs aspirasi_intake_batch_size aspirasi_intake_batch_seconds \
    aspirasi_api_workers; do
    grep -q "^# TYPE $f " "$ASP_TMP/m1" || missing+="$f "
done
is "$missing" "" "every family is there with its TYPE"

# ---- sendsms unreachable: 503, and the sender counts its failures ---------------
CLOSED=$(asp_free_port)
asp_write_config "$ASP_TMP/closed.conf" 'quiet_hours = "";' \
    "sendsms = { url = \"http://127.0.0.1:$CLOSED/cgi-bin/sendsms?username=u&password=closed-port-pw\"; backoff = 600; };"
asp_start_daemon "$ASP_TMP/closed.conf" || asp_bail "the second aspirasid did not start"
CLOSED_PID=$ASP_DAEMON_PID
get "$ASP_URL/healthz"
is "$CODE $BODY" "503 database ok"$'\n'"sendsms unreachable"$'\n' \
    "sendsms.url on a closed port: 503 naming sendsms"
wait_sql "SELECT attempts || ' ' || state FROM outbox WHERE kind = 'receipt'" "1 queued" 15
check "the receipt is tried once and queued again" $?
scrape "$ASP_TMP/m2"
is "$(value "$ASP_TMP/m2" 'aspirasi_outbox_sends_total{kind="receipt",result="retry"}') $(value "$ASP_TMP/m2" 'aspirasi_sendsms_errors_total{kind="connect"}')" \
    "1 1" "the sender counts one retry, for a connection refused"
is "$(value "$ASP_TMP/m2" 'aspirasi_outbox_sends_total{kind="receipt",result="accepted"}')" 0 "and nothing accepted"
_asp_stop "$CLOSED_PID" aspirasid 30 >/dev/null
asp_psql "UPDATE outbox SET next_attempt_at = now() WHERE kind = 'receipt'" >/dev/null

# ---- sendsms reachable: real Kannel ------------------------------------------------
# Without a journal, so that an MO while the database is down is answered
# 503 (journal.sh covers the journal).
asp_write_config "$ASP_TMP/aspirasi3.conf" 'quiet_hours = "";' 'journal = { dir = ""; };'
asp_start_kannel || asp_bail "Kannel did not start"
ASPIRASI_SENDSMS_URL="http://127.0.0.1:$ASP_SENDSMS_PORT/cgi-bin/sendsms?username=$ASP_SENDSMS_USER&password=$ASP_SENDSMS_PASSWORD"
export ASPIRASI_SENDSMS_URL
asp_start_daemon "$ASP_TMP/aspirasi3.conf" || asp_bail "the third aspirasid did not start"
get "$ASP_URL/healthz"
is "$CODE $BODY" "200 database ok"$'\n'"sendsms ok"$'\n' "with Kannel running: 200 sendsms ok"
wait_sql "SELECT state FROM outbox WHERE kind = 'receipt'" accepted 15
check "the receipt is handed to Kannel" $?
scrape "$ASP_TMP/m3"
is "$(value "$ASP_TMP/m3" 'aspirasi_outbox_sends_total{kind="receipt",result="accepted"}') $(value "$ASP_TMP/m3" 'aspirasi_outbox_sends_total{kind="receipt",result="retry"}')" \
    "1 0" "the sender counts one accepted"

# The probe is kept 5 s: after a fresh one, smsbox gone is not seen at once.
sleep 5.2
get "$ASP_URL/healthz"
kill -KILL "$ASP_SMSBOX_PID"
wait "$ASP_SMSBOX_PID" 2>/dev/null
t0=$(date +%s.%N)
get "$ASP_URL/healthz"
is "$CODE $BODY" "200 database ok"$'\n'"sendsms ok"$'\n' "a probe is kept for 5 s"
healthz_until 503 10
is "$CODE $BODY" "503 database ok"$'\n'"sendsms unreachable"$'\n' "then smsbox gone: 503 naming sendsms"
waited=$(awk -v t0="$t0" -v t1="$(date +%s.%N)" 'BEGIN { print (t1 - t0 < 6) }')
is "$waited" 1 "within the 5 s the probe is kept"
asp_smsbox_revive || asp_bail "smsbox did not start again"
healthz_until 200 10
is "$CODE $BODY" "200 database ok"$'\n'"sendsms ok"$'\n' "smsbox back: 200 again"

# ---- the database refusing the daemon ----------------------------------------------
psql -XAtq -v ON_ERROR_STOP=1 -d postgres -c "ALTER DATABASE $DB ALLOW_CONNECTIONS false" \
    -c "SELECT count(pg_terminate_backend(pid)) > 0 FROM pg_stat_activity
        WHERE datname = '$DB' AND application_name = 'aspirasi'" >"$ASP_TMP/terminate.out" 2>&1
is "$(cat "$ASP_TMP/terminate.out")" t "the daemons' connections are cut and new ones refused"
get "$ASP_URL/healthz"
is "$CODE $BODY" "503 database unreachable"$'\n'"sendsms ok"$'\n' \
    "database down: /healthz 503, naming the database, still probing sendsms"
get "$ASP_URL/metrics"
is "$CODE" 200 "database down: /metrics still answers"
like "$BODY" $'(^|\n)aspirasi_database_up 0\n' "database down: aspirasi_database_up 0"
unlike "$BODY" 'aspirasi_outbox_messages' "database down: no gauges read from it"
like "$BODY" 'aspirasi_messages_in_total' "database down: the process's counters are there"
get "$(asp_mo_url id=down-1 from=$A to=1234 text=AGENDA)"
is "$CODE" 503 "an MO while the database is down: 503 (Kannel retries it)"
psql -XAtq -v ON_ERROR_STOP=1 -d postgres -c "ALTER DATABASE $DB ALLOW_CONNECTIONS true" >/dev/null
healthz_until 200 15
is "$CODE $BODY" "200 database ok"$'\n'"sendsms ok"$'\n' "database back: 200 again"
# Each sender thread finds its connection cut at its next claim (every
# 0.5 s when idle).
for ((i = 0; i < 50; i++)); do
    scrape "$ASP_TMP/m4"
    [ "$(value "$ASP_TMP/m4" 'aspirasi_db_errors_total{component="sender"}')" -ge 1 ] && break
    sleep 0.1
done
dbe=$(value "$ASP_TMP/m4" 'aspirasi_db_errors_total{component="sender"}')
check "the sender counted the database errors it saw ($dbe)" $((dbe < 1))
is "$(value "$ASP_TMP/m4" 'aspirasi_http_errors_total{route="mo",code="503"}') $(value "$ASP_TMP/m4" 'aspirasi_db_errors_total{component="intake"}')" \
    "1 1" "the refused MO counts one 503 and one database error of the intake"
# Kannel retries it.  Each intake connection learns that it was cut when
# it is next used, so a retry may fail once more per intake worker.
for ((i = 0; i < 3; i++)); do
    get "$(asp_mo_url id=down-1 from=$A to=1234 text=AGENDA)"
    [ "$CODE" = 200 ] && break
done
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id = 'down-1'") $CODE" "1 200" \
    "Kannel's retry of that MO is stored and answered"
asp_stop_daemon >/dev/null

# ---- nothing secret in the logs ------------------------------------------------------
hits=$(grep -l -e closed-port-pw -e "$ASP_SENDSMS_PASSWORD" "$ASP_TMP"/*.log)
is "$hits" "" "the sendsms password is in no log of aspirasid"
asp_check_logs
tap_done
