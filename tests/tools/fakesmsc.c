/*
 * fakesmsc.c -- a fake SMSC (the phone network) for Kannel's "smsc = fake" connection.
 *
 * bearerbox LISTENS on the fake group's "port"; this program CONNECTS to it and speaks
 * Kannel's line protocol, one LF-terminated line per message (tests/tools/README.md):
 *
 *   MO, sent:      "<from> <to> text <payload>"  the text is printable ASCII (0x20-0x7e)
 *                  "<from> <to> ucs2 <urlenc>"   anything else, as url-encoded UTF-16BE
 *   MT, received:  "<from> <to> text <raw>"      GSM-7; Kannel writes its internal UTF-8
 *                  "<from> <to> data <urlenc>"   8-bit
 *                  "<from> <to> ucs-2 <urlenc>"  UCS-2, UTF-16BE (note the hyphen)
 *                  "<from> <to> udh <urlenc> data <urlenc>"
 *
 * Every MT is decoded to UTF-8. Kannel writes "text" raw, so a newline inside the message
 * splits it over several protocol lines: a line that is not an MT line continues the previous
 * "text" MT, and a "text" MT is complete once another MT starts or the socket has been quiet
 * for CONT_GRACE_MS. Bytes of "text" and "data" are kept when they are valid UTF-8 and read
 * as Latin-1 otherwise; "udh" data that contains NUL bytes is read as UTF-16BE.
 *
 * Two modes (usage() has the options):
 *   batch (default)   reads "FROM TEXT..." lines on stdin, sends each as an MO to the short
 *                     code, prints every MT as "FROM<TAB>TO<TAB>TEXT" (TEXT escaped: \n \r
 *                     \t \\ \xHH) and exits 0 once N MTs addressed to this run's senders
 *                     arrived (N = -n, else the number of MOs sent, counted at the end of
 *                     stdin), 1 when TIMEOUT seconds pass without traffic while MTs are still
 *                     awaited, 2 on connection errors.
 *   interactive (-i)  a phone: prompt, type a line, see the reply; see interactive().
 *
 * bearerbox serves one fake SMSC connection at a time. A second connection is accepted by
 * the kernel but not read until the first one closes, and MTs always go to the connection
 * being served, so runs of this program must not overlap.
 *
 * Plain C and POSIX sockets only: "make check" builds it without any library.
 */

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "parsers/query.h"

#define LINE_MAX_BYTES  65536 /* longest protocol or input line; longer ones are truncated */
#define ADDR_MAX        64    /* longest phone number or short code, with the NUL */
#define CONT_GRACE_MS   50    /* quiet time after which a raw "text" MT is complete */
#define REPLY_GRACE_MS  300   /* interactive: how long to keep listening after the first reply */
#define CONNECT_PAUSE_S 0.1   /* pause between connection attempts while bearerbox starts */
#define TEXT_MAX_BYTES  (1024 * 1024) /* ceiling of one MT split over several lines */

#define EXIT_TIMEOUT 1
#define EXIT_CONN    2
#define EXIT_USAGE   64

struct options {
    const char *host;
    const char *port;
    const char *shortcode;
    const char *phone; /* interactive: the first phone */
    long want;         /* batch: MTs to wait for; 0 = as many as MOs sent */
    double timeout;
    int interactive;
    int verbose;
    int any;   /* batch: count MTs to any number, not only to this run's senders */
    int stamp; /* batch: prefix each MT with the seconds since the start */
};

/* A growable byte string; what goes in is bounded by LINE_MAX_BYTES or TEXT_MAX_BYTES. */
struct sbuf {
    char *p;
    size_t len;
    size_t cap;
};

/* Buffered line reader over a file descriptor (the socket or stdin). */
struct lineio {
    int fd;
    int eof;      /* read() returned 0 */
    int skipping; /* discarding the rest of an over-long line */
    size_t len;
    char buf[LINE_MAX_BYTES];
};

/* One message from bearerbox, decoded to UTF-8 (text is NUL-terminated). */
struct mt {
    char from[ADDR_MAX];
    char to[ADDR_MAX];
    struct sbuf text;
    struct mt *next;
};

struct session {
    const struct options *opt;
    int sock;
    struct lineio net;
    struct lineio in;
    double last_net;    /* when bytes last came from bearerbox */
    struct mt *pending; /* a raw "text" MT that may continue on the next line */
    struct sbuf pending_raw;
    struct sbuf next_raw; /* raw bytes of the "text" MT being parsed */
    struct mt *done_head; /* complete MTs, oldest first */
    struct mt *done_tail;
};

static const char *progname = "fakesmsc";

static void die(int status, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
static void warnmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
die(int status, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(status);
}

static void
warnmsg(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *
xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);

    if (q == NULL)
        die(EXIT_FAILURE, "out of memory");
    return q;
}

