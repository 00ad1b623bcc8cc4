/*
 * Citizens: one row per phone number that ever subscribed or opted out,
 * with the time of each kind of change, so an opt-out can always be proven.
 */
#include <stddef.h>

#include <libpq-fe.h>

#include "db/db.h"
#include "db/internal.h"

/* One upsert for both directions: $2 is the new state; the time of the
 * change goes to subscribed_at or opted_out_at and the other is kept. */
static const struct db_query q_subscribe = {
    DB_SLOT_CITIZEN_SUBSCRIBE, "citizen_subscribe",
    "INSERT INTO citizens (msisdn, subscribed, subscribed_at, opted_out_at)"
    " VALUES ($1, $2::boolean, CASE WHEN $2::boolean THEN now() END,"
    " CASE WHEN NOT $2::boolean THEN now() END)"
    " ON CONFLICT (msisdn) DO UPDATE SET subscribed = EXCLUDED.subscribed,"
    " subscribed_at = coalesce(EXCLUDED.subscribed_at, citizens.subscribed_at),"
    " opted_out_at = coalesce(EXCLUDED.opted_out_at, citizens.opted_out_at)",
    2};

int
db_citizen_subscribe(struct db *db, const char *msisdn, int on)
{
    const char *values[2] = {msisdn, on ? "true" : "false"};
    PGresult *res;

    if ((res = db_exec(db, &q_subscribe, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}
