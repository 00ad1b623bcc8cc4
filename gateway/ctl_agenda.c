/*
 * aspirasictl agenda and info: how the secretariat keeps the agenda of the
 * DPRD and the information pages citizens read by SMS.
 *
 * Everything staff type is checked here before the database is touched:
 * dates are real calendar dates, an end is not before its start, types and
 * komisi are known ones, texts fit their columns, and an information page
 * is GSM-7 and fits one SMS.  Each refusal says which option is wrong and
 * why, and exits 1; a command used wrongly prints the usage and exits 2.
 * Times are local to the configured zone (cfg->timezone) and converted by
 * the server.  Phone numbers are masked unless --full-number is given.
 */
#include <assert.h>
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
#include "gateway/ctl.h"
#include "parsers/agenda.h"
#include "parsers/gsm7.h"
#include "parsers/msisdn.h"

#define TITLE_MAX   200         /* bytes; struct db_session title[201] */
#define PLACE_MAX   120         /* bytes; place[121] */
#define SUMMARY_MAX 320         /* bytes; summary[321] */
#define REASON_MAX  120         /* bytes; cancel_reason[121] */
#define TOPIC_MAX   20          /* letters and digits of an info topic */
#define STDIN_MAX   (64 * 1024) /* bytes of an info text read from stdin */

/* The earliest date the commands accept; "agenda list --all" starts here,
 * so it reaches every session staff could have entered. */
#define YEAR_MIN  1900
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
            "times are local, in %s (the config's timezone)\n",
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

/* ---- dates and times ------------------------------------------------------ */

/* A local date and time as staff type it. */
struct when {
    int year, month, day, hour, minute;
    int has_date; /* 0: only "HH:MM" was given (an end on the start's day) */
};

static const char *const month_names[12] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};

