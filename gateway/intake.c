/*
 * Intake workers: the only place where an MO becomes rows.  See intake.h
 * for the batching contract.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "gateway/intake.h"
#include "parsers/msisdn.h"
#include "parsers/reply.h"

struct intake {
    const struct cfg *cfg;
    uint64_t key;

    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct intake_job *head, *tail;
    int queued;
    int stopping;

    int nworkers;
    pthread_t *threads;
    struct db **conns;
};

struct worker_arg {
    struct intake *in;
    int index;
};

/* Renders reply r of the configuration with v into the job. */
static int
job_render(struct intake_job *job, const struct cfg *c, enum cfg_reply r,
           const struct reply_vars *v)
{
    if (reply_render(c->replies[r], v, job->reply, sizeof(job->reply)) < 0) {
        /* Templates are checked at start-up with the longest values. */
        log_warnx("event=reply_render_failed reply=%s", cfg_reply_name(r));
        return -1;
    }
    job->reply_coding = 0;
    return 0;
}

/* The label citizens read for a status name; the name when unknown. */
static const char *
status_label(const struct cfg *c, const char *name)
{
    const struct cfg_status *st = cfg_status_find(c, name);

    return st != NULL ? st->label : name;
}

/* Answers a STATUS request, reading the ticket when the code is valid. */
static int
job_status(struct db *conn, const struct cfg *c, struct intake_job *job)
{
    struct reply_vars v = {0};
    struct db_ticket_brief b;
    int found;

    switch (job->arg.ticket_ref) {
    case TICKET_REF_NONE:
        return job_render(job, c, REPLY_STATUS_MISSING, &v);
    case TICKET_REF_BAD_CHECK:
    case TICKET_REF_BAD_LENGTH:
        v.code = job->arg.ticket;
        return job_render(job, c, REPLY_STATUS_BAD_CODE, &v);
    case TICKET_REF_VALID:
        break;
    }
    found = db_ticket_brief(conn, job->arg.ticket, c->timezone, &b);
    if (found < 0)
        return -1;
    v.ticket = job->arg.ticket;
    if (found == 0)
        return job_render(job, c, REPLY_STATUS_NOT_FOUND, &v);
    v.status = status_label(c, b.status);
    v.date = b.updated;
    return job_render(job, c, REPLY_STATUS, &v);
}

/*
 * Works out the reply of one job and writes its rows on conn, inside the
 * caller's transaction.  Side effects (ticket, subscription) happen only
 * when the message row is new, so a retried MO changes nothing.
 */
static int
intake_one(struct db *conn, const struct cfg *c, uint64_t key, struct intake_job *job)
{
    struct reply_vars v = {0};
    char *stored = NULL;
    int64_t seq, id;
    int rc, coding;

    job->ticket[0] = '\0';
    job->duplicate = 0;
    switch (job->intent) {
    case INTENT_COMPLAINT:
        if (job->body == NULL || job->body[0] == '\0') {
            rc = job_render(job, c, REPLY_COMPLAINT_EMPTY, &v);
            break;
        }
        if (db_ticket_next_seq(conn, &seq) < 0)
            return -1;
        ticket_code_make((uint64_t)seq, key, job->ticket);
        v.ticket = job->ticket;
        rc = job_render(job, c, REPLY_COMPLAINT, &v);
        break;
    case INTENT_STATUS:
        rc = job_status(conn, c, job);
        break;
    case INTENT_SUBSCRIBE:
        rc = job_render(job, c, REPLY_SUBSCRIBE, &v);
        break;
    case INTENT_UNSUBSCRIBE:
        rc = job_render(job, c, REPLY_UNSUBSCRIBE, &v);
        break;
    case INTENT_AGENDA:
    case INTENT_INFO:
        v.keyword =
            c->nkeywords[job->intent] > 0 ? c->keywords[job->intent][0] : intent_name(job->intent);
        rc = job_render(job, c, REPLY_UNAVAILABLE, &v);
        break;
    case INTENT_HELP:
    case INTENT_UNKNOWN:
    default:
        rc = job_render(job, c, REPLY_HELP, &v);
        break;
    }
    if (rc < 0)
        return -1;

    job->mo.intent = intent_name(job->intent);
    job->mo.reply = job->reply;
    job->mo.reply_coding = job->reply_coding;
    rc = db_message_insert(conn, &job->mo, &id, &stored, &coding);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        /* The same Kannel id again: the first answer, nothing new. */
        job->duplicate = 1;
        job->ticket[0] = '\0';
        snprintf(job->reply, sizeof(job->reply), "%s", stored);
        job->reply_coding = coding;
        free(stored);
        return 0;
    }

    switch (job->intent) {
    case INTENT_COMPLAINT:
        if (job->ticket[0] != '\0' && db_ticket_insert(conn, job->ticket, id, job->mo.msisdn,
                                                       job->body, c->statuses[0].name) < 0)
            return -1;
        break;
    case INTENT_SUBSCRIBE:
    case INTENT_UNSUBSCRIBE:
        if (db_citizen_subscribe(conn, job->mo.msisdn, job->intent == INTENT_SUBSCRIBE) < 0)
            return -1;
        break;
    default:
        break;
    }
    return 0;
}

