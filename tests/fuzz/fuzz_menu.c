/*
 * Fuzz target for menus/menu.c.  The first byte chooses the language (its
 * low two bits: Indonesian, Javanese, English, none) and what the other
 * bytes are (the next two bits):
 *
 *   0  a session on the default tree: the bytes, split at '*', are the
 *      inputs, stepped one by one and then replayed as an aggregator's
 *      path, which must end in the same state with the same step;
 *   1  a stored state, decoded against the default tree: it either fails
 *      and leaves home, or gives a state in range that encodes back to the
 *      very same string;
 *   2  a tree built from the bytes (screens, titles and labels from a small
 *      vocabulary with {text}, GSM-7 extension characters, characters
 *      outside GSM-7 and raw bytes, targets in and out of range), then a
 *      session on it from the bytes left;
 *   3  the same with a screen length (screen_max) from the bytes.
 *
 * What must hold, whatever the bytes: nothing crashes; every screen shown
 * is GSM-7 (valid UTF-8, gsm7_septets() >= 0) and at most the tree's screen
 * length, on any tree, checked or not; a step that acts shows nothing, and
 * only a complaint ends the session; the state stays in range and comes
 * back from its encoding; a result fits the screen.  When menu_tree_check()
 * accepts a built tree, the tree really has what the check promises (an
 * independent check of targets, ids and reachability), and every screen,
 * shown first or again after a wrong input, with the longest texts a
 * citizen can type for {text}, fits.
 */
#include <stdint.h>
#include <string.h>

#include "menus/menu.h"
#include "parsers/gsm7.h"
#include "parsers/ticket.h"
#include "tests/fuzz/fuzz.h"

static struct menu_tree fixed, built;

/* ---- the default tree ------------------------------------------------------ */

static struct menu_screen *
screen(struct menu_tree *t, int i, const char *id, const char *title, const char *en,
       enum menu_input input, int next, enum menu_action a)
{
    struct menu_screen *sc = &t->screens[i];

    snprintf(sc->id, sizeof(sc->id), "%s", id);
    snprintf(sc->title.s[LANG_ID], MENU_TEXT_MAX, "%s", title);
    snprintf(sc->title.s[LANG_EN], MENU_TEXT_MAX, "%s", en);
    sc->input = input;
    sc->next = next;
    sc->action = a;
    return sc;
}

static void
option(struct menu_screen *sc, const char *label, const char *jv, int next, enum menu_action a,
       const char *arg, const char *set)
{
    struct menu_option *o = &sc->options[sc->noptions++];

    snprintf(o->label.s[LANG_ID], MENU_TEXT_MAX, "%s", label);
    snprintf(o->label.s[LANG_JV], MENU_TEXT_MAX, "%s", jv);
    o->next = next;
    o->action = a;
    snprintf(o->arg, sizeof(o->arg), "%s", arg);
    snprintf(o->set, sizeof(o->set), "%s", set);
}

/* The built-in menu of config/menu_cfg.c, as the unit test builds it,
 * with fewer translations. */
