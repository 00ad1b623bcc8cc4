/*
 * Unit tests for parsers/ticketref.c: ticket numbers as citizens type them
 * (groups, separators, markers, look-alike letters), the numbers that must
 * not be taken for one (dates, times, RT/RW, phones, money, years, words),
 * the choice among several candidates, every single-digit typo and every
 * neighbour swap of 200 codes in several layouts, and the corrections
 * offered for a bad code, checked exhaustively against an independent Damm
 * implementation.
 *
 * The exhaustive loops count failures and assert once at the end, as in
 * check_ticket.c: Check records every passing assertion.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "parsers/ticket.h"
#include "parsers/ticketref.h"
#include "tests/unit/check_main.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The Damm quasigroup, written out independently of parsers/ticket.c. */
static const uint8_t damm_table[10][10] = {
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3}, {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6}, {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7}, {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
};

/* Whether the seven digits at s carry a right check digit. */
static int
oracle_valid(const char *s)
{
    int i, interim = 0;

    for (i = 0; i < TICKET_CODE_LEN; i++)
        interim = damm_table[interim][s[i] - '0'];
    return interim == 0;
}

/* Writes the valid code for the six-digit body into code. */
static void
oracle_code(uint32_t body, char code[TICKET_CODE_LEN + 1])
{
    int i, interim = 0;

    for (i = 5; i >= 0; i--) {
        code[i] = (char)('0' + body % 10);
        body /= 10;
    }
    for (i = 0; i < 6; i++)
        interim = damm_table[interim][code[i] - '0'];
    code[6] = (char)('0' + interim);
    code[7] = '\0';
}

