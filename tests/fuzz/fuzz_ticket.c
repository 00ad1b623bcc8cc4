/*
 * Fuzz target for parsers/ticket.c.  Any bytes go to ticket_damm() and
 * ticket_code_check(), whose answers must agree with each other and with
 * the reason the input deserves; a valid code must survive no single-digit
 * substitution or neighbour swap.  The first sixteen bytes also choose a
 * sequence number and a key for ticket_code_make(), whose code must be
 * valid and must differ from its successor's.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/ticket.h"
#include "tests/fuzz/fuzz.h"

/* Every single-digit substitution and every swap of different neighbours
 * of the valid code c is rejected. */
static void
check_typos(const char *c)
{
    char t[TICKET_CODE_LEN];
    char d;
    int i;

    for (i = 0; i < TICKET_CODE_LEN; i++) {
        for (d = '0'; d <= '9'; d++) {
            if (d == c[i])
                continue;
            memcpy(t, c, TICKET_CODE_LEN);
            t[i] = d;
            FUZZ_CHECK(ticket_code_check(t, TICKET_CODE_LEN, NULL) != NULL);
        }
        if (i + 1 < TICKET_CODE_LEN && c[i] != c[i + 1]) {
            memcpy(t, c, TICKET_CODE_LEN);
            t[i] = c[i + 1];
            t[i + 1] = c[i];
            FUZZ_CHECK(ticket_code_check(t, TICKET_CODE_LEN, NULL) != NULL);
        }
    }
}

static void
fuzz_check(const char *s, size_t size)
{
    bool digits = true;
    uint32_t value = 0, out = UINT32_MAX;
    const char *why;
    size_t i;
    int damm;

    for (i = 0; i < size; i++) {
        if (s[i] < '0' || s[i] > '9')
            digits = false;
        else if (i < TICKET_CODE_LEN)
            value = value * 10 + (uint32_t)(s[i] - '0');
    }
    damm = ticket_damm(s, size);
    FUZZ_CHECK(digits ? damm >= 0 && damm <= 9 : damm == -1);

    why = ticket_code_check(s, size, &out);
    if (why == NULL) {
        FUZZ_CHECK(size == TICKET_CODE_LEN && digits && damm == 0);
        FUZZ_CHECK(out == value);
        FUZZ_CHECK(ticket_damm(s, TICKET_CODE_LEN - 1) == s[TICKET_CODE_LEN - 1] - '0');
        check_typos(s);
        return;
    }
    FUZZ_CHECK(out == UINT32_MAX); /* untouched */
    if (size == 0)
        FUZZ_CHECK(strcmp(why, "empty") == 0);
    else if (size != TICKET_CODE_LEN)
        FUZZ_CHECK(strcmp(why, "not 7 digits") == 0);
    else if (!digits)
        FUZZ_CHECK(strcmp(why, "not a number") == 0);
    else
        FUZZ_CHECK(strcmp(why, "wrong check digit") == 0 && damm != 0);
}

static void
fuzz_make(const uint8_t *data, size_t size)
{
    char code[TICKET_CODE_LEN + 1], other[TICKET_CODE_LEN + 1];
    uint64_t seq = 0, key = 0;
    uint32_t value;

    memcpy(&seq, data, size < 8 ? size : 8);
    if (size > 8)
        memcpy(&key, data + 8, size - 8 < 8 ? size - 8 : 8);

    memset(code, 'x', sizeof(code));
    ticket_code_make(seq, key, code);
    FUZZ_CHECK(code[TICKET_CODE_LEN] == '\0' && strlen(code) == TICKET_CODE_LEN);
    FUZZ_CHECK(ticket_code_check(code, TICKET_CODE_LEN, &value) == NULL);
    check_typos(code);

    ticket_code_make(seq % TICKET_BODY_MAX, key, other);
    FUZZ_CHECK(strcmp(code, other) == 0);
    /* seq + 1 is a different value modulo 10^6, so a different code. */
    ticket_code_make(seq + 1, key, other);
    FUZZ_CHECK(strcmp(code, other) != 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_check((const char *)data, size);
    fuzz_make(data, size);
    return 0;
}
