/*
 * Intent recognition: what a citizen's SMS asks for, and its argument.
 *
 * The message is read into words first (parsers/normalize.c), each looked
 * up once in the lexicon (parsers/lexicon.c).  Then, in this order:
 *
 *   1. the preamble is skipped: greetings, forms of address, courtesy and
 *      fillers ("Assalamualaikum pak, sy mau ..."); the first word after
 *      it is the lead;
 *   2. opt-out comes before anything else: a message made only of an
 *      opt-out keyword and the small words of an opt-out ("stop sms saja",
 *      "UNREG AGENDA", "sampun, mandheg mawon"), or of a negation or a
 *      cancel word and sending ("jangan kirim sms lagi", "batal daftar");
 *   3. a language choice: "BAHASA JAWA", "ganti bahasa inggris", "english";
 *   4. a keyword at the lead (or right after a wish further in: "saya
 *      warga Sooko mau lapor ..."): exact, split over two words ("LA POR"),
 *      mistyped within a bounded edit distance, or typed without vowels;
 *      the words after it may still send it elsewhere ("cek jadwal rapat"
 *      is agenda, "daftar anggota dewan" is info, "bantuan sosial tidak
 *      cair" is a complaint, "terima kasih infonya" is thanks);
 *      a proposal or question keyword (USUL, TANYA) may name a session
 *      ("USUL 12 ...", "TANYA #12 ..."); a question keyword is one only
 *      where the message opens with it ("Pak, tanya ...", not "sy mau
 *      tanya ..."), and even there the words after it may ask what the
 *      service answers at once ("tanya status 4821937" is status);
 *   5. without a keyword, the vocabulary decides: a ticket number, a
 *      question about sessions, budget, members or contact, how to use the
 *      service, a wish for announcements, and finally problems, things and
 *      places that make a complaint; what is left is chatter.
 *
 * Confidence, 0 to 100 (INTENT_CONFIDENT is 60):
 *   100     an exact keyword alone, or with an argument that fits it
 *           ("STATUS 4821937" with a valid code);
 *   90-95   an exact keyword after a preamble or with more words, or one
 *           read through look-alike digits or spaced letters;
 *   85      a keyword split over two words; a status follow-up with a number;
 *   70-80   a mistyped keyword (75 at distance 1, 70 beyond), a
 *           keyword-less request with clear words, a keyword-less
 *           complaint with clear problem vocabulary (70-90 as it grows);
 *   40-59   a keyword-less complaint with weak evidence (the service asks
 *           "Maksud Anda ADUAN? Balas 1 jika ya");
 *   0-30    unknown: 0 for nothing readable, 10 for greetings and chatter,
 *           20-30 for words that point nowhere.
 *
 * Everything works on a bounded array of tokens on the stack: no
 * allocation, no globals; the lexicon is only read, so one lexicon serves
 * every thread.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "parsers/intent.h"
#include "parsers/normalize.h"

/* Words skipped before the lead. */
#define SKIP (LX_GREET | LX_ADDRESS | LX_COURTESY | LX_FILLER | LX_THANKS)

/* The small words of an opt-out message. */
#define OPTOUT_TAIL                                                                                \
    (LX_OPTOUT | LX_ADDRESS | LX_COURTESY | LX_THANKS | LX_PARTICLE | LX_FILLER | LX_SEND |        \
     LX_NEGATION)

/* At most this many words may stand with an opt-out keyword ("stop kirim
 * sms ke nomor saya ya pak"). */
#define OPTOUT_TAIL_MAX 8

/* A keyword further in counts as the lead when a wish stands right before
 * it ("saya dari desa Sooko mau lapor ..."), within this many tokens. */
#define WISH_REACH 12

static const char *const intent_names[INTENT__COUNT] = {
    [INTENT_UNKNOWN] = "unknown",
    [INTENT_COMPLAINT] = "complaint",
    [INTENT_STATUS] = "status",
    [INTENT_AGENDA] = "agenda",
    [INTENT_INFO] = "info",
    [INTENT_SUBSCRIBE] = "subscribe",
    [INTENT_UNSUBSCRIBE] = "unsubscribe",
    [INTENT_HELP] = "help",
    [INTENT_LANGUAGE] = "language",
    [INTENT_PROPOSAL] = "proposal",
};

static const char *const lang_codes[LANG__COUNT] = {
    [LANG_NONE] = "",
    [LANG_ID] = "id",
    [LANG_JV] = "jv",
    [LANG_EN] = "en",
};

const char *
intent_name(enum intent in)
{
    if ((unsigned)in >= INTENT__COUNT)
        return intent_names[INTENT_UNKNOWN];
    return intent_names[in];
}

int
intent_from_name(const char *name, enum intent *out)
{
    size_t i;

    if (name == NULL)
        return -1;
    for (i = 0; i < INTENT__COUNT; i++) {
        if (strcmp(name, intent_names[i]) == 0) {
            *out = (enum intent)i;
            return 0;
        }
    }
    return -1;
}

const char *
lang_code(enum lang l)
{
    if ((unsigned)l >= LANG__COUNT)
        return lang_codes[LANG_NONE];
    return lang_codes[l];
}

int
lang_from_code(const char *code, enum lang *out)
{
    size_t i;

    if (code == NULL)
        return -1;
    for (i = LANG_ID; i < LANG__COUNT; i++) {
        if (strcmp(code, lang_codes[i]) == 0) {
            *out = (enum lang)i;
            return 0;
        }
    }
    return -1;
}

/* The message being classified. */
struct msg {
    const struct lexicon *lx;
    const char *text;
    size_t len;
    struct norm_text nt;
    const struct lexicon_word *lw[NORM_TOKENS_MAX]; /* what the lexicon says, or NULL */
    signed char kw[NORM_TOKENS_MAX];                /* exact keyword: its intent, or -1 */
    unsigned char ignore[NORM_TOKENS_MAX];          /* reduplication marks ("bapak2") */
    unsigned char plain[NORM_TOKENS_MAX];           /* read as a word, never as a keyword */
    unsigned char asks[NORM_TOKENS_MAX];            /* the exact keyword asks a question */
};

/* What the words from some token on say, summed. */
struct tally {
    int problem;    /* weights of LX_PROBLEM */
    int action;     /* weights of LX_ACTION */
    int object;     /* LX_OBJECT words */
    int place;      /* LX_PLACE words */
    int session;    /* LX_SESSION words */
    int when;       /* LX_WHEN words */
    int question;   /* LX_QUESTION words and question marks */
    int howto;      /* LX_HOWTO words */
    int ticket;     /* LX_TICKET words */
    int progress;   /* LX_PROGRESS words */
    int mine;       /* LX_MINE words */
    int reported;   /* LX_REPORTED words, and complaint keywords */
    int past;       /* LX_PAST words */
    int subscribe;  /* LX_SUBSCRIBE words, and subscribe keywords */
    int send;       /* LX_SEND words */
    int infoword;   /* LX_INFOWORD words */
    int negation;   /* LX_NEGATION words: "tidak ada", "belum", "mboten" */
    int topic;      /* the first topic named, or -1 */
    int meaningful; /* words that are not preamble, endings or chatter */
    int numbers;    /* numbers */
    int words;      /* tokens counted */
    int kwany[INTENT__COUNT];
};

