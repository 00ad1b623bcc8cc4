/*
 * Fuzz target for parsers/query.c.  query_decode() is compared with a
 * reference decoder and with itself in place; query_each() must hand out
 * pairs that lie inside the input, in order, without separators in them,
 * and must stop exactly when told; query_name_is() must recognise every
 * name by its own decoding and nothing else.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/query.h"
#include "tests/fuzz/fuzz.h"

static int
reference_hex(uint8_t c)
{
    static const char digits[] = "0123456789abcdef0123456789ABCDEF";
    const char *p = c != 0 ? strchr(digits, c) : NULL;

    return p == NULL ? -1 : (int)((p - digits) % 16);
}

static size_t
reference_decode(const uint8_t *in, size_t len, uint8_t *out)
{
    size_t i, o = 0;

    for (i = 0; i < len; i++) {
        if (in[i] == '+')
            out[o++] = ' ';
        else if (in[i] == '%' && i + 2 < len && reference_hex(in[i + 1]) >= 0 &&
                 reference_hex(in[i + 2]) >= 0) {
            out[o++] = (uint8_t)(reference_hex(in[i + 1]) * 16 + reference_hex(in[i + 2]));
            i += 2;
        } else
            out[o++] = in[i];
    }
    return o;
}

struct walk {
    const char *base; /* the input */
    size_t size;
    const char *last; /* where the previous pair ended */
    int calls;
    int stop_at;   /* 1-based call that returns 42; 0 never */
    char *scratch; /* size + 1 bytes */
};

static void
check_name(struct walk *w, const char *name, size_t nlen)
{
    size_t m = query_decode(name, nlen, w->scratch);

    w->scratch[m] = '\0';
    if (memchr(w->scratch, '\0', m) != NULL) {
        /* A name decoding to a NUL byte equals no C string. */
        FUZZ_CHECK(query_name_is(name, nlen, w->scratch) == 0);
        return;
    }
    FUZZ_CHECK(query_name_is(name, nlen, w->scratch) == 1);
    if (m > 0) {
        w->scratch[m - 1] ^= 0x20;
        if (w->scratch[m - 1] != '\0')
            FUZZ_CHECK(query_name_is(name, nlen, w->scratch) == 0);
        w->scratch[m - 1] = '\0'; /* one shorter */
        FUZZ_CHECK(query_name_is(name, nlen, w->scratch) == 0);
    }
}

static int
visit(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen)
{
    struct walk *w = ctx;
    const char *end = w->base + w->size;

    w->calls++;
    FUZZ_CHECK(name >= w->last && name + nlen <= end);
    FUZZ_CHECK(memchr(name, '&', nlen) == NULL && memchr(name, '=', nlen) == NULL);
    FUZZ_CHECK(value != NULL && memchr(value, '&', vlen) == NULL);
    if ((uintptr_t)value >= (uintptr_t)w->base && (uintptr_t)value <= (uintptr_t)end) {
        /* "name=value": the '=' sits between them */
        FUZZ_CHECK(value == name + nlen + 1 && name[nlen] == '=' && value + vlen <= end);
        w->last = value + vlen;
    } else {
        /* no '=': the name is the whole pair, and not empty */
        FUZZ_CHECK(vlen == 0 && nlen > 0);
        w->last = name + nlen;
    }
    FUZZ_CHECK(w->last == end || *w->last == '&');
    check_name(w, name, nlen);
    return w->calls == w->stop_at ? 42 : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    uint8_t *ref = malloc(size + 1);
    char *out = malloc(size + 1), *copy = malloc(size + 1), *scratch = malloc(size + 1);
    struct walk w;
    size_t n, m;
    int all, rc;

    if (ref == NULL || out == NULL || copy == NULL || scratch == NULL)
        abort();

    n = query_decode(s, size, out);
    FUZZ_CHECK(n <= size);
    m = reference_decode(data, size, ref);
    FUZZ_CHECK(m == n && memcmp(ref, out, n) == 0);
    memcpy(copy, s, size);
    m = query_decode(copy, size, copy);
    FUZZ_CHECK(m == n && memcmp(copy, out, n) == 0);

    memset(&w, 0, sizeof(w));
    w.base = s;
    w.size = size;
    w.last = s;
    w.scratch = scratch;
    FUZZ_CHECK(query_each(s, size, visit, &w) == 0);
    all = w.calls;

    /* Stop at some call: its value comes back, and no call follows. */
    w.last = s;
    w.calls = 0;
    w.stop_at = size > 0 ? data[0] % (all + 2) : 1;
    rc = query_each(s, size, visit, &w);
    if (w.stop_at >= 1 && w.stop_at <= all) {
        FUZZ_CHECK(rc == 42 && w.calls == w.stop_at);
    } else {
        FUZZ_CHECK(rc == 0 && w.calls == all);
    }

    free(scratch);
    free(copy);
    free(out);
    free(ref);
    return 0;
}
