/*
 * Fuzz target for parsers/agendareply.c.  The input is read as
 *
 *   8 bytes   language, number of sessions, how many more match, buffer
 *             size, a filter given as raw fields (when the first bit of
 *             byte 4 is set: values out of range included), today's date
 *             and weekday
 *   32 bytes  up to 8 sessions of 4 bytes: kind and komisi, weekday and
 *             flags (cancelled, huge or negative number, the widest
 *             dates), day and hour, month and minute (out of range
 *             included)
 *   the rest  NUL-separated texts: the filter's words, then a title and a
 *             place per session, then the topics of the info list
 *
 * Every text written must be GSM-7 of at most 160 septets, NUL-terminated
 * at the length returned, inside the buffer and never past it, and the same
 * for the same input; the agenda answer shows the first session's number,
 * the announcement ends with the stop instruction.  A range must be real
 * days: as many as the filter asks for, starting where it says, checked
 * against a day count of its own.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/agenda.h"
#include "parsers/agendareply.h"
#include "parsers/gsm7.h"
#include "tests/fuzz/fuzz.h"

#define HEAD    8
#define ITEM    4
#define ITEMS   8
#define TEXTS   (1 + 2 * ITEMS + 8)
#define OUT_MAX 400
#define CANARY  16

/* Checks one text written into buf (outsz bytes, followed by the canary)
 * whose length was returned as n. */
static void
check_text(const char *buf, size_t outsz, size_t n)
{
    ssize_t septets;
    size_t i;

    FUZZ_CHECK(n < outsz);
    FUZZ_CHECK(buf[n] == '\0' && strlen(buf) == n);
    septets = gsm7_septets(buf, n);
    FUZZ_CHECK(septets >= 0 && septets <= GSM7_SEGMENT);
    for (i = 0; i < CANARY; i++)
        FUZZ_CHECK(buf[outsz + i] == 'x');
}

