/*
 * The counters of aspirasid and the operator's routes (metrics.h):
 *
 *   GET /metrics   the counters below, plus gauges read at scrape time from
 *                  the database (outbox rows by state, USSD sessions
 *                  active) and from the configuration (API workers), in
 *                  the Prometheus text format;
 *   GET /healthz   200 "database ok\nsendsms ok\n" when PostgreSQL answers
 *                  and Kannel's sendsms port takes a connection (or
 *                  "sendsms not configured"), else 503 naming what is down.
 *
 * Counters are relaxed atomics: each is exact on its own, and a scrape
 * that races an update sees it or not.  A histogram's _count is the sum of
 * the buckets read, so its "+Inf" bucket and _count always agree; its _sum
 * is kept in integer units (nanoseconds for latencies) so that it can be
 * an atomic too.
 *
 * The sendsms probe connects to the scheme, host and port of sendsms.url
 * only, never its path or query, which carry Kannel's password; the URL is
 * never logged.  Its result is kept SENDSMS_PROBE_TTL seconds, so a
 * monitoring system polling /healthz does not become a load on Kannel.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "gateway/api.h"
#include "gateway/metrics.h"
#include "gateway/prom.h"
#include "menus/menu.h"

#define METRICS_TEXT_MAX    (256 * 1024) /* the whole page; it needs a few tens of KiB */
#define METRICS_CONTENT     "text/plain; version=0.0.4; charset=utf-8"
#define HEALTH_CONTENT      "text/plain; charset=utf-8"
#define HIST_BUCKETS_MAX    16   /* bounds + 1 of any histogram here */
#define SENDSMS_PROBE_TTL   5    /* seconds a probe result is kept */
#define SENDSMS_PROBE_MS    2000 /* a probe's whole time budget */
#define HTTP_STATUS_FIRST   400
#define HTTP_STATUS_LAST    599
#define INTENT_LABELS_COUNT (INTENT__COUNT + 1) /* the intents and METRICS_INTENT_MENU */

typedef atomic_uint_fast64_t counter;

/* ---- histograms ----------------------------------------------------------- */

struct hist {
    counter counts[HIST_BUCKETS_MAX]; /* not cumulative; nbounds + 1 used */
    counter sum;                      /* in the histogram's units */
};

/* Reply latency in seconds: 0.5 ms to 5 s. */
static const double latency_bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                        0.1,    0.25,  0.5,    1,     2.5,  5};
#define LATENCY_NB (sizeof(latency_bounds) / sizeof(latency_bounds[0]))

