/*
 * /kannel/mo: one MO as Kannel's sms-service get-url hands it over, from
 * parameters to an intake job.  The HTTP plumbing is in http.c; this file
 * decides what the parameters mean and which 4xx a bad request gets.
 */
#ifndef ASPIRASI_MO_H
#define ASPIRASI_MO_H

#include <stddef.h>
#include <sys/socket.h>

#include "config/cfg.h"
#include "gateway/intake.h"
#include "parsers/intent.h"
#include "parsers/msisdn.h"

/*
 * What the columns of messages take, checked here so that a value the
 * database would refuse on every retry gets a 400 instead of a 503.  The
 * text parameters (id, to, smsc, charset, meta) must be UTF-8 without NUL
 * bytes; to, charset and meta go to unbounded text columns and are bounded
 * by http.max_request_bytes alone.
 */
#define MO_ID_MAX   128 /* bytes of a Kannel message id (a unique index) */
#define MO_SMSC_MAX 64  /* bytes of an smsc-id, which a USSD session's id holds */
/* The last second of year 9999 (9999-12-31T23:59:59Z): a sent_at that any
 * timestamptz holds and any client prints; 0 or an absent ts is unknown. */
#define MO_TS_MAX 253402300799

#define GW_REASON_MAX 64 /* bytes of a 400's reason built for one parameter */

/* One MO request.  Every pointer is owned by it and freed by gw_mo_clear(). */
struct gw_mo {
    char *id, *from, *to, *smsc, *ts, *coding, *charset, *meta, *secret;
    char *raw; /* text as received, any bytes */
    size_t raw_len;
    int have_text;
    char *text; /* text in UTF-8, NUL-free, NUL-terminated */
    size_t text_len;
    char *body; /* a complaint's text, NUL-terminated */
    char msisdn[MSISDN_MAX];
    char reason[GW_REASON_MAX]; /* the reason of a 400 naming a parameter */
    struct intake_job job;
};

/*
 * Reads the parameters of an MO from a query string (the part after '?',
 * may be empty) and a form body (may be NULL), the body's values winning.
 * Returns 0, or an HTTP status (400, 403) with a short reason for the client
 * in *reason (a static string or one kept in mo).  The secret is checked
 * first, so a caller without it learns nothing about the parameters.  A
 * value the database would refuse is a 400 naming its parameter: a NUL byte
 * in any parameter but text, a text parameter that is not UTF-8 or longer
 * than its limit above, a ts beyond MO_TS_MAX.  The SMS text itself may hold
 * any bytes: mo->text is made UTF-8 from it.
 */
int gw_mo_parse(struct gw_mo *mo, const struct cfg *c, const char *query, size_t qlen,
                const char *body, size_t blen, const char **reason);

/* Points mo->job.mo at what mo holds (id, msisdn, to, smsc, text, raw,
 * charset, meta), with Kannel's coding (-1 unknown) and sent_at (0
 * unknown).  gw_mo_parse() ends with it; a replay of the journal builds its
 * MOs with it. */
void gw_mo_fill(struct gw_mo *mo, int coding, int64_t sent_at);

/* Classifies the text and fills mo->job for intake_submit(). */
void gw_mo_prepare(struct gw_mo *mo, const struct lexicon *lx);

/* Frees what mo owns; the struct itself belongs to the caller. */
void gw_mo_clear(struct gw_mo *mo);

/* Decodes a form value (vlen bytes) into a new string that replaces *slot.
 * Returns 0, or -1 (and *slot unchanged) when it holds a NUL byte. */
int gw_param_take(char **slot, const char *value, size_t vlen);

/*
 * Checks a parameter bound for a text column: value (NUL-terminated, so
 * without NUL bytes) must be UTF-8 (parsers/gsm7.h's utf8_valid()) and at
 * most max bytes long, max 0 meaning no limit of its own.  Returns NULL, or
 * the reason of a 400 naming the parameter ("bad \"to\": not UTF-8"),
 * written into buf (GW_REASON_MAX bytes).
 */
const char *gw_text_check(const char *name, const char *value, size_t max, char buf[GW_REASON_MAX]);

/* Writes into buf (GW_REASON_MAX bytes) and returns the reason of a 400 for
 * a parameter whose value holds a NUL byte: "bad \"<name>\": NUL byte". */
const char *gw_nul_reason(const char *name, char buf[GW_REASON_MAX]);

/* Parses a decimal integer in [min, max] into *out: digits only (a '-'
 * first when min is negative), no space or '+'.  Returns 0 or -1. */
int gw_number(const char *s, long long min, long long max, long long *out);

/* Compares two secrets in time that depends only on their lengths' maximum.
 * Returns 1 when equal. */
int gw_secret_equal(const char *a, const char *b);

#endif
