/*
 * The agenda and the information pages over the staff API:
 *   GET    /api/v1/agenda                 sessions: from, to, komisi, type,
 *                                         include_cancelled, limit, offset
 *   POST   /api/v1/agenda                 {"type","komisi","title","starts","ends",
 *                                          "place","public","summary"} -> 201
 *   GET    /api/v1/agenda/{id}            one session
 *   PATCH  /api/v1/agenda/{id}            any of the fields of POST; null
 *                                         removes "komisi" or "ends"
 *   POST   /api/v1/agenda/{id}/cancel     {"reason"} (optional)
 *   POST   /api/v1/agenda/{id}/restore    undoes a cancellation
 *   GET    /api/v1/agenda/{id}/inputs     citizens' proposals and questions
 *                                         ("general": those naming no session)
 *   GET    /api/v1/info                   the pages
 *   GET    /api/v1/info/{topic}           one page
 *   PUT    /api/v1/info/{topic}           {"body"}: 201 new, 200 replaced
 *   DELETE /api/v1/info/{topic}
 *   GET    /api/v1/info-requests?days=N   what citizens asked by AGENDA and INFO
 *
 * Every check of what staff send is the one aspirasictl makes
 * (gateway/agenda_ops.c), answered as a 400 naming the field; this file
 * only reads the JSON, maps the outcome to a status and shows the result.
 * Times are shown in ISO 8601 with the offset of the configured zone, in
 * which the API's transaction runs.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gateway/agenda_ops.h"
#include "gateway/api.h"
#include "parsers/gsm7.h"

#define PAGE_MAX     200  /* items of one page of a list */
#define PAGE_DEFAULT 50   /* items when limit is not given */
#define DAYS_MAX     3660 /* days of info-requests, as aspirasictl takes */

static const char *const session_fields[] = {"type",  "komisi", "title",   "starts", "ends",
                                             "place", "public", "summary", NULL};

/* ---- shared ----------------------------------------------------------------- */

/* Reads the limit and offset of a list.  Returns 0, or -1 after answering
 * 400. */
static int
page_params(struct api_ctx *a, int *limit, int64_t *offset)
{
    long long l, o;

    if (api_query_int(a, "limit", 1, PAGE_MAX, PAGE_DEFAULT, &l) < 0 ||
        api_query_int(a, "offset", 0, INT32_MAX, 0, &o) < 0)
        return -1;
    *limit = (int)l;
    *offset = (int64_t)o;
    return 0;
}

/* The answer of a list: {"items":[...],"total":N,"limit":L,"offset":O}
 * (items is stolen). */
static json_t *
page_answer(json_t *items, int64_t total, int limit, int64_t offset)
{
    return json_pack("{s:o,s:I,s:i,s:I}", "items", items, "total", (json_int_t)total, "limit",
                     limit, "offset", (json_int_t)offset);
}

/* Answers a refusal of agenda_ops with its status. */
static void
agenda_refused(struct api_ctx *a, enum agenda_result rc, const char *err)
{
    if (rc == AGENDA_FAILED)
        api_db_error(a);
    else if (rc == AGENDA_NOT_FOUND)
        api_error(a, 404, "not_found", "%s", err);
    else
        api_error(a, 400, "invalid", "%s", err);
}

/* Reads the session id of the path.  Returns 0, or -1 after answering 404:
 * what is not a number names no session. */
static int
session_id(struct api_ctx *a, int64_t *id)
{
    const char *s = a->params[0];
    char *end;
    long long v;

    errno = 0;
    v = strtoll(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 || v < 1) {
        api_error(a, 404, "not_found", "no such session: sessions have numbers such as 12");
        return -1;
    }
    *id = (int64_t)v;
    return 0;
}

/* ---- sessions --------------------------------------------------------------- */

