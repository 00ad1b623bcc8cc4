/*
 * Unit tests for parsers/category.c: category_find() on exact codes and on
 * near misses (case, a letter short or long, spaces), and the properties of
 * the table that the rest of Aspirasi relies on: codes that fit
 * tickets.category and an Open311 service_code, unique; the "lain"
 * category that Open311 shows for a ticket without one; keywords as the
 * comma-separated list services.json publishes; a komisi in range; and at
 * most 32 categories (the array db/open311.c passes to PostgreSQL).
 */
#include <stddef.h>
#include <string.h>

#include <check.h>

#include "parsers/category.h"
#include "tests/unit/check_main.h"

static const struct {
    const char *in;
    const char *want; /* NULL: not found */
} find_cases[] = {
    {"jalan", "jalan"},
    {"utilitas", "utilitas"},
    {"kesehatan", "kesehatan"},
    {"pendidikan", "pendidikan"},
    {"lain", "lain"},
    {"Jalan", NULL}, /* exact, lower case only */
    {"JALAN", NULL},
    {"jala", NULL},   /* one letter short */
    {"jalann", NULL}, /* one letter long */
    {"jalan ", NULL}, /* no trimming */
    {" jalan", NULL},
    {"", NULL},
    {"lainnya", NULL}, /* the name is not the code */
    {"Lainnya", NULL},
    {"sampah", NULL},
};

START_TEST(test_find)
{
    const struct category *c = category_find(find_cases[_i].in);

    if (find_cases[_i].want == NULL) {
        ck_assert_msg(c == NULL, "\"%s\" found as %s", find_cases[_i].in, c != NULL ? c->code : "");
    } else {
        ck_assert_msg(c != NULL, "\"%s\" not found", find_cases[_i].in);
        ck_assert_str_eq(c->code, find_cases[_i].want);
    }
}
END_TEST

/* 1 when s is 1 to 20 lower-case ASCII letters. */
static int
code_ok(const char *s)
{
    size_t n = strlen(s);

    if (n < 1 || n > 20)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
    return 1;
}

START_TEST(test_table_codes)
{
    const struct category *c = &categories[_i];

    ck_assert_msg(code_ok(c->code), "code \"%s\" is not 1-20 lower-case letters", c->code);
    for (size_t j = 0; j < ncategories; j++)
        if (j != (size_t)_i)
            ck_assert_msg(strcmp(c->code, categories[j].code) != 0, "code %s twice", c->code);
    ck_assert_ptr_eq(category_find(c->code), c);
}
END_TEST

START_TEST(test_table_texts)
{
    const struct category *c = &categories[_i];
    size_t n = strlen(c->description);

    ck_assert_msg(c->name[0] != '\0' && c->name_en[0] != '\0', "%s: a name is empty", c->code);
    ck_assert_msg(n > 1 && c->description[n - 1] == '.', "%s: the description is not a sentence",
                  c->code);
    ck_assert_msg(c->komisi >= 0 && c->komisi <= 4, "%s: komisi %d out of 0-4", c->code, c->komisi);
}
END_TEST

/* Keywords: lower-case items separated by single commas, none empty, no
 * space around a comma (services.json publishes the string as it is). */
START_TEST(test_table_keywords)
{
    const char *k = categories[_i].keywords;
    size_t n = strlen(k);

    ck_assert_msg(n > 0, "%s: no keywords", categories[_i].code);
    ck_assert_msg(k[0] != ',' && k[n - 1] != ',' && k[0] != ' ' && k[n - 1] != ' ',
                  "%s: keywords start or end badly: \"%s\"", categories[_i].code, k);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(!(k[i] >= 'A' && k[i] <= 'Z'), "%s: upper case in \"%s\"",
                      categories[_i].code, k);
        if (k[i] == ',')
            ck_assert_msg(k[i + 1] != ',' && k[i + 1] != ' ' && k[i - 1] != ' ',
                          "%s: an empty item or a space at a comma in \"%s\"", categories[_i].code,
                          k);
    }
}
END_TEST

START_TEST(test_table_size)
{
    const struct category *other = category_find("lain");

    ck_assert_uint_ge(ncategories, 1);
    ck_assert_uint_le(ncategories, 32);
    ck_assert_ptr_nonnull(other);
    ck_assert_int_eq(other->komisi, 0);
}
END_TEST

static Suite *
category_suite(void)
{
    Suite *s = suite_create("category");
    TCase *tc = tcase_create("category");

    tcase_add_loop_test(tc, test_find, 0, (int)(sizeof(find_cases) / sizeof(find_cases[0])));
    tcase_add_loop_test(tc, test_table_codes, 0, (int)ncategories);
    tcase_add_loop_test(tc, test_table_texts, 0, (int)ncategories);
    tcase_add_loop_test(tc, test_table_keywords, 0, (int)ncategories);
    tcase_add_test(tc, test_table_size);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(category_suite)
