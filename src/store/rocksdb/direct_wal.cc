#include "store/rocksdb/direct_wal.h"

#include <fcntl.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace trailkeep::store::rocksdb_store {
namespace {

// O_DIRECT wants offsets, lengths and memory aligned to the device's
// logical block; a page is a multiple of every common one.
constexpr size_t kAlign = 4096;
// Whole pages are written out once this much is buffered, so one large
// append does not grow the buffer; a group's Flush writes the rest.
constexpr size_t kBufferBytes = 1u << 20;

std::atomic<uint64_t> direct_files{0};
std::atomic<uint64_t> buffered_files{0};

rocksdb::IOStatus Errno(const char* what, const std::string& path, int err) {
  return rocksdb::IOStatus::IOError(std::string(what) + " " + path, std::strerror(err));
}

// "000123.log": RocksDB's name for a WAL file (db/filename.cc).
bool IsWalName(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string_view name =
      std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1);
  constexpr std::string_view kSuffix = ".log";
  if (name.size() <= kSuffix.size() || !name.ends_with(kSuffix)) return false;
  const std::string_view number = name.substr(0, name.size() - kSuffix.size());
  return std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One WAL file written with O_DIRECT. The buffer holds the file's bytes from
// `base_` (a multiple of kAlign) on: what is not yet written, and the
// partial last page that was written padded and will be written again.
// Append and Flush are the log writer's (one thread); Sync only syncs the
// descriptor, so RocksDB may call it from another thread meanwhile.
class DirectWalFile final : public rocksdb::FSWritableFile {
 public:
  DirectWalFile(int fd, std::string path, char* buffer)
      : fd_(fd), path_(std::move(path)), buf_(buffer) {}

  ~DirectWalFile() override {
    if (fd_ >= 0) Close(rocksdb::IOOptions(), nullptr).PermitUncheckedError();
    std::free(buf_);
  }

  using rocksdb::FSWritableFile::Append;
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions&,
                           rocksdb::IODebugContext*) override {
    const char* src = data.data();
    size_t left = data.size();
    while (left > 0) {
      const size_t n = std::min(left, kBufferBytes - len_);
      std::memcpy(buf_ + len_, src, n);
      len_ += n;
      src += n;
      left -= n;
      if (len_ == kBufferBytes) {
        if (rocksdb::IOStatus s = WriteOut(); !s.ok()) return s;
      }
    }
    return rocksdb::IOStatus::OK();
  }

  rocksdb::IOStatus Flush(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    return len_ > written_ ? WriteOut() : rocksdb::IOStatus::OK();
  }

  rocksdb::IOStatus Sync(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    if (::fdatasync(fd_) != 0) return Errno("fdatasync", path_, errno);
    return rocksdb::IOStatus::OK();
  }

  rocksdb::IOStatus Fsync(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    if (::fsync(fd_) != 0) return Errno("fsync", path_, errno);
    return rocksdb::IOStatus::OK();
  }

  bool IsSyncThreadSafe() const override { return true; }

  uint64_t GetFileSize(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    return base_ + len_;
  }

  // Only to the current size: the log writer never cuts a WAL shorter.
  rocksdb::IOStatus Truncate(uint64_t size, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override {
    if (size != base_ + len_) return rocksdb::IOStatus::NotSupported("truncating a WAL file");
    return Flush(options, dbg);
  }

  // Writes what is buffered and cuts the page of padding off the end.
  rocksdb::IOStatus Close(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    if (fd_ < 0) return rocksdb::IOStatus::OK();
    rocksdb::IOStatus s = Flush(options, dbg);
    if (s.ok() && ::ftruncate(fd_, static_cast<off_t>(base_ + len_)) != 0) {
      s = Errno("ftruncate", path_, errno);
    }
    if (::close(fd_) != 0 && s.ok()) s = Errno("close", path_, errno);
    fd_ = -1;
    return s;
  }

  // Nothing of the file is cached, so there is nothing to write back early
  // or drop.
  rocksdb::IOStatus RangeSync(uint64_t, uint64_t, const rocksdb::IOOptions&,
                              rocksdb::IODebugContext*) override {
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus InvalidateCache(size_t, size_t) override { return rocksdb::IOStatus::OK(); }

 private:
  // Writes the buffer, its last partial page padded with zeros, at base_,
  // then keeps only that partial page.
  rocksdb::IOStatus WriteOut() {
    const size_t whole = len_ / kAlign * kAlign;
    const size_t padded = (len_ + kAlign - 1) / kAlign * kAlign;
    std::memset(buf_ + len_, 0, padded - len_);
    for (size_t done = 0; done < padded;) {
      const ssize_t n = ::pwrite(fd_, buf_ + done, padded - done, static_cast<off_t>(base_ + done));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Errno("pwrite", path_, errno);
      // A short O_DIRECT write ends on a block boundary; write the rest.
      if (n == 0 || n % kAlign != 0) return Errno("pwrite (short)", path_, EIO);
      done += static_cast<size_t>(n);
    }
    std::memmove(buf_, buf_ + whole, len_ - whole);
    base_ += whole;
    len_ -= whole;
    written_ = len_;
    return rocksdb::IOStatus::OK();
  }

  int fd_;
  const std::string path_;
  char* const buf_;     // kBufferBytes, aligned to kAlign
  uint64_t base_ = 0;   // the file offset of buf_[0]
  size_t len_ = 0;      // bytes in buf_
  size_t written_ = 0;  // of those, already in the file
};

class DirectWalFileSystem final : public rocksdb::FileSystemWrapper {
 public:
  explicit DirectWalFileSystem(const std::shared_ptr<rocksdb::FileSystem>& base)
      : rocksdb::FileSystemWrapper(base) {}

  const char* Name() const override { return "TrailkeepDirectWal"; }

  rocksdb::IOStatus NewWritableFile(const std::string& path, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override {
    if (!IsWalName(path)) return target()->NewWritableFile(path, options, result, dbg);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EINVAL) {
      buffered_files.fetch_add(1, std::memory_order_relaxed);
      return target()->NewWritableFile(path, options, result, dbg);
    }
    if (fd < 0) return Errno("open", path, errno);
    void* buffer = nullptr;
    if (::posix_memalign(&buffer, kAlign, kBufferBytes) != 0) {
      ::close(fd);
      return rocksdb::IOStatus::NoSpace("no memory for a WAL buffer");
    }
    direct_files.fetch_add(1, std::memory_order_relaxed);
    *result = std::make_unique<DirectWalFile>(fd, path, static_cast<char*>(buffer));
    return rocksdb::IOStatus::OK();
  }
};

}  // namespace

rocksdb::Env* DirectWalEnv() {
  static rocksdb::Env* const env =
      rocksdb::NewCompositeEnv(std::make_shared<DirectWalFileSystem>(rocksdb::FileSystem::Default()))
          .release();
  return env;
}

DirectWalFiles DirectWalFilesOpened() {
  return {direct_files.load(std::memory_order_relaxed),
          buffered_files.load(std::memory_order_relaxed)};
}

}  // namespace trailkeep::store::rocksdb_store
