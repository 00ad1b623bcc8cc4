/*
 * Unit tests for parsers/intent.c: classification with the default keywords,
 * ticket numbers in status requests, and the lexicon's validation.
 *
 * Valid ticket codes are never hard-coded: in the table, "@" stands for the
 * Damm check digit of the six digits before it and "$" for a wrong one, and
 * expand() computes them with ticket_damm() before each case runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parsers/intent.h"
#include "parsers/ticket.h"
#include "tests/unit/check_main.h"

/* The default keywords of config/cfg.c ("keywords" in aspirasi.conf). */
static const char *const kw_complaint[] = {"ADUAN", "LAPOR", "ASPIRASI", "KELUHAN"};
static const char *const kw_status[] = {"STATUS", "CEK"};
static const char *const kw_agenda[] = {"AGENDA", "JADWAL"};
static const char *const kw_info[] = {"INFO"};
static const char *const kw_subscribe[] = {"DAFTAR", "REG"};
static const char *const kw_unsubscribe[] = {"BERHENTI", "STOP", "UNREG"};
static const char *const kw_help[] = {"BANTUAN", "HELP", "MENU"};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct lexicon_spec
default_spec(void)
{
    struct lexicon_spec s;

    memset(&s, 0, sizeof(s));
    s.words[INTENT_COMPLAINT] = kw_complaint;
    s.nwords[INTENT_COMPLAINT] = N(kw_complaint);
    s.words[INTENT_STATUS] = kw_status;
    s.nwords[INTENT_STATUS] = N(kw_status);
    s.words[INTENT_AGENDA] = kw_agenda;
    s.nwords[INTENT_AGENDA] = N(kw_agenda);
    s.words[INTENT_INFO] = kw_info;
    s.nwords[INTENT_INFO] = N(kw_info);
    s.words[INTENT_SUBSCRIBE] = kw_subscribe;
    s.nwords[INTENT_SUBSCRIBE] = N(kw_subscribe);
    s.words[INTENT_UNSUBSCRIBE] = kw_unsubscribe;
    s.nwords[INTENT_UNSUBSCRIBE] = N(kw_unsubscribe);
    s.words[INTENT_HELP] = kw_help;
    s.nwords[INTENT_HELP] = N(kw_help);
    return s;
}

static struct lexicon *
default_lexicon(void)
{
    struct lexicon_spec s = default_spec();
    char err[200];
    struct lexicon *lx = lexicon_new(&s, err, sizeof(err));

    ck_assert_msg(lx != NULL, "default lexicon rejected: %s", err);
    return lx;
}

/* Copies in to out, replacing "@" by the Damm check digit of the last six
 * digits copied and "$" by a digit that is wrong there. */
static void
expand(const char *in, size_t len, char *out)
{
    char digits[6];
    size_t nd = 0, i;
    int d;

    for (i = 0; i < len; i++) {
        if (in[i] == '@' || in[i] == '$') {
            ck_assert_msg(nd >= 6, "\"@\" without six digits before it");
            d = ticket_damm(digits, 6);
            ck_assert_int_ge(d, 0);
            out[i] = (char)('0' + (in[i] == '@' ? d : (d + 1) % 10));
        } else {
            out[i] = in[i];
        }
        if (out[i] >= '0' && out[i] <= '9') {
            if (nd == 6)
                memmove(digits, digits + 1, 5), nd = 5;
            digits[nd++] = out[i];
        }
    }
    out[len] = '\0';
}

/* Classifies exactly len bytes from a heap copy, so that ASan sees any read
 * past the end. */
static enum intent
classify(const struct lexicon *lx, const char *text, size_t len, struct intent_arg *arg)
{
    char *copy = malloc(len ? len : 1);
    enum intent in;

    ck_assert_ptr_nonnull(copy);
    memcpy(copy, text, len);
    memset(arg, 0xa5, sizeof(*arg)); /* everything must be overwritten */
    in = intent_classify(lx, copy, len, arg);
    ck_assert_uint_le(arg->off, len);
    ck_assert_uint_le(arg->len, len - arg->off);
    ck_assert_ptr_nonnull(memchr(arg->ticket, '\0', sizeof(arg->ticket)));
    free(copy);
    return in;
}

