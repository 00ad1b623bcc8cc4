/*
 * Retention: messages older than retention.days lose their text (their
 * rows stay, for every count).  aspirasid does it every hour on a thread
 * of its own; "aspirasictl retention" does it at once.
 */
#ifndef ASPIRASI_RETENTION_H
#define ASPIRASI_RETENTION_H

#include <stdint.h>

#include "config/cfg.h"
#include "db/db.h"

/* Blanks every message older than days, a chunk at a time, each chunk its
 * own transaction.  Sets *blanked.  Returns 0 or -1. */
int retention_run(struct db *db, int days, int64_t *blanked);

struct retention;

/* Starts the hourly thread (first run at once) when c->retention_days is
 * not 0; returns NULL otherwise, which retention_stop() accepts. */
struct retention *retention_start(const struct cfg *c);

/* Stops the thread after the chunk it is running, and frees it. */
void retention_stop(struct retention *r);

#endif
