#include "store/rocksdb/posting_buffer.h"

#include <algorithm>

#include "store/rocksdb/chunk_merge.h"
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

uint64_t PostingBuffer::CompleteUnstored(uint64_t last_id) const {
  const uint64_t complete = PostingEpoch(last_id + 1), next = NextEpoch();
  return complete > next ? complete - next : 0;
}

void PostingBuffer::BuildEpoch(const View& view, uint64_t e, const EmitBlock& emit) {
  const uint64_t lo = PostingEpochFirstId(e), hi = PostingEpochLastId(e);
  std::vector<const PostingChunk*> chunks;
  for (const auto& c : view.chunks) {
    if (!c->empty() && c->max_id() >= lo && c->min_id() <= hi) chunks.push_back(c.get());
  }
  // Equal keys come chunk by chunk in commit order, so a value's entries
  // come in id order, and in (time, id) order unless events arrived late.
  ChunkMerge merge(chunks);
  std::vector<TimeId> entries;
  std::string block;
  while (!merge.done()) {
    const PostingChunk& key_chunk = merge.chunk();
    const PostingChunk::Entry& key = *merge.pos();
    const std::string_view key_value = key_chunk.ValueOf(key);
    auto at_key = [&](const PostingChunk& c, const PostingChunk::Entry& x) {
      return PostingChunk::CompareKeys(x, c.ValueOf(x), key, key_value) == 0;
    };
    entries.clear();
    // Every chunk at this key: take its entries of the key in the epoch.
    // Each chunk's first entry is at the key (the merge chose it), so it
    // is taken without comparing.
    do {
      const PostingChunk& c = merge.chunk();
      const PostingChunk::Entry* p = merge.pos();
      do {
        if (p->at.id >= lo && p->at.id <= hi) entries.push_back(p->at);
      } while (++p != merge.end() && at_key(c, *p));
      // Its next key is emitted after the keys of the other chunks before
      // it: time enough for its value bytes, last touched when the chunk
      // was built, to arrive (the emitted block key copies them; one cache
      // miss per block otherwise).
      if (p != merge.end()) __builtin_prefetch(c.ValueOf(*p).data());
      merge.Advance(p);
    } while (!merge.done() && at_key(merge.chunk(), *merge.pos()));
    if (entries.empty()) continue;
    if (!std::is_sorted(entries.begin(), entries.end())) std::sort(entries.begin(), entries.end());
    block.clear();
    EncodeBlock(entries, e, &block);
    emit(key.tenant(), key.field(), key_value, block);
  }
}

}  // namespace trailkeep::store::rocksdb_store
