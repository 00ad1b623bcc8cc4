/*
 * The Prometheus text exposition format (version 0.0.4), written into a
 * buffer the caller owns: families with their HELP and TYPE lines, samples
 * with labels whose values are escaped, and histograms with cumulative
 * buckets, "+Inf", _sum and _count.  Pure: no I/O, no allocation, no
 * clock, so tests can compare the text byte for byte.
 *
 * A writer never writes past its buffer: what does not fit is dropped,
 * prom_finish() says so, and the text up to the last whole line stays
 * valid.  Metric and label names are compiled-in constants; a bad one is a
 * bug and stops the program (assert).
 */
#ifndef ASPIRASI_PROM_H
#define ASPIRASI_PROM_H

#include <stddef.h>
#include <stdint.h>

#define PROM_LABELS_MAX 4 /* labels of one sample, "le" of a histogram not counted */

enum prom_type { PROM_COUNTER = 0, PROM_GAUGE, PROM_HISTOGRAM };

/* One label of a sample: value is any UTF-8 text; it is escaped. */
struct prom_label {
    const char *name;
    const char *value;
};

struct prom {
    char *buf;
    size_t size;  /* bytes of buf */
    size_t len;   /* bytes written, a NUL after them */
    int overflow; /* a line did not fit and was left out */
};

/* Starts writing into buf (size bytes, at least 1). */
void prom_init(struct prom *p, char *buf, size_t size);

/* Writes the HELP and TYPE lines of family name.  help is any text; a
 * backslash and a newline in it are escaped. */
void prom_family(struct prom *p, const char *name, enum prom_type type, const char *help);

/* Writes one sample, name{labels} v, with nlabels (0..PROM_LABELS_MAX)
 * labels; labels may be NULL when nlabels is 0. */
void prom_uint(struct prom *p, const char *name, const struct prom_label *labels, size_t nlabels,
               uint64_t v);
void prom_double(struct prom *p, const char *name, const struct prom_label *labels, size_t nlabels,
                 double v);

/*
 * Writes the samples of one histogram of family name with labels: the
 * name_bucket lines, cumulative, one per bound in increasing order and
 * le="+Inf", then name_sum and name_count.  counts has nbounds + 1
 * entries, not cumulative: counts[i] observations fell into bucket i (see
 * prom_bucket()), counts[nbounds] above the last bound.  The count written
 * is their total, so the "+Inf" bucket always equals _count.
 */
void prom_histogram(struct prom *p, const char *name, const struct prom_label *labels,
                    size_t nlabels, const double *bounds, size_t nbounds, const uint64_t *counts,
                    double sum);

/* The bucket of an observation v: the first i with v <= bounds[i]
 * (Prometheus' "le", less or equal), nbounds when v is above every bound
 * or NaN.  bounds are increasing. */
size_t prom_bucket(const double *bounds, size_t nbounds, double v);

/* Writes v as Prometheus reads it: the shortest decimal form that reads
 * back as v ("0.1", "2.5", "1e-09"), "+Inf", "-Inf" or "NaN".  out has
 * PROM_NUMBER_MAX bytes. */
#define PROM_NUMBER_MAX 32
void prom_number(double v, char out[PROM_NUMBER_MAX]);

/* 1 when name may name a metric ([a-zA-Z_:][a-zA-Z0-9_:]*), 0 otherwise. */
int prom_metric_name_ok(const char *name);

/* 1 when name may name a label ([a-zA-Z_][a-zA-Z0-9_]*, not starting with
 * "__", which Prometheus keeps for itself), 0 otherwise. */
int prom_label_name_ok(const char *name);

/* Returns 0 when everything written fit, -1 when a line was left out. */
int prom_finish(const struct prom *p);

#endif
