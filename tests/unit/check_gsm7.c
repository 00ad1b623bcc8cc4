/*
 * Unit tests for parsers/gsm7.c: the GSM 03.38 default alphabet and its
 * extension table character by character, strict UTF-8 validation, segment
 * counts on both sides of every limit (160/161 septets, escape sequences and
 * surrogate pairs at part boundaries, 70/71 UCS-2 units), transliteration,
 * including a full output buffer, and shortening at word boundaries
 * (gsm7_fit_words) against budgets of septets and of bytes.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <check.h>

#include "parsers/gsm7.h"
#include "tests/unit/check_main.h"

/* A string literal and its length, NUL bytes inside included. */
#define S(lit)   lit, sizeof(lit) - 1
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The 127 characters of the default alphabet in septet order (0x1B, the
 * escape, has none), written out independently of the module's table. */
static const char basic_alphabet[] = "@£$¥èéùìòÇ\nØø\rÅå"
                                     "Δ_ΦΓΛΩΠΨΣΘΞ"
                                     "ÆæßÉ"
                                     " !\"#¤%&'()*+,-./0123456789:;<=>?"
                                     "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
                                     "¿abcdefghijklmnopqrstuvwxyzäöñüà";

/* The extension table: form feed, ^ { } \ [ ~ ] | and the euro sign. */
static const char extension_chars[] = "\f^{}\\[~]|€";

/* Length of the UTF-8 character at s (valid UTF-8 assumed). */
static size_t
char_len(const char *s)
{
    size_t n = 1;

    while ((s[n] & 0xc0) == 0x80)
        n++;
    return n;
}

START_TEST(test_basic_alphabet)
{
    const char *p = basic_alphabet;
    size_t n, count = 0;

    while (*p != '\0') {
        n = char_len(p);
        ck_assert_msg(gsm7_septets(p, n) == 1, "character %zu (%.*s) is not one septet", count,
                      (int)n, p);
        ck_assert_int_eq(sms_segments(p, n), 1);
        p += n;
        count++;
    }
    ck_assert_uint_eq(count, 127);
    ck_assert_int_eq(gsm7_septets(basic_alphabet, strlen(basic_alphabet)), 127);
    ck_assert_int_eq(sms_segments(basic_alphabet, strlen(basic_alphabet)), 1);
}
END_TEST

START_TEST(test_extension_table)
{
    const char *p = extension_chars;
    size_t n, count = 0;

    while (*p != '\0') {
        n = char_len(p);
        ck_assert_msg(gsm7_septets(p, n) == 2, "%.*s is not two septets", (int)n, p);
        p += n;
        count++;
    }
    ck_assert_uint_eq(count, 10);
    ck_assert_int_eq(gsm7_septets(extension_chars, strlen(extension_chars)), 20);
}
END_TEST

static const struct {
    const char *in;
    size_t len;
    ssize_t want;
} septet_cases[] = {
    {S(""), 0},
    {S("a"), 1},
    {S("ADUAN jalan rusak di Desa Sooko RT 3"), 36},
    {S("Rp 10.000,- @ 5% & \"ok\""), 23},
    {S("a€b"), 4},
    {S("{x}"), 5},
    {S("a\r\nb"), 4},
    {S("\0"), -1},   /* NUL is valid UTF-8 but not a GSM-7 character */
    {S("`"), -1},    /* the one printable ASCII character GSM-7 lacks */
    {S("\t"), -1},   /* tab */
    {S("\x01"), -1}, /* control */
    {S("\x7f"), -1}, /* DEL */
    {S("\x1b"), -1}, /* ESC itself is not text */
    {S("ç"), -1},    /* GSM-7 has only the capital */
    {S("á"), -1},    /* á, Ã, ê: Latin-1 letters outside GSM-7 */
    {S("Ã"), -1},
    {S("ê"), -1},
    {S("Α"), -1}, /* Greek capital alpha: GSM-7 has only the non-Latin-looking capitals */
    {S("α"), -1},
    {S("Ж"), -1},
    {S("\xc2\xa0"), -1}, /* no-break space */
    {S("…"), -1},
    {S("“"), -1},
    {S("😀"), -1},
    {S("abc😀"), -1},
    {S("Ω€Δ"), 4},
    {S("\xef\xbf\xbf"), -1}, /* U+FFFF */
};