static void
sb_put(struct sbuf *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;

        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void
sb_putc(struct sbuf *b, char c)
{
    sb_put(b, &c, 1);
}

static void
sb_puts(struct sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static void
sb_reset(struct sbuf *b)
{
    b->len = 0;
    if (b->p != NULL)
        b->p[0] = '\0';
}

static void
sb_free(struct sbuf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* ---- text encodings ------------------------------------------------------------------------- */

static void
utf8_put(struct sbuf *b, uint32_t cp)
{
    char u[4];

    if (cp < 0x80) {
        u[0] = (char)cp;
        sb_put(b, u, 1);
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3f));
        sb_put(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        sb_put(b, u, 3);
    } else {
        u[0] = (char)(0xf0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f));
        sb_put(b, u, 4);
    }
}

/*
 * Decodes one UTF-8 sequence at s[*i] (strict: no overlongs, no surrogates, at most U+10FFFF).
 * Returns 0 and advances *i, or -1 and leaves *i alone.
 */
static int
utf8_next(const unsigned char *s, size_t n, size_t *i, uint32_t *cp)
{
    size_t k = *i, need;
    uint32_t c = s[k], min;

    if (c < 0x80) {
        *cp = c;
        *i = k + 1;
        return 0;
    }
    if ((c & 0xe0) == 0xc0) {
        need = 1, c &= 0x1f, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        need = 2, c &= 0x0f, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        need = 3, c &= 0x07, min = 0x10000;
    } else {
        return -1;
    }
    if (n - k - 1 < need)
        return -1;
    for (size_t j = 1; j <= need; j++) {
        if ((s[k + j] & 0xc0) != 0x80)
            return -1;
        c = (c << 6) | (s[k + j] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return -1;
    *cp = c;
    *i = k + 1 + need;
    return 0;
}

static int
utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;

    while (i < n)
        if (utf8_next(s, n, &i, &cp) == -1)
            return 0;
    return 1;
}

/* Appends bytes as UTF-8: copied when they are valid UTF-8, else read as Latin-1. */
static void
lenient_to_utf8(struct sbuf *out, const unsigned char *s, size_t n)
{
    if (utf8_valid(s, n)) {
        sb_put(out, s, n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        utf8_put(out, s[i]);
}

/* Appends UTF-16BE as UTF-8; unpaired surrogates and an odd last byte become U+FFFD. */
static void
utf16be_to_utf8(struct sbuf *out, const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i + 1 < n) {
        uint32_t u = (uint32_t)s[i] << 8 | s[i + 1];

        i += 2;
        if (u >= 0xd800 && u <= 0xdbff && i + 1 < n) {
            uint32_t lo = (uint32_t)s[i] << 8 | s[i + 1];

            if (lo >= 0xdc00 && lo <= 0xdfff) {
                i += 2;
                utf8_put(out, 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00));
                continue;
            }
        }
        utf8_put(out, (u >= 0xd800 && u <= 0xdfff) ? 0xfffd : u);
    }
    if (i < n)
        utf8_put(out, 0xfffd);
}

static void
utf16be_put(struct sbuf *b, uint32_t cp)
{
    unsigned char u[4];

    if (cp >= 0x10000) {
        uint32_t v = cp - 0x10000, hi = 0xd800 | (v >> 10), lo = 0xdc00 | (v & 0x3ff);

        u[0] = (unsigned char)(hi >> 8), u[1] = (unsigned char)hi;
        u[2] = (unsigned char)(lo >> 8), u[3] = (unsigned char)lo;
        sb_put(b, u, 4);
    } else {
        u[0] = (unsigned char)(cp >> 8), u[1] = (unsigned char)cp;
        sb_put(b, u, 2);
    }
}

/* UTF-8 to UTF-16BE; a byte that is not part of valid UTF-8 is taken as Latin-1. */
static void
utf8_to_utf16be(struct sbuf *out, const unsigned char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;

    while (i < n) {
        if (utf8_next(s, n, &i, &cp) == -1)
            cp = s[i++];
        utf16be_put(out, cp);
    }
}

/* Percent-encodes everything except unreserved characters (RFC 3986). */
static void
url_encode(struct sbuf *out, const unsigned char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";

    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            sb_putc(out, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};

            sb_put(out, e, 3);
        }
    }
}

/* Kannel's url-decoding ('+' is a space, %XX a byte, a malformed escape is
 * kept as it is): the same as Aspirasi's own query_decode(). */
static void
url_decode(struct sbuf *out, const char *s, size_t n)
{
    char *tmp = malloc(n + 1);

    if (tmp == NULL) {
        perror("fakesmsc");
        exit(2);
    }
    sb_put(out, tmp, query_decode(s, n, tmp));
    free(tmp);
}

/* Writes n bytes of text as one TAB-separated output field: \n \r \t \\ and \xHH for other
 * controls. */
static void
escape_field(struct sbuf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '\n') {
            sb_puts(out, "\\n");
        } else if (c == '\r') {
            sb_puts(out, "\\r");
        } else if (c == '\t') {
            sb_puts(out, "\\t");
        } else if (c == '\\') {
            sb_puts(out, "\\\\");
        } else if (c < 0x20 || c == 0x7f) {
            char e[5];

            snprintf(e, sizeof(e), "\\x%02X", c);
            sb_puts(out, e);
        } else {
            sb_putc(out, (char)c);
        }
    }
}

/* ---- line I/O ------------------------------------------------------------------------------- */

/* One read() into the buffer. Returns 1 on data or EOF (io->eof set), 0 on EINTR, -1 on error. */
static int
lineio_fill(struct lineio *io)
{
    ssize_t n;

    if (io->len == sizeof(io->buf)) /* a full buffer without LF: lineio_take() cuts it */
        return 1;
    n = read(io->fd, io->buf + io->len, sizeof(io->buf) - io->len);
    if (n < 0)
        return (errno == EINTR || errno == EAGAIN) ? 0 : -1;
    if (n == 0)
        io->eof = 1;
    io->len += (size_t)n;
    return 1;
}

