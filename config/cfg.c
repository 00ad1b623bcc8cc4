/*
 * Loading and validating aspirasi.conf.
 *
 * Every key is declared once, in cfg_keys[] below: its dotted path, its
 * type, its bounds, its built-in default, the environment variable that
 * overrides it and the validator that checks and stores it.  A key that is
 * not in the table is an error.  cfg_load() builds a fresh struct cfg in
 * four passes:
 *
 *   1. the defaults, through the same validators as everything else (a
 *      default they reject is a bug and aborts);
 *   2. the file, walked in its own order so that errors come out in line
 *      order;
 *   3. the environment overrides, through the same validators again;
 *   4. the checks that span keys: every reply template rendered with the
 *      longest values it can carry (the longest configured status label
 *      among them) must fit one GSM-7 segment, and the keywords must make a
 *      lexicon, built by the very code the classifier uses.
 *
 * Each error is written to errs as soon as it is found and counted.  If
 * there was any, the half-built config is freed and NULL is returned, so a
 * bad file is never partly applied.
 */
#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <libconfig.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "config/cfg.h"
#include "config/menu_cfg.h"
#include "parsers/gsm7.h"
#include "parsers/intent.h"
#include "parsers/reply.h"

#define KEYWORD_LETTERS 20  /* the longest keyword: reply.h's worst {keyword} */
#define SECRET_MIN      8   /* kannel.secret, when set */
#define TIMEZONE_MAX    64  /* bytes of a zone name such as "America/Argentina/..." */
#define WHY_MAX         512 /* one error message */
#define SHOW_MAX        80  /* a value quoted in a message */

enum key_type {
    KEY_GROUP,    /* a group holding other keys: kannel, http, db, ... */
    KEY_STRING,   /* a string, checked and stored by its validator */
    KEY_INT,      /* an integer in [min, max], stored in an int at off */
    KEY_SIZE,     /* an integer in [min, max], stored in a size_t at off */
    KEY_WORDS,    /* keywords.<intent>: an array or list of words */
    KEY_ADDRS,    /* kannel.allow: an array or list of addresses or CIDRs */
    KEY_REPLY,    /* replies[_jv|_en].<name>: a template, checked in pass 4 */
    KEY_STATUSES, /* statuses: a list of { name; label; } groups */
    KEY_MENU      /* ussd.menu: a list of screens (config/menu_cfg.c) */
};

struct cfg_key;

/* Checks the string s for key k and stores it in c.  Returns NULL, or a
 * reason written into why (which names the key) with c unchanged. */
typedef const char *(*cfg_check_fn)(struct cfg *c, const struct cfg_key *k, const char *s,
                                    char *why, size_t whylen);

struct cfg_key {
    const char *path;            /* "kannel.secret" */
    enum key_type type;          /* decides which of the fields below are used */
    long long min, max;          /* KEY_INT, KEY_SIZE: inclusive bounds */
    long long def_int;           /* KEY_INT, KEY_SIZE */
    const char *def_str;         /* KEY_STRING, KEY_REPLY */
    const char *const *def_list; /* KEY_ADDRS: NULL-terminated (KEY_WORDS take
                                    theirs from lexicon_default());
                                    KEY_STATUSES: name, label, "open"|"closed", ... */
    const char *env;             /* overriding environment variable, or NULL */
    cfg_check_fn check;          /* KEY_STRING */
    size_t off;                  /* KEY_INT, KEY_SIZE: offsetof(struct cfg, ...) */
    int arg;                     /* KEY_WORDS: enum intent; KEY_REPLY: enum cfg_reply */
    unsigned vars;               /* KEY_REPLY: the placeholders it may use */
    enum lang lang;              /* KEY_REPLY: the language of the template */
};

static const char *check_listen(struct cfg *, const struct cfg_key *, const char *, char *, size_t);
static const char *check_database(struct cfg *, const struct cfg_key *, const char *, char *,
                                  size_t);
static const char *check_timezone(struct cfg *, const struct cfg_key *, const char *, char *,
                                  size_t);
static const char *check_log_level(struct cfg *, const struct cfg_key *, const char *, char *,
                                   size_t);
static const char *check_secret(struct cfg *, const struct cfg_key *, const char *, char *, size_t);
static const char *check_url(struct cfg *, const struct cfg_key *, const char *, char *, size_t);
static const char *check_journal_dir(struct cfg *, const struct cfg_key *, const char *, char *,
                                     size_t);
static const char *check_from(struct cfg *, const struct cfg_key *, const char *, char *, size_t);
static const char *check_quiet(struct cfg *, const struct cfg_key *, const char *, char *, size_t);
static const char *check_service_code(struct cfg *, const struct cfg_key *, const char *, char *,
                                      size_t);

/* The table below reads best as columns. */
/* clang-format off */
#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})
#define GROUP(p)                    { .path = (p), .type = KEY_GROUP }
#define STRING(p, def, var, fn)     { .path = (p), .type = KEY_STRING, .def_str = (def), \
                                      .env = (var), .check = (fn) }
#define INT(p, lo, hi, def, field)  { .path = (p), .type = KEY_INT, .min = (lo), .max = (hi), \
                                      .def_int = (def), .off = offsetof(struct cfg, field) }
#define SIZE(p, lo, hi, def, field) { .path = (p), .type = KEY_SIZE, .min = (lo), .max = (hi), \
                                      .def_int = (def), .off = offsetof(struct cfg, field) }
#define ADDRS(p, ...)               { .path = (p), .type = KEY_ADDRS, \
                                      .def_list = LIST(__VA_ARGS__) }
#define WORDS(p, in)                { .path = (p), .type = KEY_WORDS, .arg = (in) }
#define REPLY(l, p, r, v, def)      { .path = (p), .type = KEY_REPLY, .arg = (r), .vars = (v), \
                                      .def_str = (def), .lang = (l) }
#define ID(p, r, v, def)            REPLY(LANG_ID, "replies." p, r, v, def)
#define JV(p, r, v, def)            REPLY(LANG_JV, "replies_jv." p, r, v, def)
#define EN(p, r, v, def)            REPLY(LANG_EN, "replies_en." p, r, v, def)
#define MENU(p)                     { .path = (p), .type = KEY_MENU }
#define STATUSES(p, ...)            { .path = (p), .type = KEY_STATUSES, \
                                      .def_list = LIST(__VA_ARGS__) }

#define V_TICKET  REPLY_VAR_TICKET
#define V_STATUS  REPLY_VAR_STATUS
#define V_DATE    REPLY_VAR_DATE
#define V_CODE    REPLY_VAR_CODE
#define V_KEYWORD REPLY_VAR_KEYWORD
#define V_SESSION REPLY_VAR_SESSION
#define V_KOMISI  REPLY_VAR_KOMISI

/*
 * Every key of aspirasi.conf.  A group comes before its keys.  The example
 * file, config/aspirasi.conf.example, documents each key and holds these
 * same defaults (a unit test checks that the two agree).
 */
