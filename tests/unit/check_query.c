/*
 * Unit tests for parsers/query.c: percent and plus decoding, malformed
 * escapes next to well-formed ones, NUL bytes in the result, decoding in
 * place, splitting into pairs (empty pairs, pairs without '=', a leading
 * '?'), the callback's stop value, and comparing encoded names.
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "parsers/query.h"
#include "tests/unit/check_main.h"

#define S(lit)   lit, sizeof(lit) - 1
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *in;
    size_t len;
    const char *want;
    size_t wlen;
} decode_cases[] = {
    {S(""), S("")},
    {S("abc"), S("abc")},
    {S("a+b"), S("a b")},
    {S("++"), S("  ")},
    {S("a%20b"), S("a b")},
    {S("%2B"), S("+")},
    {S("%2b"), S("+")}, /* either case */
    {S("1%2B1%3D2"), S("1+1=2")},
    {S("%00"), S("\0")}, /* NUL in the result */
    {S("a%00b"), S("a\0b")},
    {S("%zz"), S("%zz")}, /* not hex: copied */
    {S("%"), S("%")},     /* trailing '%' */
    {S("%4"), S("%4")},   /* one digit, then the end */
    {S("%4g"), S("%4g")},
    {S("%g4"), S("%g4")},
    {S("%41"), S("A")},
    {S("%4G%41"), S("%4GA")},
    {S("100%"), S("100%")},
    {S("%%41"), S("%A")},
    {S("%2541"), S("%41")}, /* decoded once, not twice */
    {S("%+0"), S("% 0")},
    {S("%C3%A9"), S("\xc3\xa9")},
    {S("%ff%FF"), S("\xff\xff")},
    {S("%/0%:0%@0%G0%`0%g0"), S("%/0%:0%@0%G0%`0%g0")}, /* around the hex ranges */
    {S("%0/%0:%0@%0G%0`%0g"), S("%0/%0:%0@%0G%0`%0g")},
    {S("%09%3a%3A%40%60%7e"), S("\t::@`~")},
    {S("%09%0A%0D"), S("\t\n\r")},
    {S("a=b&c=d"), S("a=b&c=d")}, /* separators are not decoding's business */
    {S("ADUAN+jalan+rusak+di+Desa+Sooko+RT+3"), S("ADUAN jalan rusak di Desa Sooko RT 3")},
};

START_TEST(test_decode)
{
    char out[64], inplace[64];
    size_t n;

    memset(out, 'x', sizeof(out));
    n = query_decode(decode_cases[_i].in, decode_cases[_i].len, out);
    ck_assert_uint_eq(n, decode_cases[_i].wlen);
    ck_assert_mem_eq(out, decode_cases[_i].want, n);
    ck_assert_uint_le(n, decode_cases[_i].len);
    ck_assert_int_eq(out[n], 'x'); /* not NUL-terminated, nothing written beyond */

    /* In place, the same result. */
    memcpy(inplace, decode_cases[_i].in, decode_cases[_i].len);
    n = query_decode(inplace, decode_cases[_i].len, inplace);
    ck_assert_uint_eq(n, decode_cases[_i].wlen);
    ck_assert_mem_eq(inplace, decode_cases[_i].want, n);
}
END_TEST

/* Only len bytes are read: an escape cut by len is not an escape. */
START_TEST(test_decode_len)
{
    char out[8];

    ck_assert_uint_eq(query_decode("%41", 2, out), 2);
    ck_assert_mem_eq(out, "%4", 2);
    ck_assert_uint_eq(query_decode("%41", 3, out), 1);
    ck_assert_int_eq(out[0], 'A');
}
END_TEST

/* Renders each pair as "name:value;" into a buffer. */
struct render {
    char buf[256];
    size_t len;
    int calls;
    int stop_at; /* 1-based call that returns stop_rc; 0 never */
    int stop_rc;
};

