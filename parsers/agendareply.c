/*
 * The texts the DPRD sends about its sessions: the answer to an agenda
 * lookup, a session's announcement and the list of information topics.
 *
 * Every text is assembled in a struct text, which appends a piece whole or
 * not at all and never lets the text grow past one GSM-7 segment (160
 * septets) or past the caller's buffer, so no path through this file can
 * write more than one SMS, whatever the sessions hold.  The layout code
 * measures first (rendering each piece into a scratch buffer) and then
 * writes only what it has measured to fit; the limits in struct text are
 * the backstop that makes a mistake in the measuring a shorter text rather
 * than an overflow.
 *
 * Staff-typed text (titles, places, topic names) goes through clean(): it
 * is transliterated to GSM-7 and shortened at a word by gsm7_fit_words(),
 * put on one line, and loses the punctuation dangling at its end so that
 * ", Gd DPRD" can follow it.
 *
 * The answer to a lookup, for n sessions of which total match:
 *
 *   Agenda DPRD: #12 Sen 2/12 09:00 Paripurna APBD 2027, Gd DPRD. #13 ...
 *   . +3 lagi, ketik AGENDA BESOK / AGENDA KOMISI III
 *
 * It shows the largest number of sessions that fit whole together with the
 * "+N lagi" tail they leave (no tail when all total are shown).  When not
 * even the first session fits whole, its title is shortened to the room
 * left by the header and the tail.  Places are at most PLACE_MAX septets;
 * a cancelled session shows "BATAL" instead of its place.
 *
 * The tail's suggestions narrow the question with what it does not say
 * yet, keeping what it says: no day gives "AGENDA BESOK", no komisi gives
 * "AGENDA KOMISI III" with the komisi of the first hidden session that has
 * one; a question for a week with a komisi gives the date of the first
 * hidden session.  They are written in the keywords agenda_filter_parse()
 * reads in any language, so a citizen can copy one back as it is.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parsers/agendareply.h"
#include "parsers/gsm7.h"

#define PIECE_MAX   640 /* bytes of one measured piece; 160 septets take at most 320 */
#define PLACE_MAX   40  /* septets of a place */
#define TITLE_MIN   24  /* septets of an announcement's title worth dropping other parts for */
#define SUGGEST_MAX 2   /* suggestions in the "+N lagi" tail */

/* The fixed words of one language. */
struct words {
    const char *days[7];     /* Sunday first */
    const char *header;      /* before the sessions */
    const char *cancelled;   /* after a cancelled session */
    const char *more;        /* "+3 lagi" */
    const char *send;        /* ", ketik AGENDA BESOK" */
    const char *none;        /* nothing matches ... */
    const char *none_for;    /* ... for Komisi III */
    const char *today;       /* ... hari ini */
    const char *tomorrow;    /* ... besok */
    const char *week;        /* ... minggu ini */
    const char *on_date;     /* ... tgl 2/12 */
    const char *none_next;   /* how to see the next sessions */
    const char *none_at_all; /* nothing planned at all */
    const char *speaker;     /* who announces */
    const char *meeting;     /* "Rapat " before the kind in an announcement */
    const char *open;        /* the public may attend */
    const char *propose;     /* "Usul: USUL " id ... */
    const char *propose_end; /* ... " isi." */
    const char *stop;        /* how to stop announcements */
    const char *info_head;   /* before the topics */
    const char *info_none;   /* no topic yet */
    bool ordinal_dates;      /* "on the 2nd" for a day without a month */
};

static const struct words words_id = {
    .days = {"Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"},
    .header = "Agenda DPRD: ",
    .cancelled = "BATAL",
    .more = "lagi",
    .send = "ketik",
    .none = "Tidak ada agenda DPRD",
    .none_for = "utk",
    .today = "hari ini",
    .tomorrow = "besok",
    .week = "minggu ini",
    .on_date = "tgl",
    .none_next = ". Ketik AGENDA utk agenda berikutnya.",
    .none_at_all = "Belum ada agenda DPRD yg dijadwalkan. Ketik DAFTAR utk info agenda berikutnya.",
    .speaker = "DPRD Kab. Mojokerto: ",
    .meeting = "Rapat ",
    .open = "Terbuka utk umum.",
    .propose = "Usul: USUL ",
    .propose_end = " isi.",
    .stop = "Stop: BERHENTI",
    .info_head = "Info DPRD, ketik: ",
    .info_none = "Belum ada info. Ketik AGENDA utk jadwal sidang DPRD.",
};

