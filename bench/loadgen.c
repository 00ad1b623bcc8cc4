/*
 * The load generator of the benchmark (bench/README.md): sends aspirasid
 * what Kannel's smsbox sends it, as fast as a fixed number of connections
 * allow or at a fixed offered rate, and measures what comes back.
 *
 *   loadgen -u URL -s SECRET -C CORPUS [-m mo|ussd] [-c CONNS] [-r RATE]
 *           [-d SECONDS | -n COUNT] [-W WEIGHTS] [-p PREFIX] [-N NUMBERS]
 *           [-S SEED] [-o OKFILE] [-T TIMEOUT] [-q]
 *   loadgen -F COUNT -C CORPUS [-W WEIGHTS] [-N NUMBERS] [-S SEED]
 *
 * -m mo (the default): one "GET /kannel/mo?id=...&from=...&to=...&text=...
 * &smsc=...&ts=...&coding=0&charset=UTF-8&secret=..." per message, each id
 * PREFIX-<n> unique, the text drawn from the corpus (tests/data/
 * sms_corpus.tsv: text<TAB>intent<TAB>argument) by intent class with the
 * weights of -W (complaint, status, agenda, info, other; default
 * complaint=60,status=20,agenda=10,info=5,other=5), the sender drawn from
 * NUMBERS distinct Indonesian mobile numbers (-N), the FIRST-th on (-B,
 * default 0: runs with -B far enough apart send from different numbers).
 *
 * -m ussd: USSD sessions over "POST /ussd" (sessionId, serviceCode,
 * phoneNumber, text = every input so far joined by "*", secret), each
 * session walking one scripted path through the shipped menu: complaint
 * (dial, 2, category, text, 1 = send), agenda (dial, 1, 1-3), info (dial,
 * 4, 1-4) or status (dial, 3, a ticket number with a valid check digit);
 * weights complaint=40,agenda=30,info=20,status=10.  A step is one request.
 * Every step but the last must answer "CON ..."; the last step of a
 * complaint "END ..." (the ticket number); the last screen of the others
 * either (the shipped menu shows an answer with "CON" and "0 Kembali 00
 * Menu", and the citizen hangs up).  Each session has a sender of its own
 * while NUMBERS last, so no session is a redial that aspirasid would offer
 * to resume (ussd.resume_window).
 *
 * -c CONNS HTTP/1.1 keep-alive connections (default 64).  Without -r each
 * sends its next request as soon as the previous one is answered (closed
 * loop: CONNS requests in flight).  With -r RATE, request k is due at
 * start + k/RATE seconds (1 ms granularity) and goes out on an idle
 * connection; a request that finds none waits, and its latency counts from
 * when it was due, so a slow server cannot hide its queue.
 *
 * -d SECONDS (default 10) or -n COUNT decides when sending stops; requests
 * in flight are then waited for (up to -T TIMEOUT seconds, default 30, the
 * most one request may take).  Latency is measured from sending (or from
 * being due) to the last byte of the answer, for 200 answers only, in a
 * histogram of 1/64 relative resolution; errors are counted by HTTP status,
 * plus connection errors, timeouts and USSD answers of the wrong kind.
 *
 * -o OKFILE writes the de-duplication key of every request answered 200,
 * one per line (MO: the id; USSD: "ussd:http:<sessionId>:<inputs>", the
 * key aspirasid stores), so the caller can check the database against it.
 * Phone numbers are never printed, except by -F, which writes COUNT lines
 * "FROM TEXT" for tests/tools/fakesmsc instead of sending anything.
 *
 * The last line on stdout is machine-readable:
 *   RESULT mode=mo conns=64 rate=0 seconds=... sent=... ok=... per_second=...
 *          p50_ms=... p95_ms=... p99_ms=... max_ms=... errors=... ...
 * A human summary goes to stderr unless -q.  Exit status 0 when the run
 * happened (whatever the server answered), 1 on a setup error, 64 on bad
 * usage.
 *
 * One thread, epoll, non-blocking sockets, no library: on a small machine
 * the load generator shares the cores with what it measures, so it must
 * cost little (bench/README.md shows its rate against bench/nullresponder).
 */
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define REQ_MAX      8192  /* one request, headers and body */
#define IN_MAX       65536 /* one answer, headers and body */
#define ID_MAX       192   /* a de-duplication key */
#define TEXT_MAX     1024  /* longest corpus text kept, in bytes */
#define USSD_TEXT    120   /* longest complaint typed into the USSD menu */
#define USSD_STEPS   5     /* most steps of one scripted session */
#define PATH_MAX_LEN 512   /* the "1*2*text" path of a session */
#define EVENTS       256
#define NS           1000000000ULL
#define BACKOFF_NS   (50 * 1000000ULL) /* before reconnecting after an error */
#define SCAN_NS      (100 * 1000000ULL)

/* The histogram: values in microseconds; exact below 128, then 64 buckets
 * per power of two (HdrHistogram's layout with 2 significant digits). */
#define HIST_SUB     64
#define HIST_BUCKETS (2 * HIST_SUB + 57 * HIST_SUB)

enum mode { MODE_MO, MODE_USSD };

#define NCLASSES 5
enum mo_class { CL_COMPLAINT, CL_STATUS, CL_AGENDA, CL_INFO, CL_OTHER };
static const char *const mo_class_name[NCLASSES] = {"complaint", "status", "agenda", "info",
                                                    "other"};
static const unsigned mo_weight_default[NCLASSES] = {60, 20, 10, 5, 5};

#define NSCRIPTS 4
enum ussd_script { US_COMPLAINT, US_AGENDA, US_INFO, US_STATUS };
static const char *const ussd_script_name[NSCRIPTS] = {"complaint", "agenda", "info", "status"};
static const unsigned ussd_weight_default[NSCRIPTS] = {40, 30, 20, 10};

/* Mobile prefixes of Indonesian operators, for senders that look real. */
static const char *const number_prefix[8] = {"812", "813", "821", "822",
                                             "852", "857", "878", "896"};