static void
build_fixed(struct menu_tree *t)
{
    struct menu_screen *s;

    memset(t, 0, sizeof(*t));
    t->nscreens = 9;
    t->screen_max = 160;
    s = screen(t, 0, "home", "DPRD Kab. Mojokerto", "", MENU_INPUT_NONE, -1, MENU_ACT_NONE);
    option(s, "Agenda sidang", "", 1, MENU_ACT_NONE, "", "");
    option(s, "Sampaikan aduan", "Ngaturaken aduan", 3, MENU_ACT_NONE, "", "");
    option(s, "Cek status aduan", "", 6, MENU_ACT_NONE, "", "");
    option(s, "Info DPRD", "", 7, MENU_ACT_NONE, "", "");
    option(s, "Langganan info SMS", "", 8, MENU_ACT_NONE, "", "");
    s = screen(t, 1, "agenda", "Agenda DPRD", "DPRD sessions", MENU_INPUT_NONE, -1, MENU_ACT_NONE);
    option(s, "Hari ini", "Dinten punika", -1, MENU_ACT_AGENDA, "hari ini", "");
    option(s, "Minggu ini", "Minggu punika", -1, MENU_ACT_AGENDA, "minggu ini", "");
    option(s, "Sidang berikutnya", "Sidang salajengipun", -1, MENU_ACT_AGENDA, "", "");
    option(s, "Per komisi", "Miturut komisi", 2, MENU_ACT_NONE, "", "");
    s = screen(t, 2, "agenda_komisi", "Pilih komisi", "Choose a komisi", MENU_INPUT_NONE, -1,
               MENU_ACT_NONE);
    option(s, "Komisi I", "", -1, MENU_ACT_AGENDA, "komisi 1", "");
    option(s, "Komisi II", "", -1, MENU_ACT_AGENDA, "komisi 2", "");
    option(s, "Komisi III", "", -1, MENU_ACT_AGENDA, "komisi 3", "");
    option(s, "Komisi IV", "", -1, MENU_ACT_AGENDA, "komisi 4", "");
    s = screen(t, 3, "aduan", "Aduan tentang apa?", "What is it about?", MENU_INPUT_NONE, -1,
               MENU_ACT_NONE);
    option(s, "Jalan & jembatan", "Dalan & kreteg", 4, MENU_ACT_NONE, "", "jalan");
    option(s, "Air & listrik", "Toya & listrik", 4, MENU_ACT_NONE, "", "utilitas");
    option(s, "Kesehatan", "Kasarasan", 4, MENU_ACT_NONE, "", "kesehatan");
    option(s, "Pendidikan", "", 4, MENU_ACT_NONE, "", "pendidikan");
    option(s, "Lainnya", "Sanesipun", 4, MENU_ACT_NONE, "", "lain");
    screen(t, 4, "aduan_teks", "Tulis aduan Anda: apa dan di mana (desa, RT):",
           "Write your complaint: what and where (village, RT):", MENU_INPUT_TEXT, 5,
           MENU_ACT_NONE);
    s = screen(t, 5, "aduan_kirim", "Kirim aduan: {text}?", "Send complaint: {text}?",
               MENU_INPUT_NONE, -1, MENU_ACT_NONE);
    option(s, "Kirim", "Kintun", -1, MENU_ACT_COMPLAINT, "", "");
    option(s, "Ubah", "Ewahi", 4, MENU_ACT_NONE, "", "");
    screen(t, 6, "status", "Ketik no tiket aduan (7 angka):", "Type the ticket number (7 digits):",
           MENU_INPUT_TICKET, -1, MENU_ACT_STATUS);
    s = screen(t, 7, "info", "Info DPRD", "DPRD information", MENU_INPUT_NONE, -1, MENU_ACT_NONE);
    option(s, "Anggaran (APBD)", "", -1, MENU_ACT_INFO, "anggaran", "");
    option(s, "Perda", "", -1, MENU_ACT_INFO, "perda", "");
    option(s, "Anggota DPRD", "", -1, MENU_ACT_INFO, "anggota", "");
    option(s, "Kontak", "", -1, MENU_ACT_INFO, "kontak", "");
    s = screen(t, 8, "langganan", "Info agenda lewat SMS", "Session news by SMS", MENU_INPUT_NONE,
               -1, MENU_ACT_NONE);
    option(s, "Daftar", "", -1, MENU_ACT_SUBSCRIBE, "", "");
    option(s, "Berhenti", "Mandheg", -1, MENU_ACT_UNSUBSCRIBE, "", "");
}

/* ---- invariants ------------------------------------------------------------ */

static int
limit(const struct menu_tree *t)
{
    return t->screen_max > 0 && t->screen_max <= USSD_SCREEN_MAX ? t->screen_max : USSD_SCREEN_MAX;
}

static int
terminated(const char *s, size_t size)
{
    return memchr(s, '\0', size) != NULL;
}

