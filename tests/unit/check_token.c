/*
 * Unit tests for gateway/token.c: the form of new tokens, the lookup prefix
 * (every length, letter and tag on both sides of the rule), SHA-256 against
 * known digests, and the constant-time comparison.
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "gateway/token.h"
#include "tests/unit/check_main.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char good[] = "asp_0123456789abcdef0123456789abcdef01234567";

START_TEST(test_new_form)
{
    char a[TOKEN_LEN + 1], b[TOKEN_LEN + 1], prefix[TOKEN_PREFIX_LEN + 1];

    ck_assert_int_eq(token_new(a), 0);
    ck_assert_int_eq(token_new(b), 0);
    ck_assert_uint_eq(strlen(a), TOKEN_LEN);
    ck_assert_int_eq(token_prefix(a, strlen(a), prefix), 0);
    ck_assert_int_eq(memcmp(prefix, a + 4, TOKEN_PREFIX_LEN), 0);
    ck_assert_str_ne(a, b); /* 160 random bits: equal only if the source is broken */
}
END_TEST

static const struct {
    const char *tok;
    int ok;
} prefix_cases[] = {
    {"asp_0123456789abcdef0123456789abcdef01234567", 1},
    {"asp_0123456789abcdef0123456789abcdef0123456", 0},   /* 43 characters */
    {"asp_0123456789abcdef0123456789abcdef012345678", 0}, /* 45 */
    {"asp_0123456789ABCDEF0123456789abcdef01234567", 0},  /* upper-case hex */
    {"asp_0123456789abcdeg0123456789abcdef01234567", 0},  /* g */
    {"asp-0123456789abcdef0123456789abcdef01234567", 0},  /* tag */
    {"ASP_0123456789abcdef0123456789abcdef01234567", 0},
    {"xsp_0123456789abcdef0123456789abcdef01234567", 0},
    {"asp_0123456789abcdef0123456789abcdef0123456 ", 0}, /* a space */
    {"", 0},
};

START_TEST(test_prefix)
{
    char prefix[TOKEN_PREFIX_LEN + 1] = "";
    const char *t = prefix_cases[_i].tok;
    int rc = token_prefix(t, strlen(t), prefix);

    ck_assert_msg((rc == 0) == prefix_cases[_i].ok, "token_prefix(\"%s\") = %d", t, rc);
    if (rc == 0)
        ck_assert_str_eq(prefix, "01234567");
}
END_TEST

/* Hex of 32 bytes. */
static void
hex(const unsigned char h[32], char out[65])
{
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

START_TEST(test_hash)
{
    unsigned char h[32];
    char x[65];

    ck_assert_int_eq(token_hash(good, strlen(good), h), 0);
    hex(h, x);
    ck_assert_str_eq(x, "c5a9bb1566943250bf0cf9f6e1d38afad93c20c4a97ef6ce8efb4714174d63f8");
    ck_assert_int_eq(token_hash("", 0, h), 0);
    hex(h, x);
    ck_assert_str_eq(x, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

START_TEST(test_equal)
{
    unsigned char a[32], b[32];

    ck_assert_int_eq(token_hash(good, strlen(good), a), 0);
    memcpy(b, a, sizeof(b));
    ck_assert_int_eq(token_hash_equal(a, b), 1);
    for (int i = 0; i < 32; i++) {
        b[i] ^= 1; /* each byte, first and last included */
        ck_assert_int_eq(token_hash_equal(a, b), 0);
        b[i] ^= 1;
    }
}
END_TEST

static Suite *
token_suite(void)
{
    Suite *s = suite_create("token");
    TCase *tc = tcase_create("token");

    tcase_add_test(tc, test_new_form);
    tcase_add_loop_test(tc, test_prefix, 0, (int)NELEM(prefix_cases));
    tcase_add_test(tc, test_hash);
    tcase_add_test(tc, test_equal);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(token_suite)
