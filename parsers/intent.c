/*
 * Intent recognition: what a citizen's SMS asks for, and its argument.
 *
 * Classification runs in three steps, each kept separate so that later
 * rules (typo tolerance, Javanese keywords, complaints without a keyword)
 * slot into one step without touching the others:
 *
 *   1. normalisation (msg_scan): reject text that cannot be read, trim it,
 *      and find the first word and what follows it;
 *   2. keyword lookup (lexicon_lookup): the first word, folded to upper
 *      case, in the sorted keyword table of the lexicon;
 *   3. argument extraction, per intent (arg_trimmed, arg_status,
 *      arg_unsubscribe).
 *
 * The lexicon is built once from the configuration and only read
 * afterwards, so one lexicon serves every thread.  The one PCRE2 pattern is
 * compiled in lexicon_new() without JIT, and each match uses its own match
 * data, which is what PCRE2 requires for sharing a compiled pattern between
 * threads.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "parsers/gsm7.h"
#include "parsers/intent.h"
#include "parsers/ticket.h"

/* Longest keyword, in letters; the {keyword} placeholder of a reply
 * (parsers/reply.h) is budgeted for this many. */
#define KEYWORD_MAX 20

/* An unsubscribe keyword may be followed by this many words of at most
 * UNSUB_WORD_MAX bytes ("UNREG AGENDA", "stop sms saja"); anything longer is
 * a sentence that merely starts with the word ("stop pungli di kantor desa,
 * saya mau lapor ..."). */
#define UNSUB_WORDS_MAX 2
#define UNSUB_WORD_MAX  10

/*
 * A ticket number as typed: digits, possibly in groups separated by a single
 * space, dash or dot ("482-19 37", "482.1937").  The digits may stand
 * anywhere in the argument, so whatever precedes them ("#", "no.", "no",
 * "tiket") needs no rule of its own.  The repetition is possessive: the
 * separators and the digits are disjoint, so there is nothing to backtrack
 * into, and a long run of digits costs linear time.
 */
static const char ticket_pattern[] = "[0-9]++(?:[ .\\-][0-9]++)*+";

static const char *const intent_names[INTENT__COUNT] = {
    [INTENT_UNKNOWN] = "unknown",
    [INTENT_COMPLAINT] = "complaint",
    [INTENT_STATUS] = "status",
    [INTENT_AGENDA] = "agenda",
    [INTENT_INFO] = "info",
    [INTENT_SUBSCRIBE] = "subscribe",
    [INTENT_UNSUBSCRIBE] = "unsubscribe",
    [INTENT_HELP] = "help",
};

struct keyword {
    char word[KEYWORD_MAX + 1]; /* upper case, NUL-terminated */
    size_t len;
    enum intent intent;
};

struct lexicon {
    struct keyword *kw; /* sorted by word, for bsearch */
    size_t nkw;
    pcre2_code *ticket_re;
};