static int
render_pair(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen)
{
    struct render *r = ctx;

    r->calls++;
    ck_assert_ptr_nonnull(value);
    ck_assert_uint_lt(r->len + nlen + vlen + 2, sizeof(r->buf));
    memcpy(r->buf + r->len, name, nlen);
    r->len += nlen;
    r->buf[r->len++] = ':';
    memcpy(r->buf + r->len, value, vlen);
    r->len += vlen;
    r->buf[r->len++] = ';';
    r->buf[r->len] = '\0';
    return r->calls == r->stop_at ? r->stop_rc : 0;
}

static const struct {
    const char *in;
    size_t len;
    const char *want;
    size_t wlen;
} each_cases[] = {
    {S(""), S("")},
    {S("?"), S("")},
    {S("a=b"), S("a:b;")},
    {S("?a=b"), S("a:b;")},
    {S("??a=b"), S("?a:b;")}, /* one '?' is skipped */
    {S("a?=b"), S("a?:b;")},
    {S("a=b&c=d"), S("a:b;c:d;")},
    {S("a=b&&c=d"), S("a:b;c:d;")}, /* empty pair */
    {S("&&"), S("")},
    {S("&"), S("")},
    {S("?&"), S("")},
    {S("&a=1&"), S("a:1;")},
    {S("a"), S("a:;")}, /* no '=' */
    {S("a=b&&c"), S("a:b;c:;")},
    {S("a="), S("a:;")},
    {S("=b"), S(":b;")}, /* empty name */
    {S("="), S(":;")},
    {S("a=b=c"), S("a:b=c;")}, /* the first '=' splits */
    {S("a==b"), S("a:=b;")},
    {S("a=1&a=2"), S("a:1;a:2;")},         /* repeated, in order */
    {S("a=1;b=2"), S("a:1;b=2;")},         /* ';' is not a separator */
    {S("a=%26&b=%3D"), S("a:%26;b:%3D;")}, /* raw, not decoded */
    {S("text=ADUAN+jalan%20rusak&from=%2B6281234567890"),
     S("text:ADUAN+jalan%20rusak;from:%2B6281234567890;")},
    {S("a=\0&b"), S("a:\0;b:;")}, /* a NUL byte is data */
};

START_TEST(test_each)
{
    struct render r;

    memset(&r, 0, sizeof(r));
    ck_assert_int_eq(query_each(each_cases[_i].in, each_cases[_i].len, render_pair, &r), 0);
    ck_assert_uint_eq(r.len, each_cases[_i].wlen);
    ck_assert_mem_eq(r.buf, each_cases[_i].want, r.len);
}
END_TEST

START_TEST(test_each_len)
{
    struct render r;

    memset(&r, 0, sizeof(r));
    ck_assert_int_eq(query_each("a=b&c=d", 3, render_pair, &r), 0);
    ck_assert_str_eq(r.buf, "a:b;");
    memset(&r, 0, sizeof(r));
    ck_assert_int_eq(query_each(NULL, 0, render_pair, &r), 0);
    ck_assert_int_eq(r.calls, 0);
}
END_TEST

/* The callback's first non-zero value stops the walk and is returned. */
static const struct {
    const char *in;
    int stop_at, stop_rc;
    int want_rc, want_calls;
} stop_cases[] = {
    /* clang-format off */
    {"a=1&b=2&c=3", 0, 0,  0,  3}, /* never stops */
    {"a=1&b=2&c=3", 1, 7,  7,  1}, /* first pair */
    {"a=1&b=2&c=3", 2, 7,  7,  2},
    {"a=1&b=2&c=3", 3, -1, -1, 3}, /* last pair, a negative value */
    {"a=1&b=2&c=3", 4, 7,  0,  3}, /* asked to stop after the end */
    {"a=1&&b=2",    2, 9,  9,  2}, /* the empty pair is not a call */
    {"&&&",         1, 5,  0,  0},
    /* clang-format on */
};

