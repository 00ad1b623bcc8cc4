/*
 * Reading an SMS as words.  A citizen's message ("Assalamualaikum pak, sy
 * mau LAP0R..jln rusak dpn SDN 2 🙏") becomes a bounded array of tokens,
 * each a normalised word or number with its place in the original text, so
 * that the classifier works on words and still points back into what was
 * typed.  Pure code: no I/O, no allocation, no globals.
 *
 * The second half of this header is the word lookup of the lexicon
 * (parsers/lexicon.c) that the normaliser and the classifier share: what the
 * built-in language tables and the configured keywords say about one word.
 */
#ifndef ASPIRASI_NORMALIZE_H
#define ASPIRASI_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "parsers/intent.h"

#define NORM_TOKENS_MAX 64 /* tokens kept; a longer message is read on its first ones */
#define NORM_WORD_MAX   24 /* characters kept of one token */

enum norm_kind {
    NORM_WORD = 1, /* letters only (after look-alike digits are read as letters) */
    NORM_NUMBER,   /* digits only */
};

/* Token flags: how the token came about, and what follows it. */
#define NORM_UPPER     0x0001u /* typed in capitals (two letters or more) */
#define NORM_SPACED    0x0002u /* joined from letters typed apart ("A D U A N") */
#define NORM_LOOKALIKE 0x0004u /* digits read as letters ("LAP0R", "1NFO") */
#define NORM_ABBREV    0x0008u /* an SMS abbreviation, expanded ("sy" -> "saya") */
#define NORM_SPLIT     0x0010u /* cut from a longer run ("ADUANjalan", "statusnya") */
#define NORM_LONG      0x0020u /* longer than NORM_WORD_MAX: word holds its start */
#define NORM_ELONGATED 0x0040u /* a letter repeated three times or more ("tolooong") */
#define NORM_QUESTION  0x0080u /* a question mark follows, before the next token */
#define NORM_BREAK     0x0100u /* a clause ends after it: , . ; : ! ? or a line break */

struct norm_token {
    size_t off, len;              /* the bytes of the text it was read from */
    char word[NORM_WORD_MAX + 1]; /* normalised: ASCII lower case, look-alikes read,
                                     repeated letters collapsed, abbreviation expanded */
    char form[NORM_WORD_MAX + 1]; /* the same before the abbreviation was expanded */
    unsigned char wlen, flen;     /* strlen(word), strlen(form) */
    unsigned char kind;           /* enum norm_kind */
    unsigned short flags;         /* NORM_* */
};

struct norm_text {
    struct norm_token tok[NORM_TOKENS_MAX];
    size_t ntok;       /* tokens kept, at most NORM_TOKENS_MAX */
    size_t nwords;     /* words and numbers in the whole text, kept or not */
    size_t nletters;   /* letters in the whole text */
    size_t questions;  /* question marks in the whole text */
    size_t start, end; /* the text without leading and trailing white space */
    int unreadable;    /* the text is not valid UTF-8 or holds a NUL byte */
};

struct lexicon;

/*
 * Reads the len bytes of UTF-8 at text into *out (OUT).  Letters are folded
 * to ASCII lower case (accented Latin letters to their base letter);
 * anything that is neither a letter nor a digit separates tokens, and
 * emoji, other scripts and symbols are ignored (an apostrophe inside a word
 * is dropped: "jum'at" is "jumat").  Then, in this order:
 *   - a run is cut where capitals meet small letters ("ADUANjalan",
 *     "laporJalan") and, with a lexicon, after a keyword glued to a known
 *     word or ending ("aduanjalan", "statusnya");
 *   - digits inside letters are read as the letters they resemble
 *     (0 o, 1 i, 3 e, 4 a, 5 s, 7 t, 8 b: "LAP0R", "1NFO", "ST4TUS") when
 *     a digit stands between letters or one digit opens the word; a number
 *     stays a number, and digits after letters are cut off ("SDN2");
 *   - three or more single letters typed apart are joined ("s t a t u s");
 *   - a letter typed three times or more counts once ("tolooong", "pakkk"),
 *     or twice when only that makes a word the lexicon knows ("maaaf");
 *   - common SMS abbreviations are expanded in word ("sy" saya, "jln"
 *     jalan, "tdk"/"gak" tidak, "bsk" besok, "gmn" bagaimana ...).
 * lx may be NULL (no cutting that needs known words, no doubled letters).
 * Text that is not valid UTF-8 or holds a NUL byte is still read, as far
 * as it can be, with unreadable set.  Never fails.
 */
void norm_text_read(const struct lexicon *lx, const char *text, size_t len, struct norm_text *out);

/*
 * The expansion of an SMS abbreviation (n bytes of ASCII lower case at w),
 * or NULL when w is none.
 */
const char *norm_abbreviation(const char *w, size_t n);

/* ---- The lexicon's word lookup (parsers/lexicon.c) --------------------- */

