/*
 * /kannel/mo parameters: decoding, validation, charset conversion and
 * classification.  Nothing here touches the database.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "gateway/mo.h"
#include "parsers/gsm7.h"
#include "parsers/query.h"

struct mo_param {
    const char *name;
    size_t offset; /* of the char * in struct gw_mo */
    int column;    /* stored as it is in a text column: checked by gw_text_check() */
    size_t max;    /* bytes, 0 when the request's ceiling is the only one */
};

/* from is stored as msisdn_normalize() writes it, ts and coding as numbers,
 * the secret not at all. */
static const struct mo_param mo_params[] = {
    {"id", offsetof(struct gw_mo, id), 1, MO_ID_MAX},
    {"from", offsetof(struct gw_mo, from), 0, 0},
    {"to", offsetof(struct gw_mo, to), 1, 0},
    {"smsc", offsetof(struct gw_mo, smsc), 1, MO_SMSC_MAX},
    {"ts", offsetof(struct gw_mo, ts), 0, 0},
    {"coding", offsetof(struct gw_mo, coding), 0, 0},
    {"charset", offsetof(struct gw_mo, charset), 1, 0},
    {"meta", offsetof(struct gw_mo, meta), 1, 0},
    {"secret", offsetof(struct gw_mo, secret), 0, 0},
};

#define MO_STR_(x) #x
#define MO_STR(x)  MO_STR_(x)

#define MO_NPARAMS (sizeof(mo_params) / sizeof(mo_params[0]))

struct parse_ctx {
    struct gw_mo *mo;
    const char *nul; /* the first parameter whose value held a NUL byte */
};

/* Replaces *slot with the decoded value; text keeps its bytes and length. */
static int
mo_param_cb(void *ctx, const char *name, size_t nlen, const char *value, size_t vlen)
{
    struct parse_ctx *pc = ctx;
    struct gw_mo *mo = pc->mo;

    if (query_name_is(name, nlen, "text")) {
        free(mo->raw);
        mo->raw = xmalloc(vlen + 1);
        mo->raw_len = query_decode(value, vlen, mo->raw);
        mo->raw[mo->raw_len] = '\0';
        mo->have_text = 1;
        return 0;
    }
    for (size_t i = 0; i < MO_NPARAMS; i++) {
        char **slot = (char **)((char *)mo + mo_params[i].offset);

        if (!query_name_is(name, nlen, mo_params[i].name))
            continue;
        /* Refused once the secret is known to be right (gw_mo_parse()). */
        if (gw_param_take(slot, value, vlen) < 0 && pc->nul == NULL)
            pc->nul = mo_params[i].name;
        return 0;
    }
    return 0; /* parameters Aspirasi does not use are ignored */
}

int
gw_param_take(char **slot, const char *value, size_t vlen)
{
    char *v = xmalloc(vlen + 1);
    size_t n = query_decode(value, vlen, v);

    v[n] = '\0';
    if (memchr(v, '\0', n) != NULL) {
        free(v);
        return -1;
    }
    free(*slot);
    *slot = v;
    return 0;
}

const char *
gw_text_check(const char *name, const char *value, size_t max, char buf[GW_REASON_MAX])
{
    size_t len = strlen(value);

    if (max > 0 && len > max)
        snprintf(buf, GW_REASON_MAX, "bad \"%s\": longer than %zu bytes", name, max);
    else if (!utf8_valid(value, len))
        snprintf(buf, GW_REASON_MAX, "bad \"%s\": not UTF-8", name);
    else
        return NULL;
    return buf;
}

const char *
gw_nul_reason(const char *name, char buf[GW_REASON_MAX])
{
    snprintf(buf, GW_REASON_MAX, "bad \"%s\": NUL byte", name);
    return buf;
}

int
gw_secret_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), n = la > lb ? la : lb, i;
    unsigned char diff = la != lb;

    for (i = 0; i < n; i++) {
        unsigned char x = i < la ? (unsigned char)a[i] : 0;
        unsigned char y = i < lb ? (unsigned char)b[i] : 0;

        diff |= x ^ y;
    }
    return diff == 0;
}

/* Converts len bytes in charset cs to UTF-8 with iconv.  Returns a malloc'd
 * NUL-terminated string and its length, or NULL when iconv cannot. */
static char *
mo_iconv(const char *cs, const char *in, size_t len, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", cs);
    size_t cap = len * 4 + 4, left = cap - 1, inleft = len;
    char *out, *op, *ip = (char *)in;

    if (cd == (iconv_t)-1)
        return NULL;
    out = xmalloc(cap);
    op = out;
    if (iconv(cd, &ip, &inleft, &op, &left) == (size_t)-1) {
        iconv_close(cd);
        free(out);
        return NULL;
    }
    iconv_close(cd);
    *op = '\0';
    *outlen = (size_t)(op - out);
    return out;
}

/*
 * Makes mo->text: UTF-8 without NUL bytes, from the raw bytes, their coding
 * and charset.  Kannel sends UTF-8 (mo-recode) or the charset it names;
 * bytes that are not what they claim to be are read as Windows-1252, so a
 * message is never refused for its encoding: its raw bytes are kept too.
 */
