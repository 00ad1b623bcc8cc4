/*
 * aspirasictl: the staff and operator command line.  It reads the same
 * configuration as aspirasid (with the same environment overrides) and
 * classifies with exactly the daemon's parser.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "common/log.h"
#include "config/cfg.h"
#include "db/db.h"
#include "gateway/ctl.h"
#include "gateway/retention.h"
#include "gateway/ticket_ops.h"
#include "parsers/agendareply.h"
#include "parsers/gsm7.h"
#include "parsers/intent.h"
#include "parsers/msisdn.h"
#include "parsers/reply.h"
#include "parsers/ticket.h"

#define DEFAULT_CONFIG SYSCONFDIR "/aspirasi/aspirasi.conf"
#define NOTICE_MAX     640 /* bytes: 160 characters of up to 4 bytes */

static void __attribute__((noreturn)) usage(void)
{
    fprintf(
        stderr,
        "usage: aspirasictl [-c FILE] COMMAND\n"
        "commands:\n"
        "  migrate                          apply the database migrations\n"
        "  classify                         read messages on stdin, print intent<TAB>argument\n"
        "  keywords                         print the keywords in force, per intent\n"
        "  ticket list [--status S] [--limit N]\n"
        "  ticket show CODE [--full-number]\n"
        "  ticket set-status CODE STATUS [--note TEXT] [--quiet]\n"
        "                                   (the citizen is told by SMS unless --quiet)\n"
        "  ticket assign CODE [--komisi I-IV|none] [--category C|none]\n"
        "  agenda add|change|cancel|restore|list|show|inputs ...   (aspirasictl agenda help)\n"
        "  info set|show|list|remove ...                           (aspirasictl info help)\n"
        "  broadcast create|start|status|cancel|list ...           (aspirasictl broadcast help)\n"
        "  staff add|list|role|token|revoke ...   API accounts    (aspirasictl staff help)\n"
        "  audit [--actor ACTOR] [--limit N]      the latest changes through the API and here\n"
        "  retention                              blank the texts older than retention.days now\n");
    exit(2);
}

struct db *
ctl_db(const struct cfg *c)
{
    struct db *db = db_connect(c->database);

    if (db == NULL) {
        fprintf(stderr, "aspirasictl: cannot connect to the database\n");
        exit(1);
    }
    return db;
}

static int
cmd_migrate(const struct cfg *c)
{
    struct db *db = ctl_db(c);
    int n = db_migrate(db, stdout), have = 0;

    if (n >= 0 && db_schema_version(db, &have) == 0)
        printf("schema version %d (%d applied now)\n", have, n);
    db_close(db);
    return n < 0 ? 1 : 0;
}

void
ctl_print_field(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        putchar(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
}

/* Blanks now what aspirasid blanks every hour. */
static int
cmd_retention(const struct cfg *c)
{
    struct db *db;
    int64_t n;
    int rc;

    if (c->retention_days == 0) {
        printf("retention.days is 0: every text is kept\n");
        return 0;
    }
    db = ctl_db(c);
    rc = retention_run(db, c->retention_days, &n);
    db_close(db);
    if (rc < 0)
        return 1;
    printf("blanked the texts of %" PRId64 " messages older than %d days\n", n, c->retention_days);
    return 0;
}

static int
cmd_classify(const struct cfg *c)
{
    struct lexicon_spec spec;
    struct intent_arg arg;
    struct lexicon *lx;
    enum intent in;
    char err[256], *line = NULL, out[2048];
    size_t cap = 0;
    ssize_t n;

    cfg_lexicon_spec(c, &spec);
    if ((lx = lexicon_new(&spec, err, sizeof(err))) == NULL) {
        fprintf(stderr, "aspirasictl: keywords: %s\n", err);
        return 1;
    }
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        in = intent_classify(lx, line, (size_t)n, &arg);
        intent_arg_format(lx, in, line, &arg, out, sizeof(out));
        printf("%s\t%s", intent_name(in), out);
        putchar('\n');
    }
    free(line);
    lexicon_free(lx);
    return ferror(stdout) ? 1 : 0;
}

