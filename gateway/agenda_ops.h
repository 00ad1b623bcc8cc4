#ifndef X_agenda_ops
#define X_agenda_ops
#endif
