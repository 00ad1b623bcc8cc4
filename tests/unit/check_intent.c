/*
 * Unit tests for parsers/intent.c and parsers/lexicon.c: classification with
 * the built-in lexicon, rule by rule and on both sides of every boundary;
 * the canonical arguments; confidence; proposals and questions (USUL,
 * TANYA) with their session numbers; the lexicon's validation, typo
 * search and glued-word cutting; "yes" answers; names and codes.
 *
 * Valid ticket codes are never hard-coded: in the tables, "@" stands for
 * the Damm check digit of the six digits before it and "$" for a wrong one,
 * and expand() computes them with ticket_damm() before each case runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/intent.h"
#include "parsers/normalize.h"
#include "parsers/ticket.h"
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

/* Copies in to out, replacing "@" by the Damm check digit of the last six
 * digits copied and "$" by a digit that is wrong there. */
static void
expand(const char *in, char *out, size_t outsz)
{
    char digits[6];
    size_t nd = 0, i, len = strlen(in);
    int d;

    ck_assert_uint_lt(len, outsz);
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
 * past the end, and checks what holds for every classification. */
static enum intent
classify(const struct lexicon *lx, const char *text, size_t len, struct intent_arg *arg)
{
    char *copy = malloc(len ? len : 1);
    enum intent in;

    ck_assert_ptr_nonnull(copy);
    memcpy(copy, text, len);
    memset(arg, 0xa5, sizeof(*arg)); /* everything must be overwritten */
    in = intent_classify(lx, copy, len, arg);
    ck_assert_uint_lt(in, INTENT__COUNT);
    ck_assert_uint_le(arg->off, len);
    ck_assert_uint_le(arg->len, len - arg->off);
    ck_assert_ptr_nonnull(memchr(arg->ticket, '\0', sizeof(arg->ticket)));
    ck_assert_int_ge(arg->confidence, 0);
    ck_assert_int_le(arg->confidence, 100);
    ck_assert_uint_lt(arg->lang, LANG__COUNT);
    if (in != INTENT_STATUS)
        ck_assert_int_eq(arg->ticket_ref, TICKET_REF_NONE);
    if (in != INTENT_INFO)
        ck_assert_int_eq(arg->topic, -1);
    if (in == INTENT_PROPOSAL) {
        ck_assert(arg->question == 0 || arg->question == 1);
        ck_assert(arg->session >= 0 && arg->session <= 999999);
        if (arg->session > 0)
            ck_assert_uint_gt(arg->len, 0); /* a session comes with text */
    } else {
        ck_assert_int_eq(arg->session, 0);
        ck_assert_int_eq(arg->question, 0);
    }
    free(copy);
    return in;
}

/* One message: its intent, its canonical argument (intent_arg_format(),
 * with "@" and "$" expanded) and the range its confidence must fall in. */
struct classify_case {
    const char *text;
    enum intent intent;
    const char *arg;
    int cmin, cmax;
};

/* confidence ranges */
#define EXACT 90, 100 /* an exact keyword */
#define TYPO  70, 80  /* a mistyped keyword */
#define SURE  60, 100 /* acted on without asking */
#define ASK   40, 59  /* a complaint the service asks about */
#define NONE  0, 30   /* unknown */

#define C(t, a, ...)                                                                               \
    {                                                                                              \
        t, INTENT_COMPLAINT, a, __VA_ARGS__                                                        \
    }
#define S(t, a, ...)                                                                               \
    {                                                                                              \
        t, INTENT_STATUS, a, __VA_ARGS__                                                           \
    }
#define A(t, a, ...)                                                                               \
    {                                                                                              \
        t, INTENT_AGENDA, a, __VA_ARGS__                                                           \
    }
#define I(t, a, ...)                                                                               \
    {                                                                                              \
        t, INTENT_INFO, a, __VA_ARGS__                                                             \
    }
#define R(t, a, ...)                                                                               \
    {                                                                                              \
        t, INTENT_SUBSCRIBE, a, __VA_ARGS__                                                        \
    }
#define O(t, ...)                                                                                  \
    {                                                                                              \
        t, INTENT_UNSUBSCRIBE, "", __VA_ARGS__                                                     \
    }
#define H(t, ...)                                                                                  \
    {                                                                                              \
        t, INTENT_HELP, "", __VA_ARGS__                                                            \
    }
#define L(t, a, ...)                                                                               \
    {                                                                                              \
        t, INTENT_LANGUAGE, a, __VA_ARGS__                                                         \
    }
#define P(t, a, ...)                                                                               \
    {                                                                                              \
        t, INTENT_PROPOSAL, a, __VA_ARGS__                                                         \
    }
#define U(t)                                                                                       \
    {                                                                                              \
        t, INTENT_UNKNOWN, "", NONE                                                                \
    }

#define EMOJI "\xf0\x9f\x99\x8f" /* U+1F64F, folded hands */

static const struct classify_case classify_cases[] = {
    /* complaint keywords, alone and with text: the text after them */
    C("ADUAN jalan rusak di Desa Sooko RT 3", "jalan rusak di Desa Sooko RT 3", EXACT),
    C("ADUAN", "", 100, 100),
    C("aduan:", "", 100, 100),
    C("Lapor banjir", "banjir", EXACT),
    C("laporan warga: sampah", "warga: sampah", EXACT),
    C("PENGADUAN lampu mati", "lampu mati", EXACT),
    C("aspirasi pupuk langka", "pupuk langka", EXACT),
    C("KELUHAN air keruh", "air keruh", EXACT),
    C("komplain pelayanan", "pelayanan", EXACT),
    C("wadul pak, dalan bolong", "dalan bolong", EXACT),
    C("sambat, banyu mati", "banyu mati", EXACT),
    C("COMPLAINT the road is broken", "the road is broken", EXACT),
    C("report: flooding in Sooko", "flooding in Sooko", EXACT),
    C("aduan pak, jalan rusak", "jalan rusak", EXACT), /* address after it skipped */
    C("ADUAN jalan\nrusak", "jalan rusak", EXACT),     /* line break as a space */
    C("ADUAN jalan rusak " EMOJI, "jalan rusak " EMOJI, EXACT),
    /* punctuation, glued, spaced, look-alike digits, repeated letters */
    C("aduan: jalan rusak", "jalan rusak", EXACT),
    C("lapor..banjir", "banjir", EXACT),
    C("!!!ADUAN!!! jln rusak", "jln rusak", EXACT),
    C("ADUANjalan rusak", "jalan rusak", EXACT),
    C("LAPORpak sampah numpuk", "sampah numpuk", EXACT),
    C("laporjalan rusak", "jalan rusak", EXACT),
    C("A D U A N jalan rusak", "jalan rusak", 90, 90),
    C("LAP0R jalan rusak", "jalan rusak", 90, 90),
    C("4DUAN pju mati", "pju mati", 90, 90),
    C("ADUANNN jalan rusak", "jalan rusak", EXACT),
    C("LA POR jalan rusak", "jalan rusak", 85, 85), /* two words that make one */
    /* greetings, courtesy and fillers before the keyword */
    C("Assalamualaikum pak, sy mau lapor jalan rusak", "jalan rusak", EXACT),
    C("Assalamu'alaikum wr wb. Selamat pagi bu dewan, mohon maaf, saya ingin menyampaikan aduan "
      "irigasi mampet",
      "irigasi mampet", EXACT),
    C("selamat siang pak, mohon ijin melaporkan jalan longsor", "jalan longsor", EXACT),
    C("halo min, aduan: lampu mati", "lampu mati", EXACT),
    C("kulo badhe lapor, dalan rusak", "dalan rusak", EXACT),
    C("Nuwun sewu bapak, kula badhe wadul: margi risak", "margi risak", EXACT),
    C("I want to report illegal fees", "illegal fees", EXACT),
    /* a keyword further in, after a wish */
    C("sy warga desa Sooko mau lapor jalan rusak", "jalan rusak", 80, 90),
    /* typos: distance 1 from five to seven letters, 2 from eight */
    C("lpor jln rusak", "jln rusak", 75, 75),
    C("aduab pak, air mati", "air mati", 75, 75),
    C("laopr jalan rusak", "jalan rusak", 75, 75),
    C("aspiras warga", "warga", 75, 75),
    C("adauan jalan rusak", "jalan rusak", 75, 75),
    C("pengaduna jalan rusak", "jalan rusak", 75, 75),
    C("pngaduan jalan rusak", "jalan rusak", 75, 75), /* eight letters, distance 1 */
    C("pengadaun jalan rusak", "jalan rusak", 75, 75),
    C("lpr jalan rusak", "jalan rusak", 70, 70), /* without vowels */
    /* typos that are not keywords: the words decide */
    C("lapar warga miskin tidak dapat bansos", "lapar warga miskin tidak dapat bansos", SURE),
    /* keyword-less complaints: strong, weak */
    C("jalan depan SMAN 1 Sooko rusak parah pak", "jalan depan SMAN 1 Sooko rusak parah pak", SURE),
    C("Selamat pagi, jalan di desa kami rusak", "jalan di desa kami rusak", SURE),
    C("banjir", "banjir", SURE),
    C("ada pungli di pasar", "ada pungli di pasar", SURE),
    C("kulo nyuwun tulung, dalan rusak teng dusun Bleberan", "dalan rusak teng dusun Bleberan",
      SURE),
    C("toya PDAM mboten mili", "toya PDAM mboten mili", SURE),
    C("banyune PDAM butek pak", "banyune PDAM butek pak", SURE), /* banyu + ne */
    C("the bridge in Lebaksono village is broken", "the bridge in Lebaksono village is broken",
      SURE),
    C("kapan jalan Trawas diperbaiki?", "kapan jalan Trawas diperbaiki?", SURE),
    C("lapangan desa dipakai parkir truk", "lapangan desa dipakai parkir truk", ASK),
    C("tiap reses anggota dewan datang janji perbaikan jembatan Ngrowo, sampai sekarang nol",
      "tiap reses anggota dewan datang janji perbaikan jembatan Ngrowo, sampai sekarang nol", ASK),

    /* opt-out: the keyword alone or with an opt-out's words */
    O("STOP", 100, 100),
    O("stop", 100, 100),
    O("Stop!!", 100, 100),
    O("BERHENTI", 100, 100),
    O("berhenti.", 100, 100),
    O("UNREG", 100, 100),
    O("keluar", 100, 100),
    O("mandheg", 100, 100),
    O("leren", 100, 100),
    O("unsubscribe", 100, 100),
    O("UNSUB", EXACT),
    O("stop sms", EXACT),
    O("STOP SMS DPRD", EXACT),
    O("stop kirim sms", EXACT),
    O("stop ya pak", EXACT),
    O("stop sms saja", EXACT),
    O("berhenti langganan", EXACT),
    O("UNREG AGENDA", EXACT),
    O("UNREG KOMISI 3", EXACT),
    O("unreg komisi III", EXACT),
    O("mandheg kirim sms", EXACT),
    O("leren wae", EXACT),
    O("sy mau berhenti langganan", EXACT),
    O("sampun, mandheg mawon", EXACT),
    O("sudah cukup, stop", EXACT),
    O("STOP STOP STOP", EXACT),
    O("stop kirim sms ke nomor saya ya pak", EXACT), /* eight words after the keyword */
    O("ST0P", 90, 90),
    O("s t o p", 90, 90),
    O("stopp", 75, 75),
    O("brhenti", 75, 75),
    O("berenti", 75, 75),
    /* opt-out without the keyword */
    O("tolong jangan kirim sms lagi", 80, 80),
    O("jgn sms sy lg", 80, 80),
    O("hentikan sms", 80, 80),
    O("batal daftar", 80, 80),
    O("hapus nomor saya", 80, 80),
    O("wis ojo ngirim sms maneh", 80, 80),
    O("mboten usah ngirim sms malih", 80, 80),
    O("saya tidak mau dapat sms lagi", 80, 80),
    /* not an opt-out: the word opens or stands in something else */
    C("stop pungli di kantor desa, saya mau lapor", "stop pungli di kantor desa, saya mau lapor",
      SURE),
    C("STOP tambang ilegal di Jatirejo, jalan rusak",
      "STOP tambang ilegal di Jatirejo, jalan rusak", SURE),
    C("bus berhenti sembarangan di depan pasar, bikin macet",
      "bus berhenti sembarangan di depan pasar, bikin macet", SURE),
    C("proyek dalan nang Tunggalpager mandheg wis 4 wulan",
      "proyek dalan nang Tunggalpager mandheg wis 4 wulan", SURE),
    C("Tolong hentikan pembuangan limbah ke sungai", "hentikan pembuangan limbah ke sungai", SURE),
    O("stop kirim sms ke nomor saya ya pak dong", EXACT), /* eight words after it */
    U("stop kirim sms ke nomor saya ya pak dong lagi"),   /* nine: too many */
    U("jangan"),
    O("stp", 70, 70), /* without vowels */
    U("stq"),         /* three letters: exact only */

    /* status: the ticket anywhere, as typed */
    S("STATUS 482193@", "482193@", 100, 100),
    S("status 482-19 3@", "482193@", 100, 100),
    S("STATUS 482193$", "482193$", EXACT),
    S("status 482193", "482193", EXACT),
    S("STATUS", "", EXACT),
    S("cek tiket no.482193@", "482193@", EXACT),
    S("status aduan no. 482193@ bagaimana pak?", "482193@", EXACT),
    S("ST4TUS 482193@", "482193@", 90, 90),
    S("S T A T U S 482193@", "482193@", 90, 90),
    S("stauts 482193@", "482193@", 75, 75), /* a transposition */
    S("sttus 482193@", "482193@", 75, 75),
    S("stts 482193@", "482193@", 70, 70),
    S("482193@", "482193@", SURE), /* a bare number */
    S("482-193@.", "482193@", SURE),
    S("482193$", "482193$", SURE),
    S("482193@ gmn pak", "482193@", SURE),
    S("gimana aduan saya 482193@", "482193@", SURE),
    S("aduan sy 482193@ kapan ditangani?", "482193@", SURE),
    S("mohon info status aduan saya 482193@", "482193@", EXACT),
    S("kulo badhe nyuwun pirsa aduan kulo nomer 482193@ pripun", "482193@", SURE),
    S("what is the status of my complaint 482193@", "482193@", SURE),
    S("tiket 482193@, kalau perlu hub sy di 081234509876", "482193@", EXACT),
    S("aduan sy kemarin sdh diproses blm?", "", SURE),
    S("status aduan saya?", "", EXACT),
    S("bagaimana kabar aduan saya minggu lalu?", "", SURE),
    S("laporan saya 2 minggu lalu belum ada kabar", "", SURE), /* 2 is no ticket */
    S("aduan saya no 48219 gimana?", "48219", SURE),           /* five digits may be */
    S("cek", "", EXACT),
    U("1234"),
    U("08123456789"),

    /* agenda: filters from agenda_filter_parse() */
    A("AGENDA", "", 100, 100),
    A("agenda besok", "tomorrow", EXACT),
    A("agnda besuk", "tomorrow", 75, 75),
    A("AGENDAbesok", "tomorrow", EXACT),
    A("A G E N D A", "", 90, 90),
    A("AGENDA KOMISI III", "komisi=3", EXACT),
    A("jadwal paripurna 2 des", "02/12 type=paripurna", EXACT),
    A("agenda rdp minggu ini", "week type=rdp", EXACT),
    A("kapan rapat paripurna?", "type=paripurna", SURE),
    A("kapan rapat komisi 1 bahas jalan rusak?", "komisi=1", SURE),
    A("ada rapat apa hari ini?", "today", SURE),
    A("rapat paripurna besok", "tomorrow type=paripurna", SURE),
    A("cek jadwal rapat", "", EXACT),
    A("info jadwal rapat paripurna minggu ini", "week type=paripurna", EXACT),
    A("jadwale rapat dewan dino iki opo?", "today", SURE),
    A("when is the next plenary session?", "type=paripurna", SURE),
    A("mau tanya jadwal rapat", "", SURE),
    C("jadwal pengambilan sampah tidak jelas, sampah numpuk",
      "jadwal pengambilan sampah tidak jelas, sampah numpuk", SURE),

    /* info: a topic or the list */
    I("INFO", "", 100, 100),
    I("info?", "", 100, 100),
    I("infoo", "", 75, 75),
    I("inf0", "", 90, 90),
    I("1NFO", "", 90, 90),
    I("I N F O", "", 90, 90),
    I("INFO ANGGARAN", "anggaran", 100, 100),
    I("inpo anggaran", "anggaran", 75, 75),
    I("INFO ANGARAN", "anggaran", EXACT), /* the topic mistyped */
    I("info apbd", "anggaran", EXACT),
    I("INFO PERDA", "perda", EXACT),
    I("info anggota dewan dapil 3", "anggota", EXACT),
    I("INFO KONTAK", "kontak", EXACT),
    I("informasi anggota dewan", "anggota", EXACT),
    I("berapa APBD mojokerto 2027?", "anggaran", SURE),
    I("siapa wakil rakyat dari dapil Sooko?", "anggota", SURE),
    I("siapa ketua komisi 3?", "anggota", SURE), /* who: members, not sessions */
    I("alamat kantor dprd dimana?", "kontak", SURE),
    I("nomor hp anggota dewan dapil 2", "anggota", SURE),
    I("daftar anggota dewan", "anggota", SURE), /* a list, not a subscription */
    I("bagaimana cara menghubungi dprd?", "kontak", SURE),
    I("perda tentang sampah ada?", "perda", SURE), /* asks about a regulation */
    C("info pak, jalan di desa Sumbersono ambles", "info pak, jalan di desa Sumbersono ambles",
      SURE),
    C("Dana desa dipakai buat beli mobil kades, tolong diperiksa",
      "Dana desa dipakai buat beli mobil kades, tolong diperiksa", SURE),

    /* subscribe: komisi from agenda_filter_parse() */
    R("DAFTAR", "", 100, 100),
    R("daftar dong min", "", EXACT),
    R("REG", "", 100, 100),
    R("reg info dprd", "", EXACT),
    R("langganan", "", 100, 100),
    R("JOIN", "", 100, 100),
    R("dftr", "", 70, 70),
    R("d4ftar", "", 90, 90),
    R("DAFTAR KOMISI III", "komisi=3", EXACT),
    R("daftar komisi papat", "komisi=4", EXACT),
    R("DAFTARKOMISI 1", "komisi=1", EXACT),
    R("nderek daftar", "", EXACT),
    R("saya mau dapat sms pengumuman dari dprd", "", SURE),
    R("saya ingin menerima info agenda dprd", "", SURE),
    A("daftar rapat minggu ini", "week", SURE),
    C("daftar penerima bansos di desa kami banyak yang salah sasaran",
      "daftar penerima bansos di desa kami banyak yang salah sasaran", SURE),

    /* help */
    H("BANTUAN", 100, 100),
    H("help me", EXACT),
    H("menu??", EXACT),
    H("bntuan", 75, 75),
    H("B4NTUAN", 90, 90),
    H("H E L P", 90, 90),
    H("gimana caranya", SURE),
    H("piye carane?", SURE),
    H("nyuwun pitedah", SURE),
    H("gmn cara lapor jalan rusak?", SURE),
    H("lapor gimana caranya?", SURE),
    H("apa saja menu nya?", SURE),
    H("keyword apa aja?", SURE),
    C("bantuan sosial di desa kami tidak merata", "bantuan sosial di desa kami tidak merata", ASK),
    C("cara kerja petugas kebersihan di pasar asal2an, sampah dibuang ke selokan",
      "cara kerja petugas kebersihan di pasar asal2an, sampah dibuang ke selokan", SURE),

    /* language */
    L("BAHASA JAWA", "jv", EXACT),
    L("boso jowo", "jv", EXACT),
    L("BHS JAWA", "jv", EXACT),
    L("bahasa jawa krama", "jv", EXACT),
    L("Bahasa Jawi mawon", "jv", EXACT),
    L("ganti bahasa jawa", "jv", EXACT),
    L("ganti ke bahasa jawa", "jv", EXACT),
    L("nganggo boso jowo wae", "jv", EXACT),
    L("B A H A S A JAWA", "jv", EXACT),
    L("bahasa indonesia", "id", EXACT),
    L("pake bahasa indonesia aja", "id", EXACT),
    L("LANGUAGE ENGLISH", "en", EXACT),
    L("BAHASA INGGRIS", "en", EXACT),
    L("english please", "en", SURE),
    L("in english pls", "en", SURE),
    L("can you reply in english?", "en", SURE),
    L("BAHASA", "", 60, 60),
    C("bahasa jawa tidak diajarkan lagi di SD, guru kurang",
      "bahasa jawa tidak diajarkan lagi di SD, guru kurang", SURE),

    /* proposals: USUL and its text; alone, the gateway explains */
    P("USUL", "proposal", 100, 100),
    P("usul pak", "proposal", 100, 100),
    P("USUL jalan Sooko diperbaiki", "proposal jalan Sooko diperbaiki", EXACT),
    P("usulan: posyandu perlu timbangan", "proposal posyandu perlu timbangan", EXACT),
    P("usulkan pasar desa", "proposal pasar desa", EXACT),
    P("Assalamualaikum pak, usul utk musrenbang: PJU", "proposal utk musrenbang: PJU", EXACT),
    P("selamat pagi, saya mau usul jalan dicor", "proposal jalan dicor", EXACT),
    P("kami mengusulkan drainase", "proposal drainase", EXACT),
    P("sy warga Sooko mau usul pasar desa", "proposal pasar desa", 80, 90), /* after a wish */
    P("usulnya jalan diperbaiki", "proposal jalan diperbaiki", EXACT),      /* usul + nya */
    P("usul pak, dalan didandani", "proposal dalan didandani", EXACT),
    P("I propose a bridge", "proposal a bridge", EXACT),
    P("Suggestion: more street lights", "proposal more street lights", EXACT),
    P("usal pak, jembatan beton", "proposal jembatan beton", 75, 75), /* four letters, distance 1 */
    P("usull jalan dibenahi", "proposal jalan dibenahi", 75, 75),
    P("usulkn bus sekolah", "proposal bus sekolah", 75, 75),
    /* the session: 1 to 6 digits, after "#", "no", "nomor", "agenda", with text after it */
    P("USUL 12 jalan", "proposal #12 jalan", EXACT),
    P("Usul #12: lampu PJU", "proposal #12 lampu PJU", EXACT),
    P("usul # 12 lampu", "proposal #12 lampu", EXACT),
    P("usul no 12 lampu", "proposal #12 lampu", EXACT),
    P("usul no. 12 lampu", "proposal #12 lampu", EXACT),
    P("usul nomor 3 embung", "proposal #3 embung", EXACT),
    P("usul agenda 21 TPQ", "proposal #21 TPQ", EXACT),
    P("usul 12 mohon dibangun pustu", "proposal #12 dibangun pustu", EXACT),
    P("USUL12 jalan", "proposal #12 jalan", EXACT),
    P("USUL 12.jalan", "proposal #12 jalan", EXACT),
    P("usul\t12\njalan", "proposal #12 jalan", EXACT),
    P("USUL 1 jalan", "proposal #1 jalan", EXACT),
    P("USUL 999999 jalan", "proposal #999999 jalan", EXACT), /* six digits */
    P("USUL 000001 jalan", "proposal #1 jalan", EXACT),
    S("USUL 482193@ jalan", "482193@", SURE), /* seven digits: a ticket */
    P("USUL 0 jalan", "proposal 0 jalan", EXACT),
    P("USUL 12", "proposal 12", EXACT),         /* no text after it */
    P("USUL 12 pak", "proposal 12 pak", EXACT), /* nor only small words */
    P("USUL 12 " EMOJI, "proposal 12 " EMOJI, EXACT),
    P("usul 2/12 rapat", "proposal 2/12 rapat", EXACT), /* a date */
    P("usul 09.00 rapat", "proposal 09.00 rapat", EXACT),
    P("usul 1,5 juta", "proposal 1,5 juta", EXACT),
    P("usul 12lampu", "proposal 12lampu", EXACT),
    P("usul RT 3 lampu", "proposal RT 3 lampu", EXACT),
    /* what USUL leads to elsewhere */
    S("usulan saya kemarin sudah ditanggapi belum?", "", SURE),
    H("usul caranya gimana?", SURE),
    H("cara usul gimana?", SURE),

    /* questions: TANYA opening the message, with or without a session */
    P("TANYA", "question", 100, 100),
    P("tanya dong pak", "question", 100, 100),
    P("TANYA #12 kapan jalan sooko diperbaiki", "question #12 kapan jalan sooko diperbaiki", EXACT),
    P("Pak, tanya dong, kapan jalan sooko diperbaiki?", "question kapan jalan sooko diperbaiki?",
      EXACT),
    P("tanya min, dprd sudah bahas perda sampah?", "question dprd sudah bahas perda sampah?",
      EXACT), /* small words up to the end of a clause */
    P("mohon tanya, apakah ada bedah rumah?", "question apakah ada bedah rumah?", EXACT),
    P("numpang tanya, kapan jembatan dibangun?", "question kapan jembatan dibangun?", EXACT),
    P("tanya no 4 nasib honorer", "question #4 nasib honorer", EXACT),
    P("pertanyaan #15: kapan pasar direnovasi", "question #15 kapan pasar direnovasi", EXACT),
    P("tanya kenapa jalan rusak di sooko tidak diperbaiki",
      "question kenapa jalan rusak di sooko tidak diperbaiki", EXACT), /* a complaint, asked */
    P("takon #5 dalan rusak kapan didandani", "question #5 dalan rusak kapan didandani", EXACT),
    P("pitakon: pinten anggaran irigasi nang Jetis?",
      "question pinten anggaran irigasi nang Jetis?", EXACT),
    P("QUESTION #3 when is the hearing?", "question #3 when is the hearing?", EXACT),
    P("ask", "question", 100, 100),
    P("tnya kapan jalan diperbaiki", "question kapan jalan diperbaiki", 75, 75),
    P("tny kapan jalan diperbaiki", "question kapan jalan diperbaiki", 70, 70), /* no vowels */
    P("TAN YA kapan jalan diperbaiki", "question kapan jalan diperbaiki", 85, 85),
    P("T4NYA kapan jalan diperbaiki", "question kapan jalan diperbaiki", 90, 90),
    P("tanya 12 kapan", "question #12 kapan", EXACT),
    P("tanya 482193 kapan", "question #482193 kapan", EXACT), /* six digits: a session */
    S("tanya 482193@ kapan", "482193@", SURE),                /* seven: a ticket */
    /* after a wish or other words, TANYA is the verb it was, unless a
     * session follows */
    C("sy mau tanya knp BLT blm cair", "knp BLT blm cair", ASK),
    C("kulo badhe takon, dalan rusak kapan didandani", "dalan rusak kapan didandani", SURE),
    P("mau tanya #12 kapan jalan diperbaiki", "question #12 kapan jalan diperbaiki", EXACT),
    S("mau tanya aduan saya 482193$ gimana", "482193$", SURE),
    A("mau tanya kapan rapat komisi 2?", "komisi=2", SURE),
    /* what TANYA asks that the service answers at once */
    S("tanya status 482193$", "482193$", EXACT),
    S("numpang tanya aduan saya 482193@ gimana", "482193@", SURE),
    S("tanya aduan saya kemarin sudah diproses belum?", "", SURE),
    A("tanya jadwal rapat", "", EXACT),
    A("tanya kapan rapat paripurna?", "type=paripurna", SURE),
    A("tanya kapan rapat komisi 3 bahas jalan?", "komisi=3", SURE), /* six words */
    P("tanya kapan rapat komisi 3 bahas jalan rusak?",
      "question kapan rapat komisi 3 bahas jalan rusak?", EXACT), /* seven */
    A("can i ask when the next plenary session is?", "type=paripurna", SURE),
    I("tanya alamat kantor dprd", "kontak", SURE),
    I("tanya berapa apbd 2027", "anggaran", SURE),                               /* three words */
    P("tanya berapa apbd tahun 2027", "question berapa apbd tahun 2027", EXACT), /* four */
    H("tanya cara lapor", SURE),
    L("tanya bahasa jawa", "jv", EXACT),
    /* opt-out still wins */
    O("tanya stop sms", EXACT),
    O("stop sms, saya tidak mau tanya lagi", EXACT),
    O("stop", 100, 100),
    /* words a typo must not turn into USUL or TANYA */
    C("hanya ingin menyampaikan jalan rusak", "hanya ingin menyampaikan jalan rusak", SURE),
    C("tanda rambu di perempatan Mojosari hilang", "tanda rambu di perempatan Mojosari hilang",
      SURE),
    C("susulan laporan kemarin, jalan makin parah", "susulan laporan kemarin, jalan makin parah",
      SURE),

    /* chatter */
    U(""),
    U("   "),
    U("halo"),
    U("halo pak"),
    U("Assalamualaikum"),
    U("selamat pagi"),
    U("terima kasih pak"),
    U("matur nuwun"),
    U("tes"),
    U("tes tes"),
    U("1"),
    U("ok"),
    U("p"),
    U("?"),
    U("..."),
    U(EMOJI),
    U(EMOJI EMOJI EMOJI),
    U("siapa ini?"),
    U("ini nomor apa?"),
    U("asdfgh"),
    U("maaf salah kirim"),
    U("ok2"),                           /* a number glued to chatter is no ticket */
    U("baik pak terima kasih infonya"), /* thanks for an answer, not INFO */
    U("selamat hari raya idul fitri mohon maaf lahir batin"),
    U("\xff\xfe"), /* unreadable */
    U("ADUAN jalan \xff"),
};

START_TEST(test_classify_table)
{
    const struct classify_case *c = &classify_cases[_i];
    struct lexicon *lx = default_lexicon();
    char text[512], arg[128], got[512];
    struct intent_arg out;
    enum intent in;

    expand(c->text, text, sizeof(text));
    expand(c->arg, arg, sizeof(arg));
    in = classify(lx, text, strlen(text), &out);
    intent_arg_format(lx, in, text, &out, got, sizeof(got));
    ck_assert_msg(in == c->intent, "\"%s\": intent %s, expected %s", text, intent_name(in),
                  intent_name(c->intent));
    if (c->intent != INTENT_UNKNOWN)
        ck_assert_msg(strcmp(got, arg) == 0, "\"%s\": argument \"%s\", expected \"%s\"", text, got,
                      arg);
    ck_assert_msg(out.confidence >= c->cmin && out.confidence <= c->cmax,
                  "\"%s\": confidence %d, expected %d to %d", text, out.confidence, c->cmin,
                  c->cmax);
    if (in == INTENT_STATUS) {
        ck_assert_str_eq(out.ticket, arg);
        if (arg[0] == '\0')
            ck_assert_int_eq(out.ticket_ref, TICKET_REF_NONE);
        else if (strlen(arg) != TICKET_CODE_LEN)
            ck_assert_int_eq(out.ticket_ref, TICKET_REF_BAD_LENGTH);
        else if (strchr(c->text, '$') != NULL)
            ck_assert_int_eq(out.ticket_ref, TICKET_REF_BAD_CHECK);
        else
            ck_assert_int_eq(out.ticket_ref, TICKET_REF_VALID);
    }
    lexicon_free(lx);
}
END_TEST

/* The language a message is written in. */
static const struct {
    const char *text;
    enum lang lang;
} lang_cases[] = {
    {"sy mau lapor jln rusak dpn SDN 2, sudah lama tidak diperbaiki", LANG_ID},
    {"kulo nyuwun tulung, dalan rusak teng dusun Bleberan", LANG_JV},
    {"dalan cor nang Mojorejo Jetis wis retak2 padahal lagi digawe", LANG_JV},
    {"Nuwun sewu bapak, kula badhe matur, margi ing dhusun Kemiri rusak sanget", LANG_JV},
    {"the street light in front of my house is broken", LANG_EN},
    {"please fix the road", LANG_EN},
    {"STATUS 4821937", LANG_NONE},
    {"ADUAN", LANG_NONE},
    {"jalan rusak", LANG_NONE}, /* shared words mark nothing */
    {"BAHASA JAWA", LANG_JV},   /* the language asked for */
    {"language english", LANG_EN},
    {"AGENDA KOMISI III", LANG_NONE}, /* a numeral, not English "I" */
    {"DAFTAR KOMISI I", LANG_NONE},
    {"I want the agenda of komisi III", LANG_EN},
};

START_TEST(test_lang)
{
    struct lexicon *lx = default_lexicon();
    struct intent_arg out;

    classify(lx, lang_cases[_i].text, strlen(lang_cases[_i].text), &out);
    ck_assert_msg(out.lang == lang_cases[_i].lang, "\"%s\": lang %s, expected %s",
                  lang_cases[_i].text, lang_code(out.lang), lang_code(lang_cases[_i].lang));
    lexicon_free(lx);
}
END_TEST

/* The complaint's text: off and len point into the message. */
START_TEST(test_complaint_span)
{
    static const struct {
        const char *text;
        size_t off, len;
    } cases[] = {
        {"ADUAN jalan rusak", 6, 11},
        {"  aduan:  jalan rusak \n", 10, 11},
        {"ADUANjalan rusak", 5, 11},
        {"A D U A N jalan rusak", 10, 11},
        {"ADUAN", 5, 0},
        {"Assalamualaikum, jalan rusak parah", 17, 17},
        {"jalan rusak", 0, 11},
    };
    struct lexicon *lx = default_lexicon();
    struct intent_arg out;
    size_t i;

    for (i = 0; i < N(cases); i++) {
        ck_assert_int_eq(classify(lx, cases[i].text, strlen(cases[i].text), &out),
                         INTENT_COMPLAINT);
        ck_assert_msg(out.off == cases[i].off && out.len == cases[i].len,
                      "\"%s\": %zu+%zu, expected %zu+%zu", cases[i].text, out.off, out.len,
                      cases[i].off, cases[i].len);
    }
    /* unreadable text points at all of it, trimmed */
    ck_assert_int_eq(classify(lx, " ADUAN \xff ", 9, &out), INTENT_UNKNOWN);
    ck_assert_uint_eq(out.off, 1);
    ck_assert_uint_eq(out.len, 7);
    ck_assert_int_eq(out.confidence, 0);
    /* a NUL byte is unreadable */
    ck_assert_int_eq(classify(lx, "ADUAN a\0b", 9, &out), INTENT_UNKNOWN);
    ck_assert_int_eq(intent_classify(lx, NULL, 5, &out), INTENT_UNKNOWN);
    ck_assert_uint_eq(out.len, 0);
    lexicon_free(lx);
}
END_TEST

/* A proposal's fields: the session, whether it asks, and its text, which
 * points into the message after the keyword and the session. */
START_TEST(test_proposal_fields)
{
    static const struct {
        const char *text;
        long session;
        int question;
        size_t off, len;
    } cases[] = {
        {"USUL 12 jalan rusak", 12, 0, 8, 11},
        {"USUL #12: jalan rusak", 12, 0, 10, 11},
        {"usul no 7 lampu", 7, 0, 10, 5},
        {"USUL 999999 x", 999999, 0, 12, 1},
        {"USUL 999999", 0, 0, 5, 6},
        {"USUL jalan rusak", 0, 0, 5, 11},
        {"USUL", 0, 0, 4, 0},
        {"  usul pak  ", 0, 0, 10, 0},
        {"TANYA #3 kapan?", 3, 1, 9, 6},
        {"tanya kapan?", 0, 1, 6, 6},
        {"TAKON", 0, 1, 5, 0},
        {"pertanyaan: kapan?", 0, 1, 12, 6},
        {"QUESTION 1 why", 1, 1, 11, 3},
        {"ask 2 why", 2, 1, 6, 3},
        {"PROPOSE 2 x", 2, 0, 10, 1},
        {"usulan: x", 0, 0, 8, 1},
    };
    struct lexicon *lx = default_lexicon();
    struct intent_arg out;
    size_t i;

    for (i = 0; i < N(cases); i++) {
        const char *t = cases[i].text;

        ck_assert_msg(classify(lx, t, strlen(t), &out) == INTENT_PROPOSAL, "\"%s\"", t);
        ck_assert_msg(out.session == cases[i].session && out.question == cases[i].question,
                      "\"%s\": session %ld question %d", t, out.session, out.question);
        ck_assert_msg(out.off == cases[i].off && out.len == cases[i].len,
                      "\"%s\": %zu+%zu, expected %zu+%zu", t, out.off, out.len, cases[i].off,
                      cases[i].len);
    }
    lexicon_free(lx);
}
END_TEST

/* Configured proposal keywords: a question word of the fixed tables asks a
 * question, any other word proposes; USUL is no complaint keyword. */
START_TEST(test_proposal_keywords)
{
    static const char *const words[] = {"NANYA", "MASUKAN"};
    struct lexicon_spec s = *lexicon_default();
    const struct lexicon_word *w;
    struct lexicon *lx;
    struct intent_arg out;
    char err[200];

    lx = default_lexicon();
    w = lexicon_find(lx, "usul", 4);
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(w->intent, INTENT_PROPOSAL);
    w = lexicon_find(lx, "tanya", 5);
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(w->intent, INTENT_PROPOSAL);
    ck_assert(w->cls & LX_QUESTION);
    lexicon_free(lx);

    s.words[INTENT_PROPOSAL] = words;
    s.nwords[INTENT_PROPOSAL] = N(words);
    lx = lexicon_new(&s, err, sizeof(err));
    ck_assert_msg(lx != NULL, "%s", err);
    ck_assert_int_eq(classify(lx, "nanya #2 kapan", 14, &out), INTENT_PROPOSAL);
    ck_assert_int_eq(out.question, 1);
    ck_assert_int_eq(out.session, 2);
    ck_assert_int_eq(classify(lx, "masukan 2 pasar", 15, &out), INTENT_PROPOSAL);
    ck_assert_int_eq(out.question, 0);
    ck_assert_int_eq(out.session, 2);
    /* not configured any more: TANYA is the filler it was, USUL nothing */
    ck_assert_int_ne(classify(lx, "TANYA #2 kapan", 14, &out), INTENT_PROPOSAL);
    ck_assert_int_ne(classify(lx, "USUL 2 pasar", 12, &out), INTENT_PROPOSAL);
    lexicon_free(lx);

    s = *lexicon_default();
    s.words[INTENT_INFO] = (const char *const[]){"TANYA"};
    s.nwords[INTENT_INFO] = 1;
    ck_assert_ptr_null(lexicon_new(&s, err, sizeof(err)));
    ck_assert_str_eq(err, "keyword \"TANYA\" is listed for both info and proposal");
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

/* intent_arg_format(): what "aspirasictl classify" prints, bounded. */
START_TEST(test_arg_format)
{
    struct lexicon *lx = default_lexicon();
    struct intent_arg a;
    char out[64];
    const char *text = "jalan\trusak\r\nparah";

    memset(&a, 0, sizeof(a));
    a.topic = -1;
    a.off = 0;
    a.len = strlen(text);
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_COMPLAINT, text, &a, out, sizeof(out)), 18);
    ck_assert_str_eq(out, "jalan rusak  parah");
    /* cut to the buffer, NUL-terminated */
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_COMPLAINT, text, &a, out, 6), 5);
    ck_assert_str_eq(out, "jalan");
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_COMPLAINT, text, &a, out, 1), 0);
    ck_assert_str_eq(out, "");
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_COMPLAINT, text, &a, out, 0), 0);

    strcpy(a.ticket, "4821937");
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_STATUS, text, &a, out, sizeof(out)), 7);
    ck_assert_str_eq(out, "4821937");
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_STATUS, text, &a, out, 4), 3);
    ck_assert_str_eq(out, "482");

    a.agenda.when = AGENDA_WHEN_TOMORROW;
    a.agenda.komisi = 2;
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_AGENDA, text, &a, out, sizeof(out)), 17);
    ck_assert_str_eq(out, "tomorrow komisi=2");
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_SUBSCRIBE, text, &a, out, sizeof(out)), 8);
    ck_assert_str_eq(out, "komisi=2");
    a.agenda.komisi = 0;
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_SUBSCRIBE, text, &a, out, sizeof(out)), 0);

    ck_assert_uint_eq(intent_arg_format(lx, INTENT_INFO, text, &a, out, sizeof(out)), 0);
    a.topic = 0;
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_INFO, text, &a, out, sizeof(out)), 8);
    ck_assert_str_eq(out, "anggaran");
    a.topic = 3;
    intent_arg_format(lx, INTENT_INFO, text, &a, out, sizeof(out));
    ck_assert_str_eq(out, "kontak");
    a.topic = 4;
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_INFO, text, &a, out, sizeof(out)), 0);

    a.lang = LANG_JV;
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_LANGUAGE, text, &a, out, sizeof(out)), 2);
    ck_assert_str_eq(out, "jv");
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_HELP, text, &a, out, sizeof(out)), 0);
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_UNSUBSCRIBE, text, &a, out, sizeof(out)), 0);
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_UNKNOWN, text, &a, out, sizeof(out)), 0);
    ck_assert_uint_eq(intent_arg_format(lx, INTENT__COUNT, text, &a, out, sizeof(out)), 0);
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_STATUS, text, NULL, out, sizeof(out)), 0);

    /* proposal: the kind, the session, the text */
    memset(&a, 0, sizeof(a));
    a.topic = -1;
    a.off = 0;
    a.len = strlen(text);
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_PROPOSAL, text, &a, out, sizeof(out)), 27);
    ck_assert_str_eq(out, "proposal jalan rusak  parah");
    a.question = 1;
    a.session = 12;
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_PROPOSAL, text, &a, out, sizeof(out)), 31);
    ck_assert_str_eq(out, "question #12 jalan rusak  parah");
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_PROPOSAL, text, &a, out, 12), 11);
    ck_assert_str_eq(out, "question #1");
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_PROPOSAL, text, &a, out, 14), 13);
    ck_assert_str_eq(out, "question #12 ");
    a.session = 999999;
    intent_arg_format(lx, INTENT_PROPOSAL, text, &a, out, sizeof(out));
    ck_assert_str_eq(out, "question #999999 jalan rusak  parah");
    a.len = 0;
    a.session = 0;
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_PROPOSAL, text, &a, out, sizeof(out)), 8);
    ck_assert_str_eq(out, "question");
    a.question = 0;
    a.len = 5;
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_PROPOSAL, NULL, &a, out, sizeof(out)), 8);
    ck_assert_str_eq(out, "proposal");
    ck_assert_uint_eq(intent_arg_format(lx, INTENT_PROPOSAL, text, NULL, out, sizeof(out)), 0);
    ck_assert_str_eq(out, "");
    lexicon_free(lx);
}
END_TEST

