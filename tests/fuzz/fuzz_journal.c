/*
 * Fuzz target for gateway/journal_codec.c: the records of the local
 * journal, as read back from a file after a crash.
 *
 * The input is a journal file.  It is walked as the reader walks one: a
 * record, then what follows it; a bad byte skipped; a torn record or the
 * end stops the walk.  Whatever the bytes, every answer keeps its promise:
 * *used is in [1, what is left] for a record, a bad byte and a torn record,
 * 1 for a bad byte, all that is left for a torn record (which starts with
 * the magic, or as much of it as there is, and whose length, when there,
 * is one a record can have); the end comes only with nothing left.  Every record found re-encodes
 * to exactly the bytes it was read from; its strings point into those bytes, have the lengths the
 * record states, hold no NUL (raw excepted) and are NUL-terminated;
 * kannel_id and msisdn are not empty and coding is -1 to 2.
 *
 * A short input is also cut into the fields of a record, which, unless
 * journal_encoded_len() refuses it for a reason it has (an empty kannel_id
 * or msisdn, a NUL inside the text), encodes to the length the format
 * gives and decodes back to the same fields, torn when any byte is
 * missing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gateway/journal.h"
#include "tests/fuzz/fuzz.h"

#define FIXED    20 /* bytes of a payload before its strings */
#define NSTRINGS 8

