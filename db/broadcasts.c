/*
 * Broadcasts: one text to an audience of subscribers.  A broadcast is
 * created as a draft so that staff see the recipients and the cost before
 * anything is sent; starting it writes one outbox row per recipient in the
 * caller's transaction (UNIQUE (broadcast_id, msisdn) makes a second start
 * write nothing), and the sender takes them from there.  Nothing here
 * begins or commits: aspirasictl and the API each run a command in one
 * transaction of their own.  The audience is read again when the rows are
 * sent: a number that opted out in between gets nothing (db/outbox.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "common/xmalloc.h"
#include "db/db.h"
#include "db/internal.h"

/* The audience as SQL over citizens c: "all" or "komisi:N"; $1 is the
 * audience string.  An empty komisi list follows everything.  For "all" the
 * komisi number is NULL rather than a cast of "" that would fail: SQL does
 * not promise to evaluate the OR from left to right. */
#define AUDIENCE_SQL                                                                               \
    "c.subscribed AND ($1 = 'all' OR (cardinality(c.komisi) = 0"                                   \
    " OR nullif(substr($1, 8), '')::smallint = ANY (c.komisi)))"

void
db_broadcast_clear(struct db_broadcast *b)
{
    free(b->body);
    b->body = NULL;
}

/* Checks an audience string before it reaches SQL: "all" or "komisi:1-4". */
static int
audience_ok(const char *a)
{
    return strcmp(a, "all") == 0 ||
           (strncmp(a, "komisi:", 7) == 0 && a[7] >= '1' && a[7] <= '4' && a[8] == '\0');
}

static const struct db_query q_audience = {DB_SLOT_AUDIENCE_COUNT, "audience_count",
                                           "SELECT count(*) FROM citizens c WHERE " AUDIENCE_SQL,
                                           1};

int64_t
db_audience_count(struct db *db, const char *audience)
{
    const char *values[1] = {audience};
    PGresult *res;
    int64_t n;

    if (!audience_ok(audience)) {
        db_log_error(q_audience.name, "bad audience");
        return -1;
    }
    if ((res = db_exec(db, &q_audience, values, NULL, NULL)) == NULL)
        return -1;
    if (db_parse_i64(PQgetvalue(res, 0, 0), &n, q_audience.name) < 0)
        n = -1;
    PQclear(res);
    return n;
}

static const struct db_query q_create = {
    DB_SLOT_BROADCAST_CREATE, "broadcast_create",
    "INSERT INTO broadcasts (body, coding, segments, audience, session_id, created_by)"
    " VALUES ($1, $2::smallint, $3::int, $4, nullif($5::bigint, 0), $6) RETURNING id",
    6};

int
db_broadcast_create(struct db *db, struct db_broadcast *b, const char *actor)
{
    char coding[8], segments[16], session[24];
    const char *values[6] = {b->body, coding, segments, b->audience, session, actor};
    PGresult *res;
    int rc;

    if (!audience_ok(b->audience)) {
        db_log_error(q_create.name, "bad audience");
        return -1;
    }
    snprintf(coding, sizeof(coding), "%d", b->coding);
    snprintf(segments, sizeof(segments), "%d", b->segments);
    snprintf(session, sizeof(session), "%lld", (long long)b->session_id);
    if ((res = db_exec(db, &q_create, values, NULL, NULL)) == NULL)
        return -1;
    rc = db_parse_i64(PQgetvalue(res, 0, 0), &b->id, q_create.name);
    PQclear(res);
    return rc;
}

/* Locks a draft; no row when it is not one. */
static const struct db_query q_start = {
    DB_SLOT_BROADCAST_START, "broadcast_start",
    "SELECT audience FROM broadcasts WHERE id = $1::bigint AND state = 'draft' FOR UPDATE", 1};

static const struct db_query q_rows = {
    DB_SLOT_BROADCAST_ROWS, "broadcast_rows",
    "WITH b AS (SELECT id, body, coding FROM broadcasts WHERE id = $2::bigint),"
    " ins AS (INSERT INTO outbox (msisdn, body, coding, kind, priority, urgent, broadcast_id)"
    "  SELECT c.msisdn, b.body, b.coding, 'broadcast', 1, false, b.id"
    "  FROM citizens c, b WHERE " AUDIENCE_SQL " ORDER BY c.msisdn"
    "  ON CONFLICT (broadcast_id, msisdn) DO NOTHING RETURNING 1)"
    " UPDATE broadcasts SET state = 'running', started_at = now(),"
    "  recipients = (SELECT count(*) FROM ins)"
    " WHERE id = $2::bigint RETURNING recipients",
    2};

