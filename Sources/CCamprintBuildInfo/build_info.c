// See include/camprint_build_info.h.
#include "camprint_build_info.h"

#ifndef CAMPRINT_BUILD_COMMIT
#define CAMPRINT_BUILD_COMMIT "unknown"
#endif
#ifndef CAMPRINT_BUILD_DATE
#define CAMPRINT_BUILD_DATE "unknown"
#endif
#ifndef CAMPRINT_BUILD_SIGNATURES
#define CAMPRINT_BUILD_SIGNATURES "unknown"
#endif

const char *camprint_build_commit(void) { return CAMPRINT_BUILD_COMMIT; }
const char *camprint_build_date(void) { return CAMPRINT_BUILD_DATE; }
const char *camprint_build_signatures(void) { return CAMPRINT_BUILD_SIGNATURES; }
