/*
 * Unit tests of menus/menu.c: the USSD state machine over every path of a
 * tree shaped like the default one, the checks of menu_tree_check() on
 * both sides of each limit, state encoding, replay, and results.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "menus/menu.h"
#include "parsers/gsm7.h"
#include "parsers/ticket.h"
#include "tests/unit/check_main.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct menu_tree tree;

static void
title(struct menu_screen *sc, const char *id, const char *t)
{
    snprintf(sc->id, sizeof(sc->id), "%s", id);
    snprintf(sc->title.s[LANG_ID], sizeof(sc->title.s[LANG_ID]), "%s", t);
    sc->next = -1;
}

static void
option(struct menu_screen *sc, const char *label, int next, enum menu_action a, const char *arg,
       const char *set)
{
    struct menu_option *o = &sc->options[sc->noptions++];

    snprintf(o->label.s[LANG_ID], sizeof(o->label.s[LANG_ID]), "%s", label);
    o->next = next;
    o->action = a;
    snprintf(o->arg, sizeof(o->arg), "%s", arg);
    snprintf(o->set, sizeof(o->set), "%s", set);
}

/* A valid ticket code (482193 and its check digit), found in setup; "T"
 * in a path stands for it, "X" for the same with a wrong check digit. */
static char valid[8], wrong[8];

static void
expand(const char *path, char *out, size_t outsz)
{
    size_t n = 0;

    for (; *path != '\0' && n + 8 < outsz; path++) {
        if (*path == 'T' || *path == 'X') {
            memcpy(out + n, *path == 'T' ? valid : wrong, 7);
            n += 7;
        } else {
            out[n++] = *path;
        }
    }
    out[n] = '\0';
}

enum { HOME, AGENDA, KOMISI, ADUAN, TEKS, KIRIM, STATUS, INFO, LANGGANAN, NSCREENS };

/* The default tree of config/menu_cfg.c, built by hand. */
static void
build(struct menu_tree *t)
{
    struct menu_screen *s = t->screens;

    memset(t, 0, sizeof(*t));
    t->nscreens = NSCREENS;
    title(&s[HOME], "home", "DPRD Kab. Mojokerto");
    option(&s[HOME], "Agenda sidang", AGENDA, MENU_ACT_NONE, "", "");
    option(&s[HOME], "Sampaikan aduan", ADUAN, MENU_ACT_NONE, "", "");
    option(&s[HOME], "Cek status aduan", STATUS, MENU_ACT_NONE, "", "");
    option(&s[HOME], "Info DPRD", INFO, MENU_ACT_NONE, "", "");
    option(&s[HOME], "Langganan info SMS", LANGGANAN, MENU_ACT_NONE, "", "");
    snprintf(s[HOME].options[0].label.s[LANG_EN], MENU_TEXT_MAX, "Sessions");
    title(&s[AGENDA], "agenda", "Agenda DPRD");
    option(&s[AGENDA], "Hari ini", -1, MENU_ACT_AGENDA, "hari ini", "");
    option(&s[AGENDA], "Minggu ini", -1, MENU_ACT_AGENDA, "minggu ini", "");
    option(&s[AGENDA], "Sidang berikutnya", -1, MENU_ACT_AGENDA, "", "");
    option(&s[AGENDA], "Per komisi", KOMISI, MENU_ACT_NONE, "", "");
    title(&s[KOMISI], "agenda_komisi", "Pilih komisi");
    option(&s[KOMISI], "Komisi I", -1, MENU_ACT_AGENDA, "komisi 1", "");
    option(&s[KOMISI], "Komisi II", -1, MENU_ACT_AGENDA, "komisi 2", "");
    option(&s[KOMISI], "Komisi III", -1, MENU_ACT_AGENDA, "komisi 3", "");
    option(&s[KOMISI], "Komisi IV", -1, MENU_ACT_AGENDA, "komisi 4", "");
    title(&s[ADUAN], "aduan", "Aduan tentang apa?");
    option(&s[ADUAN], "Jalan & jembatan", TEKS, MENU_ACT_NONE, "", "jalan");
    option(&s[ADUAN], "Air & listrik", TEKS, MENU_ACT_NONE, "", "utilitas");
    option(&s[ADUAN], "Lainnya", TEKS, MENU_ACT_NONE, "", "lain");
    title(&s[TEKS], "aduan_teks", "Tulis aduan Anda:");
    s[TEKS].input = MENU_INPUT_TEXT;
    s[TEKS].next = KIRIM;
    title(&s[KIRIM], "aduan_kirim", "Kirim aduan: {text}");
    option(&s[KIRIM], "Kirim", -1, MENU_ACT_COMPLAINT, "", "");
    option(&s[KIRIM], "Ubah", TEKS, MENU_ACT_NONE, "", "");
    title(&s[STATUS], "status", "Ketik no tiket aduan (7 angka):");
    s[STATUS].input = MENU_INPUT_TICKET;
    s[STATUS].action = MENU_ACT_STATUS;
    title(&s[INFO], "info", "Info DPRD");
    option(&s[INFO], "Anggaran", -1, MENU_ACT_INFO, "anggaran", "");
    option(&s[INFO], "Kontak", -1, MENU_ACT_INFO, "kontak", "");
    title(&s[LANGGANAN], "langganan", "Info agenda lewat SMS");
    option(&s[LANGGANAN], "Daftar", -1, MENU_ACT_SUBSCRIBE, "", "");
    option(&s[LANGGANAN], "Berhenti", -1, MENU_ACT_UNSUBSCRIBE, "", "");
}

