/*
 * Fuzz target for the configuration loader (config/cfg.c): the bytes are
 * an aspirasi.conf, written to an anonymous file (memfd) that cfg_load()
 * reads by its /proc/self/fd path, as it reads any file.
 *
 * Whatever the bytes, cfg_load() either returns a config and writes no
 * error, or returns NULL after writing at least one error, every line of
 * which names the file and a line in it ("<path>:<line>: ...").  Nothing
 * leaks (LeakSanitizer checks, under libFuzzer and in the sanitizer
 * build).  A config it returns keeps what cfg.h promises: a kannel secret
 * that is "" or at least 8 characters, at most CFG_ALLOW_MAX allowed
 * networks with prefixes that fit their family, one to CFG_STATUS_MAX
 * statuses with NUL-terminated names and labels, every reply template in
 * every language, a menu that menu_tree_check() accepts with the configured
 * screen length, and keywords that make a lexicon.
 *
 * The environment overrides are cleared first, so only the bytes count.
 * Inputs holding "@include" are skipped: libconfig would read the file
 * they name (/dev/stdin, say), which is not what is under test.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "config/cfg.h"
#include "menus/menu.h"
#include "parsers/intent.h"
#include "tests/fuzz/fuzz.h"

static const char *const env_overrides[] = {"ASPIRASI_LISTEN", "ASPIRASI_KANNEL_SECRET",
                                            "ASPIRASI_DB", "ASPIRASI_LOG_LEVEL",
                                            "ASPIRASI_SENDSMS_URL"};

static bool
has_include(const uint8_t *data, size_t size)
{
    static const char word[] = "@include";

    for (size_t i = 0; i + sizeof(word) - 1 <= size; i++) {
        size_t j = 0;

        while (j < sizeof(word) - 1 && tolower(data[i + j]) == word[j])
            j++;
        if (j == sizeof(word) - 1)
            return true;
    }
    return false;
}

/* Every line of errs is "<path>:<digits>: <message>". */
static void
check_errors(const char *path, const char *errs, size_t len)
{
    size_t plen = strlen(path);
    const char *p = errs, *end = errs + len;

    FUZZ_CHECK(len > 0 && errs[len - 1] == '\n');
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p)), *q;

        FUZZ_CHECK(eol != NULL);
        FUZZ_CHECK((size_t)(eol - p) > plen + 1 && memcmp(p, path, plen) == 0 && p[plen] == ':');
        q = p + plen + 1;
        FUZZ_CHECK(q < eol && *q >= '1' && *q <= '9');
        while (q < eol && *q >= '0' && *q <= '9')
            q++;
        FUZZ_CHECK(q + 1 < eol && q[0] == ':' && q[1] == ' ');
        p = eol + 1;
    }
}

static void
check_config(const struct cfg *c)
{
    struct lexicon_spec spec;
    struct lexicon *lx;
    char why[256];

    FUZZ_CHECK(c->kannel_secret != NULL);
    FUZZ_CHECK(c->kannel_secret[0] == '\0' || strlen(c->kannel_secret) >= 8);
    FUZZ_CHECK(c->nallow <= CFG_ALLOW_MAX);
    for (size_t i = 0; i < c->nallow; i++) {
        const struct cfg_cidr *a = &c->allow[i];

        FUZZ_CHECK(a->family == AF_INET || a->family == AF_INET6);
        FUZZ_CHECK(a->prefix >= 0 && a->prefix <= (a->family == AF_INET ? 32 : 128));
    }
    FUZZ_CHECK(c->nstatuses >= 1 && c->nstatuses <= CFG_STATUS_MAX);
    for (size_t i = 0; i < c->nstatuses; i++) {
        FUZZ_CHECK(memchr(c->statuses[i].name, '\0', CFG_NAME_MAX) != NULL);
        FUZZ_CHECK(memchr(c->statuses[i].label, '\0', CFG_LABEL_MAX) != NULL);
        FUZZ_CHECK(c->statuses[i].name[0] != '\0');
        FUZZ_CHECK(cfg_status_find(c, c->statuses[i].name) == &c->statuses[i]);
    }
    for (int l = LANG_ID; l < LANG__COUNT; l++)
        for (int r = 0; r < REPLY__COUNT; r++)
            FUZZ_CHECK(c->replies[l][r] != NULL && c->replies[l][r][0] != '\0');
    FUZZ_CHECK(c->ussd_menu != NULL && c->ussd_menu->screen_max == c->ussd_screen_max);
    FUZZ_CHECK(menu_tree_check(c->ussd_menu, why, sizeof(why)) < 0);
    FUZZ_CHECK(c->database != NULL && c->sendsms_url != NULL && c->ussd_service_code != NULL);
    cfg_lexicon_spec(c, &spec);
    lx = lexicon_new(&spec, why, sizeof(why));
    FUZZ_CHECK(lx != NULL);
    lexicon_free(lx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool cleared;
    char path[64], *errs = NULL;
    size_t errlen = 0, done = 0;
    struct cfg *c;
    FILE *ef;
    int fd;

    if (!cleared) {
        for (size_t i = 0; i < sizeof(env_overrides) / sizeof(env_overrides[0]); i++)
            unsetenv(env_overrides[i]);
        cleared = true;
    }
    if (has_include(data, size))
        return 0;
    fd = memfd_create("aspirasi.conf", MFD_CLOEXEC);
    if (fd < 0)
        abort();
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);

        if (n <= 0)
            abort();
        done += (size_t)n;
    }
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    ef = open_memstream(&errs, &errlen);
    if (ef == NULL)
        abort();

    c = cfg_load(path, ef);
    fclose(ef);
    close(fd);
    if (c != NULL) {
        FUZZ_CHECK(errlen == 0);
        FUZZ_CHECK(c->path != NULL && strcmp(c->path, path) == 0);
        check_config(c);
        cfg_free(c);
    } else {
        check_errors(path, errs, errlen);
    }
    free(errs);
    return 0;
}
