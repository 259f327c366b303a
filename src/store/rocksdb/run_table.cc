#include "store/rocksdb/run_table.h"

#include <algorithm>
#include <functional>

namespace trailkeep::store::rocksdb_store {

void RunTable::Add(std::string_view run, TimeId entry, Hint* hint) {
  if (hint->run < runs_.size()) {
    Run& r = runs_[hint->run];
    if (NameOf(r) == run) return Push(&r, entry);
  }
  if ((runs_.size() + 1) * 2 > slots_.size()) Grow();
  const size_t hash = std::hash<std::string_view>()(run);
  const size_t mask = slots_.size() - 1;
  size_t slot = hash & mask;
  for (;; slot = (slot + 1) & mask) {
    const uint32_t s = slots_[slot];
    if (s == 0) break;
    Run& r = runs_[s - 1];
    if (r.hash == hash && NameOf(r) == run) {
      hint->run = s - 1;
      return Push(&r, entry);
    }
  }
  runs_.push_back(Run{hash, static_cast<uint32_t>(names_.size()), static_cast<uint32_t>(run.size()),
                      kNone});
  names_.append(run);
  slots_[slot] = static_cast<uint32_t>(runs_.size());
  hint->run = static_cast<uint32_t>(runs_.size() - 1);
  Push(&runs_.back(), entry);
}

void RunTable::Push(Run* r, TimeId entry) {
  nodes_.push_back(Node{entry, r->head});
  r->head = static_cast<uint32_t>(nodes_.size() - 1);
}

void RunTable::Grow() {
  const size_t n = std::max<size_t>(1024, slots_.size() * 2);
  slots_.assign(n, 0);
  const size_t mask = n - 1;
  for (size_t i = 0; i < runs_.size(); ++i) {
    size_t slot = runs_[i].hash & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = static_cast<uint32_t>(i + 1);
  }
}

void RunTable::Clear() {
  names_.clear();
  runs_.clear();
  nodes_.clear();
  std::fill(slots_.begin(), slots_.end(), 0);
}

void RunTable::SortRun(std::vector<TimeId>* entries) {
  std::reverse(entries->begin(), entries->end());
  if (!std::is_sorted(entries->begin(), entries->end())) std::sort(entries->begin(), entries->end());
}

}  // namespace trailkeep::store::rocksdb_store
