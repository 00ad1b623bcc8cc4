#!/usr/bin/env bash
#
# Open311 GeoReport v2 over real HTTP against aspirasid and a throwaway
# PostgreSQL: services.json field by field as the specification lists them;
# requests.json with every filter (status, start_date, end_date,
# service_code, service_request_id, empty parameters) and the mapping of
# Aspirasi's statuses onto open and closed as staff change them with
# aspirasictl; one request; POST with an api_key (in the query or in the
# form body) that files a ticket the citizen can then follow by SMS STATUS
# from the phone given, and status notifications going to that phone only;
# every refusal (no key, a bad key, a revoked key, unknown or missing
# service_code, missing or too long description, bad or half coordinates,
# no location, a bad phone, a JSON body) with the spec's error array and no
# ticket written.  Throughout, no answer ever carries a phone number or an
# e-mail address: not the SMS sender's, not the one given to POST, not one
# a citizen wrote in a complaint.
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/open311.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 157

CTL=$ASP_BUILDDIR/aspirasictl
SMS_FROM=+6281234567890       # a citizen who complains by SMS
POST_PHONE=0857-1234-5678     # the phone an Open311 client gives
POST_MSISDN=+6285712345678    # the same, normalised
BODIES=$ASP_TMP/open311.bodies # every answer of /open311, for the privacy scan
ISO_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+07:00$'

# o311_get PATH: GET /open311/v2/PATH without a token; sets API_STATUS and
# API_BODY (asp_api) and keeps the body for the privacy scan.
o311_get()
{
    asp_api GET "/open311/v2/$1" "" ""
    printf '%s\n' "$API_BODY" >>"$BODIES"
}

