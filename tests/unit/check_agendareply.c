/*
 * Unit tests for parsers/agendareply.c: the agenda answer, the announcement
 * and the list of information topics, byte for byte in Indonesian,
 * Javanese and English; the 160-septet budget on both sides of its edge
 * (a title that makes exactly 160, then 161; a second session and the
 * "+N lagi" tail that just fit, then just do not); titles shortened at a
 * word, UTF-8 outside GSM-7 transliterated, empty places, komisi 0, more
 * sessions than fit, none at all; the suggestions of the tail read back by
 * the agenda parser; and the days a filter asks for across months, years
 * and leap days.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "parsers/agenda.h"
#include "parsers/agendareply.h"
#include "parsers/gsm7.h"
#include "tests/unit/check_main.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Sessions of a week in December (Monday 2/12 to Saturday 7/12). */
#define S_PARIPURNA                                                                                \
    {                                                                                              \
        12, AGENDA_TYPE_PARIPURNA, 0, "APBD 2027", "Gd DPRD", 1, 2, 12, 9, 0, 0                    \
    }
#define S_KOMISI3                                                                                  \
    {                                                                                              \
        13, AGENDA_TYPE_KOMISI, 3, "RDP Dinas PUPR", "R. Komisi III", 2, 3, 12, 10, 0, 0           \
    }
#define S_RESES_CANCELLED                                                                          \
    {                                                                                              \
        14, AGENDA_TYPE_RESES, 0, "Dapil 2", "Desa Sooko", 3, 4, 12, 9, 0, 1                       \
    }
#define S_KOMISI1                                                                                  \
    {                                                                                              \
        15, AGENDA_TYPE_KOMISI, 1, "Sekolah rusak di Dlanggu", "R. Komisi I", 4, 5, 12, 13, 30, 0  \
    }
#define S_BANGGAR_NO_PLACE                                                                         \
    {                                                                                              \
        16, AGENDA_TYPE_BANGGAR, 0, "KUA-PPAS 2027", "", 5, 6, 12, 8, 0, 0                         \
    }
#define S_OTHER                                                                                    \
    {                                                                                              \
        17, AGENDA_TYPE_ANY, 0, "Kunjungan kerja ke Surabaya", "Surabaya", 6, 7, 12, 7, 5, 0       \
    }
#define S_KOMISI0                                                                                  \
    {                                                                                              \
        18, AGENDA_TYPE_KOMISI, 0, "Rapat gabungan", "Gd DPRD", 0, 8, 12, 9, 0, 0                  \
    }
/* Typographic quotes, a dash, an emoji, a Chinese word, an accent GSM-7
 * has (é) and one it has not (ā). */
#define S_UTF8                                                                                     \
    {                                                                                              \
        19, AGENDA_TYPE_RDP, 2,                                                                    \
            "\xe2\x80\x9cPasar Kutorejo\xe2\x80\x9d \xe2\x80\x93 pedagang caf\xc3\xa9 "            \
            "\xe2\x98\x95 "                                                                        \
            "\xe4\xb8\xad\xe6\x96\x87 D\xc4\x81sa",                                                \
            "Ruang Banmus\xc2\xa0Lt.\xc2\xa0"                                                      \
            "2",                                                                                   \
            1, 9, 12, 14, 0, 0                                                                     \
    }
#define S_DEDUPE                                                                                   \
    {                                                                                              \
        20, AGENDA_TYPE_PARIPURNA, 0, "Rapat Paripurna Pengesahan Perda RTRW.", "Gd DPRD", 2, 10,  \
            12, 9, 0, 0                                                                            \
    }
#define S_LONG                                                                                     \
    {                                                                                              \
        7, AGENDA_TYPE_PARIPURNA, 0,                                                               \
            "Penyampaian Nota Keuangan Rancangan Peraturan Daerah tentang Anggaran Pendapatan "    \
            "dan "                                                                                 \
            "Belanja Daerah Kabupaten Mojokerto Tahun Anggaran 2027 beserta lampirannya",          \
            "Gd DPRD", 1, 2, 12, 9, 0, 0                                                           \
    }

static const struct agenda_item week[] = {S_PARIPURNA, S_KOMISI3,          S_RESES_CANCELLED,
                                          S_KOMISI1,   S_BANGGAR_NO_PLACE, S_OTHER};
static const struct agenda_item cancelled[] = {S_RESES_CANCELLED};
static const struct agenda_item no_place[] = {S_BANGGAR_NO_PLACE};
static const struct agenda_item other[] = {S_OTHER};
static const struct agenda_item komisi0[] = {S_KOMISI0};
static const struct agenda_item utf8[] = {S_UTF8};
static const struct agenda_item dedupe[] = {S_DEDUPE};
static const struct agenda_item longtitle[] = {S_LONG, S_PARIPURNA};
static const struct agenda_item komisi_later[] = {S_PARIPURNA, S_BANGGAR_NO_PLACE, S_KOMISI1};

#define NEXT                                                                                       \
    {                                                                                              \
        AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_ANY                                                 \
    }
#define TOMORROW                                                                                   \
    {                                                                                              \
        AGENDA_WHEN_TOMORROW, 0, 0, 0, AGENDA_TYPE_ANY                                             \
    }
#define NO_FILTER                                                                                  \
    {                                                                                              \
        (enum agenda_when) - 1, 0, 0, 0, AGENDA_TYPE_ANY                                           \
    } /* stands for NULL */

