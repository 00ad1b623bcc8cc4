/*
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON only:
 *   GET  /open311/v2/services.json            the categories of complaints
 *   GET  /open311/v2/requests.json            tickets: status, start_date, end_date,
 *                                             service_code, service_request_id
 *   GET  /open311/v2/requests/{code}.json     one ticket, in an array
 *   POST /open311/v2/requests.json            files a ticket (api_key of a staff account)
 *
 * Errors are the spec's array [{"code":N,"description":"..."}] (api_error()
 * writes it for API_OPEN311 routes): 404 for what does not exist, 403 for
 * a missing or bad api_key (gateway/api.c), 400 for anything else.
 *
 * docs/open311.md is the mapping between Aspirasi and the spec: which
 * statuses are closed, what each field holds, what a request may carry and
 * what is kept of it.  The rule that shapes this file: everything here is
 * public, so no phone number or e-mail address ever leaves it.  None is
 * read from the database, and the free text that is shown (complaints,
 * staff notes, addresses) is passed through public_text(), which hides any
 * phone number or e-mail address a citizen or staff member wrote in it.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "gateway/api.h"
#include "parsers/category.h"
#include "parsers/msisdn.h"
#include "parsers/ticket.h"

#define AGENCY          "DPRD Kabupaten Mojokerto"
#define SPAN_DAYS       90   /* the spec's default span of requests.json */
#define LIST_MAX        1000 /* the spec's most requests per answer */
#define DESCRIPTION_MAX 1000 /* characters; a complaint by SMS is far shorter */
#define ADDRESS_MAX     255  /* characters */
#define HIDDEN_NUMBER   "[nomor disamarkan]"
#define HIDDEN_EMAIL    "[email disamarkan]"

/* The group of services.json: the field of the komisi that usually handles
 * the category (parsers/category.c), index 0 for none. */
static const char *const komisi_groups[] = {"Umum", "Pemerintahan", "Perekonomian", "Pembangunan",
                                            "Kesejahteraan rakyat"};
static const char *const komisi_roman[] = {"", "I", "II", "III", "IV"};

/* A status is closed when the configuration says so (closed = true in
 * statuses); a name no longer configured is open. */
static int
status_closed(const struct cfg *c, const char *name)
{
    const struct cfg_status *st = cfg_status_find(c, name);

    return st != NULL && st->closed;
}

/* The names of the closed statuses, into names (CFG_STATUS_MAX + 1). */
static size_t
closed_names(const struct cfg *c, const char **names)
{
    size_t n = 0;

    for (size_t i = 0; i < c->nstatuses; i++)
        if (c->statuses[i].closed)
            names[n++] = c->statuses[i].name;
    names[n] = NULL;
    return n;
}

/* ---- what may be shown ---------------------------------------------------- */

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int
is_number_separator(char c)
{
    return c == ' ' || c == '-' || c == '.';
}

static int
is_email_local(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' ||
           c == '_' || c == '%' || c == '+' || c == '-';
}

static int
is_email_domain(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '-';
}

/*
 * The length of the number that starts at s (an optional "+", then digits
 * in groups separated by up to three spaces, dashes or dots) if it is one
 * to hide, else 0: a phone number (nine digits or more that msisdn.c reads
 * as one: 08..., 62..., 8..., +..., 00..., its first group of three digits
 * or more unless it starts with "+" or "62") or a run of twelve digits or
 * more without separators (an identity card or account number).  A ticket
 * code (7 digits), an amount ("150.000.000") or a date ("08-11-2026
 * 10.30") is left alone.
 */
static size_t
number_to_hide(const char *s)
{
    char norm[MSISDN_MAX];
    size_t i = 0, end, ndigits = 0, run, first = 0, longest = 0, k;

    if (s[0] == '+')
        i = 1;
    if (!is_digit(s[i]))
        return 0;
    for (;;) {
        for (run = 0; is_digit(s[i]); i++)
            run++;
        ndigits += run;
        if (first == 0)
            first = run;
        if (run > longest)
            longest = run;
        end = i;
        /* Up to three separators, then more digits, continue the number. */
        for (k = 0; k < 3 && is_number_separator(s[i + k]); k++)
            ;
        if (k == 0 || !is_digit(s[i + k]))
            break;
        i += k;
    }
    if (longest >= 12)
        return end;
    if (first < 3 && s[0] != '+' && !(first == 2 && s[0] == '6' && s[1] == '2'))
        return 0;
    if (ndigits >= 9 && msisdn_normalize(s, end, norm) == NULL && norm[0] == '+')
        return end;
    return 0;
}

