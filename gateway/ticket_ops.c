#include "gateway/ticket_ops.h"
