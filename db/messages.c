/*
 * Inbound messages: every MO is stored once, keyed by Kannel's id, together
 * with the reply Aspirasi gave, so that a retried MO gets the same answer
 * and creates nothing new.
 *
 * The insert relies on the unique index on kannel_id: ON CONFLICT DO NOTHING
 * makes a second transaction inserting the same id wait until the first one
 * ends, then skip the row (first committed) or insert it (first rolled back).
 * The stored reply is then read by a second statement, which in READ
 * COMMITTED takes a fresh snapshot and so sees the row the other transaction
 * just committed; within the INSERT's own statement it would not.
 *
 * The intake writes the messages of a batch in one statement
 * (db_messages_insert()): the server's cost of a statement (its executor,
 * the CHECK constraints it prepares, its round trip) is then paid once per
 * batch rather than once per message.  What a new message leads to most
 * often, a complaint's ticket or an agenda or info lookup, hangs off the
 * message insert in a data-modifying WITH, so it is written exactly when
 * the message row is; a duplicate inserts no message, so nothing hangs off
 * it.  The columns go in as one array per column, so the statement is
 * prepared once whatever the size of the batch.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "common/xmalloc.h"
#include "db/db.h"
#include "db/internal.h"

static const struct db_query q_insert = {
    DB_SLOT_MESSAGE_INSERT, "message_insert",
    "INSERT INTO messages (kannel_id, channel, msisdn, short_code, smsc, body, raw, coding,"
    " charset, meta, sent_at, intent, reply, reply_coding, body_key, reply_key)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, to_timestamp($11::bigint), $12, $13, $14,"
    " $15, $16)"
    " ON CONFLICT (kannel_id) DO NOTHING RETURNING id",
    16};

static const struct db_query q_reply = {
    DB_SLOT_MESSAGE_REPLY, "message_reply",
    "SELECT reply, reply_coding FROM messages WHERE kannel_id = $1", 1};

/* One array per column ($1-$25), one element per message, and the first
 * status of tickets ($26).  x is read three times, so it is materialised
 * once.  The messages are inserted in the order of the arrays.  Each
 * ticket names its source (the message's channel), so the tickets_source
 * trigger, which only fills a missing one, does not run (migration 008).
 * A message and its ticket are dated received_us, or now() when it is NULL
 * (every message but one replayed from the journal). */
static const struct db_query q_insert_many = {
    DB_SLOT_MESSAGES_INSERT, "messages_insert",
    "WITH x AS MATERIALIZED (SELECT * FROM unnest($1::text[], $2::text[], $3::text[],"
    " $4::text[], $5::text[], $6::text[], $7::bytea[], $8::smallint[], $9::text[], $10::text[],"
    " $11::bigint[], $12::text[], $13::text[], $14::smallint[], $15::text[], $16::bigint[],"
    " $17::text[], $18::text[], $19::text[], $20::bigint[], $21::text[], $22::text[],"
    " $23::smallint[], $24::bigint[], $25::bigint[])"
    " AS u (kannel_id, channel, msisdn, short_code, smsc, body, raw, coding, charset, meta,"
    " sent_at, intent, reply, reply_coding, t_code, t_of, t_body, l_kind, l_query,"
    " received_us, t_category, o_body, o_coding, body_key, reply_key)),"
    " m AS (INSERT INTO messages (kannel_id, channel, msisdn, short_code, smsc, body, raw,"
    " coding, charset, meta, sent_at, received_at, intent, reply, reply_coding, body_key,"
    " reply_key)"
    " SELECT kannel_id, channel, msisdn, short_code, smsc, body, raw, coding, charset, meta,"
    " to_timestamp(sent_at), coalesce(to_timestamp(received_us / 1000000.0), now()), intent,"
    " reply, reply_coding, body_key, reply_key FROM x"
    " ON CONFLICT (kannel_id) DO NOTHING RETURNING id, kannel_id, received_at),"
    " t AS (INSERT INTO tickets (code, message_id, msisdn, body, status, source, category,"
    " created_at)"
    " SELECT x.t_code, coalesce(x.t_of, m.id), x.msisdn, x.t_body, $26::text, x.channel,"
    " x.t_category, m.received_at FROM m JOIN x USING (kannel_id) WHERE x.t_code IS NOT NULL"
    " RETURNING id, status, code),"
    " e AS (INSERT INTO ticket_events (ticket_id, status, actor)"
    " SELECT id, status, 'citizen' FROM t),"
    " o AS (INSERT INTO outbox (msisdn, body, coding, kind, priority, urgent, ticket_id)"
    " SELECT x.msisdn, x.o_body, x.o_coding, 'receipt', 0, true, t.id"
    " FROM t JOIN x ON x.t_code = t.code::text WHERE x.o_body IS NOT NULL),"
    " r AS (INSERT INTO info_requests (msisdn, channel, kind, query, message_id)"
    " SELECT x.msisdn, x.channel, x.l_kind, x.l_query, m.id"
    " FROM m JOIN x USING (kannel_id) WHERE x.l_kind IS NOT NULL)"
    " SELECT kannel_id, id FROM m",
    26};

