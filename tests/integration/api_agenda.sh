#!/usr/bin/env bash
#
# The agenda and the information pages over the staff API, on real HTTP
# and a throwaway PostgreSQL: every route (/api/v1/agenda, its cancel,
# restore and inputs, /api/v1/info, /api/v1/info-requests), the role of
# each (a viewer reads but changes nothing, no token is 401, a token
# revoked with aspirasictl is 401 at once), the checks shared with
# aspirasictl answered as 400s that name the field (an end before its
# start, unknown types, komisi 5, texts too long, info pages over one SMS
# or not GSM-7, unknown fields), 404s, times in ISO 8601 with the offset of
# the configured zone (Asia/Jakarta, whatever the machine's TZ), masked
# phone numbers for all but admins, the audit_log row of every change, and
# that citizens see by SMS what staff entered by the API (AGENDA, INFO).
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/api_agenda.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 280

CTL=$ASP_BUILDDIR/aspirasictl
CONF=$ASP_TMP/aspirasi.conf
asp_createdb aspirasi_api_agenda
asp_write_config "$CONF" 'timezone = "Asia/Jakarta";'
export ASP_CONFIG=$CONF
asp_migrate "$CONF" || asp_bail "migrate failed"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"

ADMIN=$(asp_staff_token ana admin)
STAFF=$(asp_staff_token budi staff)
VIEWER=$(asp_staff_token citra viewer)

# local TIME-SPEC: a local time in Asia/Jakarta, "YYYY-MM-DD HH:MM".
local_time()
{
    TZ=Asia/Jakarta date -d "$1" '+%Y-%m-%d %H:%M'
}

# refused METHOD PATH BODY NAME ERE: as staff, the request is a 400 whose
# message matches ERE.
refused()
{
    api_is "$1" "$2" "$3" "$STAFF" 400 "$4: 400"
    like "$(jget .error.message)" "$5" "$4: says why"
}

sessions()
{
    asp_psql "SELECT count(*) || '/' || max(updated_at) FROM agenda_sessions"
}

audits()
{
    asp_psql "SELECT count(*) FROM audit_log"
}

# mo ID FROM TEXT: posts one MO as smsbox would; sets REPLY.
mo()
{
    REPLY=$(curl -sS -m 30 "$(asp_mo_url id="$1" from="$2" text="$3")")
}

# ---- creating sessions ---------------------------------------------------------

api_is POST /api/v1/agenda '{"type":"paripurna","title":"Rapat Paripurna APBD 2027",
    "starts":"2099-12-02 09:00","ends":"2099-12-02T12:00:00+07:00","place":"Gedung DPRD"}' \
    "$STAFF" 201 "POST /agenda as staff: 201"
S1=$(jget .id)
like "$S1" '^[0-9]+$' "POST /agenda: the new session's id"
is "$(jget '[.type, (.komisi | tostring), .title, .starts, .ends, .place, .public, .summary,
    .cancelled, (.cancel_reason | tostring)] | map(tostring) | join("|")')" \
    "paripurna|null|Rapat Paripurna APBD 2027|2099-12-02T09:00:00+07:00|2099-12-02T12:00:00+07:00|Gedung DPRD|true||false|null" \
    "POST /agenda: every field, times in ISO 8601 with the offset of Asia/Jakarta"
is "$(jget 'keys | join(",")')" \
    "cancel_reason,cancelled,ends,id,komisi,place,public,starts,summary,title,type" \
    "POST /agenda: a session has exactly the documented fields"
is "$(asp_psql "SELECT starts_at AT TIME ZONE 'UTC', ends_at AT TIME ZONE 'UTC', created_by,
    updated_by FROM agenda_sessions WHERE id = $S1")" \
    "2099-12-02 02:00:00|2099-12-02 05:00:00|api:budi|api:budi" \
    "POST /agenda: the row, stored as absolute times, created by api:budi"

api_is POST /api/v1/agenda '{"type":"komisi","komisi":3,"title":"RDP Komisi III: jalan desa",
    "starts":"2099-12-03T06:00:00Z","ends":"15:00","public":false,
    "summary":"Pembahasan jalan rusak di Sooko"}' "$STAFF" 201 \
    "POST /agenda with a UTC start, an end as HH:MM, komisi 3, closed: 201"
S2=$(jget .id)
is "$(jget '[.komisi, .starts, .ends, .public, .summary] | map(tostring) | join("|")')" \
    "3|2099-12-03T13:00:00+07:00|2099-12-03T15:00:00+07:00|false|Pembahasan jalan rusak di Sooko" \
    "POST /agenda: 06:00Z is 13:00 in Jakarta; the end on the start's local day"

api_is POST /api/v1/agenda '{"type":"RDP","komisi":"II","title":"RDP Komisi II",
    "starts":"2099-12-04T09:00","public":true}' "$ADMIN" 201 \
    "POST /agenda with type RDP and komisi \"II\" (as aspirasictl spells them): 201"
S3=$(jget .id)
is "$(jget '[.type, .komisi, .ends] | map(tostring) | join("|")')" "rdp|2|null" \
    "POST /agenda: rdp, komisi 2, no end (null)"

api_is POST /api/v1/agenda '{"type":"lain","title":"Reses lama","starts":"2020-01-15 09:00"}' \
    "$STAFF" 201 "POST /agenda of a past session: 201"
