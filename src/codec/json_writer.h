// JsonWriter: a fast append-only JSON text builder for responses.
//
//   JsonWriter w;
//   w.BeginObject(); w.Key("ids"); w.BeginArray(); w.Uint(1); w.EndArray(); w.EndObject();
//   w.str() == R"({"ids":[1]})"
//
// Commas are inserted automatically. Not validating: callers nest correctly.
// Thread safety: one writer per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trailkeep::codec {

class JsonWriter {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view k);
  void String(std::string_view s);
  void Int(int64_t v);
  void Uint(uint64_t v);
  void Double(double v);
  void Bool(bool v);
  void Null();
  // Inserts already-serialized JSON (e.g. canonical event bytes) as a value.
  void Raw(std::string_view json);

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }
  void Clear();

 private:
  void Separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// Appends `s` as a JSON string literal (with quotes) to `out`.
void AppendJsonString(std::string_view s, std::string* out);

// The most bytes WriteJsonString writes for a string of `n` bytes (each
// byte escaped as \u00XX, and the quotes).
constexpr size_t JsonStringMaxBytes(size_t n) { return 6 * n + 2; }
// Writes what AppendJsonString appends at `out`, which has room for
// JsonStringMaxBytes(s.size()) bytes; returns the end of what it wrote.
char* WriteJsonString(std::string_view s, char* out);

}  // namespace trailkeep::codec
