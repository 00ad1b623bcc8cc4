/*
 * ussd.menu: a list of screens, each a group
 *
 *   { id = "status"; title = "Ketik no tiket (7 angka):"; title_en = "...";
 *     input = "ticket"; action = "status"; }
 *   { id = "home"; title = "DPRD Kab. Mojokerto";
 *     options = ( { label = "Agenda"; next = "agenda"; }, ... ); }
 *
 * read in two passes: the ids first, so that an option may lead to a
 * screen defined further down, then everything else.  The first screen is
 * home.  What no single key can show (an unreachable screen, a screen too
 * long in one language) is found by menu_tree_check() and reported at the
 * screen's line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config/menu_cfg.h"

struct reader {
    struct menu_tree *t;
    menu_cfg_err err;
    void *ctx;
    int nerrors;
};

static void __attribute__((format(printf, 3, 4)))
fail(struct reader *r, const config_setting_t *at, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    r->err(r->ctx, at, msg);
    r->nerrors++;
}

static const char *const lang_suffix[LANG__COUNT] = {
    [LANG_ID] = "", [LANG_JV] = "_jv", [LANG_EN] = "_en"};

/* Copies string setting m into dst (size bytes); reports it when it is not
 * a string or too long. */
static void
get_string(struct reader *r, const config_setting_t *m, const char *what, char *dst, size_t size)
{
    const char *v;

    if (config_setting_type(m) != CONFIG_TYPE_STRING) {
        fail(r, m, "%s must be a string", what);
        return;
    }
    v = config_setting_get_string(m);
    if (strlen(v) >= size) {
        fail(r, m, "%s is longer than %zu bytes", what, size - 1);
        return;
    }
    snprintf(dst, size, "%s", v);
}

/* A key of a text in one of the languages: "title", "title_jv", "title_en". */
static int
text_key(const char *key, const char *base, enum lang *l)
{
    size_t n = strlen(base);

    if (strncmp(key, base, n) != 0)
        return 0;
    for (int i = LANG_ID; i < LANG__COUNT; i++) {
        if (strcmp(key + n, lang_suffix[i]) == 0) {
            *l = (enum lang)i;
            return 1;
        }
    }
    return 0;
}

/* The screen an id names, reported when there is none. */
static int
resolve(struct reader *r, const config_setting_t *m, const char *what, const char *id)
{
    int i = menu_screen_find(r->t, id);

    if (i < 0)
        fail(r, m, "%s leads to unknown screen \"%s\"", what, id);
    return i;
}

static void
get_action(struct reader *r, const config_setting_t *m, const char *what, enum menu_action *a)
{
    char name[32] = "";

    get_string(r, m, what, name, sizeof(name));
    if (name[0] != '\0' && (menu_action_from_name(name, a) < 0 || *a == MENU_ACT_NONE))
        fail(r, m,
             "%s \"%s\" is not one of agenda, complaint, status, info, subscribe, unsubscribe",
             what, name);
}

static void
read_option(struct reader *r, const config_setting_t *g, const char *where, struct menu_option *o)
{
    char what[96], next[MENU_ID_MAX] = "";
    const config_setting_t *next_at = NULL;
    enum lang l;

    o->next = -1;
    if (!config_setting_is_group(g)) {
        fail(r, g, "%s must be a group, as in { label = \"...\"; next = \"...\"; }", where);
        return;
    }
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *key = config_setting_name(m);

        snprintf(what, sizeof(what), "%s.%s", where, key);
        if (text_key(key, "label", &l))
            get_string(r, m, what, o->label.s[l], sizeof(o->label.s[l]));
        else if (strcmp(key, "next") == 0)
            get_string(r, m, what, next, sizeof(next)), next_at = m;
        else if (strcmp(key, "action") == 0)
            get_action(r, m, what, &o->action);
        else if (strcmp(key, "arg") == 0)
            get_string(r, m, what, o->arg, sizeof(o->arg));
        else if (strcmp(key, "set") == 0)
            get_string(r, m, what, o->set, sizeof(o->set));
        else
            fail(r, m, "unknown key \"%s\"", what);
    }
    if (next_at != NULL && next[0] != '\0')
        o->next = resolve(r, next_at, where, next);
}

