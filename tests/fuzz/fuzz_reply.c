/*
 * Fuzz target for reply templates: the input is a template (up to its first
 * NUL).  Rendering must fail cleanly or give a NUL-terminated text that fits
 * one SMS buffer, and a template that reply_check() accepts must render
 * within its budget.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/gsm7.h"
#include "parsers/reply.h"
#include "tests/fuzz/fuzz.h"

#define ALL                                                                                        \
    (REPLY_VAR_TICKET | REPLY_VAR_STATUS | REPLY_VAR_DATE | REPLY_VAR_CODE | REPLY_VAR_KEYWORD)

static const struct reply_vars vars = {
    .ticket = "4821937",
    .status = "Diteruskan ke komisi terkait",
    .date = "28/11/2026",
    .code = "123456789012345",
    .keyword = "BERHENTIXXXXXXXXXXXX",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *tmpl = malloc(size + 1);
    char out[161], big[4 * 160 + 1], why[200];
    const char *r;
    ssize_t n;

    FUZZ_CHECK(tmpl != NULL);
    memcpy(tmpl, data, size);
    tmpl[size] = '\0';

    memset(out, 'x', sizeof(out));
    n = reply_render(tmpl, &vars, out, sizeof(out));
    if (n < 0) {
        FUZZ_CHECK(n == -1 && out[0] == '\0');
    } else {
        FUZZ_CHECK((size_t)n < sizeof(out) && strlen(out) == (size_t)n);
    }

    r = reply_check(tmpl, ALL, &vars, GSM7_SEGMENT, why, sizeof(why));
    if (r != NULL) {
        FUZZ_CHECK(r == why && why[0] != '\0' && memchr(why, '\0', sizeof(why)) != NULL);
    } else {
        /* accepted: at most 160 septets, so at most 4 bytes each */
        n = reply_render(tmpl, &vars, big, sizeof(big));
        FUZZ_CHECK(n >= 0);
        FUZZ_CHECK(gsm7_septets(big, (size_t)n) >= 0);
        FUZZ_CHECK(gsm7_septets(big, (size_t)n) <= GSM7_SEGMENT);
    }
    /* a template that uses no placeholder is checked just the same */
    (void)reply_check(tmpl, 0, NULL, 0, NULL, 0);
    free(tmpl);
    return 0;
}
