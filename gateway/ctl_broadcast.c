/*
 * aspirasictl broadcast: the secretariat announcing sessions to
 * subscribers.  Nothing is sent before staff have seen a preview: how many
 * recipients, in which encoding, how many SMS segments each, and what it
 * will cost; then --yes, or a "y" typed at the terminal, starts it.
 * Without a terminal and without --yes the broadcast stays a draft that
 * "broadcast start ID" sends later.  The checks, the preview's numbers and
 * the changes are gateway/broadcast_ops.c's, shared with the staff API;
 * this file parses the command line, runs each change in one transaction
 * and prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config/cfg.h"
#include "db/db.h"
#include "gateway/broadcast_ops.h"
#include "gateway/ctl.h"
#include "parsers/agendareply.h"

#define LIST_MAX   50 /* broadcasts listed */
#define LIST_CHARS 40 /* characters of each text listed */
#define BAR_WIDTH  20

static void
broadcast_usage(FILE *f)
{
    fprintf(f, "usage: aspirasictl [-c FILE] broadcast COMMAND\n"
               "  broadcast create (--text TEXT | --agenda ID) [--audience all|komisi:III]\n"
               "                   [--lang id|jv|en] [--yes]\n"
               "                      make a broadcast, show who gets it and what it costs,\n"
               "                      and start it after confirmation (--yes: at once)\n"
               "  broadcast start ID [--yes]   start a draft, after the same preview\n"
               "  broadcast status ID          queued / sent / delivered / failed, with progress\n"
               "  broadcast cancel ID          stop what is not sent yet\n"
               "  broadcast list               the latest broadcasts\n"
               "  broadcast help\n"
               "--agenda ID announces session ID (to its komisi's subscribers when it has one);\n"
               "a text is at most 3 SMS segments; numbers that opted out never get it.\n");
}

/* 1234567 -> "1.234.567", the Indonesian way. */
static const char *
thousands(long long v, char *buf, size_t len)
{
    char digits[32], out[48];
    int n = snprintf(digits, sizeof(digits), "%lld", v < 0 ? -v : v), j = 0;

    if (v < 0)
        out[j++] = '-';
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[j++] = '.';
        out[j++] = digits[i];
    }
    out[j] = '\0';
    snprintf(buf, len, "%s", out);
    return buf;
}

/* Ends the transaction of one command: commits after BROADCAST_OK, else
 * rolls back and says why (a database error was logged already).  Returns
 * rc, or BROADCAST_FAILED when the commit fails. */
static enum broadcast_rc
finish(struct db *db, enum broadcast_rc rc, const char *err)
{
    if (rc == BROADCAST_OK)
        return db_commit(db) < 0 ? BROADCAST_FAILED : rc;
    db_rollback(db);
    if (rc != BROADCAST_FAILED)
        fprintf(stderr, "aspirasictl: %s\n", err);
    return rc;
}

/* Prints what broadcast id (in state) will do. */
static void
preview_print(int64_t id, const char *state, const struct broadcast_preview *p)
{
    char n1[32], n2[32], n3[32], n4[32];

    printf("broadcast %lld (%s)\n", (long long)id, state);
    if (strcmp(p->audience, "all") == 0)
        printf("  audience:    every subscriber\n");
    else
        printf("  audience:    subscribers of Komisi %s (and those who follow every komisi)\n",
               komisi_roman(p->audience[7] - '0'));
    printf("  recipients:  %s (numbers that opted out are left out)\n",
           thousands(p->recipients, n1, sizeof(n1)));
    printf("  encoding:    %s, %zu characters, %d segment%s per message\n",
           broadcast_encoding(p->coding), p->characters, p->segments, p->segments == 1 ? "" : "s");
    printf("  segments:    %s in all\n", thousands(p->total_segments, n2, sizeof(n2)));
    printf("  cost:        Rp %s (Rp %s per segment)\n", thousands(p->cost, n3, sizeof(n3)),
           thousands(p->price, n4, sizeof(n4)));
    printf("  text:        %s\n", p->body);
}

/* Asks at the terminal; 1 for yes. */
static int
confirm(int64_t recipients)
{
    char line[16];
    char n[32];

    if (!isatty(STDIN_FILENO))
        return 0;
    printf("Send to %s recipients? [y/N] ", thousands(recipients, n, sizeof(n)));
    fflush(stdout);
    if (fgets(line, sizeof(line), stdin) == NULL)
        return 0;
    return line[0] == 'y' || line[0] == 'Y';
}

