/*
 * Sender threads.  Each one loops: claim a few due rows (db_outbox_claim(),
 * shared with every other sender through FOR UPDATE SKIP LOCKED), and for
 * each row wait for its slot under the rate, call sendsms, and record the
 * outcome in its own commit at once, so that a crash can repeat at most the
 * one message whose answer it had not written yet.
 *
 * The rate is one schedule for the whole process: each message takes the
 * next free slot, 1/rate seconds after the previous one.
 *
 * Kannel's answers: 202 "0: Accepted for delivery" and 202 "3: Queued for
 * later delivery" both mean bearerbox stored the message.  Anything else is
 * retried with back-off until sendsms.retries attempts are spent: connection
 * errors, timeouts and 5xx, and also 4xx, which with the numbers and texts
 * Aspirasi sends mean a configuration the operator will fix (403: the
 * account in sendsms.url is wrong; 400 "Sender missing": no sendsms.from
 * and no default-sender), and the messages must not be lost meanwhile.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "gateway/metrics.h"
#include "gateway/sender.h"
#include "parsers/msisdn.h"

#define SENDER_POLL_MS  500  /* how often an idle sender looks for due rows */
#define SENDER_BATCH    32   /* rows one claim takes at most */
#define SENDER_URL_MAX  8192 /* one sendsms request */
#define SENDER_BODY_MAX 256  /* bytes of Kannel's answer kept for the log */

struct sender {
    const struct cfg *cfg;
    char instance[96];
    char dlr_base[1100];

    pthread_mutex_t lock;
    pthread_cond_t wake;
    int woken;
    int stopping;
    struct timespec next_slot; /* CLOCK_MONOTONIC */

    int nthreads;
    pthread_t *threads;
};

/* Appends s percent-encoded (everything but RFC 3986's unreserved
 * characters) to out at *len; returns -1 when it does not fit. */
static int
put_escaped(char *out, size_t outsz, size_t *len, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";

    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        int plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~';

        if (*len + 4 > outsz)
            return -1;
        if (plain) {
            out[(*len)++] = (char)*p;
        } else {
            out[(*len)++] = '%';
            out[(*len)++] = hex[*p >> 4];
            out[(*len)++] = hex[*p & 15];
        }
    }
    out[*len] = '\0';
    return 0;
}

/* Appends the plain text s; returns -1 when it does not fit. */
static int
put_plain(char *out, size_t outsz, size_t *len, const char *s)
{
    size_t n = strlen(s);

    if (*len + n + 1 > outsz)
        return -1;
    memcpy(out + *len, s, n + 1);
    *len += n;
    return 0;
}

/*
 * The whole sendsms URL of one message.  The dlr-url carries the row's id
 * and Kannel's %d (report type) and %A (the SMSC's answer); it is escaped
 * as a whole, so Kannel sees its escape codes after decoding the parameter.
 */
static int
sender_url(const struct sender *s, const struct db_outbox_row *row, char *out, size_t outsz)
{
    const struct cfg *c = s->cfg;
    char dlr[1400], coding[8];
    size_t len = 0;
    int rc;

    rc = snprintf(dlr, sizeof(dlr), "%s%cid=%lld&type=%%d&smsc_reply=%%A&secret=%s", s->dlr_base,
                  strchr(s->dlr_base, '?') != NULL ? '&' : '?', (long long)row->id,
                  c->kannel_secret);
    if (rc < 0 || (size_t)rc >= sizeof(dlr))
        return -1;
    snprintf(coding, sizeof(coding), "%d", row->coding);
    if (put_plain(out, outsz, &len, c->sendsms_url) < 0 ||
        put_plain(out, outsz, &len, strchr(c->sendsms_url, '?') != NULL ? "&to=" : "?to=") < 0 ||
        put_escaped(out, outsz, &len, row->msisdn) < 0 ||
        put_plain(out, outsz, &len, "&text=") < 0 || put_escaped(out, outsz, &len, row->body) < 0 ||
        put_plain(out, outsz, &len, "&charset=UTF-8&coding=") < 0 ||
        put_plain(out, outsz, &len, coding) < 0 ||
        put_plain(out, outsz, &len, "&dlr-mask=31&dlr-url=") < 0 ||
        put_escaped(out, outsz, &len, dlr) < 0)
        return -1;
    if (c->sendsms_from[0] != '\0' && (put_plain(out, outsz, &len, "&from=") < 0 ||
                                       put_escaped(out, outsz, &len, c->sendsms_from) < 0))
        return -1;
    return 0;
}

