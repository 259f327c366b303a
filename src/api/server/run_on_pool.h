// RunOnPool: from a coroutine, run a blocking function on a thread pool and
// resume on the coroutine's own executor (its strand) with the result.
#pragma once

#include <type_traits>

#include "api/server/beast.h"

namespace trailkeep::api {

template <typename F>
net::awaitable<std::invoke_result_t<F&>> RunOnPool(net::thread_pool& pool, F f) {
  using R = std::invoke_result_t<F&>;
  co_return co_await net::async_initiate<const net::use_awaitable_t<>&, void(R)>(
      [&pool, f = std::move(f)](auto handler) mutable {
        net::post(pool, [f = std::move(f), handler = std::move(handler)]() mutable {
          R result = f();
          auto ex = net::get_associated_executor(handler);
          net::dispatch(ex, [handler = std::move(handler), result = std::move(result)]() mutable {
            handler(std::move(result));
          });
        });
      },
      net::use_awaitable);
}

}  // namespace trailkeep::api