static json_t *
session_json(const struct db_session_iso *v)
{
    const struct db_session *s = &v->s;

    return json_pack("{s:I,s:s,s:o,s:s,s:s,s:s?,s:s,s:b,s:s,s:b,s:s?}", "id", (json_int_t)s->id,
                     "type", s->type, "komisi",
                     s->komisi > 0 ? json_integer(s->komisi) : json_null(), "title", s->title,
                     "starts", v->starts, "ends", v->ends[0] != '\0' ? v->ends : NULL, "place",
                     s->place, "public", s->public_, "summary", s->summary, "cancelled",
                     s->cancelled, "cancel_reason", s->cancelled ? s->cancel_reason : NULL);
}

/* Answers status with session id as it is now. */
static void
session_answer(struct api_ctx *a, int status, int64_t id)
{
    struct db_session_iso v;
    int rc = db_session_iso_get(a->db, id, &v);

    if (rc < 0)
        api_db_error(a);
    else if (rc == 0)
        api_error(a, 404, "not_found", "no session %lld", (long long)id);
    else
        api_ok(a, status, session_json(&v));
}

/* Reads a text field of the body for agenda_ops to check: any length, so
 * that the limits and their messages are the shared ones.  Returns 1, 0
 * when absent, or -1 after answering 400. */
static int
body_text(struct api_ctx *a, const char *name, const char **out)
{
    *out = NULL;
    return api_body_string(a, name, 0, 0, SIZE_MAX, out);
}

/*
 * Reads the fields of a session from the body into in.  "komisi" may be
 * an integer (1-4) or a string ("III", "3"); null removes the komisi, as
 * null "ends" removes the end, when changing (when adding they are as
 * good as absent).  Returns 0, or -1 after answering 400.
 */
static int
session_input(struct api_ctx *a, int change, struct agenda_input *in, char komisi[24])
{
    json_t *k = json_object_get(a->body, "komisi"), *e = json_object_get(a->body, "ends");
    int pub, rc;

    memset(in, 0, sizeof(*in));
    in->public_ = -1;
    if (body_text(a, "type", &in->type) < 0 || body_text(a, "title", &in->title) < 0 ||
        body_text(a, "starts", &in->starts) < 0 || body_text(a, "ends", &in->ends) < 0 ||
        body_text(a, "place", &in->place) < 0 || body_text(a, "summary", &in->summary) < 0)
        return -1;
    if ((rc = api_body_bool(a, "public", 0, &pub)) < 0)
        return -1;
    if (rc > 0)
        in->public_ = pub;
    if (k != NULL && json_is_integer(k)) {
        snprintf(komisi, 24, "%lld", (long long)json_integer_value(k));
        in->komisi = komisi;
    } else if (k != NULL && json_is_string(k)) {
        if (body_text(a, "komisi", &in->komisi) < 0)
            return -1;
    } else if (k != NULL && json_is_null(k)) {
        in->komisi_none = change;
    } else if (k != NULL) {
        api_error(a, 400, "invalid", "\"komisi\" must be an integer from 1 to 4%s",
                  change ? ", or null" : "");
        return -1;
    }
    if (e != NULL && json_is_null(e))
        in->ends_none = change;
    return 0;
}

static void
agenda_create(struct api_ctx *a)
{
    struct agenda_input in;
    struct agenda_edit e;
    struct db_session s;
    char komisi[24], err[AGENDA_ERR_MAX];
    enum agenda_result rc;

    if (api_body_only(a, session_fields, 1) < 0 || session_input(a, 0, &in, komisi) < 0)
        return;
    if (agenda_session_check(&in, &agenda_api_names, 0, &e, err) < 0) {
        api_error(a, 400, "invalid", "%s", err);
        return;
    }
    if ((rc = agenda_session_add(a->db, a->cfg, a->actor, &e, &s, err)) != AGENDA_OK) {
        agenda_refused(a, rc, err);
        return;
    }
    api_audit(a, "session", json_integer(s.id));
    session_answer(a, 201, s.id);
}

