/*
 * Staff accounts of the JSON API and the audit log.
 *
 * Tokens never reach this file: only the first 8 hex digits (the lookup
 * key) and the SHA-256 of the whole token.  The hash is passed and read in
 * binary, so that gateway/api.c compares it with CRYPTO_memcmp().
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "db/db.h"
#include "db/internal.h"

static const struct db_query q_add = {
    DB_SLOT_STAFF_ADD, "staff_add",
    "INSERT INTO staff (name, role, token_prefix, token_hash, created_by)"
    " VALUES ($1::text, $2::text, $3::text, $4::bytea, $5::text)"
    " ON CONFLICT (name) DO NOTHING RETURNING id",
    5};

static const struct db_query q_set_token = {
    DB_SLOT_STAFF_SET_TOKEN, "staff_set_token",
    "UPDATE staff SET token_prefix = $2::text, token_hash = $3::bytea, token_at = now(),"
    " revoked_at = NULL WHERE name = $1::text RETURNING id",
    3};

static const struct db_query q_revoke = {
    DB_SLOT_STAFF_REVOKE, "staff_revoke",
    "UPDATE staff SET revoked_at = now() WHERE name = $1::text AND revoked_at IS NULL"
    " RETURNING id",
    1};

static const struct db_query q_set_role = {
    DB_SLOT_STAFF_SET_ROLE, "staff_set_role",
    "UPDATE staff SET role = $2::text WHERE name = $1::text RETURNING id", 2};

static const struct db_query q_by_prefix = {
    DB_SLOT_STAFF_BY_PREFIX, "staff_by_prefix",
    "SELECT id, name, role, token_hash, revoked_at IS NOT NULL FROM staff"
    " WHERE token_prefix = $1::text",
    1};

static const struct db_query q_touch = {
    DB_SLOT_STAFF_TOUCH, "staff_touch",
    "UPDATE staff SET last_used_at = now() WHERE id = $1::bigint"
    " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
    1};

/* Times as ISO 8601 with the offset of the session's zone. */
#define ISO_TIME "'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM'"

static const struct db_query q_list = {
    DB_SLOT_STAFF_LIST, "staff_list",
    "SELECT id, name, role, revoked_at IS NOT NULL, to_char(created_at, " ISO_TIME "),"
    " coalesce(to_char(last_used_at, " ISO_TIME "), '') FROM staff ORDER BY name",
    0};

static const struct db_query q_audit_add = {
    DB_SLOT_AUDIT_ADD, "audit_add",
    "INSERT INTO audit_log (actor, method, path, status, detail)"
    " VALUES ($1::text, $2::text, $3::text, $4::smallint, $5::jsonb)",
    5};

#define AUDIT_SELECT                                                                               \
    "SELECT id, to_char(at, " ISO_TIME "), actor, method, path, status, detail::text"              \
    " FROM audit_log"

static const struct db_query q_audit_list = {DB_SLOT_AUDIT_LIST, "audit_list",
                                             AUDIT_SELECT " ORDER BY id DESC LIMIT $1::int", 1};

static const struct db_query q_audit_list_actor = {
    DB_SLOT_AUDIT_LIST_ACTOR, "audit_list_actor",
    AUDIT_SELECT " WHERE actor = $2::text ORDER BY id DESC LIMIT $1::int", 2};

/* Runs q, which returns the affected id: 1 when a row came back, else 0. */
static int
staff_change(struct db *db, const struct db_query *q, const char *const *values, const int *lengths,
             const int *formats)
{
    PGresult *res = db_exec(db, q, values, lengths, formats);
    int n;

    if (res == NULL)
        return -1;
    n = PQntuples(res) > 0;
    PQclear(res);
    return n;
}

int
db_staff_add(struct db *db, const char *name, const char *role, const char *prefix,
             const unsigned char hash[32], const char *actor)
{
    const char *values[5] = {name, role, prefix, (const char *)hash, actor};
    const int lengths[5] = {0, 0, 0, 32, 0}, formats[5] = {0, 0, 0, 1, 0};

    return staff_change(db, &q_add, values, lengths, formats);
}

int
db_staff_set_token(struct db *db, const char *name, const char *prefix,
                   const unsigned char hash[32])
{
    const char *values[3] = {name, prefix, (const char *)hash};
    const int lengths[3] = {0, 0, 32}, formats[3] = {0, 0, 1};

    return staff_change(db, &q_set_token, values, lengths, formats);
}

int
db_staff_revoke(struct db *db, const char *name)
{
    const char *values[1] = {name};

    return staff_change(db, &q_revoke, values, NULL, NULL);
}

int
db_staff_set_role(struct db *db, const char *name, const char *role)
{
    const char *values[2] = {name, role};

    return staff_change(db, &q_set_role, values, NULL, NULL);
}

