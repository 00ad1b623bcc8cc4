/*
 * Unit tests for gateway/journal_codec.c, the records of the local journal:
 * CRC-32C against the RFC 3720 check values, records that encode and decode
 * back field by field (empty and missing strings, UTF-8 text, raw bytes with
 * NUL and 0xFF, every coding, extreme times), records that cannot be
 * written, a payload of JOURNAL_RECORD_MAX bytes and one byte more, every
 * prefix of a record (torn), every single-bit flip (bad, or torn when the
 * length grows), headers and payloads built by hand with a correct CRC, and
 * a reader walking past damage to the next record.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "gateway/journal.h"
#include "tests/unit/check_main.h"

/* A string literal and its length, NUL bytes inside included. */
#define S(lit)   lit, sizeof(lit) - 1
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Bytes of a payload before its strings, and the strings in it. */
#define FIXED    20
#define NSTRINGS 8

static uint32_t
le32(const char *p)
{
    const unsigned char *b = (const unsigned char *)p;

    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void
put32(char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (char)(unsigned char)(v >> (8 * i));
}

static void *
xmalloc(size_t n)
{
    void *p = malloc(n > 0 ? n : 1);

    ck_assert_ptr_nonnull(p);
    return p;
}

/* A copy of n bytes in a block of exactly n bytes, so that ASan sees any
 * read past the end.  The caller frees it. */
static char *
exact_copy(const char *p, size_t n)
{
    char *c = xmalloc(n);

    if (n > 0)
        memcpy(c, p, n);
    return c;
}

/* r encoded; *len is set to its length.  The caller frees it. */
static char *
encode(const struct journal_rec *r, size_t *len)
{
    char *buf;

    *len = journal_encoded_len(r);
    ck_assert_uint_gt(*len, 0);
    buf = xmalloc(*len);
    journal_encode(r, buf);
    return buf;
}

/* ---- CRC-32C ---------------------------------------------------------- */

static const struct {
    const char *in;
    size_t len;
    uint32_t want;
} crc_cases[] = {
    {S(""), 0x00000000u},
    {S("a"), 0xC1D04330u},
    {S("123456789"), 0xE3069283u}, /* the check value of the CRC catalogue */
    {S("The quick brown fox jumps over the lazy dog"), 0x22620404u},
    /* RFC 3720, B.4 */
    {S("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"), 0x8A9136AAu},
    {S("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
       "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"),
     0x62A8AB43u},
    {S("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
       "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"),
     0x46DD794Eu},
    {S("\x1f\x1e\x1d\x1c\x1b\x1a\x19\x18\x17\x16\x15\x14\x13\x12\x11\x10"
       "\x0f\x0e\x0d\x0c\x0b\x0a\x09\x08\x07\x06\x05\x04\x03\x02\x01\x00"),
     0x113FDB5Cu},
};

START_TEST(test_crc32c)
{
    char *in = exact_copy(crc_cases[_i].in, crc_cases[_i].len);

    ck_assert_uint_eq(journal_crc32c(in, crc_cases[_i].len), crc_cases[_i].want);
    free(in);
}
END_TEST

/* ---- round trip ------------------------------------------------------- */

static const char all_bytes[256] = {
    0,    1,    2,    3,    4,    5,    6,    7,    8,    9,    10,   11,   12,   13,   14,   15,
    16,   17,   18,   19,   20,   21,   22,   23,   24,   25,   26,   27,   28,   29,   30,   31,
    32,   33,   34,   35,   36,   37,   38,   39,   40,   41,   42,   43,   44,   45,   46,   47,
    48,   49,   50,   51,   52,   53,   54,   55,   56,   57,   58,   59,   60,   61,   62,   63,
    64,   65,   66,   67,   68,   69,   70,   71,   72,   73,   74,   75,   76,   77,   78,   79,
    80,   81,   82,   83,   84,   85,   86,   87,   88,   89,   90,   91,   92,   93,   94,   95,
    96,   97,   98,   99,   100,  101,  102,  103,  104,  105,  106,  107,  108,  109,  110,  111,
    112,  113,  114,  115,  116,  117,  118,  119,  120,  121,  122,  123,  124,  125,  126,  127,
    -128, -127, -126, -125, -124, -123, -122, -121, -120, -119, -118, -117, -116, -115, -114, -113,
    -112, -111, -110, -109, -108, -107, -106, -105, -104, -103, -102, -101, -100, -99,  -98,  -97,
    -96,  -95,  -94,  -93,  -92,  -91,  -90,  -89,  -88,  -87,  -86,  -85,  -84,  -83,  -82,  -81,
    -80,  -79,  -78,  -77,  -76,  -75,  -74,  -73,  -72,  -71,  -70,  -69,  -68,  -67,  -66,  -65,
    -64,  -63,  -62,  -61,  -60,  -59,  -58,  -57,  -56,  -55,  -54,  -53,  -52,  -51,  -50,  -49,
    -48,  -47,  -46,  -45,  -44,  -43,  -42,  -41,  -40,  -39,  -38,  -37,  -36,  -35,  -34,  -33,
    -32,  -31,  -30,  -29,  -28,  -27,  -26,  -25,  -24,  -23,  -22,  -21,  -20,  -19,  -18,  -17,
    -16,  -15,  -14,  -13,  -12,  -11,  -10,  -9,   -8,   -7,   -6,   -5,   -4,   -3,   -2,   -1,
};

static const char ucs2_text[] =
    "Sugeng enjing \xea\xa6\xb1\xea\xa6\xa4 \xf0\x9f\x99\x8f caf\xc3\xa9";
static const char ucs2_raw[] = "\x00S\x00u\xa9\xb1\xd8\x3d\xde\x4f\x00\xff\xff\x00";

/* Records that must come back as they went in. */
static const struct journal_rec rec_cases[] = {
    /* the least a record holds: missing strings read back empty */
    {.coding = -1, .kannel_id = "k", .msisdn = "m"},
    /* every optional string empty rather than missing */
    {.received_us = 0,
     .sent_at = 0,
     .coding = 0,
     .kannel_id = "1",
     .msisdn = "+6281234567890",
     .short_code = "",
     .smsc = "",
     .charset = "",
     .meta = "",
     .text = "",
     .text_len = 0,
     .raw = "",
     .raw_len = 0},
    /* a plain Indonesian complaint, as Kannel sends it */
    {.received_us = 1732780800123456,
     .sent_at = 1732780799,
     .coding = 0,
     .kannel_id = "b6c1a3e2-6f0d-4a57-9a0e-0c0b7c1d2e3f",
     .msisdn = "+6281234567890",
     .short_code = "1708",
     .smsc = "telkomsel",
     .charset = "UTF-8",
     .meta = "?smpp?",
     .text = "ADUAN jalan rusak di Desa Sooko RT 3",
     .text_len = 36,
     .raw = "ADUAN jalan rusak di Desa Sooko RT 3",
     .raw_len = 36},
    /* UCS-2 from the handset: UTF-8 text, the raw UTF-16BE with NUL bytes */
    {.received_us = -1,
     .sent_at = -1,
     .coding = 2,
     .kannel_id = "42",
     .msisdn = "+6285712345678",
     .short_code = "1708",
     .smsc = "indosat",
     .charset = "UTF-16BE",
     .meta = "?smpp?dcs=8&",
     .text = ucs2_text,
     .text_len = sizeof(ucs2_text) - 1,
     .raw = ucs2_raw,
     .raw_len = sizeof(ucs2_raw) - 1},
    /* 8-bit data: raw holds NUL and 0xFF, the text is empty */
    {.received_us = INT64_MAX,
     .sent_at = INT64_MIN,
     .coding = 1,
     .kannel_id = "x",
     .msisdn = "+62",
     .raw = "\0\xff\0\xff",
     .raw_len = 4},
    /* every byte value in raw */
    {.received_us = INT64_MIN,
     .sent_at = INT64_MAX,
     .coding = 1,
     .kannel_id = "all-bytes",
     .msisdn = "+6281111111111",
     .raw = all_bytes,
     .raw_len = sizeof(all_bytes)},
    /* raw of one NUL byte */
    {.received_us = 1,
     .sent_at = 4102444800, /* 2100-01-01, beyond 32 bits */
     .coding = -1,
     .kannel_id = "nul",
     .msisdn = "+6281",
     .text = "?",
     .text_len = 1,
     .raw = "\0",
     .raw_len = 1},
};

static const char *
or_empty(const char *s)
{
    return s != NULL ? s : "";
}

/* The length journal_encoded_len() must give for r. */
static size_t
want_len(const struct journal_rec *r)
{
    const char *c[] = {r->kannel_id, r->msisdn, r->short_code, r->smsc, r->charset, r->meta};
    size_t n = JOURNAL_HEADER + FIXED + NSTRINGS * 5;

    for (size_t i = 0; i < NELEM(c); i++)
        n += strlen(or_empty(c[i]));
    n += r->text != NULL ? r->text_len : 0;
    n += r->raw != NULL ? r->raw_len : 0;
    return n;
}

/* got, decoded from the record [rec, rec + len), holds what want held. */
static void
check_same(const struct journal_rec *got, const struct journal_rec *want, const char *rec,
           size_t len)
{
    const char *gs[] = {got->kannel_id, got->msisdn, got->short_code, got->smsc,
                        got->charset,   got->meta,   got->text,       got->raw};
    const char *ws[] = {want->kannel_id, want->msisdn, want->short_code, want->smsc,
                        want->charset,   want->meta,   want->text,       want->raw};

    ck_assert_int_eq(got->received_us, want->received_us);
    ck_assert_int_eq(got->sent_at, want->sent_at);
    ck_assert_int_eq(got->coding, want->coding);
    for (size_t i = 0; i < 6; i++) {
        ck_assert_ptr_nonnull(gs[i]);
        ck_assert_str_eq(gs[i], or_empty(ws[i]));
    }
    ck_assert_uint_eq(got->text_len, want->text != NULL ? want->text_len : 0);
    ck_assert_uint_eq(got->raw_len, want->raw != NULL ? want->raw_len : 0);
    ck_assert_ptr_nonnull(got->text);
    ck_assert_ptr_nonnull(got->raw);
    if (got->text_len > 0)
        ck_assert_mem_eq(got->text, want->text, got->text_len);
    if (got->raw_len > 0)
        ck_assert_mem_eq(got->raw, want->raw, got->raw_len);
    ck_assert_int_eq(got->text[got->text_len], '\0');
    ck_assert_int_eq(got->raw[got->raw_len], '\0');
    /* Every string points into the record, its NUL included. */
    for (size_t i = 0; i < NELEM(gs); i++) {
        size_t n = i == 6 ? got->text_len : i == 7 ? got->raw_len : strlen(gs[i]);

        ck_assert(gs[i] >= rec + JOURNAL_HEADER + FIXED && gs[i] + n < rec + len);
    }
}

START_TEST(test_roundtrip)
{
    const struct journal_rec *want = &rec_cases[_i];
    struct journal_rec got;
    size_t len, used = 0;
    char *buf = encode(want, &len), *copy;

    ck_assert_uint_eq(len, want_len(want));
    /* The header: magic, payload length, CRC-32C of the payload. */
    ck_assert_mem_eq(buf, JOURNAL_MAGIC, 4);
    ck_assert_uint_eq(le32(buf + 4), len - JOURNAL_HEADER);
    ck_assert_uint_eq(le32(buf + 8), journal_crc32c(buf + JOURNAL_HEADER, len - JOURNAL_HEADER));
    /* The payload: the fixed fields, little-endian, then kannel_id. */
    ck_assert_uint_eq(le32(buf + 12), (uint32_t)(uint64_t)want->received_us);
    ck_assert_uint_eq(le32(buf + 16), (uint32_t)((uint64_t)want->received_us >> 32));
    ck_assert_uint_eq(le32(buf + 28), (uint32_t)want->coding);
    ck_assert_uint_eq(le32(buf + 32), strlen(want->kannel_id));
    ck_assert_mem_eq(buf + 36, want->kannel_id, strlen(want->kannel_id) + 1);

    copy = exact_copy(buf, len);
    memset(&got, 0, sizeof(got));
    ck_assert_int_eq(journal_decode(copy, len, &used, &got), JOURNAL_REC);
    ck_assert_uint_eq(used, len);
    check_same(&got, want, copy, len);

    /* Encoding what was decoded gives the same bytes. */
    {
        size_t len2;
        char *again = encode(&got, &len2);

        ck_assert_uint_eq(len2, len);
        ck_assert_mem_eq(again, buf, len);
        free(again);
    }
    free(copy);
    free(buf);
}
END_TEST

/* ---- what cannot be a record ------------------------------------------ */

/* The smallest payload and record: kannel_id and msisdn of one byte. */
#define MIN_PAYLOAD (FIXED + NSTRINGS * 5 + 2)
#define BASE_LEN    (JOURNAL_HEADER + MIN_PAYLOAD)

static const struct {
    struct journal_rec r;
    size_t want; /* 0: refused; else the length */
} len_cases[] = {
    {{.kannel_id = "k", .msisdn = "m"}, BASE_LEN},
    {{.kannel_id = "", .msisdn = "m"}, 0},
    {{.kannel_id = NULL, .msisdn = "m"}, 0},
    {{.kannel_id = "k", .msisdn = ""}, 0},
    {{.kannel_id = "k", .msisdn = NULL}, 0},
    {{.kannel_id = "", .msisdn = ""}, 0},
    /* coding: -1 (unknown) to 2, as the reader takes it */
    {{.coding = -1, .kannel_id = "k", .msisdn = "m"}, BASE_LEN},
    {{.coding = 2, .kannel_id = "k", .msisdn = "m"}, BASE_LEN},
    {{.coding = -2, .kannel_id = "k", .msisdn = "m"}, 0},
    {{.coding = 3, .kannel_id = "k", .msisdn = "m"}, 0},
    /* text is counted: a NUL inside it, or at its end, is refused */
    {{.kannel_id = "k", .msisdn = "m", .text = "abc", .text_len = 3}, BASE_LEN + 3},
    {{.kannel_id = "k", .msisdn = "m", .text = "a\0c", .text_len = 3}, 0},
    {{.kannel_id = "k", .msisdn = "m", .text = "\0bc", .text_len = 3}, 0},
    {{.kannel_id = "k", .msisdn = "m", .text = "ab\0", .text_len = 3}, 0},
    {{.kannel_id = "k", .msisdn = "m", .text = "ab\0", .text_len = 2}, BASE_LEN + 2},
    {{.kannel_id = "k", .msisdn = "m", .text = "\0", .text_len = 1}, 0},
    {{.kannel_id = "k", .msisdn = "m", .text = "\0", .text_len = 0}, BASE_LEN},
    /* a text of length 0 is empty, whatever the pointer */
    {{.kannel_id = "k", .msisdn = "m", .text = NULL, .text_len = 5}, BASE_LEN},
    /* raw may hold NUL bytes anywhere */
    {{.kannel_id = "k", .msisdn = "m", .raw = "a\0c", .raw_len = 3}, BASE_LEN + 3},
    {{.kannel_id = "k", .msisdn = "m", .raw = "\0\0\0", .raw_len = 3}, BASE_LEN + 3},
    {{.kannel_id = "k", .msisdn = "m", .raw = NULL, .raw_len = 7}, BASE_LEN},
    /* the other strings are C strings: they end at their first NUL */
    {{.kannel_id = "k\0x", .msisdn = "m\0y", .meta = "a\0b", .smsc = "\0"}, BASE_LEN + 1},
    /* a raw longer than JOURNAL_RECORD_MAX is refused, however long: the
     * sum of the lengths does not wrap around */
    {{.kannel_id = "k", .msisdn = "m", .raw = "", .raw_len = JOURNAL_RECORD_MAX + 1}, 0},
    {{.kannel_id = "k", .msisdn = "m", .raw = "", .raw_len = SIZE_MAX}, 0},
    {{.kannel_id = "k", .msisdn = "m", .raw = "", .raw_len = SIZE_MAX - 4}, 0},
    {{.kannel_id = "k", .msisdn = "m", .raw = "", .raw_len = (size_t)UINT32_MAX + 1}, 0},
};

START_TEST(test_encoded_len)
{
    ck_assert_uint_eq(journal_encoded_len(&len_cases[_i].r), len_cases[_i].want);
}
END_TEST

/*
 * The bound: a payload of JOURNAL_RECORD_MAX bytes is a record, one more is
 * not.  With kannel_id and msisdn of one byte each, the payload is
 * MIN_PAYLOAD bytes plus the text and raw.
 */

static const struct {
    size_t text_len, raw_len;
    size_t want; /* payload bytes; 0: refused */
} max_cases[] = {
    {0, JOURNAL_RECORD_MAX - MIN_PAYLOAD - 1, JOURNAL_RECORD_MAX - 1},
    {0, JOURNAL_RECORD_MAX - MIN_PAYLOAD, JOURNAL_RECORD_MAX},
    {0, JOURNAL_RECORD_MAX - MIN_PAYLOAD + 1, 0},
    {JOURNAL_RECORD_MAX - MIN_PAYLOAD, 0, JOURNAL_RECORD_MAX},
    {JOURNAL_RECORD_MAX - MIN_PAYLOAD + 1, 0, 0},
    {1000, JOURNAL_RECORD_MAX - MIN_PAYLOAD - 1000, JOURNAL_RECORD_MAX},
    {1000, JOURNAL_RECORD_MAX - MIN_PAYLOAD - 999, 0},
};

START_TEST(test_max)
{
    size_t tl = max_cases[_i].text_len, rl = max_cases[_i].raw_len;
    char *text = xmalloc(tl), *raw = xmalloc(rl);
    struct journal_rec r = {.coding = 2,
                            .kannel_id = "k",
                            .msisdn = "m",
                            .text = text,
                            .text_len = tl,
                            .raw = raw,
                            .raw_len = rl};
    struct journal_rec got;
    size_t len, used;
    char *buf;

    memset(text, 't', tl);
    for (size_t i = 0; i < rl; i++)
        raw[i] = (char)(i * 7);
    len = journal_encoded_len(&r);
    if (max_cases[_i].want == 0) {
        ck_assert_uint_eq(len, 0);
    } else {
        ck_assert_uint_eq(len, JOURNAL_HEADER + max_cases[_i].want);
        buf = encode(&r, &len);
        ck_assert_int_eq(journal_decode(buf, len, &used, &got), JOURNAL_REC);
        ck_assert_uint_eq(used, len);
        check_same(&got, &r, buf, len);
        /* The same record, its last byte missing: torn. */
        ck_assert_int_eq(journal_decode(buf, len - 1, &used, &got), JOURNAL_TORN);
        ck_assert_uint_eq(used, len - 1);
        /* One byte more in the length field: beyond the bound, bad. */
        put32(buf + 4, le32(buf + 4) + 1);
        ck_assert_int_eq(journal_decode(buf, len, &used, &got),
                         max_cases[_i].want == JOURNAL_RECORD_MAX ? JOURNAL_BAD : JOURNAL_TORN);
        ck_assert_uint_eq(used, max_cases[_i].want == JOURNAL_RECORD_MAX ? 1 : len);
        free(buf);
    }
    free(raw);
    free(text);
}
END_TEST

/* ---- torn and damaged records ----------------------------------------- */

/* Every proper prefix of a record is torn, the empty one is the end. */
START_TEST(test_prefix)
{
    struct journal_rec got;
    size_t len, used;
    char *buf = encode(&rec_cases[_i], &len);

    for (size_t k = 0; k < len; k++) {
        char *copy = exact_copy(buf, k);

        used = 12345;
        if (k == 0) {
            ck_assert_int_eq(journal_decode(copy, k, &used, &got), JOURNAL_END);
            ck_assert_uint_eq(used, 0);
        } else {
            ck_assert_msg(journal_decode(copy, k, &used, &got) == JOURNAL_TORN,
                          "prefix of %zu of %zu bytes is not torn", k, len);
            ck_assert_uint_eq(used, k);
        }
        free(copy);
    }
    free(buf);
}
END_TEST

/*
 * Every single-bit flip in a record makes it bad (the CRC-32C catches every
 * one in the payload), except a flip that sets a bit of the length field
 * and leaves it within JOURNAL_RECORD_MAX: the record then announces more
 * bytes than there are, and is torn.  A flip that clears a length bit
 * leaves it shorter than the payload: the CRC no longer matches, or the
 * length is below the fixed part; bad either way.
 */
START_TEST(test_bitflip)
{
    struct journal_rec got;
    size_t len, used;
    char *buf = encode(&rec_cases[_i], &len);
    char *copy = exact_copy(buf, len);
    uint32_t plen = (uint32_t)(len - JOURNAL_HEADER);

    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit++) {
            enum journal_read want = JOURNAL_BAD, rc;
            size_t want_used = 1;

            copy[i] = (char)(buf[i] ^ (1 << bit));
            if (i >= 4 && i < 8) {
                uint32_t flipped = le32(copy + 4);

                if (flipped > plen && flipped <= JOURNAL_RECORD_MAX) {
                    want = JOURNAL_TORN;
                    want_used = len;
                }
            }
            used = 12345;
            rc = journal_decode(copy, len, &used, &got);
            ck_assert_msg(rc == want && used == want_used,
                          "bit %d of byte %zu of %zu: got %d used %zu, want %d used %zu", bit, i,
                          len, (int)rc, used, (int)want, want_used);
            copy[i] = buf[i];
        }
    }
    free(copy);
    free(buf);
}
END_TEST