static uint32_t
cls(const struct msg *m, size_t i)
{
    return m->lw[i] != NULL ? m->lw[i]->cls : 0;
}

static int
is_number(const struct msg *m, size_t i)
{
    return m->nt.tok[i].kind == NORM_NUMBER;
}

/* A token that starts a preamble or belongs to one. */
static int
is_skip(const struct msg *m, size_t i)
{
    return m->kw[i] < 0 && !is_number(m, i) && (cls(m, i) & SKIP) != 0;
}

/*
 * What the lexicon knows of an unknown word through its stem, when it ends
 * in a possessive or definite ending: "jalannya", "banyune", "dalane",
 * "omahku".  Only the stem's classes count: a keyword with an ending is no
 * keyword here (the normaliser cut "statusnya" already).  NULL when none.
 */
static const struct lexicon_word *
stem_of(const struct lexicon *lx, const struct norm_token *t)
{
    static const char *const endings[] = {"nya", "ne", "ku", "mu", "e"};
    const struct lexicon_word *w;
    size_t i, el;

    for (i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
        el = strlen(endings[i]);
        if (t->wlen < el + 3 || memcmp(t->word + t->wlen - el, endings[i], el) != 0)
            continue;
        w = lexicon_find(lx, t->word, t->wlen - el);
        if (w != NULL && w->intent < 0)
            return w;
    }
    return NULL;
}

static void
msg_read(struct msg *m, const struct lexicon *lx, const char *text, size_t len)
{
    size_t i;

    m->lx = lx;
    m->text = text;
    m->len = len;
    norm_text_read(lx, text, len, &m->nt);
    for (i = 0; i < m->nt.ntok; i++) {
        const struct norm_token *t = &m->nt.tok[i];
        const struct lexicon_word *f = NULL;

        m->ignore[i] = 0;
        m->plain[i] = 0;
        m->asks[i] = 0;
        m->lw[i] = NULL;
        m->kw[i] = -1;
        if (t->kind == NORM_NUMBER) {
            /* "bapak2", "kirim2": a 2 glued to a word repeats it */
            if (i > 0 && t->flen == 1 && t->form[0] == '2' && m->nt.tok[i - 1].kind == NORM_WORD &&
                m->nt.tok[i - 1].off + m->nt.tok[i - 1].len == t->off)
                m->ignore[i] = 1;
            continue;
        }
        /* The form as typed decides a keyword ("pa" is no "pak" keyword);
         * the expanded word decides everything else. */
        if (t->flen != t->wlen || memcmp(t->form, t->word, t->flen) != 0)
            f = lexicon_find(lx, t->form, t->flen);
        m->lw[i] = lexicon_find(lx, t->word, t->wlen);
        if (f != NULL && f->intent >= 0) {
            m->kw[i] = f->intent;
            m->asks[i] = (f->cls & LX_QUESTION) != 0;
        } else if (m->lw[i] != NULL && m->lw[i]->intent >= 0) {
            m->kw[i] = m->lw[i]->intent;
            m->asks[i] = (m->lw[i]->cls & LX_QUESTION) != 0;
        }
        if (m->lw[i] == NULL)
            m->lw[i] = f;
        if (m->lw[i] == NULL)
            m->lw[i] = stem_of(lx, t);
    }
}

/* Sums what tokens [from, to) say. */
static void
tally(const struct msg *m, size_t from, size_t to, struct tally *t)
{
    size_t i;

    memset(t, 0, sizeof(*t));
    t->topic = -1;
    for (i = from; i < to; i++) {
        const struct lexicon_word *w = m->lw[i];
        uint32_t c = cls(m, i);

        if (m->ignore[i])
            continue;
        t->words++;
        if (m->nt.tok[i].flags & NORM_QUESTION)
            t->question++;
        if (is_number(m, i)) {
            t->numbers++;
            t->meaningful++;
            continue;
        }
        if (m->kw[i] >= 0)
            t->kwany[m->kw[i]]++;
        if (w == NULL) {
            t->meaningful++;
            continue;
        }
        if (!(c & (SKIP | LX_PARTICLE | LX_CHATTER)) || m->kw[i] >= 0)
            t->meaningful++;
        if (c & LX_PROBLEM)
            t->problem += w->weight;
        if (c & LX_ACTION)
            t->action += w->weight;
        t->object += (c & LX_OBJECT) != 0;
        t->place += (c & LX_PLACE) != 0;
        t->session += (c & LX_SESSION) != 0;
        t->when += (c & LX_WHEN) != 0;
        t->question += (c & LX_QUESTION) != 0;
        t->howto += (c & LX_HOWTO) != 0;
        t->ticket += (c & LX_TICKET) != 0;
        t->progress += (c & LX_PROGRESS) != 0;
        t->mine += (c & LX_MINE) != 0;
        t->reported += (c & LX_REPORTED) != 0 || m->kw[i] == INTENT_COMPLAINT;
        t->past += (c & LX_PAST) != 0;
        t->subscribe += (c & LX_SUBSCRIBE) != 0 || m->kw[i] == INTENT_SUBSCRIBE;
        t->send += (c & LX_SEND) != 0;
        t->infoword += (c & LX_INFOWORD) != 0;
        t->negation += (c & LX_NEGATION) != 0;
        if (t->topic < 0 && w->topic >= 0)
            t->topic = w->topic;
    }
}

/* The first token from i on that is not preamble; m->nt.ntok if none. */
static size_t
skip_preamble(const struct msg *m, size_t i)
{
    while (i < m->nt.ntok && (is_skip(m, i) || m->ignore[i]))
        i++;
    return i;
}

/*
 * The language the message is written in: each word that marks a language
 * counts for it, and one language must lead clearly, with more than twice
 * the marks of any other (one mark is enough when no other language has
 * any).  Keywords and the vocabulary Javanese borrows from Indonesian mark
 * nothing, so "STATUS 4821937" is LANG_NONE and a Javanese complaint with
 * Indonesian words in it is still Javanese.  The word after "komisi" is a
 * numeral ("KOMISI III" reads "komisi i") and marks nothing.  LANG_NONE
 * otherwise.
 */
static enum lang
detect_lang(const struct msg *m)
{
    int score[LANG__COUNT] = {0};
    size_t i;
    int l, best = LANG_NONE, second = 0;

    for (i = 0; i < m->nt.ntok; i++) {
        if (m->lw[i] == NULL)
            continue;
        /* "KOMISI I" / "KOMISI III" (read "i"): a numeral, not English "I" */
        if (i > 0 && strcmp(m->nt.tok[i - 1].word, "komisi") == 0)
            continue;
        for (l = LANG_ID; l < LANG__COUNT; l++)
            if (m->lw[i]->lang & LX_LANG(l))
                score[l]++;
    }
    for (l = LANG_ID; l < LANG__COUNT; l++) {
        if (best == LANG_NONE || score[l] > score[best]) {
            if (best != LANG_NONE && score[best] > second)
                second = score[best];
            best = l;
        } else if (score[l] > second) {
            second = score[l];
        }
    }
    if (best == LANG_NONE || score[best] == 0)
        return LANG_NONE;
    if (second == 0 || score[best] > 2 * second)
        return (enum lang)best;
    return LANG_NONE;
}

