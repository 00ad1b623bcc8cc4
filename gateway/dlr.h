/*
 * /kannel/dlr: a delivery report for an outbox row, as Kannel calls the
 * dlr-url the sender gave it ("...?id=42&type=%d&smsc_reply=%A&secret=...").
 * This file reads the parameters and decides which 4xx a bad report gets;
 * the row is updated by an intake worker.
 */
#ifndef ASPIRASI_DLR_H
#define ASPIRASI_DLR_H

#include <stddef.h>
#include <stdint.h>

#include "config/cfg.h"

#define DLR_REPLY_MAX 160 /* bytes of the SMSC's answer kept */

struct gw_dlr {
    int64_t id;
    int type;                      /* 1, 2, 4, 8 or 16 */
    char reply[DLR_REPLY_MAX + 1]; /* %A, printable ASCII, may be "" */
};

/*
 * Reads a report from a query string (the part after '?') and a form body
 * (may be NULL).  Returns 0, or an HTTP status (400, 403) with a short
 * reason in *reason (a static string).  The secret is checked first.
 */
int gw_dlr_parse(struct gw_dlr *d, const struct cfg *c, const char *query, size_t qlen,
                 const char *body, size_t blen, const char **reason);

#endif
