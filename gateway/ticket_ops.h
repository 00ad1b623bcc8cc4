/*
 * What staff do to tickets, from aspirasictl and from the API alike:
 * change the status (telling the citizen by SMS in their language, in the
 * same transaction) and assign a komisi and a category.  The caller begins
 * and commits the transaction; nothing here does.
 */
#ifndef ASPIRASI_TICKET_OPS_H
#define ASPIRASI_TICKET_OPS_H

#include "config/cfg.h"
#include "db/db.h"

#define TICKET_ERR_MAX 256

enum ticket_result {
    TICKET_OK = 0,
    TICKET_INVALID,   /* a value is refused: err says which and why */
    TICKET_NOT_FOUND, /* no such ticket */
    TICKET_CONFLICT,  /* the ticket already has that status */
    TICKET_FAILED     /* the database failed (logged) */
};

/* Checks a ticket code (7 digits, right check digit); NULL when good, else
 * why not. */
const char *ticket_ops_code(const char *code);

/*
 * Sets the status of ticket code to status (a configured name) with note
 * (NULL or "": none) by actor.  With notify, queues the status_changed SMS
 * to the ticket's number in the language its citizen chose (not when the
 * ticket has no number: an Open311 request without a phone); *notified
 * (may be NULL) says whether an SMS was queued.
 */
enum ticket_result ticket_set_status(struct db *db, const struct cfg *c, const char *code,
                                     const char *status, const char *note, const char *actor,
                                     int notify, int *notified, char err[TICKET_ERR_MAX]);

/*
 * Assigns ticket code to komisi (1-4; 0 none; -1 unchanged) and category
 * (a code of parsers/category.h; "" none; NULL unchanged), recorded in its
 * history by actor.  At least one of them must change something.
 */
enum ticket_result ticket_assign(struct db *db, const char *code, int komisi, const char *category,
                                 const char *actor, char err[TICKET_ERR_MAX]);

#endif
