/*
 * aspirasictl broadcast: the secretariat announcing sessions to
 * subscribers.  Nothing is sent before staff have seen a preview: how many
 * recipients, in which encoding, how many SMS segments each, and what it
 * will cost; then --yes, or a "y" typed at the terminal, starts it.
 * Without a terminal and without --yes the broadcast stays a draft that
 * "broadcast start ID" sends later.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config/cfg.h"
#include "db/db.h"
#include "gateway/ctl.h"
#include "parsers/agendareply.h"
#include "parsers/gsm7.h"

#define SEGMENTS_MAX 3  /* a longer broadcast is refused: Kannel sends at most 3 parts */
#define LIST_MAX     50 /* broadcasts listed */
#define LIST_CHARS   40 /* characters of each text listed */
#define BAR_WIDTH    20

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

/* Characters (code points) of UTF-8 text. */
static size_t
characters(const char *s)
{
    size_t n = 0;

    for (; *s != '\0'; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* Reads "all", "komisi:III", "komisi:3" into "all" / "komisi:N". */
static int
parse_audience(const char *s, char out[16])
{
    int k;

    if (strcasecmp(s, "all") == 0) {
        snprintf(out, 16, "all");
        return 0;
    }
    if (strncasecmp(s, "komisi:", 7) != 0) {
        fprintf(stderr, "aspirasictl: --audience \"%s\" is not all or komisi:I-IV\n", s);
        return -1;
    }
    if (ctl_parse_komisi(s + 7, 0, &k) < 0)
        return -1;
    snprintf(out, 16, "komisi:%c", '0' + k);
    return 0;
}

/* The text of a broadcast: one line or several, valid UTF-8, no control
 * characters but line breaks, 1 to 3 segments. */
static int
check_body(const char *text, int *coding, int *segments)
{
    size_t len = strlen(text);

    if (len == 0 || strspn(text, " \n") == len) {
        fprintf(stderr, "aspirasictl: the text is empty\n");
        return -1;
    }
    for (const char *p = text; *p != '\0'; p++) {
        if ((unsigned char)*p < 0x20 && *p != '\n') {
            fprintf(stderr, "aspirasictl: the text has a control character at byte %zu\n",
                    (size_t)(p - text) + 1);
            return -1;
        }
    }
    *segments = sms_segments(text, len);
    if (*segments < 0) {
        fprintf(stderr, "aspirasictl: the text is not valid UTF-8\n");
        return -1;
    }
    *coding = gsm7_septets(text, len) < 0 ? 2 : 0;
    if (*segments > SEGMENTS_MAX) {
        fprintf(stderr,
                "aspirasictl: the text takes %d SMS segments (%zu characters, %s); at most %d "
                "are sent: shorten it\n",
                *segments, characters(text),
                *coding == 2 ? "UCS-2: 67 per part" : "GSM-7: 153 per part", SEGMENTS_MAX);
        return -1;
    }
    return 0;
}

/* The announcement of agenda session id, in language l. */
static int
agenda_text(struct db *db, const struct cfg *c, int64_t id, enum lang l, char *out, size_t outsz,
            int *komisi)
{
    struct db_session s;
    struct agenda_item it;
    int rc = db_session_get(db, id, c->timezone, &s);

    if (rc <= 0) {
        if (rc == 0)
            fprintf(stderr, "aspirasictl: no session %lld (see aspirasictl agenda list)\n",
                    (long long)id);
        return -1;
    }
    it = (struct agenda_item){
        .id = s.id,
        .type = agenda_type_from_name(s.type),
        .komisi = s.komisi,
        .title = s.title,
        .place = s.place,
        .wday = s.wday,
        .day = s.day,
        .month = s.month,
        .hour = s.hour,
        .minute = s.minute,
        .cancelled = s.cancelled,
    };
    agenda_announce_format(l, &it, s.public_, out, outsz);
    *komisi = s.komisi;
    return 0;
}

/* Prints what a broadcast will do. */
static int
preview(struct db *db, const struct cfg *c, const struct db_broadcast *b, int64_t *recipients)
{
    char n1[32], n2[32], n3[32], n4[32];
    long long total;

    if ((*recipients = db_audience_count(db, b->audience)) < 0)
        return -1;
    total = (long long)*recipients * b->segments;
    printf("broadcast %lld (%s)\n", (long long)b->id, b->state);
    if (strcmp(b->audience, "all") == 0)
        printf("  audience:    every subscriber\n");
    else
        printf("  audience:    subscribers of Komisi %s (and those who follow every komisi)\n",
               komisi_roman(b->audience[7] - '0'));
    printf("  recipients:  %s (numbers that opted out are left out)\n",
           thousands(*recipients, n1, sizeof(n1)));
    printf("  encoding:    %s, %zu characters, %d segment%s per message\n",
           b->coding == 2 ? "UCS-2" : "GSM-7", characters(b->body), b->segments,
           b->segments == 1 ? "" : "s");
    printf("  segments:    %s in all\n", thousands(total, n2, sizeof(n2)));
    printf("  cost:        Rp %s (Rp %s per segment)\n",
           thousands(total * c->price_per_segment, n3, sizeof(n3)),
           thousands(c->price_per_segment, n4, sizeof(n4)));
    printf("  text:        %s\n", b->body);
    return 0;
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

/* Previews draft b, and starts it when confirmed. */
static int
preview_and_start(struct db *db, const struct cfg *c, const struct db_broadcast *b, int yes)
{
    int64_t recipients;
    int written, rc;

    if (preview(db, c, b, &recipients) < 0)
        return 1;
    if (!yes && !confirm(recipients)) {
        printf("not started; to send it: aspirasictl broadcast start %lld\n", (long long)b->id);
        return 0;
    }
    rc = db_broadcast_start(db, b->id, &written);
    if (rc < 0)
        return 1;
    if (rc == 0) {
        fprintf(stderr, "aspirasictl: broadcast %lld is not a draft any more\n", (long long)b->id);
        return 1;
    }
    printf("started broadcast %lld: %d message%s queued; follow it with: aspirasictl broadcast "
           "status %lld\n",
           (long long)b->id, written, written == 1 ? "" : "s", (long long)b->id);
    return 0;
}

static int
broadcast_create(const struct cfg *c, const char *text, const char *agenda, const char *audience,
                 const char *lang, int yes)
{
    struct db_broadcast b = {0};
    char body[GSM7_SEGMENT * 4 + 1], actor[80];
    enum lang l = LANG_ID;
    int64_t session = 0;
    struct db *db;
    int komisi = 0, rc;

    if ((text == NULL) == (agenda == NULL)) {
        fprintf(stderr, "aspirasictl: give either --text or --agenda\n");
        return 2;
    }
    if (lang != NULL && (lang_from_code(lang, &l) < 0 || l == LANG_NONE)) {
        fprintf(stderr, "aspirasictl: --lang \"%s\" is not id, jv or en\n", lang);
        return 1;
    }
    if (audience != NULL && parse_audience(audience, b.audience) < 0)
        return 1;
    if (agenda != NULL && ctl_parse_id(agenda, "session", &session) < 0)
        return 1;
    if (text != NULL && check_body(text, &b.coding, &b.segments) < 0)
        return 1;
    db = ctl_db(c);
    if (agenda != NULL) {
        if (agenda_text(db, c, session, l, body, sizeof(body), &komisi) < 0 ||
            check_body(body, &b.coding, &b.segments) < 0) {
            db_close(db);
            return 1;
        }
        text = body;
        if (audience == NULL && komisi >= 1 && komisi <= 4)
            snprintf(b.audience, sizeof(b.audience), "komisi:%c", '0' + komisi);
    }
    if (b.audience[0] == '\0')
        snprintf(b.audience, sizeof(b.audience), "all");
    b.body = (char *)text;
    b.session_id = session;
    snprintf(b.state, sizeof(b.state), "draft");
    rc = db_broadcast_create(db, &b, ctl_actor(actor, sizeof(actor)));
    if (rc == 0)
        rc = preview_and_start(db, c, &b, yes);
    else
        rc = 1;
    db_close(db);
    return rc;
}

/* Reads broadcast id; says so when there is none.  Returns 1, 0 or -1. */
static int
broadcast_read(struct db *db, const struct cfg *c, int64_t id, struct db_broadcast *b)
{
    int rc = db_broadcast_get(db, id, c->timezone, b);

    if (rc == 0)
        fprintf(stderr, "aspirasictl: no broadcast %lld\n", (long long)id);
    return rc;
}

static int
broadcast_start(const struct cfg *c, int64_t id, int yes)
{
    struct db_broadcast b;
    struct db *db = ctl_db(c);
    int rc = broadcast_read(db, c, id, &b);

    if (rc == 1 && strcmp(b.state, "draft") != 0) {
        fprintf(stderr, "aspirasictl: broadcast %lld is %s, not a draft\n", (long long)id, b.state);
        rc = 0;
    }
    rc = rc == 1 ? preview_and_start(db, c, &b, yes) : 1;
    db_broadcast_clear(&b);
    db_close(db);
    return rc;
}

static int
broadcast_status(const struct cfg *c, int64_t id)
{
    struct db_outbox_counts n;
    struct db_broadcast b;
    struct db *db = ctl_db(c);
    char bar[BAR_WIDTH + 1], a[32], d[32];
    long long sent, total;
    int rc = broadcast_read(db, c, id, &b), filled, pct;

    if (rc == 1 && db_outbox_counts(db, id, &n) < 0)
        rc = -1;
    if (rc != 1) {
        db_broadcast_clear(&b);
        db_close(db);
        return 1;
    }
    sent = n.accepted + n.delivered + n.failed;
    total = sent + n.queued + n.sending;
    /* The total leaves out rows that will never be sent (cancelled, opted
     * out), so a finished broadcast reaches 100%.  With no row to send, a
     * started broadcast is complete and a draft has not begun. */
    if (total > 0) {
        pct = (int)(sent * 100 / total);
        filled = (int)(sent * BAR_WIDTH / total);
    } else {
        pct = b.started[0] != '\0' ? 100 : 0;
        filled = b.started[0] != '\0' ? BAR_WIDTH : 0;
    }
    for (int i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < filled ? '#' : '-';
    bar[BAR_WIDTH] = '\0';
    printf("broadcast %lld: %s, audience %s, created %s%s%s\n", (long long)id, b.state, b.audience,
           b.created, b.started[0] != '\0' ? ", started " : "", b.started);
    printf("  recipients %s\n", thousands(b.recipients, a, sizeof(a)));
    printf("  [%s] %d%% (sent %s of %s)\n", bar, pct, thousands(sent, a, sizeof(a)),
           thousands(total, d, sizeof(d)));
    printf("  queued %lld, sending %lld, accepted %lld, delivered %lld, failed %lld, cancelled "
           "%lld, opted out %lld\n",
           (long long)n.queued, (long long)n.sending, (long long)n.accepted, (long long)n.delivered,
           (long long)n.failed, (long long)n.cancelled, (long long)n.opted_out);
    db_broadcast_clear(&b);
    db_close(db);
    return 0;
}

static int
broadcast_cancel(const struct cfg *c, int64_t id)
{
    struct db *db = ctl_db(c);
    int64_t stopped = 0;
    int rc = db_broadcast_cancel(db, id, &stopped);

    db_close(db);
    if (rc == 0)
        fprintf(stderr, "aspirasictl: no broadcast %lld, or it is cancelled already\n",
                (long long)id);
    else if (rc == 1)
        printf("cancelled broadcast %lld: %lld message%s not sent\n", (long long)id,
               (long long)stopped, stopped == 1 ? "" : "s");
    return rc == 1 ? 0 : 1;
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
        return broadcast_create(c, text, agenda, audience, lang, yes);
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
        return broadcast_start(c, id, yes);
    if (strcmp(sub, "status") == 0)
        return broadcast_status(c, id);
    return broadcast_cancel(c, id);
}