/* If an e-mail address starts at s[i] (a boundary: no address character
 * before it), stores where it ends (exclusive) and returns 1. */
static int
email_at(const char *s, size_t i, size_t *end)
{
    size_t at = i, e, dot = 0;

    if (i > 0 && is_email_local(s[i - 1]))
        return 0;
    while (is_email_local(s[at]))
        at++;
    if (at == i || s[at] != '@')
        return 0;
    for (e = at + 1; is_email_domain(s[e]); e++)
        if (s[e] == '.' && e > at + 1 && s[e - 1] != '.' && is_email_domain(s[e + 1]) &&
            s[e + 1] != '.')
            dot = e;
    if (dot == 0)
        return 0;
    *end = e;
    return 1;
}

/* True when a number may start at s[i]: not inside a number (after a digit,
 * a '+', or a separator that follows a digit).  A letter before it does not
 * matter: "HP081234567890" hides the number too. */
static int
number_boundary(const char *s, size_t i)
{
    if (i == 0)
        return 1;
    if (is_digit(s[i - 1]) || s[i - 1] == '+')
        return 0;
    return !(is_number_separator(s[i - 1]) && i >= 2 && is_digit(s[i - 2]));
}

/*
 * Returns a copy of s for the public, with every phone number, long
 * identity number and e-mail address replaced by a word that says one was
 * there.  s is UTF-8; only ASCII bytes are matched, so a multibyte
 * character is never cut.  Returns a new JSON string.
 */
static json_t *
public_text(const char *s)
{
    size_t len = strlen(s), cap = len + 1, n = 0, i = 0, end;
    char *out = xmalloc(cap);
    json_t *j;

    while (i < len) {
        const char *word = NULL;
        size_t k, skip = 0;

        if (email_at(s, i, &end)) {
            word = HIDDEN_EMAIL;
            skip = end - i;
        } else if ((s[i] == '+' || is_digit(s[i])) && number_boundary(s, i) &&
                   (skip = number_to_hide(s + i)) > 0) {
            word = HIDDEN_NUMBER;
        }
        if (word != NULL) {
            k = strlen(word);
            if (n + k + 1 > cap) {
                cap = (n + k + 1) * 2;
                out = xrealloc(out, cap);
            }
            memcpy(out + n, word, k);
            n += k;
            i += skip;
            continue;
        }
        if (n + 2 > cap) {
            cap = (n + 2) * 2;
            out = xrealloc(out, cap);
        }
        out[n++] = s[i++];
    }
    out[n] = '\0';
    j = json_string(out);
    free(out);
    /* json_string() refuses invalid UTF-8; the database holds none. */
    return j != NULL ? j : json_string("");
}

/* ---- services.json ------------------------------------------------------- */

static void
services(struct api_ctx *a)
{
    json_t *list = json_array();

    for (size_t i = 0; i < ncategories; i++) {
        const struct category *c = &categories[i];
        int k = c->komisi >= 1 && c->komisi <= 4 ? c->komisi : 0;

        json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:b,s:s,s:s,s:s}", "service_code",
                                              c->code, "service_name", c->name, "description",
                                              c->description, "metadata", 0, "type", "realtime",
                                              "keywords", c->keywords, "group", komisi_groups[k]));
    }
    api_ok(a, 200, list);
}

/* ---- requests ------------------------------------------------------------ */

