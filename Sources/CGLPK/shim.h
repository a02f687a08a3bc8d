// The C boundary of ivp: GLPK's public API, and the C allocator's mallopt for GLPK's work arrays
// (GLPK.keepFreedMemory). Only the GLPK backend of the LinearProgramming target imports this module.
#include <glpk.h>
#ifdef __linux__
#include <malloc.h>
#endif