# o311_post [--query QS] [--type CT] KEY=VALUE...: POST /open311/v2/requests.json
# with the pairs url-encoded as a form body (QS appended to the URL as it
# is); sets API_STATUS and API_BODY.
o311_post()
{
    local qs="" ct="application/x-www-form-urlencoded" args=() kv
    while [ $# -gt 0 ]; do
        case $1 in
        --query) qs="?$2"; shift 2 ;;
        --type) ct=$2; shift 2 ;;
        *) break ;;
        esac
    done
    for kv in "$@"; do
        args+=(--data-urlencode "$kv")
    done
    [ ${#args[@]} -eq 0 ] && args=(--data-binary "")
    API_STATUS=$(curl -s -o "$ASP_TMP/post.body" -w '%{http_code}' --max-time 20 \
        -H "Content-Type: $ct" "${args[@]}" "$ASP_URL/open311/v2/requests.json$qs")
    API_BODY=$(cat "$ASP_TMP/post.body")
    printf '%s\n' "$API_BODY" >>"$BODIES"
}

# o311_refused NAME STATUS: the last answer had HTTP status STATUS and the
# spec's error body [{"code":STATUS,"description":"..."}].
o311_refused()
{
    is "$API_STATUS" "$2" "$1: $2"
    is "$(jget 'if type == "array" and length == 1 and (.[0] | keys) == ["code", "description"]
            and .[0].code == '"$2"' and (.[0].description | length) > 0
            then "spec error" else . end')" "spec error" "$1: the spec's error array"
}

# mo FROM TEXT: an SMS through the Kannel MO endpoint; sets MO_BODY (the reply).
mo_n=0
mo()
{
    mo_n=$((mo_n + 1))
    MO_BODY=$(curl -s -m 30 "$(asp_mo_url id="o311-$mo_n" from="$1" text="$2")")
}

# ctl ARGS...: aspirasictl with the test's config; sets RC (its output goes
# to $ASP_TMP/ctl.log, scanned by asp_check_logs).
ctl()
{
    "$CTL" -c "$CONF" "$@" >>"$ASP_TMP/ctl.log" 2>&1 </dev/null
    RC=$?
}

# codes: the service_request_id values of the last answer, sorted, one line.
codes()
{
    jget '[.[].service_request_id] | sort | join(" ")'
}

# has CODE: "yes" when the last listing holds ticket CODE, else "no".
has()
{
    jget "if any(.[]; .service_request_id == \"$1\") then \"yes\" else \"no\" end"
}

# field CODE FILTER: FILTER applied to ticket CODE of the last listing.
field()
{
    jget ".[] | select(.service_request_id == \"$1\") | $2"
}

count_o311() { asp_psql "SELECT count(*) FROM tickets WHERE source = 'open311'"; }

# ---- setup -------------------------------------------------------------------

asp_createdb aspirasi_open311
CONF=$ASP_TMP/aspirasi.conf
asp_write_config "$CONF" 'timezone = "Asia/Jakarta";'
ASP_CONFIG=$CONF
export ASP_CONFIG
if ! asp_migrate "$CONF" || ! asp_start_daemon "$CONF"; then
    asp_bail "could not migrate or start aspirasid"
fi
KEY=$(asp_staff_token app viewer)
OLDKEY=$(asp_staff_token gone staff)
"$CTL" -c "$CONF" staff revoke gone >/dev/null 2>&1 || asp_bail "aspirasictl staff revoke failed"
: >"$BODIES"

# Tickets by SMS: one that writes a phone number and an e-mail address in
# its text, one plain.
mo "$SMS_FROM" "ADUAN jalan rusak di Sooko, hubungi 0812-3456-7890 atau budi@example.com"
[[ $MO_BODY =~ tiket\ ([0-9]{7}) ]] && T1=${BASH_REMATCH[1]}
mo "$SMS_FROM" "ADUAN lampu jalan mati di Puri"
[[ $MO_BODY =~ tiket\ ([0-9]{7}) ]] && T2=${BASH_REMATCH[1]}
if [ -z "${T1:-}" ] || [ -z "${T2:-}" ]; then
    asp_bail "no ticket from the SMS complaints: $MO_BODY"
fi

# ---- the schema ------------------------------------------------------------------

is "$(asp_psql "SELECT source FROM tickets WHERE code = '$T1'")" sms \
    "schema: a ticket of an SMS has source sms"
MID=$(asp_psql "INSERT INTO messages (kannel_id, channel, msisdn, body, raw, intent, reply)
    VALUES ('ussd-test', 'ussd', '+6281111111111', 'x', 'x', 'complaint', 'r') RETURNING id")
# schema_try SQL: runs SQL in a transaction that is rolled back, errors
# and all; prints what it printed.
schema_try()
{
    printf 'BEGIN;\n%s\nROLLBACK;\n' "$1" | psql -XAtq -d "$ASPIRASI_DB" 2>&1
}
is "$(schema_try "INSERT INTO tickets (code, message_id, msisdn, body, status)
    VALUES ('0000000', $MID, '+6281111111111', 'x', 'baru');
    SELECT source FROM tickets WHERE code = '0000000';")" ussd \
    "schema: a ticket made from a USSD message gets source ussd"
like "$(schema_try "DELETE FROM tickets WHERE code = '$T1';")" "rows of tickets are never deleted" \
    "schema: tickets are never deleted"
like "$(schema_try "TRUNCATE tickets CASCADE;")" "rows of tickets are never deleted" \
    "schema: nor truncated"
like "$(schema_try "DELETE FROM messages WHERE id = $MID;")" "rows of messages are never deleted" \
    "schema: messages are never deleted"
if asp_psql "INSERT INTO tickets (code, msisdn, body, status)
    VALUES ('0000001', NULL, 'x', 'baru')" >/dev/null 2>&1; then
    not_ok "schema: only an Open311 ticket may lack a phone number"
else
    ok "schema: only an Open311 ticket may lack a phone number"
fi

# ---- services.json -----------------------------------------------------------

o311_get services.json
is "$API_STATUS" 200 "services.json: 200"
like "$API_HEADERS" $'(^|\n)[Cc]ontent-[Tt]ype: application/json' "services.json: application/json"
is "$(jget '[.[].service_code] | join(",")')" "jalan,utilitas,kesehatan,pendidikan,lain" \
    "services.json: one service per category, in order"
is "$(jget '[.[] | keys | sort == ["description","group","keywords","metadata","service_code","service_name","type"]] | all')" \
    true "services.json: each service has exactly the spec's fields"
is "$(jget '[.[] | .metadata == false and .type == "realtime"] | all')" true \
    "services.json: metadata false, type realtime"
is "$(jget '[.[] | (.service_code, .service_name, .description, .keywords, .group)
    | type == "string" and length > 0] | all')" true "services.json: the text fields are non-empty strings"
is "$(jget '.[] | select(.service_code == "jalan") | [.service_name, .group] | join("|")')" \
    "Jalan & jembatan|Pembangunan" "services.json: jalan's name and group"
is "$(jget '.[] | select(.service_code == "jalan") | .keywords')" \
    "jalan,jembatan,lubang,aspal,lampu jalan" "services.json: keywords comma-separated"
is "$(jget '.[] | select(.service_code == "lain") | .group')" "Umum" \
    "services.json: a category of no komisi is in group Umum"

# ---- requests.json: tickets by SMS ------------------------------------------------

o311_get requests.json
is "$API_STATUS" 200 "requests.json: 200"
is "$(jget 'type')" array "requests.json: an array"
is "$(has "$T1")$(has "$T2")" yesyes "requests.json: the SMS tickets are listed"
is "$(jget '.[0].service_request_id')" "$T2" "requests.json: newest first"
is "$(field "$T1" 'keys | sort | join(",")')" \
    "agency_responsible,description,requested_datetime,service_code,service_name,service_request_id,status,status_notes,updated_datetime" \
    "requests.json: an SMS ticket has the spec's fields, no place, no phone"
is "$(field "$T1" '.service_request_id | type')" string "requests.json: the id is a string"
is "$(field "$T1" '.status')" open "requests.json: a new ticket is open"
is "$(field "$T1" '.status_notes')" "Diterima, menunggu ditelaah" \
    "requests.json: status_notes is the status label"
is "$(field "$T1" '[.service_code, .service_name] | join("|")')" "lain|Lainnya" \
    "requests.json: a ticket with no category is service lain"
is "$(field "$T1" '.agency_responsible')" "DPRD Kabupaten Mojokerto" \
    "requests.json: agency_responsible without a komisi"
like "$(field "$T1" '.requested_datetime')" "$ISO_RE" "requests.json: requested_datetime in w3 form, local offset"
like "$(field "$T1" '.updated_datetime')" "$ISO_RE" "requests.json: updated_datetime in w3 form"
is "$(field "$T1" '.description')" \
    "jalan rusak di Sooko, hubungi [nomor disamarkan] atau [email disamarkan]" \
    "requests.json: a number and an address in the text are hidden"
is "$(field "$T2" '.description')" "lampu jalan mati di Puri" "requests.json: plain text as written"

# ---- the status mapping ----------------------------------------------------------

asp_psql "UPDATE tickets SET komisi = '3' WHERE code = '$T2'" >/dev/null
ctl ticket set-status "$T1" diproses --note "Diteruskan ke Dinas PU; hubungi 0813 9876 5432" --quiet
is "$RC" 0 "set-status diproses: exit 0"
o311_get "requests/$T1.json"
is "$(field "$T1" '.status')" open "diproses is open"
is "$(field "$T1" '.status_notes')" "Sedang diproses: Diteruskan ke Dinas PU; hubungi [nomor disamarkan]" \
    "status_notes: the label and the note, numbers hidden"
ctl ticket set-status "$T1" diteruskan --quiet
o311_get "requests/$T1.json"
is "$(field "$T1" '.status'),$(field "$T1" '.status_notes')" "open,Diteruskan ke komisi terkait" \
    "diteruskan is open; a change without a note shows the label only"
ctl ticket set-status "$T2" selesai --note "Lampu sudah diganti" --quiet
o311_get "requests/$T2.json"
is "$(field "$T2" '.status')" closed "selesai is closed"
is "$(field "$T2" '.status_notes')" "Selesai ditindaklanjuti: Lampu sudah diganti" \
    "status_notes of a closed ticket"
is "$(field "$T2" '.agency_responsible')" "DPRD Kabupaten Mojokerto, Komisi III" \
    "agency_responsible names the komisi assigned"
ctl ticket set-status "$T1" ditolak --quiet
o311_get "requests/$T1.json"
is "$(field "$T1" '.status')" closed "ditolak is closed"
ctl ticket set-status "$T1" baru --quiet
o311_get "requests/$T1.json"
is "$(field "$T1" '.status')" open "back to baru: open again"

o311_get "requests.json?status=closed"
is "$(has "$T2")$(has "$T1")" yesno "status=closed: the closed ticket only"
is "$(jget '[.[].status == "closed"] | all')" true "status=closed: every one closed"
o311_get "requests.json?status=open"
is "$(has "$T1")$(has "$T2")" yesno "status=open: the open ticket only"
o311_get "requests.json?status=open,closed"
is "$(has "$T1")$(has "$T2")" yesyes "status=open,closed: both"
o311_get "requests.json?status="
is "$API_STATUS,$(has "$T1")$(has "$T2")" 200,yesyes "status= (empty): as if not given"
o311_get "requests.json?status=pending"
o311_refused "status=pending" 400

# ---- POST requests.json -------------------------------------------------------------

N0=$(count_o311)
o311_post --query "api_key=$KEY" service_code=jalan "description=Jembatan Desa Ngoro retak" \
    lat=-7.5581 long=112.4338 "address_string=Jl. Raya Ngoro, Mojokerto" "phone=$POST_PHONE" \
    "email=siti@example.com" first_name=Siti last_name=Aminah
is "$API_STATUS" 201 "POST: 201"
is "$(jget 'length')" 1 "POST: one element"
is "$(jget '.[0] | keys | join(",")')" "service_notice,service_request_id" \
    "POST: service_request_id and service_notice"
P1=$(jget '.[0].service_request_id')
like "$P1" '^[0-9]{7}$' "POST: the id is a ticket code"
is "$(asp_damm "$P1")" 0 "POST: its check digit is right"
like "$(jget '.[0].service_notice')" "nomor tiket $P1" "POST: the notice names the ticket"
is "$(asp_psql "SELECT source, msisdn, category, status, lat, long, address, body FROM tickets
    WHERE code = '$P1'")" \
    "open311|$POST_MSISDN|jalan|baru|-7.5581|112.4338|Jl. Raya Ngoro, Mojokerto|Jembatan Desa Ngoro retak" \
    "POST: the ticket row: source, normalised phone, category, first status, place"
is "$(asp_psql "SELECT e.status || '|' || e.actor FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
    WHERE t.code = '$P1'")" "baru|api:app" "POST: the first event names the account"
is "$(asp_psql "SELECT actor || '|' || method || '|' || path || '|' || status || '|' || (detail->>'ticket')
    FROM audit_log WHERE detail->>'ticket' = '$P1'")" \
    "api:app|POST|/open311/v2/requests.json|201|$P1" "POST: an audit_log row"
is "$(asp_psql "SELECT count(*) FROM audit_log WHERE detail::text ~ '(62|08)[0-9]{8}|@'")" 0 \
    "POST: no phone or e-mail in the audit log"
is "$(asp_psql "SELECT count(*) FROM tickets WHERE body ~ 'siti|Siti|Aminah'
    OR address ~ 'siti@'")" 0 "POST: name and e-mail are not kept"

o311_get "requests/$P1.json"
is "$API_STATUS" 200 "one request: 200"
is "$(jget 'type'),$(jget 'length')" "array,1" "one request: an array of one"
is "$(field "$P1" '[.service_code, .service_name, .status, .description] | join("|")')" \
    "jalan|Jalan & jembatan|open|Jembatan Desa Ngoro retak" "one request: service, status, description"
is "$(field "$P1" '[.lat, .long] | map(tostring) | join(",")')" "-7.5581,112.4338" \
    "one request: lat and long as numbers"
is "$(field "$P1" '.lat | type')" number "one request: lat is a JSON number"
is "$(field "$P1" '.address')" "Jl. Raya Ngoro, Mojokerto" "one request: the address"
is "$(field "$P1" 'has("phone") or has("email") or has("media_url") or has("expected_datetime")')" \
    false "one request: no phone, e-mail, media_url or expected_datetime"

# The citizen follows it by SMS from the phone given, and is told of changes.
mo "$POST_MSISDN" "STATUS $P1"
like "$MO_BODY" "^Tiket $P1: Diterima, menunggu ditelaah" "SMS STATUS from the given phone answers it"
O0=$(asp_psql "SELECT count(*) FROM outbox WHERE msisdn = '$POST_MSISDN'")
ctl ticket set-status "$P1" diproses --note "Sudah disurvei"
is "$RC" 0 "set-status of the Open311 ticket, telling the citizen: exit 0"
is "$(asp_psql "SELECT count(*) FROM outbox WHERE msisdn = '$POST_MSISDN'")" "$((O0 + 1))" \
    "the status notification goes to the phone given"

# A request without a phone, placed by an address only.
o311_post --query "api_key=$KEY" service_code=kesehatan \
    "description=Puskesmas Sooko tutup siang hari" "address_string=Puskesmas Sooko"
is "$API_STATUS" 201 "POST with an address only: 201"
P2=$(jget '.[0].service_request_id')
like "$(jget '.[0].service_notice')" "requests/$P2.json" "POST without a phone: the notice says where to look"
is "$(asp_psql "SELECT coalesce(msisdn, 'none') || '|' || coalesce(lat::text, 'none') || '|' || address
    FROM tickets WHERE code = '$P2'")" "none|none|Puskesmas Sooko" \
    "POST without a phone or a point: no number, no point, the address"
O1=$(asp_psql "SELECT count(*) FROM outbox")
ctl ticket set-status "$P2" diproses
is "$RC" 0 "set-status of a ticket without a phone: exit 0"
is "$(asp_psql "SELECT count(*) FROM outbox")" "$O1" "no SMS is queued for a ticket without a phone"

# Boundaries of description: 1000 characters (multibyte ones counted once), 1001.
D1000=$(printf 'é%.0s' $(seq 1 1000))
o311_post --query "api_key=$KEY" service_code=lain "description=$D1000" lat=-7.47 long=112.43
is "$API_STATUS" 201 "POST: a description of 1000 characters is taken"
P3=$(jget '.[0].service_request_id')
is "$(asp_psql "SELECT char_length(body) FROM tickets WHERE code = '$P3'")" 1000 \
    "POST: all 1000 characters kept"
o311_post --query "api_key=$KEY" service_code=lain "description=${D1000}x" lat=-7.47 long=112.43
o311_refused "POST: 1001 characters" 400
o311_post --query "api_key=$KEY" service_code=lain description=x lat=90 long=-180
is "$API_STATUS" 201 "POST: 1 character, lat 90, long -180 (the edges) are taken"
P4=$(jget '.[0].service_request_id')
N1=$(count_o311)
is "$N1" "$((N0 + 4))" "POST: four tickets filed"

# ---- POST refusals: nothing is written ----------------------------------------------

o311_post service_code=jalan description=x lat=-7.5 long=112.4
o311_refused "POST without api_key" 403
o311_post --query "api_key=asp_0000000000000000000000000000000000000000" service_code=jalan \
    description=x lat=-7.5 long=112.4
o311_refused "POST with a bad api_key" 403
o311_post --query "api_key=nonsense" service_code=jalan description=x lat=-7.5 long=112.4
o311_refused "POST with an api_key that is no token" 403
o311_post --query "api_key=$OLDKEY" service_code=jalan description=x lat=-7.5 long=112.4
o311_refused "POST with a revoked api_key" 403
o311_post --query "api_key=$KEY" service_code=sampah description=x lat=-7.5 long=112.4
o311_refused "POST with an unknown service_code" 404
like "$(jget '.[0].description')" sampah "POST unknown service_code: named"
o311_post --query "api_key=$KEY" description=x lat=-7.5 long=112.4
o311_refused "POST without service_code" 400
o311_post --query "api_key=$KEY" service_code=jalan lat=-7.5 long=112.4
o311_refused "POST without description" 400
like "$(jget '.[0].description')" description "POST without description: names the field"
o311_post --query "api_key=$KEY" service_code=jalan "description=   " lat=-7.5 long=112.4
o311_refused "POST with a blank description" 400
o311_post --query "api_key=$KEY" service_code=jalan description=x lat=-90.5 long=112.4
o311_refused "POST with lat -90.5" 400
o311_post --query "api_key=$KEY" service_code=jalan description=x lat=-7.5 long=180.01
o311_refused "POST with long 180.01" 400
o311_post --query "api_key=$KEY" service_code=jalan description=x lat=abc long=112.4
o311_refused "POST with lat abc" 400
o311_post --query "api_key=$KEY" service_code=jalan description=x lat=1e1 long=112.4
o311_refused "POST with lat 1e1" 400
o311_post --query "api_key=$KEY" service_code=jalan description=x lat=-7.5
o311_refused "POST with lat and no long" 400
like "$(jget '.[0].description')" together "POST half a point: says both are needed"
o311_post --query "api_key=$KEY" service_code=jalan description=x
o311_refused "POST with no location" 400
o311_post --query "api_key=$KEY" service_code=jalan description=x address_id=545483
o311_refused "POST with address_id only" 400
o311_post --query "api_key=$KEY" service_code=jalan description=x lat=-7.5 long=112.4 phone=12345
o311_refused "POST with a phone that is no mobile number" 400
unlike "$(jget '.[0].description')" 12345 "POST bad phone: the value is not repeated"
o311_post --query "api_key=$KEY" --type text/plain service_code=jalan
o311_refused "POST with a text/plain body" 415
is "$(count_o311)" "$N1" "POST refusals: no ticket written"

# ---- requests.json filters ----------------------------------------------------------

# P4 becomes old: created 100 days ago.
asp_psql "UPDATE tickets SET created_at = now() - interval '100 days' WHERE code = '$P4'" >/dev/null
o311_get requests.json
is "$(has "$P1")$(has "$P4")" yesno "default span: the last 90 days"
is "$(jget 'length')" 5 "default span: every recent ticket (2 SMS, 3 Open311)"
START=$(TZ=Asia/Jakarta date -d '-120 days' +%Y-%m-%d)
END=$(TZ=Asia/Jakarta date -d '-80 days' +%Y-%m-%d)
o311_get "requests.json?start_date=$START&end_date=$END"
is "$(codes)" "$P4" "start_date and end_date: the old ticket only"
o311_get "requests.json?start_date=$START"
is "$(codes)" "$P4" "start_date alone: 90 days from it"
TODAY=$(TZ=Asia/Jakarta date +%Y-%m-%d)
o311_get "requests.json?end_date=$TODAY"
is "$(has "$P1")$(has "$P4")" yesno "end_date as a date: the whole day, 90 days back"
o311_get "requests.json?start_date=${TODAY}T00:00:00%2B07:00&end_date=${TODAY}T23:59:59Z"
is "$(has "$P1")" yes "w3 date-times with offsets"
o311_get "requests.json?start_date=$(TZ=Asia/Jakarta date -d '+1 day' +%Y-%m-%d)"
is "$API_STATUS,$(jget 'length')" "200,0" "a start in the future: nothing"
o311_get "requests.json?start_date=$START&end_date=$TODAY"
o311_refused "start_date and end_date 120 days apart" 400
o311_get "requests.json?start_date=$TODAY&end_date=$END"
o311_refused "end_date before start_date" 400
o311_get "requests.json?start_date=2026-02-30"
o311_refused "start_date 2026-02-30" 400
o311_get "requests.json?end_date=yesterday"
o311_refused "end_date yesterday" 400
o311_get "requests.json?start_date=&end_date="
is "$API_STATUS,$(jget 'length')" "200,5" "empty dates: as if not given"

o311_get "requests.json?service_code=jalan"
is "$(codes)" "$P1" "service_code=jalan"
o311_get "requests.json?service_code=lain"
is "$(codes)" "$(printf '%s\n' "$T1" "$T2" "$P3" | sort | tr '\n' ' ' | sed 's/ $//')" \
    "service_code=lain: the uncategorised SMS tickets and the recent lain one"
o311_get "requests.json?service_code=jalan,kesehatan"
is "$(codes)" "$(printf '%s\n' "$P1" "$P2" | sort | tr '\n' ' ' | sed 's/ $//')" \
    "service_code=jalan,kesehatan"
o311_get "requests.json?service_code=sampah"
o311_refused "service_code=sampah" 400
o311_get "requests.json?service_code=jalan&status=closed"
is "$API_STATUS,$(jget 'length')" "200,0" "service_code and status together"

o311_get "requests.json?service_request_id=$P4,$T1"
is "$(codes)" "$(printf '%s\n' "$P4" "$T1" | sort | tr '\n' ' ' | sed 's/ $//')" \
    "service_request_id: exactly those, an old one included"
o311_get "requests.json?service_request_id=$T1&service_code=jalan&status=closed"
is "$(codes)" "$T1" "service_request_id overrides the other filters"
BAD=${T1:0:6}$(((${T1:6:1} + 1) % 10))
o311_get "requests.json?service_request_id=$T1,$BAD"
o311_refused "service_request_id with a wrong check digit" 400
o311_get "requests.json?service_request_id=$T1,,$T2"
o311_refused "service_request_id with an empty item" 400

# ---- one request: what does not exist -------------------------------------------------

o311_get "requests/$BAD.json"
o311_refused "requests/BAD-CHECK-DIGIT.json" 404
UNUSED=123456$(asp_damm 123456)
[ "$(asp_psql "SELECT count(*) FROM tickets WHERE code = '$UNUSED'")" = 0 ] ||
    UNUSED=654321$(asp_damm 654321)
o311_get "requests/$UNUSED.json"
o311_refused "a valid code of no ticket" 404
o311_get "requests/abc.json"
o311_refused "requests/abc.json" 404
o311_get "nothing.json"
o311_refused "an unknown resource" 404
asp_api DELETE "/open311/v2/requests.json" "" ""
is "$API_STATUS" 405 "DELETE requests.json: 405"

# ---- the api_key in the form body, as in the spec's example -----------------------------

o311_post "api_key=$KEY" service_code=utilitas "description=Air PDAM mati tiga hari" \
    "address_string=Desa Kutorejo"
is "$API_STATUS" 201 "POST with api_key in the body: 201"
P5=$(jget '.[0].service_request_id')
is "$(asp_psql "SELECT category || '|' || source FROM tickets WHERE code = '$P5'")" \
    "utilitas|open311" "POST with api_key in the body: the ticket"

# ---- privacy: no answer carries a phone number or an e-mail address ---------------------

o311_get "requests.json?start_date=$START&end_date=$END"
o311_get "requests.json"
hits=$(grep -nE '(\+?62|08)[0-9 .-]{8,}[0-9]|8123456789|8571234567|3456-7890|9876 5432|@example' \
    "$BODIES" | head -n 5)
is "$hits" "" "no Open311 answer holds a phone number or an e-mail address ($(wc -l <"$BODIES") answers)"

asp_check_logs
tap_done