struct classify_case {
    const char *text;
    size_t len; /* 0: strlen(text) */
    enum intent intent;
    const char *arg;
    enum ticket_ref ref;
    const char *ticket;
};

#define C(t, i, a)                                                                                 \
    {                                                                                              \
        t, 0, i, a, TICKET_REF_NONE, ""                                                            \
    }
#define S(t, a, r, k)                                                                              \
    {                                                                                              \
        t, 0, INTENT_STATUS, a, r, k                                                               \
    }
#define U(t, a)                                                                                    \
    {                                                                                              \
        t, 0, INTENT_UNKNOWN, a, TICKET_REF_NONE, ""                                               \
    }
#define UL(t, l, a)                                                                                \
    {                                                                                              \
        t, l, INTENT_UNKNOWN, a, TICKET_REF_NONE, ""                                               \
    }
#define EMOJI "\xf0\x9f\x99\x8f" /* U+1F64F, folded hands */

static const struct classify_case classify_cases[] = {
    /* every complaint keyword, in upper, lower and mixed case */
    C("ADUAN jalan rusak di Desa Sooko RT 3", INTENT_COMPLAINT, "jalan rusak di Desa Sooko RT 3"),
    C("aduan jalan rusak", INTENT_COMPLAINT, "jalan rusak"),
    C("Aduan Jalan Rusak", INTENT_COMPLAINT, "Jalan Rusak"),
    C("aDuAn x", INTENT_COMPLAINT, "x"),
    C("LAPOR lampu jalan mati", INTENT_COMPLAINT, "lampu jalan mati"),
    C("lapor banjir", INTENT_COMPLAINT, "banjir"),
    C("Lapor banjir", INTENT_COMPLAINT, "banjir"),
    C("ASPIRASI pupuk langka", INTENT_COMPLAINT, "pupuk langka"),
    C("aspirasi pupuk", INTENT_COMPLAINT, "pupuk"),
    C("KELUHAN air PDAM keruh", INTENT_COMPLAINT, "air PDAM keruh"),
    C("keluhan air", INTENT_COMPLAINT, "air"),
    C("KeLuHaN air", INTENT_COMPLAINT, "air"),
    /* punctuation after the keyword, and glued to it */
    C("aduan: jalan rusak", INTENT_COMPLAINT, "jalan rusak"),
    C("ADUAN:jalan rusak", INTENT_COMPLAINT, "jalan rusak"),
    C("ADUAN.jalan", INTENT_COMPLAINT, "jalan"),
    C("lapor.. banjir", INTENT_COMPLAINT, "banjir"),
    C("ADUAN - banjir", INTENT_COMPLAINT, "banjir"),
    C("ADUAN, banjir", INTENT_COMPLAINT, "banjir"),
    C("ADUAN:-, banjir", INTENT_COMPLAINT, "banjir"),
    C("ADUAN #banjir", INTENT_COMPLAINT, "#banjir"),
    C("ADUAN (banjir)", INTENT_COMPLAINT, "(banjir)"),
    C("ADUAN123 banjir", INTENT_COMPLAINT, "123 banjir"),
    C("ADUAN banjir.", INTENT_COMPLAINT, "banjir."),
    C("ADUAN jalan\nrusak", INTENT_COMPLAINT, "jalan\nrusak"),
    C("ADUAN " EMOJI " jalan", INTENT_COMPLAINT, EMOJI " jalan"),
    C("ADUAN jalan rusak " EMOJI, INTENT_COMPLAINT, "jalan rusak " EMOJI),
    C("ADUAN jalan r\xc3\xa9sak", INTENT_COMPLAINT, "jalan r\xc3\xa9sak"),
    /* the keyword alone */
    C("ADUAN", INTENT_COMPLAINT, ""),
    C("aduan", INTENT_COMPLAINT, ""),
    C("ADUAN   ", INTENT_COMPLAINT, ""),
    C("ADUAN:", INTENT_COMPLAINT, ""),
    C("ADUAN ...", INTENT_COMPLAINT, ""),
    C("ADUAN\r\n", INTENT_COMPLAINT, ""),
    /* leading white space and punctuation */
    C("  \n\tADUAN banjir  \r\n", INTENT_COMPLAINT, "banjir"),
    C("...ADUAN banjir", INTENT_COMPLAINT, "banjir"),
    C("\"ADUAN\" banjir", INTENT_COMPLAINT, "\" banjir"),
    C("- aduan banjir", INTENT_COMPLAINT, "banjir"),
    /* a keyword must be the whole first word */
    U("ADUANjalan rusak", "ADUANjalan rusak"),
    U("ADUANG jalan", "ADUANG jalan"),
    U("ADU jalan", "ADU jalan"),
    U("tolong ADUAN jalan", "tolong ADUAN jalan"),
    U("\xc3\x84"
      "DUAN jalan",
      "\xc3\x84"
      "DUAN jalan"),
    U(EMOJI " ADUAN jalan", EMOJI " ADUAN jalan"),
    U("1 ADUAN", "1 ADUAN"),

    /* status: every keyword and case, a valid code ("@" is its check digit) */
    S("STATUS 482193@", "482193@", TICKET_REF_VALID, "482193@"),
    S("status 482193@", "482193@", TICKET_REF_VALID, "482193@"),
    S("Status 482193@", "482193@", TICKET_REF_VALID, "482193@"),
    S("CEK 482193@", "482193@", TICKET_REF_VALID, "482193@"),
    S("cek 482193@", "482193@", TICKET_REF_VALID, "482193@"),
    S("cEk 000000@", "000000@", TICKET_REF_VALID, "000000@"),
    S("STATUS 999999@", "999999@", TICKET_REF_VALID, "999999@"),
    /* separators, prefixes, punctuation */
    S("STATUS 482-19 3@", "482-19 3@", TICKET_REF_VALID, "482193@"),
    S("STATUS 482.193.@", "482.193.@", TICKET_REF_VALID, "482193@"),
    S("STATUS 4 8 2 1 9 3 @", "4 8 2 1 9 3 @", TICKET_REF_VALID, "482193@"),
    S("status no.482193@", "no.482193@", TICKET_REF_VALID, "482193@"),
    S("status no. 482193@", "no. 482193@", TICKET_REF_VALID, "482193@"),
    S("status no 482193@", "no 482193@", TICKET_REF_VALID, "482193@"),
    S("STATUS #482193@", "#482193@", TICKET_REF_VALID, "482193@"),
    S("Status#482193@", "#482193@", TICKET_REF_VALID, "482193@"),
    S("STATUS:482193@", "482193@", TICKET_REF_VALID, "482193@"),
    S("STATUS -482193@", "482193@", TICKET_REF_VALID, "482193@"),
    S("STATUS 482193@.", "482193@.", TICKET_REF_VALID, "482193@"),
    S("  status   482193@  \n", "482193@", TICKET_REF_VALID, "482193@"),
    S("cek tiket saya 482193@ pak", "tiket saya 482193@ pak", TICKET_REF_VALID, "482193@"),
    /* a seven-digit group wins over an earlier one of another length */
    S("cek tgl 12 no 482193@", "tgl 12 no 482193@", TICKET_REF_VALID, "482193@"),
    S("STATUS 12 no 482193$ no 482193@", "12 no 482193$ no 482193@", TICKET_REF_BAD_CHECK,
      "482193$"),
    /* a wrong check digit, one wrong digit in the body */
    S("STATUS 482193$", "482193$", TICKET_REF_BAD_CHECK, "482193$"),
    S("STATUS 482-19 3$", "482-19 3$", TICKET_REF_BAD_CHECK, "482193$"),
    S("STATUS 582193@", "582193@", TICKET_REF_VALID, "582193@"),
    /* six and eight digits, one digit, 15 and 16 digits */
    S("STATUS 482193", "482193", TICKET_REF_BAD_LENGTH, "482193"),
    S("STATUS 482193@0", "482193@0", TICKET_REF_BAD_LENGTH, "482193@0"),
    S("STATUS 482193@ 5", "482193@ 5", TICKET_REF_BAD_LENGTH, "482193@5"),
    S("STATUS 1", "1", TICKET_REF_BAD_LENGTH, "1"),
    S("STATUS 123456789012345", "123456789012345", TICKET_REF_BAD_LENGTH, "123456789012345"),
    S("STATUS 1234567890123456", "1234567890123456", TICKET_REF_BAD_LENGTH, "123456789012345"),
    S("STATUS 12345-67890-12345-67890", "12345-67890-12345-67890", TICKET_REF_BAD_LENGTH,
      "123456789012345"),
    /* a separator that is not single splits the number */
    S("STATUS 482  193@", "482  193@", TICKET_REF_BAD_LENGTH, "482"),
    S("STATUS 482--193@", "482--193@", TICKET_REF_BAD_LENGTH, "482"),
    S("STATUS 482 - 193@", "482 - 193@", TICKET_REF_BAD_LENGTH, "482"),
    /* no digits */
    S("STATUS", "", TICKET_REF_NONE, ""),
    S("status:", "", TICKET_REF_NONE, ""),
    S("STATUS tiket saya", "tiket saya", TICKET_REF_NONE, ""),
    S("STATUS \xd9\xa4\xd9\xa8", "\xd9\xa4\xd9\xa8", TICKET_REF_NONE, ""), /* Arabic-Indic */
    S("STATUS482193@", "482193@", TICKET_REF_VALID, "482193@"),

    /* agenda, info, subscribe, help: the rest, trimmed */
    C("AGENDA", INTENT_AGENDA, ""),
    C("AGENDA BESOK", INTENT_AGENDA, "BESOK"),
    C("agenda komisi c", INTENT_AGENDA, "komisi c"),
    C("Jadwal: sidang paripurna", INTENT_AGENDA, "sidang paripurna"),
    C("JADWAL", INTENT_AGENDA, ""),
    C("INFO ANGGARAN", INTENT_INFO, "ANGGARAN"),
    C("info", INTENT_INFO, ""),
    C("Info.anggaran 2026 ", INTENT_INFO, "anggaran 2026"),
    C("DAFTAR", INTENT_SUBSCRIBE, ""),
    C("daftar.", INTENT_SUBSCRIBE, ""),
    C("REG AGENDA", INTENT_SUBSCRIBE, "AGENDA"),
    C("reg", INTENT_SUBSCRIBE, ""),
    C("BANTUAN", INTENT_HELP, ""),
    C("help", INTENT_HELP, ""),
    C("Help me", INTENT_HELP, "me"),
    C("MENU", INTENT_HELP, ""),
    C("menu?", INTENT_HELP, "?"),

    /* unsubscribe: a short command only */
    C("STOP", INTENT_UNSUBSCRIBE, ""),
    C("stop", INTENT_UNSUBSCRIBE, ""),
    C("berhenti.", INTENT_UNSUBSCRIBE, ""),
    C("BERHENTI", INTENT_UNSUBSCRIBE, ""),
    C("Berhenti!!!", INTENT_UNSUBSCRIBE, ""),
    C("UNREG, (AGENDA)", INTENT_UNSUBSCRIBE, "AGENDA)"),
    C("UNREG AGENDA", INTENT_UNSUBSCRIBE, "AGENDA"),
    C("unreg", INTENT_UNSUBSCRIBE, ""),
    C("stop sms saja", INTENT_UNSUBSCRIBE, "sms saja"),
    C("stop, sms", INTENT_UNSUBSCRIBE, "sms"),
    C("STOP a, b.", INTENT_UNSUBSCRIBE, "a, b."),
    C("  STOP  \n", INTENT_UNSUBSCRIBE, ""),
    C("stop abcdefghij", INTENT_UNSUBSCRIBE, "abcdefghij"), /* 10 bytes: short */
    U("stop abcdefghijk", "stop abcdefghijk"),              /* 11 bytes: not */
    C("STOP a b", INTENT_UNSUBSCRIBE, "a b"),
    U("STOP a b c", "STOP a b c"),
    U("stop pungli di kantor desa, saya mau lapor", "stop pungli di kantor desa, saya mau lapor"),
    U("STOPKAN", "STOPKAN"),

    /* nothing to recognise */
    U("", ""),
    U("   ", ""),
    U(" \t\r\n ", ""),
    U("...", "..."),
    U("halo pak", "halo pak"),
    U("  halo  ", "halo"),
    U("123", "123"),
    U("?", "?"),
    U(EMOJI, EMOJI),
    U(" " EMOJI EMOJI " ", EMOJI EMOJI),
    U("selamat pagi, jalan di desa kami rusak", "selamat pagi, jalan di desa kami rusak"),

    /* text that cannot be read is unknown, whatever it starts with */
    U("\xff\xfe", "\xff\xfe"),
    U("ADUAN jalan \xff", "ADUAN jalan \xff"),
    U("ADUAN \xc0\xaf", "ADUAN \xc0\xaf"),                   /* overlong "/" */
    U("ADUAN \xed\xa0\x80", "ADUAN \xed\xa0\x80"),           /* a surrogate */
    U("STATUS 482193@ \xe2\x82", "STATUS 482193@ \xe2\x82"), /* cut short */
    UL("ADUAN a\0b", 9, "ADUAN a\0b"),
    UL("\0", 1, "\0"),
};

