/*
 * The MO write path.  HTTP threads never touch PostgreSQL: they classify a
 * message (pure), submit it as a job, and suspend the connection.  Intake
 * workers, each with its own connection, take up to db.batch_max queued jobs
 * at once and run them in ONE transaction, each job under its own savepoint
 * so that a bad or duplicate message never fails the others; only after the
 * COMMIT is every job of the batch completed, and only then is Kannel
 * answered.  With one job queued the batch is that job alone.
 */
#ifndef ASPIRASI_INTAKE_H
#define ASPIRASI_INTAKE_H

#include <stdint.h>

#include "config/cfg.h"
#include "db/db.h"
#include "parsers/intent.h"
#include "parsers/ticket.h"

#define INTAKE_REPLY_MAX 640 /* bytes: 160 GSM-7 characters of up to 4 bytes */

enum intake_state { INTAKE_QUEUED = 0, INTAKE_DONE, INTAKE_FAILED };

struct intake_job {
    /* In: the message (strings owned by the submitter, valid until done). */
    struct db_mo mo;
    enum intent intent;
    struct intent_arg arg;
    const char *body; /* a complaint's text, NUL-terminated; NULL otherwise */

    /* Out: set by the worker before done() is called. */
    enum lang lang;   /* the language of the reply */
    int ask;          /* the reply asks "did you mean ...?" */
    int64_t answered; /* the message whose question this one answered, or 0 */
    enum intake_state state;
    int duplicate;                    /* the Kannel id was already stored */
    char ticket[TICKET_CODE_LEN + 1]; /* the ticket created, or "" */
    char reply[INTAKE_REPLY_MAX];     /* the reply, NUL-terminated */
    int reply_coding;                 /* 0 GSM-7, 2 UCS-2 */

    /* Called once from a worker thread when the job is DONE or FAILED. */
    void (*done)(struct intake_job *job, void *ctx);
    void *done_ctx;

    struct intake_job *next; /* queue link, owned by the intake */
};

struct intake;

/*
 * Connects c->db_pool workers to the database and starts them.  key is the
 * ticket-code key (db_ticket_key()).  Returns NULL after logging why.
 */
struct intake *intake_start(const struct cfg *c, uint64_t key);

/* Queues a job; job->done() will be called exactly once. */
void intake_submit(struct intake *in, struct intake_job *job);

/* Completes every queued job, stops the workers and frees the intake. */
void intake_stop(struct intake *in);

/* The jobs waiting for a worker right now. */
int intake_queued(struct intake *in);

#endif