SPAST=$(jget .id)
T200=$(printf 'a%.0s' $(seq 200))
api_is POST /api/v1/agenda "{\"type\":\"lain\",\"title\":\"$T200\",\"starts\":\"2099-12-06 00:00\"}" \
    "$STAFF" 201 "POST /agenda with a title of 200 bytes: 201"
S200=$(jget .id)
E100=$(printf '\xc3\xa9%.0s' $(seq 100))
api_is POST /api/v1/agenda "{\"type\":\"lain\",\"title\":\"$E100\",\"starts\":\"2099-12-06 00:00\"}" \
    "$STAFF" 201 "POST /agenda with a title of 100 accented letters (200 bytes): 201"
SE100=$(jget .id)
SOON=$(local_time 'tomorrow 10:00')
api_is POST /api/v1/agenda "{\"type\":\"reses\",\"title\":\"Reses Desa Sooko\",\"starts\":\"$SOON\"}" \
    "$STAFF" 201 "POST /agenda of a session tomorrow: 201"
SSOON=$(jget .id)

# ---- what POST /agenda refuses ----------------------------------------------------

N=$(sessions)
A=$(audits)
refused POST /api/v1/agenda '{"type":"paripurna","title":"x","starts":"2099-12-02 09:00",
    "ends":"2099-12-02 08:59"}' "an end a minute before the start" \
    '^"ends" 2099-12-02 08:59 is before the start 2099-12-02 09:00$'
refused POST /api/v1/agenda '{"type":"paripurna","title":"x","starts":"2099-12-02T09:00:00+07:00",
    "ends":"2099-12-02T01:59:00Z"}' "an end in UTC before the start in Jakarta" \
    '"ends" 2099-12-02 08:59 is before the start 2099-12-02 09:00'
is "$(jget .error.code)" invalid "a 400: error code invalid"
refused POST /api/v1/agenda '{"type":"sidang","title":"x","starts":"2099-12-02 09:00"}' \
    "an unknown type" \
    '^"type" "sidang" is not a session type; the types are: paripurna komisi rdp reses banmus banggar lain$'
refused POST /api/v1/agenda '{"type":"komisi","komisi":5,"title":"x","starts":"2099-12-02 09:00"}' \
    "komisi 5" '^"komisi" "5" is not a komisi: use I, II, III or IV \(or 1-4\)$'
refused POST /api/v1/agenda '{"type":"komisi","komisi":0,"title":"x","starts":"2099-12-02 09:00"}' \
    "komisi 0" '"komisi" "0" is not a komisi'
refused POST /api/v1/agenda '{"type":"komisi","komisi":"V","title":"x","starts":"2099-12-02 09:00"}' \
    "komisi \"V\"" '"komisi" "V" is not a komisi'
refused POST /api/v1/agenda '{"type":"komisi","komisi":true,"title":"x","starts":"2099-12-02 09:00"}' \
    "komisi true" '^"komisi" must be an integer from 1 to 4$'
refused POST /api/v1/agenda '{"type":"komisi","title":"x","starts":"2099-12-02 09:00"}' \
    "type komisi without a komisi" '^a session of type komisi needs "komisi" I, II, III or IV$'
refused POST /api/v1/agenda "{\"type\":\"lain\",\"title\":\"a$T200\",\"starts\":\"2099-12-02 09:00\"}" \
    "a title of 201 bytes" '^"title" is too long: 201 bytes, at most 200'
refused POST /api/v1/agenda "{\"type\":\"lain\",\"title\":\"${E100}a\",\"starts\":\"2099-12-02 09:00\"}" \
    "a title of 101 characters, 201 bytes" '^"title" is too long: 201 bytes, at most 200'
refused POST /api/v1/agenda '{"type":"lain","title":"   ","starts":"2099-12-02 09:00"}' \
    "a blank title" '^"title" is empty$'
refused POST /api/v1/agenda '{"type":"lain","title":"two\nlines","starts":"2099-12-02 09:00"}' \
    "a title of two lines" '^"title" must be one line'
refused POST /api/v1/agenda "{\"type\":\"lain\",\"title\":\"x\",\"starts\":\"2099-12-02 09:00\",
    \"place\":\"$(printf 'p%.0s' $(seq 121))\"}" "a place of 121 bytes" \
    '^"place" is too long: 121 bytes, at most 120'
refused POST /api/v1/agenda "{\"type\":\"lain\",\"title\":\"x\",\"starts\":\"2099-12-02 09:00\",
    \"summary\":\"$(printf 's%.0s' $(seq 321))\"}" "a summary of 321 bytes" \
    '^"summary" is too long: 321 bytes, at most 320'
refused POST /api/v1/agenda '{"type":"lain","starts":"2099-12-02 09:00"}' "no title" \
    '^"title" is required$'
refused POST /api/v1/agenda '{"type":"lain","title":"x"}' "no start" '^"starts" is required$'
refused POST /api/v1/agenda '{"type":"lain","title":"x","starts":"2099-02-29 09:00"}' \
    "29 February of a year that is not leap" \
    '^"starts" "2099-02-29 09:00" is not a real date: February 2099 has 28 days$'
refused POST /api/v1/agenda '{"type":"lain","title":"x","starts":"2099-12-02 24:00"}' "24:00" \
    '"starts" "2099-12-02 24:00" is not a real time'
