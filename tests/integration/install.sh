#!/usr/bin/env bash
#
# "make install" into a scratch root (DESTDIR), as a package build does it:
# every file where Debian expects it and nothing else, the systemd unit
# naming the configured paths (and clean under systemd-analyze verify when
# that is installed), the installed programs running, the man pages
# rendering without a warning and documenting every configuration key,
# command and option the programs have, a second install keeping the
# operator's changed aspirasi.conf, and "make uninstall" removing the rest.
# No PostgreSQL: nothing here connects to a database.
#
# Run by "make check", or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/integration/install.sh

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"
# A PGHOST for asp_init alone keeps it from starting a throwaway cluster.
PGHOST=${PGHOST:-/nonexistent} asp_init "$0" "$@"

tap_plan 28

ROOT=$ASP_TMP/root
SECRET=install-test-secret

# skip NAME REASON: one test not run, reported as TAP "ok N # SKIP".
skip()
{
    _asp_tap_n=$((_asp_tap_n + 1))
    echo "ok $_asp_tap_n - $1 # SKIP $2"
}

# make_in_build ARGS...: make in the build tree, as a fresh make: the
# MAKEFLAGS of a "make check" (its jobserver) are not ours to use.
make_in_build()
{
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "${MAKE:-make}" -C "$ASP_BUILDDIR" "$@"
}

# run CMD...: runs a command, setting OUT (stdout), ERR (stderr), RC.
run()
{
    "$@" >"$ASP_TMP/run.out" 2>"$ASP_TMP/run.err" </dev/null
    RC=$?
    OUT=$(cat "$ASP_TMP/run.out")
    ERR=$(cat "$ASP_TMP/run.err")
}

# The installation directories, as configure and the Makefile expand them
# (systemdsystemunitdir is empty when configured without a unit).
bindir="" sbindir="" sysconfdir="" pkgdatadir="" docdir="" mandir="" systemdsystemunitdir=""
VARS="bindir sbindir sysconfdir pkgdatadir docdir mandir systemdsystemunitdir"
while IFS='=' read -r name value; do
    printf -v "$name" '%s' "$value"
done < <(
    # A rule added to the build's Makefile prints them, "name=value".
    # shellcheck disable=SC2016
    for v in $VARS; do
        printf '_asp_print::\n\t@printf "%%s\\n" "%s=$(%s)"\n' "$v" "$v"
    done | make_in_build -s --no-print-directory -f Makefile -f - _asp_print
)
for v in bindir sbindir sysconfdir pkgdatadir docdir mandir; do
    if [ -z "${!v}" ]; then
        asp_bail "could not read $v from $ASP_BUILDDIR/Makefile"
    fi
done
CONF=$sysconfdir/aspirasi/aspirasi.conf
UNIT=${systemdsystemunitdir:+$systemdsystemunitdir/aspirasid.service}

# ---- make install ------------------------------------------------------------

make_in_build install DESTDIR="$ROOT" >"$ASP_TMP/install.log" 2>&1
is "$?" 0 "make install DESTDIR=... exits 0"

if [ -x "$ROOT$sbindir/aspirasid" ] && [ -x "$ROOT$bindir/aspirasictl" ]; then
    ok "aspirasid in $sbindir, aspirasictl in $bindir"
else
    not_ok "aspirasid in $sbindir, aspirasictl in $bindir" "$(ls -lR "$ROOT" 2>&1 | head -n 20)"
fi

missing=""
for m in man1/aspirasictl.1 man5/aspirasi.conf.5 man8/aspirasid.8; do
    cmp -s "$ASP_SRCDIR/man/$(basename "$m")" "$ROOT$mandir/$m" || missing+=" $m"
done
is "$missing" "" "the man pages in $mandir/man1, man5 and man8"

