/*
 * The agenda and the information pages as staff change them, shared by
 * aspirasictl (gateway/ctl_agenda.c) and the staff API
 * (gateway/api_agenda.c), so that both accept and refuse exactly the same
 * things with the same reasons.
 *
 * Two layers.  The checks (agenda_session_check(), agenda_parse_*(),
 * agenda_check_text(), agenda_info_topic(), agenda_info_text()) are pure:
 * they read what staff gave and say what is wrong, before any connection
 * is made.  The writes (agenda_session_add(), agenda_session_change(),
 * agenda_session_cancel(), agenda_info_save()) take a connection, finish
 * the checks that need the stored row (an end before a start that was
 * kept, a komisi meeting without its komisi) and write.  None of them
 * begins or commits a transaction: aspirasictl wraps them in
 * db_begin()/db_commit(), the API runs each request in one.
 *
 * Every refusal is one message in err (AGENDA_ERR_MAX bytes, no final
 * period), naming the field the way the caller calls it (struct
 * agenda_names: "--start" on the command line, "\"starts\"" in the API).
 * A value quoted back is cut to a few dozen characters and made safe for
 * JSON; no message ever holds a phone number.
 */
#ifndef ASPIRASI_AGENDA_OPS_H
#define ASPIRASI_AGENDA_OPS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "config/cfg.h"
#include "db/db.h"

#define AGENDA_ERR_MAX 256

/* Limits of the texts of a session, in bytes (struct db_session). */
#define AGENDA_TITLE_MAX   200
#define AGENDA_PLACE_MAX   120
#define AGENDA_SUMMARY_MAX 320
#define AGENDA_REASON_MAX  120
#define AGENDA_TOPIC_MAX   20 /* letters and digits of an info topic */

/* The earliest year a date may have. */
#define AGENDA_YEAR_MIN 1900

/* How a caller names the fields in its messages, and how it says "no
 * value" (none_word: "none" on the command line, "null" in JSON). */
struct agenda_names {
    const char *type, *komisi, *title, *starts, *ends, *place, *summary, *reason;
    const char *none_word;
};

/* The names of aspirasictl ("--start") and of the API ("\"starts\""). */
extern const struct agenda_names agenda_cli_names;
extern const struct agenda_names agenda_api_names;

/* The outcome of a write. */
enum agenda_result {
    AGENDA_OK = 0,
    AGENDA_REFUSED,   /* err says why; nothing was written */
    AGENDA_NOT_FOUND, /* no such session; err says so */
    AGENDA_FAILED     /* a database error, logged by db/ */
};

/* A date and time as staff give it. */
struct agenda_time {
    int year, month, day, hour, minute;
    int has_date;   /* 0: "HH:MM" alone, an end on the start's day */
    int has_offset; /* an offset ("Z", "+07:00") was given: the database
                       turns text into the configured zone's time */
    char text[40];  /* the value as given, when has_offset */
};

/* What a caller was given for a session; NULL (or -1) when not given. */
struct agenda_input {
    const char *type;   /* a type name, any case */
    const char *komisi; /* I-IV or 1-4, any case ("none" too, when changing) */
    int komisi_none;    /* remove the komisi */
    const char *title, *place, *summary;
    const char *starts; /* "YYYY-MM-DD HH:MM", "YYYY-MM-DDTHH:MM[:SS][offset]" */
    const char *ends;   /* the same, or "HH:MM" on the start's day */
    int ends_none;      /* remove the end */
    int public_;        /* 1 public, 0 closed, -1 not given */
};

/* Which fields an edit sets. */
#define AGENDA_F_TYPE    0x01u
#define AGENDA_F_KOMISI  0x02u
#define AGENDA_F_TITLE   0x04u
#define AGENDA_F_STARTS  0x08u
#define AGENDA_F_ENDS    0x10u
#define AGENDA_F_PLACE   0x20u
#define AGENDA_F_PUBLIC  0x40u
#define AGENDA_F_SUMMARY 0x80u

/* A checked edit of a session, from agenda_session_check(). */
struct agenda_edit {
    const struct agenda_names *names;
    unsigned given;      /* AGENDA_F_* */
    struct db_session s; /* type, komisi, title, place, summary, public_ as given */
    struct agenda_time start, end;
    int end_none;
};

/*
 * Parses a komisi: I-IV or 1-4 in any case, and when none_ok "none" or
 * "-" (0).  name is the field's name for the message.  Returns 0, or -1
 * with err set.
 */
int agenda_parse_komisi(const char *name, const char *none_word, const char *s, int none_ok,
                        int *out, char err[AGENDA_ERR_MAX]);

/* Parses a session type (paripurna komisi rdp reses banmus banggar lain,
 * any case) into out, lower case.  Returns 0, or -1 with err set. */
