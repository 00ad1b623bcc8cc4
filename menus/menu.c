/*
 * The USSD menu state machine.  See menu.h for the contract.
 *
 * Every screen is put together by one function, compose(): an optional
 * error prefix, the title (with {text} replaced by what the citizen typed,
 * shortened at a word to the room the rest of the screen leaves), the
 * options and the footer.  menu_tree_check() composes each screen the same
 * way, in every language, with the error prefix that screen can show and
 * with an empty {text}: when that fits with at least TEXT_ROOM_MIN
 * characters to spare, any text fits too, because a text is only ever given
 * the room that is left.  So nothing a citizen can make a checked tree show
 * is longer than the tree's screen length (t->screen_max, USSD_SCREEN_MAX
 * when 0).
 *
 * A tree that was not checked must not crash the machine either: indices
 * and counts are kept in range wherever they are read, an option that leads
 * nowhere is treated as a wrong choice, and a screen that does not fit is
 * cut down to one screen of GSM-7 by gsm7_fit_words().
 *
 * The stored form of a state is
 *
 *     v1;s=5;k=0.3;e=0;c=jalan;t=jalan+rusak+di+Sooko
 *
 * s the screen, k the stack (oldest first), e ended, c the value an option
 * set and t the text typed.  c and t are percent-encoded (printable ASCII
 * but '%', ';' and '+' stays, a space becomes '+'); when that is longer
 * than plain hexadecimal, the key is upper case and the value is hex
 * ("T=E0A4A8...").  So the longest state (16 screens deep, 31 bytes set, 160
 * bytes of text, none of it ASCII) takes 449 bytes, within MENU_STATE_MAX.
 * There is exactly one encoding of each state: decoding re-encodes what it
 * read and refuses a string that differs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "menus/menu.h"
#include "parsers/gsm7.h"
#include "parsers/ticket.h"

#define TEXT_HOLE     "{text}"
#define TEXT_ROOM_MIN 20 /* characters a {text} in a title keeps at least */
#define STATE_VERSION "v1"

/* Where a screen that does not fit (an unchecked tree) is put together
 * before it is cut down: a title, nine labels with their numbers, the
 * longest prefix and footer, and a text of MENU_INPUT_MAX bytes that
 * transliteration may lengthen. */
#define SCRATCH_MAX                                                                                \
    (MENU_TEXT_MAX * (MENU_OPTIONS_MAX + 1) + 4 * MENU_OPTIONS_MAX + 4 * MENU_INPUT_MAX + 64)

static const char *const action_names[MENU_ACT__COUNT] = {
    [MENU_ACT_NONE] = "",
    [MENU_ACT_AGENDA] = "agenda",
    [MENU_ACT_COMPLAINT] = "complaint",
    [MENU_ACT_STATUS] = "status",
    [MENU_ACT_INFO] = "info",
    [MENU_ACT_SUBSCRIBE] = "subscribe",
    [MENU_ACT_UNSUBSCRIBE] = "unsubscribe",
};

static const char *const footer[LANG__COUNT] = {
    [LANG_NONE] = "0 Kembali 00 Menu",
    [LANG_ID] = "0 Kembali 00 Menu",
    [LANG_JV] = "0 Wangsul 00 Menu",
    [LANG_EN] = "0 Back 00 Menu",
};

/* What comes before a screen shown again after a wrong input. */
enum prefix { PREFIX_NONE = 0, PREFIX_CHOICE, PREFIX_TICKET, PREFIX__COUNT };

static const char *const prefixes[PREFIX__COUNT][LANG__COUNT] = {
    [PREFIX_NONE] = {"", "", "", ""},
    [PREFIX_CHOICE] = {"Pilihan salah. ", "Pilihan salah. ", "Pilihan lepat. ", "Wrong choice. "},
    [PREFIX_TICKET] = {"Nomor tiket salah. ", "Nomor tiket salah. ", "Nomer tiket lepat. ",
                       "Wrong ticket number. "},
};

