#!/bin/bash
#
# outbox.sh: what the DPRD sends on its own, through real Kannel.  aspirasid's
# sender threads hand outbox rows to smsbox's sendsms; bearerbox delivers
# them to tests/tools/fakesmsc, which listens as the phone network, and
# reports each delivery back to aspirasid's /kannel/dlr.  Checks:
#   - a broadcast to 2,000 subscribers arrives once each, no faster than the
#     configured rate, and delivery reports mark every row delivered;
#   - an opt-out made in the middle of a broadcast is honoured;
#   - a status change notifies the citizen; quiet hours hold it, and urgent
#     messages go anyway;
#   - kill -9 in the middle of a broadcast, then a restart: every recipient
#     served exactly once;
#   - two daemons on one database send nothing twice and share the work;
#   - a message Kannel refuses is retried with back-off and sent once it can
#     be, in UCS-2 when its text needs it.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 31

FAKESMSC="$ASP_BUILDDIR/tests/tools/fakesmsc"
N=2000
RATE=200
CONF="$ASP_TMP/aspirasi.conf"
CITIZEN=+6281234567890

# check NAME STATUS: passes when STATUS is 0.
check()
{
    if [ "$2" -eq 0 ]; then ok "$1"; else not_ok "$1" "status $2"; fi
}

ctl()
{
    "$ASP_BUILDDIR/aspirasictl" -c "$CONF" "$@" 2>>"$ASP_TMP/aspirasictl.log"
}

# listen NAME N TIMEOUT: starts fakesmsc waiting for N messages to anyone;
# its output (SECONDS FROM TO TEXT) goes to $ASP_TMP/kannel/NAME.out.
listen()
{
    "$FAKESMSC" -p "$ASP_FAKESMSC_PORT" -a -s -n "$2" -t "$3" </dev/null \
        >"$ASP_TMP/kannel/$1.out" 2>>"$ASP_TMP/kannel/fakesmsc.err" &
    listener=$!
    _asp_track "$listener" fakesmsc
    sleep 0.3 # connected before anything is sent
}

# heard NAME: waits for the listener; returns its exit status.
heard()
{
    wait "$listener"
    local status=$?
    _asp_untrack "$listener"
    return "$status"
}

