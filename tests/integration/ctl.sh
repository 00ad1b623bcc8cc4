#!/usr/bin/env bash
#
# aspirasictl and the checks aspirasid makes before it serves: migrations,
# the unmigrated-database refusal, "aspirasid -n", classify, and the ticket
# commands on a ticket made by a real MO, down to the STATUS reply a
# citizen gets after staff change the status and the notification queued
# for them in their language.  Then broadcasts: the preview (recipients,
# encoding, segments, cost), refused texts, the outbox rows a start writes
# for each audience, the confirmation at a terminal, progress, cancelling
# and the announcement of an agenda session.  Nothing is sent here (no
# sendsms URL): rows are moved by hand where a test needs sent ones.
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/ctl.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

tap_plan 187

CTL=$ASP_BUILDDIR/aspirasictl
DAEMON=$ASP_BUILDDIR/aspirasid
FROM=+6281234567890

# run CMD...: runs a command, setting OUT (stdout), ERR (stderr), RC.
run()
{
    "$@" >"$ASP_TMP/run.out" 2>"$ASP_TMP/run.err" </dev/null
    RC=$?
    OUT=$(cat "$ASP_TMP/run.out")
    ERR=$(cat "$ASP_TMP/run.err")
}

# failed NAME: a test that the last run() exited non-zero.
failed()
{
    if [ "$RC" -ne 0 ]; then
        ok "$1"
    else
        not_ok "$1" "exit status 0; stdout: $OUT"
    fi
}

CONF=$ASP_TMP/aspirasi.conf
# Written before any database exists, so it names none: the database is
# the one in ASPIRASI_DB, which asp_createdb sets (the override the tests of
# the unmigrated database rely on).
asp_write_config "$CONF"

# ---- migrate -----------------------------------------------------------------

asp_createdb aspirasi_ctl
run "$CTL" -c "$CONF" migrate
is "$RC" 0 "migrate on a new database: exit 0"
like "$OUT" '(^|[[:space:]])applied 001_[a-z_]+' "migrate on a new database: applies 001"
nmig=$(find "$ASP_SRCDIR/db/migrations" -name '[0-9][0-9][0-9]_*.sql' | wc -l)
is "$(asp_psql "SELECT count(*) FROM schema_migrations")" "$nmig" "migrate: every version recorded"
for t in messages tickets ticket_events citizens settings; do
    is "$(asp_psql "SELECT to_regclass('public.$t') IS NOT NULL")" t "migrate: table $t exists"
done
run "$CTL" -c "$CONF" migrate
is "$RC" 0 "migrate again: exit 0"
unlike "$OUT" 'applied [0-9]{3}_' "migrate again: applies nothing"
is "$(asp_psql "SELECT count(*) FROM schema_migrations")" "$nmig" "migrate again: no version twice"

# ---- aspirasid refuses an unmigrated database --------------------------------

MIGRATED_DB=$ASPIRASI_DB
asp_createdb aspirasi_empty
run timeout 30 "$DAEMON" -c "$CONF"
cp "$ASP_TMP/run.err" "$ASP_TMP/aspirasid-unmigrated.log" # scanned by asp_check_logs
is "$RC" 1 "aspirasid on an unmigrated database: exit 1"
like "$ERR" 'aspirasictl migrate' "aspirasid on an unmigrated database: says to run aspirasictl migrate"
is "$(asp_psql "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" 0 \
    "aspirasid on an unmigrated database: creates nothing"
export ASPIRASI_DB=$MIGRATED_DB

# ---- aspirasid -n ------------------------------------------------------------

