/*
 * Broadcasts over the staff API, through the same checks and changes as
 * aspirasictl broadcast (gateway/broadcast_ops.c):
 *   POST /api/v1/broadcasts/preview    {"text" | "session_id", "audience", "lang"}
 *                                      -> what it would send and cost; nothing is stored
 *   POST /api/v1/broadcasts            the same and "start" (default false)
 *                                      -> 201 the broadcast (a draft, or running), with its preview
 *   GET  /api/v1/broadcasts            ?limit=&offset=, newest first
 *   GET  /api/v1/broadcasts/{id}       with its outbox rows by state, its progress, and for a
 *                                      draft the preview of starting it now
 *   POST /api/v1/broadcasts/{id}/start   a draft; 409 when it is running or cancelled
 *   POST /api/v1/broadcasts/{id}/cancel  stops what is not sent yet; 409 when cancelled already
 *
 * Reading needs a viewer's token; everything else, the preview included, a
 * staff member's: a preview is the first step of writing a broadcast, and
 * every POST is a row of the audit log.  A broadcast holds no phone number,
 * so none is ever answered here.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gateway/api.h"
#include "gateway/broadcast_ops.h"

#define LIST_LIMIT_MAX     200
#define LIST_LIMIT_DEFAULT 50

static const char *const langs[] = {"id", "jv", "en", NULL};

/* ---- JSON ----------------------------------------------------------------- */

static json_t *
id_or_null(int64_t id)
{
    return id > 0 ? json_integer((json_int_t)id) : json_null();
}

static json_t *
time_or_null(const char *t)
{
    return t[0] != '\0' ? json_string(t) : json_null();
}

static json_t *
preview_json(const struct broadcast_preview *p)
{
    return json_pack("{s:s,s:s,s:o,s:s,s:I,s:i,s:I,s:I,s:I,s:I,s:s}", "text", p->body, "audience",
                     p->audience, "session_id", id_or_null(p->session_id), "encoding",
                     broadcast_encoding(p->coding), "characters", (json_int_t)p->characters,
                     "segments", p->segments, "recipients", (json_int_t)p->recipients,
                     "total_segments", (json_int_t)p->total_segments, "price_per_segment",
                     (json_int_t)p->price, "cost", (json_int_t)p->cost, "currency", "IDR");
}

static json_t *
row_json(const struct db_broadcast_row *r)
{
    return json_pack(
        "{s:I,s:s,s:s,s:s,s:o,s:s,s:I,s:i,s:i,s:s,s:s,s:o,s:o}", "id", (json_int_t)r->id, "state",
        r->state, "text", r->body, "audience", r->audience, "session_id", id_or_null(r->session_id),
        "encoding", broadcast_encoding(r->coding), "characters",
        (json_int_t)broadcast_characters(r->body), "segments", r->segments, "recipients",
        r->recipients, "created_by", r->created_by, "created_at", r->created_at, "started_at",
        time_or_null(r->started_at), "cancelled_at", time_or_null(r->cancelled_at));
}

/* What the callback of db_broadcast_show() keeps of the row. */
struct shown {
    json_t *obj;
    int coding, segments;
    char audience[16];
    int64_t session_id;
    char state[16];
    int started;
};

static void
show_cb(void *ctx, const struct db_broadcast_row *r)
{
    struct shown *s = ctx;

    s->obj = row_json(r);
    s->coding = r->coding;
    s->segments = r->segments;
    snprintf(s->audience, sizeof(s->audience), "%s", r->audience);
    s->session_id = r->session_id;
    snprintf(s->state, sizeof(s->state), "%s", r->state);
    s->started = r->started_at[0] != '\0';
}

/*
 * Builds broadcast id as GET /api/v1/broadcasts/{id} shows it into *out:
 * the row, "counts" of its outbox rows by state, "progress", and with
 * want_preview, "preview" (for a draft; null otherwise).  Returns 1, 0 when
 * there is no such broadcast, or -1.
 */
static int
show_json(struct api_ctx *a, int64_t id, int want_preview, json_t **out)
{
    struct shown s = {0};
    struct broadcast_progress p;
    struct broadcast_preview pv;
    json_t *preview = NULL;
    const char *body;
    int rc = db_broadcast_show(a->db, id, show_cb, &s);

    *out = NULL;
    if (rc <= 0)
        return rc;
    if (s.obj == NULL || broadcast_progress(a->db, id, s.started, &p) != BROADCAST_OK)
        goto fail;
    if (want_preview && strcmp(s.state, "draft") == 0) {
        body = json_string_value(json_object_get(s.obj, "text"));
        if (broadcast_preview_stored(a->db, a->cfg, body, s.coding, s.segments, s.audience,
                                     s.session_id, &pv) != BROADCAST_OK)
            goto fail;
        preview = preview_json(&pv);
    } else if (want_preview) {
        preview = json_null();
    }
    json_object_set_new(
        s.obj, "counts",
        json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "queued", (json_int_t)p.n.queued, "sending",
                  (json_int_t)p.n.sending, "accepted", (json_int_t)p.n.accepted, "delivered",
                  (json_int_t)p.n.delivered, "failed", (json_int_t)p.n.failed, "cancelled",
                  (json_int_t)p.n.cancelled, "opted_out", (json_int_t)p.n.opted_out));
    json_object_set_new(s.obj, "progress",
                        json_pack("{s:I,s:I,s:i}", "sent", (json_int_t)p.sent, "to_send",
                                  (json_int_t)p.total, "percent", p.percent));
    if (preview != NULL)
        json_object_set_new(s.obj, "preview", preview);
    *out = s.obj;
    return 1;

