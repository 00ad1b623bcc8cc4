/*
 * The API workers (gateway/api.h): routing, bearer tokens, the JSON body,
 * the validators handlers share, one transaction per request with its
 * audit_log row, and the error bodies.
 *
 * A request runs like this, on one worker and its connection:
 *   route -> BEGIN -> TimeZone -> token -> body -> handler
 *         -> audit_log row (a change answered below 400) -> COMMIT
 * and anything answered 400 or above is rolled back, so a refused request
 * changes nothing.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "gateway/api.h"
#include "gateway/metrics.h"
#include "gateway/token.h"
#include "parsers/msisdn.h"
#include "parsers/query.h"

#define API_MESSAGE_MAX 512

struct api {
    const struct cfg *cfg;
    const struct lexicon *lx;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct api_request *head, *tail;
    int stopping;
    int nworkers;
    pthread_t *threads;
    struct db **conns;
};

static const struct api_route *const api_tables[] = {
    api_staff_routes,     api_ticket_routes,  api_stats_routes, api_agenda_routes,
    api_broadcast_routes, api_open311_routes, api_ops_routes,
};

static const char *const role_names[] = {"public", "viewer", "staff", "admin"};

/* ---- answers ------------------------------------------------------------ */

void
api_ok(struct api_ctx *a, int status, json_t *out)
{
    json_decref(a->out);
    a->out = out;
    a->status = status;
}

void
api_text(struct api_ctx *a, int status, const char *content_type, const char *text)
{
    free(a->text);
    a->text = xstrdup(text);
    a->content_type = content_type;
    a->status = status;
}

void
api_error(struct api_ctx *a, int status, const char *code, const char *fmt, ...)
{
    char msg[API_MESSAGE_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    json_decref(a->out);
    free(a->text);
    a->text = NULL;
    if (a->flags & API_OPEN311)
        a->out = json_pack("[{s:i,s:s}]", "code", status, "description", msg);
    else
        a->out = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", msg);
    a->status = status;
}

void
api_db_error(struct api_ctx *a)
{
    metrics_db_error(METRICS_DB_API);
    api_error(a, 503, "unavailable", "the database failed; try again");
}

/* ---- the request -------------------------------------------------------- */

/* Keeps a decoded string until the request ends. */
static const char *
ctx_keep(struct api_ctx *a, char *s)
{
    a->decoded = xrealloc(a->decoded, (a->ndecoded + 1) * sizeof(*a->decoded));
    a->decoded[a->ndecoded++] = s;
    return s;
}

struct query_find {
    const char *name;
    const char *value;
    size_t vlen;
    int found;
};

static int
query_find_cb(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen)
{
    struct query_find *f = ctx;

    if (!query_name_is(name, nlen, f->name))
        return 0;
    f->value = value;
    f->vlen = vlen;
    f->found = 1;
    return 1;
}

const char *
api_query(struct api_ctx *a, const char *name)
{
    struct query_find f = {.name = name};
    char *out;
    size_t n;

    query_each(a->query, a->query_len, query_find_cb, &f);
    if (!f.found && a->form != NULL)
        query_each(a->form, a->form_len, query_find_cb, &f);
    if (!f.found)
        return NULL;
    out = xmalloc(f.vlen + 1);
    n = query_decode(f.value, f.vlen, out);
    out[n] = '\0';
    return ctx_keep(a, out); /* a "%00" inside cuts it there */
}

/* Counts the characters of valid UTF-8 s; -1 when s has a control
 * character other than a newline or a tab. */
static long
utf8_chars(const char *s)
{
    long n = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
            return -1;
        if ((*p & 0xc0) != 0x80)
            n++;
    }
    return n;
}

/* The body's field name, or NULL when absent (JSON null counts as absent). */
static json_t *
body_field(struct api_ctx *a, const char *name)
{
    json_t *v = a->body != NULL ? json_object_get(a->body, name) : NULL;

    return v == NULL || json_is_null(v) ? NULL : v;
}

static int
body_absent(struct api_ctx *a, const char *name, int required)
{
    if (!required)
        return 0;
    api_error(a, 400, "invalid", "\"%s\" is required", name);
    return -1;
}