/* Decodes PostgreSQL's hex output of a bytea ("\x0a1b...") of 32 bytes. */
static int
staff_hash(const char *s, unsigned char out[32])
{
    if (strncmp(s, "\\x", 2) != 0 || strlen(s) != 2 + 64)
        return -1;
    for (int i = 0; i < 32; i++) {
        unsigned int byte;

        if (sscanf(s + 2 + 2 * i, "%2x", &byte) != 1)
            return -1;
        out[i] = (unsigned char)byte;
    }
    return 0;
}

int
db_staff_by_prefix(struct db *db, const char *prefix, struct db_staff *out)
{
    const char *values[1] = {prefix};
    PGresult *res;
    int rc = 0;

    memset(out, 0, sizeof(*out));
    if ((res = db_exec(db, &q_by_prefix, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) == 1) {
        rc = 1;
        if (db_parse_i64(PQgetvalue(res, 0, 0), &out->id, q_by_prefix.name) < 0 ||
            db_copy(out->name, sizeof(out->name), PQgetvalue(res, 0, 1), q_by_prefix.name) < 0 ||
            db_copy(out->role, sizeof(out->role), PQgetvalue(res, 0, 2), q_by_prefix.name) < 0)
            rc = -1;
        else if (staff_hash(PQgetvalue(res, 0, 3), out->hash) < 0) {
            db_log_error(q_by_prefix.name, "token hash is not 32 bytes");
            rc = -1;
        }
        out->revoked = PQgetvalue(res, 0, 4)[0] == 't';
    }
    PQclear(res);
    return rc;
}

int
db_staff_touch(struct db *db, int64_t id)
{
    char sid[24];
    const char *values[1] = {sid};
    PGresult *res;

    snprintf(sid, sizeof(sid), "%" PRId64, id);
    if ((res = db_exec(db, &q_touch, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}

int
db_staff_list(struct db *db, void (*cb)(void *ctx, const struct db_staff *s), void *ctx)
{
    PGresult *res;
    int n;

    if ((res = db_exec(db, &q_list, NULL, NULL, NULL)) == NULL)
        return -1;
    n = PQntuples(res);
    for (int i = 0; i < n; i++) {
        struct db_staff s;

        memset(&s, 0, sizeof(s));
        if (db_parse_i64(PQgetvalue(res, i, 0), &s.id, q_list.name) < 0 ||
            db_copy(s.name, sizeof(s.name), PQgetvalue(res, i, 1), q_list.name) < 0 ||
            db_copy(s.role, sizeof(s.role), PQgetvalue(res, i, 2), q_list.name) < 0 ||
            db_copy(s.created, sizeof(s.created), PQgetvalue(res, i, 4), q_list.name) < 0 ||
            db_copy(s.last_used, sizeof(s.last_used), PQgetvalue(res, i, 5), q_list.name) < 0) {
            PQclear(res);
            return -1;
        }
        s.revoked = PQgetvalue(res, i, 3)[0] == 't';
        cb(ctx, &s);
    }
    PQclear(res);
    return n;
}

static const struct db_query q_local_timezone = {
    DB_SLOT_LOCAL_TIMEZONE, "local_timezone", "SELECT set_config('TimeZone', $1::text, true)", 1};

int
db_local_timezone(struct db *db, const char *tz)
{
    const char *values[1] = {tz};
    PGresult *res;

    if ((res = db_exec(db, &q_local_timezone, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}

int
db_audit(struct db *db, const char *actor, const char *method, const char *path, int status,
         const char *detail)
{
    char st[16];
    const char *values[5] = {actor, method, path, st, detail};
    PGresult *res;

    snprintf(st, sizeof(st), "%d", status);
    if ((res = db_exec(db, &q_audit_add, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}

int
db_audit_list(struct db *db, const char *actor, int limit,
              void (*cb)(void *ctx, const struct db_audit_row *r), void *ctx)
{
    char lim[16];
    const char *values[2] = {lim, actor};
    PGresult *res;
    int n;

    snprintf(lim, sizeof(lim), "%d", limit);
    res = db_exec(db, actor != NULL ? &q_audit_list_actor : &q_audit_list, values, NULL, NULL);
    if (res == NULL)
        return -1;
    n = PQntuples(res);
    for (int i = 0; i < n; i++) {
        struct db_audit_row r;

        memset(&r, 0, sizeof(r));
        if (db_parse_i64(PQgetvalue(res, i, 0), &r.id, "audit_list") < 0 ||
            db_copy(r.at, sizeof(r.at), PQgetvalue(res, i, 1), "audit_list") < 0) {
            PQclear(res);
            return -1;
        }
        r.actor = PQgetvalue(res, i, 2);
        r.method = PQgetvalue(res, i, 3);
        r.path = PQgetvalue(res, i, 4);
        r.status = atoi(PQgetvalue(res, i, 5));
        r.detail = PQgetvalue(res, i, 6);
        cb(ctx, &r);
    }
    PQclear(res);
    return n;
}
