/*
 * libmicrohttpd plumbing.  Each request is one struct http_req, made in the
 * URI log callback (which sees the raw URI, query string included, before
 * libmicrohttpd decodes anything) and freed in the completion callback.
 * An MO is parsed and classified on the HTTP thread, then the connection is
 * suspended while an intake worker commits it; the worker resumes it and
 * the handler sends the reply.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "gateway/api.h"
#include "gateway/dlr.h"
#include "gateway/http.h"
#include "gateway/journal.h"
#include "gateway/metrics.h"
#include "gateway/mo.h"
#include "gateway/ussd.h"
#include "parsers/msisdn.h"

/*
 * Each connection's memory pool, beyond http.max_request_bytes: MHD keeps
 * the request line and headers in it (the read buffer starts at half the
 * pool and grows into the rest) and writes the response headers from it;
 * bodies are ours, outside it.  Kept small because MHD zeroes the whole
 * pool before each request on a kept-alive connection: with twice the
 * largest request, that memset was 9% of aspirasid's CPU under load.
 */
#define HTTP_POOL_SLACK 8192

struct http_server {
    struct gw *gw;
    struct MHD_Daemon *mhd;
    atomic_int inflight; /* requests begun and not yet completed */
    atomic_int draining;
};

enum req_route { ROUTE_NONE = 0, ROUTE_MO, ROUTE_DLR, ROUTE_USSD, ROUTE_API };

struct http_req {
    struct http_server *srv;
    struct MHD_Connection *conn;
    char *uri; /* raw, with the query string */
    size_t uri_len;
    enum req_route route;
    int started;
    int submitted;
    int after_drain; /* begun once the drain had started: refused */
    int status;      /* an error decided while the body arrived, or 0 */
    const char *reason;
    char *body;
    size_t body_len;
    struct timespec t0;
    struct gw_mo mo;
    struct gw_dlr dlr;
    struct intake_job dlr_job;
    struct gw_ussd ussd;      /* ROUTE_USSD */
    struct gw_ussd_meta meta; /* ROUTE_MO: a USSD step from Kannel's SMPP */
    int mo_ussd;              /* the MO is that */
    int cut;                  /* its answer was cut off: the reply goes by SMS */
    char mo_session[USSD_SMPP_SESSION_MAX];
    struct api_request api; /* ROUTE_API */
    char method[16];
};

static struct http_req *
req_new(struct http_server *srv, const char *uri)
{
    struct http_req *r = xcalloc(1, sizeof(*r));

    r->srv = srv;
    r->uri_len = strlen(uri);
    r->uri = xstrndup(uri, r->uri_len);
    clock_gettime(CLOCK_MONOTONIC, &r->t0);
    return r;
}

static void
req_free(struct http_req *r)
{
    if (r == NULL)
        return;
    gw_mo_clear(&r->mo);
    gw_ussd_clear(&r->ussd);
    api_request_clear(&r->api);
    free(r->body);
    free(r->uri);
    free(r);
}

/* MHD_OPTION_URI_LOG_CALLBACK: the first thing MHD calls for a request. */
static void *
http_uri_cb(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct http_server *srv = cls;
    struct http_req *r = req_new(srv, uri);

    r->conn = conn;
    /* Counted before the drain is looked at, as http_drain() sets it
     * before it counts: either the drain waits for this request, or the
     * request sees the drain and is refused without being suspended (a
     * connection suspended as the daemon stops would abort it). */
    atomic_fetch_add(&srv->inflight, 1);
    r->after_drain = atomic_load(&srv->draining);
    return r;
}

/*
 * A stored SMS whose answer is cut off: smsbox went away (or gave up)
 * while the SMS was being committed, so Kannel never gets the reply; it
 * goes by SMS instead (journal_followup()), once.  Returns 1 when it was
 * handed over.
 */
static int
http_answer_cut(struct http_req *r)
{
    struct journal *j = r->srv->gw->journal;
    char id[MO_ID_MAX + 1];

    if (r->cut || j == NULL || r->mo.job.reply[0] == '\0')
        return 0;
    r->cut = 1;
    log_warnx("event=mo_answer_cut kannel_id=\"%s\"", log_quote(r->mo.id, id, sizeof(id)));
    journal_followup(j, r->mo.id);
    return 1;
}