/* Starts draft id, previewed as p, when confirmed.  No transaction is held
 * while staff read the preview: the start checks again that it is a
 * draft. */
static int
start_confirmed(struct db *db, const struct cfg *c, int64_t id, const struct broadcast_preview *p,
                int yes)
{
    char err[BROADCAST_ERR_MAX];
    enum broadcast_rc rc;
    int written = 0;

    if (!yes && !confirm(p->recipients)) {
        printf("not started; to send it: aspirasictl broadcast start %lld\n", (long long)id);
        return 0;
    }
    if (db_begin(db) < 0)
        return 1;
    rc = finish(db, broadcast_start(db, c, id, &written, err), err);
    if (rc != BROADCAST_OK)
        return 1;
    printf("started broadcast %lld: %d message%s queued; follow it with: aspirasictl broadcast "
           "status %lld\n",
           (long long)id, written, written == 1 ? "" : "s", (long long)id);
    return 0;
}

static int
cmd_create(const struct cfg *c, const char *text, const char *agenda, const char *audience,
           const char *lang, int yes)
{
    struct broadcast_input in = {.text = text, .audience = audience, .lang = LANG_ID};
    struct broadcast_preview p;
    char err[BROADCAST_ERR_MAX], actor[80];
    enum broadcast_rc rc;
    const char *field;
    struct db *db;
    int64_t id = 0;

    if ((text == NULL) == (agenda == NULL)) {
        fprintf(stderr, "aspirasictl: give either --text or --agenda\n");
        return 2;
    }
    if (lang != NULL && (lang_from_code(lang, &in.lang) < 0 || in.lang == LANG_NONE)) {
        fprintf(stderr, "aspirasictl: --lang \"%s\" is not id, jv or en\n", lang);
        return 1;
    }
    if (agenda != NULL && ctl_parse_id(agenda, "session", &in.session_id) < 0)
        return 1;
    db = ctl_db(c);
    if (db_begin(db) < 0) {
        db_close(db);
        return 1;
    }
    rc = broadcast_preview(db, c, &in, &p, &field, err);
    if (rc == BROADCAST_INVALID && strcmp(field, "session_id") == 0)
        snprintf(err + strlen(err), sizeof(err) - strlen(err), " (see aspirasictl agenda list)");
    if (rc == BROADCAST_OK)
        rc = broadcast_create(db, &p, ctl_actor(actor, sizeof(actor)), &id);
    if (finish(db, rc, err) != BROADCAST_OK) {
        db_close(db);
        return 1;
    }
    preview_print(id, "draft", &p);
    rc = start_confirmed(db, c, id, &p, yes);
    db_close(db);
    return rc;
}

static int
cmd_start(const struct cfg *c, int64_t id, int yes)
{
    char err[BROADCAST_ERR_MAX];
    struct broadcast_preview p;
    struct db_broadcast b;
    struct db *db = ctl_db(c);
    enum broadcast_rc rc;
    int status = 1;

    if (db_begin(db) < 0) {
        db_close(db);
        return 1;
    }
    rc = broadcast_draft(db, c, id, &b, err);
    if (rc == BROADCAST_OK) {
        rc = broadcast_preview_stored(db, c, b.body, b.coding, b.segments, b.audience, b.session_id,
                                      &p);
        db_broadcast_clear(&b);
    }
    if (finish(db, rc, err) == BROADCAST_OK) {
        preview_print(id, "draft", &p);
        status = start_confirmed(db, c, id, &p, yes);
    }
    db_close(db);
    return status;
}

