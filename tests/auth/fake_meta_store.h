// An in-memory MetaStore for auth tests, with a switch to make every call fail.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "store/meta_store.h"

namespace trailkeep::auth::testing {

class FakeMetaStore final : public store::MetaStore {
 public:
  Result<std::optional<std::string>> Get(std::string_view key) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_) return Unavailable("meta store down");
    auto it = data_.find(std::string(key));
    if (it == data_.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }

  Status Put(std::string_view key, std::string_view value) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_) return Unavailable("meta store down");
    data_[std::string(key)] = std::string(value);
    return Status::Ok();
  }

  Status Delete(std::string_view key) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_) return Unavailable("meta store down");
    data_.erase(std::string(key));
    return Status::Ok();
  }

  Status List(std::string_view prefix,
              const std::function<void(std::string_view, std::string_view)>& fn) override {
    std::map<std::string, std::string> copy;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (fail_) return Unavailable("meta store down");
      copy = data_;
    }
    for (auto it = copy.lower_bound(std::string(prefix));
         it != copy.end() && it->first.starts_with(prefix); ++it) {
      fn(it->first, it->second);
    }
    return Status::Ok();
  }

  // A copy of every key and value.
  std::map<std::string, std::string> Snapshot() {
    std::lock_guard<std::mutex> lock(mu_);
    return data_;
  }
  void SetRaw(const std::string& key, const std::string& value) {
    std::lock_guard<std::mutex> lock(mu_);
    data_[key] = value;
  }
  void SetFailing(bool fail) {
    std::lock_guard<std::mutex> lock(mu_);
    fail_ = fail;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> data_;
  bool fail_ = false;
};

}  // namespace trailkeep::auth::testing