START_TEST(test_classify_table)
{
    const struct classify_case *c = &classify_cases[_i];
    struct lexicon *lx = default_lexicon();
    size_t len = c->len ? c->len : strlen(c->text);
    size_t alen = c->len ? c->len : strlen(c->arg);
    char text[128], arg[128], ticket[INTENT_TICKET_MAX + 8];
    struct intent_arg out;
    enum intent in;

    ck_assert_uint_lt(len, sizeof(text));
    expand(c->text, len, text);
    expand(c->arg, alen, arg);
    ck_assert_uint_lt(strlen(c->ticket), sizeof(ticket));
    expand(c->ticket, strlen(c->ticket), ticket);

    in = classify(lx, text, len, &out);
    ck_assert_msg(in == c->intent, "\"%s\": intent %s, expected %s", text, intent_name(in),
                  intent_name(c->intent));
    ck_assert_msg(out.len == alen && memcmp(text + out.off, arg, alen) == 0,
                  "\"%s\": argument \"%.*s\", expected \"%s\"", text, (int)out.len, text + out.off,
                  arg);
    ck_assert_msg(out.ticket_ref == c->ref, "\"%s\": ticket_ref %d, expected %d", text,
                  (int)out.ticket_ref, (int)c->ref);
    ck_assert_str_eq(out.ticket, ticket);
    lexicon_free(lx);
}
END_TEST

