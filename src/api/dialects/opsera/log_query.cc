#include "api/dialects/opsera/log_query.h"

#include <algorithm>
#include <optional>
#include <string>

#include "api/dialects/opsera/param_values.h"

namespace trailkeep::api::dialects::opsera {
namespace {

constexpr int64_t kWeekMs = 7 * kDayMs;
constexpr int64_t kMaxMs = std::numeric_limits<int64_t>::max();

// The parameter's value, nullopt when absent or empty.
std::optional<std::string_view> Value(const Request& request, std::string_view name) {
  std::optional<std::string_view> v = request.Param(name);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

Result<std::optional<int64_t>> DayParam(const Request& request, std::string_view name) {
  std::optional<std::string_view> v = Value(request, name);
  if (!v) return std::optional<int64_t>();
  std::optional<int64_t> day = ParseDay(*v);
  if (!day) return InvalidArgument("Invalid " + std::string(name) + ": expected YYYY-MM-DD");
  return day;
}

void AddEquals(LogQuery* q, model::IndexedField field, std::string_view value) {
  q->selection.Add({query::FieldRef::Of(field), query::Condition::Op::kEquals, {std::string(value)}});
}

LogQuery ForKind(const RecordShape& shape) {
  LogQuery q;
  AddEquals(&q, model::IndexedField::kKind, shape.kind);
  return q;
}

// An optional equality filter from a parameter.
void FilterParam(const Request& request, std::string_view name, model::IndexedField field,
                 LogQuery* q) {
  if (std::optional<std::string_view> v = Value(request, name)) AddEquals(q, field, *v);
}

void LastSevenDays(int64_t now_ms, LogQuery* q) {
  q->from = model::TimeMs{SaturatingSub(now_ms, kWeekMs)};
  q->to = model::TimeMs{now_ms == kMaxMs ? kMaxMs : now_ms + 1};
}

Result<size_t> CountParam(const Request& request) {
  std::optional<std::string_view> v = Value(request, "count");
  if (!v) return kMaxRecords;
  std::optional<uint64_t> n = ParseDigits(*v);
  if (!n || *n == 0) return InvalidArgument("Invalid count: expected a positive integer");
  return static_cast<size_t>(std::min<uint64_t>(*n, kMaxRecords));
}

// The instant of a v2 date parameter and its optional time parameter.
// `end`: without a time, the end of the day (exclusive bound); with one, the
// instant itself included (bound = instant + 1 ms).
Result<std::optional<int64_t>> V2Bound(const Request& request, std::string_view date_name,
                                       std::string_view time_name, bool end) {
  std::optional<std::string_view> time = Value(request, time_name);
  TK_ASSIGN_OR_RETURN(std::optional<int64_t> day, DayParam(request, date_name));
  if (time && !day) {
    return FailedPrecondition(std::string(time_name) + " requires " + std::string(date_name));
  }
  if (!day) return std::optional<int64_t>();
  if (!time) return std::optional<int64_t>(end ? *day + kDayMs : *day);
  std::optional<int64_t> clock = ParseClock(*time);
  if (!clock) return InvalidArgument("Invalid " + std::string(time_name) + ": expected HH:MM or HH:MM:SS");
  return std::optional<int64_t>(*day + *clock + (end ? 1 : 0));
}

}  // namespace

Result<LogQuery> ParseV1Query(const Request& request, int64_t now_ms, const RecordShape& shape,
                              DefaultWindow when_absent) {
  LogQuery q = ForKind(shape);
  TK_ASSIGN_OR_RETURN(std::optional<int64_t> date, DayParam(request, "date"));
  TK_ASSIGN_OR_RETURN(std::optional<int64_t> start, DayParam(request, "start"));
  TK_ASSIGN_OR_RETURN(std::optional<int64_t> end, DayParam(request, "end"));
  std::optional<int64_t> range;
  if (std::optional<std::string_view> v = Value(request, "range")) {
    range = ParseRange(*v);
    if (!range) return InvalidArgument("Invalid range: expected <integer><s|m|h|d|w>, e.g. 3d");
  }
  if (start && end && *start > *end) return InvalidArgument("Invalid start: after end");
  TK_ASSIGN_OR_RETURN(q.limit, CountParam(request));

  if (date) {
    q.from = model::TimeMs{*date};
    q.to = model::TimeMs{*date + kDayMs};
  } else if (start || end) {
    if (start) q.from = model::TimeMs{*start};
    q.to = model::TimeMs{end ? *end + kDayMs : (now_ms == kMaxMs ? kMaxMs : now_ms + 1)};
  } else if (range) {
    q.from = model::TimeMs{SaturatingSub(now_ms, *range)};
    q.to = model::TimeMs{now_ms == kMaxMs ? kMaxMs : now_ms + 1};
  } else if (when_absent == DefaultWindow::kLastSevenDays) {
    LastSevenDays(now_ms, &q);
  }
  FilterParam(request, "type", model::IndexedField::kCategory, &q);
  return q;
}

Result<LogQuery> ParseTokenQuery(const Request& request, int64_t now_ms) {
  LogQuery q = ForKind(TokenUseShape());
  TK_ASSIGN_OR_RETURN(std::optional<int64_t> date, DayParam(request, "date"));
  if (date) {
    q.from = model::TimeMs{*date};
    q.to = model::TimeMs{*date + kDayMs};
  } else {
    LastSevenDays(now_ms, &q);
  }
  FilterParam(request, "scope", model::IndexedField::kCategory, &q);
  return q;
}

Result<LogQuery> ParseV2Query(const Request& request) {
  LogQuery q = ForKind(UserActionShape());
  TK_ASSIGN_OR_RETURN(std::optional<int64_t> from, V2Bound(request, "start_date", "start_time", false));
  TK_ASSIGN_OR_RETURN(std::optional<int64_t> to, V2Bound(request, "end_date", "end_time", true));
  if (from && to && *from >= *to) return InvalidArgument("Invalid start_date: after end_date");
  if (from) q.from = model::TimeMs{*from};
  if (to) q.to = model::TimeMs{*to};

  uint64_t page = 1;
  if (std::optional<std::string_view> v = Value(request, "page")) {
    std::optional<uint64_t> n = ParseDigits(*v);
    if (!n || *n == 0) return InvalidArgument("Invalid page: expected an integer starting from 1");
    page = *n;
  }
  q.limit = kDefaultPageSize;
  if (std::optional<std::string_view> v = Value(request, "page_size")) {
    std::optional<uint64_t> n = ParseDigits(*v);
    if (!n || *n == 0 || *n > kMaxRecords) {
      return InvalidArgument("Invalid page_size: expected an integer from 1 to 1000");
    }
    q.limit = static_cast<size_t>(*n);
  }
  uint64_t pages_before = page - 1;
  q.skip = pages_before > std::numeric_limits<uint64_t>::max() / q.limit
               ? std::numeric_limits<uint64_t>::max()
               : pages_before * q.limit;

  if (std::optional<std::string_view> v = Value(request, "user_id"); v && !IsObjectId(*v)) {
    return InvalidArgument("Invalid user_id: expected a 24-character hex ObjectId");
  }
  FilterParam(request, "action", model::IndexedField::kAction, &q);
  FilterParam(request, "type", model::IndexedField::kCategory, &q);
  FilterParam(request, "user_id", model::IndexedField::kActorId, &q);
  FilterParam(request, "user_email", model::IndexedField::kActorEmail, &q);
  FilterParam(request, "target_id", model::IndexedField::kEntityId, &q);
  return q;
}

}  // namespace trailkeep::api::dialects::opsera