/* Jobs per intake batch (db.batch_max is at most 1024). */
static const double batch_bounds[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
#define BATCH_NB (sizeof(batch_bounds) / sizeof(batch_bounds[0]))

_Static_assert(LATENCY_NB < HIST_BUCKETS_MAX && BATCH_NB < HIST_BUCKETS_MAX,
               "a histogram has more buckets than struct hist holds");

static void
hist_observe(struct hist *h, const double *bounds, size_t nbounds, double v, uint64_t units)
{
    atomic_fetch_add_explicit(&h->counts[prom_bucket(bounds, nbounds, v)], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&h->sum, units, memory_order_relaxed);
}

static void
hist_write(struct prom *p, const char *name, const struct prom_label *labels, size_t nlabels,
           struct hist *h, const double *bounds, size_t nbounds, double unit)
{
    uint64_t counts[HIST_BUCKETS_MAX];

    for (size_t i = 0; i <= nbounds; i++)
        counts[i] = atomic_load_explicit(&h->counts[i], memory_order_relaxed);
    prom_histogram(p, name, labels, nlabels, bounds, nbounds, counts,
                   (double)atomic_load_explicit(&h->sum, memory_order_relaxed) * unit);
}

/* ---- the counters --------------------------------------------------------- */

static const char *const channel_names[METRICS_CHANNEL__COUNT] = {"sms", "ussd"};
static const char *const send_names[METRICS_SEND__COUNT] = {"accepted", "retry", "failed"};
static const char *const sendsms_error_names[METRICS_SENDSMS__COUNT] = {"connect", "timeout",
                                                                        "status", "too_long"};
/* Kannel's report types 1, 2, 4, 8, 16, by their bit. */
static const char *const dlr_names[] = {"delivered", "undeliverable", "buffered", "smsc_accepted",
                                        "smsc_rejected"};
#define DLR_TYPES (sizeof(dlr_names) / sizeof(dlr_names[0]))
static const char *const route_names[METRICS_ROUTE__COUNT] = {"mo",      "dlr", "ussd", "api",
                                                              "open311", "ops", "other"};
static const char *const limit_names[METRICS_LIMIT__COUNT] = {"tickets_per_hour", "replies_per_day",
                                                              "loop"};
static const char *const db_user_names[METRICS_DB__COUNT] = {"intake", "sender", "api"};
static const char *const part_names[METRICS_PART__COUNT] = {"read", "replies", "write", "commit"};

static struct {
    counter messages_in[METRICS_CHANNEL__COUNT][INTENT_LABELS_COUNT];
    counter duplicates[METRICS_CHANNEL__COUNT];
    counter limited[METRICS_LIMIT__COUNT];
    counter replies[METRICS_CHANNEL__COUNT];
    struct hist latency[METRICS_CHANNEL__COUNT];
    counter sends[DB_OUTBOX__KINDS][METRICS_SEND__COUNT]; /* by enum db_outbox_kind */
    counter sendsms_errors[METRICS_SENDSMS__COUNT];
    counter dlr[DLR_TYPES];
    counter ussd[METRICS_USSD__COUNT];
    counter http_errors[METRICS_ROUTE__COUNT][HTTP_STATUS_LAST - HTTP_STATUS_FIRST + 1];
    counter db_errors[METRICS_DB__COUNT];
    struct hist batches;
    struct hist parts[METRICS_PART__COUNT];
    atomic_int intake_workers, intake_busy, intake_queued;
    counter journal[METRICS_JOURNAL__COUNT];
    atomic_llong journal_pending;
} m;

static void
counter_bump(counter *c)
{
    atomic_fetch_add_explicit(c, 1, memory_order_relaxed);
}

static uint64_t
counter_get(counter *c)
{
    return atomic_load_explicit(c, memory_order_relaxed);
}

void
metrics_message_in(enum metrics_channel ch, int intent, int duplicate)
{
    if ((unsigned)ch >= METRICS_CHANNEL__COUNT)
        return;
    if (duplicate)
        counter_bump(&m.duplicates[ch]);
    else if (intent >= 0 && intent < INTENT_LABELS_COUNT)
        counter_bump(&m.messages_in[ch][intent]);
}

void
metrics_message_limited(enum metrics_limit reason)
{
    if ((unsigned)reason < METRICS_LIMIT__COUNT)
        counter_bump(&m.limited[reason]);
}

/* Nanoseconds from *t0 to t1 (never negative). */
static int64_t
ns_since(const struct timespec *t0, const struct timespec *t1)
{
    int64_t ns = (int64_t)(t1->tv_sec - t0->tv_sec) * 1000000000 + (t1->tv_nsec - t0->tv_nsec);

    return ns > 0 ? ns : 0;
}

void
metrics_reply(enum metrics_channel ch, const struct timespec *t0)
{
    struct timespec t1;
    int64_t ns;

    if ((unsigned)ch >= METRICS_CHANNEL__COUNT)
        return;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ns = ns_since(t0, &t1);
    counter_bump(&m.replies[ch]);
    hist_observe(&m.latency[ch], latency_bounds, LATENCY_NB, (double)ns / 1e9, (uint64_t)ns);
}

void
metrics_outbox_send(enum db_outbox_kind kind, enum metrics_send result)
{
    if ((unsigned)kind < DB_OUTBOX__KINDS && (unsigned)result < METRICS_SEND__COUNT)
        counter_bump(&m.sends[kind][result]);
}

void
metrics_sendsms_error(enum metrics_sendsms_error e)
{
    if ((unsigned)e < METRICS_SENDSMS__COUNT)
        counter_bump(&m.sendsms_errors[e]);
}

void
metrics_dlr(int type)
{
    for (size_t i = 0; i < DLR_TYPES; i++)
        if (type == 1 << i)
            counter_bump(&m.dlr[i]);
}

void
metrics_ussd_session(enum metrics_ussd ev)
{
    if ((unsigned)ev < METRICS_USSD__COUNT)
        counter_bump(&m.ussd[ev]);
}

void
metrics_http_error(enum metrics_route route, int status)
{
    if ((unsigned)route < METRICS_ROUTE__COUNT && status >= HTTP_STATUS_FIRST &&
        status <= HTTP_STATUS_LAST)
        counter_bump(&m.http_errors[route][status - HTTP_STATUS_FIRST]);
}

void
metrics_db_error(enum metrics_db_user who)
{
    if ((unsigned)who < METRICS_DB__COUNT)
        counter_bump(&m.db_errors[who]);
}

void
metrics_intake_workers(int total)
{
    atomic_store_explicit(&m.intake_workers, total, memory_order_relaxed);
}

void
metrics_intake_busy(int delta)
{
    atomic_fetch_add_explicit(&m.intake_busy, delta, memory_order_relaxed);
}

void
metrics_intake_queued(int delta)
{
    atomic_fetch_add_explicit(&m.intake_queued, delta, memory_order_relaxed);
}

void
metrics_intake_batch(int jobs)
{
    if (jobs > 0)
        hist_observe(&m.batches, batch_bounds, BATCH_NB, (double)jobs, (uint64_t)jobs);
}

void
metrics_intake_part(enum metrics_batch_part part, struct timespec *t0)
{
    struct timespec t1;
    int64_t ns;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    if ((unsigned)part < METRICS_PART__COUNT) {
        ns = ns_since(t0, &t1);
        hist_observe(&m.parts[part], latency_bounds, LATENCY_NB, (double)ns / 1e9, (uint64_t)ns);
    }
    *t0 = t1;
}

/* ---- /metrics ------------------------------------------------------------- */

/* The intent label of index i (an enum intent or METRICS_INTENT_MENU). */
static const char *
intent_label(int i)
{
    return i == METRICS_INTENT_MENU ? "menu" : intent_name((enum intent)i);
}

/* Whether a series of channel ch and intent i is written even at 0: every
 * intent of SMS; for USSD the menu and the intents of menu actions.  Other
 * pairs cannot happen, and are written only if they did. */
static int
intent_expected(int ch, int i)
{
    enum menu_action act;

    if (ch == METRICS_SMS)
        return i != METRICS_INTENT_MENU;
    return i == METRICS_INTENT_MENU || menu_action_from_name(intent_label(i), &act) == 0;
}

static void
write_messages(struct prom *p)
{
    struct prom_label l[2] = {{"channel", NULL}, {"intent", NULL}};

    prom_family(p, "aspirasi_messages_in_total", PROM_COUNTER,
                "Messages stored (SMS and USSD steps), not counting retries of stored ones, by "
                "channel and intent (\"menu\": a USSD step without an action).");
    for (int ch = 0; ch < METRICS_CHANNEL__COUNT; ch++)
        for (int i = 0; i < INTENT_LABELS_COUNT; i++) {
            uint64_t v = counter_get(&m.messages_in[ch][i]);

            if (v == 0 && !intent_expected(ch, i))
                continue;
            l[0].value = channel_names[ch];
            l[1].value = intent_label(i);
            prom_uint(p, "aspirasi_messages_in_total", l, 2, v);
        }
    prom_family(p, "aspirasi_messages_duplicate_total", PROM_COUNTER,
                "Retries of messages already stored (the same Kannel id or USSD step), answered "
                "with the first reply, by channel.");
    for (int ch = 0; ch < METRICS_CHANNEL__COUNT; ch++) {
        l[0].value = channel_names[ch];
        prom_uint(p, "aspirasi_messages_duplicate_total", l, 1, counter_get(&m.duplicates[ch]));
    }
    prom_family(p, "aspirasi_messages_limited_total", PROM_COUNTER,
                "New SMS stored without their usual answer, by reason: tickets_per_hour (a "
                "complaint without a ticket), replies_per_day (no reply), loop (the same text "
                "again and again, or one of our own replies sent back: no reply).");
    l[0].name = "reason";
    for (int r = 0; r < METRICS_LIMIT__COUNT; r++) {
        l[0].value = limit_names[r];
        prom_uint(p, "aspirasi_messages_limited_total", l, 1, counter_get(&m.limited[r]));
    }
    l[0].name = "channel";
    prom_family(p, "aspirasi_replies_out_total", PROM_COUNTER,
                "Replies queued to Kannel or the USSD aggregator, by channel.");
    for (int ch = 0; ch < METRICS_CHANNEL__COUNT; ch++) {
        l[0].value = channel_names[ch];
        prom_uint(p, "aspirasi_replies_out_total", l, 1, counter_get(&m.replies[ch]));
    }
    prom_family(p, "aspirasi_reply_latency_seconds", PROM_HISTOGRAM,
                "Time from the start of a request to its reply being queued, by channel.");
    for (int ch = 0; ch < METRICS_CHANNEL__COUNT; ch++) {
        l[0].value = channel_names[ch];
        hist_write(p, "aspirasi_reply_latency_seconds", l, 1, &m.latency[ch], latency_bounds,
                   LATENCY_NB, 1e-9);
    }
}

static void
write_outbox(struct prom *p, const struct db_outbox_counts *oc)
{
    const struct {
        const char *state;
        int64_t n;
    } states[] = {
        {"queued", oc->queued},       {"sending", oc->sending}, {"accepted", oc->accepted},
        {"delivered", oc->delivered}, {"failed", oc->failed},   {"cancelled", oc->cancelled},
        {"opted_out", oc->opted_out},
    };
    static const char *const kinds[DB_OUTBOX__KINDS] = {"notification", "receipt", "broadcast",
                                                        "reply"};
    struct prom_label l = {"result", NULL}, kl[2] = {{"kind", NULL}, {"result", NULL}};

    prom_family(
        p, "aspirasi_outbox_sends_total", PROM_COUNTER,
        "Sendsms attempts of outbox rows, by kind (notification, receipt, broadcast, reply) and "
        "result: accepted by Kannel, queued again to retry, or failed for good.");
    for (int k = 0; k < DB_OUTBOX__KINDS; k++)
        for (int i = 0; i < METRICS_SEND__COUNT; i++) {
            kl[0].value = kinds[k];
            kl[1].value = send_names[i];
            prom_uint(p, "aspirasi_outbox_sends_total", kl, 2, counter_get(&m.sends[k][i]));
        }
    prom_family(p, "aspirasi_sendsms_errors_total", PROM_COUNTER,
                "Failed sendsms requests, by kind: connect (no connection), timeout, status "
                "(Kannel answered other than 2xx), too_long (the request could not be built).");
    l.name = "kind";
    for (int i = 0; i < METRICS_SENDSMS__COUNT; i++) {
        l.value = sendsms_error_names[i];
        prom_uint(p, "aspirasi_sendsms_errors_total", &l, 1, counter_get(&m.sendsms_errors[i]));
    }
    prom_family(p, "aspirasi_dlr_total", PROM_COUNTER,
                "Delivery reports stored for outbox rows, by Kannel's report type.");
    l.name = "type";
    for (size_t i = 0; i < DLR_TYPES; i++) {
        l.value = dlr_names[i];
        prom_uint(p, "aspirasi_dlr_total", &l, 1, counter_get(&m.dlr[i]));
    }
    prom_family(p, "aspirasi_outbox_messages", PROM_GAUGE,
                "Rows of the outbox (all instances sharing the database), by state.");
    l.name = "state";
    for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
        l.value = states[i].state;
        prom_uint(p, "aspirasi_outbox_messages", &l, 1, (uint64_t)states[i].n);
    }
}

