#ifndef X_ticket_ops
#define X_ticket_ops
#endif
