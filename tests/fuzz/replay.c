/*
 * Replays a fuzz target's corpus under the normal compiler, so "make check"
 * runs every input ever found (crashes included, once fixed).  The corpus
 * is $srcdir/tests/fuzz/corpus/<target>/, the target named by argv[0]
 * ("replay_intent" -> "intent") or by argv[1].  Prints TAP: one line.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    size_t n;

    if (f == NULL)
        return -1;
    buf = malloc(1 << 20);
    if (buf == NULL) {
        fclose(f);
        return -1;
    }
    n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    /* An exact-size copy, so that reading past the end is caught by ASan. */
    uint8_t *exact = malloc(n ? n : 1);
    if (exact == NULL) {
        free(buf);
        return -1;
    }
    memcpy(exact, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    return 0;
}

int
main(int argc, char **argv)
{
    const char *top = getenv("top_srcdir");
    const char *name = argc > 1 ? argv[1] : strrchr(argv[0], '/');
    char dir[4096], path[8192];
    struct dirent *de;
    DIR *d;
    int count = 0;

    if (name == NULL)
        name = argv[0];
    else if (*name == '/')
        name++;
    if (strncmp(name, "replay_", 7) == 0)
        name += 7;
    if (top == NULL)
        top = getenv("srcdir");
    if (top == NULL)
        top = ".";
    snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", top, name);
    printf("1..1\n");
    d = opendir(dir);
    if (d == NULL) {
        printf("not ok 1 - corpus %s: %s\n", dir, strerror(errno));
        return 1;
    }
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if (replay_file(path) != 0) {
            printf("not ok 1 - cannot read %s\n", path);
            closedir(d);
            return 1;
        }
        count++;
    }
    closedir(d);
    if (count == 0) {
        printf("not ok 1 - corpus %s is empty\n", dir);
        return 1;
    }
    printf("ok 1 - fuzz_%s replayed %d inputs\n", name, count);
    return 0;
}
