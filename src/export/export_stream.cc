#include "export/export_stream.h"

#include "export/csv_row.h"

namespace trailkeep::exporter {

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
  if (format_ == Format::kCsv && !header_done_) {
    out->append(CsvHeader());
    header_done_ = true;
  }
  size_t limit = out->size() + piece_bytes_;
  bool stopped = false;
  Status row_status;
  std::optional<store::Position> last;
  Status s = query::ForEach(store_, spec_, selection_, [&](const store::StoredEvent& e) {
    if (format_ == Format::kNdjson) {
      out->append(e.canonical);
      out->push_back('\n');
    } else {
      row_status = AppendCsvRow(e.canonical, out);
      if (!row_status.ok()) return store::Visit::kStop;
    }
    ++events_written_;
    last = store::Position{e.time, e.id};
    if (out->size() >= limit) {
      stopped = true;
      return store::Visit::kStop;
    }
    return store::Visit::kContinue;
  });
  TK_RETURN_IF_ERROR(s);
  TK_RETURN_IF_ERROR(row_status);
  if (last) spec_.after = last;
  if (!stopped) done_ = true;
  return !done_;
}

}  // namespace trailkeep::exporter
