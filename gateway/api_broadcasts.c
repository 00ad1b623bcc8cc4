#include "gateway/api.h"

const struct api_route api_broadcast_routes[] = {{0}};