/* One ticket as a service request of the spec. */
static json_t *
request_json(const struct api_ctx *a, const struct db_open311_request *r)
{
    const struct cfg_status *st = cfg_status_find(a->cfg, r->status);
    const struct category *c = category_find(r->service_code);
    const char *label = st != NULL ? st->label : r->status;
    char agency[64], *notes;
    json_t *o, *pub;
    size_t len;

    o = json_object();
    json_object_set_new(o, "service_request_id", json_string(r->code));
    json_object_set_new(o, "status",
                        json_string(status_closed(a->cfg, r->status) ? "closed" : "open"));
    if (r->note[0] != '\0') {
        pub = public_text(r->note);
        len = strlen(label) + 2 + strlen(json_string_value(pub)) + 1;
        notes = xmalloc(len);
        snprintf(notes, len, "%s: %s", label, json_string_value(pub));
        json_object_set_new(o, "status_notes", json_string(notes));
        free(notes);
        json_decref(pub);
    } else {
        json_object_set_new(o, "status_notes", json_string(label));
    }
    json_object_set_new(o, "service_name", json_string(c != NULL ? c->name : r->service_code));
    json_object_set_new(o, "service_code", json_string(r->service_code));
    json_object_set_new(o, "description", public_text(r->body));
    if (r->komisi >= 1 && r->komisi <= 4)
        snprintf(agency, sizeof(agency), "%s, Komisi %s", AGENCY, komisi_roman[r->komisi]);
    else
        snprintf(agency, sizeof(agency), "%s", AGENCY);
    json_object_set_new(o, "agency_responsible", json_string(agency));
    json_object_set_new(o, "requested_datetime", json_string(r->requested));
    json_object_set_new(o, "updated_datetime", json_string(r->updated));
    if (r->address[0] != '\0')
        json_object_set_new(o, "address", public_text(r->address));
    if (r->lat[0] != '\0' && r->lon[0] != '\0') {
        json_object_set_new(o, "lat", json_real(strtod(r->lat, NULL)));
        json_object_set_new(o, "long", json_real(strtod(r->lon, NULL)));
    }
    return o;
}

struct request_list {
    const struct api_ctx *a;
    json_t *list;
};

static void
request_row(void *ctx, const struct db_open311_request *r)
{
    struct request_list *rl = ctx;

    json_array_append_new(rl->list, request_json(rl->a, r));
}

/* The value of parameter name, NULL when absent or empty (the spec: "a
 * null parameter is treated as a non-declared one"). */
static const char *
param(struct api_ctx *a, const char *name)
{
    const char *s = api_query(a, name);

    return s != NULL && s[0] != '\0' ? s : NULL;
}

/*
 * Splits a comma-separated list in place into at most max items (spaces
 * around items dropped).  Returns the number, or -1 when there are more,
 * or one is empty.
 */
static int
split_list(char *s, char **items, int max)
{
    int n = 0;

    for (char *p = s;;) {
        char *comma = strchr(p, ','), *e;

        if (comma != NULL)
            *comma = '\0';
        while (*p == ' ')
            p++;
        e = p + strlen(p);
        while (e > p && e[-1] == ' ')
            *--e = '\0';
        if (*p == '\0' || n == max)
            return -1;
        items[n++] = p;
        if (comma == NULL)
            return n;
        p = comma + 1;
    }
}

/* Reads service_request_id: ticket codes, each checked.  Returns the
 * number (0 when absent), or -1 after answering 400. */
static int
read_ids(struct api_ctx *a, char *buf, const char **ids)
{
    char *items[LIST_MAX];
    int n;

    if ((n = split_list(buf, items, LIST_MAX)) < 0) {
        api_error(a, 400, "invalid",
                  "service_request_id must be at most %d ticket numbers separated by commas",
                  LIST_MAX);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (ticket_code_check(items[i], strlen(items[i]), NULL) != NULL) {
            /* The value is not repeated: it may be anything, a phone
             * number included. */
            api_error(a, 400, "invalid",
                      "service_request_id: value %d is not a ticket number (7 digits)", i + 1);
            return -1;
        }
        ids[i] = items[i];
    }
    return n;
}

/* Reads service_code: known service codes.  Returns the number, or -1
 * after answering 400. */
static int
read_services(struct api_ctx *a, char *buf, const char **codes)
{
    char *items[32];
    int n;

    if ((n = split_list(buf, items, 32)) < 0) {
        api_error(a, 400, "invalid", "service_code must be service codes separated by commas");
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (category_find(items[i]) == NULL) {
            api_error(a, 400, "invalid",
                      "service_code: value %d is not a service code of services.json", i + 1);
            return -1;
        }
        codes[i] = items[i];
    }
    return n;
}

