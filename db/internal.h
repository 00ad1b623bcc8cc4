/*
 * What the files of db/ share and nothing else sees: the connection struct,
 * the table of statements each file prepares, the query helper that logs a
 * failure once, and the migrations compiled in by db/embed-migrations.sh.
 *
 * Only db/ includes this header (it pulls in libpq-fe.h).
 */
#ifndef ASPIRASI_DB_INTERNAL_H
#define ASPIRASI_DB_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "db/db.h"

/* One migration, db/migrations/NNN_name.sql, embedded as a C string. */
struct db_migration {
    int version;      /* NNN */
    const char *name; /* "NNN_name", the file name without ".sql" */
    const char *sql;  /* the file's text; no transaction statements */
};

/* Generated into db/migrations_data.c, in ascending order of version (the
 * generator refuses anything else). */
extern const struct db_migration db_migrations[];
extern const size_t db_migrations_count;

/*
 * Slots of the statements prepared lazily on each connection: a statement is
 * prepared the first time it runs on a connection and reused afterwards.
 * DB_UNPREPARED marks a statement run without preparing (rare ones such as
 * migration bookkeeping, and transaction control).
 */
enum db_slot {
    DB_SLOT_MESSAGE_INSERT = 0,
    DB_SLOT_MESSAGE_REPLY,
    DB_SLOT_TICKET_NEXT_SEQ,
    DB_SLOT_TICKET_INSERT,
    DB_SLOT_TICKET_BRIEF,
    DB_SLOT_TICKET_LIST,
    DB_SLOT_TICKET_LIST_STATUS,
    DB_SLOT_TICKET_GET,
    DB_SLOT_TICKET_EVENTS,
    DB_SLOT_TICKET_SET_STATUS,
    DB_SLOT_CITIZEN_SUBSCRIBE,
    DB_SLOT_CITIZEN_LANGUAGE,
    DB_SLOT_CITIZEN_SET_LANGUAGE,
    DB_SLOT_PENDING_PUT,
    DB_SLOT_PENDING_TAKE,
    DB_SLOT_TICKET_OWNED,
    DB_SLOT_TICKET_OWNER,
    /* db/citizens.c, subscriptions */
    DB_SLOT_CITIZEN_SUBSCRIBE_KOMISI,
    /* db/agenda.c */
    DB_SLOT_SESSION_ADD,
    DB_SLOT_SESSION_UPDATE,
    DB_SLOT_SESSION_CANCEL,
    DB_SLOT_SESSION_GET,
    DB_SLOT_SESSION_LIST,
    DB_SLOT_SESSION_OPEN,
    DB_SLOT_INPUT_ADD,
    DB_SLOT_INPUT_LIST,
    /* db/info.c */
    DB_SLOT_INFO_SET,
    DB_SLOT_INFO_GET,
    DB_SLOT_INFO_REMOVE,
    DB_SLOT_INFO_LIST,
    /* db/outbox.c */
    DB_SLOT_OUTBOX_PUT,
    DB_SLOT_OUTBOX_CLAIM,
    DB_SLOT_OUTBOX_ACCEPTED,
    DB_SLOT_OUTBOX_FAILED,
    DB_SLOT_OUTBOX_DLR,
    DB_SLOT_OUTBOX_COUNTS,
    DB_SLOT_OUTBOX_REPLIES,
    /* db/broadcasts.c */
    DB_SLOT_AUDIENCE_COUNT,
    DB_SLOT_BROADCAST_CREATE,
    DB_SLOT_BROADCAST_START,
    DB_SLOT_BROADCAST_ROWS,
    DB_SLOT_BROADCAST_CANCEL,
    DB_SLOT_BROADCAST_CANCEL_ROWS,
    DB_SLOT_BROADCAST_GET,
    /* db/ussd.c */
    DB_SLOT_USSD_GET,
    DB_SLOT_USSD_PUT,
    DB_SLOT_USSD_DROPPED,
    DB_SLOT_USSD_GET_MANY,
    DB_SLOT_USSD_PUT_MANY,
    DB_SLOT_USSD_DROPPED_MANY,
    /* db/staff.c */
    DB_SLOT_STAFF_ADD,
    DB_SLOT_STAFF_SET_TOKEN,
    DB_SLOT_STAFF_REVOKE,
    DB_SLOT_STAFF_SET_ROLE,
    DB_SLOT_STAFF_BY_PREFIX,
    DB_SLOT_STAFF_TOUCH,
    DB_SLOT_STAFF_LIST,
    DB_SLOT_AUDIT_ADD,
    DB_SLOT_AUDIT_LIST,
    DB_SLOT_AUDIT_LIST_ACTOR,
    DB_SLOT_LOCAL_TIMEZONE,
    /* db/open311.c */
    DB_SLOT_OPEN311_LIST,
    DB_SLOT_OPEN311_SPAN,
    DB_SLOT_OPEN311_CREATE,
    /* db/broadcasts.c: the staff API */
    DB_SLOT_BROADCAST_SHOW,
    /* db/agenda.c, db/info.c: the staff API */
    DB_SLOT_SESSION_LOCAL_TIME,
    DB_SLOT_SESSION_ISO_GET,
    DB_SLOT_SESSION_ISO_LIST,
    DB_SLOT_INPUT_ISO_LIST,
    DB_SLOT_INFO_PUT,
    /* db/tickets.c, the staff API */
    DB_SLOT_TICKET_SEARCH,
    DB_SLOT_TICKET_DETAIL,
    DB_SLOT_TICKET_ORIGIN,
    DB_SLOT_TICKET_HISTORY,
    DB_SLOT_TICKET_ASSIGN,
    DB_SLOT_TICKET_STATUS,
    /* db/stats.c */
    DB_SLOT_STATS_MESSAGES,
    DB_SLOT_STATS_OPEN_STATUS,
    DB_SLOT_STATS_OPEN_KOMISI,
    DB_SLOT_STATS_FIRST_CHANGE,
    /* db/ussd.c: metrics */
    DB_SLOT_USSD_ACTIVE,
    /* db/messages.c: the intake's batches */
    DB_SLOT_MESSAGES_AHEAD,
    DB_SLOT_MESSAGES_INSERT,
    DB_SLOT_MESSAGE_REPLIES,
    /* db/retention.c */
    DB_SLOT_RETENTION,
    DB_SLOT__COUNT
};
#define DB_UNPREPARED (-1)

