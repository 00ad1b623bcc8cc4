#!/usr/bin/env bash
#
# tests/classify_corpus.sh: scores the message classifier on the evaluation
# corpus (tests/data/sms_corpus.tsv, described in tests/data/README.md).
#
# Every message of the corpus goes through "aspirasictl classify", the same
# parser as aspirasid, and what comes back is compared with the expected
# intent and argument, line by line.  Reported as TAP:
#   1      intent accuracy over all lines >= 95%
#   2-11   for each intent, the share of its lines read as that intent
#          (recall) >= 90%
#   12     no wrong ticket number: every status line whose expected argument
#          is digits gets exactly "status" and those digits
#   13-17  argument accuracy >= 90% for agenda, info, subscribe, language and
#          proposal lines whose intent was read right (for a proposal, its
#          kind and session: "question #12", not its text)
# The confusion matrix (rows expected, columns got), every misread line and
# every wrong argument are printed as TAP comments.  No database and no
# network are needed.
#
# Run by "make check" (top_srcdir and top_builddir exported), or by hand:
#   top_srcdir=/path/to/src top_builddir=/path/to/build tests/classify_corpus.sh [CORPUS]
# CORPUS defaults to $top_srcdir/tests/data/sms_corpus.tsv; any file in the
# same format can be scored the same way.

set -u
set -o pipefail

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${top_builddir:-$srcdir}
corpus=${1:-$srcdir/tests/data/sms_corpus.tsv}
ctl=$builddir/aspirasictl
conf=$srcdir/config/aspirasi.conf.example

# The thresholds, in percent.
MIN_OVERALL=95
MIN_RECALL=90
MIN_ARGUMENT=90

bail()
{
    echo "Bail out! $*"
    exit 1
}

[ -r "$corpus" ] || bail "cannot read corpus $corpus"
[ -x "$ctl" ] || bail "$ctl not found (build it with: make aspirasictl)"
[ -r "$conf" ] || bail "cannot read $conf"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/classify_corpus.XXXXXX") || bail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

# The corpus without comments and blank lines, each message with its line
# number in the file: lineno<TAB>text<TAB>intent<TAB>argument.  A malformed
# line stops the test: a corpus that cannot be read must not score.
awk -F'\t' '
BEGIN {
    split("complaint status agenda info subscribe unsubscribe help language proposal unknown", v, " ")
    for (i in v)
        known[v[i]] = 1
}
/^#/ || /^[ \r]*$/ { next }
{
    sub(/\r$/, "")
    if (NF < 2 || NF > 3 || $1 == "") {
        printf "line %d: expected text<TAB>intent<TAB>argument\n", NR > "/dev/stderr"
        bad = 1
        next
    }
    if (!($2 in known)) {
        printf "line %d: unknown intent \"%s\"\n", NR, $2 > "/dev/stderr"
        bad = 1
        next
    }
    printf "%d\t%s\t%s\t%s\n", NR, $1, $2, (NF == 3 ? $3 : "")
}
END { exit bad }
' "$corpus" >"$tmp/expected" 2>"$tmp/corpus.err" ||
    bail "malformed corpus $corpus: $(head -n 3 "$tmp/corpus.err" | tr '\n' ';')"

n=$(wc -l <"$tmp/expected")
[ "$n" -gt 0 ] || bail "no messages in $corpus"

cut -f2 "$tmp/expected" >"$tmp/texts"
"$ctl" -c "$conf" classify <"$tmp/texts" >"$tmp/got" 2>"$tmp/ctl.err" ||
    bail "aspirasictl classify failed: $(head -n 3 "$tmp/ctl.err" | tr '\n' ';')"
got_n=$(wc -l <"$tmp/got")
[ "$got_n" -eq "$n" ] || bail "aspirasictl classify printed $got_n lines for $n messages"

# lineno<TAB>text<TAB>intent<TAB>argument<TAB>got intent<TAB>got argument
paste "$tmp/expected" "$tmp/got" >"$tmp/both"

echo "# corpus: $corpus ($n messages)"
awk -F'\t' -v min_overall="$MIN_OVERALL" -v min_recall="$MIN_RECALL" \
    -v min_arg="$MIN_ARGUMENT" '
