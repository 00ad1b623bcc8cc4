/*
 * Staff accounts (gateway/staff_ops.h).
 */
#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "gateway/staff_ops.h"

const char *const staff_roles[] = {"viewer", "staff", "admin", NULL};

int
staff_name_ok(const char *name)
{
    size_t n = strlen(name);

    if (n == 0 || n > 32 ||
        !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= '0' && name[0] <= '9')))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
              name[i] == '.' || name[i] == '_' || name[i] == '-'))
            return 0;
    return 1;
}

int
staff_role_ok(const char *role)
{
    for (size_t i = 0; staff_roles[i] != NULL; i++)
        if (strcmp(role, staff_roles[i]) == 0)
            return 1;
    return 0;
}

/* Draws a token and its lookup prefix and hash. */
static int
token_draw(char tok[TOKEN_LEN + 1], char prefix[TOKEN_PREFIX_LEN + 1], unsigned char hash[32],
           char err[STAFF_ERR_MAX])
{
    if (token_new(tok) < 0 || token_prefix(tok, TOKEN_LEN, prefix) < 0 ||
        token_hash(tok, TOKEN_LEN, hash) < 0) {
        snprintf(err, STAFF_ERR_MAX, "cannot draw a random token");
        log_warnx("event=token_failed");
        return -1;
    }
    return 0;
}

int
staff_create(struct db *db, const char *name, const char *role, const char *actor,
             char tok[TOKEN_LEN + 1], char err[STAFF_ERR_MAX])
{
    char prefix[TOKEN_PREFIX_LEN + 1];
    unsigned char hash[32];
    int rc;

    if (!staff_name_ok(name)) {
        snprintf(err, STAFF_ERR_MAX,
                 "an account name is 1 to 32 of a-z, 0-9, \".\", \"_\", \"-\", "
                 "starting with a letter or a digit");
        return 0;
    }
    if (!staff_role_ok(role)) {
        snprintf(err, STAFF_ERR_MAX, "the role must be one of: viewer, staff, admin");
        return 0;
    }
    if (token_draw(tok, prefix, hash, err) < 0)
        return -1;
    rc = db_staff_add(db, name, role, prefix, hash, actor);
    if (rc == 0)
        snprintf(err, STAFF_ERR_MAX, "there is already an account named \"%s\"", name);
    return rc;
}

int
staff_reissue(struct db *db, const char *name, char tok[TOKEN_LEN + 1], char err[STAFF_ERR_MAX])
{
    char prefix[TOKEN_PREFIX_LEN + 1];
    unsigned char hash[32];
    int rc;

    if (token_draw(tok, prefix, hash, err) < 0)
        return -1;
    rc = db_staff_set_token(db, name, prefix, hash);
    if (rc == 0)
        snprintf(err, STAFF_ERR_MAX, "there is no account named \"%s\"", name);
    return rc;
}
