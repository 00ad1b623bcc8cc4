/*
 * Information pages ("INFO ANGGARAN") kept by staff, and the log of every
 * agenda or info lookup citizens make.
 *
 * A page is one SMS: aspirasictl and the staff API check that its text is
 * GSM-7 and at most 160 septets (gateway/agenda_ops.c) before they call
 * db_info_set() or db_info_put(), and the table refuses more than 160
 * characters as a last guard.
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

static const struct db_query q_request_counts = {
    DB_UNPREPARED, "info_request_counts",
    "SELECT kind, query, count(*), count(DISTINCT msisdn),"
    " to_char(max(created_at) AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI')"
    " FROM info_requests WHERE created_at >= now() - make_interval(days => $1::int)"
    " GROUP BY kind, query ORDER BY count(*) DESC, kind, query LIMIT $2::int",
    3};

/*
 * Passes each row of res (kind, query, count, numbers, last; a row whose
 * kind is NULL is skipped: the count of an empty page) to cb, then clears
 * res.  Returns the number passed, or -1.
 */
static int
request_rows(PGresult *res, const char *name,
             void (*cb)(void *ctx, const char *kind, const char *query, int64_t count,
                        int64_t numbers, const char *last),
             void *ctx)
{
    int n = 0;

    for (int i = 0; i < PQntuples(res); i++) {
        int64_t count, numbers;

        if (PQgetisnull(res, i, 0))
            continue;
        if (db_parse_i64(PQgetvalue(res, i, 2), &count, name) < 0 ||
            db_parse_i64(PQgetvalue(res, i, 3), &numbers, name) < 0) {
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

int
db_info_request_counts(struct db *db, int days, int limit, const char *tz,
                       void (*cb)(void *ctx, const char *kind, const char *query, int64_t count,
                                  int64_t numbers, const char *last),
                       void *ctx)
{
    char sdays[16], slimit[16];
    const char *values[3] = {sdays, slimit, tz};
    PGresult *res;

    snprintf(sdays, sizeof(sdays), "%d", days);
    snprintf(slimit, sizeof(slimit), "%d", limit);
    if ((res = db_exec(db, &q_request_counts, values, NULL, NULL)) == NULL)
        return -1;
    return request_rows(res, q_request_counts.name, cb, ctx);
}

/* ---- the staff API ------------------------------------------------------------ */

/* xmax is 0 in the row an INSERT wrote and the id of the updating
 * transaction in a row ON CONFLICT updated: it tells a new page from a
 * replaced one in the same statement, without a race between two. */
static const struct db_query q_put = {
    DB_SLOT_INFO_PUT, "info_put",
    "INSERT INTO info_pages (topic, body, updated_by) VALUES ($1::text, $2::text, $3::text)"
    " ON CONFLICT (topic) DO UPDATE SET body = EXCLUDED.body,"
    " updated_by = EXCLUDED.updated_by, updated_at = now()"
    " RETURNING xmax = 0",
    3};

/* The counts of q_request_counts, a page of them with the number in all
 * (one row of NULLs when the page is empty), and the last time in ISO
 * 8601 in the transaction's zone.  Run once per request, not prepared. */
static const struct db_query q_request_page = {
    DB_UNPREPARED, "info_request_page",
    "WITH m AS (SELECT kind, query, count(*) AS asked, count(DISTINCT msisdn) AS numbers,"
    " to_char(max(created_at), 'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM') AS last"
    " FROM info_requests WHERE created_at >= now() - make_interval(days => $1::int)"
    " GROUP BY kind, query)"
    " SELECT p.kind, p.query, p.asked, p.numbers, p.last, t.n"
    " FROM (SELECT count(*) AS n FROM m) t"
    " LEFT JOIN LATERAL (SELECT * FROM m ORDER BY asked DESC, kind, query"
    " LIMIT $2::bigint OFFSET $3::bigint) p ON true"
    " ORDER BY p.asked DESC, p.kind, p.query",
    3};

int
db_info_put(struct db *db, const char *topic, const char *body, const char *actor)
{
    const char *values[3] = {topic, body, actor};
    PGresult *res;
    int rc;

    if ((res = db_exec(db, &q_put, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) != 1) {
        db_log_error(q_put.name, "no row returned");
        PQclear(res);
        return -1;
    }
    rc = strcmp(PQgetvalue(res, 0, 0), "t") == 0 ? 1 : 0;
    PQclear(res);
    return rc;
}

int
db_info_request_page(struct db *db, int days, int limit, int64_t offset,
                     void (*cb)(void *ctx, const char *kind, const char *query, int64_t count,
                                int64_t numbers, const char *last),
                     void *ctx, int64_t *total)
{
    char sdays[16], slimit[16], soffset[24];
    const char *values[3] = {sdays, slimit, soffset};
    PGresult *res;

    snprintf(sdays, sizeof(sdays), "%d", days);
    snprintf(slimit, sizeof(slimit), "%d", limit);
    snprintf(soffset, sizeof(soffset), "%" PRId64, offset);
    *total = 0;
    if ((res = db_exec(db, &q_request_page, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) < 1 || db_parse_i64(PQgetvalue(res, 0, 5), total, q_request_page.name) < 0) {
        if (PQntuples(res) < 1)
            db_log_error(q_request_page.name, "no count returned");
        PQclear(res);
        return -1;
    }
    return request_rows(res, q_request_page.name, cb, ctx);
}
