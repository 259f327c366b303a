// WAL files written with O_DIRECT (direct_wal.h): the bytes appended, in
// order, at every flush; the page of padding cut off at a clean close; a
// directory copied while open (a crash image) recovered by RocksDB and read
// by ReadWalBatches; every other file RocksDB's own.
#include "store/rocksdb/direct_wal.h"

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>
#include <rocksdb/write_batch.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "store/rocksdb/wal_file.h"
#include "store/store_test_util.h"

namespace trailkeep::store::rocksdb_store {
namespace {

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Whether the file is one of DirectWalEnv's O_DIRECT files: the count of
// those grew when it was opened. Where the temp directory's file system
// refuses O_DIRECT the file is RocksDB's own, and the tests below check
// what holds for both.
struct Opened {
  std::unique_ptr<rocksdb::FSWritableFile> file;
  bool direct = false;
};

Opened OpenWal(const std::string& path) {
  const DirectWalFiles before = DirectWalFilesOpened();
  Opened o;
  rocksdb::IOStatus s = DirectWalEnv()->GetFileSystem()->NewWritableFile(
      path, rocksdb::FileOptions(), &o.file, nullptr);
  EXPECT_TRUE(s.ok()) << s.ToString();
  const DirectWalFiles after = DirectWalFilesOpened();
  o.direct = after.direct == before.direct + 1;
  EXPECT_EQ(after.direct + after.buffered, before.direct + before.buffered + 1);
  return o;
}

TEST(DirectWalTest, HoldsWhatWasAppendedAtEveryFlushAndExactlyThatAfterClose) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path());
  const std::string path = dir.path() + "/000007.log";
  Opened wal = OpenWal(path);
  ASSERT_NE(wal.file, nullptr);
  std::mt19937_64 rng(5);
  std::string appended;
  const rocksdb::IOOptions io;
  // Sizes around a page, and one past the 1 MiB buffer.
  for (size_t size : {1, 4095, 1, 4096, 5000, 3, 1'500'000, 7, 8192, 100}) {
    std::string chunk(size, '\0');
    for (char& c : chunk) c = static_cast<char>(rng() | 1);  // never 0, so padding shows
    ASSERT_TRUE(wal.file->Append(chunk, io, nullptr).ok());
    appended += chunk;
    ASSERT_TRUE(wal.file->Flush(io, nullptr).ok());
    ASSERT_TRUE(wal.file->Sync(io, nullptr).ok());
    EXPECT_EQ(wal.file->GetFileSize(io, nullptr), appended.size());
    const std::string on_disk = FileBytes(path);
    ASSERT_GE(on_disk.size(), appended.size());
    ASSERT_TRUE(on_disk.compare(0, appended.size(), appended) == 0) << "after " << size;
    // Past the bytes: less than a page of zeros, and none when not direct.
    const std::string tail = on_disk.substr(appended.size());
    EXPECT_EQ(tail, std::string(tail.size(), '\0'));
    EXPECT_LT(tail.size(), 4096u);
    if (wal.direct) {
      EXPECT_EQ(on_disk.size() % 4096, 0u);
    } else {
      EXPECT_TRUE(tail.empty());
    }
  }
  ASSERT_TRUE(wal.file->Close(io, nullptr).ok());
  EXPECT_TRUE(FileBytes(path) == appended);
}

TEST(DirectWalTest, OtherFilesAreRocksDbsOwn) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path());
  const DirectWalFiles before = DirectWalFilesOpened();
  for (const char* name : {"000009.sst", "LOG", "MANIFEST-000004", "x.log", "000010.log.tmp"}) {
    std::unique_ptr<rocksdb::FSWritableFile> file;
    ASSERT_TRUE(DirectWalEnv()
                    ->GetFileSystem()
                    ->NewWritableFile(dir.path() + "/" + name, rocksdb::FileOptions(), &file,
                                      nullptr)
                    .ok());
    ASSERT_TRUE(file->Append("abc", rocksdb::IOOptions(), nullptr).ok());
    ASSERT_TRUE(file->Close(rocksdb::IOOptions(), nullptr).ok());
    EXPECT_EQ(FileBytes(dir.path() + "/" + name), "abc");
  }
  const DirectWalFiles after = DirectWalFilesOpened();
  EXPECT_EQ(after.direct, before.direct);
  EXPECT_EQ(after.buffered, before.buffered);
}

// The log data of each batch in a WAL file.
std::vector<std::string> LogDataIn(const std::string& path) {
  struct Handler : rocksdb::WriteBatch::Handler {
    void LogData(const rocksdb::Slice& blob) override { blobs.push_back(blob.ToString()); }
    rocksdb::Status PutCF(uint32_t, const rocksdb::Slice&, const rocksdb::Slice&) override {
      return rocksdb::Status::OK();
    }
    std::vector<std::string> blobs;
  } h;
  const Status s = ReadWalBatches(path, [&](std::string_view batch) {
    rocksdb::WriteBatch b{std::string(batch)};
    EXPECT_TRUE(b.Iterate(&h).ok());
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return h.blobs;
}

TEST(DirectWalTest, ACrashImageRecoversEverySyncedWrite) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path());
  const std::string live = dir.path() + "/live";
  const std::string image = dir.path() + "/image";
  rocksdb::Options o;
  o.create_if_missing = true;
  o.env = DirectWalEnv();
  const DirectWalFiles before = DirectWalFilesOpened();
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(o, live, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  const bool direct = DirectWalFilesOpened().direct > before.direct;
  std::mt19937_64 rng(9);
  std::vector<std::string> blobs;
  rocksdb::WriteOptions wo;
  wo.sync = true;
  for (int i = 0; i < 40; ++i) {
    // Small ones, and ones over a 32 KiB log block (fragments).
    std::string blob(i % 4 == 0 ? rng() % 90'000 : rng() % 300, '\0');
    for (char& c : blob) c = static_cast<char>(rng());
    rocksdb::WriteBatch b;
    ASSERT_TRUE(b.Put("k" + std::to_string(i), std::to_string(i * i)).ok());
    ASSERT_TRUE(b.PutLogData(blob).ok());
    ASSERT_TRUE(db->Write(wo, &b).ok());
    blobs.push_back(std::move(blob));
  }
  // While open, as a crash would leave it: the live WAL ends in padding.
  std::filesystem::copy(live, image);
  rocksdb::VectorLogPtr files;
  ASSERT_TRUE(db->GetSortedWalFiles(files).ok());
  ASSERT_EQ(files.size(), 1u);
  const std::string wal = image + files[0]->PathName();
  if (direct) {
    EXPECT_EQ(std::filesystem::file_size(wal) % 4096, 0u);
  }
  EXPECT_TRUE(LogDataIn(wal) == blobs);

  rocksdb::DB* recovered_raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(o, image, &recovered_raw).ok());
  std::unique_ptr<rocksdb::DB> recovered(recovered_raw);
  for (int i = 0; i < 40; ++i) {
    std::string value;
    ASSERT_TRUE(recovered->Get(rocksdb::ReadOptions(), "k" + std::to_string(i), &value).ok()) << i;
    EXPECT_EQ(value, std::to_string(i * i));
  }
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
