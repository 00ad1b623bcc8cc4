#!/bin/bash
#
# ussd_batch.sh: USSD steps written in batches.  With one intake worker held
# up by a gate, steps of several sessions queue and are then written
# together: their sessions read in one query, their messages with the
# batch's MOs, their sessions in one statement.  Checked: each step gets
# the screen it would get alone; a retried step in the same batch gets the
# first one's screen and changes nothing; two steps of one session in one
# batch (the second must see what the first wrote) run one after the
# other; a complaint filed in a batch gets its ticket, category, source,
# history and receipt SMS; an SMS in the same batch is answered as usual.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 26

A=+6281234500001
B=+6281234500002
C=+6281234500003
D=+6281234500004
CONF="$ASP_TMP/aspirasi.conf"

# ussd SESSION PHONE TEXT: one request now; sets $screen and $code.
ussd()
{
    asp_ussd "$@"
}

# queue NAME SESSION PHONE TEXT: the same request, queued behind the gate.
queue()
{
    asp_gate_queue "$1" -X POST "$ASP_URL/ussd" \
        --data-urlencode "sessionId=$2" --data-urlencode "serviceCode=*123#" \
        --data-urlencode "phoneNumber=$3" --data-urlencode "text=$4" \
        --data-urlencode "secret=$ASP_SECRET"
}

asp_createdb aspirasi_ussd_batch
asp_write_config "$CONF" 'quiet_hours = "";' 'db = { pool = 1; };'
asp_migrate "$CONF" || asp_bail "aspirasictl migrate failed"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"
DLOG=$ASP_TMP/aspirasid.1.log

# Sessions b1 and b2 are open at home; b3 starts in the batch.
ussd b1 "$A" ""
ussd b2 "$B" ""
HOME_SCREEN=$screen
ussd b4 "$D" ""

# ---- one batch: steps of three sessions, a retry and an SMS -----------------
s0=$(asp_metric aspirasi_intake_batch_size_sum)
n0=$(asp_metric aspirasi_intake_batch_size_count)
asp_gate_close ub-gate-1
queue b1-2 b1 "$A" "2"
queue b2-1 b2 "$B" "1"
queue b3-0 b3 "$C" ""
queue b1-2-again b1 "$A" "2"
asp_gate_queue sms "$(asp_mo_url id=ub-sms-1 from="$D" text="AGENDA")"
asp_gate_open
is "$(asp_batches_since "$s0" "$n0")" "6 2" "the 5 requests queued behind the gate are written as one batch"
is "$(asp_bg_code b1-2) $(asp_bg_code b2-1) $(asp_bg_code b3-0) $(asp_bg_code b1-2-again) $(asp_bg_code sms)" \
    "200 200 200 200 200" "every request of the batch is answered 200"
like "$(asp_bg_body b1-2)" $'^CON Aduan tentang apa\\?\n1 Jalan & jembatan' \
    "a session's step in a batch: the screen it gets alone"
is "$(asp_bg_body b1-2-again)" "$(asp_bg_body b1-2)" "its retry in the same batch: the same screen"
like "$(asp_bg_body b2-1)" "^CON " "another session's step in the same batch: its own screen"
is "$(asp_bg_body b3-0)" "$HOME_SCREEN" "a session that starts in a batch: home"
like "$(asp_bg_body sms)" "." "an SMS in the same batch is answered"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id = 'ussd:http:b1:1'")" 1 \
    "the step and its retry: one message"
is "$(asp_psql "SELECT id || ' ' || steps || ' ' || ended FROM ussd_sessions
    WHERE id IN ('http:b1', 'http:b2', 'http:b3') ORDER BY id")" \
    "http:b1 1 false
http:b2 1 false
http:b3 0 false" "each session is written once, with the inputs it took"
is "$(grep -c 'event=intake_batch_partial' "$DLOG")" 0 "nothing in the batch failed"

# ---- two steps of one session in one batch ----------------------------------
s0=$(asp_metric aspirasi_intake_batch_size_sum)
n0=$(asp_metric aspirasi_intake_batch_size_count)
asp_gate_close ub-gate-2
queue b1-21 b1 "$A" "2*1"
queue b1-21t b1 "$A" "2*1*jalan berlubang di Desa Trowulan"
asp_gate_open
is "$(asp_batches_since "$s0" "$n0")" "3 2" "two steps of one session queued behind the gate: one batch"
like "$(asp_bg_code b1-21) $(asp_bg_body b1-21)" "^200 CON Tulis aduan Anda" \
    "the first step of the session in the batch"
