/*
 * Connections, transactions and the query helper of db/.
 *
 * A struct db wraps one PGconn and remembers which statements it has
 * prepared.  Statements are prepared lazily, the first time each runs on a
 * connection, so a connection that only ever runs the MO path prepares only
 * the MO statements, and a reset connection (db_ensure) simply prepares
 * again.  Every failure is logged once here, as event=db_error with the name
 * of the query and PostgreSQL's primary message (never its detail, which may
 * quote a phone number or a message); callers only see -1.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/internal.h"

#define DB_REASON_MAX 256 /* bytes of an error message kept in a log line */

/*
 * Copies a PostgreSQL message into buf as one log-safe line: control
 * characters become spaces, double quotes and backslashes become single
 * quotes and slashes (the log line puts the reason in double quotes), and
 * trailing spaces are dropped.
 */
static void
db_reason_clean(char *buf, size_t size, const char *msg)
{
    size_t n = 0;

    if (msg == NULL)
        msg = "unknown error";
    for (; *msg != '\0' && n + 1 < size; msg++) {
        unsigned char c = (unsigned char)*msg;

        if (c < 0x20 || c == 0x7f)
            c = ' ';
        else if (c == '"')
            c = '\'';
        else if (c == '\\')
            c = '/';
        buf[n++] = (char)c;
    }
    while (n > 0 && buf[n - 1] == ' ')
        n--;
    buf[n] = '\0';
}

void
db_log_error(const char *name, const char *reason)
{
    char clean[DB_REASON_MAX];

    db_reason_clean(clean, sizeof(clean), reason);
    log_warnx("event=db_error query=%s reason=\"%s\"", name, clean);
}

/* Logs a failed result: its SQLSTATE when there is one, and its primary
 * message, or the connection's message when the result has none (a lost
 * connection, or no result at all). */
static void
db_log_result(struct db *db, const char *name, const PGresult *res)
{
    char clean[DB_REASON_MAX];
    const char *msg = NULL, *state = NULL;

    if (res != NULL) {
        msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
        state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    }
    if (msg == NULL)
        msg = PQerrorMessage(db->conn);
    db_reason_clean(clean, sizeof(clean), msg);
    if (state != NULL)
        log_warnx("event=db_error query=%s reason=\"%s\" sqlstate=%s", name, clean, state);
    else
        log_warnx("event=db_error query=%s reason=\"%s\"", name, clean);
}

/* True when a result is one of the successful kinds. */
static int
db_result_ok(const PGresult *res)
{
    switch (PQresultStatus(res)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
        return 1;
    default:
        return 0;
    }
}

/* Prepares q on db's connection unless it is already.  Returns 0 or -1
 * (logged). */
static int
db_prepare(struct db *db, const struct db_query *q)
{
    PGresult *res;

    if (q->slot == DB_UNPREPARED || db->prepared[q->slot])
        return 0;
    /* The parameter types are left to the server, which infers them from
     * the columns and casts in the SQL. */
    res = PQprepare(db->conn, q->name, q->sql, q->nparams, NULL);
    if (res == NULL || PQresultStatus(res) != PGRES_COMMAND_OK) {
        db_log_result(db, q->name, res);
        PQclear(res);
        return -1;
    }
    PQclear(res);
    db->prepared[q->slot] = 1;
    return 0;
}

/* Queues q (and its preparation when due) in pipeline mode.  Returns 1 when
 * queued. */
static int
db_send(struct db *db, const struct db_query *q, const char *const *values, const int *lengths,
        const int *formats)
{
    if (q->slot == DB_UNPREPARED)
        return PQsendQueryParams(db->conn, q->sql, q->nparams, NULL, values, lengths, formats, 0);
    if (!db->prepared[q->slot] && PQsendPrepare(db->conn, q->name, q->sql, q->nparams, NULL) != 1)
        return 0;
    return PQsendQueryPrepared(db->conn, q->name, q->nparams, values, lengths, formats, 0);
}

/* The next result of a pipeline and the NULL that ends it: NULL when the
 * connection has nothing more to give. */