/* The letter a digit resembles at the end of a word, as the normaliser
 * reads it inside one. */
static char
lookalike_letter(char d)
{
    static const char map[10] = {'o', 'i', 0, 'e', 'a', 's', 0, 't', 'b', 0};

    return d >= '0' && d <= '9' ? map[d - '0'] : 0;
}

/* A keyword read at token i. */
struct kwhit {
    enum intent in;
    size_t next;    /* the token after the keyword */
    int confidence; /* as read: exact, split, mistyped */
    int question;   /* a proposal keyword that asks a question (TANYA) */
};

static int question_soft(const struct msg *m, size_t i, size_t next);

/*
 * Reads a keyword at token i: exact (95, or 90 through look-alike digits or
 * spaced letters), two words that make one ("LA POR", 85), or a typo (75 at
 * distance 1, 70 beyond or without vowels).  A question keyword that is
 * the verb of a sentence there (question_soft()) is none, and a token
 * marked plain is a word.  Returns 1 and fills *h, or 0.
 */
static int
keyword_at(const struct msg *m, size_t i, struct kwhit *h)
{
    const struct norm_token *t, *u;
    char two[2 * NORM_WORD_MAX + 1];
    const struct lexicon_word *w;
    int d;

    if (i >= m->nt.ntok || is_number(m, i) || m->plain[i])
        return 0;
    t = &m->nt.tok[i];
    if (m->kw[i] >= 0) {
        h->in = (enum intent)m->kw[i];
        h->next = i + 1;
        h->confidence = (t->flags & (NORM_LOOKALIKE | NORM_SPACED)) ? 90 : 95;
        h->question = m->asks[i];
        return 1;
    }
    w = NULL;
    /* a look-alike digit cut off at the end ("inf0", "stat5") */
    if (i + 1 < m->nt.ntok && is_number(m, i + 1) && m->nt.tok[i + 1].flen == 1 &&
        m->nt.tok[i + 1].off == t->off + t->len && t->flen >= 3 && t->flen < NORM_WORD_MAX &&
        (i + 2 >= m->nt.ntok || m->nt.tok[i + 2].off > m->nt.tok[i + 1].off + 1)) {
        char c = lookalike_letter(m->nt.tok[i + 1].form[0]);

        if (c != 0) {
            memcpy(two, t->form, t->flen);
            two[t->flen] = c;
            w = lexicon_find(m->lx, two, t->flen + 1u);
            if (w != NULL && w->intent >= 0) {
                h->next = i + 2;
                h->confidence = 90;
                goto found;
            }
        }
    }
    /* two words that make a keyword of five letters or more */
    if (i + 1 < m->nt.ntok && !is_number(m, i + 1) && m->kw[i + 1] < 0) {
        u = &m->nt.tok[i + 1];
        if (t->flen + u->flen >= 5 && t->flen + u->flen <= NORM_WORD_MAX &&
            u->off - (t->off + t->len) == 1 && !(t->flags & NORM_BREAK)) {
            memcpy(two, t->form, t->flen);
            memcpy(two + t->flen, u->form, u->flen);
            w = lexicon_find(m->lx, two, t->flen + u->flen);
            if (w != NULL && w->intent >= 0 && (m->lw[i] == NULL || m->lw[i + 1] == NULL)) {
                h->next = i + 2;
                h->confidence = 85;
                goto found;
            }
        }
    }
    if (m->lw[i] != NULL || (t->flags & NORM_ABBREV))
        return 0;
    w = lexicon_near_keyword(m->lx, t->form, t->flen, &d);
    if (w == NULL)
        return 0;
    h->next = i + 1;
    h->confidence = d == 1 ? 75 : 70;

found:
    h->in = (enum intent)w->intent;
    h->question = (w->cls & LX_QUESTION) != 0;
    /* an exact question keyword was weighed when the message was read */
    if (h->in == INTENT_PROPOSAL && h->question && question_soft(m, i, h->next))
        return 0;
    return 1;
}

/* The byte offset where the text after token i begins (past its
 * separators), and the trimmed end. */
static size_t
after_token(const struct msg *m, size_t i)
{
    size_t p;

    if (i >= m->nt.ntok)
        return m->nt.end;
    p = m->nt.tok[i].off + m->nt.tok[i].len;
    while (p < m->nt.end) {
        unsigned char c = (unsigned char)m->text[p];

        if (c == ' ' || (c >= '\t' && c <= '\r') || c == ':' || c == '.' || c == ',' || c == '-' ||
            c == ';' || c == '!' || c == '=' || c == '_' || c == '/')
            p++;
        else
            break;
    }
    return p;
}

static void
set_arg(const struct msg *m, size_t from, struct intent_arg *out)
{
    if (from > m->nt.end)
        from = m->nt.end;
    out->off = from;
    out->len = m->nt.end - from;
}

/* The argument after keyword token k: what follows it, trimmed, without
 * the forms of address and courtesy right after it ("aduan pak, jalan
 * ..."). */
static void
arg_after(const struct msg *m, size_t k, struct intent_arg *out)
{
    while (k + 1 < m->nt.ntok && m->kw[k + 1] < 0 && !is_number(m, k + 1) &&
           (cls(m, k + 1) & (LX_GREET | LX_ADDRESS | LX_COURTESY)) != 0)
        k++;
    set_arg(m, after_token(m, k), out);
}

/* The argument from token i on (a complaint without a keyword, or a
 * question). */
static void
arg_from(const struct msg *m, size_t i, struct intent_arg *out)
{
    set_arg(m, i < m->nt.ntok ? m->nt.tok[i].off : m->nt.end, out);
}

/* Small words that may stand between a proposal keyword, its session and
 * its text: greetings, forms of address, courtesy and particles ("tanya
 * dong pak, ...", "USUL 12 mohon ..."), up to the end of a clause ("tanya
 * min, dprd sudah ..." keeps "dprd"). */
static size_t
skip_small(const struct msg *m, size_t i)
{
    while (i < m->nt.ntok && m->kw[i] < 0 && !is_number(m, i) &&
           ((cls(m, i) & (LX_GREET | LX_ADDRESS | LX_COURTESY | LX_PARTICLE)) || m->ignore[i])) {
        if (m->nt.tok[i++].flags & NORM_BREAK)
            break;
    }
    return i;
}

#define SESSION_DIGITS_MAX 6

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/*
 * The session a proposal names from token i on (the token after its
 * keyword): after small words, a number of 1 to SESSION_DIGITS_MAX digits
 * (1 to 999999), maybe after "#" (a separator, as the agenda answer writes
 * "#12"), "no", "nomor" or "agenda"; not glued to letters, not continued
 * as a date, a time or a decimal ("2/12", "09.00", "1,5"), and followed
 * by more words.  A longer number is no session: "TANYA 4821937" names a
 * ticket.  Returns the number and sets *text to the token after it, or
 * returns 0.
 */
