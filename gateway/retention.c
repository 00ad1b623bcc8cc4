/*
 * The retention thread: once at start, then every hour, blanks the texts of
 * messages older than retention.days (db_retention_chunk()), 1,000 a
 * transaction so that it never holds many rows locked, on a connection of
 * its own opened for the run.  A failure is logged and tried again at the
 * next hour; the database being away delays nothing else.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "gateway/retention.h"

#define RETENTION_CHUNK  1000
#define RETENTION_PERIOD 3600 /* seconds between runs */

struct retention {
    const struct cfg *cfg;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int stopping;
};

int
retention_run(struct db *db, int days, int64_t *blanked)
{
    int64_t n;
    int more = 1;

    *blanked = 0;
    while (more) {
        if (db_retention_chunk(db, days, RETENTION_CHUNK, &n, &more) < 0)
            return -1;
        *blanked += n;
    }
    return 0;
}

static int
retention_stopping(struct retention *r)
{
    int stop;

    pthread_mutex_lock(&r->lock);
    stop = r->stopping;
    pthread_mutex_unlock(&r->lock);
    return stop;
}

static void
retention_once(struct retention *r)
{
    struct db *db = db_connect(r->cfg->database);
    int64_t n, total = 0;
    int more = 1;

    if (db == NULL)
        return; /* logged; the next hour tries again */
    while (more && !retention_stopping(r)) {
        if (db_retention_chunk(db, r->cfg->retention_days, RETENTION_CHUNK, &n, &more) < 0)
            break;
        total += n;
    }
    db_close(db);
    if (total > 0)
        log_info("event=retention blanked=%" PRId64 " days=%d", total, r->cfg->retention_days);
}

static void *
retention_main(void *arg)
{
    struct retention *r = arg;
    struct timespec until;

    for (;;) {
        retention_once(r);
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += RETENTION_PERIOD;
        pthread_mutex_lock(&r->lock);
        while (!r->stopping && pthread_cond_timedwait(&r->wake, &r->lock, &until) != ETIMEDOUT)
            ;
        if (r->stopping) {
            pthread_mutex_unlock(&r->lock);
            return NULL;
        }
        pthread_mutex_unlock(&r->lock);
    }
}

struct retention *
retention_start(const struct cfg *c)
{
    struct retention *r;
    pthread_condattr_t monotonic;

    if (c->retention_days == 0)
        return NULL;
    r = xcalloc(1, sizeof(*r));
    r->cfg = c;
    pthread_mutex_init(&r->lock, NULL);
    pthread_condattr_init(&monotonic);
    pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC);
    pthread_cond_init(&r->wake, &monotonic);
    pthread_condattr_destroy(&monotonic);
    if (pthread_create(&r->thread, NULL, retention_main, r) != 0)
        fatal("event=thread_create_failed what=retention");
    return r;
}

void
retention_stop(struct retention *r)
{
    if (r == NULL)
        return;
    pthread_mutex_lock(&r->lock);
    r->stopping = 1;
    pthread_cond_broadcast(&r->wake);
    pthread_mutex_unlock(&r->lock);
    pthread_join(r->thread, NULL);
    pthread_cond_destroy(&r->wake);
    pthread_mutex_destroy(&r->lock);
    free(r);
}
