#include "gateway/agenda_ops.h"