# recipients NAME: the number of distinct recipients, and of messages.
recipients()
{
    cut -f3 "$ASP_TMP/kannel/$1.out" | sort -u | wc -l
}
messages()
{
    wc -l <"$ASP_TMP/kannel/$1.out"
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

# broadcast TEXT: creates and starts a broadcast to every subscriber; sets $bid.
broadcast()
{
    ctl broadcast create --text "$1" --yes >"$ASP_TMP/broadcast.out" ||
        sed 's/^/# /' "$ASP_TMP/broadcast.out" "$ASP_TMP/aspirasictl.log"
    bid=$(asp_psql "SELECT max(id) FROM broadcasts")
}

asp_createdb aspirasi_outbox
asp_write_config "$CONF" "sendsms = { rate = $RATE; threads = 4; lease = 20; backoff = 1; };" 'quiet_hours = "";'
asp_migrate "$CONF" || asp_bail "aspirasictl migrate failed"
asp_start_kannel || asp_bail "Kannel did not start"
ASPIRASI_SENDSMS_URL="http://127.0.0.1:$ASP_SENDSMS_PORT/cgi-bin/sendsms?username=$ASP_SENDSMS_USER&password=$ASP_SENDSMS_PASSWORD"
export ASPIRASI_SENDSMS_URL
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"

asp_psql "INSERT INTO citizens (msisdn, subscribed, subscribed_at)
          SELECT '+62811' || lpad(g::text, 7, '0'), true, now() FROM generate_series(1, $N) g" >/dev/null

# ---- a broadcast to 2,000 subscribers --------------------------------------
listen bc1 "$N" 30
broadcast "DPRD Kab. Mojokerto: Sen 2/12 09:00 Paripurna APBD 2027, Gd DPRD. Terbuka utk umum."
heard bc1
check "all $N broadcast messages reached the phone network" $?
is "$(recipients bc1) $(messages bc1)" "$N $N" "each subscriber got the broadcast exactly once"
is "$(cut -f4 "$ASP_TMP/kannel/bc1.out" | sort -u)" \
    "DPRD Kab. Mojokerto: Sen 2/12 09:00 Paripurna APBD 2027, Gd DPRD. Terbuka utk umum." \
    "the text arrives as written"
rate=$(awk -F'\t' 'NR == 1 { t0 = $1 } { t1 = $1 } END { if (t1 > t0) printf "%.0f", (NR - 1) / (t1 - t0); else print 0 }' \
    "$ASP_TMP/kannel/bc1.out")
echo "# observed sending rate: $rate messages/s (configured: $RATE)"
check "the configured rate is not exceeded ($rate/s)" $((rate > RATE * 11 / 10))
wait_sql "SELECT count(*) FROM outbox WHERE broadcast_id = $bid AND state = 'delivered'" "$N" 20
check "delivery reports mark every row delivered" $?
is "$(asp_psql "SELECT count(*) FROM outbox WHERE broadcast_id = $bid AND dlr_type = 1
                AND accepted_at IS NOT NULL AND done_at IS NOT NULL")" "$N" \
    "each row keeps its report type and times"
like "$(ctl broadcast status "$bid")" "100%" "broadcast status shows it complete"

# ---- an opt-out in the middle of a broadcast --------------------------------
last=+628110002000
listen bc2 $((N - 1)) 30
broadcast "DPRD Kab. Mojokerto: Reses Dapil 2 Rab 4/12 di Balai Desa Sooko."
for ((i = 0; i < 100; i++)); do
    [ "$(messages bc2)" -ge 20 ] && break
    sleep 0.05
done
reply=$(curl -s "$(asp_mo_url id=optout-1 from=$last to=1234 text=BERHENTI)")
like "$reply" "tdk akan menerima info lagi" "BERHENTI is answered while the broadcast runs"
heard bc2
check "every other subscriber got the second broadcast" $?
sleep 1
is "$(grep -c "	$last	" "$ASP_TMP/kannel/bc2.out")" 0 "the number that opted out got nothing more"
is "$(asp_psql "SELECT state FROM outbox WHERE broadcast_id = $bid AND msisdn = '$last'")" \
    opted_out "its queued row is marked opted_out"
is "$(asp_psql "SELECT subscribed, opted_out_at IS NOT NULL FROM citizens WHERE msisdn = '$last'")" \
    "f|t" "the opt-out is stored with its time"

# ---- a status change notifies the citizen -----------------------------------
mt=$(asp_sms "$CITIZEN" "ADUAN lampu jalan mati di Desa Sooko") || mt=""
code=$(printf '%s' "$mt" | grep -o '[0-9]\{7\}' | head -1)
[ -n "$code" ] || asp_bail "no ticket from the complaint (reply: $mt)"
listen notify 1 15
ctl ticket set-status "$code" diproses >/dev/null
heard notify
is "$(cut -f3,4 "$ASP_TMP/kannel/notify.out")" \
    "$CITIZEN	Aduan $code: Sedang diproses. Info: ketik STATUS $code" \
    "the citizen is told the new status in plain words"
wait_sql "SELECT state FROM outbox WHERE kind = 'notification'" delivered 10
check "the notification is delivered" $?

# ---- quiet hours ------------------------------------------------------------
asp_stop_daemon >/dev/null
now=$(TZ=Asia/Jakarta date +%H:%M)
m=$((10#${now%:*} * 60 + 10#${now#*:}))
quiet=$(printf '%02d:%02d-%02d:%02d' $(((m + 1380) % 1440 / 60)) $(((m + 1380) % 60)) \
    $(((m + 60) % 1440 / 60)) $(((m + 60) % 60)))
asp_write_config "$CONF" "sendsms = { rate = $RATE; threads = 4; lease = 20; backoff = 1; };" "quiet_hours = \"$quiet\";"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not restart"
listen quiet 1 4
ctl ticket set-status "$code" selesai >/dev/null
asp_psql "INSERT INTO outbox (msisdn, body, coding, kind, urgent)
          VALUES ('$CITIZEN', 'Tiket Anda: 4821937', 0, 'receipt', true)" >/dev/null
heard quiet
is "$(cut -f4 "$ASP_TMP/kannel/quiet.out")" "Tiket Anda: 4821937" \
    "in quiet hours ($quiet) an urgent receipt is sent"
listen quiet2 1 3
heard quiet2
check "in quiet hours a status notification waits" $((! $?))
is "$(asp_psql "SELECT state FROM outbox WHERE kind = 'notification' ORDER BY id DESC LIMIT 1")" \
    queued "it stays queued"
asp_stop_daemon >/dev/null
asp_write_config "$CONF" "sendsms = { rate = $RATE; threads = 4; lease = 20; backoff = 1; };" 'quiet_hours = "";'
listen after 1 15
asp_start_daemon "$CONF" || asp_bail "aspirasid did not restart"
heard after
is "$(cut -f3,4 "$ASP_TMP/kannel/after.out")" \
    "$CITIZEN	Aduan $code: Selesai ditindaklanjuti. Info: ketik STATUS $code" \
    "after quiet hours the notification is sent"

# ---- kill -9 in the middle of a broadcast -----------------------------------
listen crash $((N - 1)) 60
broadcast "DPRD Kab. Mojokerto: Rapat Komisi III bersama Dinas PUPR Kam 5/12 10:00."
for ((i = 0; i < 200; i++)); do
    [ "$(messages crash)" -ge $((N / 4)) ] && break
    sleep 0.02
done
kill -KILL "$ASP_DAEMON_PID"
wait "$ASP_DAEMON_PID" 2>/dev/null
_asp_untrack "$ASP_DAEMON_PID"
before=$(messages crash)
echo "# aspirasid killed after $before of $((N - 1)) messages"
check "the daemon was killed in the middle of the broadcast" $((before >= N - 1))
sleep 1
asp_smsbox_revive || asp_bail "smsbox did not start again"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not restart after kill -9"
heard crash
check "after the restart the broadcast completes" $?
listen stragglers 1 3
heard stragglers
cat "$ASP_TMP/kannel/stragglers.out" >>"$ASP_TMP/kannel/crash.out"
dups=$(($(messages crash) - $(recipients crash)))
echo "# after kill -9: $(recipients crash) recipients, $dups duplicates"
is "$(recipients crash)" "$((N - 1))" "every recipient served across the crash"
# A sender thread writes each outcome in its own commit right after
# Kannel's answer: a kill -9 between the two repeats that one message, so
# at most one per thread (4 here); usually none.
check "at most one message repeated per sender thread ($dups)" $((dups > 4))
wait_sql "SELECT count(*) FROM outbox WHERE broadcast_id = $bid AND state NOT IN ('accepted', 'delivered')" 0 10
check "no row of the broadcast is left unsent" $?

# ---- two daemons on one database --------------------------------------------
first_pid=$ASP_DAEMON_PID first_url=$ASP_URL first_port=$ASP_PORT
asp_write_config "$ASP_TMP/aspirasi2.conf" "sendsms = { rate = $RATE; threads = 4; lease = 20; backoff = 1; };" 'quiet_hours = "";'
asp_start_daemon "$ASP_TMP/aspirasi2.conf" || asp_bail "the second aspirasid did not start"
second_pid=$ASP_DAEMON_PID
ASP_DAEMON_PID=$first_pid ASP_URL=$first_url ASP_PORT=$first_port
listen two $((N - 1)) 30
broadcast "DPRD Kab. Mojokerto: Banggar membahas KUA-PPAS Jum 6/12 13:00, Gd DPRD."
heard two
check "two daemons complete the broadcast" $?
sleep 1
is "$(recipients two) $(messages two)" "$((N - 1)) $((N - 1))" "two daemons send nothing twice"
claimers=$(asp_psql "SELECT count(DISTINCT claimed_by) FROM outbox WHERE broadcast_id = $bid")
is "$claimers" 2 "both daemons sent part of it"
asp_stop_daemon >/dev/null
_asp_stop "$second_pid" aspirasid 30 >/dev/null

# ---- Kannel refusing: retried with back-off, then sent ----------------------
good_url=$ASPIRASI_SENDSMS_URL
ASPIRASI_SENDSMS_URL=${good_url/password=/password=wrong}
asp_start_daemon "$CONF" || asp_bail "aspirasid did not restart"
asp_psql "INSERT INTO outbox (msisdn, body, coding, kind, urgent)
          VALUES ('$CITIZEN', 'Rapat ditunda 🙏 — info: ketik AGENDA', 2, 'receipt', true)" >/dev/null
wait_sql "SELECT attempts >= 2 FROM outbox WHERE kind = 'receipt' AND coding = 2" t 15
check "a message Kannel refuses is tried again" $?
like "$(asp_psql "SELECT state || ' ' || last_error FROM outbox WHERE kind = 'receipt' AND coding = 2")" \
    "^queued sendsms answered 403" "it waits in the queue with Kannel's answer"
is "$(asp_psql "SELECT next_attempt_at > now() + interval '1 second' FROM outbox
                WHERE kind = 'receipt' AND coding = 2")" t "the next attempt backs off"
asp_stop_daemon >/dev/null
ASPIRASI_SENDSMS_URL=$good_url
listen retry 1 20
asp_start_daemon "$CONF" || asp_bail "aspirasid did not restart"
heard retry
is "$(cut -f3,4 "$ASP_TMP/kannel/retry.out")" "$CITIZEN	Rapat ditunda 🙏 — info: ketik AGENDA" \
    "once the account is right it is sent, in UCS-2 for a text outside GSM-7"
asp_stop_daemon >/dev/null

asp_check_logs
tap_done