static const struct cfg_key cfg_keys[] = {
    /*     key                        default           environment               validator */
    STRING("listen",                  "127.0.0.1:8787", "ASPIRASI_LISTEN",        check_listen),
    STRING("database",                "",               "ASPIRASI_DB",            check_database),
    STRING("timezone",                "Asia/Jakarta",   NULL,                     check_timezone),
    STRING("log_level",               "info",           "ASPIRASI_LOG_LEVEL",     check_log_level),

    GROUP("kannel"),
    STRING("kannel.secret",           "",               "ASPIRASI_KANNEL_SECRET", check_secret),
    /*     key                        default entries */
    ADDRS( "kannel.allow",            "127.0.0.1", "::1"),

    /*     key                        min   max      default  field */
    GROUP("http"),
    INT(   "http.threads",            1,    64,      2,       http_threads),
    SIZE(  "http.max_request_bytes",  1024, 1048576, 16384,   max_request_bytes),
    INT(   "http.timeout",            1,    600,     15,      http_timeout),
    INT(   "http.shutdown_grace",     0,    300,     10,      shutdown_grace),
    GROUP("api"),
    INT(   "api.threads",             1,    16,      2,       api_threads),

    GROUP("db"),
    INT(   "db.pool",                 1,    64,      2,       db_pool),
    INT(   "db.batch_max",            1,    1024,    32,      db_batch_max),
    INT(   "db.batch_wait",           0,    100,     10,      db_batch_wait),

    /*     key                        default                      environment  validator */
    GROUP("journal"),
    STRING("journal.dir",             "/var/lib/aspirasi/journal", NULL,        check_journal_dir),
    /*     key                        min   max      default  field */
    INT(   "journal.after",           100,  60000,   3000,    journal_after),

    /*     key (the intent's name; defaults: lexicon_default() of parsers/lexicon.c) */
    GROUP("keywords"),
    WORDS( "keywords.complaint",      INTENT_COMPLAINT),
    WORDS( "keywords.status",         INTENT_STATUS),
    WORDS( "keywords.agenda",         INTENT_AGENDA),
    WORDS( "keywords.info",           INTENT_INFO),
    WORDS( "keywords.subscribe",      INTENT_SUBSCRIBE),
    WORDS( "keywords.unsubscribe",    INTENT_UNSUBSCRIBE),
    WORDS( "keywords.help",           INTENT_HELP),
    WORDS( "keywords.language",       INTENT_LANGUAGE),
    WORDS( "keywords.proposal",       INTENT_PROPOSAL),

    /*     key                         min max    default field */
    INT(   "confirm_window",           10, 86400, 900,    confirm_window),

    /*     key                        min   max      default  field */
    GROUP("limits"),
    INT(   "limits.tickets_per_hour", 0,    1000,    10,      limits_tickets_per_hour),
    INT(   "limits.replies_per_day",  0,    10000,   30,      limits_replies_per_day),
    INT(   "limits.loop_repeats",     2,    100,     3,       limits_loop_repeats),
    INT(   "limits.loop_window",      0,    1440,    10,      limits_loop_window),

    GROUP("retention"),
    INT(   "retention.days",          0,    36500,   365,     retention_days),

    /*     key                        default           environment               validator */
    GROUP("sendsms"),
    STRING("sendsms.url",             "",               "ASPIRASI_SENDSMS_URL",   check_url),
    STRING("sendsms.from",            "",               NULL,                     check_from),
    STRING("sendsms.dlr_url",         "",               NULL,                     check_url),
    /*     key                        min   max      default  field */
    INT(   "sendsms.rate",            1,    10000,   20,      sendsms_rate),
    INT(   "sendsms.threads",         1,    16,      2,       sendsms_threads),
    INT(   "sendsms.retries",         1,    100,     8,       sendsms_retries),
    INT(   "sendsms.backoff",         1,    3600,    5,       sendsms_backoff),
    INT(   "sendsms.backoff_max",     1,    86400,   600,     sendsms_backoff_max),
    INT(   "sendsms.timeout",         1,    300,     10,      sendsms_timeout),
    INT(   "sendsms.lease",           5,    3600,    60,      sendsms_lease),

    STRING("quiet_hours",             "21:00-06:00",    NULL,                     check_quiet),

    /*     key                        default           environment               validator */
    GROUP("ussd"),
    STRING("ussd.service_code",       "*123#",          NULL,                     check_service_code),
    /*     key                        min   max      default  field */
    INT(   "ussd.timeout",            10,   3600,    180,     ussd_timeout),
    INT(   "ussd.resume_window",      0,    86400,   600,     ussd_resume_window),
    INT(   "ussd.screen_max",         100,  182,     160,     ussd_screen_max),
    /*     key (default: menu_cfg_default of config/menu_cfg.c) */
    MENU(  "ussd.menu"),

    GROUP("broadcast"),
    INT(   "broadcast.price_per_segment", 0, 100000, 350,     price_per_segment),

    /* Replies in Indonesian (the default), Javanese and English.
     *     name                 template                 placeholders allowed, default */
    GROUP("replies"),
    ID(    "complaint",         REPLY_COMPLAINT,         V_TICKET,
           "Terima kasih. Aduan Anda tercatat dgn no tiket {ticket}. Cek: ketik STATUS {ticket}"),
    ID(    "complaint_empty",   REPLY_COMPLAINT_EMPTY,   0,
           "Tulis aduan setelah kata ADUAN. Contoh: ADUAN jalan rusak di Desa Sooko RT 3"),
    ID(    "status",            REPLY_STATUS,            V_TICKET | V_STATUS | V_DATE,
           "Tiket {ticket}: {status}. Perubahan terakhir {date}."),
    ID(    "status_bad_code",   REPLY_STATUS_BAD_CODE,   V_CODE,
           "Nomor tiket {code} salah, cek lagi. No tiket 7 angka, contoh: STATUS 4821937"),
    ID(    "status_suggest",    REPLY_STATUS_SUGGEST,    V_CODE | V_TICKET,
           "Nomor tiket {code} salah. Maksud Anda {ticket}? Ketik STATUS {ticket}"),
    ID(    "status_not_found",  REPLY_STATUS_NOT_FOUND,  V_TICKET,
           "Tiket {ticket} tidak ditemukan, cek lagi nomornya."),
    ID(    "status_missing",    REPLY_STATUS_MISSING,    0,
           "Ketik STATUS lalu no tiket 7 angka. Contoh: STATUS 4821937"),
    ID(    "subscribe",         REPLY_SUBSCRIBE,         0,
           "Anda terdaftar utk info agenda DPRD Kab. Mojokerto. Berhenti: ketik BERHENTI"),
    ID(    "unsubscribe",       REPLY_UNSUBSCRIBE,       0,
           "Anda tdk akan menerima info lagi. Daftar lagi: ketik DAFTAR"),
    ID(    "confirm",           REPLY_CONFIRM,           V_KEYWORD,
           "Maksud Anda {keyword}? Balas 1 jika ya."),
    ID(    "language",          REPLY_LANGUAGE,          0,
           "Baik, balasan memakai Bahasa Indonesia. Ganti: ketik BAHASA JAWA atau LANGUAGE ENGLISH"),
    ID(    "help",              REPLY_HELP,              0,
           "DPRD Kab. Mojokerto. Ketik: ADUAN isi aduan / STATUS no tiket / AGENDA / INFO / "
           "DAFTAR / BERHENTI"),
    ID(    "status_changed",    REPLY_STATUS_CHANGED,    V_TICKET | V_STATUS,
           "Aduan {ticket}: {status}. Info: ketik STATUS {ticket}"),
    ID(    "subscribe_komisi",  REPLY_SUBSCRIBE_KOMISI,  V_KOMISI,
           "Anda terdaftar utk info agenda Komisi {komisi} DPRD Kab. Mojokerto. Berhenti: ketik "
           "BERHENTI"),
    ID(    "proposal",          REPLY_PROPOSAL,          0,
           "Terima kasih, masukan Anda dicatat dan diteruskan ke DPRD. Lihat jadwal sidang: ketik "
           "AGENDA"),
    ID(    "proposal_session",  REPLY_PROPOSAL_SESSION,  V_SESSION,
           "Terima kasih, masukan Anda dicatat utk agenda #{session} dan diteruskan ke DPRD."),
    ID(    "proposal_unknown",  REPLY_PROPOSAL_UNKNOWN,  V_SESSION,
           "Agenda #{session} tdk ada atau sudah lewat. Masukan Anda tetap dicatat utk DPRD. Cek "
           "no agenda: ketik AGENDA"),
    ID(    "proposal_empty",    REPLY_PROPOSAL_EMPTY,    0,
           "Tulis usul setelah kata USUL, atau pertanyaan setelah TANYA. Contoh: USUL 12 perbaiki "
           "jalan Sooko"),
    ID(    "info_missing",      REPLY_INFO_MISSING,      V_KEYWORD,
           "Info {keyword} belum ada. Ketik INFO utk daftar topik."),
    ID(    "too_many",          REPLY_TOO_MANY,          0,
           "Pesan Anda sudah terlalu banyak. Mohon tunggu sebelum mengirim lagi. Pesan Anda tetap "
           "kami simpan."),
    ID(    "received",          REPLY_RECEIVED,          0,
           "Pesan Anda sudah kami terima. Jawaban (dan no tiket utk aduan) kami kirim lewat SMS "
           "sebentar lagi."),

    GROUP("replies_jv"),
    JV(    "complaint",         REPLY_COMPLAINT,         V_TICKET,
           "Matur nuwun. Aduan panjenengan kacathet kanthi no tiket {ticket}. Cek: ketik STATUS "
           "{ticket}"),
    JV(    "complaint_empty",   REPLY_COMPLAINT_EMPTY,   0,
           "Serat aduan sasampunipun tembung ADUAN. Tuladha: ADUAN dalan rusak ing Desa Sooko RT 3"),
    JV(    "status",            REPLY_STATUS,            V_TICKET | V_STATUS | V_DATE,
           "Tiket {ticket}: {status}. Diowahi pungkasan {date}."),
    JV(    "status_bad_code",   REPLY_STATUS_BAD_CODE,   V_CODE,
           "Nomer tiket {code} lepat, cek malih. No tiket 7 angka, tuladha: STATUS 4821937"),
    JV(    "status_suggest",    REPLY_STATUS_SUGGEST,    V_CODE | V_TICKET,
           "Nomer tiket {code} lepat. Punapa ingkang dipunkersakaken {ticket}? Ketik STATUS "
           "{ticket}"),
    JV(    "status_not_found",  REPLY_STATUS_NOT_FOUND,  V_TICKET,
           "Tiket {ticket} mboten wonten, cek malih nomeripun."),
    JV(    "status_missing",    REPLY_STATUS_MISSING,    0,
           "Ketik STATUS lajeng no tiket 7 angka. Tuladha: STATUS 4821937"),
    JV(    "subscribe",         REPLY_SUBSCRIBE,         0,
           "Panjenengan sampun kadaftar kangge info agenda DPRD Kab. Mojokerto. Mandheg: ketik "
           "BERHENTI"),
    JV(    "unsubscribe",       REPLY_UNSUBSCRIBE,       0,
           "Panjenengan mboten badhe nampi info malih. Daftar malih: ketik DAFTAR"),
    JV(    "confirm",           REPLY_CONFIRM,           V_KEYWORD,
           "Punapa maksud panjenengan {keyword}? Bales 1 menawi leres."),
    JV(    "language",          REPLY_LANGUAGE,          0,
           "Inggih, wangsulan ngangge Basa Jawa. Ganti: ketik BAHASA INDONESIA"),
    JV(    "help",              REPLY_HELP,              0,
           "DPRD Kab. Mojokerto. Ketik: ADUAN isi aduan / STATUS no tiket / AGENDA / INFO / "
           "DAFTAR / BERHENTI"),
    JV(    "status_changed",    REPLY_STATUS_CHANGED,    V_TICKET | V_STATUS,
           "Aduan {ticket}: {status}. Priksa: ketik STATUS {ticket}"),
    JV(    "subscribe_komisi",  REPLY_SUBSCRIBE_KOMISI,  V_KOMISI,
           "Panjenengan sampun kadaftar kangge info agenda Komisi {komisi}. Mandheg: ketik "
           "BERHENTI"),
    JV(    "proposal",          REPLY_PROPOSAL,          0,
           "Matur nuwun, atur panjenengan sampun kacathet lan dipunaturaken dhateng DPRD. Jadwal: "
           "ketik AGENDA"),
    JV(    "proposal_session",  REPLY_PROPOSAL_SESSION,  V_SESSION,
           "Matur nuwun, atur panjenengan kacathet kangge agenda #{session} lan dipunaturaken "
           "dhateng DPRD."),
    JV(    "proposal_unknown",  REPLY_PROPOSAL_UNKNOWN,  V_SESSION,
           "Agenda #{session} mboten wonten utawi sampun kalampahan. Atur panjenengan tetep "
           "kacathet. Ketik AGENDA"),
    JV(    "proposal_empty",    REPLY_PROPOSAL_EMPTY,    0,
           "Serat usul sasampunipun tembung USUL, utawi pitakenan sasampunipun TANYA. Tuladha: "
           "USUL 12 dalan Sooko"),
    JV(    "info_missing",      REPLY_INFO_MISSING,      V_KEYWORD,
           "Info {keyword} dereng wonten. Ketik INFO kangge daftar topik."),
    JV(    "too_many",          REPLY_TOO_MANY,          0,
           "Pesen panjenengan sampun kathah sanget. Mangga ngentosi rumiyin saderengipun ngintun "
           "malih. Pesen tetep kacathet."),
    JV(    "received",          REPLY_RECEIVED,          0,
           "Pesen panjenengan sampun katampi. Wangsulan (lan no tiket kangge aduan) badhe kakintun "
           "lewat SMS."),

    GROUP("replies_en"),
    EN(    "complaint",         REPLY_COMPLAINT,         V_TICKET,
           "Thank you. Your complaint is recorded as ticket {ticket}. To check: send STATUS "
           "{ticket}"),
    EN(    "complaint_empty",   REPLY_COMPLAINT_EMPTY,   0,
           "Write your complaint after the word ADUAN. Example: ADUAN broken road in Desa Sooko"),
    EN(    "status",            REPLY_STATUS,            V_TICKET | V_STATUS | V_DATE,
           "Ticket {ticket}: {status}. Last change {date}."),
    EN(    "status_bad_code",   REPLY_STATUS_BAD_CODE,   V_CODE,
           "Ticket number {code} is wrong, please check. Tickets have 7 digits, e.g. STATUS "
           "4821937"),
    EN(    "status_suggest",    REPLY_STATUS_SUGGEST,    V_CODE | V_TICKET,
           "Ticket number {code} is wrong. Did you mean {ticket}? Send STATUS {ticket}"),
    EN(    "status_not_found",  REPLY_STATUS_NOT_FOUND,  V_TICKET,
           "Ticket {ticket} was not found, please check the number."),
    EN(    "status_missing",    REPLY_STATUS_MISSING,    0,
           "Send STATUS and your 7-digit ticket number. Example: STATUS 4821937"),
    EN(    "subscribe",         REPLY_SUBSCRIBE,         0,
           "You are subscribed to DPRD Kab. Mojokerto agenda news. To stop: send BERHENTI"),
    EN(    "unsubscribe",       REPLY_UNSUBSCRIBE,       0,
           "You will not receive news any more. To subscribe again: send DAFTAR"),
    EN(    "confirm",           REPLY_CONFIRM,           V_KEYWORD,
           "Did you mean {keyword}? Reply 1 for yes."),
    EN(    "language",          REPLY_LANGUAGE,          0,
           "OK, replies will be in English. To change: send BAHASA INDONESIA"),
    EN(    "help",              REPLY_HELP,              0,
           "DPRD Kab. Mojokerto. Send: ADUAN complaint / STATUS ticket no / AGENDA / INFO / "
           "DAFTAR / BERHENTI"),
    EN(    "status_changed",    REPLY_STATUS_CHANGED,    V_TICKET | V_STATUS,
           "Complaint {ticket}: {status}. More: send STATUS {ticket}"),
    EN(    "subscribe_komisi",  REPLY_SUBSCRIBE_KOMISI,  V_KOMISI,
           "You are subscribed to Komisi {komisi} agenda news of DPRD Kab. Mojokerto. To stop: "
           "send BERHENTI"),
    EN(    "proposal",          REPLY_PROPOSAL,          0,
           "Thank you, your input is recorded and passed to the DPRD. Sessions: send AGENDA"),
    EN(    "proposal_session",  REPLY_PROPOSAL_SESSION,  V_SESSION,
           "Thank you, your input is recorded for session #{session} and passed to the DPRD."),
    EN(    "proposal_unknown",  REPLY_PROPOSAL_UNKNOWN,  V_SESSION,
           "Session #{session} does not exist or is over. Your input is still recorded. Session "
           "numbers: send AGENDA"),
    EN(    "proposal_empty",    REPLY_PROPOSAL_EMPTY,    0,
           "Write your proposal after USUL, or your question after TANYA. Example: USUL 12 fix "
           "the Sooko road"),
    EN(    "info_missing",      REPLY_INFO_MISSING,      V_KEYWORD,
           "There is no {keyword} information yet. Send INFO for the list of topics."),
    EN(    "too_many",          REPLY_TOO_MANY,          0,
           "You have sent too many messages. Please wait before sending more. Your messages are "
           "still recorded."),
    EN(    "received",          REPLY_RECEIVED,          0,
           "We have received your message. The answer (and the ticket number of a complaint) "
           "follows by SMS shortly."),

    /*       key         then the name and label of each status; the first is a new ticket's */
    STATUSES("statuses",
             "baru",       "Diterima, menunggu ditelaah",  "open",
             "diproses",   "Sedang diproses",              "open",
             "diteruskan", "Diteruskan ke komisi terkait", "open",
             "selesai",    "Selesai ditindaklanjuti",      "closed",
             "ditolak",    "Tidak dapat ditindaklanjuti",  "closed"),
};
/* clang-format on */

