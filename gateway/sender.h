/*
 * The outbox sender: threads that claim outbox rows and hand each to
 * Kannel's sendsms interface (libcurl), at the configured rate, retrying
 * with back-off, and asking Kannel for delivery reports to /kannel/dlr.
 */
#ifndef ASPIRASI_SENDER_H
#define ASPIRASI_SENDER_H

#include "config/cfg.h"

struct sender;

/*
 * Starts c->sendsms_threads sender threads, each with its own database
 * connection, under the name instance (unique to this process: it marks
 * the rows it claims).  Returns NULL after logging why; when
 * c->sendsms_url is "" it logs that nothing will be sent and returns NULL
 * too, which sender_stop() and sender_wake() accept.
 */
struct sender *sender_start(const struct cfg *c, const char *instance);

/* Tells the senders that rows were queued (otherwise they look every
 * SENDER_POLL_MS). */
void sender_wake(struct sender *s);

/* Stops the threads after the row each is sending, gives back the rows
 * claimed and not sent, and frees the sender. */
void sender_stop(struct sender *s);

#endif
