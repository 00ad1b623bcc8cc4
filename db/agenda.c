/*
 * The agenda of the DPRD and the proposals and questions citizens send for
 * its sessions.
 *
 * Staff type times as "YYYY-MM-DD HH:MM" in the configured zone; the server
 * converts them with (($n::timestamp) AT TIME ZONE tz) and stores absolute
 * times, and formats them back in the zone the reader names.  The local
 * start is also sent broken down (EXTRACT in the zone), so the SMS replies
 * need no date arithmetic of their own.
 *
 * Cancelling is not an edit: db_session_add() and db_session_update() leave
 * cancelled_at and cancel_reason alone (a session is added uncancelled), and
 * only db_session_cancel() changes them, so that an edit made from a copy
 * read before a cancellation cannot undo it.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "db/db.h"
#include "db/internal.h"

/* The columns read into a struct db_session, for a zone given as the
 * parameter TZ ("$2"), in the order db_session_row() expects. */
#define SESSION_COLUMNS(TZ)                                                                        \
    "id, type, coalesce(komisi, 0), title,"                                                        \
    " to_char(starts_at AT TIME ZONE " TZ "::text, 'YYYY-MM-DD HH24:MI'),"                         \
    " coalesce(to_char(ends_at AT TIME ZONE " TZ "::text, 'YYYY-MM-DD HH24:MI'), ''),"             \
    " place, public, summary, cancelled_at IS NOT NULL, cancel_reason,"                            \
    " EXTRACT(dow FROM starts_at AT TIME ZONE " TZ "::text)::int,"                                 \
    " EXTRACT(year FROM starts_at AT TIME ZONE " TZ "::text)::int,"                                \
    " EXTRACT(month FROM starts_at AT TIME ZONE " TZ "::text)::int,"                               \
    " EXTRACT(day FROM starts_at AT TIME ZONE " TZ "::text)::int,"                                 \
    " EXTRACT(hour FROM starts_at AT TIME ZONE " TZ "::text)::int,"                                \
    " EXTRACT(minute FROM starts_at AT TIME ZONE " TZ "::text)::int"
#define SESSION_NCOLUMNS 17

static const struct db_query q_add = {
    DB_SLOT_SESSION_ADD, "session_add",
    "INSERT INTO agenda_sessions (type, komisi, title, starts_at, ends_at, place, public,"
    " summary, created_by, updated_by)"
    " VALUES ($1::text, $2::smallint, $3::text, ($4::timestamp AT TIME ZONE $10::text),"
    " ($5::timestamp AT TIME ZONE $10::text), $6::text, $7::boolean, $8::text, $9::text,"
    " $9::text)"
    " RETURNING id",
    10};

static const struct db_query q_update = {
    DB_SLOT_SESSION_UPDATE, "session_update",
    "UPDATE agenda_sessions SET type = $2::text, komisi = $3::smallint, title = $4::text,"
    " starts_at = ($5::timestamp AT TIME ZONE $11::text),"
    " ends_at = ($6::timestamp AT TIME ZONE $11::text), place = $7::text,"
    " public = $8::boolean, summary = $9::text, updated_by = $10::text, updated_at = now()"
    " WHERE id = $1::bigint RETURNING id",
    11};

/* Cancelling again keeps the first time of cancellation and takes the new
 * reason; restoring clears both. */
static const struct db_query q_cancel = {
    DB_SLOT_SESSION_CANCEL, "session_cancel",
    "UPDATE agenda_sessions SET"
    " cancelled_at = CASE WHEN $2::boolean THEN coalesce(cancelled_at, now()) END,"
    " cancel_reason = CASE WHEN $2::boolean THEN $3::text ELSE '' END,"
    " updated_by = $4::text, updated_at = now()"
    " WHERE id = $1::bigint RETURNING id",
    4};

static const struct db_query q_get = {
    DB_SLOT_SESSION_GET, "session_get",
    "SELECT " SESSION_COLUMNS("$2") " FROM agenda_sessions WHERE id = $1::bigint", 2};

/*
 * One statement for every lookup; a parameter left NULL (or 0) does not
 * filter.  The days asked for become bounds on starts_at itself (local
 * midnight of from and of to, as absolute times), so that the index on
 * starts_at serves them: a local date at or after from is the same as a
 * start at or after from's local midnight.
 *
 * Without from, the lookup wants the sessions that have not ended yet: a
 * session whose end was not entered counts as lasting three hours, the
 * length of a usual sitting, so that a citizen asking at 10:00 still sees
 * the session that began at 09:00 without seeing yesterday's forever.
 *
 * count(*) OVER () is computed before LIMIT, so every row carries the
 * number of sessions that match in all.
 */
