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

// Faults in the pages of [p, p + bytes) of a large block, on all cores.
// A first touch of fresh memory costs far more than writing it (over a
// second a GiB on a virtual machine whose host backs pages lazily), so a
// table about to be filled by one sequential pass is populated in parallel
// first. Only a hint: a no-op for small blocks or where unsupported.
void Populate(void* p, size_t bytes);
// The same on the calling thread, for use from a background task.
void PopulateHere(void* p, size_t bytes);

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_LARGE_ALLOC_H_