enum conn_state {
    CONN_DOWN = 0, /* no socket */
    CONN_CONNECTING,
    CONN_SENDING,
    CONN_READING,
    CONN_IDLE,    /* connected, nothing in flight */
    CONN_BACKOFF, /* no socket, waiting before the next attempt */
};

struct text {
    char *raw; /* UTF-8, as the citizen typed it */
    char *enc; /* url-encoded */
};

struct texts {
    struct text *v;
    size_t n;
};

struct hist {
    uint64_t count[HIST_BUCKETS];
    uint64_t n;
    uint64_t max;
};

struct conn {
    int fd;
    enum conn_state state;
    uint32_t events;   /* registered with epoll */
    uint64_t t_origin; /* latency counts from here */
    uint64_t t_sent;   /* the timeout counts from here */
    uint64_t retry_at; /* CONN_BACKOFF: when to try again */
    char id[ID_MAX];   /* the key of the request in flight */
    size_t req_len, req_off, in_len;
    /* USSD: the session this connection walks through. */
    enum ussd_script script;
    int step, nsteps;
    uint64_t session;
    unsigned number;
    char inputs[USSD_STEPS][USSD_TEXT + 8];
    char req[REQ_MAX];
    char in[IN_MAX];
};

struct opts {
    enum mode mode;
    const char *url, *secret, *corpus, *prefix, *okfile, *weights;
    long conns;
    double rate;     /* requests per second; 0 = closed loop */
    double duration; /* seconds; 0 = until count */
    uint64_t count;  /* requests; 0 = until duration */
    double timeout;
    unsigned long numbers;
    unsigned long first; /* -B: the first sender's index */
    uint64_t seed;
    long fakesmsc; /* -F: lines to print */
    int quiet;
};

struct lg {
    const struct opts *o;
    struct sockaddr_storage addr;
    socklen_t addrlen;
    char host[300];       /* the Host header */
    char secret_enc[600]; /* url-encoded */
    struct texts cls[NCLASSES];
    struct texts ussd_texts; /* complaints short enough for the menu, without '*' */
    unsigned weight[NCLASSES];
    unsigned weight_total;
    uint64_t rng;
    int ep;
    struct conn *conns;
    struct conn **idle; /* rate mode: connections free to send */
    size_t nidle;
    FILE *ok_out;

    uint64_t t0, t_stop, t_end;
    int stopping;
    uint64_t issued; /* requests started (and ids used) */
    uint64_t inflight;
    uint64_t ok, errors, timeouts, conn_errors, bad_replies, sessions_done, unsent;
    uint64_t next_session;
    uint64_t class_sent[NCLASSES]; /* MO: messages per class; USSD: sessions per script */
    uint64_t status[600];
    uint64_t status_other;
    struct hist hist;
};

static void usage(void) __attribute__((noreturn));
static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

static void
usage(void)
{
    fprintf(stderr, "usage: loadgen -u URL -s SECRET -C CORPUS [-m mo|ussd] [-c CONNS] [-r RATE]\n"
                    "               [-d SECONDS | -n COUNT] [-W WEIGHTS] [-p PREFIX] [-N NUMBERS]\n"
                    "               [-B FIRST] [-S SEED] [-o OKFILE] [-T TIMEOUT] [-q]\n"
                    "       loadgen -F COUNT -C CORPUS [-W WEIGHTS] [-N NUMBERS] [-B FIRST]\n"
                    "               [-S SEED]\n"
                    "  -W  mo: complaint=60,status=20,agenda=10,info=5,other=5\n"
                    "      ussd: complaint=40,agenda=30,info=20,status=10\n");
    exit(64);
}

static void
die(const char *fmt, ...)
{
    va_list ap;

    fputs("loadgen: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void *
xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);

    if (p == NULL)
        die("out of memory");
    return p;
}

static uint64_t
now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * NS + (uint64_t)ts.tv_nsec;
}

/* xorshift64*: fast, and good enough to pick texts and numbers. */
static uint64_t
rnd(struct lg *lg)
{
    lg->rng ^= lg->rng >> 12;
    lg->rng ^= lg->rng << 25;
    lg->rng ^= lg->rng >> 27;
    return lg->rng * 2685821657736338717ULL;
}

static uint64_t
rnd_below(struct lg *lg, uint64_t n)
{
    return n > 0 ? rnd(lg) % n : 0;
}

/* ---- numbers and text ------------------------------------------------------ */

static int
parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    if (*s == '\0' || *s == '-')
        return -1;
    v = strtoull(s, &end, 10);
    if (*end != '\0' || errno != 0 || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int
parse_double(const char *s, double min, double max, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || errno != 0 || !(v >= min && v <= max))
        return -1;
    *out = v;
    return 0;
}

/* Url-encodes n bytes of s into out (room for 3 * n + 1): every byte but
 * A-Z a-z 0-9 - _ . ~ becomes %XX, as Kannel escapes its get-url values. */
static size_t
urlencode(const char *s, size_t n, char *out)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];

        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
            ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            out[o++] = (char)ch;
        } else {
            out[o++] = '%';
            out[o++] = hex[ch >> 4];
            out[o++] = hex[ch & 15];
        }
    }
    out[o] = '\0';
    return o;
}

static char *
xurlencode(const char *s)
{
    size_t n = strlen(s);
    char *out = xcalloc(3 * n + 1, 1);

    urlencode(s, n, out);
    return out;
}

static void
texts_add(struct texts *t, const char *raw)
{
    struct text *v = realloc(t->v, (t->n + 1) * sizeof(*t->v));
    char *copy = strdup(raw);

    if (v == NULL || copy == NULL)
        die("out of memory");
    t->v = v;
    t->v[t->n].raw = copy;
    t->v[t->n].enc = xurlencode(copy);
    t->n++;
}

static enum mo_class
class_of(const char *intent)
{
    for (int i = 0; i < CL_OTHER; i++)
        if (strcmp(intent, mo_class_name[i]) == 0)
            return (enum mo_class)i;
    return CL_OTHER;
}

