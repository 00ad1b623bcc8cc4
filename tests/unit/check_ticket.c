/*
 * Unit tests for parsers/ticket.c: Damm check digits against published
 * vectors, the reasons ticket_code_check() gives, and exhaustive checks over
 * all 10^6 six-digit bodies: every body gets a valid code, every single-digit
 * substitution and every swap of neighbouring digits is detected, and
 * ticket_code_make() is a permutation for more than one key.
 *
 * The exhaustive loops count failures and assert once at the end: Check
 * records every passing assertion through a pipe, which would make 70
 * million of them take minutes.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "parsers/ticket.h"
#include "tests/unit/check_main.h"

#define KEY_A UINT64_C(0x5eed0f0da5f1a5e1)
#define KEY_B UINT64_C(0x5eed0f0da5f1a5e0) /* KEY_A with its lowest bit flipped */

/* Writes the six digits of body (with leading zeros) into s. */
static void
body_digits(uint32_t body, char s[6])
{
    int i;

    for (i = 5; i >= 0; i--) {
        s[i] = (char)('0' + body % 10);
        body /= 10;
    }
}

/* Parses the six-digit body of a code made by ticket_code_make(). */
static uint32_t
code_body(const char *code)
{
    uint32_t v = 0;
    int i;

    for (i = 0; i < 6; i++)
        v = v * 10 + (uint32_t)(code[i] - '0');
    return v;
}

/* A string literal and its length, NUL bytes inside included. */
#define S(lit) lit, sizeof(lit) - 1

/* Published vectors (Damm's examples as used on Wikipedia and Rosetta
 * Code) and the edges of the input domain. */
static const struct {
    const char *in;
    size_t len;
    int want;
} damm_cases[] = {
    {S("572"), 4},     {S("5724"), 0},   {S("11294"), 6},   {S("112946"), 0}, {S(""), 0},
    {S("0"), 0},       {S("000000"), 0}, {S("1"), 3},       {S("9"), 2},      {S("000001"), 3},
    {S("100000"), 2},  {S("123456"), 6}, {S("999999"), 0},  {S("482193"), 5}, {S("4821935"), 0},
    {S("4821937"), 5}, {S("57a"), -1},   {S("/"), -1},      {S(":"), -1},     {S(" 572"), -1},
    {S("572 "), -1},   {S("-572"), -1},  {S("5\0007"), -1},
};

START_TEST(test_damm_vectors)
{
    ck_assert_int_eq(ticket_damm(damm_cases[_i].in, damm_cases[_i].len), damm_cases[_i].want);
}
END_TEST

static const struct {
    const char *in;
    size_t len;
    const char *want; /* NULL: valid */
    uint32_t value;
} check_cases[] = {
    {"", 0, "empty", 0},
    {NULL, 0, "empty", 0},
    {"0", 1, "not 7 digits", 0},
    {"482193", 6, "not 7 digits", 0},       /* one short */
    {"48219355", 8, "not 7 digits", 0},     /* one long */
    {"48219355", 7, NULL, 4821935},         /* len, not the NUL, decides */
    {"4821935", 7, NULL, 4821935},          /* valid */
    {"4821937", 7, "wrong check digit", 0}, /* the example in the reply templates */
    {"4821936", 7, "wrong check digit", 0},
    {"0000000", 7, NULL, 0},    /* smallest code */
    {"0005724", 7, NULL, 5724}, /* leading zeros */
    {"0005727", 7, "wrong check digit", 0},
    {"9999990", 7, NULL, 9999990}, /* largest body */
    {"9999999", 7, "wrong check digit", 0},
    {"482 935", 7, "not a number", 0},
    {"482193a", 7, "not a number", 0},
    {"+482193", 7, "not a number", 0},
    {"-482193", 7, "not a number", 0},
    {"48219/5", 7, "not a number", 0},                   /* '0' - 1 */
    {"48219:5", 7, "not a number", 0},                   /* '9' + 1 */
    {"1\xd9\xa4\xd9\xa8\xd9\xa2", 7, "not a number", 0}, /* Arabic-Indic digits */
    {"4821935\n", 8, "not 7 digits", 0},
    {"  4821935", 9, "not 7 digits", 0},
};

START_TEST(test_check_reasons)
{
    uint32_t value = 0xdeadbeef;
    const char *why = ticket_code_check(check_cases[_i].in, check_cases[_i].len, &value);

    if (check_cases[_i].want == NULL) {
        ck_assert_msg(why == NULL, "case %d: %s", _i, why);
        ck_assert_uint_eq(value, check_cases[_i].value);
        /* out may be NULL */
        ck_assert_ptr_null(ticket_code_check(check_cases[_i].in, check_cases[_i].len, NULL));
    } else {
        ck_assert_ptr_nonnull(why);
        ck_assert_str_eq(why, check_cases[_i].want);
        ck_assert_uint_eq(value, 0xdeadbeef); /* untouched */
        ck_assert_ptr_nonnull(ticket_code_check(check_cases[_i].in, check_cases[_i].len, NULL));
    }
}
END_TEST

