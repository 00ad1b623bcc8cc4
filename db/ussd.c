/*
 * USSD sessions: one row per session, read with its row locked so that two
 * requests of one session (a retry racing the original) take turns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "db/db.h"
#include "db/internal.h"

#define USSD_COLUMNS                                                                               \
    "msisdn, state, steps, screen, ended, coalesce(resume_from, ''),"                              \
    " extract(epoch FROM now() - updated_at)::bigint, resumable"

/* Fills out from the USSD_COLUMNS of row i, from column c on; returns 0 or
 * -1. */
static int
ussd_row_at(const PGresult *res, int i, int c, const char *name, struct db_ussd *out)
{
    int64_t v;

    if (db_copy(out->msisdn, sizeof(out->msisdn), PQgetvalue(res, i, c), name) < 0 ||
        db_copy(out->state, sizeof(out->state), PQgetvalue(res, i, c + 1), name) < 0 ||
        db_parse_i64(PQgetvalue(res, i, c + 2), &v, name) < 0 ||
        db_copy(out->screen, sizeof(out->screen), PQgetvalue(res, i, c + 3), name) < 0 ||
        db_copy(out->resume_from, sizeof(out->resume_from), PQgetvalue(res, i, c + 5), name) < 0 ||
        db_parse_i64(PQgetvalue(res, i, c + 6), &out->age, name) < 0)
        return -1;
    out->steps = (int)v;
    out->ended = strcmp(PQgetvalue(res, i, c + 4), "t") == 0;
    out->resumable = strcmp(PQgetvalue(res, i, c + 7), "t") == 0;
    return 0;
}

static int
ussd_row(const PGresult *res, int i, const char *name, struct db_ussd *out)
{
    return ussd_row_at(res, i, 0, name, out);
}

static const struct db_query q_get = {
    DB_SLOT_USSD_GET, "ussd_get",
    "SELECT " USSD_COLUMNS " FROM ussd_sessions WHERE id = $1 FOR UPDATE", 1};

