#!/usr/bin/env bash
#
# The agenda and the information pages as staff keep them with aspirasictl,
# on a throwaway PostgreSQL: every agenda and info command, every check made
# before the database is touched (bad and impossible dates, an end before
# its start, unknown types and komisi, texts too long or not GSM-7, unknown
# session numbers), the rows each command leaves, local times in the
# configured zone (Asia/Jakarta, whatever the TZ of the machine), and the
# masked numbers of the proposals listed.  Then, through aspirasid, what
# citizens do with them: DAFTAR KOMISI (the komisi a subscriber follows),
# INFO and AGENDA lookups (logged as requests), and USUL / TANYA naming a
# session that may or may not take input.
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/agenda.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 242

CTL=$ASP_BUILDDIR/aspirasictl

# run ARGS...: runs aspirasictl with the test's config, setting OUT, ERR, RC.
# Standard input comes from $IN when set, else /dev/null.
run()
{
    "$CTL" -c "$CONF" "$@" >"$ASP_TMP/run.out" 2>"$ASP_TMP/run.err" <"${IN:-/dev/null}"
    RC=$?
    OUT=$(cat "$ASP_TMP/run.out")
    ERR=$(cat "$ASP_TMP/run.err")
}

# refused NAME STATUS ERE: the last run exited STATUS with stderr matching ERE.
refused()
{
    is "$RC" "$2" "$1: exit $2"
    like "$ERR" "$3" "$1: says why"
}

# add NAME ARGS...: "agenda add ARGS", which must succeed; sets NEWID.
add()
{
    local name=$1
    shift
    run agenda add "$@"
    NEWID=""
    [[ $OUT =~ ^added\ session\ ([0-9]+)$ ]] && NEWID=${BASH_REMATCH[1]}
    if [ "$RC" -eq 0 ] && [ -n "$NEWID" ]; then
        ok "agenda add $name: added session $NEWID"
    else
        not_ok "agenda add $name: added session N" "exit $RC; stdout: $OUT; stderr: $ERR"
    fi
}

# ids: the first column of OUT (the session numbers of a listing), on one line.
ids()
{
    printf '%s\n' "$OUT" | awk 'NF { printf "%s%s", sep, $1; sep = " " }'
}

sessions()
{
    asp_psql "SELECT count(*) FROM agenda_sessions"
}

# local TIME-SPEC: a local time in Asia/Jakarta, "YYYY-MM-DD HH:MM".
local_time()
{
    TZ=Asia/Jakarta date -d "$1" '+%Y-%m-%d %H:%M'
}

CONF=$ASP_TMP/aspirasi.conf
asp_createdb aspirasi_agenda
asp_write_config "$CONF" 'timezone = "Asia/Jakarta";'
asp_migrate "$CONF" || asp_bail "migrate failed"

# ---- usage -----------------------------------------------------------------------

run agenda help
is "$RC" 0 "agenda help: exit 0"
like "$OUT" 'agenda add --type TYPE --title TEXT --start' "agenda help: the usage on stdout"
like "$OUT" 'paripurna komisi rdp reses banmus banggar lain' "agenda help: the types"
run agenda
refused "agenda without a command" 2 'usage: aspirasictl'
run agenda plan
refused "agenda plan (unknown command)" 2 'unknown agenda command "plan"'
run agenda list --title x
refused "agenda list --title" 2 'agenda list does not take --title'
run agenda add --type paripurna --title "x" --start "2099-12-02 09:00" --colour red
refused "agenda add with an unknown option" 2 'unknown option --colour'
run agenda add --type paripurna --start "2099-12-02 09:00"
refused "agenda add without --title" 2 'needs --type, --title and --start'
run agenda add --type paripurna --title
refused "agenda add --title without a value" 2 '--title needs a value'
run agenda show
refused "agenda show without a number" 2 'takes a session number'

# ---- agenda add ------------------------------------------------------------------

add "paripurna" --type paripurna --title "Rapat Paripurna APBD 2027" \
    --start "2099-12-02 09:00" --end "2099-12-02 12:00" --place "Gedung DPRD"
