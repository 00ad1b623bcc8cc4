/*
 * The MO write path.  HTTP threads never touch PostgreSQL: they classify a
 * message (pure), submit it as a job, and suspend the connection.  Intake
 * workers, each with its own connection, take up to db.batch_max queued jobs
 * at once and run them in ONE transaction, so that one commit makes them all
 * durable; only after the COMMIT is every job of the batch completed, and
 * only then is Kannel answered.  With one job queued the batch is that job
 * alone.  One worker at a time takes a batch and runs its statements; the
 * next takes its batch once that one is committing, so commits overlap and
 * each batch holds what arrived meanwhile.  Under a steady flow a batch may
 * wait up to db.batch_wait to fill (intake_gather()).
 *
 * A bad or duplicate message never fails the others.  A duplicate (a Kannel
 * id already stored, or twice in one batch) is no failure: it gets the
 * first answer and writes nothing.  A batch runs first without savepoints:
 * what its jobs read first (the languages of their numbers, the ticket
 * numbers of their complaints, the tickets they ask about, what the
 * per-number limits count) is read for the whole batch in one query, and its MOs are written in one
 * statement; when a job fails, that transaction is rolled back and the batch runs again from its
 * inputs, each job under its own savepoint, so that the failed one fails alone.
 */
#ifndef ASPIRASI_INTAKE_H
#define ASPIRASI_INTAKE_H

#include <stdint.h>

#include "config/cfg.h"
#include "db/db.h"
#include "parsers/intent.h"
#include "parsers/ticket.h"

#define INTAKE_REPLY_MAX                                                                           \
    736 /* bytes: "END " and a USSD screen of 182 characters of up to 4 bytes */

enum intake_state { INTAKE_QUEUED = 0, INTAKE_DONE, INTAKE_FAILED };

/* What a job writes: an MO (and its effects), a delivery report, or one
 * step of a USSD session. */
enum intake_kind { INTAKE_MO = 0, INTAKE_DLR, INTAKE_USSD };

/* What a USSD step did to its session (intake_job.ussd_events), for the
 * metrics; 0 for a retried step. */
#define INTAKE_USSD_STARTED   0x01 /* a new session: home, or the offer to continue */
#define INTAKE_USSD_ENDED     0x02 /* a final screen */
#define INTAKE_USSD_TIMED_OUT 0x04 /* the session was silent longer than ussd.timeout */
#define INTAKE_USSD_RESUMED   0x08 /* a redial continued a dropped session */

/*
 * Per-number limits of SMS (limits.* of the configuration), in the order
 * they are applied; each is 0 when disabled.  What counts is read with the
 * batch (db_messages_ahead()) and includes the batch's own earlier jobs:
 *
 * - a reply loop: a text (db_text_norm()) that came from the number
 *   limits.loop_repeats times within limits.loop_window minutes, this one
 *   included, unless it starts with a keyword (AGENDA, STATUS 1234567: a
 *   citizen may ask again), or that is one of the replies the number got
 *   in that time (an auto-responder sending our reply back), is stored
 *   with an empty reply and does nothing else: no ticket, no subscription,
 *   no lookup;
 * - a complaint when the number opened limits.tickets_per_hour tickets in
 *   the last hour (SMS and USSD alike) is stored, intent kept, without a
 *   ticket; its reply is the "too many" notice unless an SMS of the number
 *   got that notice in the last hour, else empty;
 * - a message when the number got limits.replies_per_day non-empty replies
 *   in the last 24 hours is carried out but answered with the notice, and
 *   when it got more (the notice was one), with nothing.
 *
 * An empty reply is stored as such, so a retry of the same Kannel id gets
 * the same (no) answer; Kannel sends nothing for it with omit-empty = true.
 * USSD steps are never limited (a caller is on the line), but their
 * tickets count towards tickets_per_hour.  Two workers may each count a
 * number's messages without the other's uncommitted batch: with db.pool
 * above 1 a burst may pass a limit by what one batch holds.
 */
#define INTAKE_LIMITED_TICKETS 1
#define INTAKE_LIMITED_REPLIES 2
#define INTAKE_LIMITED_LOOP    3

struct intake_job {
    enum intake_kind kind;

