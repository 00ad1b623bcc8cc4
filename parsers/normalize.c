/*
 * The normaliser: UTF-8 SMS text to a bounded array of tokens.
 *
 * It works in two passes over the text.  The first cuts it into runs of
 * word characters (ASCII letters and digits, accented Latin letters folded
 * to their base letter) and turns each run into tokens: look-alike digits
 * read as letters or cut off, capitals meeting small letters cut apart, a
 * glued keyword cut off with the lexicon's help, repeated letters
 * collapsed, abbreviations expanded.  The second joins letters typed one by
 * one ("A D U A N") and cuts the joined word like any other.  Every token
 * keeps the byte range it came from, so a caller can point back into the
 * text (a complaint's text after its keyword).
 *
 * Nothing here allocates: a run longer than RUN_MAX characters becomes one
 * token marked NORM_LONG, and tokens past NORM_TOKENS_MAX are only counted.
 */
#include <stdlib.h>
#include <string.h>

#include "parsers/gsm7.h"
#include "parsers/normalize.h"

/* Characters of one run looked at closely; the rest of a longer run (a URL,
 * a row of digits) is only counted. */
#define RUN_MAX 48

/* A run of word characters, or letters joined from single-letter tokens. */
struct run {
    size_t n;                  /* characters in c[] */
    char c[RUN_MAX];           /* lower-case ASCII letters and digits */
    unsigned char up[RUN_MAX]; /* 1 where the letter was a capital */
    size_t at[RUN_MAX + 1];    /* byte offset of each character; at[n] is the end */
    size_t to[RUN_MAX];        /* byte offset just past each character */
    int longrun;               /* characters past RUN_MAX were dropped */
};

/* SMS abbreviations and the word they stand for, sorted by abbreviation for
 * bsearch (tests/unit/check_normalize.c looks every one of them up).  Only
 * what changes how a message reads: pronouns, negation, question words,
 * time words, courtesy and the places complaints are about. */