static long
session_at(const struct msg *m, size_t i, size_t *text)
{
    const struct norm_token *t;
    size_t p, k;
    long v = 0;

    i = skip_small(m, i);
    if (i + 1 < m->nt.ntok && !is_number(m, i) && is_number(m, i + 1) &&
        (strcmp(m->nt.tok[i].word, "nomor") == 0 || strcmp(m->nt.tok[i].word, "agenda") == 0))
        i++;
    if (i >= m->nt.ntok || !is_number(m, i))
        return 0;
    t = &m->nt.tok[i];
    if (t->len > SESSION_DIGITS_MAX)
        return 0;
    for (k = 0; k < t->len; k++) {
        if (!is_digit(m->text[t->off + k]))
            return 0;
        v = 10 * v + (m->text[t->off + k] - '0');
    }
    p = t->off + t->len;
    if (p < m->len) {
        unsigned char c = (unsigned char)m->text[p];

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return 0;
        if ((c == '.' || c == ',' || c == ':' || c == '/' || c == '-') && p + 1 < m->len &&
            is_digit(m->text[p + 1]))
            return 0;
    }
    if (v < 1 || skip_small(m, i + 1) >= m->nt.ntok)
        return 0;
    *text = i + 1;
    return v;
}

/*
 * A question keyword (TANYA, TAKON, ASK) is also the verb of a sentence:
 * "sy mau tanya ...", "kulo badhe takon ...", "I want to ask ...", "jalan
 * rusak, tanya ...".  It is read as the keyword only when nothing but
 * greetings, forms of address, courtesy and fillers other than a wish come
 * before it ("Pak, tanya ...", "numpang tanya ...", "mohon tanya ..."), or
 * when a session follows it (next: the token after it); elsewhere it is
 * the word it was before it was a keyword, and the vocabulary decides.
 * True when the keyword at token i is such a verb.
 */
static int
question_soft(const struct msg *m, size_t i, size_t next)
{
    size_t j, text;

    for (j = 0; j < i; j++) {
        uint32_t c = cls(m, j);

        if (m->ignore[j])
            continue;
        if (is_number(m, j) || m->kw[j] >= 0 || !(c & SKIP) || (c & LX_WISH))
            return session_at(m, next, &text) == 0;
    }
    return 0;
}

/* Reads every exact question keyword that is a verb (question_soft()) as
 * its word.  From the end, so that each is weighed against the keywords
 * before it as they were read. */
static void
question_words(struct msg *m)
{
    size_t i;

    for (i = m->nt.ntok; i-- > 0;) {
        if (m->kw[i] == INTENT_PROPOSAL && m->asks[i] && question_soft(m, i, i + 1)) {
            m->kw[i] = -1;
            m->plain[i] = 1;
        }
    }
}

/*
 * Step 2: is the message an opt-out?  Every word from the lead on must be
 * an opt-out's word: an opt-out keyword (exact or mistyped), the small
 * words around it ("sms", "lagi", "saja", "ya pak", "sampun", "mawon"),
 * what to stop ("UNREG AGENDA", "UNREG KOMISI 3", "stop langganan"), at most
 * OPTOUT_TAIL_MAX + 1 of them.  With an opt-out keyword among them it is
 * an opt-out; without one, a negation or a cancel word with sending or
 * subscribing ("jangan kirim sms lagi", "batal daftar", "hentikan sms",
 * "hapus nomor saya") is one too.  A single word outside ("stop pungli
 * ...") makes it no opt-out.  Returns the confidence, 0 when it is none.
 */
static int
is_optout(const struct msg *m, size_t lead, struct intent_arg *out)
{
    struct kwhit h;
    size_t i, n = 0, first = 0;
    int conf = 0, stopper = 0, object = 0, komisi = 0;

    if (lead >= m->nt.ntok || m->nt.nwords != m->nt.ntok)
        return 0;
    for (i = lead; i < m->nt.ntok; i++) {
        const struct norm_token *t = &m->nt.tok[i];
        uint32_t c = cls(m, i);
        int k = m->kw[i];

        if (m->ignore[i])
            continue;
        if (++n > OPTOUT_TAIL_MAX + 1)
            return 0;
        /* "tanya" is a filler here, as it was before it was a keyword */
        if (k == INTENT_PROPOSAL && (c & LX_FILLER))
            k = -1;
        if (komisi) {
            /* what names a komisi: "3", "III", "C", "tiga" */
            komisi = 0;
            if (t->flen <= 5 && k < 0)
                continue;
        }
        if (is_number(m, i))
            return 0;
        if (keyword_at(m, i, &h) && h.in == INTENT_UNSUBSCRIBE) {
            if (conf == 0) {
                conf = h.confidence;
                first = h.next - 1;
            }
            i = h.next - 1;
            continue;
        }
        if (k == INTENT_SUBSCRIBE)
            object = 1;
        if (k == INTENT_SUBSCRIBE || k == INTENT_AGENDA || k == INTENT_INFO)
            continue;
        if (k >= 0)
            return 0;
        if (c & LX_SESSION) {
            komisi = strcmp(t->word, "komisi") == 0;
            continue;
        }
        if (!(c & (OPTOUT_TAIL | LX_CANCEL)))
            return 0;
        /* a negation or a cancel word (2: cancel, which may name the
         * number to drop: "hapus nomor saya") */
        if (c & (LX_NEGATION | LX_CANCEL))
            stopper |= (c & LX_CANCEL) ? 2 : 1;
        if ((c & LX_SEND) || ((stopper & 2) && (c & LX_TICKET)))
            object = 1;
    }
    if (conf > 0) {
        arg_after(m, first, out);
        return conf == 95 && n == 1 ? 100 : conf;
    }
    if (stopper && object) {
        arg_from(m, lead, out);
        return 80;
    }
    return 0;
}

/*
 * Step 3: a language choice.  The language keyword at the lead (or a
 * change word: "ganti", "pakai", "reply in") and a language name, with at
 * most a few small words after it; or a language name alone ("English
 * please").  "BAHASA" alone asks for a language without naming one
 * (LANG_NONE).  Returns the confidence, 0 when it is none.
 */
static int
is_language(const struct msg *m, size_t lead, struct intent_arg *out)
{
    size_t i = lead, name, n = 0;
    int keyword = 0, change = 0;

    if (lead >= m->nt.ntok || m->nt.nwords != m->nt.ntok)
        return 0;
    while (i < m->nt.ntok && m->kw[i] < 0 && (cls(m, i) & LX_CHANGE) &&
           !(cls(m, i) & LX_LANGNAME)) {
        change = 1;
        i++;
    }
    if (i < m->nt.ntok && m->kw[i] == INTENT_LANGUAGE) {
        keyword = 1;
        i++;
    }
    name = i;
    while (name < m->nt.ntok && (is_skip(m, name) || m->ignore[name]))
        name++;
    if (name >= m->nt.ntok || !(cls(m, name) & LX_LANGNAME) || m->kw[name] >= 0) {
        /* "BAHASA" alone */
        if (keyword && i == lead + 1 && skip_preamble(m, i) == m->nt.ntok) {
            out->lang = LANG_NONE;
            arg_after(m, lead, out);
            return 60;
        }
        return 0;
    }
    if (!keyword && !change && name != lead)
        return 0;
    /* after the name: more names ("jawa krama"), small words, nothing else */
    for (i = name + 1; i < m->nt.ntok; i++) {
        uint32_t c = cls(m, i);

        if (m->ignore[i])
            continue;
        if (is_number(m, i) || m->kw[i] >= 0 ||
            !(c & (SKIP | LX_LANGNAME | LX_CHANGE | LX_OPTOUT | LX_PARTICLE)))
            return 0;
        if (++n > 4)
            return 0;
    }
    out->lang = (enum lang)m->lw[name]->langv;
    arg_from(m, name, out);
    return keyword ? 95 : change ? 85 : 75;
}

