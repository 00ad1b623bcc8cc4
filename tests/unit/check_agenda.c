/*
 * Unit tests for parsers/agenda.c: relative days, dates and their limits,
 * komisi numbers in every spelling (and the numbers that name none),
 * session types, all of it in Indonesian, Javanese and English, in any
 * case and with light typos; the canonical format, byte for byte and in
 * buffers too small for it; and that every parsed filter survives a trip
 * through its format and back.
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "parsers/agenda.h"
#include "tests/unit/check_main.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* {text, the filter as agenda_filter_format() writes it} */
static const struct {
    const char *text;
    const char *want;
} parse_cases[] = {
    /* the and the corpus format's examples */
    {"agnda besuk", "tomorrow"},
    {"AGENDA KOMISI III", "komisi=3"},
    {"jadwal paripurna 2 des", "02/12 type=paripurna"},
    {"agenda rdp minggu ini", "week type=rdp"},
    {"rapat komisi tiga minggu ini", "week komisi=3"},
    {"kapan rapat paripurna apbd?", "type=paripurna"},
    {"tgl 5", "05/00"},
    {"", ""},
    {"AGENDA", ""},
    {"jadwal dprd", ""},
    /* tomorrow */
    {"besok", "tomorrow"},
    {"BESOK", "tomorrow"},
    {"Besok ada rapat?", "tomorrow"},
    {"bsk", "tomorrow"},
    {"besk", "tomorrow"},
    {"bsok", "tomorrow"},
    {"besuk", "tomorrow"},
    {"besoq", "tomorrow"},
    {"esok", "tomorrow"},
    {"sesuk", "tomorrow"},
    {"mbesuk", "tomorrow"},
    {"mbenjing", "tomorrow"},
    {"mbenjng", "tomorrow"}, /* one letter dropped */
    {"benjing", "tomorrow"},
    {"tomorrow", "tomorrow"},
    {"tomorow", "tomorrow"},
    {"tommorow", "tomorrow"},
    {"tmrw", "tomorrow"},
    {"agenda besok.", "tomorrow"},
    {"agenda,besok!", "tomorrow"},
    /* today */
    {"hari ini", "today"},
    {"HARI INI", "today"},
    {"hr ini", "today"},
    {"hri ini", "today"},
    {"hariini", "today"},
    {"hari  ini", "today"},
    {"skrg", "today"},
    {"sekarang", "today"},
    {"sekarng", "today"},
    {"saiki", "today"},
    {"dino iki", "today"},
    {"dina iki", "today"},
    {"dinten niki", "today"},
    {"dinten menika", "today"},
    {"today", "today"},
    {"tonight", "today"},
    {"malam ini", "today"},
    {"nanti malam", "today"},
    {"hari minggu", ""}, /* Sunday: no day it can name */
    {"hari", ""},
    {"ini", ""},
    /* this week */
    {"minggu ini", "week"},
    {"mgg ini", "week"},
    {"mg ini", "week"},
    {"minggu iki", "week"},
    {"minggu niki", "week"},
    {"pekan ini", "week"},
    {"pekan iki", "week"},
    {"this week", "week"},
    {"week", "week"},
    {"seminggu", "week"},
    {"mingu ini", "week"},
    {"minggu depan", ""}, /* next week: not a filter */
    {"pekan depan", ""},
    {"minggu", ""},
    /* the first day said wins */
    {"besok atau hari ini", "tomorrow"},
    {"hari ini atau besok", "today"},
    {"2/12 besok", "02/12"},
    {"besok 2/12", "tomorrow"},
    /* numeric dates and their limits */
    {"2/12", "02/12"},
    {"02/12", "02/12"},
    {"2-12", "02/12"},
    {"02-12", "02/12"},
    {"2.12", "02/12"},
    {"2/12/2026", "02/12"},
    {"2-12-2026", "02/12"},
    {"2.12.2026", "02/12"},
    {"2/12/26", "02/12"},
    {"1/1", "01/01"},
    {"31/12", "31/12"},
    {"32/12", ""},
    {"31/13", ""},
    {"0/12", ""},
    {"12/0", ""},
    {"45/12", ""},
    {"31/1", "31/01"},
    {"31/2", ""},
    {"30/2", ""},
    {"29/2", "29/02"},
    {"29/2/2024", "29/02"},
    {"29/2/2025", ""},
    {"28/2/2025", "28/02"},
    {"29/2/2000", "29/02"},
    {"29/2/2100", ""},
    {"30/4", "30/04"},
    {"31/4", ""},
    {"31/5", "31/05"},
    {"31/6", ""},
    {"31/11", ""},
    {"2/123", ""},
    {"123/12", ""},
    {"45/12 besok", "tomorrow"}, /* an impossible date is no date */
    {"jam 9.30", ""},            /* a time */
    {"pukul 10.11", ""},
    {"jam 9", ""},
    {"12/00", "12/00"}, /* the format's own "month not said" */
    /* dates with month names */
    {"2 des", "02/12"},
    {"2 desember", "02/12"},
    {"2 DESEMBER 2026", "02/12"},
    {"2des", "02/12"},
    {"2-des", "02/12"},
    {"2 dec", "02/12"},
    {"2 december", "02/12"},
    {"dec 2", "02/12"},
    {"december 2nd", "02/12"},
    {"2nd december", "02/12"},
    {"1st jan", "01/01"},
    {"17 agustus", "17/08"},
    {"17 agt", "17/08"},
    {"17 aug", "17/08"},
    {"17 agustus 2026", "17/08"},
    {"1 januari", "01/01"},
    {"1 jan", "01/01"},
    {"14 februari", "14/02"},
    {"14 pebruari", "14/02"},
    {"14 feb", "14/02"},
    {"14 peb", "14/02"},
    {"3 maret", "03/03"},
    {"3 march", "03/03"},
    {"3 mar", "03/03"},
    {"3 april", "03/04"},
    {"3 apr", "03/04"},
    {"3 mei", "03/05"},
    {"3 may", "03/05"},
    {"3 juni", "03/06"},
    {"3 jun", "03/06"},
    {"3 juli", "03/07"},
    {"3 jul", "03/07"},
    {"3 september", "03/09"},
    {"3 sep", "03/09"},
    {"3 sept", "03/09"},
    {"3 oktober", "03/10"},
    {"3 okt", "03/10"},
    {"3 oct", "03/10"},
    {"3 november", "03/11"},
    {"3 nopember", "03/11"},
    {"3 nov", "03/11"},
    {"3 nop", "03/11"},
    {"3 desembr", "03/12"}, /* one letter dropped */
    {"3 disember", "03/12"},
    {"31 april", ""},
    {"30 april", "30/04"},
    {"29 feb 2025", ""},
    {"32 des", ""},
    {"agenda bulan desember", ""}, /* a month without a day */
    {"des", ""},
    /* "tgl" and "tanggal" */
    {"tgl 2", "02/00"},
    {"tgl. 2", "02/00"},
    {"tgl 02", "02/00"},
    {"TANGGAL 2", "02/00"},
    {"tanggal 2 desember", "02/12"},
    {"tgl 2 des", "02/12"},
    {"tgl 2/12", "02/12"},
    {"tgl 31", "31/00"},
    {"tgl 32", ""},
    {"tgl 0", ""},
    {"tgl", ""},
    {"tgl 123", ""},
    /* komisi: Roman numerals, digits, words, letters */
    {"komisi I", "komisi=1"},
    {"komisi II", "komisi=2"},
    {"komisi III", "komisi=3"},
    {"komisi IV", "komisi=4"},
    {"komisi iii", "komisi=3"},
    {"komisi lll", "komisi=3"},
    {"komisi V", "type=komisi"}, /* there are four */
    {"komisi 1", "komisi=1"},
    {"komisi 4", "komisi=4"},
    {"komisi 0", "type=komisi"},
    {"komisi 5", "type=komisi"},
    {"komisi 04", "komisi=4"},
    {"komisi 12", "type=komisi"},
    {"komisi satu", "komisi=1"},
    {"komisi dua", "komisi=2"},
    {"komisi tiga", "komisi=3"},
    {"komisi empat", "komisi=4"},
    {"komisi lima", "type=komisi"},
    {"komisi siji", "komisi=1"},
    {"komisi loro", "komisi=2"},
    {"komisi telu", "komisi=3"},
    {"komisi papat", "komisi=4"},
    {"komisi setunggal", "komisi=1"},
    {"komisi kalih", "komisi=2"},
    {"komisi sekawan", "komisi=4"},
    {"commission three", "komisi=3"},
    {"komisi ketiga", "komisi=3"},
    {"komisi ke-3", "komisi=3"},
    {"komisi ke 2", "komisi=2"},
    {"komisi A", "komisi=1"},
    {"komisi B", "komisi=2"},
    {"komisi C", "komisi=3"},
    {"komisi D", "komisi=4"},
    {"komisi E", "type=komisi"},
    {"KOMISI C", "komisi=3"},
    {"komisi3", "komisi=3"},
    {"komisiIII", "komisi=3"},
    {"komisi-3", "komisi=3"},
    {"komisi:3", "komisi=3"},
    {"komisi=3", "komisi=3"},
    {"komsi 3", "komisi=3"},
    {"komis 3", "komisi=3"},
    {"kmisi 3", "komisi=3"},
    {"koimsi 3", "komisi=3"}, /* neighbours swapped */
    {"K3", ""},               /* occupational safety, not a komisi */
    {"komisi", "type=komisi"},
    {"rapat komisi", "type=komisi"},
    {"komisi dan", "type=komisi"},
    {"komisi 3 dan komisi 4", "komisi=3"},
    {"komisi 2 des", "02/12 type=komisi"}, /* the number is the day */
    {"komisi 2/12", "02/12 type=komisi"},
    {"komisi III tgl 5", "05/00 komisi=3"},
    {"rdp komisi", "type=rdp"},
    {"3", ""},
    {"III", ""},
    /* types */
    {"paripurna", "type=paripurna"},
    {"PARIPURNA", "type=paripurna"},
    {"sidang paripurna", "type=paripurna"},
    {"paripurno", "type=paripurna"},
    {"pariprna", "type=paripurna"},
    {"rapur", "type=paripurna"},
    {"plenary", "type=paripurna"},
    {"rdp", "type=rdp"},
    {"RDP", "type=rdp"},
    {"rdpu", "type=rdp"},
    {"rapat dengar pendapat", "type=rdp"},
    {"dengar pendapat", "type=rdp"},
    {"hearing", "type=rdp"},
    {"dengar", ""},
    {"pendapat", ""},
    {"reses", "type=reses"},
    {"RESES", "type=reses"},
    {"recess", "type=reses"},
    {"banmus", "type=banmus"},
    {"bamus", "type=banmus"},
    {"badan musyawarah", "type=banmus"},
    {"badan musyawara", "type=banmus"},
    {"banggar", "type=banggar"},
    {"badan anggaran", "type=banggar"},
    {"anggaran", ""}, /* the budget is an info topic */
    {"badan", ""},
    {"paripurna reses", "type=paripurna"},
    {"rapat komisi paripurna", "type=paripurna"},
    /* everything together */
    {"jadwal rapat paripurna besok", "tomorrow type=paripurna"},
    {"agenda komisi C minggu ini", "week komisi=3"},
    {"rdp komisi IV 17 agustus", "17/08 komisi=4 type=rdp"},
    {"kapan reses tgl 3", "03/00 type=reses"},
    {"badan anggaran besok", "tomorrow type=banggar"},
    {"komisi telu sesuk", "tomorrow komisi=3"},
    {"hearing commission 2 today", "today komisi=2 type=rdp"},
    {"05/00 komisi=4 type=paripurna", "05/00 komisi=4 type=paripurna"},
    {"\xf0\x9f\x99\x8f besok \xf0\x9f\x99\x8f", "tomorrow"}, /* emoji around */
    {"besok\xff\xfe", "tomorrow"},                           /* invalid UTF-8 */
};

