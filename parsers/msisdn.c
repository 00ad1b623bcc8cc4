/*
 * Phone numbers: normalisation of sender addresses as Kannel passes them
 * (%p), and masking for logs.
 *
 * Indonesian numbers arrive in every form people and operators write them:
 * international with or without "+", with the "00" international prefix,
 * national with the trunk "0", and sometimes as a bare mobile number
 * starting with 8.  All of them become E.164 with a "+", at most 15 digits.
 * Text with a letter in it is an alphanumeric sender (an operator or a
 * bank), copied as it is.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "parsers/msisdn.h"

#define E164_DIGITS 15 /* most digits in an international number (E.164) */

/* Digits kept while scanning: enough for "00", a country code and a
 * too-long number to be recognised as such. */
#define SCAN_DIGITS (E164_DIGITS + 4)

static bool
is_separator(char c)
{
    return c == ' ' || c == '-' || c == '.';
}

static bool
is_printable(char c)
{
    return c >= 0x20 && c <= 0x7e;
}

static bool
is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Copies an alphanumeric sender, without surrounding spaces. */
static const char *
copy_alphanumeric(const char *in, size_t len, char out[MSISDN_MAX])
{
    while (len > 0 && in[0] == ' ') {
        in++;
        len--;
    }
    while (len > 0 && in[len - 1] == ' ')
        len--;
    if (len > MSISDN_MAX - 1)
        return "too long";
    memcpy(out, in, len);
    out[len] = '\0';
    return NULL;
}

const char *
msisdn_normalize(const char *in, size_t len, char out[MSISDN_MAX])
{
    char digits[SCAN_DIGITS];
    const char *d, *prefix = "+";
    bool plus = false, letter = false, other = false, unprintable = false;
    size_t i, nd = 0, total = 0;

    out[0] = '\0';
    for (i = 0; i < len; i++) {
        if (is_separator(in[i]))
            continue;
        if (in[i] >= '0' && in[i] <= '9') {
            if (nd < SCAN_DIGITS)
                digits[nd] = in[i];
            nd++;
        } else if (in[i] == '+' && total == 0) {
            plus = true;
        } else if (is_letter(in[i])) {
            letter = true;
        } else if (is_printable(in[i])) {
            other = true; /* a '+' inside, '#', '*', '(' ... */
        } else {
            unprintable = true;
        }
        total++;
    }
    if (unprintable)
        return "bad character";
    if (letter && !plus)
        return copy_alphanumeric(in, len, out);
    if (letter || other)
        return "bad character";
    if (nd == 0)
        return "empty";
    if (nd > SCAN_DIGITS)
        return "too long";

    /* Find the national significant number and its country prefix. */
    d = digits;
    if (!plus && nd > 2 && d[0] == '0' && d[1] == '0' && d[2] != '0') { /* 00 CC ... */
        d += 2;
        nd -= 2;
        plus = true;
    }
    if (plus) {
        /* "+62 0812...": the trunk 0 written after the country code. */
        if (nd > 3 && d[0] == '6' && d[1] == '2' && d[2] == '0') {
            prefix = "+62";
            d += 3;
            nd -= 3;
        }
    } else if (nd > 1 && d[0] == '0' && d[1] != '0') { /* 0812...: national */
        prefix = "+62";
        d++;
        nd--;
    } else if (nd >= 9 && d[0] == '6' && d[1] == '2') { /* 62812...: + left out */
        prefix = "+";
    } else if (nd >= 9 && nd <= 12 && d[0] == '8') { /* 812...: mobile, 0 left out */
        prefix = "+62";
    } else {
        prefix = ""; /* a short code or a form we do not know: keep it */
    }

    if (strlen(prefix) - (prefix[0] == '+') + nd > E164_DIGITS)
        return "too long";
    total = strlen(prefix);
    memcpy(out, prefix, total);
    memcpy(out + total, d, nd);
    out[total + nd] = '\0';
    return NULL;
}

/* A character of a masked number as it may appear in a log line: anything
 * that is not visible ASCII (spaces, controls, UTF-8) becomes '?'. */
static char
log_safe(char c)
{
    return c > 0x20 && c < 0x7f ? c : '?';
}

char *
msisdn_mask(const char *in, char *out, size_t outsz)
{
    char buf[6 + 4 + 4 + 1];
    size_t len, head, tail, n = 0, i;

    if (outsz == 0)
        return out;
    if (in == NULL)
        in = "";
    len = strlen(in);
    if (len > 10) {
        head = 6;
        tail = 4;
    } else if (len > 4) {
        head = 0;
        tail = 2;
    } else {
        /* Keeping two of four characters or fewer would show too much. */
        head = 0;
        tail = 0;
    }
    if (len > 0) {
        for (i = 0; i < head; i++)
            buf[n++] = log_safe(in[i]);
        memcpy(buf + n, "****", 4);
        n += 4;
        for (i = len - tail; i < len; i++)
            buf[n++] = log_safe(in[i]);
    }
    if (n > outsz - 1)
        n = outsz - 1;
    memcpy(out, buf, n);
    out[n] = '\0';
    return out;
}
