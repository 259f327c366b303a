// Reading golden files (tests/golden/<suite>/*.txt): "language tests as data".
//
// Line format shared by every suite:
//   - blank lines and lines whose first character is '#' are ignored;
//   - "@<name> <value>" is a directive (suite-specific, e.g. "@now <iso>");
//   - anything else is a case "<input> => <expected>", split at the FIRST
//     " => ". The input is taken verbatim (it may contain spaces); a line
//     starting with "=> " has the empty input.
#pragma once

#include <string>
#include <vector>

namespace trailkeep::query::golden {

struct GoldenLine {
  std::string file;  // path, for failure messages
  int line = 0;      // 1-based
  bool directive = false;
  std::string name;   // directive name without '@'
  std::string input;  // case input, or directive value
  std::string expected;
  std::string Where() const { return file + ":" + std::to_string(line); }
};

// The directory tests/golden/<suite>: $TK_SOURCE_DIR/tests/golden/<suite>
// when TK_SOURCE_DIR is set, else found relative to this source file.
std::string GoldenDir(const std::string& suite);

// The *.txt files in `dir`, sorted by name.
std::vector<std::string> GoldenFiles(const std::string& dir);

// Parses one golden file. A malformed line (no " => ") is returned as a case
// with expected == "<malformed>" so that the test reports it.
std::vector<GoldenLine> ReadGoldenFile(const std::string& path);

}  // namespace trailkeep::query::golden
