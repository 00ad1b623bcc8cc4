/*
 * Array literals for the statements that take one array per column
 * ('{"a","b",NULL}'): the intake's batches of messages and of USSD
 * sessions.  Every element but NULL is in double quotes, with '"' and '\\'
 * escaped, so any bytes but NUL go through.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "db/internal.h"

static void
arr_put(struct db_arr *a, const char *s, size_t len)
{
    if (a->len + len + 1 > a->cap) {
        a->cap = a->cap * 2 > a->len + len + 1 ? a->cap * 2 : a->len + len + 1;
        a->buf = xrealloc(a->buf, a->cap);
    }
    memcpy(a->buf + a->len, s, len);
    a->len += len;
    a->buf[a->len] = '\0';
}

/* Starts the next element: "{" before the first, "," before the others. */
static void
arr_next(struct db_arr *a)
{
    arr_put(a, a->n++ == 0 ? "{" : ",", 1);
}

int
db_arr_text(struct db_arr *a, const char *s, size_t len)
{
    size_t i, from = 0;

    arr_next(a);
    if (s == NULL) {
        arr_put(a, "NULL", 4);
        return 0;
    }
    if (memchr(s, '\0', len) != NULL)
        return -1;
    arr_put(a, "\"", 1);
    for (i = 0; i < len; i++) {
        if (s[i] == '"' || s[i] == '\\') {
            arr_put(a, s + from, i - from);
            arr_put(a, "\\", 1);
            from = i;
        }
    }
    arr_put(a, s + from, len - from);
    arr_put(a, "\"", 1);
    return 0;
}

int
db_arr_str(struct db_arr *a, const char *s)
{
    return db_arr_text(a, s, s != NULL ? strlen(s) : 0);
}

void
db_arr_bytea(struct db_arr *a, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    char two[2];

    arr_next(a);
    arr_put(a, "\"\\\\x", 4);
    for (size_t i = 0; i < len; i++) {
        two[0] = hex[(unsigned char)s[i] >> 4];
        two[1] = hex[(unsigned char)s[i] & 0xf];
        arr_put(a, two, 2);
    }
    arr_put(a, "\"", 1);
}

void
db_arr_int(struct db_arr *a, int64_t v, int null)
{
    char num[24];

    arr_next(a);
    if (null) {
        arr_put(a, "NULL", 4);
        return;
    }
    snprintf(num, sizeof(num), "%" PRId64, v);
    arr_put(a, num, strlen(num));
}

void
db_arr_end(struct db_arr *a)
{
    if (a->n == 0)
        arr_put(a, "{", 1);
    arr_put(a, "}", 1);
}

int
db_stmt_keys(struct db_stmt *s, const struct db_query *q, const char *const *keys, size_t n,
             const char *what)
{
    char reason[64];
    int rc = 0;

    s->q = q;
    for (size_t k = 0; k < n; k++)
        rc |= db_arr_str(&s->arr[0], keys[k]);
    db_arr_end(&s->arr[0]);
    if (rc < 0) {
        snprintf(reason, sizeof(reason), "NUL byte in %s", what);
        db_log_error(q->name, reason);
        return -1;
    }
    s->v[0] = s->arr[0].buf;
    s->values = s->v;
    return 0;
}

PGresult *
db_exec_keys(struct db *db, const struct db_query *q, const char *const *keys, size_t n,
             const char *what)
{
    struct db_stmt s = {0};
    PGresult *res = NULL;

    if (db_stmt_keys(&s, q, keys, n, what) == 0)
        res = db_exec(db, q, s.values, NULL, NULL);
    db_stmt_free(&s);
    return res;
}
