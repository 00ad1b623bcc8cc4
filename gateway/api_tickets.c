#include "gateway/api.h"

const struct api_route api_ticket_routes[] = {{0}};
const struct api_route api_stats_routes[] = {{0}};