/* The USSD sessions in the database (all instances) used in the last day,
 * by state; NULL while the database is away. */
struct ussd_gauges {
    int64_t active, abandoned, ended;
};

static void
write_ussd(struct prom *p, const struct ussd_gauges *g)
{
    struct prom_label l = {"state", NULL};
    static const struct {
        const char *name, *help;
    } events[METRICS_USSD__COUNT] = {
        {"aspirasi_ussd_sessions_started_total",
         "USSD sessions started: the home menu, or the offer to continue a dropped session."},
        {"aspirasi_ussd_sessions_ended_total", "USSD sessions ended with a final screen."},
        {"aspirasi_ussd_sessions_timed_out_total",
         "USSD steps that came after more than ussd.timeout seconds of silence, so the "
         "session's stored state was not used."},
        {"aspirasi_ussd_sessions_resumed_total", "Dropped USSD sessions continued after a redial."},
    };

    for (int i = 0; i < METRICS_USSD__COUNT; i++) {
        prom_family(p, events[i].name, PROM_COUNTER, events[i].help);
        prom_uint(p, events[i].name, NULL, 0, counter_get(&m.ussd[i]));
    }
    if (g == NULL)
        return; /* the database is away */
    prom_family(p, "aspirasi_ussd_sessions_active", PROM_GAUGE,
                "USSD sessions not ended and used within ussd.timeout seconds (all instances "
                "sharing the database).");
    prom_uint(p, "aspirasi_ussd_sessions_active", NULL, 0, (uint64_t)g->active);
    prom_family(p, "aspirasi_ussd_sessions_last_day", PROM_GAUGE,
                "USSD sessions used in the last 24 hours, by state: active, abandoned (not "
                "ended and idle longer than ussd.timeout: the citizen left or the network "
                "dropped them) or ended with a final screen.");
    l.value = "active";
    prom_uint(p, "aspirasi_ussd_sessions_last_day", &l, 1, (uint64_t)g->active);
    l.value = "abandoned";
    prom_uint(p, "aspirasi_ussd_sessions_last_day", &l, 1, (uint64_t)g->abandoned);
    l.value = "ended";
    prom_uint(p, "aspirasi_ussd_sessions_last_day", &l, 1, (uint64_t)g->ended);
}

