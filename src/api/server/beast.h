// The one header that pulls in Boost.Beast/Asio, for api/server/ only.
#pragma once

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without it.

#include <boost/asio.hpp>
#include <boost/beast.hpp>

namespace trailkeep::api {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
}  // namespace trailkeep::api
