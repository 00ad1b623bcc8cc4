/*
 * Staff accounts over the API (admins only), the caller's own account, and
 * the audit log:
 *   GET    /api/v1/me                     who the token belongs to
 *   GET    /api/v1/staff                  every account
 *   POST   /api/v1/staff                  {"name","role"} -> 201 with the token, shown once
 *   PATCH  /api/v1/staff/{name}           {"role"}
 *   POST   /api/v1/staff/{name}/token     a new token; the old one stops working
 *   DELETE /api/v1/staff/{name}           revokes the account (its row stays for the log)
 *   GET    /api/v1/audit?actor=&limit=    the latest changes, newest first
 */
#include <string.h>

#include "gateway/api.h"
#include "gateway/staff_ops.h"

static const char *const role_api_names[] = {"public", "viewer", "staff", "admin"};

static void
me(struct api_ctx *a)
{
    api_ok(a, 200, json_pack("{s:s,s:s}", "name", a->actor + 4, "role", role_api_names[a->role]));
}

static void
staff_row(void *ctx, const struct db_staff *s)
{
    json_array_append_new(ctx, json_pack("{s:s,s:s,s:s,s:s?,s:b}", "name", s->name, "role", s->role,
                                         "created_at", s->created, "last_used_at",
                                         s->last_used[0] != '\0' ? s->last_used : NULL, "revoked",
                                         s->revoked));
}

static void
staff_list(struct api_ctx *a)
{
    json_t *items = json_array();

    if (db_staff_list(a->db, staff_row, items) < 0) {
        json_decref(items);
        api_db_error(a);
        return;
    }
    api_ok(a, 200, json_pack("{s:o}", "items", items));
}

static void
staff_add(struct api_ctx *a)
{
    static const char *const fields[] = {"name", "role", NULL};
    char tok[TOKEN_LEN + 1], err[STAFF_ERR_MAX];
    const char *name, *role;
    int idx, rc;

    if (api_body_only(a, fields, 1) < 0 || api_body_string(a, "name", 1, 1, 32, &name) < 0 ||
        api_body_enum(a, "role", 1, staff_roles, &idx) < 0)
        return;
    role = staff_roles[idx];
    rc = staff_create(a->db, name, role, a->actor, tok, err);
    if (rc < 0) {
        api_db_error(a);
        return;
    }
    if (rc == 0) {
        api_error(a, staff_name_ok(name) ? 409 : 400, staff_name_ok(name) ? "conflict" : "invalid",
                  "%s", err);
        return;
    }
    api_audit(a, "staff", json_string(name));
    api_audit(a, "role", json_string(role));
    api_ok(a, 201, json_pack("{s:s,s:s,s:s}", "name", name, "role", role, "token", tok));
}

static void
staff_role(struct api_ctx *a)
{
    static const char *const fields[] = {"role", NULL};
    int idx, rc;

    if (api_body_only(a, fields, 1) < 0 || api_body_enum(a, "role", 1, staff_roles, &idx) < 0)
        return;
    if ((rc = db_staff_set_role(a->db, a->params[0], staff_roles[idx])) < 0) {
        api_db_error(a);
        return;
    }
    if (rc == 0) {
        api_error(a, 404, "not_found", "there is no account with that name");
        return;
    }
    api_audit(a, "staff", json_string(a->params[0]));
    api_audit(a, "role", json_string(staff_roles[idx]));
    api_ok(a, 200, json_pack("{s:s,s:s}", "name", a->params[0], "role", staff_roles[idx]));
}

static void
staff_token(struct api_ctx *a)
{
    char tok[TOKEN_LEN + 1], err[STAFF_ERR_MAX];
    int rc = staff_reissue(a->db, a->params[0], tok, err);

    if (rc < 0) {
        api_db_error(a);
        return;
    }
    if (rc == 0) {
        api_error(a, 404, "not_found", "there is no account with that name");
        return;
    }
    api_audit(a, "staff", json_string(a->params[0]));
    api_audit(a, "token", json_string("reissued"));
    api_ok(a, 200, json_pack("{s:s,s:s}", "name", a->params[0], "token", tok));
}

static void
staff_revoke(struct api_ctx *a)
{
    int rc;

    if (a->staff_id != 0 && strcmp(a->actor + 4, a->params[0]) == 0) {
        api_error(a, 409, "conflict", "an admin cannot revoke their own account");
        return;
    }
    if ((rc = db_staff_revoke(a->db, a->params[0])) < 0) {
        api_db_error(a);
        return;
    }
    if (rc == 0) {
        api_error(a, 404, "not_found", "there is no active account with that name");
        return;
    }
    api_audit(a, "staff", json_string(a->params[0]));
    api_ok(a, 200, json_pack("{s:s,s:b}", "name", a->params[0], "revoked", 1));
}

static void
audit_row(void *ctx, const struct db_audit_row *r)
{
    json_t *detail = json_loads(r->detail, 0, NULL);

    json_array_append_new(ctx, json_pack("{s:I,s:s,s:s,s:s,s:s,s:i,s:o}", "id", (json_int_t)r->id,
                                         "at", r->at, "actor", r->actor, "method", r->method,
                                         "path", r->path, "status", r->status, "detail",
                                         detail != NULL ? detail : json_object()));
}

static void
audit_list(struct api_ctx *a)
{
    const char *actor = api_query(a, "actor");
    json_t *items;
    long long limit;

    if (api_query_int(a, "limit", 1, 1000, 50, &limit) < 0)
        return;
    items = json_array();
    if (db_audit_list(a->db, actor, (int)limit, audit_row, items) < 0) {
        json_decref(items);
        api_db_error(a);
        return;
    }
    api_ok(a, 200, json_pack("{s:o}", "items", items));
}

const struct api_route api_staff_routes[] = {
    {"GET", "/api/v1/me", API_ROLE_VIEWER, 0, me},
    {"GET", "/api/v1/staff", API_ROLE_ADMIN, 0, staff_list},
    {"POST", "/api/v1/staff", API_ROLE_ADMIN, 0, staff_add},
    {"PATCH", "/api/v1/staff/{}", API_ROLE_ADMIN, 0, staff_role},
    {"DELETE", "/api/v1/staff/{}", API_ROLE_ADMIN, 0, staff_revoke},
    {"POST", "/api/v1/staff/{}/token", API_ROLE_ADMIN, 0, staff_token},
    {"GET", "/api/v1/audit", API_ROLE_ADMIN, 0, audit_list},
    {0},
};