static void
check_state(const struct menu_tree *t, const struct menu_state *st)
{
    FUZZ_CHECK(st->screen >= 0 && st->screen < t->nscreens);
    FUZZ_CHECK(st->depth >= 0 && st->depth <= MENU_DEPTH_MAX);
    for (int i = 0; i < st->depth; i++)
        FUZZ_CHECK(st->stack[i] >= 0 && st->stack[i] < t->nscreens);
    FUZZ_CHECK(terminated(st->set, sizeof(st->set)));
    FUZZ_CHECK(terminated(st->text, sizeof(st->text)));
    FUZZ_CHECK(strlen(st->text) <= MENU_INPUT_MAX);
    FUZZ_CHECK(st->ended == 0 || st->ended == 1);
}

/* What a step is checked against: any tree, a tree menu_tree_check()
 * accepted (then the screen must be laid out whole: nothing of it was cut
 * to fit), or the default tree (and no screen is empty). */
enum level { ANY_TREE, CHECKED, DEFAULT_TREE };

static const char *const footer[LANG__COUNT] = {"0 Kembali 00 Menu", "0 Kembali 00 Menu",
                                                "0 Wangsul 00 Menu", "0 Back 00 Menu"};
static const char *const wrong_choice[LANG__COUNT] = {"Pilihan salah. ", "Pilihan salah. ",
                                                      "Pilihan lepat. ", "Wrong choice. "};
static const char *const wrong_ticket[LANG__COUNT] = {
    "Nomor tiket salah. ", "Nomor tiket salah. ", "Nomer tiket lepat. ", "Wrong ticket number. "};

static const char *
in_lang(const struct menu_text *m, enum lang l)
{
    return l != LANG_NONE && m->s[l][0] != '\0' ? m->s[l] : m->s[LANG_ID];
}

/*
 * The screen st is on, shown in language l, ends with its options and the
 * footer exactly as written, and after a wrong input starts with the
 * prefix: a checked tree never needs a screen cut down to fit.
 */
static void
check_layout(const struct menu_tree *t, const struct menu_state *st, enum lang l,
             const struct menu_step *out, int again)
{
    const struct menu_screen *sc = &t->screens[st->screen];
    const char *pre = sc->input == MENU_INPUT_TICKET ? wrong_ticket[l] : wrong_choice[l];
    char tail[MENU_OPTIONS_MAX * (MENU_TEXT_MAX + 4) + 32];
    size_t n = 0, len = strlen(out->screen);

    tail[0] = '\0';
    for (int j = 0; sc->input == MENU_INPUT_NONE && j < sc->noptions; j++)
        n += (size_t)snprintf(tail + n, sizeof(tail) - n, "\n%d %s", j + 1,
                              in_lang(&sc->options[j].label, l));
    if (st->screen != 0)
        snprintf(tail + n, sizeof(tail) - n, "\n%s", footer[l]);
    n = strlen(tail);
    FUZZ_CHECK(len >= n && strcmp(out->screen + len - n, tail) == 0);
    if (again)
        FUZZ_CHECK(strncmp(out->screen, pre, strlen(pre)) == 0);
}

/* A step's screen: GSM-7 within the tree's screen length, laid out whole
 * on a checked tree, not empty on the default one; an action shows
 * nothing. */
static void
check_step(const struct menu_tree *t, const struct menu_state *st, enum lang l,
           const struct menu_step *out, enum level level)
{
    size_t len = strnlen(out->screen, sizeof(out->screen));
    ssize_t n;

    FUZZ_CHECK(len < sizeof(out->screen));
    FUZZ_CHECK((unsigned)out->action < MENU_ACT__COUNT);
    FUZZ_CHECK(terminated(out->arg, sizeof(out->arg)));
    FUZZ_CHECK(terminated(out->input, sizeof(out->input)));
    FUZZ_CHECK(!out->end || out->action == MENU_ACT_COMPLAINT);
    if (out->action != MENU_ACT_NONE) {
        FUZZ_CHECK(len == 0);
        return;
    }
    FUZZ_CHECK(out->input[0] == '\0' && out->arg[0] == '\0');
    n = gsm7_septets(out->screen, len);
    FUZZ_CHECK(n >= 0 && n <= limit(t));
    if (level >= CHECKED)
        check_layout(t, st, l, out, 0);
    if (level == DEFAULT_TREE)
        FUZZ_CHECK(n > 0);
}

