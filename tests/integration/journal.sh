#!/bin/bash
#
# journal.sh: the local journal (gateway/journal.h) with real PostgreSQL
# stopped and started, real Kannel and the fake SMSC.
#
#   - PostgreSQL stopped: SMS through Kannel are answered "received" and
#     kept in the journal; a retry of one Kannel id is kept twice; a USSD
#     step gets a 503.  PostgreSQL started: each SMS is stored once, dated
#     when it came, complaints get their tickets, and every citizen gets
#     the real answer by SMS (counted at the fake SMSC); the journal is
#     emptied.
#   - PostgreSQL slow: an SMS that waited journal.after for the only intake
#     worker (held by a lock) is answered "received", and stored once.
#   - An SMS stored while its client gave up (smsbox going away): its
#     reply is queued in the outbox, to go by SMS.
#   - aspirasid killed with -9 while SMS wait in the journal: a new
#     aspirasid replays them at start.
#   - A damaged journal: a record with a flipped byte and a torn last
#     record are logged as errors with file and offset, counted, and the
#     file is kept as *.damaged; the records around them are replayed.
#   - A message the database refuses on replay is kept aside in *.refused,
#     logged and counted; the rest of the journal goes on.
#   - A journal that cannot be written: the SMS gets a 503.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 48

FAKESMSC="$ASP_BUILDDIR/tests/tools/fakesmsc"
CONF=$ASP_TMP/aspirasi.conf
JDIR=$ASP_TMP/journal
RECEIVED_ID="Pesan Anda sudah kami terima. Jawaban (dan no tiket utk aduan) kami kirim lewat SMS sebentar lagi."
RECEIVED_JV="Pesen panjenengan sampun katampi. Wangsulan (lan no tiket kangge aduan) badhe kakintun lewat SMS."
read -r PG_VER PG_CLUSTER < <(pg_lsclusters -h | awk '{ print $1, $2; exit }')
[ -n "${PG_CLUSTER:-}" ] || asp_bail "pg_lsclusters shows no cluster"

pg_stop()
{
    pg_ctlcluster "$PG_VER" "$PG_CLUSTER" stop -m fast || asp_bail "PostgreSQL did not stop"
}

pg_start()
{
    pg_ctlcluster "$PG_VER" "$PG_CLUSTER" start || asp_bail "PostgreSQL did not start"
}

# mo NAME ARGS...: one MO straight to aspirasid, in the background.
mo()
{
    local name=$1
    shift
    asp_bg "$name" "$(asp_mo_url "$@")"
}

# segments: the journal's files still to replay.
segments()
{
    find "$JDIR" -maxdepth 1 -name '*.jnl' | wc -l
}

metric_is()
{
    [ "$(asp_metric "$1")" = "$2" ]
}

# listen N TIMEOUT: fakesmsc waiting for N MTs to anyone, to $ASP_TMP/kannel/mt.out.
listen()
{
    "$FAKESMSC" -p "$ASP_FAKESMSC_PORT" -a -n "$1" -t "$2" </dev/null \
        >"$ASP_TMP/kannel/mt.out" 2>>"$ASP_TMP/kannel/fakesmsc.err" &
    LISTENER=$!
    _asp_track "$LISTENER" fakesmsc
    sleep 0.3
}

heard()
{
    wait "$LISTENER"
    local status=$?
    _asp_untrack "$LISTENER"
    return "$status"
}

# The daemon's log (the latest one started).
dlog()
{
    cat "$ASP_TMP/aspirasid.$_asp_daemon_n.log"
}

asp_createdb journal
asp_write_config "$CONF" 'quiet_hours = "";' 'db = { pool = 1; };' \
    "journal = { dir = \"$JDIR\"; after = 500; };"
asp_migrate "$CONF" || asp_bail "migration failed"
asp_start_kannel || asp_bail "Kannel did not start"
export ASPIRASI_SENDSMS_URL="http://127.0.0.1:$ASP_SENDSMS_PORT/cgi-bin/sendsms?username=$ASP_SENDSMS_USER&password=$ASP_SENDSMS_PASSWORD"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"

# ---- PostgreSQL stopped: received now, the answer by SMS later -----------------
A=+6281355500001 B=+6281355500002 C=+6281355500003
pg_stop
T_DOWN=$(date +%s.%N)
is "$(asp_sms $A "ADUAN jalan rusak di Desa Sooko")" "$RECEIVED_ID" \
    "database down: a complaint through Kannel is answered received"
is "$(asp_sms $B "Aduan dalane rusak ing desa Jetis, mohon didandani")" "$RECEIVED_JV" \
    "database down: in Javanese, in Javanese"
is "$(asp_sms $C "AGENDA")" "$RECEIVED_ID" "database down: AGENDA too"
mo retry1 id=j-retry from=$C to=1234 text="ADUAN lampu jalan mati di Kutorejo"
mo retry2 id=j-retry from=$C to=1234 text="ADUAN lampu jalan mati di Kutorejo"
asp_bg_wait
is "$(asp_bg_code retry1) $(asp_bg_code retry2)" "200 200" "database down: a retry of one Kannel id is journaled again"
asp_ussd j-ussd-1 "$A" ""
is "$code" 503 "database down: a USSD step is not journaled (503)"
is "$(asp_metric aspirasi_journal_pending) $(asp_metric aspirasi_journal_written_total)" "5 5" \
    "database down: 5 SMS in the journal, counted"
