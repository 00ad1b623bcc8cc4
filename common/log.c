#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"

static enum log_level log_min = LOG_LEVEL_INFO;

static const char *const log_names[] = {"debug", "info", "warn", "error"};

void
log_set_level(enum log_level level)
{
    log_min = level;
}

int
log_level_parse(const char *name, enum log_level *out)
{
    for (size_t i = 0; i < sizeof(log_names) / sizeof(log_names[0]); i++) {
        if (strcmp(name, log_names[i]) == 0) {
            *out = (enum log_level)i;
            return 0;
        }
    }
    return -1;
}

int
log_enabled(enum log_level level)
{
    return level >= log_min;
}

char *
log_quote(const char *s, char *out, size_t outsz)
{
    size_t i;

    if (outsz == 0)
        return out;
    for (i = 0; s[i] != '\0' && i + 1 < outsz; i++) {
        unsigned char c = (unsigned char)s[i];

        out[i] = c == '"' ? '\'' : (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
    }
    out[i] = '\0';
    while (i > 0 && out[i - 1] == ' ')
        out[--i] = '\0';
    return out;
}

/* Formats one whole line and writes it with a single call, so lines of
 * concurrent threads never interleave. */
static void __attribute__((format(printf, 3, 0)))
log_vwrite(enum log_level level, int err, const char *fmt, va_list ap)
{
    char line[2048];
    int n, m;

    n = snprintf(line, sizeof(line), "level=%s ", log_names[level]);
    m = vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    if (m < 0)
        return;
    n += m;
    if ((size_t)n >= sizeof(line) - 1)
        n = (int)sizeof(line) - 2;
    if (err != 0) {
        m = snprintf(line + n, sizeof(line) - (size_t)n, " reason=\"%s\"", strerror(err));
        if (m > 0)
            n += m;
        if ((size_t)n >= sizeof(line) - 1)
            n = (int)sizeof(line) - 2;
    }
    line[n++] = '\n';
    fwrite(line, 1, (size_t)n, stderr);
}

#define LOG_BODY(level, err)                                                                       \
    do {                                                                                           \
        va_list ap;                                                                                \
        if (!log_enabled(level))                                                                   \
            return;                                                                                \
        va_start(ap, fmt);                                                                         \
        log_vwrite(level, err, fmt, ap);                                                           \
        va_end(ap);                                                                                \
    } while (0)

void
log_debug(const char *fmt, ...)
{
    LOG_BODY(LOG_LEVEL_DEBUG, 0);
}

void
log_info(const char *fmt, ...)
{
    LOG_BODY(LOG_LEVEL_INFO, 0);
}

void
log_warn(const char *fmt, ...)
{
    int saved = errno;

    LOG_BODY(LOG_LEVEL_WARN, saved);
}

void
log_warnx(const char *fmt, ...)
{
    LOG_BODY(LOG_LEVEL_WARN, 0);
}

void
log_errorx(const char *fmt, ...)
{
    LOG_BODY(LOG_LEVEL_ERROR, 0);
}

void
fatal(const char *fmt, ...)
{
    int saved = errno;
    va_list ap;

    va_start(ap, fmt);
    log_vwrite(LOG_LEVEL_ERROR, saved, fmt, ap);
    va_end(ap);
    exit(1);
}

void
fatalx(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_vwrite(LOG_LEVEL_ERROR, 0, fmt, ap);
    va_end(ap);
    exit(1);
}
