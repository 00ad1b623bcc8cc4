#!/bin/bash
#
# kannel_sms.sh: citizens' SMS through real Kannel.  tests/tools/fakesmsc
# plays the phone network: its MO goes through bearerbox and smsbox (with
# the choices of config/kannel.conf.example) to aspirasid and PostgreSQL,
# and the reply is the MT that comes back to the fake SMSC.  Checks the MT
# texts, the rows in the database, and that our logs mask phone numbers.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8 # ${#s} counts characters, not bytes

tap_plan 19

A=+6281234567890
B=+6285712345678
C=+6281398765432
mts=() # every MT seen, for the length check

# sms FROM TEXT: sends one MO and sets $mt to the reply ("" when none came).
sms()
{
    mt=$(asp_sms "$1" "$2") || mt=""
    mts+=("$mt")
}

asp_createdb aspirasi_kannel
asp_write_config "$ASP_TMP/aspirasi.conf"
asp_migrate "$ASP_TMP/aspirasi.conf" || asp_bail "aspirasictl migrate failed"
asp_start_daemon "$ASP_TMP/aspirasi.conf" || asp_bail "aspirasid did not start"
asp_start_kannel || asp_bail "Kannel did not start"

# ---- a complaint gets a ticket number, twice the same ---------------------
sms "$A" "ADUAN jalan rusak di Desa Sooko RT 3"
re='^Terima kasih\. Aduan Anda tercatat dgn no tiket ([0-9]{7})\. Cek: ketik STATUS ([0-9]{7})$'
like "$mt" "$re" "ADUAN is answered with a ticket number"
code=${BASH_REMATCH[1]:-}
is "${BASH_REMATCH[2]:-}" "$code" "the reply names the same ticket twice"
[ -n "$code" ] || asp_bail "no ticket number in the reply, nothing more to test"

is "$(asp_psql "SELECT intent, body, reply FROM messages WHERE msisdn = '$A'")" \
    "complaint|ADUAN jalan rusak di Desa Sooko RT 3|$mt" \
    "the MO is stored with its intent and the reply sent"
is "$(asp_psql "SELECT count(*) FROM messages WHERE msisdn = '$A' AND kannel_id <> ''")" 1 \
    "the MO is stored once, with Kannel's id"
is "$(asp_psql "SELECT t.msisdn, t.status, m.body FROM tickets t
                JOIN messages m ON m.id = t.message_id WHERE t.code = '$code'")" \
    "$A|baru|ADUAN jalan rusak di Desa Sooko RT 3" "the ticket is stored as new, linked to its message"
like "$(asp_psql "SELECT body FROM tickets WHERE code = '$code'")" \
    "jalan rusak di Desa Sooko RT 3" "the ticket keeps the complaint text"

# ---- STATUS ----------------------------------------------------------------
sms "$A" "STATUS $code"
date=$(asp_psql "SELECT to_char(updated_at AT TIME ZONE 'Asia/Jakarta', 'DD/MM/YYYY')
                 FROM tickets WHERE code = '$code'")
is "$mt" "Tiket $code: Diterima, menunggu ditelaah. Perubahan terakhir $date." \
    "STATUS answers with the status label and the date"

# A single wrong digit is always caught by the check digit (asked from
# another phone: the owner would be offered "did you mean").
bad=${code:0:6}$(((${code:6:1} + 1) % 10))
sms "$B" "STATUS $bad"
is "$mt" "Nomor tiket $bad salah, cek lagi. No tiket 7 angka, contoh: STATUS 4821937" \
    "STATUS with a wrong check digit says the number is wrong (salah)"

# Someone else's ticket: the status, never the other citizen's text or number.
sms "$B" "cek $code"
like "$mt" "^Tiket $code: Diterima, menunggu ditelaah\\." "STATUS of another citizen's ticket"
unlike "$mt" "Sooko|${A#+}|jalan" "... shows neither their text nor their number"

# ---- lower case, and not understood ---------------------------------------
sms "$B" "lapor jalan rusak"
like "$mt" "$re" "lower-case 'lapor' makes a ticket"
code2=${BASH_REMATCH[1]:-}
is "$(asp_psql "SELECT count(*) FROM tickets WHERE code = '$code2' AND msisdn = '$B'
                AND code <> '$code'")" 1 "... a second ticket, for the second citizen"

sms "$B" "halo"
is "$mt" "DPRD Kab. Mojokerto. Ketik: ADUAN isi aduan / STATUS no tiket / AGENDA / INFO / DAFTAR / BERHENTI" \
    "'halo' gets the help text"

# ---- UCS-2: Javanese with an accent and an emoji ---------------------------
# fakesmsc sends it as UCS-2; smsbox's mo-recode hands it to aspirasid as UTF-8.
ucs="LAPOR dalan rusak ing Sooko, nyuwun tulung é 😀 ꦱꦺꦴꦏꦺꦴ"
sms "$C" "$ucs"
re_jv='^Matur nuwun\. Aduan panjenengan kacathet kanthi no tiket ([0-9]{7})\. Cek: ketik STATUS ([0-9]{7})$'
like "$mt" "$re_jv" "a UCS-2 complaint in Javanese gets a ticket, answered in Javanese"
code3=${BASH_REMATCH[1]:-}
is "$(asp_psql "SELECT body FROM messages WHERE msisdn = '$C'")" "$ucs" \
    "the UCS-2 MO is stored as the same UTF-8 text"
like "$(asp_psql "SELECT body FROM tickets WHERE code = '$code3'")" "nyuwun tulung é 😀 ꦱꦺꦴꦏꦺꦴ$" \
    "... and so is its ticket"

# ---- every reply fits one SMS ----------------------------------------------
long="" n=0
for m in "${mts[@]}"; do
    [ -n "$m" ] && n=$((n + 1))
    [ "${#m}" -le 160 ] || long+="${#m}: $m"$'\n'
done
is "$n:$long" "${#mts[@]}:" "all ${#mts[@]} replies came back, each at most 160 characters"

asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on SIGTERM"

asp_check_logs

tap_done