refused POST /api/v1/agenda '{"type":"lain","title":"x","starts":"2099-12-02"}' "a date alone" \
    '"starts" "2099-12-02" needs a time too'
refused POST /api/v1/agenda '{"type":"lain","title":"x","starts":"02/12/2099 09:00"}' \
    "a date in another form" '"starts" "02/12/2099 09:00" is not a date and time'
refused POST /api/v1/agenda '{"type":"lain","title":"x","starts":"2099-12-02T09:00:30+07:00"}' \
    "a start with seconds" 'sessions are kept to the minute'
refused POST /api/v1/agenda '{"type":"lain","title":"x","starts":"2099-12-02T09:00+15:00"}' \
    "an offset of +15:00" 'is not a date and time'
refused POST /api/v1/agenda '{"type":"lain","title":7,"starts":"2099-12-02 09:00"}' \
    "a number for the title" '^"title" must be a string$'
refused POST /api/v1/agenda '{"type":"lain","title":"x","starts":"2099-12-02 09:00","public":"yes"}' \
    "public \"yes\"" '^"public" must be true or false$'
refused POST /api/v1/agenda '{"type":"lain","title":"x","starts":"2099-12-02 09:00","colour":"red"}' \
    "an unknown field" '^unknown field "colour"; the fields are: type, komisi, title, starts, ends, place, public, summary$'
refused POST /api/v1/agenda '' "no body" 'a JSON object is required'
is "$(sessions)" "$N" "nothing refused reached the agenda"
is "$(audits)" "$A" "nothing refused wrote an audit row"

# The command line and the API give the same reasons, in their own names.
"$CTL" -c "$CONF" agenda add --type komisi --komisi 5 --title x --start "2099-12-02 09:00" \
    2>"$ASP_TMP/ctl.err"
api_is POST /api/v1/agenda '{"type":"komisi","komisi":"5","title":"x","starts":"2099-12-02 09:00"}' \
    "$STAFF" 400 "komisi \"5\" through the API: 400"
is "$(jget .error.message | sed 's/"komisi"/--komisi/g')" \
    "$(sed 's/^aspirasictl: //' "$ASP_TMP/ctl.err")" "aspirasictl and the API refuse komisi 5 alike"
"$CTL" -c "$CONF" agenda add --type lain --title x --start "2099-04-31 09:00" 2>"$ASP_TMP/ctl.err"
api_is POST /api/v1/agenda '{"type":"lain","title":"x","starts":"2099-04-31 09:00"}' \
    "$STAFF" 400 "31 April through the API: 400"
is "$(jget .error.message | sed 's/"starts"/--start/g')" \
    "$(sed 's/^aspirasictl: //' "$ASP_TMP/ctl.err")" "aspirasictl and the API refuse 31 April alike"

# ---- reading sessions -----------------------------------------------------------

api_is GET "/api/v1/agenda/$S2" "" "$VIEWER" 200 "GET /agenda/ID as viewer: 200"
is "$(jget '[.id, .type, .komisi, .title, .public] | map(tostring) | join("|")')" \
    "$S2|komisi|3|RDP Komisi III: jalan desa|false" "GET /agenda/ID: the session"
api_is GET /api/v1/agenda/999999 "" "$VIEWER" 404 "GET /agenda/999999: 404"
is "$(jget .error.code)" not_found "GET /agenda/999999: error code not_found"
api_is GET /api/v1/agenda/abc "" "$VIEWER" 404 "GET /agenda/abc: 404"

# ids: the ids of the items of the last list, space-separated.
ids()
{
    jget '[.items[].id] | map(tostring) | join(" ")'
}

api_is GET /api/v1/agenda "" "$VIEWER" 200 "GET /agenda as viewer: 200"
is "$(ids)" "$SSOON $S1 $S2 $S3 $S200 $SE100" "GET /agenda: the sessions not ended, in order of start"
is "$(jget '[.total, .limit, .offset] | map(tostring) | join(" ")')" "6 50 0" \
    "GET /agenda: total, limit 50 and offset 0 by default"
api_is GET "/api/v1/agenda?limit=2&offset=1" "" "$VIEWER" 200 "GET /agenda?limit=2&offset=1: 200"
is "$(ids) / $(jget .total)" "$S1 $S2 / 6" "GET /agenda?limit=2&offset=1: the second and third of 6"
api_is GET "/api/v1/agenda?offset=10" "" "$VIEWER" 200 "GET /agenda?offset=10: 200"
is "$(jget '(.items | length | tostring) + " " + (.total | tostring)')" "0 6" \
    "GET /agenda past the last page: no items, the total still 6"
api_is GET "/api/v1/agenda?from=2099-12-02&to=2099-12-03" "" "$VIEWER" 200 "GET /agenda?from&to: 200"
is "$(ids)" "$S1 $S2" "GET /agenda?from=2099-12-02&to=2099-12-03: both days whole"
api_is GET "/api/v1/agenda?from=2099-12-02T09:00:00%2B07:00&to=2099-12-03T13:00:00%2B07:00" "" \
    "$VIEWER" 200 "GET /agenda with from and to as date-times: 200"