static void
write_errors(struct prom *p)
{
    struct prom_label l[2] = {{"route", NULL}, {"code", NULL}};
    char code[8];

    /* Only the pairs that happened: 7 routes times 200 statuses would be
     * mostly zeros. */
    prom_family(p, "aspirasi_http_errors_total", PROM_COUNTER,
                "Answers with an HTTP status from 400 to 599, by route and status.");
    for (int r = 0; r < METRICS_ROUTE__COUNT; r++)
        for (int s = HTTP_STATUS_FIRST; s <= HTTP_STATUS_LAST; s++) {
            uint64_t v = counter_get(&m.http_errors[r][s - HTTP_STATUS_FIRST]);

            if (v == 0)
                continue;
            snprintf(code, sizeof(code), "%d", s);
            l[0].value = route_names[r];
            l[1].value = code;
            prom_uint(p, "aspirasi_http_errors_total", l, 2, v);
        }
    prom_family(p, "aspirasi_db_errors_total", PROM_COUNTER,
                "Database operations that failed, by the component that saw it.");
    l[0].name = "component";
    for (int i = 0; i < METRICS_DB__COUNT; i++) {
        l[0].value = db_user_names[i];
        prom_uint(p, "aspirasi_db_errors_total", l, 1, counter_get(&m.db_errors[i]));
    }
}

