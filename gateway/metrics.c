#include "gateway/api.h"

/* /healthz: the database answers (the metrics engineer extends this). */
static void
healthz(struct api_ctx *a)
{
    if (db_ping(a->db) < 0)
        api_text(a, 503, "text/plain; charset=utf-8", "database unreachable\n");
    else
        api_text(a, 200, "text/plain; charset=utf-8", "database ok\n");
}

const struct api_route api_ops_routes[] = {
    {"GET", "/healthz", API_ROLE_PUBLIC, API_RAW, healthz},
    {0},
};