/*
 * Takes the next line (without its LF, and without a CR before it) into out, which has room for
 * LINE_MAX_BYTES + 1 bytes. At EOF an unterminated last line counts; a line longer than the
 * buffer is cut and the rest of it dropped. Returns 1 when a line was taken, 0 when none is
 * complete yet.
 */
static int
lineio_take(struct lineio *io, char *out, int *truncated)
{
    char *lf;
    size_t n, used;

    *truncated = 0;
    while (io->skipping && io->len > 0) {
        lf = memchr(io->buf, '\n', io->len);
        used = lf ? (size_t)(lf - io->buf) + 1 : io->len;
        memmove(io->buf, io->buf + used, io->len - used);
        io->len -= used;
        if (lf != NULL)
            io->skipping = 0;
    }
    if (io->len == 0)
        return 0;
    lf = memchr(io->buf, '\n', io->len);
    if (lf != NULL) {
        n = (size_t)(lf - io->buf);
        used = n + 1;
    } else if (io->len == sizeof(io->buf)) {
        n = used = io->len;
        io->skipping = 1;
        *truncated = 1;
    } else if (io->eof) {
        n = used = io->len;
    } else {
        return 0;
    }
    memcpy(out, io->buf, n);
    if (n > 0 && out[n - 1] == '\r')
        n--;
    out[n] = '\0';
    memmove(io->buf, io->buf + used, io->len - used);
    io->len -= used;
    return 1;
}

static void
send_all(struct session *s, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(s->sock, p, n, MSG_NOSIGNAL);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            die(EXIT_CONN, "sending to bearerbox failed: %s", strerror(errno));
        }
        p += w;
        n -= (size_t)w;
    }
}

/* Connects to bearerbox, retrying while it starts (connection refused) until the timeout. */
static int
connect_bearerbox(const struct options *opt)
{
    struct addrinfo hints, *res, *ai;
    double deadline = now_s() + opt->timeout;
    int fd, gai, last_errno = 0;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    gai = getaddrinfo(opt->host, opt->port, &hints, &res);
    if (gai != 0)
        die(EXIT_CONN, "cannot resolve %s port %s: %s", opt->host, opt->port, gai_strerror(gai));
    for (;;) {
        for (ai = res; ai != NULL; ai = ai->ai_next) {
            fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
            if (fd == -1) {
                last_errno = errno;
                continue;
            }
            if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
                freeaddrinfo(res);
                return fd;
            }
            last_errno = errno;
            close(fd);
        }
        if (now_s() + CONNECT_PAUSE_S > deadline)
            break;
        nanosleep(&(struct timespec){0, (long)(CONNECT_PAUSE_S * 1e9)}, NULL);
    }
    freeaddrinfo(res);
    die(EXIT_CONN, "cannot connect to bearerbox at %s port %s within %.0f s: %s", opt->host,
        opt->port, opt->timeout, strerror(last_errno));
    return -1;
}

/* ---- MO and MT ------------------------------------------------------------------------------ */

static int
addr_ok(const char *a, size_t n)
{
    if (n == 0 || n >= ADDR_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)a[i] <= ' ' || a[i] == 0x7f)
            return 0;
    return 1;
}

static void
send_mo(struct session *s, const char *from, const char *text)
{
    struct sbuf line = {0}, u16 = {0};
    size_t n = strlen(text);
    int plain = 1;

    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] < 0x20 || (unsigned char)text[i] > 0x7e)
            plain = 0;
    sb_puts(&line, from);
    sb_putc(&line, ' ');
    sb_puts(&line, s->opt->shortcode);
    if (plain) {
        sb_puts(&line, " text ");
        sb_put(&line, text, n);
    } else {
        sb_puts(&line, " ucs2 ");
        utf8_to_utf16be(&u16, (const unsigned char *)text, n);
        url_encode(&line, (const unsigned char *)u16.p, u16.len);
    }
    if (s->opt->verbose)
        fprintf(stderr, "> %s\n", line.p);
    sb_putc(&line, '\n');
    send_all(s, line.p, line.len);
    sb_free(&line);
    sb_free(&u16);
}

/* Splits off the next space-separated field of line; returns its length, 0 if there is none. */
static size_t
field(const char **line, const char **start)
{
    const char *sp = strchr(*line, ' ');

    if (sp == NULL)
        return 0;
    *start = *line;
    *line = sp + 1;
    return (size_t)(sp - *start);
}

/*
 * Parses an MT line. Returns a new struct mt (text decoded, except for "text" whose raw bytes go
 * to *raw and are decoded once the message is complete) or NULL when line is not an MT line.
 */