static int
cmd_keywords(const struct cfg *c)
{
    for (int in = INTENT_UNKNOWN + 1; in < INTENT__COUNT; in++) {
        printf("%-12s", intent_name((enum intent)in));
        for (size_t i = 0; i < c->nkeywords[in]; i++)
            printf(" %s", c->keywords[in][i]);
        putchar('\n');
    }
    return ferror(stdout) ? 1 : 0;
}

static void
list_row(void *ctx, const struct db_ticket *t)
{
    char masked[MSISDN_MAX + 8];
    size_t n = strlen(t->body);

    msisdn_mask(t->msisdn, masked, sizeof(masked));
    printf("%s  %-11s %s  %-15s ", t->code, t->status, t->created, masked);
    ctl_print_field(t->body, n > 50 ? 50 : n);
    if (n > 50)
        fputs("...", stdout);
    putchar('\n');
}

/* Collects the history into a memory stream, printed after the header. */
static void
show_event(void *ctx, const struct db_ticket_event *e)
{
    fprintf((FILE *)ctx, "  %s  %-11s %s%s%s\n", e->at, e->status, e->actor, e->note[0] ? "  " : "",
            e->note);
}

/* Checks a ticket code typed by staff; exits with a message when wrong. */
static void
ctl_code(const char *code)
{
    const char *why = ticket_code_check(code, strlen(code), NULL);

    if (why != NULL) {
        fprintf(stderr, "aspirasictl: \"%s\" is not a ticket code: %s\n", code, why);
        exit(1);
    }
}

const char *
ctl_actor(char *buf, size_t len)
{
    const char *u = getenv("SUDO_USER");
    struct passwd *pw;

    if (u == NULL || *u == '\0') {
        pw = getpwuid(getuid());
        u = pw != NULL ? pw->pw_name : "unknown";
    }
    snprintf(buf, len, "cli:%s", u);
    return buf;
}

/* Ends the transaction of a ticket command: commits what succeeded, rolls
 * back the rest, and closes the connection.  Returns r, or TICKET_FAILED
 * when the commit failed. */
static enum ticket_result
ticket_done(struct db *db, enum ticket_result r)
{
    if (r == TICKET_OK && db_commit(db) < 0)
        r = TICKET_FAILED;
    if (r != TICKET_OK)
        db_rollback(db);
    db_close(db);
    return r;
}

/* Says what went wrong with a ticket command; returns the exit status. */
static int
ctl_ticket_result(enum ticket_result r, const char *code, const char *err)
{
    switch (r) {
    case TICKET_OK:
        return 0;
    case TICKET_NOT_FOUND:
        fprintf(stderr, "aspirasictl: no ticket %s\n", code);
        return 1;
    case TICKET_FAILED:
        fprintf(stderr, "aspirasictl: the database failed; nothing was changed\n");
        return 1;
    default:
        fprintf(stderr, "aspirasictl: %s\n", err);
        return 1;
    }
}