is "$(segments)" 1 "database down: in one journal file"
is "$(stat -c %a "$JDIR")" 700 "the journal directory is mode 0700"
unlike "$(cat "$JDIR"/*.jnl | tr -d '\0')" 'Kutorejo.*x' "(the journal holds the texts as sent)"

listen 4 60
T_UP=$(date +%s.%N)
pg_start
asp_until metric_is aspirasi_journal_pending 0 || true
is "$(asp_metric aspirasi_journal_pending)" 0 "database back: the journal is replayed"
is "$(segments)" 0 "database back: its file is removed"
heard
is "$?" 0 "database back: 4 answers reach the fake SMSC"
is "$(asp_psql "SELECT count(*) FROM messages WHERE msisdn IN ('$A', '$B', '$C')")" 4 \
    "each SMS stored once (the retried id once)"
is "$(asp_psql "SELECT count(*) FROM messages WHERE msisdn IN ('$A', '$B', '$C')
    AND received_at BETWEEN to_timestamp($T_DOWN) AND to_timestamp($T_UP)")" 4 "each dated when aspirasid received it, not when replayed"
TA=$(asp_psql "SELECT t.code FROM tickets t WHERE t.msisdn = '$A'")
TB=$(asp_psql "SELECT t.code FROM tickets t WHERE t.msisdn = '$B'")
like "$TA $TB" '^[0-9]{7} [0-9]{7}$' "the complaints have their tickets"
is "$(asp_psql "SELECT count(*) FROM tickets WHERE msisdn IN ('$A', '$B', '$C')")" 3 "one ticket per complaint"
is "$(asp_psql "SELECT count(*) FROM tickets t JOIN messages m ON m.id = t.message_id
    WHERE t.msisdn = '$A' AND t.created_at = m.received_at")" 1 "a ticket is dated with its message"
is "$(asp_psql "SELECT count(*), count(DISTINCT message_id) FROM outbox WHERE kind = 'reply'")" "4|4" \
    "4 answers queued, one per message"
like "$(grep -P "\t\\$A\t" "$ASP_TMP/kannel/mt.out")" "tiket $TA" "A's answer by SMS carries A's ticket"
like "$(grep -P "\t\\$B\t" "$ASP_TMP/kannel/mt.out")" "$TB" "B's answer by SMS carries B's ticket, in Javanese"
is "$(grep -cP "\t\\$C\t" "$ASP_TMP/kannel/mt.out")" 2 "C gets the agenda and its complaint's answer"
is "$(asp_psql "SELECT count(*) FROM outbox WHERE kind = 'reply' AND state IN ('accepted', 'delivered')")" 4 \
    "every answer accepted by Kannel"
is "$(asp_metric 'aspirasi_outbox_sends_total{kind="reply",result="accepted"}')" 4 "counted as replies sent"
like "$(dlog)" 'event=journal_replayed mos=5 stored=5 refused=0 replies_queued=4' "the replay is logged"

# ---- PostgreSQL slow: the only worker held, an SMS waits journal.after --------
asp_gate_close j-gate
mo slow id=j-slow from=$A to=1234 text="ADUAN sampah menumpuk di pasar"
asp_until test -s "$ASP_TMP/bg.slow.code" || true
is "$(asp_bg_code slow) $(asp_bg_body slow)" "200 $RECEIVED_ID" "a slow database: after journal.after the SMS is answered received"
like "$(dlog)" 'event=mo_journaled kannel_id="j-slow" why=late' "logged as late"
asp_gate_open
asp_until metric_is aspirasi_journal_pending 0 || true
asp_until asp_sql_is "SELECT count(*) FROM outbox o JOIN messages m ON m.id = o.message_id WHERE m.kannel_id = 'j-slow'" 1 || true
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id = 'j-slow'") $(asp_psql "SELECT count(*) FROM tickets t JOIN messages m ON m.id = t.message_id WHERE m.kannel_id = 'j-slow'")" \
    "1 1" "the slow SMS is stored once, with one ticket"
is "$(asp_psql "SELECT count(*) FROM outbox o JOIN messages m ON m.id = o.message_id WHERE m.kannel_id = 'j-slow'")" 1 \
    "and its answer queued once"

# ---- an answer cut off: stored, and its reply sent by SMS -----------------------
# A transaction holds the Kannel id, so the SMS waits in its batch (not in
# the queue) while its client, as smsbox going away would, gives up.
asp_gate_hold j-cut
curl -s -m 2 -o /dev/null "$(asp_mo_url id=j-cut from=$C to=1234 text="ADUAN jembatan retak di Gondang")"
asp_gate_open
asp_until asp_sql_is "SELECT count(*) FROM outbox o JOIN messages m ON m.id = o.message_id
    WHERE m.kannel_id = 'j-cut' AND o.kind = 'reply'" 1 || true