static struct mt *
mt_parse(const char *line, int *is_raw, struct sbuf *raw)
{
    const char *p = line, *from, *to, *type, *udh;
    size_t nfrom, nto, ntype, nudh;
    struct sbuf bytes = {0};
    struct mt *mt;

    if ((nfrom = field(&p, &from)) == 0 || !addr_ok(from, nfrom) || (nto = field(&p, &to)) == 0 ||
        !addr_ok(to, nto) || (ntype = field(&p, &type)) == 0)
        return NULL;
    mt = calloc(1, sizeof(*mt));
    if (mt == NULL)
        die(EXIT_FAILURE, "out of memory");
    memcpy(mt->from, from, nfrom);
    memcpy(mt->to, to, nto);
    sb_puts(&mt->text, "");
    *is_raw = 0;
    if (ntype == 4 && memcmp(type, "text", 4) == 0) {
        *is_raw = 1;
        sb_reset(raw);
        sb_puts(raw, p);
    } else if (ntype == 4 && memcmp(type, "data", 4) == 0) {
        url_decode(&bytes, p, strlen(p));
        lenient_to_utf8(&mt->text, (const unsigned char *)bytes.p, bytes.len);
    } else if (ntype == 5 && memcmp(type, "ucs-2", 5) == 0) {
        url_decode(&bytes, p, strlen(p));
        utf16be_to_utf8(&mt->text, (const unsigned char *)bytes.p, bytes.len);
    } else if (ntype == 3 && memcmp(type, "udh", 3) == 0 && (nudh = field(&p, &udh)) > 0 &&
               strncmp(p, "data ", 5) == 0) {
        url_decode(&bytes, p + 5, strlen(p + 5));
        /* The line does not say the coding; UCS-2 is the one that has NUL bytes. */
        if (bytes.len % 2 == 0 && memchr(bytes.p ? bytes.p : "", '\0', bytes.len) != NULL)
            utf16be_to_utf8(&mt->text, (const unsigned char *)bytes.p, bytes.len);
        else
            lenient_to_utf8(&mt->text, (const unsigned char *)bytes.p, bytes.len);
    } else {
        sb_free(&mt->text);
        free(mt);
        mt = NULL;
    }
    sb_free(&bytes);
    return mt;
}

static void
mt_free(struct mt *mt)
{
    if (mt == NULL)
        return;
    sb_free(&mt->text);
    free(mt);
}

static void
done_push(struct session *s, struct mt *mt)
{
    mt->next = NULL;
    if (s->done_tail != NULL)
        s->done_tail->next = mt;
    else
        s->done_head = mt;
    s->done_tail = mt;
}

static struct mt *
done_pop(struct session *s)
{
    struct mt *mt = s->done_head;

    if (mt != NULL) {
        s->done_head = mt->next;
        if (s->done_head == NULL)
            s->done_tail = NULL;
    }
    return mt;
}

static void
finish_pending(struct session *s)
{
    if (s->pending == NULL)
        return;
    lenient_to_utf8(&s->pending->text, (const unsigned char *)s->pending_raw.p, s->pending_raw.len);
    done_push(s, s->pending);
    s->pending = NULL;
}

/* Turns the complete lines received from bearerbox into MTs. */
static void
process_net(struct session *s)
{
    static char line[LINE_MAX_BYTES + 1];
    struct mt *mt;
    int truncated, raw;

    while (lineio_take(&s->net, line, &truncated)) {
        if (truncated)
            warnmsg("line from bearerbox longer than %d bytes, cut", LINE_MAX_BYTES);
        if (s->opt->verbose)
            fprintf(stderr, "< %s\n", line);
        mt = mt_parse(line, &raw, &s->next_raw);
        if (mt != NULL) {
            finish_pending(s);
            if (raw) {
                struct sbuf t = s->pending_raw;

                s->pending_raw = s->next_raw;
                s->next_raw = t;
                s->pending = mt;
            } else
                done_push(s, mt);
        } else if (s->pending != NULL) {
            /* Kannel writes a GSM-7 message raw: its newline split the line. */
            if (s->pending_raw.len + strlen(line) + 1 > TEXT_MAX_BYTES) {
                warnmsg("MT text longer than %d bytes, cut", TEXT_MAX_BYTES);
                finish_pending(s);
                continue;
            }
            sb_putc(&s->pending_raw, '\n');
            sb_puts(&s->pending_raw, line);
        } else {
            warnmsg("ignoring a line from bearerbox that is not an MT: %.60s", line);
        }
    }
    if (s->net.eof)
        finish_pending(s);
}

/*
 * Waits until the socket or (when use_stdin) stdin has something, or until deadline (monotonic
 * seconds; 0 = none), and reads it. Completes a pending "text" MT after CONT_GRACE_MS of quiet.
 * Returns when something was read or the deadline passed; dies when the connection fails.
 */
static void
wait_io(struct session *s, int use_stdin, double deadline)
{
    struct pollfd pfd[2];
    int nfds = 1, ms = -1, r;
    double t = now_s();

    if (deadline > 0)
        ms = deadline > t ? (int)((deadline - t) * 1000) + 1 : 0;
    if (s->pending != NULL) {
        int grace = (int)((s->last_net + CONT_GRACE_MS / 1000.0 - t) * 1000) + 1;

        if (grace < 0)
            grace = 0;
        if (ms < 0 || grace < ms)
            ms = grace;
    }
    pfd[0].fd = s->sock;
    pfd[0].events = POLLIN;
    if (use_stdin && !s->in.eof) {
        pfd[1].fd = s->in.fd;
        pfd[1].events = POLLIN;
        nfds = 2;
    }
    r = poll(pfd, (nfds_t)nfds, ms);
    if (r < 0 && errno != EINTR)
        die(EXIT_CONN, "poll: %s", strerror(errno));
    if (r > 0 && (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))) {
        if (lineio_fill(&s->net) < 0)
            die(EXIT_CONN, "reading from bearerbox failed: %s", strerror(errno));
        s->last_net = now_s();
        process_net(s);
    }
    if (r > 0 && nfds == 2 && (pfd[1].revents & (POLLIN | POLLHUP | POLLERR))) {
        if (lineio_fill(&s->in) < 0)
            die(EXIT_FAILURE, "reading stdin failed: %s", strerror(errno));
    }
    if (s->pending != NULL && now_s() - s->last_net >= CONT_GRACE_MS / 1000.0)
        finish_pending(s);
}

