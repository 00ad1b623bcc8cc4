/*
 * The local journal (gateway/journal.h): appending, and the replay thread.
 *
 * journal.dir holds segments named by a 20-digit sequence number and
 * ".jnl", appended in that order; HTTP threads append to the newest one
 * under a lock, each record written and fdatasync'd before its caller
 * answers.  A segment is closed when it reaches JOURNAL_SEGMENT_MAX, and by
 * the replay thread before it replays: every segment up to the one it
 * closed is then complete, and new SMS go to a new one.
 *
 * The replay thread looks every JOURNAL_POLL_MS.  With records waiting and
 * the database answering, it reads each closed segment, submits its
 * records to the intake in chunks of up to JOURNAL_CHUNK MOs (classified
 * as the HTTP threads would), and once a chunk is stored queues the stored
 * replies of its MOs in the outbox (db_outbox_replies()).  A chunk that
 * fails ends the pass; the next pass starts the segment again, which is
 * harmless: an MO stored already is a duplicate (its Kannel id) and its
 * reply is queued at most once.  A replayed segment is removed, or renamed
 * *.damaged when it held damage.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "gateway/journal.h"
#include "gateway/metrics.h"
#include "gateway/mo.h"

#define JOURNAL_SEGMENT_MAX (16u * 1048576u) /* bytes after which a new segment starts */
#define JOURNAL_CHUNK       64               /* MOs submitted at once by the replay */
#define JOURNAL_POLL_MS     1000
#define JOURNAL_FOLLOW_MAX  4096 /* replies waiting to be sent again, at most */
#define JOURNAL_SUFFIX      ".jnl"
#define JOURNAL_NAME_LEN    (20 + sizeof(JOURNAL_SUFFIX) - 1)

struct journal {
    const struct cfg *cfg;
    const struct lexicon *lx;
    struct intake *in;
    char *dir;
    int dirfd;

    pthread_mutex_t lock; /* the segment being appended to */
    int fd;               /* or -1 */
    uint64_t seq;         /* the newest segment's number */
    size_t size;          /* bytes in fd */

    atomic_llong pending; /* records not yet replayed */
    atomic_int dirty;     /* a segment holds something to replay or report */

    pthread_mutex_t wait_lock;
    pthread_cond_t wake;              /* the replay thread: stopping, or follow[] */
    char *follow[JOURNAL_FOLLOW_MAX]; /* journal_followup()'s Kannel ids */
    int nfollow;
    atomic_int stopping;
    int started;
    pthread_t thread;
    struct db *db;         /* the replay's: the outbox */
    const char *replaying; /* the name of the segment being replayed */
};

/* One MO of a chunk being replayed. */
struct replay_mo {
    struct gw_mo mo;
    const char *rec; /* its record, in the segment read */
    size_t rec_len;
};

struct replay_chunk {
    pthread_mutex_t lock;
    pthread_cond_t done;
    int left;
    int n;
    struct replay_mo mos[JOURNAL_CHUNK];
};

/* Reads the segment number of a file name: "<20 digits>.jnl" is a segment
 * (returns 1), and a name that goes on after it (".jnl.damaged",
 * ".jnl.refused") was one (returns 0); anything else returns -1. */