S1=$NEWID
is "$(asp_psql "SELECT type, komisi IS NULL, title, starts_at AT TIME ZONE 'UTC',
    ends_at AT TIME ZONE 'UTC', place, public, summary, cancelled_at IS NULL, created_by ~ '^cli:',
    updated_by = created_by FROM agenda_sessions WHERE id = $S1")" \
    "paripurna|t|Rapat Paripurna APBD 2027|2099-12-02 02:00:00|2099-12-02 05:00:00|Gedung DPRD|t||t|t|t" \
    "agenda add: the row, times converted from Asia/Jakarta (UTC+7)"

add "komisi III, closed, end as HH:MM" --type komisi --komisi III --title "RDP Komisi III: jalan desa" \
    --start "2099-12-03 13:00" --end 15:00 --closed --summary "Pembahasan jalan rusak di Sooko"
S2=$NEWID
is "$(asp_psql "SELECT type, komisi, starts_at AT TIME ZONE 'UTC', ends_at AT TIME ZONE 'UTC',
    public, summary FROM agenda_sessions WHERE id = $S2")" \
    "komisi|3|2099-12-03 06:00:00|2099-12-03 08:00:00|f|Pembahasan jalan rusak di Sooko" \
    "agenda add --komisi III --end 15:00 --closed: komisi 3, the end on the start's day, not public"

add "type and komisi in other spellings" --type RDP --komisi 2 --title "RDP Komisi II" \
    --start "2099-12-04T09:00"
S3=$NEWID
is "$(asp_psql "SELECT type, komisi, ends_at IS NULL FROM agenda_sessions WHERE id = $S3")" \
    "rdp|2|t" "agenda add --type RDP --komisi 2: rdp, komisi 2, no end"

add "in the past" --type lain --title "Reses lama" --start "2020-01-15 09:00"
S4=$NEWID
add "started 2 hours ago, no end" --type reses --title "Reses berjalan" \
    --start "$(local_time '-2 hours')"
S5=$NEWID
add "started 4 hours ago, no end" --type reses --title "Reses usai" \
    --start "$(local_time '-4 hours')"
S6=$NEWID
add "started 5 hours ago, ends in an hour" --type banggar --title "Banggar panjang" \
    --start "$(local_time '-5 hours')" --end "$(local_time '+1 hour')"
S7=$NEWID
add "at 00:30 local (the day before in UTC)" --type banmus --title "Banmus pagi" \
    --start "2099-12-03 00:30"
S8=$NEWID
is "$(asp_psql "SELECT starts_at AT TIME ZONE 'UTC' FROM agenda_sessions WHERE id = $S8")" \
    "2099-12-02 17:30:00" "agenda add at 00:30 WIB: stored as 17:30 UTC the day before"
add "on 29 February of a leap year" --type reses --title "Reses kabisat" \
    --start "2096-02-29 23:59"
SLEAP=$NEWID
add "ending when it starts" --type banggar --title "Banggar singkat" \
    --start "2099-12-05 10:00" --end "2099-12-05 10:00"
SEQ=$NEWID
T200=$(printf 'a%.0s' $(seq 200))
add "with a title of 200 bytes" --type lain --title "$T200" --start "2099-12-06 00:00"
S200=$NEWID
is "$(asp_psql "SELECT length(title) FROM agenda_sessions WHERE id = $S200")" 200 \
    "agenda add: a title of 200 bytes is stored whole"

# ---- what agenda add refuses -------------------------------------------------------