/* The same session state (what lies after the strings' NULs and above the
 * stack's depth does not count). */
static int
same_state(const struct menu_state *a, const struct menu_state *b)
{
    return a->screen == b->screen && a->depth == b->depth && a->ended == b->ended &&
           strcmp(a->set, b->set) == 0 && strcmp(a->text, b->text) == 0 &&
           memcmp(a->stack, b->stack, (size_t)a->depth * sizeof(a->stack[0])) == 0;
}

static int
same_step(const struct menu_step *a, const struct menu_step *b)
{
    return a->action == b->action && a->end == b->end && strcmp(a->arg, b->arg) == 0 &&
           strcmp(a->input, b->input) == 0 && strcmp(a->screen, b->screen) == 0;
}

static void
check_roundtrip(const struct menu_tree *t, const struct menu_state *st)
{
    char enc[MENU_STATE_MAX];
    struct menu_state back;
    size_t n = menu_state_encode(st, enc, sizeof(enc));

    FUZZ_CHECK(n > 0 && n < MENU_STATE_MAX && strlen(enc) == n);
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(enc[i] > ' ' && enc[i] < 0x7f);
    FUZZ_CHECK(menu_state_decode(t, enc, &back) == 0);
    FUZZ_CHECK(same_state(st, &back));
}

/* One step, with everything that must hold around it. */
static void
step(const struct menu_tree *t, struct menu_state *st, const char *in, size_t len, enum lang l,
     enum level level, struct menu_step *out)
{
    struct menu_state before = *st;

    menu_step(t, st, in, len, l, out);
    check_state(t, st);
    check_step(t, st, l, out, level);
    check_roundtrip(t, st);
    if (out->action != MENU_ACT_NONE) {
        /* The state stays on the screen that acted. */
        FUZZ_CHECK(st->screen == before.screen && st->depth == before.depth);
        FUZZ_CHECK(!before.ended);
        if (out->action == MENU_ACT_COMPLAINT)
            FUZZ_CHECK(st->ended && strcmp(out->input, st->text) == 0);
    }
}

/* The result of an action, for any text. */
static void
check_result(const struct menu_tree *t, const char *text, size_t len, int end, enum lang l)
{
    char in[MENU_INPUT_MAX * 4 + 1], out[USSD_SCREEN_MAX * 4 + 1];
    size_t n;
    ssize_t s;

    snprintf(in, sizeof(in), "%.*s", (int)(len < sizeof(in) - 1 ? len : sizeof(in) - 1), text);
    n = menu_result(t, in, end, l, out, sizeof(out));
    FUZZ_CHECK(n == strlen(out));
    s = gsm7_septets(out, n);
    FUZZ_CHECK(s >= 0 && s <= limit(t));
    if (!end)
        FUZZ_CHECK(n >= 14 && memcmp(out + n - 5, " Menu", 5) == 0);
}

/*
 * A session: the inputs split at '*', one step each, then the whole path
 * replayed.  An empty path replays as a new session rather than one empty
 * input, so it is not compared.
 */
static void
session(const struct menu_tree *t, const char *p, size_t len, enum lang l, enum level level)
{
    struct menu_state st, replayed;
    struct menu_step out, again;
    size_t start = 0;

    menu_home(t, &st, l, &out);
    check_state(t, &st);
    check_step(t, &st, l, &out, level);
    for (size_t i = 0; i <= len; i++) {
        if (i < len && p[i] != '*')
            continue;
        step(t, &st, p + start, i - start, l, level, &out);
        check_result(t, p + start, i - start, (int)(i & 1), l);
        start = i + 1;
    }
    if (len == 0)
        return;
    memset(&replayed, 0x5a, sizeof(replayed));
    menu_replay(t, &replayed, p, len, l, &again);
    FUZZ_CHECK(same_state(&st, &replayed));
    FUZZ_CHECK(same_step(&out, &again));
}

