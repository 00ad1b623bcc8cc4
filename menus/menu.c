/*
 * The USSD menu state machine.  See menu.h for the contract.
 *
 * Every screen is rendered by one function, screen_render(), from its
 * title, its options and its footer, with an optional error prefix; the
 * check of a tree renders each screen with the longest prefix and, for
 * {text}, the longest text it could show, so that nothing a citizen can
 * make the service show is ever longer than USSD_SCREEN_MAX.
 */
#include <stdio.h>
#include <string.h>

#include "menus/menu.h"
#include "parsers/gsm7.h"
#include "parsers/ticket.h"

#define TEXT_ROOM_MIN 20 /* characters a {text} in a title keeps at least */

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

/* What goes before a screen shown again. */
enum prefix { PREFIX_NONE = 0, PREFIX_CHOICE, PREFIX_TICKET, PREFIX__COUNT };

static const char *const prefixes[PREFIX__COUNT][LANG__COUNT] = {
    [PREFIX_NONE] = {"", "", "", ""},
    [PREFIX_CHOICE] = {"Pilihan salah. ", "Pilihan salah. ", "Pilihan lepat. ", "Wrong choice. "},
    [PREFIX_TICKET] = {"Nomor tiket salah. ", "Nomor tiket salah. ", "Nomer tiket lepat. ",
                       "Wrong ticket number. "},
};

const char *
menu_action_name(enum menu_action a)
{
    return (unsigned)a < MENU_ACT__COUNT ? action_names[a] : "";
}

int
menu_action_from_name(const char *name, enum menu_action *out)
{
    for (int a = 0; a < MENU_ACT__COUNT; a++) {
        if (strcmp(name, action_names[a]) == 0) {
            *out = (enum menu_action)a;
            return 0;
        }
    }
    return -1;
}

int
menu_screen_find(const struct menu_tree *t, const char *id)
{
    for (int i = 0; i < t->nscreens; i++)
        if (strcmp(t->screens[i].id, id) == 0)
            return i;
    return -1;
}

/* The text in language l, falling back to Indonesian. */
static const char *
text_in(const struct menu_text *m, enum lang l)
{
    if ((unsigned)l >= LANG__COUNT || l == LANG_NONE || m->s[l][0] == '\0')
        return m->s[LANG_ID];
    return m->s[l];
}

static enum lang
lang_ok(enum lang l)
{
    return (unsigned)l < LANG__COUNT && l != LANG_NONE ? l : LANG_ID;
}

/* Septets of UTF-8 text, -1 when it is not GSM-7. */
static ssize_t
septets(const char *s)
{
    return gsm7_septets(s, strlen(s));
}

/* A bounded string builder: what does not fit is dropped, and reported. */
struct out {
    char *p;
    size_t len, size;
    int overflow;
};

static void
out_put(struct out *o, const char *s)
{
    size_t n = strlen(s);

    if (o->len + n + 1 > o->size) {
        o->overflow = 1;
        return;
    }
    memcpy(o->p + o->len, s, n + 1);
    o->len += n;
}

/*
 * Renders screen sc in language l into buf (size bytes): prefix, title
 * (with {text} replaced by text, shortened to what the screen leaves),
 * options, footer.  Returns the septets of the result, or -1 when it does
 * not fit USSD_SCREEN_MAX (or buf) or holds a character outside GSM-7.
 */