/*
 * Headers alone, or with a payload of zero bytes cut short or wrong.  A case
 * is its first bytes, then zero bytes up to its length.
 */
#define H(lit)    lit, sizeof(lit) - 1, sizeof(lit) - 1
#define Z(lit, n) lit, sizeof(lit) - 1, n

static const struct {
    const char *in;
    size_t in_len, len;
    enum journal_read want;
    size_t used;
} header_cases[] = {
    {H(""), JOURNAL_END, 0},
    {H("A"), JOURNAL_TORN, 1},
    {H("AJ"), JOURNAL_TORN, 2},
    {H("AJR"), JOURNAL_TORN, 3},
    {H("AJR1"), JOURNAL_TORN, 4},
    {H("B"), JOURNAL_BAD, 1},
    {H("AK"), JOURNAL_BAD, 1},
    {H("AJR0"), JOURNAL_BAD, 1},
    {H("AJR2"), JOURNAL_BAD, 1},
    {H("ajr1"), JOURNAL_BAD, 1},
    {H("\0JR1"), JOURNAL_BAD, 1},
    {H("xAJR1"), JOURNAL_BAD, 1}, /* a record further on: still one byte */
    {Z("AJR2\x40", 12), JOURNAL_BAD, 1},
    /* the length, torn: within the bound, torn; beyond it, bad at once */
    {Z("AJR1\x40", 5), JOURNAL_TORN, 5},
    {Z("AJR1\x40", 7), JOURNAL_TORN, 7},
    {Z("AJR1\x40", 8), JOURNAL_TORN, 8},
    {Z("AJR1\x14", 8), JOURNAL_TORN, 8},            /* FIXED */
    {Z("AJR1\0\0\x40", 8), JOURNAL_TORN, 8},        /* JOURNAL_RECORD_MAX */
    {Z("AJR1\x01\0\x40", 8), JOURNAL_BAD, 1},       /* JOURNAL_RECORD_MAX + 1 */
    {Z("AJR1\0\0\0\x01", 8), JOURNAL_BAD, 1},       /* 2^24 */
    {Z("AJR1\xff\xff\xff\xff", 8), JOURNAL_BAD, 1}, /* 2^32 - 1 */
    {Z("AJR1\0\0\x40", 11), JOURNAL_TORN, 11},
    {Z("AJR1\x01\0\x40", 11), JOURNAL_BAD, 1},
    /* a length below the fixed part is impossible, whole header or not */
    {Z("AJR1\x13", 8), JOURNAL_BAD, 1},
    {Z("AJR1", 10), JOURNAL_BAD, 1},
    {Z("AJR1\x13", 12), JOURNAL_BAD, 1},
    {Z("AJR1", 12), JOURNAL_BAD, 1},
    {Z("AJR1\x13", 31), JOURNAL_BAD, 1},
    {Z("AJR1", 32), JOURNAL_BAD, 1},
    /* whole headers, the payload missing or cut short */
    {Z("AJR1\x14", 12), JOURNAL_TORN, 12},
    {Z("AJR1\x14", 31), JOURNAL_TORN, 31},
    {Z("AJR1\0\0\x40", 12), JOURNAL_TORN, 12},
    {Z("AJR1\0\0\x40", 4096), JOURNAL_TORN, 4096},
    {Z("AJR1\x01\0\x40", 12), JOURNAL_BAD, 1},
    {Z("AJR1\0\0\x80", 15), JOURNAL_BAD, 1},
    /* a whole payload of FIXED zero bytes: the CRC is wrong (and there
     * are no strings anyway) */
    {Z("AJR1\x14", 32), JOURNAL_BAD, 1},
    {Z("AJR1\x14", 33), JOURNAL_BAD, 1},
};

