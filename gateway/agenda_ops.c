/*
 * The checks and writes of the agenda and of the information pages that
 * aspirasictl and the staff API share (gateway/agenda_ops.h).
 *
 * Staff type local times in the configured zone; the API may also send
 * ISO 8601 with an offset.  A time with an offset is checked here for form
 * and calendar like any other, and turned into the configured zone's time
 * by the database when it is written (only PostgreSQL knows the zone's
 * rules), so that every session is stored and compared as a local time to
 * the minute.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "gateway/agenda_ops.h"
#include "parsers/agenda.h"
#include "parsers/gsm7.h"

#define SHOWN_MAX 40 /* bytes of a value quoted back in a message */

const struct agenda_names agenda_cli_names = {
    .type = "--type",
    .komisi = "--komisi",
    .title = "--title",
    .starts = "--start",
    .ends = "--end",
    .place = "--place",
    .summary = "--summary",
    .reason = "--reason",
    .none_word = "none",
};

const struct agenda_names agenda_api_names = {
    .type = "\"type\"",
    .komisi = "\"komisi\"",
    .title = "\"title\"",
    .starts = "\"starts\"",
    .ends = "\"ends\"",
    .place = "\"place\"",
    .summary = "\"summary\"",
    .reason = "\"reason\"",
    .none_word = "null",
};

static const char *const month_names[12] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};

/*
 * Copies at most SHOWN_MAX bytes of s into out for a message, whole
 * characters only, with "..." when cut; a byte that is not valid UTF-8 or
 * is a control character becomes "?", so that the message is always valid
 * UTF-8 on one line (the API puts it in JSON).  Returns out.
 */
static const char *
shown(const char *s, char out[SHOWN_MAX + 4])
{
    size_t len = strlen(s), pos = 0, o = 0;

    while (pos < len) {
        uint32_t cp;
        size_t n = utf8_decode((const unsigned char *)s + pos, len - pos, &cp);

        if (n == 0 || cp < 0x20 || cp == 0x7f) {
            n = n == 0 ? 1 : n;
            if (o + 1 > SHOWN_MAX)
                break;
            out[o++] = '?';
        } else {
            if (o + n > SHOWN_MAX)
                break;
            memcpy(out + o, s + pos, n);
            o += n;
        }
        pos += n;
    }
    if (pos < len) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}

/* ---- dates and times ------------------------------------------------------ */

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

/* Reads exactly n decimal digits at *p into *v and advances *p past them;
 * what follows them is left to the caller.  Returns 0 or -1. */
static int
read_exact(const char **p, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++, (*p)++) {
        if (**p < '0' || **p > '9')
            return -1;
        *v = *v * 10 + (**p - '0');
    }
    return 0;
}

/* Reads "YYYY-MM-DD" (month and day may have one digit) at *p. */
static int
read_date(const char **p, struct agenda_time *t)
{
    if (read_digits(p, 4, 4, &t->year) < 0 || *(*p)++ != '-' ||
        read_digits(p, 1, 2, &t->month) < 0 || *(*p)++ != '-' || read_digits(p, 1, 2, &t->day) < 0)
        return -1;
    t->has_date = 1;
    return 0;
}

/* Reads "HH:MM" (the hour may have one digit) at *p. */
static int
read_time(const char **p, struct agenda_time *t)
{
    if (read_digits(p, 1, 2, &t->hour) < 0 || *(*p)++ != ':' ||
        read_digits(p, 2, 2, &t->minute) < 0)
        return -1;
    return 0;
}

/* Reads what may follow "HH:MM": ":SS" with a fraction (into *sec, and
 * whether the fraction had a digit other than 0 into *frac), then an
 * offset ("Z", "+HH:MM", "+HHMM", "+HH", or with "-").  Returns 0 when the
 * text ends there, else -1. */
