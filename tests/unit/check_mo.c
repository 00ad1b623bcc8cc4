/*
 * Unit tests for the parsers of Kannel's requests (gateway/mo.c, ussd.c,
 * dlr.c): what reaches a database column is refused at parse time when
 * PostgreSQL would refuse it on every retry.  Each limit is tested on both
 * sides: ts up to 9999-12-31T23:59:59Z, id 128 bytes, smsc 64, a USSD path
 * 2048, a sessionId 100, a DLR id up to INT64_MAX; text parameters must be
 * UTF-8 without NUL bytes, and each 400 names its parameter.  The secret is
 * still checked before anything else.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "config/cfg.h"
#include "gateway/dlr.h"
#include "gateway/mo.h"
#include "gateway/ussd.h"
#include "tests/unit/check_main.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define SECRET "test-secret-123"
#define OK     "secret=" SECRET "&"

/* Runs of n bytes, for the lengths at each limit. */
#define A4    "aaaa"
#define A8    A4 A4
#define A16   A8 A8
#define A32   A16 A16
#define A64   A32 A32
#define A128  A64 A64
#define A256  A128 A128
#define A512  A256 A256
#define A1024 A512 A512
#define A2040 A1024 A512 A256 A128 A64 A32 A16 A8
#define A2048 A1024 A1024
#define E8    "%C3%A9%C3%A9%C3%A9%C3%A9" /* "éééé", 8 bytes once decoded */
#define E32   E8 E8 E8 E8
#define E64   E32 E32
#define SMS   "id=m1&from=%2B6281234567890&text=halo"

static struct cfg test_cfg = {.kannel_secret = SECRET};

