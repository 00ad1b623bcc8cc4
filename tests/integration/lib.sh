# shellcheck shell=bash
#
# tests/integration/lib.sh: what the integration tests and tools/demo share.
#
# A test starts with
#
#   . "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
#   asp_init "$0" "$@"
#
# and then runs a throwaway PostgreSQL (pg_virtualenv), aspirasid, and real
# Kannel bearerbox + smsbox fed by tests/tools/fakesmsc, all on 127.0.0.1,
# and reports TAP.  Rules kept here so every test follows them:
#   - every process is started through this file, recorded by PID, and
#     stopped by PID when the script exits (TERM, up to 10 s, then KILL);
#   - readiness is polled (an HTTP answer, a box in Kannel's status), never
#     waited for with a fixed sleep;
#   - everything lives in $ASP_TMP, which is kept when a test fails (its
#     path is printed) and removed otherwise.
#
# Functions (see each one below): asp_init, tap_plan, ok, not_ok, is, like,
# unlike, tap_done, asp_bail, asp_free_port, asp_createdb, asp_psql,
# asp_write_config, asp_migrate, asp_start_daemon, asp_stop_daemon,
# asp_mo_url, asp_start_kannel, asp_sms, asp_check_logs; for USSD over SMPP
# (tests/tools/smppsim.js instead of fakesmsc): asp_need_smppsim,
# asp_start_kannel_smpp, asp_ussd_mo, asp_ussd_wait_mt.
# Call them from the test's own shell, not inside $( ): a process started in
# a subshell could not be stopped by the exit trap.  asp_free_port, asp_psql,
# asp_mo_url and asp_sms are the ones meant for $( ).
#
# Variables set: ASP_TMP, ASP_SRCDIR, ASP_BUILDDIR, ASP_SECRET, ASP_PORT,
# ASP_URL, ASP_DAEMON_PID, ASP_FAKESMSC_PORT, ASP_SENDSMS_PORT,
# ASP_SENDSMS_USER, ASP_SENDSMS_PASSWORD, ASP_KANNEL_ADMIN_URL, ASPIRASI_DB.

_asp_procs=()     # "PID NAME" of every process started here, in start order
_asp_tap_n=0      # TAP tests run
_asp_tap_failed=0 # TAP tests failed
_asp_tap_plan=""
_asp_daemon_n=0
_asp_ctl_n=0

# ---- start and exit -------------------------------------------------------

