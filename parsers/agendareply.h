/*
 * What the DPRD tells citizens in one SMS: the agenda answer ("Sen 2/12
 * 09:00 Paripurna APBD 2027, Gd DPRD"), a session's announcement, the list
 * of information topics.  Pure code: the caller reads the sessions and
 * today's date; these functions only resolve and format.  Every text
 * written here is GSM-7 and at most one 160-character segment.
 */
#ifndef ASPIRASI_AGENDAREPLY_H
#define ASPIRASI_AGENDAREPLY_H

#include <stddef.h>
#include <stdint.h>

#include "parsers/agenda.h"
#include "parsers/intent.h"

/* A calendar date. */
struct agenda_date {
    int year, month, day; /* 1-12, 1-31 */
};

/*
 * The local days a filter asks for, given today (and its weekday, 0 Sunday
 * .. 6 Saturday): [from, to).  TODAY: today; TOMORROW: tomorrow; WEEK: today
 * up to and including Sunday; DATE: that day, in this year, or the next
 * when it has passed more than 31 days ago (a December question about
 * "2/1" means January); month 0 means this month.  NEXT: returns 0 and
 * leaves the range unset (the caller lists sessions not yet ended).
 * Returns 1 when a range was set, 0 for NEXT, -1 when the date does not
 * exist ("31/2"), when today is not a real date, or when the filter's when
 * is unknown (from and to are then left untouched).
 */
int agenda_range(const struct agenda_filter *f, struct agenda_date today, int today_wday,
                 struct agenda_date *from, struct agenda_date *to);

/* One session as a citizen reads it. */
struct agenda_item {
    int64_t id;                         /* the number a citizen quotes in USUL 12 ... */
    enum agenda_type type;              /* AGENDA_TYPE_ANY for "other" */
    int komisi;                         /* 1-4, 0 none */
    const char *title;                  /* UTF-8, may be long: it is shortened */
    const char *place;                  /* UTF-8, may be "" */
    int wday, day, month, hour, minute; /* local start */
    int cancelled;
};

/*
 * Writes the answer to an agenda lookup into out (outsz bytes, at least
 * 161), in language l: the n sessions read (in order of start), as many
 * as fit, each "#12 Sen 2/12 09:00 Paripurna APBD 2027, Gd DPRD" (the
 * session's number, day name, date, time, kind and title shortened at a
 * word, place), "BATAL" for a cancelled one; when fewer than total were
 * shown, how many more and how to narrow ("+3 lagi, ketik AGENDA BESOK /
 * AGENDA KOMISI III"); when n is 0, that nothing is planned for what was
 * asked (f) and how to see the next sessions.  Characters outside GSM-7
 * are transliterated.  A NULL filter is read as the next sessions, a NULL
 * title or place as "".  Returns the length (at most 160 septets).
 */
size_t agenda_reply_format(enum lang l, const struct agenda_filter *f,
                           const struct agenda_item *items, size_t n, size_t total, char *out,
                           size_t outsz);

/*
 * Writes the announcement of one session for a broadcast into out (outsz
 * bytes, at least 161), in language l: who speaks, the day, date and time,
 * the kind and title, the place, whether the public may attend, how to
 * send a proposal for it (USUL <id> ...) and how to stop (BERHENTI); a
 * cancelled session is announced as cancelled.  Shortened to one GSM-7
 * segment.  Returns the length.
 */
size_t agenda_announce_format(enum lang l, const struct agenda_item *it, int public_, char *out,
                              size_t outsz);

/*
 * Writes the list of information topics into out (outsz bytes, at least
 * 161), in language l: "Info DPRD, ketik: INFO ANGGARAN / INFO PERDA / ..."
 * with the n topic names upper-cased, as many as fit; with n 0, that no
 * information is available yet.  Returns the length.
 */
size_t info_list_format(enum lang l, const char *const *topics, size_t n, char *out, size_t outsz);

/* "I", "II", "III", "IV" for 1-4; "" otherwise. */
const char *komisi_roman(int komisi);

#endif