N=$(sessions)
run agenda add --type paripurna --title "x" --start "02/12/2099 09:00"
refused "agenda add --start 02/12/2099" 1 '--start "02/12/2099 09:00" is not a date and time'
run agenda add --type paripurna --title "x" --start "2099-02-31 09:00"
refused "agenda add --start 2099-02-31" 1 '--start "2099-02-31 09:00" is not a real date: February 2099 has 28 days'
run agenda add --type paripurna --title "x" --start "2099-02-29 09:00"
refused "agenda add --start 2099-02-29 (not a leap year)" 1 'February 2099 has 28 days'
run agenda add --type paripurna --title "x" --start "2100-02-29 09:00"
refused "agenda add --start 2100-02-29 (a century, not a leap year)" 1 'February 2100 has 28 days'
run agenda add --type paripurna --title "x" --start "2099-04-31 09:00"
refused "agenda add --start 2099-04-31" 1 'April 2099 has 30 days'
run agenda add --type paripurna --title "x" --start "2099-13-01 09:00"
refused "agenda add --start 2099-13-01" 1 'no month 13'
run agenda add --type paripurna --title "x" --start "2099-12-00 09:00"
refused "agenda add --start 2099-12-00" 1 '--start "2099-12-00 09:00" is not a real date'
run agenda add --type paripurna --title "x" --start "2099-12-02 24:00"
refused "agenda add --start at 24:00" 1 '--start "2099-12-02 24:00" is not a real time'
run agenda add --type paripurna --title "x" --start "2099-12-02 09:60"
refused "agenda add --start at 09:60" 1 'is not a real time'
run agenda add --type paripurna --title "x" --start "2099-12-02"
refused "agenda add --start without a time" 1 '--start "2099-12-02" needs a time'
run agenda add --type paripurna --title "x" --start "2099-12-02 09:00" --end "2099-12-02 08:59"
refused "agenda add with the end a minute before the start" 1 '--end 2099-12-02 08:59 is before the start 2099-12-02 09:00'
run agenda add --type paripurna --title "x" --start "2099-12-02 09:00" --end "08:00"
refused "agenda add --end HH:MM before the start" 1 '--end 2099-12-02 08:00 is before the start'
run agenda add --type paripurna --title "x" --start "2099-12-02 09:00" --end "2099-11-31 10:00"
refused "agenda add --end 2099-11-31" 1 '--end "2099-11-31 10:00" is not a real date: November 2099 has 30 days'
run agenda add --type sidang --title "x" --start "2099-12-02 09:00"
refused "agenda add --type sidang" 1 '--type "sidang" is not a session type; the types are: paripurna komisi rdp reses banmus banggar lain'
run agenda add --type komisi --komisi V --title "x" --start "2099-12-02 09:00"
refused "agenda add --komisi V" 1 '--komisi "V" is not a komisi: use I, II, III or IV'
run agenda add --type komisi --komisi 5 --title "x" --start "2099-12-02 09:00"
refused "agenda add --komisi 5" 1 '--komisi "5" is not a komisi'
run agenda add --type komisi --komisi 0 --title "x" --start "2099-12-02 09:00"
refused "agenda add --komisi 0" 1 '--komisi "0" is not a komisi'
run agenda add --type komisi --title "x" --start "2099-12-02 09:00"
refused "agenda add --type komisi without --komisi" 1 'type komisi needs --komisi'
run agenda add --type lain --title "a${T200}" --start "2099-12-02 09:00"
refused "agenda add with a title of 201 bytes" 1 '--title is too long: 201 bytes, at most 200'
run agenda add --type lain --title "   " --start "2099-12-02 09:00"
refused "agenda add with a blank title" 1 '--title is empty'
run agenda add --type lain --title "$(printf 'two\nlines')" --start "2099-12-02 09:00"
refused "agenda add with a title of two lines" 1 '--title must be one line'
run agenda add --type lain --title "x" --start "2099-12-02 09:00" --closed --public
refused "agenda add --closed --public" 1 'contradict'
is "$(sessions)" "$N" "nothing refused reached the database"

# ---- agenda list -------------------------------------------------------------------

run agenda list
is "$RC" 0 "agenda list: exit 0"
is "$(ids)" "$S7 $S5 $SLEAP $S1 $S8 $S2 $S3 $SEQ $S200" \
    "agenda list: sessions not ended (no end: 3 hours), in order of start"
like "$OUT" "(^|
) *$S1  2099-12-02 09:00  2099-12-02 12:00  paripurna  -    Rapat Paripurna APBD 2027  @ Gedung DPRD(
|$)" "agenda list: id, start, end, type, komisi, title, place"
like "$OUT" "(^|
) *$S2  2099-12-03 13:00  2099-12-03 15:00  komisi     III  RDP Komisi III: jalan desa  \\[closed\\](
|$)" "agenda list: komisi III and the closed flag"
like "$OUT" "(^|
) *$S3  2099-12-04 09:00  -                 rdp        II   RDP Komisi II(
|$)" "agenda list: no end shown as -"

