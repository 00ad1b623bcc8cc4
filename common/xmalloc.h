/*
 * Allocation that never returns NULL: running out of memory is fatal (a
 * loud exit that systemd restarts), never an ignored NULL.
 */
#ifndef ASPIRASI_XMALLOC_H
#define ASPIRASI_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