static const struct db_query q_list = {
    DB_SLOT_SESSION_LIST, "session_list",
    "SELECT " SESSION_COLUMNS(
        "$1") ", count(*) OVER ()"
              " FROM agenda_sessions"
              " WHERE starts_at >= coalesce(($2::date::timestamp AT TIME ZONE $1::text), "
              "'-infinity')"
              " AND starts_at < coalesce(($3::date::timestamp AT TIME ZONE $1::text), 'infinity')"
              " AND ($2::date IS NOT NULL"
              " OR coalesce(ends_at, starts_at + interval '3 hours') >= now())"
              " AND ($4::int = 0 OR komisi = $4::int)"
              " AND ($5::text IS NULL OR type = $5::text)"
              " AND ($6::boolean OR cancelled_at IS NULL)"
              " ORDER BY starts_at, id LIMIT $7::bigint",
    7};

/* $2 is the start of today in the caller's zone, as epoch seconds: the end
 * (else the start) falls on today or later exactly when it is at or after
 * that instant. */
static const struct db_query q_open = {
    DB_SLOT_SESSION_OPEN, "session_open_for_input",
    "SELECT EXISTS (SELECT 1 FROM agenda_sessions WHERE id = $1::bigint"
    " AND cancelled_at IS NULL"
    " AND coalesce(ends_at, starts_at) >= to_timestamp($2::double precision))",
    2};

static const struct db_query q_input_add = {
    DB_SLOT_INPUT_ADD, "input_add",
    "INSERT INTO session_inputs (session_id, msisdn, kind, body, message_id)"
    " VALUES ($1::bigint, $2::text, $3::text, $4::text, $5::bigint)",
    5};

#define INPUT_COLUMNS(TZ)                                                                          \
    "id, coalesce(session_id, 0), msisdn, kind, body, coalesce(message_id, 0),"                    \
    " to_char(created_at AT TIME ZONE " TZ "::text, 'YYYY-MM-DD HH24:MI')"

static const struct db_query q_input_list = {
    DB_SLOT_INPUT_LIST, "input_list",
    "SELECT " INPUT_COLUMNS("$2") " FROM session_inputs WHERE session_id = $1::bigint"
                                  " ORDER BY created_at, id",
    2};

/* The inputs naming no session: a staff command run once per process, so
 * it is not worth a prepared statement. */
static const struct db_query q_input_list_general = {
    DB_UNPREPARED, "input_list_general",
    "SELECT " INPUT_COLUMNS("$1") " FROM session_inputs"
                                  " WHERE session_id IS NULL"
                                  " ORDER BY created_at, id",
    1};

/* The zone used when the caller gives none. */
static const char *
db_tz(const char *tz)
{
    return tz != NULL ? tz : "UTC";
}

