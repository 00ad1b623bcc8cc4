/*
 * Fuzz target for the classifier with the built-in lexicon: any bytes must
 * classify without a crash; the argument must lie inside the text; the
 * ticket fields must agree with each other; confidence, language and topic
 * must be in range; the canonical argument must fit any buffer it is given;
 * and the tokens of the normaliser must point inside the text.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parsers/intent.h"
#include "parsers/normalize.h"
#include "parsers/ticket.h"
#include "tests/fuzz/fuzz.h"

/* intent_arg_format() into buffers of every size up to a few bytes past the
 * result: it must stop at outsz - 1, NUL-terminate, and touch nothing past. */
static void
check_format(const struct lexicon *lx, enum intent in, const char *text,
             const struct intent_arg *arg)
{
    char buf[1024 + 8];
    size_t full, n, sz, i;

    full = intent_arg_format(lx, in, text, arg, buf, 1024);
    FUZZ_CHECK(full < 1024 && buf[full] == '\0' && strlen(buf) == full);
    for (sz = 0; sz <= 8 && sz < sizeof(buf); sz++) {
        memset(buf, 'Z', sizeof(buf));
        n = intent_arg_format(lx, in, text, arg, buf, sz);
        if (sz == 0) {
            FUZZ_CHECK(n == 0 && buf[0] == 'Z');
            continue;
        }
        FUZZ_CHECK(n < sz && buf[n] == '\0');
        FUZZ_CHECK(n == (full < sz - 1 ? full : sz - 1));
        for (i = sz; i < sizeof(buf); i++)
            FUZZ_CHECK(buf[i] == 'Z');
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Built on first use and kept for the whole run, like the daemon's. */
    static struct lexicon *lx;
    static struct norm_text nt;
    const char *text = (const char *)data;
    struct intent_arg arg;
    enum intent in;
    size_t n, i;

    if (lx == NULL) {
        lx = lexicon_new(lexicon_default(), NULL, 0);
        FUZZ_CHECK(lx != NULL);
    }
    in = intent_classify(lx, text, size, &arg);
    FUZZ_CHECK((unsigned)in < INTENT__COUNT);
    FUZZ_CHECK(strcmp(intent_name(in), "") != 0);
    FUZZ_CHECK(arg.off <= size && arg.len <= size - arg.off);
    FUZZ_CHECK(arg.confidence >= 0 && arg.confidence <= 100);
    FUZZ_CHECK((unsigned)arg.lang < LANG__COUNT);
    FUZZ_CHECK(arg.topic == -1 || lexicon_topic_name(lx, arg.topic) != NULL);
    if (in != INTENT_INFO)
        FUZZ_CHECK(arg.topic == -1);
    FUZZ_CHECK(arg.agenda.komisi >= 0 && arg.agenda.komisi <= 4);

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
    check_format(lx, in, text, &arg);

    /* the same bytes as a "yes" answer: only a few words can be one */
    if (intent_is_yes(text, size))
        FUZZ_CHECK(size > 0);

    norm_text_read(lx, text, size, &nt);
    FUZZ_CHECK(nt.ntok <= NORM_TOKENS_MAX && nt.ntok <= nt.nwords);
    FUZZ_CHECK(nt.start <= nt.end && nt.end <= size);
    for (i = 0; i < nt.ntok; i++) {
        const struct norm_token *t = &nt.tok[i];

        FUZZ_CHECK(t->off <= size && t->len > 0 && t->len <= size - t->off);
        FUZZ_CHECK(t->flen <= NORM_WORD_MAX && strlen(t->form) == t->flen);
        FUZZ_CHECK(t->wlen <= NORM_WORD_MAX && strlen(t->word) == t->wlen);
        FUZZ_CHECK(i == 0 || t->off >= nt.tok[i - 1].off + nt.tok[i - 1].len);
    }
    return 0;
}