/* Whether the client closed its end while its request was suspended: a
 * reply written now would reach the socket and be lost without an error.
 * smsbox sends one request at a time on a connection, so any byte waiting
 * means the peer is there. */
static int
http_peer_gone(struct http_req *r)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    char c;

    return ci != NULL && recv(ci->connect_fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

/* MHD_OPTION_NOTIFY_COMPLETED: the request is over, answered or not. */
static void
http_completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
                  enum MHD_RequestTerminationCode toe)
{
    struct http_server *srv = cls;
    struct http_req *r = *con_cls;

    if (r == NULL)
        return;
    if (r->submitted && r->route != ROUTE_API &&
        (r->route == ROUTE_DLR    ? r->dlr_job.state
         : r->route == ROUTE_USSD ? r->ussd.job.state
                                  : r->mo.job.state) == INTAKE_QUEUED) {
        /* Cannot happen: the connection stays suspended until the job is
         * done, and a suspended connection is never completed. */
        log_warnx("event=http_completed_while_queued");
    }
    if (r->submitted && r->route == ROUTE_MO && !r->mo_ussd && r->mo.job.state == INTAKE_DONE &&
        toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
        http_answer_cut(r);
    req_free(r);
    *con_cls = NULL;
    atomic_fetch_sub(&srv->inflight, 1);
}

/* libmicrohttpd's own messages: its format strings, one line each. */
static void
http_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char buf[512];

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(buf, sizeof(buf), fmt, ap);
#pragma GCC diagnostic pop
    log_warnx("event=http_error reason=\"%s\"", log_quote(buf, buf, sizeof(buf)));
}

static double
req_ms(const struct http_req *r)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - r->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - r->t0.tv_nsec) / 1e6;
}

/* The route of r as the metrics name it. */
static enum metrics_route
req_metrics_route(const struct http_req *r)
{
    const char *q = memchr(r->uri, '?', r->uri_len);
    size_t n = q != NULL ? (size_t)(q - r->uri) : r->uri_len;

    switch (r->route) {
    case ROUTE_MO:
        return METRICS_ROUTE_MO;
    case ROUTE_DLR:
        return METRICS_ROUTE_DLR;
    case ROUTE_USSD:
        return METRICS_ROUTE_USSD;
    case ROUTE_API:
        if (n >= 5 && memcmp(r->uri, "/api/", 5) == 0)
            return METRICS_ROUTE_API;
        if (n >= 9 && memcmp(r->uri, "/open311/", 9) == 0)
            return METRICS_ROUTE_OPEN311;
        return METRICS_ROUTE_OPS;
    default:
        return METRICS_ROUTE_OTHER;
    }
}

/* Queues a text/plain response. */
static enum MHD_Result
http_send(struct http_req *r, unsigned int status, const char *text, int kannel_coding)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;
    char coding[16];

    resp = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
    if (resp == NULL)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=UTF-8");
    if (kannel_coding >= 0) {
        snprintf(coding, sizeof(coding), "%d", kannel_coding);
        MHD_add_response_header(resp, "X-Kannel-Coding", coding);
    }
    if (atomic_load(&r->srv->draining))
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    ret = MHD_queue_response(r->conn, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Queues the answer to a USSD step from Kannel: the screen, and the
 * meta-data that keeps the menu open (op 2) or closes it (op 17) on the
 * same session, through the SMSC it came from. */
static enum MHD_Result
http_send_ussd_mo(struct http_req *r)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;
    const char *text = r->mo.job.reply;
    char meta[128];

    gw_ussd_reply_meta(&r->meta, r->mo.job.ussd_end, meta, sizeof(meta));
    resp = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
    if (resp == NULL)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=UTF-8");
    MHD_add_response_header(resp, "X-Kannel-Coding", "0");
    MHD_add_response_header(resp, "X-Kannel-Meta-Data", meta);
    if (r->mo.smsc != NULL && r->mo.smsc[0] != '\0')
        MHD_add_response_header(resp, "X-Kannel-SMSC", r->mo.smsc);
    ret = MHD_queue_response(r->conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Answers an error with its reason as the body and logs it once. */
static enum MHD_Result
http_fail(struct http_req *r, unsigned int status, const char *reason)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char peer[INET6_ADDRSTRLEN] = "?", body[256], quoted[256];

    if (ci != NULL && ci->client_addr != NULL) {
        const struct sockaddr *sa = ci->client_addr;

        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, peer,
                      sizeof(peer));
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, peer,
                      sizeof(peer));
    }
    log_warnx("event=http_rejected status=%u reason=\"%s\" peer=%s", status,
              log_quote(reason, quoted, sizeof(quoted)), peer);
    metrics_http_error(req_metrics_route(r), (int)status);
    snprintf(body, sizeof(body), "%s\n", reason);
    return http_send(r, status, body, -1);
}

