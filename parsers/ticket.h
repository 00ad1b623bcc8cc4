/*
 * Ticket codes: seven decimal digits, typed on a keypad or in a USSD menu.
 *
 * The first six digits are a keyed permutation of a database sequence number,
 * so consecutive tickets do not have guessable neighbours; the seventh is a
 * Damm check digit, which detects every single-digit error and every swap of
 * two neighbouring digits.  Pure code: no I/O, no allocation.
 */
#ifndef ASPIRASI_TICKET_H
#define ASPIRASI_TICKET_H

#include <stddef.h>
#include <stdint.h>

#define TICKET_CODE_LEN 7       /* digits in a ticket code */
#define TICKET_BODY_MAX 1000000 /* distinct six-digit bodies */

/*
 * Returns the Damm check digit (0-9) of the n ASCII digits at s.  Returns -1
 * if any of them is not a digit.
 */
int ticket_damm(const char *s, size_t n);

/*
 * Writes the ticket code for sequence number seq under the secret key into
 * out (TICKET_CODE_LEN digits and a NUL).  seq is taken modulo
 * TICKET_BODY_MAX; distinct values of seq below TICKET_BODY_MAX give distinct
 * codes for the same key.  The permutation is a four-round Feistel network
 * over 10^6 split as 1000 x 1000, so every value maps inside the domain.
 */
void ticket_code_make(uint64_t seq, uint64_t key, char out[TICKET_CODE_LEN + 1]);

/*
 * Checks that s (len bytes, exactly TICKET_CODE_LEN ASCII digits, nothing
 * else) is a ticket code with a valid check digit.  Returns NULL when it is
 * valid and stores its numeric value in *out (may be NULL); otherwise
 * returns a short English reason ("not 7 digits", "wrong check digit") and
 * leaves *out untouched.
 */
const char *ticket_code_check(const char *s, size_t len, uint32_t *out);

#endif
