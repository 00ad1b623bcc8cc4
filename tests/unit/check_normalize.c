/*
 * Unit tests for parsers/normalize.c: how an SMS is cut into tokens, what
 * each token reads as, and where it stands in the text.
 *
 * Most cases are rendered into one string and compared: the words of the
 * tokens separated by spaces, a token whose form differs from its word
 * (an expanded abbreviation) written as "word<form".  The offset cases
 * render each token as the bytes of the text it covers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/normalize.h"
#include "tests/unit/check_main.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct lexicon *
default_lexicon(void)
{
    char err[200];
    struct lexicon *lx = lexicon_new(lexicon_default(), err, sizeof(err));

    ck_assert_msg(lx != NULL, "default lexicon rejected: %s", err);
    return lx;
}

/* Reads exactly len bytes from a heap copy, so that ASan sees any read past
 * the end, and checks what holds for every text. */
static void
read_text(const struct lexicon *lx, const char *text, size_t len, struct norm_text *nt)
{
    char *copy = malloc(len ? len : 1);
    size_t i;

    ck_assert_ptr_nonnull(copy);
    memcpy(copy, text, len);
    memset(nt, 0xa5, sizeof(*nt));
    norm_text_read(lx, copy, len, nt);
    ck_assert_uint_le(nt->ntok, NORM_TOKENS_MAX);
    ck_assert_uint_le(nt->ntok, nt->nwords);
    ck_assert_uint_le(nt->start, nt->end);
    ck_assert_uint_le(nt->end, len);
    for (i = 0; i < nt->ntok; i++) {
        const struct norm_token *t = &nt->tok[i];

        ck_assert_uint_le(t->off, len);
        ck_assert_uint_le(t->len, len - t->off);
        ck_assert_uint_gt(t->len, 0);
        ck_assert_uint_eq(strlen(t->word), t->wlen);
        ck_assert_uint_eq(strlen(t->form), t->flen);
        ck_assert_uint_le(t->flen, NORM_WORD_MAX);
        ck_assert(t->kind == NORM_WORD || t->kind == NORM_NUMBER);
        if (i > 0)
            ck_assert_uint_ge(t->off, nt->tok[i - 1].off + nt->tok[i - 1].len);
    }
    free(copy);
}

/* The words of nt, separated by spaces ("word<form" where they differ). */
static void
render(const struct norm_text *nt, char *out, size_t outsz)
{
    size_t i, n = 0;

    out[0] = '\0';
    for (i = 0; i < nt->ntok && n < outsz; i++) {
        const struct norm_token *t = &nt->tok[i];

        if (strcmp(t->word, t->form) == 0)
            n += (size_t)snprintf(out + n, outsz - n, "%s%s", i ? " " : "", t->word);
        else
            n += (size_t)snprintf(out + n, outsz - n, "%s%s<%s", i ? " " : "", t->word, t->form);
    }
}

struct words_case {
    const char *text;
    const char *words;
};