/* intent_is_yes(): the answer to "Balas 1 jika ya". */
static const struct {
    const char *text;
    int yes;
} yes_cases[] = {
    {"1", 1},
    {" 1 ", 1},
    {"1.", 1},
    {"ya", 1},
    {"Ya", 1},
    {"YA!", 1},
    {"iya", 1},
    {"iyaa", 1},
    {"yaaa", 1},
    {"yes", 1},
    {"y", 1},
    {"ok", 1},
    {"OK.", 1},
    {"oke", 1},
    {"nggih", 1},
    {"inggih", 1},
    {"enggih", 1},
    {"leres", 1},
    {"ya pak", 1},
    {"nggih bu", 1},
    {"ya, betul", 1},
    {"\"ya\"", 1},
    {"2", 0},
    {"11", 0},
    {"01", 0},
    {"1 2", 0},
    {"tidak", 0},
    {"ga", 0},
    {"no", 0},
    {"yak", 0},
    {"ya tapi", 0},
    {"pak", 0},
    {"", 0},
    {"  ", 0},
    {"ya ya ya ya ya", 0},
    {"ya \xff", 0},
    {"aduan", 0},
    {"\xf0\x9f\x91\x8d", 0},
};

START_TEST(test_is_yes)
{
    ck_assert_msg(intent_is_yes(yes_cases[_i].text, strlen(yes_cases[_i].text)) ==
                      yes_cases[_i].yes,
                  "\"%s\": expected %d", yes_cases[_i].text, yes_cases[_i].yes);
    ck_assert_int_eq(intent_is_yes(NULL, 3), 0);
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
    {INTENT_LANGUAGE, "language"},
    {INTENT_PROPOSAL, "proposal"},
};

