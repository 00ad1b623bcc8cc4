/*
 * Unit tests for db/arrays.c, the array parameters in PostgreSQL's binary
 * format: every byte of the header (dimensions, the NULL flag, the element
 * type, length and lower bound) for empty arrays and arrays with NULLs;
 * texts as they are, quotes, backslashes and non-ASCII included, and a NUL
 * byte refused; bytea with every byte value; int2, int4 and int8 at their
 * limits and negative, in their widths; booleans; a growing array; an array
 * started again; and the parameter it becomes (binary, its length).  The
 * integration suites send such arrays to a real server (mo_http, ussd_batch,
 * limits, injection).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "db/internal.h"
#include "tests/unit/check_main.h"

/* A string literal and its length, NUL bytes inside included. */
#define S(lit) lit, sizeof(lit) - 1

static uint32_t
be32(const char *p)
{
    const unsigned char *b = (const unsigned char *)p;

    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | (uint32_t)b[3];
}

/* Checks the header of a one-dimensional array of n elements. */
static void
check_head(const struct db_arr *a, uint32_t type, uint32_t nulls, uint32_t n)
{
    ck_assert_uint_ge(a->len, 20);
    ck_assert_uint_eq(be32(a->buf), 1);
    ck_assert_uint_eq(be32(a->buf + 4), nulls);
    ck_assert_uint_eq(be32(a->buf + 8), type);
    ck_assert_uint_eq(be32(a->buf + 12), n);
    ck_assert_uint_eq(be32(a->buf + 16), 1);
}

/* The element at *at: its length (-1 for NULL), *at moved past it. */
static int32_t
elem(const struct db_arr *a, size_t *at, const char **bytes)
{
    int32_t len;

    ck_assert_uint_le(*at + 4, a->len);
    len = (int32_t)be32(a->buf + *at);
    *at += 4;
    *bytes = a->buf + *at;
    if (len > 0)
        *at += (size_t)len;
    ck_assert_uint_le(*at, a->len);
    return len;
}

/* Checks that the element at *at is an integer of bytes bytes, want in
 * two's complement, and moves *at past it. */
static void
expect_int(const struct db_arr *a, size_t *at, int bytes, uint64_t want)
{
    const char *b;
    uint64_t got = 0;

    ck_assert_int_eq(elem(a, at, &b), bytes);
    for (int i = 0; i < bytes; i++)
        got = got << 8 | (unsigned char)b[i];
    ck_assert_uint_eq(got, want);
}

START_TEST(test_empty)
{
    static const enum db_elem types[] = {DB_TEXT, DB_BPCHAR, DB_BYTEA, DB_INT2,
                                         DB_INT4, DB_INT8,   DB_BOOL};

    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        struct db_arr a = {0};

        db_arr_start(&a, types[i]);
        db_arr_end(&a);
        /* No dimension: ndim 0, no NULL, the element type, and no more. */
        ck_assert_uint_eq(a.len, 12);
        ck_assert_uint_eq(be32(a.buf), 0);
        ck_assert_uint_eq(be32(a.buf + 4), 0);
        ck_assert_uint_eq(be32(a.buf + 8), (uint32_t)types[i]);
        free(a.buf);
    }
}
END_TEST

