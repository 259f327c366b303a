// Objects kept between uses (buffers, vectors of parsed events) so that a
// request fills the memory of an earlier one rather than fresh allocations.
//
// Last in, first out, shared by every thread: a request takes the object
// released most recently, whose memory is still in cache, whichever worker
// thread runs it. Kept per thread instead, each of eight workers' objects
// sat cold until that thread's next turn, and every thread's allocations
// came from its own malloc arena. For ingest (the parsed events, the padded
// body, the prepared records), alternating 3M bench loads, five each in a
// quiet hour: 3.39 against 3.42 us of CPU per event and 527k against 514k
// events/s (medians), within this machine's spread; peak RSS ~10 MiB lower.
//
// Thread safety: Take and Give are safe to call concurrently.
#pragma once

#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

namespace trailkeep {

template <typename T>
class LifoPool {
 public:
  // What an object holds, in the unit its bound is given in (events,
  // bytes of capacity).
  using SizeOf = size_t (*)(const T&);

  // Keeps at most `max_kept` objects, none whose `size_of` is above
  // `max_size`: what the pool holds stays bounded whatever a request sent.
  LifoPool(size_t max_kept, size_t max_size, SizeOf size_of)
      : max_kept_(max_kept), max_size_(max_size), size_of_(size_of) {
    kept_.reserve(max_kept);
  }

  // The object given last, or a default-constructed one when none is kept.
  T Take() {
    std::lock_guard lock(mu_);
    if (kept_.empty()) return T();
    T object = std::move(kept_.back());
    kept_.pop_back();
    return object;
  }

  // Keeps `object` for a later Take unless it is larger than `max_size` or
  // `max_kept` are kept already; then `object`, a parameter, is destroyed
  // after the lock is released.
  void Give(T object) {
    if (size_of_(object) > max_size_) return;
    std::lock_guard lock(mu_);
    if (kept_.size() < max_kept_) kept_.push_back(std::move(object));
  }

 private:
  const size_t max_kept_, max_size_;
  const SizeOf size_of_;
  std::mutex mu_;
  std::vector<T> kept_;  // guarded by mu_
};

}  // namespace trailkeep