/* Reads status: "open", "closed" or both.  Returns 0 after setting *out,
 * or -1 after answering 400. */
static int
read_status(struct api_ctx *a, char *buf, enum db_open311_status *out)
{
    char *items[8];
    int n, open = 0, closed = 0;

    if ((n = split_list(buf, items, 8)) < 0)
        n = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(items[i], "open") == 0)
            open = 1;
        else if (strcmp(items[i], "closed") == 0)
            closed = 1;
        else
            n = 0;
    }
    if (n == 0) {
        api_error(a, 400, "invalid", "status must be open, closed, or both separated by a comma");
        return -1;
    }
    *out = open && closed ? DB_OPEN311_ANY : open ? DB_OPEN311_OPEN : DB_OPEN311_CLOSED;
    return 0;
}

/* Reads a date parameter into out (40 bytes).  A date without a time is
 * the first instant of that day, or as an end the last.  Returns 1 when
 * given, 0 when not, -1 after answering 400. */
static int
read_date(struct api_ctx *a, const char *name, int is_end, char out[40])
{
    int rc;

    if (param(a, name) == NULL)
        return 0;
    if ((rc = api_query_time(a, name, out)) <= 0)
        return rc;
    if (is_end && strlen(out) == 10)
        snprintf(out + 10, 30, " 23:59:59.999999");
    return 1;
}

static void
requests_list(struct api_ctx *a)
{
    const char **ids = NULL, *codes[32], *closed[CFG_STATUS_MAX + 1];
    char *idbuf = NULL, *svcbuf = NULL, *stbuf = NULL, start[40], end[40];
    struct db_open311_query q = {.closed = closed,
                                 .nclosed = closed_names(a->cfg, closed),
                                 .days = SPAN_DAYS,
                                 .limit = LIST_MAX};
    struct request_list rl = {.a = a};
    const char *s;
    int n, hs, he;

    if ((s = param(a, "service_request_id")) != NULL) {
        /* "This overrides all other arguments." */
        idbuf = xstrdup(s);
        ids = xcalloc(LIST_MAX, sizeof(*ids));
        if ((n = read_ids(a, idbuf, ids)) < 0)
            goto done;
        q.codes = ids;
        q.ncodes = (size_t)n;
    } else {
        if ((s = param(a, "service_code")) != NULL) {
            svcbuf = xstrdup(s);
            if ((n = read_services(a, svcbuf, codes)) < 0)
                goto done;
            q.services = codes;
            q.nservices = (size_t)n;
        }
        if ((s = param(a, "status")) != NULL) {
            stbuf = xstrdup(s);
            if (read_status(a, stbuf, &q.status) < 0)
                goto done;
        }
        if ((hs = read_date(a, "start_date", 0, start)) < 0 ||
            (he = read_date(a, "end_date", 1, end)) < 0)
            goto done;
        q.start = hs ? start : NULL;
        q.end = he ? end : NULL;
        if (hs && he) {
            int64_t secs;

            if (db_open311_span(a->db, start, end, &secs) < 0) {
                api_db_error(a);
                goto done;
            }
            if (secs < 0) {
                api_error(a, 400, "invalid", "end_date comes before start_date");
                goto done;
            }
            if (secs > (int64_t)SPAN_DAYS * 86400) {
                api_error(a, 400, "invalid",
                          "start_date and end_date may not span more than %d days", SPAN_DAYS);
                goto done;
            }
        }
    }
    rl.list = json_array();
    if (db_open311_list(a->db, &q, request_row, &rl) < 0) {
        json_decref(rl.list);
        api_db_error(a);
        goto done;
    }
    api_ok(a, 200, rl.list);
done:
    free(stbuf);
    free(svcbuf);
    free(ids);
    free(idbuf);
}

static void
request_one(struct api_ctx *a)
{
    const char *code = a->params[0];
    struct request_list rl = {.a = a};
    int rc;

    /* Anything that is not a ticket code names no request. */
    if (ticket_code_check(code, strlen(code), NULL) != NULL) {
        api_error(a, 404, "not_found", "there is no such service request");
        return;
    }
    rl.list = json_array();
    if ((rc = db_open311_get(a->db, code, request_row, &rl)) <= 0) {
        json_decref(rl.list);
        if (rc < 0)
            api_db_error(a);
        else
            api_error(a, 404, "not_found", "there is no service request %s", code);
        return;
    }
    api_ok(a, 200, rl.list);
}