/* Reads text<TAB>intent<TAB>argument lines; '#' lines are comments. */
static void
load_corpus(struct lg *lg, const char *path)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;

    if (f == NULL)
        die("%s: %s", path, strerror(errno));
    while ((got = getline(&line, &cap, f)) >= 0) {
        char *tab, *intent, *end;
        enum mo_class cl;

        if (got > 0 && line[got - 1] == '\n')
            line[--got] = '\0';
        if (line[0] == '#' || line[0] == '\0' || (tab = strchr(line, '\t')) == NULL)
            continue;
        *tab = '\0';
        intent = tab + 1;
        if ((end = strchr(intent, '\t')) != NULL)
            *end = '\0';
        if (tab - line > TEXT_MAX || tab == line)
            continue;
        cl = class_of(intent);
        texts_add(&lg->cls[cl], line);
        if (cl == CL_COMPLAINT && tab - line <= USSD_TEXT && strchr(line, '*') == NULL)
            texts_add(&lg->ussd_texts, line);
    }
    free(line);
    fclose(f);
}

/* Parses "name=N,name=N" over names[0..n-1] into w (names left out: 0). */
static void
parse_weights(const char *spec, const char *const *names, int n, unsigned *w)
{
    char *copy = strdup(spec), *save = NULL, *item;

    if (copy == NULL)
        die("out of memory");
    memset(w, 0, sizeof(*w) * (size_t)n);
    for (item = strtok_r(copy, ",", &save); item != NULL; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        uint64_t v;
        int i;

        if (eq == NULL)
            die("bad weight \"%s\": want name=N", item);
        *eq = '\0';
        for (i = 0; i < n && strcmp(item, names[i]) != 0; i++)
            ;
        if (i == n || parse_u64(eq + 1, 0, 1000000, &v) < 0)
            die("bad weight \"%s=%s\"", item, eq + 1);
        w[i] = (unsigned)v;
    }
    free(copy);
}

/* The number of sender k (k < 8e8): +62, a mobile prefix, 8 digits.
 * Writes the 11 digits after "+62" into out (12 bytes). */
static void
number_digits(unsigned k, char out[12])
{
    snprintf(out, 12, "%s%08u", number_prefix[k % 8], (k / 8) % 100000000u);
}

/* A sender drawn from the NUMBERS that start at -B FIRST. */
static void
pick_number(struct lg *lg, char out[12])
{
    number_digits((unsigned)(lg->o->first + rnd_below(lg, lg->o->numbers)), out);
}

static enum mo_class
pick_class(struct lg *lg)
{
    uint64_t r = rnd_below(lg, lg->weight_total);

    for (int i = 0; i < NCLASSES; i++) {
        if (r < lg->weight[i])
            return (enum mo_class)i;
        r -= lg->weight[i];
    }
    return CL_OTHER;
}

