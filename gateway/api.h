/*
 * The JSON API of aspirasid: the staff API (/api/v1), Open311 GeoReport v2
 * (/open311/v2) and the operator's /metrics and /healthz.
 *
 * HTTP threads never wait for PostgreSQL: the HTTP layer collects a request
 * whose path starts with one of those prefixes, suspends the connection and
 * submits it to the API workers (api.threads of them, each with its own
 * database connection).  A worker finds the route, checks the caller's
 * token against the route's role, parses a JSON body, and runs the handler
 * inside one transaction: committed when the handler answers below 400
 * (with a row of audit_log for every change), rolled back otherwise.  The
 * handlers live in gateway/api_*.c and gateway/open311.c, each file
 * exporting one table of routes; they never begin or commit a transaction
 * themselves, and never log phone numbers.
 */
#ifndef ASPIRASI_API_H
#define ASPIRASI_API_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "config/cfg.h"
#include "db/db.h"
#include "parsers/intent.h"

/* Who may call a route.  Each role may do everything the ones below it
 * may. */
enum api_role {
    API_ROLE_PUBLIC = 0, /* no token needed */
    API_ROLE_VIEWER,     /* reads tickets with masked phone numbers */
    API_ROLE_STAFF,      /* also changes tickets, agenda, info, broadcasts */
    API_ROLE_ADMIN       /* also manages accounts and sees full numbers */
};

/* Route flags. */
#define API_OPEN311                                                                                \
    0x01                  /* errors in Open311's form: [{"code":N,"description":"..."}];           \
                             a token may come as the api_key parameter */
#define API_RAW      0x02 /* the handler answers text (a->text), not JSON */
#define API_NO_AUDIT 0x04 /* a POST that changes nothing (a preview): no audit_log row */
#define API_NO_TX                                                                                  \
    0x08 /* public and read-only: the handler runs outside a transaction,                          \
            and runs even when the database is down (/healthz, /metrics) */

#define API_PARAMS_MAX 4
#define API_ACTOR_MAX  80

struct api;

/* One request on an API worker. */
struct api_ctx {
    struct db *db; /* the worker's connection, inside the request's transaction */
    const struct cfg *cfg;
    const struct lexicon *lx;

    /* The caller: role API_ROLE_PUBLIC and staff_id 0 without a token. */
    int64_t staff_id;
    enum api_role role;
    char actor[API_ACTOR_MAX]; /* "api:NAME" ("api:public" without a token) */

    /* The request. */
    const char *method;                 /* "GET", "POST", "PATCH", "PUT", "DELETE" */
    const char *path;                   /* raw path, no query string */
    const char *params[API_PARAMS_MAX]; /* the path's "{}" segments, percent-decoded */
    json_t *body;                       /* the JSON body (an object), NULL when none */
    const char *form;                   /* an x-www-form-urlencoded body, raw; NULL when none */
    size_t form_len;

    /* The answer: set through api_ok(), api_text() or api_error(). */
    int status;
    json_t *out;
    char *text;               /* API_RAW: malloc'd */
    const char *content_type; /* API_RAW: e.g. "text/plain; version=0.0.4" */

    /* Private to gateway/api.c. */
    const char *query;
    size_t query_len;
    int flags;
    json_t *audit_detail;
    char **decoded; /* api_query() results, freed with the request */
    size_t ndecoded;
};

typedef void (*api_handler)(struct api_ctx *a);

/*
 * One route.  pattern is a path whose segments are literal or "{}" (one
 * segment captured into params, in order), e.g. "/api/v1/tickets/{}/status";
 * "{}.json" captures the segment without that suffix.  Tables end with an
 * entry whose method is NULL.
 */
struct api_route {
    const char *method;
    const char *pattern;
    enum api_role role;
    int flags;
    api_handler fn;
};

/* The tables of routes, one per file.  gateway/api.c searches them in this
 * order. */
extern const struct api_route api_staff_routes[];     /* gateway/api.c: accounts, /api/v1/me */
extern const struct api_route api_ticket_routes[];    /* gateway/api_tickets.c */
extern const struct api_route api_stats_routes[];     /* gateway/api_tickets.c */
extern const struct api_route api_agenda_routes[];    /* gateway/api_agenda.c: agenda, info */
extern const struct api_route api_broadcast_routes[]; /* gateway/api_broadcasts.c */
extern const struct api_route api_open311_routes[];   /* gateway/open311.c */
extern const struct api_route api_ops_routes[];       /* gateway/metrics.c: /metrics, /healthz */

