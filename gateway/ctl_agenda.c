/*
 * aspirasictl agenda and info: how the secretariat keeps the agenda of the
 * DPRD and the information pages citizens read by SMS.
 *
 * Everything staff type is checked before it is written, by the checks
 * the staff API shares (gateway/agenda_ops.c): dates are real calendar
 * dates, an end is not before its start, types and komisi are known ones,
 * texts fit their columns, and an information page is GSM-7 and fits one
 * SMS.  What can be checked alone is checked before the database is
 * touched.  Each refusal says which option is wrong and why, and exits 1;
 * a command used wrongly prints the usage and exits 2.
 * Times are local to the configured zone (cfg->timezone) and converted by
 * the server.  Phone numbers are masked unless --full-number is given.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/xmalloc.h"
#include "config/cfg.h"
#include "db/db.h"
#include "gateway/agenda_ops.h"
#include "gateway/ctl.h"
#include "parsers/gsm7.h"
#include "parsers/msisdn.h"

#define STDIN_MAX (64 * 1024) /* bytes of an info text read from stdin */

/* "agenda list --all" starts on the first day of AGENDA_YEAR_MIN, so it
 * reaches every session staff could have entered. */
#define ALL_SINCE "1900-01-01"

/* ---- usage -------------------------------------------------------------- */

static void
agenda_usage(const struct cfg *c, FILE *f)
{
    fprintf(f,
            "usage: aspirasictl [-c FILE] agenda COMMAND\n"
            "  agenda add --type TYPE --title TEXT --start \"YYYY-MM-DD HH:MM\"\n"
            "             [--end \"YYYY-MM-DD HH:MM\" | --end HH:MM] [--komisi I-IV]\n"
            "             [--place TEXT] [--summary TEXT] [--closed]\n"
            "                            add a session; prints its number\n"
            "  agenda change ID [--type ..] [--title ..] [--start ..] [--end ..|none]\n"
            "             [--komisi ..|none] [--place ..] [--summary ..] [--closed|--public]\n"
            "                            change only the fields given\n"
            "  agenda cancel ID [--reason TEXT]\n"
            "  agenda restore ID         undo a cancellation\n"
            "  agenda list [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--komisi I-IV] [--all]\n"
            "                            sessions not ended yet (--all: past and cancelled\n"
            "                            ones too); --to is the last day listed\n"
            "  agenda show ID            every field and the number of inputs\n"
            "  agenda inputs ID|general [--full-number]\n"
            "                            proposals and questions for session ID, or naming\n"
            "                            no session, oldest first\n"
            "  agenda help\n"
            "types: paripurna komisi rdp reses banmus banggar lain\n"
            "komisi: I, II, III or IV (or 1-4); a session of type komisi needs one\n"
            "times are local, in %s (the config's timezone), unless they end in an\n"
            "offset as in ISO 8601 (\"2025-12-02T02:00Z\", \"2025-12-02 09:00+07:00\")\n",
            c->timezone);
}

static void
info_usage(FILE *f)
{
    fprintf(f,
            "usage: aspirasictl [-c FILE] info COMMAND\n"
            "  info set TOPIC TEXT       save a page (TEXT \"-\": read it from stdin); TOPIC is\n"
            "                            1-20 letters or digits, TEXT one SMS: GSM-7, at\n"
            "                            most 160 characters (^ { } \\ [ ~ ] | and the euro\n"
            "                            sign count two)\n"
            "  info show TOPIC\n"
            "  info list\n"
            "  info remove TOPIC\n"
            "  info requests [DAYS]      what citizens asked by AGENDA and INFO in the last\n"
            "                            DAYS days (30): most asked first\n"
            "  info help\n");
}

/* ---- values ------------------------------------------------------------- */

static const char *const wday_names[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

static const char *const roman[5] = {"-", "I", "II", "III", "IV"};

int
ctl_parse_komisi(const char *s, int none_ok, int *out)
{
    char err[AGENDA_ERR_MAX];

    if (agenda_parse_komisi("--komisi", "none", s, none_ok, out, err) < 0) {
        fprintf(stderr, "aspirasictl: %s\n", err);
        return -1;
    }
    return 0;
}

int
ctl_parse_id(const char *s, const char *what, int64_t *id)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 || v < 1) {
        fprintf(stderr, "aspirasictl: \"%s\" is not a %s number (such as 12)\n", s, what);
        return -1;
    }
    *id = (int64_t)v;
    return 0;
}