is "$(ids)" "$S1 $S2" "GET /agenda?from&to as date-times: both ends included"
api_is GET "/api/v1/agenda?from=2099-12-02T02:00:01Z" "" "$VIEWER" 200 "GET /agenda?from in UTC: 200"
is "$(jget '.items[0].id')" "$S2" "GET /agenda?from=02:00:01Z: after the 09:00 WIB session"
api_is GET "/api/v1/agenda?from=2020-01-01&to=2020-12-31" "" "$VIEWER" 200 "GET /agenda of 2020: 200"
is "$(ids)" "$SPAST" "GET /agenda?from=2020-01-01: past sessions too"
api_is GET "/api/v1/agenda?komisi=3" "" "$VIEWER" 200 "GET /agenda?komisi=3: 200"
is "$(ids)" "$S2" "GET /agenda?komisi=3: komisi III only"
api_is GET "/api/v1/agenda?type=RDP" "" "$VIEWER" 200 "GET /agenda?type=RDP: 200"
is "$(ids)" "$S3" "GET /agenda?type=RDP: rdp only"
api_is GET "/api/v1/agenda?type=sidang" "" "$VIEWER" 400 "GET /agenda?type=sidang: 400"
like "$(jget .error.message)" '^"type" "sidang" is not a session type' "GET /agenda?type=sidang: says why"
api_is GET "/api/v1/agenda?komisi=5" "" "$VIEWER" 400 "GET /agenda?komisi=5: 400"
is "$(jget .error.message)" '"komisi" must be an integer from 1 to 4' "GET /agenda?komisi=5: says why"
api_is GET "/api/v1/agenda?limit=0" "" "$VIEWER" 400 "GET /agenda?limit=0: 400"
api_is GET "/api/v1/agenda?limit=200" "" "$VIEWER" 200 "GET /agenda?limit=200: 200"
api_is GET "/api/v1/agenda?limit=201" "" "$VIEWER" 400 "GET /agenda?limit=201: 400"
is "$(jget .error.message)" '"limit" must be an integer from 1 to 200' "GET /agenda?limit=201: says why"
api_is GET "/api/v1/agenda?offset=-1" "" "$VIEWER" 400 "GET /agenda?offset=-1: 400"
api_is GET "/api/v1/agenda?from=2099-02-29" "" "$VIEWER" 400 "GET /agenda?from=2099-02-29: 400"
like "$(jget .error.message)" '^"from" must be a date' "GET /agenda?from=2099-02-29: says why"
api_is GET "/api/v1/agenda?include_cancelled=maybe" "" "$VIEWER" 400 \
    "GET /agenda?include_cancelled=maybe: 400"
is "$(jget .error.message)" '"include_cancelled" must be true or false' \
    "GET /agenda?include_cancelled=maybe: says why"

# ---- changing sessions ------------------------------------------------------------

api_is GET "/api/v1/agenda/$S1" "" "$STAFF" 200 "GET /agenda/S1 before a change"
BEFORE=$(jget 'del(.title)')
A=$(audits)
api_is PATCH "/api/v1/agenda/$S1" '{"title":"Paripurna Pengesahan APBD 2027"}' "$STAFF" 200 \
    "PATCH /agenda/ID title: 200"
is "$(jget .title)" "Paripurna Pengesahan APBD 2027" "PATCH title: the new title"
is "$(jget 'del(.title)')" "$BEFORE" "PATCH title: nothing else changed"
is "$(asp_psql "SELECT title, updated_by FROM agenda_sessions WHERE id = $S1")" \
    "Paripurna Pengesahan APBD 2027|api:budi" "PATCH title: the row, updated by api:budi"
is "$(asp_psql "SELECT actor, method, path, status, detail->>'session', detail->'fields'
    FROM audit_log ORDER BY id DESC LIMIT 1")" \
    "api:budi|PATCH|/api/v1/agenda/$S1|200|$S1|[\"title\"]" \
    "PATCH: an audit row by api:budi naming the session and the fields changed"

api_is PATCH "/api/v1/agenda/$S1" '{"starts":"2099-12-02 10:00"}' "$STAFF" 200 "PATCH starts: 200"
is "$(jget '.starts + " " + .ends')" "2099-12-02T10:00:00+07:00 2099-12-02T12:00:00+07:00" \
    "PATCH starts: the new start, the end kept"
refused PATCH "/api/v1/agenda/$S1" '{"ends":"09:59"}' "PATCH an end before the kept start" \
    '^"ends" 2099-12-02 09:59 is before the start 2099-12-02 10:00$'
refused PATCH "/api/v1/agenda/$S1" '{"starts":"2099-12-02 12:01"}' "PATCH a start after the kept end" \
    '^"starts" 2099-12-02 12:01 is after the end 2099-12-02 12:00; give a new "ends" too, or "ends" null$'
refused PATCH "/api/v1/agenda/$S1" '{"type":"komisi"}' "PATCH type komisi of a session without one" \
    'type komisi needs "komisi"'
refused PATCH "/api/v1/agenda/$S1" '{}' "PATCH of nothing" '^nothing to change'
refused PATCH "/api/v1/agenda/$S1" '{"cancelled":true}' "PATCH cancelled (not a field)" \
    '^unknown field "cancelled"'
refused PATCH "/api/v1/agenda/$S1" '{"komisi":"nine"}' "PATCH komisi nine" \
    '^"komisi" "nine" is not a komisi: use I, II, III or IV \(or 1-4\), or null$'