run agenda list --all
is "$(ids)" "$S4 $S7 $S6 $S5 $SLEAP $S1 $S8 $S2 $S3 $SEQ $S200" "agenda list --all: past sessions too"
run agenda list --from 2099-12-02 --to 2099-12-02
is "$(ids)" "$S1" "agenda list --from --to the same day: that local day only (not 00:30 the next)"
run agenda list --from 2099-12-03 --to 2099-12-03
is "$(ids)" "$S8 $S2" "agenda list --from 2099-12-03 --to 2099-12-03: from local midnight"
run agenda list --from 2099-12-03
is "$(ids)" "$S8 $S2 $S3 $SEQ $S200" "agenda list --from: no end"
run agenda list --to 2099-12-02
is "$(ids)" "$S7 $S5 $SLEAP $S1" "agenda list --to: not ended, up to that day"
run agenda list --komisi III
is "$(ids)" "$S2" "agenda list --komisi III"
run agenda list --komisi 2
is "$(ids)" "$S3" "agenda list --komisi 2"
run agenda list --from 2098-01-01 --to 2098-12-31
is "$RC:$OUT" "0:" "agenda list of an empty range: exit 0, nothing listed"
like "$ERR" 'no sessions' "agenda list of an empty range: says so"
run agenda list --from 2099-02-29
refused "agenda list --from 2099-02-29" 1 '--from "2099-02-29" is not a real date'
run agenda list --to 2099-12
refused "agenda list --to 2099-12" 1 '--to "2099-12" is not a date: write YYYY-MM-DD'
run agenda list --from 2099-12-03 --to 2099-12-02
refused "agenda list --to before --from" 1 '--to 2099-12-02 is before --from 2099-12-03'
run agenda list --komisi V
refused "agenda list --komisi V" 1 'is not a komisi'

# ---- agenda change -------------------------------------------------------------------

