/*
 * The outbox: one row per SMS that is not a direct reply.  The life of a row
 * (see 003_agenda_outbox.sql):
 *
 *   queued --claim--> sending --202--> accepted --DLR 1--> delivered
 *      ^                 |  \                    \-DLR 2/16-> failed
 *      +--5xx, retry-----+   \--4xx or retries spent--> failed
 *
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so that any number of
 * senders (threads or aspirasid instances) share the outbox and no row is
 * handed to two of them.  Each row is marked 'accepted' right after Kannel
 * accepted it, in its own commit, which leaves a crash only that window to
 * send a row twice; a row found 'sending' after its lease ran out is sent
 * again unless a delivery report showed that Kannel had it.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "common/xmalloc.h"
#include "db/db.h"
#include "db/internal.h"

static const char *const kind_names[] = {
    [DB_OUTBOX_NOTIFICATION] = "notification",
    [DB_OUTBOX_RECEIPT] = "receipt",
    [DB_OUTBOX_BROADCAST] = "broadcast",
    [DB_OUTBOX_REPLY] = "reply",
};

static const struct db_query q_put = {
    DB_SLOT_OUTBOX_PUT, "outbox_put",
    "INSERT INTO outbox (msisdn, body, coding, kind, priority, urgent, ticket_id)"
    " VALUES ($1, $2, $3::smallint, $4, 0, $5::boolean, nullif($6::bigint, 0)) RETURNING id",
    6};

int
db_outbox_put(struct db *db, const struct db_outbox_new *m, int64_t *id)
{
    char coding[8], ticket[24];
    const char *values[6] = {
        m->msisdn, m->body, coding, kind_names[m->kind], m->urgent ? "true" : "false", ticket};
    PGresult *res;
    int rc = 0;

    snprintf(coding, sizeof(coding), "%d", m->coding);
    snprintf(ticket, sizeof(ticket), "%lld", (long long)m->ticket_id);
    if ((res = db_exec(db, &q_put, values, NULL, NULL)) == NULL)
        return -1;
    if (id != NULL)
        rc = db_parse_i64(PQgetvalue(res, 0, 0), id, q_put.name);
    PQclear(res);
    return rc;
}

/* One probe of messages per kannel_id (LATERAL ... LIMIT 1, as in
 * db/messages.c); the unique message_id keeps a message to one reply. */
static const struct db_query q_replies = {
    DB_SLOT_OUTBOX_REPLIES, "outbox_replies",
    "INSERT INTO outbox (msisdn, body, coding, kind, priority, urgent, message_id)"
    " SELECT m.msisdn, m.reply, m.reply_coding, 'reply', 0, true, m.id"
    " FROM unnest($1::text[]) AS k (kannel_id),"
    " LATERAL (SELECT id, msisdn, reply, reply_coding FROM messages"
    " WHERE kannel_id = k.kannel_id LIMIT 1) AS m"
    " WHERE m.reply <> '' ON CONFLICT (message_id) DO NOTHING",
    1};

int
db_outbox_replies(struct db *db, const char *const *kannel_ids, size_t n, int *queued)
{
    PGresult *res;

    *queued = 0;
    if ((res = db_exec_keys(db, &q_replies, kannel_ids, n, "a kannel_id")) == NULL)
        return -1;
    *queued = atoi(PQcmdTuples(res));
    PQclear(res);
    return 0;
}

/*
 * The claim.  ready picks due rows in order and locks them (rows another
 * sender holds are skipped, not waited for) and decides what each becomes:
 * 'sending', or, for a broadcast, 'cancelled' when the broadcast was
 * cancelled and 'opted_out' when the number is no longer subscribed (opt-out
 * wins even over rows queued before it).  The quiet-hours test reads the
 * database's clock in the configured zone: $4 start, $5 end in minutes, $6
 * the zone.
 */