START_TEST(test_header)
{
    char *in = xmalloc(header_cases[_i].len);
    struct journal_rec got;
    enum journal_read rc;
    size_t used = 12345;

    memset(in, 0, header_cases[_i].len);
    memcpy(in, header_cases[_i].in, header_cases[_i].in_len);
    rc = journal_decode(in, header_cases[_i].len, &used, &got);
    ck_assert_msg(rc == header_cases[_i].want && used == header_cases[_i].used,
                  "%zu bytes from \"%s\": got %d used %zu, want %d used %zu", header_cases[_i].len,
                  header_cases[_i].in, (int)rc, used, (int)header_cases[_i].want,
                  header_cases[_i].used);
    free(in);
}
END_TEST

/*
 * Payloads built by hand, each with a correct CRC, so that only what is
 * inside decides.  A case starts from a valid payload (coding 0, the
 * strings below) and changes one thing.
 */
struct field {
    const char *s; /* NULL: the default string */
    size_t n;
};

static const struct field default_fields[NSTRINGS] = {
    {S("id-1")},  {S("+6281234567890")}, {S("1708")},  {S("smsc0")},
    {S("UTF-8")}, {S("?smpp?")},         {S("ADUAN")}, {S("ADUAN")},
};

static const struct {
    const char *what;
    uint32_t coding;
    struct field f[NSTRINGS];
    int term_at;      /* 1 + index of the string whose terminator is 'x'; 0 none */
    int len_at;       /* 1 + index of the string whose length field is len_val; 0 none */
    uint32_t len_val; /* its length field */
    int drop;         /* strings left out at the end */
    const char *tail; /* bytes after the last string */
    size_t tail_len;
    enum journal_read want;
} payload_cases[] = {
    {"valid", 0, {{0}}, 0, 0, 0, 0, NULL, 0, JOURNAL_REC},
    {"coding 1", 1, {{0}}, 0, 0, 0, 0, NULL, 0, JOURNAL_REC},
    {"coding 2", 2, {{0}}, 0, 0, 0, 0, NULL, 0, JOURNAL_REC},
    {"coding 3", 3, {{0}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"coding -1", 0xFFFFFFFFu, {{0}}, 0, 0, 0, 0, NULL, 0, JOURNAL_REC},
    {"coding -2", 0xFFFFFFFEu, {{0}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"coding INT32_MAX", 0x7FFFFFFFu, {{0}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"coding INT32_MIN", 0x80000000u, {{0}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"coding 256", 0x100u, {{0}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    /* kannel_id and msisdn must not be empty; the others may */
    {"empty kannel_id", 0, {[0] = {S("")}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"empty msisdn", 0, {[1] = {S("")}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"empty optional strings",
     0,
     {[2] = {S("")}, [3] = {S("")}, [4] = {S("")}, [5] = {S("")}, [6] = {S("")}, [7] = {S("")}},
     0,
     0,
     0,
     0,
     NULL,
     0,
     JOURNAL_REC},
    /* a NUL inside a string: only raw may hold one */
    {"NUL in kannel_id", 0, {[0] = {S("id\0")}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"NUL in msisdn", 0, {[1] = {S("\0+62")}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"NUL in short_code", 0, {[2] = {S("17\0008")}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"NUL in smsc", 0, {[3] = {S("\0")}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"NUL in charset", 0, {[4] = {S("UTF\0-8")}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"NUL in meta", 0, {[5] = {S("?smpp?\0")}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"NUL in text", 0, {[6] = {S("AD\0AN")}}, 0, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"NUL in raw", 0, {[7] = {S("AD\0AN\0")}}, 0, 0, 0, 0, NULL, 0, JOURNAL_REC},
    {"0xFF in raw and text",
     0,
     {[6] = {S("\xff")}, [7] = {S("\xff")}},
     0,
     0,
     0,
     0,
     NULL,
     0,
     JOURNAL_REC},
    /* every string must end with a NUL byte */
    {"kannel_id unterminated", 0, {{0}}, 1, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"meta unterminated", 0, {{0}}, 6, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    {"raw unterminated", 0, {{0}}, 8, 0, 0, 0, NULL, 0, JOURNAL_BAD},
    /* a length field that does not match the bytes */
    {"kannel_id 1 short", 0, {{0}}, 0, 1, 3, 0, NULL, 0, JOURNAL_BAD},
    {"kannel_id 1 long", 0, {{0}}, 0, 1, 5, 0, NULL, 0, JOURNAL_BAD},
    {"raw 1 short", 0, {{0}}, 0, 8, 4, 0, NULL, 0, JOURNAL_BAD},
    {"raw 1 long", 0, {{0}}, 0, 8, 6, 0, NULL, 0, JOURNAL_BAD},
    {"raw 2^32 - 1", 0, {{0}}, 0, 8, 0xFFFFFFFFu, 0, NULL, 0, JOURNAL_BAD},
    {"text 2^32 - 1", 0, {{0}}, 0, 7, 0xFFFFFFFFu, 0, NULL, 0, JOURNAL_BAD},
    {"kannel_id 2^31", 0, {{0}}, 0, 1, 0x80000000u, 0, NULL, 0, JOURNAL_BAD},
    /* the strings: all eight, and nothing after them */
    {"raw missing", 0, {{0}}, 0, 0, 0, 1, NULL, 0, JOURNAL_BAD},
    {"no strings", 0, {{0}}, 0, 0, 0, NSTRINGS, NULL, 0, JOURNAL_BAD},
    {"one string", 0, {{0}}, 0, 0, 0, NSTRINGS - 1, NULL, 0, JOURNAL_BAD},
    {"a byte after raw", 0, {{0}}, 0, 0, 0, 0, S("\0"), JOURNAL_BAD},
    {"a length after raw", 0, {{0}}, 0, 0, 0, 0, S("\0\0\0\0"), JOURNAL_BAD},
    {"a string after raw", 0, {{0}}, 0, 0, 0, 0, S("\0\0\0\0\0"), JOURNAL_BAD},
    {"half a length field", 0, {{0}}, 0, 0, 0, 1, S("\0\0"), JOURNAL_BAD},
};

/* The payload of payload_cases[i] into out (room enough); returns its length. */
static size_t
payload_build(size_t i, char *out)
{
    size_t off = 0;

    memset(out, 0, 16); /* received_us, sent_at: 0 */
    out[0] = 0x11;
    out[15] = 0x22;
    off = 16;
    put32(out + off, payload_cases[i].coding);
    off += 4;
    for (int k = 0; k < NSTRINGS - payload_cases[i].drop; k++) {
        const struct field *f =
            payload_cases[i].f[k].s != NULL ? &payload_cases[i].f[k] : &default_fields[k];

        put32(out + off,
              payload_cases[i].len_at == k + 1 ? payload_cases[i].len_val : (uint32_t)f->n);
        off += 4;
        memcpy(out + off, f->s, f->n);
        off += f->n;
        out[off++] = payload_cases[i].term_at == k + 1 ? 'x' : '\0';
    }
    if (payload_cases[i].tail_len > 0)
        memcpy(out + off, payload_cases[i].tail, payload_cases[i].tail_len);
    return off + payload_cases[i].tail_len;
}

START_TEST(test_payload)
{
    char payload[512], *rec;
    size_t plen = payload_build((size_t)_i, payload), used = 12345;
    struct journal_rec got;

    rec = xmalloc(JOURNAL_HEADER + plen);
    memcpy(rec, JOURNAL_MAGIC, 4);
    put32(rec + 4, (uint32_t)plen);
    put32(rec + 8, journal_crc32c(payload, plen));
    memcpy(rec + JOURNAL_HEADER, payload, plen);
    ck_assert_msg(journal_decode(rec, JOURNAL_HEADER + plen, &used, &got) == payload_cases[_i].want,
                  "%s", payload_cases[_i].what);
    if (payload_cases[_i].want == JOURNAL_REC) {
        ck_assert_uint_eq(used, JOURNAL_HEADER + plen);
        ck_assert_int_eq(got.received_us, 0x11);
        ck_assert_int_eq(got.sent_at, (int64_t)0x2200000000000000);
        ck_assert_int_eq(got.coding, (int32_t)payload_cases[_i].coding);
        /* the last two strings, counted, as written */
        for (int k = 6; k < 8; k++) {
            const struct field *f =
                payload_cases[_i].f[k].s != NULL ? &payload_cases[_i].f[k] : &default_fields[k];
            const char *s = k == 6 ? got.text : got.raw;
            size_t n = k == 6 ? got.text_len : got.raw_len;

            ck_assert_uint_eq(n, f->n);
            ck_assert_mem_eq(s, f->s, n);
        }
    } else {
        ck_assert_uint_eq(used, 1);
    }
    free(rec);
}
END_TEST

/* ---- a reader's walk -------------------------------------------------- */

/*
 * Walks buf as a reader of a journal file does: a record, then the next;
 * a bad byte skipped.  Writes one letter per step into trace (R, B, T, E)
 * and the offsets of the records into at.  Returns the records.
 */
static int
walk(const char *buf, size_t len, char *trace, size_t trace_max, size_t *at)
{
    size_t off = 0, used, steps = 0;
    struct journal_rec r;
    enum journal_read rc;
    int n = 0;

    for (;;) {
        char c = '?';

        rc = journal_decode(buf + off, len - off, &used, &r);
        switch (rc) {
        case JOURNAL_REC:
            c = 'R';
            at[n++] = off;
            break;
        case JOURNAL_BAD:
            c = 'B';
            ck_assert_uint_eq(used, 1);
            break;
        case JOURNAL_TORN:
            c = 'T';
            ck_assert_uint_eq(used, len - off);
            break;
        case JOURNAL_END:
            c = 'E';
            break;
        }
        /* a run of bad bytes is one letter */
        if (c != 'B' || steps == 0 || trace[steps - 1] != 'B') {
            ck_assert_uint_lt(steps, trace_max - 1);
            trace[steps++] = c;
        }
        if (rc == JOURNAL_TORN || rc == JOURNAL_END)
            break;
        off += used;
    }
    trace[steps] = '\0';
    return n;
}

/* A file made of pieces: a record of rec_cases, or bytes. */
enum piece_kind { P_END, P_REC, P_FLIPPED, P_TORN, P_BYTES };

struct piece {
    enum piece_kind kind;
    size_t rec;        /* index in rec_cases */
    size_t arg;        /* P_FLIPPED: the byte changed; P_TORN: the bytes kept */
    unsigned mask;     /* P_FLIPPED: the bits flipped in it */
    const char *bytes; /* P_BYTES */
    size_t n;
};

/* rec_cases[2] has a payload of 206 (0xCE) bytes: byte 4 of its header. */
static const struct {
    struct piece p[4];
    const char *trace;
} walk_cases[] = {
    {{{P_REC, 2, 0, 0, NULL, 0}}, "RE"},
    {{{P_REC, 2, 0, 0, NULL, 0}, {P_REC, 3, 0, 0, NULL, 0}}, "RRE"},
    {{{P_REC, 0, 0, 0, NULL, 0}, {P_REC, 0, 0, 0, NULL, 0}, {P_REC, 5, 0, 0, NULL, 0}}, "RRRE"},
    /* a flip in the magic, the length, the CRC, the payload: skipped */
    {{{P_FLIPPED, 2, 0, 0x10, NULL, 0}, {P_REC, 3, 0, 0, NULL, 0}}, "BRE"},
    {{{P_FLIPPED, 2, 4, 0x40, NULL, 0}, {P_REC, 3, 0, 0, NULL, 0}}, "BRE"},  /* 142 bytes */
    {{{P_FLIPPED, 2, 6, 0x40, NULL, 0}, {P_REC, 3, 0, 0, NULL, 0}}, "BRE"},  /* > MAX */
    {{{P_FLIPPED, 2, 7, 0x80, NULL, 0}, {P_REC, 3, 0, 0, NULL, 0}}, "BRE"},  /* > MAX */
    {{{P_FLIPPED, 2, 9, 0x10, NULL, 0}, {P_REC, 3, 0, 0, NULL, 0}}, "BRE"},  /* CRC */
    {{{P_FLIPPED, 2, 40, 0x01, NULL, 0}, {P_REC, 3, 0, 0, NULL, 0}}, "BRE"}, /* payload */
    {{{P_REC, 1, 0, 0, NULL, 0}, {P_FLIPPED, 2, 40, 0x80, NULL, 0}, {P_REC, 3, 0, 0, NULL, 0}},
     "RBRE"},
    /* a length grown past the end of the file: what follows reads as torn */
    {{{P_REC, 1, 0, 0, NULL, 0}, {P_FLIPPED, 2, 5, 0x10, NULL, 0}, {P_REC, 3, 0, 0, NULL, 0}},
     "RT"},
    /* grown, yet within the file: the CRC no longer matches, skipped */
    {{{P_FLIPPED, 2, 4, 0x01, NULL, 0}, {P_REC, 5, 0, 0, NULL, 0}}, "BRE"},
    /* garbage, a false start of a magic, then a record */
    {{{P_BYTES, 0, 0, 0, S("xyzAJR")}, {P_REC, 4, 0, 0, NULL, 0}}, "BRE"},
    {{{P_BYTES, 0, 0, 0, S("AJR1AJR1")}, {P_REC, 4, 0, 0, NULL, 0}}, "BRE"},
    /* a torn record at the end ends the walk */
    {{{P_REC, 2, 0, 0, NULL, 0}, {P_TORN, 3, 30, 0, NULL, 0}}, "RT"},
    {{{P_REC, 2, 0, 0, NULL, 0}, {P_TORN, 3, 3, 0, NULL, 0}}, "RT"},
    {{{P_REC, 2, 0, 0, NULL, 0}, {P_BYTES, 0, 0, 0, S("garbage")}}, "RBE"},
    {{{P_REC, 2, 0, 0, NULL, 0}, {P_BYTES, 0, 0, 0, S("garbage")}, {P_TORN, 0, 12, 0, NULL, 0}},
     "RBT"},
};

START_TEST(test_walk)
{
    char buf[4096], *in, trace[64];
    size_t len = 0, at[8], want_at[8], nat = 0, nrec = 0;
    int n;

    for (size_t k = 0; k < NELEM(walk_cases[_i].p) && walk_cases[_i].p[k].kind != P_END; k++) {
        const struct piece *p = &walk_cases[_i].p[k];
        size_t rl;
        char *rec;

        if (p->kind == P_BYTES) {
            memcpy(buf + len, p->bytes, p->n);
            len += p->n;
            continue;
        }
        rec = encode(&rec_cases[p->rec], &rl);
        ck_assert_uint_le(len + rl, sizeof(buf));
        if (p->kind == P_REC)
            want_at[nrec++] = len;
        if (p->kind == P_FLIPPED)
            rec[p->arg] = (char)(rec[p->arg] ^ p->mask);
        if (p->kind == P_TORN)
            rl = p->arg;
        memcpy(buf + len, rec, rl);
        len += rl;
        free(rec);
    }
    /* The records found: the first whole ones, one per R of the trace. */
    for (const char *t = walk_cases[_i].trace; *t != '\0'; t++)
        nat += *t == 'R';
    ck_assert_uint_le(nat, nrec);
    in = exact_copy(buf, len);
    n = walk(in, len, trace, sizeof(trace), at);
    ck_assert_str_eq(trace, walk_cases[_i].trace);
    ck_assert_uint_eq((size_t)n, nat);
    for (int k = 0; k < n; k++)
        ck_assert_uint_eq(at[k], want_at[k]);
    free(in);
}
END_TEST

/* A bad record followed by a good one: skipping one byte at a time, the
 * good one is found exactly where it starts, and no record before it. */
START_TEST(test_resync)
{
    size_t l1, l2, used, off = 0, bad = 0;
    char *r1 = encode(&rec_cases[2], &l1), *r2 = encode(&rec_cases[_i], &l2), *buf;
    struct journal_rec got;
    enum journal_read rc;

    buf = xmalloc(l1 + l2);
    memcpy(buf, r1, l1);
    memcpy(buf + l1, r2, l2);
    buf[JOURNAL_HEADER + 3] ^= 0x01; /* in the payload of the first */
    while ((rc = journal_decode(buf + off, l1 + l2 - off, &used, &got)) == JOURNAL_BAD) {
        ck_assert_uint_eq(used, 1);
        off += used;
        bad++;
    }
    ck_assert_int_eq(rc, JOURNAL_REC);
    ck_assert_uint_eq(off, l1);
    ck_assert_uint_eq(bad, l1);
    ck_assert_uint_eq(used, l2);
    check_same(&got, &rec_cases[_i], buf + off, l2);
    ck_assert_int_eq(journal_decode(buf + l1 + l2, 0, &used, &got), JOURNAL_END);
    free(buf);
    free(r2);
    free(r1);
}
END_TEST

static Suite *
journal_suite(void)
{
    Suite *s = suite_create("journal");
    TCase *tc;

    tc = tcase_create("crc32c");
    tcase_add_loop_test(tc, test_crc32c, 0, NELEM(crc_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("encode");
    tcase_add_loop_test(tc, test_roundtrip, 0, NELEM(rec_cases));
    tcase_add_loop_test(tc, test_encoded_len, 0, NELEM(len_cases));
    tcase_add_loop_test(tc, test_max, 0, NELEM(max_cases));
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);

    tc = tcase_create("decode");
    tcase_add_loop_test(tc, test_prefix, 0, NELEM(rec_cases));
    tcase_add_loop_test(tc, test_bitflip, 0, NELEM(rec_cases));
    tcase_add_loop_test(tc, test_header, 0, NELEM(header_cases));
    tcase_add_loop_test(tc, test_payload, 0, NELEM(payload_cases));
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);

    tc = tcase_create("walk");
    tcase_add_loop_test(tc, test_walk, 0, NELEM(walk_cases));
    tcase_add_loop_test(tc, test_resync, 0, NELEM(rec_cases));
    suite_add_tcase(s, tc);

    return s;
}

CHECK_MAIN(journal_suite)