static int
read_rest(const char **p, struct agenda_time *t, int *sec, int *frac)
{
    int h, m = 0;

    *sec = 0;
    *frac = 0;
    if (**p == ':') {
        (*p)++;
        if (read_digits(p, 2, 2, sec) < 0)
            return -1;
        if (**p == '.') {
            (*p)++;
            if (**p < '0' || **p > '9')
                return -1;
            for (; **p >= '0' && **p <= '9'; (*p)++)
                if (**p != '0')
                    *frac = 1;
        }
    }
    if (**p == 'Z' || **p == 'z') {
        (*p)++;
        t->has_offset = 1;
    } else if (**p == '+' || **p == '-') {
        (*p)++;
        if (read_exact(p, 2, &h) < 0 || h > 14)
            return -1;
        if (**p == ':') {
            (*p)++;
            if (read_exact(p, 2, &m) < 0)
                return -1;
        } else if (**p != '\0' && read_exact(p, 2, &m) < 0) {
            return -1;
        }
        if (m > 59)
            return -1;
        t->has_offset = 1;
    }
    return **p == '\0' ? 0 : -1;
}

/* Checks that what was read exists on the calendar and the clock; says why
 * not, naming the field and the value.  Returns 0 or -1. */
static int
time_check(const char *name, const char *s, const struct agenda_time *t, char err[AGENDA_ERR_MAX])
{
    char v[SHOWN_MAX + 4];

    if (t->has_date) {
        if (t->year < AGENDA_YEAR_MIN) {
            snprintf(err, AGENDA_ERR_MAX, "%s \"%s\": the year must be %d or later", name,
                     shown(s, v), AGENDA_YEAR_MIN);
            return -1;
        }
        if (t->month < 1 || t->month > 12) {
            snprintf(err, AGENDA_ERR_MAX,
                     "%s \"%s\" is not a real date: there is no month %d (01-12)", name,
                     shown(s, v), t->month);
            return -1;
        }
        if (t->day < 1 || t->day > days_in_month(t->year, t->month)) {
            snprintf(err, AGENDA_ERR_MAX, "%s \"%s\" is not a real date: %s %d has %d days", name,
                     shown(s, v), month_names[t->month - 1], t->year,
                     days_in_month(t->year, t->month));
            return -1;
        }
    }
    if (t->hour > 23 || t->minute > 59) {
        snprintf(err, AGENDA_ERR_MAX,
                 "%s \"%s\" is not a real time: write HH:MM from 00:00 to 23:59", name,
                 shown(s, v));
        return -1;
    }
    return 0;
}

int
agenda_parse_day(const char *name, const char *s, struct agenda_time *out, char err[AGENDA_ERR_MAX])
{
    const char *p = s;
    char v[SHOWN_MAX + 4];

    memset(out, 0, sizeof(*out));
    if (read_date(&p, out) < 0 || *p != '\0') {
        snprintf(err, AGENDA_ERR_MAX, "%s \"%s\" is not a date: write YYYY-MM-DD, e.g. 2025-12-02",
                 name, shown(s, v));
        return -1;
    }
    return time_check(name, s, out, err);
}

int
agenda_parse_time(const char *name, const char *s, int time_only_ok, struct agenda_time *out,
                  char err[AGENDA_ERR_MAX])
{
    const char *p = s;
    char v[SHOWN_MAX + 4];
    int sec, frac;

    memset(out, 0, sizeof(*out));
    if (time_only_ok && strchr(s, '-') == NULL) {
        if (read_time(&p, out) < 0 || *p != '\0')
            goto bad;
        return time_check(name, s, out, err);
    }
    if (read_date(&p, out) < 0)
        goto bad;
    if (*p == '\0') {
        snprintf(err, AGENDA_ERR_MAX,
                 "%s \"%s\" needs a time too: write \"YYYY-MM-DD HH:MM\", e.g. \"%s 09:00\"", name,
                 shown(s, v), v);
        return -1;
    }
    if (*p != ' ' && *p != 'T')
        goto bad;
    while (*p == ' ')
        p++;
    if (*p == 'T')
        p++;
    if (read_time(&p, out) < 0 || read_rest(&p, out, &sec, &frac) < 0)
        goto bad;
    if (time_check(name, s, out, err) < 0)
        return -1;
    if (sec != 0 || frac) {
        snprintf(err, AGENDA_ERR_MAX,
                 "%s \"%s\": sessions are kept to the minute; give the seconds as 00 or leave "
                 "them out",
                 name, shown(s, v));
        return -1;
    }
    if (out->has_offset) {
        if (strlen(s) >= sizeof(out->text))
            goto bad;
        memcpy(out->text, s, strlen(s) + 1);
    }
    return 0;
bad:
    snprintf(err, AGENDA_ERR_MAX,
             "%s \"%s\" is not a date and time: write \"YYYY-MM-DD HH:MM\"%s, e.g. "
             "\"2025-12-02 09:00\" or \"2025-12-02T09:00:00+07:00\"",
             name, shown(s, v), time_only_ok ? " (or HH:MM on the day of the start)" : "");
    return -1;
}