/* With the default lexicon. */
static const struct words_case words_cases[] = {
    /* case, accents, punctuation, emoji, other scripts */
    {"ADUAN Jalan RUSAK", "aduan jalan rusak"},
    {"aduan: jalan", "aduan jalan"},
    {"lapor..banjir", "lapor banjir"},
    {"!!!ADUAN!!! jln", "aduan jalan<jln"},
    {"r\xc3\xa9sak caf\xc3\xa9 \xc3\x84"
     "DUAN",
     "resak cafe aduan"},
    {"\xc4\x8c\xc5\xa1", "cs"},                                       /* Latin Extended-A */
    {"sy mau lapor\xf0\x9f\x99\x8fjalan", "saya<sy mau lapor jalan"}, /* emoji between */
    {"\xe2\x80\x9c"
     "Aduan\xe2\x80\x9d \xe2\x80\x94 PJU",
     "aduan pju"},
    {"jalan \xd0\xb4\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb3\xd0\xb0 rusak", "jalan rusak"}, /* Cyrillic */
    {"jum'at qur\xe2\x80\x99"
     "an",
     "jumat quran"},
    {"'aduan' x'", "aduan x"},
    {"a\xc3\x97"
     "b",
     "a b"}, /* the multiplication sign is no letter */
    {"", ""},
    {"   \t\r\n ", ""},
    {"\xf0\x9f\x91\x8d\xf0\x9f\x99\x8f", ""},
    /* capitals meeting small letters */
    {"ADUANjalan rusak", "aduan jalan rusak"},
    {"LAPORpak sampah", "lapor pak sampah"},
    {"ADUANJalan", "aduan jalan"},
    {"laporJalan", "lapor jalan"},
    {"PDAMnya", "pdam nya"},
    {"JAlan", "jalan"},   /* two capitals: a slip of the shift key */
    {"eKTP", "ektp"},     /* one small letter before: no cut */
    {"ADUANs", "aduans"}, /* one small letter after: no cut */
    {"AGENDAbesok", "agenda besok"},
    {"DAFTARKOMISI 1", "daftar komisi 1"}, /* all capitals: the lexicon cuts */
    /* a keyword glued to known words or endings */
    {"aduanjalan", "aduan jalan"},
    {"statusnya", "status nya"},
    {"laporjalanrusak", "lapor jalan rusak"},
    {"infoanggaran", "info anggaran"},
    {"laporannya", "laporan nya"},
    {"laporkan", "lapor kan"},
    {"menunggu menurut regional", "menunggu menurut regional"},
    {"menuju menular", "menuju menular"}, /* "menu" + an unknown rest: no cut */
    {"informasi laporan keluarga", "informasi laporan keluarga"},
    {"stopkontak", "stop kontak"},
    {"cekin", "cek in"},
    {"regu", "regu"}, /* shorter than five letters: not looked at */
    /* look-alike digits inside letters */
    {"LAP0R", "lapor"},
    {"1NFO", "info"},
    {"ST4TUS 4821937", "status 4821937"},
    {"B3RH3NT1", "berhenti"},
    {"4DUAN", "aduan"},
    {"5T0P", "stop"},
    {"ag3nda", "agenda"},
    {"4821937", "4821937"},
    {"482l937", "482 l 937"}, /* mostly digits: not a word */
    {"SDN2", "sdn 2"},        /* trailing digits are a number */
    {"RT03", "rt 03"},
    {"12des", "12 des"}, /* 2 has no look-alike */
    {"10des", "10 des"}, /* two leading digits: a number */
    {"inf0", "inf 0"},   /* one trailing digit: a number (intent.c reads "inf0") */
    {"x1", "x 1"},       /* one letter: a number after it */
    {"a1b", "aib"},
    {"1a", "1 a"},
    {"k2k", "k 2 k"}, /* 2 has no look-alike */
    {"bapak2 ibu2", "bapak 2 ibu 2"},
    /* letters typed apart */
    {"A D U A N", "aduan"},
    {"s t a t u s 4821937", "status 4821937"},
    {"s.t.a.t.u.s", "status"},
    {"A. D. U. A. N.", "aduan"},
    {"L A P O R J A L A N R U S A K", "lapor jalan rusak"},
    {"a b", "a b"},         /* two letters: not joined */
    {"a  b  c", "abc"},     /* gaps of two: joined */
    {"a   b   c", "a b c"}, /* gaps of three: not joined */
    {"a\nb\nc", "a b c"},   /* line breaks: not joined */
    {"x y z jalan", "xyz jalan"},
    {"I N F O anggaran", "info anggaran"},
    {"1 N F O", "1 nfo"},
    /* a letter typed three times or more */
    {"tolooong pakkk", "tolong pak"},
    {"maaaf", "maaf"},
    {"haloooo", "halo"},
    {"saat", "saat"},
    {"ADUANNN", "aduan"},
    /* abbreviations: word<form */
    {"sy mau lapor jln rusak dpn SDN", "saya<sy mau lapor jalan<jln rusak depan<dpn sdn"},
    {"tdk gak ga nggak", "tidak<tdk tidak<gak tidak<ga tidak<nggak"},
    {"yg blm bsk sdh udh mhn tlg", "yang<yg belum<blm besok<bsk sudah<sdh sudah<udh mohon<mhn "
                                   "tolong<tlg"},
    {"trm trims kpn brp gmn gimana", "terima<trm terimakasih<trims kapan<kpn berapa<brp "
                                     "bagaimana<gmn bagaimana<gimana"},
    {"pa dgn dr utk krn bgt", "pak<pa dengan<dgn dari<dr untuk<utk karena<krn banget<bgt"},
    {"SY", "saya<sy"},
    {"syy", "syy"},
};

