#!/bin/bash
#
# ussd_smpp.sh: USSD through real Kannel over SMPP.  bearerbox binds as a
# transceiver to tests/tools/smppsim.js, an SMSC built on the npm package
# "smpp", which sends deliver_sm with the TLVs ussd_service_op and
# its_session_info; aspirasid answers each step through Kannel, and the
# submit_sm that comes back must carry the screen, op 2 (continue) or 17
# (end) and the same session info.  A whole session files a complaint; a
# second one checks its status.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

asp_need_smppsim
tap_plan 18

A=+6281234567890
CONF="$ASP_TMP/aspirasi.conf"
n=0

# step OP SESSION TEXT: one MO from A; sets op, session and screen from
# the MT that comes back (a newline in the screen as \n).
step()
{
    local from to
    n=$((n + 1))
    asp_ussd_mo "$A" '*123#' "$1" "$2" "$3" || asp_bail "smppsim is not running"
    read -r _ from to op session screen <<<"$(asp_ussd_wait_mt "$n" 20)"
    mt_to=$to
}

asp_createdb aspirasi_ussd_smpp
asp_write_config "$CONF" 'quiet_hours = "";'
asp_migrate "$CONF" || asp_bail "aspirasictl migrate failed"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"
asp_start_kannel_smpp || asp_bail "Kannel with the SMPP simulator did not start"

# ---- a complaint ------------------------------------------------------------
step 1 0a01 '*123#'
like "$screen" '^DPRD Kab. Mojokerto\\n1 Agenda sidang\\n2 Sampaikan aduan' \
    "dialling shows the home menu through Kannel"
is "$op $session" "2 0a01" "the screen continues the menu (op 2) on the same session"
like "$mt_to" "6281234567890" "the screen goes back to the phone that dialled"
step 18 0a01 2
like "$screen" '^Aduan tentang apa\?' "2 asks what the complaint is about"
is "$op $session" "2 0a01" "op 2 again, same session"
step 18 0a01 1
like "$screen" '^Tulis aduan Anda' "a category leads to the text"
step 18 0a01 'jembatan Desa Jabon retak'
like "$screen" '^Kirim aduan: jembatan Desa Jabon retak' "the text is shown back"
step 18 0a01 1
like "$screen" '^Terima kasih\. Aduan Anda tercatat dgn no tiket [0-9]{7}' \
    "confirming files it: the ticket number on the last screen"
is "$op $session" "17 0a01" "the last screen ends the session (op 17)"
ticket=$(printf '%s' "$screen" | grep -o '[0-9]\{7\}' | head -1)
is "$(asp_psql "SELECT t.category, t.body, m.channel FROM tickets t
                JOIN messages m ON m.id = t.message_id WHERE t.code = '$ticket'")" \
    "jalan|jembatan Desa Jabon retak|ussd" "the ticket is stored with its category"
is "$(asp_psql "SELECT count(*) FROM ussd_sessions WHERE id LIKE 'smpp:%' AND ended")" 1 \
    "the session is stored as ended"

# ---- its status, in a second session ---------------------------------------
step 1 0b02 '*123#'
is "$op $session" "2 0b02" "a second session gets its own session info"
step 18 0b02 3
like "$screen" '^Ketik no tiket aduan' "3 asks for the ticket number"
step 18 0b02 "$ticket"
like "$screen" "^Tiket $ticket: Diterima, menunggu ditelaah" "the status comes back on the screen"
is "$op" 2 "and the menu stays open"
is "$(asp_psql "SELECT count(*) FROM messages WHERE channel = 'ussd'")" "$n" \
    "every step is stored once"

# ---- a session idle beyond ussd.timeout is over -----------------------------
asp_psql "UPDATE ussd_sessions SET updated_at = now() - interval '190 seconds'
          WHERE id LIKE 'smpp:%:0b02'" >/dev/null
step 18 0b02 1
like "$screen" '^DPRD Kab. Mojokerto\\n1 Agenda' \
    "an input after the session timed out starts again at home"

asp_stop_daemon >/dev/null
asp_check_logs
tap_done
