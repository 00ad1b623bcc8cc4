/*
 * The local journal: where an SMS goes when PostgreSQL cannot take it.
 *
 * Kannel forgets an MO once it has started the HTTP request, and keeps its
 * retries in memory only (KANNEL.md), so a 503 while PostgreSQL is down
 * puts the MO at the mercy of smsbox staying up.  Instead, an SMS whose
 * batch failed, or that waited for the database longer than
 * journal.after, is appended to a file in journal.dir and made durable
 * (fdatasync) before Kannel is answered, with the "received" reply: the
 * answer follows by SMS.  A replay thread feeds the journal to the intake
 * once the database answers again, exactly as if Kannel had sent each MO
 * then (its Kannel id keeps it to one row, whether or not an earlier
 * attempt was stored after all), and queues each stored reply in the
 * outbox as the follow-up SMS, at most once per message (the outbox's
 * unique message_id).  A file is removed once all of it is replayed.
 *
 * The file format (gateway/journal_codec.c, pure): records one after the
 * other, each a 12-byte header (the magic "AJR1", the payload's length and
 * its CRC-32C, little-endian) and the payload.  A record cut short at the
 * end of a file (a crash in the middle of a write, before its answer) is
 * "torn"; a record whose header or CRC is wrong is "bad".  Both are logged
 * as errors with the file and offset, counted, and the file is kept,
 * renamed *.damaged, once its readable records are replayed: never skipped
 * silently.
 */
#ifndef ASPIRASI_JOURNAL_H
#define ASPIRASI_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "config/cfg.h"
#include "gateway/intake.h"

/* ---- records (gateway/journal_codec.c: no I/O) ------------------------ */

#define JOURNAL_MAGIC      "AJR1"
#define JOURNAL_HEADER     12              /* magic, length, CRC-32C */
#define JOURNAL_RECORD_MAX (4u * 1048576u) /* bytes of a payload at most */

/* One journaled MO: what the intake needs to store it as Kannel sent it.
 * Every string is NUL-terminated without a NUL inside; raw may hold any
 * bytes (and is followed by a NUL too when decoded). */
struct journal_rec {
    int64_t received_us; /* when aspirasid received it, microseconds since 1970 */
    int64_t sent_at;     /* Kannel's %T, seconds since 1970; 0 unknown */
    int coding;          /* Kannel's %c: 0, 1 or 2; -1 unknown */
    const char *kannel_id;
    const char *msisdn; /* normalised */
    const char *short_code;
    const char *smsc;
    const char *charset;
    const char *meta;
    const char *text; /* UTF-8 */
    size_t text_len;
    const char *raw;
    size_t raw_len;
};

/* Bytes journal_encode() writes for r, header included; 0 when r cannot be
 * a record (a string holds a NUL byte, the payload would exceed
 * JOURNAL_RECORD_MAX, kannel_id or msisdn is empty, or coding is not
 * -1..2). */
size_t journal_encoded_len(const struct journal_rec *r);

/* Writes r as one record into out (journal_encoded_len(r) bytes). */
void journal_encode(const struct journal_rec *r, char *out);

enum journal_read {
    JOURNAL_REC = 0, /* a record: *out and *used are set */
    JOURNAL_END,     /* len is 0 */
    JOURNAL_TORN,    /* fewer bytes than the record announces: *used is len */
    JOURNAL_BAD      /* no record starts here: *used is 1, resume after it */
};

/*
 * Reads the record at the start of buf (len bytes).  On JOURNAL_REC the
 * strings of *out point into buf, which must stay as it is, and *used is
 * the record's length.  A header that is not the magic, a length beyond
 * JOURNAL_RECORD_MAX, a CRC that does not match or a payload that does not
 * hold exactly the fields of a record is JOURNAL_BAD; a header or payload
 * that runs past len (when nothing in what is there is wrong) is
 * JOURNAL_TORN.
 */
enum journal_read journal_decode(const char *buf, size_t len, size_t *used,
                                 struct journal_rec *out);

/* CRC-32C (Castagnoli) of n bytes, as the record header holds it. */
uint32_t journal_crc32c(const void *p, size_t n);

/* ---- the journal (gateway/journal.c) ----------------------------------- */

struct journal;

/*
 * Opens journal.dir (creating it, mode 0700, when missing) and counts the
 * records of the files already there (a journal left by a stopped or
 * crashed aspirasid).  lx classifies replayed MOs as the HTTP threads do;
 * in takes them.  Returns NULL after logging why.
 */
struct journal *journal_open(const struct cfg *c, const struct lexicon *lx, struct intake *in);

/* Starts the replay thread, which takes its own database connection. */
void journal_start(struct journal *j);

/*
 * Appends the MO of job (an SMS: kind INTAKE_MO, mo filled by gw_mo_parse())
 * and makes it durable.  Returns 0 once it is on disk, -1 (logged) when it
 * could not be written: then it must not be acknowledged.
 */
int journal_append(struct journal *j, const struct intake_job *job);

/*
 * The answer to the stored MO kannel_id did not reach Kannel: the client
 * had closed the connection when the answer was ready, or the answer could
 * not be sent in full (smsbox went away while the MO was being committed).
 * The replay thread queues its stored reply in the outbox, at most once per
 * message as for a replayed MO.  Kept in memory only (JOURNAL_FOLLOW_MAX at
 * most): best effort, for what aspirasid can see; an answer written in full
 * that smsbox never read is not seen.
 */
void journal_followup(struct journal *j, const char *kannel_id);

/* Records in the journal not yet replayed. */
int64_t journal_pending(struct journal *j);

/* Stops the replay thread (a replay under way ends after its current
 * chunk) and frees the journal; what is not replayed stays on disk. */
void journal_close(struct journal *j);

#endif