/* intake_job.done: runs on a worker thread. */
static void
http_job_done(struct intake_job *job, void *ctx)
{
    struct http_req *r = ctx;

    MHD_resume_connection(r->conn);
}

static void
http_log_mo(struct http_req *r)
{
    const struct intake_job *job = &r->mo.job;
    char masked[MSISDN_MAX + 8], id[MO_ID_MAX + 1];

    if (!log_enabled(LOG_LEVEL_DEBUG))
        return;
    msisdn_mask(r->mo.msisdn, masked, sizeof(masked));
    log_debug("event=mo kannel_id=\"%s\" from=%s intent=%s confidence=%d lang=%s ask=%d len=%zu "
              "ticket=%s duplicate=%d ms=%.2f",
              log_quote(r->mo.id, id, sizeof(id)), masked, intent_name(job->intent),
              job->arg.confidence, lang_code(job->lang), job->ask, r->mo.text_len,
              job->ticket[0] != '\0' ? job->ticket : "-", job->duplicate, req_ms(r));
}

/* Splits the raw URI into its query string (without '?'), "" when none. */
static const char *
req_query(const struct http_req *r, size_t *qlen)
{
    const char *q = memchr(r->uri, '?', r->uri_len);

    *qlen = q != NULL ? r->uri_len - (size_t)(q - r->uri) - 1 : 0;
    return q != NULL ? q + 1 : "";
}

/*
 * Answers an SMS just journaled (the database could not take it, or not in
 * time): the "received" reply in the language its text is written in, the
 * real answer following by SMS once the journal is replayed.
 */
static enum MHD_Result
http_send_received(struct http_req *r)
{
    const struct cfg *c = r->srv->gw->cfg;
    enum lang lang = r->mo.job.arg.lang != LANG_NONE ? r->mo.job.arg.lang : LANG_ID;
    char id[MO_ID_MAX + 1];

    log_info("event=mo_journaled kannel_id=\"%s\" why=%s", log_quote(r->mo.id, id, sizeof(id)),
             r->mo.job.late ? "late" : "failed");
    metrics_reply(METRICS_SMS, &r->t0);
    return http_send(r, MHD_HTTP_OK, c->replies[lang][REPLY_RECEIVED], 0);
}

/* Handles /kannel/mo once the whole request has arrived (or after resume). */
static enum MHD_Result
http_mo(struct http_req *r)
{
    struct gw *gw = r->srv->gw;
    const char *q, *reason = NULL;
    size_t qlen;
    int status;

    if (r->submitted) {
        if (r->mo.job.state != INTAKE_DONE) {
            char id[MO_ID_MAX + 1];

            if (!r->mo_ussd && gw->journal != NULL && journal_append(gw->journal, &r->mo.job) == 0)
                return http_send_received(r);
            log_warnx("event=mo_failed kannel_id=\"%s\" reason=\"database write failed\"",
                      log_quote(r->mo.id, id, sizeof(id)));
            return http_fail(r, MHD_HTTP_SERVICE_UNAVAILABLE, "message not stored, try again");
        }
        http_log_mo(r);
        if (!r->mo_ussd && http_peer_gone(r) && http_answer_cut(r))
            return MHD_NO;
        /* Counted as the reply is queued, so that a scrape after the
         * caller has it always counts it. */
        metrics_reply(r->mo_ussd ? METRICS_USSD : METRICS_SMS, &r->t0);
        if (r->mo_ussd)
            return http_send_ussd_mo(r);
        return http_send(r, MHD_HTTP_OK, r->mo.job.reply, r->mo.job.reply_coding);
    }

    q = req_query(r, &qlen);
    status = gw_mo_parse(&r->mo, gw->cfg, q, qlen, r->body, r->body_len, &reason);
    if (status != 0)
        return http_fail(r, (unsigned int)status, reason);
    if (gw_ussd_meta(r->mo.meta, &r->meta)) {
        r->mo_ussd = 1;
        gw_ussd_from_mo(&r->mo, &r->meta, r->mo_session, sizeof(r->mo_session));
    } else {
        gw_mo_prepare(&r->mo, gw->lx);
    }
    r->mo.job.done = http_job_done;
    r->mo.job.done_ctx = r;
    r->submitted = 1;
    MHD_suspend_connection(r->conn);
    intake_submit(gw->intake, &r->mo.job);
    return MHD_YES;
}