static void
lost_connection(void)
{
    die(EXIT_CONN, "bearerbox closed the connection");
}

/* ---- batch mode ----------------------------------------------------------------------------- */

/* The numbers MOs were sent from: a hash set (open addressing, FNV-1a),
 * looked up for every MT, so that a run with tens of thousands of senders
 * costs fakesmsc no more CPU than one with a few. */
struct senders {
    char (*v)[ADDR_MAX]; /* "" for a free slot */
    size_t n, cap;       /* cap: a power of two, or 0 */
};

static size_t
senders_slot(const struct senders *ss, const char *a)
{
    uint32_t h = 2166136261u;

    for (const unsigned char *p = (const unsigned char *)a; *p != '\0'; p++)
        h = (h ^ *p) * 16777619u;
    for (size_t i = h & (ss->cap - 1);; i = (i + 1) & (ss->cap - 1))
        if (ss->v[i][0] == '\0' || strcmp(ss->v[i], a) == 0)
            return i;
}

static int
senders_has(const struct senders *ss, const char *a)
{
    return ss->cap > 0 && ss->v[senders_slot(ss, a)][0] != '\0';
}

static void
senders_add(struct senders *ss, const char *a)
{
    size_t i;

    if (a[0] == '\0' || senders_has(ss, a))
        return;
    if (2 * (ss->n + 1) > ss->cap) {
        struct senders grown = {.cap = ss->cap > 0 ? 2 * ss->cap : 64};

        grown.v = xrealloc(NULL, grown.cap * sizeof(*grown.v));
        memset(grown.v, 0, grown.cap * sizeof(*grown.v));
        for (i = 0; i < ss->cap; i++)
            if (ss->v[i][0] != '\0')
                memcpy(grown.v[senders_slot(&grown, ss->v[i])], ss->v[i], ADDR_MAX);
        grown.n = ss->n;
        free(ss->v);
        *ss = grown;
    }
    snprintf(ss->v[senders_slot(ss, a)], ADDR_MAX, "%s", a);
    ss->n++;
}

static int
batch(struct session *s)
{
    static char line[LINE_MAX_BYTES + 1];
    struct senders senders = {0};
    struct sbuf out = {0};
    long sent = 0, got = 0;
    double idle_since = now_s(), started = idle_since;
    struct mt *mt;
    int truncated, awaiting;

    for (;;) {
        while ((mt = done_pop(s)) != NULL) {
            sb_reset(&out);
            if (s->opt->stamp) {
                char t[32];

                snprintf(t, sizeof(t), "%.3f\t", now_s() - started);
                sb_puts(&out, t);
            }
            escape_field(&out, mt->from, strlen(mt->from));
            sb_putc(&out, '\t');
            escape_field(&out, mt->to, strlen(mt->to));
            sb_putc(&out, '\t');
            escape_field(&out, mt->text.p, mt->text.len);
            printf("%s\n", out.p);
            fflush(stdout);
            if (s->opt->any || senders_has(&senders, mt->to))
                got++;
            mt_free(mt);
        }
        if (s->opt->want > 0 ? got >= s->opt->want : (s->in.eof && s->in.len == 0 && got >= sent))
            break;
        if (s->net.eof)
            lost_connection();
        /* With nothing awaited (all MOs answered, stdin still open), wait for stdin forever. */
        awaiting = s->opt->want > 0 ? got < s->opt->want : got < sent;
        if (!awaiting)
            idle_since = now_s();
        else if (now_s() - idle_since >= s->opt->timeout) {
            warnmsg("timed out: no traffic for %.0f s; %ld MO sent, %ld of %ld MT received",
                    s->opt->timeout, sent, got, s->opt->want > 0 ? s->opt->want : sent);
            free(senders.v);
            sb_free(&out);
            return EXIT_TIMEOUT;
        }
        wait_io(s, 1, awaiting ? idle_since + s->opt->timeout : 0);
        if (s->last_net > idle_since)
            idle_since = s->last_net;
        while (lineio_take(&s->in, line, &truncated)) {
            char *sp;

            if (line[0] == '\0' || line[0] == '#')
                continue;
            if (truncated)
                warnmsg("input line longer than %d bytes, cut", LINE_MAX_BYTES);
            sp = strchr(line, ' ');
            if (sp != NULL)
                *sp = '\0';
            if (!addr_ok(line, strlen(line))) {
                warnmsg("skipping input line: bad sender \"%.40s\"", line);
                continue;
            }
            send_mo(s, line, sp ? sp + 1 : "");
            senders_add(&senders, line);
            sent++;
            idle_since = now_s();
        }
    }
    free(senders.v);
    sb_free(&out);
    return 0;
}

