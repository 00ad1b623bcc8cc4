/*
 * Finding a ticket number in free text.
 *
 * The text is read as tokens: runs of ASCII digits, where letters that look
 * like digits (O o -> 0, l I i -> 1, S s -> 5, B -> 8, Z -> 2) count as
 * digits only inside a token that is mostly digits already (no more of
 * them than real digits, and at most two at either end).  A token may be
 * glued to a word ("no.4821937", "tiket4821937", "STATUS4821937"): the
 * look-alikes at its edges are then left to the word, so "NO4821937" reads
 * 4821937 and not 04821937, and a word made only of look-alikes ("solo",
 * "ISI", "lOl") never becomes a number.
 *
 * Tokens joined by exactly one separator character form a cluster: space,
 * dash and dot join the groups of one number ("482-19 37", "4.821.937");
 * slash, colon and comma join the parts of dates, times and sums of money.
 * Inside a cluster the tokens that are clearly something else are set aside:
 *
 *   - dates and times: "2/12", "12-12-2026", "9:30", and, when they stand
 *     alone, "09.00", "2-12", "12.12.26";
 *   - RT/RW numbers ("RT 3", "RT.03/RW.05", "003/005");
 *   - money and quantities: "Rp 5.000", "5 juta", "2,5jt", "50%", "3 hari";
 *   - days and years named as such: "tgl 2", "2 des", "jam 9", "2026" alone;
 *   - phone numbers: 08... or 62... with 10 or more digits, or after "+".
 *
 * What is left falls into segments (tokens joined by space, dash or dot).
 * A segment of seven digits is a candidate; in a longer segment, so is every
 * run of seven digits made of whole parts, where only spaces split a segment
 * into parts ("4821937 5" holds 4821937; "482-1937" is never split).  The
 * first valid candidate wins, else the first invalid one, else the first
 * segment, as ticketref.h says.
 *
 * Memory is bounded: a cluster holds at most CLUSTER_MAX tokens, and a
 * longer one is read as several.  Every loop moves forward through the
 * text, so the cost is linear in its length.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "parsers/ticket.h"
#include "parsers/ticketref.h"

#define CLUSTER_MAX 32 /* tokens read as one cluster */
#define WORD_MAX    12 /* longest context word compared */

struct tok {
    size_t start, end;              /* bytes of the text */
    size_t ndig;                    /* digits, look-alikes included */
    char dig[TICKETREF_DIGITS_MAX]; /* the first of them, NUL-terminated */
    char gap;                       /* separator joining the next token, or 0 */
    bool excluded;                  /* set aside: not a ticket number */
};

