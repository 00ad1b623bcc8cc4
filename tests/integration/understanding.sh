#!/usr/bin/env bash
#
# What aspirasid does with what the classifier reads, over real HTTP and a
# throwaway PostgreSQL: replies in the citizen's language (chosen with
# BAHASA ..., or the language of the message), the question asked about an
# unsure message and the "1" that answers it (within confirm_window only),
# and "did you mean" for a mistyped ticket number of the same phone, never
# of another.
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/understanding.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

tap_plan 28

A=+6281234567890
B=+6285712345678
N=0

# say FROM TEXT: one MO with a fresh Kannel id; sets BODY and ID.
say()
{
    N=$((N + 1))
    ID=understanding-$N
    BODY=$(curl -sS -m 30 "$(asp_mo_url id="$ID" from="$1" to=1234 text="$2")")
}

# again FROM TEXT: the last MO once more, with the same Kannel id.
again()
{
    BODY=$(curl -sS -m 30 "$(asp_mo_url id="$ID" from="$1" to=1234 text="$2")")
}

ticket_of()
{
    grep -oE '[0-9]{7}' <<<"$1" | head -n 1
}

asp_createdb understanding
asp_write_config "$ASP_TMP/aspirasi.conf"
asp_migrate "$ASP_TMP/aspirasi.conf"
asp_start_daemon "$ASP_TMP/aspirasi.conf"

# ---- languages ----------------------------------------------------------
say "$A" "ADUAN jalan rusak di Desa Sooko RT 3"
like "$BODY" '^Terima kasih\. Aduan Anda tercatat dgn no tiket [0-9]{7}\.' "Indonesian by default"
T1=$(ticket_of "$BODY")

say "$A" "BAHASA JAWA"
like "$BODY" '^Inggih, wangsulan ngangge Basa Jawa\.' "BAHASA JAWA answers in Javanese"
is "$(asp_psql "SELECT language FROM citizens WHERE msisdn = '$A'")" jv "the choice is stored"

say "$A" "STATUS $T1"
like "$BODY" "^Tiket $T1: .*Diowahi pungkasan" "a chosen language holds for later replies"

say "$A" "LANGUAGE ENGLISH"
like "$BODY" '^OK, replies will be in English\.' "LANGUAGE ENGLISH answers in English"
say "$A" "halo"
like "$BODY" '^DPRD Kab\. Mojokerto\. Send:' "help in English after the choice"

say "$A" "bahasa indonesia"
like "$BODY" '^Baik, balasan memakai Bahasa Indonesia\.' "back to Indonesian"
is "$(asp_psql "SELECT language FROM citizens WHERE msisdn = '$A'")" id "Indonesian stored"

say "$B" "kulo nyuwun tulung, dalan ing Desa Kutorejo rusak parah sampun kalih wulan"
like "$BODY" '^Matur nuwun\. Aduan panjenengan kacathet' \
    "a Javanese complaint is answered in Javanese without any choice"
is "$(asp_psql "SELECT count(*) FROM citizens WHERE msisdn = '$B' AND language IS NOT NULL")" 0 \
    "an inferred language is not stored as a choice"

say "$B" "please fix the broken road in front of the school in Trowulan, it is dangerous"
like "$BODY" '^Thank you\. Your complaint is recorded as ticket [0-9]{7}\.' \
    "an English complaint is answered in English"

# ---- "did you mean" --------------------------------------------------------
# One wrong digit: the corrections include T1, which belongs to A only.
last=${T1:6:1}
wrong=${T1:0:6}$(((last + 1) % 10))
say "$A" "STATUS $wrong"
is "$BODY" "Nomor tiket $wrong salah. Maksud Anda $T1? Ketik STATUS $T1" \
    "a typo of one's own ticket is answered with that ticket"
say "$B" "STATUS $wrong"
is "$BODY" "Nomor tiket $wrong salah, cek lagi. No tiket 7 angka, contoh: STATUS 4821937" \
    "the same typo from another phone never names somebody else's ticket"
swapped=${T1:0:2}${T1:3:1}${T1:2:1}${T1:4:3}
if [ "${T1:2:1}" != "${T1:3:1}" ]; then
    say "$A" "cek tiket no.$swapped"
    like "$BODY" "^Nomor tiket $swapped salah\. Maksud Anda $T1\?" "two swapped digits: did you mean"
else
    ok "two swapped digits: did you mean (the 3rd and 4th digits are equal; nothing to swap)"
fi

# ---- the question about an unsure message, and its answer ------------------
UNSURE="kondisi sekolah anak saya"
say "$A" "$UNSURE"
ASKED_ID=$ID
is "$BODY" "Maksud Anda ADUAN? Balas 1 jika ya." "an unsure complaint is asked about"
is "$(asp_psql "SELECT intent || ' ' || body FROM pending_confirmations WHERE msisdn = '$A'")" \
    "complaint $UNSURE" "the question is remembered with the text"
before=$(asp_psql "SELECT count(*) FROM tickets")
say "$A" "1"
like "$BODY" '^Terima kasih\. Aduan Anda tercatat dgn no tiket [0-9]{7}\.' "a 1 carries it out"
T2=$(ticket_of "$BODY")
is "$(asp_psql "SELECT body FROM tickets WHERE code = '$T2'")" "$UNSURE" \
    "the ticket holds the text that was asked about"
is "$(asp_psql "SELECT m.kannel_id FROM tickets t JOIN messages m ON m.id = t.message_id WHERE t.code = '$T2'")" \
    "$ASKED_ID" "the ticket points at the message that was asked about"
first=$BODY
again "$A" "1"
is "$BODY" "$first" "the same 1 again (a Kannel retry) gets the same reply"
is "$(asp_psql "SELECT count(*) FROM tickets")" $((before + 1)) "and makes no second ticket"
say "$A" "1"
like "$BODY" '^DPRD Kab\. Mojokerto\. Ketik:' "a 1 with no open question gets help"

say "$B" "$UNSURE"
is "$BODY" "Maksud Anda ADUAN? Balas 1 jika ya." "asked again, from another phone"
asp_psql "UPDATE pending_confirmations SET created_at = now() - interval '1 hour' WHERE msisdn = '$B'" >/dev/null
before=$(asp_psql "SELECT count(*) FROM tickets")
say "$B" "ya"
like "$BODY" '^DPRD Kab\. Mojokerto\. Ketik:' "an answer after confirm_window is not taken"
is "$(asp_psql "SELECT count(*) FROM tickets")" "$before" "and makes no ticket"
is "$(asp_psql "SELECT count(*) FROM pending_confirmations WHERE msisdn = '$B'")" 0 \
    "the expired question is gone"

asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on SIGTERM"
asp_check_logs
tap_done
