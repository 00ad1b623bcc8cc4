/*
 * Intake workers: the only place where an MO becomes rows.  See intake.h
 * for the batching contract.
 *
 * What a batch costs is mostly statements, each a round trip and an
 * executor started on the server, rather than rows or the disk.  So a
 * batch runs without savepoints; one query reads what its jobs need first
 * (the languages of their numbers, ticket numbers for their complaints,
 * the tickets they ask about, what the per-number limits count); each
 * MO's reply is then worked out, reading only what is particular to it
 * (an agenda, an info page); and one statement writes every MO of the
 * batch with its ticket or lookup.  A batch of complaints is BEGIN, two
 * statements and COMMIT.  Only when a job fails does the batch run again
 * job by job, each under a savepoint and reading and writing for itself
 * (intake_mo()), the way every batch ran before.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "gateway/intake.h"
#include "gateway/metrics.h"
#include "menus/menu.h"
#include "parsers/agendareply.h"
#include "parsers/gsm7.h"
#include "parsers/msisdn.h"
#include "parsers/reply.h"
#include "parsers/ticketref.h"

struct intake {
    const struct cfg *cfg;
    const struct lexicon *lx;
    uint64_t key;

    pthread_mutex_t lock;
    pthread_cond_t wake; /* idle workers: a job, or the next may take a batch */
    pthread_cond_t full; /* the gathering worker: enough jobs, or a USSD step */
    struct intake_job *head, *tail;
    int queued;
    int queued_ussd;
    int stopping;
    int executing;        /* a worker is between taking its batch and its COMMIT */
    int gathering;        /* that worker is waiting for its batch to fill */
    int last_batch;       /* the jobs of the batch taken last */
    long wait_ns;         /* db.batch_wait */
    long late_ns;         /* journal.after, or 0: no watch */
    pthread_cond_t watch; /* the watch: stopping */
    pthread_t watcher;
    int target; /* a batch this large runs without waiting */

    int nworkers;
    pthread_t *threads;
    struct db **conns;
};

/* How long a gathering batch waits for the next job (ns). */
#define INTAKE_GATHER_GAP 2000000L

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
    if (job->pre_found >= 0) {
        found = job->pre_found; /* read with the rest of the batch */
        b = job->pre_ticket;
    } else if ((found = db_ticket_brief(conn, job->arg.ticket, c->timezone, &b)) < 0) {
        return -1;
    }
    v.ticket = job->arg.ticket;
    if (found == 0)
        return job_render(job, c, REPLY_STATUS_NOT_FOUND, &v);
    v.status = status_label(c, b.status);
    v.date = b.updated;
    return job_render(job, c, REPLY_STATUS, &v);
}

#define AGENDA_SHOWN_MAX 8 /* sessions read for one answer; fewer ever fit */

struct agenda_read {
    struct db_session s[AGENDA_SHOWN_MAX];
    size_t n;
};

static void
agenda_keep(void *ctx, const struct db_session *s)
{
    struct agenda_read *ar = ctx;

    if (ar->n < AGENDA_SHOWN_MAX)
        ar->s[ar->n++] = *s;
}

struct topic_names {
    char names[16][21];
    const char *ptrs[16];
    size_t n;
};

/*
 * What the jobs of a worker's batches look up alike, read once: the
 * sessions of an agenda query (AGENDA, AGENDA BESOK, ...: a batch of 32
 * SMS holds three on average in bench/run) and the information pages.
 * The first so many different lookups are kept; others are read job by
 * job.  What was read stays for the next batches while the version of
 * the agenda and pages that each batch reads ahead (migration 014) is the
 * one it was read at, and for MEMO_TTL_NS at most: the next sessions
 * depend on the time too (one that ended drops out).
 */
#define MEMO_AGENDA 32
#define MEMO_INFO   16
#define MEMO_TTL_NS 1000000000L

struct intake_memo {
    struct {
        char key[64]; /* the query (agenda_key()) */
        struct agenda_read ar;
        int total;
    } agenda[MEMO_AGENDA];
    int nagenda;
    struct {
        char topic[21];
        int found;  /* db_info_get()'s answer: 1, or 0 for no such page */
        char *page; /* when found */
    } info[MEMO_INFO];
    int ninfo;
    int have_list;
    struct topic_names list;
    int valid;             /* what it holds was read at version ... */
    int64_t version;       /* ... of the agenda and pages */
    struct timespec since; /* when it started afresh (CLOCK_MONOTONIC) */
};

/* a + ns */
static struct timespec
ts_add(struct timespec a, long ns)
{
    a.tv_nsec += ns;
    a.tv_sec += a.tv_nsec / 1000000000L;
    a.tv_nsec %= 1000000000L;
    return a;
}

static int
ts_before(struct timespec a, struct timespec b)
{
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

/* Empties the memo; it holds nothing valid for later batches. */
static void
memo_clear(struct intake_memo *m)
{
    for (int i = 0; i < m->ninfo; i++)
        free(m->info[i].page);
    m->nagenda = 0;
    m->ninfo = 0;
    m->have_list = 0;
    m->valid = 0;
}

/* A batch read the version of the agenda and pages (has_version: the
 * database has one): the memo stays when it was read at that version and
 * is young enough, else it starts afresh at this version. */
static void
memo_renew(struct intake_memo *m, int has_version, int64_t version)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    if (m->valid && has_version && version == m->version &&
        ts_before(now, ts_add(m->since, MEMO_TTL_NS)))
        return;
    memo_clear(m);
    m->valid = has_version;
    m->version = version;
    m->since = now;
}

static void
agenda_key(const struct db_session_query *q, char key[64])
{
    snprintf(key, 64, "%s|%s|%d|%s|%d", q->from != NULL ? q->from : "-",
             q->to != NULL ? q->to : "-", q->komisi, q->type != NULL ? q->type : "-",
             q->include_cancelled);
}

/* The sessions of q, from the batch's memo when it has them.  Returns 0 or
 * -1; *out points into the memo, or to ar, until the next batch. */
static int
agenda_lookup(struct db *conn, const char *tz, struct intake_memo *m,
              const struct db_session_query *q, struct agenda_read *ar,
              const struct agenda_read **out, int *total)
{
    char key[64];
    int i;

    if (m == NULL) {
        *out = ar;
        return db_session_list(conn, q, tz, agenda_keep, ar, total) < 0 ? -1 : 0;
    }
    agenda_key(q, key);
    for (i = 0; i < m->nagenda; i++)
        if (strcmp(m->agenda[i].key, key) == 0) {
            *out = &m->agenda[i].ar;
            *total = m->agenda[i].total;
            return 0;
        }
    if (i == MEMO_AGENDA)
        return agenda_lookup(conn, tz, NULL, q, ar, out, total);
    m->agenda[i].ar.n = 0;
    if (db_session_list(conn, q, tz, agenda_keep, &m->agenda[i].ar, &m->agenda[i].total) < 0)
        return -1;
    snprintf(m->agenda[i].key, sizeof(m->agenda[i].key), "%s", key);
    m->nagenda++;
    *out = &m->agenda[i].ar;
    *total = m->agenda[i].total;
    return 0;
}

/*
 * Answers an agenda lookup: resolves the days asked for against today in
 * the configured zone (aspirasid runs with TZ set to it), reads the
 * sessions, cancelled ones included so that the citizen learns of the
 * cancellation, and formats as many as fit one SMS.
 */
