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

/* The same, for the intake: its prepared statements always run their
 * generic plan (plan_cache_mode), made once per connection.  Their arrays
 * change length with every batch, and a custom plan for each length cost
 * more than running the statement. */
struct db *db_connect_generic(const char *conninfo);

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
    int64_t received_us; /* when aspirasid received it (µs since 1970), for one
                            replayed from the journal; 0: now.  Read by
                            db_messages_insert() only */
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

/* What a sender did lately, read by db_messages_ahead(). */
struct db_sender_counts {
    int tickets;     /* tickets opened in the last hour (up to the cap) */
    int replies;     /* SMS answered with a non-empty reply in the last 24 hours */
    int notice_hour; /* 1 when an SMS of the last hour got the "too many" notice */
};

/* What a batch of messages reads before working out its replies, read by
 * db_messages_ahead() in one query. */
struct db_ahead {
    /* In */
    const char *const *msisdns; /* the senders (a number may repeat) */
    size_t nmsisdns;
    int nseqs;                /* ticket numbers wanted, 0 to DB_AHEAD_SEQS_MAX */
    const char *const *codes; /* the tickets asked about (a code may repeat) */
    size_t ncodes;
    const char *tz; /* the zone of the tickets' dates */
    /* In, the per-number limits (gateway/intake.c): the distinct senders of
       SMS to count for, each count read up to its cap (a count that reached
       it is "cap or more"; cap 0 reads nothing) ... */
    const char *const *senders;
    size_t nsenders;
    int tickets_cap;            /* tickets opened in the last hour */
    int replies_cap;            /* SMS with a non-empty reply received in the last 24 hours */
    const char *const *notices; /* the texts of the "too many" notice: was one of
                                   them the reply to an SMS of the last hour? */
    size_t nnotices;
    /* ... and for each SMS of the batch its sender and its text, normalised
       by db_text_norm(): how often that text came from the sender within the
       last loop_window minutes (up to loop_cap), and whether it is one of the
       replies the sender got in that time (0: not read) */
    const char *const *text_msisdns;
    const char *const *texts;
    size_t ntexts;
    int loop_window; /* minutes; 0 reads nothing */
    int loop_cap;
    /* Out: arrays of those sizes, which the caller provides */
    char (*langs)[4];                /* the language each sender chose, as
                                        db_citizen_language() reads it; "" for none */
    int64_t *seqs;                   /* values of the ticket sequence */
    struct db_ticket_brief *tickets; /* each ticket asked about, as db_ticket_brief()
                                        reads it, when ... */
    int *found;                      /* ... found[i] is 1; 0: there is no such ticket */
    struct db_sender_counts *counts; /* per sender */
    int *repeats;                    /* per text: earlier SMS of the sender with it */
    int *echoes;                     /* per text: 1 when it is a reply the sender got */
    /* Out: the version of the agenda and the information pages, which every
       change of either moves on (content_version, migration 014) */
    int64_t content_version;
    int has_content_version; /* 0: the database has none */
};

/*
 * Writes into out (at least len + 1 bytes) the text s of len bytes as the
 * limits compare texts: ASCII letters in lower case, each run of spaces,
 * tabs and line breaks one space, none at either end.  The query of
 * db_messages_ahead() normalises stored texts the same way.  Returns out.
 */
char *db_text_norm(const char *s, size_t len, char *out);

/*
 * The key of the text s of len bytes as the reply-loop check compares it: a
 * 64-bit hash (FNV-1a) of the text normalised by db_text_norm(), so two
 * texts equal once normalised have the same key.  Written with each
 * message, of its text and of its reply (messages.body_key, reply_key).
 */
int64_t db_text_key(const char *s, size_t len);

#define DB_AHEAD_SEQS_MAX 1024

/*
 * Reads the languages of a batch's senders, takes its ticket numbers and
 * reads the tickets it asks about, in one query.  A sequence value taken
 * and never used is a gap, nothing more.  Returns 0 or -1.
 */
int db_messages_ahead(struct db *db, struct db_ahead *a);

struct db_ussd_ahead;

/* db_messages_ahead(), and what u asks for when it is not NULL, with every
 * statement sent at once: one round trip, the first statement of a
 * transaction with its BEGIN.  Returns 0 or -1. */
int db_batch_ahead(struct db *db, struct db_ahead *a, struct db_ussd_ahead *u);

/* One message of a batch written by db_messages_insert(), with what it
 * leads to when it is new. */
