/*
 * Reply templates.  A template is text with {name} placeholders; "{{" stands
 * for a literal "{", and a "}" on its own is just a character.
 *
 * Both reply_render() and reply_check() walk the template with one
 * tokenizer (next_piece), so they can never disagree about what a template
 * means.  reply_check() does not render into a buffer: it adds up the
 * septets of the literal pieces and of the worst values.  That is exact,
 * because every piece boundary falls next to an ASCII brace, so pieces of
 * valid UTF-8 are themselves valid UTF-8, and it needs no ceiling on the
 * template's length.
 */
#include <assert.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "parsers/gsm7.h"
#include "parsers/reply.h"

struct placeholder {
    const char *name;
    unsigned mask;
    size_t field; /* offset of the value in struct reply_vars */
};

static const struct placeholder placeholders[] = {
    {"ticket", REPLY_VAR_TICKET, offsetof(struct reply_vars, ticket)},
    {"status", REPLY_VAR_STATUS, offsetof(struct reply_vars, status)},
    {"date", REPLY_VAR_DATE, offsetof(struct reply_vars, date)},
    {"code", REPLY_VAR_CODE, offsetof(struct reply_vars, code)},
    {"keyword", REPLY_VAR_KEYWORD, offsetof(struct reply_vars, keyword)},
    {"session", REPLY_VAR_SESSION, offsetof(struct reply_vars, session)},
    {"komisi", REPLY_VAR_KOMISI, offsetof(struct reply_vars, komisi)},
};

#define NPLACEHOLDERS (sizeof(placeholders) / sizeof(placeholders[0]))

enum piece_kind {
    PIECE_END,     /* end of the template */
    PIECE_TEXT,    /* literal text: s, len */
    PIECE_VAR,     /* a known placeholder: ph (s, len hold its name) */
    PIECE_UNKNOWN, /* an unknown placeholder: s, len hold its name */
    PIECE_OPEN,    /* a "{" never closed: s points at it */
};

struct piece {
    enum piece_kind kind;
    const char *s;
    size_t len;
    const struct placeholder *ph;
};

/* Reads the piece of the template at p into pc and returns where the next
 * piece starts. */
static const char *
next_piece(const char *p, struct piece *pc)
{
    const char *close;
    size_t i;

    memset(pc, 0, sizeof(*pc));
    pc->s = p;
    if (*p == '\0') {
        pc->kind = PIECE_END;
        return p;
    }
    if (*p != '{') {
        pc->kind = PIECE_TEXT;
        pc->len = strcspn(p, "{");
        return p + pc->len;
    }
    if (p[1] == '{') {
        pc->kind = PIECE_TEXT; /* the first brace of the pair */
        pc->len = 1;
        return p + 2;
    }
    close = strchr(p + 1, '}');
    if (close == NULL) {
        pc->kind = PIECE_OPEN;
        return p + strlen(p);
    }
    pc->s = p + 1;
    pc->len = (size_t)(close - p - 1);
    pc->kind = PIECE_UNKNOWN;
    for (i = 0; i < NPLACEHOLDERS; i++) {
        if (strlen(placeholders[i].name) == pc->len &&
            memcmp(placeholders[i].name, pc->s, pc->len) == 0) {
            pc->kind = PIECE_VAR;
            pc->ph = &placeholders[i];
            break;
        }
    }
    return close + 1;
}

/* The value of a placeholder in v; NULL vars or a NULL value give "". */
static const char *
var_value(const struct reply_vars *v, const struct placeholder *ph)
{
    const char *val;

    if (v == NULL)
        return "";
    memcpy(&val, (const char *)v + ph->field, sizeof(val));
    return val != NULL ? val : "";
}

ssize_t
reply_render(const char *tmpl, const struct reply_vars *v, char *out, size_t outsz)
{
    struct piece pc;
    const char *p = tmpl, *s;
    size_t n = 0, len;

    assert(tmpl != NULL);
    if (out == NULL || outsz == 0)
        return -1;
    for (;;) {
        p = next_piece(p, &pc);
        switch (pc.kind) {
        case PIECE_END:
            out[n] = '\0';
            return (ssize_t)n;
        case PIECE_TEXT:
            s = pc.s;
            len = pc.len;
            break;
        case PIECE_VAR:
            s = var_value(v, pc.ph);
            len = strlen(s);
            break;
        case PIECE_UNKNOWN:
        case PIECE_OPEN:
        default:
            goto fail;
        }
        if (len >= outsz - n) /* keep room for the NUL */
            goto fail;
        memcpy(out + n, s, len);
        n += len;
    }
fail:
    out[0] = '\0';
    return -1;
}

