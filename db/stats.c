/*
 * Statistics for the staff API: messages per day and intent, open tickets
 * by status and komisi, and how long tickets wait for their first change
 * of status.  Days are local days of the transaction's zone
 * (db_local_timezone()).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "common/xmalloc.h"
#include "db/db.h"
#include "db/internal.h"

/* The window: today and the days - 1 local days before it. */
#define WINDOW_START "(date_trunc('day', now()) - make_interval(days => $1::int - 1))"

static const struct db_query q_messages = {
    DB_SLOT_STATS_MESSAGES, "stats_messages",
    "SELECT to_char(date_trunc('day', received_at), 'YYYY-MM-DD'), intent, count(*)"
    " FROM messages WHERE received_at >= " WINDOW_START " GROUP BY 1, 2 ORDER BY 1, 2",
    1};

static const struct db_query q_open_status = {
    DB_SLOT_STATS_OPEN_STATUS, "stats_open_status",
    "SELECT status, count(*) FROM tickets WHERE status <> ALL($1::text[])"
    " GROUP BY status ORDER BY status",
    1};

static const struct db_query q_open_komisi = {
    DB_SLOT_STATS_OPEN_KOMISI, "stats_open_komisi",
    "SELECT coalesce(komisi, 0), count(*) FROM tickets WHERE status <> ALL($1::text[])"
    " GROUP BY 1 ORDER BY 1",
    1};

/*
 * A ticket's first change of status: the first event whose status differs
 * from the status of its first event (an assignment, recorded under the
 * same status, is not a change of status).
 */
static const struct db_query q_first_change = {
    DB_SLOT_STATS_FIRST_CHANGE, "stats_first_change",
    "WITH w AS (SELECT t.id, t.created_at,"
    "  (SELECT min(e.created_at) FROM ticket_events e WHERE e.ticket_id = t.id"
    "   AND e.status <> (SELECT f.status FROM ticket_events f WHERE f.ticket_id = t.id"
    "                    ORDER BY f.created_at, f.id LIMIT 1)) AS changed"
    " FROM tickets t WHERE t.created_at >= " WINDOW_START ")"
    " SELECT count(*), count(changed), percentile_cont(0.5) WITHIN GROUP"
    " (ORDER BY extract(epoch FROM changed - created_at)) FROM w",
    1};

int
db_stats_messages(struct db *db, int days,
                  void (*cb)(void *ctx, const char *day, const char *intent, int64_t count),
                  void *ctx)
{
    char d[16];
    const char *values[1] = {d};
    PGresult *res;
    int n;

    snprintf(d, sizeof(d), "%d", days);
    if ((res = db_exec(db, &q_messages, values, NULL, NULL)) == NULL)
        return -1;
    n = PQntuples(res);
    for (int i = 0; i < n; i++) {
        int64_t count;

        if (db_parse_i64(PQgetvalue(res, i, 2), &count, q_messages.name) < 0) {
            PQclear(res);
            return -1;
        }
        cb(ctx, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1), count);
    }
    PQclear(res);
    return n;
}

/* Writes names as a PostgreSQL array literal into a malloc'd string: the
 * names are status names (lower-case letters and underscores), which need
 * no quoting. */
static char *
text_array(const char *const *names, size_t n)
{
    size_t len = 3;
    char *s, *p;

    for (size_t i = 0; i < n; i++)
        len += strlen(names[i]) + 1;
    s = p = xmalloc(len);
    *p++ = '{';
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s%s", i > 0 ? "," : "", names[i]);
    *p++ = '}';
    *p = '\0';
    return s;
}

int
db_stats_open(struct db *db, const char *const *closed, size_t nclosed,
              void (*cb)(void *ctx, const char *status, int komisi, int64_t count), void *ctx)
{
    char *arr = text_array(closed, nclosed);
    const char *values[1] = {arr};
    PGresult *res = NULL;
    int rc = -1;

    if ((res = db_exec(db, &q_open_status, values, NULL, NULL)) == NULL)
        goto done;
    for (int i = 0; i < PQntuples(res); i++) {
        int64_t count;

        if (db_parse_i64(PQgetvalue(res, i, 1), &count, q_open_status.name) < 0)
            goto done;
        cb(ctx, PQgetvalue(res, i, 0), -1, count);
    }
    PQclear(res);
    if ((res = db_exec(db, &q_open_komisi, values, NULL, NULL)) == NULL)
        goto done;
    for (int i = 0; i < PQntuples(res); i++) {
        int64_t komisi, count;

        if (db_parse_i64(PQgetvalue(res, i, 0), &komisi, q_open_komisi.name) < 0 ||
            db_parse_i64(PQgetvalue(res, i, 1), &count, q_open_komisi.name) < 0)
            goto done;
        cb(ctx, NULL, (int)komisi, count);
    }
    rc = 0;
done:
    PQclear(res);
    free(arr);
    return rc;
}

int
db_stats_first_change(struct db *db, int days, int64_t *tickets, int64_t *changed, double *median)
{
    char d[16];
    const char *values[1] = {d};
    PGresult *res;
    int rc = 0;

    snprintf(d, sizeof(d), "%d", days);
    if ((res = db_exec(db, &q_first_change, values, NULL, NULL)) == NULL)
        return -1;
    if (db_parse_i64(PQgetvalue(res, 0, 0), tickets, q_first_change.name) < 0 ||
        db_parse_i64(PQgetvalue(res, 0, 1), changed, q_first_change.name) < 0)
        rc = -1;
    *median = PQgetisnull(res, 0, 2) ? -1 : strtod(PQgetvalue(res, 0, 2), NULL);
    PQclear(res);
    return rc;
}
