/*
 * What aspirasid counts for the operator, and the routes that show it:
 * GET /metrics (the Prometheus text format, gateway/prom.c) and GET
 * /healthz (PostgreSQL and Kannel's sendsms reachable or not), both in
 * api_ops_routes (gateway/api.h).
 *
 * The counters are process-wide C11 atomics: the HTTP threads, the intake
 * workers and the sender threads bump them without a lock, and a scrape
 * reads them as they are.  Gauges that live in the database (the outbox by
 * state, the USSD sessions active) are read by the scrape itself.  Every
 * label takes a value from a fixed set, so the number of series is bounded
 * whatever the traffic.
 */
#ifndef ASPIRASI_METRICS_H
#define ASPIRASI_METRICS_H

#include <time.h>

#include "db/db.h"
#include "parsers/intent.h"

/* The channel a message came by and its reply went by. */
enum metrics_channel { METRICS_SMS = 0, METRICS_USSD, METRICS_CHANNEL__COUNT };

/* The intent label of a USSD step that only moved in the menu (no action):
 * one past the intents of parsers/intent.h. */
#define METRICS_INTENT_MENU INTENT__COUNT

/* A message was stored: a new one of intent (an enum intent, or
 * METRICS_INTENT_MENU), or a retry of one stored before (duplicate). */
void metrics_message_in(enum metrics_channel ch, int intent, int duplicate);

/* Why a message got a limited answer (gateway/intake.c): a complaint beyond
 * limits.tickets_per_hour (no ticket), a message beyond
 * limits.replies_per_day (no reply), or a reply loop (the same text again
 * and again, or one of our own replies sent back: no reply). */
enum metrics_limit {
    METRICS_LIMIT_TICKETS = 0,
    METRICS_LIMIT_REPLIES,
    METRICS_LIMIT_LOOP,
    METRICS_LIMIT__COUNT
};

/* A new message was limited for reason. */
void metrics_message_limited(enum metrics_limit reason);

/* A reply was queued to the caller for a request that began at t0
 * (CLOCK_MONOTONIC): counted, and its latency observed. */
void metrics_reply(enum metrics_channel ch, const struct timespec *t0);

/* What became of one sendsms attempt of an outbox row. */
enum metrics_send {
    METRICS_SEND_ACCEPTED = 0, /* Kannel took it */
    METRICS_SEND_RETRY,        /* it failed and is queued again */
    METRICS_SEND_FAILED,       /* it failed for good */
    METRICS_SEND__COUNT
};

void metrics_outbox_send(enum db_outbox_kind kind, enum metrics_send result);

/* Why a sendsms request failed. */
enum metrics_sendsms_error {
    METRICS_SENDSMS_CONNECT = 0, /* no connection (refused, name, TLS) */
    METRICS_SENDSMS_TIMEOUT,     /* no answer within sendsms.timeout */
    METRICS_SENDSMS_STATUS,      /* Kannel answered, but not 2xx */
    METRICS_SENDSMS_TOO_LONG,    /* the request could not be built */
    METRICS_SENDSMS__COUNT
};

void metrics_sendsms_error(enum metrics_sendsms_error e);

/* A delivery report of Kannel's type (1, 2, 4, 8 or 16) was stored for an
 * outbox row; other types are ignored. */
void metrics_dlr(int type);

/* What a USSD step did to its session (decided by gateway/intake.c). */
enum metrics_ussd {
    METRICS_USSD_STARTED = 0, /* a new session: home, or the offer to continue */
    METRICS_USSD_ENDED,       /* a final screen (END) was shown */
    METRICS_USSD_TIMED_OUT,   /* a step came after ussd.timeout of silence */
    METRICS_USSD_RESUMED,     /* a redial continued a dropped session */
    METRICS_USSD__COUNT
};

void metrics_ussd_session(enum metrics_ussd ev);

/* The routes of error answers. */
enum metrics_route {
    METRICS_ROUTE_MO = 0, /* /kannel/mo */
    METRICS_ROUTE_DLR,    /* /kannel/dlr */
    METRICS_ROUTE_USSD,   /* /ussd */
    METRICS_ROUTE_API,    /* /api/ */
    METRICS_ROUTE_OPEN311,
    METRICS_ROUTE_OPS, /* /metrics, /healthz */
    METRICS_ROUTE_OTHER,
    METRICS_ROUTE__COUNT
};

/* An answer with status 400..599 was sent on route; others are ignored. */
void metrics_http_error(enum metrics_route route, int status);

/* Who saw a database operation fail. */
enum metrics_db_user {
    METRICS_DB_INTAKE = 0,
    METRICS_DB_SENDER,
    METRICS_DB_API,
    METRICS_DB__COUNT
};

void metrics_db_error(enum metrics_db_user who);

/* The intake workers (database connections of the MO path): how many
 * there are, how many are writing a batch (delta +1 / -1), how many jobs
 * wait for one (delta), and the size of each batch committed or not. */
void metrics_intake_workers(int total);
void metrics_intake_busy(int delta);
void metrics_intake_queued(int delta);
void metrics_intake_batch(int jobs);

/* The parts of an intake batch that ran in one pass, in their order
 * (aspirasi_intake_batch_seconds{part}). */
enum metrics_batch_part {
    METRICS_PART_READ = 0, /* BEGIN and what the batch reads ahead */
    METRICS_PART_REPLIES,  /* working out every reply and screen */
    METRICS_PART_WRITE,    /* the writes */
    METRICS_PART_COMMIT,   /* the COMMIT, the flush to disk included */
    METRICS_PART__COUNT
};

/* Counts the time from *t0 to now as part of a batch, and sets *t0 to now
 * (CLOCK_MONOTONIC). */
void metrics_intake_part(enum metrics_batch_part part, struct timespec *t0);

/* The local journal (gateway/journal.h): n SMS written to it, replayed
 * from it into the database, records or byte ranges found damaged, SMS it
 * could not take (answered 503), SMS the database refused on replay (kept
 * aside), replies queued again because their HTTP answer was cut
 * (journal_followup()); and the records waiting (delta). */
enum metrics_journal {
    METRICS_JOURNAL_WRITTEN = 0,
    METRICS_JOURNAL_REPLAYED,
    METRICS_JOURNAL_DAMAGED,
    METRICS_JOURNAL_FAILED,
    METRICS_JOURNAL_REFUSED,
    METRICS_JOURNAL_RESENT,
    METRICS_JOURNAL__COUNT
};

void metrics_journal(enum metrics_journal ev, int n);
void metrics_journal_pending(int64_t delta);

#endif
