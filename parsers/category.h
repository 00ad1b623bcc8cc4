/*
 * The categories of complaints: what the USSD menu lets a citizen choose,
 * what staff assign, and the service codes of Open311.  A fixed table, in
 * the order shown to people.
 */
#ifndef ASPIRASI_CATEGORY_H
#define ASPIRASI_CATEGORY_H

#include <stddef.h>

struct category {
    const char *code;        /* "jalan": stored in tickets.category, Open311's service_code */
    const char *name;        /* Indonesian, as citizens and staff read it */
    const char *name_en;     /* English, for Open311 clients that show it */
    const char *description; /* one sentence, Indonesian */
    const char *keywords;    /* comma-separated, Open311's "keywords" */
    int komisi;              /* the komisi (1-4) that usually handles it, 0 none */
};

/* The table, and its length. */
extern const struct category categories[];
extern const size_t ncategories;

/* Looks up a category by code (exact, lower case).  Returns it or NULL. */
const struct category *category_find(const char *code);

#endif