/* For every body: the check digit makes a valid code with the right value. */
START_TEST(test_exhaustive_valid)
{
    char code[TICKET_CODE_LEN];
    uint32_t body, value, bad = 0, first_bad = 0;
    int c;

    for (body = 0; body < TICKET_BODY_MAX; body++) {
        body_digits(body, code);
        c = ticket_damm(code, 6);
        if (c < 0 || c > 9) {
            bad++;
            continue;
        }
        code[6] = (char)('0' + c);
        if (ticket_code_check(code, TICKET_CODE_LEN, &value) != NULL ||
            value != body * 10 + (uint32_t)c) {
            if (bad++ == 0)
                first_bad = body;
        }
    }
    ck_assert_msg(bad == 0, "%u bodies fail, first %06u", bad, first_bad);
}
END_TEST

/* Every substitution of one digit, at any of the seven positions and by
 * any of the nine other digits, is rejected. */
START_TEST(test_exhaustive_substitution)
{
    char code[TICKET_CODE_LEN];
    uint32_t body, missed = 0, tried = 0;
    char first[TICKET_CODE_LEN + 1] = "";
    int pos;
    char orig, d;

    for (body = 0; body < TICKET_BODY_MAX; body++) {
        body_digits(body, code);
        code[6] = (char)('0' + ticket_damm(code, 6));
        for (pos = 0; pos < TICKET_CODE_LEN; pos++) {
            orig = code[pos];
            for (d = '0'; d <= '9'; d++) {
                if (d == orig)
                    continue;
                code[pos] = d;
                tried++;
                if (ticket_code_check(code, TICKET_CODE_LEN, NULL) == NULL && missed++ == 0)
                    memcpy(first, code, TICKET_CODE_LEN);
            }
            code[pos] = orig;
        }
    }
    ck_assert_uint_eq(tried, (uint32_t)TICKET_BODY_MAX * TICKET_CODE_LEN * 9);
    ck_assert_msg(missed == 0, "%u substitutions undetected, first %s", missed, first);
}
END_TEST

/* Every swap of two neighbouring, different digits (six positions, the
 * check digit included) is rejected. */
START_TEST(test_exhaustive_transposition)
{
    char code[TICKET_CODE_LEN];
    uint32_t body, missed = 0, tried = 0;
    char first[TICKET_CODE_LEN + 1] = "";
    int pos;
    char t;

    for (body = 0; body < TICKET_BODY_MAX; body++) {
        body_digits(body, code);
        code[6] = (char)('0' + ticket_damm(code, 6));
        for (pos = 0; pos + 1 < TICKET_CODE_LEN; pos++) {
            if (code[pos] == code[pos + 1])
                continue;
            t = code[pos];
            code[pos] = code[pos + 1];
            code[pos + 1] = t;
            tried++;
            if (ticket_code_check(code, TICKET_CODE_LEN, NULL) == NULL && missed++ == 0)
                memcpy(first, code, TICKET_CODE_LEN);
            code[pos + 1] = code[pos];
            code[pos] = t;
        }
    }
    /* Sanity: most neighbours differ, so millions of swaps were tried. */
    ck_assert_uint_gt(tried, 5000000);
    ck_assert_msg(missed == 0, "%u transpositions undetected, first %s", missed, first);
}
END_TEST

static uint8_t seen[TICKET_BODY_MAX / 8];

/* ticket_code_make() is a bijection of [0, 10^6) for each of two keys, and
 * every code it makes is valid. */
START_TEST(test_make_bijection)
{
    const uint64_t keys[] = {KEY_A, KEY_B, 0, UINT64_MAX};
    char code[TICKET_CODE_LEN + 1];
    uint32_t seq, b, dup = 0, invalid = 0, shape = 0;
    size_t k;

    for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        memset(seen, 0, sizeof(seen));
        for (seq = 0; seq < TICKET_BODY_MAX; seq++) {
            memset(code, 'x', sizeof(code));
            ticket_code_make(seq, keys[k], code);
            if (code[TICKET_CODE_LEN] != '\0' || strlen(code) != TICKET_CODE_LEN) {
                shape++;
                continue;
            }
            if (ticket_code_check(code, TICKET_CODE_LEN, NULL) != NULL)
                invalid++;
            b = code_body(code);
            if (seen[b / 8] & (1u << (b % 8)))
                dup++;
            seen[b / 8] |= (uint8_t)(1u << (b % 8));
        }
        ck_assert_msg(shape == 0, "key %zu: %u codes not 7 digits and a NUL", k, shape);
        ck_assert_msg(invalid == 0, "key %zu: %u invalid codes", k, invalid);
        ck_assert_msg(dup == 0, "key %zu: %u bodies made twice", k, dup);
    }
}
END_TEST