int
api_body_string(struct api_ctx *a, const char *name, int required, size_t min_chars,
                size_t max_chars, const char **out)
{
    json_t *v = body_field(a, name);
    const char *s;
    long n;

    if (v == NULL)
        return body_absent(a, name, required);
    if (!json_is_string(v)) {
        api_error(a, 400, "invalid", "\"%s\" must be a string", name);
        return -1;
    }
    s = json_string_value(v);
    if (strlen(s) != json_string_length(v) || (n = utf8_chars(s)) < 0) {
        api_error(a, 400, "invalid", "\"%s\" must not contain control characters", name);
        return -1;
    }
    if ((size_t)n < min_chars || (size_t)n > max_chars) {
        if (min_chars == max_chars)
            api_error(a, 400, "invalid", "\"%s\" must be %zu characters", name, min_chars);
        else
            api_error(a, 400, "invalid", "\"%s\" must be %zu to %zu characters (it has %ld)", name,
                      min_chars, max_chars, n);
        return -1;
    }
    *out = s;
    return 1;
}

int
api_body_int(struct api_ctx *a, const char *name, int required, long long min, long long max,
             long long *out)
{
    json_t *v = body_field(a, name);

    if (v == NULL)
        return body_absent(a, name, required);
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
        api_error(a, 400, "invalid", "\"%s\" must be an integer from %lld to %lld", name, min, max);
        return -1;
    }
    *out = json_integer_value(v);
    return 1;
}

int
api_body_bool(struct api_ctx *a, const char *name, int required, int *out)
{
    json_t *v = body_field(a, name);

    if (v == NULL)
        return body_absent(a, name, required);
    if (!json_is_boolean(v)) {
        api_error(a, 400, "invalid", "\"%s\" must be true or false", name);
        return -1;
    }
    *out = json_is_true(v);
    return 1;
}

/* Writes "a, b, c" of a NULL-terminated list into buf. */
static void
join_names(const char *const *values, char *buf, size_t size)
{
    size_t len = 0;

    buf[0] = '\0';
    for (size_t i = 0; values[i] != NULL && len < size; i++) {
        int n = snprintf(buf + len, size - len, "%s%s", i > 0 ? ", " : "", values[i]);

        if (n < 0)
            break;
        len += (size_t)n;
    }
}

int
api_body_enum(struct api_ctx *a, const char *name, int required, const char *const *values,
              int *out)
{
    json_t *v = body_field(a, name);
    char list[300];

    if (v == NULL)
        return body_absent(a, name, required);
    if (json_is_string(v))
        for (int i = 0; values[i] != NULL; i++)
            if (strcmp(json_string_value(v), values[i]) == 0) {
                *out = i;
                return 1;
            }
    join_names(values, list, sizeof(list));
    api_error(a, 400, "invalid", "\"%s\" must be one of: %s", name, list);
    return -1;
}

int
api_body_only(struct api_ctx *a, const char *const *allowed, int required)
{
    const char *key;
    json_t *v;
    char list[300];

    if (a->body == NULL) {
        if (!required)
            return 0;
        api_error(a, 400, "invalid", "a JSON object is required as the body");
        return -1;
    }
    json_object_foreach(a->body, key, v)
    {
        int known = 0;

        for (size_t i = 0; allowed[i] != NULL && !known; i++)
            known = strcmp(allowed[i], key) == 0;
        if (!known) {
            char shown[40];

            join_names(allowed, list, sizeof(list));
            snprintf(shown, sizeof(shown), "%s", key);
            if (utf8_chars(shown) < 0)
                snprintf(shown, sizeof(shown), "?");
            api_error(a, 400, "invalid", "unknown field \"%s\"; the fields are: %s", shown, list);
            return -1;
        }
    }
    return 0;
}

int
api_query_int(struct api_ctx *a, const char *name, long long min, long long max, long long def,
              long long *out)
{
    const char *s = api_query(a, name);
    char *end;
    long long v;

    if (s == NULL) {
        *out = def;
        return 0;
    }
    errno = 0;
    v = strtoll(s, &end, 10);
    if (s[0] == '\0' || *end != '\0' || errno != 0 || v < min || v > max || s[0] == ' ' ||
        s[0] == '+') {
        api_error(a, 400, "invalid", "\"%s\" must be an integer from %lld to %lld", name, min, max);
        return -1;
    }
    *out = v;
    return 1;
}

/* Reads n digits at s into *v.  Returns 1 when they are all digits. */
static int
digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

