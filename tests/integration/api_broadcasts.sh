#!/usr/bin/env bash
#
# Broadcasts over the staff API, real HTTP and PostgreSQL: the preview
# (recipients per audience, GSM-7 and UCS-2 segments at their boundaries,
# cost, a session's announcement), drafts and starting them (one outbox row
# per recipient), status with counts per outbox state, cancelling, the 409s
# of a broadcast in the wrong state, validation errors naming their field,
# the role of every route (viewers read, staff change, no token or a revoked
# one gets 401), and the audit log.  No Kannel: without a sendsms URL
# nothing is sent and the rows stay queued; the test moves them by SQL.
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/api_broadcasts.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

tap_plan 173

CTL=$ASP_BUILDDIR/aspirasictl
asp_createdb aspirasi_api_broadcasts
CONF=$ASP_TMP/aspirasi.conf
asp_write_config "$CONF"
export ASP_CONFIG=$CONF
asp_migrate "$CONF" || asp_bail "migrate failed"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"

ADMIN=$(asp_staff_token ana admin)
STAFF=$(asp_staff_token budi staff)
VIEWER=$(asp_staff_token citra viewer)
EKO=$(asp_staff_token eko staff)

# mo ID FROM TEXT: one SMS from a citizen, as Kannel hands it over.
mo()
{
    curl -s -o /dev/null -w '%{http_code}' -m 30 "$(asp_mo_url id="$1" from="$2" text="$3")"
}

# body KEY VALUE ...: a JSON object of string values, safely quoted.
body()
{
    local args=() f='{}'
    while [ $# -ge 2 ]; do
        args+=(--arg "$1" "$2")
        f="$f + {\"$1\": \$$1}"
        shift 2
    done
    jq -nc "${args[@]}" "$f"
}

# rep N STRING: STRING N times.
rep()
{
    local i s=""
    for ((i = 0; i < $1; i++)); do
        s+=$2
    done
    printf '%s' "$s"
}

P=/api/v1/broadcasts/preview
B=/api/v1/broadcasts

# ---- subscribers, made the way citizens make them --------------------------------

# +...01 follows everything, +...02 Komisi III, +...03 Komisi I; +...04
# subscribed and stopped; +...05 only complained.
codes=$(mo s1 +6281200000001 DAFTAR)
codes+=" $(mo s2 +6281200000002 "DAFTAR KOMISI III")"
codes+=" $(mo s3 +6281200000003 "DAFTAR KOMISI I")"
codes+=" $(mo s4 +6281200000004 DAFTAR) $(mo s5 +6281200000004 BERHENTI)"
codes+=" $(mo s6 +6281200000005 "ADUAN jalan rusak di Desa Sooko")"
is "$codes" "200 200 200 200 200 200" "six MOs accepted"
is "$(asp_psql "SELECT string_agg(right(msisdn, 2) || ':' || subscribed || ':' || komisi::text, ','
                ORDER BY msisdn) FROM citizens")" \
    "01:true:{},02:true:{3},03:true:{1},04:false:{}" \
    "DAFTAR, DAFTAR KOMISI and BERHENTI made the subscribers; a complaint alone makes none"

# ---- preview: recipients per audience, encoding, segments, cost -------------------

T1="Rapat Paripurna APBD 2027 Sen 2/12 09:00 di Gd DPRD."
api_is POST "$P" "$(body text "$T1")" "$STAFF" 200 "preview as staff: 200"
is "$(jget '[.audience, .recipients, .encoding, .characters, .segments, .total_segments,
            .price_per_segment, .cost, .currency] | join(" ")')" \
    "all 3 GSM-7 52 1 3 350 1050 IDR" \
    "preview: 3 subscribers, GSM-7, 52 characters, 1 segment, 3 x Rp 350"
is "$(jget '.text + "|" + (.session_id | tostring)')" "$T1|null" "preview: the text, no session"
is "$(asp_psql "SELECT count(*) FROM broadcasts") $(asp_psql "SELECT count(*) FROM outbox")" "0 0" \
    "a preview stores nothing"
while read -r aud n stored; do
    asp_api POST "$P" "$(body text "$T1" audience "$aud")" "$STAFF"
    is "$API_STATUS $(jget '.recipients|tostring') $(jget .audience)" "200 $n $stored" \
        "preview audience $aud: $n recipients, stored as $stored"
done <<'EOF'
komisi:III 2 komisi:3
komisi:3 2 komisi:3
komisi:1 2 komisi:1
komisi:II 1 komisi:2
KOMISI:iv 1 komisi:4
ALL 3 all
EOF

