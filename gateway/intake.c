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
#include "parsers/ticketref.h"

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

/* Renders reply r of the configuration, in the job's language, with v. */
static int
job_render(struct intake_job *job, const struct cfg *c, enum cfg_reply r,
           const struct reply_vars *v)
{
    if (reply_render(c->replies[job->lang][r], v, job->reply, sizeof(job->reply)) < 0) {
        /* Templates are checked at start-up with the longest values. */
        log_warnx("event=reply_render_failed reply=%s lang=%s", cfg_reply_name(r),
                  lang_code(job->lang));
        return -1;
    }
    job->reply_coding = 0;
    return 0;
}

/* The keyword a citizen reads for an intent: its first configured one. */
static const char *
intent_keyword(const struct cfg *c, enum intent in)
{
    return c->nkeywords[in] > 0 ? c->keywords[in][0] : intent_name(in);
}

/* The label citizens read for a status name; the name when unknown. */
static const char *
status_label(const struct cfg *c, const char *name)
{
    const struct cfg_status *st = cfg_status_find(c, name);

    return st != NULL ? st->label : name;
}

/*
 * A number whose check digit is wrong: when exactly one of its one-typo
 * corrections is a ticket of the same phone, offer it ("did you mean");
 * never name a ticket of somebody else.
 */