static const struct db_query q_claim = {
    DB_SLOT_OUTBOX_CLAIM, "outbox_claim",
    "WITH now_local AS ("
    "  SELECT (extract(hour FROM t) * 60 + extract(minute FROM t))::int AS m"
    "  FROM (SELECT now() AT TIME ZONE $6 AS t) z),"
    " quiet AS ("
    "  SELECT CASE WHEN $4::int = $5::int THEN false"
    "              WHEN $4::int < $5::int THEN m >= $4::int AND m < $5::int"
    "              ELSE m >= $4::int OR m < $5::int END AS active FROM now_local),"
    " ready AS ("
    "  SELECT o.id, CASE WHEN b.state = 'cancelled' THEN 'cancelled'"
    "                    WHEN o.kind = 'broadcast' AND c.subscribed IS NOT TRUE THEN 'opted_out'"
    "                    ELSE 'sending' END AS next"
    "  FROM outbox o"
    "  LEFT JOIN broadcasts b ON b.id = o.broadcast_id"
    "  LEFT JOIN citizens c ON c.msisdn = o.msisdn"
    "  WHERE ((o.state = 'queued' AND o.next_attempt_at <= now())"
    "         OR (o.state = 'sending' AND o.lease_until < now()))"
    "    AND (o.urgent OR NOT (SELECT active FROM quiet))"
    "  ORDER BY o.priority, o.id"
    "  LIMIT $3::int"
    "  FOR UPDATE OF o SKIP LOCKED)"
    " UPDATE outbox o SET state = ready.next,"
    "  claimed_by = $1,"
    "  lease_until = CASE WHEN ready.next = 'sending'"
    "                THEN now() + make_interval(secs => $2::int) END,"
    "  attempts = o.attempts + CASE WHEN ready.next = 'sending' THEN 1 ELSE 0 END,"
    "  done_at = CASE WHEN ready.next <> 'sending' THEN now() END"
    " FROM ready WHERE o.id = ready.id"
    " RETURNING o.id, o.msisdn, o.body, o.coding, o.attempts - 1, o.state, o.kind",
    6};

int
db_outbox_claim(struct db *db, const char *instance, int lease, const struct db_quiet *quiet,
                struct db_outbox_row *rows, int max)
{
    char slease[16], smax[16], sstart[16], send[16];
    const char *values[6] = {instance, slease, smax, sstart, send, quiet->tz};
    PGresult *res;
    int n = 0;

    snprintf(slease, sizeof(slease), "%d", lease);
    snprintf(smax, sizeof(smax), "%d", max);
    snprintf(sstart, sizeof(sstart), "%d", quiet->start);
    snprintf(send, sizeof(send), "%d", quiet->end);
    if ((res = db_exec(db, &q_claim, values, NULL, NULL)) == NULL)
        return -1;
    for (int i = 0; i < PQntuples(res) && n < max; i++) {
        struct db_outbox_row *r = &rows[n];
        int64_t v;

        if (strcmp(PQgetvalue(res, i, 5), "sending") != 0)
            continue; /* cancelled or opted out: nothing to send */
        if (db_parse_i64(PQgetvalue(res, i, 0), &r->id, q_claim.name) < 0 ||
            db_copy(r->msisdn, sizeof(r->msisdn), PQgetvalue(res, i, 1), q_claim.name) < 0 ||
            db_parse_i64(PQgetvalue(res, i, 3), &v, q_claim.name) < 0)
            goto fail;
        r->coding = (int)v;
        if (db_parse_i64(PQgetvalue(res, i, 4), &v, q_claim.name) < 0)
            goto fail;
        r->attempts = (int)v;
        r->kind = DB_OUTBOX_NOTIFICATION;
        for (int k = 0; k < DB_OUTBOX__KINDS; k++)
            if (strcmp(PQgetvalue(res, i, 6), kind_names[k]) == 0)
                r->kind = (enum db_outbox_kind)k;
        r->body = xstrdup(PQgetvalue(res, i, 2));
        n++;
    }
    PQclear(res);
    return n;

fail:
    PQclear(res);
    db_outbox_rows_clear(rows, n);
    return -1;
}

void
db_outbox_rows_clear(struct db_outbox_row *rows, int n)
{
    for (int i = 0; i < n; i++) {
        free(rows[i].body);
        rows[i].body = NULL;
    }
}

static const struct db_query q_accepted = {
    DB_SLOT_OUTBOX_ACCEPTED, "outbox_accepted",
    "UPDATE outbox SET state = 'accepted', accepted_at = coalesce(accepted_at, now()),"
    " lease_until = NULL"
    " WHERE id = $1::bigint AND state = 'sending' AND claimed_by = $2",
    2};