START_TEST(test_texts)
{
    struct db_arr a = {0};
    const char *b;
    size_t at = 20;

    db_arr_start(&a, DB_TEXT);
    ck_assert_int_eq(db_arr_str(&a, "ADUAN jalan rusak"), 0);
    ck_assert_int_eq(db_arr_str(&a, NULL), 0);
    ck_assert_int_eq(db_arr_str(&a, ""), 0);
    ck_assert_int_eq(db_arr_text(&a, S("a\"b\\c,{}' NULL")), 0);
    ck_assert_int_eq(db_arr_text(&a, S("Sooko \xea\xa6\xb1\xea\xa6\xae")), 0);
    /* Only len bytes: the rest of s is not read. */
    ck_assert_int_eq(db_arr_text(&a, "STATUS 4821937", 6), 0);
    db_arr_end(&a);
    check_head(&a, 25, 1, 6);
    ck_assert_int_eq(elem(&a, &at, &b), 17);
    ck_assert_mem_eq(b, "ADUAN jalan rusak", 17);
    ck_assert_int_eq(elem(&a, &at, &b), -1);
    ck_assert_int_eq(elem(&a, &at, &b), 0);
    ck_assert_int_eq(elem(&a, &at, &b), (int32_t)sizeof("a\"b\\c,{}' NULL") - 1);
    ck_assert_mem_eq(b, "a\"b\\c,{}' NULL", sizeof("a\"b\\c,{}' NULL") - 1);
    ck_assert_int_eq(elem(&a, &at, &b), 12);
    ck_assert_mem_eq(b, "Sooko \xea\xa6\xb1\xea\xa6\xae", 12);
    ck_assert_int_eq(elem(&a, &at, &b), 6);
    ck_assert_mem_eq(b, "STATUS", 6);
    ck_assert_uint_eq(at, a.len);
    free(a.buf);
}
END_TEST

START_TEST(test_text_nul)
{
    struct db_arr a = {0};

    db_arr_start(&a, DB_TEXT);
    ck_assert_int_eq(db_arr_text(&a, S("ADUAN\0jalan")), -1);
    ck_assert_int_eq(db_arr_text(&a, S("\0")), -1);
    free(a.buf);
}
END_TEST

START_TEST(test_no_nulls_flag)
{
    struct db_arr a = {0};

    db_arr_start(&a, DB_BPCHAR);
    ck_assert_int_eq(db_arr_str(&a, "4821937"), 0);
    ck_assert_int_eq(db_arr_str(&a, "1000007"), 0);
    db_arr_end(&a);
    check_head(&a, 1042, 0, 2);
    ck_assert_uint_eq(a.len, 20 + 2 * (4 + 7));
    free(a.buf);
}
END_TEST

START_TEST(test_bytea)
{
    struct db_arr a = {0};
    char all[256];
    const char *b;
    size_t at = 20;

    for (int i = 0; i < 256; i++)
        all[i] = (char)i;
    db_arr_start(&a, DB_BYTEA);
    ck_assert_int_eq(db_arr_bytea(&a, all, sizeof(all)), 0);
    ck_assert_int_eq(db_arr_bytea(&a, "", 0), 0);
    db_arr_end(&a);
    check_head(&a, 17, 0, 2);
    ck_assert_int_eq(elem(&a, &at, &b), 256);
    ck_assert_mem_eq(b, all, 256);
    ck_assert_int_eq(elem(&a, &at, &b), 0);
    ck_assert_uint_eq(at, a.len);
    free(a.buf);
}
END_TEST

START_TEST(test_int2)
{
    struct db_arr a = {0};
    const char *b;
    size_t at = 20;

    db_arr_start(&a, DB_INT2);
    db_arr_int(&a, 0, 0);
    db_arr_int(&a, 2, 0);
    db_arr_int(&a, -1, 0);
    db_arr_int(&a, 0, 1);
    db_arr_int(&a, INT16_MIN, 0);
    db_arr_end(&a);
    check_head(&a, 21, 1, 5);
    expect_int(&a, &at, 2, 0);
    expect_int(&a, &at, 2, 2);
    expect_int(&a, &at, 2, 0xffff);
    ck_assert_int_eq(elem(&a, &at, &b), -1);
    expect_int(&a, &at, 2, 0x8000);
    ck_assert_uint_eq(at, a.len);
    free(a.buf);
}
END_TEST