static ssize_t
screen_render(const struct menu_tree *t, int index, enum lang l, enum prefix pre, const char *text,
              char *buf, size_t size)
{
    const struct menu_screen *sc = &t->screens[index];
    struct out o = {buf, 0, size, 0};
    char rest[USSD_SCREEN_MAX * 4 + 1], line[MENU_TEXT_MAX + 8], fitted[USSD_SCREEN_MAX * 4 + 1];
    const char *title = text_in(&sc->title, l), *hole = strstr(title, "{text}");
    struct out r = {rest, 0, sizeof(rest), 0};
    ssize_t used, n;

    buf[0] = '\0';
    /* Everything but the title's {text}: options and footer. */
    rest[0] = '\0';
    for (int i = 0; i < sc->noptions; i++) {
        snprintf(line, sizeof(line), "\n%d %s", i + 1, text_in(&sc->options[i].label, l));
        out_put(&r, line);
    }
    if (index != 0) {
        out_put(&r, "\n");
        out_put(&r, footer[l]);
    }
    out_put(&o, prefixes[pre][l]);
    if (hole == NULL) {
        out_put(&o, title);
    } else {
        /* Title before and after {text}; the text gets what is left. */
        char before[MENU_TEXT_MAX], after[MENU_TEXT_MAX];
        size_t b = (size_t)(hole - title);

        snprintf(before, sizeof(before), "%.*s", (int)b, title);
        snprintf(after, sizeof(after), "%s", hole + 6);
        out_put(&o, before);
        used = septets(buf) + septets(after) + septets(rest);
        if (used < 0 || used > USSD_SCREEN_MAX)
            return -1;
        gsm7_fit_words(text != NULL ? text : "", text != NULL ? strlen(text) : 0,
                       (size_t)(USSD_SCREEN_MAX - used), fitted, sizeof(fitted));
        out_put(&o, fitted);
        out_put(&o, after);
    }
    out_put(&o, rest);
    if (o.overflow || r.overflow)
        return -1;
    n = septets(buf);
    return n < 0 || n > USSD_SCREEN_MAX ? -1 : n;
}

/* Checks one screen: texts GSM-7 and the longest rendering in budget. */
static const char *
check_render(const struct menu_tree *t, int i, char *why, size_t whylen)
{
    const struct menu_screen *sc = &t->screens[i];
    char buf[USSD_SCREEN_MAX * 4 + 64];
    static const char *const lang_names[LANG__COUNT] = {"", "Indonesian", "Javanese", "English"};

    for (int l = LANG_ID; l < LANG__COUNT; l++) {
        const char *title = text_in(&sc->title, (enum lang)l);

        if (septets(title) < 0) {
            snprintf(why, whylen, "the %s title has a character outside GSM-7", lang_names[l]);
            return why;
        }
        for (int j = 0; j < sc->noptions; j++) {
            if (septets(text_in(&sc->options[j].label, (enum lang)l)) < 0) {
                snprintf(why, whylen, "the %s label of option %d has a character outside GSM-7",
                         lang_names[l], j + 1);
                return why;
            }
        }
        /* As first shown, and shown again after a wrong input. */
        for (int p = 0; p < 2; p++) {
            enum prefix pre = p == 0                           ? PREFIX_NONE
                              : sc->input == MENU_INPUT_TICKET ? PREFIX_TICKET
                                                               : PREFIX_CHOICE;
            ssize_t n = screen_render(t, i, (enum lang)l, pre, "", buf, sizeof(buf));

            if (n < 0) {
                snprintf(why, whylen,
                         "the %s screen is longer than %d characters with its options and "
                         "footer%s",
                         lang_names[l], USSD_SCREEN_MAX,
                         pre != PREFIX_NONE ? " (shown again after a wrong input)" : "");
                return why;
            }
            if (strstr(title, "{text}") != NULL && USSD_SCREEN_MAX - n < TEXT_ROOM_MIN) {
                snprintf(why, whylen,
                         "the %s screen leaves %zd characters for {text}; it needs at least %d",
                         lang_names[l], (ssize_t)USSD_SCREEN_MAX - n, TEXT_ROOM_MIN);
                return why;
            }
        }
    }
    return NULL;
}

/* Checks where an option or an input leads. */
static const char *
check_target(const struct menu_tree *t, int next, enum menu_action a, const char *what, char *why,
             size_t whylen)
{
    if (next >= t->nscreens) {
        snprintf(why, whylen, "%s leads to a screen that does not exist", what);
        return why;
    }
    if (next >= 0 && a != MENU_ACT_NONE) {
        snprintf(why, whylen, "%s has both next and action; give one", what);
        return why;
    }
    if (next < 0 && a == MENU_ACT_NONE) {
        snprintf(why, whylen, "%s has neither next nor action", what);
        return why;
    }
    if ((unsigned)a >= MENU_ACT__COUNT) {
        snprintf(why, whylen, "%s has an unknown action", what);
        return why;
    }
    return NULL;
}

