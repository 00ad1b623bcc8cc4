/*
 * Tickets and statistics over the staff API (gateway/api.h):
 *
 *   GET   /api/v1/tickets              the list, newest first; filters status,
 *                                      komisi (1-4), category, from and to (on
 *                                      created_at; a bare date as "to" includes
 *                                      that day), q (a case-insensitive
 *                                      substring of the body, % and _ taken
 *                                      literally), limit (1-200, 50), offset
 *   GET   /api/v1/tickets/{code}       one ticket, its first message (channel,
 *                                      intent, time) and its whole history
 *   POST  /api/v1/tickets/{code}/status  {"status", "note"?, "notify"? (true)}
 *   PATCH /api/v1/tickets/{code}       {"komisi": 1-4 | null, "category": code | null}
 *   GET   /api/v1/stats                ?days=1-366 (30): messages per local day
 *                                      and intent, open tickets by status and
 *                                      komisi, median time to the first change
 *                                      of status
 *
 * A ticket: {"code","status","status_label","closed","komisi","category",
 * "channel","msisdn","body","created_at","updated_at"}.  komisi and category
 * are null when not assigned; channel is where the ticket came from ("sms",
 * "ussd" or "open311"); msisdn is null for an Open311 request without a
 * phone, and masked unless the caller is an admin.  A history entry is
 * {"at","status","note","actor"}, note null when none; assignments appear
 * in it under the status the ticket had.
 *
 * A status change tells the citizen by SMS (queued in the outbox in the same
 * transaction, in the language they chose) unless notify is false; the
 * answer is the ticket with "notified".  Setting the status a ticket already
 * has is 409: nothing changes and nobody is told twice.  A ticket is open
 * unless its status is configured closed (config: statuses[].closed, e.g.
 * selesai and ditolak); the statistics count open tickets that way.  The
 * first change of status of a ticket is its first event whose status
 * differs from its first one (an assignment is not a change); the median is
 * over the tickets created in the window, null when none changed.
 *
 * The checks and writes shared with aspirasictl are in gateway/ticket_ops.c;
 * an unknown ticket code, or one whose check digit is wrong, is 404.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "gateway/api.h"
#include "gateway/ticket_ops.h"
#include "parsers/category.h"
#include "parsers/gsm7.h"

#define TEXT_MAX 200 /* characters of a search */
#define NOTE_MAX 500 /* characters of a status note */

static json_t *
ticket_json(const struct api_ctx *a, const struct db_ticket_item *t)
{
    const struct cfg_status *st = cfg_status_find(a->cfg, t->status);

    return json_pack(
        "{s:s,s:s,s:s,s:b,s:o,s:o,s:s,s:o,s:s,s:s,s:s}", "code", t->code, "status", t->status,
        "status_label", st != NULL ? st->label : t->status, "closed", st != NULL && st->closed,
        "komisi", t->komisi > 0 ? json_integer(t->komisi) : json_null(), "category",
        t->category[0] != '\0' ? json_string(t->category) : json_null(), "channel", t->source,
        "msisdn", t->msisdn[0] != '\0' ? api_msisdn(a, t->msisdn) : json_null(), "body", t->body,
        "created_at", t->created, "updated_at", t->updated);
}

struct list_ctx {
    const struct api_ctx *a;
    json_t *items;
};

static void
list_item(void *ctx, const struct db_ticket_item *t)
{
    struct list_ctx *l = ctx;

    json_array_append_new(l->items, ticket_json(l->a, t));
}

/* Escapes the LIKE wildcards of s (%, _ and the escape \) into a new
 * string kept for the request. */
static char *
like_escape(const char *s)
{
    char *out = xmalloc(2 * strlen(s) + 1), *p = out;

    for (; *s != '\0'; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            *p++ = '\\';
        *p++ = *s;
    }
    *p = '\0';
    return out;
}

/* Answers 400 listing the configured statuses. */
static void
bad_status(struct api_ctx *a, const char *field)
{
    char list[256];
    size_t len = 0;

    list[0] = '\0';
    for (size_t i = 0; i < a->cfg->nstatuses && len < sizeof(list); i++)
        len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i > 0 ? ", " : "",
                                a->cfg->statuses[i].name);
    api_error(a, 400, "invalid", "\"%s\" must be one of: %s", field, list);
}

static void
bad_category(struct api_ctx *a, const char *field)
{
    char list[256];
    size_t len = 0;

    list[0] = '\0';
    for (size_t i = 0; i < ncategories && len < sizeof(list); i++)
        len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i > 0 ? ", " : "",
                                categories[i].code);
    api_error(a, 400, "invalid", "\"%s\" must be one of: %s", field, list);
}