static void
stored(const struct menu_tree *t, const char *s)
{
    struct menu_state st;
    char enc[MENU_STATE_MAX];

    memset(&st, 0x5a, sizeof(st));
    if (menu_state_decode(t, s, &st) < 0) {
        FUZZ_CHECK(st.screen == 0 && st.depth == 0 && !st.ended && st.text[0] == '\0' &&
                   st.set[0] == '\0');
        return;
    }
    check_state(t, &st);
    FUZZ_CHECK(menu_state_encode(&st, enc, sizeof(enc)) > 0);
    FUZZ_CHECK(strcmp(enc, s) == 0);
}

/* ---- trees from bytes ------------------------------------------------------ */

struct reader {
    const uint8_t *p;
    size_t n;
};

static unsigned
next_byte(struct reader *r)
{
    if (r->n == 0)
        return 0;
    r->n--;
    return *r->p++;
}

/* Words for titles and labels: plain, {text}, GSM-7 extension and accented
 * characters, characters outside GSM-7, and long ones. */
static const char *const words[] = {
    "Agenda",
    "DPRD",
    "aduan",
    "Pilih",
    "{text}",
    "{text}?",
    "x",
    "\xc3\xa9t\xc3\xa9", /* é: GSM-7, two bytes */
    "\xe2\x82\xac",      /* €: two septets, three bytes */
    "[RT]",              /* two septets each */
    "\n",
    "\xe2\x80\x9c",     /* “: not GSM-7 */
    "\xf0\x9f\x99\x8f", /* an emoji */
    "Kecamatan",
    "panjaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaang",
    "{tex",
};

/* A text in dst (MENU_TEXT_MAX bytes): words, or raw bytes. */
static void
make_text(struct reader *r, char *dst)
{
    unsigned k = next_byte(r);
    size_t n = 0;

    dst[0] = '\0';
    if (k == 0xff) {
        /* Raw bytes, whatever they are but NUL. */
        size_t len = next_byte(r) % (MENU_TEXT_MAX - 1);

        for (size_t i = 0; i < len && r->n > 0; i++) {
            unsigned c = next_byte(r);

            dst[n++] = (char)(c != 0 ? c : ' ');
        }
        dst[n] = '\0';
        return;
    }
    for (unsigned w = 0; w < k % 16; w++) {
        const char *word = words[next_byte(r) % (sizeof(words) / sizeof(words[0]))];

        n += (size_t)snprintf(dst + n, MENU_TEXT_MAX - n, "%s%s", w > 0 ? " " : "", word);
        if (n >= MENU_TEXT_MAX - 1) {
            /* Cut by the buffer, possibly inside a character. */
            dst[MENU_TEXT_MAX - 1] = '\0';
            return;
        }
    }
}

/* Where an option or an input leads: a screen (in range or not), an action
 * (known or not), both, or neither. */
static void
make_target(struct reader *r, int nscreens, int *next, enum menu_action *a)
{
    unsigned k = next_byte(r), v = next_byte(r);

    *next = -1;
    *a = MENU_ACT_NONE;
    switch (k % 8) {
    case 0:
        *next = (int)(v % (unsigned)(nscreens + 2)) - 1;
        *a = (enum menu_action)(v % (MENU_ACT__COUNT + 1));
        break;
    case 1:
    case 2:
    case 3:
        *a = (enum menu_action)(1 + v % MENU_ACT__COUNT); /* MENU_ACT__COUNT is unknown */
        break;
    default:
        *next = (int)(v % (unsigned)(nscreens + 1)); /* nscreens does not exist */
        break;
    }
}

