// Groups a commit group's (time, id) entries by run (posting_run.h): the
// prefix of a time-index or postings key plus the run bucket. The commit
// thread adds ~4 entries per event, ~3 of them to runs of their own (a
// user's or an entity's postings), so a map of strings to vectors cost
// three allocations per new run, and freeing them all again per group:
// ~16% of the commit thread's time went to malloc and free. Here runs,
// entries and prefix bytes live in flat arrays that keep their capacity
// from group to group, so a warm table allocates nothing.
//
// Not thread-safe; one per commit thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/rocksdb/posting_run.h"

namespace trailkeep::store::rocksdb_store {

class RunTable {
 public:
  // The run a call site added to last. Consecutive events mostly go to the
  // same run of a site (a tenant's minute, the one kind), which is then
  // found by comparing its name, without hashing it. Any value is safe: a
  // hint that names another run (or none, after a drain) is only slower.
  struct Hint {
    uint32_t run = UINT32_MAX;
  };

  // Adds `entry` to the run named `run` (prefix + run bucket bytes), trying
  // `hint` first and leaving it at that run.
  void Add(std::string_view run, TimeId entry, Hint* hint);

  // Calls f(run, entries) once per run, entries sorted, in no particular
  // order of runs; then empties the table (keeping its capacity).
  template <typename F>
  void Drain(F&& f) {
    for (const Run& r : runs_) {
      scratch_.clear();
      for (uint32_t n = r.head; n != kNone; n = nodes_[n].next) scratch_.push_back(nodes_[n].entry);
      SortRun(&scratch_);
      f(NameOf(r), std::span<const TimeId>(scratch_));
    }
    Clear();
  }

  size_t runs() const { return runs_.size(); }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Run {
    size_t hash;
    uint32_t name_off, name_len;
    uint32_t head;  // newest node
  };
  struct Node {
    TimeId entry;
    uint32_t next;
  };

  std::string_view NameOf(const Run& r) const {
    return std::string_view(names_.data() + r.name_off, r.name_len);
  }
  // Makes `entry` the newest node of `r`'s list.
  void Push(Run* r, TimeId entry);
  // Entries come newest-added first from the list; usually already in
  // time order reversed, so a reverse and an insertion sort suffice.
  static void SortRun(std::vector<TimeId>* entries);
  void Clear();
  void Grow();

  std::string names_;             // run names, back to back
  std::vector<Run> runs_;
  std::vector<Node> nodes_;
  std::vector<uint32_t> slots_;   // open addressing: index into runs_ + 1, 0 = empty
  std::vector<TimeId> scratch_;
};

}  // namespace trailkeep::store::rocksdb_store
