// Arena: append-only storage for the ledger's strings.
//
// Records are written once and addressed by a 64-bit offset (block number in
// the high bits, position in the low 24), so a record never moves: views
// into it stay valid for the arena's life. Blocks start small and double up
// to 16 MiB, so a small ledger stays small and a big one wastes at most one
// block. A record larger than a block gets a block of its own.
//
// Records are usually sequences of length-prefixed strings (varint length,
// then bytes); PutString / GetString read and write those.
//
// Not thread-safe for mutation; reads may run concurrently.
#ifndef CASHMATCH_ENGINE_ARENA_H_
#define CASHMATCH_ENGINE_ARENA_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cashmatch::internal {

class Arena {
 public:
  static constexpr int kPosBits = 24;

  Arena() = default;
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Reserves `n` bytes for a new record and returns where to write it;
  // *offset receives the record's address.
  char* Allocate(size_t n, uint64_t* offset);

  const char* At(uint64_t offset) const {
    return blocks_[offset >> kPosBits].data + (offset & ((uint64_t{1} << kPosBits) - 1));
  }

  // Bytes reserved by all blocks, and bytes handed out by Allocate.
  size_t MemoryUsage() const { return reserved_ + blocks_.capacity() * sizeof(Block); }
  size_t used() const { return used_; }

 private:
  struct Block {
    char* data;
    size_t size;
    size_t granted;
  };
  std::vector<Block> blocks_;
  size_t pos_ = 0;  // next free byte of the last block
  size_t reserved_ = 0;
  size_t used_ = 0;
};

// Bytes PutVarint needs for `v`.
size_t VarintSize(uint64_t v);
// Writes v in 7-bit groups, low first; returns the byte after it.
char* PutVarint(char* p, uint64_t v);
// Reads a varint written by PutVarint at *p and advances *p past it.
uint64_t GetVarint(const char** p);

// Bytes PutString needs for `s`.
size_t StringSize(std::string_view s);
// Writes s as varint length + bytes at p; returns the byte after it.
char* PutString(char* p, std::string_view s);
// Reads a string written by PutString at *p and advances *p past it.
std::string_view GetString(const char** p);

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_ARENA_H_
