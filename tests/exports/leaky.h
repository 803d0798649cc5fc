/* The header the leaky library is compared with (tests/exports/leaky.c). */
#define TH_API __attribute__((visibility("default")))
TH_API int th_declared_one(void);
TH_API int th_declared_missing(int x,
                               int y);