/* Damm check digit, the one of parsers/ticket.c. */
static int
damm_digit(const char *digits)
{
    static const unsigned char t[10][10] = {
        {0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
        {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
        {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
        {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
        {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
    };
    unsigned c = 0;

    for (; *digits != '\0'; digits++)
        c = t[c][*digits - '0'];
    return (int)c;
}

/* ---- the histogram --------------------------------------------------------- */

static unsigned
hist_index(uint64_t v)
{
    unsigned e;

    if (v < 2 * HIST_SUB)
        return (unsigned)v;
    e = (unsigned)(63 - __builtin_clzll(v)) - 6; /* v >> e is in [64, 128) */
    return 2 * HIST_SUB + (e - 1) * HIST_SUB + (unsigned)((v >> e) - HIST_SUB);
}

/* The largest value that falls into bucket i. */
static uint64_t
hist_upper(unsigned i)
{
    unsigned e;
    uint64_t m;

    if (i < 2 * HIST_SUB)
        return i;
    e = (i - 2 * HIST_SUB) / HIST_SUB + 1;
    m = (i - 2 * HIST_SUB) % HIST_SUB + HIST_SUB;
    return ((m + 1) << e) - 1;
}

static void
hist_add(struct hist *h, uint64_t us)
{
    h->count[hist_index(us)]++;
    h->n++;
    if (us > h->max)
        h->max = us;
}

/* The p-th percentile (0 < p <= 100) in microseconds: the top of the
 * bucket holding it, never more than the maximum seen. */
static uint64_t
hist_pct(const struct hist *h, double p)
{
    uint64_t want, seen = 0;

    if (h->n == 0)
        return 0;
    want = (uint64_t)((double)h->n * p / 100.0 + 0.999999);
    if (want < 1)
        want = 1;
    for (unsigned i = 0; i < HIST_BUCKETS; i++) {
        seen += h->count[i];
        if (seen >= want) {
            uint64_t v = hist_upper(i);

            return v < h->max ? v : h->max;
        }
    }
    return h->max;
}

/* ---- requests -------------------------------------------------------------- */

/* Builds the next /kannel/mo request into c. */
static void
build_mo(struct lg *lg, struct conn *c, uint64_t seq)
{
    enum mo_class cl = pick_class(lg);
    const struct text *t = &lg->cls[cl].v[rnd_below(lg, lg->cls[cl].n)];
    char digits[12];
    int n;

    pick_number(lg, digits);
    lg->class_sent[cl]++;
    snprintf(c->id, sizeof(c->id), "%s-%" PRIu64, lg->o->prefix, seq);
    n = snprintf(c->req, sizeof(c->req),
                 "GET /kannel/mo?id=%s&from=%%2B62%s&to=1234&text=%s&smsc=fake&ts=%lld"
                 "&coding=0&charset=UTF-8&secret=%s HTTP/1.1\r\n"
                 "Host: %s\r\n"
                 "User-Agent: aspirasi-loadgen\r\n"
                 "\r\n",
                 c->id, digits, t->enc, (long long)time(NULL), lg->secret_enc, lg->host);
    if (n < 0 || (size_t)n >= sizeof(c->req))
        die("request too long (corpus text of %zu bytes)", strlen(t->raw));
    c->req_len = (size_t)n;
}

/* Starts a new scripted USSD session on c. */
static void
ussd_new_session(struct lg *lg, struct conn *c)
{
    uint64_t r = rnd_below(lg, lg->weight_total);
    int s;

    for (s = 0; s < NSCRIPTS - 1 && r >= lg->weight[s]; s++)
        r -= lg->weight[s];
    c->script = (enum ussd_script)s;
    c->session = lg->next_session++;
    lg->class_sent[s]++;
    c->number = (unsigned)(lg->o->first + c->session % lg->o->numbers);
    c->step = 0;
    switch (c->script) {
    case US_COMPLAINT: {
        const struct text *t = &lg->ussd_texts.v[rnd_below(lg, lg->ussd_texts.n)];

        c->nsteps = 5;
        snprintf(c->inputs[0], sizeof(c->inputs[0]), "2");
        snprintf(c->inputs[1], sizeof(c->inputs[1]), "%d", 1 + (int)rnd_below(lg, 5));
        snprintf(c->inputs[2], sizeof(c->inputs[2]), "%s", t->raw);
        snprintf(c->inputs[3], sizeof(c->inputs[3]), "1");
        break;
    }
    case US_AGENDA:
        c->nsteps = 3;
        snprintf(c->inputs[0], sizeof(c->inputs[0]), "1");
        snprintf(c->inputs[1], sizeof(c->inputs[1]), "%d", 1 + (int)rnd_below(lg, 3));
        break;
    case US_INFO:
        c->nsteps = 3;
        snprintf(c->inputs[0], sizeof(c->inputs[0]), "4");
        snprintf(c->inputs[1], sizeof(c->inputs[1]), "%d", 1 + (int)rnd_below(lg, 4));
        break;
    case US_STATUS: {
        char code[8];

        c->nsteps = 3;
        snprintf(code, sizeof(code), "%06u", (unsigned)rnd_below(lg, 1000000));
        snprintf(c->inputs[0], sizeof(c->inputs[0]), "3");
        snprintf(c->inputs[1], sizeof(c->inputs[1]), "%s%d", code, damm_digit(code));
        break;
    }
    }
}

/* Builds the request of the next step of c's session (a new session when
 * the last one ended or failed). */
static void
build_ussd(struct lg *lg, struct conn *c)
{
    char path[PATH_MAX_LEN], path_enc[3 * PATH_MAX_LEN + 1], body[4 * PATH_MAX_LEN], sid[64];
    char digits[12];
    size_t plen = 0;
    int n, hn;

    if (c->nsteps == 0 || c->step >= c->nsteps)
        ussd_new_session(lg, c);
    path[0] = '\0';
    for (int i = 0; i < c->step; i++)
        plen += (size_t)snprintf(path + plen, sizeof(path) - plen, "%s%s", i > 0 ? "*" : "",
                                 c->inputs[i]);
    urlencode(path, strlen(path), path_enc);
    number_digits(c->number, digits);
    snprintf(sid, sizeof(sid), "%s-u%" PRIu64, lg->o->prefix, c->session);
    snprintf(c->id, sizeof(c->id), "ussd:http:%s:%d", sid, c->step);
    n = snprintf(body, sizeof(body),
                 "sessionId=%s&serviceCode=%%2A123%%23&phoneNumber=%%2B62%s&text=%s&secret=%s", sid,
                 digits, path_enc, lg->secret_enc);
    if (n < 0 || (size_t)n >= sizeof(body))
        die("USSD request too long");
    hn = snprintf(c->req, sizeof(c->req),
                  "POST /ussd HTTP/1.1\r\n"
                  "Host: %s\r\n"
                  "User-Agent: aspirasi-loadgen\r\n"
                  "Content-Type: application/x-www-form-urlencoded\r\n"
                  "Content-Length: %d\r\n"
                  "\r\n"
                  "%s",
                  lg->host, n, body);
    if (hn < 0 || (size_t)hn >= sizeof(c->req))
        die("USSD request too long");
    c->req_len = (size_t)hn;
}

/* ---- connections ----------------------------------------------------------- */

static void
conn_events(struct lg *lg, struct conn *c, uint32_t want)
{
    struct epoll_event ev = {.events = want, .data.ptr = c};

    if (c->events == want)
        return;
    if (epoll_ctl(lg->ep, c->events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, c->fd, &ev) < 0)
        die("epoll_ctl: %s", strerror(errno));
    c->events = want;
}

static void
conn_close(struct lg *lg, struct conn *c)
{
    if (c->fd >= 0) {
        epoll_ctl(lg->ep, EPOLL_CTL_DEL, c->fd, NULL);
        close(c->fd);
    }
    c->fd = -1;
    c->events = 0;
    c->in_len = 0;
    c->state = CONN_DOWN;
}

static void conn_next(struct lg *lg, struct conn *c, uint64_t now);

/* The request in flight on c failed (or c failed with none): counted once
 * by the caller, the connection is dropped and tried again a little later. */
static void
conn_fail(struct lg *lg, struct conn *c, uint64_t now)
{
    int busy = c->state == CONN_CONNECTING || c->state == CONN_SENDING || c->state == CONN_READING;

    conn_close(lg, c);
    if (busy) {
        lg->inflight--;
        lg->errors++;
        c->nsteps = 0; /* a USSD session is abandoned */
    }
    c->state = CONN_BACKOFF;
    c->retry_at = now + BACKOFF_NS;
}

static void
conn_write(struct lg *lg, struct conn *c, uint64_t now)
{
    while (c->req_off < c->req_len) {
        ssize_t n = send(c->fd, c->req + c->req_off, c->req_len - c->req_off, MSG_NOSIGNAL);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                conn_events(lg, c, EPOLLIN | EPOLLOUT);
                return;
            }
            lg->conn_errors++;
            conn_fail(lg, c, now);
            return;
        }
        c->req_off += (size_t)n;
    }
    c->state = CONN_READING;
    conn_events(lg, c, EPOLLIN);
}

static void
conn_open(struct lg *lg, struct conn *c, uint64_t now)
{
    int one = 1;

    c->fd = socket(lg->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0)
        die("socket: %s", strerror(errno));
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    c->events = 0;
    c->in_len = 0;
    if (connect(c->fd, (struct sockaddr *)&lg->addr, lg->addrlen) == 0) {
        c->state = CONN_SENDING;
        conn_write(lg, c, now);
        return;
    }
    if (errno != EINPROGRESS) {
        lg->conn_errors++;
        conn_fail(lg, c, now);
        return;
    }
    c->state = CONN_CONNECTING;
    conn_events(lg, c, EPOLLOUT);
}

/* Sends the next request on c; its latency counts from origin. */
static void
conn_issue(struct lg *lg, struct conn *c, uint64_t origin, uint64_t now)
{
    if (lg->o->mode == MODE_MO)
        build_mo(lg, c, lg->issued);
    else
        build_ussd(lg, c);
    lg->issued++;
    lg->inflight++;
    c->req_off = 0;
    c->t_origin = origin;
    c->t_sent = now;
    if (c->fd < 0) {
        conn_open(lg, c, now);
    } else {
        c->state = CONN_SENDING;
        conn_write(lg, c, now);
    }
}

/* May another request start now (closed loop) or later (rate)? */
static int
more_to_send(const struct lg *lg)
{
    return !lg->stopping && (lg->o->count == 0 || lg->issued < lg->o->count);
}

/* c is free: in a closed loop it sends again at once; at a fixed rate it
 * waits among the idle connections for the next request due. */
static void
conn_next(struct lg *lg, struct conn *c, uint64_t now)
{
    if (c->state != CONN_BACKOFF)
        c->state = c->fd >= 0 ? CONN_IDLE : CONN_DOWN;
    if (c->state == CONN_BACKOFF || !more_to_send(lg))
        return;
    if (lg->o->rate > 0)
        lg->idle[lg->nidle++] = c;
    else
        conn_issue(lg, c, now, now);
}

/* Case-insensitive header lookup in the header block [h, h + hlen). */
static const char *
header_value(const char *h, size_t hlen, const char *name, size_t *vlen)
{
    size_t nlen = strlen(name);
    const char *p = h, *end = h + hlen;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t len = eol != NULL ? (size_t)(eol - p) : (size_t)(end - p);

        if (len > nlen && p[nlen] == ':' && strncasecmp(p, name, nlen) == 0) {
            const char *v = p + nlen + 1, *ve = p + len;

            while (v < ve && (*v == ' ' || *v == '\t'))
                v++;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ' || ve[-1] == '\t'))
                ve--;
            *vlen = (size_t)(ve - v);
            return v;
        }
        if (eol == NULL)
            break;
        p = eol + 1;
    }
    return NULL;
}

static int
has_token(const char *v, size_t vlen, const char *token)
{
    size_t tlen = strlen(token);

    for (size_t i = 0; i + tlen <= vlen; i++)
        if (strncasecmp(v + i, token, tlen) == 0)
            return 1;
    return 0;
}

struct answer {
    int status;
    int close_after; /* the server closes the connection after it */
    char head[8];    /* the first bytes of the body, NUL-terminated */
    size_t consumed; /* bytes of c->in it took */
};

/*
 * Decodes a chunked body starting at p (n bytes available).  Returns the
 * bytes it spans once complete, 0 while incomplete, -1 when malformed;
 * copies its first bytes into head.
 */
static long
chunked_span(const char *p, size_t n, char *head, size_t headsz)
{
    size_t off = 0, got = 0;

    for (;;) {
        const char *eol = memchr(p + off, '\n', n - off);
        unsigned long size;
        char *end;

        if (eol == NULL)
            return 0;
        size = strtoul(p + off, &end, 16);
        if (end == p + off)
            return -1;
        off = (size_t)(eol - p) + 1;
        if (size == 0) {
            /* Trailers, then an empty line. */
            for (;;) {
                const char *e2 = memchr(p + off, '\n', n - off);

                if (e2 == NULL)
                    return 0;
                if (e2 == p + off || (e2 == p + off + 1 && p[off] == '\r'))
                    return (long)((size_t)(e2 - p) + 1);
                off = (size_t)(e2 - p) + 1;
            }
        }
        if (n - off < size + 2)
            return 0;
        for (size_t i = 0; i < size && got + 1 < headsz; i++)
            head[got++] = p[off + i];
        head[got] = '\0';
        off += size + 2;
    }
}

/*
 * Parses the answer at the start of c->in.  Returns 1 when it is complete
 * (a filled), 0 when more bytes are needed, -1 when it is malformed.  With
 * eof set, an answer without a length ends here.
 */
static int
parse_answer(struct conn *c, int eof, struct answer *a)
{
    const char *in = c->in, *hend, *v, *line_end;
    size_t hlen, vlen, body_avail, need;

    memset(a, 0, sizeof(*a));
    hend = memmem(in, c->in_len, "\r\n\r\n", 4);
    if (hend == NULL)
        return c->in_len == sizeof(c->in) ? -1 : 0;
    hlen = (size_t)(hend - in) + 4;
    if (c->in_len < 12 || memcmp(in, "HTTP/1.", 7) != 0 || in[8] != ' ')
        return -1;
    a->status = (in[9] - '0') * 100 + (in[10] - '0') * 10 + (in[11] - '0');
    if (a->status < 100 || a->status > 599)
        return -1;
    line_end = memchr(in, '\n', hlen);
    v = header_value(line_end + 1, hlen - (size_t)(line_end + 1 - in), "Connection", &vlen);
    a->close_after = (v != NULL && has_token(v, vlen, "close")) ||
                     (in[7] == '0' && (v == NULL || !has_token(v, vlen, "keep-alive")));
    body_avail = c->in_len - hlen;
    v = header_value(line_end + 1, hlen - (size_t)(line_end + 1 - in), "Transfer-Encoding", &vlen);
    if (v != NULL && has_token(v, vlen, "chunked")) {
        long span = chunked_span(in + hlen, body_avail, a->head, sizeof(a->head));

        if (span < 0)
            return -1;
        if (span == 0)
            return c->in_len == sizeof(c->in) ? -1 : 0;
        a->consumed = hlen + (size_t)span;
        return 1;
    }
    v = header_value(line_end + 1, hlen - (size_t)(line_end + 1 - in), "Content-Length", &vlen);
    if (v != NULL) {
        char num[24];
        uint64_t cl;

        if (vlen == 0 || vlen >= sizeof(num))
            return -1;
        memcpy(num, v, vlen);
        num[vlen] = '\0';
        if (parse_u64(num, 0, IN_MAX, &cl) < 0)
            return -1;
        need = (size_t)cl;
    } else if (a->status == 204 || a->status == 304) {
        need = 0;
    } else {
        /* No length: the body ends when the server closes. */
        if (!eof)
            return c->in_len == sizeof(c->in) ? -1 : 0;
        need = body_avail;
        a->close_after = 1;
    }
    if (body_avail < need)
        return hlen + need > sizeof(c->in) ? -1 : 0;
    memcpy(a->head, in + hlen, need < sizeof(a->head) - 1 ? need : sizeof(a->head) - 1);
    a->consumed = hlen + need;
    return 1;
}

/* A whole answer came for the request on c. */
static void
conn_answered(struct lg *lg, struct conn *c, const struct answer *a, uint64_t now)
{
    lg->inflight--;
    if (a->status == 200) {
        int ok = 1;

        if (lg->o->mode == MODE_USSD) {
            int con = strncmp(a->head, "CON ", 4) == 0, end = strncmp(a->head, "END ", 4) == 0;

            if (c->step < c->nsteps - 1)
                ok = con;
            else
                ok = c->script == US_COMPLAINT ? end : con || end;
            if (!ok) {
                lg->bad_replies++;
                lg->errors++;
            }
        }
        if (ok) {
            lg->ok++;
            hist_add(&lg->hist, (now - c->t_origin) / 1000);
            if (lg->ok_out != NULL)
                fprintf(lg->ok_out, "%s\n", c->id);
        }
        if (lg->o->mode == MODE_USSD && !ok) {
            c->nsteps = 0; /* off the script: the next step starts a new session */
        } else if (lg->o->mode == MODE_USSD && ++c->step == c->nsteps) {
            lg->sessions_done++;
        }
    } else {
        lg->errors++;
        c->nsteps = 0;
    }
    lg->status[a->status]++;
    if (a->consumed < c->in_len) {
        /* Bytes nobody asked for: the connection cannot be trusted. */
        lg->conn_errors++;
        conn_close(lg, c);
    } else if (a->close_after) {
        conn_close(lg, c);
    } else {
        c->in_len = 0;
    }
    conn_next(lg, c, now);
}

static void
conn_read(struct lg *lg, struct conn *c, uint64_t now)
{
    struct answer a;

    for (;;) {
        ssize_t n = recv(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len, 0);
        int rc;

        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            lg->conn_errors++;
            conn_fail(lg, c, now);
            return;
        }
        if (n == 0) {
            if (c->state == CONN_READING && parse_answer(c, 1, &a) == 1) {
                a.close_after = 1;
                conn_answered(lg, c, &a, now);
                return;
            }
            if (c->state == CONN_IDLE) {
                /* The server closed an idle connection: not an error. */
                conn_close(lg, c);
                return;
            }
            lg->conn_errors++;
            conn_fail(lg, c, now);
            return;
        }
        c->in_len += (size_t)n;
        if (c->state != CONN_READING) {
            lg->conn_errors++; /* bytes on an idle connection */
            conn_fail(lg, c, now);
            return;
        }
        rc = parse_answer(c, 0, &a);
        if (rc < 0) {
            lg->conn_errors++;
            conn_fail(lg, c, now);
            return;
        }
        if (rc == 1) {
            conn_answered(lg, c, &a, now);
            return;
        }
    }
}

static void
conn_event(struct lg *lg, struct conn *c, uint32_t ev, uint64_t now)
{
    int err = 0;
    socklen_t len = sizeof(err);

    switch (c->state) {
    case CONN_CONNECTING:
        if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err != 0) {
            lg->conn_errors++;
            conn_fail(lg, c, now);
            return;
        }
        c->state = CONN_SENDING;
        conn_write(lg, c, now);
        return;
    case CONN_SENDING:
        if (ev & (EPOLLERR | EPOLLHUP)) {
            lg->conn_errors++;
            conn_fail(lg, c, now);
            return;
        }
        if (ev & EPOLLOUT)
            conn_write(lg, c, now);
        if (c->state != CONN_READING || !(ev & EPOLLIN))
            return;
        /* The answer may be there already. */
        __attribute__((fallthrough));
    case CONN_READING:
    case CONN_IDLE:
        conn_read(lg, c, now);
        return;
    default:
        return;
    }
}