/* A query string and an optional form body, and what gw_mo_parse() says. */
static const struct {
    const char *query, *body;
    int status;
    const char *reason; /* NULL when status is 0 */
    long long sent_at;
} mo_cases[] = {
    {OK SMS, NULL, 0, NULL, 0},
    /* ts: 0 or absent is unknown; the last second of 9999 is the last kept */
    {OK SMS "&ts=", NULL, 0, NULL, 0},
    {OK SMS "&ts=0", NULL, 0, NULL, 0},
    {OK SMS "&ts=1", NULL, 0, NULL, 1},
    {OK SMS "&ts=1700000000", NULL, 0, NULL, 1700000000},
    {OK SMS "&ts=253402300799", NULL, 0, NULL, 253402300799},
    {OK SMS "&ts=253402300800", NULL, 400,
     "bad \"ts\": must be seconds since 1970, at most 253402300799", 0},
    {OK SMS "&ts=99999999999999", NULL, 400,
     "bad \"ts\": must be seconds since 1970, at most 253402300799", 0},
    {OK SMS "&ts=9223372036854775808", NULL, 400,
     "bad \"ts\": must be seconds since 1970, at most 253402300799", 0},
    {OK SMS "&ts=-1", NULL, 400, "bad \"ts\": must be seconds since 1970, at most 253402300799", 0},
    {OK SMS "&ts=%2B1", NULL, 400, "bad \"ts\": must be seconds since 1970, at most 253402300799",
     0},
    {OK SMS "&ts=%201", NULL, 400, "bad \"ts\": must be seconds since 1970, at most 253402300799",
     0},
    {OK SMS "&ts=1%20", NULL, 400, "bad \"ts\": must be seconds since 1970, at most 253402300799",
     0},
    {OK SMS "&ts=01", NULL, 0, NULL, 1},
    {OK SMS "&ts=17e8", NULL, 400, "bad \"ts\": must be seconds since 1970, at most 253402300799",
     0},

    /* id: 128 bytes, counted in bytes, not characters */
    {OK "id=" A128 "&from=%2B6281234567890&text=x", NULL, 0, NULL, 0},
    {OK "id=" A128 "a&from=%2B6281234567890&text=x", NULL, 400, "bad \"id\": longer than 128 bytes",
     0},
    {OK "id=" A64 A16 A16 A16 "aaaaaaaaaaaa%F0%9F%98%80&from=%2B6281234567890&text=x", NULL, 0,
     NULL, 0},
    {OK "id=" A64 A16 A16 A16 "aaaaaaaaaaaaa%F0%9F%98%80&from=%2B6281234567890&text=x", NULL, 400,
     "bad \"id\": longer than 128 bytes", 0},
    {OK "id=a%FF&from=%2B6281234567890&text=x", NULL, 400, "bad \"id\": not UTF-8", 0},
    {OK "id=a%00b&from=%2B6281234567890&text=x", NULL, 400, "bad \"id\": NUL byte", 0},

    /* smsc: 64 bytes */
    {OK SMS "&smsc=" A64, NULL, 0, NULL, 0},
    {OK SMS "&smsc=" A64 "a", NULL, 400, "bad \"smsc\": longer than 64 bytes", 0},
    {OK SMS "&smsc=" E64, NULL, 0, NULL, 0},
    {OK SMS "&smsc=" E64 "a", NULL, 400, "bad \"smsc\": longer than 64 bytes", 0},
    {OK SMS "&smsc=%ED%A0%80", NULL, 400, "bad \"smsc\": not UTF-8", 0}, /* a surrogate */
    {OK SMS "&smsc=a%00", NULL, 400, "bad \"smsc\": NUL byte", 0},

    /* to, charset, meta: UTF-8 without NUL, any length the request allows */
    {OK SMS "&to=1500123", NULL, 0, NULL, 0},
    {OK SMS "&to=caf%C3%A9", NULL, 0, NULL, 0},
    {OK SMS "&to=" A1024, NULL, 0, NULL, 0},
    {OK SMS "&to=%FF", NULL, 400, "bad \"to\": not UTF-8", 0},
    {OK SMS "&to=caf%C3", NULL, 400, "bad \"to\": not UTF-8", 0}, /* cut short */
    {OK SMS "&to=%C0%AF", NULL, 400, "bad \"to\": not UTF-8", 0}, /* overlong */
    {OK SMS "&to=%00", NULL, 400, "bad \"to\": NUL byte", 0},
    {OK SMS "&charset=UTF-8", NULL, 0, NULL, 0},
    {OK SMS "&charset=%E9", NULL, 400, "bad \"charset\": not UTF-8", 0},
    {OK SMS "&charset=UTF-8%00", NULL, 400, "bad \"charset\": NUL byte", 0},
    {OK SMS "&meta=%3Fsmpp%3Fussd_service_op%3D%2501%26", NULL, 0, NULL, 0},
    {OK SMS "&meta=%3Fsmpp%3Fx%3D%01%FE", NULL, 400, "bad \"meta\": not UTF-8", 0},
    {OK SMS "&meta=%3Fsmpp%3Fx%3D%00", NULL, 400, "bad \"meta\": NUL byte", 0},

    /* from is normalised, so only a NUL needs naming */
    {OK "id=m1&from=%2B62812%00&text=x", NULL, 400, "bad \"from\": NUL byte", 0},
    {OK "id=m1&from=%FF&text=x", NULL, 400, "bad \"from\": not a phone number", 0},

    /* the SMS text may hold any bytes: it is made UTF-8 */
    {OK "id=m1&from=%2B6281234567890&text=%FF%00%FE", NULL, 0, NULL, 0},

    /* in a form body too, the body's value winning */
    {OK SMS, "to=%FF", 400, "bad \"to\": not UTF-8", 0},
    {OK SMS "&to=%FF", "to=1500123", 0, NULL, 0},
    {"", OK SMS "&ts=253402300800", 400,
     "bad \"ts\": must be seconds since 1970, at most 253402300799", 0},

    /* the first NUL named, even when the value was replaced since */
    {OK SMS "&to=%00&charset=%00", NULL, 400, "bad \"to\": NUL byte", 0},
    {OK SMS "&to=%00&to=1500123", NULL, 400, "bad \"to\": NUL byte", 0},

    /* the secret first: a caller without it learns nothing else */
    {SMS "&to=%FF", NULL, 403, "missing \"secret\"", 0},
    {SMS "&to=%00&secret=wrong-secret", NULL, 403, "wrong \"secret\"", 0},
    {SMS "&ts=99999999999999&secret=" SECRET "x", NULL, 403, "wrong \"secret\"", 0},

    /* the other 400s keep their order */
    {OK "from=%2B6281234567890&text=x&to=%FF", NULL, 400, "missing \"id\"", 0},
    {OK "id=m1&text=x&to=%FF", NULL, 400, "missing \"from\"", 0},
    {OK "id=m1&from=%2B6281234567890&to=%FF", NULL, 400, "missing \"text\"", 0},
};

