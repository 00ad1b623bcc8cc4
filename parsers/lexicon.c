/*
 * The lexicon: the built-in keywords and information topics (which the
 * configuration may replace, intent by intent), the fixed language tables
 * that are not configuration (greetings, courtesy, the vocabulary of
 * complaints, sessions and questions, language markers), and the lookup
 * structures built from both.
 *
 * lexicon_new() copies every word, configured or built in, into one table
 * of entries, each saying what the word is (struct lexicon_word), and puts
 * them in an open-addressing hash table; a word listed in several fixed
 * tables gets the union of its classes.  The keywords and the topic words
 * are also kept in flat arrays for the typo search, which is a bounded
 * Damerau-Levenshtein distance against each of them (a few hundred short
 * words: a linear scan is faster than any index would be).  After
 * lexicon_new() nothing is written, so one lexicon serves every thread.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/intent.h"
#include "parsers/normalize.h"

/* Longest keyword, in letters; the {keyword} placeholder of a reply
 * (parsers/reply.h) is budgeted for this many. */
#define KEYWORD_MAX 20

/* Longest topic name, and most topics. */
#define TOPIC_NAME_MAX 32
#define TOPICS_MAX     64

/* ---- built-in keywords and topics ---------------------------------------- */

/* The first keyword of each intent is the one replies name ({keyword}). */
static const char *const kw_complaint[] = {
    "ADUAN",   "LAPOR",   "LAPORAN", "PENGADUAN",  "ASPIRASI", "KELUHAN",  "KOMPLAIN",
    "KOMPLEN", "MENGADU", "MELAPOR", "MELAPORKAN", "ADUKAN",   "MENGELUH", "WADUL",
    "SAMBAT",  "NGADU",   "LAPURAN", "COMPLAINT",  "COMPLAIN", "REPORT",
};
static const char *const kw_status[] = {
    "STATUS", "CEK", "TIKET", "LACAK", "TRACK", "CHECK", "TICKET", "PROGRES", "NGECEK", "MENGECEK",
};
static const char *const kw_agenda[] = {"AGENDA", "JADWAL", "JADUAL", "SCHEDULE"};
static const char *const kw_info[] = {"INFO", "INFORMASI", "INFORMATION"};
static const char *const kw_subscribe[] = {
    "DAFTAR",   "REG",       "LANGGANAN", "BERLANGGANAN", "SUBSCRIBE",
    "REGISTER", "MENDAFTAR", "NDAFTAR",   "JOIN",
};
static const char *const kw_unsubscribe[] = {
    "BERHENTI", "STOP",  "UNREG",  "KELUAR",      "MANDHEG",
    "MANDEG",   "LEREN", "KENDEL", "UNSUBSCRIBE", "SETOP",
};
static const char *const kw_help[] = {"BANTUAN", "HELP", "MENU", "PITULUNG", "PANDUAN", "PETUNJUK"};
static const char *const kw_language[] = {"BAHASA", "LANGUAGE", "BASA", "BOSO"};
/* Proposals and questions for a session.  Whether a keyword asks a question
 * is not configuration: intent.c reads it from the fixed tables below
 * (LX_QUESTION: "tanya", "takon", "pitakon", "question", "ask").  Left out:
 * SARAN (a typo away from "sarana") and MASUKAN (a common word); NANYA and
 * BERTANYA, which come after a wish ("mau nanya"), where a question
 * keyword is only the verb of the sentence. */
static const char *const kw_proposal[] = {
    "USUL",  "USULAN",  "USULKAN",  "MENGUSULKAN", "TANYA",      "PERTANYAAN", "PITAKON",
    "TAKON", "PROPOSE", "PROPOSAL", "SUGGEST",     "SUGGESTION", "QUESTION",   "ASK",
};

