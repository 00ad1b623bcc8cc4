/*
 * Unit tests for gateway/prom.c, the Prometheus text writer behind
 * /metrics: the exact text of a counter with labels, a gauge and
 * histograms (cumulative buckets, "+Inf", _sum, _count); the escaping of
 * label values (backslash, double quote, newline) and of HELP text; the
 * shortest form of numbers; the bucket of an observation on both sides of
 * each bound; metric and label names; and a buffer too small by one byte.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "gateway/prom.h"
#include "tests/unit/check_main.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static char buf[8192];

/* ---- whole families --------------------------------------------------------- */

START_TEST(test_counter_gauge)
{
    const struct prom_label a[2] = {{"path", "/kannel/mo"}, {"code", "200"}};
    const struct prom_label b[2] = {{"path", "/ussd"}, {"code", "503"}};
    struct prom p;

    prom_init(&p, buf, sizeof(buf));
    prom_family(&p, "t_requests_total", PROM_COUNTER, "Requests by path and code.");
    prom_uint(&p, "t_requests_total", a, 2, 3);
    prom_uint(&p, "t_requests_total", b, 2, 0);
    prom_family(&p, "t_up", PROM_GAUGE, "Whether it is up.");
    prom_uint(&p, "t_up", NULL, 0, 1);
    prom_family(&p, "t_temperature_celsius", PROM_GAUGE, "A value with a fraction.");
    prom_double(&p, "t_temperature_celsius", NULL, 0, 21.5);
    prom_family(&p, "t_big_total", PROM_COUNTER, "The largest counter.");
    prom_uint(&p, "t_big_total", NULL, 0, UINT64_MAX);
    ck_assert_int_eq(prom_finish(&p), 0);
    ck_assert_str_eq(buf, "# HELP t_requests_total Requests by path and code.\n"
                          "# TYPE t_requests_total counter\n"
                          "t_requests_total{path=\"/kannel/mo\",code=\"200\"} 3\n"
                          "t_requests_total{path=\"/ussd\",code=\"503\"} 0\n"
                          "# HELP t_up Whether it is up.\n"
                          "# TYPE t_up gauge\n"
                          "t_up 1\n"
                          "# HELP t_temperature_celsius A value with a fraction.\n"
                          "# TYPE t_temperature_celsius gauge\n"
                          "t_temperature_celsius 21.5\n"
                          "# HELP t_big_total The largest counter.\n"
                          "# TYPE t_big_total counter\n"
                          "t_big_total 18446744073709551615\n");
    ck_assert_uint_eq(p.len, strlen(buf));
}
END_TEST

START_TEST(test_histogram)
{
    static const double bounds[] = {0.1, 0.5, 1};
    /* Not cumulative: 1 at or under 0.1, 2 in (0.1, 0.5], 0 in (0.5, 1],
     * 1 above 1. */
    static const uint64_t counts[] = {1, 2, 0, 1};
    static const uint64_t none[] = {0, 0, 0, 0};
    const struct prom_label sms = {"channel", "sms"};
    struct prom p;

    prom_init(&p, buf, sizeof(buf));
    prom_family(&p, "t_latency_seconds", PROM_HISTOGRAM, "Latency.");
    prom_histogram(&p, "t_latency_seconds", &sms, 1, bounds, NELEM(bounds), counts, 7.25);
    prom_family(&p, "t_batch", PROM_HISTOGRAM, "Empty, without labels.");
    prom_histogram(&p, "t_batch", NULL, 0, bounds, NELEM(bounds), none, 0);
    ck_assert_int_eq(prom_finish(&p), 0);
    ck_assert_str_eq(buf, "# HELP t_latency_seconds Latency.\n"
                          "# TYPE t_latency_seconds histogram\n"
                          "t_latency_seconds_bucket{channel=\"sms\",le=\"0.1\"} 1\n"
                          "t_latency_seconds_bucket{channel=\"sms\",le=\"0.5\"} 3\n"
                          "t_latency_seconds_bucket{channel=\"sms\",le=\"1\"} 3\n"
                          "t_latency_seconds_bucket{channel=\"sms\",le=\"+Inf\"} 4\n"
                          "t_latency_seconds_sum{channel=\"sms\"} 7.25\n"
                          "t_latency_seconds_count{channel=\"sms\"} 4\n"
                          "# HELP t_batch Empty, without labels.\n"
                          "# TYPE t_batch histogram\n"
                          "t_batch_bucket{le=\"0.1\"} 0\n"
                          "t_batch_bucket{le=\"0.5\"} 0\n"
                          "t_batch_bucket{le=\"1\"} 0\n"
                          "t_batch_bucket{le=\"+Inf\"} 0\n"
                          "t_batch_sum 0\n"
                          "t_batch_count 0\n");
}
END_TEST

