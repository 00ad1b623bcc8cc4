/*
 * aspirasid: the Aspirasi daemon.  Loads the configuration, checks the
 * database schema, starts the intake workers, the outbox sender and the
 * HTTP server, and waits for a signal.  SIGTERM and SIGINT drain the requests in flight and exit 0.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "config/cfg.h"
#include "db/db.h"
#include "gateway/http.h"
#include "gateway/intake.h"
#include "gateway/journal.h"
#include "gateway/retention.h"
#include "gateway/sender.h"

#define DEFAULT_CONFIG SYSCONFDIR "/aspirasi/aspirasi.conf"

static void __attribute__((noreturn)) usage(void)
{
    fprintf(stderr, "usage: aspirasid [-n] [-c FILE]\n"
                    "  -c FILE  configuration file (default " DEFAULT_CONFIG ")\n"
                    "  -n       check the configuration and exit\n");
    exit(2);
}

/* The config file to read: -c, else the default one if it exists. */
static const char *
config_path(const char *given)
{
    if (given != NULL)
        return given;
    /* Only a missing file means the defaults: one that cannot be read is
     * an error cfg_load() reports. */
    return access(DEFAULT_CONFIG, F_OK) == 0 ? DEFAULT_CONFIG : NULL;
}

/* Refuses to run on a database whose schema is not the one compiled in. */
static void
schema_check(struct db *db)
{
    int have, want = db_schema_latest();

    if (db_schema_version(db, &have) < 0)
        fatalx("event=startup_failed reason=\"cannot read the schema version\"");
    if (have < want)
        fatalx("event=startup_failed reason=\"database schema is at version %d, this aspirasid "
               "needs %d: run aspirasictl migrate\"",
               have, want);
    if (have > want)
        fatalx("event=startup_failed reason=\"database schema is at version %d, newer than "
               "this aspirasid (%d): upgrade aspirasid\"",
               have, want);
}

/* A name for this process, unique among the instances sharing the outbox:
 * host, pid and random bits (a restarted daemon may get the same pid). */
static const char *
instance_name(char *buf, size_t len)
{
    char host[64] = "localhost";
    unsigned int rnd = 0;

    gethostname(host, sizeof(host) - 1);
    host[sizeof(host) - 1] = '\0';
    if (getrandom(&rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
        rnd = (unsigned int)time(NULL);
    snprintf(buf, len, "%s:%ld:%08x", host, (long)getpid(), rnd);
    return buf;
}

int
main(int argc, char **argv)
{
    const char *given = NULL, *path;
    struct gw gw = {0};
    struct http_server *srv;
    struct lexicon_spec spec;
    struct lexicon *lx;
    struct cfg *c;
    char err[256];
    uint64_t key;
    sigset_t sigs;
    struct sender *sender;
    struct retention *retention;
    struct db *db;
    char instance[96];
    int ch, check_only = 0, sig, left;

    while ((ch = getopt(argc, argv, "c:nh")) != -1) {
        switch (ch) {
        case 'c':
            given = optarg;
            break;
        case 'n':
            check_only = 1;
            break;
        default:
            usage();
        }
    }
    if (optind != argc)
        usage();
    path = config_path(given);
    if ((c = cfg_load(path, stderr)) == NULL)
        return 1;
    if (c->kannel_secret[0] == '\0') {
        fprintf(stderr,
                "%s: kannel.secret is not set (set it there or in ASPIRASI_KANNEL_SECRET)\n",
                path != NULL ? path : "built-in defaults");
        cfg_free(c);
        return 1;
    }
    cfg_lexicon_spec(c, &spec);
    if ((lx = lexicon_new(&spec, err, sizeof(err))) == NULL) {
        /* cfg_load() has already built this lexicon once to validate it. */
        fprintf(stderr, "%s: keywords: %s\n", path != NULL ? path : "built-in defaults", err);
        cfg_free(c);
        return 1;
    }
    if (check_only) {
        printf("%s: configuration is valid\n", path != NULL ? path : "built-in defaults");
        lexicon_free(lx);
        cfg_free(c);
        return 0;
    }
    log_set_level((enum log_level)c->log_level);
    /* Dates citizens read (the agenda's "today") are in the configured
     * zone; logs carry no local times. */
    if (setenv("TZ", c->timezone, 1) != 0)
        fatal("event=startup_failed what=setenv");
    tzset();

    /* Signals are taken by sigwait() below; every thread inherits the mask. */
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    if ((db = db_connect(c->database)) == NULL)
        fatalx("event=startup_failed reason=\"cannot connect to the database\"");
    schema_check(db);
    if (db_ticket_key(db, &key) < 0)
        fatalx("event=startup_failed reason=\"cannot read the ticket key\"");
    db_close(db);
    gw.cfg = c;
    gw.lx = lx;
    if ((gw.intake = intake_start(c, lx, key)) == NULL)
        fatalx("event=startup_failed reason=\"cannot open the intake connections\"");
    if ((gw.api = api_start(c, lx)) == NULL)
        fatalx("event=startup_failed reason=\"cannot open the API connections\"");
    if (c->journal_dir[0] != '\0') {
        /* A journal left by a stopped or crashed aspirasid is replayed now. */
        if ((gw.journal = journal_open(c, lx, gw.intake)) == NULL)
            fatalx("event=startup_failed reason=\"cannot open the journal\"");
        journal_start(gw.journal);
    }
    sender = sender_start(c, instance_name(instance, sizeof(instance)));
    retention = retention_start(c);
    if ((srv = http_start(&gw)) == NULL)
        fatalx("event=startup_failed reason=\"cannot listen\"");
    log_info("event=started pid=%ld config=%s", (long)getpid(), path != NULL ? path : "-");

    for (;;) {
        if (sigwait(&sigs, &sig) != 0)
            continue;
        if (sig == SIGHUP) {
            log_info("event=sighup_ignored reason=\"restart to reload the configuration\"");
            continue;
        }
        break;
    }
    log_info("event=stopping signal=%s", sig == SIGTERM ? "TERM" : "INT");
    left = http_drain(srv, c->shutdown_grace);
    if (left > 0) {
        /* Unanswered requests are not lost: nothing was acknowledged, so
         * Kannel retries them (http-request-retry). */
        log_warnx("event=stopped unanswered=%d", left);
        return 1;
    }
    sender_stop(sender);
    retention_stop(retention);
    journal_close(gw.journal);
    intake_stop(gw.intake);
    api_stop(gw.api);
    lexicon_free(lx);
    cfg_free(c);
    log_info("event=stopped");
    return 0;
}