/* Waits for this message's slot under the rate. */
static void
sender_pace(struct sender *s)
{
    struct timespec now, slot;
    long long gap = 1000000000LL / s->cfg->sendsms_rate;

    clock_gettime(CLOCK_MONOTONIC, &now);
    pthread_mutex_lock(&s->lock);
    if (s->next_slot.tv_sec < now.tv_sec ||
        (s->next_slot.tv_sec == now.tv_sec && s->next_slot.tv_nsec < now.tv_nsec))
        s->next_slot = now;
    slot = s->next_slot;
    s->next_slot.tv_nsec += gap;
    s->next_slot.tv_sec += s->next_slot.tv_nsec / 1000000000LL;
    s->next_slot.tv_nsec %= 1000000000LL;
    pthread_mutex_unlock(&s->lock);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &slot, NULL) != 0)
        ;
}

struct answer {
    char text[SENDER_BODY_MAX];
    size_t len;
};

static size_t
answer_write(char *data, size_t size, size_t nmemb, void *ctx)
{
    struct answer *a = ctx;
    size_t n = size * nmemb;

    for (size_t i = 0; i < n && a->len + 1 < sizeof(a->text); i++)
        a->text[a->len++] = data[i] >= 0x20 && data[i] < 0x7f ? data[i] : ' ';
    a->text[a->len] = '\0';
    return n;
}

enum outcome { SENT_OK = 0, SENT_RETRY, SENT_FAIL };

/* Sends one row; fills why with what went wrong. */
static enum outcome
sender_send(struct sender *s, CURL *h, const struct db_outbox_row *row, char *why, size_t whylen)
{
    char *u = xmalloc(SENDER_URL_MAX);
    struct answer a = {.len = 0};
    long status = 0;
    CURLcode cc;

    a.text[0] = '\0';
    if (sender_url(s, row, u, SENDER_URL_MAX) < 0) {
        free(u);
        snprintf(why, whylen, "message too long for one sendsms request");
        metrics_sendsms_error(METRICS_SENDSMS_TOO_LONG);
        return SENT_FAIL;
    }
    curl_easy_setopt(h, CURLOPT_URL, u);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, answer_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &a);
    cc = curl_easy_perform(h);
    explicit_bzero(u, SENDER_URL_MAX); /* it holds the sendsms password */
    free(u);
    if (cc != CURLE_OK) {
        snprintf(why, whylen, "sendsms unreachable: %s", curl_easy_strerror(cc));
        metrics_sendsms_error(cc == CURLE_OPERATION_TIMEDOUT ? METRICS_SENDSMS_TIMEOUT
                                                             : METRICS_SENDSMS_CONNECT);
        return SENT_RETRY;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 200 && status < 300)
        return SENT_OK;
    snprintf(why, whylen, "sendsms answered %ld: %s", status, a.text);
    metrics_sendsms_error(METRICS_SENDSMS_STATUS);
    return SENT_RETRY;
}

/* Seconds before attempt number attempts + 1. */
static int
sender_backoff(const struct cfg *c, int attempts)
{
    long long d = c->sendsms_backoff;

    for (int i = 1; i < attempts && d < c->sendsms_backoff_max; i++)
        d *= 2;
    return d > c->sendsms_backoff_max ? c->sendsms_backoff_max : (int)d;
}

/* Records the outcome of one row. */
static void
sender_record(struct sender *s, struct db *db, const struct db_outbox_row *row, enum outcome o,
              const char *why)
{
    const struct cfg *c = s->cfg;
    char masked[MSISDN_MAX + 8], quoted[512];
    int attempts = row->attempts + 1;
    int retry = o == SENT_RETRY && attempts < c->sendsms_retries;
    int rc;

    msisdn_mask(row->msisdn, masked, sizeof(masked));
    metrics_outbox_send(row->kind, o == SENT_OK ? METRICS_SEND_ACCEPTED
                                   : retry      ? METRICS_SEND_RETRY
                                                : METRICS_SEND_FAILED);
    if (o == SENT_OK) {
        rc = db_outbox_accepted(db, row->id, s->instance);
        log_debug("event=mt_sent id=%lld to=%s coding=%d attempt=%d", (long long)row->id, masked,
                  row->coding, attempts);
    } else {
        rc = db_outbox_failed(db, row->id, s->instance, retry, sender_backoff(c, attempts), why);
        log_warnx("event=mt_failed id=%lld to=%s attempt=%d retry=%d reason=\"%s\"",
                  (long long)row->id, masked, attempts, retry,
                  log_quote(why, quoted, sizeof(quoted)));
    }
    if (rc < 0) {
        /* The row stays 'sending' and is taken again after its lease; a
         * delivery report settles it meanwhile. */
        metrics_db_error(METRICS_DB_SENDER);
        log_warnx("event=mt_unrecorded id=%lld", (long long)row->id);
    }
}

static int
sender_stopping(struct sender *s)
{
    int v;

    pthread_mutex_lock(&s->lock);
    v = s->stopping;
    pthread_mutex_unlock(&s->lock);
    return v;
}

