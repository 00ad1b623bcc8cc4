/*
 * Reading an agenda filter from what a citizen typed.
 *
 * The text is read as tokens: runs of ASCII letters (lower-cased) and runs
 * of ASCII digits, split where letters meet digits ("komisi3", "2des"),
 * with everything else between them.  Tokens are read on demand from a
 * byte position, so looking a few tokens ahead needs no buffer and the cost
 * stays linear in the length of the text.
 *
 * At each token the rules below are tried in turn; the first that matches
 * consumes its tokens.  The first day said wins, and so do the first komisi
 * and the first kind of session:
 *
 *   day     "hari ini", "saiki", "dino iki", "today"; "besok", "besuk",
 *           "sesuk", "mbenjing", "tomorrow"; "minggu ini", "pekan iki",
 *           "this week"; dates "2/12", "02-12-2026", "2.12", "2 des",
 *           "2 desember 2026", "dec 2nd", "tgl 2" (month 0: not said).
 *           A date that does not exist ("31/2", "45/12") is no date.
 *   komisi  "komisi" (or a near spelling, or "commission") followed by a
 *           Roman numeral I-IV (also written with l: "lll"), a digit 1-4,
 *           a number word (satu, siji, setunggal, one, ketiga ...) or a
 *           letter A-D.  "K3" is not read as a komisi: it is the common
 *           abbreviation of occupational safety.
 *   type    paripurna (rapur, plenary), RDP (rapat dengar pendapat,
 *           hearing), reses, Banmus (Badan Musyawarah), Banggar (Badan
 *           Anggaran); "komisi" without a usable number means type komisi
 *           when no other type is said.
 *
 * Words of six letters or more also match at one typo (a letter changed,
 * added, dropped or two neighbours swapped); shorter ones only through the
 * spellings listed, so that short words do not collide.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "parsers/agenda.h"

#define WORD_MAX 24 /* longest word compared; longer ones match nothing */

enum { TOK_WORD, TOK_NUM };

struct tok {
    int kind;
    size_t start, end;    /* bytes of the text */
    size_t pre;           /* bytes between the previous token and this one */
    char prech;           /* that byte when pre == 1 */
    char w[WORD_MAX + 1]; /* lower-cased letters, or the digits; "" if longer */
    size_t ndig;          /* TOK_NUM: number of digits */
    int num;              /* TOK_NUM: its value, -1 above four digits */
};

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Reads the token at or after pos into *t; returns false at the end. */
static bool
lex(const char *s, size_t len, size_t pos, struct tok *t)
{
    size_t p = pos, n;
    bool digits;

    while (p < len && !is_digit(s[p]) && !is_alpha(s[p]))
        p++;
    if (p >= len)
        return false;
    t->start = p;
    t->pre = p - pos;
    t->prech = t->pre == 1 ? s[pos] : 0;
    digits = is_digit(s[p]);
    t->kind = digits ? TOK_NUM : TOK_WORD;
    while (p < len && (digits ? is_digit(s[p]) : is_alpha(s[p])))
        p++;
    t->end = p;
    n = p - t->start;
    if (n > WORD_MAX) {
        t->w[0] = '\0';
    } else {
        for (p = 0; p < n; p++) {
            char c = s[t->start + p];

            t->w[p] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        }
        t->w[n] = '\0';
    }
    t->ndig = digits ? n : 0;
    t->num = -1;
    if (digits && n <= 4) {
        t->num = 0;
        for (p = 0; p < n; p++)
            t->num = t->num * 10 + (t->w[p] - '0');
    }
    return true;
}

/* Whether a and b differ by at most one edit: a letter changed, added or
 * dropped, or two neighbours swapped. */
static bool
one_edit(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i = 0;

    if (la < lb) {
        const char *t = a;
        size_t tl = la;

        a = b;
        b = t;
        la = lb;
        lb = tl;
    }
    if (la - lb > 1)
        return false;
    while (i < lb && a[i] == b[i])
        i++;
    if (i == lb)
        return true; /* equal, or one letter added at the end */
    if (la > lb)
        return strcmp(a + i + 1, b + i) == 0;
    if (strcmp(a + i + 1, b + i + 1) == 0)
        return true;
    return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && strcmp(a + i + 2, b + i + 2) == 0;
}

