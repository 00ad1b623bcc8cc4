/*
 * The configuration: one libconfig file, every key declared in one table
 * (cfg.c) with its type, bounds, default and environment override.
 *
 * Errors name the file and line ("aspirasi.conf:42: unknown key
 * \"kanel_secret\""); all of them are reported, none is applied.  The
 * environment overrides a few keys so a test or a container can run the
 * daemon without editing the file:
 *
 *   ASPIRASI_LISTEN         listen          HOST:PORT
 *   ASPIRASI_KANNEL_SECRET  kannel.secret
 *   ASPIRASI_DB             database        libpq conninfo ("" = PG* variables)
 *   ASPIRASI_LOG_LEVEL      log_level
 *   ASPIRASI_SENDSMS_URL    sendsms.url     Kannel's sendsms URL with its account
 */
#ifndef ASPIRASI_CFG_H
#define ASPIRASI_CFG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

#include "menus/menu.h"
#include "parsers/intent.h"

#define CFG_ALLOW_MAX    32
#define CFG_KEYWORDS_MAX 64 /* per intent */
#define CFG_STATUS_MAX   16
#define CFG_NAME_MAX     32
#define CFG_LABEL_MAX    64
#define CFG_PATH_MAX     200 /* bytes of journal.dir */

/* One entry of kannel.allow: an address with a prefix length. */
struct cfg_cidr {
    int family; /* AF_INET or AF_INET6 */
    unsigned char addr[16];
    int prefix;
};

/* A ticket status: its name (used by staff and in the database) and the
 * Indonesian wording a citizen reads. */
struct cfg_status {
    char name[CFG_NAME_MAX];
    char label[CFG_LABEL_MAX];
    int closed; /* closed = true: the ticket is dealt with (Open311 "closed",
                   not counted as open in statistics) */
};

/* The reply templates, one per situation.  See aspirasi.conf.example. */
enum cfg_reply {
    REPLY_COMPLAINT = 0,    /* ticket created: {ticket} */
    REPLY_COMPLAINT_EMPTY,  /* ADUAN with no text */
    REPLY_STATUS,           /* {ticket} {status} {date} */
    REPLY_STATUS_BAD_CODE,  /* wrong check digit or length: {code} */
    REPLY_STATUS_SUGGEST,   /* wrong check digit, and one ticket of this phone is
                               one typo away: {code} {ticket} */
    REPLY_STATUS_NOT_FOUND, /* valid code, no such ticket: {ticket} */
    REPLY_STATUS_MISSING,   /* STATUS with no number */
    REPLY_SUBSCRIBE,        /* subscribed */
    REPLY_UNSUBSCRIBE,      /* opted out */
    REPLY_CONFIRM,          /* unsure reading: "Maksud Anda {keyword}? Balas 1" */
    REPLY_LANGUAGE,         /* the reply language was set */
    REPLY_HELP,             /* help text */
    REPLY_STATUS_CHANGED,   /* notification of a new status: {ticket} {status} */
    REPLY_SUBSCRIBE_KOMISI, /* subscribed to one komisi: {komisi} */
    REPLY_PROPOSAL,         /* USUL/TANYA recorded, no session named */
    REPLY_PROPOSAL_SESSION, /* recorded for session {session} */
    REPLY_PROPOSAL_UNKNOWN, /* session {session} unknown or over: recorded as general */
    REPLY_PROPOSAL_EMPTY,   /* USUL with no text */
    REPLY_INFO_MISSING,     /* no page for topic {keyword} */
    REPLY_TOO_MANY,         /* the one notice of a number over limits.* */
    REPLY_RECEIVED,         /* journaled: the answer follows by SMS */
    REPLY__COUNT
};

struct cfg {
    char *path; /* the file read, for messages */

    char listen_host[64]; /* listen = "HOST:PORT" */
    uint16_t listen_port;
    char *database; /* libpq conninfo; "" = PG* variables */
    char *timezone; /* dates shown to citizens, e.g. "Asia/Jakarta" */
    int log_level;  /* LOG_LEVEL_* from common/log.h */

    char *kannel_secret; /* "" when unset (aspirasid refuses that), else at least 8 characters */
    struct cfg_cidr allow[CFG_ALLOW_MAX];
    size_t nallow;

    int http_threads;         /* http.threads */
    size_t max_request_bytes; /* http.max_request_bytes */
    int http_timeout;         /* http.timeout, seconds of idle connection */
    int shutdown_grace;       /* http.shutdown_grace, seconds */