static const char *const topic_anggaran[] = {
    "ANGGARAN", "APBD",    "RAPBD",      "APBDES",   "DANA", "BIAYA",
    "BUDGET",   "BELANJA", "PENDAPATAN", "KEUANGAN", "PAGU", "ALOKASI",
};
static const char *const topic_perda[] = {
    "PERDA", "RAPERDA", "PERATURAN", "REGULASI", "REGULATION", "PERBUP", "PROPEMPERDA",
};
static const char *const topic_anggota[] = {
    "ANGGOTA", "WAKIL", "LEGISLATOR", "DAPIL", "FRAKSI", "MEMBER", "MEMBERS", "KETUA", "PIMPINAN",
};
static const char *const topic_kontak[] = {
    "ALAMAT", "KONTAK",  "KANTOR",      "TELEPON", "EMAIL",       "WEBSITE",  "ADDRESS", "PHONE",
    "OFFICE", "CONTACT", "SEKRETARIAT", "HUBUNGI", "MENGHUBUNGI", "WHATSAPP", "LOKASI",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct topic_spec default_topics[] = {
    {"anggaran", topic_anggaran, N(topic_anggaran)},
    {"perda", topic_perda, N(topic_perda)},
    {"anggota", topic_anggota, N(topic_anggota)},
    {"kontak", topic_kontak, N(topic_kontak)},
};

static const struct lexicon_spec default_spec = {
    .words =
        {
            [INTENT_COMPLAINT] = kw_complaint,
            [INTENT_STATUS] = kw_status,
            [INTENT_AGENDA] = kw_agenda,
            [INTENT_INFO] = kw_info,
            [INTENT_SUBSCRIBE] = kw_subscribe,
            [INTENT_UNSUBSCRIBE] = kw_unsubscribe,
            [INTENT_HELP] = kw_help,
            [INTENT_LANGUAGE] = kw_language,
            [INTENT_PROPOSAL] = kw_proposal,
        },
    .nwords =
        {
            [INTENT_COMPLAINT] = N(kw_complaint),
            [INTENT_STATUS] = N(kw_status),
            [INTENT_AGENDA] = N(kw_agenda),
            [INTENT_INFO] = N(kw_info),
            [INTENT_SUBSCRIBE] = N(kw_subscribe),
            [INTENT_UNSUBSCRIBE] = N(kw_unsubscribe),
            [INTENT_HELP] = N(kw_help),
            [INTENT_LANGUAGE] = N(kw_language),
            [INTENT_PROPOSAL] = N(kw_proposal),
        },
    .topics = default_topics,
    .ntopics = N(default_topics),
};

const struct lexicon_spec *
lexicon_default(void)
{
    return &default_spec;
}

/* ---- fixed language tables ------------------------------------------------ */

/*
 * One line per word: its classes, the languages it marks and, for the
 * vocabulary of complaints, a weight from 1 (a thing complaints are often
 * about: "jalan", "sekolah") to 3 (a problem: "rusak", "banjir", "pungli").
 * The same word may stand in several tables; it gets all their classes.
 * Words are ASCII lower case, as the normaliser writes them (abbreviations
 * already expanded: "sy" arrives as "saya").
 */
struct fixed_word {
    const char *w;
    uint32_t cls;
    unsigned char lang, weight, langv;
};

#define ID LX_LANG(LANG_ID)
#define JV LX_LANG(LANG_JV)
#define EN LX_LANG(LANG_EN)

/* Greetings, forms of address, courtesy, fillers and thanks: skipped before
 * the first meaningful word. */
static const struct fixed_word w_opening[] = {
    {"assalamualaikum", LX_GREET, 0, 0, 0},
    {"asalamualaikum", LX_GREET, 0, 0, 0},
    {"assalamualaikom", LX_GREET, 0, 0, 0},
    {"assalamu", LX_GREET, 0, 0, 0},
    {"assalam", LX_GREET, 0, 0, 0},
    {"asalam", LX_GREET, 0, 0, 0},
    {"alaikum", LX_GREET, 0, 0, 0},
    {"assalamualaykum", LX_GREET, 0, 0, 0},
    {"salamualaikum", LX_GREET, 0, 0, 0},
    {"samlekom", LX_GREET, 0, 0, 0},
    {"ass", LX_GREET, 0, 0, 0},
    {"askum", LX_GREET, 0, 0, 0},
    {"aslm", LX_GREET, 0, 0, 0},
    {"asslm", LX_GREET, 0, 0, 0},
    {"asw", LX_GREET, 0, 0, 0},
    {"wr", LX_GREET, 0, 0, 0},
    {"wb", LX_GREET, 0, 0, 0},
    {"wrwb", LX_GREET, 0, 0, 0},
    {"warahmatullahi", LX_GREET, 0, 0, 0},
    {"warahmatullah", LX_GREET, 0, 0, 0},
    {"wabarakatuh", LX_GREET, 0, 0, 0},
    {"salam", LX_GREET, 0, 0, 0},
    {"sejahtera", LX_GREET, 0, 0, 0},
    {"selamat", LX_GREET, ID, 0, 0},
    {"met", LX_GREET, ID, 0, 0},
    {"pagi", LX_GREET | LX_WHEN, ID, 0, 0},
    {"siang", LX_GREET | LX_WHEN, ID, 0, 0},
    {"sore", LX_GREET | LX_WHEN, ID, 0, 0},
    {"malam", LX_GREET | LX_WHEN, ID, 0, 0},
    {"halo", LX_GREET | LX_CHATTER, 0, 0, 0},
    {"hallo", LX_GREET | LX_CHATTER, 0, 0, 0},
    {"helo", LX_GREET | LX_CHATTER, 0, 0, 0},
    {"hello", LX_GREET | LX_CHATTER, EN, 0, 0},
    {"hai", LX_GREET | LX_CHATTER, 0, 0, 0},
    {"hay", LX_GREET | LX_CHATTER, 0, 0, 0},
    {"hi", LX_GREET | LX_CHATTER, EN, 0, 0},
    {"hey", LX_GREET | LX_CHATTER, EN, 0, 0},
    {"permisi", LX_GREET | LX_COURTESY, ID, 0, 0},
    {"punten", LX_GREET | LX_COURTESY, JV, 0, 0},
    {"sugeng", LX_GREET, JV, 0, 0},
    {"enjang", LX_GREET, JV, 0, 0},
    {"sonten", LX_GREET, JV, 0, 0},
    {"dalu", LX_GREET, JV, 0, 0},
    {"rahayu", LX_GREET, JV, 0, 0},
    {"good", LX_GREET, EN, 0, 0},
    {"morning", LX_GREET, EN, 0, 0},
    {"afternoon", LX_GREET, EN, 0, 0},
    {"evening", LX_GREET, EN, 0, 0},
    {"dear", LX_GREET | LX_ADDRESS, EN, 0, 0},
    {"yth", LX_GREET | LX_ADDRESS, ID, 0, 0},
    {"kepada", LX_GREET, ID, 0, 0},
    {"enjing", LX_GREET, JV, 0, 0},
    {"om", LX_GREET | LX_ADDRESS, 0, 0, 0},
    {"swastiastu", LX_GREET, 0, 0, 0},
    {"idul", LX_GREET, 0, 0, 0},
    {"fitri", LX_GREET, 0, 0, 0},
    {"adha", LX_GREET, 0, 0, 0},
    {"lebaran", LX_GREET, 0, 0, 0},
    {"natal", LX_GREET, 0, 0, 0},
    {"imlek", LX_GREET, 0, 0, 0},
    {"lahir", LX_GREET, ID, 0, 0},
    {"batin", LX_GREET, ID, 0, 0},
    {"minal", LX_GREET, 0, 0, 0},
    {"aidin", LX_GREET, 0, 0, 0},
    {"walfaizin", LX_GREET, 0, 0, 0},
    {"wassalamualaikum", LX_GREET, 0, 0, 0},
    {"waalaikumsalam", LX_GREET, 0, 0, 0},
    {"shalom", LX_GREET, 0, 0, 0},

    {"pak", LX_ADDRESS | LX_PARTICLE | LX_OPTOUT, 0, 0, 0},
    {"bapak", LX_ADDRESS, 0, 0, 0},
    {"pk", LX_ADDRESS, 0, 0, 0},
    {"bu", LX_ADDRESS | LX_PARTICLE | LX_OPTOUT, 0, 0, 0},
    {"ibu", LX_ADDRESS, 0, 0, 0},
    {"mas", LX_ADDRESS | LX_OPTOUT, 0, 0, 0},
    {"mbak", LX_ADDRESS | LX_OPTOUT, 0, 0, 0},
    {"mba", LX_ADDRESS, 0, 0, 0},
    {"min", LX_ADDRESS | LX_PARTICLE | LX_OPTOUT, 0, 0, 0},
    {"admin", LX_ADDRESS | LX_OPTOUT, 0, 0, 0},
    {"mimin", LX_ADDRESS, 0, 0, 0},
    {"dprd", LX_ADDRESS | LX_OPTOUT, 0, 0, 0},
    {"dewan", LX_ADDRESS, 0, 0, 0},
    {"kak", LX_ADDRESS | LX_PARTICLE, 0, 0, 0},
    {"kakak", LX_ADDRESS, 0, 0, 0},
    {"bang", LX_ADDRESS, 0, 0, 0},
    {"gan", LX_ADDRESS | LX_PARTICLE, 0, 0, 0},
    {"sir", LX_ADDRESS, EN, 0, 0},
    {"madam", LX_ADDRESS, EN, 0, 0},
    {"bos", LX_ADDRESS, 0, 0, 0},
    {"tante", LX_ADDRESS, 0, 0, 0},
    {"pakde", LX_ADDRESS, JV, 0, 0},
    {"pakdhe", LX_ADDRESS, JV, 0, 0},
    {"bude", LX_ADDRESS, JV, 0, 0},
    {"budhe", LX_ADDRESS, JV, 0, 0},
    {"cak", LX_ADDRESS, JV, 0, 0},
    {"ning", LX_ADDRESS, JV, 0, 0},
    {"kang", LX_ADDRESS, JV, 0, 0},
    {"bro", LX_ADDRESS, 0, 0, 0},
    {"sis", LX_ADDRESS, 0, 0, 0},
    {"terhormat", LX_ADDRESS, ID, 0, 0},
    {"saudara", LX_ADDRESS, ID, 0, 0},
    {"sdr", LX_ADDRESS, ID, 0, 0},
    {"pimpinan", LX_ADDRESS, ID, 0, 0},
    {"ketua", LX_ADDRESS, ID, 0, 0},
    {"panjenengan", LX_ADDRESS, JV, 0, 0},
    {"njenengan", LX_ADDRESS, JV, 0, 0},
    {"sampeyan", LX_ADDRESS, JV, 0, 0},
    {"anda", LX_ADDRESS, ID, 0, 0},
    {"tim", LX_ADDRESS, 0, 0, 0},
    {"team", LX_ADDRESS, EN, 0, 0},
    {"humas", LX_ADDRESS, 0, 0, 0},
    {"kabupaten", LX_ADDRESS | LX_PLACE, ID, 0, 0},
    {"mojokerto", LX_ADDRESS | LX_PLACE, 0, 0, 0},

    {"mohon", LX_COURTESY | LX_OPTOUT, ID, 0, 0},
    {"tolong", LX_COURTESY | LX_OPTOUT, ID, 0, 0},
    {"tolongin", LX_COURTESY, ID, 0, 0},
    {"minta", LX_COURTESY, ID, 0, 0},
    {"please", LX_COURTESY | LX_OPTOUT, EN, 0, 0},
    {"kindly", LX_COURTESY, EN, 0, 0},
    {"maaf", LX_COURTESY, ID, 0, 0},
    {"sorry", LX_COURTESY, EN, 0, 0},
    {"excuse", LX_COURTESY, EN, 0, 0},
    {"nyuwun", LX_COURTESY, JV, 0, 0},
    {"ngapunten", LX_COURTESY, JV, 0, 0},
    {"pangapunten", LX_COURTESY, JV, 0, 0},
    {"pitulungan", LX_COURTESY, JV, 0, 0},
    {"sewu", LX_COURTESY, JV, 0, 0},
    {"mbok", LX_COURTESY, JV, 0, 0},
    {"monggo", LX_COURTESY, JV, 0, 0},
    {"mangga", LX_COURTESY, JV, 0, 0},
    {"tulung", LX_COURTESY, JV, 0, 0},
    {"tulungi", LX_COURTESY, JV, 0, 0},
    {"harap", LX_COURTESY, ID, 0, 0},
    {"berkenan", LX_COURTESY, ID, 0, 0},
    {"kiranya", LX_COURTESY, ID, 0, 0},
    {"sekiranya", LX_COURTESY, ID, 0, 0},
    {"hormat", LX_COURTESY, ID, 0, 0},
    {"izin", LX_COURTESY, ID, 0, 0},
    {"ijin", LX_COURTESY, ID, 0, 0},
    {"numpang", LX_COURTESY, ID, 0, 0},

    {"saya", LX_FILLER | LX_MINE | LX_OPTOUT, ID, 0, 0},
    {"aku", LX_FILLER | LX_MINE | LX_OPTOUT, 0, 0, 0},
    {"kami", LX_FILLER | LX_MINE | LX_OPTOUT, ID, 0, 0},
    {"kita", LX_FILLER | LX_MINE, ID, 0, 0},
    {"kulo", LX_FILLER | LX_MINE | LX_OPTOUT, JV, 0, 0},
    {"kula", LX_FILLER | LX_MINE | LX_OPTOUT, JV, 0, 0},
    {"dalem", LX_FILLER | LX_MINE, JV, 0, 0},
    {"i", LX_FILLER | LX_MINE, EN, 0, 0},
    {"we", LX_FILLER | LX_MINE, EN, 0, 0},
    {"me", LX_FILLER | LX_OPTOUT, EN, 0, 0},
    {"my", LX_FILLER | LX_MINE, EN, 0, 0},
    {"our", LX_FILLER | LX_MINE, EN, 0, 0},
    {"mau", LX_FILLER | LX_WISH | LX_OPTOUT, ID, 0, 0},
    {"ingin", LX_FILLER | LX_WISH, ID, 0, 0},
    {"hendak", LX_FILLER | LX_WISH, ID, 0, 0},
    {"akan", LX_FILLER, ID, 0, 0},
    {"badhe", LX_FILLER | LX_WISH, JV, 0, 0},
    {"bade", LX_FILLER | LX_WISH, JV, 0, 0},
    {"ajeng", LX_FILLER | LX_WISH, JV, 0, 0},
    {"arep", LX_FILLER | LX_WISH, JV, 0, 0},
    {"pengin", LX_FILLER | LX_WISH, JV, 0, 0},
    {"kepingin", LX_FILLER | LX_WISH, ID, 0, 0},
    {"purun", LX_FILLER | LX_WISH | LX_OPTOUT, JV, 0, 0},
    {"gelem", LX_FILLER | LX_WISH | LX_OPTOUT, JV, 0, 0},
    {"want", LX_FILLER | LX_WISH, EN, 0, 0},
    {"wanna", LX_FILLER | LX_WISH, EN, 0, 0},
    {"would", LX_FILLER | LX_WISH, EN, 0, 0},
    {"like", LX_FILLER, EN, 0, 0},
    {"to", LX_FILLER | LX_CHANGE, EN, 0, 0},
    {"bisa", LX_FILLER, ID, 0, 0},
    {"bisakah", LX_FILLER, ID, 0, 0},
    {"boleh", LX_FILLER, ID, 0, 0},
    {"bolehkah", LX_FILLER, ID, 0, 0},
    {"can", LX_FILLER, EN, 0, 0},
    {"could", LX_FILLER, EN, 0, 0},
    {"ini", LX_FILLER | LX_OPTOUT, ID, 0, 0},
    {"nih", LX_FILLER | LX_PARTICLE, ID, 0, 0},
    {"niki", LX_FILLER, JV, 0, 0},
    {"iki", LX_FILLER, JV, 0, 0},
    {"punika", LX_FILLER, JV, 0, 0},
    {"menika", LX_FILLER, JV, 0, 0},
    {"dong", LX_FILLER | LX_PARTICLE | LX_OPTOUT, ID, 0, 0},
    {"ya", LX_FILLER | LX_PARTICLE | LX_OPTOUT, 0, 0, 0},
    {"yah", LX_FILLER | LX_PARTICLE, 0, 0, 0},
    {"nggih", LX_FILLER | LX_OPTOUT, JV, 0, 0},
    {"inggih", LX_FILLER, JV, 0, 0},
    {"enggih", LX_FILLER, JV, 0, 0},
    {"sih", LX_FILLER | LX_PARTICLE, ID, 0, 0},
    {"lho", LX_FILLER, JV, 0, 0},
    {"loh", LX_FILLER, 0, 0, 0},
    {"deh", LX_FILLER | LX_PARTICLE | LX_OPTOUT, ID, 0, 0},
    {"nah", LX_FILLER, 0, 0, 0},
    {"eh", LX_FILLER, 0, 0, 0},
    {"baik", LX_FILLER, ID, 0, 0},
    {"sampaikan", LX_FILLER, ID, 0, 0},
    {"menyampaikan", LX_FILLER, ID, 0, 0},
    {"nyampaikan", LX_FILLER, ID, 0, 0},
    {"ngaturaken", LX_FILLER, JV, 0, 0},
    {"ngaturake", LX_FILLER, JV, 0, 0},
    {"matur", LX_FILLER | LX_THANKS, JV, 0, 0},
    {"mengajukan", LX_FILLER, ID, 0, 0},
    {"ngajukan", LX_FILLER, ID, 0, 0},
    {"memberitahu", LX_FILLER, ID, 0, 0},
    {"memberikan", LX_FILLER, ID, 0, 0},
    {"tanya", LX_FILLER | LX_QUESTION, ID, 0, 0},
    {"nanya", LX_FILLER | LX_QUESTION, ID, 0, 0},
    {"bertanya", LX_FILLER | LX_QUESTION, ID, 0, 0},
    {"menanyakan", LX_FILLER | LX_QUESTION, ID, 0, 0},
    {"takon", LX_FILLER | LX_QUESTION, JV, 0, 0},
    {"ask", LX_FILLER | LX_QUESTION, EN, 0, 0},

    {"terima", LX_THANKS | LX_OPTOUT | LX_SUBSCRIBE, ID, 0, 0},
    {"kasih", LX_THANKS | LX_OPTOUT, ID, 0, 0},
    {"terimakasih", LX_THANKS | LX_OPTOUT, ID, 0, 0},
    {"makasih", LX_THANKS | LX_OPTOUT, ID, 0, 0},
    {"makasi", LX_THANKS, ID, 0, 0},
    {"thanks", LX_THANKS | LX_OPTOUT, EN, 0, 0},
    {"thank", LX_THANKS, EN, 0, 0},
    {"you", LX_THANKS, EN, 0, 0},
    {"tq", LX_THANKS, 0, 0, 0},
    {"ty", LX_THANKS, 0, 0, 0},
    {"suwun", LX_THANKS, JV, 0, 0},
    {"nuwun", LX_THANKS | LX_COURTESY, JV, 0, 0},
    {"maturnuwun", LX_THANKS, JV, 0, 0},
    {"sembah", LX_THANKS, JV, 0, 0},
    {"hatur", LX_THANKS, 0, 0, 0},
    {"nuhun", LX_THANKS, 0, 0, 0},
    {"alhamdulillah", LX_THANKS | LX_CHATTER, 0, 0, 0},
};

/* Endings glued to words ("statusnya", "aduanku", "laporkan"), and small
 * words that may follow an opt-out keyword ("stop sms saja", "UNREG
 * AGENDA", "mandheg kirim sms", "berhenti langganan"). */
static const struct fixed_word w_small[] = {
    {"nya", LX_PARTICLE, ID, 0, 0},
    {"ne", LX_PARTICLE, JV, 0, 0},
    {"ku", LX_PARTICLE, 0, 0, 0},
    {"mu", LX_PARTICLE, 0, 0, 0},
    {"kan", LX_PARTICLE, 0, 0, 0},
    {"lah", LX_PARTICLE, 0, 0, 0},
    {"kah", LX_PARTICLE, 0, 0, 0},
    {"in", LX_PARTICLE | LX_CHANGE, EN, 0, 0},
    {"aja", LX_PARTICLE | LX_OPTOUT, ID, 0, 0},
    {"saja", LX_OPTOUT, ID, 0, 0},
    {"wae", LX_OPTOUT, JV, 0, 0},
    {"ae", LX_OPTOUT, JV, 0, 0},
    {"mawon", LX_OPTOUT, JV, 0, 0},
    {"kemawon", LX_OPTOUT, JV, 0, 0},
    {"sms", LX_OPTOUT | LX_SEND, 0, 0, 0},
    {"pesan", LX_OPTOUT | LX_SEND, ID, 0, 0},
    {"message", LX_OPTOUT | LX_SEND, EN, 0, 0},
    {"messages", LX_OPTOUT | LX_SEND, EN, 0, 0},
    {"berita", LX_OPTOUT | LX_SEND, ID, 0, 0},
    {"notif", LX_OPTOUT | LX_SEND | LX_SUBSCRIBE, 0, 0, 0},
    {"notifikasi", LX_OPTOUT | LX_SEND | LX_SUBSCRIBE, ID, 0, 0},
    {"broadcast", LX_OPTOUT | LX_SEND | LX_SUBSCRIBE, 0, 0, 0},
    {"pengumuman", LX_OPTOUT | LX_SEND | LX_SUBSCRIBE, ID, 0, 0},
    {"kirim", LX_OPTOUT | LX_SEND | LX_FILLER, ID, 0, 0},
    {"kirimi", LX_OPTOUT | LX_SEND | LX_SUBSCRIBE, ID, 0, 0},
    {"dikirim", LX_OPTOUT | LX_SEND, ID, 0, 0},
    {"dikirimi", LX_OPTOUT | LX_SEND | LX_SUBSCRIBE, ID, 0, 0},
    {"mengirim", LX_OPTOUT | LX_SEND, ID, 0, 0},
    {"ngirim", LX_OPTOUT | LX_SEND, ID, 0, 0},
    {"send", LX_OPTOUT | LX_SEND, EN, 0, 0},
    {"sending", LX_OPTOUT | LX_SEND, EN, 0, 0},
    {"lagi", LX_OPTOUT, ID, 0, 0},
    {"maneh", LX_OPTOUT, JV, 0, 0},
    {"malih", LX_OPTOUT, JV, 0, 0},
    {"semua", LX_OPTOUT, ID, 0, 0},
    {"all", LX_OPTOUT, EN, 0, 0},
    {"sekarang", LX_OPTOUT | LX_WHEN, ID, 0, 0},
    {"dulu", LX_OPTOUT, ID, 0, 0},
    {"sementara", LX_OPTOUT, ID, 0, 0},
    {"layanan", LX_OPTOUT | LX_OBJECT, ID, 1, 0},
    {"service", LX_OPTOUT, EN, 0, 0},
    {"dari", LX_OPTOUT, ID, 0, 0},
    {"from", LX_OPTOUT, EN, 0, 0},
    {"nomor", LX_OPTOUT | LX_TICKET, ID, 0, 0},
    {"number", LX_OPTOUT | LX_TICKET, EN, 0, 0},
    {"hp", LX_OPTOUT, 0, 0, 0},
    {"yang", LX_OPTOUT, ID, 0, 0},
    {"untuk", LX_OPTOUT, ID, 0, 0},
    {"ke", LX_OPTOUT | LX_CHANGE, ID, 0, 0},
    {"spam", LX_OPTOUT, 0, 0, 0},
    {"ganggu", LX_OPTOUT, ID, 0, 0},
    {"cukup", LX_OPTOUT, ID, 0, 0},
    {"wis", LX_OPTOUT | LX_PROGRESS, JV, 0, 0},
    {"sampun", LX_OPTOUT | LX_PROGRESS, JV, 0, 0},
    {"ok", LX_OPTOUT | LX_CHATTER, 0, 0, 0},
    {"oke", LX_OPTOUT | LX_CHATTER, 0, 0, 0},
    {"okay", LX_CHATTER, EN, 0, 0},
    {"okey", LX_CHATTER, 0, 0, 0},

    {"jangan", LX_NEGATION | LX_OPTOUT, ID, 0, 0},
    {"tidak", LX_NEGATION | LX_OPTOUT, ID, 0, 0},
    {"ora", LX_NEGATION, JV, 0, 0},
    {"ra", LX_NEGATION, JV, 0, 0},
    {"mboten", LX_NEGATION, JV, 0, 0},
    {"boten", LX_NEGATION, JV, 0, 0},
    {"ndak", LX_NEGATION, 0, 0, 0},
    {"dont", LX_NEGATION, EN, 0, 0},
    {"not", LX_NEGATION, EN, 0, 0},
    {"no", LX_NEGATION, EN, 0, 0},
    {"ampun", LX_NEGATION, JV, 0, 0},
    {"ojo", LX_NEGATION, JV, 0, 0},
    {"emoh", LX_NEGATION, JV, 0, 0},
    {"usah", LX_OPTOUT, ID, 0, 0},
    {"perlu", LX_OPTOUT, ID, 0, 0},

    {"batal", LX_CANCEL, ID, 0, 0},
    {"batalkan", LX_CANCEL, ID, 0, 0},
    {"cancel", LX_CANCEL, EN, 0, 0},
    {"hapus", LX_CANCEL, ID, 0, 0},
    {"hapuskan", LX_CANCEL, ID, 0, 0},
    {"delete", LX_CANCEL, EN, 0, 0},
    {"remove", LX_CANCEL, EN, 0, 0},

    {"tes", LX_CHATTER, 0, 0, 0},
    {"test", LX_CHATTER, EN, 0, 0},
    {"testing", LX_CHATTER, EN, 0, 0},
    {"tst", LX_CHATTER, 0, 0, 0},
    {"coba", LX_CHATTER, ID, 0, 0},
    {"sip", LX_CHATTER, 0, 0, 0},
    {"siap", LX_CHATTER, ID, 0, 0},
    {"hehe", LX_CHATTER, 0, 0, 0},
    {"hihi", LX_CHATTER, 0, 0, 0},
    {"haha", LX_CHATTER, 0, 0, 0},
    {"wkwk", LX_CHATTER, 0, 0, 0},
    {"wkwkwk", LX_CHATTER, 0, 0, 0},
    {"hmm", LX_CHATTER, 0, 0, 0},
    {"hm", LX_CHATTER, 0, 0, 0},
    {"p", LX_CHATTER, 0, 0, 0},
    {"ping", LX_CHATTER, 0, 0, 0},
    {"mantap", LX_CHATTER, ID, 0, 0},
    {"mantab", LX_CHATTER, ID, 0, 0},
    {"iya", LX_CHATTER, ID, 0, 0},
    {"yes", LX_CHATTER, EN, 0, 0},
    {"y", LX_CHATTER, 0, 0, 0},
    {"oi", LX_CHATTER, 0, 0, 0},
    {"woi", LX_CHATTER, 0, 0, 0},
    {"lol", LX_CHATTER, 0, 0, 0},
    {"nice", LX_CHATTER, EN, 0, 0},
};

/* The vocabulary of complaints marks English and Javanese (words an
 * Indonesian message would not use) but not Indonesian, which Javanese
 * messages borrow freely ("dalan nang Jetis wis retak").
 *
 * Problems: what makes a message a complaint (weight 3 for the unmistakable,
 * 2 for the likely, 1 for what only adds to others). */
static const struct fixed_word w_problem[] = {
    /* Indonesian */
    {"rusak", LX_PROBLEM, 0, 3, 0},
    {"kerusakan", LX_PROBLEM, 0, 3, 0},
    {"berlubang", LX_PROBLEM, 0, 3, 0},
    {"lubang", LX_PROBLEM, 0, 3, 0},
    {"bolong", LX_PROBLEM, 0, 3, 0},
    {"banjir", LX_PROBLEM, 0, 3, 0},
    {"kebanjiran", LX_PROBLEM, 0, 3, 0},
    {"longsor", LX_PROBLEM, 0, 3, 0},
    {"pungli", LX_PROBLEM, 0, 3, 0},
    {"pungutan", LX_PROBLEM, 0, 3, 0},
    {"dipungut", LX_PROBLEM, 0, 3, 0},
    {"korupsi", LX_PROBLEM, 0, 3, 0},
    {"dikorupsi", LX_PROBLEM, 0, 3, 0},
    {"suap", LX_PROBLEM, 0, 3, 0},
    {"gratifikasi", LX_PROBLEM, 0, 3, 0},
    {"macet", LX_PROBLEM, 0, 2, 0},
    {"mampet", LX_PROBLEM, 0, 3, 0},
    {"tersumbat", LX_PROBLEM, 0, 3, 0},
    {"buntu", LX_PROBLEM, 0, 2, 0},
    {"ambrol", LX_PROBLEM, JV, 3, 0},
    {"ambruk", LX_PROBLEM, 0, 3, 0},
    {"ambles", LX_PROBLEM, 0, 3, 0},
    {"amblas", LX_PROBLEM, 0, 3, 0},
    {"roboh", LX_PROBLEM, 0, 3, 0},
    {"jebol", LX_PROBLEM, 0, 3, 0},
    {"retak", LX_PROBLEM, 0, 3, 0},
    {"bocor", LX_PROBLEM, 0, 3, 0},
    {"keruh", LX_PROBLEM, 0, 3, 0},
    {"kotor", LX_PROBLEM, 0, 2, 0},
    {"bau", LX_PROBLEM, 0, 2, 0},
    {"limbah", LX_PROBLEM, 0, 3, 0},
    {"tercemar", LX_PROBLEM, 0, 3, 0},
    {"pencemaran", LX_PROBLEM, 0, 3, 0},
    {"polusi", LX_PROBLEM, 0, 3, 0},
    {"sampah", LX_PROBLEM | LX_OBJECT, 0, 3, 0},
    {"kebakaran", LX_PROBLEM, 0, 3, 0},
    {"terbakar", LX_PROBLEM, 0, 3, 0},
    {"padam", LX_PROBLEM, 0, 3, 0},
    {"pemadaman", LX_PROBLEM, 0, 3, 0},
    {"mati", LX_PROBLEM, 0, 2, 0},
    {"gelap", LX_PROBLEM, 0, 2, 0},
    {"kumuh", LX_PROBLEM, 0, 2, 0},
    {"genangan", LX_PROBLEM, 0, 3, 0},
    {"tergenang", LX_PROBLEM, 0, 3, 0},
    {"terendam", LX_PROBLEM, 0, 3, 0},
    {"kekeringan", LX_PROBLEM, 0, 3, 0},
    {"langka", LX_PROBLEM, 0, 3, 0},
    {"kelangkaan", LX_PROBLEM, 0, 3, 0},
    {"mahal", LX_PROBLEM, 0, 2, 0},
    {"dipersulit", LX_PROBLEM, 0, 3, 0},
    {"penipuan", LX_PROBLEM, 0, 3, 0},
    {"ditipu", LX_PROBLEM, 0, 3, 0},
    {"pencurian", LX_PROBLEM, 0, 3, 0},
    {"maling", LX_PROBLEM, 0, 3, 0},
    {"begal", LX_PROBLEM, 0, 3, 0},
    {"narkoba", LX_PROBLEM, 0, 3, 0},
    {"judi", LX_PROBLEM, 0, 3, 0},
    {"preman", LX_PROBLEM, 0, 3, 0},
    {"premanisme", LX_PROBLEM, 0, 3, 0},
    {"bising", LX_PROBLEM, 0, 2, 0},
    {"berisik", LX_PROBLEM, 0, 2, 0},
    {"rawan", LX_PROBLEM, 0, 2, 0},
    {"bahaya", LX_PROBLEM, 0, 2, 0},
    {"berbahaya", LX_PROBLEM, 0, 3, 0},
    {"membahayakan", LX_PROBLEM, 0, 3, 0},
    {"kecelakaan", LX_PROBLEM, 0, 3, 0},
    {"parah", LX_PROBLEM, 0, 2, 0},
    {"hancur", LX_PROBLEM, 0, 3, 0},
    {"ancur", LX_PROBLEM, 0, 3, 0},
    {"putus", LX_PROBLEM, 0, 2, 0},
    {"tumbang", LX_PROBLEM, 0, 3, 0},
    {"terlantar", LX_PROBLEM, 0, 3, 0},
    {"telantar", LX_PROBLEM, 0, 3, 0},
    {"ditolak", LX_PROBLEM, 0, 2, 0},
    {"mangkrak", LX_PROBLEM, 0, 3, 0},
    {"terbengkalai", LX_PROBLEM, 0, 3, 0},
    {"mandek", LX_PROBLEM, 0, 3, 0},
    {"mandeg", LX_PROBLEM, 0, 3, 0},
    {"mandheg", LX_PROBLEM, 0, 3, 0},
    {"leren", LX_PROBLEM, 0, 2, 0},
    {"berhenti", LX_PROBLEM, 0, 1, 0},
    {"molor", LX_PROBLEM, 0, 2, 0},
    {"lambat", LX_PROBLEM, 0, 2, 0},
    {"lamban", LX_PROBLEM, 0, 2, 0},
    {"susah", LX_PROBLEM, 0, 1, 0},
    {"sulit", LX_PROBLEM, 0, 1, 0},
    {"kesulitan", LX_PROBLEM, 0, 2, 0},
    {"mengeluhkan", LX_PROBLEM, 0, 3, 0},
    {"dikeluhkan", LX_PROBLEM, 0, 3, 0},
    {"keluhkan", LX_PROBLEM, 0, 3, 0},
    {"protes", LX_PROBLEM, 0, 2, 0},
    {"keberatan", LX_PROBLEM, 0, 2, 0},
    {"kecewa", LX_PROBLEM, 0, 2, 0},
    {"resah", LX_PROBLEM, 0, 2, 0},
    {"meresahkan", LX_PROBLEM, 0, 3, 0},
    {"mengganggu", LX_PROBLEM | LX_OPTOUT, 0, 2, 0},
    {"terganggu", LX_PROBLEM, 0, 2, 0},
    {"gangguan", LX_PROBLEM, 0, 2, 0},
    {"diskriminasi", LX_PROBLEM, 0, 3, 0},
    {"nepotisme", LX_PROBLEM, 0, 3, 0},
    {"kolusi", LX_PROBLEM, 0, 3, 0},
    {"ilegal", LX_PROBLEM, 0, 3, 0},
    {"liar", LX_PROBLEM, 0, 2, 0},
    {"penyimpangan", LX_PROBLEM, 0, 3, 0},
    {"penyelewengan", LX_PROBLEM, 0, 3, 0},
    {"diselewengkan", LX_PROBLEM, 0, 3, 0},
    {"penyalahgunaan", LX_PROBLEM, 0, 3, 0},
    {"salah", LX_PROBLEM, 0, 1, 0},
    {"sasaran", LX_PROBLEM, 0, 1, 0},
    {"nunggak", LX_PROBLEM, 0, 2, 0},
    {"telat", LX_PROBLEM, 0, 2, 0},
    {"terlambat", LX_PROBLEM, 0, 2, 0},
    {"tertunda", LX_PROBLEM, 0, 2, 0},
    {"antri", LX_PROBLEM, 0, 1, 0},
    {"antre", LX_PROBLEM, 0, 1, 0},
    {"antrian", LX_PROBLEM, 0, 1, 0},
    {"antrean", LX_PROBLEM, 0, 1, 0},
    {"calo", LX_PROBLEM, 0, 3, 0},
    {"oknum", LX_PROBLEM, 0, 2, 0},
    {"dipotong", LX_PROBLEM, 0, 2, 0},
    {"pemotongan", LX_PROBLEM, 0, 2, 0},
    {"kurang", LX_PROBLEM, 0, 1, 0},
    {"minim", LX_PROBLEM, 0, 1, 0},
    {"buruk", LX_PROBLEM, 0, 2, 0},
    {"jelek", LX_PROBLEM, 0, 2, 0},
    {"hilang", LX_PROBLEM, 0, 2, 0},
    {"memprihatinkan", LX_PROBLEM, 0, 3, 0},
    {"becek", LX_PROBLEM, 0, 2, 0},
    {"licin", LX_PROBLEM, 0, 1, 0},
    {"berdebu", LX_PROBLEM, 0, 2, 0},
    {"debu", LX_PROBLEM, 0, 2, 0},
    {"asap", LX_PROBLEM, 0, 2, 0},
    {"menyengat", LX_PROBLEM, 0, 2, 0},
    {"miskin", LX_PROBLEM, 0, 1, 0},
    {"pengangguran", LX_PROBLEM, 0, 1, 0},
    {"phk", LX_PROBLEM, 0, 2, 0},
    {"stunting", LX_PROBLEM, 0, 1, 0},
    {"kekerasan", LX_PROBLEM, 0, 3, 0},
    {"pelecehan", LX_PROBLEM, 0, 3, 0},
    {"perundungan", LX_PROBLEM, 0, 3, 0},
    {"bullying", LX_PROBLEM, 0, 3, 0},
    {"tawuran", LX_PROBLEM, 0, 3, 0},
    {"beliung", LX_PROBLEM, 0, 3, 0},
    {"gempa", LX_PROBLEM, 0, 2, 0},
    {"kering", LX_PROBLEM, 0, 1, 0},
    {"korban", LX_PROBLEM, 0, 2, 0},
    {"wabah", LX_PROBLEM, 0, 2, 0},
    {"dbd", LX_PROBLEM, 0, 2, 0},
    {"demam", LX_PROBLEM, 0, 1, 0},
    {"penyakit", LX_PROBLEM, 0, 1, 0},
    {"nyamuk", LX_PROBLEM, 0, 1, 0},
    {"tikus", LX_PROBLEM, 0, 1, 0},
    {"error", LX_PROBLEM, 0, 1, 0},
    {"tidakadil", LX_PROBLEM, 0, 2, 0},
    {"curang", LX_PROBLEM, 0, 3, 0},
    {"kecurangan", LX_PROBLEM, 0, 3, 0},
    {"pemerasan", LX_PROBLEM, 0, 3, 0},
    {"diperas", LX_PROBLEM, 0, 3, 0},
    {"ditarik", LX_PROBLEM, 0, 1, 0},
    {"bayar", LX_PROBLEM, 0, 1, 0},
    {"dimintai", LX_PROBLEM, 0, 2, 0},
    {"sengketa", LX_PROBLEM, 0, 2, 0},
    {"penggusuran", LX_PROBLEM, 0, 3, 0},
    {"digusur", LX_PROBLEM, 0, 3, 0},
    {"tenggelam", LX_PROBLEM, 0, 2, 0},
    {"abrasi", LX_PROBLEM, 0, 3, 0},
    {"erosi", LX_PROBLEM, 0, 3, 0},
    {"puso", LX_PROBLEM, 0, 3, 0},
    {"gagal", LX_PROBLEM, 0, 2, 0},
    {"hama", LX_PROBLEM, 0, 2, 0},
    {"tercecer", LX_PROBLEM, 0, 2, 0},
    {"menumpuk", LX_PROBLEM, 0, 2, 0},
    {"numpuk", LX_PROBLEM, 0, 2, 0},
    {"berserakan", LX_PROBLEM, 0, 2, 0},
    {"sembarangan", LX_PROBLEM, 0, 2, 0},
    {"jarang", LX_PROBLEM, 0, 1, 0},
    {"lama", LX_PROBLEM, 0, 1, 0},
    {"bertahun", LX_PROBLEM, 0, 1, 0},
    {"berbulan", LX_PROBLEM, 0, 1, 0},
    {"berminggu", LX_PROBLEM, 0, 1, 0},
    {"mogok", LX_PROBLEM, 0, 2, 0},
    {"kasar", LX_PROBLEM, 0, 2, 0},
    {"judes", LX_PROBLEM, 0, 2, 0},
    {"tebang", LX_PROBLEM, 0, 1, 0},
    {"tambal", LX_PROBLEM, 0, 1, 0},
    {"tidakada", LX_PROBLEM, 0, 1, 0},
    {"lapuk", LX_PROBLEM, 0, 3, 0},
    {"mengelupas", LX_PROBLEM, 0, 2, 0},
    {"ngelupas", LX_PROBLEM, 0, 2, 0},
    {"basi", LX_PROBLEM, 0, 2, 0},
    {"ketus", LX_PROBLEM, 0, 2, 0},
    {"marah", LX_PROBLEM, 0, 1, 0},
    {"miring", LX_PROBLEM, 0, 2, 0},
    {"kosong", LX_PROBLEM, 0, 1, 0},
    {"semrawut", LX_PROBLEM, 0, 2, 0},
    {"menggunung", LX_PROBLEM, 0, 2, 0},
    {"meluap", LX_PROBLEM, 0, 3, 0},
    {"meluber", LX_PROBLEM, 0, 2, 0},
    {"terisolir", LX_PROBLEM, 0, 3, 0},
    {"terisolasi", LX_PROBLEM, 0, 3, 0},
    {"tertimbun", LX_PROBLEM, 0, 3, 0},
    {"karatan", LX_PROBLEM, 0, 2, 0},
    {"menjuntai", LX_PROBLEM, 0, 2, 0},
    {"gundul", LX_PROBLEM, 0, 2, 0},
    {"keracunan", LX_PROBLEM, 0, 3, 0},
    {"dipaksa", LX_PROBLEM, 0, 2, 0},
    {"disuruh", LX_PROBLEM, 0, 1, 0},
    {"amplop", LX_PROBLEM, 0, 2, 0},
    {"janji", LX_PROBLEM, 0, 1, 0},
    {"mencemari", LX_PROBLEM, 0, 3, 0},
    {"kemalingan", LX_PROBLEM, 0, 3, 0},
    /* Javanese */
    {"jugrug", LX_PROBLEM, JV, 3, 0},
    {"reget", LX_PROBLEM, JV, 3, 0},
    {"mambu", LX_PROBLEM, JV, 3, 0},
    {"peteng", LX_PROBLEM, JV, 2, 0},
    {"larang", LX_PROBLEM, JV, 2, 0},
    {"angel", LX_PROBLEM, JV, 1, 0},
    {"suwe", LX_PROBLEM, JV, 1, 0},
    {"suwi", LX_PROBLEM, JV, 1, 0},
    {"kesuwen", LX_PROBLEM, JV, 2, 0},
    {"uwuh", LX_PROBLEM | LX_OBJECT, JV, 3, 0},
    {"resik", LX_PROBLEM, JV, 1, 0},
    {"ajur", LX_PROBLEM, JV, 3, 0},
    {"remuk", LX_PROBLEM, JV, 3, 0},
    {"bubrah", LX_PROBLEM, JV, 3, 0},
    {"tugel", LX_PROBLEM, JV, 2, 0},
    {"pedhot", LX_PROBLEM, JV, 2, 0},
    {"pedot", LX_PROBLEM, JV, 2, 0},
    {"kangelan", LX_PROBLEM, JV, 2, 0},
    {"dijaluki", LX_PROBLEM, JV, 3, 0},
    {"risak", LX_PROBLEM, JV, 3, 0},
    {"awon", LX_PROBLEM, JV, 2, 0},
    {"elek", LX_PROBLEM, JV, 2, 0},
    {"kebak", LX_PROBLEM, JV, 1, 0},
    {"rusake", LX_PROBLEM, JV, 3, 0},
    {"pejah", LX_PROBLEM, JV, 2, 0},
    {"butek", LX_PROBLEM, JV, 3, 0},
    {"buthek", LX_PROBLEM, JV, 3, 0},
    {"bosok", LX_PROBLEM, JV, 3, 0},
    {"mili", LX_PROBLEM, JV, 1, 0},
    {"kenek", LX_PROBLEM, JV, 1, 0},
    /* English */
    {"broken", LX_PROBLEM, EN, 3, 0},
    {"damaged", LX_PROBLEM, EN, 3, 0},
    {"damage", LX_PROBLEM, EN, 2, 0},
    {"pothole", LX_PROBLEM, EN, 3, 0},
    {"potholes", LX_PROBLEM, EN, 3, 0},
    {"flood", LX_PROBLEM, EN, 3, 0},
    {"flooding", LX_PROBLEM, EN, 3, 0},
    {"flooded", LX_PROBLEM, EN, 3, 0},
    {"garbage", LX_PROBLEM, EN, 3, 0},
    {"trash", LX_PROBLEM, EN, 3, 0},
    {"rubbish", LX_PROBLEM, EN, 3, 0},
    {"waste", LX_PROBLEM, EN, 2, 0},
    {"dirty", LX_PROBLEM, EN, 2, 0},
    {"leak", LX_PROBLEM, EN, 3, 0},
    {"leaking", LX_PROBLEM, EN, 3, 0},
    {"blackout", LX_PROBLEM, EN, 3, 0},
    {"outage", LX_PROBLEM, EN, 3, 0},
    {"corruption", LX_PROBLEM, EN, 3, 0},
    {"bribe", LX_PROBLEM, EN, 3, 0},
    {"bribery", LX_PROBLEM, EN, 3, 0},
    {"illegal", LX_PROBLEM, EN, 3, 0},
    {"levy", LX_PROBLEM, EN, 2, 0},
    {"levies", LX_PROBLEM, EN, 2, 0},
    {"collapsed", LX_PROBLEM, EN, 3, 0},
    {"landslide", LX_PROBLEM, EN, 3, 0},
    {"smell", LX_PROBLEM, EN, 2, 0},
    {"smells", LX_PROBLEM, EN, 2, 0},
    {"stinks", LX_PROBLEM, EN, 3, 0},
    {"pollution", LX_PROBLEM, EN, 3, 0},
    {"polluted", LX_PROBLEM, EN, 3, 0},
    {"dark", LX_PROBLEM, EN, 2, 0},
    {"dangerous", LX_PROBLEM, EN, 3, 0},
    {"unsafe", LX_PROBLEM, EN, 3, 0},
    {"problem", LX_PROBLEM, EN, 2, 0},
    {"problems", LX_PROBLEM, EN, 2, 0},
    {"issue", LX_PROBLEM, EN, 1, 0},
    {"blocked", LX_PROBLEM, EN, 3, 0},
    {"clogged", LX_PROBLEM, EN, 3, 0},
    {"fallen", LX_PROBLEM, EN, 2, 0},
    {"dead", LX_PROBLEM, EN, 2, 0},
    {"poor", LX_PROBLEM, EN, 2, 0},
    {"bad", LX_PROBLEM, EN, 2, 0},
    {"terrible", LX_PROBLEM, EN, 3, 0},
    {"delayed", LX_PROBLEM, EN, 2, 0},
    {"expensive", LX_PROBLEM, EN, 2, 0},
    {"stolen", LX_PROBLEM, EN, 2, 0},
    {"dumping", LX_PROBLEM, EN, 2, 0},
    {"rude", LX_PROBLEM, EN, 2, 0},
    {"months", LX_PROBLEM, EN, 1, 0},
    {"years", LX_PROBLEM, EN, 1, 0},
};

/* Asking for action, in a complaint. */
static const struct fixed_word w_action[] = {
    {"diperbaiki", LX_ACTION, 0, 2, 0},
    {"perbaiki", LX_ACTION, 0, 2, 0},
    {"perbaikan", LX_ACTION, 0, 1, 0},
    {"memperbaiki", LX_ACTION, 0, 2, 0},
    {"ditindaklanjuti", LX_ACTION, 0, 2, 0},
    {"tindaklanjuti", LX_ACTION, 0, 2, 0},
    {"ditangani", LX_ACTION, 0, 2, 0},
    {"tangani", LX_ACTION, 0, 2, 0},
    {"penanganan", LX_ACTION, 0, 2, 0},
    {"dibenahi", LX_ACTION, 0, 2, 0},
    {"benahi", LX_ACTION, 0, 2, 0},
    {"diperhatikan", LX_ACTION, 0, 2, 0},
    {"perhatikan", LX_ACTION, 0, 2, 0},
    {"perhatian", LX_ACTION, 0, 1, 0},
    {"ditindak", LX_ACTION, 0, 2, 0},
    {"tindak", LX_ACTION | LX_PROGRESS, 0, 1, 0},
    {"diusut", LX_ACTION, 0, 2, 0},
    {"usut", LX_ACTION, 0, 2, 0},
    {"diselidiki", LX_ACTION, 0, 2, 0},
    {"diselesaikan", LX_ACTION, 0, 2, 0},
    {"selesaikan", LX_ACTION, 0, 2, 0},
    {"dibangun", LX_ACTION, 0, 1, 0},
    {"pembangunan", LX_ACTION | LX_OBJECT, 0, 1, 0},
    {"diaspal", LX_ACTION, 0, 2, 0},
    {"aspal", LX_OBJECT, 0, 1, 0},
    {"dicor", LX_ACTION, 0, 2, 0},
    {"dibersihkan", LX_ACTION, 0, 2, 0},
    {"bersihkan", LX_ACTION, 0, 2, 0},
    {"dikeruk", LX_ACTION, 0, 2, 0},
    {"diangkut", LX_ACTION, 0, 2, 0},
    {"dipasang", LX_ACTION, 0, 1, 0},
    {"pasang", LX_ACTION, 0, 1, 0},
    {"ditinjau", LX_ACTION, 0, 2, 0},
    {"tinjau", LX_ACTION, 0, 2, 0},
    {"sidak", LX_ACTION, 0, 2, 0},
    {"dievaluasi", LX_ACTION, 0, 2, 0},
    {"evaluasi", LX_ACTION, 0, 1, 0},
    {"ditertibkan", LX_ACTION, 0, 2, 0},
    {"tertibkan", LX_ACTION, 0, 2, 0},
    {"diganti", LX_ACTION, 0, 2, 0},
    {"segera", LX_ACTION, 0, 2, 0},
    {"secepatnya", LX_ACTION, 0, 2, 0},
    {"solusi", LX_ACTION, 0, 2, 0},
    {"diberantas", LX_ACTION, 0, 3, 0},
    {"berantas", LX_ACTION, 0, 3, 0},
    {"dihentikan", LX_ACTION, 0, 2, 0},
    {"hentikan", LX_ACTION | LX_CANCEL, 0, 2, 0},
    {"stopkan", LX_CANCEL, 0, 0, 0},
    {"berhentikan", LX_CANCEL, 0, 0, 0},
    {"ditutup", LX_ACTION, 0, 2, 0},
    {"disediakan", LX_ACTION, 0, 1, 0},
    {"ditambah", LX_ACTION, 0, 1, 0},
    {"dinormalisasi", LX_ACTION, 0, 2, 0},
    {"normalisasi", LX_ACTION, 0, 2, 0},
    {"dilebarkan", LX_ACTION, 0, 2, 0},
    {"ditebang", LX_ACTION, 0, 2, 0},
    {"dipangkas", LX_ACTION, 0, 2, 0},
    {"dicairkan", LX_ACTION, 0, 2, 0},
    {"diaudit", LX_ACTION, 0, 2, 0},
    {"diperiksa", LX_ACTION, 0, 2, 0},
    {"periksa", LX_ACTION, 0, 1, 0},
    {"transparan", LX_ACTION, 0, 1, 0},
    {"transparansi", LX_ACTION, 0, 1, 0},
    {"merata", LX_ACTION, 0, 1, 0},
    {"adil", LX_ACTION, 0, 1, 0},
    {"tegas", LX_ACTION, 0, 1, 0},
    {"ditegur", LX_ACTION, 0, 2, 0},
    {"diproses", LX_ACTION | LX_PROGRESS, 0, 1, 0},
    /* Javanese */
    {"didandani", LX_ACTION, JV, 2, 0},
    {"dandani", LX_ACTION, JV, 2, 0},
    {"ndandani", LX_ACTION, JV, 2, 0},
    {"dibenakke", LX_ACTION, JV, 2, 0},
    {"diresiki", LX_ACTION, JV, 2, 0},
    {"resiki", LX_ACTION, JV, 2, 0},
    {"diatasi", LX_ACTION, 0, 2, 0},
    {"atasi", LX_ACTION, 0, 2, 0},
    {"digatekke", LX_ACTION, JV, 2, 0},
    {"digatosaken", LX_ACTION, JV, 2, 0},
    {"dipundandosi", LX_ACTION, JV, 2, 0},
    {"dandosi", LX_ACTION, JV, 2, 0},
    {"dipunbenahi", LX_ACTION, JV, 2, 0},
    {"ndang", LX_ACTION, JV, 1, 0},
    {"enggal", LX_ACTION, JV, 1, 0},
    /* English */
    {"fix", LX_ACTION, EN, 2, 0},
    {"fixed", LX_ACTION, EN, 2, 0},
    {"repair", LX_ACTION, EN, 2, 0},
    {"repaired", LX_ACTION, EN, 2, 0},
    {"clean", LX_ACTION, EN, 1, 0},
    {"solve", LX_ACTION, EN, 2, 0},
    {"action", LX_ACTION, EN, 1, 0},
    {"investigate", LX_ACTION, EN, 2, 0},
    {"asap", LX_ACTION, 0, 1, 0},
};

/* What complaints are about, and where. */
static const struct fixed_word w_object[] = {
    {"jalan", LX_OBJECT, 0, 1, 0},
    {"jalannya", LX_OBJECT, 0, 1, 0},
    {"dalan", LX_OBJECT, JV, 1, 0},
    {"dalane", LX_OBJECT, JV, 1, 0},
    {"margi", LX_OBJECT, JV, 1, 0},
    {"ratan", LX_OBJECT, JV, 1, 0},
    {"road", LX_OBJECT, EN, 1, 0},
    {"roads", LX_OBJECT, EN, 1, 0},
    {"street", LX_OBJECT, EN, 1, 0},
    {"jembatan", LX_OBJECT, 0, 1, 0},
    {"kreteg", LX_OBJECT, JV, 1, 0},
    {"bridge", LX_OBJECT, EN, 1, 0},
    {"lampu", LX_OBJECT, 0, 1, 0},
    {"lampune", LX_OBJECT, JV, 1, 0},
    {"light", LX_OBJECT, EN, 1, 0},
    {"lights", LX_OBJECT, EN, 1, 0},
    {"pju", LX_OBJECT, 0, 1, 0},
    {"penerangan", LX_OBJECT, 0, 1, 0},
    {"air", LX_OBJECT, 0, 1, 0},
    {"banyu", LX_OBJECT, JV, 1, 0},
    {"toya", LX_OBJECT, JV, 1, 0},
    {"toyo", LX_OBJECT, JV, 1, 0},
    {"water", LX_OBJECT, EN, 1, 0},
    {"pdam", LX_OBJECT, 0, 1, 0},
    {"sumur", LX_OBJECT, 0, 1, 0},
    {"listrik", LX_OBJECT, 0, 1, 0},
    {"pln", LX_OBJECT, 0, 1, 0},
    {"electricity", LX_OBJECT, EN, 1, 0},
    {"sekolah", LX_OBJECT, 0, 1, 0},
    {"sekolahan", LX_OBJECT, JV, 1, 0},
    {"school", LX_OBJECT, EN, 1, 0},
    {"guru", LX_OBJECT, 0, 1, 0},
    {"teacher", LX_OBJECT, EN, 1, 0},
    {"murid", LX_OBJECT, 0, 1, 0},
    {"siswa", LX_OBJECT, 0, 1, 0},
    {"sd", LX_OBJECT, 0, 1, 0},
    {"sdn", LX_OBJECT, 0, 1, 0},
    {"smp", LX_OBJECT, 0, 1, 0},
    {"smpn", LX_OBJECT, 0, 1, 0},
    {"sma", LX_OBJECT, 0, 1, 0},
    {"sman", LX_OBJECT, 0, 1, 0},
    {"smk", LX_OBJECT, 0, 1, 0},
    {"smkn", LX_OBJECT, 0, 1, 0},
    {"mts", LX_OBJECT, 0, 1, 0},
    {"pesantren", LX_OBJECT, 0, 1, 0},
    {"puskesmas", LX_OBJECT, 0, 1, 0},
    {"pustu", LX_OBJECT, 0, 1, 0},
    {"polindes", LX_OBJECT, 0, 1, 0},
    {"posyandu", LX_OBJECT, 0, 1, 0},
    {"bidan", LX_OBJECT, 0, 1, 0},
    {"dokter", LX_OBJECT, 0, 1, 0},
    {"doctor", LX_OBJECT, EN, 1, 0},
    {"perawat", LX_OBJECT, 0, 1, 0},
    {"rumah", LX_OBJECT, 0, 1, 0},
    {"sakit", LX_OBJECT | LX_PROBLEM, 0, 1, 0},
    {"rsud", LX_OBJECT, 0, 1, 0},
    {"rs", LX_OBJECT, 0, 1, 0},
    {"hospital", LX_OBJECT, EN, 1, 0},
    {"klinik", LX_OBJECT, 0, 1, 0},
    {"obat", LX_OBJECT, 0, 1, 0},
    {"ambulans", LX_OBJECT, 0, 1, 0},
    {"ambulance", LX_OBJECT, EN, 1, 0},
    {"bpjs", LX_OBJECT, 0, 1, 0},
    {"kis", LX_OBJECT, 0, 1, 0},
    {"kip", LX_OBJECT, 0, 1, 0},
    {"jkn", LX_OBJECT, 0, 1, 0},
    {"bansos", LX_OBJECT, 0, 1, 0},
    {"blt", LX_OBJECT, 0, 1, 0},
    {"pkh", LX_OBJECT, 0, 1, 0},
    {"bpnt", LX_OBJECT, 0, 1, 0},
    {"sembako", LX_OBJECT, 0, 1, 0},
    {"beras", LX_OBJECT, 0, 1, 0},
    {"raskin", LX_OBJECT, 0, 1, 0},
    {"subsidi", LX_OBJECT, 0, 1, 0},
    {"pupuk", LX_OBJECT, 0, 1, 0},
    {"irigasi", LX_OBJECT, 0, 1, 0},
    {"sawah", LX_OBJECT, 0, 1, 0},
    {"petani", LX_OBJECT, 0, 1, 0},
    {"tani", LX_OBJECT, 0, 1, 0},
    {"panen", LX_OBJECT, 0, 1, 0},
    {"selokan", LX_OBJECT, 0, 1, 0},
    {"got", LX_OBJECT, 0, 1, 0},
    {"drainase", LX_OBJECT, 0, 1, 0},
    {"saluran", LX_OBJECT, 0, 1, 0},
    {"gorong", LX_OBJECT, 0, 1, 0},
    {"parit", LX_OBJECT, 0, 1, 0},
    {"sungai", LX_OBJECT, 0, 1, 0},
    {"kali", LX_OBJECT, 0, 1, 0},
    {"tanggul", LX_OBJECT, 0, 1, 0},
    {"bendungan", LX_OBJECT, 0, 1, 0},
    {"waduk", LX_OBJECT, 0, 1, 0},
    {"trotoar", LX_OBJECT, 0, 1, 0},
    {"pasar", LX_OBJECT, 0, 1, 0},
    {"pedagang", LX_OBJECT, 0, 1, 0},
    {"parkir", LX_OBJECT, 0, 1, 0},
    {"angkot", LX_OBJECT, 0, 1, 0},
    {"angkutan", LX_OBJECT, 0, 1, 0},
    {"bus", LX_OBJECT, 0, 1, 0},
    {"terminal", LX_OBJECT, 0, 1, 0},
    {"ktp", LX_OBJECT, 0, 1, 0},
    {"ektp", LX_OBJECT, 0, 1, 0},
    {"kk", LX_OBJECT, 0, 1, 0},
    {"akta", LX_OBJECT, 0, 1, 0},
    {"dukcapil", LX_OBJECT, 0, 1, 0},
    {"kades", LX_OBJECT, 0, 1, 0},
    {"lurah", LX_OBJECT, 0, 1, 0},
    {"camat", LX_OBJECT, 0, 1, 0},
    {"perangkat", LX_OBJECT, 0, 1, 0},
    {"warga", LX_OBJECT, 0, 1, 0},
    {"masyarakat", LX_OBJECT, 0, 1, 0},
    {"lingkungan", LX_OBJECT, 0, 1, 0},
    {"pohon", LX_OBJECT, 0, 1, 0},
    {"tanah", LX_OBJECT, 0, 1, 0},
    {"lahan", LX_OBJECT, 0, 1, 0},
    {"sertifikat", LX_OBJECT, 0, 1, 0},
    {"pajak", LX_OBJECT, 0, 1, 0},
    {"pbb", LX_OBJECT, 0, 1, 0},
    {"retribusi", LX_OBJECT, 0, 1, 0},
    {"izin", LX_OBJECT, 0, 1, 0},
    {"perizinan", LX_OBJECT, 0, 1, 0},
    {"pabrik", LX_OBJECT, 0, 1, 0},
    {"tambang", LX_OBJECT, 0, 1, 0},
    {"galian", LX_OBJECT, 0, 1, 0},
    {"truk", LX_OBJECT, 0, 1, 0},
    {"polisi", LX_OBJECT, 0, 1, 0},
    {"satpol", LX_OBJECT, 0, 1, 0},
    {"buruh", LX_OBJECT, 0, 1, 0},
    {"pekerja", LX_OBJECT, 0, 1, 0},
    {"upah", LX_OBJECT, 0, 1, 0},
    {"umk", LX_OBJECT, 0, 1, 0},
    {"gaji", LX_OBJECT, 0, 1, 0},
    {"honorer", LX_OBJECT, 0, 1, 0},
    {"lowongan", LX_OBJECT, 0, 1, 0},
    {"makam", LX_OBJECT, 0, 1, 0},
    {"kuburan", LX_OBJECT, 0, 1, 0},
    {"masjid", LX_OBJECT, 0, 1, 0},
    {"musholla", LX_OBJECT, 0, 1, 0},
    {"lapangan", LX_OBJECT, 0, 1, 0},
    {"taman", LX_OBJECT, 0, 1, 0},
    {"zonasi", LX_OBJECT, 0, 1, 0},
    {"ppdb", LX_OBJECT, 0, 1, 0},
    {"beasiswa", LX_OBJECT, 0, 1, 0},
    {"seragam", LX_OBJECT, 0, 1, 0},
    {"spp", LX_OBJECT, 0, 1, 0},
    {"kereta", LX_OBJECT, 0, 1, 0},
    {"perlintasan", LX_OBJECT, 0, 1, 0},
    {"rambu", LX_OBJECT, 0, 1, 0},
    {"kabel", LX_OBJECT, 0, 1, 0},
    {"tiang", LX_OBJECT, 0, 1, 0},
    {"tps", LX_OBJECT, 0, 1, 0},
    {"tpa", LX_OBJECT, 0, 1, 0},
    {"pelayanan", LX_OBJECT, 0, 1, 0},
    {"petugas", LX_OBJECT, 0, 1, 0},
    {"pegawai", LX_OBJECT, 0, 1, 0},
    {"pejabat", LX_OBJECT, 0, 1, 0},
    {"dinas", LX_OBJECT, 0, 1, 0},
    {"pemda", LX_OBJECT, 0, 1, 0},
    {"pemkab", LX_OBJECT, 0, 1, 0},
    {"bupati", LX_OBJECT, 0, 1, 0},
    {"proyek", LX_OBJECT, 0, 1, 0},
    {"sinyal", LX_OBJECT, 0, 1, 0},
    {"internet", LX_OBJECT, 0, 1, 0},
    {"elpiji", LX_OBJECT, 0, 1, 0},
    {"lpg", LX_OBJECT, 0, 1, 0},
    {"gas", LX_OBJECT, 0, 1, 0},
    {"bbm", LX_OBJECT, 0, 1, 0},
    {"solar", LX_OBJECT, 0, 1, 0},
    {"harga", LX_OBJECT, 0, 1, 0},
    {"uang", LX_OBJECT, 0, 1, 0},
    {"ternak", LX_OBJECT, 0, 1, 0},
    {"keluarga", LX_OBJECT, 0, 1, 0},
    {"anak", LX_OBJECT, 0, 1, 0},
    {"lansia", LX_OBJECT, 0, 1, 0},
    {"disabilitas", LX_OBJECT, 0, 1, 0},
    {"difabel", LX_OBJECT, 0, 1, 0},
    {"paving", LX_OBJECT, 0, 1, 0},
    {"plengsengan", LX_OBJECT, JV, 1, 0},
    {"lereng", LX_OBJECT, 0, 1, 0},
    {"pembuangan", LX_OBJECT, 0, 1, 0},
    {"village", LX_OBJECT | LX_PLACE, EN, 1, 0},
    {"drain", LX_OBJECT, EN, 1, 0},
    {"river", LX_OBJECT, EN, 1, 0},
    {"market", LX_OBJECT, EN, 1, 0},
    {"house", LX_OBJECT, EN, 1, 0},
    {"omah", LX_OBJECT, JV, 1, 0},
    {"griya", LX_OBJECT, JV, 1, 0},
    {"bantuan", LX_OBJECT, 0, 1, 0},
    /* where */
    {"desa", LX_PLACE, 0, 1, 0},
    {"dusun", LX_PLACE, 0, 1, 0},
    {"dukuh", LX_PLACE, 0, 1, 0},
    {"kelurahan", LX_PLACE, 0, 1, 0},
    {"kecamatan", LX_PLACE, 0, 1, 0},
    {"kota", LX_PLACE, 0, 1, 0},
    {"rt", LX_PLACE, 0, 1, 0},
    {"rw", LX_PLACE, 0, 1, 0},
    {"gang", LX_PLACE, 0, 1, 0},
    {"perumahan", LX_PLACE, 0, 1, 0},
    {"perum", LX_PLACE, 0, 1, 0},
    {"kampung", LX_PLACE, 0, 1, 0},
    {"wilayah", LX_PLACE, 0, 1, 0},
    {"daerah", LX_PLACE, 0, 1, 0},
    {"sekitar", LX_PLACE, 0, 1, 0},
    {"depan", LX_PLACE, 0, 1, 0},
    {"belakang", LX_PLACE, 0, 1, 0},
    {"samping", LX_PLACE, 0, 1, 0},
    {"dekat", LX_PLACE, 0, 1, 0},
    {"sebelah", LX_PLACE, 0, 1, 0},
    {"pertigaan", LX_PLACE, 0, 1, 0},
    {"perempatan", LX_PLACE, 0, 1, 0},
    {"tikungan", LX_PLACE, 0, 1, 0},
    {"ngarep", LX_PLACE, JV, 1, 0},
    {"ngajeng", LX_PLACE, JV, 1, 0},
    {"cedhak", LX_PLACE, JV, 1, 0},
    {"caket", LX_PLACE, JV, 1, 0},
    {"near", LX_PLACE, EN, 1, 0},
    /* the kecamatan of the regency */
    {"sooko", LX_PLACE, 0, 1, 0},
    {"trowulan", LX_PLACE, 0, 1, 0},
    {"mojosari", LX_PLACE, 0, 1, 0},
    {"pacet", LX_PLACE, 0, 1, 0},
    {"ngoro", LX_PLACE, 0, 1, 0},
    {"jetis", LX_PLACE, 0, 1, 0},
    {"gedeg", LX_PLACE, 0, 1, 0},
    {"dlanggu", LX_PLACE, 0, 1, 0},
    {"bangsal", LX_PLACE, 0, 1, 0},
    {"puri", LX_PLACE, 0, 1, 0},
    {"kemlagi", LX_PLACE, 0, 1, 0},
    {"kutorejo", LX_PLACE, 0, 1, 0},
    {"pungging", LX_PLACE, 0, 1, 0},
    {"trawas", LX_PLACE, 0, 1, 0},
    {"gondang", LX_PLACE, 0, 1, 0},
    {"jatirejo", LX_PLACE, 0, 1, 0},
    {"dawarblandong", LX_PLACE, 0, 1, 0},
    {"mojoanyar", LX_PLACE, 0, 1, 0},
};

/* Sessions, time, questions, how-to, tickets and their progress, languages. */
static const struct fixed_word w_ask[] = {
    {"rapat", LX_SESSION, ID, 0, 0},
    {"rapate", LX_SESSION, JV, 0, 0},
    {"sidang", LX_SESSION, ID, 0, 0},
    {"paripurna", LX_SESSION, 0, 0, 0},
    {"reses", LX_SESSION, 0, 0, 0},
    {"hearing", LX_SESSION, 0, 0, 0},
    {"rdp", LX_SESSION, 0, 0, 0},
    {"dengar", LX_SESSION, ID, 0, 0},
    {"pendapat", LX_SESSION, ID, 0, 0},
    {"agenda", LX_SESSION, 0, 0, 0},
    {"jadwal", LX_SESSION, ID, 0, 0},
    {"jadwale", LX_SESSION, JV, 0, 0},
    {"acara", LX_SESSION, 0, 0, 0},
    {"kegiatan", LX_SESSION, ID, 0, 0},
    {"pertemuan", LX_SESSION, ID, 0, 0},
    {"musyawarah", LX_SESSION, ID, 0, 0},
    {"banmus", LX_SESSION, 0, 0, 0},
    {"bamus", LX_SESSION, 0, 0, 0},
    {"banggar", LX_SESSION, 0, 0, 0},
    {"komisi", LX_SESSION, 0, 0, 0},
    {"pansus", LX_SESSION, 0, 0, 0},
    {"kunjungan", LX_SESSION, ID, 0, 0},
    {"kunker", LX_SESSION, 0, 0, 0},
    {"audiensi", LX_SESSION, 0, 0, 0},
    {"meeting", LX_SESSION, EN, 0, 0},
    {"meetings", LX_SESSION, EN, 0, 0},
    {"session", LX_SESSION, EN, 0, 0},
    {"sessions", LX_SESSION, EN, 0, 0},
    {"plenary", LX_SESSION, EN, 0, 0},
    {"schedule", LX_SESSION, EN, 0, 0},
    {"pelantikan", LX_SESSION, ID, 0, 0},
    {"pembahasan", LX_SESSION, ID, 0, 0},
    {"dibahas", LX_SESSION, ID, 0, 0},

    {"kapan", LX_WHEN | LX_QUESTION, 0, 0, 0},
    {"jam", LX_WHEN, 0, 0, 0},
    {"pukul", LX_WHEN, ID, 0, 0},
    {"tanggal", LX_WHEN, ID, 0, 0},
    {"hari", LX_WHEN, ID, 0, 0},
    {"besok", LX_WHEN, ID, 0, 0},
    {"besuk", LX_WHEN, JV, 0, 0},
    {"sesuk", LX_WHEN, JV, 0, 0},
    {"mbenjing", LX_WHEN, JV, 0, 0},
    {"benjing", LX_WHEN, JV, 0, 0},
    {"lusa", LX_WHEN, ID, 0, 0},
    {"minggu", LX_WHEN, 0, 0, 0},
    {"pekan", LX_WHEN, ID, 0, 0},
    {"bulan", LX_WHEN, ID, 0, 0},
    {"today", LX_WHEN, EN, 0, 0},
    {"tomorrow", LX_WHEN, EN, 0, 0},
    {"week", LX_WHEN, EN, 0, 0},
    {"when", LX_WHEN | LX_QUESTION, EN, 0, 0},
    {"time", LX_WHEN, EN, 0, 0},
    {"nanti", LX_WHEN, ID, 0, 0},
    {"saiki", LX_WHEN, JV, 0, 0},
    {"dino", LX_WHEN, JV, 0, 0},
    {"dinten", LX_WHEN, JV, 0, 0},
    {"wekdal", LX_WHEN, JV, 0, 0},
    {"senin", LX_WHEN, 0, 0, 0},
    {"selasa", LX_WHEN, 0, 0, 0},
    {"rabu", LX_WHEN, 0, 0, 0},
    {"kamis", LX_WHEN, 0, 0, 0},
    {"jumat", LX_WHEN, 0, 0, 0},
    {"sabtu", LX_WHEN, 0, 0, 0},
    {"ahad", LX_WHEN, 0, 0, 0},
    {"depan", LX_WHEN, 0, 0, 0},

    {"berapa", LX_QUESTION, ID, 0, 0},
    {"apa", LX_QUESTION, ID, 0, 0},
    {"apakah", LX_QUESTION, ID, 0, 0},
    {"siapa", LX_QUESTION, ID, 0, 0},
    {"siapakah", LX_QUESTION, ID, 0, 0},
    {"dimana", LX_QUESTION, ID, 0, 0},
    {"mana", LX_QUESTION, ID, 0, 0},
    {"bagaimana", LX_QUESTION, ID, 0, 0},
    {"kenapa", LX_QUESTION, ID, 0, 0},
    {"mengapa", LX_QUESTION, ID, 0, 0},
    {"tahu", LX_QUESTION, ID, 0, 0},
    {"tau", LX_QUESTION, ID, 0, 0},
    {"pertanyaan", LX_QUESTION, ID, 0, 0},
    {"pitakon", LX_QUESTION, JV, 0, 0},
    {"question", LX_QUESTION, EN, 0, 0},
    {"pripun", LX_QUESTION, JV, 0, 0},
    {"piye", LX_QUESTION, JV, 0, 0},
    {"kepiye", LX_QUESTION, JV, 0, 0},
    {"sinten", LX_QUESTION, JV, 0, 0},
    {"pinten", LX_QUESTION, JV, 0, 0},
    {"pira", LX_QUESTION, JV, 0, 0},
    {"endi", LX_QUESTION, JV, 0, 0},
    {"ngendi", LX_QUESTION, JV, 0, 0},
    {"pundi", LX_QUESTION, JV, 0, 0},
    {"opo", LX_QUESTION, JV, 0, 0},
    {"napa", LX_QUESTION, JV, 0, 0},
    {"nopo", LX_QUESTION, JV, 0, 0},
    {"menapa", LX_QUESTION, JV, 0, 0},
    {"punapa", LX_QUESTION, JV, 0, 0},
    {"pirsa", LX_QUESTION, JV, 0, 0},
    {"ngertos", LX_QUESTION, JV, 0, 0},
    {"ngerti", LX_QUESTION, JV, 0, 0},
    {"what", LX_QUESTION, EN, 0, 0},
    {"who", LX_QUESTION, EN, 0, 0},
    {"where", LX_QUESTION, EN, 0, 0},
    {"how", LX_QUESTION | LX_HOWTO, EN, 0, 0},
    {"much", LX_QUESTION, EN, 0, 0},
    {"many", LX_QUESTION, EN, 0, 0},
    {"which", LX_QUESTION, EN, 0, 0},
    {"why", LX_QUESTION, EN, 0, 0},

    {"cara", LX_HOWTO, ID, 0, 0},
    {"caranya", LX_HOWTO, ID, 0, 0},
    {"carane", LX_HOWTO, JV, 0, 0},
    {"format", LX_HOWTO, 0, 0, 0},
    {"formatnya", LX_HOWTO, ID, 0, 0},
    {"tutorial", LX_HOWTO, 0, 0, 0},
    {"prosedur", LX_HOWTO, ID, 0, 0},
    {"syarat", LX_HOWTO, ID, 0, 0},
    {"kode", LX_HOWTO | LX_TICKET, ID, 0, 0},
    {"perintah", LX_HOWTO, ID, 0, 0},
    {"command", LX_HOWTO, EN, 0, 0},
    {"contoh", LX_HOWTO, ID, 0, 0},
    {"ketik", LX_HOWTO, ID, 0, 0},
    {"use", LX_HOWTO | LX_CHANGE, EN, 0, 0},
    {"fitur", LX_HOWTO, ID, 0, 0},
    {"instructions", LX_HOWTO, EN, 0, 0},
    {"pitedah", LX_HOWTO, JV, 0, 0},
    {"keyword", LX_HOWTO, 0, 0, 0},

    {"tiket", LX_TICKET, ID, 0, 0},
    {"ticket", LX_TICKET, EN, 0, 0},
    {"resi", LX_TICKET, ID, 0, 0},
    {"code", LX_TICKET, EN, 0, 0},
    {"aduan", LX_REPORTED, 0, 0, 0},
    {"laporan", LX_REPORTED, 0, 0, 0},
    {"laporanku", LX_REPORTED, 0, 0, 0},
    {"pengaduan", LX_REPORTED, 0, 0, 0},
    {"keluhan", LX_REPORTED, 0, 0, 0},
    {"komplain", LX_REPORTED, 0, 0, 0},
    {"wadulan", LX_REPORTED, 0, 0, 0},
    {"lapuran", LX_REPORTED, 0, 0, 0},
    {"complaint", LX_REPORTED, 0, 0, 0},
    {"report", LX_REPORTED, 0, 0, 0},
    {"usulan", LX_REPORTED, 0, 0, 0},
    {"proposal", LX_REPORTED, 0, 0, 0},
    {"kabar", LX_PROGRESS, ID, 0, 0},
    {"kabare", LX_PROGRESS, JV, 0, 0},
    {"perkembangan", LX_PROGRESS, ID, 0, 0},
    {"progres", LX_PROGRESS, ID, 0, 0},
    {"progress", LX_PROGRESS, EN, 0, 0},
    {"tindaklanjut", LX_PROGRESS, ID, 0, 0},
    {"lanjut", LX_PROGRESS, ID, 0, 0},
    {"kelanjutan", LX_PROGRESS, ID, 0, 0},
    {"kelanjutannya", LX_PROGRESS, ID, 0, 0},
    {"ditanggapi", LX_PROGRESS, ID, 0, 0},
    {"tanggapan", LX_PROGRESS, ID, 0, 0},
    {"direspon", LX_PROGRESS, ID, 0, 0},
    {"respon", LX_PROGRESS, ID, 0, 0},
    {"proses", LX_PROGRESS, ID, 0, 0},
    {"prosesnya", LX_PROGRESS, ID, 0, 0},
    {"sampai", LX_PROGRESS, ID, 0, 0},
    {"hasil", LX_PROGRESS, ID, 0, 0},
    {"hasilnya", LX_PROGRESS, ID, 0, 0},
    {"selesai", LX_PROGRESS, ID, 0, 0},
    {"sudah", LX_PROGRESS | LX_OPTOUT, ID, 0, 0},
    {"belum", LX_PROGRESS | LX_NEGATION, ID, 0, 0},
    {"dereng", LX_PROGRESS | LX_NEGATION, JV, 0, 0},
    {"durung", LX_PROGRESS | LX_NEGATION, JV, 0, 0},
    {"diterima", LX_PROGRESS, ID, 0, 0},
    {"dibaca", LX_PROGRESS, ID, 0, 0},
    {"update", LX_PROGRESS | LX_SUBSCRIBE, EN, 0, 0},
    {"posisi", LX_PROGRESS, ID, 0, 0},
    {"followup", LX_PROGRESS, EN, 0, 0},
    {"news", LX_PROGRESS, EN, 0, 0},
    {"kemarin", LX_PAST, ID, 0, 0},
    {"kemaren", LX_PAST, ID, 0, 0},
    {"wingi", LX_PAST, JV, 0, 0},
    {"lalu", LX_PAST, ID, 0, 0},
    {"tadi", LX_PAST, ID, 0, 0},
    {"sebelumnya", LX_PAST, ID, 0, 0},
    {"yesterday", LX_PAST, EN, 0, 0},
    {"last", LX_PAST, EN, 0, 0},
    {"ago", LX_PAST, EN, 0, 0},
    {"keterangan", LX_INFOWORD, ID, 0, 0},
    {"data", LX_INFOWORD, 0, 0, 0},
    {"penjelasan", LX_INFOWORD, ID, 0, 0},
    {"rincian", LX_INFOWORD, ID, 0, 0},
    {"detail", LX_INFOWORD, 0, 0, 0},
    {"daftar", LX_INFOWORD, 0, 0, 0},
    {"list", LX_INFOWORD, EN, 0, 0},
    {"tentang", LX_INFOWORD, ID, 0, 0},
    {"about", LX_INFOWORD, EN, 0, 0},
    {"ikut", LX_SUBSCRIBE | LX_FILLER, ID, 0, 0},
    {"nderek", LX_SUBSCRIBE | LX_FILLER, JV, 0, 0},
    {"melu", LX_SUBSCRIBE | LX_FILLER, JV, 0, 0},
    {"ikuti", LX_SUBSCRIBE, ID, 0, 0},
    {"gabung", LX_SUBSCRIBE, ID, 0, 0},
    {"bergabung", LX_SUBSCRIBE, ID, 0, 0},
    {"kabari", LX_SUBSCRIBE, ID, 0, 0},
    {"kabarin", LX_SUBSCRIBE, ID, 0, 0},
    {"kabarkan", LX_SUBSCRIBE, ID, 0, 0},
    {"rutin", LX_SUBSCRIBE, ID, 0, 0},
    {"setiap", LX_SUBSCRIBE, ID, 0, 0},
    {"tiap", LX_SUBSCRIBE, ID, 0, 0},
    {"notify", LX_SUBSCRIBE, EN, 0, 0},
    {"terbaru", LX_SUBSCRIBE, ID, 0, 0},
    {"menerima", LX_SUBSCRIBE | LX_OPTOUT, ID, 0, 0},
    {"dapat", LX_SUBSCRIBE | LX_OPTOUT, ID, 0, 0},
    {"dapatkan", LX_SUBSCRIBE, ID, 0, 0},
    {"receive", LX_SUBSCRIBE, EN, 0, 0},
    {"get", LX_SUBSCRIBE, EN, 0, 0},
    {"updates", LX_SUBSCRIBE, EN, 0, 0},

    {"indonesia", LX_LANGNAME, 0, 0, LANG_ID},
    {"indonesian", LX_LANGNAME, EN, 0, LANG_ID},
    {"indo", LX_LANGNAME, 0, 0, LANG_ID},
    {"ind", LX_LANGNAME, 0, 0, LANG_ID},
    {"id", LX_LANGNAME, 0, 0, LANG_ID},
    {"nasional", LX_LANGNAME, 0, 0, LANG_ID},
    {"jawa", LX_LANGNAME, 0, 0, LANG_JV},
    {"jowo", LX_LANGNAME, JV, 0, LANG_JV},
    {"jawi", LX_LANGNAME, JV, 0, LANG_JV},
    {"java", LX_LANGNAME, EN, 0, LANG_JV},
    {"javanese", LX_LANGNAME, EN, 0, LANG_JV},
    {"jv", LX_LANGNAME, 0, 0, LANG_JV},
    {"jw", LX_LANGNAME, 0, 0, LANG_JV},
    {"inggris", LX_LANGNAME, ID, 0, LANG_EN},
    {"ingris", LX_LANGNAME, ID, 0, LANG_EN},
    {"english", LX_LANGNAME, EN, 0, LANG_EN},
    {"eng", LX_LANGNAME, 0, 0, LANG_EN},
    {"en", LX_LANGNAME, 0, 0, LANG_EN},
    {"ganti", LX_CHANGE, ID, 0, 0},
    {"gantikan", LX_CHANGE, ID, 0, 0},
    {"ubah", LX_CHANGE, ID, 0, 0},
    {"pakai", LX_CHANGE | LX_HOWTO, ID, 0, 0},
    {"pake", LX_CHANGE | LX_HOWTO, ID, 0, 0},
    {"gunakan", LX_CHANGE | LX_HOWTO, ID, 0, 0},
    {"menggunakan", LX_CHANGE | LX_HOWTO, ID, 0, 0},
    {"nganggo", LX_CHANGE, JV, 0, 0},
    {"ngangge", LX_CHANGE, JV, 0, 0},
    {"ngagem", LX_CHANGE, JV, 0, 0},
    {"mawi", LX_CHANGE, JV, 0, 0},
    {"balas", LX_CHANGE, ID, 0, 0},
    {"bales", LX_CHANGE, ID, 0, 0},
    {"dibalas", LX_CHANGE, ID, 0, 0},
    {"reply", LX_CHANGE, EN, 0, 0},
    {"change", LX_CHANGE, EN, 0, 0},
    {"switch", LX_CHANGE, EN, 0, 0},
    {"set", LX_CHANGE, EN, 0, 0},
    {"dalam", LX_CHANGE, ID, 0, 0},
    {"ngoko", LX_LANGNAME, JV, 0, LANG_JV},
    {"krama", LX_LANGNAME, JV, 0, LANG_JV},
    {"kromo", LX_LANGNAME, JV, 0, LANG_JV},
};

/* Function words that only mark a language. */
static const struct fixed_word w_marker[] = {
    /* Indonesian */
    {"dan", 0, ID, 0, 0},
    {"di", 0, ID, 0, 0},
    {"itu", 0, ID, 0, 0},
    {"ada", 0, ID, 0, 0},
    {"dengan", 0, ID, 0, 0},
    {"karena", 0, ID, 0, 0},
    {"sangat", 0, ID, 0, 0},
    {"sekali", 0, ID, 0, 0},
    {"banyak", 0, ID, 0, 0},
    {"juga", 0, ID, 0, 0},
    {"tapi", 0, ID, 0, 0},
    {"atau", 0, ID, 0, 0},
    {"kalau", 0, ID, 0, 0},
    {"harus", 0, ID, 0, 0},
    {"sejak", 0, ID, 0, 0},
    {"masih", 0, ID, 0, 0},
    {"sudah", 0, ID, 0, 0},
    {"banget", 0, ID, 0, 0},
    {"jadi", LX_CHANGE, ID, 0, 0},
    {"menjadi", LX_CHANGE, ID, 0, 0},
    {"pada", 0, ID, 0, 0},
    {"oleh", 0, ID, 0, 0},
    {"tersebut", 0, ID, 0, 0},
    {"bagi", 0, ID, 0, 0},
    {"sedang", 0, ID, 0, 0},
    {"terus", 0, ID, 0, 0},
    {"sama", 0, ID, 0, 0},
    {"orang", 0, ID, 0, 0},
    {"kok", 0, ID, 0, 0},
    {"hingga", 0, ID, 0, 0},
    {"setelah", 0, ID, 0, 0},
    {"waktu", 0, ID, 0, 0},
    {"kemana", 0, ID, 0, 0},
    {"kepada", 0, ID, 0, 0},
    {"semoga", 0, ID, 0, 0},
    {"memang", 0, ID, 0, 0},
    {"begitu", 0, ID, 0, 0},
    {"tahun", 0, ID, 0, 0},
    {"dekat", 0, ID, 0, 0},
    /* Javanese, ngoko */
    {"kowe", 0, JV, 0, 0},
    {"iku", 0, JV, 0, 0},
    {"kuwi", 0, JV, 0, 0},
    {"sing", 0, JV, 0, 0},
    {"karo", 0, JV, 0, 0},
    {"nang", 0, JV, 0, 0},
    {"neng", 0, JV, 0, 0},
    {"ing", 0, JV, 0, 0},
    {"menyang", 0, JV, 0, 0},
    {"mergo", 0, JV, 0, 0},
    {"amarga", 0, JV, 0, 0},
    {"rek", 0, JV, 0, 0},
    {"dulur", 0, JV, 0, 0},
    {"ben", 0, JV, 0, 0},
    {"gawe", 0, JV, 0, 0},
    {"iso", 0, JV, 0, 0},
    {"isa", 0, JV, 0, 0},
    {"ono", 0, JV, 0, 0},
    {"onok", 0, JV, 0, 0},
    {"kudu", 0, JV, 0, 0},
    {"jare", 0, JV, 0, 0},
    {"akeh", 0, JV, 0, 0},
    {"apik", 0, JV, 0, 0},
    {"kabeh", 0, JV, 0, 0},
    {"pinggir", 0, JV, 0, 0},
    {"mburi", 0, JV, 0, 0},
    {"kulon", 0, JV, 0, 0},
    {"wetan", 0, JV, 0, 0},
    {"lor", 0, JV, 0, 0},
    {"kidul", 0, JV, 0, 0},
    {"durung", 0, JV, 0, 0},
    {"uwis", 0, JV, 0, 0},
    {"tekan", 0, JV, 0, 0},
    {"barang", 0, JV, 0, 0},
    {"ndek", 0, JV, 0, 0},
    {"nek", 0, JV, 0, 0},
    {"lek", 0, JV, 0, 0},
    {"awakdewe", 0, JV, 0, 0},
    {"nggone", 0, JV, 0, 0},
    {"ngene", 0, JV, 0, 0},
    {"ngono", 0, JV, 0, 0},
    {"opo", 0, JV, 0, 0},
    {"saben", 0, JV, 0, 0},
    {"bengi", 0, JV, 0, 0},
    {"nganti", 0, JV, 0, 0},
    {"lan", 0, JV, 0, 0},
    {"kon", 0, JV, 0, 0},
    {"sasi", 0, JV, 0, 0},
    {"wulan", 0, JV, 0, 0},
    {"udan", 0, JV, 0, 0},
    {"deso", 0, JV, 0, 0},
    {"ndeso", 0, JV, 0, 0},
    {"wong", 0, JV, 0, 0},
    {"bocah", 0, JV, 0, 0},
    {"arek", 0, JV, 0, 0},
    {"meneng", 0, JV, 0, 0},
    {"njaluk", 0, JV, 0, 0},
    {"kanggo", 0, JV, 0, 0},
    {"soale", 0, JV, 0, 0},
    {"jarene", 0, JV, 0, 0},
    {"nduwur", 0, JV, 0, 0},
    {"ngisor", 0, JV, 0, 0},
    {"pirang", 0, JV, 0, 0},
    {"wedi", 0, JV, 0, 0},
    {"nduwe", 0, JV, 0, 0},
    {"duwe", 0, JV, 0, 0},
    {"ambek", 0, JV, 0, 0},
    {"wes", 0, JV, 0, 0},
    {"dadi", LX_CHANGE, JV, 0, 0},
    {"sakderengipun", 0, JV, 0, 0},
    {"dipun", 0, JV, 0, 0},
    {"ipun", 0, JV, 0, 0},
    /* Javanese, krama */
    {"wonten", 0, JV, 0, 0},
    {"saking", 0, JV, 0, 0},
    {"dhateng", 0, JV, 0, 0},
    {"dateng", 0, JV, 0, 0},
    {"teng", 0, JV, 0, 0},
    {"ten", 0, JV, 0, 0},
    {"kalih", 0, JV, 0, 0},
    {"kados", 0, JV, 0, 0},
    {"sampun", 0, JV, 0, 0},
    {"dereng", 0, JV, 0, 0},
    {"saged", 0, JV, 0, 0},
    {"sanget", 0, JV, 0, 0},
    {"kathah", 0, JV, 0, 0},
    {"sae", 0, JV, 0, 0},
    {"tiyang", 0, JV, 0, 0},
    {"lare", 0, JV, 0, 0},
    {"samenika", 0, JV, 0, 0},
    {"sakmenika", 0, JV, 0, 0},
    {"mekaten", 0, JV, 0, 0},
    {"estu", 0, JV, 0, 0},
    {"ingkang", 0, JV, 0, 0},
    {"sedaya", 0, JV, 0, 0},
    /* English */
    {"the", 0, EN, 0, 0},
    {"is", 0, EN, 0, 0},
    {"are", 0, EN, 0, 0},
    {"was", 0, EN, 0, 0},
    {"it", 0, EN, 0, 0},
    {"this", 0, EN, 0, 0},
    {"that", 0, EN, 0, 0},
    {"there", 0, EN, 0, 0},
    {"of", 0, EN, 0, 0},
    {"and", 0, EN, 0, 0},
    {"on", 0, EN, 0, 0},
    {"at", 0, EN, 0, 0},
    {"for", 0, EN, 0, 0},
    {"with", 0, EN, 0, 0},
    {"have", 0, EN, 0, 0},
    {"has", 0, EN, 0, 0},
    {"been", 0, EN, 0, 0},
    {"since", 0, EN, 0, 0},
    {"very", 0, EN, 0, 0},
    {"your", 0, EN, 0, 0},
    {"next", 0, EN, 0, 0},
    {"do", 0, EN, 0, 0},
    {"does", 0, EN, 0, 0},
    {"be", 0, EN, 0, 0},
    {"still", 0, EN, 0, 0},
    {"already", 0, EN, 0, 0},
    {"yet", 0, EN, 0, 0},
    {"will", 0, EN, 0, 0},
    {"need", 0, EN, 0, 0},
    {"into", 0, EN, 0, 0},
    {"shop", 0, EN, 0, 0},
    {"council", 0, EN, 0, 0},
    {"front", 0, EN, 0, 0},
    {"an", 0, EN, 0, 0},
    {"a", 0, 0, 0, 0},
    /* common words a typo must not turn into a keyword */
    {"lapar", 0, ID, 0, 0},
    {"stok", 0, ID, 0, 0},
    {"sambal", 0, ID, 0, 0},
    {"repot", 0, ID, 0, 0},
    {"statis", 0, ID, 0, 0},
    {"menurut", 0, ID, 0, 0},
    {"menunggu", 0, ID, 0, 0},
    {"regional", 0, 0, 0, 0},
    {"aduh", 0, ID, 0, 0},
    {"adu", 0, ID, 0, 0},
    {"datar", 0, ID, 0, 0},
    {"berhati", 0, ID, 0, 0},
    {"hati", 0, ID, 0, 0},
    {"batuan", 0, ID, 0, 0},
    {"helm", 0, 0, 0, 0},
    {"bahas", 0, ID, 0, 0},
    {"membahas", 0, ID, 0, 0},
    {"basah", 0, ID, 0, 0},
    {"sambut", 0, ID, 0, 0},
    {"usus", 0, ID, 0, 0},
    {"mengaduk", 0, ID, 0, 0},
    {"pengadaan", 0, ID, 0, 0},
    {"pengadilan", 0, ID, 0, 0},
    {"resort", 0, 0, 0, 0},
    {"kontrak", 0, 0, 0, 0},
    {"dada", 0, ID, 0, 0},
    {"biasa", 0, ID, 0, 0},
    {"inspirasi", 0, ID, 0, 0},
    {"informal", 0, 0, 0, 0},
    {"penunjuk", 0, ID, 0, 0},
    {"kendal", 0, 0, 0, 0},
    {"kandel", 0, JV, 0, 0},
    {"truck", 0, EN, 0, 0},
    {"step", 0, EN, 0, 0},
    {"hanya", 0, ID, 0, 0},
    {"tanpa", 0, ID, 0, 0},
    {"taken", 0, EN, 0, 0},
    {"usil", 0, ID, 0, 0},
    {"usut", 0, ID, 0, 0},
    {"diusut", 0, ID, 0, 0},
    {"usutkan", 0, ID, 0, 0},
    {"pertanian", 0, ID, 0, 0},
    {"pertanahan", 0, ID, 0, 0},
    {"tanda", 0, ID, 0, 0},
    {"susulan", 0, ID, 0, 0},
};

#undef ID
#undef JV
#undef EN

static const struct {
    const struct fixed_word *w;
    size_t n;
} fixed_tables[] = {
    {w_opening, N(w_opening)}, {w_small, N(w_small)},   {w_problem, N(w_problem)},
    {w_action, N(w_action)},   {w_object, N(w_object)}, {w_ask, N(w_ask)},
    {w_marker, N(w_marker)},
};

/* ---- the lexicon ------------------------------------------------------------ */

struct entry {
    char w[NORM_WORD_MAX + 1]; /* lower case */
    unsigned char n;
    struct lexicon_word v;
};

/* A keyword or topic word, for the typo search. */
struct near_word {
    char w[NORM_WORD_MAX + 1];
    char skel[NORM_WORD_MAX + 1]; /* first letter, then the consonants */
    unsigned char n, sn;
    signed char which; /* the intent, or the topic */
    uint32_t letters;  /* bit c - 'a': the letter c occurs */
    size_t entry;      /* the word's entry in struct lexicon.e */
};

struct lexicon {
    struct entry *e; /* the words */
    size_t ne;
    uint32_t *slot; /* hash table: index + 1 into e, 0 for empty */
    size_t mask;
    struct near_word *kw, *tw; /* keywords, topic words */
    size_t nkw, ntw;
    uint32_t kwlens;           /* bit n: a keyword of n letters exists */
    unsigned char pre2[26][4]; /* bit set: the first two letters of some keyword */
    char topic[TOPICS_MAX][TOPIC_NAME_MAX + 1];
    size_t ntopics;
};

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Copies a word as given in the configuration into buf (bufsz > 4) for an
 * error message: what fits before a "..." mark, anything but printable
 * ASCII shown as "?", so the reason stays one readable line. */
static const char *
shown(const char *w, char *buf, size_t bufsz)
{
    size_t i;

    for (i = 0; w[i] != '\0' && i + 4 < bufsz; i++)
        buf[i] = (w[i] >= ' ' && w[i] <= '~' && w[i] != '"') ? w[i] : '?';
    if (w[i] != '\0') {
        memcpy(buf + i, "...", 3);
        i += 3;
    }
    buf[i] = '\0';
    return buf;
}

static uint32_t
hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)w[i];
        h *= 16777619u;
    }
    return h;
}