/* Parses a small integer column; returns 0 or -1 after logging. */
static int
db_int(const PGresult *res, int row, int col, int *out, const char *name)
{
    int64_t v;

    if (db_parse_i64(PQgetvalue(res, row, col), &v, name) < 0)
        return -1;
    if (v < INT32_MIN || v > INT32_MAX) {
        db_log_error(name, "server sent an integer out of range");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* Fills s from row i of a result of SESSION_COLUMNS.  Returns 0 or -1. */
static int
db_session_row(const PGresult *res, int i, struct db_session *s, const char *name)
{
    memset(s, 0, sizeof(*s));
    if (db_parse_i64(PQgetvalue(res, i, 0), &s->id, name) < 0 ||
        db_copy(s->type, sizeof(s->type), PQgetvalue(res, i, 1), name) < 0 ||
        db_int(res, i, 2, &s->komisi, name) < 0 ||
        db_copy(s->title, sizeof(s->title), PQgetvalue(res, i, 3), name) < 0 ||
        db_copy(s->starts, sizeof(s->starts), PQgetvalue(res, i, 4), name) < 0 ||
        db_copy(s->ends, sizeof(s->ends), PQgetvalue(res, i, 5), name) < 0 ||
        db_copy(s->place, sizeof(s->place), PQgetvalue(res, i, 6), name) < 0 ||
        db_copy(s->summary, sizeof(s->summary), PQgetvalue(res, i, 8), name) < 0 ||
        db_copy(s->cancel_reason, sizeof(s->cancel_reason), PQgetvalue(res, i, 10), name) < 0 ||
        db_int(res, i, 11, &s->wday, name) < 0 || db_int(res, i, 12, &s->year, name) < 0 ||
        db_int(res, i, 13, &s->month, name) < 0 || db_int(res, i, 14, &s->day, name) < 0 ||
        db_int(res, i, 15, &s->hour, name) < 0 || db_int(res, i, 16, &s->minute, name) < 0) {
        memset(s, 0, sizeof(*s));
        return -1;
    }
    s->public_ = strcmp(PQgetvalue(res, i, 7), "t") == 0;
    s->cancelled = strcmp(PQgetvalue(res, i, 9), "t") == 0;
    return 0;
}

/* Runs a statement whose only row, if any, is an id; returns 1 and sets
 * *id (when not NULL) when there is a row, 0 when none, -1 on error. */
static int
db_returning_id(struct db *db, const struct db_query *q, const char *const *values, int64_t *id)
{
    PGresult *res;
    int rc = 0;

    if ((res = db_exec(db, q, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) > 0) {
        rc = 1;
        if (id != NULL && db_parse_i64(PQgetvalue(res, 0, 0), id, q->name) < 0)
            rc = -1;
    }
    PQclear(res);
    return rc;
}

int
db_session_add(struct db *db, struct db_session *s, const char *tz, const char *actor)
{
    char komisi[8];
    const char *values[10];
    int64_t id;
    int rc;

    snprintf(komisi, sizeof(komisi), "%d", s->komisi);
    values[0] = s->type;
    values[1] = s->komisi != 0 ? komisi : NULL;
    values[2] = s->title;
    values[3] = s->starts;
    values[4] = s->ends[0] != '\0' ? s->ends : NULL;
    values[5] = s->place;
    values[6] = s->public_ ? "true" : "false";
    values[7] = s->summary;
    values[8] = actor;
    values[9] = db_tz(tz);
    rc = db_returning_id(db, &q_add, values, &id);
    if (rc == 0) {
        /* INSERT ... RETURNING always returns the row it inserted. */
        db_log_error(q_add.name, "no id returned");
        return -1;
    }
    if (rc < 0)
        return -1;
    s->id = id;
    return 0;
}

int
db_session_update(struct db *db, const struct db_session *s, const char *tz, const char *actor)
{
    char id[24], komisi[8];
    const char *values[11];

    snprintf(id, sizeof(id), "%" PRId64, s->id);
    snprintf(komisi, sizeof(komisi), "%d", s->komisi);
    values[0] = id;
    values[1] = s->type;
    values[2] = s->komisi != 0 ? komisi : NULL;
    values[3] = s->title;
    values[4] = s->starts;
    values[5] = s->ends[0] != '\0' ? s->ends : NULL;
    values[6] = s->place;
    values[7] = s->public_ ? "true" : "false";
    values[8] = s->summary;
    values[9] = actor;
    values[10] = db_tz(tz);
    return db_returning_id(db, &q_update, values, NULL);
}

int
db_session_cancel(struct db *db, int64_t id, int cancel, const char *reason, const char *actor)
{
    char sid[24];
    const char *values[4] = {sid, cancel ? "true" : "false", reason != NULL ? reason : "", actor};

    snprintf(sid, sizeof(sid), "%" PRId64, id);
    return db_returning_id(db, &q_cancel, values, NULL);
}

int
db_session_get(struct db *db, int64_t id, const char *tz, struct db_session *out)
{
    char sid[24];
    const char *values[2] = {sid, db_tz(tz)};
    PGresult *res;
    int rc = 0;

    memset(out, 0, sizeof(*out));
    snprintf(sid, sizeof(sid), "%" PRId64, id);
    if ((res = db_exec(db, &q_get, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 1)
        rc = db_session_row(res, 0, out, q_get.name) == 0 ? 1 : -1;
    PQclear(res);
    return rc;
}

int
db_session_list(struct db *db, const struct db_session_query *q, const char *tz,
                void (*cb)(void *ctx, const struct db_session *s), void *ctx, int *total)
{
    char komisi[8], limit[16];
    const char *values[7];
    PGresult *res;
    int64_t all = 0;
    int n;

    snprintf(komisi, sizeof(komisi), "%d", q->komisi);
    snprintf(limit, sizeof(limit), "%d", q->limit);
    values[0] = db_tz(tz);
    values[1] = q->from;
    values[2] = q->to;
    values[3] = komisi;
    values[4] = q->type;
    values[5] = q->include_cancelled ? "true" : "false";
    /* A limit of 0 or less passes every match, as db_ticket_list() does. */
    values[6] = q->limit > 0 ? limit : NULL;
    if ((res = db_exec(db, &q_list, values, NULL, NULL)) == NULL)
        return -1;
    n = PQntuples(res);
    if (n > 0 && db_parse_i64(PQgetvalue(res, 0, SESSION_NCOLUMNS), &all, q_list.name) < 0) {
        PQclear(res);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        struct db_session s;

        if (db_session_row(res, i, &s, q_list.name) < 0) {
            PQclear(res);
            return -1;
        }
        cb(ctx, &s);
    }
    PQclear(res);
    if (total != NULL)
        *total = all > INT32_MAX ? INT32_MAX : (int)all;
    return n;
}

int
db_input_add(struct db *db, const struct db_input *in)
{
    char sid[24], mid[24];
    const char *values[5];
    PGresult *res;

    snprintf(sid, sizeof(sid), "%" PRId64, in->session_id);
    snprintf(mid, sizeof(mid), "%" PRId64, in->message_id);
    /* Ids start at 1: 0 says there is none, stored as NULL. */
    values[0] = in->session_id > 0 ? sid : NULL;
    values[1] = in->msisdn;
    values[2] = in->kind;
    values[3] = in->body;
    values[4] = in->message_id > 0 ? mid : NULL;
    if ((res = db_exec(db, &q_input_add, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}

/*
 * "Today" is the local date of this process: aspirasid sets TZ to the
 * configured zone at start, and resolves AGENDA BESOK against the same
 * clock, so both agree on when a day begins.  The start of today is sent as
 * an absolute time, which the server compares without a zone of its own.
 */
int
db_session_open_for_input(struct db *db, int64_t id)
{
    char sid[24], midnight[32];
    const char *values[2] = {sid, midnight};
    time_t now = time(NULL), start;
    struct tm tm;
    PGresult *res;
    int rc;

    if (localtime_r(&now, &tm) == NULL) {
        db_log_error(q_open.name, "cannot read the local time");
        return -1;
    }
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    if ((start = mktime(&tm)) == (time_t)-1) {
        db_log_error(q_open.name, "cannot compute the start of today");
        return -1;
    }
    snprintf(sid, sizeof(sid), "%" PRId64, id);
    snprintf(midnight, sizeof(midnight), "%lld", (long long)start);
    if ((res = db_exec(db, &q_open, values, NULL, NULL)) == NULL)
        return -1;
    rc = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return rc;
}

int
db_input_list(struct db *db, int64_t session_id, const char *tz,
              void (*cb)(void *ctx, const struct db_input *in), void *ctx)
{
    char sid[24];
    const char *values[2];
    const struct db_query *q;
    PGresult *res;
    int n;

    snprintf(sid, sizeof(sid), "%" PRId64, session_id);
    if (session_id > 0) {
        q = &q_input_list;
        values[0] = sid;
        values[1] = db_tz(tz);
    } else {
        q = &q_input_list_general;
        values[0] = db_tz(tz);
        values[1] = NULL;
    }
    if ((res = db_exec(db, q, values, NULL, NULL)) == NULL)
        return -1;
    n = PQntuples(res);
    for (int i = 0; i < n; i++) {
        struct db_input in;

        memset(&in, 0, sizeof(in));
        if (db_parse_i64(PQgetvalue(res, i, 0), &in.id, q->name) < 0 ||
            db_parse_i64(PQgetvalue(res, i, 1), &in.session_id, q->name) < 0 ||
            db_parse_i64(PQgetvalue(res, i, 5), &in.message_id, q->name) < 0 ||
            db_copy(in.created, sizeof(in.created), PQgetvalue(res, i, 6), q->name) < 0) {
            PQclear(res);
            return -1;
        }
        /* Strings of the result, valid during the callback only. */
        in.msisdn = PQgetvalue(res, i, 2);
        in.kind = PQgetvalue(res, i, 3);
        in.body = PQgetvalue(res, i, 4);
        cb(ctx, &in);
    }
    PQclear(res);
    return n;
}

/* ---- the staff API ---------------------------------------------------------- */

/*
 * The API's statements read and show times in the zone of the transaction
 * (db_local_timezone(), which the API sets to the configured zone for
 * every request): the local fields of SESSION_COLUMNS come from
 * current_setting('TimeZone'), and to_char() of a timestamptz with
 * TZH:TZM gives ISO 8601 with that zone's offset.
 *
 * A page of a listing comes with the number of matches in all even when
 * its offset is past the last one: the count is the single row of t, and
 * the page is joined to it, so an empty page is one row of NULLs.
 */
#define ISO_FORMAT     "'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM'"
#define TRANSACTION_TZ "current_setting('TimeZone')"

static const struct db_query q_local_time = {
    DB_SLOT_SESSION_LOCAL_TIME, "session_local_time",
    "SELECT to_char(($1::timestamptz) AT TIME ZONE $2::text, 'YYYY-MM-DD HH24:MI')", 2};

/* The columns of a struct db_session_iso, in the order
 * db_session_iso_row() expects. */
#define SESSION_ISO_COLUMNS                                                                        \
    SESSION_COLUMNS(TRANSACTION_TZ)                                                                \
    ", to_char(starts_at, " ISO_FORMAT "), coalesce(to_char(ends_at, " ISO_FORMAT "), '')"

#define INPUT_ISO_COLUMNS INPUT_COLUMNS(TRANSACTION_TZ) ", to_char(created_at, " ISO_FORMAT ")"

static const struct db_query q_iso_get = {
    DB_SLOT_SESSION_ISO_GET, "session_iso_get",
    "SELECT " SESSION_ISO_COLUMNS " FROM agenda_sessions WHERE id = $1::bigint", 1};

/* As q_list, with the bounds given as timestamptz: from (else the
 * sessions not ended yet, a missing end counting as three hours), the end
 * of the local day to_day, and to_time itself. */
static const struct db_query q_iso_list = {
    DB_SLOT_SESSION_ISO_LIST, "session_iso_list",
    "WITH m AS (SELECT " SESSION_ISO_COLUMNS ", starts_at AS k1, id AS k2"
    " FROM agenda_sessions"
    " WHERE (starts_at >= $1::timestamptz OR ($1::timestamptz IS NULL"
    " AND coalesce(ends_at, starts_at + interval '3 hours') >= now()))"
    " AND ($2::date IS NULL OR starts_at < ($2::date + 1)::timestamptz)"
    " AND ($3::timestamptz IS NULL OR starts_at <= $3::timestamptz)"
    " AND ($4::int = 0 OR komisi = $4::int)"
    " AND ($5::text IS NULL OR type = $5::text)"
    " AND ($6::boolean OR cancelled_at IS NULL))"
    " SELECT p.*, t.n FROM (SELECT count(*) AS n FROM m) t"
    " LEFT JOIN LATERAL (SELECT * FROM m ORDER BY k1, k2"
    " LIMIT $7::bigint OFFSET $8::bigint) p ON true"
    " ORDER BY p.k1, p.k2",
    8};

/* Columns of q_iso_list: the session, its two ISO times, the two sort
 * keys, the count. */
#define ISO_LIST_COUNT (SESSION_NCOLUMNS + 4)

/* $1 NULL: the inputs naming no session. */
static const struct db_query q_input_iso_list = {
    DB_SLOT_INPUT_ISO_LIST, "input_iso_list",
    "WITH m AS (SELECT " INPUT_ISO_COLUMNS ", created_at AS k1, id AS k2"
    " FROM session_inputs"
    " WHERE CASE WHEN $1::bigint IS NULL THEN session_id IS NULL"
    " ELSE session_id = $1::bigint END)"
    " SELECT p.*, t.n FROM (SELECT count(*) AS n FROM m) t"
    " LEFT JOIN LATERAL (SELECT * FROM m ORDER BY k1, k2"
    " LIMIT $2::bigint OFFSET $3::bigint) p ON true"
    " ORDER BY p.k1, p.k2",
    3};

/* Columns of q_input_iso_list: the input (7), its ISO time, the two sort
 * keys, the count. */
#define INPUT_ISO_COUNT 10

int
db_session_local_time(struct db *db, const char *ts, const char *tz, char out[32])
{
    const char *values[2] = {ts, db_tz(tz)};
    PGresult *res;
    int rc = -1;

    out[0] = '\0';
    if ((res = db_exec(db, &q_local_time, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
        rc = db_copy(out, 32, PQgetvalue(res, 0, 0), q_local_time.name);
    else
        db_log_error(q_local_time.name, "no time returned");
    PQclear(res);
    return rc;
}

/* Fills s from row i of q_iso_get or q_iso_list.  Returns 0 or -1. */
static int
db_session_iso_row(const PGresult *res, int i, struct db_session_iso *s, const char *name)
{
    memset(s, 0, sizeof(*s));
    if (db_session_row(res, i, &s->s, name) < 0 ||
        db_copy(s->starts, sizeof(s->starts), PQgetvalue(res, i, SESSION_NCOLUMNS), name) < 0 ||
        db_copy(s->ends, sizeof(s->ends), PQgetvalue(res, i, SESSION_NCOLUMNS + 1), name) < 0)
        return -1;
    return 0;
}

int
db_session_iso_get(struct db *db, int64_t id, struct db_session_iso *out)
{
    char sid[24];
    const char *values[1] = {sid};
    PGresult *res;
    int rc = 0;

    memset(out, 0, sizeof(*out));
    snprintf(sid, sizeof(sid), "%" PRId64, id);
    if ((res = db_exec(db, &q_iso_get, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 1)
        rc = db_session_iso_row(res, 0, out, q_iso_get.name) == 0 ? 1 : -1;
    PQclear(res);
    return rc;
}

int
db_session_iso_list(struct db *db, const struct db_session_iso_query *q,
                    void (*cb)(void *ctx, const struct db_session_iso *s), void *ctx,
                    int64_t *total)
{
    char komisi[8], limit[16], offset[24];
    const char *values[8];
    PGresult *res;
    int n = 0;

    snprintf(komisi, sizeof(komisi), "%d", q->komisi);
    snprintf(limit, sizeof(limit), "%d", q->limit);
    snprintf(offset, sizeof(offset), "%" PRId64, q->offset);
    values[0] = q->from;
    values[1] = q->to_day;
    values[2] = q->to_time;
    values[3] = komisi;
    values[4] = q->type;
    values[5] = q->include_cancelled ? "true" : "false";
    values[6] = limit;
    values[7] = offset;
    *total = 0;
    if ((res = db_exec(db, &q_iso_list, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) < 1 ||
        db_parse_i64(PQgetvalue(res, 0, ISO_LIST_COUNT), total, q_iso_list.name) < 0) {
        if (PQntuples(res) < 1)
            db_log_error(q_iso_list.name, "no count returned");
        PQclear(res);
        return -1;
    }
    for (int i = 0; i < PQntuples(res); i++) {
        struct db_session_iso s;

        if (PQgetisnull(res, i, 0)) /* an empty page */
            continue;
        if (db_session_iso_row(res, i, &s, q_iso_list.name) < 0) {
            PQclear(res);
            return -1;
        }
        cb(ctx, &s);
        n++;
    }
    PQclear(res);
    return n;
}

int
db_input_iso_list(struct db *db, int64_t session_id, int limit, int64_t offset,
                  void (*cb)(void *ctx, const struct db_input *in, const char *created_at),
                  void *ctx, int64_t *total)
{
    char sid[24], slimit[16], soffset[24];
    const char *values[3] = {session_id > 0 ? sid : NULL, slimit, soffset};
    PGresult *res;
    int n = 0;

    snprintf(sid, sizeof(sid), "%" PRId64, session_id);
    snprintf(slimit, sizeof(slimit), "%d", limit);
    snprintf(soffset, sizeof(soffset), "%" PRId64, offset);
    *total = 0;
    if ((res = db_exec(db, &q_input_iso_list, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) < 1 ||
        db_parse_i64(PQgetvalue(res, 0, INPUT_ISO_COUNT), total, q_input_iso_list.name) < 0) {
        if (PQntuples(res) < 1)
            db_log_error(q_input_iso_list.name, "no count returned");
        PQclear(res);
        return -1;
    }
    for (int i = 0; i < PQntuples(res); i++) {
        struct db_input in;

        if (PQgetisnull(res, i, 0)) /* an empty page */
            continue;
        memset(&in, 0, sizeof(in));
        if (db_parse_i64(PQgetvalue(res, i, 0), &in.id, q_input_iso_list.name) < 0 ||
            db_parse_i64(PQgetvalue(res, i, 1), &in.session_id, q_input_iso_list.name) < 0 ||
            db_parse_i64(PQgetvalue(res, i, 5), &in.message_id, q_input_iso_list.name) < 0 ||
            db_copy(in.created, sizeof(in.created), PQgetvalue(res, i, 6), q_input_iso_list.name) <
                0) {
            PQclear(res);
            return -1;
        }
        in.msisdn = PQgetvalue(res, i, 2);
        in.kind = PQgetvalue(res, i, 3);
        in.body = PQgetvalue(res, i, 4);
        cb(ctx, &in, PQgetvalue(res, i, 7));
        n++;
    }
    PQclear(res);
    return n;
}