static void
setup(void)
{
    char why[256];

    for (int d = 0; d < 10; d++) {
        snprintf(valid, sizeof(valid), "482193%d", d);
        if (ticket_code_check(valid, 7, NULL) == NULL)
            break;
    }
    memcpy(wrong, valid, sizeof(wrong));
    wrong[6] = (char)('0' + (valid[6] - '0' + 1) % 10);

    build(&tree);
    ck_assert_int_eq(menu_tree_check(&tree, why, sizeof(why)), -1);
}

/* Walks the inputs of path (joined by '|', so that '*' can be typed) from
 * home and returns the last step. */
static struct menu_step
walk(struct menu_state *st, const char *path, enum lang l)
{
    struct menu_step out;
    char buf[512];
    size_t start = 0, n;

    menu_home(&tree, st, l, &out);
    expand(path, buf, sizeof(buf));
    n = strlen(buf);
    for (size_t i = 0; i <= n; i++) {
        if (i == n || buf[i] == '|') {
            menu_step(&tree, st, buf + start, i - start, l, &out);
            start = i + 1;
        }
    }
    return out;
}

START_TEST(test_home)
{
    struct menu_state st;
    struct menu_step out;

    menu_home(&tree, &st, LANG_ID, &out);
    ck_assert_str_eq(out.screen, "DPRD Kab. Mojokerto\n1 Agenda sidang\n2 Sampaikan aduan\n"
                                 "3 Cek status aduan\n4 Info DPRD\n5 Langganan info SMS");
    ck_assert_int_eq(out.action, MENU_ACT_NONE);
    ck_assert_int_eq(out.end, 0);
    menu_home(&tree, &st, LANG_EN, &out);
    ck_assert_str_eq(out.screen, "DPRD Kab. Mojokerto\n1 Sessions\n2 Sampaikan aduan\n"
                                 "3 Cek status aduan\n4 Info DPRD\n5 Langganan info SMS");
}
END_TEST