    int db_pool;       /* db.pool: intake connections */
    int api_threads;   /* api.threads: workers (and connections) of the JSON API */
    int db_batch_max;  /* db.batch_max: MOs sharing one commit */
    int db_batch_wait; /* db.batch_wait: ms a batch may wait to fill */

    /* keywords.<intent> = ["..."]; */
    char *keywords[INTENT__COUNT][CFG_KEYWORDS_MAX];
    size_t nkeywords[INTENT__COUNT];

    int confirm_window; /* seconds a "1" may answer a confirmation question */

    /* limits: per number, SMS only (gateway/intake.c); 0 disables */
    int limits_tickets_per_hour; /* tickets a number may open in the last hour */
    int limits_replies_per_day;  /* replies a number may get in the last 24 hours */
    int limits_loop_repeats;     /* the same text this often within ... */
    int limits_loop_window;      /* ... this many minutes is a loop: no reply */
    /* journal: SMS kept on local disk while PostgreSQL is away (gateway/journal.h) */
    char *journal_dir; /* journal.dir; "" = none (such an SMS gets a 503) */
    int journal_after; /* journal.after: ms an SMS may wait for the database */

    int retention_days; /* retention.days: texts kept this long; 0 for ever */

    /* replies.<name> (Indonesian), replies_jv.<name>, replies_en.<name>;
       index LANG_NONE is unused */
    char *replies[LANG__COUNT][REPLY__COUNT];

    /* sendsms: the outbox sender */
    char *sendsms_url;   /* "http://127.0.0.1:13013/cgi-bin/sendsms?username=u&password=p";
                            "" = nothing is sent (rows wait in the outbox) */
    char *sendsms_from;  /* sender address (the short code); "" = Kannel's default */
    char *dlr_url;       /* base of the dlr-url Kannel calls back; "" = http://LISTEN/kannel/dlr */
    int sendsms_rate;    /* messages per second, per instance */
    int sendsms_threads; /* sender threads */
    int sendsms_retries; /* attempts before a row fails for good */
    int sendsms_backoff; /* seconds before the first retry; doubled each time */
    int sendsms_backoff_max;    /* the longest wait between retries, seconds */
    int sendsms_timeout;        /* seconds one sendsms request may take */
    int sendsms_lease;          /* seconds a claimed row stays with its sender */
    int quiet_start, quiet_end; /* quiet_hours "21:00-06:00", minutes after local midnight;
                                   equal: no quiet hours */
    int price_per_segment;      /* broadcast.price_per_segment, Rupiah */

    /* ussd: the menus (menus/menu.h) */
    char *ussd_service_code;     /* "*123#" */
    int ussd_timeout;            /* seconds a session waits for the next input */
    int ussd_resume_window;      /* seconds after a dropped session during which a redial
                                    is offered to continue it; 0: never */
    int ussd_screen_max;         /* characters of one screen (Kannel's SMPP link sends 160 in
                                    one message unless told otherwise) */
    struct menu_tree *ussd_menu; /* ussd.menu, checked against ussd_screen_max */

    struct cfg_status statuses[CFG_STATUS_MAX]; /* statuses = ( ... ); the first
                                                   is the status of a new ticket */
    size_t nstatuses;
};

/*
 * Loads path (NULL: built-in defaults only) and then the environment
 * overrides, validating everything, reply templates included (GSM-7, one
 * segment with the longest values).  Returns a config to free with
 * cfg_free(), or NULL after writing every error, one per line and each
 * naming file:line where there is one, to errs.
 */
struct cfg *cfg_load(const char *path, FILE *errs);

/* Frees a config; NULL is a no-op. */
void cfg_free(struct cfg *c);

/* Returns the name of a reply template ("complaint", "status_bad_code", ...),
 * the same in every language's group. */
const char *cfg_reply_name(enum cfg_reply r);

/* Looks up a status by name; returns it or NULL. */
const struct cfg_status *cfg_status_find(const struct cfg *c, const char *name);

/* Returns 1 if the socket address is inside kannel.allow, else 0. */
int cfg_allowed(const struct cfg *c, const struct sockaddr *sa);

/* Fills spec with the configured keywords (pointers into c) and the
 * built-in information topics. */
void cfg_lexicon_spec(const struct cfg *c, struct lexicon_spec *spec);

#endif