static int
cmd_ticket(const struct cfg *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"status", required_argument, NULL, 's'},   {"limit", required_argument, NULL, 'l'},
        {"note", required_argument, NULL, 'n'},     {"full-number", no_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},          {"komisi", required_argument, NULL, 'k'},
        {"category", required_argument, NULL, 'g'}, {NULL, 0, NULL, 0}};
    const char *status = NULL, *note = NULL, *sub, *category = NULL;
    struct db_ticket t;
    struct db *db;
    char *end, actor[80];
    long limit = 50;
    int ch, full = 0, quiet = 0, rc, komisi = -1, notified = 0;
    char err[TICKET_ERR_MAX];

    if (argc < 2)
        usage();
    /* argv[0] is "ticket": parse from the subcommand on, options anywhere. */
    argc--;
    argv++;
    sub = argv[0];
    optind = 0;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 's':
            status = optarg;
            break;
        case 'l':
            errno = 0;
            limit = strtol(optarg, &end, 10);
            if (errno != 0 || *end != '\0' || limit < 1 || limit > 100000) {
                fprintf(stderr, "aspirasictl: --limit must be a number from 1 to 100000\n");
                return 2;
            }
            break;
        case 'n':
            note = optarg;
            break;
        case 'f':
            full = 1;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'k':
            if (ctl_parse_komisi(optarg, 1, &komisi) < 0)
                return 2;
            break;
        case 'g':
            category = strcmp(optarg, "none") == 0 || strcmp(optarg, "-") == 0 ? "" : optarg;
            break;
        default:
            usage();
        }
    }
    argc -= optind;
    argv += optind;

    if (strcmp(sub, "list") == 0 && argc == 0) {
        db = ctl_db(c);
        rc = db_ticket_list(db, status, (int)limit, c->timezone, list_row, NULL);
        db_close(db);
        return rc < 0 ? 1 : 0;
    }
    if (strcmp(sub, "show") == 0 && argc == 1) {
        char masked[MSISDN_MAX + 8], *hbuf = NULL;
        size_t hlen = 0;
        FILE *hist;

        ctl_code(argv[0]);
        db = ctl_db(c);
        memset(&t, 0, sizeof(t));
        hist = open_memstream(&hbuf, &hlen);
        if (hist == NULL)
            fatal("event=open_memstream_failed");
        rc = db_ticket_get(db, argv[0], c->timezone, &t, show_event, hist);
        fclose(hist);
        if (rc == 1) {
            const struct cfg_status *st = cfg_status_find(c, t.status);

            printf("ticket:  %s\n", t.code);
            printf("status:  %s (%s)\n", t.status, st != NULL ? st->label : "not configured");
            printf("from:    %s\n", t.msisdn[0] == '\0' ? "no number (an Open311 request)"
                                    : full              ? t.msisdn
                                           : msisdn_mask(t.msisdn, masked, sizeof(masked)));
            printf("created: %s\nupdated: %s\ntext:    %s\nhistory:\n%s", t.created, t.updated,
                   t.body, hbuf);
        }
        db_ticket_clear(&t);
        free(hbuf);
        db_close(db);
        if (rc == 0)
            fprintf(stderr, "aspirasictl: no ticket %s\n", argv[0]);
        return rc == 1 ? 0 : 1;
    }
    if (strcmp(sub, "set-status") == 0 && argc == 2) {
        enum ticket_result r;

        ctl_code(argv[0]);
        db = ctl_db(c);
        r = ticket_done(db, db_begin(db) < 0 ? TICKET_FAILED
                                             : ticket_set_status(db, c, argv[0], argv[1], note,
                                                                 ctl_actor(actor, sizeof(actor)),
                                                                 !quiet, &notified, err));
        if (r == TICKET_OK)
            printf("%s is now %s; %s\n", argv[0], argv[1],
                   quiet      ? "the citizen is not told (--quiet)"
                   : notified ? "the citizen will be told by SMS"
                              : "the ticket has no phone number to tell");
        return ctl_ticket_result(r, argv[0], err);
    }
    if (strcmp(sub, "assign") == 0 && argc == 1) {
        enum ticket_result r;

        ctl_code(argv[0]);
        db = ctl_db(c);
        r = ticket_done(db, db_begin(db) < 0 ? TICKET_FAILED
                                             : ticket_assign(db, argv[0], komisi, category,
                                                             ctl_actor(actor, sizeof(actor)), err));
        if (r == TICKET_OK)
            printf("%s: komisi %s, category %s\n", argv[0],
                   komisi < 0    ? "unchanged"
                   : komisi == 0 ? "none"
                                 : komisi_roman(komisi),
                   category == NULL      ? "unchanged"
                   : category[0] == '\0' ? "none"
                                         : category);
        return ctl_ticket_result(r, argv[0], err);
    }
    usage();
    return 2;
}