START_TEST(test_mo_parse)
{
    struct gw_mo mo;
    const char *q = mo_cases[_i].query, *b = mo_cases[_i].body, *reason = NULL;
    int status;

    memset(&mo, 0, sizeof(mo));
    status = gw_mo_parse(&mo, &test_cfg, q, strlen(q), b, b != NULL ? strlen(b) : 0, &reason);
    ck_assert_int_eq(status, mo_cases[_i].status);
    if (status == 0) {
        ck_assert_ptr_eq(mo.job.mo.kannel_id, mo.id);
        ck_assert_int_eq(mo.job.mo.sent_at, mo_cases[_i].sent_at);
        ck_assert_ptr_nonnull(mo.text);
        ck_assert_uint_eq(strlen(mo.text), mo.text_len);
    } else {
        ck_assert_ptr_nonnull(reason);
        ck_assert_str_eq(reason, mo_cases[_i].reason);
    }
    gw_mo_clear(&mo);
}
END_TEST

/* A value and what gw_text_check() says of it, with a limit of 4 bytes. */
static const struct {
    const char *in;
    size_t max;
    const char *reason;
} text_cases[] = {
    {"", 4, NULL},
    {"abcd", 4, NULL},
    {"abcde", 4, "bad \"f\": longer than 4 bytes"},
    {"abcde", 0, NULL}, /* no limit of its own */
    {"\xc3\xa9\xc3\xa9", 4, NULL},
    {"\xc3\xa9\xc3\xa9"
     "a",
     4, "bad \"f\": longer than 4 bytes"},
    {"\xf0\x9f\x98\x80", 4, NULL},
    {"\xf4\x8f\xbf\xbf", 0, NULL},                   /* U+10FFFF */
    {"\xf4\x90\x80\x80", 0, "bad \"f\": not UTF-8"}, /* U+110000 */
    {"\xed\x9f\xbf", 0, NULL},                       /* U+D7FF */
    {"\xed\xa0\x80", 0, "bad \"f\": not UTF-8"},     /* U+D800 */
    {"\x7f", 0, NULL},
    {"\x80", 0, "bad \"f\": not UTF-8"},
    {"\xff", 4, "bad \"f\": not UTF-8"},
    {"\xe2\x82", 0, "bad \"f\": not UTF-8"},
};

START_TEST(test_text_check)
{
    char buf[GW_REASON_MAX];
    const char *r = gw_text_check("f", text_cases[_i].in, text_cases[_i].max, buf);

    if (text_cases[_i].reason == NULL) {
        ck_assert_ptr_null(r);
    } else {
        ck_assert_ptr_eq(r, buf);
        ck_assert_str_eq(r, text_cases[_i].reason);
    }
}
END_TEST

/* The longest reasons fit their buffer whole. */
START_TEST(test_reason_room)
{
    char buf[GW_REASON_MAX];

    ck_assert_str_eq(gw_text_check("serviceCode", "x\xff", 0, buf),
                     "bad \"serviceCode\": not UTF-8");
    ck_assert_str_eq(gw_text_check("phoneNumber", "xxxxxxxxxx", 9, buf),
                     "bad \"phoneNumber\": longer than 9 bytes");
    ck_assert_str_eq(gw_text_check("text", A2048 "a", USSD_TEXT_MAX, buf),
                     "bad \"text\": longer than 2048 bytes");
    ck_assert_str_eq(gw_nul_reason("serviceCode", buf), "bad \"serviceCode\": NUL byte");
}
END_TEST