/* ---- escaping --------------------------------------------------------------- */

static const struct {
    const char *value, *want;
} label_cases[] = {
    {"plain", "plain"},
    {"", ""},
    {"back\\slash", "back\\\\slash"},
    {"\"quoted\"", "\\\"quoted\\\""},
    {"two\nlines", "two\\nlines"},
    {"\\\"\n", "\\\\\\\"\\n"},
    {"\\n", "\\\\n"}, /* a backslash then n: not a newline */
    {"tab\there", "tab\there"},
    {"Sooko \xe2\x80\x94 caf\xc3\xa9", "Sooko \xe2\x80\x94 caf\xc3\xa9"}, /* UTF-8 as it is */
    {"{a=\"b\"},", "{a=\\\"b\\\"},"},
};

START_TEST(test_label_escape)
{
    const struct prom_label l = {"v", label_cases[_i].value};
    char want[256];
    struct prom p;

    prom_init(&p, buf, sizeof(buf));
    prom_uint(&p, "t_x", &l, 1, 7);
    snprintf(want, sizeof(want), "t_x{v=\"%s\"} 7\n", label_cases[_i].want);
    ck_assert_str_eq(buf, want);
}
END_TEST

static const struct {
    const char *help, *want;
} help_cases[] = {
    {"Plain help.", "Plain help."},
    {"", ""},
    {"back\\slash", "back\\\\slash"},
    {"two\nlines", "two\\nlines"},
    {"\"quotes\" stay", "\"quotes\" stay"}, /* not escaped in HELP */
    {"\\\n\"", "\\\\\\n\""},
};

START_TEST(test_help_escape)
{
    char want[256];
    struct prom p;

    prom_init(&p, buf, sizeof(buf));
    prom_family(&p, "t_y", PROM_COUNTER, help_cases[_i].help);
    snprintf(want, sizeof(want), "# HELP t_y %s\n# TYPE t_y counter\n", help_cases[_i].want);
    ck_assert_str_eq(buf, want);
}
END_TEST

/* ---- numbers ---------------------------------------------------------------- */

static const struct {
    double v;
    const char *want;
} number_cases[] = {
    {0, "0"},
    {1, "1"},
    {-1, "-1"},
    {30, "30"}, /* not "3e+01" */
    {1e15, "1000000000000000"},
    {9007199254740991.0,
     "9007199254740991"}, /* 2^53 - 1, the largest whole number printed as one */
    {0.1, "0.1"},
    {2.5, "2.5"},
    {0.0005, "0.0005"},
    {0.1 + 0.2, "0.30000000000000004"},
    {1.0 / 3, "0.3333333333333333"},
    {1e-9, "1e-09"},
    {123456789012.0, "123456789012"},
    {1e21, "1e+21"},
    {9007199254740993.0, "9007199254740992"}, /* 2^53 + 1 is not a double */
};

START_TEST(test_number)
{
    char out[PROM_NUMBER_MAX];

    prom_number(number_cases[_i].v, out);
    ck_assert_str_eq(out, number_cases[_i].want);
}
END_TEST

START_TEST(test_number_special)
{
    char out[PROM_NUMBER_MAX];

    prom_number(INFINITY, out);
    ck_assert_str_eq(out, "+Inf");
    prom_number(-INFINITY, out);
    ck_assert_str_eq(out, "-Inf");
    prom_number(NAN, out);
    ck_assert_str_eq(out, "NaN");
}
END_TEST

/* ---- buckets ---------------------------------------------------------------- */

static const double latency[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                 0.1,    0.25,  0.5,    1,     2.5,  5};