seg()
{
    asp_api POST "$P" "$(body text "$1")" "$STAFF"
    printf '%s %s %s %s' "$API_STATUS" "$(jget .encoding)" "$(jget '.characters|tostring')" \
        "$(jget '.segments|tostring')"
}
is "$(seg "$(rep 160 x)")" "200 GSM-7 160 1" "160 GSM-7 characters: 1 segment"
is "$(seg "$(rep 161 x)")" "200 GSM-7 161 2" "161 GSM-7 characters: 2 segments"
is "$(seg "$(rep 306 x)")" "200 GSM-7 306 2" "306 GSM-7 characters: 2 segments of 153"
is "$(seg "$(rep 307 x)")" "200 GSM-7 307 3" "307 GSM-7 characters: 3 segments"
is "$(seg "$(rep 459 x)")" "200 GSM-7 459 3" "459 GSM-7 characters: 3 segments, the most"
asp_api POST "$P" "$(body text "$(rep 459 x)" audience komisi:III)" "$STAFF"
is "$(jget '[.recipients, .total_segments, .cost] | join(" ")')" "2 6 2100" \
    "3 segments to 2 recipients: 6 segments, Rp 2100"
is "$(seg "$(rep 80 '[')")" "200 GSM-7 80 1" "80 extension characters (160 septets): 1 segment"
is "$(seg "$(rep 81 '[')")" "200 GSM-7 81 2" "81 extension characters (162 septets): 2 segments"
is "$(seg "$(rep 70 ā)")" "200 UCS-2 70 1" "70 UCS-2 characters: 1 segment"
is "$(seg "$(rep 71 ā)")" "200 UCS-2 71 2" "71 UCS-2 characters: 2 segments"
is "$(seg "$(rep 201 ā)")" "200 UCS-2 201 3" "201 UCS-2 characters: 3 segments"
is "$(seg "Rapat 🙂 besok")" "200 UCS-2 13 1" "an emoji makes it UCS-2"
is "$(seg "Baris satu
baris dua")" "200 GSM-7 20 1" "a line break is allowed, and counted"

api_is POST "$P" "$(body text "$(rep 460 x)")" "$STAFF" 400 "460 GSM-7 characters: 400"
like "$(jget .error.message)" '^"text": the text takes 4 SMS segments \(460 characters, GSM-7' \
    "460 characters: names the field, the segments and the encoding"
api_is POST "$P" "$(body text "$(rep 202 ā)")" "$STAFF" 400 "202 UCS-2 characters: 400"
like "$(jget .error.message)" '^"text": .*4 SMS segments \(202 characters, UCS-2' \
    "202 UCS-2 characters: 4 segments of 67"
api_is POST "$P" "$(body text "$(rep 230 '[')")" "$STAFF" 400 \
    "230 extension characters (460 septets): 400"

# ---- preview of a session's announcement ----------------------------------------