static void
agenda_patch(struct api_ctx *a)
{
    struct agenda_input in;
    struct agenda_edit e;
    struct db_session s;
    char komisi[24], err[AGENDA_ERR_MAX];
    enum agenda_result rc;
    json_t *fields;
    int64_t id;

    if (session_id(a, &id) < 0 || api_body_only(a, session_fields, 1) < 0 ||
        session_input(a, 1, &in, komisi) < 0)
        return;
    if (agenda_session_check(&in, &agenda_api_names, 1, &e, err) < 0) {
        api_error(a, 400, "invalid", "%s", err);
        return;
    }
    if ((rc = agenda_session_change(a->db, a->cfg, a->actor, id, &e, &s, err)) != AGENDA_OK) {
        agenda_refused(a, rc, err);
        return;
    }
    /* The audit row names the fields changed, not their values. */
    fields = json_array();
    for (size_t i = 0; session_fields[i] != NULL; i++)
        if (json_object_get(a->body, session_fields[i]) != NULL)
            json_array_append_new(fields, json_string(session_fields[i]));
    api_audit(a, "session", json_integer(id));
    api_audit(a, "fields", fields);
    session_answer(a, 200, id);
}

/* POST .../cancel and .../restore. */
static void
agenda_cancel_or_restore(struct api_ctx *a, int cancel)
{
    static const char *const cancel_fields[] = {"reason", NULL};
    static const char *const no_fields[] = {NULL};
    const char *reason = NULL;
    char err[AGENDA_ERR_MAX];
    enum agenda_result rc;
    int64_t id;

    if (session_id(a, &id) < 0 || api_body_only(a, cancel ? cancel_fields : no_fields, 0) < 0 ||
        (cancel && body_text(a, "reason", &reason) < 0))
        return;
    rc = agenda_session_cancel(a->db, a->actor, id, cancel, reason, &agenda_api_names, err);
    if (rc != AGENDA_OK) {
        agenda_refused(a, rc, err);
        return;
    }
    api_audit(a, "session", json_integer(id));
    api_audit(a, "cancelled", json_boolean(cancel));
    session_answer(a, 200, id);
}

static void
agenda_cancel(struct api_ctx *a)
{
    agenda_cancel_or_restore(a, 1);
}

static void
agenda_restore(struct api_ctx *a)
{
    agenda_cancel_or_restore(a, 0);
}

static void
agenda_show(struct api_ctx *a)
{
    int64_t id;

    if (session_id(a, &id) == 0)
        session_answer(a, 200, id);
}

static void
session_row(void *ctx, const struct db_session_iso *s)
{
    json_array_append_new(ctx, session_json(s));
}

/* Reads a boolean query parameter: true, false, 1 or 0.  Returns 0, or -1
 * after answering 400. */
static int
query_bool(struct api_ctx *a, const char *name, int *out)
{
    const char *s = api_query(a, name);

    *out = 0;
    if (s == NULL || strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
        return 0;
    if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0) {
        *out = 1;
        return 0;
    }
    api_error(a, 400, "invalid", "\"%s\" must be true or false", name);
    return -1;
}

/*
 * GET /api/v1/agenda.  Without from, the sessions that have not ended
 * (one without an end counts as lasting three hours), as citizens' AGENDA
 * sees them; from and to take a date (to: that whole day) or a date and
 * time.  Cancelled sessions only with include_cancelled.
 */
static void
agenda_list(struct api_ctx *a)
{
    struct db_session_iso_query q = {0};
    char from[40], to[40], type[16], err[AGENDA_ERR_MAX];
    const char *t = api_query(a, "type");
    long long komisi;
    int64_t total;
    json_t *items;
    int rc;

    if ((rc = api_query_time(a, "from", from)) < 0)
        return;
    q.from = rc > 0 ? from : NULL;
    if ((rc = api_query_time(a, "to", to)) < 0)
        return;
    if (rc > 0 && strlen(to) == 10)
        q.to_day = to;
    else if (rc > 0)
        q.to_time = to;
    if (api_query_int(a, "komisi", 1, 4, 0, &komisi) < 0 ||
        query_bool(a, "include_cancelled", &q.include_cancelled) < 0 ||
        page_params(a, &q.limit, &q.offset) < 0)
        return;
    q.komisi = (int)komisi;
    if (t != NULL) {
        if (agenda_parse_type("\"type\"", t, type, err) < 0) {
            api_error(a, 400, "invalid", "%s", err);
            return;
        }
        q.type = type;
    }
    items = json_array();
    if (db_session_iso_list(a->db, &q, session_row, items, &total) < 0) {
        json_decref(items);
        api_db_error(a);
        return;
    }
    api_ok(a, 200, page_answer(items, total, q.limit, q.offset));
}