/*
 * Lookups of a list of keys are written as a LATERAL subquery per key with
 * LIMIT 1 (the keys are unique), which forces one index probe per key.
 * These statements run with a generic plan, made once per connection, and
 * "key = ANY ($1)" would get a sequential scan in a plan made while the
 * table is small: a daemon started on a new database would keep scanning
 * its tickets and messages at every batch until an ANALYZE.
 */

/* How the limits compare texts (db_text_norm()): ASCII letters in lower
 * case, runs of white space one space, none at either end.  lower() in
 * the "C" collation changes ASCII letters only.  Used only for rows
 * written without their keys (migration 013). */
#define NORM(col)                                                                                  \
    "btrim(regexp_replace(lower(" col " COLLATE \"C\"), '[ \\t\\n\\r\\f\\v]+', ' ', 'g'), ' ')"

/* The latest messages of a number within the loop window that a text is
 * compared with: a number that floods costs no more. */
#define AHEAD_LOOP_ROWS "100"

/* Six reads in one statement, each row tagged with what it is: a
 * sender's language, a ticket number, a ticket asked about, what a sender
 * did lately (the per-number limits), whether an SMS's text came before
 * (a reply loop), compared by the keys of texts (db_text_key()), and the
 * version of the agenda and pages (migration 014).  The codes are
 * compared as char(7), the column's type, so that its index serves.  The
 * ticket numbers come one per element of $2 (1, 2, ... n): from
 * generate_series(1, $2) the planner would expect 1,000 rows and plan the
 * statement again at every call, for longer than it takes to run.  The
 * counts of the limits stop at their caps (LIMIT), so a number that floods
 * costs no more than one that reached its limit: its tickets are found
 * through tickets (msisdn, created_at), its messages through messages
 * (msisdn, received_at), the oldest of the window first, or for a text,
 * the latest AHEAD_LOOP_ROWS of its loop window, read once for both of its
 * questions.  The hour of tickets is a row comparison, (msisdn,
 * created_at) > (number, an hour ago), which no index but that one can
 * serve: with "created_at > an hour ago", a plan made while no ticket was
 * under an hour old (a quiet night, on a copy of a bench database) read
 * tickets (created_at) and filtered by number, which in a flood is every
 * ticket of the hour for every sender.  "Is there one" is a count up to 1
 * too: an EXISTS here became a hashed subplan, one scan of the whole
 * window of messages per batch, more than ten times slower in bench/run. */
