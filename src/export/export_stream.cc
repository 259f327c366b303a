#include "export/export_stream.h"

#include <algorithm>
#include <future>
#include <system_error>

#include "export/csv_row.h"

namespace trailkeep::exporter {
namespace {

// The first scan of a split piece aims at this share of the piece, a little
// under half; the second fills at most half. The first may go on to a whole
// piece before it reaches the split id: only when it fills that is the
// second's work wasted.
constexpr double kFirstShare = 0.45;

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

Result<bool> ExportStream::Next(std::string* out) {
  if (done_) return false;
  if (!ceiling_) ceiling_ = store_.LastCommittedId().value;
  if (format_ == Format::kCsv && !header_done_) {
    out->append(CsvHeader());
    header_done_ = true;
  }
  if (spec_.order == store::Order::kIdAsc && spec_.after && bytes_per_id_ > 0) {
    return NextSplit(out);
  }
  return NextSingle(out);
}

Result<ExportStream::Segment> ExportStream::Scan(std::optional<store::Position> after,
                                                 uint64_t end_id, size_t budget,
                                                 std::string* out) const {
  store::ScanSpec spec = spec_;
  spec.after = after;
  const bool ascending = spec.order == store::Order::kIdAsc;
  const size_t start = out->size();
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
      seg.end = End::kSplit;
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

void ExportStream::LearnDensity(uint64_t from_id, size_t bytes,
                                const std::optional<store::Position>& last) {
  if (!last || bytes == 0 || last->id.value < from_id) return;
  bytes_per_id_ =
      static_cast<double>(bytes) / static_cast<double>(last->id.value - from_id + 1);
}

Result<bool> ExportStream::NextSingle(std::string* out) {
  const uint64_t from_id = spec_.after ? spec_.after->id.value + 1 : 0;
  TK_ASSIGN_OR_RETURN(Segment seg, Scan(spec_.after, UINT64_MAX, piece_bytes_, out));
  events_written_ += seg.events;
  if (seg.last) {
    // A first piece starting at id 0 says nothing about the ids before the
    // tenant's first event.
    if (spec_.after) LearnDensity(from_id, seg.bytes, seg.last);
    spec_.after = seg.last;
  }
  if (seg.end != End::kFull) done_ = true;
  return !done_;
}

Result<bool> ExportStream::NextSplit(std::string* out) {
  const uint64_t from_id = spec_.after->id.value + 1;
  const double first_ids = kFirstShare * static_cast<double>(piece_bytes_) / bytes_per_id_;
  if (from_id > *ceiling_ || first_ids >= static_cast<double>(*ceiling_ - from_id)) {
    return NextSingle(out);  // the rest fits in about half a piece
  }
  const uint64_t split = from_id + std::max<uint64_t>(1, static_cast<uint64_t>(first_ids));

  second_text_.clear();  // keeps its capacity: no page faults for a fresh buffer
  std::future<Result<Segment>> second;
  try {
    second = std::async(std::launch::async, [&] {
      return Scan(ResumeAt(split), UINT64_MAX, piece_bytes_ / 2, &second_text_);
    });
  } catch (const std::system_error&) {
    return NextSingle(out);  // no thread to be had: one scan, as before
  }
  // The first scan may run past its share up to a whole piece before its
  // result makes the second's unusable (bursts of one tenant's batches make
  // the bytes per id uneven).
  Result<Segment> first = Scan(spec_.after, split, piece_bytes_, out);
  Result<Segment> rest = second.get();
  if (!first.ok()) return first.status();
  if (!rest.ok()) return rest.status();

  events_written_ += first->events;
  if (first->last) spec_.after = first->last;
  if (first->end == End::kFull) {
    // The split was too far: the second scan's events are not next. Its
    // work is lost; the density learnt from the first makes the next
    // split closer.
    LearnDensity(from_id, first->bytes, first->last);
    return true;
  }
  if (first->end == End::kDone) {
    done_ = true;  // nothing at or after the split is in the export
    return false;
  }
  // The first scan reached the split id: the second's events come next.
  out->append(second_text_);
  ++split_pieces_;
  events_written_ += rest->events;
  spec_.after = rest->last ? *rest->last : ResumeAt(split);
  LearnDensity(from_id, first->bytes + rest->bytes, spec_.after);
  if (rest->end != End::kFull) done_ = true;
  return !done_;
}

}  // namespace trailkeep::exporter
