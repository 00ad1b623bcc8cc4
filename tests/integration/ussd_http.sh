#!/bin/bash
#
# ussd_http.sh: USSD menus over the aggregators' HTTP convention (POST /ussd
# with sessionId, serviceCode, phoneNumber and text, the inputs joined by
# '*'; answers "CON ..." / "END ...").  A whole complaint filed by menu,
# with the ticket number on the last screen and again by SMS through real
# Kannel; status with a wrong and a right check digit; agenda, info and
# subscription; a retried request; a session whose row was lost, rebuilt
# from the path; a redial after a drop offered to continue; bad requests.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 53

A=+6281234567890
B=+6285712345678
C=+6281398765432
CONF="$ASP_TMP/aspirasi.conf"

# ussd SESSION PHONE TEXT [SECRET]: one request; sets $screen and $code.
ussd()
{
    asp_ussd "$@"
}

# check NAME STATUS: passes when STATUS is 0.
check()
{
    if [ "$2" -eq 0 ]; then ok "$1"; else not_ok "$1" "status $2"; fi
}

asp_createdb aspirasi_ussd
asp_write_config "$CONF" 'quiet_hours = "";'
asp_migrate "$CONF" || asp_bail "aspirasictl migrate failed"
asp_start_kannel || asp_bail "Kannel did not start"
ASPIRASI_SENDSMS_URL="http://127.0.0.1:$ASP_SENDSMS_PORT/cgi-bin/sendsms?username=$ASP_SENDSMS_USER&password=$ASP_SENDSMS_PASSWORD"
export ASPIRASI_SENDSMS_URL
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"

# The receipt SMS of the complaint comes through Kannel to the fake SMSC.
"$ASP_BUILDDIR/tests/tools/fakesmsc" -p "$ASP_FAKESMSC_PORT" -a -n 1 -t 30 </dev/null \
    >"$ASP_TMP/kannel/receipt.out" 2>>"$ASP_TMP/kannel/fakesmsc.err" &
listener=$!
_asp_track "$listener" fakesmsc

# ---- a complaint filed by menu -----------------------------------------------
ussd s1 "$A" ""
is "$code" 200 "a new session: 200"
like "$screen" $'^CON DPRD Kab. Mojokerto\n1 Agenda sidang\n2 Sampaikan aduan\n3 Cek status aduan' \
    "a new session shows the home menu"
[ "${#screen}" -le 186 ] && ok "the home screen fits 182 characters" ||
    not_ok "the home screen fits 182 characters" "${#screen}: $screen"
ussd s1 "$A" "2"
like "$screen" $'^CON Aduan tentang apa\\?\n1 Jalan & jembatan' "2 asks what the complaint is about"
like "$screen" $'\n0 Kembali 00 Menu$' "every screen but home has 0 back and 00 home"
ussd s1 "$A" "2*7"
like "$screen" "^CON Pilihan salah\\. Aduan tentang apa" "a choice not on the screen is said so"
ussd s1 "$A" "2*7*1"
like "$screen" "^CON Tulis aduan Anda" "a category leads to the text"
ussd s1 "$A" "2*7*1*jalan rusak parah di Desa Sooko RT 3"
like "$screen" "^CON Kirim aduan: jalan rusak parah di Desa Sooko RT 3" "the text is shown back to confirm"
ussd s1 "$A" "2*7*1*jalan rusak parah di Desa Sooko RT 3*1"
like "$screen" "^END Terima kasih\\. Aduan Anda tercatat dgn no tiket [0-9]{7}" \
    "confirming files the complaint and ends with the ticket number"
ticket=$(printf '%s' "$screen" | grep -o '[0-9]\{7\}' | head -1)
is "$(asp_psql "SELECT t.category, t.body, t.status, m.channel, t.source FROM tickets t
                JOIN messages m ON m.id = t.message_id WHERE t.code = '$ticket'")" \
    "jalan|jalan rusak parah di Desa Sooko RT 3|baru|ussd|ussd" \
    "the ticket is stored with its category, text, channel and source"
is "$(asp_psql "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
                WHERE t.code = '$ticket' AND e.status = 'baru' AND e.actor = 'citizen'")" 1 \
    "and the event of its first status"
wait "$listener"
check "the ticket number also comes by SMS through Kannel" $?
_asp_untrack "$listener"
like "$(cut -f2,3 "$ASP_TMP/kannel/receipt.out")" "^\\$A	Terima kasih\\. Aduan Anda tercatat dgn no tiket $ticket" \
    "the receipt SMS carries the same ticket number"
