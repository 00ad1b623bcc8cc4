#!/usr/bin/env bash
#
# Tickets and statistics over the staff API, with real HTTP and
# PostgreSQL: the list and every filter and paging boundary, one ticket
# with its history, phone numbers masked for viewers and staff and full for
# admins, status changes that queue the citizen's SMS in their language (or
# not, with notify false, or when an Open311 request has no phone), one
# change when several requests set the same status at once, assignments of
# komisi and category, the role of every route, validation answers, the
# audit log, and the statistics against SQL counts and known durations,
# with their windows tested on both sides of a local midnight.  Then
# "aspirasictl ticket assign" and "ticket set-status" through the same code.
#
# Tickets come from SMS (MO requests as Kannel sends them), USSD (the
# aggregators' HTTP convention) and Open311; no Kannel is needed, the
# outbox only fills.  Creation times are moved with SQL to fixed local
# times, so the date filters and the statistics' windows have exact
# boundaries.
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/api_tickets.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 262

CTL=$ASP_BUILDDIR/aspirasictl
asp_createdb aspirasi_api_tickets
CONF=$ASP_TMP/aspirasi.conf
# Four API workers, so that concurrent requests really run at once.
asp_write_config "$CONF" 'api = { threads = 4; };'
export ASP_CONFIG=$CONF
asp_migrate "$CONF" || asp_bail "migrate failed"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"

ADMIN=$(asp_staff_token ana admin)
STAFF=$(asp_staff_token budi staff)
VIEWER=$(asp_staff_token citra viewer)
GONE=$(asp_staff_token dodi staff)

A=+6281234567890
B=+6285712345678
C=+6281398765432
mo_n=0
# mo FROM TEXT: one MO; CODE gets the ticket number of the reply, if any.
mo()
{
    mo_n=$((mo_n + 1))
    REPLY=$(curl -s -m 30 "$(asp_mo_url id="tk-$mo_n" from="$1" text="$2")")
    CODE=$(printf '%s' "$REPLY" | grep -oE '[0-9]{7}' | head -n 1)
}

# ussd SESSION PHONE TEXT: one USSD request; SCREEN gets the answer.
ussd()
{
    SCREEN=$(curl -s -m 30 -X POST "$ASP_URL/ussd" --data-urlencode "sessionId=$1" \
        --data-urlencode "serviceCode=*123#" --data-urlencode "phoneNumber=$2" \
        --data-urlencode "text=$3" --data-urlencode "secret=$ASP_SECRET")
}