const struct lexicon_word *
lexicon_find(const struct lexicon *lx, const char *w, size_t n)
{
    size_t i;
    uint32_t k;

    if (lx == NULL || n == 0 || n > NORM_WORD_MAX)
        return NULL;
    for (i = hash(w, n) & lx->mask; (k = lx->slot[i]) != 0; i = (i + 1) & lx->mask) {
        const struct entry *e = &lx->e[k - 1];

        if (e->n == n && memcmp(e->w, w, n) == 0)
            return &e->v;
    }
    return NULL;
}

/* The entry for w (n bytes, lower case), added empty when new. */
static struct entry *
entry_get(struct lexicon *lx, const char *w, size_t n)
{
    size_t i;
    uint32_t k;
    struct entry *e;

    for (i = hash(w, n) & lx->mask; (k = lx->slot[i]) != 0; i = (i + 1) & lx->mask) {
        e = &lx->e[k - 1];
        if (e->n == n && memcmp(e->w, w, n) == 0)
            return e;
    }
    e = &lx->e[lx->ne++];
    memcpy(e->w, w, n);
    e->w[n] = '\0';
    e->n = (unsigned char)n;
    e->v.cls = LX_KNOWN;
    e->v.intent = -1;
    e->v.topic = -1;
    e->v.lang = 0;
    e->v.langv = 0;
    e->v.weight = 0;
    lx->slot[i] = (uint32_t)lx->ne;
    return e;
}

