/*
 * Fuzz target for menus/menu.c.  The first byte picks the language and
 * whether the rest is a session or a stored state:
 *
 *   - a session: the bytes, split at '*', are the inputs of a session on a
 *     tree shaped like the default one, stepped one by one and replayed as a
 *     whole; every screen shown must be GSM-7 and fit USSD_SCREEN_MAX, the
 *     state must stay in range, an action must carry no screen, and the
 *     state must survive encoding;
 *   - a stored state: the bytes are decoded, which must either fail (and
 *     leave home) or give a state in range that encodes back to the same
 *     string.
 *
 * Also: a tree whose screen titles come from the bytes is accepted by
 * menu_tree_check() only when every screen it can show fits.
 */
#include <stdint.h>
#include <string.h>

#include "menus/menu.h"
#include "parsers/gsm7.h"
#include "tests/fuzz/fuzz.h"

static struct menu_tree tree;

static void
screen(int i, const char *id, const char *title, enum menu_input input, int next,
       enum menu_action a)
{
    struct menu_screen *sc = &tree.screens[i];

    snprintf(sc->id, sizeof(sc->id), "%s", id);
    snprintf(sc->title.s[LANG_ID], sizeof(sc->title.s[LANG_ID]), "%s", title);
    sc->input = input;
    sc->next = next;
    sc->action = a;
}

static void
option(int i, const char *label, int next, enum menu_action a, const char *set)
{
    struct menu_option *o = &tree.screens[i].options[tree.screens[i].noptions++];

    snprintf(o->label.s[LANG_ID], sizeof(o->label.s[LANG_ID]), "%s", label);
    o->next = next;
    o->action = a;
    snprintf(o->set, sizeof(o->set), "%s", set);
}

static void
build(void)
{
    memset(&tree, 0, sizeof(tree));
    tree.nscreens = 5;
    screen(0, "home", "DPRD Kab. Mojokerto", MENU_INPUT_NONE, -1, MENU_ACT_NONE);
    option(0, "Agenda", 1, MENU_ACT_NONE, "");
    option(0, "Aduan", 2, MENU_ACT_NONE, "jalan");
    option(0, "Status", 4, MENU_ACT_NONE, "");
    screen(1, "agenda", "Agenda DPRD", MENU_INPUT_NONE, -1, MENU_ACT_NONE);
    option(1, "Hari ini", -1, MENU_ACT_AGENDA, "");
    option(1, "Daftar", -1, MENU_ACT_SUBSCRIBE, "");
    screen(2, "teks", "Tulis aduan:", MENU_INPUT_TEXT, 3, MENU_ACT_NONE);
    screen(3, "kirim", "Kirim aduan: {text}", MENU_INPUT_NONE, -1, MENU_ACT_NONE);
    option(3, "Kirim", -1, MENU_ACT_COMPLAINT, "");
    option(3, "Ubah", 2, MENU_ACT_NONE, "");
    screen(4, "status", "No tiket:", MENU_INPUT_TICKET, -1, MENU_ACT_STATUS);
}

static void
check_state(const struct menu_state *st)
{
    FUZZ_CHECK(st->screen >= 0 && st->screen < tree.nscreens);
    FUZZ_CHECK(st->depth >= 0 && st->depth <= MENU_DEPTH_MAX);
    for (int i = 0; i < st->depth; i++)
        FUZZ_CHECK(st->stack[i] >= 0 && st->stack[i] < tree.nscreens);
    FUZZ_CHECK(memchr(st->text, '\0', sizeof(st->text)) != NULL);
    FUZZ_CHECK(strlen(st->text) <= MENU_INPUT_MAX);
}

static void
check_step(const struct menu_step *out)
{
    ssize_t n = gsm7_septets(out->screen, strlen(out->screen));

    if (out->action != MENU_ACT_NONE) {
        FUZZ_CHECK(out->screen[0] == '\0');
        return;
    }
    FUZZ_CHECK(n > 0 && n <= USSD_SCREEN_MAX);
}