struct db_mo_row {
    const struct db_mo *mo;
    const char *ticket; /* a complaint's ticket code (7 digits), or NULL */
    int64_t ticket_of;  /* the message the ticket is of; 0: this one */
    const char *ticket_body;
    const char *ticket_category; /* or NULL */
    const char *receipt;         /* an SMS repeating the ticket's number (outbox kind
                                    "receipt", urgent), or NULL */
    int receipt_coding;
    const char *lookup; /* an agenda or info lookup: "agenda" or "info", or NULL */
    const char *query;  /* its canonical argument, as info_requests stores it */
    int64_t id;         /* OUT: the new row's id; 0 when the kannel_id was stored */
};

/*
 * Inserts n messages, whose kannel_ids must differ, in one statement, and
 * with each new one its ticket (with the event of its first status, status,
 * by actor "citizen"; its source is the message's channel; and its receipt
 * SMS when it has one) or its lookup (as info_requests records it).  A message whose kannel_id is
 * stored already writes nothing (waiting for a concurrent transaction holding it, as
 * db_message_insert() does) and gets id 0.  Sets rows[i].id and returns the number of new messages,
 * or -1.
 */
int db_messages_insert(struct db *db, struct db_mo_row *rows, size_t n, const char *status);

/*
 * Reads the replies stored with n kannel_ids (the duplicates of
 * db_messages_insert()) in one query: replies[i] gets a malloc'd copy (the caller
 * frees it) and codings[i] its coding.  A kannel_id that is not stored is
 * an error.  Returns 0, or -1 with every replies[i] NULL.
 */
int db_message_replies(struct db *db, const char *const *kannel_ids, size_t n, char **replies,
                       int *codings);

/* ---- tickets (db/tickets.c) ----------------------------------------- */

/* Takes the next value of the ticket sequence. */
int db_ticket_next_seq(struct db *db, int64_t *seq);

/* A ticket to create. */
struct db_ticket_new {
    const char *code;
    int64_t message_id; /* the message that asked for it, or 0 */
    const char *msisdn;
    const char *body;
    const char *status;   /* its first status */
    const char *source;   /* "sms", "ussd" or "open311" */
    const char *category; /* or NULL */
};

/* Creates a ticket with an event recording its first status, and sets *id
 * to its row id.  Returns 0 or -1 (a duplicate code is an error). */
int db_ticket_insert(struct db *db, const struct db_ticket_new *t, int64_t *id);

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

/* Who a ticket's notifications go to: its row id into *id and its number
 * into msisdn (24 bytes).  Returns 1, 0 when there is no such ticket, or
 * -1. */
int db_ticket_owner(struct db *db, const char *code, int64_t *id, char msisdn[24]);

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

/* ---- subscriptions (db/citizens.c) ---------------------------------- */

/* Subscribes msisdn to announcements: of every komisi when komisi is 0
 * (clearing any list), else adding komisi (1-4) to what it follows (a
 * subscriber of everything stays one).  Clears an opt-out.  Returns 0 or
 * -1. */
int db_citizen_subscribe_komisi(struct db *db, const char *msisdn, int komisi);

/* ---- agenda (db/agenda.c) ------------------------------------------- */

/* A session of the DPRD as staff enter it.  Times are "YYYY-MM-DD HH:MM" in
 * the configured zone (given as tz to the functions below). */
struct db_session {
    int64_t id;
    char type[16];   /* agenda_type_name(): "paripurna", "komisi", ... or "lain" */
    int komisi;      /* 1-4, 0 for none */
    char title[201]; /* UTF-8 */
    char starts[17]; /* "YYYY-MM-DD HH:MM" local */
    char ends[17];   /* "" when open-ended */
    char place[121];
    int public_; /* the public may attend */
    char summary[321];
    int cancelled;
    char cancel_reason[121];
    /* Filled when read: the local start broken down, for replies. */
    int wday; /* 0 Sunday .. 6 Saturday */
    int year, month, day, hour, minute;
};

/* Adds a session; sets s->id.  Returns 0 or -1 (a value the schema refuses,
 * such as ends before starts, is an error logged as db_error). */
int db_session_add(struct db *db, struct db_session *s, const char *tz, const char *actor);

/* Replaces the fields of session s->id.  Returns 1, 0 when there is no such
 * session, or -1. */
int db_session_update(struct db *db, const struct db_session *s, const char *tz, const char *actor);

/* Marks a session cancelled with a reason (may be ""), or, with cancel 0,
 * restores it.  Returns 1, 0 when there is no such session, or -1. */
int db_session_cancel(struct db *db, int64_t id, int cancel, const char *reason, const char *actor);

/* Reads one session.  Returns 1, 0 when there is none, or -1. */
int db_session_get(struct db *db, int64_t id, const char *tz, struct db_session *out);

