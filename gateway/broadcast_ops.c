/*
 * Broadcasts (gateway/broadcast_ops.h): one implementation of the checks,
 * the preview and the changes, for aspirasictl broadcast and the staff API.
 * A text is refused before anything is stored; a draft is started or
 * cancelled only after reading its state, so that "not a draft" and "no
 * such broadcast" get different answers (a 409 and a 404 in the API).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "gateway/broadcast_ops.h"
#include "parsers/agenda.h"
#include "parsers/agendareply.h"
#include "parsers/gsm7.h"

const char *
broadcast_encoding(int coding)
{
    return coding == 2 ? "UCS-2" : "GSM-7";
}

size_t
broadcast_characters(const char *s)
{
    size_t n = 0;

    for (; *s != '\0'; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

int
broadcast_audience_parse(const char *s, char out[16], char err[BROADCAST_ERR_MAX])
{
    static const char *const roman[] = {"", "I", "II", "III", "IV"};
    const char *k;

    if (strcasecmp(s, "all") == 0) {
        snprintf(out, 16, "all");
        return 0;
    }
    if (strncasecmp(s, "komisi:", 7) == 0) {
        k = s + 7;
        for (int i = 1; i <= 4; i++) {
            if (strcasecmp(k, roman[i]) == 0 || (k[0] == '0' + i && k[1] == '\0')) {
                snprintf(out, 16, "komisi:%d", i);
                return 0;
            }
        }
    }
    /* The audience is staff's own input, never a phone number: echoing a
     * bounded part of it tells them what was read. */
    snprintf(err, BROADCAST_ERR_MAX,
             "the audience \"%.40s\" is not all or komisi:I-IV (or komisi:1-4)", s);
    return -1;
}

int
broadcast_text_check(const char *text, int *coding, int *segments, char err[BROADCAST_ERR_MAX])
{
    size_t len = strlen(text);

    if (len == 0 || strspn(text, " \n") == len) {
        snprintf(err, BROADCAST_ERR_MAX, "the text is empty");
        return -1;
    }
    for (const char *p = text; *p != '\0'; p++) {
        if ((unsigned char)*p < 0x20 && *p != '\n') {
            snprintf(err, BROADCAST_ERR_MAX, "the text has a control character at byte %zu",
                     (size_t)(p - text) + 1);
            return -1;
        }
    }
    *segments = sms_segments(text, len);
    if (*segments < 0) {
        snprintf(err, BROADCAST_ERR_MAX, "the text is not valid UTF-8");
        return -1;
    }
    *coding = gsm7_septets(text, len) < 0 ? 2 : 0;
    if (*segments > BROADCAST_SEGMENTS_MAX) {
        snprintf(err, BROADCAST_ERR_MAX,
                 "the text takes %d SMS segments (%zu characters, %s); at most %d are sent: "
                 "shorten it",
                 *segments, broadcast_characters(text),
                 *coding == 2 ? "UCS-2: 67 per part" : "GSM-7: 153 per part",
                 BROADCAST_SEGMENTS_MAX);
        return -1;
    }
    return 0;
}

enum broadcast_rc
broadcast_session_text(struct db *db, const struct cfg *c, int64_t id, enum lang l, char *out,
                       size_t outsz, int *komisi, char err[BROADCAST_ERR_MAX])
{
    struct db_session s;
    struct agenda_item it;
    int rc = db_session_get(db, id, c->timezone, &s);

    if (rc < 0)
        return BROADCAST_FAILED;
    if (rc == 0) {
        snprintf(err, BROADCAST_ERR_MAX, "there is no session %lld", (long long)id);
        return BROADCAST_INVALID;
    }
    it = (struct agenda_item){
        .id = s.id,
        .type = agenda_type_from_name(s.type),
        .komisi = s.komisi,
        .title = s.title,
        .place = s.place,
        .wday = s.wday,
        .day = s.day,
        .month = s.month,
        .hour = s.hour,
        .minute = s.minute,
        .cancelled = s.cancelled,
    };
    agenda_announce_format(l == LANG_NONE ? LANG_ID : l, &it, s.public_, out, outsz);
    *komisi = s.komisi;
    return BROADCAST_OK;
}

/* Fills the numbers of preview p (whose body, coding, segments and
 * audience are set): the recipients now and the cost. */