#define USSD "sessionId=s1&phoneNumber=%2B6281234567890"

static const struct {
    const char *query;
    int status;
    const char *reason;
    const char *short_code; /* when status is 0 */
    int steps;
} ussd_cases[] = {
    {OK USSD, 0, NULL, "", 0},
    {OK USSD "&serviceCode=*123%23&text=1*2", 0, NULL, "*123#", 2},
    {OK USSD "&serviceCode=%2A123%FF", 400, "bad \"serviceCode\": not UTF-8", NULL, 0},
    {OK USSD "&serviceCode=%2A123%00", 400, "bad \"serviceCode\": NUL byte", NULL, 0},
    {OK USSD "&serviceCode=" A1024, 0, NULL, A1024, 0},
    /* text: 2048 bytes of UTF-8 */
    {OK USSD "&text=" A2048, 0, NULL, "", 1},
    {OK USSD "&text=" A2048 "a", 400, "bad \"text\": longer than 2048 bytes", NULL, 0},
    {OK USSD "&text=" A2040 E8, 0, NULL, "", 1},
    {OK USSD "&text=" A2040 "a" E8, 400, "bad \"text\": longer than 2048 bytes", NULL, 0},
    {OK USSD "&text=1*%FF", 400, "bad \"text\": not UTF-8", NULL, 0},
    {OK USSD "&text=1*caf%C3", 400, "bad \"text\": not UTF-8", NULL, 0},
    {OK USSD "&text=1*caf%C3%A9", 0, NULL, "", 2},
    {OK USSD "&text=1%00", 400, "bad \"text\": NUL byte", NULL, 0},
    /* sessionId: 1 to 100 printable ASCII characters */
    {OK "sessionId=" A64 A16 A16 A4 "&phoneNumber=%2B6281234567890", 0, NULL, "", 0},
    {OK "sessionId=" A64 A16 A16 A4 "a&phoneNumber=%2B6281234567890", 400,
     "bad \"sessionId\": 1 to 100 printable characters", NULL, 0},
    {OK "sessionId=s%C3%A9&phoneNumber=%2B6281234567890", 400,
     "bad \"sessionId\": 1 to 100 printable characters", NULL, 0},
    {OK "sessionId=s%00&phoneNumber=%2B6281234567890", 400, "bad \"sessionId\": NUL byte", NULL, 0},
    {OK "sessionId=s1&phoneNumber=%2B62812%00", 400, "bad \"phoneNumber\": NUL byte", NULL, 0},
    {OK "sessionId=s1&phoneNumber=%FF", 400, "bad \"phoneNumber\"", NULL, 0},
    /* the secret first */
    {USSD "&text=%FF", 403, "missing \"secret\"", NULL, 0},
    {USSD "&text=%00&secret=nope-nope-nope", 403, "wrong \"secret\"", NULL, 0},
};

START_TEST(test_ussd_parse)
{
    struct gw_ussd u;
    const char *q = ussd_cases[_i].query, *reason = NULL;
    int status;

    memset(&u, 0, sizeof(u));
    status = gw_ussd_parse(&u, &test_cfg, q, strlen(q), NULL, 0, &reason);
    ck_assert_int_eq(status, ussd_cases[_i].status);
    if (status == 0) {
        ck_assert_str_eq(u.job.mo.short_code, ussd_cases[_i].short_code);
        ck_assert_int_eq(u.job.ussd_steps, ussd_cases[_i].steps);
        ck_assert_str_eq(u.job.mo.msisdn, "+6281234567890");
    } else {
        ck_assert_ptr_nonnull(reason);
        ck_assert_str_eq(reason, ussd_cases[_i].reason);
    }
    gw_ussd_clear(&u);
}
END_TEST

/* A USSD step from Kannel's SMPP: the longest smsc-id, an alphanumeric
 * sender of the longest kind and 8 octets of its_session_info make a
 * session id that fits USSD_SMPP_SESSION_MAX whole. */
