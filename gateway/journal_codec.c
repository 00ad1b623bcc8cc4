/*
 * Journal records to and from bytes (gateway/journal.h).  No I/O: the
 * reader is fuzzed (tests/fuzz/fuzz_journal.c) and unit-tested.
 *
 * A payload is, little-endian: received_us (8 bytes), sent_at (8), coding
 * (4, signed), then the eight strings in the order of struct journal_rec
 * (kannel_id, msisdn, short_code, smsc, charset, meta, text, raw), each as
 * its length (4) and its bytes followed by a NUL byte, so that the decoded
 * strings can point into the buffer.
 */
#include <pthread.h>
#include <string.h>

#include "gateway/journal.h"

#define NSTRINGS 8

static uint32_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

/* Fills crc_table, once: HTTP threads encode records concurrently. */
static void
crc_fill(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;

        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        crc_table[i] = c;
    }
}

uint32_t
journal_crc32c(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint32_t c = 0xFFFFFFFFu;

    pthread_once(&crc_once, crc_fill);
    while (n-- > 0)
        c = crc_table[(c ^ *b++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static void
put_u32(char *out, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        out[i] = (char)(unsigned char)(v >> (8 * i));
}

static void
put_u64(char *out, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        out[i] = (char)(unsigned char)(v >> (8 * i));
}

static uint32_t
get_u32(const char *in)
{
    uint32_t v = 0;

    for (int i = 3; i >= 0; i--)
        v = v << 8 | (unsigned char)in[i];
    return v;
}

static uint64_t
get_u64(const char *in)
{
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--)
        v = v << 8 | (unsigned char)in[i];
    return v;
}

/* The strings of r with their lengths, in the order of the payload. */
static void
rec_strings(const struct journal_rec *r, const char *s[NSTRINGS], size_t n[NSTRINGS])
{
    s[0] = r->kannel_id;
    s[1] = r->msisdn;
    s[2] = r->short_code;
    s[3] = r->smsc;
    s[4] = r->charset;
    s[5] = r->meta;
    for (int i = 0; i < 6; i++)
        n[i] = s[i] != NULL ? strlen(s[i]) : 0;
    s[6] = r->text;
    n[6] = r->text != NULL ? r->text_len : 0;
    s[7] = r->raw;
    n[7] = r->raw != NULL ? r->raw_len : 0;
}

/* Bytes of the payload before the strings. */
#define FIXED 20

size_t
journal_encoded_len(const struct journal_rec *r)
{
    const char *s[NSTRINGS];
    size_t n[NSTRINGS], len = FIXED;

    rec_strings(r, s, n);
    if (n[0] == 0 || n[1] == 0 || r->coding < -1 || r->coding > 2)
        return 0;
    for (int i = 0; i < NSTRINGS; i++) {
        /* raw may hold any byte; every other string is a C string. */
        if (i != 7 && n[i] > 0 && memchr(s[i], '\0', n[i]) != NULL)
            return 0;
        if (n[i] > JOURNAL_RECORD_MAX)
            return 0;
        len += 4 + n[i] + 1;
        if (len > JOURNAL_RECORD_MAX)
            return 0;
    }
    return JOURNAL_HEADER + len;
}

void
journal_encode(const struct journal_rec *r, char *out)
{
    const char *s[NSTRINGS];
    size_t n[NSTRINGS], len = journal_encoded_len(r), off = JOURNAL_HEADER;
    char *p = out + JOURNAL_HEADER;

    rec_strings(r, s, n);
    put_u64(p, (uint64_t)r->received_us);
    put_u64(p + 8, (uint64_t)r->sent_at);
    put_u32(p + 16, (uint32_t)r->coding);
    off += FIXED;
    for (int i = 0; i < NSTRINGS; i++) {
        put_u32(out + off, (uint32_t)n[i]);
        if (n[i] > 0)
            memcpy(out + off + 4, s[i], n[i]);
        out[off + 4 + n[i]] = '\0';
        off += 4 + n[i] + 1;
    }
    memcpy(out, JOURNAL_MAGIC, 4);
    put_u32(out + 4, (uint32_t)(len - JOURNAL_HEADER));
    put_u32(out + 8, journal_crc32c(p, len - JOURNAL_HEADER));
}

/* Reads the fields of a payload whose CRC matched.  Returns 0 or -1. */
static int
payload_read(const char *p, size_t len, struct journal_rec *out)
{
    const char *s[NSTRINGS];
    size_t n[NSTRINGS], off = FIXED;
    uint32_t coding;

    if (len < FIXED)
        return -1;
    out->received_us = (int64_t)get_u64(p);
    out->sent_at = (int64_t)get_u64(p + 8);
    coding = get_u32(p + 16);
    if (coding != 0xFFFFFFFFu && coding > 2)
        return -1;
    out->coding = coding == 0xFFFFFFFFu ? -1 : (int)coding;
    for (int i = 0; i < NSTRINGS; i++) {
        if (len - off < 4)
            return -1;
        n[i] = get_u32(p + off);
        off += 4;
        if (n[i] >= len - off || p[off + n[i]] != '\0')
            return -1;
        if (i != 7 && memchr(p + off, '\0', n[i]) != NULL)
            return -1;
        s[i] = p + off;
        off += n[i] + 1;
    }
    if (off != len || n[0] == 0 || n[1] == 0)
        return -1;
    out->kannel_id = s[0];
    out->msisdn = s[1];
    out->short_code = s[2];
    out->smsc = s[3];
    out->charset = s[4];
    out->meta = s[5];
    out->text = s[6];
    out->text_len = n[6];
    out->raw = s[7];
    out->raw_len = n[7];
    return 0;
}

enum journal_read
journal_decode(const char *buf, size_t len, size_t *used, struct journal_rec *out)
{
    size_t magic = len < 4 ? len : 4;
    uint32_t plen;

    *used = 0;
    if (len == 0)
        return JOURNAL_END;
    if (memcmp(buf, JOURNAL_MAGIC, magic) != 0) {
        *used = 1;
        return JOURNAL_BAD;
    }
    if (len < JOURNAL_HEADER) {
        /* A torn header: unless the length already there is impossible. */
        if (len >= 8 && (get_u32(buf + 4) > JOURNAL_RECORD_MAX || get_u32(buf + 4) < FIXED)) {
            *used = 1;
            return JOURNAL_BAD;
        }
        *used = len;
        return JOURNAL_TORN;
    }
    plen = get_u32(buf + 4);
    if (plen > JOURNAL_RECORD_MAX || plen < FIXED) {
        *used = 1;
        return JOURNAL_BAD;
    }
    if (len - JOURNAL_HEADER < plen) {
        *used = len;
        return JOURNAL_TORN;
    }
    if (journal_crc32c(buf + JOURNAL_HEADER, plen) != get_u32(buf + 8) ||
        payload_read(buf + JOURNAL_HEADER, plen, out) < 0) {
        *used = 1;
        return JOURNAL_BAD;
    }
    *used = JOURNAL_HEADER + plen;
    return JOURNAL_REC;
}