fail:
    json_decref(s.obj);
    return -1;
}

/* ---- the request ------------------------------------------------------------ */

/* Reads the {id} of the path: a positive number.  Returns 0, or -1 after
 * answering 404 (the path names no broadcast). */
static int
path_id(struct api_ctx *a, int64_t *id)
{
    const char *s = a->params[0];
    int64_t v = 0;
    size_t n = strlen(s);

    if (n == 0 || n > 18 || strspn(s, "0123456789") != n)
        goto none;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    if (v == 0)
        goto none;
    *id = v;
    return 0;

none:
    api_error(a, 404, "not_found", "no such broadcast: a broadcast is named by its number");
    return -1;
}

/*
 * Reads the body of a preview or a creation into in: "text" or
 * "session_id" (exactly one), "audience", "lang" (a session's
 * announcement only), and the other fields allowed.  Returns 0, or -1
 * after answering 400.
 */
static int
read_input(struct api_ctx *a, const char *const *fields, struct broadcast_input *in)
{
    long long session = 0;
    int lang = 0, has_lang;

    memset(in, 0, sizeof(*in));
    /* No length limit on the text here: the check of its segments in
     * broadcast_ops says how long it may be, in SMS terms. */
    if (api_body_only(a, fields, 1) < 0 ||
        api_body_string(a, "text", 0, 0, SIZE_MAX, &in->text) < 0 ||
        api_body_int(a, "session_id", 0, 1, LLONG_MAX, &session) < 0 ||
        api_body_string(a, "audience", 0, 1, 32, &in->audience) < 0 ||
        (has_lang = api_body_enum(a, "lang", 0, langs, &lang)) < 0)
        return -1;
    if (in->text == NULL && session == 0) {
        api_error(a, 400, "invalid", "\"text\" or \"session_id\" is required");
        return -1;
    }
    if (in->text != NULL && session != 0) {
        api_error(a, 400, "invalid", "give either \"text\" or \"session_id\", not both");
        return -1;
    }
    if (has_lang == 1 && in->text != NULL) {
        api_error(a, 400, "invalid",
                  "\"lang\" chooses the language of a session's announcement; "
                  "it does not go with \"text\"");
        return -1;
    }
    in->session_id = session;
    if (lang_from_code(langs[lang], &in->lang) < 0)
        in->lang = LANG_ID;
    return 0;
}

/* Answers what broadcast_ops refused or failed with. */
static void
answer_refusal(struct api_ctx *a, enum broadcast_rc rc, const char *field, const char *err)
{
    switch (rc) {
    case BROADCAST_INVALID:
        api_error(a, 400, "invalid", "\"%s\": %s", field != NULL ? field : "body", err);
        break;
    case BROADCAST_NOT_FOUND:
        api_error(a, 404, "not_found", "%s", err);
        break;
    case BROADCAST_CONFLICT:
        api_error(a, 409, "conflict", "%s", err);
        break;
    default:
        api_db_error(a);
        break;
    }
}

/* Answers broadcast id as shown, with extra fields added (stolen; may be
 * NULL). */
static void
answer_shown(struct api_ctx *a, int status, int64_t id, int want_preview, json_t *extra)
{
    json_t *obj;
    int rc = show_json(a, id, want_preview, &obj);

    if (rc <= 0) {
        json_decref(extra);
        /* The broadcast was just read or written in this transaction. */
        if (rc == 0)
            api_error(a, 404, "not_found", "no broadcast %lld", (long long)id);
        else
            api_db_error(a);
        return;
    }
    if (extra != NULL)
        json_object_update(obj, extra);
    json_decref(extra);
    api_ok(a, status, obj);
}

/* ---- the routes --------------------------------------------------------------- */

static void
bc_preview(struct api_ctx *a)
{
    static const char *const fields[] = {"text", "session_id", "audience", "lang", NULL};
    struct broadcast_input in;
    struct broadcast_preview p;
    char err[BROADCAST_ERR_MAX];
    const char *field = NULL;
    enum broadcast_rc rc;

    if (read_input(a, fields, &in) < 0)
        return;
    if ((rc = broadcast_preview(a->db, a->cfg, &in, &p, &field, err)) != BROADCAST_OK) {
        answer_refusal(a, rc, field, err);
        return;
    }
    api_ok(a, 200, preview_json(&p));
}