/* Every code over a sample of bodies is valid; every single wrong digit and
 * every swap of two different neighbours is caught as a bad check digit. */
START_TEST(test_status_typos)
{
    struct lexicon *lx = default_lexicon();
    struct intent_arg out;
    char msg[32], code[8];
    unsigned body, pos, d;
    int cases = 0;

    for (body = 0; body < 1000000; body += 4999) {
        snprintf(code, sizeof(code), "%06u", body);
        code[6] = (char)('0' + ticket_damm(code, 6));
        code[7] = '\0';
        snprintf(msg, sizeof(msg), "STATUS %s", code);
        ck_assert_int_eq(classify(lx, msg, strlen(msg), &out), INTENT_STATUS);
        ck_assert_int_eq(out.ticket_ref, TICKET_REF_VALID);
        ck_assert_str_eq(out.ticket, code);

        for (pos = 0; pos < 7; pos++) {
            for (d = 0; d < 10; d++) {
                if ((char)('0' + d) == code[pos])
                    continue;
                snprintf(msg, sizeof(msg), "STATUS %s", code);
                msg[7 + pos] = (char)('0' + d);
                ck_assert_int_eq(classify(lx, msg, strlen(msg), &out), INTENT_STATUS);
                ck_assert_msg(out.ticket_ref == TICKET_REF_BAD_CHECK, "%s not caught", msg);
                ck_assert_str_eq(out.ticket, msg + 7);
                cases++;
            }
        }
        for (pos = 0; pos + 1 < 7; pos++) {
            if (code[pos] == code[pos + 1])
                continue;
            snprintf(msg, sizeof(msg), "STATUS %s", code);
            msg[7 + pos] = code[pos + 1];
            msg[7 + pos + 1] = code[pos];
            ck_assert_int_eq(classify(lx, msg, strlen(msg), &out), INTENT_STATUS);
            ck_assert_msg(out.ticket_ref == TICKET_REF_BAD_CHECK, "%s not caught", msg);
            cases++;
        }
    }
    ck_assert_int_gt(cases, 10000);
    lexicon_free(lx);
}
END_TEST

