/*
 * Tickets and their history.
 *
 * A ticket's code is computed by the caller (parsers/ticket.c) from a value
 * of ticket_seq, so taking the sequence value and inserting the ticket are
 * two calls (the intake's batches do both in db/messages.c).  A ticket and
 * each change of its status are written by one statement each (a
 * data-modifying CTE), so the ticket row and its event can never disagree,
 * and each costs one round trip.  Dates are formatted by the server in the
 * time zone the caller names.
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

static const struct db_query q_next_seq = {DB_SLOT_TICKET_NEXT_SEQ, "ticket_next_seq",
                                           "SELECT nextval('ticket_seq')", 0};

/* A ticket with its category and source named, so that the tickets_source
 * trigger does not run (migration 008), and the event of its first status;
 * the ticket's id comes back for the SMS that repeats its number. */
static const struct db_query q_insert = {
    DB_SLOT_TICKET_INSERT, "ticket_insert",
    "WITH t AS (INSERT INTO tickets (code, message_id, msisdn, body, status, source, category)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, status)"
    " INSERT INTO ticket_events (ticket_id, status, actor) SELECT id, status, 'citizen' FROM t"
    " RETURNING ticket_id",
    7};

static const struct db_query q_brief = {
    DB_SLOT_TICKET_BRIEF, "ticket_brief",
    "SELECT status, to_char(updated_at AT TIME ZONE $2::text, 'DD/MM/YYYY')"
    " FROM tickets WHERE code = $1",
    2};

#define TICKET_COLUMNS                                                                             \
    "code, status, msisdn, to_char(created_at AT TIME ZONE $2::text, 'YYYY-MM-DD HH24:MI'),"       \
    " to_char(updated_at AT TIME ZONE $2::text, 'YYYY-MM-DD HH24:MI'), body"

/* Two statements rather than "status = $3 OR $3 IS NULL", which would keep a
 * generic plan from using the (status, created_at) index.  A NULL limit is
 * no limit. */
static const struct db_query q_list = {DB_SLOT_TICKET_LIST, "ticket_list",
                                       "SELECT " TICKET_COLUMNS " FROM tickets"
                                       " ORDER BY created_at DESC, id DESC LIMIT $1::bigint",
                                       2};

static const struct db_query q_list_status = {DB_SLOT_TICKET_LIST_STATUS, "ticket_list_status",
                                              "SELECT " TICKET_COLUMNS
                                              " FROM tickets WHERE status = $3::text"
                                              " ORDER BY created_at DESC, id DESC LIMIT $1::bigint",
                                              3};

static const struct db_query q_get = {DB_SLOT_TICKET_GET, "ticket_get",
                                      "SELECT " TICKET_COLUMNS ", id FROM tickets WHERE code = $1",
                                      2};

static const struct db_query q_events = {
    DB_SLOT_TICKET_EVENTS, "ticket_events",
    "SELECT to_char(created_at AT TIME ZONE $2::text, 'YYYY-MM-DD HH24:MI'), status, actor, note"
    " FROM ticket_events WHERE ticket_id = $1::bigint ORDER BY created_at, id",
    2};

static const struct db_query q_set_status = {
    DB_SLOT_TICKET_SET_STATUS, "ticket_set_status",
    "WITH t AS (UPDATE tickets SET status = $2::text, updated_at = now() WHERE code = $1"
    " RETURNING id)"
    " INSERT INTO ticket_events (ticket_id, status, note, actor)"
    " SELECT id, $2::text, $3::text, $4::text FROM t RETURNING ticket_id",
    4};

/* The zone used when the caller gives none. */
static const char *
db_tz(const char *tz)
{
    return tz != NULL ? tz : "UTC";
}