static void
mo_text_utf8(struct gw_mo *mo, int coding)
{
    const char *cs = mo->charset != NULL && mo->charset[0] != '\0' ? mo->charset : NULL;
    char *t = NULL;
    size_t n = 0, i, j;

    if (cs == NULL && coding == 2)
        cs = "UTF-16BE";
    if (cs != NULL && strcasecmp(cs, "UTF-8") != 0 && strcasecmp(cs, "UTF8") != 0)
        t = mo_iconv(cs, mo->raw, mo->raw_len, &n);
    if (t == NULL && utf8_valid(mo->raw, mo->raw_len)) {
        t = xstrndup(mo->raw, mo->raw_len);
        n = mo->raw_len;
    }
    if (t == NULL)
        t = mo_iconv("WINDOWS-1252", mo->raw, mo->raw_len, &n);
    if (t == NULL)
        t = mo_iconv("ISO-8859-1", mo->raw, mo->raw_len, &n);
    if (t == NULL) {
        /* ISO-8859-1 maps every byte; this is unreachable with glibc. */
        t = xstrdup("");
        n = 0;
    }
    for (i = j = 0; i < n; i++)
        if (t[i] != '\0')
            t[j++] = t[i];
    t[j] = '\0';
    mo->text = t;
    mo->text_len = j;
}

int
gw_number(const char *s, long long min, long long max, long long *out)
{
    char *end;
    long long v;

    /* Digits only, with a '-' first when min is negative: strtoll() alone
     * would take leading spaces and a '+'. */
    if (!(s[0] >= '0' && s[0] <= '9') && !(s[0] == '-' && min < 0 && s[1] >= '0' && s[1] <= '9'))
        return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (*end != '\0' || errno != 0 || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int
gw_mo_parse(struct gw_mo *mo, const struct cfg *c, const char *query, size_t qlen, const char *body,
            size_t blen, const char **reason)
{
    struct parse_ctx pc = {mo, NULL};
    long long coding = 0, ts = 0;

    query_each(query, qlen, mo_param_cb, &pc);
    if (body != NULL)
        query_each(body, blen, mo_param_cb, &pc);
    if (mo->secret == NULL || !gw_secret_equal(mo->secret, c->kannel_secret)) {
        *reason = mo->secret == NULL ? "missing \"secret\"" : "wrong \"secret\"";
        return 403;
    }
    if (pc.nul != NULL) {
        *reason = gw_nul_reason(pc.nul, mo->reason);
        return 400;
    }
    if (mo->id == NULL || mo->id[0] == '\0') {
        *reason = "missing \"id\"";
        return 400;
    }
    if (mo->from == NULL || mo->from[0] == '\0') {
        *reason = "missing \"from\"";
        return 400;
    }
    if (!mo->have_text) {
        *reason = "missing \"text\"";
        return 400;
    }
    for (size_t i = 0; i < MO_NPARAMS; i++) {
        const char *v = *(char **)((char *)mo + mo_params[i].offset);

        if (mo_params[i].column && v != NULL &&
            (*reason = gw_text_check(mo_params[i].name, v, mo_params[i].max, mo->reason)) != NULL)
            return 400;
    }
    if (msisdn_normalize(mo->from, strlen(mo->from), mo->msisdn) != NULL) {
        *reason = "bad \"from\": not a phone number";
        return 400;
    }
    if (mo->coding != NULL && mo->coding[0] != '\0' && gw_number(mo->coding, 0, 2, &coding) < 0) {
        *reason = "bad \"coding\": must be 0, 1 or 2";
        return 400;
    }
    if (mo->ts != NULL && mo->ts[0] != '\0' && gw_number(mo->ts, 0, MO_TS_MAX, &ts) < 0) {
        *reason = "bad \"ts\": must be seconds since 1970, at most " MO_STR(MO_TS_MAX);
        return 400;
    }
    mo_text_utf8(mo, (int)coding);
    gw_mo_fill(mo, mo->coding != NULL && mo->coding[0] != '\0' ? (int)coding : -1, ts);
    return 0;
}

void
gw_mo_fill(struct gw_mo *mo, int coding, int64_t sent_at)
{
    mo->job.mo.kannel_id = mo->id;
    mo->job.mo.msisdn = mo->msisdn;
    mo->job.mo.short_code = mo->to != NULL ? mo->to : "";
    mo->job.mo.smsc = mo->smsc != NULL ? mo->smsc : "";
    mo->job.mo.text = mo->text;
    mo->job.mo.text_len = mo->text_len;
    mo->job.mo.raw = mo->raw;
    mo->job.mo.raw_len = mo->raw_len;
    mo->job.mo.coding = coding;
    mo->job.mo.charset = mo->charset != NULL ? mo->charset : "";
    mo->job.mo.meta = mo->meta != NULL ? mo->meta : "";
    mo->job.mo.sent_at = sent_at;
    mo->job.mo.channel = "sms";
}

void
gw_mo_prepare(struct gw_mo *mo, const struct lexicon *lx)
{
    struct intake_job *job = &mo->job;

    job->intent = intent_classify(lx, mo->text, mo->text_len, &job->arg);
    job->body = NULL;
    if (job->arg.len > 0) {
        mo->body = xstrndup(mo->text + job->arg.off, job->arg.len);
        job->body = mo->body;
    }
}

void
gw_mo_clear(struct gw_mo *mo)
{
    if (mo->secret != NULL)
        explicit_bzero(mo->secret, strlen(mo->secret));
    for (size_t i = 0; i < MO_NPARAMS; i++) {
        char **slot = (char **)((char *)mo + mo_params[i].offset);

        free(*slot);
        *slot = NULL;
    }
    free(mo->raw);
    free(mo->text);
    free(mo->body);
    mo->raw = mo->text = mo->body = NULL;
}
