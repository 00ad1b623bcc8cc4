/*
 * Fuzz target for parsers/gsm7.c.  utf8_valid() is compared with a second,
 * independently written validator; septet and segment counts must agree
 * with validity and with each other; and transliteration, into buffers of
 * every interesting size, must give valid GSM-7 text that is no longer than
 * the input, holds no run of spaces, is a prefix of the unbounded result,
 * and is left unchanged by a second pass.  gsm7_fit_words() must stay
 * within its budgets and give the transliteration, whole or cut with "..".
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "parsers/gsm7.h"
#include "tests/fuzz/fuzz.h"

/* UTF-8 validity as RFC 3629 words it: decode, then reject what is longer
 * than needed, a surrogate, or beyond U+10FFFF. */
static bool
reference_utf8_valid(const uint8_t *s, size_t len)
{
    size_t i = 0, n, k;
    uint32_t cp, min;

    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        if ((s[i] >> 5) == 0x6) {
            n = 2;
            cp = s[i] & 0x1f;
            min = 0x80;
        } else if ((s[i] >> 4) == 0xe) {
            n = 3;
            cp = s[i] & 0x0f;
            min = 0x800;
        } else if ((s[i] >> 3) == 0x1e) {
            n = 4;
            cp = s[i] & 0x07;
            min = 0x10000;
        } else {
            return false;
        }
        if (len - i < n)
            return false;
        for (k = 1; k < n; k++) {
            if ((s[i + k] >> 6) != 0x2)
                return false;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += n;
    }
    return true;
}

static void
fuzz_counts(const char *s, size_t size, bool valid)
{
    ssize_t septets = gsm7_septets(s, size);
    int segments = sms_segments(s, size);

    if (!valid) {
        FUZZ_CHECK(septets == -1 && segments == -1);
        return;
    }
    FUZZ_CHECK(segments >= 0);
    FUZZ_CHECK((segments == 0) == (size == 0));
    if (septets < 0) {
        FUZZ_CHECK(size > 0);
        return;
    }
    /* At most two septets per byte: ASCII is one byte and at most two
     * septets, the rest at least two bytes. */
    FUZZ_CHECK((size_t)septets <= 2 * size);
    FUZZ_CHECK(septets > 0 || size == 0);
    if (septets <= GSM7_SEGMENT) {
        FUZZ_CHECK(segments == (septets > 0));
    } else {
        /* Full parts of 153, or 152 when an escape would be split. */
        FUZZ_CHECK(segments >= (septets + GSM7_SEGMENT_UDH - 1) / GSM7_SEGMENT_UDH);
        FUZZ_CHECK(segments <= (septets + GSM7_SEGMENT_UDH - 2) / (GSM7_SEGMENT_UDH - 1));
    }
}

static bool
has_double_space(const char *s, size_t n)
{
    size_t i;

    for (i = 1; i < n; i++)
        if (s[i] == ' ' && s[i - 1] == ' ')
            return true;
    return false;
}