is "$(asp_psql "SELECT count(*) FROM outbox o JOIN messages m ON m.id = o.message_id
    WHERE m.kannel_id = 'j-cut' AND o.kind = 'reply' AND o.body LIKE '%tiket%'")" 1 \
    "an answer cut off: the SMS is stored and its reply queued as an SMS"
like "$(dlog)" 'event=mo_answer_cut kannel_id="j-cut"' "logged"
is "$(asp_metric aspirasi_replies_resent_total)" 1 "counted"

# ---- kill -9 with SMS in the journal, replayed by the next aspirasid ----------
pg_stop
for i in 1 2 3; do
    mo "k$i" id="j-kill-$i" from=+628135550010$i to=1234 text="ADUAN got mampet nomor $i"
done
asp_bg_wait
is "$(asp_bg_code k1) $(asp_bg_code k2) $(asp_bg_code k3)" "200 200 200" "database down again: 3 SMS journaled"
kill -9 "$ASP_DAEMON_PID"
wait "$ASP_DAEMON_PID" 2>/dev/null
_asp_untrack "$ASP_DAEMON_PID"
pg_start
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start again"
like "$(dlog)" 'event=journal_opened .* pending=3 damaged=0' "a new aspirasid finds the 3 SMS"
asp_until asp_sql_is "SELECT count(*) FROM messages WHERE kannel_id LIKE 'j-kill-%'" 3 || true
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id LIKE 'j-kill-%'")" 3 "and stores them"
asp_until metric_is aspirasi_journal_pending 0 || true
is "$(segments)" 0 "and empties the journal"

# ---- a damaged journal ---------------------------------------------------------
pg_stop
for i in 1 2 3; do
    mo "d$i" id="j-dmg-$i" from=+628135550020$i to=1234 text="ADUAN saluran air $i"
    asp_bg_wait
done
asp_stop_daemon >/dev/null
F=$(find "$JDIR" -maxdepth 1 -name '*.jnl')
mapfile -t OFFS < <(grep -obUa AJR1 "$F" | cut -d: -f1)
is "${#OFFS[@]}" 3 "3 records in the file"
# A byte of the second record's payload flipped, and the first 20 bytes of
# the first record appended: a torn last record.
printf 'X' | dd of="$F" bs=1 seek=$((OFFS[1] + 40)) conv=notrunc status=none
head -c 20 "$F" >>"$F"
pg_start
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start again"
asp_until test -e "$F.damaged" || true
is "$(asp_psql "SELECT string_agg(kannel_id, ' ' ORDER BY kannel_id) FROM messages WHERE kannel_id LIKE 'j-dmg-%'")" \
    "j-dmg-1 j-dmg-3" "the records around the damage are replayed"
like "$(dlog)" "level=error event=journal_damaged file=\"$F\" offset=${OFFS[1]} bytes=[0-9]+ reason=\"no record starts here\"" \
    "the damaged record is logged as an error, with file and offset"
like "$(dlog)" "level=error event=journal_damaged file=\"$F\" offset=$(($(stat -c %s "$F.damaged") - 20)) bytes=20 reason=\"torn last record" \
    "the torn last record too"
is "$(asp_metric aspirasi_journal_damaged_total)" 2 "both counted"
is "$(segments) $(find "$JDIR" -maxdepth 1 -name '*.damaged' | wc -l)" "0 1" "the file is kept as *.damaged"

# ---- a message the database refuses on replay ---------------------------------
asp_refuse j-poison
mo p1 id=j-poison from=$A to=1234 text="ADUAN pohon tumbang"
mo p2 id=j-after from=$B to=1234 text="ADUAN lampu mati"
asp_bg_wait
is "$(asp_bg_code p1) $(asp_bg_body p1)" "200 $RECEIVED_ID" "refused by the database: journaled"
asp_until metric_is aspirasi_journal_refused_total 1 || true
is "$(asp_metric aspirasi_journal_refused_total) $(asp_metric aspirasi_journal_pending)" "1 0" \
    "refused again on replay: counted, and the journal goes on"
like "$(dlog)" 'level=error event=journal_refused file=.*\.jnl\.refused" kannel_id="j-poison"' "logged with the file that keeps it"
is "$(grep -ac j-poison "$JDIR"/*.refused)" 1 "its record is kept in the *.refused file"
asp_refuse_end
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id = 'j-after'")" 1 "the message after it is stored"

# ---- a journal that cannot be written -----------------------------------------
pg_stop
# The next file's name made a directory: the journal cannot create it.
NEXT=$(printf '%s/%020d.jnl' "$JDIR" $((10#$(ls "$JDIR" | cut -c1-20 | sort | tail -1) + 1)))
mkdir "$NEXT"
code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 "$(asp_mo_url id=j-nowhere from=$A to=1234 text=AGENDA)")
is "$code $(asp_metric aspirasi_journal_failed_total)" "503 1" "a journal that cannot be written: 503, counted"
rmdir "$NEXT"
pg_start
asp_check_logs
tap_done
