// Reading whole input files; placing files in the data folders.
#ifndef CASHMATCH_TOOLS_FILE_IO_H_
#define CASHMATCH_TOOLS_FILE_IO_H_

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "cashmatch/status.h"

namespace cashmatch::tools {

// A file mapped read-only into memory: bank files are parsed in place, with
// no copy, and the kernel reads ahead as the parser streams through. The
// view stays valid while the object lives; the file must not be truncated
// meanwhile (inbox files are complete before they are taken). Move-only.
class MappedFile {
 public:
  // kNotFound or kIoError naming the path. An empty file maps to an empty
  // view.
  static Result<MappedFile> Open(const std::string& path);

  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view view() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

// A path in `dir` for a file called `name` that no file takes yet: the name
// itself, else prefixed with the first 12 characters of `content_hash`, so
// no file placed there overwrites another.
std::filesystem::path FreeFileName(const std::string& dir, const std::string& name,
                                   const std::string& content_hash);

// Writes `text` under a temporary name beside `path` and renames it, so a
// reader never sees half a file. kIoError naming the path.
Status WriteFileAtomically(const std::filesystem::path& path, const std::string& text);

// Moves (`move`) or copies `from` to `to`; a move across file systems is a
// copy and a remove. kIoError naming both.
Status PlaceFile(const std::string& from, const std::filesystem::path& to, bool move);

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_FILE_IO_H_
