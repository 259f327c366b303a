#include "query/filter.h"

#include <utility>

namespace trailkeep::query {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == ':' || c == '-';
}

// A single-pass recursive-descent parser over `text_`; `pos_` is the next
// unread byte.
class FilterParser {
 public:
  explicit FilterParser(std::string_view text) : text_(text) {}

  Result<std::vector<Criterion>> Parse() {
    std::vector<Criterion> criteria;
    if (text_.empty()) return criteria;
    while (true) {
      Criterion c;
      TK_RETURN_IF_ERROR(ParseCriterion(&c));
      criteria.push_back(std::move(c));
      if (AtEnd()) return criteria;
      if (Peek() != ',') {
        return Error(Peek() == ')' ? "unbalanced ')'" : "expected ',' or end of filter");
      }
      ++pos_;
    }
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }

  Status ErrorAt(size_t pos, std::string_view what) const {
    std::string found = "end of filter";
    if (pos < text_.size()) {
      found.assign(1, '\'');
      found.push_back(text_[pos]);
      found.push_back('\'');
    }
    return InvalidArgument("invalid filter: " + std::string(what) + " at position " +
                           std::to_string(pos) + " (found " + found + ")");
  }
  Status Error(std::string_view what) const { return ErrorAt(pos_, what); }

  Status ParseCriterion(Criterion* c) {
    size_t start = pos_;
    while (!AtEnd() && IsNameChar(Peek())) ++pos_;
    if (pos_ == start) return Error("expected a criterion name ([A-Za-z0-9_.:-]+)");
    c->name = std::string(text_.substr(start, pos_ - start));
    if (AtEnd() || Peek() != '(') return Error("expected '(' after criterion name");
    ++pos_;
    if (!AtEnd() && Peek() == ')') return Error("empty value list");
    while (true) {
      std::string value;
      TK_RETURN_IF_ERROR(ParseValue(&value));
      c->values.push_back(std::move(value));
      if (AtEnd()) return Error("unbalanced '(': expected ',' or ')'");
      if (Peek() == ')') {
        ++pos_;
        return Status::Ok();
      }
      if (Peek() != ',') return Error("expected ',' or ')' after value");
      ++pos_;
    }
  }

  Status ParseValue(std::string* value) {
    if (AtEnd()) return Error("unbalanced '(': expected a value");
    if (Peek() == '"') return ParseQuoted(value);
    size_t start = pos_;
    while (!AtEnd() && Peek() != ',' && Peek() != ')') {
      if (Peek() == '"') return Error("'\"' inside an unquoted value (quote the whole value)");
      if (Peek() == '(') return Error("'(' inside an unquoted value (quote the value)");
      ++pos_;
    }
    if (pos_ == start) return Error("empty value");
    *value = std::string(text_.substr(start, pos_ - start));
    return Status::Ok();
  }

  Status ParseQuoted(std::string* value) {
    size_t open = pos_++;
    while (!AtEnd()) {
      char ch = Peek();
      if (ch == '"') {
        ++pos_;
        return Status::Ok();
      }
      if (ch == '~') {
        if (pos_ + 1 >= text_.size()) break;
        char next = text_[pos_ + 1];
        if (next != '~' && next != '"') {
          return Error("bad escape: '~' must be followed by '~' or '\"'");
        }
        value->push_back(next);
        pos_ += 2;
        continue;
      }
      value->push_back(ch);
      ++pos_;
    }
    return ErrorAt(open, "unterminated quoted value starting");
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::vector<Criterion>> ParseFilter(std::string_view text) {
  return FilterParser(text).Parse();
}

std::string FormatFilter(const std::vector<Criterion>& criteria) {
  std::string out;
  for (size_t i = 0; i < criteria.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(criteria[i].name);
    out.push_back('(');
    for (size_t j = 0; j < criteria[i].values.size(); ++j) {
      if (j > 0) out.push_back(',');
      out.push_back('"');
      for (char ch : criteria[i].values[j]) {
        if (ch == '~' || ch == '"') out.push_back('~');
        out.push_back(ch);
      }
      out.push_back('"');
    }
    out.push_back(')');
  }
  return out;
}

}  // namespace trailkeep::query
