#include "api/server/chunk_send.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace trailkeep::api {

Result<size_t> SendBefore(int fd, std::span<const std::string_view> parts, size_t offset,
                          std::chrono::steady_clock::time_point deadline) {
  size_t total = 0;
  for (std::string_view p : parts) total += p.size();
  std::vector<iovec> iov;
  iov.reserve(parts.size());
  while (offset < total) {
    // What is left from `offset` on.
    iov.clear();
    size_t skip = offset;
    for (std::string_view p : parts) {
      if (skip >= p.size()) {
        skip -= p.size();
        continue;
      }
      iov.push_back({const_cast<char*>(p.data() + skip), p.size() - skip});
      skip = 0;
    }
    msghdr msg{};
    msg.msg_iov = iov.data();
    msg.msg_iovlen = iov.size();
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
