#ifndef X_broadcast_ops
#define X_broadcast_ops
#endif