/* Which sessions a lookup wants. */
struct db_session_query {
    const char *from; /* "YYYY-MM-DD" local, inclusive; NULL: from now (sessions not ended) */
    const char *to;   /* "YYYY-MM-DD" local, exclusive; NULL: no end */
    int komisi;       /* 1-4, 0 any */
    const char *type; /* a type name, NULL any */
    int include_cancelled;
    int limit; /* at most this many are passed to cb */
};

/* Calls cb for each matching session in order of start, at most q->limit,
 * and stores in *total how many match in all.  Returns the number passed to
 * cb, or -1. */
int db_session_list(struct db *db, const struct db_session_query *q, const char *tz,
                    void (*cb)(void *ctx, const struct db_session *s), void *ctx, int *total);

/* A citizen's proposal or question. */
struct db_input {
    int64_t id;
    int64_t session_id; /* 0 when none was named */
    const char *msisdn;
    const char *kind; /* "proposal" or "question" */
    const char *body;
    int64_t message_id; /* 0 when none */
    char created[17];   /* "YYYY-MM-DD HH:MM" local, when read */
};

/* Records an input.  Returns 0 or -1. */
int db_input_add(struct db *db, const struct db_input *in);

/* True (1) when session id exists, is not cancelled and has not ended
 * (ends_at, else starts_at, still ahead or today); 0 otherwise; -1 on error. */
int db_session_open_for_input(struct db *db, int64_t id);

/* Calls cb for each input of a session (0: inputs naming no session),
 * oldest first.  Strings are valid during the callback only.  Returns the
 * number or -1. */
int db_input_list(struct db *db, int64_t session_id, const char *tz,
                  void (*cb)(void *ctx, const struct db_input *in), void *ctx);

/* ---- information pages and lookups (db/info.c) ---------------------- */

/* Stores the page of topic (lower-case letters and digits, 1-20), replacing
 * it.  The caller has checked that body fits one SMS.  Returns 0 or -1. */
int db_info_set(struct db *db, const char *topic, const char *body, const char *actor);

/* Reads the page of topic into a malloc'd *body (the caller frees it).
 * Returns 1, 0 when there is none, or -1. */
int db_info_get(struct db *db, const char *topic, char **body);

/* Removes a page.  Returns 1, 0 when there was none, or -1. */
int db_info_remove(struct db *db, const char *topic);

/* Calls cb for each page in order of topic (body valid during the callback
 * only).  Returns the number or -1. */
int db_info_list(struct db *db, void (*cb)(void *ctx, const char *topic, const char *body),
                 void *ctx);

/* What citizens asked in the last days days: calls cb for each kind and
 * query with how many asked it, from how many numbers, and when last
 * ("YYYY-MM-DD HH:MM" in tz), most asked first, at most limit.  Returns
 * the number or -1. */
int db_info_request_counts(struct db *db, int days, int limit, const char *tz,
                           void (*cb)(void *ctx, const char *kind, const char *query, int64_t count,
                                      int64_t numbers, const char *last),
                           void *ctx);

/* ---- outbox (db/outbox.c) ------------------------------------------- */

enum db_outbox_kind {
    DB_OUTBOX_NOTIFICATION = 0,
    DB_OUTBOX_RECEIPT,
    DB_OUTBOX_BROADCAST,
    DB_OUTBOX_REPLY, /* the answer to an SMS replayed from the journal */
    DB_OUTBOX__KINDS
};

/* An SMS to send that is not a direct reply. */
struct db_outbox_new {
    const char *msisdn;
    const char *body; /* UTF-8 */
    int coding;       /* 0 GSM-7, 2 UCS-2 */
    enum db_outbox_kind kind;
    int urgent;        /* sent even in quiet hours */
    int64_t ticket_id; /* 0 when none */
};

/* Queues one SMS (priority 0: before broadcasts).  Sets *id when id is not
 * NULL.  Returns 0 or -1. */
int db_outbox_put(struct db *db, const struct db_outbox_new *m, int64_t *id);

/*
 * Queues, for each of n stored messages named by their kannel_ids, its
 * stored reply as an SMS of kind reply to its sender (urgent: it answers
 * the citizen's own message), unless the reply is empty or the message has
 * one queued already.  A kannel_id not stored is skipped.  Sets *queued to
 * the rows queued now.  Returns 0 or -1.
 */
int db_outbox_replies(struct db *db, const char *const *kannel_ids, size_t n, int *queued);