/* Requests that took longer than the timeout, and connections whose
 * back-off is over. */
static void
scan(struct lg *lg, uint64_t now)
{
    uint64_t limit = (uint64_t)(lg->o->timeout * (double)NS);

    for (long i = 0; i < lg->o->conns; i++) {
        struct conn *c = &lg->conns[i];

        if ((c->state == CONN_CONNECTING || c->state == CONN_SENDING || c->state == CONN_READING) &&
            now - c->t_sent > limit) {
            lg->timeouts++;
            conn_fail(lg, c, now);
        }
        if (c->state == CONN_BACKOFF && now >= c->retry_at) {
            c->state = CONN_DOWN;
            conn_next(lg, c, now);
        }
    }
}

/* ---- the run --------------------------------------------------------------- */

static void
resolve(struct lg *lg, const char *url)
{
    char host[256], port[16];
    const char *p = url, *colon, *slash;
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res;
    int rc;

    if (strncmp(p, "http://", 7) != 0)
        die("URL must start with http:// (got \"%s\")", url);
    p += 7;
    slash = strchr(p, '/');
    if (slash == NULL)
        slash = p + strlen(p);
    colon = memchr(p, ':', (size_t)(slash - p));
    if (colon == NULL || colon == p || (size_t)(colon - p) >= sizeof(host) ||
        (size_t)(slash - colon - 1) >= sizeof(port) || slash == colon + 1)
        die("URL must be http://HOST:PORT (got \"%s\")", url);
    memcpy(host, p, (size_t)(colon - p));
    host[colon - p] = '\0';
    memcpy(port, colon + 1, (size_t)(slash - colon - 1));
    port[slash - colon - 1] = '\0';
    if ((rc = getaddrinfo(host, port, &hints, &res)) != 0)
        die("%s: %s", host, gai_strerror(rc));
    memcpy(&lg->addr, res->ai_addr, res->ai_addrlen);
    lg->addrlen = res->ai_addrlen;
    freeaddrinfo(res);
    snprintf(lg->host, sizeof(lg->host), "%s:%s", host, port);
}

