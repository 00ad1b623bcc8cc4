/*
 * The USSD menu tree of aspirasi.conf (ussd.menu): reading it from
 * libconfig into a struct menu_tree, with an error per problem naming the
 * line, and the built-in default tree.
 */
#ifndef ASPIRASI_MENU_CFG_H
#define ASPIRASI_MENU_CFG_H

#include <libconfig.h>

#include "menus/menu.h"

/* Called once per problem, with the setting it is about (for its line) and
 * the message. */
typedef void (*menu_cfg_err)(void *ctx, const config_setting_t *at, const char *msg);

/*
 * Reads the list setting s (ussd.menu: a list of screen groups) into *t,
 * then checks the whole tree with menu_tree_check().  Reports each problem
 * through err; returns the number of problems (0: *t is ready to use).
 */
int menu_cfg_read(const config_setting_t *s, struct menu_tree *t, menu_cfg_err err, void *ctx);

/* The built-in menu, in the syntax of aspirasi.conf: the value of
 * "ussd.menu" (config/aspirasi.conf.example holds the same). */
extern const char menu_cfg_default[];

#endif