/* A row claimed for sending. */
struct db_outbox_row {
    int64_t id;
    char msisdn[24];
    char *body; /* malloc'd; freed by db_outbox_rows_clear() */
    int coding;
    int attempts; /* before this one */
    enum db_outbox_kind kind;
};

/* Quiet hours, local time in zone tz: no row that is not urgent is claimed
 * from start to end (minutes after midnight; start > end wraps midnight;
 * start == end: none). */
struct db_quiet {
    const char *tz;
    int start, end;
};

/*
 * Claims up to max rows ready to send, in order of priority and id, for
 * instance (a name unique to this process) until lease seconds from now:
 * queued rows whose next attempt is due, and rows left 'sending' by a sender
 * whose lease ran out.  Broadcast rows of numbers that opted out after the
 * row was queued become 'opted_out' instead, and rows of cancelled
 * broadcasts 'cancelled'.  Uses FOR UPDATE SKIP LOCKED so that several
 * instances share the outbox.  Fills rows (max entries) and returns the
 * number claimed, or -1.
 */
int db_outbox_claim(struct db *db, const char *instance, int lease, const struct db_quiet *quiet,
                    struct db_outbox_row *rows, int max);

/* Frees the bodies of n claimed rows. */
void db_outbox_rows_clear(struct db_outbox_row *rows, int n);

/* Kannel accepted row id: 'accepted' (unless a delivery report already
 * moved it on).  Returns 0 or -1. */
int db_outbox_accepted(struct db *db, int64_t id, const char *instance);

/* Sending row id failed with why: with retry, it is queued again after
 * delay seconds; without, it is 'failed' for good.  Returns 0 or -1. */
int db_outbox_failed(struct db *db, int64_t id, const char *instance, int retry, int delay,
                     const char *why);

/* A delivery report of type (Kannel's %d: 1 delivered, 2 undeliverable,
 * 4 buffered, 8 SMSC accepted, 16 SMSC rejected) for row id: 1 -> delivered,
 * 2 and 16 -> failed, 4 and 8 -> accepted; a final state is never undone.
 * Returns 1, 0 when there is no such row, or -1. */
int db_outbox_dlr(struct db *db, int64_t id, int type, const char *reply);

/* Counts the rows of broadcast broadcast_id (with 0: every row of the
 * outbox) by state.  Returns 0 or -1. */
struct db_outbox_counts {
    int64_t queued, sending, accepted, delivered, failed, cancelled, opted_out;
};

int db_outbox_counts(struct db *db, int64_t broadcast_id, struct db_outbox_counts *out);

/* ---- broadcasts (db/broadcasts.c) ----------------------------------- */

struct db_broadcast {
    int64_t id;
    char *body; /* malloc'd when read; freed by db_broadcast_clear() */
    int coding; /* 0 GSM-7, 2 UCS-2 */
    int segments;
    char audience[16];  /* "all" or "komisi:N" */
    int64_t session_id; /* the agenda session announced, 0 when none */
    char state[16];     /* "draft", "running", "cancelled" */
    int recipients;     /* rows written when started */
    char created[17];
    char started[17]; /* "" when not started */
};

void db_broadcast_clear(struct db_broadcast *b);

/* Counts the subscribers an audience reaches now ("all": every subscriber
 * not opted out; "komisi:N": those following N or everything).  Returns the
 * count or -1. */
int64_t db_audience_count(struct db *db, const char *audience);

/* Creates a draft; sets b->id.  Returns 0 or -1. */
int db_broadcast_create(struct db *db, struct db_broadcast *b, const char *actor);

/* Starts draft id: writes one outbox row (kind broadcast, priority 1, not
 * urgent) per subscriber of its audience, and sets it running with their
 * count in *recipients.  Runs in the caller's transaction (it neither
 * begins nor commits one: the rows and the state change are kept or undone
 * together).  Returns 1, 0 when there is no such draft (unknown, running or
 * cancelled), or -1. */
int db_broadcast_start(struct db *db, int64_t id, int *recipients);

/* Cancels broadcast id: its rows not yet sent become 'cancelled', in the
 * caller's transaction (neither begun nor committed here).  Returns 1 with
 * the number of rows stopped in *stopped, 0 when there is no such broadcast
 * or it was cancelled already, or -1. */
int db_broadcast_cancel(struct db *db, int64_t id, int64_t *stopped);

/* Reads broadcast id.  Returns 1, 0 when there is none, or -1. */
int db_broadcast_get(struct db *db, int64_t id, const char *tz, struct db_broadcast *out);

/* Calls cb for each broadcast, newest first, at most limit (body valid
 * during the callback only).  Returns the number or -1. */