static const char *const lang_names[LANG__COUNT] = {[LANG_NONE] = "default",
                                                    [LANG_ID] = "Indonesian",
                                                    [LANG_JV] = "Javanese",
                                                    [LANG_EN] = "English"};

const char *
menu_action_name(enum menu_action a)
{
    return (unsigned)a < MENU_ACT__COUNT ? action_names[a] : "";
}

int
menu_action_from_name(const char *name, enum menu_action *out)
{
    if (name == NULL)
        return -1;
    for (int a = 0; a < MENU_ACT__COUNT; a++) {
        if (strcmp(name, action_names[a]) == 0) {
            *out = (enum menu_action)a;
            return 0;
        }
    }
    return -1;
}

/* The number of screens, kept in range for a tree that was not checked. */
static int
tree_size(const struct menu_tree *t)
{
    if (t->nscreens < 0)
        return 0;
    return t->nscreens > MENU_SCREEN_MAX ? MENU_SCREEN_MAX : t->nscreens;
}

/* The characters of one screen of tree t: t->screen_max, USSD_SCREEN_MAX
 * when 0 (or, in a tree that was not checked, out of range). */
static int
screen_limit(const struct menu_tree *t)
{
    return t->screen_max > 0 && t->screen_max <= USSD_SCREEN_MAX ? t->screen_max : USSD_SCREEN_MAX;
}

/* The options a screen shows: none on an input screen. */
static int
screen_options(const struct menu_screen *sc)
{
    if (sc->input != MENU_INPUT_NONE || sc->noptions < 0)
        return 0;
    return sc->noptions > MENU_OPTIONS_MAX ? MENU_OPTIONS_MAX : sc->noptions;
}

int
menu_screen_find(const struct menu_tree *t, const char *id)
{
    if (id == NULL)
        return -1;
    for (int i = 0; i < tree_size(t); i++)
        if (strcmp(t->screens[i].id, id) == 0)
            return i;
    return -1;
}

static enum lang
lang_ok(enum lang l)
{
    return (unsigned)l < LANG__COUNT && l != LANG_NONE ? l : LANG_ID;
}

/* The text in language l, or the Indonesian one when it has none. */
static const char *
text_in(const struct menu_text *m, enum lang l)
{
    return m->s[l][0] != '\0' ? m->s[l] : m->s[LANG_ID];
}

/* Septets of a NUL-terminated UTF-8 string, -1 when it is not GSM-7. */
static ssize_t
septets(const char *s)
{
    return gsm7_septets(s, strlen(s));
}

/* True when the array of size bytes at s holds a NUL. */
static int
terminated(const char *s, size_t size)
{
    return memchr(s, '\0', size) != NULL;
}

/* A bounded string: what does not fit is dropped, and remembered. */
struct buf {
    char *p;
    size_t len, size; /* size > 0 */
    int full;
};

