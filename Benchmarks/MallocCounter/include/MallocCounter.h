#ifndef PREFACE_MALLOC_COUNTER_H
#define PREFACE_MALLOC_COUNTER_H
#include <stdint.h>
/// Heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc) since the process started.
uint64_t preface_allocation_count(void);
#endif
