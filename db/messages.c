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
    " charset, meta, sent_at, intent, reply, reply_coding)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, to_timestamp($11::bigint), $12, $13, $14)"
    " ON CONFLICT (kannel_id) DO NOTHING RETURNING id",
    14};

static const struct db_query q_reply = {
    DB_SLOT_MESSAGE_REPLY, "message_reply",
    "SELECT reply, reply_coding FROM messages WHERE kannel_id = $1", 1};

/* An optional text parameter: NULL stands for "". */
static const char *
db_opt(const char *s)
{
    return s != NULL ? s : "";
}

int
db_message_insert(struct db *db, const struct db_mo *mo, int64_t *id, char **reply,
                  int *reply_coding)
{
    char coding[16], sent_at[24], rcoding[16];
    const char *values[14];
    int lengths[14] = {0}, formats[14] = {0};
    const char *kid[1];
    PGresult *res;
    int64_t v;

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