void
metrics_journal(enum metrics_journal ev, int n)
{
    if ((unsigned)ev < METRICS_JOURNAL__COUNT && n > 0)
        atomic_fetch_add_explicit(&m.journal[ev], (uint64_t)n, memory_order_relaxed);
}

void
metrics_journal_pending(int64_t delta)
{
    atomic_fetch_add_explicit(&m.journal_pending, delta, memory_order_relaxed);
}

static void
write_journal(struct prom *p)
{
    static const struct {
        const char *name, *help;
    } fam[METRICS_JOURNAL__COUNT] = {
        {"aspirasi_journal_written_total",
         "SMS written to the local journal because the database could not take them."},
        {"aspirasi_journal_replayed_total",
         "Journaled SMS replayed into the database (a repeated replay counts again)."},
        {"aspirasi_journal_damaged_total",
         "Torn or damaged records found in journal files (each logged, its file kept as "
         "*.damaged)."},
        {"aspirasi_journal_failed_total",
         "SMS the journal could not take either (answered 503, for Kannel to retry)."},
        {"aspirasi_journal_refused_total",
         "Journaled SMS the database refused twice on replay (each logged, its record kept in a "
         "*.refused file)."},
        {"aspirasi_replies_resent_total",
         "Replies to stored SMS queued in the outbox because their HTTP answer to Kannel was cut "
         "off."},
    };
    long long pending = atomic_load_explicit(&m.journal_pending, memory_order_relaxed);

    for (int i = 0; i < METRICS_JOURNAL__COUNT; i++) {
        prom_family(p, fam[i].name, PROM_COUNTER, fam[i].help);
        prom_uint(p, fam[i].name, NULL, 0, counter_get(&m.journal[i]));
    }
    prom_family(p, "aspirasi_journal_pending", PROM_GAUGE,
                "SMS in the local journal not yet replayed into the database.");
    prom_uint(p, "aspirasi_journal_pending", NULL, 0, (uint64_t)(pending > 0 ? pending : 0));
}