# asp_init SCRIPT [ARGS...]: without PGHOST and PGPORT, re-executes SCRIPT
# under pg_virtualenv (a throwaway cluster, removed afterwards; -t keeps it
# in a temporary directory even as root, so parallel tests do not share
# /etc/postgresql/*/regress).  Then makes $ASP_TMP and sets the exit trap.
asp_init()
{
    local script=$1 name
    shift
    ASP_SRCDIR=$(cd "${top_srcdir:-$(dirname "${BASH_SOURCE[0]}")/../..}" && pwd)
    if [ -z "${PGHOST:-}" ] && [ -z "${PGPORT:-}" ]; then
        command -v pg_virtualenv >/dev/null 2>&1 ||
            asp_bail "pg_virtualenv not found; on Debian: apt-get install postgresql postgresql-common"
        script=$(cd "$(dirname "$script")" && pwd)/$(basename "$script")
        # A port of our own: two clusters created at once would both take 5432.
        PGPORT=$(asp_free_port) exec pg_virtualenv -t bash "$script" "$@"
    fi
    name=$(basename "$script" .sh)
    ASP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/aspirasi-$name.XXXXXX") || asp_bail "mktemp failed"
    export ASP_TMP ASP_SRCDIR
    if [ -n "${top_builddir:-}" ]; then
        ASP_BUILDDIR=$(cd "$top_builddir" && pwd)
    elif [ -x "$ASP_SRCDIR/aspirasid" ]; then
        ASP_BUILDDIR=$ASP_SRCDIR
    elif [ -x "$PWD/aspirasid" ]; then
        ASP_BUILDDIR=$PWD
    else
        ASP_BUILDDIR=$ASP_SRCDIR
    fi
    export ASP_BUILDDIR
    export ASP_SECRET=${ASP_SECRET:-test-secret-123}
    # The test decides the daemon's settings, not the caller's environment.
    unset ASPIRASI_LISTEN ASPIRASI_KANNEL_SECRET ASPIRASI_DB ASPIRASI_LOG_LEVEL
    trap _asp_exit EXIT
    trap 'exit 129' HUP
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# Is PID running?  A zombie (exited, not yet reaped) counts as stopped.
_asp_alive()
{
    local stat
    kill -0 "$1" 2>/dev/null || return 1
    if [ -r "/proc/$1/stat" ]; then
        stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
        stat=${stat##*) }
        [ "${stat%% *}" != Z ] || return 1
    fi
    return 0
}

_asp_track()
{
    _asp_procs+=("$1 $2")
}

_asp_untrack()
{
    local i
    for i in "${!_asp_procs[@]}"; do
        [ "${_asp_procs[$i]%% *}" = "$1" ] && unset '_asp_procs[i]'
    done
    _asp_procs=("${_asp_procs[@]}")
}

# Stops PID (named NAME) and reaps it: TERM, then up to WAIT seconds
# (default 10), then KILL.  bearerbox ignores a first TERM while it holds
# queued messages and no smsbox is connected (seen with Kannel 1.4.5), so it
# gets another TERM every 2 seconds.  Returns the process's exit status.
_asp_stop()
{
    local pid=$1 name=$2 wait=${3:-10} i=0 status=0
    if _asp_alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null
        while _asp_alive "$pid" && [ "$i" -lt $((wait * 10)) ]; do
            sleep 0.1
            i=$((i + 1))
            if [ "$name" = bearerbox ] && [ $((i % 20)) -eq 0 ]; then
                kill -TERM "$pid" 2>/dev/null
            fi
        done
        if _asp_alive "$pid"; then
            echo "# $name (pid $pid) still running after $wait s; sending KILL"
            kill -KILL "$pid" 2>/dev/null
        fi
    fi
    wait "$pid" 2>/dev/null
    status=$?
    _asp_untrack "$pid"
    return "$status"
}

_asp_exit()
{
    local status=$? i f
    trap - EXIT HUP INT TERM
    # Stop in reverse start order: smsbox before bearerbox before aspirasid.
    for ((i = ${#_asp_procs[@]} - 1; i >= 0; i--)); do
        _asp_stop "${_asp_procs[$i]%% *}" "${_asp_procs[$i]#* }"
    done
    if [ -n "${ASP_TMP:-}" ] && [ -d "$ASP_TMP" ]; then
        # tools/check scans the logs of every suite of its run for numbers.
        if [ -n "${ASP_LOG_ARCHIVE:-}" ] && mkdir -p "$ASP_LOG_ARCHIVE/$(basename "$0").$$"; then
            cp "$ASP_TMP"/*.log "$ASP_LOG_ARCHIVE/$(basename "$0").$$/" 2>/dev/null
        fi
        if [ "$status" -ne 0 ] || [ "$_asp_tap_failed" -ne 0 ]; then
            for f in "$ASP_TMP"/*.log; do
                [ -s "$f" ] || continue
                echo "# ---- last lines of $(basename "$f") ----"
                tail -n 20 "$f" | sed 's/^/#   /'
            done
            echo "# logs kept in $ASP_TMP (Kannel's and fakesmsc's in $ASP_TMP/kannel)"
        else
            rm -rf "$ASP_TMP"
        fi
    fi
    exit "$status"
}

# asp_bail MESSAGE: stops the test: TAP "Bail out!", exit 1.
asp_bail()
{
    echo "Bail out! $*"
    exit 1
}

# ---- TAP -------------------------------------------------------------------

tap_plan()
{
    _asp_tap_plan=$1
    echo "1..$1"
}

# A test name may not contain "#" unescaped (TAP reads it as a directive).
_asp_tap_name()
{
    local n=${1//\\/\\\\}
    printf '%s' "${n//#/\\#}"
}

ok()
{
    _asp_tap_n=$((_asp_tap_n + 1))
    echo "ok $_asp_tap_n - $(_asp_tap_name "$1")"
}

# not_ok NAME [DIAGNOSTIC]: a failed test; the diagnostic follows as comments.
not_ok()
{
    _asp_tap_n=$((_asp_tap_n + 1))
    _asp_tap_failed=$((_asp_tap_failed + 1))
    echo "not ok $_asp_tap_n - $(_asp_tap_name "$1")"
    if [ -n "${2:-}" ]; then
        printf '%s\n' "$2" | sed 's/^/#   /'
    fi
    return 0
}

# is GOT WANT NAME: passes when the strings are equal.
is()
{
    if [ "$1" == "$2" ]; then
        ok "$3"
    else
        not_ok "$3" "got:      '$1'
expected: '$2'"
    fi
}

# like GOT ERE NAME: passes when GOT matches the extended regular expression.
like()
{
    if [[ $1 =~ $2 ]]; then
        ok "$3"
    else
        not_ok "$3" "got:         '$1'
not matching: /$2/"
    fi
}

# unlike GOT ERE NAME: passes when GOT does not match.
unlike()
{
    if [[ $1 =~ $2 ]]; then
        not_ok "$3" "got:     '$1'
matching: /$2/"
    else
        ok "$3"
    fi
}

# tap_done: prints "# N passed, N failed" and exits 1 if any test failed or
# the number run differs from the plan, else 0.
tap_done()
{
    local status=0
    if [ -z "$_asp_tap_plan" ]; then
        echo "1..$_asp_tap_n"
    elif [ "$_asp_tap_n" -ne "$_asp_tap_plan" ]; then
        echo "# planned $_asp_tap_plan tests but ran $_asp_tap_n"
        status=1
    fi
    echo "# $((_asp_tap_n - _asp_tap_failed)) passed, $_asp_tap_failed failed"
    [ "$_asp_tap_failed" -eq 0 ] || status=1
    exit "$status"
}

# ---- helpers ---------------------------------------------------------------

# asp_free_port: echoes a TCP port on 127.0.0.1 that nothing listens on,
# from 20000-32767 (below Linux's ephemeral range, so no client socket holds
# it), never the same one twice in a test.
asp_free_port()
{
    local p i used="${ASP_TMP:+$ASP_TMP/.ports}"
    for ((i = 0; i < 500; i++)); do
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 12768))
        if [ -n "$used" ] && [ -f "$used" ] && grep -qx "$p" "$used"; then
            continue
        fi
        # A refused connection means nobody listens there.
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            [ -n "$used" ] && echo "$p" >>"$used"
            echo "$p"
            return 0
        fi
    done
    echo "asp_free_port: no free port found" >&2
    return 1
}

# Url-encodes $1 (every byte but A-Z a-z 0-9 - _ . ~ becomes %XX).
_asp_urlencode()
{
    local LC_ALL=C s=$1 out="" c i
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case $c in
        [A-Za-z0-9._~-]) out+=$c ;;
        *) out+=$(printf '%%%02X' "'$c") ;;
        esac
    done
    printf '%s' "$out"
}

# Quotes $1 as a libconfig string.
_asp_cfgstr()
{
    local s=${1//\\/\\\\}
    printf '"%s"' "${s//\"/\\\"}"
}

# asp_createdb NAME: creates database NAME, exports ASPIRASI_DB="dbname=NAME".
asp_createdb()
{
    createdb "$1" || asp_bail "createdb $1 failed"
    export ASPIRASI_DB="dbname=$1"
}

# asp_psql SQL [PSQL-ARGS...]: runs SQL on $ASPIRASI_DB; prints the rows,
# unaligned, fields separated by "|".
asp_psql()
{
    local sql=$1
    shift
    psql -XAtq -v ON_ERROR_STOP=1 -d "$ASPIRASI_DB" -c "$sql" "$@"
}

# asp_write_config FILE [LINES...]: writes an aspirasi config listening on a
# free port (exports ASP_PORT and ASP_URL) with kannel.secret = $ASP_SECRET,
# log_level "debug", the database from $ASPIRASI_DB when set, the journal in
# FILE.journal (one per configuration: two daemons never share one), and
# then LINES, one per argument.  When LINES set one of these top-level keys
# themselves (listen, database, log_level, kannel, journal), the default
# line for it is left out,
# so a test can replace the kannel group: 'kannel = { secret = "..."; allow = [ "10.0.0.1" ]; };'.
asp_write_config()
{
    local file=$1 line key own=" "
    shift
    for line in "$@"; do
        key=$(printf '%s' "$line" | sed -n 's/^[[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\)[[:space:]]*[=:].*/\1/p')
        [ -n "$key" ] && own+="$key "
    done
    ASP_PORT=$(asp_free_port) || asp_bail "no free port"
    ASP_URL="http://127.0.0.1:$ASP_PORT"
    export ASP_PORT ASP_URL
    {
        echo "# written by tests/integration/lib.sh"
        [[ $own == *" listen "* ]] || echo "listen = \"127.0.0.1:$ASP_PORT\";"
        if [[ $own != *" database "* ]] && [ -n "${ASPIRASI_DB:-}" ]; then
            echo "database = $(_asp_cfgstr "$ASPIRASI_DB");"
        fi
        [[ $own == *" log_level "* ]] || echo 'log_level = "debug";'
        [[ $own == *" kannel "* ]] || echo "kannel = { secret = $(_asp_cfgstr "$ASP_SECRET"); };"
        [[ $own == *" journal "* ]] || echo "journal = { dir = $(_asp_cfgstr "$file.journal"); };"
        [ $# -gt 0 ] && printf '%s\n' "$@"
    } >"$file"
}

# asp_migrate [CONFIG]: runs "aspirasictl [-c CONFIG] migrate"; its output
# goes to $ASP_TMP/aspirasictl.N.log.  Returns aspirasictl's status.
asp_migrate()
{
    local log status
    _asp_ctl_n=$((_asp_ctl_n + 1))
    log="$ASP_TMP/aspirasictl.$_asp_ctl_n.log"
    "$ASP_BUILDDIR/aspirasictl" ${1:+-c "$1"} migrate >"$log" 2>&1
    status=$?
    [ "$status" -eq 0 ] || sed 's/^/# migrate: /' "$log"
    return "$status"
}

# asp_start_daemon CONFIG: starts aspirasid -c CONFIG in the background
# (output to $ASP_TMP/aspirasid.N.log), exports ASP_DAEMON_PID and waits up
# to 20 s for GET $ASP_URL/healthz to say "database ok", whatever its
# status: it is 503 while Kannel's sendsms does not answer, and a test may
# start Kannel after aspirasid, or never.  Returns 1, with the log as TAP
# comments, when the daemon exits or never gets ready.
asp_start_daemon()
{
    local log body i
    _asp_daemon_n=$((_asp_daemon_n + 1))
    log="$ASP_TMP/aspirasid.$_asp_daemon_n.log"
    [ -x "$ASP_BUILDDIR/aspirasid" ] || asp_bail "$ASP_BUILDDIR/aspirasid not built"
    if [ -n "${ASP_VALGRIND:-}" ]; then
        # Memcheck: any error, or memory definitely or indirectly lost at
        # exit, makes the exit status 99 (asp_check_logs reports them).
        valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect \
            --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --num-callers=30 \
            --log-file="$ASP_TMP/valgrind.$_asp_daemon_n.vg" \
            "$ASP_BUILDDIR/aspirasid" -c "$1" >"$log" 2>&1 &
    else
        "$ASP_BUILDDIR/aspirasid" -c "$1" >"$log" 2>&1 &
    fi
    ASP_DAEMON_PID=$!
    export ASP_DAEMON_PID
    _asp_track "$ASP_DAEMON_PID" aspirasid
    for ((i = 0; i < ${ASP_VALGRIND:+3}200; i++)); do
        # The sendsms probe of /healthz takes up to 2 s.
        body=$(curl -s --max-time 3 "$ASP_URL/healthz")
        [[ $body == *"database ok"* ]] && return 0
        if ! _asp_alive "$ASP_DAEMON_PID"; then
            wait "$ASP_DAEMON_PID"
            echo "# aspirasid exited with status $? before it was ready:"
            sed 's/^/#   /' "$log"
            _asp_untrack "$ASP_DAEMON_PID"
            return 1
        fi
        sleep 0.1
    done
    echo "# aspirasid not ready after 20 s (last /healthz answer: '${body//$'\n'/ }'):"
    sed 's/^/#   /' "$log"
    return 1
}

# asp_stop_daemon: SIGTERM to $ASP_DAEMON_PID, waits for it (KILL after
# 30 s) and returns its exit status.
asp_stop_daemon()
{
    _asp_stop "$ASP_DAEMON_PID" aspirasid 30
}

# asp_mo_url [KEY=VALUE...]: echoes $ASP_URL/kannel/mo?KEY=VALUE&...&secret=...
# with every value url-encoded.  The secret is $ASP_SECRET unless the
# arguments include secret=... themselves.
asp_mo_url()
{
    local kv q="" secret=1
    for kv in "$@"; do
        [ "${kv%%=*}" = secret ] && secret=0
        q+="${q:+&}${kv%%=*}=$(_asp_urlencode "${kv#*=}")"
    done
    [ "$secret" -eq 1 ] && q+="${q:+&}secret=$(_asp_urlencode "$ASP_SECRET")"
    echo "$ASP_URL/kannel/mo?$q"
}

# asp_ussd SESSION PHONE TEXT [SECRET [SERVICECODE]]: one POST /ussd as an
# aggregator sends it (TEXT: every input so far, joined by '*'; SERVICECODE
# *123# unless given); sets $screen (the answer, "CON ..." or "END ...")
# and $code (the HTTP status).
asp_ussd()
{
    local out
    out=$(curl -s -w '\n%{http_code}' -X POST "$ASP_URL/ussd" \
        --data-urlencode "sessionId=$1" --data-urlencode "serviceCode=${5-*123#}" \
        --data-urlencode "phoneNumber=$2" --data-urlencode "text=$3" \
        --data-urlencode "secret=${4:-$ASP_SECRET}")
    code=${out##*$'\n'}
    screen=${out%$'\n'*}
}

# ---- the staff API ------------------------------------------------------------

# asp_staff_token NAME ROLE [CONFIG]: creates staff account NAME with ROLE
# (admin, staff or viewer) through "aspirasictl staff add" and echoes its
# token (shown once).  CONFIG defaults to $ASP_CONFIG.
asp_staff_token()
{
    local conf=${3:-${ASP_CONFIG:-}} tok
    tok=$("$ASP_BUILDDIR/aspirasictl" ${conf:+-c "$conf"} staff add "$1" --role "$2" \
        2>>"$ASP_TMP/aspirasictl.staff.log") || asp_bail "aspirasictl staff add $1 --role $2 failed"
    printf '%s\n' "$tok"
}

# asp_api METHOD PATH [BODY [TOKEN]]: one request to $ASP_URL$PATH with
# "Authorization: Bearer TOKEN" when TOKEN (default $ASP_TOKEN) is not
# empty, and BODY (JSON, sent when not empty) as application/json.  Sets
# API_STATUS (the HTTP status), API_BODY (the body) and API_HEADERS (the
# response headers, CR stripped); returns 0 (check API_STATUS).
asp_api()
{
    local method=$1 path=$2 body=${3:-} tok=${4-${ASP_TOKEN:-}} args=()
    [ -n "$tok" ] && args+=(-H "Authorization: Bearer $tok")
    [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
    API_STATUS=$(curl -s -X "$method" -o "$ASP_TMP/api.body" -D "$ASP_TMP/api.headers" \
        -w '%{http_code}' --max-time 20 "${args[@]}" "$ASP_URL$path")
    API_BODY=$(cat "$ASP_TMP/api.body")
    API_HEADERS=$(tr -d '\r' <"$ASP_TMP/api.headers")
    return 0
}

# api_is METHOD PATH BODY TOKEN WANT_STATUS NAME: asp_api, then one TAP line
# that the status is WANT_STATUS (the body goes to the diagnostic).
api_is()
{
    asp_api "$1" "$2" "$3" "$4"
    if [ "$API_STATUS" = "$5" ]; then
        ok "$6"
    else
        not_ok "$6" "status $API_STATUS, want $5; body: $API_BODY"
    fi
}

# jget FILTER: runs jq -r FILTER on $API_BODY (empty output when it is not
# JSON).
jget()
{
    printf '%s' "$API_BODY" | jq -r "$1" 2>/dev/null
}

# asp_damm DIGITS: echoes the Damm check digit of a string of digits (the
# table of parsers/ticket.c), so a test can make valid and invalid codes.
ASP_DAMM=(0317598642 7092154863 4206871359 1750983426 6123045978
    3674209581 5869720134 8945362017 9438617205 2581436790)
asp_damm()
{
    local s=$1 i d c=0
    for ((i = 0; i < ${#s}; i++)); do
        d=${s:i:1}
        c=${ASP_DAMM[c]:d:1}
    done
    echo "$c"
}

# ---- Kannel ----------------------------------------------------------------

# _asp_wait_bearerbox PID: waits up to 20 s for bearerbox PID to answer on
# $ASP_KANNEL_ADMIN_URL; returns 1, with its logs as TAP comments, if it
# exits or never answers.
_asp_wait_bearerbox()
{
    local pid=$1 i
    for ((i = 0; ; i++)); do
        curl -s -o /dev/null --max-time 2 "$ASP_KANNEL_ADMIN_URL" && return 0
        if ! _asp_alive "$pid" || [ "$i" -ge 200 ]; then
            _asp_kannel_failed bearerbox "$pid" "bearerbox did not answer on its admin port"
            return 1
        fi
        sleep 0.1
    done
}

# _asp_kannel_overrides DIR ADMIN_PORT ADMIN_PASSWORD SMSBOX_PORT STORE_TYPE GET_URL:
# prints the keys a test's Kannel takes instead of the example's (see
# _asp_kannel_from_example): its own ports, store, logs in DIR, sendsms
# account and get-url.
_asp_kannel_overrides()
{
    local dir=$1 admin_port=$2 admin_pw=$3 smsbox_port=$4 store_type=$5 new=$6
    printf 'core\tadmin-port\t%s\n' "$admin_port"
    printf 'core\tadmin-password\t%s\n' "$admin_pw"
    printf 'core\tstatus-password\t-\n'
    printf 'core\tsmsbox-port\t%s\n' "$smsbox_port"
    if [ "$store_type" = spool ]; then
        printf 'core\tstore-location\t"%s"\n' "$dir/store"
    else
        printf 'core\tstore-location\t"%s"\n' "$dir/store/store.file"
    fi
    printf 'core\tlog-file\t"%s"\n' "$dir/bearerbox.log"
    printf 'core\tlog-level\t0\n'
    printf 'core\taccess-log\t-\n'
    printf 'smsbox\tbearerbox-port\t%s\n' "$smsbox_port"
    printf 'smsbox\tsendsms-port\t%s\n' "$ASP_SENDSMS_PORT"
    printf 'smsbox\tlog-file\t"%s"\n' "$dir/smsbox.log"
    printf 'smsbox\tlog-level\t0\n'
    printf 'smsbox\taccess-log\t-\n'
    printf 'sendsms-user\tusername\t%s\n' "$ASP_SENDSMS_USER"
    printf 'sendsms-user\tpassword\t%s\n' "$ASP_SENDSMS_PASSWORD"
    printf 'sendsms-user\tdefault-sender\t%s\n' 1234
    printf 'sms-service\tget-url\t"%s"\n' "$new"
}

# Writes OUT: config/kannel.conf.example with its core, smsbox, sendsms-user
# and sms-service groups kept as they are except for the keys in the
# override file (lines "GROUP<TAB>KEY<TAB>VALUE"; VALUE "-" removes the key,
# a key the example lacks is added), and its SMSC groups dropped.  So the
# tests run exactly the choices the example documents (mo-recode, retries,
# omit-empty, max-messages...), and a key Kannel rejects in it fails here.
_asp_kannel_from_example()
{
    awk -F '\t' '
    FNR == NR { k = $1 SUBSEP $2; ov[k] = $3; order[++n] = k; next }
    function flush(   i, p) {
        if (grp == "" || !keep)
            return
        for (i = 1; i <= n; i++) {
            split(order[i], p, SUBSEP)
            if (p[1] == grp && !(order[i] in used) && ov[order[i]] != "-")
                print p[2] " = " ov[order[i]]
        }
    }
    BEGIN { keep = 1; keepg["core"]; keepg["smsbox"]; keepg["sendsms-user"]; keepg["sms-service"] }
    /^[ \t]*$/ { flush(); grp = ""; keep = 1; split("", used); print; next }
    /^[ \t]*#/ { if (keep) print; next }
    /^[ \t]*[A-Za-z0-9_-]+[ \t]*=/ {
        key = $0; sub(/^[ \t]*/, "", key); sub(/[ \t]*=.*/, "", key)
        if (key == "group") {
            flush(); split("", used)
            grp = $0; sub(/^[^=]*=[ \t]*/, "", grp); gsub(/["\t ]/, "", grp)
            keep = (grp in keepg)
            if (keep) print
            next
        }
        if (!keep) next
        if ((grp SUBSEP key) in ov) {
            used[grp SUBSEP key] = 1
            if (ov[grp SUBSEP key] != "-") print key " = " ov[grp SUBSEP key]
            next
        }
    }
    { if (keep) print }
    END { flush() }
    ' "$1" "$2" >"$3"
}

# asp_start_kannel: writes $ASP_TMP/kannel/kannel.conf from
# config/kannel.conf.example (see above) with a fake SMSC on a free port
# instead of the SMPP link, get-url pointing to $ASP_URL with $ASP_SECRET,
# every port free and on 127.0.0.1, store and logs in $ASP_TMP/kannel (log
# level debug, no access log); starts bearerbox, then smsbox, and waits until
# smsbox is connected to bearerbox and its sendsms port answers.
# Exports ASP_FAKESMSC_PORT, ASP_SENDSMS_PORT, ASP_SENDSMS_USER,
# ASP_SENDSMS_PASSWORD and ASP_KANNEL_ADMIN_URL (with the password).
asp_start_kannel()
{
    local bb=${BEARERBOX:-} sb=${SMSBOX:-} dir="$ASP_TMP/kannel" example conf
    local admin_port smsbox_port admin_pw=test-admin url new store_type i pid xml
    example="$ASP_SRCDIR/config/kannel.conf.example"
    [ -n "$bb" ] || bb=$(command -v bearerbox || echo /usr/sbin/bearerbox)
    [ -n "$sb" ] || sb=$(command -v smsbox || echo /usr/sbin/smsbox)
    if [ ! -x "$bb" ] || [ ! -x "$sb" ]; then
        asp_bail "bearerbox/smsbox not found; on Debian: apt-get install kannel"
    fi
    [ -n "${ASP_URL:-}" ] || asp_bail "asp_start_kannel: ASP_URL not set (call asp_write_config first)"
    mkdir -p "$dir/store"
    conf="$dir/kannel.conf"

    admin_port=$(asp_free_port) || asp_bail "no free port"
    smsbox_port=$(asp_free_port) || asp_bail "no free port"
    ASP_FAKESMSC_PORT=$(asp_free_port) || asp_bail "no free port"
    ASP_SENDSMS_PORT=$(asp_free_port) || asp_bail "no free port"
    ASP_SENDSMS_USER=asp-test
    ASP_SENDSMS_PASSWORD=asp-test-password
    ASP_KANNEL_ADMIN_URL="http://127.0.0.1:$admin_port"
    export ASP_FAKESMSC_PORT ASP_SENDSMS_PORT ASP_SENDSMS_USER ASP_SENDSMS_PASSWORD \
        ASP_KANNEL_ADMIN_URL

    # The example's get-url with our host, port and secret.
    url=$(sed -n 's/^get-url[[:space:]]*=[[:space:]]*"\(.*\)"[[:space:]]*$/\1/p' "$example")
    new=${url/http:\/\/127.0.0.1:8787\//$ASP_URL/}
    new=${new/secret=SECRET/secret=$(_asp_urlencode "$ASP_SECRET")}
    [[ $new == "$ASP_URL/kannel/mo?"*"secret=$(_asp_urlencode "$ASP_SECRET")"* ]] ||
        asp_bail "cannot adapt get-url of $example: '$url'"
    store_type=$(sed -n 's/^store-type[[:space:]]*=[[:space:]]*"\{0,1\}\([a-z]*\).*/\1/p' "$example")

    _asp_kannel_overrides "$dir" "$admin_port" "$admin_pw" "$smsbox_port" "$store_type" "$new" \
        >"$dir/overrides"
    _asp_kannel_from_example "$dir/overrides" "$example" "$conf"
    # Instead of the operator's SMSC: bearerbox listens here for fakesmsc.
    cat >>"$conf" <<EOF

group = smsc
smsc = fake
smsc-id = fake
port = $ASP_FAKESMSC_PORT
our-host = 127.0.0.1
connect-allow-ip = 127.0.0.1
EOF

    # -v 4: the log files get everything; keep the terminal quiet.
    "$bb" -v 4 "$conf" >"$dir/bearerbox.out" 2>&1 &
    pid=$!
    _asp_track "$pid" bearerbox
    ASP_KANNEL_ADMIN_URL="$ASP_KANNEL_ADMIN_URL/status.xml?password=$admin_pw"
    _asp_wait_bearerbox "$pid" || return 1

    _asp_smsbox=$sb _asp_kannel_conf=$conf
    _asp_start_smsbox
}

# Starts smsbox ($_asp_smsbox with $_asp_kannel_conf) and waits until it is
# in bearerbox's list of boxes and its sendsms port answers.
_asp_start_smsbox()
{
    local i xml
    "$_asp_smsbox" -v 4 "$_asp_kannel_conf" >>"$ASP_TMP/kannel/smsbox.out" 2>&1 &
    ASP_SMSBOX_PID=$!
    _asp_track "$ASP_SMSBOX_PID" smsbox
    for ((i = 0; ; i++)); do
        # Ready: smsbox is in bearerbox's list of boxes and sendsms answers.
        xml=$(curl -s --max-time 2 "$ASP_KANNEL_ADMIN_URL")
        if [[ $xml == *"<type>smsbox</type>"* ]] &&
            [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
                "http://127.0.0.1:$ASP_SENDSMS_PORT/cgi-bin/sendsms")" != 000 ]; then
            return 0
        fi
        if ! _asp_alive "$ASP_SMSBOX_PID" || [ "$i" -ge 200 ]; then
            _asp_kannel_failed smsbox "$ASP_SMSBOX_PID" "smsbox did not connect to bearerbox within 20 s"
            return 1
        fi
        sleep 0.1
    done
}

# asp_smsbox_revive: starts smsbox again if it died, and says so as a TAP
# comment.  Kannel 1.4.5's smsbox can abort (gwlib/conn.c conn_unregister
# assertion) when the HTTP server of a request it is sending, aspirasid
# killed with -9, resets the connection; an operator's init system restarts
# it, and a test that kills aspirasid does the same.  Returns 1 if it cannot.
asp_smsbox_revive()
{
    _asp_alive "$ASP_SMSBOX_PID" && return 0
    wait "$ASP_SMSBOX_PID" 2>/dev/null
    _asp_untrack "$ASP_SMSBOX_PID"
    echo "# smsbox died (see $ASP_TMP/kannel/smsbox.log); starting it again"
    _asp_start_smsbox
}

# Reports why a Kannel box is not ready, with the end of its log.
_asp_kannel_failed()
{
    local box=$1 pid=$2 what=$3
    _asp_alive "$pid" || echo "# $box exited"
    echo "# $what; end of $ASP_TMP/kannel/$box.log:"
    tail -n 20 "$ASP_TMP/kannel/$box.log" 2>/dev/null | sed 's/^/#   /'
    tail -n 5 "$ASP_TMP/kannel/$box.out" 2>/dev/null | sed 's/^/#   /'
}

# asp_sms FROM TEXT [TIMEOUT]: sends TEXT from FROM through the fake SMSC
# and echoes the text of the first MT that came back to FROM (a newline in
# it is shown as \n; see tests/tools/README.md).  Empty output and status 1
# when none came within TIMEOUT seconds (default 15) or fakesmsc failed.
#
# Each call runs one fakesmsc: connect, send, wait for the reply, exit.
# bearerbox serves one fake SMSC connection at a time, so calls must not
# overlap (do not run asp_sms in the background); bearerbox takes the next
# connection at once (a whole MO->MT round trip takes about 0.1 s).  An MT
# that arrives after its fakesmsc left is kept by bearerbox and handed to
# the next connection; replies to other numbers are skipped here.
asp_sms()
{
    local from=$1 text=$2 timeout=${3:-15} out status f t mt
    out=$(printf '%s %s\n' "$from" "$text" |
        "$ASP_BUILDDIR/tests/tools/fakesmsc" -p "$ASP_FAKESMSC_PORT" -n 1 -t "$timeout" \
            2>>"$ASP_TMP/kannel/fakesmsc.err")
    status=$?
    if [ "$status" -ne 0 ]; then
        echo "# asp_sms: fakesmsc exited with status $status; see $ASP_TMP/kannel/fakesmsc.err" >&2
        return 1
    fi
    while IFS=$'\t' read -r f t mt; do
        if [ "$t" = "$from" ]; then
            printf '%s\n' "$mt"
            return 0
        fi
    done <<<"$out"
    return 1
}

# asp_check_logs: one TAP line: no log of ours has an unmasked Indonesian
# phone number (+62, 62 or 08 followed by 8 or more digits, also url-encoded
# as %2B62...).  Scans every *.log directly in $ASP_TMP: aspirasid's,
# aspirasictl's and any other log a test writes there.  Kannel's logs and
# fakesmsc's output, in $ASP_TMP/kannel, are left out on purpose: Kannel
# logs full numbers by design (smsbox's "Starting to service", every failed
# get-url) and cannot be configured not to, and fakesmsc plays the phone
# network.  config/kannel.conf.example says how to limit Kannel's logs.
asp_check_logs()
{
    local files=() hits f
    for f in "$ASP_TMP"/*.log; do
        [ -f "$f" ] && files+=("$f")
    done
    if [ ${#files[@]} -eq 0 ]; then
        not_ok "logs mask phone numbers" "no log in $ASP_TMP to scan"
        return
    fi
    hits=$("$ASP_SRCDIR/tests/tools/unmasked-numbers" "${files[@]}")
    if [ -n "${ASP_VALGRIND:-}" ]; then
        _asp_check_valgrind "$hits"
    elif [ -z "$hits" ]; then
        ok "logs mask phone numbers (${#files[@]} files)"
    else
        not_ok "logs mask phone numbers (${#files[@]} files)" "$hits"
    fi
}

# With ASP_VALGRIND set, the last TAP line of a suite also says what
# memcheck found in every aspirasid it ran: the daemon still running is
# stopped first, so that its leaks are counted.  A daemon killed by a test
# (kill -9) leaves no summary and is not counted.
_asp_check_valgrind()
{
    local hits=$1 f bad="" runs=0
    _asp_alive "${ASP_DAEMON_PID:-0}" && asp_stop_daemon
    for f in "$ASP_TMP"/valgrind.*.vg; do
        [ -f "$f" ] || continue
        runs=$((runs + 1))
        # --quiet: the log holds only errors and lost blocks.
        [ -s "$f" ] && bad+="$(head -n 40 "$f")"$'\n'
    done
    if [ -z "$hits" ] && [ -z "$bad" ]; then
        ok "logs mask phone numbers; valgrind: no error and no leak in $runs runs of aspirasid"
    else
        not_ok "logs mask phone numbers; valgrind: no error and no leak in $runs runs of aspirasid" \
            "$hits$bad"
    fi
}

# ---- Kannel over SMPP: USSD --------------------------------------------------
#
# For the USSD tests: bearerbox bound as an SMPP transceiver to
# tests/tools/smppsim.js (an SMSC built with the npm package "smpp", which
# tools/check installs into tests/tools/node_modules), instead of fakesmsc.
# The test writes MO lines to smppsim and reads the MT lines it prints; see
# tests/tools/README.md for the protocol.  Functions: asp_need_smppsim,
# asp_start_kannel_smpp, asp_ussd_mo, asp_ussd_wait_mt.  Variables set:
# ASP_NODE, ASP_SMPPSIM_IN, ASP_SMPPSIM_OUT, ASP_SMPPSIM_PID,
# ASP_SMPPSIM_PORT, ASP_SMPP_SYSTEM_ID, ASP_SMPP_PASSWORD, and those of
# asp_start_kannel but ASP_FAKESMSC_PORT.

# Ends the test as skipped, with REASON: "1..0 # SKIP REASON" when nothing
# has been reported yet, else every planned test not run yet as
# "ok N # SKIP REASON".  Exits 1 if a test failed before, else 0.
_asp_skip_all()
{
    local reason=${1%%$'\n'*} n skipped=0
    if [ -z "$_asp_tap_plan" ] && [ "$_asp_tap_n" -eq 0 ]; then
        echo "1..0 # SKIP $reason"
        exit 0
    fi
    for ((n = _asp_tap_n + 1; n <= ${_asp_tap_plan:-0}; n++)); do
        echo "ok $n # SKIP $reason"
        skipped=$((skipped + 1))
    done
    [ -n "$_asp_tap_plan" ] || echo "1..$_asp_tap_n"
    echo "# $((_asp_tap_n - _asp_tap_failed)) passed, $_asp_tap_failed failed, $skipped skipped: $reason"
    [ "$_asp_tap_failed" -eq 0 ] || exit 1
    exit 0
}

# asp_need_smppsim: makes sure smppsim can run (node, and the npm package
# smpp where node finds it: tests/tools/node_modules or $NODE_PATH), and
# sets ASP_NODE.  When it cannot, the whole test is skipped (see
# _asp_skip_all), not failed: the npm registry may be out of reach.  Call it
# before the plan to skip cleanly; asp_start_kannel_smpp calls it too.
asp_need_smppsim()
{
    local why
    ASP_NODE=$(command -v node || command -v nodejs) ||
        _asp_skip_all "node not found (tools/check installs nodejs and npm)"
    export ASP_NODE
    why=$("$ASP_NODE" "$ASP_SRCDIR/tests/tools/smppsim.js" --check 2>&1) ||
        _asp_skip_all "${why#smppsim: }"
}

# asp_start_kannel_smpp: like asp_start_kannel, but the SMSC is
# tests/tools/smppsim.js over SMPP.  Starts smppsim on a free port (its
# stdin the FIFO $ASP_SMPPSIM_IN, its stdout the file $ASP_SMPPSIM_OUT, its
# log $ASP_TMP/kannel/smppsim.log with every PDU), writes
# $ASP_TMP/kannel/kannel.conf from config/kannel.conf.example (core,
# smsbox, sendsms-user and sms-service groups, get-url with meta=%D pointing
# to $ASP_URL with $ASP_SECRET) plus an smpp SMSC group "ussd" (transceiver,
# 127.0.0.1, smppsim's port, and max-sms-octets when the example's SMSC
# group sets it) and the two smpp-tlv groups of USSD
# (ussd_service_op 0x0501, its_session_info 0x1383), starts bearerbox and
# smsbox, and waits until smsbox is connected, its sendsms port answers and
# smppsim printed BOUND.  Returns 1, with the logs as TAP comments, when
# something did not get ready.  This shell keeps the FIFO open for writing,
# so smppsim sees no end of input between two MO lines (the processes
# started here do not inherit that descriptor).
asp_start_kannel_smpp()
{
    local bb=${BEARERBOX:-} sb=${SMSBOX:-} dir="$ASP_TMP/kannel" example conf
    local admin_port smsbox_port admin_pw=test-admin url new store_type i pid xml octets
    asp_need_smppsim
    example="$ASP_SRCDIR/config/kannel.conf.example"
    [ -n "$bb" ] || bb=$(command -v bearerbox || echo /usr/sbin/bearerbox)
    [ -n "$sb" ] || sb=$(command -v smsbox || echo /usr/sbin/smsbox)
    if [ ! -x "$bb" ] || [ ! -x "$sb" ]; then
        asp_bail "bearerbox/smsbox not found; on Debian: apt-get install kannel"
    fi
    [ -n "${ASP_URL:-}" ] || asp_bail "asp_start_kannel_smpp: ASP_URL not set (call asp_write_config first)"
    mkdir -p "$dir/store"
    conf="$dir/kannel.conf"

    # smppsim first: bearerbox binds as soon as it starts.
    ASP_SMPP_SYSTEM_ID=aspirasi
    ASP_SMPP_PASSWORD=smpp-pw # SMPP 3.4: at most 8 characters, Kannel cuts longer ones
    ASP_SMPPSIM_IN="$dir/smppsim.in"
    ASP_SMPPSIM_OUT="$dir/smppsim.out"
    rm -f "$ASP_SMPPSIM_IN" "$ASP_SMPPSIM_OUT"
    mkfifo "$ASP_SMPPSIM_IN" || asp_bail "mkfifo $ASP_SMPPSIM_IN failed"
    # Read-write: does not block, and keeps a writer for smppsim's whole life.
    exec {_asp_smppsim_fd}<>"$ASP_SMPPSIM_IN"
    "$ASP_NODE" "$ASP_SRCDIR/tests/tools/smppsim.js" --port 0 --verbose \
        --system-id "$ASP_SMPP_SYSTEM_ID" --password "$ASP_SMPP_PASSWORD" \
        <"$ASP_SMPPSIM_IN" >"$ASP_SMPPSIM_OUT" 2>"$dir/smppsim.log" {_asp_smppsim_fd}>&- &
    ASP_SMPPSIM_PID=$!
    _asp_track "$ASP_SMPPSIM_PID" smppsim
    export ASP_SMPPSIM_IN ASP_SMPPSIM_OUT ASP_SMPPSIM_PID ASP_SMPP_SYSTEM_ID ASP_SMPP_PASSWORD
    for ((i = 0; ; i++)); do
        ASP_SMPPSIM_PORT=$(sed -n 's/^READY \([0-9][0-9]*\)$/\1/p' "$ASP_SMPPSIM_OUT")
        [ -n "$ASP_SMPPSIM_PORT" ] && break
        if ! _asp_alive "$ASP_SMPPSIM_PID" || [ "$i" -ge 200 ]; then
            echo "# smppsim did not start listening; end of $dir/smppsim.log:"
            tail -n 20 "$dir/smppsim.log" | sed 's/^/#   /'
            return 1
        fi
        sleep 0.1
    done
    export ASP_SMPPSIM_PORT

    admin_port=$(asp_free_port) || asp_bail "no free port"
    smsbox_port=$(asp_free_port) || asp_bail "no free port"
    ASP_SENDSMS_PORT=$(asp_free_port) || asp_bail "no free port"
    ASP_SENDSMS_USER=asp-test
    ASP_SENDSMS_PASSWORD=asp-test-password
    ASP_KANNEL_ADMIN_URL="http://127.0.0.1:$admin_port"
    export ASP_SENDSMS_PORT ASP_SENDSMS_USER ASP_SENDSMS_PASSWORD ASP_KANNEL_ADMIN_URL

    # The example's get-url (meta=%D included) with our host, port and secret.
    url=$(sed -n 's/^get-url[[:space:]]*=[[:space:]]*"\(.*\)"[[:space:]]*$/\1/p' "$example")
    new=${url/http:\/\/127.0.0.1:8787\//$ASP_URL/}
    new=${new/secret=SECRET/secret=$(_asp_urlencode "$ASP_SECRET")}
    [[ $new == "$ASP_URL/kannel/mo?"*"secret=$(_asp_urlencode "$ASP_SECRET")"* ]] ||
        asp_bail "cannot adapt get-url of $example: '$url'"
    [[ $new == *"=%D"* ]] || asp_bail "the get-url of $example has no %D (meta-data): '$url'"
    store_type=$(sed -n 's/^store-type[[:space:]]*=[[:space:]]*"\{0,1\}\([a-z]*\).*/\1/p' "$example")
    # A USSD screen (182 characters) needs more than one SMS's 140 octets;
    # when the example's SMSC group raises max-sms-octets, so does ours.
    octets=$(awk '/^[ \t]*group[ \t]*=/ { g = ($0 ~ /=[ \t]*"?smsc"?[ \t]*$/) }
        g && /^[ \t]*max-sms-octets[ \t]*=/ { sub(/^[^=]*=[ \t]*/, ""); print; exit }' "$example")

    _asp_kannel_overrides "$dir" "$admin_port" "$admin_pw" "$smsbox_port" "$store_type" "$new" \
        >"$dir/overrides"
    _asp_kannel_from_example "$dir/overrides" "$example" "$conf"
    # Instead of the operator's SMSC: smppsim, and the TLVs of USSD on it.
    cat >>"$conf" <<EOC

group = smsc
smsc = smpp
smsc-id = ussd
host = 127.0.0.1
port = $ASP_SMPPSIM_PORT
transceiver-mode = true
smsc-username = $ASP_SMPP_SYSTEM_ID
smsc-password = $ASP_SMPP_PASSWORD
system-type = ""
reconnect-delay = 1${octets:+
max-sms-octets = $octets}

group = smpp-tlv
name = ussd_service_op
tag = 0x0501
type = integer
length = 1
smsc-id = ussd

group = smpp-tlv
name = its_session_info
tag = 0x1383
type = octetstring
length = 2
smsc-id = ussd
EOC

    "$bb" -v 4 "$conf" >"$dir/bearerbox.out" 2>&1 {_asp_smppsim_fd}>&- &
    pid=$!
    _asp_track "$pid" bearerbox
    ASP_KANNEL_ADMIN_URL="$ASP_KANNEL_ADMIN_URL/status.xml?password=$admin_pw"
    _asp_wait_bearerbox "$pid" || return 1

    "$sb" -v 4 "$conf" >"$dir/smsbox.out" 2>&1 {_asp_smppsim_fd}>&- &
    pid=$!
    _asp_track "$pid" smsbox
    for ((i = 0; ; i++)); do
        xml=$(curl -s --max-time 2 "$ASP_KANNEL_ADMIN_URL")
        if [[ $xml == *"<type>smsbox</type>"* ]] &&
            [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
                "http://127.0.0.1:$ASP_SENDSMS_PORT/cgi-bin/sendsms")" != 000 ]; then
            break
        fi
        if ! _asp_alive "$pid" || [ "$i" -ge 200 ]; then
            _asp_kannel_failed smsbox "$pid" "smsbox did not connect to bearerbox within 20 s"
            return 1
        fi
        sleep 0.1
    done

    for ((i = 0; ; i++)); do
        grep -q '^BOUND ' "$ASP_SMPPSIM_OUT" && return 0
        if ! _asp_alive "$ASP_SMPPSIM_PID" || [ "$i" -ge 200 ]; then
            echo "# bearerbox did not bind to smppsim within 20 s; end of $dir/smppsim.log:"
            tail -n 10 "$dir/smppsim.log" | sed 's/^/#   /'
            _asp_kannel_failed bearerbox "$(_asp_pid_of bearerbox)" "no SMPP bind"
            return 1
        fi
        sleep 0.1
    done
}

# The PID of the last process started here under NAME.
_asp_pid_of()
{
    local i
    for ((i = ${#_asp_procs[@]} - 1; i >= 0; i--)); do
        if [ "${_asp_procs[$i]#* }" = "$1" ]; then
            echo "${_asp_procs[$i]%% *}"
            return 0
        fi
    done
    return 1
}

# asp_ussd_mo FROM TO OP SESSION TEXT: makes smppsim send one USSD MO (a
# deliver_sm) to bearerbox: from FROM (e.g. +6281234567890) to TO (the
# service code, e.g. '*123#'), ussd_service_op OP (1 = the code was dialled,
# 18 = the answer to a screen sent with op 2) and its_session_info SESSION
# (hex, e.g. 0a01); "-" as OP or SESSION leaves that TLV out.  TEXT is sent
# as it is (a backslash, tab, CR or newline in it is escaped for the
# protocol here).  Returns 1 when smppsim is not running.
asp_ussd_mo()
{
    local text=${5-}
    if [ -z "${ASP_SMPPSIM_PID:-}" ] || ! _asp_alive "$ASP_SMPPSIM_PID"; then
        echo "# asp_ussd_mo: smppsim is not running (see $ASP_TMP/kannel/smppsim.log)" >&2
        return 1
    fi
    text=${text//\\/\\\\}
    text=${text//$'\n'/\\n}
    text=${text//$'\r'/\\r}
    text=${text//$'\t'/\\t}
    printf 'MO %s %s %s %s %s\n' "$1" "$2" "$3" "$4" "$text" >"$ASP_SMPPSIM_IN"
}

# asp_ussd_wait_mt N [TIMEOUT]: waits until smppsim has printed N MT lines
# (one per submit_sm from bearerbox, counted from its start) and echoes the
# Nth as printed: "MT <from> <to> <op> <session-hex> <text>", op and session
# "-" when the submit_sm lacks that TLV, a newline in the text written \n
# (tests/tools/README.md).  Read it with
#   read -r _ from to op session text <<<"$(asp_ussd_wait_mt 1)"
# Empty output and status 1 when fewer than N came within TIMEOUT seconds
# (default 15) or smppsim exited.
asp_ussd_wait_mt()
{
    local n=$1 timeout=${2:-15} i line
    for ((i = 0; ; i++)); do
        line=$(awk -v n="$n" '/^MT / && ++c == n { print; exit }' "$ASP_SMPPSIM_OUT")
        if [ -n "$line" ]; then
            printf '%s\n' "$line"
            return 0
        fi
        if ! _asp_alive "$ASP_SMPPSIM_PID"; then
            echo "# asp_ussd_wait_mt: smppsim exited (see $ASP_TMP/kannel/smppsim.log)" >&2
            return 1
        fi
        if [ "$i" -ge $((timeout * 10)) ]; then
            echo "# asp_ussd_wait_mt: fewer than $n MT lines after $timeout s in $ASP_SMPPSIM_OUT" >&2
            return 1
        fi
        sleep 0.1
    done
}

# ---- batches: requests queued behind a held intake worker --------------------
#
# With db.pool = 1 the only intake worker can be held up by a gate, so that
# the requests sent meanwhile queue and are then written as one batch: a
# transaction of psql holds a message row whose Kannel id the gate's own MO
# then waits for, until psql is cancelled and its row rolled back.

# asp_metric NAME: a value of aspirasid's /metrics, "" when absent.
asp_metric()
{
    curl -s -m 10 "$ASP_URL/metrics" | awk -v n="$1" '$1 == n { print $2; exit }'
}

# asp_until COMMAND...: runs COMMAND every 50 ms until it succeeds, for at
# most 20 s; status 1 when it never did.
asp_until()
{
    local i
    for ((i = 0; i < 400; i++)); do
        "$@" && return 0
        sleep 0.05
    done
    return 1
}

# asp_sql_is SQL VALUE: true when SQL answers VALUE.
asp_sql_is()
{
    [ "$(asp_psql "$1")" = "$2" ]
}

# asp_bg NAME CURL-ARGS...: one request in the background; its status and
# body go to $ASP_TMP/bg.NAME.code and .body (asp_bg_code, asp_bg_body).
asp_bg()
{
    local name=$1
    shift
    curl -sS -m 60 -o "$ASP_TMP/bg.$name.body" -w '%{http_code}' "$@" \
        >"$ASP_TMP/bg.$name.code" 2>>"$ASP_TMP/curl.err" &
    ASP_BG_PIDS+=($!)
}

asp_bg_code()
{
    cat "$ASP_TMP/bg.$1.code"
}

asp_bg_body()
{
    cat "$ASP_TMP/bg.$1.body"
}

# asp_queued N: waits until N jobs wait for the intake (behind the gate).
asp_queued()
{
    asp_until _asp_queued_is "$1"
}

_asp_queued_is()
{
    [ "$(asp_metric aspirasi_intake_queued_jobs)" = "$1" ]
}

# asp_gate_hold ID: a transaction of psql holds a message row with Kannel
# id ID, so that an MO with that id waits for it (in its batch, holding its
# intake worker) until asp_gate_open.
asp_gate_hold()
{
    PGAPPNAME=asp-gate psql -XAtq -d "$ASPIRASI_DB" -c "BEGIN;
        INSERT INTO messages (kannel_id, msisdn, body, raw, intent, reply)
        VALUES ('$1', '+6281100000000', 'gate', 'gate', 'unknown', 'gate');
        SELECT pg_sleep(120); COMMIT;" >/dev/null 2>&1 &
    ASP_GATE_PID=$!
    asp_until asp_sql_is "SELECT count(*) FROM pg_stat_activity
        WHERE application_name = 'asp-gate' AND wait_event = 'PgSleep'" 1 ||
        asp_bail "the gate's transaction did not start"
}

# asp_gate_close ID: the only intake worker waits on the MO with Kannel id
# ID; ASP_QUEUED counts what queues
# behind it.
asp_gate_close()
{
    asp_gate_hold "$1"
    asp_bg "$1" "$(asp_mo_url id="$1" from=+6281100000001 text="halo")"
    asp_until asp_sql_is "SELECT count(*) FROM pg_stat_activity
        WHERE application_name = 'aspirasi' AND wait_event_type = 'Lock'" 1 ||
        asp_bail "the intake worker did not wait at the gate"
    ASP_QUEUED=0
}

# asp_gate_queue NAME CURL-ARGS...: asp_bg, then waits until the request is
# queued behind the gate, so that a batch holds its jobs in the order sent.
asp_gate_queue()
{
    asp_bg "$@"
    ASP_QUEUED=$((ASP_QUEUED + 1))
    asp_queued "$ASP_QUEUED" || asp_bail "request $1 was not queued"
}

# asp_gate_open: lets the worker go on and waits for every asp_bg request.
asp_gate_open()
{
    asp_psql "SELECT pg_cancel_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'asp-gate'" >/dev/null
    wait "$ASP_GATE_PID" 2>/dev/null
    asp_bg_wait
}

# asp_bg_wait: waits for every asp_bg request.
asp_bg_wait()
{
    # Never a bare "wait": it would wait for the daemons too.
    [ ${#ASP_BG_PIDS[@]} -eq 0 ] || wait "${ASP_BG_PIDS[@]}"
    ASP_BG_PIDS=()
}

# asp_refuse KANNEL_ID...: from now on the database refuses to store a
# message with one of these Kannel ids (a trigger raises), as a database
# failing one job of a batch would; asp_refuse_end lifts it.
asp_refuse()
{
    local ids="" id
    for id in "$@"; do
        ids+="${ids:+, }'$id'"
    done
    asp_psql "CREATE FUNCTION asp_refuse() RETURNS trigger LANGUAGE plpgsql AS \$\$
    BEGIN
        IF NEW.kannel_id IN ($ids) THEN
            RAISE EXCEPTION 'the test refuses %', NEW.kannel_id;
        END IF;
        RETURN NEW;
    END \$\$;
    CREATE TRIGGER asp_refuse BEFORE INSERT ON messages
        FOR EACH ROW EXECUTE FUNCTION asp_refuse();" >/dev/null ||
        asp_bail "could not create the test's trigger"
}

asp_refuse_end()
{
    asp_psql "DROP TRIGGER asp_refuse ON messages; DROP FUNCTION asp_refuse();" >/dev/null
}

# asp_batches_since SUM COUNT: "JOBS BATCHES" written since /metrics'
# aspirasi_intake_batch_size_sum and _count were SUM and COUNT.
asp_batches_since()
{
    echo "$(($(asp_metric aspirasi_intake_batch_size_sum) - $1))" \
        "$(($(asp_metric aspirasi_intake_batch_size_count) - $2))"
}