static const struct {
    double v;
    size_t want;
} bucket_cases[] = {
    {-1, 0},         {0, 0},     {0.0005, 0}, /* on a bound: in it ("le") */
    {0.00050001, 1}, {0.001, 1}, {0.0010001, 2}, {0.1, 7}, {0.10000001, 8},
    {4.999999, 12},  {5, 12},    {5.000001, 13}, /* above the last bound: the +Inf bucket */
    {1e9, 13},
};

START_TEST(test_bucket)
{
    ck_assert_uint_eq(prom_bucket(latency, NELEM(latency), bucket_cases[_i].v),
                      bucket_cases[_i].want);
}
END_TEST

START_TEST(test_bucket_special)
{
    ck_assert_uint_eq(prom_bucket(latency, NELEM(latency), NAN), NELEM(latency));
    ck_assert_uint_eq(prom_bucket(latency, NELEM(latency), INFINITY), NELEM(latency));
    ck_assert_uint_eq(prom_bucket(latency, 0, 0), 0); /* no bounds: only +Inf */
}
END_TEST

/* ---- names ------------------------------------------------------------------ */

static const struct {
    const char *name;
    int metric, label;
} name_cases[] = {
    {"a", 1, 1},
    {"aspirasi_messages_in_total", 1, 1},
    {"_a", 1, 1},
    {"__a", 1, 0}, /* labels starting with __ are Prometheus' own */
    {":a", 1, 0},
    {"a:b", 1, 0},
    {"A9_z", 1, 1},
    {"9a", 0, 0},
    {"", 0, 0},
    {"a-b", 0, 0},
    {"a b", 0, 0},
    {"a.b", 0, 0},
    {"caf\xc3\xa9", 0, 0},
};

START_TEST(test_names)
{
    ck_assert_int_eq(prom_metric_name_ok(name_cases[_i].name), name_cases[_i].metric);
    ck_assert_int_eq(prom_label_name_ok(name_cases[_i].name), name_cases[_i].label);
}
END_TEST

/* ---- a buffer too small ----------------------------------------------------- */

/* "t_x 1\n" is 6 bytes: it needs 7 with the NUL. */
static const struct {
    size_t size;
    int fits;
} size_cases[] = {
    {1, 0},
    {6, 0},
    {7, 1},
    {8, 1},
};

START_TEST(test_size)
{
    char small[8];
    struct prom p;

    memset(small, 'x', sizeof(small));
    prom_init(&p, small, size_cases[_i].size);
    prom_uint(&p, "t_x", NULL, 0, 1);
    ck_assert_int_eq(prom_finish(&p), size_cases[_i].fits ? 0 : -1);
    ck_assert_str_eq(small, size_cases[_i].fits ? "t_x 1\n" : "");
    ck_assert_uint_eq(p.len, strlen(small));
}
END_TEST

START_TEST(test_cut_keeps_whole_lines)
{
    char small[16];
    struct prom p;

    /* "t_x 1\n" fits, "t_long_name 22\n" (15 bytes) does not after it, and
     * a shorter line after that still does. */
    prom_init(&p, small, sizeof(small));
    prom_uint(&p, "t_x", NULL, 0, 1);
    prom_uint(&p, "t_long_name", NULL, 0, 22);
    ck_assert_str_eq(small, "t_x 1\n");
    prom_uint(&p, "t_y", NULL, 0, 2);
    ck_assert_str_eq(small, "t_x 1\nt_y 2\n");
    ck_assert_int_eq(prom_finish(&p), -1);
}
END_TEST

static Suite *
metrics_suite(void)
{
    Suite *s = suite_create("metrics");
    TCase *tc = tcase_create("prom");

    tcase_add_test(tc, test_counter_gauge);
    tcase_add_test(tc, test_histogram);
    tcase_add_loop_test(tc, test_label_escape, 0, NELEM(label_cases));
    tcase_add_loop_test(tc, test_help_escape, 0, NELEM(help_cases));
    tcase_add_loop_test(tc, test_number, 0, NELEM(number_cases));
    tcase_add_test(tc, test_number_special);
    tcase_add_loop_test(tc, test_bucket, 0, NELEM(bucket_cases));
    tcase_add_test(tc, test_bucket_special);
    tcase_add_loop_test(tc, test_names, 0, NELEM(name_cases));
    tcase_add_loop_test(tc, test_size, 0, NELEM(size_cases));
    tcase_add_test(tc, test_cut_keeps_whole_lines);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(metrics_suite)