START_TEST(test_words)
{
    const struct words_case *c = &words_cases[_i];
    struct lexicon *lx = default_lexicon();
    struct norm_text nt;
    char got[512];

    read_text(lx, c->text, strlen(c->text), &nt);
    render(&nt, got, sizeof(got));
    ck_assert_msg(strcmp(got, c->words) == 0, "\"%s\": got \"%s\", expected \"%s\"", c->text, got,
                  c->words);
    ck_assert_int_eq(nt.unreadable, 0);
    lexicon_free(lx);
}
END_TEST

/* Without a lexicon: no keyword is cut off, nothing doubled comes back. */
static const struct words_case bare_cases[] = {
    {"ADUANjalan", "aduan jalan"},
    {"ADUANJalan", "aduanj alan"},
    {"aduanjalan", "aduanjalan"},
    {"statusnya", "statusnya"},
    {"maaaf", "maf"},
    {"LAP0R sy", "lapor saya<sy"},
    {"A D U A N", "aduan"},
};

START_TEST(test_bare)
{
    const struct words_case *c = &bare_cases[_i];
    struct norm_text nt;
    char got[512];

    read_text(NULL, c->text, strlen(c->text), &nt);
    render(&nt, got, sizeof(got));
    ck_assert_msg(strcmp(got, c->words) == 0, "\"%s\": got \"%s\", expected \"%s\"", c->text, got,
                  c->words);
}
END_TEST

/* Every token as the bytes it covers, "|"-separated. */
struct span_case {
    const char *text;
    const char *spans;
};

static const struct span_case span_cases[] = {
    {"  ADUAN: jalan  ", "ADUAN|jalan"},
    {"ADUANjalan", "ADUAN|jalan"},
    {"laporJalan rusak", "lapor|Jalan|rusak"},
    {"statusnya", "status|nya"},
    {"A D U A N jalan", "A D U A N|jalan"},
    {"L A P O R J A L A N", "L A P O R|J A L A N"},
    {"s.t.a.t.u.s.", "s.t.a.t.u.s"},
    {"LAP0R", "LAP0R"},
    {"SDN2", "SDN|2"},
    {"r\xc3\xa9sak", "r\xc3\xa9sak"},
    {"jum'at", "jum'at"},
    {"sy\xf0\x9f\x99\x8fjln", "sy|jln"},
    {"tolooong", "tolooong"},
    {"482-19 37", "482|19|37"},
};

START_TEST(test_spans)
{
    const struct span_case *c = &span_cases[_i];
    struct lexicon *lx = default_lexicon();
    struct norm_text nt;
    char got[512];
    size_t i, n = 0;

    read_text(lx, c->text, strlen(c->text), &nt);
    got[0] = '\0';
    for (i = 0; i < nt.ntok; i++)
        n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%.*s", i ? "|" : "", (int)nt.tok[i].len,
                              c->text + nt.tok[i].off);
    ck_assert_msg(strcmp(got, c->spans) == 0, "\"%s\": got \"%s\", expected \"%s\"", c->text, got,
                  c->spans);
    lexicon_free(lx);
}
END_TEST

