// FuzzyIndex: every stored reference within optimal-string-alignment
// distance 1 of a query (2 for queries of Ledger::kLongReference characters
// or more), found by symmetric deletion instead of a scan.
//
// Two strings are within distance k exactly when deleting at most k
// characters from each can make them equal (a substitution or a
// transposition is one deletion on each side, an insertion one on one side).
// So the index stores, for each reference r, the distinct strings made by
// deleting 1 character (and 2 when r has kLongReference characters or more),
// keyed by (variant, number deleted). A query q probes its own variants of
// depth 0..k against the exact-reference table (nothing deleted from r) and
// against this table (1 or 2 deleted from r), then checks each candidate's
// real distance on the normalized strings. Only long references carry depth
// 2, because only a long query asks for distance 2 and it must delete two
// from a reference at least as long as itself.
//
// Sequential invoice numbers share variants by the dozen, so a distance-1
// query meets a hundred candidates or more, most of them two edits away (a
// character moved), and checking each by reading its invoice costs a
// memory miss apiece. So each one-deletion entry also records the deletion:
// where it was and which character, when that is a digit (the aux byte,
// position * 10 + digit). With the variant, that gives the reference back
// without reading it, and so its distance to the query. Only when the
// entry is known to be filed under the probed variant, not under another
// that shares its tag: variants of up to 12 characters are hashed through
// a bijection of their exact code (ReferenceCode), so a posting block
// whose entries all share the probe's full 64-bit hash (PostingTable::
// ForEach's same_key) holds that variant's entries and no other's. The
// other candidates (single entries, mixed blocks, letters, two deletions,
// long variants) are still read, but the recorded deletion already drops
// those that cannot be near, as it settles them when it is theirs.
//
// References longer than kMaxIndexed would need hundreds of variants each;
// they go to a plain list that only queries long enough to reach them scan.
//
// Values are the owner's numbers (invoice numbers); the owner hands in its
// exact-reference table and reads references back through Source.
// Not thread-safe for mutation; Query may run from many threads at once.
#ifndef CASHMATCH_ENGINE_FUZZY_INDEX_H_
#define CASHMATCH_ENGINE_FUZZY_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "cashmatch/ledger.h"
#include "hashing.h"
#include "normalize.h"
#include "posting_table.h"
#include "reference_key.h"
#include "tag_multimap.h"

namespace cashmatch::internal {

class FuzzyIndex : private PostingTable::SingleKeys {
 public:
  static constexpr size_t kMaxIndexed = 20;

  // How the index reads the owner's data.
  class Source {
   public:
    virtual ~Source() = default;
    // The normalized reference of `value`; may be written to `scratch`.
    virtual std::string_view Reference(uint32_t value, RefNormalizer* scratch) const = 0;
    // Where Reference(value) reads: `stride` bytes at base + value * stride,
    // for prefetching without a call per value. Stable while queries run.
    struct Records {
      const char* base;
      size_t stride;
    };
    virtual Records RecordsToPrefetch() const = 0;
  };

  // `exact` is the owner's reference table (reference_key.h), which files
  // each value under its normalized reference. Both must outlive this.
  FuzzyIndex(const Source& source, const CodedTagMultiMap& exact);

  // Indexes `normalized` (non-empty) for `value` (at most
  // PostingTable::kMaxValue).
  void Add(std::string_view normalized, uint32_t value);

  // Bulk building, in three steps: for each reference, in value order,
  // EntryCount tells how many postings Entries writes (0 for one too long
  // to index, which goes to AddOversize instead); the postings of all of
  // them, sorted by tag (SortByTag), go to BuildFromSorted on an empty
  // index or to MergeSorted. Entries and EntryCount may run on many threads at once.
  static size_t EntryCount(std::string_view normalized);
  static size_t Entries(std::string_view normalized, uint32_t value,
                        PostingTable::Posting* out);
  void AddOversize(uint32_t value) { oversize_.push_back(value); }
  void BuildFromSorted(const PostingTable::Posting* sorted, size_t n) {
    table_.BuildFromSorted(sorted, n);
  }
  // The same into an index that may hold references already.
  void MergeSorted(const PostingTable::Posting* sorted, size_t n) {
    table_.MergeSorted(sorted, n, *this);
  }

  // Appends the hits for a normalized query, sorted by (distance, value).
  void Query(std::string_view normalized, std::vector<FuzzyHit>* out) const;

  size_t MemoryUsage() const;
  size_t entries() const { return table_.entries(); }

 private:
  // Appends value << 8 | distance for every value sharing a deletion
  // variant with q at the right depths that may be within distance k; the
  // distance is 0xff where it is not known without reading the reference.
  // Packed so that sorting is fast and puts a known distance first.
  void Candidates(std::string_view q, int k, std::vector<uint64_t>* out) const;
  // PostingTable::SingleKeys: the key of a single entry, from its reference.
  uint64_t KeyOfSingle(uint32_t value, uint8_t aux) const override;

  const Source& source_;
  const CodedTagMultiMap& exact_;
  PostingTable table_;
  std::vector<uint32_t> oversize_;  // values of references over kMaxIndexed
};

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_FUZZY_INDEX_H_
