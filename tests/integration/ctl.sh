#!/usr/bin/env bash
#
# aspirasictl and the checks aspirasid makes before it serves: migrations,
# the unmigrated-database refusal, "aspirasid -n", classify, and the ticket
# commands on a ticket made by a real MO, down to the STATUS reply a
# citizen gets after staff change the status.
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/ctl.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

tap_plan 81

CTL=$ASP_BUILDDIR/aspirasictl
DAEMON=$ASP_BUILDDIR/aspirasid
FROM=+6281234567890

# run CMD...: runs a command, setting OUT (stdout), ERR (stderr), RC.
run()
{
    "$@" >"$ASP_TMP/run.out" 2>"$ASP_TMP/run.err" </dev/null
    RC=$?
    OUT=$(cat "$ASP_TMP/run.out")
    ERR=$(cat "$ASP_TMP/run.err")
}

# failed NAME: a test that the last run() exited non-zero.
failed()
{
    if [ "$RC" -ne 0 ]; then
        ok "$1"
    else
        not_ok "$1" "exit status 0; stdout: $OUT"
    fi
}

CONF=$ASP_TMP/aspirasi.conf
# Written before any database exists, so it names none: the database is
# the one in ASPIRASI_DB, which asp_createdb sets (the override the tests of
# the unmigrated database rely on).
asp_write_config "$CONF"

# ---- migrate -----------------------------------------------------------------

asp_createdb aspirasi_ctl
run "$CTL" -c "$CONF" migrate
is "$RC" 0 "migrate on a new database: exit 0"
like "$OUT" '(^|[[:space:]])applied 001_[a-z_]+' "migrate on a new database: applies 001"
is "$(asp_psql "SELECT count(*) FROM schema_migrations")" 2 "migrate: every version recorded"
for t in messages tickets ticket_events citizens settings; do
    is "$(asp_psql "SELECT to_regclass('public.$t') IS NOT NULL")" t "migrate: table $t exists"
done
run "$CTL" -c "$CONF" migrate
is "$RC" 0 "migrate again: exit 0"
unlike "$OUT" 'applied [0-9]{3}_' "migrate again: applies nothing"
is "$(asp_psql "SELECT count(*) FROM schema_migrations")" 2 "migrate again: no version twice"

# ---- aspirasid refuses an unmigrated database --------------------------------

MIGRATED_DB=$ASPIRASI_DB
asp_createdb aspirasi_empty
run timeout 30 "$DAEMON" -c "$CONF"
cp "$ASP_TMP/run.err" "$ASP_TMP/aspirasid-unmigrated.log" # scanned by asp_check_logs
is "$RC" 1 "aspirasid on an unmigrated database: exit 1"
like "$ERR" 'aspirasictl migrate' "aspirasid on an unmigrated database: says to run aspirasictl migrate"
is "$(asp_psql "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" 0 \
    "aspirasid on an unmigrated database: creates nothing"
export ASPIRASI_DB=$MIGRATED_DB

# ---- aspirasid -n ------------------------------------------------------------

cd "$ASP_TMP" || exit 1
cat >bad.conf <<'EOF'
# a configuration with mistakes on lines 4, 6 and 8
listen = "127.0.0.1:8787";
kannel = { secret = "long-enough-secret"; };
kanel_secret = "typo";
http = {
    threads = 0;
};
log_level = "loud";
EOF
run "$DAEMON" -n -c bad.conf
is "$RC" 1 "aspirasid -n with a bad config: exit 1"
like "$OUT$ERR" 'bad\.conf:4: unknown key' "aspirasid -n: bad.conf:4: unknown key ..."
like "$OUT$ERR" 'kanel_secret' "aspirasid -n: the unknown key is named"
like "$OUT$ERR" 'bad\.conf:6: ' "aspirasid -n: a value out of range names its line (6)"
like "$OUT$ERR" 'bad\.conf:8: ' "aspirasid -n: a bad log_level names its line (8)"
cat >syntax.conf <<'EOF'
listen = "127.0.0.1:8787";
http = { threads = ; };
EOF
run "$DAEMON" -n -c syntax.conf
is "$RC" 1 "aspirasid -n with a syntax error: exit 1"
like "$OUT$ERR" 'syntax\.conf:2: ' "aspirasid -n: a syntax error names its line"
run "$DAEMON" -n -c "$CONF"
is "$RC" 0 "aspirasid -n with a good config: exit 0"
cat >nosecret.conf <<'EOF'
listen = "127.0.0.1:8787";
EOF
run env -u ASPIRASI_KANNEL_SECRET "$DAEMON" -n -c nosecret.conf
is "$RC" 1 "aspirasid -n without kannel.secret: exit 1"
like "$OUT$ERR" 'secret' "aspirasid -n without kannel.secret: says so"
cd - >/dev/null || exit 1

# ---- classify ----------------------------------------------------------------