BEFORE=$(asp_psql "SELECT type, komisi, starts_at, ends_at, place, public, summary
    FROM agenda_sessions WHERE id = $S1")
run agenda change "$S1" --title "Paripurna Pengesahan APBD 2027"
is "$RC:$OUT" "0:changed session $S1" "agenda change --title: exit 0, says so"
is "$(asp_psql "SELECT title FROM agenda_sessions WHERE id = $S1")" \
    "Paripurna Pengesahan APBD 2027" "agenda change --title: the title changed"
is "$(asp_psql "SELECT type, komisi, starts_at, ends_at, place, public, summary
    FROM agenda_sessions WHERE id = $S1")" "$BEFORE" "agenda change --title: nothing else changed"
is "$(asp_psql "SELECT updated_at >= created_at AND updated_by ~ '^cli:' FROM agenda_sessions
    WHERE id = $S1")" t "agenda change: updated_by and updated_at"

run agenda change "$S1" --start "2099-12-02 10:00"
is "$RC" 0 "agenda change --start: exit 0"
is "$(asp_psql "SELECT starts_at AT TIME ZONE 'UTC', ends_at AT TIME ZONE 'UTC'
    FROM agenda_sessions WHERE id = $S1")" "2099-12-02 03:00:00|2099-12-02 05:00:00" \
    "agenda change --start: the new start, the end kept"
run agenda change "$S1" --end 09:59
refused "agenda change --end before the kept start" 1 '--end 2099-12-02 09:59 is before the start 2099-12-02 10:00'
run agenda change "$S1" --start "2099-12-02 12:01"
refused "agenda change --start after the kept end" 1 '--start 2099-12-02 12:01 is after the end 2099-12-02 12:00'
run agenda change "$S1" --start "2099-02-30 10:00"
refused "agenda change --start 2099-02-30" 1 'February 2099 has 28 days'
run agenda change "$S1" --type komisi
refused "agenda change --type komisi of a session with no komisi" 1 'type komisi needs --komisi'
is "$(asp_psql "SELECT type, starts_at AT TIME ZONE 'UTC', ends_at AT TIME ZONE 'UTC'
    FROM agenda_sessions WHERE id = $S1")" "paripurna|2099-12-02 03:00:00|2099-12-02 05:00:00" \
    "agenda change refused: the row is unchanged"

run agenda change "$S1" --end none --komisi IV --closed --place "Ruang Banggar" --summary "Ringkas"
is "$RC" 0 "agenda change of several fields: exit 0"
is "$(asp_psql "SELECT ends_at IS NULL, komisi, public, place, summary FROM agenda_sessions
    WHERE id = $S1")" "t|4|f|Ruang Banggar|Ringkas" \
    "agenda change --end none --komisi IV --closed --place --summary"
run agenda change "$S1" --komisi none --public --end "2099-12-02 12:00" --type PARIPURNA
is "$(asp_psql "SELECT komisi IS NULL, public, ends_at AT TIME ZONE 'UTC', type
    FROM agenda_sessions WHERE id = $S1")" "t|t|2099-12-02 05:00:00|paripurna" \
    "agenda change --komisi none --public --end"

run agenda change "$S1"
refused "agenda change without options" 2 'nothing to change'
run agenda change 999999 --title "x"
refused "agenda change of an unknown session" 1 'no session 999999'
run agenda change abc --title "x"
refused "agenda change abc" 1 '"abc" is not a session number'
run agenda change 0 --title "x"
refused "agenda change 0" 1 '"0" is not a session number'
run agenda change "$S1" --reason x
refused "agenda change --reason" 2 'does not take --reason'

# ---- cancel and restore ----------------------------------------------------------------

run agenda cancel "$S3" --reason "Ditunda ke Januari"
is "$RC:$OUT" "0:cancelled session $S3" "agenda cancel: exit 0, says so"
is "$(asp_psql "SELECT cancelled_at IS NOT NULL, cancel_reason FROM agenda_sessions
    WHERE id = $S3")" "t|Ditunda ke Januari" "agenda cancel: the time and the reason"
run agenda list
is "$(ids)" "$S7 $S5 $SLEAP $S1 $S8 $S2 $SEQ $S200" "agenda list: a cancelled session is left out"
run agenda list --from 2099-12-04 --to 2099-12-04
is "$OUT" "" "agenda list --from --to: a cancelled session is left out"
run agenda list --all --from 2099-12-04 --to 2099-12-04
like "$OUT" "^ *$S3  .*RDP Komisi II  \\[CANCELLED\\]$" "agenda list --all: the cancelled session, flagged"
run agenda list --all --komisi III
like "$OUT" "^ *$S2  .*\\[closed\\]$" "agenda list --all: closed flag alone"
run agenda cancel "$S2"
run agenda list --all --komisi III
like "$OUT" "^ *$S2  .*\\[CANCELLED, closed\\]$" "agenda list --all: both flags"
is "$(asp_psql "SELECT cancel_reason FROM agenda_sessions WHERE id = $S2")" "" \
    "agenda cancel without --reason: an empty reason"
run agenda restore "$S2"
is "$RC:$OUT" "0:restored session $S2" "agenda restore: exit 0, says so"
run agenda show "$S3"
like "$OUT" "status:   CANCELLED: Ditunda ke Januari" "agenda show: cancelled, with the reason"
run agenda restore "$S3"
is "$(asp_psql "SELECT cancelled_at IS NULL, cancel_reason FROM agenda_sessions
    WHERE id = $S3")" "t|" "agenda restore: not cancelled, no reason"
run agenda cancel 999999
refused "agenda cancel of an unknown session" 1 'no session 999999'
run agenda restore 999999
refused "agenda restore of an unknown session" 1 'no session 999999'
run agenda cancel "$S3" --reason "$(printf 'r%.0s' $(seq 121))"
refused "agenda cancel with a reason of 121 bytes" 1 '--reason is too long: 121 bytes, at most 120'
run agenda restore "$S3" --reason x
refused "agenda restore --reason" 2 'does not take --reason'
run agenda cancel
refused "agenda cancel without a number" 2 'takes a session number'

# ---- agenda show and inputs ---------------------------------------------------------------

A=+6281234567890
B=+6285712345678
asp_psql "INSERT INTO session_inputs (session_id, msisdn, kind, body, created_at) VALUES
    ($S2, '$B', 'question', 'Kapan jalan Sooko diperbaiki?', '2024-11-01 04:30+00'),
    ($S2, '$A', 'proposal', 'Tolong anggarkan lampu jalan	Desa Puri', '2024-11-01 03:00+00'),
    (NULL, '$A', 'proposal', 'Usul umum: perpustakaan desa', '2024-11-02 01:00+00')"

WDAY=$(LC_ALL=C date -d 2099-12-03 +%a)
run agenda show "$S2"
is "$RC" 0 "agenda show: exit 0"
like "$OUT" "^session:  $S2
type:     komisi
komisi:   III
title:    RDP Komisi III: jalan desa
start:    2099-12-03 13:00 $WDAY \\(Asia/Jakarta\\)
end:      2099-12-03 15:00
place:    -
public:   no \\(closed\\)
summary:  Pembahasan jalan rusak di Sooko
status:   scheduled
inputs:   2$" "agenda show: every field, the weekday and the number of inputs"
run agenda show 999999
refused "agenda show of an unknown session" 1 'no session 999999'
run agenda show x12
refused "agenda show x12" 1 '"x12" is not a session number'

run agenda inputs "$S2"
is "$RC" 0 "agenda inputs: exit 0"
is "$OUT" "2024-11-01 10:00  proposal  +62812****7890   Tolong anggarkan lampu jalan Desa Puri
2024-11-01 11:30  question  +62857****5678   Kapan jalan Sooko diperbaiki?" \
    "agenda inputs: oldest first, local time, kind, masked number, text on one line"
unlike "$OUT" '6281234567890|6285712345678' "agenda inputs: never a whole number"
run agenda inputs "$S2" --full-number
like "$OUT" '^2024-11-01 10:00  proposal  \+6281234567890   Tolong' "agenda inputs --full-number: the whole number"
run agenda inputs general
is "$OUT" "2024-11-02 08:00  proposal  +62812****7890   Usul umum: perpustakaan desa" \
    "agenda inputs general: the inputs naming no session"
run agenda inputs "$S1"
is "$RC:$OUT" "0:" "agenda inputs of a session without any: exit 0, nothing listed"
like "$ERR" "no inputs for session $S1" "agenda inputs of a session without any: says so"
run agenda inputs 999999
refused "agenda inputs of an unknown session" 1 'no session 999999'
run agenda inputs
refused "agenda inputs without an argument" 2 'a session number or "general"'

# ---- info ---------------------------------------------------------------------------------

run info help
is "$RC" 0 "info help: exit 0"
like "$OUT" 'info set TOPIC TEXT' "info help: the usage on stdout"
run info
refused "info without a command" 2 'usage: aspirasictl \[-c FILE\] info'
run info set anggaran
refused "info set without a text" 2 'usage:'

PAGE="APBD Mojokerto 2027: Rp 2,9 T. Pendidikan 20%, kesehatan 12%. Rincian: dprd.mojokertokab.go.id"
run info set anggaran "$PAGE"
is "$RC:$OUT" "0:saved info page anggaran (${#PAGE}/160 characters)" "info set: exit 0, says so"
is "$(asp_psql "SELECT body, updated_by ~ '^cli:' FROM info_pages WHERE topic = 'anggaran'")" \
    "$PAGE|t" "info set: the row"
run info set ANGGARAN "Versi baru"
is "$(asp_psql "SELECT string_agg(topic || '=' || body, ',') FROM info_pages")" "anggaran=Versi baru" \
    "info set ANGGARAN: the topic lower-cased, the page replaced"
run info show Anggaran
is "$RC:$OUT" "0:Versi baru" "info show: the text"

T160=$(printf 'x%.0s' $(seq 160))
run info set panjang "$T160"
is "$RC" 0 "info set of 160 characters: exit 0"
is "$(asp_psql "SELECT length(body) FROM info_pages WHERE topic = 'panjang'")" 160 \
    "info set of 160 characters: stored"
run info set panjang "${T160}y"
refused "info set of 161 characters" 1 'the text is 161 characters, 1 over the 160 of one SMS'
run info set panjang "${T160:0:158}{"
is "$RC" 0 "info set of 158 characters and a brace (160 septets): exit 0"
run info set panjang "${T160:0:159}{"
refused "info set of 159 characters and a brace (161 septets)" 1 'the text is 161 characters, 1 over'
run info set panjang "${T160}${T160:0:5}"
refused "info set of 165 characters" 1 '165 characters, 5 over the 160'
is "$(asp_psql "SELECT length(body) FROM info_pages WHERE topic = 'panjang'")" 159 \
    "info set refused: the page kept its last saved text"
# The typographic quotes are the point of this case.
# shellcheck disable=SC1111
run info set kutip "Rapat di gedung “DPRD” besok"
refused "info set with typographic quotes" 1 'character 17, "“" \(U\+201C\), is not in the GSM-7 alphabet, and 1 more character is; replace them'
run info set emoji "Salam 🙂"
refused "info set with an emoji" 1 'character 7, "🙂" \(U\+1F642\), is not in the GSM-7 alphabet; replace it'
run info set kosong ""
refused "info set of an empty text" 1 'the text is empty'
is "$(asp_psql "SELECT count(*) FROM info_pages WHERE topic IN ('kutip', 'emoji', 'kosong')")" 0 \
    "info set refused: no page written"

run info set "apa kabar" "teks"
refused "info set of a topic with a space" 1 'topic "apa kabar" must be 1 to 20 letters or digits'
run info set "pajak-daerah" "teks"
refused "info set of a topic with a dash" 1 'must be 1 to 20 letters or digits'
run info set "abcdefghijklmnopqrstu" "teks"
refused "info set of a topic of 21 letters" 1 'must be 1 to 20 letters or digits'
run info set "abcdefghijklmnopqrst" "teks 20"
is "$RC" 0 "info set of a topic of 20 letters: exit 0"

printf 'Jadwal reses: 10-20 Januari.\n\n' >"$ASP_TMP/page.txt"
IN=$ASP_TMP/page.txt run info set jadwal -
is "$RC" 0 "info set TOPIC - (stdin): exit 0"
is "$(asp_psql "SELECT body FROM info_pages WHERE topic = 'jadwal'")" "Jadwal reses: 10-20 Januari." \
    "info set TOPIC -: the text of stdin without its final line breaks"

run info list
is "$RC" 0 "info list: exit 0"
is "$(printf '%s\n' "$OUT" | awk '{ print $1 }' | tr '\n' ' ')" \
    "abcdefghijklmnopqrst anggaran jadwal panjang " "info list: every topic, in order"
like "$OUT" '(^|
)anggaran               10/160  Versi baru(
|$)' "info list: topic, length and text"