/* ---- agenda options --------------------------------------------------------- */

enum {
    O_TYPE = 1 << 0,
    O_TITLE = 1 << 1,
    O_START = 1 << 2,
    O_END = 1 << 3,
    O_KOMISI = 1 << 4,
    O_PLACE = 1 << 5,
    O_CLOSED = 1 << 6,
    O_PUBLIC = 1 << 7,
    O_SUMMARY = 1 << 8,
    O_REASON = 1 << 9,
    O_FROM = 1 << 10,
    O_TO = 1 << 11,
    O_ALL = 1 << 12,
    O_FULL = 1 << 13,
};

#define O_FIELDS                                                                                   \
    (O_TYPE | O_TITLE | O_START | O_END | O_KOMISI | O_PLACE | O_CLOSED | O_PUBLIC | O_SUMMARY)

static const struct option agenda_options[] = {{"type", required_argument, NULL, O_TYPE},
                                               {"title", required_argument, NULL, O_TITLE},
                                               {"start", required_argument, NULL, O_START},
                                               {"end", required_argument, NULL, O_END},
                                               {"komisi", required_argument, NULL, O_KOMISI},
                                               {"place", required_argument, NULL, O_PLACE},
                                               {"closed", no_argument, NULL, O_CLOSED},
                                               {"public", no_argument, NULL, O_PUBLIC},
                                               {"summary", required_argument, NULL, O_SUMMARY},
                                               {"reason", required_argument, NULL, O_REASON},
                                               {"from", required_argument, NULL, O_FROM},
                                               {"to", required_argument, NULL, O_TO},
                                               {"all", no_argument, NULL, O_ALL},
                                               {"full-number", no_argument, NULL, O_FULL},
                                               {NULL, 0, NULL, 0}};

/* What the options of one agenda command said. */
struct agenda_args {
    unsigned given; /* O_* */
    const char *type, *title, *start, *end, *komisi, *place, *summary, *reason, *from, *to;
};

static const char *
option_name(unsigned bit)
{
    for (const struct option *o = agenda_options; o->name != NULL; o++)
        if ((unsigned)o->val == bit)
            return o->name;
    return "?";
}

/* Checks the fields the options give (stopping at the first mistake)
 * before anything is read or written.  Returns 0, or -1 after saying
 * why. */
static int
check_fields(const struct agenda_args *a, int change, struct agenda_edit *e)
{
    struct agenda_input in = {.public_ = -1};
    char err[AGENDA_ERR_MAX];

    if ((a->given & O_CLOSED) && (a->given & O_PUBLIC)) {
        fprintf(stderr, "aspirasictl: --closed and --public contradict each other\n");
        return -1;
    }
    in.type = (a->given & O_TYPE) ? a->type : NULL;
    in.komisi = (a->given & O_KOMISI) ? a->komisi : NULL;
    in.title = (a->given & O_TITLE) ? a->title : NULL;
    in.place = (a->given & O_PLACE) ? a->place : NULL;
    in.summary = (a->given & O_SUMMARY) ? a->summary : NULL;
    in.starts = (a->given & O_START) ? a->start : NULL;
    if (a->given & O_END) {
        if (strcasecmp(a->end, "none") == 0 || strcmp(a->end, "-") == 0)
            in.ends_none = 1;
        else
            in.ends = a->end;
    }
    if (a->given & O_CLOSED)
        in.public_ = 0;
    else if (a->given & O_PUBLIC)
        in.public_ = 1;
    if (agenda_session_check(&in, &agenda_cli_names, change, e, err) < 0) {
        fprintf(stderr, "aspirasictl: %s\n", err);
        return -1;
    }
    return 0;
}

/* Ends the transaction of one write of agenda_ops: commits it when the
 * write was done, else rolls it back.  Returns what the write returned; a
 * failed commit is AGENDA_FAILED. */
static enum agenda_result
write_end(struct db *db, enum agenda_result rc)
{
    if (rc == AGENDA_OK) {
        if (db_commit(db) < 0)
            return AGENDA_FAILED;
    } else {
        db_rollback(db);
    }
    return rc;
}