/* clang-format off */
static const struct db_query q_ahead = {
    DB_SLOT_MESSAGES_AHEAD, "messages_ahead",
    "SELECT 0, u.msisdn, c.language, NULL, NULL FROM unnest($1::text[]) AS u (msisdn)"
    " CROSS JOIN LATERAL (SELECT language FROM citizens"
    " WHERE msisdn = u.msisdn AND language IS NOT NULL LIMIT 1) AS c"
    " UNION ALL SELECT 1, nextval('ticket_seq')::text, NULL, NULL, NULL FROM unnest($2::int[])"
    " UNION ALL SELECT 2, k.code, t.status, to_char(t.updated_at AT TIME ZONE $4::text,"
    " 'DD/MM/YYYY'), NULL FROM unnest($3::bpchar[]) AS k (code)"
    " CROSS JOIN LATERAL (SELECT status, updated_at FROM tickets WHERE code = k.code LIMIT 1)"
    " AS t"
    " UNION ALL SELECT 3, s.msisdn,"
    " (SELECT count(*) FROM (SELECT 1 FROM tickets WHERE msisdn = s.msisdn"
    " AND (msisdn, created_at) > (s.msisdn, now() - interval '1 hour') LIMIT $6::int) AS t)::text,"
    " (SELECT count(*) FROM (SELECT 1 FROM messages WHERE msisdn = s.msisdn"
    " AND received_at > now() - interval '24 hours' AND channel = 'sms' AND reply <> ''"
    " LIMIT $7::int) AS r)::text,"
    " (SELECT count(*) FROM (SELECT 1 FROM messages WHERE msisdn = s.msisdn"
    " AND received_at > now() - interval '1 hour' AND channel = 'sms'"
    " AND reply = ANY ($8::text[]) LIMIT 1) AS n)::text"
    " FROM unnest($5::text[]) AS s (msisdn)"
    " UNION ALL SELECT 4, x.n::text, least(l.repeats, $12::int)::text, l.echo::text, NULL"
    " FROM unnest($9::text[], $10::text[], $13::bigint[]) WITH ORDINALITY AS x (msisdn, body,"
    " k, n)"
    " CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE coalesce(w.body_key = x.k,"
    " " NORM("w.body") " = x.body)) AS repeats,"
    " least(count(*) FILTER (WHERE w.reply <> '' AND coalesce(w.reply_key = x.k,"
    " " NORM("w.reply") " = x.body)), 1) AS echo"
    " FROM (SELECT body, reply, body_key, reply_key FROM messages WHERE msisdn = x.msisdn"
    " AND received_at > now() - make_interval(mins => $11::int) AND channel = 'sms'"
    " ORDER BY received_at DESC LIMIT " AHEAD_LOOP_ROWS ") AS w) AS l"
    " UNION ALL SELECT 5, n::text, NULL, NULL, NULL FROM content_version",
    13};
/* clang-format on */

static const struct db_query q_replies = {
    DB_SLOT_MESSAGE_REPLIES, "message_replies",
    "SELECT k.kannel_id, m.reply, m.reply_coding FROM unnest($1::text[]) AS k (kannel_id)"
    " CROSS JOIN LATERAL (SELECT reply, reply_coding FROM messages"
    " WHERE kannel_id = k.kannel_id LIMIT 1) AS m",
    1};

/* An optional text parameter: NULL stands for "". */
static const char *
db_opt(const char *s)
{
    return s != NULL ? s : "";
}

/* The keys of a message's text and of its reply (db_text_key()). */
static void
mo_keys(const struct db_mo *mo, int64_t *body, int64_t *reply)
{
    const char *r = db_opt(mo->reply);

    *body = db_text_key(mo->text != NULL ? mo->text : "", mo->text != NULL ? mo->text_len : 0);
    *reply = db_text_key(r, strlen(r));
}