/* The message after normalisation: offsets into the caller's text. */
struct msg {
    size_t start, end;            /* the text trimmed of white space */
    size_t word, wordlen;         /* the first word: ASCII letters only */
    char folded[KEYWORD_MAX + 1]; /* the first word in upper case, if it
                                     could be a keyword at all */
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

/* ASCII only on purpose: the C library's ctype functions depend on the
 * locale, and classification must not. */
static int
is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int
is_letter(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
is_punct(unsigned char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

static unsigned char
to_upper(unsigned char c)
{
    return c >= 'a' && c <= 'z' ? (unsigned char)(c - 'a' + 'A') : c;
}

/* Punctuation dropped between a keyword and its argument ("ADUAN: ...",
 * "LAPOR.. ...", "INFO - ..."). */
static int
is_arg_lead(unsigned char c)
{
    return is_space(c) || c == ':' || c == '.' || c == ',' || c == '-';
}

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

/* Copies a keyword as given in the configuration into buf (bufsz > 4) for
 * an error message: what fits before a "..." mark, anything but printable
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

static int
keyword_cmp(const void *a, const void *b)
{
    const struct keyword *ka = a, *kb = b;

    return strcmp(ka->word, kb->word);
}

struct lexicon *
lexicon_new(const struct lexicon_spec *spec, char *err, size_t errlen)
{
    struct lexicon *lx = NULL;
    char show[28];
    size_t total = 0, i, j, k;
    int errcode;
    PCRE2_SIZE erroff;

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
            set_err(err, errlen, "keywords for %s are missing", intent_names[i]);
            return NULL;
        }
        total += spec->nwords[i];
    }

    lx = calloc(1, sizeof(*lx));
    if (lx == NULL)
        goto nomem;
    if (total > 0) {
        lx->kw = calloc(total, sizeof(*lx->kw));
        if (lx->kw == NULL)
            goto nomem;
    }

    for (i = 0; i < INTENT__COUNT; i++) {
        for (j = 0; j < spec->nwords[i]; j++) {
            const char *w = spec->words[i][j];
            struct keyword *kw = &lx->kw[lx->nkw];

            if (w == NULL || w[0] == '\0') {
                set_err(err, errlen, "empty keyword for %s", intent_names[i]);
                goto fail;
            }
            for (k = 0; w[k] != '\0'; k++) {
                if (!is_letter((unsigned char)w[k])) {
                    set_err(err, errlen,
                            "keyword \"%s\" for %s has a character other than the letters A to Z",
                            shown(w, show, sizeof(show)), intent_names[i]);
                    goto fail;
                }
                if (k == KEYWORD_MAX) {
                    set_err(err, errlen, "keyword \"%s\" for %s is longer than %d letters",
                            shown(w, show, sizeof(show)), intent_names[i], KEYWORD_MAX);
                    goto fail;
                }
                kw->word[k] = (char)to_upper((unsigned char)w[k]);
            }
            kw->word[k] = '\0';
            kw->len = k;
            kw->intent = (enum intent)i;
            for (k = 0; k < lx->nkw; k++) {
                if (strcmp(lx->kw[k].word, kw->word) != 0)
                    continue;
                if (lx->kw[k].intent == kw->intent)
                    set_err(err, errlen, "keyword \"%s\" is listed twice for %s", kw->word,
                            intent_names[i]);
                else
                    set_err(err, errlen, "keyword \"%s\" is listed for both %s and %s", kw->word,
                            intent_names[lx->kw[k].intent], intent_names[i]);
                goto fail;
            }
            lx->nkw++;
        }
    }
    if (lx->nkw > 1)
        qsort(lx->kw, lx->nkw, sizeof(*lx->kw), keyword_cmp);

    lx->ticket_re = pcre2_compile((PCRE2_SPTR)ticket_pattern, PCRE2_ZERO_TERMINATED, 0, &errcode,
                                  &erroff, NULL);
    if (lx->ticket_re == NULL) {
        PCRE2_UCHAR msg[120];

        if (pcre2_get_error_message(errcode, msg, sizeof(msg)) < 0)
            msg[0] = '\0';
        set_err(err, errlen, "cannot compile the ticket pattern: %s", (const char *)msg);
        goto fail;
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
    pcre2_code_free(lx->ticket_re);
    free(lx->kw);
    free(lx);
}

/*
 * Step 1, normalisation.  Returns -1 for text that cannot be read: invalid
 * UTF-8, or a NUL byte (neither can be stored as text, nor shown back to
 * anyone); m->start and m->end are set even then.  Otherwise fills m: the
 * trimmed text, and the first word after
 * any leading white space and punctuation ("...ADUAN", "#STATUS").  The word
 * is the run of ASCII letters there, so it ends at the first non-letter
 * ("aduan:", "Status#4821937").
 */
static int
msg_scan(const char *text, size_t len, struct msg *m)
{
    size_t i;

    memset(m, 0, sizeof(*m));
    m->start = 0;
    m->end = len;
    while (m->start < m->end && is_space((unsigned char)text[m->start]))
        m->start++;
    while (m->end > m->start && is_space((unsigned char)text[m->end - 1]))
        m->end--;
    if (len > 0 && (memchr(text, '\0', len) != NULL || !utf8_valid(text, len)))
        return -1;

    i = m->start;
    while (i < m->end && (is_space((unsigned char)text[i]) || is_punct((unsigned char)text[i])))
        i++;
    m->word = i;
    while (i < m->end && is_letter((unsigned char)text[i]))
        i++;
    m->wordlen = i - m->word;
    if (m->wordlen > 0 && m->wordlen <= KEYWORD_MAX) {
        for (i = 0; i < m->wordlen; i++)
            m->folded[i] = (char)to_upper((unsigned char)text[m->word + i]);
        m->folded[m->wordlen] = '\0';
    }
    return 0;
}

/* Step 2, keyword lookup.  Returns the intent of the first word, or
 * INTENT_UNKNOWN when it is no keyword. */
static enum intent
lexicon_lookup(const struct lexicon *lx, const struct msg *m)
{
    struct keyword key;
    const struct keyword *hit;

    if (m->folded[0] == '\0' || lx->nkw == 0)
        return INTENT_UNKNOWN;
    memcpy(key.word, m->folded, sizeof(key.word));
    hit = bsearch(&key, lx->kw, lx->nkw, sizeof(*lx->kw), keyword_cmp);
    return hit != NULL ? hit->intent : INTENT_UNKNOWN;
}

/* Step 3: the argument after the keyword, without the white space and the
 * punctuation that separate it from the keyword, and without trailing white
 * space (which msg_scan already cut from the end). */
static void
arg_trimmed(const char *text, const struct msg *m, struct intent_arg *out)
{
    size_t i = m->word + m->wordlen;

    while (i < m->end && is_arg_lead((unsigned char)text[i]))
        i++;
    out->off = i;
    out->len = m->end - i;
}

/*
 * The ticket number in a status request.  Every candidate (a digit group
 * with its single-character separators) is looked at: the first one with
 * exactly seven digits wins, so "cek tgl 12 no 4821937" finds the ticket;
 * without one, the first candidate is reported as having the wrong length.
 */
static void
arg_status(const struct lexicon *lx, const char *text, const struct msg *m, struct intent_arg *out)
{
    const char *arg;
    pcre2_match_data *md;
    PCRE2_SIZE *ov, pos = 0, first_so = 0, first_eo = 0, so = 0, eo = 0;
    size_t i, n, ndigits;
    int found = 0, seven = 0;

    arg_trimmed(text, m, out);
    if (out->len == 0)
        return;
    arg = text + out->off;

    md = pcre2_match_data_create_from_pattern(lx->ticket_re, NULL);
    if (md == NULL)
        abort(); /* out of memory: crash loudly, like xmalloc() */
    ov = pcre2_get_ovector_pointer(md);
    while (pos < out->len &&
           pcre2_match(lx->ticket_re, (PCRE2_SPTR)arg, out->len, pos, 0, md, NULL) > 0) {
        so = ov[0];
        eo = ov[1];
        for (ndigits = 0, i = so; i < eo; i++)
            ndigits += arg[i] >= '0' && arg[i] <= '9';
        if (!found) {
            found = 1;
            first_so = so;
            first_eo = eo;
        }
        if (ndigits == TICKET_CODE_LEN) {
            seven = 1;
            break;
        }
        pos = eo;
    }
    pcre2_match_data_free(md);
    if (!found)
        return;
    if (!seven) {
        so = first_so;
        eo = first_eo;
    }

    for (n = 0, ndigits = 0, i = so; i < eo; i++) {
        if (arg[i] < '0' || arg[i] > '9')
            continue;
        ndigits++;
        if (n < INTENT_TICKET_MAX - 1)
            out->ticket[n++] = arg[i];
    }
    out->ticket[n] = '\0';
    if (ndigits != TICKET_CODE_LEN)
        out->ticket_ref = TICKET_REF_BAD_LENGTH;
    else if (ticket_code_check(out->ticket, n, NULL) == NULL)
        out->ticket_ref = TICKET_REF_VALID;
    else
        out->ticket_ref = TICKET_REF_BAD_CHECK;
}

/* An unsubscribe keyword counts only as a short command: alone, or followed
 * by at most UNSUB_WORDS_MAX short words.  Returns 1 if it is one; its
 * argument then starts at the first of those words ("UNREG, AGENDA"). */
static int
arg_unsubscribe(const char *text, const struct msg *m, struct intent_arg *out)
{
    size_t i, wl, nwords = 0;

    arg_trimmed(text, m, out);
    i = out->off;
    for (;;) {
        while (i < m->end && (is_space((unsigned char)text[i]) || is_punct((unsigned char)text[i])))
            i++;
        if (i == m->end)
            break;
        if (nwords == 0)
            out->off = i;
        for (wl = 0;
             i < m->end && !is_space((unsigned char)text[i]) && !is_punct((unsigned char)text[i]);
             i++)
            wl++;
        if (++nwords > UNSUB_WORDS_MAX || wl > UNSUB_WORD_MAX)
            return 0;
    }
    if (nwords == 0)
        out->off = m->end;
    out->len = m->end - out->off;
    return 1;
}

enum intent
intent_classify(const struct lexicon *lx, const char *text, size_t len, struct intent_arg *out)
{
    struct msg m;
    enum intent in;

    assert(lx != NULL && out != NULL);
    memset(out, 0, sizeof(*out));
    out->ticket_ref = TICKET_REF_NONE;
    if (text == NULL)
        len = 0;

    if (msg_scan(text, len, &m) < 0) {
        /* Unreadable: still point at the trimmed bytes, so that a caller
         * printing the argument shows what came in. */
        out->off = m.start;
        out->len = m.end - m.start;
        return INTENT_UNKNOWN;
    }

    in = lexicon_lookup(lx, &m);
    switch (in) {
    case INTENT_STATUS:
        arg_status(lx, text, &m, out);
        break;
    case INTENT_UNSUBSCRIBE:
        if (!arg_unsubscribe(text, &m, out))
            in = INTENT_UNKNOWN;
        break;
    case INTENT_COMPLAINT:
    case INTENT_AGENDA:
    case INTENT_INFO:
    case INTENT_SUBSCRIBE:
    case INTENT_HELP:
        arg_trimmed(text, &m, out);
        break;
    case INTENT_UNKNOWN:
    case INTENT__COUNT:
        in = INTENT_UNKNOWN;
        break;
    }
    if (in == INTENT_UNKNOWN) {
        out->off = m.start;
        out->len = m.end - m.start;
    }
    return in;
}