START_TEST(test_names)
{
    enum intent in;
    enum lang l;
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
    ck_assert_int_eq(intent_from_name("complain", &in), -1);
    ck_assert_int_eq(intent_from_name("", &in), -1);
    ck_assert_int_eq(intent_from_name(NULL, &in), -1);
    ck_assert_int_eq(in, INTENT_HELP);

    ck_assert_str_eq(lang_code(LANG_NONE), "");
    ck_assert_str_eq(lang_code(LANG_ID), "id");
    ck_assert_str_eq(lang_code(LANG_JV), "jv");
    ck_assert_str_eq(lang_code(LANG_EN), "en");
    ck_assert_str_eq(lang_code(LANG__COUNT), "");
    ck_assert_int_eq(lang_from_code("jv", &l), 0);
    ck_assert_int_eq(l, LANG_JV);
    ck_assert_int_eq(lang_from_code("id", &l), 0);
    ck_assert_int_eq(l, LANG_ID);
    ck_assert_int_eq(lang_from_code("en", &l), 0);
    ck_assert_int_eq(l, LANG_EN);
    ck_assert_int_eq(lang_from_code("", &l), -1);
    ck_assert_int_eq(lang_from_code("JV", &l), -1);
    ck_assert_int_eq(lang_from_code("jw", &l), -1);
    ck_assert_int_eq(lang_from_code(NULL, &l), -1);
    ck_assert_int_eq(l, LANG_EN);
}
END_TEST

