/*
 * GSM 03.38 (3GPP TS 23.038) default alphabet arithmetic on UTF-8 text.
 *
 * The tables below are the standard's own: the 128 septets of the default
 * alphabet, indexed by septet value, and the characters of the default
 * extension table, which are sent as ESC (0x1B) plus one septet and so
 * take two.  Text that fits neither goes out as UCS-2, where a character
 * outside the Basic Multilingual Plane takes two 16-bit units (a surrogate
 * pair).
 *
 * Segment counts pack characters greedily: neither an escape sequence nor
 * a surrogate pair may be split across the parts of a concatenated message,
 * so a part can end one unit short of its limit.
 *
 * UTF-8 is decoded strictly (RFC 3629): overlong forms, surrogates, code
 * points above U+10FFFF and truncated sequences are all errors.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "parsers/gsm7.h"

#define UCS2_SEGMENT_UD 67     /* UCS-2 units in one part of a concatenated SMS */
#define NO_CHAR         0xffff /* septet 0x1B, the escape, is no character */

/* The default alphabet, indexed by septet; 0x1B is the escape to the
 * extension table and stands for no character. */
static const uint16_t gsm7_basic[128] = {
    /* 0x00 */ '@',    0x00a3, '$',    0x00a5,  0x00e8, 0x00e9, 0x00f9, 0x00ec,
    /* 0x08 */ 0x00f2, 0x00c7, '\n',   0x00d8,  0x00f8, '\r',   0x00c5, 0x00e5,
    /* 0x10 */ 0x0394, '_',    0x03a6, 0x0393,  0x039b, 0x03a9, 0x03a0, 0x03a8,
    /* 0x18 */ 0x03a3, 0x0398, 0x039e, NO_CHAR, 0x00c6, 0x00e6, 0x00df, 0x00c9,
    /* 0x20 */ ' ',    '!',    '"',    '#',     0x00a4, '%',    '&',    '\'',
    /* 0x28 */ '(',    ')',    '*',    '+',     ',',    '-',    '.',    '/',
    /* 0x30 */ '0',    '1',    '2',    '3',     '4',    '5',    '6',    '7',
    /* 0x38 */ '8',    '9',    ':',    ';',     '<',    '=',    '>',    '?',
    /* 0x40 */ 0x00a1, 'A',    'B',    'C',     'D',    'E',    'F',    'G',
    /* 0x48 */ 'H',    'I',    'J',    'K',     'L',    'M',    'N',    'O',
    /* 0x50 */ 'P',    'Q',    'R',    'S',     'T',    'U',    'V',    'W',
    /* 0x58 */ 'X',    'Y',    'Z',    0x00c4,  0x00d6, 0x00d1, 0x00dc, 0x00a7,
    /* 0x60 */ 0x00bf, 'a',    'b',    'c',     'd',    'e',    'f',    'g',
    /* 0x68 */ 'h',    'i',    'j',    'k',     'l',    'm',    'n',    'o',
    /* 0x70 */ 'p',    'q',    'r',    's',     't',    'u',    'v',    'w',
    /* 0x78 */ 'x',    'y',    'z',    0x00e4,  0x00f6, 0x00f1, 0x00fc, 0x00e0,
};

/* The default extension table: these follow an ESC septet.  (Septet 0x0A is
 * the form feed, 0x65 the euro sign.) */
static const uint16_t gsm7_extension[] = {
    '\f', '^', '{', '}', '\\', '[', '~', ']', '|', 0x20ac,
};

size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
    uint32_t v;
    size_t len, i;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] < 0xc2) /* a continuation byte, or an overlong two-byte lead */
        return 0;
    if (s[0] < 0xe0) {
        len = 2;
        v = s[0] & 0x1f;
    } else if (s[0] < 0xf0) {
        len = 3;
        v = s[0] & 0x0f;
        if (s[0] == 0xe0)
            lo = 0xa0; /* below is overlong */
        else if (s[0] == 0xed)
            hi = 0x9f; /* above are the surrogates D800-DFFF */
    } else if (s[0] < 0xf5) {
        len = 4;
        v = s[0] & 0x07;
        if (s[0] == 0xf0)
            lo = 0x90; /* below is overlong */
        else if (s[0] == 0xf4)
            hi = 0x8f; /* above is beyond U+10FFFF */
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    v = (v << 6) | (s[1] & 0x3f);
    for (i = 2; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3f);
    }
    *cp = v;
    return len;
}

/* Returns the septets code point cp takes in GSM-7: 1 in the default
 * alphabet, 2 in the extension table, 0 if it has no GSM-7 form. */