static const struct abbrev {
    const char *abbr, *word;
} abbrevs[] = {
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

/* The longest abbreviation: longer words are not looked up. */
#define ABBREV_MAX 10

static int
abbrev_cmp(const void *key, const void *elem)
{
    const struct abbrev *k = key, *e = elem;

    return strcmp(k->abbr, e->abbr);
}

const char *
norm_abbreviation(const char *w, size_t n)
{
    char buf[NORM_WORD_MAX + 1];
    struct abbrev key = {buf, NULL};
    const struct abbrev *hit;

    if (n == 0 || n > ABBREV_MAX)
        return NULL;
    memcpy(buf, w, n);
    buf[n] = '\0';
    hit = bsearch(&key, abbrevs, sizeof(abbrevs) / sizeof(abbrevs[0]), sizeof(abbrevs[0]),
                  abbrev_cmp);
    return hit != NULL ? hit->word : NULL;
}

/* Latin-1 letters U+00C0 to U+00FF and Latin Extended-A U+0100 to U+017F:
 * the base letter of each, in lower case; '.' for the two that are not
 * letters (multiplication and division signs). */
static const char latin1_fold[64 + 1] = "aaaaaaaceeeeiiii" /* 00C0 */
                                        "dnooooo.ouuuuyts" /* 00D0 */
                                        "aaaaaaaceeeeiiii" /* 00E0 */
                                        "dnooooo.ouuuuyty" /* 00F0 */;
static const char latin_ext_a_fold[128 + 1] = "aaaaaaccccccccdd" /* 0100 */
                                              "ddeeeeeeeeeegggg" /* 0110 */
                                              "gggghhhhiiiiiiii" /* 0120 */
                                              "iiiijjkkklllllll" /* 0130 */
                                              "lllnnnnnnnnnoooo" /* 0140 */
                                              "oooorrrrrrssssss" /* 0150 */
                                              "ssttttttuuuuuuuu" /* 0160 */
                                              "uuuuwwyyyzzzzzzs" /* 0170 */;

/* The folded letter of code point cp, or 0 if it is no Latin letter.  *up
 * is set when it is a capital. */
static char
fold_letter(uint32_t cp, int *up)
{
    char c;

    *up = 0;
    if (cp >= 'a' && cp <= 'z')
        return (char)cp;
    if (cp >= 'A' && cp <= 'Z') {
        *up = 1;
        return (char)(cp - 'A' + 'a');
    }
    if (cp >= 0xc0 && cp <= 0xff) {
        c = latin1_fold[cp - 0xc0];
        *up = cp < 0xdf;
        return c == '.' ? 0 : c;
    }
    if (cp >= 0x100 && cp <= 0x17f) {
        *up = (cp & 1) == 0; /* capitals mostly stand on even code points */
        return latin_ext_a_fold[cp - 0x100];
    }
    return 0;
}

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The letter a digit resembles inside a word, or 0. */
static char
lookalike(char d)
{
    switch (d) {
    case '0':
        return 'o';
    case '1':
        return 'i';
    case '3':
        return 'e';
    case '4':
        return 'a';
    case '5':
        return 's';
    case '7':
        return 't';
    case '8':
        return 'b';
    default:
        return 0;
    }
}

static int
known(const struct lexicon *lx, const char *w, size_t n)
{
    return lx != NULL && lexicon_find(lx, w, n) != NULL;
}

/* Adds one token to out: the characters c[a, b) of r (letters only, or
 * digits only), with flags. */
static void
emit(const struct lexicon *lx, const struct run *r, size_t a, size_t b, unsigned flags,
     struct norm_text *out)
{
    struct norm_token *t;
    const char *exp;
    size_t i, n = 0, nup = 0, j;
    char c;

    if (a >= b)
        return;
    out->nwords++;
    if (out->ntok == NORM_TOKENS_MAX)
        return;
    t = &out->tok[out->ntok++];
    t->off = r->at[a];
    t->len = (b == r->n ? r->at[b] : r->to[b - 1]) - r->at[a];
    t->kind = is_digit(r->c[a]) ? NORM_NUMBER : NORM_WORD;
    if (r->longrun && b == r->n)
        flags |= NORM_LONG;
    for (i = a; i < b; i++)
        nup += r->up[i];
    for (i = a; i < b; i++) {
        c = r->c[i];
        /* A letter typed three times or more ("tolooong", "pakkk") counts once. */
        if (t->kind == NORM_WORD && i + 2 < b && r->c[i + 1] == c && r->c[i + 2] == c) {
            j = i;
            while (j + 1 < b && r->c[j + 1] == c)
                j++;
            i = j;
            flags |= NORM_ELONGATED;
        }
        if (n < NORM_WORD_MAX)
            t->form[n++] = c;
        else
            flags |= NORM_LONG;
    }
    t->form[n] = '\0';
    t->flen = (unsigned char)n;
    /* "maaaf" is "maaf", not "maf": a doubled letter is tried when the
     * single one makes no word. */
    if ((flags & NORM_ELONGATED) && lx != NULL && !known(lx, t->form, n) &&
        norm_abbreviation(t->form, n) == NULL) {
        char two[NORM_WORD_MAX + 1];
        size_t m = 0;

        for (i = a; i < b && m < NORM_WORD_MAX; i++) {
            c = r->c[i];
            two[m++] = c;
            if (i + 2 < b && r->c[i + 1] == c && r->c[i + 2] == c) {
                if (m < NORM_WORD_MAX)
                    two[m++] = c;
                while (i + 1 < b && r->c[i + 1] == c)
                    i++;
            }
        }
        if (known(lx, two, m)) {
            memcpy(t->form, two, m);
            t->form[m] = '\0';
            t->flen = (unsigned char)m;
            n = m;
        }
    }
    if (t->kind == NORM_WORD && nup >= 2 && nup == b - a)
        flags |= NORM_UPPER;
    exp = t->kind == NORM_WORD ? norm_abbreviation(t->form, n) : NULL;
    if (exp != NULL) {
        size_t el = strlen(exp);

        memcpy(t->word, exp, el + 1);
        t->wlen = (unsigned char)el;
        flags |= NORM_ABBREV;
    } else {
        memcpy(t->word, t->form, n + 1);
        t->wlen = (unsigned char)n;
    }
    t->flags = (unsigned short)flags;
}

/* Emits the letters r->c[a, b), cutting off glued keywords and the known
 * words glued after them ("aduanjalan", "laporjalanrusak", "statusnya"). */
static void
emit_letters(const struct lexicon *lx, const struct run *r, size_t a, size_t b, unsigned flags,
             struct norm_text *out)
{
    size_t k;
    int cut = 0;

    if (lx != NULL && b - a >= 5 && b - a <= NORM_WORD_MAX) {
        k = lexicon_split(lx, r->c + a, b - a);
        if (k > 0) {
            emit(lx, r, a, a + k, flags | NORM_SPLIT, out);
            a += k;
            cut = 1;
            /* What follows is known words, glued: cut each off. */
            while (a < b && (k = lexicon_glued(lx, r->c + a, b - a)) > 0 && k < b - a) {
                emit(lx, r, a, a + k, flags | NORM_SPLIT, out);
                a += k;
            }
        }
    }
    emit(lx, r, a, b, flags | (cut ? NORM_SPLIT : 0u), out);
}

/* True when the letters c[a, b) of r make a word the lexicon knows, or a
 * keyword. */
static int
known_at(const struct lexicon *lx, const struct run *r, size_t a, size_t b)
{
    return b > a && b - a <= NORM_WORD_MAX && known(lx, r->c + a, b - a);
}

/*
 * Emits the letters r->c[a, b), cut where capitals meet small letters:
 * "laporJalan" before the capital; "ADUANjalan" after three capitals or
 * more, before the small letter ("ADUAN jalan") or before the last capital
 * ("SMPNegeri", when that makes known words), and nowhere when two
 * capitals start an ordinary word ("JAlan").
 */
static void
emit_cased(const struct lexicon *lx, const struct run *r, size_t a, size_t b, unsigned flags,
           struct norm_text *out)
{
    size_t i, start = a, ups = 0;

    for (i = a; i < b; i++) {
        if (r->up[i]) {
            if (i > start && !r->up[i - 1] && i - start >= 3 && b - i >= 2) {
                /* small to capital */
                emit_letters(lx, r, start, i, flags | NORM_SPLIT, out);
                flags |= NORM_SPLIT;
                start = i;
                ups = 0;
            }
            ups++;
            continue;
        }
        if (ups >= 3 && b - i >= 2) {
            /* capitals to small: where to cut */
            size_t cut = i;

            if (lx != NULL && !known_at(lx, r, start, i) && !known_at(lx, r, i, b) &&
                (known_at(lx, r, start, i - 1) || known_at(lx, r, i - 1, b)))
                cut = i - 1;
            emit_letters(lx, r, start, cut, flags | NORM_SPLIT, out);
            flags |= NORM_SPLIT;
            start = cut;
        }
        ups = 0;
    }
    emit_letters(lx, r, start, b, flags, out);
}

/*
 * Emits one run of word characters.  Digits among letters are read as the
 * letters they resemble when the run is mostly letters, every digit has a
 * look-alike, and a digit stands between letters ("LAP0R", "B3RH3NT1") or
 * a single digit opens the word ("1NFO").  Otherwise letters and digits
 * part ("SDN2", "RT03", "12des").
 */
static void
emit_run(const struct lexicon *lx, struct run *r, unsigned flags, struct norm_text *out)
{
    size_t i, letters = 0, digits = 0, first = r->n, last = 0, start;
    int inner = 0, mappable = 1;

    if (r->n == 0)
        return;
    for (i = 0; i < r->n; i++) {
        if (is_digit(r->c[i])) {
            digits++;
            if (!lookalike(r->c[i]))
                mappable = 0;
        } else {
            letters++;
            if (first == r->n)
                first = i;
            last = i;
        }
    }
    if (digits > 0 && letters > 0) {
        for (i = first; i < last; i++)
            if (is_digit(r->c[i]))
                inner = 1;
        if (mappable && letters >= 2 && letters >= digits &&
            (inner || (first == 1 && last == r->n - 1))) {
            for (i = 0; i < r->n; i++)
                if (is_digit(r->c[i])) {
                    r->c[i] = lookalike(r->c[i]);
                    r->up[i] = r->n > 1 && r->up[i == 0 ? 1 : i - 1];
                }
            digits = 0;
            flags |= NORM_LOOKALIKE;
        }
    }
    if (digits == 0) {
        emit_cased(lx, r, 0, r->n, flags, out);
        return;
    }
    /* letters and digits part */
    for (start = 0, i = 1; i <= r->n; i++) {
        if (i == r->n || is_digit(r->c[i]) != is_digit(r->c[start])) {
            if (is_digit(r->c[start]))
                emit(lx, r, start, i, flags, out);
            else
                emit_cased(lx, r, start, i, flags, out);
            start = i;
        }
    }
}

/*
 * The second pass: three or more single letters in a row, each apart from
 * the next by one or two separators and nothing else ("A D U A N",
 * "s.t.a.t.u.s"), are joined into one word, which is then cut like any
 * other ("L A P O R J A L A N").  Tokens are rewritten in place: a joined
 * word never yields more tokens than the letters it joined.
 */
static void
join_spaced(const struct lexicon *lx, const char *text, struct norm_text *out)
{
    size_t i, j, k, w = 0, gap, ntok = out->ntok;
    struct run r;
    struct norm_text tmp;

    for (i = 0; i < ntok;) {
        const struct norm_token *t = &out->tok[i];

        j = i;
        while (j < ntok && out->tok[j].kind == NORM_WORD && out->tok[j].flen == 1 &&
               !(out->tok[j].flags & NORM_LOOKALIKE) && out->tok[j].len <= 2 && j - i < RUN_MAX) {
            if (j > i) {
                const struct norm_token *p = &out->tok[j - 1];

                gap = out->tok[j].off - (p->off + p->len);
                if (gap == 0 || gap > 2)
                    break;
                for (k = p->off + p->len; k < out->tok[j].off; k++)
                    if (text[k] == '\n' || text[k] == '\r')
                        break;
                if (k < out->tok[j].off)
                    break;
            }
            j++;
        }
        if (j - i < 3) {
            if (w != i)
                out->tok[w] = *t;
            w++;
            i++;
            continue;
        }
        r.n = j - i;
        r.longrun = 0;
        for (k = 0; k < r.n; k++) {
            const struct norm_token *s = &out->tok[i + k];

            r.c[k] = s->form[0];
            r.up[k] = (s->flags & NORM_UPPER) != 0 || (text[s->off] >= 'A' && text[s->off] <= 'Z');
            r.at[k] = s->off;
            r.to[k] = s->off + s->len;
        }
        r.at[r.n] = out->tok[j - 1].off + out->tok[j - 1].len;
        tmp.ntok = 0;
        tmp.nwords = 0;
        emit_letters(lx, &r, 0, r.n, NORM_SPACED | (out->tok[j - 1].flags & NORM_BREAK), &tmp);
        for (k = 0; k < tmp.ntok; k++) {
            if (r.n >= 2 && tmp.tok[k].flen >= 2) {
                size_t m, up = 0;

                for (m = 0; m < r.n; m++)
                    up += r.up[m];
                if (up == r.n)
                    tmp.tok[k].flags |= NORM_UPPER;
            }
            out->tok[w++] = tmp.tok[k];
        }
        out->tok[w - 1].flags |= out->tok[j - 1].flags & (NORM_QUESTION | NORM_BREAK);
        out->nwords -= (j - i) - tmp.ntok;
        i = j;
    }
    out->ntok = w;
}

void
norm_text_read(const struct lexicon *lx, const char *text, size_t len, struct norm_text *out)
{
    const unsigned char *s = (const unsigned char *)text;
    struct run r;
    size_t i = 0, step;
    uint32_t cp;
    int up;
    char c;

    out->ntok = 0;
    out->nwords = 0;
    out->nletters = 0;
    out->questions = 0;
    out->unreadable = 0;
    if (text == NULL)
        len = 0;
    out->start = 0;
    out->end = len;
    while (out->start < len &&
           (s[out->start] == ' ' || (s[out->start] >= '\t' && s[out->start] <= '\r')))
        out->start++;
    while (out->end > out->start &&
           (s[out->end - 1] == ' ' || (s[out->end - 1] >= '\t' && s[out->end - 1] <= '\r')))
        out->end--;

    r.n = 0;
    r.longrun = 0;
    while (i < len) {
        step = utf8_decode(s + i, len - i, &cp);
        if (step == 0 || cp == 0) {
            out->unreadable = 1;
            step = step == 0 ? 1 : step;
            cp = ' ';
        }
        c = fold_letter(cp, &up);
        if (c == 0 && cp >= '0' && cp <= '9')
            c = (char)cp;
        /* An apostrophe inside a word is dropped ("jum'at", "qur'an"). */
        if (c == 0 && (cp == '\'' || cp == 0x2019) && r.n > 0 && i + step < len &&
            ((s[i + step] | 0x20) >= 'a' && (s[i + step] | 0x20) <= 'z')) {
            i += step;
            continue;
        }
        if (c != 0) {
            if (c >= 'a' && c <= 'z')
                out->nletters++;
            if (r.n < RUN_MAX) {
                r.c[r.n] = c;
                r.up[r.n] = (unsigned char)up;
                r.at[r.n] = i;
                r.to[r.n] = i + step;
                r.n++;
            } else {
                r.longrun = 1;
            }
            i += step;
            continue;
        }
        if (r.n > 0) {
            r.at[r.n] = i;
            emit_run(lx, &r, 0, out);
            r.n = 0;
            r.longrun = 0;
        }
        if (cp == '?')
            out->questions++;
        if (out->ntok > 0 && out->nwords == out->ntok &&
            out->tok[out->ntok - 1].off + out->tok[out->ntok - 1].len <= i) {
            struct norm_token *t = &out->tok[out->ntok - 1];

            if (cp == '?')
                t->flags |= NORM_QUESTION | NORM_BREAK;
            else if (cp == ',' || cp == '.' || cp == ';' || cp == ':' || cp == '!' || cp == '\n' ||
                     cp == '\r')
                t->flags |= NORM_BREAK;
        }
        i += step;
    }
    if (r.n > 0) {
        r.at[r.n] = len;
        emit_run(lx, &r, 0, out);
    }
    if (out->ntok >= 3)
        join_spaced(lx, text, out);
}
