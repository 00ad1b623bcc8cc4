/*
 * The HTTP server of aspirasid (libmicrohttpd): routing, request bodies with
 * a ceiling, peer checks, suspend/resume around the intake, and draining on
 * shutdown.
 */
#ifndef ASPIRASI_HTTP_H
#define ASPIRASI_HTTP_H

#include <pthread.h>

#include "config/cfg.h"
#include "db/db.h"
#include "gateway/api.h"
#include "gateway/intake.h"
#include "parsers/intent.h"

struct http_server;

/* What the handlers need; owned by aspirasid.c, outlives the server. */
struct gw {
    const struct cfg *cfg;
    const struct lexicon *lx;
    struct intake *intake;
    struct api *api;         /* the JSON API, /metrics and /healthz */
    struct journal *journal; /* or NULL: journal.dir is "" */
};

/* Starts listening on cfg->listen_host:listen_port.  Returns NULL after
 * logging why. */
struct http_server *http_start(struct gw *gw);

/*
 * Stops accepting connections, waits up to grace seconds for the requests
 * in flight to be answered, then stops the server and frees it.  Returns the
 * number of requests still unanswered when it gave up (0 on a clean drain).
 */
int http_drain(struct http_server *srv, int grace);

#endif