static int
is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* The letters occurring in w, one bit each. */
static uint32_t
letter_mask(const char *w, size_t n)
{
    uint32_t m = 0;
    size_t i;

    for (i = 0; i < n; i++)
        if (w[i] >= 'a' && w[i] <= 'z')
            m |= 1u << (w[i] - 'a');
    return m;
}

static void
near_set(struct near_word *nw, const char *w, size_t n, int which, size_t entry)
{
    size_t i;

    memcpy(nw->w, w, n);
    nw->w[n] = '\0';
    nw->n = (unsigned char)n;
    nw->skel[0] = w[0];
    nw->sn = 1;
    for (i = 1; i < n; i++)
        if (!is_vowel(w[i]))
            nw->skel[nw->sn++] = w[i];
    nw->skel[nw->sn] = '\0';
    nw->which = (signed char)which;
    nw->letters = letter_mask(w, n);
    nw->entry = entry;
}

/* True when w is one or more ASCII letters and nothing else. */
static int
all_letters(const char *w)
{
    size_t i;

    for (i = 0; w[i] != '\0'; i++)
        if (!((w[i] >= 'A' && w[i] <= 'Z') || (w[i] >= 'a' && w[i] <= 'z')))
            return 0;
    return i > 0;
}

/* Writes the lower case of the n ASCII letters at w into out (NUL-terminated). */
static void
lower_copy(const char *w, size_t n, char *out)
{
    size_t i;

    for (i = 0; i < n; i++)
        out[i] = (char)(w[i] | 0x20);
    out[n] = '\0';
}