#define NKEYS (sizeof(cfg_keys) / sizeof(cfg_keys[0]))

/* The longest value of each placeholder, for checking templates; {status}
 * is filled in from the configured labels. */
#define WORST_TICKET  "9999999"
#define WORST_DATE    "28/11/2026"
#define WORST_CODE    "999999999999999"
#define WORST_KEYWORD "WWWWWWWWWWWWWWWWWWWW"
#define WORST_SESSION "9999999999"
#define WORST_KOMISI  "III"
_Static_assert(sizeof(WORST_KEYWORD) - 1 == KEYWORD_LETTERS, "worst keyword length");
_Static_assert(sizeof(WORST_CODE) == INTENT_TICKET_MAX, "worst code length");

/* The state of one cfg_load(): where errors go, and where the keys that
 * pass 4 checks came from, so its errors can name a line too. */
struct load {
    struct cfg *c;
    FILE *errs;
    unsigned nerrors;
    unsigned keyword_errors; /* in keywords.*: skip the lexicon */
    const config_setting_t *reply_at[LANG__COUNT][REPLY__COUNT]; /* replies*.<name> */
    const config_setting_t *keywords_at;                         /* the keywords group */
    const config_setting_t *statuses_at;                         /* the statuses list */
    const config_setting_t *menu_at;                             /* ussd.menu */
    int menu_errors;                                             /* found reading it */
};

/*
 * Writes one error to ld->errs: "file:line: message" when at is a setting
 * read from a file, "environment VAR: message" when env is set, else the
 * bare message.
 */
static void __attribute__((format(printf, 4, 5)))
load_error(struct load *ld, const config_setting_t *at, const char *env, const char *fmt, ...)
{
    va_list ap;

    ld->nerrors++;
    if (ld->errs == NULL)
        return;
    if (at != NULL) {
        const char *file = config_setting_source_file(at);

        fprintf(ld->errs, "%s:%u: ", file != NULL ? file : ld->c->path,
                config_setting_source_line(at));
    } else if (env != NULL) {
        fprintf(ld->errs, "environment %s: ", env);
    }
    va_start(ap, fmt);
    vfprintf(ld->errs, fmt, ap);
    va_end(ap);
    fputc('\n', ld->errs);
}