START_TEST(test_parse)
{
    struct agenda_filter f;
    char out[64];
    size_t n;

    memset(&f, 0x5a, sizeof(f));
    agenda_filter_parse(parse_cases[_i].text, strlen(parse_cases[_i].text), &f);
    n = agenda_filter_format(&f, out, sizeof(out));
    ck_assert_msg(strcmp(out, parse_cases[_i].want) == 0, "\"%s\": \"%s\", want \"%s\"",
                  parse_cases[_i].text, out, parse_cases[_i].want);
    ck_assert_uint_eq(n, strlen(out));
    /* the fields agree with what was printed */
    if (f.when != AGENDA_WHEN_DATE) {
        ck_assert_int_eq(f.day, 0);
        ck_assert_int_eq(f.month, 0);
    }
    ck_assert(f.komisi >= 0 && f.komisi <= 4);
    ck_assert(!(f.komisi > 0 && f.type == AGENDA_TYPE_KOMISI));
}
END_TEST

/* Parsing the format of a parsed filter gives the same filter. */
START_TEST(test_round_trip)
{
    struct agenda_filter f, g;
    char out[64];

    agenda_filter_parse(parse_cases[_i].text, strlen(parse_cases[_i].text), &f);
    agenda_filter_format(&f, out, sizeof(out));
    agenda_filter_parse(out, strlen(out), &g);
    ck_assert_msg(memcmp(&f, &g, sizeof(f)) == 0, "\"%s\" -> \"%s\" reads back differently",
                  parse_cases[_i].text, out);
}
END_TEST

