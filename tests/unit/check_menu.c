/*
 * Unit tests of menus/menu.c: the USSD state machine over every path of
 * the default tree (config/menu_cfg.c, built here by hand), every wrong
 * input at every level, the back stack and its overflow, free text and
 * ticket numbers on both sides of their limits, replaying an aggregator's
 * path, results, every refusal of menu_tree_check() and its screen length
 * on both sides of the limit in each language, and stored states.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "menus/menu.h"
#include "parsers/gsm7.h"
#include "parsers/ticket.h"
#include "tests/unit/check_main.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

enum { HOME, AGENDA, KOMISI, ADUAN, TEKS, KIRIM, STATUS, INFO, LANGGANAN, NSCREENS };

#define SCREEN_MAX 160 /* ussd.screen_max by default */

static struct menu_tree tree;

/* ---- the default tree ------------------------------------------------------ */

static void
text3(struct menu_text *m, const char *id, const char *jv, const char *en)
{
    snprintf(m->s[LANG_ID], MENU_TEXT_MAX, "%s", id);
    snprintf(m->s[LANG_JV], MENU_TEXT_MAX, "%s", jv);
    snprintf(m->s[LANG_EN], MENU_TEXT_MAX, "%s", en);
}

static struct menu_screen *
screen(struct menu_tree *t, int i, const char *id, const char *title, const char *jv,
       const char *en)
{
    struct menu_screen *sc = &t->screens[i];

    snprintf(sc->id, sizeof(sc->id), "%s", id);
    text3(&sc->title, title, jv, en);
    sc->next = -1;
    return sc;
}

static void
option(struct menu_screen *sc, const char *label, const char *jv, const char *en, int next,
       enum menu_action a, const char *arg, const char *set)
{
    struct menu_option *o = &sc->options[sc->noptions++];

    text3(&o->label, label, jv, en);
    o->next = next;
    o->action = a;
    snprintf(o->arg, sizeof(o->arg), "%s", arg);
    snprintf(o->set, sizeof(o->set), "%s", set);
}

/* The built-in menu of config/menu_cfg.c, with the confirmation asking
 * "Kirim aduan: {text}?" so that a title goes on after its {text}. */
static void
build(struct menu_tree *t)
{
    struct menu_screen *s;

    memset(t, 0, sizeof(*t));
    t->nscreens = NSCREENS;
    t->screen_max = SCREEN_MAX;
    s = screen(t, HOME, "home", "DPRD Kab. Mojokerto", "", "");
    option(s, "Agenda sidang", "", "Sessions", AGENDA, MENU_ACT_NONE, "", "");
    option(s, "Sampaikan aduan", "Ngaturaken aduan", "Make a complaint", ADUAN, MENU_ACT_NONE, "",
           "");
    option(s, "Cek status aduan", "", "Complaint status", STATUS, MENU_ACT_NONE, "", "");
    option(s, "Info DPRD", "", "Information", INFO, MENU_ACT_NONE, "", "");
    option(s, "Langganan info SMS", "", "SMS news", LANGGANAN, MENU_ACT_NONE, "", "");
    s = screen(t, AGENDA, "agenda", "Agenda DPRD", "", "DPRD sessions");
    option(s, "Hari ini", "Dinten punika", "Today", -1, MENU_ACT_AGENDA, "hari ini", "");
    option(s, "Minggu ini", "Minggu punika", "This week", -1, MENU_ACT_AGENDA, "minggu ini", "");
    option(s, "Sidang berikutnya", "Sidang salajengipun", "Next sessions", -1, MENU_ACT_AGENDA, "",
           "");
    option(s, "Per komisi", "Miturut komisi", "By komisi", KOMISI, MENU_ACT_NONE, "", "");
    s = screen(t, KOMISI, "agenda_komisi", "Pilih komisi", "Pilih komisi", "Choose a komisi");
    option(s, "Komisi I", "", "", -1, MENU_ACT_AGENDA, "komisi 1", "");
    option(s, "Komisi II", "", "", -1, MENU_ACT_AGENDA, "komisi 2", "");
    option(s, "Komisi III", "", "", -1, MENU_ACT_AGENDA, "komisi 3", "");
    option(s, "Komisi IV", "", "", -1, MENU_ACT_AGENDA, "komisi 4", "");
    s = screen(t, ADUAN, "aduan", "Aduan tentang apa?", "Aduan babagan punapa?",
               "What is it about?");
    option(s, "Jalan & jembatan", "Dalan & kreteg", "Roads & bridges", TEKS, MENU_ACT_NONE, "",
           "jalan");
    option(s, "Air & listrik", "Toya & listrik", "Water & power", TEKS, MENU_ACT_NONE, "",
           "utilitas");
    option(s, "Kesehatan", "Kasarasan", "Health", TEKS, MENU_ACT_NONE, "", "kesehatan");
    option(s, "Pendidikan", "", "Schools", TEKS, MENU_ACT_NONE, "", "pendidikan");
    option(s, "Lainnya", "Sanesipun", "Other", TEKS, MENU_ACT_NONE, "", "lain");
    s = screen(t, TEKS, "aduan_teks", "Tulis aduan Anda: apa dan di mana (desa, RT):",
               "Serat aduan panjenengan: punapa lan wonten pundi (desa, RT):",
               "Write your complaint: what and where (village, RT):");
    s->input = MENU_INPUT_TEXT;
    s->next = KIRIM;
    s = screen(t, KIRIM, "aduan_kirim", "Kirim aduan: {text}?", "Kintun aduan: {text}?",
               "Send complaint: {text}?");
    option(s, "Kirim", "Kintun", "Send", -1, MENU_ACT_COMPLAINT, "", "");
    option(s, "Ubah", "Ewahi", "Change", TEKS, MENU_ACT_NONE, "", "");
    s = screen(t, STATUS, "status", "Ketik no tiket aduan (7 angka):",
               "Ketik nomer tiket aduan (7 angka):", "Type the ticket number (7 digits):");
    s->input = MENU_INPUT_TICKET;
    s->action = MENU_ACT_STATUS;
    s = screen(t, INFO, "info", "Info DPRD", "", "DPRD information");
    option(s, "Anggaran (APBD)", "", "Budget (APBD)", -1, MENU_ACT_INFO, "anggaran", "");
    option(s, "Perda", "", "Regional laws", -1, MENU_ACT_INFO, "perda", "");
    option(s, "Anggota DPRD", "", "Members", -1, MENU_ACT_INFO, "anggota", "");
    option(s, "Kontak", "Kontak", "Contact", -1, MENU_ACT_INFO, "kontak", "");
    s = screen(t, LANGGANAN, "langganan", "Info agenda lewat SMS", "Info agenda lumantar SMS",
               "Session news by SMS");
    option(s, "Daftar", "", "Subscribe", -1, MENU_ACT_SUBSCRIBE, "", "");
    option(s, "Berhenti", "Mandheg", "Stop", -1, MENU_ACT_UNSUBSCRIBE, "", "");
}

/* A valid ticket code, and the same with a wrong check digit.  In paths
 * and patterns, '#' stands for the next digit of the valid code and '?'
 * for the next digit of the wrong one; "T" alone is the valid code and "X"
 * the wrong one. */
static char valid[TICKET_CODE_LEN + 1], wrong[TICKET_CODE_LEN + 1];

static void
setup(void)
{
    char why[256];
    int d = ticket_damm("482193", 6);

    ck_assert_int_ge(d, 0);
    memcpy(valid, "482193", 6);
    valid[6] = (char)('0' + d);
    valid[7] = '\0';
    memcpy(wrong, valid, sizeof(wrong));
    wrong[6] = (char)('0' + (d + 1) % 10);
    ck_assert_ptr_null(ticket_code_check(valid, 7, NULL));
    ck_assert_ptr_nonnull(ticket_code_check(wrong, 7, NULL));
    build(&tree);
    ck_assert_msg(menu_tree_check(&tree, why, sizeof(why)) == -1, "%s", why);
}

static void
expand(const char *in, char *out, size_t outsz)
{
    size_t n = 0, v = 0, w = 0;

    for (; *in != '\0' && n + 8 < outsz; in++) {
        if (*in == 'T' || *in == 'X') {
            memcpy(out + n, *in == 'T' ? valid : wrong, 7);
            n += 7;
        } else if (*in == '#' || *in == '?') {
            out[n++] = *in == '#' ? valid[v++ % 7] : wrong[w++ % 7];
        } else {
            out[n++] = *in;
        }
    }
    out[n] = '\0';
}

/* Walks path from home (inputs joined by '|', so that '*' can be typed;
 * "" is one empty input) and returns the last step. */