/* ---- interactive mode ----------------------------------------------------------------------- */

/*
 * Damm's quasigroup of order 10, the check digit of Aspirasi's ticket codes (parsers/ticket.c).
 * Checking it here keeps example numbers in reply texts ("contoh: STATUS 4821937") and
 * mistyped codes out of {ticket}.
 */
static const unsigned char damm[10][10] = {
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3}, {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6}, {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7}, {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
};

/* Remembers the last number of exactly seven digits in text that is a valid ticket code. */
static void
remember_ticket(const char *text, char ticket[8])
{
    const char *p = text;

    while (*p != '\0') {
        size_t n = strspn(p, "0123456789");

        if (n == 7) {
            unsigned interim = 0;

            for (size_t i = 0; i < 7; i++)
                interim = damm[interim][p[i] - '0'];
            if (interim == 0)
                memcpy(ticket, p, 7), ticket[7] = '\0';
        }
        p += n ? n : 1;
    }
}

static void
print_reply(const struct mt *mt, const char *phone)
{
    printf("  <- ");
    if (strcmp(mt->to, phone) != 0)
        printf("[to %s] ", mt->to);
    for (size_t i = 0; i < mt->text.len; i++) {
        char c = mt->text.p[i];

        if (c == '\n')
            fputs("\n     ", stdout);
        else if ((unsigned char)c < 0x20 || c == 0x7f)
            printf("\\x%02X", (unsigned char)c);
        else
            putchar(c);
    }
    putchar('\n');
    fflush(stdout);
}

/* Prints MTs that are complete; returns how many were addressed to phone. */
static int
drain_replies(struct session *s, const char *phone, char ticket[8])
{
    struct mt *mt;
    int mine = 0;

    while ((mt = done_pop(s)) != NULL) {
        print_reply(mt, phone);
        remember_ticket(mt->text.p, ticket);
        if (strcmp(mt->to, phone) == 0)
            mine++;
        mt_free(mt);
    }
    return mine;
}

/* Replaces each "{ticket}" in line (room for LINE_MAX_BYTES + 1) with ticket. */
static int
expand_ticket(char *line, const char *ticket)
{
    static char tmp[LINE_MAX_BYTES + 1];
    struct sbuf b = {0};
    const char *p = line, *q;

    if (strstr(line, "{ticket}") == NULL)
        return 0;
    if (ticket[0] == '\0')
        return -1;
    while ((q = strstr(p, "{ticket}")) != NULL) {
        sb_put(&b, p, (size_t)(q - p));
        sb_puts(&b, ticket);
        p = q + strlen("{ticket}");
    }
    sb_puts(&b, p);
    snprintf(tmp, sizeof(tmp), "%s", b.p);
    memcpy(line, tmp, strlen(tmp) + 1);
    sb_free(&b);
    return 0;
}