static void
buf_put(struct buf *b, const char *s, size_t n)
{
    if (b->full || b->len + n + 1 > b->size) {
        b->full = 1;
        return;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void
buf_puts(struct buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

/*
 * Puts screen i together in language l into out (outsz > 0 bytes): prefix,
 * title with {text} replaced by text shortened to budget septets, options,
 * and the footer on every screen but home.  Returns the length in bytes;
 * *full is set when out was too small.
 */
static size_t
compose(const struct menu_tree *t, int i, enum lang l, enum prefix pre, const char *text,
        size_t budget, char *out, size_t outsz, int *full)
{
    const struct menu_screen *sc = &t->screens[i];
    const char *title = text_in(&sc->title, l), *hole = strstr(title, TEXT_HOLE);
    struct buf b = {out, 0, outsz, 0};
    char num[8];

    out[0] = '\0';
    buf_puts(&b, prefixes[pre][l]);
    if (hole == NULL) {
        buf_puts(&b, title);
    } else {
        buf_put(&b, title, (size_t)(hole - title));
        if (budget > 0 && !b.full)
            b.len += gsm7_fit_words(text, strlen(text), budget, out + b.len, outsz - b.len);
        buf_puts(&b, hole + strlen(TEXT_HOLE));
    }
    for (int j = 0; j < screen_options(sc); j++) {
        snprintf(num, sizeof(num), "\n%d ", j + 1);
        buf_puts(&b, num);
        buf_puts(&b, text_in(&sc->options[j].label, l));
    }
    if (i != 0) {
        buf_puts(&b, "\n");
        buf_puts(&b, footer[l]);
    }
    *full = b.full;
    return b.len;
}

/*
 * Renders screen i as a citizen sees it into out (outsz bytes), with text
 * for {text}.  Returns its septets, or -1 when it holds a character outside
 * GSM-7 or does not fit the screen even with {text} empty (out then
 * holds something, but nothing to show).  *fixed, when not NULL, gets the
 * septets of the screen with {text} empty.
 */
static ssize_t
render(const struct menu_tree *t, int i, enum lang l, enum prefix pre, const char *text, char *out,
       size_t outsz, ssize_t *fixed)
{
    const char *title = text_in(&t->screens[i].title, l);
    ssize_t n0, n;
    int full;

    compose(t, i, l, pre, "", 0, out, outsz, &full);
    n0 = septets(out);
    if (fixed != NULL)
        *fixed = n0;
    if (full || n0 < 0 || n0 > screen_limit(t))
        return -1;
    if (strstr(title, TEXT_HOLE) == NULL || text[0] == '\0')
        return n0;
    compose(t, i, l, pre, text, (size_t)(screen_limit(t) - n0), out, outsz, &full);
    n = septets(out);
    return full || n < 0 || n > screen_limit(t) ? -1 : n;
}

/* Shows the screen st is on in out->screen, with prefix pre when it fits. */
static void
show(const struct menu_tree *t, const struct menu_state *st, enum lang l, enum prefix pre,
     struct menu_step *out)
{
    char scratch[SCRATCH_MAX];
    int full;
    size_t n;

    if (render(t, st->screen, l, pre, st->text, out->screen, sizeof(out->screen), NULL) >= 0)
        return;
    if (pre != PREFIX_NONE && render(t, st->screen, l, PREFIX_NONE, st->text, out->screen,
                                     sizeof(out->screen), NULL) >= 0)
        return;
    /* Only a tree menu_tree_check() refused gets here: what it says is cut
     * down to one screen of GSM-7. */
    n = compose(t, st->screen, l, PREFIX_NONE, st->text, 2 * MENU_INPUT_MAX, scratch,
                sizeof(scratch), &full);
    gsm7_fit_words(scratch, n, (size_t)screen_limit(t), out->screen, sizeof(out->screen));
}

/* ---- checking a tree ------------------------------------------------------ */

/* Fills why (whylen bytes, may be 0) and returns index, for one-line
 * error returns. */
static int __attribute__((format(printf, 4, 5)))
bad(int index, char *why, size_t whylen, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (why != NULL && whylen > 0)
        vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
    return index;
}

/* Checks where an option or an input leads: a screen or an action, not
 * both.  Returns NULL, or what is wrong (in reason, size bytes). */
static const char *
check_target(const struct menu_tree *t, int next, enum menu_action a, char *reason, size_t size)
{
    if ((unsigned)a >= MENU_ACT__COUNT)
        snprintf(reason, size, "has an unknown action (%d)", (int)a);
    else if (next < -1 || next >= tree_size(t))
        snprintf(reason, size, "leads to screen %d, which does not exist", next);
    else if (next >= 0 && a != MENU_ACT_NONE)
        snprintf(reason, size, "has both next and action (%s); give one", menu_action_name(a));
    else if (next < 0 && a == MENU_ACT_NONE)
        snprintf(reason, size, "has neither next nor action");
    else
        return NULL;
    return reason;
}

/* Checks that every text of screen i is GSM-7 and that the screen fits in
 * every language, as first shown and shown again after a wrong input.
 * Returns -1 or i, with why filled. */
static int
check_fit(const struct menu_tree *t, int i, char *why, size_t whylen)
{
    const struct menu_screen *sc = &t->screens[i];
    enum prefix again = sc->input == MENU_INPUT_TICKET ? PREFIX_TICKET : PREFIX_CHOICE;
    char buf[SCRATCH_MAX];

    for (int k = LANG_ID; k < LANG__COUNT; k++) {
        enum lang l = (enum lang)k;
        const char *title = text_in(&sc->title, l);

        if (septets(title) < 0)
            return bad(i, why, whylen, "the %s title has a character outside GSM-7", lang_names[l]);
        for (int j = 0; j < screen_options(sc); j++)
            if (septets(text_in(&sc->options[j].label, l)) < 0)
                return bad(i, why, whylen,
                           "the %s label of option %d has a character outside GSM-7", lang_names[l],
                           j + 1);
        for (int p = 0; p < 2; p++) {
            /* As first shown, and shown again after a wrong input. */
            enum prefix pre = p == 0 ? PREFIX_NONE : again;
            const char *when = p == 0 ? "" : " after a wrong input";
            ssize_t n;

            if (render(t, i, l, pre, "", buf, sizeof(buf), &n) < 0)
                return bad(i, why, whylen,
                           "the %s screen%s is %zd characters with its options and footer; "
                           "the most is %d",
                           lang_names[l], when, n, screen_limit(t));
            if (strstr(title, TEXT_HOLE) != NULL && screen_limit(t) - n < TEXT_ROOM_MIN)
                return bad(i, why, whylen,
                           "the %s screen%s leaves %zd characters for {text}; it needs %d",
                           lang_names[l], when, screen_limit(t) - n, TEXT_ROOM_MIN);
        }
    }
    return -1;
}

/* Checks one screen alone (not its reachability).  Returns -1 or i. */
static int
check_screen(const struct menu_tree *t, int i, char *why, size_t whylen)
{
    const struct menu_screen *sc = &t->screens[i];
    char reason[96];

    if (!terminated(sc->id, sizeof(sc->id)) || sc->id[0] == '\0')
        return bad(i, why, whylen, "the screen has no id");
    if (menu_screen_find(t, sc->id) != i)
        return bad(i, why, whylen, "the id \"%s\" is used by screen %d too", sc->id,
                   menu_screen_find(t, sc->id));
    for (int l = LANG_ID; l < LANG__COUNT; l++)
        if (!terminated(sc->title.s[l], sizeof(sc->title.s[l])))
            return bad(i, why, whylen, "the %s title has no end", lang_names[l]);
    if (sc->title.s[LANG_ID][0] == '\0')
        return bad(i, why, whylen, "the screen has no title");
    if (!terminated(sc->arg, sizeof(sc->arg)))
        return bad(i, why, whylen, "the argument has no end");
    switch (sc->input) {
    case MENU_INPUT_NONE:
        if (sc->noptions < 1 || sc->noptions > MENU_OPTIONS_MAX)
            return bad(i, why, whylen, "a list needs 1 to %d options, it has %d", MENU_OPTIONS_MAX,
                       sc->noptions);
        for (int j = 0; j < sc->noptions; j++) {
            const struct menu_option *o = &sc->options[j];

            for (int l = LANG_ID; l < LANG__COUNT; l++)
                if (!terminated(o->label.s[l], sizeof(o->label.s[l])))
                    return bad(i, why, whylen, "the %s label of option %d has no end",
                               lang_names[l], j + 1);
            if (!terminated(o->arg, sizeof(o->arg)) || !terminated(o->set, sizeof(o->set)))
                return bad(i, why, whylen, "the argument of option %d has no end", j + 1);
            if (o->label.s[LANG_ID][0] == '\0')
                return bad(i, why, whylen, "option %d has no label", j + 1);
            if (check_target(t, o->next, o->action, reason, sizeof(reason)) != NULL)
                return bad(i, why, whylen, "option %d %s", j + 1, reason);
        }
        break;
    case MENU_INPUT_TEXT:
    case MENU_INPUT_TICKET:
        if (sc->noptions != 0)
            return bad(i, why, whylen, "an input screen cannot have options");
        if (check_target(t, sc->next, sc->action, reason, sizeof(reason)) != NULL)
            return bad(i, why, whylen, "the input %s", reason);
        break;
    default:
        return bad(i, why, whylen, "the input type %d is unknown", (int)sc->input);
    }
    return check_fit(t, i, why, whylen);
}

int
menu_tree_check(const struct menu_tree *t, char *why, size_t whylen)
{
    int seen[MENU_SCREEN_MAX] = {0}, queue[MENU_SCREEN_MAX], head = 0, tail = 0, r;

    if (t->nscreens < 1 || t->nscreens > MENU_SCREEN_MAX)
        return bad(0, why, whylen, "the menu needs 1 to %d screens, it has %d", MENU_SCREEN_MAX,
                   t->nscreens);
    if (t->screen_max < 0 || t->screen_max > USSD_SCREEN_MAX)
        return bad(0, why, whylen, "a screen of %d characters is not within 1 to %d", t->screen_max,
                   USSD_SCREEN_MAX);
    for (int i = 0; i < t->nscreens; i++)
        if ((r = check_screen(t, i, why, whylen)) >= 0)
            return r;
    /* Every screen reachable from home, by a breadth-first walk. */
    seen[0] = 1;
    queue[tail++] = 0;
    while (head < tail) {
        const struct menu_screen *sc = &t->screens[queue[head++]];
        int n = sc->input == MENU_INPUT_NONE ? sc->noptions : 1;

        for (int j = 0; j < n; j++) {
            int next = sc->input == MENU_INPUT_NONE ? sc->options[j].next : sc->next;

            if (next >= 0 && !seen[next]) {
                seen[next] = 1;
                queue[tail++] = next;
            }
        }
    }
    for (int i = 0; i < t->nscreens; i++)
        if (!seen[i])
            return bad(i, why, whylen, "no option leads to the screen \"%s\" from home",
                       t->screens[i].id);
    return -1;
}

/* ---- the state machine ---------------------------------------------------- */

void
menu_state_start(struct menu_state *st)
{
    memset(st, 0, sizeof(*st));
}

/* True when st is a state of tree t (every index in range, every string
 * terminated); n is the number of screens it may name. */
static int
state_ok(const struct menu_state *st, int n)
{
    if (st->screen < 0 || st->screen >= n || st->depth < 0 || st->depth > MENU_DEPTH_MAX)
        return 0;
    for (int i = 0; i < st->depth; i++)
        if (st->stack[i] < 0 || st->stack[i] >= n)
            return 0;
    return terminated(st->set, sizeof(st->set)) && terminated(st->text, sizeof(st->text));
}

static void
step_reset(struct menu_step *out)
{
    memset(out, 0, sizeof(*out));
}

void
menu_home(const struct menu_tree *t, struct menu_state *st, enum lang l, struct menu_step *out)
{
    menu_state_start(st);
    step_reset(out);
    show(t, st, lang_ok(l), PREFIX_NONE, out);
}

/* Moves to screen next, remembering the current one for "0"; when the
 * stack is full, the oldest screen on it is forgotten. */
static void
push(struct menu_state *st, int next)
{
    if (st->depth == MENU_DEPTH_MAX) {
        memmove(st->stack, st->stack + 1, (MENU_DEPTH_MAX - 1) * sizeof(st->stack[0]));
        st->depth--;
    }
    st->stack[st->depth++] = st->screen;
    st->screen = next;
}

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Trims white space around the len bytes at *s. */
static void
trim(const char **s, size_t *len)
{
    while (*len > 0 && is_space((*s)[0]))
        (*s)++, (*len)--;
    while (*len > 0 && is_space((*s)[*len - 1]))
        (*len)--;
}

/* Reads a ticket number typed with spaces or dashes between its digits:
 * 7 digits with a valid check digit, into code.  Returns 0 or -1. */
static int
read_ticket(const char *s, size_t len, char code[TICKET_CODE_LEN + 1])
{
    size_t n = 0;

    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (n == TICKET_CODE_LEN)
                return -1;
            code[n++] = s[i];
        } else if (s[i] != ' ' && s[i] != '-') {
            return -1;
        }
    }
    code[n] = '\0';
    return n == TICKET_CODE_LEN && ticket_code_check(code, n, NULL) == NULL ? 0 : -1;
}

/* The length of the len bytes at s cut to at most max, before a UTF-8
 * character rather than inside one (for well-formed text). */
static size_t
utf8_cut(const char *s, size_t len, size_t max)
{
    size_t n;

    if (len <= max)
        return len;
    /* s[max] is the first byte cut off: step back over a character it
     * continues, at most three bytes. */
    for (n = max; n > 0 && n + 3 > max && ((unsigned char)s[n] & 0xc0) == 0x80; n--)
        ;
    return ((unsigned char)s[n] & 0xc0) == 0x80 ? max : n;
}

/*
 * Carries out what an option or an input leads to: the next screen, or an
 * action for the gateway (typed: what goes with it).  The state stays on
 * the screen that led to the action, so that the input after its result is
 * read there; a complaint ends the session.  Returns -1 when neither is
 * possible (only in a tree that was not checked).
 */
static int
lead(const struct menu_tree *t, struct menu_state *st, int next, enum menu_action a,
     const char *arg, const char *typed, enum lang l, struct menu_step *out)
{
    if (a == MENU_ACT_NONE) {
        if (next < 0 || next >= tree_size(t))
            return -1;
        push(st, next);
        show(t, st, l, PREFIX_NONE, out);
        return 0;
    }
    if ((unsigned)a >= MENU_ACT__COUNT)
        return -1;
    out->action = a;
    snprintf(out->arg, sizeof(out->arg), "%s", arg);
    snprintf(out->input, sizeof(out->input), "%s", typed);
    out->screen[0] = '\0';
    if (a == MENU_ACT_COMPLAINT) {
        /* The text of the complaint is the last one typed, wherever the
         * action is; the gateway reads st->set for its category. */
        snprintf(out->input, sizeof(out->input), "%s", st->text);
        out->end = 1;
        st->ended = 1;
    }
    return 0;
}

/* A choice of an option on a list. */
static void
step_choice(const struct menu_tree *t, struct menu_state *st, const char *in, size_t len,
            enum lang l, struct menu_step *out)
{
    const struct menu_screen *sc = &t->screens[st->screen];
    const struct menu_option *o;

    if (len != 1 || in[0] < '1' || in[0] >= '1' + screen_options(sc)) {
        show(t, st, l, PREFIX_CHOICE, out);
        return;
    }
    o = &sc->options[in[0] - '1'];
    if (o->set[0] != '\0' && terminated(o->set, sizeof(o->set)))
        snprintf(st->set, sizeof(st->set), "%s", o->set);
    if (lead(t, st, o->next, o->action, o->arg, "", l, out) < 0)
        show(t, st, l, PREFIX_CHOICE, out);
}

/* Free text, kept (cut to MENU_INPUT_MAX bytes) for {text} and actions. */
static void
step_text(const struct menu_tree *t, struct menu_state *st, const char *in, size_t len, enum lang l,
          struct menu_step *out)
{
    const struct menu_screen *sc = &t->screens[st->screen];

    len = utf8_cut(in, len, MENU_INPUT_MAX);
    trim(&in, &len);
    if (len == 0) {
        show(t, st, l, PREFIX_CHOICE, out);
        return;
    }
    memcpy(st->text, in, len);
    st->text[len] = '\0';
    if (lead(t, st, sc->next, sc->action, sc->arg, st->text, l, out) < 0)
        show(t, st, l, PREFIX_CHOICE, out);
}

/* A ticket number, kept as its seven digits. */
static void
step_ticket(const struct menu_tree *t, struct menu_state *st, const char *in, size_t len,
            enum lang l, struct menu_step *out)
{
    const struct menu_screen *sc = &t->screens[st->screen];
    char code[TICKET_CODE_LEN + 1];

    if (read_ticket(in, len, code) < 0) {
        show(t, st, l, PREFIX_TICKET, out);
        return;
    }
    snprintf(st->text, sizeof(st->text), "%s", code);
    if (lead(t, st, sc->next, sc->action, sc->arg, code, l, out) < 0)
        show(t, st, l, PREFIX_TICKET, out);
}

void
menu_step(const struct menu_tree *t, struct menu_state *st, const char *input, size_t len,
          enum lang l, struct menu_step *out)
{
    l = lang_ok(l);
    if (st->ended || !state_ok(st, tree_size(t))) {
        menu_home(t, st, l, out);
        return;
    }
    step_reset(out);
    /* What a citizen typed ends at a NUL, if one got in. */
    len = input != NULL ? strnlen(input, len) : 0;
    trim(&input, &len);
    if (len == 2 && memcmp(input, "00", 2) == 0) {
        menu_home(t, st, l, out);
        return;
    }
    if (len == 1 && input[0] == '0') {
        /* Back; with nothing to go back to, home. */
        st->screen = st->depth > 0 ? st->stack[--st->depth] : 0;
        show(t, st, l, PREFIX_NONE, out);
        return;
    }
    switch (t->screens[st->screen].input) {
    case MENU_INPUT_TEXT:
        step_text(t, st, input, len, l, out);
        break;
    case MENU_INPUT_TICKET:
        step_ticket(t, st, input, len, l, out);
        break;
    default:
        step_choice(t, st, input, len, l, out);
        break;
    }
}

void
menu_replay(const struct menu_tree *t, struct menu_state *st, const char *path, size_t len,
            enum lang l, struct menu_step *out)
{
    size_t start = 0;

    menu_home(t, st, l, out);
    if (path == NULL || len == 0)
        return;
    /* An action in the middle of the path was shown then; the state it
     * left is where the next input is read. */
    for (size_t i = 0; i <= len; i++) {
        if (i == len || path[i] == '*') {
            menu_step(t, st, path + start, i - start, l, out);
            start = i + 1;
        }
    }
}

size_t
menu_result(const struct menu_tree *t, const char *text, int end, enum lang l, char *out,
            size_t outsz)
{
    const char *f = footer[lang_ok(l)];
    size_t flen = strlen(f), max = (size_t)screen_limit(t), n;

    if (outsz == 0)
        return 0;
    if (text == NULL)
        text = "";
    /* gsm7_fit_words() transliterates as gsm7_transliterate() does. */
    if (end || outsz < flen + 2)
        return gsm7_fit_words(text, strlen(text), max, out, outsz);
    /* The footer is ASCII: its septets are its bytes. */
    n = gsm7_fit_words(text, strlen(text), max - flen - 1, out, outsz - flen - 1);
    if (n > 0)
        out[n++] = '\n';
    memcpy(out + n, f, flen + 1);
    return n + flen;
}

/* ---- storing a state ------------------------------------------------------ */

static const char hex_digits[] = "0123456789ABCDEF";

/* True for a byte the percent form keeps as it is. */
static int
plain_byte(unsigned char c)
{
    return c > ' ' && c < 0x7f && c != '%' && c != ';' && c != '+';
}

/* Writes key=value for string s: percent-encoded, or key in upper case
 * and hex when that is shorter. */
static void
put_field(struct buf *b, char key, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), pct = 0;
    char c[4] = {0};

    for (size_t i = 0; i < n; i++)
        pct += plain_byte(p[i]) || p[i] == ' ' ? 1 : 3;
    c[0] = ';';
    c[1] = 2 * n < pct ? (char)(key - 'a' + 'A') : key;
    c[2] = '=';
    buf_put(b, c, 3);
    for (size_t i = 0; i < n; i++) {
        if (2 * n < pct) {
            c[0] = hex_digits[p[i] >> 4];
            c[1] = hex_digits[p[i] & 15];
            buf_put(b, c, 2);
        } else if (plain_byte(p[i]) || p[i] == ' ') {
            c[0] = p[i] == ' ' ? '+' : (char)p[i];
            buf_put(b, c, 1);
        } else {
            c[0] = '%';
            c[1] = hex_digits[p[i] >> 4];
            c[2] = hex_digits[p[i] & 15];
            buf_put(b, c, 3);
        }
    }
}

