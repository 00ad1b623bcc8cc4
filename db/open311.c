/*
 * Tickets as Open311 GeoReport v2 reads and files them (gateway/open311.c;
 * the mapping is in docs/open311.md).
 *
 * One statement lists tickets for every filter the spec has, so a listing
 * and a lookup by code cost one round trip each; the filters a request
 * leaves out are NULL parameters.  No statement here reads the phone
 * number: an Open311 answer cannot show what was never fetched.
 *
 * Lists of values (ticket codes, service codes, status names) go to the
 * server as one text[] parameter each, written here as array literals with
 * every element quoted.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libpq-fe.h>

#include "common/xmalloc.h"
#include "db/db.h"
#include "db/internal.h"
#include "parsers/category.h"

/* The service code of a ticket with no category, or one the table of
 * categories no longer has. */
#define OTHER_SERVICE "lain"

/* Times as ISO 8601 with the offset of the transaction's zone. */
#define ISO_TIME "'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM'"

/*
 * $1 known service codes, $2 ticket codes or NULL, $3 service codes or
 * NULL, $4 0 any / 1 open / 2 closed, $5 the closed status names, $6 start
 * or NULL, $7 end or NULL, $8 days of the default span, $9 limit.
 *
 * With codes, nothing else filters.  Otherwise the span is [start, end]:
 * a missing end is start + days (no end at all when start is missing too),
 * a missing start is end - days, or now - days.  The note shown is the one
 * of the latest event, the change that set the current status.
 */
static const struct db_query q_list = {
    DB_SLOT_OPEN311_LIST, "open311_list",
    "SELECT x.code, x.status, x.service, coalesce(x.komisi::text, ''),"
    " to_char(x.created_at, " ISO_TIME "), to_char(x.updated_at, " ISO_TIME "), x.source,"
    " x.body,"
    " coalesce((SELECT e.note FROM ticket_events e WHERE e.ticket_id = x.id"
    "           ORDER BY e.created_at DESC, e.id DESC LIMIT 1), ''),"
    " coalesce(x.address, ''), coalesce(x.lat::text, ''), coalesce(x.long::text, '')"
    " FROM (SELECT t.*, CASE WHEN t.category = ANY ($1::text[]) THEN t.category"
    "       ELSE '" OTHER_SERVICE "' END AS service FROM tickets t) x"
    " WHERE CASE WHEN $2::text[] IS NOT NULL THEN x.code = ANY ($2::text[])"
    " ELSE ($3::text[] IS NULL OR x.service = ANY ($3::text[]))"
    "  AND ($4::int = 0 OR (x.status = ANY ($5::text[])) = ($4::int = 2))"
    "  AND x.created_at >= coalesce($6::timestamptz,"
    "      $7::timestamptz - $8::int * interval '1 day', now() - $8::int * interval '1 day')"
    "  AND x.created_at <= coalesce($7::timestamptz,"
    "      $6::timestamptz + $8::int * interval '1 day', 'infinity')"
    " END"
    " ORDER BY x.created_at DESC, x.id DESC LIMIT $9::int",
    9};

static const struct db_query q_span = {
    DB_SLOT_OPEN311_SPAN, "open311_span",
    "SELECT floor(extract(epoch FROM $2::timestamptz - $1::timestamptz))::bigint", 2};

/* The ticket and the event of its first status in one statement, as
 * db/tickets.c writes them, so neither can exist without the other. */
static const struct db_query q_create = {
    DB_SLOT_OPEN311_CREATE, "open311_create",
    "WITH t AS (INSERT INTO tickets (code, msisdn, body, category, status, source, lat, long,"
    " address) VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, 'open311',"
    " $6::double precision, $7::double precision, $8::text) RETURNING id, status)"
    " INSERT INTO ticket_events (ticket_id, status, actor) SELECT id, status, $9::text FROM t",
    9};

/* Writes n strings as a PostgreSQL array literal, each element quoted with
 * '"' and '\' escaped.  Returns a malloc'd string (the caller frees it), or
 * NULL when v is NULL. */
static char *
array_literal(const char *const *v, size_t n)
{
    size_t len = 3, i, k = 0;
    const char *s;
    char *out;

    if (v == NULL)
        return NULL;
    for (i = 0; i < n; i++)
        len += 2 * strlen(v[i]) + 3;
    out = xmalloc(len);
    out[k++] = '{';
    for (i = 0; i < n; i++) {
        if (i > 0)
            out[k++] = ',';
        out[k++] = '"';
        for (s = v[i]; *s != '\0'; s++) {
            if (*s == '"' || *s == '\\')
                out[k++] = '\\';
            out[k++] = *s;
        }
        out[k++] = '"';
    }
    out[k++] = '}';
    out[k] = '\0';
    return out;
}

