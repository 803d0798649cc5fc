/* A library that breaks the export rule both ways, for `make exports` to
   check that tests/check-exports.sh refuses it: it exports a data symbol
   no header declares (as libthreshold once exported th_prelude_lua) and a
   function no header declares, and lacks the one leaky.h declares. */
#include "leaky.h"

__attribute__((visibility("default"))) const unsigned char th_leaked_data[] = {0};
__attribute__((visibility("default"))) int th_undeclared(void) { return 0; }
int th_declared_one(void) { return 1; }