static void
make_tree(struct reader *r, struct menu_tree *t, int with_max)
{
    memset(t, 0, sizeof(*t));
    t->nscreens = 1 + (int)(next_byte(r) % 8);
    if (with_max) {
        unsigned m = next_byte(r);

        t->screen_max = m < 16 ? 0 : 90 + (int)(m % 100); /* 90 to 189 */
    }
    for (int i = 0; i < t->nscreens; i++) {
        struct menu_screen *sc = &t->screens[i];
        unsigned k = next_byte(r);

        if (k % 32 == 1)
            sc->id[0] = '\0';
        else
            snprintf(sc->id, sizeof(sc->id), "s%d", k % 32 == 2 ? 0 : i);
        make_text(r, sc->title.s[LANG_ID]);
        if (k & 0x20)
            make_text(r, sc->title.s[LANG_JV]);
        if (k & 0x40)
            make_text(r, sc->title.s[LANG_EN]);
        sc->input = (enum menu_input)(k & 0x80 ? 1 + (k >> 2) % 2 : 0);
        if ((k & 0x1f) == 0x1f)
            sc->input = (enum menu_input)5;
        sc->next = -1;
        if (sc->input != MENU_INPUT_NONE) {
            make_target(r, t->nscreens, &sc->next, &sc->action);
            continue;
        }
        sc->noptions = (int)(next_byte(r) % (MENU_OPTIONS_MAX + 2)); /* 0 to 10 */
        for (int j = 0; j < sc->noptions && j < MENU_OPTIONS_MAX; j++) {
            struct menu_option *o = &sc->options[j];
            unsigned m = next_byte(r);

            make_text(r, o->label.s[LANG_ID]);
            if (m & 1)
                make_text(r, o->label.s[LANG_JV]);
            if (m & 2)
                make_text(r, o->label.s[LANG_EN]);
            if (m & 4)
                snprintf(o->set, sizeof(o->set), "c%u", m >> 3);
            make_target(r, t->nscreens, &o->next, &o->action);
        }
    }
}

/* What an accepted tree must have, checked apart from menu_tree_check(). */
static void
check_accepted(const struct menu_tree *t)
{
    int seen[MENU_SCREEN_MAX] = {0}, changed = 1;

    FUZZ_CHECK(t->nscreens >= 1 && t->nscreens <= MENU_SCREEN_MAX);
    for (int i = 0; i < t->nscreens; i++) {
        const struct menu_screen *sc = &t->screens[i];
        int n = sc->input == MENU_INPUT_NONE ? sc->noptions : 1;

        FUZZ_CHECK(sc->id[0] != '\0' && sc->title.s[LANG_ID][0] != '\0');
        for (int j = 0; j < i; j++)
            FUZZ_CHECK(strcmp(t->screens[j].id, sc->id) != 0);
        FUZZ_CHECK(sc->input == MENU_INPUT_NONE || sc->input == MENU_INPUT_TEXT ||
                   sc->input == MENU_INPUT_TICKET);
        FUZZ_CHECK(n >= 1 && n <= MENU_OPTIONS_MAX);
        for (int j = 0; j < n; j++) {
            int next = sc->input == MENU_INPUT_NONE ? sc->options[j].next : sc->next;
            enum menu_action a = sc->input == MENU_INPUT_NONE ? sc->options[j].action : sc->action;

            if (sc->input == MENU_INPUT_NONE)
                FUZZ_CHECK(sc->options[j].label.s[LANG_ID][0] != '\0');
            FUZZ_CHECK((a == MENU_ACT_NONE && next >= 0 && next < t->nscreens) ||
                       (a > MENU_ACT_NONE && a < MENU_ACT__COUNT && next == -1));
        }
    }
    /* Reachable from home: a fixed point rather than a queue. */
    seen[0] = 1;
    while (changed) {
        changed = 0;
        for (int i = 0; i < t->nscreens; i++) {
            const struct menu_screen *sc = &t->screens[i];
            int n = sc->input == MENU_INPUT_NONE ? sc->noptions : 1;

            for (int j = 0; seen[i] && j < n; j++) {
                int next = sc->input == MENU_INPUT_NONE ? sc->options[j].next : sc->next;

                if (next >= 0 && !seen[next])
                    seen[next] = changed = 1;
            }
        }
    }
    for (int i = 0; i < t->nscreens; i++)
        FUZZ_CHECK(seen[i]);
}

/*
 * Every screen of an accepted tree in every language, as first shown (by
 * coming back to it with "0") and shown again after a wrong input, with the
 * longest texts for {text}; and every option and input on it taken.
 */