/* The built-in lexicon obeys its own rules: keywords of 1 to 20 ASCII
 * letters, at most 32 per intent, none for unknown; four topics. */
START_TEST(test_lexicon_default)
{
    const struct lexicon_spec *d = lexicon_default();
    struct lexicon *lx = default_lexicon();
    size_t i, j, k;

    ck_assert_uint_eq(d->nwords[INTENT_UNKNOWN], 0);
    for (i = 1; i < INTENT__COUNT; i++) {
        ck_assert_uint_gt(d->nwords[i], 0);
        ck_assert_uint_le(d->nwords[i], 32);
        for (j = 0; j < d->nwords[i]; j++) {
            const char *w = d->words[i][j];

            ck_assert_uint_ge(strlen(w), 1);
            ck_assert_uint_le(strlen(w), 20);
            for (k = 0; w[k] != '\0'; k++)
                ck_assert(w[k] >= 'A' && w[k] <= 'Z');
        }
    }
    ck_assert_str_eq(d->words[INTENT_COMPLAINT][0], "ADUAN");
    ck_assert_str_eq(d->words[INTENT_STATUS][0], "STATUS");
    ck_assert_str_eq(d->words[INTENT_AGENDA][0], "AGENDA");
    ck_assert_str_eq(d->words[INTENT_INFO][0], "INFO");
    ck_assert_str_eq(d->words[INTENT_SUBSCRIBE][0], "DAFTAR");
    ck_assert_str_eq(d->words[INTENT_UNSUBSCRIBE][0], "BERHENTI");
    ck_assert_str_eq(d->words[INTENT_HELP][0], "BANTUAN");
    ck_assert_str_eq(d->words[INTENT_LANGUAGE][0], "BAHASA");
    ck_assert_str_eq(d->words[INTENT_PROPOSAL][0], "USUL");
    ck_assert_uint_eq(d->ntopics, 4);
    ck_assert_str_eq(lexicon_topic_name(lx, 0), "anggaran");
    ck_assert_str_eq(lexicon_topic_name(lx, 1), "perda");
    ck_assert_str_eq(lexicon_topic_name(lx, 2), "anggota");
    ck_assert_str_eq(lexicon_topic_name(lx, 3), "kontak");
    ck_assert_ptr_null(lexicon_topic_name(lx, 4));
    ck_assert_ptr_null(lexicon_topic_name(lx, -1));
    ck_assert_ptr_null(lexicon_topic_name(NULL, 0));
    lexicon_free(lx);
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
    {INTENT_LANGUAGE, {"STOP"}, 1, "keyword \"STOP\" is listed for both unsubscribe and language"},
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
    {INTENT_COMPLAINT,
     {"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF"},
     1,
     "keyword \"ABCDEFGHIJKLMNOPQRSTUVWX...\" for complaint is longer than 20 letters"},
    {INTENT_COMPLAINT, {"ABCDEFGHIJKLMNOPQRST"}, 1, NULL}, /* 20 letters */
    {INTENT_COMPLAINT, {"a"}, 1, NULL},
    {INTENT_COMPLAINT, {"MOHON"}, 1, NULL}, /* a fixed word may become a keyword */
    {INTENT_COMPLAINT, {NULL}, 0, NULL},    /* an empty list */
    {INTENT_UNKNOWN, {"HALO"}, 1, "intent unknown cannot have keywords"},
};