cd "$ASP_TMP" || exit 1
cat >bad.conf <<'EOF'
# a configuration with mistakes on lines 4, 6 and 8
listen = "127.0.0.1:8787";
kannel = { secret = "long-enough-secret"; };
kanel_secret = "typo";
http = {
    threads = 0;
};
log_level = "loud";
EOF
run "$DAEMON" -n -c bad.conf
is "$RC" 1 "aspirasid -n with a bad config: exit 1"
like "$OUT$ERR" 'bad\.conf:4: unknown key' "aspirasid -n: bad.conf:4: unknown key ..."
like "$OUT$ERR" 'kanel_secret' "aspirasid -n: the unknown key is named"
like "$OUT$ERR" 'bad\.conf:6: ' "aspirasid -n: a value out of range names its line (6)"
like "$OUT$ERR" 'bad\.conf:8: ' "aspirasid -n: a bad log_level names its line (8)"
cat >syntax.conf <<'EOF'
listen = "127.0.0.1:8787";
http = { threads = ; };
EOF
run "$DAEMON" -n -c syntax.conf
is "$RC" 1 "aspirasid -n with a syntax error: exit 1"
like "$OUT$ERR" 'syntax\.conf:2: ' "aspirasid -n: a syntax error names its line"
run "$DAEMON" -n -c "$CONF"
is "$RC" 0 "aspirasid -n with a good config: exit 0"
cat >nosecret.conf <<'EOF'
listen = "127.0.0.1:8787";
EOF
run env -u ASPIRASI_KANNEL_SECRET "$DAEMON" -n -c nosecret.conf
is "$RC" 1 "aspirasid -n without kannel.secret: exit 1"
like "$OUT$ERR" 'secret' "aspirasid -n without kannel.secret: says so"
cd - >/dev/null || exit 1

# ---- classify ----------------------------------------------------------------

# One message per line, and the line classify must print for it.
CASES=(
    "ADUAN jalan rusak di Desa Sooko RT 3|complaint	jalan rusak di Desa Sooko RT 3"
    "aduan  lampu mati|complaint	lampu mati"
    "LAPOR sampah menumpuk|complaint	sampah menumpuk"
    "Aspirasi: perbaiki jembatan|complaint	perbaiki jembatan"
    "ADUAN|complaint	"
    "status 482-19 37|status	4821937"
    "STATUS 4821937|status	4821937"
    "cek 4821937|status	4821937"
    "STATUS|status	"
    "AGENDA|agenda	"
    "agenda besok|agenda	tomorrow"
    "JADWAL KOMISI C|agenda	komisi=3"
    "INFO ANGGARAN|info	anggaran"
    "DAFTAR|subscribe	"
    "BERHENTI|unsubscribe	"
    "STOP|unsubscribe	"
    "unreg|unsubscribe	"
    "HELP|help	"
    "menu|help	"
    "halo|unknown	"
    "  halo, apa kabar  |unknown	"
    "stop pungli di kantor desa saya mau lapor|complaint	stop pungli di kantor desa saya mau lapor"
    "|unknown	"
)
printf '%s\n' "${CASES[@]%%|*}" >"$ASP_TMP/classify.in"
"$CTL" -c "$CONF" classify <"$ASP_TMP/classify.in" >"$ASP_TMP/classify.out" 2>"$ASP_TMP/classify.err"
is "$?" 0 "classify: exit 0"
mapfile -t GOT <"$ASP_TMP/classify.out"
is "${#GOT[@]}" "${#CASES[@]}" "classify: one output line per input line"
for i in "${!CASES[@]}"; do
    is "${GOT[$i]-}" "${CASES[$i]#*|}" "classify: '${CASES[$i]%%|*}'"
done

# ---- the ticket commands -------------------------------------------------------

asp_start_daemon "$CONF"
TEXT="ADUAN lampu penerangan jalan mati di Desa Puri"
curl -sS -m 30 -o "$ASP_TMP/mo.body" "$(asp_mo_url id=ctl-1 from="$FROM" text="$TEXT")"
REPLY=$(cat "$ASP_TMP/mo.body")
T=""
[[ $REPLY =~ tiket\ ([0-9]{7})\. ]] && T=${BASH_REMATCH[1]}
like "$T" '^[0-9]{7}$' "an MO made ticket $T"

MASKED='\+62812\*+7890'
run "$CTL" -c "$CONF" ticket list
is "$RC" 0 "ticket list: exit 0"
like "$OUT" "$T" "ticket list: shows the ticket"
like "$OUT" "$MASKED" "ticket list: the phone number masked"
unlike "$OUT" '6281234567890' "ticket list: never the whole number"
like "$OUT" 'baru' "ticket list: the status"

