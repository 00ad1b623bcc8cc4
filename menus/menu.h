/*
 * USSD menus: a tree of screens defined in the configuration, and the
 * session state machine that walks it.  Pure code: no I/O, no clock, no
 * allocation after menu_tree_new(); the gateway stores the state, carries
 * out the actions (reading the agenda, creating a ticket) and formats their
 * results with menu_result().
 *
 * A screen is a title and either numbered options (1-9) or an input (free
 * text, or a ticket number).  An option leads to another screen or carries
 * out an action; an input leads to another screen (keeping what was typed)
 * or carries out an action with it.  Everywhere but on the home screen, "0"
 * goes back one screen and "00" goes home.  What a citizen sees is rendered
 * as
 *
 *     TITLE
 *     1 LABEL
 *     2 LABEL
 *     0 Kembali 00 Menu
 *
 * and must fit USSD's 182 GSM-7 characters; menu_tree_check() proves that
 * for every screen in every language before the tree is used.
 */
#ifndef ASPIRASI_MENU_H
#define ASPIRASI_MENU_H

#include <stddef.h>

#include "parsers/intent.h"

#define MENU_SCREEN_MAX  64  /* screens in a tree */
#define MENU_OPTIONS_MAX 9   /* options on a screen: 1-9 */
#define MENU_ID_MAX      32  /* bytes of a screen id, with the NUL */
#define MENU_TEXT_MAX    184 /* bytes of a title or label in one language, with the NUL */
#define MENU_ARG_MAX     32  /* bytes of an action's argument, with the NUL */
#define MENU_DEPTH_MAX   16  /* screens on the way back */
#define MENU_INPUT_MAX   160 /* bytes of text a citizen may type on an input screen */
#define USSD_SCREEN_MAX  182 /* GSM-7 characters of one USSD screen */

/* What an option or an input carries out. */
enum menu_action {
    MENU_ACT_NONE = 0,  /* go to the next screen */
    MENU_ACT_AGENDA,    /* the agenda; arg: an agenda filter in words ("hari ini",
                           "minggu ini", "komisi 3"), read by agenda_filter_parse() */
    MENU_ACT_COMPLAINT, /* file a complaint with the text typed (and the category set) */
    MENU_ACT_STATUS,    /* the status of the ticket typed */
    MENU_ACT_INFO,      /* the information page of topic arg ("" for the list) */
    MENU_ACT_SUBSCRIBE, /* subscribe to announcements */
    MENU_ACT_UNSUBSCRIBE,
    MENU_ACT__COUNT
};

/* The name of an action as the configuration writes it: "agenda",
 * "complaint", "status", "info", "subscribe", "unsubscribe"; "" for none. */
const char *menu_action_name(enum menu_action a);

/* Looks up an action by name; returns 0 and sets *out, or -1. */
int menu_action_from_name(const char *name, enum menu_action *out);

enum menu_input {
    MENU_INPUT_NONE = 0, /* a list of options */
    MENU_INPUT_TEXT,     /* free text, 1 to MENU_INPUT_MAX bytes */
    MENU_INPUT_TICKET,   /* a ticket number: 7 digits with a valid check digit */
};

/* Text in each language; [LANG_ID] is required, the others fall back to it
 * when "". */
struct menu_text {
    char s[LANG__COUNT][MENU_TEXT_MAX];
};

struct menu_option {
    struct menu_text label;
    int next;                /* index of the next screen, -1 when the option acts */
    enum menu_action action; /* MENU_ACT_NONE when it leads to next */
    char arg[MENU_ARG_MAX];  /* the action's argument */
    char set[MENU_ARG_MAX];  /* remembered for the rest of the session when chosen
                                (a complaint's category), "" for nothing */
};

struct menu_screen {
    char id[MENU_ID_MAX];
    struct menu_text title;
    enum menu_input input;
    struct menu_option options[MENU_OPTIONS_MAX]; /* MENU_INPUT_NONE */
    int noptions;
    int next;                /* input screens: the next screen, or -1 */
    enum menu_action action; /* input screens: what the input carries out */
    char arg[MENU_ARG_MAX];
    int line; /* where the configuration defines it, for messages; 0 when built in */
};