int
db_ticket_next_seq(struct db *db, int64_t *seq)
{
    PGresult *res;
    int rc;

    if ((res = db_exec(db, &q_next_seq, NULL, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) != 1) {
        PQclear(res);
        db_log_error(q_next_seq.name, "no value returned");
        return -1;
    }
    rc = db_parse_i64(PQgetvalue(res, 0, 0), seq, q_next_seq.name);
    PQclear(res);
    return rc;
}

int
db_ticket_insert(struct db *db, const struct db_ticket_new *t, int64_t *id)
{
    char mid[24];
    const char *values[7];
    PGresult *res;
    int rc;

    snprintf(mid, sizeof(mid), "%" PRId64, t->message_id);
    values[0] = t->code;
    /* Message ids start at 1; 0 means a ticket no stored message created. */
    values[1] = t->message_id > 0 ? mid : NULL;
    values[2] = t->msisdn;
    values[3] = t->body;
    values[4] = t->status;
    values[5] = t->source;
    values[6] = t->category;
    if ((res = db_exec(db, &q_insert, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) != 1) {
        PQclear(res);
        db_log_error(q_insert.name, "no ticket id returned");
        return -1;
    }
    rc = db_parse_i64(PQgetvalue(res, 0, 0), id, q_insert.name);
    PQclear(res);
    return rc;
}

int
db_ticket_brief(struct db *db, const char *code, const char *tz, struct db_ticket_brief *out)
{
    const char *values[2] = {code, db_tz(tz)};
    PGresult *res;
    int rc = -1;

    if ((res = db_exec(db, &q_brief, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 0) {
        rc = 0;
        goto done;
    }
    memset(out, 0, sizeof(*out));
    if (db_copy(out->code, sizeof(out->code), code, q_brief.name) < 0 ||
        db_copy(out->status, sizeof(out->status), PQgetvalue(res, 0, 0), q_brief.name) < 0 ||
        db_copy(out->updated, sizeof(out->updated), PQgetvalue(res, 0, 1), q_brief.name) < 0) {
        memset(out, 0, sizeof(*out));
        goto done;
    }
    rc = 1;
done:
    PQclear(res);
    return rc;
}

/* Fills t from row i of a result of TICKET_COLUMNS.  body points into res.
 * Returns 0 or -1. */
static int
db_ticket_row(const PGresult *res, int i, struct db_ticket *t, const char *name)
{
    memset(t, 0, sizeof(*t));
    if (db_copy(t->code, sizeof(t->code), PQgetvalue(res, i, 0), name) < 0 ||
        db_copy(t->status, sizeof(t->status), PQgetvalue(res, i, 1), name) < 0 ||
        db_copy(t->msisdn, sizeof(t->msisdn), PQgetvalue(res, i, 2), name) < 0 ||
        db_copy(t->created, sizeof(t->created), PQgetvalue(res, i, 3), name) < 0 ||
        db_copy(t->updated, sizeof(t->updated), PQgetvalue(res, i, 4), name) < 0)
        return -1;
    t->body = PQgetvalue(res, i, 5);
    return 0;
}

void
db_ticket_clear(struct db_ticket *t)
{
    if (t == NULL)
        return;
    free(t->body);
    t->body = NULL;
}

int
db_ticket_list(struct db *db, const char *status, int limit, const char *tz,
               void (*cb)(void *ctx, const struct db_ticket *t), void *ctx)
{
    char lim[16];
    const char *values[3];
    const struct db_query *q = status != NULL ? &q_list_status : &q_list;
    PGresult *res;
    int n;

    snprintf(lim, sizeof(lim), "%d", limit);
    /* A limit of 0 or less lists every ticket. */
    values[0] = limit > 0 ? lim : NULL;
    values[1] = db_tz(tz);
    values[2] = status;
    if ((res = db_exec(db, q, values, NULL, NULL)) == NULL)
        return -1;
    n = PQntuples(res);
    for (int i = 0; i < n; i++) {
        struct db_ticket t;

        /* The body handed to cb is the result's own string, valid during
         * the callback only: nothing to free for a listing. */
        if (db_ticket_row(res, i, &t, q->name) < 0) {
            PQclear(res);
            return -1;
        }
        cb(ctx, &t);
    }
    PQclear(res);
    return n;
}

int
db_ticket_get(struct db *db, const char *code, const char *tz, struct db_ticket *out,
              void (*cb)(void *ctx, const struct db_ticket_event *e), void *ctx)
{
    const char *values[2] = {code, db_tz(tz)};
    PGresult *res, *ev = NULL;
    int rc = -1;

    memset(out, 0, sizeof(*out));
    if ((res = db_exec(db, &q_get, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 0) {
        rc = 0;
        goto done;
    }
    if (db_ticket_row(res, 0, out, q_get.name) < 0)
        goto done;
    out->body = NULL;

    /* The events are read by ticket id, the last column of q_get. */
    values[0] = PQgetvalue(res, 0, 6);
    if ((ev = db_exec(db, &q_events, values, NULL, NULL)) == NULL)
        goto done;
    for (int i = 0; i < PQntuples(ev); i++) {
        struct db_ticket_event e;

        memset(&e, 0, sizeof(e));
        if (db_copy(e.at, sizeof(e.at), PQgetvalue(ev, i, 0), q_events.name) < 0 ||
            db_copy(e.status, sizeof(e.status), PQgetvalue(ev, i, 1), q_events.name) < 0 ||
            db_copy(e.actor, sizeof(e.actor), PQgetvalue(ev, i, 2), q_events.name) < 0)
            goto done;
        e.note = PQgetvalue(ev, i, 3);
        cb(ctx, &e);
    }
    /* Only now does out own anything, so a failure above leaves it empty. */
    out->body = xstrdup(PQgetvalue(res, 0, 5));
    rc = 1;
done:
    if (rc != 1)
        memset(out, 0, sizeof(*out));
    PQclear(ev);
    PQclear(res);
    return rc;
}

int
db_ticket_set_status(struct db *db, const char *code, const char *status, const char *note,
                     const char *actor)
{
    const char *values[4] = {code, status, note != NULL ? note : "", actor};
    PGresult *res;
    int n;

    /* One statement updates the ticket and records the event: it is its own
     * transaction when called outside one (the staff command line), and
     * joins the caller's otherwise. */
    if ((res = db_exec(db, &q_set_status, values, NULL, NULL)) == NULL)
        return -1;
    n = PQntuples(res);
    PQclear(res);
    return n > 0 ? 1 : 0;
}

static const struct db_query q_owner = {DB_SLOT_TICKET_OWNER, "ticket_owner",
                                        "SELECT id, msisdn FROM tickets WHERE code = $1", 1};

int
db_ticket_owner(struct db *db, const char *code, int64_t *id, char msisdn[24])
{
    const char *values[1] = {code};
    PGresult *res;
    int rc = 0;

    if ((res = db_exec(db, &q_owner, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 1)
        rc = db_parse_i64(PQgetvalue(res, 0, 0), id, q_owner.name) == 0 &&
                     db_copy(msisdn, 24, PQgetvalue(res, 0, 1), q_owner.name) == 0
                 ? 1
                 : -1;
    PQclear(res);
    return rc;
}

/* ---- the staff API ------------------------------------------------------ */

/* Times as ISO 8601 with the offset of the transaction's zone. */
#define ISO(x) "to_char(" x ", 'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM')"

#define ITEM_COLUMNS                                                                               \
    "t.id, t.code, t.status, coalesce(t.category, ''), coalesce(t.komisi, 0), t.source,"           \
    " coalesce(t.msisdn, ''), " ISO("t.created_at") ", " ISO("t.updated_at") ", t.body"

/*
 * Every filter is optional ("$n IS NULL OR ..."): staff lists are small
 * and rare next to the MO path, so one statement serves every combination.
 * A bare date as the end of the range means the end of that day.  The text
 * is matched with ILIKE, its %, _ and \ escaped by the caller.
 */
static const struct db_query q_search = {
    DB_SLOT_TICKET_SEARCH, "ticket_search",
    "SELECT " ITEM_COLUMNS ", count(*) OVER () FROM tickets t"
    " WHERE ($1::text IS NULL OR t.status = $1::text)"
    " AND ($2::smallint IS NULL OR t.komisi = $2::smallint)"
    " AND ($3::text IS NULL OR t.category = $3::text)"
    " AND ($4::text IS NULL OR t.created_at >= $4::timestamptz)"
    " AND ($5::text IS NULL OR t.created_at < CASE WHEN length($5::text) = 10"
    "      THEN ($5::date + 1)::timestamptz ELSE $5::timestamptz END)"
    " AND ($6::text IS NULL OR t.body ILIKE '%' || $6::text || '%')"
    " ORDER BY t.created_at DESC, t.id DESC LIMIT $7::int OFFSET $8::int",
    8};

/* The total when the page is past the end (no row carries it). */
static const struct db_query q_search_count = {
    DB_UNPREPARED, "ticket_search_count",
    "SELECT count(*) FROM tickets t"
    " WHERE ($1::text IS NULL OR t.status = $1::text)"
    " AND ($2::smallint IS NULL OR t.komisi = $2::smallint)"
    " AND ($3::text IS NULL OR t.category = $3::text)"
    " AND ($4::text IS NULL OR t.created_at >= $4::timestamptz)"
    " AND ($5::text IS NULL OR t.created_at < CASE WHEN length($5::text) = 10"
    "      THEN ($5::date + 1)::timestamptz ELSE $5::timestamptz END)"
    " AND ($6::text IS NULL OR t.body ILIKE '%' || $6::text || '%')",
    6};

static const struct db_query q_detail = {DB_SLOT_TICKET_DETAIL, "ticket_detail",
                                         "SELECT " ITEM_COLUMNS ", t.message_id"
                                         " FROM tickets t WHERE t.code = $1::text",
                                         1};

static const struct db_query q_origin = {
    DB_SLOT_TICKET_ORIGIN, "ticket_origin",
    "SELECT channel, intent, " ISO("received_at") " FROM messages WHERE id = $1::bigint", 1};

static const struct db_query q_history = {
    DB_SLOT_TICKET_HISTORY, "ticket_history",
    "SELECT " ISO("created_at") ", status, actor, note FROM ticket_events"
                                " WHERE ticket_id = $1::bigint ORDER BY created_at, id",
    1};

static const struct db_query q_assign = {
    DB_SLOT_TICKET_ASSIGN, "ticket_assign",
    "WITH t AS (UPDATE tickets SET"
    " komisi = CASE WHEN $2::int < 0 THEN komisi WHEN $2::int = 0 THEN NULL"
    "          ELSE $2::smallint END,"
    " category = CASE WHEN $3::text IS NULL THEN category WHEN $3::text = '' THEN NULL"
    "          ELSE $3::text END,"
    " updated_at = now() WHERE code = $1::text RETURNING id, status)"
    " INSERT INTO ticket_events (ticket_id, status, note, actor)"
    " SELECT id, status, $4::text, $5::text FROM t RETURNING ticket_id",
    5};

/* FOR UPDATE: a status change reads the status, then writes it; the lock
 * keeps two staff members setting the same status at once from both
 * passing the "already" check and telling the citizen twice. */
static const struct db_query q_status = {
    DB_SLOT_TICKET_STATUS, "ticket_status",
    "SELECT status FROM tickets WHERE code = $1::text FOR UPDATE", 1};

/* Fills t from row i of an ITEM_COLUMNS result. */
static int
item_row(const PGresult *res, int i, struct db_ticket_item *t, const char *name)
{
    int64_t komisi;

    if (db_parse_i64(PQgetvalue(res, i, 0), &t->id, name) < 0 ||
        db_parse_i64(PQgetvalue(res, i, 4), &komisi, name) < 0)
        return -1;
    t->code = PQgetvalue(res, i, 1);
    t->status = PQgetvalue(res, i, 2);
    t->category = PQgetvalue(res, i, 3);
    t->komisi = (int)komisi;
    t->source = PQgetvalue(res, i, 5);
    t->msisdn = PQgetvalue(res, i, 6);
    t->created = PQgetvalue(res, i, 7);
    t->updated = PQgetvalue(res, i, 8);
    t->body = PQgetvalue(res, i, 9);
    return 0;
}

int
db_ticket_search(struct db *db, const struct db_ticket_query *q,
                 void (*cb)(void *ctx, const struct db_ticket_item *t), void *ctx, int64_t *total)
{
    char komisi[16], limit[16], offset[16];
    const char *values[8] = {q->status, NULL, q->category, q->from, q->to, q->text, limit, offset};
    PGresult *res;
    int n;

    if (q->komisi > 0) {
        snprintf(komisi, sizeof(komisi), "%d", q->komisi);
        values[1] = komisi;
    }
    snprintf(limit, sizeof(limit), "%d", q->limit);
    snprintf(offset, sizeof(offset), "%d", q->offset);
    if ((res = db_exec(db, &q_search, values, NULL, NULL)) == NULL)
        return -1;
    n = PQntuples(res);
    *total = 0;
    if (n > 0 && db_parse_i64(PQgetvalue(res, 0, 10), total, q_search.name) < 0) {
        PQclear(res);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        struct db_ticket_item t;

        if (item_row(res, i, &t, q_search.name) < 0) {
            PQclear(res);
            return -1;
        }
        cb(ctx, &t);
    }
    PQclear(res);
    if (n == 0 && q->offset > 0) {
        if ((res = db_exec(db, &q_search_count, values, NULL, NULL)) == NULL)
            return -1;
        if (db_parse_i64(PQgetvalue(res, 0, 0), total, q_search_count.name) < 0)
            n = -1;
        PQclear(res);
    }
    return n;
}

int
db_ticket_detail(struct db *db, const char *code,
                 void (*item)(void *ctx, const struct db_ticket_item *t),
                 void (*origin)(void *ctx, const struct db_ticket_origin *o),
                 void (*event)(void *ctx, const struct db_ticket_history *e), void *ctx)
{
    const char *values[1] = {code};
    PGresult *res, *more;
    struct db_ticket_item t;
    char id[24];
    int rc = 1;

    if ((res = db_exec(db, &q_detail, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 0;
    }
    if (item_row(res, 0, &t, q_detail.name) < 0) {
        PQclear(res);
        return -1;
    }
    item(ctx, &t);
    snprintf(id, sizeof(id), "%" PRId64, t.id);
    if (!PQgetisnull(res, 0, 10)) {
        const char *mv[1] = {PQgetvalue(res, 0, 10)};

        if ((more = db_exec(db, &q_origin, mv, NULL, NULL)) == NULL) {
            PQclear(res);
            return -1;
        }
        if (PQntuples(more) == 1) {
            struct db_ticket_origin o = {PQgetvalue(more, 0, 0), PQgetvalue(more, 0, 1),
                                         PQgetvalue(more, 0, 2)};
            origin(ctx, &o);
        }
        PQclear(more);
    }
    PQclear(res);
    values[0] = id;
    if ((more = db_exec(db, &q_history, values, NULL, NULL)) == NULL)
        return -1;
    for (int i = 0; i < PQntuples(more); i++) {
        struct db_ticket_history e = {PQgetvalue(more, i, 0), PQgetvalue(more, i, 1),
                                      PQgetvalue(more, i, 2), PQgetvalue(more, i, 3)};
        event(ctx, &e);
    }
    PQclear(more);
    return rc;
}

int
db_ticket_assign(struct db *db, const char *code, int komisi, const char *category,
                 const char *note, const char *actor)
{
    char k[16];
    const char *values[5] = {code, k, category, note, actor};
    PGresult *res;
    int n;

    snprintf(k, sizeof(k), "%d", komisi);
    if ((res = db_exec(db, &q_assign, values, NULL, NULL)) == NULL)
        return -1;
    n = PQntuples(res);
    PQclear(res);
    return n > 0 ? 1 : 0;
}

int
db_ticket_status(struct db *db, const char *code, char status[32])
{
    const char *values[1] = {code};
    PGresult *res;
    int rc = 0;

    if ((res = db_exec(db, &q_status, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 1)
        rc = db_copy(status, 32, PQgetvalue(res, 0, 0), q_status.name) == 0 ? 1 : -1;
    PQclear(res);
    return rc;
}