/* Every path of the tree: the inputs, and what the last one gives. */
static const struct {
    const char *path;
    enum menu_action action;
    const char *arg;   /* the action's argument, or the screen's start */
    const char *input; /* the action's input */
    int end;
} paths[] = {
    {"1", MENU_ACT_NONE,
     "Agenda DPRD\n1 Hari ini\n2 Minggu ini\n3 Sidang berikutnya\n"
     "4 Per komisi\n0 Kembali 00 Menu",
     "", 0},
    {"1|1", MENU_ACT_AGENDA, "hari ini", "", 0},
    {"1|2", MENU_ACT_AGENDA, "minggu ini", "", 0},
    {"1|3", MENU_ACT_AGENDA, "", "", 0},
    {"1|4", MENU_ACT_NONE, "Pilih komisi\n1 Komisi I", "", 0},
    {"1|4|1", MENU_ACT_AGENDA, "komisi 1", "", 0},
    {"1|4|2", MENU_ACT_AGENDA, "komisi 2", "", 0},
    {"1|4|3", MENU_ACT_AGENDA, "komisi 3", "", 0},
    {"1|4|4", MENU_ACT_AGENDA, "komisi 4", "", 0},
    {"1|4|5", MENU_ACT_NONE, "Pilihan salah. Pilih komisi", "", 0},
    {"1|4|0", MENU_ACT_NONE, "Agenda DPRD\n", "", 0},
    {"1|4|0|0", MENU_ACT_NONE, "DPRD Kab. Mojokerto\n", "", 0},
    {"1|4|00", MENU_ACT_NONE, "DPRD Kab. Mojokerto\n", "", 0},
    {"2", MENU_ACT_NONE, "Aduan tentang apa?\n1 Jalan & jembatan", "", 0},
    {"2|1", MENU_ACT_NONE, "Tulis aduan Anda:\n0 Kembali 00 Menu", "", 0},
    {"2|1|", MENU_ACT_NONE, "Pilihan salah. Tulis aduan Anda:", "", 0},
    {"2|1|jalan rusak", MENU_ACT_NONE,
     "Kirim aduan: jalan rusak\n1 Kirim\n2 Ubah\n"
     "0 Kembali 00 Menu",
     "", 0},
    {"2|1|jalan rusak|1", MENU_ACT_COMPLAINT, "", "jalan rusak", 1},
    {"2|1|jalan rusak|2", MENU_ACT_NONE, "Tulis aduan Anda:", "", 0},
    {"2|1|jalan rusak|2|lampu mati|1", MENU_ACT_COMPLAINT, "", "lampu mati", 1},
    {"2|1|jalan rusak|0", MENU_ACT_NONE, "Tulis aduan Anda:", "", 0},
    {"2|1|  0  ", MENU_ACT_NONE, "Aduan tentang apa?", "", 0},
    {"2|3|00", MENU_ACT_NONE, "DPRD Kab. Mojokerto", "", 0},
    {"3", MENU_ACT_NONE, "Ketik no tiket aduan (7 angka):\n0 Kembali 00 Menu", "", 0},
    {"3|T", MENU_ACT_STATUS, "", "T", 0},
    {"3|X", MENU_ACT_NONE, "Nomor tiket salah. Ketik no tiket", "", 0},
    {"3|482193", MENU_ACT_NONE, "Nomor tiket salah. Ketik no tiket", "", 0},
    {"3|48219370", MENU_ACT_NONE, "Nomor tiket salah. Ketik no tiket", "", 0},
    {"3|abc", MENU_ACT_NONE, "Nomor tiket salah. Ketik no tiket", "", 0},
    {"3|X|T", MENU_ACT_STATUS, "", "T", 0},
    {"4|1", MENU_ACT_INFO, "anggaran", "", 0},
    {"4|2", MENU_ACT_INFO, "kontak", "", 0},
    {"4|3", MENU_ACT_NONE, "Pilihan salah. Info DPRD", "", 0},
    {"5|1", MENU_ACT_SUBSCRIBE, "", "", 0},
    {"5|2", MENU_ACT_UNSUBSCRIBE, "", "", 0},
    {"6", MENU_ACT_NONE, "Pilihan salah. DPRD Kab. Mojokerto", "", 0},
    {"0", MENU_ACT_NONE, "DPRD Kab. Mojokerto\n1 Agenda", "", 0},
    {"", MENU_ACT_NONE, "Pilihan salah. DPRD", "", 0},
    {"11", MENU_ACT_NONE, "Pilihan salah. DPRD", "", 0},
};

START_TEST(test_paths)
{
    struct menu_state st;
    struct menu_step out = walk(&st, paths[_i].path, LANG_ID);
    char want[64];

    ck_assert_int_eq(out.action, paths[_i].action);
    ck_assert_int_eq(out.end, paths[_i].end);
    expand(paths[_i].input, want, sizeof(want));
    if (out.action == MENU_ACT_NONE) {
        ck_assert_msg(strncmp(out.screen, paths[_i].arg, strlen(paths[_i].arg)) == 0,
                      "%s: screen \"%s\"", paths[_i].path, out.screen);
        ck_assert_int_le(gsm7_septets(out.screen, strlen(out.screen)), USSD_SCREEN_MAX);
    } else {
        ck_assert_str_eq(out.arg, paths[_i].arg);
        ck_assert_str_eq(out.input, want);
        ck_assert_str_eq(out.screen, "");
    }
}
END_TEST

