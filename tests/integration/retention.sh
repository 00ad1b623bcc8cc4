#!/bin/bash
#
# retention.sh: messages older than retention.days lose their text, raw
# bytes, meta-data and reply, and keep their rows (so counts and the staff
# statistics do not change); younger ones and tickets keep everything.
# Blanked by "aspirasictl retention" (chunk after chunk, each row once) and
# by aspirasid's own thread when it starts.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 15

CONF="$ASP_TMP/aspirasi.conf"
FROM=+6281298762222

# ctl ARGS...: aspirasictl with this suite's configuration; sets OUT.
ctl()
{
    OUT=$("$ASP_BUILDDIR/aspirasictl" -c "$CONF" "$@" 2>&1)
}

asp_createdb aspirasi_retention
asp_write_config "$CONF" 'quiet_hours = "";' 'retention = { days = 30; };' \
    'limits = { tickets_per_hour = 0; replies_per_day = 0; };'
asp_migrate "$CONF" || asp_bail "aspirasictl migrate failed"
ASP_CONFIG=$CONF
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"

# 2,500 messages (more than two chunks), then their times moved back: the
# first 2,300 by 40 days, the rest by 10.
for ((i = 1; i <= 5; i++)); do
    curl -s -o /dev/null "$(asp_mo_url id="ret-sms-$i" from="$FROM" text="ADUAN lampu jalan mati $i" meta="?smpp?x")"
done
asp_psql "INSERT INTO messages (kannel_id, msisdn, body, raw, meta, intent, reply)
    SELECT 'ret-' || g, '+6281298762223', 'pesan ' || g, convert_to('pesan ' || g, 'UTF8'), 'm',
           'unknown', 'balasan'
      FROM generate_series(1, 2495) g" >/dev/null
asp_psql "UPDATE messages SET received_at = now() - interval '40 days'
    WHERE id <= (SELECT min(id) + 2299 FROM messages)" >/dev/null
asp_psql "UPDATE messages SET received_at = now() - interval '10 days'
    WHERE id > (SELECT min(id) + 2299 FROM messages)" >/dev/null
STATS0=$(asp_psql "SELECT intent, count(*) FROM messages GROUP BY intent ORDER BY intent")
TICKETS0=$(asp_psql "SELECT string_agg(body, '|' ORDER BY id) FROM tickets")
is "$(asp_psql "SELECT count(*) FROM tickets")" 5 "5 complaints made 5 tickets"

ctl retention
is "$OUT" "blanked the texts of 2300 messages older than 30 days" "aspirasictl retention: how many"
is "$(asp_psql "SELECT count(*) FROM messages WHERE received_at < now() - interval '30 days'
    AND body = '' AND raw = '' AND meta = '' AND reply = ''")" 2300 \
    "every message older than 30 days: text, raw bytes, meta-data and reply blanked"
is "$(asp_psql "SELECT count(*) FROM messages WHERE received_at > now() - interval '30 days'
    AND body <> '' AND raw <> '' AND meta <> '' AND reply <> ''")" 200 "every younger one untouched"
is "$(asp_psql "SELECT count(*) FROM messages")" 2500 "every row stays"
is "$(asp_psql "SELECT intent, count(*) FROM messages GROUP BY intent ORDER BY intent")" "$STATS0" \
    "the counts per intent do not change"
is "$(asp_psql "SELECT string_agg(body, '|' ORDER BY id) FROM tickets")" "$TICKETS0" \
    "tickets keep their text"
is "$(asp_psql "SELECT value FROM settings WHERE name = 'retention_done_id'")" \
    "$(asp_psql "SELECT min(id) + 2299 FROM messages")" "the watermark stops before the first young message"
is "$(asp_psql "SELECT count(*) FROM audit_log WHERE path LIKE '%retention%'")" 1 \
    "the run is in the audit log"

ctl retention
is "$OUT" "blanked the texts of 0 messages older than 30 days" "a second run finds nothing more"

# Ten more days pass for the young ones; aspirasid's thread blanks them at start.
asp_psql "UPDATE messages SET received_at = received_at - interval '25 days'
    WHERE received_at > now() - interval '30 days'" >/dev/null
asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start again"
for ((i = 0; i < 100; i++)); do
    [ "$(asp_psql "SELECT count(*) FROM messages WHERE body <> ''")" = 0 ] && break
    sleep 0.1
done
is "$(asp_psql "SELECT count(*) FROM messages WHERE body <> ''")" 0 \
    "aspirasid blanks what became too old when it starts"
like "$(cat "$ASP_TMP"/aspirasid.2.log)" "event=retention blanked=200 days=30" "and logs how many"
asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM (second run)"
asp_check_logs