/* 1 when argv is a command that changes something (and is not a staff
 * command, which records itself in the same transaction). */
static int
changes(int argc, char **argv)
{
    static const char *const cmds[] = {
        "ticket set-status", "ticket assign", "agenda add",  "agenda change",    "agenda cancel",
        "agenda restore",    "info set",      "info remove", "broadcast create", "broadcast start",
        "broadcast cancel",  "retention",     NULL};
    char cmd[64];

    if (argc < 1)
        return 0;
    snprintf(cmd, sizeof(cmd), "%s%s%s", argv[0], argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
    for (size_t i = 0; cmds[i] != NULL; i++)
        if (strcmp(cmd, cmds[i]) == 0)
            return 1;
    return 0;
}

/*
 * Records a change made from the command line in audit_log, as the API
 * records its own: who, when, the command and its arguments (which name
 * tickets, sessions and texts, never phone numbers).  Written after the
 * command succeeded, in its own transaction: a failure here is reported,
 * the change stays.
 */
static void
record_change(const struct cfg *c, int argc, char **argv)
{
    struct db *db = db_connect(c->database);
    json_t *args = json_array(), *d, *v;
    char actor[80], cmd[64], *detail;

    snprintf(cmd, sizeof(cmd), "%s %s", argv[0], argv[1]);
    for (int i = 2; i < argc; i++) {
        v = json_string(argv[i]); /* NULL when not UTF-8 */
        json_array_append_new(args, v != NULL ? v : json_string("?"));
    }
    d = json_pack("{s:o}", "args", args);
    detail = json_dumps(d, JSON_COMPACT);
    json_decref(d);
    if (db == NULL || detail == NULL ||
        db_audit(db, ctl_actor(actor, sizeof(actor)), "CLI", cmd, 0, detail) < 0)
        fprintf(stderr, "aspirasictl: done, but not recorded in the audit log\n");
    free(detail);
    db_close(db);
}

int
main(int argc, char **argv)
{
    const char *given = NULL, *path;
    struct cfg *c;
    int ch, rc;

    while ((ch = getopt(argc, argv, "+c:h")) != -1) {
        switch (ch) {
        case 'c':
            given = optarg;
            break;
        default:
            usage();
        }
    }
    argc -= optind;
    argv += optind;
    if (argc < 1)
        usage();
    path = given != NULL ? given : (access(DEFAULT_CONFIG, F_OK) == 0 ? DEFAULT_CONFIG : NULL);
    if ((c = cfg_load(path, stderr)) == NULL)
        return 1;
    log_set_level(c->log_level > LOG_LEVEL_WARN ? (enum log_level)c->log_level : LOG_LEVEL_WARN);

    if (strcmp(argv[0], "migrate") == 0 && argc == 1)
        rc = cmd_migrate(c);
    else if (strcmp(argv[0], "retention") == 0 && argc == 1)
        rc = cmd_retention(c);
    else if (strcmp(argv[0], "classify") == 0 && argc == 1)
        rc = cmd_classify(c);
    else if (strcmp(argv[0], "keywords") == 0 && argc == 1)
        rc = cmd_keywords(c);
    else if (strcmp(argv[0], "ticket") == 0)
        rc = cmd_ticket(c, argc, argv);
    else if (strcmp(argv[0], "agenda") == 0)
        rc = ctl_agenda(c, argc, argv);
    else if (strcmp(argv[0], "info") == 0)
        rc = ctl_info(c, argc, argv);
    else if (strcmp(argv[0], "broadcast") == 0)
        rc = ctl_broadcast(c, argc, argv);
    else if (strcmp(argv[0], "staff") == 0)
        rc = ctl_staff(c, argc, argv);
    else if (strcmp(argv[0], "audit") == 0)
        rc = ctl_audit(c, argc, argv);
    else
        usage();
    if (rc == 0 && changes(argc, argv))
        record_change(c, argc, argv);
    cfg_free(c);
    return rc;
}