static PGresult *
db_pipeline_result(PGconn *conn)
{
    PGresult *res = PQgetResult(conn), *end;

    if (res != NULL && PQresultStatus(res) != PGRES_PIPELINE_SYNC)
        while ((end = PQgetResult(conn)) != NULL)
            PQclear(end);
    return res;
}

void
db_stmt_free(struct db_stmt *s)
{
    for (int i = 0; i < DB_STMT_ARRAYS; i++) {
        free(s->arr[i].buf);
        s->arr[i] = (struct db_arr){0};
    }
}

/* The most statements db_exec_many() sends at once. */
#define DB_PIPE_MAX 8

/* Reads the next result of a pipeline into *res.  Returns 1 when it
 * succeeded (PGRES_COMMAND_OK for a BEGIN or a preparation, command; else
 * as db_result_ok()), else 0 after logging the pipeline's first failure
 * (*failed): the results after it only say that they did not run. */
static int
db_pipe_next(struct db *db, const char *name, int command, PGresult **res, int *failed)
{
    *res = db_pipeline_result(db->conn);
    if (*res != NULL && (command ? PQresultStatus(*res) == PGRES_COMMAND_OK : db_result_ok(*res)))
        return 1;
    if (!*failed)
        db_log_result(db, name, *res);
    *failed = 1;
    return 0;
}

int
db_exec_many(struct db *db, const struct db_stmt *const *st, size_t n, PGresult **res)
{
    PGconn *conn = db->conn;
    int begin = db->begin_pending, prepare[DB_PIPE_MAX], sent = 1, failed = 0;
    PGresult *r;
    size_t k;

    for (k = 0; k < n; k++)
        res[k] = NULL;
    db->begin_pending = 0;
    if (n > DB_PIPE_MAX || PQenterPipelineMode(conn) != 1) {
        db_log_result(db, n > 0 ? st[0]->q->name : "pipeline", NULL);
        return -1;
    }
    if (begin)
        sent = PQsendQueryParams(conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0) == 1;
    for (k = 0; k < n && sent; k++) {
        prepare[k] = st[k]->q->slot != DB_UNPREPARED && !db->prepared[st[k]->q->slot];
        sent = db_send(db, st[k]->q, st[k]->values, st[k]->lengths, st[k]->formats) == 1;
    }
    if (sent && PQpipelineSync(conn) == 1) {
        if (begin) {
            db_pipe_next(db, "begin", 1, &r, &failed);
            PQclear(r);
        }
        for (k = 0; k < n; k++) {
            if (prepare[k]) {
                if (db_pipe_next(db, st[k]->q->name, 1, &r, &failed))
                    db->prepared[st[k]->q->slot] = 1;
                PQclear(r);
            }
            db_pipe_next(db, st[k]->q->name, 0, &res[k], &failed);
        }
        PQclear(db_pipeline_result(conn)); /* the Sync */
    } else {
        db_log_result(db, n > 0 ? st[0]->q->name : "pipeline", NULL);
        failed = 1;
    }
    PQexitPipelineMode(conn);
    if (failed)
        for (k = 0; k < n; k++) {
            PQclear(res[k]);
            res[k] = NULL;
        }
    return failed ? -1 : 0;
}

PGresult *
db_exec(struct db *db, const struct db_query *q, const char *const *values, const int *lengths,
        const int *formats)
{
    PGresult *res;

    if (db->begin_pending) {
        /* The first statement of a transaction goes to the server
         * together with its BEGIN, in one round trip. */
        struct db_stmt st = {.q = q, .values = values, .lengths = lengths, .formats = formats};
        const struct db_stmt *one = &st;

        return db_exec_many(db, &one, 1, &res) == 0 ? res : NULL;
    }
    if (db_prepare(db, q) < 0)
        return NULL;
    if (q->slot == DB_UNPREPARED)
        res = PQexecParams(db->conn, q->sql, q->nparams, NULL, values, lengths, formats, 0);
    else
        res = PQexecPrepared(db->conn, q->name, q->nparams, values, lengths, formats, 0);
    if (res == NULL || !db_result_ok(res)) {
        db_log_result(db, q->name, res);
        PQclear(res);
        return NULL;
    }
    return res;
}