/* ---- agenda commands ---------------------------------------------------------- */

static int
agenda_add(const struct cfg *c, const struct agenda_args *a)
{
    struct agenda_edit e;
    struct db_session s;
    struct db *db;
    char actor[80], err[AGENDA_ERR_MAX];
    enum agenda_result rc;

    if (check_fields(a, 0, &e) < 0)
        return 1;
    db = ctl_db(c);
    rc = AGENDA_FAILED;
    if (db_begin(db) == 0)
        rc = write_end(db, agenda_session_add(db, c, ctl_actor(actor, sizeof(actor)), &e, &s, err));
    db_close(db);
    if (rc == AGENDA_FAILED) {
        fprintf(stderr, "aspirasictl: the session was not added\n");
        return 1;
    }
    if (rc != AGENDA_OK) {
        fprintf(stderr, "aspirasictl: %s\n", err);
        return 1;
    }
    printf("added session %" PRId64 "\n", s.id);
    return 0;
}

static int
agenda_change(const struct cfg *c, const struct agenda_args *a, int64_t id)
{
    struct agenda_edit e;
    struct db_session s;
    struct db *db;
    char actor[80], err[AGENDA_ERR_MAX];
    enum agenda_result rc;

    if (check_fields(a, 1, &e) < 0)
        return 1;
    db = ctl_db(c);
    rc = AGENDA_FAILED;
    if (db_begin(db) == 0)
        rc = write_end(
            db, agenda_session_change(db, c, ctl_actor(actor, sizeof(actor)), id, &e, &s, err));
    db_close(db);
    if (rc == AGENDA_FAILED) {
        fprintf(stderr, "aspirasictl: session %" PRId64 " was not changed\n", id);
        return 1;
    }
    if (rc != AGENDA_OK) {
        fprintf(stderr, "aspirasictl: %s\n", err);
        return 1;
    }
    printf("changed session %" PRId64 "\n", id);
    return 0;
}

static int
agenda_cancel(const struct cfg *c, const struct agenda_args *a, int64_t id, int cancel)
{
    const char *reason = (a->given & O_REASON) ? a->reason : NULL;
    struct db *db;
    char actor[80], err[AGENDA_ERR_MAX];
    enum agenda_result rc;

    /* The reason is checked before connecting, as every option is. */
    if (reason != NULL &&
        agenda_check_text(agenda_cli_names.reason, reason, AGENDA_REASON_MAX, 0, err) < 0) {
        fprintf(stderr, "aspirasictl: %s\n", err);
        return 1;
    }
    db = ctl_db(c);
    rc = agenda_session_cancel(db, ctl_actor(actor, sizeof(actor)), id, cancel, reason,
                               &agenda_cli_names, err);
    db_close(db);
    if (rc == AGENDA_FAILED) {
        fprintf(stderr, "aspirasictl: session %" PRId64 " was not %s\n", id,
                cancel ? "cancelled" : "restored");
        return 1;
    }
    if (rc != AGENDA_OK) {
        fprintf(stderr, "aspirasictl: %s\n", err);
        return 1;
    }
    printf("%s session %" PRId64 "\n", cancel ? "cancelled" : "restored", id);
    return 0;
}

static void
list_row(void *ctx, const struct db_session *s)
{
    (void)ctx;
    printf("%4" PRId64 "  %s  %-16s  %-9s  %-3s  ", s->id, s->starts, s->ends[0] ? s->ends : "-",
           s->type, roman[s->komisi >= 0 && s->komisi <= 4 ? s->komisi : 0]);
    ctl_print_field(s->title, strlen(s->title));
    if (s->place[0] != '\0') {
        fputs("  @ ", stdout);
        ctl_print_field(s->place, strlen(s->place));
    }
    if (s->cancelled || !s->public_)
        printf("  [%s%s%s]", s->cancelled ? "CANCELLED" : "",
               s->cancelled && !s->public_ ? ", " : "", !s->public_ ? "closed" : "");
    putchar('\n');
}

