/*
 * Fuzz target for gateway/ussd.c: the USSD steps that reach aspirasid.
 * The input is a query string, then, after the first line feed (if any), a
 * form body, and is read three ways:
 *
 *   - as POST /ussd (gw_ussd_parse()): 0, 400 or 403 with a reason; 403
 *     exactly when the last "secret" is missing or wrong, then a 400 naming
 *     the first parameter that held a NUL byte; on 0 the sessionId is 1 to
 *     100 printable characters, the number "+" and digits, serviceCode
 *     UTF-8, the path what the request said (or ""), UTF-8 and at most
 *     USSD_TEXT_MAX bytes, the input the part after its last '*', the steps
 *     its inputs, and the session and Kannel ids exactly "http:<sessionId>"
 *     and "ussd:http:<sessionId>:<steps>", never cut;
 *   - as Kannel's /kannel/mo (gw_mo_parse()), whose meta, when
 *     gw_ussd_meta() finds the USSD TLVs in it, gw_ussd_from_mo() turns
 *     into a session id "smpp:<smsc>:<msisdn>:<hex>" that fits
 *     USSD_SMPP_SESSION_MAX exactly, whatever the smsc and number;
 *   - the whole input (up to a NUL byte) as a meta string: gw_ussd_meta()
 *     keeps at most 8 octets of session info and writes them as hex; the
 *     answer's meta (gw_ussd_reply_meta()) reads back as op 2 or 17 with
 *     the same octets, and, in any smaller buffer, is a NUL-terminated
 *     prefix of itself.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/cfg.h"
#include "gateway/mo.h"
#include "gateway/ussd.h"
#include "parsers/gsm7.h"
#include "parsers/query.h"
#include "tests/fuzz/fuzz.h"

#define SECRET "fuzz-secret-1"

static const char *const ref_names[] = {"sessionId", "serviceCode", "phoneNumber", "text",
                                        "secret"};
#define REF_N (sizeof(ref_names) / sizeof(ref_names[0]))

/* The reference reading of POST /ussd: the last value of each parameter
 * without a NUL byte, and the first parameter whose value held one. */
struct ref {
    char *v[REF_N];
    size_t n[REF_N];
    const char *nul;
};

static int
ref_cb(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen)
{
    struct ref *r = ctx;
    char *dn = malloc(nlen + 1), *dv = malloc(vlen + 1);
    size_t n = query_decode(name, nlen, dn), m = query_decode(value, vlen, dv);

    for (size_t i = 0; i < REF_N; i++) {
        if (n != strlen(ref_names[i]) || memcmp(dn, ref_names[i], n) != 0)
            continue;
        if (memchr(dv, '\0', m) != NULL) {
            if (r->nul == NULL)
                r->nul = ref_names[i];
            break;
        }
        dv[m] = '\0';
        free(r->v[i]);
        r->v[i] = dv;
        r->n[i] = m;
        dv = NULL;
        break;
    }
    free(dv);
    free(dn);
    return 0;
}

static bool
session_id_ok(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || n > USSD_SESSION_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
            return false;
    return true;
}

static void
check_http(const char *q, size_t qlen, const char *body, size_t blen)
{
    static struct cfg c = {.kannel_secret = SECRET};
    struct gw_ussd u;
    struct ref r;
    const char *reason = NULL, *secret, *text;
    char want[USSD_TEXT_MAX + 64];
    int status, steps;

    memset(&r, 0, sizeof(r));
    query_each(q, qlen, ref_cb, &r);
    if (body != NULL)
        query_each(body, blen, ref_cb, &r);
    secret = r.v[4];

    memset(&u, 0, sizeof(u));
    status = gw_ussd_parse(&u, &c, q, qlen, body, blen, &reason);
    FUZZ_CHECK(status == 0 || status == 400 || status == 403);
    if (status != 0)
        FUZZ_CHECK(reason != NULL && reason[0] != '\0' && strlen(reason) < GW_REASON_MAX);
    FUZZ_CHECK((status == 403) == (secret == NULL || strcmp(secret, SECRET) != 0));
    if (status == 403)
        goto done;
    if (r.nul != NULL) {
        FUZZ_CHECK(status == 400 && strcmp(reason, gw_nul_reason(r.nul, want)) == 0);
        goto done;
    }
    if (r.v[0] == NULL || !session_id_ok(r.v[0])) {
        FUZZ_CHECK(status == 400 && strstr(reason, "\"sessionId\"") != NULL);
        goto done;
    }
    if (r.v[3] != NULL && (r.n[3] > USSD_TEXT_MAX || !utf8_valid(r.v[3], r.n[3]))) {
        FUZZ_CHECK(status == 400);
        goto done;
    }
    if (status == 400) {
        FUZZ_CHECK(strncmp(reason, "missing \"", 9) == 0 || strncmp(reason, "bad \"", 5) == 0);
        goto done;
    }

    /* accepted: what is stored is what was said, within its limits */
    FUZZ_CHECK(strcmp(u.session_id, r.v[0]) == 0);
    FUZZ_CHECK(u.msisdn[0] == '+' && strlen(u.msisdn) > 1 && strlen(u.msisdn) < MSISDN_MAX &&
               strspn(u.msisdn + 1, "0123456789") == strlen(u.msisdn + 1));
    FUZZ_CHECK(u.service_code == NULL || utf8_valid(u.service_code, strlen(u.service_code)));
    text = r.v[3] != NULL ? r.v[3] : "";
    FUZZ_CHECK(strcmp(u.text, text) == 0 && strlen(u.text) <= USSD_TEXT_MAX);
    FUZZ_CHECK(utf8_valid(u.text, strlen(u.text)));
    steps = 0;
    if (text[0] != '\0') {
        const char *star = strrchr(u.text, '*');

        steps = 1;
        for (const char *p = text; *p != '\0'; p++)
            steps += *p == '*';
        FUZZ_CHECK(u.input == (star != NULL ? star + 1 : u.text));
    } else {
        FUZZ_CHECK(u.input == u.text);
    }
    FUZZ_CHECK(u.input >= u.text && u.input <= u.text + strlen(u.text));
    FUZZ_CHECK(strchr(u.input, '*') == NULL);
    snprintf(want, sizeof(want), "http:%s", r.v[0]);
    FUZZ_CHECK(strcmp(u.session, want) == 0);
    snprintf(want, sizeof(want), "ussd:http:%s:%d", r.v[0], steps);
    FUZZ_CHECK(strcmp(u.kannel_id, want) == 0);
    FUZZ_CHECK(u.job.kind == INTAKE_USSD && u.job.ussd_steps == steps);
    FUZZ_CHECK(u.job.ussd_session == u.session && u.job.ussd_path == u.text);
    FUZZ_CHECK(u.job.mo.kannel_id == u.kannel_id && u.job.mo.msisdn == u.msisdn);
    FUZZ_CHECK(u.job.mo.text == u.input && u.job.mo.text_len == strlen(u.input));

done:
    gw_ussd_clear(&u);
    FUZZ_CHECK(u.secret == NULL && u.text == NULL && u.session_id == NULL);
    for (size_t i = 0; i < REF_N; i++)
        free(r.v[i]);
}