/* A statement: its slot, its name (the prepared statement's name and the
 * query= of logs), its SQL and its number of parameters. */
struct db_query {
    int slot;
    const char *name;
    const char *sql;
    int nparams;
};

struct db {
    PGconn *conn;
    unsigned char prepared[DB_SLOT__COUNT]; /* 1 once prepared on conn */
    int64_t retry_at;  /* ms, CLOCK_MONOTONIC: no reconnection before (db_ensure()) */
    int begin_pending; /* db_begin() called, BEGIN not yet sent (db.c) */
};

/*
 * Runs q with its parameters (values[i] NULL is SQL NULL; lengths and formats
 * may be NULL when every parameter is NUL-terminated text), preparing it on
 * this connection first when its slot is not DB_UNPREPARED.  Returns the
 * result (the caller PQclear()s it) when the server answered
 * PGRES_COMMAND_OK, PGRES_TUPLES_OK or PGRES_EMPTY_QUERY; otherwise logs
 * event=db_error once and returns NULL.
 */
PGresult *db_exec(struct db *db, const struct db_query *q, const char *const *values,
                  const int *lengths, const int *formats);

/* Runs one parameterless command (BEGIN, a migration file, ...) with the
 * simple protocol; returns 0, or -1 after logging event=db_error. */
int db_command(struct db *db, const char *name, const char *sql);

/* Logs "event=db_error query=NAME reason=..." at warn, with the reason made
 * safe for one log line.  Never pass phone numbers or message text. */
void db_log_error(const char *name, const char *reason);

/* Copies src into dst (size bytes) for query name.  Returns 0, or -1 after
 * logging when src does not fit. */
int db_copy(char *dst, size_t size, const char *src, const char *name);

/* Parses a decimal integer sent by the server for query name into *out.
 * Returns 0, or -1 after logging when s is not one. */
int db_parse_i64(const char *s, int64_t *out, const char *name);

/*
 * An array parameter being written in PostgreSQL's binary format, for one
 * text[], bytea[], boolean[] or integer array parameter (db/arrays.c).  It
 * grows as needed: a batch holds at most db.batch_max rows, each at most
 * http.max_request_bytes long.  Start from {0}, db_arr_start() it with the
 * type of its elements, append them, db_arr_end() it and pass it with
 * db_arr_param(); free buf when done.
 */
struct db_arr {
    char *buf;
    size_t len, cap;
    int n;             /* elements so far */
    int nulls;         /* 1 once an element is NULL */
    unsigned int type; /* enum db_elem */
};

/* The types of elements, by the OIDs of PostgreSQL's built-in types,
 * which never change: an array parameter names its element type, and the
 * server refuses one that is not the type its statement casts to ("$5::
 * smallint[]" takes DB_INT2 elements, "$3::bpchar[]" DB_BPCHAR). */
enum db_elem {
    DB_BOOL = 16,
    DB_BYTEA = 17,
    DB_INT8 = 20,
    DB_INT2 = 21,
    DB_INT4 = 23,
    DB_TEXT = 25,
    DB_BPCHAR = 1042
};

