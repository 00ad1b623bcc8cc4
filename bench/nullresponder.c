/*
 * A minimal HTTP server for the benchmark's baselines: it answers every
 * request "200 OK" with the body "OK" (text/plain) and does nothing else.
 * Kannel's smsbox pointed at it (bench/run) shows what Kannel alone can do,
 * and bench/loadgen pointed at it shows that the load generator is not the
 * bottleneck.
 *
 *   bench/nullresponder [-H HOST] [-p PORT]
 *
 * Listens on HOST (default 127.0.0.1) and PORT (default 0: a free one) and
 * prints "READY <port>" on stdout once it listens.  HTTP/1.1 connections stay
 * open (keep-alive) unless the client sends "Connection: close"; HTTP/1.0
 * ones close after the answer unless the client asks to keep them.  Pipelined
 * requests are answered in order.  A request body is read (Content-Length)
 * and thrown away; chunked request bodies are not supported (answered 411 and
 * closed).  SIGTERM or SIGINT stops it; it then prints "served=N" on stderr.
 *
 * One thread, epoll, non-blocking sockets: nothing here should cost more
 * than the system calls.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>

#define IN_MAX   16384 /* one request's headers must fit; bodies are skipped */
#define OUT_MAX  65536 /* answers waiting for a slow reader */
#define EVENTS   256
#define BACKLOG  1024
#define LISTENER ((void *)1)

static const char ok_reply[] = "HTTP/1.1 200 OK\r\n"
                               "Content-Type: text/plain\r\n"
                               "Content-Length: 2\r\n"
                               "\r\n"
                               "OK";
static const char ok_close_reply[] = "HTTP/1.1 200 OK\r\n"
                                     "Content-Type: text/plain\r\n"
                                     "Content-Length: 2\r\n"
                                     "Connection: close\r\n"
                                     "\r\n"
                                     "OK";
static const char no_chunked_reply[] = "HTTP/1.1 411 Length Required\r\n"
                                       "Content-Length: 0\r\n"
                                       "Connection: close\r\n"
                                       "\r\n";

struct client {
    int fd;
    int closing;     /* close once out is written */
    int want_out;    /* registered for EPOLLOUT */
    size_t skip;     /* body bytes of the current request still to discard */
    size_t in_len;   /* bytes in in */
    size_t out_len;  /* bytes in out */
    size_t out_off;  /* bytes of out already sent */
    char in[IN_MAX]; /* headers being received */
    char out[OUT_MAX];
};

static volatile sig_atomic_t stop;
static unsigned long long served;

static void
on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static void
usage(void)
{
    fprintf(stderr, "usage: nullresponder [-H HOST] [-p PORT]\n");
    exit(64);
}

static void
client_close(int ep, struct client *c)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c);
}

/* Case-insensitive search for the header NAME in the header block h (lines
 * after the request line, each ending in CRLF); returns its value, not
 * NUL-terminated, and its length in *vlen, or NULL. */
static const char *
header_value(const char *h, size_t hlen, const char *name, size_t *vlen)
{
    size_t nlen = strlen(name);
    const char *p = h, *end = h + hlen;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t len = eol != NULL ? (size_t)(eol - p) : (size_t)(end - p);

        if (len > nlen && p[nlen] == ':' && strncasecmp(p, name, nlen) == 0) {
            const char *v = p + nlen + 1;
            const char *ve = p + len;

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

/* True when the value (a comma-separated list) holds TOKEN, in any case. */
static int
has_token(const char *v, size_t vlen, const char *token)
{
    size_t tlen = strlen(token);

    for (size_t i = 0; i + tlen <= vlen; i++)
        if (strncasecmp(v + i, token, tlen) == 0)
            return 1;
    return 0;
}

static int
out_append(struct client *c, const char *s, size_t n)
{
    if (c->out_off > 0 && c->out_off == c->out_len)
        c->out_off = c->out_len = 0;
    if (c->out_len + n > sizeof(c->out)) {
        if (c->out_off > 0) {
            memmove(c->out, c->out + c->out_off, c->out_len - c->out_off);
            c->out_len -= c->out_off;
            c->out_off = 0;
        }
        if (c->out_len + n > sizeof(c->out))
            return -1; /* a client that sends and never reads */
    }
    memcpy(c->out + c->out_len, s, n);
    c->out_len += n;
    return 0;
}

/*
 * Answers every complete request in c->in.  Returns -1 when the client must
 * be dropped at once (a malformed or too large request), else 0.
 */
static int
handle_requests(struct client *c)
{
    size_t off = 0;

    while (off < c->in_len && !c->closing) {
        const char *start = c->in + off, *end, *v;
        size_t avail = c->in_len - off, hlen, vlen, line;
        unsigned long long cl = 0;
        int http10, keep, close_conn;

        if (c->skip > 0) {
            size_t n = avail < c->skip ? avail : c->skip;

            c->skip -= n;
            off += n;
            continue;
        }
        end = memmem(start, avail, "\r\n\r\n", 4);
        if (end == NULL)
            break;
        hlen = (size_t)(end - start) + 4;
        line = (size_t)((const char *)memchr(start, '\n', hlen) - start) + 1;
        http10 = line >= 10 && memcmp(start + line - 10, "HTTP/1.0", 8) == 0;
        v = header_value(start + line, hlen - line, "Connection", &vlen);
        keep = v != NULL && has_token(v, vlen, "keep-alive");
        close_conn = (v != NULL && has_token(v, vlen, "close")) || (http10 && !keep);
        if (header_value(start + line, hlen - line, "Transfer-Encoding", &vlen) != NULL) {
            if (out_append(c, no_chunked_reply, sizeof(no_chunked_reply) - 1) < 0)
                return -1;
            c->closing = 1;
            break;
        }
        v = header_value(start + line, hlen - line, "Content-Length", &vlen);
        if (v != NULL) {
            char num[24];
            char *e;

            if (vlen == 0 || vlen >= sizeof(num))
                return -1;
            memcpy(num, v, vlen);
            num[vlen] = '\0';
            errno = 0;
            cl = strtoull(num, &e, 10);
            if (*e != '\0' || errno != 0)
                return -1;
        }
        off += hlen;
        c->skip = (size_t)cl;
        if (close_conn) {
            if (out_append(c, ok_close_reply, sizeof(ok_close_reply) - 1) < 0)
                return -1;
            c->closing = 1;
        } else if (out_append(c, ok_reply, sizeof(ok_reply) - 1) < 0) {
            return -1;
        }
        served++;
    }
    if (off > 0) {
        memmove(c->in, c->in + off, c->in_len - off);
        c->in_len -= off;
    }
    if (c->in_len == sizeof(c->in))
        return -1; /* headers larger than IN_MAX */
    return 0;
}

/* Sends what is queued; registers for EPOLLOUT while some is left.
 * Returns -1 when the client is gone or done (closing and all sent). */
static int
flush_out(int ep, struct client *c)
{
    while (c->out_off < c->out_len) {
        ssize_t n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            return -1;
        }
        c->out_off += (size_t)n;
    }
    if (c->out_off == c->out_len) {
        c->out_off = c->out_len = 0;
        if (c->closing)
            return -1;
    }
    if ((c->out_len > 0) != c->want_out) {
        struct epoll_event ev = {.events = EPOLLIN | (c->out_len > 0 ? EPOLLOUT : 0),
                                 .data.ptr = c};

        c->want_out = c->out_len > 0;
        if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0)
            return -1;
    }
    return 0;
}