static int
gsm7_width(uint32_t cp)
{
    size_t i;

    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
        cp == ' ')
        return 1;
    /* Past the Greek capitals (U+03A9 is the highest), only the euro sign:
     * no need to scan the tables for other scripts and emoji. */
    if (cp >= 0x0400 && cp != 0x20ac)
        return 0;
    for (i = 0; i < sizeof(gsm7_basic) / sizeof(gsm7_basic[0]); i++)
        if (gsm7_basic[i] == cp)
            return 1;
    for (i = 0; i < sizeof(gsm7_extension) / sizeof(gsm7_extension[0]); i++)
        if (gsm7_extension[i] == cp)
            return 2;
    return 0;
}

bool
utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    size_t i = 0, n;

    while (i < len) {
        n = utf8_decode(p + i, len - i, &cp);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

/*
 * Measures the text: *septets is its GSM-7 length, or -1 if some character
 * has no GSM-7 form; *units its UCS-2 length.  Returns false for invalid
 * UTF-8.
 */
static bool
measure(const char *s, size_t len, ssize_t *septets, size_t *units)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    size_t i = 0, n;
    int w;

    *septets = 0;
    *units = 0;
    while (i < len) {
        n = utf8_decode(p + i, len - i, &cp);
        if (n == 0)
            return false;
        i += n;
        *units += cp > 0xffff ? 2 : 1;
        if (*septets >= 0) {
            w = gsm7_width(cp);
            *septets = w > 0 ? *septets + w : -1;
        }
    }
    return true;
}

ssize_t
gsm7_septets(const char *s, size_t len)
{
    ssize_t septets;
    size_t units;

    if (!measure(s, len, &septets, &units))
        return -1;
    return septets;
}

/*
 * Counts the parts of a concatenated message of valid UTF-8 text, packing
 * characters into parts of part_max units without splitting any: in GSM-7
 * (gsm7 true) a character takes its septets, in UCS-2 its 16-bit units.
 */
static int
pack_parts(const char *s, size_t len, bool gsm7, size_t part_max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, n, used = 0, w;
    uint32_t cp;
    int parts = 1;

    while (i < len) {
        n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) /* measured valid by the caller */
            return -1;
        i += n;
        if (gsm7)
            w = (size_t)gsm7_width(cp);
        else
            w = cp > 0xffff ? 2 : 1;
        if (used + w > part_max) {
            parts++;
            used = 0;
        }
        used += w;
    }
    return parts;
}

int
sms_segments(const char *s, size_t len)
{
    ssize_t septets;
    size_t units;

    if (!measure(s, len, &septets, &units))
        return -1;
    if (units == 0)
        return 0;
    if (septets >= 0) {
        if (septets <= GSM7_SEGMENT)
            return 1;
        return pack_parts(s, len, true, GSM7_SEGMENT_UDH);
    }
    if (units <= UCS2_SEGMENT)
        return 1;
    return pack_parts(s, len, false, UCS2_SEGMENT_UD);
}

#define GSM NULL /* GSM-7 has the character: kept, never looked up here */

/*
 * Latin-1 Supplement, U+00A0 to U+00FF: the replacement for each character
 * GSM-7 does not have, "" to drop it.  No replacement is longer than the two bytes of
 * its character, so transliteration never makes text longer.
 */
static const char *const latin1[96] = {
    /* A0 */ " ", GSM, "",  GSM,  GSM, GSM, "",   GSM,
    /* A8 */ "",  "",  "a", "\"", "",  "",  "",   "",
    /* B0 */ "",  "",  "2", "3",  "'", "",  "",   ".",
    /* B8 */ "",  "1", "o", "\"", "",  "",  "",   GSM,
    /* C0 */ "A", "A", "A", "A",  GSM, GSM, GSM,  GSM,
    /* C8 */ "E", GSM, "E", "E",  "I", "I", "I",  "I",
    /* D0 */ "D", GSM, "O", "O",  "O", "O", GSM,  "x",
    /* D8 */ GSM, "U", "U", "U",  GSM, "Y", "Th", GSM,
    /* E0 */ GSM, "a", "a", "a",  GSM, GSM, GSM,  "c",
    /* E8 */ GSM, GSM, "e", "e",  GSM, "i", "i",  "i",
    /* F0 */ "d", GSM, GSM, "o",  "o", "o", GSM,  "/",
    /* F8 */ GSM, GSM, "u", "u",  GSM, "y", "th", "y",
};

/* Latin Extended-A, U+0100 to U+017F: the base letter of each; '*' marks
 * the ligatures, spelt out in ligature(). */
static const char latin_ext_a[128 + 1] = "AaAaAaCcCcCcCcDd" /* 0100 */
                                         "DdEeEeEeEeEeGgGg" /* 0110 */
                                         "GgGgHhHhIiIiIiIi" /* 0120 */
                                         "Ii**JjKkkLlLlLlL" /* 0130 */
                                         "lLlNnNnNnnNnOoOo" /* 0140 */
                                         "Oo**RrRrRrSsSsSs" /* 0150 */
                                         "SsTtTtTtUuUuUuUu" /* 0160 */
                                         "UuUuWwYyYZzZzZzs" /* 0170 */;