/* Reads tokens from the text, one alphanumeric run at a time. */
struct lexer {
    const char *s;
    size_t len;
    size_t rs, re; /* the current run of ASCII letters and digits */
    bool mixed;    /* the run holds a letter that does not look like a digit */
    size_t c;      /* where to look next inside the run */
    size_t dw_end; /* when > c: inside a window read as plain digits only */
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

static char
lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The digit a letter looks like, or 0. */
static char
lookalike(char c)
{
    switch (c) {
    case 'O':
    case 'o':
        return '0';
    case 'l':
    case 'I':
    case 'i':
        return '1';
    case 'S':
    case 's':
        return '5';
    case 'B':
        return '8';
    case 'Z':
        return '2';
    default:
        return 0;
    }
}

static bool
digitish(char c)
{
    return is_digit(c) || lookalike(c) != 0;
}

/*
 * Whether [a, b) may be read with its look-alikes mapped: at least one real
 * digit, no more look-alikes than digits, and at most two look-alikes
 * together at either end, where a word would show ("87O7OO7", "482193O",
 * "l9", but not "ISO9001" or "OlO").
 */
static bool
mostly_digits(const char *s, size_t a, size_t b)
{
    size_t d = 0, l = 0, lead = 0, trail = 0, i;

    for (i = a; i < b; i++) {
        if (is_digit(s[i])) {
            d++;
            trail = 0;
        } else {
            l++;
            trail++;
            if (d == 0)
                lead++;
        }
    }
    return d >= 1 && d >= l && lead <= 2 && trail <= 2;
}

/* Fills t with [a, b), mapping look-alikes when map is set. */
static void
tok_set(struct tok *t, const char *s, size_t a, size_t b, bool map)
{
    size_t i;

    t->start = a;
    t->end = b;
    t->ndig = 0;
    t->gap = 0;
    t->excluded = false;
    for (i = a; i < b; i++) {
        char d = is_digit(s[i]) ? s[i] : map ? lookalike(s[i]) : 0;

        if (d == 0)
            continue;
        if (t->ndig < TICKETREF_DIGITS_MAX - 1)
            t->dig[t->ndig] = d;
        t->ndig++;
    }
    t->dig[t->ndig < TICKETREF_DIGITS_MAX - 1 ? t->ndig : TICKETREF_DIGITS_MAX - 1] = '\0';
}

/* Reads the next token into *t; returns false at the end of the text. */
static bool
lex_next(struct lexer *lx, struct tok *t)
{
    const char *s = lx->s;
    size_t a, b, p;

    for (;;) {
        if (lx->c < lx->dw_end) {
            /* A window of digits and look-alikes that failed mostly_digits():
             * only its plain digit runs are numbers. */
            a = lx->c;
            while (a < lx->dw_end && !is_digit(s[a]))
                a++;
            b = a;
            while (b < lx->dw_end && is_digit(s[b]))
                b++;
            lx->c = b;
            if (a < b) {
                tok_set(t, s, a, b, false);
                return true;
            }
            continue;
        }
        if (lx->c < lx->re) {
            a = lx->c;
            while (a < lx->re && !digitish(s[a]))
                a++;
            b = a;
            while (b < lx->re && digitish(s[b]))
                b++;
            lx->c = b;
            if (a == b)
                continue;
            /* A whole run of digits and look-alikes keeps its edges
             * ("482193O"); one glued to a word leaves them to the word. */
            if (!lx->mixed && a == lx->rs && b == lx->re && mostly_digits(s, a, b)) {
                tok_set(t, s, a, b, true);
                return true;
            }
            while (a < b && !is_digit(s[a]))
                a++;
            while (b > a && !is_digit(s[b - 1]))
                b--;
            if (a == b)
                continue;
            if (mostly_digits(s, a, b)) {
                tok_set(t, s, a, b, true);
                return true;
            }
            lx->c = a;
            lx->dw_end = b;
            continue;
        }
        p = lx->re;
        while (p < lx->len && !is_digit(s[p]) && !is_alpha(s[p]))
            p++;
        if (p >= lx->len)
            return false;
        lx->rs = p;
        lx->mixed = false;
        while (p < lx->len && (is_digit(s[p]) || is_alpha(s[p]))) {
            if (!digitish(s[p]))
                lx->mixed = true;
            p++;
        }
        lx->re = p;
        lx->c = lx->rs;
        lx->dw_end = lx->rs;
    }
}

/* ---- context words ------------------------------------------------------ */

/* Copies the letters [a, b) lower-cased into w (WORD_MAX + 1 bytes); a
 * longer word becomes "" and matches nothing. */
static void
word_copy(const char *s, size_t a, size_t b, char w[WORD_MAX + 1])
{
    size_t i;

    w[0] = '\0';
    if (b - a > WORD_MAX)
        return;
    for (i = a; i < b; i++)
        w[i - a] = lower(s[i]);
    w[b - a] = '\0';
}

/*
 * The word just before the token starting at start: glued to it ("Rp5",
 * "RT03") or after at most three characters of punctuation and space
 * ("Rp. 5", "RT: 3").  "" when a digit or nothing comes first.
 */
static void
word_before(const char *s, size_t start, char w[WORD_MAX + 1])
{
    size_t i = start, skipped = 0, b;

    w[0] = '\0';
    while (i > 0 && !is_alpha(s[i - 1])) {
        if (is_digit(s[i - 1]) || ++skipped > 3)
            return;
        i--;
    }
    b = i;
    while (i > 0 && is_alpha(s[i - 1]))
        i--;
    if (b > i)
        word_copy(s, i, b, w);
}

/* The word just after the token ending at end, glued ("5jt") or after at
 * most three characters of punctuation and space ("5 juta", "5,- rb"). */
static void
word_after(const char *s, size_t len, size_t end, char w[WORD_MAX + 1])
{
    size_t i = end, skipped = 0, a;

    w[0] = '\0';
    while (i < len && !is_alpha(s[i])) {
        if (is_digit(s[i]) || ++skipped > 3)
            return;
        i++;
    }
    a = i;
    while (i < len && is_alpha(s[i]))
        i++;
    if (i > a)
        word_copy(s, a, i, w);
}

static bool
in_list(const char *w, const char *const *list)
{
    if (w[0] == '\0')
        return false;
    for (; *list != NULL; list++)
        if (strcmp(w, *list) == 0)
            return true;
    return false;
}

/* Month names and their abbreviations, Indonesian, Javanese and English. */
static const char *const months[] = {
    "januari",  "january", "jan",  "februari", "pebruari",  "february", "feb",    "peb",
    "maret",    "march",   "mar",  "april",    "apr",       "mei",      "may",    "juni",
    "june",     "jun",     "juli", "july",     "jul",       "agustus",  "august", "agu",
    "agt",      "ags",     "agst", "aug",      "september", "sep",      "sept",   "oktober",
    "october",  "okt",     "oct",  "november", "nopember",  "nov",      "nop",    "desember",
    "december", "des",     "dec",  NULL,
};

/* Before an RT/RW number. */
static const char *const rt_words[] = {"rt", "rw", NULL};

/* Before a sum of money. */
static const char *const money_before[] = {"rp", "idr", NULL};

/* After a sum of money, whatever its length. */
static const char *const money_after[] = {
    "juta", "jt",    "jta",    "jutaan", "ribu", "rb",      "rbu",     "ribuan", "rban", "rupiah",
    "k",    "perak", "miliar", "milyar", "m",    "triliun", "trilyun", "idr",    NULL,
};

/* Before a day, an hour or a year: tokens of up to four digits. */
static const char *const day_before[] = {
    "tgl", "tanggal", "tg", "tang", "jam", "pukul", "pkl", "jm", "tahun", "thn", "th", NULL,
};

/* After a count or a measure: tokens of up to four digits. */
static const char *const count_after[] = {
    "hari", "hr",  "hri",   "minggu", "mgg",    "mg",    "pekan",  "bulan",  "bln",  "tahun",
    "thn",  "th",  "jam",   "menit",  "mnt",    "detik", "orang",  "org",    "jiwa", "kk",
    "kali", "x",   "rumah", "unit",   "meter",  "mtr",   "km",     "cm",     "mm",   "kg",
    "kilo", "ton", "liter", "ltr",    "persen", "buah",  "titik",  "lokasi", "ekor", "lembar",
    "rt",   "rw",  "days",  "weeks",  "months", "years", "people", NULL,
};

/* ---- clusters -------------------------------------------------------------- */

/* The numeric value of a token's digits, or -1 when it has more than four. */
static int
tok_value(const struct tok *t)
{
    int v = 0;
    size_t i;

    if (t->ndig > 4)
        return -1;
    for (i = 0; i < t->ndig; i++)
        v = v * 10 + (t->dig[i] - '0');
    return v;
}

/* Whether d/m (day and month tokens, 1-2 digits each) is a possible date. */
static bool
day_month(const struct tok *d, const struct tok *m)
{
    int dv = tok_value(d), mv = tok_value(m);

    return d->ndig <= 2 && m->ndig <= 2 && dv >= 1 && dv <= 31 && mv >= 1 && mv <= 12;
}

/* Whether h.mm or h:mm is a time of day. */
static bool
hour_minute(const struct tok *h, const struct tok *m)
{
    int hv = tok_value(h), mv = tok_value(m);

    return h->ndig <= 2 && m->ndig == 2 && hv >= 0 && hv <= 24 && mv >= 0 && mv <= 59;
}

/* Length of the run of tokens from i joined by the separator sep. */
static size_t
run_len(const struct tok *t, size_t n, size_t i, char sep)
{
    size_t k = 1;

    while (i + k < n && t[i + k - 1].gap == sep)
        k++;
    return k;
}

static void
exclude(struct tok *t, size_t i, size_t k)
{
    while (k-- > 0)
        t[i++].excluded = true;
}

/*
 * Dates, times and RT/RW pairs written with a slash or a colon, in the
 * tokens [a, b): with a dash or a dot when so is a date with a four-digit
 * year, and a range of times.  Runs of one separator end at b, so that a
 * number is judged by its own tokens only, wherever its segment ends.
 */
static void
exclude_dates(struct tok *t, size_t a, size_t b, bool slash_colon)
{
    size_t i = a, k;
    char sep;

    while (i < b) {
        sep = t[i].gap;
        k = sep != 0 ? run_len(t, b, i, sep) : 1;
        if (k < 2 || sep == ' ' || sep == ',' || slash_colon != (sep == '/' || sep == ':')) {
            i++;
            continue;
        }
        if (sep == '/') {
            /* "2/12", "2/12/2026", "003/005", "1/2" */
            if (t[i].ndig <= 3 && t[i + 1].ndig <= 3)
                exclude(t, i, k);
        } else if (sep == ':') {
            if (k <= 3 && hour_minute(&t[i], &t[i + 1]) && (k == 2 || t[i + 2].ndig == 2))
                exclude(t, i, k);
        } else if (k == 3 && day_month(&t[i], &t[i + 1]) && t[i + 2].ndig == 4) {
            exclude(t, i, k); /* "12-12-2026", "1.12.2026" */
        } else if (sep == '.' && k == 2 && i + 3 < b && t[i + 1].gap == '-' &&
                   t[i + 2].gap == '.' && run_len(t, b, i + 2, '.') == 2 &&
                   hour_minute(&t[i], &t[i + 1]) && hour_minute(&t[i + 2], &t[i + 3])) {
            exclude(t, i, 4); /* "09.00-12.00" */
            k = 4;
        }
        /* the last token of a run may start the next: "1:2.12.2026" */
        i += k - 1;
    }
}

/* Money: after "Rp", before "juta"/"rb"/"%", with its thousands
 * ("Rp 5.000", "2,5 jt", "1.500.000 rupiah"). */
static void
exclude_money(const char *s, size_t len, struct tok *t, size_t n)
{
    char w[WORD_MAX + 1];
    size_t i, j;
    bool pct;

    for (i = 0; i < n; i++) {
        word_before(s, t[i].start, w);
        if (in_list(w, money_before)) {
            j = i;
            t[j].excluded = true;
            while (j + 1 < n && (t[j].gap == '.' || t[j].gap == ','))
                t[++j].excluded = true;
        }
        word_after(s, len, t[i].end, w);
        pct = (t[i].end < len && s[t[i].end] == '%') ||
              (t[i].end + 1 < len && s[t[i].end] == ' ' && s[t[i].end + 1] == '%');
        if (in_list(w, money_after) || pct) {
            j = i;
            t[j].excluded = true;
            while (j > 0 && (t[j - 1].gap == '.' || t[j - 1].gap == ','))
                t[--j].excluded = true;
        }
    }
}

/* RT/RW numbers, days, hours, years and counts named by a word. */
static void
exclude_named(const char *s, size_t len, struct tok *t, size_t n)
{
    char before[WORD_MAX + 1], after[WORD_MAX + 1];
    size_t i, j;

    for (i = 0; i < n; i++) {
        word_before(s, t[i].start, before);
        word_after(s, len, t[i].end, after);
        if (in_list(before, rt_words)) {
            for (j = i; j < n; j++) {
                t[j].excluded = true;
                if (t[j].gap != '/')
                    break;
            }
        }
        if (t[i].ndig <= 4 && (in_list(before, day_before) || in_list(after, count_after)))
            t[i].excluded = true;
        if (t[i].ndig <= 2 && in_list(after, months))
            t[i].excluded = true; /* "2 des" */
        if ((t[i].ndig <= 2 || t[i].ndig == 4) && in_list(before, months))
            t[i].excluded = true; /* "des 2026", "dec 2" */
    }
}

/* Whether the digits of t start with the two characters of p. */
static bool
starts(const struct tok *t, const char *p)
{
    return t->ndig >= 2 && t->dig[0] == p[0] && t->dig[1] == p[1];
}

/*
 * Phone numbers inside the groups of the cluster (tokens joined by space,
 * dash or dot): one token of 10 or more digits starting 08 or 62, or several
 * tokens of 2 to 5 digits each that add up to 10 to 14; after a '+', 8 or
 * more digits in all.
 */
static void
exclude_phones(const char *s, struct tok *t, size_t n)
{
    size_t i, j, total, best;
    bool plus;

    for (i = 0; i < n; i++) {
        plus = t[i].start > 0 && s[t[i].start - 1] == '+';
        if (!plus && !starts(&t[i], "08") && !starts(&t[i], "62"))
            continue;
        if (t[i].ndig >= 10 || (plus && t[i].ndig >= 8)) {
            t[i].excluded = true;
            continue;
        }
        if (t[i].ndig < 2 || t[i].ndig > 5)
            continue;
        total = t[i].ndig;
        best = 0;
        for (j = i + 1; j < n; j++) {
            char g = t[j - 1].gap;

            if ((g != ' ' && g != '-' && g != '.') || t[j].ndig < 2 || t[j].ndig > 5 ||
                total + t[j].ndig > 14)
                break;
            total += t[j].ndig;
            if (total >= (plus ? 8 : 10))
                best = j;
        }
        if (best > 0) {
            exclude(t, i, best - i + 1);
            i = best;
        }
    }
}

/*
 * Whether the segment [a, b) is all date, time or year and nothing else:
 * "09.00", "2-12", "12.12.26", "2026".  (A date with a four-digit year
 * and a range of times were set aside wherever they stood.)
 */
static bool
segment_is_date(const struct tok *t, size_t a, size_t b)
{
    char sep = t[a].gap;
    int v;

    if (b - a == 1) {
        v = tok_value(&t[a]);
        return t[a].ndig == 4 && v >= 1900 && v <= 2099;
    }
    if (sep != '-' && sep != '.')
        return false;
    if (b - a == 2)
        return day_month(&t[a], &t[a + 1]) || (sep == '.' && hour_minute(&t[a], &t[a + 1]));
    return b - a == 3 && t[a + 1].gap == sep && day_month(&t[a], &t[a + 1]) && t[a + 2].ndig == 2;
}

/* ---- candidates -------------------------------------------------------------- */

struct cand {
    bool set;
    size_t off, end;
    size_t ndig;
    char dig[TICKETREF_DIGITS_MAX];
};

/* Makes a candidate of the tokens [a, b). */
static void
cand_set(struct cand *c, const struct tok *t, size_t a, size_t b)
{
    size_t i, k;

    c->set = true;
    c->off = t[a].start;
    c->end = t[b - 1].end;
    c->ndig = 0;
    for (i = a; i < b; i++) {
        for (k = 0; k < t[i].ndig && k < TICKETREF_DIGITS_MAX - 1; k++) {
            if (c->ndig < TICKETREF_DIGITS_MAX - 1)
                c->dig[c->ndig] = t[i].dig[k];
            c->ndig++;
        }
        if (t[i].ndig > TICKETREF_DIGITS_MAX - 1)
            c->ndig += t[i].ndig - (TICKETREF_DIGITS_MAX - 1);
    }
    c->dig[c->ndig < TICKETREF_DIGITS_MAX - 1 ? c->ndig : TICKETREF_DIGITS_MAX - 1] = '\0';
}

struct choice {
    struct cand valid, bad, first;
};

/* Offers the seven-digit tokens [a, b) as a candidate. */
static void
offer_seven(struct choice *ch, const struct tok *t, size_t a, size_t b)
{
    struct cand c;

    cand_set(&c, t, a, b);
    if (ticket_code_check(c.dig, TICKET_CODE_LEN, NULL) == NULL) {
        if (!ch->valid.set)
            ch->valid = c;
    } else if (!ch->bad.set) {
        ch->bad = c;
    }
}

/*
 * Offers the segment [a, b): the whole of it when it has seven digits, else
 * every run of whole parts (split only at spaces) with seven digits.
 */
static void
offer_segment(struct choice *ch, const struct tok *t, size_t a, size_t b)
{
    size_t i, j, total = 0, sum;

    for (i = a; i < b; i++)
        total += t[i].ndig;
    if (!ch->first.set)
        cand_set(&ch->first, t, a, b);
    if (total == TICKET_CODE_LEN) {
        offer_seven(ch, t, a, b);
        return;
    }
    for (i = a; i < b; i = j) {
        /* i starts a part; a run from it may end only where a part ends */
        sum = 0;
        for (j = i; j < b; j++) {
            sum += t[j].ndig;
            if (sum > TICKET_CODE_LEN)
                break;
            if (sum == TICKET_CODE_LEN && (j + 1 == b || t[j].gap == ' ')) {
                offer_seven(ch, t, i, j + 1);
                break;
            }
        }
        /* the next part starts after the next space */
        for (j = i; j < b && t[j].gap != ' '; j++)
            ;
        j++;
    }
}

/* The end of the segment starting at a: tokens joined by space, dash or
 * dot and not set aside, up to b. */
static size_t
segment_end(const struct tok *t, size_t a, size_t b)
{
    size_t e = a + 1;

    while (e < b && !t[e].excluded &&
           (t[e - 1].gap == ' ' || t[e - 1].gap == '-' || t[e - 1].gap == '.'))
        e++;
    return e;
}

/* Sets aside what is not a ticket in the cluster t[0..n) and offers the
 * rest, segment by segment. */
static void
cluster_offer(const char *s, size_t len, struct tok *t, size_t n, struct choice *ch)
{
    size_t a, b, c, d;

    exclude_dates(t, 0, n, true);
    exclude_money(s, len, t, n);
    exclude_named(s, len, t, n);
    exclude_phones(s, t, n);
    for (a = 0; a < n; a = b) {
        if (t[a].excluded) {
            b = a + 1;
            continue;
        }
        b = segment_end(t, a, n);
        exclude_dates(t, a, b, false);
        for (c = a; c < b; c = d) {
            if (t[c].excluded) {
                d = c + 1;
                continue;
            }
            d = segment_end(t, c, b);
            if (!segment_is_date(t, c, d))
                offer_segment(ch, t, c, d);
        }
    }
}

int
ticketref_find(const char *text, size_t len, struct ticketref *out)
{
    struct lexer lx = {.s = text, .len = len};
    struct tok t[CLUSTER_MAX], next;
    struct choice ch;
    const struct cand *c;
    bool have_next;
    size_t n;

    memset(out, 0, sizeof(*out));
    out->ref = TICKET_REF_NONE;
    if (text == NULL)
        return 0;
    memset(&ch, 0, sizeof(ch));
    have_next = lex_next(&lx, &next);
    while (have_next && !ch.valid.set) {
        n = 0;
        t[n++] = next;
        for (;;) {
            have_next = lex_next(&lx, &next);
            if (!have_next)
                break;
            /* joined by exactly one separator character */
            if (n == CLUSTER_MAX || next.start != t[n - 1].end + 1 || text[t[n - 1].end] == '\0' ||
                strchr(" -.,/:", text[t[n - 1].end]) == NULL)
                break;
            t[n - 1].gap = text[t[n - 1].end];
            t[n++] = next;
        }
        cluster_offer(text, len, t, n, &ch);
    }

    c = ch.valid.set ? &ch.valid : ch.bad.set ? &ch.bad : ch.first.set ? &ch.first : NULL;
    if (c == NULL)
        return 0;
    memcpy(out->digits, c->dig, sizeof(out->digits));
    out->off = c->off;
    out->len = c->end - c->off;
    if (c->ndig != TICKET_CODE_LEN)
        out->ref = TICKET_REF_BAD_LENGTH;
    else if (ticket_code_check(c->dig, TICKET_CODE_LEN, NULL) == NULL)
        out->ref = TICKET_REF_VALID;
    else
        out->ref = TICKET_REF_BAD_CHECK;
    return 1;
}

/*
 * Every single-digit change and every swap of two different neighbours of a
 * code gives a different string (a change touches one place, a swap two), so
 * the list has no repeats by construction; they are looked for anyway, as
 * the header promises none.  With the Damm digit there are exactly seven
 * valid single-digit changes of an invalid code, one per place, and at most
 * six swaps: CORRECTIONS_MAX is the number of strings tried.
 */
#define CORRECTIONS_MAX (TICKET_CODE_LEN * 9 + TICKET_CODE_LEN - 1)

/* Adds try to the n codes in all unless it is valid and there already. */
static void
add_if_valid(char (*all)[TICKET_CODE_LEN + 1], size_t *n, const char *try)
{
    size_t i;

    if (ticket_code_check(try, TICKET_CODE_LEN, NULL) != NULL)
        return;
    for (i = 0; i < *n; i++)
        if (memcmp(all[i], try, TICKET_CODE_LEN) == 0)
            return;
    memcpy(all[*n], try, TICKET_CODE_LEN + 1);
    (*n)++;
}

size_t
ticketref_corrections(const char *code, char (*out)[TICKET_CODE_LEN + 1], size_t max)
{
    char all[CORRECTIONS_MAX][TICKET_CODE_LEN + 1], try[TICKET_CODE_LEN + 1];
    char tmp[TICKET_CODE_LEN + 1];
    size_t i, j, n = 0;
    char d;

    if (code == NULL)
        return 0;
    for (i = 0; i < TICKET_CODE_LEN; i++)
        if (!is_digit(code[i]))
            return 0;
    if (code[TICKET_CODE_LEN] != '\0')
        return 0;
    try[TICKET_CODE_LEN] = '\0';
    for (i = 0; i < TICKET_CODE_LEN; i++) {
        for (d = '0'; d <= '9'; d++) {
            if (d == code[i])
                continue;
            memcpy(try, code, TICKET_CODE_LEN);
            try[i] = d;
            add_if_valid(all, &n, try);
        }
        if (i + 1 < TICKET_CODE_LEN && code[i] != code[i + 1]) {
            memcpy(try, code, TICKET_CODE_LEN);
            try[i] = code[i + 1];
            try[i + 1] = code[i];
            add_if_valid(all, &n, try);
        }
    }
    /* insertion sort: a dozen entries */
    for (i = 1; i < n; i++) {
        memcpy(tmp, all[i], sizeof(tmp));
        for (j = i; j > 0 && memcmp(all[j - 1], tmp, TICKET_CODE_LEN) > 0; j--)
            memcpy(all[j], all[j - 1], sizeof(tmp));
        memcpy(all[j], tmp, sizeof(tmp));
    }
    for (i = 0; i < n && i < max && out != NULL; i++)
        memcpy(out[i], all[i], sizeof(all[i]));
    return n;
}