START_TEST(test_lexicon_errors)
{
    const struct lexicon_case *c = &lexicon_cases[_i];
    struct lexicon_spec s = *lexicon_default();
    struct lexicon *lx;
    char err[200], small[12];

    s.words[c->in] = c->words;
    s.nwords[c->in] = c->n;
    memset(err, 'x', sizeof(err));
    lx = lexicon_new(&s, err, sizeof(err));
    if (c->err == NULL) {
        ck_assert_msg(lx != NULL, "rejected: %s", err);
        ck_assert_str_eq(err, "");
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

/* Topics: names and words checked like keywords. */
START_TEST(test_lexicon_topics)
{
    static const char *const w_ok[] = {"Jalan", "JEMBATAN"};
    static const char *const w_bad[] = {"jalan raya"};
    static const char *const w_dup[] = {"APBD"};
    static const char *const w_long[] = {"abcdefghijklmnopqrstuvwxy"};
    struct topic_spec t[3];
    struct lexicon_spec s = *lexicon_default();
    struct lexicon *lx;
    struct intent_arg out;
    char err[200];

    t[0] = (struct topic_spec){"jalan", w_ok, 2};
    t[1] = (struct topic_spec){"anggaran", w_dup, 1};
    s.topics = t;
    s.ntopics = 2;
    lx = lexicon_new(&s, err, sizeof(err));
    ck_assert_msg(lx != NULL, "%s", err);
    ck_assert_int_eq(classify(lx, "INFO JEMBATAN", 13, &out), INTENT_INFO);
    ck_assert_int_eq(out.topic, 0);
    ck_assert_int_eq(classify(lx, "info apbd", 9, &out), INTENT_INFO);
    ck_assert_int_eq(out.topic, 1);
    ck_assert_int_eq(classify(lx, "info perda", 10, &out), INTENT_INFO);
    ck_assert_int_eq(out.topic, -1);
    lexicon_free(lx);

    t[1] = (struct topic_spec){"jalan", w_dup, 1};
    ck_assert_ptr_null(lexicon_new(&s, err, sizeof(err)));
    ck_assert_str_eq(err, "topic \"jalan\" is listed twice");
    t[1] = (struct topic_spec){"Jalan Raya", w_dup, 1};
    ck_assert_ptr_null(lexicon_new(&s, err, sizeof(err)));
    ck_assert_str_eq(err, "topic 2: name \"Jalan Raya\" is not 1 to 32 lower-case letters, digits, "
                          "_ or -");
    t[1] = (struct topic_spec){NULL, w_dup, 1};
    ck_assert_ptr_null(lexicon_new(&s, err, sizeof(err)));
    t[1] = (struct topic_spec){"x", w_bad, 1};
    ck_assert_ptr_null(lexicon_new(&s, err, sizeof(err)));
    ck_assert_str_eq(err, "word \"jalan raya\" of topic x is not a word of 1 to 24 ASCII letters");
    t[1] = (struct topic_spec){"x", w_long, 1};
    ck_assert_ptr_null(lexicon_new(&s, err, sizeof(err)));
    t[1] = (struct topic_spec){"x", w_ok, 1};
    ck_assert_ptr_null(lexicon_new(&s, err, sizeof(err)));
    ck_assert_str_eq(err, "word \"Jalan\" is listed for both topics jalan and x");
    t[1] = (struct topic_spec){"x", NULL, 1};
    ck_assert_ptr_null(lexicon_new(&s, err, sizeof(err)));
    ck_assert_str_eq(err, "words of topic 2 are missing");

    /* no topics at all: INFO lists nothing */
    s.ntopics = 0;
    s.topics = NULL;
    lx = lexicon_new(&s, err, sizeof(err));
    ck_assert_msg(lx != NULL, "%s", err);
    ck_assert_int_eq(classify(lx, "INFO ANGGARAN", 13, &out), INTENT_INFO);
    ck_assert_int_eq(out.topic, -1);
    ck_assert_ptr_null(lexicon_topic_name(lx, 0));
    lexicon_free(lx);
    s.ntopics = 1;
    ck_assert_ptr_null(lexicon_new(&s, err, sizeof(err)));
    ck_assert_str_eq(err, "topics are missing");
}
END_TEST

START_TEST(test_lexicon_bad_spec)
{
    struct lexicon_spec s = *lexicon_default();
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

/* A configured lexicon replaces keyword lists one by one; the fixed
 * language tables stay.  Keywords are copied and matched whatever case the
 * configuration wrote them in. */
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
    ck_assert_int_eq(classify(lx, "abcdefghijklmnopqrst x", 22, &out), INTENT_COMPLAINT);
    ck_assert_uint_eq(out.off, 21);
    /* no STOP keyword configured: a lone STOP means nothing */
    ck_assert_int_eq(classify(lx, "STOP", 4, &out), INTENT_UNKNOWN);
    /* the vocabulary still reads complaints and ticket numbers */
    ck_assert_int_eq(classify(lx, "jalan rusak parah", 17, &out), INTENT_COMPLAINT);
    ck_assert_int_eq(classify(lx, "STATUS 4821937", 14, &out), INTENT_STATUS);
    ck_assert_int_eq(intent_classify(lx, NULL, 0, &out), INTENT_UNKNOWN);
    ck_assert_uint_eq(out.len, 0);
    lexicon_free(lx);

    memset(&s, 0, sizeof(s));
    lx = lexicon_new(&s, err, sizeof(err));
    ck_assert_msg(lx != NULL, "%s", err);
    /* no keyword at all: "aduan" is only a word that complaints use */
    ck_assert_int_eq(classify(lx, "ADUAN x", 7, &out), INTENT_COMPLAINT);
    ck_assert_int_lt(out.confidence, INTENT_CONFIDENT);
    ck_assert_int_eq(classify(lx, "DAFTAR", 6, &out), INTENT_UNKNOWN);
    ck_assert_uint_eq(out.len, 6);
    lexicon_free(lx);
}
END_TEST

/* lexicon_near(): the typo search, on both sides of each bound. */
static const struct {
    const char *w;
    enum lexicon_near_set set;
    int dist;  /* -1: none */
    int which; /* intent or topic */
} near_cases[] = {
    {"lpor", LEXICON_NEAR_KEYWORDS, 1, INTENT_COMPLAINT}, /* 4 letters, first one right */
    {"apor", LEXICON_NEAR_KEYWORDS, -1, 0},               /* 4 letters, first one wrong */
    {"inpo", LEXICON_NEAR_KEYWORDS, 1, INTENT_INFO},
    {"ifno", LEXICON_NEAR_KEYWORDS, 1, INTENT_INFO},       /* a transposition */
    {"stp", LEXICON_NEAR_KEYWORDS, 3, INTENT_UNSUBSCRIBE}, /* SETOP without vowels */
    {"stq", LEXICON_NEAR_KEYWORDS, -1, 0},                 /* 3 letters: exact only */
    {"rge", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"aduab", LEXICON_NEAR_KEYWORDS, 1, INTENT_COMPLAINT},
    {"adxyn", LEXICON_NEAR_KEYWORDS, -1, 0}, /* 5 letters, distance 2 */
    {"stauts", LEXICON_NEAR_KEYWORDS, 1, INTENT_STATUS},
    {"agnda", LEXICON_NEAR_KEYWORDS, 1, INTENT_AGENDA},
    {"agxnxa", LEXICON_NEAR_KEYWORDS, -1, 0}, /* 6 letters, distance 2 */
    {"berhnti", LEXICON_NEAR_KEYWORDS, 1, INTENT_UNSUBSCRIBE},
    {"brhnti", LEXICON_NEAR_KEYWORDS, 2, INTENT_UNSUBSCRIBE}, /* 8 letters: 2 allowed */
    {"brhnt", LEXICON_NEAR_KEYWORDS, 3, INTENT_UNSUBSCRIBE},  /* no vowels */
    {"bahas", LEXICON_NEAR_KEYWORDS, -1, 0},                  /* a known word */
    {"bxrhxntx", LEXICON_NEAR_KEYWORDS, -1, 0},               /* 8 letters, distance 3 */
    {"dftr", LEXICON_NEAR_KEYWORDS, 3, INTENT_SUBSCRIBE},
    {"stts", LEXICON_NEAR_KEYWORDS, 3, INTENT_STATUS},
    {"lapar", LEXICON_NEAR_KEYWORDS, -1, 0}, /* a known word */
    {"stok", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"status", LEXICON_NEAR_KEYWORDS, -1, 0}, /* the keyword itself */
    {"menunggu", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"angaran", LEXICON_NEAR_TOPICS, 1, 0},
    {"perdx", LEXICON_NEAR_TOPICS, 1, 1},
    {"angaran", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"ab", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"abcdefghijklmnopqrstuvwxyz", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"tanyo", LEXICON_NEAR_KEYWORDS, 1, INTENT_PROPOSAL},
    {"tnya", LEXICON_NEAR_KEYWORDS, 1, INTENT_PROPOSAL},
    {"tny", LEXICON_NEAR_KEYWORDS, 3, INTENT_PROPOSAL},
    {"usal", LEXICON_NEAR_KEYWORDS, 1, INTENT_PROPOSAL},
    {"asul", LEXICON_NEAR_KEYWORDS, -1, 0}, /* 4 letters, first one wrong */
    {"pertanyan", LEXICON_NEAR_KEYWORDS, 1, INTENT_PROPOSAL},
    {"prtanyan", LEXICON_NEAR_KEYWORDS, 2, INTENT_PROPOSAL},
    {"qestion", LEXICON_NEAR_KEYWORDS, 1, INTENT_PROPOSAL},
    /* common words a typo of USUL or TANYA must not take */
    {"hanya", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"tanpa", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"tanda", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"taken", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"usut", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"usil", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"susulan", LEXICON_NEAR_KEYWORDS, -1, 0},
    {"pertanian", LEXICON_NEAR_KEYWORDS, -1, 0},
};

START_TEST(test_lexicon_near)
{
    struct lexicon *lx = default_lexicon();
    int which = -7, d;

    d = lexicon_near(lx, near_cases[_i].set, near_cases[_i].w, strlen(near_cases[_i].w), &which);
    ck_assert_msg(d == near_cases[_i].dist, "\"%s\": distance %d, expected %d", near_cases[_i].w, d,
                  near_cases[_i].dist);
    if (d >= 0)
        ck_assert_int_eq(which, near_cases[_i].which);
    else
        ck_assert_int_eq(which, -7);
    lexicon_free(lx);
}
END_TEST

/* lexicon_near_keyword(): which keyword a typo stands for, and so whether
 * it asks a question. */
START_TEST(test_lexicon_near_keyword)
{
    static const struct {
        const char *w;
        int dist;     /* -1: none */
        int intent;   /* of the keyword found */
        int question; /* LX_QUESTION */
    } cases[] = {
        {"tnya", 1, INTENT_PROPOSAL, 1},
        {"tny", 3, INTENT_PROPOSAL, 1},
        {"tako", 1, INTENT_PROPOSAL, 1},
        {"qestion", 1, INTENT_PROPOSAL, 1},
        {"usull", 1, INTENT_PROPOSAL, 0},
        {"propse", 1, INTENT_PROPOSAL, 0},
        {"lpor", 1, INTENT_COMPLAINT, 0},
        {"stts", 3, INTENT_STATUS, 0},
        {"hanya", -1, 0, 0},
        {"tanya", -1, 0, 0}, /* the keyword itself */
        {"abcdef", -1, 0, 0},
    };
    struct lexicon *lx = default_lexicon();
    const struct lexicon_word *w;
    size_t i;
    int d;

    for (i = 0; i < N(cases); i++) {
        d = -7;
        w = lexicon_near_keyword(lx, cases[i].w, strlen(cases[i].w), &d);
        if (cases[i].dist < 0) {
            ck_assert_msg(w == NULL, "\"%s\": a keyword", cases[i].w);
            ck_assert_int_eq(d, -7);
            continue;
        }
        ck_assert_msg(w != NULL, "\"%s\": no keyword", cases[i].w);
        ck_assert_int_eq(d, cases[i].dist);
        ck_assert_int_eq(w->intent, cases[i].intent);
        ck_assert_int_eq((w->cls & LX_QUESTION) != 0, cases[i].question);
    }
    ck_assert_ptr_nonnull(lexicon_near_keyword(lx, "tnya", 4, NULL));
    ck_assert_ptr_null(lexicon_near_keyword(NULL, "tnya", 4, &d));
    lexicon_free(lx);
}
END_TEST

/* Two keywords of different intents at the same distance: no answer. */
START_TEST(test_lexicon_near_ambiguous)
{
    static const char *const c[] = {"LAPOR"}, *const h[] = {"LAPUR"};
    struct lexicon_spec s;
    struct lexicon *lx;
    char err[200];
    int which = -7;

    memset(&s, 0, sizeof(s));
    s.words[INTENT_COMPLAINT] = c;
    s.nwords[INTENT_COMPLAINT] = 1;
    s.words[INTENT_HELP] = h;
    s.nwords[INTENT_HELP] = 1;
    lx = lexicon_new(&s, err, sizeof(err));
    ck_assert_msg(lx != NULL, "%s", err);
    ck_assert_int_eq(lexicon_near(lx, LEXICON_NEAR_KEYWORDS, "lapxr", 5, &which), -1);
    ck_assert_int_eq(lexicon_near(lx, LEXICON_NEAR_KEYWORDS, "lapo", 4, &which), 1);
    ck_assert_int_eq(which, INTENT_COMPLAINT);
    ck_assert_int_eq(lexicon_near(NULL, LEXICON_NEAR_KEYWORDS, "lapo", 4, &which), -1);
    lexicon_free(lx);
}
END_TEST

/* lexicon_split(), lexicon_glued() and lexicon_find(). */
START_TEST(test_lexicon_split)
{
    static const struct {
        const char *w;
        size_t k;
    } cases[] = {
        {"aduanjalan", 5}, {"statusnya", 6},    {"laporjalanrusak", 5}, {"infoanggaran", 4},
        {"laporannya", 7}, {"menunggu", 0},     {"menurut", 0},         {"regional", 0},
        {"laporan", 0},    {"aduanxyz", 0},     {"aduan", 0},           {"abcd", 0},
        {"zzzzzzzz", 0},   {"daftarkomisi", 6},
    };
    struct lexicon *lx = default_lexicon();
    const struct lexicon_word *w;
    size_t i;

    for (i = 0; i < N(cases); i++)
        ck_assert_msg(lexicon_split(lx, cases[i].w, strlen(cases[i].w)) == cases[i].k,
                      "\"%s\": expected %zu", cases[i].w, cases[i].k);
    ck_assert_uint_eq(lexicon_split(NULL, "aduanjalan", 10), 0);
    ck_assert_uint_eq(lexicon_glued(lx, "jalanrusak", 10), 5);
    ck_assert_uint_eq(lexicon_glued(lx, "jalanrusaknya", 13), 5);
    ck_assert_uint_eq(lexicon_glued(lx, "rusak", 5), 5);
    ck_assert_uint_eq(lexicon_glued(lx, "nya", 3), 3);
    ck_assert_uint_eq(lexicon_glued(lx, "jalanxyz", 8), 0);
    ck_assert_uint_eq(lexicon_glued(lx, "jalan", 0), 0);
    ck_assert_uint_eq(lexicon_glued(NULL, "jalan", 5), 0);

    w = lexicon_find(lx, "aduan", 5);
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(w->intent, INTENT_COMPLAINT);
    ck_assert(w->cls & LX_REPORTED);
    w = lexicon_find(lx, "rusak", 5);
    ck_assert_ptr_nonnull(w);
    ck_assert(w->cls & LX_PROBLEM);
    ck_assert_int_eq(w->weight, 3);
    ck_assert_int_eq(w->intent, -1);
    w = lexicon_find(lx, "apbd", 4);
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(w->topic, 0);
    w = lexicon_find(lx, "jowo", 4);
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(w->langv, LANG_JV);
    ck_assert_ptr_null(lexicon_find(lx, "rusakx", 6));
    ck_assert_ptr_null(lexicon_find(lx, "rusak", 0));
    ck_assert_ptr_null(lexicon_find(NULL, "rusak", 5));
    lexicon_free(lx);
}
END_TEST

/* A long message is read on its first tokens, and counted in full. */
START_TEST(test_long_text)
{
    static char text[64 * 1024];
    struct lexicon *lx = default_lexicon();
    struct intent_arg out;
    size_t i, n;

    memcpy(text, "STATUS ", 7);
    for (i = 7; i < sizeof(text); i++)
        text[i] = (i % 2) ? '1' : ' ';
    ck_assert_int_eq(classify(lx, text, sizeof(text), &out), INTENT_STATUS);

    memcpy(text, "ADUAN  ", 7);
    for (i = 7; i < sizeof(text); i++)
        text[i] = 'a';
    ck_assert_int_eq(classify(lx, text, sizeof(text), &out), INTENT_COMPLAINT);
    ck_assert_uint_eq(out.off, 7);
    ck_assert_uint_eq(out.len, sizeof(text) - 7);

    /* an opt-out needs the whole message: STOP and 100 small words is none */
    n = (size_t)snprintf(text, sizeof(text), "STOP");
    for (i = 0; i < 100; i++)
        n += (size_t)snprintf(text + n, sizeof(text) - n, " ya");
    ck_assert_int_ne(classify(lx, text, n, &out), INTENT_UNSUBSCRIBE);
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
    tcase_add_loop_test(tc, test_lang, 0, (int)N(lang_cases));
    tcase_add_test(tc, test_complaint_span);
    tcase_add_test(tc, test_proposal_fields);
    tcase_add_test(tc, test_proposal_keywords);
    tcase_add_test(tc, test_status_typos);
    tcase_add_test(tc, test_arg_format);
    tcase_add_loop_test(tc, test_is_yes, 0, (int)N(yes_cases));
    tcase_add_test(tc, test_names);
    tcase_add_test(tc, test_lexicon_default);
    tcase_add_loop_test(tc, test_lexicon_errors, 0, (int)N(lexicon_cases));
    tcase_add_test(tc, test_lexicon_topics);
    tcase_add_test(tc, test_lexicon_bad_spec);
    tcase_add_test(tc, test_lexicon_custom);
    tcase_add_loop_test(tc, test_lexicon_near, 0, (int)N(near_cases));
    tcase_add_test(tc, test_lexicon_near_keyword);
    tcase_add_test(tc, test_lexicon_near_ambiguous);
    tcase_add_test(tc, test_lexicon_split);
    tcase_add_test(tc, test_long_text);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(intent_suite)