static int
agenda_list(const struct cfg *c, const struct agenda_args *a)
{
    struct db_session_query q = {0};
    struct agenda_time from, to;
    char sfrom[16], sto[16], err[AGENDA_ERR_MAX];
    struct db *db;
    int n, total = 0;

    if (((a->given & O_FROM) && agenda_parse_day("--from", a->from, &from, err) < 0) ||
        ((a->given & O_TO) && agenda_parse_day("--to", a->to, &to, err) < 0)) {
        fprintf(stderr, "aspirasictl: %s\n", err);
        return 1;
    }
    if ((a->given & O_KOMISI) && ctl_parse_komisi(a->komisi, 0, &q.komisi) < 0)
        return 1;
    if ((a->given & O_FROM) && (a->given & O_TO) && agenda_time_cmp(&to, &from) < 0) {
        fprintf(stderr, "aspirasictl: --to %s is before --from %s\n", a->to, a->from);
        return 1;
    }
    if (a->given & O_FROM) {
        agenda_day_format(&from, sfrom);
        q.from = sfrom;
    } else if (a->given & O_ALL) {
        q.from = ALL_SINCE;
    }
    if (a->given & O_TO) {
        /* Staff name the last day they want; the query's bound is the day
         * after it. */
        agenda_next_day(&to);
        agenda_day_format(&to, sto);
        q.to = sto;
    }
    q.include_cancelled = (a->given & O_ALL) != 0;
    q.limit = 0;
    db = ctl_db(c);
    n = db_session_list(db, &q, c->timezone, list_row, NULL, &total);
    db_close(db);
    if (n < 0) {
        fprintf(stderr, "aspirasictl: cannot list the sessions\n");
        return 1;
    }
    if (n == 0)
        fprintf(stderr, "aspirasictl: no sessions%s\n",
                (a->given & O_ALL) ? "" : " (--all shows past and cancelled ones too)");
    return ferror(stdout) ? 1 : 0;
}

static void
count_input(void *ctx, const struct db_input *in)
{
    (void)in;
    (*(int *)ctx)++;
}

static void
show_line(const char *label, const char *value)
{
    printf("%-9s ", label);
    ctl_print_field(value, strlen(value));
    putchar('\n');
}

static int
agenda_show(const struct cfg *c, int64_t id)
{
    struct db_session s;
    struct db *db;
    char buf[64];
    int rc, count = 0, n = 0;

    db = ctl_db(c);
    if ((rc = db_session_get(db, id, c->timezone, &s)) == 1 &&
        (n = db_input_list(db, id, c->timezone, count_input, &count)) < 0)
        rc = -1;
    db_close(db);
    if (rc == 0) {
        fprintf(stderr, "aspirasictl: no session %" PRId64 "\n", id);
        return 1;
    }
    if (rc < 0) {
        fprintf(stderr, "aspirasictl: cannot read session %" PRId64 "\n", id);
        return 1;
    }
    printf("session:  %" PRId64 "\n", s.id);
    show_line("type:", s.type);
    show_line("komisi:", roman[s.komisi >= 0 && s.komisi <= 4 ? s.komisi : 0]);
    show_line("title:", s.title);
    printf("start:    %s %s (%s)\n", s.starts, wday_names[s.wday >= 0 && s.wday < 7 ? s.wday : 0],
           c->timezone);
    show_line("end:", s.ends[0] != '\0' ? s.ends : "-");
    show_line("place:", s.place[0] != '\0' ? s.place : "-");
    show_line("public:", s.public_ ? "yes" : "no (closed)");
    show_line("summary:", s.summary[0] != '\0' ? s.summary : "-");
    if (s.cancelled) {
        printf("status:   CANCELLED");
        if (s.cancel_reason[0] != '\0') {
            fputs(": ", stdout);
            ctl_print_field(s.cancel_reason, strlen(s.cancel_reason));
        }
        putchar('\n');
    } else {
        show_line("status:", "scheduled");
    }
    snprintf(buf, sizeof(buf), "%d", n);
    show_line("inputs:", buf);
    return ferror(stdout) ? 1 : 0;
}

static void
input_row(void *ctx, const struct db_input *in)
{
    const int *full = ctx;
    char masked[MSISDN_MAX + 8];

    printf("%s  %-8s  %-15s  ", in->created, in->kind,
           *full ? in->msisdn : msisdn_mask(in->msisdn, masked, sizeof(masked)));
    ctl_print_field(in->body, strlen(in->body));
    putchar('\n');
}