/* 1 when s is "YYYY-MM-DD", "YYYY-MM-DD[T ]HH:MM[:SS[.frac]]" with an
 * optional "Z" or "+HH[:MM]" / "-HH[:MM]", a real date and time. */
static int
time_form_ok(const char *s)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, mo, d, h, mi, sec, leap;
    size_t len = strlen(s);
    const char *p;

    if (len < 10 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
        !digits(s + 8, 2, &d))
        return 0;
    leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
        (mo == 2 && d == 29 && !leap))
        return 0;
    if (len == 10)
        return 1;
    p = s + 10;
    if ((*p != 'T' && *p != ' ') || !digits(p + 1, 2, &h) || p[3] != ':' ||
        !digits(p + 4, 2, &mi) || h > 23 || mi > 59)
        return 0;
    p += 6;
    if (*p == ':') {
        if (!digits(p + 1, 2, &sec) || sec > 59)
            return 0;
        p += 3;
        if (*p == '.') {
            p++;
            if (*p < '0' || *p > '9')
                return 0;
            while (*p >= '0' && *p <= '9')
                p++;
        }
    }
    if (*p == 'Z')
        return p[1] == '\0';
    if (*p == '+' || *p == '-') {
        if (!digits(p + 1, 2, &h) || h > 14)
            return 0;
        p += 3;
        if (*p == ':')
            p++;
        if (*p == '\0')
            return 1;
        return digits(p, 2, &mi) && mi <= 59 && p[2] == '\0';
    }
    return *p == '\0';
}

int
api_query_time(struct api_ctx *a, const char *name, char out[40])
{
    const char *s = api_query(a, name);

    if (s == NULL)
        return 0;
    if (strlen(s) >= 40 || !time_form_ok(s)) {
        api_error(a, 400, "invalid",
                  "\"%s\" must be a date (YYYY-MM-DD) or a date and time "
                  "(YYYY-MM-DDTHH:MM[:SS], with Z or +HH:MM if not local)",
                  name);
        return -1;
    }
    memcpy(out, s, strlen(s) + 1);
    return 1;
}

json_t *
api_msisdn(const struct api_ctx *a, const char *msisdn)
{
    char masked[MSISDN_MAX + 8];

    if (msisdn == NULL)
        return json_null();
    if (a->role >= API_ROLE_ADMIN)
        return json_string(msisdn);
    return json_string(msisdn_mask(msisdn, masked, sizeof(masked)));
}

void
api_audit(struct api_ctx *a, const char *key, json_t *value)
{
    if (a->audit_detail == NULL)
        a->audit_detail = json_object();
    json_object_set_new(a->audit_detail, key, value);
}

/* ---- routing ------------------------------------------------------------ */

