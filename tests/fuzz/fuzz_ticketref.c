/*
 * Fuzz target for parsers/ticketref.c.  Any bytes go to ticketref_find():
 * the answer must agree with itself (the kind of reference with the digits
 * and their check digit), the digits must be what the text says at the
 * offsets given (separators dropped, look-alikes mapped), and a number of
 * seven digits must be found again, the same, in its own text alone.  The
 * corrections of a bad code must be valid codes one typo away, sorted,
 * without repeats, and the same whatever room they are given; a valid code
 * has none.  The first seven bytes are also tried as a code.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "parsers/ticket.h"
#include "parsers/ticketref.h"
#include "tests/fuzz/fuzz.h"

#define FIX_MAX 16 /* at most 7 changed digits and 6 swaps are valid */

/* The digit a character of a number stands for, '-' for a separator
 * inside it, 0 for anything else. */
static char
span_char(char c)
{
    if (c >= '0' && c <= '9')
        return c;
    switch (c) {
    case 'O':
    case 'o':
        return '0';
    case 'l':
    case 'I':
    case 'i':
        return '1';
    case 'S':
    case 's':
        return '5';
    case 'B':
        return '8';
    case 'Z':
        return '2';
    case ' ':
    case '-':
    case '.':
        return '-';
    default:
        return 0;
    }
}

/* Whether a and b (seven digits each) are one typo apart. */
static bool
one_typo(const char *a, const char *b)
{
    int i, diff = 0, first = -1;

    for (i = 0; i < TICKET_CODE_LEN; i++) {
        if (a[i] != b[i]) {
            if (first < 0)
                first = i;
            diff++;
        }
    }
    return diff == 1 || (diff == 2 && first + 1 < TICKET_CODE_LEN && a[first] == b[first + 1] &&
                         a[first + 1] == b[first]);
}

static void
check_corrections(const char *code)
{
    char fix[FIX_MAX][TICKET_CODE_LEN + 1], part[FIX_MAX][TICKET_CODE_LEN + 1];
    bool valid = ticket_code_check(code, TICKET_CODE_LEN, NULL) == NULL;
    size_t n, m, i, max;

    n = ticketref_corrections(code, fix, FIX_MAX);
    if (valid) {
        FUZZ_CHECK(n == 0);
        return;
    }
    /* one change per place makes a valid code, and at most six swaps do */
    FUZZ_CHECK(n >= TICKET_CODE_LEN && n <= 2 * TICKET_CODE_LEN - 1);
    for (i = 0; i < n; i++) {
        FUZZ_CHECK(fix[i][TICKET_CODE_LEN] == '\0');
        FUZZ_CHECK(ticket_code_check(fix[i], TICKET_CODE_LEN, NULL) == NULL);
        FUZZ_CHECK(one_typo(code, fix[i]));
        if (i > 0)
            FUZZ_CHECK(strcmp(fix[i - 1], fix[i]) < 0);
    }
    for (max = 0; max <= n; max++) {
        memset(part, 'x', sizeof(part));
        m = ticketref_corrections(code, part, max);
        FUZZ_CHECK(m == n);
        for (i = 0; i < max; i++)
            FUZZ_CHECK(memcmp(part[i], fix[i], sizeof(fix[i])) == 0);
        if (max < FIX_MAX)
            FUZZ_CHECK(part[max][0] == 'x');
    }
}

static void
check_find(const char *s, size_t size)
{
    struct ticketref r, again;
    size_t i, nd, ndig = 0;
    int found;
    char d;

    memset(&r, 0x5a, sizeof(r));
    found = ticketref_find(s, size, &r);
    FUZZ_CHECK(found == (r.ref != TICKET_REF_NONE));
    FUZZ_CHECK(memchr(r.digits, '\0', sizeof(r.digits)) != NULL);
    nd = strlen(r.digits);
    for (i = 0; i < nd; i++)
        FUZZ_CHECK(r.digits[i] >= '0' && r.digits[i] <= '9');
    if (!found) {
        FUZZ_CHECK(nd == 0 && r.len == 0);
        return;
    }
    FUZZ_CHECK(r.len > 0 && r.off <= size && r.len <= size - r.off);

    /* The span is the number and nothing else: it starts and ends with a
     * digit or a look-alike, no digit touches it from outside, and its
     * digits, mapped, are the ones reported. */
    FUZZ_CHECK(span_char(s[r.off]) > '-' && span_char(s[r.off + r.len - 1]) > '-');
    FUZZ_CHECK(r.off == 0 || !(s[r.off - 1] >= '0' && s[r.off - 1] <= '9'));
    FUZZ_CHECK(r.off + r.len == size || !(s[r.off + r.len] >= '0' && s[r.off + r.len] <= '9'));
    for (i = r.off; i < r.off + r.len; i++) {
        d = span_char(s[i]);
        FUZZ_CHECK(d != 0);
        FUZZ_CHECK(i == r.off || d != '-' || span_char(s[i - 1]) != '-'); /* single separators */
        if (d == '-')
            continue;
        if (ndig < TICKETREF_DIGITS_MAX - 1)
            FUZZ_CHECK(r.digits[ndig] == d);
        ndig++;
    }
    FUZZ_CHECK(nd == (ndig < TICKETREF_DIGITS_MAX - 1 ? ndig : TICKETREF_DIGITS_MAX - 1));

    switch (r.ref) {
    case TICKET_REF_VALID:
        FUZZ_CHECK(ndig == TICKET_CODE_LEN);
        FUZZ_CHECK(ticket_code_check(r.digits, nd, NULL) == NULL);
        break;
    case TICKET_REF_BAD_CHECK:
        FUZZ_CHECK(ndig == TICKET_CODE_LEN);
        FUZZ_CHECK(ticket_code_check(r.digits, nd, NULL) != NULL);
        break;
    case TICKET_REF_BAD_LENGTH:
        FUZZ_CHECK(ndig != TICKET_CODE_LEN);
        return;
    default:
        FUZZ_CHECK(!"unknown reference");
    }

    /* Seven digits stand on their own: the same number in its span alone. */
    FUZZ_CHECK(ticketref_find(s + r.off, r.len, &again) == 1);
    FUZZ_CHECK(again.ref == r.ref && strcmp(again.digits, r.digits) == 0);
    FUZZ_CHECK(again.off == 0 && again.len == r.len);
    check_corrections(r.digits);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char code[TICKET_CODE_LEN + 2];
    size_t i;

    check_find((const char *)data, size);

    /* The first bytes as a code: seven digits, or not a code at all. */
    if (size >= TICKET_CODE_LEN) {
        memcpy(code, data, TICKET_CODE_LEN);
        code[TICKET_CODE_LEN] = '\0';
        for (i = 0; i < TICKET_CODE_LEN && code[i] >= '0' && code[i] <= '9'; i++)
            ;
        if (i == TICKET_CODE_LEN)
            check_corrections(code);
        else
            FUZZ_CHECK(ticketref_corrections(code, NULL, 0) == 0);
        /* a longer string is no code either */
        code[TICKET_CODE_LEN] = size > TICKET_CODE_LEN ? (char)(data[TICKET_CODE_LEN] | 1) : '1';
        code[TICKET_CODE_LEN + 1] = '\0';
        FUZZ_CHECK(ticketref_corrections(code, NULL, 0) == 0);
    }
    return 0;
}