static int
is_alpha(int ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

static int
is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int
has_control(const char *s)
{
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 1;
    }
    return 0;
}

/* Replaces the string at *dst by a copy of s. */
static void
replace_string(char **dst, const char *s)
{
    free(*dst);
    *dst = xstrdup(s);
}

/*
 * Copies s into buf (SHOW_MAX bytes) for quoting in a message, with control
 * characters, quotes and backslashes escaped and a long value cut short,
 * so that one error is always one line.  Returns buf.
 */
static const char *
show(const char *s, char *buf)
{
    size_t o = 0;

    for (; *s != '\0'; s++) {
        unsigned char ch = (unsigned char)*s;
        char esc[8];
        size_t n;

        if (ch == '\n' || ch == '\t' || ch == '\r')
            n = (size_t)snprintf(esc, sizeof(esc), "\\%c",
                                 ch == '\n'   ? 'n'
                                 : ch == '\t' ? 't'
                                              : 'r');
        else if (ch < 0x20 || ch == 0x7f)
            n = (size_t)snprintf(esc, sizeof(esc), "\\x%02x", ch);
        else if (ch == '"' || ch == '\\')
            n = (size_t)snprintf(esc, sizeof(esc), "\\%c", ch);
        else
            n = (size_t)snprintf(esc, sizeof(esc), "%c", ch);
        if (o + n > SHOW_MAX - sizeof("...")) {
            /* do not leave half a UTF-8 character before the dots */
            while (o > 0 && ((unsigned char)buf[o - 1] & 0xc0) == 0x80)
                o--;
            if (o > 0 && (unsigned char)buf[o - 1] >= 0xc0)
                o--;
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
        memcpy(buf + o, esc, n);
        o += n;
    }
    buf[o] = '\0';
    return buf;
}

/* ---- validators of single strings ------------------------------------- */

/* Parses a port of one to five digits into 1..65535; returns 0 or -1. */
static int
parse_port(const char *s, uint16_t *out)
{
    char *end;
    long v;

    if (!is_digit((unsigned char)*s))
        return -1;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < 1 || v > 65535)
        return -1;
    *out = (uint16_t)v;
    return 0;
}

/* listen = "HOST:PORT": a numeric IPv4 address or localhost, or an IPv6
 * address in brackets ("[::1]:8787"). */
static const char *
check_listen(struct cfg *c, const struct cfg_key *k, const char *s, char *why, size_t whylen)
{
    char host[sizeof(c->listen_host)];
    unsigned char bin[sizeof(struct in6_addr)];
    const char *colon, *port;
    char shown[SHOW_MAX];
    size_t hostlen;
    uint16_t portnum;

    if (s[0] == '[') {
        const char *close = strchr(s, ']');

        if (close == NULL || close[1] != ':')
            goto form;
        hostlen = (size_t)(close - s - 1);
        if (hostlen == 0 || hostlen >= sizeof(host))
            goto host;
        memcpy(host, s + 1, hostlen);
        host[hostlen] = '\0';
        if (inet_pton(AF_INET6, host, bin) != 1)
            goto host;
        port = close + 2;
    } else {
        colon = strchr(s, ':');
        if (colon != NULL && strchr(colon + 1, ':') != NULL) {
            snprintf(why, whylen, "%s \"%s\": an IPv6 address needs brackets, as in \"[::1]:8787\"",
                     k->path, show(s, shown));
            return why;
        }
        if (colon == NULL || colon == s)
            goto form;
        hostlen = (size_t)(colon - s);
        if (hostlen >= sizeof(host))
            goto host;
        memcpy(host, s, hostlen);
        host[hostlen] = '\0';
        if (strcmp(host, "localhost") != 0 && inet_pton(AF_INET, host, bin) != 1)
            goto host;
        port = colon + 1;
    }
    if (parse_port(port, &portnum) == -1) {
        snprintf(why, whylen, "%s port \"%s\" is not a number between 1 and 65535", k->path,
                 show(port, shown));
        return why;
    }
    memcpy(c->listen_host, host, hostlen + 1);
    c->listen_port = portnum;
    return NULL;

form:
    snprintf(why, whylen, "%s \"%s\" is not HOST:PORT or [IPv6]:PORT", k->path, show(s, shown));
    return why;
host:
    snprintf(why, whylen,
             "%s \"%s\": the host must be a numeric IPv4 address, an IPv6 address in brackets "
             "or localhost",
             k->path, show(s, shown));
    return why;
}

/* database: a libpq conninfo, checked by libpq when it connects; here only
 * what can never be right in one. */
static const char *
check_database(struct cfg *c, const struct cfg_key *k, const char *s, char *why, size_t whylen)
{
    if (has_control(s)) {
        snprintf(why, whylen, "%s must not contain control characters", k->path);
        return why;
    }
    replace_string(&c->database, s);
    return NULL;
}

/* journal.dir: an absolute path, or "" for no journal. */
static const char *
check_journal_dir(struct cfg *c, const struct cfg_key *k, const char *s, char *why, size_t whylen)
{
    if (has_control(s) || (s[0] != '\0' && s[0] != '/') || strlen(s) > CFG_PATH_MAX) {
        snprintf(why, whylen, "%s must be an absolute path of at most %d bytes, or \"\"", k->path,
                 CFG_PATH_MAX);
        return why;
    }
    replace_string(&c->journal_dir, s);
    return NULL;
}

/* timezone: a tz database name such as "Asia/Jakarta" or "UTC", never a path
 * that leaves the zoneinfo directory. */
static const char *
check_timezone(struct cfg *c, const struct cfg_key *k, const char *s, char *why, size_t whylen)
{
    size_t len = strlen(s);
    char shown[SHOW_MAX];
    int ok = len > 0 && len <= TIMEZONE_MAX && s[0] != '/' && strstr(s, "..") == NULL;

    for (const char *p = s; ok && *p != '\0'; p++) {
        unsigned char ch = (unsigned char)*p;

        ok = is_alpha(ch) || is_digit(ch) || ch == '/' || ch == '_' || ch == '-' || ch == '+';
    }
    if (!ok) {
        snprintf(why, whylen, "%s \"%s\" is not a time zone name such as \"Asia/Jakarta\"", k->path,
                 show(s, shown));
        return why;
    }
    replace_string(&c->timezone, s);
    return NULL;
}

static const char *
check_log_level(struct cfg *c, const struct cfg_key *k, const char *s, char *why, size_t whylen)
{
    enum log_level level;
    char shown[SHOW_MAX];

    if (log_level_parse(s, &level) == -1) {
        snprintf(why, whylen, "%s \"%s\" is not one of debug, info, warn, error", k->path,
                 show(s, shown));
        return why;
    }
    c->log_level = (int)level;
    return NULL;
}

/*
 * kannel.secret: empty is accepted here, because aspirasictl's migrate,
 * classify and ticket commands never talk to Kannel; aspirasid refuses to
 * start without one.  A secret that is set must be long enough to mean
 * something.  The secret itself never appears in a message.
 */
static const char *
check_secret(struct cfg *c, const struct cfg_key *k, const char *s, char *why, size_t whylen)
{
    size_t len = strlen(s);

    if (len > 0 && len < SECRET_MIN) {
        snprintf(why, whylen, "%s must be at least %d characters", k->path, SECRET_MIN);
        return why;
    }
    if (has_control(s)) {
        snprintf(why, whylen, "%s must not contain control characters", k->path);
        return why;
    }
    if (c->kannel_secret != NULL)
        explicit_bzero(c->kannel_secret, strlen(c->kannel_secret));
    replace_string(&c->kannel_secret, s);
    return NULL;
}

/*
 * sendsms.url and sendsms.dlr_url: "" or an http(s) URL without spaces.
 * sendsms.url carries Kannel's sendsms password, so it is never shown in a
 * message.  The sender appends its parameters with "&" (or "?" when the URL
 * has no query yet).
 */
static const char *
check_url(struct cfg *c, const struct cfg_key *k, const char *s, char *why, size_t whylen)
{
    int secret = strcmp(k->path, "sendsms.url") == 0;
    char **dst = secret ? &c->sendsms_url : &c->dlr_url;

    if (s[0] != '\0' && strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0) {
        snprintf(why, whylen, "%s must start with http:// or https://", k->path);
        return why;
    }
    for (const char *p = s; *p != '\0'; p++) {
        if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f) {
            snprintf(why, whylen, "%s must not contain spaces or control characters", k->path);
            return why;
        }
    }
    if (strlen(s) > 1024) {
        snprintf(why, whylen, "%s is longer than 1024 characters", k->path);
        return why;
    }
    if (secret && *dst != NULL)
        explicit_bzero(*dst, strlen(*dst));
    replace_string(dst, s);
    return NULL;
}

