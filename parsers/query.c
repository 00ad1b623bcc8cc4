/*
 * application/x-www-form-urlencoded (the WHATWG URL standard's form
 * decoding): pairs separated by '&', names from values by the first '=',
 * '+' for a space and "%XX" for any byte.  Kannel's get-url expands %b and
 * friends this way, so the decoded text of an SMS may hold any byte.
 *
 * Malformed escapes are copied as they are rather than rejected, as
 * browsers and the standard do: a text ending in "100%" must still arrive.
 */
#include <stddef.h>

#include "parsers/query.h"

/* Returns the value of the hex digit c, or -1. */
static int
hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * Decodes the byte at in[*i] (of len) and advances *i past what it used:
 * three bytes for a "%XX" escape, one for anything else.
 */
static unsigned char
decode_one(const char *in, size_t len, size_t *i)
{
    int hi, lo;

    if (in[*i] == '+') {
        (*i)++;
        return ' ';
    }
    if (in[*i] == '%' && len - *i >= 3) {
        hi = hex_value(in[*i + 1]);
        lo = hex_value(in[*i + 2]);
        if (hi >= 0 && lo >= 0) {
            *i += 3;
            return (unsigned char)(hi << 4 | lo);
        }
    }
    return (unsigned char)in[(*i)++];
}

int
query_each(const char *s, size_t len, query_cb cb, void *ctx)
{
    size_t i = 0, start, eq, end;
    int rc;

    if (len > 0 && s[0] == '?')
        i = 1;
    while (i < len) {
        start = i;
        eq = len; /* no '=' yet */
        while (i < len && s[i] != '&') {
            if (s[i] == '=' && eq == len)
                eq = i;
            i++;
        }
        end = i;
        i++; /* past the '&' */
        if (end == start)
            continue; /* "&&", or '&' at either end */
        if (eq == len)
            rc = cb(ctx, s + start, end - start, "", 0);
        else
            rc = cb(ctx, s + start, eq - start, s + eq + 1, end - eq - 1);
        if (rc != 0)
            return rc;
    }
    return 0;
}

size_t
query_decode(const char *in, size_t len, char *out)
{
    size_t i = 0, o = 0;

    /* o never passes i, so decoding in place reads each byte before it is
     * overwritten. */
    while (i < len)
        out[o++] = (char)decode_one(in, len, &i);
    return o;
}

int
query_name_is(const char *name, size_t nlen, const char *want)
{
    const unsigned char *w = (const unsigned char *)want;
    size_t i = 0;

    while (i < nlen) {
        /* A decoded NUL never matches: want ends at its first one. */
        if (*w == '\0' || decode_one(name, nlen, &i) != *w)
            return 0;
        w++;
    }
    return *w == '\0';
}