/* Handles /kannel/dlr: the report is written by an intake worker, in the
 * same group commits as MOs, and answered once committed. */
static enum MHD_Result
http_dlr(struct http_req *r)
{
    struct gw *gw = r->srv->gw;
    const char *q, *reason = NULL;
    size_t qlen;
    int status;

    if (r->submitted) {
        if (r->dlr_job.state != INTAKE_DONE)
            return http_fail(r, MHD_HTTP_SERVICE_UNAVAILABLE, "report not stored, try again");
        log_debug("event=dlr id=%lld type=%d found=%d ms=%.2f", (long long)r->dlr.id, r->dlr.type,
                  r->dlr_job.dlr_found, req_ms(r));
        if (!r->dlr_job.dlr_found)
            return http_fail(r, MHD_HTTP_NOT_FOUND, "no such outbox message");
        return http_send(r, MHD_HTTP_OK, "ok\n", -1);
    }
    q = req_query(r, &qlen);
    status = gw_dlr_parse(&r->dlr, gw->cfg, q, qlen, r->body, r->body_len, &reason);
    if (status != 0)
        return http_fail(r, (unsigned int)status, reason);
    r->dlr_job.kind = INTAKE_DLR;
    r->dlr_job.dlr_id = r->dlr.id;
    r->dlr_job.dlr_type = r->dlr.type;
    r->dlr_job.dlr_reply = r->dlr.reply;
    r->dlr_job.done = http_job_done;
    r->dlr_job.done_ctx = r;
    r->submitted = 1;
    MHD_suspend_connection(r->conn);
    intake_submit(gw->intake, &r->dlr_job);
    return MHD_YES;
}

/* Handles POST /ussd, the USSD aggregators' convention. */
static enum MHD_Result
http_ussd(struct http_req *r)
{
    struct gw *gw = r->srv->gw;
    const char *q, *reason = NULL;
    char masked[MSISDN_MAX + 8], *text;
    size_t qlen;
    int status;

    if (r->submitted) {
        struct intake_job *job = &r->ussd.job;
        enum MHD_Result ret;

        if (job->state != INTAKE_DONE)
            return http_fail(r, MHD_HTTP_SERVICE_UNAVAILABLE, "session not stored, try again");
        if (log_enabled(LOG_LEVEL_DEBUG)) {
            msisdn_mask(r->ussd.msisdn, masked, sizeof(masked));
            log_debug("event=ussd transport=http from=%s steps=%d end=%d duplicate=%d ms=%.2f",
                      masked, job->ussd_steps, job->ussd_end, job->duplicate, req_ms(r));
        }
        if (asprintf(&text, "%s %s", job->ussd_end ? "END" : "CON", job->reply) < 0)
            return MHD_NO;
        metrics_reply(METRICS_USSD, &r->t0);
        ret = http_send(r, MHD_HTTP_OK, text, -1);
        free(text);
        return ret;
    }
    q = req_query(r, &qlen);
    status = gw_ussd_parse(&r->ussd, gw->cfg, q, qlen, r->body, r->body_len, &reason);
    if (status != 0)
        return http_fail(r, (unsigned int)status, reason);
    r->ussd.job.done = http_job_done;
    r->ussd.job.done_ctx = r;
    r->submitted = 1;
    MHD_suspend_connection(r->conn);
    intake_submit(gw->intake, &r->ussd.job);
    return MHD_YES;
}

/* api_request.done: runs on an API worker. */
static void
http_api_done(struct api_request *req, void *ctx)
{
    struct http_req *r = ctx;

    MHD_resume_connection(r->conn);
}