int
db_outbox_accepted(struct db *db, int64_t id, const char *instance)
{
    char sid[24];
    const char *values[2] = {sid, instance};
    PGresult *res;

    snprintf(sid, sizeof(sid), "%lld", (long long)id);
    if ((res = db_exec(db, &q_accepted, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}

static const struct db_query q_failed = {
    DB_SLOT_OUTBOX_FAILED, "outbox_failed",
    "UPDATE outbox SET"
    " state = CASE WHEN $3::boolean THEN 'queued' ELSE 'failed' END,"
    " next_attempt_at = now() + make_interval(secs => $4::int),"
    " done_at = CASE WHEN $3::boolean THEN NULL ELSE now() END,"
    " claimed_by = NULL, lease_until = NULL, last_error = $5"
    " WHERE id = $1::bigint AND state = 'sending' AND claimed_by = $2",
    5};

int
db_outbox_failed(struct db *db, int64_t id, const char *instance, int retry, int delay,
                 const char *why)
{
    char sid[24], sdelay[16];
    const char *values[5] = {sid, instance, retry ? "true" : "false", sdelay, why};
    PGresult *res;

    snprintf(sid, sizeof(sid), "%lld", (long long)id);
    snprintf(sdelay, sizeof(sdelay), "%d", retry ? delay : 0);
    if ((res = db_exec(db, &q_failed, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}

/* A report never undoes a final state; "buffered" and "SMSC accepted" only
 * confirm that Kannel had the message, which settles a row left 'sending'
 * by a crash. */
static const struct db_query q_dlr = {
    DB_SLOT_OUTBOX_DLR, "outbox_dlr",
    "UPDATE outbox SET dlr_type = CASE WHEN state IN ('delivered', 'failed')"
    "                                  THEN dlr_type ELSE $2::int END,"
    " state = CASE WHEN state IN ('delivered', 'failed', 'cancelled', 'opted_out') THEN state"
    "              WHEN $2::int = 1 THEN 'delivered'"
    "              WHEN $2::int IN (2, 16) THEN 'failed'"
    "              ELSE 'accepted' END,"
    " done_at = CASE WHEN state NOT IN ('delivered', 'failed', 'cancelled', 'opted_out')"
    "                     AND $2::int IN (1, 2, 16) THEN now() ELSE done_at END,"
    " last_error = CASE WHEN $2::int IN (2, 16) AND state NOT IN ('delivered', 'failed')"
    "                   THEN 'delivery report: ' || $3 ELSE last_error END,"
    " accepted_at = coalesce(accepted_at, now()), lease_until = NULL"
    " WHERE id = $1::bigint RETURNING id",
    3};

int
db_outbox_dlr(struct db *db, int64_t id, int type, const char *reply)
{
    char sid[24], stype[16];
    const char *values[3] = {sid, stype, reply};
    PGresult *res;
    int rc;

    snprintf(sid, sizeof(sid), "%lld", (long long)id);
    snprintf(stype, sizeof(stype), "%d", type);
    if ((res = db_exec(db, &q_dlr, values, NULL, NULL)) == NULL)
        return -1;
    rc = PQntuples(res) == 1;
    PQclear(res);
    return rc;
}

static const struct db_query q_counts = {
    DB_SLOT_OUTBOX_COUNTS, "outbox_counts",
    "SELECT state, count(*) FROM outbox"
    " WHERE $1::bigint = 0 OR broadcast_id = $1::bigint GROUP BY state",
    1};

int
db_outbox_counts(struct db *db, int64_t broadcast_id, struct db_outbox_counts *out)
{
    static const struct {
        const char *name;
        size_t off;
    } states[] = {
        {"queued", offsetof(struct db_outbox_counts, queued)},
        {"sending", offsetof(struct db_outbox_counts, sending)},
        {"accepted", offsetof(struct db_outbox_counts, accepted)},
        {"delivered", offsetof(struct db_outbox_counts, delivered)},
        {"failed", offsetof(struct db_outbox_counts, failed)},
        {"cancelled", offsetof(struct db_outbox_counts, cancelled)},
        {"opted_out", offsetof(struct db_outbox_counts, opted_out)},
    };
    char sid[24];
    const char *values[1] = {sid};
    PGresult *res;
    int rc = 0;

    memset(out, 0, sizeof(*out));
    snprintf(sid, sizeof(sid), "%lld", (long long)broadcast_id);
    if ((res = db_exec(db, &q_counts, values, NULL, NULL)) == NULL)
        return -1;
    for (int i = 0; i < PQntuples(res) && rc == 0; i++) {
        const char *state = PQgetvalue(res, i, 0);

        for (size_t j = 0; j < sizeof(states) / sizeof(states[0]); j++) {
            if (strcmp(state, states[j].name) == 0) {
                rc = db_parse_i64(PQgetvalue(res, i, 1), (int64_t *)((char *)out + states[j].off),
                                  q_counts.name);
                break;
            }
        }
    }
    PQclear(res);
    return rc;
}