static int
job_agenda(struct db *conn, const struct intake *in, struct intake_job *job)
{
    struct agenda_read own = {.n = 0};
    const struct agenda_read *ar = &own;
    struct agenda_item items[AGENDA_SHOWN_MAX];
    struct db_session_query q = {0};
    struct agenda_date today, from, to;
    const struct agenda_filter *f = &job->arg.agenda;
    char sfrom[16], sto[16];
    time_t now = time(NULL);
    struct tm tm;
    int range, total = 0;

    localtime_r(&now, &tm);
    today = (struct agenda_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    range = agenda_range(f, today, tm.tm_wday, &from, &to);
    if (range >= 0) {
        if (range == 1) {
            snprintf(sfrom, sizeof(sfrom), "%04d-%02d-%02d", from.year, from.month, from.day);
            snprintf(sto, sizeof(sto), "%04d-%02d-%02d", to.year, to.month, to.day);
            q.from = sfrom;
            q.to = sto;
        }
        q.komisi = f->komisi;
        q.type = f->type != AGENDA_TYPE_ANY && !(f->type == AGENDA_TYPE_KOMISI && f->komisi > 0)
                     ? agenda_type_name(f->type)
                     : NULL;
        q.include_cancelled = 1;
        q.limit = AGENDA_SHOWN_MAX;
        if (agenda_lookup(conn, in->cfg->timezone, job->memo, &q, &own, &ar, &total) < 0)
            return -1;
    }
    for (size_t i = 0; i < ar->n; i++) {
        const struct db_session *s = &ar->s[i];

        items[i] = (struct agenda_item){
            .id = s->id,
            .type = agenda_type_from_name(s->type),
            .komisi = s->komisi,
            .title = s->title,
            .place = s->place,
            .wday = s->wday,
            .day = s->day,
            .month = s->month,
            .hour = s->hour,
            .minute = s->minute,
            .cancelled = s->cancelled,
        };
    }
    agenda_reply_format(job->lang, f, items, ar->n, total > 0 ? (size_t)total : ar->n, job->reply,
                        sizeof(job->reply));
    job->reply_coding = 0;
    return 0;
}

/* The page name a citizen asked for: the lexicon's topic, else the first
 * word after INFO in lower case ("INFO PAJAK" -> "pajak"), else "" (the
 * list).  topic has room for 21 bytes. */
static void
info_topic(const struct intake *in, const struct intake_job *job, char topic[21])
{
    const char *name = job->arg.topic >= 0 ? lexicon_topic_name(in->lx, job->arg.topic) : NULL;
    size_t n = 0;

    if (name != NULL) {
        snprintf(topic, 21, "%s", name);
        return;
    }
    for (const char *p = job->body != NULL ? job->body : ""; *p != '\0' && n < 20; p++) {
        unsigned char ch = (unsigned char)*p;

        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            topic[n++] = (char)ch;
        else if (ch >= 'A' && ch <= 'Z')
            topic[n++] = (char)(ch - 'A' + 'a');
        else if (n > 0)
            break;
    }
    topic[n] = '\0';
}

static void
info_keep(void *ctx, const char *topic, const char *body)
{
    struct topic_names *tn = ctx;

    (void)body;
    if (tn->n < 16) {
        snprintf(tn->names[tn->n], sizeof(tn->names[0]), "%s", topic);
        tn->ptrs[tn->n] = tn->names[tn->n];
        tn->n++;
    }
}

/* The list of topics, from the batch's memo when it has it.  Returns 0 or
 * -1; *out points into the memo, or to tn. */
static int
info_list_lookup(struct db *conn, struct intake_memo *m, struct topic_names *tn,
                 const struct topic_names **out)
{
    if (m == NULL || !m->have_list) {
        struct topic_names *to = m != NULL ? &m->list : tn;

        to->n = 0;
        if (db_info_list(conn, info_keep, to) < 0)
            return -1;
        if (m != NULL)
            m->have_list = 1;
        *out = to;
        return 0;
    }
    *out = &m->list;
    return 0;
}

/* The page of topic, from the batch's memo when it has it: as
 * db_info_get(), but *page is only borrowed (freed by the caller when
 * *owned). */
static int
info_page_lookup(struct db *conn, struct intake_memo *m, const char *topic, char **page, int *owned)
{
    int i, rc;

    *owned = 0;
    for (i = 0; m != NULL && i < m->ninfo; i++)
        if (strcmp(m->info[i].topic, topic) == 0) {
            *page = m->info[i].page;
            return m->info[i].found;
        }
    if ((rc = db_info_get(conn, topic, page)) < 0)
        return -1;
    if (m == NULL || m->ninfo == MEMO_INFO) {
        *owned = 1;
        return rc;
    }
    snprintf(m->info[m->ninfo].topic, sizeof(m->info[0].topic), "%s", topic);
    m->info[m->ninfo].found = rc;
    m->info[m->ninfo].page = rc == 1 ? *page : NULL;
    m->ninfo++;
    return rc;
}

/* Answers INFO: the page of a topic, or the list of topics. */
static int
job_info(struct db *conn, const struct intake *in, struct intake_job *job)
{
    struct reply_vars v = {0};
    struct topic_names own;
    const struct topic_names *tn;
    char topic[21], upper[21];
    char *page = NULL;
    int rc, owned;

    info_topic(in, job, topic);
    if (topic[0] == '\0') {
        if (info_list_lookup(conn, job->memo, &own, &tn) < 0)
            return -1;
        info_list_format(job->lang, tn->ptrs, tn->n, job->reply, sizeof(job->reply));
        job->reply_coding = 0;
        return 0;
    }
    if ((rc = info_page_lookup(conn, job->memo, topic, &page, &owned)) < 0)
        return -1;
    if (rc == 1) {
        /* Pages are checked to be GSM-7 and one segment when saved. */
        snprintf(job->reply, sizeof(job->reply), "%s", page);
        job->reply_coding = gsm7_septets(page, strlen(page)) < 0 ? 2 : 0;
        if (owned)
            free(page);
        return 0;
    }
    for (size_t i = 0; i <= strlen(topic); i++)
        upper[i] = topic[i] >= 'a' && topic[i] <= 'z' ? (char)(topic[i] - 'a' + 'A') : topic[i];
    v.keyword = upper;
    return job_render(job, in->cfg, REPLY_INFO_MISSING, &v);
}

/* Answers USUL / TANYA; job->session_ok tells job_effects() whether the
 * session named can take it. */
static int
job_proposal(struct db *conn, const struct cfg *c, struct intake_job *job)
{
    struct reply_vars v = {0};
    char num[24];
    int open;

    job->session_ok = 0;
    if (job->body == NULL || job->body[0] == '\0')
        return job_render(job, c, REPLY_PROPOSAL_EMPTY, &v);
    if (job->arg.session <= 0)
        return job_render(job, c, REPLY_PROPOSAL, &v);
    if ((open = db_session_open_for_input(conn, job->arg.session)) < 0)
        return -1;
    snprintf(num, sizeof(num), "%ld", job->arg.session);
    v.session = num;
    job->session_ok = open;
    return job_render(job, c, open ? REPLY_PROPOSAL_SESSION : REPLY_PROPOSAL_UNKNOWN, &v);
}

/*
 * The language of the reply: the one the citizen chose (BAHASA JAWA), else
 * the one the message is written in, else Indonesian.
 */
static int
job_language(struct db *conn, struct intake_job *job)
{
    char code[4];
    enum lang l = LANG_NONE;
    int rc;

    if (job->intent == INTENT_LANGUAGE) {
        job->lang = job->arg.lang != LANG_NONE ? job->arg.lang : LANG_ID;
        return 0;
    }
    if (job->pre_lang >= 0) {
        l = (enum lang)job->pre_lang; /* read with the rest of the batch */
    } else {
        if ((rc = db_citizen_language(conn, job->mo.msisdn, code)) < 0)
            return -1;
        if (rc == 0 || lang_from_code(code, &l) < 0)
            l = LANG_NONE;
    }
    if (l != LANG_NONE)
        job->lang = l;
    else
        job->lang = job->arg.lang != LANG_NONE ? job->arg.lang : LANG_ID;
    return 0;
}

/* The ticket number of a new complaint: the one taken for the job with the
 * rest of its batch, else a value of the sequence taken now. */
static int
job_ticket(struct db *conn, const struct intake *in, struct intake_job *job)
{
    int64_t seq = job->pre_seq;

    job->pre_seq = 0;
    if (seq <= 0 && db_ticket_next_seq(conn, &seq) < 0)
        return -1;
    ticket_code_make((uint64_t)seq, in->key, job->ticket);
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

/* What an MO's run keeps between working out its reply and writing it. */
struct mo_work {
    char *owned;          /* the text a "yes" took over (job->body), or NULL */
    char query[64];       /* the argument of its lookup */
    struct db_mo_row row; /* what db_messages_insert() writes for it */
    int first;            /* in a batch: the earlier job with its Kannel id, or -1 */
    int lang_shared;      /* in a batch: later jobs took the language it sets */
    char *norm;           /* its text as the limits compare it (malloc'd), or NULL */
    int limits_shared;    /* in a batch: later jobs of its number counted it */
};

/* No reply: Kannel sends nothing for an empty body (omit-empty). */
static int
job_silent(struct intake_job *job)
{
    job->reply[0] = '\0';
    job->reply_coding = 0;
    return 0;
}

/* The "too many" notice. */
static int
job_notice(struct intake_job *job, const struct cfg *c)
{
    job->notice = 1;
    return job_render(job, c, REPLY_TOO_MANY, &(struct reply_vars){0});
}

/*
 * Reads what the limits count for a job whose batch did not (a batch that
 * runs job by job): its number's counts and its text's repeats, in the
 * caller's transaction, which holds the batch's earlier jobs already.
 * w->norm must hold the job's normalised text.  Returns 0 or -1.
 */
static int
job_limits_read(struct db *conn, const struct intake *in, struct intake_job *job,
                const struct mo_work *w)
{
    const struct cfg *c = in->cfg;
    const char *notices[LANG__COUNT];
    struct db_ahead a = {
        .senders = &job->mo.msisdn,
        .nsenders = 1,
        .tickets_cap = c->limits_tickets_per_hour,
        .replies_cap = c->limits_replies_per_day > 0 ? c->limits_replies_per_day + 1 : 0,
        .notices = notices,
        .text_msisdns = &job->mo.msisdn,
        .texts = (const char *const *)&w->norm,
        .ntexts = 1,
        .loop_window = c->limits_loop_window,
        .loop_cap = c->limits_loop_repeats - 1,
        .counts = &job->pre_counts,
        .repeats = &job->pre_repeats,
        .echoes = &job->pre_echo,
    };

    if (job->pre_limits)
        return 0;
    if (c->limits_tickets_per_hour > 0)
        for (int l = LANG_ID; l < LANG__COUNT; l++)
            notices[a.nnotices++] = c->replies[l][REPLY_TOO_MANY];
    if (db_messages_ahead(conn, &a) < 0)
        return -1;
    job->pre_limits = 1;
    return 0;
}

/* The confidence of a message that starts with a keyword (parsers/intent.c):
 * a command such as AGENDA, which a citizen may well send again and again. */
#define LOOP_COMMAND_CONFIDENCE 90

/* True when the job's text is a reply loop (see intake.h). */
static int
job_loop(const struct cfg *c, const struct intake_job *job)
{
    if (c->limits_loop_window == 0)
        return 0;
    if (job->pre_echo)
        return 1;
    return job->pre_repeats + 1 >= c->limits_loop_repeats &&
           job->arg.confidence < LOOP_COMMAND_CONFIDENCE;
}

/* Past limits.replies_per_day, the reply worked out becomes the notice
 * once, then nothing. */
static int
job_replies_limit(const struct cfg *c, struct intake_job *job)
{
    int max = c->limits_replies_per_day;

    if (max == 0 || job->reply[0] == '\0' || job->pre_counts.replies < max)
        return 0;
    job->limited = INTAKE_LIMITED_REPLIES;
    if (job->pre_counts.replies > max)
        return job_silent(job);
    if (job->notice)
        return 0;
    return job_notice(job, c);
}

/* Works out the reply of the job, before anything is written. */
static int
job_reply(struct db *conn, const struct intake *in, struct intake_job *job)
{
    const struct cfg *c = in->cfg;
    struct reply_vars v = {0};

    if (job->ask) {
        v.keyword = intent_keyword(c, job->intent);
        return job_render(job, c, REPLY_CONFIRM, &v);
    }
    switch (job->intent) {
    case INTENT_COMPLAINT:
        if (job->body == NULL || job->body[0] == '\0')
            return job_render(job, c, REPLY_COMPLAINT_EMPTY, &v);
        if (c->limits_tickets_per_hour > 0 &&
            job->pre_counts.tickets >= c->limits_tickets_per_hour) {
            /* Stored as a complaint, without a ticket; one notice an hour. */
            job->limited = INTAKE_LIMITED_TICKETS;
            if (job->pre_counts.notice_hour)
                return job_silent(job);
            return job_notice(job, c);
        }
        if (job_ticket(conn, in, job) < 0)
            return -1;
        v.ticket = job->ticket;
        return job_render(job, c, REPLY_COMPLAINT, &v);
    case INTENT_STATUS:
        return job_status(conn, c, job);
    case INTENT_SUBSCRIBE:
        if (job->arg.agenda.komisi > 0) {
            v.komisi = komisi_roman(job->arg.agenda.komisi);
            return job_render(job, c, REPLY_SUBSCRIBE_KOMISI, &v);
        }
        return job_render(job, c, REPLY_SUBSCRIBE, &v);
    case INTENT_UNSUBSCRIBE:
        return job_render(job, c, REPLY_UNSUBSCRIBE, &v);
    case INTENT_LANGUAGE:
        return job_render(job, c, REPLY_LANGUAGE, &v);
    case INTENT_AGENDA:
        return job_agenda(conn, in, job);
    case INTENT_INFO:
        return job_info(conn, in, job);
    case INTENT_PROPOSAL:
        return job_proposal(conn, c, job);
    case INTENT_HELP:
    case INTENT_UNKNOWN:
    default:
        return job_render(job, c, REPLY_HELP, &v);
    }
}

/*
 * The row of a job whose reply is known: the message, and what it leads
 * to most often, a complaint's ticket or an agenda or info lookup, which
 * db_messages_insert() writes with it, only when the message is new.
 */
static void
mo_row(const struct intake *in, struct intake_job *job, struct mo_work *w)
{
    w->row = (struct db_mo_row){.mo = &job->mo};
    if (job->ask || job->limited == INTAKE_LIMITED_LOOP)
        return;
    if (job->intent == INTENT_COMPLAINT && job->ticket[0] != '\0') {
        w->row.ticket = job->ticket;
        w->row.ticket_of = job->answered; /* a "yes": the message asked about */
        w->row.ticket_body = job->body;
    } else if (job->intent == INTENT_AGENDA) {
        agenda_filter_format(&job->arg.agenda, w->query, sizeof(w->query));
        w->row.lookup = "agenda";
        w->row.query = w->query;
    } else if (job->intent == INTENT_INFO) {
        info_topic(in, job, w->query);
        w->row.lookup = "info";
        w->row.query = w->query;
    }
}

/* Carries out what a new message asked for beyond what its row carried
 * (mo_row()), after the row was written. */
static int
job_effects(struct db *conn, struct intake_job *job, int64_t id)
{
    const char *msisdn = job->mo.msisdn;

    if (job->limited == INTAKE_LIMITED_LOOP)
        return 0; /* an auto-responder: nothing it says is carried out */
    if (job->ask)
        return db_pending_put(conn, msisdn, intent_name(job->intent), id,
                              job->body != NULL ? job->body : "");
    switch (job->intent) {
    case INTENT_SUBSCRIBE:
        return db_citizen_subscribe_komisi(conn, msisdn, job->arg.agenda.komisi);
    case INTENT_UNSUBSCRIBE:
        return db_citizen_subscribe(conn, msisdn, 0);
    case INTENT_PROPOSAL:
        if (job->body == NULL || job->body[0] == '\0')
            return 0;
        return db_input_add(conn, &(struct db_input){
                                      .session_id = job->session_ok ? job->arg.session : 0,
                                      .msisdn = msisdn,
                                      .kind = job->arg.question ? "question" : "proposal",
                                      .body = job->body,
                                      .message_id = id,
                                  });
    case INTENT_LANGUAGE:
        return db_citizen_set_language(conn, msisdn, lang_code(job->lang));
    default:
        return 0;
    }
}

/*
 * Works out the reply of an MO and the row to write, reading what it needs
 * (and taking the question a "yes" answers): the first half of an MO's
 * run.  w->owned is set even on failure; mo_finish() frees it.
 */
static int
mo_prepare(struct db *conn, const struct intake *in, struct intake_job *job, struct mo_work *w)
{
    job->ticket[0] = '\0';
    job->duplicate = 0;
    job->answered = 0;
    job->ask = 0;
    job->limited = 0;
    job->notice = 0;
    if (w->norm == NULL)
        w->norm = db_text_norm(job->mo.text, job->mo.text_len, xmalloc(job->mo.text_len + 1));
    if (job_answer(conn, in->cfg, job, &w->owned) < 0 || job_language(conn, job) < 0 ||
        job_limits_read(conn, in, job, w) < 0)
        return -1;
    if (job_loop(in->cfg, job)) {
        job->limited = INTAKE_LIMITED_LOOP;
        job_silent(job);
    } else {
        job->ask = job_unsure(job);
        if (job_reply(conn, in, job) < 0 || job_replies_limit(in->cfg, job) < 0)
            return -1;
    }
    job->mo.intent = intent_name(job->intent);
    job->mo.reply = job->reply;
    job->mo.reply_coding = job->reply_coding;
    mo_row(in, job, w);
    return 0;
}

/* The same Kannel id again: the first answer, nothing new. */
static void
mo_duplicate(struct intake_job *job, const char *stored, int coding)
{
    job->duplicate = 1;
    job->limited = 0;
    job->notice = 0;
    job->ticket[0] = '\0';
    snprintf(job->reply, sizeof(job->reply), "%s", stored);
    job->reply_coding = coding;
}

/* Frees what mo_prepare() kept. */
static void
mo_finish(struct intake_job *job, struct mo_work *w)
{
    if (job->body == w->owned)
        job->body = NULL; /* it pointed into what is freed here */
    free(w->owned);
    w->owned = NULL;
    free(w->norm);
    w->norm = NULL;
}

/*
 * One MO on its own, inside the caller's transaction: its reply, its row
 * and what it leads to.  Side effects (ticket, subscription, language,
 * question) happen only when the message row is new, so a retried MO
 * changes nothing and gets the first answer.  A batch runs its MOs
 * together instead (batch_run_fast()) unless one of them failed.
 */
static int
intake_mo(struct db *conn, const struct intake *in, struct intake_job *job)
{
    struct mo_work w = {.owned = NULL, .norm = NULL};
    char *stored;
    int coding, rc = -1;

    if (mo_prepare(conn, in, job, &w) < 0 ||
        db_messages_insert(conn, &w.row, 1, in->cfg->statuses[0].name) < 0)
        goto done;
    if (w.row.id == 0) {
        if (db_message_replies(conn, &job->mo.kannel_id, 1, &stored, &coding) < 0)
            goto done;
        mo_duplicate(job, stored, coding);
        free(stored);
    } else if (job_effects(conn, job, w.row.id) < 0) {
        goto done;
    }
    rc = 0;
done:
    mo_finish(job, &w);
    return rc;
}

/* ---- USSD ------------------------------------------------------------------ */

/* "Continue where you were?", the first screen of a redial after a drop. */
static const char *const resume_offer[LANG__COUNT] = {
    [LANG_ID] = "Lanjutkan dari layar terakhir sebelum terputus?\n1 Ya\n2 Tidak, mulai baru",
    [LANG_JV] = "Nglajengaken saking layar pungkasan saderengipun pedhot?\n1 Inggih\n2 Mboten, "
                "wiwit enggal",
    [LANG_EN] = "Continue from the last screen before the call dropped?\n1 Yes\n2 No, start again",
};

/*
 * Carries out a menu action, reading what it needs, and leaves the text of
 * its outcome in job->reply.  Actions that change something (a complaint,
 * a subscription) only prepare here: ussd_effects() writes them once the
 * message row is known to be new.
 */
static int
ussd_action(struct db *conn, const struct intake *in, struct intake_job *job,
            const struct menu_step *step)
{
    const struct cfg *c = in->cfg;
    struct reply_vars v = {0};

    switch (step->action) {
    case MENU_ACT_AGENDA:
        agenda_filter_parse(step->arg, strlen(step->arg), &job->arg.agenda);
        return job_agenda(conn, in, job);
    case MENU_ACT_STATUS:
        snprintf(job->arg.ticket, sizeof(job->arg.ticket), "%.7s", step->input);
        job->arg.ticket_ref = TICKET_REF_VALID; /* the menu checked the check digit */
        return job_status(conn, c, job);
    case MENU_ACT_INFO:
        job->arg.topic = -1;
        job->body = step->arg; /* a topic name, "" for the list */
        return job_info(conn, in, job);
    case MENU_ACT_SUBSCRIBE:
        return job_render(job, c, REPLY_SUBSCRIBE, &v);
    case MENU_ACT_UNSUBSCRIBE:
        return job_render(job, c, REPLY_UNSUBSCRIBE, &v);
    case MENU_ACT_COMPLAINT:
        if (job_ticket(conn, in, job) < 0)
            return -1;
        v.ticket = job->ticket;
        return job_render(job, c, REPLY_COMPLAINT, &v);
    default:
        job->reply[0] = '\0';
        return 0;
    }
}

/* Writes what a new USSD step changed: the ticket (with its category) and
 * the SMS that repeats its number, or the subscription. */
static int
ussd_effects(struct db *conn, const struct intake *in, struct intake_job *job,
             const struct menu_step *step, const struct menu_state *st, int64_t id,
             const char *receipt, int written)
{
    const struct cfg *c = in->cfg;
    struct db_outbox_new m = {.msisdn = job->mo.msisdn, .kind = DB_OUTBOX_RECEIPT, .urgent = 1};
    struct db_ticket_new t = {.code = job->ticket,
                              .message_id = id,
                              .msisdn = job->mo.msisdn,
                              .body = step->input,
                              .status = c->statuses[0].name,
                              .source = job->mo.channel,
                              .category = st->set[0] != '\0' ? st->set : NULL};

    switch (step->action) {
    case MENU_ACT_COMPLAINT:
        if (written)
            return 0; /* with its message (ussd_batch_row()) */
        if (db_ticket_insert(conn, &t, &m.ticket_id) < 0)
            return -1;
        /* The last screen is often never seen on a slow phone: the ticket
         * number comes by SMS too. */
        m.body = receipt;
        m.coding = gsm7_septets(receipt, strlen(receipt)) < 0 ? 2 : 0;
        return db_outbox_put(conn, &m, NULL);
    case MENU_ACT_SUBSCRIBE:
        return db_citizen_subscribe_komisi(conn, job->mo.msisdn, 0);
    case MENU_ACT_UNSUBSCRIBE:
        return db_citizen_subscribe(conn, job->mo.msisdn, 0);
    default:
        return 0;
    }
}

/*
 * Decides the state a step starts from and makes the screen of a session
 * that starts now: a redial after a drop is offered to continue; a session
 * whose row was lost (an aggregator's path says it went on) is rebuilt from
 * the path.  dropped is the session the batch found dropped for the number
 * ("" none), or NULL when it is still to be read.  Returns 1 when *step
 * holds the screen to show already, 0 when the input is still to be taken
 * on *st, -1 on error.
 */
static int
ussd_begin(struct db *conn, const struct intake *in, struct intake_job *job, struct db_ussd *row,
           int have, const char *dropped, struct menu_state *st, struct menu_step *step)
{
    const struct cfg *c = in->cfg;
    const struct menu_tree *t = c->ussd_menu;
    struct db_ussd old;
    int rc;

    menu_state_start(st);
    /* An aggregator's path that is not one input longer than what the row
     * took (a request lost on the way) is replayed, as for a lost row. */
    if (have && job->ussd_path != NULL && job->ussd_steps != row->steps + 1)
        have = 0;
    if (have && !row->ended && row->age > c->ussd_timeout && job->ussd_steps != 0)
        job->ussd_events |= INTAKE_USSD_TIMED_OUT;
    if (have && !row->ended && row->age <= c->ussd_timeout && job->ussd_steps != 0) {
        if (row->resume_from[0] != '\0') {
            /* The answer to "continue?". */
            int yes = strcmp(job->mo.text, "1") == 0;

            if (yes && (rc = db_ussd_get(conn, row->resume_from, &old)) < 0)
                return -1;
            if (yes && rc == 1 && menu_state_decode(t, old.state, st) == 0) {
                old.ended = 1; /* continued here, never offered again */
                if (db_ussd_put(conn, row->resume_from, job->ussd_transport, &old) < 0)
                    return -1;
                snprintf(step->screen, sizeof(step->screen), "%s", old.screen);
                job->ussd_events |= INTAKE_USSD_RESUMED;
            } else {
                menu_home(t, st, job->lang, step);
            }
            row->resume_from[0] = '\0';
            return 1;
        }
        if (menu_state_decode(t, row->state, st) < 0)
            menu_state_start(st);
        return 0;
    }
    row->resume_from[0] = '\0';
    if (job->ussd_path != NULL && job->ussd_steps > 0) {
        /* The row is gone (or too old) but the path says where the citizen
         * is: replay all but the last input, which is taken now. */
        const char *last = strrchr(job->ussd_path, '*');
        size_t before = last != NULL ? (size_t)(last - job->ussd_path) : 0;

        if (last != NULL)
            menu_replay(t, st, job->ussd_path, before, job->lang, step);
        return 0;
    }
    menu_home(t, st, job->lang, step);
    job->ussd_events |= INTAKE_USSD_STARTED;
    if (c->ussd_resume_window > 0) {
        if (dropped != NULL) {
            snprintf(row->resume_from, sizeof(row->resume_from), "%s", dropped);
            rc = dropped[0] != '\0';
        } else if ((rc = db_ussd_dropped(conn, job->mo.msisdn, job->ussd_session,
                                         c->ussd_resume_window, row->resume_from,
                                         sizeof(row->resume_from), &old)) < 0) {
            return -1;
        }
        if (rc == 1)
            snprintf(step->screen, sizeof(step->screen), "%s", resume_offer[job->lang]);
    }
    return 1;
}

/* What a USSD step keeps between working out its screen and writing it. */
struct ussd_work {
    struct db_ussd row;           /* the session, as read and then as it is to be written */
    int have;                     /* the session's row was read */
    int dropped_read;             /* a new session: the batch looked for one dropped ... */
    char dropped[DB_USSD_ID_MAX]; /* ... and found this one ("" none) */
    struct menu_state st;
    struct menu_step step;
    char reply[INTAKE_REPLY_MAX];   /* "CON ..." or "END ...": stored with the message */
    char receipt[INTAKE_REPLY_MAX]; /* the outcome of its action, for the receipt SMS */
    int written;                    /* its ticket and receipt are written with its message */
};

/*
 * The first half of a step: from the session as read (u->row and u->have,
 * the row locked) the menu moves on and an action reads what it needs;
 * job->mo is then the message to store, with the screen as its reply.
 */
static int
ussd_prepare(struct db *conn, const struct intake *in, struct intake_job *job, struct ussd_work *u)
{
    const struct menu_tree *t = in->cfg->ussd_menu;
    int shown;

    job->ticket[0] = '\0';
    job->duplicate = 0;
    job->ussd_end = 0;
    job->ussd_events = 0;
    job->arg.lang = LANG_NONE;
    u->step = (struct menu_step){.action = MENU_ACT_NONE};
    if (job_language(conn, job) < 0)
        return -1;
    snprintf(u->row.msisdn, sizeof(u->row.msisdn), "%s", job->mo.msisdn);
    if ((shown = ussd_begin(conn, in, job, &u->row, u->have, u->dropped_read ? u->dropped : NULL,
                            &u->st, &u->step)) < 0)
        return -1;
    if (!shown)
        menu_step(t, &u->st, job->mo.text, job->mo.text_len, job->lang, &u->step);
    u->receipt[0] = '\0';
    if (u->step.action != MENU_ACT_NONE) {
        if (ussd_action(conn, in, job, &u->step) < 0)
            return -1;
        snprintf(u->receipt, sizeof(u->receipt), "%s", job->reply);
        menu_result(t, u->receipt, u->step.end, job->lang, u->step.screen, sizeof(u->step.screen));
    }
    job->ussd_end = u->step.end;
    snprintf(u->reply, sizeof(u->reply), "%s %s", u->step.end ? "END" : "CON", u->step.screen);
    job->mo.intent = u->step.action != MENU_ACT_NONE ? menu_action_name(u->step.action) : "ussd";
    job->mo.reply = u->reply;
    job->mo.reply_coding = 0;
    return 0;
}

/* What a batch writes for a USSD step with its message: the message, and
 * for a complaint its ticket (with its category) and the SMS that repeats
 * its number, which ussd_effects() then leaves alone. */
static struct db_mo_row
ussd_batch_row(struct intake_job *job, struct ussd_work *u)
{
    struct db_mo_row r = {.mo = &job->mo};

    u->written = u->step.action == MENU_ACT_COMPLAINT && job->ticket[0] != '\0';
    if (u->written) {
        r.ticket = job->ticket;
        r.ticket_body = u->step.input;
        r.ticket_category = u->st.set[0] != '\0' ? u->st.set : NULL;
        r.receipt = u->receipt;
        r.receipt_coding = gsm7_septets(u->receipt, strlen(u->receipt)) < 0 ? 2 : 0;
    }
    return r;
}

/* The same request again (its key was stored): the screen it got the
 * first time, stored as "CON ..." or "END ...", and nothing new. */
static void
ussd_duplicate(struct intake_job *job, const char *stored)
{
    job->duplicate = 1;
    job->ussd_events = 0;
    job->ticket[0] = '\0';
    job->ussd_end = strncmp(stored, "END ", 4) == 0;
    snprintf(job->reply, sizeof(job->reply), "%s", strlen(stored) > 4 ? stored + 4 : "");
    job->reply_coding = 0;
}

/*
 * The second half of a new step, once its message is stored as id: what
 * its action changed is written, and u->row becomes the session as it is
 * to be written (by the caller: alone, or with the batch's others).
 */
static int
ussd_apply(struct db *conn, const struct intake *in, struct intake_job *job, struct ussd_work *u,
           int64_t id)
{
    if (ussd_effects(conn, in, job, &u->step, &u->st, id, u->receipt, u->written) < 0)
        return -1;
    menu_state_encode(&u->st, u->row.state, sizeof(u->row.state));
    u->row.steps = job->ussd_path != NULL ? job->ussd_steps : u->row.steps + 1;
    snprintf(u->row.screen, sizeof(u->row.screen), "%s", u->step.screen);
    u->row.ended = u->step.end;
    /* Dropped here, the citizen would want to come back: in a menu or an
     * input, not at home and not after an answer. */
    u->row.resumable = !u->step.end && u->step.action == MENU_ACT_NONE && u->st.screen != 0 &&
                       u->row.resume_from[0] == '\0';
    snprintf(job->reply, sizeof(job->reply), "%s", u->step.screen);
    job->reply_coding = 0;
    if (u->step.end)
        job->ussd_events |= INTAKE_USSD_ENDED;
    return 0;
}

/*
 * One USSD step on its own, inside the caller's transaction: the session
 * row is read locked, the menu moves on, an action is carried out, and the
 * message, the session and what the action changed are written.  A retried
 * request (the same de-duplication key) gets the screen it got the first
 * time and changes nothing.  A batch runs its steps together instead
 * (batch_run_fast()) unless one of them failed.
 */
static int
intake_ussd(struct db *conn, const struct intake *in, struct intake_job *job)
{
    struct ussd_work u;
    char *stored = NULL;
    int rc, coding;
    int64_t id;

    memset(&u.row, 0, sizeof(u.row));
    u.written = 0;
    u.dropped_read = 0;
    if ((u.have = db_ussd_get(conn, job->ussd_session, &u.row)) < 0 ||
        ussd_prepare(conn, in, job, &u) < 0 ||
        (rc = db_message_insert(conn, &job->mo, &id, &stored, &coding)) < 0)
        return -1;
    if (rc == 0) {
        ussd_duplicate(job, stored);
        free(stored);
        return 0;
    }
    if (ussd_apply(conn, in, job, &u, id) < 0)
        return -1;
    return db_ussd_put(conn, job->ussd_session, job->ussd_transport, &u.row);
}

/* Writes one job of any kind inside the caller's transaction. */
static int
intake_one(struct db *conn, const struct intake *in, struct intake_job *job)
{
    int rc;

    if (job->kind == INTAKE_MO)
        return intake_mo(conn, in, job);
    if (job->kind == INTAKE_USSD)
        return intake_ussd(conn, in, job);
    rc = db_outbox_dlr(conn, job->dlr_id, job->dlr_type, job->dlr_reply);
    job->dlr_found = rc == 1;
    return rc < 0 ? -1 : 0;
}

/*
 * The order in which a batch writes its jobs: MOs and USSD steps first, as
 * they came, then
 * delivery reports by outbox id.  Reports of one message come in pairs
 * (SMSC accepted, then delivered) and may land in two batches on two
 * workers at once; locking rows in one order keeps those batches from
 * deadlocking, which would fail every MO in them too.
 */
static void
batch_order(struct intake_job **jobs, int n)
{
    for (int i = 1; i < n; i++) {
        struct intake_job *j = jobs[i];
        int k = i;

        /* Insertion sort: stable, and batches are small. */
        while (k > 0 && jobs[k - 1]->kind == INTAKE_DLR &&
               (j->kind != INTAKE_DLR || jobs[k - 1]->dlr_id > j->dlr_id)) {
            jobs[k] = jobs[k - 1];
            k--;
        }
        jobs[k] = j;
    }
}

/* Counts what a committed job stored. */
static void
job_count(const struct intake_job *job)
{
    static const struct {
        int bit;
        enum metrics_ussd ev;
    } events[] = {
        {INTAKE_USSD_STARTED, METRICS_USSD_STARTED},
        {INTAKE_USSD_ENDED, METRICS_USSD_ENDED},
        {INTAKE_USSD_TIMED_OUT, METRICS_USSD_TIMED_OUT},
        {INTAKE_USSD_RESUMED, METRICS_USSD_RESUMED},
    };
    enum intent in;

    switch (job->kind) {
    case INTAKE_MO:
        metrics_message_in(METRICS_SMS, (int)job->intent, job->duplicate);
        if (job->limited != 0 && !job->duplicate)
            metrics_message_limited(job->limited == INTAKE_LIMITED_TICKETS   ? METRICS_LIMIT_TICKETS
                                    : job->limited == INTAKE_LIMITED_REPLIES ? METRICS_LIMIT_REPLIES
                                                                             : METRICS_LIMIT_LOOP);
        break;
    case INTAKE_USSD:
        /* A step is stored with its menu action's name, which is an
         * intent's name, or "ussd" when it only moved in the menu. */
        metrics_message_in(METRICS_USSD,
                           intent_from_name(job->mo.intent, &in) == 0 ? (int)in
                                                                      : METRICS_INTENT_MENU,
                           job->duplicate);
        for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
            if (job->ussd_events & events[i].bit)
                metrics_ussd_session(events[i].ev);
        break;
    case INTAKE_DLR:
        if (job->dlr_found)
            metrics_dlr(job->dlr_type);
        break;
    }
}

/* Passes rc on, counting it as a database error when it is -1. */
static int
db_counted(int rc)
{
    if (rc < 0)
        metrics_db_error(METRICS_DB_INTAKE);
    return rc;
}

/* What a run of a job may change of what was submitted: a "yes" takes over
 * the intent and the text of the message it answers. */
struct job_input {
    enum intent intent;
    struct intent_arg arg;
    const char *body;
};

/*
 * What a worker keeps for its batches, allocated once for db.batch_max
 * jobs: the jobs, their inputs as submitted, so that a batch can run
 * again, and room for what a batch reads ahead and writes together.
 */
struct batch {
    struct intake_job **jobs;
    int n;
    struct job_input *inputs;
    struct mo_work *work; /* per job */
    const char **msisdns; /* numbers whose language is read ahead ... */
    int *owner;           /* ... and the job of each */
    char (*langs)[4];
    int64_t *seqs;
    const char **codes;              /* tickets read ahead ... */
    int *code_job;                   /* ... the job of each ... */
    struct db_ticket_brief *tickets; /* ... and what was read */
    int *found;
    struct db_mo_row *rows; /* the MOs written together ... */
    int *row_job;           /* ... and the job of each */
    const char **dup_ids;   /* the Kannel ids found stored ... */
    int *dup_job;           /* ... the job of each ... */
    char **replies;         /* ... and the reply stored with each */
    int *codings;
    int executing;                   /* this worker holds intake.executing */
    struct ussd_work *ussd;          /* per job: its USSD step */
    const char **sids;               /* the sessions read and written together ... */
    int *sjob;                       /* ... the job of each ... */
    struct db_ussd *srows;           /* ... each as read ... */
    int *sfound;                     /* ... whether it was there ... */
    const char **stransports;        /* ... and, to write, its transport ... */
    const struct db_ussd **swrite;   /* ... and its row */
    const char **senders;            /* the distinct numbers of its SMS ... */
    struct db_sender_counts *counts; /* ... what each did lately */
    const char **tmsisdns;           /* each SMS's number ... */
    const char **texts;              /* ... and text, normalised ... */
    int *tjob;                       /* ... its job ... */
    int *repeats;                    /* ... how often that text came lately ... */
    int *echoes;                     /* ... and whether it is one of our replies */
    const char *notices[LANG__COUNT];
    const char **dmsisdns;           /* the numbers opening a USSD session ... */
    const char **dids;               /* ... the session each opens ... */
    int *djob;                       /* ... its job ... */
    char (*dropped)[DB_USSD_ID_MAX]; /* ... and the session it dropped lately, or "" */
    struct intake_memo *memo;        /* what its jobs look up alike */
};

static void
batch_init(struct batch *b, int max)
{
    size_t m = (size_t)max;

    b->n = 0;
    b->executing = 0;
    b->jobs = xcalloc(m, sizeof(*b->jobs));
    b->inputs = xcalloc(m, sizeof(*b->inputs));
    b->work = xcalloc(m, sizeof(*b->work));
    b->msisdns = xcalloc(m, sizeof(*b->msisdns));
    b->owner = xcalloc(m, sizeof(*b->owner));
    b->langs = xcalloc(m, sizeof(*b->langs));
    b->seqs = xcalloc(m, sizeof(*b->seqs));
    b->codes = xcalloc(m, sizeof(*b->codes));
    b->code_job = xcalloc(m, sizeof(*b->code_job));
    b->tickets = xcalloc(m, sizeof(*b->tickets));
    b->found = xcalloc(m, sizeof(*b->found));
    b->rows = xcalloc(m, sizeof(*b->rows));
    b->row_job = xcalloc(m, sizeof(*b->row_job));
    b->dup_ids = xcalloc(m, sizeof(*b->dup_ids));
    b->dup_job = xcalloc(m, sizeof(*b->dup_job));
    b->replies = xcalloc(m, sizeof(*b->replies));
    b->codings = xcalloc(m, sizeof(*b->codings));
    b->ussd = xcalloc(m, sizeof(*b->ussd));
    b->sids = xcalloc(m, sizeof(*b->sids));
    b->sjob = xcalloc(m, sizeof(*b->sjob));
    b->srows = xcalloc(m, sizeof(*b->srows));
    b->sfound = xcalloc(m, sizeof(*b->sfound));
    b->stransports = xcalloc(m, sizeof(*b->stransports));
    b->swrite = xcalloc(m, sizeof(*b->swrite));
    b->senders = xcalloc(m, sizeof(*b->senders));
    b->counts = xcalloc(m, sizeof(*b->counts));
    b->tmsisdns = xcalloc(m, sizeof(*b->tmsisdns));
    b->texts = xcalloc(m, sizeof(*b->texts));
    b->tjob = xcalloc(m, sizeof(*b->tjob));
    b->repeats = xcalloc(m, sizeof(*b->repeats));
    b->echoes = xcalloc(m, sizeof(*b->echoes));
    b->dmsisdns = xcalloc(m, sizeof(*b->dmsisdns));
    b->dids = xcalloc(m, sizeof(*b->dids));
    b->djob = xcalloc(m, sizeof(*b->djob));
    b->dropped = xcalloc(m, sizeof(*b->dropped));
    b->memo = xcalloc(1, sizeof(*b->memo));
}

static void
batch_free(struct batch *b)
{
    free(b->jobs);
    free(b->inputs);
    free(b->work);
    free(b->msisdns);
    free(b->owner);
    free(b->langs);
    free(b->seqs);
    free(b->codes);
    free(b->code_job);
    free(b->tickets);
    free(b->found);
    free(b->rows);
    free(b->row_job);
    free(b->dup_ids);
    free(b->dup_job);
    free(b->replies);
    free(b->codings);
    free(b->ussd);
    free(b->sids);
    free(b->sjob);
    free(b->srows);
    free(b->sfound);
    free(b->stransports);
    free(b->swrite);
    free(b->senders);
    free(b->counts);
    free(b->tmsisdns);
    free(b->texts);
    free(b->tjob);
    free(b->repeats);
    free(b->echoes);
    free(b->dmsisdns);
    free(b->dids);
    free(b->djob);
    free(b->dropped);
    memo_clear(b->memo);
    free(b->memo);
}

/* Puts every job back as it was submitted, with nothing read ahead (the
 * memo is checked once the batch read ahead). */
static void
batch_reset(struct batch *b)
{
    for (int i = 0; i < b->n; i++) {
        struct intake_job *job = b->jobs[i];

        job->intent = b->inputs[i].intent;
        job->arg = b->inputs[i].arg;
        job->body = b->inputs[i].body;
        job->pre_lang = -1;
        job->pre_seq = 0;
        job->pre_found = -1;
        job->pre_limits = 0;
        job->memo = b->memo;
    }
}

/* An MO (a USSD step) before job i with the same Kannel id (key), or -1. */
static int
batch_first(const struct batch *b, int i)
{
    const struct intake_job *job = b->jobs[i];

    for (int k = 0; k < i; k++)
        if (b->jobs[k]->kind == job->kind &&
            strcmp(b->jobs[k]->mo.kannel_id, job->mo.kannel_id) == 0)
            return k;
    return -1;
}

/* True when the job will take a ticket number: a complaint with a text,
 * sure enough not to be asked about.  A "yes" that turns out to confirm a
 * complaint takes its number itself. */
static int
job_wants_ticket(const struct intake_job *job)
{
    return job->kind == INTAKE_MO && job->intent == INTENT_COMPLAINT && job->body != NULL &&
           job->body[0] != '\0' && !job_unsure(job);
}

/* True when the job is a STATUS with a code whose check digit is right:
 * it will read that ticket. */
static int
job_wants_status(const struct intake_job *job)
{
    return job->kind == INTAKE_MO && job->intent == INTENT_STATUS &&
           job->arg.ticket_ref == TICKET_REF_VALID;
}

/*
 * What the USSD steps of the batch read with its read-ahead
 * (db_batch_ahead()): their sessions, in the order of their ids, and for
 * the steps that dial anew (ussd_begin()) the sessions their numbers left
 * dropped.  Returns 0, or 1 when two steps of one session with different
 * keys are in the batch (the second must see what the first wrote: the
 * batch runs job by job).
 */
static int
batch_ussd_ahead(const struct intake *in, struct batch *b, struct db_ussd_ahead *u)
{
    int n = 0, m = 0, i, k;

    for (i = 0; i < b->n; i++) {
        const struct intake_job *job = b->jobs[i];

        if (job->kind != INTAKE_USSD || batch_first(b, i) >= 0)
            continue;
        /* Insert in order of session id: every transaction locks in it. */
        for (k = n; k > 0 && strcmp(b->sids[k - 1], job->ussd_session) > 0; k--) {
            b->sids[k] = b->sids[k - 1];
            b->sjob[k] = b->sjob[k - 1];
        }
        if (k > 0 && strcmp(b->sids[k - 1], job->ussd_session) == 0)
            return 1;
        b->sids[k] = job->ussd_session;
        b->sjob[k] = i;
        n++;
    }
    memset(b->srows, 0, (size_t)n * sizeof(*b->srows));
    for (k = 0; k < n && in->cfg->ussd_resume_window > 0; k++) {
        const struct intake_job *job = b->jobs[b->sjob[k]];

        if (job->ussd_steps != 0)
            continue; /* not a new session (ussd_begin()) */
        b->dmsisdns[m] = job->mo.msisdn;
        b->dids[m] = job->ussd_session;
        b->djob[m++] = b->sjob[k];
    }
    *u = (struct db_ussd_ahead){
        .ids = b->sids,
        .n = (size_t)n,
        .rows = b->srows,
        .found = b->sfound,
        .dropped_msisdns = b->dmsisdns,
        .dropped_ids = b->dids,
        .ndropped = (size_t)m,
        .window = in->cfg->ussd_resume_window,
        .dropped = b->dropped,
    };
    return 0;
}

/* Gives each USSD step what was read for it (batch_ussd_ahead()). */
static void
batch_ussd_took(struct batch *b, const struct db_ussd_ahead *u)
{
    size_t k;

    for (k = 0; k < u->n; k++) {
        b->ussd[b->sjob[k]].row = b->srows[k];
        b->ussd[b->sjob[k]].have = b->sfound[k];
        b->ussd[b->sjob[k]].dropped_read = 0;
    }
    for (k = 0; k < u->ndropped; k++) {
        struct ussd_work *w = &b->ussd[b->djob[k]];

        snprintf(w->dropped, sizeof(w->dropped), "%s", b->dropped[k]);
        w->dropped_read = 1;
    }
}

/*
 * Reads for every job of the batch, in one query, what each would read
 * first: the language its number chose (MOs and USSD steps; not for
 * BAHASA ..., which sets it), a ticket number for each complaint and the
 * ticket each STATUS asks about; and in the same round trip the sessions
 * of its USSD steps (batch_ussd_ahead()).  Returns 0, -1, or 1 when the
 * batch must run job by job.
 */
static int
batch_read_ahead(struct intake *in, struct db *conn, struct batch *b)
{
    const struct cfg *c = in->cfg;
    struct db_ahead a = {
        .msisdns = b->msisdns,
        .codes = b->codes,
        .tz = c->timezone,
        .langs = b->langs,
        .seqs = b->seqs,
        .tickets = b->tickets,
        .found = b->found,
        .senders = b->senders,
        .tickets_cap = c->limits_tickets_per_hour,
        .replies_cap = c->limits_replies_per_day > 0 ? c->limits_replies_per_day + 1 : 0,
        .notices = b->notices,
        .text_msisdns = b->tmsisdns,
        .texts = b->texts,
        .loop_window = c->limits_loop_window,
        .loop_cap = c->limits_loop_repeats - 1,
        .counts = b->counts,
        .repeats = b->repeats,
        .echoes = b->echoes,
    };
    struct db_ussd_ahead u;
    int i, k = 0;
    size_t t;
    enum lang l;

    if (batch_ussd_ahead(in, b, &u) == 1)
        return 1;
    if (c->limits_tickets_per_hour > 0)
        for (int g = LANG_ID; g < LANG__COUNT; g++)
            b->notices[a.nnotices++] = c->replies[g][REPLY_TOO_MANY];
    for (i = 0; i < b->n; i++) {
        struct intake_job *job = b->jobs[i];

        if (job->kind == INTAKE_MO && batch_first(b, i) < 0) {
            struct mo_work *w = &b->work[i];

            /* Each SMS's text, and each of its numbers once. */
            w->norm = db_text_norm(job->mo.text, job->mo.text_len, xmalloc(job->mo.text_len + 1));
            b->tmsisdns[a.ntexts] = job->mo.msisdn;
            b->texts[a.ntexts] = w->norm;
            b->tjob[a.ntexts++] = i;
            for (t = 0; t < a.nsenders && strcmp(b->senders[t], job->mo.msisdn) != 0; t++)
                ;
            if (t == a.nsenders)
                b->senders[a.nsenders++] = job->mo.msisdn;
        }

        if (job->kind != INTAKE_DLR &&
            !(job->kind == INTAKE_MO && job->intent == INTENT_LANGUAGE)) {
            b->msisdns[a.nmsisdns] = job->mo.msisdn;
            b->owner[a.nmsisdns++] = i;
        }
        if (job_wants_status(job)) {
            b->codes[a.ncodes] = job->arg.ticket;
            b->code_job[a.ncodes++] = i;
        }
        a.nseqs += job_wants_ticket(job);
    }
    if (db_batch_ahead(conn, &a, &u) < 0)
        return -1;
    batch_ussd_took(b, &u);
    memo_renew(b->memo, a.has_content_version, a.content_version);
    for (size_t m = 0; m < a.nmsisdns; m++)
        b->jobs[b->owner[m]]->pre_lang =
            lang_from_code(b->langs[m], &l) == 0 ? (int)l : (int)LANG_NONE;
    for (size_t m = 0; m < a.ncodes; m++) {
        b->jobs[b->code_job[m]]->pre_found = b->found[m];
        b->jobs[b->code_job[m]]->pre_ticket = b->tickets[m];
    }
    for (i = 0; i < b->n; i++)
        if (job_wants_ticket(b->jobs[i]))
            b->jobs[i]->pre_seq = b->seqs[k++];
    for (t = 0; t < a.ntexts; t++) {
        struct intake_job *job = b->jobs[b->tjob[t]];

        for (size_t s = 0; s < a.nsenders; s++)
            if (strcmp(b->senders[s], job->mo.msisdn) == 0)
                job->pre_counts = b->counts[s];
        job->pre_repeats = b->repeats[t];
        job->pre_echo = b->echoes[t];
        job->pre_limits = 1;
    }
    return 0;
}

/*
 * Job i's answer is worked out: the later SMS of its number in the batch,
 * whose counts were read before it was written, count it as the query will
 * once it is (a ticket it took, a reply it got, the notice, its text).
 * Returns how many counted it; if it turns out to be a duplicate, which
 * writes nothing, they were wrong.
 */
static int
batch_limits_share(struct batch *b, int i)
{
    const struct intake_job *job = b->jobs[i];
    const struct mo_work *w = &b->work[i];
    int shared = 0;

    for (int k = i + 1; k < b->n; k++) {
        struct intake_job *later = b->jobs[k];

        if (later->kind != INTAKE_MO || !later->pre_limits ||
            strcmp(later->mo.msisdn, job->mo.msisdn) != 0)
            continue;
        if (job->ticket[0] != '\0')
            later->pre_counts.tickets++;
        if (job->kind != INTAKE_MO)
            continue; /* a USSD step: only its ticket counts */
        if (job->reply[0] != '\0')
            later->pre_counts.replies++;
        if (job->notice)
            later->pre_counts.notice_hour = 1;
        if (w->norm != NULL && b->work[k].norm != NULL && strcmp(w->norm, b->work[k].norm) == 0)
            later->pre_repeats++;
        shared++;
    }
    return shared;
}

/*
 * After the batch's messages are written: each new USSD step writes what
 * its action changed, then every session in one statement; a repeat of a
 * key within the batch gets the screen its first got.  Returns 0 or -1.
 */
static int
batch_ussd_write(struct intake *in, struct db *conn, struct batch *b)
{
    size_t n = 0;
    int i;

    for (i = 0; i < b->n; i++) {
        struct intake_job *job = b->jobs[i];
        struct ussd_work *u = &b->ussd[i];

        if (job->kind != INTAKE_USSD || b->work[i].first >= 0 || job->duplicate)
            continue;
        if (ussd_apply(conn, in, job, u, b->work[i].row.id) < 0)
            return -1;
        b->sids[n] = job->ussd_session;
        b->stransports[n] = job->ussd_transport;
        b->swrite[n++] = &u->row;
    }
    if (n > 0 && db_ussd_put_many(conn, b->sids, b->stransports, b->swrite, n) < 0)
        return -1;
    for (i = 0; i < b->n; i++) {
        struct intake_job *job = b->jobs[i];
        const struct intake_job *first;

        if (job->kind != INTAKE_USSD || b->work[i].first < 0)
            continue;
        first = b->jobs[b->work[i].first];
        job->duplicate = 1;
        job->ussd_events = 0;
        job->ticket[0] = '\0';
        job->ussd_end = first->ussd_end;
        snprintf(job->reply, sizeof(job->reply), "%s", first->reply);
        job->reply_coding = first->reply_coding;
    }
    return 0;
}

/*
 * Job i's BAHASA ... is about to change the language of its number: the
 * jobs after it, whose language was read before, reply in the new one.
 * Returns how many took it; if the message turns out to be a duplicate,
 * which changes nothing, they were wrong.
 */
static int
batch_language_set(struct batch *b, int i)
{
    const struct intake_job *job = b->jobs[i];
    int shared = 0;

    if (job->kind != INTAKE_MO || job->intent != INTENT_LANGUAGE)
        return 0;
    for (int k = i + 1; k < b->n; k++) {
        struct intake_job *later = b->jobs[k];

        if (later->pre_lang >= 0 && strcmp(later->mo.msisdn, job->mo.msisdn) == 0) {
            later->pre_lang = (int)job->lang;
            shared++;
        }
    }
    return shared;
}

/*
 * Writes the MOs prepared so far in one statement, then reads the replies
 * of those found stored already in one query, and answers the repeats of
 * a Kannel id within the batch as its first job was answered.  Returns 0,
 * 1 when a BAHASA ... whose language later jobs took was a duplicate (so
 * they replied in a language that is not the number's: the batch must run
 * again job by job), or -1.
 */
static int
batch_write_mos(struct intake *in, struct db *conn, struct batch *b, int nrows)
{
    int i, r, ndup = 0;

    if (nrows > 0 &&
        db_messages_insert(conn, b->rows, (size_t)nrows, in->cfg->statuses[0].name) < 0)
        return -1;
    for (r = 0; r < nrows; r++) {
        b->work[b->row_job[r]].row.id = b->rows[r].id;
        if (b->rows[r].id == 0) {
            b->dup_ids[ndup] = b->jobs[b->row_job[r]]->mo.kannel_id;
            b->dup_job[ndup++] = b->row_job[r];
        }
    }
    if (ndup > 0 && db_message_replies(conn, b->dup_ids, (size_t)ndup, b->replies, b->codings) < 0)
        return -1;
    for (r = 0; r < ndup; r++) {
        struct intake_job *job = b->jobs[b->dup_job[r]];

        if (job->kind == INTAKE_USSD)
            ussd_duplicate(job, b->replies[r]);
        else
            mo_duplicate(job, b->replies[r], b->codings[r]);
        free(b->replies[r]);
    }
    for (i = 0; i < b->n; i++) {
        struct intake_job *job = b->jobs[i];
        const struct mo_work *w = &b->work[i];

        if (job->kind != INTAKE_MO)
            continue;
        if (w->first >= 0) {
            const struct intake_job *first = b->jobs[w->first];

            mo_duplicate(job, first->reply, first->reply_coding);
            job->lang = first->lang;
        } else if ((w->lang_shared > 0 || w->limits_shared > 0) && job->duplicate) {
            return 1;
        }
    }
    for (i = 0; i < b->n; i++)
        if (b->jobs[i]->kind == INTAKE_USSD && b->work[i].limits_shared > 0 &&
            b->jobs[i]->duplicate)
            return 1;
    return 0;
}

/*
 * Lets the next worker take its batch.  One worker at a time goes from
 * taking a batch to its COMMIT: while it runs its statements, what arrives
 * waits in the queue and goes into the next batch whole, and that batch
 * runs while this one waits for its COMMIT to reach the disk.  Commits
 * overlap; batches grow as wide as what arrives during one batch's
 * statements, without a worker ever waiting on a timer.  Two workers
 * each taking what they find would split a burst into many small batches,
 * each paying the same statements and the same flush to disk.
 */
static void
intake_next(struct intake *in, struct batch *b)
{
    if (!b->executing)
        return;
    b->executing = 0;
    pthread_mutex_lock(&in->lock);
    in->executing--;
    if (in->head != NULL)
        pthread_cond_signal(&in->wake);
    pthread_mutex_unlock(&in->lock);
}

/*
 * The common case: the whole batch in one transaction without savepoints.
 * The languages and ticket numbers, and the sessions of USSD steps, are
 * read ahead; every MO's reply and every step's screen is worked out; the
 * messages of both are written in one statement, then what new steps
 * changed and their sessions (in one more), then what new MOs asked for
 * beyond their row, then the delivery reports.  Returns 0 when it committed (every job DONE), 1
 * when a job failed or must run alone (the transaction rolled back,
 * nothing DONE: the batch may run again), -1 when the transaction itself
 * failed.
 */
static int
batch_run_fast(struct intake *in, struct db *conn, struct batch *b)
{
    int i, rc, nrows = 0;
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    for (i = 0; i < b->n; i++)
        b->work[i] = (struct mo_work){.owned = NULL, .norm = NULL, .first = -1};
    if (db_counted(db_ensure(conn)) < 0 || db_counted(db_begin(conn)) < 0)
        return -1;
    if ((rc = db_counted(batch_read_ahead(in, conn, b))) < 0) {
        for (i = 0; i < b->n; i++)
            if (b->jobs[i]->kind == INTAKE_MO)
                mo_finish(b->jobs[i], &b->work[i]);
        db_rollback(conn);
        return -1;
    }
    if (rc == 1)
        goto rollback; /* two steps of one session: job by job */
    metrics_intake_part(METRICS_PART_READ, &t);
    for (i = 0; i < b->n; i++) {
        struct intake_job *job = b->jobs[i];
        struct mo_work *w = &b->work[i];

        if (job->kind == INTAKE_DLR || (w->first = batch_first(b, i)) >= 0)
            continue;
        if (job->kind == INTAKE_USSD) {
            if (db_counted(ussd_prepare(conn, in, job, &b->ussd[i])) < 0)
                goto rollback;
            w->row = ussd_batch_row(job, &b->ussd[i]);
        } else {
            if (db_counted(mo_prepare(conn, in, job, w)) < 0)
                goto rollback;
            w->lang_shared = batch_language_set(b, i);
        }
        w->limits_shared = batch_limits_share(b, i);
        b->rows[nrows] = w->row;
        b->row_job[nrows++] = i;
    }
    metrics_intake_part(METRICS_PART_REPLIES, &t);
    if (db_counted(batch_write_mos(in, conn, b, nrows)) != 0 ||
        db_counted(batch_ussd_write(in, conn, b)) < 0)
        goto rollback; /* a failure, or a language that must be read again */
    for (i = 0; i < b->n; i++) {
        struct intake_job *job = b->jobs[i];

        if (job->kind == INTAKE_MO && b->work[i].first < 0 && !job->duplicate &&
            db_counted(job_effects(conn, job, b->work[i].row.id)) < 0)
            goto rollback;
        if (job->kind == INTAKE_DLR && db_counted(intake_one(conn, in, job)) < 0)
            goto rollback;
    }
    for (i = 0; i < b->n; i++)
        if (b->jobs[i]->kind == INTAKE_MO)
            mo_finish(b->jobs[i], &b->work[i]);
    metrics_intake_part(METRICS_PART_WRITE, &t);
    intake_next(in, b);
    if (db_counted(db_commit(conn)) < 0)
        return -1;
    metrics_intake_part(METRICS_PART_COMMIT, &t);
    for (i = 0; i < b->n; i++)
        b->jobs[i]->state = INTAKE_DONE;
    return 0;

rollback:
    for (i = 0; i < b->n; i++)
        if (b->jobs[i]->kind == INTAKE_MO)
            mo_finish(b->jobs[i], &b->work[i]);
    db_rollback(conn);
    return 1;
}

/*
 * After a job failed: each job under its own savepoint, reading and
 * writing what it needs itself, so that a job that fails again fails
 * alone.  Returns the number of jobs DONE once committed, or -1 when the
 * transaction failed (every job FAILED).
 */
static int
batch_run_safe(struct intake *in, struct db *conn, struct batch *b)
{
    int i, ok = 0;

    memo_clear(b->memo); /* no version read: the jobs read afresh */
    if (db_counted(db_ensure(conn)) < 0 || db_counted(db_begin(conn)) < 0)
        return -1;
    for (i = 0; i < b->n; i++) {
        if (db_counted(db_savepoint(conn)) < 0)
            break;
        if (db_counted(intake_one(conn, in, b->jobs[i])) == 0) {
            if (db_counted(db_release(conn)) < 0)
                break;
            b->jobs[i]->state = INTAKE_DONE;
            ok++;
        } else if (db_counted(db_rollback_to(conn)) < 0) {
            break;
        }
    }
    if (i < b->n) {
        /* The transaction itself broke: nothing of it stands. */
        db_rollback(conn);
        for (i = 0; i < b->n; i++)
            b->jobs[i]->state = INTAKE_FAILED;
        return -1;
    }
    if (db_counted(db_commit(conn)) < 0) {
        for (i = 0; i < b->n; i++)
            b->jobs[i]->state = INTAKE_FAILED;
        return -1;
    }
    return ok;
}

/*
 * Runs a batch in one transaction, once more with a savepoint per job when
 * a job failed the first time.  Each job is DONE or FAILED afterwards; none
 * is DONE unless the COMMIT succeeded.  Each failure of the database is
 * counted once: a job that failed (in each run that it failed), or a
 * command of the transaction.
 */
static void
intake_batch(struct intake *in, struct db *conn, struct batch *b)
{
    int i, rc, ok;

    metrics_intake_batch(b->n);
    batch_order(b->jobs, b->n);
    for (i = 0; i < b->n; i++) {
        struct intake_job *job = b->jobs[i];

        job->state = INTAKE_FAILED;
        b->inputs[i] = (struct job_input){job->intent, job->arg, job->body};
    }
    batch_reset(b);
    rc = batch_run_fast(in, conn, b);
    if (rc < 0 || (rc == 1 && b->n == 1))
        return; /* with one job, a run with a savepoint would fail the same way */
    ok = b->n;
    if (rc == 1) {
        batch_reset(b);
        if ((ok = batch_run_safe(in, conn, b)) < 0)
            return;
    }
    for (i = 0; i < b->n; i++)
        if (b->jobs[i]->state == INTAKE_DONE)
            job_count(b->jobs[i]);
    if (ok < b->n)
        log_warnx("event=intake_batch_partial jobs=%d failed=%d", b->n, b->n - ok);
}

/*
 * Under a steady flow, gives the batch about to be taken time to fill, as
 * PostgreSQL's commit_delay does for commits: until it holds half of
 * db.batch_max, or its oldest job has waited db.batch_wait, or nothing more
 * came for INTAKE_GATHER_GAP.  A batch costs the server its statements and
 * a flush to disk whatever its size, so four batches of four cost about
 * what three of sixteen do; with Kannel in front, batches stayed that small
 * (what arrived during one batch's statements), and the server's share of
 * the two cores went to them.  The gap ends the wait when the sender has
 * nothing more to send: Kannel's smsbox sends at most max-pending-requests
 * at once, and with all of them waiting here, waiting longer would only
 * delay every reply.  Only when the last batch held two jobs or more, so a
 * lone SMS never waits; never while a USSD step is queued, since a caller
 * is watching the screen.  Called with the lock held.
 */
static void
intake_gather(struct intake *in)
{
    struct timespec until, next, now;

    if (in->wait_ns == 0 || in->last_batch < 2 || in->queued_ussd > 0)
        return;
    until = ts_add(in->head->queued_at, in->wait_ns);
    in->gathering = 1;
    while (in->head != NULL && in->queued < in->target && in->queued_ussd == 0 && !in->stopping) {
        next = ts_add(in->tail->queued_at, INTAKE_GATHER_GAP);
        if (ts_before(until, next))
            next = until;
        if (pthread_cond_timedwait(&in->full, &in->lock, &next) == 0)
            continue;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (in->head == NULL || !ts_before(now, until) ||
            !ts_before(now, ts_add(in->tail->queued_at, INTAKE_GATHER_GAP)))
            break; /* the wait is over, or nothing came for the gap */
    }
    in->gathering = 0;
    pthread_cond_signal(&in->wake); /* a whole batch more may be waiting */
}

/* How often the watch looks for late SMS, at most and at least (ns). */
#define INTAKE_WATCH_MAX 250000000L
#define INTAKE_WATCH_MIN 10000000L

/*
 * The watch: an SMS queued longer than journal.after is done FAILED and
 * late, for its caller to journal.  The queue is in the order of arrival,
 * so only its head can be late; USSD steps and delivery reports stay
 * queued (neither is journaled).  Takes the lock; calls done() without it.
 */
static void *
intake_watch(void *arg)
{
    struct intake *in = arg;
    long period = in->late_ns / 4;
    struct timespec now, next;

    if (period > INTAKE_WATCH_MAX)
        period = INTAKE_WATCH_MAX;
    if (period < INTAKE_WATCH_MIN)
        period = INTAKE_WATCH_MIN;
    pthread_mutex_lock(&in->lock);
    while (!in->stopping) {
        struct intake_job *late = NULL, **pp = &in->head, *prev = NULL, *job;
        int n = 0;

        clock_gettime(CLOCK_MONOTONIC, &now);
        while ((job = *pp) != NULL && !ts_before(now, ts_add(job->queued_at, in->late_ns))) {
            if (job->kind != INTAKE_MO) {
                prev = job;
                pp = &job->next;
                continue;
            }
            *pp = job->next;
            if (in->tail == job)
                in->tail = prev;
            job->next = late;
            late = job;
            n++;
        }
        in->queued -= n;
        if (n > 0) {
            metrics_intake_queued(-n);
            pthread_mutex_unlock(&in->lock);
            log_warnx("event=intake_late jobs=%d after_ms=%ld", n, in->late_ns / 1000000L);
            while ((job = late) != NULL) {
                late = job->next;
                job->next = NULL;
                job->late = 1;
                job->state = INTAKE_FAILED;
                job->done(job, job->done_ctx);
            }
            pthread_mutex_lock(&in->lock);
        }
        next = ts_add(now, period);
        pthread_cond_timedwait(&in->watch, &in->lock, &next);
    }
    pthread_mutex_unlock(&in->lock);
    return NULL;
}

/* Whether an idle worker may take a batch now (under the lock): when none
 * is running its statements, when a whole batch more waits, or when a USSD
 * step waits (a citizen at the menu, whose network gives up on a slow
 * answer: in bench/run a second batch for them cut the step's latency by a
 * fifth to a third); never while one is gathering. */
static int
intake_may_take(const struct intake *in)
{
    return in->head != NULL && !in->gathering &&
           (in->executing == 0 || in->queued >= in->cfg->db_batch_max || in->queued_ussd > 0);
}

static void *
intake_worker(void *arg)
{
    struct worker_arg *wa = arg;
    struct intake *in = wa->in;
    struct db *conn = in->conns[wa->index];
    int max = in->cfg->db_batch_max, n, i;
    struct batch b;

    free(wa);
    batch_init(&b, max);
    for (;;) {
        pthread_mutex_lock(&in->lock);
        while (!intake_may_take(in) && !in->stopping)
            pthread_cond_wait(&in->wake, &in->lock);
        if (in->head == NULL && in->stopping) {
            pthread_mutex_unlock(&in->lock);
            break;
        }
        in->executing++;
        b.executing = 1;
        intake_gather(in);
        for (n = 0; n < max && in->head != NULL; n++) {
            b.jobs[n] = in->head;
            in->head = in->head->next;
            b.jobs[n]->next = NULL;
            in->queued_ussd -= b.jobs[n]->kind == INTAKE_USSD;
        }
        if (in->head == NULL)
            in->tail = NULL;
        in->queued -= n;
        in->last_batch = n;
        metrics_intake_queued(-n);
        pthread_mutex_unlock(&in->lock);
        if (n == 0) {
            intake_next(in, &b); /* stopping: another worker took them */
            continue;
        }

        metrics_intake_busy(1);
        b.n = n;
        intake_batch(in, conn, &b);
        intake_next(in, &b);
        for (i = 0; i < n; i++)
            b.jobs[i]->done(b.jobs[i], b.jobs[i]->done_ctx);

        metrics_intake_busy(-1);
    }
    batch_free(&b);
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
    pthread_cond_destroy(&in->full);
    pthread_cond_destroy(&in->watch);
    free(in);
}

struct intake *
intake_start(const struct cfg *c, const struct lexicon *lx, uint64_t key)
{
    struct intake *in = xcalloc(1, sizeof(*in));
    pthread_condattr_t monotonic;
    int i;

    in->cfg = c;
    in->lx = lx;
    in->key = key;
    in->nworkers = c->db_pool;
    in->wait_ns = (long)c->db_batch_wait * 1000000L;
    in->target = c->db_batch_max / 2 > 1 ? c->db_batch_max / 2 : 1;
    in->late_ns = c->journal_dir[0] != '\0' ? (long)c->journal_after * 1000000L : 0;
    pthread_mutex_init(&in->lock, NULL);
    pthread_cond_init(&in->wake, NULL);
    pthread_condattr_init(&monotonic);
    pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC);
    pthread_cond_init(&in->full, &monotonic);
    pthread_cond_init(&in->watch, &monotonic);
    pthread_condattr_destroy(&monotonic);
    in->conns = xcalloc((size_t)in->nworkers, sizeof(*in->conns));
    in->threads = xcalloc((size_t)in->nworkers, sizeof(*in->threads));
    for (i = 0; i < in->nworkers; i++) {
        in->conns[i] = db_connect_generic(c->database);
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
    if (in->late_ns > 0 && pthread_create(&in->watcher, NULL, intake_watch, in) != 0)
        fatal("event=thread_create_failed what=intake_watch");
    metrics_intake_workers(in->nworkers);
    return in;

fail:
    intake_free(in);
    return NULL;
}

void
intake_submit(struct intake *in, struct intake_job *job)
{
    job->state = INTAKE_QUEUED;
    job->late = 0;
    job->next = NULL;
    clock_gettime(CLOCK_MONOTONIC, &job->queued_at);
    pthread_mutex_lock(&in->lock);
    if (in->tail != NULL)
        in->tail->next = job;
    else
        in->head = job;
    in->tail = job;
    in->queued++;
    in->queued_ussd += job->kind == INTAKE_USSD;
    metrics_intake_queued(1);
    /* Wakes an idle worker only when it may take a batch now: while
     * another runs its statements, a job waits for intake_next(), and
     * waking a worker at every job to find that out cost a switch of
     * threads per message. */
    if (intake_may_take(in))
        pthread_cond_signal(&in->wake);
    else if (in->gathering && (in->queued >= in->target || job->kind == INTAKE_USSD))
        pthread_cond_signal(&in->full);
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
    pthread_cond_broadcast(&in->full);
    pthread_cond_signal(&in->watch);
    pthread_mutex_unlock(&in->lock);
    if (in->late_ns > 0)
        pthread_join(in->watcher, NULL);
    for (i = 0; i < in->nworkers; i++)
        pthread_join(in->threads[i], NULL);
    intake_free(in);
}