static void
tickets_list(struct api_ctx *a)
{
    struct db_ticket_query q = {0};
    struct list_ctx l = {.a = a};
    char from[40], to[40], *text = NULL;
    long long komisi, limit, offset;
    const char *s;
    int64_t total = 0;
    int n;

    if ((s = api_query(a, "status")) != NULL && cfg_status_find(a->cfg, s) == NULL) {
        bad_status(a, "status");
        return;
    }
    q.status = s;
    if ((s = api_query(a, "category")) != NULL && category_find(s) == NULL) {
        bad_category(a, "category");
        return;
    }
    q.category = s;
    if (api_query_int(a, "komisi", 1, 4, 0, &komisi) < 0 ||
        api_query_int(a, "limit", 1, 200, 50, &limit) < 0 ||
        api_query_int(a, "offset", 0, 1000000000, 0, &offset) < 0)
        return;
    if ((n = api_query_time(a, "from", from)) < 0)
        return;
    q.from = n > 0 ? from : NULL;
    if ((n = api_query_time(a, "to", to)) < 0)
        return;
    q.to = n > 0 ? to : NULL;
    if ((s = api_query(a, "q")) != NULL) {
        size_t chars = 0;
        int printable = utf8_valid(s, strlen(s));

        /* Bytes that are not UTF-8 would be refused by PostgreSQL: a 400
         * here, not a database error.  No control characters either. */
        for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
            printable = printable && *p >= 0x20 && *p != 0x7f;
            chars += (*p & 0xc0) != 0x80;
        }
        if (!printable || chars == 0 || chars > TEXT_MAX) {
            api_error(a, 400, "invalid", "\"q\" must be 1 to %d characters of text", TEXT_MAX);
            return;
        }
        q.text = text = like_escape(s);
    }
    q.komisi = (int)komisi;
    q.limit = (int)limit;
    q.offset = (int)offset;
    l.items = json_array();
    n = db_ticket_search(a->db, &q, list_item, &l, &total);
    free(text);
    if (n < 0) {
        json_decref(l.items);
        api_db_error(a);
        return;
    }
    api_ok(a, 200,
           json_pack("{s:o,s:I,s:I,s:I}", "items", l.items, "total", (json_int_t)total, "limit",
                     (json_int_t)limit, "offset", (json_int_t)offset));
}

struct detail_ctx {
    const struct api_ctx *a;
    json_t *ticket, *history;
};

static void
detail_item(void *ctx, const struct db_ticket_item *t)
{
    struct detail_ctx *d = ctx;

    d->ticket = ticket_json(d->a, t);
}

static void
detail_origin(void *ctx, const struct db_ticket_origin *o)
{
    struct detail_ctx *d = ctx;

    json_object_set_new(d->ticket, "message",
                        json_pack("{s:s,s:s,s:s}", "channel", o->channel, "intent", o->intent,
                                  "received_at", o->received));
}

static void
detail_event(void *ctx, const struct db_ticket_history *e)
{
    struct detail_ctx *d = ctx;

    json_array_append_new(d->history,
                          json_pack("{s:s,s:s,s:o,s:s}", "at", e->at, "status", e->status, "note",
                                    e->note[0] != '\0' ? json_string(e->note) : json_null(),
                                    "actor", e->actor));
}

/* Answers the ticket of the path as it is now (200), or 404. */
static void
ticket_answer(struct api_ctx *a, int status)
{
    struct detail_ctx d = {.a = a, .history = json_array()};
    int rc =
        ticket_ops_code(a->params[0]) != NULL
            ? 0
            : db_ticket_detail(a->db, a->params[0], detail_item, detail_origin, detail_event, &d);

    if (rc <= 0) {
        json_decref(d.ticket);
        json_decref(d.history);
        if (rc < 0)
            api_db_error(a);
        else
            api_error(a, 404, "not_found", "there is no ticket with that number");
        return;
    }
    json_object_set_new(d.ticket, "history", d.history);
    api_ok(a, status, d.ticket);
}

static void
ticket_show(struct api_ctx *a)
{
    ticket_answer(a, 200);
}

/* Answers a refused change of a ticket. */
static void
ticket_refused(struct api_ctx *a, enum ticket_result r, const char *err)
{
    switch (r) {
    case TICKET_NOT_FOUND:
        api_error(a, 404, "not_found", "there is no ticket with that number");
        break;
    case TICKET_CONFLICT:
        api_error(a, 409, "conflict", "%s", err);
        break;
    case TICKET_INVALID:
        api_error(a, 400, "invalid", "%s", err);
        break;
    default:
        api_db_error(a);
    }
}

static void
ticket_status(struct api_ctx *a)
{
    static const char *const fields[] = {"status", "note", "notify", NULL};
    const char *status, *note = NULL;
    char err[TICKET_ERR_MAX] = "";
    int notify = 1, notified = 0;
    enum ticket_result r;

    if (api_body_only(a, fields, 1) < 0 || api_body_string(a, "status", 1, 1, 31, &status) < 0 ||
        api_body_string(a, "note", 0, 0, NOTE_MAX, &note) < 0 ||
        api_body_bool(a, "notify", 0, &notify) < 0)
        return;
    if (cfg_status_find(a->cfg, status) == NULL) {
        bad_status(a, "status");
        return;
    }
    r = ticket_set_status(a->db, a->cfg, a->params[0], status, note, a->actor, notify, &notified,
                          err);
    if (r != TICKET_OK) {
        ticket_refused(a, r, err);
        return;
    }
    api_audit(a, "ticket", json_string(a->params[0]));
    api_audit(a, "status", json_string(status));
    api_audit(a, "notified", json_boolean(notified));
    ticket_answer(a, 200);
    if (a->status == 200)
        json_object_set_new(a->out, "notified", json_boolean(notified));
}