struct input_list {
    struct api_ctx *a;
    json_t *items;
};

static void
input_row(void *ctx, const struct db_input *in, const char *created_at)
{
    struct input_list *l = ctx;

    json_array_append_new(
        l->items, json_pack("{s:I,s:o,s:s,s:s,s:o,s:s}", "id", (json_int_t)in->id, "session_id",
                            in->session_id > 0 ? json_integer(in->session_id) : json_null(), "kind",
                            in->kind, "body", in->body, "msisdn", api_msisdn(l->a, in->msisdn),
                            "created_at", created_at));
}

/* GET /api/v1/agenda/{id}/inputs, oldest first; {id} "general": the
 * inputs naming no session (or one that could not take them). */
static void
agenda_inputs(struct api_ctx *a)
{
    struct input_list l = {.a = a};
    struct db_session s;
    int64_t id = 0, offset, total;
    int limit, rc;

    if (strcmp(a->params[0], "general") != 0 && session_id(a, &id) < 0)
        return;
    if (page_params(a, &limit, &offset) < 0)
        return;
    if (id > 0 && (rc = db_session_get(a->db, id, a->cfg->timezone, &s)) != 1) {
        if (rc < 0)
            api_db_error(a);
        else
            api_error(a, 404, "not_found", "no session %lld", (long long)id);
        return;
    }
    l.items = json_array();
    if (db_input_iso_list(a->db, id, limit, offset, input_row, &l, &total) < 0) {
        json_decref(l.items);
        api_db_error(a);
        return;
    }
    api_ok(a, 200, page_answer(l.items, total, limit, offset));
}

/* ---- information pages ---------------------------------------------------------- */

/* A page: its topic, text and length in SMS characters (null when the
 * text is not GSM-7, as a page stored by other means may be). */
static json_t *
page_json(const char *topic, const char *body)
{
    ssize_t septets = gsm7_septets(body, strlen(body));

    return json_pack("{s:s,s:s,s:o}", "topic", topic, "body", body, "characters",
                     septets >= 0 ? json_integer(septets) : json_null());
}

struct info_list {
    json_t *items;
    int64_t seen, offset;
    int limit;
};

static void
info_row(void *ctx, const char *topic, const char *body)
{
    struct info_list *l = ctx;

    if (l->seen >= l->offset && json_array_size(l->items) < (size_t)l->limit)
        json_array_append_new(l->items, page_json(topic, body));
    l->seen++;
}

static void
info_list(struct api_ctx *a)
{
    struct info_list l = {0};

    if (page_params(a, &l.limit, &l.offset) < 0)
        return;
    l.items = json_array();
    if (db_info_list(a->db, info_row, &l) < 0) {
        json_decref(l.items);
        api_db_error(a);
        return;
    }
    api_ok(a, 200, page_answer(l.items, l.seen, l.limit, l.offset));
}

/* Reads the topic of the path into t.  Returns 0, or -1 after answering
 * 400. */
static int
info_topic(struct api_ctx *a, char t[AGENDA_TOPIC_MAX + 1])
{
    char err[AGENDA_ERR_MAX];

    if (agenda_info_topic(a->params[0], t, err) < 0) {
        api_error(a, 400, "invalid", "%s", err);
        return -1;
    }
    return 0;
}

static void
info_show(struct api_ctx *a)
{
    char t[AGENDA_TOPIC_MAX + 1], *body = NULL;
    int rc;

    if (info_topic(a, t) < 0)
        return;
    if ((rc = db_info_get(a->db, t, &body)) < 0)
        api_db_error(a);
    else if (rc == 0)
        api_error(a, 404, "not_found", "no info page %s", t);
    else
        api_ok(a, 200, page_json(t, body));
    free(body);
}

