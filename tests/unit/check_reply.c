/*
 * Unit tests for parsers/reply.c: rendering templates, and checking them
 * against their allowed placeholders and their budget of septets, including
 * every default reply template.
 */
#include <stdio.h>
#include <string.h>

#include "parsers/gsm7.h"
#include "parsers/reply.h"
#include "tests/unit/check_main.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define ALL                                                                                        \
    (REPLY_VAR_TICKET | REPLY_VAR_STATUS | REPLY_VAR_DATE | REPLY_VAR_CODE | REPLY_VAR_KEYWORD |   \
     REPLY_VAR_SESSION | REPLY_VAR_KOMISI)

static const struct reply_vars vars = {
    .ticket = "4821937",
    .status = "Sedang diproses",
    .date = "28/11/2026",
    .code = "123",
    .keyword = "AGENDA",
    .session = "12",
    .komisi = "III",
};

/* The default ticket statuses; the longest label is the worst {status}. */
static const char *const status_labels[] = {
    "Diterima, menunggu ditelaah",  "Sedang diproses",
    "Diteruskan ke komisi terkait", "Selesai ditindaklanjuti",
    "Tidak dapat ditindaklanjuti",
};

static const char *
longest_label(void)
{
    const char *l = status_labels[0];
    size_t i;

    for (i = 1; i < N(status_labels); i++)
        if (strlen(status_labels[i]) > strlen(l))
            l = status_labels[i];
    return l;
}

/* The longest value of each placeholder: a ticket, the longest default
 * status label, a date, 15 typed digits, a keyword of 20 letters. */
static struct reply_vars
worst_vars(void)
{
    struct reply_vars w = {
        .ticket = "4821937",
        .status = longest_label(),
        .date = "28/11/2026",
        .code = "123456789012345",
        .keyword = "BERHENTIXXXXXXXXXXXX",
        .session = "9999999999",
        .komisi = "III",
    };

    ck_assert_uint_eq(strlen(w.code), 15);
    ck_assert_uint_eq(strlen(w.keyword), 20);
    return w;
}

/* A string of n copies of c, then tail; static storage, one at a time. */
static const char *
repeat(char c, size_t n, const char *tail)
{
    static char buf[2048];

    ck_assert_uint_lt(n + strlen(tail), sizeof(buf));
    memset(buf, c, n);
    strcpy(buf + n, tail);
    return buf;
}

struct render_case {
    const char *tmpl;
    size_t outsz;
    ssize_t ret;
    const char *out;
};

static const struct render_case render_cases[] = {
    {"", 161, 0, ""},
    {"abc", 161, 3, "abc"},
    {"{ticket}", 161, 7, "4821937"},
    {"{status}", 161, 15, "Sedang diproses"},
    {"{date}", 161, 10, "28/11/2026"},
    {"{code}", 161, 3, "123"},
    {"{keyword}", 161, 6, "AGENDA"},
    {"#{session}", 161, 3, "#12"},
    {"Komisi {komisi}", 161, 10, "Komisi III"},
    {"Tiket {ticket}: {status}. Perubahan terakhir {date}.", 161, 62,
     "Tiket 4821937: Sedang diproses. Perubahan terakhir 28/11/2026."},
    {"{code}{keyword}{code}", 161, 12, "123AGENDA123"},
    {"{ticket} {ticket}", 161, 15, "4821937 4821937"},
    /* braces */
    {"{{", 161, 1, "{"},
    {"{{ticket}", 161, 8, "{ticket}"},
    {"{{ticket}}", 161, 9, "{ticket}}"},
    {"{{{ticket}", 161, 8, "{4821937"},
    {"{{{{", 161, 2, "{{"},
    {"a}b", 161, 3, "a}b"},
    {"}", 161, 1, "}"},
    {"}}", 161, 2, "}}"},
    {"}{ticket}{", 161, -1, ""},
    /* unknown placeholders, unterminated braces */
    {"{tiket}", 161, -1, ""},
    {"Tiket {Ticket}", 161, -1, ""},
    {"{}", 161, -1, ""},
    {"{ ticket}", 161, -1, ""},
    {"{ticket }", 161, -1, ""},
    {"{ticket", 161, -1, ""},
    {"abc{", 161, -1, ""},
    {"{{{", 161, -1, ""},
    {"{tic{ket}", 161, -1, ""},
    /* the buffer: exactly enough, one byte short */
    {"{ticket}", 8, 7, "4821937"},
    {"{ticket}", 7, -1, ""},
    {"abc", 4, 3, "abc"},
    {"abc", 3, -1, ""},
    {"", 1, 0, ""},
    {"a", 1, -1, ""},
    {"{{", 2, 1, "{"},
    {"{{", 1, -1, ""},
};

