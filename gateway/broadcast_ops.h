/*
 * Broadcasts, as both aspirasictl and the staff API make them: the checks of
 * a text and an audience, the announcement of an agenda session, the
 * preview (recipients, encoding, segments, cost), and creating, starting,
 * cancelling and following a broadcast.  No transaction is begun or
 * committed here: aspirasictl wraps each call in one, the API runs each
 * request in one.  Errors are sentences written into err, which the CLI
 * prints and the API answers with; they never hold a phone number.
 */
#ifndef ASPIRASI_BROADCAST_OPS_H
#define ASPIRASI_BROADCAST_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "config/cfg.h"
#include "db/db.h"
#include "parsers/intent.h"

#define BROADCAST_ERR_MAX      256
#define BROADCAST_SEGMENTS_MAX 3 /* a longer text is refused: Kannel sends at most 3 parts */
/* Bytes of the longest text accepted, with room to spare: 3 x 153 septets
 * of GSM-7 at no more than 3 bytes of UTF-8 each (UCS-2's 3 x 67 units
 * take fewer). */
#define BROADCAST_BODY_MAX (3 * 153 * 3 + 1)

/* What an operation came to.  BROADCAST_FAILED is a database error, already
 * logged by db/. */
enum broadcast_rc {
    BROADCAST_FAILED = -1,
    BROADCAST_OK = 0,
    BROADCAST_INVALID,   /* the input is refused: err says why */
    BROADCAST_NOT_FOUND, /* no such broadcast: err says so */
    BROADCAST_CONFLICT   /* its state forbids it (started, cancelled): err says so */
};

/* What a broadcast is made of: a text, or the announcement of a session. */
struct broadcast_input {
    const char *text;     /* UTF-8; NULL when session_id is given */
    int64_t session_id;   /* the session to announce; 0 when text is given */
    const char *audience; /* "all", "komisi:III" or "komisi:3"; NULL: the
                             session's komisi when it has one, else "all" */
    enum lang lang;       /* of the announcement; LANG_NONE means Indonesian */
};

/* What staff see before anything is sent. */
struct broadcast_preview {
    char body[BROADCAST_BODY_MAX]; /* the text that will be sent */
    char audience[16];             /* "all" or "komisi:N" */
    int64_t session_id;            /* the session announced, 0 when none */
    int coding;                    /* 0 GSM-7, 2 UCS-2 */
    size_t characters;             /* code points of body */
    int segments;                  /* SMS segments of one message */
    int64_t recipients;            /* subscribers the audience reaches now */
    int64_t total_segments;        /* recipients x segments */
    int64_t price;                 /* Rupiah per segment (broadcast.price_per_segment) */
    int64_t cost;                  /* total_segments x price, Rupiah */
};

/* A broadcast's outbox rows by state, and how far it got. */
struct broadcast_progress {
    struct db_outbox_counts n;
    int64_t sent;  /* accepted + delivered + failed */
    int64_t total; /* sent + queued + sending: rows cancelled or opted out
                      are never sent, so they are left out */
    int percent;   /* sent of total; 100 for a started broadcast with no
                      row to send, 0 for a draft */
};

/* "GSM-7" or "UCS-2" for a coding of 0 or 2. */
const char *broadcast_encoding(int coding);

/* Code points of the UTF-8 text s. */
size_t broadcast_characters(const char *s);

/*
 * Reads an audience, "all" or "komisi:" followed by I-IV or 1-4 (in any
 * case), into out as stored: "all" or "komisi:N".  Returns 0, or -1 with
 * err saying why.
 */
int broadcast_audience_parse(const char *s, char out[16], char err[BROADCAST_ERR_MAX]);

/*
 * Checks the text of a broadcast: not empty nor only spaces and line
 * breaks, valid UTF-8, no control character but the line break, and at
 * most BROADCAST_SEGMENTS_MAX segments.  Stores its coding (0 GSM-7, 2
 * UCS-2) and segments.  Returns 0, or -1 with err saying why.
 */
int broadcast_text_check(const char *text, int *coding, int *segments, char err[BROADCAST_ERR_MAX]);

