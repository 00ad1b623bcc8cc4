/*
 * Delivery reports.  Kannel fills %d with one type per call: 1 delivered,
 * 2 undeliverable, 4 buffered at the SMSC, 8 accepted by the SMSC, 16
 * rejected by the SMSC; anything else is refused, so a mistyped dlr-url
 * shows up as 400s in Kannel's log rather than as silently wrong rows.
 */
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "gateway/dlr.h"
#include "gateway/mo.h"
#include "parsers/query.h"

struct dlr_ctx {
    char *id, *type, *secret;
    struct gw_dlr *d;
};

/* Keeps the parameters a report uses; the SMSC's answer is kept printable. */
static int
dlr_param_cb(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen)
{
    struct dlr_ctx *dc = ctx;
    char **slot = NULL, *v = xmalloc(vlen + 1);
    size_t n = query_decode(value, vlen, v), i, j;

    v[n] = '\0';
    if (query_name_is(name, nlen, "smsc_reply")) {
        for (i = j = 0; i < n && j < DLR_REPLY_MAX; i++)
            dc->d->reply[j++] = v[i] >= 0x20 && v[i] < 0x7f ? v[i] : '?';
        dc->d->reply[j] = '\0';
        free(v);
        return 0;
    }
    if (query_name_is(name, nlen, "id"))
        slot = &dc->id;
    else if (query_name_is(name, nlen, "type"))
        slot = &dc->type;
    else if (query_name_is(name, nlen, "secret"))
        slot = &dc->secret;
    if (slot == NULL || memchr(v, '\0', n) != NULL) {
        free(v);
        return 0; /* unused parameters, and NUL bytes in them, are ignored */
    }
    free(*slot);
    *slot = v;
    return 0;
}

static int
dlr_check(struct dlr_ctx *dc, const struct cfg *c, const char **reason)
{
    long long v;

    if (dc->secret == NULL || !gw_secret_equal(dc->secret, c->kannel_secret)) {
        *reason = dc->secret == NULL ? "missing \"secret\"" : "wrong \"secret\"";
        return 403;
    }
    if (dc->id == NULL) {
        *reason = "missing \"id\"";
        return 400;
    }
    if (gw_number(dc->id, 1, INT64_MAX, &v) < 0) {
        *reason = "bad \"id\": not an outbox id";
        return 400;
    }
    dc->d->id = v;
    if (dc->type == NULL) {
        *reason = "missing \"type\"";
        return 400;
    }
    if (gw_number(dc->type, 1, 16, &v) < 0 || (v & (v - 1)) != 0) {
        *reason = "bad \"type\": not one of 1, 2, 4, 8, 16";
        return 400;
    }
    dc->d->type = (int)v;
    return 0;
}

int
gw_dlr_parse(struct gw_dlr *d, const struct cfg *c, const char *query, size_t qlen,
             const char *body, size_t blen, const char **reason)
{
    struct dlr_ctx dc = {.d = d};
    int rc;

    memset(d, 0, sizeof(*d));
    query_each(query, qlen, dlr_param_cb, &dc);
    if (body != NULL)
        query_each(body, blen, dlr_param_cb, &dc);
    rc = dlr_check(&dc, c, reason);
    free(dc.id);
    free(dc.type);
    if (dc.secret != NULL)
        explicit_bzero(dc.secret, strlen(dc.secret));
    free(dc.secret);
    return rc;
}