/* The komisi of a ticket as stored ("1" to "4", or "I" to "IV" as staff
 * may write it); 0 for none or anything else. */
static int
komisi_number(const char *s)
{
    static const char *const roman[] = {"I", "II", "III", "IV"};

    if (s[0] >= '1' && s[0] <= '4' && s[1] == '\0')
        return s[0] - '0';
    for (int i = 0; i < 4; i++)
        if (strcasecmp(s, roman[i]) == 0)
            return i + 1;
    return 0;
}

/* Fills r from row i of a result of q_list; pointers go into res. */
static int
request_row(const PGresult *res, int i, struct db_open311_request *r)
{
    const char *name = q_list.name;

    memset(r, 0, sizeof(*r));
    if (db_copy(r->code, sizeof(r->code), PQgetvalue(res, i, 0), name) < 0 ||
        db_copy(r->status, sizeof(r->status), PQgetvalue(res, i, 1), name) < 0 ||
        db_copy(r->service_code, sizeof(r->service_code), PQgetvalue(res, i, 2), name) < 0 ||
        db_copy(r->requested, sizeof(r->requested), PQgetvalue(res, i, 4), name) < 0 ||
        db_copy(r->updated, sizeof(r->updated), PQgetvalue(res, i, 5), name) < 0 ||
        db_copy(r->source, sizeof(r->source), PQgetvalue(res, i, 6), name) < 0)
        return -1;
    r->komisi = komisi_number(PQgetvalue(res, i, 3));
    r->body = PQgetvalue(res, i, 7);
    r->note = PQgetvalue(res, i, 8);
    r->address = PQgetvalue(res, i, 9);
    r->lat = PQgetvalue(res, i, 10);
    r->lon = PQgetvalue(res, i, 11);
    return 0;
}

int
db_open311_list(struct db *db, const struct db_open311_query *q,
                void (*cb)(void *ctx, const struct db_open311_request *r), void *ctx)
{
    const char *known[32];
    char *known_lit, *codes, *services, *closed;
    char status[4], days[16], limit[16];
    const char *values[9];
    size_t nknown = 0;
    PGresult *res;
    int n = -1;

    for (size_t i = 0; i < ncategories && nknown < sizeof(known) / sizeof(known[0]); i++)
        known[nknown++] = categories[i].code;
    known_lit = array_literal(known, nknown);
    codes = array_literal(q->codes, q->ncodes);
    services = array_literal(q->services, q->nservices);
    /* An empty list when none closes: "= ANY" of it is false, never NULL. */
    closed = q->closed != NULL ? array_literal(q->closed, q->nclosed) : xstrdup("{}");
    snprintf(status, sizeof(status), "%d", (int)q->status);
    snprintf(days, sizeof(days), "%d", q->days);
    snprintf(limit, sizeof(limit), "%d", q->limit);
    values[0] = known_lit;
    values[1] = codes;
    values[2] = services;
    values[3] = status;
    values[4] = closed;
    values[5] = q->start;
    values[6] = q->end;
    values[7] = days;
    values[8] = limit;
    res = db_exec(db, &q_list, values, NULL, NULL);
    free(closed);
    free(services);
    free(codes);
    free(known_lit);
    if (res == NULL)
        return -1;
    for (int i = 0; i < PQntuples(res); i++) {
        struct db_open311_request r;

        if (request_row(res, i, &r) < 0)
            goto done;
        cb(ctx, &r);
    }
    n = PQntuples(res);
done:
    PQclear(res);
    return n;
}

int
db_open311_get(struct db *db, const char *code,
               void (*cb)(void *ctx, const struct db_open311_request *r), void *ctx)
{
    const char *codes[1] = {code};
    struct db_open311_query q = {.codes = codes, .ncodes = 1, .days = 1, .limit = 1};

    return db_open311_list(db, &q, cb, ctx);
}

int
db_open311_span(struct db *db, const char *start, const char *end, int64_t *seconds)
{
    const char *values[2] = {start, end};
    PGresult *res;
    int rc;

    if ((res = db_exec(db, &q_span, values, NULL, NULL)) == NULL)
        return -1;
    if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)) {
        PQclear(res);
        db_log_error(q_span.name, "no value returned");
        return -1;
    }
    rc = db_parse_i64(PQgetvalue(res, 0, 0), seconds, q_span.name);
    PQclear(res);
    return rc;
}

int
db_open311_create(struct db *db, const struct db_open311_new *r)
{
    const char *values[9] = {r->code, r->msisdn, r->body,    r->category, r->status,
                             r->lat,  r->lon,    r->address, r->actor};
    PGresult *res;

    if ((res = db_exec(db, &q_create, values, NULL, NULL)) == NULL)
        return -1;
    PQclear(res);
    return 0;
}