START_TEST(test_render_table)
{
    const struct render_case *c = &render_cases[_i];
    char out[256];
    ssize_t r;

    ck_assert_uint_le(c->outsz, sizeof(out));
    memset(out, 'x', sizeof(out));
    r = reply_render(c->tmpl, &vars, out, c->outsz);
    ck_assert_msg(r == c->ret, "\"%s\" in %zu bytes: returned %zd, expected %zd", c->tmpl, c->outsz,
                  r, c->ret);
    ck_assert_str_eq(out, c->out);
    ck_assert_int_eq(out[c->outsz], 'x'); /* nothing written past outsz */
}
END_TEST

START_TEST(test_render_missing_values)
{
    struct reply_vars v = {.ticket = "4821937"};
    char out[64];

    ck_assert_int_eq(
        reply_render("[{ticket}|{status}|{date}|{code}|{keyword}]", &v, out, sizeof(out)), 13);
    ck_assert_str_eq(out, "[4821937||||]");
    ck_assert_int_eq(reply_render("a{ticket}b", NULL, out, sizeof(out)), 2);
    ck_assert_str_eq(out, "ab");
    ck_assert_int_eq(reply_render("a", &vars, out, 0), -1);
    ck_assert_int_eq(reply_render("a", &vars, NULL, 10), -1);
}
END_TEST

/* 160 septets fill one SMS; the rendered text may take more bytes. */
START_TEST(test_render_sms)
{
    char out[161], tmpl[256];

    /* 153 letters and a ticket: 160 bytes fit, 161 do not */
    snprintf(tmpl, sizeof(tmpl), "%s", repeat('a', 153, "{ticket}"));
    ck_assert_int_eq(reply_render(tmpl, &vars, out, sizeof(out)), 160);
    snprintf(tmpl, sizeof(tmpl), "%s", repeat('a', 154, "{ticket}"));
    ck_assert_int_eq(reply_render(tmpl, &vars, out, sizeof(out)), -1);
    ck_assert_str_eq(out, "");
}
END_TEST

struct check_case {
    const char *tmpl; /* NULL: built by the test from n and tail */
    size_t n;
    const char *tail;
    unsigned allowed;
    size_t budget;
    const char *why; /* NULL: fine */
};

#define LONG(n, tail, budget, why)                                                                 \
    {                                                                                              \
        NULL, n, tail, ALL, budget, why                                                            \
    }