/* The fields, not only their format. */
START_TEST(test_parse_fields)
{
    struct agenda_filter f;

    agenda_filter_parse("rdp komisi IV 17 agustus", 24, &f);
    ck_assert_int_eq(f.when, AGENDA_WHEN_DATE);
    ck_assert_int_eq(f.day, 17);
    ck_assert_int_eq(f.month, 8);
    ck_assert_int_eq(f.komisi, 4);
    ck_assert_int_eq(f.type, AGENDA_TYPE_RDP);

    agenda_filter_parse("tgl 5", 5, &f);
    ck_assert_int_eq(f.when, AGENDA_WHEN_DATE);
    ck_assert_int_eq(f.day, 5);
    ck_assert_int_eq(f.month, 0);

    agenda_filter_parse("besok", 5, &f);
    ck_assert_int_eq(f.when, AGENDA_WHEN_TOMORROW);
    ck_assert_int_eq(f.komisi, 0);
    ck_assert_int_eq(f.type, AGENDA_TYPE_ANY);

    /* len, not the NUL, decides */
    agenda_filter_parse("besok", 4, &f);
    ck_assert_int_eq(f.when, AGENDA_WHEN_NEXT);
    agenda_filter_parse("komisi 3", 6, &f);
    ck_assert_int_eq(f.komisi, 0);
    ck_assert_int_eq(f.type, AGENDA_TYPE_KOMISI);
    agenda_filter_parse("2/12/2026", 4, &f);
    ck_assert_int_eq(f.when, AGENDA_WHEN_DATE);
    ck_assert_int_eq(f.month, 12);
    agenda_filter_parse("besok\0komisi 3", 14, &f);
    ck_assert_int_eq(f.when, AGENDA_WHEN_TOMORROW);
    ck_assert_int_eq(f.komisi, 3);
    agenda_filter_parse(NULL, 0, &f);
    ck_assert_int_eq(f.when, AGENDA_WHEN_NEXT);
}
END_TEST

