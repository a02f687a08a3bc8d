// The C boundary of ivp: GLPK's public API and nothing else.
// Only the GLPK backend of the LinearProgramming target imports this module.
#include <glpk.h>
