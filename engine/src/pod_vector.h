// PodVector<T>: a growable array of trivially copyable values, held in
// large_alloc memory (huge pages for big arrays, growth without copying).
// New elements are zero-filled. Not thread-safe for mutation; const access
// from many threads is fine.
#ifndef CASHMATCH_ENGINE_POD_VECTOR_H_
#define CASHMATCH_ENGINE_POD_VECTOR_H_

#include <cassert>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "large_alloc.h"

namespace cashmatch::internal {

template <typename T>
class PodVector {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  PodVector() = default;
  ~PodVector() { Free(data_, granted_); }
  PodVector(const PodVector&) = delete;
  PodVector& operator=(const PodVector&) = delete;
  PodVector(PodVector&& o) noexcept
      : data_(std::exchange(o.data_, nullptr)),
        size_(std::exchange(o.size_, 0)),
        granted_(std::exchange(o.granted_, 0)) {}
  PodVector& operator=(PodVector&& o) noexcept {
    if (this != &o) {
      Free(data_, granted_);
      data_ = std::exchange(o.data_, nullptr);
      size_ = std::exchange(o.size_, 0);
      granted_ = std::exchange(o.granted_, 0);
    }
    return *this;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return granted_ / sizeof(T); }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T& operator[](size_t i) {
    assert(i < size_);
    return data_[i];
  }
  const T& operator[](size_t i) const {
    assert(i < size_);
    return data_[i];
  }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

  void reserve(size_t n) {
    if (n > capacity()) {
      data_ = static_cast<T*>(Reallocate(data_, granted_, n * sizeof(T), &granted_));
    }
  }
  void push_back(const T& v) {
    if (size_ == capacity()) reserve(Grown(size_ + 1));
    data_[size_++] = v;
  }
  // Grows with zero-filled elements or drops the tail.
  void resize(size_t n) {
    if (n > capacity()) reserve(Grown(n));
    if (n < size_) {
      for (size_t i = n; i < size_; ++i) data_[i] = T{};  // keep the tail zero for reuse
    }
    size_ = n;
  }
  // Gives back the reserved memory past size() (for a large array, down to
  // the next huge page).
  void shrink_to_fit() {
    if (capacity() == size_) return;
    data_ = static_cast<T*>(Reallocate(data_, granted_, size_ * sizeof(T), &granted_));
  }
  // Faults in the reserved memory on all cores (large_alloc.h).
  void PopulateReserved() { Populate(data_, granted_); }
  // Bytes reserved, whether used or not.
  size_t MemoryUsage() const { return granted_; }

 private:
  // Capacity for at least n elements, grown geometrically so that repeated
  // growth stays linear: by half while small, by an eighth once the buffer
  // is large enough to be remapped rather than copied, which bounds the
  // unused tail of a big table at 12.5%.
  size_t Grown(size_t n) const {
    const size_t step = size_ * sizeof(T) >= kLargeBlock ? size_ / 8 : size_ / 2;
    const size_t want = size_ + (step < 16 ? 16 : step);
    return n > want ? n : want;
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t granted_ = 0;
};

}  // namespace cashmatch::internal

#endif  // CASHMATCH_ENGINE_POD_VECTOR_H_