static void
bc_create(struct api_ctx *a)
{
    static const char *const fields[] = {"text", "session_id", "audience", "lang", "start", NULL};
    struct broadcast_input in;
    struct broadcast_preview p;
    char err[BROADCAST_ERR_MAX];
    const char *field = NULL;
    enum broadcast_rc rc;
    int start = 0, queued = 0;
    int64_t id = 0;

    if (read_input(a, fields, &in) < 0 || api_body_bool(a, "start", 0, &start) < 0)
        return;
    rc = broadcast_preview(a->db, a->cfg, &in, &p, &field, err);
    if (rc == BROADCAST_OK)
        rc = broadcast_create(a->db, &p, a->actor, &id);
    if (rc == BROADCAST_OK && start)
        rc = broadcast_start(a->db, a->cfg, id, &queued, err);
    if (rc != BROADCAST_OK) {
        answer_refusal(a, rc, field, err);
        return;
    }
    api_audit(a, "broadcast", json_integer((json_int_t)id));
    api_audit(a, "state", json_string(start ? "running" : "draft"));
    api_audit(a, "audience", json_string(p.audience));
    if (p.session_id > 0)
        api_audit(a, "session", json_integer((json_int_t)p.session_id));
    if (start)
        api_audit(a, "recipients", json_integer(queued));
    answer_shown(a, 201, id, 0, json_pack("{s:o}", "preview", preview_json(&p)));
}

static void
list_cb(void *ctx, const struct db_broadcast_row *r)
{
    json_array_append_new(ctx, row_json(r));
}

static void
bc_list(struct api_ctx *a)
{
    long long limit, offset;
    int64_t total = 0;
    json_t *items;

    if (api_query_int(a, "limit", 1, LIST_LIMIT_MAX, LIST_LIMIT_DEFAULT, &limit) < 0 ||
        api_query_int(a, "offset", 0, LLONG_MAX, 0, &offset) < 0)
        return;
    items = json_array();
    if (db_broadcast_page(a->db, (int)limit, offset, &total, list_cb, items) < 0) {
        json_decref(items);
        api_db_error(a);
        return;
    }
    api_ok(a, 200,
           json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)total, "limit",
                     (json_int_t)limit, "offset", (json_int_t)offset));
}

static void
bc_show(struct api_ctx *a)
{
    json_t *obj;
    int64_t id;
    int rc;

    if (path_id(a, &id) < 0)
        return;
    if ((rc = show_json(a, id, 1, &obj)) < 0) {
        api_db_error(a);
        return;
    }
    if (rc == 0) {
        api_error(a, 404, "not_found", "no broadcast %lld", (long long)id);
        return;
    }
    api_ok(a, 200, obj);
}

static void
bc_start(struct api_ctx *a)
{
    static const char *const none[] = {NULL};
    char err[BROADCAST_ERR_MAX];
    enum broadcast_rc rc;
    int64_t id;
    int queued = 0;

    if (path_id(a, &id) < 0 || api_body_only(a, none, 0) < 0)
        return;
    if ((rc = broadcast_start(a->db, a->cfg, id, &queued, err)) != BROADCAST_OK) {
        answer_refusal(a, rc, NULL, err);
        return;
    }
    api_audit(a, "broadcast", json_integer((json_int_t)id));
    api_audit(a, "state", json_string("running"));
    api_audit(a, "recipients", json_integer(queued));
    answer_shown(a, 200, id, 0, NULL);
}

static void
bc_cancel(struct api_ctx *a)
{
    static const char *const none[] = {NULL};
    char err[BROADCAST_ERR_MAX];
    enum broadcast_rc rc;
    int64_t id, stopped = 0;

    if (path_id(a, &id) < 0 || api_body_only(a, none, 0) < 0)
        return;
    if ((rc = broadcast_cancel(a->db, id, &stopped, err)) != BROADCAST_OK) {
        answer_refusal(a, rc, NULL, err);
        return;
    }
    api_audit(a, "broadcast", json_integer((json_int_t)id));
    api_audit(a, "state", json_string("cancelled"));
    api_audit(a, "stopped", json_integer((json_int_t)stopped));
    answer_shown(a, 200, id, 0, json_pack("{s:I}", "stopped", (json_int_t)stopped));
}

const struct api_route api_broadcast_routes[] = {
    {"POST", "/api/v1/broadcasts/preview", API_ROLE_STAFF, API_NO_AUDIT, bc_preview},
    {"GET", "/api/v1/broadcasts", API_ROLE_VIEWER, 0, bc_list},
    {"POST", "/api/v1/broadcasts", API_ROLE_STAFF, 0, bc_create},
    {"GET", "/api/v1/broadcasts/{}", API_ROLE_VIEWER, 0, bc_show},
    {"POST", "/api/v1/broadcasts/{}/start", API_ROLE_STAFF, 0, bc_start},
    {"POST", "/api/v1/broadcasts/{}/cancel", API_ROLE_STAFF, 0, bc_cancel},
    {0},
};
