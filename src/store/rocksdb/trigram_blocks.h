// A coarse trigram filter over a blob of NUL-separated values
// (value_dictionary.h): the blob is cut into blocks of whole values of about
// kBlockBytes, and each block keeps a 2,048-bit set of the (hashed)
// trigrams of its values. A substring search runs memmem only over the
// blocks whose set holds every trigram of the needle. On the bench corpus's
// entity ids (a type word and 6 digits) a 6-digit needle passes a few
// percent of blocks; the sets cost 256 bytes per ~1 KiB of values.
//
// Thread safety: none; the owner locks.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace trailkeep::store::rocksdb_store {

class TrigramBlocks {
 public:
  static constexpr size_t kBlockBytes = 1024;

  // Records the value stored at blob offset `begin` (the blob's previous
  // end). REQUIRES: values are added in blob order.
  void Add(size_t begin, std::string_view value);

  // Calls fn(begin, end) for each run of consecutive blocks that may hold
  // `needle` ([begin, end) blob offsets; `blob_size` ends the last block).
  // A needle shorter than a trigram passes every block.
  template <typename Fn>
  void ForEachCandidate(std::string_view needle, size_t blob_size, Fn fn) const {
    std::vector<uint32_t> grams = Grams(needle);
    size_t run_begin = 0;
    bool in_run = false;
    for (size_t b = 0; b < blocks_.size(); ++b) {
      const bool pass = Holds(blocks_[b], grams);
      if (pass && !in_run) run_begin = blocks_[b].begin;
      if (!pass && in_run) fn(run_begin, blocks_[b].begin);
      in_run = pass;
    }
    if (in_run) fn(run_begin, blob_size);
  }

 private:
  static constexpr size_t kBits = 2048;
  struct Block {
    size_t begin;
    std::array<uint64_t, kBits / 64> bits{};
  };
  // The hashed trigrams of `s`, each in [0, kBits).
  static std::vector<uint32_t> Grams(std::string_view s);
  static bool Holds(const Block& b, const std::vector<uint32_t>& grams) {
    for (uint32_t g : grams) {
      if ((b.bits[g / 64] >> (g % 64) & 1) == 0) return false;
    }
    return true;
  }

  std::vector<Block> blocks_;
};

}  // namespace trailkeep::store::rocksdb_store