/* ---- answers ------------------------------------------------------------ */

/* Answers status with out as the JSON body (the reference is stolen). */
void api_ok(struct api_ctx *a, int status, json_t *out);

/* Answers status with text (copied) and its content type (API_RAW). */
void api_text(struct api_ctx *a, int status, const char *content_type, const char *text);

/*
 * Answers an error: {"error":{"code":code,"message":...}} (for API_OPEN311
 * routes [{"code":status,"description":...}]).  code is a short
 * machine-readable word ("invalid", "not_found", "forbidden", "conflict",
 * "unavailable").  The message says what was wrong, in words a staff member
 * understands; it must never contain a phone number.
 */
void api_error(struct api_ctx *a, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Answers 500 "unavailable" after a database error (already logged by
 * db/). */
void api_db_error(struct api_ctx *a);

/* ---- the request -------------------------------------------------------- */

/* The percent-decoded value of query (or, for form bodies, form) parameter
 * name, or NULL when absent.  Valid for the request. */
const char *api_query(struct api_ctx *a, const char *name);

/*
 * Validating readers of the JSON body and of query parameters.  Each
 * returns 1 when the field is present and valid (and stores it), 0 when it
 * is absent and not required, and -1 after answering 400 with a message
 * naming the field and what it must be ("\"status\" must be one of: baru,
 * diproses, selesai").  Strings are UTF-8 without control characters;
 * lengths count characters.  Returned strings are valid for the request.
 */
int api_body_string(struct api_ctx *a, const char *name, int required, size_t min_chars,
                    size_t max_chars, const char **out);
int api_body_int(struct api_ctx *a, const char *name, int required, long long min, long long max,
                 long long *out);
int api_body_bool(struct api_ctx *a, const char *name, int required, int *out);
/* values: NULL-terminated; *out gets the index. */
int api_body_enum(struct api_ctx *a, const char *name, int required, const char *const *values,
                  int *out);
/* Answers 400 naming the first field of the body not in allowed
 * (NULL-terminated) and returns -1; 0 when every field is known.  A body
 * that is required and missing is a 400 too. */
int api_body_only(struct api_ctx *a, const char *const *allowed, int required);

int api_query_int(struct api_ctx *a, const char *name, long long min, long long max, long long def,
                  long long *out);
/* "YYYY-MM-DD" or an ISO 8601 date-time ("2026-11-28T09:00:00+07:00",
 * "...Z"); copied to out (40 bytes) as given, checked for form. */
int api_query_time(struct api_ctx *a, const char *name, char out[40]);

/* ---- what handlers share ------------------------------------------------ */

/* A phone number as the caller may see it: the full number for admins,
 * else masked (msisdn_mask()).  Returns a new JSON string. */
json_t *api_msisdn(const struct api_ctx *a, const char *msisdn);

/* Adds a field to the request's audit_log row (the reference is stolen).
 * Never pass a phone number or a token. */
void api_audit(struct api_ctx *a, const char *key, json_t *value);

/* ---- the workers -------------------------------------------------------- */

/* A request handed over by the HTTP layer. */
struct api_request {
    const char *method;
    const char *uri; /* raw, with the query string */
    size_t uri_len;
    const char *authorization; /* the Authorization header, NULL when none */
    const char *content_type;  /* NULL when none */
    const char *body;
    size_t body_len;

    /* Out, set before done() is called. */
    int status;
    char *response; /* malloc'd; freed by api_request_clear() */
    size_t response_len;
    const char *response_type; /* "application/json", ... */
    char allow[64];            /* 405: the methods the path takes ("GET, POST"), else "" */

    void (*done)(struct api_request *req, void *ctx);
    void *done_ctx;
    struct api_request *next; /* queue link, owned by the API */
};

/* True when the raw path (no query) belongs to the API. */
int api_path(const char *path, size_t len);

/* Starts api.threads workers, each with its own connection.  Returns NULL
 * after logging why. */
struct api *api_start(const struct cfg *c, const struct lexicon *lx);

/* Queues a request; req->done() is called exactly once, on a worker. */
void api_submit(struct api *api, struct api_request *req);

/* Answers every queued request, stops the workers and frees the API. */
void api_stop(struct api *api);

/* Frees what a request's answer owns. */
void api_request_clear(struct api_request *req);

#endif