int
agenda_time_cmp(const struct agenda_time *a, const struct agenda_time *b)
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
time_from_string(const char *s, struct agenda_time *t)
{
    const char *p = s;

    memset(t, 0, sizeof(*t));
    if (read_date(&p, t) < 0 || *p++ != ' ' || read_time(&p, t) < 0 || *p != '\0')
        return -1;
    return 0;
}

static void
time_format(const struct agenda_time *t, char out[17])
{
    /* Every field was range-checked when parsed; the casts and moduli only
     * show the compiler that the text fits. */
    snprintf(out, 17, "%04u-%02u-%02u %02u:%02u", (unsigned)t->year % 10000u,
             (unsigned)t->month % 100u, (unsigned)t->day % 100u, (unsigned)t->hour % 100u,
             (unsigned)t->minute % 100u);
}

void
agenda_day_format(const struct agenda_time *t, char out[11])
{
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)t->year % 10000u, (unsigned)t->month % 100u,
             (unsigned)t->day % 100u);
}

void
agenda_next_day(struct agenda_time *t)
{
    if (++t->day > days_in_month(t->year, t->month)) {
        t->day = 1;
        if (++t->month > 12) {
            t->month = 1;
            t->year++;
        }
    }
}

/* ---- other values ------------------------------------------------------- */

static const char *const roman[5] = {"-", "I", "II", "III", "IV"};

int
agenda_parse_komisi(const char *name, const char *none_word, const char *s, int none_ok, int *out,
                    char err[AGENDA_ERR_MAX])
{
    char v[SHOWN_MAX + 4];

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
    snprintf(err, AGENDA_ERR_MAX, "%s \"%s\" is not a komisi: use I, II, III or IV (or 1-4)%s%s",
             name, shown(s, v), none_ok ? ", or " : "", none_ok ? none_word : "");
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

int
agenda_parse_type(const char *name, const char *s, char out[16], char err[AGENDA_ERR_MAX])
{
    char v[SHOWN_MAX + 4];
    size_t len;

    for (int i = 0; i < NTYPES; i++) {
        if (strcasecmp(s, type_name(i)) == 0) {
            snprintf(out, 16, "%s", type_name(i));
            return 0;
        }
    }
    len = (size_t)snprintf(err, AGENDA_ERR_MAX,
                           "%s \"%s\" is not a session type; the types are:", name, shown(s, v));
    for (int i = 0; i < NTYPES && len < AGENDA_ERR_MAX; i++)
        len += (size_t)snprintf(err + len, AGENDA_ERR_MAX - len, " %s", type_name(i));
    return -1;
}

int
agenda_check_text(const char *name, const char *s, size_t max, int required,
                  char err[AGENDA_ERR_MAX])
{
    size_t len = strlen(s), i;

    if (!utf8_valid(s, len)) {
        snprintf(err, AGENDA_ERR_MAX, "%s is not valid UTF-8", name);
        return -1;
    }
    for (i = 0; i < len; i++) {
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
            snprintf(err, AGENDA_ERR_MAX, "%s must be one line without tabs or control characters",
                     name);
            return -1;
        }
    }
    if (len > max) {
        snprintf(err, AGENDA_ERR_MAX,
                 "%s is too long: %zu bytes, at most %zu (a letter such as \"\xc3\xa9\" takes two)",
                 name, len, max);
        return -1;
    }
    if (required && strspn(s, " ") == len) {
        snprintf(err, AGENDA_ERR_MAX, "%s is empty", name);
        return -1;
    }
    return 0;
}

/* ---- sessions ------------------------------------------------------------- */