/* seq is taken modulo 10^6, on both sides of the boundary. */
START_TEST(test_make_modulo)
{
    static const uint64_t seqs[] = {0, 1, 999999, 1000000, 1000001, 4821937, UINT64_MAX};
    char a[TICKET_CODE_LEN + 1], b[TICKET_CODE_LEN + 1];
    size_t i;

    for (i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
        ticket_code_make(seqs[i], KEY_A, a);
        ticket_code_make(seqs[i] % TICKET_BODY_MAX, KEY_A, b);
        ck_assert_str_eq(a, b);
    }
    ticket_code_make(999999, KEY_A, a);
    ticket_code_make(1000000, KEY_A, b);
    ck_assert_str_ne(a, b);
    /* Deterministic: the same seq and key give the same code. */
    ticket_code_make(12345, KEY_A, a);
    ticket_code_make(12345, KEY_A, b);
    ck_assert_str_eq(a, b);
}
END_TEST

/* Two keys that differ in one bit give unrelated permutations: they agree
 * on about one seq in 10^6 by chance, not on a pattern. */
START_TEST(test_make_keys_differ)
{
    char a[TICKET_CODE_LEN + 1], b[TICKET_CODE_LEN + 1];
    uint32_t seq, same = 0, same_first = 0;

    for (seq = 0; seq < TICKET_BODY_MAX; seq++) {
        ticket_code_make(seq, KEY_A, a);
        ticket_code_make(seq, KEY_B, b);
        if (strcmp(a, b) == 0)
            same++;
        if (a[0] == b[0])
            same_first++;
    }
    ck_assert_msg(same <= 8, "%u of 10^6 codes equal under both keys", same);
    /* The first digit agrees about 10% of the time, as for random codes. */
    ck_assert_msg(same_first > 90000 && same_first < 110000, "first digit agrees %u times",
                  same_first);
}
END_TEST

/* Consecutive sequence numbers do not give neighbouring bodies: what one
 * citizen's code says about the next one's is no better than a guess. */
START_TEST(test_make_not_sequential)
{
    char a[TICKET_CODE_LEN + 1], b[TICKET_CODE_LEN + 1];
    uint32_t seq, step_one = 0, near = 0, same_block = 0;
    int32_t diff;

    ticket_code_make(0, KEY_A, a);
    for (seq = 1; seq < TICKET_BODY_MAX; seq++) {
        ticket_code_make(seq, KEY_A, b);
        diff = (int32_t)code_body(b) - (int32_t)code_body(a);
        if (diff == 1)
            step_one++;
        if (diff >= -100 && diff <= 100)
            near++;
        if (code_body(a) / 1000 == code_body(b) / 1000)
            same_block++;
        memcpy(a, b, sizeof(a));
    }
    /* For a random permutation: about 1, about 200 and about 1000. */
    ck_assert_msg(step_one <= 8, "%u successors are the next body", step_one);
    ck_assert_msg(near < 400, "%u successors within 100", near);
    ck_assert_msg(same_block < 1500, "%u successors in the same thousand", same_block);

    /* The first tickets of a fresh database, exactly. */
    for (seq = 1; seq < 1000; seq++) {
        ticket_code_make(seq - 1, KEY_A, a);
        ticket_code_make(seq, KEY_A, b);
        diff = (int32_t)code_body(b) - (int32_t)code_body(a);
        ck_assert_msg(diff < -10 || diff > 10, "seq %u: %s then %s", seq, a, b);
    }
}
END_TEST

static Suite *
ticket_suite(void)
{
    Suite *s = suite_create("ticket");
    TCase *tc;

    tc = tcase_create("damm");
    tcase_add_loop_test(tc, test_damm_vectors, 0, sizeof(damm_cases) / sizeof(damm_cases[0]));
    suite_add_tcase(s, tc);

    tc = tcase_create("check");
    tcase_add_loop_test(tc, test_check_reasons, 0, sizeof(check_cases) / sizeof(check_cases[0]));
    suite_add_tcase(s, tc);

    /* Exhaustive loops: well under a second each, longer under sanitizers. */
    tc = tcase_create("exhaustive");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_exhaustive_valid);
    tcase_add_test(tc, test_exhaustive_substitution);
    tcase_add_test(tc, test_exhaustive_transposition);
    suite_add_tcase(s, tc);

    tc = tcase_create("make");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_make_bijection);
    tcase_add_test(tc, test_make_modulo);
    tcase_add_test(tc, test_make_keys_differ);
    tcase_add_test(tc, test_make_not_sequential);
    suite_add_tcase(s, tc);

    return s;
}

CHECK_MAIN(ticket_suite)