/*
 * Runs a batch in one transaction.  Each job is DONE or FAILED afterwards;
 * none is DONE unless the COMMIT succeeded.
 */
static void
intake_batch(struct intake *in, struct db *conn, struct intake_job **jobs, int n)
{
    int i, ok = 0, savepoints = n > 1;

    for (i = 0; i < n; i++)
        jobs[i]->state = INTAKE_FAILED;
    if (db_ensure(conn) < 0 || db_begin(conn) < 0)
        return;
    for (i = 0; i < n; i++) {
        if (savepoints && db_savepoint(conn) < 0)
            break;
        if (intake_one(conn, in->cfg, in->key, jobs[i]) == 0) {
            if (savepoints && db_release(conn) < 0)
                break;
            jobs[i]->state = INTAKE_DONE;
            ok++;
        } else if (!savepoints || db_rollback_to(conn) < 0) {
            break;
        }
    }
    if (i < n) {
        /* The transaction itself broke: nothing of it stands. */
        db_rollback(conn);
        for (i = 0; i < n; i++)
            jobs[i]->state = INTAKE_FAILED;
        return;
    }
    if (db_commit(conn) < 0) {
        for (i = 0; i < n; i++)
            jobs[i]->state = INTAKE_FAILED;
        return;
    }
    if (ok < n)
        log_warnx("event=intake_batch_partial jobs=%d failed=%d", n, n - ok);
}

static void *
intake_worker(void *arg)
{
    struct worker_arg *wa = arg;
    struct intake *in = wa->in;
    struct db *conn = in->conns[wa->index];
    int max = in->cfg->db_batch_max, n, i;
    struct intake_job **jobs = xcalloc((size_t)max, sizeof(*jobs));

    free(wa);
    for (;;) {
        pthread_mutex_lock(&in->lock);
        while (in->head == NULL && !in->stopping)
            pthread_cond_wait(&in->wake, &in->lock);
        if (in->head == NULL && in->stopping) {
            pthread_mutex_unlock(&in->lock);
            break;
        }
        for (n = 0; n < max && in->head != NULL; n++) {
            jobs[n] = in->head;
            in->head = in->head->next;
            jobs[n]->next = NULL;
        }
        if (in->head == NULL)
            in->tail = NULL;
        in->queued -= n;
        pthread_mutex_unlock(&in->lock);

        intake_batch(in, conn, jobs, n);
        for (i = 0; i < n; i++)
            jobs[i]->done(jobs[i], jobs[i]->done_ctx);
    }
    free(jobs);
    return NULL;
}

/* Closes the connections and frees the intake; its threads have ended. */
static void
intake_free(struct intake *in)
{
    for (int i = 0; i < in->nworkers; i++)
        db_close(in->conns[i]);
    free(in->conns);
    free(in->threads);
    pthread_mutex_destroy(&in->lock);
    pthread_cond_destroy(&in->wake);
    free(in);
}

struct intake *
intake_start(const struct cfg *c, uint64_t key)
{
    struct intake *in = xcalloc(1, sizeof(*in));
    int i;

    in->cfg = c;
    in->key = key;
    in->nworkers = c->db_pool;
    pthread_mutex_init(&in->lock, NULL);
    pthread_cond_init(&in->wake, NULL);
    in->conns = xcalloc((size_t)in->nworkers, sizeof(*in->conns));
    in->threads = xcalloc((size_t)in->nworkers, sizeof(*in->threads));
    for (i = 0; i < in->nworkers; i++) {
        in->conns[i] = db_connect(c->database);
        if (in->conns[i] == NULL)
            goto fail;
    }
    for (i = 0; i < in->nworkers; i++) {
        struct worker_arg *wa = xmalloc(sizeof(*wa));

        wa->in = in;
        wa->index = i;
        if (pthread_create(&in->threads[i], NULL, intake_worker, wa) != 0)
            fatal("event=thread_create_failed what=intake");
    }
    return in;

fail:
    intake_free(in);
    return NULL;
}

void
intake_submit(struct intake *in, struct intake_job *job)
{
    job->state = INTAKE_QUEUED;
    job->next = NULL;
    pthread_mutex_lock(&in->lock);
    if (in->tail != NULL)
        in->tail->next = job;
    else
        in->head = job;
    in->tail = job;
    in->queued++;
    pthread_cond_signal(&in->wake);
    pthread_mutex_unlock(&in->lock);
}

int
intake_queued(struct intake *in)
{
    int n;

    pthread_mutex_lock(&in->lock);
    n = in->queued;
    pthread_mutex_unlock(&in->lock);
    return n;
}

void
intake_stop(struct intake *in)
{
    int i;

    if (in == NULL)
        return;
    pthread_mutex_lock(&in->lock);
    in->stopping = 1;
    pthread_cond_broadcast(&in->wake);
    pthread_mutex_unlock(&in->lock);
    for (i = 0; i < in->nworkers; i++)
        pthread_join(in->threads[i], NULL);
    intake_free(in);
}
