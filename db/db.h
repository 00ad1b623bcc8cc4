/*
 * PostgreSQL access.  Only db/ includes libpq-fe.h: the rest of Aspirasi sees
 * an opaque connection.  Every function returns 0/1 on success and -1 on
 * failure after logging the failure once (event=db_error); callers do not
 * log it again.  Every query is parameterised.
 */
#ifndef ASPIRASI_DB_H
#define ASPIRASI_DB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct db;

/* Opens a connection ("" = libpq's PG* variables).  Returns NULL after
 * logging why. */
struct db *db_connect(const char *conninfo);

/* Closes a connection; NULL is a no-op. */
void db_close(struct db *db);

/* Makes sure the connection is usable, resetting it once if it broke.
 * Returns 0, or -1 when the server cannot be reached. */
int db_ensure(struct db *db);

/* Runs a trivial query to see that the server answers, resetting a broken
 * connection once first.  Returns 0 or -1. */
int db_ping(struct db *db);

/* Transactions.  db_savepoint()/db_release()/db_rollback_to() use one
 * savepoint name, so they do not nest. */
int db_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);
int db_savepoint(struct db *db);
int db_release(struct db *db);
int db_rollback_to(struct db *db);

/* ---- schema (db/migrate.c) ------------------------------------------- */

/* The highest migration number compiled into this binary. */
int db_schema_latest(void);

/*
 * Applies every compiled-in migration newer than what the database has, in
 * order, each in its own transaction, recording it in schema_migrations.
 * Writes "applied NNN_name" per migration to out.  Returns the number
 * applied, or -1.
 */
int db_migrate(struct db *db, FILE *out);

/* Stores the schema version of the database in *have (0 when never
 * migrated).  Returns 0 or -1. */
int db_schema_version(struct db *db, int *have);

/* Reads the secret key of ticket codes, created by the first migration. */
int db_ticket_key(struct db *db, uint64_t *key);

/* ---- inbound messages (db/messages.c) -------------------------------- */

/* An MO as Kannel handed it, with what Aspirasi answered. */
struct db_mo {
    const char *kannel_id;  /* Kannel's %I, the de-duplication key */
    const char *msisdn;     /* normalised sender */
    const char *short_code; /* %P, may be "" */
    const char *smsc;       /* %i, may be "" */
    const char *text;       /* UTF-8, no NUL inside */
    size_t text_len;
    const char *raw; /* the bytes as received */
    size_t raw_len;
    int coding;          /* %c: 0, 1 or 2; -1 unknown */
    const char *charset; /* %C, may be "" */
    const char *meta;    /* %D, may be "" */
    int64_t sent_at;     /* %T, epoch seconds; 0 unknown */
    const char *channel; /* "sms" */
    const char *intent;  /* intent_name() */
    const char *reply;   /* the reply text */
    int reply_coding;    /* 0 GSM-7, 2 UCS-2 */
};

/*
 * Inserts the MO unless a row with its kannel_id exists.  Returns 1 and sets
 * *id when it inserted a row; returns 0 when the kannel_id was already there
 * (waiting for a concurrent transaction holding it, as PostgreSQL does), then
 * *reply gets a malloc'd copy of the stored reply (the caller frees it) and
 * *reply_coding its coding; -1 on error.
 */
int db_message_insert(struct db *db, const struct db_mo *mo, int64_t *id, char **reply,
                      int *reply_coding);

/* ---- tickets (db/tickets.c) ----------------------------------------- */

/* Takes the next value of the ticket sequence. */
int db_ticket_next_seq(struct db *db, int64_t *seq);

/* Creates a ticket with an event recording its first status.  Returns 0 or
 * -1 (a duplicate code is an error). */
int db_ticket_insert(struct db *db, const char *code, int64_t message_id, const char *msisdn,
                     const char *body, const char *status);

/* What anyone who knows a ticket code may read. */
struct db_ticket_brief {
    char code[8];
    char status[32];
    char updated[16]; /* date of the last change, "DD/MM/YYYY" in the configured zone */
};

/* Looks up a ticket by code.  Returns 1 and fills *out, 0 when there is no
 * such ticket, -1 on error.  tz is a time zone name ("Asia/Jakarta"). */
int db_ticket_brief(struct db *db, const char *code, const char *tz, struct db_ticket_brief *out);

/* A ticket as staff see it. */
struct db_ticket {
    char code[8];
    char status[32];
    char msisdn[24];
    char created[24]; /* "YYYY-MM-DD HH:MM" in the configured zone */
    char updated[24];
    char *body; /* malloc'd; freed by db_ticket_clear() */
};

/* One entry of a ticket's history. */
struct db_ticket_event {
    char at[24];
    char status[32];
    char actor[64];
    const char *note; /* valid during the callback only; "" when none */
};

/* Frees what a struct db_ticket owns. */
void db_ticket_clear(struct db_ticket *t);

/* Calls cb for each ticket, newest first, at most limit, only those with the
 * given status when status is not NULL.  Returns the number listed or -1. */
int db_ticket_list(struct db *db, const char *status, int limit, const char *tz,
                   void (*cb)(void *ctx, const struct db_ticket *t), void *ctx);

/* Reads one ticket and calls cb for each event, oldest first.  Returns 1, 0
 * when there is no such ticket, or -1. */
int db_ticket_get(struct db *db, const char *code, const char *tz, struct db_ticket *out,
                  void (*cb)(void *ctx, const struct db_ticket_event *e), void *ctx);

/* Sets a ticket's status and records the event with note (may be NULL) and
 * actor.  Returns 1, 0 when there is no such ticket, or -1. */
int db_ticket_set_status(struct db *db, const char *code, const char *status, const char *note,
                         const char *actor);

/* ---- citizens (db/citizens.c) --------------------------------------- */

/* Subscribes (on = 1) or opts out (on = 0) a number, recording the time of
 * the change.  Returns 0 or -1. */
int db_citizen_subscribe(struct db *db, const char *msisdn, int on);

/* Reads the reply language a number chose ("id", "jv", "en") into lang
 * (4 bytes).  Returns 1, 0 when it chose none, or -1. */
int db_citizen_language(struct db *db, const char *msisdn, char lang[4]);

/* Records the reply language a number chose.  Returns 0 or -1. */
int db_citizen_set_language(struct db *db, const char *msisdn, const char *lang);

/* ---- confirmation questions (db/citizens.c) ------------------------- */

/* Remembers the question just asked to msisdn: what intent to carry out,
 * for which message and text, if the answer is yes.  Replaces an earlier
 * open question.  Returns 0 or -1. */
int db_pending_put(struct db *db, const char *msisdn, const char *intent, int64_t message_id,
                   const char *body);

/* Takes (and removes) the open question of msisdn if it was asked less than
 * window seconds ago.  Returns 1 with intent (16 bytes), *message_id and
 * *body (malloc'd, the caller frees it) set, 0 when there is none, or -1. */
int db_pending_take(struct db *db, const char *msisdn, int window, char intent[16],
                    int64_t *message_id, char **body);

/* Counts which of the n codes (each 7 digits and a NUL) are tickets of
 * msisdn; when exactly one is, copies it to one (8 bytes).  Returns the
 * count or -1. */
int db_tickets_owned(struct db *db, const char *msisdn, const char (*codes)[8], size_t n,
                     char one[8]);

#endif