static int
agenda_inputs(const struct cfg *c, const struct agenda_args *a, const char *which)
{
    struct db_session s;
    struct db *db;
    int64_t id = 0;
    int full = (a->given & O_FULL) != 0, rc = 1, n;

    if (strcasecmp(which, "general") != 0 && ctl_parse_id(which, "session", &id) < 0)
        return 1;
    db = ctl_db(c);
    if (id > 0 && (rc = db_session_get(db, id, c->timezone, &s)) != 1) {
        db_close(db);
        if (rc == 0)
            fprintf(stderr, "aspirasictl: no session %" PRId64 "\n", id);
        else
            fprintf(stderr, "aspirasictl: cannot read session %" PRId64 "\n", id);
        return 1;
    }
    n = db_input_list(db, id, c->timezone, input_row, &full);
    db_close(db);
    if (n < 0) {
        fprintf(stderr, "aspirasictl: cannot list the inputs\n");
        return 1;
    }
    if (n == 0 && id > 0)
        fprintf(stderr, "aspirasictl: no inputs for session %" PRId64 "\n", id);
    else if (n == 0)
        fprintf(stderr, "aspirasictl: no general inputs (naming no session)\n");
    return ferror(stdout) ? 1 : 0;
}

/* Which options each command takes, and how many arguments. */
static const struct {
    const char *name;
    unsigned options;
    int args;
} agenda_commands[] = {
    {"add", O_FIELDS, 0},
    {"change", O_FIELDS, 1},
    {"cancel", O_REASON, 1},
    {"restore", 0, 1},
    {"list", O_FROM | O_TO | O_KOMISI | O_ALL, 0},
    {"show", 0, 1},
    {"inputs", O_FULL, 1},
};

int
ctl_agenda(const struct cfg *c, int argc, char **argv)
{
    struct agenda_args a = {0};
    const char *sub;
    size_t k;
    int64_t id = 0;
    int ch;

    if (argc < 2)
        goto usage;
    sub = argv[1];
    if (strcmp(sub, "help") == 0 || strcmp(sub, "--help") == 0) {
        agenda_usage(c, stdout);
        return 0;
    }
    for (k = 0; k < sizeof(agenda_commands) / sizeof(agenda_commands[0]); k++)
        if (strcmp(sub, agenda_commands[k].name) == 0)
            break;
    if (k == sizeof(agenda_commands) / sizeof(agenda_commands[0])) {
        fprintf(stderr, "aspirasictl: unknown agenda command \"%s\"\n", sub);
        goto usage;
    }

    /* Parse from the subcommand on (it stands as getopt's argv[0]), with
     * options anywhere; getopt's own messages are replaced by ours. */
    argc--;
    argv++;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":", agenda_options, NULL)) != -1) {
        switch (ch) {
        case ':':
            fprintf(stderr, "aspirasictl: agenda %s: %s needs a value\n", sub, argv[optind - 1]);
            goto usage;
        case '?':
            if (optopt != 0)
                fprintf(stderr, "aspirasictl: agenda %s: unknown option -%c\n", sub, optopt);
            else
                fprintf(stderr, "aspirasictl: agenda %s: unknown option %s\n", sub,
                        argv[optind - 1]);
            goto usage;
        default:
            break;
        }
        if (!(agenda_commands[k].options & (unsigned)ch)) {
            fprintf(stderr, "aspirasictl: agenda %s does not take --%s\n", sub,
                    option_name((unsigned)ch));
            goto usage;
        }
        a.given |= (unsigned)ch;
        switch (ch) {
        case O_TYPE:
            a.type = optarg;
            break;
        case O_TITLE:
            a.title = optarg;
            break;
        case O_START:
            a.start = optarg;
            break;
        case O_END:
            a.end = optarg;
            break;
        case O_KOMISI:
            a.komisi = optarg;
            break;
        case O_PLACE:
            a.place = optarg;
            break;
        case O_SUMMARY:
            a.summary = optarg;
            break;
        case O_REASON:
            a.reason = optarg;
            break;
        case O_FROM:
            a.from = optarg;
            break;
        case O_TO:
            a.to = optarg;
            break;
        default: /* the flags: --closed, --public, --all, --full-number */
            break;
        }
    }
    argc -= optind;
    argv += optind;
    if (argc != agenda_commands[k].args) {
        fprintf(stderr, "aspirasictl: agenda %s takes %s\n", sub,
                agenda_commands[k].args == 0 ? "no arguments besides its options"
                : strcmp(sub, "inputs") == 0 ? "a session number or \"general\""
                                             : "a session number");
        goto usage;
    }

    if (strcmp(sub, "add") == 0) {
        if ((a.given & (O_TYPE | O_TITLE | O_START)) != (O_TYPE | O_TITLE | O_START)) {
            fprintf(stderr, "aspirasictl: agenda add needs --type, --title and --start\n");
            goto usage;
        }
        return agenda_add(c, &a);
    }
    if (strcmp(sub, "list") == 0)
        return agenda_list(c, &a);
    if (strcmp(sub, "inputs") == 0)
        return agenda_inputs(c, &a, argv[0]);
    if (strcmp(sub, "change") == 0 && (a.given & O_FIELDS) == 0) {
        fprintf(stderr, "aspirasictl: agenda change: nothing to change; give the fields to "
                        "change as options\n");
        goto usage;
    }
    if (ctl_parse_id(argv[0], "session", &id) < 0)
        return 1;
    if (strcmp(sub, "change") == 0)
        return agenda_change(c, &a, id);
    if (strcmp(sub, "cancel") == 0)
        return agenda_cancel(c, &a, id, 1);
    if (strcmp(sub, "restore") == 0)
        return agenda_cancel(c, &a, id, 0);
    return agenda_show(c, id);