START_TEST(test_septets)
{
    ck_assert_int_eq(gsm7_septets(septet_cases[_i].in, septet_cases[_i].len),
                     septet_cases[_i].want);
}
END_TEST

/* Strict UTF-8, each error next to the nearest valid form. */
static const struct {
    const char *in;
    size_t len;
    bool valid;
} utf8_cases[] = {
    {S(""), true},
    {S("\0"), true},
    {S("\x7f"), true},
    {S("\x80"), false}, /* lone continuation byte */
    {S("\xbf"), false},
    {S("\xc0\xaf"), false},                 /* overlong '/' */
    {S("\xc1\xbf"), false},                 /* overlong U+007F */
    {S("\xc2\x80"), true},                  /* U+0080, smallest two-byte */
    {S("\xdf\xbf"), true},                  /* U+07FF */
    {S("\xe0\x80\xaf"), false},             /* overlong '/' in three bytes */
    {S("\xe0\x9f\xbf"), false},             /* overlong U+07FF */
    {S("\xe0\xa0\x80"), true},              /* U+0800, smallest three-byte */
    {S("\xed\x9f\xbf"), true},              /* U+D7FF, just below the surrogates */
    {S("\xed\xa0\x80"), false},             /* U+D800, high surrogate */
    {S("\xed\xbf\xbf"), false},             /* U+DFFF, low surrogate */
    {S("\xed\xa0\xbd\xed\xb8\x80"), false}, /* a CESU-8 surrogate pair */
    {S("\xee\x80\x80"), true},              /* U+E000, just above */
    {S("\xef\xbf\xbf"), true},              /* U+FFFF */
    {S("\xf0\x8f\xbf\xbf"), false},         /* overlong U+FFFF */
    {S("\xf0\x90\x80\x80"), true},          /* U+10000, smallest four-byte */
    {S("\xf4\x8f\xbf\xbf"), true},          /* U+10FFFF, the last code point */
    {S("\xf4\x90\x80\x80"), false},         /* U+110000 */
    {S("\xf5\x80\x80\x80"), false},
    {S("\xf8\x88\x80\x80\x80"), false}, /* old five-byte form */
    {S("\xfe"), false},
    {S("\xff"), false},
    {S("\xc3"), false},         /* truncated at the end */
    {S("\xe2\x82"), false},     /* euro sign missing its last byte */
    {S("\xf0\x9f\x98"), false}, /* emoji missing its last byte */
    {S("\xc3("), false},        /* bad continuation */
    {S("\xe2(\xa1"), false},
    {S("\xe2\x82("), false},
    {S("\xf0\x9f(\x80"), false},
    {S("\xf0\x9f\x98("), false},
    {S("\xe2\x82\xac"), true},     /* euro sign */
    {S("\xf0\x9f\x98\x80"), true}, /* emoji */
    {S("caf\xc3\xa9"), true},
    {S("caf\xc3\xa9\xc3"), false}, /* valid text, then a truncation */
};

START_TEST(test_utf8)
{
    const char *in = utf8_cases[_i].in;
    size_t len = utf8_cases[_i].len;

    ck_assert_msg(utf8_valid(in, len) == utf8_cases[_i].valid, "case %d", _i);
    if (!utf8_cases[_i].valid) {
        ck_assert_int_eq(gsm7_septets(in, len), -1);
        ck_assert_int_eq(sms_segments(in, len), -1);
    } else {
        ck_assert_int_ge(sms_segments(in, len), len > 0 ? 1 : 0);
    }
}
END_TEST