int
db_ussd_get(struct db *db, const char *id, struct db_ussd *out)
{
    const char *values[1] = {id};
    PGresult *res;
    int rc = 0;

    if ((res = db_exec(db, &q_get, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 1)
        rc = ussd_row(res, 0, q_get.name, out) == 0 ? 1 : -1;
    PQclear(res);
    return rc;
}

static const struct db_query q_put = {
    DB_SLOT_USSD_PUT, "ussd_put",
    "INSERT INTO ussd_sessions (id, msisdn, transport, state, steps, screen, ended, resume_from,"
    " resumable)"
    " VALUES ($1, $2, $3, $4, $5::int, $6, $7::boolean, nullif($8, ''), $9::boolean)"
    " ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, steps = EXCLUDED.steps,"
    " screen = EXCLUDED.screen, ended = EXCLUDED.ended, resume_from = EXCLUDED.resume_from,"
    " resumable = EXCLUDED.resumable, updated_at = now()",
    9};

int
db_ussd_put(struct db *db, const char *id, const char *transport, const struct db_ussd *s)
{
    char steps[16];
    const char *values[9] = {id,
                             s->msisdn,
                             transport,
                             s->state,
                             steps,
                             s->screen,
                             s->ended ? "true" : "false",
                             s->resume_from,
                             s->resumable ? "true" : "false"};
    PGresult *res;

    snprintf(steps, sizeof(steps), "%d", s->steps);
    if ((res = db_exec(db, &q_put, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}

/* The sessions of a batch, each row locked, in the order of $1 (a LATERAL
 * probe per key, as the intake's other batch reads). */
static const struct db_query q_get_many = {
    DB_SLOT_USSD_GET_MANY, "ussd_get_many",
    "SELECT k.i, s.* FROM unnest($1::text[]) WITH ORDINALITY AS k (id, i)"
    " CROSS JOIN LATERAL (SELECT " USSD_COLUMNS " FROM ussd_sessions"
    " WHERE id = k.id FOR UPDATE) AS s ORDER BY k.i",
    1};

int
db_ussd_get_many_stmt(const char *const *ids, size_t n, int *found, struct db_stmt *s)
{
    for (size_t k = 0; k < n; k++)
        found[k] = 0;
    return db_stmt_keys(s, &q_get_many, ids, n, "a session id");
}

int
db_ussd_get_many_read(const PGresult *res, size_t n, struct db_ussd *out, int *found)
{
    int64_t i;

    for (int r = 0; r < PQntuples(res); r++) {
        if (db_parse_i64(PQgetvalue(res, r, 0), &i, q_get_many.name) < 0 || i < 1 ||
            (size_t)i > n || ussd_row_at(res, r, 1, q_get_many.name, &out[i - 1]) < 0)
            return -1;
        found[i - 1] = 1;
    }
    return 0;
}

/* Every session of a batch written in one statement. */
static const struct db_query q_put_many = {
    DB_SLOT_USSD_PUT_MANY, "ussd_put_many",
    "INSERT INTO ussd_sessions (id, msisdn, transport, state, steps, screen, ended, resume_from,"
    " resumable)"
    " SELECT id, msisdn, transport, state, steps, screen, ended, nullif(resume_from, ''),"
    " resumable FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[],"
    " $6::text[], $7::boolean[], $8::text[], $9::boolean[])"
    " AS u (id, msisdn, transport, state, steps, screen, ended, resume_from, resumable)"
    " ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, steps = EXCLUDED.steps,"
    " screen = EXCLUDED.screen, ended = EXCLUDED.ended, resume_from = EXCLUDED.resume_from,"
    " resumable = EXCLUDED.resumable, updated_at = now()",
    9};

int
db_ussd_put_many(struct db *db, const char *const *ids, const char *const *transports,
                 const struct db_ussd *const *s, size_t n)
{
    static const enum db_elem types[9] = {DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT, DB_INT4,
                                          DB_TEXT, DB_BOOL, DB_TEXT, DB_BOOL};
    struct db_arr col[9];
    const char *values[9];
    int lengths[9], formats[9];
    PGresult *res;
    int rc = 0, i;

    memset(col, 0, sizeof(col));
    for (i = 0; i < 9; i++)
        db_arr_start(&col[i], types[i]);
    for (size_t k = 0; k < n; k++) {
        rc |= db_arr_str(&col[0], ids[k]);
        rc |= db_arr_str(&col[1], s[k]->msisdn);
        rc |= db_arr_str(&col[2], transports[k]);
        rc |= db_arr_str(&col[3], s[k]->state);
        db_arr_int(&col[4], s[k]->steps, 0);
        rc |= db_arr_str(&col[5], s[k]->screen);
        db_arr_bool(&col[6], s[k]->ended);
        rc |= db_arr_str(&col[7], s[k]->resume_from);
        db_arr_bool(&col[8], s[k]->resumable);
    }
    for (i = 0; i < 9; i++) {
        db_arr_end(&col[i]);
        db_arr_param(&col[i], i, values, lengths, formats);
    }
    if (rc < 0) {
        db_log_error(q_put_many.name, "NUL byte in a session");
    } else if ((res = db_exec(db, &q_put_many, values, lengths, formats)) == NULL) {
        rc = -1;
    } else {
        PQclear(res);
    }
    for (i = 0; i < 9; i++)
        free(col[i].buf);
    return rc;
}

/* The latest session of a number that it may continue.  The window is a
 * row comparison, (msisdn, updated_at) > (number, its start), which only
 * ussd_sessions (msisdn, updated_at) can serve: with "updated_at > its
 * start", a plan made while no session was recent could read ussd_sessions
 * (updated_at) and filter by number, every session of the window at every
 * dial (as messages_ahead, db/messages.c). */
static const struct db_query q_dropped = {
    DB_SLOT_USSD_DROPPED, "ussd_dropped",
    "SELECT " USSD_COLUMNS ", id FROM ussd_sessions"
    " WHERE msisdn = $1 AND id <> $2 AND NOT ended AND resumable"
    " AND (msisdn, updated_at) > ($1, now() - make_interval(secs => $3::int))"
    " ORDER BY updated_at DESC LIMIT 1",
    3};

int
db_ussd_dropped(struct db *db, const char *msisdn, const char *id, int window, char *found,
                size_t foundsz, struct db_ussd *out)
{
    char swindow[16];
    const char *values[3] = {msisdn, id, swindow};
    PGresult *res;
    int rc = 0;

    snprintf(swindow, sizeof(swindow), "%d", window);
    if ((res = db_exec(db, &q_dropped, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 1)
        rc = ussd_row(res, 0, q_dropped.name, out) == 0 &&
                     db_copy(found, foundsz, PQgetvalue(res, 0, 8), q_dropped.name) == 0
                 ? 1
                 : -1;
    PQclear(res);
    return rc;
}

/* One probe of ussd_sessions (msisdn, updated_at) per number, as
 * q_dropped. */
static const struct db_query q_dropped_many = {
    DB_SLOT_USSD_DROPPED_MANY, "ussd_dropped_many",
    "SELECT k.i, d.id FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k (msisdn, id, i)"
    " CROSS JOIN LATERAL (SELECT id FROM ussd_sessions"
    " WHERE msisdn = k.msisdn AND id <> k.id AND NOT ended AND resumable"
    " AND (msisdn, updated_at) > (k.msisdn, now() - make_interval(secs => $3::int))"
    " ORDER BY updated_at DESC LIMIT 1) AS d",
    3};

int
db_ussd_dropped_many_stmt(const char *const *msisdns, const char *const *ids, size_t n, int window,
                          char (*found)[DB_USSD_ID_MAX], struct db_stmt *s)
{
    int rc = 0;

    s->q = &q_dropped_many;
    db_arr_start(&s->arr[0], DB_TEXT);
    db_arr_start(&s->arr[1], DB_TEXT);
    for (size_t k = 0; k < n; k++) {
        found[k][0] = '\0';
        rc |= db_arr_str(&s->arr[0], msisdns[k]);
        rc |= db_arr_str(&s->arr[1], ids[k]);
    }
    db_arr_end(&s->arr[0]);
    db_arr_end(&s->arr[1]);
    if (rc < 0) {
        db_log_error(q_dropped_many.name, "NUL byte in a number or session id");
        return -1;
    }
    snprintf(s->num[0], sizeof(s->num[0]), "%d", window);
    db_stmt_arr(s, 0, &s->arr[0]);
    db_stmt_arr(s, 1, &s->arr[1]);
    s->v[2] = s->num[0];
    return 0;
}

int
db_ussd_dropped_many_read(const PGresult *res, size_t n, char (*found)[DB_USSD_ID_MAX])
{
    int64_t i;

    for (int r = 0; r < PQntuples(res); r++)
        if (db_parse_i64(PQgetvalue(res, r, 0), &i, q_dropped_many.name) < 0 || i < 1 ||
            (size_t)i > n ||
            db_copy(found[i - 1], sizeof(found[0]), PQgetvalue(res, r, 1), q_dropped_many.name) < 0)
            return -1;
    return 0;
}

/* Sessions still open: not ended and used within the timeout.  Rows of
 * sessions that were never ended stay in the table, so the time decides. */
static const struct db_query q_active = {
    DB_SLOT_USSD_ACTIVE, "ussd_active",
    "SELECT count(*) FILTER (WHERE NOT ended"
    "                        AND updated_at > now() - make_interval(secs => $1::int)),"
    " count(*) FILTER (WHERE NOT ended"
    "                  AND updated_at <= now() - make_interval(secs => $1::int)),"
    " count(*) FILTER (WHERE ended)"
    " FROM ussd_sessions WHERE updated_at > now() - interval '1 day'",
    1};

int
db_ussd_active(struct db *db, int timeout, int64_t *active, int64_t *abandoned, int64_t *ended)
{
    char stimeout[16];
    const char *values[1] = {stimeout};
    PGresult *res;
    int rc;

    snprintf(stimeout, sizeof(stimeout), "%d", timeout);
    if ((res = db_exec(db, &q_active, values, NULL, NULL)) == NULL)
        return -1;
    rc = db_parse_i64(PQgetvalue(res, 0, 0), active, q_active.name) < 0 ||
                 db_parse_i64(PQgetvalue(res, 0, 1), abandoned, q_active.name) < 0 ||
                 db_parse_i64(PQgetvalue(res, 0, 2), ended, q_active.name) < 0
             ? -1
             : 0;
    PQclear(res);
    return rc;
}
