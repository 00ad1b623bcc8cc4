/*
 * Fuzz target for gateway/mo.c: Kannel's MO request, as gw_mo_parse() reads
 * it.  The input is a query string, then, after the first line feed (if
 * any), a form body; with no line feed there is no body.
 *
 * Whatever the bytes, gw_mo_parse() answers 0, 400 or 403, and the answer
 * agrees with a reference reading of the same pairs (the body's values
 * winning): 403 exactly when the last "secret" is missing or wrong, then a
 * 400 naming the first parameter that held a NUL byte.  A 400 or 403
 * carries a short reason.  On 0, every stored value is what the request
 * said, is UTF-8 without NUL bytes within its limit (id 128 bytes, smsc
 * 64), the number is normalised, sent_at lies in [0, MO_TS_MAX], coding is
 * -1, 0, 1 or 2, and the text is UTF-8 without NUL bytes: the raw bytes
 * themselves when they are UTF-8 without NUL and no other charset is
 * named.  gw_mo_prepare() then finds an argument inside the text.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/cfg.h"
#include "gateway/mo.h"
#include "parsers/gsm7.h"
#include "parsers/intent.h"
#include "parsers/query.h"
#include "tests/fuzz/fuzz.h"

#define SECRET "fuzz-secret-1"

/* The last value of one parameter, decoded, as the request gives it. */
struct ref_value {
    bool seen;
    char *v; /* NUL-terminated copy */
    size_t n;
};

/* The reference reading: the parameters gw_mo_parse() keeps, in the order
 * of mo_params[] in mo.c, and text. */
static const char *const ref_names[] = {"id",     "from",    "to",   "smsc",  "ts",
                                        "coding", "charset", "meta", "secret"};
#define REF_N   (sizeof(ref_names) / sizeof(ref_names[0]))
#define REF_TXT REF_N

struct ref {
    struct ref_value val[REF_N + 1];
    const char *nul; /* first parameter (not text) whose value held a NUL */
};

static void
ref_set(struct ref_value *rv, const char *v, size_t n)
{
    free(rv->v);
    rv->v = malloc(n + 1);
    if (rv->v == NULL)
        abort();
    memcpy(rv->v, v, n);
    rv->v[n] = '\0';
    rv->n = n;
    rv->seen = true;
}

static int
ref_cb(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen)
{
    struct ref *r = ctx;
    char *dn = malloc(nlen + 1), *dv = malloc(vlen + 1);
    size_t n, m;

    if (dn == NULL || dv == NULL)
        abort();
    n = query_decode(name, nlen, dn);
    m = query_decode(value, vlen, dv);
    if (n == 4 && memcmp(dn, "text", 4) == 0) {
        ref_set(&r->val[REF_TXT], dv, m);
    } else {
        for (size_t i = 0; i < REF_N; i++) {
            if (n != strlen(ref_names[i]) || memcmp(dn, ref_names[i], n) != 0)
                continue;
            if (memchr(dv, '\0', m) == NULL)
                ref_set(&r->val[i], dv, m);
            else if (r->nul == NULL)
                r->nul = ref_names[i];
            break;
        }
    }
    free(dv);
    free(dn);
    return 0;
}

static const struct ref_value *
ref_get(const struct ref *r, const char *name)
{
    for (size_t i = 0; i < REF_N; i++)
        if (strcmp(ref_names[i], name) == 0)
            return &r->val[i];
    abort();
}

/* A stored value: the reference's, UTF-8, within max bytes (0: any). */
static void
check_column(const struct ref *r, const char *name, const char *v, size_t max)
{
    const struct ref_value *rv = ref_get(r, name);

    if (v == NULL) {
        FUZZ_CHECK(!rv->seen);
        return;
    }
    FUZZ_CHECK(rv->seen && strcmp(v, rv->v) == 0 && strlen(v) == rv->n);
    FUZZ_CHECK(utf8_valid(v, strlen(v)));
    FUZZ_CHECK(max == 0 || strlen(v) <= max);
}

static bool
charset_is_utf8(const char *cs)
{
    return cs == NULL || cs[0] == '\0' || strcasecmp(cs, "UTF-8") == 0 ||
           strcasecmp(cs, "UTF8") == 0;
}