static bool
leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(long y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days from 1/1/1 to y-m-d, counted year by year then month by month; the
 * day may run past its month. */
static long
ordinal(long y, int m, int d)
{
    long n = (y - 1) * 365 + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400;
    int i;

    for (i = 1; i < m; i++)
        n += mdays(y, i);
    return n + d;
}

static bool
date_valid(struct agenda_date d)
{
    return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= mdays(d.year, d.month);
}

static void
check_range(const struct agenda_filter *f, struct agenda_date today, int wday)
{
    struct agenda_date from = {-1, -1, -1}, to = {-1, -1, -1};
    bool today_ok = today.year >= 1 && today.year <= 9998 && date_valid(today);
    long t, a, b, year;
    int ret, month, w;

    ret = agenda_range(f, today, wday, &from, &to);
    if (f->when == AGENDA_WHEN_NEXT) {
        FUZZ_CHECK(ret == 0 && from.year == -1 && to.year == -1);
        return;
    }
    if (!today_ok) {
        FUZZ_CHECK(ret == -1);
        return;
    }
    t = ordinal(today.year, today.month, today.day);
    if (f->when == AGENDA_WHEN_DATE) {
        month = f->month == 0 ? today.month : f->month;
        if (month < 1 || month > 12 || f->day < 1 || f->day > 31) {
            FUZZ_CHECK(ret == -1);
            return;
        }
        year = t - ordinal(today.year, month, f->day) > 31 ? today.year + 1 : today.year;
        if (f->day > mdays(year, month)) {
            FUZZ_CHECK(ret == -1);
            return;
        }
        FUZZ_CHECK(ret == 1);
        FUZZ_CHECK(from.year == year && from.month == month && from.day == f->day);
    } else if ((unsigned)f->when > AGENDA_WHEN_DATE) {
        FUZZ_CHECK(ret == -1);
        return;
    }
    FUZZ_CHECK(ret == 1);
    FUZZ_CHECK(date_valid(from) && date_valid(to));
    a = ordinal(from.year, from.month, from.day);
    b = ordinal(to.year, to.month, to.day);
    switch (f->when) {
    case AGENDA_WHEN_TODAY:
        FUZZ_CHECK(a == t && b == t + 1);
        break;
    case AGENDA_WHEN_TOMORROW:
        FUZZ_CHECK(a == t + 1 && b == t + 2);
        break;
    case AGENDA_WHEN_WEEK:
        w = ((wday % 7) + 7) % 7;
        FUZZ_CHECK(a == t && b == t + (w == 0 ? 1 : 8 - w));
        break;
    default:
        FUZZ_CHECK(b == a + 1 && a >= t - 31 && a <= t + 366);
        break;
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t head[HEAD + ITEM * ITEMS];
    struct agenda_item items[ITEMS];
    const char *texts[TEXTS];
    struct agenda_filter f;
    struct agenda_date today;
    char *copy, out[OUT_MAX + CANARY], again[OUT_MAX + CANARY], id[32];
    size_t ntexts = 0, n, m, nitems, total, outsz, i, rest;
    enum lang l;
    int wday;

    memset(head, 0, sizeof(head));
    memcpy(head, data, size < sizeof(head) ? size : sizeof(head));
    rest = size > sizeof(head) ? size - sizeof(head) : 0;
    copy = malloc(rest + 1);
    FUZZ_CHECK(copy != NULL);
    memcpy(copy, data + sizeof(head), rest);
    copy[rest] = '\0';
    /* NUL-separated texts; missing ones are "" */
    for (i = 0; i < TEXTS; i++)
        texts[i] = "";
    for (i = 0; ntexts < TEXTS && i <= rest; i += strlen(copy + i) + 1)
        texts[ntexts++] = copy + i;

    l = (enum lang)(head[0] % (LANG__COUNT + 1)); /* one past the last, too */
    nitems = head[1] % (ITEMS + 1);
    total = head[2] == 255 ? SIZE_MAX : nitems + head[2] % 64;
    outsz = 161 + head[3] % (OUT_MAX - 161 + 1);
    agenda_filter_parse(texts[0], strlen(texts[0]), &f);
    if (head[4] & 1) {
        f.when = (enum agenda_when)(head[4] >> 1 & 7);
        f.day = head[5] % 40;
        f.month = head[5] / 40 % 15;
        f.komisi = head[4] >> 4 & 7;
        f.type = (enum agenda_type)(head[6] % 8);
    }
    today.year = head[6] & 0x80 ? (int[]){0, 1, 9998, 9999, 2100, 2000, -4, 2400}[head[6] & 7]
                                : 2000 + (head[6] & 0x7f);
    today.month = head[7] % 14;
    today.day = (head[5] + head[7]) % 33;
    wday = head[7] / 14 % 9 - 1;

    for (i = 0; i < ITEMS; i++) {
        const uint8_t *b = head + HEAD + ITEM * i;

        items[i].type = (enum agenda_type)(b[0] % 8);
        items[i].komisi = b[0] / 8 % 6;
        items[i].wday = b[1] % 9 - 1;
        items[i].cancelled = b[1] >> 7;
        items[i].id = b[1] & 0x40   ? INT64_MAX - b[2]
                      : b[1] & 0x20 ? -(int64_t)b[2] - 1
                                    : b[0] * 257 + b[2];
        items[i].day = b[2] % 33;
        items[i].hour = b[2] % 26;
        items[i].month = b[3] % 14;
        items[i].minute = b[3] % 62;
        if ((b[1] & 0x60) == 0x60) { /* the widest numbers there are */
            items[i].day = INT_MIN;
            items[i].month = INT_MAX;
            items[i].hour = INT_MIN;
            items[i].minute = b[3] & 1 ? INT_MIN : 0;
        }
        items[i].title = texts[1 + 2 * i];
        items[i].place = texts[2 + 2 * i];
    }

    /* The agenda answer. */
    memset(out, 'x', sizeof(out));
    n = agenda_reply_format(l, &f, items, nitems, total, out, outsz);
    check_text(out, outsz, n);
    if (nitems > 0) {
        snprintf(id, sizeof(id), "#%" PRId64, items[0].id);
        FUZZ_CHECK(strstr(out, id) != NULL);
    }
    memset(again, 'x', sizeof(again));
    m = agenda_reply_format(l, &f, items, nitems, total, again, outsz);
    FUZZ_CHECK(m == n && memcmp(out, again, n + 1) == 0);
    memset(out, 'x', sizeof(out));
    n = agenda_reply_format(l, NULL, items, nitems, total, out, outsz);
    check_text(out, outsz, n);

    /* The announcement of each session. */
    for (i = 0; i < nitems; i++) {
        memset(out, 'x', sizeof(out));
        n = agenda_announce_format(l, &items[i], head[4] & 2, out, outsz);
        check_text(out, outsz, n);
        FUZZ_CHECK(n >= 8 && memcmp(out + n - 8, "BERHENTI", 8) == 0);
    }

    /* The info list, from the texts after the sessions'. */
    memset(out, 'x', sizeof(out));
    i = 1 + 2 * nitems;
    n = info_list_format(l, texts + i, ntexts > i ? ntexts - i : 0, out, outsz);
    check_text(out, outsz, n);

    check_range(&f, today, wday);
    free(copy);
    return 0;
}