/* Finds the ticket number in the text from byte off on. */
static void
find_ticket(const struct msg *m, size_t off, struct intent_arg *out)
{
    struct ticketref tr;
    size_t i;

    if (off > m->len)
        off = m->len;
    /* no digit, no number: look-alike letters alone make none */
    for (i = off; i < m->len && (m->text[i] < '0' || m->text[i] > '9'); i++)
        ;
    if (i == m->len || !ticketref_find(m->text + off, m->len - off, &tr))
        return;
    out->ticket_ref = tr.ref;
    memcpy(out->ticket, tr.digits, sizeof(out->ticket));
    out->ticket[sizeof(out->ticket) - 1] = '\0';
}

static int
seven_digits(const struct intent_arg *a)
{
    return a->ticket_ref == TICKET_REF_VALID || a->ticket_ref == TICKET_REF_BAD_CHECK;
}

/* Without a status keyword, a number of fewer than five digits is not
 * taken for a ticket ("laporan saya 2 minggu lalu belum ada kabar"). */
static void
keep_likely_ticket(struct intent_arg *out)
{
    if (seven_digits(out) || (out->ticket_ref == TICKET_REF_BAD_LENGTH && strlen(out->ticket) >= 5))
        return;
    out->ticket_ref = TICKET_REF_NONE;
    out->ticket[0] = '\0';
}

static void
parse_agenda(const struct msg *m, size_t off, struct intent_arg *out)
{
    if (off > m->len)
        off = m->len;
    agenda_filter_parse(m->text + off, m->len - off, &out->agenda);
}

/* The topic named by the words from token i on, exactly or mistyped. */
static int
topic_from(const struct msg *m, size_t i)
{
    size_t j;
    int which;

    for (j = i; j < m->nt.ntok; j++)
        if (m->lw[j] != NULL && m->lw[j]->topic >= 0)
            return m->lw[j]->topic;
    for (j = i; j < m->nt.ntok; j++) {
        const struct norm_token *t = &m->nt.tok[j];

        if (m->lw[j] == NULL && t->kind == NORM_WORD && t->flen >= 5 &&
            lexicon_near(m->lx, LEXICON_NEAR_TOPICS, t->form, t->flen, &which) == 1)
            return which;
    }
    return -1;
}

/* A message that refers to a complaint already made: "gimana aduan saya",
 * "laporan kami kemarin sudah ditindaklanjuti belum?" */
static int
follow_up(const struct tally *t, int asked)
{
    return (t->reported > 0 || t->ticket > 0) && (t->mine > 0 || t->past > 0) &&
           (t->progress > 0 || t->question > 0 || asked) && t->problem < 3;
}

/* Things a complaint is about (problems, objects, places, asks for action). */
static int
complaint_words(const struct tally *t)
{
    return t->problem + t->action + t->object + t->place;
}

/* A how-to word right before a keyword: "cara lapor", "carane daftar". */
static int
howto_keyword(const struct msg *m, size_t from)
{
    size_t i;

    for (i = from; i + 1 < m->nt.ntok; i++)
        if ((cls(m, i) & LX_HOWTO) && m->kw[i] < 0 && m->kw[i + 1] >= 0)
            return 1;
    return 0;
}

/* Words of a wish for announcements in the whole message ("dapat",
 * "langganan", "terima" but not "terima kasih"). */
static int
subscribe_words(const struct msg *m)
{
    size_t i;
    int n = 0;

    for (i = 0; i < m->nt.ntok; i++) {
        if (!(cls(m, i) & LX_SUBSCRIBE) && m->kw[i] != INTENT_SUBSCRIBE)
            continue;
        if ((cls(m, i) & LX_THANKS) && i + 1 < m->nt.ntok && (cls(m, i + 1) & LX_THANKS))
            continue;
        n++;
    }
    return n;
}

/* True when a wish ("mau", "ingin", "badhe", "want") stands from token i
 * on. */
static int
wish_in(const struct msg *m, size_t i)
{
    for (; i < m->nt.ntok; i++)
        if (cls(m, i) & LX_WISH)
            return 1;
    return 0;
}

/* The lead names a topic: "perda tentang sampah ada?" asks about a
 * regulation, whatever it is about. */
static int
topic_leads(const struct msg *m, size_t lead)
{
    return lead < m->nt.ntok && m->lw[lead] != NULL && m->lw[lead]->topic >= 0;
}

/* Kapan, when: a question about time. */
static int
when_question(const struct msg *m, size_t from)
{
    size_t i;

    for (i = from; i < m->nt.ntok; i++)
        if ((cls(m, i) & (LX_WHEN | LX_QUESTION)) == (LX_WHEN | LX_QUESTION))
            return 1;
    return 0;
}

/* A question that names both a session and an information topic asks
 * about the topic unless it asks when ("siapa ketua komisi 3?" is about
 * members, "kapan rapat banggar bahas apbd?" about a session). */
static int
asks_info_not_agenda(const struct msg *m, size_t lead, const struct tally *t)
{
    return t->topic >= 0 && t->when == 0 && !when_question(m, lead);
}

/*
 * A message about sessions asks for the agenda when it is a question (or
 * names a time) and its problem words, if any, come after the session
 * ("kapan rapat komisi 1 bahas jalan rusak?"); or when it is short and
 * names nothing a complaint is about ("rapat paripurna besok").  "tiap
 * reses anggota dewan datang janji perbaikan jembatan ..." is a complaint.
 */
static int
agenda_question(const struct msg *m, size_t lead, const struct tally *t, int asked)
{
    size_t i, session = m->nt.ntok, problem = m->nt.ntok;

    if (asked || t->question > 0) {
        if (t->problem < 3)
            return 1;
        for (i = lead; i < m->nt.ntok; i++) {
            uint32_t c = cls(m, i);

            if ((c & LX_SESSION) && session == m->nt.ntok)
                session = i;
            if ((c & LX_PROBLEM) && m->lw[i]->weight >= 2 && problem == m->nt.ntok)
                problem = i;
        }
        return session < problem;
    }
    return t->meaningful <= 6 && t->problem < 2 && t->object + t->place <= 1;
}

/*
 * Step 5: no keyword decided.  Reads the words from the lead on.
 */
