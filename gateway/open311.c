#include "gateway/api.h"

const struct api_route api_open311_routes[] = {{0}};