/* The category chosen is kept; a complaint ends the session, and the next
 * input starts again at home. */
START_TEST(test_complaint_state)
{
    struct menu_state st;
    struct menu_step out = walk(&st, "2|2|air PDAM mati|1", LANG_ID);

    ck_assert_int_eq(out.action, MENU_ACT_COMPLAINT);
    ck_assert_str_eq(st.set, "utilitas");
    ck_assert_str_eq(st.text, "air PDAM mati");
    ck_assert_int_eq(st.ended, 1);
    menu_step(&tree, &st, "1", 1, LANG_ID, &out);
    ck_assert_int_eq(st.screen, HOME);
    ck_assert(strncmp(out.screen, "DPRD Kab. Mojokerto", 19) == 0);
}
END_TEST

/* A long text is kept up to MENU_INPUT_MAX bytes and shortened on screen. */
START_TEST(test_long_text)
{
    char text[400], path[420];
    struct menu_state st;
    struct menu_step out;

    memset(text, 'a', sizeof(text) - 1);
    text[sizeof(text) - 1] = '\0';
    for (size_t i = 5; i < sizeof(text) - 1; i += 6)
        text[i] = ' ';
    snprintf(path, sizeof(path), "2|1|%s", text);
    out = walk(&st, path, LANG_ID);
    ck_assert_uint_eq(strlen(st.text), MENU_INPUT_MAX);
    ck_assert_int_le(gsm7_septets(out.screen, strlen(out.screen)), USSD_SCREEN_MAX);
    ck_assert(strstr(out.screen, "\n1 Kirim\n2 Ubah\n0 Kembali 00 Menu") != NULL);
}
END_TEST

START_TEST(test_languages)
{
    struct menu_state st;
    struct menu_step out = walk(&st, "1|9", LANG_JV);

    ck_assert_str_eq(out.screen, "Pilihan lepat. Agenda DPRD\n1 Hari ini\n2 Minggu ini\n"
                                 "3 Sidang berikutnya\n4 Per komisi\n0 Wangsul 00 Menu");
    out = walk(&st, "3|1", LANG_EN);
    ck_assert_str_eq(out.screen,
                     "Wrong ticket number. Ketik no tiket aduan (7 angka):\n0 Back 00 Menu");
}
END_TEST

/* "0" after the stack overflowed goes back as far as it remembers. */
START_TEST(test_deep_stack)
{
    struct menu_state st;
    struct menu_step out;

    menu_home(&tree, &st, LANG_ID, &out);
    for (int i = 0; i < 40; i++) {
        menu_step(&tree, &st, "1", 1, LANG_ID, &out); /* home -> agenda */
        menu_step(&tree, &st, "4", 1, LANG_ID, &out); /* agenda -> komisi */
        menu_step(&tree, &st, "0", 1, LANG_ID, &out);
        menu_step(&tree, &st, "4", 1, LANG_ID, &out);
    }
    ck_assert_int_le(st.depth, MENU_DEPTH_MAX);
    for (int i = 0; i < 2 * MENU_DEPTH_MAX; i++)
        menu_step(&tree, &st, "0", 1, LANG_ID, &out);
    ck_assert_int_eq(st.depth, 0);
}
END_TEST

/* menu_replay of an aggregator's path gives what walking it gives. */
START_TEST(test_replay)
{
    static const char *const p[] = {"1", "1*4*3", "2*1*jalan rusak", "3*T", "2*1*jalan*0*0*00*5"};
    struct menu_state a, b;
    struct menu_step x, y;
    char path[64];

    for (size_t i = 0; i < N(p); i++) {
        char aggregator[64];

        expand(p[i], aggregator, sizeof(aggregator));
        snprintf(path, sizeof(path), "%s", p[i]);
        for (char *c = path; *c != '\0'; c++)
            if (*c == '*')
                *c = '|';
        x = walk(&a, path, LANG_ID);
        menu_replay(&tree, &b, aggregator, strlen(aggregator), LANG_ID, &y);
        ck_assert_msg(a.screen == b.screen && a.depth == b.depth && strcmp(a.text, b.text) == 0 &&
                          strcmp(a.set, b.set) == 0 && a.ended == b.ended,
                      "state after \"%s\"", p[i]);
        ck_assert_str_eq(x.screen, y.screen);
        ck_assert_int_eq(x.action, y.action);
    }
    /* An empty path is a new session: home, no input taken. */
    menu_replay(&tree, &b, "", 0, LANG_ID, &y);
    ck_assert_int_eq(b.screen, HOME);
    ck_assert(strncmp(y.screen, "DPRD Kab. Mojokerto\n1 Agenda", 28) == 0);
}
END_TEST