/* Flags of each token, in order. */
struct flags_case {
    const char *text;
    unsigned flags[4];
    size_t n;
};

static const struct flags_case flags_cases[] = {
    {"ADUAN jalan", {NORM_UPPER, 0}, 2},
    {"Aduan X", {0, 0}, 2},
    {"A D U A N", {NORM_UPPER | NORM_SPACED}, 1},
    {"a d u a n", {NORM_SPACED}, 1},
    {"LAP0R", {NORM_UPPER | NORM_LOOKALIKE}, 1},
    {"sy", {NORM_ABBREV}, 1},
    {"ADUANjalan", {NORM_UPPER | NORM_SPLIT, NORM_SPLIT}, 2},
    {"statusnya", {NORM_SPLIT, NORM_SPLIT}, 2},
    {"tolooong", {NORM_ELONGATED}, 1},
    {"info? ya", {NORM_QUESTION | NORM_BREAK, 0}, 2},
    {"lapor, jalan. rusak\nbanjir", {NORM_BREAK, NORM_BREAK, NORM_BREAK, 0}, 4},
    {"abcdefghijklmnopqrstuvwxyz", {NORM_LONG}, 1},
    {"abcdefghijklmnopqrstuvwx", {0}, 1},
};

START_TEST(test_flags)
{
    const struct flags_case *c = &flags_cases[_i];
    struct lexicon *lx = default_lexicon();
    struct norm_text nt;
    size_t i;

    read_text(lx, c->text, strlen(c->text), &nt);
    ck_assert_uint_eq(nt.ntok, c->n);
    for (i = 0; i < c->n; i++)
        ck_assert_msg(nt.tok[i].flags == c->flags[i], "\"%s\" token %zu: flags %#x, expected %#x",
                      c->text, i, nt.tok[i].flags, c->flags[i]);
    lexicon_free(lx);
}
END_TEST

/* Kinds, counts and the trimmed text. */
START_TEST(test_counts)
{
    struct lexicon *lx = default_lexicon();
    struct norm_text nt;
    char text[2048];
    size_t i, n = 0;

    read_text(lx, "  status 4821937 ?? ok?  ", 25, &nt);
    ck_assert_uint_eq(nt.ntok, 3);
    ck_assert_int_eq(nt.tok[0].kind, NORM_WORD);
    ck_assert_int_eq(nt.tok[1].kind, NORM_NUMBER);
    ck_assert_uint_eq(nt.questions, 3);
    ck_assert_uint_eq(nt.nletters, 8);
    ck_assert_uint_eq(nt.start, 2);
    ck_assert_uint_eq(nt.end, 23);

    /* NORM_TOKENS_MAX tokens kept, every one counted */
    for (i = 0; i < NORM_TOKENS_MAX + 10; i++)
        n += (size_t)snprintf(text + n, sizeof(text) - n, "w%c ", 'a' + (int)(i % 26));
    read_text(lx, text, n, &nt);
    ck_assert_uint_eq(nt.ntok, NORM_TOKENS_MAX);
    ck_assert_uint_eq(nt.nwords, NORM_TOKENS_MAX + 10);
    ck_assert_uint_eq(nt.nletters, 2 * (NORM_TOKENS_MAX + 10));

    /* exactly NORM_TOKENS_MAX */
    n = 0;
    for (i = 0; i < NORM_TOKENS_MAX; i++)
        n += (size_t)snprintf(text + n, sizeof(text) - n, "w%c ", 'a' + (int)(i % 26));
    read_text(lx, text, n, &nt);
    ck_assert_uint_eq(nt.ntok, NORM_TOKENS_MAX);
    ck_assert_uint_eq(nt.nwords, NORM_TOKENS_MAX);

    /* a run of 100 digits: one number, cut, spanning all of it */
    memset(text, '7', 100);
    read_text(lx, text, 100, &nt);
    ck_assert_uint_eq(nt.ntok, 1);
    ck_assert_uint_eq(nt.tok[0].len, 100);
    ck_assert_uint_eq(nt.tok[0].flen, NORM_WORD_MAX);
    ck_assert(nt.tok[0].flags & NORM_LONG);

    /* NULL text */
    norm_text_read(lx, NULL, 10, &nt);
    ck_assert_uint_eq(nt.ntok, 0);
    ck_assert_uint_eq(nt.end, 0);
    lexicon_free(lx);
}
END_TEST