/* A message built as: before x 'a', then reps x mid, then after x 'a'. */
static const struct {
    size_t before;
    const char *mid;
    size_t reps;
    size_t after;
    int want;
} segment_cases[] = {
    /* clang-format off */
    {0,   "",   0,  0,   0},
    {1,   "",   0,  0,   1},
    {160, "",   0,  0,   1}, /* one full GSM-7 part */
    {161, "",   0,  0,   2},
    {158, "€",  1,  0,   1}, /* 160 septets */
    {159, "€",  1,  0,   2}, /* 161 septets: the escape pushes it over */
    {159, "{",  1,  0,   2},
    {159, "é",  1,  0,   1}, /* é is one septet */
    {0,   "€",  80, 0,   1}, /* 160 septets */
    {0,   "€",  81, 0,   2}, /* 162 */
    {306, "",   0,  0,   2}, /* two full parts of 153 */
    {307, "",   0,  0,   3},
    {459, "",   0,  0,   3},
    {460, "",   0,  0,   4},
    {151, "€",  1,  153, 2}, /* 306 septets, the escape ends part one */
    {152, "€",  1,  152, 3}, /* 306 septets, but the escape cannot be split */
    {69,  "ç",  1,  0,   1}, /* 70 UCS-2 units */
    {70,  "ç",  1,  0,   2}, /* 71 */
    {0,   "ç",  1,  133, 2}, /* 134: two full parts of 67 */
    {0,   "ç",  1,  134, 3},
    {0,   "ж",  70, 0,   1},
    {0,   "ж",  71, 0,   2},
    {68,  "😀", 1,  0,   1}, /* a surrogate pair: 70 units */
    {69,  "😀", 1,  0,   2}, /* 71 */
    {0,   "😀", 35, 0,   1}, /* 70 units */
    {0,   "😀", 36, 0,   2},
    {65,  "😀", 1,  67,  2}, /* 134 units, the pair ends part one */
    {66,  "😀", 1,  66,  3}, /* 134 units, but the pair cannot be split */
    {100, "ç",  1,  0,   2}, /* one character outside GSM-7 makes it all UCS-2 */
    {100, "",   0,  0,   1},
    /* clang-format on */
};

START_TEST(test_segments)
{
    static char buf[1024];
    size_t n = 0, r, midlen = strlen(segment_cases[_i].mid);

    memset(buf, 'a', segment_cases[_i].before);
    n += segment_cases[_i].before;
    for (r = 0; r < segment_cases[_i].reps; r++) {
        memcpy(buf + n, segment_cases[_i].mid, midlen);
        n += midlen;
    }
    memset(buf + n, 'a', segment_cases[_i].after);
    n += segment_cases[_i].after;
    ck_assert_uint_lt(n, sizeof(buf));
    ck_assert_int_eq(sms_segments(buf, n), segment_cases[_i].want);
}
END_TEST

