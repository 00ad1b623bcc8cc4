/*
 * USSD requests: the aggregators' form parameters and Kannel's SMPP TLVs,
 * read into intake jobs.  See ussd.h.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "gateway/ussd.h"
#include "parsers/query.h"

struct ussd_param {
    const char *name;
    size_t offset; /* of the char * in struct gw_ussd */
};

static const struct ussd_param ussd_params[] = {
    {"sessionId", offsetof(struct gw_ussd, session_id)},
    {"serviceCode", offsetof(struct gw_ussd, service_code)},
    {"phoneNumber", offsetof(struct gw_ussd, phone)},
    {"text", offsetof(struct gw_ussd, text)},
    {"secret", offsetof(struct gw_ussd, secret)},
};

struct parse_ctx {
    struct gw_ussd *u;
    const char *nul; /* the first parameter whose value held a NUL byte */
};

static int
ussd_param_cb(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen)
{
    struct parse_ctx *pc = ctx;

    for (size_t i = 0; i < sizeof(ussd_params) / sizeof(ussd_params[0]); i++) {
        char **slot = (char **)((char *)pc->u + ussd_params[i].offset);

        if (!query_name_is(name, nlen, ussd_params[i].name))
            continue;
        /* Refused once the secret is known to be right (gw_ussd_parse()). */
        if (gw_param_take(slot, value, vlen) < 0 && pc->nul == NULL)
            pc->nul = ussd_params[i].name;
        return 0;
    }
    return 0;
}

/* A session id: printable ASCII without spaces, 1 to USSD_SESSION_MAX. */
static int
session_ok(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || n > USSD_SESSION_MAX)
        return 0;
    for (; *s != '\0'; s++)
        if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f)
            return 0;
    return 1;
}

int
gw_ussd_parse(struct gw_ussd *u, const struct cfg *c, const char *query, size_t qlen,
              const char *body, size_t blen, const char **reason)
{
    struct parse_ctx pc = {u, NULL};
    struct intake_job *job = &u->job;
    int steps = 0;

    query_each(query, qlen, ussd_param_cb, &pc);
    if (body != NULL)
        query_each(body, blen, ussd_param_cb, &pc);
    if (u->secret == NULL || !gw_secret_equal(u->secret, c->kannel_secret)) {
        *reason = u->secret == NULL ? "missing \"secret\"" : "wrong \"secret\"";
        return 403;
    }
    if (pc.nul != NULL) {
        *reason = gw_nul_reason(pc.nul, u->reason);
        return 400;
    }
    if (u->session_id == NULL || !session_ok(u->session_id)) {
        *reason = u->session_id == NULL ? "missing \"sessionId\""
                                        : "bad \"sessionId\": 1 to 100 printable characters";
        return 400;
    }
    if (u->phone == NULL || msisdn_normalize(u->phone, strlen(u->phone), u->msisdn) != NULL ||
        u->msisdn[0] != '+' || strspn(u->msisdn + 1, "0123456789") != strlen(u->msisdn + 1)) {
        *reason = u->phone == NULL ? "missing \"phoneNumber\"" : "bad \"phoneNumber\"";
        return 400;
    }
    if (u->service_code != NULL &&
        (*reason = gw_text_check("serviceCode", u->service_code, 0, u->reason)) != NULL)
        return 400;
    if (u->text == NULL)
        u->text = xstrdup(""); /* a new session may come without it */
    if ((*reason = gw_text_check("text", u->text, USSD_TEXT_MAX, u->reason)) != NULL)
        return 400;
    if (u->text[0] != '\0') {
        const char *last = strrchr(u->text, '*');

        steps = 1;
        for (const char *p = u->text; *p != '\0'; p++)
            steps += *p == '*';
        u->input = last != NULL ? last + 1 : u->text;
    } else {
        u->input = u->text;
    }
    snprintf(u->session, sizeof(u->session), "http:%s", u->session_id);
    snprintf(u->kannel_id, sizeof(u->kannel_id), "ussd:http:%s:%d", u->session_id, steps);

    memset(job, 0, sizeof(*job));
    job->kind = INTAKE_USSD;
    job->ussd_session = u->session;
    job->ussd_transport = "http";
    job->ussd_path = u->text;
    job->ussd_steps = steps;
    job->mo.kannel_id = u->kannel_id;
    job->mo.msisdn = u->msisdn;
    job->mo.short_code = u->service_code != NULL ? u->service_code : "";
    job->mo.smsc = "";
    job->mo.text = u->input;
    job->mo.text_len = strlen(u->input);
    job->mo.raw = u->input;
    job->mo.raw_len = strlen(u->input);
    job->mo.coding = -1;
    job->mo.charset = "";
    job->mo.meta = "";
    job->mo.channel = "ussd";
    return 0;
}