/* Invalid UTF-8 and NUL bytes: read as far as possible, marked unreadable. */
static const struct {
    const char *text;
    size_t len;
    int unreadable;
    const char *words;
} unreadable_cases[] = {
    {"ADUAN jalan \xff", 13, 1, "aduan jalan"},
    {"\xc0\xaf"
     "aduan",
     7, 1, "aduan"},
    {"aduan \xed\xa0\x80", 9, 1, "aduan"},
    {"aduan \xe2\x82", 8, 1, "aduan"},
    {"a\0b", 3, 1, "a b"},
    {"aduan \xe2\x82\xac", 9, 0, "aduan"}, /* the euro sign is fine */
};

START_TEST(test_unreadable)
{
    struct norm_text nt;
    char got[256];

    read_text(NULL, unreadable_cases[_i].text, unreadable_cases[_i].len, &nt);
    ck_assert_int_eq(nt.unreadable, unreadable_cases[_i].unreadable);
    render(&nt, got, sizeof(got));
    ck_assert_str_eq(got, unreadable_cases[_i].words);
}
END_TEST

/* Every abbreviation resolves (the table is sorted for bsearch), and
 * nothing else does. */
static const struct {
    const char *abbr, *word;
} abbrev_cases[] = {
    {"aj", "saja"},
    {"aja", "saja"},
    {"ak", "aku"},
    {"aq", "aku"},
    {"bgm", "bagaimana"},
    {"bgmn", "bagaimana"},
    {"bgmna", "bagaimana"},
    {"bgt", "banget"},
    {"bhs", "bahasa"},
    {"blm", "belum"},
    {"bln", "bulan"},
    {"blom", "belum"},
    {"blum", "belum"},
    {"bnyk", "banyak"},
    {"bp", "bapak"},
    {"bpk", "bapak"},
    {"brapa", "berapa"},
    {"brp", "berapa"},
    {"bs", "bisa"},
    {"bsa", "bisa"},
    {"bsk", "besok"},
    {"bsok", "besok"},
    {"dah", "sudah"},
    {"dg", "dengan"},
    {"dgn", "dengan"},
    {"dkt", "dekat"},
    {"dl", "dulu"},
    {"dlm", "dalam"},
    {"dlu", "dulu"},
    {"dmn", "dimana"},
    {"dmna", "dimana"},
    {"dpn", "depan"},
    {"dpt", "dapat"},
    {"dr", "dari"},
    {"drpd", "daripada"},
    {"ds", "desa"},
    {"dsn", "dusun"},
    {"emg", "memang"},
    {"engga", "tidak"},
    {"enggak", "tidak"},
    {"ga", "tidak"},
    {"gak", "tidak"},
    {"gimana", "bagaimana"},
    {"gk", "tidak"},
    {"gmana", "bagaimana"},
    {"gmn", "bagaimana"},
    {"gmna", "bagaimana"},
    {"hr", "hari"},
    {"jd", "jadi"},
    {"jdi", "jadi"},
    {"jg", "juga"},
    {"jgn", "jangan"},
    {"jl", "jalan"},
    {"jln", "jalan"},
    {"kab", "kabupaten"},
    {"kalo", "kalau"},
    {"kec", "kecamatan"},
    {"kel", "kelurahan"},
    {"kl", "kalau"},
    {"klo", "kalau"},
    {"kmarin", "kemarin"},
    {"kmi", "kami"},
    {"kmrn", "kemarin"},
    {"knp", "kenapa"},
    {"kpd", "kepada"},
    {"kpn", "kapan"},
    {"krn", "karena"},
    {"krna", "karena"},
    {"lg", "lagi"},
    {"mgg", "minggu"},
    {"mgu", "minggu"},
    {"mhn", "mohon"},
    {"mksh", "makasih"},
    {"mlm", "malam"},
    {"mo", "mau"},
    {"msh", "masih"},
    {"mw", "mau"},
    {"ngga", "tidak"},
    {"nggak", "tidak"},
    {"nmr", "nomor"},
    {"no", "nomor"},
    {"nomer", "nomor"},
    {"org", "orang"},
    {"pa", "pak"},
    {"pd", "pada"},
    {"pengen", "ingin"},
    {"pgn", "ingin"},
    {"pingin", "ingin"},
    {"pkl", "pukul"},
    {"plis", "please"},
    {"pls", "please"},
    {"plz", "please"},
    {"saia", "saya"},
    {"sbg", "sebagai"},
    {"sdg", "sedang"},
    {"sdh", "sudah"},
    {"skr", "sekarang"},
    {"skrg", "sekarang"},
    {"skrng", "sekarang"},
    {"slm", "salam"},
    {"slmt", "selamat"},
    {"sm", "sama"},
    {"smg", "semoga"},
    {"sy", "saya"},
    {"sya", "saya"},
    {"tdk", "tidak"},
    {"telp", "telepon"},
    {"telpon", "telepon"},
    {"tgl", "tanggal"},
    {"th", "tahun"},
    {"thn", "tahun"},
    {"thx", "thanks"},
    {"tks", "terimakasih"},
    {"tlg", "tolong"},
    {"tlong", "tolong"},
    {"tlp", "telepon"},
    {"tp", "tapi"},
    {"trimakasih", "terimakasih"},
    {"trims", "terimakasih"},
    {"trm", "terima"},
    {"trmksh", "terimakasih"},
    {"trs", "terus"},
    {"tsb", "tersebut"},
    {"ttg", "tentang"},
    {"udah", "sudah"},
    {"udh", "sudah"},
    {"unsub", "unsubscribe"},
    {"untk", "untuk"},
    {"utk", "untuk"},
    {"wkt", "waktu"},
    {"yg", "yang"},
};