static void
run(struct lg *lg)
{
    const struct opts *o = lg->o;
    struct epoll_event evs[EVENTS];
    uint64_t now, last_scan, period = o->rate > 0 ? (uint64_t)((double)NS / o->rate) : 0;
    uint64_t dur = (uint64_t)(o->duration * (double)NS), planned = 0;

    /* At a fixed rate: request k is due at t0 + k * period, for the count
     * asked for or for every k due before the duration is over. */
    if (period > 0)
        planned = o->count > 0 ? o->count : (dur + period - 1) / period;
    if ((lg->ep = epoll_create1(EPOLL_CLOEXEC)) < 0)
        die("epoll_create1: %s", strerror(errno));
    lg->conns = xcalloc((size_t)o->conns, sizeof(*lg->conns));
    lg->idle = xcalloc((size_t)o->conns, sizeof(*lg->idle));
    now = lg->t0 = last_scan = now_ns();
    for (long i = 0; i < o->conns; i++) {
        lg->conns[i].fd = -1;
        conn_next(lg, &lg->conns[i], now);
    }
    for (;;) {
        uint64_t wait = SCAN_NS;
        struct timespec ts;
        int n;

        now = now_ns();
        if (period > 0 && !lg->stopping) {
            uint64_t due = (now - lg->t0) / period + 1;

            if (due > planned)
                due = planned;
            while (lg->issued < due && lg->nidle > 0)
                conn_issue(lg, lg->idle[--lg->nidle], lg->t0 + lg->issued * period, now);
        }
        if (!lg->stopping &&
            ((dur > 0 && now - lg->t0 >= dur) || (o->count > 0 && lg->issued >= o->count))) {
            lg->stopping = 1;
            lg->t_stop = now;
            /* Due but never sent: every connection was still busy. */
            lg->unsent = planned > lg->issued ? planned - lg->issued : 0;
        }
        if (lg->stopping) {
            if (lg->inflight == 0)
                break;
            if (now - lg->t_stop > (uint64_t)((o->timeout + 1) * (double)NS)) {
                lg->timeouts += lg->inflight;
                lg->errors += lg->inflight;
                lg->inflight = 0;
                break;
            }
        } else if (period > 0 && lg->nidle > 0) {
            uint64_t next = lg->t0 + lg->issued * period;

            wait = next > now ? next - now : 0;
        }
        ts.tv_sec = (time_t)(wait / NS);
        ts.tv_nsec = (long)(wait % NS);
        n = epoll_pwait2(lg->ep, evs, EVENTS, &ts, NULL);
        if (n < 0 && errno != EINTR)
            die("epoll_pwait2: %s", strerror(errno));
        now = now_ns();
        for (int i = 0; i < n; i++)
            conn_event(lg, evs[i].data.ptr, evs[i].events, now);
        if (now - last_scan >= SCAN_NS) {
            scan(lg, now);
            last_scan = now;
        }
    }
    lg->t_end = now_ns();
    for (long i = 0; i < o->conns; i++)
        conn_close(lg, &lg->conns[i]);
}