static int
topic_name_ok(const char *s)
{
    size_t i;

    if (s == NULL || s[0] == '\0')
        return 0;
    for (i = 0; s[i] != '\0'; i++) {
        if (i == TOPIC_NAME_MAX)
            return 0;
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
              s[i] == '-'))
            return 0;
    }
    return 1;
}

struct lexicon *
lexicon_new(const struct lexicon_spec *spec, char *err, size_t errlen)
{
    struct lexicon *lx = NULL;
    char show[28], w[NORM_WORD_MAX + 1];
    size_t total = 0, nkw = 0, ntw = 0, slots, i, j, k, n;

    set_err(err, errlen, "%s", "");
    if (spec == NULL) {
        set_err(err, errlen, "no keywords given");
        return NULL;
    }
    if (spec->nwords[INTENT_UNKNOWN] != 0) {
        set_err(err, errlen, "intent unknown cannot have keywords");
        return NULL;
    }
    for (i = 0; i < INTENT__COUNT; i++) {
        if (spec->nwords[i] > 0 && spec->words[i] == NULL) {
            set_err(err, errlen, "keywords for %s are missing", intent_name((enum intent)i));
            return NULL;
        }
        nkw += spec->nwords[i];
    }
    if (spec->ntopics > 0 && spec->topics == NULL) {
        set_err(err, errlen, "topics are missing");
        return NULL;
    }
    if (spec->ntopics > TOPICS_MAX) {
        set_err(err, errlen, "%zu topics; the limit is %d", spec->ntopics, TOPICS_MAX);
        return NULL;
    }
    for (i = 0; i < spec->ntopics; i++) {
        if (spec->topics[i].nwords > 0 && spec->topics[i].words == NULL) {
            set_err(err, errlen, "words of topic %zu are missing", i + 1);
            return NULL;
        }
        ntw += spec->topics[i].nwords;
    }
    for (i = 0; i < N(fixed_tables); i++)
        total += fixed_tables[i].n;
    total += nkw + ntw;

    lx = calloc(1, sizeof(*lx));
    if (lx == NULL)
        goto nomem;
    for (slots = 64; slots < 2 * total; slots *= 2)
        ;
    lx->mask = slots - 1;
    lx->slot = calloc(slots, sizeof(*lx->slot));
    lx->e = calloc(total, sizeof(*lx->e));
    lx->kw = calloc(nkw + 1, sizeof(*lx->kw));
    lx->tw = calloc(ntw + 1, sizeof(*lx->tw));
    if (lx->slot == NULL || lx->e == NULL || lx->kw == NULL || lx->tw == NULL)
        goto nomem;

    /* The fixed tables first: configured words add to what they say. */
    for (i = 0; i < N(fixed_tables); i++) {
        for (j = 0; j < fixed_tables[i].n; j++) {
            const struct fixed_word *f = &fixed_tables[i].w[j];
            struct entry *e = entry_get(lx, f->w, strlen(f->w));

            e->v.cls |= f->cls;
            e->v.lang |= f->lang;
            if (f->weight > e->v.weight)
                e->v.weight = f->weight;
            if (f->cls & LX_LANGNAME)
                e->v.langv = f->langv;
        }
    }

    for (i = 0; i < INTENT__COUNT; i++) {
        for (j = 0; j < spec->nwords[i]; j++) {
            const char *kw = spec->words[i][j];
            struct entry *e;

            if (kw == NULL || kw[0] == '\0') {
                set_err(err, errlen, "empty keyword for %s", intent_name((enum intent)i));
                goto fail;
            }
            if (!all_letters(kw)) {
                set_err(err, errlen,
                        "keyword \"%s\" for %s has a character other than the letters A to Z",
                        shown(kw, show, sizeof(show)), intent_name((enum intent)i));
                goto fail;
            }
            n = strlen(kw);
            if (n > KEYWORD_MAX) {
                set_err(err, errlen, "keyword \"%s\" for %s is longer than %d letters",
                        shown(kw, show, sizeof(show)), intent_name((enum intent)i), KEYWORD_MAX);
                goto fail;
            }
            lower_copy(kw, n, w);
            e = entry_get(lx, w, n);
            if (e->v.intent >= 0) {
                for (k = 0; k < n; k++)
                    show[k] = (char)(w[k] - 'a' + 'A');
                show[n] = '\0';
                if ((size_t)e->v.intent == i)
                    set_err(err, errlen, "keyword \"%s\" is listed twice for %s", show,
                            intent_name((enum intent)i));
                else
                    set_err(err, errlen, "keyword \"%s\" is listed for both %s and %s", show,
                            intent_name((enum intent)e->v.intent), intent_name((enum intent)i));
                goto fail;
            }
            e->v.intent = (signed char)i;
            near_set(&lx->kw[lx->nkw++], w, n, (int)i, (size_t)(e - lx->e));
            lx->kwlens |= 1u << n;
            if (n >= 2)
                lx->pre2[w[0] - 'a'][(w[1] - 'a') / 8] |= (unsigned char)(1u << ((w[1] - 'a') % 8));
        }
    }

    for (i = 0; i < spec->ntopics; i++) {
        const struct topic_spec *t = &spec->topics[i];

        if (!topic_name_ok(t->name)) {
            set_err(err, errlen,
                    "topic %zu: name \"%s\" is not 1 to %d lower-case letters, digits, _ or -",
                    i + 1, t->name != NULL ? shown(t->name, show, sizeof(show)) : "",
                    TOPIC_NAME_MAX);
            goto fail;
        }
        for (j = 0; j < i; j++) {
            if (strcmp(lx->topic[j], t->name) == 0) {
                set_err(err, errlen, "topic \"%s\" is listed twice", t->name);
                goto fail;
            }
        }
        strcpy(lx->topic[i], t->name);
        lx->ntopics++;
        for (j = 0; j < t->nwords; j++) {
            const char *tw = t->words[j];
            struct entry *e;

            if (tw == NULL || !all_letters(tw) || strlen(tw) > NORM_WORD_MAX) {
                set_err(err, errlen,
                        "word \"%s\" of topic %s is not a word of 1 to %d ASCII letters",
                        tw != NULL ? shown(tw, show, sizeof(show)) : "", t->name, NORM_WORD_MAX);
                goto fail;
            }
            n = strlen(tw);
            lower_copy(tw, n, w);
            e = entry_get(lx, w, n);
            if (e->v.topic >= 0) {
                if ((size_t)e->v.topic == i)
                    set_err(err, errlen, "word \"%s\" is listed twice for topic %s",
                            shown(tw, show, sizeof(show)), t->name);
                else
                    set_err(err, errlen, "word \"%s\" is listed for both topics %s and %s",
                            shown(tw, show, sizeof(show)), lx->topic[e->v.topic], t->name);
                goto fail;
            }
            e->v.topic = (signed char)i;
            near_set(&lx->tw[lx->ntw++], w, n, (int)i, (size_t)(e - lx->e));
        }
    }
    return lx;

nomem:
    set_err(err, errlen, "out of memory");
fail:
    lexicon_free(lx);
    return NULL;
}

