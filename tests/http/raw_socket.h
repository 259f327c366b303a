// A raw TCP connection to a test server, for exchanges the HTTP client
// cannot express: interim 100 responses, oversized or malformed requests.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string>
#include <thread>

namespace trailkeep::testing {

class RawSocket {
 public:
  explicit RawSocket(uint16_t port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      close(fd_);
      fd_ = -1;
      return;
    }
    timeval tv{10, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  }
  ~RawSocket() {
    if (fd_ >= 0) close(fd_);
  }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  bool connected() const { return fd_ >= 0; }

  // Sends all of `data`; false when the peer stopped accepting it.
  bool Send(const std::string& data) {
    size_t off = 0;
    while (off < data.size()) {
      ssize_t n = send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<size_t>(n);
    }
    return true;
  }

  // Reads until `received()` contains `marker`, the peer closes, or an error
  // or the receive timeout. True when the marker was seen.
  bool ReadUntil(const std::string& marker) {
    char buf[8192];
    while (in_.find(marker) == std::string::npos) {
      ssize_t n = recv(fd_, buf, sizeof(buf), 0);
      if (n <= 0) return false;
      in_.append(buf, static_cast<size_t>(n));
    }
    return true;
  }

  // Reads until the peer closes the connection (true; a reset counts as
  // closed) or the receive timeout (false).
  bool ReadToClose() {
    char buf[8192];
    for (;;) {
      ssize_t n = recv(fd_, buf, sizeof(buf), 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
      in_.append(buf, static_cast<size_t>(n));
    }
  }

  const std::string& received() const { return in_; }

 private:
  int fd_ = -1;
  std::string in_;
};

// Sends `request` while concurrently reading the answer, so that a server
// that answers early (413, 431) and closes is heard even though the rest of
// the request could not be delivered. Returns everything read until close.
struct EarlyAnswer {
  std::string received;
  bool closed = false;  // the server closed the connection
};
inline EarlyAnswer SendReadingConcurrently(uint16_t port, const std::string& request) {
  RawSocket s(port);
  EarlyAnswer out;
  if (!s.connected()) return out;
  std::thread writer([&] { (void)s.Send(request); });
  out.closed = s.ReadToClose();
  // Unblock the writer if it is still sending into a dead connection.
  writer.join();
  out.received = s.received();
  return out;
}

}  // namespace trailkeep::testing