static void
report(const struct lg *lg)
{
    const struct opts *o = lg->o;
    double secs = (double)(lg->t_end - lg->t0) / (double)NS;
    double rate = secs > 0 ? (double)lg->ok / secs : 0;
    const struct hist *h = &lg->hist;

    if (!o->quiet) {
        fprintf(stderr, "loadgen: %s, %ld connections, %s for %.3f s\n",
                o->mode == MODE_MO ? "/kannel/mo" : "/ussd", o->conns,
                o->rate > 0 ? "fixed rate" : "closed loop", secs);
        fprintf(stderr, "  sent %" PRIu64 ", answered 200 %" PRIu64 " (%.1f/s), errors %" PRIu64,
                lg->issued, lg->ok, rate, lg->errors);
        fprintf(stderr,
                " (timeouts %" PRIu64 ", connection %" PRIu64 ", wrong answer %" PRIu64 ")\n",
                lg->timeouts, lg->conn_errors, lg->bad_replies);
        fprintf(stderr, "  latency ms: p50 %.3f  p95 %.3f  p99 %.3f  max %.3f\n",
                (double)hist_pct(h, 50) / 1e3, (double)hist_pct(h, 95) / 1e3,
                (double)hist_pct(h, 99) / 1e3, (double)h->max / 1e3);
        if (o->mode == MODE_MO) {
            fprintf(stderr, "  mix:");
            for (int i = 0; i < NCLASSES; i++)
                fprintf(stderr, " %s %" PRIu64, mo_class_name[i], lg->class_sent[i]);
            fputc('\n', stderr);
        } else {
            fprintf(stderr, "  sessions started:");
            for (int i = 0; i < NSCRIPTS; i++)
                fprintf(stderr, " %s %" PRIu64, ussd_script_name[i], lg->class_sent[i]);
            fprintf(stderr, "; completed %" PRIu64 "\n", lg->sessions_done);
        }
    }
    printf("RESULT mode=%s conns=%ld rate=%g seconds=%.3f sent=%" PRIu64 " ok=%" PRIu64
           " per_second=%.1f p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%" PRIu64
           " timeouts=%" PRIu64 " conn_errors=%" PRIu64 " bad_replies=%" PRIu64 " unsent=%" PRIu64
           " sessions=%" PRIu64,
           o->mode == MODE_MO ? "mo" : "ussd", o->conns, o->rate, secs, lg->issued, lg->ok, rate,
           (double)hist_pct(h, 50) / 1e3, (double)hist_pct(h, 95) / 1e3,
           (double)hist_pct(h, 99) / 1e3, (double)h->max / 1e3, lg->errors, lg->timeouts,
           lg->conn_errors, lg->bad_replies, lg->unsent, lg->sessions_done);
    for (int s = 100; s < 600; s++)
        if (s != 200 && lg->status[s] > 0)
            printf(" status_%d=%" PRIu64, s, lg->status[s]);
    putchar('\n');
}

