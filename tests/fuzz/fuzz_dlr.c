/*
 * Fuzz target for gateway/dlr.c: the delivery reports Kannel sends to the
 * dlr-url.  The input is a query string, then, after the first line feed
 * (if any), a form body.
 *
 * Whatever the bytes, gw_dlr_parse() answers 0, 400 or 403 with a reason,
 * and agrees with a reference reading of the same pairs (the last value
 * wins; id, type and secret values holding a NUL byte are ignored): 403
 * exactly when the secret is missing or wrong, 400 when id or type is
 * missing.  A plain decimal id in [1, INT64_MAX] and a type among 1, 2, 4,
 * 8 and 16 are accepted; whatever is accepted has an id of at least 1 and
 * one of those types.  The SMSC's answer is always the first
 * DLR_REPLY_MAX bytes of the last smsc_reply, each byte that is not
 * printable ASCII written as '?', NUL-terminated.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/cfg.h"
#include "gateway/dlr.h"
#include "parsers/query.h"
#include "tests/fuzz/fuzz.h"

#define SECRET "fuzz-secret-1"

struct ref {
    char *id, *type, *secret; /* last values without NUL bytes */
    char reply[DLR_REPLY_MAX + 1];
};

static int
ref_cb(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen)
{
    struct ref *r = ctx;
    char *dn = malloc(nlen + 1), *dv = malloc(vlen + 1), **slot = NULL;
    size_t n = query_decode(name, nlen, dn), m = query_decode(value, vlen, dv), i;

    dn[n] = '\0';
    dv[m] = '\0';
    if (memchr(dn, '\0', n) == NULL) {
        if (strcmp(dn, "smsc_reply") == 0) {
            for (i = 0; i < m && i < DLR_REPLY_MAX; i++)
                r->reply[i] = dv[i] >= 0x20 && dv[i] < 0x7f ? dv[i] : '?';
            r->reply[i] = '\0';
        } else if (strcmp(dn, "id") == 0) {
            slot = &r->id;
        } else if (strcmp(dn, "type") == 0) {
            slot = &r->type;
        } else if (strcmp(dn, "secret") == 0) {
            slot = &r->secret;
        }
    }
    if (slot != NULL && memchr(dv, '\0', m) == NULL) {
        free(*slot);
        *slot = dv;
        dv = NULL;
    }
    free(dv);
    free(dn);
    return 0;
}

/* A plain decimal number (digits only, no sign or space) in [1, max]. */
static bool
plain_number(const char *s, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;

    if (s == NULL || s[0] == '\0')
        return false;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9' || v > (max - (uint64_t)(*s - '0')) / 10)
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return v >= 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct cfg c = {.kannel_secret = SECRET};
    const char *s = (const char *)data, *nl = memchr(data, '\n', size), *body = NULL;
    const char *reason = NULL;
    size_t qlen = size, blen = 0;
    struct gw_dlr d;
    struct ref r;
    uint64_t id, type;
    int status;

    if (nl != NULL) {
        qlen = (size_t)(nl - s);
        body = nl + 1;
        blen = size - qlen - 1;
    }
    memset(&r, 0, sizeof(r));
    query_each(s, qlen, ref_cb, &r);
    if (body != NULL)
        query_each(body, blen, ref_cb, &r);

    memset(&d, 0x5a, sizeof(d));
    status = gw_dlr_parse(&d, &c, s, qlen, body, blen, &reason);
    FUZZ_CHECK(status == 0 || status == 400 || status == 403);
    if (status != 0)
        FUZZ_CHECK(reason != NULL && reason[0] != '\0');

    /* the SMSC's answer, whatever the outcome */
    FUZZ_CHECK(memchr(d.reply, '\0', sizeof(d.reply)) != NULL);
    FUZZ_CHECK(strcmp(d.reply, r.reply) == 0);
    for (const char *p = d.reply; *p != '\0'; p++)
        FUZZ_CHECK(*p >= 0x20 && *p < 0x7f);

    FUZZ_CHECK((status == 403) == (r.secret == NULL || strcmp(r.secret, SECRET) != 0));
    if (status != 403) {
        /* id is checked before type: a missing type is named once id is good */
        if (r.id == NULL || (r.type == NULL && plain_number(r.id, INT64_MAX, &id)))
            FUZZ_CHECK(status == 400 && strncmp(reason, "missing \"", 9) == 0);
        if (r.id == NULL || r.type == NULL)
            FUZZ_CHECK(status == 400);
        if (plain_number(r.id, INT64_MAX, &id) && plain_number(r.type, 16, &type) &&
            (type & (type - 1)) == 0)
            FUZZ_CHECK(status == 0 && d.id == (int64_t)id && d.type == (int)type);
    }
    if (status == 0) {
        FUZZ_CHECK(d.id >= 1);
        FUZZ_CHECK(d.type == 1 || d.type == 2 || d.type == 4 || d.type == 8 || d.type == 16);
        FUZZ_CHECK(r.id != NULL && r.type != NULL);
        FUZZ_CHECK(strtoll(r.id, NULL, 10) == d.id && strtoll(r.type, NULL, 10) == d.type);
    }
    free(r.id);
    free(r.type);
    free(r.secret);
    return 0;
}
