/*
 * Ticket codes: a keyed permutation of the sequence number, then a Damm
 * check digit.
 *
 * The Damm algorithm runs the digits through a quasigroup of order 10:
 * starting from 0, the interim digit becomes table[interim][digit] for each
 * digit, and the check digit is the final interim value.  A code is valid
 * when running all seven digits through the table ends at 0.  Because the
 * table is weakly totally anti-symmetric (x*c*y == y*c*x implies x == y,
 * and x*x == 0), every single substituted digit and every swap of two
 * neighbouring digits, the check digit included, changes the result.
 *
 * The body of the code hides the sequence number with a balanced Feistel
 * network over the decimal domain split as 1000 x 1000: each round adds a
 * keyed pseudo-random function of one half to the other half modulo 1000
 * and swaps them.  Every round is invertible on its own, so the whole
 * network is a permutation of exactly 10^6 values and no cycle walking is
 * needed: 1000 * 1000 is TICKET_BODY_MAX itself.
 */
#include <stddef.h>
#include <stdint.h>

#include "parsers/ticket.h"

#define FEISTEL_HALF   1000 /* each half of the body: three digits */
#define FEISTEL_ROUNDS 4

/*
 * The quasigroup of order 10 from H. M. Damm's thesis (2004), as used by
 * every published implementation; its diagonal is all zeros.
 */
static const uint8_t damm_table[10][10] = {
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3}, {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6}, {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7}, {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
};

int
ticket_damm(const char *s, size_t n)
{
    unsigned interim = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        interim = damm_table[interim][s[i] - '0'];
    }
    return (int)interim;
}

/* The splitmix64 finaliser: a fast 64-bit mix with full avalanche. */
static uint64_t
mix64(uint64_t z)
{
    z += UINT64_C(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/*
 * The keyed round function: round and half are mixed first, then the key,
 * so that two keys differing in a single bit still give unrelated rounds.
 * The modulo bias (2^64 mod 1000 out of 2^64) is negligible.
 */
static uint32_t
feistel_round(uint64_t key, unsigned round, uint32_t half)
{
    uint64_t h = mix64(((uint64_t)round << 32) | half);

    return (uint32_t)(mix64(h ^ key) % FEISTEL_HALF);
}

void
ticket_code_make(uint64_t seq, uint64_t key, char out[TICKET_CODE_LEN + 1])
{
    uint32_t x = (uint32_t)(seq % TICKET_BODY_MAX);
    uint32_t left = x / FEISTEL_HALF, right = x % FEISTEL_HALF, next;
    unsigned r;
    int i;

    for (r = 0; r < FEISTEL_ROUNDS; r++) {
        next = (left + feistel_round(key, r, right)) % FEISTEL_HALF;
        left = right;
        right = next;
    }
    x = left * FEISTEL_HALF + right;

    for (i = TICKET_CODE_LEN - 2; i >= 0; i--) {
        out[i] = (char)('0' + x % 10);
        x /= 10;
    }
    out[TICKET_CODE_LEN - 1] = (char)('0' + ticket_damm(out, TICKET_CODE_LEN - 1));
    out[TICKET_CODE_LEN] = '\0';
}

const char *
ticket_code_check(const char *s, size_t len, uint32_t *out)
{
    uint32_t value = 0;
    size_t i;

    if (s == NULL || len == 0)
        return "empty";
    if (len != TICKET_CODE_LEN)
        return "not 7 digits";
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return "not a number";
        value = value * 10 + (uint32_t)(s[i] - '0');
    }
    if (ticket_damm(s, len) != 0)
        return "wrong check digit";
    if (out != NULL)
        *out = value;
    return NULL;
}
