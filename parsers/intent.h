/*
 * What a citizen's message asks for.  The lexicon (keywords per intent)
 * comes from the configuration; classification is pure: no I/O, no clock,
 * no globals.  The same code serves aspirasid and "aspirasictl classify".
 */
#ifndef ASPIRASI_INTENT_H
#define ASPIRASI_INTENT_H

#include <stddef.h>

enum intent {
    INTENT_UNKNOWN = 0,
    INTENT_COMPLAINT,
    INTENT_STATUS,
    INTENT_AGENDA,
    INTENT_INFO,
    INTENT_SUBSCRIBE,
    INTENT_UNSUBSCRIBE,
    INTENT_HELP,
    INTENT__COUNT
};

/* Returns the English name of an intent ("complaint", "status", ...), as
 * printed by "aspirasictl classify" and stored in the database. */
const char *intent_name(enum intent in);

/* Looks up an intent by its name; returns 0 and sets *out, or -1. */
int intent_from_name(const char *name, enum intent *out);

/* The configured keywords: words[i] holds nwords[i] keywords for intent i
 * (INTENT_UNKNOWN has none).  Keywords are single words of ASCII letters. */
struct lexicon_spec {
    const char *const *words[INTENT__COUNT];
    size_t nwords[INTENT__COUNT];
};

struct lexicon;

/*
 * Builds a lexicon from spec, copying what it needs.  Returns a lexicon to be
 * freed with lexicon_free(), or NULL and a reason in err (errlen bytes), such
 * as: keyword "CEK" is listed for both status and info.
 */
struct lexicon *lexicon_new(const struct lexicon_spec *spec, char *err, size_t errlen);

/* Frees a lexicon; NULL is a no-op. */
void lexicon_free(struct lexicon *lx);

/* What a status request said about the ticket number. */
enum ticket_ref {
    TICKET_REF_NONE = 0,   /* no digits at all */
    TICKET_REF_VALID,      /* seven digits, check digit right */
    TICKET_REF_BAD_CHECK,  /* seven digits, check digit wrong */
    TICKET_REF_BAD_LENGTH, /* digits, but not seven */
};

#define INTENT_TICKET_MAX 16 /* digits kept from what was typed, with the NUL */

struct intent_arg {
    size_t off, len;                /* the argument inside the text (complaint body,
                                       words after AGENDA/INFO/DAFTAR), trimmed;
                                       len 0 when there is none */
    enum ticket_ref ticket_ref;     /* for INTENT_STATUS */
    char ticket[INTENT_TICKET_MAX]; /* the digits typed, separators removed,
                                       at most 15, NUL-terminated */
};

/*
 * Classifies the message text (len bytes of UTF-8, not NUL-terminated) and
 * fills *out (OUT).  Thread-safe: lx is only read.  Never fails: text it
 * cannot read is INTENT_UNKNOWN.
 */
enum intent intent_classify(const struct lexicon *lx, const char *text, size_t len,
                            struct intent_arg *out);

#endif