int
agenda_session_check(const struct agenda_input *in, const struct agenda_names *nm, int change,
                     struct agenda_edit *e, char err[AGENDA_ERR_MAX])
{
    memset(e, 0, sizeof(*e));
    e->names = nm;
    if (!change) {
        const char *missing = in->type == NULL     ? nm->type
                              : in->title == NULL  ? nm->title
                              : in->starts == NULL ? nm->starts
                                                   : NULL;

        if (missing != NULL) {
            snprintf(err, AGENDA_ERR_MAX, "%s is required", missing);
            return -1;
        }
    }
    if (in->type != NULL) {
        if (agenda_parse_type(nm->type, in->type, e->s.type, err) < 0)
            return -1;
        e->given |= AGENDA_F_TYPE;
    }
    if (in->komisi != NULL) {
        if (agenda_parse_komisi(nm->komisi, nm->none_word, in->komisi, change, &e->s.komisi, err) <
            0)
            return -1;
        e->given |= AGENDA_F_KOMISI;
    } else if (in->komisi_none) {
        e->s.komisi = 0;
        e->given |= AGENDA_F_KOMISI;
    }
    if (in->title != NULL) {
        if (agenda_check_text(nm->title, in->title, AGENDA_TITLE_MAX, 1, err) < 0)
            return -1;
        e->given |= AGENDA_F_TITLE;
    }
    if (in->place != NULL) {
        if (agenda_check_text(nm->place, in->place, AGENDA_PLACE_MAX, 0, err) < 0)
            return -1;
        e->given |= AGENDA_F_PLACE;
    }
    if (in->summary != NULL) {
        if (agenda_check_text(nm->summary, in->summary, AGENDA_SUMMARY_MAX, 0, err) < 0)
            return -1;
        e->given |= AGENDA_F_SUMMARY;
    }
    if (in->starts != NULL) {
        if (agenda_parse_time(nm->starts, in->starts, 0, &e->start, err) < 0)
            return -1;
        e->given |= AGENDA_F_STARTS;
    }
    if (in->ends != NULL) {
        if (agenda_parse_time(nm->ends, in->ends, 1, &e->end, err) < 0)
            return -1;
        e->given |= AGENDA_F_ENDS;
    } else if (in->ends_none) {
        e->end_none = 1;
        e->given |= AGENDA_F_ENDS;
    }
    if (in->public_ >= 0)
        e->given |= AGENDA_F_PUBLIC;
    e->s.public_ = in->public_ != 0;
    if (e->given & AGENDA_F_TITLE)
        snprintf(e->s.title, sizeof(e->s.title), "%s", in->title);
    if (e->given & AGENDA_F_PLACE)
        snprintf(e->s.place, sizeof(e->s.place), "%s", in->place);
    if (e->given & AGENDA_F_SUMMARY)
        snprintf(e->s.summary, sizeof(e->s.summary), "%s", in->summary);
    if (change && e->given == 0) {
        snprintf(err, AGENDA_ERR_MAX, "nothing to change: give the fields to change");
        return -1;
    }
    return 0;
}

/*
 * Turns a time into the configured zone's local time: as given when it
 * had no offset, else by the database.  A time the zone's rules would
 * move out of the years a session may have is refused.  Returns AGENDA_OK,
 * AGENDA_REFUSED or AGENDA_FAILED.
 */
static enum agenda_result
time_local(struct db *db, const struct cfg *c, const char *name, const struct agenda_time *in,
           struct agenda_time *out, char err[AGENDA_ERR_MAX])
{
    char local[32], v[SHOWN_MAX + 4];

    *out = *in;
    if (!in->has_offset)
        return AGENDA_OK;
    if (db_session_local_time(db, in->text, c->timezone, local) < 0)
        return AGENDA_FAILED;
    if (time_from_string(local, out) < 0 || out->year < AGENDA_YEAR_MIN) {
        snprintf(err, AGENDA_ERR_MAX, "%s \"%s\" is out of range in %s", name, shown(in->text, v),
                 c->timezone);
        return AGENDA_REFUSED;
    }
    return AGENDA_OK;
}

/*
 * Applies the start and the end e gives to s (the end may be "HH:MM" on
 * the start's day), in the configured zone, and checks that the end does
 * not come before the start and that a komisi meeting names its komisi.
 */
