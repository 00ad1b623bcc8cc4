/*
 * Reply templates: configured texts with {placeholders}, rendered into one
 * SMS.  Pure code: no I/O, no allocation.
 */
#ifndef ASPIRASI_REPLY_H
#define ASPIRASI_REPLY_H

#include <stddef.h>
#include <sys/types.h>

/* Placeholders a template may use, as a bit mask. */
#define REPLY_VAR_TICKET  0x01 /* {ticket}: a 7-digit ticket code */
#define REPLY_VAR_STATUS  0x02 /* {status}: a status label from the config */
#define REPLY_VAR_DATE    0x04 /* {date}: "28/11/2026" */
#define REPLY_VAR_CODE    0x08 /* {code}: the digits a citizen typed, up to 15 */
#define REPLY_VAR_KEYWORD 0x10 /* {keyword}: a keyword, up to 20 letters */
#define REPLY_VAR_SESSION 0x20 /* {session}: an agenda session number, up to 10 digits */
#define REPLY_VAR_KOMISI  0x40 /* {komisi}: a komisi in Roman numerals, up to 3 letters */

/* Values for the placeholders; NULL renders as "". */
struct reply_vars {
    const char *ticket;
    const char *status;
    const char *date;
    const char *code;
    const char *keyword;
    const char *session;
    const char *komisi;
};

/*
 * Renders tmpl into out (outsz bytes, NUL-terminated), replacing each
 * {name} by its value in v.  "{{" gives "{".  Returns the length written, or
 * -1 if the result does not fit or tmpl names an unknown placeholder (then
 * out holds "").
 */
ssize_t reply_render(const char *tmpl, const struct reply_vars *v, char *out, size_t outsz);

/*
 * Checks a template before it is ever used: it may only use the
 * placeholders in allowed, and rendered with the longest values in worst
 * it must be GSM-7 and at most budget septets.  Returns NULL when it is
 * fine, else writes a reason into why (whylen bytes) and returns why, for
 * example: uses unknown placeholder {tiket} / is 171 characters with the
 * longest values; the limit is 160 / has a character outside GSM-7 ("…").
 */
const char *reply_check(const char *tmpl, unsigned allowed, const struct reply_vars *worst,
                        size_t budget, char *why, size_t whylen);

#endif