run info remove anggaran
is "$RC:$OUT" "0:removed info page anggaran" "info remove: exit 0, says so"
is "$(asp_psql "SELECT count(*) FROM info_pages WHERE topic = 'anggaran'")" 0 "info remove: the row is gone"
run info remove anggaran
refused "info remove of a page that is not there" 1 'no info page anggaran'
run info show anggaran
refused "info show of a page that is not there" 1 'no info page anggaran'
run info show "a b"
refused "info show of a bad topic" 1 'must be 1 to 20 letters or digits'

# ---- through aspirasid: subscriptions, lookups, proposals ---------------------------------------

# mo ID FROM TEXT: posts one MO as smsbox would; sets REPLY and CODE.
mo()
{
    CODE=$(curl -sS -m 30 -o "$ASP_TMP/mo.body" -w '%{http_code}' \
        "$(asp_mo_url id="$1" from="$2" text="$3")")
    REPLY=$(cat "$ASP_TMP/mo.body")
}

# komisi_of FROM: the citizens row of FROM: subscribed, komisi list.
komisi_of()
{
    asp_psql "SELECT subscribed, komisi FROM citizens WHERE msisdn = '$1'"
}

asp_start_daemon "$CONF"
C=+6281200000001

mo sub-1 "$C" "DAFTAR KOMISI III"
is "$CODE:$(komisi_of "$C")" "200:t|{3}" "DAFTAR KOMISI III: subscribed to komisi 3"
mo sub-2 "$C" "DAFTAR KOMISI I"
is "$(komisi_of "$C")" "t|{1,3}" "DAFTAR KOMISI I: komisi 1 added, in order"
mo sub-3 "$C" "DAFTAR KOMISI III"
is "$(komisi_of "$C")" "t|{1,3}" "DAFTAR KOMISI III again: no komisi twice"
mo sub-4 "$C" "DAFTAR"
is "$(komisi_of "$C")" "t|{}" "DAFTAR: everything"
mo sub-5 "$C" "DAFTAR KOMISI II"
is "$(komisi_of "$C")" "t|{}" "DAFTAR KOMISI II of a subscriber of everything: still everything"
mo sub-6 "$C" "BERHENTI"
is "$(asp_psql "SELECT subscribed, opted_out_at IS NOT NULL FROM citizens WHERE msisdn = '$C'")" \
    "f|t" "BERHENTI: opted out, with its time"
