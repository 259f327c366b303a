// Counting the lines of streamed text (exports, ingest files).
#pragma once

#include <cstddef>
#include <string_view>

namespace trailkeep {

// The number of '\n' bytes in `text`. Runs at memchr's speed (tens of GB/s
// on sparse newlines, against 3-4 GB/s for a byte loop or std::count), so a
// client counting an export's records does not take a core from the server
// it measures.
size_t CountNewlines(std::string_view text);

}  // namespace trailkeep
