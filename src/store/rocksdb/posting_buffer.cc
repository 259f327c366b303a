#include "store/rocksdb/posting_buffer.h"

#include <algorithm>
#include <queue>

#include "store/rocksdb/posting_block.h"

namespace trailkeep::store::rocksdb_store {

void PostingBuffer::View::Find(TenantOrdinal t, model::IndexedField f, std::string_view value,
                               std::vector<TimeId>* out) const {
  // Each chunk's entries come sorted, and chunks follow commit order, so
  // the whole is sorted unless events arrived late: merge each chunk's run
  // in only when it starts before the end of what is there.
  const auto first = static_cast<ptrdiff_t>(out->size());
  for (const auto& c : chunks) {
    if (c->max_id() <= stored_last_id) continue;
    const auto run = static_cast<ptrdiff_t>(out->size());
    c->Find(t, f, value, stored_last_id, out);
    if (run > first && static_cast<ptrdiff_t>(out->size()) > run && (*out)[run] < (*out)[run - 1]) {
      std::inplace_merge(out->begin() + first, out->begin() + run, out->end());
    }
  }
}

void PostingBuffer::Reset(uint64_t stored_last_id) {
  std::lock_guard lock(mu_);
  chunks_.clear();
  stored_last_id_ = stored_last_id;
  memory_bytes_ = 0;
}

void PostingBuffer::Append(std::shared_ptr<const PostingChunk> chunk) {
  if (chunk->empty()) return;
  std::lock_guard lock(mu_);
  memory_bytes_ += chunk->MemoryBytes();
  chunks_.push_back(std::move(chunk));
}

PostingBuffer::View PostingBuffer::Capture() const {
  std::lock_guard lock(mu_);
  return View{chunks_, stored_last_id_};
}

uint64_t PostingBuffer::NextEpoch() const {
  std::lock_guard lock(mu_);
  return PostingEpoch(stored_last_id_ + 1);
}

uint64_t PostingBuffer::CompleteUnstored(uint64_t last_id) const {
  const uint64_t complete = PostingEpoch(last_id + 1), next = NextEpoch();
  return complete > next ? complete - next : 0;
}

void PostingBuffer::MarkStored(uint64_t e) {
  std::lock_guard lock(mu_);
  stored_last_id_ = PostingEpochLastId(e);
  std::erase_if(chunks_, [&](const std::shared_ptr<const PostingChunk>& c) {
    if (c->max_id() > stored_last_id_) return false;
    memory_bytes_ -= c->MemoryBytes();
    return true;
  });
}

size_t PostingBuffer::MemoryBytes() const {
  std::lock_guard lock(mu_);
  return memory_bytes_;
}

void PostingBuffer::BuildEpoch(const View& view, uint64_t e, const EmitBlock& emit) {
  const uint64_t lo = PostingEpochFirstId(e), hi = PostingEpochLastId(e);
  // A cursor per chunk holding ids of the epoch, at the first entry of its
  // current (tenant, field, value); a min-heap on that key merges them.
  struct Cursor {
    const PostingChunk* chunk;
    size_t pos;
  };
  auto greater = [](const Cursor& a, const Cursor& b) {
    const int c = a.chunk->CompareKey(a.chunk->entries()[a.pos], *b.chunk, b.chunk->entries()[b.pos]);
    return c > 0;
  };
  std::priority_queue<Cursor, std::vector<Cursor>, decltype(greater)> heap(greater);
  for (const auto& c : view.chunks) {
    if (!c->empty() && c->max_id() >= lo && c->min_id() <= hi) heap.push(Cursor{c.get(), 0});
  }
  std::vector<TimeId> entries;
  std::string block;
  while (!heap.empty()) {
    const Cursor top = heap.top();
    const PostingChunk::Entry& key = top.chunk->entries()[top.pos];
    entries.clear();
    // Every cursor at this key: take its entries of the key in the epoch.
    while (!heap.empty() &&
           heap.top().chunk->CompareKey(heap.top().chunk->entries()[heap.top().pos], *top.chunk,
                                        key) == 0) {
      Cursor c = heap.top();
      heap.pop();
      const auto& es = c.chunk->entries();
      const PostingChunk::Entry& first = es[c.pos];
      for (; c.pos < es.size() && c.chunk->CompareKey(es[c.pos], *c.chunk, first) == 0; ++c.pos) {
        if (es[c.pos].at.id >= lo && es[c.pos].at.id <= hi) entries.push_back(es[c.pos].at);
      }
      if (c.pos < es.size()) {
        // Its next key is emitted after the keys of the other cursors
        // before it: time enough for its value bytes, last touched when
        // the chunk was built, to arrive (the emitted block key copies
        // them; one cache miss per block otherwise).
        __builtin_prefetch(c.chunk->ValueOf(es[c.pos]).data());
        heap.push(c);
      }
    }
    if (entries.empty()) continue;
    if (!std::is_sorted(entries.begin(), entries.end())) std::sort(entries.begin(), entries.end());
    block.clear();
    EncodeBlock(entries, e, &block);
    emit(key.tenant, static_cast<model::IndexedField>(key.field), top.chunk->ValueOf(key), block);
  }
}

}  // namespace trailkeep::store::rocksdb_store
