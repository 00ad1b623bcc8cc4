/*
 * Fuzz target for intent_classify() with the default keywords: any bytes
 * must classify without a crash, the argument must lie inside the text, and
 * the ticket fields must agree with each other.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parsers/intent.h"
#include "parsers/ticket.h"
#include "tests/fuzz/fuzz.h"

static const char *const kw_complaint[] = {"ADUAN", "LAPOR", "ASPIRASI", "KELUHAN"};
static const char *const kw_status[] = {"STATUS", "CEK"};
static const char *const kw_agenda[] = {"AGENDA", "JADWAL"};
static const char *const kw_info[] = {"INFO"};
static const char *const kw_subscribe[] = {"DAFTAR", "REG"};
static const char *const kw_unsubscribe[] = {"BERHENTI", "STOP", "UNREG"};
static const char *const kw_help[] = {"BANTUAN", "HELP", "MENU"};

static const struct lexicon_spec spec = {
    .words = {[INTENT_COMPLAINT] = kw_complaint,
              [INTENT_STATUS] = kw_status,
              [INTENT_AGENDA] = kw_agenda,
              [INTENT_INFO] = kw_info,
              [INTENT_SUBSCRIBE] = kw_subscribe,
              [INTENT_UNSUBSCRIBE] = kw_unsubscribe,
              [INTENT_HELP] = kw_help},
    .nwords = {[INTENT_COMPLAINT] = 4,
               [INTENT_STATUS] = 2,
               [INTENT_AGENDA] = 2,
               [INTENT_INFO] = 1,
               [INTENT_SUBSCRIBE] = 2,
               [INTENT_UNSUBSCRIBE] = 3,
               [INTENT_HELP] = 3},
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Built on first use and kept for the whole run, like the daemon's. */
    static struct lexicon *lx;
    struct intent_arg arg;
    enum intent in;
    size_t n, i;

    if (lx == NULL) {
        lx = lexicon_new(&spec, NULL, 0);
        FUZZ_CHECK(lx != NULL);
    }
    in = intent_classify(lx, (const char *)data, size, &arg);
    FUZZ_CHECK((unsigned)in < INTENT__COUNT);
    FUZZ_CHECK(strcmp(intent_name(in), "") != 0);
    FUZZ_CHECK(arg.off <= size && arg.len <= size - arg.off);

    FUZZ_CHECK(memchr(arg.ticket, '\0', sizeof(arg.ticket)) != NULL);
    n = strlen(arg.ticket);
    for (i = 0; i < n; i++)
        FUZZ_CHECK(arg.ticket[i] >= '0' && arg.ticket[i] <= '9');
    if (in != INTENT_STATUS)
        FUZZ_CHECK(arg.ticket_ref == TICKET_REF_NONE);
    switch (arg.ticket_ref) {
    case TICKET_REF_NONE:
        FUZZ_CHECK(n == 0);
        break;
    case TICKET_REF_VALID:
        FUZZ_CHECK(n == TICKET_CODE_LEN && ticket_code_check(arg.ticket, n, NULL) == NULL);
        break;
    case TICKET_REF_BAD_CHECK:
        FUZZ_CHECK(n == TICKET_CODE_LEN && ticket_code_check(arg.ticket, n, NULL) != NULL);
        break;
    case TICKET_REF_BAD_LENGTH:
        FUZZ_CHECK(n > 0 && n != TICKET_CODE_LEN);
        break;
    default:
        FUZZ_CHECK(0 && "ticket_ref out of range");
    }
    return 0;
}