static void
write_pool(struct prom *p, const struct cfg *c)
{
    int busy = atomic_load_explicit(&m.intake_busy, memory_order_relaxed);
    int queued = atomic_load_explicit(&m.intake_queued, memory_order_relaxed);

    prom_family(p, "aspirasi_intake_workers", PROM_GAUGE,
                "Intake workers, each with its own database connection (db.pool).");
    prom_uint(p, "aspirasi_intake_workers", NULL, 0,
              (uint64_t)atomic_load_explicit(&m.intake_workers, memory_order_relaxed));
    prom_family(p, "aspirasi_intake_workers_busy", PROM_GAUGE,
                "Intake workers writing a batch now.");
    prom_uint(p, "aspirasi_intake_workers_busy", NULL, 0, (uint64_t)(busy > 0 ? busy : 0));
    prom_family(p, "aspirasi_intake_queued_jobs", PROM_GAUGE,
                "Messages, USSD steps and delivery reports waiting for an intake worker.");
    prom_uint(p, "aspirasi_intake_queued_jobs", NULL, 0, (uint64_t)(queued > 0 ? queued : 0));
    prom_family(p, "aspirasi_intake_batch_size", PROM_HISTOGRAM,
                "Jobs written in one intake transaction (group commit, db.batch_max).");
    hist_write(p, "aspirasi_intake_batch_size", NULL, 0, &m.batches, batch_bounds, BATCH_NB, 1);
    prom_family(p, "aspirasi_intake_batch_seconds", PROM_HISTOGRAM,
                "Time of each part of an intake batch that ran in one pass: reading ahead (with "
                "BEGIN), working out the replies, writing, and the COMMIT.");
    for (int i = 0; i < METRICS_PART__COUNT; i++) {
        struct prom_label l = {"part", part_names[i]};

        hist_write(p, "aspirasi_intake_batch_seconds", &l, 1, &m.parts[i], latency_bounds,
                   LATENCY_NB, 1e-9);
    }
    prom_family(p, "aspirasi_api_workers", PROM_GAUGE,
                "Workers of the staff API, /metrics and /healthz, each with its own database "
                "connection (api.threads).");
    prom_uint(p, "aspirasi_api_workers", NULL, 0, (uint64_t)c->api_threads);
}

static void
metrics_page(struct api_ctx *a)
{
    struct db_outbox_counts oc;
    struct ussd_gauges ug = {0};
    struct prom p;
    char *buf;
    int db_up;

    /* The counters are the process's own and are always shown; the
     * gauges read from PostgreSQL are left out while it is away, and
     * aspirasi_database_up says so. */
    db_up = db_ensure(a->db) == 0 && db_outbox_counts(a->db, 0, &oc) == 0 &&
            db_ussd_active(a->db, a->cfg->ussd_timeout, &ug.active, &ug.abandoned, &ug.ended) == 0;
    buf = xmalloc(METRICS_TEXT_MAX);
    prom_init(&p, buf, METRICS_TEXT_MAX);
    prom_family(&p, "aspirasi_database_up", PROM_GAUGE,
                "1 when the scrape could read the database's gauges, else 0.");
    prom_uint(&p, "aspirasi_database_up", NULL, 0, (uint64_t)db_up);
    write_messages(&p);
    if (db_up)
        write_outbox(&p, &oc);
    write_ussd(&p, db_up ? &ug : NULL);
    write_errors(&p);
    write_pool(&p, a->cfg);
    write_journal(&p);
    if (prom_finish(&p) < 0) {
        /* Cannot happen with the bounded label sets above; a cut page
         * would silently lose series, so it is refused instead. */
        log_warnx("event=metrics_too_large max=%d", METRICS_TEXT_MAX);
        api_text(a, 500, HEALTH_CONTENT, "metrics page too large\n");
    } else {
        api_text(a, 200, METRICS_CONTENT, buf);
    }
    free(buf);
}