static void
ticket_patch(struct api_ctx *a)
{
    static const char *const fields[] = {"komisi", "category", NULL};
    json_t *jk = NULL, *jc = NULL;
    const char *category = NULL;
    char err[TICKET_ERR_MAX] = "";
    long long komisi = -1;
    enum ticket_result r;

    if (api_body_only(a, fields, 1) < 0)
        return;
    jk = json_object_get(a->body, "komisi");
    jc = json_object_get(a->body, "category");
    if (jk == NULL && jc == NULL) {
        api_error(a, 400, "invalid", "give \"komisi\" (1 to 4, or null), \"category\" or both");
        return;
    }
    if (jk != NULL && json_is_null(jk))
        komisi = 0;
    else if (jk != NULL && api_body_int(a, "komisi", 1, 1, 4, &komisi) < 0)
        return;
    if (jc != NULL && json_is_null(jc)) {
        category = "";
    } else if (jc != NULL) {
        if (api_body_string(a, "category", 1, 1, 20, &category) < 0)
            return;
        if (category_find(category) == NULL) {
            bad_category(a, "category");
            return;
        }
    }
    r = ticket_assign(a->db, a->params[0], (int)komisi, category, a->actor, err);
    if (r != TICKET_OK) {
        ticket_refused(a, r, err);
        return;
    }
    api_audit(a, "ticket", json_string(a->params[0]));
    if (komisi >= 0)
        api_audit(a, "komisi", komisi > 0 ? json_integer(komisi) : json_null());
    if (category != NULL)
        api_audit(a, "category", category[0] != '\0' ? json_string(category) : json_null());
    ticket_answer(a, 200);
}

/* ---- statistics --------------------------------------------------------- */

static void
stats_message(void *ctx, const char *day, const char *intent, int64_t count)
{
    json_array_append_new(
        ctx, json_pack("{s:s,s:s,s:I}", "day", day, "intent", intent, "count", (json_int_t)count));
}

struct open_ctx {
    json_t *by_status, *by_komisi;
    int64_t total;
};

static void
stats_open(void *ctx, const char *status, int komisi, int64_t count)
{
    struct open_ctx *o = ctx;

    if (status != NULL) {
        json_array_append_new(o->by_status,
                              json_pack("{s:s,s:I}", "status", status, "count", (json_int_t)count));
        o->total += count;
    } else {
        json_array_append_new(o->by_komisi,
                              json_pack("{s:o,s:I}", "komisi",
                                        komisi > 0 ? json_integer(komisi) : json_null(), "count",
                                        (json_int_t)count));
    }
}

static void
stats(struct api_ctx *a)
{
    const char *closed[CFG_STATUS_MAX + 1];
    struct open_ctx o = {.by_status = json_array(), .by_komisi = json_array()};
    json_t *messages = json_array();
    int64_t tickets = 0, changed = 0;
    double median = -1;
    long long days;
    size_t nclosed = 0;

    for (size_t i = 0; i < a->cfg->nstatuses; i++)
        if (a->cfg->statuses[i].closed)
            closed[nclosed++] = a->cfg->statuses[i].name;
    if (api_query_int(a, "days", 1, 366, 30, &days) < 0 ||
        db_stats_messages(a->db, (int)days, stats_message, messages) < 0 ||
        db_stats_open(a->db, closed, nclosed, stats_open, &o) < 0 ||
        db_stats_first_change(a->db, (int)days, &tickets, &changed, &median) < 0) {
        json_decref(messages);
        json_decref(o.by_status);
        json_decref(o.by_komisi);
        if (a->status == 0)
            api_db_error(a);
        return;
    }
    api_ok(a, 200,
           json_pack("{s:I,s:o,s:{s:I,s:o,s:o},s:{s:I,s:I,s:o}}", "days", (json_int_t)days,
                     "messages", messages, "open_tickets", "total", (json_int_t)o.total,
                     "by_status", o.by_status, "by_komisi", o.by_komisi, "first_status_change",
                     "tickets", (json_int_t)tickets, "changed", (json_int_t)changed,
                     "median_seconds", median >= 0 ? json_real(median) : json_null()));
}

const struct api_route api_ticket_routes[] = {
    {"GET", "/api/v1/tickets", API_ROLE_VIEWER, 0, tickets_list},
    {"GET", "/api/v1/tickets/{}", API_ROLE_VIEWER, 0, ticket_show},
    {"PATCH", "/api/v1/tickets/{}", API_ROLE_STAFF, 0, ticket_patch},
    {"POST", "/api/v1/tickets/{}/status", API_ROLE_STAFF, 0, ticket_status},
    {0},
};

const struct api_route api_stats_routes[] = {
    {"GET", "/api/v1/stats", API_ROLE_VIEWER, 0, stats},
    {0},
};