mo sub-7 "$C" "DAFTAR KOMISI IV"
is "$(komisi_of "$C")" "t|{4}" "DAFTAR KOMISI IV after an opt-out: that komisi alone"
is "$(asp_psql "SELECT opted_out_at IS NOT NULL AND subscribed_at > opted_out_at FROM citizens
    WHERE msisdn = '$C'")" t "DAFTAR after an opt-out: subscribed again, the opt-out kept as history"
D=+6281200000002
mo sub-8 "$D" "DAFTAR KOMISI 2"
is "$(komisi_of "$D")" "t|{2}" "DAFTAR KOMISI 2 of a new number: komisi 2"

run info set pajak "PBB jatuh tempo 31 Agustus. Bayar di bank atau kantor pos."
mo info-1 "$C" "INFO PAJAK"
is "$CODE:$REPLY" "200:PBB jatuh tempo 31 Agustus. Bayar di bank atau kantor pos." \
    "INFO PAJAK: the page"
is "$(asp_psql "SELECT r.kind, r.query, r.channel, r.msisdn = '$C', r.message_id = m.id
    FROM info_requests r JOIN messages m ON m.kannel_id = 'info-1' ORDER BY r.id DESC LIMIT 1")" \
    "info|pajak|sms|t|t" "INFO PAJAK: logged as a request, with its message"
