#include "gateway/api.h"

const struct api_route api_agenda_routes[] = {{0}};