static void
info_put(struct api_ctx *a)
{
    static const char *const fields[] = {"body", NULL};
    char t[AGENDA_TOPIC_MAX + 1], err[AGENDA_ERR_MAX];
    const char *body;
    enum agenda_result rc;
    ssize_t septets;
    int created;

    if (info_topic(a, t) < 0 || api_body_only(a, fields, 1) < 0 ||
        api_body_string(a, "body", 1, 0, SIZE_MAX, &body) < 0)
        return;
    rc = agenda_info_save(a->db, a->actor, t, "\"body\"", body, &created, &septets, err);
    if (rc != AGENDA_OK) {
        agenda_refused(a, rc, err);
        return;
    }
    api_audit(a, "info", json_string(t));
    api_audit(a, "created", json_boolean(created));
    api_ok(a, created ? 201 : 200, page_json(t, body));
}

static void
info_delete(struct api_ctx *a)
{
    char t[AGENDA_TOPIC_MAX + 1];
    int rc;

    if (info_topic(a, t) < 0)
        return;
    if ((rc = db_info_remove(a->db, t)) < 0) {
        api_db_error(a);
        return;
    }
    if (rc == 0) {
        api_error(a, 404, "not_found", "no info page %s", t);
        return;
    }
    api_audit(a, "info", json_string(t));
    api_ok(a, 200, json_pack("{s:s,s:b}", "topic", t, "removed", 1));
}

static void
request_row(void *ctx, const char *kind, const char *query, int64_t count, int64_t numbers,
            const char *last)
{
    json_array_append_new(ctx, json_pack("{s:s,s:s,s:I,s:I,s:s}", "kind", kind, "query", query,
                                         "count", (json_int_t)count, "phones", (json_int_t)numbers,
                                         "last_at", last));
}

/* GET /api/v1/info-requests: what citizens asked by AGENDA and INFO in
 * the last days days (30), most asked first; query "" is AGENDA alone or
 * INFO alone (the list). */
static void
info_requests(struct api_ctx *a)
{
    long long days;
    int64_t offset, total;
    json_t *items, *out;
    int limit;

    if (api_query_int(a, "days", 1, DAYS_MAX, 30, &days) < 0 || page_params(a, &limit, &offset) < 0)
        return;
    items = json_array();
    if (db_info_request_page(a->db, (int)days, limit, offset, request_row, items, &total) < 0) {
        json_decref(items);
        api_db_error(a);
        return;
    }
    out = page_answer(items, total, limit, offset);
    json_object_set_new(out, "days", json_integer(days));
    api_ok(a, 200, out);
}

const struct api_route api_agenda_routes[] = {
    {"GET", "/api/v1/agenda", API_ROLE_VIEWER, 0, agenda_list},
    {"POST", "/api/v1/agenda", API_ROLE_STAFF, 0, agenda_create},
    {"GET", "/api/v1/agenda/{}", API_ROLE_VIEWER, 0, agenda_show},
    {"PATCH", "/api/v1/agenda/{}", API_ROLE_STAFF, 0, agenda_patch},
    {"POST", "/api/v1/agenda/{}/cancel", API_ROLE_STAFF, 0, agenda_cancel},
    {"POST", "/api/v1/agenda/{}/restore", API_ROLE_STAFF, 0, agenda_restore},
    {"GET", "/api/v1/agenda/{}/inputs", API_ROLE_VIEWER, 0, agenda_inputs},
    {"GET", "/api/v1/info", API_ROLE_VIEWER, 0, info_list},
    {"GET", "/api/v1/info/{}", API_ROLE_VIEWER, 0, info_show},
    {"PUT", "/api/v1/info/{}", API_ROLE_STAFF, 0, info_put},
    {"DELETE", "/api/v1/info/{}", API_ROLE_STAFF, 0, info_delete},
    {"GET", "/api/v1/info-requests", API_ROLE_VIEWER, 0, info_requests},
    {0},
};