int agenda_parse_type(const char *name, const char *s, char out[16], char err[AGENDA_ERR_MAX]);

/*
 * Checks a text field: valid UTF-8, one line without tabs or control
 * characters, at most max bytes, and not blank when required.  Returns 0,
 * or -1 with err set.
 */
int agenda_check_text(const char *name, const char *s, size_t max, int required,
                      char err[AGENDA_ERR_MAX]);

/* Parses a day, "YYYY-MM-DD" (month and day may have one digit), into
 * *out.  Returns 0, or -1 with err set. */
int agenda_parse_day(const char *name, const char *s, struct agenda_time *out,
                     char err[AGENDA_ERR_MAX]);

/*
 * Parses a date and time: "YYYY-MM-DD HH:MM" (or T between them), with
 * optional ":00" seconds (a fraction of zeros too) and an optional offset
 * ("Z", "+07:00", "+0700", "+07"); with time_only_ok also "HH:MM" alone.
 * The date must be real and from AGENDA_YEAR_MIN on, the time 00:00-23:59,
 * the seconds 00 (sessions are kept to the minute).  Returns 0, or -1 with
 * err set.
 */
int agenda_parse_time(const char *name, const char *s, int time_only_ok, struct agenda_time *out,
                      char err[AGENDA_ERR_MAX]);

/* Compares two times that have dates: <0, 0, >0. */
int agenda_time_cmp(const struct agenda_time *a, const struct agenda_time *b);

/* Formats a time with a date as "YYYY-MM-DD" into out (11 bytes). */
void agenda_day_format(const struct agenda_time *t, char out[11]);

/* Moves a time with a date to the next day. */
void agenda_next_day(struct agenda_time *t);

/*
 * Checks every field in (stopping at the first mistake) into *e, with
 * names for the messages.  When adding (change 0), type, title and starts
 * are required and komisi may not be "none"; when changing, at least one
 * field must be given.  Touches no database.  Returns 0, or -1 with err
 * set.
 */
int agenda_session_check(const struct agenda_input *in, const struct agenda_names *names,
                         int change, struct agenda_edit *e, char err[AGENDA_ERR_MAX]);

/*
 * Adds the session e (from agenda_session_check() with change 0): turns
 * times given with an offset into the configured zone (c->timezone),
 * applies an end given as "HH:MM" to the start's day, checks that the end
 * is not before the start and that a komisi meeting names its komisi, and
 * writes it with actor.  On AGENDA_OK, *out is the session written, with
 * its id.
 */
enum agenda_result agenda_session_add(struct db *db, const struct cfg *c, const char *actor,
                                      const struct agenda_edit *e, struct db_session *out,
                                      char err[AGENDA_ERR_MAX]);

/* Changes session id by the fields e gives (change 1), the others kept,
 * with the same checks on the result as agenda_session_add().  On
 * AGENDA_OK, *out is the session as written. */
enum agenda_result agenda_session_change(struct db *db, const struct cfg *c, const char *actor,
                                         int64_t id, const struct agenda_edit *e,
                                         struct db_session *out, char err[AGENDA_ERR_MAX]);

/* Cancels session id with reason (NULL: none; checked as names->reason,
 * at most AGENDA_REASON_MAX bytes), or with cancel 0 restores it. */
enum agenda_result agenda_session_cancel(struct db *db, const char *actor, int64_t id, int cancel,
                                         const char *reason, const struct agenda_names *names,
                                         char err[AGENDA_ERR_MAX]);

/* Checks an info topic, 1-20 ASCII letters or digits, and lower-cases it
 * into out.  Returns 0, or -1 with err set. */
int agenda_info_topic(const char *s, char out[AGENDA_TOPIC_MAX + 1], char err[AGENDA_ERR_MAX]);

/*
 * Checks that an info text is one plain SMS: not empty, valid UTF-8, only
 * characters of the GSM-7 alphabet (else the phone would get it in UCS-2,
 * 70 characters a part), at most 160 septets.  name is how the caller
 * calls the text ("the text", "\"body\"").  Says which character is wrong
 * or how much is too long.  Returns the septets, or -1 with err set.
 */
ssize_t agenda_info_text(const char *name, const char *s, char err[AGENDA_ERR_MAX]);

/*
 * Saves the page of topic (as given: checked and lower-cased here) with
 * text (checked as name), replacing it, with actor.  Sets *created to 1
 * when there was no such page, 0 when one was replaced, and *septets.
 * Returns AGENDA_OK, AGENDA_REFUSED or AGENDA_FAILED.
 */
enum agenda_result agenda_info_save(struct db *db, const char *actor, const char *topic,
                                    const char *name, const char *text, int *created,
                                    ssize_t *septets, char err[AGENDA_ERR_MAX]);

#endif