size_t
menu_state_encode(const struct menu_state *st, char *out, size_t outsz)
{
    struct buf b = {out, 0, outsz, 0};
    char num[24];

    if (outsz == 0)
        return 0;
    out[0] = '\0';
    if (!state_ok(st, MENU_SCREEN_MAX))
        return 0;
    snprintf(num, sizeof(num), STATE_VERSION ";s=%d;k=", st->screen);
    buf_puts(&b, num);
    for (int i = 0; i < st->depth; i++) {
        snprintf(num, sizeof(num), "%s%d", i > 0 ? "." : "", st->stack[i]);
        buf_puts(&b, num);
    }
    buf_puts(&b, st->ended ? ";e=1" : ";e=0");
    put_field(&b, 'c', st->set);
    put_field(&b, 't', st->text);
    if (b.full) {
        out[0] = '\0';
        return 0;
    }
    return b.len;
}

/* Reads a screen index below n at *p; returns it or -1. */
static int
read_index(const char **p, int n)
{
    int v = 0, digits = 0;

    while (**p >= '0' && **p <= '9' && digits < 3) {
        v = v * 10 + (**p - '0');
        (*p)++;
        digits++;
    }
    return digits > 0 && v < n ? v : -1;
}

static int
hex_value(char c)
{
    const char *d = c != '\0' ? strchr(hex_digits, c) : NULL;

    return d != NULL ? (int)(d - hex_digits) : -1;
}