/* Starts an array of elements of type in a: from {0}, or again once the
 * last array written in a has been sent (its buffer is kept). */
void db_arr_start(struct db_arr *a, enum db_elem type);

/* Appends len bytes of text (DB_TEXT or DB_BPCHAR), or NULL when s is
 * NULL.  Returns 0, or -1 when the text holds a NUL byte, which no text
 * parameter can carry, or is longer than an element can be. */
int db_arr_text(struct db_arr *a, const char *s, size_t len);

/* The same for a NUL-terminated s (or NULL). */
int db_arr_str(struct db_arr *a, const char *s);

/* Appends bytes to a DB_BYTEA array.  Returns 0, or -1 when they are more
 * than an element can hold. */
int db_arr_bytea(struct db_arr *a, const char *s, size_t len);

/* Appends an integer to a DB_INT2, DB_INT4 or DB_INT8 array, or NULL when
 * null is true; v must fit the type. */
void db_arr_int(struct db_arr *a, int64_t v, int null);

/* Appends true or false to a DB_BOOL array. */
void db_arr_bool(struct db_arr *a, int v);

/* Closes the array: its count and whether it holds a NULL are written in
 * its header; an array of no element has no dimension. */
void db_arr_end(struct db_arr *a);

/* Makes the closed array a the parameter i of values, lengths and formats
 * (binary). */
void db_arr_param(const struct db_arr *a, int i, const char **values, int *lengths, int *formats);

/* The most parameters and arrays a statement built by a file of db/ for
 * db_exec_many() holds in its own storage. */
#define DB_STMT_PARAMS 16
#define DB_STMT_ARRAYS 8

/*
 * A statement with its parameters, as db_exec() takes them (values, and
 * lengths and formats, which may be NULL).  A file of db/ that builds one
 * points values at v[], which may point into arr[] (array parameters, with
 * their lengths in l[] and formats in f[]: db_stmt_arr()), num[] (numbers)
 * or strings of its caller.  Start from {0}; db_stmt_free() frees the
 * arrays.
 */
struct db_stmt {
    const struct db_query *q;
    const char *const *values;
    const int *lengths, *formats;
    const char *v[DB_STMT_PARAMS];
    int l[DB_STMT_PARAMS], f[DB_STMT_PARAMS];
    struct db_arr arr[DB_STMT_ARRAYS];
    char num[4][24];
};

/* Points s's values, lengths and formats at v, l and f, and makes the
 * closed array a its parameter i. */
void db_stmt_arr(struct db_stmt *s, int i, const struct db_arr *a);

void db_stmt_free(struct db_stmt *s);

/*
 * Runs n statements, none of which needs another's result, in one round
 * trip (libpq's pipeline mode), after the BEGIN of db_begin() when it is
 * still to be sent: the server runs them one after the other, as if each
 * were sent after the last answered, and the first that fails fails the
 * transaction.  Their queries must differ (each is prepared at most once).
 * res[i] gets statement i's result, which the caller PQclear()s.  Returns
 * 0, or -1 after logging the first failure, with every res[i] NULL.  A
 * pipeline that cannot be left leaves the connection to be reset by the
 * next db_ensure().
 */
int db_exec_many(struct db *db, const struct db_stmt *const *st, size_t n, PGresult **res);

/* The reads of db/ussd.c that db_batch_ahead() (db/messages.c) sends with
 * the read-ahead: each statement built (its outputs cleared), then its
 * result read.  Each returns 0, or -1 after logging. */
int db_ussd_get_many_stmt(const char *const *ids, size_t n, int *found, struct db_stmt *s);
int db_ussd_get_many_read(const PGresult *res, size_t n, struct db_ussd *out, int *found);
int db_ussd_dropped_many_stmt(const char *const *msisdns, const char *const *ids, size_t n,
                              int window, char (*found)[DB_USSD_ID_MAX], struct db_stmt *s);
int db_ussd_dropped_many_read(const PGresult *res, size_t n, char (*found)[DB_USSD_ID_MAX]);

/* Builds q into s with one parameter: the text array of the n strings
 * keys.  Returns 0, or -1 after logging, naming what the keys are ("a
 * kannel_id"), when one holds a NUL byte. */
int db_stmt_keys(struct db_stmt *s, const struct db_query *q, const char *const *keys, size_t n,
                 const char *what);

/*
 * Runs q with one parameter: the text array of the n strings keys.
 * Returns the result (the caller PQclear()s it), or NULL after logging why,
 * naming what the keys are ("a kannel_id") when one holds a NUL byte.
 */
PGresult *db_exec_keys(struct db *db, const struct db_query *q, const char *const *keys, size_t n,
                       const char *what);

#endif
