#!/usr/bin/env bash
#
# Tickets and statistics over the staff API, with real HTTP and
# PostgreSQL: the list and every filter and paging boundary, one ticket
# with its history, phone numbers masked for viewers and staff and full for
# admins, status changes that queue the citizen's SMS in their language (or
# not, with notify false, or when an Open311 request has no phone),
# assignments of komisi and category, the role of every route, validation
# answers, the audit log, and the statistics against SQL counts.  Then
# "aspirasictl ticket assign".
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/api_tickets.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

tap_plan 123

CTL=$ASP_BUILDDIR/aspirasictl
asp_createdb aspirasi_api_tickets
CONF=$ASP_TMP/aspirasi.conf
asp_write_config "$CONF"
export ASP_CONFIG=$CONF
asp_migrate "$CONF" || asp_bail "migrate failed"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"

ADMIN=$(asp_staff_token ana admin)
STAFF=$(asp_staff_token budi staff)
VIEWER=$(asp_staff_token citra viewer)
GONE=$(asp_staff_token dodi staff)

A=+6281234567890
B=+6285712345678
mo_n=0
# mo FROM TEXT: one MO; CODE gets the ticket number of the reply, if any.
mo()
{
    mo_n=$((mo_n + 1))
    REPLY=$(curl -s -m 30 "$(asp_mo_url id="tk-$mo_n" from="$1" text="$2")")
    CODE=$(printf '%s' "$REPLY" | grep -oE '[0-9]{7}' | head -n 1)
}

mo "$A" "ADUAN jalan rusak di Desa Sooko RT 3, 50% berlubang"
T1=$CODE
mo "$A" "ADUAN lampu jalan mati di Jl. Raya Mojosari"
T2=$CODE
mo "$B" "LAPOR puskesmas Pungging tutup siang hari"
T3=$CODE
mo "$B" "BAHASA JAWA"
mo "$B" "ADUAN sekolah rusak_atap di Kutorejo"
T4=$CODE
mo "$A" "AGENDA"
like "$T1$T2$T3$T4" '^[0-9]{28}$' "four tickets made by SMS"

# ---- the list -----------------------------------------------------------------

api_is GET /api/v1/tickets "" "$VIEWER" 200 "GET /tickets as viewer: 200"
is "$(jget .total)" 4 "the list: total 4"
is "$(jget '[.items[].code] | join(",")')" "$T4,$T3,$T2,$T1" "the list: newest first"
is "$(jget '.items[0] | [.status, .status_label, (.closed|tostring), (.komisi|tostring), (.category|tostring), .source] | join("|")')" \
    "baru|Diterima, menunggu ditelaah|false|null|null|sms" "an item: status, label, open, nothing assigned, source"
is "$(jget '.items[3].msisdn')" "+62812****7890" "a viewer sees masked numbers"
like "$(jget '.items[0].created_at')" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+07:00$' \
    "times in ISO 8601 with the zone's offset"
is "$(jget '[.limit, .offset] | map(tostring) | join(",")')" "50,0" "the list: default limit 50, offset 0"
api_is GET /api/v1/tickets "" "$STAFF" 200 "GET /tickets as staff: 200"
is "$(jget '.items[3].msisdn')" "+62812****7890" "staff see masked numbers"
api_is GET /api/v1/tickets "" "$ADMIN" 200 "GET /tickets as admin: 200"
is "$(jget '.items[3].msisdn')" "$A" "an admin sees the full number"

