#include "api/server/chunk_send.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace trailkeep::api {

Chunk::Chunk(std::string_view data) : data_(data) {
  assert(!data.empty());
  const int n = std::snprintf(head_, sizeof head_, "%zx\r\n", data.size());
  head_size_ = static_cast<size_t>(n);
}

std::array<std::string_view, 3> Chunk::From(size_t offset) const {
  assert(offset <= size());
  std::array<std::string_view, 3> parts = {std::string_view(head_, head_size_), data_, "\r\n"};
  for (std::string_view& p : parts) {
    const size_t skip = std::min(offset, p.size());
    p.remove_prefix(skip);
    offset -= skip;
  }
  return parts;
}

Result<size_t> SendChunkBefore(int fd, const Chunk& chunk, size_t offset,
                               std::chrono::steady_clock::time_point deadline) {
  while (offset < chunk.size()) {
    const std::array<std::string_view, 3> parts = chunk.From(offset);
    iovec iov[3];
    size_t n_iov = 0;
    for (std::string_view p : parts) {
      if (!p.empty()) iov[n_iov++] = {const_cast<char*>(p.data()), p.size()};
    }
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = n_iov;
    const ssize_t sent = ::sendmsg(fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (sent > 0) {
      offset += static_cast<size_t>(sent);
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
      return Unavailable(std::string("send failed: ") + std::strerror(errno));
    }
    // Full: wait for room until the deadline.
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLOUT, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) {
      return Unavailable(std::string("poll failed: ") + std::strerror(errno));
    }
    // POLLERR or POLLHUP: the next send reports the error.
  }
  return offset;
}

}  // namespace trailkeep::api