static const struct check_case check_cases[] = {
    /* plain letters: 160 and 161 septets */
    LONG(160, "", 160, NULL),
    LONG(161, "", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(182, "", 182, NULL),
    LONG(183, "", 182, "is 183 characters with the longest values; the limit is 182"),
    {"", 0, "", 0, 0, NULL},
    {"a", 0, "", 0, 0, "is 1 characters with the longest values; the limit is 0"},
    /* extension characters count two */
    LONG(158, "{{", 160, NULL),
    LONG(159, "{{", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(158, "}", 160, NULL),
    LONG(159, "}", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(158, "\xe2\x82\xac", 160, NULL), /* the euro sign */
    LONG(159, "\xe2\x82\xac", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(158, "[", 160, NULL),
    LONG(159, "[", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(159, "]", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(159, "~", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(159, "\\", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(159, "|", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(159, "^", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(156, "[]", 160, NULL),
    LONG(157, "[]", 160, "is 161 characters with the longest values; the limit is 160"),
    /* GSM-7 letters outside ASCII count one */
    LONG(159, "\xc3\xa9", 160, NULL),
    LONG(160, "\xc3\xa9", 160, "is 161 characters with the longest values; the limit is 160"),
    /* the longest values count: 15 code digits, a 20-letter keyword */
    LONG(145, "{code}", 160, NULL),
    LONG(146, "{code}", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(140, "{keyword}", 160, NULL),
    LONG(141, "{keyword}", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(153, "{ticket}", 160, NULL),
    LONG(154, "{ticket}", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(150, "{date}", 160, NULL),
    LONG(151, "{date}", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(132, "{status}", 160, NULL),
    LONG(133, "{status}", 160, "is 161 characters with the longest values; the limit is 160"),
    LONG(1000, "", 160, "is 1000 characters with the longest values; the limit is 160"),
    /* placeholders: unknown, not allowed, unterminated */
    {"Tiket {tiket}", 0, "", ALL, 160, "uses unknown placeholder {tiket}"},
    {"{Ticket}", 0, "", ALL, 160, "uses unknown placeholder {Ticket}"},
    {"{}", 0, "", ALL, 160, "uses unknown placeholder {}"},
    {"{abcdefghijklmnopqrstuvwxyz}", 0, "", ALL, 160,
     "uses unknown placeholder {abcdefghijklmnopqrstuvwx...}"},
    {"{status} {tiket}", 0, "", 0, 160, "uses unknown placeholder {tiket}"},
    {"Tiket {ticket}", 0, "", 0, 160, "uses {ticket}, which this reply cannot fill"},
    {"{ticket}: {status}", 0, "", REPLY_VAR_TICKET, 160,
     "uses {status}, which this reply cannot fill"},
    {"{date}", 0, "", ALL & ~REPLY_VAR_DATE, 160, "uses {date}, which this reply cannot fill"},
    {"{code}", 0, "", ALL & ~REPLY_VAR_CODE, 160, "uses {code}, which this reply cannot fill"},
    {"{keyword}", 0, "", ALL & ~REPLY_VAR_KEYWORD, 160,
     "uses {keyword}, which this reply cannot fill"},
    {"{session}", 0, "", ALL & ~REPLY_VAR_SESSION, 160,
     "uses {session}, which this reply cannot fill"},
    {"{komisi}", 0, "", ALL & ~REPLY_VAR_KOMISI, 160,
     "uses {komisi}, which this reply cannot fill"},
    {"{{status}}", 0, "", 0, 160, NULL},
    {"Tiket {ticket", 0, "", ALL, 160,
     "has a \"{\" that is never closed (write \"{{\" for a literal \"{\")"},
    {"{", 0, "", ALL, 160, "has a \"{\" that is never closed (write \"{{\" for a literal \"{\")"},
    /* characters outside GSM-7, bytes outside UTF-8 */
    {"Terima kasih\xe2\x80\xa6", 0, "", ALL, 160,
     "has a character outside GSM-7 (\"\xe2\x80\xa6\")"},
    {"Terima kasih \xf0\x9f\x99\x8f", 0, "", ALL, 160,
     "has a character outside GSM-7 (\"\xf0\x9f\x99\x8f\")"},
    {"a\xe2\x80\x9c"
     "b\xe2\x80\x9d",
     0, "", ALL, 160, "has a character outside GSM-7 (\"\xe2\x80\x9c\")"},
    {"tab\there", 0, "", ALL, 160, "has a character outside GSM-7 (\"\t\")"},
    {"abc\xff", 0, "", ALL, 160, "is not valid UTF-8 (byte 0xff)"},
    {"abc\xc3", 0, "", ALL, 160, "is not valid UTF-8 (byte 0xc3)"},
    {"{ticket}\xe2\x82{date}", 0, "", ALL, 160, "is not valid UTF-8 (byte 0xe2)"},
    {"\xc0\xaf", 0, "", ALL, 160, "is not valid UTF-8 (byte 0xc0)"},
    /* a GSM-7 problem is reported before the length */
    LONG(200, "\xe2\x80\xa6", 160, "has a character outside GSM-7 (\"\xe2\x80\xa6\")"),
};

static void
assert_reason_style(const char *why)
{
    size_t n = strlen(why);

    ck_assert_uint_gt(n, 0);
    ck_assert_msg(why[0] < 'A' || why[0] > 'Z', "reason starts in upper case: %s", why);
    ck_assert_msg(why[n - 1] != '.', "reason ends with a period: %s", why);
}

START_TEST(test_check_table)
{
    const struct check_case *c = &check_cases[_i];
    struct reply_vars worst = worst_vars();
    const char *tmpl = c->tmpl != NULL ? c->tmpl : repeat('a', c->n, c->tail);
    char why[200];
    const char *r;

    memset(why, 'x', sizeof(why));
    r = reply_check(tmpl, c->allowed, &worst, c->budget, why, sizeof(why));
    if (c->why == NULL) {
        ck_assert_msg(r == NULL, "\"%.40s\": rejected: %s", tmpl, r);
        return;
    }
    ck_assert_msg(r == why, "\"%.40s\": accepted, expected: %s", tmpl, c->why);
    ck_assert_str_eq(why, c->why);
    assert_reason_style(why);
}
END_TEST

/* Values from the configuration are checked too, and named. */
START_TEST(test_check_values)
{
    struct reply_vars worst = worst_vars();
    char why[200];

    worst.status = "Diteruskan \xe2\x80\x94 komisi";
    ck_assert_ptr_eq(reply_check("Tiket {ticket}: {status}", ALL, &worst, 160, why, sizeof(why)),
                     why);
    ck_assert_str_eq(why, "has a character outside GSM-7 (\"\xe2\x80\x94\") in its {status} value");
    ck_assert_ptr_null(reply_check("Tiket {ticket}", ALL, &worst, 160, why, sizeof(why)));

    worst.status = "Selesai\xff";
    ck_assert_ptr_eq(reply_check("{status}", ALL, &worst, 160, why, sizeof(why)), why);
    ck_assert_str_eq(why, "is not valid UTF-8 (byte 0xff in its {status} value)");

    worst.status = repeat('a', 161, "");
    ck_assert_ptr_eq(reply_check("{status}", ALL, &worst, 160, why, sizeof(why)), why);
    ck_assert_str_eq(why, "is 161 characters with the longest values; the limit is 160");

    /* NULL values and no worst values at all render as empty */
    worst.status = NULL;
    ck_assert_ptr_null(
        reply_check(repeat('a', 160, "{status}"), ALL, &worst, 160, why, sizeof(why)));
    ck_assert_ptr_null(reply_check(repeat('a', 160, "{code}"), ALL, NULL, 160, why, sizeof(why)));
}
END_TEST

START_TEST(test_check_buffers)
{
    struct reply_vars worst = worst_vars();
    char small[10];
    const char *r;

    memset(small, 'x', sizeof(small));
    r = reply_check("{tiket}", ALL, &worst, 160, small, sizeof(small));
    ck_assert_ptr_eq(r, small);
    ck_assert_str_eq(small, "uses unkn");

    r = reply_check("{tiket}", ALL, &worst, 160, NULL, 0);
    ck_assert_ptr_nonnull(r);
    assert_reason_style(r);
    ck_assert_ptr_null(reply_check("ok", ALL, &worst, 160, NULL, 0));
}
END_TEST

/* The default reply templates with their allowed placeholders. */
static const struct {
    const char *name;
    unsigned allowed;
    const char *tmpl;
} defaults[] = {
    {"complaint", REPLY_VAR_TICKET,
     "Terima kasih. Aduan Anda tercatat dgn no tiket {ticket}. Cek: ketik STATUS {ticket}"},
    {"complaint_empty", 0,
     "Tulis aduan setelah kata ADUAN. Contoh: ADUAN jalan rusak di Desa Sooko RT 3"},
    {"status", REPLY_VAR_TICKET | REPLY_VAR_STATUS | REPLY_VAR_DATE,
     "Tiket {ticket}: {status}. Perubahan terakhir {date}."},
    {"status_bad_code", REPLY_VAR_CODE,
     "Nomor tiket {code} salah, cek lagi. No tiket 7 angka, contoh: STATUS 4821937"},
    {"status_not_found", REPLY_VAR_TICKET, "Tiket {ticket} tidak ditemukan, cek lagi nomornya."},
    {"status_missing", 0, "Ketik STATUS lalu no tiket 7 angka. Contoh: STATUS 4821937"},
    {"subscribe", 0,
     "Anda terdaftar utk info agenda DPRD Kab. Mojokerto. Berhenti: ketik BERHENTI"},
    {"unsubscribe", 0, "Anda tdk akan menerima info lagi. Daftar lagi: ketik DAFTAR"},
    {"info_missing", REPLY_VAR_KEYWORD, "Info {keyword} belum ada. Ketik INFO utk daftar topik."},
    {"proposal_session", REPLY_VAR_SESSION,
     "Terima kasih, masukan Anda dicatat utk agenda #{session} dan diteruskan ke DPRD."},
    {"subscribe_komisi", REPLY_VAR_KOMISI,
     "Anda terdaftar utk info agenda Komisi {komisi} DPRD Kab. Mojokerto. Berhenti: ketik "
     "BERHENTI"},
    {"help", 0,
     "DPRD Kab. Mojokerto. Ketik: ADUAN isi aduan / STATUS no tiket / AGENDA / INFO / DAFTAR / "
     "BERHENTI"},
};

START_TEST(test_default_templates)
{
    struct reply_vars worst = worst_vars();
    const char *tmpl = defaults[_i].tmpl;
    unsigned allowed = defaults[_i].allowed, bit;
    char why[200], out[161];
    ssize_t n;

    ck_assert_msg(reply_check(tmpl, allowed, &worst, 160, why, sizeof(why)) == NULL, "%s: %s",
                  defaults[_i].name, why);

    /* rendered with the worst values it fits one SMS buffer and segment */
    n = reply_render(tmpl, &worst, out, sizeof(out));
    ck_assert_int_gt(n, 0);
    ck_assert_int_ge(gsm7_septets(out, (size_t)n), 0);
    ck_assert_int_le(gsm7_septets(out, (size_t)n), 160);
    ck_assert_int_eq(sms_segments(out, (size_t)n), 1);

    /* each placeholder it uses is needed: without it the check fails */
    for (bit = REPLY_VAR_TICKET; bit <= REPLY_VAR_KEYWORD; bit <<= 1) {
        if ((allowed & bit) == 0)
            continue;
        ck_assert_ptr_eq(reply_check(tmpl, allowed & ~bit, &worst, 160, why, sizeof(why)), why);
        ck_assert_ptr_nonnull(strstr(why, "which this reply cannot fill"));
    }
}
END_TEST

static Suite *
reply_suite(void)
{
    Suite *s = suite_create("reply");
    TCase *tc = tcase_create("reply");

    tcase_add_loop_test(tc, test_render_table, 0, (int)N(render_cases));
    tcase_add_test(tc, test_render_missing_values);
    tcase_add_test(tc, test_render_sms);
    tcase_add_loop_test(tc, test_check_table, 0, (int)N(check_cases));
    tcase_add_test(tc, test_check_values);
    tcase_add_test(tc, test_check_buffers);
    tcase_add_loop_test(tc, test_default_templates, 0, (int)N(defaults));
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(reply_suite)