/*
 * Whether the word w is one of list: exactly, or at one edit when both the
 * listed word and w have at least six letters.
 */
static bool
word_in(const struct tok *t, const char *const *list)
{
    const char *const *p;

    if (t->kind != TOK_WORD || t->w[0] == '\0')
        return false;
    for (p = list; *p != NULL; p++)
        if (strcmp(t->w, *p) == 0)
            return true;
    if (strlen(t->w) < 6)
        return false;
    for (p = list; *p != NULL; p++)
        if (strlen(*p) >= 6 && one_edit(t->w, *p))
            return true;
    return false;
}

/* Exact matches only: for words whose near spellings are other words. */
static bool
word_is(const struct tok *t, const char *const *list)
{
    const char *const *p;

    if (t->kind != TOK_WORD)
        return false;
    for (p = list; *p != NULL; p++)
        if (strcmp(t->w, *p) == 0)
            return true;
    return false;
}

/* ---- vocabulary -------------------------------------------------------- */

static const char *const w_today[] = {
    "today",   "tdy",     "tonight", "sekarang", "skrg",    "skrng",   "skrang",
    "skarang", "sekrg",   "skr",     "sekarng",  "saiki",   "sakniki", "samenika",
    "saniki",  "hariini", "hrini",   "harini",   "dinoiki", "now",     NULL,
};

static const char *const w_tomorrow[] = {
    "besok",   "bsk",     "besk",     "bsok",     "besuk",    "bsuk",     "besoq",
    "besuq",   "besog",   "esok",     "sesuk",    "ssk",      "mbesuk",   "mbesok",
    "mbsk",    "benjing", "mbenjing", "mbenjang", "tomorrow", "tommorow", "tommorrow",
    "tomorow", "tmrw",    "tmr",      "tomoro",   "besoknya", NULL,
};

static const char *const w_week[] = {"week", "seminggu", "sepekan", NULL};

/* First words of "X ini": a day or a part of it ("hari ini", "malam
 * ini", "dino iki"), or a week ("minggu ini", "pekan iki"). */
static const char *const w_day_first[] = {
    "hari", "hr",    "hri",  "har",   "dino", "dina",  "dinten",
    "pagi", "siang", "sore", "malam", "mlm",  "bengi", NULL,
};
static const char *const w_week_first[] = {"minggu", "mgg", "mg", "mingu", "pekan", "pkn", NULL};
static const char *const w_this[] = {
    "ini", "ni", "iki", "niki", "menika", "punika", "puniko", "meniko", NULL,
};
/* After "nanti": "nanti malam" is today. */
static const char *const w_day_part[] = {"malam", "mlm", "sore", "siang", NULL};

static const char *const w_date_word[] = {
    "tgl", "tanggal", "tangal", "tanggl", "tggl", "tgal", "tnggl", "tg", "tang", "date", NULL,
};

static const char *const w_ordinal[] = {"st", "nd", "rd", "th", NULL};

static const char *const w_time_word[] = {"jam", "pukul", "pkl", "jm", "pk", NULL};

static const char *const w_komisi[] = {"komisi", "komsi", "kmisi", "komis", "commission", NULL};

/* Between "komisi" and its number: "komisi ke-3", "komisi no 3". */
static const char *const w_ke[] = {"ke", "no", "nomor", "number", "kaping", NULL};

/* Months, in the order of the year; one list per month. */
static const char *const m1[] = {"januari", "january", "jan", NULL};
static const char *const m2[] = {"februari", "pebruari", "february", "feb", "peb", "febr", NULL};
static const char *const m3[] = {"maret", "march", "mar", "mrt", NULL};
static const char *const m4[] = {"april", "apr", NULL};
static const char *const m5[] = {"mei", "may", NULL};
static const char *const m6[] = {"juni", "june", "jun", NULL};
static const char *const m7[] = {"juli", "july", "jul", NULL};
static const char *const m8[] = {"agustus", "august", "agu", "agt", "ags", "agst", "aug", NULL};
static const char *const m9[] = {"september", "sep", "sept", "spt", NULL};
static const char *const m10[] = {"oktober", "october", "okt", "oct", NULL};
static const char *const m11[] = {"november", "nopember", "nov", "nop", NULL};
static const char *const m12[] = {"desember", "december", "des", "dec", "desm", NULL};
static const char *const *const month_names[12] = {m1, m2, m3, m4,  m5,  m6,
                                                   m7, m8, m9, m10, m11, m12};

