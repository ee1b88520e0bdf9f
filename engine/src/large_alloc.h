// Zero-filled allocations for the ledger's big arrays.
//
// Blocks of kLargeBlock bytes or more come straight from mmap with
// transparent huge pages requested (the kernel here grants them only on
// madvise), so that random probes into gigabyte-sized hash tables do not
// each pay a page-table walk; they grow with mremap, which moves page-table
// entries instead of copying bytes. Smaller blocks use calloc/realloc.
//
// Allocation failure throws std::bad_alloc, as operator new does.
#ifndef CASHMATCH_ENGINE_LARGE_ALLOC_H_
#define CASHMATCH_ENGINE_LARGE_ALLOC_H_

#include <cstddef>

namespace cashmatch::internal {

inline constexpr size_t kLargeBlock = size_t{1} << 20;

// Returns at least `bytes` zero-filled bytes (nullptr for 0); *granted gets
// the size actually reserved, which Reallocate and Free must be given back.
void* AllocateZeroed(size_t bytes, size_t* granted);

// Grows or shrinks `p` (which has `granted` bytes, may be nullptr) to at
// least `bytes`, keeping the common prefix; new bytes are zero.
void* Reallocate(void* p, size_t granted, size_t bytes, size_t* new_granted);

void Free(void* p, size_t granted);

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_LARGE_ALLOC_H_
