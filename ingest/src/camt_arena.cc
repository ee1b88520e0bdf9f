#include "camt_arena.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <pugixml.hpp>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define CASHMATCH_CAMT_ARENA_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CASHMATCH_CAMT_ARENA_OFF 1
#endif
#endif

namespace cashmatch::ingest::camt {
namespace {

constexpr size_t kHuge = size_t{2} << 20;

thread_local XmlArena* t_arena = nullptr;

size_t RoundUp(size_t n, size_t to) { return (n + to - 1) / to * to; }

#if !defined(CASHMATCH_CAMT_ARENA_OFF)
void* PugiAllocate(size_t size) {
  XmlArena* a = t_arena;
  return a ? a->Allocate(size) : std::malloc(size);
}

void PugiDeallocate(void* p) {
  XmlArena* a = t_arena;
  if (a && a->Owns(p)) return;  // released with the arena
  std::free(p);
}

void InstallOnce() {
  static std::once_flag once;
  std::call_once(once,
                 [] { pugi::set_memory_management_functions(&PugiAllocate, &PugiDeallocate); });
}
#endif

[[maybe_unused]] char* MapChunk(size_t size) {
#if defined(__linux__)
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                 -1, 0);
  if (p == MAP_FAILED) return nullptr;
#if defined(MADV_HUGEPAGE)
  (void)madvise(p, size, MADV_HUGEPAGE);  // a hint; refused means ordinary pages
#endif
  return static_cast<char*>(p);
#else
  return static_cast<char*>(std::malloc(size));
#endif
}

[[maybe_unused]] void UnmapChunk(char* base, size_t size) {
#if defined(__linux__)
  munmap(base, size);
#else
  (void)size;
  std::free(base);
#endif
}

}  // namespace

XmlArena::XmlArena(size_t expected)
    : next_chunk_(RoundUp(std::max(expected, kHuge), kHuge)), previous_(t_arena) {
#if !defined(CASHMATCH_CAMT_ARENA_OFF)
  InstallOnce();
  t_arena = this;
#endif
}

XmlArena::~XmlArena() {
#if !defined(CASHMATCH_CAMT_ARENA_OFF)
  t_arena = previous_;
#endif
  for (const Chunk& c : chunks_) {
#if defined(CASHMATCH_CAMT_ARENA_OFF)
    std::free(c.base);
#else
    UnmapChunk(c.base, c.size);
#endif
  }
}

bool XmlArena::Grow(size_t at_least) {
  const size_t size = RoundUp(std::max(next_chunk_, at_least), kHuge);
  char* base = MapChunk(size);
  if (base == nullptr) return false;
  chunks_.push_back({base, size});
  next_ = base;
  end_ = base + size;
  next_chunk_ = size * 2;
  return true;
}

void* XmlArena::Allocate(size_t size) {
#if defined(CASHMATCH_CAMT_ARENA_OFF)
  // Each allocation on its own, so that AddressSanitizer sees its bounds.
  void* p = std::malloc(size);
  if (p != nullptr) chunks_.push_back({static_cast<char*>(p), 0});
  return p;
#else
  size = RoundUp(std::max<size_t>(size, 1), 16);
  if (static_cast<size_t>(end_ - next_) < size && !Grow(size)) return nullptr;
  void* p = next_;
  next_ += size;
  return p;
#endif
}

bool XmlArena::Owns(const void* p) const {
  const auto* c = static_cast<const char*>(p);
  for (const Chunk& chunk : chunks_) {
    if (c >= chunk.base && c < chunk.base + chunk.size) return true;
  }
  return false;
}

}  // namespace cashmatch::ingest::camt