static struct menu_step
walk(struct menu_state *st, const char *path, enum lang l)
{
    struct menu_step out;
    char buf[1024];
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

static void
assert_fits(const struct menu_step *out, int limit)
{
    ssize_t n = gsm7_septets(out->screen, strlen(out->screen));

    ck_assert_msg(n >= 0 && n <= limit, "screen of %zd septets: \"%s\"", n, out->screen);
}

/* Encoding a state and decoding it gives it back. */
static void
assert_roundtrip(const struct menu_state *st)
{
    char enc[MENU_STATE_MAX];
    struct menu_state back;

    ck_assert_uint_gt(menu_state_encode(st, enc, sizeof(enc)), 0);
    ck_assert_msg(menu_state_decode(&tree, enc, &back) == 0, "\"%s\" does not decode", enc);
    ck_assert_int_eq(back.screen, st->screen);
    ck_assert_int_eq(back.depth, st->depth);
    ck_assert_mem_eq(back.stack, st->stack, (size_t)st->depth * sizeof(st->stack[0]));
    ck_assert_str_eq(back.set, st->set);
    ck_assert_str_eq(back.text, st->text);
    ck_assert_int_eq(back.ended, st->ended != 0);
}

/* ---- screens and paths ----------------------------------------------------- */

#define F_ID  "\n0 Kembali 00 Menu"
#define F_JV  "\n0 Wangsul 00 Menu"
#define F_EN  "\n0 Back 00 Menu"
#define WRONG "Pilihan salah. "
#define BADT  "Nomor tiket salah. "
#define S_HOME                                                                                     \
    "DPRD Kab. Mojokerto\n1 Agenda sidang\n2 Sampaikan aduan\n3 Cek status aduan\n"                \
    "4 Info DPRD\n5 Langganan info SMS"
#define S_AGENDA "Agenda DPRD\n1 Hari ini\n2 Minggu ini\n3 Sidang berikutnya\n4 Per komisi" F_ID
#define S_KOMISI "Pilih komisi\n1 Komisi I\n2 Komisi II\n3 Komisi III\n4 Komisi IV" F_ID
#define S_ADUAN                                                                                    \
    "Aduan tentang apa?\n1 Jalan & jembatan\n2 Air & listrik\n3 Kesehatan\n4 Pendidikan\n"         \
    "5 Lainnya" F_ID
#define S_TEKS      "Tulis aduan Anda: apa dan di mana (desa, RT):" F_ID
#define S_KIRIM(x)  "Kirim aduan: " x "?\n1 Kirim\n2 Ubah" F_ID
#define S_STATUS    "Ketik no tiket aduan (7 angka):" F_ID
#define S_INFO      "Info DPRD\n1 Anggaran (APBD)\n2 Perda\n3 Anggota DPRD\n4 Kontak" F_ID
#define S_LANGGANAN "Info agenda lewat SMS\n1 Daftar\n2 Berhenti" F_ID

START_TEST(test_home)
{
    static const struct {
        enum lang l;
        const char *screen;
    } cases[] = {
        {LANG_ID, S_HOME},
        {LANG_NONE, S_HOME},
        {(enum lang)99, S_HOME},
        {LANG_JV, "DPRD Kab. Mojokerto\n1 Agenda sidang\n2 Ngaturaken aduan\n3 Cek status aduan\n"
                  "4 Info DPRD\n5 Langganan info SMS"},
        {LANG_EN, "DPRD Kab. Mojokerto\n1 Sessions\n2 Make a complaint\n3 Complaint status\n"
                  "4 Information\n5 SMS news"},
    };
    struct menu_state st;
    struct menu_step out;

    for (size_t i = 0; i < N(cases); i++) {
        memset(&st, 0x5a, sizeof(st));
        memset(&out, 0x5a, sizeof(out));
        menu_home(&tree, &st, cases[i].l, &out);
        ck_assert_str_eq(out.screen, cases[i].screen);
        ck_assert_int_eq(out.action, MENU_ACT_NONE);
        ck_assert_int_eq(out.end, 0);
        ck_assert_int_eq(st.screen, HOME);
        ck_assert_int_eq(st.depth, 0);
        ck_assert_int_eq(st.ended, 0);
        ck_assert_str_eq(st.set, "");
        ck_assert_str_eq(st.text, "");
    }
}
END_TEST

/* Every path of the tree: the inputs, where the state is then, and what
 * the last input gives: a screen (exactly) or an action. */
static const struct {
    const char *path;
    enum lang l;
    int screen, depth; /* the state after it */
    const char *set;
    enum menu_action action;
    const char *arg, *input; /* the action's */
    int end;
    const char *shown; /* the screen, when no action */
} paths[] = {
    /* home */
    {"", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, WRONG S_HOME},
    {"   ", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, WRONG S_HOME},
    {"0", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"00", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"6", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, WRONG S_HOME},
    {"9", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, WRONG S_HOME},
    {"11", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, WRONG S_HOME},
    {"01", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, WRONG S_HOME},
    {"000", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, WRONG S_HOME},
    {"a", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, WRONG S_HOME},
    {"1 2", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, WRONG S_HOME},
    {"6|1", LANG_ID, AGENDA, 1, "", MENU_ACT_NONE, "", "", 0, S_AGENDA},
    /* 1 Agenda */
    {"1", LANG_ID, AGENDA, 1, "", MENU_ACT_NONE, "", "", 0, S_AGENDA},
    {" 1\r\n", LANG_ID, AGENDA, 1, "", MENU_ACT_NONE, "", "", 0, S_AGENDA},
    {"1|1", LANG_ID, AGENDA, 1, "", MENU_ACT_AGENDA, "hari ini", "", 0, NULL},
    {"1|2", LANG_ID, AGENDA, 1, "", MENU_ACT_AGENDA, "minggu ini", "", 0, NULL},
    {"1|3", LANG_ID, AGENDA, 1, "", MENU_ACT_AGENDA, "", "", 0, NULL},
    {"1|4", LANG_ID, KOMISI, 2, "", MENU_ACT_NONE, "", "", 0, S_KOMISI},
    {"1|5", LANG_ID, AGENDA, 1, "", MENU_ACT_NONE, "", "", 0, WRONG S_AGENDA},
    {"1|", LANG_ID, AGENDA, 1, "", MENU_ACT_NONE, "", "", 0, WRONG S_AGENDA},
    {"1|0", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"1|00", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"1|4|1", LANG_ID, KOMISI, 2, "", MENU_ACT_AGENDA, "komisi 1", "", 0, NULL},
    {"1|4|2", LANG_ID, KOMISI, 2, "", MENU_ACT_AGENDA, "komisi 2", "", 0, NULL},
    {"1|4|3", LANG_ID, KOMISI, 2, "", MENU_ACT_AGENDA, "komisi 3", "", 0, NULL},
    {"1|4|4", LANG_ID, KOMISI, 2, "", MENU_ACT_AGENDA, "komisi 4", "", 0, NULL},
    {"1|4|5", LANG_ID, KOMISI, 2, "", MENU_ACT_NONE, "", "", 0, WRONG S_KOMISI},
    {"1|4|", LANG_ID, KOMISI, 2, "", MENU_ACT_NONE, "", "", 0, WRONG S_KOMISI},
    {"1|4|0", LANG_ID, AGENDA, 1, "", MENU_ACT_NONE, "", "", 0, S_AGENDA},
    {"1|4|0|0", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"1|4|00", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    /* after an action's result, the input is read on the screen it came from */
    {"1|1|2", LANG_ID, AGENDA, 1, "", MENU_ACT_AGENDA, "minggu ini", "", 0, NULL},
    {"1|1|0", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"1|1|00", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"1|1|x", LANG_ID, AGENDA, 1, "", MENU_ACT_NONE, "", "", 0, WRONG S_AGENDA},
    {"1|4|3|0", LANG_ID, AGENDA, 1, "", MENU_ACT_NONE, "", "", 0, S_AGENDA},
    /* 2 Sampaikan aduan */
    {"2", LANG_ID, ADUAN, 1, "", MENU_ACT_NONE, "", "", 0, S_ADUAN},
    {"2|1", LANG_ID, TEKS, 2, "jalan", MENU_ACT_NONE, "", "", 0, S_TEKS},
    {"2|2", LANG_ID, TEKS, 2, "utilitas", MENU_ACT_NONE, "", "", 0, S_TEKS},
    {"2|3", LANG_ID, TEKS, 2, "kesehatan", MENU_ACT_NONE, "", "", 0, S_TEKS},
    {"2|4", LANG_ID, TEKS, 2, "pendidikan", MENU_ACT_NONE, "", "", 0, S_TEKS},
    {"2|5", LANG_ID, TEKS, 2, "lain", MENU_ACT_NONE, "", "", 0, S_TEKS},
    {"2|6", LANG_ID, ADUAN, 1, "", MENU_ACT_NONE, "", "", 0, WRONG S_ADUAN},
    {"2|", LANG_ID, ADUAN, 1, "", MENU_ACT_NONE, "", "", 0, WRONG S_ADUAN},
    {"2|0", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"2|00", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"2|1|", LANG_ID, TEKS, 2, "jalan", MENU_ACT_NONE, "", "", 0, WRONG S_TEKS},
    {"2|1| \t ", LANG_ID, TEKS, 2, "jalan", MENU_ACT_NONE, "", "", 0, WRONG S_TEKS},
    {"2|1|0", LANG_ID, ADUAN, 1, "jalan", MENU_ACT_NONE, "", "", 0, S_ADUAN},
    {"2|1|  0  ", LANG_ID, ADUAN, 1, "jalan", MENU_ACT_NONE, "", "", 0, S_ADUAN},
    {"2|1|00", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"2|1|jalan rusak", LANG_ID, KIRIM, 3, "jalan", MENU_ACT_NONE, "", "", 0,
     S_KIRIM("jalan rusak")},
    {"2|1|  jalan rusak \r\n", LANG_ID, KIRIM, 3, "jalan", MENU_ACT_NONE, "", "", 0,
     S_KIRIM("jalan rusak")},
    {"2|1|5", LANG_ID, KIRIM, 3, "jalan", MENU_ACT_NONE, "", "", 0, S_KIRIM("5")},
    {"2|1|jalan rusak|1", LANG_ID, KIRIM, 3, "jalan", MENU_ACT_COMPLAINT, "", "jalan rusak", 1,
     NULL},
    {"2|4|sekolah roboh|1", LANG_ID, KIRIM, 3, "pendidikan", MENU_ACT_COMPLAINT, "",
     "sekolah roboh", 1, NULL},
    {"2|1|jalan rusak|2", LANG_ID, TEKS, 4, "jalan", MENU_ACT_NONE, "", "", 0, S_TEKS},
    {"2|1|jalan rusak|2|lampu mati", LANG_ID, KIRIM, 5, "jalan", MENU_ACT_NONE, "", "", 0,
     S_KIRIM("lampu mati")},
    {"2|1|jalan rusak|2|lampu mati|1", LANG_ID, KIRIM, 5, "jalan", MENU_ACT_COMPLAINT, "",
     "lampu mati", 1, NULL},
    {"2|1|jalan rusak|3", LANG_ID, KIRIM, 3, "jalan", MENU_ACT_NONE, "", "", 0,
     WRONG S_KIRIM("jalan rusak")},
    {"2|1|jalan rusak|", LANG_ID, KIRIM, 3, "jalan", MENU_ACT_NONE, "", "", 0,
     WRONG S_KIRIM("jalan rusak")},
    {"2|1|jalan rusak|0", LANG_ID, TEKS, 2, "jalan", MENU_ACT_NONE, "", "", 0, S_TEKS},
    {"2|1|jalan rusak|0|0|0", LANG_ID, HOME, 0, "jalan", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"2|1|jalan rusak|00", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"2|1|jalan rusak|2|0", LANG_ID, KIRIM, 3, "jalan", MENU_ACT_NONE, "", "", 0,
     S_KIRIM("jalan rusak")},
    /* a complaint ends the session: what comes next starts again at home */
    {"2|1|jalan rusak|1|1", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"2|1|jalan rusak|1|00", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"2|1|jalan rusak|1|1|1", LANG_ID, AGENDA, 1, "", MENU_ACT_NONE, "", "", 0, S_AGENDA},
    /* 3 Cek status */
    {"3", LANG_ID, STATUS, 1, "", MENU_ACT_NONE, "", "", 0, S_STATUS},
    {"3|T", LANG_ID, STATUS, 1, "", MENU_ACT_STATUS, "", "T", 0, NULL},
    {"3|###-####", LANG_ID, STATUS, 1, "", MENU_ACT_STATUS, "", "T", 0, NULL},
    {"3|X", LANG_ID, STATUS, 1, "", MENU_ACT_NONE, "", "", 0, BADT S_STATUS},
    {"3|", LANG_ID, STATUS, 1, "", MENU_ACT_NONE, "", "", 0, BADT S_STATUS},
    {"3|1", LANG_ID, STATUS, 1, "", MENU_ACT_NONE, "", "", 0, BADT S_STATUS},
    {"3|0", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"3|00", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"3|X|T", LANG_ID, STATUS, 1, "", MENU_ACT_STATUS, "", "T", 0, NULL},
    {"3|T|T", LANG_ID, STATUS, 1, "", MENU_ACT_STATUS, "", "T", 0, NULL},
    {"3|T|X", LANG_ID, STATUS, 1, "", MENU_ACT_NONE, "", "", 0, BADT S_STATUS},
    {"3|T|0", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"3|T|00", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    /* 4 Info */
    {"4", LANG_ID, INFO, 1, "", MENU_ACT_NONE, "", "", 0, S_INFO},
    {"4|1", LANG_ID, INFO, 1, "", MENU_ACT_INFO, "anggaran", "", 0, NULL},
    {"4|2", LANG_ID, INFO, 1, "", MENU_ACT_INFO, "perda", "", 0, NULL},
    {"4|3", LANG_ID, INFO, 1, "", MENU_ACT_INFO, "anggota", "", 0, NULL},
    {"4|4", LANG_ID, INFO, 1, "", MENU_ACT_INFO, "kontak", "", 0, NULL},
    {"4|5", LANG_ID, INFO, 1, "", MENU_ACT_NONE, "", "", 0, WRONG S_INFO},
    {"4|", LANG_ID, INFO, 1, "", MENU_ACT_NONE, "", "", 0, WRONG S_INFO},
    {"4|0", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"4|00", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    /* 5 Langganan */
    {"5", LANG_ID, LANGGANAN, 1, "", MENU_ACT_NONE, "", "", 0, S_LANGGANAN},
    {"5|1", LANG_ID, LANGGANAN, 1, "", MENU_ACT_SUBSCRIBE, "", "", 0, NULL},
    {"5|2", LANG_ID, LANGGANAN, 1, "", MENU_ACT_UNSUBSCRIBE, "", "", 0, NULL},
    {"5|3", LANG_ID, LANGGANAN, 1, "", MENU_ACT_NONE, "", "", 0, WRONG S_LANGGANAN},
    {"5|", LANG_ID, LANGGANAN, 1, "", MENU_ACT_NONE, "", "", 0, WRONG S_LANGGANAN},
    {"5|0", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    {"5|00", LANG_ID, HOME, 0, "", MENU_ACT_NONE, "", "", 0, S_HOME},
    /* other languages, and the fall back to Indonesian per string */
    {"1", LANG_JV, AGENDA, 1, "", MENU_ACT_NONE, "", "", 0,
     "Agenda DPRD\n1 Dinten punika\n2 Minggu punika\n3 Sidang salajengipun\n4 Miturut komisi" F_JV},
    {"1|9", LANG_JV, AGENDA, 1, "", MENU_ACT_NONE, "", "", 0,
     "Pilihan lepat. Agenda DPRD\n1 Dinten punika\n2 Minggu punika\n3 Sidang salajengipun\n"
     "4 Miturut komisi" F_JV},
    {"1", LANG_EN, AGENDA, 1, "", MENU_ACT_NONE, "", "", 0,
     "DPRD sessions\n1 Today\n2 This week\n3 Next sessions\n4 By komisi" F_EN},
    {"1|4", LANG_EN, KOMISI, 2, "", MENU_ACT_NONE, "", "", 0,
     "Choose a komisi\n1 Komisi I\n2 Komisi II\n3 Komisi III\n4 Komisi IV" F_EN},
    {"9", LANG_EN, HOME, 0, "", MENU_ACT_NONE, "", "", 0,
     "Wrong choice. DPRD Kab. Mojokerto\n1 Sessions\n2 Make a complaint\n3 Complaint status\n"
     "4 Information\n5 SMS news"},
    {"2|4", LANG_JV, TEKS, 2, "pendidikan", MENU_ACT_NONE, "", "", 0,
     "Serat aduan panjenengan: punapa lan wonten pundi (desa, RT):" F_JV},
    {"2|2|air mati", LANG_EN, KIRIM, 3, "utilitas", MENU_ACT_NONE, "", "", 0,
     "Send complaint: air mati?\n1 Send\n2 Change" F_EN},
    {"2|2|air mati|7", LANG_JV, KIRIM, 3, "utilitas", MENU_ACT_NONE, "", "", 0,
     "Pilihan lepat. Kintun aduan: air mati?\n1 Kintun\n2 Ewahi" F_JV},
    {"3|X", LANG_JV, STATUS, 1, "", MENU_ACT_NONE, "", "", 0,
     "Nomer tiket lepat. Ketik nomer tiket aduan (7 angka):" F_JV},
    {"3|X", LANG_EN, STATUS, 1, "", MENU_ACT_NONE, "", "", 0,
     "Wrong ticket number. Type the ticket number (7 digits):" F_EN},
    {"4", LANG_JV, INFO, 1, "", MENU_ACT_NONE, "", "", 0,
     "Info DPRD\n1 Anggaran (APBD)\n2 Perda\n3 Anggota DPRD\n4 Kontak" F_JV},
    {"5", LANG_NONE, LANGGANAN, 1, "", MENU_ACT_NONE, "", "", 0, S_LANGGANAN},
    {"5|1", LANG_EN, LANGGANAN, 1, "", MENU_ACT_SUBSCRIBE, "", "", 0, NULL},
};

START_TEST(test_paths)
{
    struct menu_state st;
    struct menu_step out = walk(&st, paths[_i].path, paths[_i].l);
    char want[64];

    ck_assert_msg(out.action == paths[_i].action, "%s: action %d", paths[_i].path, out.action);
    ck_assert_int_eq(out.end, paths[_i].end);
    ck_assert_int_eq(st.ended, paths[_i].end);
    ck_assert_msg(st.screen == paths[_i].screen && st.depth == paths[_i].depth,
                  "%s: screen %d depth %d", paths[_i].path, st.screen, st.depth);
    ck_assert_str_eq(st.set, paths[_i].set);
    ck_assert_str_eq(out.arg, paths[_i].arg);
    expand(paths[_i].input, want, sizeof(want));
    ck_assert_str_eq(out.input, want);
    if (paths[_i].shown == NULL) {
        ck_assert_str_eq(out.screen, "");
    } else {
        ck_assert_str_eq(out.screen, paths[_i].shown);
        assert_fits(&out, SCREEN_MAX);
    }
    assert_roundtrip(&st);
}
END_TEST

/* The stack: each screen pushes the one it came from, "0" pops, and past
 * MENU_DEPTH_MAX the oldest is forgotten.  The walk goes home, aduan, then
 * back and forth between the text and its confirmation. */
static const struct {
    int rounds; /* text typed and "2 Ubah" chosen, each twice deeper */
    int extra;  /* then one more text typed */
    int depth, bottom, screen;
} stacks[] = {
    {6, 0, 14, HOME, TEKS},
    {7, 0, MENU_DEPTH_MAX, HOME, TEKS},
    {7, 1, MENU_DEPTH_MAX, ADUAN, KIRIM},
    {8, 0, MENU_DEPTH_MAX, TEKS, TEKS},
    {40, 1, MENU_DEPTH_MAX, KIRIM, KIRIM},
};

START_TEST(test_stack)
{
    struct menu_state st;
    struct menu_step out = walk(&st, "2|1", LANG_ID);
    int pops;

    for (int i = 0; i < stacks[_i].rounds; i++) {
        menu_step(&tree, &st, "lampu mati", 10, LANG_ID, &out);
        menu_step(&tree, &st, "2", 1, LANG_ID, &out);
    }
    if (stacks[_i].extra)
        menu_step(&tree, &st, "lampu mati", 10, LANG_ID, &out);
    ck_assert_int_eq(st.depth, stacks[_i].depth);
    ck_assert_int_eq(st.stack[0], stacks[_i].bottom);
    ck_assert_int_eq(st.screen, stacks[_i].screen);
    assert_roundtrip(&st);
    /* "0" as often as there are screens on the stack leads to the oldest
     * one remembered; one more "0" leads home. */
    for (pops = 0; pops < stacks[_i].depth; pops++) {
        menu_step(&tree, &st, "0", 1, LANG_ID, &out);
        ck_assert_int_eq(out.action, MENU_ACT_NONE);
    }
    ck_assert_int_eq(st.screen, stacks[_i].bottom);
    ck_assert_int_eq(st.depth, 0);
    menu_step(&tree, &st, "0", 1, LANG_ID, &out);
    ck_assert_int_eq(st.screen, HOME);
    ck_assert_str_eq(out.screen, S_HOME);
}
END_TEST

/* Ticket numbers as typed on the status screen: '#' the digits of a valid
 * code, '?' those of a wrong one. */
static const struct {
    const char *typed;
    int ok;
} tickets[] = {
    {"#######", 1},         {"  #######  ", 1},   {"### ####", 1}, {"###-####", 1},
    {"### - ####", 1},      {"#-#-#-#-#-#-#", 1}, {"??????", 0}, /* 6 digits */
    {"######", 0},                                               /* 6 digits */
    {"#######0", 0},                                             /* 8 digits */
    {"0#######", 0},                                             /* 8 digits */
    {"???????", 0},                                              /* wrong check digit */
    {"###.####", 0},                                             /* a dot */
    {"###/####", 0},                                             /* a slash */
    {"###a####", 0},                                             /* a letter */
    {"#######\xc2\xa0", 0},                                      /* a no-break space */
    {"-------", 0},         {" - ", 0},
};

START_TEST(test_tickets)
{
    struct menu_state st;
    struct menu_step out;
    char typed[64];

    expand(tickets[_i].typed, typed, sizeof(typed));
    walk(&st, "3", LANG_ID);
    menu_step(&tree, &st, typed, strlen(typed), LANG_ID, &out);
    if (tickets[_i].ok) {
        ck_assert_int_eq(out.action, MENU_ACT_STATUS);
        ck_assert_str_eq(out.input, valid);
        ck_assert_str_eq(st.text, valid);
        ck_assert_str_eq(out.screen, "");
    } else {
        ck_assert_int_eq(out.action, MENU_ACT_NONE);
        ck_assert_str_eq(out.input, "");
        ck_assert_str_eq(out.screen, BADT S_STATUS);
        ck_assert_str_eq(st.text, "");
    }
    ck_assert_int_eq(st.screen, STATUS);
    ck_assert_int_eq(out.end, 0);
}
END_TEST

/* Free text on the complaint screen: trimmed, cut at MENU_INPUT_MAX bytes
 * on a character boundary, ended at a NUL.  "a*N" is N letters a. */
static const struct {
    const char *head; /* before the a's */
    size_t as;        /* letters a */
    const char *tail; /* after them */
    size_t nul;       /* a NUL at this byte of the input, if > 0 */
    size_t kept;      /* bytes of st->text, 0: an empty input */
    const char *end;  /* how the text kept ends */
} texts[] = {
    {"", 1, "", 0, 1, "a"},
    {"", 159, "", 0, 159, "a"},
    {"", 160, "", 0, 160, "a"},
    {"", 161, "", 0, 160, "a"},
    {"", 400, "", 0, 160, "a"},
    {"   ", 160, "   ", 0, 160, "a"},           /* spaces around do not count */
    {"", 158, "\xc3\xa9", 0, 160, "a\xc3\xa9"}, /* 160 bytes, the last a 2-byte character */
    {"", 159, "\xc3\xa9", 0, 159, "a"},         /* 161: the character is not cut */
    {"", 156, "\xf0\x9f\x99\x8f", 0, 160, "\xf0\x9f\x99\x8f"},
    {"", 157, "\xf0\x9f\x99\x8f", 0, 157, "a"},
    {"", 158, "\xf0\x9f\x99\x8f", 0, 158, "a"},
    {"", 159, " b", 0, 159, "a"}, /* cut after a space: trimmed */
    {"jalan", 0, "\tSooko ", 0, 11, "Sooko"},
    {"jalan", 0, " rusak", 6, 5, "jalan"}, /* a NUL ends the input */
    {"", 0, "\x01", 0, 1, "\x01"},         /* kept as typed; shown transliterated */
    {"", 0, " x", 1, 0, ""},
    {"", 0, " \r\n", 0, 0, ""},
};

START_TEST(test_texts)
{
    char in[512];
    size_t n = 0;
    struct menu_state st;
    struct menu_step out;

    n += (size_t)snprintf(in, sizeof(in), "%s", texts[_i].head);
    memset(in + n, 'a', texts[_i].as);
    n += texts[_i].as;
    n += (size_t)snprintf(in + n, sizeof(in) - n, "%s", texts[_i].tail);
    if (texts[_i].nul > 0)
        in[texts[_i].nul] = '\0';
    walk(&st, "2|1", LANG_ID);
    menu_step(&tree, &st, in, n, LANG_ID, &out);
    ck_assert_uint_eq(strlen(st.text), texts[_i].kept);
    if (texts[_i].kept == 0) {
        ck_assert_int_eq(st.screen, TEKS);
        ck_assert_str_eq(out.screen, WRONG S_TEKS);
        return;
    }
    ck_assert_int_eq(st.screen, KIRIM);
    ck_assert(st.text[0] != ' ');
    ck_assert_str_eq(st.text + strlen(st.text) - strlen(texts[_i].end), texts[_i].end);
    ck_assert(strncmp(out.screen, "Kirim aduan: ", 13) == 0);
    ck_assert(strstr(out.screen, "?\n1 Kirim\n2 Ubah" F_ID) != NULL);
    assert_fits(&out, SCREEN_MAX);
    assert_roundtrip(&st);
}
END_TEST

/*
 * {text} gets the room the rest of the screen leaves, cut at a word: the
 * confirmation takes 47 characters without it ("Kirim aduan: " and "?",
 * its options and footer), so 113 of 160 are left, and 98 after "Pilihan
 * salah. ".  The text is words "kata01 kata02 ...", 7 characters apart.
 */
static const struct {
    int words;  /* typed */
    int wrong;  /* then a wrong choice */
    int limit;  /* screen_max */
    int shown;  /* words shown */
    int dotted; /* with ".." after them */
} holes[] = {
    {16, 0, 160, 16, 0}, /* 111 characters: all */
    {17, 0, 160, 16, 1}, /* 118: 16 words and ".." make 113 */
    {14, 1, 160, 14, 0}, /* 97 of 98 */
    {15, 1, 160, 13, 1}, /* 104: 14 words and ".." would be 99 */
    {19, 0, 182, 19, 0}, /* 132 of 135 */
    {20, 0, 182, 19, 1}, /* 139: 19 words and ".." make 134 */
    {22, 0, 0, 19, 1},   /* screen_max 0 is 182 */
};

START_TEST(test_hole)
{
    char text[256] = "", want[512] = "Kirim aduan: ";
    struct menu_state st;
    struct menu_step out;
    size_t n = 0, w = strlen(want);

    tree.screen_max = holes[_i].limit;
    for (int i = 1; i <= holes[_i].words; i++)
        n += (size_t)snprintf(text + n, sizeof(text) - n, "%skata%02d", i > 1 ? " " : "", i);
    for (int i = 1; i <= holes[_i].shown; i++)
        w += (size_t)snprintf(want + w, sizeof(want) - w, "%skata%02d", i > 1 ? " " : "", i);
    snprintf(want + w, sizeof(want) - w, "%s?\n1 Kirim\n2 Ubah" F_ID, holes[_i].dotted ? ".." : "");
    if (holes[_i].wrong) {
        memmove(want + strlen(WRONG), want, strlen(want) + 1);
        memcpy(want, WRONG, strlen(WRONG));
    }
    walk(&st, "2|1", LANG_ID);
    menu_step(&tree, &st, text, n, LANG_ID, &out);
    if (holes[_i].wrong)
        menu_step(&tree, &st, "3", 1, LANG_ID, &out);
    ck_assert_str_eq(st.text, text);
    ck_assert_str_eq(out.screen, want);
    assert_fits(&out, holes[_i].limit > 0 ? holes[_i].limit : USSD_SCREEN_MAX);
}
END_TEST

/* An aggregator's path replayed gives what the same inputs give one by
 * one: an action in the middle is passed, and a complaint in the middle
 * ends that session. */
static const char *const replays[] = {
    "1",
    "1*4*3",
    "1*1*2",
    "1*4*3*0*00*2",
    "2*1*jalan rusak",
    "2*1*jalan rusak*2*lampu mati*1",
    "2*1*jalan rusak*1*5*1",
    "2*1*jalan*rusak",
    "2*1*jalan*0*0*00*5",
    "3*T",
    "3*X*X*T*0",
    "9*9*4*4",
    "*",
    "**1",
};

START_TEST(test_replay)
{
    struct menu_state a, b;
    struct menu_step x, y;
    char path[256], bars[256];

    expand(replays[_i], path, sizeof(path));
    snprintf(bars, sizeof(bars), "%s", replays[_i]);
    for (char *c = bars; *c != '\0'; c++)
        if (*c == '*')
            *c = '|';
    x = walk(&a, bars, LANG_JV);
    memset(&b, 0x5a, sizeof(b));
    menu_replay(&tree, &b, path, strlen(path), LANG_JV, &y);
    ck_assert_int_eq(a.screen, b.screen);
    ck_assert_int_eq(a.depth, b.depth);
    ck_assert_mem_eq(a.stack, b.stack, (size_t)a.depth * sizeof(a.stack[0]));
    ck_assert_str_eq(a.text, b.text);
    ck_assert_str_eq(a.set, b.set);
    ck_assert_int_eq(a.ended, b.ended);
    ck_assert_int_eq(x.action, y.action);
    ck_assert_str_eq(x.arg, y.arg);
    ck_assert_str_eq(x.input, y.input);
    ck_assert_str_eq(x.screen, y.screen);
    ck_assert_int_eq(x.end, y.end);
}
END_TEST

/* An empty path is a new session: home, no input taken. */
START_TEST(test_replay_empty)
{
    struct menu_state st;
    struct menu_step out;

    menu_replay(&tree, &st, "", 0, LANG_ID, &out);
    ck_assert_int_eq(st.screen, HOME);
    ck_assert_str_eq(out.screen, S_HOME);
    menu_replay(&tree, &st, "1", 0, LANG_ID, &out); /* only len counts */
    ck_assert_str_eq(out.screen, S_HOME);
    menu_replay(&tree, &st, "1*4", 1, LANG_ID, &out);
    ck_assert_str_eq(out.screen, S_AGENDA);
}
END_TEST

/* A state that menu_step() cannot have made starts again at home. */
START_TEST(test_bad_state)
{
    struct menu_state st;
    struct menu_step out;

    for (int c = 0; c < 7; c++) {
        walk(&st, "1|4", LANG_ID);
        switch (c) {
        case 0:
            st.screen = -1;
            break;
        case 1:
            st.screen = NSCREENS;
            break;
        case 2:
            st.depth = -1;
            break;
        case 3:
            st.depth = MENU_DEPTH_MAX + 1;
            break;
        case 4:
            st.stack[1] = NSCREENS;
            break;
        case 5:
            memset(st.text, 'a', sizeof(st.text));
            break;
        default:
            memset(st.set, 'a', sizeof(st.set));
            break;
        }
        menu_step(&tree, &st, "1", 1, LANG_ID, &out);
        ck_assert_str_eq(out.screen, S_HOME);
        ck_assert_int_eq(st.screen, HOME);
        ck_assert_int_eq(st.depth, 0);
    }
    /* The same depth with every index in range is a state like any other. */
    walk(&st, "1|4", LANG_ID);
    st.depth = MENU_DEPTH_MAX;
    menu_step(&tree, &st, "0", 1, LANG_ID, &out);
    ck_assert_int_eq(st.depth, MENU_DEPTH_MAX - 1);
}
END_TEST

/* ---- results --------------------------------------------------------------- */

static const struct {
    const char *text; /* "a*N": N letters a */
    int end;
    enum lang l;
    int limit;
    const char *want; /* "a*N" again, then what follows */
} results[] = {
    {"Tiket 4821935: Sedang diproses", 0, LANG_ID, 160,
     "Tiket 4821935: Sedang diproses\n0 Kembali 00 Menu"},
    {"Tiket 4821935: Sedang diproses", 1, LANG_ID, 160, "Tiket 4821935: Sedang diproses"},
    {"Tiket 4821935: Sedang diproses", 0, LANG_JV, 160,
     "Tiket 4821935: Sedang diproses\n0 Wangsul 00 Menu"},
    {"Tiket 4821935: Sedang diproses", 0, LANG_EN, 160,
     "Tiket 4821935: Sedang diproses\n0 Back 00 Menu"},
    {"Tiket 4821935: Sedang diproses", 0, LANG_NONE, 160,
     "Tiket 4821935: Sedang diproses\n0 Kembali 00 Menu"},
    {"", 0, LANG_EN, 160, "0 Back 00 Menu"},
    {"", 1, LANG_EN, 160, ""},
    {"  Aduan tercatat  ", 1, LANG_ID, 160, "Aduan tercatat"},
    {"Agenda \xe2\x80\x9cRapat\xe2\x80\x9d \xe2\x80\x93 Komisi III\xe2\x80\xa6 Terima kasih "
     "\xf0\x9f\x99\x8f",
     0, LANG_ID, 160, "Agenda \"Rapat\" - Komisi III... Terima kasih\n0 Kembali 00 Menu"},
    {"Rapat 12/3\nRapat 19/3", 1, LANG_ID, 160, "Rapat 12/3\nRapat 19/3"},
    /* 160 with the footer (18): 142 for the text */
    {"a*142", 0, LANG_ID, 160, "a*142\n0 Kembali 00 Menu"},
    {"a*143", 0, LANG_ID, 160, "a*140..\n0 Kembali 00 Menu"},
    {"a*160", 1, LANG_ID, 160, "a*160"},
    {"a*161", 1, LANG_ID, 160, "a*158.."},
    {"a*167", 0, LANG_EN, 0, "a*167\n0 Back 00 Menu"},
    {"a*168", 0, LANG_EN, 0, "a*165..\n0 Back 00 Menu"},
    {"a*182", 1, LANG_ID, 182, "a*182"},
    {"a*183", 1, LANG_ID, 182, "a*180.."},
    {"Aduan tercatat, no tiket 4821935. a*130", 0, LANG_ID, 160,
     "Aduan tercatat, no tiket 4821935..\n0 Kembali 00 Menu"},
};

/* Expands "a*N" in s into N letters a. */
static void
expand_as(const char *s, char *out, size_t outsz)
{
    const char *star = strstr(s, "a*");
    size_t n = 0;
    char *end;
    long as;

    if (star == NULL) {
        snprintf(out, outsz, "%s", s);
        return;
    }
    n = (size_t)(star - s);
    memcpy(out, s, n);
    as = strtol(star + 2, &end, 10);
    memset(out + n, 'a', (size_t)as);
    snprintf(out + n + (size_t)as, outsz - n - (size_t)as, "%s", end);
}

START_TEST(test_result)
{
    char text[512], want[512], out[USSD_SCREEN_MAX * 4 + 1];
    size_t n;

    expand_as(results[_i].text, text, sizeof(text));
    expand_as(results[_i].want, want, sizeof(want));
    tree.screen_max = results[_i].limit;
    memset(out, 'x', sizeof(out));
    n = menu_result(&tree, text, results[_i].end, results[_i].l, out, sizeof(out));
    ck_assert_str_eq(out, want);
    ck_assert_uint_eq(n, strlen(want));
    ck_assert_int_le(gsm7_septets(out, n), results[_i].limit > 0 ? results[_i].limit : 182);
}
END_TEST

/* A small buffer gets a shorter text, and the footer when it has room for
 * it (a text of 21 bytes and the footer in 40). */
START_TEST(test_result_small)
{
    char out[40];

    ck_assert_uint_eq(menu_result(&tree, "Tiket 4821935: Sedang diproses", 0, LANG_ID, out, 0), 0);
    menu_result(&tree, "Tiket 4821935: Sedang diproses", 0, LANG_ID, out, sizeof(out));
    ck_assert_str_eq(out, "Tiket 4821935..\n0 Kembali 00 Menu");
    menu_result(&tree, "Tiket 4821935: Sedang diproses", 0, LANG_ID, out, 10);
    ck_assert_str_eq(out, "Tiket..");
}
END_TEST

/* ---- stored states --------------------------------------------------------- */

static const struct {
    const char *path; /* walked in Indonesian */
    const char *enc;
} encodings[] = {
    {NULL, "v1;s=0;k=;e=0;c=;t="},
    {"1|4", "v1;s=2;k=0.1;e=0;c=;t="},
    {"2|1|jalan rusak di Sooko", "v1;s=5;k=0.3.4;e=0;c=jalan;t=jalan+rusak+di+Sooko"},
    {"2|2|air mati; 100% + \"kotor\"|1",
     "v1;s=5;k=0.3.4;e=1;c=utilitas;t=air+mati%3B+100%25+%2B+\"kotor\""},
    {"2|5|caf\xc3\xa9", "v1;s=5;k=0.3.4;e=0;c=lain;t=caf%C3%A9"},
    /* more bytes to escape than not: hex is shorter */
    {"2|5|\xea\xa6\x97\xea\xa6\xad", "v1;s=5;k=0.3.4;e=0;c=lain;T=EAA697EAA6AD"},
    {"2|5|a;;;", "v1;s=5;k=0.3.4;e=0;c=lain;T=613B3B3B"}, /* 10 > 8 */
    {"2|5|aa;;", "v1;s=5;k=0.3.4;e=0;c=lain;t=aa%3B%3B"}, /* 8 = 8: percent */
    {"3|T", "v1;s=6;k=0;e=0;c=;t=4821935"},
};

START_TEST(test_encode)
{
    struct menu_state st;
    char enc[MENU_STATE_MAX], want[MENU_STATE_MAX];

    if (encodings[_i].path == NULL)
        menu_state_start(&st);
    else
        walk(&st, encodings[_i].path, LANG_ID);
    snprintf(want, sizeof(want), "%s", encodings[_i].enc);
    ck_assert_uint_eq(menu_state_encode(&st, enc, sizeof(enc)), strlen(want));
    ck_assert_str_eq(enc, want);
    for (const char *c = enc; *c != '\0'; c++)
        ck_assert(*c > ' ' && *c < 0x7f);
    assert_roundtrip(&st);
    /* Too small a buffer gets "" rather than a part. */
    ck_assert_uint_eq(menu_state_encode(&st, enc, strlen(want)), 0);
    ck_assert_str_eq(enc, "");
    ck_assert_uint_eq(menu_state_encode(&st, enc, strlen(want) + 1), strlen(want));
}
END_TEST

/* The longest state fits MENU_STATE_MAX and comes back whole from a tree
 * of MENU_SCREEN_MAX screens. */
START_TEST(test_encode_longest)
{
    static struct menu_tree big;
    struct menu_state st, back;
    char enc[MENU_STATE_MAX];
    size_t n;

    memset(&big, 0, sizeof(big));
    big.nscreens = MENU_SCREEN_MAX;
    menu_state_start(&st);
    st.screen = MENU_SCREEN_MAX - 1;
    st.depth = MENU_DEPTH_MAX;
    for (int i = 0; i < MENU_DEPTH_MAX; i++)
        st.stack[i] = MENU_SCREEN_MAX - 1;
    memset(st.set, 0xc3, sizeof(st.set) - 1);
    memset(st.text, 0xe2, sizeof(st.text) - 1);
    st.ended = 1;
    n = menu_state_encode(&st, enc, sizeof(enc));
    ck_assert_uint_eq(n, 449);
    ck_assert_int_eq(menu_state_decode(&big, enc, &back), 0);
    ck_assert_mem_eq(&back.stack, &st.stack, sizeof(st.stack));
    ck_assert_str_eq(back.set, st.set);
    ck_assert_str_eq(back.text, st.text);
    /* The same screens are out of range of the default tree. */
    ck_assert_int_eq(menu_state_decode(&tree, enc, &back), -1);
    /* A state that is not one encodes as "". */
    st.depth = MENU_DEPTH_MAX + 1;
    ck_assert_uint_eq(menu_state_encode(&st, enc, sizeof(enc)), 0);
    st.depth = 0;
    st.screen = MENU_SCREEN_MAX;
    ck_assert_uint_eq(menu_state_encode(&st, enc, sizeof(enc)), 0);
    st.screen = -1;
    ck_assert_uint_eq(menu_state_encode(&st, enc, sizeof(enc)), 0);
}
END_TEST

/* Strings that decode against the default tree (9 screens), and strings
 * that do not. */
static const struct {
    const char *s;
    int ok;
} decodings[] = {
    {"v1;s=8;k=;e=0;c=;t=", 1},
    {"v1;s=9;k=;e=0;c=;t=", 0}, /* no screen 9 */
    {"v1;s=1;k=8;e=0;c=;t=", 1},
    {"v1;s=1;k=9;e=0;c=;t=", 0}, /* a stack entry out of range */
    {"v1;s=1;k=0.1.2.3.4.5.6.7.8.0.1.2.3.4.5.6;e=1;c=jalan;t=a+b", 1},
    {"v1;s=1;k=0.1.2.3.4.5.6.7.8.0.1.2.3.4.5.6.7;e=1;c=jalan;t=a+b", 0}, /* 17 deep */
    {"", 0},
    {"v1", 0},
    {"v2;s=0;k=;e=0;c=;t=", 0},
    {"V1;s=0;k=;e=0;c=;t=", 0},
    {"v1;s=;k=;e=0;c=;t=", 0},
    {"v1;s=01;k=;e=0;c=;t=", 0}, /* not as written */
    {"v1;s=-1;k=;e=0;c=;t=", 0},
    {"v1;s=1;k=.0;e=0;c=;t=", 0},
    {"v1;s=1;k=0.;e=0;c=;t=", 0},
    {"v1;s=1;k=0..1;e=0;c=;t=", 0},
    {"v1;s=1;k=0,1;e=0;c=;t=", 0},
    {"v1;s=1;k=0;e=2;c=;t=", 0},
    {"v1;s=1;k=0;e=;c=;t=", 0},
    {"v1;s=1;k=0;e=0;c=%ZZ;t=", 0},
    {"v1;s=1;k=0;e=0;c=%4;t=", 0},
    {"v1;s=1;k=0;e=0;c=%41;t=", 0},    /* "A" is written as it is */
    {"v1;s=1;k=0;e=0;c=%20;t=", 0},    /* a space is written '+' */
    {"v1;s=1;k=0;e=0;c=;t=%c3%a9", 0}, /* lower case hex */
    {"v1;s=1;k=0;e=0;c=;t=caf%C3%A9", 1},
    {"v1;s=1;k=0;e=0;c=;t=%C3%A9", 0}, /* hex is shorter */
    {"v1;s=1;k=0;e=0;c=;T=C3A9", 1},
    {"v1;s=1;k=0;e=0;c=;T=c3a9", 0},
    {"v1;s=1;k=0;e=0;c=a b;t=", 0},
    {"v1;s=1;k=0;e=0;c=;t=%00", 0},
    {"v1;s=1;k=0;e=0;c=;T=00", 0},
    {"v1;s=1;k=0;e=0;c=;t=x;more", 0},
    {"v1;s=1;k=0;e=0;c=;t=x;", 0},
    {"v1;s=1;k=0;e=0;c=;T=6", 0},  /* half a byte */
    {"v1;s=1;k=0;e=0;c=;T=61", 0}, /* "a" is shorter in percent */
    {"v1;s=1;k=0;e=0;C=;t=", 0},   /* "" in hex */
    {"v1;s=1;k=0;e=0;t=;c=", 0},
    {"v1;s=1;k=0;e=0;c=", 0},
    {"v1;s=1;k=0;e=0;c=;t=\x80", 0},
    /* 31 bytes of set fit, 32 do not; 160 of text fit, 161 do not */
    {"v1;s=1;k=0;e=0;c=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;t=", 1},
    {"v1;s=1;k=0;e=0;c=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;t=", 0},
};

START_TEST(test_decode)
{
    struct menu_state st;
    char again[MENU_STATE_MAX];

    memset(&st, 0x5a, sizeof(st));
    if (decodings[_i].ok) {
        ck_assert_int_eq(menu_state_decode(&tree, decodings[_i].s, &st), 0);
        menu_state_encode(&st, again, sizeof(again));
        ck_assert_str_eq(again, decodings[_i].s);
    } else {
        ck_assert_int_eq(menu_state_decode(&tree, decodings[_i].s, &st), -1);
        ck_assert_int_eq(st.screen, HOME);
        ck_assert_int_eq(st.depth, 0);
        ck_assert_str_eq(st.text, "");
        ck_assert_str_eq(st.set, "");
        ck_assert_int_eq(st.ended, 0);
    }
}
END_TEST

/* Texts of 160 and 161 bytes, and NULL. */
START_TEST(test_decode_text_length)
{
    char s[MENU_STATE_MAX];
    struct menu_state st;
    int n = snprintf(s, sizeof(s), "v1;s=4;k=0.3;e=0;c=jalan;t=");

    memset(s + n, 'b', 160);
    s[n + 160] = '\0';
    ck_assert_int_eq(menu_state_decode(&tree, s, &st), 0);
    ck_assert_uint_eq(strlen(st.text), 160);
    s[n + 160] = 'b';
    s[n + 161] = '\0';
    ck_assert_int_eq(menu_state_decode(&tree, s, &st), -1);
    ck_assert_int_eq(menu_state_decode(&tree, NULL, &st), -1);
}
END_TEST

/* ---- menu_tree_check: what it refuses -------------------------------------- */

static void
break_tree(struct menu_tree *t, int c)
{
    switch (c) {
    case 0:
        t->nscreens = 0;
        break;
    case 1:
        t->nscreens = MENU_SCREEN_MAX + 1;
        break;
    case 2:
        t->screen_max = USSD_SCREEN_MAX + 1;
        break;
    case 3:
        t->screen_max = -1;
        break;
    case 4: /* dangling option */
        t->screens[AGENDA].options[3].next = 99;
        break;
    case 5: /* dangling input: one past the last screen */
        t->screens[TEKS].next = NSCREENS;
        break;
    case 6:
        t->screens[TEKS].next = -2;
        break;
    case 7: /* nothing leads to langganan */
        t->screens[HOME].options[4].next = INFO;
        break;
    case 8: /* langganan leads only to itself */
        t->screens[HOME].options[4].next = INFO;
        t->screens[LANGGANAN].options[1].action = MENU_ACT_NONE;
        t->screens[LANGGANAN].options[1].next = LANGGANAN;
        break;
    case 9:
        snprintf(t->screens[INFO].id, MENU_ID_MAX, "agenda");
        break;
    case 10:
        t->screens[INFO].id[0] = '\0';
        break;
    case 11: /* ten options */
        t->screens[KOMISI].noptions = 10;
        break;
    case 12:
        t->screens[KOMISI].noptions = 0;
        break;
    case 13:
        t->screens[INFO].options[1].next = HOME;
        break;
    case 14:
        t->screens[INFO].options[1].action = MENU_ACT_NONE;
        break;
    case 15:
        t->screens[STATUS].next = HOME;
        break;
    case 16:
        t->screens[STATUS].action = MENU_ACT_NONE;
        break;
    case 17:
        t->screens[INFO].options[2].action = MENU_ACT__COUNT;
        break;
    case 18:
        t->screens[STATUS].input = (enum menu_input)3;
        break;
    case 19:
        t->screens[STATUS].noptions = 1;
        break;
    case 20: /* a curly quote in each language */
        snprintf(t->screens[INFO].title.s[LANG_ID], MENU_TEXT_MAX,
                 "Info \xe2\x80\x9c"
                 "DPRD");
        break;
    case 21:
        snprintf(t->screens[INFO].title.s[LANG_JV], MENU_TEXT_MAX,
                 "Info \xe2\x80\x9c"
                 "DPRD");
        break;
    case 22:
        snprintf(t->screens[INFO].title.s[LANG_EN], MENU_TEXT_MAX,
                 "Info \xe2\x80\x9c"
                 "DPRD");
        break;
    case 23:
        snprintf(t->screens[INFO].options[2].label.s[LANG_ID], MENU_TEXT_MAX, "Anggota\t");
        break;
    case 24:
        snprintf(t->screens[INFO].options[2].label.s[LANG_JV], MENU_TEXT_MAX,
                 "Anggota \xe2\x80\x94");
        break;
    case 25:
        snprintf(t->screens[INFO].options[2].label.s[LANG_EN], MENU_TEXT_MAX,
                 "Members \xf0\x9f\x91\xa5");
        break;
    case 26: /* not UTF-8 */
        snprintf(t->screens[INFO].title.s[LANG_ID], MENU_TEXT_MAX, "Info \xe9");
        break;
    case 27: /* an English title but no Indonesian one */
        t->screens[INFO].title.s[LANG_ID][0] = '\0';
        break;
    case 28:
        t->screens[INFO].options[1].label.s[LANG_ID][0] = '\0';
        break;
    case 29:
        memset(t->screens[INFO].id, 'i', MENU_ID_MAX);
        break;
    case 30:
        memset(t->screens[INFO].title.s[LANG_EN], 'i', MENU_TEXT_MAX);
        break;
    case 31:
        memset(t->screens[INFO].options[0].label.s[LANG_JV], 'i', MENU_TEXT_MAX);
        break;
    case 32:
        memset(t->screens[INFO].options[0].set, 'i', MENU_ARG_MAX);
        break;
    default: /* home is a screen like the others: no duplicate there either */
        snprintf(t->screens[LANGGANAN].id, MENU_ID_MAX, "home");
        break;
    }
}

static const struct {
    int index;
    const char *why;
} refusals[] = {
    {0, "the menu needs 1 to 64 screens, it has 0"},
    {0, "the menu needs 1 to 64 screens, it has 65"},
    {0, "a screen of 183 characters is not within 1 to 182"},
    {0, "a screen of -1 characters is not within 1 to 182"},
    {AGENDA, "option 4 leads to screen 99, which does not exist"},
    {TEKS, "the input leads to screen 9, which does not exist"},
    {TEKS, "the input leads to screen -2, which does not exist"},
    {LANGGANAN, "no option leads to the screen \"langganan\" from home"},
    {LANGGANAN, "no option leads to the screen \"langganan\" from home"},
    {INFO, "the id \"agenda\" is used by screen 1 too"},
    {INFO, "the screen has no id"},
    {KOMISI, "a list needs 1 to 9 options, it has 10"},
    {KOMISI, "a list needs 1 to 9 options, it has 0"},
    {INFO, "option 2 has both next and action (info); give one"},
    {INFO, "option 2 has neither next nor action"},
    {STATUS, "the input has both next and action (status); give one"},
    {STATUS, "the input has neither next nor action"},
    {INFO, "option 3 has an unknown action (7)"},
    {STATUS, "the input type 3 is unknown"},
    {STATUS, "an input screen cannot have options"},
    {INFO, "the Indonesian title has a character outside GSM-7"},
    {INFO, "the Javanese title has a character outside GSM-7"},
    {INFO, "the English title has a character outside GSM-7"},
    {INFO, "the Indonesian label of option 3 has a character outside GSM-7"},
    {INFO, "the Javanese label of option 3 has a character outside GSM-7"},
    {INFO, "the English label of option 3 has a character outside GSM-7"},
    {INFO, "the Indonesian title has a character outside GSM-7"},
    {INFO, "the screen has no title"},
    {INFO, "option 2 has no label"},
    {INFO, "the screen has no id"},
    {INFO, "the English title has no end"},
    {INFO, "the Javanese label of option 1 has no end"},
    {INFO, "the argument of option 1 has no end"},
    {LANGGANAN, "the id \"home\" is used by screen 0 too"},
};

START_TEST(test_refusals)
{
    char why[256];

    build(&tree);
    break_tree(&tree, (int)_i);
    memset(why, 'x', sizeof(why));
    ck_assert_int_eq(menu_tree_check(&tree, why, sizeof(why)), refusals[_i].index);
    ck_assert_str_eq(why, refusals[_i].why);
    /* why is optional, and a short one is cut */
    ck_assert_int_eq(menu_tree_check(&tree, NULL, 0), refusals[_i].index);
    ck_assert_int_eq(menu_tree_check(&tree, why, 8), refusals[_i].index);
    ck_assert_uint_eq(strlen(why), 7);
}
END_TEST

/* What it accepts on the edge of a refusal. */
START_TEST(test_accepts)
{
    char why[256];

    for (int c = 0; c < 5; c++) {
        build(&tree);
        switch (c) {
        case 0: /* nine options */
            for (int j = tree.screens[KOMISI].noptions; j < MENU_OPTIONS_MAX; j++)
                tree.screens[KOMISI].options[j] = tree.screens[KOMISI].options[0];
            tree.screens[KOMISI].noptions = MENU_OPTIONS_MAX;
            break;
        case 1: /* the last screen, and home, are places to go */
            tree.screens[TEKS].next = NSCREENS - 1;
            tree.screens[INFO].options[0].action = MENU_ACT_NONE;
            tree.screens[INFO].options[0].next = HOME;
            tree.screens[HOME].options[1].next = TEKS; /* aduan and kirim: from langganan */
            tree.screens[LANGGANAN].options[0].action = MENU_ACT_NONE;
            tree.screens[LANGGANAN].options[0].next = ADUAN;
            tree.screens[LANGGANAN].options[1].action = MENU_ACT_NONE;
            tree.screens[LANGGANAN].options[1].next = KIRIM;
            break;
        case 2: /* a screen_max of 182, and of 0 which means that */
            tree.screen_max = USSD_SCREEN_MAX;
            break;
        case 3:
            tree.screen_max = 0;
            break;
        default: /* the extension table and accented letters GSM-7 has */
            snprintf(tree.screens[INFO].title.s[LANG_JV], MENU_TEXT_MAX,
                     "Info [DPRD] \xe2\x82\xac \xc3\xa9\xc3\xbc\xc3\xb1");
            break;
        }
        ck_assert_msg(menu_tree_check(&tree, why, sizeof(why)) == -1, "case %d: %s", c, why);
    }
}
END_TEST

/*
 * The length of a screen on both sides of the limit, in each language:
 * a title of n characters 'x' in that language, where n makes the screen,
 * with the longest prefix it can show, exactly the limit (delta 0) or one
 * more (delta 1).  The rest of the screen is written out here.
 */
static const struct {
    int screen;
    enum lang l;
    int limit;
    const char *rest; /* the prefix and everything but the title */
    int delta;
    const char *why; /* when refused */
} lengths[] = {
    {INFO, LANG_ID, 182, WRONG "\n1 Anggaran (APBD)\n2 Perda\n3 Anggota DPRD\n4 Kontak" F_ID, 0,
     NULL},
    {INFO, LANG_ID, 182, WRONG "\n1 Anggaran (APBD)\n2 Perda\n3 Anggota DPRD\n4 Kontak" F_ID, 1,
     "the Indonesian screen after a wrong input is 183 characters with its options and footer; "
     "the most is 182"},
    {INFO, LANG_JV, 182,
     "Pilihan lepat. \n1 Anggaran (APBD)\n2 Perda\n3 Anggota DPRD\n4 Kontak" F_JV, 0, NULL},
    {INFO, LANG_JV, 182,
     "Pilihan lepat. \n1 Anggaran (APBD)\n2 Perda\n3 Anggota DPRD\n4 Kontak" F_JV, 1,
     "the Javanese screen after a wrong input is 183 characters with its options and footer; "
     "the most is 182"},
    {INFO, LANG_EN, 182,
     "Wrong choice. \n1 Budget (APBD)\n2 Regional laws\n3 Members\n4 Contact" F_EN, 0, NULL},
    {INFO, LANG_EN, 182,
     "Wrong choice. \n1 Budget (APBD)\n2 Regional laws\n3 Members\n4 Contact" F_EN, 1,
     "the English screen after a wrong input is 183 characters with its options and footer; "
     "the most is 182"},
    {STATUS, LANG_ID, 182, BADT F_ID, 0, NULL},
    {STATUS, LANG_ID, 182, BADT F_ID, 1,
     "the Indonesian screen after a wrong input is 183 characters with its options and footer; "
     "the most is 182"},
    {STATUS, LANG_JV, 182, "Nomer tiket lepat. " F_JV, 0, NULL},
    {STATUS, LANG_JV, 182, "Nomer tiket lepat. " F_JV, 1,
     "the Javanese screen after a wrong input is 183 characters with its options and footer; "
     "the most is 182"},
    {STATUS, LANG_EN, 182, "Wrong ticket number. " F_EN, 0, NULL},
    {STATUS, LANG_EN, 182, "Wrong ticket number. " F_EN, 1,
     "the English screen after a wrong input is 183 characters with its options and footer; "
     "the most is 182"},
    {LANGGANAN, LANG_ID, 160, WRONG "\n1 Daftar\n2 Berhenti" F_ID, 0, NULL},
    {LANGGANAN, LANG_ID, 160, WRONG "\n1 Daftar\n2 Berhenti" F_ID, 1,
     "the Indonesian screen after a wrong input is 161 characters with its options and footer; "
     "the most is 160"},
    {LANGGANAN, LANG_EN, 160, "Wrong choice. \n1 Subscribe\n2 Stop" F_EN, 0, NULL},
    {LANGGANAN, LANG_EN, 160, "Wrong choice. \n1 Subscribe\n2 Stop" F_EN, 1,
     "the English screen after a wrong input is 161 characters with its options and footer; "
     "the most is 160"},
    /* home has no footer; in Javanese, whose labels are longer, even when the
     * title is the Indonesian one (a title in Indonesian only is also the
     * Javanese title, and must fit with the Javanese labels) */
    {HOME, LANG_JV, 182,
     "Pilihan lepat. \n1 Agenda sidang\n2 Ngaturaken aduan\n3 Cek status aduan\n"
     "4 Info DPRD\n5 Langganan info SMS",
     0, NULL},
    {HOME, LANG_JV, 182,
     "Pilihan lepat. \n1 Agenda sidang\n2 Ngaturaken aduan\n3 Cek status aduan\n"
     "4 Info DPRD\n5 Langganan info SMS",
     1,
     "the Javanese screen after a wrong input is 183 characters with its options and footer; "
     "the most is 182"},
    {HOME, LANG_ID, 182,
     WRONG "\n1 Agenda sidang\n2 Ngaturaken aduan\n3 Cek status aduan\n"
           "4 Info DPRD\n5 Langganan info SMS",
     0, NULL},
    {HOME, LANG_ID, 182,
     WRONG "\n1 Agenda sidang\n2 Ngaturaken aduan\n3 Cek status aduan\n"
           "4 Info DPRD\n5 Langganan info SMS",
     1,
     "the Javanese screen after a wrong input is 183 characters with its options and footer; "
     "the most is 182"},
    /* a title with {text} keeps 20 characters for it */
    {KIRIM, LANG_ID, 182, WRONG "{text}\n1 Kirim\n2 Ubah" F_ID, -20, NULL},
    {KIRIM, LANG_ID, 182, WRONG "{text}\n1 Kirim\n2 Ubah" F_ID, -19,
     "the Indonesian screen after a wrong input leaves 19 characters for {text}; it needs 20"},
    {KIRIM, LANG_EN, 160, "Wrong choice. {text}\n1 Send\n2 Change" F_EN, -20, NULL},
    {KIRIM, LANG_EN, 160, "Wrong choice. {text}\n1 Send\n2 Change" F_EN, -19,
     "the English screen after a wrong input leaves 19 characters for {text}; it needs 20"},
};

START_TEST(test_lengths)
{
    char why[256], title[MENU_TEXT_MAX];
    int fixed = (int)strlen(lengths[_i].rest), n, hole = strstr(lengths[_i].rest, "{text}") != NULL;
    struct menu_screen *sc = &tree.screens[lengths[_i].screen];

    /* {text} is 6 bytes and 8 septets ('{' and '}' take two), and counts
     * for nothing once replaced */
    if (hole)
        fixed -= 6;
    n = lengths[_i].limit - fixed + lengths[_i].delta;
    ck_assert_int_gt(n, 0);
    ck_assert_int_lt(n, MENU_TEXT_MAX - 6);
    memset(title, 'x', (size_t)n);
    title[n] = '\0';
    if (hole)
        strcat(title, "{text}");
    tree.screen_max = lengths[_i].limit;
    snprintf(sc->title.s[lengths[_i].l], MENU_TEXT_MAX, "%s", title);
    if (lengths[_i].why == NULL) {
        ck_assert_msg(menu_tree_check(&tree, why, sizeof(why)) == -1, "%s", why);
    } else {
        ck_assert_int_eq(menu_tree_check(&tree, why, sizeof(why)), lengths[_i].screen);
        ck_assert_str_eq(why, lengths[_i].why);
    }
}
END_TEST

/* Septets, not bytes, count: a title of 182 - 33 - 3 characters on the
 * langganan screen, with a euro sign (3 bytes, 2 septets) and an e acute
 * (2 bytes, 1 septet), is exactly 182. */
START_TEST(test_lengths_septets)
{
    char why[256], title[MENU_TEXT_MAX];
    size_t rest = strlen(WRONG "\n1 Daftar\n2 Berhenti" F_ID), n = USSD_SCREEN_MAX - rest - 3;

    tree.screen_max = 0;
    memset(title, 'x', n);
    strcpy(title + n, "\xe2\x82\xac\xc3\xa9");
    snprintf(tree.screens[LANGGANAN].title.s[LANG_ID], MENU_TEXT_MAX, "%s", title);
    ck_assert_msg(menu_tree_check(&tree, why, sizeof(why)) == -1, "%s", why);
    strcpy(title + n, "\xe2\x82\xac[");
    snprintf(tree.screens[LANGGANAN].title.s[LANG_ID], MENU_TEXT_MAX, "%s", title);
    ck_assert_int_eq(menu_tree_check(&tree, why, sizeof(why)), LANGGANAN);
}
END_TEST

/* A tree that was not checked does not crash the machine: an option that
 * leads nowhere is a wrong choice, a screen too long is cut to fit. */
START_TEST(test_unchecked)
{
    struct menu_state st;
    struct menu_step out;
    char why[256];

    tree.screens[AGENDA].options[3].next = 99;
    tree.screens[INFO].options[0].action = MENU_ACT__COUNT;
    memset(tree.screens[LANGGANAN].title.s[LANG_ID], 'x', MENU_TEXT_MAX - 1);
    ck_assert_int_ge(menu_tree_check(&tree, why, sizeof(why)), 0);
    walk(&st, "1|4", LANG_ID);
    ck_assert_int_eq(st.screen, AGENDA);
    out = walk(&st, "4|1", LANG_ID);
    ck_assert_int_eq(out.action, MENU_ACT_NONE);
    ck_assert_str_eq(out.screen, WRONG S_INFO);
    out = walk(&st, "5", LANG_ID);
    assert_fits(&out, SCREEN_MAX);
    ck_assert_int_eq(st.screen, LANGGANAN);
    out = walk(&st, "5|7", LANG_ID);
    assert_fits(&out, SCREEN_MAX);
}
END_TEST

START_TEST(test_names)
{
    static const struct {
        enum menu_action a;
        const char *name;
    } names[] = {
        {MENU_ACT_NONE, ""},
        {MENU_ACT_AGENDA, "agenda"},
        {MENU_ACT_COMPLAINT, "complaint"},
        {MENU_ACT_STATUS, "status"},
        {MENU_ACT_INFO, "info"},
        {MENU_ACT_SUBSCRIBE, "subscribe"},
        {MENU_ACT_UNSUBSCRIBE, "unsubscribe"},
    };
    static const char *const unknown[] = {"agnda", "AGENDA", "agenda ", "none", "subscribe2"};
    enum menu_action a;

    ck_assert_uint_eq(N(names), MENU_ACT__COUNT);
    for (size_t i = 0; i < N(names); i++) {
        ck_assert_str_eq(menu_action_name(names[i].a), names[i].name);
        a = MENU_ACT__COUNT;
        ck_assert_int_eq(menu_action_from_name(names[i].name, &a), 0);
        ck_assert_int_eq(a, names[i].a);
    }
    for (size_t i = 0; i < N(unknown); i++)
        ck_assert_int_eq(menu_action_from_name(unknown[i], &a), -1);
    ck_assert_int_eq(menu_action_from_name(NULL, &a), -1);
    ck_assert_str_eq(menu_action_name(MENU_ACT__COUNT), "");
    ck_assert_str_eq(menu_action_name((enum menu_action) - 1), "");

    ck_assert_int_eq(menu_screen_find(&tree, "home"), HOME);
    ck_assert_int_eq(menu_screen_find(&tree, "status"), STATUS);
    ck_assert_int_eq(menu_screen_find(&tree, "langganan"), LANGGANAN);
    ck_assert_int_eq(menu_screen_find(&tree, "statu"), -1);
    ck_assert_int_eq(menu_screen_find(&tree, "status "), -1);
    ck_assert_int_eq(menu_screen_find(&tree, ""), -1);
    ck_assert_int_eq(menu_screen_find(&tree, NULL), -1);
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
    tcase_add_loop_test(tc, test_stack, 0, N(stacks));
    tcase_add_loop_test(tc, test_tickets, 0, N(tickets));
    tcase_add_loop_test(tc, test_texts, 0, N(texts));
    tcase_add_loop_test(tc, test_hole, 0, N(holes));
    tcase_add_loop_test(tc, test_replay, 0, N(replays));
    tcase_add_test(tc, test_replay_empty);
    tcase_add_test(tc, test_bad_state);
    tcase_add_loop_test(tc, test_result, 0, N(results));
    tcase_add_test(tc, test_result_small);
    tcase_add_loop_test(tc, test_encode, 0, N(encodings));
    tcase_add_test(tc, test_encode_longest);
    tcase_add_loop_test(tc, test_decode, 0, N(decodings));
    tcase_add_test(tc, test_decode_text_length);
    tcase_add_loop_test(tc, test_refusals, 0, N(refusals));
    tcase_add_test(tc, test_accepts);
    tcase_add_loop_test(tc, test_lengths, 0, N(lengths));
    tcase_add_test(tc, test_lengths_septets);
    tcase_add_test(tc, test_unchecked);
    tcase_add_test(tc, test_names);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(menu_suite)