mo agenda-1 "$C" "AGENDA KOMISI III"
is "$(asp_psql "SELECT r.kind, r.query, r.message_id = m.id FROM info_requests r
    JOIN messages m ON m.kannel_id = 'agenda-1' ORDER BY r.id DESC LIMIT 1")" \
    "agenda|komisi=3|t" "AGENDA KOMISI III: logged as a request"
like "$REPLY" "#$S2 " "AGENDA KOMISI III: the session of komisi III is answered"

# A session is open for input while its local day (of the end, else the
# start) has not passed: today at 00:00 is, yesterday at 23:59 is not.
add "today at 00:00" --type reses --title "Reses hari ini" --start "$(local_time 'today 00:00')" \
    --end "$(local_time 'today 00:00')"
STODAY=$NEWID
add "yesterday at 23:59" --type reses --title "Reses kemarin" \
    --start "$(local_time 'yesterday 23:59')"
SYDAY=$NEWID
run agenda cancel "$SEQ"

# input_of KANNEL-ID: the session and kind of the input made by that MO.
input_of()
{
    asp_psql "SELECT coalesce(i.session_id::text, 'none'), i.kind, i.message_id = m.id
        FROM session_inputs i JOIN messages m ON m.id = i.message_id WHERE m.kannel_id = '$1'"
}

mo usul-1 "$A" "USUL $S2 perbaikan jalan rusak di Sooko"
is "$(input_of usul-1)" "$S2|proposal|t" "USUL naming an upcoming session: recorded for it"
mo usul-2 "$B" "TANYA $S2 kapan jembatan Puri dibangun"
is "$(input_of usul-2)" "$S2|question|t" "TANYA naming an upcoming session: a question for it"
mo usul-3 "$A" "USUL $S4 perbaiki saluran air"
is "$(input_of usul-3)" "none|proposal|t" "USUL naming a past session: recorded as general"
mo usul-4 "$A" "USUL $SEQ tambah lampu"
is "$(input_of usul-4)" "none|proposal|t" "USUL naming a cancelled session: recorded as general"
mo usul-5 "$A" "USUL $STODAY bangun taman"
is "$(input_of usul-5)" "$STODAY|proposal|t" "USUL naming a session of today (ended at 00:00): recorded for it"
mo usul-6 "$A" "USUL $SYDAY bangun pasar"
is "$(input_of usul-6)" "none|proposal|t" "USUL naming a session of yesterday: recorded as general"
mo usul-7 "$A" "USUL 999999 sesuatu"
is "$(input_of usul-7)" "none|proposal|t" "USUL naming an unknown session: recorded as general"

run agenda inputs "$S2"
is "$(printf '%s\n' "$OUT" | awk '{ print $3 "/" $4 }' | tr '\n' ' ')" \
    "proposal/+62812****7890 question/+62857****5678 proposal/+62812****7890 question/+62857****5678 " \
    "agenda inputs: the SMS proposals after the earlier ones, masked"
like "$OUT" 'perbaikan jalan rusak di Sooko' "agenda inputs: the text of an SMS proposal"
run agenda show "$S2"
like "$OUT" 'inputs:   4$' "agenda show: the inputs counted"
run agenda inputs general
like "$OUT" 'perbaiki saluran air' "agenda inputs general: a proposal for a past session"
like "$OUT" 'bangun pasar' "agenda inputs general: a proposal for yesterday's session"

asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM"
asp_check_logs
tap_done
