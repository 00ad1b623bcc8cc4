/*
 * Unit tests for parsers/msisdn.c: every form an Indonesian number arrives
 * in, the limits of E.164 and of the output buffer on both sides, the
 * reasons for rejected input, and masking for logs at every length where
 * the rule changes and with a buffer too small.
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "parsers/msisdn.h"
#include "tests/unit/check_main.h"

#define S(lit)   lit, sizeof(lit) - 1
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *in;
    size_t len;
    const char *want; /* the normalised number, when why is NULL */
    const char *why;  /* the reason, or NULL */
} norm_cases[] = {
    /* one number, every way it is written */
    {S("+6281234567890"), "+6281234567890", NULL},
    {S("6281234567890"), "+6281234567890", NULL},
    {S("081234567890"), "+6281234567890", NULL},
    {S("0062812 3456 7890"), "+6281234567890", NULL},
    {S("0812-3456-7890"), "+6281234567890", NULL},
    {S("0812.3456.7890"), "+6281234567890", NULL},
    {S(" +62 812 3456 7890 "), "+6281234567890", NULL},
    {S("+62 0812 3456 7890"), "+6281234567890", NULL}, /* trunk 0 after the country code */
    {S("0062 0812 3456 7890"), "+6281234567890", NULL},
    {S("81234567890"), "+6281234567890", NULL}, /* bare mobile number */
    /* a bare number starting with 8: 9 to 12 digits is a mobile number */
    {S("81234567"), "81234567", NULL},
    {S("812345678"), "+62812345678", NULL},
    {S("812345678901"), "+62812345678901", NULL},
    {S("8123456789012"), "8123456789012", NULL},
    /* 62 without "+": at least 9 digits, else a short code */
    {S("62812345"), "62812345", NULL},
    {S("628123456"), "+628123456", NULL},
    /* landlines and short codes */
    {S("0321123456"), "+62321123456", NULL},
    {S("1500"), "1500", NULL},
    {S("0"), "0", NULL},
    {S("00"), "00", NULL},
    /* other countries keep their "+" */
    {S("+14155552671"), "+14155552671", NULL},
    {S("0014155552671"), "+14155552671", NULL},
    {S("+60 12-345 6789"), "+60123456789", NULL},
    /* E.164: at most 15 digits, on both sides */
    {S("+628123456789012"), "+628123456789012", NULL},
    {S("+6281234567890123"), NULL, "too long"},
    {S("08123456789012"), "+628123456789012", NULL}, /* 62 + 13 */
    {S("081234567890123"), NULL, "too long"},        /* 62 + 14 */
    {S("00628123456789012"), "+628123456789012", NULL},
    {S("006281234567890123"), NULL, "too long"},
    {S("123456789012345"), "123456789012345", NULL},
    {S("1234567890123456"), NULL, "too long"},
    {S("12345678901234567890123456789012345678901234567890"), NULL, "too long"},
    /* nothing there */
    {S(""), NULL, "empty"},
    {S("   "), NULL, "empty"},
    {S("-.-"), NULL, "empty"},
    {S("+"), NULL, "empty"},
    /* alphanumeric senders, copied without surrounding spaces */
    {S("TELKOMSEL"), "TELKOMSEL", NULL},
    {S("3Care"), "3Care", NULL},
    {S(" Info Bank "), "Info Bank", NULL},
    {S("AXIS-Net"), "AXIS-Net", NULL},
    {S("ABCDEFGHIJKLMNOPQRSTUVW"), "ABCDEFGHIJKLMNOPQRSTUVW", NULL}, /* 23 */
    {S("ABCDEFGHIJKLMNOPQRSTUVWX"), NULL, "too long"},               /* 24 */
    /* bad characters */
    {S("+62812abc7890"), NULL, "bad character"}, /* a "+" makes it a number */
    {S("+62+812"), NULL, "bad character"},
    {S("++62812"), NULL, "bad character"},
    {S("62+812"), NULL, "bad character"},
    {S("0812#3456"), NULL, "bad character"},
    {S("*123#"), NULL, "bad character"},
    {S("(0321) 123456"), NULL, "bad character"},
    {S("0812\n3456"), NULL, "bad character"},
    {S("0812\t3456"), NULL, "bad character"},
    {S("0812\0003456"), NULL, "bad character"},
    {S("TELKOMSEL\x01"), NULL, "bad character"},
    {S("Télkomsel"), NULL, "bad character"},
    {S("\xd9\xa0\xd9\xa8"), NULL, "bad character"}, /* Arabic-Indic digits */
};

