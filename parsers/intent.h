/*
 * What a citizen's message asks for.  The lexicon (keywords per intent, in
 * Indonesian, Javanese and English, and the info topics) comes from the
 * configuration, with built-in defaults; classification is pure: no I/O, no
 * clock, no globals.  The same code serves aspirasid and
 * "aspirasictl classify".
 */
#ifndef ASPIRASI_INTENT_H
#define ASPIRASI_INTENT_H

#include <stddef.h>

#include "parsers/agenda.h"
#include "parsers/ticketref.h"

enum intent {
    INTENT_UNKNOWN = 0,
    INTENT_COMPLAINT,
    INTENT_STATUS,
    INTENT_AGENDA,
    INTENT_INFO,
    INTENT_SUBSCRIBE,
    INTENT_UNSUBSCRIBE,
    INTENT_HELP,
    INTENT_LANGUAGE, /* BAHASA JAWA / BAHASA INDONESIA / LANGUAGE ENGLISH */
    INTENT_PROPOSAL, /* USUL <text> / TANYA <text>, optionally naming a session: USUL 12 <text> */
    INTENT__COUNT
};

/* The languages replies exist in. */
enum lang { LANG_NONE = 0, LANG_ID, LANG_JV, LANG_EN, LANG__COUNT };

/* Returns the English name of an intent ("complaint", "status", ...), as
 * printed by "aspirasictl classify" and stored in the database. */
const char *intent_name(enum intent in);

/* Looks up an intent by its name; returns 0 and sets *out, or -1. */
int intent_from_name(const char *name, enum intent *out);

/* "id", "jv", "en"; "" for LANG_NONE. */
const char *lang_code(enum lang l);

/* Looks up a language by its code; returns 0 and sets *out, or -1. */
int lang_from_code(const char *code, enum lang *out);

/* An information topic: its name (as staff key the page) and the words that
 * name it ("anggaran": ANGGARAN, APBD, DANA, BUDGET ...). */
struct topic_spec {
    const char *name;
    const char *const *words;
    size_t nwords;
};

/* The configured lexicon: words[i] holds nwords[i] keywords for intent i
 * (INTENT_UNKNOWN has none); keywords are single words of ASCII letters.
 * topics lists ntopics information topics. */
struct lexicon_spec {
    const char *const *words[INTENT__COUNT];
    size_t nwords[INTENT__COUNT];
    const struct topic_spec *topics;
    size_t ntopics;
};

/* The built-in lexicon: keywords in Indonesian, Javanese (ngoko and krama)
 * and English, and the default information topics.  Static data. */
const struct lexicon_spec *lexicon_default(void);

struct lexicon;

/*
 * Builds a lexicon from spec, copying what it needs.  Returns a lexicon to be
 * freed with lexicon_free(), or NULL and a reason in err (errlen bytes), such
 * as: keyword "CEK" is listed for both status and info.
 */
struct lexicon *lexicon_new(const struct lexicon_spec *spec, char *err, size_t errlen);

/* Frees a lexicon; NULL is a no-op. */
void lexicon_free(struct lexicon *lx);

/* The name of topic i of the lexicon, or NULL when there is none. */
const char *lexicon_topic_name(const struct lexicon *lx, int i);

#define INTENT_TICKET_MAX TICKETREF_DIGITS_MAX

/* Below this confidence the service asks before acting ("Maksud Anda ADUAN?
 * Balas 1 jika ya"). */
#define INTENT_CONFIDENT 60

struct intent_arg {
    size_t off, len;                /* the argument inside the text (a complaint's text
                                       without greeting or keyword, the words after
                                       AGENDA/INFO/DAFTAR, a proposal's text after its
                                       keyword and session number), trimmed; len 0 when
                                       none */
    enum ticket_ref ticket_ref;     /* STATUS: what the number was */
    char ticket[INTENT_TICKET_MAX]; /* STATUS: the digits read, "" when none */
    struct agenda_filter agenda;    /* AGENDA; SUBSCRIBE uses .komisi */
    int topic;                      /* INFO: topic index, -1 for none (the list) */
    enum lang lang;                 /* the language the message is written in,
                                       LANG_NONE when unclear; for
                                       INTENT_LANGUAGE, the one asked for */
    int confidence;                 /* 0-100; see INTENT_CONFIDENT */
    long session;                   /* PROPOSAL: the session number named (1-999999), 0 none */
    int question;                   /* PROPOSAL: 1 for TANYA (a question), 0 for USUL */
};

/*
 * Classifies the message text (len bytes of UTF-8, not NUL-terminated) and
 * fills *out (OUT).  Thread-safe: lx is only read.  Never fails: text it
 * cannot read is INTENT_UNKNOWN.
 */
enum intent intent_classify(const struct lexicon *lx, const char *text, size_t len,
                            struct intent_arg *out);

/*
 * Writes the canonical argument of a classification, as "aspirasictl
 * classify" prints it after the intent and a tab, into out (outsz bytes,
 * NUL-terminated): complaint: its text (tabs and line breaks as spaces);
 * status: the digits read ("" when none); agenda: agenda_filter_format();
 * info: the topic name ("" for the list); subscribe: "komisi=N" or "";
 * language: the code; proposal: "proposal" or "question", then " #N" when
 * a session was named, then a space and the text when there is one (tabs
 * and line breaks as spaces): "question #12 kapan jalan sooko diperbaiki",
 * "proposal" for USUL alone; others: "".  Returns the length.
 */
size_t intent_arg_format(const struct lexicon *lx, enum intent in, const char *text,
                         const struct intent_arg *arg, char *out, size_t outsz);

/* True when the message is a "yes" answer to a question: "1", "ya", "iya",
 * "yes", "y", "ok", "nggih", "inggih", "enggih", "leres", with punctuation
 * and spaces around it. */
int intent_is_yes(const char *text, size_t len);

#endif
