#!/bin/bash
#
# agenda_sms.sh: what citizens ask of the DPRD by SMS: AGENDA (next sessions,
# a day, a komisi), INFO pages, USUL / TANYA for a session, DAFTAR (with a
# komisi) and BERHENTI.  The MOs go to aspirasid's /kannel/mo over HTTP as
# Kannel sends them; one AGENDA goes through real Kannel.  Sessions and
# pages are written as staff would leave them in the database.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 39

A=+6281234567890
B=+6285712345678
n=0

# mo FROM TEXT [ID]: sends one MO and sets $reply to the answer.
mo()
{
    n=$((n + 1))
    reply=$(curl -s "$(asp_mo_url "id=${3:-sms-$n}" "from=$1" to=1234 "text=$2")")
}

# session TYPE KOMISI TITLE DAYS HH:MM PLACE [cancelled]: adds a session DAYS
# days from today (Jakarta time) and echoes its id.
session()
{
    asp_psql "INSERT INTO agenda_sessions (type, komisi, title, starts_at, place, cancelled_at,
                                           created_by, updated_by)
              VALUES ('$1', nullif($2, 0), '$3',
                      ((now() AT TIME ZONE 'Asia/Jakarta')::date + $4 + time '$5')
                          AT TIME ZONE 'Asia/Jakarta',
                      '$6', CASE WHEN '${7:-}' = 'cancelled' THEN now() END, 'test', 'test')
              RETURNING id"
}

asp_createdb aspirasi_agenda_sms
# One intake worker: what it read of the agenda and the pages stays from
# one batch to the next, so every answer below after a change by hand
# shows that the change was seen at once.
asp_write_config "$ASP_TMP/aspirasi.conf" 'db = { pool = 1; };'
asp_migrate "$ASP_TMP/aspirasi.conf" || asp_bail "aspirasictl migrate failed"
asp_start_daemon "$ASP_TMP/aspirasi.conf" || asp_bail "aspirasid did not start"

# ---- AGENDA -----------------------------------------------------------------
mo "$A" "AGENDA"
like "$reply" "^Belum ada agenda DPRD" "AGENDA with nothing planned says so"

p=$(session paripurna 0 "Paripurna APBD 2027" 1 09:00 "Gd DPRD")
k=$(session komisi 3 "RDP Dinas PUPR" 2 10:00 "R. Komisi III")
c=$(session reses 0 "Reses Dapil 2" 1 13:00 "Balai Desa Sooko" cancelled)
mo "$A" "AGENDA"
like "$reply" "^Agenda DPRD: #$p [A-Z][a-z]{2} [0-9]{1,2}/[0-9]{1,2} 09:00 Paripurna APBD 2027, Gd DPRD" \
    "AGENDA lists the next session: number, day, date, time, title, place"
like "$reply" "\+1 lagi, ketik AGENDA BESOK / AGENDA KOMISI III$" \
    "the session that does not fit is counted, with how to find it"
like "$reply" "#$c .*BATAL" "a cancelled session says so"
[ "${#reply}" -le 160 ] && ok "the answer is one SMS (${#reply} characters)" ||
    not_ok "the answer is one SMS" "${#reply}: $reply"

mo "$A" "agnda besuk"
like "$reply" "#$p " "AGENDA BESOK (misspelt) lists tomorrow's session"
unlike "$reply" "#$k " "and not the day after"

mo "$A" "AGENDA KOMISI III"
like "$reply" "#$k " "AGENDA KOMISI III lists the komisi's session"
unlike "$reply" "#$p " "and no other"

mo "$A" "AGENDA 1/1/2099"
like "$reply" "^Tidak ada agenda DPRD" "a day with nothing planned says so"

for ((i = 0; i < 10; i++)); do
    session rdp 1 "Rapat dengar pendapat warga Desa Sooko nomor $i" 3 "1$i:00" "R. Komisi I" >/dev/null
done
mo "$A" "AGENDA"
like "$reply" "\+[0-9]+ lagi" "more sessions than fit: how many more"
like "$reply" "AGENDA (BESOK|KOMISI)" "and how to narrow"
[ "${#reply}" -le 160 ] && ok "still one SMS" || not_ok "still one SMS" "${#reply}: $reply"

mo "$A" "AGENDA BESOK"
like "$reply" "#$p .*Paripurna APBD 2027" "AGENDA BESOK again: the same session"
asp_psql "UPDATE agenda_sessions SET title = 'Paripurna Perubahan APBD', updated_by = 'test'
          WHERE id = $p" >/dev/null
mo "$A" "AGENDA BESOK"
like "$reply" "#$p .*Paripurna Perubahan APBD," "a session renamed by hand is read again at once"
asp_psql "UPDATE agenda_sessions SET title = 'Paripurna APBD 2027' WHERE id = $p" >/dev/null

mo "$B" "jadwal sidang besok apa ya" agenda-dup
mo "$B" "jadwal sidang besok apa ya" agenda-dup
is "$(asp_psql "SELECT kind, query, message_id IS NOT NULL FROM info_requests
                WHERE msisdn = '$B'")" "agenda|tomorrow|t" \
    "a lookup is logged once (who, what), also when Kannel retries it"

# ---- INFO -------------------------------------------------------------------
mo "$A" "INFO"
like "$reply" "^Belum ada info" "INFO with no pages says so"
mo "$A" "INFO ANGGARAN"
is "$reply" "Info ANGGARAN belum ada. Ketik INFO utk daftar topik." "a topic without a page says so"
asp_psql "INSERT INTO info_pages (topic, body, updated_by) VALUES
          ('anggaran', 'APBD Kab. Mojokerto 2027: Rp 3,2 T. Pendidikan 30%, kesehatan 15%.', 'test'),
          ('pajak', 'PBB dibayar paling lambat 31 Agustus di bank atau kantor desa.', 'test')" >/dev/null