static void
fuzz_transliterate(const char *s, size_t size, bool valid)
{
    size_t sizes[6], outsz, n, m, k;
    char *full, *again, *part;

    full = malloc(size + 1);
    again = malloc(size + 1);
    part = malloc(size + 1);
    if (full == NULL || again == NULL || part == NULL)
        abort();

    /* Transliteration never lengthens, so size + 1 holds the whole result. */
    n = gsm7_transliterate(s, size, full, size + 1);
    FUZZ_CHECK(n <= size);
    FUZZ_CHECK(full[n] == '\0' && memchr(full, '\0', n) == NULL);
    FUZZ_CHECK(utf8_valid(full, n));
    FUZZ_CHECK(gsm7_septets(full, n) >= 0);
    FUZZ_CHECK(!has_double_space(full, n));
    FUZZ_CHECK(memchr(full, '\f', n) == NULL && memchr(full, '\t', n) == NULL);

    /* Text that is GSM-7 already, without form feeds or runs of spaces,
     * comes back as it went in. */
    if (valid && gsm7_septets(s, size) >= 0 && memchr(s, '\f', size) == NULL &&
        !has_double_space(s, size))
        FUZZ_CHECK(n == size && memcmp(full, s, size) == 0);

    /* A second pass changes nothing. */
    m = gsm7_transliterate(full, n, again, n + 1);
    FUZZ_CHECK(m == n && memcmp(again, full, n) == 0);

    /* A smaller buffer gives a prefix that ends on a character boundary. */
    sizes[0] = 1;
    sizes[1] = 2;
    sizes[2] = n;
    sizes[3] = n / 2 + 1;
    sizes[4] = size > 0 ? (unsigned char)s[0] % (size + 1) + 1 : 1;
    sizes[5] = size > 1 ? (unsigned char)s[size - 1] % (size + 1) + 1 : 2;
    for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        outsz = sizes[k] <= size + 1 ? sizes[k] : size + 1;
        if (outsz == 0)
            continue;
        m = gsm7_transliterate(s, size, part, outsz);
        FUZZ_CHECK(m < outsz && part[m] == '\0');
        FUZZ_CHECK(m <= n && memcmp(part, full, m) == 0);
        FUZZ_CHECK(utf8_valid(part, m));
        if (outsz > n)
            FUZZ_CHECK(m == n);
    }

    /* No room at all: nothing written. */
    part[0] = 'x';
    FUZZ_CHECK(gsm7_transliterate(s, size, part, 0) == 0 && part[0] == 'x');

    free(part);
    free(again);
    free(full);
}

static bool
fit_white(char c)
{
    return c == ' ' || c == '\n' || c == '\r';
}

/*
 * gsm7_fit_words() with a budget of max septets into outsz bytes: GSM-7,
 * within both budgets, trimmed; the transliteration itself (trimmed) when
 * that fits, otherwise a prefix of it followed by "..".
 */
static void
fuzz_fit_words(const char *s, size_t size, size_t max, size_t outsz)
{
    char *tr = malloc(size + 1), *out = malloc(outsz + 1);
    size_t n, m, a;
    ssize_t sep, full;

    if (tr == NULL || out == NULL)
        abort();
    m = gsm7_transliterate(s, size, tr, size + 1);
    for (a = 0; a < m && fit_white(tr[a]); a++)
        ;
    while (m > a && fit_white(tr[m - 1]))
        m--;
    full = gsm7_septets(tr + a, m - a);

    out[outsz] = 'x';
    n = gsm7_fit_words(s, size, max, out, outsz);
    FUZZ_CHECK(out[outsz] == 'x'); /* nothing past outsz */
    if (outsz == 0) {
        FUZZ_CHECK(n == 0);
    } else {
        FUZZ_CHECK(n < outsz && out[n] == '\0' && strlen(out) == n);
        FUZZ_CHECK(utf8_valid(out, n));
        sep = gsm7_septets(out, n);
        FUZZ_CHECK(sep >= 0 && (size_t)sep <= max);
        FUZZ_CHECK(n == 0 || (!fit_white(out[0]) && !fit_white(out[n - 1])));
        if (full >= 0 && (size_t)full <= max && m - a < outsz) {
            FUZZ_CHECK(n == m - a && memcmp(out, tr + a, n) == 0);
        } else if (n > 0) {
            FUZZ_CHECK(n >= 3 && memcmp(out + n - 2, "..", 2) == 0);
            FUZZ_CHECK(n - 2 <= m - a && memcmp(out, tr + a, n - 2) == 0);
        }
    }
    free(out);
    free(tr);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    bool valid = utf8_valid(s, size);

    FUZZ_CHECK(valid == reference_utf8_valid(data, size));
    fuzz_counts(s, size, valid);
    fuzz_transliterate(s, size, valid);
    /* budgets from the input, and both sides of one segment */
    fuzz_fit_words(s, size, size > 0 ? data[0] : 0, 256);
    fuzz_fit_words(s, size, GSM7_SEGMENT, 512);
    fuzz_fit_words(s, size, GSM7_SEGMENT - 1, 512);
    fuzz_fit_words(s, size, size > 0 ? data[0] / 8u : 0, size > 1 ? data[1] % 64u : 0);
    return 0;
}
