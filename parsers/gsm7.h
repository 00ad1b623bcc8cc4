/*
 * GSM 03.38 7-bit default alphabet arithmetic and transliteration, on UTF-8
 * text.  Pure code: no I/O, no allocation.
 */
#ifndef ASPIRASI_GSM7_H
#define ASPIRASI_GSM7_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define GSM7_SEGMENT     160 /* septets in one single-part SMS */
#define GSM7_SEGMENT_UDH 153 /* septets in one part of a concatenated SMS */
#define UCS2_SEGMENT     70  /* UCS-2 characters in one single-part SMS */
#define USSD_SCREEN      182 /* GSM-7 characters on one USSD screen */

/* Returns true if the len bytes at s are well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/*
 * Decodes one character from the n > 0 bytes at s.  Returns its length in
 * bytes (1 to 4) and stores the code point in *cp, or returns 0 if s does not
 * start with a well-formed sequence (overlong, surrogate, beyond U+10FFFF,
 * cut short).
 */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/*
 * Returns the number of septets the UTF-8 text s (len bytes) takes in the
 * GSM-7 default alphabet, counting the extension-table characters
 * (^ { } \ [ ~ ] | and the euro sign) as two.  Returns -1 if the text is not
 * valid UTF-8 or holds a character outside the alphabet and its extension.
 */
ssize_t gsm7_septets(const char *s, size_t len);

/*
 * Returns the number of SMS segments the UTF-8 text takes: in GSM-7 if it
 * fits the alphabet (160 septets, or 153 per part when longer), otherwise in
 * UCS-2 (70, or 67 per part; characters outside the BMP count two).  0 for
 * empty text, -1 for invalid UTF-8.
 */
int sms_segments(const char *s, size_t len);

/*
 * Copies the UTF-8 text in (len bytes) to out (outsz bytes, always
 * NUL-terminated when outsz > 0), replacing what GSM-7 cannot carry:
 * accented Latin letters by their base letter (unless GSM-7 has them, like
 * é, ü, ñ), typographic quotes, dashes and ellipses by ASCII, other spaces
 * by a space, and everything else (emoji, other scripts, control
 * characters, invalid bytes) by nothing; runs of spaces collapse into one.
 * Stops at a character boundary when out is full.  Returns the number of
 * bytes written, without the NUL.  The result is valid UTF-8 and
 * gsm7_septets() >= 0 on it.
 */
size_t gsm7_transliterate(const char *in, size_t len, char *out, size_t outsz);

/*
 * Copies the UTF-8 text in (len bytes) to out (outsz bytes, NUL-terminated)
 * transliterated as gsm7_transliterate() does, and shortened to at most
 * max_septets: when it does not fit, it is cut at the end of a word and
 * ".." is added (the dots included in max_septets), never in the middle of a
 * word unless a single word is longer than the whole budget.  Leading and
 * trailing spaces and punctuation left dangling at the cut ("jalan, .."
 * becomes "jalan..") are removed.  Returns the number of bytes written.
 */
size_t gsm7_fit_words(const char *in, size_t len, size_t max_septets, char *out, size_t outsz);

#endif
