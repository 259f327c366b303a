// Sending one chunk of a chunked response body straight from a pool thread
// (HttpServer's WriteStream), for as long as the reader keeps up.
//
// Written through the io_context, each piece of an export went out in
// ~64 KiB writes, each followed by a trip through epoll, the reactor and
// the connection's strand on the io threads: ~3.6k such rounds per 230 MB.
// A pool thread that writes and, when the socket is full, sleeps in poll(2)
// until there is room makes a third of the context switches, and the
// server used 13% less CPU per exported event (docs/storage.md, "Exports").
// A thread must not wait long on one slow reader, so the send stops at a
// deadline and the caller writes the rest through the io_context.
//
// POSIX sockets only; no Beast here.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <string_view>

#include "base/status.h"

namespace trailkeep::api {

// One chunk in HTTP/1.1 chunked transfer coding: the data's size in hex and
// CRLF, the data, CRLF. Views `data`, which must outlive it.
// REQUIRES: data is not empty (an empty chunk is the body's end).
class Chunk {
 public:
  explicit Chunk(std::string_view data);

  // Bytes of the whole framed chunk.
  size_t size() const { return head_size_ + data_.size() + 2; }
  // The framed bytes from `offset` on, as the size line's rest, the data's
  // rest and the final CRLF's rest (any of them may be empty).
  // REQUIRES: offset <= size().
  std::array<std::string_view, 3> From(size_t offset) const;

 private:
  char head_[24];
  size_t head_size_ = 0;
  std::string_view data_;
};

// Sends `chunk` from `offset` on to the stream socket `fd` without blocking
// in the send itself (MSG_DONTWAIT, and MSG_NOSIGNAL: a closed peer is an
// error, not a signal), waiting in poll(2) for room when the socket is full,
// until all of it is sent or `deadline` passes. Returns the new offset:
// chunk.size() when all was sent, less at the deadline. Fails (kUnavailable)
// when the connection does: reset, closed, or an error on the socket.
Result<size_t> SendChunkBefore(int fd, const Chunk& chunk, size_t offset,
                               std::chrono::steady_clock::time_point deadline);

}  // namespace trailkeep::api
