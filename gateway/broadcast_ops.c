#include "gateway/broadcast_ops.h"