    /* In, INTAKE_DLR: the report of outbox row dlr_id.  Out: dlr_found is 0
       when there is no such row. */
    int64_t dlr_id;
    int dlr_type;
    const char *dlr_reply;
    int dlr_found;

    /* In, INTAKE_USSD: the session (transport and its session id), the
       input (mo.text, "" on a new session) and, for the HTTP transport, the
       whole path of inputs ("1*2*jalan rusak") and their number; mo holds
       the message as for an MO, its kannel_id the de-duplication key.  Out:
       the screen is in reply, ussd_end says whether it is final, and
       ussd_events (INTAKE_USSD_* bits) what the step did to the session. */
    const char *ussd_session;   /* "http:<sessionId>", "smpp:<smsc>:<msisdn>:<hex>" */
    const char *ussd_transport; /* "http" or "smpp" */
    const char *ussd_path;      /* http: every input so far; NULL for smpp */
    int ussd_steps;             /* http: inputs in the path; smpp: 0 when the MO opened
                                   the session, else -1 */
    int ussd_end;
    int ussd_events;

    /* In, INTAKE_MO: the message (strings owned by the submitter, valid
       until done). */
    struct db_mo mo;
    enum intent intent;
    struct intent_arg arg;
    const char *body; /* the argument (a complaint's or proposal's text, the
                         words after INFO ...), NUL-terminated; NULL when none */

    /* Out: set by the worker before done() is called. */
    enum lang lang;   /* the language of the reply */
    int ask;          /* the reply asks "did you mean ...?" */
    int session_ok;   /* PROPOSAL: the session named can take input */
    int64_t answered; /* the message whose question this one answered, or 0 */
    enum intake_state state;
    int late;                         /* FAILED unread: it waited longer than journal.after (an SMS
                                         only, with a journal) */
    int duplicate;                    /* the Kannel id was already stored */
    int limited;                      /* INTAKE_LIMITED_*: why the answer was limited, or 0 */
    int notice;                       /* the reply is the "too many" notice */
    char ticket[TICKET_CODE_LEN + 1]; /* the ticket created, or "" */
    char reply[INTAKE_REPLY_MAX];     /* the reply, NUL-terminated */
    int reply_coding;                 /* 0 GSM-7, 2 UCS-2 */

    /* Called once from a worker thread when the job is DONE or FAILED. */
    void (*done)(struct intake_job *job, void *ctx);
    void *done_ctx;

    struct intake_job *next; /* queue link, owned by the intake */

    /* Private to the intake: what its batch read ahead for the job; what
       was not, the job reads itself. */
    int pre_lang;    /* the language its number chose (LANG_NONE: none), or -1 */
    int64_t pre_seq; /* a value of the ticket sequence for its ticket, or 0 */
    int pre_found;   /* STATUS: 1 when pre_ticket holds the ticket asked about, 0
                        when there is no such ticket, -1 */
    struct db_ticket_brief pre_ticket;
    int pre_limits; /* 1 when the three below were read with the batch (and
                       count its earlier jobs), 0: the job reads them */
    struct db_sender_counts pre_counts;
    int pre_repeats;           /* earlier SMS of its number with its text (normalised) */
    int pre_echo;              /* its text is a reply its number got lately */
    struct timespec queued_at; /* CLOCK_MONOTONIC, when submitted */
    struct intake_memo *memo;  /* the lookups its batch shares (agenda, info pages) */
};

struct intake;
struct intake_memo;

/*
 * Connects c->db_pool workers to the database and starts them.  lx is the
 * lexicon the messages were classified with (for topic names); key is the
 * ticket-code key (db_ticket_key()).  Returns NULL after logging why.
 */
struct intake *intake_start(const struct cfg *c, const struct lexicon *lx, uint64_t key);

/* Queues a job; job->done() will be called exactly once.  With a journal
 * (journal.dir), an SMS (INTAKE_MO) still queued journal.after ms after it
 * was submitted is taken out of the queue and done FAILED, with late set:
 * the database is away or too slow, and the caller journals it. */
void intake_submit(struct intake *in, struct intake_job *job);

/* Completes every queued job, stops the workers and frees the intake. */
void intake_stop(struct intake *in);

/* The jobs waiting for a worker right now. */
int intake_queued(struct intake *in);

#endif