/* Reads ";key=" or ";KEY=" and the value up to ';' or the end into dst
 * (size bytes), as put_field() wrote it.  Returns 0 or -1. */
static int
read_field(const char **p, char key, char *dst, size_t size)
{
    const char *s = *p;
    int hex;
    size_t n = 0;

    if (s[0] != ';' || (s[1] != key && s[1] != key - 'a' + 'A') || s[2] != '=')
        return -1;
    hex = s[1] != key;
    for (s += 3; *s != '\0' && *s != ';';) {
        int c, hi, lo;

        if (hex || *s == '%') {
            s += hex ? 0 : 1;
            if ((hi = hex_value(s[0])) < 0 || (lo = hex_value(s[1])) < 0)
                return -1;
            c = hi * 16 + lo;
            s += 2;
        } else if (*s == '+') {
            c = ' ';
            s++;
        } else if (plain_byte((unsigned char)*s)) {
            c = (unsigned char)*s++;
        } else {
            return -1;
        }
        if (c == 0 || n + 1 >= size)
            return -1;
        dst[n++] = (char)c;
    }
    dst[n] = '\0';
    *p = s;
    return 0;
}

int
menu_state_decode(const struct menu_tree *t, const char *s, struct menu_state *st)
{
    struct menu_state d;
    char again[MENU_STATE_MAX];
    const char *p = s;
    int n = tree_size(t);

    menu_state_start(&d);
    if (s == NULL || strncmp(p, STATE_VERSION ";s=", 5) != 0)
        goto fail;
    p += 5;
    if ((d.screen = read_index(&p, n)) < 0 || strncmp(p, ";k=", 3) != 0)
        goto fail;
    p += 3;
    while (*p != ';') {
        if (d.depth == MENU_DEPTH_MAX || (d.depth > 0 && *p != '.'))
            goto fail;
        p += d.depth > 0;
        if ((d.stack[d.depth++] = read_index(&p, n)) < 0)
            goto fail;
    }
    if (strncmp(p, ";e=", 3) != 0 || (p[3] != '0' && p[3] != '1'))
        goto fail;
    d.ended = p[3] == '1';
    p += 4;
    if (read_field(&p, 'c', d.set, sizeof(d.set)) < 0 ||
        read_field(&p, 't', d.text, sizeof(d.text)) < 0 || *p != '\0')
        goto fail;
    /* One string per state: "s=01", "%41" for "A" and the like are not
     * what encoding writes, and are refused. */
    if (menu_state_encode(&d, again, sizeof(again)) == 0 || strcmp(again, s) != 0)
        goto fail;
    *st = d;
    return 0;

fail:
    menu_state_start(st);
    return -1;
}
