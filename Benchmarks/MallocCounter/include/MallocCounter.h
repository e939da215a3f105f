#ifndef PREFACE_MALLOC_COUNTER_H
#define PREFACE_MALLOC_COUNTER_H
#include <stdint.h>
#include <stdbool.h>
/// Heap allocations (malloc, calloc, realloc, memalign, posix_memalign, aligned_alloc) counted while
/// counting is on. Counting is off by default, so timed runs pay one predictable branch per call.
uint64_t preface_allocation_count(void);
void preface_allocation_counting(bool on);
#endif