is "$(asp_psql "SELECT type, title, starts_at AT TIME ZONE 'UTC', ends_at AT TIME ZONE 'UTC'
    FROM agenda_sessions WHERE id = $S1")" \
    "paripurna|Paripurna Pengesahan APBD 2027|2099-12-02 03:00:00|2099-12-02 05:00:00" \
    "PATCH refused: the row is unchanged"
api_is PATCH "/api/v1/agenda/$S1" '{"ends":null,"komisi":4,"public":false,"place":"Ruang Banggar"}' \
    "$STAFF" 200 "PATCH ends null, komisi 4, closed, place: 200"
is "$(jget '[.ends, .komisi, .public, .place] | map(tostring) | join("|")')" "null|4|false|Ruang Banggar" \
    "PATCH: the end removed, komisi 4, closed, the new place"
api_is PATCH "/api/v1/agenda/$S1" '{"komisi":null,"public":true,"ends":"2099-12-02 12:00"}' \
    "$STAFF" 200 "PATCH komisi null, public, an end: 200"
is "$(jget '[.komisi, .public, .ends] | map(tostring) | join("|")')" \
    "null|true|2099-12-02T12:00:00+07:00" "PATCH: no komisi, public, the end back"
api_is PATCH /api/v1/agenda/999999 '{"title":"x"}' "$STAFF" 404 "PATCH /agenda/999999: 404"
like "$(jget .error.message)" 'no session 999999' "PATCH /agenda/999999: says so"

# ---- cancel and restore --------------------------------------------------------------

api_is POST "/api/v1/agenda/$S3/cancel" '{"reason":"Ditunda ke Januari"}' "$STAFF" 200 \
    "POST /agenda/ID/cancel with a reason: 200"
is "$(jget '[.cancelled, .cancel_reason] | map(tostring) | join("|")')" "true|Ditunda ke Januari" \
    "cancel: cancelled, with the reason"
is "$(asp_psql "SELECT cancelled_at IS NOT NULL, cancel_reason, updated_by FROM agenda_sessions
    WHERE id = $S3")" "t|Ditunda ke Januari|api:budi" "cancel: the row"
api_is GET /api/v1/agenda "" "$VIEWER" 200 "GET /agenda after a cancellation: 200"
is "$(ids)" "$SSOON $S1 $S2 $S200 $SE100" "GET /agenda: a cancelled session is left out"
api_is GET "/api/v1/agenda?include_cancelled=true" "" "$VIEWER" 200 "GET /agenda?include_cancelled=true"
is "$(ids)" "$SSOON $S1 $S2 $S3 $S200 $SE100" "GET /agenda?include_cancelled=true: it is listed"
api_is POST "/api/v1/agenda/$S2/cancel" "" "$STAFF" 200 "POST /agenda/ID/cancel without a body: 200"
is "$(jget '[.cancelled, .cancel_reason] | map(tostring) | join("|")')" "true|" \
    "cancel without a reason: an empty reason"
api_is POST "/api/v1/agenda/$S2/restore" "" "$STAFF" 200 "POST /agenda/ID/restore: 200"
is "$(jget '[.cancelled, .cancel_reason] | map(tostring) | join("|")')" "false|null" \
    "restore: not cancelled, no reason"
api_is POST "/api/v1/agenda/$S3/restore" "" "$STAFF" 200 "restore S3: 200"
is "$(asp_psql "SELECT cancelled_at IS NULL, cancel_reason FROM agenda_sessions WHERE id = $S3")" \
    "t|" "restore: the row"
refused POST "/api/v1/agenda/$S3/cancel" "{\"reason\":\"$(printf 'r%.0s' $(seq 121))\"}" \
    "a reason of 121 bytes" '^"reason" is too long: 121 bytes, at most 120'
refused POST "/api/v1/agenda/$S3/restore" '{"reason":"x"}' "restore with a reason" \
    '^unknown field "reason"'
api_is POST /api/v1/agenda/999999/cancel "" "$STAFF" 404 "cancel /agenda/999999: 404"
api_is POST /api/v1/agenda/999999/restore "" "$STAFF" 404 "restore /agenda/999999: 404"
is "$(asp_psql "SELECT count(*) FROM audit_log WHERE actor = 'api:budi' AND path
    = '/api/v1/agenda/$S3/cancel' AND detail->>'session' = '$S3' AND detail->>'cancelled' = 'true'")" \
    1 "cancel: one audit row naming the session"

# ---- inputs --------------------------------------------------------------------------

CA=+6281234567890
CB=+6285712345678
mo usul-1 "$CA" "USUL $S2 perbaikan jalan rusak di Sooko"
mo usul-2 "$CB" "TANYA $S2 kapan jembatan Puri dibangun"
mo usul-3 "$CA" "USUL $SPAST perbaiki saluran air"
api_is GET "/api/v1/agenda/$S2/inputs" "" "$VIEWER" 200 "GET /agenda/ID/inputs as viewer: 200"
is "$(jget '[.items[] | [.kind, .msisdn, .session_id] | map(tostring) | join(" ")] | join(", ")')" \
    "proposal +62812****7890 $S2, question +62857****5678 $S2" \
    "inputs as viewer: oldest first, numbers masked"
like "$(jget '.items[0].body')" 'perbaikan jalan rusak di Sooko' "inputs: the text"
like "$(jget '.items[0].created_at')" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+07:00$' \
    "inputs: created_at in ISO 8601 with +07:00"