static int
job_bad_code(struct db *conn, const struct cfg *c, struct intake_job *job)
{
    char fixes[64][TICKET_CODE_LEN + 1], one[TICKET_CODE_LEN + 1];
    struct reply_vars v = {.code = job->arg.ticket};
    size_t n;
    int owned;

    if (job->arg.ticket_ref == TICKET_REF_BAD_CHECK) {
        n = ticketref_corrections(job->arg.ticket, fixes, 64);
        if (n > 64)
            n = 64;
        owned = n > 0 ? db_tickets_owned(conn, job->mo.msisdn, (const char(*)[8])fixes, n, one) : 0;
        if (owned < 0)
            return -1;
        if (owned == 1) {
            v.ticket = one;
            return job_render(job, c, REPLY_STATUS_SUGGEST, &v);
        }
    }
    return job_render(job, c, REPLY_STATUS_BAD_CODE, &v);
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
        return job_bad_code(conn, c, job);
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
 * The language of the reply: the one the citizen chose (BAHASA JAWA), else
 * the one the message is written in, else Indonesian.
 */
static int
job_language(struct db *conn, struct intake_job *job)
{
    char code[4];
    enum lang l;
    int rc;

    if (job->intent == INTENT_LANGUAGE) {
        job->lang = job->arg.lang != LANG_NONE ? job->arg.lang : LANG_ID;
        return 0;
    }
    if ((rc = db_citizen_language(conn, job->mo.msisdn, code)) < 0)
        return -1;
    if (rc == 1 && lang_from_code(code, &l) == 0 && l != LANG_NONE)
        job->lang = l;
    else
        job->lang = job->arg.lang != LANG_NONE ? job->arg.lang : LANG_ID;
    return 0;
}

/*
 * A "yes" ("1", "ya", "nggih") answering an open question takes over the
 * intent and the text of the message that was asked about.  Returns 1 when
 * it did (*owned then holds the text, to be freed), 0 when there was no
 * question, -1 on error.
 */
static int
job_answer(struct db *conn, const struct cfg *c, struct intake_job *job, char **owned)
{
    char name[16];
    int64_t asked;
    enum intent in;
    int rc;

    if (job->intent != INTENT_UNKNOWN || !intent_is_yes(job->mo.text, job->mo.text_len))
        return 0;
    rc = db_pending_take(conn, job->mo.msisdn, c->confirm_window, name, &asked, owned);
    if (rc <= 0)
        return rc;
    if (intent_from_name(name, &in) < 0) {
        free(*owned);
        *owned = NULL;
        return 0;
    }
    job->intent = in;
    job->body = *owned;
    job->arg.confidence = 100;
    job->answered = asked;
    return 1;
}

/* True when the reading is too unsure to act on without asking: only
 * intents that change something are asked about. */
static int
job_unsure(const struct intake_job *job)
{
    if (job->arg.confidence >= INTENT_CONFIDENT)
        return 0;
    return (job->intent == INTENT_COMPLAINT && job->body != NULL && job->body[0] != '\0') ||
           job->intent == INTENT_SUBSCRIBE;
}

/* Works out the reply of the job, before anything is written. */
static int
job_reply(struct db *conn, const struct cfg *c, uint64_t key, struct intake_job *job)
{
    struct reply_vars v = {0};
    int64_t seq;

    if (job->ask) {
        v.keyword = intent_keyword(c, job->intent);
        return job_render(job, c, REPLY_CONFIRM, &v);
    }
    switch (job->intent) {
    case INTENT_COMPLAINT:
        if (job->body == NULL || job->body[0] == '\0')
            return job_render(job, c, REPLY_COMPLAINT_EMPTY, &v);
        if (db_ticket_next_seq(conn, &seq) < 0)
            return -1;
        ticket_code_make((uint64_t)seq, key, job->ticket);
        v.ticket = job->ticket;
        return job_render(job, c, REPLY_COMPLAINT, &v);
    case INTENT_STATUS:
        return job_status(conn, c, job);
    case INTENT_SUBSCRIBE:
        return job_render(job, c, REPLY_SUBSCRIBE, &v);
    case INTENT_UNSUBSCRIBE:
        return job_render(job, c, REPLY_UNSUBSCRIBE, &v);
    case INTENT_LANGUAGE:
        return job_render(job, c, REPLY_LANGUAGE, &v);
    case INTENT_AGENDA:
    case INTENT_INFO:
        v.keyword = intent_keyword(c, job->intent);
        return job_render(job, c, REPLY_UNAVAILABLE, &v);
    case INTENT_HELP:
    case INTENT_UNKNOWN:
    default:
        return job_render(job, c, REPLY_HELP, &v);
    }
}

/* Carries out what a new message asked for, after its row was written. */
static int
job_effects(struct db *conn, const struct cfg *c, struct intake_job *job, int64_t id)
{
    const char *msisdn = job->mo.msisdn;

    if (job->ask)
        return db_pending_put(conn, msisdn, intent_name(job->intent), id,
                              job->body != NULL ? job->body : "");
    switch (job->intent) {
    case INTENT_COMPLAINT:
        if (job->ticket[0] == '\0')
            return 0;
        return db_ticket_insert(conn, job->ticket, job->answered > 0 ? job->answered : id, msisdn,
                                job->body, c->statuses[0].name);
    case INTENT_SUBSCRIBE:
    case INTENT_UNSUBSCRIBE:
        return db_citizen_subscribe(conn, msisdn, job->intent == INTENT_SUBSCRIBE);
    case INTENT_LANGUAGE:
        return db_citizen_set_language(conn, msisdn, lang_code(job->lang));
    default:
        return 0;
    }
}

/*
 * Works out the reply of one job and writes its rows on conn, inside the
 * caller's transaction.  Side effects (ticket, subscription, language,
 * question) happen only when the message row is new, so a retried MO
 * changes nothing and gets the first answer.
 */
static int
intake_one(struct db *conn, const struct cfg *c, uint64_t key, struct intake_job *job)
{
    char *stored = NULL, *owned = NULL;
    int64_t id;
    int rc, coding;

    job->ticket[0] = '\0';
    job->duplicate = 0;
    job->answered = 0;
    job->ask = 0;
    if (job_answer(conn, c, job, &owned) < 0 || job_language(conn, job) < 0)
        goto fail;
    job->ask = job_unsure(job);
    if (job_reply(conn, c, key, job) < 0)
        goto fail;

    job->mo.intent = intent_name(job->intent);
    job->mo.reply = job->reply;
    job->mo.reply_coding = job->reply_coding;
    rc = db_message_insert(conn, &job->mo, &id, &stored, &coding);
    if (rc < 0)
        goto fail;
    if (rc == 0) {
        /* The same Kannel id again: the first answer, nothing new. */
        job->duplicate = 1;
        job->ticket[0] = '\0';
        snprintf(job->reply, sizeof(job->reply), "%s", stored);
        job->reply_coding = coding;
        free(stored);
    } else if (job_effects(conn, c, job, id) < 0) {
        goto fail;
    }
    if (job->body == owned)
        job->body = NULL; /* it pointed into what is freed here */
    free(owned);
    return 0;

fail:
    if (job->body == owned)
        job->body = NULL;
    free(owned);
    return -1;
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
