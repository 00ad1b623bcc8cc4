/*
 * What a citizen asks of the agenda: which day, which komisi, which kind of
 * session ("agnda besuk", "AGENDA KOMISI III", "jadwal paripurna 2 des",
 * "rapat komisi tiga minggu ini").  Pure code: no I/O, no clock: relative
 * days stay relative, and the caller resolves them against its own today.
 */
#ifndef ASPIRASI_AGENDA_H
#define ASPIRASI_AGENDA_H

#include <stddef.h>

enum agenda_when {
    AGENDA_WHEN_NEXT = 0, /* nothing said: the next sessions */
    AGENDA_WHEN_TODAY,    /* hari ini, saiki, dino iki, today */
    AGENDA_WHEN_TOMORROW, /* besok, bsk, besuk, sesuk, mbenjing, tomorrow */
    AGENDA_WHEN_WEEK,     /* minggu ini, pekan ini, this week */
    AGENDA_WHEN_DATE,     /* a date: "2/12", "2-12", "2 des", "2 desember", "tgl 2" */
};

enum agenda_type {
    AGENDA_TYPE_ANY = 0,
    AGENDA_TYPE_PARIPURNA, /* rapat paripurna */
    AGENDA_TYPE_KOMISI,    /* rapat komisi (set when only "komisi" is said) */
    AGENDA_TYPE_RDP,       /* RDP, rapat dengar pendapat, hearing */
    AGENDA_TYPE_RESES,     /* reses */
    AGENDA_TYPE_BANMUS,    /* Badan Musyawarah */
    AGENDA_TYPE_BANGGAR,   /* Badan Anggaran */
    AGENDA_TYPE__COUNT
};

struct agenda_filter {
    enum agenda_when when;
    int day, month; /* for AGENDA_WHEN_DATE: 1-31 and 1-12 (month 0: this month) */
    int komisi;     /* 1-4 (I-IV, 1-4, satu..empat, siji..papat, A-D), 0 none */
    enum agenda_type type;
};

/*
 * Reads a filter from the len bytes of UTF-8 at text (the words after the
 * keyword, or a whole question such as "kapan rapat paripurna apbd?") into
 * *out (OUT).  Words it does not know are ignored.  Never fails.
 */
void agenda_filter_parse(const char *text, size_t len, struct agenda_filter *out);

/*
 * Writes the canonical form of a filter into out (outsz bytes,
 * NUL-terminated), as "aspirasictl classify" prints it: the day
 * ("today", "tomorrow", "week" or "DD/MM", month 00 when not said), then
 * "komisi=N", then "type=NAME", separated by single spaces, nothing for what
 * is not set ("" for the next sessions).  Returns the length.
 */
size_t agenda_filter_format(const struct agenda_filter *f, char *out, size_t outsz);

/* "paripurna", "komisi", "rdp", "reses", "banmus", "banggar"; "" for any. */
const char *agenda_type_name(enum agenda_type t);

/* The type agenda_type_name() names; AGENDA_TYPE_ANY for any other name
 * (such as "lain", other). */
enum agenda_type agenda_type_from_name(const char *name);

#endif