function pct(a, b)
{
    return b ? sprintf("%.1f%%", 100 * a / b) : "n/a"
}
# What is scored of an argument: all of it, but only the kind and the
# session of a proposal ("question #12 kapan ..." -> "question #12").
function scored_arg(intent, arg,    w, n)
{
    if (intent != "proposal")
        return arg
    n = split(arg, w, " ")
    return n >= 2 && w[2] ~ /^#[0-9]+$/ ? w[1] " " w[2] : w[1]
}
# One TAP line; passes when right/total reaches min percent.
function tap(name, right, total, min,    verdict)
{
    t++
    if (total == 0) {
        printf "ok %d - %s: no lines # SKIP\n", t, name
        return
    }
    verdict = right * 100 >= min * total
    if (!verdict)
        failed++
    printf "%s %d - %s: %d/%d = %s (needs %d%%)\n", verdict ? "ok" : "not ok", t, name,
        right, total, pct(right, total), min
}
BEGIN {
    nint = split("complaint status agenda info subscribe unsubscribe help language proposal unknown", names, " ")
    split("compl status agenda info subsc unsub help lang prop unkn", short, " ")
    for (i = 1; i <= nint; i++)
        idx[names[i]] = i
    nscored = split("agenda info subscribe language proposal", scored, " ")
    for (i = 1; i <= nscored; i++)
        is_scored[scored[i]] = 1
    print "1.." (1 + nint + 1 + nscored)
}
{
    line = $1; text = $2; want = $3; warg = $4; got = $5; garg = (NF >= 6 ? $6 : "")
    lines[want]++
    total++
    if (!(got in idx))
        got = "?" got              # not an intent name at all
    confusion[want, got]++
    if (got == want) {
        right[want]++
        all_right++
        if (want in is_scored) {
            args[want]++
            if (scored_arg(want, garg) == scored_arg(want, warg))
                args_right[want]++
            else
                argmiss = argmiss sprintf("#   line %d: %s: expected \"%s\", got \"%s\": %s\n",
                                          line, want, warg, garg, text)
        }
    } else {
        miss = miss sprintf("#   line %d: expected %s, got %s: %s\n", line, want, got, text)
        if (!(got in idx))
            extra[got] = 1
    }
    if (want == "status" && warg ~ /^[0-9]+$/) {
        tickets++
        if (got != "status" || garg != warg)
            ticketmiss = ticketmiss sprintf("#   line %d: expected status %s, got %s \"%s\": %s\n",
                                            line, warg, got, garg, text)
        else
            tickets_right++
    }
}
END {
    tap("intent accuracy", all_right, total, min_overall)
    for (i = 1; i <= nint; i++)
        tap("recall of " names[i], right[names[i]] + 0, lines[names[i]] + 0, min_recall)

    t++
    if (tickets_right == tickets) {
        printf "ok %d - ticket numbers: %d/%d status lines read with exactly their digits\n", t, tickets_right, tickets
    } else {
        failed++
        printf "not ok %d - ticket numbers: %d of %d status lines not read as status with exactly their digits\n",
            t, tickets - tickets_right, tickets
        printf "%s", ticketmiss
    }

    for (i = 1; i <= nscored; i++)
        tap("argument of " scored[i], args_right[scored[i]] + 0, args[scored[i]] + 0, min_arg)

    # The confusion matrix: one row per expected intent, one column per
    # intent got (and one per unexpected output, should there be any).
    ncol = nint
    for (i = 1; i <= nint; i++)
        col[i] = names[i]
    for (g in extra)
        col[++ncol] = g
    printf "# confusion matrix (rows: expected, columns: got)\n"
    printf "# %-12s", ""
    for (j = 1; j <= ncol; j++)
        printf " %6s", j <= nint ? short[j] : substr(col[j], 1, 6)
    printf " %6s %7s\n", "lines", "recall"
    for (i = 1; i <= nint; i++) {
        printf "# %-12s", names[i]
        for (j = 1; j <= ncol; j++)
            printf " %6d", confusion[names[i], col[j]]
        printf " %6d %7s\n", lines[names[i]], pct(right[names[i]], lines[names[i]])
    }
    printf "# intent accuracy %d/%d = %s; arguments:", all_right, total, pct(all_right, total)
    for (i = 1; i <= nscored; i++)
        printf " %s %d/%d", scored[i], args_right[scored[i]], args[scored[i]]
    printf "; ticket numbers %d/%d\n", tickets_right, tickets
    if (miss != "")
        printf "# misread lines (%d):\n%s", total - all_right, miss
    if (argmiss != "")
        printf "# wrong arguments:\n%s", argmiss
    if (failed)
        printf "# %d test(s) failed\n", failed
    exit failed ? 1 : 0
}
' "$tmp/both"