/* Formatting filters built by hand, the odd ones included. */
static const struct {
    struct agenda_filter f;
    const char *want;
} format_cases[] = {
    {{AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_ANY}, ""},
    {{AGENDA_WHEN_TODAY, 0, 0, 0, AGENDA_TYPE_ANY}, "today"},
    {{AGENDA_WHEN_TOMORROW, 0, 0, 0, AGENDA_TYPE_ANY}, "tomorrow"},
    {{AGENDA_WHEN_WEEK, 0, 0, 0, AGENDA_TYPE_ANY}, "week"},
    {{AGENDA_WHEN_DATE, 2, 12, 0, AGENDA_TYPE_ANY}, "02/12"},
    {{AGENDA_WHEN_DATE, 31, 12, 0, AGENDA_TYPE_ANY}, "31/12"},
    {{AGENDA_WHEN_DATE, 5, 0, 0, AGENDA_TYPE_ANY}, "05/00"},
    {{AGENDA_WHEN_DATE, 1, 1, 0, AGENDA_TYPE_ANY}, "01/01"},
    {{AGENDA_WHEN_DATE, 32, 12, 0, AGENDA_TYPE_ANY}, ""},
    {{AGENDA_WHEN_DATE, 0, 12, 0, AGENDA_TYPE_ANY}, ""},
    {{AGENDA_WHEN_DATE, 5, 13, 0, AGENDA_TYPE_ANY}, ""},
    {{AGENDA_WHEN_DATE, 5, -1, 0, AGENDA_TYPE_ANY}, ""},
    {{AGENDA_WHEN_NEXT, 0, 0, 1, AGENDA_TYPE_ANY}, "komisi=1"},
    {{AGENDA_WHEN_NEXT, 0, 0, 4, AGENDA_TYPE_ANY}, "komisi=4"},
    {{AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_ANY}, ""},
    {{AGENDA_WHEN_NEXT, 0, 0, 5, AGENDA_TYPE_ANY}, ""},
    {{AGENDA_WHEN_NEXT, 0, 0, -1, AGENDA_TYPE_ANY}, ""},
    {{AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_PARIPURNA}, "type=paripurna"},
    {{AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_KOMISI}, "type=komisi"},
    {{AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_RDP}, "type=rdp"},
    {{AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_RESES}, "type=reses"},
    {{AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_BANMUS}, "type=banmus"},
    {{AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_BANGGAR}, "type=banggar"},
    {{AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE__COUNT}, ""},
    {{AGENDA_WHEN_WEEK, 0, 0, 3, AGENDA_TYPE_RDP}, "week komisi=3 type=rdp"},
    {{AGENDA_WHEN_DATE, 2, 12, 0, AGENDA_TYPE_PARIPURNA}, "02/12 type=paripurna"},
    {{AGENDA_WHEN_DATE, 28, 10, 2, AGENDA_TYPE_BANGGAR}, "28/10 komisi=2 type=banggar"},
    {{AGENDA_WHEN_DATE, 99, 10, 2, AGENDA_TYPE_RESES}, "komisi=2 type=reses"},
    {{AGENDA_WHEN_NEXT, 0, 0, 3, AGENDA_TYPE_RESES}, "komisi=3 type=reses"},
    {{(enum agenda_when)9, 0, 0, 0, AGENDA_TYPE_ANY}, ""},
};

