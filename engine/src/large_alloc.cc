#include "large_alloc.h"

#include <sys/mman.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace cashmatch::internal {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

size_t RoundUp(size_t n, size_t to) { return (n + to - 1) / to * to; }

void* MapZeroed(size_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  // Advice only: without huge pages everything still works, just slower.
  madvise(p, bytes, MADV_HUGEPAGE);
  return p;
}

}  // namespace

void* AllocateZeroed(size_t bytes, size_t* granted) {
  if (bytes == 0) {
    *granted = 0;
    return nullptr;
  }
  if (bytes < kLargeBlock) {
    void* p = std::calloc(bytes, 1);
    if (p == nullptr) throw std::bad_alloc();
    *granted = bytes;
    return p;
  }
  *granted = RoundUp(bytes, kHugePage);
  return MapZeroed(*granted);
}

void* Reallocate(void* p, size_t granted, size_t bytes, size_t* new_granted) {
  if (p == nullptr) return AllocateZeroed(bytes, new_granted);
  if (bytes == 0) {
    Free(p, granted);
    *new_granted = 0;
    return nullptr;
  }
  const bool was_large = granted >= kLargeBlock;
  const bool is_large = bytes >= kLargeBlock;
  if (!was_large && !is_large) {
    void* q = std::realloc(p, bytes);
    if (q == nullptr) throw std::bad_alloc();
    if (bytes > granted) std::memset(static_cast<char*>(q) + granted, 0, bytes - granted);
    *new_granted = bytes;
    return q;
  }
  if (was_large && is_large) {
    const size_t want = RoundUp(bytes, kHugePage);
    void* q = mremap(p, granted, want, MREMAP_MAYMOVE);
    if (q == MAP_FAILED) throw std::bad_alloc();
    madvise(q, want, MADV_HUGEPAGE);  // pages added by mremap are zero-filled
    *new_granted = want;
    return q;
  }
  // Crossing the small/large boundary: copy.
  void* q = AllocateZeroed(bytes, new_granted);
  std::memcpy(q, p, granted < bytes ? granted : bytes);
  Free(p, granted);
  return q;
}

void PopulateHere(void* p, size_t bytes) {
  if (p == nullptr || bytes < kLargeBlock) return;
  // Page-aligned start: the page holding p is in use already, if anything.
  const auto begin = reinterpret_cast<uintptr_t>(p) & ~uintptr_t{4095};
  const uintptr_t end = reinterpret_cast<uintptr_t>(p) + bytes;
  madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
}

void Populate(void* p, size_t bytes) {
  if (p == nullptr || bytes < kLargeBlock) return;
  constexpr size_t kPiece = size_t{32} << 20;
  char* const base = static_cast<char*>(p);
  tbb::parallel_for(size_t{0}, (bytes + kPiece - 1) / kPiece, [&](size_t i) {
    const size_t from = i * kPiece;
    PopulateHere(base + from, std::min(kPiece, bytes - from));
  });
}

void Free(void* p, size_t granted) {
  if (p == nullptr) return;
  if (granted >= kLargeBlock) {
    munmap(p, granted);
  } else {
    std::free(p);
  }
}

}  // namespace cashmatch::internal