void
lexicon_free(struct lexicon *lx)
{
    if (lx == NULL)
        return;
    free(lx->slot);
    free(lx->e);
    free(lx->kw);
    free(lx->tw);
    free(lx);
}

const char *
lexicon_topic_name(const struct lexicon *lx, int i)
{
    if (lx == NULL || i < 0 || (size_t)i >= lx->ntopics)
        return NULL;
    return lx->topic[i];
}

/*
 * The optimal-string-alignment distance between a (n letters) and b (m),
 * or bound + 1 when it is more than bound.  Adjacent transpositions count
 * one ("stauts").
 */
static int
osa_distance(const char *a, size_t n, const char *b, size_t m, int bound)
{
    int d[NORM_WORD_MAX + 1][NORM_WORD_MAX + 1];
    size_t i, j;
    int best;

    if (n > NORM_WORD_MAX || m > NORM_WORD_MAX)
        return bound + 1;
    for (i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (i = 1; i <= n; i++) {
        best = bound + 1;
        for (j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1], v = d[i - 1][j - 1] + cost;

            if (d[i - 1][j] + 1 < v)
                v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
            if (v < best)
                best = v;
        }
        if (best > bound)
            return bound + 1;
    }
    return d[n][m] <= bound ? d[n][m] : bound + 1;
}

