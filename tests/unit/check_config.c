/*
 * Unit tests of config/cfg.c: defaults, the example file, environment
 * overrides, and the exact "file:line: message" of each kind of error.
 *
 * Configs are written to temporary files; in expected messages "@" stands
 * for that file's path.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <check.h>

#include "common/log.h"
#include "config/cfg.h"
#include "parsers/gsm7.h"
#include "parsers/intent.h"
#include "parsers/reply.h"
#include "tests/unit/check_main.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const env_vars[] = {"ASPIRASI_LISTEN", "ASPIRASI_KANNEL_SECRET", "ASPIRASI_DB",
                                       "ASPIRASI_LOG_LEVEL", "ASPIRASI_SENDSMS_URL"};

/* Every test starts without the overrides, whatever the caller's shell has. */
static void
clear_env(void)
{
    for (size_t i = 0; i < NELEM(env_vars); i++)
        unsetenv(env_vars[i]);
}

/* Writes text to a new temporary file; returns its malloc'd path. */
static char *
write_conf(const char *text)
{
    const char *dir = getenv("TMPDIR");
    size_t len = strlen(text);
    char *path;
    int fd;

    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    ck_assert_int_ne(asprintf(&path, "%s/check_config.XXXXXX", dir), -1);
    fd = mkstemp(path);
    ck_assert_int_ne(fd, -1);
    ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
    ck_assert_int_eq(close(fd), 0);
    return path;
}

