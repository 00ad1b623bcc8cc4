#!/bin/bash
#
# bad_http.sh: what a broken or hostile client gets, over real TCP: garbage
# query strings, an unknown coding, huge headers, a request line far over
# the limit, bodies lying about their length, connections that send half a
# request and wait, and many of them at once.  Each gets a clear 4xx or is
# closed after http.timeout; none crashes aspirasid or holds up the others,
# which are answered as usual all along.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
asp_init "$0" "$@"

export LC_ALL=C.UTF-8

tap_plan 24

CONF="$ASP_TMP/aspirasi.conf"
FROM=+6281298761111

# req CURL-ARGS...: sets CODE and BODY.
req()
{
    local out
    out=$(curl -sS -m 30 -w '\n%{http_code}' "$@" 2>>"$ASP_TMP/curl.err")
    CODE=${out##*$'\n'}
    BODY=${out%$'\n'*}
}

# raw TEXT: sends TEXT as it is over one TCP connection and prints the
# status line of the answer (or nothing when the connection is closed
# without one).
raw()
{
    python3 - "$ASP_PORT" "$1" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=20)
s.sendall(sys.argv[2].encode("latin-1"))
data = b""
try:
    while b"\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
except socket.timeout:
    pass
print(data.split(b"\r\n")[0].decode("latin-1", "replace"))
PY
}

# A normal MO, as Kannel sends it: 200.
normal()
{
    req "$(asp_mo_url id="$1" from="$FROM" text="AGENDA")"
    [ "$CODE" = 200 ]
}

asp_createdb aspirasi_bad_http
asp_write_config "$CONF" 'quiet_hours = "";' 'http = { timeout = 2; max_request_bytes = 4096; };'
asp_migrate "$CONF" || asp_bail "aspirasictl migrate failed"
asp_start_daemon "$CONF" || asp_bail "aspirasid did not start"

# ---- query strings ------------------------------------------------------------
S=$(_asp_urlencode "$ASP_SECRET")
req "$ASP_URL/kannel/mo?id=bad-1&from=$FROM&text=%zz%&secret=$S"
like "$CODE" '^(200|400)$' "a broken %-escape in the text: 200 or 400, never a 5xx"
req "$ASP_URL/kannel/mo?&&&==&id=bad-2&&from=$(_asp_urlencode "$FROM")&text=halo&=x&secret=$S"
is "$CODE" 200 "empty pairs and names among the parameters are skipped"
req "$ASP_URL/kannel/mo?id=bad-3&id=bad-3b&from=$(_asp_urlencode "$FROM")&text=a&text=b&secret=$S"
like "$CODE" '^(200|400)$' "a parameter given twice: 200 or 400"
req "$ASP_URL/kannel/mo?id=bad-4&from=$(_asp_urlencode "$FROM")&text=halo&coding=7&secret=$S"
is "$CODE" 400 "an unknown coding: 400"
like "$BODY" "coding" "naming coding"
req "$ASP_URL/kannel/mo?id=bad-5&from=$(_asp_urlencode "$FROM")&text=halo&coding=2&charset=NO-SUCH-CHARSET&secret=$S"
like "$CODE" '^(200|400)$' "an unknown charset: 200 (the raw bytes kept) or 400"
req "$ASP_URL/kannel/mo?id=bad-6&from=INFO-OPR&text=halo&secret=$S"
is "$CODE" 200 "a sender that is no phone number (an operator's name): stored and answered, never lost"
req "$ASP_URL/kannel/mo?id=bad-7&from=$(_asp_urlencode "$FROM")&text=halo&secret=wrong"
is "$CODE" 403 "a wrong secret: 403"
req -X POST -H 'Content-Type: application/json' --data '{"id":1}' "$ASP_URL/kannel/mo"
is "$CODE" 415 "a JSON body where Kannel sends a form: 415"

# ---- sizes and framing ----------------------------------------------------------
req -H "X-Big: $(head -c 20000 /dev/zero | tr '\0' a)" "$(asp_mo_url id=bad-8 from="$FROM" text=halo)"
like "$CODE" '^4' "a 20 kB header: a 4xx"
req "$(asp_mo_url id=bad-9 from="$FROM" text="ADUAN $(head -c 6000 /dev/zero | tr '\0' x)")"
is "$CODE" 413 "a request line over http.max_request_bytes: 413"
is "$(raw $'POST /kannel/mo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' | cut -d' ' -f2)" 403 \
    "Content-Length and Transfer-Encoding together: read as chunked (RFC 9112), then refused without the secret (403)"
is "$(raw $'GET /kannel/mo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n' | cut -d' ' -f2)" 400 \
    "a Content-Length that is no number: 400"
is "$(raw $'BREW /kannel/mo HTTP/1.1\r\nHost: x\r\n\r\n' | cut -d' ' -f2)" 405 "an unknown method: 405"
like "$(raw $'GARBAGE\r\n\r\n' | cut -d' ' -f2)" '^(400|)$' "a request line that is no HTTP: 400 or closed"
like "$(raw $'GET /kannel/mo HTTP/1.1\r\n\r\n' | cut -d' ' -f2)" '^4' "HTTP/1.1 without Host: a 4xx"
normal bad-after-framing && ok "normal requests are answered after all that" ||
    not_ok "normal requests are answered after all that" "code $CODE"

# ---- slow and idle clients -------------------------------------------------------
# 50 connections that each send half a request line and wait.
python3 - "$ASP_PORT" >"$ASP_TMP/slow.out" 2>&1 <<'PY' &
import socket, sys, time
conns = []
for i in range(50):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
    s.sendall(b"GET /kannel/mo?id=slow HTTP/1.1\r\nHost: ")
    conns.append(s)
print("open", len(conns), flush=True)
# Closed by the server: recv() ends (with an answer or without) or the
# connection is reset; still waiting after 20 s: not closed.
closed = 0
start = time.time()
for s in conns:
    s.settimeout(max(0.1, start + 20 - time.time()))
    try:
        s.recv(4096)
        closed += 1
    except ConnectionResetError:
        closed += 1
    except socket.timeout:
        pass
print("closed", closed, "after", round(time.time() - start, 1), flush=True)
PY
SLOW=$!
_asp_track "$SLOW" slow-clients
until grep -q '^open' "$ASP_TMP/slow.out" 2>/dev/null; do sleep 0.1; done
good=0
for i in 1 2 3 4 5; do
    normal "bad-during-slow-$i" && good=$((good + 1))
done
is "$good" 5 "with 50 half-sent requests open, Kannel's requests are answered"
wait "$SLOW"
like "$(grep '^closed' "$ASP_TMP/slow.out")" '^closed 50 ' \
    "the half-sent requests are closed by the server (http.timeout = 2)"
normal bad-after-slow && ok "and it still answers afterwards" || not_ok "and it still answers afterwards"

# ---- nothing of it was stored ----------------------------------------------------
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id IN ('bad-4', 'bad-7', 'bad-8', 'bad-9', 'slow')")" 0 \
    "nothing refused was stored"
is "$(asp_psql "SELECT count(*) FROM messages WHERE kannel_id LIKE 'bad-during-slow-%'")" 5 \
    "what was answered is stored"
asp_stop_daemon
is "$?" 0 "aspirasid exits 0 on TERM"
asp_check_logs
