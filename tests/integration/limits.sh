#!/usr/bin/env bash
#
# limits.sh: per-number limits and reply loops, over real HTTP to aspirasid
# on a throwaway PostgreSQL.  Checked: a flood of complaints from one
# number gets limits.tickets_per_hour tickets, one "too many" notice, then
# silence (200 with an empty body), every message stored once, another
# number untouched; limits.replies_per_day (a small one) the same way, the
# messages past it still carried out; a text repeated limits.loop_repeats
# times (case and spaces aside) and one of our own replies sent back get
# no answer and do nothing, while a keyword sent again is answered;
# Kannel's retry of a limited MO gets the same (empty) answer; in a batch (one intake worker, held up by a gate) the
# counts include the batch's own earlier jobs, and a batch that runs again
# job by job (one of its MOs refused) answers the same; the metric counts
# each reason; and through real Kannel, an empty answer sends no SMS.
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/limits.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 50

CONF="$ASP_TMP/aspirasi.conf"
NOTICE="Pesan Anda sudah terlalu banyak. Mohon tunggu sebelum mengirim lagi. Pesan Anda tetap kami simpan."
HELP="DPRD Kab. Mojokerto. Ketik: ADUAN isi aduan / STATUS no tiket / AGENDA / INFO / DAFTAR / BERHENTI"
TICKET_RE='tiket [0-9]{7}\.'