int db_broadcast_list(struct db *db, int limit, const char *tz,
                      void (*cb)(void *ctx, const struct db_broadcast *b), void *ctx);

/* ---- USSD sessions (db/ussd.c) -------------------------------------- */

#define DB_USSD_STATE_MAX  512 /* menus/menu.h MENU_STATE_MAX */
#define DB_USSD_ID_MAX     200 /* bytes of a session id kept (resume_from) */
#define DB_USSD_SCREEN_MAX 729 /* bytes of one screen: 182 characters of up to 4 bytes */

struct db_ussd {
    char msisdn[24];
    char state[DB_USSD_STATE_MAX];
    int steps; /* inputs taken */
    char screen[DB_USSD_SCREEN_MAX];
    int ended;
    int resumable;                    /* left in the middle of something */
    char resume_from[DB_USSD_ID_MAX]; /* the dropped session offered to continue, "" when none */
    int64_t age;                      /* seconds since the last update, when read */
};

/* Reads session id, locking its row until the end of the transaction.
 * Returns 1, 0 when there is none, or -1. */
int db_ussd_get(struct db *db, const char *id, struct db_ussd *out);

/* Writes session id (insert or update).  Returns 0 or -1. */
int db_ussd_put(struct db *db, const char *id, const char *transport, const struct db_ussd *s);

/* Writes n sessions (insert or update) in one statement; the ids must
 * differ.  Returns 0 or -1. */
int db_ussd_put_many(struct db *db, const char *const *ids, const char *const *transports,
                     const struct db_ussd *const *s, size_t n);

/*
 * What a batch with USSD steps reads besides db_messages_ahead()
 * (db_batch_ahead()):
 * - n sessions, each row locked until the end of the transaction (in the
 *   order of ids: callers sort them, so that two transactions lock in one
 *   order): rows[i] is filled and found[i] set to 1 when session ids[i]
 *   exists;
 * - as db_ussd_dropped() for ndropped numbers at once: for each i whose
 *   number has a dropped session (other than dropped_ids[i], used less than
 *   window seconds ago), its id is copied into dropped[i], "" for none.
 */
struct db_ussd_ahead {
    const char *const *ids;
    size_t n;
    struct db_ussd *rows;
    int *found;
    const char *const *dropped_msisdns;
    const char *const *dropped_ids;
    size_t ndropped;
    int window;
    char (*dropped)[DB_USSD_ID_MAX];
};

/* The latest session of msisdn other than id that did not end, was left
 * resumable and was last used less than window seconds ago: a session the
 * network dropped.  Copies its id into found (foundsz bytes).  Returns 1, 0
 * when there is none, or -1. */
int db_ussd_dropped(struct db *db, const char *msisdn, const char *id, int window, char *found,
                    size_t foundsz, struct db_ussd *out);

/* Counts the USSD sessions of every instance sharing the database used in
 * the last 24 hours (for /metrics): *active not ended and used less than
 * timeout seconds ago, *abandoned not ended and idle longer (the citizen
 * left, or the network dropped them), *ended ended with a final screen.
 * Returns 0 or -1. */
int db_ussd_active(struct db *db, int timeout, int64_t *active, int64_t *abandoned, int64_t *ended);

/* ---- staff accounts and the audit log (db/staff.c) ------------------ */

/* An account of the JSON API. */
struct db_staff {
    int64_t id;
    char name[33];
    char role[8];           /* "viewer", "staff", "admin" */
    unsigned char hash[32]; /* SHA-256 of the token */
    char created[26];       /* ISO 8601 in the session's zone, when listed */
    char last_used[26];     /* "" when never */
    int revoked;
};

/* Creates account name with role and the token whose first 8 hex digits
 * are prefix and whose SHA-256 is hash.  Returns 1, 0 when the name is
 * taken, or -1. */
int db_staff_add(struct db *db, const char *name, const char *role, const char *prefix,
                 const unsigned char hash[32], const char *actor);

/* Replaces the token of account name (revoked or not: a new token also
 * lifts a revocation).  Returns 1, 0 when there is no such account, or -1. */
int db_staff_set_token(struct db *db, const char *name, const char *prefix,
                       const unsigned char hash[32]);

/* Revokes account name.  Returns 1, 0 when there is no such account (or it
 * was revoked already), or -1. */
int db_staff_revoke(struct db *db, const char *name);

/* Changes the role of account name.  Returns 1, 0 when there is none, or
 * -1. */
int db_staff_set_role(struct db *db, const char *name, const char *role);

/* Finds the account whose token starts with prefix, revoked or not.
 * Returns 1, 0 when there is none, or -1. */