static const struct {
    enum lang l;
    struct agenda_filter f;
    const struct agenda_item *items;
    size_t n, total;
    const char *want;
} reply_cases[] = {
    /* The first two sessions of five: a second suggestion would not leave
     * room for the second session, so it goes. */
    {LANG_ID, NEXT, week, 2, 5,
     "Agenda DPRD: #12 Sen 2/12 09:00 Paripurna APBD 2027, Gd DPRD. #13 Sel 3/12 10:00 Komisi "
     "III: RDP Dinas PUPR, R. Komisi III. +3 lagi, ketik AGENDA BESOK"},
    {LANG_JV, NEXT, week, 2, 5,
     "Agenda DPRD: #12 Sen 2/12 09:00 Paripurna APBD 2027, Gd DPRD. #13 Sel 3/12 10:00 Komisi "
     "III: RDP Dinas PUPR, R. Komisi III. +3 malih, ketik AGENDA BESOK"},
    {LANG_EN, NEXT, week, 2, 5,
     "DPRD agenda: #12 Mon 2/12 09:00 Paripurna APBD 2027, Gd DPRD. #13 Tue 3/12 10:00 Komisi "
     "III: RDP Dinas PUPR, R. Komisi III. +3 more, send AGENDA BESOK"},
    {LANG_NONE, NEXT, week, 2, 5, /* Indonesian when the language is not known */
     "Agenda DPRD: #12 Sen 2/12 09:00 Paripurna APBD 2027, Gd DPRD. #13 Sel 3/12 10:00 Komisi "
     "III: RDP Dinas PUPR, R. Komisi III. +3 lagi, ketik AGENDA BESOK"},
    /* A cancelled session, alone: no place, no tail. */
    {LANG_ID, NEXT, cancelled, 1, 1, "Agenda DPRD: #14 Rab 4/12 09:00 Reses Dapil 2 BATAL"},
    {LANG_JV, NEXT, cancelled, 1, 1, "Agenda DPRD: #14 Rab 4/12 09:00 Reses Dapil 2 BATAL"},
    {LANG_EN, NEXT, cancelled, 1, 1, "DPRD agenda: #14 Wed 4/12 09:00 Reses Dapil 2 CANCELLED"},
    /* An empty place, a session of no known kind, komisi 0. */
    {LANG_ID, NEXT, no_place, 1, 1, "Agenda DPRD: #16 Jum 6/12 08:00 Banggar KUA-PPAS 2027"},
    {LANG_JV, NEXT, other, 1, 1,
     "Agenda DPRD: #17 Sep 7/12 07:05 Kunjungan kerja ke Surabaya, Surabaya"},
    {LANG_EN, NEXT, komisi0, 1, 1,
     "DPRD agenda: #18 Sun 8/12 09:00 Komisi: Rapat gabungan, Gd DPRD"},
    {LANG_JV, NEXT, komisi0, 1, 1,
     "Agenda DPRD: #18 Ahd 8/12 09:00 Komisi: Rapat gabungan, Gd DPRD"},
    /* Outside GSM-7: quotes and dash made ASCII, emoji and Chinese dropped,
     * é kept, ā made a; no-break spaces made spaces. */
    {LANG_ID, NEXT, utf8, 1, 1,
     "Agenda DPRD: #19 Sen 9/12 14:00 RDP \"Pasar Kutorejo\" - pedagang caf\xc3\xa9 Dasa, Ruang "
     "Banmus Lt. 2"},
    /* A title that names its kind already is not preceded by it again, and
     * loses its final period. */
    {LANG_ID, NEXT, dedupe, 1, 1,
     "Agenda DPRD: #20 Sel 10/12 09:00 Rapat Paripurna Pengesahan Perda RTRW, Gd DPRD"},
    /* The whole week: as many as fit, the tail says how many more. */
    {LANG_ID, NEXT, week, 6, 6,
     "Agenda DPRD: #12 Sen 2/12 09:00 Paripurna APBD 2027, Gd DPRD. #13 Sel 3/12 10:00 Komisi "
     "III: RDP Dinas PUPR, R. Komisi III. +4 lagi, ketik AGENDA BESOK"},
    {LANG_ID, TOMORROW, week + 2, 4, 4,
     "Agenda DPRD: #14 Rab 4/12 09:00 Reses Dapil 2 BATAL. #15 Kam 5/12 13:30 Komisi I: Sekolah "
     "rusak di Dlanggu, R. Komisi I. +2 lagi, ketik AGENDA KOMISI I BESOK"},
    /* A komisi known only from a hidden session. */
    {LANG_ID, NEXT, komisi_later, 3, 3,
     "Agenda DPRD: #12 Sen 2/12 09:00 Paripurna APBD 2027, Gd DPRD. #16 Jum 6/12 08:00 Banggar "
     "KUA-PPAS 2027. +1 lagi, ketik AGENDA BESOK / AGENDA KOMISI I"},
    /* Fewer read than match: the rest is only counted. */
    {LANG_EN, NEXT, cancelled, 1, 40,
     "DPRD agenda: #14 Wed 4/12 09:00 Reses Dapil 2 CANCELLED. +39 more, send AGENDA BESOK"},
    {LANG_ID,
     {AGENDA_WHEN_NEXT, 0, 0, 3, AGENDA_TYPE_ANY},
     week + 1,
     1,
     3,
     "Agenda DPRD: #13 Sel 3/12 10:00 Komisi III: RDP Dinas PUPR, R. Komisi III. +2 lagi, ketik "
     "AGENDA KOMISI III BESOK"},
    {LANG_JV,
     {AGENDA_WHEN_WEEK, 0, 0, 1, AGENDA_TYPE_ANY},
     week + 3,
     3,
     3,
     "Agenda DPRD: #15 Kam 5/12 13:30 Komisi I: Sekolah rusak di Dlanggu, R. Komisi I. #16 Jum "
     "6/12 08:00 Banggar KUA-PPAS 2027. +1 malih, ketik AGENDA KOMISI I 7/12"},
    {LANG_EN,
     {AGENDA_WHEN_DATE, 5, 12, 1, AGENDA_TYPE_ANY},
     week + 3,
     1,
     2,
     "DPRD agenda: #15 Thu 5/12 13:30 Komisi I: Sekolah rusak di Dlanggu, R. Komisi I. +1 more"},
    /* A long first title is shortened at a word, to the room the tail
     * leaves; alone, it takes the whole message. */
    {LANG_ID, NEXT, longtitle, 2, 2,
     "Agenda DPRD: #7 Sen 2/12 09:00 Paripurna Penyampaian Nota Keuangan Rancangan Peraturan "
     "Daerah tentang Anggaran.., Gd DPRD. +1 lagi, ketik AGENDA BESOK"},
    {LANG_ID, NEXT, longtitle, 1, 1,
     "Agenda DPRD: #7 Sen 2/12 09:00 Paripurna Penyampaian Nota Keuangan Rancangan Peraturan "
     "Daerah tentang Anggaran Pendapatan dan Belanja Daerah.., Gd DPRD"},
    /* Nothing: what was asked, then how to see the next sessions. */
    {LANG_ID, TOMORROW, NULL, 0, 0,
     "Tidak ada agenda DPRD besok. Ketik AGENDA utk agenda berikutnya."},
    {LANG_JV, TOMORROW, NULL, 0, 0,
     "Mboten wonten agenda DPRD mbenjing. Ketik AGENDA kangge agenda salajengipun."},
    {LANG_EN, TOMORROW, NULL, 0, 0,
     "No DPRD sessions tomorrow. Send AGENDA for the next sessions."},
    {LANG_ID,
     {AGENDA_WHEN_TODAY, 0, 0, 0, AGENDA_TYPE_ANY},
     week,
     0,
     0,
     "Tidak ada agenda DPRD hari ini. Ketik AGENDA utk agenda berikutnya."},
    {LANG_JV,
     {AGENDA_WHEN_TODAY, 0, 0, 0, AGENDA_TYPE_ANY},
     week,
     0,
     0,
     "Mboten wonten agenda DPRD dinten punika. Ketik AGENDA kangge agenda salajengipun."},
    {LANG_EN,
     {AGENDA_WHEN_WEEK, 0, 0, 0, AGENDA_TYPE_ANY},
     NULL,
     0,
     0,
     "No DPRD sessions this week. Send AGENDA for the next sessions."},
    {LANG_ID,
     {AGENDA_WHEN_WEEK, 0, 0, 0, AGENDA_TYPE_PARIPURNA},
     NULL,
     0,
     0,
     "Tidak ada agenda DPRD utk Paripurna minggu ini. Ketik AGENDA utk agenda berikutnya."},
    {LANG_JV,
     {AGENDA_WHEN_WEEK, 0, 0, 0, AGENDA_TYPE_ANY},
     NULL,
     0,
     0,
     "Mboten wonten agenda DPRD minggu punika. Ketik AGENDA kangge agenda salajengipun."},
    {LANG_ID,
     {AGENDA_WHEN_DATE, 2, 12, 3, AGENDA_TYPE_ANY},
     NULL,
     0,
     0,
     "Tidak ada agenda DPRD utk Komisi III tgl 2/12. Ketik AGENDA utk agenda berikutnya."},
    {LANG_ID,
     {AGENDA_WHEN_DATE, 2, 0, 0, AGENDA_TYPE_ANY},
     NULL,
     0,
     0,
     "Tidak ada agenda DPRD tgl 2. Ketik AGENDA utk agenda berikutnya."},
    {LANG_JV,
     {AGENDA_WHEN_DATE, 21, 0, 4, AGENDA_TYPE_ANY},
     NULL,
     0,
     0,
     "Mboten wonten agenda DPRD kangge Komisi IV tgl 21. Ketik AGENDA kangge agenda "
     "salajengipun."},
    {LANG_EN,
     {AGENDA_WHEN_DATE, 2, 12, 0, AGENDA_TYPE_ANY},
     NULL,
     0,
     0,
     "No DPRD sessions on 2/12. Send AGENDA for the next sessions."},
    {LANG_EN,
     {AGENDA_WHEN_DATE, 1, 0, 0, AGENDA_TYPE_ANY},
     NULL,
     0,
     0,
     "No DPRD sessions on the 1st. Send AGENDA for the next sessions."},
    {LANG_EN,
     {AGENDA_WHEN_DATE, 12, 0, 0, AGENDA_TYPE_ANY},
     NULL,
     0,
     0,
     "No DPRD sessions on the 12th. Send AGENDA for the next sessions."},
    {LANG_EN,
     {AGENDA_WHEN_DATE, 23, 0, 2, AGENDA_TYPE_RDP},
     NULL,
     0,
     0,
     "No DPRD sessions for RDP Komisi II on the 23rd. Send AGENDA for the next sessions."},
    {LANG_ID,
     {AGENDA_WHEN_NEXT, 0, 0, 3, AGENDA_TYPE_ANY},
     NULL,
     0,
     0,
     "Tidak ada agenda DPRD utk Komisi III. Ketik AGENDA utk agenda berikutnya."},
    {LANG_JV,
     {AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_KOMISI},
     NULL,
     0,
     0,
     "Mboten wonten agenda DPRD kangge Komisi. Ketik AGENDA kangge agenda salajengipun."},
    {LANG_EN,
     {AGENDA_WHEN_TOMORROW, 0, 0, 0, AGENDA_TYPE_BANMUS},
     NULL,
     0,
     0,
     "No DPRD sessions for Banmus tomorrow. Send AGENDA for the next sessions."},
    /* Nothing at all planned: no other question to suggest. */
    {LANG_ID, NEXT, NULL, 0, 0,
     "Belum ada agenda DPRD yg dijadwalkan. Ketik DAFTAR utk info agenda berikutnya."},
    {LANG_JV, NEXT, NULL, 0, 0,
     "Dereng wonten jadwal agenda DPRD. Ketik DAFTAR kangge info agenda salajengipun."},
    {LANG_EN, NEXT, NULL, 0, 0,
     "No DPRD sessions are scheduled yet. Send DAFTAR to get news of the next ones."},
    {LANG_ID, NO_FILTER, NULL, 0, 0,
     "Belum ada agenda DPRD yg dijadwalkan. Ketik DAFTAR utk info agenda berikutnya."},
    /* n 0 wins over items and total */
    {LANG_EN, TOMORROW, week, 0, 5,
     "No DPRD sessions tomorrow. Send AGENDA for the next sessions."},
};