int
db_message_insert(struct db *db, const struct db_mo *mo, int64_t *id, char **reply,
                  int *reply_coding)
{
    char coding[16], sent_at[24], rcoding[16], bkey[24], rkey[24];
    const char *values[16];
    int lengths[16] = {0}, formats[16] = {0};
    const char *kid[1];
    PGresult *res;
    int64_t v, body_key, reply_key;

    snprintf(coding, sizeof(coding), "%d", mo->coding);
    snprintf(sent_at, sizeof(sent_at), "%" PRId64, mo->sent_at);
    snprintf(rcoding, sizeof(rcoding), "%d", mo->reply_coding);

    values[0] = mo->kannel_id;
    values[1] = mo->channel != NULL ? mo->channel : "sms";
    values[2] = mo->msisdn;
    values[3] = db_opt(mo->short_code);
    values[4] = db_opt(mo->smsc);
    /* The body and the raw bytes go in binary format, with their lengths:
     * the body need not be NUL-terminated at text_len, and the server still
     * checks that it is valid UTF-8 (textrecv converts from the client
     * encoding).  raw is stored byte for byte in a bytea. */
    values[5] = mo->text != NULL ? mo->text : "";
    lengths[5] = mo->text != NULL ? (int)mo->text_len : 0;
    formats[5] = 1;
    values[6] = mo->raw != NULL ? mo->raw : "";
    lengths[6] = mo->raw != NULL ? (int)mo->raw_len : 0;
    formats[6] = 1;
    values[7] = mo->coding >= 0 ? coding : NULL;
    values[8] = db_opt(mo->charset);
    values[9] = db_opt(mo->meta);
    values[10] = mo->sent_at != 0 ? sent_at : NULL;
    values[11] = mo->intent;
    values[12] = mo->reply;
    values[13] = rcoding;
    mo_keys(mo, &body_key, &reply_key);
    snprintf(bkey, sizeof(bkey), "%" PRId64, body_key);
    snprintf(rkey, sizeof(rkey), "%" PRId64, reply_key);
    values[14] = bkey;
    values[15] = rkey;

    *reply = NULL;
    if (mo->text_len > INT_MAX || mo->raw_len > INT_MAX) {
        db_log_error(q_insert.name, "message too large");
        return -1;
    }
    if ((res = db_exec(db, &q_insert, values, lengths, formats)) == NULL)
        return -1;
    if (PQntuples(res) == 1) {
        int rc = db_parse_i64(PQgetvalue(res, 0, 0), &v, q_insert.name);

        PQclear(res);
        if (rc < 0)
            return -1;
        *id = v;
        return 1;
    }
    PQclear(res);

    /* The kannel_id was there already: answer what was answered then. */
    kid[0] = mo->kannel_id;
    if ((res = db_exec(db, &q_reply, kid, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) != 1) {
        /* Only possible if the row was deleted in between. */
        PQclear(res);
        db_log_error(q_reply.name, "duplicate message vanished before its reply was read");
        return -1;
    }
    if (db_parse_i64(PQgetvalue(res, 0, 1), &v, q_reply.name) < 0) {
        PQclear(res);
        return -1;
    }
    *reply = xstrdup(PQgetvalue(res, 0, 0));
    *reply_coding = (int)v;
    PQclear(res);
    return 0;
}

#define MANY_COLUMNS 25

/* The element types of q_insert_many's arrays, $1 to $25. */
static const enum db_elem many_types[MANY_COLUMNS] = {
    DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT, DB_TEXT, DB_BYTEA, DB_INT2, DB_TEXT,
    DB_TEXT, DB_INT8, DB_TEXT, DB_TEXT, DB_INT2, DB_TEXT, DB_INT8,  DB_TEXT, DB_TEXT,
    DB_TEXT, DB_INT8, DB_TEXT, DB_TEXT, DB_INT2, DB_INT8, DB_INT8};

/* Appends message r to the column arrays.  Returns 0, or -1 when a text
 * holds a NUL byte or a text or the raw bytes are too long. */
static int
many_add(struct db_arr *col, const struct db_mo_row *r)
{
    const struct db_mo *mo = r->mo;
    int64_t body_key, reply_key;
    int rc = 0;

    rc |= db_arr_str(&col[0], mo->kannel_id);
    rc |= db_arr_str(&col[1], mo->channel != NULL ? mo->channel : "sms");
    rc |= db_arr_str(&col[2], mo->msisdn);
    rc |= db_arr_str(&col[3], db_opt(mo->short_code));
    rc |= db_arr_str(&col[4], db_opt(mo->smsc));
    rc |=
        db_arr_text(&col[5], mo->text != NULL ? mo->text : "", mo->text != NULL ? mo->text_len : 0);
    rc |= db_arr_bytea(&col[6], mo->raw != NULL ? mo->raw : "", mo->raw != NULL ? mo->raw_len : 0);
    db_arr_int(&col[7], mo->coding, mo->coding < 0);
    rc |= db_arr_str(&col[8], db_opt(mo->charset));
    rc |= db_arr_str(&col[9], db_opt(mo->meta));
    db_arr_int(&col[10], mo->sent_at, mo->sent_at == 0);
    rc |= db_arr_str(&col[11], mo->intent);
    rc |= db_arr_str(&col[12], mo->reply);
    db_arr_int(&col[13], mo->reply_coding, 0);
    rc |= db_arr_str(&col[14], r->ticket);
    /* Message ids start at 1; NULL makes the ticket this message's. */
    db_arr_int(&col[15], r->ticket_of, r->ticket_of <= 0);
    rc |= db_arr_str(&col[16], r->ticket != NULL ? r->ticket_body : NULL);
    rc |= db_arr_str(&col[17], r->lookup);
    rc |= db_arr_str(&col[18], r->lookup != NULL ? r->query : NULL);
    db_arr_int(&col[19], mo->received_us, mo->received_us == 0);
    rc |= db_arr_str(&col[20], r->ticket != NULL ? r->ticket_category : NULL);
    rc |= db_arr_str(&col[21], r->ticket != NULL ? r->receipt : NULL);
    db_arr_int(&col[22], r->receipt_coding, r->ticket == NULL || r->receipt == NULL);
    mo_keys(mo, &body_key, &reply_key);
    db_arr_int(&col[23], body_key, 0);
    db_arr_int(&col[24], reply_key, 0);
    return rc;
}

int
db_messages_insert(struct db *db, struct db_mo_row *rows, size_t n, const char *status)
{
    struct db_arr col[MANY_COLUMNS];
    const char *values[MANY_COLUMNS + 1];
    int lengths[MANY_COLUMNS + 1] = {0}, formats[MANY_COLUMNS + 1] = {0};
    PGresult *res = NULL;
    int64_t id;
    int rc = -1, i;
    size_t k;

    memset(col, 0, sizeof(col));
    for (i = 0; i < MANY_COLUMNS; i++)
        db_arr_start(&col[i], many_types[i]);
    for (k = 0; k < n; k++) {
        rows[k].id = 0;
        if (many_add(col, &rows[k]) < 0) {
            db_log_error(q_insert_many.name, "NUL byte in a text, or a message too large");
            goto done;
        }
    }
    for (i = 0; i < MANY_COLUMNS; i++) {
        db_arr_end(&col[i]);
        db_arr_param(&col[i], i, values, lengths, formats);
    }
    values[MANY_COLUMNS] = status;
    if ((res = db_exec(db, &q_insert_many, values, lengths, formats)) == NULL)
        goto done;
    rc = 0;
    /* A batch holds a few dozen messages: matching each row returned
     * against all of them is cheaper than anything cleverer. */
    for (i = 0; i < PQntuples(res); i++) {
        const char *kid = PQgetvalue(res, i, 0);

        if (db_parse_i64(PQgetvalue(res, i, 1), &id, q_insert_many.name) < 0) {
            rc = -1;
            break;
        }
        for (k = 0; k < n; k++) {
            if (strcmp(rows[k].mo->kannel_id, kid) == 0) {
                rows[k].id = id;
                rc++;
                break;
            }
        }
    }
    if (rc < 0)
        for (k = 0; k < n; k++)
            rows[k].id = 0;

done:
    PQclear(res);
    for (i = 0; i < MANY_COLUMNS; i++)
        free(col[i].buf);
    return rc;
}

int
db_message_replies(struct db *db, const char *const *kannel_ids, size_t n, char **replies,
                   int *codings)
{
    PGresult *res;
    int64_t v;
    size_t k, found = 0;
    int i, rc = 0;

    for (k = 0; k < n; k++)
        replies[k] = NULL;
    if ((res = db_exec_keys(db, &q_replies, kannel_ids, n, "a kannel_id")) == NULL)
        return -1;
    for (i = 0; i < PQntuples(res) && rc == 0; i++) {
        const char *kid = PQgetvalue(res, i, 0);

        if (db_parse_i64(PQgetvalue(res, i, 2), &v, q_replies.name) < 0) {
            rc = -1;
            break;
        }
        for (k = 0; k < n; k++) {
            if (replies[k] == NULL && strcmp(kannel_ids[k], kid) == 0) {
                replies[k] = xstrdup(PQgetvalue(res, i, 1));
                codings[k] = (int)v;
                found++;
            }
        }
    }
    PQclear(res);
    if (rc == 0 && found != n) {
        /* Only possible if a row was deleted in between. */
        db_log_error(q_replies.name, "duplicate message vanished before its reply was read");
        rc = -1;
    }
    if (rc < 0) {
        for (k = 0; k < n; k++) {
            free(replies[k]);
            replies[k] = NULL;
        }
    }
    return rc;
}

/* FNV-1a, 64 bits */
#define KEY_BASIS UINT64_C(14695981039346656037)
#define KEY_PRIME UINT64_C(1099511628211)

/* Walks s as db_text_norm() normalises it: each byte of the result into
 * out (when not NULL) and into the hash *h. */
static size_t
text_norm_walk(const char *s, size_t len, char *out, uint64_t *h)
{
    size_t n = 0;
    int space = 0;

    for (size_t i = 0; i < len; i++) {
        char ch = s[i];

        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
            space = n > 0;
            continue;
        }
        if (space) {
            if (out != NULL)
                out[n] = ' ';
            *h = (*h ^ (unsigned char)' ') * KEY_PRIME;
            n++;
        }
        space = 0;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if (out != NULL)
            out[n] = ch;
        *h = (*h ^ (unsigned char)ch) * KEY_PRIME;
        n++;
    }
    return n;
}

