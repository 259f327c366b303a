#include "store/rocksdb/trigram_blocks.h"

namespace trailkeep::store::rocksdb_store {

std::vector<uint32_t> TrigramBlocks::Grams(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i + 3 <= s.size(); ++i) {
    const uint32_t x = static_cast<uint8_t>(s[i]) | static_cast<uint32_t>(static_cast<uint8_t>(s[i + 1])) << 8 |
                       static_cast<uint32_t>(static_cast<uint8_t>(s[i + 2])) << 16;
    out.push_back((x * 2654435761u) >> 21);  // the top 11 bits: [0, 2048)
  }
  return out;
}

void TrigramBlocks::Add(size_t begin, std::string_view value) {
  if (blocks_.empty() || begin - blocks_.back().begin >= kBlockBytes) {
    blocks_.push_back(Block{begin, {}});
  }
  Block& b = blocks_.back();
  for (uint32_t g : Grams(value)) b.bits[g / 64] |= uint64_t{1} << (g % 64);
}

}  // namespace trailkeep::store::rocksdb_store