usage:
    agenda_usage(c, stderr);
    return 2;
}

/* ---- info --------------------------------------------------------------------- */

/* Lower-cases a topic into out and checks it (agenda_info_topic()). */
static int
parse_topic(const char *s, char out[AGENDA_TOPIC_MAX + 1])
{
    char err[AGENDA_ERR_MAX];

    if (agenda_info_topic(s, out, err) < 0) {
        fprintf(stderr, "aspirasictl: %s\n", err);
        return -1;
    }
    return 0;
}

/* Reads the whole of stdin (at most STDIN_MAX bytes) without its final line
 * breaks.  Returns a malloc'd string (the caller frees it), or NULL after
 * saying why. */
static char *
read_stdin(void)
{
    char *buf = xmalloc(STDIN_MAX + 1);
    size_t n = fread(buf, 1, STDIN_MAX + 1, stdin);

    if (ferror(stdin)) {
        fprintf(stderr, "aspirasictl: cannot read the text from stdin\n");
        free(buf);
        return NULL;
    }
    if (n > STDIN_MAX) {
        fprintf(stderr, "aspirasictl: the text on stdin is longer than %d bytes\n", STDIN_MAX);
        free(buf);
        return NULL;
    }
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        n--;
    buf[n] = '\0';
    if (memchr(buf, '\0', n) != NULL) {
        fprintf(stderr, "aspirasictl: the text on stdin holds a NUL byte\n");
        free(buf);
        return NULL;
    }
    return buf;
}

static void
info_row(void *ctx, const char *topic, const char *body)
{
    ssize_t septets = gsm7_septets(body, strlen(body));

    (void)ctx;
    /* A page stored by other means than "info set" may not be GSM-7. */
    if (septets >= 0)
        printf("%-20s  %3zd/%d  ", topic, septets, GSM7_SEGMENT);
    else
        printf("%-20s  ucs-2    ", topic);
    ctl_print_field(body, strlen(body));
    putchar('\n');
}

static void
request_row(void *ctx, const char *kind, const char *query, int64_t count, int64_t numbers,
            const char *last)
{
    (void)ctx;
    printf("%6lld  %6lld  %-6s  %-24s  %s\n", (long long)count, (long long)numbers, kind,
           query[0] != '\0' ? query : "(list / next sessions)", last);
}

