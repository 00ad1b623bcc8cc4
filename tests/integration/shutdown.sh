#!/usr/bin/env bash
#
# SIGTERM drains: an MO whose database write is blocked when the daemon is
# told to stop is still committed and answered, new connections are refused
# from the moment of the signal, and the daemon exits 0.
#
# The write is held back by a psql session that locks the messages table
# and keeps the lock until this script tells it to commit; the script then
# sees the daemon's INSERT waiting for that lock in pg_stat_activity.
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/shutdown.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

tap_plan 15

FROM=+6281234567890

# poll SECONDS CMD...: runs CMD every 0.1 s until it succeeds; returns 1 when
# it never did.
poll()
{
    local tries=$(($1 * 10))
    shift
    while [ "$tries" -gt 0 ]; do
        "$@" && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

asp_createdb aspirasi_shutdown
CONF=$ASP_TMP/aspirasi.conf
asp_write_config "$CONF" 'http = { shutdown_grace = 20; };'
asp_migrate "$CONF" >/dev/null
asp_start_daemon "$CONF"
DPID=$ASP_DAEMON_PID

# A quiet run first: TERM with nothing in flight exits 0 at once.
asp_stop_daemon
is "$?" 0 "TERM with nothing in flight: exit 0"
asp_start_daemon "$CONF"
DPID=$ASP_DAEMON_PID

# ---- hold the lock -------------------------------------------------------------

# The psql session reads its commands from a FIFO kept open on fd 7, so it
# holds the transaction until the script writes COMMIT (or exits: then psql
# reads EOF, and the server rolls the transaction back).
mkfifo "$ASP_TMP/lock.fifo"
psql -X -q -v ON_ERROR_STOP=1 -d "$ASPIRASI_DB" <"$ASP_TMP/lock.fifo" >"$ASP_TMP/lock.out" 2>&1 &
LOCK_PID=$!
exec 7>"$ASP_TMP/lock.fifo"
echo "BEGIN; LOCK TABLE messages IN EXCLUSIVE MODE; SELECT 'locked';" >&7
locked()
{
    grep -q locked "$ASP_TMP/lock.out"
}
if poll 20 locked; then
    ok "a second session holds an EXCLUSIVE lock on messages"
else
    not_ok "a second session holds an EXCLUSIVE lock on messages" "$(cat "$ASP_TMP/lock.out")"
fi

# ---- an MO that must wait for it ---------------------------------------------------

curl -sS -m 60 -o "$ASP_TMP/mo.body" -w '%{http_code}' \
    "$(asp_mo_url id=shutdown-1 from="$FROM" text="ADUAN got mampet di Desa Jetis")" \
    >"$ASP_TMP/mo.code" 2>"$ASP_TMP/mo.err" &
CURL_PID=$!

# The daemon has the MO once its INSERT waits for the lock.
insert_waiting()
{
    [ "$(asp_psql "SELECT count(*) FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'
        AND query ILIKE '%INSERT INTO messages%'")" -ge 1 ]
}
if poll 20 insert_waiting; then
    ok "the daemon's INSERT waits for the lock"
else
    not_ok "the daemon's INSERT waits for the lock" \
        "$(asp_psql "SELECT pid, state, wait_event_type, left(query, 60) FROM pg_stat_activity")"
fi

# ---- TERM while it waits ----------------------------------------------------------

# A connection kept alive from before the drain, used after it started.  A
# request is answered on it first: a connection still in the listening
# socket's backlog when the drain closes that socket is reset.
exec 8<>"/dev/tcp/127.0.0.1/$ASP_PORT"
printf 'GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' >&8
len=0
while IFS= read -r -t 5 line <&8 && [ -n "${line%$'\r'}" ]; do
    [[ ${line,,} =~ ^content-length:\ *([0-9]+) ]] && len=${BASH_REMATCH[1]}
done
read -r -t 5 -N "$len" _ <&8
kill -TERM "$DPID"

# The listening socket closes as the drain starts, while the MO is still held.
refused()
{
    curl -sS -m 2 -o /dev/null "$ASP_URL/healthz" 2>/dev/null
    [ $? -eq 7 ] # 7: could not connect
}
if poll 5 refused; then
    ok "after TERM, new connections are refused"
else
    not_ok "after TERM, new connections are refused" "a new connection still got through after 5 s"
fi
# In a subshell that ignores SIGPIPE: a reset connection fails the check,
# not the script.
(
    trap '' PIPE
    printf 'GET /kannel/mo?id=late-1&from=%%2B6281234567891&to=1234&text=halo&secret=%s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' \
        "$ASP_SECRET" >&8
)
late=$(timeout 5 head -n 1 <&8 | tr -d '\r')
exec 8<&-
is "$late" "HTTP/1.1 503 Service Unavailable" \
    "a request on a connection kept alive, sent once the drain started: 503, for Kannel to retry"
if kill -0 "$CURL_PID" 2>/dev/null; then
    ok "the MO is still waiting while the daemon drains"
else
    not_ok "the MO is still waiting while the daemon drains" "curl ended early: $(cat "$ASP_TMP/mo.code")"
fi
if kill -0 "$DPID" 2>/dev/null; then
    ok "the daemon waits for the MO in flight"
else
    not_ok "the daemon waits for the MO in flight" "it exited before the MO was answered"
fi

# ---- let the write through -------------------------------------------------------

echo "COMMIT;" >&7
exec 7>&-
wait "$LOCK_PID"
is "$?" 0 "the locking session committed"

wait "$CURL_PID"
is "$?" 0 "the MO's request completed"
is "$(cat "$ASP_TMP/mo.code")" 200 "the MO in flight got 200"
BODY=$(cat "$ASP_TMP/mo.body")
T=""
[[ $BODY =~ tiket\ ([0-9]{7})\. ]] && T=${BASH_REMATCH[1]}
is "$BODY" "Terima kasih. Aduan Anda tercatat dgn no tiket $T. Cek: ketik STATUS $T" \
    "the MO in flight got the complaint reply"
is "$(asp_psql "SELECT m.reply = '$BODY', t.code FROM messages m JOIN tickets t
    ON t.message_id = m.id WHERE m.kannel_id = 'shutdown-1'")" "t|$T" \
    "the MO and its ticket are committed"

asp_stop_daemon
is "$?" 0 "the daemon exits 0 after draining"
curl -sS -m 2 -o /dev/null "$ASP_URL/healthz" 2>/dev/null
is "$?" 7 "after exit, the port is closed"

asp_check_logs
tap_done