/* Word classes: what the built-in language tables say about a word. */
#define LX_GREET     0x00000001u /* assalamualaikum, selamat, pagi, halo, sugeng */
#define LX_ADDRESS   0x00000002u /* pak, bu, mas, min, admin, dprd, dewan */
#define LX_COURTESY  0x00000004u /* mohon, tolong, minta, nyuwun, please, maaf */
#define LX_FILLER    0x00000008u /* saya, mau, ingin, kulo, badhe, i, want */
#define LX_THANKS    0x00000010u /* terima kasih, makasih, matur nuwun, thanks */
#define LX_PARTICLE  0x00000020u /* nya, kan, dong, ya, lah: may end a glued word */
#define LX_OPTOUT    0x00000040u /* may follow an opt-out keyword: sms, lagi, saja */
#define LX_NEGATION  0x00000080u /* jangan, tidak, ora, mboten, dont */
#define LX_PROBLEM   0x00000100u /* a problem: rusak, banjir, pungli (weighted) */
#define LX_OBJECT    0x00000200u /* what complaints are about: jalan, air, sekolah */
#define LX_ACTION    0x00000400u /* asks for action: diperbaiki, ditindaklanjuti */
#define LX_PLACE     0x00000800u /* desa, dusun, rt, rw, kecamatan */
#define LX_SESSION   0x00001000u /* rapat, sidang, paripurna, reses */
#define LX_WHEN      0x00002000u /* kapan, besok, jam, tanggal, minggu */
#define LX_QUESTION  0x00004000u /* berapa, apa, siapa, gimana, tanya */
#define LX_HOWTO     0x00008000u /* cara, caranya, format, panduan */
#define LX_TICKET    0x00010000u /* tiket, nomor: refers to a ticket */
#define LX_PROGRESS  0x00020000u /* kabar, perkembangan, ditanggapi, diproses */
#define LX_MINE      0x00040000u /* saya, kami, kulo, my */
#define LX_LANGNAME  0x00080000u /* jawa, indonesia, english (see lang) */
#define LX_CHANGE    0x00100000u /* ganti, pakai, nganggo, change, use, reply */
#define LX_CANCEL    0x00200000u /* batal, cancel, hapus */
#define LX_CHATTER   0x00400000u /* tes, test, ok, hehe, wkwk */
#define LX_SUBSCRIBE 0x00800000u /* wants announcements: langganan, kabari, update */
#define LX_REPORTED  0x01000000u /* a complaint as a thing: aduan, laporan, keluhan */
#define LX_PAST      0x02000000u /* kemarin, wingi, lalu, yesterday: refers back */
#define LX_INFOWORD  0x04000000u /* keterangan, data, daftar: asks to be told */
#define LX_SEND      0x08000000u /* kirim, sms, pesan: sending messages */
#define LX_WISH      0x10000000u /* mau, ingin, badhe, arep, want: a wish */
#define LX_KNOWN     0x80000000u /* any known word (always set) */

/* Language markers (struct lexicon_word.lang bits). */
#define LX_LANG(l) (1u << (l))

struct lexicon_word {
    uint32_t cls;         /* LX_* bits */
    signed char intent;   /* the intent of a configured keyword, or -1 */
    signed char topic;    /* the information topic it names, or -1 */
    unsigned char lang;   /* LX_LANG(LANG_ID) ...: languages it marks */
    unsigned char langv;  /* LX_LANGNAME: the enum lang it names */
    unsigned char weight; /* LX_PROBLEM, LX_OBJECT, LX_ACTION: 1 (weak) to 3 (strong) */
};

/* What the lexicon knows about the n bytes of ASCII lower case at w, or NULL
 * when nothing. */
const struct lexicon_word *lexicon_find(const struct lexicon *lx, const char *w, size_t n);

/* The closest words to a typo that lexicon_near() may return. */
enum lexicon_near_set {
    LEXICON_NEAR_KEYWORDS, /* the configured keywords */
    LEXICON_NEAR_TOPICS,   /* the words of the information topics */
};

/*
 * Finds the keyword (or topic word) of set that the n letters at w most
 * likely mistype: within a bounded Damerau-Levenshtein distance (none for
 * words of three letters or fewer, 1 up to seven letters, 2 from eight),
 * for four letters only with the first letter and the length right; or
 * typed without its vowels ("lpr", "stts", "dftr").  The answer must be
 * unambiguous: every word at the best distance names the same intent (or
 * topic).  A word the lexicon knows is never read as a typo.  Returns the
 * distance (1, 2; 3 for a word without vowels) and sets *which to the
 * intent (or topic index), or returns -1.
 */
int lexicon_near(const struct lexicon *lx, enum lexicon_near_set set, const char *w, size_t n,
                 int *which);

/*
 * The keyword that lexicon_near() with LEXICON_NEAR_KEYWORDS reads the n
 * letters at w as: what the lexicon knows of it (its intent, and the
 * classes the fixed tables give it, such as LX_QUESTION for "tanya"), with
 * the distance in *dist (OUT, may be NULL), or NULL when w is read as no
 * keyword.  When several keywords of that intent are equally near, the
 * first one listed.  A reference into lx.
 */
const struct lexicon_word *lexicon_near_keyword(const struct lexicon *lx, const char *w, size_t n,
                                                int *dist);

/*
 * For a word glued to a keyword ("aduanjalan", "statusnya"), the length of
 * the keyword at its start; 0 when w (n bytes of ASCII lower case) is no
 * such word, or is a known word itself.
 */
size_t lexicon_split(const struct lexicon *lx, const char *w, size_t n);

/*
 * For known words glued together ("jalanrusak"), the length of the first
 * one (longest first, at most four words deep; words of three letters or
 * more, or endings such as "nya"); n when w is one known word; 0 when w
 * (n bytes of ASCII lower case) is neither.
 */
size_t lexicon_glued(const struct lexicon *lx, const char *w, size_t n);

#endif