static const struct {
    const char *in;
    size_t len;
    const char *want;
} translit_cases[] = {
    {S(""), ""},
    {S("ADUAN jalan rusak di Desa Sooko RT 3"), "ADUAN jalan rusak di Desa Sooko RT 3"},
    /* Latin-1 letters: kept when GSM-7 has them, else the base letter */
    {S("café"), "café"},
    {S("ç"), "c"},
    {S("Ç"), "Ç"},
    {S("á"), "a"},
    {S("Ã"), "A"},
    {S("ê"), "e"},
    {S("ÀÁÂÃÄÅ"), "AAAAÄÅ"},
    {S("àáâãäå"), "àaaaäå"},
    {S("ÈÉÊË ÌÍÎÏ"), "EÉEE IIII"},
    {S("èéêë ìíîï"), "èéee ìiii"},
    {S("ÒÓÔÕÖØ ÙÚÛÜ"), "OOOOÖØ UUUÜ"},
    {S("òóôõöø ùúûü"), "òoooöø ùuuü"},
    {S("Ñandú"), "Ñandu"},
    {S("ÝýÿÐðÞþ"), "YyyDdThth"},
    {S("straße ÆæÉ"), "straße ÆæÉ"},
    {S("3×4÷2"), "3x4/2"},
    {S("«ya»"), "\"ya\""},
    /* Latin Extended-A */
    {S("Łódź"), "Lodz"},
    {S("Ştefan Şţ"), "Stefan St"},
    {S("Œuvre œ"), "OEuvre oe"},
    {S("Ĳssel ĳ"), "IJssel ij"},
    {S("ĀāĂăĄą ŽžſĸŉŊŋ"), "AaAaAa ZzsknNn"},
    {S("ŸŹźŻżŽž"), "YZzZzZz"},
    {S("İı"), "Ii"},
    {S("Ș ș Ț ț"), "S s T t"},
    /* punctuation */
    {S("“halo”"), "\"halo\""},
    {S("„a‟"), "\"a\""},
    {S("‘a’ ‚b‛"), "'a' 'b'"},
    {S("a–b—c‐d‑e−5"), "a-b-c-d-e-5"},
    {S("tunggu…"), "tunggu..."},
    {S("`kode`"), "'kode'"},
    {S("• satu"), "- satu"},
    {S("Merek™"), "MerekTM"},
    {S("ＡＢＣ１２３"), "ABC123"},
    /* spaces */
    {S("a\xc2\xa0z"), "a z"}, /* no-break space */
    {S("a\tb"), "a b"},
    {S("a\u2003b"), "a b"},
    {S("a\u202fb"), "a b"},
    {S("a\u3000b"), "a b"},
    {S("a  b"), "a b"},
    {S("a \xc2\xa0\t  b"), "a b"},
    {S(" a "), " a "}, /* collapsed, not trimmed */
    {S("   "), " "},
    /* dropped: emoji, other scripts, controls, format characters */
    {S("ok 👍"), "ok "},
    {S("a 😀 b"), "a b"},
    {S("Ж"), ""},
    {S("中文abc"), "abc"},
    {S("αβγ"), ""},
    {S("ΩΔΦ"), "ΩΔΦ"}, /* Greek capitals GSM-7 has */
    {S("a\x01z"), "az"},
    {S("a\x7fz"), "az"},
    {S("a\0b"), "ab"},
    {S("a\xc2\x80z"), "az"},         /* C1 control */
    {S("a\xc2\x85z"), "a z"},        /* next line */
    {S("e\xcc\x81"), "e"},           /* combining acute accent */
    {S("\xef\xbb\xbfHalo"), "Halo"}, /* byte order mark */
    {S("a\u200bb"), "ab"},           /* zero-width space */
    {S("½ ¼"), " "},
    /* kept: line breaks and the extension table; the form feed is layout */
    {S("a\r\nb"), "a\r\nb"},
    {S("a\fb"), "a b"},
    {S("{[€]} ^~|\\"), "{[€]} ^~|\\"},
    /* invalid UTF-8: each bad byte dropped, what follows kept */
    {S("a\xffz"), "az"},
    {S("a\xc3z"), "az"},
    {S("\xe2\x82"), ""},
    {S("x\xe2\x82"), "x"},
    {S("a\xed\xa0\x80z"), "az"}, /* surrogate */
    {S("\xc0\xaf"), ""},         /* overlong */
    {S("\xe0\x80\xafz"), "z"},
    {S("\xf4\x90\x80\x80z"), "z"},
    {S("\xf0\x9f\x98 x"), " x"}, /* truncated emoji */
    {S("\xe2\x82\xac"), "€"},
};

START_TEST(test_transliterate)
{
    char out[256];
    size_t n;

    memset(out, 'x', sizeof(out));
    n = gsm7_transliterate(translit_cases[_i].in, translit_cases[_i].len, out, sizeof(out));
    ck_assert_str_eq(out, translit_cases[_i].want);
    ck_assert_uint_eq(n, strlen(translit_cases[_i].want));
    ck_assert(utf8_valid(out, n));
    ck_assert_int_ge(gsm7_septets(out, n), 0);
    ck_assert_uint_le(n, translit_cases[_i].len); /* never longer */
}
END_TEST

/* Every GSM-7 character passes through unchanged, the form feed aside. */
START_TEST(test_transliterate_keeps_alphabet)
{
    char out[512];
    size_t n;

    n = gsm7_transliterate(basic_alphabet, strlen(basic_alphabet), out, sizeof(out));
    ck_assert_uint_eq(n, strlen(basic_alphabet));
    ck_assert_str_eq(out, basic_alphabet);
    n = gsm7_transliterate(extension_chars + 1, strlen(extension_chars + 1), out, sizeof(out));
    ck_assert_str_eq(out, extension_chars + 1);
}
END_TEST