S=$(asp_psql "INSERT INTO agenda_sessions (type, komisi, title, starts_at, place, created_by, updated_by)
              VALUES ('komisi', 3, 'RDP Dinas PUPR', '2030-12-02 03:00+00', 'R. Komisi III', 't', 't')
              RETURNING id")
api_is POST "$P" "{\"session_id\":$S}" "$STAFF" 200 "preview of session $S: 200"
like "$(jget .text)" "^DPRD Kab. Mojokerto: .*2/12 10:00.*USUL $S .*BERHENTI" \
    "the session's announcement, at local time"
is "$(jget '[.session_id, .audience, .recipients, .segments] | join(" ")')" "$S komisi:3 2 1" \
    "a komisi's session goes to that komisi's subscribers"
api_is POST "$P" "{\"session_id\":$S,\"audience\":\"all\"}" "$STAFF" 200 "a session to everyone: 200"
is "$(jget '.recipients|tostring')" 3 "an audience given wins over the session's komisi"
api_is POST "$P" "{\"session_id\":$S,\"lang\":\"en\"}" "$STAFF" 200 "a session in English: 200"
like "$(jget .text)" "Proposals: USUL $S " "lang en: the announcement in English"

# ---- validation: each 400 names its field ------------------------------------------

n0=$(asp_psql "SELECT count(*) FROM broadcasts")
bad()
{
    api_is POST "$1" "$2" "$STAFF" 400 "$3: 400"
    like "$(jget .error.message)" "$4" "$3: the message"
}
bad "$P" '{"text":""}' "an empty text" '^"text": the text is empty$'
bad "$P" '{"text":"  \n "}' "a text of spaces" '^"text": the text is empty$'
bad "$P" '{"text":"a\tb"}' "a tab in the text" '^"text": the text has a control character at byte 2$'
bad "$P" "{\"text\":\"x\",\"session_id\":$S}" "text and session_id" \
    'either "text" or "session_id", not both'
bad "$P" '{"audience":"all"}' "neither text nor session_id" '"text" or "session_id" is required'
bad "$P" '{"session_id":999999}' "an unknown session" '^"session_id": there is no session 999999$'
bad "$P" '{"session_id":"7"}' "a session_id as a string" '"session_id" must be an integer'
bad "$P" '{"session_id":0}' "session_id 0" '"session_id" must be an integer from 1'
bad "$P" '{"text":"x","audience":"komisi:V"}' "komisi:V" \
    '^"audience": the audience "komisi:V" is not all or komisi:I-IV'
bad "$P" '{"text":"x","audience":"everyone"}' "audience everyone" '^"audience": '
bad "$P" '{"text":"x","audience":3}' "a number for audience" '"audience" must be a string'
bad "$P" '{"text":"x","lang":"en"}' "lang with a text" '"lang" .* does not go with "text"'
bad "$P" "{\"session_id\":$S,\"lang\":\"fr\"}" "lang fr" '"lang" must be one of: id, jv, en'
bad "$P" '{"text":"x","start":true}' "start in a preview" 'unknown field "start"'
bad "$B" '{"text":"x","colour":"red"}' "an unknown field" 'unknown field "colour"; the fields are: text, session_id'
bad "$B" '{"text":"x","start":"yes"}' "start as a string" '"start" must be true or false'
bad "$B" "$(body text "$(rep 460 x)")" "create with 460 characters" '^"text": the text takes 4 SMS'
api_is POST "$B" "" "$STAFF" 400 "create without a body: 400"
is "$(asp_psql "SELECT count(*) FROM broadcasts")" "$n0" "refused requests create no broadcast"

# ---- create, start, status, cancel -------------------------------------------------

api_is POST "$B" "$(body text "$T1")" "$STAFF" 201 "create a draft: 201"
D=$(jget .id)
is "$(jget '[.state, .audience, .recipients, .encoding, .segments, .created_by] | join(" ")')" \
    "draft all 0 GSM-7 1 api:budi" "the draft: state, audience, no rows yet, who made it"
like "$(jget .created_at)" '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+07:00$' \
    "created_at: ISO 8601 with the zone's offset"
is "$(jget '[.started_at, .cancelled_at] | map(tostring) | join(" ")')" "null null" \
    "a draft is neither started nor cancelled"
is "$(jget '[.preview.recipients, .preview.cost] | join(" ")')" "3 1050" "create answers the preview"
is "$(asp_psql "SELECT count(*) FROM outbox WHERE broadcast_id = $D")" 0 "a draft writes no outbox rows"

api_is GET "$B/$D" "" "$VIEWER" 200 "GET a draft as viewer: 200"
is "$(jget '[.state, .preview.recipients, .preview.total_segments, .progress.percent,
            .counts.queued] | join(" ")')" "draft 3 3 0 0" \
    "a draft shows the preview of starting it now, and no progress"

api_is POST "$B/$D/start" "" "$STAFF" 200 "start the draft: 200"
is "$(jget '[.state, .recipients, .counts.queued, .progress.to_send, .progress.percent,
            (.preview | tostring)] | join(" ")')" "running 3 3 3 0 null" \
    "started: running, 3 recipients, 3 rows queued"
like "$(jget .started_at)" '^20[0-9-]+T[0-9:]+\+07:00$' "started_at is set"
is "$(asp_psql "SELECT string_agg(right(msisdn, 2), ',' ORDER BY msisdn) FROM outbox
                WHERE broadcast_id = $D AND kind = 'broadcast' AND state = 'queued'
                AND priority = 1 AND NOT urgent AND body = '$T1' AND coding = 0")" \
    "01,02,03" "one queued row per subscriber, none for the one that stopped or never subscribed"
api_is POST "$B/$D/start" "" "$STAFF" 409 "start it again: 409"
is "$(jget .error.code) $(jget .error.message)" "conflict broadcast $D is running, not a draft" \
    "409: says it is running"
is "$(asp_psql "SELECT count(*) FROM outbox WHERE broadcast_id = $D")" 3 "a second start writes nothing"