/* Handles the JSON API, /metrics and /healthz: an API worker answers. */
static enum MHD_Result
http_api(struct http_req *r)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;

    if (!r->submitted) {
        r->api.method = r->method;
        r->api.uri = r->uri;
        r->api.uri_len = r->uri_len;
        r->api.authorization =
            MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
        r->api.content_type =
            MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
        r->api.body = r->body;
        r->api.body_len = r->body_len;
        r->api.done = http_api_done;
        r->api.done_ctx = r;
        r->submitted = 1;
        MHD_suspend_connection(r->conn);
        api_submit(r->srv->gw->api, &r->api);
        return MHD_YES;
    }
    resp = MHD_create_response_from_buffer(r->api.response_len, r->api.response,
                                           MHD_RESPMEM_MUST_COPY);
    if (resp == NULL)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->api.response_type);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (r->api.allow[0] != '\0')
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->api.allow);
    if (r->api.status == MHD_HTTP_UNAUTHORIZED)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
                                "Bearer realm=\"aspirasi\"");
    if (atomic_load(&r->srv->draining))
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    metrics_http_error(req_metrics_route(r), r->api.status);
    ret = MHD_queue_response(r->conn, (unsigned int)r->api.status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Length of the path part of the raw URI. */
static size_t
uri_path_len(const struct http_req *r)
{
    const char *q = memchr(r->uri, '?', r->uri_len);

    return q != NULL ? (size_t)(q - r->uri) : r->uri_len;
}

static int
path_is(const struct http_req *r, const char *path)
{
    size_t n = uri_path_len(r);

    return n == strlen(path) && memcmp(r->uri, path, n) == 0;
}

/* Decides the route and the errors that need only the headers. */
static enum MHD_Result
http_begin(struct http_req *r, const char *method)
{
    struct gw *gw = r->srv->gw;
    const union MHD_ConnectionInfo *ci;
    const char *cl, *ct;
    int get = strcmp(method, MHD_HTTP_METHOD_GET) == 0;
    int post = strcmp(method, MHD_HTTP_METHOD_POST) == 0;

    r->started = 1;
    if (api_path(r->uri, uri_path_len(r))) {
        /* Authenticated by token, not by address; the methods and the
         * content type are the API's to judge. */
        r->route = ROUTE_API;
        snprintf(r->method, sizeof(r->method), "%s", method);
        if (r->uri_len > gw->cfg->max_request_bytes) {
            r->status = MHD_HTTP_URI_TOO_LONG, r->reason = "request too large";
            return MHD_YES;
        }
        cl = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl != NULL && strtoull(cl, NULL, 10) > gw->cfg->max_request_bytes - r->uri_len)
            r->status = MHD_HTTP_CONTENT_TOO_LARGE, r->reason = "request too large";
        return MHD_YES;
    }
    if (path_is(r, "/kannel/mo")) {
        r->route = ROUTE_MO;
    } else if (path_is(r, "/kannel/dlr")) {
        r->route = ROUTE_DLR;
    } else if (path_is(r, "/ussd")) {
        r->route = ROUTE_USSD;
    } else {
        r->status = MHD_HTTP_NOT_FOUND, r->reason = "not found";
        return MHD_YES;
    }
    ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci == NULL || ci->client_addr == NULL || !cfg_allowed(gw->cfg, ci->client_addr)) {
        r->status = MHD_HTTP_FORBIDDEN, r->reason = "forbidden: caller not in kannel.allow";
        return MHD_YES;
    }
    if (!get && !post) {
        r->status = MHD_HTTP_METHOD_NOT_ALLOWED, r->reason = "method not allowed";
        return MHD_YES;
    }
    if (r->uri_len > gw->cfg->max_request_bytes) {
        r->status = MHD_HTTP_CONTENT_TOO_LARGE, r->reason = "request too large";
        return MHD_YES;
    }
    if (post) {
        cl = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl != NULL && strtoull(cl, NULL, 10) > gw->cfg->max_request_bytes - r->uri_len) {
            r->status = MHD_HTTP_CONTENT_TOO_LARGE, r->reason = "request too large";
            return MHD_YES;
        }
        ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
        if (ct != NULL && strncasecmp(ct, MHD_HTTP_POST_ENCODING_FORM_URLENCODED,
                                      strlen(MHD_HTTP_POST_ENCODING_FORM_URLENCODED)) != 0) {
            r->status = MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
            r->reason = "unsupported content type: send application/x-www-form-urlencoded";
            return MHD_YES;
        }
    }
    return MHD_YES;
}