/* A full output buffer: the result stops at a character boundary, and never
 * skips a character to fit a later one. */
static const struct {
    const char *in;
    size_t outsz;
    const char *want;
} translit_room_cases[] = {
    {"abc", 1, ""},        {"abc", 2, "a"},    {"abc", 3, "ab"},  {"abc", 4, "abc"},
    {"abc", 5, "abc"},     {"é", 2, ""},       {"é", 3, "é"},     {"aé", 3, "a"},
    {"aé", 4, "aé"},       {"ab…c", 4, "ab"},  {"ab…c", 5, "ab"}, {"ab…c", 6, "ab..."},
    {"ab…c", 7, "ab...c"}, {"€", 3, ""},       {"€", 4, "€"},     {"😀😀ab", 3, "ab"},
    {"a  b", 3, "a "},     {"a  b", 4, "a b"}, {"ÞÞ", 3, "Th"},   {"ÞÞ", 4, "Th"},
};

START_TEST(test_transliterate_room)
{
    const char *in = translit_room_cases[_i].in;
    char out[16];
    size_t n;

    memset(out, 'x', sizeof(out));
    n = gsm7_transliterate(in, strlen(in), out, translit_room_cases[_i].outsz);
    ck_assert_str_eq(out, translit_room_cases[_i].want);
    ck_assert_uint_eq(n, strlen(translit_room_cases[_i].want));
    ck_assert_int_eq(out[translit_room_cases[_i].outsz], 'x'); /* nothing beyond outsz */
}
END_TEST

START_TEST(test_transliterate_no_room)
{
    char out[4] = "xyz";

    ck_assert_uint_eq(gsm7_transliterate("abc", 3, out, 0), 0);
    ck_assert_str_eq(out, "xyz"); /* untouched */
}
END_TEST

/*
 * gsm7_fit_words(): {input, budget in septets, output buffer size, result}.
 * The buffer is the test's own (256 bytes) when outsz is 0.
 */
