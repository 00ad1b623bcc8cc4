/*
 * Staff actions on tickets (gateway/ticket_ops.h).
 */
#include <stdio.h>
#include <string.h>

#include "gateway/ticket_ops.h"
#include "parsers/agendareply.h"
#include "parsers/category.h"
#include "parsers/gsm7.h"
#include "parsers/intent.h"
#include "parsers/reply.h"
#include "parsers/ticket.h"

#define NOTICE_MAX 640 /* bytes: 160 characters of up to 4 bytes */

const char *
ticket_ops_code(const char *code)
{
    return ticket_code_check(code, strlen(code), NULL);
}

/* Queues the status_changed SMS of ticket code for its citizen, unless the
 * ticket has no number.  Returns 1 queued, 0 not (no number), -1. */
static int
notify_citizen(struct db *db, const struct cfg *c, const char *code, const struct cfg_status *st)
{
    struct reply_vars v = {.ticket = code, .status = st->label};
    struct db_outbox_new m = {.kind = DB_OUTBOX_NOTIFICATION};
    char msisdn[24], chosen[4], text[NOTICE_MAX];
    enum lang l = LANG_ID;
    int rc;

    if ((rc = db_ticket_owner(db, code, &m.ticket_id, msisdn)) != 1)
        return rc < 0 ? -1 : 0;
    if (msisdn[0] == '\0')
        return 0;
    /* The language the citizen chose, else Indonesian. */
    if ((rc = db_citizen_language(db, msisdn, chosen)) < 0)
        return -1;
    if (rc == 0 || lang_from_code(chosen, &l) < 0 || l == LANG_NONE)
        l = LANG_ID;
    /* Templates are checked with the longest status label when loaded. */
    if (reply_render(c->replies[l][REPLY_STATUS_CHANGED], &v, text, sizeof(text)) < 0)
        return -1;
    m.msisdn = msisdn;
    m.body = text;
    m.coding = gsm7_septets(text, strlen(text)) < 0 ? 2 : 0;
    return db_outbox_put(db, &m, NULL) < 0 ? -1 : 1;
}

enum ticket_result
ticket_set_status(struct db *db, const struct cfg *c, const char *code, const char *status,
                  const char *note, const char *actor, int notify, int *notified,
                  char err[TICKET_ERR_MAX])
{
    const struct cfg_status *st = cfg_status_find(c, status);
    char now[32];
    int rc;

    if (notified != NULL)
        *notified = 0;
    if (ticket_ops_code(code) != NULL)
        return TICKET_NOT_FOUND;
    if (st == NULL) {
        size_t len = (size_t)snprintf(err, TICKET_ERR_MAX,
                                      "unknown status \"%.31s\"; the statuses are:", status);

        for (size_t i = 0; i < c->nstatuses && len < TICKET_ERR_MAX; i++)
            len += (size_t)snprintf(err + len, TICKET_ERR_MAX - len, "%s %s", i > 0 ? "," : "",
                                    c->statuses[i].name);
        return TICKET_INVALID;
    }
    if ((rc = db_ticket_status(db, code, now)) <= 0)
        return rc < 0 ? TICKET_FAILED : TICKET_NOT_FOUND;
    if (strcmp(now, status) == 0) {
        snprintf(err, TICKET_ERR_MAX, "ticket %s is already %s", code, status);
        return TICKET_CONFLICT;
    }
    if ((rc = db_ticket_set_status(db, code, status, note, actor)) <= 0)
        return rc < 0 ? TICKET_FAILED : TICKET_NOT_FOUND;
    if (!notify)
        return TICKET_OK;
    if ((rc = notify_citizen(db, c, code, st)) < 0)
        return TICKET_FAILED;
    if (notified != NULL)
        *notified = rc;
    return TICKET_OK;
}

enum ticket_result
ticket_assign(struct db *db, const char *code, int komisi, const char *category, const char *actor,
              char err[TICKET_ERR_MAX])
{
    char note[96] = "";
    int rc;

    if (ticket_ops_code(code) != NULL)
        return TICKET_NOT_FOUND;
    if (komisi < -1 || komisi > 4) {
        snprintf(err, TICKET_ERR_MAX, "komisi must be I to IV (1 to 4), or none");
        return TICKET_INVALID;
    }
    if (category != NULL && category[0] != '\0' && category_find(category) == NULL) {
        size_t len = (size_t)snprintf(err, TICKET_ERR_MAX,
                                      "unknown category \"%.20s\"; the categories are:", category);

        for (size_t i = 0; i < ncategories && len < TICKET_ERR_MAX; i++)
            len += (size_t)snprintf(err + len, TICKET_ERR_MAX - len, "%s %s", i > 0 ? "," : "",
                                    categories[i].code);
        return TICKET_INVALID;
    }
    if (komisi < 0 && category == NULL) {
        snprintf(err, TICKET_ERR_MAX, "nothing to assign: give a komisi, a category or both");
        return TICKET_INVALID;
    }
    /* The history says what was assigned, in the words staff read. */
    if (komisi > 0)
        snprintf(note, sizeof(note), "Komisi %s", komisi_roman(komisi));
    else if (komisi == 0)
        snprintf(note, sizeof(note), "tanpa komisi");
    if (category != NULL) {
        size_t len = strlen(note);

        snprintf(note + len, sizeof(note) - len, "%skategori %s", len > 0 ? ", " : "",
                 category[0] != '\0' ? category : "tidak ada");
    }
    if ((rc = db_ticket_assign(db, code, komisi, category, note, actor)) <= 0)
        return rc < 0 ? TICKET_FAILED : TICKET_NOT_FOUND;
    return TICKET_OK;
}
