// Memory for one camt document while it is parsed: the private copy of the
// bytes and pugixml's DOM (about twice the input for pretty-printed XML).
// Internal to the camt parser.
//
// Faulting in that much fresh memory page by page costs more than parsing it
// on a virtual machine (measured: ~90,000 faults for a 160 MB file, half the
// parse time). The arena maps it in few large chunks advised for transparent
// huge pages, hands it out without bookkeeping, and unmaps it whole when the
// parse ends.
//
// While an XmlArena lives, pugixml allocations made on its thread come from
// it (pugixml's allocator is process-wide and set once, the first time an
// arena is made; on other threads and outside arenas it is plain
// malloc/free). Objects allocated in an arena must die before it: declare
// the arena before the pugi::xml_document. Under AddressSanitizer the arena
// steps aside so that every allocation stays checked.
#ifndef CASHMATCH_INGEST_CAMT_ARENA_H_
#define CASHMATCH_INGEST_CAMT_ARENA_H_

#include <cstddef>
#include <vector>

namespace cashmatch::ingest::camt {

class XmlArena {
 public:
  // `expected` sizes the first chunk; more are mapped as needed.
  explicit XmlArena(size_t expected);
  ~XmlArena();
  XmlArena(const XmlArena&) = delete;
  XmlArena& operator=(const XmlArena&) = delete;

  // `size` bytes aligned to 16, valid until the arena dies; nullptr when
  // memory is exhausted.
  void* Allocate(size_t size);
  bool Owns(const void* p) const;

 private:
  bool Grow(size_t at_least);

  struct Chunk {
    char* base;
    size_t size;
  };
  std::vector<Chunk> chunks_;
  char* next_ = nullptr;
  char* end_ = nullptr;
  size_t next_chunk_;
  XmlArena* previous_;
};

}  // namespace cashmatch::ingest::camt

#endif  // CASHMATCH_INGEST_CAMT_ARENA_H_
