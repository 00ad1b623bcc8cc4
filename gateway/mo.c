/*
 * /kannel/mo parameters: decoding, validation, charset conversion and
 * classification.  Nothing here touches the database.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
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
};

static const struct mo_param mo_params[] = {
    {"id", offsetof(struct gw_mo, id)},           {"from", offsetof(struct gw_mo, from)},
    {"to", offsetof(struct gw_mo, to)},           {"smsc", offsetof(struct gw_mo, smsc)},
    {"ts", offsetof(struct gw_mo, ts)},           {"coding", offsetof(struct gw_mo, coding)},
    {"charset", offsetof(struct gw_mo, charset)}, {"meta", offsetof(struct gw_mo, meta)},
    {"secret", offsetof(struct gw_mo, secret)},
};

struct parse_ctx {
    struct gw_mo *mo;
    const char *reason;
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
    for (size_t i = 0; i < sizeof(mo_params) / sizeof(mo_params[0]); i++) {
        char **slot = (char **)((char *)mo + mo_params[i].offset);

        if (!query_name_is(name, nlen, mo_params[i].name))
            continue;
        if (gw_param_take(slot, value, vlen) < 0) {
            pc->reason = "NUL byte in a parameter";
            return 400;
        }
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

    errno = 0;
    v = strtoll(s, &end, 10);
    if (s[0] == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int
gw_mo_parse(struct gw_mo *mo, const struct cfg *c, const char *query, size_t qlen, const char *body,
            size_t blen, const char **reason)
{
    struct parse_ctx pc = {mo, NULL};
    const char *why;
    long long coding = 0, ts = 0;
    int rc;

    if ((rc = query_each(query, qlen, mo_param_cb, &pc)) != 0 ||
        (body != NULL && (rc = query_each(body, blen, mo_param_cb, &pc)) != 0)) {
        *reason = pc.reason;
        return rc;
    }
    if (mo->secret == NULL || !gw_secret_equal(mo->secret, c->kannel_secret)) {
        *reason = mo->secret == NULL ? "missing \"secret\"" : "wrong \"secret\"";
        return 403;
    }
    if (mo->id == NULL || mo->id[0] == '\0') {
        *reason = "missing \"id\"";
        return 400;
    }
    if (strlen(mo->id) > MO_ID_MAX) {
        *reason = "\"id\" is longer than 128 bytes";
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
    if ((why = msisdn_normalize(mo->from, strlen(mo->from), mo->msisdn)) != NULL) {
        *reason = "bad \"from\": not a phone number";
        return 400;
    }
    if (mo->coding != NULL && mo->coding[0] != '\0' && gw_number(mo->coding, 0, 2, &coding) < 0) {
        *reason = "bad \"coding\": must be 0, 1 or 2";
        return 400;
    }
    if (mo->ts != NULL && mo->ts[0] != '\0' && gw_number(mo->ts, 0, INT64_MAX / 2, &ts) < 0) {
        *reason = "bad \"ts\": must be seconds since 1970";
        return 400;
    }
    mo_text_utf8(mo, (int)coding);

    mo->job.mo.kannel_id = mo->id;
    mo->job.mo.msisdn = mo->msisdn;
    mo->job.mo.short_code = mo->to != NULL ? mo->to : "";
    mo->job.mo.smsc = mo->smsc != NULL ? mo->smsc : "";
    mo->job.mo.text = mo->text;
    mo->job.mo.text_len = mo->text_len;
    mo->job.mo.raw = mo->raw;
    mo->job.mo.raw_len = mo->raw_len;
    mo->job.mo.coding = mo->coding != NULL && mo->coding[0] != '\0' ? (int)coding : -1;
    mo->job.mo.charset = mo->charset != NULL ? mo->charset : "";
    mo->job.mo.meta = mo->meta != NULL ? mo->meta : "";
    mo->job.mo.sent_at = ts;
    mo->job.mo.channel = "sms";
    return 0;
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
    for (size_t i = 0; i < sizeof(mo_params) / sizeof(mo_params[0]); i++) {
        char **slot = (char **)((char *)mo + mo_params[i].offset);

        free(*slot);
        *slot = NULL;
    }
    free(mo->raw);
    free(mo->text);
    free(mo->body);
    mo->raw = mo->text = mo->body = NULL;
}