/* Komisi numbers as words, Roman numerals and letters, for 1 to 4. */
static const char *const k1[] = {"satu",   "siji", "setunggal", "one", "pertama",
                                 "kesatu", "i",    "l",         "a",   NULL};
static const char *const k2[] = {"dua", "loro", "kalih", "two", "kedua", "ii", "ll", "b", NULL};
static const char *const k3[] = {"tiga", "telu", "three", "ketiga", "iii", "lll", "c", NULL};
static const char *const k4[] = {"empat", "papat", "sekawan", "four", "keempat",
                                 "iv",    "lv",    "d",       NULL};
static const char *const *const komisi_names[4] = {k1, k2, k3, k4};

static const char *const t_paripurna[] = {"paripurna", "rapur", "plenary", NULL};
static const char *const t_rdp[] = {"rdp", "rdpu", "hearing", NULL};
static const char *const t_reses[] = {"reses", "resess", "recess", NULL};
static const char *const t_banmus[] = {"banmus", "bamus", NULL};
static const char *const t_banggar[] = {"banggar", "bangar", NULL};
static const char *const t_badan[] = {"badan", "bdn", "bd", NULL};
static const char *const t_musyawarah[] = {"musyawarah", NULL};
static const char *const t_anggaran[] = {"anggaran", NULL};
static const char *const t_dengar[] = {"dengar", "denger", "dngr", NULL};
static const char *const t_pendapat[] = {"pendapat", "pndpt", NULL};

static const char *const type_names[AGENDA_TYPE__COUNT] = {
    [AGENDA_TYPE_ANY] = "",
    [AGENDA_TYPE_PARIPURNA] = "paripurna",
    [AGENDA_TYPE_KOMISI] = "komisi",
    [AGENDA_TYPE_RDP] = "rdp",
    [AGENDA_TYPE_RESES] = "reses",
    [AGENDA_TYPE_BANMUS] = "banmus",
    [AGENDA_TYPE_BANGGAR] = "banggar",
};

const char *
agenda_type_name(enum agenda_type t)
{
    if ((unsigned)t >= AGENDA_TYPE__COUNT)
        return "";
    return type_names[t];
}

enum agenda_type
agenda_type_from_name(const char *name)
{
    for (int t = AGENDA_TYPE_ANY + 1; t < AGENDA_TYPE__COUNT; t++)
        if (strcmp(name, type_names[t]) == 0)
            return (enum agenda_type)t;
    return AGENDA_TYPE_ANY;
}

/* ---- dates ----------------------------------------------------------------- */

/* The month (1-12) a word names, or 0. */
static int
month_of(const struct tok *t)
{
    int m;

    for (m = 0; m < 12; m++)
        if (word_in(t, month_names[m]))
            return m + 1;
    return 0;
}

/*
 * Whether day/month (month 0: not said) exists; year is 0 when not said,
 * else the full year, and decides 29 February.
 */
