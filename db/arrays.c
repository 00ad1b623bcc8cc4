/*
 * Array parameters in PostgreSQL's binary format, for the statements that
 * take one array per column (the intake's batches of messages and of USSD
 * sessions) and the lookups of a list of keys.  The server reads each
 * element as it is.  In the text form ('{"a","b",NULL}') every element was
 * quoted and escaped here, a bytea written out in hex, and all of it
 * parsed again by the server's array_in(): a twentieth of PostgreSQL's
 * time for a batch of incoming SMS (perf, bench/run).
 *
 * The format, as array_recv() reads it: the number of dimensions (1, or 0
 * for an empty array), 1 when an element is NULL (else 0), the OID of the
 * element type; for the one dimension its length and lower bound (1); then
 * each element as its length in bytes (-1 for NULL, and nothing follows)
 * and its bytes in the type's binary form: text and bytea as they are,
 * integers of 2, 4 or 8 bytes, a bool as one byte.  Every integer is
 * big-endian.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "db/internal.h"

/* The header: ndim, flags, element type, and the dimension's length and
 * lower bound; an empty array ends after the element type. */
#define ARR_HEAD       20
#define ARR_HEAD_EMPTY 12
#define ARR_FLAGS_AT   4
#define ARR_DIM_AT     12

static void
arr_reserve(struct db_arr *a, size_t more)
{
    if (a->len + more > a->cap) {
        a->cap = a->cap * 2 > a->len + more ? a->cap * 2 : a->len + more;
        a->buf = xrealloc(a->buf, a->cap);
    }
}

static void
arr_put(struct db_arr *a, const char *s, size_t len)
{
    arr_reserve(a, len);
    memcpy(a->buf + a->len, s, len);
    a->len += len;
}

/* Writes v big-endian in the bytes bytes at p. */
static void
be_write(char *p, uint64_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--) {
        p[i] = (char)(v & 0xff);
        v >>= 8;
    }
}

static void
arr_put_be(struct db_arr *a, uint64_t v, int bytes)
{
    arr_reserve(a, (size_t)bytes);
    be_write(a->buf + a->len, v, bytes);
    a->len += (size_t)bytes;
}

void
db_arr_start(struct db_arr *a, enum db_elem type)
{
    a->len = 0;
    a->n = 0;
    a->nulls = 0;
    a->type = type;
    arr_put_be(a, 1, 4);
    arr_put_be(a, 0, 4);
    arr_put_be(a, type, 4);
    arr_put_be(a, 0, 4);
    arr_put_be(a, 1, 4);
}

/* Starts the next element: its length, or -1 for NULL. */
static void
arr_next(struct db_arr *a, int32_t len)
{
    a->n++;
    if (len < 0)
        a->nulls = 1;
    arr_put_be(a, (uint32_t)len, 4);
}

/* Appends an element of len bytes as they are. */
static int
arr_bytes(struct db_arr *a, const char *s, size_t len)
{
    if (len > INT32_MAX)
        return -1;
    arr_next(a, (int32_t)len);
    arr_put(a, s, len);
    return 0;
}

int
db_arr_text(struct db_arr *a, const char *s, size_t len)
{
    if (s == NULL) {
        arr_next(a, -1);
        return 0;
    }
    if (memchr(s, '\0', len) != NULL)
        return -1;
    return arr_bytes(a, s, len);
}

int
db_arr_str(struct db_arr *a, const char *s)
{
    return db_arr_text(a, s, s != NULL ? strlen(s) : 0);
}

int
db_arr_bytea(struct db_arr *a, const char *s, size_t len)
{
    return arr_bytes(a, s, len);
}

void
db_arr_int(struct db_arr *a, int64_t v, int null)
{
    int bytes = a->type == DB_INT2 ? 2 : a->type == DB_INT4 ? 4 : 8;

    if (null) {
        arr_next(a, -1);
        return;
    }
    arr_next(a, bytes);
    arr_put_be(a, (uint64_t)v, bytes);
}

void
db_arr_bool(struct db_arr *a, int v)
{
    arr_next(a, 1);
    arr_put_be(a, v != 0, 1);
}

void
db_arr_end(struct db_arr *a)
{
    /* Never started: an array of no element whose type (0, from {0}) the
     * server refuses, with a message that names the parameter. */
    if (a->len < ARR_HEAD)
        db_arr_start(a, (enum db_elem)a->type);
    if (a->n == 0) {
        be_write(a->buf, 0, 4);
        a->len = ARR_HEAD_EMPTY;
        return;
    }
    be_write(a->buf + ARR_FLAGS_AT, (uint64_t)a->nulls, 4);
    be_write(a->buf + ARR_DIM_AT, (uint64_t)a->n, 4);
}

void
db_arr_param(const struct db_arr *a, int i, const char **values, int *lengths, int *formats)
{
    values[i] = a->buf;
    lengths[i] = (int)a->len;
    formats[i] = 1;
}

void
db_stmt_arr(struct db_stmt *s, int i, const struct db_arr *a)
{
    s->values = s->v;
    s->lengths = s->l;
    s->formats = s->f;
    db_arr_param(a, i, s->v, s->l, s->f);
}

int
db_stmt_keys(struct db_stmt *s, const struct db_query *q, const char *const *keys, size_t n,
             const char *what)
{
    char reason[64];
    int rc = 0;

    s->q = q;
    db_arr_start(&s->arr[0], DB_TEXT);
    for (size_t k = 0; k < n; k++)
        rc |= db_arr_str(&s->arr[0], keys[k]);
    db_arr_end(&s->arr[0]);
    if (rc < 0) {
        snprintf(reason, sizeof(reason), "NUL byte in %s", what);
        db_log_error(q->name, reason);
        return -1;
    }
    db_stmt_arr(s, 0, &s->arr[0]);
    return 0;
}

PGresult *
db_exec_keys(struct db *db, const struct db_query *q, const char *const *keys, size_t n,
             const char *what)
{
    struct db_stmt s = {0};
    PGresult *res = NULL;

    if (db_stmt_keys(&s, q, keys, n, what) == 0)
        res = db_exec(db, q, s.values, s.lengths, s.formats);
    db_stmt_free(&s);
    return res;
}
