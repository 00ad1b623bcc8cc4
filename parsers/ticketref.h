/*
 * Finding a ticket number in what a citizen typed: anywhere in the message,
 * in groups ("482-19 37", "482.1937", "482 1937"), after "#", "no.", "tiket",
 * with letters that look like digits (O/o -> 0, l/I/i -> 1, S/s -> 5, and
 * B -> 8, Z -> 2 where the token is otherwise digits).  Pure code: no I/O,
 * no allocation.
 */
#ifndef ASPIRASI_TICKETREF_H
#define ASPIRASI_TICKETREF_H

#include <stddef.h>

#include "parsers/ticket.h"

/* What a message said about a ticket number. */
enum ticket_ref {
    TICKET_REF_NONE = 0,   /* no number at all */
    TICKET_REF_VALID,      /* seven digits, check digit right */
    TICKET_REF_BAD_CHECK,  /* seven digits, check digit wrong */
    TICKET_REF_BAD_LENGTH, /* a number, but not of seven digits */
};

#define TICKETREF_DIGITS_MAX 16 /* digits kept, with the NUL */

struct ticketref {
    enum ticket_ref ref;
    char digits[TICKETREF_DIGITS_MAX]; /* the digits read, separators removed and
                                          look-alikes mapped, at most 15, NUL-terminated */
    size_t off, len;                   /* where the number stands in the text */
};

/*
 * Looks for a ticket number in the len bytes of UTF-8 at text and fills *out
 * (OUT).  When several numbers stand in the text, the first one that reads
 * as seven digits wins, a valid one before an invalid one; else the first
 * number.  Numbers that are clearly something else are skipped: a date
 * ("2/12", "12-12-2026"), a time ("09.00"), an RT/RW ("RT 3"), a phone
 * number (starting 08 or +62 with 10 or more digits).  Returns 1 when a
 * number was found (out->ref != TICKET_REF_NONE), else 0.
 */
int ticketref_find(const char *text, size_t len, struct ticketref *out);

/*
 * Lists the valid ticket codes that one typo away from code (seven ASCII
 * digits): a single digit changed, or two neighbouring digits swapped.
 * Writes at most max codes (each TICKET_CODE_LEN digits and a NUL) into out,
 * in ascending order without repeats, and returns how many there are in all
 * (which may be more than max).  A valid code is not its own correction.
 */
size_t ticketref_corrections(const char *code, char (*out)[TICKET_CODE_LEN + 1], size_t max);

#endif