/* Runs a staff command line ("!aspirasictl ... ticket set-status ..."), its output indented. */
static void
run_staff(const char *cmd)
{
    char out[1024];
    FILE *p;
    int status;

    fflush(stdout);
    if ((p = popen(cmd, "r")) == NULL) {
        printf("  (cannot run the command)\n");
        return;
    }
    while (fgets(out, sizeof(out), p) != NULL)
        printf("  | %s%s", out, strchr(out, '\n') != NULL ? "" : "\n");
    status = pclose(p);
    if (status != 0)
        printf("  (the command failed: status %d)\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* Appends s to b single-quoted for sh. */
static void
sb_put_quoted(struct sbuf *b, const char *s)
{
    sb_putc(b, '\'');
    for (; *s != '\0'; s++) {
        if (*s == '\'')
            sb_puts(b, "'\\''");
        else
            sb_putc(b, *s);
    }
    sb_putc(b, '\'');
}

/* A line that dials a USSD code: "*123#", "*123*4#". */
static int
is_ussd_code(const char *line)
{
    size_t n = strlen(line);

    return n >= 3 && line[0] == '*' && line[n - 1] == '#' &&
           strspn(line + 1, "0123456789*") == n - 2;
}

/*
 * A USSD session over aspirasid's /ussd (FAKESMSC_USSD_URL, with the secret
 * in FAKESMSC_USSD_SECRET), the way an aggregator calls it: every input so
 * far joined by '*'.  Each screen is printed "  | line"; each line typed is
 * the next input ({ticket} expanded); "." hangs up.  Uses curl(1) for the
 * HTTP.
 */
static void
ussd_dial(struct session *s, const char *phone, const char *code, const char *url,
          const char *ticket)
{
    static char line[LINE_MAX_BYTES + 1];
    static int sessions;
    struct sbuf path = {0}, cmd = {0}, out = {0};
    char sid[64], buf[512];
    int tty = isatty(STDIN_FILENO), truncated, ended = 0;
    const char *secret = getenv("FAKESMSC_USSD_SECRET");

    snprintf(sid, sizeof(sid), "fakesmsc-%ld-%d", (long)getpid(), ++sessions);
    sb_puts(&path, "");
    while (!ended) {
        FILE *p;
        size_t n;

        sb_reset(&cmd);
        sb_puts(&cmd, "curl -s -m 15 -X POST ");
        sb_put_quoted(&cmd, url);
        sb_puts(&cmd, " --data-urlencode sessionId=");
        sb_puts(&cmd, sid);
        sb_puts(&cmd, " --data-urlencode ");
        sb_put_quoted(&cmd, "serviceCode=");
        sb_put_quoted(&cmd, code);
        sb_puts(&cmd, " --data-urlencode phoneNumber=");
        sb_put_quoted(&cmd, phone);
        sb_puts(&cmd, " --data-urlencode text=");
        sb_put_quoted(&cmd, path.p != NULL ? path.p : "");
        sb_puts(&cmd, " --data-urlencode secret=");
        sb_put_quoted(&cmd, secret != NULL ? secret : "");
        sb_reset(&out);
        if ((p = popen(cmd.p, "r")) == NULL)
            break;
        while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
            sb_put(&out, buf, n);
        pclose(p);
        if (out.len == 0) {
            printf("  (no answer from %s)\n", url);
            break;
        }
        ended = strncmp(out.p, "END ", 4) == 0;
        for (const char *l = strncmp(out.p, "CON ", 4) == 0 || ended ? out.p + 4 : out.p; l;) {
            const char *nl = strchr(l, '\n');

            printf("  | %.*s\n", nl != NULL ? (int)(nl - l) : (int)strlen(l), l);
            l = nl != NULL ? nl + 1 : NULL;
        }
        if (ended || strncmp(out.p, "CON ", 4) != 0)
            break;
        /* The next input. */
        if (tty) {
            printf("USSD> ");
            fflush(stdout);
        }
        while (!lineio_take(&s->in, line, &truncated)) {
            if (s->in.eof)
                goto done;
            wait_io(s, 1, 0);
        }
        if (!tty)
            printf("USSD> %s\n", line);
        if (strcmp(line, ".") == 0) {
            printf("  (hung up)\n");
            break;
        }
        if (expand_ticket(line, ticket) == -1) {
            printf("  (no ticket number seen in a reply yet; hung up)\n");
            break;
        }
        if (path.len > 0)
            sb_putc(&path, '*');
        sb_puts(&path, line);
    }
done:
    fflush(stdout);
    sb_free(&path);
    sb_free(&cmd);
    sb_free(&out);
}

/* Waits up to TIMEOUT seconds for a message to phone and shows what comes; 0 when none came. */
static int
await_reply(struct session *s, const char *phone, char *ticket)
{
    double deadline = now_s() + s->opt->timeout;
    int mine = drain_replies(s, phone, ticket);

    while (mine == 0 && now_s() < deadline && !s->net.eof) {
        wait_io(s, 0, deadline);
        mine += drain_replies(s, phone, ticket);
    }
    /* A reply can come in several messages: listen a moment longer. */
    deadline = now_s() + REPLY_GRACE_MS / 1000.0;
    while (mine > 0 && now_s() < deadline && !s->net.eof) {
        wait_io(s, 0, deadline);
        drain_replies(s, phone, ticket);
    }
    if (mine == 0 && !s->net.eof)
        printf("  (no reply within %.0f s)\n", s->opt->timeout);
    fflush(stdout);
    if (s->net.eof)
        lost_connection();
    return mine > 0;
}

/*
 * A phone at the keyboard: prompt "PHONE> ", read a line, send it, wait up to the timeout for the
 * reply to that phone and print it as "  <- text". ":from NUMBER" switches the phone, "{ticket}"
 * stands for the last ticket code (seven digits, valid Damm check digit) seen in a reply, EOF
 * ends. "!COMMAND" runs a shell command instead (staff changing a ticket's status) and waits for
 * the SMS it makes the service send to this phone; "!!COMMAND" runs one that sends nothing (a
 * report) and waits for nothing. With a script on stdin (not a tty) each line
 * is echoed after the prompt, and '#' lines and blank lines are skipped.
 * Returns 0, or 1 when some message got no reply.
 */
static int
interactive(struct session *s)
{
    static char line[LINE_MAX_BYTES + 1];
    char phone[ADDR_MAX], ticket[8] = "";
    int tty = isatty(STDIN_FILENO), missed = 0, truncated, prompted = 0;

    snprintf(phone, sizeof(phone), "%s", s->opt->phone);
    for (;;) {
        if (tty && !prompted) {
            printf("%s> ", phone);
            fflush(stdout);
            prompted = 1;
        }
        if (!lineio_take(&s->in, line, &truncated)) {
            if (s->in.eof)
                break;
            wait_io(s, 1, 0);
            if (s->done_head != NULL) {
                /* Something arrived unasked (a late reply): show it, then prompt again. */
                if (tty && prompted)
                    putchar('\n');
                drain_replies(s, phone, ticket);
                prompted = 0;
            }
            if (s->net.eof)
                lost_connection();
            continue;
        }
        prompted = 0;
        if (line[0] == '\0' || (!tty && line[0] == '#'))
            continue;
        if (!tty)
            printf("%s> %s\n", phone, line);
        if (truncated)
            warnmsg("input line longer than %d bytes, cut", LINE_MAX_BYTES);
        if (strncmp(line, ":from", 5) == 0) {
            const char *a = line + 5 + strspn(line + 5, " ");

            if ((line[5] != ' ' && line[5] != '\0') || !addr_ok(a, strlen(a)))
                printf("  (usage: :from +6281234567890)\n");
            else
                snprintf(phone, sizeof(phone), "%s", a);
            continue;
        }
        if (expand_ticket(line, ticket) == -1) {
            printf("  (no ticket number seen in a reply yet; nothing sent)\n");
            continue;
        }
        if (is_ussd_code(line) && getenv("FAKESMSC_USSD_URL") != NULL) {
            ussd_dial(s, phone, line, getenv("FAKESMSC_USSD_URL"), ticket);
            continue;
        }
        if (line[0] == '!' && line[1] == '!') {
            /* A command that sends nothing to this phone (a report). */
            run_staff(line + 2);
            fflush(stdout);
            continue;
        }
        if (line[0] == '!') {
            /* Staff at work: the SMS it makes the service send should reach this phone. */
            run_staff(line + 1);
        } else {
            send_mo(s, phone, line);
        }
        fflush(stdout);
        if (!await_reply(s, phone, ticket))
            missed = 1;
    }
    if (tty)
        putchar('\n');
    return missed ? EXIT_TIMEOUT : 0;
}

/* ---- main ----------------------------------------------------------------------------------- */

static void
usage(FILE *f)
{
    fprintf(f,
            "usage: %s -p PORT [-H HOST] [-T SHORTCODE] [-n N] [-a] [-s] [-t TIMEOUT] [-v]\n"
            "       %s -i -p PORT [-H HOST] [-T SHORTCODE] [-f PHONE] [-t TIMEOUT] [-v]\n"
            "\n"
            "A fake SMSC for Kannel's \"smsc = fake\": connects to bearerbox on HOST:PORT.\n"
            "Batch (default): reads \"FROM TEXT...\" lines on stdin, sends each as an MO to\n"
            "SHORTCODE and prints each MT as FROM<TAB>TO<TAB>TEXT; exits 0 after N MTs to the\n"
            "senders (default: one per MO), 1 after TIMEOUT s without traffic, 2 on connection\n"
            "errors. -i: type SMS as PHONE; \":from NUMBER\" switches phone, \"{ticket}\" is the\n"
            "last ticket code (7 digits, valid check digit) seen in a reply, \"!COMMAND\" runs a\n"
            "shell command and waits for the SMS it causes (\"!!COMMAND\": waits for nothing),\n"
            "Ctrl-D ends.\n"
            "\n"
            "  -H HOST      bearerbox host (127.0.0.1)\n"
            "  -p PORT      the fake SMSC group's port (required)\n"
            "  -T SHORTCODE receiver of the MOs (1234)\n"
            "  -n N         MTs to wait for (batch)\n"
            "  -a           count MTs to any number, not only to the senders (batch)\n"
            "  -s           prefix each MT with SECONDS<TAB> since the start (batch)\n"
            "  -t TIMEOUT   seconds (15): connecting, and waiting for MTs\n"
            "  -f PHONE     first phone in interactive mode (+6281234567890)\n"
            "  -v           print protocol lines on stderr\n",
            progname, progname);
}

static long
parse_long(const char *s, long min, long max, const char *what)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
        die(EXIT_USAGE, "%s must be a number from %ld to %ld, not \"%s\"", what, min, max, s);
    return v;
}

int
main(int argc, char **argv)
{
    static struct session s;
    struct options opt = {
        .host = "127.0.0.1",
        .port = NULL,
        .shortcode = "1234",
        .phone = "+6281234567890",
        .want = 0,
        .timeout = 15,
    };
    int c, rc;

    while ((c = getopt(argc, argv, "H:p:T:n:t:if:vash")) != -1) {
        switch (c) {
        case 'H':
            opt.host = optarg;
            break;
        case 'p':
            parse_long(optarg, 1, 65535, "-p PORT");
            opt.port = optarg;
            break;
        case 'T':
            if (!addr_ok(optarg, strlen(optarg)))
                die(EXIT_USAGE, "-T SHORTCODE must be 1 to %d characters without spaces",
                    ADDR_MAX - 1);
            opt.shortcode = optarg;
            break;
        case 'n':
            opt.want = parse_long(optarg, 1, 1000000, "-n N");
            break;
        case 't':
            opt.timeout = (double)parse_long(optarg, 1, 3600, "-t TIMEOUT");
            break;
        case 'i':
            opt.interactive = 1;
            break;
        case 'f':
            if (!addr_ok(optarg, strlen(optarg)))
                die(EXIT_USAGE, "-f PHONE must be 1 to %d characters without spaces", ADDR_MAX - 1);
            opt.phone = optarg;
            break;
        case 'v':
            opt.verbose = 1;
            break;
        case 'a':
            opt.any = 1;
            break;
        case 's':
            opt.stamp = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind != argc || opt.port == NULL) {
        usage(stderr);
        return EXIT_USAGE;
    }
    signal(SIGPIPE, SIG_IGN);

    s.opt = &opt;
    s.in.fd = STDIN_FILENO;
    s.sock = connect_bearerbox(&opt);
    s.net.fd = s.sock;
    s.last_net = now_s();
    rc = opt.interactive ? interactive(&s) : batch(&s);
    close(s.sock);
    sb_free(&s.pending_raw);
    sb_free(&s.next_raw);
    mt_free(s.pending);
    while (s.done_head != NULL)
        mt_free(done_pop(&s));
    return rc;
}