START_TEST(test_encode)
{
    struct menu_state st, back;
    struct menu_step out = walk(&st, "2|2|air mati; 100% & \"kotor\"", LANG_ID);
    char enc[MENU_STATE_MAX];

    (void)out;
    ck_assert_uint_gt(menu_state_encode(&st, enc, sizeof(enc)), 0);
    for (const char *c = enc; *c != '\0'; c++)
        ck_assert(*c > ' ' && *c < 0x7f);
    ck_assert_int_eq(menu_state_decode(&tree, enc, &back), 0);
    ck_assert_int_eq(st.screen, back.screen);
    ck_assert_int_eq(st.depth, back.depth);
    ck_assert_mem_eq(st.stack, back.stack, (size_t)st.depth * sizeof(st.stack[0]));
    ck_assert_str_eq(st.set, back.set);
    ck_assert_str_eq(st.text, back.text);
}
END_TEST

static const char *const bad_states[] = {
    "",
    "v2;s=0;k=;e=0;c=;t=",
    "v1;s=9;k=;e=0;c=;t=",     /* no screen 9 */
    "v1;s=1;k=0.99;e=0;c=;t=", /* a stack entry out of range */
    "v1;s=1;k=0;e=2;c=;t=",
    "v1;s=1;k=0;e=0;c=%ZZ;t=",
    "v1;s=1;k=0;e=0;c=a b;t=",
    "v1;s=1;k=0;e=0;c=;t=%00",
    "v1;s=1;k=0;e=0;c=;t=x;more",
    "v1;s=1;k=.0;e=0;c=;t=",
};

START_TEST(test_decode_bad)
{
    struct menu_state st;

    st.screen = 5;
    ck_assert_int_eq(menu_state_decode(&tree, bad_states[_i], &st), -1);
    ck_assert_int_eq(st.screen, 0);
    ck_assert_int_eq(st.depth, 0);
}
END_TEST

START_TEST(test_result)
{
    char out[USSD_SCREEN_MAX * 4 + 1], longtext[600];

    ck_assert_uint_eq(
        menu_result(&tree, "Tiket 4821937: Sedang diproses", 0, LANG_ID, out, sizeof(out)),
        strlen("Tiket 4821937: Sedang diproses\n0 Kembali 00 Menu"));
    ck_assert_str_eq(out, "Tiket 4821937: Sedang diproses\n0 Kembali 00 Menu");
    menu_result(&tree, "Aduan tercatat, no tiket 4821937", 1, LANG_ID, out, sizeof(out));
    ck_assert_str_eq(out, "Aduan tercatat, no tiket 4821937");
    memset(longtext, 0, sizeof(longtext));
    for (size_t i = 0; i + 6 < sizeof(longtext); i += 6)
        memcpy(longtext + i, "kata \xe2\x80\x9c", 6 < sizeof(longtext) - i ? 5 : 0);
    menu_result(&tree, longtext, 0, LANG_EN, out, sizeof(out));
    ck_assert_int_le(gsm7_septets(out, strlen(out)), USSD_SCREEN_MAX);
    ck_assert(strstr(out, "\n0 Back 00 Menu") != NULL);
}
END_TEST

/* ---- menu_tree_check ----------------------------------------------------- */

static int
check_broken(void (*breakit)(struct menu_tree *), const char *want)
{
    char why[256];
    int bad;

    build(&tree);
    breakit(&tree);
    bad = menu_tree_check(&tree, why, sizeof(why));
    ck_assert_msg(bad >= 0, "accepted, wanted: %s", want);
    ck_assert_msg(strstr(why, want) != NULL, "\"%s\" does not say \"%s\"", why, want);
    return bad;
}