/* sendsms.from: the sender address citizens see: "" (Kannel's default), a
 * number ("+628...", "1234") or an alphanumeric name of up to 11 characters. */
static const char *
check_from(struct cfg *c, const struct cfg_key *k, const char *s, char *why, size_t whylen)
{
    size_t len = strlen(s), digits = 0, alnum = 0;
    char shown[SHOW_MAX];

    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];

        digits += is_digit(ch) || (i == 0 && ch == '+');
        alnum += is_digit(ch) || is_alpha(ch) || ch == ' ';
    }
    if (len > 0 && !(digits == len && len <= 16) && !(alnum == len && len <= 11)) {
        snprintf(why, whylen,
                 "%s \"%s\" is neither a number of up to 16 digits nor a name of up to 11 "
                 "letters and digits",
                 k->path, show(s, shown));
        return why;
    }
    replace_string(&c->sendsms_from, s);
    return NULL;
}

/* Parses "HH:MM" at s into minutes after midnight; returns the end, or NULL. */
static const char *
parse_hhmm(const char *s, int *minutes)
{
    if (!is_digit((unsigned char)s[0]) || !is_digit((unsigned char)s[1]) || s[2] != ':' ||
        !is_digit((unsigned char)s[3]) || !is_digit((unsigned char)s[4]))
        return NULL;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');

    if (h > 23 || m > 59)
        return NULL;
    *minutes = h * 60 + m;
    return s + 5;
}

/* ussd.service_code: the code citizens dial, such as "*123#" or "*123*4#":
 * '*', then digits and '*', ending with '#'. */
static const char *
check_service_code(struct cfg *c, const struct cfg_key *k, const char *s, char *why, size_t whylen)
{
    size_t n = strlen(s);
    int ok = n >= 3 && n <= 20 && s[0] == '*' && s[n - 1] == '#' && is_digit((unsigned char)s[1]);
    char shown[SHOW_MAX];

    for (size_t i = 1; ok && i + 1 < n; i++)
        ok = is_digit((unsigned char)s[i]) || s[i] == '*';
    if (!ok) {
        snprintf(why, whylen, "%s \"%s\" is not a USSD code such as \"*123#\"", k->path,
                 show(s, shown));
        return why;
    }
    replace_string(&c->ussd_service_code, s);
    return NULL;
}

/* quiet_hours: "HH:MM-HH:MM" in the configured zone, wrapping midnight when
 * the start is later than the end; "" for none. */
static const char *
check_quiet(struct cfg *c, const struct cfg_key *k, const char *s, char *why, size_t whylen)
{
    int start, end;
    const char *p;
    char shown[SHOW_MAX];

    if (s[0] == '\0') {
        c->quiet_start = c->quiet_end = 0;
        return NULL;
    }
    if ((p = parse_hhmm(s, &start)) == NULL || *p != '-' || (p = parse_hhmm(p + 1, &end)) == NULL ||
        *p != '\0') {
        snprintf(why, whylen, "%s \"%s\" is not \"HH:MM-HH:MM\" (such as \"21:00-06:00\") or \"\"",
                 k->path, show(s, shown));
        return why;
    }
    c->quiet_start = start;
    c->quiet_end = end;
    return NULL;
}

/* ---- elements of lists ------------------------------------------------- */

/* Parses "ADDRESS" or "ADDRESS/PREFIX" into *out; returns NULL or a reason. */
static const char *
allow_parse(const struct cfg_key *k, unsigned idx, const char *s, struct cfg_cidr *out, char *why,
            size_t whylen)
{
    char addr[INET6_ADDRSTRLEN], shown[SHOW_MAX];
    const char *slash = strchr(s, '/');
    size_t len = slash != NULL ? (size_t)(slash - s) : strlen(s);
    int maxprefix;

    memset(out, 0, sizeof(*out));
    if (len >= sizeof(addr))
        goto bad;
    memcpy(addr, s, len);
    addr[len] = '\0';
    if (inet_pton(AF_INET, addr, out->addr) == 1) {
        out->family = AF_INET;
        maxprefix = 32;
    } else if (inet_pton(AF_INET6, addr, out->addr) == 1) {
        out->family = AF_INET6;
        maxprefix = 128;
    } else {
        goto bad;
    }
    out->prefix = maxprefix;
    if (slash != NULL) {
        char *end;
        long v;

        errno = 0;
        v = is_digit((unsigned char)slash[1]) ? strtol(slash + 1, &end, 10) : -1;
        if (v < 0 || errno != 0 || *end != '\0' || v > maxprefix) {
            snprintf(why, whylen, "%s[%u] \"%s\": the prefix length must be 0 to %d", k->path, idx,
                     show(s, shown), maxprefix);
            return why;
        }
        out->prefix = (int)v;
    }
    return NULL;

bad:
    snprintf(why, whylen, "%s[%u] \"%s\" is not an IPv4 or IPv6 address, with an optional /prefix",
             k->path, idx, show(s, shown));
    return why;
}

static const char *
allow_add(struct cfg *c, const struct cfg_key *k, unsigned idx, const char *s, char *why,
          size_t whylen)
{
    struct cfg_cidr cidr;

    if (allow_parse(k, idx, s, &cidr, why, whylen) != NULL)
        return why;
    assert(c->nallow < CFG_ALLOW_MAX); /* the caller checked the length */
    c->allow[c->nallow++] = cidr;
    return NULL;
}

/* Adds one keyword of intent k->arg, upper-cased. */
static const char *
keyword_add(struct cfg *c, const struct cfg_key *k, unsigned idx, const char *s, char *why,
            size_t whylen)
{
    char word[KEYWORD_LETTERS + 1], shown[SHOW_MAX];
    size_t len = strlen(s), n;
    int in = k->arg;

    for (n = 0; n < len && n < KEYWORD_LETTERS && is_alpha((unsigned char)s[n]); n++)
        word[n] = (char)(s[n] & ~0x20); /* ASCII upper case */
    if (len == 0 || len > KEYWORD_LETTERS || n != len) {
        snprintf(why, whylen, "%s[%u] \"%s\" is not a word of 1 to %d ASCII letters", k->path, idx,
                 show(s, shown), KEYWORD_LETTERS);
        return why;
    }
    word[n] = '\0';
    for (size_t i = 0; i < c->nkeywords[in]; i++) {
        if (strcmp(c->keywords[in][i], word) == 0) {
            snprintf(why, whylen, "%s lists \"%s\" twice", k->path, word);
            return why;
        }
    }
    assert(c->nkeywords[in] < CFG_KEYWORDS_MAX); /* the caller checked the length */
    c->keywords[in][c->nkeywords[in]++] = xstrdup(word);
    return NULL;
}

static void
keywords_clear(struct cfg *c, int in)
{
    for (size_t i = 0; i < c->nkeywords[in]; i++) {
        free(c->keywords[in][i]);
        c->keywords[in][i] = NULL;
    }
    c->nkeywords[in] = 0;
}

/* statuses[idx].name: lower-case ASCII letters and underscores, unique. */
static const char *
status_name_check(const struct cfg *c, unsigned idx, const char *s, char *why, size_t whylen)
{
    size_t len = strlen(s);
    char shown[SHOW_MAX];
    int ok = len > 0 && len < CFG_NAME_MAX;

    for (const char *p = s; ok && *p != '\0'; p++)
        ok = (*p >= 'a' && *p <= 'z') || *p == '_';
    if (!ok) {
        snprintf(why, whylen,
                 "statuses[%u].name \"%s\" is not 1 to %d lower-case ASCII letters or underscores",
                 idx, show(s, shown), CFG_NAME_MAX - 1);
        return why;
    }
    for (size_t i = 0; i < c->nstatuses; i++) {
        if (strcmp(c->statuses[i].name, s) == 0) {
            snprintf(why, whylen, "statuses[%u].name \"%s\" is used twice", idx, s);
            return why;
        }
    }
    return NULL;
}

/* statuses[idx].label: what a citizen reads, so GSM-7 and not empty. */
static const char *
status_label_check(unsigned idx, const char *s, char *why, size_t whylen)
{
    size_t len = strlen(s);

    if (len == 0) {
        snprintf(why, whylen, "statuses[%u].label must not be empty", idx);
        return why;
    }
    if (len >= CFG_LABEL_MAX) {
        snprintf(why, whylen, "statuses[%u].label is %zu bytes; the limit is %d", idx, len,
                 CFG_LABEL_MAX - 1);
        return why;
    }
    if (has_control(s)) {
        snprintf(why, whylen, "statuses[%u].label must not contain control characters", idx);
        return why;
    }
    if (gsm7_septets(s, len) < 0) {
        snprintf(why, whylen, "statuses[%u].label has a character outside GSM-7", idx);
        return why;
    }
    return NULL;
}

static void
status_add(struct cfg *c, const char *name, const char *label, int closed)
{
    struct cfg_status *st;

    assert(c->nstatuses < CFG_STATUS_MAX);
    st = &c->statuses[c->nstatuses++];
    snprintf(st->name, sizeof(st->name), "%s", name);
    snprintf(st->label, sizeof(st->label), "%s", label);
    st->closed = closed;
}