static void
read_screen(struct reader *r, const config_setting_t *g, int idx, struct menu_screen *sc)
{
    char what[96], where[64], next[MENU_ID_MAX] = "", input[16] = "";
    const config_setting_t *next_at = NULL;
    enum lang l;

    sc->next = -1;
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *key = config_setting_name(m);

        snprintf(what, sizeof(what), "ussd.menu[%d].%s", idx, key);
        if (strcmp(key, "id") == 0) {
            continue; /* read in the first pass */
        } else if (text_key(key, "title", &l)) {
            get_string(r, m, what, sc->title.s[l], sizeof(sc->title.s[l]));
        } else if (strcmp(key, "input") == 0) {
            get_string(r, m, what, input, sizeof(input));
            if (strcmp(input, "text") == 0)
                sc->input = MENU_INPUT_TEXT;
            else if (strcmp(input, "ticket") == 0)
                sc->input = MENU_INPUT_TICKET;
            else
                fail(r, m, "%s \"%s\" is not text or ticket", what, input);
        } else if (strcmp(key, "next") == 0) {
            get_string(r, m, what, next, sizeof(next));
            next_at = m;
        } else if (strcmp(key, "action") == 0) {
            get_action(r, m, what, &sc->action);
        } else if (strcmp(key, "arg") == 0) {
            get_string(r, m, what, sc->arg, sizeof(sc->arg));
        } else if (strcmp(key, "options") == 0) {
            int n = config_setting_length(m);

            if (!config_setting_is_list(m)) {
                fail(r, m, "%s must be a list of groups, as in ( { label = ...; }, ... )", what);
                continue;
            }
            if (n > MENU_OPTIONS_MAX) {
                fail(r, m, "%s has %d options; a screen has at most %d (1-9)", what, n,
                     MENU_OPTIONS_MAX);
                n = MENU_OPTIONS_MAX;
            }
            for (int j = 0; j < n; j++) {
                snprintf(where, sizeof(where), "ussd.menu[%d].options[%d]", idx, j);
                read_option(r, config_setting_get_elem(m, (unsigned)j), where, &sc->options[j]);
            }
            sc->noptions = n;
        } else {
            fail(r, m, "unknown key \"%s\"", what);
        }
    }
    if (next_at != NULL && next[0] != '\0') {
        snprintf(where, sizeof(where), "ussd.menu[%d]", idx);
        sc->next = resolve(r, next_at, where, next);
    }
}

int
menu_cfg_read(const config_setting_t *s, struct menu_tree *t, menu_cfg_err err, void *ctx)
{
    struct reader r = {t, err, ctx, 0};
    char why[256];
    int n, bad;

    memset(t, 0, sizeof(*t));
    if (!config_setting_is_list(s)) {
        fail(&r, s, "ussd.menu must be a list of screens, as in ( { id = \"home\"; ... }, ... )");
        return r.nerrors;
    }
    n = config_setting_length(s);
    if (n == 0 || n > MENU_SCREEN_MAX) {
        fail(&r, s, "ussd.menu has %d screens; it needs 1 to %d", n, MENU_SCREEN_MAX);
        return r.nerrors;
    }
    /* Pass 1: the ids, so that options may name screens defined later. */
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(s, (unsigned)i);
        const config_setting_t *id =
            config_setting_is_group(g) ? config_setting_get_member(g, "id") : NULL;
        char what[48];

        t->screens[i].line = config_setting_source_line(g);
        snprintf(what, sizeof(what), "ussd.menu[%d].id", i);
        if (!config_setting_is_group(g))
            fail(&r, g, "ussd.menu[%d] must be a group, as in { id = \"...\"; title = \"...\"; }",
                 i);
        else if (id == NULL)
            fail(&r, g, "%s is not set", what);
        else
            get_string(&r, id, what, t->screens[i].id, sizeof(t->screens[i].id));
    }
    t->nscreens = n;
    if (r.nerrors > 0)
        return r.nerrors;
    /* Pass 2: everything else. */
    for (int i = 0; i < n; i++)
        read_screen(&r, config_setting_get_elem(s, (unsigned)i), i, &t->screens[i]);
    if (r.nerrors > 0)
        return r.nerrors;
    if ((bad = menu_tree_check(t, why, sizeof(why))) >= 0)
        fail(&r, config_setting_get_elem(s, (unsigned)bad), "ussd.menu screen \"%s\": %s",
             t->screens[bad].id, why);
    return r.nerrors;
}

/* The built-in tree; config/aspirasi.conf.example shows the same (a unit
 * test checks that they agree). */