static const struct {
    enum intent in;
    const char *name;
} names[] = {
    {INTENT_UNKNOWN, "unknown"},
    {INTENT_COMPLAINT, "complaint"},
    {INTENT_STATUS, "status"},
    {INTENT_AGENDA, "agenda"},
    {INTENT_INFO, "info"},
    {INTENT_SUBSCRIBE, "subscribe"},
    {INTENT_UNSUBSCRIBE, "unsubscribe"},
    {INTENT_HELP, "help"},
};

START_TEST(test_names)
{
    enum intent in;
    size_t i;

    ck_assert_uint_eq(N(names), INTENT__COUNT);
    for (i = 0; i < N(names); i++) {
        ck_assert_str_eq(intent_name(names[i].in), names[i].name);
        in = INTENT__COUNT;
        ck_assert_int_eq(intent_from_name(names[i].name, &in), 0);
        ck_assert_int_eq(in, names[i].in);
    }
    ck_assert_str_eq(intent_name(INTENT__COUNT), "unknown");
    ck_assert_str_eq(intent_name((enum intent) - 1), "unknown");

    in = INTENT_HELP;
    ck_assert_int_eq(intent_from_name("Complaint", &in), -1);
    ck_assert_int_eq(intent_from_name("complaints", &in), -1);
    ck_assert_int_eq(intent_from_name("complain", &in), -1);
    ck_assert_int_eq(intent_from_name("", &in), -1);
    ck_assert_int_eq(intent_from_name(NULL, &in), -1);
    ck_assert_int_eq(in, INTENT_HELP);
}
END_TEST