/* Replaces each "@" of pattern by path; the caller frees the result. */
static char *
subst_path(const char *pattern, const char *path)
{
    size_t n = 1;
    char *out, *o;

    for (const char *p = pattern; *p != '\0'; p++)
        n += *p == '@' ? strlen(path) : 1;
    o = out = malloc(n);
    ck_assert_ptr_nonnull(out);
    for (const char *p = pattern; *p != '\0'; p++) {
        if (*p == '@') {
            memcpy(o, path, strlen(path));
            o += strlen(path);
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

/* Loads path (NULL: defaults) and returns the config; *errs (OUT) gets
 * everything written to the error stream, to be freed by the caller. */
static struct cfg *
load_path(const char *path, char **errs)
{
    size_t len;
    FILE *fp = open_memstream(errs, &len);
    struct cfg *c;

    ck_assert_ptr_nonnull(fp);
    c = cfg_load(path, fp);
    ck_assert_int_eq(fclose(fp), 0);
    return c;
}

/* Loads text as a file and checks the result: expected NULL means the load
 * must succeed silently (the config is returned); otherwise it must fail
 * with exactly the expected messages ("@" = the path), and NULL is
 * returned. */
static struct cfg *
load_text(const char *text, const char *expected)
{
    char *path = write_conf(text), *errs, *want;
    struct cfg *c = load_path(path, &errs);

    if (expected == NULL) {
        ck_assert_msg(c != NULL, "config rejected:\n%s\nerrors:\n%s", text, errs);
        ck_assert_str_eq(errs, "");
    } else {
        want = subst_path(expected, path);
        ck_assert_msg(c == NULL, "config accepted:\n%s", text);
        ck_assert_str_eq(errs, want);
        free(want);
    }
    unlink(path);
    free(path);
    free(errs);
    return c;
}

/* Loads the built-in defaults, which must succeed. */
static struct cfg *
load_defaults(void)
{
    char *errs;
    struct cfg *c = load_path(NULL, &errs);

    ck_assert_msg(c != NULL, "defaults rejected: %s", errs);
    ck_assert_str_eq(errs, "");
    free(errs);
    return c;
}

/* ---- the defaults, as aspirasi.conf.example documents them ----------- */

static const struct {
    enum cfg_reply r;
    const char *name;
    unsigned vars;
    const char *text;
} default_replies[] = {
    {REPLY_COMPLAINT, "complaint", REPLY_VAR_TICKET,
     "Terima kasih. Aduan Anda tercatat dgn no tiket {ticket}. Cek: ketik STATUS {ticket}"},
    {REPLY_COMPLAINT_EMPTY, "complaint_empty", 0,
     "Tulis aduan setelah kata ADUAN. Contoh: ADUAN jalan rusak di Desa Sooko RT 3"},
    {REPLY_STATUS, "status", REPLY_VAR_TICKET | REPLY_VAR_STATUS | REPLY_VAR_DATE,
     "Tiket {ticket}: {status}. Perubahan terakhir {date}."},
    {REPLY_STATUS_BAD_CODE, "status_bad_code", REPLY_VAR_CODE,
     "Nomor tiket {code} salah, cek lagi. No tiket 7 angka, contoh: STATUS 4821937"},
    {REPLY_STATUS_SUGGEST, "status_suggest", REPLY_VAR_CODE | REPLY_VAR_TICKET,
     "Nomor tiket {code} salah. Maksud Anda {ticket}? Ketik STATUS {ticket}"},
    {REPLY_STATUS_NOT_FOUND, "status_not_found", REPLY_VAR_TICKET,
     "Tiket {ticket} tidak ditemukan, cek lagi nomornya."},
    {REPLY_STATUS_MISSING, "status_missing", 0,
     "Ketik STATUS lalu no tiket 7 angka. Contoh: STATUS 4821937"},
    {REPLY_SUBSCRIBE, "subscribe", 0,
     "Anda terdaftar utk info agenda DPRD Kab. Mojokerto. Berhenti: ketik BERHENTI"},
    {REPLY_UNSUBSCRIBE, "unsubscribe", 0,
     "Anda tdk akan menerima info lagi. Daftar lagi: ketik DAFTAR"},
    {REPLY_CONFIRM, "confirm", REPLY_VAR_KEYWORD, "Maksud Anda {keyword}? Balas 1 jika ya."},
    {REPLY_LANGUAGE, "language", 0,
     "Baik, balasan memakai Bahasa Indonesia. Ganti: ketik BAHASA JAWA atau LANGUAGE ENGLISH"},
    {REPLY_HELP, "help", 0,
     "DPRD Kab. Mojokerto. Ketik: ADUAN isi aduan / STATUS no tiket / AGENDA / INFO / DAFTAR / "
     "BERHENTI"},
    {REPLY_STATUS_CHANGED, "status_changed", REPLY_VAR_TICKET | REPLY_VAR_STATUS,
     "Aduan {ticket}: {status}. Info: ketik STATUS {ticket}"},
    {REPLY_SUBSCRIBE_KOMISI, "subscribe_komisi", REPLY_VAR_KOMISI,
     "Anda terdaftar utk info agenda Komisi {komisi} DPRD Kab. Mojokerto. Berhenti: ketik "
     "BERHENTI"},
    {REPLY_PROPOSAL, "proposal", 0,
     "Terima kasih, masukan Anda dicatat dan diteruskan ke DPRD. Lihat jadwal sidang: ketik "
     "AGENDA"},
    {REPLY_PROPOSAL_SESSION, "proposal_session", REPLY_VAR_SESSION,
     "Terima kasih, masukan Anda dicatat utk agenda #{session} dan diteruskan ke DPRD."},
    {REPLY_PROPOSAL_UNKNOWN, "proposal_unknown", REPLY_VAR_SESSION,
     "Agenda #{session} tdk ada atau sudah lewat. Masukan Anda tetap dicatat utk DPRD. Cek no "
     "agenda: ketik AGENDA"},
    {REPLY_PROPOSAL_EMPTY, "proposal_empty", 0,
     "Tulis usul setelah kata USUL, atau pertanyaan setelah TANYA. Contoh: USUL 12 perbaiki jalan "
     "Sooko"},
    {REPLY_INFO_MISSING, "info_missing", REPLY_VAR_KEYWORD,
     "Info {keyword} belum ada. Ketik INFO utk daftar topik."},
    {REPLY_TOO_MANY, "too_many", 0,
     "Pesan Anda sudah terlalu banyak. Mohon tunggu sebelum mengirim lagi. Pesan Anda tetap kami "
     "simpan."},
    {REPLY_RECEIVED, "received", 0,
     "Pesan Anda sudah kami terima. Jawaban (dan no tiket utk aduan) kami kirim lewat SMS sebentar "
     "lagi."},
};

static const struct cfg_status default_statuses[] = {
    {"baru", "Diterima, menunggu ditelaah", 0},        {"diproses", "Sedang diproses", 0},
    {"diteruskan", "Diteruskan ke komisi terkait", 0}, {"selesai", "Selesai ditindaklanjuti", 1},
    {"ditolak", "Tidak dapat ditindaklanjuti", 1},
};

START_TEST(test_defaults)
{
    struct cfg *c = load_defaults();
    unsigned char lo4[4] = {127, 0, 0, 1}, lo6[16] = {[15] = 1};

    ck_assert_ptr_null(c->path);
    ck_assert_str_eq(c->listen_host, "127.0.0.1");
    ck_assert_uint_eq(c->listen_port, 8787);
    ck_assert_str_eq(c->database, "");
    ck_assert_str_eq(c->timezone, "Asia/Jakarta");
    ck_assert_int_eq(c->log_level, LOG_LEVEL_INFO);
    ck_assert_str_eq(c->kannel_secret, "");
    ck_assert_uint_eq(c->nallow, 2);
    ck_assert_int_eq(c->allow[0].family, AF_INET);
    ck_assert_mem_eq(c->allow[0].addr, lo4, 4);
    ck_assert_int_eq(c->allow[0].prefix, 32);
    ck_assert_int_eq(c->allow[1].family, AF_INET6);
    ck_assert_mem_eq(c->allow[1].addr, lo6, 16);
    ck_assert_int_eq(c->allow[1].prefix, 128);
    ck_assert_int_eq(c->http_threads, 2);
    ck_assert_uint_eq(c->max_request_bytes, 16384);
    ck_assert_int_eq(c->http_timeout, 15);
    ck_assert_int_eq(c->shutdown_grace, 10);
    ck_assert_int_eq(c->db_pool, 2);
    ck_assert_int_eq(c->db_batch_max, 32);
    ck_assert_int_eq(c->db_batch_wait, 10);

    ck_assert_uint_eq(c->nkeywords[INTENT_UNKNOWN], 0);
    /* The keywords are the built-in lexicon's, upper case. */
    for (int in = INTENT_UNKNOWN + 1; in < INTENT__COUNT; in++) {
        const struct lexicon_spec *def = lexicon_default();

        ck_assert_uint_gt(def->nwords[in], 0);
        ck_assert_uint_eq(c->nkeywords[in], def->nwords[in]);
        for (size_t j = 0; j < def->nwords[in]; j++)
            ck_assert_int_eq(strcasecmp(c->keywords[in][j], def->words[in][j]), 0);
    }
    ck_assert_int_eq(c->confirm_window, 900);
    ck_assert_int_eq(c->limits_tickets_per_hour, 10);
    ck_assert_int_eq(c->limits_replies_per_day, 30);
    ck_assert_int_eq(c->limits_loop_repeats, 3);
    ck_assert_int_eq(c->limits_loop_window, 10);
    for (size_t i = 0; i < NELEM(default_replies); i++)
        ck_assert_str_eq(c->replies[LANG_ID][default_replies[i].r], default_replies[i].text);
    ck_assert_uint_eq(c->nstatuses, NELEM(default_statuses));
    for (size_t i = 0; i < NELEM(default_statuses); i++) {
        ck_assert_str_eq(c->statuses[i].name, default_statuses[i].name);
        ck_assert_str_eq(c->statuses[i].label, default_statuses[i].label);
        ck_assert_int_eq(c->statuses[i].closed, default_statuses[i].closed);
    }
    cfg_free(c);
}
END_TEST

/* A defect in a default template is a bug: each must pass reply_check()
 * with the longest values and only its own placeholders. */
START_TEST(test_default_templates)
{
    struct reply_vars worst = {
        "9999999",    "",   "28/11/2026", "999999999999999", "WWWWWWWWWWWWWWWWWWWW",
        "9999999999", "III"};
    char why[256];

    for (size_t i = 0; i < NELEM(default_statuses); i++) {
        if (strlen(default_statuses[i].label) > strlen(worst.status))
            worst.status = default_statuses[i].label;
    }
    ck_assert_str_eq(worst.status, "Diteruskan ke komisi terkait");
    for (size_t i = 0; i < NELEM(default_replies); i++) {
        const char *r = reply_check(default_replies[i].text, default_replies[i].vars, &worst,
                                    GSM7_SEGMENT, why, sizeof(why));

        ck_assert_msg(r == NULL, "replies.%s: %s", default_replies[i].name, r);
    }
    /* The Javanese and English defaults, with the same placeholders. */
    {
        struct cfg *c = load_defaults();

        for (int l = LANG_JV; l < LANG__COUNT; l++) {
            for (size_t i = 0; i < NELEM(default_replies); i++) {
                const char *t = c->replies[l][default_replies[i].r];
                const char *r =
                    reply_check(t, default_replies[i].vars, &worst, GSM7_SEGMENT, why, sizeof(why));

                ck_assert_msg(r == NULL, "replies_%s.%s: %s", lang_code((enum lang)l),
                              default_replies[i].name, r);
            }
        }
        cfg_free(c);
    }
    cfg_free(NULL);
}
END_TEST

START_TEST(test_reply_names)
{
    for (size_t i = 0; i < NELEM(default_replies); i++)
        ck_assert_str_eq(cfg_reply_name(default_replies[i].r), default_replies[i].name);
    ck_assert_uint_eq(NELEM(default_replies), REPLY__COUNT);
}
END_TEST

/* True if a and b hold the same settings (the path aside). */
static void
assert_same(const struct cfg *a, const struct cfg *b)
{
    ck_assert_str_eq(a->listen_host, b->listen_host);
    ck_assert_uint_eq(a->listen_port, b->listen_port);
    ck_assert_str_eq(a->database, b->database);
    ck_assert_str_eq(a->timezone, b->timezone);
    ck_assert_int_eq(a->log_level, b->log_level);
    ck_assert_str_eq(a->kannel_secret, b->kannel_secret);
    ck_assert_uint_eq(a->nallow, b->nallow);
    for (size_t i = 0; i < a->nallow; i++) {
        ck_assert_int_eq(a->allow[i].family, b->allow[i].family);
        ck_assert_mem_eq(a->allow[i].addr, b->allow[i].addr, sizeof(a->allow[i].addr));
        ck_assert_int_eq(a->allow[i].prefix, b->allow[i].prefix);
    }
    ck_assert_int_eq(a->http_threads, b->http_threads);
    ck_assert_uint_eq(a->max_request_bytes, b->max_request_bytes);
    ck_assert_int_eq(a->http_timeout, b->http_timeout);
    ck_assert_int_eq(a->shutdown_grace, b->shutdown_grace);
    ck_assert_int_eq(a->db_pool, b->db_pool);
    ck_assert_int_eq(a->db_batch_max, b->db_batch_max);
    ck_assert_int_eq(a->db_batch_wait, b->db_batch_wait);
    for (int in = 0; in < INTENT__COUNT; in++) {
        ck_assert_uint_eq(a->nkeywords[in], b->nkeywords[in]);
        for (size_t j = 0; j < a->nkeywords[in]; j++)
            ck_assert_str_eq(a->keywords[in][j], b->keywords[in][j]);
    }
    ck_assert_int_eq(a->confirm_window, b->confirm_window);
    ck_assert_int_eq(a->limits_tickets_per_hour, b->limits_tickets_per_hour);
    ck_assert_int_eq(a->limits_replies_per_day, b->limits_replies_per_day);
    ck_assert_int_eq(a->limits_loop_repeats, b->limits_loop_repeats);
    ck_assert_int_eq(a->limits_loop_window, b->limits_loop_window);
    for (int l = LANG_ID; l < LANG__COUNT; l++)
        for (int r = 0; r < REPLY__COUNT; r++)
            ck_assert_str_eq(a->replies[l][r], b->replies[l][r]);
    ck_assert_uint_eq(a->nstatuses, b->nstatuses);
    for (size_t i = 0; i < a->nstatuses; i++) {
        ck_assert_str_eq(a->statuses[i].name, b->statuses[i].name);
        ck_assert_str_eq(a->statuses[i].label, b->statuses[i].label);
        ck_assert_int_eq(a->statuses[i].closed, b->statuses[i].closed);
    }
    ck_assert_str_eq(a->sendsms_url, b->sendsms_url);
    ck_assert_str_eq(a->sendsms_from, b->sendsms_from);
    ck_assert_str_eq(a->dlr_url, b->dlr_url);
    ck_assert_int_eq(a->sendsms_rate, b->sendsms_rate);
    ck_assert_int_eq(a->sendsms_threads, b->sendsms_threads);
    ck_assert_int_eq(a->sendsms_retries, b->sendsms_retries);
    ck_assert_int_eq(a->sendsms_backoff, b->sendsms_backoff);
    ck_assert_int_eq(a->sendsms_backoff_max, b->sendsms_backoff_max);
    ck_assert_int_eq(a->sendsms_timeout, b->sendsms_timeout);
    ck_assert_int_eq(a->sendsms_lease, b->sendsms_lease);
    ck_assert_int_eq(a->quiet_start, b->quiet_start);
    ck_assert_int_eq(a->quiet_end, b->quiet_end);
    ck_assert_int_eq(a->price_per_segment, b->price_per_segment);
    ck_assert_str_eq(a->ussd_service_code, b->ussd_service_code);
    ck_assert_int_eq(a->ussd_timeout, b->ussd_timeout);
    ck_assert_int_eq(a->ussd_resume_window, b->ussd_resume_window);
    ck_assert_int_eq(a->ussd_screen_max, b->ussd_screen_max);
    ck_assert_int_eq(a->ussd_menu->nscreens, b->ussd_menu->nscreens);
    for (int i = 0; i < a->ussd_menu->nscreens; i++) {
        struct menu_screen x = a->ussd_menu->screens[i], y = b->ussd_menu->screens[i];

        x.line = y.line = 0; /* where each was read differs */
        ck_assert_msg(memcmp(&x, &y, sizeof(x)) == 0, "ussd.menu screen %s differs", x.id);
    }
}

/* The example documents every key and holds the defaults: it loads
 * cleanly and gives exactly the built-in config. */
START_TEST(test_example_file)
{
    const char *top = getenv("top_srcdir");
    struct cfg *c, *d;
    char *path, *errs;

    ck_assert_int_ne(asprintf(&path, "%s/config/aspirasi.conf.example",
                              top != NULL && top[0] != '\0' ? top : "../.."),
                     -1);
    c = load_path(path, &errs);
    ck_assert_msg(c != NULL, "%s rejected:\n%s", path, errs);
    ck_assert_str_eq(errs, "");
    ck_assert_str_eq(c->path, path);
    d = load_defaults();
    assert_same(c, d);
    cfg_free(c);
    cfg_free(d);
    free(errs);
    free(path);
}
END_TEST

/* An empty file is the defaults too. */
START_TEST(test_empty_file)
{
    struct cfg *c = load_text("# nothing here\n", NULL), *d = load_defaults();

    assert_same(c, d);
    cfg_free(c);
    cfg_free(d);
}
END_TEST

START_TEST(test_missing_file)
{
    char *errs;

    ck_assert_ptr_null(load_path("/nonexistent/aspirasi.conf", &errs));
    ck_assert_str_eq(errs,
                     "/nonexistent/aspirasi.conf: could not open: No such file or directory\n");
    free(errs);
}
END_TEST

/* ---- environment overrides -------------------------------------------- */

/* Renders what an override sets, for comparison with the table. */
static void
env_result(const struct cfg *c, const char *var, char *buf, size_t len)
{
    static const char *const levels[] = {"debug", "info", "warn", "error"};

    if (strcmp(var, "ASPIRASI_LISTEN") == 0)
        snprintf(buf, len, "%s %u", c->listen_host, c->listen_port);
    else if (strcmp(var, "ASPIRASI_KANNEL_SECRET") == 0)
        snprintf(buf, len, "%s", c->kannel_secret);
    else if (strcmp(var, "ASPIRASI_DB") == 0)
        snprintf(buf, len, "%s", c->database);
    else
        snprintf(buf, len, "%s", levels[c->log_level]);
}

static const struct {
    const char *var, *value;
    const char *result; /* env_result() when accepted */
    const char *error;  /* the message when rejected */
} env_cases[] = {
    /* listen: the forms of HOST:PORT */
    {"ASPIRASI_LISTEN", "127.0.0.1:9000", "127.0.0.1 9000", NULL},
    {"ASPIRASI_LISTEN", "0.0.0.0:80", "0.0.0.0 80", NULL},
    {"ASPIRASI_LISTEN", "localhost:8787", "localhost 8787", NULL},
    {"ASPIRASI_LISTEN", "[::1]:9000", "::1 9000", NULL},
    {"ASPIRASI_LISTEN", "[::]:1", ":: 1", NULL},
    {"ASPIRASI_LISTEN", "[2001:db8::17]:65535", "2001:db8::17 65535", NULL},
    {"ASPIRASI_LISTEN", "127.0.0.1:1", "127.0.0.1 1", NULL},
    {"ASPIRASI_LISTEN", "127.0.0.1:65535", "127.0.0.1 65535", NULL},
    {"ASPIRASI_LISTEN", "127.0.0.1:0", NULL,
     "listen port \"0\" is not a number between 1 and 65535"},
    {"ASPIRASI_LISTEN", "127.0.0.1:65536", NULL,
     "listen port \"65536\" is not a number between 1 and 65535"},
    {"ASPIRASI_LISTEN", "127.0.0.1:", NULL, "listen port \"\" is not a number between 1 and 65535"},
    {"ASPIRASI_LISTEN", "127.0.0.1:+80", NULL,
     "listen port \"+80\" is not a number between 1 and 65535"},
    {"ASPIRASI_LISTEN", "127.0.0.1:80x", NULL,
     "listen port \"80x\" is not a number between 1 and 65535"},
    {"ASPIRASI_LISTEN", "127.0.0.1:99999999999999999999", NULL,
     "listen port \"99999999999999999999\" is not a number between 1 and 65535"},
    {"ASPIRASI_LISTEN", "", NULL, "listen \"\" is not HOST:PORT or [IPv6]:PORT"},
    {"ASPIRASI_LISTEN", "8787", NULL, "listen \"8787\" is not HOST:PORT or [IPv6]:PORT"},
    {"ASPIRASI_LISTEN", "127.0.0.1", NULL, "listen \"127.0.0.1\" is not HOST:PORT or [IPv6]:PORT"},
    {"ASPIRASI_LISTEN", ":8787", NULL, "listen \":8787\" is not HOST:PORT or [IPv6]:PORT"},
    {"ASPIRASI_LISTEN", "[::1]8787", NULL, "listen \"[::1]8787\" is not HOST:PORT or [IPv6]:PORT"},
    {"ASPIRASI_LISTEN", "[::1:8787", NULL, "listen \"[::1:8787\" is not HOST:PORT or [IPv6]:PORT"},
    {"ASPIRASI_LISTEN", "::1:8787", NULL,
     "listen \"::1:8787\": an IPv6 address needs brackets, as in \"[::1]:8787\""},
    {"ASPIRASI_LISTEN", "example.org:80", NULL,
     "listen \"example.org:80\": the host must be a numeric IPv4 address, an IPv6 address in "
     "brackets or localhost"},
    {"ASPIRASI_LISTEN", "256.0.0.1:80", NULL,
     "listen \"256.0.0.1:80\": the host must be a numeric IPv4 address, an IPv6 address in "
     "brackets or localhost"},
    {"ASPIRASI_LISTEN", "127.1:80", NULL,
     "listen \"127.1:80\": the host must be a numeric IPv4 address, an IPv6 address in "
     "brackets or localhost"},
    {"ASPIRASI_LISTEN", "[127.0.0.1]:80", NULL,
     "listen \"[127.0.0.1]:80\": the host must be a numeric IPv4 address, an IPv6 address in "
     "brackets or localhost"},
    {"ASPIRASI_LISTEN", "[]:80", NULL,
     "listen \"[]:80\": the host must be a numeric IPv4 address, an IPv6 address in "
     "brackets or localhost"},

    /* kannel.secret: empty (not set) or at least 8 characters */
    {"ASPIRASI_KANNEL_SECRET", "", "", NULL},
    {"ASPIRASI_KANNEL_SECRET", "12345678", "12345678", NULL},
    {"ASPIRASI_KANNEL_SECRET", "1234567", NULL, "kannel.secret must be at least 8 characters"},
    {"ASPIRASI_KANNEL_SECRET", "x", NULL, "kannel.secret must be at least 8 characters"},
    {"ASPIRASI_KANNEL_SECRET", "12345678\n", NULL,
     "kannel.secret must not contain control characters"},

    /* database: any conninfo without control characters */
    {"ASPIRASI_DB", "", "", NULL},
    {"ASPIRASI_DB", "host=/tmp dbname=aspirasi", "host=/tmp dbname=aspirasi", NULL},
    {"ASPIRASI_DB", "dbname=aspirasi\n", NULL, "database must not contain control characters"},

    /* log_level */
    {"ASPIRASI_LOG_LEVEL", "debug", "debug", NULL},
    {"ASPIRASI_LOG_LEVEL", "info", "info", NULL},
    {"ASPIRASI_LOG_LEVEL", "warn", "warn", NULL},
    {"ASPIRASI_LOG_LEVEL", "error", "error", NULL},
    {"ASPIRASI_LOG_LEVEL", "", NULL, "log_level \"\" is not one of debug, info, warn, error"},
    {"ASPIRASI_LOG_LEVEL", "DEBUG", NULL,
     "log_level \"DEBUG\" is not one of debug, info, warn, error"},
    {"ASPIRASI_LOG_LEVEL", "verbose", NULL,
     "log_level \"verbose\" is not one of debug, info, warn, error"},
};

START_TEST(test_env)
{
    char *errs, got[256], want[512];
    struct cfg *c;

    setenv(env_cases[_i].var, env_cases[_i].value, 1);
    c = load_path(NULL, &errs);
    if (env_cases[_i].error == NULL) {
        ck_assert_msg(c != NULL, "%s=%s rejected: %s", env_cases[_i].var, env_cases[_i].value,
                      errs);
        ck_assert_str_eq(errs, "");
        env_result(c, env_cases[_i].var, got, sizeof(got));
        ck_assert_str_eq(got, env_cases[_i].result);
    } else {
        snprintf(want, sizeof(want), "environment %s: %s\n", env_cases[_i].var,
                 env_cases[_i].error);
        ck_assert_msg(c == NULL, "%s=%s accepted", env_cases[_i].var, env_cases[_i].value);
        ck_assert_str_eq(errs, want);
    }
    cfg_free(c);
    free(errs);
}
END_TEST

/* The environment wins over the file, and both are reported together. */
START_TEST(test_env_over_file)
{
    const char *text = "listen = \"127.0.0.1:1111\";\n"
                       "database = \"dbname=file\";\n"
                       "log_level = \"warn\";\n"
                       "kannel = { secret = \"from-the-file\"; };\n";
    struct cfg *c;

    setenv("ASPIRASI_LISTEN", "[::1]:2222", 1);
    setenv("ASPIRASI_DB", "dbname=env", 1);
    c = load_text(text, NULL);
    ck_assert_str_eq(c->listen_host, "::1");
    ck_assert_uint_eq(c->listen_port, 2222);
    ck_assert_str_eq(c->database, "dbname=env");
    ck_assert_int_eq(c->log_level, LOG_LEVEL_WARN);
    ck_assert_str_eq(c->kannel_secret, "from-the-file");
    cfg_free(c);

    setenv("ASPIRASI_KANNEL_SECRET", "from-the-environment", 1);
    setenv("ASPIRASI_LOG_LEVEL", "debug", 1);
    c = load_text(text, NULL);
    ck_assert_str_eq(c->kannel_secret, "from-the-environment");
    ck_assert_int_eq(c->log_level, LOG_LEVEL_DEBUG);
    cfg_free(c);

    setenv("ASPIRASI_LOG_LEVEL", "loud", 1);
    load_text("http = { threads = 0; };\n",
              "@:1: http.threads is 0, outside the range 1..64\n"
              "environment ASPIRASI_LOG_LEVEL: log_level \"loud\" is not one of debug, info, warn, "
              "error\n");
}
END_TEST

/* ---- errors in the file ----------------------------------------------- */

static const struct {
    const char *text, *error;
} error_cases[] = {
    /* the USSD menu: each error at its line */
    {"ussd = { menu = (\n"
     "  { id = \"home\"; title = \"DPRD\";\n"
     "    options = ( { label = \"Agenda\"; next = \"agnda\"; } ); }\n"
     "); };\n",
     "@:3: ussd.menu[0].options[0] leads to unknown screen \"agnda\"\n"},
    {"ussd = { menu = (\n"
     "  { id = \"home\"; title = \"DPRD\";\n"
     "    options = ( { label = \"Status\"; action = \"statu\"; } ); }\n"
     "); };\n",
     "@:3: ussd.menu[0].options[0].action \"statu\" is not one of agenda, complaint, status, "
     "info, subscribe, unsubscribe\n"},
    {"ussd = { menu = (\n"
     "  { id = \"home\"; title = \"DPRD\";\n"
     "    options = ( { label = \"Status\"; action = \"status\"; } ); },\n"
     "  { id = \"lost\"; title = \"Nobody comes here\";\n"
     "    options = ( { label = \"Home\"; next = \"home\"; } ); }\n"
     "); };\n",
     "@:4: ussd.menu screen \"lost\": no option leads to the screen \"lost\" from home\n"},
    {"ussd = { menu = (\n"
     "  { id = \"home\"; title = \"DPRD\"; colour = \"red\";\n"
     "    options = ( { label = \"Status\"; action = \"status\"; } ); }\n"
     "); };\n",
     "@:2: unknown key \"ussd.menu[0].colour\"\n"},
    {"ussd = { screen_max = 100; };\n",
     "@:1: ussd.screen_max = 100 is too short for the built-in ussd.menu: screen \"home\": the "
     "Indonesian screen is 105 characters with its options and footer; the most is 100\n"},
    {"ussd = { service_code = \"123\"; };\n",
     "@:1: ussd.service_code \"123\" is not a USSD code such as \"*123#\"\n"},
    /* unknown keys, at every level */
    {"listen = \"127.0.0.1:8787\";\nkanel_secret = \"12345678\";\n",
     "@:2: unknown key \"kanel_secret\"\n"},
    {"kannel = {\n  allow = [ \"127.0.0.1\" ];\n  secrte = \"12345678\";\n};\n",
     "@:3: unknown key \"kannel.secrte\"\n"},
    {"http = { threads = 4; thread = 5; };\n", "@:1: unknown key \"http.thread\"\n"},
    {"threads = 4;\n", "@:1: unknown key \"threads\"\n"},
    {"db = {\n  pool = 2;\n  statement_timeout = 5;\n};\n",
     "@:3: unknown key \"db.statement_timeout\"\n"},
    {"keywords = {\n  unknown = [ \"HALO\" ];\n};\n", "@:2: unknown key \"keywords.unknown\"\n"},
    {"keywords = {\n  complain = [ \"ADUAN\" ];\n};\n", "@:2: unknown key \"keywords.complain\"\n"},
    {"replies = {\n  thanks = \"Terima kasih\";\n};\n", "@:2: unknown key \"replies.thanks\"\n"},
    {"statuses = (\n  { name = \"baru\"; label = \"Baru\"; },\n"
     "  { name = \"lama\"; label = \"Lama\";\n    colour = \"red\"; }\n);\n",
     "@:4: unknown key \"statuses[1].colour\"\n"},

    /* syntax errors, with libconfig's words */
    {"listen = \"127.0.0.1:8787\";\nhttp = {\n  threads = ;\n};\n", "@:3: syntax error\n"},
    {"log_level = \"info;\n", "@:2: syntax error\n"},
    {"log_level = \"info\";\nlog_level = \"warn\";\n", "@:2: duplicate setting name\n"},
    {"kannel = { allow = [ \"127.0.0.1\", 5 ]; };\n", "@:1: mismatched element type in array\n"},

    /* wrong types */
    {"http = {\n  threads = \"4\";\n};\n", "@:2: http.threads must be an integer\n"},
    {"http = { threads = 4.0; };\n", "@:1: http.threads must be an integer\n"},
    {"http = { threads = true; };\n", "@:1: http.threads must be an integer\n"},
    {"db = { pool = [ 2 ]; };\n", "@:1: db.pool must be an integer\n"},
    {"listen = 8787;\n", "@:1: listen must be a string\n"},
    {"timezone = [ \"Asia/Jakarta\" ];\n", "@:1: timezone must be a string\n"},
    {"kannel = \"secret\";\n", "@:1: kannel must be a group, as in kannel = { ... };\n"},
    {"http = ( 4 );\n", "@:1: http must be a group, as in http = { ... };\n"},
    {"kannel = { allow = \"127.0.0.1\"; };\n",
     "@:1: kannel.allow must be a list of strings, as in [ \"...\", \"...\" ]\n"},
    {"kannel = { allow = ( \"127.0.0.1\",\n  5 ); };\n", "@:2: kannel.allow[1] must be a string\n"},
    {"keywords = { help = \"HELP\"; };\n",
     "@:1: keywords.help must be a list of strings, as in [ \"...\", \"...\" ]\n"},
    {"replies = { help = 5; };\n", "@:1: replies.help must be a string\n"},
    {"statuses = { baru = \"Baru\"; };\n",
     "@:1: statuses must be a list of groups, as in ( { name = \"...\"; label = \"...\"; } )\n"},
    {"statuses = ( \"baru\" );\n",
     "@:1: statuses[0] must be a group, as in { name = \"...\"; label = \"...\"; }\n"},
    {"statuses = ( { name = 1; label = \"Baru\"; } );\n",
     "@:1: statuses[0].name must be a string\n"},
    {"statuses = ( { name = \"baru\"; label = \"Baru\"; },\n"
     "  { name = \"tutup\"; label = \"Tutup\"; closed = \"yes\"; } );\n",
     "@:2: statuses[1].closed must be true or false\n"},
    {"statuses = ( { name = \"baru\"; label = \"Baru\";\n  closed = true; } );\n",
     "@:2: statuses[0] is the status of a new ticket; it cannot be closed\n"},

    /* values */
    {"timezone = \"\";\n", "@:1: timezone \"\" is not a time zone name such as \"Asia/Jakarta\"\n"},
    {"timezone = \"/etc/passwd\";\n",
     "@:1: timezone \"/etc/passwd\" is not a time zone name such as \"Asia/Jakarta\"\n"},
    {"timezone = \"../../etc/passwd\";\n",
     "@:1: timezone \"../../etc/passwd\" is not a time zone name such as \"Asia/Jakarta\"\n"},
    {"timezone = \"Asia/Jakarta \";\n",
     "@:1: timezone \"Asia/Jakarta \" is not a time zone name such as \"Asia/Jakarta\"\n"},
    {"database = \"dbname=a\\nhost=b\";\n", "@:1: database must not contain control characters\n"},
    {"log_level = \"warning\";\n",
     "@:1: log_level \"warning\" is not one of debug, info, warn, error\n"},
    {"listen = \"[::1]:0\";\n", "@:1: listen port \"0\" is not a number between 1 and 65535\n"},
    {"\n\nkannel = {\n  secret = \"1234567\";\n};\n",
     "@:4: kannel.secret must be at least 8 characters\n"},

    /* several errors, all reported, in the file's order */
    {"kanel_secret = \"12345678\";\n"
     "http = {\n"
     "  threads = 65;\n"
     "  timeout = \"15\";\n"
     "};\n"
     "listen = \"localhost\";\n"
     "statuses = ( { name = \"Baru\"; label = \"\"; } );\n",
     "@:1: unknown key \"kanel_secret\"\n"
     "@:3: http.threads is 65, outside the range 1..64\n"
     "@:4: http.timeout must be an integer\n"
     "@:6: listen \"localhost\" is not HOST:PORT or [IPv6]:PORT\n"
     "@:7: statuses[0].name \"Baru\" is not 1 to 31 lower-case ASCII letters or underscores\n"
     "@:7: statuses[0].label must not be empty\n"},
};

START_TEST(test_errors)
{
    load_text(error_cases[_i].text, error_cases[_i].error);
}
END_TEST

/* ---- sendsms, quiet hours, broadcast ------------------------------------ */

static const struct {
    const char *text;
    const char *error; /* NULL: accepted */
    int start, end;    /* quiet hours when accepted */
} sending_cases[] = {
    {"quiet_hours = \"21:00-06:00\";\n", NULL, 1260, 360},
    {"quiet_hours = \"00:00-23:59\";\n", NULL, 0, 1439},
    {"quiet_hours = \"\";\n", NULL, 0, 0},
    {"quiet_hours = \"22:00-22:00\";\n", NULL, 1320, 1320},
    {"quiet_hours = \"24:00-06:00\";\n",
     "@:1: quiet_hours \"24:00-06:00\" is not \"HH:MM-HH:MM\" (such as \"21:00-06:00\") or \"\"\n",
     0, 0},
    {"quiet_hours = \"21:60-06:00\";\n",
     "@:1: quiet_hours \"21:60-06:00\" is not \"HH:MM-HH:MM\" (such as \"21:00-06:00\") or \"\"\n",
     0, 0},
    {"quiet_hours = \"9:00-17:00\";\n",
     "@:1: quiet_hours \"9:00-17:00\" is not \"HH:MM-HH:MM\" (such as \"21:00-06:00\") or \"\"\n",
     0, 0},
    {"quiet_hours = \"21:00-06:00 \";\n",
     "@:1: quiet_hours \"21:00-06:00 \" is not "
     "\"HH:MM-HH:MM\" (such as \"21:00-06:00\") or \"\"\n",
     0, 0},
    {"sendsms = { url = \"http://127.0.0.1:13013/cgi-bin/sendsms?username=u&password=p\"; };\n",
     NULL, 1260, 360},
    {"sendsms = { url = \"ftp://127.0.0.1/x\"; };\n",
     "@:1: sendsms.url must start with http:// or https://\n", 0, 0},
    {"sendsms = { url = \"http://127.0.0.1/a b\"; };\n",
     "@:1: sendsms.url must not contain spaces or control characters\n", 0, 0},
    {"sendsms = { dlr_url = \"https://dprd.example/kannel/dlr\"; };\n", NULL, 1260, 360},
    {"sendsms = { from = \"1234\"; };\n", NULL, 1260, 360},
    {"sendsms = { from = \"+6281234567890\"; };\n", NULL, 1260, 360},
    {"sendsms = { from = \"DPRD MJK\"; };\n", NULL, 1260, 360},
    {"sendsms = { from = \"DPRD Mojokerto\"; };\n",
     "@:1: sendsms.from \"DPRD Mojokerto\" is neither a number of up to 16 digits nor a name of "
     "up to 11 letters and digits\n",
     0, 0},
    {"sendsms = { from = \"12345678901234567\"; };\n",
     "@:1: sendsms.from \"12345678901234567\" is neither a number of up to 16 digits nor a name "
     "of up to 11 letters and digits\n",
     0, 0},
    {"sendsms = { rate = 0; };\n", "@:1: sendsms.rate is 0, outside the range 1..10000\n", 0, 0},
    {"sendsms = { lease = 4; };\n", "@:1: sendsms.lease is 4, outside the range 5..3600\n", 0, 0},
    {"broadcast = { price_per_segment = 100001; };\n",
     "@:1: broadcast.price_per_segment is 100001, outside the range 0..100000\n", 0, 0},
};

START_TEST(test_sending)
{
    struct cfg *c = load_text(sending_cases[_i].text, sending_cases[_i].error);

    if (sending_cases[_i].error == NULL) {
        ck_assert_int_eq(c->quiet_start, sending_cases[_i].start);
        ck_assert_int_eq(c->quiet_end, sending_cases[_i].end);
        cfg_free(c);
    }
}
END_TEST

/* The sendsms URL holds Kannel's password: never in a message; the
 * environment overrides it. */
START_TEST(test_sendsms_url)
{
    char *path = write_conf("sendsms = { url = \"ftp://u:s3cr3tpw@127.0.0.1/\"; };\n"), *errs;
    struct cfg *c;

    ck_assert_ptr_null(load_path(path, &errs));
    ck_assert_ptr_null(strstr(errs, "s3cr3tpw"));
    free(errs);
    unlink(path);
    free(path);

    setenv("ASPIRASI_SENDSMS_URL", "http://127.0.0.1:13013/cgi-bin/sendsms?username=a&password=b",
           1);
    c = load_path(NULL, &errs);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(c->sendsms_url,
                     "http://127.0.0.1:13013/cgi-bin/sendsms?username=a&password=b");
    cfg_free(c);
    free(errs);
    unsetenv("ASPIRASI_SENDSMS_URL");
}
END_TEST

/* A secret never appears in a message. */
START_TEST(test_secret_not_shown)
{
    char *path = write_conf("kannel = { secret = \"hunter2\"; };\n"), *errs;

    ck_assert_ptr_null(load_path(path, &errs));
    ck_assert_ptr_nonnull(strstr(errs, "kannel.secret must be at least 8 characters"));
    ck_assert_ptr_null(strstr(errs, "hunter2"));
    free(errs);
    unlink(path);
    free(path);

    setenv("ASPIRASI_KANNEL_SECRET", "hunter2", 1);
    ck_assert_ptr_null(load_path(NULL, &errs));
    ck_assert_ptr_null(strstr(errs, "hunter2"));
    free(errs);
}
END_TEST

/* ---- integer bounds, both sides --------------------------------------- */

static const struct {
    const char *group, *key, *value;
    long long want;    /* when accepted */
    const char *range; /* "min..max" when rejected */
} int_cases[] = {
    {"http", "threads", "0", 0, "1..64"},
    {"http", "threads", "1", 1, NULL},
    {"http", "threads", "64", 64, NULL},
    {"http", "threads", "65", 0, "1..64"},
    {"http", "threads", "-1", 0, "1..64"},
    {"http", "threads", "0x10", 16, NULL},
    {"http", "threads", "5L", 5, NULL},
    /* libconfig 1.5 would wrap these into range: 2^32 + 1 and 2^32 + 4 */
    {"http", "threads", "3000000000", 0, "1..64"}, /* libconfig says -1294967296 */
    {"http", "threads", "4294967297", 0, "1..64"},
    {"http", "threads", "4294967300", 0, "1..64"},
    {"http", "threads", "-4294967295", 0, "1..64"},
    {"http", "threads", "99999999999999999999", 0, "1..64"},
    {"http", "max_request_bytes", "1023", 0, "1024..1048576"},
    {"http", "max_request_bytes", "1024", 1024, NULL},
    {"http", "max_request_bytes", "1048576", 1048576, NULL},
    {"http", "max_request_bytes", "1048577", 0, "1024..1048576"},
    {"http", "max_request_bytes", "4295016448", 0, "1024..1048576"}, /* 2^32 + 49152 */
    {"http", "timeout", "0", 0, "1..600"},
    {"http", "timeout", "1", 1, NULL},
    {"http", "timeout", "600", 600, NULL},
    {"http", "timeout", "601", 0, "1..600"},
    {"http", "shutdown_grace", "-1", 0, "0..300"},
    {"http", "shutdown_grace", "0", 0, NULL},
    {"http", "shutdown_grace", "300", 300, NULL},
    {"http", "shutdown_grace", "301", 0, "0..300"},
    {"db", "pool", "0", 0, "1..64"},
    {"db", "pool", "1", 1, NULL},
    {"db", "pool", "64", 64, NULL},
    {"db", "pool", "65", 0, "1..64"},
    {"db", "batch_max", "0", 0, "1..1024"},
    {"db", "batch_max", "1", 1, NULL},
    {"db", "batch_max", "1024", 1024, NULL},
    {"db", "batch_max", "1025", 0, "1..1024"},
    {"db", "batch_wait", "-1", 0, "0..100"},
    {"db", "batch_wait", "0", 0, NULL},
    {"db", "batch_wait", "100", 100, NULL},
    {"db", "batch_wait", "101", 0, "0..100"},
    {"limits", "tickets_per_hour", "-1", 0, "0..1000"},
    {"limits", "tickets_per_hour", "0", 0, NULL},
    {"limits", "tickets_per_hour", "1000", 1000, NULL},
    {"limits", "tickets_per_hour", "1001", 0, "0..1000"},
    {"limits", "replies_per_day", "-1", 0, "0..10000"},
    {"limits", "replies_per_day", "0", 0, NULL},
    {"limits", "replies_per_day", "10000", 10000, NULL},
    {"limits", "replies_per_day", "10001", 0, "0..10000"},
    {"limits", "loop_repeats", "1", 0, "2..100"},
    {"limits", "loop_repeats", "2", 2, NULL},
    {"limits", "loop_repeats", "100", 100, NULL},
    {"limits", "loop_repeats", "101", 0, "2..100"},
    {"limits", "loop_window", "-1", 0, "0..1440"},
    {"limits", "loop_window", "0", 0, NULL},
    {"limits", "loop_window", "1440", 1440, NULL},
    {"limits", "loop_window", "1441", 0, "0..1440"},
};

static long long
int_value(const struct cfg *c, const char *key)
{
    if (strcmp(key, "threads") == 0)
        return c->http_threads;
    if (strcmp(key, "max_request_bytes") == 0)
        return (long long)c->max_request_bytes;
    if (strcmp(key, "timeout") == 0)
        return c->http_timeout;
    if (strcmp(key, "shutdown_grace") == 0)
        return c->shutdown_grace;
    if (strcmp(key, "pool") == 0)
        return c->db_pool;
    if (strcmp(key, "batch_wait") == 0)
        return c->db_batch_wait;
    if (strcmp(key, "tickets_per_hour") == 0)
        return c->limits_tickets_per_hour;
    if (strcmp(key, "replies_per_day") == 0)
        return c->limits_replies_per_day;
    if (strcmp(key, "loop_repeats") == 0)
        return c->limits_loop_repeats;
    if (strcmp(key, "loop_window") == 0)
        return c->limits_loop_window;
    return c->db_batch_max;
}

START_TEST(test_int_bounds)
{
    char text[256], error[256];
    struct cfg *c;

    snprintf(text, sizeof(text), "%s = {\n  %s = %s;\n};\n", int_cases[_i].group, int_cases[_i].key,
             int_cases[_i].value);
    if (int_cases[_i].range == NULL) {
        c = load_text(text, NULL);
        ck_assert_int_eq(int_value(c, int_cases[_i].key), int_cases[_i].want);
        cfg_free(c);
    } else {
        snprintf(error, sizeof(error), "@:2: %s.%s is %s, outside the range %s\n",
                 int_cases[_i].group, int_cases[_i].key, int_cases[_i].value, int_cases[_i].range);
        load_text(text, error);
    }
}
END_TEST

/* ---- kannel.allow ----------------------------------------------------- */

static const struct {
    const char *entry;
    int family, prefix; /* when accepted */
    const char *error;  /* after "kannel.allow[0] \"ENTRY\"" when rejected */
} allow_cases[] = {
    {"127.0.0.1", AF_INET, 32, NULL},
    {"10.0.0.0/8", AF_INET, 8, NULL},
    {"0.0.0.0/0", AF_INET, 0, NULL},
    {"10.0.0.0/32", AF_INET, 32, NULL},
    {"::1", AF_INET6, 128, NULL},
    {"2001:db8::/32", AF_INET6, 32, NULL},
    {"::/0", AF_INET6, 0, NULL},
    {"::/128", AF_INET6, 128, NULL},
    {"10.0.0.0/33", 0, 0, ": the prefix length must be 0 to 32"},
    {"::/129", 0, 0, ": the prefix length must be 0 to 128"},
    {"10.0.0.0/", 0, 0, ": the prefix length must be 0 to 32"},
    {"10.0.0.0/-1", 0, 0, ": the prefix length must be 0 to 32"},
    {"10.0.0.0/8x", 0, 0, ": the prefix length must be 0 to 32"},
    {"10.0.0.0/+8", 0, 0, ": the prefix length must be 0 to 32"},
    {"10.0.0", 0, 0, " is not an IPv4 or IPv6 address, with an optional /prefix"},
    {"10.0.0.256", 0, 0, " is not an IPv4 or IPv6 address, with an optional /prefix"},
    {"", 0, 0, " is not an IPv4 or IPv6 address, with an optional /prefix"},
    {"localhost", 0, 0, " is not an IPv4 or IPv6 address, with an optional /prefix"},
    {"/8", 0, 0, " is not an IPv4 or IPv6 address, with an optional /prefix"},
    {"fe80::1%eth0", 0, 0, " is not an IPv4 or IPv6 address, with an optional /prefix"},
};

START_TEST(test_allow_entries)
{
    char text[256], error[256];
    struct cfg *c;

    snprintf(text, sizeof(text), "kannel = {\n  allow = [ \"%s\" ];\n};\n", allow_cases[_i].entry);
    if (allow_cases[_i].error == NULL) {
        c = load_text(text, NULL);
        ck_assert_uint_eq(c->nallow, 1);
        ck_assert_int_eq(c->allow[0].family, allow_cases[_i].family);
        ck_assert_int_eq(c->allow[0].prefix, allow_cases[_i].prefix);
        cfg_free(c);
    } else {
        snprintf(error, sizeof(error), "@:2: kannel.allow[0] \"%s\"%s\n", allow_cases[_i].entry,
                 allow_cases[_i].error);
        load_text(text, error);
    }
}
END_TEST

START_TEST(test_allow_count)
{
    char text[2048];
    size_t n;
    struct cfg *c;

    load_text("kannel = { allow = [ ]; };\n", "@:1: kannel.allow must list at least one address\n");
    for (int count = 32; count <= 33; count++) {
        n = (size_t)snprintf(text, sizeof(text), "kannel = {\n  allow = (");
        for (int i = 0; i < count; i++)
            n += (size_t)snprintf(text + n, sizeof(text) - n, "%s\"10.0.0.%d\"", i ? ", " : " ", i);
        snprintf(text + n, sizeof(text) - n, " );\n};\n");
        if (count == 32) {
            c = load_text(text, NULL);
            ck_assert_uint_eq(c->nallow, 32);
            cfg_free(c);
        } else {
            load_text(text, "@:2: kannel.allow has 33 entries; the limit is 32\n");
        }
    }
}
END_TEST

/* Fills ss with addr (IPv4 or IPv6 text); returns the sockaddr. */
static const struct sockaddr *
peer(struct sockaddr_storage *ss, const char *addr)
{
    struct sockaddr_in *sin = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

    memset(ss, 0, sizeof(*ss));
    if (inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
        sin->sin_family = AF_INET;
        sin->sin_port = htons(40000);
    } else {
        ck_assert_int_eq(inet_pton(AF_INET6, addr, &sin6->sin6_addr), 1);
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(40000);
    }
    return (const struct sockaddr *)ss;
}

static const struct {
    const char *peer;
    int allowed;
} allowed_cases[] = {
    /* v4 */
    {"127.0.0.1", 1},
    {"127.0.0.2", 0},
    {"10.0.0.0", 1},
    {"10.255.255.255", 1},
    {"9.255.255.255", 0},
    {"11.0.0.0", 0},
    {"192.168.1.128", 1},
    {"192.168.1.255", 1},
    {"192.168.1.127", 0},
    {"192.168.2.128", 0},
    /* v6 */
    {"::1", 1},
    {"::2", 0},
    {"2001:db8::", 1},
    {"2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", 1},
    {"2001:db9::", 0},
    {"2001:db7:ffff::1", 0},
    {"fe80::1", 0},
    /* v4-mapped v6, as a dual-stack socket reports v4 peers */
    {"::ffff:127.0.0.1", 1},
    {"::ffff:127.0.0.2", 0},
    {"::ffff:10.1.2.3", 1},
    {"::ffff:11.0.0.1", 0},
    {"::ffff:192.168.1.200", 1},
    {"::ffff:192.168.1.100", 0},
    /* v4 in the low bits of a native v6 address is not v4 */
    {"::127.0.0.1", 0},
    {"::fffe:127.0.0.1", 0},
};

START_TEST(test_allowed)
{
    struct cfg *c = load_text("kannel = {\n  allow = [ \"127.0.0.1\", \"10.0.0.0/8\", "
                              "\"192.168.1.128/25\", \"2001:db8::/32\", \"::1\" ];\n};\n",
                              NULL);
    struct sockaddr_storage ss;

    ck_assert_msg(cfg_allowed(c, peer(&ss, allowed_cases[_i].peer)) == allowed_cases[_i].allowed,
                  "%s", allowed_cases[_i].peer);
    cfg_free(c);
}
END_TEST

START_TEST(test_allowed_special)
{
    struct sockaddr_storage ss;
    struct sockaddr_un sun;
    struct cfg *c = load_defaults();

    /* the defaults: loopback however it arrives */
    ck_assert_int_eq(cfg_allowed(c, peer(&ss, "127.0.0.1")), 1);
    ck_assert_int_eq(cfg_allowed(c, peer(&ss, "::1")), 1);
    ck_assert_int_eq(cfg_allowed(c, peer(&ss, "::ffff:127.0.0.1")), 1);
    ck_assert_int_eq(cfg_allowed(c, peer(&ss, "127.0.0.2")), 0);
    memset(&sun, 0, sizeof(sun));
    sun.sun_family = AF_UNIX;
    ck_assert_int_eq(cfg_allowed(c, (const struct sockaddr *)&sun), 0);
    cfg_free(c);

    /* every IPv4 address, however it arrives, but no native IPv6 */
    c = load_text("kannel = { allow = [ \"0.0.0.0/0\" ]; };\n", NULL);
    ck_assert_int_eq(cfg_allowed(c, peer(&ss, "203.0.113.9")), 1);
    ck_assert_int_eq(cfg_allowed(c, peer(&ss, "::ffff:203.0.113.9")), 1);
    ck_assert_int_eq(cfg_allowed(c, peer(&ss, "2001:db8::1")), 0);
    cfg_free(c);

    /* an IPv4-mapped entry also admits the plain IPv4 peer */
    c = load_text("kannel = { allow = [ \"::ffff:10.0.0.0/104\" ]; };\n", NULL);
    ck_assert_int_eq(cfg_allowed(c, peer(&ss, "10.9.9.9")), 1);
    ck_assert_int_eq(cfg_allowed(c, peer(&ss, "::ffff:10.9.9.9")), 1);
    ck_assert_int_eq(cfg_allowed(c, peer(&ss, "11.9.9.9")), 0);
    cfg_free(c);
}
END_TEST

/* ---- reply templates -------------------------------------------------- */

/* Returns a malloc'd string of n copies of s. */
static char *
repeat(const char *s, size_t n)
{
    size_t len = strlen(s);
    char *out = malloc(len * n + 1);

    ck_assert_ptr_nonnull(out);
    for (size_t i = 0; i < n; i++)
        memcpy(out + i * len, s, len);
    out[len * n] = '\0';
    return out;
}

/* Loads "replies = { key = "<n times fill>tail"; };" on line 2. */
static struct cfg *
load_reply(const char *key, const char *fill, size_t n, const char *tail, const char *error)
{
    char *body = repeat(fill, n), *text;
    struct cfg *c;

    ck_assert_int_ne(asprintf(&text, "replies = {\n  %s = \"%s%s\";\n};\n", key, body, tail), -1);
    c = load_text(text, error);
    free(text);
    free(body);
    return c;
}

START_TEST(test_reply_length)
{
    struct cfg *c;

    /* 160 characters fit one SMS, 161 do not */
    c = load_reply("help", "a", 160, "", NULL);
    ck_assert_uint_eq(strlen(c->replies[LANG_ID][REPLY_HELP]), 160);
    cfg_free(c);
    load_reply("help", "a", 161, "",
               "@:2: replies.help is 161 characters with the longest values; the limit is 160\n");

    /* with a placeholder, counted at its longest value: {ticket} is 7 */
    cfg_free(load_reply("complaint", "a", 153, "{ticket}", NULL));
    load_reply(
        "complaint", "a", 154, "{ticket}",
        "@:2: replies.complaint is 161 characters with the longest values; the limit is 160\n");
    /* {code} is 15 digits, {keyword} 20 letters */
    cfg_free(load_reply("status_bad_code", "a", 145, "{code}", NULL));
    load_reply("status_bad_code", "a", 146, "{code}",
               "@:2: replies.status_bad_code is 161 characters with the longest values; the limit "
               "is 160\n");
    cfg_free(load_reply("info_missing", "a", 140, "{keyword}", NULL));
    load_reply(
        "info_missing", "a", 141, "{keyword}",
        "@:2: replies.info_missing is 161 characters with the longest values; the limit is 160\n");
    /* {session} is 10 digits, {komisi} 3 letters */
    cfg_free(load_reply("proposal_session", "a", 150, "{session}", NULL));
    load_reply("proposal_session", "a", 151, "{session}",
               "@:2: replies.proposal_session is 161 characters with the longest values; the "
               "limit is 160\n");
    cfg_free(load_reply("subscribe_komisi", "a", 157, "{komisi}", NULL));
    load_reply("subscribe_komisi", "a", 158, "{komisi}",
               "@:2: replies.subscribe_komisi is 161 characters with the longest values; the "
               "limit is 160\n");

    /* GSM-7 extension characters count two */
    cfg_free(load_reply("help", "~", 80, "", NULL));
    load_reply("help", "~", 80, "a",
               "@:2: replies.help is 161 characters with the longest values; the limit is 160\n");

    load_reply("help", "a", 0, "", "@:2: replies.help must not be empty\n");
}
END_TEST

START_TEST(test_reply_charset)
{
    char why[256], *want;
    struct reply_vars worst = {
        "9999999",    "x",  "28/11/2026", "999999999999999", "WWWWWWWWWWWWWWWWWWWW",
        "9999999999", "III"};
    const char *tmpl = "Terima kasih \xe2\x80\x9cwarga\xe2\x80\x9d"; /* curly quotes */
    const char *reason = reply_check(tmpl, 0, &worst, GSM7_SEGMENT, why, sizeof(why));

    /* the message is reply_check()'s own, at the template's line */
    ck_assert_ptr_nonnull(reason);
    ck_assert_ptr_nonnull(strstr(reason, "GSM-7"));
    ck_assert_int_ne(asprintf(&want, "@:2: replies.help %s\n", reason), -1);
    load_reply("help", tmpl, 1, "", want);
    free(want);

    /* GSM-7 has these */
    cfg_free(load_reply("help", "\xc3\xa9\xc3\xbc\xc3\xb1 @ \xc2\xa3 \xe2\x82\xac", 1, "", NULL));
}
END_TEST

START_TEST(test_reply_placeholders)
{
    char why[256], *want;
    struct reply_vars worst = {
        "9999999",    "x",  "28/11/2026", "999999999999999", "WWWWWWWWWWWWWWWWWWWW",
        "9999999999", "III"};
    static const struct {
        const char *key, *tmpl;
        unsigned vars;
    } cases[] = {
        {"help", "Tiket {ticket}", 0},
        {"complaint", "Tiket {tiket}", REPLY_VAR_TICKET},
        {"complaint", "Tiket {ticket}, status {status}", REPLY_VAR_TICKET},
        {"status_missing", "Ketik {keyword}", 0},
    };

    for (size_t i = 0; i < NELEM(cases); i++) {
        const char *reason =
            reply_check(cases[i].tmpl, cases[i].vars, &worst, GSM7_SEGMENT, why, sizeof(why));

        ck_assert_msg(reason != NULL, "%s accepted", cases[i].tmpl);
        ck_assert_int_ne(asprintf(&want, "@:2: replies.%s %s\n", cases[i].key, reason), -1);
        load_reply(cases[i].key, cases[i].tmpl, 1, "", want);
        free(want);
    }
    /* the allowed ones */
    cfg_free(load_reply("status", "{ticket} {status} {date}", 1, "", NULL));
    cfg_free(load_reply("help", "Kurung {{ kurawal", 1, "", NULL));
}
END_TEST

/* {status} is measured with the longest configured label, in septets. */
START_TEST(test_reply_status_label)
{
    char *l62 = repeat("A", 62), *t56 = repeat("~", 56), *t57 = repeat("~", 57), *text;
    struct cfg *c;

    /* the default status template is 47 characters plus the label: a label
     * of 57 tildes (114 septets) makes 161, of 56 makes 159; the 62-letter
     * label is longer in bytes but shorter in septets */
    ck_assert_int_ne(asprintf(&text,
                              "statuses = (\n  { name = \"a\"; label = \"%s\"; },\n"
                              "  { name = \"b\"; label = \"%s\"; }\n);\n",
                              l62, t56),
                     -1);
    c = load_text(text, NULL);
    ck_assert_uint_eq(c->nstatuses, 2);
    cfg_free(c);
    free(text);
    ck_assert_int_ne(asprintf(&text,
                              "statuses = (\n  { name = \"a\"; label = \"%s\"; },\n"
                              "  { name = \"b\"; label = \"%s\"; }\n);\n",
                              l62, t57),
                     -1);
    load_text(text, "@:1: replies.status is 161 characters with the longest values; the limit "
                    "is 160\n");
    free(text);

    /* a configured status template is reported at its own line */
    ck_assert_int_ne(asprintf(&text,
                              "statuses = ( { name = \"a\"; label = \"%s\"; } );\n"
                              "replies = {\n  status = \"{status} {ticket} {date} %s\";\n};\n",
                              l62, t56),
                     -1);
    load_text(text, "@:3: replies.status is 194 characters with the longest values; the limit "
                    "is 160\n");
    free(text);
    free(l62);
    free(t56);
    free(t57);
}
END_TEST

/* ---- statuses --------------------------------------------------------- */

START_TEST(test_status_find)
{
    struct cfg *c = load_defaults();
    static const struct {
        const char *name, *label;
    } cases[] = {
        {"baru", "Diterima, menunggu ditelaah"},
        {"diproses", "Sedang diproses"},
        {"ditolak", "Tidak dapat ditindaklanjuti"},
        {"BARU", NULL},
        {"bar", NULL},
        {"baruu", NULL},
        {"", NULL},
    };

    for (size_t i = 0; i < NELEM(cases); i++) {
        const struct cfg_status *st = cfg_status_find(c, cases[i].name);

        if (cases[i].label == NULL) {
            ck_assert_msg(st == NULL, "%s found", cases[i].name);
        } else {
            ck_assert_msg(st != NULL, "%s not found", cases[i].name);
            ck_assert_str_eq(st->name, cases[i].name);
            ck_assert_str_eq(st->label, cases[i].label);
        }
    }
    cfg_free(c);

    /* a configured list replaces the defaults entirely */
    c = load_text("statuses = (\n  { name = \"masuk\"; label = \"Masuk\"; },\n"
                  "  { label = \"Sudah selesai\"; name = \"tutup_kasus\"; }\n);\n",
                  NULL);
    ck_assert_uint_eq(c->nstatuses, 2);
    ck_assert_str_eq(c->statuses[0].name, "masuk");
    ck_assert_str_eq(cfg_status_find(c, "tutup_kasus")->label, "Sudah selesai");
    ck_assert_ptr_null(cfg_status_find(c, "baru"));
    cfg_free(c);
}
END_TEST

static const struct {
    const char *name, *label, *error; /* error NULL: accepted */
} status_cases[] = {
    {"a", "A", NULL},
    {"a_b", "Label", NULL},
    {"abcdefghijklmnopqrstuvwxyzabcde", "31 letters", NULL},
    {"abcdefghijklmnopqrstuvwxyzabcdef", "32 letters",
     "statuses[0].name \"abcdefghijklmnopqrstuvwxyzabcdef\" is not 1 to 31 lower-case ASCII "
     "letters or underscores"},
    {"", "Kosong", "statuses[0].name \"\" is not 1 to 31 lower-case ASCII letters or underscores"},
    {"Baru", "Baru",
     "statuses[0].name \"Baru\" is not 1 to 31 lower-case ASCII letters or underscores"},
    {"baru-1", "Baru",
     "statuses[0].name \"baru-1\" is not 1 to 31 lower-case ASCII letters or underscores"},
    {"baru1", "Baru",
     "statuses[0].name \"baru1\" is not 1 to 31 lower-case ASCII letters or underscores"},
    {"baru", "", "statuses[0].label must not be empty"},
    {"baru", "Selesai \xe2\x9c\x93", "statuses[0].label has a character outside GSM-7"},
    {"baru", "Satu\\nDua", "statuses[0].label must not contain control characters"},
    {"baru", "\xc3\xa9t\xc3\xa9", NULL},
};

START_TEST(test_status_entries)
{
    char text[512], error[512];
    struct cfg *c;

    snprintf(text, sizeof(text), "statuses = (\n  { name = \"%s\"; label = \"%s\"; }\n);\n",
             status_cases[_i].name, status_cases[_i].label);
    if (status_cases[_i].error == NULL) {
        c = load_text(text, NULL);
        ck_assert_uint_eq(c->nstatuses, 1);
        ck_assert_str_eq(c->statuses[0].name, status_cases[_i].name);
        cfg_free(c);
    } else {
        snprintf(error, sizeof(error), "@:2: %s\n", status_cases[_i].error);
        load_text(text, error);
    }
}
END_TEST

START_TEST(test_status_list)
{
    char text[4096], *l63 = repeat("x", 63), *l64 = repeat("x", 64);
    size_t n;
    struct cfg *c;

    /* label length: 63 bytes fit, 64 do not */
    snprintf(text, sizeof(text), "statuses = ( { name = \"a\"; label = \"%s\"; } );\n", l63);
    cfg_free(load_text(text, NULL));
    snprintf(text, sizeof(text), "statuses = ( { name = \"a\"; label = \"%s\"; } );\n", l64);
    load_text(text, "@:1: statuses[0].label is 64 bytes; the limit is 63\n");
    free(l63);
    free(l64);

    load_text("statuses = ( );\n", "@:1: statuses must list at least one status\n");
    load_text("statuses = (\n  { name = \"baru\"; label = \"Baru\"; },\n"
              "  { name = \"baru\"; label = \"Lagi\"; }\n);\n",
              "@:3: statuses[1].name \"baru\" is used twice\n");
    load_text("statuses = (\n  { name = \"baru\"; }\n);\n", "@:2: statuses[0].label is not set\n");
    load_text("statuses = (\n  { label = \"Baru\"; }\n);\n", "@:2: statuses[0].name is not set\n");

    /* at most 16 */
    for (int count = 16; count <= 17; count++) {
        n = (size_t)snprintf(text, sizeof(text), "statuses = (\n");
        for (int i = 0; i < count; i++)
            n += (size_t)snprintf(text + n, sizeof(text) - n,
                                  "  { name = \"s%c\"; label = \"L\"; }%s\n", 'a' + i,
                                  i + 1 < count ? "," : "");
        snprintf(text + n, sizeof(text) - n, ");\n");
        if (count == 16) {
            c = load_text(text, NULL);
            ck_assert_uint_eq(c->nstatuses, 16);
            cfg_free(c);
        } else {
            load_text(text, "@:1: statuses has 17 entries; the limit is 16\n");
        }
    }
}
END_TEST

/* ---- keywords --------------------------------------------------------- */

START_TEST(test_keywords)
{
    char *w20 = repeat("K", 20), *w21 = repeat("K", 21), text[2048], error[256];
    struct lexicon_spec spec;
    struct cfg *c;
    size_t n;

    /* stored upper-case; other intents keep their defaults */
    c = load_text("keywords = {\n  status = [ \"cek\", \"Lacak\" ];\n};\n", NULL);
    ck_assert_uint_eq(c->nkeywords[INTENT_STATUS], 2);
    ck_assert_str_eq(c->keywords[INTENT_STATUS][0], "CEK");
    ck_assert_str_eq(c->keywords[INTENT_STATUS][1], "LACAK");
    ck_assert_uint_eq(c->nkeywords[INTENT_COMPLAINT], lexicon_default()->nwords[INTENT_COMPLAINT]);
    cfg_lexicon_spec(c, &spec);
    ck_assert_uint_eq(spec.nwords[INTENT_UNKNOWN], 0);
    ck_assert_uint_eq(spec.nwords[INTENT_STATUS], 2);
    ck_assert_str_eq(spec.words[INTENT_STATUS][1], "LACAK");
    ck_assert_uint_eq(spec.nwords[INTENT_HELP], lexicon_default()->nwords[INTENT_HELP]);
    ck_assert_str_eq(spec.words[INTENT_HELP][0], "BANTUAN");
    cfg_free(c);

    /* one to twenty ASCII letters */
    snprintf(text, sizeof(text), "keywords = {\n  info = [ \"%s\" ];\n};\n", w20);
    c = load_text(text, NULL);
    ck_assert_str_eq(c->keywords[INTENT_INFO][0], w20);
    cfg_free(c);
    snprintf(text, sizeof(text), "keywords = {\n  info = [ \"INFO\", \"%s\" ];\n};\n", w21);
    snprintf(error, sizeof(error),
             "@:2: keywords.info[1] \"%s\" is not a word of 1 to 20 ASCII letters\n", w21);
    load_text(text, error);
    load_text("keywords = {\n  info = [ \"\" ];\n};\n",
              "@:2: keywords.info[0] \"\" is not a word of 1 to 20 ASCII letters\n");
    load_text("keywords = {\n  info = [ \"INF0\" ];\n};\n",
              "@:2: keywords.info[0] \"INF0\" is not a word of 1 to 20 ASCII letters\n");
    load_text("keywords = {\n  info = [ \"AGENDA DPRD\" ];\n};\n",
              "@:2: keywords.info[0] \"AGENDA DPRD\" is not a word of 1 to 20 ASCII letters\n");
    load_text("keywords = {\n  info = [ \"INF\xc3\x96\" ];\n};\n",
              "@:2: keywords.info[0] \"INF\xc3\x96\" is not a word of 1 to 20 ASCII letters\n");
    load_text("keywords = {\n  info = [ \"INFO\", \"info\" ];\n};\n",
              "@:2: keywords.info lists \"INFO\" twice\n");

    /* at most CFG_KEYWORDS_MAX per intent */
    for (int count = CFG_KEYWORDS_MAX; count <= CFG_KEYWORDS_MAX + 1; count++) {
        char want[128];

        n = (size_t)snprintf(text, sizeof(text), "keywords = {\n  info = [");
        for (int i = 0; i < count; i++)
            n += (size_t)snprintf(text + n, sizeof(text) - n, "%s\"INFO%c%c\"", i ? ", " : " ",
                                  'A' + i / 26, 'A' + i % 26);
        snprintf(text + n, sizeof(text) - n, " ];\n};\n");
        if (count == CFG_KEYWORDS_MAX) {
            c = load_text(text, NULL);
            ck_assert_uint_eq(c->nkeywords[INTENT_INFO], CFG_KEYWORDS_MAX);
            cfg_free(c);
        } else {
            snprintf(want, sizeof(want), "@:2: keywords.info has %d keywords; the limit is %d\n",
                     count, CFG_KEYWORDS_MAX);
            load_text(text, want);
        }
    }
    free(w20);
    free(w21);
}
END_TEST

/* The lexicon's own verdict, at the keywords group's line. */
START_TEST(test_keywords_lexicon)
{
    struct lexicon_spec spec;
    const char *const info_words[] = {"INFO", "CEK"};
    char reason[256], want[512];
    struct cfg *c = load_defaults();
    struct lexicon *lx;

    /* the defaults make a lexicon */
    cfg_lexicon_spec(c, &spec);
    lx = lexicon_new(&spec, reason, sizeof(reason));
    ck_assert_ptr_nonnull(lx);
    lexicon_free(lx);

    /* what lexicon_new() says about CEK in both status and info */
    spec.words[INTENT_INFO] = info_words;
    spec.nwords[INTENT_INFO] = 2;
    reason[0] = '\0';
    lx = lexicon_new(&spec, reason, sizeof(reason));
    ck_assert_ptr_null(lx);
    ck_assert_str_ne(reason, "");
    cfg_free(c);

    snprintf(want, sizeof(want), "@:3: %s\n", reason);
    load_text("# CEK is already a status keyword\n\nkeywords = {\n"
              "  info = [ \"INFO\", \"cek\" ];\n};\n",
              want);
    /* moving it is fine */
    cfg_free(load_text("keywords = {\n  status = [ \"STATUS\" ];\n"
                       "  info = [ \"INFO\", \"CEK\" ];\n};\n",
                       NULL));
}
END_TEST

static Suite *
config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("config");

    tcase_add_checked_fixture(tc, clear_env, NULL);
    tcase_add_test(tc, test_defaults);
    tcase_add_test(tc, test_default_templates);
    tcase_add_test(tc, test_reply_names);
    tcase_add_test(tc, test_example_file);
    tcase_add_test(tc, test_empty_file);
    tcase_add_test(tc, test_missing_file);
    tcase_add_loop_test(tc, test_env, 0, NELEM(env_cases));
    tcase_add_test(tc, test_env_over_file);
    tcase_add_loop_test(tc, test_errors, 0, NELEM(error_cases));
    tcase_add_test(tc, test_secret_not_shown);
    tcase_add_loop_test(tc, test_sending, 0, NELEM(sending_cases));
    tcase_add_test(tc, test_sendsms_url);
    tcase_add_loop_test(tc, test_int_bounds, 0, NELEM(int_cases));
    tcase_add_loop_test(tc, test_allow_entries, 0, NELEM(allow_cases));
    tcase_add_test(tc, test_allow_count);
    tcase_add_loop_test(tc, test_allowed, 0, NELEM(allowed_cases));
    tcase_add_test(tc, test_allowed_special);
    tcase_add_test(tc, test_reply_length);
    tcase_add_test(tc, test_reply_charset);
    tcase_add_test(tc, test_reply_placeholders);
    tcase_add_test(tc, test_reply_status_label);
    tcase_add_test(tc, test_status_find);
    tcase_add_loop_test(tc, test_status_entries, 0, NELEM(status_cases));
    tcase_add_test(tc, test_status_list);
    tcase_add_test(tc, test_keywords);
    tcase_add_test(tc, test_keywords_lexicon);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(config_suite)