static const char *
ligature(uint32_t cp)
{
    switch (cp) {
    case 0x0132:
        return "IJ";
    case 0x0133:
        return "ij";
    case 0x0152:
        return "OE";
    default: /* 0x0153 */
        return "oe";
    }
}

/*
 * Returns what replaces the code point cp, which GSM-7 does not have: an
 * ASCII string ("" to drop it).  *one receives single letters.
 */
static const char *
replacement(uint32_t cp, char one[2])
{
    if (cp == '\t' || cp == '\v' || cp == '\f' || cp == 0x85)
        return " "; /* the form feed is in the extension table, but is layout */
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
        return ""; /* C0 and C1 controls */
    if (cp == '`')
        return "'";
    if (cp >= 0xa0 && cp <= 0xff)
        return latin1[cp - 0xa0] != GSM ? latin1[cp - 0xa0] : "";
    if (cp >= 0x100 && cp <= 0x17f) {
        one[0] = latin_ext_a[cp - 0x100];
        one[1] = '\0';
        return one[0] == '*' ? ligature(cp) : one;
    }
    if (cp >= 0xff01 && cp <= 0xff5e) { /* fullwidth ASCII */
        one[0] = (char)(cp - 0xff01 + '!');
        one[1] = '\0';
        return gsm7_width((unsigned char)one[0]) > 0 ? one : "";
    }
    switch (cp) {
    case 0x0218: /* Romanian S and T with comma below */
        return "S";
    case 0x0219:
        return "s";
    case 0x021a:
        return "T";
    case 0x021b:
        return "t";
    case 0x1680: /* Unicode spaces */
    case 0x2000:
    case 0x2001:
    case 0x2002:
    case 0x2003:
    case 0x2004:
    case 0x2005:
    case 0x2006:
    case 0x2007:
    case 0x2008:
    case 0x2009:
    case 0x200a:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
        return " ";
    case 0x2010: /* hyphens and dashes */
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2022: /* bullet, as in a list */
    case 0x2043:
    case 0x2212:
        return "-";
    case 0x2018: /* single quotes and primes */
    case 0x2019:
    case 0x201a:
    case 0x201b:
    case 0x2032:
    case 0x2039:
    case 0x203a:
        return "'";
    case 0x201c: /* double quotes */
    case 0x201d:
    case 0x201e:
    case 0x201f:
    case 0x2033:
        return "\"";
    case 0x2026:
        return "...";
    case 0x2122:
        return "TM";
    default:
        return ""; /* combining marks, other scripts, emoji, format characters */
    }
}

size_t
gsm7_transliterate(const char *in, size_t len, char *out, size_t outsz)
{
    const unsigned char *p = (const unsigned char *)in;
    bool last_space = false;
    size_t i = 0, o = 0, n, rlen;
    const char *rep;
    char one[2];
    uint32_t cp;

    if (outsz == 0)
        return 0;
    while (i < len) {
        n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) { /* drop the byte and resynchronise on the next */
            i++;
            continue;
        }
        if (gsm7_width(cp) > 0 && cp != '\f') {
            rep = in + i; /* kept as it is */
            rlen = n;
        } else {
            rep = replacement(cp, one);
            rlen = strlen(rep);
        }
        i += n;
        if (rlen == 0 || (last_space && rlen == 1 && rep[0] == ' '))
            continue;
        if (rlen > outsz - 1 - o)
            break;
        memcpy(out + o, rep, rlen);
        o += rlen;
        last_space = rep[rlen - 1] == ' ';
    }
    out[o] = '\0';
    return o;
}

/*
 * gsm7_fit_words() writes the transliterated text straight into out, one
 * character at a time, exactly as gsm7_transliterate() would (the same
 * replacements, the same collapsing of spaces) but without leading white
 * space, until a character would overflow the budget: max_septets septets,
 * or outsz - 1 bytes.  Only then is it known that the text must be cut, and
 * all that is needed to cut it is in out already: the word ends (a
 * character other than white space, followed by white space) are the places
 * to cut at.  Only when no word end leaves room for the ".." (the first word
 * is longer than the budget, or nearly as long) is the text cut inside that
 * word.  White space here is space, CR and LF; a cut that would leave
 * nothing but punctuation gives "".
 */

/* The transliteration of the input, read one output character at a time. */
struct fit_stream {
    const char *in;
    size_t len, i;
    bool last_space; /* gsm7_transliterate()'s collapsing of spaces */
    const char *rep; /* the current replacement, or the character kept */
    size_t rlen, rpos;
    bool kept; /* rep is a character of the input, written whole */
    char one[2];
};