static enum broadcast_rc
preview_count(struct db *db, const struct cfg *c, struct broadcast_preview *p)
{
    if ((p->recipients = db_audience_count(db, p->audience)) < 0)
        return BROADCAST_FAILED;
    p->characters = broadcast_characters(p->body);
    p->total_segments = p->recipients * p->segments;
    p->price = c->price_per_segment;
    p->cost = p->total_segments * p->price;
    return BROADCAST_OK;
}

/* Copies the checked text into p->body.  A text that passed
 * broadcast_text_check() always fits; refusing one that does not keeps a
 * wrong bound from cutting a text silently. */
static int
body_copy(struct broadcast_preview *p, const char *text, char err[BROADCAST_ERR_MAX])
{
    size_t len = strlen(text);

    if (len >= sizeof(p->body)) {
        snprintf(err, BROADCAST_ERR_MAX, "the text is too long");
        return -1;
    }
    memcpy(p->body, text, len + 1);
    return 0;
}

enum broadcast_rc
broadcast_preview(struct db *db, const struct cfg *c, const struct broadcast_input *in,
                  struct broadcast_preview *out, const char **field, char err[BROADCAST_ERR_MAX])
{
    char announce[GSM7_SEGMENT * 4 + 1];
    enum broadcast_rc rc;
    int komisi = 0;

    memset(out, 0, sizeof(*out));
    *field = NULL;
    if ((in->text == NULL) == (in->session_id == 0)) {
        *field = "text";
        snprintf(err, BROADCAST_ERR_MAX, "give either a text or a session to announce%s",
                 in->text != NULL ? ", not both" : "");
        return BROADCAST_INVALID;
    }
    if (in->audience != NULL && broadcast_audience_parse(in->audience, out->audience, err) < 0) {
        *field = "audience";
        return BROADCAST_INVALID;
    }
    if (in->text != NULL) {
        if (broadcast_text_check(in->text, &out->coding, &out->segments, err) < 0 ||
            body_copy(out, in->text, err) < 0) {
            *field = "text";
            return BROADCAST_INVALID;
        }
    } else {
        rc = broadcast_session_text(db, c, in->session_id, in->lang, announce, sizeof(announce),
                                    &komisi, err);
        if (rc == BROADCAST_OK &&
            (broadcast_text_check(announce, &out->coding, &out->segments, err) < 0 ||
             body_copy(out, announce, err) < 0))
            rc = BROADCAST_INVALID;
        if (rc != BROADCAST_OK) {
            *field = "session_id";
            return rc;
        }
        out->session_id = in->session_id;
        /* A session of one komisi goes to that komisi's subscribers unless
         * staff chose the audience. */
        if (in->audience == NULL && komisi >= 1 && komisi <= 4)
            snprintf(out->audience, sizeof(out->audience), "komisi:%d", komisi);
    }
    if (out->audience[0] == '\0')
        snprintf(out->audience, sizeof(out->audience), "all");
    return preview_count(db, c, out);
}

enum broadcast_rc
broadcast_preview_stored(struct db *db, const struct cfg *c, const char *body, int coding,
                         int segments, const char *audience, int64_t session_id,
                         struct broadcast_preview *out)
{
    memset(out, 0, sizeof(*out));
    /* A stored text passed the check when it was created; one longer than
     * the buffer would be a broken invariant, and is shown cut rather than
     * overflowing. */
    snprintf(out->body, sizeof(out->body), "%s", body);
    snprintf(out->audience, sizeof(out->audience), "%s", audience);
    out->coding = coding;
    out->segments = segments;
    out->session_id = session_id;
    return preview_count(db, c, out);
}

enum broadcast_rc
broadcast_create(struct db *db, const struct broadcast_preview *p, const char *actor, int64_t *id)
{
    struct db_broadcast b = {0};

    b.body = (char *)p->body; /* read only by db_broadcast_create() */
    b.coding = p->coding;
    b.segments = p->segments;
    b.session_id = p->session_id;
    snprintf(b.audience, sizeof(b.audience), "%s", p->audience);
    snprintf(b.state, sizeof(b.state), "draft");
    if (db_broadcast_create(db, &b, actor) < 0)
        return BROADCAST_FAILED;
    *id = b.id;
    return BROADCAST_OK;
}