/* The same session state (bytes after the strings' NULs do not count). */
static int
same_state(const struct menu_state *a, const struct menu_state *b)
{
    if (a->screen != b->screen || a->depth != b->depth || a->ended != b->ended ||
        strcmp(a->set, b->set) != 0 || strcmp(a->text, b->text) != 0)
        return 0;
    return memcmp(a->stack, b->stack, (size_t)a->depth * sizeof(a->stack[0])) == 0;
}

static void
check_roundtrip(const struct menu_state *st)
{
    char enc[MENU_STATE_MAX];
    struct menu_state back;

    FUZZ_CHECK(menu_state_encode(st, enc, sizeof(enc)) > 0);
    FUZZ_CHECK(menu_state_decode(&tree, enc, &back) == 0);
    FUZZ_CHECK(same_state(st, &back));
}

static void
session(const char *p, size_t len, enum lang l)
{
    struct menu_state st, replayed;
    struct menu_step out, last;
    size_t start = 0;

    menu_home(&tree, &st, l, &out);
    check_step(&out);
    for (size_t i = 0; i <= len; i++) {
        if (i < len && p[i] != '*')
            continue;
        menu_step(&tree, &st, p + start, i - start, l, &out);
        check_state(&st);
        check_step(&out);
        check_roundtrip(&st);
        if (out.action == MENU_ACT_NONE) {
            char res[USSD_SCREEN_MAX * 4 + 1];

            menu_result(&tree, p + start, (int)(i & 1), l, res, sizeof(res));
            FUZZ_CHECK(gsm7_septets(res, strlen(res)) <= USSD_SCREEN_MAX);
        }
        start = i + 1;
    }
    last = out;
    if (len == 0)
        return; /* replaying an empty path is a new session, not an empty input */
    menu_replay(&tree, &replayed, p, len, l, &out);
    FUZZ_CHECK(same_state(&st, &replayed));
    FUZZ_CHECK(last.action == out.action && strcmp(last.screen, out.screen) == 0);
}

static void
stored(const char *s)
{
    struct menu_state st;
    char enc[MENU_STATE_MAX];

    if (menu_state_decode(&tree, s, &st) < 0) {
        FUZZ_CHECK(st.screen == 0 && st.depth == 0);
        return;
    }
    check_state(&st);
    FUZZ_CHECK(menu_state_encode(&st, enc, sizeof(enc)) > 0);
    FUZZ_CHECK(strcmp(enc, s) == 0);
}

/* A tree whose agenda title comes from the bytes: accepted only when its
 * screens fit, in every case shown. */
static void
titles(const char *s, size_t len, enum lang l)
{
    char why[256];
    struct menu_state st;
    struct menu_step out;

    snprintf(tree.screens[1].title.s[LANG_ID], MENU_TEXT_MAX, "%.*s",
             (int)(len < MENU_TEXT_MAX - 1 ? len : MENU_TEXT_MAX - 1), s);
    if (strlen(tree.screens[1].title.s[LANG_ID]) == 0 ||
        menu_tree_check(&tree, why, sizeof(why)) >= 0)
        return;
    menu_home(&tree, &st, l, &out);
    menu_step(&tree, &st, "1", 1, l, &out);
    check_step(&out);
    menu_step(&tree, &st, "9", 1, l, &out);
    check_step(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[4096];
    enum lang l;
    char why[256];

    if (size < 1 || size >= sizeof(buf))
        return 0;
    build();
    FUZZ_CHECK(menu_tree_check(&tree, why, sizeof(why)) == -1);
    l = (enum lang)(1 + data[0] % 3);
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = '\0';
    switch ((data[0] >> 2) % 3) {
    case 0:
        session(buf, size - 1, l);
        break;
    case 1:
        if (strlen(buf) == size - 1)
            stored(buf);
        break;
    default:
        titles(buf, size - 1, l);
        break;
    }
    return 0;
}