/* Reads the next character of the output into *c (n bytes); false at the
 * end of the input. */
static bool
fit_char(struct fit_stream *st, const char **c, size_t *n)
{
    const unsigned char *p = (const unsigned char *)st->in;
    uint32_t cp;
    size_t k;

    while (st->rpos >= st->rlen) {
        if (st->i >= st->len)
            return false;
        k = utf8_decode(p + st->i, st->len - st->i, &cp);
        if (k == 0) { /* dropped, as gsm7_transliterate() drops it */
            st->i++;
            continue;
        }
        st->kept = gsm7_width(cp) > 0 && cp != '\f';
        if (st->kept) {
            st->rep = st->in + st->i;
            st->rlen = k;
        } else {
            st->rep = replacement(cp, st->one);
            st->rlen = strlen(st->rep);
        }
        st->i += k;
        st->rpos = 0;
        if (st->rlen == 0 || (st->last_space && st->rlen == 1 && st->rep[0] == ' ')) {
            st->rlen = 0;
            continue;
        }
        st->last_space = st->rep[st->rlen - 1] == ' ';
    }
    *c = st->rep + st->rpos;
    *n = st->kept ? st->rlen : 1;
    st->rpos += *n;
    return true;
}

static bool
fit_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r';
}

/* What is left dangling at a cut: white space, and punctuation that opens
 * or joins what was cut away ("jalan, .." becomes "jalan.."). */
static bool
fit_dangling(char c)
{
    return fit_space(c) || (c != '\0' && strchr(",;:-_([{</\\&+=*#@.~^|", c) != NULL);
}

/* The septets of one character of GSM-7 text (n bytes). */
static size_t
fit_width(const char *c, size_t n)
{
    uint32_t cp;

    if (utf8_decode((const unsigned char *)c, n, &cp) == 0)
        return 0;
    return (size_t)gsm7_width(cp);
}

/* The bytes of the UTF-8 character at out + k, below o. */
static size_t
fit_len(const char *out, size_t k, size_t o)
{
    size_t n = 1;

    while (k + n < o && ((unsigned char)out[k + n] & 0xc0) == 0x80)
        n++;
    return n;
}

/*
 * Ends the text in out at byte k (septets: its septets), drops what
 * dangles before that and appends "..".  The caller has made sure that k
 * bytes and the dots fit.  Returns the bytes written: 0 when nothing but
 * dangling characters was left.
 */
static size_t
fit_cut(char *out, size_t k)
{
    while (k > 0 && fit_dangling(out[k - 1]))
        k--;
    if (k == 0) {
        out[0] = '\0';
        return 0;
    }
    memcpy(out + k, "..", 3);
    return k + 2;
}

size_t
gsm7_fit_words(const char *in, size_t len, size_t max_septets, char *out, size_t outsz)
{
    struct fit_stream st = {.in = in, .len = in != NULL ? len : 0};
    size_t o = 0, septets = 0, content = 0; /* content: bytes up to the last non-space */
    size_t n = 0, w = 0, k, t, s_k, s_t, best, mid;
    bool overflow = false, next_space, more;
    const char *c = NULL;

    if (outsz == 0)
        return 0;
    while (fit_char(&st, &c, &n)) {
        if (o == 0 && fit_space(*c))
            continue; /* leading white space */
        w = fit_width(c, n);
        if (septets + w > max_septets || o + n > outsz - 1) {
            overflow = true;
            break;
        }
        memcpy(out + o, c, n);
        o += n;
        septets += w;
        if (!fit_space(*c))
            content = o;
    }

    /* Out of budget at c: does anything but white space follow? */
    next_space = overflow && fit_space(*c);
    more = overflow && !next_space;
    while (overflow && !more && fit_char(&st, &c, &n))
        more = !fit_space(*c);
    if (!more) {
        out[content] = '\0'; /* trailing white space */
        return content;
    }

    /*
     * The text must be cut.  best: the latest word end whose text, without
     * what dangles, leaves room for the dots; mid: the latest character
     * boundary that does.
     */
    best = 0;
    mid = 0;
    s_k = 0;
    for (k = 0;; k += n) {
        if (k > 0 && !fit_space(out[k - 1]) && (k < o ? fit_space(out[k]) : next_space)) {
            s_t = s_k;
            for (t = k; t > 0 && fit_dangling(out[t - 1]); t--)
                s_t -= (size_t)gsm7_width((unsigned char)out[t - 1]);
            if (t > 0 && s_t + 2 <= max_septets && t + 2 <= outsz - 1)
                best = k;
        }
        if (s_k + 2 <= max_septets && k + 2 <= outsz - 1)
            mid = k;
        if (k == o)
            break;
        n = fit_len(out, k, o);
        s_k += fit_width(out + k, n);
    }
    return fit_cut(out, best > 0 ? best : mid);
}