static int
on_readable(struct client *c)
{
    if (c->closing)
        return 0; /* what follows a "Connection: close" request is ignored */
    for (;;) {
        ssize_t n;

        if (c->in_len == sizeof(c->in))
            return -1;
        n = recv(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len, 0);
        if (n == 0)
            return -1;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            return -1;
        }
        c->in_len += (size_t)n;
        if (handle_requests(c) < 0)
            return -1;
        if (c->closing)
            return 0;
    }
}

static void
accept_all(int ep, int lfd)
{
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC), one = 1;
        struct epoll_event ev = {.events = EPOLLIN};
        struct client *c;

        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                perror("nullresponder: accept");
            return;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        if ((c = calloc(1, sizeof(*c))) == NULL) {
            close(fd);
            continue;
        }
        c->fd = fd;
        ev.data.ptr = c;
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
            close(fd);
            free(c);
        }
    }
}

int
main(int argc, char **argv)
{
    const char *host = "127.0.0.1";
    long port = 0;
    struct sockaddr_in sa = {.sin_family = AF_INET};
    socklen_t salen = sizeof(sa);
    struct epoll_event ev, evs[EVENTS];
    struct sigaction act = {.sa_handler = on_signal};
    int ch, lfd, ep, one = 1;
    char *end;

    while ((ch = getopt(argc, argv, "H:p:")) != -1) {
        switch (ch) {
        case 'H':
            host = optarg;
            break;
        case 'p':
            port = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || port < 0 || port > 65535)
                usage();
            break;
        default:
            usage();
        }
    }
    if (optind != argc || inet_pton(AF_INET, host, &sa.sin_addr) != 1)
        usage();
    sa.sin_port = htons((uint16_t)port);

    sigaction(SIGTERM, &act, NULL);
    sigaction(SIGINT, &act, NULL);
    signal(SIGPIPE, SIG_IGN);

    lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
        bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(lfd, BACKLOG) < 0 ||
        getsockname(lfd, (struct sockaddr *)&sa, &salen) < 0) {
        perror("nullresponder: listen");
        return 1;
    }
    if ((ep = epoll_create1(EPOLL_CLOEXEC)) < 0) {
        perror("nullresponder: epoll_create1");
        return 1;
    }
    ev.events = EPOLLIN;
    ev.data.ptr = LISTENER;
    if (epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev) < 0) {
        perror("nullresponder: epoll_ctl");
        return 1;
    }
    printf("READY %u\n", (unsigned)ntohs(sa.sin_port));
    fflush(stdout);

    while (!stop) {
        int n = epoll_wait(ep, evs, EVENTS, 500);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            perror("nullresponder: epoll_wait");
            return 1;
        }
        for (int i = 0; i < n; i++) {
            struct client *c = evs[i].data.ptr;

            if (evs[i].data.ptr == LISTENER) {
                accept_all(ep, lfd);
                continue;
            }
            if ((evs[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) && on_readable(c) < 0) {
                /* Answer what was complete before the client went away. */
                flush_out(ep, c);
                client_close(ep, c);
                continue;
            }
            if (flush_out(ep, c) < 0)
                client_close(ep, c);
        }
    }
    fprintf(stderr, "served=%llu\n", served);
    return 0;
}