/* ---- /healthz ------------------------------------------------------------- */

static size_t
probe_discard(char *data, size_t size, size_t nmemb, void *ctx)
{
    (void)data;
    (void)ctx;
    return size * nmemb;
}

/*
 * Writes "scheme://host:port/" of url into a malloc'd string (the caller
 * frees it): user, password, path, query and fragment left out.  Returns
 * NULL when libcurl cannot read the URL.
 */
static char *
probe_base(const char *url)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *base = NULL;

    if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
        /* An IPv6 host comes back in brackets, as a URL needs it. */
        if (asprintf(&base, "%s://%s:%s/", scheme, host, port) < 0)
            base = NULL;
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return base;
}

/* One GET of the base of url.  Returns 1 when an HTTP answer came (any
 * status: Kannel answers 404 there), 0 with why filled otherwise. */
static int
probe_sendsms(const char *url, char *why, size_t whylen)
{
    char *base = probe_base(url);
    long status = 0;
    CURLcode cc;
    CURL *h;

    if (base == NULL) {
        snprintf(why, whylen, "sendsms.url cannot be parsed");
        return 0;
    }
    if ((h = curl_easy_init()) == NULL) {
        free(base);
        snprintf(why, whylen, "curl_easy_init failed");
        return 0;
    }
    curl_easy_setopt(h, CURLOPT_URL, base);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)SENDSMS_PROBE_MS);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)SENDSMS_PROBE_MS);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, probe_discard);
    cc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(h);
    free(base);
    if (status > 0)
        return 1;
    snprintf(why, whylen, "%s", curl_easy_strerror(cc));
    return 0;
}

/* The last probe; the lock is held during a probe, so that concurrent
 * /healthz requests wait for its answer rather than probing too. */
static struct {
    pthread_mutex_t lock;
    int have, up;
    struct timespec at; /* CLOCK_MONOTONIC */
} probe = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* 1 when sendsms answered within the last SENDSMS_PROBE_TTL seconds' probe. */
static int
sendsms_up(const char *url)
{
    struct timespec now;
    char why[256], quoted[300];
    int up;

    clock_gettime(CLOCK_MONOTONIC, &now);
    pthread_mutex_lock(&probe.lock);
    if (probe.have &&
        (now.tv_sec - probe.at.tv_sec) * 1000 + (now.tv_nsec - probe.at.tv_nsec) / 1000000 <
            SENDSMS_PROBE_TTL * 1000) {
        up = probe.up;
        pthread_mutex_unlock(&probe.lock);
        return up;
    }
    up = probe_sendsms(url, why, sizeof(why));
    /* Changes are logged, not every probe. */
    if (!up && (!probe.have || probe.up))
        log_warnx("event=sendsms_unreachable reason=\"%s\"",
                  log_quote(why, quoted, sizeof(quoted)));
    else if (up && probe.have && !probe.up)
        log_info("event=sendsms_reachable");
    clock_gettime(CLOCK_MONOTONIC, &probe.at);
    probe.up = up;
    probe.have = 1;
    pthread_mutex_unlock(&probe.lock);
    return up;
}

static void
healthz(struct api_ctx *a)
{
    int db_up = db_ping(a->db) == 0;
    int configured = a->cfg->sendsms_url[0] != '\0';
    int sms_up = configured && sendsms_up(a->cfg->sendsms_url);
    char text[128];

    snprintf(text, sizeof(text), "database %s\nsendsms %s\n", db_up ? "ok" : "unreachable",
             !configured ? "not configured"
             : sms_up    ? "ok"
                         : "unreachable");
    api_text(a, db_up && (sms_up || !configured) ? 200 : 503, HEALTH_CONTENT, text);
}

const struct api_route api_ops_routes[] = {
    {"GET", "/metrics", API_ROLE_PUBLIC, API_RAW | API_NO_TX, metrics_page},
    {"GET", "/healthz", API_ROLE_PUBLIC, API_RAW | API_NO_TX, healthz},
    {0},
};