/* info requests: the lookups of the last days days, counted. */
static int
info_requests(const struct cfg *c, const char *days)
{
    struct db *db;
    char *end;
    long d = strtol(days, &end, 10);
    int rc;

    if (days[0] < '0' || days[0] > '9' || *end != '\0' || d < 1 || d > 3660) {
        fprintf(stderr, "aspirasictl: DAYS \"%s\" is not a number of days from 1 to 3660\n", days);
        return 1;
    }
    db = ctl_db(c);
    printf("%6s  %6s  %-6s  %-24s  %s\n", "asked", "phones", "kind", "what", "last asked");
    rc = db_info_request_counts(db, (int)d, 100, c->timezone, request_row, NULL);
    db_close(db);
    if (rc < 0) {
        fprintf(stderr, "aspirasictl: cannot read the requests\n");
        return 1;
    }
    return ferror(stdout) ? 1 : 0;
}

int
ctl_info(const struct cfg *c, int argc, char **argv)
{
    char topic[AGENDA_TOPIC_MAX + 1], actor[80], err[AGENDA_ERR_MAX];
    char *text = NULL, *body = NULL;
    const char *sub;
    struct db *db;
    enum agenda_result saved;
    ssize_t septets;
    int rc, created;

    if (argc < 2)
        goto usage;
    sub = argv[1];
    argc -= 2;
    argv += 2;
    if ((strcmp(sub, "help") == 0 || strcmp(sub, "--help") == 0) && argc == 0) {
        info_usage(stdout);
        return 0;
    }
    if (strcmp(sub, "set") == 0 && argc == 2) {
        if (parse_topic(argv[0], topic) < 0)
            return 1;
        if (strcmp(argv[1], "-") == 0) {
            if ((text = read_stdin()) == NULL)
                return 1;
        } else {
            text = xstrdup(argv[1]);
        }
        /* The text is checked before connecting; agenda_info_save()
         * checks it again as the gate of every page written. */
        if (agenda_info_text("the text", text, err) < 0) {
            fprintf(stderr, "aspirasictl: %s\n", err);
            free(text);
            return 1;
        }
        db = ctl_db(c);
        saved = agenda_info_save(db, ctl_actor(actor, sizeof(actor)), topic, "the text", text,
                                 &created, &septets, err);
        db_close(db);
        free(text);
        if (saved == AGENDA_REFUSED) {
            fprintf(stderr, "aspirasictl: %s\n", err);
            return 1;
        }
        if (saved != AGENDA_OK) {
            fprintf(stderr, "aspirasictl: the page %s was not saved\n", topic);
            return 1;
        }
        printf("saved info page %s (%zd/%d characters)\n", topic, septets, GSM7_SEGMENT);
        return 0;
    }
    if (strcmp(sub, "show") == 0 && argc == 1) {
        if (parse_topic(argv[0], topic) < 0)
            return 1;
        db = ctl_db(c);
        rc = db_info_get(db, topic, &body);
        db_close(db);
        if (rc == 1)
            printf("%s\n", body);
        else if (rc == 0)
            fprintf(stderr, "aspirasictl: no info page %s (aspirasictl info list shows them)\n",
                    topic);
        else
            fprintf(stderr, "aspirasictl: cannot read the page %s\n", topic);
        free(body);
        return rc == 1 ? 0 : 1;
    }
    if (strcmp(sub, "list") == 0 && argc == 0) {
        db = ctl_db(c);
        rc = db_info_list(db, info_row, NULL);
        db_close(db);
        if (rc < 0) {
            fprintf(stderr, "aspirasictl: cannot list the pages\n");
            return 1;
        }
        if (rc == 0)
            fprintf(stderr, "aspirasictl: no info pages yet\n");
        return ferror(stdout) ? 1 : 0;
    }
    if (strcmp(sub, "remove") == 0 && argc == 1) {
        if (parse_topic(argv[0], topic) < 0)
            return 1;
        db = ctl_db(c);
        rc = db_info_remove(db, topic);
        db_close(db);
        if (rc == 1)
            printf("removed info page %s\n", topic);
        else if (rc == 0)
            fprintf(stderr, "aspirasictl: no info page %s\n", topic);
        else
            fprintf(stderr, "aspirasictl: the page %s was not removed\n", topic);
        return rc == 1 ? 0 : 1;
    }
    if (strcmp(sub, "requests") == 0 && argc <= 1)
        return info_requests(c, argc == 1 ? argv[0] : "30");
usage:
    info_usage(stderr);
    return 2;
}