like "$(asp_bg_code b1-21t) $(asp_bg_body b1-21t)" "^200 CON Kirim aduan: jalan berlubang di Desa Trowulan" \
    "the second sees what the first wrote"
is "$(asp_psql "SELECT steps FROM ussd_sessions WHERE id = 'http:b1'")" 3 \
    "the session took both inputs"
is "$(grep -c 'event=intake_batch_partial' "$DLOG")" 0 "and nothing failed"

# ---- a complaint filed in a batch, with another session's step --------------
asp_gate_close ub-gate-3
queue b1-confirm b1 "$A" "2*1*jalan berlubang di Desa Trowulan*1"
queue b2-back b2 "$B" "1*0"
asp_gate_open
like "$(asp_bg_code b1-confirm) $(asp_bg_body b1-confirm)" \
    "^200 END Terima kasih\\. Aduan Anda tercatat dgn no tiket [0-9]{7}" \
    "a complaint confirmed in a batch: its ticket number on the last screen"
ticket=$(asp_bg_body b1-confirm | grep -o '[0-9]\{7\}' | head -1)
is "$(asp_psql "SELECT t.category || '|' || t.source || '|' || t.status || '|' || t.body
    FROM tickets t JOIN messages m ON m.id = t.message_id
    WHERE t.code = '$ticket' AND m.kannel_id = 'ussd:http:b1:4'")" \
    "jalan|ussd|baru|jalan berlubang di Desa Trowulan" \
    "the ticket: its category, source, status and text, and its message"
is "$(asp_psql "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
    WHERE t.code = '$ticket' AND e.status = 'baru' AND e.actor = 'citizen'")" 1 \
    "the event of its first status"
is "$(asp_psql "SELECT count(*) FROM outbox o JOIN tickets t ON t.id = o.ticket_id
    WHERE t.code = '$ticket' AND o.kind = 'receipt' AND o.body LIKE '%$ticket%'")" 1 \
    "the SMS that repeats its number is queued"
is "$(asp_psql "SELECT ended FROM ussd_sessions WHERE id = 'http:b1'")" t "the session ended"
like "$(asp_bg_body b2-back)" "^CON " "the other session's step in the batch: its screen"

# ---- redials after a drop, in one batch ---------------------------------------
# Two numbers whose session dropped in a menu redial, and one whose did not:
# the batch looks for the dropped sessions of all three at once.
ussd r1 "$C" ""
ussd r1 "$C" "2"
ussd r2 "$D" ""
ussd r2 "$D" "3"
asp_psql "UPDATE ussd_sessions SET updated_at = now() - interval '200 seconds'
          WHERE id IN ('http:r1', 'http:r2')" >/dev/null
E=+6281234500005
s0=$(asp_metric aspirasi_intake_batch_size_sum)
n0=$(asp_metric aspirasi_intake_batch_size_count)
asp_gate_close ub-gate-4
queue r3-0 r3 "$C" ""
queue r4-0 r4 "$D" ""
queue r5-0 r5 "$E" ""
asp_gate_open
is "$(asp_batches_since "$s0" "$n0")" "4 2" "the 3 redials queued behind the gate are one batch"
got="$(asp_bg_body r3-0)|$(asp_bg_body r4-0)|$(asp_bg_body r5-0)"
like "$got" $'^CON Lanjutkan dari layar terakhir sebelum terputus\\?\n1 Ya[^|]*\\|CON Lanjutkan dari layar terakhir sebelum terputus\\?\n1 Ya[^|]*\\|CON DPRD Kab\\. Mojokerto' \
    "redials in one batch: each number with a dropped session is offered to continue, the other starts at home"
is "$(asp_psql "SELECT id || ':' || coalesce(resume_from, '-') FROM ussd_sessions
                WHERE id IN ('http:r3', 'http:r4', 'http:r5') ORDER BY id" | tr '\n' ' ')" \
    "http:r3:http:r1 http:r4:http:r2 http:r5:- " "and each offer names its own number's dropped session"

asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM"
asp_check_logs