static void
check_accepted(struct gw_mo *mo, const struct ref *r)
{
    const struct ref_value *raw = &r->val[REF_TXT];
    const struct db_mo *j = &mo->job.mo;

    check_column(r, "id", mo->id, MO_ID_MAX);
    FUZZ_CHECK(mo->id[0] != '\0');
    check_column(r, "to", mo->to, 0);
    check_column(r, "smsc", mo->smsc, MO_SMSC_MAX);
    check_column(r, "charset", mo->charset, 0);
    check_column(r, "meta", mo->meta, 0);
    FUZZ_CHECK(mo->from != NULL && mo->from[0] != '\0');
    FUZZ_CHECK(strnlen(mo->msisdn, MSISDN_MAX) < MSISDN_MAX && mo->msisdn[0] != '\0');

    /* the raw text: exactly the last "text" decoded */
    FUZZ_CHECK(mo->have_text && raw->seen);
    FUZZ_CHECK(mo->raw_len == raw->n && memcmp(mo->raw, raw->v, raw->n) == 0);
    FUZZ_CHECK(mo->text != NULL && strlen(mo->text) == mo->text_len);
    FUZZ_CHECK(utf8_valid(mo->text, mo->text_len));
    if (charset_is_utf8(mo->charset) && j->coding != 2 && utf8_valid(raw->v, raw->n) &&
        memchr(raw->v, '\0', raw->n) == NULL)
        FUZZ_CHECK(mo->text_len == raw->n && memcmp(mo->text, raw->v, raw->n) == 0);

    /* the job: the request's own strings, numbers in range */
    FUZZ_CHECK(j->kannel_id == mo->id && j->msisdn == mo->msisdn);
    FUZZ_CHECK(j->text == mo->text && j->text_len == mo->text_len);
    FUZZ_CHECK(j->raw == mo->raw && j->raw_len == mo->raw_len);
    FUZZ_CHECK(j->short_code != NULL && j->smsc != NULL && j->charset != NULL && j->meta != NULL);
    FUZZ_CHECK(j->sent_at >= 0 && j->sent_at <= MO_TS_MAX);
    FUZZ_CHECK(j->coding >= -1 && j->coding <= 2);
    FUZZ_CHECK((j->coding == -1) == (mo->coding == NULL || mo->coding[0] == '\0'));
    if (mo->ts == NULL || mo->ts[0] == '\0')
        FUZZ_CHECK(j->sent_at == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct lexicon *lx;
    static struct cfg c = {.kannel_secret = SECRET};
    const char *s = (const char *)data, *nl = memchr(data, '\n', size), *body = NULL;
    const char *reason = NULL;
    size_t qlen = size, blen = 0;
    struct gw_mo mo;
    struct ref r;
    const struct ref_value *secret;
    int status;

    if (lx == NULL && (lx = lexicon_new(lexicon_default(), NULL, 0)) == NULL)
        abort();
    if (nl != NULL) {
        qlen = (size_t)(nl - s);
        body = nl + 1;
        blen = size - qlen - 1;
    }

    memset(&r, 0, sizeof(r));
    query_each(s, qlen, ref_cb, &r);
    if (body != NULL)
        query_each(body, blen, ref_cb, &r);

    memset(&mo, 0, sizeof(mo));
    status = gw_mo_parse(&mo, &c, s, qlen, body, blen, &reason);
    FUZZ_CHECK(status == 0 || status == 400 || status == 403);
    if (status != 0)
        FUZZ_CHECK(reason != NULL && reason[0] != '\0' && strlen(reason) < GW_REASON_MAX);

    secret = ref_get(&r, "secret");
    FUZZ_CHECK((status == 403) == (!secret->seen || strcmp(secret->v, SECRET) != 0));
    if (status == 403) {
        FUZZ_CHECK(strcmp(reason, secret->seen ? "wrong \"secret\"" : "missing \"secret\"") == 0);
    } else if (r.nul != NULL) {
        char want[GW_REASON_MAX];

        FUZZ_CHECK(status == 400);
        FUZZ_CHECK(strcmp(reason, gw_nul_reason(r.nul, want)) == 0);
    } else if (status == 400) {
        FUZZ_CHECK(strncmp(reason, "missing \"", 9) == 0 || strncmp(reason, "bad \"", 5) == 0);
    } else {
        check_accepted(&mo, &r);
        gw_mo_prepare(&mo, lx);
        FUZZ_CHECK(mo.job.arg.off + mo.job.arg.len <= mo.text_len);
        if (mo.job.arg.len > 0)
            FUZZ_CHECK(mo.job.body != NULL && strlen(mo.job.body) == mo.job.arg.len &&
                       memcmp(mo.job.body, mo.text + mo.job.arg.off, mo.job.arg.len) == 0);
        else
            FUZZ_CHECK(mo.job.body == NULL);
    }

    gw_mo_clear(&mo);
    FUZZ_CHECK(mo.raw == NULL && mo.text == NULL && mo.id == NULL && mo.secret == NULL);
    for (size_t i = 0; i <= REF_N; i++)
        free(r.val[i].v);
    return 0;
}