START_TEST(test_abbreviations)
{
    static const char *const none[] = {
        "", "a", "jalan", "syy", "zz", "ygg", "aa", "yh", "abcdefghijklmnopqrstuvwxyzabc"};
    const char *w;
    size_t i;

    for (i = 0; i < N(abbrev_cases); i++) {
        w = norm_abbreviation(abbrev_cases[i].abbr, strlen(abbrev_cases[i].abbr));
        ck_assert_msg(w != NULL, "\"%s\" not found", abbrev_cases[i].abbr);
        ck_assert_str_eq(w, abbrev_cases[i].word);
        if (i > 0)
            ck_assert_msg(strcmp(abbrev_cases[i - 1].abbr, abbrev_cases[i].abbr) < 0,
                          "test table out of order at \"%s\"", abbrev_cases[i].abbr);
    }
    for (i = 0; i < N(none); i++)
        ck_assert_ptr_null(norm_abbreviation(none[i], strlen(none[i])));
    /* the length counts, not the NUL */
    ck_assert_str_eq(norm_abbreviation("sydney", 2), "saya");
}
END_TEST

static Suite *
normalize_suite(void)
{
    Suite *s = suite_create("normalize");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, test_words, 0, N(words_cases));
    tcase_add_loop_test(tc, test_bare, 0, N(bare_cases));
    tcase_add_loop_test(tc, test_spans, 0, N(span_cases));
    tcase_add_loop_test(tc, test_flags, 0, N(flags_cases));
    tcase_add_test(tc, test_counts);
    tcase_add_loop_test(tc, test_unreadable, 0, N(unreadable_cases));
    tcase_add_test(tc, test_abbreviations);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(normalize_suite)
