/*
 * What the files of aspirasictl share: the helpers every command uses and
 * the entry point of each command group.  ctl.c holds main(), migrate,
 * classify, keywords and ticket; ctl_agenda.c agenda and info;
 * ctl_broadcast.c broadcast; ctl_staff.c staff and audit.
 */
#ifndef ASPIRASI_CTL_H
#define ASPIRASI_CTL_H

#include <stddef.h>
#include <stdint.h>

#include "config/cfg.h"
#include "db/db.h"

/* Connects to the configured database; exits 1 with a message when it
 * cannot. */
struct db *ctl_db(const struct cfg *c);

/* Who is acting, for histories: "cli:USER" (SUDO_USER when set), into buf
 * (len bytes).  Returns buf. */
const char *ctl_actor(char *buf, size_t len);

/* Prints len bytes of s with tabs and line breaks turned into spaces. */
void ctl_print_field(const char *s, size_t len);

/* Parses a positive number naming a what ("session", "broadcast") into
 * *id.  Returns 0, or -1 after saying why on stderr. */
int ctl_parse_id(const char *s, const char *what, int64_t *id);

/* Parses a komisi: I-IV or 1-4, in any case; "none" or "-" gives 0 when
 * none_ok.  Returns 0, or -1 after saying why on stderr. */
int ctl_parse_komisi(const char *s, int none_ok, int *out);

/* The command groups: argv[0] is the group's name ("agenda"), argv[1] the
 * subcommand.  Each returns the exit status: 0 done, 1 failed (a message on
 * stderr), 2 bad usage (the group's usage on stderr). */
int ctl_agenda(const struct cfg *c, int argc, char **argv);
int ctl_info(const struct cfg *c, int argc, char **argv);
int ctl_broadcast(const struct cfg *c, int argc, char **argv);
int ctl_staff(const struct cfg *c, int argc, char **argv);
int ctl_audit(const struct cfg *c, int argc, char **argv);

#endif