/* Sleeps until woken, stopped, or ms pass. */
static void
sender_idle(struct sender *s, int ms)
{
    struct timespec until;

    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += (long)ms * 1000000L;
    until.tv_sec += until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    pthread_mutex_lock(&s->lock);
    while (!s->woken && !s->stopping && pthread_cond_timedwait(&s->wake, &s->lock, &until) == 0)
        ;
    s->woken = 0;
    pthread_mutex_unlock(&s->lock);
}

static void *
sender_thread(void *arg)
{
    struct sender *s = arg;
    const struct cfg *c = s->cfg;
    struct db_outbox_row rows[SENDER_BATCH];
    struct db_quiet quiet = {c->timezone, c->quiet_start, c->quiet_end};
    int batch = c->sendsms_rate / (2 * s->nthreads), n, i;
    struct db *db = db_connect(c->database);
    CURL *h = curl_easy_init();
    char why[512];

    if (h == NULL)
        fatalx("event=curl_init_failed");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)c->sendsms_timeout);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)c->sendsms_timeout);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    batch = batch < 1 ? 1 : batch > SENDER_BATCH ? SENDER_BATCH : batch;
    while (!sender_stopping(s)) {
        if (db == NULL || db_ensure(db) < 0) {
            metrics_db_error(METRICS_DB_SENDER);
            if (db == NULL)
                db = db_connect(c->database);
            sender_idle(s, 1000);
            continue;
        }
        n = db_outbox_claim(db, s->instance, c->sendsms_lease, &quiet, rows, batch);
        if (n < 0)
            metrics_db_error(METRICS_DB_SENDER);
        if (n <= 0) {
            sender_idle(s, n < 0 ? 1000 : SENDER_POLL_MS);
            continue;
        }
        for (i = 0; i < n && !sender_stopping(s); i++) {
            enum outcome o;

            sender_pace(s);
            o = sender_send(s, h, &rows[i], why, sizeof(why));
            sender_record(s, db, &rows[i], o, why);
        }
        /* Rows claimed but not sent (stopping): back to the queue now
         * rather than after their lease. */
        for (; i < n; i++)
            db_outbox_failed(db, rows[i].id, s->instance, 1, 0, "released at shutdown");
        db_outbox_rows_clear(rows, n);
    }
    curl_easy_cleanup(h);
    db_close(db);
    return NULL;
}

/* The dlr-url base: configured, or this daemon's own /kannel/dlr. */
static void
sender_dlr_base(const struct cfg *c, char *out, size_t outsz)
{
    const char *host = c->listen_host;

    if (c->dlr_url[0] != '\0') {
        snprintf(out, outsz, "%s", c->dlr_url);
        return;
    }
    if (strcmp(host, "0.0.0.0") == 0)
        host = "127.0.0.1";
    if (strchr(host, ':') != NULL)
        snprintf(out, outsz, "http://[%s]:%u/kannel/dlr", strcmp(host, "::") == 0 ? "::1" : host,
                 c->listen_port);
    else
        snprintf(out, outsz, "http://%s:%u/kannel/dlr", host, c->listen_port);
}

struct sender *
sender_start(const struct cfg *c, const char *instance)
{
    struct sender *s;

    if (c->sendsms_url[0] == '\0') {
        log_warnx("event=sender_disabled reason=\"sendsms.url is not set: notifications and "
                  "broadcasts wait in the outbox\"");
        return NULL;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        log_warnx("event=sender_failed reason=\"curl_global_init failed\"");
        return NULL;
    }
    s = xcalloc(1, sizeof(*s));
    s->cfg = c;
    snprintf(s->instance, sizeof(s->instance), "%s", instance);
    sender_dlr_base(c, s->dlr_base, sizeof(s->dlr_base));
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    s->nthreads = c->sendsms_threads;
    s->threads = xcalloc((size_t)s->nthreads, sizeof(*s->threads));
    for (int i = 0; i < s->nthreads; i++)
        if (pthread_create(&s->threads[i], NULL, sender_thread, s) != 0)
            fatal("event=thread_create_failed what=sender");
    log_info("event=sender_started instance=%s threads=%d rate=%d", s->instance, s->nthreads,
             c->sendsms_rate);
    return s;
}

void
sender_wake(struct sender *s)
{
    if (s == NULL)
        return;
    pthread_mutex_lock(&s->lock);
    s->woken = 1;
    pthread_cond_broadcast(&s->wake);
    pthread_mutex_unlock(&s->lock);
}

void
sender_stop(struct sender *s)
{
    if (s == NULL)
        return;
    pthread_mutex_lock(&s->lock);
    s->stopping = 1;
    pthread_cond_broadcast(&s->wake);
    pthread_mutex_unlock(&s->lock);
    for (int i = 0; i < s->nthreads; i++)
        pthread_join(s->threads[i], NULL);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->wake);
    free(s->threads);
    free(s);
    curl_global_cleanup();
}