# The sender would move the rows on; without Kannel the test does.
asp_psql "UPDATE outbox SET state = CASE right(msisdn, 2) WHEN '01' THEN 'delivered'
          WHEN '02' THEN 'failed' ELSE state END WHERE broadcast_id = $D" >/dev/null
api_is GET "$B/$D" "" "$VIEWER" 200 "GET a running broadcast: 200"
is "$(jget '.counts | [.queued, .sending, .accepted, .delivered, .failed, .cancelled, .opted_out]
            | join(" ")')" "1 0 0 1 1 0 0" "counts per outbox state"
is "$(jget '.progress | [.sent, .to_send, .percent] | join(" ")')" "2 3 66" \
    "progress: 2 of 3 sent (delivered and failed), 66%"
api_is POST "$B/$D/cancel" "" "$STAFF" 200 "cancel it: 200"
is "$(jget '[.state, .stopped, .counts.cancelled, .counts.queued, .progress.percent] | join(" ")')" \
    "cancelled 1 1 0 100" "cancelled: the queued row stopped, what was sent stays"
like "$(jget .cancelled_at)" '^20[0-9-]+T[0-9:]+\+07:00$' "cancelled_at is set"
is "$(asp_psql "SELECT string_agg(right(msisdn, 2) || ':' || state, ',' ORDER BY msisdn) FROM outbox
                WHERE broadcast_id = $D")" "01:delivered,02:failed,03:cancelled" \
    "the outbox after cancelling"
api_is POST "$B/$D/cancel" "" "$STAFF" 409 "cancel it again: 409"
is "$(jget .error.message)" "broadcast $D is cancelled already" "409: says it is cancelled already"
api_is POST "$B/$D/start" "" "$STAFF" 409 "start a cancelled broadcast: 409"
is "$(jget .error.message)" "broadcast $D is cancelled, not a draft" "409: says it is cancelled"

api_is POST "$B" "$(body text "Rapat Komisi III bersama Dinas PUPR." audience komisi:III)" "$STAFF" 201 \
    "create a draft for Komisi III: 201"
D2=$(jget .id)
api_is POST "$B/$D2/cancel" "" "$STAFF" 200 "cancel a draft: 200"
is "$(jget '[.state, .stopped, (.started_at | tostring)] | join(" ")')" "cancelled 0 null" \
    "a cancelled draft: nothing stopped, never started"
api_is POST "$B/$D2/start" "" "$STAFF" 409 "start a cancelled draft: 409"
is "$(asp_psql "SELECT count(*) FROM outbox WHERE broadcast_id = $D2")" 0 "a cancelled draft writes no rows"

api_is POST "$B" "{\"text\":\"Reses anggota DPRD Dapil 2.\",\"audience\":\"komisi:3\",\"start\":true}" \
    "$STAFF" 201 "create and start at once: 201"
D3=$(jget .id)
is "$(jget '[.state, .recipients, .counts.queued, .preview.recipients] | join(" ")')" "running 2 2 2" \
    "started at once: running, its 2 rows queued, with its preview"
is "$(asp_psql "SELECT string_agg(right(msisdn, 2), ',' ORDER BY msisdn) FROM outbox WHERE broadcast_id = $D3")" \
    "01,02" "komisi:3 reaches those following III or everything"

api_is POST "$B" "{\"session_id\":$S,\"start\":true}" "$ADMIN" 201 "an admin announces session $S: 201"
D4=$(jget .id)
is "$(jget '[.session_id, .audience, .recipients, .created_by] | join(" ")')" "$S komisi:3 2 api:ana" \
    "a session's broadcast: its session, its komisi, by the admin"
is "$(asp_psql "SELECT count(*) FROM outbox WHERE broadcast_id = $D4 AND body LIKE '%USUL $S %'")" 2 \
    "the announcement queued for each of them"
api_is POST "$B/$D4/cancel" '{"why":"x"}' "$STAFF" 400 "cancel with an unknown field: 400"
api_is POST "$B/$D4/start" '{}' "$STAFF" 409 "start with {} as its body: read, and 409 (it is running)"