int
menu_tree_check(const struct menu_tree *t, char *why, size_t whylen)
{
    int seen[MENU_SCREEN_MAX] = {0}, queue[MENU_SCREEN_MAX], head = 0, tail = 0;
    char what[64];

    if (t->nscreens < 1 || t->nscreens > MENU_SCREEN_MAX) {
        snprintf(why, whylen, "the menu needs 1 to %d screens", MENU_SCREEN_MAX);
        return 0;
    }
    for (int i = 0; i < t->nscreens; i++) {
        const struct menu_screen *sc = &t->screens[i];

        if (sc->id[0] == '\0') {
            snprintf(why, whylen, "the screen has no id");
            return i;
        }
        if (menu_screen_find(t, sc->id) != i) {
            snprintf(why, whylen, "the id \"%s\" is used by another screen too", sc->id);
            return i;
        }
        if (sc->title.s[LANG_ID][0] == '\0') {
            snprintf(why, whylen, "the screen has no title");
            return i;
        }
        if (sc->input == MENU_INPUT_NONE) {
            if (sc->noptions < 1 || sc->noptions > MENU_OPTIONS_MAX) {
                snprintf(why, whylen, "a list needs 1 to %d options, it has %d", MENU_OPTIONS_MAX,
                         sc->noptions);
                return i;
            }
            for (int j = 0; j < sc->noptions; j++) {
                const struct menu_option *o = &sc->options[j];

                snprintf(what, sizeof(what), "option %d", j + 1);
                if (o->label.s[LANG_ID][0] == '\0') {
                    snprintf(why, whylen, "option %d has no label", j + 1);
                    return i;
                }
                if (check_target(t, o->next, o->action, what, why, whylen) != NULL)
                    return i;
            }
        } else {
            if (sc->noptions != 0) {
                snprintf(why, whylen, "an input screen cannot have options");
                return i;
            }
            if (check_target(t, sc->next, sc->action, "the input", why, whylen) != NULL)
                return i;
        }
        if (check_render(t, i, why, whylen) != NULL)
            return i;
    }
    /* Every screen reachable from home. */
    seen[0] = 1;
    queue[tail++] = 0;
    while (head < tail) {
        const struct menu_screen *sc = &t->screens[queue[head++]];
        int targets[MENU_OPTIONS_MAX + 1], n = 0;

        if (sc->input == MENU_INPUT_NONE)
            for (int j = 0; j < sc->noptions; j++)
                targets[n++] = sc->options[j].next;
        else
            targets[n++] = sc->next;
        for (int j = 0; j < n; j++) {
            if (targets[j] >= 0 && !seen[targets[j]]) {
                seen[targets[j]] = 1;
                queue[tail++] = targets[j];
            }
        }
    }
    for (int i = 0; i < t->nscreens; i++) {
        if (!seen[i]) {
            snprintf(why, whylen, "no option leads to this screen from home");
            return i;
        }
    }
    return -1;
}

void
menu_state_start(struct menu_state *st)
{
    memset(st, 0, sizeof(*st));
}

/* Shows screen st->screen with an optional prefix. */
static void
show(const struct menu_tree *t, const struct menu_state *st, enum lang l, enum prefix pre,
     struct menu_step *out)
{
    if (screen_render(t, st->screen, l, pre, st->text, out->screen, sizeof(out->screen)) < 0)
        screen_render(t, st->screen, l, PREFIX_NONE, st->text, out->screen, sizeof(out->screen));
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

/* Moves to screen next, remembering the current one for "0". */
static void
go(struct menu_state *st, int next)
{
    if (st->depth == MENU_DEPTH_MAX) {
        memmove(st->stack, st->stack + 1, (MENU_DEPTH_MAX - 1) * sizeof(st->stack[0]));
        st->depth--;
    }
    st->stack[st->depth++] = st->screen;
    st->screen = next;
}

/* Trims spaces (and line breaks) around len bytes at s. */
static void
trim(const char **s, size_t *len)
{
    while (*len > 0 && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\r' || (*s)[0] == '\n'))
        (*s)++, (*len)--;
    while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r' ||
                        (*s)[*len - 1] == '\n'))
        (*len)--;
}