/* A small deterministic generator (a 32-bit LCG), for reproducible codes. */
static uint32_t
next_rand(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

#define V  TICKET_REF_VALID
#define BC TICKET_REF_BAD_CHECK
#define BL TICKET_REF_BAD_LENGTH
#define NO TICKET_REF_NONE

/*
 * {text, ref, digits, span}: span is the text the number stands in (where
 * out->off and out->len point), NULL when there is none.  4821935 is a
 * valid code and 4821937 (the example) is not.
 */
static const struct {
    const char *text;
    enum ticket_ref ref;
    const char *digits;
    const char *span;
} find_cases[] = {
    /* plain, with keywords and markers */
    {"STATUS 4821935", V, "4821935", "4821935"},
    {"4821935", V, "4821935", "4821935"},
    {"status 4821937", BC, "4821937", "4821937"},
    {"cek tiket no.4821937", BC, "4821937", "4821937"},
    {"cek tiket no. 4821935", V, "4821935", "4821935"},
    {"no:4821935", V, "4821935", "4821935"},
    {"nomor 4821935", V, "4821935", "4821935"},
    {"nomor tiket: 4821935", V, "4821935", "4821935"},
    {"#4821935", V, "4821935", "4821935"},
    {"tiket #4821935 gimana", V, "4821935", "4821935"},
    {"tiket4821935", V, "4821935", "4821935"},
    {"STATUS4821935", V, "4821935", "4821935"},
    {"NO4821935", V, "4821935", "4821935"},
    {"no4821935", V, "4821935", "4821935"},
    {"4821935ok", V, "4821935", "4821935"},
    {"(4821935)", V, "4821935", "4821935"},
    {"gimana aduan saya 4821935?", V, "4821935", "4821935"},
    {"0000000", V, "0000000", "0000000"},
    {"status 0812341", V, "0812341", "0812341"}, /* starts like a phone, 7 digits */
    {"tiket 6281200", V, "6281200", "6281200"},
    /* groups */
    {"status 482-19 37", BC, "4821937", "482-19 37"},
    {"status 482-19 35", V, "4821935", "482-19 35"},
    {"482 19 35", V, "4821935", "482 19 35"},
    {"482 1935", V, "4821935", "482 1935"},
    {"4821 935", V, "4821935", "4821 935"},
    {"482.1935", V, "4821935", "482.1935"},
    {"4.821.935", V, "4821935", "4.821.935"},
    {"482-19-35", V, "4821935", "482-19-35"},
    {"4 8 2 1 9 3 5", V, "4821935", "4 8 2 1 9 3 5"},
    {"status 482193 5", V, "4821935", "482193 5"},
    {"12-12 935", BC, "1212935", "12-12 935"}, /* seven digits in all: not a date */
    {"482  1935", BL, "482", "482"},           /* two spaces: two numbers */
    {"482, 1935", BL, "482", "482"},
    {"482_1935", BL, "482", "482"},
    {"482/1935", BL, "482", "482"},
    /* a ticket, then another number */
    {"STATUS 4821937 5", BC, "4821937", "4821937"},
    {"STATUS 4821935 5", V, "4821935", "4821935"},
    {"5 4821935", V, "4821935", "4821935"},
    {"status 4821935 2026", V, "4821935", "4821935"},
    {"status 2026 4821935", V, "4821935", "4821935"},
    {"48 219 35 8", V, "4821935", "48 219 35"},
    {"status 4821935. 5 orang", V, "4821935", "4821935"},
    {"status 4821935 5 hari lalu", V, "4821935", "4821935"},
    {"no 4821937 tgl 2/12", BC, "4821937", "4821937"},
    {"tgl 2/12 no 4821937", BC, "4821937", "4821937"},
    {"no 4821935 tgl 12-12-2026", V, "4821935", "4821935"},
    {"tgl 12-12-2026 4821935", V, "4821935", "4821935"},
    {"RT 3 RW 5 tiket 4821935", V, "4821935", "4821935"},
    {"hp 081234567890 tiket 4821935", V, "4821935", "4821935"},
    {"0812 3456 7890 4821935", V, "4821935", "4821935"},
    {"Rp 5.000 tiket 4821935", V, "4821935", "4821935"},
    {"50% 4821935", V, "4821935", "4821935"},
    {"jam 09.00 tiket 4821935", V, "4821935", "4821935"},
    /* several candidates: the first valid, else the first invalid, else the first */
    {"status 1234567 4821935", V, "4821935", "4821935"},
    {"status 4821935 1234566", V, "4821935", "4821935"},
    {"status 1234567 4821937", BC, "1234567", "1234567"},
    {"1 482 193 5", V, "4821935", "482 193 5"}, /* "1 482 193" is invalid */
    {"tiket 48219 atau 4821937", BC, "4821937", "4821937"},
    {"tiket 48219 atau 4821", BL, "48219", "48219"},
    {"sudah 3 hari tiket 48219 blm ada kabar", BL, "48219", "48219"},
    {"dari desa 12 tiket 48219", BL, "12", "12"},
    /* wrong lengths */
    {"status 48219", BL, "48219", "48219"},
    {"status 482193", BL, "482193", "482193"},
    {"status 48219355", BL, "48219355", "48219355"},
    {"status 482 19", BL, "48219", "482 19"},
    {"status 48219 375 5", BL, "482193755", "48219 375 5"},
    {"lapor jln rusak dpn SDN 2", BL, "2", "2"},
    {"NIK 3516012345678901", BL, "351601234567890", "3516012345678901"}, /* 16 digits, 15 kept */
    {"123456789012345", BL, "123456789012345", "123456789012345"},
    /* look-alike letters */
    {"482l935", V, "4821935", "482l935"},
    {"482I935", V, "4821935", "482I935"},
    {"482i935", V, "4821935", "482i935"},
    {"482l937", BC, "4821937", "482l937"},
    {"48219O7", BC, "4821907", "48219O7"},
    {"48219o7", BC, "4821907", "48219o7"},
    {"482193S", V, "4821935", "482193S"},
    {"482193s", V, "4821935", "482193s"},
    {"4B21935", V, "4821935", "4B21935"},
    {"48Z1935", V, "4821935", "48Z1935"},
    {"4821 93S", V, "4821935", "4821 93S"},
    {"4821 93O", BC, "4821930", "4821 93O"},
    {"status 482-l9 35", V, "4821935", "482-l9 35"},
    {"OOOO0OO", BL, "0", "0"}, /* six look-alikes: only the digit counts */
    {"4Bl935", BL, "481935", "4Bl935"},
    {"4BlS935", BC, "4815935", "4BlS935"}, /* three look-alikes between digits */
    {"status 87O7OO7", V, "8707007", "87O7OO7"},
    {"10O", BL, "100", "10O"},
    {"1OO", BL, "1", "1"},  /* more look-alikes than digits */
    {"1OOO", BL, "1", "1"}, /* three at an end: a word, maybe */
    {"SO9001", BL, "509001", "SO9001"},
    {"S0", BL, "50", "S0"}, /* as many digits as look-alikes */
    {"1O", BL, "10", "1O"},
    {"OlO", NO, "", NULL}, /* more look-alikes than digits, and no digit */
    {"Ol0", BL, "0", "0"},
    {"ISO9001", BL, "9001", "9001"},
    {"482b935", BL, "482", "482"}, /* lower-case b is no look-alike */
    {"482z935", BL, "482", "482"},
    /* words made of look-alikes are words */
    {"solo", NO, "", NULL},
    {"Sooko", NO, "", NULL},
    {"ISI", NO, "", NULL},
    {"lOl", NO, "", NULL},
    {"SOS BOS ZOO", NO, "", NULL},
    {"jalan rusak di Desa Sooko, tolong", NO, "", NULL},
    /* dates */
    {"2/12", NO, "", NULL},
    {"tgl 2/12/2026", NO, "", NULL},
    {"12-12-2026", NO, "", NULL},
    {"12.12.2026", NO, "", NULL},
    {"1.12.2026", NO, "", NULL},   /* seven digits, but a date */
    {"1:2.12.2026", BL, "1", "1"}, /* a run of one separator starts where another ends */
    {"2/12 12-12-2026", NO, "", NULL},
    {"12.12-1.14.03/52", NO, "", NULL}, /* a range of times, judged by its own tokens */
    {"2-12", NO, "", NULL},
    {"12.12.26", NO, "", NULL},
    {"tgl 2", NO, "", NULL},
    {"tanggal 25", NO, "", NULL},
    {"2 des", NO, "", NULL},
    {"2des", NO, "", NULL},
    {"dec 2", NO, "", NULL},
    {"des 2026", NO, "", NULL},
    {"45/12", NO, "", NULL},          /* no date, but short numbers around a slash are no ticket */
    {"4821/935", BL, "4821", "4821"}, /* a slash joins no groups of a ticket */
    {"32-12", BL, "3212", "32-12"},
    {"12-13", BL, "1213", "12-13"},
    {"0/12", NO, "", NULL},
    /* times */
    {"rapat 09.00", NO, "", NULL},
    {"09.00-12.00", NO, "", NULL},
    {"jam 9:30", NO, "", NULL},
    {"9:30:15", NO, "", NULL},
    {"jam 9", NO, "", NULL},
    {"pukul 10", NO, "", NULL},
    {"24.00", NO, "", NULL},
    {"25.00", BL, "2500", "25.00"},
    {"9.300", BL, "9300", "9.300"},
    /* RT/RW */
    {"RT 3 RW 5", NO, "", NULL},
    {"RT.03/RW.05", NO, "", NULL},
    {"rt03 rw05", NO, "", NULL},
    {"RT/RW 003/005", NO, "", NULL},
    {"003/005", NO, "", NULL},
    {"RT: 12", NO, "", NULL},
    /* phones */
    {"081234567890", NO, "", NULL},
    {"hp 0812-3456-7890", NO, "", NULL},
    {"0812 3456 789", NO, "", NULL},
    {"+62 812-3456-7890", NO, "", NULL},
    {"+6281234567890", NO, "", NULL},
    {"6281234567890", NO, "", NULL},
    {"62 812 3456 7890", NO, "", NULL},
    {"0812345678", NO, "", NULL},                /* ten digits: a phone */
    {"081234567", BL, "081234567", "081234567"}, /* nine: no phone */
    {"0812 345 67", BC, "0812345", "0812 345"},  /* like "4821937 5" */
    {"0812 345", BC, "0812345", "0812 345"},
    /* money and quantities */
    {"Rp 5.000", NO, "", NULL},
    {"Rp5000", NO, "", NULL},
    {"Rp. 4.821.935", NO, "", NULL}, /* seven digits, but money */
    {"Rp5.000,- 2,5jt", NO, "", NULL},
    {"5 juta", NO, "", NULL},
    {"1.500.000 rupiah", NO, "", NULL},
    {"500rb", NO, "", NULL},
    {"50%", NO, "", NULL},
    {"50 %", NO, "", NULL},
    {"3 hari", NO, "", NULL},
    {"100 m", NO, "", NULL},
    {"20 kk", NO, "", NULL},
    {"12345 hari", BL, "12345", "12345"}, /* five digits: no count of days */
    /* years */
    {"2026", NO, "", NULL},
    {"tahun 2026", NO, "", NULL},
    {"1999", NO, "", NULL},
    {"2100", BL, "2100", "2100"},
    {"1899", BL, "1899", "1899"},
    {"2O26", NO, "", NULL},
    /* nothing at all */
    {"", NO, "", NULL},
    {"halo", NO, "", NULL},
    {"STATUS", NO, "", NULL},
    {"\xe4\xb8\x80\xe4\xba\x8c", NO, "", NULL}, /* CJK numerals */
    {"\xd9\xa4\xd9\xa8\xd9\xa2", NO, "", NULL}, /* Arabic-Indic digits */
    {"48219\xd0\x97"
     "5",
     BL, "48219", "48219"}, /* a Cyrillic Ze in the middle */
};

START_TEST(test_find)
{
    const char *text = find_cases[_i].text;
    struct ticketref r;
    int found;

    memset(&r, 0x5a, sizeof(r));
    found = ticketref_find(text, strlen(text), &r);
    ck_assert_msg(r.ref == find_cases[_i].ref, "\"%s\": ref %d, want %d", text, r.ref,
                  find_cases[_i].ref);
    ck_assert_int_eq(found, find_cases[_i].ref != TICKET_REF_NONE);
    ck_assert_msg(strcmp(r.digits, find_cases[_i].digits) == 0,
                  "\"%s\": digits \"%s\", want \"%s\"", text, r.digits, find_cases[_i].digits);
    if (find_cases[_i].span == NULL) {
        ck_assert_uint_eq(r.len, 0);
    } else {
        ck_assert_msg(r.off + r.len <= strlen(text), "\"%s\": span out of the text", text);
        ck_assert_msg(r.len == strlen(find_cases[_i].span) &&
                          memcmp(text + r.off, find_cases[_i].span, r.len) == 0,
                      "\"%s\": span \"%.*s\", want \"%s\"", text, (int)r.len, text + r.off,
                      find_cases[_i].span);
    }
}
END_TEST

/* The table's expectations agree with the independent Damm oracle. */
START_TEST(test_find_table_consistent)
{
    size_t i, n;

    for (i = 0; i < NELEM(find_cases); i++) {
        n = strlen(find_cases[i].digits);
        if (find_cases[i].ref == TICKET_REF_VALID || find_cases[i].ref == TICKET_REF_BAD_CHECK) {
            ck_assert_uint_eq(n, TICKET_CODE_LEN);
            ck_assert_int_eq(oracle_valid(find_cases[i].digits),
                             find_cases[i].ref == TICKET_REF_VALID);
        } else if (find_cases[i].ref == TICKET_REF_BAD_LENGTH) {
            ck_assert_uint_ne(n, TICKET_CODE_LEN);
        } else {
            ck_assert_uint_eq(n, 0);
        }
    }
}
END_TEST

/* Text that is not NUL-terminated, or holds NUL bytes: len decides. */
START_TEST(test_find_len)
{
    struct ticketref r;

    ck_assert_int_eq(ticketref_find("48219355", 7, &r), 1);
    ck_assert_int_eq(r.ref, TICKET_REF_VALID);
    ck_assert_str_eq(r.digits, "4821935");
    ck_assert_int_eq(ticketref_find("4821935", 6, &r), 1);
    ck_assert_int_eq(r.ref, TICKET_REF_BAD_LENGTH);
    ck_assert_str_eq(r.digits, "482193");
    ck_assert_int_eq(ticketref_find("4821935", 0, &r), 0);
    ck_assert_int_eq(r.ref, TICKET_REF_NONE);
    ck_assert_str_eq(r.digits, "");
    /* a NUL byte separates like any other character that is no separator */
    ck_assert_int_eq(ticketref_find("482\0"
                                    "1935",
                                    8, &r),
                     1);
    ck_assert_int_eq(r.ref, TICKET_REF_BAD_LENGTH);
    ck_assert_str_eq(r.digits, "482");
    ck_assert_int_eq(ticketref_find("tiket 4821935\0"
                                    "1234567",
                                    21, &r),
                     1);
    ck_assert_int_eq(r.ref, TICKET_REF_VALID);
    ck_assert_str_eq(r.digits, "4821935");
}
END_TEST

/* Ways of writing a seven-digit code c into buf. */
static void
layout(int k, const char *c, char *buf, size_t bufsz)
{
    switch (k) {
    case 0:
        snprintf(buf, bufsz, "STATUS %s", c);
        break;
    case 1:
        snprintf(buf, bufsz, "cek tiket no.%s", c);
        break;
    case 2:
        snprintf(buf, bufsz, "status %.3s-%.2s %.2s", c, c + 3, c + 5);
        break;
    case 3:
        snprintf(buf, bufsz, "%.3s %.4s tolong dicek", c, c + 3);
        break;
    case 4:
        snprintf(buf, bufsz, "status %s 5", c);
        break;
    case 5:
        snprintf(buf, bufsz, "no %s tgl 2/12 jam 09.00", c);
        break;
    case 6:
        snprintf(buf, bufsz, "RT 3 RW 5 hp 081234567890 tiket #%s", c);
        break;
    default:
        snprintf(buf, bufsz, "%.1s.%.3s.%.3s", c, c + 1, c + 4);
        break;
    }
}

#define LAYOUTS 8

/* Finds the code c written in every layout; counts mismatches with want. */
static int
find_everywhere(const char *c, enum ticket_ref want)
{
    char buf[128];
    struct ticketref r;
    int k, bad = 0;

    for (k = 0; k < LAYOUTS; k++) {
        layout(k, c, buf, sizeof(buf));
        ticketref_find(buf, strlen(buf), &r);
        if (r.ref != want || strcmp(r.digits, c) != 0) {
            if (bad < 5)
                fprintf(stderr, "# \"%s\": ref %d digits %s, want %d %s\n", buf, r.ref, r.digits,
                        want, c);
            bad++;
        }
    }
    return bad;
}

/* For 200 codes: the code is found valid in every layout, and every
 * single-digit typo and every swap of different neighbours is found as a
 * bad check digit, with the digits as typed. */
START_TEST(test_typos_found_bad)
{
    char code[TICKET_CODE_LEN + 1], typo[TICKET_CODE_LEN + 1];
    uint32_t seed = 20261128;
    int n, i, bad = 0, tried = 0;
    char d;

    for (n = 0; n < 200; n++) {
        oracle_code(next_rand(&seed) % 1000000, code);
        bad += find_everywhere(code, TICKET_REF_VALID);
        for (i = 0; i < TICKET_CODE_LEN; i++) {
            for (d = '0'; d <= '9'; d++) {
                if (d == code[i])
                    continue;
                memcpy(typo, code, sizeof(typo));
                typo[i] = d;
                bad += find_everywhere(typo, TICKET_REF_BAD_CHECK);
                tried++;
            }
            if (i + 1 < TICKET_CODE_LEN && code[i] != code[i + 1]) {
                memcpy(typo, code, sizeof(typo));
                typo[i] = code[i + 1];
                typo[i + 1] = code[i];
                bad += find_everywhere(typo, TICKET_REF_BAD_CHECK);
                tried++;
            }
        }
    }
    ck_assert_int_ge(tried, 200 * 63);
    ck_assert_msg(bad == 0, "%d of %d typed codes misread", bad, tried * LAYOUTS);
}
END_TEST

/* ---- corrections ------------------------------------------------------------ */

/* Whether a and b (seven digits each) are one typo apart. */
static int
one_typo(const char *a, const char *b)
{
    int i, diff = 0, first = -1;

    for (i = 0; i < TICKET_CODE_LEN; i++) {
        if (a[i] != b[i]) {
            if (first < 0)
                first = i;
            diff++;
        }
    }
    if (diff == 1)
        return 1;
    return diff == 2 && first + 1 < TICKET_CODE_LEN && a[first] == b[first + 1] &&
           a[first + 1] == b[first];
}

/* The valid codes one typo away from c, by brute force over all 10^6
 * bodies would be slow; the neighbours are few, so enumerate them. */
static size_t
oracle_corrections(const char *c)
{
    char t[TICKET_CODE_LEN + 1];
    size_t n = 0;
    int i;
    char d;

    for (i = 0; i < TICKET_CODE_LEN; i++) {
        for (d = '0'; d <= '9'; d++) {
            if (d == c[i])
                continue;
            memcpy(t, c, sizeof(t));
            t[i] = d;
            n += oracle_valid(t);
        }
        if (i + 1 < TICKET_CODE_LEN && c[i] != c[i + 1]) {
            memcpy(t, c, sizeof(t));
            t[i] = c[i + 1];
            t[i + 1] = c[i];
            n += oracle_valid(t);
        }
    }
    return n;
}

/*
 * Checks the corrections of the bad code typo, which true_code is one typo
 * from: the true code is among them, the count is the oracle's, the list is
 * sorted without repeats, every entry is valid and one typo away, and a
 * smaller max gives a prefix and writes nothing past it.  Returns the
 * number of failed checks.
 */
static int
check_corrections(const char *typo, const char *true_code)
{
    char fix[16][TICKET_CODE_LEN + 1], part[16][TICKET_CODE_LEN + 1];
    size_t n, m, i, max;
    int bad = 0, seen = 0;

    n = ticketref_corrections(typo, fix, 16);
    bad += n != oracle_corrections(typo);
    bad += n < 7 || n > 13; /* one per place, plus at most six swaps */
    for (i = 0; i < n && i < 16; i++) {
        bad += strlen(fix[i]) != TICKET_CODE_LEN || !oracle_valid(fix[i]);
        bad += !one_typo(typo, fix[i]);
        if (i > 0)
            bad += strcmp(fix[i - 1], fix[i]) >= 0;
        seen += strcmp(fix[i], true_code) == 0;
    }
    bad += seen != 1;
    for (max = 0; max <= n; max++) {
        memset(part, 'x', sizeof(part));
        m = ticketref_corrections(typo, part, max);
        bad += m != n;
        for (i = 0; i < max; i++)
            bad += memcmp(part[i], fix[i], TICKET_CODE_LEN + 1) != 0;
        bad += max < 16 && part[max][0] != 'x'; /* nothing past max */
    }
    return bad;
}

/* Exhaustive over the single typos of 2000 codes. */
START_TEST(test_corrections_exhaustive)
{
    char code[TICKET_CODE_LEN + 1], typo[TICKET_CODE_LEN + 1];
    uint32_t seed = 7;
    int n, i, bad = 0, tried = 0;
    char d;

    for (n = 0; n < 2000; n++) {
        oracle_code(next_rand(&seed) % 1000000, code);
        for (i = 0; i < TICKET_CODE_LEN; i++) {
            for (d = '0'; d <= '9'; d++) {
                if (d == code[i])
                    continue;
                memcpy(typo, code, sizeof(typo));
                typo[i] = d;
                bad += check_corrections(typo, code);
                tried++;
            }
            if (i + 1 < TICKET_CODE_LEN && code[i] != code[i + 1]) {
                memcpy(typo, code, sizeof(typo));
                typo[i] = code[i + 1];
                typo[i + 1] = code[i];
                bad += check_corrections(typo, code);
                tried++;
            }
        }
    }
    ck_assert_int_gt(tried, 2000 * 63);
    ck_assert_msg(bad == 0, "%d failed checks over %d typos", bad, tried);
}
END_TEST

/* Known answers: the example and the edges of the code space. */
static const struct {
    const char *code;
    size_t count;
    const char *first, *last; /* NULL when count is 0 */
    const char *contains;
} correction_cases[] = {
    {"4821937", 7, "4721937", "9821937", "4821935"},
    {"4821935", 0, NULL, NULL, NULL}, /* valid: not its own correction */
    {"0000000", 0, NULL, NULL, NULL},
    {"0000001", 7, "0000000", "9000001", "0000000"}, /* no swap of equal digits */
    {"9999999", 7, "0999999", "9999990", "9999990"},
    {"0862361", 12, "0682361", "8062361", "0826361"}, /* five swaps are valid codes */
    {"482193", 0, NULL, NULL, NULL},                  /* six digits */
    {"48219355", 0, NULL, NULL, NULL},                /* eight */
    {"482193a", 0, NULL, NULL, NULL},
    {"482 937", 0, NULL, NULL, NULL},
    {"", 0, NULL, NULL, NULL},
};

START_TEST(test_corrections_known)
{
    char fix[16][TICKET_CODE_LEN + 1];
    size_t n, i;
    int found = 0;

    n = ticketref_corrections(correction_cases[_i].code, fix, 16);
    ck_assert_msg(n == correction_cases[_i].count, "%s: %zu corrections, want %zu",
                  correction_cases[_i].code, n, correction_cases[_i].count);
    if (n == 0)
        return;
    ck_assert_str_eq(fix[0], correction_cases[_i].first);
    ck_assert_str_eq(fix[n - 1], correction_cases[_i].last);
    for (i = 0; i < n; i++)
        found += strcmp(fix[i], correction_cases[_i].contains) == 0;
    ck_assert_int_eq(found, 1);
}
END_TEST

START_TEST(test_corrections_null_out)
{
    ck_assert_uint_eq(ticketref_corrections("4821937", NULL, 0), 7);
    ck_assert_uint_eq(ticketref_corrections(NULL, NULL, 0), 0);
}
END_TEST

static Suite *
ticketref_suite(void)
{
    Suite *s = suite_create("ticketref");
    TCase *tc;

    tc = tcase_create("find");
    tcase_add_loop_test(tc, test_find, 0, NELEM(find_cases));
    tcase_add_test(tc, test_find_table_consistent);
    tcase_add_test(tc, test_find_len);
    suite_add_tcase(s, tc);

    tc = tcase_create("typos");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_typos_found_bad);
    suite_add_tcase(s, tc);

    tc = tcase_create("corrections");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_corrections_known, 0, NELEM(correction_cases));
    tcase_add_test(tc, test_corrections_exhaustive);
    tcase_add_test(tc, test_corrections_null_out);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(ticketref_suite)