api_is POST "$B/999999/start" "" "$STAFF" 404 "start an unknown broadcast: 404"
is "$(jget .error.code) $(jget .error.message)" "not_found no broadcast 999999" "404: says so"
api_is POST "$B/999999/cancel" "" "$STAFF" 404 "cancel an unknown broadcast: 404"
api_is GET "$B/999999" "" "$VIEWER" 404 "GET an unknown broadcast: 404"
api_is GET "$B/abc" "" "$VIEWER" 404 "GET a broadcast that is not a number: 404"
api_is GET "$B/0" "" "$VIEWER" 404 "GET broadcast 0: 404"
api_is POST "$B/12x/cancel" "" "$STAFF" 404 "cancel a broadcast that is not a number: 404"
api_is GET "$P" "" "$VIEWER" 404 "GET of the preview path: no such broadcast"
api_is DELETE "$B/$D" "" "$ADMIN" 405 "DELETE a broadcast: 405"
like "$API_HEADERS" 'Allow: GET' "405: Allow GET"

# ---- aspirasictl and the API share one implementation ------------------------------

"$CTL" -c "$CONF" broadcast create --text "Draf dari baris perintah." >"$ASP_TMP/ctl.out" 2>&1
D5=$(asp_psql "SELECT max(id) FROM broadcasts")
api_is GET "$B/$D5" "" "$VIEWER" 200 "a draft made with aspirasictl: GET 200"
like "$(jget .created_by)" '^cli:' "made by cli:USER"
api_is POST "$B/$D5/start" "" "$STAFF" 200 "the API starts a draft aspirasictl made"
"$CTL" -c "$CONF" broadcast cancel "$D5" >"$ASP_TMP/ctl.out" 2>&1
like "$(cat "$ASP_TMP/ctl.out")" "cancelled broadcast $D5: 3 messages not sent" \
    "aspirasictl cancels what the API started"
"$CTL" -c "$CONF" broadcast cancel "$D5" >"$ASP_TMP/ctl.out" 2>&1
like "$(cat "$ASP_TMP/ctl.out")" "broadcast $D5 is cancelled already" \
    "aspirasictl and the API give the same reason"
"$CTL" -c "$CONF" broadcast create --text "x" --audience komisi:V >"$ASP_TMP/ctl.out" 2>&1
like "$(cat "$ASP_TMP/ctl.out")" 'the audience "komisi:V" is not all or komisi:I-IV' \
    "aspirasictl refuses an audience with the API's words"
"$CTL" -c "$CONF" broadcast create --agenda 999999 >"$ASP_TMP/ctl.out" 2>&1
is "$(cat "$ASP_TMP/ctl.out")" "aspirasictl: there is no session 999999 (see aspirasictl agenda list)" \
    "aspirasictl: an unknown session, and where to look"

# ---- the list ----------------------------------------------------------------------

N=$(asp_psql "SELECT count(*) FROM broadcasts")
api_is GET "$B" "" "$VIEWER" 200 "GET the list as viewer: 200"
is "$(jget '[.total, (.items | length), .limit, .offset] | join(" ")')" "$N $N 50 0" \
    "the list: every broadcast, limit 50, offset 0"
is "$(jget '[.items[].id] | join(",")')" "$(asp_psql "SELECT string_agg(id::text, ',' ORDER BY id DESC)
    FROM broadcasts")" "the list: newest first"
is "$(jget ".items[] | select(.id == $D) | [.state, .recipients, .audience, .text] | join(\"|\")")" \
    "cancelled|3|all|$T1" "a list item: state, recipients, audience, text"
asp_api GET "$B?limit=2&offset=1" "" "$VIEWER"
is "$API_STATUS $(jget '[.total, .limit, .offset] | join(" ")') $(jget '[.items[].id] | join(",")')" \
    "200 $N 2 1 $(asp_psql "SELECT string_agg(id::text, ',' ORDER BY id DESC) FROM
    (SELECT id FROM broadcasts ORDER BY id DESC LIMIT 2 OFFSET 1) x")" "limit 2, offset 1: the 2nd and 3rd newest"
asp_api GET "$B?limit=200&offset=$N" "" "$VIEWER"
is "$API_STATUS $(jget '.total') $(jget '.items | length')" "200 $N 0" "an offset past the end: no items, the total"
api_is GET "$B?limit=1" "" "$VIEWER" 200 "limit 1: 200"
is "$(jget '.items | length')" 1 "limit 1: one item"
api_is GET "$B?limit=0" "" "$VIEWER" 400 "limit 0: 400"
is "$(jget .error.message)" '"limit" must be an integer from 1 to 200' "limit: the range"
api_is GET "$B?limit=201" "" "$VIEWER" 400 "limit 201: 400"
api_is GET "$B?offset=-1" "" "$VIEWER" 400 "offset -1: 400"
api_is GET "$B?offset=x" "" "$VIEWER" 400 "offset x: 400"