# codes: the codes of the items of the last answer, in order.
codes()
{
    jget '[.items[].code] | join(",")'
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
mo "$C" "LANGUAGE ENGLISH"
like "$T1$T2$T3$T4" '^[0-9]{28}$' "four tickets made by SMS"
ussd u1 "$C" ""
ussd u1 "$C" "2"
ussd u1 "$C" "2*1"
ussd u1 "$C" "2*1*jembatan Kali Sadar ambles"
ussd u1 "$C" "2*1*jembatan Kali Sadar ambles*1"
T6=$(printf '%s' "$SCREEN" | grep -oE '[0-9]{7}' | head -n 1)
like "$T6" '^[0-9]{7}$' "a fifth ticket made by USSD"

# The SMS tickets at fixed local times (the zone is Asia/Jakarta, +07:00):
# T1 at the last second of D1, T2 at the first second of D2 (the next day),
# T3 and T4 later on D2.  The USSD ticket T6 stays at now, today.
D1=$(TZ=Asia/Jakarta date -d '2 days ago' +%F)
D2=$(TZ=Asia/Jakarta date -d '1 day ago' +%F)
today=$(TZ=Asia/Jakarta date +%F)
at()
{
    asp_psql "UPDATE tickets SET created_at = '$2+07', updated_at = '$2+07' WHERE code = '$1';
        UPDATE ticket_events SET created_at = '$2+07'
        WHERE ticket_id = (SELECT id FROM tickets WHERE code = '$1')" >/dev/null
}
at "$T1" "$D1 23:59:59"
at "$T2" "$D2 00:00:00"
at "$T3" "$D2 09:30:00"
at "$T4" "$D2 10:00:00"

# ---- the list -----------------------------------------------------------------

api_is GET /api/v1/tickets "" "$VIEWER" 200 "GET /tickets as viewer: 200"
is "$(jget .total)" 5 "the list: total 5"
is "$(codes)" "$T6,$T4,$T3,$T2,$T1" "the list: newest first"
is "$(jget '.items[1] | [.status, .status_label, (.closed|tostring), (.komisi|tostring), (.category|tostring), .channel] | join("|")')" \
    "baru|Diterima, menunggu ditelaah|false|null|null|sms" "an item: status, label, open, nothing assigned, channel sms"
is "$(jget '.items[0] | [.channel, .category, .body] | join("|")')" "ussd|jalan|jembatan Kali Sadar ambles" \
    "a USSD ticket: channel ussd, the category chosen in the menu"
is "$(jget '.items[4].msisdn')" "+62812****7890" "a viewer sees masked numbers"
is "$(jget '.items[4] | [.created_at, .body] | join("|")')" \
    "${D1}T23:59:59+07:00|jalan rusak di Desa Sooko RT 3, 50% berlubang" \
    "created_at in ISO 8601 with the zone's offset; the body without its keyword"
like "$(jget '.items[0].updated_at')" "^${today}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+07:00$" "updated_at too"
is "$(jget '.items[0] | keys | join(",")')" \
    "body,category,channel,closed,code,created_at,komisi,msisdn,status,status_label,updated_at" \
    "an item has these fields and no others"
is "$(jget '[.limit, .offset] | map(tostring) | join(",")')" "50,0" "the list: default limit 50, offset 0"
api_is GET /api/v1/tickets "" "$STAFF" 200 "GET /tickets as staff: 200"
is "$(jget '[.items[].msisdn] | join(",")')" \
    "+62813****5432,+62857****5678,+62857****5678,+62812****7890,+62812****7890" "staff see masked numbers"
api_is GET /api/v1/tickets "" "$ADMIN" 200 "GET /tickets as admin: 200"
is "$(jget '[.items[].msisdn] | join(",")')" "$C,$B,$B,$A,$A" "an admin sees full numbers"

# Paging: both sides of every boundary.
api_is GET "/api/v1/tickets?limit=1" "" "$VIEWER" 200 "limit 1: 200"
is "$(codes) $(jget .total) $(jget .limit)" "$T6 5 1" "limit 1: one item, total 5"
api_is GET "/api/v1/tickets?limit=2&offset=2" "" "$VIEWER" 200 "limit 2 offset 2: 200"
is "$(codes) $(jget .offset)" "$T3,$T2 2" "limit 2 offset 2: the third and fourth"
api_is GET "/api/v1/tickets?limit=2&offset=4" "" "$VIEWER" 200 "offset 4: 200"
is "$(codes)" "$T1" "offset 4: the last one only"
api_is GET "/api/v1/tickets?offset=5" "" "$VIEWER" 200 "offset 5 (past the end): 200"
is "$(jget '(.items|length|tostring) + " " + (.total|tostring)')" "0 5" "past the end: no items, total still 5"
api_is GET "/api/v1/tickets?offset=0" "" "$VIEWER" 200 "offset 0: 200"
api_is GET "/api/v1/tickets?limit=200" "" "$VIEWER" 200 "limit 200: 200"
api_is GET "/api/v1/tickets?limit=201" "" "$VIEWER" 400 "limit 201: 400"
is "$(jget .error.message)" '"limit" must be an integer from 1 to 200' "limit: the range"
api_is GET "/api/v1/tickets?limit=0" "" "$VIEWER" 400 "limit 0: 400"
api_is GET "/api/v1/tickets?offset=-1" "" "$VIEWER" 400 "offset -1: 400"
is "$(jget .error.message)" '"offset" must be an integer from 0 to 1000000000' "offset: the range"
api_is GET "/api/v1/tickets?limit=abc" "" "$VIEWER" 400 "limit abc: 400"
api_is GET "/api/v1/tickets?limit=1.5" "" "$VIEWER" 400 "limit 1.5: 400"

# Text search.
api_is GET "/api/v1/tickets?q=lampu" "" "$VIEWER" 200 "q=lampu: 200"
is "$(codes)" "$T2" "search: the text"
api_is GET "/api/v1/tickets?q=LAMPU%20JALAN" "" "$VIEWER" 200 "q in capitals with a space: 200"
is "$(codes)" "$T2" "search: case-insensitive"
api_is GET "/api/v1/tickets?q=jalan" "" "$VIEWER" 200 "q=jalan: 200"
is "$(codes)" "$T2,$T1" "search: anywhere in the body"
api_is GET "/api/v1/tickets?q=50%25" "" "$VIEWER" 200 "q=50%: 200"
is "$(codes)" "$T1" "search: % is a character, not a wildcard"
api_is GET "/api/v1/tickets?q=%25" "" "$VIEWER" 200 "q=% alone: 200"
is "$(codes)" "$T1" "search: % alone matches only a body with a %"
api_is GET "/api/v1/tickets?q=s_k" "" "$VIEWER" 200 "q=s_k: 200"
is "$(jget .total)" 0 "search: _ is a character, not a wildcard"
api_is GET "/api/v1/tickets?q=rusak_atap" "" "$VIEWER" 200 "q=rusak_atap: 200"
is "$(codes)" "$T4" "search: a literal _ matches"
api_is GET "/api/v1/tickets?q=%5C" "" "$VIEWER" 200 "q=\\ (the escape character): 200"
is "$(jget .total)" 0 "search: a backslash is a character too"
api_is GET "/api/v1/tickets?q=$(printf 'x%.0s' {1..200})" "" "$VIEWER" 200 "q of 200 characters: 200"
api_is GET "/api/v1/tickets?q=$(printf 'x%.0s' {1..201})" "" "$VIEWER" 400 "q of 201 characters: 400"
is "$(jget .error.message)" '"q" must be 1 to 200 characters of text' "q: says what it must be"
api_is GET "/api/v1/tickets?q=$(printf '%%C3%%A9%.0s' {1..200})" "" "$VIEWER" 200 \
    "q of 200 two-byte characters: 200 (characters, not bytes)"
api_is GET "/api/v1/tickets?q=" "" "$VIEWER" 400 "an empty q: 400"
api_is GET "/api/v1/tickets?q=%FF" "" "$VIEWER" 400 "q that is not UTF-8: 400, not a database error"
api_is GET "/api/v1/tickets?q=a%01b" "" "$VIEWER" 400 "q with a control character: 400"

# Dates: T1 is at the last second of D1, T2 at the first of D2.
api_is GET "/api/v1/tickets?to=$D1" "" "$VIEWER" 200 "to=D1: 200"
is "$(codes)" "$T1" "to as a date includes the whole day, up to its last second"
api_is GET "/api/v1/tickets?from=$D2&to=$D2" "" "$VIEWER" 200 "from=D2&to=D2: 200"
is "$(codes)" "$T4,$T3,$T2" "from as a date starts at its midnight; one day"
api_is GET "/api/v1/tickets?from=$today" "" "$VIEWER" 200 "from today: 200"
is "$(codes)" "$T6" "from today: the ticket of today"
api_is GET "/api/v1/tickets?from=${D2}T09:30:00" "" "$VIEWER" 200 "from a local time: 200"
is "$(codes)" "$T6,$T4,$T3" "from a time includes that second"
api_is GET "/api/v1/tickets?from=$D2%2009:30&to=${D2}T10:00" "" "$VIEWER" 200 "from \"D2 09:30\" to a time: 200"
is "$(codes)" "$T3" "to a time excludes that second"
api_is GET "/api/v1/tickets?from=${D2}T02:30:00Z" "" "$VIEWER" 200 "from a time in UTC: 200"
is "$(codes)" "$T6,$T4,$T3" "a time with Z is read in UTC"
api_is GET "/api/v1/tickets?to=${D2}T00:00:00%2B07:00" "" "$VIEWER" 200 "to local midnight with an offset: 200"
is "$(codes)" "$T1" "to midnight: only the day before"
api_is GET "/api/v1/tickets?from=$D2&to=$D1" "" "$VIEWER" 200 "from after to: 200"
is "$(jget .total)" 0 "from after to: nothing"
api_is GET "/api/v1/tickets?from=2026-02-30" "" "$VIEWER" 400 "from February 30: 400"
like "$(jget .error.message)" '^"from" must be a date' "a bad date: says the form"
api_is GET "/api/v1/tickets?to=yesterday" "" "$VIEWER" 400 "to=yesterday: 400"
like "$(jget .error.message)" '^"to" must be a date' "a bad to: names the field"
api_is GET "/api/v1/tickets?from=${D2}T24:00" "" "$VIEWER" 400 "hour 24: 400"

# Status, komisi, category.
api_is GET "/api/v1/tickets?status=baru" "" "$VIEWER" 200 "status=baru: 200"
is "$(jget .total)" 5 "status filter: all new so far"
api_is GET "/api/v1/tickets?status=diproses" "" "$VIEWER" 200 "status=diproses: 200"
is "$(jget .total)" 0 "status filter: none in progress yet"
api_is GET "/api/v1/tickets?status=open" "" "$VIEWER" 400 "an unknown status: 400"
is "$(jget .error.message)" '"status" must be one of: baru, diproses, diteruskan, selesai, ditolak' \
    "an unknown status: lists the statuses"
api_is GET "/api/v1/tickets?status=BARU" "" "$VIEWER" 400 "a status in capitals: 400 (names are exact)"
api_is GET "/api/v1/tickets?komisi=1" "" "$VIEWER" 200 "komisi 1: 200"
api_is GET "/api/v1/tickets?komisi=4" "" "$VIEWER" 200 "komisi 4: 200"
is "$(jget .total)" 0 "komisi filter: nothing assigned yet"
api_is GET "/api/v1/tickets?komisi=0" "" "$VIEWER" 400 "komisi 0: 400"
api_is GET "/api/v1/tickets?komisi=5" "" "$VIEWER" 400 "komisi 5: 400"
is "$(jget .error.message)" '"komisi" must be an integer from 1 to 4' "komisi: the range"
api_is GET "/api/v1/tickets?category=jalan" "" "$VIEWER" 200 "category=jalan: 200"
is "$(codes)" "$T6" "category filter: the USSD ticket"
api_is GET "/api/v1/tickets?category=banjir" "" "$VIEWER" 400 "an unknown category: 400"
is "$(jget .error.message)" '"category" must be one of: jalan, utilitas, kesehatan, pendidikan, lain' \
    "an unknown category: lists the categories"

# ---- one ticket -----------------------------------------------------------------

api_is GET "/api/v1/tickets/$T3" "" "$VIEWER" 200 "GET /tickets/CODE: 200"
is "$(jget '[.code, .msisdn, .message.channel, .message.intent] | join(",")')" "$T3,+62857****5678,sms,complaint" \
    "one ticket: masked for a viewer; its message's channel and intent"
like "$(jget .message.received_at)" "^${today}T[0-9:]{8}\+07:00$" "one ticket: when its message came"
is "$(jget '.history | map([.at, .status, (.note|tostring), .actor] | join(" ")) | join(",")')" \
    "${D2}T09:30:00+07:00 baru null citizen" "one ticket: its history, note null when none"
api_is GET "/api/v1/tickets/$T6" "" "$ADMIN" 200 "GET the USSD ticket as admin: 200"
is "$(jget '[.msisdn, .channel, .message.channel] | join(",")')" "$C,ussd,ussd" "an admin sees the full number"
api_is GET /api/v1/tickets/1234567 "" "$VIEWER" 404 "a code with a wrong check digit: 404"
is "$(jget .error.code)" not_found "404: not_found"
bad=${T3:0:6}$(((${T3:6:1} + 1) % 10))
api_is GET "/api/v1/tickets/$bad" "" "$VIEWER" 404 "a mistyped check digit: 404"
for b in 123456 654321 111111 909090 271828; do
    U=$b$(asp_damm "$b")
    [ "$(asp_psql "SELECT count(*) FROM tickets WHERE code = '$U'")" = 0 ] && break
done
api_is GET "/api/v1/tickets/$U" "" "$VIEWER" 404 "a valid code of no ticket: 404"
api_is GET /api/v1/tickets/abc "" "$VIEWER" 404 "not a number: 404"
api_is GET "/api/v1/tickets/${T3}0" "" "$VIEWER" 404 "eight digits: 404"

# ---- status changes ----------------------------------------------------------------

api_is POST "/api/v1/tickets/$T1/status" '{"status":"diproses","note":"diteruskan ke Dinas PU"}' \
    "$STAFF" 200 "POST status diproses as staff: 200"
is "$(jget '[.code, .status, .status_label, (.notified|tostring), .msisdn] | join(",")')" \
    "$T1,diproses,Sedang diproses,true,+62812****7890" "the answer: the ticket as it is now, notified, masked"
is "$(jget '.history[-1] | [.status, .actor, .note] | join("|")')" "diproses|api:budi|diteruskan ke Dinas PU" \
    "the history: the change, by api:budi, with the note"
is "$(asp_psql "SELECT e.actor || '|' || e.note FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
    WHERE t.code = '$T1' AND e.status = 'diproses'")" "api:budi|diteruskan ke Dinas PU" "a ticket_events row by api:budi"
is "$(asp_psql "SELECT o.kind || '|' || o.body FROM outbox o JOIN tickets t ON t.id = o.ticket_id
    WHERE o.msisdn = '$A'")" "notification|Aduan $T1: Sedang diproses. Info: ketik STATUS $T1" \
    "the citizen's SMS is queued, in Indonesian, for that ticket"
mo "$A" "STATUS $T1"
like "$REPLY" "Sedang diproses" "STATUS by SMS shows the new status"
api_is POST "/api/v1/tickets/$T4/status" '{"status":"diteruskan"}' "$ADMIN" 200 "a change by an admin: 200"
is "$(asp_psql "SELECT string_agg(body, ',') FROM outbox WHERE msisdn = '$B'")" \
    "Aduan $T4: Diteruskan ke komisi terkait. Priksa: ketik STATUS $T4" \
    "one SMS, in Javanese, the language the citizen chose"
is "$(jget '.history[-1] | [.actor, (.note|tostring)] | join(",")')" "api:ana,null" "the history: by api:ana, no note"

# Eight requests set the same status at once (four at a time, one per
# worker): one change, one SMS.
n=$(asp_psql "SELECT count(*) FROM outbox WHERE msisdn = '$C'")
pids=()
for i in 1 2 3 4 5 6 7 8; do
    curl -s -m 20 -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $STAFF" \
        -H 'Content-Type: application/json' --data-binary '{"status":"diproses"}' \
        "$ASP_URL/api/v1/tickets/$T6/status" >"$ASP_TMP/race.$i" &
    pids+=($!)
done
wait "${pids[@]}"
is "$(cat "$ASP_TMP"/race.* | sort | uniq -c | awk '{print $2 "x" $1}' | tr '\n' ' ')" "200x1 409x7 " \
    "the same status eight times at once: one 200, seven 409"
is "$(asp_psql "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
    WHERE t.code = '$T6' AND e.status = 'diproses'")" 1 "one event"
is "$(asp_psql "SELECT string_agg(body, ',') FROM outbox WHERE msisdn = '$C' AND kind = 'notification'")" \
    "Complaint $T6: Sedang diproses. More: send STATUS $T6" "one SMS, in English, the language the citizen chose"
is "$(asp_psql "SELECT count(*) FROM outbox WHERE msisdn = '$C'")" $((n + 1)) "nothing else queued for that citizen"

n=$(asp_psql "SELECT count(*) FROM outbox")
api_is POST "/api/v1/tickets/$T2/status" '{"status":"selesai","notify":false}' "$STAFF" 200 "notify false: 200"
is "$(jget '[.status, .closed, .notified] | map(tostring) | join(",")')" "selesai,true,false" \
    "selesai is closed; nobody notified"
is "$(asp_psql "SELECT count(*) FROM outbox")" "$n" "notify false: no SMS"
api_is POST "/api/v1/tickets/$T2/status" '{"status":"selesai"}' "$STAFF" 409 "the same status again: 409"
is "$(jget '[.error.code, .error.message] | join(": ")')" "conflict: ticket $T2 is already selesai" "409: says so"
is "$(asp_psql "SELECT count(*) FROM outbox")/$(asp_psql "SELECT count(*) FROM ticket_events e
    JOIN tickets t ON t.id = e.ticket_id WHERE t.code = '$T2'")" "$n/2" "409: no SMS, no event"
api_is POST "/api/v1/tickets/$T2/status" '{"status":"diproses","notify":true}' "$STAFF" 200 \
    "a closed ticket reopened, notify true: 200"
is "$(jget .notified)" true "notify true: notified"
api_is POST "/api/v1/tickets/$T2/status" '{"status":"selesai","notify":false}' "$STAFF" 200 "(closed again, quietly)"
is "$(asp_psql "SELECT count(*) FROM outbox")" $((n + 1)) "two changes, one of them told"

api_is POST "/api/v1/tickets/$T3/status" '{"status":"done"}' "$STAFF" 400 "an unknown status: 400"
is "$(jget .error.message)" '"status" must be one of: baru, diproses, diteruskan, selesai, ditolak' \
    "an unknown status: lists the statuses"
api_is POST "/api/v1/tickets/$T3/status" '{"status":7}' "$STAFF" 400 "a status that is a number: 400"
is "$(jget .error.message)" '"status" must be a string' "a status that is a number: says so"
api_is POST "/api/v1/tickets/$T3/status" '{"note":"x"}' "$STAFF" 400 "no status: 400"
is "$(jget .error.message)" '"status" is required' "no status: says it is required"
api_is POST "/api/v1/tickets/$T3/status" '{"status":"diproses","note":7}' "$STAFF" 400 "a note that is a number: 400"
api_is POST "/api/v1/tickets/$T3/status" "{\"status\":\"diproses\",\"note\":\"$(printf 'n%.0s' {1..501})\"}" \
    "$STAFF" 400 "a note of 501 characters: 400"
is "$(jget .error.message)" '"note" must be 0 to 500 characters (it has 501)' "a long note: the limit"
api_is POST "/api/v1/tickets/$T3/status" '{"status":"diproses","note":"a\u0007b"}' "$STAFF" 400 \
    "a note with a control character: 400"
api_is POST "/api/v1/tickets/$T3/status" '{"status":"diproses","notify":"no"}' "$STAFF" 400 "notify not a boolean: 400"
is "$(jget .error.message)" '"notify" must be true or false' "notify: says what it must be"
api_is POST "/api/v1/tickets/$T3/status" '{"status":"diproses","quiet":true}' "$STAFF" 400 "an unknown field: 400"
is "$(jget .error.message)" 'unknown field "quiet"; the fields are: status, note, notify' "an unknown field: names it"
api_is POST "/api/v1/tickets/$T3/status" '' "$STAFF" 400 "no body: 400"
api_is POST "/api/v1/tickets/$T3/status" '["diproses"]' "$STAFF" 400 "a body that is not an object: 400"
api_is POST /api/v1/tickets/1234567/status '{"status":"diproses"}' "$STAFF" 404 "a status for no ticket: 404"
api_is POST "/api/v1/tickets/$U/status" '{"status":"diproses"}' "$STAFF" 404 "a status for a valid code of no ticket: 404"
# A note of exactly 500 characters passes, and its change is refused for
# another reason only after the checks: nothing of it stays.
api_is POST "/api/v1/tickets/$T3/status" "{\"status\":\"baru\",\"note\":\"$(printf 'n%.0s' {1..500})\"}" \
    "$STAFF" 409 "a note of 500 characters is valid (409: already baru)"
is "$(asp_psql "SELECT status || ' ' || (SELECT count(*) FROM ticket_events WHERE ticket_id = t.id) FROM tickets t
    WHERE code = '$T3'")" "baru 1" "refused changes changed nothing"

# A request filed through Open311 without a phone: changed, nobody to tell.
curl -s -m 20 -o "$ASP_TMP/o311" --data-urlencode "api_key=$STAFF" --data-urlencode service_code=jalan \
    --data-urlencode "description=Jembatan Kali Brantas retak" --data-urlencode "address_string=Desa Lolawang" \
    "$ASP_URL/open311/v2/requests.json"
T5=$(jq -r '.[0].service_request_id' "$ASP_TMP/o311")
like "$T5" '^[0-9]{7}$' "(a ticket filed through Open311)"
n=$(asp_psql "SELECT count(*) FROM outbox")
api_is POST "/api/v1/tickets/$T5/status" '{"status":"diproses"}' "$STAFF" 200 "a ticket without a phone: 200"
is "$(jget '[(.notified|tostring), (.msisdn|tostring), .channel, (.message|tostring)] | join(",")')" \
    "false,null,open311,null" "no phone: nobody notified, msisdn null, no message"
is "$(asp_psql "SELECT count(*) FROM outbox")" "$n" "no phone: no SMS queued"

api_is GET "/api/v1/tickets?status=diproses" "" "$VIEWER" 200 "status=diproses: 200"
is "$(codes)" "$T5,$T6,$T1" "status filter: the three in progress"

# ---- assignments -----------------------------------------------------------------

api_is PATCH "/api/v1/tickets/$T3" '{"komisi":4,"category":"kesehatan"}' "$STAFF" 200 "PATCH komisi and category: 200"
is "$(jget '[(.komisi|tostring), .category, .status, .msisdn] | join(",")')" "4,kesehatan,baru,+62857****5678" \
    "assigned, status unchanged, the number masked for staff"
is "$(jget '.history[-1] | [.status, .actor, .note] | join("|")')" "baru|api:budi|Komisi IV, kategori kesehatan" \
    "the history records the assignment"
is "$(asp_psql "SELECT count(*) FROM outbox WHERE msisdn = '$B'")" 1 "an assignment tells nobody"
api_is PATCH "/api/v1/tickets/$T3" '{"category":null}' "$STAFF" 200 "PATCH category null: 200"
is "$(jget '[(.komisi|tostring), (.category|tostring)] | join(",")')" "4,null" "category cleared, komisi kept"
api_is PATCH "/api/v1/tickets/$T1" '{"komisi":1,"category":"jalan"}' "$STAFF" 200 "PATCH komisi 1: 200"
api_is PATCH "/api/v1/tickets/$T1" '{"komisi":null}' "$STAFF" 200 "PATCH komisi null: 200"
is "$(jget '[(.komisi|tostring), (.category|tostring)] | join(",")')" "null,jalan" "komisi cleared, category kept"
is "$(jget '.history[-1].note')" "tanpa komisi" "the history says the komisi was taken away"
api_is PATCH "/api/v1/tickets/$T4" '{"komisi":2}' "$ADMIN" 200 "PATCH by an admin: 200"
is "$(jget .msisdn)" "$B" "an admin's answer has the full number"
api_is PATCH "/api/v1/tickets/$T3" '{"komisi":5}' "$STAFF" 400 "komisi 5: 400"
is "$(jget .error.message)" '"komisi" must be an integer from 1 to 4' "komisi: the range"
api_is PATCH "/api/v1/tickets/$T3" '{"komisi":0}' "$STAFF" 400 "komisi 0: 400 (null takes it away)"
api_is PATCH "/api/v1/tickets/$T3" '{"komisi":"III"}' "$STAFF" 400 "komisi as text: 400"
api_is PATCH "/api/v1/tickets/$T3" '{"komisi":2.5}' "$STAFF" 400 "komisi 2.5: 400"
api_is PATCH "/api/v1/tickets/$T3" '{"category":"banjir"}' "$STAFF" 400 "an unknown category: 400"
is "$(jget .error.message)" '"category" must be one of: jalan, utilitas, kesehatan, pendidikan, lain' \
    "an unknown category: lists the categories"
api_is PATCH "/api/v1/tickets/$T3" '{"category":""}' "$STAFF" 400 "an empty category: 400"
api_is PATCH "/api/v1/tickets/$T3" '{"category":3}' "$STAFF" 400 "a category that is a number: 400"
api_is PATCH "/api/v1/tickets/$T3" '{}' "$STAFF" 400 "nothing to change: 400"
is "$(jget .error.message)" 'give "komisi" (1 to 4, or null), "category" or both' "nothing to change: says what to give"
api_is PATCH "/api/v1/tickets/$T3" '{"komisi":1,"status":"selesai"}' "$STAFF" 400 "PATCH with a status: 400"
is "$(jget .error.message)" 'unknown field "status"; the fields are: komisi, category' \
    "PATCH with a status: the field is unknown there"
api_is PATCH "/api/v1/tickets/$T3" '' "$STAFF" 400 "PATCH without a body: 400"
api_is PATCH /api/v1/tickets/1234567 '{"komisi":1}' "$STAFF" 404 "PATCH a wrong check digit: 404"
api_is PATCH "/api/v1/tickets/$U" '{"komisi":1}' "$STAFF" 404 "PATCH a valid code of no ticket: 404"
is "$(asp_psql "SELECT komisi || ' ' || coalesce(category, '-') FROM tickets WHERE code = '$T3'")" "4 -" \
    "refused assignments changed nothing"

api_is GET "/api/v1/tickets?komisi=4" "" "$VIEWER" 200 "komisi=4: 200"
is "$(codes)" "$T3" "komisi filter"
api_is GET "/api/v1/tickets?category=jalan&status=diproses" "" "$VIEWER" 200 "category and status together: 200"
is "$(codes)" "$T5,$T6,$T1" "filters combine"
api_is GET "/api/v1/tickets?category=jalan&status=diproses&komisi=2&q=jalan&from=$D1&to=$today" "" "$VIEWER" 200 \
    "every filter at once: 200"
is "$(jget .total)" 0 "every filter at once: they all apply"
api_is GET "/api/v1/tickets?komisi=2&q=sekolah&from=$D2&to=$D2&status=diteruskan" "" "$VIEWER" 200 \
    "every filter but category: 200"
is "$(codes)" "$T4" "every filter but category: the one that matches them all"

# ---- roles and tokens ----------------------------------------------------------------

api_is POST "/api/v1/tickets/$T3/status" '{"status":"diproses"}' "$VIEWER" 403 "a viewer cannot change a status"
is "$(jget .error.code)" forbidden "403: forbidden"
api_is PATCH "/api/v1/tickets/$T3" '{"komisi":1}' "$VIEWER" 403 "a viewer cannot assign"
api_is GET "/api/v1/stats" "" "$VIEWER" 200 "a viewer reads the statistics"
api_is GET /api/v1/tickets "" "" 401 "GET without a token: 401"
api_is GET "/api/v1/tickets/$T3" "" "" 401 "GET one without a token: 401"
api_is POST "/api/v1/tickets/$T3/status" '{"status":"diproses"}' "" 401 "POST without a token: 401"
api_is PATCH "/api/v1/tickets/$T3" '{"komisi":1}' "" 401 "PATCH without a token: 401"
api_is GET /api/v1/stats "" "" 401 "stats without a token: 401"
api_is GET /api/v1/tickets "" "asp_not-a-real-token" 401 "a wrong token: 401"
api_is POST "/api/v1/tickets/$T3/status" '{"status":"diproses"}' "$GONE" 200 "dodi, staff, changes a status: 200"
"$CTL" -c "$CONF" staff revoke dodi >/dev/null 2>&1
api_is POST "/api/v1/tickets/$T3/status" '{"status":"diteruskan"}' "$GONE" 401 "once revoked, his token: 401"
api_is GET /api/v1/tickets "" "$GONE" 401 "a revoked token cannot read either"
is "$(asp_psql "SELECT status || ' ' || komisi FROM tickets WHERE code = '$T3'")" "diproses 4" \
    "what was refused changed nothing"

# ---- the audit log -------------------------------------------------------------

is "$(asp_psql "SELECT string_agg(actor || ' ' || method || ' ' || status || ' ' || (detail->>'ticket')
    || ' ' || coalesce(detail->>'status', '') || coalesce(detail->>'notified', ''), ',' ORDER BY id)
    FROM audit_log WHERE path LIKE '/api/v1/tickets/%' AND method = 'POST'")" \
    "api:budi POST 200 $T1 diprosestrue,api:ana POST 200 $T4 diteruskantrue,api:budi POST 200 $T6 diprosestrue,api:budi POST 200 $T2 selesaifalse,api:budi POST 200 $T2 diprosestrue,api:budi POST 200 $T2 selesaifalse,api:budi POST 200 $T5 diprosesfalse,api:dodi POST 200 $T3 diprosestrue" \
    "the audit log: each status change, who, which ticket, the status, whether told"
is "$(asp_psql "SELECT string_agg(actor || ' ' || status || ' ' || (detail - 'ticket')::text, ',' ORDER BY id)
    FROM audit_log WHERE path LIKE '/api/v1/tickets/%' AND method = 'PATCH'")" \
    "api:budi 200 {\"komisi\": 4, \"category\": \"kesehatan\"},api:budi 200 {\"category\": null},api:budi 200 {\"komisi\": 1, \"category\": \"jalan\"},api:budi 200 {\"komisi\": null},api:ana 200 {\"komisi\": 2}" \
    "the audit log: each assignment, who, and what"
is "$(asp_psql "SELECT count(*) FROM audit_log WHERE path LIKE '/api/v1/tickets%' AND method = 'GET'")" 0 \
    "reading leaves no audit row"
is "$(asp_psql "SELECT count(*) FROM audit_log WHERE path = '/api/v1/tickets/$T6/status'")" 1 \
    "of the eight at once, only the one that changed something"
is "$(asp_psql "SELECT count(*) FROM audit_log WHERE detail::text ~ '(62|08)[0-9]{8,}'")" 0 \
    "no phone number in the audit log"

# ---- statistics -------------------------------------------------------------------

# Known durations to the first change of status: T1 60 s, T4 120 s, T2
# 300 s (then two more changes), T5 600 s, T6 900 s.  T3 is changed only
# at 1200 s; its assignments at 30 s are not changes of status.
later()
{
    asp_psql "UPDATE ticket_events e SET created_at = t.created_at + make_interval(secs => $2)
        FROM tickets t WHERE e.ticket_id = t.id AND t.code = '$1'
        AND e.id > (SELECT min(id) FROM ticket_events WHERE ticket_id = t.id) $3" >/dev/null
}
later "$T1" 60
later "$T4" 120
later "$T2" 300
later "$T5" 600
later "$T6" 900
later "$T3" 30 "AND e.status = 'baru'"
later "$T3" 1200 "AND e.status <> 'baru'"
# Two messages moved back: one to the first second of D1, one to the last
# second of the day before it.
MD1=$(asp_psql "UPDATE messages SET received_at = '$D1 00:00:00+07' WHERE kannel_id = 'tk-6' RETURNING intent")
MD0=$(asp_psql "UPDATE messages SET received_at = '$D1 00:00:00+07'::timestamptz - interval '1 second'
    WHERE kannel_id = 'tk-4' RETURNING intent")
D0=$(TZ=Asia/Jakarta date -d '3 days ago' +%F)
# count_since DAY: messages received from local midnight of DAY on.
count_since()
{
    asp_psql "SELECT count(*) FROM messages WHERE received_at >= '$1 00:00:00+07'"
}

api_is GET /api/v1/stats "" "$VIEWER" 200 "GET /stats as viewer: 200"
is "$(jget .days)" 30 "stats: 30 days by default"
is "$(jget '.messages | map(select(.intent == "complaint") | .count) | add')" \
    "$(asp_psql "SELECT count(*) FROM messages WHERE intent = 'complaint'")" "stats: complaints = SQL"
is "$(jget '[.messages[].count] | add')" "$(asp_psql "SELECT count(*) FROM messages")" "stats: every message counted"
is "$(jget '.messages | map(.day + " " + .intent + " " + (.count|tostring)) | join(",")')" \
    "$(asp_psql "SELECT string_agg(d || ' ' || intent || ' ' || n, ',' ORDER BY d, intent) FROM
        (SELECT to_char(received_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') d, intent, count(*) n
         FROM messages GROUP BY 1, 2) x")" "stats: per local day and intent = SQL"
is "$(jget '.messages[0] | [.day, .intent] | join(" ")')" "$D0 $MD0" "stats: the message of D0 23:59:59 on D0"
is "$(jget '.open_tickets.total')" 5 "stats: open tickets (selesai is closed)"
is "$(jget '.open_tickets.by_status | map(.status + "=" + (.count|tostring)) | join(",")')" \
    "diproses=4,diteruskan=1" "stats: open tickets per status"
is "$(jget '.open_tickets.by_status | map(.status + "=" + (.count|tostring)) | join(",")')" \
    "$(asp_psql "SELECT string_agg(status || '=' || n, ',' ORDER BY status) FROM (SELECT status, count(*) n
        FROM tickets WHERE status NOT IN ('selesai', 'ditolak') GROUP BY status) x")" "stats: per status = SQL"
is "$(jget '.open_tickets.by_komisi | map((.komisi|tostring) + "=" + (.count|tostring)) | join(",")')" \
    "null=3,2=1,4=1" "stats: open tickets per komisi"
is "$(jget '.first_status_change | [.tickets, .changed, .median_seconds] | map(tostring) | join(",")')" "6,6,450" \
    "stats: 6 tickets, all changed, median of 60, 120, 300, 600, 900, 1200 s: 450 s"

api_is GET "/api/v1/stats?days=1" "" "$VIEWER" 200 "days=1: 200"
is "$(jget '[.messages[].count] | add')" "$(count_since "$today")" "days=1: the messages of today"
is "$(jget '[.messages[].day] | unique | join(",")')" "$today" "days=1: today only"
is "$(jget '.first_status_change | [.tickets, .changed, .median_seconds] | map(tostring) | join(",")')" "2,2,750" \
    "days=1: the tickets of today (600 s, 900 s)"
api_is GET "/api/v1/stats?days=2" "" "$VIEWER" 200 "days=2: 200"
is "$(jget '.first_status_change | [.tickets, .changed, .median_seconds] | map(tostring) | join(",")')" "5,5,600" \
    "days=2: from D2 00:00:00 on (T2 in, T1 of D1 23:59:59 out; 120 to 1200 s)"
is "$(jget '[.messages[].count] | add')" "$(count_since "$D2")" "days=2: the messages since D2"
api_is GET "/api/v1/stats?days=3" "" "$VIEWER" 200 "days=3: 200"
is "$(jget '[.messages[].count] | add')" "$(($(count_since "$D2") + 1))" \
    "days=3: one more, the message of D1 00:00:00"
is "$(jget '.messages[0] | [.day, .intent, .count] | map(tostring) | join(" ")')" "$D1 $MD1 1" \
    "days=3: D1 is the first day"
is "$(jget '.first_status_change | [.tickets, .changed, .median_seconds] | map(tostring) | join(",")')" "6,6,450" \
    "days=3: every ticket"
api_is GET "/api/v1/stats?days=4" "" "$VIEWER" 200 "days=4: 200"
is "$(jget '[.messages[].count] | add')" "$(asp_psql "SELECT count(*) FROM messages")" "days=4: every message"
api_is GET "/api/v1/stats?days=366" "" "$VIEWER" 200 "days 366: 200"
# A ticket created before the window and changed in it does not count.
at "$T4" "$D0 12:00:00"
api_is GET "/api/v1/stats?days=3" "" "$VIEWER" 200 "(T4 moved to D0)"
is "$(jget '.first_status_change | [.tickets, .changed, .median_seconds] | map(tostring) | join(",")')" "5,5,600" \
    "a ticket created before the window is not counted (T4, 120 s, out)"
# A ticket that never changed status: counted, not in the median.
asp_psql "DELETE FROM ticket_events WHERE ticket_id = (SELECT id FROM tickets WHERE code = '$T3') AND status <> 'baru'" >/dev/null
api_is GET "/api/v1/stats?days=3" "" "$VIEWER" 200 "(T3's change taken away)"
is "$(jget '.first_status_change | [.tickets, .changed, .median_seconds] | map(tostring) | join(",")')" "5,4,450" \
    "a ticket without a change of status: counted, not in the median (60, 300, 600, 900 s)"
api_is GET "/api/v1/stats?days=0" "" "$VIEWER" 400 "days 0: 400"
api_is GET "/api/v1/stats?days=367" "" "$VIEWER" 400 "days 367: 400"
is "$(jget .error.message)" '"days" must be an integer from 1 to 366' "days: the range"
asp_psql "DELETE FROM ticket_events WHERE id > (SELECT min(id) FROM ticket_events e2 WHERE e2.ticket_id = ticket_events.ticket_id)" >/dev/null
api_is GET "/api/v1/stats" "" "$VIEWER" 200 "(every change taken away)"
is "$(jget '.first_status_change | [.tickets, .changed, .median_seconds] | map(tostring) | join(",")')" "6,0,null" \
    "no change at all: median null"

# ---- aspirasictl ticket assign and set-status ---------------------------------------

"$CTL" -c "$CONF" ticket assign "$T2" --komisi III --category jalan >"$ASP_TMP/assign.out" 2>&1
is "$?" 0 "ticket assign --komisi III --category jalan: exit 0"
is "$(cat "$ASP_TMP/assign.out")" "$T2: komisi III, category jalan" "ticket assign: says what it did"
is "$(asp_psql "SELECT komisi || ' ' || category FROM tickets WHERE code = '$T2'")" "3 jalan" "ticket assign: stored"
like "$(asp_psql "SELECT actor || '|' || status || '|' || note FROM ticket_events
    WHERE ticket_id = (SELECT id FROM tickets WHERE code = '$T2') ORDER BY id DESC LIMIT 1")" \
    '^cli:[^|]+\|selesai\|Komisi III, kategori jalan$' "ticket assign: in the history, by the command line"
"$CTL" -c "$CONF" ticket assign "$T2" --komisi 2 >/dev/null 2>&1
is "$(asp_psql "SELECT komisi || ' ' || category FROM tickets WHERE code = '$T2'")" "2 jalan" \
    "ticket assign --komisi 2: a digit works too, category kept"
"$CTL" -c "$CONF" ticket assign "$T2" --category none >/dev/null 2>&1
is "$(asp_psql "SELECT komisi || ' ' || coalesce(category, '-') FROM tickets WHERE code = '$T2'")" "2 -" \
    "ticket assign --category none: cleared, komisi kept"
"$CTL" -c "$CONF" ticket assign "$T2" --komisi none >/dev/null 2>&1
is "$(asp_psql "SELECT coalesce(komisi::text, '-') FROM tickets WHERE code = '$T2'")" "-" "ticket assign --komisi none: cleared"
"$CTL" -c "$CONF" ticket assign "$T2" --category banjir >/dev/null 2>"$ASP_TMP/assign.err"
is "$?" 1 "ticket assign --category banjir: exit 1"
is "$(cat "$ASP_TMP/assign.err")" \
    'aspirasictl: unknown category "banjir"; the categories are: jalan, utilitas, kesehatan, pendidikan, lain' \
    "ticket assign: an unknown category, and the known ones"
"$CTL" -c "$CONF" ticket assign "$T2" --komisi 5 >/dev/null 2>"$ASP_TMP/assign.err"
like "$? $(cat "$ASP_TMP/assign.err")" '^2 aspirasictl: --komisi "5" is not a komisi' "ticket assign --komisi 5: refused"
"$CTL" -c "$CONF" ticket assign "$T2" >/dev/null 2>"$ASP_TMP/assign.err"
is "$? $(cat "$ASP_TMP/assign.err")" '1 aspirasictl: nothing to assign: give a komisi, a category or both' \
    "ticket assign with nothing: refused"
"$CTL" -c "$CONF" ticket assign "$U" --komisi 1 >/dev/null 2>"$ASP_TMP/assign.err"
is "$? $(cat "$ASP_TMP/assign.err")" "1 aspirasictl: no ticket $U" "ticket assign of no ticket: refused"
n=$(asp_psql "SELECT count(*) FROM outbox")
"$CTL" -c "$CONF" ticket set-status "$T2" selesai >/dev/null 2>"$ASP_TMP/set.err"
is "$? $(cat "$ASP_TMP/set.err")" "1 aspirasictl: ticket $T2 is already selesai" \
    "ticket set-status to the status it has: refused, as the API does"
"$CTL" -c "$CONF" ticket set-status "$T2" ditolak >"$ASP_TMP/set.out" 2>&1
is "$? $(cat "$ASP_TMP/set.out")" "0 $T2 is now ditolak; the citizen will be told by SMS" "ticket set-status: exit 0"
is "$(asp_psql "SELECT count(*) FROM outbox")" $((n + 1)) "ticket set-status: the SMS queued, through the same code"
"$CTL" -c "$CONF" ticket set-status "$T5" selesai >"$ASP_TMP/set.out" 2>&1
is "$? $(cat "$ASP_TMP/set.out")" "0 $T5 is now selesai; the ticket has no phone number to tell" \
    "ticket set-status of a ticket without a phone: says so"

asp_check_logs
tap_done