START_TEST(test_each_stop)
{
    struct render r;

    memset(&r, 0, sizeof(r));
    r.stop_at = stop_cases[_i].stop_at;
    r.stop_rc = stop_cases[_i].stop_rc;
    ck_assert_int_eq(query_each(stop_cases[_i].in, strlen(stop_cases[_i].in), render_pair, &r),
                     stop_cases[_i].want_rc);
    ck_assert_int_eq(r.calls, stop_cases[_i].want_calls);
}
END_TEST

static const struct {
    const char *name;
    size_t nlen;
    const char *want;
    int is;
} name_cases[] = {
    {S("text"), "text", 1},
    {S("text"), "tex", 0}, /* longer */
    {S("tex"), "text", 0}, /* shorter */
    {S(""), "", 1},
    {S(""), "a", 0},
    {S("a"), "", 0},
    {S("TEXT"), "text", 0}, /* names are case-sensitive */
    {S("t%65xt"), "text", 1},
    {S("%74%65%78%74"), "text", 1},
    {S("te%78t"), "text", 1},
    {S("te%58t"), "text", 0}, /* %58 is 'X' */
    {S("my+name"), "my name", 1},
    {S("my%20name"), "my name", 1},
    {S("a%2Bb"), "a+b", 1},
    {S("a+b"), "a+b", 0},
    {S("a%00"), "a", 0}, /* a decoded NUL is not the end */
    {S("%00"), "", 0},
    {S("%zz"), "%zz", 1},
    {S("%"), "%", 1},
    {S("%4"), "%4", 1},
    {S("text%"), "text", 0},
    {S("%41"), "%41", 0},
    {S("caf%C3%A9"), "caf\xc3\xa9", 1},
};

START_TEST(test_name_is)
{
    ck_assert_int_eq(query_name_is(name_cases[_i].name, name_cases[_i].nlen, name_cases[_i].want),
                     name_cases[_i].is);
}
END_TEST

/* The way the gateway uses it: find a parameter by its encoded name. */
struct find {
    const char *want;
    const char *value;
    size_t vlen;
};

static int
find_param(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen)
{
    struct find *f = ctx;

    if (!query_name_is(name, nlen, f->want))
        return 0;
    f->value = value;
    f->vlen = vlen;
    return 1;
}

START_TEST(test_find)
{
    static const char q[] = "?%69d=42&te%78t=ADUAN+jalan&from=%2B62812";
    struct find f = {"text", NULL, 0};
    char out[32];
    size_t n;

    ck_assert_int_eq(query_each(q, strlen(q), find_param, &f), 1);
    n = query_decode(f.value, f.vlen, out);
    ck_assert_mem_eq(out, "ADUAN jalan", n);
    ck_assert_uint_eq(n, 11);

    f.want = "id";
    ck_assert_int_eq(query_each(q, strlen(q), find_param, &f), 1);
    ck_assert_mem_eq(f.value, "42", f.vlen);

    f.want = "secret";
    ck_assert_int_eq(query_each(q, strlen(q), find_param, &f), 0);
}
END_TEST

static Suite *
query_suite(void)
{
    Suite *s = suite_create("query");
    TCase *tc;

    tc = tcase_create("decode");
    tcase_add_loop_test(tc, test_decode, 0, NELEM(decode_cases));
    tcase_add_test(tc, test_decode_len);
    suite_add_tcase(s, tc);

    tc = tcase_create("each");
    tcase_add_loop_test(tc, test_each, 0, NELEM(each_cases));
    tcase_add_test(tc, test_each_len);
    tcase_add_loop_test(tc, test_each_stop, 0, NELEM(stop_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("name");
    tcase_add_loop_test(tc, test_name_is, 0, NELEM(name_cases));
    tcase_add_test(tc, test_find);
    suite_add_tcase(s, tc);

    return s;
}

CHECK_MAIN(query_suite)