static enum intent
classify_words(const struct msg *m, size_t lead, struct intent_arg *out)
{
    struct tally t;
    int score, words, asked = m->nt.questions > 0;

    tally(m, lead, m->nt.ntok, &t);
    find_ticket(m, 0, out);
    arg_from(m, lead, out);

    if (t.meaningful == 0) {
        out->confidence = 10;
        return INTENT_UNKNOWN;
    }
    /* a bare number */
    if (t.numbers == t.meaningful) {
        if (out->ticket_ref == TICKET_REF_VALID) {
            out->confidence = 90;
            return INTENT_STATUS;
        }
        if (out->ticket_ref == TICKET_REF_BAD_CHECK) {
            out->confidence = 70;
            return INTENT_STATUS;
        }
        out->ticket_ref = TICKET_REF_NONE;
        out->ticket[0] = '\0';
        out->confidence = 10;
        return INTENT_UNKNOWN;
    }
    /* a ticket number with words about it */
    if (seven_digits(out) && t.problem < 3 &&
        (t.ticket + t.progress + t.reported + t.mine + t.question + t.kwany[INTENT_STATUS] > 0 ||
         asked || t.meaningful <= 4)) {
        out->confidence = out->ticket_ref == TICKET_REF_VALID ? 85 : 75;
        return INTENT_STATUS;
    }
    /* how to use the service: "cara lapor", "format aduan gimana?" */
    if ((howto_keyword(m, lead) && t.meaningful <= 8) ||
        (t.howto + t.kwany[INTENT_HELP] > 0 && t.problem < 2 && t.meaningful <= 7 && t.topic < 0 &&
         (t.howto > 0 || complaint_words(&t) == 0))) {
        out->ticket_ref = TICKET_REF_NONE;
        out->ticket[0] = '\0';
        out->confidence = 75;
        return INTENT_HELP;
    }
    if (follow_up(&t, asked)) {
        keep_likely_ticket(out);
        out->confidence = 70;
        return INTENT_STATUS;
    }
    out->ticket_ref = TICKET_REF_NONE;
    out->ticket[0] = '\0';
    /* announcements: "saya mau dapat sms pengumuman dari dprd" */
    if (subscribe_words(m) > 0 && (t.send > 0 || t.kwany[INTENT_INFO] > 0 || wish_in(m, 0)) &&
        t.when == 0 && t.negation == 0 && complaint_words(&t) <= 1 && t.question == 0 && !asked &&
        t.meaningful <= 8) {
        parse_agenda(m, out->off, out);
        out->confidence = 65;
        return INTENT_SUBSCRIBE;
    }
    /* sessions, and budget, regulations, members, contact */
    if (t.session > 0 && asks_info_not_agenda(m, lead, &t))
        t.session = 0;
    if (t.session > 0 && agenda_question(m, lead, &t, asked)) {
        parse_agenda(m, out->off, out);
        out->confidence = t.when > 0 || t.question > 0 || asked ? 80 : 65;
        return INTENT_AGENDA;
    }
    if (t.topic >= 0 &&
        (t.problem < 3 || (topic_leads(m, lead) && (t.question > 0 || asked) && t.problem <= 3)) &&
        (t.question > 0 || asked || t.meaningful <= 4 ||
         (complaint_words(&t) == 0 && t.negation == 0 && t.meaningful <= 7) ||
         (t.infoword > 0 && t.meaningful <= 6))) {
        out->topic = t.topic;
        out->confidence = t.question > 0 || asked ? 80 : 65;
        return INTENT_INFO;
    }
    /* a complaint: problems, and things and places, something missing
     * ("tdk ada dokter", "mboten mili"), asks for action, length */
    score = t.problem + t.action + (t.object < 3 ? t.object : 3) + (t.place < 2 ? t.place : 2) +
            2 * t.reported;
    if (t.negation > 0 && t.object + t.place > 0)
        score += t.negation < 2 ? t.negation : 2;
    /* the length of the whole message, read or not */
    words = t.words + (int)(m->nt.nwords - m->nt.ntok);
    if (words >= 8)
        score++;
    if (words >= 15)
        score++;
    if (t.problem >= 3 || (t.problem >= 2 && t.object + t.place + t.action > 0) ||
        (t.problem >= 1 && t.negation > 0 && t.object > 0) ||
        (t.action >= 2 && t.object + t.place > 0) || score >= 5) {
        out->confidence = 60 + 4 * score;
        if (out->confidence < 70)
            out->confidence = 70;
        if (out->confidence > 90)
            out->confidence = 90;
        return INTENT_COMPLAINT;
    }
    if (score >= 2 || t.meaningful >= 6) {
        out->confidence = 40 + 4 * score;
        if (out->confidence > 56)
            out->confidence = 56;
        return INTENT_COMPLAINT;
    }
    out->confidence = t.meaningful > 2 ? 30 : 20;
    return INTENT_UNKNOWN;
}

/*
 * Step 4: a keyword at token h->next - 1.  Returns the intent, or
 * INTENT__COUNT when the words after the keyword say it is not one
 * ("bantuan sosial tidak cair", "stop pungli ..."), so the vocabulary
 * decides.
 */
/*
 * After a complaint keyword (or USUL read like one): the rest may show the
 * message is not a new complaint after all: a question how to use the
 * keyword (help), a ticket number (status), or a follow-up of something
 * reported before (status).  Returns that intent, or INTENT_UNKNOWN when it
 * is new, with the ticket fields cleared.
 */
static enum intent
not_really_new(const struct msg *m, size_t k, size_t restoff, struct tally *tp, int asked,
               struct intent_arg *out)
{
    if (tp->howto > 0 && tp->meaningful <= 5 && tp->problem < 2) {
        out->confidence = 80;
        return INTENT_HELP;
    }
    find_ticket(m, restoff, out);
    if (seven_digits(out) && tp->problem < 3) {
        out->confidence = 85;
        return INTENT_STATUS;
    }
    if (cls(m, k) & LX_REPORTED)
        tp->reported++;
    if (tp->reported > 0 && follow_up(tp, asked)) {
        keep_likely_ticket(out);
        out->confidence = 75;
        return INTENT_STATUS;
    }
    out->ticket_ref = TICKET_REF_NONE;
    out->ticket[0] = '\0';
    return INTENT_UNKNOWN;
}