int
db_command(struct db *db, const char *name, const char *sql)
{
    PGresult *res;
    char *both = NULL;

    if (db->begin_pending) {
        /* A deferred BEGIN goes with the command, in one simple query. */
        db->begin_pending = 0;
        size_t len = strlen(sql) + sizeof("BEGIN; ");

        both = xmalloc(len);
        snprintf(both, len, "BEGIN; %s", sql);
        sql = both;
    }
    res = PQexec(db->conn, sql);
    free(both);
    if (res == NULL || !db_result_ok(res)) {
        db_log_result(db, name, res);
        PQclear(res);
        return -1;
    }
    PQclear(res);
    return 0;
}

int
db_copy(char *dst, size_t size, const char *src, const char *name)
{
    size_t len = strlen(src);

    if (len >= size) {
        db_log_error(name, "value longer than its buffer");
        dst[0] = '\0';
        return -1;
    }
    memcpy(dst, src, len + 1);
    return 0;
}

/* Server notices ("relation already exists, skipping") would otherwise be
 * printed raw on stderr by libpq; they go to the debug log instead. */
static void
db_notice(void *arg, const char *message)
{
    char clean[DB_REASON_MAX];

    (void)arg;
    if (!log_enabled(LOG_LEVEL_DEBUG))
        return;
    db_reason_clean(clean, sizeof(clean), message);
    log_debug("event=db_notice reason=\"%s\"", clean);
}

/*
 * The "options" of conninfo (or of PGOPTIONS when conninfo names none),
 * followed by extra; NULL when neither gives any.  Freed by the caller.
 */
static char *
db_options(const char *conninfo, const char *extra)
{
    PQconninfoOption *opts = PQconninfoParse(conninfo != NULL ? conninfo : "", NULL);
    const char *own = NULL;
    char *out = NULL;

    for (PQconninfoOption *o = opts; o != NULL && o->keyword != NULL; o++)
        if (strcmp(o->keyword, "options") == 0 && o->val != NULL)
            own = o->val;
    if (own == NULL)
        own = getenv("PGOPTIONS");
    if (own != NULL || extra != NULL) {
        size_t n = (own != NULL ? strlen(own) + 1 : 0) + (extra != NULL ? strlen(extra) : 0) + 1;

        out = xmalloc(n);
        snprintf(out, n, "%s%s%s", own != NULL ? own : "", own != NULL && extra != NULL ? " " : "",
                 extra != NULL ? extra : "");
    }
    PQconninfoFree(opts);
    return out;
}

static struct db *
db_connect_options(const char *conninfo, const char *extra)
{
    /* conninfo goes in as an expandable dbname, so both "key=value" strings
     * and postgresql:// URIs work, and "" leaves everything to the PG*
     * variables.  client_encoding is fixed: texts are sent and read as
     * UTF-8 whatever the database's default is.  Keywords after dbname
     * override what it says, so its own options are kept in ours. */
    static const char *const keys[] = {"dbname", "client_encoding", "fallback_application_name",
                                       "options", NULL};
    char *options = extra != NULL ? db_options(conninfo, extra) : NULL;
    const char *vals[] = {conninfo != NULL ? conninfo : "", "UTF8", "aspirasi", options, NULL};
    struct db *db;
    PGconn *conn;

    if (options == NULL)
        vals[3] = NULL; /* ends the list: keys[3] is not used */
    conn = PQconnectdbParams(keys, vals, 1);
    free(options);
    if (conn == NULL) {
        db_log_error("connect", "could not connect to database: out of memory");
        return NULL;
    }
    if (PQstatus(conn) != CONNECTION_OK) {
        char reason[DB_REASON_MAX];

        snprintf(reason, sizeof(reason), "could not connect to database: %s", PQerrorMessage(conn));
        db_log_error("connect", reason);
        PQfinish(conn);
        return NULL;
    }
    PQsetNoticeProcessor(conn, db_notice, NULL);
    db = xcalloc(1, sizeof(*db));
    db->conn = conn;
    return db;
}

/* Milliseconds between two tries to reconnect one connection. */
#define DB_RETRY_MS 250

struct db *
db_connect(const char *conninfo)
{
    return db_connect_options(conninfo, NULL);
}

struct db *
db_connect_generic(const char *conninfo)
{
    return db_connect_options(conninfo, "-c plan_cache_mode=force_generic_plan");
}