START_TEST(test_int4_int8)
{
    struct db_arr a = {0};
    size_t at = 20;

    db_arr_start(&a, DB_INT4);
    db_arr_int(&a, 1, 0);
    db_arr_int(&a, 300, 0);
    db_arr_int(&a, INT32_MIN, 0);
    db_arr_end(&a);
    check_head(&a, 23, 0, 3);
    expect_int(&a, &at, 4, 1);
    expect_int(&a, &at, 4, 300);
    expect_int(&a, &at, 4, 0x80000000u);
    ck_assert_uint_eq(at, a.len);

    /* Started again: the same buffer, a new array. */
    at = 20;
    db_arr_start(&a, DB_INT8);
    db_arr_int(&a, INT64_MIN, 0);
    db_arr_int(&a, INT64_MAX, 0);
    db_arr_int(&a, -2, 0);
    db_arr_int(&a, 1764300000000000, 0);
    db_arr_end(&a);
    check_head(&a, 20, 0, 4);
    expect_int(&a, &at, 8, UINT64_C(0x8000000000000000));
    expect_int(&a, &at, 8, UINT64_C(0x7fffffffffffffff));
    expect_int(&a, &at, 8, UINT64_C(0xfffffffffffffffe));
    expect_int(&a, &at, 8, UINT64_C(1764300000000000));
    ck_assert_uint_eq(at, a.len);
    free(a.buf);
}
END_TEST

START_TEST(test_bool)
{
    struct db_arr a = {0};
    size_t at = 20;

    db_arr_start(&a, DB_BOOL);
    db_arr_bool(&a, 1);
    db_arr_bool(&a, 0);
    db_arr_bool(&a, 7);
    db_arr_end(&a);
    check_head(&a, 16, 0, 3);
    expect_int(&a, &at, 1, 1);
    expect_int(&a, &at, 1, 0);
    expect_int(&a, &at, 1, 1);
    ck_assert_uint_eq(at, a.len);
    free(a.buf);
}
END_TEST

START_TEST(test_grows)
{
    struct db_arr a = {0};
    char text[301];
    const char *b;
    size_t at = 20;
    int i;

    db_arr_start(&a, DB_TEXT);
    for (i = 0; i < 1000; i++) {
        memset(text, 'a' + i % 26, (size_t)(i % 300));
        text[i % 300] = '\0';
        ck_assert_int_eq(db_arr_str(&a, text), 0);
    }
    db_arr_end(&a);
    check_head(&a, 25, 0, 1000);
    for (i = 0; i < 1000; i++) {
        ck_assert_int_eq(elem(&a, &at, &b), i % 300);
        if (i % 300 > 0) {
            ck_assert_int_eq(b[0], 'a' + i % 26);
            ck_assert_int_eq(b[i % 300 - 1], 'a' + i % 26);
        }
    }
    ck_assert_uint_eq(at, a.len);
    free(a.buf);
}
END_TEST

START_TEST(test_param)
{
    struct db_arr a = {0};
    const char *values[3] = {"x", NULL, "z"};
    int lengths[3] = {0}, formats[3] = {0};
    struct db_stmt s = {0};

    db_arr_start(&a, DB_TEXT);
    ck_assert_int_eq(db_arr_str(&a, "6281234567890"), 0);
    db_arr_end(&a);
    db_arr_param(&a, 1, values, lengths, formats);
    ck_assert_ptr_eq(values[1], a.buf);
    ck_assert_int_eq(lengths[1], (int)a.len);
    ck_assert_int_eq(formats[1], 1);
    /* The other parameters stay text. */
    ck_assert_str_eq(values[0], "x");
    ck_assert_int_eq(formats[0], 0);
    ck_assert_int_eq(formats[2], 0);

    db_stmt_arr(&s, 2, &a);
    ck_assert_ptr_eq(s.values, s.v);
    ck_assert_ptr_eq(s.lengths, s.l);
    ck_assert_ptr_eq(s.formats, s.f);
    ck_assert_ptr_eq(s.v[2], a.buf);
    ck_assert_int_eq(s.l[2], (int)a.len);
    ck_assert_int_eq(s.f[2], 1);
    ck_assert_int_eq(s.f[0], 0);
    free(a.buf);
}
END_TEST

static Suite *
arrays_suite(void)
{
    Suite *s = suite_create("arrays");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_texts);
    tcase_add_test(tc, test_text_nul);
    tcase_add_test(tc, test_no_nulls_flag);
    tcase_add_test(tc, test_bytea);
    tcase_add_test(tc, test_int2);
    tcase_add_test(tc, test_int4_int8);
    tcase_add_test(tc, test_bool);
    tcase_add_test(tc, test_grows);
    tcase_add_test(tc, test_param);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(arrays_suite)