static const struct words words_jv = {
    .days = {"Ahd", "Sen", "Sel", "Rab", "Kam", "Jum", "Sep"},
    .header = "Agenda DPRD: ",
    .cancelled = "BATAL",
    .more = "malih",
    .send = "ketik",
    .none = "Mboten wonten agenda DPRD",
    .none_for = "kangge",
    .today = "dinten punika",
    .tomorrow = "mbenjing",
    .week = "minggu punika",
    .on_date = "tgl",
    .none_next = ". Ketik AGENDA kangge agenda salajengipun.",
    .none_at_all =
        "Dereng wonten jadwal agenda DPRD. Ketik DAFTAR kangge info agenda salajengipun.",
    .speaker = "DPRD Kab. Mojokerto: ",
    .meeting = "Rapat ",
    .open = "Kabuka kangge umum.",
    .propose = "Usul: USUL ",
    .propose_end = " isi.",
    .stop = "Mandheg: BERHENTI",
    .info_head = "Info DPRD, ketik: ",
    .info_none = "Dereng wonten info. Ketik AGENDA kangge jadwal sidang DPRD.",
};

static const struct words words_en = {
    .days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
    .header = "DPRD agenda: ",
    .cancelled = "CANCELLED",
    .more = "more",
    .send = "send",
    .none = "No DPRD sessions",
    .none_for = "for",
    .today = "today",
    .tomorrow = "tomorrow",
    .week = "this week",
    .on_date = "on",
    .none_next = ". Send AGENDA for the next sessions.",
    .none_at_all = "No DPRD sessions are scheduled yet. Send DAFTAR to get news of the next ones.",
    .speaker = "DPRD Kab. Mojokerto: ",
    .meeting = "",
    .open = "Open to the public.",
    .propose = "Proposals: USUL ",
    .propose_end = " text.",
    .stop = "Stop: BERHENTI",
    .info_head = "DPRD info, send: ",
    .info_none = "No information yet. Send AGENDA for the DPRD session schedule.",
    .ordinal_dates = true,
};

/* Indonesian for LANG_NONE and anything out of range. */
static const struct words *
words_for(enum lang l)
{
    switch (l) {
    case LANG_JV:
        return &words_jv;
    case LANG_EN:
        return &words_en;
    default:
        return &words_id;
    }
}

/* The kind of a session as a citizen reads it; "" for any other. */
static const char *
type_word(enum agenda_type t)
{
    switch (t) {
    case AGENDA_TYPE_PARIPURNA:
        return "Paripurna";
    case AGENDA_TYPE_KOMISI:
        return "Komisi";
    case AGENDA_TYPE_RDP:
        return "RDP";
    case AGENDA_TYPE_RESES:
        return "Reses";
    case AGENDA_TYPE_BANMUS:
        return "Banmus";
    case AGENDA_TYPE_BANGGAR:
        return "Banggar";
    default:
        return "";
    }
}

const char *
komisi_roman(int komisi)
{
    static const char *const roman[] = {"I", "II", "III", "IV"};

    return komisi >= 1 && komisi <= 4 ? roman[komisi - 1] : "";
}

/*
 * A text that never grows past max_septets or cap bytes: each piece is
 * appended whole or not at all.  full records that a piece was refused.
 */
struct text {
    char *s;
    size_t cap; /* bytes of text, without the NUL */
    size_t len;
    size_t septets, max_septets;
    bool full;
};

static void
text_init(struct text *t, char *buf, size_t bufsz, size_t max_septets)
{
    assert(bufsz > 0);
    t->s = buf;
    t->cap = bufsz - 1;
    t->len = 0;
    t->septets = 0;
    t->max_septets = max_septets;
    t->full = false;
    buf[0] = '\0';
}