char *
db_text_norm(const char *s, size_t len, char *out)
{
    uint64_t h = KEY_BASIS;

    out[text_norm_walk(s, len, out, &h)] = '\0';
    return out;
}

int64_t
db_text_key(const char *s, size_t len)
{
    uint64_t h = KEY_BASIS;

    text_norm_walk(s, len, NULL, &h);
    /* The same bits as a bigint: the conversion of a value above
     * INT64_MAX is implementation-defined, this is not. */
    return h <= (uint64_t)INT64_MAX ? (int64_t)h : -(int64_t)(UINT64_MAX - h) - 1;
}

/* A count of q_ahead: a non-negative int. */
static int
ahead_count(const char *s, int *out)
{
    int64_t v;

    if (db_parse_i64(s, &v, q_ahead.name) < 0)
        return -1;
    if (v < 0 || v > INT_MAX) {
        db_log_error(q_ahead.name, "count out of range");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* Stores one row of q_ahead in a.  Returns 0 or -1. */
static int
ahead_row(struct db_ahead *a, const PGresult *res, int i, int *nseqs)
{
    const char *kind = PQgetvalue(res, i, 0), *key = PQgetvalue(res, i, 1);
    int64_t n;
    size_t k;

    switch (kind[0]) {
    case '0':
        for (k = 0; k < a->nmsisdns; k++)
            if (strcmp(a->msisdns[k], key) == 0 &&
                db_copy(a->langs[k], sizeof(a->langs[k]), PQgetvalue(res, i, 2), q_ahead.name) < 0)
                return -1;
        return 0;
    case '1':
        if (*nseqs >= a->nseqs) {
            db_log_error(q_ahead.name, "more ticket numbers than asked for");
            return -1;
        }
        return db_parse_i64(key, &a->seqs[(*nseqs)++], q_ahead.name);
    case '5':
        if (db_parse_i64(key, &a->content_version, q_ahead.name) < 0)
            return -1;
        a->has_content_version = 1;
        return 0;
    case '3':
        for (k = 0; k < a->nsenders; k++) {
            struct db_sender_counts *c = &a->counts[k];

            if (strcmp(a->senders[k], key) == 0 &&
                (ahead_count(PQgetvalue(res, i, 2), &c->tickets) < 0 ||
                 ahead_count(PQgetvalue(res, i, 3), &c->replies) < 0 ||
                 ahead_count(PQgetvalue(res, i, 4), &c->notice_hour) < 0))
                return -1;
        }
        return 0;
    case '4':
        /* The ordinality of the text: 1 to ntexts. */
        if (db_parse_i64(key, &n, q_ahead.name) < 0)
            return -1;
        if (n < 1 || (uint64_t)n > a->ntexts) {
            db_log_error(q_ahead.name, "text out of range");
            return -1;
        }
        if (ahead_count(PQgetvalue(res, i, 2), &a->repeats[n - 1]) < 0 ||
            ahead_count(PQgetvalue(res, i, 3), &a->echoes[n - 1]) < 0)
            return -1;
        return 0;
    default:
        for (k = 0; k < a->ncodes; k++) {
            struct db_ticket_brief *t = &a->tickets[k];

            if (strcmp(a->codes[k], key) != 0)
                continue;
            if (db_copy(t->code, sizeof(t->code), key, q_ahead.name) < 0 ||
                db_copy(t->status, sizeof(t->status), PQgetvalue(res, i, 2), q_ahead.name) < 0 ||
                db_copy(t->updated, sizeof(t->updated), PQgetvalue(res, i, 3), q_ahead.name) < 0)
                return -1;
            a->found[k] = 1;
        }
        return 0;
    }
}

/* Builds q_ahead for a into s (the outputs of a cleared).  Returns 0, or
 * -1 after logging. */
static int
ahead_stmt(struct db_ahead *a, struct db_stmt *s)
{
    /* The array literals: numbers, codes, ticket numbers, senders, notices,
     * the numbers and texts of SMS, the keys of those texts. */
    struct db_arr *msisdns = &s->arr[0], *codes = &s->arr[1], *seqs = &s->arr[2],
                  *senders = &s->arr[3], *notices = &s->arr[4], *tmsisdns = &s->arr[5],
                  *texts = &s->arr[6], *keys = &s->arr[7];
    size_t k;

    static const enum db_elem types[8] = {DB_TEXT, DB_BPCHAR, DB_INT4, DB_TEXT,
                                          DB_TEXT, DB_TEXT,   DB_TEXT, DB_INT8};

    s->q = &q_ahead;
    for (int i = 0; i < 8; i++)
        db_arr_start(&s->arr[i], types[i]);
    a->has_content_version = 0;
    for (k = 0; k < a->nmsisdns; k++) {
        a->langs[k][0] = '\0';
        if (db_arr_str(msisdns, a->msisdns[k]) < 0)
            goto bad;
    }
    for (k = 0; k < a->ncodes; k++) {
        memset(&a->tickets[k], 0, sizeof(a->tickets[k]));
        a->found[k] = 0;
        if (db_arr_str(codes, a->codes[k]) < 0)
            goto bad;
    }
    for (k = 0; k < a->nsenders; k++) {
        memset(&a->counts[k], 0, sizeof(a->counts[k]));
        if ((a->tickets_cap > 0 || a->replies_cap > 0) && db_arr_str(senders, a->senders[k]) < 0)
            goto bad;
    }
    for (k = 0; k < a->nnotices; k++)
        if (db_arr_str(notices, a->notices[k]) < 0)
            goto bad;
    for (k = 0; k < a->ntexts; k++) {
        a->repeats[k] = 0;
        a->echoes[k] = 0;
        if (a->loop_window <= 0)
            continue;
        if (db_arr_str(tmsisdns, a->text_msisdns[k]) < 0 || db_arr_str(texts, a->texts[k]) < 0)
            goto bad;
        db_arr_int(keys, db_text_key(a->texts[k], strlen(a->texts[k])), 0);
    }
    if (a->nseqs < 0 || a->nseqs > DB_AHEAD_SEQS_MAX) {
        db_log_error(q_ahead.name, "count of ticket numbers out of range");
        return -1;
    }
    for (int i = 1; i <= a->nseqs; i++)
        db_arr_int(seqs, i, 0);
    for (int i = 0; i < 8; i++)
        db_arr_end(&s->arr[i]);
    snprintf(s->num[0], sizeof(s->num[0]), "%d", a->tickets_cap > 0 ? a->tickets_cap : 0);
    snprintf(s->num[1], sizeof(s->num[1]), "%d", a->replies_cap > 0 ? a->replies_cap : 0);
    snprintf(s->num[2], sizeof(s->num[2]), "%d", a->loop_window > 0 ? a->loop_window : 0);
    snprintf(s->num[3], sizeof(s->num[3]), "%d", a->loop_cap > 0 ? a->loop_cap : 0);
    db_stmt_arr(s, 0, msisdns);
    db_stmt_arr(s, 1, seqs);
    db_stmt_arr(s, 2, codes);
    s->v[3] = a->tz != NULL ? a->tz : "UTC";
    db_stmt_arr(s, 4, senders);
    s->v[5] = s->num[0];
    s->v[6] = s->num[1];
    db_stmt_arr(s, 7, notices);
    db_stmt_arr(s, 8, tmsisdns);
    db_stmt_arr(s, 9, texts);
    s->v[10] = s->num[2];
    s->v[11] = s->num[3];
    db_stmt_arr(s, 12, keys);
    return 0;
bad:
    db_log_error(q_ahead.name, "NUL byte in a number, code or text");
    return -1;
}

/* Stores q_ahead's result in a.  Returns 0 or -1. */
static int
ahead_read(struct db_ahead *a, const PGresult *res)
{
    int got = 0;

    for (int i = 0; i < PQntuples(res); i++)
        if (ahead_row(a, res, i, &got) < 0)
            return -1;
    if (got != a->nseqs) {
        db_log_error(q_ahead.name, "fewer ticket numbers than asked for");
        return -1;
    }
    return 0;
}

int
db_messages_ahead(struct db *db, struct db_ahead *a)
{
    return db_batch_ahead(db, a, NULL);
}

int
db_batch_ahead(struct db *db, struct db_ahead *a, struct db_ussd_ahead *u)
{
    struct db_stmt st[3] = {{0}};
    const struct db_stmt *run[3];
    PGresult *res[3] = {NULL};
    size_t n = 0, k;
    int rc = -1, get = -1, drop = -1;

    if (ahead_stmt(a, &st[0]) < 0)
        goto done;
    run[n++] = &st[0];
    if (u != NULL && u->n > 0) {
        if (db_ussd_get_many_stmt(u->ids, u->n, u->found, &st[n]) < 0)
            goto done;
        get = (int)n;
        run[n] = &st[n];
        n++;
    }
    if (u != NULL && u->ndropped > 0) {
        if (db_ussd_dropped_many_stmt(u->dropped_msisdns, u->dropped_ids, u->ndropped, u->window,
                                      u->dropped, &st[n]) < 0)
            goto done;
        drop = (int)n;
        run[n] = &st[n];
        n++;
    }
    if (db_exec_many(db, run, n, res) < 0 || ahead_read(a, res[0]) < 0 ||
        (get >= 0 && db_ussd_get_many_read(res[get], u->n, u->rows, u->found) < 0) ||
        (drop >= 0 && db_ussd_dropped_many_read(res[drop], u->ndropped, u->dropped) < 0))
        goto done;
    rc = 0;
done:
    for (k = 0; k < 3; k++) {
        PQclear(res[k]);
        db_stmt_free(&st[k]);
    }
    return rc;
}