START_TEST(test_normalize)
{
    char out[MSISDN_MAX];
    const char *why;

    memset(out, 'x', sizeof(out));
    why = msisdn_normalize(norm_cases[_i].in, norm_cases[_i].len, out);
    if (norm_cases[_i].why == NULL) {
        ck_assert_msg(why == NULL, "case %d: %s", _i, why);
        ck_assert_str_eq(out, norm_cases[_i].want);
    } else {
        ck_assert_ptr_nonnull(why);
        ck_assert_str_eq(why, norm_cases[_i].why);
        ck_assert_str_eq(out, ""); /* left empty */
    }
}
END_TEST

/* Only len bytes are read: a number cut short is normalised as such. */
START_TEST(test_normalize_len)
{
    char out[MSISDN_MAX];

    ck_assert_ptr_null(msisdn_normalize("081234567890xyz", 12, out));
    ck_assert_str_eq(out, "+6281234567890");
    ck_assert_str_eq(msisdn_normalize("081234567890", 0, out), "empty");
}
END_TEST

static const struct {
    const char *in;
    size_t outsz;
    const char *want;
} mask_cases[] = {
    {"+6281234567890", 32, "+62812****7890"},
    {"+6281234567890", 15, "+62812****7890"}, /* exactly enough */
    {"+6281234567890", 14, "+62812****789"},  /* one short: cut, still masked */
    {"+6281234567890", 7, "+62812"},
    {"+6281234567890", 1, ""},
    {"6281234567890", 32, "628123****7890"},
    {"+14155552671", 32, "+14155****2671"},
    {"08123456789", 32, "081234****6789"}, /* 11 characters */
    {"0812345678", 32, "****78"},          /* 10: only the last two */
    {"12345", 32, "****45"},               /* 5 */
    {"1234", 32, "****"},                  /* 4: nothing shown */
    {"1", 32, "****"},
    {"", 32, ""},
    {"TELKOMSEL", 32, "****EL"},
    {"Info Bank Mandiri", 32, "Info?B****diri"},
    {"+6\n8123456789", 32, "+6?812****6789"}, /* nothing breaks the log line */
    {"caf\xc3\xa9xy34567", 32, "caf??x****4567"},
    {"1234567890123456789012345678901234567890", 32, "123456****7890"},
};

START_TEST(test_mask)
{
    char out[32];

    memset(out, 'x', sizeof(out));
    ck_assert_ptr_eq(msisdn_mask(mask_cases[_i].in, out, mask_cases[_i].outsz), out);
    ck_assert_str_eq(out, mask_cases[_i].want);
    if (mask_cases[_i].outsz < sizeof(out))
        ck_assert_int_eq(out[mask_cases[_i].outsz], 'x'); /* nothing written beyond */
}
END_TEST

START_TEST(test_mask_edges)
{
    char out[8] = "untouch";

    ck_assert_ptr_eq(msisdn_mask("+6281234567890", out, 0), out);
    ck_assert_str_eq(out, "untouch");
    ck_assert_str_eq(msisdn_mask(NULL, out, sizeof(out)), "");
}
END_TEST

/* Whatever the input, a masked number never holds the whole number. */
START_TEST(test_mask_never_whole)
{
    char in[32], out[32];
    size_t len, i, shown;

    for (len = 1; len < sizeof(in); len++) {
        memset(in, '7', len);
        in[len] = '\0';
        msisdn_mask(in, out, sizeof(out));
        for (i = 0, shown = 0; out[i] != '\0'; i++)
            shown += out[i] == '7';
        ck_assert_msg(shown < len, "length %zu: %s", len, out);
        ck_assert_ptr_nonnull(strstr(out, "****"));
    }
}
END_TEST

static Suite *
msisdn_suite(void)
{
    Suite *s = suite_create("msisdn");
    TCase *tc;

    tc = tcase_create("normalize");
    tcase_add_loop_test(tc, test_normalize, 0, NELEM(norm_cases));
    tcase_add_test(tc, test_normalize_len);
    suite_add_tcase(s, tc);

    tc = tcase_create("mask");
    tcase_add_loop_test(tc, test_mask, 0, NELEM(mask_cases));
    tcase_add_test(tc, test_mask_edges);
    tcase_add_test(tc, test_mask_never_whole);
    suite_add_tcase(s, tc);

    return s;
}

CHECK_MAIN(msisdn_suite)