static enum MHD_Result
http_handler(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
             const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    struct http_req *r = *con_cls;
    struct gw *gw;

    if (r == NULL)
        return MHD_NO; /* the URI callback always runs first */
    gw = r->srv->gw;
    if (!r->started)
        return http_begin(r, method);
    if (*upload_data_size > 0) {
        /* Body bytes: kept up to the ceiling, and then only counted. */
        if (r->status == 0) {
            if (r->uri_len + r->body_len + *upload_data_size > gw->cfg->max_request_bytes) {
                r->status = MHD_HTTP_CONTENT_TOO_LARGE;
                r->reason = "request too large";
            } else {
                r->body = xrealloc(r->body, r->body_len + *upload_data_size + 1);
                memcpy(r->body + r->body_len, upload_data, *upload_data_size);
                r->body_len += *upload_data_size;
                r->body[r->body_len] = '\0';
            }
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (r->status != 0)
        return http_fail(r, (unsigned int)r->status, r->reason);
    if (r->after_drain) /* on a connection kept alive: Kannel retries it */
        return http_fail(r, MHD_HTTP_SERVICE_UNAVAILABLE, "shutting down");
    switch (r->route) {
    case ROUTE_API:
        return http_api(r);
    case ROUTE_MO:
        return http_mo(r);
    case ROUTE_DLR:
        return http_dlr(r);
    case ROUTE_USSD:
        return http_ussd(r);
    default:
        return http_fail(r, MHD_HTTP_NOT_FOUND, "not found");
    }
}

/* Parses cfg->listen_host into a socket address. */
static int
http_addr(const struct cfg *c, struct sockaddr_storage *ss)
{
    struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    const char *host = strcmp(c->listen_host, "localhost") == 0 ? "127.0.0.1" : c->listen_host;

    memset(ss, 0, sizeof(*ss));
    if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons(c->listen_port);
        return AF_INET;
    }
    if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(c->listen_port);
        return AF_INET6;
    }
    return -1;
}

struct http_server *
http_start(struct gw *gw)
{
    const struct cfg *c = gw->cfg;
    struct http_server *srv = xcalloc(1, sizeof(*srv));
    struct sockaddr_storage ss;
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_ALLOW_SUSPEND_RESUME |
                         MHD_USE_ERROR_LOG | MHD_USE_EPOLL;
    int family = http_addr(c, &ss);

    if (family < 0) {
        log_warnx("event=listen_failed reason=\"bad address %s\"", c->listen_host);
        free(srv);
        return NULL;
    }
    if (family == AF_INET6)
        flags |= MHD_USE_IPv6;
    srv->gw = gw;
    srv->mhd = MHD_start_daemon(
        flags, c->listen_port, NULL, NULL, http_handler, srv, MHD_OPTION_EXTERNAL_LOGGER,
        http_mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)c->http_threads, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned int)c->http_timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(c->max_request_bytes + HTTP_POOL_SLACK), MHD_OPTION_CONNECTION_LIMIT,
        (unsigned int)4096, MHD_OPTION_URI_LOG_CALLBACK, http_uri_cb, srv,
        MHD_OPTION_NOTIFY_COMPLETED, http_completed_cb, srv, MHD_OPTION_LISTENING_ADDRESS_REUSE,
        (unsigned int)1, MHD_OPTION_END);
    if (srv->mhd == NULL) {
        log_warn("event=listen_failed address=%s port=%u", c->listen_host, c->listen_port);
        free(srv);
        return NULL;
    }
    log_info("event=listening address=%s port=%u threads=%d", c->listen_host, c->listen_port,
             c->http_threads);
    return srv;
}

int
http_drain(struct http_server *srv, int grace)
{
    struct timespec nap = {0, 10 * 1000 * 1000};
    MHD_socket fd;
    int left, waited = 0;

    atomic_store(&srv->draining, 1);
    fd = MHD_quiesce_daemon(srv->mhd);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    while ((left = atomic_load(&srv->inflight)) > 0 && waited < grace * 100) {
        nanosleep(&nap, NULL);
        waited++;
    }
    if (left > 0)
        log_warnx("event=drain_timeout unanswered=%d", left);
    else
        MHD_stop_daemon(srv->mhd);
    free(srv);
    return left;
}
