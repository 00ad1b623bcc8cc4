/*
 * Schema migrations.
 *
 * The files db/migrations/NNN_name.sql are compiled into the binary by
 * db/embed-migrations.sh, so aspirasictl and aspirasid always agree on the
 * schema they expect.  db_migrate() applies each one newer than the highest
 * version recorded in schema_migrations, inside one transaction together
 * with the row that records it: a migration is applied entirely or not at
 * all.  A session-level advisory lock makes concurrent migrators (two
 * operators, or a deploy script on several hosts) wait for each other
 * instead of racing to apply the same file.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "db/db.h"
#include "db/internal.h"

/* The advisory lock key of migrations: "ASPI" in ASCII. */
#define DB_MIGRATE_LOCK "1095979081"

static const struct db_query q_table_exists = {
    DB_UNPREPARED, "schema_exists", "SELECT to_regclass('schema_migrations') IS NOT NULL", 0};

static const struct db_query q_max_version = {
    DB_UNPREPARED, "schema_version", "SELECT coalesce(max(version), 0) FROM schema_migrations", 0};

static const struct db_query q_record = {
    DB_UNPREPARED, "schema_record", "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
    2};

static const struct db_query q_ticket_key = {DB_UNPREPARED, "ticket_key",
                                             "SELECT value FROM settings WHERE name = $1", 1};

int
db_schema_latest(void)
{
    int latest = 0;

    for (size_t i = 0; i < db_migrations_count; i++)
        if (db_migrations[i].version > latest)
            latest = db_migrations[i].version;
    return latest;
}

/* Reads the highest applied version, 0 when schema_migrations is missing or
 * empty.  Returns 0 or -1. */
static int
db_read_version(struct db *db, int *have)
{
    PGresult *res;
    int64_t v;
    int exists;

    if ((res = db_exec(db, &q_table_exists, NULL, NULL, NULL)) == NULL)
        return -1;
    exists = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    if (!exists) {
        *have = 0;
        return 0;
    }
    if ((res = db_exec(db, &q_max_version, NULL, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) != 1 || db_parse_i64(PQgetvalue(res, 0, 0), &v, q_max_version.name) < 0) {
        PQclear(res);
        return -1;
    }
    PQclear(res);
    if (v < 0 || v > INT32_MAX) {
        db_log_error(q_max_version.name, "schema version out of range");
        return -1;
    }
    *have = (int)v;
    return 0;
}

int
db_schema_version(struct db *db, int *have)
{
    return db_read_version(db, have);
}

/* Applies one migration in its own transaction.  Returns 0 or -1. */
static int
db_apply(struct db *db, const struct db_migration *m)
{
    char version[16], query[96];
    const char *values[2];
    PGresult *res;

    snprintf(version, sizeof(version), "%d", m->version);
    snprintf(query, sizeof(query), "migration_%s", m->name);
    values[0] = version;
    values[1] = m->name;

    if (db_begin(db) < 0)
        return -1;
    /* The simple protocol runs every statement of the file in turn. */
    if (db_command(db, query, m->sql) < 0)
        goto fail;
    if ((res = db_exec(db, &q_record, values, NULL, NULL)) == NULL)
        goto fail;
    PQclear(res);
    if (db_commit(db) < 0)
        return -1;
    return 0;
fail:
    db_rollback(db);
    return -1;
}

int
db_migrate(struct db *db, FILE *out)
{
    int have, applied = 0;

    if (db_command(db, "migrate_lock", "SELECT pg_advisory_lock(" DB_MIGRATE_LOCK ")") < 0)
        return -1;
    /* Everything below runs under the lock, including the check for the
     * table, so two first migrations cannot both create it. */
    if (db_read_version(db, &have) < 0)
        goto fail;
    if (have == 0 && db_command(db, "schema_create",
                                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                " version integer PRIMARY KEY,"
                                " name text NOT NULL,"
                                " applied_at timestamptz NOT NULL DEFAULT now())") < 0)
        goto fail;
    for (size_t i = 0; i < db_migrations_count; i++) {
        const struct db_migration *m = &db_migrations[i];

        if (m->version <= have)
            continue;
        if (db_apply(db, m) < 0)
            goto fail;
        fprintf(out, "applied %s\n", m->name);
        fflush(out);
        applied++;
    }
    if (db_command(db, "migrate_unlock", "SELECT pg_advisory_unlock(" DB_MIGRATE_LOCK ")") < 0)
        return -1;
    return applied;
fail:
    /* Best effort: the lock also goes away with the session. */
    db_command(db, "migrate_unlock", "SELECT pg_advisory_unlock(" DB_MIGRATE_LOCK ")");
    return -1;
}

int
db_ticket_key(struct db *db, uint64_t *key)
{
    const char *values[1] = {"ticket_key"};
    unsigned long long v;
    PGresult *res;
    const char *s;
    char *end;

    if ((res = db_exec(db, &q_ticket_key, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) != 1) {
        PQclear(res);
        db_log_error(q_ticket_key.name, "no ticket_key in settings; is the database migrated?");
        return -1;
    }
    /* Digits only: strtoull alone would accept spaces, a sign, or wrap a
     * negative number around. */
    s = PQgetvalue(res, 0, 0);
    if (s[0] < '0' || s[0] > '9')
        goto bad;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (*end != '\0' || errno != 0)
        goto bad;
    PQclear(res);
    *key = (uint64_t)v;
    return 0;
bad:
    PQclear(res);
    db_log_error(q_ticket_key.name, "ticket_key in settings is not a decimal integer");
    return -1;
}