static enum intent
classify_keyword(const struct msg *m, const struct kwhit *h, struct intent_arg *out)
{
    size_t k = h->next - 1, rest = h->next, i;
    size_t restoff = after_token(m, k);
    struct tally t;
    int alone, komisi, asked = m->nt.questions > 0;
    enum intent other;

    tally(m, rest, m->nt.ntok, &t);
    alone = t.meaningful == 0;
    out->confidence = h->confidence;
    arg_after(m, k, out);

    switch (h->in) {
    case INTENT_COMPLAINT:
        if ((other = not_really_new(m, k, restoff, &t, asked, out)) != INTENT_UNKNOWN)
            return other;
        if (alone && h->confidence == 95)
            out->confidence = 100;
        return INTENT_COMPLAINT;

    case INTENT_STATUS:
        find_ticket(m, restoff, out);
        if (out->ticket_ref != TICKET_REF_NONE) {
            if (out->ticket_ref == TICKET_REF_VALID && h->confidence == 95)
                out->confidence = 100;
            return INTENT_STATUS;
        }
        if (t.session > 0) {
            parse_agenda(m, restoff, out);
            return INTENT_AGENDA;
        }
        if (t.topic >= 0 && t.reported == 0 && t.ticket == 0) {
            out->topic = t.topic;
            return INTENT_INFO;
        }
        if (t.problem >= 3 && t.meaningful >= 3 && t.reported == 0 && t.ticket == 0)
            return INTENT__COUNT;
        return INTENT_STATUS;

    case INTENT_AGENDA:
        if (t.problem >= 3 && t.session == 0 && t.when == 0 && t.meaningful >= 4)
            return INTENT__COUNT;
        parse_agenda(m, restoff, out);
        if (alone && h->confidence == 95)
            out->confidence = 100;
        return INTENT_AGENDA;

    case INTENT_INFO:
        find_ticket(m, restoff, out);
        if (seven_digits(out) || t.kwany[INTENT_STATUS] > 0) {
            /* "info status aduan 4821937" */
            keep_likely_ticket(out);
            return INTENT_STATUS;
        }
        out->ticket_ref = TICKET_REF_NONE;
        out->ticket[0] = '\0';
        out->topic = topic_from(m, rest);
        if (out->topic >= 0) {
            if (h->confidence == 95)
                out->confidence = 100;
            return INTENT_INFO;
        }
        if (t.session > 0) {
            parse_agenda(m, restoff, out);
            return INTENT_AGENDA;
        }
        if (t.howto > 0 && t.meaningful <= 5)
            return INTENT_HELP;
        if (t.problem >= 3 || (t.problem >= 2 && complaint_words(&t) >= 4))
            return INTENT__COUNT;
        if (alone && h->confidence == 95)
            out->confidence = 100;
        return INTENT_INFO;

    case INTENT_SUBSCRIBE:
        if (t.howto > 0 && t.meaningful <= 5)
            return INTENT_HELP;
        if (t.topic >= 0 && t.session == 0) {
            /* "daftar anggota dewan": the list of members */
            out->topic = t.topic;
            out->confidence = 75;
            return INTENT_INFO;
        }
        if (t.problem >= 2 || (complaint_words(&t) >= 3 && t.session == 0))
            return INTENT__COUNT;
        parse_agenda(m, restoff, out);
        if (out->agenda.when != AGENDA_WHEN_NEXT && t.subscribe == 0) {
            /* "daftar rapat minggu ini": the sessions of the week */
            out->confidence = 70;
            return INTENT_AGENDA;
        }
        /* a subscription names a komisi at most */
        komisi = out->agenda.komisi;
        memset(&out->agenda, 0, sizeof(out->agenda));
        out->agenda.komisi = komisi;
        if (alone && h->confidence == 95)
            out->confidence = 100;
        return INTENT_SUBSCRIBE;

    case INTENT_UNSUBSCRIBE:
        /* not an opt-out (step 2 said so): its words decide */
        return INTENT__COUNT;

    case INTENT_HELP:
        if (t.problem >= 2 || t.object + t.place > 0 || t.meaningful > 4)
            return INTENT__COUNT;
        if (alone && h->confidence == 95)
            out->confidence = 100;
        return INTENT_HELP;

    case INTENT_LANGUAGE:
        /* step 3 took every language choice */
        return INTENT__COUNT;

    case INTENT_PROPOSAL:
        out->question = h->question;
        if ((out->session = session_at(m, rest, &i)) > 0) {
            set_arg(m, m->nt.tok[skip_small(m, i)].off, out);
            return INTENT_PROPOSAL;
        }
        if (!h->question) {
            /* read as a complaint keyword is: "usul caranya gimana?",
             * "usulan saya kemarin sudah ditanggapi belum?" */
            if ((other = not_really_new(m, k, restoff, &t, asked, out)) != INTENT_UNKNOWN)
                return other;
        }
        i = skip_small(m, rest);
        set_arg(m, i < m->nt.ntok ? m->nt.tok[i].off : m->nt.end, out);
        if (alone && h->confidence == 95)
            out->confidence = 100;
        return INTENT_PROPOSAL;

    case INTENT_UNKNOWN:
    case INTENT__COUNT:
        break;
    }
    return INTENT__COUNT;
}

/* Thanks, then a word with an ending and nothing else: "terima kasih
 * infonya", "makasih jawabannya", "matur nuwun agendane". */
static int
thanks_for(const struct msg *m, size_t lead)
{
    size_t i;
    int thanks = 0;

    for (i = 0; i < lead; i++)
        thanks |= (cls(m, i) & LX_THANKS) != 0;
    if (!thanks || lead + 1 >= m->nt.ntok || !(cls(m, lead + 1) & LX_PARTICLE) ||
        !(m->nt.tok[lead + 1].flags & NORM_SPLIT))
        return 0;
    return skip_preamble(m, lead + 2) == m->nt.ntok;
}

/* Clears *out for a fresh reading of the message. */
static void
arg_reset(struct intent_arg *out, enum lang lang)
{
    memset(out, 0, sizeof(*out));
    out->ticket_ref = TICKET_REF_NONE;
    out->topic = -1;
    out->lang = lang;
}

/* A wish right before a keyword further in: "mau", "ingin", "badhe",
 * "mohon", "want". */
static int
wish_before(const struct msg *m, size_t i)
{
    return i > 0 && m->kw[i - 1] < 0 && (cls(m, i - 1) & (LX_WISH | LX_COURTESY)) != 0;
}

static enum intent read_from_lead(struct msg *m, struct intent_arg *out, int again);

/*
 * TANYA at the lead without a session (h, at token lead) is a question for
 * the DPRD, unless the words after it ask what the service answers at once:
 * a complaint's status ("tanya status 4821937", "numpang tanya aduan saya
 * 4821937 gimana"), the agenda in a few words ("tanya jadwal rapat
 * paripurna"), how to use the service ("tanya cara lapor"), an information
 * page in fewer words ("tanya alamat kantor dprd"), an opt-out or a
 * language.  To know, the message is read again with the keyword as the
 * word it is.  A complaint, a subscription or chatter after TANYA stays a
 * question: the citizen asked.
 */
static enum intent
question_or_answer(struct msg *m, size_t lead, const struct kwhit *h, struct intent_arg *out)
{
    struct intent_arg q = *out;
    struct tally t;
    enum intent in;
    size_t i;

    tally(m, h->next, m->nt.ntok, &t);
    for (i = lead; i < h->next; i++) {
        m->kw[i] = -1;
        m->plain[i] = 1;
    }
    arg_reset(out, q.lang);
    in = read_from_lead(m, out, 1);
    switch (in) {
    case INTENT_STATUS:
    case INTENT_HELP:
    case INTENT_UNSUBSCRIBE:
    case INTENT_LANGUAGE:
        return in;
    case INTENT_AGENDA:
        /* "tanya kapan rapat paripurna?"; a longer question that names
         * a session is one for the session */
        if (t.meaningful <= 6)
            return in;
        break;
    case INTENT_INFO:
        /* "tanya alamat kantor dprd"; "tanya berapa anggaran irigasi di
         * desa Sooko" asks more than the page says */
        if (t.meaningful <= 3)
            return in;
        break;
    default:
        break;
    }
    *out = q;
    return INTENT_PROPOSAL;
}

/*
 * Steps 1 to 5 on a message read into m, with out reset and its language
 * set.  again: the message is being read a second time, without its
 * question keyword (question_or_answer()).
 */