int db_staff_by_prefix(struct db *db, const char *prefix, struct db_staff *out);

/* Records that account id was just used (at most once a minute is
 * written).  Returns 0 or -1. */
int db_staff_touch(struct db *db, int64_t id);

/* Calls cb for each account in order of name, times in ISO 8601 in the
 * zone of db_local_timezone().  Returns the number or -1. */
int db_staff_list(struct db *db, void (*cb)(void *ctx, const struct db_staff *s), void *ctx);

/* Sets the time zone of the current transaction (SET LOCAL TimeZone), so
 * that its SQL shows and reads local times.  Returns 0 or -1. */
int db_local_timezone(struct db *db, const char *tz);

/* Adds a row to audit_log; detail is a JSON object's text.  Returns 0 or
 * -1. */
int db_audit(struct db *db, const char *actor, const char *method, const char *path, int status,
             const char *detail);

/* One row of the audit log, as read. */
struct db_audit_row {
    int64_t id;
    char at[26]; /* ISO 8601 in the zone of db_local_timezone() */
    const char *actor, *method, *path, *detail;
    int status;
};

/* Calls cb for the latest limit rows, newest first, of actor when not
 * NULL.  Strings are valid during the callback only.  Returns the number or
 * -1. */
int db_audit_list(struct db *db, const char *actor, int limit,
                  void (*cb)(void *ctx, const struct db_audit_row *r), void *ctx);

/* ---- Open311 GeoReport v2 (db/open311.c) ---------------------------- */

/* A ticket as Open311 shows it: never its phone number.  Times are ISO
 * 8601 with the offset of the transaction's zone (db_local_timezone()).
 * The strings behind pointers are valid during the callback only. */
struct db_open311_request {
    char code[8];          /* the service_request_id */
    char status[32];       /* the status name, as stored */
    char service_code[32]; /* the category; "lain" when it has none or one
                              parsers/category.c does not know */
    int komisi;            /* 1-4, 0 when none is assigned */
    char requested[32];    /* created */
    char updated[32];      /* last changed */
    char source[8];        /* "sms", "ussd" or "open311" */
    const char *body;      /* the complaint's text */
    const char *note;      /* the note of the latest status change, "" when none */
    const char *address;   /* "" when none */
    const char *lat, *lon; /* decimal degrees (WGS84), both "" when no point */
};

enum db_open311_status { DB_OPEN311_ANY = 0, DB_OPEN311_OPEN, DB_OPEN311_CLOSED };

/* Which tickets a listing wants. */
struct db_open311_query {
    /* Ticket codes: when not NULL, the only filter (the others are
     * ignored, as the spec says of service_request_id). */
    const char *const *codes;
    size_t ncodes;
    /* Service codes (as in struct db_open311_request); NULL: any. */
    const char *const *services;
    size_t nservices;
    /* Open or closed, where closed means a status in closed[]. */
    enum db_open311_status status;
    const char *const *closed;
    size_t nclosed;
    /* The span of creation times, both ends included, each a timestamp as
     * PostgreSQL reads it in the transaction's zone, or NULL: with neither,
     * the last days days; with one, days days from or up to it. */
    const char *start, *end;
    int days;
    int limit; /* at most this many, newest first */
};

/* Calls cb for each ticket q matches, newest first.  Returns the number
 * passed to cb, or -1 (a timestamp PostgreSQL cannot read is an error:
 * callers check them first). */
int db_open311_list(struct db *db, const struct db_open311_query *q,
                    void (*cb)(void *ctx, const struct db_open311_request *r), void *ctx);

/* Reads ticket code as db_open311_list() does.  Returns 1 after calling cb,
 * 0 when there is no such ticket, or -1. */
int db_open311_get(struct db *db, const char *code,
                   void (*cb)(void *ctx, const struct db_open311_request *r), void *ctx);

/* Stores in *seconds how long it is from start to end (timestamps as
 * PostgreSQL reads them in the transaction's zone; negative when end comes
 * first).  Returns 0 or -1. */
int db_open311_span(struct db *db, const char *start, const char *end, int64_t *seconds);

/* A service request to file as a ticket. */
struct db_open311_new {
    const char *code;     /* the new ticket's code (parsers/ticket.h) */
    const char *category; /* the service code */
    const char *body;
    const char *status;    /* the first configured status */
    const char *msisdn;    /* normalised, or NULL when the request gave none */
    const char *lat, *lon; /* decimal degrees as sent, both NULL when no point */
    const char *address;   /* NULL when none */
    const char *actor;     /* who filed it ("api:NAME"), recorded in its history */
};

