/*
 * Information pages ("INFO ANGGARAN") kept by staff, and the log of every
 * agenda or info lookup citizens make.
 *
 * A page is one SMS: the command line checks that its text is GSM-7 and at
 * most 160 septets before it calls db_info_set(), and the table refuses
 * more than 160 characters as a last guard.
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

static const struct db_query q_set = {
    DB_SLOT_INFO_SET, "info_set",
    "INSERT INTO info_pages (topic, body, updated_by) VALUES ($1::text, $2::text, $3::text)"
    " ON CONFLICT (topic) DO UPDATE SET body = EXCLUDED.body,"
    " updated_by = EXCLUDED.updated_by, updated_at = now()",
    3};

static const struct db_query q_get = {DB_SLOT_INFO_GET, "info_get",
                                      "SELECT body FROM info_pages WHERE topic = $1::text", 1};

static const struct db_query q_remove = {
    DB_SLOT_INFO_REMOVE, "info_remove",
    "DELETE FROM info_pages WHERE topic = $1::text RETURNING topic", 1};

static const struct db_query q_list = {DB_SLOT_INFO_LIST, "info_list",
                                       "SELECT topic, body FROM info_pages ORDER BY topic", 0};

static const struct db_query q_request = {
    DB_SLOT_INFO_REQUEST, "info_request",
    "INSERT INTO info_requests (msisdn, channel, kind, query, message_id)"
    " VALUES ($1::text, $2::text, $3::text, $4::text, $5::bigint)",
    5};

int
db_info_set(struct db *db, const char *topic, const char *body, const char *actor)
{
    const char *values[3] = {topic, body, actor};
    PGresult *res;

    if ((res = db_exec(db, &q_set, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}

int
db_info_get(struct db *db, const char *topic, char **body)
{
    const char *values[1] = {topic};
    PGresult *res;
    int rc = 0;

    *body = NULL;
    if ((res = db_exec(db, &q_get, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 1) {
        *body = xstrdup(PQgetvalue(res, 0, 0));
        rc = 1;
    }
    PQclear(res);
    return rc;
}

int
db_info_remove(struct db *db, const char *topic)
{
    const char *values[1] = {topic};
    PGresult *res;
    int n;

    if ((res = db_exec(db, &q_remove, values, NULL, NULL)) == NULL)
        return -1;
    n = PQntuples(res);
    PQclear(res);
    return n > 0 ? 1 : 0;
}

int
db_info_list(struct db *db, void (*cb)(void *ctx, const char *topic, const char *body), void *ctx)
{
    PGresult *res;
    int n;

    if ((res = db_exec(db, &q_list, NULL, NULL, NULL)) == NULL)
        return -1;
    n = PQntuples(res);
    for (int i = 0; i < n; i++)
        cb(ctx, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1));
    PQclear(res);
    return n;
}

int
db_info_request(struct db *db, const char *msisdn, const char *channel, const char *kind,
                const char *query, int64_t message_id)
{
    char mid[24];
    const char *values[5];
    PGresult *res;

    snprintf(mid, sizeof(mid), "%" PRId64, message_id);
    values[0] = msisdn;
    /* The column's default is the channel of the first slice. */
    values[1] = channel != NULL && channel[0] != '\0' ? channel : "sms";
    values[2] = kind;
    values[3] = query != NULL ? query : "";
    /* Message ids start at 1; 0 means the lookup came with no stored message. */
    values[4] = message_id > 0 ? mid : NULL;
    if ((res = db_exec(db, &q_request, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}

static const struct db_query q_request_counts = {
    DB_UNPREPARED, "info_request_counts",
    "SELECT kind, query, count(*), count(DISTINCT msisdn),"
    " to_char(max(created_at) AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI')"
    " FROM info_requests WHERE created_at >= now() - make_interval(days => $1::int)"
    " GROUP BY kind, query ORDER BY count(*) DESC, kind, query LIMIT $2::int",
    3};

int
db_info_request_counts(struct db *db, int days, int limit, const char *tz,
                       void (*cb)(void *ctx, const char *kind, const char *query, int64_t count,
                                  int64_t numbers, const char *last),
                       void *ctx)
{
    char sdays[16], slimit[16];
    const char *values[3] = {sdays, slimit, tz};
    PGresult *res;
    int n = 0;

    snprintf(sdays, sizeof(sdays), "%d", days);
    snprintf(slimit, sizeof(slimit), "%d", limit);
    if ((res = db_exec(db, &q_request_counts, values, NULL, NULL)) == NULL)
        return -1;
    for (int i = 0; i < PQntuples(res); i++) {
        int64_t count, numbers;

        if (db_parse_i64(PQgetvalue(res, i, 2), &count, q_request_counts.name) < 0 ||
            db_parse_i64(PQgetvalue(res, i, 3), &numbers, q_request_counts.name) < 0) {
            PQclear(res);
            return -1;
        }
        cb(ctx, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1), count, numbers,
           PQgetvalue(res, i, 4));
        n++;
    }
    PQclear(res);
    return n;
}