/*
 * The search behind lexicon_near(): returns the distance and sets *which
 * and *at (the first word of the list found at that distance), or returns
 * -1.
 */
static int
near_search(const struct lexicon *lx, enum lexicon_near_set set, const char *w, size_t n,
            int *which, size_t *at)
{
    const struct near_word *list;
    size_t count, i, shorter, first = 0;
    int best = 99, found = -1, ambiguous = 0, bound, d;
    int vowelless = n >= 3;
    uint32_t mask;

    if (lx == NULL || n < 3 || n > NORM_WORD_MAX || lexicon_find(lx, w, n) != NULL)
        return -1;
    mask = letter_mask(w, n);
    list = set == LEXICON_NEAR_TOPICS ? lx->tw : lx->kw;
    count = set == LEXICON_NEAR_TOPICS ? lx->ntw : lx->nkw;
    for (i = 1; i < n; i++)
        if (is_vowel(w[i]))
            vowelless = 0;

    for (i = 0; i < count; i++) {
        const struct near_word *k = &list[i];

        shorter = n < k->n ? n : k->n;
        if (shorter <= 3)
            continue; /* short words must not collide: exact only */
        bound = k->n >= 8 ? 2 : 1;
        if ((n > k->n ? n - k->n : k->n - n) > (size_t)bound)
            continue;
        /* Four letters leave little room: the first one must be right. */
        if (shorter == 4 && w[0] != k->w[0])
            continue;
        /* Each edit adds or removes at most two letters from the set of
         * letters a word uses: a cheap bound before the distance. */
        if (__builtin_popcount(mask ^ k->letters) > 2 * bound)
            continue;
        d = osa_distance(w, n, k->w, k->n, bound);
        if (d > bound || d > best)
            continue;
        if (d < best) {
            best = d;
            found = k->which;
            first = i;
            ambiguous = 0;
        } else if (k->which != found) {
            ambiguous = 1;
        }
    }
    if (best == 99 && vowelless) {
        /* "lpr", "stts", "dftr": the keyword without its vowels */
        for (i = 0; i < count; i++) {
            const struct near_word *k = &list[i];

            if (k->n < 5 || k->sn != n || memcmp(k->skel, w, n) != 0)
                continue;
            if (best == 3 && k->which != found)
                ambiguous = 1;
            if (best != 3)
                first = i;
            best = 3;
            found = k->which;
        }
    }
    if (best == 99 || ambiguous)
        return -1;
    *which = found;
    *at = first;
    return best;
}