/* Lexicon errors: the default lists with one intent's list replaced. */
struct lexicon_case {
    enum intent in;
    const char *words[4];
    size_t n;
    const char *err; /* NULL: accepted */
};

static const struct lexicon_case lexicon_cases[] = {
    {INTENT_INFO, {"INFO", "CEK"}, 2, "keyword \"CEK\" is listed for both status and info"},
    {INTENT_INFO, {"cek"}, 1, "keyword \"CEK\" is listed for both status and info"},
    {INTENT_HELP, {"Aduan"}, 1, "keyword \"ADUAN\" is listed for both complaint and help"},
    {INTENT_COMPLAINT, {"ADUAN", "aduan"}, 2, "keyword \"ADUAN\" is listed twice for complaint"},
    {INTENT_COMPLAINT,
     {"AD-UAN"},
     1,
     "keyword \"AD-UAN\" for complaint has a character other than the letters A to Z"},
    {INTENT_COMPLAINT,
     {"ADUAN1"},
     1,
     "keyword \"ADUAN1\" for complaint has a character other than the letters A to Z"},
    {INTENT_COMPLAINT,
     {"AD UAN"},
     1,
     "keyword \"AD UAN\" for complaint has a character other than the letters A to Z"},
    {INTENT_COMPLAINT,
     {" ADUAN"},
     1,
     "keyword \" ADUAN\" for complaint has a character other than the letters A to Z"},
    {INTENT_COMPLAINT,
     {"ADU\xc3\x81N"},
     1,
     "keyword \"ADU??N\" for complaint has a character other than the letters A to Z"},
    {INTENT_COMPLAINT,
     {"1ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
     1,
     "keyword \"1ABCDEFGHIJKLMNOPQRSTUVW...\" for complaint has a character other than the "
     "letters A to Z"},
    {INTENT_COMPLAINT, {""}, 1, "empty keyword for complaint"},
    {INTENT_AGENDA, {"AGENDA", NULL}, 2, "empty keyword for agenda"},
    {INTENT_COMPLAINT,
     {"ABCDEFGHIJKLMNOPQRSTU"},
     1,
     "keyword \"ABCDEFGHIJKLMNOPQRSTU\" for complaint is longer than 20 letters"},
    {INTENT_COMPLAINT, {"ABCDEFGHIJKLMNOPQRST"}, 1, NULL}, /* 20 letters */
    {INTENT_COMPLAINT, {"a"}, 1, NULL},
    {INTENT_COMPLAINT, {NULL}, 0, NULL}, /* an empty list */
    {INTENT_UNKNOWN, {"HALO"}, 1, "intent unknown cannot have keywords"},
};

START_TEST(test_lexicon_errors)
{
    const struct lexicon_case *c = &lexicon_cases[_i];
    struct lexicon_spec s = default_spec();
    struct lexicon *lx;
    char err[200], small[12];

    s.words[c->in] = c->words;
    s.nwords[c->in] = c->n;
    memset(err, 'x', sizeof(err));
    lx = lexicon_new(&s, err, sizeof(err));
    if (c->err == NULL) {
        ck_assert_msg(lx != NULL, "rejected: %s", err);
        lexicon_free(lx);
        return;
    }
    ck_assert_ptr_null(lx);
    ck_assert_str_eq(err, c->err);

    /* a short buffer gets the start of the reason; no buffer is fine */
    memset(small, 'x', sizeof(small));
    ck_assert_ptr_null(lexicon_new(&s, small, sizeof(small)));
    ck_assert_uint_eq(strlen(small), sizeof(small) - 1);
    ck_assert_int_eq(strncmp(small, c->err, sizeof(small) - 1), 0);
    ck_assert_ptr_null(lexicon_new(&s, NULL, 0));
}
END_TEST

START_TEST(test_lexicon_bad_spec)
{
    struct lexicon_spec s = default_spec();
    char err[200];

    ck_assert_ptr_null(lexicon_new(NULL, err, sizeof(err)));
    ck_assert_str_eq(err, "no keywords given");

    s.words[INTENT_STATUS] = NULL;
    ck_assert_ptr_null(lexicon_new(&s, err, sizeof(err)));
    ck_assert_str_eq(err, "keywords for status are missing");
    s.nwords[INTENT_STATUS] = 0;
    lexicon_free(lexicon_new(&s, err, sizeof(err)));
    lexicon_free(NULL);
}
END_TEST

/* Lists may be empty; a word then means nothing.  Keywords are copied and
 * matched whatever case the configuration wrote them in. */
START_TEST(test_lexicon_custom)
{
    char w1[] = "aduan", w2[] = "ABCDEFGHIJKLMNOPQRST";
    const char *complaint[] = {w1, w2};
    struct lexicon_spec s;
    struct lexicon *lx;
    struct intent_arg out;
    char err[200];

    memset(&s, 0, sizeof(s));
    s.words[INTENT_COMPLAINT] = complaint;
    s.nwords[INTENT_COMPLAINT] = 2;
    lx = lexicon_new(&s, err, sizeof(err));
    ck_assert_msg(lx != NULL, "%s", err);
    memset(w1, 'z', sizeof(w1) - 1); /* the lexicon holds its own copy */
    complaint[0] = NULL;

    ck_assert_int_eq(classify(lx, "ADUAN x", 7, &out), INTENT_COMPLAINT);
    ck_assert_int_eq(classify(lx, "Aduan", 5, &out), INTENT_COMPLAINT);
    ck_assert_int_eq(classify(lx, "zzzzz x", 7, &out), INTENT_UNKNOWN);
    ck_assert_int_eq(classify(lx, "STATUS 1234567", 14, &out), INTENT_UNKNOWN);
    ck_assert_int_eq(out.ticket_ref, TICKET_REF_NONE);
    ck_assert_int_eq(classify(lx, "STOP", 4, &out), INTENT_UNKNOWN);
    ck_assert_int_eq(classify(lx, "abcdefghijklmnopqrst x", 22, &out), INTENT_COMPLAINT);
    ck_assert_uint_eq(out.off, 21);
    ck_assert_int_eq(classify(lx, "abcdefghijklmnopqrstu x", 23, &out), INTENT_UNKNOWN);
    ck_assert_int_eq(classify(lx, "abcdefghijklmnopqrs x", 21, &out), INTENT_UNKNOWN);
    ck_assert_int_eq(intent_classify(lx, NULL, 0, &out), INTENT_UNKNOWN);
    ck_assert_uint_eq(out.len, 0);
    lexicon_free(lx);

    memset(&s, 0, sizeof(s));
    lx = lexicon_new(&s, err, sizeof(err));
    ck_assert_msg(lx != NULL, "%s", err);
    ck_assert_int_eq(classify(lx, "ADUAN x", 7, &out), INTENT_UNKNOWN);
    ck_assert_uint_eq(out.len, 7);
    lexicon_free(lx);
}
END_TEST

/* A long argument, and long runs of digits, are classified in full. */
START_TEST(test_long_text)
{
    static char text[64 * 1024];
    struct lexicon *lx = default_lexicon();
    struct intent_arg out;
    size_t i;

    memcpy(text, "STATUS ", 7);
    for (i = 7; i < sizeof(text); i++)
        text[i] = (i % 2) ? '1' : ' ';
    ck_assert_int_eq(classify(lx, text, sizeof(text), &out), INTENT_STATUS);
    ck_assert_int_eq(out.ticket_ref, TICKET_REF_BAD_LENGTH);
    ck_assert_str_eq(out.ticket, "111111111111111");

    memcpy(text, "ADUAN  ", 7);
    for (i = 7; i < sizeof(text); i++)
        text[i] = 'a';
    ck_assert_int_eq(classify(lx, text, sizeof(text), &out), INTENT_COMPLAINT);
    ck_assert_uint_eq(out.off, 7);
    ck_assert_uint_eq(out.len, sizeof(text) - 7);
    lexicon_free(lx);
}
END_TEST

static Suite *
intent_suite(void)
{
    Suite *s = suite_create("intent");
    TCase *tc = tcase_create("intent");

    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_classify_table, 0, (int)N(classify_cases));
    tcase_add_test(tc, test_status_typos);
    tcase_add_test(tc, test_names);
    tcase_add_loop_test(tc, test_lexicon_errors, 0, (int)N(lexicon_cases));
    tcase_add_test(tc, test_lexicon_bad_spec);
    tcase_add_test(tc, test_lexicon_custom);
    tcase_add_test(tc, test_long_text);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(intent_suite)