void
gw_ussd_clear(struct gw_ussd *u)
{
    for (size_t i = 0; i < sizeof(ussd_params) / sizeof(ussd_params[0]); i++) {
        char **slot = (char **)((char *)u + ussd_params[i].offset);

        if (*slot != NULL && ussd_params[i].offset == offsetof(struct gw_ussd, secret))
            explicit_bzero(*slot, strlen(*slot));
        free(*slot);
        *slot = NULL;
    }
}

struct meta_ctx {
    struct gw_ussd_meta *m;
    int have_op;
};

static int
meta_cb(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen)
{
    struct meta_ctx *mc = ctx;
    unsigned char v[64];
    size_t n;

    if (vlen > sizeof(v))
        return 0;
    n = query_decode(value, vlen, (char *)v);
    if (query_name_is(name, nlen, "ussd_service_op") && n >= 1) {
        /* Kannel passes the octet as it came; a decimal text is read too. */
        if (n == 1 || v[0] < '0' || v[0] > '9') {
            mc->m->op = v[n - 1];
        } else {
            mc->m->op = 0;
            for (size_t i = 0; i < n && v[i] >= '0' && v[i] <= '9' && mc->m->op < 1000; i++)
                mc->m->op = mc->m->op * 10 + (v[i] - '0');
        }
        mc->have_op = 1;
    } else if (query_name_is(name, nlen, "its_session_info") && n >= 1 && n <= sizeof(mc->m->raw)) {
        memcpy(mc->m->raw, v, n);
        mc->m->nraw = n;
        for (size_t i = 0; i < n; i++)
            snprintf(mc->m->session + 2 * i, sizeof(mc->m->session) - 2 * i, "%02x", v[i]);
    }
    return 0;
}

int
gw_ussd_meta(const char *meta, struct gw_ussd_meta *m)
{
    struct meta_ctx mc = {m, 0};
    const char *p;

    memset(m, 0, sizeof(*m));
    if (meta == NULL || (p = strstr(meta, "?smpp?")) == NULL)
        return 0;
    p += 6;
    query_each(p, strcspn(p, "?"), meta_cb, &mc);
    return mc.have_op;
}

void
gw_ussd_from_mo(struct gw_mo *mo, const struct gw_ussd_meta *m, char *session, size_t sessionsz)
{
    struct intake_job *job = &mo->job;
    int n;

    /* Never cut: a cut id would mix citizens' sessions, or end inside a
     * UTF-8 character of the smsc-id. */
    n = snprintf(session, sessionsz, "smpp:%s:%s:%s", mo->smsc != NULL ? mo->smsc : "", mo->msisdn,
                 m->session);
    assert(n > 0 && (size_t)n < sessionsz);
    job->kind = INTAKE_USSD;
    job->ussd_session = session;
    job->ussd_transport = "smpp";
    job->ussd_path = NULL;
    /* 1 (PSSR indication): the phone dialled and opens the session. */
    job->ussd_steps = m->op == 1 ? 0 : -1;
    job->mo.channel = "ussd";
}

void
gw_ussd_reply_meta(const struct gw_ussd_meta *m, int end, char *out, size_t outsz)
{
    size_t n = (size_t)snprintf(out, outsz, "?smpp?ussd_service_op=%02d", end ? 17 : 2);

    if (m->nraw > 0 && n < outsz)
        n += (size_t)snprintf(out + n, outsz - n, "&its_session_info=");
    for (size_t i = 0; i < m->nraw && n + 3 < outsz; i++)
        n += (size_t)snprintf(out + n, outsz - n, "%%%02X", m->raw[i]);
}
