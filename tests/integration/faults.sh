#!/bin/bash
#
# faults.sh: a short run of tools/faults (docs/faults.md): a steady MO load
# through real Kannel while aspirasid is killed with -9, PostgreSQL is
# stopped, smsbox and bearerbox are restarted (SIGTERM, and bearerbox with
# kill -9), and aspirasid is killed in the middle of a broadcast.  Per
# scenario: no MO stored twice, no ticket made twice, no MO that Kannel
# handed over missing from PostgreSQL, every citizen whose MO is stored
# answered, and every broadcast recipient served (at most 2 twice).  What
# Kannel itself loses (tools/faults counts it apart) is reported here as
# comments.
#
# tools/faults runs its own throwaway PostgreSQL, so this test does not call
# asp_init; lib.sh gives it TAP.  Smaller than the tool's defaults: 100 MOs
# a second for 3 s per scenario.

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/lib.sh"

srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
builddir=$(cd "${top_builddir:-.}" && pwd)
[ -x "$builddir/aspirasid" ] || builddir=$srcdir
SCENARIOS="kill-aspirasid stop-postgres restart-smsbox restart-bearerbox kill-bearerbox kill-broadcast"

tap_plan 8

tmp=$(mktemp -d "${TMPDIR:-/tmp}/aspirasi-faults-test.XXXXXX") || asp_bail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
FAULTS_RATE=100 FAULTS_SECONDS=3 FAULTS_SUBSCRIBERS=200 FAULTS_RESULTS=$tmp/results.tsv \
    "$srcdir/tools/faults" --builddir "$builddir" $SCENARIOS >"$tmp/out" 2>&1
status=$?
sed 's/^/# /' "$tmp/out"
[ -s "$tmp/results.tsv" ] || asp_bail "tools/faults wrote no results (status $status)"

for sc in $SCENARIOS; do
    # Empty fields as "-": read would take two tabs in a row as one.
    row=$(awk -F '\t' -v OFS='\t' -v s="$sc" \
        '$1 == s { for (i = 1; i <= NF; i++) if ($i == "") $i = "-"; print }' "$tmp/results.tsv")
    IFS=$'\t' read -r _ sent taken stored dup duptk missing unans answered _ _ kmo kreply link _ bserved bdup journaled unfollowed <<<"$row"
    want="0 0 0 0 0"
    got="${dup:-?} ${duptk:-?} ${missing:-?} ${unans:-?} ${unfollowed:-?}"
    name="$sc: $stored of $sent MOs stored, none twice, no ticket twice, none missing, no stored citizen left unanswered by aspirasid"
    [ "${journaled:-0}" -eq 0 ] || name+=", $journaled journaled citizens answered by SMS after the replay"
    if [ "$sc" = kill-broadcast ]; then
        # At most one message repeated per sender thread (2) by the kill.
        want+=" 200 yes"
        got+=" ${bserved:-?} $([ "${bdup:-9}" -le 2 ] 2>/dev/null && echo yes || echo "no (${bdup:-?})")"
        name+=", 200 broadcast recipients served, ${bdup:-?} twice (at most 2)"
    fi
    if [ "$got" = "$want" ] && [ "${sent:-0}" -gt 0 ] && [ "$stored" -le "$taken" ]; then
        ok "$name"
    else
        not_ok "$sc" "dup dup_tickets missing unanswered unfollowed$([ "$sc" = kill-broadcast ] && echo " served broadcast_dup"): got '$got', want '$want'; row: $row"
    fi
    [ "${kmo:-0}${kreply:-0}${link:-0}" = 000 ] ||
        echo "# $sc: lost by Kannel itself: $kmo MOs in smsbox, $kreply replies, $link on the fake SMSC link ($answered of $sent answered)"
done
is "$(awk -F '\t' 'NR > 1 && $2 == "n/a"' "$tmp/results.tsv")" "" "every scenario ran"
is "$status" 0 "tools/faults exits 0"

tap_done