is "$(asp_psql "SELECT kind, urgent FROM outbox WHERE ticket_id IS NOT NULL")" "receipt|t" \
    "the receipt is an urgent outbox row (sent even in quiet hours)"

# A retry of the last request: the same screen, no second ticket.
ussd s1 "$A" "2*7*1*jalan rusak parah di Desa Sooko RT 3*1"
like "$screen" "^END .*$ticket" "a retried request gets the same screen"
is "$(asp_psql "SELECT count(*) FROM tickets")" 1 "and files nothing twice"

# ---- status --------------------------------------------------------------------
ussd s2 "$B" ""
ussd s2 "$B" "3"
like "$screen" "^CON Ketik no tiket aduan \\(7 angka\\):" "3 asks for the ticket number"
bad=${ticket:0:6}$(((${ticket:6:1} + 1) % 10))
ussd s2 "$B" "3*$bad"
like "$screen" "^CON Nomor tiket salah\\. Ketik no tiket" "a wrong check digit is caught on the screen"
ussd s2 "$B" "3*$bad*$ticket"
like "$screen" "^CON Tiket $ticket: Diterima, menunggu ditelaah" "the right number shows the status"
like "$screen" $'\n0 Kembali 00 Menu$' "and the citizen can go on"

# ---- agenda, info, subscription --------------------------------------------------
asp_psql "INSERT INTO agenda_sessions (type, title, starts_at, place, created_by, updated_by)
          VALUES ('paripurna', 'APBD 2027', now() + interval '1 hour', 'Gd DPRD', 't', 't')" >/dev/null
ussd s3 "$B" ""
ussd s3 "$B" "1"
ussd s3 "$B" "1*3"
like "$screen" "^CON Agenda DPRD: #1 .*APBD 2027, Gd DPRD" "the agenda by menu"
ussd s3 "$B" "1*3*00"
like "$screen" "^CON DPRD Kab. Mojokerto" "00 goes home"
ussd s3 "$B" "1*3*00*5*1"
like "$screen" "^CON Anda terdaftar" "subscribing by menu"
is "$(asp_psql "SELECT subscribed FROM citizens WHERE msisdn = '$B'")" t "the subscription is stored"

# ---- a lost session row, rebuilt from the path ---------------------------------
ussd s4 "$A" ""
ussd s4 "$A" "2"
asp_psql "DELETE FROM ussd_sessions WHERE id = 'http:s4'" >/dev/null
ussd s4 "$A" "2*2"
like "$screen" "^CON Tulis aduan Anda" "a session whose row was lost goes on from its path"
ussd s4 "$A" "2*2*air PDAM mati 3 hari"
like "$screen" "^CON Kirim aduan: air PDAM mati 3 hari" "and keeps what was typed"

# ---- a slow typist ------------------------------------------------------------
ussd s10 "$A" ""
ussd s10 "$A" "1"
asp_psql "UPDATE ussd_sessions SET updated_at = now() - interval '190 seconds' WHERE id = 'http:s10'" \
    >/dev/null
ussd s10 "$A" "1*4"
like "$screen" "^CON Pilih komisi" \
    "past ussd.timeout, the aggregator's path still carries the session on"

# ---- a redial after a drop ------------------------------------------------------
ussd s5 "$C" ""
ussd s5 "$C" "3"
asp_psql "UPDATE ussd_sessions SET updated_at = now() - interval '200 seconds' WHERE id = 'http:s5'" \
    >/dev/null
ussd s6 "$C" ""
like "$screen" $'^CON Lanjutkan dari layar terakhir sebelum terputus\\?\n1 Ya' \
    "a redial after a drop is offered to continue"
ussd s6 "$C" "1"
like "$screen" "^CON Ketik no tiket aduan" "1 continues where the citizen was"
ussd s6 "$C" "1*$ticket"
like "$screen" "^CON Tiket $ticket:" "and the session goes on from there"
asp_psql "UPDATE ussd_sessions SET updated_at = now() - interval '1 hour'" >/dev/null
ussd s7 "$C" ""
like "$screen" "^CON DPRD Kab. Mojokerto" "after the resume window a redial starts at home"

# ---- bad requests -----------------------------------------------------------------
ussd s8 "$A" "" wrong-secret-123
is "$code" 403 "a wrong secret: 403"
ussd "" "$A" ""
like "$code $screen" '^400 .*"sessionId"' "no sessionId: 400 with the reason"
ussd s9 "not-a-number" ""
is "$code" 400 "a bad phoneNumber: 400"

