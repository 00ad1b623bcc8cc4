/*
 * application/x-www-form-urlencoded decoding, for URL query strings and
 * POST bodies alike.  Pure code: no I/O, no allocation.
 */
#ifndef ASPIRASI_QUERY_H
#define ASPIRASI_QUERY_H

#include <stddef.h>

/*
 * Called by query_each() once per "name=value" pair, with the raw (still
 * encoded) name and value; value is "" with vlen 0 when the pair has no
 * "=".  Return 0 to go on, anything else to stop (query_each() returns it).
 */
typedef int (*query_cb)(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen);

/*
 * Splits s (len bytes; a leading '?' is skipped) on '&' and calls cb for
 * each non-empty pair in order.  Returns 0, or the first non-zero value cb
 * returned.
 */
int query_each(const char *s, size_t len, query_cb cb, void *ctx);

/*
 * Decodes len bytes at in: "+" becomes a space and "%XX" (either case) the
 * byte it names.  A "%" not followed by two hex digits is copied as it is.
 * out must have room for len bytes; it may be in itself.  The result may hold
 * any byte, NUL included, and is not NUL-terminated.  Returns its length.
 */
size_t query_decode(const char *in, size_t len, char *out);

/*
 * Compares the raw name (nlen bytes) with the NUL-terminated name want,
 * decoding the raw one first.  Returns 1 when they are equal, else 0.
 */
int query_name_is(const char *name, size_t nlen, const char *want);

#endif