is "$(jget .total)" 2 "inputs: the total"
unlike "$API_BODY" '6281234567890|6285712345678' "inputs as viewer: never a whole number"
api_is GET "/api/v1/agenda/$S2/inputs" "" "$STAFF" 200 "GET inputs as staff: 200"
unlike "$API_BODY" '6281234567890|6285712345678' "inputs as staff: masked too"
api_is GET "/api/v1/agenda/$S2/inputs" "" "$ADMIN" 200 "GET inputs as admin: 200"
is "$(jget '[.items[].msisdn] | join(" ")')" "$CA $CB" "inputs as admin: the whole numbers"
api_is GET "/api/v1/agenda/$S2/inputs?limit=1&offset=1" "" "$VIEWER" 200 "GET inputs?limit=1&offset=1"
is "$(jget '(.items[0].kind) + " " + (.total | tostring)')" "question 2" "inputs: a page of one"
api_is GET /api/v1/agenda/general/inputs "" "$VIEWER" 200 "GET /agenda/general/inputs: 200"
is "$(jget '[.items[] | .kind + " " + (.session_id | tostring)] | join(", ")')" "proposal null" \
    "inputs general: a proposal for a past session, naming none"
api_is GET "/api/v1/agenda/$S1/inputs" "" "$VIEWER" 200 "GET inputs of a session without any: 200"
is "$(jget '(.items | length | tostring) + " " + (.total | tostring)')" "0 0" "no inputs: empty"
api_is GET /api/v1/agenda/999999/inputs "" "$VIEWER" 404 "GET /agenda/999999/inputs: 404"

# ---- information pages ----------------------------------------------------------------

PAGE="PBB jatuh tempo 31 Agustus. Bayar di bank atau kantor pos."
A=$(audits)
api_is PUT /api/v1/info/pajak "{\"body\":\"$PAGE\"}" "$STAFF" 201 "PUT /info/pajak (new): 201"
is "$(jget '[.topic, .body, .characters] | map(tostring) | join("|")')" "pajak|$PAGE|${#PAGE}" \
    "PUT /info: topic, body and its length"
is "$(asp_psql "SELECT body, updated_by FROM info_pages WHERE topic = 'pajak'")" "$PAGE|api:budi" \
    "PUT /info: the row"
api_is PUT /api/v1/info/ANGGARAN '{"body":"APBD 2027: Rp 2,9 T"}' "$STAFF" 201 "PUT /info/ANGGARAN: 201"
is "$(jget .topic)" anggaran "PUT /info/ANGGARAN: the topic lower-cased"
api_is PUT /api/v1/info/anggaran '{"body":"APBD 2027: Rp 3,0 T"}' "$STAFF" 200 \
    "PUT /info/anggaran again: 200 (replaced)"
is "$(asp_psql "SELECT string_agg(topic || '=' || body, ',' ORDER BY topic) FROM info_pages")" \
    "anggaran=APBD 2027: Rp 3,0 T,pajak=$PAGE" "PUT: the page replaced, not doubled"
is "$(asp_psql "SELECT string_agg(detail->>'info' || ':' || (detail->>'created') || ':' || status,
    ' ' ORDER BY id) FROM audit_log WHERE id > 0 AND actor = 'api:budi' AND method = 'PUT'")" \
    "pajak:true:201 anggaran:true:201 anggaran:false:200" "PUT: audit rows by api:budi with the topic"

T160=$(printf 'x%.0s' $(seq 160))
api_is PUT /api/v1/info/panjang "{\"body\":\"$T160\"}" "$STAFF" 201 "PUT a body of 160 characters: 201"
refused PUT /api/v1/info/panjang "{\"body\":\"${T160}y\"}" "a body of 161 characters" \
    '^"body" is 161 characters, 1 over the 160 of one SMS'
api_is PUT /api/v1/info/panjang "{\"body\":\"${T160:0:158}{\"}" "$STAFF" 200 \
    "PUT 158 characters and a brace (160 septets): 200"
refused PUT /api/v1/info/panjang "{\"body\":\"${T160:0:159}{\"}" \
    "159 characters and a brace (161 septets)" '^"body" is 161 characters, 1 over'
# The typographic quotes are the point of this case.
# shellcheck disable=SC1111
refused PUT /api/v1/info/kutip '{"body":"Rapat di gedung “DPRD” besok"}' "typographic quotes" \
    '^"body" is not plain SMS text \(GSM-7\): character 17, "“" \(U\+201C\), is not in the GSM-7 alphabet, and 1 more character is; replace them$'
refused PUT /api/v1/info/emoji '{"body":"Salam 🙂"}' "an emoji" \
    'character 7, "🙂" \(U\+1F642\), is not in the GSM-7 alphabet; replace it$'
refused PUT /api/v1/info/tab '{"body":"a\tb"}' "a tab" 'character 2, U\+0009, is not in the GSM-7 alphabet'
refused PUT /api/v1/info/kosong '{"body":""}' "an empty body" '^"body" is empty$'
refused PUT /api/v1/info/kosong '{}' "no body field" '^"body" is required$'
refused PUT /api/v1/info/kosong '{"body":"x","title":"y"}' "an unknown field" '^unknown field "title"'
refused PUT /api/v1/info/pajak-daerah '{"body":"x"}' "a topic with a dash" \
    '^topic "pajak-daerah" must be 1 to 20 letters or digits'