static int
cmd_status(const struct cfg *c, int64_t id)
{
    struct broadcast_progress p;
    struct db_broadcast b;
    struct db *db = ctl_db(c);
    char bar[BAR_WIDTH + 1], a[32], d[32], err[BROADCAST_ERR_MAX];
    enum broadcast_rc rc;
    int filled;

    rc = broadcast_status(db, c, id, &b, &p, err);
    if (rc != BROADCAST_OK) {
        if (rc != BROADCAST_FAILED)
            fprintf(stderr, "aspirasictl: %s\n", err);
        db_close(db);
        return 1;
    }
    filled = p.total > 0 ? (int)(p.sent * BAR_WIDTH / p.total) : p.percent * BAR_WIDTH / 100;
    for (int i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < filled ? '#' : '-';
    bar[BAR_WIDTH] = '\0';
    printf("broadcast %lld: %s, audience %s, created %s%s%s\n", (long long)id, b.state, b.audience,
           b.created, b.started[0] != '\0' ? ", started " : "", b.started);
    printf("  recipients %s\n", thousands(b.recipients, a, sizeof(a)));
    printf("  [%s] %d%% (sent %s of %s)\n", bar, p.percent, thousands(p.sent, a, sizeof(a)),
           thousands(p.total, d, sizeof(d)));
    printf("  queued %lld, sending %lld, accepted %lld, delivered %lld, failed %lld, cancelled "
           "%lld, opted out %lld\n",
           (long long)p.n.queued, (long long)p.n.sending, (long long)p.n.accepted,
           (long long)p.n.delivered, (long long)p.n.failed, (long long)p.n.cancelled,
           (long long)p.n.opted_out);
    db_broadcast_clear(&b);
    db_close(db);
    return 0;
}

static int
cmd_cancel(const struct cfg *c, int64_t id)
{
    char err[BROADCAST_ERR_MAX];
    struct db *db = ctl_db(c);
    int64_t stopped = 0;
    enum broadcast_rc rc = BROADCAST_FAILED;

    if (db_begin(db) == 0)
        rc = finish(db, broadcast_cancel(db, id, &stopped, err), err);
    db_close(db);
    if (rc != BROADCAST_OK)
        return 1;
    printf("cancelled broadcast %lld: %lld message%s not sent\n", (long long)id, (long long)stopped,
           stopped == 1 ? "" : "s");
    return 0;
}

/* Bytes of the first max characters of UTF-8 text s. */
static size_t
prefix_bytes(const char *s, size_t max)
{
    size_t i = 0, chars = 0;

    for (; s[i] != '\0'; i++) {
        if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == max)
            break;
    }
    return i;
}

static void
list_row(void *ctx, const struct db_broadcast *b)
{
    size_t n = prefix_bytes(b->body, LIST_CHARS);

    (void)ctx;
    printf("%4lld  %s  %-9s %-9s %6d  ", (long long)b->id, b->created, b->state, b->audience,
           b->recipients);
    ctl_print_field(b->body, n);
    fputs(b->body[n] != '\0' ? "...\n" : "\n", stdout);
}

int
ctl_broadcast(const struct cfg *c, int argc, char **argv)
{
    static const struct option opts[] = {{"text", required_argument, NULL, 't'},
                                         {"agenda", required_argument, NULL, 'a'},
                                         {"audience", required_argument, NULL, 'u'},
                                         {"lang", required_argument, NULL, 'l'},
                                         {"yes", no_argument, NULL, 'y'},
                                         {NULL, 0, NULL, 0}};
    const char *text = NULL, *agenda = NULL, *audience = NULL, *lang = NULL, *sub;
    int64_t id;
    int ch, yes = 0, rc;

    if (argc < 2) {
        broadcast_usage(stderr);
        return 2;
    }
    argc--;
    argv++;
    sub = argv[0];
    optind = 0;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 't':
            text = optarg;
            break;
        case 'a':
            agenda = optarg;
            break;
        case 'u':
            audience = optarg;
            break;
        case 'l':
            lang = optarg;
            break;
        case 'y':
            yes = 1;
            break;
        default:
            broadcast_usage(stderr);
            return 2;
        }
    }
    argc -= optind;
    argv += optind;
    if (strcmp(sub, "help") == 0) {
        broadcast_usage(stdout);
        return 0;
    }
    if (strcmp(sub, "create") == 0 && argc == 0)
        return cmd_create(c, text, agenda, audience, lang, yes);
    if (text != NULL || agenda != NULL || audience != NULL || lang != NULL ||
        (yes && strcmp(sub, "start") != 0)) {
        broadcast_usage(stderr);
        return 2;
    }
    if (strcmp(sub, "list") == 0 && argc == 0) {
        struct db *db = ctl_db(c);

        rc = db_broadcast_list(db, LIST_MAX, c->timezone, list_row, NULL);
        db_close(db);
        return rc < 0 ? 1 : 0;
    }
    if (argc != 1 ||
        (strcmp(sub, "start") != 0 && strcmp(sub, "status") != 0 && strcmp(sub, "cancel") != 0)) {
        broadcast_usage(stderr);
        return 2;
    }
    if (ctl_parse_id(argv[0], "broadcast", &id) < 0)
        return 1;
    if (strcmp(sub, "start") == 0)
        return cmd_start(c, id, yes);
    if (strcmp(sub, "status") == 0)
        return cmd_status(c, id);
    return cmd_cancel(c, id);
}
