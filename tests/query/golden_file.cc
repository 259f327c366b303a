#include "query/golden_file.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace trailkeep::query::golden {

std::string GoldenDir(const std::string& suite) {
  if (const char* root = std::getenv("TK_SOURCE_DIR"); root != nullptr && *root != '\0') {
    return std::string(root) + "/tests/golden/" + suite;
  }
#ifdef TK_SOURCE_ROOT
  // Set by CMake: also right at test discovery, where TK_SOURCE_DIR is not
  // set and __FILE__ may be relative (ccache with base_dir rewrites it).
  return std::string(TK_SOURCE_ROOT) + "/tests/golden/" + suite;
#else
  std::filesystem::path here(__FILE__);  // tests/query/golden_file.cc
  return (here.parent_path().parent_path() / "golden" / suite).string();
#endif
}

std::vector<std::string> GoldenFiles(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<GoldenLine> ReadGoldenFile(const std::string& path) {
  std::vector<GoldenLine> lines;
  std::ifstream in(path);
  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty() || text[0] == '#') continue;
    GoldenLine line;
    line.file = path;
    line.line = number;
    if (text[0] == '@') {
      line.directive = true;
      size_t space = text.find(' ');
      line.name = text.substr(1, space == std::string::npos ? std::string::npos : space - 1);
      if (space != std::string::npos) line.input = text.substr(space + 1);
    } else if (text.starts_with("=> ")) {
      line.expected = text.substr(3);
    } else if (size_t arrow = text.find(" => "); arrow != std::string::npos) {
      line.input = text.substr(0, arrow);
      line.expected = text.substr(arrow + 4);
    } else {
      line.input = text;
      line.expected = "<malformed>";
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace trailkeep::query::golden