/* Checks what every text of this module must be: GSM-7, one segment,
 * NUL-terminated at the length returned. */
static void
check_sms(const char *out, size_t n)
{
    ssize_t septets = gsm7_septets(out, n);

    ck_assert_uint_eq(strlen(out), n);
    ck_assert_msg(septets >= 0 && septets <= 160, "%zd septets: \"%s\"", septets, out);
}

START_TEST(test_reply)
{
    const struct agenda_filter *f = &reply_cases[_i].f;
    char out[400];
    size_t n;

    if (f->when == (enum agenda_when) - 1)
        f = NULL;
    memset(out, 'x', sizeof(out));
    n = agenda_reply_format(reply_cases[_i].l, f, reply_cases[_i].items, reply_cases[_i].n,
                            reply_cases[_i].total, out, sizeof(out));
    ck_assert_msg(strcmp(out, reply_cases[_i].want) == 0, "got  \"%s\"\nwant \"%s\"", out,
                  reply_cases[_i].want);
    check_sms(out, n);
}
END_TEST

/*
 * One session whose title makes the answer exactly 160 septets is shown
 * whole; one more letter and the title is shortened at its last word.
 */
START_TEST(test_budget_one)
{
    static const char *const lead[] = {"Agenda DPRD: #12 Sen 2/12 09:00 Paripurna ",
                                       "Agenda DPRD: #12 Sen 2/12 09:00 Paripurna ",
                                       "DPRD agenda: #12 Mon 2/12 09:00 Paripurna "};
    static const enum lang langs[] = {LANG_ID, LANG_JV, LANG_EN};
    const char *place = ", Gd DPRD";
    struct agenda_item it = S_PARIPURNA;
    char title[200], want[400], out[400];
    size_t fixed, len, i, n;

    for (i = 0; i < NELEM(langs); i++) {
        fixed = strlen(lead[i]) + strlen(place);
        for (len = 158; len <= 162; len++) {
            /* "Raperda xxxx...": a word, then one long enough to reach len */
            snprintf(
                title, sizeof(title), "Raperda %.*s", (int)(len - fixed - 8),
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
            it.title = title;
            if (len <= 160)
                snprintf(want, sizeof(want), "%s%s%s", lead[i], title, place);
            else
                snprintf(want, sizeof(want), "%sRaperda..%s", lead[i], place);
            n = agenda_reply_format(langs[i], NULL, &it, 1, 1, out, sizeof(out));
            ck_assert_msg(strcmp(out, want) == 0, "%zu: got \"%s\"", len, out);
            check_sms(out, n);
            if (len <= 160)
                ck_assert_uint_eq(n, len);
        }
    }
}
END_TEST

/*
 * A second session is shown when it fits whole with the tail it leaves
 * (exactly 160), and not at all one septet later; with nothing left to
 * count, the tail takes no room and the second session fits again.
 */
START_TEST(test_budget_two)
{
    const char *first = "Agenda DPRD: #12 Sen 2/12 09:00 Paripurna APBD 2027, Gd DPRD";
    const char *lead2 = ". #21 Sel 3/12 10:00 Reses ";
    const char *tail1 = ". +1 lagi, ketik AGENDA BESOK";
    const char *tail2 = ". +2 lagi, ketik AGENDA BESOK";
    struct agenda_item items[3] = {
        S_PARIPURNA,
        {21, AGENDA_TYPE_RESES, 0, NULL, "", 2, 3, 12, 10, 0, 0},
        {22, AGENDA_TYPE_RESES, 0, "Dapil 3", "", 3, 4, 12, 10, 0, 0},
    };
    char title[200], want[400], out[400];
    size_t fixed, len, n;

    fixed = strlen(first) + strlen(lead2) + strlen(tail1);
    for (len = 158; len <= 162; len++) {
        snprintf(title, sizeof(title), "%.*s", (int)(len - fixed),
                 "Dapil 1 Kecamatan Sooko Trowulan Puri Bangsal Mojoanyar Dlanggu Kutorejo "
                 "Pungging Ngoro Gondang Jatirejo Trawas Pacet Mojosari Dawarblandong");
        while (title[strlen(title) - 1] == ' ') /* a space would be dropped: a letter */
            title[strlen(title) - 1] = 'x';
        items[1].title = title;
        n = agenda_reply_format(LANG_ID, NULL, items, 3, 3, out, sizeof(out));
        if (len <= 160)
            snprintf(want, sizeof(want), "%s%s%s%s", first, lead2, title, tail1);
        else
            snprintf(want, sizeof(want), "%s%s", first, tail2);
        ck_assert_msg(strcmp(out, want) == 0, "%zu: got \"%s\"", len, out);
        check_sms(out, n);

        /* Only two match: no tail, so the same two fit with room to spare. */
        n = agenda_reply_format(LANG_ID, NULL, items, 2, 2, out, sizeof(out));
        snprintf(want, sizeof(want), "%s%s%s", first, lead2, title);
        ck_assert_msg(strcmp(out, want) == 0, "%zu: got \"%s\"", len, out);
        check_sms(out, n);
    }

    /* Without a tail, the edge is the second session itself. */
    fixed = strlen(first) + strlen(lead2);
    for (len = 158; len <= 162; len++) {
        snprintf(title, sizeof(title), "%.*s", (int)(len - fixed),
                 "Dapil 1 Kecamatan Sooko Trowulan Puri Bangsal Mojoanyar Dlanggu Kutorejo "
                 "Pungging Ngoro Gondang Jatirejo Trawas Pacet Mojosari Dawarblandong");
        while (title[strlen(title) - 1] == ' ')
            title[strlen(title) - 1] = 'x';
        items[1].title = title;
        n = agenda_reply_format(LANG_ID, NULL, items, 2, 2, out, sizeof(out));
        if (len <= 160)
            snprintf(want, sizeof(want), "%s%s%s", first, lead2, title);
        else
            snprintf(want, sizeof(want), "%s%s", first, tail1);
        ck_assert_msg(strcmp(out, want) == 0, "%zu: got \"%s\"", len, out);
        check_sms(out, n);
        if (len <= 160)
            ck_assert_uint_eq(n, len);
    }
}
END_TEST

/*
 * The tail is reserved for: however long the first title, the answer ends
 * with the tail and stays within one segment.  Two sessions, when they fit,
 * leave "+7"; one whole session leaves "+8" with the suggestions that fit
 * next to it; a shortened title leaves room for both suggestions.
 */
START_TEST(test_budget_tail)
{
    static const char words[] = "Pembahasan Raperda tentang Pajak Daerah dan Retribusi Daerah ";
    const char *full = ". +8 lagi, ketik AGENDA BESOK / AGENDA KOMISI III";
    struct agenda_item items[2] = {S_PARIPURNA, S_KOMISI3};
    char title[1200], out[400];
    const char *tail;
    size_t len, n, i;
    bool cut;

    for (len = 0; len < sizeof(title) - 1; len += 7) {
        for (i = 0; i < len; i++)
            title[i] = words[i % (sizeof(words) - 1)];
        title[len] = '\0';
        items[0].title = title;
        n = agenda_reply_format(LANG_ID, NULL, items, 2, 9, out, sizeof(out));
        check_sms(out, n);
        ck_assert_msg(strncmp(out, "Agenda DPRD: #12 Sen 2/12 09:00 Paripurna", 41) == 0, "%s",
                      out);
        tail = strstr(out, ". +");
        ck_assert_ptr_nonnull(tail);
        cut = strstr(out, ".., Gd DPRD. +") != NULL;
        if (strstr(out, "#13") != NULL)
            ck_assert_str_eq(tail, ". +7 lagi, ketik AGENDA BESOK");
        else if (cut)
            ck_assert_str_eq(tail, full);
        else
            ck_assert_msg(strcmp(tail, full) == 0 ||
                              strcmp(tail, ". +8 lagi, ketik AGENDA BESOK") == 0,
                          "%s", out);
        ck_assert_msg(strstr(out, ", Gd DPRD. +8") != NULL ||
                          strstr(out, "R. Komisi III. +7") != NULL,
                      "%s", out);
        if (len > 200)
            ck_assert(cut && strcmp(tail, full) == 0 && n >= 150);
    }
}
END_TEST

/*
 * Sessions that cannot fit the usual way still give one segment with the
 * first session's number: absurd numbers and counts, places longer than a
 * message, titles of nothing but characters outside GSM-7, a buffer of
 * 161 bytes filled with two-byte letters.
 */
START_TEST(test_budget_extremes)
{
    static const char e_acute[] = "\xc3\xa9";
    struct agenda_item it = {INT64_MAX, AGENDA_TYPE_KOMISI, 4, NULL, NULL, 6, 31, 12, 23, 59, 0};
    char title[700], place[700], out[400], small[161];
    size_t i, n;

    for (i = 0; i < 300; i++) {
        memcpy(title + 2 * i, e_acute, 2); /* é: one septet, two bytes */
        place[i] = i % 9 == 8 ? ' ' : 'p';
    }
    title[600] = '\0';
    place[300] = '\0';
    it.title = title;
    it.place = place;
    n = agenda_reply_format(LANG_JV, NULL, &it, 1, SIZE_MAX, out, sizeof(out));
    check_sms(out, n);
    ck_assert_msg(
        strncmp(out, "Agenda DPRD: #9223372036854775807 Sep 31/12 23:59 Komisi IV: ", 61) == 0,
        "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "malih"));

    n = agenda_reply_format(LANG_ID, NULL, &it, 1, 1, small, sizeof(small));
    check_sms(small, n);
    ck_assert_uint_le(n, 160);
    ck_assert_ptr_nonnull(strstr(small, "#9223372036854775807"));

    it.title = "\xf0\x9f\x99\x8f\xe4\xb8\xad\xe6\x96\x87"; /* emoji and Chinese: nothing */
    it.place = "";
    it.id = 3;
    n = agenda_reply_format(LANG_ID, NULL, &it, 1, 1, out, sizeof(out));
    ck_assert_str_eq(out, "Agenda DPRD: #3 Sab 31/12 23:59 Komisi IV");
    check_sms(out, n);

    /* The widest numbers: the place and the second suggestion go, the
     * title and the tail stay. */
    it.id = INT64_MIN;
    it.day = INT_MIN;
    it.month = INT_MIN;
    it.hour = INT_MIN;
    it.minute = INT_MIN;
    it.place = place;
    it.title = "Rapat kerja";
    n = agenda_reply_format(LANG_ID, NULL, &it, 1, SIZE_MAX, out, sizeof(out));
    ck_assert_str_eq(out, "Agenda DPRD: #-9223372036854775808 Sab -2147483648/-2147483648 "
                          "-2147483648:-2147483648 Komisi IV: Rapat kerja. +18446744073709551614 "
                          "lagi, ketik AGENDA BESOK");
    check_sms(out, n);
    it.id = 3;
    it.day = 31;
    it.month = 12;
    it.hour = 23;
    it.minute = 59;
    it.place = "";
    it.title = "\xf0\x9f\x99\x8f"; /* nothing */

    it.cancelled = 1;
    it.wday = 9; /* no such day: left out */
    n = agenda_reply_format(LANG_EN, NULL, &it, 1, 1, out, sizeof(out));
    ck_assert_str_eq(out, "DPRD agenda: #3 31/12 23:59 Komisi IV CANCELLED");
    check_sms(out, n);
}
END_TEST

/* Every combination of a few sessions, languages and filters: one segment,
 * the first session always there. */
START_TEST(test_reply_invariants)
{
    static const struct agenda_filter filters[] = {
        NEXT,
        TOMORROW,
        {AGENDA_WHEN_WEEK, 0, 0, 2, AGENDA_TYPE_ANY},
        {AGENDA_WHEN_DATE, 31, 0, 0, AGENDA_TYPE_RDP},
    };
    static const struct agenda_item pool[] = {S_LONG,  S_UTF8,    S_KOMISI0,         S_DEDUPE,
                                              S_OTHER, S_KOMISI3, S_RESES_CANCELLED, S_PARIPURNA};
    char out[400], id[32];
    size_t n, start, count, total, fi;
    int l;

    for (l = LANG_NONE; l < LANG__COUNT; l++)
        for (fi = 0; fi < NELEM(filters); fi++)
            for (start = 0; start < NELEM(pool); start++)
                for (count = 1; start + count <= NELEM(pool); count++)
                    for (total = count; total <= count + 2; total++) {
                        n = agenda_reply_format((enum lang)l, &filters[fi], pool + start, count,
                                                total, out, sizeof(out));
                        check_sms(out, n);
                        snprintf(id, sizeof(id), ": #%" PRId64 " ", pool[start].id);
                        ck_assert_msg(strstr(out, id) == out + 11, "%s", out);
                        if (total > count)
                            ck_assert_ptr_nonnull(strstr(out, ". +"));
                    }
}
END_TEST

/*
 * The suggestions of the tail, read back by the agenda parser: each asks
 * what the question asked and one thing more.
 */
static const struct {
    struct agenda_filter f;
    const char *want[2]; /* agenda_filter_format() of each suggestion */
} suggest_cases[] = {
    {NEXT, {"tomorrow", "komisi=3"}},
    {TOMORROW, {"tomorrow komisi=3", NULL}},
    {{AGENDA_WHEN_TODAY, 0, 0, 0, AGENDA_TYPE_ANY}, {"today komisi=3", NULL}},
    {{AGENDA_WHEN_NEXT, 0, 0, 2, AGENDA_TYPE_ANY}, {"tomorrow komisi=2", NULL}},
    {{AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_RDP}, {"tomorrow type=rdp", "komisi=3 type=rdp"}},
    {{AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_KOMISI}, {"tomorrow type=komisi", "komisi=3"}},
    {{AGENDA_WHEN_NEXT, 0, 0, 0, AGENDA_TYPE_PARIPURNA},
     {"tomorrow type=paripurna", "komisi=3 type=paripurna"}},
    {{AGENDA_WHEN_WEEK, 0, 0, 0, AGENDA_TYPE_ANY}, {"week komisi=3", NULL}},
    {{AGENDA_WHEN_WEEK, 0, 0, 4, AGENDA_TYPE_ANY}, {"03/12 komisi=4", NULL}},
    {{AGENDA_WHEN_WEEK, 0, 0, 4, AGENDA_TYPE_BANGGAR}, {"03/12 komisi=4 type=banggar", NULL}},
    {{AGENDA_WHEN_DATE, 3, 12, 0, AGENDA_TYPE_ANY}, {"03/12 komisi=3", NULL}},
    {{AGENDA_WHEN_DATE, 3, 0, 0, AGENDA_TYPE_RESES}, {"03/00 komisi=3 type=reses", NULL}},
    {{AGENDA_WHEN_DATE, 3, 12, 1, AGENDA_TYPE_ANY}, {NULL, NULL}},
    {{AGENDA_WHEN_TOMORROW, 0, 0, 1, AGENDA_TYPE_ANY}, {NULL, NULL}},
};

START_TEST(test_suggestions)
{
    /* A short first session, then one that cannot fit: the tail shows. */
    struct agenda_item items[2] = {
        {30, AGENDA_TYPE_ANY, 0, "Rapat", "", 1, 2, 12, 9, 0, 0},
        {31, AGENDA_TYPE_KOMISI, 3, NULL, "", 2, 3, 12, 9, 0, 0},
    };
    char title[200], out[400], got[64];
    const char *p, *end;
    struct agenda_filter g;
    size_t i, k;

    memset(title, 'x', 150);
    title[150] = '\0';
    items[1].title = title;
    agenda_reply_format(LANG_ID, &suggest_cases[_i].f, items, 2, 2, out, sizeof(out));
    p = strstr(out, ". +1 lagi");
    ck_assert_msg(p != NULL, "%s", out);
    p += strlen(". +1 lagi");
    if (suggest_cases[_i].want[0] == NULL) {
        ck_assert_str_eq(p, "");
        return;
    }
    ck_assert_msg(strncmp(p, ", ketik AGENDA ", 15) == 0, "%s", out);
    p += strlen(", ketik ");
    for (k = 0; k < 2; k++) {
        if (suggest_cases[_i].want[k] == NULL) {
            ck_assert_msg(*p == '\0', "%s", out);
            break;
        }
        end = strstr(p, " / ");
        if (end == NULL)
            end = p + strlen(p);
        ck_assert(strncmp(p, "AGENDA ", 7) == 0);
        for (i = 7; p + i < end; i++) /* keywords, as a citizen types them */
            ck_assert((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9') || p[i] == ' ' ||
                      p[i] == '/');
        agenda_filter_parse(p + 7, (size_t)(end - p) - 7, &g);
        agenda_filter_format(&g, got, sizeof(got));
        ck_assert_msg(strcmp(got, suggest_cases[_i].want[k]) == 0, "%s: \"%.*s\" reads %s", out,
                      (int)(end - p), p, got);
        p = *end != '\0' ? end + 3 : end;
    }
}
END_TEST

static const struct {
    enum lang l;
    struct agenda_item it;
    int public_;
    const char *want;
} announce_cases[] = {
    {LANG_ID, S_PARIPURNA, 1,
     "DPRD Kab. Mojokerto: Sen 2/12 09:00 Rapat Paripurna APBD 2027, Gd DPRD. Terbuka utk umum. "
     "Usul: USUL 12 isi. Stop: BERHENTI"},
    {LANG_JV, S_PARIPURNA, 1,
     "DPRD Kab. Mojokerto: Sen 2/12 09:00 Rapat Paripurna APBD 2027, Gd DPRD. Kabuka kangge "
     "umum. Usul: USUL 12 isi. Mandheg: BERHENTI"},
    {LANG_EN, S_PARIPURNA, 1,
     "DPRD Kab. Mojokerto: Mon 2/12 09:00 Paripurna APBD 2027, Gd DPRD. Open to the public. "
     "Proposals: USUL 12 text. Stop: BERHENTI"},
    /* Closed to the public: no public sentence, no proposal hint. */
    {LANG_ID, S_KOMISI3, 0,
     "DPRD Kab. Mojokerto: Sel 3/12 10:00 Rapat Komisi III: RDP Dinas PUPR, R. Komisi III. Stop: "
     "BERHENTI"},
    {LANG_JV, S_KOMISI3, 0,
     "DPRD Kab. Mojokerto: Sel 3/12 10:00 Rapat Komisi III: RDP Dinas PUPR, R. Komisi III. "
     "Mandheg: BERHENTI"},
    {LANG_EN, S_KOMISI3, 0,
     "DPRD Kab. Mojokerto: Tue 3/12 10:00 Komisi III: RDP Dinas PUPR, R. Komisi III. Stop: "
     "BERHENTI"},
    /* Cancelled, whether public or not: no place, no proposal. */
    {LANG_ID, S_RESES_CANCELLED, 1,
     "DPRD Kab. Mojokerto: Rab 4/12 09:00 Reses Dapil 2 BATAL. Stop: BERHENTI"},
    {LANG_JV, S_RESES_CANCELLED, 0,
     "DPRD Kab. Mojokerto: Rab 4/12 09:00 Reses Dapil 2 BATAL. Mandheg: BERHENTI"},
    {LANG_EN, S_RESES_CANCELLED, 1,
     "DPRD Kab. Mojokerto: Wed 4/12 09:00 Reses Dapil 2 CANCELLED. Stop: BERHENTI"},
    /* No place; "Rapat" before meetings only; komisi 0; no kind. */
    {LANG_ID, S_BANGGAR_NO_PLACE, 1,
     "DPRD Kab. Mojokerto: Jum 6/12 08:00 Rapat Banggar KUA-PPAS 2027. Terbuka utk umum. Usul: "
     "USUL 16 isi. Stop: BERHENTI"},
    {LANG_JV, S_KOMISI0, 1,
     "DPRD Kab. Mojokerto: Ahd 8/12 09:00 Rapat Komisi: Rapat gabungan, Gd DPRD. Kabuka kangge "
     "umum. Usul: USUL 18 isi. Mandheg: BERHENTI"},
    {LANG_EN, S_OTHER, 0,
     "DPRD Kab. Mojokerto: Sat 7/12 07:05 Kunjungan kerja ke Surabaya, Surabaya. Stop: BERHENTI"},
    {LANG_ID, S_UTF8, 1,
     "DPRD Kab. Mojokerto: Sen 9/12 14:00 RDP \"Pasar Kutorejo\" - pedagang caf\xc3\xa9 Dasa, "
     "Ruang Banmus Lt. 2. Terbuka utk umum. Usul: USUL 19 isi. Stop: BERHENTI"},
    {LANG_ID, S_DEDUPE, 1,
     "DPRD Kab. Mojokerto: Sel 10/12 09:00 Rapat Paripurna Pengesahan Perda RTRW, Gd DPRD. "
     "Terbuka utk umum. Usul: USUL 20 isi. Stop: BERHENTI"},
    /* A long title is shortened at a word to what is left. */
    {LANG_ID, S_LONG, 1,
     "DPRD Kab. Mojokerto: Sen 2/12 09:00 Rapat Paripurna Penyampaian Nota Keuangan Rancangan "
     "Peraturan.., Gd DPRD. Terbuka utk umum. Usul: USUL 7 isi. Stop: BERHENTI"},
    {LANG_EN, S_LONG, 0,
     "DPRD Kab. Mojokerto: Mon 2/12 09:00 Paripurna Penyampaian Nota Keuangan Rancangan Peraturan "
     "Daerah tentang Anggaran Pendapatan dan.., Gd DPRD. Stop: BERHENTI"},
};

START_TEST(test_announce)
{
    char out[400];
    size_t n;

    memset(out, 'x', sizeof(out));
    n = agenda_announce_format(announce_cases[_i].l, &announce_cases[_i].it,
                               announce_cases[_i].public_, out, sizeof(out));
    ck_assert_msg(strcmp(out, announce_cases[_i].want) == 0, "got  \"%s\"\nwant \"%s\"", out,
                  announce_cases[_i].want);
    check_sms(out, n);
}
END_TEST

/*
 * An announcement ends with the stop instruction and fits one segment
 * whatever the session holds; with a place longer than the room, the
 * speaker, then the public sentence, then the place give way to the title.
 */
START_TEST(test_announce_budget)
{
    struct agenda_item it = {INT64_MAX, AGENDA_TYPE_BANGGAR, 0, NULL, NULL, 3, 30, 11, 9, 0, 0};
    char title[400], place[400], out[400], small[161];
    size_t len, plen, n;
    int l;

    for (len = 0; len < 300; len += 13)
        for (plen = 0; plen < 300; plen += 29)
            for (l = LANG_NONE; l < LANG__COUNT; l++) {
                memset(title, 'T', len);
                title[len] = '\0';
                if (len > 20)
                    title[10] = ' ';
                memset(place, 'p', plen);
                place[plen] = '\0';
                it.title = title;
                it.place = place;
                it.cancelled = (int)(len / 13 % 2);
                n = agenda_announce_format((enum lang)l, &it, 1, out, sizeof(out));
                check_sms(out, n);
                ck_assert(n >= 8 && strcmp(out + n - 8, "BERHENTI") == 0);
                ck_assert_ptr_nonnull(strstr(out, " 30/11 09:00 "));
                n = agenda_announce_format((enum lang)l, &it, 1, small, sizeof(small));
                check_sms(small, n);
                ck_assert(n >= 8 && strcmp(small + n - 8, "BERHENTI") == 0);
            }

    /* A place cut to its 40 septets, and the longest number: first the
     * speaker goes, then, for a longer title, the public sentence. */
    it.cancelled = 0;
    it.title = "KUA-PPAS";
    it.place = "Gedung Serbaguna Pemerintah Kabupaten Mojokerto di Jalan Ahmad Yani Nomor 16";
    n = agenda_announce_format(LANG_ID, &it, 1, out, sizeof(out));
    ck_assert_str_eq(out, "Rab 30/11 09:00 Rapat Banggar KUA-PPAS, Gedung Serbaguna Pemerintah "
                          "Kabupaten... Terbuka utk umum. Usul: USUL 9223372036854775807 isi. "
                          "Stop: BERHENTI");
    check_sms(out, n);
    it.title = "Pembahasan KUA-PPAS Perubahan APBD Tahun Anggaran 2027";
    n = agenda_announce_format(LANG_ID, &it, 1, out, sizeof(out));
    ck_assert_str_eq(out, "Rab 30/11 09:00 Rapat Banggar Pembahasan KUA-PPAS Perubahan APBD Tahun "
                          "Anggaran 2027, Gedung Serbaguna Pemerintah Kabupaten... Stop: BERHENTI");
    check_sms(out, n);
    /* With a short number the speaker still goes: with it, the title
     * would keep less than TITLE_MIN (24) septets. */
    it.id = 5;
    n = agenda_announce_format(LANG_ID, &it, 1, out, sizeof(out));
    ck_assert_str_eq(out, "Rab 30/11 09:00 Rapat Banggar Pembahasan KUA-PPAS Perubahan APBD.., "
                          "Gedung Serbaguna Pemerintah Kabupaten... Terbuka utk umum. Usul: USUL 5 "
                          "isi. Stop: BERHENTI");
    /* A place of 20: everything fits, the title shortened. */
    it.place = "Gedung Serbaguna Pemkab";
    n = agenda_announce_format(LANG_ID, &it, 1, out, sizeof(out));
    ck_assert_str_eq(out, "DPRD Kab. Mojokerto: Rab 30/11 09:00 Rapat Banggar Pembahasan KUA-PPAS "
                          "Perubahan.., Gedung Serbaguna Pemkab. Terbuka utk umum. Usul: USUL 5 "
                          "isi. Stop: BERHENTI");
    check_sms(out, n);
}
END_TEST

static const char *const topics3[] = {"anggaran", "Perda", "ANGGOTA"};
static const char *const topics_odd[] = {
    "",
    NULL,
    "  dana   desa\n",
    "D\xc3\xa9sa \xc3\x9c"
    "berall \xc3\xa6ra \xf0\x9f\x98\x80",
    "reses",
};
static const char *const topics_many[] = {
    "anggaran", "perda",     "anggota",    "reses",     "komisi", "pengaduan",
    "pajak",    "retribusi", "pendidikan", "kesehatan", "jalan",  "pertanian",
};
static const char *const topics_long[] = {
    "anggaran",
    ("sebuah topik yang namanya jauh terlalu panjang untuk muat dalam satu pesan singkat bersama "
     "judul daftar topik dan topik lainnya yang sudah ada di dalam daftar ini"),
    "perda",
};

static const struct {
    enum lang l;
    const char *const *topics;
    size_t n;
    const char *want;
} info_cases[] = {
    {LANG_ID, topics3, 3, "Info DPRD, ketik: INFO ANGGARAN / INFO PERDA / INFO ANGGOTA"},
    {LANG_JV, topics3, 3, "Info DPRD, ketik: INFO ANGGARAN / INFO PERDA / INFO ANGGOTA"},
    {LANG_EN, topics3, 3, "DPRD info, send: INFO ANGGARAN / INFO PERDA / INFO ANGGOTA"},
    {LANG_ID, topics3, 1, "Info DPRD, ketik: INFO ANGGARAN"},
    {LANG_ID, topics3, 0, "Belum ada info. Ketik AGENDA utk jadwal sidang DPRD."},
    {LANG_JV, topics3, 0, "Dereng wonten info. Ketik AGENDA kangge jadwal sidang DPRD."},
    {LANG_EN, NULL, 0, "No information yet. Send AGENDA for the DPRD session schedule."},
    {LANG_NONE, NULL, 3, "Belum ada info. Ketik AGENDA utk jadwal sidang DPRD."},
    /* empty and NULL names skipped, spaces collapsed, accents plain */
    {LANG_ID, topics_odd, 5,
     "Info DPRD, ketik: INFO DANA DESA / INFO DESA UBERALL AERA / INFO RESES"},
    {LANG_EN, topics_odd, 2, "No information yet. Send AGENDA for the DPRD session schedule."},
    /* as many as fit (exactly 160), a name too long skipped */
    {LANG_ID, topics_many, 12,
     "Info DPRD, ketik: INFO ANGGARAN / INFO PERDA / INFO ANGGOTA / INFO RESES / INFO KOMISI / "
     "INFO PENGADUAN / INFO PAJAK / INFO RETRIBUSI / INFO PENDIDIKAN"},
    {LANG_ID, topics_long, 3, "Info DPRD, ketik: INFO ANGGARAN / INFO PERDA"},
};

START_TEST(test_info)
{
    char out[400];
    size_t n;

    memset(out, 'x', sizeof(out));
    n = info_list_format(info_cases[_i].l, info_cases[_i].topics, info_cases[_i].n, out,
                         sizeof(out));
    ck_assert_msg(strcmp(out, info_cases[_i].want) == 0, "got  \"%s\"\nwant \"%s\"", out,
                  info_cases[_i].want);
    check_sms(out, n);
}
END_TEST

/* A last topic that makes the list exactly 160 is listed; 161, it is not. */
START_TEST(test_info_budget)
{
    const char *lead = "Info DPRD, ketik: INFO ANGGARAN / INFO ";
    const char *topics[2] = {"anggaran", NULL};
    char name[200], want[400], out[400];
    size_t len, n;

    for (len = 158; len <= 162; len++) {
        memset(name, 'x', len - strlen(lead));
        name[len - strlen(lead)] = '\0';
        topics[1] = name;
        n = info_list_format(LANG_ID, topics, 2, out, sizeof(out));
        if (len <= 160)
            snprintf(
                want, sizeof(want), "%s%.*s", lead, (int)strlen(name),
                "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
                "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
        else
            snprintf(want, sizeof(want), "Info DPRD, ketik: INFO ANGGARAN");
        ck_assert_msg(strcmp(out, want) == 0, "%zu: %s", len, out);
        check_sms(out, n);
    }
}
END_TEST

/* Buffers smaller than the text: a shorter text, never a byte past outsz. */
START_TEST(test_small_buffers)
{
    static const struct agenda_item items[] = {S_PARIPURNA, S_KOMISI3};
    char out[200];
    size_t outsz, n;

    for (outsz = 0; outsz < 170; outsz++) {
        memset(out, 'x', sizeof(out));
        n = agenda_reply_format(LANG_ID, NULL, items, 2, 5, out, outsz);
        ck_assert(outsz == 0 ? n == 0 : n < outsz && out[n] == '\0');
        ck_assert_int_eq(out[outsz], 'x');
        memset(out, 'x', sizeof(out));
        n = agenda_announce_format(LANG_JV, &items[0], 1, out, outsz);
        ck_assert(outsz == 0 ? n == 0 : n < outsz && out[n] == '\0');
        ck_assert_int_eq(out[outsz], 'x');
        memset(out, 'x', sizeof(out));
        n = info_list_format(LANG_EN, topics3, 3, out, outsz);
        ck_assert(outsz == 0 ? n == 0 : n < outsz && out[n] == '\0');
        ck_assert_int_eq(out[outsz], 'x');
    }
}
END_TEST

START_TEST(test_roman)
{
    static const struct {
        int komisi;
        const char *want;
    } cases[] = {{-1, ""}, {0, ""}, {1, "I"}, {2, "II"}, {3, "III"}, {4, "IV"}, {5, ""}};
    size_t i;

    for (i = 0; i < NELEM(cases); i++)
        ck_assert_str_eq(komisi_roman(cases[i].komisi), cases[i].want);
}
END_TEST

/* clang-format off */
#define D(y, m, d)    {y, m, d}
#define F(when, d, m) {when, d, m, 0, AGENDA_TYPE_ANY}
/* clang-format on */

static const struct {
    struct agenda_filter f;
    struct agenda_date today;
    int wday;
    int ret;
    struct agenda_date from, to;
} range_cases[] = {
    /* today and tomorrow, across months, years and leap days */
    {F(AGENDA_WHEN_TODAY, 0, 0), D(2026, 12, 20), 0, 1, D(2026, 12, 20), D(2026, 12, 21)},
    {F(AGENDA_WHEN_TODAY, 0, 0), D(2026, 12, 31), 4, 1, D(2026, 12, 31), D(2027, 1, 1)},
    {F(AGENDA_WHEN_TOMORROW, 0, 0), D(2026, 12, 30), 3, 1, D(2026, 12, 31), D(2027, 1, 1)},
    {F(AGENDA_WHEN_TOMORROW, 0, 0), D(2026, 12, 31), 4, 1, D(2027, 1, 1), D(2027, 1, 2)},
    {F(AGENDA_WHEN_TOMORROW, 0, 0), D(2026, 11, 30), 1, 1, D(2026, 12, 1), D(2026, 12, 2)},
    {F(AGENDA_WHEN_TOMORROW, 0, 0), D(2028, 2, 28), 1, 1, D(2028, 2, 29), D(2028, 3, 1)},
    {F(AGENDA_WHEN_TOMORROW, 0, 0), D(2027, 2, 28), 0, 1, D(2027, 3, 1), D(2027, 3, 2)},
    {F(AGENDA_WHEN_TOMORROW, 0, 0), D(2100, 2, 28), 0, 1, D(2100, 3, 1), D(2100, 3, 2)},
    {F(AGENDA_WHEN_TOMORROW, 0, 0), D(2000, 2, 28), 1, 1, D(2000, 2, 29), D(2000, 3, 1)},
    /* the week: up to and including Sunday */
    {F(AGENDA_WHEN_WEEK, 0, 0), D(2026, 12, 6), 0, 1, D(2026, 12, 6), D(2026, 12, 7)},
    {F(AGENDA_WHEN_WEEK, 0, 0), D(2026, 11, 30), 1, 1, D(2026, 11, 30), D(2026, 12, 7)},
    {F(AGENDA_WHEN_WEEK, 0, 0), D(2026, 12, 5), 6, 1, D(2026, 12, 5), D(2026, 12, 7)},
    {F(AGENDA_WHEN_WEEK, 0, 0), D(2026, 12, 30), 3, 1, D(2026, 12, 30), D(2027, 1, 4)},
    {F(AGENDA_WHEN_WEEK, 0, 0), D(2028, 2, 28), 1, 1, D(2028, 2, 28), D(2028, 3, 6)},
    {F(AGENDA_WHEN_WEEK, 0, 0), D(2026, 12, 6), 7, 1, D(2026, 12, 6), D(2026, 12, 7)}, /* 7 is 0 */
    /* a date: this year's, or next year's once it is more than 31 days past */
    {F(AGENDA_WHEN_DATE, 2, 1), D(2026, 12, 20), 0, 1, D(2027, 1, 2), D(2027, 1, 3)},
    {F(AGENDA_WHEN_DATE, 2, 12), D(2026, 12, 20), 0, 1, D(2026, 12, 2), D(2026, 12, 3)},
    {F(AGENDA_WHEN_DATE, 20, 12), D(2026, 12, 20), 0, 1, D(2026, 12, 20), D(2026, 12, 21)},
    {F(AGENDA_WHEN_DATE, 31, 12), D(2026, 12, 20), 0, 1, D(2026, 12, 31), D(2027, 1, 1)},
    {F(AGENDA_WHEN_DATE, 19, 11), D(2026, 12, 20), 0, 1, D(2026, 11, 19), D(2026, 11, 20)},
    {F(AGENDA_WHEN_DATE, 18, 11), D(2026, 12, 20), 0, 1, D(2027, 11, 18), D(2027, 11, 19)},
    {F(AGENDA_WHEN_DATE, 1, 12), D(2027, 1, 1), 5, 1, D(2027, 12, 1), D(2027, 12, 2)},
    {F(AGENDA_WHEN_DATE, 30, 11), D(2027, 1, 1), 5, 1, D(2027, 11, 30), D(2027, 12, 1)},
    {F(AGENDA_WHEN_DATE, 5, 3), D(2026, 12, 20), 0, 1, D(2027, 3, 5), D(2027, 3, 6)},
    /* leap days */
    {F(AGENDA_WHEN_DATE, 29, 2), D(2027, 12, 20), 1, 1, D(2028, 2, 29), D(2028, 3, 1)},
    {F(AGENDA_WHEN_DATE, 29, 2), D(2028, 1, 10), 1, 1, D(2028, 2, 29), D(2028, 3, 1)},
    {F(AGENDA_WHEN_DATE, 29, 2), D(2027, 1, 10), 0, -1, D(0, 0, 0), D(0, 0, 0)},
    {F(AGENDA_WHEN_DATE, 29, 2), D(2027, 3, 5), 5, -1, D(0, 0, 0),
     D(0, 0, 0)}, /* 2027's, days ago: none */
    {F(AGENDA_WHEN_DATE, 28, 2), D(2027, 3, 5), 5, 1, D(2027, 2, 28), D(2027, 3, 1)},
    /* dates that do not exist */
    {F(AGENDA_WHEN_DATE, 31, 2), D(2026, 1, 10), 6, -1, D(0, 0, 0), D(0, 0, 0)},
    {F(AGENDA_WHEN_DATE, 31, 4), D(2026, 1, 10), 6, -1, D(0, 0, 0), D(0, 0, 0)},
    {F(AGENDA_WHEN_DATE, 30, 4), D(2026, 1, 10), 6, 1, D(2026, 4, 30), D(2026, 5, 1)},
    {F(AGENDA_WHEN_DATE, 0, 4), D(2026, 1, 10), 6, -1, D(0, 0, 0), D(0, 0, 0)},
    {F(AGENDA_WHEN_DATE, 32, 4), D(2026, 1, 10), 6, -1, D(0, 0, 0), D(0, 0, 0)},
    {F(AGENDA_WHEN_DATE, 1, 13), D(2026, 1, 10), 6, -1, D(0, 0, 0), D(0, 0, 0)},
    /* month 0: this month */
    {F(AGENDA_WHEN_DATE, 5, 0), D(2026, 12, 20), 0, 1, D(2026, 12, 5), D(2026, 12, 6)},
    {F(AGENDA_WHEN_DATE, 25, 0), D(2026, 12, 20), 0, 1, D(2026, 12, 25), D(2026, 12, 26)},
    {F(AGENDA_WHEN_DATE, 31, 0), D(2026, 11, 20), 5, -1, D(0, 0, 0), D(0, 0, 0)},
    {F(AGENDA_WHEN_DATE, 30, 0), D(2026, 11, 20), 5, 1, D(2026, 11, 30), D(2026, 12, 1)},
    {F(AGENDA_WHEN_DATE, 29, 0), D(2028, 2, 1), 2, 1, D(2028, 2, 29), D(2028, 3, 1)},
    {F(AGENDA_WHEN_DATE, 29, 0), D(2027, 2, 1), 1, -1, D(0, 0, 0), D(0, 0, 0)},
    /* no range */
    {F(AGENDA_WHEN_NEXT, 0, 0), D(2026, 12, 20), 0, 0, D(0, 0, 0), D(0, 0, 0)},
    {{AGENDA_WHEN_NEXT, 0, 0, 3, AGENDA_TYPE_ANY}, D(2026, 12, 20), 0, 0, D(0, 0, 0), D(0, 0, 0)},
    /* a today that is no date */
    {F(AGENDA_WHEN_TODAY, 0, 0), D(2026, 2, 30), 0, -1, D(0, 0, 0), D(0, 0, 0)},
    {F(AGENDA_WHEN_TODAY, 0, 0), D(2026, 0, 1), 0, -1, D(0, 0, 0), D(0, 0, 0)},
    {F(AGENDA_WHEN_TODAY, 0, 0), D(0, 1, 1), 0, -1, D(0, 0, 0), D(0, 0, 0)},
    {F((enum agenda_when)9, 0, 0), D(2026, 12, 20), 0, -1, D(0, 0, 0), D(0, 0, 0)},
};

START_TEST(test_range)
{
    const struct agenda_date unset = {-7, -7, -7};
    struct agenda_date from = unset, to = unset;
    int ret;

    ret = agenda_range(&range_cases[_i].f, range_cases[_i].today, range_cases[_i].wday, &from, &to);
    ck_assert_int_eq(ret, range_cases[_i].ret);
    if (ret != 1) {
        ck_assert_int_eq(from.year, -7); /* left unset */
        ck_assert_int_eq(to.day, -7);
        return;
    }
    ck_assert_msg(from.year == range_cases[_i].from.year &&
                      from.month == range_cases[_i].from.month &&
                      from.day == range_cases[_i].from.day,
                  "from %d-%d-%d", from.year, from.month, from.day);
    ck_assert_msg(to.year == range_cases[_i].to.year && to.month == range_cases[_i].to.month &&
                      to.day == range_cases[_i].to.day,
                  "to %d-%d-%d", to.year, to.month, to.day);
}
END_TEST

static Suite *
agendareply_suite(void)
{
    Suite *s = suite_create("agendareply");
    TCase *tc;

    tc = tcase_create("reply");
    tcase_add_loop_test(tc, test_reply, 0, NELEM(reply_cases));
    tcase_add_test(tc, test_budget_one);
    tcase_add_test(tc, test_budget_two);
    tcase_add_test(tc, test_budget_tail);
    tcase_add_test(tc, test_budget_extremes);
    tcase_add_test(tc, test_reply_invariants);
    tcase_add_loop_test(tc, test_suggestions, 0, NELEM(suggest_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("announce");
    tcase_add_loop_test(tc, test_announce, 0, NELEM(announce_cases));
    tcase_add_test(tc, test_announce_budget);
    suite_add_tcase(s, tc);

    tc = tcase_create("info");
    tcase_add_loop_test(tc, test_info, 0, NELEM(info_cases));
    tcase_add_test(tc, test_info_budget);
    tcase_add_test(tc, test_small_buffers);
    tcase_add_test(tc, test_roman);
    suite_add_tcase(s, tc);

    tc = tcase_create("range");
    tcase_add_loop_test(tc, test_range, 0, NELEM(range_cases));
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(agendareply_suite)