run "$CTL" -c "$CONF" ticket show "$T"
is "$RC" 0 "ticket show: exit 0"
like "$OUT" "$T" "ticket show: the code"
like "$OUT" 'lampu penerangan jalan mati di Desa Puri' "ticket show: the body"
like "$OUT" 'baru' "ticket show: the status"
like "$OUT" 'Diterima, menunggu ditelaah' "ticket show: the status wording"
like "$OUT" "$MASKED" "ticket show: the phone number masked"
unlike "$OUT" '6281234567890' "ticket show: never the whole number"
like "$OUT" '[Hh]istory' "ticket show: a history"

run "$CTL" -c "$CONF" ticket show "$T" --full-number
is "$RC" 0 "ticket show --full-number: exit 0"
like "$OUT" '\+6281234567890' "ticket show --full-number: the whole number"

run "$CTL" -c "$CONF" ticket set-status "$T" diproses --note "dicek petugas lapangan"
is "$RC" 0 "ticket set-status diproses: exit 0"
run "$CTL" -c "$CONF" ticket show "$T"
like "$OUT" 'diproses' "ticket show after set-status: the new status"
like "$OUT" 'dicek petugas lapangan' "ticket show after set-status: the note in the history"
is "$(asp_psql "SELECT string_agg(e.status, ',' ORDER BY e.id) FROM ticket_events e
    JOIN tickets t ON t.id = e.ticket_id WHERE t.code = '$T'")" "baru,diproses" \
    "set-status: the history holds both statuses in order"
is "$(asp_psql "SELECT o.msisdn, o.kind, o.state, o.coding, o.body, o.ticket_id = t.id FROM outbox o
    JOIN tickets t ON t.code = '$T'")" \
    "+6281234567890|notification|queued|0|Aduan $T: Sedang diproses. Info: ketik STATUS $T|t" \
    "set-status: one notification queued for the citizen, in plain words"
asp_psql "INSERT INTO citizens (msisdn, language) VALUES ('+6281234567890', 'jv')" >/dev/null
run "$CTL" -c "$CONF" ticket set-status "$T" diteruskan --quiet
like "$OUT" "not told" "set-status --quiet: says the citizen is not told"
is "$(asp_psql "SELECT count(*) FROM outbox")" 1 "set-status --quiet: no notification"
run "$CTL" -c "$CONF" ticket set-status "$T" diproses
is "$(asp_psql "SELECT body FROM outbox ORDER BY id DESC LIMIT 1")" \
    "Aduan $T: Sedang diproses. Priksa: ketik STATUS $T" \
    "set-status: the notification uses the citizen's chosen language (Javanese template)"

run "$CTL" -c "$CONF" ticket list --status diproses
like "$OUT" "$T" "ticket list --status diproses: shows it"
run "$CTL" -c "$CONF" ticket list --status selesai
unlike "$OUT" "$T" "ticket list --status selesai: does not show it"

day0=$(TZ=Asia/Jakarta date +%d/%m/%Y)
curl -sS -m 30 -o "$ASP_TMP/st.body" "$(asp_mo_url id=ctl-2 from=+6285712345678 text="STATUS $T")"
day1=$(TZ=Asia/Jakarta date +%d/%m/%Y)
ST=$(cat "$ASP_TMP/st.body")
if [ "$ST" = "Tiket $T: Sedang diproses. Perubahan terakhir $day0." ] ||
    [ "$ST" = "Tiket $T: Sedang diproses. Perubahan terakhir $day1." ]; then
    ok "STATUS over HTTP after set-status: \"Sedang diproses\""
else
    not_ok "STATUS over HTTP after set-status: \"Sedang diproses\"" "got '$ST'"
fi

run "$CTL" -c "$CONF" ticket set-status "$T" dibuang
failed "set-status to an unknown status: non-zero exit"
like "$ERR" 'baru.*diproses.*diteruskan.*selesai.*ditolak' \
    "set-status to an unknown status: names the valid statuses"
is "$(asp_psql "SELECT status FROM tickets WHERE code = '$T'")" diproses \
    "set-status to an unknown status: the ticket is unchanged"

for b in 123456 654321 111111 909090 271828; do
    U=$b$(asp_damm "$b")
    [ "$(asp_psql "SELECT count(*) FROM tickets WHERE code = '$U'")" = 0 ] && break