static const struct {
    const char *in;
    size_t max, outsz;
    const char *want;
} fit_cases[] = {
    /* fits, on both sides of the limit */
    {"jalan rusak", 12, 0, "jalan rusak"},
    {"jalan rusak", 11, 0, "jalan rusak"},
    {"jalan rusak", 10, 0, "jalan.."},
    {"jalan rusak parah", 13, 0, "jalan rusak.."},
    {"jalan rusak parah", 12, 0, "jalan.."},
    {"", 10, 0, ""},
    {"a", 0, 0, ""},
    {"a", 1, 0, "a"},
    {"ab", 1, 0, ""},
    {"ab", 2, 0, "ab"},
    {"abc", 2, 0, ""}, /* no room for a letter and the dots */
    {"abc", 3, 0, "abc"},
    {"abcd", 3, 0, "a.."},
    /* leading and trailing white space, fitting or not */
    {"   halo   ", 10, 0, "halo"},
    {"   halo   ", 4, 0, "halo"},
    {"\n halo \r\n", 4, 0, "halo"},
    {"\xc2\xa0halo\xe2\x80\x83", 4, 0, "halo"}, /* no-break and em spaces */
    {"halo    pak", 20, 0, "halo pak"},
    {"halo \xf0\x9f\x98\x80 pak", 20, 0, "halo pak"}, /* the emoji goes, one space stays */
    {"halo   ", 3, 0, "h.."},
    /* a single word longer than the budget, or too long for the dots */
    {"abcdefghijklmnopqrstuvwxyz", 10, 0, "abcdefgh.."},
    {"abcdefghi jk", 10, 0, "abcdefgh.."},
    {"abcdefghi jk", 11, 0, "abcdefghi.."},
    {"abcdefg hi jklmnop", 10, 0, "abcdefg.."},
    {"ok abcdefghijklmnopqrstuvwxyz", 10, 0, "ok.."},
    {"ok abcdefghijklmnopqrstuvwxyz", 4, 0, "ok.."},
    {"ok abcdefghijklmnopqrstuvwxyz", 3, 0, "o.."},
    /* punctuation dangling at the cut */
    {"jalan, rusak parah", 10, 0, "jalan.."},
    {"jalan, rusak parah", 14, 0, "jalan, rusak.."},
    {"jalan - rusak parah", 12, 0, "jalan.."},
    {"Perbaikan jalan; drainase", 18, 0, "Perbaikan jalan.."},
    {"tunggu\xe2\x80\xa6 lagi", 10, 0, "tunggu.."},
    {"Kapan rapat? Besok pagi", 14, 0, "Kapan rapat?.."},
    {"Rapat (Paripurna) APBD", 20, 0, "Rapat (Paripurna).."},
    {"Rapat (Paripurna APBD) 2027", 22, 0, "Rapat (Paripurna.."},
    {"a, b, c, d, e", 9, 0, "a, b, c.."},
    {"a, b, c, d, e", 8, 0, "a, b.."},
    {"((((((((((", 5, 0, ""}, /* nothing but punctuation before the cut */
    {"!!!!!!!!!!", 5, 0, "!!!.."},
    {"Jl. Raya Sooko", 6, 0, "Jl.."},
    /* the extension table counts two */
    {"[x]", 5, 0, "[x]"},
    {"[x]", 4, 0, ""},
    {"a{b} c", 8, 0, "a{b} c"},
    {"a{b} c", 7, 0, "a{b.."}, /* "a{b}.." would take eight */
    {"a{b} c", 6, 0, "a{b.."},
    {"a{b} c", 5, 0, "a.."}, /* the '{' dangles */
    {"harga \xe2\x82\xac"
     "5 naik",
     14, 0,
     "harga \xe2\x82\xac"
     "5 naik"},
    {"harga \xe2\x82\xac"
     "5 naik",
     11, 0,
     "harga \xe2\x82\xac"
     "5.."},
    {"harga \xe2\x82\xac"
     "5 naik",
     10, 0, "harga.."},
    {"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", 10, 0,
     "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"},
    {"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", 9, 0,
     "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac.."},
    {"a~b", 3, 0, "a.."},
    {"ab|cd ef", 8, 0, "ab|cd.."}, /* '|' is two septets, "ab|cd" six */
    {"ab|cd ef", 7, 0, "ab|c.."},
    {"ab|cd ef", 6, 0, "ab.."}, /* the '|' dangles */
    /* multibyte input, transliterated first */
    {"Rapat \xe2\x80\x9cParipurna\xe2\x80\x9d \xe2\x80\x94 APBD 2027", 40, 0,
     "Rapat \"Paripurna\" - APBD 2027"},
    {"Rapat \xe2\x80\x9cParipurna\xe2\x80\x9d \xe2\x80\x94 APBD 2027", 24, 0,
     "Rapat \"Paripurna\".."},
    {"Rapat \xe2\x80\x9cParipurna\xe2\x80\x9d \xe2\x80\x94 APBD 2027", 9, 0, "Rapat.."},
    {"S\xc3\xa3o Paulo", 9, 0, "Sao Paulo"},
    {"S\xc3\xa3o Paulo", 8, 0, "Sao.."},
    {"caf\xc3\xa9 \xc3\xa0 la", 9, 0,
     "caf\xc3\xa9 \xc3\xa0 la"}, /* GSM-7 has e-acute and a-grave */
    {"\xc3\x89\xc3\xa9\xc3\xa9 \xc3\xa0", 5, 0, "\xc3\x89\xc3\xa9\xc3\xa9 \xc3\xa0"},
    {"\xc3\x89\xc3\xa9\xc3\xa9 \xc3\xa0", 4, 0, "\xc3\x89\xc3\xa9.."},
    {"\xd0\x9f\xd1\x80\xd0\xb8 halo", 20, 0, "halo"}, /* Cyrillic dropped */
    {"halo\xff\xfe pak", 20, 0, "halo pak"},          /* invalid bytes dropped */
    {"baris1\nbaris2", 20, 0, "baris1\nbaris2"},
    {"baris satu\nbaris dua", 14, 0, "baris satu.."},
    {"a\tb", 5, 0, "a b"},
    /* the output buffer is a budget too */
    {"jalan rusak", 160, 12, "jalan rusak"},
    {"jalan rusak", 160, 11, "jalan.."},
    {"jalan rusak", 160, 8, "jalan.."},
    {"jalan rusak", 160, 7, "jala.."},
    {"jalan rusak", 160, 1, ""},
    {"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", 160, 10, "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"},
    {"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", 160, 9, "\xe2\x82\xac\xe2\x82\xac.."},
    {"\xc3\xa9\xc3\xa9", 160, 5, "\xc3\xa9\xc3\xa9"},
    {"\xc3\xa9\xc3\xa9", 160, 4, ""}, /* one e-acute and the dots need five bytes */
};