void
db_close(struct db *db)
{
    if (db == NULL)
        return;
    PQfinish(db->conn);
    free(db);
}

int
db_ensure(struct db *db)
{
    struct timespec now;
    int64_t ms;

    if (PQstatus(db->conn) == CONNECTION_OK && PQpipelineStatus(db->conn) == PQ_PIPELINE_OFF)
        return 0;
    /* While the server is away, each connection tries again at most every
     * DB_RETRY_MS (and logs each failed try): every request would
     * otherwise try, and log, on its own. */
    clock_gettime(CLOCK_MONOTONIC, &now);
    ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
    if (ms < db->retry_at)
        return -1;
    /* A new server session knows none of our prepared statements. */
    memset(db->prepared, 0, sizeof(db->prepared));
    db->begin_pending = 0;
    PQreset(db->conn);
    if (PQstatus(db->conn) != CONNECTION_OK) {
        char reason[DB_REASON_MAX];

        db->retry_at = ms + DB_RETRY_MS;
        snprintf(reason, sizeof(reason), "could not reconnect to database: %s",
                 PQerrorMessage(db->conn));
        db_log_error("reconnect", reason);
        return -1;
    }
    log_info("event=db_reconnected");
    return 0;
}

int
db_ping(struct db *db)
{
    if (db_ensure(db) < 0)
        return -1;
    if (db_command(db, "ping", "SELECT 1") == 0)
        return 0;
    /* libpq notices a dead server only when a query fails, so a connection
     * that looked fine may have been broken by a server restart: reset it
     * and ask once more before reporting the server down. */
    if (PQstatus(db->conn) == CONNECTION_OK || db_ensure(db) < 0)
        return -1;
    return db_command(db, "ping", "SELECT 1");
}

/*
 * Transaction control uses the simple protocol: these commands have no
 * parameters, and ROLLBACK must work even in a failed transaction.  The one
 * savepoint name makes a batch of MOs share one commit while a failure of one
 * of them undoes only its own work.
 *
 * BEGIN is not sent on its own: it waits for the transaction's first
 * statement and goes with it (db_exec(), db_command()), which saves a round
 * trip per transaction.  A transaction that ran nothing has nothing to
 * commit or roll back.
 */
int
db_begin(struct db *db)
{
    db->begin_pending = 1;
    return 0;
}

int
db_commit(struct db *db)
{
    PGresult *res;

    if (db->begin_pending) {
        db->begin_pending = 0;
        return 0;
    }
    res = PQexec(db->conn, "COMMIT");
    /* COMMIT of a failed transaction answers COMMAND_OK with the tag
     * "ROLLBACK": that is a failure for the caller, who believed its rows
     * were stored. */
    if (res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK &&
        strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
        PQclear(res);
        db_log_error("commit", "transaction was aborted and rolled back");
        return -1;
    }
    if (res == NULL || !db_result_ok(res)) {
        db_log_result(db, "commit", res);
        PQclear(res);
        return -1;
    }
    PQclear(res);
    return 0;
}

int
db_rollback(struct db *db)
{
    if (db->begin_pending) {
        db->begin_pending = 0;
        return 0;
    }
    return db_command(db, "rollback", "ROLLBACK");
}

int
db_savepoint(struct db *db)
{
    return db_command(db, "savepoint", "SAVEPOINT aspirasi_sp");
}

int
db_release(struct db *db)
{
    return db_command(db, "release", "RELEASE SAVEPOINT aspirasi_sp");
}

/* Rolls back to the savepoint and releases it too, so that every
 * db_savepoint() is closed by exactly one db_release() or db_rollback_to()
 * and savepoints never pile up in a long batch. */
int
db_rollback_to(struct db *db)
{
    return db_command(db, "rollback_to",
                      "ROLLBACK TO SAVEPOINT aspirasi_sp; RELEASE SAVEPOINT aspirasi_sp");
}

int
db_parse_i64(const char *s, int64_t *out, const char *name)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(s, &end, 10);
    if (end == s || *end != '\0' || errno != 0) {
        db_log_error(name, "server sent a malformed integer");
        return -1;
    }
    *out = (int64_t)v;
    return 0;
}