done
run "$CTL" -c "$CONF" ticket show "$U"
failed "ticket show of an unknown code: non-zero exit"
like "$ERR" "$U" "ticket show of an unknown code: names it"
run "$CTL" -c "$CONF" ticket set-status "$U" selesai
failed "ticket set-status of an unknown code: non-zero exit"
is "$(asp_psql "SELECT count(*) FROM outbox")" 2 "set-status of an unknown code: no notification"
BADCODE=${T:0:6}$(((${T:6:1} + 1) % 10))
run "$CTL" -c "$CONF" ticket show "$BADCODE"
failed "ticket show of a code with a wrong check digit: non-zero exit"

# ---- broadcasts ---------------------------------------------------------------
asp_psql "INSERT INTO citizens (msisdn, subscribed, komisi) VALUES
          ('+6281100000001', true, '{}'), ('+6281100000002', true, '{3}'),
          ('+6281100000003', true, '{1}'), ('+6281100000004', false, '{}')" >/dev/null
run "$CTL" -c "$CONF" broadcast create --text "Rapat Paripurna APBD 2027 Sen 2/12 09:00 di Gd DPRD."
is "$RC" 0 "broadcast create without a terminal: exit 0"
like "$OUT" "recipients: +3 " "the preview counts subscribers, not numbers that opted out"
like "$OUT" "GSM-7, 52 characters, 1 segment per message" "the preview shows encoding and segments"
like "$OUT" "cost: +Rp 1.050 \(Rp 350 per segment\)" "the preview shows the cost in Rupiah"
like "$OUT" "not started; to send it: aspirasictl broadcast start [0-9]+" \
    "without a terminal or --yes nothing is sent"
B1=$(asp_psql "SELECT max(id) FROM broadcasts")
is "$(asp_psql "SELECT count(*) FROM outbox WHERE broadcast_id = $B1")" 0 "a draft writes no outbox rows"
run "$CTL" -c "$CONF" broadcast start "$B1" --yes
like "$OUT" "started broadcast $B1: 3 messages queued" "broadcast start --yes queues it"
is "$(asp_psql "SELECT string_agg(msisdn, ',' ORDER BY msisdn) FROM outbox WHERE broadcast_id = $B1
                AND kind = 'broadcast' AND priority = 1 AND NOT urgent")" \
    "+6281100000001,+6281100000002,+6281100000003" "one bulk row per subscriber"
run "$CTL" -c "$CONF" broadcast start "$B1" --yes
failed "a started broadcast cannot start again"
run "$CTL" -c "$CONF" broadcast create --text "Rapat Komisi III bersama Dinas PUPR." \
    --audience komisi:III --yes
like "$OUT" "2 messages queued" "audience komisi:III: its subscribers and those who follow all"
B2=$(asp_psql "SELECT max(id) FROM broadcasts")
asp_psql "UPDATE outbox SET state = 'delivered' WHERE broadcast_id = $B2
          AND msisdn = '+6281100000001'" >/dev/null
run "$CTL" -c "$CONF" broadcast status "$B2"
like "$OUT" "\[#{10}-{10}\] 50% \(sent 1 of 2\)" "broadcast status: a progress bar"
like "$OUT" "queued 1, sending 0, accepted 0, delivered 1" "broadcast status: counts by state"
run "$CTL" -c "$CONF" broadcast cancel "$B2"
like "$OUT" "cancelled broadcast $B2: 1 message not sent" "broadcast cancel stops what is queued"
is "$(asp_psql "SELECT string_agg(state, ',' ORDER BY msisdn) FROM outbox WHERE broadcast_id = $B2")" \
    "delivered,cancelled" "what was sent stays, the rest is cancelled"