START_TEST(test_ussd_smpp_session)
{
    static const char q[] = OK "id=u1&from=ABCDEFGHIJKLMNOPQRSTUVW&text=1&smsc=" A64
                               "&meta=%3Fsmpp%3Fussd_service_op%3D%2501%26its_session_info%3D"
                               "%2501%2502%2503%2504%2505%2506%2507%25FF%26";
    struct gw_mo mo;
    struct gw_ussd_meta m;
    char session[USSD_SMPP_SESSION_MAX];
    const char *reason = NULL;

    memset(&mo, 0, sizeof(mo));
    ck_assert_int_eq(gw_mo_parse(&mo, &test_cfg, q, strlen(q), NULL, 0, &reason), 0);
    ck_assert_int_eq(gw_ussd_meta(mo.meta, &m), 1);
    ck_assert_int_eq(m.op, 1);
    ck_assert_uint_eq(m.nraw, 8);
    ck_assert_str_eq(m.session, "01020304050607ff");
    gw_ussd_from_mo(&mo, &m, session, sizeof(session));
    ck_assert_str_eq(session, "smpp:" A64 ":ABCDEFGHIJKLMNOPQRSTUVW:01020304050607ff");
    ck_assert_uint_eq(strlen(session), sizeof(session) - 1);
    ck_assert_int_eq(mo.job.ussd_steps, 0);
    gw_mo_clear(&mo);
}
END_TEST

static const struct {
    const char *query;
    int status;
    const char *reason;
    long long id;
    int type;
    const char *reply;
} dlr_cases[] = {
    {OK "id=1&type=1", 0, NULL, 1, 1, ""},
    {OK "id=9223372036854775807&type=16", 0, NULL, INT64_MAX, 16, ""},
    {OK "id=9223372036854775808&type=1", 400, "bad \"id\": not an outbox id", 0, 0, NULL},
    {OK "id=0&type=1", 400, "bad \"id\": not an outbox id", 0, 0, NULL},
    {OK "id=1&type=32", 400, "bad \"type\": not one of 1, 2, 4, 8, 16", 0, 0, NULL},
    {OK "id=1&type=3", 400, "bad \"type\": not one of 1, 2, 4, 8, 16", 0, 0, NULL},
    {OK "id=1%00&type=1", 400, "missing \"id\"", 0, 0, NULL},
    /* the SMSC's answer, stored in last_error: printable ASCII, 160 bytes */
    {OK "id=7&type=2&smsc_reply=%FF%00ok%C3%A9%0A", 0, NULL, 7, 2, "??ok???"},
    {OK "id=7&type=2&smsc_reply=" A128 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, NULL, 7, 2,
     A128 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
    {OK "id=7&type=2&smsc_reply=" A128 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", 0, NULL, 7, 2,
     A128 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
    {"id=1&type=1", 403, "missing \"secret\"", 0, 0, NULL},
};

START_TEST(test_dlr_parse)
{
    struct gw_dlr d;
    const char *q = dlr_cases[_i].query, *reason = NULL;
    int status;

    status = gw_dlr_parse(&d, &test_cfg, q, strlen(q), NULL, 0, &reason);
    ck_assert_int_eq(status, dlr_cases[_i].status);
    if (status == 0) {
        ck_assert_int_eq(d.id, dlr_cases[_i].id);
        ck_assert_int_eq(d.type, dlr_cases[_i].type);
        ck_assert_str_eq(d.reply, dlr_cases[_i].reply);
    } else {
        ck_assert_str_eq(reason, dlr_cases[_i].reason);
    }
}
END_TEST

static Suite *
mo_suite(void)
{
    Suite *s = suite_create("mo");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, test_mo_parse, 0, NELEM(mo_cases));
    tcase_add_loop_test(tc, test_text_check, 0, NELEM(text_cases));
    tcase_add_test(tc, test_reason_room);
    tcase_add_loop_test(tc, test_ussd_parse, 0, NELEM(ussd_cases));
    tcase_add_test(tc, test_ussd_smpp_session);
    tcase_add_loop_test(tc, test_dlr_parse, 0, NELEM(dlr_cases));
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(mo_suite)