/*
 * Writes the announcement of agenda session id in language l into out
 * (outsz bytes, at least 161) and stores its komisi (0 for none) in
 * *komisi.  Returns BROADCAST_OK, BROADCAST_INVALID when there is no such
 * session (err says so), or BROADCAST_FAILED.
 */
enum broadcast_rc broadcast_session_text(struct db *db, const struct cfg *c, int64_t id,
                                         enum lang l, char *out, size_t outsz, int *komisi,
                                         char err[BROADCAST_ERR_MAX]);

/*
 * Checks in and computes its preview into out without writing anything:
 * the text (or the session's announcement), the audience, its recipients
 * now, the segments and the cost at c->price_per_segment.  Returns
 * BROADCAST_OK, BROADCAST_INVALID with err saying why and *field naming
 * the input at fault ("text", "session_id", "audience"), or
 * BROADCAST_FAILED.
 */
enum broadcast_rc broadcast_preview(struct db *db, const struct cfg *c,
                                    const struct broadcast_input *in, struct broadcast_preview *out,
                                    const char **field, char err[BROADCAST_ERR_MAX]);

/*
 * The preview of a stored broadcast b (its text, audience and segments as
 * stored, the recipients its audience reaches now).  Returns BROADCAST_OK
 * or BROADCAST_FAILED.
 */
enum broadcast_rc broadcast_preview_stored(struct db *db, const struct cfg *c, const char *body,
                                           int coding, int segments, const char *audience,
                                           int64_t session_id, struct broadcast_preview *out);

/* Creates a draft from preview p, made by actor; stores its id in *id.
 * Returns BROADCAST_OK or BROADCAST_FAILED. */
enum broadcast_rc broadcast_create(struct db *db, const struct broadcast_preview *p,
                                   const char *actor, int64_t *id);

/*
 * Reads broadcast id (times local, as db_broadcast_get()) into b when it is
 * a draft.  Returns BROADCAST_OK (b to be cleared with
 * db_broadcast_clear()), BROADCAST_NOT_FOUND, BROADCAST_CONFLICT when it is
 * running or cancelled (err says which), or BROADCAST_FAILED; b holds
 * nothing to free but after BROADCAST_OK.
 */
enum broadcast_rc broadcast_draft(struct db *db, const struct cfg *c, int64_t id,
                                  struct db_broadcast *b, char err[BROADCAST_ERR_MAX]);

/*
 * Starts draft id: one outbox row per subscriber of its audience, their
 * number in *queued.  Returns BROADCAST_OK, or what broadcast_draft()
 * refuses it with (BROADCAST_NOT_FOUND, BROADCAST_CONFLICT, err saying
 * why), or BROADCAST_FAILED.
 */
enum broadcast_rc broadcast_start(struct db *db, const struct cfg *c, int64_t id, int *queued,
                                  char err[BROADCAST_ERR_MAX]);

/*
 * Cancels broadcast id, draft or running: its rows not sent yet become
 * 'cancelled', their number in *stopped.  Returns BROADCAST_OK,
 * BROADCAST_NOT_FOUND, BROADCAST_CONFLICT when it is cancelled already,
 * or BROADCAST_FAILED.
 */
enum broadcast_rc broadcast_cancel(struct db *db, int64_t id, int64_t *stopped,
                                   char err[BROADCAST_ERR_MAX]);

/*
 * Counts the rows of broadcast id by state into out; started says whether
 * it was started (for the percentage of a broadcast with no row to send).
 * Returns BROADCAST_OK or BROADCAST_FAILED.
 */
enum broadcast_rc broadcast_progress(struct db *db, int64_t id, int started,
                                     struct broadcast_progress *out);

/*
 * Reads broadcast id (times local, as db_broadcast_get()) into b and its
 * progress into p.  Returns BROADCAST_OK (b to be cleared with
 * db_broadcast_clear()), BROADCAST_NOT_FOUND (err says so) or
 * BROADCAST_FAILED; b holds nothing to free on failure.
 */
enum broadcast_rc broadcast_status(struct db *db, const struct cfg *c, int64_t id,
                                   struct db_broadcast *b, struct broadcast_progress *p,
                                   char err[BROADCAST_ERR_MAX]);

#endif