/* ---- pass 1: defaults ------------------------------------------------- */

static void
set_int(struct cfg *c, const struct cfg_key *k, long long v)
{
    if (k->type == KEY_INT)
        *(int *)(void *)((char *)c + k->off) = (int)v;
    else
        *(size_t *)(void *)((char *)c + k->off) = (size_t)v;
}

/* The built-in menu tree (config/menu_cfg.c); a default that does not read
 * is a bug and aborts. */
static void
menu_default_error(void *ctx, const config_setting_t *at, const char *msg)
{
    (void)ctx;
    fatalx("event=config_default_broken key=ussd.menu line=%d reason=\"%s\"",
           at != NULL ? config_setting_source_line(at) : 0, msg);
}

static void
menu_default(struct cfg *c)
{
    static const char head[] = "menu = ";
    char *text = xmalloc(sizeof(head) + strlen(menu_cfg_default) + 2);
    config_t lc;

    if (c->ussd_menu == NULL)
        c->ussd_menu = xcalloc(1, sizeof(*c->ussd_menu));
    sprintf(text, "%s%s;", head, menu_cfg_default);
    config_init(&lc);
    if (config_read_string(&lc, text) != CONFIG_TRUE)
        fatalx("event=config_default_broken key=ussd.menu line=%d reason=\"%s\"",
               config_error_line(&lc), config_error_text(&lc));
    menu_cfg_read(config_lookup(&lc, "menu"), c->ussd_menu, menu_default_error, NULL);
    config_destroy(&lc);
    free(text);
}

/* menu_cfg_read()'s errors, with their lines. */
static void
menu_error(void *ctx, const config_setting_t *at, const char *msg)
{
    load_error(ctx, at, NULL, "%s", msg);
}

/* Sets every key to its default through the validators; any failure is a
 * defect in cfg_keys[], hence the asserts. */
static void
load_defaults(struct cfg *c)
{
    char why[WHY_MAX];
    const char *r = NULL;

    for (size_t i = 0; i < NKEYS; i++) {
        const struct cfg_key *k = &cfg_keys[i];

        switch (k->type) {
        case KEY_GROUP:
            break;
        case KEY_STRING:
            r = k->check(c, k, k->def_str, why, sizeof(why));
            assert(r == NULL);
            break;
        case KEY_INT:
        case KEY_SIZE:
            assert(k->def_int >= k->min && k->def_int <= k->max);
            set_int(c, k, k->def_int);
            break;
        case KEY_WORDS: {
            const struct lexicon_spec *def = lexicon_default();

            for (unsigned j = 0; j < def->nwords[k->arg]; j++) {
                r = keyword_add(c, k, j, def->words[k->arg][j], why, sizeof(why));
                assert(r == NULL);
            }
            break;
        }
        case KEY_ADDRS:
            for (unsigned j = 0; k->def_list[j] != NULL; j++) {
                r = allow_add(c, k, j, k->def_list[j], why, sizeof(why));
                assert(r == NULL);
            }
            break;
        case KEY_REPLY:
            c->replies[k->lang][k->arg] = xstrdup(k->def_str);
            break;
        case KEY_MENU:
            menu_default(c);
            break;
        case KEY_STATUSES:
            for (unsigned j = 0; k->def_list[j] != NULL; j += 3) {
                r = status_name_check(c, j / 3, k->def_list[j], why, sizeof(why));
                assert(r == NULL);
                r = status_label_check(j / 3, k->def_list[j + 1], why, sizeof(why));
                assert(r == NULL);
                status_add(c, k->def_list[j], k->def_list[j + 1],
                           strcmp(k->def_list[j + 2], "closed") == 0);
            }
            break;
        }
    }
    (void)r;
}

/* ---- pass 2: the file ------------------------------------------------- */

/* Finds the key named name inside the group parent (NULL: the top level). */
static const struct cfg_key *
key_find(const char *parent, const char *name)
{
    size_t plen = parent != NULL ? strlen(parent) : 0;

    for (size_t i = 0; i < NKEYS; i++) {
        const char *p = cfg_keys[i].path;

        if (parent != NULL) {
            if (strncmp(p, parent, plen) != 0 || p[plen] != '.')
                continue;
            p += plen + 1;
        }
        if (strcmp(p, name) == 0)
            return &cfg_keys[i];
    }
    return NULL;
}

static int
is_integer(const config_setting_t *s)
{
    return config_setting_type(s) == CONFIG_TYPE_INT || config_setting_type(s) == CONFIG_TYPE_INT64;
}

/*
 * libconfig 1.5 reads an integer with strtol() and casts it to int without
 * a check, so "threads = 4294967297;" arrives as 1.  This re-reads the
 * number from the setting's line in its file.  Returns 1 and the number as
 * written in tok when it does not fit an int (the value libconfig gives is
 * then meaningless); 0 when it fits or the line cannot be read back.
 */
static int
int_overflowed(const config_setting_t *s, char *tok, size_t toklen)
{
    const char *file = config_setting_source_file(s), *name = config_setting_name(s);
    unsigned want = config_setting_source_line(s), line = 0;
    char *buf = NULL, *p, *q;
    size_t bufsz = 0, namelen;
    int overflowed = 0;
    FILE *fp;

    if (file == NULL || name == NULL || want == 0 || (fp = fopen(file, "r")) == NULL)
        return 0;
    namelen = strlen(name);
    while (getline(&buf, &bufsz, fp) != -1) {
        if (++line == want)
            break;
    }
    if (line != want)
        goto done;
    for (p = strstr(buf, name); p != NULL; p = strstr(p + 1, name)) {
        unsigned long long v;
        char *end;
        int hex;

        if (p > buf && (is_alpha((unsigned char)p[-1]) || is_digit((unsigned char)p[-1]) ||
                        p[-1] == '_' || p[-1] == '-' || p[-1] == '*'))
            continue;
        q = p + namelen;
        q += strspn(q, " \t");
        if (*q != '=' && *q != ':')
            continue;
        q++;
        q += strspn(q, " \t");
        p = q;
        if (*q == '-' || *q == '+')
            q++;
        hex = q[0] == '0' && (q[1] == 'x' || q[1] == 'X');
        if (!is_digit((unsigned char)*q))
            goto done;
        errno = 0;
        v = strtoull(hex ? q + 2 : q, &end, hex ? 16 : 10);
        if (errno == ERANGE || v > (unsigned long long)INT_MAX + (*p == '-')) {
            overflowed = 1;
            snprintf(tok, toklen, "%.*s", (int)(end - p), p);
        }
        break;
    }
done:
    free(buf);
    fclose(fp);
    return overflowed;
}

static void apply(struct load *ld, const struct cfg_key *k, const config_setting_t *s);

/* Applies each member of the group s; parent is its key (NULL: the top). */
static void
apply_group(struct load *ld, const struct cfg_key *parent, const config_setting_t *s)
{
    int n = config_setting_length(s);

    for (int i = 0; i < n; i++) {
        const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);
        const char *name = config_setting_name(m);
        const struct cfg_key *k = key_find(parent != NULL ? parent->path : NULL, name);

        if (k == NULL) {
            load_error(ld, m, NULL, "unknown key \"%s%s%s\"", parent != NULL ? parent->path : "",
                       parent != NULL ? "." : "", name);
            continue;
        }
        apply(ld, k, m);
    }
}

/*
 * Checks that s is an array or a list of at most max strings; returns its
 * length, or -1 after reporting why not.
 */
static int
string_list_length(struct load *ld, const struct cfg_key *k, const config_setting_t *s, int max,
                   const char *what)
{
    int n;

    if (!config_setting_is_array(s) && !config_setting_is_list(s)) {
        load_error(ld, s, NULL, "%s must be a list of strings, as in [ \"...\", \"...\" ]",
                   k->path);
        return -1;
    }
    n = config_setting_length(s);
    if (n > max) {
        load_error(ld, s, NULL, "%s has %d %s; the limit is %d", k->path, n, what, max);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);

        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            load_error(ld, e, NULL, "%s[%d] must be a string", k->path, i);
            return -1;
        }
    }
    return n;
}

static void
apply_words(struct load *ld, const struct cfg_key *k, const config_setting_t *s)
{
    char why[WHY_MAX];
    int n;

    ld->keywords_at = config_setting_parent(s);
    n = string_list_length(ld, k, s, CFG_KEYWORDS_MAX, "keywords");
    if (n < 0) {
        ld->keyword_errors++;
        return;
    }
    keywords_clear(ld->c, k->arg);
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);

        if (keyword_add(ld->c, k, (unsigned)i, config_setting_get_string(e), why, sizeof(why)) !=
            NULL) {
            load_error(ld, e, NULL, "%s", why);
            ld->keyword_errors++;
        }
    }
}