# ---- roles -------------------------------------------------------------------------

n0=$(asp_psql "SELECT count(*) FROM broadcasts")
api_is POST "$P" "$(body text "$T1")" "$VIEWER" 403 "a viewer cannot preview: 403"
like "$(jget .error.message)" "viewer role cannot do this; it needs staff" "403: the role needed"
api_is POST "$B" "$(body text "$T1")" "$VIEWER" 403 "a viewer cannot create: 403"
api_is POST "$B" '{"text":"x","start":true}' "$VIEWER" 403 "a viewer cannot create and start: 403"
api_is POST "$B/$D2/start" "" "$VIEWER" 403 "a viewer cannot start: 403"
api_is POST "$B/$D3/cancel" "" "$VIEWER" 403 "a viewer cannot cancel: 403"
is "$(asp_psql "SELECT state FROM broadcasts WHERE id = $D3")" running "the viewer's cancel changed nothing"
api_is GET "$B" "" "" 401 "no token, list: 401"
api_is GET "$B/$D" "" "" 401 "no token, GET one: 401"
api_is POST "$P" "$(body text "$T1")" "" 401 "no token, preview: 401"
api_is POST "$B" "$(body text "$T1")" "" 401 "no token, create: 401"
api_is POST "$B/$D3/cancel" "" "" 401 "no token, cancel: 401"
api_is POST "$B" "$(body text "$T1")" "asp_0000000000000000000000000000000000000000" 401 \
    "a wrong token: 401"
api_is POST "$P" "$(body text "$T1")" "$EKO" 200 "eko (staff) previews: 200"
"$CTL" -c "$CONF" staff revoke eko >/dev/null 2>&1
api_is POST "$P" "$(body text "$T1")" "$EKO" 401 "after aspirasictl staff revoke eko: 401"
is "$(jget .error.message)" "this token was revoked" "the revoked token: says so"
api_is GET "$B" "" "$EKO" 401 "a revoked token cannot read either: 401"
api_is POST "$B" "$(body text "$T1")" "$EKO" 401 "a revoked token cannot create: 401"
is "$(asp_psql "SELECT count(*) FROM broadcasts")" "$n0" "refused callers created nothing"

# ---- the audit log -----------------------------------------------------------------

# audit COLUMNS WHERE: rows of audit_log, oldest first.
audit()
{
    asp_psql "SELECT $1 FROM audit_log WHERE $2 ORDER BY id"
}
# audit_n WHERE: how many rows of audit_log match.
audit_n()
{
    asp_psql "SELECT count(*) FROM audit_log WHERE $1"
}
is "$(audit "actor || ' ' || status || ' ' || (detail->>'state') || ' ' || (detail->>'audience')" \
    "path = '$B' AND (detail->>'broadcast')::bigint = $D")" "api:budi 201 draft all" \
    "audit: the draft created, by api:budi"
is "$(audit "actor || ' ' || status || ' ' || (detail->>'state') || ' ' || (detail->>'recipients')" \
    "path = '$B/$D/start'")" "api:budi 200 running 3" "audit: the start, with its recipients"
is "$(audit "actor || ' ' || (detail->>'state') || ' ' || (detail->>'stopped')" \
    "path = '$B/$D/cancel'")" "api:budi cancelled 1" "audit: the cancel, with the rows stopped"
is "$(audit "actor || ' ' || (detail->>'session') || ' ' || (detail->>'recipients')" \
    "(detail->>'broadcast')::bigint = $D4")" "api:ana $S 2" "audit: the session announced by api:ana"
is "$(audit_n "path = '$P'")" 0 "audit: a preview changes nothing and leaves no row"
is "$(audit_n "path LIKE '/api/v1/broadcasts%' AND status >= 400")" 0 \
    "audit: no row for a refused request"
is "$(audit_n "path LIKE '/api/v1/broadcasts%' AND method = 'GET'")" 0 "audit: no row for a read"
is "$(audit_n "actor IN ('api:citra', 'api:eko')")" 0 \
    "audit: nothing by the viewer, nor by eko after the preview"
is "$(audit_n "detail::text ~ '(\\+62|62|08)[0-9]{8,}'")" 0 "audit: no phone number in any detail"
is "$(asp_psql "SELECT count(*) FROM broadcasts WHERE body ~ '[0-9]{10,}'")" 0 \
    "no phone number slipped into a broadcast"

asp_stop_daemon
is "$?" 0 "aspirasid stops cleanly (built with sanitizers: no leak, no error found)"
asp_check_logs
tap_done
