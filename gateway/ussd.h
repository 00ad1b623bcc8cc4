/*
 * USSD over HTTP.  Two ways a USSD step reaches aspirasid:
 *
 *   - POST /ussd as USSD aggregators send it (Africa's Talking and its
 *     imitators): sessionId, serviceCode, phoneNumber and text, the inputs
 *     so far joined by '*'; answered "CON <screen>" or "END <screen>";
 *   - /kannel/mo from Kannel's SMPP connection, with the TLVs
 *     ussd_service_op and its_session_info in meta; answered with the
 *     screen and X-Kannel-Meta-Data (op 2 to continue, 17 to end, the same
 *     session info) and X-Kannel-SMSC.
 *
 * This file reads the parameters into an intake job; the step itself runs
 * in an intake worker (intake.c).
 */
#ifndef ASPIRASI_USSD_H
#define ASPIRASI_USSD_H

#include <stddef.h>

#include "config/cfg.h"
#include "gateway/intake.h"
#include "gateway/mo.h"
#include "parsers/msisdn.h"

#define USSD_SESSION_MAX 100  /* bytes of a transport's session id */
#define USSD_TEXT_MAX    2048 /* bytes of an aggregator's whole path */

/* Room for the session id of a USSD step from Kannel's SMPP,
 * "smpp:<smsc>:<msisdn>:<its_session_info in hex>", and its NUL. */
#define USSD_SMPP_SESSION_MAX (5 + MO_SMSC_MAX + 1 + (MSISDN_MAX - 1) + 1 + 16 + 1)

/* One POST /ussd.  Every pointer is owned and freed by gw_ussd_clear(). */
struct gw_ussd {
    char *session_id, *service_code, *phone, *text, *secret;
    char msisdn[MSISDN_MAX];
    char session[USSD_SESSION_MAX + 8];    /* "http:<sessionId>" */
    char kannel_id[USSD_SESSION_MAX + 24]; /* "ussd:http:<sessionId>:<steps>" */
    const char *input;                     /* the last input, inside text */
    char reason[GW_REASON_MAX];            /* the reason of a 400 naming a parameter */
    struct intake_job job;
};

/*
 * Reads an aggregator's request from a query string and a form body (may
 * be NULL).  Returns 0 with u->job ready for intake_submit(), or an HTTP
 * status (400, 403) with a short reason (a static string or one kept in u).
 * The secret is checked first.  What reaches the database is checked here:
 * sessionId is 1 to USSD_SESSION_MAX printable ASCII characters, text at
 * most USSD_TEXT_MAX bytes of UTF-8, serviceCode UTF-8, and no parameter
 * holds a NUL byte.
 */
int gw_ussd_parse(struct gw_ussd *u, const struct cfg *c, const char *query, size_t qlen,
                  const char *body, size_t blen, const char **reason);

void gw_ussd_clear(struct gw_ussd *u);

/* What Kannel's meta-data says of a USSD MO. */
struct gw_ussd_meta {
    int op;               /* ussd_service_op: 1 the phone opened the session, 18 a reply */
    char session[17];     /* its_session_info as hex, "" when absent */
    unsigned char raw[8]; /* its_session_info's octets, to send back */
    size_t nraw;
};

/*
 * Looks for the USSD TLVs in an MO's meta ("?smpp?ussd_service_op=%01&
 * its_session_info=%0A%01&" once decoded).  Returns 1 and fills *m when
 * the MO is a USSD step, 0 when it is an SMS.
 */
int gw_ussd_meta(const char *meta, struct gw_ussd_meta *m);

/* Turns an MO that gw_ussd_meta() recognised into a USSD job (mo->job),
 * writing its session id into session (sessionsz bytes, at least
 * USSD_SMPP_SESSION_MAX, which gw_mo_parse()'s limit on smsc makes enough). */
void gw_ussd_from_mo(struct gw_mo *mo, const struct gw_ussd_meta *m, char *session,
                     size_t sessionsz);

/* The X-Kannel-Meta-Data of the answer: op 2 (continue) or 17 (end) and the
 * session info as Kannel expects it.  Writes into out (outsz bytes). */
void gw_ussd_reply_meta(const struct gw_ussd_meta *m, int end, char *out, size_t outsz);

#endif
