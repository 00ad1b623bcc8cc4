/*
 * The Prometheus text format writer (prom.h).
 *
 * Each line is written in place and kept only when the whole of it fits:
 * a line that does not is taken back, so a cut text is still a list of
 * whole lines.  The escaping rules are the format's own: in label values
 * a backslash, a double quote and a newline become \\, \" and \n; in HELP
 * text only a backslash and a newline are escaped.
 */
#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gateway/prom.h"

static const char *const type_names[] = {
    [PROM_COUNTER] = "counter",
    [PROM_GAUGE] = "gauge",
    [PROM_HISTOGRAM] = "histogram",
};

void
prom_init(struct prom *p, char *buf, size_t size)
{
    assert(size > 0);
    p->buf = buf;
    p->size = size;
    p->len = 0;
    p->overflow = 0;
    buf[0] = '\0';
}

int
prom_finish(const struct prom *p)
{
    return p->overflow ? -1 : 0;
}

/* A line being written: where it started, and whether it still fits. */
struct line {
    struct prom *p;
    size_t start;
    int cut;
};

static void
line_begin(struct line *l, struct prom *p)
{
    l->p = p;
    l->start = p->len;
    l->cut = 0;
}

/* Appends n bytes of s; a byte must stay free for the final NUL. */
static void
put(struct line *l, const char *s, size_t n)
{
    struct prom *p = l->p;

    if (l->cut)
        return;
    if (n >= p->size - p->len) {
        l->cut = 1;
        return;
    }
    memcpy(p->buf + p->len, s, n);
    p->len += n;
}

static void
put_str(struct line *l, const char *s)
{
    put(l, s, strlen(s));
}

/* Appends s with the escapes of a label value (quote 1) or of HELP text
 * (quote 0). */
static void
put_escaped(struct line *l, const char *s, int quote)
{
    for (; *s != '\0'; s++) {
        if (*s == '\\')
            put(l, "\\\\", 2);
        else if (*s == '\n')
            put(l, "\\n", 2);
        else if (*s == '"' && quote)
            put(l, "\\\"", 2);
        else
            put(l, s, 1);
    }
}

/* Ends the line with a newline: kept when it all fit, else taken back. */
static void
line_end(struct line *l)
{
    struct prom *p = l->p;

    put(l, "\n", 1);
    if (l->cut) {
        p->len = l->start;
        p->overflow = 1;
    }
    p->buf[p->len] = '\0';
}

int
prom_metric_name_ok(const char *name)
{
    if (name == NULL || name[0] == '\0' || (name[0] >= '0' && name[0] <= '9'))
        return 0;
    for (const char *s = name; *s != '\0'; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == ':'))
            return 0;
    return 1;
}

int
prom_label_name_ok(const char *name)
{
    if (name == NULL || name[0] == '\0' || (name[0] >= '0' && name[0] <= '9') ||
        strncmp(name, "__", 2) == 0)
        return 0;
    for (const char *s = name; *s != '\0'; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return 0;
    return 1;
}

void
prom_number(double v, char out[PROM_NUMBER_MAX])
{
    if (isnan(v)) {
        snprintf(out, PROM_NUMBER_MAX, "NaN");
        return;
    }
    if (isinf(v)) {
        snprintf(out, PROM_NUMBER_MAX, "%s", v > 0 ? "+Inf" : "-Inf");
        return;
    }
    /* Whole numbers as integers: 30 is "30", not "3e+01" (exact, and
     * what a shell reading /metrics can add up). */
    if (v == floor(v) && fabs(v) < 9007199254740992.0) {
        snprintf(out, PROM_NUMBER_MAX, "%.0f", v);
        return;
    }
    /* Otherwise the fewest digits that read back as v: 0.1 is "0.1", not
     * "0.10000000000000001"; 17 significant digits always do. */
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, PROM_NUMBER_MAX, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

void
prom_family(struct prom *p, const char *name, enum prom_type type, const char *help)
{
    struct line l;

    assert(prom_metric_name_ok(name));
    assert((unsigned)type < sizeof(type_names) / sizeof(type_names[0]));
    line_begin(&l, p);
    put_str(&l, "# HELP ");
    put_str(&l, name);
    put_str(&l, " ");
    put_escaped(&l, help, 0);
    line_end(&l);
    line_begin(&l, p);
    put_str(&l, "# TYPE ");
    put_str(&l, name);
    put_str(&l, " ");
    put_str(&l, type_names[type]);
    line_end(&l);
}

/* Writes "name{a="x",b="y"} value\n"; le, when not NULL, is one more label
 * at the end. */
static void
sample(struct prom *p, const char *name, const char *suffix, const struct prom_label *labels,
       size_t nlabels, const char *le, const char *value)
{
    struct line l;

    assert(prom_metric_name_ok(name));
    assert(nlabels <= PROM_LABELS_MAX);
    line_begin(&l, p);
    put_str(&l, name);
    put_str(&l, suffix);
    if (nlabels > 0 || le != NULL) {
        put_str(&l, "{");
        for (size_t i = 0; i < nlabels; i++) {
            assert(prom_label_name_ok(labels[i].name) && strcmp(labels[i].name, "le") != 0);
            if (i > 0)
                put_str(&l, ",");
            put_str(&l, labels[i].name);
            put_str(&l, "=\"");
            put_escaped(&l, labels[i].value, 1);
            put_str(&l, "\"");
        }
        if (le != NULL) {
            put_str(&l, nlabels > 0 ? ",le=\"" : "le=\"");
            put_str(&l, le);
            put_str(&l, "\"");
        }
        put_str(&l, "}");
    }
    put_str(&l, " ");
    put_str(&l, value);
    line_end(&l);
}

void
prom_uint(struct prom *p, const char *name, const struct prom_label *labels, size_t nlabels,
          uint64_t v)
{
    char num[PROM_NUMBER_MAX];

    snprintf(num, sizeof(num), "%" PRIu64, v);
    sample(p, name, "", labels, nlabels, NULL, num);
}

void
prom_double(struct prom *p, const char *name, const struct prom_label *labels, size_t nlabels,
            double v)
{
    char num[PROM_NUMBER_MAX];

    prom_number(v, num);
    sample(p, name, "", labels, nlabels, NULL, num);
}

size_t
prom_bucket(const double *bounds, size_t nbounds, double v)
{
    size_t i;

    for (i = 0; i < nbounds; i++)
        if (v <= bounds[i])
            break;
    return i; /* NaN compares false with everything: the last bucket */
}

void
prom_histogram(struct prom *p, const char *name, const struct prom_label *labels, size_t nlabels,
               const double *bounds, size_t nbounds, const uint64_t *counts, double sum)
{
    char le[PROM_NUMBER_MAX], num[PROM_NUMBER_MAX];
    uint64_t total = 0;

    for (size_t i = 0; i < nbounds; i++) {
        assert(i == 0 || bounds[i - 1] < bounds[i]);
        total += counts[i];
        prom_number(bounds[i], le);
        snprintf(num, sizeof(num), "%" PRIu64, total);
        sample(p, name, "_bucket", labels, nlabels, le, num);
    }
    total += counts[nbounds];
    snprintf(num, sizeof(num), "%" PRIu64, total);
    sample(p, name, "_bucket", labels, nlabels, "+Inf", num);
    prom_number(sum, num);
    sample(p, name, "_sum", labels, nlabels, NULL, num);
    snprintf(num, sizeof(num), "%" PRIu64, total);
    sample(p, name, "_count", labels, nlabels, NULL, num);
}