# mo ID FROM TEXT: one MO; sets CODE and BODY.
mo()
{
    local out
    out=$(curl -sS -m 30 -w '\n%{http_code}' "$(asp_mo_url id="$1" from="$2" to=1234 text="$3")")
    CODE=${out##*$'\n'}
    BODY=${out%$'\n'*}
}

# answers ID-PREFIX FROM N TEXT-PREFIX: N MOs, ids PREFIX-1..N, texts
# "TEXT-PREFIX 1".."TEXT-PREFIX N"; prints for each "code:kind", the kind
# being "ticket", "notice", "help", "empty" or the body itself.
answers()
{
    local i out=()
    for ((i = 1; i <= $3; i++)); do
        mo "$1-$i" "$2" "$4 $i"
        out+=("$CODE:$(kind "$BODY")")
    done
    echo "${out[*]}"
}

# kind BODY: what an answer is (see answers).
kind()
{
    if [ -z "$1" ]; then
        echo empty
    elif [ "$1" = "$NOTICE" ]; then
        echo notice
    elif [ "$1" = "$HELP" ]; then
        echo help
    elif [[ $1 =~ $TICKET_RE ]]; then
        echo ticket
    else
        echo "$1"
    fi
}

# limited REASON: the value of aspirasi_messages_limited_total for REASON.
limited()
{
    asp_metric "aspirasi_messages_limited_total{reason=\"$1\"}"
}

# queue NAME FROM TEXT [ID]: an MO queued behind the gate, Kannel id ID
# (default NAME).
queue()
{
    asp_gate_queue "$1" "$(asp_mo_url id="${4:-$1}" from="$2" to=1234 text="$3")"
}

# bg_kinds NAME...: "code:kind" of each background request.
bg_kinds()
{
    local n out=()
    for n in "$@"; do
        out+=("$(asp_bg_code "$n"):$(kind "$(asp_bg_body "$n")")")
    done
    echo "${out[*]}"
}

asp_createdb aspirasi_limits
# Without a journal, so that an MO the database refuses is answered 503.
asp_write_config "$CONF" 'quiet_hours = "";' 'db = { pool = 1; };' 'journal = { dir = ""; };' \
    'limits = { tickets_per_hour = 3; replies_per_day = 6; loop_repeats = 3; loop_window = 10; };'
asp_migrate "$CONF" || asp_bail "aspirasictl migrate failed"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"

# ---- tickets_per_hour ------------------------------------------------------
A=+6281355500001
B=+6281355500002
is "$(answers fa "$A" 6 "ADUAN jalan rusak di gang")" \
    "200:ticket 200:ticket 200:ticket 200:notice 200:empty 200:empty" \
    "a flood of complaints: tickets_per_hour tickets, one notice, then empty answers"
is "$(asp_psql "SELECT count(*) || ' ' || count(DISTINCT kannel_id) || ' ' ||
    count(*) FILTER (WHERE intent = 'complaint') || ' ' || count(*) FILTER (WHERE reply = '')
    FROM messages WHERE msisdn = '$A'")" "6 6 6 2" \
    "every message of the flood is stored once, as a complaint; the silent ones with an empty reply"
is "$(asp_psql "SELECT count(*) FROM tickets WHERE msisdn = '$A'")" 3 "and only 3 tickets"
is "$(asp_psql "SELECT string_agg(t.body, ',' ORDER BY t.id) FROM tickets t
    JOIN messages m ON m.id = t.message_id WHERE t.msisdn = '$A'")" \
    "jalan rusak di gang 1,jalan rusak di gang 2,jalan rusak di gang 3" "the tickets are the first three"
mo fb-1 "$B" "ADUAN lampu jalan mati"
like "$BODY" "$TICKET_RE" "another number's complaint meanwhile gets its ticket"
mo fa-7 "$A" "INFO"
like "$BODY" "." "the flooding number's other requests are still answered"
mo fa-5 "$A" "ADUAN jalan rusak di gang 5"
is "$CODE:$(kind "$BODY")" "200:empty" "Kannel's retry of a silenced complaint: 200 and the same empty answer"
mo fa-4 "$A" "ADUAN jalan rusak di gang 4"
is "$CODE:$(kind "$BODY")" "200:notice" "Kannel's retry of the complaint that got the notice: the notice again"
is "$(asp_psql "SELECT count(*) FROM messages WHERE msisdn = '$A'") $(asp_psql "SELECT count(*) FROM tickets WHERE msisdn = '$A'")" \
    "7 3" "the retries stored nothing and opened nothing"
is "$(limited tickets_per_hour)" 3 "aspirasi_messages_limited_total{reason=\"tickets_per_hour\"} counts the 3 complaints beyond"

# ---- replies_per_day -------------------------------------------------------
C=+6281355500003
is "$(answers rc "$C" 8 "halo apa kabar")" \
    "200:help 200:help 200:help 200:help 200:help 200:help 200:notice 200:empty" \
    "replies_per_day replies, then one notice, then empty answers"
mo rc-9 "$C" "DAFTAR"
is "$CODE:$(kind "$BODY")" "200:empty" "past replies_per_day, a subscription is not answered ..."
is "$(asp_psql "SELECT subscribed FROM citizens WHERE msisdn = '$C'")" t "... but carried out"
mo rc-10 "$C" "ADUAN saluran air mampet"
is "$CODE:$(kind "$BODY"):$(asp_psql "SELECT count(*) FROM tickets WHERE msisdn = '$C'")" "200:empty:1" \
    "a complaint past replies_per_day opens its ticket without a reply"
is "$(asp_psql "SELECT count(*) || ' ' || count(*) FILTER (WHERE reply <> '') FROM messages
    WHERE msisdn = '$C'")" "10 7" "all 10 stored; 6 replies and the notice"
is "$(limited replies_per_day)" 4 "the metric counts the notice and the 3 silent ones"

# ---- reply loops -------------------------------------------------------------
D=+6281355500004
mo ld-1 "$D" "Maaf, saya sedang sibuk. Nanti saya hubungi."
first=$BODY
mo ld-2 "$D" "maaf, SAYA sedang sibuk.  Nanti saya hubungi. "
second=$BODY
mo ld-3 "$D" $'MAAF, saya sedang\nsibuk. Nanti saya hubungi.'
is "$([ -n "$first" ] && [ "$first" = "$second" ] && echo answered) $CODE:$(kind "$BODY")" \
    "answered 200:empty" "the same text 3 times (case and spaces aside): the third gets no answer"
mo ld-4 "$D" "Maaf, saya sedang sibuk. Nanti saya hubungi."
is "$CODE:$(kind "$BODY")" "200:empty" "nor the fourth"
mo ld-5 "$D" "AGENDA"
like "$BODY" "." "another text from the same number is answered"
mo ld-6 "$D" "AGENDA"
mo ld-7 "$D" "agenda"
is "$CODE:$((${#BODY} > 0))" "200:1" "a keyword (AGENDA) sent 3 times is a citizen asking again: answered"
mo ld-3 "$D" $'MAAF, saya sedang\nsibuk. Nanti saya hubungi.'
is "$CODE:$(kind "$BODY")" "200:empty" "Kannel's retry of a looping message: the same empty answer"
is "$(asp_psql "SELECT count(*) || ' ' || count(*) FILTER (WHERE reply = '') FROM messages
    WHERE msisdn = '$D'")" "7 2" "every message of the loop is stored"
is "$(asp_psql "SELECT count(DISTINCT body_key) || ' ' || count(body_key) || ' ' || count(reply_key)
    FROM messages WHERE kannel_id IN ('ld-1', 'ld-2', 'ld-3', 'ld-4')")" "1 4 4" \
    "each message is stored with the keys of its text and reply; one key for the text in any case and spacing"

# Rows without keys (written before migration 013, or by hand) are compared
# by their texts.
N=+6281355500013
asp_psql "INSERT INTO messages (kannel_id, msisdn, body, raw, intent, reply)
    VALUES ('lk-1', '$N', E' Saya\\tSEDANG  rapat', '', 'unknown', ''),
           ('lk-2', '$N', 'saya sedang Rapat ', '', 'unknown', 'Terima KASIH,  pesan Anda kami catat')" >/dev/null
mo lk-3 "$N" "saya sedang rapat"
is "$CODE:$(kind "$BODY")" "200:empty" "two earlier texts stored without keys: the third is a loop"
mo lk-4 "$N" "terima kasih, pesan anda kami catat"
is "$CODE:$(kind "$BODY")" "200:empty" "a reply stored without its key, sent back: no answer"

E=+6281355500005
mo le-1 "$E" "ADUAN jembatan retak di Desa Sooko"
our=$BODY
like "$our" "$TICKET_RE" "a complaint gets its ticket"
mo le-2 "$E" "$our"
is "$CODE:$(kind "$BODY")" "200:empty" "our own reply sent back: no answer"
is "$(asp_psql "SELECT count(*) FROM tickets WHERE msisdn = '$E'") $(asp_psql "SELECT count(*) FROM messages WHERE msisdn = '$E'")" \
    "1 2" "and it opens no ticket, though it is stored"
mo le-3 "$E" "STATUS"
status_reply=$BODY
mo le-4 "$E" "  ${status_reply,,}  "
is "$(kind "$status_reply") $CODE:$(kind "$BODY")" "Ketik STATUS lalu no tiket 7 angka. Contoh: STATUS 4821937 200:empty" \
    "another reply sent back in other case and spaces: no answer"
is "$(limited loop)" 6 "the metric counts the loops and the echoes"

# ---- in one batch ------------------------------------------------------------
F=+6281355500006
G=+6281355500007
H=+6281355500008
s0=$(asp_metric aspirasi_intake_batch_size_sum)
n0=$(asp_metric aspirasi_intake_batch_size_count)
asp_gate_close lb-gate-1
for i in 1 2 3 4 5; do
    queue "lb-f$i" "$F" "ADUAN trotoar rusak nomor $i"
done
queue lb-g1 "$G" "ADUAN pohon tumbang"
for i in 1 2 3; do
    queue "lb-h$i" "$H" "Pesan otomatis: saya tidak di tempat"
done
queue lb-f5-again "$F" "ADUAN trotoar rusak nomor 5" lb-f5
asp_gate_open
is "$(asp_batches_since "$s0" "$n0")" "11 2" "the 10 queued MOs are written as one batch"
is "$(bg_kinds lb-f1 lb-f2 lb-f3 lb-f4 lb-f5 lb-f5-again)" \
    "200:ticket 200:ticket 200:ticket 200:notice 200:empty 200:empty" \
    "5 complaints of one number in one batch: 3 tickets, the notice, silence (its retry too)"
is "$(bg_kinds lb-g1)" "200:ticket" "another number's complaint in the batch gets its ticket"
is "$(bg_kinds lb-h1 lb-h2 lb-h3)" "200:help 200:help 200:empty" \
    "the same text 3 times in one batch: the third gets no answer"
is "$(asp_psql "SELECT count(*) FROM tickets WHERE msisdn = '$F'") $(asp_psql "SELECT count(*) FROM messages WHERE msisdn = '$F'")" \
    "3 5" "the batch: 3 tickets, 5 messages"

# The daily limit counts the batch's own replies: C is past it already, J
# gets 6 replies over two batches.
J=+6281355500009
answers rj "$J" 4 "halo lagi" >/dev/null
asp_gate_close lb-gate-2
for i in 5 6 7 8; do
    queue "rj-$i" "$J" "halo lagi $i"
done
asp_gate_open
is "$(bg_kinds rj-5 rj-6 rj-7 rj-8)" "200:help 200:help 200:notice 200:empty" \
    "replies_per_day counts the replies of the same batch"

# ---- a batch that runs again job by job --------------------------------------
# A trigger of this test refuses one MO: the batch runs again, each job
# under its own savepoint, reading its counts itself; the answers are the
# same as in one pass.
asp_refuse ls-bad
K=+6281355500010
L=+6281355500011
s0=$(asp_metric aspirasi_intake_batch_size_sum)
n0=$(asp_metric aspirasi_intake_batch_size_count)
asp_gate_close lb-gate-3
queue ls-k1 "$K" "ADUAN got mampet nomor 1"
queue ls-bad "$L" "ADUAN ditolak"
for i in 2 3 4 5; do
    queue "ls-k$i" "$K" "ADUAN got mampet nomor $i"
done
for i in 1 2 3; do
    queue "ls-l$i" "$L" "Auto reply: out of office"
done
asp_gate_open
is "$(asp_batches_since "$s0" "$n0")" "10 2" "the 9 queued MOs are written as one batch"
is "$(asp_bg_code ls-bad)" 503 "the refused MO is refused alone"
is "$(bg_kinds ls-k1 ls-k2 ls-k3 ls-k4 ls-k5)" \
    "200:ticket 200:ticket 200:ticket 200:notice 200:empty" \
    "job by job, the same answers: 3 tickets, the notice, silence"
is "$(asp_bg_code ls-l1):$(asp_bg_code ls-l2):$(kind "$(asp_bg_body ls-l2)") $(bg_kinds ls-l3)" \
    "200:200:$(kind "$(asp_bg_body ls-l1)") 200:empty" "and the same loop detected"
is "$(asp_psql "SELECT count(*) FROM tickets WHERE msisdn = '$K'") $(asp_psql "SELECT count(*) FROM messages WHERE msisdn = '$K'")" \
    "3 5" "3 tickets, 5 messages"
asp_refuse_end

# ---- each limit can be turned off ------------------------------------------------
asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM"
asp_write_config "$CONF" 'quiet_hours = "";' 'db = { pool = 1; };' \
    'limits = { tickets_per_hour = 0; replies_per_day = 0; loop_window = 0; };'
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start again"
is "$(answers fa-off "$A" 3 "ADUAN jalan rusak di gang")" "200:ticket 200:ticket 200:ticket" \
    "tickets_per_hour = 0: the flooding number gets tickets again"
mo rc-off "$C" "halo apa kabar 1"
is "$CODE:$(kind "$BODY")" "200:help" "replies_per_day = 0: answered again"
mo ld-off "$D" "Maaf, saya sedang sibuk. Nanti saya hubungi."
is "$CODE:$BODY" "200:$first" "loop_window = 0: a repeated text is answered"
asp_stop_daemon

# ---- through Kannel: an empty answer sends nothing ------------------------------
asp_write_config "$CONF" 'quiet_hours = "";' \
    'limits = { tickets_per_hour = 1; replies_per_day = 30; loop_repeats = 3; loop_window = 10; };'
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start a third time"
asp_start_kannel || asp_bail "Kannel did not start"
M=+6281355500012
like "$(asp_sms "$M" "ADUAN banjir di Desa Japan")" "$TICKET_RE" "through Kannel, the first complaint gets its ticket"
is "$(asp_sms "$M" "ADUAN banjir lagi di Desa Japan")" "$NOTICE" "the second, past tickets_per_hour = 1, the notice"
got=$(asp_sms "$M" "ADUAN banjir ketiga di Desa Japan" 5)
rc=$?
is "$((rc != 0)):$got" "1:" "the third: no SMS at all (omit-empty), not Kannel's reply-emptymessage"
asp_until asp_sql_is "SELECT count(*) FROM messages WHERE msisdn = '$M'" 3
is "$(asp_psql "SELECT count(*) || ' ' || count(*) FILTER (WHERE reply = '') FROM messages
    WHERE msisdn = '$M'")" "3 1" "all three stored; the third with an empty reply"

asp_check_logs
tap_done
