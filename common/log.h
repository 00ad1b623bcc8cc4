/*
 * Logging to stderr, one line per event, for journald:
 *
 *   level=warn event=mo_rejected reason="bad secret" peer=127.0.0.1
 *
 * Callers write the "event=... key=value" part; log_* adds the level.  A
 * phone number reaches a log only through msisdn_mask(); message text never
 * at info.  The level is tested before anything is formatted.
 */
#ifndef ASPIRASI_LOG_H
#define ASPIRASI_LOG_H

#include <stddef.h>

enum log_level { LOG_LEVEL_DEBUG = 0, LOG_LEVEL_INFO, LOG_LEVEL_WARN, LOG_LEVEL_ERROR };

/* Sets the lowest level written (LOG_LEVEL_INFO at start). */
void log_set_level(enum log_level level);

/* Parses "debug", "info", "warn" or "error"; returns 0 and sets *out, or -1. */
int log_level_parse(const char *name, enum log_level *out);

/* True if a message at level would be written. */
int log_enabled(enum log_level level);

/*
 * Copies s into out (outsz bytes, NUL-terminated) so that it can stand
 * between double quotes in a log line: '"' becomes '\'', control
 * characters and line breaks become spaces.  out may be s.  Returns out.
 */
char *log_quote(const char *s, char *out, size_t outsz);

void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* log_warn appends reason="strerror(errno)"; log_warnx does not. */
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Logs at error level: something was lost or damaged, and an operator
 * must look. */
void log_errorx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Logs at error level and exits 1; fatal appends errno's reason. */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void fatalx(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