/* gw_ussd_meta()'s promises on any string, and its answer read back. */
static void
check_meta(const char *meta, unsigned small)
{
    struct gw_ussd_meta m, back;
    char full[128], part[128], hex[17];
    int is_ussd = gw_ussd_meta(meta, &m);

    FUZZ_CHECK(is_ussd == 0 || is_ussd == 1);
    FUZZ_CHECK(m.nraw <= sizeof(m.raw));
    for (size_t i = 0; i < m.nraw; i++)
        snprintf(hex + 2 * i, sizeof(hex) - 2 * i, "%02x", m.raw[i]);
    hex[2 * m.nraw] = '\0';
    FUZZ_CHECK(strcmp(m.session, hex) == 0);
    if (!is_ussd)
        return;
    FUZZ_CHECK(m.op >= 0 && m.op < 10000);
    for (int end = 0; end <= 1; end++) {
        size_t outsz;

        gw_ussd_reply_meta(&m, end, full, sizeof(full));
        FUZZ_CHECK(strlen(full) < sizeof(full) - 1);
        FUZZ_CHECK(gw_ussd_meta(full, &back) == 1);
        FUZZ_CHECK(back.op == (end ? 17 : 2));
        FUZZ_CHECK(back.nraw == m.nraw && memcmp(back.raw, m.raw, m.nraw) == 0);
        FUZZ_CHECK(strcmp(back.session, m.session) == 0);

        outsz = 1 + small % (strlen(full) + 1);
        memset(part, 'X', sizeof(part));
        gw_ussd_reply_meta(&m, end, part, outsz);
        FUZZ_CHECK(memchr(part, '\0', outsz) != NULL);
        FUZZ_CHECK(strncmp(part, full, strlen(part)) == 0);
        FUZZ_CHECK(part[outsz] == 'X');
    }
}

/* A USSD step from Kannel's SMPP: an MO whose meta holds the TLVs. */
static void
check_smpp(const char *q, size_t qlen, const char *body, size_t blen)
{
    static struct cfg c = {.kannel_secret = SECRET};
    struct gw_mo mo;
    struct gw_ussd_meta m;
    const char *reason = NULL;
    char want[512], *session;

    memset(&mo, 0, sizeof(mo));
    if (gw_mo_parse(&mo, &c, q, qlen, body, blen, &reason) != 0 || !gw_ussd_meta(mo.meta, &m)) {
        gw_mo_clear(&mo);
        return;
    }
    check_meta(mo.meta, (unsigned)qlen);
    /* exactly the room ussd.h promises, so that ASan sees any overflow */
    session = malloc(USSD_SMPP_SESSION_MAX);
    if (session == NULL)
        abort();
    gw_ussd_from_mo(&mo, &m, session, USSD_SMPP_SESSION_MAX);
    snprintf(want, sizeof(want), "smpp:%s:%s:%s", mo.smsc != NULL ? mo.smsc : "", mo.msisdn,
             m.session);
    FUZZ_CHECK(strlen(want) < USSD_SMPP_SESSION_MAX && strcmp(session, want) == 0);
    FUZZ_CHECK(mo.job.kind == INTAKE_USSD && mo.job.ussd_session == session);
    FUZZ_CHECK(mo.job.ussd_path == NULL && strcmp(mo.job.ussd_transport, "smpp") == 0);
    FUZZ_CHECK(mo.job.ussd_steps == (m.op == 1 ? 0 : -1));
    free(session);
    gw_mo_clear(&mo);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data, *nl = memchr(data, '\n', size), *body = NULL;
    size_t qlen = size, blen = 0;
    char *meta = malloc(size + 1);

    if (meta == NULL)
        abort();
    if (nl != NULL) {
        qlen = (size_t)(nl - s);
        body = nl + 1;
        blen = size - qlen - 1;
    }
    check_http(s, qlen, body, blen);
    check_smpp(s, qlen, body, blen);
    memcpy(meta, data, size);
    meta[size] = '\0';
    check_meta(meta, size > 0 ? data[0] : 0);
    free(meta);
    return 0;
}
