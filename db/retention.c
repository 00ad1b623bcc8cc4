/*
 * Retention: old messages lose their texts, keep their rows.
 *
 * Messages come in id order, and their receipt times with them, so old
 * messages are a prefix of the table in id order.  A watermark in settings
 * (retention_done_id) marks how far that prefix has been blanked; each
 * chunk goes on from it by primary key, blanks the rows up to the first one
 * too young, and moves the watermark to just before that row.  No index on
 * the receipt time is needed (the intake would pay for it on every
 * message), and no row is read twice.  A row whose transaction had not
 * committed when the watermark passed it would be missed, but a row is only
 * passed once it is days old.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "db/db.h"
#include "db/internal.h"

static const struct db_query q_chunk = {
    DB_SLOT_RETENTION, "retention_chunk",
    "WITH w AS (SELECT coalesce((SELECT value::bigint FROM settings"
    "   WHERE name = 'retention_done_id'), 0) AS done),"
    " r AS (SELECT m.id, m.received_at < now() - make_interval(days => $1::int) AS old"
    "   FROM messages m, w WHERE m.id > w.done ORDER BY m.id LIMIT $2::int),"
    " k AS (SELECT coalesce(min(id) FILTER (WHERE NOT old), max(id) + 1) AS stop,"
    "   count(*) AS n, bool_or(NOT old) AS young FROM r),"
    " u AS (UPDATE messages m SET body = '', raw = '', meta = '', reply = ''"
    "   FROM r, k WHERE m.id = r.id AND r.id < k.stop"
    "   AND (m.body <> '' OR m.raw <> '' OR m.meta <> '' OR m.reply <> '') RETURNING m.id),"
    " s AS (INSERT INTO settings (name, value) SELECT 'retention_done_id', (k.stop - 1)::text"
    "   FROM k WHERE k.stop IS NOT NULL"
    "   ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value)"
    " SELECT (SELECT count(*) FROM u), k.n, coalesce(k.young, false) FROM k",
    2};

int
db_retention_chunk(struct db *db, int days, int limit, int64_t *blanked, int *more)
{
    char sdays[16], slimit[16];
    const char *values[2] = {sdays, slimit};
    PGresult *res;
    int64_t n;
    int rc;

    snprintf(sdays, sizeof(sdays), "%d", days);
    snprintf(slimit, sizeof(slimit), "%d", limit);
    *blanked = 0;
    *more = 0;
    if ((res = db_exec(db, &q_chunk, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) != 1) {
        PQclear(res);
        db_log_error(q_chunk.name, "no row returned");
        return -1;
    }
    rc = db_parse_i64(PQgetvalue(res, 0, 0), blanked, q_chunk.name) < 0 ||
                 db_parse_i64(PQgetvalue(res, 0, 1), &n, q_chunk.name) < 0
             ? -1
             : 0;
    *more = rc == 0 && n == limit && strcmp(PQgetvalue(res, 0, 2), "f") == 0;
    PQclear(res);
    return rc;
}