/* What every result must be: GSM-7, within both budgets, trimmed. */
static void
check_fit_invariants(const char *out, size_t n, size_t max, size_t outsz)
{
    ck_assert_uint_eq(strlen(out), n);
    ck_assert(utf8_valid(out, n));
    ck_assert_int_ge(gsm7_septets(out, n), 0);
    ck_assert_uint_le((size_t)gsm7_septets(out, n), max);
    ck_assert_uint_lt(n, outsz);
    if (n > 0) {
        ck_assert(out[0] != ' ' && out[0] != '\n' && out[0] != '\r');
        ck_assert(out[n - 1] != ' ' && out[n - 1] != '\n' && out[n - 1] != '\r');
    }
}

START_TEST(test_fit_words)
{
    const char *in = fit_cases[_i].in;
    size_t outsz = fit_cases[_i].outsz != 0 ? fit_cases[_i].outsz : 256;
    char out[260];
    size_t n;

    memset(out, 'x', sizeof(out));
    n = gsm7_fit_words(in, strlen(in), fit_cases[_i].max, out, outsz);
    ck_assert_msg(strcmp(out, fit_cases[_i].want) == 0, "case %d: \"%s\", want \"%s\"", _i, out,
                  fit_cases[_i].want);
    check_fit_invariants(out, n, fit_cases[_i].max, outsz);
    ck_assert_int_eq(out[outsz], 'x'); /* nothing beyond outsz */
}
END_TEST

/*
 * One segment exactly: texts of 159, 160 and 161 septets against a budget
 * of GSM7_SEGMENT.  words(k) is k words "abcd" and a last word of five
 * letters: 5k + 5 septets.
 */
static size_t
words(char *buf, int k, const char *last)
{
    size_t n = 0;
    int i;

    for (i = 0; i < k; i++) {
        memcpy(buf + n, "abcd ", 5);
        n += 5;
    }
    memcpy(buf + n, last, strlen(last) + 1);
    return n + strlen(last);
}