mo "$A" "info apbd"
is "$reply" "APBD Kab. Mojokerto 2027: Rp 3,2 T. Pendidikan 30%, kesehatan 15%." \
    "INFO APBD answers the page of its topic"
mo "$A" "INFO PAJAK"
is "$reply" "PBB dibayar paling lambat 31 Agustus di bank atau kantor desa." \
    "a page staff named themselves is found by its name"
mo "$A" "INFO"
like "$reply" "INFO ANGGARAN" "INFO lists the topics"
like "$reply" "INFO PAJAK" "the list includes every page"
asp_psql "UPDATE info_pages SET body = 'PBB 2027 dibayar paling lambat 30 September.' WHERE topic = 'pajak'" >/dev/null
mo "$B" "INFO PAJAK"
is "$reply" "PBB 2027 dibayar paling lambat 30 September." "a page changed by hand is read again at once"
is "$(asp_psql "SELECT string_agg(query, ',' ORDER BY id) FROM info_requests
                WHERE msisdn = '$A' AND kind = 'info'")" ",anggaran,anggaran,pajak," \
    "each INFO lookup is logged with its topic"
out=$("$ASP_BUILDDIR/aspirasictl" -c "$ASP_TMP/aspirasi.conf" info requests 7)
like "$out" "
 +2 +1 +info +anggaran " "staff see what citizens asked, most asked first, with how many phones"

# ---- one batch --------------------------------------------------------------
# Lookups that several SMS of one batch share are read once for the batch:
# each SMS still gets the answer it gets alone (each from a number of its
# own, as the limits would answer a number that asks the same thrice).
texts=("AGENDA" "agnda besuk" "AGENDA KOMISI III" "INFO" "info apbd" "INFO PAJAK" "INFO KESEHATAN")
alone=()
for i in "${!texts[@]}"; do
    mo "+628130000100$i" "${texts[$i]}"
    alone+=("$reply")
done
s0=$(asp_metric aspirasi_intake_batch_size_sum)
n0=$(asp_metric aspirasi_intake_batch_size_count)
asp_gate_close batch-gate
for round in 1 2; do
    for i in "${!texts[@]}"; do
        asp_gate_queue "b$round-$i" "$(asp_mo_url "id=batch-$round-$i" "from=+62813000010$round$i" to=1234 "text=${texts[$i]}")"
    done
done
asp_gate_open
is "$(asp_batches_since "$s0" "$n0")" "15 2" "one batch: the 14 SMS queued behind the gate are one batch"
got="" want=""
for round in 1 2; do
    for i in "${!texts[@]}"; do
        got+="$(asp_bg_code "b$round-$i") $(asp_bg_body "b$round-$i")|"
        want+="200 ${alone[$i]}|"
    done
done
is "$got" "$want" "one batch: two of each AGENDA and INFO lookup, each answered as when sent alone"

# ---- USUL / TANYA ------------------------------------------------------------
mo "$A" "USUL perbaiki jalan di Desa Sooko"
like "$reply" "^Terima kasih, masukan Anda dicatat dan diteruskan" "USUL is acknowledged"
mo "$A" "tanya $p kapan APBD disahkan?"
is "$reply" "Terima kasih, masukan Anda dicatat utk agenda #$p dan diteruskan ke DPRD." \
    "TANYA naming a session is recorded for it"
mo "$A" "USUL 99999 tambah lampu jalan"
like "$reply" "^Agenda #99999 tdk ada" "a session that does not exist is said so"
mo "$A" "USUL $c batalkan saja"
like "$reply" "^Agenda #$c tdk ada atau sudah lewat" "a cancelled session takes no input"
mo "$A" "USUL"
like "$reply" "^Tulis usul setelah kata USUL" "USUL with no text says how"
is "$(asp_psql "SELECT string_agg(kind || ':' || coalesce(session_id::text, '-') || ':' || body, '|'
                ORDER BY id) FROM session_inputs")" \
    "proposal:-:perbaiki jalan di Desa Sooko|question:$p:kapan APBD disahkan?|proposal:-:tambah lampu jalan|proposal:-:batalkan saja" \
    "every input is stored, with its session when it can take it"

# ---- DAFTAR / BERHENTI --------------------------------------------------------
mo "$B" "DAFTAR KOMISI III"
like "$reply" "Komisi III" "DAFTAR KOMISI III subscribes to that komisi"
mo "$B" "daftar komisi 1"
is "$(asp_psql "SELECT subscribed, komisi FROM citizens WHERE msisdn = '$B'")" "t|{1,3}" \
    "komisi add up"
mo "$B" "BERHENTI"
like "$reply" "tdk akan menerima info lagi" "BERHENTI unsubscribes at once"
is "$(asp_psql "SELECT subscribed, opted_out_at IS NOT NULL FROM citizens WHERE msisdn = '$B'")" \
    "f|t" "the opt-out is stored with its time"

# ---- through Kannel -------------------------------------------------------------
asp_start_kannel || asp_bail "Kannel did not start"
mo "$A" "AGENDA KOMISI III"
want=$reply
got=$(asp_sms "$A" "AGENDA KOMISI III") || got=""
is "$got" "$want" "the agenda answer reaches the phone through Kannel as one SMS"

asp_stop_daemon >/dev/null
asp_check_logs
tap_done