static const char *const wday_names[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

static int
days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* Reads between min and max decimal digits at *p into *v and advances *p.
 * Returns 0, or -1 when there are too few or too many. */
static int
read_digits(const char **p, int min, int max, int *v)
{
    int n = 0;

    *v = 0;
    while (**p >= '0' && **p <= '9') {
        if (++n > max)
            return -1;
        *v = *v * 10 + (**p - '0');
        (*p)++;
    }
    return n >= min ? 0 : -1;
}

/* Reads "YYYY-MM-DD" (month and day may have one digit) at *p. */
static int
read_date(const char **p, struct when *w)
{
    if (read_digits(p, 4, 4, &w->year) < 0 || *(*p)++ != '-' ||
        read_digits(p, 1, 2, &w->month) < 0 || *(*p)++ != '-' || read_digits(p, 1, 2, &w->day) < 0)
        return -1;
    w->has_date = 1;
    return 0;
}

/* Reads "HH:MM" (the hour may have one digit) at *p. */
static int
read_time(const char **p, struct when *w)
{
    if (read_digits(p, 1, 2, &w->hour) < 0 || *(*p)++ != ':' ||
        read_digits(p, 2, 2, &w->minute) < 0)
        return -1;
    return 0;
}

/* Checks that what was read exists on the calendar and the clock; says why
 * not, naming the option and the value.  Returns 0 or -1. */
static int
when_check(const char *opt, const char *s, const struct when *w)
{
    if (w->has_date) {
        if (w->year < YEAR_MIN) {
            fprintf(stderr, "aspirasictl: %s \"%s\": the year must be %d or later\n", opt, s,
                    YEAR_MIN);
            return -1;
        }
        if (w->month < 1 || w->month > 12) {
            fprintf(stderr,
                    "aspirasictl: %s \"%s\" is not a real date: there is no month %d "
                    "(01-12)\n",
                    opt, s, w->month);
            return -1;
        }
        if (w->day < 1 || w->day > days_in_month(w->year, w->month)) {
            fprintf(stderr, "aspirasictl: %s \"%s\" is not a real date: %s %d has %d days\n", opt,
                    s, month_names[w->month - 1], w->year, days_in_month(w->year, w->month));
            return -1;
        }
    }
    if (w->hour > 23 || w->minute > 59) {
        fprintf(stderr,
                "aspirasictl: %s \"%s\" is not a real time: write HH:MM from 00:00 to 23:59\n", opt,
                s);
        return -1;
    }
    return 0;
}

/* Parses the value of --from or --to: "YYYY-MM-DD". */
static int
parse_day(const char *opt, const char *s, struct when *w)
{
    const char *p = s;

    memset(w, 0, sizeof(*w));
    if (read_date(&p, w) < 0 || *p != '\0') {
        fprintf(stderr, "aspirasictl: %s \"%s\" is not a date: write YYYY-MM-DD, e.g. 2025-12-02\n",
                opt, s);
        return -1;
    }
    return when_check(opt, s, w);
}

/* Parses the value of --start or --end: "YYYY-MM-DD HH:MM" (or with a T
 * between them), and for --end also "HH:MM" alone. */
static int
parse_when(const char *opt, const char *s, int time_only_ok, struct when *w)
{
    const char *p = s;

    memset(w, 0, sizeof(*w));
    if (time_only_ok && strchr(s, '-') == NULL) {
        if (read_time(&p, w) < 0 || *p != '\0')
            goto bad;
        return when_check(opt, s, w);
    }
    if (read_date(&p, w) < 0)
        goto bad;
    if (*p == '\0') {
        fprintf(stderr,
                "aspirasictl: %s \"%s\" needs a time too: write \"YYYY-MM-DD HH:MM\", "
                "e.g. \"%s 09:00\"\n",
                opt, s, s);
        return -1;
    }
    if (*p != ' ' && *p != 'T')
        goto bad;
    while (*p == ' ')
        p++;
    if (*p == 'T')
        p++;
    if (read_time(&p, w) < 0 || *p != '\0')
        goto bad;
    return when_check(opt, s, w);
bad:
    fprintf(stderr,
            "aspirasictl: %s \"%s\" is not a date and time: write \"YYYY-MM-DD HH:MM\"%s, "
            "e.g. \"2025-12-02 09:00\"\n",
            opt, s, time_only_ok ? " (or HH:MM on the day of the start)" : "");
    return -1;
}

/* Compares two dates and times (both with a date). */
static int
when_cmp(const struct when *a, const struct when *b)
{
    const int x[5] = {a->year, a->month, a->day, a->hour, a->minute};
    const int y[5] = {b->year, b->month, b->day, b->hour, b->minute};

    for (int i = 0; i < 5; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

/* Reads back "YYYY-MM-DD HH:MM" as stored in a struct db_session. */
static int
when_from_string(const char *s, struct when *w)
{
    const char *p = s;

    memset(w, 0, sizeof(*w));
    if (read_date(&p, w) < 0 || *p++ != ' ' || read_time(&p, w) < 0 || *p != '\0')
        return -1;
    return 0;
}

static void
when_format(const struct when *w, char out[17])
{
    /* Every field was range-checked when parsed; the casts and moduli only
     * show the compiler that the text fits. */
    snprintf(out, 17, "%04u-%02u-%02u %02u:%02u", (unsigned)w->year % 10000u,
             (unsigned)w->month % 100u, (unsigned)w->day % 100u, (unsigned)w->hour % 100u,
             (unsigned)w->minute % 100u);
}

static void
day_format(const struct when *w, char out[16])
{
    snprintf(out, 16, "%04d-%02d-%02d", w->year, w->month, w->day);
}

static void
next_day(struct when *w)
{
    if (++w->day > days_in_month(w->year, w->month)) {
        w->day = 1;
        if (++w->month > 12) {
            w->month = 1;
            w->year++;
        }
    }
}

/* ---- other values ------------------------------------------------------- */

static const char *const roman[5] = {"-", "I", "II", "III", "IV"};

int
ctl_parse_komisi(const char *s, int none_ok, int *out)
{
    for (int k = 1; k <= 4; k++) {
        if (strcasecmp(s, roman[k]) == 0 || (s[0] == '0' + k && s[1] == '\0')) {
            *out = k;
            return 0;
        }
    }
    if (none_ok && (strcasecmp(s, "none") == 0 || strcmp(s, "-") == 0)) {
        *out = 0;
        return 0;
    }
    fprintf(stderr,
            "aspirasictl: --komisi \"%s\" is not a komisi: use I, II, III or IV (or 1-4)%s\n", s,
            none_ok ? ", or none" : "");
    return -1;
}

/* The session types: agenda_type_name() of each kind a citizen can ask
 * for, and "lain" (other). */
static const char *
type_name(int i)
{
    return i < AGENDA_TYPE__COUNT - 1 ? agenda_type_name((enum agenda_type)(i + 1)) : "lain";
}

#define NTYPES AGENDA_TYPE__COUNT

static int
parse_type(const char *s, char out[16])
{
    for (int i = 0; i < NTYPES; i++) {
        if (strcasecmp(s, type_name(i)) == 0) {
            snprintf(out, 16, "%s", type_name(i));
            return 0;
        }
    }
    fprintf(stderr, "aspirasictl: --type \"%s\" is not a session type; the types are:", s);
    for (int i = 0; i < NTYPES; i++)
        fprintf(stderr, " %s", type_name(i));
    fputc('\n', stderr);
    return -1;
}

/* Checks a text option: valid UTF-8, one line without control characters,
 * at most max bytes, and not blank when required. */
static int
check_text(const char *opt, const char *s, size_t max, int required)
{
    size_t len = strlen(s), i;

    if (!utf8_valid(s, len)) {
        fprintf(stderr, "aspirasictl: %s is not valid UTF-8\n", opt);
        return -1;
    }
    for (i = 0; i < len; i++) {
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
            fprintf(stderr, "aspirasictl: %s must be one line without tabs or control characters\n",
                    opt);
            return -1;
        }
    }
    if (len > max) {
        fprintf(stderr,
                "aspirasictl: %s is too long: %zu bytes, at most %zu (a letter such as "
                "\"\xc3\xa9\" takes two)\n",
                opt, len, max);
        return -1;
    }
    if (required && strspn(s, " ") == len) {
        fprintf(stderr, "aspirasictl: %s is empty\n", opt);
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

/* The fields of a session that the options give, each checked (stopping
 * at the first mistake) before anything is read or written. */
struct session_edit {
    struct db_session s; /* type, komisi, title, place, summary, public_ as given */
    struct when start, end;
    int end_none; /* --end none */
};

static int
check_fields(const struct agenda_args *a, int change, struct session_edit *e)
{
    memset(e, 0, sizeof(*e));
    if ((a->given & O_CLOSED) && (a->given & O_PUBLIC)) {
        fprintf(stderr, "aspirasictl: --closed and --public contradict each other\n");
        return -1;
    }
    if ((a->given & O_TYPE) && parse_type(a->type, e->s.type) < 0)
        return -1;
    if ((a->given & O_KOMISI) && ctl_parse_komisi(a->komisi, change, &e->s.komisi) < 0)
        return -1;
    if ((a->given & O_TITLE) && check_text("--title", a->title, TITLE_MAX, 1) < 0)
        return -1;
    if ((a->given & O_PLACE) && check_text("--place", a->place, PLACE_MAX, 0) < 0)
        return -1;
    if ((a->given & O_SUMMARY) && check_text("--summary", a->summary, SUMMARY_MAX, 0) < 0)
        return -1;
    if ((a->given & O_START) && parse_when("--start", a->start, 0, &e->start) < 0)
        return -1;
    if (a->given & O_END) {
        if (strcasecmp(a->end, "none") == 0 || strcmp(a->end, "-") == 0)
            e->end_none = 1;
        else if (parse_when("--end", a->end, 1, &e->end) < 0)
            return -1;
    }
    if (a->given & O_TITLE)
        snprintf(e->s.title, sizeof(e->s.title), "%s", a->title);
    if (a->given & O_PLACE)
        snprintf(e->s.place, sizeof(e->s.place), "%s", a->place);
    if (a->given & O_SUMMARY)
        snprintf(e->s.summary, sizeof(e->s.summary), "%s", a->summary);
    e->s.public_ = !(a->given & O_CLOSED);
    return 0;
}

/* Applies the end given (which may be "HH:MM" on the start's day) to s,
 * whose start is final, and checks that it does not come before the start
 * and that a komisi meeting names its komisi.  Returns 0 or -1. */
static int
check_session(struct db_session *s, const struct agenda_args *a, const struct session_edit *e)
{
    struct when start, end;

    if (when_from_string(s->starts, &start) < 0) {
        fprintf(stderr, "aspirasictl: the session's start \"%s\" cannot be read\n", s->starts);
        return -1;
    }
    if (e->end_none) {
        s->ends[0] = '\0';
    } else if (a->given & O_END) {
        end = e->end;
        if (!end.has_date) {
            end.year = start.year;
            end.month = start.month;
            end.day = start.day;
        }
        when_format(&end, s->ends);
    }
    if (s->ends[0] != '\0') {
        if (when_from_string(s->ends, &end) < 0) {
            fprintf(stderr, "aspirasictl: the session's end \"%s\" cannot be read\n", s->ends);
            return -1;
        }
        if (when_cmp(&end, &start) < 0) {
            if (a->given & O_END)
                fprintf(stderr, "aspirasictl: --end %s is before the start %s\n", s->ends,
                        s->starts);
            else
                fprintf(stderr,
                        "aspirasictl: --start %s is after the end %s; give a new --end too, "
                        "or --end none\n",
                        s->starts, s->ends);
            return -1;
        }
    }
    if (strcmp(s->type, "komisi") == 0 && s->komisi == 0) {
        fprintf(stderr, "aspirasictl: a session of type komisi needs --komisi I, II, III or IV\n");
        return -1;
    }
    return 0;
}

/* ---- agenda commands ---------------------------------------------------------- */

static int
agenda_add(const struct cfg *c, const struct agenda_args *a)
{
    struct session_edit e;
    struct db *db;
    char actor[80];
    int rc;

    if (check_fields(a, 0, &e) < 0)
        return 1;
    when_format(&e.start, e.s.starts);
    if (check_session(&e.s, a, &e) < 0)
        return 1;
    db = ctl_db(c);
    rc = db_session_add(db, &e.s, c->timezone, ctl_actor(actor, sizeof(actor)));
    db_close(db);
    if (rc < 0) {
        fprintf(stderr, "aspirasictl: the session was not added\n");
        return 1;
    }
    printf("added session %" PRId64 "\n", e.s.id);
    return 0;
}

static int
agenda_change(const struct cfg *c, const struct agenda_args *a, int64_t id)
{
    struct session_edit e;
    struct db_session s;
    struct db *db;
    char actor[80];
    int rc;

    if (check_fields(a, 1, &e) < 0)
        return 1;
    db = ctl_db(c);
    if ((rc = db_session_get(db, id, c->timezone, &s)) != 1)
        goto done;
    if (a->given & O_TYPE)
        memcpy(s.type, e.s.type, sizeof(s.type));
    if (a->given & O_KOMISI)
        s.komisi = e.s.komisi;
    if (a->given & O_TITLE)
        memcpy(s.title, e.s.title, sizeof(s.title));
    if (a->given & O_PLACE)
        memcpy(s.place, e.s.place, sizeof(s.place));
    if (a->given & O_SUMMARY)
        memcpy(s.summary, e.s.summary, sizeof(s.summary));
    if (a->given & (O_CLOSED | O_PUBLIC))
        s.public_ = e.s.public_;
    if (a->given & O_START)
        when_format(&e.start, s.starts);
    if (check_session(&s, a, &e) < 0) {
        db_close(db);
        return 1;
    }
    rc = db_session_update(db, &s, c->timezone, ctl_actor(actor, sizeof(actor)));
done:
    db_close(db);
    if (rc == 0)
        fprintf(stderr, "aspirasictl: no session %" PRId64 "\n", id);
    else if (rc < 0)
        fprintf(stderr, "aspirasictl: session %" PRId64 " was not changed\n", id);
    else
        printf("changed session %" PRId64 "\n", id);
    return rc == 1 ? 0 : 1;
}

static int
agenda_cancel(const struct cfg *c, const struct agenda_args *a, int64_t id, int cancel)
{
    struct db *db;
    char actor[80];
    int rc;

    if ((a->given & O_REASON) && check_text("--reason", a->reason, REASON_MAX, 0) < 0)
        return 1;
    db = ctl_db(c);
    rc = db_session_cancel(db, id, cancel, (a->given & O_REASON) ? a->reason : "",
                           ctl_actor(actor, sizeof(actor)));
    db_close(db);
    if (rc == 0)
        fprintf(stderr, "aspirasictl: no session %" PRId64 "\n", id);
    else if (rc < 0)
        fprintf(stderr, "aspirasictl: session %" PRId64 " was not %s\n", id,
                cancel ? "cancelled" : "restored");
    else
        printf("%s session %" PRId64 "\n", cancel ? "cancelled" : "restored", id);
    return rc == 1 ? 0 : 1;
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
    struct when from, to;
    char sfrom[16], sto[16];
    struct db *db;
    int n, total = 0;

    if ((a->given & O_FROM) && parse_day("--from", a->from, &from) < 0)
        return 1;
    if ((a->given & O_TO) && parse_day("--to", a->to, &to) < 0)
        return 1;
    if ((a->given & O_KOMISI) && ctl_parse_komisi(a->komisi, 0, &q.komisi) < 0)
        return 1;
    if ((a->given & O_FROM) && (a->given & O_TO) && when_cmp(&to, &from) < 0) {
        fprintf(stderr, "aspirasictl: --to %s is before --from %s\n", a->to, a->from);
        return 1;
    }
    if (a->given & O_FROM) {
        day_format(&from, sfrom);
        q.from = sfrom;
    } else if (a->given & O_ALL) {
        q.from = ALL_SINCE;
    }
    if (a->given & O_TO) {
        /* Staff name the last day they want; the query's bound is the day
         * after it. */
        next_day(&to);
        day_format(&to, sto);
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

/* Lower-cases a topic into out and checks it: 1-20 ASCII letters or
 * digits. */
static int
parse_topic(const char *s, char out[TOPIC_MAX + 1])
{
    size_t n = strlen(s);

    if (n >= 1 && n <= TOPIC_MAX) {
        size_t i;

        for (i = 0; i < n; i++) {
            char ch = s[i];

            if (ch >= 'A' && ch <= 'Z')
                ch = (char)(ch - 'A' + 'a');
            if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')))
                break;
            out[i] = ch;
        }
        if (i == n) {
            out[n] = '\0';
            return 0;
        }
    }
    fprintf(stderr,
            "aspirasictl: topic \"%s\" must be 1 to %d letters or digits (what citizens type "
            "after INFO)\n",
            s, TOPIC_MAX);
    return -1;
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

/*
 * Checks that an info text is one plain SMS: valid UTF-8, only characters
 * of the GSM-7 alphabet (else the phone would get it in UCS-2, 70
 * characters a part), at most 160 septets.  Says which character is wrong,
 * or how much is too long.  Returns the septets, or -1.
 */
static ssize_t
check_info_text(const char *s)
{
    size_t len = strlen(s), pos = 0, chars = 0, bad = 0;
    const char *first = NULL;
    size_t first_len = 0, first_pos = 0;
    uint32_t first_cp = 0;
    ssize_t septets;

    if (len == 0) {
        fprintf(stderr, "aspirasictl: the text is empty\n");
        return -1;
    }
    if (!utf8_valid(s, len)) {
        fprintf(stderr, "aspirasictl: the text is not valid UTF-8\n");
        return -1;
    }
    if ((septets = gsm7_septets(s, len)) >= 0) {
        if (septets > GSM7_SEGMENT) {
            fprintf(stderr,
                    "aspirasictl: the text is %zd characters, %zd over the %d of one SMS "
                    "(^ { } \\ [ ~ ] | and the euro sign count two)\n",
                    septets, septets - GSM7_SEGMENT, GSM7_SEGMENT);
            return -1;
        }
        return septets;
    }
    /* Find the characters GSM-7 lacks, one at a time. */
    while (pos < len) {
        uint32_t cp;
        size_t n = utf8_decode((const unsigned char *)s + pos, len - pos, &cp);

        assert(n > 0); /* the text was found valid above */
        chars++;
        if (gsm7_septets(s + pos, n) < 0 && bad++ == 0) {
            first = s + pos;
            first_len = n;
            first_pos = chars;
            first_cp = cp;
        }
        pos += n;
    }
    fprintf(stderr,
            "aspirasictl: the text is not plain SMS text (GSM-7): character %zu, \"%.*s\" "
            "(U+%04X), is not in the GSM-7 alphabet",
            first_pos, (int)first_len, first != NULL ? first : "", (unsigned)first_cp);
    if (bad > 1)
        fprintf(stderr, ", and %zu more character%s", bad - 1, bad > 2 ? "s are" : " is");
    fprintf(stderr, "; replace %s\n", bad > 1 ? "them" : "it");
    return -1;
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
    char topic[TOPIC_MAX + 1], actor[80], *text = NULL, *body = NULL;
    const char *sub;
    struct db *db;
    ssize_t septets;
    int rc;

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
        if ((septets = check_info_text(text)) < 0) {
            free(text);
            return 1;
        }
        db = ctl_db(c);
        rc = db_info_set(db, topic, text, ctl_actor(actor, sizeof(actor)));
        db_close(db);
        free(text);
        if (rc < 0) {
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