static void
apply_addrs(struct load *ld, const struct cfg_key *k, const config_setting_t *s)
{
    char why[WHY_MAX];
    int n = string_list_length(ld, k, s, CFG_ALLOW_MAX, "entries");

    if (n < 0)
        return;
    if (n == 0) {
        load_error(ld, s, NULL, "%s must list at least one address", k->path);
        return;
    }
    ld->c->nallow = 0;
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);

        if (allow_add(ld->c, k, (unsigned)i, config_setting_get_string(e), why, sizeof(why)) !=
            NULL)
            load_error(ld, e, NULL, "%s", why);
    }
}

/* One { name = "..."; label = "..."; } group of the statuses list. */
static void
apply_status(struct load *ld, unsigned idx, const config_setting_t *g)
{
    const config_setting_t *name = NULL, *label = NULL, *closed = NULL;
    char why[WHY_MAX];
    int bad = 0, n;

    if (!config_setting_is_group(g)) {
        load_error(ld, g, NULL,
                   "statuses[%u] must be a group, as in { name = \"...\"; label = "
                   "\"...\"; }",
                   idx);
        return;
    }
    n = config_setting_length(g);
    for (int i = 0; i < n; i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *key = config_setting_name(m);

        if (strcmp(key, "name") == 0) {
            name = m;
        } else if (strcmp(key, "label") == 0) {
            label = m;
        } else if (strcmp(key, "closed") == 0) {
            closed = m;
            if (config_setting_type(m) != CONFIG_TYPE_BOOL) {
                load_error(ld, m, NULL, "statuses[%u].closed must be true or false", idx);
                bad = 1;
            } else if (idx == 0 && config_setting_get_bool(m)) {
                load_error(ld, m, NULL,
                           "statuses[0] is the status of a new ticket; it cannot be closed");
                bad = 1;
            }
            continue;
        } else {
            load_error(ld, m, NULL, "unknown key \"statuses[%u].%s\"", idx, key);
            bad = 1;
            continue;
        }
        if (config_setting_type(m) != CONFIG_TYPE_STRING) {
            load_error(ld, m, NULL, "statuses[%u].%s must be a string", idx, key);
            bad = 1;
        }
    }
    if (name == NULL || label == NULL) {
        load_error(ld, g, NULL, "statuses[%u].%s is not set", idx, name == NULL ? "name" : "label");
        return;
    }
    if (bad)
        return;
    if (status_name_check(ld->c, idx, config_setting_get_string(name), why, sizeof(why)) != NULL) {
        load_error(ld, name, NULL, "%s", why);
        bad = 1;
    }
    if (status_label_check(idx, config_setting_get_string(label), why, sizeof(why)) != NULL) {
        load_error(ld, label, NULL, "%s", why);
        bad = 1;
    }
    if (!bad)
        status_add(ld->c, config_setting_get_string(name), config_setting_get_string(label),
                   closed != NULL && config_setting_get_bool(closed));
}

static void
apply_statuses(struct load *ld, const struct cfg_key *k, const config_setting_t *s)
{
    int n;

    ld->statuses_at = s;
    if (!config_setting_is_list(s)) {
        load_error(ld, s, NULL,
                   "%s must be a list of groups, as in ( { name = \"...\"; label = \"...\"; } )",
                   k->path);
        return;
    }
    n = config_setting_length(s);
    if (n == 0) {
        load_error(ld, s, NULL, "%s must list at least one status", k->path);
        return;
    }
    if (n > CFG_STATUS_MAX) {
        load_error(ld, s, NULL, "%s has %d entries; the limit is %d", k->path, n, CFG_STATUS_MAX);
        return;
    }
    ld->c->nstatuses = 0;
    for (int i = 0; i < n; i++)
        apply_status(ld, (unsigned)i, config_setting_get_elem(s, (unsigned)i));
}

static void
apply(struct load *ld, const struct cfg_key *k, const config_setting_t *s)
{
    char why[WHY_MAX], tok[64];
    long long v;

    switch (k->type) {
    case KEY_GROUP:
        if (!config_setting_is_group(s)) {
            load_error(ld, s, NULL, "%s must be a group, as in %s = { ... };", k->path, k->path);
            return;
        }
        apply_group(ld, k, s);
        return;
    case KEY_STRING:
        if (config_setting_type(s) != CONFIG_TYPE_STRING) {
            load_error(ld, s, NULL, "%s must be a string", k->path);
            return;
        }
        if (k->check(ld->c, k, config_setting_get_string(s), why, sizeof(why)) != NULL)
            load_error(ld, s, NULL, "%s", why);
        return;
    case KEY_INT:
    case KEY_SIZE:
        if (!is_integer(s)) {
            load_error(ld, s, NULL, "%s must be an integer", k->path);
            return;
        }
        v = config_setting_get_int64(s);
        if (config_setting_type(s) == CONFIG_TYPE_INT && int_overflowed(s, tok, sizeof(tok))) {
            load_error(ld, s, NULL, "%s is %s, outside the range %lld..%lld", k->path, tok, k->min,
                       k->max);
            return;
        }
        if (v < k->min || v > k->max) {
            load_error(ld, s, NULL, "%s is %lld, outside the range %lld..%lld", k->path, v, k->min,
                       k->max);
            return;
        }
        set_int(ld->c, k, v);
        return;
    case KEY_WORDS:
        apply_words(ld, k, s);
        return;
    case KEY_ADDRS:
        apply_addrs(ld, k, s);
        return;
    case KEY_REPLY:
        ld->reply_at[k->lang][k->arg] = s;
        if (config_setting_type(s) != CONFIG_TYPE_STRING) {
            load_error(ld, s, NULL, "%s must be a string", k->path);
            return;
        }
        if (config_setting_get_string(s)[0] == '\0') {
            load_error(ld, s, NULL, "%s must not be empty", k->path);
            return;
        }
        replace_string(&ld->c->replies[k->lang][k->arg], config_setting_get_string(s));
        return;
    case KEY_STATUSES:
        apply_statuses(ld, k, s);
        return;
    case KEY_MENU:
        ld->menu_at = s;
        if ((ld->menu_errors = menu_cfg_read(s, ld->c->ussd_menu, menu_error, ld)) > 0)
            menu_default(ld->c); /* the errors are counted: nothing is used */
        return;
    }
}

/* Reads path into lc and applies it; every error goes through load_error().
 * lc stays alive until pass 4 is done, which reports lines of its settings. */
static void
load_file(struct load *ld, config_t *lc, const char *path)
{
    FILE *fp;

    /* libconfig says only "file I/O error"; open it first for the reason. */
    if ((fp = fopen(path, "r")) == NULL) {
        load_error(ld, NULL, NULL, "%s: could not open: %s", path, strerror(errno));
        return;
    }
    fclose(fp);

    if (config_read_file(lc, path) == CONFIG_FALSE) {
        if (config_error_type(lc) == CONFIG_ERR_PARSE)
            load_error(ld, NULL, NULL, "%s:%d: %s",
                       config_error_file(lc) != NULL ? config_error_file(lc) : path,
                       config_error_line(lc), config_error_text(lc));
        else
            load_error(ld, NULL, NULL, "%s: %s", path, config_error_text(lc));
        return;
    }
    apply_group(ld, NULL, config_root_setting(lc));
}

/* ---- pass 3: the environment ------------------------------------------ */

static void
load_env(struct load *ld)
{
    char why[WHY_MAX];

    for (size_t i = 0; i < NKEYS; i++) {
        const struct cfg_key *k = &cfg_keys[i];
        const char *v;

        if (k->env == NULL || (v = getenv(k->env)) == NULL)
            continue;
        assert(k->type == KEY_STRING);
        if (k->check(ld->c, k, v, why, sizeof(why)) != NULL)
            load_error(ld, NULL, k->env, "%s", why);
    }
}

/* ---- pass 4: checks that span keys ------------------------------------ */

static const struct cfg_key *
reply_key(enum lang l, enum cfg_reply r)
{
    for (size_t i = 0; i < NKEYS; i++) {
        if (cfg_keys[i].type == KEY_REPLY && cfg_keys[i].arg == (int)r && cfg_keys[i].lang == l)
            return &cfg_keys[i];
    }
    return NULL;
}

/*
 * Renders every template with the longest value of each placeholder it may
 * use, {status} being the longest configured label, and checks that the
 * result is GSM-7 and one segment.  A default template that fails names no
 * line, unless the configured statuses made it fail.
 */
static void
check_replies(struct load *ld)
{
    const struct cfg *c = ld->c;
    struct reply_vars worst = {WORST_TICKET,  "",          WORST_DATE, WORST_CODE, WORST_KEYWORD,
                               WORST_SESSION, WORST_KOMISI};
    ssize_t longest = -1;
    char why[WHY_MAX];

    for (size_t i = 0; i < c->nstatuses; i++) {
        const char *label = c->statuses[i].label;
        ssize_t n = gsm7_septets(label, strlen(label));

        if (n > longest) {
            longest = n;
            worst.status = label;
        }
    }
    for (int l = LANG_ID; l < LANG__COUNT; l++) {
        for (int r = 0; r < REPLY__COUNT; r++) {
            const struct cfg_key *k = reply_key((enum lang)l, (enum cfg_reply)r);
            const config_setting_t *at = ld->reply_at[l][r];
            const char *t = c->replies[l][r];

            if (t == NULL || t[0] == '\0')
                continue; /* already reported */
            if (reply_check(t, k->vars, &worst, GSM7_SEGMENT, why, sizeof(why)) == NULL)
                continue;
            if (at == NULL && (k->vars & REPLY_VAR_STATUS) != 0)
                at = ld->statuses_at;
            load_error(ld, at, NULL, "%s %s", k->path, why);
        }
    }
}

