/*
 * Staff accounts, as both aspirasictl and the API (admins) manage them:
 * the checks of names and roles, and issuing tokens.  No transaction is
 * begun or committed here.
 */
#ifndef ASPIRASI_STAFF_OPS_H
#define ASPIRASI_STAFF_OPS_H

#include "db/db.h"
#include "gateway/token.h"

#define STAFF_ERR_MAX 256

/* The roles, weakest first, NULL-terminated: "viewer", "staff", "admin". */
extern const char *const staff_roles[];

/* 1 when name is an account name: 1-32 of a-z, 0-9, ".", "_", "-",
 * starting with a letter or a digit. */
int staff_name_ok(const char *name);

/* 1 when role is one of staff_roles. */
int staff_role_ok(const char *role);

/*
 * Creates account name with role, issuing its token into tok.  Returns 1,
 * 0 when the name or role is refused or the name is taken (err says which),
 * or -1 on a database error.
 */
int staff_create(struct db *db, const char *name, const char *role, const char *actor,
                 char tok[TOKEN_LEN + 1], char err[STAFF_ERR_MAX]);

/* Issues a new token for account name (the old one stops working; a
 * revoked account is active again).  Returns 1, 0 when there is no such
 * account (err says so), or -1. */
int staff_reissue(struct db *db, const char *name, char tok[TOKEN_LEN + 1],
                  char err[STAFF_ERR_MAX]);

#endif