/* Reads a ticket number typed with spaces or dashes: 7 digits with a valid
 * check digit into code (8 bytes); returns 0 or -1. */
static int
read_ticket(const char *s, size_t len, char code[8])
{
    size_t n = 0;

    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (n == 7)
                return -1;
            code[n++] = s[i];
        } else if (s[i] != ' ' && s[i] != '-' && s[i] != '.') {
            return -1;
        }
    }
    code[n] = '\0';
    return n == 7 && ticket_code_check(code, 7, NULL) == NULL ? 0 : -1;
}

/* Cuts len bytes of UTF-8 at a character boundary to fit max bytes. */
static size_t
utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    len = max;
    while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
        len--;
    return len;
}

/* Carries out what an option or input leads to: a screen or an action. */
static void
lead(const struct menu_tree *t, struct menu_state *st, int next, enum menu_action a,
     const char *arg, enum lang l, struct menu_step *out)
{
    if (a == MENU_ACT_NONE && next >= 0 && next < t->nscreens) {
        go(st, next);
        show(t, st, l, PREFIX_NONE, out);
        return;
    }
    out->action = a;
    snprintf(out->arg, sizeof(out->arg), "%s", arg);
    out->screen[0] = '\0';
    if (a == MENU_ACT_COMPLAINT) {
        snprintf(out->input, sizeof(out->input), "%s", st->text);
        out->end = 1;
        st->ended = 1;
    }
}

void
menu_step(const struct menu_tree *t, struct menu_state *st, const char *input, size_t len,
          enum lang l, struct menu_step *out)
{
    const struct menu_screen *sc;
    char code[8];

    l = lang_ok(l);
    step_reset(out);
    if (st->ended || st->screen < 0 || st->screen >= t->nscreens || st->depth < 0 ||
        st->depth > MENU_DEPTH_MAX) {
        menu_home(t, st, l, out);
        return;
    }
    sc = &t->screens[st->screen];
    trim(&input, &len);
    if (len == 2 && memcmp(input, "00", 2) == 0) {
        menu_home(t, st, l, out);
        return;
    }
    if (len == 1 && input[0] == '0') {
        if (st->depth > 0)
            st->screen = st->stack[--st->depth];
        show(t, st, l, PREFIX_NONE, out);
        return;
    }
    switch (sc->input) {
    case MENU_INPUT_NONE:
        if (len == 1 && input[0] >= '1' && input[0] < '1' + sc->noptions) {
            const struct menu_option *o = &sc->options[input[0] - '1'];

            if (o->set[0] != '\0')
                snprintf(st->set, sizeof(st->set), "%s", o->set);
            lead(t, st, o->next, o->action, o->arg, l, out);
            return;
        }
        show(t, st, l, PREFIX_CHOICE, out);
        return;
    case MENU_INPUT_TEXT:
        if (len == 0) {
            show(t, st, l, PREFIX_CHOICE, out);
            return;
        }
        len = utf8_cut(input, len, MENU_INPUT_MAX);
        memcpy(st->text, input, len);
        st->text[len] = '\0';
        snprintf(out->input, sizeof(out->input), "%s", st->text);
        lead(t, st, sc->next, sc->action, sc->arg, l, out);
        return;
    case MENU_INPUT_TICKET:
        if (read_ticket(input, len, code) < 0) {
            show(t, st, l, PREFIX_TICKET, out);
            return;
        }
        lead(t, st, sc->next, sc->action, sc->arg, l, out);
        snprintf(out->input, sizeof(out->input), "%s", code);
        return;
    }
}

void
menu_replay(const struct menu_tree *t, struct menu_state *st, const char *path, size_t len,
            enum lang l, struct menu_step *out)
{
    size_t start = 0;

    menu_home(t, st, l, out);
    if (len == 0)
        return;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || path[i] == '*') {
            menu_step(t, st, path + start, i - start, l, out);
            start = i + 1;
        }
    }
}