static const char *set_why(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static const char *
set_why(char *why, size_t whylen, const char *fmt, ...)
{
    va_list ap;

    /* Without a buffer the caller still learns that the template is bad. */
    if (why == NULL || whylen == 0)
        return "is not a valid reply template";
    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
    return why;
}

/* The byte length of the UTF-8 character led by c, or 1 for a byte that
 * cannot lead one. */
static size_t
utf8_len(unsigned char c)
{
    if (c >= 0xf0 && c <= 0xf4)
        return 4;
    if (c >= 0xe0 && c <= 0xef)
        return 3;
    if (c >= 0xc2 && c <= 0xdf)
        return 2;
    return 1;
}

/*
 * Counts the septets of one piece into *total.  Returns NULL, or the reason
 * naming the first character that is not UTF-8 or not GSM-7; what names
 * the placeholder whose value the piece is, or NULL for the template's own
 * text.
 */
static const char *
piece_septets(const char *s, size_t len, const char *what, size_t *total, char *why, size_t whylen)
{
    ssize_t n = gsm7_septets(s, len);
    size_t i, cl;

    if (n >= 0) {
        *total += (size_t)n;
        return NULL;
    }
    for (i = 0; i < len; i += cl) {
        cl = utf8_len((unsigned char)s[i]);
        if (cl > len - i || !utf8_valid(s + i, cl)) {
            if (what != NULL)
                return set_why(why, whylen, "is not valid UTF-8 (byte 0x%02x in its {%s} value)",
                               (unsigned char)s[i], what);
            return set_why(why, whylen, "is not valid UTF-8 (byte 0x%02x)", (unsigned char)s[i]);
        }
        if (gsm7_septets(s + i, cl) < 0) {
            if (what != NULL)
                return set_why(why, whylen,
                               "has a character outside GSM-7 (\"%.*s\") in its {%s} value",
                               (int)cl, s + i, what);
            return set_why(why, whylen, "has a character outside GSM-7 (\"%.*s\")", (int)cl, s + i);
        }
    }
    /* The whole piece failed but no character did: cannot happen with a
     * per-character count, yet say something true rather than nothing. */
    return set_why(why, whylen, "is not GSM-7 text");
}

const char *
reply_check(const char *tmpl, unsigned allowed, const struct reply_vars *worst, size_t budget,
            char *why, size_t whylen)
{
    struct piece pc;
    const char *p, *val, *r;
    size_t septets = 0;

    assert(tmpl != NULL);
    if (why != NULL && whylen > 0)
        why[0] = '\0';

    /* First the template's syntax, so that a misspelt placeholder is
     * reported as such even when another one is not allowed. */
    for (p = next_piece(tmpl, &pc); pc.kind != PIECE_END; p = next_piece(p, &pc)) {
        if (pc.kind == PIECE_UNKNOWN)
            return set_why(why, whylen, "uses unknown placeholder {%.*s%s}",
                           (int)(pc.len > 24 ? 24 : pc.len), pc.s, pc.len > 24 ? "..." : "");
        if (pc.kind == PIECE_OPEN)
            return set_why(why, whylen,
                           "has a \"{\" that is never closed (write \"{{\" for a literal \"{\")");
    }
    for (p = next_piece(tmpl, &pc); pc.kind != PIECE_END; p = next_piece(p, &pc)) {
        if (pc.kind == PIECE_VAR && (pc.ph->mask & allowed) == 0)
            return set_why(why, whylen, "uses {%s}, which this reply cannot fill", pc.ph->name);
    }

    for (p = next_piece(tmpl, &pc); pc.kind != PIECE_END; p = next_piece(p, &pc)) {
        if (pc.kind == PIECE_TEXT) {
            r = piece_septets(pc.s, pc.len, NULL, &septets, why, whylen);
        } else {
            val = var_value(worst, pc.ph);
            r = piece_septets(val, strlen(val), pc.ph->name, &septets, why, whylen);
        }
        if (r != NULL)
            return r;
    }
    if (septets > budget)
        return set_why(why, whylen, "is %zu characters with the longest values; the limit is %zu",
                       septets, budget);
    return NULL;
}