# Values the database would refuse on every retry: a 400 naming the field,
# on both sides of each limit, and nothing stored.
# ussd_body BODY: a POST with exactly this form body (secret added).
ussd_body()
{
    local out
    out=$(curl -s -w '\n%{http_code}' -X POST "$ASP_URL/ussd" --data-binary "$1&secret=$ASP_SECRET")
    code=${out##*$'\n'}
    screen=${out%$'\n'*}
}
# ussd_sc SESSION SERVICECODE TEXT: one request with this serviceCode.
ussd_sc()
{
    asp_ussd "$1" "$A" "$3" "$ASP_SECRET" "$2"
}
P2048="1*$(printf '%*s' 2046 '' | tr ' ' x)"
ussd bad-len-ok "$A" "$P2048"
like "$code $screen" '^200 (CON|END) ' "a path of 2048 bytes: 200"
is "$(asp_psql "SELECT steps FROM ussd_sessions WHERE id = 'http:bad-len-ok'")" 2 \
    "a path of 2048 bytes: its session stored"
ussd bad-len "$A" "${P2048}x"
like "$code $screen" '^400 bad "text": longer than 2048 bytes' "a path of 2049 bytes: 400 naming \"text\""
ussd bad-utf8 "$A" $'1*caf\xc3'
like "$code $screen" '^400 bad "text": not UTF-8' "a path that is not UTF-8: 400 naming \"text\""
ussd_body "sessionId=bad-nul&phoneNumber=%2B6281234567890&text=1%00"
like "$code $screen" '^400 bad "text": NUL byte' "a path with a NUL byte: 400 naming \"text\""
ussd_sc bad-sc-ok "*123*45#" ""
is "$code" 200 "a serviceCode in UTF-8: 200"
is "$(asp_psql "SELECT short_code FROM messages WHERE kannel_id = 'ussd:http:bad-sc-ok:0'")" "*123*45#" \
    "a serviceCode in UTF-8: stored as the short code"
ussd_sc bad-sc "$(printf '*123\xff#')" ""
like "$code $screen" '^400 bad "serviceCode": not UTF-8' \
    "a serviceCode that is not UTF-8: 400 naming \"serviceCode\""
ussd_body "sessionId=bad-sc-nul&serviceCode=%2A123%00%23&phoneNumber=%2B6281234567890&text="
like "$code $screen" '^400 bad "serviceCode": NUL byte' \
    "a serviceCode with a NUL byte: 400 naming \"serviceCode\""
S100=$(printf '%*s' 100 '' | tr ' ' s)
ussd "$S100" "$A" ""
is "$code" 200 "a sessionId of 100 characters: 200"
is "$(asp_psql "SELECT count(*) FROM ussd_sessions WHERE id = 'http:$S100'")" 1 \
    "a sessionId of 100 characters: its session stored"
ussd "${S100}s" "$A" ""
like "$code $screen" '^400 bad "sessionId": 1 to 100 printable characters' \
    "a sessionId of 101 characters: 400 naming \"sessionId\""
ussd_body "sessionId=bad%00id&phoneNumber=%2B6281234567890&text="
like "$code $screen" '^400 bad "sessionId": NUL byte' "a sessionId with a NUL byte: 400 naming \"sessionId\""
ussd_body "sessionId=bad-phone-nul&phoneNumber=%2B62812%00&text="
like "$code $screen" '^400 bad "phoneNumber": NUL byte' \
    "a phoneNumber with a NUL byte: 400 naming \"phoneNumber\""
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id LIKE 'ussd:http:bad%'
                AND kannel_id NOT IN ('ussd:http:bad-len-ok:2', 'ussd:http:bad-sc-ok:0')")" 0 \
    "refused requests: no message stored"
is "$(asp_psql "SELECT count(*) FROM ussd_sessions WHERE id LIKE 'http:bad%'
                AND id NOT IN ('http:bad-len-ok', 'http:bad-sc-ok')
                OR id = 'http:${S100}s'")" 0 "refused requests: no session stored"

# A citizen at the menu does not wait behind a batch of SMS held up in the
# database: with the first intake worker held at the gate, the second takes
# the USSD step.
asp_gate_close ussd-gate
asp_ussd gate-s1 "$A" ""
gate_waiting=$(asp_psql "SELECT count(*) FROM pg_stat_activity
                         WHERE application_name = 'asp-gate' AND wait_event = 'PgSleep'")
asp_gate_open
is "$code ${screen%% *} $gate_waiting" "200 CON 1" \
    "a USSD step is answered by the other intake worker while a batch waits in the database"
is "$(asp_bg_code ussd-gate)" 200 "and the SMS held up is answered once the database lets it go"

asp_stop_daemon >/dev/null
asp_check_logs
tap_done