static enum agenda_result
session_finish(struct db *db, const struct cfg *c, struct db_session *s,
               const struct agenda_edit *e, char err[AGENDA_ERR_MAX])
{
    const struct agenda_names *nm = e->names;
    struct agenda_time start, end;
    enum agenda_result rc;

    if (e->given & AGENDA_F_STARTS) {
        if ((rc = time_local(db, c, nm->starts, &e->start, &start, err)) != AGENDA_OK)
            return rc;
        time_format(&start, s->starts);
    } else if (time_from_string(s->starts, &start) < 0) {
        snprintf(err, AGENDA_ERR_MAX, "the session's start \"%s\" cannot be read", s->starts);
        return AGENDA_REFUSED;
    }
    if (e->end_none) {
        s->ends[0] = '\0';
    } else if (e->given & AGENDA_F_ENDS) {
        if ((rc = time_local(db, c, nm->ends, &e->end, &end, err)) != AGENDA_OK)
            return rc;
        if (!end.has_date) {
            end.year = start.year;
            end.month = start.month;
            end.day = start.day;
        }
        time_format(&end, s->ends);
    }
    if (s->ends[0] != '\0') {
        if (time_from_string(s->ends, &end) < 0) {
            snprintf(err, AGENDA_ERR_MAX, "the session's end \"%s\" cannot be read", s->ends);
            return AGENDA_REFUSED;
        }
        if (agenda_time_cmp(&end, &start) < 0) {
            if (e->given & AGENDA_F_ENDS)
                snprintf(err, AGENDA_ERR_MAX, "%s %s is before the start %s", nm->ends, s->ends,
                         s->starts);
            else
                snprintf(err, AGENDA_ERR_MAX,
                         "%s %s is after the end %s; give a new %s too, or %s %s", nm->starts,
                         s->starts, s->ends, nm->ends, nm->ends, nm->none_word);
            return AGENDA_REFUSED;
        }
    }
    if (strcmp(s->type, "komisi") == 0 && s->komisi == 0) {
        snprintf(err, AGENDA_ERR_MAX, "a session of type komisi needs %s I, II, III or IV",
                 nm->komisi);
        return AGENDA_REFUSED;
    }
    return AGENDA_OK;
}

enum agenda_result
agenda_session_add(struct db *db, const struct cfg *c, const char *actor,
                   const struct agenda_edit *e, struct db_session *out, char err[AGENDA_ERR_MAX])
{
    enum agenda_result rc;

    assert(e->given & AGENDA_F_STARTS);
    *out = e->s;
    if ((rc = session_finish(db, c, out, e, err)) != AGENDA_OK)
        return rc;
    return db_session_add(db, out, c->timezone, actor) < 0 ? AGENDA_FAILED : AGENDA_OK;
}

enum agenda_result
agenda_session_change(struct db *db, const struct cfg *c, const char *actor, int64_t id,
                      const struct agenda_edit *e, struct db_session *out, char err[AGENDA_ERR_MAX])
{
    enum agenda_result rc;
    int found;

    if ((found = db_session_get(db, id, c->timezone, out)) < 0)
        return AGENDA_FAILED;
    if (found == 0) {
        snprintf(err, AGENDA_ERR_MAX, "no session %" PRId64, id);
        return AGENDA_NOT_FOUND;
    }
    if (e->given & AGENDA_F_TYPE)
        memcpy(out->type, e->s.type, sizeof(out->type));
    if (e->given & AGENDA_F_KOMISI)
        out->komisi = e->s.komisi;
    if (e->given & AGENDA_F_TITLE)
        memcpy(out->title, e->s.title, sizeof(out->title));
    if (e->given & AGENDA_F_PLACE)
        memcpy(out->place, e->s.place, sizeof(out->place));
    if (e->given & AGENDA_F_SUMMARY)
        memcpy(out->summary, e->s.summary, sizeof(out->summary));
    if (e->given & AGENDA_F_PUBLIC)
        out->public_ = e->s.public_;
    if ((rc = session_finish(db, c, out, e, err)) != AGENDA_OK)
        return rc;
    if ((found = db_session_update(db, out, c->timezone, actor)) < 0)
        return AGENDA_FAILED;
    if (found == 0) {
        snprintf(err, AGENDA_ERR_MAX, "no session %" PRId64, id);
        return AGENDA_NOT_FOUND;
    }
    return AGENDA_OK;
}