static int
segment_seq(const char *name, uint64_t *seq)
{
    uint64_t v = 0;

    if (strlen(name) < JOURNAL_NAME_LEN ||
        strncmp(name + 20, JOURNAL_SUFFIX, sizeof(JOURNAL_SUFFIX) - 1) != 0)
        return -1;
    for (int i = 0; i < 20; i++) {
        if (name[i] < '0' || name[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(name[i] - '0');
    }
    *seq = v;
    return name[JOURNAL_NAME_LEN] == '\0';
}

static int
seq_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

/* The segments in the directory, oldest first, up to and including max (0:
 * all); also raises j->seq to the newest number seen.  Returns how many, with a
 * malloc'd array in *out, or -1. */
static int
segments_list(struct journal *j, uint64_t max, uint64_t **out)
{
    DIR *d = opendir(j->dir);
    struct dirent *e;
    uint64_t *v = NULL, seq, top = 0;
    size_t n = 0, cap = 0;

    *out = NULL;
    if (d == NULL) {
        log_warnx("event=journal_list_failed dir=\"%s\" error=\"%s\"", j->dir, strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        int rc = segment_seq(e->d_name, &seq);
        struct stat st;

        if (rc < 0)
            continue;
        if (seq > top)
            top = seq;
        if (rc == 0)
            continue;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode)) {
            log_errorx("event=journal_not_a_file file=\"%s/%s\"", j->dir, e->d_name);
            continue;
        }
        if (max != 0 && seq > max)
            continue;
        if (n == cap) {
            cap = cap != 0 ? cap * 2 : 16;
            v = xrealloc(v, cap * sizeof(*v));
        }
        v[n++] = seq;
    }
    closedir(d);
    /* A number is never used twice, not even a kept *.damaged's. */
    pthread_mutex_lock(&j->lock);
    if (top > j->seq)
        j->seq = top;
    pthread_mutex_unlock(&j->lock);
    if (n > 1)
        qsort(v, n, sizeof(*v), seq_cmp);
    *out = v;
    return (int)n;
}

static void
segment_name(uint64_t seq, char name[JOURNAL_NAME_LEN + 1])
{
    snprintf(name, JOURNAL_NAME_LEN + 1, "%020" PRIu64 JOURNAL_SUFFIX, seq);
}

/* Reads a whole segment into a malloc'd buffer.  Returns 0 or -1. */
static int
segment_read(struct journal *j, uint64_t seq, char **buf, size_t *len)
{
    char name[JOURNAL_NAME_LEN + 1];
    struct stat st;
    size_t got = 0;
    int fd;

    segment_name(seq, name);
    *buf = NULL;
    *len = 0;
    if ((fd = openat(j->dirfd, name, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0) {
        log_warnx("event=journal_read_failed file=\"%s/%s\" error=\"%s\"", j->dir, name,
                  strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    *buf = xmalloc((size_t)st.st_size + 1);
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, *buf + got, (size_t)st.st_size - got);

        if (r <= 0) {
            if (r < 0 && errno == EINTR)
                continue;
            break; /* shorter than it was: read what there is */
        }
        got += (size_t)r;
    }
    close(fd);
    *len = got;
    return 0;
}

/* Whether a whole record starts somewhere after off. */
static int
record_after(const char *buf, size_t len, size_t off)
{
    struct journal_rec r;
    size_t used;

    for (size_t i = off + 1; i + JOURNAL_HEADER <= len; i++) {
        const char *m = memchr(buf + i, JOURNAL_MAGIC[0], len - i);

        if (m == NULL)
            return 0;
        i = (size_t)(m - buf);
        if (journal_decode(buf + i, len - i, &used, &r) == JOURNAL_REC)
            return 1;
    }
    return 0;
}

/*
 * Walks a segment's records: cb (when not NULL) gets each readable one,
 * decoded and as bytes;
 * each damaged stretch (a run of bytes where no record starts, or a torn
 * last record) is logged when report is set.  Returns the readable records
 * and sets *damaged to the damaged stretches.
 */
static int
segment_walk(const char *file, const char *buf, size_t len, int report, int *damaged,
             int (*cb)(void *ctx, const struct journal_rec *r, const char *rec, size_t len),
             void *ctx)
{
    size_t off = 0, used, bad_from = 0;
    int n = 0, in_bad = 0;
    struct journal_rec r;
    enum journal_read rc;

    *damaged = 0;
    for (;;) {
        rc = journal_decode(buf + off, len - off, &used, &r);
        /* A record that seems to run past the end while a whole one comes
         * after it had its length damaged: skip it as damage. */
        if (rc == JOURNAL_TORN && record_after(buf, len, off)) {
            rc = JOURNAL_BAD;
            used = 1;
        }
        if (rc == JOURNAL_BAD) {
            if (!in_bad)
                bad_from = off;
            in_bad = 1;
            off += used;
            continue;
        }
        if (in_bad) {
            (*damaged)++;
            if (report)
                log_errorx("event=journal_damaged file=\"%s\" offset=%zu bytes=%zu "
                           "reason=\"no record starts here\"",
                           file, bad_from, off - bad_from);
            in_bad = 0;
        }
        if (rc != JOURNAL_REC) {
            if (rc == JOURNAL_TORN) {
                (*damaged)++;
                if (report)
                    log_errorx("event=journal_damaged file=\"%s\" offset=%zu bytes=%zu "
                               "reason=\"torn last record, never acknowledged\"",
                               file, off, len - off);
            }
            break;
        }
        n++;
        if (cb != NULL && cb(ctx, &r, buf + off, used) < 0)
            return -1;
        off += used;
    }
    return n;
}

/* Makes dir and its missing parents, mode 0700.  Returns 0 or -1. */
static int
mkdirs(const char *dir)
{
    char *p = xstrdup(dir);
    int rc = 0;

    for (char *s = p + 1; rc == 0; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;

        *s = '\0';
        if (mkdir(p, 0700) < 0 && errno != EEXIST)
            rc = -1;
        *s = c;
        if (c == '\0')
            break;
    }
    free(p);
    return rc;
}

struct journal *
journal_open(const struct cfg *c, const struct lexicon *lx, struct intake *in)
{
    struct journal *j = xcalloc(1, sizeof(*j));
    uint64_t *segs;
    int64_t records = 0;
    int n, damaged = 0;

    j->cfg = c;
    j->lx = lx;
    j->in = in;
    j->fd = -1;
    j->dir = xstrdup(c->journal_dir);
    pthread_mutex_init(&j->lock, NULL);
    pthread_mutex_init(&j->wait_lock, NULL);
    pthread_cond_init(&j->wake, NULL);
    if (mkdirs(j->dir) < 0 || (j->dirfd = open(j->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        log_errorx("event=journal_open_failed dir=\"%s\" error=\"%s\"", j->dir, strerror(errno));
        j->dirfd = -1;
        journal_close(j);
        return NULL;
    }
    if ((n = segments_list(j, 0, &segs)) < 0) {
        journal_close(j);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        char name[JOURNAL_NAME_LEN + 1], *buf;
        size_t len;
        int d;

        segment_name(segs[i], name);
        if (segment_read(j, segs[i], &buf, &len) == 0) {
            records += segment_walk(name, buf, len, 0, &d, NULL, NULL);
            damaged += d;
        }
        free(buf);
    }
    free(segs);
    atomic_store(&j->pending, records);
    atomic_store(&j->dirty, n > 0);
    metrics_journal_pending(records);
    log_info("event=journal_opened dir=\"%s\" files=%d pending=%lld damaged=%d", j->dir, n,
             (long long)records, damaged);
    return j;
}

/* Writes all of buf.  Returns 0 or -1. */
static int
write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, buf, len);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Opens the next segment.  Called with the lock held.  Returns 0 or -1. */
static int
segment_open(struct journal *j)
{
    char name[JOURNAL_NAME_LEN + 1];

    segment_name(j->seq + 1, name);
    j->fd = openat(j->dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0600);
    if (j->fd < 0)
        return -1;
    j->seq++;
    j->size = 0;
    atomic_store(&j->dirty, 1);
    /* The new name must survive a crash as much as the records in it. */
    return fsync(j->dirfd);
}

int
journal_append(struct journal *j, const struct intake_job *job)
{
    const struct db_mo *m = &job->mo;
    struct timespec real, mono;
    struct journal_rec r = {
        .sent_at = m->sent_at,
        .coding = m->coding,
        .kannel_id = m->kannel_id,
        .msisdn = m->msisdn,
        .short_code = m->short_code,
        .smsc = m->smsc,
        .charset = m->charset,
        .meta = m->meta,
        .text = m->text,
        .text_len = m->text_len,
        .raw = m->raw,
        .raw_len = m->raw_len,
    };
    const char *what = NULL;
    size_t len;
    char *buf;

    /* When it was received: now, less the time it waited in the intake. */
    clock_gettime(CLOCK_REALTIME, &real);
    clock_gettime(CLOCK_MONOTONIC, &mono);
    r.received_us = (int64_t)real.tv_sec * 1000000 + real.tv_nsec / 1000 -
                    ((int64_t)(mono.tv_sec - job->queued_at.tv_sec) * 1000000 +
                     (mono.tv_nsec - job->queued_at.tv_nsec) / 1000);
    if ((len = journal_encoded_len(&r)) == 0) {
        log_errorx("event=journal_append_failed reason=\"the message cannot be a record\"");
        metrics_journal(METRICS_JOURNAL_FAILED, 1);
        return -1;
    }
    buf = xmalloc(len);
    journal_encode(&r, buf);
    pthread_mutex_lock(&j->lock);
    if (j->fd >= 0 && j->size >= JOURNAL_SEGMENT_MAX) {
        close(j->fd);
        j->fd = -1;
    }
    if (j->fd < 0 && segment_open(j) < 0)
        what = "open";
    else if (write_all(j->fd, buf, len) < 0)
        what = "write";
    else if (fdatasync(j->fd) < 0)
        what = "fdatasync";
    if (what != NULL) {
        int err = errno;

        /* Whatever reached the file may or may not be there after a crash:
         * a new segment from the next SMS on; a record cut short here is
         * reported as torn when replayed, and this SMS is answered 503. */
        if (j->fd >= 0)
            close(j->fd);
        j->fd = -1;
        pthread_mutex_unlock(&j->lock);
        free(buf);
        log_errorx("event=journal_append_failed dir=\"%s\" step=%s error=\"%s\"", j->dir, what,
                   strerror(err));
        metrics_journal(METRICS_JOURNAL_FAILED, 1);
        return -1;
    }
    j->size += len;
    atomic_fetch_add(&j->pending, 1);
    pthread_mutex_unlock(&j->lock);
    free(buf);
    metrics_journal(METRICS_JOURNAL_WRITTEN, 1);
    metrics_journal_pending(1);
    return 0;
}

int64_t
journal_pending(struct journal *j)
{
    return atomic_load(&j->pending);
}

/* intake_job.done of a replayed MO: runs on a worker thread. */
static void
replay_done(struct intake_job *job, void *ctx)
{
    struct replay_chunk *c = ctx;

    (void)job;
    pthread_mutex_lock(&c->lock);
    if (--c->left == 0)
        pthread_cond_signal(&c->done);
    pthread_mutex_unlock(&c->lock);
}

/* Adds record r to the chunk as an MO ready for the intake.  Returns 0, or
 * -1 when its number does not fit (a record no aspirasid writes). */
static int
chunk_add(struct replay_chunk *c, const struct lexicon *lx, const struct journal_rec *r,
          const char *rec, size_t rec_len)
{
    struct replay_mo *rm = &c->mos[c->n];
    struct gw_mo *mo = &rm->mo;

    if (strlen(r->msisdn) >= sizeof(mo->msisdn))
        return -1;
    memset(rm, 0, sizeof(*rm));
    rm->rec = rec;
    rm->rec_len = rec_len;
    mo->id = xstrdup(r->kannel_id);
    memcpy(mo->msisdn, r->msisdn, strlen(r->msisdn) + 1);
    mo->to = xstrdup(r->short_code);
    mo->smsc = xstrdup(r->smsc);
    mo->charset = xstrdup(r->charset);
    mo->meta = xstrdup(r->meta);
    mo->text = xstrndup(r->text, r->text_len);
    mo->text_len = r->text_len;
    mo->have_text = 1;
    mo->raw = xmalloc(r->raw_len + 1);
    memcpy(mo->raw, r->raw, r->raw_len + 1);
    mo->raw_len = r->raw_len;
    gw_mo_fill(mo, r->coding, r->sent_at);
    mo->job.mo.received_us = r->received_us;
    gw_mo_prepare(mo, lx);
    mo->job.done = replay_done;
    mo->job.done_ctx = c;
    c->n++;
    return 0;
}

static void
chunk_clear(struct replay_chunk *c)
{
    for (int i = 0; i < c->n; i++)
        gw_mo_clear(&c->mos[i].mo);
    c->n = 0;
}

/* Submits the MOs of c from first on (all, or one) and waits for them. */
static void
chunk_submit(struct journal *j, struct replay_chunk *c, int first, int n)
{
    pthread_mutex_lock(&c->lock);
    c->left = n;
    pthread_mutex_unlock(&c->lock);
    for (int i = first; i < first + n; i++)
        intake_submit(j->in, &c->mos[i].mo.job);
    pthread_mutex_lock(&c->lock);
    while (c->left > 0)
        pthread_cond_wait(&c->done, &c->lock);
    pthread_mutex_unlock(&c->lock);
}

/* Appends a record the database refuses to <segment>.refused and makes it
 * durable.  Returns 0 or -1. */
static int
refused_keep(struct journal *j, const struct replay_mo *rm)
{
    char name[JOURNAL_NAME_LEN + 16], id[MO_ID_MAX + 1];
    int fd, rc = -1;

    snprintf(name, sizeof(name), "%s.refused", j->replaying);
    fd = openat(j->dirfd, name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0 && write_all(fd, rm->rec, rm->rec_len) == 0 && fdatasync(fd) == 0 &&
        fsync(j->dirfd) == 0)
        rc = 0;
    if (fd >= 0)
        close(fd);
    log_quote(rm->mo.id, id, sizeof(id));
    if (rc < 0)
        log_errorx("event=journal_refused_failed file=\"%s/%s\" kannel_id=\"%s\" error=\"%s\"",
                   j->dir, name, id, strerror(errno));
    else
        log_errorx("event=journal_refused file=\"%s/%s\" kannel_id=\"%s\" "
                   "reason=\"the database refuses this message; its record is kept there\"",
                   j->dir, name, id);
    return rc;
}

/*
 * Stores the chunk's MOs and queues their replies.  An MO that fails while
 * the database answers is tried once more alone; when the database still
 * refuses it (a trigger, a constraint: nothing a retry changes), its record
 * is kept aside in a *.refused file, logged as an error and counted, so
 * that it does not hold back the rest of the journal.  Returns 0, or -1
 * when the database is away (the pass ends; all of it is tried again).
 */
static int
chunk_run(struct journal *j, struct replay_chunk *c)
{
    const char *ids[JOURNAL_CHUNK];
    int i, stored = 0, queued = 0, refused = 0, away = 0;

    if (c->n == 0)
        return 0;
    chunk_submit(j, c, 0, c->n);
    for (i = 0; i < c->n && !away; i++) {
        struct intake_job *job = &c->mos[i].mo.job;

        if (job->state != INTAKE_DONE && !job->late && db_ping(j->db) == 0)
            chunk_submit(j, c, i, 1);
        if (job->state == INTAKE_DONE)
            ids[stored++] = c->mos[i].mo.id;
        else if (job->late || db_ping(j->db) < 0 || refused_keep(j, &c->mos[i]) < 0)
            away = 1;
        else
            refused++;
    }
    if (!away && db_outbox_replies(j->db, ids, (size_t)stored, &queued) < 0)
        away = 1;
    log_info("event=journal_replayed mos=%d stored=%d refused=%d replies_queued=%d away=%d", c->n,
             stored, refused, queued, away);
    if (!away) {
        metrics_journal(METRICS_JOURNAL_REPLAYED, stored);
        metrics_journal(METRICS_JOURNAL_REFUSED, refused);
    }
    chunk_clear(c);
    return away ? -1 : 0;
}

struct replay_ctx {
    struct journal *j;
    struct replay_chunk *c;
    int damaged; /* records that cannot be an MO */
};

static int
replay_record(void *ctx, const struct journal_rec *r, const char *rec, size_t len)
{
    struct replay_ctx *rc = ctx;

    if (atomic_load(&rc->j->stopping))
        return -1;
    if (chunk_add(rc->c, rc->j->lx, r, rec, len) < 0) {
        log_errorx("event=journal_damaged reason=\"a record with a number too long\"");
        rc->damaged++;
        return 0;
    }
    if (rc->c->n == JOURNAL_CHUNK)
        return chunk_run(rc->j, rc->c);
    return 0;
}

/* Replays one closed segment, then removes it (or renames it *.damaged).
 * Returns 0, or -1 when the pass must end. */
static int
segment_replay(struct journal *j, uint64_t seq, struct replay_chunk *c)
{
    char name[JOURNAL_NAME_LEN + 1], file[PATH_MAX], damaged_name[JOURNAL_NAME_LEN + 16];
    struct replay_ctx ctx = {j, c, 0};
    char *buf;
    size_t len;
    int n, damaged;

    segment_name(seq, name);
    snprintf(file, sizeof(file), "%s/%s", j->dir, name);
    if (segment_read(j, seq, &buf, &len) < 0)
        return -1;
    j->replaying = name;
    n = segment_walk(file, buf, len, 1, &damaged, replay_record, &ctx);
    if (n >= 0 && chunk_run(j, c) < 0)
        n = -1;
    chunk_clear(c);
    free(buf);
    j->replaying = NULL; /* name is this function's */
    if (n < 0)
        return -1;
    damaged += ctx.damaged;
    if (damaged > 0) {
        metrics_journal(METRICS_JOURNAL_DAMAGED, damaged);
        snprintf(damaged_name, sizeof(damaged_name), "%s.damaged", name);
        if (renameat(j->dirfd, name, j->dirfd, damaged_name) < 0) {
            log_warnx("event=journal_rename_failed file=\"%s\" error=\"%s\"", file,
                      strerror(errno));
            return -1;
        }
        log_errorx("event=journal_kept file=\"%s/%s\" records=%d damaged=%d", j->dir, damaged_name,
                   n, damaged);
    } else if (unlinkat(j->dirfd, name, 0) < 0) {
        log_warnx("event=journal_remove_failed file=\"%s\" error=\"%s\"", file, strerror(errno));
        return -1;
    }
    fsync(j->dirfd);
    atomic_fetch_sub(&j->pending, n);
    metrics_journal_pending(-(int64_t)n);
    log_info("event=journal_file_done file=\"%s\" records=%d damaged=%d", file, n, damaged);
    return 0;
}

/* One pass: closes the segment being appended to and replays every segment
 * up to it, oldest first. */
static void
replay_pass(struct journal *j, struct replay_chunk *c)
{
    uint64_t *segs, upto;
    int n, i;

    if (j->db == NULL && (j->db = db_connect(j->cfg->database)) == NULL)
        return;
    /* A query, not only the connection's state: a connection idle since
     * the server stopped still looks fine, and the segment being appended
     * to would be closed for a pass that cannot store anything. */
    if (db_ping(j->db) < 0)
        return;
    pthread_mutex_lock(&j->lock);
    if (j->fd >= 0) {
        close(j->fd);
        j->fd = -1;
    }
    upto = j->seq;
    atomic_store(&j->dirty, 0);
    pthread_mutex_unlock(&j->lock);
    if ((n = segments_list(j, upto, &segs)) < 0) {
        atomic_store(&j->dirty, 1);
        return;
    }
    for (i = 0; i < n; i++) {
        if (segment_replay(j, segs[i], c) < 0) {
            atomic_store(&j->dirty, 1);
            break;
        }
    }
    free(segs);
}

/* Queues in the outbox the replies of the MOs in pend (Kannel ids) whose
 * answer may not have reached Kannel.  Returns 0, or -1 (they stay). */
static int
followups_run(struct journal *j, char **pend, int n)
{
    int queued = 0;

    if (n == 0)
        return 0;
    if ((j->db == NULL && (j->db = db_connect(j->cfg->database)) == NULL) || db_ensure(j->db) < 0 ||
        db_outbox_replies(j->db, (const char *const *)pend, (size_t)n, &queued) < 0)
        return -1;
    log_info("event=replies_resent mos=%d replies_queued=%d", n, queued);
    metrics_journal(METRICS_JOURNAL_RESENT, queued);
    return 0;
}

static void *
replay_main(void *arg)
{
    struct journal *j = arg;
    struct replay_chunk *c = xcalloc(1, sizeof(*c));
    char **pend = xcalloc(JOURNAL_FOLLOW_MAX, sizeof(*pend));
    struct timespec next;
    int npend = 0, i;

    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->done, NULL);
    for (;;) {
        pthread_mutex_lock(&j->wait_lock);
        clock_gettime(CLOCK_REALTIME, &next);
        next.tv_sec += JOURNAL_POLL_MS / 1000;
        while (!j->stopping && j->nfollow == 0 &&
               pthread_cond_timedwait(&j->wake, &j->wait_lock, &next) == 0)
            ;
        if (j->stopping) {
            pthread_mutex_unlock(&j->wait_lock);
            break;
        }
        for (i = 0; i < j->nfollow; i++) {
            if (npend < JOURNAL_FOLLOW_MAX)
                pend[npend++] = j->follow[i];
            else
                free(j->follow[i]);
        }
        j->nfollow = 0;
        pthread_mutex_unlock(&j->wait_lock);
        if (followups_run(j, pend, npend) == 0) {
            for (i = 0; i < npend; i++)
                free(pend[i]);
            npend = 0;
        }
        if (atomic_load(&j->dirty))
            replay_pass(j, c);
    }
    if (npend > 0)
        log_warnx("event=replies_not_resent mos=%d reason=\"stopping without the database\"",
                  npend);
    for (i = 0; i < npend; i++)
        free(pend[i]);
    free(pend);
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->done);
    free(c);
    return NULL;
}

void
journal_followup(struct journal *j, const char *kannel_id)
{
    char id[MO_ID_MAX + 1];

    pthread_mutex_lock(&j->wait_lock);
    if (j->nfollow < JOURNAL_FOLLOW_MAX) {
        j->follow[j->nfollow++] = xstrdup(kannel_id);
        pthread_cond_signal(&j->wake);
        pthread_mutex_unlock(&j->wait_lock);
        return;
    }
    pthread_mutex_unlock(&j->wait_lock);
    log_warnx("event=reply_not_resent kannel_id=\"%s\" reason=\"too many waiting\"",
              log_quote(kannel_id, id, sizeof(id)));
}

void
journal_start(struct journal *j)
{
    if (pthread_create(&j->thread, NULL, replay_main, j) != 0)
        fatal("event=thread_create_failed what=journal");
    j->started = 1;
}

void
journal_close(struct journal *j)
{
    if (j == NULL)
        return;
    if (j->started) {
        pthread_mutex_lock(&j->wait_lock);
        j->stopping = 1;
        pthread_cond_signal(&j->wake);
        pthread_mutex_unlock(&j->wait_lock);
        pthread_join(j->thread, NULL);
    }
    if (j->fd >= 0)
        close(j->fd);
    if (j->dirfd >= 0)
        close(j->dirfd);
    db_close(j->db);
    pthread_mutex_destroy(&j->lock);
    pthread_mutex_destroy(&j->wait_lock);
    pthread_cond_destroy(&j->wake);
    for (int i = 0; i < j->nfollow; i++)
        free(j->follow[i]);
    free(j->dir);
    free(j);
}