static bool
date_valid(int day, int month, int year)
{
    static const int mdays[13] = {31, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (day < 1 || month < 0 || month > 12 || day > mdays[month])
        return false;
    if (month == 2 && day == 29 && year != 0)
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return true;
}

/* A year token: four digits, or two (20xx). */
static int
year_of(const struct tok *t)
{
    if (t->kind != TOK_NUM)
        return -1;
    if (t->ndig == 4)
        return t->num;
    if (t->ndig == 2)
        return 2000 + t->num;
    return -1;
}

/* A day token of one or two digits, with its end (past a glued "nd"). */
static bool
day_at(const char *s, size_t len, const struct tok *t, size_t *end)
{
    struct tok o;

    if (t->kind != TOK_NUM || t->ndig > 2)
        return false;
    *end = t->end;
    if (lex(s, len, t->end, &o) && o.pre == 0 && word_is(&o, w_ordinal))
        *end = o.end;
    return true;
}

struct date {
    int day, month;
    size_t end; /* past the last token of the date */
    bool valid;
};

/*
 * Reads a date starting at the number t: "2/12", "2-12-2026", "2.12", "2
 * des", "2nd december 2026".  Returns false when t does not start one;
 * otherwise fills *d, with d->valid false for a date that does not exist
 * (its tokens are still consumed, so "45/12" is not read as anything else).
 */
static bool
date_numeric(const char *s, size_t len, const struct tok *t, struct date *d)
{
    struct tok m, y;
    size_t end;
    int month, year = 0;
    char sep;

    if (!day_at(s, len, t, &end))
        return false;
    d->day = t->num;
    /* "2/12", "02-12", "2.12", "2/12/2026" */
    sep = 0;
    if (end == t->end && lex(s, len, t->end, &m) && m.pre == 1 &&
        (m.prech == '/' || m.prech == '-' || m.prech == '.') && m.kind == TOK_NUM && m.ndig <= 2) {
        sep = m.prech;
        d->month = m.num;
        d->end = m.end;
        if (lex(s, len, m.end, &y) && y.pre == 1 && y.prech == sep && year_of(&y) > 0) {
            year = year_of(&y);
            d->end = y.end;
        }
        /* "00" is how agenda_filter_format() writes a month not said */
        if (d->month == 0 && !(sep == '/' && strcmp(m.w, "00") == 0)) {
            d->valid = false;
            return true;
        }
        d->valid = date_valid(d->day, d->month, year);
        return true;
    }
    /* "2 des", "2des", "2-des", "2nd december 2026" */
    if (!lex(s, len, end, &m) || m.pre > 2 || (month = month_of(&m)) == 0)
        return false;
    d->month = month;
    d->end = m.end;
    if (lex(s, len, m.end, &y) && y.pre <= 2 && y.kind == TOK_NUM && y.ndig == 4) {
        year = y.num;
        d->end = y.end;
    }
    d->valid = date_valid(d->day, d->month, year);
    return true;
}

/* "dec 2", "december 2nd", "des 2 2026": a month followed by its day. */
static bool
date_month_first(const char *s, size_t len, const struct tok *t, struct date *d)
{
    struct tok n, y;
    size_t end;
    int month = month_of(t), year = 0;

    if (month == 0 || !lex(s, len, t->end, &n) || n.pre > 2 || !day_at(s, len, &n, &end))
        return false;
    /* "des 2/12" or "des 2 des": the number starts a date of its own */
    if (lex(s, len, n.end, &y) && y.pre == 1 && (y.prech == '/' || y.prech == '-') &&
        y.kind == TOK_NUM)
        return false;
    d->day = n.num;
    d->month = month;
    d->end = end;
    if (lex(s, len, end, &y) && y.pre <= 2 && y.kind == TOK_NUM && y.ndig == 4) {
        year = y.num;
        d->end = y.end;
    }
    d->valid = date_valid(d->day, d->month, year);
    return true;
}

/* ---- komisi ---------------------------------------------------------------- */

/* The komisi (1-4) a token names as a number, or 0. */
static int
komisi_number(const struct tok *t)
{
    int k;

    if (t->kind == TOK_NUM)
        return t->ndig <= 2 && t->num >= 1 && t->num <= 4 ? t->num : 0;
    for (k = 0; k < 4; k++)
        if (word_is(t, komisi_names[k]))
            return k + 1;
    return 0;
}

/* Whether the number t starts a date ("komisi 2/12", "komisi 2 des"). */
static bool
starts_date(const char *s, size_t len, const struct tok *t)
{
    struct date d;

    return t->kind == TOK_NUM && date_numeric(s, len, t, &d);
}

/*
 * After the word "komisi" (ending at pos): its number, skipping "ke"/"no";
 * *end receives the end of what was read.  Returns 1-4, 0 when no number
 * follows, -1 when a number follows that names no komisi ("komisi 5").
 */
static int
komisi_after(const char *s, size_t len, size_t pos, size_t *end)
{
    struct tok n;
    int k;

    *end = pos;
    if (!lex(s, len, pos, &n) || n.pre > 2)
        return 0;
    if (word_is(&n, w_ke)) {
        pos = n.end;
        if (!lex(s, len, pos, &n) || n.pre > 2)
            return 0;
    }
    if (starts_date(s, len, &n))
        return 0;
    k = komisi_number(&n);
    if (k > 0) {
        *end = n.end;
        return k;
    }
    if (n.kind == TOK_NUM || strcmp(n.w, "v") == 0 || strcmp(n.w, "e") == 0) {
        *end = n.end;
        return -1;
    }
    return 0;
}

/* "komisiiii", "komisic": the word and its numeral written as one. */
static int
komisi_glued(const struct tok *t)
{
    struct tok rest;
    size_t n = strlen("komisi");

    if (t->kind != TOK_WORD || strncmp(t->w, "komisi", n) != 0 || t->w[n] == '\0')
        return 0;
    memset(&rest, 0, sizeof(rest));
    rest.kind = TOK_WORD;
    memcpy(rest.w, t->w + n, strlen(t->w + n) + 1);
    if (strlen(rest.w) > 3) /* "komisinya": no numeral */
        return 0;
    return komisi_number(&rest);
}

/* ---- the parser --------------------------------------------------------------- */

struct parse {
    const char *s;
    size_t len;
    struct agenda_filter *f;
    bool when_set, komisi_word;
};

static void
set_when(struct parse *p, enum agenda_when w, int day, int month)
{
    if (p->when_set)
        return;
    p->when_set = true;
    p->f->when = w;
    p->f->day = day;
    p->f->month = month;
}

static void
set_type(struct parse *p, enum agenda_type t)
{
    if (p->f->type == AGENDA_TYPE_ANY)
        p->f->type = t;
}

/* A date starting at t; returns the position after it, or 0. */
static size_t
rule_date(struct parse *p, const struct tok *t, const struct tok *prev)
{
    struct date d;
    struct tok n;
    size_t end;
    bool after_time = prev != NULL && word_is(prev, w_time_word);

    if (t->kind == TOK_NUM) {
        /* "jam 9.30", "pukul 10" are times */
        if (after_time || !date_numeric(p->s, p->len, t, &d))
            return 0;
    } else if (word_is(t, w_date_word)) {
        /* "tgl 2", "tanggal 2 desember", "tgl. 2/12" */
        if (!lex(p->s, p->len, t->end, &n) || n.pre > 3 || !day_at(p->s, p->len, &n, &end))
            return 0;
        if (!date_numeric(p->s, p->len, &n, &d)) {
            d.day = n.num;
            d.month = 0;
            d.end = end;
            d.valid = date_valid(d.day, 0, 0);
        }
    } else if (!date_month_first(p->s, p->len, t, &d)) {
        return 0;
    }
    if (d.valid)
        set_when(p, AGENDA_WHEN_DATE, d.day, d.month);
    return d.end;
}

/* "hari ini", "minggu iki", "besok", "saiki", "week"; returns the position
 * after the words, or 0. */
static size_t
rule_relative(struct parse *p, const struct tok *t)
{
    struct tok n;

    if (word_in(t, w_tomorrow)) {
        set_when(p, AGENDA_WHEN_TOMORROW, 0, 0);
        return t->end;
    }
    if (word_in(t, w_today)) {
        set_when(p, AGENDA_WHEN_TODAY, 0, 0);
        return t->end;
    }
    if (word_in(t, w_week)) {
        set_when(p, AGENDA_WHEN_WEEK, 0, 0);
        return t->end;
    }
    if (!lex(p->s, p->len, t->end, &n) || n.pre > 2)
        return 0;
    /* "hari ini", "malam ini", "dino iki", "nanti malam"; not "hari minggu" */
    if ((word_in(t, w_day_first) && word_is(&n, w_this)) ||
        (strcmp(t->w, "nanti") == 0 && word_is(&n, w_day_part))) {
        set_when(p, AGENDA_WHEN_TODAY, 0, 0);
        return n.end;
    }
    /* "minggu ini", "pekan iki", "mgg ini"; not "minggu depan" */
    if (word_in(t, w_week_first) && word_is(&n, w_this)) {
        set_when(p, AGENDA_WHEN_WEEK, 0, 0);
        return n.end;
    }
    return 0;
}

/* "komisi III", "komisi ke-3", "komisiC"; returns the position after, or 0. */
static size_t
rule_komisi(struct parse *p, const struct tok *t)
{
    size_t end;
    int k;

    k = komisi_glued(t);
    if (k > 0) {
        if (p->f->komisi == 0)
            p->f->komisi = k;
        return t->end;
    }
    if (!word_in(t, w_komisi))
        return 0;
    k = komisi_after(p->s, p->len, t->end, &end);
    if (k > 0 && p->f->komisi == 0)
        p->f->komisi = k;
    if (k <= 0)
        p->komisi_word = true;
    return end > t->end ? end : t->end;
}

/* The kinds of session; returns the position after the words, or 0. */
static size_t
rule_type(struct parse *p, const struct tok *t)
{
    struct tok n;
    bool next = lex(p->s, p->len, t->end, &n) && n.pre <= 2;

    if (word_in(t, t_paripurna)) {
        set_type(p, AGENDA_TYPE_PARIPURNA);
        return t->end;
    }
    if (word_is(t, t_rdp)) {
        set_type(p, AGENDA_TYPE_RDP);
        return t->end;
    }
    if (word_is(t, t_reses)) {
        set_type(p, AGENDA_TYPE_RESES);
        return t->end;
    }
    if (word_is(t, t_banmus)) {
        set_type(p, AGENDA_TYPE_BANMUS);
        return t->end;
    }
    if (word_is(t, t_banggar)) {
        set_type(p, AGENDA_TYPE_BANGGAR);
        return t->end;
    }
    if (!next)
        return 0;
    if (word_is(t, t_dengar) && word_in(&n, t_pendapat)) {
        set_type(p, AGENDA_TYPE_RDP);
        return n.end;
    }
    if (word_is(t, t_badan) && word_in(&n, t_musyawarah)) {
        set_type(p, AGENDA_TYPE_BANMUS);
        return n.end;
    }
    if (word_is(t, t_badan) && word_in(&n, t_anggaran)) {
        set_type(p, AGENDA_TYPE_BANGGAR);
        return n.end;
    }
    return 0;
}

void
agenda_filter_parse(const char *text, size_t len, struct agenda_filter *out)
{
    struct parse p = {.s = text, .len = len, .f = out};
    struct tok t, prev;
    bool have_prev = false;
    size_t pos = 0, end;

    memset(out, 0, sizeof(*out));
    out->when = AGENDA_WHEN_NEXT;
    out->type = AGENDA_TYPE_ANY;
    if (text == NULL)
        return;
    while (lex(text, len, pos, &t)) {
        if ((end = rule_date(&p, &t, have_prev ? &prev : NULL)) == 0 &&
            (end = rule_relative(&p, &t)) == 0 && (end = rule_komisi(&p, &t)) == 0 &&
            (end = rule_type(&p, &t)) == 0)
            end = t.end;
        prev = t;
        have_prev = true;
        pos = end;
    }
    if (out->komisi == 0 && p.komisi_word)
        set_type(&p, AGENDA_TYPE_KOMISI);
}

size_t
agenda_filter_format(const struct agenda_filter *f, char *out, size_t outsz)
{
    char buf[64];
    size_t n = 0;
    int w;

    buf[0] = '\0';
    switch (f->when) {
    case AGENDA_WHEN_TODAY:
        n = (size_t)snprintf(buf, sizeof(buf), "today");
        break;
    case AGENDA_WHEN_TOMORROW:
        n = (size_t)snprintf(buf, sizeof(buf), "tomorrow");
        break;
    case AGENDA_WHEN_WEEK:
        n = (size_t)snprintf(buf, sizeof(buf), "week");
        break;
    case AGENDA_WHEN_DATE:
        if (f->day >= 1 && f->day <= 31 && f->month >= 0 && f->month <= 12)
            n = (size_t)snprintf(buf, sizeof(buf), "%02d/%02d", f->day, f->month);
        break;
    default:
        break;
    }
    if (f->komisi >= 1 && f->komisi <= 4) {
        w = snprintf(buf + n, sizeof(buf) - n, "%skomisi=%d", n > 0 ? " " : "", f->komisi);
        n += (size_t)w;
    }
    if ((unsigned)f->type < AGENDA_TYPE__COUNT && f->type != AGENDA_TYPE_ANY) {
        w = snprintf(buf + n, sizeof(buf) - n, "%stype=%s", n > 0 ? " " : "",
                     agenda_type_name(f->type));
        n += (size_t)w;
    }
    if (outsz == 0)
        return 0;
    if (n >= outsz)
        n = outsz - 1;
    memcpy(out, buf, n);
    out[n] = '\0';
    return n;
}