/* Checks the menu again with the configured screen length (ussd.screen_max
 * may come after ussd.menu in the file, or the menu be the built-in one). */
static void
check_menu(struct load *ld, config_t *lc)
{
    const config_setting_t *at = config_lookup(lc, "ussd.screen_max");
    char why[WHY_MAX];
    int bad;

    ld->c->ussd_menu->screen_max = ld->c->ussd_screen_max;
    if (ld->menu_errors > 0 || (bad = menu_tree_check(ld->c->ussd_menu, why, sizeof(why))) < 0)
        return;
    if (ld->menu_at != NULL)
        load_error(ld, config_setting_get_elem(ld->menu_at, (unsigned)bad), NULL,
                   "ussd.menu screen \"%s\" with ussd.screen_max = %d: %s",
                   ld->c->ussd_menu->screens[bad].id, ld->c->ussd_screen_max, why);
    else if (at != NULL) /* set in the file: its line */
        load_error(
            ld, at, NULL,
            "ussd.screen_max = %d is too short for the built-in ussd.menu: screen \"%s\": %s",
            ld->c->ussd_screen_max, ld->c->ussd_menu->screens[bad].id, why);
    else
        load_error(ld, NULL, NULL,
                   "%s: ussd.screen_max = %d is too short for the built-in ussd.menu: screen "
                   "\"%s\": %s",
                   ld->c->path != NULL ? ld->c->path : "built-in defaults", ld->c->ussd_screen_max,
                   ld->c->ussd_menu->screens[bad].id, why);
}

/* Builds the lexicon once, as the classifier will, so that its complaints
 * (a word listed for two intents, say) surface here with a line number. */
static void
check_lexicon(struct load *ld)
{
    struct lexicon_spec spec;
    struct lexicon *lx;
    char why[WHY_MAX];

    if (ld->keyword_errors > 0)
        return;
    cfg_lexicon_spec(ld->c, &spec);
    why[0] = '\0';
    lx = lexicon_new(&spec, why, sizeof(why));
    if (lx == NULL)
        load_error(ld, ld->keywords_at, NULL, "%s", why[0] != '\0' ? why : "invalid keywords");
    lexicon_free(lx);
}

/* Checks the invariants of cfg_keys[] that the code relies on. */
static void
table_check(void)
{
#ifndef NDEBUG
    for (size_t i = 0; i < NKEYS; i++) {
        const struct cfg_key *k = &cfg_keys[i];
        const char *dot = strchr(k->path, '.');

        assert(k->env == NULL || k->type == KEY_STRING);
        assert(k->type != KEY_STRING || k->check != NULL);
        if (dot != NULL) {
            const struct cfg_key *g = NULL;

            for (size_t j = 0; j < i && g == NULL; j++) {
                if (strncmp(cfg_keys[j].path, k->path, (size_t)(dot - k->path)) == 0 &&
                    cfg_keys[j].path[dot - k->path] == '\0')
                    g = &cfg_keys[j];
            }
            assert(g != NULL && g->type == KEY_GROUP);
            assert(strchr(dot + 1, '.') == NULL);
        }
        for (size_t j = 0; j < i; j++)
            assert(strcmp(cfg_keys[j].path, k->path) != 0);
        if (k->type == KEY_WORDS) {
            enum intent in;

            assert(dot != NULL && intent_from_name(dot + 1, &in) == 0 && (int)in == k->arg);
            assert(in != INTENT_UNKNOWN);
        }
        if (k->type == KEY_REPLY)
            assert(k->lang > LANG_NONE && k->lang < LANG__COUNT &&
                   strncmp(k->path, "replies", 7) == 0);
    }
    for (int in = INTENT_UNKNOWN + 1; in < INTENT__COUNT; in++) {
        size_t n = 0;

        for (size_t i = 0; i < NKEYS; i++)
            n += cfg_keys[i].type == KEY_WORDS && cfg_keys[i].arg == in;
        assert(n == 1);
    }
    for (int l = LANG_ID; l < LANG__COUNT; l++)
        for (int r = 0; r < REPLY__COUNT; r++)
            assert(reply_key((enum lang)l, (enum cfg_reply)r) != NULL);
#endif
}

/* ---- the interface ---------------------------------------------------- */

struct cfg *
cfg_load(const char *path, FILE *errs)
{
    struct load ld;
    config_t lc;

    table_check();
    memset(&ld, 0, sizeof(ld));
    ld.c = xcalloc(1, sizeof(*ld.c));
    ld.errs = errs;
    load_defaults(ld.c);

    config_init(&lc);
    if (path != NULL) {
        ld.c->path = xstrdup(path);
        load_file(&ld, &lc, path);
    }
    load_env(&ld);
    check_replies(&ld);
    check_lexicon(&ld);
    check_menu(&ld, &lc);
    config_destroy(&lc);

    if (ld.nerrors > 0) {
        cfg_free(ld.c);
        return NULL;
    }
    return ld.c;
}

void
cfg_free(struct cfg *c)
{
    if (c == NULL)
        return;
    free(c->path);
    free(c->database);
    free(c->timezone);
    free(c->journal_dir);
    if (c->sendsms_url != NULL) {
        explicit_bzero(c->sendsms_url, strlen(c->sendsms_url));
        free(c->sendsms_url);
    }
    free(c->sendsms_from);
    free(c->dlr_url);
    free(c->ussd_service_code);
    free(c->ussd_menu);
    if (c->kannel_secret != NULL) {
        explicit_bzero(c->kannel_secret, strlen(c->kannel_secret));
        free(c->kannel_secret);
    }
    for (int in = 0; in < INTENT__COUNT; in++)
        keywords_clear(c, in);
    for (int l = 0; l < LANG__COUNT; l++)
        for (int r = 0; r < REPLY__COUNT; r++)
            free(c->replies[l][r]);
    free(c);
}

const char *
cfg_reply_name(enum cfg_reply r)
{
    const struct cfg_key *k = reply_key(LANG_ID, r);

    assert(k != NULL);
    return k != NULL ? strchr(k->path, '.') + 1 : NULL;
}

const struct cfg_status *
cfg_status_find(const struct cfg *c, const char *name)
{
    for (size_t i = 0; i < c->nstatuses; i++) {
        if (strcmp(c->statuses[i].name, name) == 0)
            return &c->statuses[i];
    }
    return NULL;
}

/* True if the first bits of a and b agree. */
static int
prefix_match(const unsigned char *a, const unsigned char *b, int bits)
{
    size_t whole = (size_t)bits / 8;
    int rest = bits % 8;

    if (memcmp(a, b, whole) != 0)
        return 0;
    if (rest == 0)
        return 1;
    return ((a[whole] ^ b[whole]) & (0xff << (8 - rest)) & 0xff) == 0;
}

/*
 * A peer is compared in both of its forms: an IPv4 peer also as
 * ::ffff:a.b.c.d, and an IPv4-mapped IPv6 peer (what a dual-stack socket
 * reports for IPv4 clients) also as a.b.c.d, so "127.0.0.1" in kannel.allow
 * admits 127.0.0.1 however it arrives.
 */
int
cfg_allowed(const struct cfg *c, const struct sockaddr *sa)
{
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    unsigned char v4[4], v6[16];
    int has_v4 = 0;

    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *)(const void *)sa;

        memcpy(v4, &sin->sin_addr, sizeof(v4));
        memcpy(v6, mapped, sizeof(mapped));
        memcpy(v6 + 12, v4, sizeof(v4));
        has_v4 = 1;
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)(const void *)sa;

        memcpy(v6, &sin6->sin6_addr, sizeof(v6));
        if (memcmp(v6, mapped, sizeof(mapped)) == 0) {
            memcpy(v4, v6 + 12, sizeof(v4));
            has_v4 = 1;
        }
    } else {
        return 0;
    }
    for (size_t i = 0; i < c->nallow; i++) {
        const struct cfg_cidr *e = &c->allow[i];

        if (e->family == AF_INET && has_v4 && prefix_match(e->addr, v4, e->prefix))
            return 1;
        if (e->family == AF_INET6 && prefix_match(e->addr, v6, e->prefix))
            return 1;
    }
    return 0;
}

void
cfg_lexicon_spec(const struct cfg *c, struct lexicon_spec *spec)
{
    memset(spec, 0, sizeof(*spec));
    for (int in = INTENT_UNKNOWN + 1; in < INTENT__COUNT; in++) {
        spec->words[in] = (const char *const *)c->keywords[in];
        spec->nwords[in] = c->nkeywords[in];
    }
    spec->topics = lexicon_default()->topics;
    spec->ntopics = lexicon_default()->ntopics;
}