/* ---- POST requests.json -------------------------------------------------- */

/*
 * Checks text (UTF-8) for a field: valid UTF-8, no control character but
 * line breaks and tabs where newlines is set.  Returns its length in
 * characters, or -1.
 */
static long
text_chars(const char *s, int newlines)
{
    const unsigned char *p = (const unsigned char *)s;
    long n = 0;

    while (*p != '\0') {
        unsigned char c = *p;
        int more;
        uint32_t cp;

        if (c < 0x80) {
            if ((c < 0x20 && !(newlines && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
                return -1;
            p++;
            n++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            more = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            more = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            more = 3;
            cp = c & 0x07;
        } else {
            return -1;
        }
        for (int i = 1; i <= more; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return -1;
            cp = (cp << 6) | (p[i] & 0x3f);
        }
        /* Overlong forms, surrogates and values past U+10FFFF. */
        if ((more == 2 && cp < 0x800) || (more == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return -1;
        p += more + 1;
        n++;
    }
    return n;
}

/* A copy of s without the spaces and line breaks around it; the caller
 * frees it. */
static char *
trimmed(const char *s)
{
    size_t len;

    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    len = strlen(s);
    while (len > 0 &&
           (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' || s[len - 1] == '\n'))
        len--;
    return xstrndup(s, len);
}

/* Reads a coordinate: decimal degrees ("-7.4721"), at most max in absolute
 * value.  Returns 0, or -1 when s is anything else. */
static int
read_degrees(const char *s, double max)
{
    const char *p = s;
    char *end;
    double v;
    int intd = 0, fracd = 0;

    if (*p == '-')
        p++;
    while (is_digit(*p) && intd <= 3) {
        p++;
        intd++;
    }
    if (*p == '.') {
        p++;
        while (is_digit(*p) && fracd <= 15) {
            p++;
            fracd++;
        }
        if (fracd == 0)
            return -1;
    }
    if (*p != '\0' || intd == 0 || intd > 3 || fracd > 15)
        return -1;
    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || *end != '\0' || !isfinite(v) || fabs(v) > max)
        return -1;
    return 0;
}

/* True when s is short lower-case ASCII, safe to repeat in an error. */
static int
echoable(const char *s)
{
    size_t n = 0;

    for (; s[n] != '\0'; n++)
        if (!((s[n] >= 'a' && s[n] <= 'z') || s[n] == '_' || s[n] == '-') || n >= 32)
            return 0;
    return n > 0;
}

static void
request_create(struct api_ctx *a)
{
    const char *service = param(a, "service_code"), *lat = param(a, "lat"), *lon = param(a, "long"),
               *address = param(a, "address_string"), *phone = param(a, "phone"), *s;
    const struct category *cat;
    struct db_open311_new r = {.actor = a->actor, .status = a->cfg->statuses[0].name};
    char *body = NULL, *place = NULL, msisdn[MSISDN_MAX], code[TICKET_CODE_LEN + 1];
    char notice[400];
    uint64_t key;
    int64_t seq;
    long chars;

    /* The service. */
    if (service == NULL) {
        api_error(a, 400, "invalid", "service_code is required (see services.json)");
        goto done;
    }
    if ((cat = category_find(service)) == NULL) {
        if (echoable(service))
            api_error(a, 404, "not_found", "service_code \"%s\" was not found (see services.json)",
                      service);
        else
            api_error(a, 404, "not_found", "service_code was not found (see services.json)");
        goto done;
    }
    r.category = cat->code;

    /* What happened. */
    s = api_query(a, "description");
    body = trimmed(s != NULL ? s : "");
    if (body[0] == '\0') {
        api_error(a, 400, "invalid", "description is required: what the complaint is about");
        goto done;
    }
    if ((chars = text_chars(body, 1)) < 0) {
        api_error(a, 400, "invalid",
                  "description must be UTF-8 text without control characters other than line "
                  "breaks");
        goto done;
    }
    if (chars > DESCRIPTION_MAX) {
        api_error(a, 400, "invalid", "description must be at most %d characters (it has %ld)",
                  DESCRIPTION_MAX, chars);
        goto done;
    }
    r.body = body;

    /* Where: a point, an address in words, or both. */
    if ((lat == NULL) != (lon == NULL)) {
        api_error(a, 400, "invalid", "lat and long must be sent together");
        goto done;
    }
    if (lat != NULL) {
        if (read_degrees(lat, 90) < 0) {
            api_error(a, 400, "invalid", "lat must be decimal degrees from -90 to 90 (WGS84)");
            goto done;
        }
        if (read_degrees(lon, 180) < 0) {
            api_error(a, 400, "invalid", "long must be decimal degrees from -180 to 180 (WGS84)");
            goto done;
        }
        r.lat = lat;
        r.lon = lon;
    }
    if (address != NULL) {
        place = trimmed(address);
        if (place[0] != '\0') {
            if ((chars = text_chars(place, 0)) < 0 || chars > ADDRESS_MAX) {
                api_error(a, 400, "invalid",
                          "address_string must be at most %d characters of text on one line",
                          ADDRESS_MAX);
                goto done;
            }
            r.address = place;
        }
    }
    if (r.lat == NULL && r.address == NULL) {
        if (param(a, "address_id") != NULL)
            api_error(a, 400, "invalid",
                      "address_id is not supported: send lat and long, or address_string");
        else
            api_error(a, 400, "invalid", "a location is required: lat and long, or address_string");
        goto done;
    }

    /* Who to tell, if the citizen wants to be told. */
    if (phone != NULL) {
        if (msisdn_normalize(phone, strlen(phone), msisdn) != NULL ||
            strncmp(msisdn, "+628", 4) != 0 || strlen(msisdn) < 12 || strlen(msisdn) > 15) {
            /* The value is never repeated. */
            api_error(a, 400, "invalid",
                      "phone must be an Indonesian mobile number (08..., 628... or +628...)");
            goto done;
        }
        r.msisdn = msisdn;
    }

    /* The ticket, numbered as SMS tickets are. */
    if (db_ticket_key(a->db, &key) < 0 || db_ticket_next_seq(a->db, &seq) < 0) {
        api_db_error(a);
        goto done;
    }
    ticket_code_make((uint64_t)seq, key, code);
    r.code = code;
    if (db_open311_create(a->db, &r) < 0) {
        api_db_error(a);
        goto done;
    }
    api_audit(a, "ticket", json_string(code));
    api_audit(a, "service_code", json_string(cat->code));
    log_info("event=open311_request ticket=%s service=%s point=%s address=%s phone=%s", code,
             cat->code, r.lat != NULL ? "yes" : "no", r.address != NULL ? "yes" : "no",
             r.msisdn != NULL ? "yes" : "no");

    if (r.msisdn != NULL)
        snprintf(notice, sizeof(notice),
                 "Aduan diterima %s dengan nomor tiket %s dan akan ditelaah. Pelapor menerima "
                 "kabar lewat SMS setiap status berubah, dan dapat mengirim SMS STATUS %s.",
                 AGENCY, code, code);
    else
        snprintf(notice, sizeof(notice),
                 "Aduan diterima %s dengan nomor tiket %s dan akan ditelaah. Statusnya: "
                 "requests/%s.json, atau SMS STATUS %s.",
                 AGENCY, code, code, code);
    api_ok(a, 201, json_pack("[{s:s,s:s}]", "service_request_id", code, "service_notice", notice));
done:
    free(place);
    free(body);
}

const struct api_route api_open311_routes[] = {
    {"GET", "/open311/v2/services.json", API_ROLE_PUBLIC, API_OPEN311, services},
    {"GET", "/open311/v2/requests.json", API_ROLE_PUBLIC, API_OPEN311, requests_list},
    {"GET", "/open311/v2/requests/{}.json", API_ROLE_PUBLIC, API_OPEN311, request_one},
    {"POST", "/open311/v2/requests.json", API_ROLE_VIEWER, API_OPEN311, request_create},
    {0},
};
