#include "export/export_stream.h"

#include <algorithm>
#include <system_error>
#include <utility>

#include "export/csv_row.h"

namespace trailkeep::exporter {
namespace {

// A read-ahead range aims at this share of a piece; it may run on to a
// whole piece (bursts of one tenant's batches make the bytes per id uneven)
// before the rest of it is left to the next range.
constexpr double kRangeShare = 0.5;

// Bytes reserved past a scan's budget for the event that crosses it
// (larger events are rare: the string then grows as usual).
constexpr size_t kEventSlack = 64u << 10;

// The position an ascending id scan resumes after to start at `id` (only
// the id counts in id order).
store::Position ResumeAt(uint64_t id) {
  return store::Position{model::TimeMs{INT64_MIN}, model::EventId{id - 1}};
}

}  // namespace

ExportStream::ExportStream(store::EventStore& store, store::ScanSpec spec,
                           query::Selection selection, Format format, size_t piece_bytes)
    : store_(store),
      spec_(std::move(spec)),
      selection_(std::move(selection)),
      format_(format),
      piece_bytes_(piece_bytes) {
  spec_.bulk = true;
}

ExportStream::~ExportStream() {
  ahead_.clear();  // waits for the helper threads; unstarted deferred scans never run
}

Result<bool> ExportStream::Next(std::string* out) {
  if (done_) return false;
  if (!ceiling_) ceiling_ = store_.LastCommittedId().value;
  if (format_ == Format::kCsv && !header_done_) {
    out->append(CsvHeader());
    header_done_ = true;
  }
  if (next_begin_ == 0 && spec_.order == store::Order::kIdAsc && spec_.after && bytes_per_id_ > 0) {
    next_begin_ = spec_.after->id.value + 1;  // from here on, read ahead
  }
  return next_begin_ != 0 ? NextAhead(out) : NextSingle(out);
}

Result<ExportStream::Segment> ExportStream::Scan(store::ScanSpec spec, uint64_t end_id,
                                                 size_t budget, std::string* out) const {
  const bool ascending = spec.order == store::Order::kIdAsc;
  const size_t start = out->size();
  // Room for the whole budget and the event that crosses it, so the text is
  // never moved while it grows.
  out->reserve(start + budget + kEventSlack);
  Segment seg;
  Status row_status;
  Status s = query::ForEach(store_, spec, selection_, [&](const store::StoredEvent& e) {
    if (e.id.value > *ceiling_) {
      // Committed after the export began. In ascending id order nothing
      // that follows is older.
      if (!ascending) return store::Visit::kContinue;
      seg.end = End::kDone;
      return store::Visit::kStop;
    }
    if (e.id.value >= end_id) {
      seg.end = End::kEndId;
      return store::Visit::kStop;
    }
    if (format_ == Format::kNdjson) {
      out->append(e.canonical);
      out->push_back('\n');
    } else {
      row_status = AppendCsvRow(e.canonical, out);
      if (!row_status.ok()) return store::Visit::kStop;
    }
    ++seg.events;
    seg.last = store::Position{e.time, e.id};
    if (out->size() - start >= budget) {
      seg.end = End::kFull;
      return store::Visit::kStop;
    }
    return store::Visit::kContinue;
  });
  TK_RETURN_IF_ERROR(s);
  TK_RETURN_IF_ERROR(row_status);
  seg.bytes = out->size() - start;
  return seg;
}

void ExportStream::LearnDensity(size_t bytes, uint64_t ids) {
  if (ids == 0) return;
  if (bytes == 0) {
    // An empty range: the tenant's events are sparser here, so the next
    // ranges span twice the ids (a sparse tail takes a few ranges, not one
    // per half piece of ids).
    if (bytes_per_id_ > 0) bytes_per_id_ /= 2;
    return;
  }
  bytes_per_id_ = static_cast<double>(bytes) / static_cast<double>(ids);
}

Result<bool> ExportStream::NextSingle(std::string* out) {
  const uint64_t from_id = spec_.after ? spec_.after->id.value + 1 : 0;
  TK_ASSIGN_OR_RETURN(Segment seg, Scan(spec_, UINT64_MAX, piece_bytes_, out));
  events_written_ += seg.events;
  if (seg.last) {
    // A first piece starting at id 0 says nothing about the ids before the
    // tenant's first event.
    if (spec_.after) LearnDensity(seg.bytes, seg.last->id.value - from_id + 1);
    spec_.after = seg.last;
  }
  if (seg.end != End::kFull) done_ = true;
  return !done_;
}

void ExportStream::Launch(uint64_t begin, uint64_t end, bool front) {
  store::ScanSpec spec = spec_;
  spec.after = ResumeAt(begin);
  auto scan = [this, begin, end, spec](std::string text) {
    Chunk chunk;
    chunk.begin = begin;
    chunk.end = end;
    chunk.segment = Scan(spec, end, piece_bytes_, &text);
    chunk.text = std::move(text);
    return chunk;
  };
  std::string text;
  if (!spare_.empty()) {
    text = std::move(spare_.back());
    spare_.pop_back();
  }
  std::future<Chunk> chunk;
  try {
    chunk = std::async(std::launch::async, scan, std::move(text));
  } catch (const std::system_error&) {
    // No thread to be had: the scan runs when its piece is asked for.
    chunk = std::async(std::launch::deferred, scan, std::string());
  }
  if (front) {
    ahead_.push_front(std::move(chunk));
  } else {
    ahead_.push_back(std::move(chunk));
  }
}

void ExportStream::TopUp() {
  while (ahead_.size() < kReadAhead && next_begin_ <= *ceiling_) {
    const double want = kRangeShare * static_cast<double>(piece_bytes_) / bytes_per_id_;
    const uint64_t room = *ceiling_ - next_begin_ + 1;
    const uint64_t ids = want >= static_cast<double>(room)
                             ? room
                             : std::max<uint64_t>(1, static_cast<uint64_t>(want));
    Launch(next_begin_, next_begin_ + ids, /*front=*/false);
    next_begin_ += ids;
  }
}

Result<bool> ExportStream::NextAhead(std::string* out) {
  TopUp();
  if (ahead_.empty()) {
    done_ = true;
    return false;
  }
  Chunk chunk = ahead_.front().get();
  ahead_.pop_front();
  if (!chunk.segment.ok()) return chunk.segment.status();
  const Segment& seg = *chunk.segment;
  if (out->empty()) {
    std::swap(*out, chunk.text);  // the caller's emptied buffer becomes a spare
  } else {
    out->append(chunk.text);
  }
  chunk.text.clear();
  spare_.push_back(std::move(chunk.text));
  ++read_ahead_pieces_;
  events_written_ += seg.events;
  switch (seg.end) {
    case End::kFull:
      // Denser than expected: the rest of the range, if any, comes before
      // the ranges after it.
      LearnDensity(seg.bytes, seg.last->id.value - chunk.begin + 1);
      if (seg.last->id.value + 1 < chunk.end) {
        Launch(seg.last->id.value + 1, chunk.end, /*front=*/true);
      }
      break;
    case End::kEndId:
      LearnDensity(seg.bytes, chunk.end - chunk.begin);
      break;
    case End::kDone:
      // Nothing of the export follows this range: the ranges after it are
      // empty.
      ahead_.clear();
      next_begin_ = *ceiling_ + 1;
      break;
  }
  TopUp();
  done_ = ahead_.empty() && next_begin_ > *ceiling_;
  return !done_;
}

}  // namespace trailkeep::exporter