static void
dangling(struct menu_tree *t)
{
    t->screens[AGENDA].options[3].next = 99;
}
static void
unreachable(struct menu_tree *t)
{
    t->screens[HOME].options[4].next = INFO; /* langganan: nothing leads there */
}
static void
duplicate(struct menu_tree *t)
{
    snprintf(t->screens[INFO].id, MENU_ID_MAX, "agenda");
}
static void
both(struct menu_tree *t)
{
    t->screens[INFO].options[0].next = HOME;
}
static void
neither(struct menu_tree *t)
{
    t->screens[INFO].options[0].action = MENU_ACT_NONE;
}
static void
ten_options(struct menu_tree *t)
{
    t->screens[KOMISI].noptions = 10;
}
static void
no_options(struct menu_tree *t)
{
    t->screens[KOMISI].noptions = 0;
}
static void
non_gsm7(struct menu_tree *t)
{
    snprintf(t->screens[INFO].title.s[LANG_JV], MENU_TEXT_MAX,
             "Info \xe2\x80\x9c"
             "DPRD");
}
static void
no_title(struct menu_tree *t)
{
    t->screens[INFO].title.s[LANG_ID][0] = '\0';
}
static void
input_without_target(struct menu_tree *t)
{
    t->screens[STATUS].action = MENU_ACT_NONE;
}

START_TEST(test_check_errors)
{
    ck_assert_int_eq(check_broken(dangling, "does not exist"), AGENDA);
    ck_assert_int_eq(check_broken(unreachable, "no option leads to this screen"), LANGGANAN);
    ck_assert_int_eq(check_broken(duplicate, "used by another screen"), INFO);
    ck_assert_int_eq(check_broken(both, "both next and action"), INFO);
    ck_assert_int_eq(check_broken(neither, "neither next nor action"), INFO);
    ck_assert_int_eq(check_broken(ten_options, "1 to 9 options"), KOMISI);
    ck_assert_int_eq(check_broken(no_options, "1 to 9 options"), KOMISI);
    ck_assert_int_eq(check_broken(non_gsm7, "Javanese title has a character outside GSM-7"), INFO);
    ck_assert_int_eq(check_broken(no_title, "no title"), INFO);
    ck_assert_int_eq(check_broken(input_without_target, "neither next nor action"), STATUS);
}
END_TEST

/* A screen of exactly 182 characters with its longest prefix passes; one
 * more fails.  Info has 2 options and the footer. */
START_TEST(test_check_length)
{
    char why[256], t[MENU_TEXT_MAX];
    size_t fixed = strlen("Pilihan salah. ") + strlen("\n1 Anggaran\n2 Kontak\n0 Kembali 00 Menu");

    for (int extra = 0; extra <= 1; extra++) {
        size_t n = USSD_SCREEN_MAX - fixed + (size_t)extra;

        build(&tree);
        memset(t, 'x', n);
        t[n] = '\0';
        snprintf(tree.screens[INFO].title.s[LANG_ID], MENU_TEXT_MAX, "%s", t);
        if (extra == 0) {
            ck_assert_int_eq(menu_tree_check(&tree, why, sizeof(why)), -1);
        } else {
            ck_assert_int_eq(menu_tree_check(&tree, why, sizeof(why)), INFO);
            ck_assert(strstr(why, "longer than 182") != NULL);
        }
    }
}
END_TEST

START_TEST(test_actions_names)
{
    enum menu_action a;

    for (int i = 1; i < MENU_ACT__COUNT; i++) {
        ck_assert_int_eq(menu_action_from_name(menu_action_name((enum menu_action)i), &a), 0);
        ck_assert_int_eq(a, i);
    }
    ck_assert_int_eq(menu_action_from_name("agnda", &a), -1);
    ck_assert_int_eq(menu_screen_find(&tree, "status"), STATUS);
    ck_assert_int_eq(menu_screen_find(&tree, "statu"), -1);
}
END_TEST

static Suite *
menu_suite(void)
{
    Suite *s = suite_create("menu");
    TCase *tc = tcase_create("menu");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_home);
    tcase_add_loop_test(tc, test_paths, 0, N(paths));
    tcase_add_test(tc, test_complaint_state);
    tcase_add_test(tc, test_long_text);
    tcase_add_test(tc, test_languages);
    tcase_add_test(tc, test_deep_stack);
    tcase_add_test(tc, test_replay);
    tcase_add_test(tc, test_encode);
    tcase_add_loop_test(tc, test_decode_bad, 0, N(bad_states));
    tcase_add_test(tc, test_result);
    tcase_add_test(tc, test_check_errors);
    tcase_add_test(tc, test_check_length);
    tcase_add_test(tc, test_actions_names);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(menu_suite)