/* Creates the ticket (source 'open311') with the event of its first
 * status.  Returns 0 or -1 (a duplicate code is an error). */
int db_open311_create(struct db *db, const struct db_open311_new *r);

/* ---- broadcasts for the staff API (db/broadcasts.c) ----------------- */

/* A broadcast as the staff API shows it.  Times are ISO 8601 with the
 * offset of the transaction's zone (db_local_timezone()), "" when it has not
 * happened.  The strings behind pointers are valid during the callback
 * only. */
struct db_broadcast_row {
    int64_t id;
    const char *body;
    int coding; /* 0 GSM-7, 2 UCS-2 */
    int segments;
    char audience[16];  /* "all" or "komisi:N" */
    int64_t session_id; /* 0 when none */
    char state[16];     /* "draft", "running", "cancelled" */
    int recipients;     /* rows written when started */
    const char *created_by;
    char created_at[32];
    char started_at[32];   /* "" when not started */
    char cancelled_at[32]; /* "" when not cancelled */
};

/* Reads broadcast id and calls cb with it.  Returns 1, 0 when there is
 * none, or -1. */
int db_broadcast_show(struct db *db, int64_t id,
                      void (*cb)(void *ctx, const struct db_broadcast_row *r), void *ctx);

/* Calls cb for at most limit broadcasts, newest first, after skipping
 * offset of them; stores in *total how many there are in all.  Returns the
 * number passed to cb, or -1. */
int db_broadcast_page(struct db *db, int limit, int64_t offset, int64_t *total,
                      void (*cb)(void *ctx, const struct db_broadcast_row *r), void *ctx);

/* ---- agenda and info pages for the staff API (db/agenda.c, db/info.c) --- */

/* Turns ts, a time PostgreSQL reads as a timestamptz (with an offset:
 * "2099-12-02T09:00:00+07:00"), into "YYYY-MM-DD HH:MM" in zone tz, into out
 * (32 bytes: a year past 9999 makes it longer than struct db_session
 * takes, which the caller checks).  Returns 0 or -1. */
int db_session_local_time(struct db *db, const char *ts, const char *tz, char out[32]);

/* A session as the staff API shows it: its times also in ISO 8601 with the
 * offset of the transaction's zone (db_local_timezone()), in which the
 * local times of s are given too. */
struct db_session_iso {
    struct db_session s;
    char starts[32]; /* "2099-12-02T09:00:00+07:00" */
    char ends[32];   /* "" when open-ended */
};

/* Reads session id.  Returns 1, 0 when there is none, or -1. */
int db_session_iso_get(struct db *db, int64_t id, struct db_session_iso *out);

/* Which sessions a listing of the API wants.  Times are read by
 * PostgreSQL in the transaction's zone (a date is its local midnight). */
struct db_session_iso_query {
    const char *from;    /* starts at or after it; NULL: sessions not ended yet */
    const char *to_day;  /* a date: starts before the end of that day; NULL: any */
    const char *to_time; /* starts at or before it; NULL: any */
    int komisi;          /* 1-4, 0 any */
    const char *type;    /* a type name, NULL any */
    int include_cancelled;
    int limit;      /* at most this many are passed to cb (1 or more) */
    int64_t offset; /* after skipping this many */
};

/* Calls cb for each matching session in order of start, and stores in
 * *total how many match in all.  Returns the number passed to cb, or -1. */
int db_session_iso_list(struct db *db, const struct db_session_iso_query *q,
                        void (*cb)(void *ctx, const struct db_session_iso *s), void *ctx,
                        int64_t *total);

/* Calls cb for at most limit inputs of a session (0: those naming no
 * session), oldest first, after skipping offset of them, with created_at
 * in ISO 8601 in the transaction's zone; stores in *total how many there
 * are in all.  Strings are valid during the callback only.  Returns the
 * number passed to cb, or -1. */
int db_input_iso_list(struct db *db, int64_t session_id, int limit, int64_t offset,
                      void (*cb)(void *ctx, const struct db_input *in, const char *created_at),
                      void *ctx, int64_t *total);

/* Stores the page of topic as db_info_set() does.  Returns 1 when the page
 * is new, 0 when it replaced one, or -1. */
int db_info_put(struct db *db, const char *topic, const char *body, const char *actor);

/* What citizens asked in the last days days, as db_info_request_counts()
 * counts it, with last in ISO 8601 in the transaction's zone: calls cb for
 * at most limit of them after skipping offset, most asked first, and
 * stores in *total how many there are in all.  Returns the number passed
 * to cb, or -1. */