static void
walk_accepted(const struct menu_tree *t, const char *ticket)
{
    static char texts[3][MENU_INPUT_MAX + 1];
    struct menu_state st;
    struct menu_step out;
    char digit[2] = "1";

    if (texts[0][0] == '\0') {
        /* One word of 320 septets; words with the euro sign; plain words. */
        memset(texts[0], '[', MENU_INPUT_MAX);
        for (size_t i = 0; i + 6 <= MENU_INPUT_MAX; i += 6)
            memcpy(texts[1] + i, "ab\xe2\x82\xac ", 6);
        for (size_t i = 0; i + 5 <= MENU_INPUT_MAX; i += 5)
            memcpy(texts[2] + i, "kata ", 5);
    }
    for (int i = 0; i < t->nscreens; i++) {
        const struct menu_screen *sc = &t->screens[i];

        for (int l = LANG_ID; l < LANG__COUNT; l++) {
            for (int k = 0; k < 3; k++) {
                for (int in = -3; in < (sc->input == MENU_INPUT_NONE ? sc->noptions : 1); in++) {
                    menu_state_start(&st);
                    st.screen = i;
                    st.depth = 1;
                    st.stack[0] = i;
                    memcpy(st.text, texts[k], sizeof(st.text));
                    if (in == -3) { /* back to it */
                        step(t, &st, "0", 1, (enum lang)l, CHECKED, &out);
                        FUZZ_CHECK(st.screen == i && out.action == MENU_ACT_NONE);
                    } else if (in == -2) { /* a wrong input */
                        step(t, &st, "x", 1, (enum lang)l, CHECKED, &out);
                        if (sc->input != MENU_INPUT_TEXT) { /* "x" is a text */
                            FUZZ_CHECK(st.screen == i && out.action == MENU_ACT_NONE);
                            check_layout(t, &st, (enum lang)l, &out, 1);
                        }
                    } else if (in == -1) { /* nothing */
                        step(t, &st, "", 0, (enum lang)l, CHECKED, &out);
                        FUZZ_CHECK(st.screen == i && out.action == MENU_ACT_NONE);
                        check_layout(t, &st, (enum lang)l, &out, 1);
                    } else if (sc->input == MENU_INPUT_NONE) {
                        digit[0] = (char)('1' + in);
                        step(t, &st, digit, 1, (enum lang)l, CHECKED, &out);
                    } else if (sc->input == MENU_INPUT_TICKET) {
                        step(t, &st, ticket, strlen(ticket), (enum lang)l, CHECKED, &out);
                        FUZZ_CHECK(out.action == sc->action);
                    } else {
                        step(t, &st, texts[k], strlen(texts[k]), (enum lang)l, CHECKED, &out);
                        FUZZ_CHECK(out.action == sc->action);
                    }
                }
            }
        }
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char ticket[TICKET_CODE_LEN + 1];
    char buf[4096], why[256];
    struct reader r;
    enum lang l;
    int checked;

    if (size < 1 || size >= sizeof(buf))
        return 0;
    if (ticket[0] == '\0') {
        build_fixed(&fixed);
        FUZZ_CHECK(menu_tree_check(&fixed, why, sizeof(why)) == -1);
        ticket_code_make(1, 42, ticket);
    }
    l = (enum lang)(data[0] & 3); /* LANG_NONE, LANG_ID, LANG_JV, LANG_EN */
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = '\0';
    switch ((data[0] >> 2) & 3) {
    case 0:
        session(&fixed, buf, size - 1, l, DEFAULT_TREE);
        break;
    case 1:
        if (strlen(buf) == size - 1)
            stored(&fixed, buf);
        break;
    default:
        r.p = data + 1;
        r.n = size - 1;
        make_tree(&r, &built, ((data[0] >> 2) & 3) == 3);
        checked = menu_tree_check(&built, why, sizeof(why)) == -1;
        if (checked) {
            check_accepted(&built);
            walk_accepted(&built, ticket);
        } else {
            FUZZ_CHECK(strlen(why) > 0);
        }
        session(&built, (const char *)r.p, r.n, l, checked ? CHECKED : ANY_TREE);
        break;
    }
    return 0;
}