# Every migration of the source tree, and only those, as they are there.
want=$(cd "$ASP_SRCDIR/db/migrations" && ls -1 ./*.sql | sed 's|^\./||')
got=$(cd "$ROOT$pkgdatadir/migrations" 2>/dev/null && ls -1)
is "$got" "$want" "the migrations in $pkgdatadir/migrations"
differ=""
for f in $want; do
    cmp -s "$ASP_SRCDIR/db/migrations/$f" "$ROOT$pkgdatadir/migrations/$f" || differ+=" $f"
done
is "$differ" "" "the installed migrations are the source's"

differ=""
for f in aspirasi.conf.example kannel.conf.example; do
    cmp -s "$ASP_SRCDIR/config/$f" "$ROOT$docdir/examples/$f" || differ+=" $f"
done
is "$differ" "" "the example configurations in $docdir/examples"

if cmp -s "$ASP_SRCDIR/config/aspirasi.conf.example" "$ROOT$CONF"; then
    is "$(stat -c %a "$ROOT$CONF")" 640 "a first install puts the example in $CONF, mode 640"
else
    not_ok "a first install puts the example in $CONF, mode 640" "$(ls -l "$ROOT$CONF" 2>&1)"
fi

# Nothing is installed but the files above.
expected=("$sbindir/aspirasid" "$bindir/aspirasictl" "$mandir/man1/aspirasictl.1"
    "$mandir/man5/aspirasi.conf.5" "$mandir/man8/aspirasid.8" "$docdir/examples/aspirasi.conf.example"
    "$docdir/examples/kannel.conf.example" "$CONF")
for f in $want; do
    expected+=("$pkgdatadir/migrations/$f")
done
[ -n "$UNIT" ] && expected+=("$UNIT")
# (A unit directory under distcheck's prefix may come with a "//".)
is "$(cd "$ROOT" && find . ! -type d | sed 's|^\.||' | LC_ALL=C sort)" \
    "$(printf '%s\n' "${expected[@]}" | sed 's|//*|/|g' | LC_ALL=C sort)" \
    "make install installs those files and no other"

# ---- the systemd unit --------------------------------------------------------

if [ -z "$UNIT" ]; then
    for t in "the unit" "its ExecStart" "its EnvironmentFile" "no placeholder left" \
        "systemd-analyze verify"; do
        skip "$t" "configured --without-systemdsystemunitdir"
    done
else
    if cmp -s "$ASP_BUILDDIR/config/aspirasid.service" "$ROOT$UNIT"; then
        ok "the unit in $systemdsystemunitdir"
    else
        not_ok "the unit in $systemdsystemunitdir" "$(ls -l "$ROOT$UNIT" 2>&1)"
    fi
    is "$(grep '^ExecStart=' "$ROOT$UNIT")" "ExecStart=$sbindir/aspirasid -c $CONF" \
        "the unit starts the installed aspirasid with the installed configuration"
    is "$(grep '^EnvironmentFile=' "$ROOT$UNIT")" "EnvironmentFile=-$sysconfdir/default/aspirasid" \
        "the unit reads the secrets from $sysconfdir/default/aspirasid"
    is "$(grep -n '@[a-z_]*@' "$ROOT$UNIT")" "" "no placeholder left in the unit"

    # verify checks that ExecStart= is executable and that the man pages
    # of Documentation= exist, so the copy it reads runs the program from
    # DESTDIR and man looks there.  It exits 0 even for an unknown key or
    # a bad value ("..., ignoring"): any output is a failure.
    if command -v systemd-analyze >/dev/null 2>&1; then
        mkdir -p "$ASP_TMP/unit"
        sed "s|^ExecStart=$sbindir/|ExecStart=$ROOT$sbindir/|" "$ROOT$UNIT" \
            >"$ASP_TMP/unit/aspirasid.service"
        out=$(MANPATH=$ROOT$mandir SYSTEMD_LOG_COLOR=0 \
            systemd-analyze verify "$ASP_TMP/unit/aspirasid.service" 2>&1)
        rc=$?
        is "$rc:$out" "0:" "systemd-analyze verify accepts the unit without a warning"
    else
        skip "systemd-analyze verify" "systemd-analyze is not installed"
    fi
fi

# ---- the installed programs ----------------------------------------------------

run "$ROOT$sbindir/aspirasid" -h
like "$RC:$ERR" "^2:usage: aspirasid .*default $CONF\)" \
    "aspirasid -h prints its usage, naming $CONF, and exits 2"

ASPIRASI_KANNEL_SECRET=$SECRET run "$ROOT$sbindir/aspirasid" -n -c "$ROOT$CONF"
is "$RC:$OUT" "0:$ROOT$CONF: configuration is valid" \
    "the installed aspirasid accepts the installed configuration (-n)"

run "$ROOT$bindir/aspirasictl"
like "$RC:$ERR" "^2:usage: aspirasictl " "aspirasictl without a command prints its usage and exits 2"

run "$ROOT$bindir/aspirasictl" -c "$ROOT$CONF" keywords
KEYWORDS=$OUT
like "$RC:$(printf '%s\n' "$OUT" | wc -l):$OUT" "^0:9:complaint +ADUAN " \
    "the installed aspirasictl runs a command (keywords)"

# ---- the man pages -------------------------------------------------------------

# Man pages as text, one paragraph or tag per line (no line breaks, hence no
# hyphenation), \- as "-".
render()
{
    groff -man -Tascii -P-cbou -rLL=4000n "$1" 2>/dev/null
}

if command -v groff >/dev/null 2>&1 && command -v man >/dev/null 2>&1; then
    for m in man8/aspirasid.8 man1/aspirasictl.1 man5/aspirasi.conf.5; do
        w1=$(groff -man -ww -z "$ROOT$mandir/$m" 2>&1)
        w2=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$ROOT$mandir/$m" 2>&1 >/dev/null)
        is "$w1$w2" "" "$(basename "$m") renders without a warning (groff -ww, man --warnings)"
    done

    # aspirasi.conf(5) against config/cfg.c's table: each key with its type,
    # range and default as the table has them, and its environment variable.
    CONF5=$(render "$ROOT$mandir/man5/aspirasi.conf.5")
    bad=""
    while read -r kind key rest; do
        case $kind in
        INT | SIZE)
            read -r lo hi def _ <<<"${rest//,/ }"
            want="$key (integer, $lo..$hi, default $def)"
            ;;
        STRING)
            def=$(sed -E 's/^, *("[^"]*").*/\1/' <<<"$rest")
            want="$key (string, default $def"
            env=$(sed -nE 's/^, *"[^"]*", *"([A-Z_]+)".*/\1/p' <<<"$rest")
            if [ -n "$env" ] && ! grep -q "Environment: $env" <<<"$CONF5"; then
                bad+="$key: $env"$'\n'
            fi
            ;;
        ADDRS) want="$key (array of strings" ;;
        MENU | STATUSES) want="$key (list of groups" ;;
        WORDS) want="${key#keywords.} " ;;
        esac
        grep -qF -- "$want" <<<"$CONF5" || bad+="$want"$'\n'
    done < <(sed -nE 's/^ *(STRING|INT|SIZE|ADDRS|MENU|STATUSES|WORDS)\( *"([a-z_.]+)"(.*)$/\1 \2 \3/p' \
        "$ASP_SRCDIR/config/cfg.c")
    is "$bad" "" "aspirasi.conf(5) documents every key with its type, range, default and variable"

    # Its lists of keywords are the built-in ones.
    bad=""
    while read -r line; do
        grep -qE "^ +$(sed -E 's/ +/ +/g' <<<"$line")\$" <<<"$CONF5" || bad+="$line"$'\n'
    done <<<"$KEYWORDS"
    is "$bad" "" "aspirasi.conf(5) lists the built-in keywords as aspirasictl keywords prints them"

    bad=""
    for r in $(sed -nE 's/^ *ID\( *"([a-z_]+)".*/\1/p' "$ASP_SRCDIR/config/cfg.c"); do
        # A tag of the page's own list (the keyword lists are indented further).
        grep -qE "^ {7}$r( |\$)" <<<"$CONF5" || bad+=" $r"
    done
    is "$bad" "" "aspirasi.conf(5) documents every reply template"

    # aspirasictl(1) against the usage texts of the installed aspirasictl.
    CTL1=$(render "$ROOT$mandir/man1/aspirasictl.1")
    usages=$(
        "$ROOT$bindir/aspirasictl" 2>&1
        for g in agenda info broadcast; do
            "$ROOT$bindir/aspirasictl" -c "$ROOT$CONF" "$g" help 2>&1
        done
        "$ROOT$bindir/aspirasictl" -c "$ROOT$CONF" staff help 2>&1 | sed -E 's/^  ([a-z])/  staff \1/'
    )
    # "  agenda add|change ...", "  ticket list ...", "  migrate   ...": one
    # "group sub" (or "group") per line.
    commands=$(sed -nE 's/^  ([a-z]+)( ([a-z|-]+))?( .*)?$/\1 \3/p' <<<"$usages" |
        while read -r group subs; do
            [ -n "$subs" ] || echo "$group"
            for sub in ${subs//|/ }; do
                echo "$group $sub"
            done
        done | sort -u)
    bad=""
    while read -r cmd; do
        grep -qE "^ +$cmd( |\$)" <<<"$CTL1" || bad+=" [$cmd]"
    done <<<"$commands"
    is "$bad" "" "aspirasictl(1) documents every command of the usage texts"

    # aspirasid(8) against the options of its usage.
    D8=$(render "$ROOT$mandir/man8/aspirasid.8")
    run "$ROOT$sbindir/aspirasid" -h
    bad=""
    for o in $(sed -nE 's/^  (-[a-z]).*/\1/p' <<<"$ERR") -h; do
        grep -qE "^ +$o( |\$)" <<<"$D8" || bad+=" $o"
    done
    is "$bad" "" "aspirasid(8) documents every option"
else
    for t in aspirasid.8 aspirasictl.1 aspirasi.conf.5 "keys" "keywords" "replies" "commands" \
        "options"; do
        skip "man page: $t" "groff or man is not installed (apt-get install groff-base man-db)"
    done
fi

# ---- a second install, and uninstall ---------------------------------------------

echo 'log_level = "debug"; # changed by the operator' >>"$ROOT$CONF"
cp "$ROOT$CONF" "$ASP_TMP/changed.conf"
make_in_build install DESTDIR="$ROOT" >"$ASP_TMP/install2.log" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && cmp -s "$ASP_TMP/changed.conf" "$ROOT$CONF"; then
    ok "a second make install keeps the operator's changed aspirasi.conf"
else
    not_ok "a second make install keeps the operator's changed aspirasi.conf" \
        "exit $rc; $(diff "$ASP_TMP/changed.conf" "$ROOT$CONF" 2>&1 | head -n 5)"
fi

make_in_build uninstall DESTDIR="$ROOT" >"$ASP_TMP/uninstall.log" 2>&1
is "$?:$(cd "$ROOT" && find . ! -type d | sed 's|^\.||')" "0:$CONF" \
    "make uninstall removes everything but the changed aspirasi.conf"

make_in_build install DESTDIR="$ROOT" >>"$ASP_TMP/install2.log" 2>&1
cp "$ASP_SRCDIR/config/aspirasi.conf.example" "$ROOT$CONF"
make_in_build uninstall DESTDIR="$ROOT" >>"$ASP_TMP/uninstall.log" 2>&1
is "$?:$(cd "$ROOT" && find . ! -type d)" "0:" \
    "make uninstall also removes aspirasi.conf while it is the unchanged example"

tap_done