int
lexicon_near(const struct lexicon *lx, enum lexicon_near_set set, const char *w, size_t n,
             int *which)
{
    size_t at;

    return near_search(lx, set, w, n, which, &at);
}

const struct lexicon_word *
lexicon_near_keyword(const struct lexicon *lx, const char *w, size_t n, int *dist)
{
    size_t at;
    int which, d;

    if ((d = near_search(lx, LEXICON_NEAR_KEYWORDS, w, n, &which, &at)) < 0)
        return NULL;
    if (dist != NULL)
        *dist = d;
    return &lx->e[lx->kw[at].entry].v;
}

/* A known word that may stand in a run of glued words: three letters or
 * more, or an ending such as "nya", "ku". */
static int
glued_piece(const struct lexicon *lx, const char *w, size_t n)
{
    const struct lexicon_word *lw = lexicon_find(lx, w, n);

    return lw != NULL && (n >= 3 || (lw->cls & LX_PARTICLE) != 0);
}

/* The length of the first word of w when w is known words glued together,
 * longest first, at most depth words deep; 0 when it is not. */
static size_t
glued_first(const struct lexicon *lx, const char *w, size_t n, int depth)
{
    size_t k;

    if (glued_piece(lx, w, n))
        return n;
    if (depth == 0 || n < 4)
        return 0;
    for (k = n - 2; k >= 2; k--)
        if (glued_piece(lx, w, k) && glued_first(lx, w + k, n - k, depth - 1) > 0)
            return k;
    return 0;
}

size_t
lexicon_glued(const struct lexicon *lx, const char *w, size_t n)
{
    if (lx == NULL || n == 0 || n > NORM_WORD_MAX)
        return 0;
    return glued_first(lx, w, n, 3);
}

size_t
lexicon_split(const struct lexicon *lx, const char *w, size_t n)
{
    const struct lexicon_word *lw;
    size_t k;

    if (lx == NULL || n < 5 || n > NORM_WORD_MAX || w[0] < 'a' || w[0] > 'z' || w[1] < 'a' ||
        w[1] > 'z')
        return 0;
    if (!(lx->pre2[w[0] - 'a'][(w[1] - 'a') / 8] & (1u << ((w[1] - 'a') % 8))))
        return 0;
    if (lexicon_find(lx, w, n) != NULL)
        return 0;
    for (k = n - 2 < KEYWORD_MAX ? n - 2 : KEYWORD_MAX; k >= 3; k--) {
        if (!(lx->kwlens & (1u << k)))
            continue;
        lw = lexicon_find(lx, w, k);
        if (lw == NULL || lw->intent < 0)
            continue;
        if (glued_first(lx, w + k, n - k, 3) > 0)
            return k;
    }
    return 0;
}