int
api_path(const char *path, size_t len)
{
    static const char *const exact[] = {"/metrics", "/healthz"};
    static const char *const prefixes[] = {"/api/", "/open311/"};

    for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
        if (len == strlen(exact[i]) && memcmp(path, exact[i], len) == 0)
            return 1;
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
        if (len >= strlen(prefixes[i]) && memcmp(path, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    return 0;
}

/* Matches path (len bytes) against pattern, capturing its "{}" segments
 * (decoded) into a->params.  Returns 1 on a match. */
static int
route_match(struct api_ctx *a, const char *pattern, const char *path, size_t len)
{
    const char *p = pattern, *s = path, *end = path + len;
    int np = 0;

    while (*p != '\0' && s < end) {
        if (*p != '/' || *s != '/')
            return 0;
        p++, s++;
        const char *pe = strchr(p, '/'), *se = memchr(s, '/', (size_t)(end - s));
        size_t pl = pe != NULL ? (size_t)(pe - p) : strlen(p);
        size_t sl = se != NULL ? (size_t)(se - s) : (size_t)(end - s);

        if (pl >= 2 && p[0] == '{' && p[1] == '}') {
            const char *suffix = p + 2;
            size_t xl = pl - 2, cl;
            char *v;

            if (sl <= xl || memcmp(s + sl - xl, suffix, xl) != 0 || np >= API_PARAMS_MAX)
                return 0;
            cl = sl - xl;
            v = xmalloc(cl + 1);
            cl = query_decode(s, cl, v);
            v[cl] = '\0';
            if (strlen(v) != cl || cl == 0) {
                free(v);
                return 0;
            }
            a->params[np++] = ctx_keep(a, v);
        } else if (pl != sl || memcmp(p, s, pl) != 0) {
            return 0;
        }
        p += pl;
        s += sl;
    }
    return *p == '\0' && s == end;
}

/* Finds the route of method and path.  When there is none but some route
 * has the path with another method, allow gets those methods ("GET, POST"),
 * else "". */
static const struct api_route *
route_find(struct api_ctx *a, const char *method, const char *path, size_t len, char *allow,
           size_t allowsz)
{
    allow[0] = '\0';
    for (size_t t = 0; t < sizeof(api_tables) / sizeof(api_tables[0]); t++)
        for (const struct api_route *r = api_tables[t]; r->method != NULL; r++) {
            memset(a->params, 0, sizeof(a->params));
            if (!route_match(a, r->pattern, path, len))
                continue;
            if (strcmp(r->method, method) == 0)
                return r;
            if (strstr(allow, r->method) == NULL) {
                size_t l = strlen(allow);

                snprintf(allow + l, allowsz - l, "%s%s", l > 0 ? ", " : "", r->method);
            }
        }
    return NULL;
}

/* ---- authentication ----------------------------------------------------- */

/* Finds the token of the request: "Authorization: Bearer T", or for
 * Open311 routes the api_key parameter.  Returns NULL when there is none. */
static const char *
request_token(struct api_ctx *a, const struct api_request *req, size_t *len)
{
    const char *h = req->authorization, *k;

    if (h != NULL && strncasecmp(h, "Bearer ", 7) == 0) {
        h += 7;
        while (*h == ' ')
            h++;
        *len = strcspn(h, " \t");
        return h;
    }
    if ((a->flags & API_OPEN311) && (k = api_query(a, "api_key")) != NULL) {
        *len = strlen(k);
        return k;
    }
    return NULL;
}

/* Checks the caller against the route's role.  Returns 0, or -1 after
 * answering 401/403 (Open311: 403 for any bad key, as the specification
 * says) or 503. */
static int
authenticate(struct api_ctx *a, const struct api_route *r, const struct api_request *req)
{
    int open311 = (a->flags & API_OPEN311) != 0;
    char prefix[TOKEN_PREFIX_LEN + 1];
    unsigned char hash[32];
    struct db_staff st;
    const char *tok;
    size_t len = 0;
    int rc;

    snprintf(a->actor, sizeof(a->actor), "api:public");
    if (r->role == API_ROLE_PUBLIC)
        return 0;
    tok = request_token(a, req, &len);
    if (tok == NULL) {
        if (open311)
            api_error(a, 403, "unauthorized", "api_key is required");
        else
            api_error(a, 401, "unauthorized", "a token is required: Authorization: Bearer TOKEN");
        return -1;
    }
    if (token_prefix(tok, len, prefix) < 0 || token_hash(tok, len, hash) < 0 ||
        (rc = db_staff_by_prefix(a->db, prefix, &st)) == 0 ||
        (rc > 0 && !token_hash_equal(hash, st.hash))) {
        api_error(a, open311 ? 403 : 401, "unauthorized", "invalid token");
        return -1;
    }
    if (rc < 0) {
        api_db_error(a);
        return -1;
    }
    if (st.revoked) {
        api_error(a, open311 ? 403 : 401, "unauthorized", "this token was revoked");
        return -1;
    }
    a->staff_id = st.id;
    for (int i = API_ROLE_VIEWER; i <= API_ROLE_ADMIN; i++)
        if (strcmp(st.role, role_names[i]) == 0)
            a->role = (enum api_role)i;
    snprintf(a->actor, sizeof(a->actor), "api:%s", st.name);
    if (a->role < r->role) {
        api_error(a, 403, "forbidden", "the %s role cannot do this; it needs %s",
                  role_names[a->role], role_names[r->role]);
        return -1;
    }
    if (db_staff_touch(a->db, st.id) < 0) {
        api_db_error(a);
        return -1;
    }
    return 0;
}

/* ---- one request -------------------------------------------------------- */

/* Reads the body: JSON for the staff API, a form for Open311.  Returns 0,
 * or -1 after answering 400/415. */
static int
read_body(struct api_ctx *a, const struct api_request *req)
{
    const char *ct = req->content_type;
    json_error_t err;

    if (req->body_len == 0)
        return 0;
    if (ct != NULL && strncasecmp(ct, "application/json", 16) == 0 &&
        (ct[16] == '\0' || ct[16] == ';' || ct[16] == ' ')) {
        /* NUL inside a string is let through here, so that the field's
         * validator names it (api_body_string() refuses it). */
        a->body =
            json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
        if (a->body == NULL) {
            api_error(a, 400, "invalid", "the body is not valid JSON: %s at character %d", err.text,
                      err.position);
            return -1;
        }
        if (!json_is_object(a->body)) {
            api_error(a, 400, "invalid", "the body must be a JSON object");
            return -1;
        }
        return 0;
    }
    if ((a->flags & API_OPEN311) && ct != NULL &&
        strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
        a->form = req->body;
        a->form_len = req->body_len;
        return 0;
    }
    api_error(a, 415, "unsupported",
              (a->flags & API_OPEN311) ? "send the body as application/x-www-form-urlencoded"
                                       : "send the body as application/json");
    return -1;
}

/* Sets the zone of the transaction, so that handlers' SQL shows and reads
 * local times. */
static int
local_zone(struct api_ctx *a)
{
    return db_local_timezone(a->db, a->cfg->timezone);
}

static void
ctx_free(struct api_ctx *a)
{
    json_decref(a->body);
    json_decref(a->out);
    json_decref(a->audit_detail);
    free(a->text);
    for (size_t i = 0; i < a->ndecoded; i++)
        free(a->decoded[i]);
    free(a->decoded);
}

/* Writes the answer of a into req. */
static void
render(struct api_ctx *a, struct api_request *req)
{
    char *s;

    req->status = a->status;
    if (a->text != NULL) {
        req->response = a->text;
        req->response_len = strlen(a->text);
        req->response_type =
            a->content_type != NULL ? a->content_type : "text/plain; charset=utf-8";
        a->text = NULL;
        return;
    }
    s = a->out != NULL ? json_dumps(a->out, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
    if (s == NULL)
        s = xstrdup("{}");
    req->response_len = strlen(s) + 1;
    req->response = xrealloc(s, req->response_len + 1);
    req->response[req->response_len - 1] = '\n';
    req->response[req->response_len] = '\0';
    req->response_type = "application/json";
}

static void
api_run(struct api *api, struct db *db, struct api_request *req)
{
    struct api_ctx a;
    const struct api_route *r;
    const char *q = memchr(req->uri, '?', req->uri_len);
    size_t plen = q != NULL ? (size_t)(q - req->uri) : req->uri_len;
    char path[1024], allow[64];
    int began = 0;

    memset(&a, 0, sizeof(a));
    a.db = db;
    a.cfg = api->cfg;
    a.lx = api->lx;
    a.method = req->method;
    a.query = q != NULL ? q + 1 : "";
    a.query_len = q != NULL ? req->uri_len - plen - 1 : 0;
    if (plen >= 9 && memcmp(req->uri, "/open311/", 9) == 0)
        a.flags |= API_OPEN311;
    snprintf(path, sizeof(path), "%.*s", (int)(plen < sizeof(path) ? plen : sizeof(path) - 1),
             req->uri);
    a.path = path;
    r = route_find(&a, req->method, req->uri, plen, allow, sizeof(allow));
    if (r == NULL) {
        if (allow[0] != '\0') {
            api_error(&a, 405, "method_not_allowed", "%s is not allowed here; allowed: %s",
                      req->method, allow);
            snprintf(req->allow, sizeof(req->allow), "%s", allow);
        } else {
            api_error(&a, 404, "not_found", "no such resource");
        }
        goto out;
    }
    a.flags = r->flags;
    if (r->flags & API_NO_TX) {
        /* Public and read-only: the operator's view, wanted most when the
         * database is away. */
        snprintf(a.actor, sizeof(a.actor), "api:public");
        r->fn(&a);
        goto out;
    }
    if (db_ensure(db) < 0 || db_begin(db) < 0) {
        api_db_error(&a);
        goto out;
    }
    began = 1;
    if (local_zone(&a) < 0) {
        api_db_error(&a);
        goto out;
    }
    /* The token comes first, so that a caller without one learns nothing
     * about the body; Open311's api_key may be in its form body, read
     * first. */
    if ((a.flags & API_OPEN311) && read_body(&a, req) < 0)
        goto out;
    if (authenticate(&a, r, req) < 0 || (!(a.flags & API_OPEN311) && read_body(&a, req) < 0))
        goto out;
    r->fn(&a);
    if (a.status == 0) {
        log_warnx("event=api_no_answer method=%s path=%s", req->method, r->pattern);
        api_error(&a, 500, "internal", "the request was not answered");
    }
    if (a.status < 400 && strcmp(req->method, "GET") != 0 && !(r->flags & API_NO_AUDIT)) {
        char *detail = json_dumps(a.audit_detail != NULL ? a.audit_detail : json_object(),
                                  JSON_COMPACT | JSON_SORT_KEYS);

        if (detail == NULL || db_audit(db, a.actor, req->method, path, a.status, detail) < 0)
            api_db_error(&a);
        free(detail);
    }
out:
    if (began) {
        if (a.status < 400) {
            if (db_commit(db) < 0)
                api_db_error(&a);
        } else {
            db_rollback(db);
        }
    }
    log_info("event=api method=%s path=%s actor=%s status=%d", req->method,
             r != NULL ? r->pattern : "-", a.actor[0] != '\0' ? a.actor : "-", a.status);
    render(&a, req);
    ctx_free(&a);
}

/* ---- the workers -------------------------------------------------------- */

struct worker_arg {
    struct api *api;
    int index;
};

static void *
api_worker(void *arg)
{
    struct worker_arg *wa = arg;
    struct api *api = wa->api;
    struct db *db = api->conns[wa->index];

    free(wa);
    for (;;) {
        struct api_request *req;

        pthread_mutex_lock(&api->lock);
        while (api->head == NULL && !api->stopping)
            pthread_cond_wait(&api->wake, &api->lock);
        req = api->head;
        if (req == NULL) {
            pthread_mutex_unlock(&api->lock);
            break;
        }
        api->head = req->next;
        if (api->head == NULL)
            api->tail = NULL;
        pthread_mutex_unlock(&api->lock);
        api_run(api, db, req);
        req->done(req, req->done_ctx);
    }
    return NULL;
}

static void
api_free(struct api *api)
{
    for (int i = 0; i < api->nworkers; i++)
        db_close(api->conns[i]);
    free(api->conns);
    free(api->threads);
    pthread_mutex_destroy(&api->lock);
    pthread_cond_destroy(&api->wake);
    free(api);
}

struct api *
api_start(const struct cfg *c, const struct lexicon *lx)
{
    struct api *api = xcalloc(1, sizeof(*api));

    api->cfg = c;
    api->lx = lx;
    api->nworkers = c->api_threads;
    pthread_mutex_init(&api->lock, NULL);
    pthread_cond_init(&api->wake, NULL);
    api->conns = xcalloc((size_t)api->nworkers, sizeof(*api->conns));
    api->threads = xcalloc((size_t)api->nworkers, sizeof(*api->threads));
    for (int i = 0; i < api->nworkers; i++)
        if ((api->conns[i] = db_connect(c->database)) == NULL) {
            api_free(api);
            return NULL;
        }
    for (int i = 0; i < api->nworkers; i++) {
        struct worker_arg *wa = xmalloc(sizeof(*wa));

        wa->api = api;
        wa->index = i;
        if (pthread_create(&api->threads[i], NULL, api_worker, wa) != 0)
            fatal("event=thread_create_failed what=api");
    }
    return api;
}

void
api_submit(struct api *api, struct api_request *req)
{
    req->next = NULL;
    pthread_mutex_lock(&api->lock);
    if (api->tail != NULL)
        api->tail->next = req;
    else
        api->head = req;
    api->tail = req;
    pthread_cond_signal(&api->wake);
    pthread_mutex_unlock(&api->lock);
}

void
api_stop(struct api *api)
{
    if (api == NULL)
        return;
    pthread_mutex_lock(&api->lock);
    api->stopping = 1;
    pthread_cond_broadcast(&api->wake);
    pthread_mutex_unlock(&api->lock);
    for (int i = 0; i < api->nworkers; i++)
        pthread_join(api->threads[i], NULL);
    api_free(api);
}

void
api_request_clear(struct api_request *req)
{
    free(req->response);
    req->response = NULL;
    req->response_len = 0;
}