api_is GET "/api/v1/tickets?limit=1" "" "$VIEWER" 200 "limit 1: 200"
is "$(jget '([.items[].code] | join(",")) + " " + (.total|tostring)')" "$T4 4" "limit 1: one item, total 4"
api_is GET "/api/v1/tickets?limit=2&offset=3" "" "$VIEWER" 200 "offset 3: 200"
is "$(jget '[.items[].code] | join(",")')" "$T1" "offset 3: the last one"
api_is GET "/api/v1/tickets?offset=4" "" "$VIEWER" 200 "offset 4 (past the end): 200"
is "$(jget '(.items|length|tostring) + " " + (.total|tostring)')" "0 4" "past the end: no items, total still 4"
api_is GET "/api/v1/tickets?limit=200" "" "$VIEWER" 200 "limit 200: 200"
api_is GET "/api/v1/tickets?limit=201" "" "$VIEWER" 400 "limit 201: 400"
is "$(jget .error.message)" '"limit" must be an integer from 1 to 200' "limit: the range"
api_is GET "/api/v1/tickets?limit=0" "" "$VIEWER" 400 "limit 0: 400"
api_is GET "/api/v1/tickets?offset=-1" "" "$VIEWER" 400 "offset -1: 400"
api_is GET "/api/v1/tickets?limit=abc" "" "$VIEWER" 400 "limit abc: 400"

api_is GET "/api/v1/tickets?q=lampu" "" "$VIEWER" 200 "q=lampu: 200"
is "$(jget '[.items[].code] | join(",")')" "$T2" "search: the text, any case"
api_is GET "/api/v1/tickets?q=LAMPU%20JALAN" "" "$VIEWER" 200 "q in capitals with a space: 200"
is "$(jget .total)" 1 "search: case-insensitive"
api_is GET "/api/v1/tickets?q=50%25" "" "$VIEWER" 200 "q=50%: 200"
is "$(jget '[.items[].code] | join(",")')" "$T1" "search: % is a character, not a wildcard"
api_is GET "/api/v1/tickets?q=s_k" "" "$VIEWER" 200 "q=s_k: 200"
is "$(jget .total)" 0 "search: _ is a character, not a wildcard"
api_is GET "/api/v1/tickets?q=rusak_atap" "" "$VIEWER" 200 "q=rusak_atap: 200"
is "$(jget '[.items[].code] | join(",")')" "$T4" "search: a literal _ matches"
api_is GET "/api/v1/tickets?q=$(printf 'x%.0s' {1..201})" "" "$VIEWER" 400 "q of 201 characters: 400"
api_is GET "/api/v1/tickets?q=" "" "$VIEWER" 400 "an empty q: 400"

today=$(TZ=Asia/Jakarta date +%F)
tomorrow=$(TZ=Asia/Jakarta date -d tomorrow +%F)
api_is GET "/api/v1/tickets?from=$today&to=$today" "" "$VIEWER" 200 "from and to today: 200"
is "$(jget .total)" 4 "to as a date includes that whole day"
api_is GET "/api/v1/tickets?from=$tomorrow" "" "$VIEWER" 200 "from tomorrow: 200"
is "$(jget .total)" 0 "from tomorrow: none"
api_is GET "/api/v1/tickets?to=${today}T00:00:00%2B07:00" "" "$VIEWER" 200 "to local midnight with an offset: 200"
is "$(jget .total)" 0 "to a time excludes what came after it"
api_is GET "/api/v1/tickets?from=2026-02-30" "" "$VIEWER" 400 "from February 30: 400"
like "$(jget .error.message)" '^"from" must be a date' "a bad date: says the form"
api_is GET "/api/v1/tickets?to=yesterday" "" "$VIEWER" 400 "to=yesterday: 400"
api_is GET "/api/v1/tickets?status=baru" "" "$VIEWER" 200 "status=baru: 200"
is "$(jget .total)" 4 "status filter: all new"
api_is GET "/api/v1/tickets?status=open" "" "$VIEWER" 400 "an unknown status: 400"
is "$(jget .error.message)" '"status" must be one of: baru, diproses, diteruskan, selesai, ditolak' \
    "an unknown status: lists the statuses"
api_is GET "/api/v1/tickets?komisi=5" "" "$VIEWER" 400 "komisi 5: 400"
api_is GET "/api/v1/tickets?category=banjir" "" "$VIEWER" 400 "an unknown category: 400"
is "$(jget .error.message)" '"category" must be one of: jalan, utilitas, kesehatan, pendidikan, lain' \
    "an unknown category: lists the categories"