const char menu_cfg_default[] =
    "(\n"
    "  { id = \"home\"; title = \"DPRD Kab. Mojokerto\";\n"
    "    options = (\n"
    "      { label = \"Agenda sidang\"; label_en = \"Sessions\"; next = \"agenda\"; },\n"
    "      { label = \"Sampaikan aduan\"; label_jv = \"Ngaturaken aduan\";\n"
    "        label_en = \"Make a complaint\"; next = \"aduan\"; },\n"
    "      { label = \"Cek status aduan\"; label_en = \"Complaint status\"; next = \"status\"; },\n"
    "      { label = \"Info DPRD\"; label_en = \"Information\"; next = \"info\"; },\n"
    "      { label = \"Langganan info SMS\"; label_en = \"SMS news\"; next = \"langganan\"; }\n"
    "    ); },\n"
    "  { id = \"agenda\"; title = \"Agenda DPRD\"; title_en = \"DPRD sessions\";\n"
    "    options = (\n"
    "      { label = \"Hari ini\"; label_jv = \"Dinten punika\"; label_en = \"Today\";\n"
    "        action = \"agenda\"; arg = \"hari ini\"; },\n"
    "      { label = \"Minggu ini\"; label_jv = \"Minggu punika\"; label_en = \"This week\";\n"
    "        action = \"agenda\"; arg = \"minggu ini\"; },\n"
    "      { label = \"Sidang berikutnya\"; label_jv = \"Sidang salajengipun\";\n"
    "        label_en = \"Next sessions\"; action = \"agenda\"; arg = \"\"; },\n"
    "      { label = \"Per komisi\"; label_jv = \"Miturut komisi\"; label_en = \"By komisi\";\n"
    "        next = \"agenda_komisi\"; }\n"
    "    ); },\n"
    "  { id = \"agenda_komisi\"; title = \"Pilih komisi\"; title_jv = \"Pilih komisi\";\n"
    "    title_en = \"Choose a komisi\";\n"
    "    options = (\n"
    "      { label = \"Komisi I\"; action = \"agenda\"; arg = \"komisi 1\"; },\n"
    "      { label = \"Komisi II\"; action = \"agenda\"; arg = \"komisi 2\"; },\n"
    "      { label = \"Komisi III\"; action = \"agenda\"; arg = \"komisi 3\"; },\n"
    "      { label = \"Komisi IV\"; action = \"agenda\"; arg = \"komisi 4\"; }\n"
    "    ); },\n"
    "  { id = \"aduan\"; title = \"Aduan tentang apa?\"; title_jv = \"Aduan babagan punapa?\";\n"
    "    title_en = \"What is it about?\";\n"
    "    options = (\n"
    "      { label = \"Jalan & jembatan\"; label_jv = \"Dalan & kreteg\";\n"
    "        label_en = \"Roads & bridges\"; set = \"jalan\"; next = \"aduan_teks\"; },\n"
    "      { label = \"Air & listrik\"; label_jv = \"Toya & listrik\";\n"
    "        label_en = \"Water & power\"; set = \"utilitas\"; next = \"aduan_teks\"; },\n"
    "      { label = \"Kesehatan\"; label_jv = \"Kasarasan\"; label_en = \"Health\";\n"
    "        set = \"kesehatan\"; next = \"aduan_teks\"; },\n"
    "      { label = \"Pendidikan\"; label_en = \"Schools\"; set = \"pendidikan\";\n"
    "        next = \"aduan_teks\"; },\n"
    "      { label = \"Lainnya\"; label_jv = \"Sanesipun\"; label_en = \"Other\"; set = \"lain\";\n"
    "        next = \"aduan_teks\"; }\n"
    "    ); },\n"
    "  { id = \"aduan_teks\"; input = \"text\"; next = \"aduan_kirim\";\n"
    "    title = \"Tulis aduan Anda: apa dan di mana (desa, RT):\";\n"
    "    title_jv = \"Serat aduan panjenengan: punapa lan wonten pundi (desa, RT):\";\n"
    "    title_en = \"Write your complaint: what and where (village, RT):\"; },\n"
    "  { id = \"aduan_kirim\"; title = \"Kirim aduan: {text}\";\n"
    "    title_jv = \"Kintun aduan: {text}\"; title_en = \"Send complaint: {text}\";\n"
    "    options = (\n"
    "      { label = \"Kirim\"; label_jv = \"Kintun\"; label_en = \"Send\";\n"
    "        action = \"complaint\"; },\n"
    "      { label = \"Ubah\"; label_jv = \"Ewahi\"; label_en = \"Change\"; next = \"aduan_teks\"; "
    "}\n"
    "    ); },\n"
    "  { id = \"status\"; input = \"ticket\"; action = \"status\";\n"
    "    title = \"Ketik no tiket aduan (7 angka):\";\n"
    "    title_jv = \"Ketik nomer tiket aduan (7 angka):\";\n"
    "    title_en = \"Type the ticket number (7 digits):\"; },\n"
    "  { id = \"info\"; title = \"Info DPRD\"; title_en = \"DPRD information\";\n"
    "    options = (\n"
    "      { label = \"Anggaran (APBD)\"; label_en = \"Budget (APBD)\"; action = \"info\";\n"
    "        arg = \"anggaran\"; },\n"
    "      { label = \"Perda\"; label_en = \"Regional laws\"; action = \"info\"; arg = \"perda\"; "
    "},\n"
    "      { label = \"Anggota DPRD\"; label_en = \"Members\"; action = \"info\";\n"
    "        arg = \"anggota\"; },\n"
    "      { label = \"Kontak\"; label_jv = \"Kontak\"; label_en = \"Contact\"; action = "
    "\"info\";\n"
    "        arg = \"kontak\"; }\n"
    "    ); },\n"
    "  { id = \"langganan\"; title = \"Info agenda lewat SMS\";\n"
    "    title_jv = \"Info agenda lumantar SMS\"; title_en = \"Session news by SMS\";\n"
    "    options = (\n"
    "      { label = \"Daftar\"; label_en = \"Subscribe\"; action = \"subscribe\"; },\n"
    "      { label = \"Berhenti\"; label_jv = \"Mandheg\"; label_en = \"Stop\";\n"
    "        action = \"unsubscribe\"; }\n"
    "    ); }\n"
    ")\n";
