#!/bin/bash
#
# injection.sh: SQL injection attempts through every text a citizen, an
# aggregator, Kannel or a member of staff can send: the SMS text (complaint,
# proposal, INFO, AGENDA, STATUS, anything), Kannel's id, to, smsc and
# meta, USSD inputs and session ids, the staff API's bodies, queries and
# paths, and Open311's form fields.  Every statement of Aspirasi takes its
# values as parameters: each attempt is answered as any other text would be
# (stored literally, or refused with a 4xx naming why), and afterwards
# every table is there with what it held.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 44

CONF="$ASP_TMP/aspirasi.conf"
FROM=+6281298760001
PAYLOADS=(
    "'; DROP TABLE messages; --"
    "' OR '1'='1"
    "Robert'); DELETE FROM tickets WHERE ('1'='1"
    "\$1 \$2 \\'; SELECT pg_sleep(30); --"
    "%' OR 1=1 --"
    "\"; TRUNCATE audit_log, ticket_events; --"
)

# The tables and their rows, to compare before and after.
snapshot()
{
    asp_psql "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables
        WHERE schemaname = 'public'"
}

# sms NAME K=V...: one MO; sets CODE and BODY.
sms()
{
    local out
    out=$(curl -sS -m 30 -w '\n%{http_code}' "$(asp_mo_url "$@")" 2>>"$ASP_TMP/curl.err")
    CODE=${out##*$'\n'}
    BODY=${out%$'\n'*}
}

# ussd SESSION TEXT: one USSD step; sets CODE and BODY.
ussd()
{
    local out
    out=$(curl -sS -m 30 -w '\n%{http_code}' -X POST "$ASP_URL/ussd" \
        --data-urlencode "sessionId=$1" --data-urlencode "serviceCode=*123#" \
        --data-urlencode "phoneNumber=$FROM" --data-urlencode "text=$2" \
        --data-urlencode "secret=$ASP_SECRET" 2>>"$ASP_TMP/curl.err")
    CODE=${out##*$'\n'}
    BODY=${out%$'\n'*}
}

# all_200 NAME CODE...: one TAP line, ok when every CODE is 200.
all_200()
{
    local name=$1 c
    shift
    for c in "$@"; do
        if [ "$c" != 200 ]; then
            not_ok "$name" "codes: $*"
            return
        fi
    done
    ok "$name"
}

asp_createdb aspirasi_injection
asp_write_config "$CONF" 'quiet_hours = "";'
asp_migrate "$CONF" || asp_bail "aspirasictl migrate failed"
ASP_CONFIG=$CONF
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"
STAFF=$(asp_staff_token injstaff staff)
ADMIN=$(asp_staff_token injadmin admin)
TABLES=$(snapshot)
like "$TABLES" "messages.*tickets" "the schema is there"

# ---- SMS texts ----------------------------------------------------------------
codes=() n=0
for p in "${PAYLOADS[@]}"; do
    n=$((n + 1))
    for kw in ADUAN USUL INFO AGENDA STATUS ""; do
        sms id="inj-$n-${kw:-plain}" from="$FROM" text="${kw:+$kw }$p"
        codes+=("$CODE")
    done
done
all_200 "36 SMS carrying SQL in their text: all answered 200" "${codes[@]}"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id LIKE 'inj-%'")" 36 "and stored, once each"
n=0 same=0
for p in "${PAYLOADS[@]}"; do
    n=$((n + 1))
    [ "$(asp_psql "SELECT body FROM messages WHERE kannel_id = 'inj-$n-plain'")" = "$p" ] &&
        same=$((same + 1))
done
is "$same" 6 "each text is stored exactly as sent"
is "$(asp_psql "SELECT count(*) FROM tickets t JOIN messages m ON m.id = t.message_id
    WHERE m.kannel_id LIKE 'inj-%-ADUAN' AND 'ADUAN ' || t.body = m.body")" 6 \
    "each complaint's ticket holds its text exactly"

# ---- Kannel's other fields ----------------------------------------------------
n=0 codes=()
for p in "${PAYLOADS[@]}"; do
    n=$((n + 1))
    sms id="inj-id-$n $p" from="$FROM" text="halo"
    codes+=("$CODE")
    sms id="inj-to-$n" from="$FROM" to="$p" smsc="$p" charset="$p" meta="$p" text="halo"
    codes+=("$CODE")
done
all_200 "SQL in Kannel's id, to, smsc, charset and meta: answered 200" "${codes[@]}"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id LIKE 'inj-id-%' OR
    (kannel_id LIKE 'inj-to-%' AND short_code = meta)")" 12 "and stored as sent"
sms id="inj-from" from="$FROM'; DROP TABLE citizens; --" text="halo"
like "$CODE" '^4' "SQL as the sender's number: a 4xx"

# ---- USSD ---------------------------------------------------------------------
n=0 codes=()
for p in "${PAYLOADS[@]}"; do
    n=$((n + 1))
    ussd "inj$n" ""
    codes+=("$CODE")
    ussd "inj$n" "2*1*$p"
    codes+=("$CODE")
    ussd "inj$n" "2*1*$p*1"
    codes+=("$CODE")
done
all_200 "SQL as a USSD complaint's text: answered 200" "${codes[@]}"
ussd "inj'; DROP TABLE ussd_sessions; --" ""
is "$CODE" 400 "SQL as a USSD session id: 400"
like "$BODY" "sessionId" "naming the field"
is "$(asp_psql "SELECT count(*) FROM tickets WHERE source = 'ussd'")" 6 "each USSD complaint is a ticket"
n=0 same=0
for p in "${PAYLOADS[@]}"; do
    n=$((n + 1))
    [ "$(asp_psql "SELECT t.body FROM tickets t JOIN messages m ON m.id = t.message_id
        WHERE m.kannel_id = 'ussd:http:inj$n:4'")" = "$p" ] && same=$((same + 1))
done
is "$same" 6 "with its text exactly"
ussd "inj9" "4*$(printf '%s' "${PAYLOADS[0]}")"
is "$CODE" 200 "SQL as a USSD menu choice: the menu says the choice is wrong (200)"

# ---- the staff API ------------------------------------------------------------
T=$(asp_psql "SELECT t.code FROM tickets t JOIN messages m ON m.id = t.message_id
    WHERE m.kannel_id = 'inj-1-ADUAN'")
P=${PAYLOADS[2]}
PJ=$(jq -n --arg s "$P" '$s')
api_is GET "/api/v1/tickets?q=$(_asp_urlencode "$P")" "" "$STAFF" 200 "SQL in a ticket search: 200"
is "$(jget '[.items[].code] | join(",")')" \
    "$(asp_psql "SELECT string_agg(t.code, ',' ORDER BY t.created_at DESC, t.id DESC) FROM tickets t
        WHERE t.body LIKE '%' || replace(replace(\$q\$$P\$q\$, '%', '\\%'), '_', '\\_') || '%'")" \
    "and it finds the tickets whose text holds it, as text"
api_is GET "/api/v1/tickets?status=$(_asp_urlencode "$P")" "" "$STAFF" 400 "SQL as a status filter: 400"
api_is GET "/api/v1/tickets?category=$(_asp_urlencode "$P")&komisi=$(_asp_urlencode "$P")" "" \
    "$STAFF" 400 "SQL as a category or komisi filter: 400"
api_is GET "/api/v1/tickets?from=$(_asp_urlencode "$P")" "" "$STAFF" 400 "SQL as a date: 400"
api_is GET "/api/v1/tickets/$(_asp_urlencode "$P")" "" "$STAFF" 404 "SQL as a ticket number: 404"
api_is POST "/api/v1/tickets/$T/status" "{\"status\":\"diproses\",\"note\":$PJ,\"notify\":false}" \
    "$STAFF" 200 "SQL as a status note: 200"
is "$(asp_psql "SELECT e.note FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
    WHERE t.code = '$T' AND e.status = 'diproses'")" "$P" "the note is stored as written"
api_is POST "/api/v1/tickets/$T/status" "{\"status\":$PJ}" "$STAFF" 400 "SQL as a status: 400"
api_is PATCH "/api/v1/tickets/$T" "{\"category\":$PJ}" "$STAFF" 400 "SQL as a category: 400"
api_is POST /api/v1/agenda "{\"type\":\"paripurna\",\"title\":$PJ,\"starts\":\"2099-12-02 09:00\",
    \"place\":$PJ,\"summary\":$PJ}" "$STAFF" 201 "SQL as an agenda title, place and summary: 201"
S=$(jget .id)
is "$(asp_psql "SELECT title = \$q\$$P\$q\$ AND place = title FROM agenda_sessions WHERE id = ${S:-0}")" t \
    "the session is stored as written"
api_is POST /api/v1/agenda "{\"type\":$PJ,\"title\":\"x\",\"starts\":\"2099-12-02 09:00\"}" \
    "$STAFF" 400 "SQL as an agenda type: 400"
api_is GET "/api/v1/agenda?type=$(_asp_urlencode "$P")" "" "$STAFF" 400 "SQL as an agenda filter: 400"
api_is PUT "/api/v1/info/$(_asp_urlencode "$P")" '{"body":"x"}' "$STAFF" 400 "SQL as an info topic: 400"
api_is PUT /api/v1/info/injeksi "{\"body\":$PJ}" "$STAFF" 201 "SQL as an info page: 201"
is "$(asp_psql "SELECT body FROM info_pages WHERE topic = 'injeksi'")" "$P" "the page is stored as written"
api_is POST /api/v1/broadcasts/preview "{\"text\":$PJ,\"audience\":\"all\"}" "$STAFF" 200 \
    "SQL as a broadcast's text: previewed (200)"
api_is POST /api/v1/broadcasts/preview "{\"text\":\"x\",\"audience\":$PJ}" "$STAFF" 400 \
    "SQL as an audience: 400"
api_is POST /api/v1/staff "{\"name\":$PJ,\"role\":\"viewer\"}" "$ADMIN" 400 "SQL as a staff name: 400"
api_is GET "/api/v1/audit?actor=$(_asp_urlencode "$P")" "" "$ADMIN" 200 "SQL as an audit filter: 200"
is "$(jget '.items | length')" 0 "and it matches no one"

# ---- Open311 --------------------------------------------------------------------
OUT=$(curl -s -w '\n%{http_code}' --max-time 20 "$ASP_URL/open311/v2/requests.json?api_key=$STAFF" \
    --data-urlencode service_code=jalan --data-urlencode "description=$P" \
    --data-urlencode "address_string=$P" --data-urlencode "first_name=$P" \
    --data-urlencode "attribute[x]=$P")
is "${OUT##*$'\n'}" 201 "SQL in an Open311 request's description and address: 201"
C=$(printf '%s' "${OUT%$'\n'*}" | jq -r '.[0].service_request_id' 2>/dev/null)
is "$(asp_psql "SELECT body = \$q\$$P\$q\$ AND address = body FROM tickets WHERE code = '${C:-0}'")" t \
    "the request is stored as written"
api_is GET "/open311/v2/requests.json?service_code=$(_asp_urlencode "$P")" "" "" 400 \
    "SQL as a service code: 400"
api_is GET "/open311/v2/requests/$(_asp_urlencode "$P").json" "" "" 404 "SQL as a request id: 404"

# ---- afterwards -------------------------------------------------------------------
is "$(snapshot)" "$TABLES" "every table is still there"
is "$(asp_psql "SELECT (SELECT count(*) FROM messages WHERE kannel_id LIKE 'inj-%') > 0,
    (SELECT count(*) FROM audit_log) > 0, (SELECT count(*) FROM ticket_events) > 0,
    (SELECT count(*) FROM citizens) >= 0")" "t|t|t|t" "and holds what it held"
asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM"
asp_check_logs