# ---- one ticket -----------------------------------------------------------------

api_is GET "/api/v1/tickets/$T3" "" "$VIEWER" 200 "GET /tickets/CODE: 200"
is "$(jget '[.code, .message.channel, .message.intent] | join(",")')" "$T3,sms,complaint" \
    "one ticket: its message's channel and intent"
is "$(jget '.history | map(.status + " " + .actor) | join(",")')" "baru citizen" "one ticket: its history"
api_is GET /api/v1/tickets/1234567 "" "$VIEWER" 404 "a code with a wrong check digit: 404"
bad=$(printf '%s' "$T3" | cut -c1-6)$(( ($(printf '%s' "$T3" | cut -c7) + 1) % 10 ))
api_is GET "/api/v1/tickets/$bad" "" "$VIEWER" 404 "a mistyped check digit: 404"
api_is GET /api/v1/tickets/abc "" "$VIEWER" 404 "not a number: 404"

# ---- status changes ----------------------------------------------------------------

api_is POST "/api/v1/tickets/$T1/status" '{"status":"diproses","note":"diteruskan ke Dinas PU"}' \
    "$STAFF" 200 "POST status diproses as staff: 200"
is "$(jget '[.status, (.notified|tostring)] | join(",")')" "diproses,true" "the answer: the new status, citizen notified"
is "$(jget '.history[-1] | [.status, .actor, .note] | join("|")')" "diproses|api:budi|diteruskan ke Dinas PU" \
    "the history: the change, by api:budi, with the note"
is "$(asp_psql "SELECT body FROM outbox WHERE msisdn = '$A'")" \
    "Aduan $T1: Sedang diproses. Info: ketik STATUS $T1" "the citizen's SMS is queued"
mo "$A" "STATUS $T1"
like "$REPLY" "Sedang diproses" "STATUS by SMS shows the new status"
api_is POST "/api/v1/tickets/$T4/status" '{"status":"diteruskan"}' "$STAFF" 200 "a change for a Javanese speaker: 200"
like "$(asp_psql "SELECT body FROM outbox WHERE msisdn = '$B'")" "^Aduan $T4: " \
    "the SMS in the language the citizen chose"
