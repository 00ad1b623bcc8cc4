/*
 * Citizens: one row per phone number that ever subscribed or opted out,
 * with the time of each kind of change, so an opt-out can always be proven.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "common/xmalloc.h"
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

static const struct db_query q_language = {
    DB_SLOT_CITIZEN_LANGUAGE, "citizen_language",
    "SELECT language FROM citizens WHERE msisdn = $1 AND language IS NOT NULL", 1};

int
db_citizen_language(struct db *db, const char *msisdn, char lang[4])
{
    const char *values[1] = {msisdn};
    PGresult *res;
    int rc = 0;

    if ((res = db_exec(db, &q_language, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 1)
        rc = db_copy(lang, 4, PQgetvalue(res, 0, 0), q_language.name) == 0 ? 1 : -1;
    PQclear(res);
    return rc;
}

static const struct db_query q_set_language = {
    DB_SLOT_CITIZEN_SET_LANGUAGE, "citizen_set_language",
    "INSERT INTO citizens (msisdn, language, language_set_at) VALUES ($1, $2, now())"
    " ON CONFLICT (msisdn) DO UPDATE SET language = EXCLUDED.language,"
    " language_set_at = EXCLUDED.language_set_at",
    2};

int
db_citizen_set_language(struct db *db, const char *msisdn, const char *lang)
{
    const char *values[2] = {msisdn, lang};
    PGresult *res;

    if ((res = db_exec(db, &q_set_language, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}

static const struct db_query q_pending_put = {
    DB_SLOT_PENDING_PUT, "pending_put",
    "INSERT INTO pending_confirmations (msisdn, intent, message_id, body)"
    " VALUES ($1, $2, $3::bigint, $4)"
    " ON CONFLICT (msisdn) DO UPDATE SET intent = EXCLUDED.intent,"
    " message_id = EXCLUDED.message_id, body = EXCLUDED.body, created_at = now()",
    4};

int
db_pending_put(struct db *db, const char *msisdn, const char *intent, int64_t message_id,
               const char *body)
{
    char id[24];
    const char *values[4] = {msisdn, intent, id, body};
    PGresult *res;

    snprintf(id, sizeof(id), "%lld", (long long)message_id);
    if ((res = db_exec(db, &q_pending_put, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}

/* Deletes the question whatever its age, and says whether it was fresh: an
 * expired question must not linger to be answered later. */
static const struct db_query q_pending_take = {
    DB_SLOT_PENDING_TAKE, "pending_take",
    "DELETE FROM pending_confirmations WHERE msisdn = $1"
    " RETURNING intent, message_id, body,"
    " created_at > now() - make_interval(secs => $2::int)",
    2};

int
db_pending_take(struct db *db, const char *msisdn, int window, char intent[16], int64_t *message_id,
                char **body)
{
    char secs[16];
    const char *values[2] = {msisdn, secs};
    PGresult *res;
    int rc = 0;

    snprintf(secs, sizeof(secs), "%d", window);
    if ((res = db_exec(db, &q_pending_take, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 3), "t") == 0) {
        if (db_copy(intent, 16, PQgetvalue(res, 0, 0), q_pending_take.name) < 0 ||
            db_parse_i64(PQgetvalue(res, 0, 1), message_id, q_pending_take.name) < 0) {
            rc = -1;
        } else {
            *body = xstrdup(PQgetvalue(res, 0, 2));
            rc = 1;
        }
    }
    PQclear(res);
    return rc;
}

static const struct db_query q_owned = {
    DB_SLOT_TICKET_OWNED, "tickets_owned",
    "SELECT code FROM tickets WHERE msisdn = $1 AND code = ANY (string_to_array($2, ','))"
    " ORDER BY code",
    2};

int
db_tickets_owned(struct db *db, const char *msisdn, const char (*codes)[8], size_t n, char one[8])
{
    const char *values[2] = {msisdn, NULL};
    char *list = xmalloc(n * 8 + 1);
    PGresult *res;
    size_t i, len = 0;
    int count;

    for (i = 0; i < n; i++) {
        memcpy(list + len, codes[i], 7);
        len += 7;
        list[len++] = ',';
    }
    list[len > 0 ? len - 1 : 0] = '\0';
    values[1] = list;
    res = db_exec(db, &q_owned, values, NULL, NULL);
    free(list);
    if (res == NULL)
        return -1;
    count = PQntuples(res);
    if (count == 1 && db_copy(one, 8, PQgetvalue(res, 0, 0), q_owned.name) < 0)
        count = -1;
    PQclear(res);
    return count;
}

/*
 * komisi '{}' means every announcement.  Subscribing to one komisi adds it
 * to the list of a current subscriber, in order and once; a subscriber of
 * everything stays one; a number that is not subscribed now (new, or opted
 * out) starts afresh with that komisi alone.  Either way the number is
 * subscribed again from now, and opted_out_at is kept as history.
 */
static const struct db_query q_subscribe_komisi = {
    DB_SLOT_CITIZEN_SUBSCRIBE_KOMISI, "citizen_subscribe_komisi",
    "INSERT INTO citizens (msisdn, subscribed, subscribed_at, komisi)"
    " VALUES ($1::text, true, now(),"
    " CASE WHEN $2::smallint = 0 THEN '{}'::smallint[] ELSE ARRAY[$2::smallint] END)"
    " ON CONFLICT (msisdn) DO UPDATE SET subscribed = true, subscribed_at = now(),"
    " komisi = CASE"
    " WHEN $2::smallint = 0 THEN '{}'::smallint[]"
    " WHEN NOT citizens.subscribed THEN ARRAY[$2::smallint]"
    " WHEN citizens.komisi = '{}' OR $2::smallint = ANY (citizens.komisi) THEN citizens.komisi"
    " ELSE (SELECT array_agg(k ORDER BY k) FROM unnest(citizens.komisi || $2::smallint) AS k)"
    " END",
    2};

int
db_citizen_subscribe_komisi(struct db *db, const char *msisdn, int komisi)
{
    char k[8];
    const char *values[2] = {msisdn, k};
    PGresult *res;

    /* The caller passes 0 or 1-4; anything else would break the meaning of
     * the list, so it is refused here rather than stored. */
    if (komisi < 0 || komisi > 4) {
        db_log_error(q_subscribe_komisi.name, "komisi out of range");
        return -1;
    }
    snprintf(k, sizeof(k), "%d", komisi);
    if ((res = db_exec(db, &q_subscribe_komisi, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}
