/*
 * aspirasictl staff and audit: the accounts of the JSON API and the record
 * of changes.  A token is printed once, alone on stdout (so that a script
 * can take it), with a reminder on stderr; only its hash is stored.
 * Changes made here are written to audit_log too, with method "CLI" and
 * status 0.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gateway/ctl.h"
#include "gateway/staff_ops.h"

static int
staff_usage(void)
{
    fprintf(stderr,
            "usage: aspirasictl staff COMMAND\n"
            "  add NAME --role admin|staff|viewer   create an account; prints its token once\n"
            "  list                                 every account, its role and last use\n"
            "  role NAME admin|staff|viewer         change an account's role\n"
            "  token NAME                           a new token; the old one stops working\n"
            "  revoke NAME                          the account's token stops working\n"
            "roles: viewer reads tickets with masked numbers; staff also changes tickets,\n"
            "agenda, info and broadcasts; admin also manages accounts and sees full numbers.\n");
    return 2;
}

/* Records a change made here in audit_log, in the transaction of db. */
static int
audit(struct db *db, const char *actor, const char *what, const char *name, const char *role)
{
    json_t *d = json_pack("{s:s,s:s*}", "staff", name, "role", role);
    char *detail = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
    int rc = detail != NULL ? db_audit(db, actor, "CLI", what, 0, detail) : -1;

    free(detail);
    json_decref(d);
    return rc;
}

/* Runs one change in a transaction with its audit row: fn returns 1 done,
 * 0 refused (err says why) or -1.  Prints the token when tok is set. */
static int
staff_change(const struct cfg *c, const char *what, const char *name, const char *role,
             int (*fn)(struct db *db, const char *name, const char *role, const char *actor,
                       char *tok, char *err))
{
    struct db *db = ctl_db(c);
    char actor[80], tok[TOKEN_LEN + 1] = "", err[STAFF_ERR_MAX] = "";
    int rc;

    ctl_actor(actor, sizeof(actor));
    if (db_begin(db) < 0) {
        db_close(db);
        return 1;
    }
    rc = fn(db, name, role, actor, tok, err);
    if (rc == 1 && (audit(db, actor, what, name, role) < 0 || db_commit(db) < 0))
        rc = -1;
    if (rc != 1)
        db_rollback(db);
    db_close(db);
    if (rc == 0)
        fprintf(stderr, "aspirasictl: %s\n", err);
    if (rc < 0)
        fprintf(stderr, "aspirasictl: the database failed; nothing was changed\n");
    if (rc != 1)
        return 1;
    if (tok[0] != '\0') {
        printf("%s\n", tok);
        fprintf(stderr,
                "aspirasictl: the token of %s is shown once, above; give it to them in private "
                "(\"Authorization: Bearer TOKEN\")\n",
                name);
    } else if (role != NULL) {
        fprintf(stderr, "aspirasictl: %s is now %s\n", name, role);
    } else {
        fprintf(stderr, "aspirasictl: the token of %s no longer works\n", name);
    }
    return 0;
}

static int
do_add(struct db *db, const char *name, const char *role, const char *actor, char *tok, char *err)
{
    return staff_create(db, name, role, actor, tok, err);
}

static int
do_token(struct db *db, const char *name, const char *role, const char *actor, char *tok, char *err)
{
    return staff_reissue(db, name, tok, err);
}

static int
do_role(struct db *db, const char *name, const char *role, const char *actor, char *tok, char *err)
{
    int rc;

    if (!staff_role_ok(role)) {
        snprintf(err, STAFF_ERR_MAX, "the role must be one of: viewer, staff, admin");
        return 0;
    }
    if ((rc = db_staff_set_role(db, name, role)) == 0)
        snprintf(err, STAFF_ERR_MAX, "there is no account named \"%s\"", name);
    return rc;
}

static int
do_revoke(struct db *db, const char *name, const char *role, const char *actor, char *tok,
          char *err)
{
    int rc = db_staff_revoke(db, name);

    if (rc == 0)
        snprintf(err, STAFF_ERR_MAX, "there is no active account named \"%s\"", name);
    return rc;
}

static void
list_row(void *ctx, const struct db_staff *s)
{
    char used[20] = "never";

    /* ISO times shown to the minute: "2026-11-28T09:00:00+07:00" -> "2026-11-28 09:00". */
    if (s->last_used[0] != '\0')
        snprintf(used, sizeof(used), "%.10s %.5s", s->last_used, s->last_used + 11);
    printf("%-20s %-7s %.10s %.5s  %-16s %s\n", s->name, s->role, s->created, s->created + 11, used,
           s->revoked ? "revoked" : "active");
}

int
ctl_staff(const struct cfg *c, int argc, char **argv)
{
    const char *sub = argc >= 2 ? argv[1] : "help";

    if (strcmp(sub, "add") == 0 && argc == 5 && strcmp(argv[3], "--role") == 0)
        return staff_change(c, "staff add", argv[2], argv[4], do_add);
    if (strcmp(sub, "add") == 0 && argc == 4 && strncmp(argv[3], "--role=", 7) == 0)
        return staff_change(c, "staff add", argv[2], argv[3] + 7, do_add);
    if (strcmp(sub, "role") == 0 && argc == 4)
        return staff_change(c, "staff role", argv[2], argv[3], do_role);
    if (strcmp(sub, "token") == 0 && argc == 3)
        return staff_change(c, "staff token", argv[2], NULL, do_token);
    if (strcmp(sub, "revoke") == 0 && argc == 3)
        return staff_change(c, "staff revoke", argv[2], NULL, do_revoke);
    if (strcmp(sub, "list") == 0 && argc == 2) {
        struct db *db = ctl_db(c);
        int n = -1;

        printf("%-20s %-7s %-16s  %-16s %s\n", "NAME", "ROLE", "CREATED", "LAST USED", "STATE");
        if (db_begin(db) == 0 && db_local_timezone(db, c->timezone) == 0)
            n = db_staff_list(db, list_row, NULL);
        db_close(db);
        return n < 0 ? 1 : 0;
    }
    return staff_usage();
}

static void
audit_row(void *ctx, const struct db_audit_row *r)
{
    printf("%.10s %.8s  %-20s %-6s %-40s %3d  %s\n", r->at, r->at + 11, r->actor, r->method,
           r->path, r->status, r->detail);
}

int
ctl_audit(const struct cfg *c, int argc, char **argv)
{
    static const struct option opts[] = {{"actor", required_argument, NULL, 'a'},
                                         {"limit", required_argument, NULL, 'l'},
                                         {NULL, 0, NULL, 0}};
    const char *actor = NULL;
    long limit = 50;
    struct db *db;
    char *end;
    int ch, n;

    optind = 1;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 'a':
            actor = optarg;
            break;
        case 'l':
            limit = strtol(optarg, &end, 10);
            if (*end != '\0' || limit < 1 || limit > 10000) {
                fprintf(stderr, "aspirasictl: --limit must be from 1 to 10000\n");
                return 2;
            }
            break;
        default:
            fprintf(stderr, "usage: aspirasictl audit [--actor ACTOR] [--limit N]\n");
            return 2;
        }
    }
    if (optind != argc) {
        fprintf(stderr, "usage: aspirasictl audit [--actor ACTOR] [--limit N]\n");
        return 2;
    }
    db = ctl_db(c);
    n = -1;
    if (db_begin(db) == 0 && db_local_timezone(db, c->timezone) == 0)
        n = db_audit_list(db, actor, (int)limit, audit_row, NULL);
    db_close(db);
    return n < 0 ? 1 : 0;
}
