/*
 * USSD sessions: one row per session, read with its row locked so that two
 * requests of one session (a retry racing the original) take turns.
 */
#include <stdio.h>
#include <string.h>

#include <libpq-fe.h>

#include "db/db.h"
#include "db/internal.h"

#define USSD_COLUMNS                                                                               \
    "msisdn, state, steps, screen, ended, coalesce(resume_from, ''),"                              \
    " extract(epoch FROM now() - updated_at)::bigint, resumable"

/* Fills out from columns 0.. of row i; returns 0 or -1. */
static int
ussd_row(PGresult *res, int i, const char *name, struct db_ussd *out)
{
    int64_t v;

    if (db_copy(out->msisdn, sizeof(out->msisdn), PQgetvalue(res, i, 0), name) < 0 ||
        db_copy(out->state, sizeof(out->state), PQgetvalue(res, i, 1), name) < 0 ||
        db_parse_i64(PQgetvalue(res, i, 2), &v, name) < 0 ||
        db_copy(out->screen, sizeof(out->screen), PQgetvalue(res, i, 3), name) < 0 ||
        db_copy(out->resume_from, sizeof(out->resume_from), PQgetvalue(res, i, 5), name) < 0 ||
        db_parse_i64(PQgetvalue(res, i, 6), &out->age, name) < 0)
        return -1;
    out->steps = (int)v;
    out->ended = strcmp(PQgetvalue(res, i, 4), "t") == 0;
    out->resumable = strcmp(PQgetvalue(res, i, 7), "t") == 0;
    return 0;
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

static const struct db_query q_dropped = {
    DB_SLOT_USSD_DROPPED, "ussd_dropped",
    "SELECT " USSD_COLUMNS ", id FROM ussd_sessions"
    " WHERE msisdn = $1 AND id <> $2 AND NOT ended AND resumable"
    " AND updated_at > now() - make_interval(secs => $3::int)"
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