# One message per line, and the line classify must print for it.
CASES=(
    "ADUAN jalan rusak di Desa Sooko RT 3|complaint	jalan rusak di Desa Sooko RT 3"
    "aduan  lampu mati|complaint	lampu mati"
    "LAPOR sampah menumpuk|complaint	sampah menumpuk"
    "Aspirasi: perbaiki jembatan|complaint	perbaiki jembatan"
    "ADUAN|complaint	"
    "status 482-19 37|status	4821937"
    "STATUS 4821937|status	4821937"
    "cek 4821937|status	4821937"
    "STATUS|status	"
    "AGENDA|agenda	"
    "agenda besok|agenda	tomorrow"
    "JADWAL KOMISI C|agenda	komisi=3"
    "INFO ANGGARAN|info	anggaran"
    "DAFTAR|subscribe	"
    "BERHENTI|unsubscribe	"
    "STOP|unsubscribe	"
    "unreg|unsubscribe	"
    "HELP|help	"
    "menu|help	"
    "halo|unknown	"
    "  halo, apa kabar  |unknown	"
    "stop pungli di kantor desa saya mau lapor|complaint	stop pungli di kantor desa saya mau lapor"
    "|unknown	"
)
printf '%s\n' "${CASES[@]%%|*}" >"$ASP_TMP/classify.in"
"$CTL" -c "$CONF" classify <"$ASP_TMP/classify.in" >"$ASP_TMP/classify.out" 2>"$ASP_TMP/classify.err"
is "$?" 0 "classify: exit 0"
mapfile -t GOT <"$ASP_TMP/classify.out"
is "${#GOT[@]}" "${#CASES[@]}" "classify: one output line per input line"
for i in "${!CASES[@]}"; do
    is "${GOT[$i]-}" "${CASES[$i]#*|}" "classify: '${CASES[$i]%%|*}'"
done

# ---- the ticket commands -------------------------------------------------------

asp_start_daemon "$CONF"
TEXT="ADUAN lampu penerangan jalan mati di Desa Puri"
curl -sS -m 30 -o "$ASP_TMP/mo.body" "$(asp_mo_url id=ctl-1 from="$FROM" text="$TEXT")"
REPLY=$(cat "$ASP_TMP/mo.body")
T=""
[[ $REPLY =~ tiket\ ([0-9]{7})\. ]] && T=${BASH_REMATCH[1]}
like "$T" '^[0-9]{7}$' "an MO made ticket $T"

MASKED='\+62812\*+7890'
run "$CTL" -c "$CONF" ticket list
is "$RC" 0 "ticket list: exit 0"
like "$OUT" "$T" "ticket list: shows the ticket"
like "$OUT" "$MASKED" "ticket list: the phone number masked"
unlike "$OUT" '6281234567890' "ticket list: never the whole number"
like "$OUT" 'baru' "ticket list: the status"

run "$CTL" -c "$CONF" ticket show "$T"
is "$RC" 0 "ticket show: exit 0"
like "$OUT" "$T" "ticket show: the code"
like "$OUT" 'lampu penerangan jalan mati di Desa Puri' "ticket show: the body"
like "$OUT" 'baru' "ticket show: the status"
like "$OUT" 'Diterima, menunggu ditelaah' "ticket show: the status wording"
like "$OUT" "$MASKED" "ticket show: the phone number masked"
unlike "$OUT" '6281234567890' "ticket show: never the whole number"
like "$OUT" '[Hh]istory' "ticket show: a history"

run "$CTL" -c "$CONF" ticket show "$T" --full-number
is "$RC" 0 "ticket show --full-number: exit 0"
like "$OUT" '\+6281234567890' "ticket show --full-number: the whole number"

run "$CTL" -c "$CONF" ticket set-status "$T" diproses --note "dicek petugas lapangan"
is "$RC" 0 "ticket set-status diproses: exit 0"
run "$CTL" -c "$CONF" ticket show "$T"
like "$OUT" 'diproses' "ticket show after set-status: the new status"
like "$OUT" 'dicek petugas lapangan' "ticket show after set-status: the note in the history"
is "$(asp_psql "SELECT string_agg(e.status, ',' ORDER BY e.id) FROM ticket_events e
    JOIN tickets t ON t.id = e.ticket_id WHERE t.code = '$T'")" "baru,diproses" \
    "set-status: the history holds both statuses in order"

run "$CTL" -c "$CONF" ticket list --status diproses
like "$OUT" "$T" "ticket list --status diproses: shows it"
run "$CTL" -c "$CONF" ticket list --status selesai
unlike "$OUT" "$T" "ticket list --status selesai: does not show it"

day0=$(TZ=Asia/Jakarta date +%d/%m/%Y)
curl -sS -m 30 -o "$ASP_TMP/st.body" "$(asp_mo_url id=ctl-2 from=+6285712345678 text="STATUS $T")"
day1=$(TZ=Asia/Jakarta date +%d/%m/%Y)
ST=$(cat "$ASP_TMP/st.body")
if [ "$ST" = "Tiket $T: Sedang diproses. Perubahan terakhir $day0." ] ||
    [ "$ST" = "Tiket $T: Sedang diproses. Perubahan terakhir $day1." ]; then
    ok "STATUS over HTTP after set-status: \"Sedang diproses\""
else
    not_ok "STATUS over HTTP after set-status: \"Sedang diproses\"" "got '$ST'"
fi

run "$CTL" -c "$CONF" ticket set-status "$T" dibuang
failed "set-status to an unknown status: non-zero exit"
like "$ERR" 'baru.*diproses.*diteruskan.*selesai.*ditolak' \
    "set-status to an unknown status: names the valid statuses"
is "$(asp_psql "SELECT status FROM tickets WHERE code = '$T'")" diproses \
    "set-status to an unknown status: the ticket is unchanged"

for b in 123456 654321 111111 909090 271828; do
    U=$b$(asp_damm "$b")
    [ "$(asp_psql "SELECT count(*) FROM tickets WHERE code = '$U'")" = 0 ] && break
done
run "$CTL" -c "$CONF" ticket show "$U"
failed "ticket show of an unknown code: non-zero exit"
like "$ERR" "$U" "ticket show of an unknown code: names it"
run "$CTL" -c "$CONF" ticket set-status "$U" selesai
failed "ticket set-status of an unknown code: non-zero exit"
BADCODE=${T:0:6}$(((${T:6:1} + 1) % 10))
run "$CTL" -c "$CONF" ticket show "$BADCODE"
failed "ticket show of a code with a wrong check digit: non-zero exit"

asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM"
asp_check_logs
tap_done