START_TEST(test_fit_words_segment)
{
    char in[400], out[400];
    size_t len, n;

    /* 160 septets: fits as it is */
    len = words(in, 31, "abcde");
    ck_assert_uint_eq(len, 160);
    n = gsm7_fit_words(in, len, GSM7_SEGMENT, out, sizeof(out));
    ck_assert_uint_eq(n, 160);
    ck_assert_int_eq(memcmp(out, in, 160), 0);

    /* 161: the last word goes, and "abcd" before it leaves room for the dots */
    len = words(in, 31, "abcdef");
    ck_assert_uint_eq(len, 161);
    n = gsm7_fit_words(in, len, GSM7_SEGMENT, out, sizeof(out));
    ck_assert_uint_eq(n, 156);
    ck_assert_int_eq(memcmp(out, in, 154), 0);
    ck_assert_str_eq(out + 154, "..");
    check_fit_invariants(out, n, GSM7_SEGMENT, sizeof(out));

    /* 159 with trailing spaces: fits once they are trimmed */
    len = words(in, 30, "abcdefghi   ");
    ck_assert_uint_eq(len, 162);
    n = gsm7_fit_words(in, len, GSM7_SEGMENT, out, sizeof(out));
    ck_assert_uint_eq(n, 159);
    ck_assert_int_eq(memcmp(out, in, 159), 0);

    /* one word of 160 fits; of 161 it is cut inside, 158 letters and dots */
    memset(in, 'a', 161);
    n = gsm7_fit_words(in, 160, GSM7_SEGMENT, out, sizeof(out));
    ck_assert_uint_eq(n, 160);
    n = gsm7_fit_words(in, 161, GSM7_SEGMENT, out, sizeof(out));
    ck_assert_uint_eq(n, 160);
    ck_assert_int_eq(memcmp(out, in, 158), 0);
    ck_assert_str_eq(out + 158, "..");

    /* a euro sign and 158 letters: 160 septets in 161 bytes; one more letter
     * overflows and the word is cut after 156 letters */
    memcpy(in, "\xe2\x82\xac", 3);
    memset(in + 3, 'a', 159);
    n = gsm7_fit_words(in, 3 + 158, GSM7_SEGMENT, out, sizeof(out));
    ck_assert_uint_eq(n, 161);
    ck_assert_int_eq(gsm7_septets(out, n), 160);
    n = gsm7_fit_words(in, 3 + 159, GSM7_SEGMENT, out, sizeof(out));
    ck_assert_uint_eq(n, 3 + 156 + 2);
    ck_assert_int_eq(gsm7_septets(out, n), 160);
    ck_assert_str_eq(out + 159, "..");
}
END_TEST

/* Text that fits comes out as gsm7_transliterate() gives it, trimmed. */
START_TEST(test_fit_words_is_transliteration)
{
    char out[256], tr[256];
    size_t n, m, a;

    n = gsm7_fit_words(translit_cases[_i].in, translit_cases[_i].len, 1000, out, sizeof(out));
    m = gsm7_transliterate(translit_cases[_i].in, translit_cases[_i].len, tr, sizeof(tr));
    for (a = 0; a < m && (tr[a] == ' ' || tr[a] == '\n' || tr[a] == '\r'); a++)
        ;
    while (m > a && (tr[m - 1] == ' ' || tr[m - 1] == '\n' || tr[m - 1] == '\r'))
        m--;
    ck_assert_uint_eq(n, m - a);
    ck_assert_int_eq(memcmp(out, tr + a, n), 0);
}
END_TEST

START_TEST(test_fit_words_no_room)
{
    char out[4] = "xyz";

    ck_assert_uint_eq(gsm7_fit_words("abc", 3, 160, out, 0), 0);
    ck_assert_str_eq(out, "xyz"); /* untouched */
    ck_assert_uint_eq(gsm7_fit_words(NULL, 0, 160, out, sizeof(out)), 0);
    ck_assert_str_eq(out, "");
}
END_TEST

static Suite *
gsm7_suite(void)
{
    Suite *s = suite_create("gsm7");
    TCase *tc;

    tc = tcase_create("alphabet");
    tcase_add_test(tc, test_basic_alphabet);
    tcase_add_test(tc, test_extension_table);
    tcase_add_loop_test(tc, test_septets, 0, NELEM(septet_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("utf8");
    tcase_add_loop_test(tc, test_utf8, 0, NELEM(utf8_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("segments");
    tcase_add_loop_test(tc, test_segments, 0, NELEM(segment_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("transliterate");
    tcase_add_loop_test(tc, test_transliterate, 0, NELEM(translit_cases));
    tcase_add_test(tc, test_transliterate_keeps_alphabet);
    tcase_add_loop_test(tc, test_transliterate_room, 0, NELEM(translit_room_cases));
    tcase_add_test(tc, test_transliterate_no_room);
    suite_add_tcase(s, tc);

    tc = tcase_create("fit_words");
    tcase_add_loop_test(tc, test_fit_words, 0, NELEM(fit_cases));
    tcase_add_test(tc, test_fit_words_segment);
    tcase_add_loop_test(tc, test_fit_words_is_transliteration, 0, NELEM(translit_cases));
    tcase_add_test(tc, test_fit_words_no_room);
    suite_add_tcase(s, tc);

    return s;
}

CHECK_MAIN(gsm7_suite)