enum broadcast_rc
broadcast_draft(struct db *db, const struct cfg *c, int64_t id, struct db_broadcast *b,
                char err[BROADCAST_ERR_MAX])
{
    int rc = db_broadcast_get(db, id, c->timezone, b);

    if (rc < 0)
        return BROADCAST_FAILED;
    if (rc == 0) {
        snprintf(err, BROADCAST_ERR_MAX, "no broadcast %lld", (long long)id);
        return BROADCAST_NOT_FOUND;
    }
    if (strcmp(b->state, "draft") != 0) {
        snprintf(err, BROADCAST_ERR_MAX, "broadcast %lld is %s, not a draft", (long long)id,
                 b->state);
        db_broadcast_clear(b);
        return BROADCAST_CONFLICT;
    }
    return BROADCAST_OK;
}

enum broadcast_rc
broadcast_start(struct db *db, const struct cfg *c, int64_t id, int *queued,
                char err[BROADCAST_ERR_MAX])
{
    struct db_broadcast b;
    enum broadcast_rc rc;
    int n;

    if ((rc = broadcast_draft(db, c, id, &b, err)) != BROADCAST_OK)
        return rc;
    db_broadcast_clear(&b);
    /* db_broadcast_start() locks the draft: a start or cancel that got
     * there first leaves it no draft to start. */
    switch (db_broadcast_start(db, id, &n)) {
    case 1:
        *queued = n;
        return BROADCAST_OK;
    case 0:
        snprintf(err, BROADCAST_ERR_MAX, "broadcast %lld is not a draft any more", (long long)id);
        return BROADCAST_CONFLICT;
    default:
        return BROADCAST_FAILED;
    }
}

enum broadcast_rc
broadcast_cancel(struct db *db, int64_t id, int64_t *stopped, char err[BROADCAST_ERR_MAX])
{
    struct db_broadcast b;
    int rc = db_broadcast_get(db, id, "UTC", &b), cancelled; /* its state only: any zone */

    if (rc < 0)
        return BROADCAST_FAILED;
    if (rc == 0) {
        snprintf(err, BROADCAST_ERR_MAX, "no broadcast %lld", (long long)id);
        return BROADCAST_NOT_FOUND;
    }
    cancelled = strcmp(b.state, "cancelled") == 0;
    db_broadcast_clear(&b);
    if (!cancelled) {
        switch (db_broadcast_cancel(db, id, stopped)) {
        case 1:
            return BROADCAST_OK;
        case 0:
            break; /* cancelled by someone else in between */
        default:
            return BROADCAST_FAILED;
        }
    }
    snprintf(err, BROADCAST_ERR_MAX, "broadcast %lld is cancelled already", (long long)id);
    return BROADCAST_CONFLICT;
}

enum broadcast_rc
broadcast_progress(struct db *db, int64_t id, int started, struct broadcast_progress *out)
{
    memset(out, 0, sizeof(*out));
    if (db_outbox_counts(db, id, &out->n) < 0)
        return BROADCAST_FAILED;
    out->sent = out->n.accepted + out->n.delivered + out->n.failed;
    out->total = out->sent + out->n.queued + out->n.sending;
    /* With no row to send, a started broadcast is complete and a draft has
     * not begun. */
    if (out->total > 0)
        out->percent = (int)(out->sent * 100 / out->total);
    else
        out->percent = started ? 100 : 0;
    return BROADCAST_OK;
}

enum broadcast_rc
broadcast_status(struct db *db, const struct cfg *c, int64_t id, struct db_broadcast *b,
                 struct broadcast_progress *p, char err[BROADCAST_ERR_MAX])
{
    int rc = db_broadcast_get(db, id, c->timezone, b);

    if (rc < 0)
        return BROADCAST_FAILED;
    if (rc == 0) {
        snprintf(err, BROADCAST_ERR_MAX, "no broadcast %lld", (long long)id);
        return BROADCAST_NOT_FOUND;
    }
    if (broadcast_progress(db, id, b->started[0] != '\0', p) != BROADCAST_OK) {
        db_broadcast_clear(b);
        return BROADCAST_FAILED;
    }
    return BROADCAST_OK;
}
