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

#define MO_ID_MAX 128 /* bytes of a Kannel message id */

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
    struct intake_job job;
};

/*
 * Reads the parameters of an MO from a query string (the part after '?',
 * may be empty) and a form body (may be NULL), the body's values winning.
 * Returns 0, or an HTTP status (400, 403) with a short reason for the client
 * in *reason (a static string or one kept in mo).  The secret is checked
 * first, so a caller without it learns nothing about the parameters.
 */
int gw_mo_parse(struct gw_mo *mo, const struct cfg *c, const char *query, size_t qlen,
                const char *body, size_t blen, const char **reason);

/* Classifies the text and fills mo->job for intake_submit(). */
void gw_mo_prepare(struct gw_mo *mo, const struct lexicon *lx);

/* Frees what mo owns; the struct itself belongs to the caller. */
void gw_mo_clear(struct gw_mo *mo);

/* Decodes a form value (vlen bytes) into a new string that replaces *slot.
 * Returns 0, or -1 (and *slot unchanged) when it holds a NUL byte. */
int gw_param_take(char **slot, const char *value, size_t vlen);

/* Parses a decimal integer in [min, max] into *out; returns 0 or -1. */
int gw_number(const char *s, long long min, long long max, long long *out);

/* Compares two secrets in time that depends only on their lengths' maximum.
 * Returns 1 when equal. */
int gw_secret_equal(const char *a, const char *b);

#endif
