/*
 * Phone numbers (MSISDN).  Pure code: no I/O, no allocation.
 */
#ifndef ASPIRASI_MSISDN_H
#define ASPIRASI_MSISDN_H

#include <stddef.h>

#define MSISDN_MAX 24 /* bytes for a normalised number and its NUL */

/*
 * Normalises a sender address into international form for Indonesia:
 * "+6281234567890", "6281234567890", "081234567890" and "0062812..." all
 * give "+6281234567890"; spaces, dashes and dots are ignored.  Other
 * international numbers keep their "+".  Alphanumeric senders (an operator
 * name such as "TELKOMSEL") are copied as they are when they are printable
 * ASCII.  Writes into out (MSISDN_MAX bytes) and returns NULL, or returns a
 * reason ("empty", "too long", "bad character") and leaves out empty.
 */
const char *msisdn_normalize(const char *in, size_t len, char out[MSISDN_MAX]);

/*
 * Writes a masked form of a phone number for logs into out (outsz bytes,
 * always NUL-terminated): the first six characters and the last four are
 * kept and the middle becomes "****" ("+6281234567890" -> "+62812****7890").
 * A number of ten characters or fewer keeps only its last two.  Any other
 * text, including alphanumeric senders, is masked the same way, so nothing
 * passed through here leaks a whole number.  Returns out.
 */
char *msisdn_mask(const char *in, char *out, size_t outsz);

#endif