static enum intent
read_from_lead(struct msg *m, struct intent_arg *out, int again)
{
    struct kwhit h;
    enum intent in;
    enum lang lang = out->lang;
    size_t lead, i;
    int conf;

    lead = skip_preamble(m, 0);
    if (lead >= m->nt.ntok) {
        /* nothing but greetings, courtesy and emoji */
        out->off = m->nt.start;
        out->len = m->nt.end - m->nt.start;
        out->confidence = m->nt.ntok > 0 ? 10 : 0;
        return INTENT_UNKNOWN;
    }

    if ((conf = is_optout(m, lead, out)) > 0) {
        out->confidence = conf;
        return INTENT_UNSUBSCRIBE;
    }
    if ((conf = is_language(m, lead, out)) > 0) {
        out->confidence = conf;
        return INTENT_LANGUAGE;
    }
    if (thanks_for(m, lead)) {
        /* "terima kasih infonya": thanks for an answer */
        out->confidence = 10;
        arg_from(m, lead, out);
        return INTENT_UNKNOWN;
    }
    if (keyword_at(m, lead, &h)) {
        in = classify_keyword(m, &h, out);
        if (in == INTENT_PROPOSAL && out->question && out->session == 0 && !again)
            return question_or_answer(m, lead, &h, out);
        if (in != INTENT__COUNT)
            return in;
        arg_reset(out, lang);
    } else {
        for (i = lead + 1; i < m->nt.ntok && i <= lead + WISH_REACH; i++) {
            if (m->kw[i] < 0 || !wish_before(m, i) || m->kw[i] == INTENT_UNSUBSCRIBE ||
                m->kw[i] == INTENT_LANGUAGE)
                continue;
            if (!keyword_at(m, i, &h))
                break;
            h.confidence -= 10;
            in = classify_keyword(m, &h, out);
            if (in != INTENT__COUNT)
                return in;
            arg_reset(out, lang);
            break;
        }
    }
    return classify_words(m, lead, out);
}

static enum intent
classify(const struct lexicon *lx, const char *text, size_t len, struct intent_arg *out)
{
    struct msg m;

    assert(lx != NULL && out != NULL);
    arg_reset(out, LANG_NONE);
    if (text == NULL)
        len = 0;

    msg_read(&m, lx, text, len);
    if (m.nt.unreadable) {
        /* Unreadable: still point at the trimmed bytes, so that a caller
         * printing the argument shows what came in. */
        out->off = m.nt.start;
        out->len = m.nt.end - m.nt.start;
        return INTENT_UNKNOWN;
    }
    question_words(&m);
    out->lang = detect_lang(&m);
    return read_from_lead(&m, out, 0);
}

enum intent
intent_classify(const struct lexicon *lx, const char *text, size_t len, struct intent_arg *out)
{
    enum intent in = classify(lx, text, len, out);

    /* What belongs to one intent only, whichever rule decided. */
    if (in != INTENT_STATUS) {
        out->ticket_ref = TICKET_REF_NONE;
        out->ticket[0] = '\0';
    }
    if (in != INTENT_INFO)
        out->topic = -1;
    if (in != INTENT_PROPOSAL) {
        out->session = 0;
        out->question = 0;
    }
    return in;
}

/* Appends s to out (size outsz, *n used), keeping it NUL-terminated. */
static void
put(char *out, size_t outsz, size_t *n, const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len && *n + 1 < outsz; i++) {
        char c = s[i];

        out[(*n)++] = (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    }
    if (outsz > 0)
        out[*n] = '\0';
}

size_t
intent_arg_format(const struct lexicon *lx, enum intent in, const char *text,
                  const struct intent_arg *arg, char *out, size_t outsz)
{
    char buf[64];
    const char *s = "";
    size_t n = 0;

    if (outsz == 0)
        return 0;
    out[0] = '\0';
    if (arg == NULL)
        return 0;
    switch (in) {
    case INTENT_COMPLAINT:
        if (text != NULL)
            put(out, outsz, &n, text + arg->off, arg->len);
        return n;
    case INTENT_STATUS:
        s = memchr(arg->ticket, '\0', sizeof(arg->ticket)) != NULL ? arg->ticket : "";
        break;
    case INTENT_AGENDA:
        agenda_filter_format(&arg->agenda, buf, sizeof(buf));
        s = buf;
        break;
    case INTENT_INFO:
        s = lexicon_topic_name(lx, arg->topic);
        if (s == NULL)
            s = "";
        break;
    case INTENT_SUBSCRIBE:
        if (arg->agenda.komisi >= 1 && arg->agenda.komisi <= 9) {
            snprintf(buf, sizeof(buf), "komisi=%d", arg->agenda.komisi);
            s = buf;
        }
        break;
    case INTENT_LANGUAGE:
        s = lang_code(arg->lang);
        break;
    case INTENT_PROPOSAL:
        s = arg->question ? "question" : "proposal";
        put(out, outsz, &n, s, strlen(s));
        if (arg->session > 0) {
            snprintf(buf, sizeof(buf), " #%ld", arg->session);
            put(out, outsz, &n, buf, strlen(buf));
        }
        if (text != NULL && arg->len > 0) {
            put(out, outsz, &n, " ", 1);
            put(out, outsz, &n, text + arg->off, arg->len);
        }
        return n;
    default:
        break;
    }
    put(out, outsz, &n, s, strlen(s));
    return n;
}

/* The answers that mean yes, with a letter doubled at the end allowed
 * ("iyaa", "okk"). */
static int
yes_word(const char *w, size_t n)
{
    static const char *const yes[] = {"ya",   "iya",  "yes",   "y",      "ok",     "oke",
                                      "okay", "okey", "nggih", "inggih", "enggih", "leres",
                                      "iyo",  "yo",   "betul", "benar",  "bener",  "yup",
                                      "yoi",  "sip",  "setuju"};
    size_t i;

    for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        size_t l = strlen(yes[i]);

        if ((l == n || (l + 1 == n && w[n - 1] == w[n - 2])) && memcmp(w, yes[i], l) == 0)
            return 1;
    }
    return 0;
}

static int
address_word(const char *w)
{
    static const char *const addr[] = {"pak", "bu", "mas", "mbak", "min", "kak", "bapak", "ibu"};
    size_t i;

    for (i = 0; i < sizeof(addr) / sizeof(addr[0]); i++)
        if (strcmp(w, addr[i]) == 0)
            return 1;
    return 0;
}

int
intent_is_yes(const char *text, size_t len)
{
    struct norm_text nt;
    size_t i;
    int yes = 0;

    if (text == NULL)
        return 0;
    norm_text_read(NULL, text, len, &nt);
    if (nt.unreadable || nt.ntok == 0 || nt.ntok != nt.nwords || nt.ntok > 4)
        return 0;
    for (i = 0; i < nt.ntok; i++) {
        const struct norm_token *t = &nt.tok[i];

        if (t->kind == NORM_NUMBER) {
            if (t->flen == 1 && t->form[0] == '1' && t->len == 1)
                yes = 1;
            else
                return 0;
        } else if (yes_word(t->form, t->flen)) {
            yes = 1;
        } else if (!address_word(t->word)) {
            return 0;
        }
    }
    return yes;
}
