/*
 * Fuzz target for parsers/agenda.c.  Any bytes are read as an agenda
 * filter, which must hold only what the header allows (a date that exists,
 * a komisi 1-4, a known type, no type=komisi next to a komisi number); its
 * canonical form must be plain words separated by single spaces, fit a
 * buffer of any size as a NUL-terminated prefix, and read back as the very
 * same filter.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "parsers/agenda.h"
#include "tests/fuzz/fuzz.h"

#define FORMAT_MAX 64 /* "31/12 komisi=4 type=paripurna" is 29 */

static bool
date_exists(int day, int month)
{
    static const int mdays[13] = {31, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return month >= 0 && month <= 12 && day >= 1 && day <= mdays[month];
}

static void
check_filter(const struct agenda_filter *f)
{
    FUZZ_CHECK((unsigned)f->when <= AGENDA_WHEN_DATE);
    if (f->when == AGENDA_WHEN_DATE)
        FUZZ_CHECK(date_exists(f->day, f->month));
    else
        FUZZ_CHECK(f->day == 0 && f->month == 0);
    FUZZ_CHECK(f->komisi >= 0 && f->komisi <= 4);
    FUZZ_CHECK((unsigned)f->type < AGENDA_TYPE__COUNT);
    FUZZ_CHECK(!(f->komisi > 0 && f->type == AGENDA_TYPE_KOMISI));
}

static void
check_format(const struct agenda_filter *f)
{
    char out[FORMAT_MAX], part[FORMAT_MAX + 1];
    struct agenda_filter back;
    size_t n, m, i, outsz;

    n = agenda_filter_format(f, out, sizeof(out));
    FUZZ_CHECK(n < sizeof(out) && out[n] == '\0' && strlen(out) == n);
    for (i = 0; i < n; i++) {
        char c = out[i];

        FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '=' || c == '/' ||
                   c == ' ');
        if (c == ' ')
            FUZZ_CHECK(i > 0 && i + 1 < n && out[i - 1] != ' ');
    }
    FUZZ_CHECK((n == 0) ==
               (f->when == AGENDA_WHEN_NEXT && f->komisi == 0 && f->type == AGENDA_TYPE_ANY));

    /* The canonical form reads back as the same filter. */
    memset(&back, 0x5a, sizeof(back));
    agenda_filter_parse(out, n, &back);
    FUZZ_CHECK(memcmp(&back, f, sizeof(back)) == 0);

    /* Too small a buffer gets a NUL-terminated prefix and nothing more. */
    for (outsz = 0; outsz <= n + 1; outsz++) {
        memset(part, 'x', sizeof(part));
        m = agenda_filter_format(f, part, outsz);
        if (outsz == 0) {
            FUZZ_CHECK(m == 0 && part[0] == 'x');
            continue;
        }
        FUZZ_CHECK(m == (n < outsz ? n : outsz - 1));
        FUZZ_CHECK(part[m] == '\0' && memcmp(part, out, m) == 0 && part[outsz] == 'x');
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct agenda_filter f, g;

    memset(&f, 0x5a, sizeof(f));
    agenda_filter_parse((const char *)data, size, &f);
    check_filter(&f);
    check_format(&f);

    /* Deterministic: the same text reads the same. */
    agenda_filter_parse((const char *)data, size, &g);
    FUZZ_CHECK(memcmp(&f, &g, sizeof(f)) == 0);
    return 0;
}