int
db_broadcast_start(struct db *db, int64_t id, int *recipients)
{
    char sid[24], audience[16];
    const char *values[2] = {audience, sid};
    PGresult *res;
    int64_t n;

    snprintf(sid, sizeof(sid), "%lld", (long long)id);
    if ((res = db_exec(db, &q_start, values + 1, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return 0;
    }
    snprintf(audience, sizeof(audience), "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    if ((res = db_exec(db, &q_rows, values, NULL, NULL)) == NULL)
        return -1;
    if (db_parse_i64(PQgetvalue(res, 0, 0), &n, q_rows.name) < 0) {
        PQclear(res);
        return -1;
    }
    PQclear(res);
    *recipients = (int)n;
    return 1;
}

static const struct db_query q_cancel = {
    DB_SLOT_BROADCAST_CANCEL, "broadcast_cancel",
    "UPDATE broadcasts SET state = 'cancelled', cancelled_at = now()"
    " WHERE id = $1::bigint AND state <> 'cancelled' RETURNING id",
    1};

static const struct db_query q_cancel_rows = {
    DB_SLOT_BROADCAST_CANCEL_ROWS, "broadcast_cancel_rows",
    "WITH c AS (UPDATE outbox SET state = 'cancelled', done_at = now()"
    " WHERE broadcast_id = $1::bigint AND state = 'queued' RETURNING 1)"
    " SELECT count(*) FROM c",
    1};

int
db_broadcast_cancel(struct db *db, int64_t id, int64_t *stopped)
{
    char sid[24];
    const char *values[1] = {sid};
    PGresult *res;
    int found, rc;

    snprintf(sid, sizeof(sid), "%lld", (long long)id);
    if ((res = db_exec(db, &q_cancel, values, NULL, NULL)) == NULL)
        return -1;
    found = PQntuples(res) == 1;
    PQclear(res);
    if (!found)
        return 0;
    /* Rows being sent right now finish; the claim skips the rest of a
     * cancelled broadcast even if one slipped past this update. */
    if ((res = db_exec(db, &q_cancel_rows, values, NULL, NULL)) == NULL)
        return -1;
    rc = db_parse_i64(PQgetvalue(res, 0, 0), stopped, q_cancel_rows.name) < 0 ? -1 : 1;
    PQclear(res);
    return rc;
}

static const struct db_query q_get = {
    DB_SLOT_BROADCAST_GET, "broadcast_get",
    "SELECT body, coding, segments, audience, coalesce(session_id, 0), state, recipients,"
    " to_char(created_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'),"
    " coalesce(to_char(started_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'), '')"
    " FROM broadcasts WHERE id = $1::bigint",
    2};

int
db_broadcast_get(struct db *db, int64_t id, const char *tz, struct db_broadcast *out)
{
    char sid[24];
    const char *values[2] = {sid, tz};
    PGresult *res;
    int64_t v;
    int rc = 1;

    snprintf(sid, sizeof(sid), "%lld", (long long)id);
    memset(out, 0, sizeof(*out));
    if ((res = db_exec(db, &q_get, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return 0;
    }
    out->id = id;
    if (db_parse_i64(PQgetvalue(res, 0, 1), &v, q_get.name) < 0)
        rc = -1;
    out->coding = (int)v;
    if (rc == 1 && db_parse_i64(PQgetvalue(res, 0, 2), &v, q_get.name) < 0)
        rc = -1;
    out->segments = (int)v;
    if (rc == 1 && db_parse_i64(PQgetvalue(res, 0, 4), &out->session_id, q_get.name) < 0)
        rc = -1;
    if (rc == 1 && db_parse_i64(PQgetvalue(res, 0, 6), &v, q_get.name) < 0)
        rc = -1;
    out->recipients = (int)v;
    if (rc == 1 &&
        (db_copy(out->audience, sizeof(out->audience), PQgetvalue(res, 0, 3), q_get.name) < 0 ||
         db_copy(out->state, sizeof(out->state), PQgetvalue(res, 0, 5), q_get.name) < 0 ||
         db_copy(out->created, sizeof(out->created), PQgetvalue(res, 0, 7), q_get.name) < 0 ||
         db_copy(out->started, sizeof(out->started), PQgetvalue(res, 0, 8), q_get.name) < 0))
        rc = -1;
    if (rc == 1)
        out->body = xstrdup(PQgetvalue(res, 0, 0));
    PQclear(res);
    return rc;
}

static const struct db_query q_list = {
    DB_UNPREPARED, "broadcast_list",
    "SELECT id, body, state, audience, recipients,"
    " to_char(created_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'),"
    " coalesce(to_char(started_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'), '')"
    " FROM broadcasts ORDER BY id DESC LIMIT $1::int",
    2};

int
db_broadcast_list(struct db *db, int limit, const char *tz,
                  void (*cb)(void *ctx, const struct db_broadcast *b), void *ctx)
{
    char slimit[16];
    const char *values[2] = {slimit, tz};
    PGresult *res;
    int n = 0;

    snprintf(slimit, sizeof(slimit), "%d", limit);
    if ((res = db_exec(db, &q_list, values, NULL, NULL)) == NULL)
        return -1;
    for (int i = 0; i < PQntuples(res); i++) {
        struct db_broadcast b = {0};
        int64_t v;

        if (db_parse_i64(PQgetvalue(res, i, 0), &b.id, q_list.name) < 0 ||
            db_parse_i64(PQgetvalue(res, i, 4), &v, q_list.name) < 0 ||
            db_copy(b.state, sizeof(b.state), PQgetvalue(res, i, 2), q_list.name) < 0 ||
            db_copy(b.audience, sizeof(b.audience), PQgetvalue(res, i, 3), q_list.name) < 0 ||
            db_copy(b.created, sizeof(b.created), PQgetvalue(res, i, 5), q_list.name) < 0 ||
            db_copy(b.started, sizeof(b.started), PQgetvalue(res, i, 6), q_list.name) < 0) {
            PQclear(res);
            return -1;
        }
        b.recipients = (int)v;
        b.body = PQgetvalue(res, i, 1);
        cb(ctx, &b);
        n++;
    }
    PQclear(res);
    return n;
}

/* ---- the staff API ----------------------------------------------------- */

#define ISO_TIME "'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM'"

#define ROW_COLUMNS                                                                                \
    "id, body, coding, segments, audience, coalesce(session_id, 0), state, recipients,"            \
    " created_by, to_char(created_at, " ISO_TIME "),"                                              \
    " coalesce(to_char(started_at, " ISO_TIME "), ''),"                                            \
    " coalesce(to_char(cancelled_at, " ISO_TIME "), '')"

static const struct db_query q_show = {
    DB_SLOT_BROADCAST_SHOW, "broadcast_show",
    "SELECT " ROW_COLUMNS " FROM broadcasts WHERE id = $1::bigint", 1};

static const struct db_query q_page = {
    DB_UNPREPARED, "broadcast_page",
    "SELECT " ROW_COLUMNS " FROM broadcasts ORDER BY id DESC LIMIT $1::int OFFSET $2::bigint", 2};

static const struct db_query q_count = {DB_UNPREPARED, "broadcast_count",
                                        "SELECT count(*) FROM broadcasts", 0};

/* Reads row i of a result of ROW_COLUMNS into r.  Returns 0 or -1. */
static int
row_read(PGresult *res, int i, const char *name, struct db_broadcast_row *r)
{
    int64_t coding, segments, recipients;

    memset(r, 0, sizeof(*r));
    if (db_parse_i64(PQgetvalue(res, i, 0), &r->id, name) < 0 ||
        db_parse_i64(PQgetvalue(res, i, 2), &coding, name) < 0 ||
        db_parse_i64(PQgetvalue(res, i, 3), &segments, name) < 0 ||
        db_copy(r->audience, sizeof(r->audience), PQgetvalue(res, i, 4), name) < 0 ||
        db_parse_i64(PQgetvalue(res, i, 5), &r->session_id, name) < 0 ||
        db_copy(r->state, sizeof(r->state), PQgetvalue(res, i, 6), name) < 0 ||
        db_parse_i64(PQgetvalue(res, i, 7), &recipients, name) < 0 ||
        db_copy(r->created_at, sizeof(r->created_at), PQgetvalue(res, i, 9), name) < 0 ||
        db_copy(r->started_at, sizeof(r->started_at), PQgetvalue(res, i, 10), name) < 0 ||
        db_copy(r->cancelled_at, sizeof(r->cancelled_at), PQgetvalue(res, i, 11), name) < 0)
        return -1;
    r->coding = (int)coding;
    r->segments = (int)segments;
    r->recipients = (int)recipients;
    r->body = PQgetvalue(res, i, 1);
    r->created_by = PQgetvalue(res, i, 8);
    return 0;
}

int
db_broadcast_show(struct db *db, int64_t id,
                  void (*cb)(void *ctx, const struct db_broadcast_row *r), void *ctx)
{
    char sid[24];
    const char *values[1] = {sid};
    struct db_broadcast_row r;
    PGresult *res;
    int rc = 0;

    snprintf(sid, sizeof(sid), "%lld", (long long)id);
    if ((res = db_exec(db, &q_show, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 1) {
        rc = row_read(res, 0, q_show.name, &r) < 0 ? -1 : 1;
        if (rc == 1)
            cb(ctx, &r);
    }
    PQclear(res);
    return rc;
}

int
db_broadcast_page(struct db *db, int limit, int64_t offset, int64_t *total,
                  void (*cb)(void *ctx, const struct db_broadcast_row *r), void *ctx)
{
    char slimit[16], soffset[24];
    const char *values[2] = {slimit, soffset};
    struct db_broadcast_row r;
    PGresult *res;
    int n;

    if ((res = db_exec(db, &q_count, NULL, NULL, NULL)) == NULL)
        return -1;
    n = db_parse_i64(PQgetvalue(res, 0, 0), total, q_count.name);
    PQclear(res);
    if (n < 0)
        return -1;
    snprintf(slimit, sizeof(slimit), "%d", limit);
    snprintf(soffset, sizeof(soffset), "%lld", (long long)offset);
    if ((res = db_exec(db, &q_page, values, NULL, NULL)) == NULL)
        return -1;
    for (n = 0; n < PQntuples(res); n++) {
        if (row_read(res, n, q_page.name, &r) < 0) {
            PQclear(res);
            return -1;
        }
        cb(ctx, &r);
    }
    PQclear(res);
    return n;
}