START_TEST(test_format)
{
    char out[64];
    size_t n;

    memset(out, 'x', sizeof(out));
    n = agenda_filter_format(&format_cases[_i].f, out, sizeof(out));
    ck_assert_str_eq(out, format_cases[_i].want);
    ck_assert_uint_eq(n, strlen(format_cases[_i].want));
}
END_TEST

/* The longest output in buffers of every size: a NUL-terminated prefix,
 * never a byte past outsz. */
START_TEST(test_format_small)
{
    const struct agenda_filter f = {AGENDA_WHEN_TOMORROW, 0, 0, 4, AGENDA_TYPE_PARIPURNA};
    const char *full = "tomorrow komisi=4 type=paripurna";
    char out[64];
    size_t outsz, n;

    for (outsz = 0; outsz <= strlen(full) + 2; outsz++) {
        memset(out, 'x', sizeof(out));
        n = agenda_filter_format(&f, out, outsz);
        if (outsz == 0) {
            ck_assert_uint_eq(n, 0);
            ck_assert_int_eq(out[0], 'x');
            continue;
        }
        ck_assert_uint_eq(n, outsz - 1 < strlen(full) ? outsz - 1 : strlen(full));
        ck_assert_int_eq(out[n], '\0');
        ck_assert_int_eq(memcmp(out, full, n), 0);
        ck_assert_int_eq(out[outsz], 'x');
    }
}
END_TEST

START_TEST(test_type_names)
{
    ck_assert_str_eq(agenda_type_name(AGENDA_TYPE_ANY), "");
    ck_assert_str_eq(agenda_type_name(AGENDA_TYPE_PARIPURNA), "paripurna");
    ck_assert_str_eq(agenda_type_name(AGENDA_TYPE_KOMISI), "komisi");
    ck_assert_str_eq(agenda_type_name(AGENDA_TYPE_RDP), "rdp");
    ck_assert_str_eq(agenda_type_name(AGENDA_TYPE_RESES), "reses");
    ck_assert_str_eq(agenda_type_name(AGENDA_TYPE_BANMUS), "banmus");
    ck_assert_str_eq(agenda_type_name(AGENDA_TYPE_BANGGAR), "banggar");
    ck_assert_str_eq(agenda_type_name(AGENDA_TYPE__COUNT), "");
    ck_assert_str_eq(agenda_type_name((enum agenda_type) - 1), "");
}
END_TEST

static Suite *
agenda_suite(void)
{
    Suite *s = suite_create("agenda");
    TCase *tc;

    tc = tcase_create("parse");
    tcase_add_loop_test(tc, test_parse, 0, NELEM(parse_cases));
    tcase_add_loop_test(tc, test_round_trip, 0, NELEM(parse_cases));
    tcase_add_test(tc, test_parse_fields);
    suite_add_tcase(s, tc);

    tc = tcase_create("format");
    tcase_add_loop_test(tc, test_format, 0, NELEM(format_cases));
    tcase_add_test(tc, test_format_small);
    tcase_add_test(tc, test_type_names);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(agenda_suite)