refused PUT /api/v1/info/abcdefghijklmnopqrstu '{"body":"x"}' "a topic of 21 letters" \
    'must be 1 to 20 letters or digits'
api_is PUT /api/v1/info/abcdefghijklmnopqrst '{"body":"teks 20"}' "$STAFF" 201 \
    "PUT a topic of 20 letters: 201"
refused PUT "/api/v1/info/a%0Ab" '{"body":"x"}' "a topic with a line break" \
    '^topic "a\?b" must be 1 to 20'
is "$(asp_psql "SELECT length(body) FROM info_pages WHERE topic = 'panjang'")" 159 \
    "PUT refused: the page kept its last text"
is "$(asp_psql "SELECT count(*) FROM info_pages WHERE topic IN ('kutip', 'emoji', 'tab', 'kosong')")" \
    0 "PUT refused: no page written"

api_is GET /api/v1/info "" "$VIEWER" 200 "GET /info as viewer: 200"
is "$(jget '[.items[].topic] | join(" ")')" "abcdefghijklmnopqrst anggaran pajak panjang" \
    "GET /info: every page, by topic"
is "$(jget '[.total, .limit, .offset] | map(tostring) | join(" ")')" "4 50 0" "GET /info: total and paging"
api_is GET "/api/v1/info?limit=1&offset=1" "" "$VIEWER" 200 "GET /info?limit=1&offset=1: 200"
is "$(jget '[.items[].topic] | join(" ")') $(jget .total)" "anggaran 4" "GET /info: a page of one"
api_is GET /api/v1/info/Pajak "" "$VIEWER" 200 "GET /info/Pajak as viewer: 200"
is "$(jget .body)" "$PAGE" "GET /info/Pajak: the page"
api_is GET /api/v1/info/nothing "" "$VIEWER" 404 "GET /info/nothing: 404"
is "$(jget .error.message)" "no info page nothing" "GET /info/nothing: says so"
api_is GET /api/v1/info/no-such "" "$VIEWER" 400 "GET /info/no-such (not a topic): 400"

api_is DELETE /api/v1/info/panjang "" "$STAFF" 200 "DELETE /info/panjang: 200"
is "$(asp_psql "SELECT count(*) FROM info_pages WHERE topic = 'panjang'")" 0 "DELETE: the row is gone"
is "$(asp_psql "SELECT actor || ' ' || status || ' ' || (detail->>'info') FROM audit_log
    WHERE method = 'DELETE' ORDER BY id DESC LIMIT 1")" "api:budi 200 panjang" "DELETE: its audit row"
api_is DELETE /api/v1/info/panjang "" "$STAFF" 404 "DELETE /info/panjang again: 404"

# ---- roles ---------------------------------------------------------------------------

N=$(sessions)
A=$(audits)
P=$(asp_psql "SELECT string_agg(topic || body, ',' ORDER BY topic) FROM info_pages")
for req in "POST /api/v1/agenda" "PATCH /api/v1/agenda/$S1" "POST /api/v1/agenda/$S1/cancel" \
    "POST /api/v1/agenda/$S3/restore" "PUT /api/v1/info/pajak" "DELETE /api/v1/info/pajak"; do
    api_is "${req% *}" "${req#* }" '{"title":"x","body":"x"}' "$VIEWER" 403 "$req as viewer: 403"
done
is "$(jget .error.message)" "the viewer role cannot do this; it needs staff" "403 says the role needed"
for req in "GET /api/v1/agenda" "GET /api/v1/agenda/$S1" "GET /api/v1/agenda/$S2/inputs" \
    "GET /api/v1/info" "GET /api/v1/info/pajak" "GET /api/v1/info-requests" \
    "POST /api/v1/agenda" "PATCH /api/v1/agenda/$S1" "POST /api/v1/agenda/$S1/cancel" \
    "PUT /api/v1/info/pajak" "DELETE /api/v1/info/pajak"; do
    api_is "${req% *}" "${req#* }" "" "" 401 "$req without a token: 401"
done
is "$(sessions)|$(audits)" "$N|$A" "no refused request changed the agenda or wrote an audit row"
is "$(asp_psql "SELECT string_agg(topic || body, ',' ORDER BY topic) FROM info_pages")" "$P" \
    "no refused request changed the info pages"

DODI=$(asp_staff_token dodi staff)
api_is PATCH "/api/v1/agenda/$S200" '{"place":"Aula"}' "$DODI" 200 "a staff token: PATCH 200"
"$CTL" -c "$CONF" staff revoke dodi >/dev/null 2>&1
api_is PATCH "/api/v1/agenda/$S200" '{"place":"Aula 2"}' "$DODI" 401 \
    "the same token after aspirasictl staff revoke: 401"
is "$(jget .error.message)" "this token was revoked" "revoked: says so"
api_is GET /api/v1/agenda "" "$DODI" 401 "a revoked token cannot read either: 401"
is "$(asp_psql "SELECT place FROM agenda_sessions WHERE id = $S200")" "Aula" \
    "the revoked token changed nothing"
is "$(asp_psql "SELECT count(*) FROM audit_log WHERE actor = 'api:dodi'")" 1 \
    "api:dodi: only the change made before the revocation is in the audit log"

