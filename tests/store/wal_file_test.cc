// Reading RocksDB's own WAL files (wal_file.h): every batch RocksDB wrote,
// fragments across blocks included, and at a torn or damaged record only
// the batches before it.
#include "store/rocksdb/wal_file.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace trailkeep::store::rocksdb_store {
namespace {

// The log data of each batch in `bytes` (a WAL file's batches).
class LogDataOf : public rocksdb::WriteBatch::Handler {
 public:
  void LogData(const rocksdb::Slice& blob) override { blobs.push_back(blob.ToString()); }
  rocksdb::Status PutCF(uint32_t, const rocksdb::Slice&, const rocksdb::Slice&) override {
    ++puts;
    return rocksdb::Status::OK();
  }
  std::vector<std::string> blobs;
  int puts = 0;
};

std::vector<std::string> ReadBlobs(const std::string& path) {
  LogDataOf h;
  const Status s = ReadWalBatches(path, [&](std::string_view batch) {
    rocksdb::WriteBatch b{std::string(batch)};
    EXPECT_TRUE(b.Iterate(&h).ok());
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return h.blobs;
}

TEST(WalFileTest, ReadsEveryBatchAndStopsAtDamage) {
  testing::TempDir dir;
  rocksdb::Options o;
  o.create_if_missing = true;
  o.max_log_file_size = 64u << 20;  // one WAL file
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(o, dir.path(), &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::mt19937_64 rng(11);
  std::vector<std::string> written;
  rocksdb::WriteOptions wo;
  wo.sync = true;
  for (int i = 0; i < 60; ++i) {
    // Small ones, and ones over a 32 KiB block (split into fragments).
    const size_t size = i % 3 == 0 ? rng() % 100'000 : rng() % 200;
    std::string blob(size, '\0');
    for (char& c : blob) c = static_cast<char>(rng());
    rocksdb::WriteBatch b;
    const std::string key = std::to_string(i);
    ASSERT_TRUE(b.Put(key, "v").ok());
    ASSERT_TRUE(b.PutLogData(blob).ok());
    ASSERT_TRUE(db->Write(wo, &b).ok());
    written.push_back(std::move(blob));
  }
  rocksdb::VectorLogPtr files;
  ASSERT_TRUE(db->GetSortedWalFiles(files).ok());
  ASSERT_EQ(files.size(), 1u);
  const std::string path = dir.path() + files[0]->PathName();
  EXPECT_TRUE(ReadBlobs(path) == written);  // (not EXPECT_EQ: megabytes of bytes on failure)

  std::ifstream in(path, std::ios::binary);
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string copy = dir.path() + "/copy.log";
  auto write_copy = [&](const std::string& bytes) {
    std::ofstream out(copy, std::ios::binary | std::ios::trunc);
    out << bytes;
  };
  for (int trial = 0; trial < 40; ++trial) {
    std::string damaged = data;
    const size_t at = rng() % data.size();
    if (trial % 2 == 0) {
      damaged.resize(at);  // torn
    } else {
      damaged[at] = static_cast<char>(damaged[at] ^ 0x20);  // a flipped bit
    }
    write_copy(damaged);
    const std::vector<std::string> got = ReadBlobs(copy);
    ASSERT_LE(got.size(), written.size());
    for (size_t i = 0; i < got.size(); ++i) ASSERT_TRUE(got[i] == written[i]) << trial << " " << i;
    // Only what lies wholly before the damage is read.
    EXPECT_LT(got.size(), written.size()) << trial;
  }
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
