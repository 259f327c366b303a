// SendBefore (api/server/chunk_send.h) over a real loopback TCP connection:
// the bytes of several parts from every offset, a reader that keeps up
// getting every byte, a stalled reader leaving the rest to the caller at the
// deadline (and the rest sent from that offset), and a closed peer as an
// error.
#include "api/server/chunk_send.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

namespace trailkeep::api {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A chunk's parts, framed as Beast frames it (size in hex, CRLF, data, CRLF).
struct Framed {
  explicit Framed(std::string_view data) : head(ToHex(data.size()) + "\r\n"), data(data) {}
  static std::string ToHex(size_t n) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%zx", n);
    return buf;
  }
  std::array<std::string_view, 3> parts() const { return {head, data, "\r\n"}; }
  std::string joined() const { return head + std::string(data) + "\r\n"; }
  size_t size() const { return head.size() + data.size() + 2; }

  std::string head;
  std::string_view data;
};

// A connected pair of loopback TCP sockets. `buffer_bytes` > 0 shrinks both
// ends' kernel buffers, so that a reader that does not read stalls the
// sender after a few hundred KiB.
class Connection {
 public:
  explicit Connection(int buffer_bytes = 0) {
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    EXPECT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&addr), len), 0);
    EXPECT_EQ(listen(listener, 1), 0);
    EXPECT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    reader_ = socket(AF_INET, SOCK_STREAM, 0);
    if (buffer_bytes > 0) {
      setsockopt(reader_, SOL_SOCKET, SO_RCVBUF, &buffer_bytes, sizeof buffer_bytes);
    }
    EXPECT_EQ(connect(reader_, reinterpret_cast<sockaddr*>(&addr), len), 0);
    sender_ = accept(listener, nullptr, nullptr);
    if (buffer_bytes > 0) {
      setsockopt(sender_, SOL_SOCKET, SO_SNDBUF, &buffer_bytes, sizeof buffer_bytes);
    }
    close(listener);
  }
  ~Connection() {
    if (reader_ >= 0) close(reader_);
    if (sender_ >= 0) close(sender_);
  }

  int sender() const { return sender_; }
  void CloseReader() {
    close(reader_);
    reader_ = -1;
  }

  // Reads exactly `n` bytes on a thread of its own; Take() joins it.
  void StartReading(size_t n) {
    thread_ = std::thread([this, n] {
      char buf[64 * 1024];
      while (received_.size() < n) {
        ssize_t got = read(reader_, buf, sizeof buf);
        if (got <= 0) break;
        received_.append(buf, static_cast<size_t>(got));
      }
    });
  }
  std::string Take() {
    thread_.join();
    return std::move(received_);
  }

 private:
  int reader_ = -1, sender_ = -1;
  std::thread thread_;
  std::string received_;
};

TEST(SendBefore, SendsTheRestOfThePartsFromAnyOffset) {
  const Framed chunk("hello world");
  EXPECT_EQ(chunk.joined(), "b\r\nhello world\r\n");
  for (size_t at = 0; at <= chunk.size(); ++at) {
    Connection c;
    c.StartReading(chunk.size() - at);
    Result<size_t> sent =
        SendBefore(c.sender(), chunk.parts(), at, steady_clock::now() + milliseconds(60'000));
    ASSERT_TRUE(sent.ok()) << sent.status().ToString();
    EXPECT_EQ(*sent, chunk.size());
    EXPECT_EQ(c.Take(), chunk.joined().substr(at)) << at;
  }
}

TEST(SendBefore, AReaderThatKeepsUpGetsEveryByte) {
  std::string data;
  for (int i = 0; data.size() < (8u << 20); ++i) data += "{\"id\":" + std::to_string(i) + "}\n";
  const Framed chunk(data);
  Connection c;
  c.StartReading(chunk.size());
  Result<size_t> sent =
      SendBefore(c.sender(), chunk.parts(), 0, steady_clock::now() + milliseconds(60'000));
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  EXPECT_EQ(*sent, chunk.size());
  EXPECT_EQ(c.Take(), chunk.joined());
}

TEST(SendBefore, AStalledReaderLeavesTheRestAtTheDeadline) {
  const std::string data(4 << 20, 'y');
  const Framed chunk(data);
  Connection c(/*buffer_bytes=*/64 << 10);
  // Nobody reads: the socket fills, and the send returns at its deadline
  // with part of the chunk sent.
  Result<size_t> sent =
      SendBefore(c.sender(), chunk.parts(), 0, steady_clock::now() + milliseconds(100));
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  EXPECT_GT(*sent, 0u);
  EXPECT_LT(*sent, chunk.size());
  // A deadline already past sends what fits at once and returns.
  Result<size_t> again = SendBefore(c.sender(), chunk.parts(), *sent, steady_clock::now());
  ASSERT_TRUE(again.ok());
  EXPECT_GE(*again, *sent);
  EXPECT_LT(*again, chunk.size());
  // The rest, from that offset, once the reader reads: the whole chunk once.
  c.StartReading(chunk.size());
  Result<size_t> rest =
      SendBefore(c.sender(), chunk.parts(), *again, steady_clock::now() + milliseconds(60'000));
  ASSERT_TRUE(rest.ok()) << rest.status().ToString();
  EXPECT_EQ(*rest, chunk.size());
  EXPECT_EQ(c.Take(), chunk.joined());
}

TEST(SendBefore, AClosedPeerIsAnErrorNotASignal) {
  const std::string data(4 << 20, 'z');
  const Framed chunk(data);
  Connection c;
  c.CloseReader();
  // The first bytes may be taken before the peer's reset arrives; a later
  // send in the same call fails (EPIPE or ECONNRESET), without SIGPIPE.
  Result<size_t> sent =
      SendBefore(c.sender(), chunk.parts(), 0, steady_clock::now() + milliseconds(60'000));
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace trailkeep::api