# ---- what citizens see by SMS ------------------------------------------------------------

mo agenda-1 +6281200000001 "AGENDA"
like "$REPLY" "#$SSOON " "SMS AGENDA: the session created through the API is answered"
like "$REPLY" "Reses Desa Sooko" "SMS AGENDA: with its title"
api_is PATCH "/api/v1/agenda/$SSOON" '{"title":"Reses Desa Puri"}' "$STAFF" 200 \
    "PATCH the title of tomorrow's session: 200"
mo agenda-2 +6281200000002 "AGENDA"
like "$REPLY" "Reses Desa Puri" "SMS AGENDA: the title changed through the API"
mo info-1 +6281200000001 "INFO PAJAK"
is "$REPLY" "$PAGE" "SMS INFO PAJAK: the page PUT through the API"
api_is PUT /api/v1/info/pajak '{"body":"PBB 2027 jatuh tempo 30 September."}' "$STAFF" 200 \
    "PUT /info/pajak with a new text: 200"
mo info-2 +6281200000002 "info pajak"
is "$REPLY" "PBB 2027 jatuh tempo 30 September." "SMS INFO PAJAK: the new text"

api_is GET "/api/v1/info-requests?days=1" "" "$VIEWER" 200 "GET /info-requests?days=1 as viewer: 200"
is "$(jget '[.items[] | [.kind, .query, .count, .phones] | map(tostring) | join(" ")] | join(", ")')" \
    "agenda  2 2, info pajak 2 2" "info-requests: what was asked, how often, by how many phones"
like "$(jget '.items[0].last_at')" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+07:00$' \
    "info-requests: last_at in ISO 8601 with +07:00"
is "$(jget '[.days, .total, .limit, .offset] | map(tostring) | join(" ")')" "1 2 50 0" \
    "info-requests: days, total and paging"
unlike "$API_BODY" '628120000000' "info-requests: no phone number"
api_is GET "/api/v1/info-requests?limit=1&offset=1" "" "$VIEWER" 200 "GET /info-requests?limit=1&offset=1"
is "$(jget '[.items[].kind] | join(" ")') $(jget .total) $(jget .days)" "info 2 30" \
    "info-requests: a page of one; 30 days by default"
api_is GET "/api/v1/info-requests?days=0" "" "$VIEWER" 400 "GET /info-requests?days=0: 400"
is "$(jget .error.message)" '"days" must be an integer from 1 to 3660' "info-requests?days=0: says why"
api_is GET "/api/v1/info-requests?days=3661" "" "$VIEWER" 400 "GET /info-requests?days=3661: 400"

# ---- times with offsets, from the API and from aspirasictl ------------------------------

api_is POST /api/v1/agenda '{"type":"lain","title":"Offset dasar","starts":"2099-12-07T09:00+0700",
    "ends":"2099-12-07T12:00:00.000+07"}' "$STAFF" 201 "POST /agenda with +0700 and +07: 201"
is "$(jget '.starts + " " + .ends')" "2099-12-07T09:00:00+07:00 2099-12-07T12:00:00+07:00" \
    "offsets +0700 and +07 (and zero seconds with a fraction) are read"
api_is POST /api/v1/agenda '{"type":"lain","title":"India","starts":"2099-12-07T09:00-05:30"}' \
    "$STAFF" 201 "POST /agenda with -05:30: 201"
is "$(jget .starts)" "2099-12-07T21:30:00+07:00" "09:00-05:30 is 21:30 in Jakarta"
refused POST /api/v1/agenda '{"type":"lain","title":"x","starts":"9999-12-31T23:00-05:00"}' \
    "a start that is in the year 10000 in Jakarta" \
    '^"starts" "9999-12-31T23:00-05:00" is out of range in Asia/Jakarta$'
out=$("$CTL" -c "$CONF" agenda add --type lain --title "Dari CLI" --start "2099-12-08T02:00:00Z" \
    --end "2099-12-08 12:00")
SCLI=${out#added session }
api_is GET "/api/v1/agenda/$SCLI" "" "$VIEWER" 200 "a session added by aspirasictl with an offset"
is "$(jget '.title + " " + .starts + " " + .ends')" \
    "Dari CLI 2099-12-08T09:00:00+07:00 2099-12-08T12:00:00+07:00" \
    "aspirasictl reads offsets as the API does: 02:00Z is 09:00 in Jakarta"

# ---- the audit log -----------------------------------------------------------------------

is "$(asp_psql "SELECT count(*) FROM audit_log WHERE method = 'POST' AND path = '/api/v1/agenda'
    AND status = 201")" 9 "every session created has its audit row"
is "$(asp_psql "SELECT actor FROM audit_log WHERE path = '/api/v1/agenda' AND method = 'POST'
    AND detail->>'session' = '$S3'")" "api:ana" "the audit row names who created it"
is "$(asp_psql "SELECT count(*) FROM audit_log WHERE method = 'GET'")" 0 "reads write no audit rows"
is "$(asp_psql "SELECT count(*) FROM audit_log WHERE detail::text ~ '62[0-9]{8}'")" 0 \
    "no audit row holds a phone number"

is "$(cat "$ASP_TMP"/aspirasid.*.log | grep -c 'event=db_error')" 0 \
    "no request, refused or not, met a database error"

asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM"
asp_check_logs
tap_done