is "$(asp_psql "SELECT count(*) FROM outbox WHERE msisdn = '$B' AND body <> '$(asp_psql "SELECT replace(body, '''', '''''') FROM outbox WHERE msisdn = '$B'")'")" 0 \
    "one SMS for that change"
n=$(asp_psql "SELECT count(*) FROM outbox")
api_is POST "/api/v1/tickets/$T2/status" '{"status":"selesai","notify":false}' "$STAFF" 200 "notify false: 200"
is "$(jget '[.closed, .notified] | map(tostring) | join(",")')" "true,false" "selesai is closed; nobody notified"
is "$(asp_psql "SELECT count(*) FROM outbox")" "$n" "notify false: no SMS"
api_is POST "/api/v1/tickets/$T2/status" '{"status":"selesai"}' "$STAFF" 409 "the same status again: 409"
is "$(jget .error.message)" "ticket $T2 is already selesai" "409: says so"
api_is POST "/api/v1/tickets/$T3/status" '{"status":"done"}' "$STAFF" 400 "an unknown status: 400"
api_is POST "/api/v1/tickets/$T3/status" '{"status":"diproses","note":7}' "$STAFF" 400 "a note that is a number: 400"
api_is POST "/api/v1/tickets/$T3/status" "{\"status\":\"diproses\",\"note\":\"$(printf 'n%.0s' {1..501})\"}" \
    "$STAFF" 400 "a note of 501 characters: 400"
api_is POST "/api/v1/tickets/$T3/status" '{"status":"diproses","notify":"no"}' "$STAFF" 400 "notify not a boolean: 400"
api_is POST "/api/v1/tickets/$T3/status" '{"status":"diproses","quiet":true}' "$STAFF" 400 "an unknown field: 400"
api_is POST "/api/v1/tickets/$T3/status" '' "$STAFF" 400 "no body: 400"
api_is POST /api/v1/tickets/1234567/status '{"status":"diproses"}' "$STAFF" 404 "a status for no ticket: 404"
is "$(asp_psql "SELECT status FROM tickets WHERE code = '$T3'")" baru "refused changes changed nothing"

# A request filed through Open311 without a phone: changed, nobody to tell.
api_is POST /open311/v2/requests.json "" "" 403 "(Open311 without a key: 403)"
curl -s -m 20 -o "$ASP_TMP/o311" --data-urlencode "api_key=$STAFF" --data-urlencode service_code=jalan \
    --data-urlencode "description=Jembatan Kali Brantas retak" --data-urlencode "address_string=Desa Lolawang" \
    "$ASP_URL/open311/v2/requests.json"
T5=$(jq -r '.[0].service_request_id' "$ASP_TMP/o311")
n=$(asp_psql "SELECT count(*) FROM outbox")
api_is POST "/api/v1/tickets/$T5/status" '{"status":"diproses"}' "$STAFF" 200 "a ticket without a phone: 200"
is "$(jget '[(.notified|tostring), (.msisdn|tostring), .source] | join(",")')" "false,null,open311" \
    "no phone: nobody notified, msisdn null"
is "$(asp_psql "SELECT count(*) FROM outbox")" "$n" "no phone: no SMS queued"

# ---- assignments -----------------------------------------------------------------

api_is PATCH "/api/v1/tickets/$T3" '{"komisi":4,"category":"kesehatan"}' "$STAFF" 200 "PATCH komisi and category: 200"
is "$(jget '[(.komisi|tostring), .category, .status] | join(",")')" "4,kesehatan,baru" "assigned, status unchanged"
is "$(jget '.history[-1] | [.status, .actor, .note] | join("|")')" "baru|api:budi|Komisi IV, kategori kesehatan" \
    "the history records the assignment"
api_is PATCH "/api/v1/tickets/$T3" '{"category":null}' "$STAFF" 200 "PATCH category null: 200"
is "$(jget '[(.komisi|tostring), (.category|tostring)] | join(",")')" "4,null" "category cleared, komisi kept"
api_is PATCH "/api/v1/tickets/$T3" '{"komisi":5}' "$STAFF" 400 "komisi 5: 400"
is "$(jget .error.message)" '"komisi" must be an integer from 1 to 4' "komisi: the range"
api_is PATCH "/api/v1/tickets/$T3" '{"komisi":"III"}' "$STAFF" 400 "komisi as text: 400"
api_is PATCH "/api/v1/tickets/$T3" '{"category":"banjir"}' "$STAFF" 400 "an unknown category: 400"
api_is PATCH "/api/v1/tickets/$T3" '{}' "$STAFF" 400 "nothing to change: 400"
api_is PATCH /api/v1/tickets/1234567 '{"komisi":1}' "$STAFF" 404 "PATCH no ticket: 404"
api_is GET "/api/v1/tickets?komisi=4" "" "$VIEWER" 200 "komisi=4: 200"
is "$(jget '[.items[].code] | join(",")')" "$T3" "komisi filter"
api_is PATCH "/api/v1/tickets/$T1" '{"category":"jalan"}' "$STAFF" 200 "(category jalan)"
api_is GET "/api/v1/tickets?category=jalan&status=diproses" "" "$VIEWER" 200 "category and status together: 200"
is "$(jget '[.items[].code] | join(",")')" "$T5,$T1" "filters combine (the Open311 request is about a road too)"

# ---- roles and tokens ----------------------------------------------------------------

api_is POST "/api/v1/tickets/$T3/status" '{"status":"diproses"}' "$VIEWER" 403 "a viewer cannot change a status"
api_is PATCH "/api/v1/tickets/$T3" '{"komisi":1}' "$VIEWER" 403 "a viewer cannot assign"
api_is GET /api/v1/tickets "" "" 401 "no token: 401"
"$CTL" -c "$CONF" staff revoke dodi 2>/dev/null
api_is POST "/api/v1/tickets/$T3/status" '{"status":"diproses"}' "$GONE" 401 "a revoked token: 401"
is "$(asp_psql "SELECT status || ' ' || komisi FROM tickets WHERE code = '$T3'")" "baru 4" \
    "what was refused changed nothing"

# ---- the audit log -------------------------------------------------------------

is "$(asp_psql "SELECT string_agg(actor || ' ' || method || ' ' || status || ' ' || (detail->>'ticket'), ',' ORDER BY id)
    FROM audit_log WHERE path LIKE '/api/v1/tickets/%'")" \
    "api:budi POST 200 $T1,api:budi POST 200 $T4,api:budi POST 200 $T2,api:budi POST 200 $T5,api:budi PATCH 200 $T3,api:budi PATCH 200 $T3,api:budi PATCH 200 $T1" \
    "the audit log: each change, who, and which ticket"
is "$(asp_psql "SELECT count(*) FROM audit_log WHERE detail::text ~ '(62|08)[0-9]{8,}'")" 0 \
    "no phone number in the audit log"

# ---- statistics -------------------------------------------------------------------

api_is GET /api/v1/stats "" "$VIEWER" 200 "GET /stats as viewer: 200"
is "$(jget '.messages | map(select(.intent == "complaint") | .count) | add')" \
    "$(asp_psql "SELECT count(*) FROM messages WHERE intent = 'complaint'")" "stats: complaints per day = SQL"
is "$(jget '[.messages[].count] | add')" "$(asp_psql "SELECT count(*) FROM messages")" "stats: every message counted"
is "$(jget '.messages[0].day')" "$today" "stats: local days"
is "$(jget '.open_tickets.total')" 4 "stats: open tickets (selesai is closed)"
is "$(jget '.open_tickets.by_status | map(.status + "=" + (.count|tostring)) | join(",")')" \
    "baru=1,diproses=2,diteruskan=1" "stats: open tickets per status"
is "$(jget '.open_tickets.by_komisi | map((.komisi|tostring) + "=" + (.count|tostring)) | join(",")')" \
    "null=3,4=1" "stats: open tickets per komisi"
is "$(jget '.first_status_change | [.tickets, .changed] | map(tostring) | join(",")')" "5,4" \
    "stats: 5 tickets, 4 changed status (an assignment is not a change)"
like "$(jget '.first_status_change.median_seconds')" '^[0-9.]+(e-?[0-9]+)?$' "stats: a median in seconds"
api_is GET "/api/v1/stats?days=0" "" "$VIEWER" 400 "days 0: 400"
api_is GET "/api/v1/stats?days=367" "" "$VIEWER" 400 "days 367: 400"

# ---- aspirasictl ticket assign ----------------------------------------------------

"$CTL" -c "$CONF" ticket assign "$T2" --komisi III --category jalan >"$ASP_TMP/assign.out" 2>&1
is "$?" 0 "ticket assign --komisi III --category jalan: exit 0"
is "$(asp_psql "SELECT komisi || ' ' || category FROM tickets WHERE code = '$T2'")" "3 jalan" "ticket assign: stored"
"$CTL" -c "$CONF" ticket assign "$T2" --category none >/dev/null 2>&1
is "$(asp_psql "SELECT komisi || ' ' || coalesce(category, '-') FROM tickets WHERE code = '$T2'")" "3 -" \
    "ticket assign --category none: cleared, komisi kept"
"$CTL" -c "$CONF" ticket assign "$T2" --category banjir >/dev/null 2>"$ASP_TMP/assign.err"
like "$(cat "$ASP_TMP/assign.err")" 'unknown category "banjir"; the categories are: jalan' "ticket assign: an unknown category"
"$CTL" -c "$CONF" ticket assign "$T2" >/dev/null 2>"$ASP_TMP/assign.err"
like "$(cat "$ASP_TMP/assign.err")" 'nothing to assign' "ticket assign with nothing: refused"

asp_check_logs
tap_done