int db_info_request_page(struct db *db, int days, int limit, int64_t offset,
                         void (*cb)(void *ctx, const char *kind, const char *query, int64_t count,
                                    int64_t numbers, const char *last),
                         void *ctx, int64_t *total);

/* ---- tickets for the staff API (db/tickets.c) ------------------------ */

/* Which tickets a staff list wants; NULL or 0 fields do not filter.  Times
 * are text PostgreSQL reads as timestamptz in the zone of
 * db_local_timezone(); a bare date "YYYY-MM-DD" as to includes that day. */
struct db_ticket_query {
    const char *status;
    int komisi; /* 1-4, 0 any */
    const char *category;
    const char *from, *to; /* created_at from (inclusive) / to */
    const char *text;      /* case-insensitive substring of the body */
    int limit, offset;
};

/* A ticket as the staff API shows it; strings valid during the callback. */
struct db_ticket_item {
    int64_t id;
    const char *code, *status, *category; /* category "" when none */
    int komisi;                           /* 0 when none */
    const char *source;                   /* "sms", "ussd", "open311" */
    const char *msisdn;                   /* "" when none (an Open311 request without a phone) */
    const char *created, *updated;        /* ISO 8601 in the transaction's zone */
    const char *body;
};

/* Calls cb for each matching ticket, newest first, from q->offset, at most
 * q->limit, and stores the number matching in all in *total.  Returns the
 * number passed to cb, or -1. */
int db_ticket_search(struct db *db, const struct db_ticket_query *q,
                     void (*cb)(void *ctx, const struct db_ticket_item *t), void *ctx,
                     int64_t *total);

/* One entry of a ticket's history, times in ISO 8601. */
struct db_ticket_history {
    const char *at, *status, *actor, *note;
};

/* The message a ticket came from, when there is one. */
struct db_ticket_origin {
    const char *channel, *intent, *received; /* received: ISO 8601 */
};

/* Calls item with the ticket code, origin with its first message (when it
 * has one), then event for each entry of its history, oldest first.
 * Returns 1, 0 when there is no such ticket, or -1. */
int db_ticket_detail(struct db *db, const char *code,
                     void (*item)(void *ctx, const struct db_ticket_item *t),
                     void (*origin)(void *ctx, const struct db_ticket_origin *o),
                     void (*event)(void *ctx, const struct db_ticket_history *e), void *ctx);

/* Sets the komisi (1-4; 0 clears it; -1 leaves it) and the category (a
 * code; "" clears it; NULL leaves it) of ticket code, and records the change
 * in its history under its current status with note and actor.  Returns 1,
 * 0 when there is no such ticket, or -1. */
int db_ticket_assign(struct db *db, const char *code, int komisi, const char *category,
                     const char *note, const char *actor);

/* The current status of ticket code into status (32 bytes), locking the
 * ticket's row until the transaction ends (call it inside one).  Returns 1,
 * 0 when there is no such ticket, or -1. */
int db_ticket_status(struct db *db, const char *code, char status[32]);

/* ---- statistics (db/stats.c) ---------------------------------------- */

/* Calls cb for each local day (the transaction's zone) of the last days
 * days and each intent with how many messages came, oldest day first.
 * Returns the number of rows or -1. */
int db_stats_messages(struct db *db, int days,
                      void (*cb)(void *ctx, const char *day, const char *intent, int64_t count),
                      void *ctx);

/* Counts the open tickets (a status not in closed, nclosed names) by status
 * (komisi < 0 in the callback) and then by komisi (status NULL; komisi 0
 * for none).  Returns 0 or -1. */
int db_stats_open(struct db *db, const char *const *closed, size_t nclosed,
                  void (*cb)(void *ctx, const char *status, int komisi, int64_t count), void *ctx);

/* Of the tickets created in the last days days: how many (*tickets), how
 * many have changed status since (*changed), and the median seconds from
 * creation to the first change of status (*median, -1 when none
 * changed).  Returns 0 or -1. */
int db_stats_first_change(struct db *db, int days, int64_t *tickets, int64_t *changed,
                          double *median);

/* ---- retention (db/retention.c) ------------------------------------ */

/*
 * Blanks the text, raw bytes, meta-data and reply of at most limit messages
 * older than days, in the order they came, from where the last call
 * stopped (settings.retention_done_id).  Sets *blanked to how many were
 * blanked and *more to 1 when the next call may find more (the chunk was
 * full of old messages), 0 when it reached a message too young to blank or
 * the end.  One statement: run it outside a transaction, repeatedly.
 * Returns 0 or -1.
 */
int db_retention_chunk(struct db *db, int days, int limit, int64_t *blanked, int *more);

#endif