/* A whole tree; screens[0] is home. */
struct menu_tree {
    struct menu_screen screens[MENU_SCREEN_MAX];
    int nscreens;
    int screen_max; /* characters of one screen, at most USSD_SCREEN_MAX; 0 means that */
};

/*
 * Checks a tree before it is used: home exists; every screen has a title
 * in Indonesian; a list has 1 to 9 options; every option and input leads to
 * an existing screen or carries out an action, not both; no screen is
 * unreachable from home; ids are unique; every text is GSM-7; and every
 * screen, rendered in every language with its footer (and with the longest
 * "Pilihan salah" prefix and the longest value of a {text} placeholder in a
 * title), fits t->screen_max.  Returns -1 when all is well, else the index
 * of the first bad screen, with the reason in why (whylen bytes), e.g.
 * "option 3 leads to unknown screen \"agnda\"".
 */
int menu_tree_check(const struct menu_tree *t, char *why, size_t whylen);

/* Looks up a screen by id; returns its index or -1. */
int menu_screen_find(const struct menu_tree *t, const char *id);

/* A session: where the citizen is and what was collected.  Plain data:
 * menu_state_encode() turns it into a short string to store. */
struct menu_state {
    int screen;                /* the screen shown last */
    int stack[MENU_DEPTH_MAX]; /* the screens before it, for "0" */
    int depth;
    char set[MENU_ARG_MAX];        /* what an option set ("category=jalan") */
    char text[MENU_INPUT_MAX + 1]; /* the last free text typed */
    int ended;                     /* the session is over */
};

/* The state of a new session: home. */
void menu_state_start(struct menu_state *st);

/* What one step asks of the gateway. */
struct menu_step {
    enum menu_action action;              /* MENU_ACT_NONE: just show screen */
    char arg[MENU_ARG_MAX];               /* the action's argument */
    char input[MENU_INPUT_MAX + 1];       /* the text or the ticket number typed, for the action */
    char screen[USSD_SCREEN_MAX * 4 + 1]; /* what to show (UTF-8 of GSM-7 text), when no action */
    int end;                              /* the session ends with this screen */
};

/*
 * One step: the citizen typed input (len bytes, spaces around it ignored)
 * on the screen st shows.  Updates st and fills *out: the next screen to
 * show, in language l; or an action for the gateway to carry out (then the
 * gateway shows menu_result()).  A choice that is not on the screen, an
 * empty input, or a ticket number whose check digit is wrong shows the same
 * screen again with "Pilihan salah." / "Nomor tiket salah." first.  Input
 * on a session that has ended starts again at home.  Never fails.
 */
void menu_step(const struct menu_tree *t, struct menu_state *st, const char *input, size_t len,
               enum lang l, struct menu_step *out);

/* The first screen of a session (home), in language l. */
void menu_home(const struct menu_tree *t, struct menu_state *st, enum lang l,
               struct menu_step *out);

/*
 * Replays a whole path as USSD aggregators send it ("2*1*jalan rusak",
 * inputs joined by '*', "" for a new session) from home, and leaves in *st
 * and *out what the last input gave: how a session whose row was lost is
 * rebuilt.  A '*' inside free text cannot be told apart and splits it.
 */
void menu_replay(const struct menu_tree *t, struct menu_state *st, const char *path, size_t len,
                 enum lang l, struct menu_step *out);

/*
 * Shows the outcome of an action as a screen of tree t in out (outsz
 * bytes): text (from the gateway: "Tiket 4821937: Sedang diproses", an
 * agenda answer, "Aduan tercatat, no tiket 4821937") made GSM-7 and
 * shortened to fit t->screen_max with the footer "0 Kembali 00 Menu" unless
 * end.  Returns the length.
 */
size_t menu_result(const struct menu_tree *t, const char *text, int end, enum lang l, char *out,
                   size_t outsz);

/* Encodes st as a printable ASCII string (at most MENU_STATE_MAX bytes with
 * the NUL) for storage, and decodes it; decode returns -1 for a string it
 * did not make or that does not fit tree t (then st is home). */
#define MENU_STATE_MAX 512
size_t menu_state_encode(const struct menu_state *st, char *out, size_t outsz);
int menu_state_decode(const struct menu_tree *t, const char *s, struct menu_state *st);

#endif
