#!/usr/bin/env bash
#
# The HTTP contract of /kannel/mo, spoken directly with curl (no Kannel in
# between) to aspirasid on a throwaway PostgreSQL: replies, headers, the
# rows written, de-duplication by Kannel id, the 4xx answers, request
# ceilings, charsets, and that every reply fits one GSM-7 SMS.
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/mo_http.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

tap_plan 146

FROM=+6281234567890
TZ_SHOWN=Asia/Jakarta
HELP="DPRD Kab. Mojokerto. Ketik: ADUAN isi aduan / STATUS no tiket / AGENDA / INFO / DAFTAR / BERHENTI"
REPLIES=() # the body of every 200 answer of /kannel/mo, checked against the SMS budget at the end

# ---- helpers ---------------------------------------------------------------

# req CURL-ARGS...: one HTTP request.  Sets CODE (000 when curl failed),
# BODY (exact bytes, trailing newline kept), CTYPE and KCODING (headers).
req()
{
    local out=$ASP_TMP/req.body hdr=$ASP_TMP/req.headers
    rm -f "$out" "$hdr"
    CODE=$(curl -sS -m 30 -o "$out" -D "$hdr" -w '%{http_code}' "$@" 2>>"$ASP_TMP/curl.err") || true
    BODY=$(
        cat "$out" 2>/dev/null
        printf x
    )
    BODY=${BODY%x}
    CTYPE=$(sed -n 's/^[Cc]ontent-[Tt]ype: *//p' "$hdr" 2>/dev/null | tr -d '\r')
    KCODING=$(sed -n 's/^[Xx]-[Kk]annel-[Cc]oding: *//p' "$hdr" 2>/dev/null | tr -d '\r')
    if [ "$CODE" = 200 ] && [[ ${*: -1} == */kannel/mo* ]]; then
        REPLIES+=("$BODY")
    fi
}

# mo K=V...: GET /kannel/mo with these parameters and the right secret.
mo()
{
    req "$(asp_mo_url "$@")"
}

# mo_post K=V...: the same as a form POST (secret included).
mo_post()
{
    local a args=()
    for a in "$@" "secret=$ASP_SECRET"; do
        args+=(--data-urlencode "$a")
    done
    req "${args[@]}" "$ASP_URL/kannel/mo"
}

# mo_raw K=V...: GET with exactly these parameters (no secret added).
mo_raw()
{
    local a args=()
    for a in "$@"; do
        args+=(--data-urlencode "$a")
    done
    req -G "${args[@]}" "$ASP_URL/kannel/mo"
}

# A value quoted as an SQL literal.
sqlq()
{
    printf "'%s'" "${1//\'/\'\'}"
}

# Every byte of stdin as %XX.
pct_all()
{
    od -An -v -tx1 | tr -d ' \n' | sed 's/../%&/g'
}

# The bytes of stdin as lower-case hex.
hex()
{
    od -An -v -tx1 | tr -d ' \n'
}

# Septets of a text in GSM-7 (extension characters count twice), or -1 when
# it has a character GSM-7 cannot carry.
GSM7_BASIC='@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'\''()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
GSM7_EXT='^{}\[~]|€'
gsm7_septets()
{
    local LC_ALL=C.UTF-8
    local s=$1 i c n=0
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case "$c" in
        $'\n' | $'\r') n=$((n + 1)) ;;
        $'\f') n=$((n + 2)) ;;
        *)
            if [[ $GSM7_BASIC == *"$c"* ]]; then
                n=$((n + 1))
            elif [[ $GSM7_EXT == *"$c"* ]]; then
                n=$((n + 2))
            else
                echo -1
                return
            fi
            ;;
        esac
    done
    echo "$n"
}

complaint_reply()
{
    echo "Terima kasih. Aduan Anda tercatat dgn no tiket $1. Cek: ketik STATUS $1"
}

# The ticket code inside a complaint reply, or "".
ticket_of()
{
    if [[ $1 =~ tiket\ ([0-9]{7})\. ]]; then
        echo "${BASH_REMATCH[1]}"
    fi
}

# ---- setup -----------------------------------------------------------------

asp_createdb aspirasi_mo
CONF=$ASP_TMP/aspirasi.conf
asp_write_config "$CONF" 'http = { max_request_bytes = 2048; };'
asp_migrate "$CONF" >/dev/null || BAIL=1
asp_start_daemon "$CONF" || BAIL=1
if [ -n "${BAIL:-}" ]; then
    echo "Bail out! could not migrate or start aspirasid"
    exit 1
fi

# ---- a complaint over GET ----------------------------------------------------

TEXT1="ADUAN jalan rusak di Desa Sooko RT 3"
mo id=mo-get-1 from="$FROM" to=1500123 text="$TEXT1" smsc=fake1 ts=1700000000 coding=0 \
    charset=UTF-8