run "$CTL" -c "$CONF" broadcast create --text "$(printf 'x%.0s' $(seq 460))"
failed "a text longer than 3 segments is refused"
like "$ERR" "takes 4 SMS segments" "and the reason says how many"
run "$CTL" -c "$CONF" broadcast create --text "Rapat 🙂 besok" --yes
like "$OUT" "UCS-2, 13 characters, 1 segment" "a text outside GSM-7 goes as UCS-2"
run "$CTL" -c "$CONF" broadcast create --text "x" --audience komisi:V
failed "an unknown komisi is refused"
S=$(asp_psql "INSERT INTO agenda_sessions (type, komisi, title, starts_at, place, created_by, updated_by)
              VALUES ('komisi', 3, 'RDP Dinas PUPR', '2030-12-02 03:00+00', 'R. Komisi III', 't', 't')
              RETURNING id")
run "$CTL" -c "$CONF" broadcast create --agenda "$S" --yes
like "$OUT" "Komisi III" "broadcast --agenda: goes to the session's komisi"
like "$(asp_psql "SELECT body FROM broadcasts ORDER BY id DESC LIMIT 1")" \
    "^DPRD Kab. Mojokerto: .*2/12 10:00.*USUL $S .*BERHENTI" "and announces the session"
run "$CTL" -c "$CONF" broadcast list
like "$OUT" "cancelled" "broadcast list shows each broadcast with its state"
run "$CTL" -c "$CONF" broadcast status 999999
failed "broadcast status of an unknown id: non-zero exit"

# ---- broadcasts: previews, audiences, progress and cancelling -------------------

# The subscribers so far: +...01 (everything), +...02 (komisi III), +...03
# (komisi I); +...04 never subscribed, nor did the ticket's citizen.  Now one
# following II and III, one following IV, and one that opted out.
asp_psql "INSERT INTO citizens (msisdn, subscribed, komisi, opted_out_at) VALUES
          ('+6281100000005', true, '{2,3}', NULL), ('+6281100000008', true, '{4}', NULL),
          ('+6281100000006', false, '{}', now())" >/dev/null
NB=$(asp_psql "SELECT count(*) FROM broadcasts")
run "$CTL" -c "$CONF" broadcast create --text ""
failed "an empty text is refused"
like "$ERR" "empty" "an empty text: says so"
run "$CTL" -c "$CONF" broadcast create --text "   "
failed "a text of spaces only is refused"
run "$CTL" -c "$CONF" broadcast create --text "$(printf 'x%.0s' $(seq 460))" --yes
failed "a text of 4 segments is refused even with --yes"
run "$CTL" -c "$CONF" broadcast create --text "$(printf '\u0101%.0s' $(seq 202))"
failed "a UCS-2 text of 202 characters (4 segments of 67) is refused"
like "$ERR" "takes 4 SMS segments \(202 characters, UCS-2" "and the reason names UCS-2"
is "$(asp_psql "SELECT count(*) FROM broadcasts")" "$NB" "a refused text makes no draft"

X459=$(printf 'x%.0s' $(seq 459))
run "$CTL" -c "$CONF" broadcast create --text "$X459"
is "$RC" 0 "459 GSM-7 characters (3 segments of 153) are accepted"
like "$OUT" "recipients: +5 " "the preview counts the 5 subscribers, not the 3 others"
like "$OUT" "GSM-7, 459 characters, 3 segments per message" "459 characters: 3 segments"
like "$OUT" "segments: +15 in all" "the preview multiplies recipients by segments"
like "$OUT" "cost: +Rp 5.250 \(Rp 350 per segment\)" "the default price: 15 x Rp 350"
run "$CTL" -c "$CONF" broadcast create --text "$(printf '\u0101%.0s' $(seq 201))"
like "$OUT" "UCS-2, 201 characters, 3 segments per message" "201 UCS-2 characters: 3 segments"

# A configured price, and enough subscribers to need thousands separators.
CONF_PRICE=$ASP_TMP/price.conf
{
    cat "$CONF"
    echo 'broadcast = { price_per_segment = 1250; };'
} >"$CONF_PRICE"
asp_psql "INSERT INTO citizens (msisdn, subscribed, komisi)
          SELECT '+62822' || lpad(g::text, 8, '0'), true, '{2}' FROM generate_series(1, 1000) g" \
    >/dev/null
run "$CTL" -c "$CONF_PRICE" broadcast create --text "$X459" --audience komisi:II
like "$OUT" "recipients: +1.002 " "recipients over a thousand: 1.002"
like "$OUT" "Komisi II " "audience komisi:II: named in the preview"
like "$OUT" "segments: +3.006 in all" "segments over a thousand: 3.006"
like "$OUT" "cost: +Rp 3.757.500 \(Rp 1.250 per segment\)" \
    "the configured price: Rp 3.757.500, Indonesian thousands"
asp_psql "DELETE FROM citizens WHERE msisdn LIKE '+62822%'" >/dev/null
is "$(asp_psql "SELECT count(*) FROM outbox WHERE broadcast_id IN
                (SELECT id FROM broadcasts WHERE state = 'draft')")" 0 "drafts write no outbox rows"

run "$CTL" -c "$CONF" broadcast create --text "Reses anggota DPRD Dapil 2." --audience komisi:3 --yes
like "$OUT" "Komisi III" "audience komisi:3: read as Komisi III"
like "$OUT" "3 messages queued" "audience komisi:3: 3 messages"
B3=$(asp_psql "SELECT max(id) FROM broadcasts")
is "$(asp_psql "SELECT audience FROM broadcasts WHERE id = $B3")" "komisi:3" "audience komisi:3 stored"
is "$(asp_psql "SELECT string_agg(msisdn, ',' ORDER BY msisdn) FROM outbox WHERE broadcast_id = $B3")" \
    "+6281100000001,+6281100000002,+6281100000005" \
    "komisi:3 reaches those following III or everything; not I, not IV, not the unsubscribed"
run "$CTL" -c "$CONF" broadcast create --text "Musrenbang Kecamatan Sooko, Kamis 09:00." --yes
like "$OUT" "started broadcast [0-9]+: 5 messages queued" "audience all: 5 messages"
B4=$(asp_psql "SELECT max(id) FROM broadcasts")
is "$(asp_psql "SELECT string_agg(msisdn, ',' ORDER BY msisdn) FROM outbox WHERE broadcast_id = $B4
                AND kind = 'broadcast' AND priority = 1 AND NOT urgent AND state = 'queued'
                AND coding = 0 AND body = 'Musrenbang Kecamatan Sooko, Kamis 09:00.'")" \
    "+6281100000001,+6281100000002,+6281100000003,+6281100000005,+6281100000008" \
    "audience all: one queued bulk row per subscriber, none for opted-out or unsubscribed numbers"
is "$(asp_psql "SELECT state, recipients, started_at IS NOT NULL FROM broadcasts WHERE id = $B4")" \
    "running|5|t" "a started broadcast is running with its recipients"

run "$CTL" -c "$CONF" broadcast status "$B4"
like "$OUT" "\[-{20}\] 0% \(sent 0 of 5\)" "status before sending: an empty bar"
like "$OUT" "recipients 5" "status: the recipients"
asp_psql "UPDATE outbox SET state = CASE msisdn WHEN '+6281100000001' THEN 'sending'
          WHEN '+6281100000002' THEN 'accepted' WHEN '+6281100000003' THEN 'delivered'
          WHEN '+6281100000005' THEN 'failed' ELSE state END WHERE broadcast_id = $B4" >/dev/null
run "$CTL" -c "$CONF" broadcast status "$B4"
is "$RC" 0 "broadcast status: exit 0"
like "$OUT" "broadcast $B4: running" "status: the state"
like "$OUT" "\[#{12}-{8}\] 60% \(sent 3 of 5\)" "status: sent = accepted + delivered + failed"
like "$OUT" "queued 1, sending 1, accepted 1, delivered 1, failed 1, cancelled 0, opted out 0" \
    "status: one count per state"
run "$CTL" -c "$CONF" broadcast cancel "$B4"
is "$OUT" "cancelled broadcast $B4: 1 message not sent" "cancel: only the queued row is stopped"
is "$(asp_psql "SELECT string_agg(right(msisdn, 2) || ':' || state || ':' || (done_at IS NOT NULL),
                ',' ORDER BY msisdn) FROM outbox WHERE broadcast_id = $B4 AND state <> 'failed'")" \
    "01:sending:false,02:accepted:false,03:delivered:false,08:cancelled:true" \
    "cancel: the row being sent finishes, what was sent stays, the queued one is cancelled"
run "$CTL" -c "$CONF" broadcast status "$B4"
like "$OUT" "broadcast $B4: cancelled" "status after cancel: cancelled"
like "$OUT" "75% \(sent 3 of 4\)" "status after cancel: the cancelled row is not counted as to send"
like "$OUT" "cancelled 1, opted out 0" "status after cancel: the cancelled count"
run "$CTL" -c "$CONF" broadcast cancel "$B4"
failed "cancelling twice: non-zero exit"
like "$ERR" "cancelled already" "cancelling twice: says so"
run "$CTL" -c "$CONF" broadcast start "$B4" --yes
failed "a cancelled broadcast cannot start"

asp_psql "UPDATE outbox SET state = 'opted_out' WHERE broadcast_id = $B3
          AND msisdn = '+6281100000005'" >/dev/null
run "$CTL" -c "$CONF" broadcast status "$B3"
like "$OUT" "\[-{20}\] 0% \(sent 0 of 2\)" "status: a row of a number that opted out is not to send"
like "$OUT" "opted out 1" "status: the opted-out count"

run "$CTL" -c "$CONF" broadcast create --text "Draf yang dibatalkan."
B5=$(asp_psql "SELECT max(id) FROM broadcasts")
run "$CTL" -c "$CONF" broadcast status "$B5"
like "$OUT" "broadcast $B5: draft" "status of a draft: draft"
like "$OUT" "\[-{20}\] 0% \(sent 0 of 0\)" "status of a draft: nothing sent"
run "$CTL" -c "$CONF" broadcast cancel "$B5"
is "$OUT" "cancelled broadcast $B5: 0 messages not sent" "a draft can be cancelled"
run "$CTL" -c "$CONF" broadcast start "$B5" --yes
failed "a cancelled draft cannot start"
like "$ERR" "cancelled, not a draft" "and says it is cancelled"
is "$(asp_psql "SELECT count(*) FROM outbox WHERE broadcast_id = $B5")" 0 \
    "a cancelled draft writes no rows"
run "$CTL" -c "$CONF" broadcast cancel 999999
failed "cancel of an unknown id: non-zero exit"
run "$CTL" -c "$CONF" broadcast start 999999 --yes
failed "start of an unknown id: non-zero exit"

run "$CTL" -c "$CONF" broadcast create \
    --text "Sidang 🙂 Paripurna: pengesahan Perda RTRW tahun 2027 di Gedung DPRD"
run "$CTL" -c "$CONF" broadcast list
is "$RC" 0 "broadcast list: exit 0"
like "$(printf '%s\n' "$OUT" | grep -E "^ *$B4  ")" \
    "^ *$B4  [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}  cancelled +all +5  Musrenbang Kecamatan Sooko, Kamis 09:00\\.\$" \
    "broadcast list: id, created, state, audience, recipients and the text"
like "$OUT" "draft +all +0  Sidang 🙂 Paripurna: pengesahan Perda RTR\\.\\.\\." \
    "broadcast list: the first 40 characters of a longer text, whole characters"
like "$OUT" "  x{40}\\.\\.\\." "broadcast list: 40 characters of the long draft"

# The confirmation at a terminal: script(1) (util-linux) gives the command a
# pseudo-terminal and types the answer.
run "$CTL" -c "$CONF" broadcast create --text "Draf untuk terminal."
B6=$(asp_psql "SELECT max(id) FROM broadcasts")
START="$(printf '%q ' "$CTL" -c "$CONF" broadcast start "$B6")"
printf 'n\n' | script -qec "$START" /dev/null >"$ASP_TMP/tty.out" 2>&1
TTY=$(tr -d '\r' <"$ASP_TMP/tty.out")
like "$TTY" "Send to 5 recipients\\? \\[y/N\\] " "at a terminal: asks before sending"
like "$TTY" "not started; to send it: aspirasictl broadcast start $B6" "answering n: not started"
is "$(asp_psql "SELECT state FROM broadcasts WHERE id = $B6")" draft "answering n: still a draft"
printf 'y\n' | script -qec "$START" /dev/null >"$ASP_TMP/tty.out" 2>&1
like "$(tr -d '\r' <"$ASP_TMP/tty.out")" "started broadcast $B6: 5 messages queued" \
    "answering y: started"
is "$(asp_psql "SELECT count(*) FROM outbox WHERE broadcast_id = $B6")" 5 "answering y: 5 rows"

# --agenda: the announcement of a session, to its komisi or to everyone.
P=$(asp_psql "INSERT INTO agenda_sessions (type, title, starts_at, place, created_by, updated_by)
              VALUES ('paripurna', 'Pengesahan APBD 2027', '2030-12-02 02:00+00', 'Gd DPRD', 't', 't')
              RETURNING id")
run "$CTL" -c "$CONF" broadcast create --agenda "$P"
is "$RC" 0 "broadcast --agenda of a plenary session: exit 0"
like "$OUT" "audience: +every subscriber" "a session of no komisi goes to every subscriber"
is "$(asp_psql "SELECT audience, session_id FROM broadcasts ORDER BY id DESC LIMIT 1")" "all|$P" \
    "the draft names the session it announces"
like "$(asp_psql "SELECT body FROM broadcasts ORDER BY id DESC LIMIT 1")" \
    "^DPRD Kab\\. Mojokerto: .*2/12 09:00.*Paripurna.*USUL $P " "the announcement in Indonesian"
run "$CTL" -c "$CONF" broadcast create --agenda "$P" --lang en --audience komisi:I
like "$OUT" "Komisi I " "an explicit audience wins over the session's"
like "$(asp_psql "SELECT body FROM broadcasts ORDER BY id DESC LIMIT 1")" \
    "Proposals: USUL $P " "--lang en: the announcement in English"
NB=$(asp_psql "SELECT count(*) FROM broadcasts")
run "$CTL" -c "$CONF" broadcast create --agenda 999999
failed "broadcast --agenda of an unknown session: non-zero exit"
like "$ERR" "no session 999999" "and names it"
run "$CTL" -c "$CONF" broadcast create --agenda "$P" --text "x"
failed "--agenda and --text together are refused"
run "$CTL" -c "$CONF" broadcast create --agenda "$P" --lang fr
failed "an unknown --lang is refused"
is "$(asp_psql "SELECT count(*) FROM broadcasts")" "$NB" "a refused create makes no draft"
run "$CTL" -c "$CONF" broadcast help
like "$OUT" "broadcast create" "broadcast help: the usage on stdout"

# ---- status notifications: one row per change, in the citizen's language ------

asp_psql "UPDATE citizens SET language = 'en' WHERE msisdn = '+6281234567890'" >/dev/null
NO=$(asp_psql "SELECT count(*) FROM outbox WHERE kind = 'notification'")
run "$CTL" -c "$CONF" ticket set-status "$T" selesai --note "lampu sudah diganti"
is "$OUT" "$T is now selesai; the citizen will be told by SMS" "set-status: says the citizen is told"
is "$(asp_psql "SELECT count(*) FROM outbox WHERE kind = 'notification'")" "$((NO + 1))" \
    "set-status: exactly one notification"
is "$(asp_psql "SELECT msisdn, body, coding, priority, urgent, broadcast_id IS NULL FROM outbox
                ORDER BY id DESC LIMIT 1")" \
    "+6281234567890|Complaint $T: Selesai ditindaklanjuti. More: send STATUS $T|0|0|f|t" \
    "set-status: the English template with the status label, not urgent, before bulk"
asp_psql "UPDATE citizens SET language = NULL WHERE msisdn = '+6281234567890'" >/dev/null
run "$CTL" -c "$CONF" ticket set-status "$T" ditolak
is "$(asp_psql "SELECT body FROM outbox ORDER BY id DESC LIMIT 1")" \
    "Aduan $T: Tidak dapat ditindaklanjuti. Info: ketik STATUS $T" \
    "set-status: Indonesian when the citizen chose no language"
NO=$(asp_psql "SELECT count(*) FROM outbox")
run "$CTL" -c "$CONF" ticket set-status "$T" selesai --quiet
is "$OUT" "$T is now selesai; the citizen is not told (--quiet)" "set-status --quiet: says so"
is "$(asp_psql "SELECT status FROM tickets WHERE code = '$T'")" selesai \
    "set-status --quiet: the status changes"
is "$(asp_psql "SELECT count(*) FROM outbox")" "$NO" "set-status --quiet: no row"
run "$CTL" -c "$CONF" ticket set-status "$U" diproses
failed "set-status of an unknown ticket: non-zero exit"
is "$(asp_psql "SELECT count(*) FROM outbox")" "$NO" "set-status of an unknown ticket: no row"

asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM"
asp_check_logs
tap_done