static uint32_t
le32(const char *p)
{
    const unsigned char *b = (const unsigned char *)p;

    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* A record decoded from [rec, rec + len): checked against its bytes. */
static void
check_record(const struct journal_rec *r, const char *rec, size_t len)
{
    const char *s[NSTRINGS] = {r->kannel_id, r->msisdn, r->short_code, r->smsc,
                               r->charset,   r->meta,   r->text,       r->raw};
    size_t off = JOURNAL_HEADER + FIXED, n, elen;
    char *again;

    FUZZ_CHECK(len >= JOURNAL_HEADER + FIXED + NSTRINGS * 5 + 2);
    FUZZ_CHECK(memcmp(rec, JOURNAL_MAGIC, 4) == 0);
    FUZZ_CHECK(le32(rec + 4) == len - JOURNAL_HEADER && le32(rec + 4) <= JOURNAL_RECORD_MAX);
    FUZZ_CHECK(le32(rec + 8) == journal_crc32c(rec + JOURNAL_HEADER, len - JOURNAL_HEADER));
    FUZZ_CHECK(r->coding >= -1 && r->coding <= 2);
    FUZZ_CHECK((uint32_t)r->coding == le32(rec + JOURNAL_HEADER + 16));

    /* Each string where the record puts it, with the length it states. */
    for (int i = 0; i < NSTRINGS; i++) {
        FUZZ_CHECK(off + 4 <= len);
        n = le32(rec + off);
        off += 4;
        FUZZ_CHECK(s[i] == rec + off);
        FUZZ_CHECK(n < len - off && s[i][n] == '\0');
        if (i < 6)
            FUZZ_CHECK(strlen(s[i]) == n);
        else if (i == 6)
            FUZZ_CHECK(r->text_len == n && memchr(s[i], '\0', n) == NULL);
        else
            FUZZ_CHECK(r->raw_len == n);
        off += n + 1;
    }
    FUZZ_CHECK(off == len);
    FUZZ_CHECK(r->kannel_id[0] != '\0' && r->msisdn[0] != '\0');

    /* Written again, the same bytes. */
    elen = journal_encoded_len(r);
    FUZZ_CHECK(elen == len);
    again = malloc(elen);
    if (again == NULL)
        abort();
    journal_encode(r, again);
    FUZZ_CHECK(memcmp(again, rec, len) == 0);
    free(again);
}

/* Walks the input as a reader of a journal file does. */
static void
walk(const char *buf, size_t size)
{
    size_t off = 0, used;
    struct journal_rec r;
    enum journal_read rc;

    for (;;) {
        size_t left = size - off;

        used = SIZE_MAX;
        rc = journal_decode(buf + off, left, &used, &r);
        if (rc == JOURNAL_END) {
            FUZZ_CHECK(left == 0 && used == 0);
            return;
        }
        FUZZ_CHECK(left > 0 && used >= 1 && used <= left);
        if (rc == JOURNAL_REC) {
            check_record(&r, buf + off, used);
        } else if (rc == JOURNAL_BAD) {
            FUZZ_CHECK(used == 1);
        } else {
            FUZZ_CHECK(rc == JOURNAL_TORN && used == left);
            FUZZ_CHECK(memcmp(buf + off, JOURNAL_MAGIC, left < 4 ? left : 4) == 0);
            /* A length already there that no record can have is bad. */
            if (left >= 8) {
                FUZZ_CHECK(le32(buf + off + 4) >= FIXED);
                FUZZ_CHECK(le32(buf + off + 4) <= JOURNAL_RECORD_MAX);
            }
            if (left >= JOURNAL_HEADER)
                FUZZ_CHECK(le32(buf + off + 4) > left - JOURNAL_HEADER);
            return;
        }
        off += used;
    }
}

/* Takes n bytes (fewer when fewer are left) from the input. */
static const char *
take(const char **p, size_t *left, size_t n, size_t *got)
{
    const char *s = *p;

    *got = n < *left ? n : *left;
    *p += *got;
    *left -= *got;
    return s;
}

/* A copy of n bytes, NUL-terminated.  The caller frees it. */
static char *
dup_n(const char *s, size_t n)
{
    char *c = malloc(n + 1);

    if (c == NULL)
        abort();
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

/*
 * The input cut into a record: received_us (8 bytes), sent_at (8), coding
 * (1, mod 4, less 1), then for each of the eight strings one byte of length
 * (0xFF: a NULL pointer) and that many bytes.  The C strings end at their
 * first NUL, as journal_encoded_len() reads them.
 */
static void
roundtrip(const char *in, size_t size)
{
    struct journal_rec r, got;
    const char *p = in, *field;
    char *str[NSTRINGS] = {NULL}, *rec, *copy;
    size_t left = size, n, len, want, used, flen[NSTRINGS] = {0};
    uint64_t v[2] = {0, 0};
    int refuse = 0;

    for (int i = 0; i < 2; i++) {
        field = take(&p, &left, 8, &n);
        for (size_t k = 0; k < n; k++)
            v[i] |= (uint64_t)(unsigned char)field[k] << (8 * k);
    }
    memset(&r, 0, sizeof(r));
    r.received_us = (int64_t)v[0];
    r.sent_at = (int64_t)v[1];
    field = take(&p, &left, 1, &n);
    r.coding = n == 1 ? (unsigned char)field[0] % 4 - 1 : -1;
    for (int i = 0; i < NSTRINGS; i++) {
        size_t want_n;

        field = take(&p, &left, 1, &n);
        want_n = n == 1 ? (unsigned char)field[0] : 0;
        if (want_n == 0xFF)
            continue; /* NULL */
        field = take(&p, &left, want_n, &n);
        str[i] = dup_n(field, n);
        flen[i] = n;
    }
    r.kannel_id = str[0];
    r.msisdn = str[1];
    r.short_code = str[2];
    r.smsc = str[3];
    r.charset = str[4];
    r.meta = str[5];
    r.text = str[6];
    r.text_len = flen[6];
    r.raw = str[7];
    r.raw_len = flen[7];

    /* What the format says: the length of each, refused for a reason. */
    want = JOURNAL_HEADER + FIXED + NSTRINGS * 5;
    for (int i = 0; i < NSTRINGS; i++) {
        size_t sl = str[i] == NULL ? 0 : i < 6 ? strlen(str[i]) : flen[i];

        if (i < 2 && sl == 0)
            refuse = 1;
        if (i == 6 && str[i] != NULL && memchr(str[i], '\0', sl) != NULL)
            refuse = 1;
        want += sl;
    }
    len = journal_encoded_len(&r);
    FUZZ_CHECK(len == (refuse ? 0 : want));
    if (len == 0)
        goto done;

    rec = malloc(len);
    if (rec == NULL)
        abort();
    journal_encode(&r, rec);
    FUZZ_CHECK(journal_decode(rec, len, &used, &got) == JOURNAL_REC && used == len);
    FUZZ_CHECK(got.received_us == r.received_us && got.sent_at == r.sent_at);
    FUZZ_CHECK(got.coding == r.coding);
    FUZZ_CHECK(strcmp(got.kannel_id, r.kannel_id) == 0 && strcmp(got.msisdn, r.msisdn) == 0);
    FUZZ_CHECK(strcmp(got.short_code, r.short_code ? r.short_code : "") == 0);
    FUZZ_CHECK(strcmp(got.smsc, r.smsc ? r.smsc : "") == 0);
    FUZZ_CHECK(strcmp(got.charset, r.charset ? r.charset : "") == 0);
    FUZZ_CHECK(strcmp(got.meta, r.meta ? r.meta : "") == 0);
    FUZZ_CHECK(got.text_len == r.text_len && got.text[got.text_len] == '\0');
    FUZZ_CHECK(r.text_len == 0 || memcmp(got.text, r.text, r.text_len) == 0);
    FUZZ_CHECK(got.raw_len == r.raw_len && got.raw[got.raw_len] == '\0');
    FUZZ_CHECK(r.raw_len == 0 || memcmp(got.raw, r.raw, r.raw_len) == 0);
    check_record(&got, rec, len);

    /* Cut short anywhere: torn, never a record.  The copy is exact, so
     * that reading past its end is caught. */
    n = (size_t)(unsigned char)in[0] % len;
    copy = malloc(n > 0 ? n : 1);
    if (copy == NULL)
        abort();
    memcpy(copy, rec, n);
    FUZZ_CHECK(journal_decode(copy, n, &used, &got) == (n == 0 ? JOURNAL_END : JOURNAL_TORN));
    FUZZ_CHECK(used == n);
    free(copy);
    free(rec);
done:
    for (int i = 0; i < NSTRINGS; i++)
        free(str[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    walk((const char *)data, size);
    if (size > 0 && size <= 4096)
        roundtrip((const char *)data, size);
    return 0;
}