/* -F: lines for tests/tools/fakesmsc, with the same mix and senders. */
static void
print_fakesmsc(struct lg *lg, long count)
{
    for (long i = 0; i < count; i++) {
        enum mo_class cl = pick_class(lg);
        const struct text *t = &lg->cls[cl].v[rnd_below(lg, lg->cls[cl].n)];
        char digits[12];

        pick_number(lg, digits);
        printf("+62%s %s\n", digits, t->raw);
    }
}

int
main(int argc, char **argv)
{
    static struct lg lg;
    struct opts o = {.mode = MODE_MO, .conns = 64, .timeout = 30, .numbers = 100000};
    char prefix[64];
    uint64_t u;
    int ch;

    snprintf(prefix, sizeof(prefix), "bench-%ld", (long)getpid());
    o.prefix = prefix;
    o.seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
    while ((ch = getopt(argc, argv, "u:s:C:m:c:r:d:n:W:p:N:B:S:o:T:F:q")) != -1) {
        switch (ch) {
        case 'u':
            o.url = optarg;
            break;
        case 's':
            o.secret = optarg;
            break;
        case 'C':
            o.corpus = optarg;
            break;
        case 'm':
            if (strcmp(optarg, "mo") == 0)
                o.mode = MODE_MO;
            else if (strcmp(optarg, "ussd") == 0)
                o.mode = MODE_USSD;
            else
                usage();
            break;
        case 'c':
            if (parse_u64(optarg, 1, 10000, &u) < 0)
                usage();
            o.conns = (long)u;
            break;
        case 'r':
            if (parse_double(optarg, 0, 1e7, &o.rate) < 0)
                usage();
            break;
        case 'd':
            if (parse_double(optarg, 0.001, 86400, &o.duration) < 0)
                usage();
            break;
        case 'n':
            if (parse_u64(optarg, 1, UINT64_MAX / 2, &o.count) < 0)
                usage();
            break;
        case 'W':
            o.weights = optarg;
            break;
        case 'p':
            /* Only characters that need no escaping and are no LIKE
             * wildcards, so the caller can find the rows by prefix. */
            if (*optarg == '\0' || strlen(optarg) > 64 ||
                strspn(optarg,
                       "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") !=
                    strlen(optarg))
                usage();
            o.prefix = optarg;
            break;
        case 'N':
            if (parse_u64(optarg, 1, 800000000, &u) < 0)
                usage();
            o.numbers = (unsigned long)u;
            break;
        case 'B':
            if (parse_u64(optarg, 0, 800000000, &u) < 0)
                usage();
            o.first = (unsigned long)u;
            break;
        case 'S':
            if (parse_u64(optarg, 1, UINT64_MAX, &o.seed) < 0)
                usage();
            break;
        case 'o':
            o.okfile = optarg;
            break;
        case 'T':
            if (parse_double(optarg, 0.001, 3600, &o.timeout) < 0)
                usage();
            break;
        case 'F':
            if (parse_u64(optarg, 1, 100000000, &u) < 0)
                usage();
            o.fakesmsc = (long)u;
            break;
        case 'q':
            o.quiet = 1;
            break;
        default:
            usage();
        }
    }
    if (optind != argc || o.corpus == NULL)
        usage();
    if (o.fakesmsc == 0 && (o.url == NULL || o.secret == NULL))
        usage();
    if (o.duration > 0 && o.count > 0)
        usage();
    if (o.duration == 0 && o.count == 0)
        o.duration = 10;
    if (o.fakesmsc > 0 && o.mode != MODE_MO)
        usage();
    if (o.first + o.numbers > 800000000)
        die("-B FIRST plus -N NUMBERS is above 800000000, the last sender there is");

    lg.o = &o;
    lg.rng = o.seed != 0 ? o.seed : 88172645463325252ULL;
    load_corpus(&lg, o.corpus);
    if (o.mode == MODE_MO) {
        memcpy(lg.weight, mo_weight_default, sizeof(mo_weight_default));
        if (o.weights != NULL)
            parse_weights(o.weights, mo_class_name, NCLASSES, lg.weight);
        for (int i = 0; i < NCLASSES; i++) {
            if (lg.weight[i] > 0 && lg.cls[i].n == 0)
                die("%s: no %s messages in the corpus", o.corpus, mo_class_name[i]);
            lg.weight_total += lg.weight[i];
        }
    } else {
        memcpy(lg.weight, ussd_weight_default, sizeof(ussd_weight_default));
        if (o.weights != NULL)
            parse_weights(o.weights, ussd_script_name, NSCRIPTS, lg.weight);
        for (int i = 0; i < NSCRIPTS; i++)
            lg.weight_total += lg.weight[i];
        if (lg.weight[US_COMPLAINT] > 0 && lg.ussd_texts.n == 0)
            die("%s: no complaint short enough for the USSD menu", o.corpus);
    }
    if (lg.weight_total == 0)
        die("every weight is 0");

    if (o.fakesmsc > 0) {
        print_fakesmsc(&lg, o.fakesmsc);
        return fflush(stdout) == 0 ? 0 : 1;
    }
    signal(SIGPIPE, SIG_IGN);
    resolve(&lg, o.url);
    if (strlen(o.secret) > 190)
        die("secret too long");
    urlencode(o.secret, strlen(o.secret), lg.secret_enc);
    if (o.okfile != NULL && (lg.ok_out = fopen(o.okfile, "w")) == NULL)
        die("%s: %s", o.okfile, strerror(errno));
    run(&lg);
    if (lg.ok_out != NULL && fclose(lg.ok_out) != 0)
        die("%s: %s", o.okfile, strerror(errno));
    report(&lg);
    return 0;
}