enum agenda_result
agenda_session_cancel(struct db *db, const char *actor, int64_t id, int cancel, const char *reason,
                      const struct agenda_names *nm, char err[AGENDA_ERR_MAX])
{
    int rc;

    if (reason != NULL && agenda_check_text(nm->reason, reason, AGENDA_REASON_MAX, 0, err) < 0)
        return AGENDA_REFUSED;
    if ((rc = db_session_cancel(db, id, cancel, reason != NULL ? reason : "", actor)) < 0)
        return AGENDA_FAILED;
    if (rc == 0) {
        snprintf(err, AGENDA_ERR_MAX, "no session %" PRId64, id);
        return AGENDA_NOT_FOUND;
    }
    return AGENDA_OK;
}

/* ---- information pages ------------------------------------------------------ */

int
agenda_info_topic(const char *s, char out[AGENDA_TOPIC_MAX + 1], char err[AGENDA_ERR_MAX])
{
    size_t n = strlen(s);
    char v[SHOWN_MAX + 4];

    if (n >= 1 && n <= AGENDA_TOPIC_MAX) {
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
    snprintf(err, AGENDA_ERR_MAX,
             "topic \"%s\" must be 1 to %d letters or digits (what citizens type after INFO)",
             shown(s, v), AGENDA_TOPIC_MAX);
    return -1;
}

ssize_t
agenda_info_text(const char *name, const char *s, char err[AGENDA_ERR_MAX])
{
    size_t len = strlen(s), pos = 0, chars = 0, bad = 0, n;
    const char *first = NULL;
    size_t first_len = 0, first_pos = 0;
    uint32_t first_cp = 0;
    ssize_t septets;

    if (len == 0) {
        snprintf(err, AGENDA_ERR_MAX, "%s is empty", name);
        return -1;
    }
    if (!utf8_valid(s, len)) {
        snprintf(err, AGENDA_ERR_MAX, "%s is not valid UTF-8", name);
        return -1;
    }
    if ((septets = gsm7_septets(s, len)) >= 0) {
        if (septets > GSM7_SEGMENT) {
            snprintf(err, AGENDA_ERR_MAX,
                     "%s is %zd characters, %zd over the %d of one SMS "
                     "(^ { } \\ [ ~ ] | and the euro sign count two)",
                     name, septets, septets - GSM7_SEGMENT, GSM7_SEGMENT);
            return -1;
        }
        return septets;
    }
    /* Find the characters GSM-7 lacks, one at a time. */
    while (pos < len) {
        uint32_t cp;

        n = utf8_decode((const unsigned char *)s + pos, len - pos, &cp);
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
    /* A control character (a tab) is shown by its code point alone. */
    if (first_cp < 0x20 || first_cp == 0x7f)
        n = (size_t)snprintf(err, AGENDA_ERR_MAX,
                             "%s is not plain SMS text (GSM-7): character %zu, U+%04X, is not in "
                             "the GSM-7 alphabet",
                             name, first_pos, (unsigned)first_cp);
    else
        n = (size_t)snprintf(err, AGENDA_ERR_MAX,
                             "%s is not plain SMS text (GSM-7): character %zu, \"%.*s\" (U+%04X), "
                             "is not in the GSM-7 alphabet",
                             name, first_pos, (int)first_len, first != NULL ? first : "",
                             (unsigned)first_cp);
    if (bad > 1 && n < AGENDA_ERR_MAX)
        n += (size_t)snprintf(err + n, AGENDA_ERR_MAX - n, ", and %zu more character%s", bad - 1,
                              bad > 2 ? "s are" : " is");
    if (n < AGENDA_ERR_MAX)
        snprintf(err + n, AGENDA_ERR_MAX - n, "; replace %s", bad > 1 ? "them" : "it");
    return -1;
}

enum agenda_result
agenda_info_save(struct db *db, const char *actor, const char *topic, const char *name,
                 const char *text, int *created, ssize_t *septets, char err[AGENDA_ERR_MAX])
{
    char t[AGENDA_TOPIC_MAX + 1];
    int rc;

    if (agenda_info_topic(topic, t, err) < 0 || (*septets = agenda_info_text(name, text, err)) < 0)
        return AGENDA_REFUSED;
    if ((rc = db_info_put(db, t, text, actor)) < 0)
        return AGENDA_FAILED;
    *created = rc;
    return AGENDA_OK;
}