is "$CODE" 200 "GET complaint: 200"
T1=$(ticket_of "$BODY")
like "$T1" '^[0-9]{7}$' "GET complaint: the reply carries a 7-digit ticket"
is "$BODY" "$(complaint_reply "$T1")" "GET complaint: the body is the complaint template"
is "$CTYPE" "text/plain; charset=UTF-8" "GET complaint: Content-Type text/plain; charset=UTF-8"
is "$KCODING" 0 "GET complaint: X-Kannel-Coding: 0"
REPLY1=$BODY
is "$(asp_damm "$T1")" 0 "GET complaint: the ticket's check digit is right"

row=$(asp_psql "SELECT msisdn, short_code, smsc, body, encode(raw, 'escape'),
    extract(epoch FROM sent_at)::bigint, coding, charset, intent, reply
    FROM messages WHERE kannel_id = 'mo-get-1'")
is "$row" "$FROM|1500123|fake1|$TEXT1|$TEXT1|1700000000|0|UTF-8|complaint|$REPLY1" \
    "GET complaint: the messages row holds sender, short code, smsc, text, raw, sent_at, reply"
row=$(asp_psql "SELECT t.msisdn, t.body, t.status, m.kannel_id FROM tickets t
    JOIN messages m ON m.id = t.message_id WHERE t.code = '$T1'")
is "$row" "$FROM|jalan rusak di Desa Sooko RT 3|baru|mo-get-1" \
    "GET complaint: the tickets row holds sender, body, first status, its message"
is "$(asp_psql "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
    WHERE t.code = '$T1' AND e.status = 'baru'")" 1 "GET complaint: the first status is in the history"

# ---- the same over POST ----------------------------------------------------

TEXT2="lapor lampu jalan mati di Puri"
mo_post id=mo-post-1 from="$FROM" to=1500123 text="$TEXT2" smsc=fake2 ts=1700000100 coding=0
is "$CODE" 200 "POST complaint: 200"
T2=$(ticket_of "$BODY")
is "$BODY" "$(complaint_reply "$T2")" "POST complaint: the body is the complaint template"
is "$CTYPE" "text/plain; charset=UTF-8" "POST complaint: Content-Type"
is "$KCODING" 0 "POST complaint: X-Kannel-Coding: 0"
row=$(asp_psql "SELECT m.msisdn, m.smsc, m.body, extract(epoch FROM m.sent_at)::bigint, t.body
    FROM messages m JOIN tickets t ON t.message_id = m.id WHERE m.kannel_id = 'mo-post-1'")
is "$row" "$FROM|fake2|$TEXT2|1700000100|lampu jalan mati di Puri" \
    "POST complaint: message and ticket rows"
if [ -n "$T1" ] && [ "$T1" != "$T2" ]; then
    ok "two complaints get two different tickets"
else
    not_ok "two complaints get two different tickets" "got '$T1' and '$T2'"
fi

# ---- STATUS ----------------------------------------------------------------

day0=$(TZ=$TZ_SHOWN date +%d/%m/%Y)
mo id=mo-status-1 from=+6285712345678 text="STATUS $T1"
day1=$(TZ=$TZ_SHOWN date +%d/%m/%Y)
is "$CODE" 200 "STATUS: 200"
want0="Tiket $T1: Diterima, menunggu ditelaah. Perubahan terakhir $day0."
want1="Tiket $T1: Diterima, menunggu ditelaah. Perubahan terakhir $day1."
if [ "$BODY" = "$want0" ] || [ "$BODY" = "$want1" ]; then
    ok "STATUS: the label and today's date in $TZ_SHOWN"
else
    not_ok "STATUS: the label and today's date in $TZ_SHOWN" "got '$BODY', want '$want1'"
fi
unlike "$BODY" "jalan rusak|6281234567890" "STATUS: another number never sees the text or sender"

# One wrong digit, at every position: always "salah", never "tidak ditemukan".
# Asked from another phone, so no "did you mean" names FROM's ticket
# (tests/integration/understanding.sh covers that answer).
OTHER=+6285600000001
for pos in 0 3 6; do
    d=${T1:pos:1}
    bad=${T1:0:pos}$(((d + 1) % 10))${T1:pos+1}
    mo id="mo-typo-$pos" from="$OTHER" text="STATUS $bad"
    is "$BODY" "Nomor tiket $bad salah, cek lagi. No tiket 7 angka, contoh: STATUS 4821937" \
        "STATUS with digit $((pos + 1)) wrong: \"salah\""
done
# Two neighbouring digits swapped (the first pair that differs).
swapped=""
for ((pos = 0; pos < 6; pos++)); do
    if [ "${T1:pos:1}" != "${T1:pos+1:1}" ]; then
        swapped=${T1:0:pos}${T1:pos+1:1}${T1:pos:1}${T1:pos+2}
        break
    fi
done
mo id=mo-swap from="$OTHER" text="STATUS $swapped"
is "$BODY" "Nomor tiket $swapped salah, cek lagi. No tiket 7 angka, contoh: STATUS 4821937" \
    "STATUS with two neighbouring digits swapped: \"salah\""
unlike "$BODY" "tidak ditemukan" "STATUS with a typo never says \"tidak ditemukan\""

# A code with a right check digit that no ticket has.
for b in 123456 654321 111111 909090 271828; do
    U=$b$(asp_damm "$b")
    [ "$(asp_psql "SELECT count(*) FROM tickets WHERE code = '$U'")" = 0 ] && break
done
mo id=mo-unknown from="$FROM" text="status $U"
is "$BODY" "Tiket $U tidak ditemukan, cek lagi nomornya." "STATUS of a valid unknown code: \"tidak ditemukan\""
mo id=mo-status-sep from="$FROM" text="cek ${T1:0:3}-${T1:3:2} ${T1:5:2}"
like "$BODY" "^Tiket $T1: Diterima, menunggu ditelaah\\." "STATUS with separators in the code (CEK 482-19 37)"

# ---- anything else ---------------------------------------------------------

mo id=mo-help from="$FROM" text="halo apa kabar"
is "$CODE" 200 "unknown text: 200"
is "$BODY" "$HELP" "unknown text: the help reply"
is "$(asp_psql "SELECT intent FROM messages WHERE kannel_id = 'mo-help'")" unknown \
    "unknown text: stored with intent unknown"

# ---- the same Kannel id again ---------------------------------------------

ntickets=$(asp_psql "SELECT count(*) FROM tickets")
mo id=mo-get-1 from="$FROM" to=1500123 text="$TEXT1" smsc=fake1 ts=1700000000 coding=0 \
    charset=UTF-8
is "$CODE" 200 "retried id: 200"
is "$BODY" "$REPLY1" "retried id: the identical reply"
mo id=mo-get-1 from="$FROM" text="ADUAN sesuatu yang lain"
is "$BODY" "$REPLY1" "retried id with other text: still the first reply"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id = 'mo-get-1'")" 1 \
    "retried id: still one message row"
is "$(asp_psql "SELECT count(*) FROM tickets")" "$ntickets" "retried id: no new ticket"

# 20 requests with one new id at the same time.
CONC_URL=$(asp_mo_url id=mo-concurrent from=+6281398765432 text="ADUAN banjir di Jalan Majapahit")
pids=()
for i in $(seq 1 20); do
    curl -sS -m 30 -o "$ASP_TMP/conc.$i.body" -w '%{http_code}' "$CONC_URL" \
        >"$ASP_TMP/conc.$i.code" 2>>"$ASP_TMP/curl.err" &
    pids+=($!)
done
wait "${pids[@]}"
codes=$(for i in $(seq 1 20); do
    cat "$ASP_TMP/conc.$i.code"
    echo
done | sort | uniq -c | sed 's/^ *//')
is "$codes" "20 200" "20 concurrent requests with one id: all 200"
nbodies=$(for i in $(seq 1 20); do
    cat "$ASP_TMP/conc.$i.body"
    echo
done | sort -u | wc -l)
is "$nbodies" 1 "20 concurrent requests with one id: all bodies identical"
CB=$(cat "$ASP_TMP/conc.1.body")
REPLIES+=("$CB")
TC=$(ticket_of "$CB")
is "$CB" "$(complaint_reply "$TC")" "20 concurrent requests with one id: the complaint reply"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id = 'mo-concurrent'")" 1 \
    "20 concurrent requests with one id: one message row"
is "$(asp_psql "SELECT count(*) FROM tickets WHERE msisdn = '+6281398765432'")" 1 \
    "20 concurrent requests with one id: one ticket"

# ---- 403 ---------------------------------------------------------------------

mo_raw id=mo-403-a from="$FROM" text="ADUAN x" secret=wrong-secret-1
is "$CODE" 403 "wrong secret: 403"
mo_raw id=mo-403-b from="$FROM" text="ADUAN x"
is "$CODE" 403 "missing secret: 403"
mo_raw id=mo-403-c from="$FROM" text="ADUAN x" secret=""
is "$CODE" 403 "empty secret: 403"
mo_raw id=mo-403-d from="$FROM" text="ADUAN x" secret="${ASP_SECRET}x"
is "$CODE" 403 "secret with one character more: 403"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id LIKE 'mo-403-%'")" 0 \
    "403: nothing stored"

# ---- 400 ---------------------------------------------------------------------

mo from="$FROM" text="ADUAN x"
is "$CODE" 400 "missing id: 400"
like "$BODY" 'missing "id"' "missing id: the reason names \"id\""
mo id=mo-400-from text="ADUAN x"
is "$CODE" 400 "missing from: 400"
like "$BODY" 'missing "from"' "missing from: the reason names \"from\""
mo id=mo-400-text from="$FROM"
is "$CODE" 400 "missing text: 400"
like "$BODY" 'missing "text"' "missing text: the reason names \"text\""
mo id=mo-400-coding from="$FROM" text="ADUAN x" coding=7
is "$CODE" 400 "coding=7: 400"
like "$BODY" 'coding' "coding=7: the reason names \"coding\""
mo_post from="$FROM" text="ADUAN x"
is "$CODE" 400 "POST missing id: 400"
like "$BODY" 'missing "id"' "POST missing id: the reason names \"id\""
mo id=mo-400-empty from="$FROM" text=""
is "$CODE" 200 "an empty text is a message (200), not a missing one"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id LIKE 'mo-400-%' AND kannel_id <> 'mo-400-empty'")" 0 \
    "400: nothing stored"

# ---- 400: values the database would refuse ---------------------------------

# Each is refused at parse time with a reason naming the field, so Kannel
# stops retrying; PostgreSQL would refuse it on every retry (a 503).  Both
# sides of every limit: the largest accepted value is stored as sent.

# mo_nul ID NAME: a GET whose parameter NAME is "a", NUL, "b".
mo_nul()
{
    req "$(asp_mo_url id="$1" from="$FROM" text="halo")&$2=a%00b"
}

mo id=mo-db-ts-max from="$FROM" text="halo" ts=253402300799
is "$CODE" 200 "ts=253402300799 (9999-12-31T23:59:59Z): 200"
is "$(asp_psql "SELECT extract(epoch FROM sent_at)::bigint || ' ' ||
    to_char(sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
    FROM messages WHERE kannel_id = 'mo-db-ts-max'")" "253402300799 9999-12-31 23:59:59" \
    "ts=253402300799: stored as sent_at 9999-12-31 23:59:59 UTC"
mo id=mo-db-ts-max1 from="$FROM" text="halo" ts=253402300800
is "$CODE $BODY" 400\ 'bad "ts": must be seconds since 1970, at most 253402300799'$'\n' \
    "ts=253402300800: 400 naming \"ts\""
mo id=mo-db-ts-huge from="$FROM" text="halo" ts=99999999999999
like "$CODE $BODY" '^400 bad "ts"' "ts=99999999999999 (beyond to_timestamp()): 400"
mo id=mo-db-ts-0 from="$FROM" text="halo" ts=0
is "$CODE" 200 "ts=0 (unknown): 200"
is "$(asp_psql "SELECT sent_at IS NULL FROM messages WHERE kannel_id = 'mo-db-ts-0'")" t \
    "ts=0: stored as an unknown sent_at"

ID128=mo-db-id-$(printf '%*s' 119 '' | tr ' ' i)
mo id="$ID128" from="$FROM" text="halo"
is "$CODE" 200 "an id of 128 bytes: 200"
is "$(asp_psql "SELECT length(kannel_id) FROM messages WHERE kannel_id = $(sqlq "$ID128")")" 128 \
    "an id of 128 bytes: stored whole"
mo id="${ID128}i" from="$FROM" text="halo"
like "$CODE $BODY" '^400 bad "id": longer than 128 bytes' "an id of 129 bytes: 400 naming \"id\""
mo id=$'mo-db-id-\xff' from="$FROM" text="halo"
like "$CODE $BODY" '^400 bad "id": not UTF-8' "an id that is not UTF-8: 400 naming \"id\""
mo_nul mo-db-id-nul id
like "$CODE $BODY" '^400 bad "id": NUL byte' "an id with a NUL byte: 400 naming \"id\""

SMSC64=$(printf '%*s' 64 '' | tr ' ' s)
mo id=mo-db-smsc-64 from="$FROM" text="halo" smsc="$SMSC64"
is "$CODE" 200 "an smsc of 64 bytes: 200"
is "$(asp_psql "SELECT smsc FROM messages WHERE kannel_id = 'mo-db-smsc-64'")" "$SMSC64" \
    "an smsc of 64 bytes: stored whole"
mo id=mo-db-smsc-65 from="$FROM" text="halo" smsc="${SMSC64}s"
like "$CODE $BODY" '^400 bad "smsc": longer than 64 bytes' "an smsc of 65 bytes: 400 naming \"smsc\""
mo id=mo-db-smsc-utf8 from="$FROM" text="halo" smsc=$'fake\xed\xa0\x80'
like "$CODE $BODY" '^400 bad "smsc": not UTF-8' "an smsc with a surrogate: 400 naming \"smsc\""

mo id=mo-db-to-ok from="$FROM" text="halo" to="1500123 café"
is "$CODE" 200 "a short code in UTF-8: 200"
is "$(asp_psql "SELECT short_code FROM messages WHERE kannel_id = 'mo-db-to-ok'")" "1500123 café" \
    "a short code in UTF-8: stored"
mo id=mo-db-to from="$FROM" text="halo" to=$'\xff'
like "$CODE $BODY" '^400 bad "to": not UTF-8' "a short code that is not UTF-8: 400 naming \"to\""
mo id=mo-db-to-cut from="$FROM" text="halo" to=$'caf\xc3'
like "$CODE $BODY" '^400 bad "to": not UTF-8' "a short code cut inside a character: 400"
mo_nul mo-db-to-nul to
like "$CODE $BODY" '^400 bad "to": NUL byte' "a short code with a NUL byte: 400 naming \"to\""
mo_post id=mo-db-to-post from="$FROM" text="halo" to=$'\xff'
like "$CODE $BODY" '^400 bad "to": not UTF-8' "POST: a short code that is not UTF-8: 400"

mo id=mo-db-charset from="$FROM" text="halo" charset=$'UTF-8\xe9'
like "$CODE $BODY" '^400 bad "charset": not UTF-8' "a charset that is not UTF-8: 400 naming \"charset\""
mo_nul mo-db-charset-nul charset
like "$CODE $BODY" '^400 bad "charset": NUL byte' "a charset with a NUL byte: 400 naming \"charset\""
mo id=mo-db-meta from="$FROM" text="halo" meta=$'?smpp?x=\xfe'
like "$CODE $BODY" '^400 bad "meta": not UTF-8' "meta that is not UTF-8: 400 naming \"meta\""
mo_nul mo-db-meta-nul meta
like "$CODE $BODY" '^400 bad "meta": NUL byte' "meta with a NUL byte: 400 naming \"meta\""
mo_nul mo-db-from-nul from
like "$CODE $BODY" '^400 bad "from": NUL byte' "a sender with a NUL byte: 400 naming \"from\""

# A USSD step from Kannel's SMPP: the smsc-id goes into the session's id.
USSD_META='?smpp?ussd_service_op=%01&its_session_info=%0A%01&'
mo id=mo-db-ussd-64 from="$FROM" text="*123#" smsc="$SMSC64" meta="$USSD_META"
[ "$CODE" = 200 ] && unset 'REPLIES[-1]' # a USSD screen, not an SMS
is "$CODE" 200 "a USSD step with an smsc of 64 bytes: 200"
is "$(asp_psql "SELECT transport FROM ussd_sessions WHERE id = 'smpp:$SMSC64:$FROM:0a01'")" smpp \
    "a USSD step with an smsc of 64 bytes: its session stored under its whole id"
mo id=mo-db-ussd-65 from="$FROM" text="*123#" smsc="${SMSC64}s" meta="$USSD_META"
like "$CODE $BODY" '^400 bad "smsc": longer than 64 bytes' "a USSD step with an smsc of 65 bytes: 400"

is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id LIKE 'mo-db-%' AND kannel_id NOT IN
    ('mo-db-ts-max', 'mo-db-ts-0', 'mo-db-smsc-64', 'mo-db-to-ok', 'mo-db-ussd-64')
    AND kannel_id <> $(sqlq "$ID128")")" 0 "refused values: nothing stored"
is "$(asp_psql "SELECT count(*) FROM ussd_sessions WHERE id LIKE 'smpp:${SMSC64}s%'")" 0 \
    "a refused USSD step: no session stored"

# ---- 413: http.max_request_bytes = 2048 -------------------------------------

# GET whose request target (path and query) is n bytes long.
get_of_size()
{
    local n=$1 id=$2 url pad
    url=$(asp_mo_url id="$id" from="$FROM" text="ADUAN ")
    pad=$((n - (${#url} - ${#ASP_URL})))
    url=$(asp_mo_url id="$id" from="$FROM" text="ADUAN $(printf '%*s' "$pad" '' | tr ' ' x)")
    echo "$url"
}
url=$(get_of_size 2040 mo-size-get-ok)
is "$((${#url} - ${#ASP_URL}))" 2040 "413 setup: a GET of 2040 bytes"
req "$url"
is "$CODE" 200 "GET of 2040 bytes (limit 2048): 200"
req "$(get_of_size 2600 mo-size-get-big)"
is "$CODE" 413 "GET of 2600 bytes (limit 2048): 413"

# POST whose form body is n bytes long.
post_of_size()
{
    local n=$1 id=$2 body
    body="id=$id&from=%2B6281234567890&secret=$ASP_SECRET&text=ADUAN+"
    body=$body$(printf '%*s' $((n - ${#body})) '' | tr ' ' y)
    printf '%s' "$body" >"$ASP_TMP/post.body"
    req -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$ASP_TMP/post.body" \
        "$ASP_URL/kannel/mo"
}
post_of_size 2000 mo-size-post-ok
is "$CODE" 200 "POST of 2000 body bytes (limit 2048): 200"
post_of_size 2600 mo-size-post-big
is "$CODE" 413 "POST of 2600 body bytes (limit 2048): 413"
post_of_size 100000 mo-size-post-huge
is "$CODE" 413 "POST of 100000 body bytes: 413"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id IN ('mo-size-get-ok', 'mo-size-post-ok')")" 2 \
    "requests under the limit are stored"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id LIKE 'mo-size-%-big' OR kannel_id = 'mo-size-post-huge'")" 0 \
    "requests over the limit are not stored"

# ---- methods and paths -----------------------------------------------------

req -X PUT "$(asp_mo_url id=mo-put from="$FROM" text="ADUAN x")"
is "$CODE" 405 "PUT /kannel/mo: 405"
req -X DELETE "$(asp_mo_url id=mo-delete from="$FROM" text="ADUAN x")"
is "$CODE" 405 "DELETE /kannel/mo: 405"
req "$ASP_URL/nope"
is "$CODE" 404 "GET /nope: 404"
req "$ASP_URL/kannel/mo/extra?secret=$ASP_SECRET"
is "$CODE" 404 "GET /kannel/mo/extra: 404"
req "$ASP_URL/healthz"
is "$CODE $BODY" "200 database ok"$'\n'"sendsms not configured"$'\n' "GET /healthz: 200, the database ok"

# ---- charsets --------------------------------------------------------------

UTEXT="ADUAN jalan rusak depan café — tolong"
UHEX=$(printf '%s' "$UTEXT" | iconv -f UTF-8 -t UTF-16BE | hex)
req -G --data-urlencode id=mo-ucs2 --data-urlencode from="$FROM" --data-urlencode coding=2 \
    --data-urlencode charset=UTF-16BE --data-urlencode "secret=$ASP_SECRET" \
    --data "text=$(printf '%s' "$UTEXT" | iconv -f UTF-8 -t UTF-16BE | pct_all)" \
    "$ASP_URL/kannel/mo"
is "$CODE" 200 "coding=2 charset=UTF-16BE: 200"
TU=$(ticket_of "$BODY")
is "$BODY" "$(complaint_reply "$TU")" "coding=2 charset=UTF-16BE: the complaint reply"
is "$(asp_psql "SELECT body FROM messages WHERE kannel_id = 'mo-ucs2'")" "$UTEXT" \
    "coding=2 charset=UTF-16BE: stored as UTF-8"
is "$(asp_psql "SELECT encode(raw, 'hex') FROM messages WHERE kannel_id = 'mo-ucs2'")" "$UHEX" \
    "coding=2 charset=UTF-16BE: raw bytes kept"
is "$(asp_psql "SELECT body FROM tickets WHERE code = '$TU'")" "jalan rusak depan café — tolong" \
    "coding=2 charset=UTF-16BE: the ticket body in UTF-8"

BADTEXT=$'ADUAN jalan \xff\xfe rusak di Sooko'
mo id=mo-bad-utf8 from="$FROM" coding=0 text="$BADTEXT"
is "$CODE" 200 "invalid UTF-8 with coding=0: 200 (never a 5xx)"
TB=$(ticket_of "$BODY")
is "$BODY" "$(complaint_reply "$TB")" "invalid UTF-8 with coding=0: the complaint reply"
is "$(asp_psql "SELECT encode(raw, 'hex') FROM messages WHERE kannel_id = 'mo-bad-utf8'")" \
    "$(printf '%s' "$BADTEXT" | hex)" "invalid UTF-8 with coding=0: raw bytes stored as received"
like "$(asp_psql "SELECT body FROM messages WHERE kannel_id = 'mo-bad-utf8'")" \
    '^ADUAN jalan .* rusak di Sooko$' "invalid UTF-8 with coding=0: a readable text stored too"

# ---- 403 for a peer outside kannel.allow -----------------------------------

asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM"
CONF2=$ASP_TMP/aspirasi-allow.conf
asp_write_config "$CONF2" 'http = { max_request_bytes = 2048; };' \
    "kannel = { secret = \"$ASP_SECRET\"; allow = [ \"127.0.0.2\" ]; };"
asp_start_daemon "$CONF2"
mo id=mo-allow-1 from="$FROM" text="ADUAN x"
is "$CODE" 403 "peer 127.0.0.1 not in allow = [\"127.0.0.2\"]: 403"
like "$BODY" "allow" "peer not allowed: the reason says so"
req --interface 127.0.0.2 "$(asp_mo_url id=mo-allow-2 from="$FROM" text="ADUAN dari 127.0.0.2")"
is "$CODE" 200 "peer 127.0.0.2 in allow = [\"127.0.0.2\"]: 200"
is "$(asp_psql "SELECT string_agg(kannel_id, ',') FROM messages WHERE kannel_id LIKE 'mo-allow-%'")" \
    mo-allow-2 "only the allowed peer's message is stored"
asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM (second run)"

# ---- batches: MOs written together, a bad one failing alone -------------------

# One intake worker, held up by a gate so that the MOs sent meanwhile queue
# and are then written as one batch: a transaction of psql holds a message
# row whose Kannel id the gate MO then waits for, until psql is cancelled
# and its row rolled back.  Without a journal, so that an MO the database
# refuses is answered 503 (journal.sh covers the journal).
CONF3=$ASP_TMP/aspirasi-batch.conf
asp_write_config "$CONF3" 'http = { max_request_bytes = 2048; };' 'db = { pool = 1; };' \
    'journal = { dir = ""; };'
asp_start_daemon "$CONF3" || asp_bail "aspirasid did not start with db.pool = 1"
# lib.sh numbers the daemons' logs 1, 2, ... as it starts them.
DLOG=$ASP_TMP/aspirasid.$(find "$ASP_TMP" -maxdepth 1 -name 'aspirasid.*.log' | wc -l).log

# metric NAME: a value of aspirasid's /metrics.
metric()
{
    asp_metric "$1"
}

# mo_bg NAME K=V...: /kannel/mo in the background (asp_bg).
mo_bg()
{
    local name=$1
    shift
    asp_bg "$name" "$(asp_mo_url "$@")"
}

# queue NAME K=V...: the same, queued behind the gate (asp_gate_queue).
queue()
{
    local name=$1
    shift
    asp_gate_queue "$name" "$(asp_mo_url "$@")"
}

C=+6285611110001 D=+6285611110002 E=+6285611110003
DUPTEXT="ADUAN banjir di Jalan Gajah Mada depan pasar"
s0=$(metric aspirasi_intake_batch_size_sum)
n0=$(metric aspirasi_intake_batch_size_count)
asp_gate_close mo-gate-1
queue b1-lang id=mo-b1-lang from=$C text="LANGUAGE ENGLISH"
queue b1-help id=mo-b1-help from=$C text="halo"
for i in 1 2 3; do
    queue "b1-dup-$i" id=mo-b1-dup from=$D text="$DUPTEXT"
done
queue b1-status id=mo-b1-status from=$E text="STATUS $T1"
queue b1-agenda id=mo-b1-agenda from=$E text="AGENDA"
asp_gate_open
is "$(asp_batches_since "$s0" "$n0")" "8 2" "a batch: the 7 MOs queued behind the gate are written as one batch"
codes=""
for b in gate-1 b1-lang b1-help b1-dup-1 b1-dup-2 b1-dup-3 b1-status b1-agenda; do
    [ "$b" = gate-1 ] && b=mo-gate-1
    codes+="$(asp_bg_code "$b") "
    [ "$(asp_bg_code "$b")" = 200 ] && REPLIES+=("$(asp_bg_body "$b")")
done
is "$codes" "200 200 200 200 200 200 200 200 " "a batch: every MO answered 200"
like "$(asp_bg_body b1-help)" '^DPRD Kab\. Mojokerto\. Send:' \
    "a batch: after LANGUAGE ENGLISH, the next MO of the same number in the batch is answered in English"
is "$(asp_psql "SELECT language FROM citizens WHERE msisdn = '$C'")" en \
    "a batch: the language chosen is stored"
TD=$(ticket_of "$(asp_bg_body b1-dup-1)")
is "$(asp_bg_body b1-dup-1)" "$(complaint_reply "$TD")" "a batch: a complaint sent 3 times with one id: the complaint reply"
is "$(asp_bg_body b1-dup-2)|$(asp_bg_body b1-dup-3)" "$(asp_bg_body b1-dup-1)|$(asp_bg_body b1-dup-1)" \
    "a batch: the 3 copies get the same reply"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id = 'mo-b1-dup'") $(asp_psql "SELECT count(*) FROM tickets WHERE msisdn = '$D'")" \
    "1 1" "a batch: the 3 copies make one message row and one ticket"
like "$(asp_bg_body b1-status)" "^Tiket $T1: Diterima" "a batch: STATUS reads the ticket"
is "$(asp_psql "SELECT r.kind || ' ' || r.query FROM info_requests r JOIN messages m ON m.id = r.message_id
    WHERE m.kannel_id = 'mo-b1-agenda'")" "agenda " "a batch: the agenda lookup is recorded with its message"
is "$(grep -c 'event=intake_batch_partial' "$DLOG")" 0 "a batch without a failure fails nothing"

# A retry of that LANGUAGE ENGLISH (its Kannel id) with another text, then
# a message of the same number, in one batch: the retry changes nothing, so
# the next reply stays in English.
s0=$(metric aspirasi_intake_batch_size_sum)
n0=$(metric aspirasi_intake_batch_size_count)
asp_gate_close mo-gate-3
queue b3-lang id=mo-b1-lang from=$C text="BAHASA JAWA"
queue b3-help id=mo-b3-help from=$C text="halo"
asp_gate_open
is "$(asp_batches_since "$s0" "$n0")" "3 2" "a retried BAHASA in a batch: one batch"
is "$(asp_bg_code b3-lang) $(asp_bg_body b3-lang)" "200 $(asp_bg_body b1-lang)" \
    "a retried BAHASA in a batch: the first reply"
like "$(asp_bg_code b3-help) $(asp_bg_body b3-help)" '^200 DPRD Kab\. Mojokerto\. Send:' \
    "a retried BAHASA in a batch: the next MO of the number is still answered in English"
is "$(asp_psql "SELECT language FROM citizens WHERE msisdn = '$C'")" en \
    "a retried BAHASA in a batch: the language stays"
REPLIES+=("$(asp_bg_body b3-lang)" "$(asp_bg_body b3-help)")

# A batch with two MOs the database refuses.  The gateway refuses what
# PostgreSQL would (see above), so the refusal is made here: a trigger of
# this test fails the INSERT of these two Kannel ids.  Each fails alone,
# the others are stored and answered, and duplicates still get one row.
asp_refuse mo-b2-bad1 mo-b2-bad2
F=+6285611110004 G=+6285611110005 H=+6285611110006
DUPTEXT2="ADUAN pohon tumbang di Jalan Raya Trowulan"
s0=$(metric aspirasi_intake_batch_size_sum)
n0=$(metric aspirasi_intake_batch_size_count)
asp_gate_close mo-gate-2
queue b2-ok id=mo-b2-ok from=$F text="ADUAN got mampet di Desa Mojosari"
queue b2-bad1 id=mo-b2-bad1 from=$F text="ADUAN jembatan ambrol" ts=1700000200
queue b2-bad2 id=mo-b2-bad2 from=$G to=1500123 text="INFO"
for i in 1 2 3; do
    queue "b2-dup-$i" id=mo-b2-dup from=$H text="$DUPTEXT2"
done
queue b2-help id=mo-b2-help from=$G text="halo"
asp_gate_open
is "$(asp_batches_since "$s0" "$n0")" "8 2" "a bad batch: the 7 MOs queued behind the gate are one batch"
is "$(asp_bg_code b2-bad1) $(asp_bg_code b2-bad2)" "503 503" \
    "a bad batch: the two MOs the database refuses are answered 503 (Kannel retries them)"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id IN ('mo-b2-bad1', 'mo-b2-bad2')")" 0 \
    "a bad batch: nothing of them is stored"
is "$(asp_psql "SELECT count(*) FROM tickets WHERE msisdn = '$F'")" 1 \
    "a bad batch: the refused complaint made no ticket"
is "$(asp_bg_code b2-ok) $(asp_bg_code b2-help) $(asp_bg_code b2-dup-1) $(asp_bg_code b2-dup-2) $(asp_bg_code b2-dup-3)" \
    "200 200 200 200 200" "a bad batch: the other MOs are answered 200"
for b in b2-ok b2-help b2-dup-1 b2-dup-2 b2-dup-3; do
    [ "$(asp_bg_code "$b")" = 200 ] && REPLIES+=("$(asp_bg_body "$b")")
done
TO=$(ticket_of "$(asp_bg_body b2-ok)")
is "$(asp_bg_body b2-ok)" "$(complaint_reply "$TO")" "a bad batch: the good complaint gets its ticket"
is "$(asp_psql "SELECT t.body FROM tickets t JOIN messages m ON m.id = t.message_id
    WHERE m.kannel_id = 'mo-b2-ok' AND t.code = '$TO'")" "got mampet di Desa Mojosari" \
    "a bad batch: the good complaint's message and ticket are stored"
is "$(asp_bg_body b2-help)" "$HELP" "a bad batch: the help reply"
TD2=$(ticket_of "$(asp_bg_body b2-dup-1)")
is "$(asp_bg_body b2-dup-1)|$(asp_bg_body b2-dup-2)|$(asp_bg_body b2-dup-3)" \
    "$(complaint_reply "$TD2")|$(complaint_reply "$TD2")|$(complaint_reply "$TD2")" \
    "a bad batch: 3 copies of one id get one complaint reply"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id = 'mo-b2-dup'") $(asp_psql "SELECT count(*) FROM tickets WHERE msisdn = '$H'")" \
    "1 1" "a bad batch: the 3 copies make one message row and one ticket"
is "$(grep -c 'event=intake_batch_partial jobs=7 failed=2' "$DLOG")" 1 \
    "a bad batch: logged as one batch of 7 of which 2 failed"
is "$(metric 'aspirasi_db_errors_total{component="intake"}')" "$(grep -c 'event=db_error' "$DLOG")" \
    "every database error of the intake is logged and counted once"
mo_bg b2-bad1-again id=mo-b2-bad1 from=$F text="ADUAN jembatan ambrol" ts=1700000200
asp_bg_wait
is "$(asp_bg_code b2-bad1-again)" 503 "Kannel's retry of a refused MO is refused again, alone"
asp_refuse_end
mo_bg b2-bad1-last id=mo-b2-bad1 from=$F text="ADUAN jembatan ambrol" ts=1700000200
asp_bg_wait
like "$(asp_bg_code b2-bad1-last) $(asp_bg_body b2-bad1-last)" '^200 .* tiket [0-9]{7}\.' \
    "once the database takes it, Kannel's next retry is stored and answered with a ticket"
[ "$(asp_bg_code b2-bad1-last)" = 200 ] && REPLIES+=("$(asp_bg_body b2-bad1-last)")
is "$(asp_psql "SELECT count(*) || ' ' || min(extract(epoch FROM m.sent_at)::bigint) || ' ' ||
    min(t.body) FROM messages m JOIN tickets t ON t.message_id = m.id
    WHERE m.kannel_id = 'mo-b2-bad1'")" "1 1700000200 jembatan ambrol" \
    "and stored once, with its ts and its ticket"
asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM (third run)"

# ---- every reply fits one SMS ----------------------------------------------

worst=0
worst_body=""
for b in "${REPLIES[@]}"; do
    n=$(gsm7_septets "$b")
    if [ "$n" -lt 0 ] || [ "$n" -gt 160 ]; then
        worst=$n
        worst_body=$b
        break
    fi
done
if [ -z "$worst_body" ] && [ ${#REPLIES[@]} -ge 15 ]; then
    ok "all ${#REPLIES[@]} replies are GSM-7 and at most 160 septets"
else
    not_ok "all ${#REPLIES[@]} replies are GSM-7 and at most 160 septets" \
        "septets $worst (-1: not GSM-7): '$worst_body'"
fi

asp_check_logs
tap_done