size_t
menu_result(const char *text, int end, enum lang l, char *out, size_t outsz)
{
    char plain[USSD_SCREEN_MAX * 4 + 1];
    const char *f = end ? "" : footer[lang_ok(l)];
    size_t room = USSD_SCREEN_MAX - (end ? 0 : strlen(f) + 1), n;

    if (outsz == 0)
        return 0;
    gsm7_transliterate(text, strlen(text), plain, sizeof(plain));
    n = gsm7_fit_words(plain, strlen(plain), room, out, outsz);
    if (!end && n + 1 + strlen(f) < outsz) {
        out[n++] = '\n';
        memcpy(out + n, f, strlen(f) + 1);
        n += strlen(f);
    }
    return n;
}

/* Percent-encodes s into o: only letters and digits stay as they are. */
static void
put_encoded(struct out *o, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    char c[4];

    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) {
            c[0] = (char)*p;
            c[1] = '\0';
        } else {
            c[0] = '%';
            c[1] = hex[*p >> 4];
            c[2] = hex[*p & 15];
            c[3] = '\0';
        }
        out_put(o, c);
    }
}

size_t
menu_state_encode(const struct menu_state *st, char *out, size_t outsz)
{
    struct out o = {out, 0, outsz, 0};
    char num[16];

    if (outsz == 0)
        return 0;
    out[0] = '\0';
    snprintf(num, sizeof(num), "v1;s=%d;k=", st->screen);
    out_put(&o, num);
    for (int i = 0; i < st->depth; i++) {
        snprintf(num, sizeof(num), "%s%d", i > 0 ? "." : "", st->stack[i]);
        out_put(&o, num);
    }
    out_put(&o, st->ended ? ";e=1;c=" : ";e=0;c=");
    put_encoded(&o, st->set);
    out_put(&o, ";t=");
    put_encoded(&o, st->text);
    if (o.overflow) {
        out[0] = '\0';
        return 0;
    }
    return o.len;
}

/* Reads a decimal number in [0, max) at *p; returns it or -1. */
static int
read_index(const char **p, int max)
{
    int v = 0, n = 0;

    while (**p >= '0' && **p <= '9' && n < 4) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n > 0 && v < max ? v : -1;
}

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes what put_encoded() wrote, up to ';' or the end, into dst (size
 * bytes); returns -1 for anything else. */
static int
read_encoded(const char **p, char *dst, size_t size)
{
    size_t n = 0;

    while (**p != '\0' && **p != ';') {
        int c = (unsigned char)**p;

        if (c == '%') {
            int h = hexval((*p)[1]), lo = h >= 0 ? hexval((*p)[2]) : -1;

            if (lo < 0)
                return -1;
            c = h * 16 + lo;
            *p += 3;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            (*p)++;
        } else {
            return -1;
        }
        if (c == 0 || n + 1 >= size)
            return -1;
        dst[n++] = (char)c;
    }
    dst[n] = '\0';
    return 0;
}

int
menu_state_decode(const struct menu_tree *t, const char *s, struct menu_state *st)
{
    struct menu_state d;
    const char *p = s;

    menu_state_start(&d);
    if (strncmp(p, "v1;s=", 5) != 0)
        goto bad;
    p += 5;
    if ((d.screen = read_index(&p, t->nscreens)) < 0 || strncmp(p, ";k=", 3) != 0)
        goto bad;
    p += 3;
    while (*p != ';') {
        if (d.depth == MENU_DEPTH_MAX || (d.depth > 0 && *p++ != '.'))
            goto bad;
        if ((d.stack[d.depth++] = read_index(&p, t->nscreens)) < 0)
            goto bad;
    }
    if (strncmp(p, ";e=0;c=", 7) != 0 && strncmp(p, ";e=1;c=", 7) != 0)
        goto bad;
    d.ended = p[3] == '1';
    p += 7;
    if (read_encoded(&p, d.set, sizeof(d.set)) < 0 || strncmp(p, ";t=", 3) != 0)
        goto bad;
    p += 3;
    if (read_encoded(&p, d.text, sizeof(d.text)) < 0 || *p != '\0')
        goto bad;
    *st = d;
    return 0;

bad:
    menu_state_start(st);
    return -1;
}
