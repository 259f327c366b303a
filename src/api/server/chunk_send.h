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
// The bytes are the caller's (Beast frames the chunk); POSIX sockets only
// here.
#pragma once

#include <chrono>
#include <cstddef>
#include <span>
#include <string_view>

#include "base/status.h"

namespace trailkeep::api {

// Sends the bytes of `parts`, one after another, from byte `offset` of
// them on, to the stream socket `fd`, without blocking in the send itself
// (MSG_DONTWAIT, and MSG_NOSIGNAL: a closed peer is an error, not a
// signal), waiting in poll(2) for room when the socket is full, until all
// of them are sent or `deadline` passes. Returns the new offset: the parts'
// total size when all was sent, less at the deadline. Fails (kUnavailable)
// when the connection does: reset, closed, or an error on the socket.
// REQUIRES: offset <= the parts' total size; at most IOV_MAX parts.
Result<size_t> SendBefore(int fd, std::span<const std::string_view> parts, size_t offset,
                          std::chrono::steady_clock::time_point deadline);

}  // namespace trailkeep::api