/* Appends the n bytes of GSM-7 text at s, if they fit. */
static bool
text_putn(struct text *t, const char *s, size_t n)
{
    ssize_t septets = gsm7_septets(s, n);

    assert(septets >= 0); /* everything appended is transliterated */
    if (septets < 0 || n > t->cap - t->len || (size_t)septets > t->max_septets - t->septets) {
        t->full = true;
        return false;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->septets += (size_t)septets;
    t->s[t->len] = '\0';
    return true;
}

static bool
text_put(struct text *t, const char *s)
{
    return text_putn(t, s, strlen(s));
}

/* Appends a text measured in a scratch buffer. */
static bool
text_append(struct text *t, const struct text *piece)
{
    return text_putn(t, piece->s, piece->len);
}

static bool text_printf(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends a formatted number or fixed word, if it fits. */
static bool
text_printf(struct text *t, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    assert(n >= 0 && (size_t)n < sizeof(buf)); /* only numbers and fixed words */
    if (n < 0 || (size_t)n >= sizeof(buf)) {
        t->full = true;
        return false;
    }
    return text_putn(t, buf, (size_t)n);
}

/* Whether the septets and bytes of a piece fit what is left of t. */
static bool
text_room(const struct text *t, size_t septets, size_t bytes)
{
    return septets <= t->max_septets - t->septets && bytes <= t->cap - t->len;
}

static bool
is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r';
}

/*
 * Writes the staff-typed UTF-8 text in (NULL reads as "") into out (outsz
 * bytes) as GSM-7 on one line, shortened at a word to max_septets (with
 * ".." when cut), without the punctuation left dangling at its end.
 * Returns its length.
 */
static size_t
clean(const char *in, size_t max_septets, char *out, size_t outsz)
{
    size_t n, i, o;

    if (in == NULL)
        in = "";
    n = gsm7_fit_words(in, strlen(in), max_septets, out, outsz);
    /* Line breaks become spaces, and runs of spaces one. */
    for (i = 0, o = 0; i < n; i++) {
        char c = is_space(out[i]) ? ' ' : out[i];

        if (c == ' ' && (o == 0 || out[o - 1] == ' '))
            continue;
        out[o++] = c;
    }
    /* "APBD 2027., Gd DPRD" would read badly; the ".." of a cut stays. */
    while (o > 0 && (out[o - 1] == ' ' || strchr(",;:-/", out[o - 1]) != NULL))
        o--;
    if (o > 0 && out[o - 1] == '.' && (o < 2 || out[o - 2] != '.'))
        o--;
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return o;
}

static char
ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool
is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether text starts with the word(s) w, in any case, followed by the end
 * or by something other than a letter or digit. */
static bool
starts_with_words(const char *text, const char *w)
{
    size_t i;

    for (i = 0; w[i] != '\0'; i++)
        if (ascii_lower(text[i]) != ascii_lower(w[i]))
            return false;
    return i > 0 && !is_alnum(text[i]);
}

/* Whether a session of type t is called a "rapat" (a recess is not, and
 * an RDP says it already: rapat dengar pendapat). */
static bool
is_meeting(enum agenda_type t)
{
    return t == AGENDA_TYPE_PARIPURNA || t == AGENDA_TYPE_KOMISI || t == AGENDA_TYPE_BANMUS ||
           t == AGENDA_TYPE_BANGGAR;
}

/* A session split into what its texts are made of. */
struct parts {
    char head[96];         /* "#12 Sen 2/12 09:00" or "Sen 2/12 09:00" */
    char kind[32];         /* "Paripurna", "Komisi III", or "" */
    const char *sep;       /* between the kind and the title */
    char title[PIECE_MAX]; /* cleaned, at most one segment */
    char place[PIECE_MAX]; /* cleaned, at most PLACE_MAX */
    bool cancelled;
};

/*
 * Splits a session into its parts, in language w: with its number in the
 * head when numbered, with "Rapat " before the kind when meeting is set.
 * A title that already starts with its kind ("Rapat Paripurna APBD",
 * "Komisi III: RDP ...") is not preceded by the kind a second time.
 */
static void
parts_make(const struct words *w, const struct agenda_item *it, bool numbered, bool meeting,
           struct parts *p)
{
    const char *day = it->wday >= 0 && it->wday <= 6 ? w->days[it->wday] : "";
    const char *tw = type_word(it->type);
    const char *roman = komisi_roman(it->komisi);
    char shortkind[32], alone[48];
    int n = 0;

    if (numbered)
        n = snprintf(p->head, sizeof(p->head), "#%" PRId64 " ", it->id);
    snprintf(p->head + n, sizeof(p->head) - (size_t)n, "%s%s%d/%d %02d:%02d", day,
             day[0] != '\0' ? " " : "", it->day, it->month, it->hour, it->minute);

    if (it->type == AGENDA_TYPE_KOMISI && roman[0] != '\0')
        snprintf(shortkind, sizeof(shortkind), "%s %s", tw, roman);
    else
        snprintf(shortkind, sizeof(shortkind), "%s", tw);
    p->sep = it->type == AGENDA_TYPE_KOMISI ? ": " : " ";

    clean(it->title, GSM7_SEGMENT, p->title, sizeof(p->title));
    clean(it->place, PLACE_MAX, p->place, sizeof(p->place));
    p->cancelled = it->cancelled != 0;

    snprintf(alone, sizeof(alone), "Rapat %s", shortkind);
    if (shortkind[0] == '\0' || starts_with_words(p->title, shortkind) ||
        starts_with_words(p->title, alone))
        p->kind[0] = '\0';
    else
        snprintf(p->kind, sizeof(p->kind), "%s%s",
                 meeting && is_meeting(it->type) ? w->meeting : "", shortkind);
}

/*
 * Writes a session into t: head, kind, title (the given one, which may be
 * shortened), the place unless left out, "BATAL" when cancelled.
 */
static void
parts_render(const struct words *w, const struct parts *p, const char *title, bool with_place,
             struct text *t)
{
    text_put(t, p->head);
    if (p->kind[0] != '\0') {
        text_put(t, " ");
        text_put(t, p->kind);
        if (title[0] != '\0') {
            text_put(t, p->sep);
            text_put(t, title);
        }
    } else if (title[0] != '\0') {
        text_put(t, " ");
        text_put(t, title);
    }
    if (p->cancelled) {
        text_put(t, " ");
        text_put(t, w->cancelled);
    } else if (with_place && p->place[0] != '\0') {
        text_put(t, ", ");
        text_put(t, p->place);
    }
}

/*
 * Writes a session into t with its title shortened so that the whole takes
 * at most max_septets and max_bytes, leaving the place out (if place is
 * set, it is tried first) when even an empty title would not leave room
 * for it.  Returns false, with t unchanged, when not even that fits.
 */
static bool
parts_render_fit(const struct words *w, const struct parts *p, const char *raw_title, bool place,
                 size_t max_septets, size_t max_bytes, struct text *t)
{
    char scratch[PIECE_MAX], title[PIECE_MAX];
    struct text fixed, whole;
    size_t sep, ts, tb;
    int with_place;

    for (with_place = place; with_place >= 0; with_place--) {
        text_init(&fixed, scratch, sizeof(scratch), SIZE_MAX);
        parts_render(w, p, "", with_place, &fixed);
        if (fixed.full || fixed.septets > max_septets || fixed.len > max_bytes)
            continue;
        /* What the title costs beyond itself: the space or ": " before it. */
        sep = p->kind[0] != '\0' ? strlen(p->sep) : 1;
        ts = max_septets - fixed.septets;
        tb = max_bytes - fixed.len;
        ts = ts > sep ? ts - sep : 0;
        tb = tb > sep ? tb - sep : 0;
        if (tb + 1 > sizeof(title))
            tb = sizeof(title) - 1;
        clean(raw_title, ts, title, tb + 1);
        text_init(&whole, scratch, sizeof(scratch), SIZE_MAX);
        parts_render(w, p, title, with_place, &whole);
        if (whole.full || whole.septets > max_septets || whole.len > max_bytes)
            continue; /* cannot happen: the title was fitted to the room */
        return text_append(t, &whole);
    }
    return false;
}

/* "KOMISI III", "RDP KOMISI III", "PARIPURNA", "KOMISI" or "": the kind a
 * filter asks for, with komisi as its komisi, in the words of a question. */
static void
kind_keywords(const struct agenda_filter *f, int komisi, char *out, size_t outsz)
{
    const char *tw = f->type != AGENDA_TYPE_KOMISI ? type_word(f->type) : "";
    size_t i;

    if (komisi >= 1 && komisi <= 4)
        snprintf(out, outsz, "%s%sKomisi %s", tw, tw[0] != '\0' ? " " : "", komisi_roman(komisi));
    else if (f->type == AGENDA_TYPE_KOMISI)
        snprintf(out, outsz, "Komisi");
    else
        snprintf(out, outsz, "%s", tw);
    for (i = 0; out[i] != '\0'; i++)
        if (out[i] >= 'a' && out[i] <= 'z')
            out[i] = (char)(out[i] - 'a' + 'A');
}

/* "BESOK", "2/12", "TGL 2"...: the day a filter asks for, in the words of a
 * question; "" for the next sessions. */
static void
day_keywords(enum agenda_when when, int day, int month, char *out, size_t outsz)
{
    switch (when) {
    case AGENDA_WHEN_TODAY:
        snprintf(out, outsz, "HARI INI");
        break;
    case AGENDA_WHEN_TOMORROW:
        snprintf(out, outsz, "BESOK");
        break;
    case AGENDA_WHEN_WEEK:
        snprintf(out, outsz, "MINGGU INI");
        break;
    case AGENDA_WHEN_DATE:
        if (month >= 1 && month <= 12)
            snprintf(out, outsz, "%d/%d", day, month);
        else
            snprintf(out, outsz, "TGL %d", day);
        break;
    default:
        out[0] = '\0';
        break;
    }
}

/* Writes "AGENDA <kind> <day>" into t, each only when set. */
static void
suggestion(const struct agenda_filter *f, int komisi, enum agenda_when when, int day, int month,
           struct text *t)
{
    char kind[64], days[32];

    kind_keywords(f, komisi, kind, sizeof(kind));
    day_keywords(when, day, month, days, sizeof(days));
    text_put(t, "AGENDA");
    if (kind[0] != '\0') {
        text_put(t, " ");
        text_put(t, kind);
    }
    if (days[0] != '\0') {
        text_put(t, " ");
        text_put(t, days);
    }
}

/*
 * Writes the tail of an answer showing the first shown of the n sessions
 * read, of total: ". +3 lagi" and at most max_suggest suggestions to narrow
 * the question.  Nothing when all total are shown.
 */
static void
tail_render(const struct words *w, const struct agenda_filter *f, const struct agenda_item *items,
            size_t n, size_t shown, size_t total, size_t max_suggest, struct text *t)
{
    static const struct agenda_filter next = {.when = AGENDA_WHEN_NEXT};
    const struct agenda_item *hidden = items + shown;
    size_t nhidden = n - shown, ns = 0, i;
    char buf[SUGGEST_MAX][128];
    struct text sg[SUGGEST_MAX];
    int komisi = 0;

    if (shown >= total)
        return;
    if (f == NULL)
        f = &next;
    text_printf(t, ". +%zu %s", total - shown, w->more);

    /* The komisi of the first hidden session that has one, else of the
     * first shown one: a komisi no session read has may have none. */
    for (i = 0; i < nhidden && komisi == 0; i++)
        if (hidden[i].komisi >= 1 && hidden[i].komisi <= 4)
            komisi = hidden[i].komisi;
    for (i = 0; i < shown && komisi == 0; i++)
        if (items[i].komisi >= 1 && items[i].komisi <= 4)
            komisi = items[i].komisi;
    for (i = 0; i < SUGGEST_MAX; i++)
        text_init(&sg[i], buf[i], sizeof(buf[i]), SIZE_MAX);
    if (f->when == AGENDA_WHEN_NEXT)
        suggestion(f, f->komisi, AGENDA_WHEN_TOMORROW, 0, 0, &sg[ns++]);
    if (f->komisi == 0 && komisi != 0)
        suggestion(f, komisi, f->when, f->day, f->month, &sg[ns++]);
    if (ns == 0 && f->when == AGENDA_WHEN_WEEK && nhidden > 0 && hidden[0].day >= 1 &&
        hidden[0].day <= 31 && hidden[0].month >= 1 && hidden[0].month <= 12)
        suggestion(f, f->komisi, AGENDA_WHEN_DATE, hidden[0].day, hidden[0].month, &sg[ns++]);

    for (i = 0; i < ns && i < max_suggest; i++) {
        if (i == 0) {
            text_put(t, ", ");
            text_put(t, w->send);
            text_put(t, " ");
        } else {
            text_put(t, " / ");
        }
        text_append(t, &sg[i]);
    }
}

/* "Komisi III", "RDP Komisi III", "Paripurna", "Komisi": what f asks for,
 * as the answer names it; "" for any session. */
static void
kind_words(const struct agenda_filter *f, char *out, size_t outsz)
{
    const char *tw = f->type != AGENDA_TYPE_KOMISI ? type_word(f->type) : "";

    if (f->komisi >= 1 && f->komisi <= 4)
        snprintf(out, outsz, "%s%sKomisi %s", tw, tw[0] != '\0' ? " " : "",
                 komisi_roman(f->komisi));
    else if (f->type == AGENDA_TYPE_KOMISI)
        snprintf(out, outsz, "Komisi");
    else
        snprintf(out, outsz, "%s", tw);
}

/* "st", "nd", "rd" or "th" after the English day number d. */
static const char *
ordinal(int d)
{
    if (d % 100 >= 11 && d % 100 <= 13)
        return "th";
    switch (d % 10) {
    case 1:
        return "st";
    case 2:
        return "nd";
    case 3:
        return "rd";
    default:
        return "th";
    }
}

/* Writes that nothing matches f, and what to ask instead. */
static void
none_render(const struct words *w, const struct agenda_filter *f, struct text *t)
{
    char kind[64];

    if (f == NULL || (f->when == AGENDA_WHEN_NEXT && f->komisi == 0 &&
                      (f->type == AGENDA_TYPE_ANY || type_word(f->type)[0] == '\0'))) {
        text_put(t, w->none_at_all);
        return;
    }
    text_put(t, w->none);
    kind_words(f, kind, sizeof(kind));
    if (kind[0] != '\0') {
        text_printf(t, " %s ", w->none_for);
        text_put(t, kind);
    }
    switch (f->when) {
    case AGENDA_WHEN_TODAY:
        text_printf(t, " %s", w->today);
        break;
    case AGENDA_WHEN_TOMORROW:
        text_printf(t, " %s", w->tomorrow);
        break;
    case AGENDA_WHEN_WEEK:
        text_printf(t, " %s", w->week);
        break;
    case AGENDA_WHEN_DATE:
        if (f->month >= 1 && f->month <= 12)
            text_printf(t, " %s %d/%d", w->on_date, f->day, f->month);
        else if (w->ordinal_dates)
            text_printf(t, " %s the %d%s", w->on_date, f->day, ordinal(f->day));
        else
            text_printf(t, " %s %d", w->on_date, f->day);
        break;
    default:
        break;
    }
    text_put(t, w->none_next);
}

size_t
agenda_reply_format(enum lang l, const struct agenda_filter *f, const struct agenda_item *items,
                    size_t n, size_t total, char *out, size_t outsz)
{
    /* The tails tried when the first session must be shortened: with all
     * suggestions, with one, with none; then no tail, then no header. */
    static const struct {
        bool header, tail;
        size_t suggest;
    } stages[] = {
        {true, true, SUGGEST_MAX}, {true, true, 1},   {true, true, 0},
        {true, false, 0},          {false, false, 0},
    };
    const struct words *w = words_for(l);
    char buf[PIECE_MAX], tbuf[PIECE_MAX];
    struct text t, piece, tail;
    struct parts parts;
    size_t k, best = 0, septets, bytes, header_len, ms, i;

    if (out == NULL || outsz == 0)
        return 0;
    text_init(&t, out, outsz, GSM7_SEGMENT);
    if (n == 0 || items == NULL) {
        none_render(w, f, &t);
        return t.len;
    }
    if (total < n)
        total = n;
    header_len = strlen(w->header); /* ASCII: one septet a byte */

    /*
     * The most sessions that fit whole, together with the tail they leave
     * (with one suggestion at least: a second one is not worth a session).
     */
    septets = header_len;
    bytes = header_len;
    for (k = 1; k <= n; k++) {
        parts_make(w, &items[k - 1], true, false, &parts);
        text_init(&piece, buf, sizeof(buf), SIZE_MAX);
        parts_render(w, &parts, parts.title, true, &piece);
        if (piece.full)
            break;
        septets += piece.septets + (k > 1 ? 2 : 0); /* ". " between sessions */
        bytes += piece.len + (k > 1 ? 2 : 0);
        if (!text_room(&t, septets, bytes))
            break; /* more sessions only take more room */
        text_init(&tail, tbuf, sizeof(tbuf), SIZE_MAX);
        tail_render(w, f, items, n, k, total, 1, &tail);
        if (text_room(&t, septets + tail.septets, bytes + tail.len))
            best = k;
    }

    if (best > 0) {
        text_put(&t, w->header);
        for (k = 0; k < best; k++) {
            parts_make(w, &items[k], true, false, &parts);
            if (k > 0)
                text_put(&t, ". ");
            parts_render(w, &parts, parts.title, true, &t);
        }
        for (ms = SUGGEST_MAX;; ms--) {
            text_init(&tail, tbuf, sizeof(tbuf), SIZE_MAX);
            tail_render(w, f, items, n, best, total, ms, &tail);
            if (text_room(&t, tail.septets, tail.len) || ms == 0)
                break;
        }
        text_append(&t, &tail);
        return t.len;
    }

    /*
     * Not even the first session fits whole: its title is shortened to the
     * room the header and the tail leave.  Only a session whose number and
     * date are absurdly long fails to fit with the whole tail; it loses the
     * suggestions, then the tail, then the header.
     */
    parts_make(w, &items[0], true, false, &parts);
    for (i = 0; i < sizeof(stages) / sizeof(stages[0]); i++) {
        size_t room_s = GSM7_SEGMENT, room_b = outsz - 1;

        text_init(&tail, tbuf, sizeof(tbuf), SIZE_MAX);
        if (stages[i].tail)
            tail_render(w, f, items, n, 1, total, stages[i].suggest, &tail);
        if (stages[i].header && (header_len > room_s || header_len > room_b))
            continue;
        if (stages[i].header) {
            room_s -= header_len;
            room_b -= header_len;
        }
        if (tail.septets > room_s || tail.len > room_b)
            continue;
        text_init(&piece, buf, sizeof(buf), SIZE_MAX);
        if (!parts_render_fit(w, &parts, items[0].title, true, room_s - tail.septets,
                              room_b - tail.len, &piece))
            continue;
        if (stages[i].header)
            text_put(&t, w->header);
        text_append(&t, &piece);
        text_append(&t, &tail);
        return t.len;
    }
    return t.len;
}

size_t
agenda_announce_format(enum lang l, const struct agenda_item *it, int public_, char *out,
                       size_t outsz)
{
    const struct words *w = words_for(l);
    char buf[PIECE_MAX], ebuf[PIECE_MAX], sbuf[PIECE_MAX];
    struct text t, piece, end, speaker;
    struct parts parts;
    size_t room_s, room_b, title_s;
    int stage;

    if (out == NULL || outsz == 0)
        return 0;
    text_init(&t, out, outsz, GSM7_SEGMENT);
    if (it == NULL)
        return 0;
    parts_make(w, it, false, true, &parts);
    title_s = (size_t)gsm7_septets(parts.title, strlen(parts.title));
    if (title_s > TITLE_MIN)
        title_s = TITLE_MIN;

    /*
     * The session, then "." and what follows it: whether the public may
     * attend, how to send a proposal, how to stop.  The title takes the room
     * left; when that is less than TITLE_MIN septets (a very long place or
     * number), the speaker goes first, then the public sentence and the
     * proposal hint, then the place.  The stop instruction always stays.
     */
    for (stage = 0; stage < 4; stage++) {
        bool with_speaker = stage < 1, with_public = stage < 2, with_place = stage < 3;

        text_init(&speaker, sbuf, sizeof(sbuf), SIZE_MAX);
        if (with_speaker)
            text_put(&speaker, w->speaker);
        text_init(&end, ebuf, sizeof(ebuf), SIZE_MAX);
        text_put(&end, ". ");
        if (public_ && !parts.cancelled && with_public) {
            text_put(&end, w->open);
            text_put(&end, " ");
            text_printf(&end, "%s%" PRId64 "%s ", w->propose, it->id, w->propose_end);
        }
        text_put(&end, w->stop);

        room_s = GSM7_SEGMENT;
        room_b = outsz - 1;
        if (speaker.septets + end.septets > room_s || speaker.len + end.len > room_b)
            continue;
        room_s -= speaker.septets + end.septets;
        room_b -= speaker.len + end.len;

        text_init(&piece, buf, sizeof(buf), SIZE_MAX);
        if (stage < 3) {
            struct text bare;
            char bbuf[PIECE_MAX];

            /* Is there room for TITLE_MIN septets of the title? */
            text_init(&bare, bbuf, sizeof(bbuf), SIZE_MAX);
            parts_render(w, &parts, "", with_place, &bare);
            if (bare.septets + (title_s > 0 ? title_s + 2 : 0) > room_s || bare.len > room_b)
                continue;
        }
        if (!parts_render_fit(w, &parts, it->title, with_place, room_s, room_b, &piece))
            continue;
        text_append(&t, &speaker);
        text_append(&t, &piece);
        text_append(&t, &end);
        return t.len;
    }
    return t.len;
}

/*
 * Upper-cases the GSM-7 text s (len bytes) in place, as a citizen types a
 * keyword back: ASCII letters, and the accented letters of GSM-7 as their
 * plain letters ("Désa" becomes "DESA").  NUL-terminates it and returns
 * its new length.
 */
static size_t
keyword_upper(char *s, size_t len)
{
    size_t i = 0, o = 0, k;
    const char *plain;
    uint32_t cp;

    while (i < len) {
        k = utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (k <= 1) { /* ASCII (clean() leaves nothing else of one byte) */
            char c = s[i];

            s[o++] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
            i++;
            continue;
        }
        switch (cp) {
        case 0xe0: /* à ä å Ä Å */
        case 0xe4:
        case 0xe5:
        case 0xc4:
        case 0xc5:
            plain = "A";
            break;
        case 0xe6: /* æ Æ */
        case 0xc6:
            plain = "AE";
            break;
        case 0xc7: /* Ç */
            plain = "C";
            break;
        case 0xe8: /* è é É */
        case 0xe9:
        case 0xc9:
            plain = "E";
            break;
        case 0xec: /* ì */
            plain = "I";
            break;
        case 0xf1: /* ñ Ñ */
        case 0xd1:
            plain = "N";
            break;
        case 0xf2: /* ò ö Ö ø Ø */
        case 0xf6:
        case 0xd6:
        case 0xf8:
        case 0xd8:
            plain = "O";
            break;
        case 0xf9: /* ù ü Ü */
        case 0xfc:
        case 0xdc:
            plain = "U";
            break;
        case 0xdf: /* ß */
            plain = "SS";
            break;
        default:
            plain = NULL; /* Greek capitals, symbols: kept */
            break;
        }
        if (plain != NULL && strlen(plain) <= k) {
            memcpy(s + o, plain, strlen(plain));
            o += strlen(plain);
        } else {
            memmove(s + o, s + i, k);
            o += k;
        }
        i += k;
    }
    s[o] = '\0';
    return o;
}

size_t
info_list_format(enum lang l, const char *const *topics, size_t n, char *out, size_t outsz)
{
    const struct words *w = words_for(l);
    char name[PIECE_MAX], buf[PIECE_MAX];
    struct text t, piece;
    size_t i, shown = 0;

    if (out == NULL || outsz == 0)
        return 0;
    text_init(&t, out, outsz, GSM7_SEGMENT);
    for (i = 0; topics != NULL && i < n; i++) {
        size_t len = clean(topics[i], GSM7_SEGMENT, name, sizeof(name));

        if (len == 0)
            continue;
        keyword_upper(name, len);
        /* A topic that does not fit is left out; a shorter one after it may
         * still fit. */
        text_init(&piece, buf, sizeof(buf), SIZE_MAX);
        text_put(&piece, shown == 0 ? w->info_head : " / ");
        text_put(&piece, "INFO ");
        text_put(&piece, name);
        if (!piece.full && text_append(&t, &piece))
            shown++;
    }
    if (shown == 0)
        text_put(&t, w->info_none);
    return t.len;
}

/* Days since 1970-01-01 of a proleptic Gregorian date; the day may run
 * past the end of its month (31/2 counts as 3/3). */
static long long
days_from_civil(long long y, long long m, long long d)
{
    long long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The date z days after 1970-01-01. */
static struct agenda_date
civil_from_days(long long z)
{
    struct agenda_date out;
    long long era, doe, yoe, doy, mp, y;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    out.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    out.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    out.year = (int)(y + (out.month <= 2));
    return out;
}

static int
month_days(int year, int month)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    return month == 2 && leap ? 29 : mdays[month - 1];
}

/* Years an agenda can be in; a today outside them is no date. */
#define YEAR_MIN 1
#define YEAR_MAX 9998

int
agenda_range(const struct agenda_filter *f, struct agenda_date today, int today_wday,
             struct agenda_date *from, struct agenda_date *to)
{
    long long t, a, b, d;
    int year, month, wday;

    if (f == NULL || f->when == AGENDA_WHEN_NEXT)
        return 0;
    if (today.year < YEAR_MIN || today.year > YEAR_MAX || today.month < 1 || today.month > 12 ||
        today.day < 1 || today.day > month_days(today.year, today.month))
        return -1;
    t = days_from_civil(today.year, today.month, today.day);

    switch (f->when) {
    case AGENDA_WHEN_TODAY:
        a = t;
        b = t + 1;
        break;
    case AGENDA_WHEN_TOMORROW:
        a = t + 1;
        b = t + 2;
        break;
    case AGENDA_WHEN_WEEK:
        /* Today up to and including Sunday: on a Sunday, today alone. */
        wday = ((today_wday % 7) + 7) % 7;
        a = t;
        b = t + (wday == 0 ? 1 : 8 - wday);
        break;
    case AGENDA_WHEN_DATE:
        month = f->month == 0 ? today.month : f->month;
        if (month < 1 || month > 12 || f->day < 1 || f->day > 31)
            return -1;
        year = today.year;
        /* This year's, unless it passed more than 31 days ago.  A 29/2 in
         * a year without one counts as 1/3 for this; it is then refused. */
        d = days_from_civil(year, month, f->day);
        if (t - d > 31)
            year++;
        if (f->day > month_days(year, month))
            return -1;
        a = days_from_civil(year, month, f->day);
        b = a + 1;
        break;
    default:
        return -1;
    }
    *from = civil_from_days(a);
    *to = civil_from_days(b);
    return 1;
}
