/*
 * Classifications per second of the parser alone: reads messages (one per
 * line, or the first column of a TSV corpus) and classifies all of them
 * repeatedly for a fixed number of rounds with the built-in lexicon.
 *
 *   bench/classify [-r ROUNDS] FILE
 *
 * Prints "messages=N rounds=R seconds=S per_second=X".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "parsers/intent.h"

int
main(int argc, char **argv)
{
    char err[256], *line = NULL, **msgs = NULL;
    size_t cap = 0, n = 0, i, *lens = NULL;
    long rounds = 200, r;
    unsigned long sink = 0;
    struct timespec t0, t1;
    struct lexicon *lx;
    struct intent_arg arg;
    ssize_t got;
    FILE *f;
    double s;
    int ch;

    while ((ch = getopt(argc, argv, "r:")) != -1) {
        if (ch != 'r' || (rounds = strtol(optarg, NULL, 10)) < 1) {
            fprintf(stderr, "usage: classify [-r ROUNDS] FILE\n");
            return 2;
        }
    }
    if (optind + 1 != argc || (f = fopen(argv[optind], "r")) == NULL) {
        fprintf(stderr, "usage: classify [-r ROUNDS] FILE\n");
        return 2;
    }
    while ((got = getline(&line, &cap, f)) >= 0) {
        char *tab = strchr(line, '\t');

        if (line[0] == '#')
            continue;
        if (tab != NULL)
            *tab = '\0';
        else if (got > 0 && line[got - 1] == '\n')
            line[got - 1] = '\0';
        msgs = realloc(msgs, (n + 1) * sizeof(*msgs));
        lens = realloc(lens, (n + 1) * sizeof(*lens));
        if (msgs == NULL || lens == NULL || (msgs[n] = strdup(line)) == NULL)
            return 1;
        lens[n] = strlen(msgs[n]);
        n++;
    }
    fclose(f);
    free(line);
    if (n == 0 || (lx = lexicon_new(lexicon_default(), err, sizeof(err))) == NULL) {
        fprintf(stderr, "classify: no messages, or lexicon: %s\n", n ? err : "-");
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (r = 0; r < rounds; r++)
        for (i = 0; i < n; i++)
            sink += (unsigned long)intent_classify(lx, msgs[i], lens[i], &arg);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("messages=%zu rounds=%ld seconds=%.3f per_second=%.0f (checksum %lu)\n", n, rounds, s,
           (double)n * (double)rounds / s, sink);
    lexicon_free(lx);
    for (i = 0; i < n; i++)
        free(msgs[i]);
    free(msgs);
    free(lens);
    return 0;
}
